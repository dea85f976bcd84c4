"""Sign-in code limits without races: a throttle row per number to lock

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 02:05:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "signin_throttle",
        sa.Column("phone_digest", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("phone_digest", name=op.f("pk_signin_throttle")),
    )
    with op.batch_alter_table("signin_throttle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signin_throttle_updated_at"), ["updated_at"], unique=False)


def downgrade():
    with op.batch_alter_table("signin_throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signin_throttle_updated_at"))
    op.drop_table("signin_throttle")
