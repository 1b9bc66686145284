"""Draw a report as HTML or as PDF, from one template and the same SVG charts.

The PDF uses fpdf2 (pure Python, so `pip install nearer` alone can make it) with the Noto faces of
nearer.services.report_fonts, shaped by HarfBuzz, so every script those faces cover prints as
written; a character none of them has is printed as a visible mark, never dropped silently, and
a line at the end says so.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import UTC, datetime, time
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from nearer.domain.support_sections import REPORT_SECTIONS
from nearer.services import report_fonts
from nearer.services.report import Report

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"
_CHART = re.compile(r"<!--chart:(\d+)-->")
NOT_PRINTED = (
    "Some characters could not be printed in this PDF and are shown as {mark}. "
    "The HTML report shows them."
)


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _names(report: Report) -> list[str]:
    return [REPORT_SECTIONS.get(s, s) for s in report.sections]


def body_html(report: Report) -> Markup:
    """The report's content with the charts inline, for a web page."""

    def chart(svg: Markup) -> Markup:
        return Markup('<figure class="chart">') + svg + Markup("</figure>")

    template = _environment().get_template("report/_body.html")
    return Markup(template.render(report=report, chart=chart, section_names=_names(report)))


def standalone_html(report: Report) -> str:
    """A complete HTML document to save or print."""
    return _environment().get_template("report/standalone.html").render(body=body_html(report))


_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _svg_text(svg: str) -> str:
    """Chart text goes through fpdf2's SVG reader, which knows only Latin-1 widths."""
    return svg.translate(_PLAIN).encode("latin-1", errors="replace").decode("latin-1")


def pdf_bytes(report: Report) -> bytes:
    """The same content as the page, as PDF; charts are placed as vector SVG."""
    from fpdf import FPDF

    logging.getLogger("fpdf.svg").setLevel(logging.ERROR)  # <title>/<desc> are skipped, not errors
    svgs: list[Markup] = []

    def chart(svg: Markup) -> Markup:
        svgs.append(svg)
        return Markup(f"<!--chart:{len(svgs) - 1}-->")

    template = _environment().get_template("report/_body.html")
    html = template.render(report=report, chart=chart, section_names=_names(report))
    html, some_missing = report_fonts.printable(html)
    title = report_fonts.printable(report.title)[0]
    pdf = FPDF(format="A4")
    report_fonts.use(pdf, html + title)
    pdf.set_title(title)
    pdf.set_creator("Nearer")
    # The report's own date, not the clock: the same data on the same day gives the same PDF.
    pdf.set_creation_date(datetime.combine(report.made_on, time.min, UTC))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(report_fonts.FAMILY, size=11)
    pieces = _CHART.split(html)
    for index, piece in enumerate(pieces):
        if index % 2 == 1:
            pdf.image(io.BytesIO(_svg_text(str(svgs[int(piece)])).encode("utf-8")), w=150)
            pdf.ln(2)
        elif piece.strip():
            pdf.write_html(piece, ul_bullet_char="-", font_family=report_fonts.FAMILY)
    if some_missing:
        note = NOT_PRINTED.format(mark=report_fonts.MISSING)
        pdf.write_html(f"<p><i>{note}</i></p>", font_family=report_fonts.FAMILY)
    return bytes(pdf.output())
