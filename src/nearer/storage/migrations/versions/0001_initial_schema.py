"""Initial schema: people, couples, sessions, entries, screens, instruments, guides.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 18:23:09.020573
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "app_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_settings")),
    )
    op.create_table(
        "couples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_couples")),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=320), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_failures_account"), ["account"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_failures_address"), ["address"], unique=False)
        batch_op.create_index(batch_op.f("ix_login_failures_at"), ["at"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("country", sa.String(length=32), nullable=True),
        sa.Column("last_prompt_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_table(
        "auth_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_auth_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_auth_sessions")),
    )
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "consents",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=64), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_consents_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "scope", name=op.f("pk_consents")),
    )
    op.create_table(
        "couple_members",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("couple_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_couple_members_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_couple_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_couple_members")),
    )
    with op.batch_alter_table("couple_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_couple_members_couple_id"), ["couple_id"], unique=False
        )

    op.create_table(
        "custom_instruments",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"],
            ["users.id"],
            name=op.f("fk_custom_instruments_added_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_instruments")),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("prompt_id", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("feelings", sa.JSON(), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("emotions", sa.JSON(), nullable=True),
        sa.Column("family", sa.String(length=16), nullable=True),
        sa.Column("safety_level", sa.String(length=16), nullable=False),
        sa.Column("safety_kinds", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_entries_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
        sa.UniqueConstraint("uid", name=op.f("uq_entries_uid")),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entries_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_entries_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "guide_reads",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.String(length=64), nullable=False),
        sa.Column("first_read_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_guide_reads_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "guide_id", name=op.f("pk_guide_reads")),
    )
    op.create_table(
        "guide_reflections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("safety_level", sa.String(length=16), nullable=False),
        sa.Column("safety_kinds", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_guide_reflections_author_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_reflections")),
        sa.UniqueConstraint("author_id", "guide_id", name=op.f("uq_guide_reflections_author_id")),
    )
    with op.batch_alter_table("guide_reflections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_guide_reflections_author_id"), ["author_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_guide_reflections_guide_id"), ["guide_id"], unique=False
        )

    op.create_table(
        "instrument_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.String(length=64), nullable=False),
        sa.Column("instrument_version", sa.String(length=32), nullable=False),
        sa.Column("about", sa.String(length=16), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_instrument_responses_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instrument_responses")),
    )
    with op.batch_alter_table("instrument_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_instrument_responses_instrument_id"), ["instrument_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_instrument_responses_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "invites",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("inviter_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inviter_id"],
            ["users.id"],
            name=op.f("fk_invites_inviter_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_invites")),
    )
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invites_inviter_id"), ["inviter_id"], unique=False)

    op.create_table(
        "safety_screens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("positive", sa.Boolean(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_safety_screens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_screens")),
    )
    with op.batch_alter_table("safety_screens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safety_screens_user_id"), ["user_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("safety_screens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safety_screens_user_id"))

    op.drop_table("safety_screens")
    with op.batch_alter_table("invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invites_inviter_id"))

    op.drop_table("invites")
    with op.batch_alter_table("instrument_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_instrument_responses_user_id"))
        batch_op.drop_index(batch_op.f("ix_instrument_responses_instrument_id"))

    op.drop_table("instrument_responses")
    with op.batch_alter_table("guide_reflections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_reflections_guide_id"))
        batch_op.drop_index(batch_op.f("ix_guide_reflections_author_id"))

    op.drop_table("guide_reflections")
    op.drop_table("guide_reads")
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entries_owner_id"))
        batch_op.drop_index(batch_op.f("ix_entries_created_at"))

    op.drop_table("entries")
    op.drop_table("custom_instruments")
    with op.batch_alter_table("couple_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_couple_members_couple_id"))

    op.drop_table("couple_members")
    op.drop_table("consents")
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_sessions_user_id"))

    op.drop_table("auth_sessions")
    op.drop_table("users")
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_failures_at"))
        batch_op.drop_index(batch_op.f("ix_login_failures_address"))
        batch_op.drop_index(batch_op.f("ix_login_failures_account"))

    op.drop_table("login_failures")
    op.drop_table("couples")
    op.drop_table("app_settings")
