"""Opening the database: engine set-up, migrations applied at start, one transaction per use case."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
# Kept equal to the newest migration by a test, so a start-up on an up-to-date database
# never needs to import Alembic.
LATEST_REVISION = "0014_place_zones"
_MIGRATION_LOCK = 727_274  # any constant; PostgreSQL advisory lock key for migrations


def normalise_url(url: str) -> str:
    """Accept the URLs people paste (postgres://, postgresql://) and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged write survives a power cut
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


WRITER_WAIT_SECONDS = 5.0  # as long as SQLite's own busy timeout
_READS = ("SELECT", "PRAGMA")


class WriterQueue:
    """Writers of one SQLite file in this process take turns in Python, not in SQLite.

    SQLite lets one connection write at a time; the others retry in its busy handler, which
    sleeps in growing steps (up to 100 ms) between tries, so under many concurrent writes most
    of the time goes to sleeping. Here a connection's first write waits on a lock instead and
    wakes the moment the writer before it is done (its connection returned to the pool, after
    its commit or rollback). Reads never wait (WAL). A wait that outlasts the busy timeout
    goes on without the lock, so SQLite's own locking still decides and nothing can hang.
    Other processes on the same file are unaffected: between them SQLite's locks still apply.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()  # released by whichever thread returns the connection

    @property
    def busy(self) -> bool:
        """Whether some connection of this process is writing now."""
        return self._lock.locked()

    def install(self, engine: Engine) -> None:
        _QUEUES[engine] = self
        event.listen(engine, "before_cursor_execute", self._before_execute)
        event.listen(engine, "checkin", self._release)
        event.listen(engine, "close", self._release)

    def _before_execute(self, conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        info = conn.info  # the pooled connection's own, handed to `_release` as its record's
        if "writing" in info or statement.lstrip()[:6].upper().startswith(_READS):
            return
        info["writing"] = self._lock.acquire(timeout=WRITER_WAIT_SECONDS)

    def _release(self, _dbapi_connection: Any, record: Any) -> None:
        if record is not None and record.info.pop("writing", None):
            self._lock.release()


_QUEUES: weakref.WeakKeyDictionary[Engine, WriterQueue] = weakref.WeakKeyDictionary()


def writer_queue(engine: Engine) -> WriterQueue | None:
    """The WriterQueue of a SQLite engine (None for other databases)."""
    return _QUEUES.get(engine)


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # As many pooled connections as the server has request threads (40, Starlette's
        # default), so no request queues for a connection: SQLite connections are cheap,
        # and writers take turns in the WriterQueue below.
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, pool_size=40, max_overflow=10
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        WriterQueue().install(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (several processes may race here safely)."""
    if current_revision(engine) == LATEST_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


class Database:
    """An engine and the session factory every service uses."""

    def __init__(self, url: str, *, run_migrations: bool = True) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        if run_migrations:
            migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        from nearer.storage import sealing

        sealing.install()  # written text is sealed and opened as rows are written and read

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back everything on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
