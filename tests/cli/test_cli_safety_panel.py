"""The command line's safety panel speaks to whoever is at risk, as the web page does (the same
plan, domain/safety_panel.py): a writer who threatens is never told "never your fault"."""

from __future__ import annotations

from support import run_cli

from nearer.domain.safety_panel import plan


def _flat(out: str) -> str:
    return " ".join(out.replace("│", " ").split())


def test_a_writer_who_threatens_gets_the_step_away_panel(db_file: str) -> None:
    code, out = run_cli(db_file, "coach", "if you leave me I will hurt you")
    text = _flat(out)
    assert code == 0 and "You matter" in out
    assert "threatening, or wanting to hurt, someone" in text
    assert "stop and leave the room now" in text  # the step-away advice
    assert "never your fault" not in text
    assert text.index("threatening, or wanting") < text.index("If it is you who is being hurt")


def test_a_writer_who_is_hurt_hears_it_is_never_their_fault(db_file: str) -> None:
    code, out = run_cli(db_file, "journal", "add", "He hit me again last night and I'm scared of him")
    text = _flat(out)
    assert code == 0 and "never your fault" in text
    assert "threatening, or wanting" not in text and "leave the room now" not in text


def test_the_plan_orders_help_by_who_is_at_risk() -> None:
    threat = plan(["violence"], ["writer_threatens"])
    assert threat.groups[0] == "own_behaviour" and not threat.never_your_fault
    assert threat.if_hurt_too and not threat.right_now
    hurt = plan(["violence"], ["writer_harmed"])
    assert hurt.groups[0] == "domestic_violence" and hurt.never_your_fault and hurt.right_now
    both = plan(["violence"], ["writer_harmed", "writer_threatens"])
    assert both.harmed and both.threatens and not both.never_your_fault
    self_harm = plan(["self_harm"], [])
    assert self_harm.groups[0] == "crisis" and self_harm.right_now and self_harm.self_harm


def test_help_now_lists_help_for_someone_frightened_of_what_they_might_do(db_file: str) -> None:
    code, out = run_cli(db_file, "help-now", "--country", "gb")
    assert code == 0 and "Respect" in out


def test_a_check_in_note_gets_the_panel_too(db_file: str) -> None:
    code, out = run_cli(db_file, "checkin", "-c", "2", "-m", "sad", "--needed",
                        "honestly i want to kill myself tonight")
    assert code == 0 and "Checked in" in out and "You matter" in out


def test_a_service_listed_under_two_headings_is_shown_once() -> None:
    from nearer.domain.help_links import contacts
    from nearer.domain.help_resources import available_countries, load_resources
    from nearer.domain.safety_panel import help_lines

    india = load_resources("in").to_dict()
    names = [item["name"] for item in help_lines(india, ("own_behaviour", "crisis"))]
    assert sum("Tele-MANAS" in name for name in names) == 1
    everything = help_lines(india, ("crisis", "domestic_violence"))
    assert len(everything) == len(india["crisis"]) + len(india["domestic_violence"])
    # No way to reach help is ever lost, in any country and any order of the groups.
    groups = ("own_behaviour", "crisis", "domestic_violence")
    for code in [*available_countries(), None]:
        lines = load_resources(code).to_dict()
        for order in (groups, groups[::-1], groups[1:] + groups[:1]):
            every = {c.href for g in order for i in lines[g] for c in contacts(i["how"])}
            kept = {c.href for i in help_lines(lines, order) for c in contacts(i["how"])}
            assert kept == every, (code, order, every - kept)


def test_beside_json_the_panel_goes_to_stderr_and_the_json_says_what_was_noticed(
    db_file: str,
) -> None:
    import json

    from typer.testing import CliRunner

    from nearer.cli.main import app

    note = "honestly i want to kill myself tonight"
    done = CliRunner().invoke(app, ["--db", db_file, "checkin", "-c", "2", "-m", "sad",
                                    "--needed", note, "--json"])
    assert done.exit_code == 0
    shown = json.loads(done.stdout)  # the JSON alone on stdout, whole
    assert shown["note"] == note and shown["safety"]["kinds"] == ["self_harm"]
    assert "You matter" in done.stderr and "You matter" not in done.stdout
