"""`nearer instruments …`: list, take and add questionnaires from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from nearer.cli.common import console, fail, friendly_errors, local_user, print_json

if TYPE_CHECKING:
    from nearer.domain.instruments import Instrument
    from nearer.services.instruments import ResponseView

app = typer.Typer(
    help="Questionnaires: signs, attachment tendencies, satisfaction.", no_args_is_help=True
)
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command("list")
@friendly_errors
def list_(as_json: AsJson = False) -> None:
    """List the questionnaires you can take.

    Example: nearer instruments list
    """
    from rich.table import Table

    from nearer.services.instruments import list_instruments

    db, me = local_user()
    found = list_instruments(db, me)
    if as_json:
        print_json([{"id": i.id, "title": i.title, "about": list(i.about)} for i in found])
        return
    table = Table(title="Questionnaires")
    for column in ("id", "title", "items", "about", "source"):
        table.add_column(column, overflow="fold")
    for i in found:
        table.add_row(i.id, i.title, str(len(i.items)), ", ".join(i.about), i.source)
    console.print(table)


def _parse_answers(raw: str, instrument: Instrument) -> dict[str, Any]:
    """`--answers 3,4,2,…` in questionnaire order; a wrong count is named, not guessed."""
    values = [v.strip() for v in raw.split(",")]
    if len(values) != len(instrument.items):
        raise fail(
            f"--answers needs {len(instrument.items)} values, one per item; got {len(values)}."
        )
    return {
        item.id: int(v) if v.lstrip("-").isdigit() else v
        for item, v in zip(instrument.items, values, strict=True)
    }


def _ask(instrument: Instrument, about: str) -> dict[str, Any]:
    from rich.prompt import IntPrompt

    scale = instrument.scale
    legend = ", ".join(f"{value} = {label}" for value, label in scale.labels)
    console.print(f"[bold]{instrument.title}[/bold]\n{instrument.what_it_is}\n[dim]{legend}[/dim]")
    choices = [str(v) for v in range(scale.min, scale.max + 1)]
    answers: dict[str, Any] = {}
    for number, item in enumerate(instrument.items, start=1):
        question = f"{number}/{len(instrument.items)}. {item.text_for(about)}"
        answers[item.id] = IntPrompt.ask(question, choices=choices, console=console)
    return answers


def show_result(view: ResponseView) -> None:
    from rich.panel import Panel

    from nearer.domain.instruments import whole

    result = view.result
    lines = []
    for sub in view.subscales().values():
        lines.append(
            f"[bold]{sub['title']}: {whole(sub['value'])}[/bold] "
            f"(on a scale from {whole(sub['min'])} to {whole(sub['max'])})"
        )
        lines.append(f"{sub['band']['label']}. {sub['band']['wording']}")
        for driver in sub["drivers"]:
            lines.append(f"  • “{driver['text']}” — you answered {driver['answer']}")
        lines.append("")
    point = view.attachment()
    if point is not None:
        lines.append(point.wording())
        lines.append("")
    not_is = result["what_it_is_not"]
    lines.append(not_is if "not a diagnosis" in not_is.lower() else f"Not a diagnosis. {not_is}")
    lines.append(f"[dim]Source: {result['source']}[/dim]")
    console.print(Panel("\n".join(lines), title="Your result", title_align="left"))


@app.command("take")
@friendly_errors
def take(
    instrument_id: Annotated[str, typer.Argument(help="Which questionnaire (see `list`).")],
    about: Annotated[
        str, typer.Option("--about", help="Answer about yourself (self) or your partner.")
    ] = "self",
    answers: Annotated[
        str | None,
        typer.Option("--answers", help="All answers at once, comma-separated, in item order."),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Answer a questionnaire item by item and see the score, the items behind it and its source.

    Example: nearer instruments take signs --about partner
    """
    from nearer.services.instruments import get_instrument, record_response

    db, me = local_user()
    instrument = get_instrument(db, instrument_id, me)
    if about not in instrument.about:
        raise fail(f"--about must be one of: {', '.join(instrument.about)}.")
    given = _parse_answers(answers, instrument) if answers else _ask(instrument, about)
    view = record_response(db, me, instrument.id, given, about)
    if as_json:
        print_json(view.to_dict())
    else:
        show_result(view)


@app.command("add")
@friendly_errors
def add(file: Annotated[Path, typer.Argument(help="An instrument file (YAML).")]) -> None:
    """Check an instrument file and add it to the questionnaires you can take.

    Example: nearer instruments add my-questionnaire.yaml
    """
    from nearer.domain.errors import InvalidInput
    from nearer.services.instruments import MAX_FILE_BYTES, add_instrument

    if not file.is_file():
        raise fail(f"{file} is not a file.")
    with file.open("rb") as handle:
        content = handle.read(MAX_FILE_BYTES + 1)
    db, me = local_user()
    try:
        added = add_instrument(db, me, content, file.name)
    except InvalidInput as error:
        for problem in error.problems:
            console.print(f"{problem.field}: {problem.message}", markup=False)
        raise fail(f"{file.name} cannot be used ({len(error.problems)} problems above).") from None
    console.print(f"Added “{added.title}” as `{added.id}`: nearer instruments take {added.id}")
