"""The `nearer` command: a thin layer that parses, calls one service, and renders.

Each command lives in its own module and is imported only when it runs, so `nearer --help` and
the commands that need no model start at once: the list below names every command with the
first line of its help (a test keeps each line equal to the command's own docstring).

`nearer --help` itself is answered from this table without importing Typer (whose import is
most of the start-up); the text is the one Typer prints (a test compares them at every width).
Everything else goes to the Typer app in cli/root.py, imported when first asked for: `app`,
`load_command`, `LazyCommands` and `main` are looked up there.
"""

from __future__ import annotations

import os
import sys
from typing import Any

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

HELP = "Nearer — a private companion for moving from distance to closeness."
# The first column and help of each option of `nearer` (the callback in cli/root.py).
OPTIONS: tuple[tuple[str, str], ...] = (
    (
        "--db <str>",
        "SQLite file or database URL (default: NEARER_DATABASE_URL or your data folder).",
    ),
    ("--install-completion", "Install completion for the current shell."),
    (
        "--show-completion",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    ("--help", "Show this message and exit."),
)
_LAZY = frozenset({"app", "load_command", "LazyCommands", "main"})


def short_help(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: whole if it fits, else up to the end of its first
    sentence that fits, else the words that fit followed by "..."."""
    words = text.split()
    if len(" ".join(words)) <= limit:
        return " ".join(words)
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
        if word.endswith("."):
            return " ".join(kept)
    while kept and len(" ".join(kept)) + 3 > limit:
        kept.pop()
    return " ".join(kept) + "..."


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Words into lines of at most `width` characters (`indent` included), filled greedily."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(indent) + len(line) + 1 + len(word) > width:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, indent + line] if line else lines


def _definitions(rows: list[tuple[str, str]], width: int, indent: int = 2) -> list[str]:
    """Two columns as the help shows them: names, then their text wrapped beside them."""
    column = min(max(len(name) for name, _ in rows), 30) + 2
    room = max(width - column - 2, 10)
    lines = []
    for name, text in rows:
        wrapped = _wrap(text, room) or [""]
        if len(name) <= column - 2:
            lines.append(" " * indent + name + " " * (column - len(name)) + wrapped[0])
        else:
            lines.append(" " * indent + name)
            lines.append(" " * (column + indent) + wrapped[0])
        lines.extend(" " * (column + indent) + line for line in wrapped[1:])
    return lines


def help_text(width: int) -> str:
    """What `nearer --help` prints for a help `width` (the terminal's, less 2, within 50 .. 78)."""
    lines = ["Usage: nearer [OPTIONS] COMMAND [ARGS]...", ""]
    lines += _wrap(HELP, width, "  ")
    lines += ["", "Options:", *_definitions(list(OPTIONS), width), "", "Commands:"]
    limit = width - 6 - max(len(name) for name in _WHERE)
    lines += _definitions([(name, short_help(_HELP[name], limit)) for name in _WHERE], width)
    return "\n".join(lines)


def help_width() -> int:
    """The width Typer (click) formats help for in this terminal: $COLUMNS, else the terminal's,
    else 80 columns; less 2, within 50 .. 78."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(min(columns or 80, 80) - 2, 50)


def _only_help(args: list[str]) -> bool:
    """`--help` alone, perhaps after the one global option (`--db FILE`, which help ignores)."""
    if args[:1] == ["--db"] and len(args) > 1 and not args[1].startswith("-"):
        args = args[2:]
    elif args[:1] and args[0].startswith("--db="):
        args = args[1:]
    return args == ["--help"]


def run() -> None:
    """The `nearer` command: the help of `nearer --help` at once, the plain forms of the
    commands run most the quick way (cli/quick.py), anything else through Typer."""
    completing = any(k.endswith("_COMPLETE") for k in os.environ)
    if _only_help(sys.argv[1:]) and not completing:
        sys.stdout.write(help_text(help_width()) + "\n")
        sys.stdout.flush()
        raise SystemExit(0)  # as Typer ends: the same exit for every caller
    if not completing:
        from nearer.cli import quick

        found = quick.parse(sys.argv[1:])
        if found is not None:
            try:
                quick.run(found)
            except SystemExit as done:
                if not isinstance(done.code, int):
                    raise
                quick.leave(done.code)
    from nearer.cli.root import app as typer_app

    typer_app(prog_name="nearer")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from nearer.cli import root

        return getattr(root, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
