"""`nearer serve` and `nearer demo`: the web app for a couple, and the demo couple."""

from __future__ import annotations

from typing import Annotated

import typer

from nearer.cli.common import console, friendly_errors, open_database


@friendly_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes sharing the port (use PostgreSQL).")
    ] = 1,
    demo_if_new: Annotated[
        bool, typer.Option("--demo-if-new", help="Seed the demo couple when the database is new.")
    ] = False,
) -> None:
    """Serve the web app for a couple (http://127.0.0.1:8000 by default).

    Example: nearer serve --port 8000 --workers 4
    """
    import os

    from nearer.services.demo import seed_demo_if_new
    from nearer.settings import get_settings
    from nearer.web import serving

    db = open_database()  # migrates once here, before any worker starts
    if demo_if_new and seed_demo_if_new(db):
        console.print("New database: seeded the demo couple (see README for how to log in).")
    os.environ["NEARER_DATABASE_URL"] = db.url  # every worker builds its app from the environment
    if not get_settings().embed_threads:  # the cores are shared among the workers
        os.environ["NEARER_EMBED_THREADS"] = str(serving.encoder_threads(0, workers))
    get_settings.cache_clear()
    config = serving.uvicorn_config(get_settings(), host=host, port=port, workers=workers)
    console.print(f"Nearer is at http://{config.host}:{config.port}")
    serving.run(config)


@friendly_errors
def demo() -> None:
    """Add the demo couple (two accounts and a few weeks of entries) to the database.

    Example: nearer demo
    """
    from nearer.services.demo import (
        DEMO_ACCOUNTS,
        DEMO_PASSWORD,
        DEMO_PROFESSIONAL,
        seed_demo,
    )

    seed_demo(open_database())
    names = " and ".join(DEMO_ACCOUNTS)
    console.print(f"Demo couple ready: log in as {names} with password {DEMO_PASSWORD}.")
    console.print(f"Their counsellor (granted by Sam only): {DEMO_PROFESSIONAL}, same password.")
