"""WhatsApp through Twilio: the channel of each message, its template and SMS fallback, each
person's channel, and each number's 24-hour window (issue 15)

Revision ID: 0021_whatsapp
Revises: 0019_link_domains
Create Date: 2026-12-07 12:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0021_whatsapp"
down_revision = "0019_link_domains"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sms_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", sa.String(length=10), server_default=sa.text("'sms'"), nullable=False))
        batch_op.add_column(sa.Column("template_sid", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("fallback_sms_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_sms_message_fallback_sms_id_sms_message"), "sms_message", ["fallback_sms_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_channel", sa.String(length=10), server_default=sa.text("'sms'"), nullable=False))
    op.create_table(
        "whatsapp_window",
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("last_channel", sa.String(length=10), nullable=False),
        sa.Column("last_whatsapp_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("phone", name=op.f("pk_whatsapp_window")),
    )


def downgrade():
    op.drop_table("whatsapp_window")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("message_channel")
    with op.batch_alter_table("sms_message", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_sms_message_fallback_sms_id_sms_message"), type_="foreignkey")
        batch_op.drop_column("fallback_sms_id")
        batch_op.drop_column("template_sid")
        batch_op.drop_column("channel")
