"""Lexicon matching for emotion detection, with negation scope and intensifiers.

The lexicon (content/emotions/lexicon.yaml) is our own. Negation follows the usual
"negator shortly before the word, inside the same clause" rule of lexicon-based sentiment work
(e.g. Hutto & Gilbert 2014, VADER; Wiegand et al. 2010 survey of negation scope); "never felt so
loved" is read as emphasis, not negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

STRONG_WEIGHT = 1.0
CUE_WEIGHT = 0.6
# A situation (two cues in order, see lexicon.yaml `situations`) is firmer than one cue alone.
SITUATION_WEIGHT = 0.8
NEGATION_WINDOW = 3  # tokens looked back for a negator
INTENSIFY = 1.5
DIMINISH = 0.6
# A negated pleasant feeling ("I don't feel loved") usually points to sadness.
NEGATED_SHIFT = {"love": ("sadness", 0.6), "joy": ("sadness", 0.4)}
NEGATED_WORD_SHIFT = {"proud": ("shame", 0.6)}  # "not proud of how I acted"

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[!?]")
_CLAUSE_BREAK = re.compile(r"[,.;:!?()\"“”]|\s-\s")
_NEGATORS = frozenset(
    "not no never nor neither without hardly barely cannot nothing "
    "dont didnt isnt wasnt arent werent wont wouldnt cant couldnt havent hasnt doesnt aint "
    "shouldnt".split()
)
_CLAUSE_WORDS = frozenset("but just only though although yet and".split())
_INTENSIFIERS = frozenset(
    "so really very extremely totally completely incredibly super deeply truly absolutely "
    "utterly terribly awfully insanely sooo soooo such too genuinely honestly".split()
)
_DIMINISHERS = frozenset("bit slightly kinda somewhat little mildly sorta".split())
# "never felt so loved", "never been this happy": emphasis rather than negation.
_EMPHASIS_AFTER_NEVER = frozenset("so this more as such".split())
# "can't stop crying", "haven't stopped shaking": the feeling goes on.
_NOT_NEGATING_NEXT = frozenset("stop stopped stopping quit wait help".split())


# Common texting shorthand, spelled out for the embedding model only (the lexicon has its forms).
_SHORTHAND = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "rn": "right now",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "ppl": "people",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "w": "with",
    "w/": "with",
    "w/o": "without",
    "idk": "I don't know",
    "tbh": "to be honest",
    "ngl": "not gonna lie",
    "af": "very much",
    "im": "I'm",
    "ive": "I've",
    "id": "I'd",
    "dont": "don't",
    "didnt": "didn't",
    "cant": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "couldnt": "couldn't",
    "hes": "he's",
    "shes": "she's",
    "thats": "that's",
    "whats": "what's",
    "yr": "year",
    "yrs": "years",
    "hrs": "hours",
    "hr": "hour",
    "mins": "minutes",
    "fav": "favourite",
    "thx": "thanks",
    "pls": "please",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "omg": "oh my god",
    "bday": "birthday",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "gonna": "going to",
    "wanna": "want to",
    "kinda": "kind of",
    "sorta": "sort of",
    "abt": "about",
    "tho": "though",
}


@dataclass(frozen=True)
class Hit:
    """One lexicon match in a text."""

    family: str
    word: str | None  # the wheel word, None for situational cues
    weight: float  # after intensifiers; 0 when negated
    start: int
    end: int
    negated: bool
    negation_start: int  # where the negator begins (== start when not negated)


_Forms = tuple[tuple[str, ...], ...]
_Placed = tuple[tuple[int, tuple[str, ...]], ...]  # forms with their place in the list


@dataclass(frozen=True)
class _Form:
    tokens: tuple[str, ...]
    family: str
    word: str | None
    weight: float


def _norm(token: str) -> str:
    return token.lower().replace("’", "").replace("'", "")


def _parse_forms(section: dict[str, dict[str, str]], weight: float) -> list[_Form]:
    forms: list[_Form] = []
    for family, words in section.items():
        for word, spec in words.items():
            wheel_word = None if word == "~" else word
            for raw in spec.split(","):
                tokens = tuple(
                    _norm(t) if not t.endswith("*") else _norm(t[:-1]) + "*" for t in raw.split()
                )
                if tokens:
                    forms.append(_Form(tokens, family, wheel_word, weight))
    return forms


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """lexicon.yaml, read once (a file we ship, so libyaml's safe loader reads it, ~8x faster)."""
    text = (resources.files("nearer.content") / "emotions" / "lexicon.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[_Form]], list[_Form]]:
    """Forms keyed by first token (longest first), plus forms whose first token is a prefix."""
    data = _data()
    forms = _parse_forms(data["strong"], STRONG_WEIGHT) + _parse_forms(data["cues"], CUE_WEIGHT)
    exact: dict[str, list[_Form]] = {}
    prefixed: list[_Form] = []
    for form in forms:
        if form.tokens[0].endswith("*"):
            prefixed.append(form)
        else:
            exact.setdefault(form.tokens[0], []).append(form)
    for bucket in exact.values():
        bucket.sort(key=lambda f: -len(f.tokens))
    return exact, prefixed


def _token_matches(pattern: str, token: str) -> bool:
    if pattern.endswith("*"):
        return token.startswith(pattern[:-1])
    return token == pattern


def _match_at(tokens: list[str], i: int) -> _Form | None:
    exact, prefixed = _index()
    candidates = exact.get(tokens[i], []) + [
        f for f in prefixed if _token_matches(f.tokens[0], tokens[i])
    ]
    best: _Form | None = None
    for form in candidates:
        n = len(form.tokens)
        if (
            i + n <= len(tokens)
            and all(
                _token_matches(p, t) for p, t in zip(form.tokens, tokens[i : i + n], strict=True)
            )
            and (best is None or n > len(best.tokens))
        ):
            best = form
    return best


def _negator_before(
    text: str, spans: list[tuple[int, int]], tokens: list[str], i: int
) -> tuple[int | None, bool]:
    """(index of a negator in scope before token i or None, whether emphasis was found)."""
    emphasis = False
    for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        if _CLAUSE_BREAK.search(text[spans[j][1] : spans[j + 1][0]]) or tokens[j] in _CLAUSE_WORDS:
            return None, emphasis
        if tokens[j] in _EMPHASIS_AFTER_NEVER:
            emphasis = True
        if tokens[j] in _NEGATORS:
            follower = tokens[j + 1] if j + 1 < len(tokens) else ""
            if follower in _NOT_NEGATING_NEXT:
                return None, emphasis
            if tokens[j] == "never" and emphasis:
                return None, True
            return j, emphasis
    return None, emphasis


def _multiplier(
    text: str, spans: list[tuple[int, int]], tokens: list[str], i: int, end: int
) -> float:
    factor = 1.0
    before = tokens[max(0, i - 2) : i]
    if any(t in _INTENSIFIERS for t in before):
        factor *= INTENSIFY
    elif any(t in _DIMINISHERS for t in before):
        factor *= DIMINISH
    quote = text[spans[i][0] : spans[end - 1][1]]
    if len(quote) > 2 and quote.isupper():
        factor *= 1.3
    if end < len(tokens) and tokens[end] == "!":
        factor *= 1.2
    return factor


def find_hits(text: str) -> list[Hit]:
    """Every lexicon match, left to right, longest match first, with negation resolved."""
    matches = list(_TOKEN.finditer(text))
    spans = [m.span() for m in matches]
    tokens = [_norm(m.group()) for m in matches]
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        form = _match_at(tokens, i)
        if form is None:
            i += 1
            continue
        end = i + len(form.tokens)
        neg, emphasis = _negator_before(text, spans, tokens, i)
        weight = form.weight * _multiplier(text, spans, tokens, i, end)
        if emphasis and neg is None and "never" in tokens[max(0, i - 4) : i]:
            weight *= INTENSIFY
        start, stop = spans[i][0], spans[end - 1][1]
        hits.append(
            Hit(
                family=form.family,
                word=form.word,
                weight=0.0 if neg is not None else weight,
                start=start,
                end=stop,
                negated=neg is not None,
                negation_start=spans[neg][0] if neg is not None else start,
            )
        )
        i = end
    return hits + _situation_hits(text, spans, tokens)


@lru_cache(maxsize=1)
def _situations() -> tuple[tuple[str, _Forms, _Forms], ...]:
    """Per situation: its family, the `first` forms and the `then` forms (as token tuples)."""
    data = _data()

    def forms(spec: str) -> _Forms:
        return tuple(tuple(_norm(t) for t in raw.split()) for raw in spec.split(",") if raw.split())

    return tuple(
        (entry["family"], forms(entry["first"]), forms(entry["then"]))
        for entry in data.get("situations", [])
    )


@lru_cache(maxsize=256)
def _forms_by_first_token(forms: _Forms) -> tuple[dict[str, _Placed], _Placed]:
    """The forms (with their place in `forms`) by exact first token, and those whose first token
    is a prefix: a token is then tried against the few forms it can start, not all of them."""
    exact: dict[str, _Placed] = {}
    prefixed: list[tuple[int, tuple[str, ...]]] = []
    for order, form in enumerate(forms):
        if form[0].endswith("*"):
            prefixed.append((order, form))
        else:
            exact[form[0]] = (*exact.get(form[0], ()), (order, form))
    return exact, tuple(prefixed)


def _first_match(
    text: str,
    spans: list[tuple[int, int]],
    tokens: list[str],
    forms: _Forms,
    begin: int,
) -> tuple[int, int] | None:
    """Token range of the first non-negated occurrence of any form at or after `begin`."""
    exact, prefixed = _forms_by_first_token(forms)
    for i in range(begin, len(tokens)):
        candidates = exact.get(tokens[i], ())
        if prefixed:  # forms whose first token is a prefix ("apolog*"), kept in their order
            more = tuple(f for f in prefixed if tokens[i].startswith(f[1][0][:-1]))
            if more:
                candidates = tuple(sorted(candidates + more))
        for _, form in candidates:
            n = len(form)
            window = tokens[i : i + n]
            if len(window) == n and all(map(_token_matches, form, window)):
                if _negator_before(text, spans, tokens, i)[0] is None:
                    return i, i + n
    return None


def _situation_hits(text: str, spans: list[tuple[int, int]], tokens: list[str]) -> list[Hit]:
    """Hits for situations: a `first` form followed later in the unit by a `then` form."""
    hits: list[Hit] = []
    for family, first, then in _situations():
        opening = _first_match(text, spans, tokens, first, 0)
        if opening is None:
            continue
        closing = _first_match(text, spans, tokens, then, opening[1])
        if closing is None:
            continue
        start, stop = spans[opening[0]][0], spans[closing[1] - 1][1]
        hits.append(Hit(family, None, SITUATION_WEIGHT, start, stop, False, start))
    return hits


def family_weights(hits: list[Hit]) -> dict[str, float]:
    """Summed weight per family; a negated pleasant feeling adds a little to sadness."""
    totals: dict[str, float] = {}
    for hit in hits:
        if hit.negated:
            shift = NEGATED_WORD_SHIFT.get(hit.word or "") or NEGATED_SHIFT.get(hit.family)
            if shift is not None and hit.word is not None:
                totals[shift[0]] = totals.get(shift[0], 0.0) + shift[1]
            continue
        totals[hit.family] = totals.get(hit.family, 0.0) + hit.weight
    return totals


def masked_for_embedding(text: str, hits: list[Hit]) -> str:
    """The text with negated feeling phrases blanked, so "not angry" does not read as anger,
    and texting shorthand spelled out, since the embedding model learned from edited prose."""
    chars = list(text)
    for hit in hits:
        if hit.negated:
            for k in range(hit.negation_start, hit.end):
                chars[k] = " "
    words = "".join(chars).split()
    return " ".join(_SHORTHAND.get(w.lower(), w) for w in words)


def contrast_turn(text: str, hits: list[Hit]) -> int | None:
    """Offset where the last contrasting clause begins, or None when the text does not turn.

    A bare "just" turns only after a negated feeling ("not angry just tired"), since
    "I just went to bed" is no contrast. Both patterns are cues in content/rules/emotions_cues.yaml.
    """
    from nearer.analysis.rulebook import cue  # the cues load on first use, not at import

    turn: int | None = None
    for match in cue("cue.emotions.turn").finditer(text):
        if match.end() < len(text.rstrip()):
            turn = match.end()
    negated_ends = [h.end for h in hits if h.negated]
    if negated_ends:
        for match in cue("cue.emotions.just").finditer(text, min(negated_ends)):
            if match.end() < len(text.rstrip()) and (turn is None or match.end() > turn):
                turn = match.end()
    return turn
