"""Where the coach's learned head meets a draft: the pieces it reads and the flags it adds.

The head (coach_head.py) reads a draft of one or two sentences whole, a longer one as pairs of
neighbouring sentences, and a long one (over WHOLE_ONLY_CHARS) sentence by sentence too. Per
kind, the piece it scores highest is the one it points at; the kind is flagged when that
probability reaches the kind's threshold. Rules give the spans and reasons where they fire;
where only the head fires, the flag quotes its highest-scoring piece and says "Reads like …" with
the head's confidence, so every flag names what raised it. Embeddings are computed by the caller's
embedder (a Doc's, when there is one) or through the shared row cache, so each piece is embedded
once per process: a draft re-read on every pause in typing (`typing=True`: each sentence, as the
safety head reads it) encodes only the sentence being typed. Written for Nearer, MIT.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from nearer.analysis.coach_head import KINDS, CoachHead, load_head

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from nearer.analysis.text import Doc

Embedder = Callable[[Sequence[str]], "NDArray[np.float32]"]
_PIECE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_SENTENCE_END = re.compile(r"[.!?\n]\W*\s")  # a break between two sentences inside a piece
_MIN_CHARS = 2
# A draft of one or two words ("hi", "ok", "good morning") carries too little meaning for the
# head to judge: its nearest training lines are terse brush-offs. The rules still read it.
MIN_WORDS = 3
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# The head was trained on whole messages; a sentence out of its message (like "calm down?"
# before "impossible, we got the house!!") reads wrongly, so a sentence is read with its
# neighbour (pieces()). Drafts longer than this are also read sentence by sentence.
WHOLE_ONLY_CHARS = 280
MAX_PIECES = 8  # at most this many pairs and this many sentences (the longest ones)
NAMES = {"blame": "blame", "contempt": "contempt", "criticism": "criticism",
         "defensiveness": "defensiveness", "dismissal": "dismissal",
         "stonewalling": "stonewalling", "threat": "a threat"}


# Frames embeddings blur (they read words, not scope), where the head does not judge the six
# kinds; the rules, which read negation and sincerity, still do. The patterns are cues in
# content/rules/coach_head.yaml (`cue.coach_head.*`), read on first use:
# - negated_address: the partner addressed under negation ("it's not your fault", "I don't think
#   you're lazy", "you're not overreacting", "nobody is blaming you");
# - writer / partner: the writer speaking of themselves only ("I'm such an idiot, I left my keys at
#   the office"): blame, criticism, contempt and dismissal are about the partner, so a piece with
#   the writer in it and no "you" is not judged for them;
ABOUT_THE_PARTNER = ("blame", "contempt", "criticism", "dismissal")
# - owning: the writer owning their part ("I'm sorry I said ...", "my fault", "I was being
#   dramatic"): that is the antidote to defensiveness, not defensiveness, and a writer calling
#   their own feelings too big is not dismissing the partner's;
OWNED = ("defensiveness", "dismissal")
# - a break with a time to come back ("let's stop for now and talk again tomorrow after work"):
#   Gottman's 20-minute break, which the stonewalling rules also spare (no_break_planned), is
#   not judged as stonewalling;
# - quoted: words in double quotes are somebody's words reported, not said now: the head reads the
#   draft with them left out;
# - thanks: sincere thanks ("wow, you're a genius! thank you for fixing the boiler"), where praise
#   words are not mockery (the head does not judge contempt; "thanks for nothing" stays judged);
# - bearing_me: gratitude for putting up with the writer ("you deserve a medal for putting up with
#   my snoring"): praise for bearing the writer's faults is not mockery;
# - well_wish: a goodbye with a well-wish or love ("off to work, have a good day x") is not judged
#   as stonewalling.
BLURRED = ("blame", "contempt", "criticism", "defensiveness", "dismissal", "stonewalling")


class _Cues(NamedTuple):
    negated_address: re.Pattern[str]
    writer: re.Pattern[str]
    partner: re.Pattern[str]
    owning: re.Pattern[str]
    quoted: re.Pattern[str]
    thanks: re.Pattern[str]
    bearing_me: re.Pattern[str]
    well_wish: re.Pattern[str]


def plans_to_return(piece: str) -> bool:
    from nearer.analysis.coach.context import plans_to_return as plans

    return plans(piece)


@cache
def _cues() -> _Cues:
    from nearer.analysis.rulebook import cues

    return _Cues(*cues("cue.coach_head", _Cues._fields))


def blurred(text: str, start: int, end: int, kind: str) -> bool:
    """Whether the piece text[start:end] is in a frame the head does not judge for this kind."""
    if kind not in BLURRED:
        return False
    c = _cues()
    if c.negated_address.search(text, start, end):
        return True
    piece = text[start:end]
    if kind in OWNED and c.owning.search(piece):
        return True
    if kind in ABOUT_THE_PARTNER and c.writer.search(piece) and not c.partner.search(piece):
        return True
    if kind == "stonewalling" and (plans_to_return(piece) or c.well_wish.search(text, start, end)):
        # A break with a time to come back is the antidote, not stonewalling; a goodbye with a
        # well-wish ("off to work, have a good day") shuts nobody out.
        return True
    return kind == "contempt" and (c.thanks.search(text) is not None
                                   or c.bearing_me.search(text) is not None)


class HeadFlag(NamedTuple):
    kind: str
    start: int
    end: int
    probability: float

    def reason(self, why: str) -> str:
        return f"Reads like {NAMES[self.kind]} (model, {round(100 * self.probability)}% confident). {why}"


def enabled() -> bool:
    """Off when NEARER_COACH_MODEL=0 (rules only: machines without the model, rule tests)."""
    return os.environ.get("NEARER_COACH_MODEL", "1") != "0"


def judged(text: str) -> bool:
    """Whether the head reads this draft at all (MIN_WORDS words or more)."""
    return len(_WORD.findall(text)) >= MIN_WORDS


def sentences(text: str) -> list[tuple[int, int]]:
    """Each sentence of the draft (offsets into text, spaces trimmed), however short or long."""
    found: list[tuple[int, int]] = []
    for m in _PIECE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= _MIN_CHARS:
            found.append((s, e))
    return found


def pairs(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each two neighbouring sentences as one piece (text.neighbour_pairs); at most MAX_PIECES
    of them, the longest, in draft order."""
    from nearer.analysis.text import neighbour_pairs

    joined = neighbour_pairs(text, found)
    if len(joined) > MAX_PIECES:
        joined = sorted(sorted(joined, key=lambda p: p[0] - p[1])[:MAX_PIECES])
    return joined


def pieces(text: str, typing: bool = False) -> list[tuple[int, int]]:
    """What the head reads: a draft of one or two sentences whole; a longer one as pairs of
    neighbouring sentences (a sentence keeps the one before it as context). A draft longer than
    WHOLE_ONLY_CHARS is also read sentence by sentence. `typing=True` (a pause while the draft
    is typed): each sentence only, as the text layer splits it (typed_sentences), so a pause
    encodes just the sentence being typed; the reading at rest reads the pieces above.
    Offsets into text."""
    stripped = text.strip()
    if len(stripped) < _MIN_CHARS or not judged(stripped):
        return []
    if typing:
        return typed_sentences(text)
    start = text.index(stripped)
    found = sentences(text)
    joined = [(start, start + len(stripped))] if len(found) <= 2 else pairs(text, found)
    if len(found) <= 1 or len(stripped) <= WHOLE_ONLY_CHARS:
        return joined
    if len(found) > MAX_PIECES:
        found = sorted(sorted(found, key=lambda p: p[0] - p[1])[:MAX_PIECES])
    return [*joined, *found]


def typed_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences as the safety head reads them while a draft is typed (the text layer's
    sentences, at most MAX_PIECES, the longest), so a pause encodes each sentence once for both
    heads."""
    from nearer.analysis.text import Doc, with_ending

    doc = Doc(text)
    found = [with_ending(doc.norm, (s, e)) for s, e in doc.sentences if e - s >= _MIN_CHARS]
    if len(found) > MAX_PIECES:
        found = sorted(sorted(found, key=lambda p: p[0] - p[1])[:MAX_PIECES])
    return found


def _read(text: str, span: tuple[int, int], typing: bool = False) -> str:
    """What the head reads of a piece: words in double quotes are left out (reported speech).
    While typing, the text as the text layer normalises it (curly quotes straightened), the
    string the safety head reads of the same sentence."""
    if typing:
        from nearer.analysis.text import normalise

        text = normalise(text)
    return _cues().quoted.sub(" ", text[span[0]:span[1]])


def from_pass(text: str, units: Sequence[tuple[int, int]], typing: bool = False) -> list[int]:
    """The pieces read from one encoder pass over the draft rather than encoded alone: the
    pairs of neighbouring sentences of a draft of three or more, with nothing in quotes left
    out. A pair's row is the mean of its own tokens' states in that pass (Doc.pooled), the pass
    the safety head pools its own pairs from, so a long draft is encoded about twice (the pass
    and each sentence alone), not three times (each sentence sits in two pairs). While typing,
    and for a draft of one or two sentences, nothing is pooled. Measured on the coach's dev
    split (MODEL_CARD.md, "Pairs from the pass")."""
    if typing or len(sentences(text)) <= 2:
        return []
    return [i for i, (s, e) in enumerate(units)
            if _SENTENCE_END.search(text[s:e].strip()) and _read(text, (s, e)) == text[s:e]]


def embedding_texts(text: str, typing: bool = False) -> list[str]:
    """The strings head_flags will embed alone for this draft (none when the head does not read
    it; not the pieces pooled from the pass, from_pass), so a caller can start encoding them
    early (Doc.start)."""
    units = pieces(text, typing)
    pooled = set(from_pass(text, units, typing))
    return [_read(text, p, typing) for i, p in enumerate(units) if i not in pooled]


def needs_pass(text: str, typing: bool = False) -> bool:
    """Whether head_flags pools a piece of this draft from one pass over it (from_pass); never
    while typing, so a pause does not cut the draft into pieces again to find that out."""
    return not typing and bool(from_pass(text, pieces(text)))


def _vectors(doc: Doc, units: Sequence[tuple[int, int]], typing: bool) -> NDArray[np.float32]:
    """One row per piece: read alone through the Doc's rows, or pooled from its pass."""
    import numpy as np

    from nearer.analysis.embeddings import DIMENSIONS

    text = doc.text
    pooled = from_pass(text, units, typing)
    alone = sorted(set(range(len(units))) - set(pooled))
    rows = np.zeros((len(units), DIMENSIONS), dtype=np.float32)
    if alone:
        rows[alone] = doc.embed([_read(text, units[i], typing) for i in alone])
    if pooled:
        rows[pooled] = doc.pooled([units[i] for i in pooled])
    return rows


def adds(kind: str, rules_flagged: bool, rules_threat: bool) -> bool:
    """Whether a head flag of this kind joins the rules' result: any kind when no rule flagged
    the draft; a threat unless the rules already found one."""
    if kind == "threat":
        return not rules_threat
    return not rules_flagged


def cached_embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Embeddings with each piece embedded once per process: the shared row cache
    (nearer.analysis.row_cache), keyed as the encoder reads it."""
    from nearer.analysis.text import embed_shared

    return embed_shared(texts)


def word_probabilities(text: str, typing: bool = False) -> NDArray[np.float32]:
    """The wording head's probabilities of the pieces head_flags reads, one row per piece (each
    piece's row made once per process): no encoder, so the coach reads them while the pieces
    encode."""
    from nearer.analysis.coach import wording

    return wording.load_head().probabilities([_read(text, u, typing) for u in pieces(text, typing)])


def head_flags(text: str | Doc, embedder: Embedder | None = None, head: CoachHead | None = None,
               vetoes: Sequence[tuple[str, int, int]] = (), typing: bool = False,
               words: NDArray[np.float32] | None = None) -> list[HeadFlag]:
    """Per kind over its threshold, the piece the head scored highest for it (the packaged head
    unless another is given: benchmarks score the dev split with the train-only head). Given a
    Doc, its rows and its one pass serve; given text, a Doc of it is made (with `embedder`, if
    one is given, which then reads every piece alone).

    `vetoes` are (kind, start, end) matches the rules weighed and set aside (negated, quoted,
    sincere praise, about the writer...): embeddings read words, not scope, so the head does not
    re-judge a piece holding one for that kind, nor a piece in a frame it blurs (blurred()).
    `typing`: a pause while the draft is typed (pieces()). `words`: word_probabilities of the
    same draft, when the caller read them already (while the pieces encoded)."""
    from nearer.analysis.text import Doc

    doc = text if isinstance(text, Doc) else Doc(text, embedder)
    text = doc.text
    units = pieces(text, typing)
    if not units:
        return []
    head = head or load_head()
    from nearer.analysis.coach import wording

    # What needs no encoder is read first, while the pieces are still encoding: the wording
    # head, and which pieces each kind may not be judged on.
    if words is None:
        words = word_probabilities(text, typing)
    barred = [[blurred(text, s, e, kind)
               or any(v_kind == kind and s <= v_start and v_end <= e
                      for v_kind, v_start, v_end in vetoes)
               for s, e in units] for kind in KINDS]
    probs = wording.combine(head.probabilities(_vectors(doc, units, typing)), words)
    found = []
    for k, kind in enumerate(KINDS):
        column = probs[:, k].copy()
        column[[i for i, bar in enumerate(barred[k]) if bar]] = -1.0
        best = int(column.argmax())
        p = float(column[best])
        if p >= head.thresholds[kind]:
            found.append(HeadFlag(kind, units[best][0], units[best][1], p))
    return found
