"""The coach's rule families for other voices: British/Australian idiom, habits, sarcasm, refusals."""

from __future__ import annotations

import pytest

from nearer.analysis.coach import analyze

FLAGGED = [
    ("youve left the lights on again", "blame"),
    ("ur on ur phone again", "blame"),
    ("not once have you asked about my day", "blame"),
    ("cos of u we missed the bus", "blame"),
    ("mate you're doing my head in with all this", "criticism"),
    ("seriously whats the matter with u", "criticism"),
    ("why are you like this with my family", "criticism"),
    ("your problem is you never plan ahead", "criticism"),
    ("what kind of person forgets that", "criticism"),
    ("whatever you reckon, genius", "contempt"),
    ("yes your highness, anything else your highness?", "contempt"),
    ("cheers for nothing", "contempt"),
    ("want a medal?", "contempt"),
    ("i live with an actual moron", "contempt"),
    ("no worries, ill just do it myself as usual", "contempt"),
    ("yeah sure, 'working late'", "contempt"),
    ("i was only ten minutes late", "defensiveness"),
    ("well you werent exactly helpful either", "defensiveness"),
    ("its a bit rich coming from you", "defensiveness"),
    ("excuse me for needing to sleep", "defensiveness"),
    ("don't look at me, nobody told me the permit had run out", "defensiveness"),
    ("i had a long day too you know", "defensiveness"),
    ("not doing this", "stonewalling"),
    ("nope. not having this argument at midnight", "stonewalling"),
    ("cant be arsed with this", "stonewalling"),
    ("the holiday isnt up for discussion", "stonewalling"),
    ("stop messaging me", "stonewalling"),
    ("bye then", "stonewalling"),
    ("no need to get your knickers in a knot about the bins", "dismissal"),
    ("youre crying over a bloody text message?", "dismissal"),
    ("its not like the world ended over it", "dismissal"),
    ("relax it was only banter", "dismissal"),
    ("stop whinging", "dismissal"),
    ("youre making way too much of a fuss over one comment", "dismissal"),
]

GENTLE = [
    "you keep making me giggle during serious meetings 😂",
    "can't wait to see you again",
    "because of you I believe in myself again",
    "i still get butterflies whenever you walk in",
    "i cant be bothered cooking tonight, shall we get chips?",
    "i dont want to talk about work, i want to talk about us",
    "this printer is doing my head in, it jammed again",
    "no big deal if the train is late, ill wait up for you",
    "its not my fault youre so cute 😘",
    "i was only teasing at lunch but i can tell it stung, im so sorry",
    pytest.param("that worked, youre a genius", marks=pytest.mark.xfail(strict=True, reason=(
        "known weak spot since the coach's wording head (session 18): 'genius' is in many "
        "sarcastic training messages, and the heads read this sincere one as contempt (59 %); "
        "MODEL_CARD.md, 'Coach: the wording head'"))),
    "you deserve a medal for surviving my cooking 😂",
    "i know youve had a shocker of a week, want to talk?",
    "i was being dramatic about the car, sorry, you were right it was fine",
    "whatever you fancy doing saturday is fine by me",
]


@pytest.mark.parametrize(("text", "kind"), FLAGGED)
def test_family_flags_its_kind(text: str, kind: str) -> None:
    result = analyze(text)
    assert kind in result.kinds, (text, result.kinds)
    for flag in result.flags:
        assert text[flag.start:flag.end] == flag.quote


@pytest.mark.parametrize("text", GENTLE)
def test_family_leaves_kind_messages_alone(text: str) -> None:
    result = analyze(text)
    assert not result.flags, [(f.kind, f.quote) for f in result.flags]
    # Gentle unless the safety head misreads the line (a known weak spot: "because of you I
    # believe in myself again" reads to it like self-harm); no safety rule fires here.
    assert result.gentle or all(m.source == "model" for m in result.safety.matches)


def test_being_paranoid_is_dismissal_not_also_criticism() -> None:
    assert analyze("he's just my mate from work, you're being paranoid").kinds == ("dismissal",)
