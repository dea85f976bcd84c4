"""A person's personnummer or samordningsnummer, encrypted (issue 21, item 7)

Revision ID: 0023_identity_number
Revises: 0022_page_feedback
Create Date: 2026-12-07 12:10:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0023_identity_number"
down_revision = "0022_page_feedback"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("identity_number_encrypted", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("identity_number_kind", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("identity_number_kind")
        batch_op.drop_column("identity_number_encrypted")
