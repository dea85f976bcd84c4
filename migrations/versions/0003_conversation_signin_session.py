"""A personal web-chat conversation is bound to its sign-in session

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 01:55:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signin_session_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_conversation_signin_session_id'), ['signin_session_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_conversation_signin_session_id_signin_session'),
            'signin_session',
            ['signin_session_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conversation_signin_session_id_signin_session'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_conversation_signin_session_id'))
        batch_op.drop_column('signin_session_id')
