"""Getting support: professional accounts, their one-time invites, the person's door for each
professional, grants section by section, the professional's notes, the audit log of every
professional read, and the opt-in coach tally.

Revision ID: 0006_getting_support
Revises: 0004_questionnaire_admin
Create Date: 2026-12-02 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_getting_support"
down_revision: str | None = "0004_questionnaire_admin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user_fk(table: str, column: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=f"fk_{table}_{column}_users", ondelete=ondelete
    )


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table) as batch:
        for column in columns:
            batch.create_index(f"ix_{table}_{column}", [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "professional_profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("practice", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _user_fk("professional_profiles", "user_id"),
        sa.PrimaryKeyConstraint("user_id", name="pk_professional_profiles"),
    )
    op.create_table(
        "professional_invites",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        _user_fk("professional_invites", "person_id"),
        sa.PrimaryKeyConstraint("code", name="pk_professional_invites"),
    )
    _index("professional_invites", "person_id")
    op.create_table(
        "professional_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        _user_fk("professional_links", "person_id"),
        _user_fk("professional_links", "professional_id"),
        sa.PrimaryKeyConstraint("id", name="pk_professional_links"),
    )
    _index("professional_links", "person_id", "professional_id")
    op.create_table(
        "support_grants",
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=32), nullable=False),
        sa.Column("couple_id", sa.Integer(), nullable=True),
        sa.Column("entry_ids", sa.JSON(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["professional_links.id"],
            name="fk_support_grants_link_id_professional_links",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name="fk_support_grants_couple_id_couples",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("link_id", "section", name="pk_support_grants"),
    )
    _index("support_grants", "couple_id")
    op.create_table(
        "support_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["professional_links.id"],
            name="fk_support_notes_link_id_professional_links",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_support_notes"),
    )
    _index("support_notes", "link_id")
    op.create_table(
        "support_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("professional_id", sa.Integer(), nullable=True),
        sa.Column("professional_name", sa.String(length=120), nullable=False),
        sa.Column("section", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        _user_fk("support_audit", "person_id"),
        _user_fk("support_audit", "professional_id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_support_audit"),
    )
    _index("support_audit", "person_id", "professional_id", "at")
    op.create_table(
        "coach_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        _user_fk("coach_tally", "user_id"),
        sa.PrimaryKeyConstraint("id", name="pk_coach_tally"),
    )
    _index("coach_tally", "user_id", "at")
    op.create_table(
        "support_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("coach_tally", sa.Boolean(), nullable=False),
        _user_fk("support_settings", "user_id"),
        sa.PrimaryKeyConstraint("user_id", name="pk_support_settings"),
    )


def downgrade() -> None:
    for table in (
        "support_settings",
        "coach_tally",
        "support_audit",
        "support_notes",
        "support_grants",
        "professional_links",
        "professional_invites",
        "professional_profiles",
    ):
        op.drop_table(table)
