"""Emotion detection: negation, wheel words, evidence, batching, long text, lazy loading."""

import subprocess
import sys

import pytest
from nearer.analysis.emotions_lexicon import find_hits

from nearer.analysis import emotions, emotions_lexicon
from nearer.analysis.emotions import Emotion, detect, detect_many, dominant


def test_negated_anger_reads_as_sadness() -> None:
    found = detect("I'm not angry, just worn out from doing it all on my own")
    assert dominant(found) == "sadness"
    assert all(e.family != "anger" for e in found)


def test_never_felt_so_loved_is_love_not_negation() -> None:
    found = detect("I have never felt so loved")
    assert found[0].family == "love"
    assert found[0].word == "loving"


def test_named_wheel_word_is_reported_with_its_span() -> None:
    text = "Honestly I feel so anxious about tomorrow"
    top = detect(text)[0]
    assert (top.family, top.word) == ("fear", "anxious")
    span = top.evidence[0]
    assert text[span.start : span.end] == span.quote == "anxious"


def test_unnamed_feeling_is_found_from_the_situation() -> None:
    found = detect("My partner stared at his phone all through dinner and never asked about my day")
    assert dominant(found) in {"sadness", "anger"}
    assert found[0].word is None or found[0].family != "neutral"


def test_plain_errand_is_neutral() -> None:
    assert dominant(detect("Took the recycling out and paid the water bill")) == "neutral"


def test_scores_in_unit_interval_and_sorted() -> None:
    found = detect("I was so proud and happy, but also a bit scared of what comes next!")
    assert all(0.0 <= e.score <= 1.0 for e in found)
    assert [e.score for e in found] == sorted((e.score for e in found), reverse=True)
    assert {"joy", "fear"} <= {e.family for e in found}


def test_empty_text_is_neutral() -> None:
    assert detect("   ") == [Emotion("neutral", None, 1.0, ())]
    assert dominant([]) == "neutral"


def test_detect_many_matches_detect() -> None:
    texts = ["The flat feels too quiet since my sister moved to Perth", "Ugh, he lied AGAIN", "", "We laughed all evening"]
    assert detect_many(texts) == [detect(t) for t in texts]


def test_to_dict_round_trips_evidence() -> None:
    data = detect("I feel guilty about yesterday")[0].to_dict()
    assert data["family"] == "shame" and data["word"] == "guilty"
    assert data["evidence"][0]["quote"] == "guilty"


def test_long_text_is_capped_and_spans_point_into_it() -> None:
    sentence = "Today at work I felt ignored in the meeting and it stung a lot. "
    text = sentence * 320  # about 20,000 characters
    units = emotions._units(text)
    assert len(units) == emotions.MAX_UNITS
    assert all(text[u.start : u.end] == u.text for u in units)
    found = detect(text)
    assert dominant(found) == "sadness"
    assert all(text[s.start : s.end] == s.quote for e in found for s in e.evidence)


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("I'm not angry", "angry", True),
        ("I can't stop crying", "sad", False),
        ("I never felt so loved", "loving", False),
        ("he isn't really that annoying", "annoyed", True),
        ("not happy, but angry", "angry", False),
    ],
)
def test_negation_scope(text: str, word: str, negated: bool) -> None:
    hits = [h for h in find_hits(text) if h.word == word]
    assert hits and hits[0].negated is negated


def test_intensifier_raises_weight() -> None:
    plain = next(h for h in find_hits("I am angry") if h.word == "angry")
    strong = next(h for h in find_hits("I am so angry") if h.word == "angry")
    assert strong.weight == pytest.approx(plain.weight * 1.5)


def test_import_does_not_load_the_model() -> None:
    probe = "import sys, nearer.analysis.emotions; print('onnxruntime' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("a little sad at first, but mostly relieved", " mostly relieved"),
        ("I'm not upset just worn down by it all", " worn down by it all"),
        ("we ate early and I just went to bed", None),
        ("Happy, but", None),  # nothing after the turn
    ],
)
def test_contrast_turn(text: str, tail: str | None) -> None:
    turn = emotions_lexicon.contrast_turn(text, find_hits(text))
    assert (text[turn:] if turn is not None else None) == tail


def test_clause_after_the_turn_weighs_more() -> None:
    prepared = emotions.prepare("I was annoyed, but mostly scared")
    weights = {h.word: h.weight for h in prepared.hits[0]}
    params = emotions.PARAMS
    assert weights["annoyed"] == pytest.approx(params.before_turn)
    assert weights["scared"] == pytest.approx(params.after_turn)
    assert prepared.tails == ["mostly scared"]


def test_feeling_that_does_not_stop_is_not_negated() -> None:
    hits = [h for h in find_hits("my hands haven't stopped shaking") if h.family == "fear"]
    assert hits and not hits[0].negated


def test_embedding_text_blanks_negation_and_spells_out_shorthand() -> None:
    text = "im not angry at u rn"
    masked = emotions_lexicon.masked_for_embedding(text, find_hits(text))
    assert masked == "I'm at you right now"


def test_named_feeling_outweighs_situation_in_the_scores() -> None:
    # Equal embedding evidence for every family: the named family must lead.
    flat = [1.0 / len(emotions.FAMILIES)] * len(emotions.FAMILIES)
    scores = emotions.unit_scores(find_hits("I feel ashamed"), flat)
    assert max(range(len(scores)), key=scores.__getitem__) == emotions.FAMILIES.index("shame")
