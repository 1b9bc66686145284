"""Admins, and questionnaires bound to their owner, with the parsed definition stored.

Revision ID: 0004_questionnaire_admin
Revises: 0003_account_security
Create Date: 2026-12-02 18:55:00

The earliest account with an email becomes this host's admin (and the claim is recorded, so no
later sign-up becomes admin by being first). Questionnaires added before now were visible to
everyone; only the admin's stay so (published), everyone else's become visible to their owner
and the owner's partner. `parsed` starts empty for them and is filled the first time each is read.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_questionnaire_admin"
down_revision: str | None = "0003_account_security"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("custom_instruments") as batch:
        batch.add_column(sa.Column("parsed", sa.JSON(), nullable=True))
        batch.add_column(
            sa.Column("published", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.create_index("ix_custom_instruments_added_by", ["added_by"])
    first = "(SELECT MIN(id) FROM users WHERE email IS NOT NULL)"
    op.execute(f"UPDATE users SET is_admin = true WHERE id = {first}")
    op.execute(
        "INSERT INTO app_settings (key, value)"
        " SELECT 'first_admin', CAST(MIN(id) AS VARCHAR(20)) FROM users WHERE email IS NOT NULL"
        " HAVING COUNT(*) > 0"
    )
    op.execute(f"UPDATE custom_instruments SET published = true WHERE added_by = {first}")


def downgrade() -> None:
    op.execute("DELETE FROM app_settings WHERE key = 'first_admin'")
    with op.batch_alter_table("custom_instruments") as batch:
        batch.drop_index("ix_custom_instruments_added_by")
        batch.drop_column("published")
        batch.drop_column("parsed")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("is_admin")
