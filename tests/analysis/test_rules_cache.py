"""The packaged rules are read from YAML once per change and kept; patterns compile when asked for.

What is kept must be the very rule book the YAML gives (same ids, patterns, keys, options,
examples); a change to a rule file, or a damaged cache file, means reading the YAML again; and
the safety detector's key index, built without compiling anything, is the one the compiled
rules give.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from nearer.analysis import rulebook, rules_cache
from nearer.analysis.rulebook import Book
from nearer.analysis.safety import detector

PACKAGED = Path(str(resources.files("nearer.content") / "rules"))


@pytest.fixture
def rules_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the packaged rule files, and a cache folder of the test's own."""
    monkeypatch.setenv("NEARER_CACHE_DIR", str(tmp_path / "cache"))
    return Path(shutil.copytree(PACKAGED, tmp_path / "rules"))


def _counting(calls: list[Path]) -> Any:
    def load(folder: Any) -> Book:
        calls.append(folder)
        return rulebook.load(folder)

    return load


def _same(kept: Book, read: Book) -> None:
    assert kept.macros == read.macros and kept.words == read.words
    assert list(kept.groups) == list(read.groups) and list(kept.cues) == list(read.cues)
    for group, specs in read.groups.items():
        assert kept.groups[group] == specs  # every field: id, expanded pattern, keys, options ...
        assert [s.pattern.pattern for s in kept.groups[group]] == [s.pattern.pattern for s in specs]
    for cue_id, cue in read.cues.items():
        assert kept.cues[cue_id] == cue
        assert kept.cues[cue_id].pattern.flags == cue.pattern.flags


def test_a_kept_book_is_the_book_the_yaml_gives(rules_dir: Path) -> None:
    calls: list[Path] = []
    first = rules_cache.packaged(rules_dir, _counting(calls))
    again = rules_cache.packaged(rules_dir, _counting(calls))
    assert len(calls) == 1  # the second came from the cache folder
    _same(again, rulebook.load(rules_dir))
    _same(again, first)


def test_a_kept_book_compiles_a_pattern_only_when_asked(rules_dir: Path) -> None:
    rules_cache.packaged(rules_dir, rulebook.load)
    kept = rules_cache.packaged(rules_dir, lambda _: pytest.fail("read the YAML again"))
    specs = [spec for group in kept.groups.values() for spec in group]
    assert not any("pattern" in spec.__dict__ for spec in specs)
    assert specs[0].pattern.search(specs[0].match[0])
    assert "pattern" in specs[0].__dict__ and "pattern" not in specs[1].__dict__


def test_a_changed_rule_file_is_read_again(rules_dir: Path) -> None:
    calls: list[Path] = []
    rules_cache.packaged(rules_dir, _counting(calls))
    target = rules_dir / "safety_self_harm.yaml"
    text = target.read_text("utf-8")
    target.write_text(text.replace("reason: mentions", "reason: (changed) mentions", 1), "utf-8")
    changed = rules_cache.packaged(rules_dir, _counting(calls))
    assert len(calls) == 2
    assert any("(changed)" in s.reason for s in changed.groups["safety.self_harm"])
    # The same size and a different modification time is a change too.
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    rules_cache.packaged(rules_dir, _counting(calls))
    assert len(calls) == 3
    # Only the newest kept book stays in the folder.
    assert len(list((rules_dir.parent / "cache").glob("rules-*.marshal"))) == 1


def test_two_installations_sharing_a_cache_folder_each_keep_their_book(rules_dir: Path) -> None:
    other = Path(shutil.copytree(rules_dir, rules_dir.parent / "other-install"))
    (other / "safety_self_harm.yaml").write_text(
        (other / "safety_self_harm.yaml").read_text("utf-8") + "\n", "utf-8")
    calls: list[Path] = []
    for folder in (rules_dir, other, rules_dir, other):
        rules_cache.packaged(folder, _counting(calls))
    assert calls == [rules_dir, other]  # each read once, then kept side by side
    assert len(list((rules_dir.parent / "cache").glob("rules-*.marshal"))) == 2


def test_a_damaged_cache_file_is_rebuilt(rules_dir: Path) -> None:
    calls: list[Path] = []
    rules_cache.packaged(rules_dir, _counting(calls))
    (kept,) = (rules_dir.parent / "cache").glob("rules-*.marshal")
    kept.write_bytes(kept.read_bytes()[:100])
    book = rules_cache.packaged(rules_dir, _counting(calls))
    assert len(calls) == 2
    _same(book, rulebook.load(rules_dir))
    with pytest.raises(ValueError, match="not a kept rule book"):
        rules_cache.undump(b"\x00not marshal")


def test_an_unwritable_cache_folder_still_gives_the_rules(
    rules_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEARER_CACHE_DIR", str(blocker / "sub"))
    _same(rules_cache.packaged(rules_dir, rulebook.load), rulebook.load(rules_dir))


def test_the_safety_key_index_is_the_one_the_compiled_rules_give() -> None:
    """Built from the rule files without compiling, it equals the index built from compiled
    Rules the way the detector built it before (one rule per place, keys as the Rule has them)."""
    every = detector.rules()
    index = detector._index()
    assert [r.id for r in every] == [s.id for s in index.specs]
    assert [(r.keys, r.keys_inside_words) for r in every] == [
        tuple(detector.keys_of(s)) for s in index.specs
    ]
    derived = [i for i, r in enumerate(every) if r.keys and r.id]
    old_for_key = {key: tuple(i for i in derived if key in every[i].keys)
                   for key in sorted({k for i in derived for k in every[i].keys})}
    assert index.derived.rules_for_key == old_for_key
    assert index.always == tuple(i for i, r in enumerate(every) if not r.keys)
    assert detector._threat_ids() == frozenset(r.id for r in every if r.writer_may_threaten)
