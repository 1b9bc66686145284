"""When to suggest a professional: explicit rules, kept as data, applied to a person's own history.

The rules live in content/support/rules.yaml with their sources. Each evaluator reads a
`History` built by the service from the person's OWN data and answers fired / silent / skipped,
naming the data behind every reason. Nothing here diagnoses: a rule only says "this is worth
talking about with someone", and the person decides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

FIRED, SILENT, SKIPPED = "fired", "silent", "skipped"
HELP_KINDS = ("crisis", "individual", "couples")


class RulesFileError(ValueError):
    """rules.yaml is not usable; the message names the field."""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    help: str
    explanation: str
    sources: tuple[str, ...]
    params: Mapping[str, int]
    needs: str | None = None


@dataclass(frozen=True)
class HelpKind:
    id: str
    title: str
    what: str


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[Rule, ...]
    help: Mapping[str, HelpKind]
    first_session: tuple[str, ...]


@dataclass(frozen=True)
class Dated:
    """One dated number from the person's history (a weekly check, a check-in)."""

    at: datetime
    value: float


@dataclass(frozen=True)
class History:
    """Everything the rules may read: the person's own data, nothing of anyone else's."""

    today: date
    screen_positive: bool | None = None  # the newest private safety check; None: never taken
    screen_taken: datetime | None = None
    flagged_writing: tuple[datetime, ...] = ()  # own entries the safety check flagged
    satisfaction: tuple[Dated, ...] = ()  # weekly check totals, oldest first
    attachment: tuple[float, float, datetime] | None = None  # newest anxiety, avoidance, when
    coach_tally_on: bool = False
    coach_marks: tuple[datetime, ...] = ()  # drafts flagged for contempt or stonewalling
    closeness: tuple[Dated, ...] = ()  # daily check-ins, oldest first
    closeness_available: bool = False  # the check-ins feature exists


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    status: str
    reasons: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.rule.id,
            "title": self.rule.title,
            "status": self.status,
            "help": self.rule.help,
            "reasons": list(self.reasons),
            "explanation": self.rule.explanation,
            "sources": list(self.rule.sources),
        }


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment.strftime('%b %Y')}"


def _num(value: float) -> str:
    return f"{value:g}"


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


# --- evaluators ------------------------------------------------------------------------------


def _safety(rule: Rule, h: History) -> Outcome:
    reasons = []
    if h.screen_positive and h.screen_taken is not None:
        reasons.append(f"Your private safety check on {_day(h.screen_taken)} was positive.")
    since = h.today - timedelta(days=rule.params["entry_days"])
    recent = sorted(at for at in h.flagged_writing if since <= at.date() <= h.today)
    if recent:
        reasons.append(
            f"{len(recent)} of your own entries since {since.day} {since.strftime('%b %Y')} "
            f"had words the safety check notices (newest {_day(recent[-1])})."
        )
    return Outcome(rule, FIRED if reasons else SILENT, tuple(reasons))


def _weekly(points: Sequence[Dated], today: date, weeks: int) -> list[tuple[date, Dated | None]]:
    """The newest point in each of the last `weeks` calendar weeks (Monday first), oldest first."""
    this_week = _week_start(today)
    starts = [this_week - timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]
    newest: dict[date, Dated] = {}
    for point in points:
        if point.at.date() <= today:
            newest[_week_start(point.at.date())] = point  # points come oldest first
    return [(start, newest.get(start)) for start in starts]


def _low_satisfaction(rule: Rule, h: History) -> Outcome:
    cutoff, weeks, needed = rule.params["cutoff"], rule.params["weeks"], rule.params["at_least"]
    low = [
        point
        for _start, point in _weekly(h.satisfaction, h.today, weeks)
        if point is not None and point.value < cutoff
    ]
    if len(low) < needed:
        return Outcome(rule, SILENT)
    shown = ", ".join(f"{_num(p.value)} on {_day(p.at)}" for p in low)
    return Outcome(
        rule,
        FIRED,
        (
            f"Your weekly satisfaction check was below {cutoff} (out of 24) in {len(low)} of "
            f"the last {weeks} weeks: {shown}.",
        ),
    )


def _coach(rule: Rule, h: History) -> Outcome:
    if not h.coach_tally_on:
        return Outcome(rule, SKIPPED, ("You have not turned on the private coach tally.",))
    since = h.today - timedelta(days=rule.params["days"])
    marks = [at for at in h.coach_marks if since <= at.date() <= h.today]
    if len(marks) < rule.params["at_least"]:
        return Outcome(rule, SILENT)
    return Outcome(
        rule,
        FIRED,
        (
            f"The coach flagged contempt or stonewalling in {len(marks)} of your drafts in the "
            f"last {rule.params['days']} days (your private tally; the drafts were not kept).",
        ),
    )


def _attachment(rule: Rule, h: History) -> Outcome:
    if h.attachment is None or not h.satisfaction:
        return Outcome(rule, SILENT)
    anxiety, avoidance, when = h.attachment
    latest = h.satisfaction[-1]
    high = rule.params["high"]
    strong = [
        f"{name} {_num(value)}"
        for name, value in (("anxiety", anxiety), ("avoidance", avoidance))
        if value >= high
    ]
    if not strong or latest.value >= rule.params["cutoff"]:
        return Outcome(rule, SILENT)
    return Outcome(
        rule,
        FIRED,
        (
            f"Your attachment answers on {_day(when)} were in the higher band (from {high} of 7): "
            f"{', '.join(strong)}.",
            f"Your newest weekly satisfaction check, on {_day(latest.at)}, was "
            f"{_num(latest.value)} (below {rule.params['cutoff']} of 24).",
        ),
    )


def _closeness(rule: Rule, h: History) -> Outcome:
    if not h.closeness_available:
        return Outcome(rule, SKIPPED, ("Daily check-ins are not in this version of Nearer yet.",))
    run: list[Dated] = []
    longest: list[Dated] = []
    for point in h.closeness:
        run = [*run, point] if point.value <= rule.params["at_most"] else []
        if len(run) > len(longest):
            longest = run
    if len(longest) < rule.params["run"]:
        return Outcome(rule, SILENT)
    return Outcome(
        rule,
        FIRED,
        (
            f"{len(longest)} check-ins in a row, from {_day(longest[0].at)} to "
            f"{_day(longest[-1].at)}, had closeness at {rule.params['at_most']} or below (of 5).",
        ),
    )


EVALUATORS: dict[str, Callable[[Rule, History], Outcome]] = {
    "safety": _safety,
    "low_satisfaction": _low_satisfaction,
    "coach_contempt": _coach,
    "attachment_low_satisfaction": _attachment,
    "low_closeness": _closeness,
}


def evaluate(book: RuleBook, history: History) -> list[Outcome]:
    return [EVALUATORS[rule.id](rule, history) for rule in book.rules]


def help_needed(outcomes: Sequence[Outcome]) -> list[str]:
    """The kinds of help that fit, most urgent first. Where safety fired, couples counselling is
    left out: it is not advised while there is abuse or danger."""
    fired = {o.rule.help for o in outcomes if o.status == FIRED}
    if "crisis" in fired:
        fired.discard("couples")
        fired.add("individual")
    return [kind for kind in HELP_KINDS if kind in fired]


# --- loading ---------------------------------------------------------------------------------


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RulesFileError(f"rules.yaml: {where}.{key} must be non-empty text")
    return value.strip()


def parse_rules(raw: str) -> RuleBook:
    data = yaml.safe_load(raw)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RulesFileError("rules.yaml: rules must be a list")
    rules = []
    for i, item in enumerate(data["rules"]):
        where = f"rules.{i}"
        if not isinstance(item, dict):
            raise RulesFileError(f"rules.yaml: {where} must be a mapping")
        rule_id = _text(item, "id", where)
        if rule_id not in EVALUATORS:
            raise RulesFileError(f"rules.yaml: {where}.id {rule_id!r} has no evaluator")
        help_kind = _text(item, "help", where)
        if help_kind not in HELP_KINDS:
            raise RulesFileError(f"rules.yaml: {where}.help must be one of {HELP_KINDS}")
        sources = item.get("sources")
        if (
            not isinstance(sources, list)
            or not sources
            or not all(isinstance(s, str) and s.strip() for s in sources)
        ):
            raise RulesFileError(f"rules.yaml: {where}.sources must name at least one source")
        params = item.get("params") or {}
        if not isinstance(params, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in params.values()
        ):
            raise RulesFileError(f"rules.yaml: {where}.params must be whole numbers")
        rules.append(
            Rule(
                rule_id,
                _text(item, "title", where),
                help_kind,
                _text(item, "explanation", where),
                tuple(s.strip() for s in sources),
                dict(params),
                item.get("needs"),
            )
        )
    kinds = data.get("help")
    if not isinstance(kinds, dict) or set(kinds) != set(HELP_KINDS):
        raise RulesFileError(f"rules.yaml: help must describe exactly {HELP_KINDS}")
    help_kinds = {
        k: HelpKind(k, _text(v, "title", f"help.{k}"), _text(v, "what", f"help.{k}"))
        for k, v in kinds.items()
    }
    questions = data.get("first_session")
    if not isinstance(questions, list) or not questions:
        raise RulesFileError("rules.yaml: first_session must list questions")
    return RuleBook(tuple(rules), help_kinds, tuple(str(q) for q in questions))


@cache
def rule_book() -> RuleBook:
    raw = resources.files("nearer.content").joinpath("support/rules.yaml").read_text("utf-8")
    return parse_rules(raw)


@dataclass(frozen=True)
class Directory:
    name: str
    url: str
    kinds: tuple[str, ...]
    what: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "kinds": list(self.kinds)}


@cache
def _directories() -> dict[str, tuple[Directory, ...]]:
    raw = resources.files("nearer.content").joinpath("support/directories.yaml").read_text("utf-8")
    data = yaml.safe_load(raw)
    return {
        country: tuple(
            Directory(
                str(d["name"]),
                str(d.get("url") or ""),
                tuple(d["kinds"]),
                str(d["what"]),
                str(d["source"]),
            )
            for d in rows
        )
        for country, rows in data.items()
    }


def directories_for(country: str | None) -> tuple[str, tuple[Directory, ...]]:
    """The directories of the person's country (two-letter code), then the international ones."""
    found = _directories()
    code = (country or "").strip().lower()
    if code not in found or code == "international":
        return "international", found["international"]
    return code, (*found[code], *found["international"])
