"""`nearer journal …`: write and read the private journal from the command line."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from nearer.cli import journal_add
from nearer.cli.common import console, friendly_errors, local_user, print_json, row_number
from nearer.cli.journal_add import refuse
from nearer.domain.errors import InvalidInput

app = typer.Typer(help="Write and read your private journal.", no_args_is_help=True)

Tag = Annotated[list[str] | None, typer.Option("--tag", "-t", help="A tag (repeatable).")]
Intensity = Annotated[int | None, typer.Option("--intensity", "-i", help="How strong, 0–10.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _complete_feeling(incomplete: str) -> list[str]:
    from nearer.domain.feelings import all_words

    return [w for w in all_words() if w.startswith(incomplete.lower())]


Feel = Annotated[
    list[str] | None,
    typer.Option(
        "--feel", "-f", help="A feeling word (repeatable).", autocompletion=_complete_feeling
    ),
]


@app.command("add")
def add(
    text: Annotated[str, typer.Argument(help="What happened and how it felt.")],
    feel: Feel = None,
    intensity: Intensity = None,
    tag: Tag = None,
    share: Annotated[bool, typer.Option("--share", help="Share with your partner.")] = False,
    as_json: AsJson = False,
) -> None:
    """Write a journal entry.

    Example: nearer journal add "Dinner was quiet again" --feel lonely --intensity 6 --tag home
    """
    journal_add.add(text, feel, intensity, tag, share, as_json)


LATEST = 50


@app.command("list")
@friendly_errors
def list_(
    since: Annotated[
        datetime | None,
        typer.Option(help="Only entries on or after this date.", formats=["%Y-%m-%d"]),
    ] = None,
    feel: Annotated[
        str | None, typer.Option("--feel", help="Only entries with this feeling.")
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="Only entries with this tag.")] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=1_000_000,
                          help="How many of the newest entries to show (at most 1,000,000).")
    ] = LATEST,
    show_all: Annotated[bool, typer.Option("--all", help="Show every entry, however many.")] = False,
    as_json: AsJson = False,
) -> None:
    """List your newest entries (50 unless --limit or --all), newest first.

    Example: nearer journal list --since 2026-11-01 --feel lonely --limit 20
    """
    from nearer.cli.render import entries_table
    from nearer.services.journal import EntryFilter, latest_entries

    db, me = local_user()
    day: date | None = since.date() if since else None
    found, more = latest_entries(
        db,
        me,
        EntryFilter(since=day, feeling=feel, tag=tag),
        count=None if show_all else limit,
        readings=as_json,  # the table never shows the private readings, so never loads them
    )
    if as_json:
        print_json([e.to_dict() for e in found])
    else:
        console.print(entries_table(found, more=more))


@app.command("show")
@friendly_errors
def show(
    entry_id: Annotated[int, typer.Argument(help="The entry's number.")], as_json: AsJson = False
) -> None:
    """Show one entry in full.

    Example: nearer journal show 3
    """
    from nearer.cli.render import entry_panel
    from nearer.services.journal import get_entry

    row_number(entry_id, "entry")
    db, me = local_user()
    entry = get_entry(db, me, entry_id)
    if as_json:
        print_json(entry.to_dict())
    else:
        console.print(entry_panel(entry))


@app.command("edit")
@friendly_errors
def edit(
    entry_id: Annotated[int, typer.Argument(help="The entry's number.")],
    text: Annotated[
        str | None, typer.Option("--text", help="New text (else your $EDITOR opens).")
    ] = None,
    feel: Feel = None,
    intensity: Intensity = None,
    tag: Tag = None,
    share: Annotated[bool | None, typer.Option("--share/--private", help="Who may see it.")] = None,
) -> None:
    """Change an entry; with no options, opens the text in your editor.

    Example: nearer journal edit 3 --feel hurt --private
    """
    from nearer.cli.render import show_saved
    from nearer.services.journal import get_entry, update_entry

    row_number(entry_id, "entry")
    db, me = local_user()
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = text
    if feel:
        changes["feelings"] = feel
    if intensity is not None:
        changes["intensity"] = intensity
    if tag:
        changes["tags"] = tag
    if share is not None:
        changes["visibility"] = "shared" if share else "private"
    if not changes:
        import click

        edited = click.edit(get_entry(db, me, entry_id).text)
        if edited is None:
            console.print("No change.")
            return
        changes["text"] = edited
    try:
        saved = update_entry(db, me, entry_id, changes)
    except InvalidInput as error:
        raise refuse(error) from None
    show_saved(saved)


@app.command("delete")
@friendly_errors
def delete(
    entry_id: Annotated[int, typer.Argument(help="The entry's number.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
) -> None:
    """Delete an entry for good.

    Example: nearer journal delete 3 --yes
    """
    from nearer.services.journal import delete_entry, get_entry

    row_number(entry_id, "entry")
    db, me = local_user()
    get_entry(db, me, entry_id)  # a clean "No such entry" before asking anything
    if not yes and not typer.confirm(f"Delete entry {entry_id} for good?"):
        raise typer.Exit(1)
    delete_entry(db, me, entry_id)
    console.print(f"Deleted entry {entry_id}.")
