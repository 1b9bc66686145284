"""Encryption at rest through the web: what a person sees at sign-up, after a restart, when a
stored byte was changed, and at the first login of an account from before encryption."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from support import api_signup, csrf_of

from nearer.domain import crypto
from nearer.settings import Settings
from nearer.storage.db import Database
from nearer.storage.models import Entry, User

PW = "long-enough-pw"


def test_signup_page_says_losing_both_loses_the_data(client: Any) -> None:
    page = client.get("/signup").text
    assert "lose <strong>both</strong> your password and your recovery code" in page
    assert "they are lost for good" in page


def test_a_server_restart_keeps_people_logged_in_and_reading(
    client: Any, sqlite_db: Database, settings: Settings
) -> None:
    from nearer.web.app import create_app

    ana = api_signup(client, "ana@example.org")
    made = client.post("/api/v1/entries", json={"text": "before the restart"}, headers=ana)
    assert made.status_code == 201
    with TestClient(create_app(db=sqlite_db, settings=settings), base_url="https://t") as again:
        listed = again.get("/api/v1/entries", headers=ana)
        assert listed.status_code == 200
        assert [e["text"] for e in listed.json()["items"]] == ["before the restart"]


def test_a_flipped_byte_is_a_clear_423_never_a_500(client: Any, sqlite_db: Database) -> None:
    ana = api_signup(client, "ana@example.org")
    entry = client.post("/api/v1/entries", json={"text": "mine alone"}, headers=ana).json()
    with sqlite_db.engine.begin() as conn:
        stored = conn.execute(select(Entry.__table__.c.text)).scalar_one()
        blob = bytearray(crypto.from_text(stored))
        blob[20] ^= 0x01
        conn.execute(update(Entry.__table__).values(text=crypto.to_text(bytes(blob))))
    answer = client.get(f"/api/v1/entries/{entry['id']}", headers=ana)
    assert answer.status_code == 423
    assert "could not be opened" in answer.json()["detail"]
    assert "mine alone" not in answer.text


def test_an_account_from_before_gets_its_key_and_a_new_code_at_login(
    client: Any, sqlite_db: Database
) -> None:
    api_signup(client, "ana@example.org")
    with sqlite_db.transaction() as session:  # as if made before encryption
        user = session.scalar(select(User).where(User.email == "ana@example.org"))
        assert user is not None
        user.key_kdf = user.key_salt = user.key_by_password = None
        user.recovery_salt = user.key_by_recovery = user.public_key = user.private_key = None
    token = csrf_of(client.get("/login").text)
    page = client.post(
        "/login",
        data={"email": "ana@example.org", "password": PW, "csrf_token": token},
        follow_redirects=False,
    )
    assert page.status_code == 200
    assert "your entries are now encrypted" in page.text
    assert 'id="recovery-code"' in page.text
    assert client.get("/journal").status_code == 200  # logged in, with the new key
    again = client.post("/api/v1/auth/token", data={"username": "ana@example.org", "password": PW})
    assert again.json()["recovery_code"] is None  # shown once only


def test_the_streamed_export_opens_sealed_entries(client: Any, sqlite_db: Database) -> None:
    ana = api_signup(client, "ana@example.org")
    client.post("/api/v1/entries", json={"text": "sealed at rest, mine to take"}, headers=ana)
    with sqlite_db.engine.begin() as conn:  # stored sealed ...
        assert crypto.is_sealed(conn.execute(select(Entry.__table__.c.text)).scalar_one())
    exported = client.get("/api/v1/export", headers=ana)  # ... exported plain, as the owner's copy
    assert exported.status_code == 200
    [entry] = exported.json()["entries"]
    assert entry["text"] == "sealed at rest, mine to take"


def test_the_account_page_download_streams_the_sealed_journal_open(
    client: Any, sqlite_db: Database
) -> None:
    import json

    from support import page_login

    from nearer.services import portability
    from nearer.storage import keyring

    ana = api_signup(client, "ana@example.org")
    for text in ("first, sealed at rest", "second\nwith a line break"):
        client.post("/api/v1/entries", json={"text": text}, headers=ana)
    page_login(client, "ana@example.org")
    download = client.get("/account/export.json")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="nearer-export.json"'
    assert "content-length" not in download.headers  # streamed, not built whole first
    document = json.loads(download.text)
    assert [e["text"] for e in document["entries"]] == [
        "first, sealed at rest",
        "second\nwith a line break",
    ]
    with sqlite_db.transaction() as session:
        me = session.scalars(select(User.id).where(User.email == "ana@example.org")).one()
    with keyring.scoped() as ring:  # the same bytes the page wrote before it streamed
        from nearer.services.accounts import open_keys

        ring.put(keyring.person(me), open_keys(sqlite_db, me, PW)[0])
        old = json.dumps(portability.export_data(sqlite_db, me), ensure_ascii=False, indent=2)
    assert download.text == old
