"""The NKI satisfaction survey: invitations per person and milestone, anonymous answers
(issue 17)

Revision ID: 0024_nki_survey
Revises: 0023_identity_number
Create Date: 2026-12-07 12:50:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0024_nki_survey"
down_revision = "0023_identity_number"
branch_labels = None
depends_on = None

FACTORS = ("information", "together", "available", "goals", "object")


def upgrade():
    op.create_table(
        "survey_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("sms_question", sa.Integer(), nullable=True),
        sa.Column("sms_answers", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_survey_invitation_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_invitation")),
        sa.UniqueConstraint("person_id", "milestone", name=op.f("uq_survey_invitation_person_id")),
    )
    with op.batch_alter_table("survey_invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_invitation_person_id"), ["person_id"], unique=False)
    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("milestone", sa.String(length=20), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("gender", sa.String(length=20), nullable=False),
        sa.Column("language_group", sa.String(length=8), nullable=False),
        sa.Column("months_in_programme", sa.Integer(), nullable=False),
        sa.Column("answered_month", sa.Date(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("overall_satisfied", sa.Integer(), nullable=False),
        sa.Column("overall_expectations", sa.Integer(), nullable=False),
        sa.Column("overall_ideal", sa.Integer(), nullable=False),
        *(sa.Column(f"factor_{name}", sa.Integer(), nullable=True) for name in FACTORS),
        sa.ForeignKeyConstraint(
            ["municipality_id"], ["organisation.id"], name=op.f("fk_survey_response_municipality_id_organisation")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_response_municipality_id"), ["municipality_id"], unique=False)


def downgrade():
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_response_municipality_id"))
    op.drop_table("survey_response")
    with op.batch_alter_table("survey_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_invitation_person_id"))
    op.drop_table("survey_invitation")
