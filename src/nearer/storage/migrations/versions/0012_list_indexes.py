"""Indexes in the order the growing lists are read, so a page costs its own rows, not the list's.

Revision ID: 0012_list_indexes
Revises: 0008_display_names
Create Date: 2026-12-03 08:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012_list_indexes"
down_revision: str | None = "0011_encryption_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# name, table, columns: each list's filter first, then its sort key (time, then id).
INDEXES = (
    ("ix_entries_owner_newest", "entries", ["owner_id", "created_at", "id"]),
    ("ix_entries_shared_newest", "entries", ["shared_couple_id", "created_at", "id"]),
    ("ix_support_audit_person_newest", "support_audit", ["person_id", "at", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
