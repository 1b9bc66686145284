"""`nearer checkin|bids|steps|questions|remind`: the daily rhythm for the solo local profile."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.markup import escape

from nearer.cli.common import console, fail, friendly_errors, local_user, print_json, row_number

AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@friendly_errors
def checkin(
    closeness: Annotated[
        int | None, typer.Option("--closeness", "-c", help="How close you felt today, 1–5.")
    ] = None,
    mood: Annotated[str | None, typer.Option("--mood", "-m", help="A feelings-wheel word.")] = None,
    appreciated: Annotated[
        str | None, typer.Option("--appreciated", help="One thing you appreciated.")
    ] = None,
    needed: Annotated[str | None, typer.Option("--needed", help="One thing you needed.")] = None,
    as_json: AsJson = False,
) -> None:
    """Check in for today (your local day), or show today and the last four weeks.

    Example: nearer checkin --closeness 4 --mood grateful --appreciated "the tea you made"
    """
    from nearer.domain.charts import sparkline
    from nearer.services import checkins

    db, me = local_user()
    if closeness is not None or mood is not None:
        if appreciated and needed:
            raise fail("Give one line: --appreciated or --needed, not both.")
        kind = "appreciated" if appreciated else "needed" if needed else None
        saved = checkins.check_in(db, me, closeness, mood, kind, appreciated or needed)
        if as_json:  # what the safety check noticed, as PUT /checkins/today gives it
            none = {"level": "none", "kinds": [], "who": []}
            print_json({**saved.to_dict(),
                        "safety": saved.safety.summary() if saved.safety else none})
        else:
            console.print(f"Checked in for {saved.day:%A %d %B}: closeness {saved.closeness} "
                          f"of 5, feeling {escape(saved.mood)}.")  # fmt: skip
        if saved.safety is not None:
            from nearer.cli.render import show_safety

            show_safety(saved.safety, beside_json=as_json)
        return
    today = checkins.today(db, me)
    trend = checkins.closeness_trend(db, me, 28)
    if as_json:
        print_json({"today": None if today.mine is None else today.mine.to_dict(),
                    "days": [d.isoformat() for d in trend.days], "closeness": trend.mine})  # fmt: skip
        return
    if today.mine is None:
        console.print("You have not checked in today. Try: nearer checkin -c 3 -m calm")
    else:
        console.print(f"Today: closeness {today.mine.closeness} of 5, feeling "
                      f"{escape(today.mine.mood)}.")  # fmt: skip
    console.print(f"Four weeks (a gap is a day without a check-in): |{sparkline(trend.mine)}|")


bids_app = typer.Typer(help="Bids for connection, from your own side.", no_args_is_help=True)


@bids_app.command("add")
@friendly_errors
def bids_add(
    text: Annotated[str, typer.Argument(help="What happened.")],
    response: Annotated[str, typer.Option("--response", "-r", help="toward, away or against.")],
    noticed: Annotated[
        bool, typer.Option("--noticed", help="A bid you noticed (default: one you made).")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Note a bid and how it was met.

    Example: nearer bids add "I showed him a photo from my sister" --response toward
    """
    from nearer.services import bids

    db, me = local_user()
    saved = bids.add_bid(db, me, text, "noticed" if noticed else "made", response)
    if as_json:  # what the safety check noticed, as POST /bids gives it
        fields = {k: v for k, v in saved.__dict__.items() if k != "safety"}
        none = {"level": "none", "kinds": [], "who": []}
        print_json({**fields, "day": saved.day.isoformat(),
                    "safety": saved.safety.summary() if saved.safety else none})
    else:
        console.print(f"Noted a bid you {saved.direction}, turned {saved.response}.")
    if saved.safety is not None:
        from nearer.cli.render import show_safety

        show_safety(saved.safety, beside_json=as_json)


@bids_app.command("list")
@friendly_errors
def bids_list(as_json: AsJson = False) -> None:
    """Your bids of the last eight weeks, newest first, and this week's share turned toward.

    Example: nearer bids list --json
    """
    from nearer.services import bids

    db, me = local_user()
    found = bids.our_bids(db, me)
    weekly = bids.weekly(db, me)
    if as_json:
        rows = [{k: v for k, v in b.__dict__.items() if k != "safety"} for b in found]
        print_json({"bids": [{**r, "day": r["day"].isoformat()} for r in rows],
                    **weekly.to_dict()})  # fmt: skip
        return
    for bid in found:
        console.print(f"{bid.day:%a %d %b}  {bid.response:<8} {escape(bid.text)}")
    console.print(weekly.sentence)


steps_app = typer.Typer(help="Small steps: one or two a week, no streaks.", no_args_is_help=True)


@steps_app.command("catalogue")
@friendly_errors
def steps_catalogue() -> None:
    """The catalogue of small steps (those fitting the signs you rated come first).

    Example: nearer steps catalogue
    """
    from nearer.services import steps

    db, me = local_user()
    for step in steps.suggestions(db, me):
        console.print(f"{step.id:<26} {escape(step.text)}")


@steps_app.command("pick")
@friendly_errors
def steps_pick(
    step_id: Annotated[str | None, typer.Argument(help="A catalogue id.")] = None,
    own: Annotated[str | None, typer.Option("--own", help="Or a step in your own words.")] = None,
) -> None:
    """Choose a step for this week.

    Example: nearer steps pick phone-free-after-work
    """
    from nearer.services import steps

    db, me = local_user()
    pick = steps.pick_step(db, me, step_id, own)
    console.print(f"Step {pick.id} for this week: {escape(pick.text)}")


@steps_app.command("done")
@friendly_errors
def steps_done(
    pick_id: Annotated[int, typer.Argument(help="The number shown by `nearer steps week`.")],
    day: Annotated[
        datetime | None, typer.Option(help="Another day of this week.", formats=["%Y-%m-%d"])
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Unmark that day.")] = False,
) -> None:
    """Mark today (or --day) as a day you did the step.

    Example: nearer steps done 1 --day 2026-12-01
    """
    from nearer.services import steps

    row_number(pick_id, "step")
    db, me = local_user()
    view = steps.mark_day(db, me, pick_id, day.date() if day else None, not undo)
    console.print(view.celebration)


@steps_app.command("week")
@friendly_errors
def steps_week(as_json: AsJson = False) -> None:
    """This week's steps, the days you did them, and last week's celebration.

    Example: nearer steps week
    """
    from nearer.services import steps

    db, me = local_user()
    found = steps.this_week(db, me)
    if as_json:
        print_json({"week": found.week.isoformat(), "mine": [
            {"id": p.id, "text": p.text, "days_done": [d.isoformat() for d in p.days_done],
             "celebration": p.celebration} for p in found.mine]})  # fmt: skip
        return
    for pick in found.last_week:
        console.print(f"Last week — {escape(pick.text)}: "
                      f"{pick.celebration.replace('this week', 'last week')}")  # fmt: skip
    for pick in found.mine:
        marks = "".join("●" if d in pick.days_done else "·" for d in found.days)
        console.print(escape(f"[{pick.id}] {pick.text}  {marks}  {pick.celebration}"))
    if not found.mine:
        console.print("No step this week yet. See: nearer steps catalogue")


@friendly_errors
def questions_cmd(
    deck: Annotated[str | None, typer.Option(help="light, deeper or deepest.")] = None,
    answer: Annotated[
        str | None, typer.Option("--answer", "-a", help="Answer the question shown.")
    ] = None,
    question_id: Annotated[str | None, typer.Option("--id", help="Answer this question.")] = None,
) -> None:
    """Show a closeness question, or answer it (alone, your answers stay private).

    Example: nearer questions --deck deeper --answer "When my sister called last week."
    """
    from nearer.domain.rhythm_content import questions_source
    from nearer.services import questions

    db, me = local_user()
    found = questions.overview(db, me, deck)
    if not found.open:
        raise fail(found.message)
    target = question_id or (found.current.id if found.current else None)
    if answer is not None:
        if target is None:
            raise fail("Every question in that deck is answered.")
        saved, safety = questions.answer(db, me, target, answer)
        console.print(f"Saved your answer to: {escape(saved.text)}")
        from nearer.cli.render import show_safety

        show_safety(safety)
        return
    if found.current is None:
        console.print("You have answered every question in that deck.")
    else:
        console.print(escape(f"[{found.current.id}] {found.current.text}"))
        console.print("Answer with: nearer questions --answer \"…\"")
    console.print(f"(After {escape(questions_source())})", style="dim")


@friendly_errors
def remind(
    at: Annotated[str | None, typer.Option("--at", help="Your check-in time, HH:MM.")] = None,
    time_zone: Annotated[
        str | None, typer.Option("--time-zone", help="Your IANA time zone, e.g. Europe/Paris.")
    ] = None,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Write the daily reminder as a calendar file.")
    ] = None,
) -> None:
    """Set your check-in time and time zone, and write a calendar file with the reminder.

    Example: nearer remind --at 20:00 --time-zone Europe/London --ics nearer.ics
    """
    from nearer.services import reminders, rhythm_time

    out = _open_for_writing(ics) if ics is not None else None  # before anything is saved
    try:
        db, me = local_user()
        current = rhythm_time.get_settings(db, me)
        if at is not None or time_zone is not None:
            current = rhythm_time.set_settings(
                db, me, time_zone if time_zone is not None else current.time_zone,
                at if at is not None else current.checkin_time,
            )  # fmt: skip
        when = current.checkin_time or "not set"
        console.print(f"Check-in time: {when} ({escape(current.time_zone)}).")
        if out is not None and ics is not None:
            try:
                out.write(reminders.reminder_for(db, me))
                out.close()
                Path(out.name).replace(ics)  # never leave a half-written calendar behind
            except OSError as error:
                raise fail(_cannot_write(ics, error)) from None
            console.print(f"Wrote the daily reminder to {escape(str(ics))}; open it with your calendar.")
    finally:
        if out is not None:
            out.close()
            Path(out.name).unlink(missing_ok=True)


def _cannot_write(target: Path, error: OSError) -> str:
    name = escape(repr(str(target))[1:-1])  # a file name is shown as text, never as markup
    return f"{name} cannot be written ({escape(error.strerror or str(error))})."


def _open_for_writing(target: Path) -> BinaryIO:
    """A file beside `target` to write the calendar into, opened now, so a folder that does not
    exist (or cannot be written) is named before the check-in time is saved."""
    if target.is_dir():
        raise fail(f"{escape(str(target))} is a folder; give a file name, e.g. nearer.ics.")
    try:
        return target.with_name(target.name + ".tmp").open("wb")
    except OSError as error:
        raise fail(_cannot_write(target, error)) from None
