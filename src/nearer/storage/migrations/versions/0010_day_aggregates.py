"""Day totals: each person's journal added up per local day, so "My patterns" reads sums.

The tables start empty; each person's totals are built on their first patterns read (or by
`nearer admin rebuild-aggregates`), and kept up to date on every write after that.

Revision ID: 0010_day_aggregates
Revises: 0008_display_names
Create Date: 2026-12-03 08:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_day_aggregates"
down_revision: str | None = "0009_reactions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _person(table: str) -> sa.Column[int]:
    return sa.Column(
        "user_id",
        sa.Integer(),
        sa.ForeignKey("users.id", name=f"fk_{table}_user_id_users", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "day_totals",
        _person("day_totals"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("totals", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "day", name="pk_day_totals"),
    )
    op.create_table(
        "day_totals_zones",
        _person("day_totals_zones"),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_day_totals_zones"),
    )


def downgrade() -> None:
    op.drop_table("day_totals_zones")
    op.drop_table("day_totals")
