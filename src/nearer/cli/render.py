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

# The panel's words, as the web page says them (templates/_safety.html); which of them show, and
# the order of the help lines, come from domain/safety_panel.py for both.
SELF_HARM = ("Some of what you wrote sounds like you may be thinking about hurting yourself "
             "or not wanting to be here. You deserve support with that, today.")
HARMED = "Some of what you wrote sounds like you may be hurt, threatened, controlled or afraid of someone."
NEVER_YOUR_FAULT = " That is never your fault, and couple exercises are not the answer to it."
NOT_COUPLE_WORK = " Couple exercises are not the answer to it."
THREATENS = ("Some of what you wrote sounds like you may be threatening, or wanting to hurt, "
             "someone. Noticing it is a first step, and you can stop it going further. Couple "
             "exercises are not the answer to it; help for changing how you act is.")
IF_HURT_TOO = "If it is you who is being hurt, threatened or controlled, these can help too:"


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


def resources_lines(resources: dict[str, Any], groups: Sequence[str]) -> list[Text]:
    """The emergency number, then each help line of `groups`, in that order."""
    lines: list[Text] = []
    emergency = resources.get("emergency_number")
    if emergency:
        lines.append(Text(f"Emergency number: {emergency}", style="bold"))
    lines += _group_lines(resources, groups)
    return lines


def _group_lines(resources: dict[str, Any], groups: Sequence[str]) -> list[Text]:
    from nearer.domain.safety_panel import help_lines

    return [Text(f"• {item.get('name')}: {item.get('how')} ({item.get('hours', '')})")
            for item in help_lines(resources, groups)]


def safety_panel(
    result: SafetyResult, resources: dict[str, Any], right_now: str, *, saved: bool = True
) -> Panel:
    """The calm panel, addressed to whoever is at risk (domain/safety_panel.py)."""
    from nearer.domain.help_resources import STEP_AWAY, load_resources
    from nearer.domain.safety_panel import plan

    panel = plan(result.kinds, result.who)
    opening = "Your words are saved. Before anything else:" if saved else "Before anything else:"
    parts: list[Any] = [Text(opening, style="bold")]
    if panel.self_harm:
        parts.append(Text(SELF_HARM))
    if panel.harmed:
        parts.append(Text(HARMED + (NEVER_YOUR_FAULT if panel.never_your_fault else NOT_COUPLE_WORK)))
    if panel.threatens:
        parts += [Text(THREATENS), Text(""), Text(STEP_AWAY, style="bold")]
        if not resources.get("own_behaviour"):  # a country without its own: the general ones
            resources = {**resources, "own_behaviour": load_resources(None).to_dict()["own_behaviour"]}
    if panel.right_now:
        parts += [Text(""), Text(right_now)]
    parts += [Text("")] + resources_lines(resources, panel.groups)
    if panel.if_hurt_too and resources.get("domestic_violence"):
        parts += [Text(""), Text(IF_HURT_TOO)] + _group_lines(resources, ("domestic_violence",))
    parts += [Text(""), Text("This note is only for you. Your partner is never told.", style="dim")]
    return Panel(Group(*parts), title="You matter", border_style="yellow", title_align="left")


def help_panel(country: str | None) -> Panel:
    from nearer.domain.help_resources import RIGHT_NOW, load_resources

    resources = load_resources(country).to_dict()
    parts: list[Any] = [Text(RIGHT_NOW, style="bold"), Text("")]
    parts += resources_lines(resources, ("crisis", "domestic_violence", "own_behaviour"))
    parts += [Text(""), Text("Couple exercises are not a remedy for abuse.", style="dim")]
    title = f"Help now — {resources.get('country_name') or 'anywhere'}"
    return Panel(Group(*parts), title=title, border_style="yellow", title_align="left")


def show_safety(result: SafetyResult, country: str | None = None, *, saved: bool = True,
                beside_json: bool = False) -> None:
    """The panel, when the text calls for it. Beside JSON output (`--json`) it goes to stderr,
    so the JSON stays whole for a program and the person at the terminal still sees the help."""
    if result.flagged:  # the help lines (YAML) are loaded only for the panel that shows them
        from nearer.cli.common import errors
        from nearer.domain.help_resources import RIGHT_NOW, load_resources

        (errors if beside_json else console).print(
            safety_panel(result, load_resources(country).to_dict(), RIGHT_NOW, saved=saved)
        )


def show_saved(saved: Saved) -> None:
    console.print(entry_panel(saved.entry))
    show_safety(saved.safety)
    if saved.entry.feelings:  # the nudges are about feeling words: none given, none to show
        from nearer.cli.emotions import show_nudges

        show_nudges(saved.entry.feelings)
