"""The coach's round-2 voices: fragments, shouting, baby talk, tu quoque, non-apologies, refusals."""

from __future__ import annotations

import pytest

from nearer.analysis.coach import analyze

FLAGGED = [
    ("drunk again. brilliant", "blame"),
    ("every. single. night.", "blame"),
    ("YE NEVER RING WHEN YOU SAY YOU WILL", "blame"),
    ("youve spoiled the whole holiday", "blame"),
    ("this argument is on you", "blame"),
    ("you haven't once said thank you", "blame"),
    ("you're on that laptop all the time", "blame"),
    ("there's something off with you lately, honestly", "criticism"),
    ("you've got no manners", "criticism"),
    ("you are a thoroughly selfish man", "criticism"),
    ("oh wow, you're a real mastermind", "contempt"),
    ("sulking like a five year old again", "contempt"),
    ("anyone with a brain cell could see that coming", "contempt"),
    ("aww did the baby have a bad day", "contempt"),
    ("are you five?", "contempt"),
    ("you wouldn't know a budget if it hit you", "contempt"),
    ("you absolute numpty", "contempt"),
    ("I'm sorry you took it that way, but I did nothing wrong", "defensiveness"),
    ("you did the exact same thing last week", "defensiveness"),
    ("it's not like you're perfect", "defensiveness"),
    ("I wasn't ignoring you, I was just busy", "defensiveness"),
    ("if you'd reminded me I would've done it", "defensiveness"),
    ("what else do you want from me", "defensiveness"),
    ("fine. bye.", "stonewalling"),
    ("I've said all I'm gonna say", "stonewalling"),
    ("I'm not replying to any of it", "stonewalling"),
    ("I just won't discuss it, not now, not tomorrow", "stonewalling"),
    ("why does everything have to be a drama with you", "dismissal"),
    ("there's no point getting upset about it", "dismissal"),
    ("did someone get their feelings hurt", "dismissal"),
    ("the way you kicked off at the party was a bit much", "dismissal"),
    ("oh stop fussing, you're fine", "dismissal"),
    ("you've become such a negative person", "criticism"),
    ("how can someone be so thoughtless", "criticism"),
    ("the washing machine flooded and that's down to you", "blame"),
    ("what a feeble apology", "contempt"),
    ("stop acting like i cheated on you", "defensiveness"),
    ("yeah but you left the oven on last month so", "defensiveness"),
    ("i'm done. night", "stonewalling"),
]

GENTLE = [
    "you always know exactly what to say",
    "you always have my back, even with my family",
    "I'm done with this job, can we celebrate tonight?",
    "remember when you said 'you're hopeless' and we both cried laughing?",
    "your 'five minute' detour was the best part of the trip, loved it",
    "my sister says you never forget a birthday and she's right, you're a star",
    "you're the one who makes me feel at home",
    "sorry I was so short, you didn't deserve that",
    "don't worry, you're fine, the cut is tiny and I've got plasters",
    "you haven't once let me down this year",
    "people have it worse than us, we're lucky really",
    "if you'd like, I'd love to cook tonight",
    "let's stop for now and talk again tomorrow after work",
    "wow, you're a genius! thank you for fixing the boiler",
    "calm down? impossible, we got the house!!",
    "no big deal about the mug, we can get another",
]


@pytest.mark.parametrize(("text", "kind"), FLAGGED)
def test_round_two_voice_is_flagged_with_its_kind(text: str, kind: str) -> None:
    assert kind in analyze(text).kinds


@pytest.mark.parametrize("text", GENTLE)
def test_round_two_trap_stays_gentle(text: str) -> None:
    result = analyze(text)
    assert result.gentle, [(f.kind, f.quote) for f in result.flags]


def test_a_refused_time_is_not_a_plan_to_come_back() -> None:
    assert "stonewalling" in analyze("I won't talk about it. Not tonight, not tomorrow.").kinds
    assert analyze("I won't talk about it tonight, can we do tomorrow?").gentle


def test_quote_with_a_contraction_is_masked_as_quoted_words() -> None:
    result = analyze("you told me 'you're useless' last week and I still think about it")
    assert not any(f.quote.lower().startswith("you're") for f in result.flags)
