"""Interpreter requests: the language on the person and on the handoff request

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 03:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interpreter_language', sa.String(length=8), nullable=True))
    with op.batch_alter_table('handoff_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interpreter_language', sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table('handoff_request', schema=None) as batch_op:
        batch_op.drop_column('interpreter_language')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('interpreter_language')
