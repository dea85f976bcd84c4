"""Municipality contacts: the reception's phone, e-mail, address and opening hours for the
contact page, edited by the municipality's own editors (issue 14, item 4)

Revision ID: 0018_municipality_contact
Revises: 0016_caseworker_tools
Create Date: 2026-12-07 11:50:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0018_municipality_contact"
down_revision = "0016_caseworker_tools"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "municipality_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("opening_hours", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_municipality_contact_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["staff_user.id"],
            name=op.f("fk_municipality_contact_updated_by_id_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipality_contact")),
        sa.UniqueConstraint("organisation_id", name=op.f("uq_municipality_contact_organisation_id")),
    )


def downgrade():
    op.drop_table("municipality_contact")
