"""Every command that takes a number naming a row refuses one no row can have (ids run
1 .. 2^31 - 1) with one `Error:` line and exit code 2, before anything is opened or changed."""

from __future__ import annotations

import json

import pytest
from support import run_cli as run

from nearer.domain.field_checks import MAX_ID

COMMANDS = {
    "journal show": (["journal", "show"], [], "entry"),
    "journal edit": (["journal", "edit"], ["--text", "changed"], "entry"),
    "journal delete": (["journal", "delete"], ["--yes"], "entry"),
    "steps done": (["steps", "done"], [], "step"),
}
OUT_OF_RANGE = [str(MAX_ID + 1), str(2**63), "0", "-1"]


@pytest.mark.parametrize("number", OUT_OF_RANGE)
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_id_out_of_range_is_one_error_line(db_file: str, command: str, number: str) -> None:
    words, options, what = COMMANDS[command]
    run(db_file, "journal", "add", "kept as it was")
    code, out = run(db_file, *words, *options, "--", number)
    assert code == 2, out
    assert out.strip().splitlines() == [
        f"Error: There is no {what} {int(number)} (numbers run 1 to {MAX_ID:,})."
    ]
    (entry,) = json.loads(run(db_file, "journal", "list", "--json")[1])
    assert entry["text"] == "kept as it was"


def test_the_largest_id_is_looked_up_and_not_found(db_file: str) -> None:
    for words, options, what in COMMANDS.values():
        code, out = run(db_file, *words, *options, str(MAX_ID))
        assert (code, out.strip()) == (2, f"Error: No such {what}.")
