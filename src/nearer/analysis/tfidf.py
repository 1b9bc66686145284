"""Tf-idf features of a text's wording, shared by the wording heads (safety, emotions).

A wording head reads the words a text is written with rather than its meaning. Two kinds of
feature are counted here:
- `pieces`: each word (the text normalised as the text layer does, lower case, split at white
  space) padded with one space either side, and every run of LOW..HIGH letters of it counted
  ("rope" -> " r", "ro", "rop", "rope", "rope ", ...), so misspellings, plurals and words never
  seen whole still share pieces with known ones;
- `words`: the text layer's word tokens and each pair of neighbouring tokens, keys starting with
  a tab (a piece never holds white space, so the two kinds cannot meet).
`weighted` turns one kind's counts into the columns of a vocabulary: each known key weighs
(1 + ln count) times its inverse document frequency from training (sublinear tf-idf), and the
kind's part of the row is scaled to unit length. `features` joins the kinds a head was trained on,
each scaled on its own (so a head that reads both gives each the same say). Written for Nearer, MIT.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from nearer.analysis.text import normalise

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

LOW, HIGH = 2, 5  # letters per piece
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
WORD_MARK = "\t"  # starts every `words` key


def pieces(text: str) -> Counter[str]:
    """How often each piece of LOW..HIGH letters occurs in the words of `text`."""
    found: Counter[str] = Counter()
    for word in _SPACE.split(normalise(text).lower()):
        if word:
            found.update(_word_pieces(word))
    return found


@lru_cache(maxsize=65536)
def _word_pieces(word: str) -> tuple[str, ...]:
    """The pieces of one word, made once per process: a text's words come back in each unit a
    head reads (a sentence, the pairs it is in, the whole text) and across texts."""
    padded = f" {word} "
    return tuple(padded[at:at + size]
                 for size in range(LOW, HIGH + 1) for at in range(len(padded) - size + 1))


def words(text: str) -> Counter[str]:
    """How often each word and each pair of neighbouring words occurs in `text` (tab-marked)."""
    tokens = _WORD.findall(normalise(text).lower())
    found: Counter[str] = Counter(WORD_MARK + t for t in tokens)
    found.update(f"{WORD_MARK}{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    return found


KINDS: dict[str, Callable[[str], Counter[str]]] = {"pieces": pieces, "words": words}


def weighted(counts: Mapping[str, int], index: Mapping[str, int], idf: NDArray[np.float32]
             ) -> tuple[list[int], list[float]]:
    """The columns of the known keys in `counts` and their tf-idf values, scaled to unit length."""
    import numpy as np

    known = [(index[key], count) for key, count in counts.items() if key in index]
    if not known:
        return [], []
    columns = [column for column, _ in known]
    values = (1.0 + np.log(np.array([count for _, count in known], dtype=np.float64))) \
        * idf[columns].astype(np.float64)
    norm = math.sqrt(float(values @ values)) or 1.0
    return columns, (values / norm).tolist()


def features(text: str, kinds: Sequence[str], index: Mapping[str, int], idf: NDArray[np.float32]
             ) -> tuple[list[int], list[float]]:
    """`weighted` for each kind of feature in turn, the parts joined (each of unit length)."""
    columns: list[int] = []
    values: list[float] = []
    for kind in kinds:
        c, v = weighted(KINDS[kind](text), index, idf)
        columns += c
        values += v
    return columns, values


class Reader:
    """`features` for one head, faster, with the same columns, values and order: the columns of
    each word's known pieces are found once per word and kept (a text's words come back in every
    unit a head reads of it, and across texts), so a unit costs one count over column numbers
    rather than a dictionary look-up for each of its few hundred pieces. Training reads through
    `features` itself; a test holds the two equal."""

    WORDS_KEPT = 65536  # words whose columns are kept per head (then new words are looked up)

    def __init__(self, kinds: Sequence[str], index: Mapping[str, int],
                 idf: NDArray[np.float32]) -> None:
        self.kinds, self.index, self.idf = tuple(kinds), index, idf
        self._idf64 = idf.astype("float64")
        self._words: dict[str, tuple[int, ...]] = {}

    def _word_columns(self, word: str) -> tuple[int, ...]:
        found = self._words.get(word)
        if found is None:
            index = self.index
            found = tuple(index[p] for p in _word_pieces(word) if p in index)
            if len(self._words) < self.WORDS_KEPT:
                self._words[word] = found
        return found

    def _piece_counts(self, text: str) -> Counter[int]:
        found: Counter[int] = Counter()
        for word in _SPACE.split(normalise(text).lower()):
            if word:
                found.update(self._word_columns(word))
        return found

    def _part(self, counts: Counter[int]) -> tuple[list[int], list[float]]:
        import numpy as np

        if not counts:
            return [], []
        columns = list(counts)
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) \
            * self._idf64[columns]
        norm = math.sqrt(float(values @ values)) or 1.0
        return columns, (values / norm).tolist()

    def features(self, text: str) -> tuple[list[int], list[float]]:
        """What `features(text, kinds, index, idf)` gives."""
        columns: list[int] = []
        values: list[float] = []
        for kind in self.kinds:
            if kind == "pieces":
                c, v = self._part(self._piece_counts(text))
            else:
                c, v = weighted(KINDS[kind](text), self.index, self.idf)
            columns += c
            values += v
        return columns, values


def linear_logits(texts: Sequence[str],
                  features: Callable[[str], tuple[list[int], list[float]]],
                  weights: NDArray[np.float32], bias: NDArray[np.float32]) -> NDArray[np.float32]:
    """A wording head's logits, one row per text: bias plus the weights of each text's sparse
    tf-idf features (`features` gives their columns and values)."""
    import numpy as np

    out = np.tile(bias, (len(texts), 1)).astype(np.float32)
    for row, text in enumerate(texts):
        columns, values = features(text)
        if columns:
            out[row] += weights[:, columns] @ np.asarray(values, dtype=np.float32)
    return out
