"""The Typer app behind `nearer`: every command from the table in cli/main.py, each imported
only when it runs. `nearer --help` alone is answered by cli/main.py without importing this."""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nearer.cli.main import _HELP, _WHERE, COMMANDS, HELP, short_help


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
        limit = formatter.width - 6 - max(len(name) for name in _WHERE)
        rows = [(name, short_help(_HELP[name], limit)) for name in _WHERE]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    cls=LazyCommands,
    help=HELP,
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
    from nearer.cli.common import begin

    begin(db)
