"""A newcomer's request to erase their data, confirmed by a caseworker (issue 13)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 05:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "erasure_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column(
            "status",
            sa.Enum("PENDING", "CONFIRMED", name="erasurerequeststatus", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"], ["staff_user.id"], name=op.f("fk_erasure_request_confirmed_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_erasure_request_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_request")),
    )
    with op.batch_alter_table("erasure_request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_erasure_request_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_erasure_request_status"), ["status"], unique=False)


def downgrade():
    with op.batch_alter_table("erasure_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_erasure_request_status"))
        batch_op.drop_index(batch_op.f("ix_erasure_request_person_id"))
    op.drop_table("erasure_request")
