"""Added questionnaires: admins, owner-and-partner visibility, limits, path-free input, the cache."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from nearer.domain.errors import Conflict, InvalidInput, NotFound
from nearer.services import accounts, admins, couples, demo, instrument_store, instruments
from nearer.storage.db import Database
from nearer.storage.models import AppSetting, CustomInstrument, User

PASSWORD = "Quiet-harbour-lantern-42"
REPO = Path(__file__).resolve().parents[2]


def questionnaire(slug: str, title: str = "Closeness check", items: int = 2) -> str:
    lines = "".join(
        f"  - {{id: c{n}, text: Item {n}., subscale: close}}\n" for n in range(1, items + 1)
    )
    return (
        f"id: {slug}\ntitle: {title}\nversion: 1\nsource: Written for a test\nlicence: MIT\n"
        "about: [self]\nwhat_it_is: A test.\nwhat_it_is_not: Not a diagnosis.\n"
        "scale: {min: 1, max: 3, labels: {1: low, 3: high}}\n"
        "subscales:\n  - id: close\n    title: Closeness\n    bands_source: test\n    bands:\n"
        "      - {min: 1, max: 2, label: lower, wording: Lower.}\n"
        "      - {min: 2, max: 3, label: higher, wording: Higher.}\n"
        f"items:\n{lines}"
    )


def people(db: Database) -> dict[str, int]:
    """admin (first account), owner, partner, former partner, stranger; owner is now with partner."""
    ids = {
        role: accounts.sign_up(db, f"{role}@example.org", PASSWORD).id
        for role in ("admin", "owner", "partner", "former", "stranger")
    }
    couples.join(db, ids["former"], couples.create_invite(db, ids["owner"]))
    return ids


def test_the_first_account_is_admin_and_no_later_one_is(db: Database) -> None:
    first = accounts.sign_up(db, "first@example.org", PASSWORD).id
    second = accounts.sign_up(db, "second@example.org", PASSWORD).id
    assert admins.is_admin(db, first) and not admins.is_admin(db, second)
    assert admins.list_admins(db) == ["first@example.org"]
    admins.set_admin(db, "first@example.org", False)
    third = accounts.sign_up(db, "third@example.org", PASSWORD).id
    assert not admins.is_admin(db, third)  # being first is claimed once per host
    assert admins.list_admins(db) == []


def test_racing_first_sign_ups_make_exactly_one_admin(db: Database) -> None:
    ids: list[int] = []
    start = threading.Barrier(4)

    def sign_up(n: int) -> None:
        start.wait()
        ids.append(accounts.sign_up(db, f"racer{n}@example.org", PASSWORD).id)

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(ids) == 4
    assert sum(admins.is_admin(db, user_id) for user_id in ids) == 1


def test_grant_revoke_and_unknown_email(db: Database) -> None:
    accounts.sign_up(db, "first@example.org", PASSWORD)
    accounts.sign_up(db, "Sam@Example.org", PASSWORD)
    change = admins.set_admin(db, " SAM@example.org ", True)
    assert (change.email, change.is_admin, change.changed) == ("sam@example.org", True, True)
    assert admins.set_admin(db, "sam@example.org", True).changed is False
    assert admins.list_admins(db) == ["first@example.org", "sam@example.org"]
    assert admins.set_admin(db, "sam@example.org", False).changed is True
    assert admins.list_admins(db) == ["first@example.org"]
    for unknown in ("nobody@example.org", ""):
        with pytest.raises(NotFound):
            admins.set_admin(db, unknown, True)


def test_the_public_demo_accounts_never_keep_the_admin_role(db: Database) -> None:
    sam, alex = demo.seed_demo(db)
    assert not admins.is_admin(db, sam) and not admins.is_admin(db, alex)
    assert admins.list_admins(db) == []  # nor the demo counsellor, whose password is public too
    real = accounts.sign_up(db, "real@example.org", PASSWORD).id
    assert admins.is_admin(db, real)


def test_a_questionnaire_is_seen_by_its_owner_and_partner_only(db: Database) -> None:
    ids = people(db)
    owner = ids["owner"]
    # Added while the owner was with "former"; then they part and the owner links with "partner".
    instruments.add_instrument(db, owner, questionnaire("ours"), "ours.yaml")
    couples.unlink(db, owner)
    couples.join(db, ids["partner"], couples.create_invite(db, owner))
    for role in ("owner", "partner"):
        assert instruments.get_instrument(db, "ours", ids[role]).title == "Closeness check"
        assert [i.id for i in instruments.list_instruments(db, ids[role])][-1] == "ours"
        assert instruments.definition(db, "ours", ids[role])["id"] == "ours"
    instruments.record_response(db, ids["partner"], "ours", {"c1": 3, "c2": 1})
    for role in ("former", "stranger", "admin"):
        with pytest.raises(NotFound) as hidden:
            instruments.get_instrument(db, "ours", ids[role])
        with pytest.raises(NotFound) as missing:
            instruments.get_instrument(db, "no-such-one", ids[role])
        assert str(hidden.value) == str(missing.value)  # hidden reads exactly like missing
        assert "ours" not in [i.id for i in instruments.list_instruments(db, ids[role])]
        with pytest.raises(NotFound):
            instruments.record_response(db, ids[role], "ours", {"c1": 3, "c2": 1})
        with pytest.raises(NotFound):
            instruments.list_responses(db, ids[role], "ours")
    with pytest.raises(NotFound):
        instruments.get_instrument(db, "ours", None)  # no one signed in


def test_the_former_partners_questionnaire_goes_with_the_couple(db: Database) -> None:
    ids = people(db)
    instruments.add_instrument(db, ids["former"], questionnaire("theirs"), "theirs.yaml")
    assert instruments.get_instrument(db, "theirs", ids["owner"]).id == "theirs"
    couples.unlink(db, ids["owner"])
    with pytest.raises(NotFound):
        instruments.get_instrument(db, "theirs", ids["owner"])


def test_only_an_admin_publishes_to_everyone(db: Database) -> None:
    ids = people(db)
    with pytest.raises(InvalidInput) as refused:
        instruments.add_instrument(db, ids["owner"], questionnaire("mine"), "m.yaml", publish=True)
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("publish", "only an admin can publish to everyone")
    ]
    with db.transaction() as session:
        assert session.scalars(select(CustomInstrument.id)).all() == []  # nothing written
    instruments.add_instrument(db, ids["admin"], questionnaire("for-all"), "a.yaml", publish=True)
    for role in ids:
        assert instruments.get_instrument(db, "for-all", ids[role]).id == "for-all"
    assert instruments.get_instrument(db, "for-all", None).id == "for-all"
    admins.set_admin(db, "owner@example.org", True)
    instruments.add_instrument(db, ids["owner"], questionnaire("now-ok"), "n.yaml", publish=True)
    assert instruments.get_instrument(db, "now-ok", ids["stranger"]).id == "now-ok"


def test_an_id_in_use_is_a_conflict_without_showing_the_other_questionnaire(db: Database) -> None:
    ids = people(db)
    instruments.add_instrument(db, ids["owner"], questionnaire("taken", "Secret title"), "a.yaml")
    with pytest.raises(Conflict) as caught:
        instruments.add_instrument(db, ids["stranger"], questionnaire("taken"), "b.yaml")
    assert "Secret title" not in str(caught.value)
    assert str(caught.value) == "b.yaml: id: 'taken' is already in use on this Nearer; choose another."


def test_one_person_may_add_twenty(db: Database) -> None:
    ids = people(db)
    for n in range(instruments.MAX_PER_PERSON):
        instruments.add_instrument(db, ids["owner"], questionnaire(f"q{n}"), f"q{n}.yaml")
    with pytest.raises(InvalidInput) as caught:
        instruments.add_instrument(db, ids["owner"], questionnaire("q20"), "q20.yaml")
    assert caught.value.problems[0].field == "definition"
    assert "you have added 20 questionnaires" in caught.value.problems[0].message
    with db.transaction() as session:
        assert session.get(CustomInstrument, "q20") is None
    instruments.add_instrument(db, ids["partner"], questionnaire("q20"), "q20.yaml")  # others may


@pytest.mark.parametrize(
    "given",
    [
        "/etc/passwd.yaml",
        "/etc/passwd",
        str(REPO / "src/nearer/content/instruments/signs.yaml"),  # exists
        str(REPO / "src/nearer/content/instruments/missing.yaml"),  # does not
        "src/nearer/content/instruments/signs.yaml",
        "../../etc/hosts.yml",
        "~/questionnaire.yaml",
        "C:\\Users\\me\\q.yaml",
        "file:///etc/passwd.yaml",
        "/etc/passwd\x00.yaml",
        "signs.yaml",
    ],
)
def test_a_path_is_never_opened_and_every_path_gets_the_same_answer(
    db: Database, given: str
) -> None:
    me = accounts.sign_up(db, "me@example.org", PASSWORD).id
    with pytest.raises(InvalidInput) as caught:
        instruments.add_instrument(db, me, given, "pasted.yaml")
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("definition", instruments.PATH_MESSAGE)
    ]
    assert "such file" not in str(caught.value) and "signs" not in str(caught.value)


def test_nul_inside_a_real_file_is_a_clear_line_error(db: Database) -> None:
    me = accounts.sign_up(db, "me@example.org", PASSWORD).id
    text = questionnaire("nul").replace("title: Closeness check", "title: Close\x00ness")
    with pytest.raises(InvalidInput) as caught:
        instruments.add_instrument(db, me, text, "nul.yaml")
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("nul.yaml: line 2", "contains a NUL character")
    ]


def test_an_alias_bomb_and_deep_nesting_are_refused_briefly(db: Database) -> None:
    me = accounts.sign_up(db, "me@example.org", PASSWORD).id
    bomb = (  # 248 bytes; 9 ** 5 "lol"s once expanded
        "#bomb\n"
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    )
    assert len(bomb.encode()) == 248
    for text, expected in (
        (bomb, "has more than 50000 values, the limit"),
        ("[" * 5000 + "]" * 5000, "nests deeper than 32 levels, the limit"),
    ):
        with pytest.raises(InvalidInput) as caught:
            instruments.add_instrument(db, me, text, "x.yaml")
        assert [p.message for p in caught.value.problems] == [expected]
        assert len(str(caught.value)) < 100


def test_lists_never_parse_yaml_and_reuse_the_cache(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = accounts.sign_up(db, "me@example.org", PASSWORD).id
    for n in range(3):
        instruments.add_instrument(db, me, questionnaire(f"big{n}", items=40), f"b{n}.yaml")

    def no_yaml(*_: object, **__: object) -> None:
        raise AssertionError("YAML parsed while listing")

    rebuilt: list[str] = []
    real = instrument_store.instrument_from_dict

    def counting(data: dict[str, object], file: str) -> object:
        rebuilt.append(file)
        return real(data, file)

    monkeypatch.setattr(instrument_store, "load_instrument", no_yaml)
    monkeypatch.setattr(instrument_store, "instrument_from_dict", counting)
    with instrument_store._lock:
        instrument_store._caches.pop(db, None)  # as in a freshly started process
    first = [i.id for i in instruments.list_instruments(db, me)]
    assert first[-3:] == ["big0", "big1", "big2"]
    assert sorted(rebuilt) == ["big0.yaml", "big1.yaml", "big2.yaml"]  # from stored JSON
    instruments.list_instruments(db, me)
    instruments.get_instrument(db, "big1", me)
    assert len(rebuilt) == 3  # the second list and the lookup came from the cache
    assert instrument_store.cache_size(db) == 3


def test_a_row_saved_before_json_was_kept_is_parsed_once(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = accounts.sign_up(db, "me@example.org", PASSWORD).id
    with db.transaction() as session:
        session.add(CustomInstrument(id="old", added_by=me, definition=questionnaire("old")))
    assert instruments.get_instrument(db, "old", me).title == "Closeness check"
    with db.transaction() as session:
        row = session.get(CustomInstrument, "old")
        assert row is not None and row.parsed is not None and row.parsed["id"] == "old"


def test_the_claim_is_a_single_row(db: Database) -> None:
    first = accounts.sign_up(db, "first@example.org", PASSWORD).id
    accounts.sign_up(db, "second@example.org", PASSWORD)
    with db.transaction() as session:
        claim = session.get(AppSetting, admins.FIRST_ADMIN)
        assert claim is not None and claim.value == str(first)
        assert session.scalars(select(User.id).where(User.is_admin.is_(True))).all() == [first]


@pytest.mark.parametrize(
    ("given", "field", "message"),
    [
        ("id: x\ntitle: \ud800\n", "pasted.yaml", "is not UTF-8 text"),
        (b"id: x\n\xff\xfe\n", "pasted.yaml", "is not UTF-8 text"),
        ("  \n\t", "definition", "paste a questionnaire's YAML or upload a file"),
    ],
)
def test_unreadable_or_empty_text_is_a_clear_error(
    db: Database, given: str | bytes, field: str, message: str
) -> None:
    me = accounts.sign_up(db, "me@example.org", PASSWORD).id
    with pytest.raises(InvalidInput) as caught:
        instruments.add_instrument(db, me, given, "pasted.yaml")
    assert [(p.field, p.message) for p in caught.value.problems] == [(field, message)]
