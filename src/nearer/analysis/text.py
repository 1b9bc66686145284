"""One text layer: a `Doc` is built once per text and read by every detector.

A Doc holds the text as written and, computed on first use and kept:

- `norm`: the same text with curly quotes straightened and coded spellings read as letters
  ("su1c1de", "k!ll"), always the same length, so every offset into it is an offset into the text;
- `sentences` and `clauses`: (start, end) spans, found once;
- `tokens`: the words, with offsets;
- `negations`: the spans a negation word ("not", "never", "don't", "no one") reaches over;
- sentence embeddings: `embed(strings)` embeds only what this Doc has not embedded yet, all in one
  call to the encoder, and keeps the rows; `embeddings` is one row per sentence and
  `text_embedding` the whole text's row;
- rows of units: `unit_rows(spans)` reads a sentence alone and pools a longer piece (two
  sentences) from one encoder pass over the whole text (`pooled`), as the safety meaning head
  reads its units.

The encoder reads words, not case or surrounding spaces (its tokenizer lower-cases), so rows are
keyed by the stripped, lower-cased string: two detectors asking for the same words share one row.
`embed_docs` fills many Docs in one call, so batch work (import, reanalyze) fills whole batches.

Rows from the packaged encoder are also kept in one bounded, thread-safe, per-process cache
(row_cache.py), so separate Docs of the same words (the coach reading a draft, then the journal
saving it) encode them once. `Doc.start` begins encoding strings a caller expects to need on the
encoder's threads and returns at once: the rules run meanwhile, and `embed` waits for those rows.
Written for Nearer, MIT.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


T = TypeVar("T")

# One-for-one replacements only, so offsets in the normalised text equal offsets in the input.
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                              "`": "'", "\u00b4": "'", "\u2032": "'"})
# Coded spellings ("su1c1de", "k!ll", "k*ll", "unal1ve"): a digit or symbol between two letters
# reads as the letter it stands for. Same length, so offsets still line up.
_LEET = re.compile(r"(?<=[A-Za-z])[10!*3@$4]+(?=[A-Za-z])")
_LEET_MAP = str.maketrans({"1": "i", "0": "o", "!": "i", "*": "i", "3": "e", "@": "a", "$": "s",
                           "4": "a"})
SENTENCE_BREAK = re.compile(r"[.!?\n;]+|\s[-\u2013\u2014]+\s")
CLAUSE_BREAK = re.compile(r"[.!?\n;,:()]+|\s[-\u2013\u2014]+\s|\s(?:but|though|although|"
                          r"whereas|except)\s", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_NEGATOR = frozenset("not never no nobody nothing nowhere neither nor without cannot hardly "
                     "barely dont doesnt didnt wont wouldnt cant couldnt isnt arent wasnt "
                     "werent havent hasnt hadnt shouldnt".split())
NEGATION_REACH = 4  # words after a negator that it can reach, within its clause


def normalise(text: str) -> str:
    """Curly quotes straightened and coded spellings read as letters; the length never changes."""
    return _LEET.sub(lambda m: m.group().translate(_LEET_MAP), text.translate(_SAME_LENGTH))


def lower_same_length(text: str) -> str:
    """Lower case, except the few characters that grow when lower-cased ("İ"), kept as they are."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def embedding_key(text: str) -> str:
    """What the encoder actually reads of a string: the same key gives the same row."""
    return text.strip().lower()


_ENDINGS = ".!?\u2026;\n "
_CLOSING = re.compile(r"[.!?\u2026]+")


def with_ending(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A sentence span taken on over the marks that end it ("I am done" -> "I am done."): the
    learned heads read a sentence as it was written, and one string serves every head."""
    closing = _CLOSING.match(text, span[1])
    return (span[0], closing.end()) if closing else span


def neighbour_pairs(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each two neighbouring sentences (spans in order) as one span, with what ends the second,
    up to where the next one starts: for a text of two sentences, the whole text stripped. The
    learned heads read these rather than a long text whole, so a pause in typing re-encodes only
    the pair being typed."""
    found = []
    for i in range(len(spans) - 1):
        start = spans[i][0]
        stop = spans[i + 2][0] if i + 2 < len(spans) else len(text)
        found.append((start, start + len(text[start:stop].rstrip())))
    return found


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str  # lower case


class Bounds:
    """Pieces of a text between the matches of a break pattern, looked up by offset."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.starts, self.ends = [0], []
        for m in pattern.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))

    def __len__(self) -> int:
        return len(self.starts)

    def index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]

    def around(self, pos: int) -> tuple[int, int]:
        return self[self.index(pos)]


Embedder = Callable[[Sequence[str]], "NDArray[np.float32]"]


def _default_embedder(texts: Sequence[str]) -> NDArray[np.float32]:
    from nearer.analysis import embeddings  # looked up per call: tests may swap the encoder

    return embeddings.embed(texts)


def _encode(keys: Sequence[str], embedder: Embedder | None) -> list[Any]:
    """Rows for these keys: a Doc's own embedder as it is; the packaged encoder through the
    shared row cache, encoding only the keys it does not hold."""
    if embedder is not None:
        return list(embedder(keys))
    from nearer.analysis import embeddings
    from nearer.analysis.row_cache import SHARED

    encoder = embeddings.embed  # the cache holds rows of this encoder only (tests may swap it)
    found = SHARED.get(keys, encoder)
    todo = [k for k in keys if k not in found]
    if todo:
        found.update(SHARED.put(todo, encoder(todo), encoder))
    return [found[k] for k in keys]


def embed_shared(texts: Sequence[str]) -> NDArray[np.float32]:
    """Rows of the packaged encoder for `texts` (any order, repeats allowed) through the shared
    row cache: what is already there is not encoded again."""
    import numpy as np

    from nearer.analysis.embeddings import DIMENSIONS

    keys = [embedding_key(t) for t in texts]
    unique = list(dict.fromkeys(keys))
    if not unique:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    rows = dict(zip(unique, _encode(unique, None), strict=True))
    return np.asarray([rows[k] for k in keys], dtype=np.float32)


class Doc:
    """One text, split and embedded once however many detectors read it."""

    def __init__(self, text: str, embedder: Embedder | None = None) -> None:
        self.text = text
        self._embedder = embedder
        self._rows: dict[str, Any] = {}
        self._pending: dict[str, tuple[_Job, int]] = {}  # key -> (started job, row in it)
        self._memo: dict[str, Any] = {}

    @classmethod
    def of(cls, text: str | Doc) -> Doc:
        return text if isinstance(text, Doc) else cls(text)

    def __repr__(self) -> str:
        return f"Doc({self.text[:40]!r}{'...' if len(self.text) > 40 else ''})"

    # --- words and spans ------------------------------------------------------------------

    @cached_property
    def norm(self) -> str:
        return normalise(self.text)

    @cached_property
    def lower(self) -> str:
        """`norm` in lower case, the same length."""
        return lower_same_length(self.norm)

    @cached_property
    def sentence_bounds(self) -> Bounds:
        """Every piece between sentence breaks, empty ones included (offsets stay indexable)."""
        return Bounds(self.norm, SENTENCE_BREAK)

    @cached_property
    def clause_bounds(self) -> Bounds:
        return Bounds(self.norm, CLAUSE_BREAK)

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """The non-empty sentences, stripped, as (start, end) offsets."""
        return self._stripped(self.sentence_bounds)

    @cached_property
    def clauses(self) -> tuple[tuple[int, int], ...]:
        return self._stripped(self.clause_bounds)

    def _stripped(self, bounds: Bounds) -> tuple[tuple[int, int], ...]:
        spans = []
        for index in range(len(bounds)):
            start, end = bounds[index]
            piece = self.norm[start:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append((start + lead, start + len(piece.rstrip())))
        return tuple(spans)

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.norm[start:end]

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.lower))

    @cached_property
    def negations(self) -> tuple[tuple[int, int], ...]:
        """The words each negation reaches: the next NEGATION_REACH words of its clause
        ("I am not angry at all" -> "angry at all"; in "no, I am fine" it reaches nothing)."""
        spans = []
        tokens = self.tokens
        clauses = self.clause_bounds
        for i, token in enumerate(tokens):
            if token.word.replace("'", "") not in _NEGATOR and not token.word.endswith("n't"):
                continue
            clause_end = clauses.around(token.start)[1]
            reach = [t for t in tokens[i + 1:i + 1 + NEGATION_REACH] if t.end <= clause_end]
            if reach:
                spans.append((reach[0].start, reach[-1].end))
        return tuple(spans)

    def negated(self, start: int, end: int | None = None) -> bool:
        """Whether a negation reaches the words at start..end."""
        end = start + 1 if end is None else end
        return any(s <= start and end <= e for s, e in self.negations)

    # --- embeddings -----------------------------------------------------------------------

    def embedded(self, text: str) -> bool:
        return embedding_key(text) in self._rows

    def prefetch(self, texts: Iterable[str], *, wait: bool = True) -> list[str]:
        """Keys of `texts` this Doc has no row for yet and is not already encoding (what an
        embed call would encode). The whole text's row is taken from the Doc's one pass when
        that pass read it in one window (then it is exactly the text's bare row). With
        `wait=False` a pass still under way is not waited for: the whole text is left to it
        (batch work starting its next chunk must not wait for that chunk's passes), and `embed`
        asks again when the row is needed."""
        keys = list(dict.fromkeys(map(embedding_key, texts)))
        whole = embedding_key(self.norm)
        if whole in keys and whole not in self._rows:
            if not wait and self._pass_under_way():
                if self._fits_one_window():
                    keys.remove(whole)  # else the pass reads it in several windows: encoded alone
            elif self._one_window():
                self.store([whole], self.pooled([(0, len(self.norm))]))
        return [k for k in keys if k not in self._rows and k not in self._pending]

    def _fits_one_window(self) -> bool:
        """Whether the text's pass reads it in one window (counted by the tokenizer, without
        waiting for the pass)."""
        from nearer.analysis.embeddings import MAX_TOKENS, _context_tokenizer

        return len(_context_tokenizer().encode(self.norm).ids) <= MAX_TOKENS  # with [CLS], [SEP]

    def _pass_under_way(self) -> bool:
        pending = self._memo.get(_PENDING)
        return pending is not None and _WHOLE not in self._memo and not pending[0].done()

    def store(self, keys: Sequence[str], rows: Any) -> None:
        for key, row in zip(keys, rows, strict=True):
            self._rows[key] = row

    def start(self, texts: Iterable[str]) -> int:
        """Begin encoding the strings this Doc has no row for, on the encoder's threads, and
        return at once (how many strings went); `embed` waits for them."""
        return start_docs([self], [texts])

    def _settle(self, keys: Iterable[str]) -> None:
        """Wait for the started jobs holding any of these keys and keep their rows. A job that
        failed is forgotten (its strings would be encoded again) and its error raised."""
        for key in keys:
            if key not in self._pending:
                continue
            job = self._pending[key][0]
            mine = {k: at for k, (j, at) in self._pending.items() if j is job}
            for k in mine:
                del self._pending[k]
            rows = job.rows()
            self.store(list(mine), [rows[at] for at in mine.values()])

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One row per text; only strings this Doc has not seen go to the encoder, in one call."""
        import numpy as np

        keys = [embedding_key(t) for t in texts]
        self._settle(keys)
        todo = self.prefetch(keys)
        if todo:
            self.store(todo, _encode(todo, self._embedder))
        rows = [self._rows[k] for k in keys]
        if not rows:
            from nearer.analysis.embeddings import DIMENSIONS

            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.asarray(rows, dtype=np.float32)

    @property
    def embeddings(self) -> NDArray[np.float32]:
        """One row per sentence (`sentences`), computed once."""
        return self.embed([self.norm[s:e] for s, e in self.sentences])

    def reads_alone(self, span: tuple[int, int]) -> bool:
        """Whether a unit is read alone (unit_rows): it lies within one sentence, it is the
        whole text, or another reader of this Doc has its row already (the coach reads the
        pairs of a draft alone: the safety head then takes those rows rather than make a pass)."""
        piece = self.norm[span[0]:span[1]]
        if piece.strip() == self.norm.strip():
            return True
        if not SENTENCE_BREAK.search(piece.strip().rstrip(_ENDINGS)):
            return True
        key = embedding_key(piece)
        return key in self._rows or key in self._pending

    def unit_rows(self, spans: Sequence[tuple[int, int]]) -> NDArray[np.float32]:
        """One row per (start, end) span of `norm`, as the safety meaning head reads its units:
        a sentence, or the whole text, is read alone (its bare row, through `embed`, shared with
        every detector); a longer piece of a longer text (two neighbouring sentences) gets the
        mean of its own tokens' states in ONE encoder pass over the whole text (`pooled`),
        unless another reader has that piece's own row already (`reads_alone`). So a saved
        entry of n sentences costs about two encodings, not the n sentences plus n - 1 pairs
        read alone (about three), and each sentence is still judged on its own words, which no
        neighbour can dilute (MODEL_CARD.md, "How a text is read")."""
        import numpy as np

        from nearer.analysis.embeddings import DIMENSIONS

        rows = np.zeros((len(spans), DIMENSIONS), dtype=np.float32)
        alone = [i for i, span in enumerate(spans) if self.reads_alone(span)]
        if alone:
            rows[alone] = self.embed([self.norm[spans[i][0]:spans[i][1]] for i in alone])
        pooled = sorted(set(range(len(spans))) - set(alone))
        if pooled:
            rows[pooled] = self.pooled([spans[i] for i in pooled])
        return rows

    def needs_pass(self) -> bool:
        """Whether unit_rows may pool from a pass: the text has more than two sentences."""
        return len(self.sentences) > 2

    def pooled(self, spans: Sequence[tuple[int, int]]) -> NDArray[np.float32]:
        """One row per span, pooled from ONE encoder pass over the whole text
        (embeddings.read_whole), made on first use and kept. A Doc with its own embedder, or a
        swapped encoder (tests), embeds each span's string alone instead."""
        from nearer.analysis import embeddings

        if self._embedder is not None or embeddings.embed is not embeddings._packaged_embed:
            return self.embed([self.norm[s:e] for s, e in spans])
        pending = self._memo.pop(_PENDING, None)
        if pending is not None and _WHOLE not in self._memo:
            future, index = pending
            try:
                self._memo[_WHOLE] = future.result()[index]
            except Exception:  # noqa: BLE001 - made again below, where a failure is raised
                pass
        states = self.memo(_WHOLE, lambda: embeddings.read_whole(self.norm))
        return states.pool(spans)

    def passes(self) -> bool:
        """Whether this Doc's one pass (`pooled`) is made or under way."""
        return _WHOLE in self._memo or _PENDING in self._memo

    def _one_window(self) -> bool:
        """Whether this Doc's pass is made or under way and read the text in one window: its
        whole-text row is then exactly the text's bare row (embeddings.embed)."""
        from nearer.analysis.embeddings import MAX_TOKENS

        if not self.passes():
            return False
        self.pooled([])  # waits for a pass under way
        return len(self._memo[_WHOLE].offsets) <= MAX_TOKENS - 2

    @property
    def text_embedding(self) -> NDArray[np.float32]:
        """The whole text's row (its normalised form)."""
        row: NDArray[np.float32] = self.embed([self.norm])[0]
        return row

    # --- what detectors derive from the text --------------------------------------------

    def memo(self, name: str, build: Callable[[], T]) -> T:
        """A detector's own reading of this text (rules matched, units cut), made once."""
        if name not in self._memo:
            self._memo[name] = build()
        value: T = self._memo[name]
        return value


_WHOLE = "text.read_whole"  # a Doc's memo of its one pass (Doc.pooled)
_PENDING = "text.read_whole.pending"  # (future, index) of a pass started by start_whole


def _without_pass(docs: Sequence[Doc]) -> list[Doc]:
    """The Docs that would read in context and have no pass made or under way."""
    from nearer.analysis import embeddings

    if embeddings.embed is not embeddings._packaged_embed:
        return []
    return [d for d in docs if d._embedder is None and _WHOLE not in d._memo
            and _PENDING not in d._memo]


def read_docs_whole(docs: Sequence[Doc]) -> None:
    """Make the one pass of every Doc that will pool rows from one (Doc.pooled), the
    windows of all of them in shared model calls: batch work fills whole calls."""
    from nearer.analysis import embeddings

    todo = _without_pass(docs)
    if todo:  # shared out over the encoder threads (or a server's batcher), then waited for
        started = embeddings.read_wholes_soon([d.norm for d in todo])
        for doc, (future, index) in zip(todo, started, strict=True):
            doc._memo[_WHOLE] = future.result()[index]


def start_whole(docs: Sequence[Doc]) -> None:
    """Like read_docs_whole, but on the encoder's threads, returning at once: the rules run
    meanwhile and `pooled` waits for the pass."""
    from nearer.analysis import embeddings

    todo = _without_pass(docs)
    if todo:
        started = embeddings.read_wholes_soon([d.norm for d in todo])
        for doc, pending in zip(todo, started, strict=True):
            doc._memo[_PENDING] = pending


class _Job:
    """Strings being encoded on the encoder's threads; their rows join the shared cache."""

    def __init__(self, pending: Any, keys: list[str], encoder: Any) -> None:
        self.pending, self.keys, self.encoder = pending, keys, encoder
        self._rows: list[Any] | None = None

    def rows(self) -> list[Any]:
        if self._rows is None:
            from nearer.analysis.row_cache import SHARED

            kept = SHARED.put(self.keys, self.pending.result(), self.encoder)
            self._rows = [kept[k] for k in self.keys]
        return self._rows


def start_docs(docs: Sequence[Doc], wanted: Sequence[Iterable[str]]) -> int:
    """Like embed_docs, but returns at once: the strings start encoding on the encoder's threads
    (embeddings.embed_soon) as ONE job for all the Docs, and each Doc's `embed` waits for its
    rows. Rows the shared cache holds are taken now; Docs with their own embedder are filled
    now. Returns how many strings went to the encoder."""
    from nearer.analysis import embeddings
    from nearer.analysis.row_cache import SHARED

    needs = [doc.prefetch(texts, wait=False) for doc, texts in zip(docs, wanted, strict=True)]
    own = [(doc, keys) for doc, keys in zip(docs, needs, strict=True) if doc._embedder and keys]
    for doc, keys in own:
        doc.store(keys, doc._embedder(keys))  # type: ignore[misc]
    encoder = embeddings.embed
    shared = [(doc, keys) for doc, keys in zip(docs, needs, strict=True) if not doc._embedder]
    found = SHARED.get(list(dict.fromkeys(k for _, keys in shared for k in keys)), encoder)
    for doc, keys in shared:
        doc.store([k for k in keys if k in found], [found[k] for k in keys if k in found])
    unique = list(dict.fromkeys(k for _, keys in shared for k in keys if k not in found))
    if not unique:
        return 0
    job = _Job(embeddings.embed_soon(unique), unique, encoder)
    at = {key: i for i, key in enumerate(unique)}
    for doc, keys in shared:
        for key in keys:
            if key not in found:
                doc._pending[key] = (job, at[key])
    return len(unique)


def embed_docs(docs: Sequence[Doc], wanted: Sequence[Iterable[str]],
               embedder: Embedder | None = None) -> int:
    """Give each Doc its rows for the strings it wants, embedding all of them in ONE call.

    Strings wanted by several Docs are encoded once; strings a Doc is already encoding (`start`)
    are not encoded again. Returns how many strings were encoded.
    """
    needs = [doc.prefetch(texts) for doc, texts in zip(docs, wanted, strict=True)]
    unique = list(dict.fromkeys(key for keys in needs for key in keys))
    if not unique:
        return 0
    rows = _encode(unique, embedder)
    by_key = dict(zip(unique, rows, strict=True))
    for doc, keys in zip(docs, needs, strict=True):
        doc.store(keys, [by_key[k] for k in keys])
    return len(unique)
