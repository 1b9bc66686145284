"""The daily rhythm: time zone and check-in time per person, check-ins, bids, small steps,
breaks and closeness answers.

Revision ID: 0007_daily_rhythm
Revises: 0006_getting_support
Create Date: 2026-12-02 18:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_daily_rhythm"
down_revision: str | None = "0006_getting_support"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _person(table: str, column: str = "user_id") -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey("users.id", name=f"fk_{table}_{column}_users", ondelete="CASCADE"),
        nullable=False,
    )


def _couple(table: str, column: str) -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey("couples.id", name=f"fk_{table}_{column}_couples", ondelete="SET NULL"),
        nullable=True,
    )


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("time_zone", sa.String(64), nullable=True))
        batch.add_column(sa.Column("checkin_time", sa.String(5), nullable=True))
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        _person("checkins"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("closeness", sa.Integer(), nullable=False),
        sa.Column("mood", sa.String(64), nullable=False),
        sa.Column("note_kind", sa.String(16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _couple("checkins", "couple_id"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.UniqueConstraint("user_id", "day", name="uq_checkins_user_id"),
    )
    _indexes("checkins", "user_id", "day", "couple_id")
    op.create_table(
        "bids",
        sa.Column("id", sa.Integer(), nullable=False),
        _person("bids", "author_id"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("direction", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("response", sa.String(16), nullable=False),
        sa.Column("visibility", sa.String(16), nullable=False),
        _couple("bids", "shared_couple_id"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bids"),
    )
    _indexes("bids", "author_id", "day", "shared_couple_id")
    op.create_table(
        "step_picks",
        sa.Column("id", sa.Integer(), nullable=False),
        _person("step_picks"),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("step_id", sa.String(64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(16), nullable=False),
        _couple("step_picks", "shared_couple_id"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_step_picks"),
    )
    _indexes("step_picks", "user_id", "week", "shared_couple_id")
    op.create_table(
        "step_days",
        sa.Column(
            "pick_id",
            sa.Integer(),
            sa.ForeignKey("step_picks.id", name="fk_step_days_pick_id_step_picks", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("pick_id", "day", name="pk_step_days"),
    )
    op.create_table(
        "breaks",
        sa.Column("id", sa.Integer(), nullable=False),
        _person("breaks"),
        _couple("breaks", "couple_id"),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("return_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_breaks"),
    )
    _indexes("breaks", "user_id", "couple_id")
    op.create_table(
        "question_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        _person("question_answers"),
        sa.Column("question_id", sa.String(64), nullable=False),
        _couple("question_answers", "couple_id"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_question_answers"),
    )
    _indexes("question_answers", "user_id", "question_id", "couple_id")


def downgrade() -> None:
    for table in ("question_answers", "breaks", "step_days", "step_picks", "bids", "checkins"):
        op.drop_table(table)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("checkin_time")
        batch.drop_column("time_zone")
