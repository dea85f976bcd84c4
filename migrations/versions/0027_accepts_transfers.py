"""Organisations that take no transfers (the demo's synthetic district)

Revision ID: 0027_accepts_transfers
Revises: 0026_section_reviews
Create Date: 2026-12-07 19:45:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0027_accepts_transfers"
down_revision = "0026_section_reviews"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("accepts_transfers", sa.Boolean(), server_default=sa.true(), nullable=False))
    # The demo's synthetic district (portal/services/demo_figures.py) has no caseworkers.
    op.execute("UPDATE organisation SET accepts_transfers = false WHERE slug = 'demo-syntetiska'")


def downgrade():
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("accepts_transfers")
