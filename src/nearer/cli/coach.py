"""`nearer coach …`: read a draft before it is sent, one at a time or a JSON-lines stream of them."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from nearer.cli.common import console, fail, friendly_errors, print_json

if TYPE_CHECKING:
    from nearer.analysis.coach import CoachResult

FLAG_STYLE = "bold black on #ffd27f"


def read_lines(stream: BinaryIO, limit: int) -> Iterator[str | None]:
    """Lines of a byte stream, decoded one at a time; None for a line longer than `limit` bytes.

    Reading with a limit keeps memory bounded even when a file holds one enormous line; bytes
    that are not UTF-8 spoil only their own line.
    """
    while True:
        raw = stream.readline(limit)
        if not raw:
            return
        if len(raw) >= limit and not raw.endswith(b"\n"):
            while True:  # skip the rest of the over-long line
                rest = stream.readline(limit)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield raw.decode("utf-8", errors="replace")


def _dump(answer: dict[str, Any]) -> str:
    line = json.dumps(answer, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # an id with a lone surrogate: escape it rather than crash
        line = json.dumps(answer, ensure_ascii=True)
    return line + "\n"


def stream_jsonl(source: str) -> int:
    """Answer each input line with one output line as it arrives; returns the number of lines."""
    from nearer.services.coach import MAX_CHARS, coach_lines

    # The longest legal line: every character escaped as a surrogate pair (12 bytes), plus room.
    limit = MAX_CHARS * 12 + 4096
    count = 0
    stream: BinaryIO = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    try:
        for answer in coach_lines(read_lines(stream, limit)):
            sys.stdout.write(_dump(answer))
            sys.stdout.flush()  # a reader downstream sees each answer as soon as it exists
            count += 1
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return count


def _draft_text(result: CoachResult) -> Any:
    from rich.text import Text

    from nearer.services.coach import segments

    text = Text()
    for piece in segments(result.text, result.flags):
        text.append(piece.text, style=FLAG_STYLE if piece.kinds else "")
    return text


def _reasons(result: CoachResult) -> list[Any]:
    from rich.text import Text

    from nearer.services.coach import KIND_NAMES

    if result.gentle:
        return [Text("Nothing here is likely to put your partner on the defensive.", style="green")]
    if not result.flags:  # not gentle only because a safety note stands: that comes first
        return [Text("Please read the safety note above before anything else.", style="bold")]
    lines: list[Any] = [Text("What may put your partner on the defensive:", style="bold")]
    for flag in result.flags:
        line = Text("• ")
        line.append(KIND_NAMES.get(flag.kind, flag.kind), style="bold")
        line.append(" — “")
        line.append(flag.quote, style=FLAG_STYLE)
        line.append("”\n  " + flag.why)
        lines.append(line)
    return lines


def _feelings(result: CoachResult) -> list[Any]:
    from rich.text import Text

    if not result.feeling_check:
        return []
    lines: list[Any] = [Text(""), Text("Feeling or judgement?", style="bold")]
    for check in result.feeling_check:
        line = Text("• ")
        line.append(check.word, style="italic")
        line.append(": " + check.note)
        lines.append(line)
    return lines


def show_result(result: CoachResult) -> None:
    """The safety panel first when it applies, then the draft, the reasons and the rewrite."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from nearer.cli.render import show_safety

    show_safety(result.safety, saved=False)  # prints nothing unless the draft sounded alarming
    console.print(Panel(_draft_text(result), title="Your draft", title_align="left"))
    console.print(Group(*_reasons(result), *_feelings(result)))
    if result.rewrite:
        body = Group(
            Text(result.rewrite),
            Text(""),
            Text("Fill the [brackets] with your own words.", style="dim"),
        )
        console.print(
            Panel(body, title="A gentler way to say it", title_align="left", border_style="green")
        )
    console.print(Text("Nothing you typed was saved.", style="dim"))


@friendly_errors
def coach(
    text: Annotated[
        str | None, typer.Argument(help="The draft: a message, or the first line of a hard talk.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            metavar="IN.jsonl",
            help='Read {"id", "text"} JSON lines from a file (- for stdin); write one line each.',
        ),
    ] = None,
) -> None:
    """Before you say it: flag blame, criticism, contempt and more in a draft, and offer a gentler way.

    Nothing is saved. Example: nearer coach "You never listen to me"
    """
    if jsonl is not None:
        if text is not None:
            raise fail("Give either a draft or --jsonl, not both.")
        stream_jsonl(jsonl)
        return
    if text is None:
        raise fail('Give a draft to read, e.g. nearer coach "You never listen to me".')
    from nearer.domain.errors import InvalidInput
    from nearer.services.coach import coach_draft

    try:
        result = coach_draft(text)
    except InvalidInput as error:
        raise fail(error.problems[0].message) from None
    if as_json:
        print_json(result.to_dict())
    else:
        show_result(result)
