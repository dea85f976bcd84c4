"""Searches with no good answer, aggregated per language and ISO week, for editors

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 02:40:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "unanswered_query",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unanswered_query")),
        sa.UniqueConstraint("language", "week", "text", name=op.f("uq_unanswered_query_language")),
    )
    with op.batch_alter_table("unanswered_query", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unanswered_query_week"), ["week"], unique=False)


def downgrade():
    with op.batch_alter_table("unanswered_query", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unanswered_query_week"))
    op.drop_table("unanswered_query")
