"""The `nearer` command: a thin layer that parses, calls one service, and renders.

Each command lives in its own module and is imported only when it runs, so `nearer --help` and
the commands that need no model start at once: the list below names every command with the
first line of its help (a test keeps each line equal to the command's own docstring).
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

# name, "module:attribute" (a command function or a Typer group), the first line of its help
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "coach",
        "coach:coach",
        "Before you say it: flag blame, criticism, contempt and more in a draft, and offer a gentler way.",
    ),
    (
        "reflect",
        "reflect:reflect",
        "Answer one reflection prompt about your roots; the answer is saved privately.",
    ),
    (
        "emotions",
        "emotions:emotions",
        "Show the emotion families (and feeling words) a text suggests, with the evidence.",
    ),
    (
        "reanalyze",
        "emotions:reanalyze",
        "Read every entry again for emotions and safety (after Nearer's analysis improves).",
    ),
    (
        "patterns",
        "emotions:patterns",
        "Show your own patterns: feelings by week, heavy times, tags, words, and growth.",
    ),
    (
        "support",
        "support:support",
        "Say whether your own records suggest talking to a professional now, and why.",
    ),
    (
        "report",
        "support:report",
        "Write a report for a counsellor as PDF (or HTML if --out ends in .html).",
    ),
    (
        "checkin",
        "rhythm:checkin",
        "Check in for today (your local day), or show today and the last four weeks.",
    ),
    (
        "questions",
        "rhythm:questions_cmd",
        "Show a closeness question, or answer it (alone, your answers stay private).",
    ),
    (
        "remind",
        "rhythm:remind",
        "Set your check-in time and time zone, and write a calendar file with the reminder.",
    ),
    ("export", "files:export", "Write everything your local profile holds to a JSON file."),
    (
        "import",
        "files:import_",
        "Add the entries of an export file to your local profile (all or nothing).",
    ),
    (
        "help-now",
        "help_now:help_now",
        "Show crisis and domestic-violence help lines, and what to do right now.",
    ),
    ("serve", "server:serve", "Serve the web app for a couple (http://127.0.0.1:8000 by default)."),
    (
        "demo",
        "server:demo",
        "Add the demo couple (two accounts and a few weeks of entries) to the database.",
    ),
    ("journal", "journal:app", "Write and read your private journal."),
    (
        "instruments",
        "instruments:app",
        "Questionnaires: signs, attachment tendencies, satisfaction.",
    ),
    (
        "admin",
        "admin:app",
        "Admins of this Nearer (they may publish questionnaires to everyone), encryption status and upkeep.",
    ),
    (
        "encrypt",
        "passphrase:encrypt",
        "Encrypt the local journal with a passphrase (existing entries included).",
    ),
    (
        "decrypt",
        "passphrase:decrypt",
        "Turn the local journal back into plain text and remove its passphrase.",
    ),
    ("bids", "rhythm:bids_app", "Bids for connection, from your own side."),
    ("steps", "rhythm:steps_app", "Small steps: one or two a week, no streaks."),
)
_WHERE = {name: where for name, where, _ in COMMANDS}
_HELP = {name: first_line for name, _, first_line in COMMANDS}


def load_command(name: str) -> Any:
    """The click command for `name`, importing its module now."""
    module, attribute = _WHERE[name].split(":")
    found = getattr(importlib.import_module(f"nearer.cli.{module}"), attribute)
    if isinstance(found, typer.Typer):
        group = typer.main.get_group(found)
        group.name = name
        return group
    single = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    single.command(name)(found)
    return typer.main.get_command(single)


class LazyCommands(TyperGroup):
    """Lists every command from COMMANDS, and imports one only when it is asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [name for name, _, _ in COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in _WHERE:
            return None
        if cmd_name not in self.commands:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands[cmd_name]

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        from typer._click.utils import make_default_short_help

        limit = formatter.width - 6 - max(len(name) for name in _WHERE)
        rows = [(name, make_default_short_help(_HELP[name], limit)) for name in _WHERE]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    cls=LazyCommands,
    help="Nearer — a private companion for moving from distance to closeness.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


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
    from nearer.cli.common import state
    from nearer.storage import keyring

    keyring.forget_process_keys()  # each command opens only the keys it is given

    state.db_option = db
