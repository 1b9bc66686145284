"""nearer.storage.models names every table, and maps each area of them on first use only.

Each case runs in a fresh interpreter: the test process has mapped every table already.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_fresh

AREAS = """
def areas():
    return sorted(m.rsplit(".", 1)[1] for m in sys.modules
                  if m.startswith("nearer.storage.tables.") and m != "nearer.storage.tables.base")
"""


def test_a_table_maps_its_own_area_and_those_its_foreign_keys_name() -> None:
    found = run_fresh(AREAS + """
from nearer.storage import models
out["first"] = areas()
models.Entry
out["entry"] = areas()
models.ProfessionalLink
out["link"] = areas()
from nearer.storage.tables.base import Base
out["tables"] = sorted(Base.metadata.tables)
""")
    assert found["first"] == []
    assert found["entry"] == ["journal", "people"]
    assert found["link"] == ["journal", "people", "professional"]
    assert "professional_links" in found["tables"]  # type: ignore[operator]
    assert "checkins" not in found["tables"]  # type: ignore[operator]


def test_base_comes_with_every_table_mapped() -> None:
    found = run_fresh(AREAS + """
from nearer.storage import models
tables = models.Base.metadata.tables
out["areas"] = areas()
out["count"] = len(tables)
out["names"] = [n for n in models.__all__ if n[0].isupper() and n not in ("NAMING", "UTCDateTime")]
out["mapped"] = all(getattr(models, n).__table__.name in tables
                    for n in out["names"] if n != "Base")
""")
    assert found["areas"] == ["accounts", "journal", "people", "practice", "professional"]
    assert found["count"] == len(found["names"]) - 1  # type: ignore[arg-type]  # all but Base
    assert found["mapped"] is True


def test_an_unknown_name_is_an_attribute_error() -> None:
    from nearer.storage import models

    with pytest.raises(AttributeError, match="Nothing"):
        models.Nothing  # noqa: B018


def test_a_sealed_table_mapped_after_the_database_opened_is_still_sealed(tmp_path: Path) -> None:
    # Sealing listens on the base: a model mapped later (check-ins, here) is sealed and opened.
    from nearer.storage.db import Database

    Database(f"sqlite:///{tmp_path / 'n.sqlite3'}").dispose()  # migrated here, so not there
    found = run_fresh(AREAS + f"""
from datetime import date
from sqlalchemy import text
from nearer.storage import keyring
from nearer.storage.db import Database
db = Database("sqlite:///{tmp_path / "n.sqlite3"}")
out["before"] = areas()
from nearer.storage.models import CheckIn, User
out["after"] = areas()
with db.transaction() as session:
    me = User(is_local=True)
    session.add(me)
    session.flush()
    keyring.current().put(keyring.person(me.id), bytes(32))
    session.add(CheckIn(user_id=me.id, day=date(2026, 3, 2), closeness=3, mood="ok",
                        note="a quiet evening"))
with db.engine.connect() as conn:
    out["stored"] = conn.execute(text("SELECT note FROM checkins")).scalar()
with db.transaction() as session:
    out["read"] = session.query(CheckIn).one().note
""")
    assert found["before"] == [] and "practice" in found["after"]  # type: ignore[operator]
    assert str(found["stored"]).startswith("nv1.")  # sealed at rest
    assert found["read"] == "a quiet evening"  # and opened as it loads
