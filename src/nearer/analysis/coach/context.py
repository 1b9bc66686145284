"""Clause, negation, quotation and tone context checks that decide whether a coach rule really fires.

Why a separate module: a word list alone flags "it's not your fault" and "you never fail to make me
laugh"; these helpers look at the words around a match (its clause, the words just before it, the
rest of the message) so the rules in coach_rules.py stay short and readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Clause edges: sentence punctuation, commas, dashes and the conjunctions that start a new thought.
_CLAUSE_EDGE = re.compile(r"[.!?;:\n,()…]|\s[-–—]\s|\b(?:but|though|although|however|yet|because|cuz|coz)\b",
                          re.I)
_SENTENCE_EDGE = re.compile(r"[.!?;\n…]+")
_WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9']", re.I)

_NEGATORS = frozenset({
    "not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "hardly", "isn't", "isnt",
    "wasn't", "wasnt", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "aren't", "arent",
    "can't", "cant", "cannot", "won't", "wont", "wouldn't", "wouldnt", "shouldn't", "shouldnt",
    "ain't", "aint", "weren't", "werent", "haven't", "havent", "hasn't", "hasnt", "stop", "nobody's",
})
_FIRST_PERSON = frozenset({
    "i", "i'm", "im", "me", "my", "myself", "we", "we're", "were", "us", "our", "let's", "lets",
    "i'll", "i've", "ive", "we'll", "i'd", "both",
})
POSITIVE = re.compile(
    r"\b(?:love|loved|loving|laugh|laughing|smile|smiling|safe|happy|happier|glad|grateful|thank|"
    r"thanks|proud|best|amazing|wonderful|sweet|so kind|kind to|kindest|thoughtful|beautiful|gorgeous|cute|"
    r"funny|fun|special|adore|appreciate|lucky|calm|warm|cheer|comfort|support|supportive|"
    r"there for me|my back|know how|know what|know exactly|remember|remembers|help me|"
    r"helps|helped|brighten|feel better|feel good|feel loved|feel seen|feel heard|feel special|"
    r"make time|show up|showed up|believe in|inspire|patient|generous|strong|gentle|caring|"
    r"favorite|favourite|melt|joy|hero|treasure|blessed|perfect|great|awesome|better|good|nice|"
    r"lovely|handsome|pretty|sexy|hot|on my mind|look out for|looking out|smell|gorgeous|wise|"
    r"brave|talented|smart|clever|honest|reliable|fair|butterflies|miss you|fall for|grin|"
    r"light up|lights up|swoon|heart|feel like home|feels like home|feel at home)\b",
    re.I,
)
NEGATIVE = re.compile(
    r"\b(?:ruin|ruined|ruins|mess|messed|late|forget|forgot|forgotten|ignore|ignored|ignoring|"
    r"phone|leave|left|blame|stuck|yell|yelled|yelling|shout|interrupt|complain|criticis|criticiz|"
    r"nag|angry|mad|hate|hurt|sad|upset|worse|worst|wrong|problem|fault|lie|lied|lying|cheat|"
    r"sick|tired of|fed up|sucks|selfish|lazy|rude|mean|dishes|mess|nothing|excuse|cancel|"
    r"cancelled|canceled|again|stupid|annoy|annoying|disappoint|embarrass|argue|fight|drunk|"
    r"crap|shit|damn|hell|ugh|miserable|alone|lonely|scared|awful|terrible|horrible)\w*",
    re.I,
)
_RETURN_PLAN = re.compile(
    r"\b(?:later|tomorrow|after (?:dinner|work|lunch|a walk|the kids|i|we|my)|"
    r"in (?:a few|an?|\d+|ten|twenty|thirty|half an?|15|20|30) (?:min|mins|minutes|hour|hours|bit)|"
    r"when (?:i'?ve|i have|i am|i'?m|we'?re|we are|we've) (?:calm|calmer|calmed|cooled|rested)|"
    r"come back to|pick (?:this|it) (?:back )?up|talk (?:again|more|about it|about this) "
    r"(?:later|tomorrow|tonight|in|after|when)|can we (?:talk|continue|revisit|come back|try again)|"
    r"(?:a|some|short) (?:break|breather|pause)|\d+ ?(?:min|mins|minutes)|half an hour)\b",
    re.I,
)
_FEELING_TALK = re.compile(
    r"\b(?:feel|feels|felt|feeling|feelings|upset|hurt|angry|mad|sad|cry|crying|cried|reaction|"
    r"react|reacting|worked up|stressed|worried|annoyed|bothered|fuss|sensitive|emotional|big|"
    r"offended|care so much|freaking out|freak out)\b",
    re.I,
)
_YOU = re.compile(r"\b(?:you|u|ur|your|youre|you're|yours|ya)\b", re.I)
_REASSURE = re.compile(
    r"\b(?:happy to|glad to|my pleasure|any ?time|you'?re welcome|no worries|i don'?t mind|"
    r"i'?ll (?:get|grab|do|pick|handle|sort|fix|make|buy|take|keep|save|wait|leave|cover)|we can (?:still|just|always)|"
    r"thank|thanks|promise|i got it|i can (?:do|get|grab|pick|take)|don'?t apologi[sz]e|"
    r"sorry i'?m late|sorry for being late|don'?t worry|i'?ve got|i got (?:it|this|the)|sorted|"
    r"enjoy|already (?:fixed|done|sorted|handled|paid|booked)|we can reschedule|all good|"
    r"never liked (?:it|that|them)|(?:easily|easy to) replace\w*|we can (?:get|buy) (?:another|a new))\b",
    re.I,
)
_RESPONSIBILITY = re.compile(
    r"\b(?:(?:i'?m|im|i am) (?:really |so |very |truly )?sorry(?! (?:that |if )?(?:you|u) (?:feel|felt|"
    r"think|thought|are|were|'re|re|took|see|saw|got|get))|so sorry|my bad|i apologi[sz]e|i was wrong|"
    r"you'?re right|youre right|(?:you|u) were right|ur right|i (?:get|see|understand|hear) (?:why|that|how|it|you)|my part|"
    r"i should have|i shouldn'?t have|that'?s on me|i messed up|i own)\b",
    re.I,
)
# Self-reported harsh words: "I'm sorry I said you never listen", "I shouldn't have called you lazy".
_REPORTED = re.compile(
    r"\b(?:sorry|apologi[sz]e|regret|shouldn'?t have|should not have|take back|didn'?t mean|"
    r"wish i hadn'?t|wish i didn'?t|wrong (?:of me )?to|not ok(?:ay)? (?:that|to)|was unfair to|"
    r"was mean to|hate that i)\b[^.!?\n]{0,40}?\b(?:said|saying|say|called|calling|call|told|"
    r"telling|tell|yelled|yelling|snapped|texted|wrote|accused|accusing)\b",
    re.I,
)
_QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|"
                     r"(?<![a-z])'(?:[^'\n]|(?<=[a-z])'(?=[a-z])){2,300}'(?![a-z])", re.I)


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
    spans = [m.span() for m in _QUOTED.finditer(text)]
    for m in _REPORTED.finditer(text):
        end = sentence_bounds(text, m.end())[1]
        but = re.search(r",?\s+but\b", text[m.end():end], re.I)
        spans.append((m.end(), m.end() + but.start() if but else end))
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
    return any(w in _NEGATORS or w.endswith("n't") for w in words_before(text, start, n))


def first_person_before(text: str, start: int, n: int = 3) -> bool:
    return any(w in _FIRST_PERSON for w in words_before(text, start, n))


# What the partner does to the writer, when it is good news ("you keep making me laugh").
_WARM_EFFECT = re.compile(
    r"\s*(?:(?:\w+\s+)?(?:making|make|makes|made|getting|get)\s+)?me\s+(?:so\s+|really\s+)?(?:laugh|"
    r"smile|giggle|blush|happy|happier|feel (?:good|loved|safe|special|better|seen|heard|wanted))",
    re.I,
)


def clause_is_warm(text: str, start: int, end: int) -> bool:
    """Praise or affection with no complaint in what follows ("you always make me smile").

    The positive word may sit anywhere in the clause except the matched words themselves ("thanks
    to you"); the complaint is looked for in the match and the five words after it, where the
    behaviour being described usually is.
    """
    left, right = clause_bounds(text, start, end)
    if _WARM_EFFECT.match(text, end):
        return True
    around = text[left:start] + " " + text[end:right]
    after = " ".join(text[end:right].split()[:5])
    # "again" alone is not a complaint: "because of you I believe in myself again".
    complaint = [m.group(0) for m in NEGATIVE.finditer(text[start:end] + " " + after)]
    return bool(POSITIVE.search(around)) and all(w.lower() == "again" for w in complaint)


_PLAYFUL = re.compile(r"😂|🤣|😘|❤|🥰|😍|😜|😝|😆|\b(?:love you|ily|haha\w*|hehe\w*|jk|just kidding)\b",
                      re.I)


def is_playful(text: str) -> bool:
    return bool(_PLAYFUL.search(text))


def message_is_negative(text: str) -> bool:
    return bool(NEGATIVE.search(text)) or "🙄" in text or "😒" in text


def plans_to_return(text: str) -> bool:
    """A time to come back to it; "not tonight, not tomorrow" names times only to refuse them."""
    return any(not re.search(r"\b(?:not|never|no)\s+$", text[max(0, m.start() - 8):m.start()], re.I)
               for m in _RETURN_PLAN.finditer(text))


def talks_about_partner_feelings(text: str) -> bool:
    return bool(_FEELING_TALK.search(text)) and bool(_YOU.search(text))


def reassures(text: str) -> bool:
    return bool(_REASSURE.search(text))


def takes_responsibility(text: str) -> bool:
    return bool(_RESPONSIBILITY.search(text))
