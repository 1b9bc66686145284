"""The coach's word tables (content/coach/*.yaml) and the cues that find their words agree."""

from __future__ import annotations

import re

from nearer.analysis import rulebook
from nearer.analysis.coach import feelings, rewrite


def test_faux_word_macro_lists_exactly_the_tables_words() -> None:
    table = feelings.table()
    words = {w for w in [*table.faux, *table.variants] if w != feelings.DONT_CARE}
    alternatives = {re.sub(r"\\(.)", r"\1", a) for a in rulebook.macros()["FAUX_WORD"].split("|")}
    assert alternatives == words


def test_every_variant_names_a_faux_word_with_feelings_and_needs() -> None:
    table = feelings.table()
    assert set(table.variants.values()) <= set(table.faux)
    assert all(fs and ns for fs, ns in table.faux.values())


def test_every_topic_cue_has_its_texts_and_every_text_its_cue() -> None:
    cues = {c.id for c in rulebook.all_cues() if c.id.startswith("cue.topic.")}
    topics = rewrite.topics()
    assert {t.rx.pattern for t in topics} == {rulebook.cue(c).pattern for c in cues}
    assert len(topics) == len(cues)
    assert all(t.about and t.feeling and t.need and t.request for t in topics)


def test_the_faux_word_cue_finds_the_word_and_its_needs() -> None:
    found = feelings.check_feelings("Honestly I feel so abandoned and taken for granted lately")
    assert [f.word for f in found] == ["abandoned"]
    assert found[0].needs[0] == "connection"
    assert feelings.check_feelings("I feel like you don't care")[0].needs == ("care", "reassurance", "to matter")


def test_topic_order_decides_the_rewrite_topic() -> None:
    topic = rewrite.find_topic("you are on your phone while the dishes pile up")
    assert topic is not None and topic.about == "screens"  # screens are tried before housework
    assert rewrite.find_topic("nothing in common here") is None


def test_threat_shaped_rules_are_marked_in_their_files_and_read_the_writer_as_doer() -> None:
    from nearer.analysis.safety import WRITER_HARMED, WRITER_THREATENS, assess
    from nearer.analysis.safety.detector import rules

    marked = [rule for rule in rules() if rule.writer_may_threaten]
    assert marked and all(rule.kind == "violence" for rule in marked)
    assert WRITER_THREATENS in assess("I swear I'll hurt him if he does that again", deep=False).who
    assert WRITER_THREATENS not in assess("he said he will hurt me", deep=False).who
    assert WRITER_HARMED in assess("he said he will hurt me", deep=False).who
