"""Activity reminders: one row per occurrence and kind, and each newcomer's reminder choice

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 09:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "activity_reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("original_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.Enum("EVENING_BEFORE", "HOURS_BEFORE", name="reminderkind", native_enum=False, length=20), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "SCHEDULED", "SENDING", "SENT", "CANCELLED", "DROPPED", "SKIPPED",
                name="reminderstatus", native_enum=False, length=12,
            ),
            nullable=False,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sms_message_id", sa.Integer(), nullable=True),
        sa.Column("handoff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["activity_id"], ["plan_activity.id"], name=op.f("fk_activity_reminder_activity_id_plan_activity"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoff_request.id"], name=op.f("fk_activity_reminder_handoff_id_handoff_request"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_activity_reminder_person_id_person"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sms_message_id"], ["sms_message.id"], name=op.f("fk_activity_reminder_sms_message_id_sms_message"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_reminder")),
        sa.UniqueConstraint("activity_id", "original_date", "kind", name=op.f("uq_activity_reminder_activity_id")),
    )
    with op.batch_alter_table("activity_reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_reminder_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_reminder_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_reminder_status"), ["status"], unique=False)

    op.create_table(
        "reminder_preference",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("evening_before", sa.Boolean(), nullable=False),
        sa.Column("evening_hour", sa.Integer(), nullable=True),
        sa.Column("hours_before", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_reminder_preference_person_id_person"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_reminder_preference")),
    )


def downgrade():
    op.drop_table("reminder_preference")
    with op.batch_alter_table("activity_reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_reminder_status"))
        batch_op.drop_index(batch_op.f("ix_activity_reminder_person_id"))
        batch_op.drop_index(batch_op.f("ix_activity_reminder_due_at"))
    op.drop_table("activity_reminder")
