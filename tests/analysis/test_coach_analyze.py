"""Behaviour of the message coach: every kind, every trap family, spans, JSON shape, bad input."""

from __future__ import annotations

import json

import pytest

from nearer.analysis.coach import (
    KINDS,
    MAX_CHARS,
    CoachInputError,
    CoachResult,
    analyze,
    analyze_many,
)

HARSH = {
    "criticism": ["you're so selfish", "ur so lazy it's actually unbelievable",
                  "honestly what is wrong with you lately", "you only ever care about yourself",
                  "how could you be so careless with my things"],
    "contempt": ["you're pathetic", "lol ur so dumb sometimes", "wow. just wow.", "🙄",
                 "lol yeah sure you did the dishes", "nice going genius, you lost the car keys"],
    "defensiveness": ["it's not my fault the parcel went missing",
                      "what about you? you never tidy up either",
                      "I didn't do anything wrong, I just forgot to text",
                      "oh so now the mess is my fault?", "you're one to talk about being late"],
    "stonewalling": ["whatever.", "I'm done talking about the money thing",
                     "i don't wanna talk about it rn", "k", "leave me alone", "fine whatever"],
    "blame": ["you never listen to me about the car", "u literally never empty the dishwasher",
              "this is all your fault", "ur always on ur phone", "you made me miss my train"],
    "dismissal": ["you're overreacting", "calm down", "ur being dramatic",
                  "I'm sure it seemed huge to you, but honestly it's nothing", "get over it"],
}

TRAPS = {
    "absolute praise": ["I always feel at home with you", "you never fail to brighten my morning",
                        "you always know how to calm me when I'm stressed",
                        "you're never a bother to me, promise"],
    "negation": ["it's not your fault, the pharmacy had run out", "you're not overreacting",
                 "I don't think you're lazy at all", "honestly none of it was your fault"],
    "quotation": ['I\'m sorry I said "you never help", that was unfair of me',
                  "I'm sorry I called you selfish last night",
                  "I shouldn't have told you to calm down"],
    "sincere praise words": ["oh great, you're home! dinner's ready",
                             "thanks a lot for collecting my parcel, you're a legend",
                             "congrats on finishing the marathon!! so proud of you"],
    "not shutting down": ["whatever takeaway you want is fine with me",
                          "I'm done with the dishes, movie?",
                          "I need a breather, can we pick this up again after dinner?",
                          "I don't care which film we watch, you pick ❤️"],
    "reassurance": ["no big deal, I'll grab another one", "it's nothing, I was glad to lend a hand",
                    "relax, I've booked the taxi, enjoy your evening!"],
    "self or others": ["I'm such an idiot, I forgot my lunch on the bus", "my boss is so selfish",
                       "I need to calm down before we talk"],
    "owning it": ["I was wrong and the mix-up is my fault, I'm sorry",
                  "how was your day? what about you?"],
}


@pytest.mark.parametrize("kind,text", [(k, t) for k, ts in HARSH.items() for t in ts])
def test_each_kind_is_flagged(kind: str, text: str) -> None:
    result = analyze(text)
    assert kind in result.kinds
    assert not result.gentle


@pytest.mark.parametrize("family,text", [(f, t) for f, ts in TRAPS.items() for t in ts])
def test_traps_stay_gentle(family: str, text: str) -> None:
    result = analyze(text)
    assert result.flags == () and result.kinds == () and result.rewrite is None, (
        family, [(f.kind, f.quote) for f in result.flags])
    # "Reads gently" is withheld while any safety level stands. The safety head misreads a few
    # kind lines as self-harm ("whatever takeaway you want is fine with me"; MODEL_CARD, weak
    # spots); no safety rule fires on any trap.
    assert result.gentle or all(m.source == "model" for m in result.safety.matches)


@pytest.mark.xfail(strict=True, reason=(
    "known miss on new text: the sarcasm markers count only when the rest of the message reads as "
    "negative (sour_context), and 'another sunday of you on your laptop' does not, so the message "
    "stays gentle"))
def test_sarcasm_is_contempt_with_both_markers_quoted() -> None:
    result = analyze("oh great, another sunday of you on your laptop, how wonderful")
    assert result.kinds == ("contempt",)
    assert [f.quote for f in result.flags] == ["oh great", "how wonderful"]


@pytest.mark.parametrize("text", [t for ts in HARSH.values() for t in ts])
def test_spans_quote_the_text(text: str) -> None:
    for flag in analyze(text).flags:
        assert text[flag.start:flag.end] == flag.quote
        assert flag.quote == flag.quote.strip()


def test_span_offsets_survive_letters_that_grow_when_lower_cased() -> None:
    text = "İstanbul trip was fine. you never listen to me"
    flag = analyze(text).flags[0]
    assert text[flag.start:flag.end] == "you never"


def test_kinds_sorted_distinct_and_gentle_matches_flags() -> None:
    draft = "you're so lazy, you never lift a finger. whatever."
    assert analyze(draft, model=False).kinds == ("blame", "criticism", "stonewalling")
    # With the heads, the safety head reads this draft as a threat (59%; a known weak spot on
    # harsh drafts, MODEL_CARD), so the coach adds `threat`.
    result = analyze(draft)
    assert {"blame", "criticism", "stonewalling"} <= set(result.kinds)
    assert list(result.kinds) == sorted(set(result.kinds))
    assert result.gentle is False


def test_every_why_names_the_antidote() -> None:
    antidotes = {"criticism": "gentle start-up", "contempt": "appreciation",
                 "defensiveness": "responsibility", "stonewalling": "20 minutes",
                 "blame": "gentle start-up", "dismissal": "validation"}
    for kind, texts in HARSH.items():
        flag = next(f for f in analyze(texts[0]).flags if f.kind == kind)
        assert antidotes[kind] in flag.why
        assert flag.why.endswith(".") and flag.why.count(". ") == 0


def test_rewrite_reuses_the_behaviour_and_marks_blanks() -> None:
    rewrite = analyze("you never listen to me about the car").rewrite
    assert rewrite is not None
    assert "you didn't listen to me" in rewrite
    assert "[say when" in rewrite
    assert "I need to feel heard." in rewrite
    assert rewrite.rstrip().endswith("?")


def test_rewrite_without_a_behaviour_leaves_the_situation_blank() -> None:
    rewrite = analyze("you're so selfish").rewrite
    assert rewrite is not None
    assert rewrite.startswith("When [describe one recent moment")
    assert "selfish" not in rewrite


def test_rewrite_for_stonewalling_offers_a_timed_break() -> None:
    rewrite = analyze("I'm done talking about the money thing").rewrite
    assert rewrite is not None and "20 minutes" in rewrite


def test_feeling_check_finds_faux_feelings() -> None:
    text = "I feel so abandoned and honestly I feel like you don't care"
    checks = analyze(text).feeling_check
    assert [c.word for c in checks] == ["abandoned", "you don't care"]
    assert "lonely" in checks[0].feelings and "connection" in checks[0].needs
    for c in checks:
        assert text[c.start:c.end] == c.word


def test_to_dict_is_json_ready_with_the_promised_keys() -> None:
    data = analyze("you always leave your dishes in the sink, I feel ignored").to_dict()
    json.dumps(data)
    assert set(data) == {"text", "flags", "kinds", "gentle", "feeling_check", "rewrite", "safety"}
    assert set(data["flags"][0]) == {"kind", "start", "end", "quote", "why"}
    assert set(data["feeling_check"][0]) == {"word", "start", "end", "feelings", "needs", "note"}
    assert set(data["safety"]) >= {"level", "kinds", "matches"}
    assert data["kinds"] == ["blame"] and data["gentle"] is False


def test_analyze_many_matches_analyze() -> None:
    texts = ["you never listen", "I love you", "calm down"]
    assert analyze_many(texts) == [analyze(t) for t in texts]


def test_kinds_constant_is_the_six_and_threat() -> None:
    assert set(KINDS) == {"criticism", "contempt", "defensiveness", "stonewalling", "blame",
                          "dismissal", "threat"}


@pytest.mark.parametrize("bad", ["", "   \n\t ", "x" * (MAX_CHARS + 1), "hi\x00there",
                                 "\x01\x02\x03\x04\x05\x06ab", "\ufffd" * 10 + "ok"])
def test_bad_input_raises_a_clear_error(bad: str) -> None:
    with pytest.raises(CoachInputError) as err:
        analyze(bad)
    assert str(err.value)


def test_longest_allowed_draft_is_accepted() -> None:
    result = analyze(("you never call. " * 2000)[:MAX_CHARS])
    assert isinstance(result, CoachResult) and "blame" in result.kinds


def test_non_text_is_rejected() -> None:
    with pytest.raises(CoachInputError):
        analyze(b"bytes")  # type: ignore[arg-type]


def test_a_threat_by_the_writer_is_its_own_kind_and_never_reworded() -> None:
    result = analyze("if you go to that party without me I'll hurt you")
    assert "threat" in result.kinds and not result.gentle and result.rewrite is None
    (flag,) = [f for f in result.flags if f.kind == "threat"]
    assert flag.quote.lower().startswith("i'll hurt you") and "20 minutes" in flag.why


def test_nothing_reads_gently_while_a_safety_level_stands() -> None:
    result = analyze("honestly i just want to stop existing")
    assert result.flags == () and result.safety.flagged and not result.gentle
    assert analyze("thank you for dinner, it was lovely").gentle
