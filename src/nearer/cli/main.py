"""The `nearer` command: a thin layer that parses, calls one service, and renders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from nearer.cli import admin, coach, emotions, instruments, journal, reflect, rhythm, support
from nearer.cli.common import console, fail, friendly_errors, local_user, open_database, state

app = typer.Typer(
    help="Nearer — a private companion for moving from distance to closeness.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(journal.app, name="journal")
app.command("coach")(coach.coach)
app.add_typer(instruments.app, name="instruments")
app.add_typer(admin.app, name="admin")
app.command("reflect")(reflect.reflect)
app.command("emotions")(emotions.emotions)
app.command("reanalyze")(emotions.reanalyze)
app.command("patterns")(emotions.patterns)
app.command("support")(support.support)
app.command("report")(support.report)
app.command("checkin")(rhythm.checkin)
app.add_typer(rhythm.bids_app, name="bids")
app.add_typer(rhythm.steps_app, name="steps")
app.command("questions")(rhythm.questions_cmd)
app.command("remind")(rhythm.remind)


@app.callback()
def main(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file or database URL (default: NEARER_DATABASE_URL or your data folder).",
        ),
    ] = None,
) -> None:
    """Nearer keeps everything on this machine unless you run the web app for two."""
    state.db_option = db


@app.command("export")
@friendly_errors
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the JSON file.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file if it already exists.")
    ] = False,
) -> None:
    """Write everything your local profile holds to a JSON file.

    Example: nearer export --out my-nearer.json
    """
    from rich.markup import escape

    from nearer.services.portability import export_data

    if out.exists() and not force:
        name = escape(repr(str(out))[1:-1])
        raise fail(f"{name} already exists; choose another name, or add --force to replace it.")
    db, me = local_user()
    document = export_data(db, me)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(out)  # never leave a half-written export behind
    console.print(f"Exported {len(document['entries'])} entries to {out}.")


@app.command("import")
@friendly_errors
def import_(file: Annotated[Path, typer.Argument(help="A file made by `nearer export`.")]) -> None:
    """Add the entries of an export file to your local profile (all or nothing).

    Example: nearer import my-nearer.json
    """
    from rich.markup import escape

    from nearer.services.portability import import_data, read_document

    name = escape(repr(str(file))[1:-1])  # a file name is shown as text, never as markup
    try:
        if not file.is_file():
            raise fail(f"{name} is not a file.")
        if file.stat().st_size > 200 * 1024 * 1024:
            raise fail(f"{name} is larger than 200 MB; is it really a Nearer export?")
        raw = file.read_bytes()
    except (OSError, ValueError) as error:
        raise fail(f"{name} cannot be read ({escape(str(error))}).") from None
    db, me = local_user()
    document = read_document(raw)
    from rich.progress import Progress

    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("Reading the entries", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = import_data(db, me, document, progress=advance)
    skipped = f" ({report.already_here} were already here)" if report.already_here else ""
    console.print(f"Imported {report.added} new entries from {name}{skipped}.")
    from nearer.cli.render import show_safety

    show_safety(report.safety)


@app.command("help-now")
@friendly_errors
def help_now(
    country: Annotated[
        str | None, typer.Option(help="Two-letter country code, e.g. us, gb, ca, au, ie, in.")
    ] = None,
) -> None:
    """Show crisis and domestic-violence help lines, and what to do right now.

    Example: nearer help-now --country gb
    """
    from nearer.cli.render import help_panel
    from nearer.domain.help_resources import country_names, known_country

    if country is not None and not known_country(country):
        from rich.markup import escape

        known = ", ".join(f"{code} ({name})" for code, name in country_names())
        raise fail(
            f"No help lines for {escape(repr(country))}. Known countries: {known}; "
            "leave --country out for lines that work anywhere."
        )
    console.print(help_panel(country))


@app.command("serve")
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


@app.command("demo")
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
