"""The packaged rules, read from YAML once per change rather than once per process.

Reading the rule files means parsing ~350 KB of YAML, expanding the macros in ~400 patterns and
deriving each rule's keys from its parsed regex: a few hundred milliseconds that every command
reading text paid at start. The checked result is kept in the cache folder (`disk_cache`) as
`marshal` data (plain strings, tuples and dicts: loading it runs no code), under a name made
from every rule file's name, size and modification time, and from the loader's own code and the
Python version. Any change to one of them is a new name, so the files are read and checked
again (and the book they replace is deleted); a missing, unreadable or damaged cache file is
simply rebuilt. Each installation's rules folder keeps its own file, so two installations
sharing a cache folder never undo each other's. Patterns are not kept
compiled: each compiles when a detector first asks for it (`RuleSpec.pattern`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import sys
from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from nearer.analysis import keys, rulebook
from nearer.analysis.disk_cache import cache_dir, write_atomically
from nearer.analysis.rulebook import Book, CueSpec, RuleSpec

FORMAT = 2  # raised whenever what is kept changes shape (2: rules carry flags / no_flags)
_PREFIX = "rules-"


def _slot(folder: Path) -> str:
    """A name for this installation's rules folder: two installations (two checkouts, two
    virtual environments) sharing one cache folder each keep their own book."""
    return hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:8]


def fingerprint(folder: Path) -> str:
    """A name for the rules as they are now: the rule files and the code that reads them."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    code = [Path(rulebook.__file__), Path(keys.__file__), Path(__file__)]
    for path in [*sorted(folder.glob("*.yaml")), *code]:
        info = path.stat()
        digest.update(f"{path}\0{info.st_mtime_ns}\0{info.st_size}\0".encode())
    return digest.hexdigest()[:24]


def _row(spec: RuleSpec | CueSpec) -> tuple[Any, ...]:
    return tuple(getattr(spec, field.name) for field in dataclasses.fields(spec))


def dump(book: Book) -> bytes:
    groups = {group: tuple(_row(spec) for spec in specs) for group, specs in book.groups.items()}
    cues = {cue_id: _row(cue) for cue_id, cue in book.cues.items()}
    return marshal.dumps((FORMAT, dict(book.macros), groups, cues, dict(book.words)))


def undump(data: bytes) -> Book:
    """The Book `dump` kept; ValueError when the data is not one."""
    try:
        version, macros, groups, cues, words = marshal.loads(data)
        if version != FORMAT:
            raise ValueError(f"format {version}")
        return Book(
            macros,
            {group: tuple(RuleSpec(*row) for row in rows) for group, rows in groups.items()},
            {cue_id: CueSpec(*row) for cue_id, row in cues.items()},
            words,
        )
    except (EOFError, TypeError, ValueError) as error:
        raise ValueError(f"not a kept rule book: {error}") from None


def packaged(folder: Traversable, load: Callable[[Traversable], Book]) -> Book:
    """`load(folder)`, or what it gave last time if nothing it depends on has changed since."""
    if not isinstance(folder, Path):  # rules inside a zip: no modification times to go by
        return load(folder)
    try:
        slot = f"{_PREFIX}{_slot(folder)}-"
        path = cache_dir() / f"{slot}{fingerprint(folder)}.marshal"
    except OSError:
        return load(folder)
    try:
        return undump(path.read_bytes())
    except (OSError, ValueError):
        pass
    book = load(folder)
    try:
        data = dump(book)
    except ValueError:  # an option value marshal cannot keep: read the YAML every time
        return book
    try:
        for old in path.parent.glob(f"{slot}*.marshal"):  # these rules as they were before
            old.unlink(missing_ok=True)
        write_atomically(path, data)
    except OSError:
        pass  # a read-only home still works, just without the speed-up
    return book
