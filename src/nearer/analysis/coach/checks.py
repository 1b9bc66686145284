"""The coach's context checks, by name: a rule in content/rules/coach_*.yaml lists the checks
(`checks: [not_negated, not_warm]`) that must all hold for a match of its pattern to become a flag.

Each check reads the words around a match (its clause, the words just before it, the rest of the
message) through context.py and the cues in coach_cues.yaml; the patterns are data, the reasoning
about them stays here. A rule naming a check that is not in CHECKS is a load error (rules.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from nearer.analysis.coach import context as cx
from nearer.analysis.coach.context import cue

Check = Callable[[cx.Context, "re.Match[str]", int, int], bool]


def not_negated(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.negated_before(c.text, s)


def not_negated_near(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """Negation right before a 'you are …' ("I don't think you're lazy"), not a clause away."""
    return not cx.negated_before(c.text, s, 2)


def not_warm(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.clause_is_warm(c.text, s, e)


def aimed_at_partner(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """An imperative to the partner, not "I need to calm down", "let's relax" or "I need twenty
    minutes to cool off"."""
    return not cx.first_person_before(c.text, s) and not cx.writer_is_subject(c.text, s)


def not_comforting(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'Calm down, my love, we'll be fine' or '... I'm only teasing' soothes; it does not tell the
    partner their feelings are too much."""
    return not cue("comfort").search(c.text)


def not_affectionate(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """A teasing verdict said with love ('ur so annoying, love u') is fond, not a verdict."""
    return not cx.affectionate(c.text)


def partner_in_sentence(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'Every night I ...' blames only when the partner is named in what follows."""
    if cue("you").search(m.group(0)):
        return True
    return bool(cue("you").search(c.text, e, cx.sentence_bounds(c.text, e)[1]))


def partner_does_it(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'As usual' blames only when the partner is the one doing something in the message ("as
    usual you forgot"), not "as usual the kids are asking for you"."""
    return bool(cue("you_doer").search(c.text))


def about_their_feelings(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return cx.talks_about_partner_feelings(c.text) and not cx.reassures(c.text)


def no_break_planned(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.plans_to_return(c.text)


def not_reassuring(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'No big deal, I'll grab another one' reassures; 'it's not a big deal' about their hurt does not."""
    return not cx.reassures(c.text) and not cue("about_me").search(c.text)


def not_reassuring_or_reflexive(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You're fine' after reassurance, or about the partner themself ("be kind to yourself")."""
    return not cx.reassures(c.text) and not cue("yourself").search(c.text)


def not_playful(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """Teasing wrapped in love or laughter ("you're ridiculous 😂 love you") is not contempt."""
    return not cx.is_playful(c.text)


def not_teasing(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'Shut up you idiot 😂 you cannot be this sweet on a Monday' teases: an insult said with fond
    laughter, in a message with nothing sour and no scorn piled on in its own sentence."""
    return not cx.teasing(c.text, s, e)


def not_praised(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You fixed the boiler again?? you're a legend': praise, thanks or love said to the partner
    ("I don't deserve you", "what a lucky woman I am", "😘"), nothing sour in the message and no
    mock celebration, makes a repeated deed a thank-you."""
    if cue("lapse").search(m.group(0)):
        return True  # "what a legend, you've forgotten the tickets again" is sarcasm
    praised = (cue("praise_said").search(c.text) or cue("gratitude").search(c.text)
               or cue("affection").search(c.text))
    return not (praised and not cue("sour_marks").search(c.text) and not cue("scorn").search(c.text))


def sour_context(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    rest = c.text[:s] + " " + c.text[e:]
    return cx.message_is_negative(rest) and not cx.reassures(rest)


def not_feeling_first(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'I feel lonely when you work late every night' names the writer's feeling first and the
    habit as what it is about (Gottman's gentle start-up), not a charge, unless the message is
    sour or scornful ("I feel sick when you always ... 🙄")."""
    left = cx.sentence_bounds(c.text, s)[0]
    if not cue("feeling_first").search(c.text[left:s]):
        return True
    return bool(cue("sour_marks").search(c.text) or cue("scorn").search(c.text))


def not_taken_back(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You're so annoying with the puns, but I'd be lost without them' or 'ur so stubborn about
    the diy, it looks great tho': a verdict the writer concedes, later in the message, with
    fondness (after "but": "I like you anyway") or praise (before a closing "tho" / "anyway") and no
    complaint after the verdict, is teasing. "Nice to everyone but me" and "but I'm glad I found
    out" concede nothing."""
    rest_start = cx.clause_bounds(c.text, s, e)[1]
    rest = c.text[rest_start:]
    if cx.message_is_negative(rest) or cue("sour_marks").search(c.text) or cue("scorn").search(rest):
        return True
    for t in cue("concession").finditer(rest):
        if cue("closing").match(rest[t.end():]):  # "it looks great tho": the praise before it
            left = cx.clause_bounds(rest, t.start(), t.start())[0]
            if cue("positive").search(rest, left, t.end()):
                return False
        else:  # "but I'd be lost without them": fondness after it
            said = rest[t.start():cx.sentence_bounds(rest, t.end())[1]]
            if cue("gratitude").search(said) or cue("affection").search(said):
                return False
    return True


def not_fond_fault(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'Ur fault I'm smiling at my phone like an idiot' blames the partner for a good feeling: a
    compliment, unless the message is sour."""
    return not cue("fond_fault").match(c.text[e:]) or bool(cue("sour_marks").search(c.text))


def no_ownership(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cx.takes_responsibility(c.text)


def absolute_is_complaint(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You never fail to…', 'you never have to…', 'you always make me smile' are not blame."""
    word = m.group("abs").lower()
    after = c.text[m.end("abs"):]
    rest = c.text[e:cx.sentence_bounds(c.text, e)[1]]
    if word == "never":
        # Warm words after "never" are what is missing ("you never make me feel good"), unless
        # thanks or admiration in the sentence says it was praise ("you never moan, thank you").
        return not cue("praise_after_never").match(after) and not cx.thanked_in_sentence(c.text, s, e)
    praise = cue("praise_after_always").match(after) if word == "always" else None
    if praise is not None:
        # "You always know when I need a cuppa" praises, unless a "but" or a sarcastic "thanks a
        # lot" turns it round, or the next few words name a harm ("know how to ruin a night").
        follow = cue("subordinate").split(after[praise.end():], maxsplit=1)[0].split()[:3]
        return bool(cue("turn").search(rest) or cue("sarcastic_thanks").search(rest)
                    or cue("negative").search(" ".join(follow)))
    return not cx.clause_is_warm(c.text, s, e) and not cx.thanked_in_sentence(c.text, s, e)


def my_fault_defended(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'Not my fault' or 'so it's my fault?' defends; 'it's my fault, I'm sorry' takes responsibility."""
    if cx.negated_before(c.text, s):
        return True
    before = " ".join(cx.words_before(c.text, s, 4))
    if cue("retort_before").search(before):
        return True
    return bool(cue("question_soon").match(c.text[e:]))


def playful_shut_up(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    return not cue("playful_shut_up").match(c.text[e:])


def plain_question_back(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'How was your day? What about you?' is a question back, not a counter-attack."""
    before = " ".join(cx.words_before(c.text, s, 2))
    if cue("retort_lead_in").search(before):
        return True
    after = c.text[e:]
    if cue("plain_question_end").match(after):
        return bool(cue("pointed_words").search(after))
    return True


def habit_again(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You're on your phone again' is a verdict; 'can't wait to see you again' is not."""
    if cue("modal_request").search(c.text[max(0, s - 25):s]) or cue("friendly_again").search(m.group(0)):
        return False
    # "because of you I believe in myself again": the one doing it again is the writer.
    if cue("writer_in_span").search(m.group(0)):
        return False
    return (not cx.clause_is_warm(c.text, s, e) and not cx.is_playful(c.text)
            and not_fond(c, m, s, e))


def not_fond(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You're the reason I smile every morning': fondness inside the match itself."""
    span = c.text[s:e]
    return not (cue("positive").search(span) and not cue("negative").search(span))


def no_help_wanted(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'I don't see why you're upset' dismisses; '… can you help me understand?' asks."""
    return not cue("asks_for_help").search(c.text[e:e + 80])


def not_praising(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """Mock congratulation has no real praise, love or pride around it."""
    rest = c.text[:s] + " " + c.text[e:]
    return not cue("real_praise").search(rest) and not cx.is_playful(rest)


def lapse_not_praised(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """'You have not once, in all this, asked' blames; 'not once let me down' praises.

    As after "never", warm words after "not once" are what is missing ("not once said thank you").
    """
    rest = cue("aside").sub("", c.text[e:])
    return not cue("praise_after_never").match(rest)


def dry_tone(c: cx.Context, m: re.Match[str], s: int, e: int) -> bool:
    """Praise said flatly after 'wow.' is sarcasm; with '!' or thanks it is praise."""
    return "!" not in c.text and not_praising(c, m, s, e)


CHECKS: dict[str, Check] = {check.__name__: check for check in (
    not_negated, not_negated_near, not_warm, aimed_at_partner, not_comforting, not_affectionate,
    partner_in_sentence, partner_does_it, about_their_feelings,
    no_break_planned, not_reassuring, not_reassuring_or_reflexive, not_playful, sour_context,
    not_praised,
    no_ownership, not_teasing, absolute_is_complaint, my_fault_defended, playful_shut_up, plain_question_back,
    habit_again, not_fond, no_help_wanted, not_praising, lapse_not_praised, dry_tone, not_feeling_first,
    not_taken_back, not_fond_fault,
)}
