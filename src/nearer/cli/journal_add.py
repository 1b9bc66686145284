"""What `nearer journal add` does, without Typer: the quick way (cli/quick.py) calls it
directly, and the Typer command in cli/journal.py hands it its arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nearer.cli.common import fail, friendly_errors, local_user, print_json
from nearer.domain.errors import InvalidInput

if TYPE_CHECKING:
    import typer


def refuse(error: InvalidInput) -> typer.Exit:
    """The problems on one line; when a feeling was unknown, the words Nearer knows below it."""
    from rich.markup import escape

    from nearer.domain.feelings import wheel_listing

    message = escape(str(error))
    if any(p.field == "feelings" for p in error.problems):
        message += "\nFeelings Nearer knows (family: words):\n" + wheel_listing()
    return fail(message)


@friendly_errors
def add(
    text: str,
    feel: list[str] | None = None,
    intensity: int | None = None,
    tag: list[str] | None = None,
    share: bool = False,
    as_json: bool = False,
) -> None:
    """Write a journal entry: read it (the safety panel shows when it should), save it, show it."""
    from nearer.services import read_ahead

    if not read_ahead.pending(text.strip()):  # a child process reads it already (the quick way)
        from nearer.analysis.embeddings import load_soon

        load_soon()  # the entry is read before it is saved: the model loads while the rest does
    from nearer.cli.render import show_saved
    from nearer.services.journal import write

    db, me = local_user()
    try:
        saved = write(
            db,
            me,
            text=text,
            feelings=feel,
            intensity=intensity,
            tags=tag,
            visibility="shared" if share else "private",
        )
    except InvalidInput as error:
        raise refuse(error) from None
    if as_json:  # for a program: the entry with what the safety check noticed (no panel)
        print_json({**saved.entry.to_dict(), "safety": saved.safety.summary()})
    else:
        show_saved(saved)
