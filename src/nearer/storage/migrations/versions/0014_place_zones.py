"""Time zones that are no place's clock are forgotten: `localtime`, `Factory`, `posixrules` and
the `posix/` and `right/` copies were once accepted and are refused now (domain/field_checks.py,
`is_place_zone`). A person who saved one reads in UTC, as before they chose a zone, until they
choose a place.

Revision ID: 0014_place_zones
Revises: 0013_reactions_kept
Create Date: 2026-12-07 22:45:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014_place_zones"
down_revision: str | None = "0013_reactions_kept"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE users SET time_zone = NULL WHERE lower(time_zone) IN "
        "('localtime', 'factory', 'posixrules') "
        "OR lower(time_zone) LIKE 'posix/%' OR lower(time_zone) LIKE 'right/%'"
    )


def downgrade() -> None:
    pass  # the names forgotten are not brought back: they were never a place's clock
