"""Rich renderings shared by commands: entries, tables, and the calm safety panel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from nearer.cli.common import console

if TYPE_CHECKING:
    from nearer.analysis.safety import SafetyResult
    from nearer.services.journal import Saved
    from nearer.services.views import EntryView

NOTICED = {
    "self_harm": "Some of what you wrote sounds like you may be thinking about hurting yourself "
    "or not wanting to be here.",
    "violence": "Some of what you wrote sounds like you may be hurt, threatened, controlled "
    "or afraid of someone.",
}


def entries_table(entries: Sequence[EntryView], *, more: bool = False) -> Table:
    """Entries as rows; long text wraps inside its column instead of being cut."""
    table = Table(title="Your journal", show_lines=False, expand=False)
    for column in ("#", "when", "feelings", "intensity", "tags", "who sees it"):
        table.add_column(column, overflow="fold")
    table.add_column("text", overflow="fold", ratio=1)
    for e in entries:
        table.add_row(
            str(e.id),
            e.created_at.strftime("%Y-%m-%d %H:%M"),
            ", ".join(e.feelings),
            "" if e.intensity is None else str(e.intensity),
            ", ".join(e.tags),
            "partner too" if e.visibility == "shared" else "only you",
            e.text,
        )
    if not entries:
        table.caption = 'No entries yet — `nearer journal add "…"` writes the first.'
    elif more:
        table.caption = f"The newest {len(entries)}; older ones with --limit N or --all."
    return table


def entry_panel(entry: EntryView) -> Panel:
    meta = [entry.created_at.strftime("%A %d %B %Y, %H:%M")]
    if entry.feelings:
        meta.append("feelings: " + ", ".join(entry.feelings))
    if entry.intensity is not None:
        meta.append(f"intensity: {entry.intensity}/10")
    if entry.tags:
        meta.append("tags: " + ", ".join(entry.tags))
    meta.append("shared with your partner" if entry.visibility == "shared" else "private")
    if (
        entry.mine and entry.family and entry.family != "neutral"
    ):  # the reading is the author's alone
        meta.append(f"the words read as: {entry.family}")
    body = Group(Text(entry.text), Text(""), Text(" · ".join(meta), style="dim"))
    return Panel(body, title=f"Entry {entry.id}", title_align="left")


def resources_lines(resources: dict[str, Any], kinds: Sequence[str]) -> list[Text]:
    lines: list[Text] = []
    emergency = resources.get("emergency_number")
    if emergency:
        lines.append(Text(f"Emergency number: {emergency}", style="bold"))
    groups = ["crisis"] if "violence" not in kinds else ["domestic_violence", "crisis"]
    if "self_harm" in kinds and "violence" in kinds:
        groups = ["crisis", "domestic_violence"]
    for group in groups:
        for item in resources.get(group, []):
            lines.append(Text(f"• {item.get('name')}: {item.get('how')} ({item.get('hours', '')})"))
    return lines


def safety_panel(
    result: SafetyResult, resources: dict[str, Any], right_now: str, *, saved: bool = True
) -> Panel:
    opening = "Your words are saved. Before anything else:" if saved else "Before anything else:"
    parts: list[Any] = [Text(opening, style="bold")]
    parts += [Text(NOTICED[k]) for k in result.kinds if k in NOTICED]
    parts += [Text(""), Text(right_now), Text("")]
    parts += resources_lines(resources, result.kinds)
    parts += [Text(""), Text("This note is only for you. Your partner is never told.", style="dim")]
    return Panel(Group(*parts), title="You matter", border_style="yellow", title_align="left")


def help_panel(country: str | None) -> Panel:
    from nearer.domain.help_resources import RIGHT_NOW, load_resources

    resources = load_resources(country).to_dict()
    parts: list[Any] = [Text(RIGHT_NOW, style="bold"), Text("")]
    parts += resources_lines(resources, ("self_harm", "violence"))
    parts += [Text(""), Text("Couple exercises are not a remedy for abuse.", style="dim")]
    title = f"Help now — {resources.get('country_name') or 'anywhere'}"
    return Panel(Group(*parts), title=title, border_style="yellow", title_align="left")


def show_safety(result: SafetyResult, country: str | None = None, *, saved: bool = True) -> None:
    if result.flagged:  # the help lines (YAML) are loaded only for the panel that shows them
        from nearer.domain.help_resources import RIGHT_NOW, load_resources

        console.print(
            safety_panel(result, load_resources(country).to_dict(), RIGHT_NOW, saved=saved)
        )


def show_saved(saved: Saved) -> None:
    console.print(entry_panel(saved.entry))
    show_safety(saved.safety)
    if saved.entry.feelings:  # the nudges are about feeling words: none given, none to show
        from nearer.cli.emotions import show_nudges

        show_nudges(saved.entry.feelings)
