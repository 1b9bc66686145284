"""The rules as data: every rule's and cue's own examples, the derived keys, and load errors.

The example tests are generated from the YAML under `nearer/content/rules/`: a rule added there is
tested here without a line of Python.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from nearer.analysis import rulebook
from nearer.analysis.rulebook import CueSpec, RulebookError, RuleSpec

RULES = rulebook.all_rules()
CUES = rulebook.all_cues()


def _ids(items: tuple[RuleSpec, ...] | tuple[CueSpec, ...]) -> list[str]:
    return [item.id for item in items]


@pytest.mark.parametrize("spec", RULES, ids=_ids(RULES))
def test_rule_matches_its_examples(spec: RuleSpec) -> None:
    missed = [text for text in spec.match if not spec.pattern.search(text)]
    assert not missed, f"{spec.id} does not match {missed}"


@pytest.mark.parametrize("spec", RULES, ids=_ids(RULES))
def test_rule_does_not_match_its_near_misses(spec: RuleSpec) -> None:
    wrong = [text for text in spec.no_match if spec.pattern.search(text)]
    assert not wrong, f"{spec.id} matches {wrong}"


@pytest.mark.parametrize("spec", RULES, ids=_ids(RULES))
def test_derived_keys_are_in_every_example_match(spec: RuleSpec) -> None:
    """A key set is a necessary condition: each matched span holds one of the keys."""
    for text in spec.match:
        m = spec.pattern.search(text)
        assert m is not None
        if spec.keys:
            # The key may sit in a look-ahead just past the span, so read from the match on.
            assert any(k in text[m.start():].lower() or k in m.group().lower() for k in spec.keys), (
                spec.id, text, spec.keys)


@pytest.mark.parametrize("spec", CUES, ids=_ids(CUES))
def test_cue_examples(spec: CueSpec) -> None:
    assert all(spec.pattern.search(text) for text in spec.match), spec.id
    assert not any(spec.pattern.search(text) for text in spec.no_match), spec.id


def test_every_rule_names_its_source_and_reason() -> None:
    for spec in RULES:
        assert spec.source.strip() and spec.reason.strip(), spec.id


def test_ids_are_unique_across_files() -> None:
    ids = _ids(RULES) + _ids(CUES)
    assert len(ids) == len(set(ids))


def test_packaged_macros_expand_and_groups_are_listed() -> None:
    expanded = rulebook.expand(r"\bhurt\s+{SELF}\b.{0,5}")
    assert "{SELF}" not in expanded and expanded.endswith(r"\b.{0,5}")
    assert rulebook.macros()["SELF"] in expanded
    assert {"safety.self_harm", "safety.passive", "safety.euphemism"} <= set(rulebook.groups())
    with pytest.raises(RulebookError, match="unknown macro"):
        rulebook.expand("{NOT_A_MACRO}")


def test_packaged_cues_and_words_load() -> None:
    assert rulebook.cue("cue.humour").search("that was close lol")
    assert "myself" in rulebook.words("nonperson")
    with pytest.raises(RulebookError, match="no cue"):
        rulebook.cue("cue.not_there")
    with pytest.raises(RulebookError, match="no rule file"):
        rulebook.rules("safety.not_there")


# --- the loader on a directory of our own ---------------------------------------------------

MACROS = """\
SELF: '(?:my\\s?self|meself)'
WANT: '(?:want|wanna)\\s+to'
AIM: '{WANT}\\s+hurt\\s+{SELF}'
"""


def _rule_file(pattern: str, *, match: str = "[I want to hurt myself]",
               no_match: str = "[I want to help myself]", rid: str = "self_harm.hurt") -> str:
    return textwrap.dedent(f"""\
        group: safety.test
        source: our own test
        rules:
          - id: {rid}
            kind: self_harm
            level: concern
            pattern: '{pattern}'
            reason: mentions hurting themself
            options:
              skip_if: '\\b{{SELF}}\\s+by\\s+accident\\b'
              hyperbole: true
            match: {match}
            no_match: {no_match}
        """)


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


def test_macros_expand_recursively_and_quantifiers_stay(tmp_path: Path) -> None:
    book = rulebook.load(_write(tmp_path, {
        "macros.yaml": MACROS,
        "safety_test.yaml": _rule_file(r"\b{AIM}\b.{0,10}"),
    }))
    (spec,) = book.groups["safety.test"]
    assert spec.raw == r"\b{AIM}\b.{0,10}"
    assert spec.pattern.pattern == r"\b(?:want|wanna)\s+to\s+hurt\s+(?:my\s?self|meself)\b.{0,10}"
    assert spec.pattern.search("I WANT TO HURT MYSELF")  # compiled ignoring case
    assert spec.options == {"skip_if": r"\b(?:my\s?self|meself)\s+by\s+accident\b", "hyperbole": True}
    assert spec.keys == ("hurt",)  # derived from the pattern, lower case


def test_whole_detector_examples_are_optional_and_kept(tmp_path: Path) -> None:
    plain = rulebook.load(_write(tmp_path, {"macros.yaml": MACROS,
                                            "safety_test.yaml": _rule_file(r"\bhurt\s+{SELF}")}))
    assert plain.groups["safety.test"][0].flags == ()
    assert plain.groups["safety.test"][0].no_flags == ()
    text = _rule_file(r"\bhurt\s+{SELF}").replace(
        "    reason:", "    flags: [I hurt myself]\n    no_flags: [I hurt myself by accident]\n    reason:")
    book = rulebook.load(_write(tmp_path, {"macros.yaml": MACROS, "safety_test.yaml": text}))
    (spec,) = book.groups["safety.test"]
    assert spec.flags == ("I hurt myself",)
    assert spec.no_flags == ("I hurt myself by accident",)


def test_keys_are_lower_case_even_when_the_pattern_is_not(tmp_path: Path) -> None:
    book = rulebook.load(_write(tmp_path, {
        "macros.yaml": MACROS,
        "safety_test.yaml": _rule_file(r"\bHURT\s+{SELF}"),
    }))
    (spec,) = book.groups["safety.test"]
    assert spec.keys == ("hurt",)


def test_a_pattern_without_a_literal_has_no_keys(tmp_path: Path) -> None:
    book = rulebook.load(_write(tmp_path, {
        "macros.yaml": MACROS,
        "safety_test.yaml": _rule_file(r"\b(?:hurt\s+{SELF}|\w+\d)"),
    }))
    assert book.groups["safety.test"][0].keys == ()


@pytest.mark.parametrize(("files", "message"), [
    ({"safety_test.yaml": _rule_file(r"\bhurt\s+{NOBODY}")}, r"safety_test\.yaml: self_harm\.hurt: .*unknown macro \{NOBODY\}"),
    ({"macros_b.yaml": "SELF: 'me'\n"}, r"macros_b\.yaml: SELF: macro already defined in macros\.yaml"),
    ({"macros_b.yaml": "LOOP: 'a{LOOP2}'\nLOOP2: 'b{LOOP}'\n"}, r"macro cycle"),
    ({"macros_b.yaml": "lower: 'x'\n"}, r"not UPPER_SNAKE"),
    ({"safety_test.yaml": _rule_file(r"\bhurt\s+{SELF}", match="[]")}, r"self_harm\.hurt: `match` needs at least one example"),
    ({"safety_test.yaml": _rule_file(r"\bhurt\s+{SELF}", no_match="[]")}, r"self_harm\.hurt: `no_match` needs"),
    ({"safety_test.yaml": _rule_file(r"\bhurt\s+(")}, r"self_harm\.hurt: pattern does not compile"),
    ({"safety_test.yaml": _rule_file(r"\bhurt").replace("level: concern", "level: dire")}, r"level 'dire'"),
    ({"safety_test.yaml": _rule_file(r"\bhurt").replace("kind: self_harm", "kind: blame")}, r"kind 'blame'"),
    ({"safety_test.yaml": _rule_file(r"\bhurt").replace("    reason: mentions hurting themself\n", "")}, r"`reason` is missing"),
    ({"safety_test.yaml": _rule_file(r"\bhurt").replace("group: safety.test", "group: safety.other")}, r"does not match the file name"),
    ({"safety_test.yaml": _rule_file(r"\bhurt"), "safety_more.yaml": _rule_file(r"\bhurt").replace("safety.test", "safety.more")},
     r"safety_test\.yaml: self_harm\.hurt: duplicate id \(also in safety_more\.yaml\)"),
    ({"safety_test.yaml": _rule_file(r"\bhurt").replace("    reason:", "    reasn: x\n    reason:")}, r"unknown field"),
    ({"safety_test.yaml": _rule_file(r"\bhurt").replace("    reason:", "    flags: hurt\n    reason:")},
     r"self_harm\.hurt: `flags` needs at least one example"),
    ({"safety_test.yaml": _rule_file(r"\bhurt").replace("    reason:", "    no_flags: []\n    reason:")},
     r"self_harm\.hurt: `no_flags` needs at least one example"),
])
def test_load_errors_name_the_file_and_rule(tmp_path: Path, files: dict[str, str], message: str) -> None:
    with pytest.raises(RulebookError, match=message):
        rulebook.load(_write(tmp_path, {"macros.yaml": MACROS, **files}))


def test_cue_and_words_sections(tmp_path: Path) -> None:
    book = rulebook.load(_write(tmp_path, {"macros.yaml": MACROS, "safety_test.yaml": textwrap.dedent("""\
        group: safety.test
        source: our own test
        cues:
          - id: cue.self
            pattern: '\\b{SELF}\\b'
            match: [by myself]
            no_match: [by yourself]
        words:
          doers: [It, that]
        """)}))
    assert book.cues["cue.self"].pattern.search("MYSELF")
    assert book.words["doers"] == frozenset({"it", "that"})
