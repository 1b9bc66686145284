"""Encryption at rest: each person's wrapped keys, a session's carried key, couple keys, grant
keys, a stable random uid on every row whose text is sealed (it is the associated data), the
partner's sealed copy of shared text, the professionals' sealed copies of granted entries, and text-wide columns for derived labels that are sealed.

Revision ID: 0011_encryption_keys
Revises: 0008_display_names
Create Date: 2026-12-03 07:45:00
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_encryption_keys"
down_revision: str | None = "0010_day_aggregates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_UID = ("guide_reflections", "checkins", "bids", "step_picks", "question_answers")
WITH_COPY = ("entries", *NEW_UID)
WIDENED = {"entries": ("family", "safety_level"), "guide_reflections": ("safety_level",)}


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("key_kdf", sa.String(64), nullable=True))
        batch.add_column(sa.Column("key_salt", sa.String(64), nullable=True))
        batch.add_column(sa.Column("key_by_password", sa.Text(), nullable=True))
        batch.add_column(sa.Column("recovery_salt", sa.String(64), nullable=True))
        batch.add_column(sa.Column("key_by_recovery", sa.Text(), nullable=True))
        batch.add_column(sa.Column("public_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("private_key", sa.Text(), nullable=True))
    with op.batch_alter_table("auth_sessions") as batch:
        batch.add_column(sa.Column("sealed_key", sa.Text(), nullable=True))
    op.create_table(
        "couple_keys",
        sa.Column(
            "couple_id",
            sa.Integer(),
            sa.ForeignKey(
                "couples.id", name="fk_couple_keys_couple_id_couples", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", name="fk_couple_keys_user_id_users", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("wrapped", sa.Text(), nullable=False),
        sa.Column("how", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("couple_id", "user_id", name="pk_couple_keys"),
    )
    op.create_table(
        "grant_keys",
        sa.Column(
            "link_id",
            sa.Integer(),
            sa.ForeignKey(
                "professional_links.id",
                name="fk_grant_keys_link_id_professional_links",
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column("for_person", sa.Text(), nullable=False),
        sa.Column("for_professional", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("link_id", name="pk_grant_keys"),
    )
    for table in NEW_UID:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("uid", sa.String(36), nullable=True))
        rows = sa.table(table, sa.column("id", sa.Integer()), sa.column("uid", sa.String(36)))
        conn = op.get_bind()
        for (row_id,) in conn.execute(sa.select(rows.c.id)).all():
            conn.execute(rows.update().where(rows.c.id == row_id).values(uid=str(uuid.uuid4())))
        op.create_index(f"uq_{table}_uid", table, ["uid"], unique=True)
    for table in WITH_COPY:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("shared_copy", sa.Text(), nullable=True))
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("grant_copies", sa.JSON(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":  # SQLite never enforced the length
        for table, columns in WIDENED.items():
            for column in columns:
                op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(16))


def downgrade() -> None:
    for table in WITH_COPY:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("shared_copy")
    for table in NEW_UID:
        op.drop_index(f"uq_{table}_uid", table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("uid")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("grant_copies")
    op.drop_table("grant_keys")
    op.drop_table("couple_keys")
    with op.batch_alter_table("auth_sessions") as batch:
        batch.drop_column("sealed_key")
    with op.batch_alter_table("users") as batch:
        for column in (
            "private_key", "public_key", "key_by_recovery", "recovery_salt",
            "key_by_password", "key_salt", "key_kdf",
        ):  # fmt: skip
            batch.drop_column(column)
