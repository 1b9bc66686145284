"""Test sentences are kept apart from every tuning and benchmark sentence (issue 14, item 7).

A test that feeds a detector a training line, an emotion prototype or a benchmark line only replays
data the detectors were tuned on (or, for the fresh sets, data that must stay unseen) and proves
nothing about new text. This reads the test code of tests/analysis, tests/cli, tests/services and
tests/web with `ast` and takes every string literal of four or more words: sentences reach the
detectors through direct calls, parametrize lists, module constants, JSON bodies, form fields and
command-line arguments, more routes than a syntax walk can follow, so every such literal is checked
(docstrings aside; f-string pieces are not whole sentences). None may equal a line of
data/train/*.jsonl, a prototype sentence of content/emotions/prototypes.yaml or a line of any
benchmark set under benchmarks/data/ (the dev, blind, probe, round3, holdout and fresh sets, in
subfolders too, field "text"), compared as the encoder reads them (`embedding_key`), nor differ
from one only in punctuation. The match / no_match examples inside the rule files are unit
examples of each rule, not tests of generalisation, and are not checked here.
"""

from __future__ import annotations

import ast
import json
import string
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from nearer.analysis.text import embedding_key

ROOT = Path(__file__).resolve().parents[2]
TEST_DIRS = ("analysis", "cli", "services", "web")
TRAINING = ROOT / "data" / "train"
BENCHMARKS = ROOT / "benchmarks" / "data"
PROTOTYPES = ROOT / "src" / "nearer" / "content" / "emotions" / "prototypes.yaml"
MIN_WORDS = 4

# Punctuation dropped by the looser comparison; the apostrophe stays ("cant" and "can't" are
# different words to the tokenizer), typographic quotes are folded to straight ones first.
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_DROP = str.maketrans({c: " " for c in string.punctuation.replace("'", "") + "\u2026\u2013\u2014"})


def punctuation_free(text: str) -> str:
    """The embedding key with punctuation gone and spaces folded: "I can't stop." = "i can't stop"."""
    return " ".join(embedding_key(text).translate(_FOLD).translate(_DROP).split())


def jsonl_sentences(paths: Iterable[Path]) -> Iterator[tuple[str, str]]:
    """(text, `path:line`) of every JSON line of the files; comment lines ("# ...") are skipped."""
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.lstrip().startswith("{"):
                    yield str(json.loads(line)["text"]), f"{path.relative_to(ROOT)}:{number}"


def tuning_sentences() -> Iterator[tuple[str, str]]:
    """(sentence, where it lives as `path:line`) for every training line, benchmark line and
    prototype."""
    yield from jsonl_sentences(sorted(TRAINING.glob("*.jsonl")))
    yield from jsonl_sentences(sorted(BENCHMARKS.rglob("*.jsonl")))
    root = yaml.compose(PROTOTYPES.read_text(encoding="utf-8"))
    assert isinstance(root, yaml.MappingNode)
    for family, sentences in root.value:
        assert isinstance(sentences, yaml.SequenceNode), family.value
        for node in sentences.value:
            where = f"{PROTOTYPES.relative_to(ROOT)}:{node.start_mark.line + 1} ({family.value})"
            yield str(node.value), where


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are statements by themselves (docstrings, bare strings)."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def sentences_in(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal of MIN_WORDS or more words in one test file."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # pieces of an f-string are not sentences
            skip.update(id(part) for part in node.values)
    found = [(node.lineno, node.col_offset, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in skip and len(node.value.split()) >= MIN_WORDS]
    for line, _, text in sorted(found):
        yield line, text


def overlaps() -> list[str]:
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    for text, where in tuning_sentences():
        exact.setdefault(embedding_key(text), where)
        loose.setdefault(punctuation_free(text), where)
    found = []
    for folder in TEST_DIRS:
        for path in sorted((ROOT / "tests" / folder).rglob("*.py")):
            for line, text in sentences_in(path.read_text(encoding="utf-8")):
                place = f"{path.relative_to(ROOT)}:{line} {text!r}"
                if embedding_key(text) in exact:
                    found.append(f"{place} is {exact[embedding_key(text)]}")
                elif punctuation_free(text) in loose:
                    found.append(f"{place} differs only in punctuation from "
                                 f"{loose[punctuation_free(text)]}")
    return found


def test_no_test_sentence_is_a_training_line_a_benchmark_line_or_a_prototype() -> None:
    found = overlaps()
    assert not found, ("test sentences that replay tuning or benchmark data (write new ones):\n"
                       + "\n".join(found))


def test_the_collector_finds_sentences_in_every_place_a_test_keeps_them() -> None:
    source = '''
"""A module docstring with many words in it."""
X = "a constant sentence of words"
@pytest.mark.parametrize("text", ["a parametrized sentence of words", "two words"])
def test_x(name):
    """A docstring of a test function."""
    assess(f"an f-string {name} with many words")
    client.post("/api", json={"text": "a sentence in a body"})
    run(["coach", "a sentence on the command line"])
'''
    assert [text for _, text in sentences_in(source)] == [
        "a constant sentence of words", "a parametrized sentence of words",
        "a sentence in a body", "a sentence on the command line",
    ]


def test_lines_are_compared_as_the_encoder_reads_them() -> None:
    assert embedding_key("  I Miss Her  ") == embedding_key("i miss her")
    assert punctuation_free("I can\u2019t stop, honestly\u2026") == "i can't stop honestly"
    assert punctuation_free("i cant stop") != punctuation_free("I can't stop.")
    assert punctuation_free("we're fine 🙂") != punctuation_free("we're fine")


def test_every_training_line_benchmark_line_and_prototype_is_read_with_its_place() -> None:
    places = dict(tuning_sentences())
    files = {where.split(":")[0] for where in places.values()}
    assert {f"data/train/{p.name}" for p in TRAINING.glob("*.jsonl")} <= files
    benchmarks = {str(p.relative_to(ROOT)) for p in BENCHMARKS.rglob("*.jsonl")}
    assert "benchmarks/data/fresh3/fresh3_safety.jsonl" in benchmarks  # subfolders are searched
    assert benchmarks <= files
    assert str(PROTOTYPES.relative_to(ROOT)) in files
    first = yaml.safe_load(PROTOTYPES.read_text(encoding="utf-8"))["joy"][0]
    number = int(places[first].split(":")[1].split()[0])
    assert PROTOTYPES.read_text(encoding="utf-8").splitlines()[number - 1].endswith(first)
