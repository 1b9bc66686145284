"""Writes of one SQLite file that share one commit: a savepoint per write, one COMMIT per batch.

Under many concurrent writes a SQLite server spends most of each write holding the file's one
write lock while it waits for Python's GIL: between the INSERT, the day totals and the COMMIT
the writing thread gives the GIL up and must win it back from every other busy thread. Here
the writes waiting at a moment run one after another in one transaction, which commits (and
syncs to disk) once for all of them.

Who runs them: the first writer to arrive when no batch is being written leads. It takes every
write waiting then (its own first), writes and commits them, answers their callers, and hands
the lead to the oldest write that arrived meanwhile, whose caller then does the same. So a lone
write runs on its own thread at once, and no caller ever writes more than one batch.

Each write still stands alone:
- it runs in a SAVEPOINT of its own; an error rolls back that savepoint only, and the error
  goes to that write's caller as it would from `Database.transaction` (nothing of it is kept);
- it runs in its caller's context (`contextvars`), so it sees its own request's keyring and no
  one else's keys, and in a Session of its own, so no row loaded by one write is seen by
  another;
- its caller is answered only after the shared COMMIT succeeded. If the COMMIT fails, or the
  database drops the transaction (a full disk, an I/O error), every write of the batch gets
  the error and none is kept.

Only for SQLite files in one process (see `WriterQueue`); other processes on the same file
still take turns through SQLite's own locks. PostgreSQL needs none of this.
"""

from __future__ import annotations

import contextvars
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")
MOST_PER_COMMIT = 64  # a bound on one transaction's size (and on how long it holds the lock)


class _Write:
    """One caller's work, and its answer once the batch it was in is over."""

    def __init__(self, work: Callable[[Session], Any]) -> None:
        self.work = work
        self.context = contextvars.copy_context()
        self.wake = threading.Event()  # answered, or asked to lead
        self.lead = False
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def answer(self, result: Any = None, error: BaseException | None = None) -> None:
        if self.done:
            return
        self.result, self.error, self.done = result, error, True
        self.wake.set()

    def outcome(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.result


class BatchLost(Exception):
    """The database ended the shared transaction on its own (after an error it cannot undo
    to a savepoint); every write of the batch is refused."""


class GroupCommit:
    """`run(work)` from any thread: the work runs in the next shared transaction."""

    def __init__(self, engine: Engine, sessions: sessionmaker[Session]) -> None:
        self._engine = engine
        self._sessions = sessions
        self._guard = threading.Lock()
        self._waiting: deque[_Write] = deque()
        self._leading = False
        self._leader = threading.local()

    def run(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` as one all-or-nothing write; its result once committed."""
        if getattr(self._leader, "busy", False):
            raise RuntimeError("a write inside a write would wait for itself")
        write = _Write(work)
        with self._guard:
            self._waiting.append(write)
            write.lead = not self._leading
            self._leading = True
        if not write.lead:
            write.wake.wait()  # answered, or handed the lead
        if not write.done:
            self._lead()
        result: T = write.outcome()
        return result

    def _lead(self) -> None:
        """Write one batch (this caller's write is its first), then hand the lead on."""
        self._leader.busy = True
        try:
            with self._guard:
                batch = [self._waiting.popleft()]
                while self._waiting and len(batch) < MOST_PER_COMMIT:
                    batch.append(self._waiting.popleft())
            self._commit(batch)
        finally:
            self._leader.busy = False
            with self._guard:
                if self._waiting:
                    after = self._waiting[0]
                    after.lead = True
                    after.wake.set()
                else:
                    self._leading = False

    def _commit(self, batch: list[_Write]) -> None:
        kept: list[tuple[_Write, Any]] = []
        try:
            with self._engine.connect() as connection:
                try:
                    self._write_all(connection, batch, kept)
                except BaseException:
                    # A refused COMMIT (a deferred foreign key) leaves SQLite's transaction
                    # open, and the pool would hand it on as it is: end it here.
                    if _still_open(connection):
                        connection.connection.dbapi_connection.rollback()  # type: ignore[union-attr]
                    raise
        except BaseException as error:  # every caller of the batch is told; none is kept
            for write in batch:
                write.answer(error=error)
            if not isinstance(error, Exception):
                raise
            return
        for write, result in kept:
            write.answer(result)

    def _write_all(
        self, connection: Connection, batch: list[_Write], kept: list[tuple[_Write, Any]]
    ) -> None:
        # An explicit BEGIN: the driver would otherwise start the transaction only at the
        # first INSERT, and the first savepoint's RELEASE would commit it.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        for write in batch:
            if not self._run_one(connection, write, kept) and not _still_open(connection):
                raise BatchLost("the database ended the transaction; nothing was saved")
        if not _still_open(connection):
            raise BatchLost("the database ended the transaction; nothing was saved")
        connection.commit()

    def _run_one(
        self, connection: Connection, write: _Write, kept: list[tuple[_Write, Any]]
    ) -> bool:
        """Run one write in a savepoint of the shared transaction; False if it failed."""
        session = self._sessions(bind=connection, join_transaction_mode="create_savepoint")
        try:
            result = write.context.run(_work_and_flush, write.work, session)
        except Exception as error:  # its own savepoint is rolled back; the others go on
            write.answer(error=error)
            try:
                write.context.run(session.rollback)
            finally:
                session.close()
            return False
        session.close()
        kept.append((write, result))
        return True


def _work_and_flush(work: Callable[[Session], Any], session: Session) -> Any:
    result = work(session)
    session.commit()  # flushes and releases this write's savepoint; the COMMIT comes later
    return result


def _still_open(connection: Connection) -> bool:
    driver = connection.connection.driver_connection
    return bool(getattr(driver, "in_transaction", False))
