"""The demo couple: two accounts and three weeks of entries, so a newcomer has something to see."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from nearer.domain.journal import make_draft
from nearer.domain.rhythm import local_day, zone
from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import (
    accounts,
    admins,
    bids,
    breaks,
    checkins,
    couples,
    day_totals,
    guides,
    instruments,
    journal,
    perception_gap,
    professionals,
    profile,
    questions,
    reactions,
    reflection,
    rhythm_time,
    safety,
    steps,
)
from nearer.storage import keyring
from nearer.storage.db import Database
from nearer.storage.models import User, utcnow

DEMO_PASSWORD = "nearer-demo-lantern"
DEMO_ACCOUNTS = ("sam@demo.nearer", "alex@demo.nearer")
# A counsellor Sam invited; Sam lets them see scores, patterns and the report. Alex has not.
DEMO_PROFESSIONAL = "robin@demo.nearer"
DEMO_PROFESSIONAL_NAME = ("Robin Hale", "Harbour Counselling (demo practice)")

# (days ago, hour, author index, text, feelings, intensity, tags, shared)
# fmt: off
_ENTRIES: tuple[tuple[int, int, int, str, tuple[str, ...], int, tuple[str, ...], bool], ...] = (
    (20, 21, 0, 'Alex worked late again and we ate in silence. I went to bed early.', ('lonely',), 6, ('home',), False),
    (19, 8, 1, 'Big release this week. I know Sam wants to talk but I have nothing left.', ('overwhelmed', 'tired'), 7, ('work',), False),
    (17, 19, 0, "We laughed about the neighbour's dog on our walk. It felt like us again.", ('happy', 'hopeful'), 5, ('walk',), True),
    (16, 22, 1, "Sam asked how I really was and I changed the subject. I don't know why I do that.", ('ashamed',), 6, ('home',), False),
    (14, 12, 0, 'I keep wondering whether I matter as much as the job does.', ('insecure', 'sad'), 7, ('work',), False),
    (13, 20, 1, 'Cooked dinner for both of us and put my phone in the drawer. Sam noticed.', ('proud',), 4, ('home',), True),
    (11, 9, 0, 'Slept badly. Anxious before the talk we planned for tonight.', ('anxious',), 6, ('talk',), False),
    (10, 22, 1, 'The talk went better than I feared. I said I get scared of letting people down.', ('relieved', 'scared'), 6, ('talk',), True),
    (8, 18, 0, 'Alex told me about the pressure at work. I felt closer than I have in months.', ('close', 'grateful'), 5, ('talk',), True),
    (6, 21, 1, 'Wanted to hide in my laptop tonight. Took a ten minute walk with Sam instead.', ('restless',), 4, ('work', 'walk'), False),
    (4, 7, 0, 'Small thing: Alex kissed me goodbye this morning without being asked.', ('loved',), 3, ('home',), True),
    (2, 20, 1, "Still find it hard to say 'I need you'. Wrote it here first.", ('vulnerable', 'hopeful'), 5, ('home',), False),
    (1, 21, 0, 'Frustrated that plans fell through, but we talked about it kindly.', ('frustrated',), 4, ('plans',), False),
)
# fmt: on


def seed_demo(db: Database) -> tuple[int, int]:
    """Create the demo couple (idempotent: an existing demo is left as it is).

    Written with the demo people's keys (sign-up puts them in this process's keyring), so the
    demo is encrypted at rest like any other account.
    """
    with db.transaction() as session:
        rows = session.execute(select(User.email, User.id).where(User.email.in_(DEMO_ACCOUNTS)))
        existing: dict[str | None, int] = {email: user_id for email, user_id in rows}
    if len(existing) == 2:
        _seed_professional(db, existing[DEMO_ACCOUNTS[0]])
        return existing[DEMO_ACCOUNTS[0]], existing[DEMO_ACCOUNTS[1]]
    sam = accounts.sign_up(db, DEMO_ACCOUNTS[0], DEMO_PASSWORD).id
    alex = accounts.sign_up(db, DEMO_ACCOUNTS[1], DEMO_PASSWORD).id
    admins.release_first_admin(db, (sam, alex))  # the demo password is public
    for person, name in ((sam, "Sam"), (alex, "Alex")):
        profile.set_display_name(db, person, name)
        profile.finish_onboarding(db, person)  # the demo shows a couple well under way
    couples.join(db, alex, couples.create_invite(db, sam))
    now = utcnow()
    made: dict[int, int] = {}  # days ago -> entry id
    for days, hour, author, text, feelings, intensity, tags, shared in _ENTRIES:
        at = (now - timedelta(days=days)).replace(hour=hour, minute=15, second=0, microsecond=0)
        draft = make_draft(
            text, list(feelings), intensity, list(tags), "shared" if shared else "private"
        )
        made[days] = journal.add_entry(db, (sam, alex)[author], draft, at=at).entry.id
    _seed_reactions(db, sam, alex, made)
    _seed_steps(db, sam, alex)
    _seed_professional(db, sam)
    _seed_rhythm(db, sam, alex)
    with db.transaction() as session:  # My patterns reads day totals, in their own time zone
        for person in (sam, alex):
            day_totals.rebuild(session, person)
    return sam, alex


# (days ago of a shared entry, who answers: 0 Sam / 1 Alex, reaction, reply)
_REACTIONS: tuple[tuple[int, int, str | None, str | None], ...] = (
    (17, 1, "thanks", "That walk was the best part of my week."),
    (10, 0, "hear", "Thank you for telling me. You don't let me down."),
    (10, 1, None, "It helped that you just listened."),
    (4, 1, "thanks", None),
)


def _seed_reactions(db: Database, sam: int, alex: int, made: dict[int, int]) -> None:
    """Warm answers under a few shared entries: each a bid turned toward."""
    for days, who, kind, reply in _REACTIONS:
        reactions.react(db, (sam, alex)[who], made[days], kind, reply)


def _seed_professional(db: Database, sam: int) -> None:
    """The demo counsellor, with access granted by Sam only (idempotent)."""
    with db.transaction() as session:
        if session.scalar(select(User.id).where(User.email == DEMO_PROFESSIONAL)) is not None:
            return
    robin = accounts.sign_up(db, DEMO_PROFESSIONAL, DEMO_PASSWORD).id
    admins.release_first_admin(db, (robin,))  # its password is public too
    professionals.set_profile(db, robin, *DEMO_PROFESSIONAL_NAME)
    code, _ = professionals.create_invite(db, sam)
    door = professionals.redeem(db, robin, code)
    professionals.set_grants(db, sam, door.link_id, ["scores", "patterns", "report"])
    professionals.leave_note(
        db, robin, door.link_id, "Thanks for sharing these. Let's look at the weekly trend together."
    )


def seed_demo_if_new(db: Database) -> bool:
    """Seed the demo couple only into a database that has no accounts yet."""
    with db.transaction() as session:
        if session.scalar(select(func.count()).select_from(User).where(User.is_local.is_(False))):
            return False
    try:
        seed_demo(db)
    finally:
        keyring.forget_process_keys()  # the server process keeps no one's key
    return True


def _answers(prefix: str, count: int, values: str) -> dict[str, int]:
    """Answers from a compact string of digits, item by item."""
    return {f"{prefix}{n:02d}": int(values[n - 1]) for n in range(1, count + 1)}


def _seed_steps(db: Database, sam: int, alex: int) -> None:
    """Questionnaires, the private screens, consent, a reflection and a guide note."""
    now = utcnow()
    for person in (sam, alex):
        safety.take_screen(db, person, {q: "no" for q in QUESTION_IDS})
        perception_gap.give_consent(db, person)
    # Sam leans anxious and sees Alex pull away more than Alex sees it; Alex leans avoidant.
    record = instruments.record_response
    record(db, sam, "signs", _answers("sg", 12, "212121214131"), "self")
    record(db, sam, "signs", _answers("sg", 12, "444353432424"), "partner")
    record(db, alex, "signs", _answers("sg", 12, "323232323232"), "self")
    record(db, alex, "signs", _answers("sg", 12, "212221213131"), "partner")
    record(db, sam, "attachment", _answers("at", 12, "635262526252"))
    record(db, alex, "attachment", _answers("at", 12, "254636346354"))
    weekly = ((3, "3234", "3334"), (2, "4234", "3324"), (1, "4325", "4425"))
    for weeks_ago, sam_sat, alex_sat in weekly:
        at = now - timedelta(weeks=weeks_ago)
        for person, values in ((sam, sam_sat), (alex, alex_sat)):
            answers = {f"sat{n}": int(values[n - 1]) for n in range(1, 5)}
            record(db, person, "satisfaction", answers, at=at)
    reflection.answer_prompt(
        db, sam, "cf01", "My mum noticed, but she was often busy; I learned to calm myself alone."
    )
    guides.read_guide(db, alex, "bids-for-connection")
    note = "I think I miss your bids when I'm on my laptop. Could you tap my shoulder?"
    guides.leave_note(db, alex, "bids-for-connection", note)


# Closeness per day for three weeks (days ago -> (Sam, Alex)); None is a day without a check-in.
# fmt: off
_CLOSENESS: dict[int, tuple[int | None, int | None]] = {
    20: (2, 2), 19: (2, None), 18: (3, 2), 17: (4, 3), 16: (2, 2), 14: (2, None), 13: (3, 3),
    12: (3, 3), 11: (2, 2), 10: (4, 3), 9: (3, 3), 8: (4, 4), 6: (3, 3), 5: (4, None),
    4: (4, 4), 3: (3, 3), 2: (4, 3), 1: (4, 4),
}
_MOODS = ("lonely", "tired", "hopeful", "close", "grateful", "calm")
_BIDS: tuple[tuple[int, int, str, str, str, bool], ...] = (
    (18, 0, "Asked Alex to look at the sunset from the window.", "made", "away", True),
    (16, 1, "Sam sent me a song from our first trip.", "noticed", "toward", True),
    (12, 0, "Told Alex about my sister's news over dinner.", "made", "toward", True),
    (11, 1, "Sam sighed while reading the news; I asked what was wrong.", "noticed", "toward", False),
    (9, 0, "Showed Alex a photo of the dog next door.", "made", "toward", True),
    (6, 1, "Asked Sam to sit with me while I finished the report.", "made", "toward", True),
    (4, 0, "Reached for Alex's hand on the sofa.", "made", "toward", False),
    (3, 1, "Sam asked about my day; I answered with one word.", "noticed", "away", True),
    (2, 0, "Made Alex a tea without being asked.", "made", "toward", True),
    (1, 1, "Sam laughed at my bad joke. I noticed how good that felt.", "noticed", "toward", True),
)
_ANSWERS: tuple[tuple[str, str, str], ...] = (
    ("l01", "The walk on Sunday when we got lost and didn't mind.", "Sunday's walk. You laughed the whole way."),
    ("l02", "Your lasagne, obviously.", "Pancakes, if you're making them."),
    ("l03", "Cut grass. Summers at my grandmother's.", "Woodsmoke. My dad's shed."),
    ("l04", "Bookshop, then the café by the river.", "Nowhere in particular, phones off."),
)
# fmt: on


def _seed_rhythm(db: Database, sam: int, alex: int) -> None:
    """Three weeks of check-ins (shared, with gaps), bids, small steps, a finished break and
    answered closeness questions, so the daily rhythm is visible from the first login."""
    now = utcnow()
    for person in (sam, alex):
        rhythm_time.set_settings(db, person, "Europe/London", "21:00")
        checkins.set_sharing(db, person, True)
    for days, pair in sorted(_CLOSENESS.items(), reverse=True):
        at = now - timedelta(days=days)
        for person, value in zip((sam, alex), pair, strict=True):
            if value is not None:
                mood = _MOODS[min(value + (person == alex), len(_MOODS) - 1)]
                checkins.check_in(db, person, value, mood, now=at)
    checkins.check_in(db, sam, 4, "grateful", "appreciated", "Alex put the phone away at dinner.",
                      now=now - timedelta(days=1))  # fmt: skip
    for days, author, text, direction, response, shared in _BIDS:
        bids.add_bid(db, (sam, alex)[author], text, direction, response,
                     "shared" if shared else "private", now=now - timedelta(days=days))  # fmt: skip
    last_week = now - timedelta(weeks=1)
    for person, step_id in ((alex, "phone-free-after-work"), (sam, "one-appreciation")):
        old = steps.pick_step(db, person, step_id, visibility="shared", now=last_week)
        steps.mark_day(db, person, old.id, None, now=last_week)  # that day, in their own zone
        new = steps.pick_step(db, person, step_id, visibility="shared", now=now)
        today = local_day(now, zone("Europe/London"))
        for back in range(today.weekday() + 1)[:3]:  # up to three days of this week so far
            steps.mark_day(db, person, new.id, today - timedelta(days=back), now=now)
    taken = now - timedelta(days=3, hours=2)
    finished = breaks.start_break(db, alex, 30, now=taken)
    breaks.end_break(db, sam, finished.id, now=taken + timedelta(minutes=35))
    for question_id, sam_says, alex_says in _ANSWERS:
        questions.answer(db, sam, question_id, sam_says)
        questions.answer(db, alex, question_id, alex_says)
    questions.choose_deck(db, sam, "deeper", True)
