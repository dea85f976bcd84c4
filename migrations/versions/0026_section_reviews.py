"""Translators' reviews, section by section (issue 16, item 3)

Revision ID: 0026_section_reviews
Revises: 0025_stranger_handoffs
Create Date: 2026-12-07 15:30:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0026_section_reviews"
down_revision = "0025_stranger_handoffs"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "section_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("anchor", sa.String(length=80), nullable=False),
        sa.Column("text_hash", sa.String(length=12), nullable=False),
        sa.Column("source_revision", sa.String(length=12), nullable=False),
        sa.Column("source_hash", sa.String(length=12), nullable=False),
        sa.Column("source_markdown", sa.Text(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_by_staff_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["module_id"], ["content_module.id"], name=op.f("fk_section_review_module_id_content_module"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["content_revision.id"],
            name=op.f("fk_section_review_revision_id_content_revision"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_staff_id"],
            ["staff_user.id"],
            name=op.f("fk_section_review_reviewed_by_staff_id_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_section_review")),
    )
    op.create_index("ix_section_review_module_language", "section_review", ["module_id", "language", "anchor"])


def downgrade():
    op.drop_index("ix_section_review_module_language", table_name="section_review")
    op.drop_table("section_review")
