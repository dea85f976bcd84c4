"""A stranger's request for a person, taken by a reception (issue 21, item 4)

A request from a number that belongs to no registered person has no person; the conversation
keeps the service number it was written to, which says whose reception takes it.

Revision ID: 0025_stranger_handoffs
Revises: 0024_nki_survey
Create Date: 2026-12-07 15:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0025_stranger_handoffs"
down_revision = "0024_nki_survey"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("handoff_request", schema=None) as batch_op:
        batch_op.alter_column("person_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_number", sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table("conversation", schema=None) as batch_op:
        batch_op.drop_column("service_number")
    # Requests without a person cannot survive the column becoming required again.
    op.execute("DELETE FROM handoff_request WHERE person_id IS NULL")
    with op.batch_alter_table("handoff_request", schema=None) as batch_op:
        batch_op.alter_column("person_id", existing_type=sa.Integer(), nullable=False)
