"""What every command shares: the console, opening the database, turning errors into one clean line."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from rich.console import Console

if TYPE_CHECKING:
    import typer

    from nearer.storage.db import Database

P = ParamSpec("P")
R = TypeVar("R")

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


class CliState:
    """Options given before the command (`nearer --db FILE journal list`)."""

    db_option: str | None = None


state = CliState()


def begin(db_option: str | None) -> None:
    """What `nearer` does before any command: take the `--db` option, and start with no keys
    (each command opens only the keys it is given)."""
    from nearer.storage import keyring

    keyring.forget_process_keys()
    state.db_option = db_option


def database_url() -> str:
    option = state.db_option
    if option:
        return option if "://" in option else f"sqlite:///{option}"
    from nearer.local_paths import database_url_without_settings

    found = database_url_without_settings()
    if found is not None:
        return found
    from nearer.settings import get_settings  # pydantic-settings: only when it is needed

    return get_settings().resolved_database_url()


def open_database() -> Database:
    return _open(database_url())


@functools.lru_cache(maxsize=4)
def _open(url: str) -> Database:
    from nearer.storage.db import Database

    database = Database(url)
    _opened.append(database)
    return database


_opened: list[Database] = []


def close_databases() -> None:
    """Close every database this process opened (their connections end cleanly: SQLite folds
    its write-ahead log back into the file, PostgreSQL sees a goodbye, not a dropped socket)."""
    while _opened:
        _opened.pop().dispose()
    _open.cache_clear()


def local_user() -> tuple[Database, int]:
    """The database and the account-less local profile (created on first use), opened with
    its passphrase when it has one (from the OS keyring, NEARER_PASSPHRASE, or a prompt)."""
    from nearer.cli.journal_key import offer_at_first_use, open_journal
    from nearer.services.local_profile import local_profile, local_profile_exists

    db = open_database()
    first_use = not local_profile_exists(db)
    me = local_profile(db)
    if first_use:
        offer_at_first_use(db, me)
    else:
        open_journal(db, me)
    return db, me


def fail(message: str, code: int = 2) -> typer.Exit:
    import typer  # only on the way out: the quick way (cli/quick.py) never imports Typer

    errors.print(f"[bold red]Error:[/] {message}", markup=True, highlight=False)
    return typer.Exit(code)


def row_number(value: int, what: str) -> int:
    """A number typed to name a row (`journal show 3`), refused when no row can have it: ids run
    1 .. MAX_ID, and a larger one would overflow the database's integer before any lookup."""
    from nearer.domain.field_checks import MAX_ID, is_row_id

    if not is_row_id(value):
        raise fail(f"There is no {what} {value} (numbers run 1 to {MAX_ID:,}).")
    return value


def _aborts() -> tuple[type[BaseException], ...]:
    """What ends a command at a question: Typer's Abort, and click's own when something has
    imported click (nothing else can raise it, so it is not imported for this). Asked only
    when something was raised."""
    import typer

    found: tuple[type[BaseException], ...] = (typer.Abort, EOFError, KeyboardInterrupt)
    click = sys.modules.get("click")
    return found if click is None else (*found, click.exceptions.Abort)


def friendly_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn an expected failure into one line on stderr and exit code 2 — never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from nearer.domain.errors import NearerError

        try:
            return command(*args, **kwargs)
        except _aborts():
            # Input ended (Ctrl-D, a closed pipe) or Ctrl-C at a question: say so plainly.
            import typer

            errors.print("Stopped before an answer was given; nothing was changed.")
            raise typer.Exit(1) from None
        except (NearerError, OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            from rich.markup import escape

            # Messages can quote what the person typed or a file held: text, never markup.
            raise fail(escape(str(error))) from None

    return wrapper


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
