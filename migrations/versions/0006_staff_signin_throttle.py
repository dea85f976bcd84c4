"""Staff sign-in failures per account and address, with a progressive wait, instead of a lock
on the account that anyone could trigger

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 02:30:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "staff_signin_throttle",
        sa.Column("account_digest", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=45), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wait_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("account_digest", "address", name=op.f("pk_staff_signin_throttle")),
    )
    with op.batch_alter_table("staff_signin_throttle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_signin_throttle_last_failure_at"), ["last_failure_at"], unique=False)
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_attempts")


def downgrade():
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("staff_signin_throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_signin_throttle_last_failure_at"))
    op.drop_table("staff_signin_throttle")
