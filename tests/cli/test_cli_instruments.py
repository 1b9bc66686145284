"""`nearer instruments` and `nearer reflect`, run in-process against a copied SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from support import run_cli as run
from typer.testing import CliRunner

runner = CliRunner()


def test_list_shows_the_three_builtins(db_file: str) -> None:
    code, out = run(db_file, "instruments", "list", "--json")
    assert code == 0
    assert [i["id"] for i in json.loads(out)] == ["signs", "attachment", "satisfaction"]


def test_take_with_prompts_shows_score_band_and_not_a_diagnosis(db_file: str) -> None:
    code, out = run(db_file, "instruments", "take", "satisfaction", stdin="5\n4\n2\n6\n")
    assert code == 0, out
    assert "this week: 19 (on a scale from 0 to 24)" in out and "a good week" in out  # 5+4+(6-2)+6
    flat = re.sub(r"[│╭╮╰╯─\s]+", " ", out.lower())  # the panel's borders and wrapping undone
    assert flat.count("not a diagnosis") == 1  # said once


def test_take_about_partner_with_answers_option(db_file: str) -> None:
    answers = ",".join(["4"] * 12)
    code, out = run(
        db_file, "instruments", "take", "signs", "--about", "partner", "--answers", answers,
        "--json",
    )  # fmt: skip
    assert code == 0, out
    result = json.loads(out)
    assert result["about"] == "partner"
    # sg09 and sg12 are reverse-keyed: each subscale of six items is (5 * 4 + 2) / 6
    assert result["scores"] == {"feelings": round(22 / 6, 2), "presence": round(22 / 6, 2)}


def test_take_refuses_bad_input_cleanly(db_file: str) -> None:
    code, out = run(db_file, "instruments", "take", "satisfaction", "--answers", "1,2")
    assert code == 2 and "needs 4 values" in out
    code, out = run(db_file, "instruments", "take", "satisfaction", "--answers", "1,2,3,9")
    assert code == 2 and "sat4" in out and "Traceback" not in out
    code, out = run(db_file, "instruments", "take", "attachment", "--about", "partner")
    assert code == 2
    assert run(db_file, "instruments", "take", "nope")[0] == 2


GOOD = """id: tiny
title: Tiny check
version: 1
source: test
licence: MIT
about: [self]
what_it_is: A test.
what_it_is_not: Not a diagnosis.
scale: {min: 1, max: 2, labels: {1: low, 2: high}}
subscales:
  - id: only
    title: Only
    bands_source: test
    bands: [{min: 1, max: 2, label: all, wording: All.}]
items:
  - {id: t1, text: One., subscale: only}
"""


def test_add_validates_and_stores(db_file: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("subscale: only}", "subscale: other}"), encoding="utf-8")
    code, out = run(db_file, "instruments", "add", str(bad))
    assert code == 2 and "bad.yaml: items[0].subscale" in out
    good = tmp_path / "tiny.yaml"
    good.write_text(GOOD, encoding="utf-8")
    code, out = run(db_file, "instruments", "add", str(good))
    assert code == 0 and "tiny" in out
    assert "tiny" in [i["id"] for i in json.loads(run(db_file, "instruments", "list", "--json")[1])]
    assert run(db_file, "instruments", "add", str(good))[0] == 2  # the id is taken


def test_reflect_saves_a_private_reflection_and_skip_changes_prompt(db_file: str) -> None:
    code, out = run(db_file, "reflect", "--answer", "Nobody at home asked how I felt.")
    assert code == 0 and "Saved privately" in out
    entries = json.loads(run(db_file, "journal", "list", "--json")[1])
    assert entries[0]["kind"] == "reflection" and entries[0]["visibility"] == "private"
    first = run(db_file, "reflect", stdin="\n")[1].splitlines()[1]
    skipped = run(db_file, "reflect", "--skip", stdin="\n")[1].splitlines()[1]
    assert first != skipped


def test_reflect_shows_the_safety_panel(db_file: str) -> None:
    code, out = run(db_file, "reflect", "--answer", "I want to kill myself, I mean it")
    assert code == 0 and "You matter" in out
