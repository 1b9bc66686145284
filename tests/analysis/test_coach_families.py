"""The coach's rule families for other voices: British/Australian idiom, habits, sarcasm, refusals."""

from __future__ import annotations

import pytest

from nearer.analysis.coach import analyze

FLAGGED = [
    ("youve left the lights on again", "blame"),
    ("ur on ur phone again", "blame"),
    ("not once have you asked about my day", "blame"),
    ("cos of u we missed the bus", "blame"),
    ("you're doing my head in", "criticism"),
    ("whats the matter with you", "criticism"),
    ("why are you like this", "criticism"),
    ("your problem is you never plan ahead", "criticism"),
    ("what kind of person forgets that", "criticism"),
    ("whatever you say, genius", "contempt"),
    ("oh sorry your highness", "contempt"),
    ("cheers for nothing", "contempt"),
    ("want a medal?", "contempt"),
    ("i married a moron", "contempt"),
    ("no worries, ill just do it myself as usual", "contempt"),
    ("yeah sure, 'working late'", "contempt"),
    ("i was only ten minutes late", "defensiveness"),
    ("well you werent exactly helpful either", "defensiveness"),
    ("its a bit rich coming from you", "defensiveness"),
    ("excuse me for having a job", "defensiveness"),
    ("don't look at me, nobody told me the permit had run out", "defensiveness"),
    ("i had a long day too you know", "defensiveness"),
    ("not doing this", "stonewalling"),
    ("nope. not having this conversation", "stonewalling"),
    ("cant be arsed with this", "stonewalling"),
    ("this isnt up for discussion", "stonewalling"),
    ("stop messaging me", "stonewalling"),
    ("bye then", "stonewalling"),
    ("no need to get your knickers in a twist", "dismissal"),
    ("youre upset over a bloody parking space?", "dismissal"),
    ("its not like anyone died", "dismissal"),
    ("chill it was banter", "dismissal"),
    ("stop whinging", "dismissal"),
    ("youre making way too much of this", "dismissal"),
]

GENTLE = [
    "you keep making me laugh at the worst moments 😂",
    "can't wait to see you again",
    "because of you I believe in myself again",
    "every time i see you i get butterflies",
    "i cant be bothered cooking tonight, shall we get chips?",
    "i dont want to talk about work, i want to talk about us",
    "the telly is doing my head in, the remote is broken again",
    "no big deal if youre late, ill keep your dinner warm",
    "its not my fault i love you this much 😘",
    "i was only joking earlier and i can see it hurt, im really sorry",
    "that worked, youre a genius",
    "you deserve a medal for putting up with my snoring 😂",
    "i know youve had a shocker of a week, want to talk?",
    "i was being dramatic last night, sorry, you were right it wasnt a big deal",
    "whatever you fancy for tea is fine by me",
]


@pytest.mark.parametrize(("text", "kind"), FLAGGED)
def test_family_flags_its_kind(text: str, kind: str) -> None:
    result = analyze(text)
    assert kind in result.kinds, (text, result.kinds)
    for flag in result.flags:
        assert text[flag.start:flag.end] == flag.quote


@pytest.mark.parametrize("text", GENTLE)
def test_family_leaves_kind_messages_alone(text: str) -> None:
    assert analyze(text).gentle, [(f.kind, f.quote) for f in analyze(text).flags]


def test_being_paranoid_is_dismissal_not_also_criticism() -> None:
    assert analyze("she's just a friend, you're being paranoid").kinds == ("dismissal",)
