"""Decision grounds: the catalogued part of a decision's reasons, read in the newcomer's
language (issue 14, item 3)

Revision ID: 0012_decision_grounds
Revises: 0010
Create Date: 2026-12-07 11:45:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0012_decision_grounds"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    # Decisions made before grounds existed have none: their reasons stay the caseworker's text.
    with op.batch_alter_table("objection_decision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("grounds", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))


def downgrade():
    with op.batch_alter_table("objection_decision", schema=None) as batch_op:
        batch_op.drop_column("grounds")
