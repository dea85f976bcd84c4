"""Staff notifications: an inbox per staff member, their e-mail choice, and the mail outbox (issue 15)

Revision ID: 0013_staff_notifications
Revises: 0012_decision_grounds
Create Date: 2026-12-07 12:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0013_staff_notifications"
down_revision = "0012_decision_grounds"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "NEW_OBJECTION", "HANDOFF", "OBJECTION_DUE", "OBJECTION_OVERDUE", "ESCALATION",
                name="notificationkind", native_enum=False, length=20,
            ),
            nullable=False,
        ),
        sa.Column("subject_key", sa.String(length=80), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("objection_id", sa.Integer(), nullable=True),
        sa.Column("handoff_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoff_request.id"], name=op.f("fk_staff_notification_handoff_id_handoff_request"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["objection_id"], ["objection.id"], name=op.f("fk_staff_notification_objection_id_objection"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_staff_notification_person_id_person"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"], name=op.f("fk_staff_notification_staff_id_staff_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_notification")),
        sa.UniqueConstraint("staff_id", "kind", "subject_key", name=op.f("uq_staff_notification_staff_id")),
    )
    with op.batch_alter_table("staff_notification", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_notification_person_id"), ["person_id"], unique=False)

    op.create_table(
        "staff_notification_setting",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("mail_mode", sa.Enum("EACH", "DAILY", "OFF", name="mailmode", native_enum=False, length=10), nullable=False),
        sa.Column("last_digest_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"], name=op.f("fk_staff_notification_setting_staff_id_staff_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_staff_notification_setting")),
    )

    op.create_table(
        "mail_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("backend", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error_code", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_user.id"], name=op.f("fk_mail_message_staff_id_staff_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_message")),
    )
    with op.batch_alter_table("mail_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_message_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_mail_message_staff_id"), ["staff_id"], unique=False)


def downgrade():
    with op.batch_alter_table("mail_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_message_staff_id"))
        batch_op.drop_index(batch_op.f("ix_mail_message_created_at"))
    op.drop_table("mail_message")
    op.drop_table("staff_notification_setting")
    with op.batch_alter_table("staff_notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_notification_person_id"))
    op.drop_table("staff_notification")
