"""Joking-tone policy (MODEL_CARD.md, "Joking tone"): a joking tone may lower the level, but a
stated wish to die or to kill oneself stays at least `concern`; hyperbole about things stays `none`.

Every sentence here was written for this file. None is a training, dev, benchmark or prototype
line (checked below), so these test the policy on new text rather than replaying tuning data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nearer.analysis.safety import assess

ROOT = Path(__file__).resolve().parents[2]

STATED_WISHES = [
    "i want to die lol",
    "honestly just wanna die haha",
    "lmao i want to kill myself",
    "gonna kms jk... unless? 😅",
    "i hope i don't wake up tomorrow lol",
    "kinda want to be dead tbh 🙃",
    "thinking about killing myself again haha",
    "i really want to die rn 💀",
    "i just want to not wake up lol",
    "i'd rather be dead lol",
    "ready to off myself lmao",
    "wanna die xD",
    "i want to die. lol",
    "ngl i want to die haha",
]

HYPERBOLE = [
    "this exam is killing me lol",
    "I'm dead 😂",
    "I could die of embarrassment",
    "lmao im dying, that video",
    "my feet are killing me haha",
    "she killed it at karaoke lol",
    "i nearly died laughing at his dad joke",
    "phone's about to die lol",
    "my battery is about to die",
    "laptop's gonna die haha",
    "i'm so dead if mum finds out i ate the cake lol",
    "that pun killed me 💀",
    "i would kill for a coffee rn haha",
    "we're all going to die someday lol",
]

# Sentences for the finer checks below (also new text).
PLAIN_WISH = "some nights i want to kill myself"
JOKED_WISH = "some nights i want to kill myself lol"
TAKEN_BACK = "want to die haha. not even joking"
NOT_TAKEN_BACK = "want to die haha. anyway, dinner?"
THING_THEN_WRITER = "my phone's about to die and honestly i want to die"


def _known_lines() -> set[str]:
    lines: set[str] = set()
    for path in [*sorted((ROOT / "data" / "train").glob("*.jsonl")),
                 *sorted((ROOT / "benchmarks" / "data").rglob("*.jsonl"))]:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.lstrip().startswith("{"):  # header comments are not rows
                    row = json.loads(line)
                    lines.add(str(row.get("text", "")).strip().lower())
    return lines


def test_these_sentences_are_not_tuning_lines() -> None:
    known = _known_lines()
    prototypes = (ROOT / "src" / "nearer" / "content" / "emotions" / "prototypes.yaml").read_text(
        encoding="utf-8"
    ).lower()
    for text in [*STATED_WISHES, *HYPERBOLE, PLAIN_WISH, JOKED_WISH, TAKEN_BACK, NOT_TAKEN_BACK,
                 THING_THEN_WRITER]:
        assert text.lower() not in known, text
        assert text.lower() not in prototypes, text


@pytest.mark.parametrize("text", STATED_WISHES)
def test_a_stated_wish_to_die_stays_at_least_concern_with_a_joking_tone(text: str) -> None:
    for deep in (False, True):
        result = assess(text, deep=deep)
        assert result.level in ("concern", "urgent"), (text, deep)
        assert result.kinds == ("self_harm",), (text, deep)


@pytest.mark.parametrize("text", HYPERBOLE)
def test_hyperbole_about_things_stays_none(text: str) -> None:
    for deep in (False, True):
        assert assess(text, deep=deep).level == "none", (text, deep)


def test_a_joke_lowers_urgent_to_concern_but_not_below() -> None:
    assert assess(PLAIN_WISH, deep=False).level == "urgent"
    assert assess(JOKED_WISH, deep=False).level == "concern"


def test_a_joke_taken_back_in_the_next_sentence_does_not_lower() -> None:
    assert assess(TAKEN_BACK, deep=False).level == "urgent"
    assert assess(NOT_TAKEN_BACK, deep=False).level == "concern"


def test_a_thing_about_to_die_does_not_hide_the_writer_in_the_same_sentence() -> None:
    result = assess(THING_THEN_WRITER, deep=False)
    assert result.level == "urgent"
    assert [m.quote for m in result.matches] == ["want to die"]


@pytest.mark.parametrize("text", [
    "gonna walk off the pier lol. not lol.",
    "i'll jump into the quarry haha. no haha",
    "swear i'll walk into the bay lmao. jk. kind of not",
    "might walk into the canal haha. ok that wasn't a joke",
])
def test_a_joke_taken_back_in_new_words_does_not_hide_the_words(text: str) -> None:
    # the same words with the joke left standing are set aside (none); taken back, they count
    assert assess(text, deep=False).level != "none", text
    assert assess(text.split(". ")[0] + ". anyway, dinner?", deep=False).level == "none", text


def test_a_plan_beside_a_joke_takes_the_joke_back() -> None:
    joked = "haha might just walk into the canal 💀"
    assert assess(joked, deep=False).level == "none"
    assert assess(joked + " also the note half written", deep=False).level != "none"
