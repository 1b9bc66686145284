"""`nearer help-now`: help lines and what to do right now (static text: it never loads the model)."""

from __future__ import annotations

from typing import Annotated

import typer

from nearer.cli.common import console, fail, friendly_errors


@friendly_errors
def help_now(
    country: Annotated[
        str | None, typer.Option(help="Two-letter country code, e.g. us, gb, ca, au, ie, in.")
    ] = None,
) -> None:
    """Show crisis and domestic-violence help lines, and what to do right now.

    Example: nearer help-now --country gb
    """
    from nearer.cli.render import help_panel
    from nearer.domain.help_resources import country_names, known_country

    if country is not None and not known_country(country):
        from rich.markup import escape

        known = ", ".join(f"{code} ({name})" for code, name in country_names())
        raise fail(
            f"No help lines for {escape(repr(country))}. Known countries: {known}; "
            "leave --country out for lines that work anywhere."
        )
    console.print(help_panel(country))
