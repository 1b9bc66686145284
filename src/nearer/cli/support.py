"""`nearer support` and `nearer report`: the suggestion and the report for the local profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nearer.cli.common import console, fail, friendly_errors, local_user, print_json

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
STATUS = {"fired": "applies to you", "silent": "not now", "skipped": "not checked"}


@friendly_errors
def support(as_json: AsJson = False) -> None:
    """Say whether your own records suggest talking to a professional now, and why.

    Example: nearer support
    """
    from rich.markup import escape

    from nearer.services.support import suggestion

    db, me = local_user()
    data = suggestion(db, me).to_dict()
    if as_json:
        print_json(data)
        return
    if data["suggested"]:
        console.print(
            "[bold]Your own records suggest that talking to a professional could help now.[/]"
        )
    else:
        console.print(
            "Nothing in your own records points to it right now. You can reach out at any time."
        )
    for rule in data["rules"]:
        console.print(f"\n[bold]{escape(rule['title'])}[/] — {STATUS[rule['status']]}")
        for reason in rule["reasons"]:
            console.print(f"  • {escape(reason)}")
    if data["help"]:
        console.print("\n[bold]What kind of help fits[/]")
        for kind in data["help"]:
            console.print(f"  • {escape(kind['title'])}: {escape(kind['what'])}")
        if any(k["kind"] == "crisis" for k in data["help"]):
            console.print("  Couples counselling is not advised while there is abuse or danger. "
                          "Run `nearer help-now` for help lines.")  # fmt: skip
    console.print("\n[bold]Where to find one[/]")
    for d in data["directories"]:
        where = f" — {escape(d['url'])}" if d["url"] else ""
        console.print(f"  • {escape(d['name'])}{where} (run by {escape(d['source'])})")
    console.print("\n[bold]What to ask at a first session[/]")
    for question in data["first_session"]:
        console.print(f"  • {escape(question)}")
    console.print(f"\n{escape(data['not_a_diagnosis'])}")


@friendly_errors
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write it (.pdf or .html).")],
    start: Annotated[
        str | None,
        typer.Option("--from", help="First day, e.g. 2026-09-01 (default: 12 weeks ago)."),
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day (default: today).")] = None,
    sections: Annotated[
        str,
        typer.Option(help="Comma-separated: scores, patterns, entries, reflections, gap."),
    ] = "scores,patterns",
    entries: Annotated[
        str | None, typer.Option(help="Comma-separated entry numbers for the entries section.")
    ] = None,
) -> None:
    """Write a report for a counsellor as PDF (or HTML if --out ends in .html).

    Example: nearer report --from 2026-09-01 --sections scores,patterns --out report.pdf
    """
    from rich.markup import escape

    from nearer.services import report as reports
    from nearer.services import report_render

    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise fail("--out must end in .pdf or .html.")
    db, me = local_user()
    made = reports.build(db, me, reports.options(start, end, sections, entries))
    data = (
        report_render.pdf_bytes(made)
        if suffix == ".pdf"
        else report_render.standalone_html(made).encode("utf-8")
    )
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)  # never leave a half-written report behind
    console.print(
        f"Wrote the report ({', '.join(made.sections)}; {made.start} to {made.end}) "
        f"to {escape(str(out))}."
    )
