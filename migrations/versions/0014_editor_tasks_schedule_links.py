"""Editors at work, part two: translators' languages and tasks, scheduled publishing, local
section translations and the link checker (issue 20)

Revision ID: 0014_editor_tasks
Revises: 0013_staff_notifications
Create Date: 2026-12-07 11:45:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0014_editor_tasks"
down_revision = "0013_staff_notifications"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("content_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_content_revision_publish_at"), ["publish_at"], unique=False)
    with op.batch_alter_table("local_section", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_section_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("source_hash", sa.String(length=12), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_local_section_source_section_id_local_section"),
            "local_section",
            ["source_section_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "translator_language",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff_user.id"], name=op.f("fk_translator_language_staff_id_staff_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translator_language")),
        sa.UniqueConstraint("staff_id", "language", name=op.f("uq_translator_language_staff_id")),
    )
    op.create_index(op.f("ix_translator_language_staff_id"), "translator_language", ["staff_id"])
    op.create_index(op.f("ix_translator_language_language"), "translator_language", ["language"])
    op.create_table(
        "translation_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("module_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("source_revision", sa.String(length=12), nullable=False),
        sa.Column("source_revision_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("done_revision_id", sa.Integer(), nullable=True),
        sa.Column("closed", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(
            ["module_id"], ["content_module.id"], name=op.f("fk_translation_task_module_id_content_module"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_revision_id"],
            ["content_revision.id"],
            name=op.f("fk_translation_task_source_revision_id_content_revision"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["done_by_id"], ["staff_user.id"], name=op.f("fk_translation_task_done_by_id_staff_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["done_revision_id"],
            ["content_revision.id"],
            name=op.f("fk_translation_task_done_revision_id_content_revision"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_task")),
        sa.UniqueConstraint("module_id", "language", "source_revision", name=op.f("uq_translation_task_module_id")),
    )
    op.create_index(op.f("ix_translation_task_language"), "translation_task", ["language"])
    op.create_index(op.f("ix_translation_task_done_at"), "translation_task", ["done_at"])
    op.create_table(
        "link_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("broken_since", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_check")),
        sa.UniqueConstraint("url", name=op.f("uq_link_check_url")),
    )


def downgrade():
    op.drop_table("link_check")
    op.drop_index(op.f("ix_translation_task_done_at"), table_name="translation_task")
    op.drop_index(op.f("ix_translation_task_language"), table_name="translation_task")
    op.drop_table("translation_task")
    op.drop_index(op.f("ix_translator_language_language"), table_name="translator_language")
    op.drop_index(op.f("ix_translator_language_staff_id"), table_name="translator_language")
    op.drop_table("translator_language")
    with op.batch_alter_table("local_section", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_local_section_source_section_id_local_section"), type_="foreignkey")
        batch_op.drop_column("source_hash")
        batch_op.drop_column("source_section_id")
    with op.batch_alter_table("content_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_content_revision_publish_at"))
        batch_op.drop_column("publish_at")
