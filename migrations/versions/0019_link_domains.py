"""The region's allow-list of link domains (issue 20, item 8)

Revision ID: 0019_link_domains
Revises: 0018_municipality_contact
Create Date: 2026-12-07 12:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0019_link_domains"
down_revision = "0018_municipality_contact"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "link_domain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["region_id"], ["organisation.id"], name=op.f("fk_link_domain_region_id_organisation"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["staff_user.id"], name=op.f("fk_link_domain_added_by_id_staff_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_domain")),
        sa.UniqueConstraint("region_id", "domain", name=op.f("uq_link_domain_region_id")),
    )
    op.create_index(op.f("ix_link_domain_region_id"), "link_domain", ["region_id"])


def downgrade():
    op.drop_index(op.f("ix_link_domain_region_id"), table_name="link_domain")
    op.drop_table("link_domain")
