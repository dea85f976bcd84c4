"""Caseworker tools (issue 21): plan templates per municipality, reasons on cancelled
occurrences, one SMS per batch of plan edits, how the plan was approved, a handoff's outcome and a
transfer's handover note

Revision ID: 0016_caseworker_tools
Revises: 0014_editor_tasks
Create Date: 2026-12-07 11:50:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0016_caseworker_tools"
down_revision = "0014_editor_tasks"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "plan_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_plan_template_created_by_id_staff_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_plan_template_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_template")),
        sa.UniqueConstraint("organisation_id", "name", name=op.f("uq_plan_template_organisation_id")),
    )
    with op.batch_alter_table("plan_template", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_template_organisation_id"), ["organisation_id"], unique=False)
    with op.batch_alter_table("plan_occurrence_change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=20), nullable=True))
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("acknowledged_channel", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("notified_revision", sa.Integer(), nullable=True))
    with op.batch_alter_table("person_transfer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
    with op.batch_alter_table("handoff_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("closing_note", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("handoff_request", schema=None) as batch_op:
        batch_op.drop_column("closing_note")
        batch_op.drop_column("outcome")
    with op.batch_alter_table("person_transfer", schema=None) as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("notified_revision")
        batch_op.drop_column("acknowledged_channel")
    with op.batch_alter_table("plan_occurrence_change", schema=None) as batch_op:
        batch_op.drop_column("reason")
    with op.batch_alter_table("plan_template", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_template_organisation_id"))
    op.drop_table("plan_template")
