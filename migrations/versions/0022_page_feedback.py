"""'Was this page helpful?': anonymous answers per civic-information module and language
(issue 14, item 6)

Revision ID: 0022_page_feedback
Revises: 0021_whatsapp
Create Date: 2026-12-07 12:10:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0022_page_feedback"
down_revision = "0021_whatsapp"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "page_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("module_slug", sa.String(length=80), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_feedback")),
    )
    with op.batch_alter_table("page_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_page_feedback_module_slug"), ["module_slug"], unique=False)


def downgrade():
    with op.batch_alter_table("page_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_feedback_module_slug"))
    op.drop_table("page_feedback")
