"""Caseworkers' tasks, created by events in a case (issue 21)

Revision ID: 0010
Revises: 0011
Create Date: 2026-12-07 09:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "NO_PLAN",
                "UNCONFIRMED",
                "OBJECTION_DUE",
                "REVIEW_UPHELD",
                "HANDOFF_WAITING",
                name="taskkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("subject_key", sa.String(length=80), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(length=8), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assigned_to_id", sa.Integer(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_to_id"], ["staff_user.id"], name=op.f("fk_task_assigned_to_id_staff_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["done_by_id"], ["staff_user.id"], name=op.f("fk_task_done_by_id_staff_user"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_task_person_id_person"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
        sa.UniqueConstraint("kind", "subject_key", name=op.f("uq_task_kind")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_task_done_at"), ["done_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_person_id"), ["person_id"], unique=False)


def downgrade():
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_person_id"))
        batch_op.drop_index(batch_op.f("ix_task_done_at"))
    op.drop_table("task")
