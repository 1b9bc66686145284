"""`nearer help-now`: help lines and what to do right now (static text: it never loads the model)."""

from __future__ import annotations

from typing import Annotated

import typer

from nearer.cli import help_lines


def help_now(
    country: Annotated[
        str | None, typer.Option(help="Two-letter country code, e.g. us, gb, ca, au, ie, in.")
    ] = None,
) -> None:
    """Show crisis and domestic-violence help lines, and what to do right now.

    Example: nearer help-now --country gb
    """
    help_lines.help_now(country)
