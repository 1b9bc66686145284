"""Display names, onboarding, the quick-exit choice, and the app lock on a login.

Revision ID: 0008_display_names
Revises: 0007_daily_rhythm
Create Date: 2026-12-03 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_display_names"
down_revision: str | None = "0007_daily_rhythm"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("display_name", sa.String(40), nullable=True))
        batch.add_column(sa.Column("onboarded_at", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("exit_logs_out", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    # People who were already using Nearer have no need of the welcome screens.
    op.execute("UPDATE users SET onboarded_at = created_at")
    with op.batch_alter_table("auth_sessions") as batch:
        batch.add_column(sa.Column("lock_pin_hash", sa.String(255), nullable=True))
        batch.add_column(sa.Column("lock_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("active_at", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("lock_misses", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("auth_sessions") as batch:
        for column in ("lock_misses", "locked", "active_at", "lock_minutes", "lock_pin_hash"):
            batch.drop_column(column)
    with op.batch_alter_table("users") as batch:
        for column in ("exit_logs_out", "onboarded_at", "display_name"):
            batch.drop_column(column)
