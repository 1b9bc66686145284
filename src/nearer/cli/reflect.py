"""`nearer reflect`: one roots-reflection prompt at a time, answered as a private entry."""

from __future__ import annotations

from typing import Annotated

import typer

from nearer.cli.common import console, fail, friendly_errors, local_user


@friendly_errors
def reflect(
    answer: Annotated[
        str | None, typer.Option("--answer", "-a", help="Your answer (otherwise you are asked).")
    ] = None,
    skip: Annotated[bool, typer.Option("--skip", help="Show another prompt instead.")] = False,
) -> None:
    """Answer one reflection prompt about your roots; the answer is saved privately.

    Example: nearer reflect --answer "At home, nobody talked about feelings."
    """
    from nearer.cli.render import show_safety
    from nearer.services.reflection import answer_prompt, current_prompt, skip_prompt

    db, me = local_user()
    offer = skip_prompt(db, me) if skip else current_prompt(db, me)
    console.print(f"[dim]{offer.group_title}[/dim]\n[bold]{offer.prompt.text}[/bold]")
    text = (
        answer
        if answer is not None
        else typer.prompt("Your answer (Enter alone to stop)", default="", show_default=False)
    )
    if not text.strip():
        if answer is not None:
            raise fail("The answer is empty; write at least a word.")
        console.print("Nothing saved. `nearer reflect --skip` shows another prompt.")
        return
    saved = answer_prompt(db, me, offer.prompt.id, text)
    console.print(f"Saved privately as reflection {saved.entry.id}.")
    show_safety(saved.safety)
