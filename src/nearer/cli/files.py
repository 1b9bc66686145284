"""`nearer export` and `nearer import`: everything your local profile holds, as one JSON file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nearer.cli.common import console, fail, friendly_errors, local_user


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

    from nearer.services.export_stream import export_stream

    if out.exists() and not force:
        name = escape(repr(str(out))[1:-1])
        raise fail(f"{name} already exists; choose another name, or add --force to replace it.")
    db, me = local_user()
    stream = export_stream(db, me, indent=2)  # the journal is read a chunk at a time
    tmp = out.with_name(out.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as file:
            for piece in stream:
                file.write(piece)
        tmp.replace(out)  # never leave a half-written export behind
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    console.print(f"Exported {stream.entries} entries to {out}.")
    console.print("The file is plain JSON, not encrypted: keep it somewhere safe.")


@friendly_errors
def import_(file: Annotated[Path, typer.Argument(help="A file made by `nearer export`.")]) -> None:
    """Add the entries of an export file to your local profile (all or nothing).

    Example: nearer import my-nearer.json
    """
    from nearer.analysis.embeddings import load_soon

    load_soon()  # every new entry is read: the model loads while the file and database do
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
    steps, others = report.steps, report.others
    if steps.added or steps.skipped:
        console.print(
            f"Small steps: {steps.added} imported, {steps.skipped} skipped "
            "(already here, or past two a week)."
        )
    if others.added or others.skipped:
        console.print(
            f"Check-ins, bids, questionnaires and the rest: {others.added} imported, "
            f"{others.skipped} already here."
        )
    from nearer.cli.render import show_safety

    show_safety(report.safety)
