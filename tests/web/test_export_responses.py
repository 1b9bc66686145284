"""Responses to shared entries and unfinished questionnaires travel in the export: each person's
own only (owner, partner, former partner, stranger, anonymous), opened for their author, and
an import brings back the ones that can come back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support import api_link, api_signup, page_login, unlock

from nearer.domain.errors import InvalidInput
from nearer.services import accounts, questionnaire_drafts
from nearer.services.instruments import get_instrument
from nearer.services.portability import export_data, import_data
from nearer.storage import keyring
from nearer.storage.db import Database


@pytest.fixture
def world(app: Any, sqlite_db: Database) -> dict[str, Any]:
    api = TestClient(app, base_url="https://testserver")
    h = {who: api_signup(api, f"{who}@example.org") for who in ("sam", "alex", "kim")}
    api_link(api, h["sam"], h["alex"])

    def share(who: str, text: str) -> dict[str, Any]:
        body = {"text": text, "visibility": "shared"}
        return dict(api.post("/api/v1/entries", json=body, headers=h[who]).json())

    sams, alexs = share("sam", "I missed you today"), share("alex", "Work was a lot")

    def react(who: str, entry: dict[str, Any], body: dict[str, Any]) -> None:
        url = f"/api/v1/entries/{entry['id']}/reactions"
        assert api.post(url, json=body, headers=h[who]).status_code == 201

    react("alex", sams, {"kind": "thanks", "reply": "ALEX-ON-SAMS"})
    react("sam", sams, {"reply": "SAM-ON-OWN"})
    react("sam", alexs, {"kind": "hear", "reply": "SAM-ON-ALEXS"})
    ids = {}
    for who, answers in (("sam", {"at01": 3, "at02": 6}), ("alex", {"at03": 2})):
        me = ids[who] = unlock(sqlite_db, f"{who}@example.org")
        attachment = get_instrument(sqlite_db, "attachment", me)
        questionnaire_drafts.save_draft(sqlite_db, me, attachment, "self", answers)
    keyring.forget_process_keys()
    return {"api": api, "h": h, "sams": sams, "alexs": alexs, "app": app, "db": sqlite_db, **ids}


def _export(world: dict[str, Any], who: str) -> dict[str, Any]:
    response = world["api"].get("/api/v1/export", headers=world["h"][who])
    assert response.status_code == 200
    return dict(response.json())


def _replies(doc: dict[str, Any]) -> list[str]:
    return sorted(r["reply"] for r in doc["reactions"])


def test_the_owner_gets_what_they_sent_opened_and_nothing_their_partner_sent(
    world: dict[str, Any],
) -> None:
    doc = _export(world, "sam")
    assert _replies(doc) == ["SAM-ON-ALEXS", "SAM-ON-OWN"]
    own, partners = sorted(doc["reactions"], key=lambda r: r["reply"], reverse=True)
    assert own["entry_uid"] == doc["entries"][0]["uid"] and own["kind"] is None
    assert partners["entry_uid"] is None and partners["kind"] == "hear"  # their entry stays theirs
    assert doc["questionnaire_drafts"] == [
        {"instrument_id": "attachment", "about": "self", "answers": {"at01": 3, "at02": 6},
         "updated_at": doc["questionnaire_drafts"][0]["updated_at"]}
    ]  # fmt: skip
    text = json.dumps(doc)
    assert "ALEX-ON-SAMS" not in text and "at03" not in text and "Work was a lot" not in text


def test_the_partner_gets_only_their_own(world: dict[str, Any]) -> None:
    doc = _export(world, "alex")
    assert _replies(doc) == ["ALEX-ON-SAMS"]
    assert doc["reactions"][0]["entry_uid"] is None  # sam's entry: not named
    assert [d["answers"] for d in doc["questionnaire_drafts"]] == [{"at03": 2}]
    assert "SAM-" not in json.dumps(doc) and "I missed you today" not in json.dumps(doc)


def test_a_stranger_and_nobody_get_nothing(world: dict[str, Any]) -> None:
    doc = _export(world, "kim")
    assert doc["reactions"] == [] and doc["questionnaire_drafts"] == []
    anonymous = TestClient(world["app"], base_url="https://testserver")
    assert anonymous.get("/api/v1/export").status_code == 401
    page = anonymous.get("/account/export.json", follow_redirects=False)
    assert page.status_code in (303, 401) and "SAM-" not in page.text


def test_former_partners_keep_their_own_words_and_never_the_others(world: dict[str, Any]) -> None:
    api, h = world["api"], world["h"]
    assert api.delete("/api/v1/couple", headers=h["sam"]).status_code == 204
    assert _replies(_export(world, "sam")) == ["SAM-ON-ALEXS", "SAM-ON-OWN"]  # own key opens
    assert _replies(_export(world, "alex")) == ["ALEX-ON-SAMS"]
    assert "SAM-" not in json.dumps(_export(world, "alex"))


def test_the_account_page_download_holds_them_too(world: dict[str, Any]) -> None:
    page = TestClient(world["app"], base_url="https://testserver")
    page_login(page, "sam@example.org")
    doc = json.loads(page.get("/account/export.json").text)
    assert _replies(doc) == ["SAM-ON-ALEXS", "SAM-ON-OWN"]
    assert len(doc["questionnaire_drafts"]) == 1


def test_import_brings_back_responses_under_own_entries_and_drafts(
    world: dict[str, Any], sqlite_template: Path, tmp_path: Path
) -> None:
    exported = _export(world, "sam")
    shutil.copy(sqlite_template, tmp_path / "fresh.sqlite3")
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    me = accounts.local_profile(fresh)
    assert import_data(fresh, me, exported).added == 1
    again = export_data(fresh, me)
    [own] = [r for r in exported["reactions"] if r["entry_uid"] is not None]
    assert again["reactions"] == [own]  # the same uid, entry, words and time
    assert again["questionnaire_drafts"] == exported["questionnaire_drafts"]
    import_data(fresh, me, exported)  # the same file again adds nothing
    assert export_data(fresh, me)["reactions"] == [own]
    assert len(export_data(fresh, me)["questionnaire_drafts"]) == 1
    fresh.dispose()


def test_an_imported_response_is_shown_to_nobody(world: dict[str, Any]) -> None:
    api, h, db = world["api"], world["h"], world["db"]
    exported = _export(world, "sam")
    kim = unlock(db, "kim@example.org")
    import_data(db, kim, exported)  # sam's uids are taken: kim's copies get their own
    keyring.forget_process_keys()
    doc = _export(world, "kim")
    assert _replies(doc) == ["SAM-ON-OWN"]
    assert doc["reactions"][0]["entry_uid"] == doc["entries"][0]["uid"]
    assert doc["reactions"][0]["uid"] != exported["reactions"][0]["uid"]
    entry = api.get("/api/v1/entries", headers=h["kim"]).json()["items"][0]
    assert entry["visibility"] == "private"
    assert api.get(f"/api/v1/entries/{entry['id']}/reactions",
                   headers=h["kim"]).json() == {"items": [], "next": None}
    # and it never reaches sam's thread or alex's
    assert "SAM-ON-OWN" not in json.dumps(_export(world, "alex"))


@pytest.mark.parametrize(
    "change,where",
    [
        (lambda d: d["reactions"][0].update(entry_uid="no-such-entry"), "reactions.0.entry_uid"),
        (lambda d: d["reactions"][0].update(reply="x" * 501), "reactions.0.reply"),
        (lambda d: d["reactions"][0].update(kind="thanks"), "reactions.0.kind"),
        (lambda d: d["reactions"][0].update(kind=None, reply="  "), "reactions.0.reply"),
        (lambda d: d["questionnaire_drafts"][0].update(instrument_id="nope"),
         "questionnaire_drafts.0.instrument_id"),
        (lambda d: d["questionnaire_drafts"].append(d["questionnaire_drafts"][0]),
         "questionnaire_drafts.1"),
    ],
)
def test_bad_responses_or_drafts_refuse_the_whole_file(
    world: dict[str, Any], change: Any, where: str
) -> None:
    doc = _export(world, "sam")
    doc["reactions"].sort(key=lambda r: r["entry_uid"] is None)  # the own-entry one first
    change(doc)
    kim = world["h"]["kim"]
    before = world["api"].get("/api/v1/entries", headers=kim).json()["items"]
    with pytest.raises(InvalidInput) as error:
        import_data(world["db"], unlock(world["db"], "kim@example.org"), doc)
    keyring.forget_process_keys()
    assert where in [p.field for p in error.value.problems]
    assert world["api"].get("/api/v1/entries", headers=kim).json()["items"] == before
