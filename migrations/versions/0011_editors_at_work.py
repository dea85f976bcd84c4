"""Editors at work: the revision an edit was based on, who published and who reviewed, edit
presence, and a region's rule that Swedish changes need a second editor (issue 20)

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-07 08:30:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("content_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("base_revision_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("published_by_staff_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_by_staff_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_content_revision_base_revision_id_content_revision"),
            "content_revision",
            ["base_revision_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_content_revision_published_by_staff_id_staff_user"),
            "staff_user",
            ["published_by_staff_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_content_revision_reviewed_by_staff_id_staff_user"),
            "staff_user",
            ["reviewed_by_staff_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source_approval_required", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    op.create_table(
        "content_edit_presence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["content_module.id"],
            name=op.f("fk_content_edit_presence_module_id_content_module"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff_user.id"],
            name=op.f("fk_content_edit_presence_staff_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_edit_presence")),
        sa.UniqueConstraint("module_id", "language", "staff_id", name=op.f("uq_content_edit_presence_module_id")),
    )


def downgrade():
    op.drop_table("content_edit_presence")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("source_approval_required")
    with op.batch_alter_table("content_revision", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_content_revision_reviewed_by_staff_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_content_revision_published_by_staff_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_content_revision_base_revision_id_content_revision"), type_="foreignkey"
        )
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by_staff_id")
        batch_op.drop_column("published_by_staff_id")
        batch_op.drop_column("base_revision_id")
