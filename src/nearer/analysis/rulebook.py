"""The rules as data: one loader for every pattern the detectors use (safety and coach).

The patterns live in YAML under `nearer/content/rules/`: `macros*.yaml` define named regex
fragments (`{PARTNER}`, `{SELF}`, ...) once, and each `<domain>_<name>.yaml` holds one group of
rules and cues. A rule carries its examples that must and must not match (the tests are generated
from them), the source its wording and level rest on, and the pre-filter keys derived from its own
pattern (`nearer.analysis.keys`), so the keys never drift from the pattern.

Nothing is read at import: the files load on the first call (the first detector call), and a
mistake in them is a `RulebookError` naming the file and the rule. The packaged files' checked
contents are kept between runs (`rules_cache`), and a pattern compiles when first asked for. Written for Nearer, MIT.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from nearer.analysis.keys import Anchor, anchor_for, derive

__all__ = ["Book", "CueSpec", "RuleSpec", "RulebookError", "all_cues", "all_rules", "book",
           "cue", "cues", "expand", "groups", "load", "macros", "rules", "words"]

MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")  # "{SELF}"; "{1,3}" stays a regex quantifier
_NAME = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\Z")
_FLAGS = re.IGNORECASE

# What each domain's rules may say (the group's first part is the domain: "safety.passive").
KINDS: dict[str, frozenset[str]] = {
    "safety": frozenset({"self_harm", "violence"}),
    "coach": frozenset({"blame", "contempt", "criticism", "defensiveness", "dismissal",
                        "stonewalling", "threat"}),
    "emotions": frozenset(),  # cues only (emotions_cues.yaml): the lexicon is content/emotions/
}
LEVELS: dict[str, frozenset[str | None]] = {
    "safety": frozenset({"concern", "urgent"}),
    "coach": frozenset({None, "concern", "urgent", "low", "medium", "high"}),
    "emotions": frozenset({None}),
}
_RULE_FIELDS = frozenset({"id", "kind", "level", "pattern", "reason", "options", "checks",
                          "source", "match", "no_match", "flags", "no_flags"})
_CUE_FIELDS = frozenset({"id", "pattern", "source", "match", "no_match"})
_FILE_FIELDS = frozenset({"group", "source", "rules", "cues", "words"})


class RulebookError(ValueError):
    """A rule file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class RuleSpec:
    id: str
    group: str
    kind: str
    level: str | None
    reason: str
    source: str
    raw: str  # the pattern as written, macros and all
    expanded: str  # the pattern with its macros substituted
    options: dict[str, Any]  # detector-specific; string values have their macros expanded
    checks: tuple[str, ...]
    keys: tuple[str, ...]  # lower case; every match holds one of them; () = always scan
    # The keys that may sit inside a word; every other key (less leading non-word characters)
    # begins a word wherever a match holds it.
    keys_inside_words: tuple[str, ...]
    match: tuple[str, ...]
    no_match: tuple[str, ...]
    # Whole-detector examples (optional): texts this rule must flag, context checks and all, and
    # texts its pattern may match but its context checks must set aside (praise, comfort, jokes).
    flags: tuple[str, ...] = ()
    no_flags: tuple[str, ...] = ()

    @property
    def keys_start_words(self) -> bool:
        return not self.keys_inside_words

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The expanded pattern compiled with re.IGNORECASE, when first asked for: a rule whose
        keys no text holds is never compiled."""
        return re.compile(self.expanded, _FLAGS)

    @cached_property
    def anchor(self) -> Anchor | None:
        """Keys whose first place bounds where a match can start (`keys.anchor_for`), worked
        out when first asked for: the safety detector never asks."""
        return anchor_for(self.pattern.pattern, fold_case=True)


@dataclass(frozen=True)
class CueSpec:
    id: str
    group: str
    source: str
    raw: str
    expanded: str
    match: tuple[str, ...]
    no_match: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled with re.IGNORECASE when first asked for."""
        return re.compile(self.expanded, _FLAGS)


@dataclass(frozen=True)
class Book:
    """Everything in one rules directory, checked and compiled."""

    macros: Mapping[str, str]  # expanded fragments
    groups: Mapping[str, tuple[RuleSpec, ...]]
    cues: Mapping[str, CueSpec]
    words: Mapping[str, frozenset[str]]


# --- macros ---------------------------------------------------------------------------------


def _expand_with(text: str, raw: Mapping[str, str], where: str,
                 done: dict[str, str], stack: tuple[str, ...] = ()) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in done:
            return done[name]
        if name not in raw:
            raise RulebookError(f"{where}: unknown macro {{{name}}}")
        if name in stack:
            raise RulebookError(f"{where}: macro cycle {' -> '.join((*stack, name))}")
        done[name] = _expand_with(raw[name], raw, where, done, (*stack, name))
        return done[name]

    return MACRO.sub(one, text)


def _read_macros(files: Iterable[tuple[str, Any]]) -> dict[str, str]:
    raw: dict[str, str] = {}
    origin: dict[str, str] = {}
    for fname, data in files:
        if data is None:
            continue
        if not isinstance(data, dict):
            raise RulebookError(f"{fname}: expected a mapping NAME: regex fragment")
        for name, fragment in data.items():
            if not isinstance(name, str) or not _NAME.match(name):
                raise RulebookError(f"{fname}: macro name {name!r} is not UPPER_SNAKE")
            if not isinstance(fragment, str):
                raise RulebookError(f"{fname}: {name}: the fragment must be a string")
            if name in raw:
                raise RulebookError(f"{fname}: {name}: macro already defined in {origin[name]}")
            raw[name], origin[name] = fragment, fname
    done: dict[str, str] = {}
    for name in raw:
        expanded = _expand_with(f"{{{name}}}", raw, f"{origin[name]}: {name}", done)
        try:
            re.compile(expanded, _FLAGS)
        except re.error as err:
            raise RulebookError(f"{origin[name]}: {name}: fragment does not compile: {err}") from None
    return done


# --- rule files -----------------------------------------------------------------------------


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RulebookError(f"{where}: `{key}` is missing or not a string")
    return value


def _examples(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise RulebookError(f"{where}: `{key}` needs at least one example (a list of strings)")
    return tuple(value)


def _optional_examples(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    if entry.get(key) is None:
        return ()
    return _examples(entry, key, where)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, _FLAGS)
    except re.error as err:
        raise RulebookError(f"{where}: pattern does not compile: {err}") from None


_Spec = TypeVar("_Spec", RuleSpec, CueSpec)


def _compiled(spec: _Spec, pattern: re.Pattern[str]) -> _Spec:
    """The spec with the pattern its check compiled kept (`pattern` is a cached property)."""
    spec.__dict__["pattern"] = pattern
    return spec


def _options(value: Any, expand_one: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RulebookError(f"{where}: `options` must be a mapping")
    out: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, str):
            item = expand_one(item)
        elif isinstance(item, list):
            item = [expand_one(v) if isinstance(v, str) else v for v in item]
        out[str(key)] = item
    return out


def _rule(entry: Any, group: str, default_source: str, expand_one: Any, fname: str) -> RuleSpec:
    if not isinstance(entry, dict):
        raise RulebookError(f"{fname}: every rule must be a mapping")
    rid = entry.get("id")
    where = f"{fname}: {rid}"
    if not isinstance(rid, str) or not _ID.match(rid):
        raise RulebookError(f"{where}: `id` must look like group.snake_name")
    unknown = set(entry) - _RULE_FIELDS
    if unknown:
        raise RulebookError(f"{where}: unknown field(s) {sorted(unknown)}")
    domain = group.split(".")[0]
    kind = _text(entry, "kind", where)
    if kind not in KINDS[domain]:
        raise RulebookError(f"{where}: kind {kind!r} is not one of {sorted(KINDS[domain])}")
    level = entry.get("level")
    if level not in LEVELS[domain]:
        raise RulebookError(f"{where}: level {level!r} is not allowed for {domain} rules")
    raw = _text(entry, "pattern", where)
    try:
        expanded = expand_one(raw)
    except RulebookError as err:
        raise RulebookError(f"{where}: {err}") from None
    compiled = _compile(expanded, where)
    checks = entry.get("checks") or []
    if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
        raise RulebookError(f"{where}: `checks` must be a list of names")
    try:
        options = _options(entry.get("options"), expand_one, where)
    except RulebookError as err:
        raise RulebookError(f"{where}: {err}") from None
    derived = derive(expanded, fold_case=True)
    source = entry.get("source", default_source)
    if not isinstance(source, str) or not source.strip():
        raise RulebookError(f"{where}: no `source` (on the rule or the file)")
    spec = RuleSpec(
        id=rid, group=group, kind=kind, level=level, reason=_text(entry, "reason", where),
        source=source, raw=raw, expanded=expanded, options=options, checks=tuple(checks),
        keys=derived.keys, keys_inside_words=derived.inside_words,
        match=_examples(entry, "match", where), no_match=_examples(entry, "no_match", where),
        flags=_optional_examples(entry, "flags", where),
        no_flags=_optional_examples(entry, "no_flags", where),
    )
    return _compiled(spec, compiled)


def _cue(entry: Any, group: str, default_source: str, expand_one: Any, fname: str) -> CueSpec:
    if not isinstance(entry, dict):
        raise RulebookError(f"{fname}: every cue must be a mapping")
    cid = entry.get("id")
    where = f"{fname}: {cid}"
    if not isinstance(cid, str) or not _ID.match(cid) or not cid.startswith("cue."):
        raise RulebookError(f"{where}: a cue `id` must look like cue.snake_name")
    unknown = set(entry) - _CUE_FIELDS
    if unknown:
        raise RulebookError(f"{where}: unknown field(s) {sorted(unknown)}")
    raw = _text(entry, "pattern", where)
    try:
        expanded = expand_one(raw)
    except RulebookError as err:
        raise RulebookError(f"{where}: {err}") from None
    cue = CueSpec(cid, group, str(entry.get("source", default_source)), raw, expanded,
                  _examples(entry, "match", where), _examples(entry, "no_match", where))
    return _compiled(cue, _compile(expanded, where))


def _words(value: Any, fname: str) -> dict[str, frozenset[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RulebookError(f"{fname}: `words` must map a name to a list of words")
    out: dict[str, frozenset[str]] = {}
    for name, items in value.items():
        if not isinstance(items, list) or not all(isinstance(w, str) for w in items):
            raise RulebookError(f"{fname}: words {name}: must be a list of strings")
        out[str(name)] = frozenset(w.lower() for w in items)
    return out


def _entries(directory: Traversable) -> list[tuple[str, Any]]:
    import yaml  # only when the rules are first needed

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed

    found = sorted((f for f in directory.iterdir() if f.name.endswith(".yaml")),
                   key=lambda f: f.name)
    out: list[tuple[str, Any]] = []
    for f in found:
        try:
            out.append((f.name, yaml.load(f.read_text("utf-8"), Loader=loader)))  # a safe loader
        except yaml.YAMLError as err:
            raise RulebookError(f"{f.name}: not valid YAML: {err}") from None
    return out


def load(directory: Traversable | Path | str) -> Book:
    """Read, check and compile every rule file in a directory (tests pass a temporary one)."""
    folder: Traversable = Path(directory) if isinstance(directory, str) else directory
    files = _entries(folder)
    macro_files = [(n, d) for n, d in files if n.startswith("macros")]
    expanded_macros = _read_macros(macro_files)
    raw_macros = {k: v for _, d in macro_files if isinstance(d, dict) for k, v in d.items()}

    groups: dict[str, tuple[RuleSpec, ...]] = {}
    cues: dict[str, CueSpec] = {}
    words: dict[str, frozenset[str]] = {}
    seen: dict[str, str] = {}
    for fname, data in files:
        if fname.startswith("macros"):
            continue
        if not isinstance(data, dict):
            raise RulebookError(f"{fname}: expected a mapping with `group` and `rules`")
        unknown = set(data) - _FILE_FIELDS
        if unknown:
            raise RulebookError(f"{fname}: unknown field(s) {sorted(unknown)}")
        group = data.get("group")
        stem = fname[: -len(".yaml")]
        if group != stem.replace("_", ".", 1):
            raise RulebookError(f"{fname}: group {group!r} does not match the file name")
        domain = group.split(".")[0]
        if domain not in KINDS:
            raise RulebookError(f"{fname}: unknown domain {domain!r}")
        source = data.get("source", "")
        if not isinstance(source, str):
            raise RulebookError(f"{fname}: `source` must be a string")

        def expand_one(text: str, fname: str = fname) -> str:
            return _expand_with(text, raw_macros, fname, dict(expanded_macros))

        specs = []
        for entry in data.get("rules") or []:
            spec = _rule(entry, group, source, expand_one, fname)
            if spec.id in seen:
                raise RulebookError(f"{fname}: {spec.id}: duplicate id (also in {seen[spec.id]})")
            seen[spec.id] = fname
            specs.append(spec)
        groups[group] = tuple(specs)
        for entry in data.get("cues") or []:
            c = _cue(entry, group, source, expand_one, fname)
            if c.id in seen:
                raise RulebookError(f"{fname}: {c.id}: duplicate id (also in {seen[c.id]})")
            seen[c.id] = fname
            cues[c.id] = c
        for name, items in _words(data.get("words"), fname).items():
            if name in words:
                raise RulebookError(f"{fname}: words {name}: defined twice")
            words[name] = items
    return Book(expanded_macros, groups, cues, words)


# --- the packaged rules, loaded on first use ------------------------------------------------


@lru_cache(maxsize=1)
def book() -> Book:
    """The rules shipped with Nearer (`nearer/content/rules/`), read once per process, and
    parsed once per change of the files (`rules_cache`)."""
    from nearer.analysis import rules_cache

    return rules_cache.packaged(resources.files("nearer.content") / "rules", load)


def expand(pattern: str) -> str:
    """A pattern with the packaged macros substituted."""
    return _expand_with(pattern, book().macros, "pattern", dict(book().macros))


def macros() -> Mapping[str, str]:
    return book().macros


def rules(group: str) -> tuple[RuleSpec, ...]:
    """One group's rules, in file order ("safety.self_harm")."""
    try:
        return book().groups[group]
    except KeyError:
        raise RulebookError(f"no rule file for group {group!r}") from None


def cue(cue_id: str) -> re.Pattern[str]:
    """A named context pattern ("cue.humour"), compiled."""
    try:
        return book().cues[cue_id].pattern
    except KeyError:
        raise RulebookError(f"no cue {cue_id!r}") from None


def cues(prefix: str, names: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    """The cues `prefix.name` for each name, in order ("cue.coach_head", ("writer", ...))."""
    return tuple(cue(f"{prefix}.{name}") for name in names)


def words(name: str) -> frozenset[str]:
    """A named word list (lower case)."""
    try:
        return book().words[name]
    except KeyError:
        raise RulebookError(f"no word list {name!r}") from None


def groups() -> tuple[str, ...]:
    return tuple(book().groups)


def all_rules() -> tuple[RuleSpec, ...]:
    return tuple(r for specs in book().groups.values() for r in specs)


def all_cues() -> tuple[CueSpec, ...]:
    return tuple(book().cues.values())
