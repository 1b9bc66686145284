"""The quick way for the commands people run most: `journal add` and `help-now`.

Typer spends more start-up time than these commands' own work: it imports pydantic and builds a
validator for every option before the command runs. For the plain forms of these commands
(`nearer [--db FILE] help-now [--country XX]`, `nearer [--db FILE] journal add TEXT` with
`--feel`, `--intensity`, `--tag`, `--share`, `--json`), the arguments are read here and the
function the Typer command calls (cli/help_lines.py, cli/journal_add.py) is called with the
values Typer would give it, without importing Typer at all. Anything else — `--help`,
an unknown or repeated option, a value that starts with `-`, an intensity that is not plain
digits, a second text — goes to Typer, which answers it (or refuses it) as always. A command that
reads text starts reading it before anything else is imported: in a child process where it can
(services/read_ahead.py), so the model and the database load on separate cores; elsewhere by
loading the model on a thread.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import importlib
import os
import sys
from dataclasses import dataclass, field
from typing import Any, NoReturn

# What an option holds: one word, a repeatable word, a whole number, or nothing (a switch).
WORD, WORDS, NUMBER, SWITCH = "word", "words", "number", "switch"


@dataclass(frozen=True)
class QuickCommand:
    """A command the quick way knows: the words that name it, the function its Typer command
    calls ("module:attribute" under nearer.cli, a module that does not import Typer), its options (each spelling -> parameter, kind) and
    the parameter of its one argument, if it has one."""

    words: tuple[str, ...]
    where: str
    options: dict[str, tuple[str, str]] = field(default_factory=dict)
    argument: str | None = None
    reads_text: bool = False


QUICK: tuple[QuickCommand, ...] = (
    QuickCommand(("help-now",), "help_lines:help_now", {"--country": ("country", WORD)}),
    QuickCommand(
        ("journal", "add"),
        "journal_add:add",
        {
            "--feel": ("feel", WORDS), "-f": ("feel", WORDS),
            "--intensity": ("intensity", NUMBER), "-i": ("intensity", NUMBER),
            "--tag": ("tag", WORDS), "-t": ("tag", WORDS),
            "--share": ("share", SWITCH), "--json": ("as_json", SWITCH),
        },
        argument="text",
        reads_text=True,
    ),
)  # fmt: skip


@dataclass(frozen=True)
class QuickCall:
    """A command line read the quick way: the `--db` option, the command and its values."""

    db: str | None
    command: QuickCommand
    values: dict[str, Any]


def _global_option(args: list[str]) -> tuple[str | None, list[str]] | None:
    """The `--db` option before the command, and the rest; None when Typer should decide."""
    if args[:1] == ["--db"]:
        if len(args) < 2 or args[1].startswith("-"):
            return None
        return args[1], args[2:]
    if args[:1] and args[0].startswith("--db="):
        return args[0][len("--db="):], args[1:]
    return None, args


def _values(command: QuickCommand, rest: list[str]) -> dict[str, Any] | None:
    """The command's values from its arguments, or None when anything is out of the plain."""
    values: dict[str, Any] = {}
    plain: list[str] = []
    at = 0
    while at < len(rest):
        arg = rest[at]
        if not arg.startswith("-"):
            plain.append(arg)
            at += 1
            continue
        name, equals, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name not in command.options:
            return None
        parameter, kind = command.options[name]
        if kind == SWITCH:
            if equals or parameter in values:
                return None
            values[parameter] = True
            at += 1
            continue
        if equals:
            value, at = inline, at + 1
        elif at + 1 < len(rest):
            value, at = rest[at + 1], at + 2
        else:
            return None
        if value.startswith("-"):
            return None
        if kind == WORDS:
            values.setdefault(parameter, []).append(value)
        elif parameter in values:
            return None
        elif kind == NUMBER:
            if not (value.isascii() and value.isdigit()):
                return None
            values[parameter] = int(value)
        else:
            values[parameter] = value
    if command.argument is None:
        return None if plain else values
    if len(plain) != 1:
        return None
    values[command.argument] = plain[0]
    return values


def parse(args: list[str]) -> QuickCall | None:
    """The command line read the quick way, or None when it is for Typer to read."""
    found = _global_option(args)
    if found is None:
        return None
    db, rest = found
    for command in QUICK:
        if tuple(rest[: len(command.words)]) == command.words:
            values = _values(command, rest[len(command.words):])
            return None if values is None else QuickCall(db, command, values)
    return None


def run(call: QuickCall) -> NoReturn:
    """Run the command as Typer would, and end the process with the exit code Typer gives."""
    if call.command.reads_text:
        _read_soon(call)  # before anything else is imported: the text is read meanwhile
    from nearer.cli.common import begin

    begin(call.db)
    module, attribute = call.command.where.split(":")
    function = getattr(importlib.import_module(f"nearer.cli.{module}"), attribute)
    raise SystemExit(_finish(function, call.values))


def leave(code: int) -> NoReturn:
    """End the process now with `code`, as the console command does after the quick way: the
    output flushed, the exit handlers run and the databases closed, then `os._exit`, skipping
    the interpreter's own teardown (freeing every module and object one by one: ~50 ms after
    `journal add` has loaded SQLAlchemy, numpy and the rules, for nothing the command needs)."""
    try:
        atexit._run_exitfuncs()
        from nearer.cli.common import close_databases

        close_databases()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # a closed pipe: nothing left to tell anyone
                stream.flush()
    os._exit(code)


def _read_soon(call: QuickCall) -> None:
    """Start reading the command's text in a process of its own (services/read_ahead.py), or,
    where that cannot be, start loading the model on a thread."""
    from nearer.services import read_ahead

    text = call.values.get(call.command.argument or "")
    if isinstance(text, str) and read_ahead.start(text.strip()):
        return
    from nearer.analysis.embeddings import load_soon

    load_soon()


def _finish(function: Any, values: dict[str, Any]) -> int:
    """The exit code of calling `function`, with the endings Typer's own runner gives (Typer is
    imported only when something was raised: only then can it be one of Typer's own)."""
    try:
        function(**values)
    except EOFError:
        sys.stderr.write("\n")
        return _aborted()
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        from typer._click.utils import PacifyFlushWrapper

        sys.stdout = PacifyFlushWrapper(sys.stdout)
        sys.stderr = PacifyFlushWrapper(sys.stderr)
        return 1
    except Exception as error:
        import typer

        if isinstance(error, typer.Exit):
            return error.exit_code
        if isinstance(error, typer.Abort):
            return _aborted()
        raise
    return 0


def _aborted() -> int:
    sys.stderr.write("Aborted!\n")
    return 1
