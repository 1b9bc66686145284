"""Responses to a shared entry (a warm reaction and/or a short reply, bound to the couple), and
questionnaire drafts (answers kept screen by screen until the questionnaire is finished).

Revision ID: 0009_reactions
Revises: 0008_display_names
Create Date: 2026-12-03 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_reactions"
down_revision: str | None = "0008_display_names"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ref(column: str, table: str) -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(
            f"{table}.id", name=f"fk_entry_reactions_{column}_{table}", ondelete="CASCADE"
        ),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "entry_reactions",
        sa.Column("id", sa.Integer(), nullable=False),
        _ref("entry_id", "entries"),
        _ref("author_id", "users"),
        _ref("couple_id", "couples"),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("uid", sa.String(36), nullable=True),  # binds the sealed reply to this row
        sa.Column("shared_copy", sa.Text(), nullable=True),  # the reply under the couple's key
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entry_reactions"),
        sa.UniqueConstraint("uid", name="uq_entry_reactions_uid"),
    )
    for column in ("entry_id", "author_id", "couple_id"):
        op.create_index(f"ix_entry_reactions_{column}", "entry_reactions", [column])
    op.create_table(
        "questionnaire_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", name="fk_questionnaire_drafts_user_id_users", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("instrument_id", sa.String(64), nullable=False),
        sa.Column("about", sa.String(16), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_questionnaire_drafts"),
        sa.UniqueConstraint("user_id", "instrument_id", "about", name="uq_questionnaire_drafts_user_id"),
    )
    op.create_index("ix_questionnaire_drafts_user_id", "questionnaire_drafts", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_questionnaire_drafts_user_id", "questionnaire_drafts")
    op.drop_table("questionnaire_drafts")
    for column in ("entry_id", "author_id", "couple_id"):
        op.drop_index(f"ix_entry_reactions_{column}", "entry_reactions")
    op.drop_table("entry_reactions")
