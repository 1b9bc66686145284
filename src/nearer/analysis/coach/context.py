"""Clause, negation, quotation and tone context checks that decide whether a coach rule really fires.

Why a separate module: a word list alone flags "it's not your fault" and "you never fail to make me
laugh"; these helpers look at the words around a match (its clause, the words just before it, the
rest of the message) so the rules in content/rules/coach_*.yaml stay short and readable.

The cue patterns and word lists (warm words, complaint words, reassurance, quotation, ...) are data
in content/rules/coach_cues.yaml, read on first use. What stays here is tokenisation: where
sentences and clauses end and what a word is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Clause edges: sentence punctuation, commas, dashes and the conjunctions that start a new thought.
_CLAUSE_EDGE = re.compile(r"[.!?;:\n,()…]|\s[-–—]\s|\b(?:but|though|although|however|yet|because|cuz|coz)\b",
                          re.I)
_SENTENCE_EDGE = re.compile(r"[.!?;\n…]+")
_WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9']", re.I)


@cache
def cue(name: str) -> re.Pattern[str]:
    """A coach cue from content/rules/coach_cues.yaml ("positive" is `cue.coach.positive`)."""
    from nearer.analysis import rulebook

    return rulebook.cue(f"cue.coach.{name}")


@cache
def _words(name: str) -> frozenset[str]:
    from nearer.analysis import rulebook

    return rulebook.words(f"coach_{name}")


@dataclass(frozen=True)
class Context:
    """Precomputed facts about one message that several rules consult."""

    text: str
    masked: tuple[tuple[int, int], ...]

    def is_masked(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.masked)


def build_context(text: str) -> Context:
    return Context(text=text, masked=tuple(_masked_spans(text)))


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Quoted text and the rest of a sentence that reports one's own past words to apologise."""
    spans = [m.span() for m in cue("quoted").finditer(text)]
    for m in cue("reported_words").finditer(text):
        end = sentence_bounds(text, m.end())[1]
        but = cue("but_after").search(text[m.end():end])
        spans.append((m.end(), m.end() + but.start() if but else end))
    # "When I said you never listen, I was wrong": words taken back, in the same sentence or the
    # next one, are reported, not said now.
    for m in cue("retracted_words").finditer(text):
        end = sentence_bounds(text, m.end())[1]
        after_next = sentence_bounds(text, min(len(text), end + 1))[1] if end < len(text) else end
        if cue("retraction").search(text, m.end(), after_next):
            spans.append((m.end(), end))
    return spans


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_EDGE.finditer(text, 0, pos):
        start = m.end()
    nxt = _SENTENCE_EDGE.search(text, pos)
    return start, nxt.start() if nxt else len(text)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _CLAUSE_EDGE.finditer(text, max(0, start - 200), start):
        left = m.end()
    nxt = _CLAUSE_EDGE.search(text, end)
    return left, nxt.start() if nxt else len(text)


def words_before(text: str, start: int, n: int) -> list[str]:
    """The last n words of the clause that ends at start, lower-cased, apostrophes unified."""
    left, _ = clause_bounds(text, start, start)
    chunk = text[left:start].lower().replace("’", "'")
    return [w for w in _WORD.findall(chunk) if w[0].isalnum()][-n:]


def negated_before(text: str, start: int, n: int = 4) -> bool:
    negators = _words("negators")
    return any(w in negators or w.endswith("n't") for w in words_before(text, start, n))


def first_person_before(text: str, start: int, n: int = 3) -> bool:
    first_person = _words("first_person")
    return any(w in first_person for w in words_before(text, start, n))


_PARTNER = frozenset({"you", "u", "ya", "ye", "yu", "you're", "youre", "ur", "your", "yourself"})


def writer_is_subject(text: str, start: int, n: int = 8) -> bool:
    """The nearest person word before the match, in its clause, is the writer ("I need twenty
    minutes to cool off", "let us order in and relax"), not the partner ("I need you to calm down")."""
    first_person = _words("first_person")
    for word in reversed(words_before(text, start, n)):
        if word in _PARTNER:
            return False
        if word in first_person:
            return True
    return False


def thanked_in_sentence(text: str, start: int, end: int) -> bool:
    """Thanks or admiration in another clause of the sentence ("you never make a fuss, thank
    you"), with no complaint in the match's own clause, no sarcastic thanks and no turn after it."""
    s_start, s_end = sentence_bounds(text, start)
    left, right = clause_bounds(text, start, end)
    others = text[s_start:left] + " " + text[right:s_end]
    if not cue("gratitude").search(others):
        return False
    if cue("sarcastic_thanks").search(text, s_start, s_end) or cue("turn").search(text, end, s_end):
        return False
    return not cue("negative").search(text, s_start, s_end)


def affectionate(text: str) -> bool:
    """Love said to the partner with no turn after it ("ur so extra, love u"; not "love u but ...")."""
    m = cue("affection").search(text)
    return m is not None and not cue("turn").search(text, m.end())


def clause_is_warm(text: str, start: int, end: int) -> bool:
    """Praise or affection with no complaint in what follows ("you always make me smile").

    The positive word may sit anywhere in the clause except the matched words themselves ("thanks
    to you"); the complaint is looked for in the match and the five words after it, where the
    behaviour being described usually is.
    """
    left, right = clause_bounds(text, start, end)
    if cue("warm_effect").match(text[end:]):
        return True
    around = text[left:start] + " " + text[end:right]
    after = " ".join(text[end:right].split()[:5])
    # "again" alone is not a complaint: "because of you I believe in myself again".
    complaint = [m.group(0) for m in cue("negative").finditer(text[start:end] + " " + after)]
    if cue("positive").search(around) and all(w.lower() == "again" for w in complaint):
        return True
    return _sentence_is_warm(text, start, end)


def _sentence_is_warm(text: str, start: int, end: int) -> bool:
    """Praise in the rest of the sentence and no complaint anywhere in it ("As usual, your roses
    are the best on the street", "nailed the playlist as usual, you're my favourite DJ"): the
    clause alone ("As usual,") cannot say. Not where the sentence reads sour ("happy now?")."""
    left, right = sentence_bounds(text, start)
    right = max(right, end)
    if _message_is_warm(text, start, end):
        return True
    if cue("sour_marks").search(text, left, right):  # "happy now?", "I'm sure you know best"
        return False
    complaint = [m.group(0) for m in cue("negative").finditer(text, left, right)]
    rest = text[left:start] + " " + text[end:right]
    return bool(cue("positive").search(rest)) and all(w.lower() == "again" for w in complaint)


def _message_is_warm(text: str, start: int, end: int) -> bool:
    """Thanks or love elsewhere in a message with no complaint and nothing sour in it at all
    ("Typical of you to shovel her driveway first. Good man, thank you.")."""
    if cue("sour_marks").search(text) or message_is_negative(text):
        return False
    rest = text[:start] + " " + text[end:]
    return bool(cue("gratitude").search(rest) or cue("affection").search(rest)
                or cue("positive").search(rest))


def teasing(text: str, start: int, end: int) -> bool:
    """Fond laughter in the message (not "lol": it mocks as often as it laughs), nothing sour in
    it, and no scorn beside the match in its sentence ("you idiot 😂 can't even boil an egg")."""
    if not cue("fond_laugh").search(text) or cue("sour_marks").search(text):
        return False
    left, right = sentence_bounds(text, start)
    return not cue("scorn").search(text[left:start] + " " + text[end:max(right, end)])


def is_playful(text: str) -> bool:
    return bool(cue("playful").search(text))


def message_is_negative(text: str) -> bool:
    return bool(cue("negative").search(text)) or "🙄" in text or "😒" in text


def plans_to_return(text: str) -> bool:
    """A time to come back to it; "not tonight, not tomorrow" names times only to refuse them."""
    refused = cue("refused_time")
    return any(not refused.search(text[max(0, m.start() - 8):m.start()])
               for m in cue("return_plan").finditer(text))


def talks_about_partner_feelings(text: str) -> bool:
    return bool(cue("feeling_talk").search(text)) and bool(cue("you").search(text))


def reassures(text: str) -> bool:
    return bool(cue("reassure").search(text))


def takes_responsibility(text: str) -> bool:
    return bool(cue("responsibility").search(text))
