"""`nearer admin …`: who may publish questionnaires to everyone; upkeep of this Nearer."""

from __future__ import annotations

from typing import Annotated

import typer

from nearer.cli.common import console, friendly_errors, open_database, print_json

app = typer.Typer(
    help="Admins of this Nearer (they may publish questionnaires to everyone), encryption status and upkeep.",
    no_args_is_help=True,
)
Email = Annotated[str, typer.Argument(help="The email of an account on this Nearer.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command("grant")
@friendly_errors
def grant(email: Email) -> None:
    """Make an account an admin.

    Example: nearer admin grant sam@example.org
    """
    _set_role(email, True, "is now an admin", "was already an admin")


@app.command("revoke")
@friendly_errors
def revoke(email: Email) -> None:
    """Take the admin role from an account (what it published stays published).

    Example: nearer admin revoke sam@example.org
    """
    _set_role(email, False, "is no longer an admin", "was not an admin")


def _set_role(email: str, admin: bool, changed: str, unchanged: str) -> None:
    """Give or take the role, and say whether that changed anything."""
    from nearer.services.admins import set_admin

    change = set_admin(open_database(), email, admin)
    console.print(f"{change.email} {changed if change.changed else unchanged}.", markup=False)


@app.command("list")
@friendly_errors
def list_(as_json: AsJson = False) -> None:
    """List the admins of this Nearer.

    Example: nearer admin list
    """
    from rich.table import Table
    from rich.text import Text

    from nearer.services.admins import list_admins

    found = list_admins(open_database())
    if as_json:
        print_json(found)
        return
    if not found:
        console.print("No admins yet. Grant one with: nearer admin grant EMAIL", markup=False)
        return
    table = Table(title="Admins")
    table.add_column("email", overflow="fold")
    for email in found:
        table.add_row(Text(email))  # an email is text, never markup
    console.print(table)


@app.command("rebuild-aggregates")
@friendly_errors
def rebuild_aggregates() -> None:
    """Count everyone's "My patterns" day totals afresh from their entries.

    Never needed in normal use (they are kept on every write and rebuilt on the first read
    after a time-zone change); useful after editing the database by hand.

    Example: nearer admin rebuild-aggregates
    """
    from nearer.services.day_totals import rebuild_everyone

    done = rebuild_everyone(open_database())
    console.print(
        f"Rebuilt the day totals of {done.people} {'person' if done.people == 1 else 'people'} "
        f"({done.days} day{'s' if done.days != 1 else ''} with entries).",
        markup=False,
    )
    if done.at_next_read:
        later = done.at_next_read
        console.print(
            f"{later} {'person has' if later == 1 else 'people have'} encrypted journals whose "
            "key is not here: their totals were cleared and are counted at their next login.",
            markup=False,
        )


@app.command("encryption-status")
@friendly_errors
def encryption_status(as_json: AsJson = False) -> None:
    """How many accounts still have text stored unencrypted (each is sealed at its next login).

    Example: nearer admin encryption-status
    """
    from nearer.services.vault import encryption_status as status_of

    found = status_of(open_database())
    if as_json:
        print_json(found.to_dict())
        return
    console.print(
        f"{found.accounts} accounts, {found.with_keys} with encryption keys; "
        f"{found.remaining} still have text unencrypted (sealed at their next login).",
        markup=False,
    )
    if found.local_plain:
        console.print(
            "The local journal (no account) is not encrypted: run `nearer encrypt`.", markup=False
        )
