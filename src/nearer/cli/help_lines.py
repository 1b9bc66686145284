"""What `nearer help-now` does, without Typer: the quick way (cli/quick.py) calls it directly,
and the Typer command in cli/help_now.py hands it its option."""

from __future__ import annotations

from nearer.cli.common import console, fail, friendly_errors


@friendly_errors
def help_now(country: str | None = None) -> None:
    """Show crisis and domestic-violence help lines for `country` (anywhere when None)."""
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
