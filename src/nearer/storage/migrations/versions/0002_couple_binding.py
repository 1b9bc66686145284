"""Bind every shared thing to the couple it was shared in; couples are ended, never deleted.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 14:40:00

Existing shares, consents, notes and questionnaire answers are bound to the couple their
author is in now; anything made while single, or in a couple that has already ended, becomes
private, because nobody can say any more whom it was meant for.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BOUND = (
    ("entries", "shared_couple_id", "owner_id"),
    ("consents", "couple_id", "user_id"),
    ("guide_reflections", "couple_id", "author_id"),
    ("instrument_responses", "couple_id", "user_id"),
)


def upgrade() -> None:
    with op.batch_alter_table("couples") as batch:
        batch.add_column(sa.Column("ended_at", sa.DateTime(), nullable=True))
    for table, column, person in _BOUND:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch.create_foreign_key(
                f"fk_{table}_{column}_couples", "couples", [column], ["id"], ondelete="SET NULL"
            )
            batch.create_index(f"ix_{table}_{column}", [column])
        op.execute(
            f"UPDATE {table} SET {column} = (SELECT m.couple_id FROM couple_members m"
            f" WHERE m.user_id = {table}.{person})"
        )
    op.execute(
        "UPDATE entries SET visibility = 'private'"
        " WHERE visibility = 'shared' AND shared_couple_id IS NULL"
    )
    op.execute("UPDATE entries SET shared_couple_id = NULL WHERE visibility <> 'shared'")
    op.execute("DELETE FROM consents WHERE couple_id IS NULL")


def downgrade() -> None:
    for table, column, _person in reversed(_BOUND):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_{column}")
            batch.drop_constraint(f"fk_{table}_{column}_couples", type_="foreignkey")
            batch.drop_column(column)
    with op.batch_alter_table("couples") as batch:
        batch.drop_column("ended_at")
