"""Alembic environment: runs on the connection handed over by nearer.storage.db.migrate."""

from alembic import context

from nearer.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through nearer.storage.db.migrate().")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
