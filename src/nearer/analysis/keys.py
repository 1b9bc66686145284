"""Derive, from a rule's own regex, literal key words one of which every match must contain.

Why: a substring test (`"whatever" in text`) costs a fraction of a regex scan, and most coach rules
cannot match most messages. Deriving the keys from the parsed pattern, rather than listing them by
hand, means they can never drift from the pattern: a key set is only returned when the parse proves
that every possible match contains one of its strings. Anything the walker does not understand
gives no keys (the rule is then always scanned), never a wrong gate.

An anchor is a key set plus the furthest a key can sit from the start of a match; no match can
then start more than that many characters before the first key in the text, so the scan may begin
there instead of at the start of a long message.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

try:  # the stdlib's own regex parser; private, so a missing one just means no derived gates
    _PARSER: Any = importlib.import_module("re._parser")
    _C: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - other Python versions
    _PARSER = None
    _C = None

Keys = frozenset[str]
_UNBOUNDED = 10**9
_MIN_LEN = 2  # a one-letter key ("u") is in nearly every message and saves nothing


@dataclass(frozen=True)
class Anchor:
    keys: tuple[str, ...]
    reach: int  # a key never starts more than this many characters after the match does


def _selective(key: str) -> bool:
    """Long enough to be rare; a lone emoji or other non-ASCII character is rare by itself."""
    return len(key) >= _MIN_LEN or (len(key) == 1 and ord(key) > 127)


# Keys; the furthest offset of a key from the start of the match; and the keys that may sit
# inside a word: every other key, less its leading non-word characters, begins where a word
# begins wherever a match holds it ("kil" of r"\bkil", "ve" of "'ve"; not "dal" of "suicidal").
Cand = tuple[Keys, int, Keys]


# Strings in nearly every message (the most frequent English words, and letter runs inside many
# words): a key made of one gates almost nothing, so any other choice is better. Case-folded.
_COMMON = frozenset(
    "the this that then they them there their these those than thi tha and are was were you your "
    "for with have has had not but all any can did does get got its just like out one our she her "
    "his him what when who why how will would could should about some been being from into over "
    "only very also ing ed er es en an in on at to of it is be me my we he so do go no up us as or "
    "if by i'm im dont don't".split()
)


def _rarity(key: str) -> int:
    if key.lower() in _COMMON:
        return 0
    return len(key) + 3 * (ord(key[0]) > 127)


def _score(cand: Cand) -> tuple[int, int, int]:
    keys, reach, _ = cand
    rarity = min(_rarity(k) for k in keys)
    return rarity, -len(keys), -reach


def _pick(cands: list[Cand], anchored: bool) -> Cand | None:
    usable = [c for c in cands if c[0] and all(_selective(k) for k in c[0])
              and (not anchored or c[1] < _UNBOUNDED)]
    return max(usable, key=_score) if usable else None


def _width(state: Any, op: Any, av: Any) -> int:
    high = int(_PARSER.SubPattern(state, [(op, av)]).getwidth()[1])
    return _UNBOUNDED if high >= 65535 else high


def _item(state: Any, op: Any, av: Any, anchored: bool, at_start: bool) -> Cand | None:
    if op is _C.BRANCH:
        union: set[str] = set()
        reach = 0
        inside: set[str] = set()
        for alternative in av[1]:
            best = _seq(alternative, anchored, at_start)
            if best is None:
                return None  # one alternative without a key lets the rule match without any
            union |= best[0]
            reach = max(reach, best[1])
            inside |= best[2]
        return frozenset(union), reach, frozenset(inside)
    if op is _C.SUBPATTERN:
        return None if av[1] else _seq(av[3], anchored, at_start)  # inline flags: stay out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
        # The first pass starts the repeat.
        return _seq(av[2], anchored, at_start) if av[0] >= 1 else None
    if op is _C.ASSERT and (av[0] == 1 or not anchored):
        # A look-around's text must be in the message too (a look-behind's start is unknown).
        return _seq(av[1], anchored, at_start and av[0] == 1)
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _seq(av, anchored, at_start)
    return None


def _nonword(c: str) -> bool:
    return not (c.isalnum() or c == "_")


def _word_start_after(op: Any, av: Any, before: bool) -> bool:
    """Whether a word character right after this item would begin a word, given whether one
    would have before it: after \b, ^, a space or other non-word character."""
    if op is _C.AT:
        return av in (_C.AT_BOUNDARY, _C.AT_BEGINNING, _C.AT_BEGINNING_STRING) or before
    if op is _C.LITERAL:
        return _nonword(chr(av))
    if op is _C.IN and av == [(_C.CATEGORY, _C.CATEGORY_SPACE)]:
        return True
    if op is _C.CATEGORY and av == _C.CATEGORY_SPACE:
        return True
    if op is _C.SUBPATTERN:
        return _after(av[3], before)
    if op is _C.BRANCH:
        return all(_after(alternative, before) for alternative in av[1])
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        return before  # takes no width
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        # "\s+" ends where a word may begin; "\s*" or "(?:very\s+)?" keeps what held before.
        if _after(av[2], False):
            return True if av[0] >= 1 else before
        return before and _after(av[2], True)
    return False


def _after(seq: Any, before: bool) -> bool:
    """`_word_start_after` over a whole sequence."""
    for op, av in seq:
        before = _word_start_after(op, av, before)
    return before


def _repeated_letter(op: Any, av: Any) -> str | None:
    if op not in (_C.MAX_REPEAT, _C.MIN_REPEAT) or av[0] < 1:
        return None
    sub = list(av[2])
    return chr(sub[0][1]) if len(sub) == 1 and sub[0][0] is _C.LITERAL else None


def _run_cand(run: list[str], at: int, starts: bool) -> Cand:
    key = "".join(run)
    return frozenset({key}), at, frozenset() if starts else frozenset({key})


def _seq(seq: Any, anchored: bool, at_start: bool = False) -> Cand | None:
    """Best key set for a sequence: a run of literal characters, or the best single item.
    `at_start`: a word character at the start of the sequence would begin a word."""
    cands: list[Cand] = []
    run: list[str] = []
    run_at = offset = 0
    before = at_start  # a word character here would begin a word
    run_starts = False
    for op, av in seq:
        letter = _repeated_letter(op, av)
        if op is _C.LITERAL or letter:
            if not run:
                run_at = offset
                # The run begins a word once its leading non-word characters are dropped.
                run_starts = before or _nonword(letter or chr(av))
            run.append(letter or chr(av))
            width = _width(seq.state, op, av)
            offset = min(_UNBOUNDED, offset + width)
            if letter:
                # "wa+h" holds "wa" and "ah" but not "wah": the repeated letter ends one run
                # and starts the next, whose first letter sits up to width-1 further on.
                cands.append(_run_cand(run, run_at, run_starts))
                run[:] = [letter]
                run_at = offset - 1 if offset < _UNBOUNDED else _UNBOUNDED
                run_starts = _nonword(letter)
                before = _nonword(letter)
            else:
                before = _nonword(chr(av))
            continue
        if run:
            cands.append(_run_cand(run, run_at, run_starts))
            run.clear()
        sub = _item(seq.state, op, av, anchored, before)
        if sub is not None:
            cands.append((sub[0], min(_UNBOUNDED, offset + sub[1]), sub[2]))
        before = _word_start_after(op, av, before)
        offset = min(_UNBOUNDED, offset + _width(seq.state, op, av))
    if run:
        cands.append(_run_cand(run, run_at, run_starts))
    return _pick(cands, anchored)


def _fewest(keys: Keys, prefix_only: bool = False) -> tuple[str, ...]:
    """Drop keys that contain another key: wherever "done talking" is, "done " is too.

    For an anchor only a prefix may stand in for a longer key, so that where it is found is
    where the longer key would start.
    """
    kept: list[str] = []
    for key in sorted(keys, key=lambda k: (len(k), k)):
        if not any(key.startswith(k) if prefix_only else k in key for k in kept):
            kept.append(key)
    return tuple(sorted(kept))


def _parse(pattern: str) -> Any:
    if _PARSER is None:
        return None
    try:
        return _PARSER.parse(pattern, 0)
    except Exception:  # noqa: BLE001 - an unknown parse shape must fall back to "no gate"
        return None


def _folded(keys: Keys, fold_case: bool) -> Keys:
    return frozenset(k.lower() for k in keys) if fold_case else keys


@dataclass(frozen=True)
class Derived:
    keys: tuple[str, ...]  # one of these is in every match; () = unknown
    # The keys that may sit inside a word; each other key, less its leading non-word characters,
    # begins a word wherever a match holds it (a filter may look for those at word starts only).
    inside_words: tuple[str, ...]

    @property
    def word_start(self) -> bool:
        return not self.inside_words


def derive(pattern: str, *, fold_case: bool = False) -> Derived:
    """The keys of `required_keys`, and which of them may sit inside a word.

    A key kept in place of a longer one that holds it is inside a word there, unless it is the
    longer key's start and that one begins a word ("unaliv" for "unaliving"; not "alive" for
    "unalive")."""
    parsed = _parse(pattern)
    best = _seq(parsed, False) if parsed is not None else None
    if not best:
        return Derived((), ())
    keys = _folded(best[0], fold_case)
    inside = set(_folded(best[2], fold_case))
    kept = _fewest(keys)
    for longer in keys.difference(kept):
        for key in kept:
            if key in longer and (longer in inside or not longer.startswith(key)):
                inside.add(key)
    return Derived(kept, tuple(sorted(inside.intersection(kept))))


def required_keys(pattern: str, *, fold_case: bool = False) -> tuple[str, ...]:
    """Strings one of which is in every match of the case-sensitive pattern, or () if unknown.

    With `fold_case` the keys are lower-cased: one of them is then in the lower-cased text of
    every match of the pattern compiled with re.IGNORECASE (its literals match either case).
    """
    parsed = _parse(pattern)
    best = _seq(parsed, False) if parsed is not None else None
    return _fewest(_folded(best[0], fold_case)) if best else ()


def anchor_for(pattern: str, *, fold_case: bool = False) -> Anchor | None:
    """Keys whose first place in the text bounds where a match can start, or None."""
    parsed = _parse(pattern)
    best = _seq(parsed, True) if parsed is not None else None
    if not best:
        return None
    return Anchor(_fewest(_folded(best[0], fold_case), prefix_only=True), best[1])
