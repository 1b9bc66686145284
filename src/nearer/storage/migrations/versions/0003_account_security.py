"""Account security: recovery codes, session details, and atomic attempt counters.

Revision ID: 0003_account_security
Revises: 0002
Create Date: 2026-12-02 18:55:00

Existing sessions get a public id derived from their stored hash (it grants nothing) and are
"last seen" when they were created. The old per-failure rows are replaced by one counter row
per bucket; the failures already counted are simply forgotten.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_account_security"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("recovery_hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("auth_sessions") as batch:
        batch.add_column(sa.Column("public_id", sa.String(length=22), nullable=True))
        batch.add_column(sa.Column("last_seen_at", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("device", sa.String(length=64), nullable=False, server_default="")
        )
    op.execute(
        "UPDATE auth_sessions SET public_id = substr(token_hash, 1, 22), last_seen_at = created_at"
    )
    with op.batch_alter_table("auth_sessions") as batch:
        batch.alter_column("public_id", existing_type=sa.String(length=22), nullable=False)
        batch.alter_column("last_seen_at", existing_type=sa.DateTime(), nullable=False)
        batch.create_unique_constraint("uq_auth_sessions_public_id", ["public_id"])
        batch.create_index("ix_auth_sessions_expires_at", ["expires_at"])

    op.create_table(
        "throttle_buckets",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_throttle_buckets"),
    )
    op.create_index("ix_throttle_buckets_window_start", "throttle_buckets", ["window_start"])

    with op.batch_alter_table("login_failures") as batch:
        batch.drop_index("ix_login_failures_at")
        batch.drop_index("ix_login_failures_address")
        batch.drop_index("ix_login_failures_account")
    op.drop_table("login_failures")


def downgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=320), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    with op.batch_alter_table("login_failures") as batch:
        batch.create_index("ix_login_failures_account", ["account"])
        batch.create_index("ix_login_failures_address", ["address"])
        batch.create_index("ix_login_failures_at", ["at"])
    op.drop_index("ix_throttle_buckets_window_start", table_name="throttle_buckets")
    op.drop_table("throttle_buckets")
    with op.batch_alter_table("auth_sessions") as batch:
        batch.drop_index("ix_auth_sessions_expires_at")
        batch.drop_constraint("uq_auth_sessions_public_id", type_="unique")
        batch.drop_column("device")
        batch.drop_column("last_seen_at")
        batch.drop_column("public_id")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("recovery_hash")
