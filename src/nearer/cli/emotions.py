"""`nearer emotions`, `nearer reanalyze` and `nearer patterns`: the self-awareness commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from nearer.cli.common import console, fail, friendly_errors, local_user, open_database, print_json

if TYPE_CHECKING:
    from rich.panel import Panel

    from nearer.analysis.emotions import Emotion
    from nearer.domain.feelings import Nudge
    from nearer.services.self_awareness import MyPatterns

JSONL_BATCH = 64  # lines read together: full encoder batches, bounded memory
MAX_TEXT = 20_000

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


# --- nearer emotions ------------------------------------------------------------------------


def _emotions_table(text: str, found: Sequence[Emotion]) -> Any:
    from rich.table import Table

    table = Table(title="What the words suggest", caption="A reading of the words, not a verdict.")
    for column in ("family", "word", "score", "evidence"):
        table.add_column(column, overflow="fold")
    for emotion in found:
        quotes = " · ".join(f"“{span.quote}”" for span in emotion.evidence)
        table.add_row(emotion.family, emotion.word or "", f"{emotion.score:.2f}", quotes)
    return table


def _parse_line(raw: bytes, number: int) -> tuple[Any, str | None, str | None]:
    """(id, text, error) for one input line; exactly one of text and error is set."""
    try:
        item = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, None, f"line {number} is not JSON ({error.__class__.__name__})"
    if not isinstance(item, dict):
        return None, None, f"line {number} is not a JSON object"
    key = item.get("id")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return key, None, "text is missing or not a string"
    if len(text) > MAX_TEXT:
        return key, None, f"text is {len(text):,} characters; the limit is {MAX_TEXT:,}"
    return key, text, None


Batch = Sequence[tuple[Any, "str | None", "str | None"]]


def _start(batch: Batch) -> list[Any]:
    """Docs of the batch's texts, their units already encoding on the encoder's threads."""
    from nearer.services.text_checks import start_reading

    return start_reading([text for _, text, _ in batch if text is not None], safety=False)


def _results(batch: Batch, docs: Sequence[Any] | None = None) -> Iterator[dict[str, Any]]:
    from nearer.analysis.emotions import detect_many, dominant

    texts = docs if docs is not None else [text for _, text, _ in batch if text is not None]
    found = iter(detect_many(texts) if texts else [])
    for key, _text, error in batch:
        if error is not None:
            yield {"id": key, "error": error}
        else:
            emotions = next(found)
            yield {
                "id": key,
                "family": dominant(emotions),
                "emotions": [e.to_dict() for e in emotions],
            }


def stream_jsonl(lines: Iterable[bytes], out: IO[str], batch_size: int = JSONL_BATCH, *,
                 ahead: bool = True) -> int:
    """Read `{"id","text"}` lines, write one result line each. A batch's texts start encoding as
    soon as it is read; with `ahead` (a file) its results are written once the next batch is read
    and encoding too, so the encoder never waits for the rest, and memory holds two batches at
    most. Without it (stdin: a program may wait for each batch's answers) each batch is written
    as soon as it is read."""
    held: tuple[Batch, list[Any]] | None = None
    batch: list[tuple[Any, str | None, str | None]] = []
    written = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        batch.append(_parse_line(raw, number))
        if len(batch) >= batch_size:
            started = (batch, _start(batch))
            if held is not None:
                written += _flush(*held, out)
            held, batch = started, []
            if not ahead:
                written += _flush(*held, out)
                held = None
    if batch:
        started = (batch, _start(batch))
        if held is not None:
            written += _flush(*held, out)
        held = started
    if held is not None:
        written += _flush(*held, out)
    return written


def _flush(batch: Batch, docs: Sequence[Any], out: IO[str]) -> int:
    for result in _results(batch, docs):
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    out.flush()
    return len(batch)


@friendly_errors
def emotions(
    text: Annotated[str | None, typer.Argument(help="The text to read.")] = None,
    jsonl: Annotated[
        str | None,
        typer.Option("--jsonl", help='A JSONL file of {"id", "text"} lines, or - for stdin.'),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Show the emotion families (and feeling words) a text suggests, with the evidence.

    Example: nearer emotions "He was on his phone all dinner and I went to bed early"
    """
    if (text is None) == (jsonl is None):
        raise fail('Give either a text or --jsonl FILE (use "-" for stdin).')
    from nearer.analysis.embeddings import load_soon

    load_soon()  # the model loads while the rest is imported and the input opened
    if jsonl is not None:
        if jsonl == "-":
            stream_jsonl(sys.stdin.buffer, sys.stdout, ahead=False)
            return
        path = Path(jsonl)
        if not path.is_file():
            raise fail(f"{path} is not a file.")
        with path.open("rb") as handle:
            stream_jsonl(handle, sys.stdout)
        return
    assert text is not None
    if not text.strip() or len(text) > MAX_TEXT:
        raise fail(f"Give some text, at most {MAX_TEXT:,} characters.")
    from nearer.analysis.emotions import detect, dominant

    found = detect(text)
    if as_json:
        print_json({"family": dominant(found), "emotions": [e.to_dict() for e in found]})
    else:
        console.print(_emotions_table(text, found))


# --- nearer reanalyze -----------------------------------------------------------------------


@friendly_errors
def reanalyze(
    everyone: Annotated[
        bool,
        typer.Option("--all", help="Every entry whose key is open here, not just your own."),
    ] = False,
    account: Annotated[
        str | None,
        typer.Option(
            "--account",
            help="Log in as this account (password asked, or NEARER_PASSWORD) and read its "
            "entries again: its text is encrypted, so only its owner's key opens it.",
        ),
    ] = None,
) -> None:
    """Read every entry again for emotions and safety (after Nearer's analysis improves).

    Example: nearer reanalyze --all
    """
    from nearer.analysis.embeddings import load_soon

    load_soon()  # the model loads while the database opens
    from rich.progress import Progress

    from nearer.services import self_awareness

    if account:
        import os

        from nearer.services.accounts import unlock_account
        from nearer.settings import get_settings

        db = open_database()
        password = os.environ.get("NEARER_PASSWORD") or typer.prompt("Password", hide_input=True)
        me = unlock_account(db, get_settings(), account, password)
    else:
        db, me = local_user()
    owner = None if everyone else me
    with Progress(console=console, transient=False) as bar:
        task = bar.add_task("Reading entries again", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        count = self_awareness.reanalyze(db, owner, progress=advance)
    console.print(f"Read {count} entr{'y' if count == 1 else 'ies'} again.")


# --- nearer patterns ------------------------------------------------------------------------


def _week(day: Any) -> str:
    return f"{day.day} {day.strftime('%b')}"


def _families_table(mine: MyPatterns) -> Any:
    from rich.table import Table

    from nearer.domain.charts import sparkline

    p = mine.patterns
    weeks = ", ".join(_week(w) for w in p.weeks) or "no weeks yet"
    table = Table(title="Feelings by week", caption=f"weeks: {weeks}")
    for column in ("family", "entries", "week by week"):
        table.add_column(column)
    for family, counts in p.family_by_week.items():
        if sum(counts):
            table.add_row(family, str(sum(counts)), sparkline([float(c) for c in counts]))
    intensity = p.intensity_by_week
    table.add_section()
    table.add_row("intensity (mean)", "", sparkline(intensity) + "  " + p.summaries["intensity"])
    return table


def _buckets_table(title: str, buckets: Sequence[Any]) -> Any:
    from rich.table import Table

    table = Table(title=title)
    for column in ("when", "heavy entries", "mean intensity"):
        table.add_column(column)
    for b in buckets:
        if b.count:
            table.add_row(b.label, str(b.count), f"{b.mean_intensity:g}")
    if not any(b.count for b in buckets):
        table.caption = "No heavy feelings with an intensity rating yet."
    return table


def _tags_table(mine: MyPatterns) -> Any:
    from rich.table import Table

    table = Table(title="Tags that come with each feeling")
    for column in ("family", "tag", "entries", "share"):
        table.add_column(column)
    for family, shares in mine.patterns.tags_by_family.items():
        for share in shares[:3]:
            table.add_row(family, share.tag, str(share.count), f"{share.share:.0%}")
    if not table.row_count:
        table.caption = "No tags yet: add --tag to entries to see what comes with what."
    return table


def _growth_table(mine: MyPatterns) -> Any:
    from rich.table import Table

    from nearer.domain.charts import sparkline

    trend = mine.trend
    table = Table(title="Naming feelings: a skill that grows")
    table.add_column("measure")
    table.add_column("week by week")
    table.add_column("latest")
    words = [float(p.cumulative_words) for p in trend]
    apart = [p.granularity for p in trend]
    table.add_row("feeling words you have used", sparkline(words), str(trend[-1].cumulative_words))
    latest = trend[-1].granularity
    table.add_row(
        "telling similar feelings apart",
        sparkline(apart),
        "not enough entries yet" if latest is None else f"{latest:.2f}",
    )
    return table


def _show_patterns(mine: MyPatterns) -> None:
    p = mine.patterns
    console.print(f"My patterns — the last {mine.weeks} weeks ({mine.entry_count} entries).")
    console.print(_families_table(mine))
    console.print(p.summaries["families"])
    console.print(_buckets_table("Hours that carry heavy feelings", p.heavy_hours))
    console.print(_buckets_table("Weekdays that carry heavy feelings", p.heavy_weekdays))
    console.print(_tags_table(mine))
    console.print(p.summaries["tags"])
    console.print(p.summaries["words"])
    console.print(_growth_table(mine))
    console.print(mine.trend[-1].message)


@friendly_errors
def patterns(
    weeks: Annotated[int, typer.Option("--weeks", "-w", help="How many weeks to look back.")] = 8,
    as_json: AsJson = False,
) -> None:
    """Show your own patterns: feelings by week, heavy times, tags, words, and growth.

    Example: nearer patterns --weeks 12
    """
    from datetime import datetime

    from nearer.services.self_awareness import my_patterns

    db, me = local_user()
    zone = datetime.now().astimezone().tzinfo  # this machine's clock is the person's clock
    mine = my_patterns(db, me, weeks, zone=zone)
    if as_json:
        print_json(mine.to_dict())
    else:
        _show_patterns(mine)


# --- the "feeling or judgement?" nudge, shown after saving ------------------------------------


def nudge_panel(nudges: Sequence[Nudge]) -> Panel:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    lines = [Text(n.message) for n in nudges]
    return Panel(
        Group(*lines), title="Feeling or judgement?", border_style="cyan", title_align="left"
    )


def show_nudges(feelings: Sequence[str]) -> None:
    from nearer.services.self_awareness import nudges_for

    found = nudges_for(feelings)
    if found:
        console.print(nudge_panel(found))
