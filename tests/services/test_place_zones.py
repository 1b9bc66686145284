"""`localtime` (the server's clock), `Factory`, `posixrules` and the `posix/`, `right/` copies are
in the zone database but are no place's time zone: wherever a zone is taken they are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError
from support import local_person
from support import run_cli as run

from nearer.domain.errors import InvalidInput
from nearer.domain.fields import TimeZone, time_zones
from nearer.domain.rhythm import zone
from nearer.services import rhythm_time
from nearer.services.self_awareness import zone_named
from nearer.storage.db import Database

NOT_PLACES = ["localtime", "Factory", "posixrules", "LOCALTIME", "posix/Europe/London", "right/UTC"]


def test_the_zone_list_holds_places_only() -> None:
    zones = time_zones()
    assert "Europe/London" in zones and "UTC" in zones
    assert not {"localtime", "Factory", "posixrules"} & zones
    assert not any(name.startswith(("posix/", "right/")) for name in zones)


@pytest.mark.parametrize("name", NOT_PLACES)
def test_the_api_type_and_the_services_refuse_them(name: str) -> None:
    with pytest.raises(ValidationError, match="not a known time zone"):
        TypeAdapter(TimeZone).validate_python(name)
    with pytest.raises(InvalidInput, match="time_zone"):
        zone(name)
    with pytest.raises(InvalidInput, match="tz"):
        zone_named(name)


@pytest.mark.parametrize("name", ["localtime", "Factory"])
def test_nothing_is_saved(db: Database, name: str) -> None:
    me = local_person(db)
    rhythm_time.set_settings(db, me, "Europe/London", "20:00")
    with pytest.raises(InvalidInput):
        rhythm_time.set_settings(db, me, name, "21:00")
    assert not rhythm_time.adopt_browser_zone(db, local_person(db), name)
    assert rhythm_time.get_settings(db, me).to_dict() == {
        "time_zone": "Europe/London",
        "checkin_time": "20:00",
    }


@pytest.mark.parametrize("name", ["localtime", "posixrules"])
def test_the_command_line_refuses_them(tmp_path: Path, sqlite_template: Path, name: str) -> None:
    db_file = tmp_path / "cli.sqlite3"
    db_file.write_bytes(sqlite_template.read_bytes())
    code, out = run(str(db_file), "remind", "--at", "20:00", "--time-zone", name)
    assert code == 2 and out.startswith("Error: time_zone: is not a time zone name")
    assert "20:00" not in run(str(db_file), "remind")[1]
