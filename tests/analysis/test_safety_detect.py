"""Safety detection: each kind, idioms, negation and tense, media, odd input, and spans."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearer.analysis.safety import SafetyResult, assess

DEV = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "safety_dev.jsonl"


def spans_are_exact(text: str, result: SafetyResult) -> bool:
    return all(text[m.start : m.end] == m.quote and m.quote for m in result.matches)


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself, I mean it",
        "honestly thinking about ending my life",
        "kms",
        "gonna unalive myself tonight",
        "I've been saving up my sleeping pills",
        "I wrote goodbye letters to my kids",
        "cut myself again last night",
        "I'm going to jump off the bridge after work",
        "i feel really suicidal",
    ],
)
def test_self_harm_intent_plans_and_acts_are_urgent(text: str) -> None:
    result = assess(text)
    assert result.level == "urgent" and result.kinds == ("self_harm",)


@pytest.mark.parametrize(
    "text",
    [
        "my family would honestly be better off without me",
        "I'd rather not wake up tomorrow, honestly",
        "I just want to not be here anymore",
        "what's the point of living",
        "honestly I wish I was dead some days",
        pytest.param("it's taking everything I have not to cut again", marks=pytest.mark.xfail(
            strict=True, reason=(
                "known miss on new text: a resisted urge is read only after 'struggling / "
                "trying / fighting not to'; 'taking everything I have not to cut' is not read "
                "(none), and 'the urge to cut again' is read as cutting (urgent)"))),
    ],
)
def test_passive_ideation_and_urges_are_concern(text: str) -> None:
    result = assess(text)
    assert result.level == "concern" and result.kinds == ("self_harm",)


@pytest.mark.parametrize(
    "text",
    [
        "He hit me again this morning",
        "my husband choked me during the fight",
        "she shoved me into the wall",
        "he grabbed my wrist so hard it bruised",
        "my bf locked me in the bathroom",
        "he told me he'd kill me if I ever left him",
        "I'm terrified of what he'll do once he's back from the pub",
        "i dont feel safe at home anymore",
        "he threatened to hurt my mum",
        "I'm going to stab him while he sleeps",
    ],
)
def test_violence_threats_and_fear_are_urgent(text: str) -> None:
    result = assess(text)
    assert result.level == "urgent" and result.kinds == ("violence",)


@pytest.mark.parametrize(
    "text",
    [
        "He takes my phone and reads my messages",
        "my wife won't let me see my friends",
        "he controls all the money and gives me an allowance",
        "I'm not allowed to visit my parents on my own",
        "I feel like I'm walking on eggshells around her",
    ],
)
def test_coercive_control_without_violence_is_concern(text: str) -> None:
    result = assess(text)
    assert result.level == "concern" and result.kinds == ("violence",)


def test_both_kinds_are_reported_sorted_and_distinct() -> None:
    result = assess("He hit me again. He hit me yesterday too and I just want to die")
    assert result.kinds == ("self_harm", "violence")
    assert result.level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "this commute is killing me",
        "I could kill for a coffee",
        "I'd die of embarrassment",
        "my feet are killing me",
        "he killed it at the gig",
        "dying to see you!!",
        "lol I'm dead",
        "I'm dead tired",
        "I got all choked up at the wedding",
        "it hit me how much I miss her",
        "hit me up after your shift",
        "he beat me at scrabble last night",
        "he grabbed me a coffee",
        "She pushes me to try harder at uni",
        "I'm scared of spiders",
        "I'm afraid of losing him",
        # A known false alarm of the heads of 2026-12-06 (64 % against 0.60); quiet since the
        # round-12 refit (2026-12-06, session 12), so a plain test again.
        "Dad is going to kill me when he sees the dent in the car",
        "I'm going to kill him if he leaves his socks out again lol",
        "I cut myself chopping onions",
        "I want to end things with him",
        "kill me now, three more hours of meetings",
    ],
)
def test_idioms_are_not_alarms(text: str) -> None:
    assert assess(text).level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt myself, that's not me",
        "I'm not going to kill myself, I promise, I just needed to vent",
        "not suicidal, just exhausted",
        "He would never hit me",
        "I'm not scared of him at all",
        "I have no plans to hurt myself",
    ],
)
def test_negation_cancels(text: str) -> None:
    assert assess(text).level == "none"


def test_past_and_resolved_is_at_most_concern_and_usually_none() -> None:
    recovered = "I used to cut in high school, I'm proud of how far I've come since"
    assert assess(recovered).level == "none"
    assert assess("My ex used to hit me, but I got out and I'm safe now").level == "none"
    assert assess("I used to cut myself").level == "concern"
    assert assess("These days ending my own life is all I think about").level == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        'My favourite line in the film is "I\'ll kill you if you leave"',
        "In the movie she tries to kill herself and her sister saves her",
        "The news had a story about a man who hit his wife",
        "We watched a documentary about domestic abuse",
    ],
)
def test_media_and_third_person_stories_are_none(text: str) -> None:
    assert assess(text).level == "none"


def test_quoted_threat_from_a_partner_still_counts() -> None:
    result = assess('He texted "if you leave I\'ll kill you" and said he means it')
    assert result.level == "urgent" and "violence" in result.kinds


def test_empty_and_blank_text_is_none() -> None:
    for text in ("", "   ", "\n\n"):
        result = assess(text)
        assert result == SafetyResult() and not result.flagged


def test_odd_input_emoji_caps_no_punctuation_and_curly_quotes() -> None:
    assert assess("I WANT TO DIE 😭😭").level == "urgent"
    assert assess("he hit me again i dont know what to do he said hes sorry").level == "urgent"
    assert assess("I don\u2019t want to be here anymore").level == "concern"
    assert assess("😂😂😂 lmaooo").level == "none"


def test_long_text_finds_signal_anywhere_with_exact_spans() -> None:
    filler = "We walked by the river and talked about dinner plans. " * 370
    text = filler + "He choked me last night." + filler[:500]
    assert len(text) > 20_000
    result = assess(text)
    assert result.level == "urgent"
    assert [m.quote for m in result.matches] == ["choked me"]
    assert spans_are_exact(text, result)
    assert assess(filler).level == "none"


def test_offsets_survive_characters_whose_lower_case_is_longer() -> None:
    text = "İİİ and then he slapped me"
    result = assess(text)
    assert result.level == "urgent" and spans_are_exact(text, result)


def test_each_match_has_a_plain_reason() -> None:
    result = assess("I'm terrified of what he'll do once he's back from the pub")
    assert result.matches and all(m.reason and m.kind == "violence" for m in result.matches)


def test_summary_and_to_dict_shapes() -> None:
    result = assess("kms")
    assert result.summary() == {"level": "urgent", "kinds": ["self_harm"], "who": list(result.who)}
    assert result.who == ("writer_self_harm",)
    d = result.to_dict()
    assert d["matches"][0]["quote"] == "kms" and d["matches"][0]["start"] == 0


def test_dev_set_spans_are_exact_and_recall_stays_high() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 400
    flagged_gold = [r for r in rows if r["level"] != "none"]
    hits = 0
    for row in rows:
        result = assess(row["text"])
        assert spans_are_exact(row["text"], result)
        assert list(result.kinds) == sorted(set(result.kinds))
        hits += row["level"] != "none" and result.flagged
    assert hits / len(flagged_gold) >= 0.9


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_result(text: str) -> None:
    result = assess(text)
    assert result.level in ("none", "concern", "urgent")
    assert result.flagged == bool(result.matches)
    assert spans_are_exact(text, result)


def test_rule_keys_are_lower_case_word_starts() -> None:
    # The pre-filter only looks at word starts; a key with capitals or punctuation first would
    # silently switch its rule off.
    from nearer.analysis.safety import RULES

    for rule in RULES:
        for key in rule.keys:
            assert key == key.lower() and key[0].isalnum(), (rule.reason, key)


def test_coded_forms_inside_words_are_found() -> None:
    assert assess("been thinking about unaliving lately").level == "urgent"
    assert assess("i keep cutting myself").level == "urgent"
    assert assess("im going to od").level == "urgent"


def test_joking_tone_lowers_grave_words_but_only_in_their_own_sentence() -> None:
    # Policy (MODEL_CARD.md): a joking tone may lower the level, but a stated wish to die stays
    # at least concern. This test used to lock "i want to die lol" at none.
    assert assess("i want to die lol", deep=False).level == "concern"
    assert assess("i want to die lol").level == "concern"
    assert assess("lol i want to die, i just tripped in front of my whole class").level == "none"
    assert assess("this homework makes me want to kms lol").level == "concern"
    assert assess("im about to kill myself lol and i mean it").level == "urgent"
    assert assess("lol my week is a mess. honestly I want to kill myself").level == "urgent"


def test_a_passive_wish_alone_is_concern() -> None:
    assert assess("honestly i'd be better off dead").level == "concern"


@pytest.mark.xfail(strict=True, reason=(
    "known miss on new text: the plan cue beside a passive wish knows 'planning it/how', 'my plan' "
    "and 'I have a plan', not 'making plans', 'worked out how' or 'picked a date'; stays concern"))
def test_a_passive_wish_next_to_a_plan_or_means_is_urgent() -> None:
    assert assess("honestly i'd be better off dead and i've been making plans").level == "urgent"


def test_writer_doing_the_action_is_not_violence_against_them() -> None:
    assert assess("I hit my head on the cupboard").level == "none"
    assert assess("I could've thrown the laptop when he cut me off mid-sentence").level == "none"


@pytest.mark.xfail(strict=True, reason=(
    "known false alarm on new text: 'grabbed my arm' is read as an assault (urgent) whatever "
    "follows; a helping purpose such as pulling the writer back from the kerb is not weighed"))
def test_someone_grabbing_the_writer_to_keep_them_safe_is_not_violence() -> None:
    assert assess("she grabbed my arm to pull me back from the kerb").level == "none"


def test_long_text_without_punctuation_judges_each_match_by_its_neighbourhood() -> None:
    # Typed with no full stops, 20,000 characters form one "sentence"; a film named far away
    # must not silence a disclosure in the middle.
    films = "we went to the film festival and then walked home and talked about dinner " * 140
    rain = "we cooked pasta and watched the rain and talked about the garden and the week " * 120
    text = films + rain + " and then he hit me again and i am scared " + rain[:3000]
    assert len(text) > 20_000
    result = assess(text)
    assert result.level == "urgent" and result.kinds == ("violence",)
    assert spans_are_exact(text, result)


@pytest.mark.parametrize(
    "text",
    [
        "looked up how many of my tablets it would take",
        "wrote a note for each of them, just in case. it's in the drawer",
        "giving my dog to my sister. i won't need her after that",
        "planning my exit, not telling anyone",
        "the bridge looked so peaceful tonight. i stood there for a long time",
        "i keep thinking about steering into a tree on the way home",
        "i don't trust myself around my pills tonight",
    ],
)
def test_euphemisms_for_plans_and_preparations_are_urgent(text: str) -> None:
    result = assess(text)
    assert result.level == "urgent" and result.kinds == ("self_harm",)


def test_a_vague_plan_counts_only_after_words_of_despair_nearby() -> None:
    # The despair sits in the previous sentence: the window crosses the sentence break.
    assert assess("im so done with all of it. gonna do it this weekend").level == "urgent"
    assert assess("gonna do it this weekend, finally painting the hall").level == "none"
    assert assess("wrote letters to everyone at christmas").level == "none"


def test_coded_spellings_with_digits_and_symbols_are_read_through() -> None:
    for text in ("su1c1de is all i think about", "gonna k!ll myself tonight",
                 "i want to k*ll myself"):
        result = assess(text)
        assert result.kinds == ("self_harm",), text
        assert spans_are_exact(text, result)
    assert assess("meet at 10am, room b12").level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "i cover the bruises with concealer before work",
        "told the nurse i fell. i didn't fall.",
        "he threw a glass at the wall right next to my head",
        "i sleep with my shoes by the bed in case i have to run",
        "he keeps a knife in the drawer and makes sure i know it's there",
        "if he reads this i don't know what he'll do to me",
        "i could really hurt someone right now, i'm shaking",
    ],
)
def test_violence_told_indirectly_is_urgent(text: str) -> None:
    result = assess(text)
    assert result.level == "urgent" and "violence" in result.kinds


@pytest.mark.parametrize(
    "text",
    [
        "i have to send him my location every hour",
        "i need his say-so before i buy anything",
        "he made me delete all my male friends from my contacts",
        "i have to account for every penny",
        "he logs into my email every night",
    ],
)
def test_control_rules_are_concern(text: str) -> None:
    result = assess(text)
    assert result.level == "concern" and result.kinds == ("violence",)


@pytest.mark.parametrize(
    "text",
    [
        "he set a curfew for our son, 10pm on school nights",
        "counted out my pills for the week into the organiser",
        "i'm not allowed dairy after the op, doctor's orders",
        "we played among us and my boyfriend stabbed me, betrayal",
        "i could sleep for a week after that double shift",
        "burned my wrist on the oven door",
    ],
)
def test_new_traps_are_not_alarms(text: str) -> None:
    assert not assess(text).flagged, text


def test_self_injury_to_cope_is_self_harm_not_violence() -> None:
    result = assess("burned my wrist with a lighter just to feel something")
    assert result.kinds == ("self_harm",)


def test_importing_the_detector_does_not_load_onnxruntime() -> None:
    import subprocess
    import sys

    code = "import sys, nearer.analysis.safety; print('onnxruntime' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_embedding_stage_only_raises_concern_and_can_be_switched_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nearer.analysis import safety_semantic

    # (before round 15's heads, "my ex waits outside my building most nights now", now 0.62
    # against 0.69: MODEL_CARD.md, weak spots; "my ex keeps turning up outside my building at
    # night" until the round-4 rules, whose coercive.stalked now finds it without the head)
    text = "he knows where I live now and I can't sleep"
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    result = assess(text)
    assert result.level == "concern" and result.kinds == ("violence",)
    assert result.matches[0].source == "model"
    assert result.matches[0].reason.startswith("reads like violence or abuse language (model, ")
    assert [f for f in result.fired if f.startswith("model: reads like violence")]
    assert spans_are_exact(text, result)
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "0")
    assert not assess(text).flagged
    monkeypatch.setenv("NEARER_SAFETY_SEMANTIC", "1")
    # Rules weighed and set aside a negated sentence: the head may not overrule them.
    assert not assess("I'm not going to hurt myself, I just had to get it out of my head").flagged
    assert safety_semantic.enabled()


def test_the_head_reads_every_unit_of_a_long_text_and_each_sentence_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No budget of new units per text: a long text pasted at once is read whole (its sentences
    alone, its pairs from one pass over it). A sentence read alone is kept by its words, so the
    same sentence in another text is not read again; a pair is kept per text."""
    from nearer.analysis import safety_semantic

    seen: list[int] = []

    def fake_score(texts: list[str], vectors: object) -> list[tuple[float, float, float]]:
        seen.append(len(vectors))  # type: ignore[arg-type]
        return [(0.0, 0.0, 0.0)] * len(vectors)  # type: ignore[arg-type]

    monkeypatch.setattr(safety_semantic, "_score", fake_score)
    monkeypatch.setattr("nearer.analysis.embeddings.embed",
                        lambda texts: np.ones((len(texts), 384), dtype=np.float32))
    safety_semantic.clear_cache()
    text = " ".join(f"Sentence number {i:02} is about the garden and the weather."
                    for i in range(20))
    units = [(m, m + 55) for m in range(0, 20 * 56, 56)]
    pairs = [(m, m + 111) for m in range(0, 19 * 56, 56)]
    assert safety_semantic.semantic_hits(text, units + pairs) == []
    assert seen == [39]  # all 20 sentences and 19 pairs, in one reading
    assert safety_semantic.semantic_hits(text, units + pairs) == []
    assert seen == [39]  # kept: nothing read again
    longer = text + " And the roses."
    assert safety_semantic.semantic_hits(longer, units + pairs) == []
    assert seen == [39, 19]  # the sentences are known by their words; the pairs, per text
    safety_semantic.clear_cache()


@pytest.mark.parametrize(
    "text",
    [
        "I will kill you if you leave",
        "if you leave I will hurt you, you hear me",
        "i swear ill smash your face in",
        "one day I will hit her",
    ],
)
def test_the_writer_threatening_someone_is_violence(text: str) -> None:
    result = assess(text)
    assert result.level == "urgent" and result.kinds == ("violence",)


@pytest.mark.parametrize(
    "text",
    [
        "I will never hurt you",
        "I promise I will not hurt you",
        "ill hit you up later",
        "I will beat you at chess tonight",
        "ill kill u if u spoil the finale lol",
        "I will kill you with kindness",
    ],
)
def test_promises_games_and_jokes_are_not_threats(text: str) -> None:
    assert assess(text).level == "none"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("he pointed his hunting knife at me and laughed", "violence"),
        ("she won't let me take my meds until I say sorry", "violence"),
        ("i have a bruise shaped like her fingers on my arm", "violence"),
        ("he said I'd be next if I told anyone", "violence"),
        ("he decides who i can see and when", "violence"),
        ("I've been writing my goodbye letters this week", "self_harm"),
        (
            "every morning I wish I hadn't woken. every night I pray I don't see the morning",
            "self_harm",
        ),
        ("would anyone even notice if I just disappeared", "self_harm"),
    ],
)
def test_further_warning_sign_families(text: str, kind: str) -> None:
    result = assess(text)
    assert result.flagged and kind in result.kinds


@pytest.mark.parametrize(
    "text",
    [
        "the chef pointed the knife at the onions",
        "I hope I don't see that film again",
        "my suitcase is packed in case the flight moves",
        "I can't wear heels, my feet hurt",
        "she broke her leg skiing",
        # The nearest lines flagged this until the encoder's tuning (session 22).
        "I wrote my last message of the year to the team",
    ],
)
def test_further_families_leave_everyday_language_alone(text: str) -> None:
    assert assess(text).level == "none"


def test_the_rules_leave_the_last_message_of_the_year_alone() -> None:
    assert assess("I wrote my last message of the year to the team", deep=False).level == "none"
