"""A response may be bound to no couple: one brought back by an import, whose couple is past.

It is kept for its author (their export holds it) and shown to nobody, as imported check-ins,
bids and answers are (services/portability.py).

Revision ID: 0013_reactions_kept
Revises: 0012_list_indexes
Create Date: 2026-12-03 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_reactions_kept"
down_revision: str | None = "0012_list_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("entry_reactions") as batch:
        batch.alter_column("couple_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # Responses bound to no couple could not be stored before: they go with the downgrade.
    op.execute("DELETE FROM entry_reactions WHERE couple_id IS NULL")
    with op.batch_alter_table("entry_reactions") as batch:
        batch.alter_column("couple_id", existing_type=sa.Integer(), nullable=False)
