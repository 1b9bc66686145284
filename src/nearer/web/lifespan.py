"""The app's lifespan: housekeeping at start-up, then every `housekeeping_hours` while serving."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from nearer.services.housekeeping import sweep
from nearer.settings import Settings
from nearer.storage.db import Database

log = logging.getLogger("nearer.housekeeping")


async def _sweep_once(db: Database, settings: Settings) -> None:
    try:
        swept = await run_in_threadpool(sweep, db, settings)
    except Exception:  # a failed sweep must never stop the server; the next one tries again
        log.exception("housekeeping failed")
        return
    log.info("housekeeping: %d expired sessions, %d old counters", swept.sessions, swept.counters)


async def _every(
    db: Database,
    settings: Settings,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> None:
    while True:
        await sleep(float(settings.housekeeping_hours * 3600))
        await _sweep_once(db, settings)


@asynccontextmanager
async def housekeeping_lifespan(app: FastAPI) -> AsyncIterator[None]:
    db: Database = app.state.db
    settings: Settings = app.state.settings
    await _sweep_once(db, settings)
    task = asyncio.create_task(_every(db, settings))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
