"""Text made only of invisible characters (zero-width spaces, word joiners, a byte-order mark,
direction marks) shows nothing, so it is empty: refused by name like "" is, everywhere a person
writes (it was saved as an entry, a bid, a reply, a note, an answer, a professional's name)."""

from __future__ import annotations

from typing import Any

import pytest
from support import api_link, api_signup

from nearer.domain.blank import blank

INVISIBLE = ("\u200b\u2060\ufeff", " \u200b \u200d\n", "\u200e\u200f\u202e",
             "\u3164", "\u2800 \ufe0f", "\u00ad\U000e0041\u180e")  # fillers, blank cell, tags


@pytest.mark.parametrize("text", INVISIBLE + ("", "   "))
def test_blank_is_true_for_what_shows_nothing(text: str) -> None:
    assert blank(text)


@pytest.mark.parametrize("text", ("a", "\u200bhi", "🌧", "…", "\u202eabc", "❤\ufe0f", "ㅤa"))
def test_blank_is_false_for_anything_visible(text: str) -> None:
    assert not blank(text)


@pytest.mark.parametrize("text", INVISIBLE)
def test_each_place_a_person_writes_refuses_invisible_text(client: Any, text: str) -> None:
    ana, ben = api_signup(client, "ana@example.org"), api_signup(client, "ben@example.org")
    api_link(client, ana, ben)
    shared = client.post("/api/v1/entries", json={"text": "a walk by the river",
                                                  "visibility": "shared"}, headers=ana)
    assert shared.status_code == 201
    entry = shared.json()["id"]
    guide = client.get("/api/v1/guides", headers=ana).json()
    slug = (guide["items"] if isinstance(guide, dict) else guide)[0]["id"]
    question = client.get("/api/v1/questions/today", headers=ana)
    writes = [
        ("post", "/api/v1/entries", ana, {"text": text}, "text"),
        ("post", "/api/v1/bids", ana, {"text": text, "direction": "made", "response": "toward"},
         "text"),
        ("post", f"/api/v1/entries/{entry}/reactions", ben, {"reply": text}, "reply"),
        ("put", f"/api/v1/guides/{slug}/note", ana, {"text": text}, "text"),
    ]
    if question.status_code == 200 and question.json().get("id"):
        writes.append(("put", f"/api/v1/questions/{question.json()['id']}/answer", ana,
                       {"text": text}, "text"))
    for method, path, who, body, field in writes:
        answer = getattr(client, method)(path, json=body, headers=who)
        assert answer.status_code == 422, (path, answer.status_code, answer.text)
        assert field in [p["loc"][-1] for p in answer.json()["detail"]], (path, answer.text)
    entries = client.get("/api/v1/entries", headers=ana).json()["items"]
    assert [e["text"] for e in entries] == ["a walk by the river"]  # nothing else was saved


def test_the_command_line_refuses_an_invisible_entry(tmp_path: Any) -> None:
    import subprocess
    import sys

    db = tmp_path / "cli.sqlite3"
    run = subprocess.run([sys.executable, "-m", "nearer", "--db", str(db), "journal", "add",
                          "\u200b\u200b"], capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "empty" in (run.stdout + run.stderr)
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("text", INVISIBLE[3:])
def test_a_check_in_note_of_nothing_visible_is_no_note(client: Any, text: str) -> None:
    ana = api_signup(client, "note@example.org")
    body = {"closeness": 3, "mood": "lonely", "note_kind": "needed", "note": text}
    saved = client.put("/api/v1/checkins/today", json=body, headers=ana)
    assert saved.status_code == 200, saved.text
    assert saved.json()["mine"]["note"] in (None, "")  # nothing visible was kept as a note


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_check_in_note_is_one_line_whatever_the_line_break(client: Any, separator: str) -> None:
    ana = api_signup(client, "lines@example.org")
    body = {"closeness": 3, "mood": "lonely", "note_kind": "needed",
            "note": f"first{separator}second"}
    answer = client.put("/api/v1/checkins/today", json=body, headers=ana)
    assert answer.status_code == 422 and "note" in answer.text
    assert client.get("/api/v1/checkins/today", headers=ana).json()["mine"] is None


def test_names_of_nothing_visible_are_refused(client: Any) -> None:
    ana = api_signup(client, "names@example.org")
    named = client.patch("/api/v1/users/me", json={"display_name": "\u3164"}, headers=ana)
    assert named.status_code == 422 and "display_name" in named.text
    profile = client.put("/api/v1/clients/profile", json={"name": "\u3164\u200b",
                                                          "practice": "Harbour Counselling"},
                         headers=ana)
    assert profile.status_code == 422 and "name" in profile.text


@pytest.mark.parametrize("name", ["सैम", "தமிழ்", "Zoe\u0308", "Nguyễn", "أمل", "Mary-Jo O'Neil"])
def test_names_in_any_script_with_their_marks_are_kept(client: Any, name: str) -> None:
    import unicodedata

    me = api_signup(client, "script@example.org")
    saved = client.patch("/api/v1/users/me", json={"display_name": name}, headers=me)
    assert saved.status_code == 200, saved.text
    assert saved.json()["display_name"] == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize("name", ["\u0308Zoe", "-Sam", "Sam!", "<b>Sam</b>"])
def test_names_must_start_with_a_letter_and_hold_only_name_marks(client: Any, name: str) -> None:
    me = api_signup(client, "badname@example.org")
    refused = client.patch("/api/v1/users/me", json={"display_name": name}, headers=me)
    assert refused.status_code == 422 and "display_name" in refused.text
