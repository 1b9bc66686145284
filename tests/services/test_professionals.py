"""A professional's read-only door: invite, grants section by section, revoke, notes, audit log,
couple view only of what both granted, and nothing carried over to a later partner or professional."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nearer.domain.errors import Conflict, InvalidInput, NotFound
from nearer.domain.safety_screen import QUESTION_IDS
from nearer.services import accounts, couples, journal, portability, professionals, safety
from nearer.storage.db import Database
from nearer.storage.models import ProfessionalLink, SupportAudit, SupportGrant

PW = "long-enough-pw"


def person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", PW).id


def professional(db: Database, name: str = "pro") -> int:
    user = person(db, name)
    professionals.set_profile(db, user, f"Dr {name.title()}", "Clinic")
    return user


def door(db: Database, client: int, pro: int) -> int:
    code, _ = professionals.create_invite(db, client)
    return professionals.redeem(db, pro, code).link_id


def audit_rows(db: Database, person_id: int) -> int:
    with db.transaction() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(SupportAudit)
                .where(SupportAudit.person_id == person_id)
            )
            or 0
        )


def test_a_new_door_shows_nothing_until_the_person_grants(db: Database) -> None:
    ana, pro = person(db, "ana"), professional(db)
    link = door(db, ana, pro)
    view = professionals.client_view(db, pro, link)
    assert view.sections == () and view.to_dict().keys() == {
        "link_id", "email", "sections", "couple_sections", "notes"
    }  # fmt: skip
    for section in ("scores", "patterns", "entries", "safety"):
        with pytest.raises(NotFound):
            professionals.client_section(db, pro, link, section)
    with pytest.raises(NotFound):
        professionals.client_report(db, pro, link)
    assert audit_rows(db, ana) == 0


def test_grants_show_exactly_the_chosen_sections_and_entries(db: Database) -> None:
    ana, pro = person(db, "ana"), professional(db)
    chosen = journal.write(db, ana, text="chosen for my counsellor").entry.id
    journal.write(db, ana, text="kept to myself")
    safety.take_screen(db, ana, dict.fromkeys(QUESTION_IDS, "no"))
    link = door(db, ana, pro)
    professionals.set_grants(db, ana, link, ["entries", "safety"], [chosen])
    view = professionals.client_view(db, pro, link)
    assert view.sections == ("entries", "safety")
    assert [e.text for e in view.entries] == ["chosen for my counsellor"]
    assert len(view.screens) == 1 and view.screens[0]["positive"] is False
    assert "scores" not in view.to_dict() and "patterns" not in view.to_dict()
    # One audit row per section read: entries and safety.
    assert audit_rows(db, ana) == 2
    assert sorted(a.section for a in professionals.audit_log(db, ana)) == ["entries", "safety"]
    assert {a.professional for a in professionals.audit_log(db, ana)} == {"Dr Pro"}


def test_a_deleted_entry_drops_out_of_the_grant_it_was_in(db: Database) -> None:
    ana, pro = person(db, "ana"), professional(db)
    kept = journal.write(db, ana, text="chosen and kept").entry.id
    gone = journal.write(db, ana, text="chosen then deleted").entry.id
    link = door(db, ana, pro)
    professionals.set_grants(db, ana, link, ["entries"], [kept, gone])
    journal.delete_entry(db, ana, gone)
    (mine,) = professionals.my_professionals(db, ana)
    assert mine.entry_ids == (kept,)
    assert [e.text for e in professionals.client_view(db, pro, link).entries] == ["chosen and kept"]


def test_every_professional_read_is_in_the_audit_log(db: Database) -> None:
    ana, pro = person(db, "ana"), professional(db)
    link = door(db, ana, pro)
    professionals.set_grants(db, ana, link, ["scores", "patterns", "report"])
    professionals.client_view(db, pro, link)  # scores + patterns: 2 rows
    professionals.client_section(db, pro, link, "scores")  # 1 row
    professionals.client_report(db, pro, link)  # 1 row
    assert audit_rows(db, ana) == 4
    assert sorted(a.section for a in professionals.audit_log(db, ana)) == [
        "patterns", "report", "scores", "scores"
    ]  # fmt: skip
    professionals.leave_note(db, pro, link, "A note is a write, not a read")
    assert audit_rows(db, ana) == 4


def test_revoke_then_read_finds_nothing_and_notes_stay_with_the_person(db: Database) -> None:
    ana, pro = person(db, "ana"), professional(db)
    link = door(db, ana, pro)
    professionals.set_grants(db, ana, link, ["scores"])
    professionals.leave_note(db, pro, link, "See you Tuesday")
    professionals.revoke(db, ana, link)
    with pytest.raises(NotFound):
        professionals.client_view(db, pro, link)
    with pytest.raises(NotFound):
        professionals.client_section(db, pro, link, "scores")
    with pytest.raises(NotFound):
        professionals.leave_note(db, pro, link, "Still there?")
    assert professionals.clients_page(db, pro).items == []
    (mine,) = professionals.my_professionals(db, ana)
    assert mine.ended_at is not None and mine.sections == ()
    assert [n.text for n in mine.notes] == ["See you Tuesday"]
    with pytest.raises(Conflict):
        professionals.set_grants(db, ana, link, ["scores"])


def test_a_grant_never_carries_over_to_a_later_professional_or_invitation(db: Database) -> None:
    ana, pro, other = person(db, "ana"), professional(db), professional(db, "other")
    first = door(db, ana, pro)
    professionals.set_grants(db, ana, first, ["scores", "patterns"])
    professionals.revoke(db, ana, first)
    again = door(db, ana, pro)  # the same professional, invited again
    assert again != first
    assert professionals.client_view(db, pro, again).sections == ()
    later = door(db, ana, other)
    assert professionals.client_view(db, other, later).sections == ()


def test_codes_work_once_for_professionals_only(db: Database) -> None:
    ana, pro, plain = person(db, "ana"), professional(db), person(db, "plain")
    code, _ = professionals.create_invite(db, ana)
    with pytest.raises(NotFound):
        professionals.redeem(db, plain, code)  # not a professional account
    professionals.redeem(db, pro, code)
    other = professional(db, "other")
    with pytest.raises(NotFound):
        professionals.redeem(db, other, code)  # used already
    own, _ = professionals.create_invite(db, pro)
    with pytest.raises(Conflict):
        professionals.redeem(db, pro, own)


def test_a_partner_cannot_be_the_professional(db: Database) -> None:
    ana, ben = person(db, "ana"), person(db, "ben")
    couples.join(db, ben, couples.create_invite(db, ana))
    professionals.set_profile(db, ben, "Ben", "Home")
    code, _ = professionals.create_invite(db, ana)
    with pytest.raises(Conflict):
        professionals.redeem(db, ben, code)


def test_grants_refuse_unknown_sections_and_other_peoples_entries(db: Database) -> None:
    ana, ben, pro = person(db, "ana"), person(db, "ben"), professional(db)
    couples.join(db, ben, couples.create_invite(db, ana))
    bens = journal.write(db, ben, text="ben shared this", visibility="shared").entry.id
    link = door(db, ana, pro)
    with pytest.raises(InvalidInput) as caught:
        professionals.set_grants(db, ana, link, ["scores", "diary"])
    assert caught.value.problems[0].field == "sections"
    with pytest.raises(InvalidInput) as caught:
        professionals.set_grants(db, ana, link, ["entries"], [bens])
    assert caught.value.problems[0].field == "entry_ids"
    assert professionals.client_view(db, pro, link).sections == ()  # nothing half-written
    with pytest.raises(NotFound):
        professionals.set_grants(db, ben, link, ["scores"])  # not Ben's door


def test_couple_view_only_of_sections_both_partners_granted(db: Database) -> None:
    ana, ben, pro = person(db, "ana"), person(db, "ben"), professional(db)
    couples.join(db, ben, couples.create_invite(db, ana))
    anas, bens = door(db, ana, pro), door(db, ben, pro)
    professionals.set_grants(db, ana, anas, ["scores", "patterns"])
    # Only Ana has granted: there is no couple view, and Ben's door shows nothing.
    with pytest.raises(NotFound):
        professionals.couple_view(db, pro, anas)
    assert professionals.client_view(db, pro, bens).sections == ()
    professionals.set_grants(db, ben, bens, ["scores", "entries"])
    view = professionals.couple_view(db, pro, anas)
    assert list(view["sections"]) == ["scores"]
    assert view["partner_link_id"] == bens
    before_ana, before_ben = audit_rows(db, ana), audit_rows(db, ben)
    professionals.couple_view(db, pro, bens)
    assert (audit_rows(db, ana), audit_rows(db, ben)) == (before_ana + 1, before_ben + 1)


def test_unlinking_ends_grants_made_in_that_couple_and_none_reach_a_later_partner(
    db: Database,
) -> None:
    ana, ben, cal = (person(db, n) for n in ("ana", "ben", "cal"))
    pro = professional(db)
    couples.join(db, ben, couples.create_invite(db, ana))
    anas, bens = door(db, ana, pro), door(db, ben, pro)
    professionals.set_grants(db, ana, anas, ["scores"])
    professionals.set_grants(db, ben, bens, ["scores"])
    couples.unlink(db, ana)
    assert professionals.client_view(db, pro, anas).sections == ()
    assert professionals.client_view(db, pro, bens).sections == ()
    # Ana links with Cal; Cal grants, Ana's old grant is gone: no couple view.
    couples.join(db, cal, couples.create_invite(db, ana))
    cals = door(db, cal, pro)
    professionals.set_grants(db, cal, cals, ["scores"])
    with pytest.raises(NotFound):
        professionals.couple_view(db, pro, cals)


def test_deleting_the_person_takes_their_audit_log_and_doors(db: Database) -> None:
    ana, pro = person(db, "ana"), professional(db)
    link = door(db, ana, pro)
    professionals.set_grants(db, ana, link, ["scores"])
    professionals.client_view(db, pro, link)
    accounts.delete_account(db, ana)
    assert audit_rows(db, ana) == 0
    with pytest.raises(NotFound):
        professionals.client_view(db, pro, link)
    assert professionals.clients_page(db, pro).items == []


def test_deleting_the_professional_ends_their_grants(db: Database) -> None:
    ana, pro = person(db, "ana"), professional(db)
    link = door(db, ana, pro)
    professionals.set_grants(db, ana, link, ["scores"])
    professionals.client_view(db, pro, link)
    accounts.delete_account(db, pro)
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(SupportGrant)) == 0
        assert session.scalar(select(func.count()).select_from(ProfessionalLink)) == 0
    # The person keeps the log of what was read, with the name it was read under.
    assert [a.professional for a in professionals.audit_log(db, ana)] == ["Dr Pro"]


def test_grants_and_the_audit_log_are_in_the_export(db: Database) -> None:
    ana, pro = person(db, "ana"), professional(db)
    link = door(db, ana, pro)
    professionals.set_grants(db, ana, link, ["scores", "report"])
    professionals.leave_note(db, pro, link, "Welcome")
    professionals.client_view(db, pro, link)
    support = portability.export_data(db, ana)["support"]
    assert support["professionals"][0]["professional"] == "Dr Pro"
    assert support["professionals"][0]["sections"] == ["report", "scores"]
    assert support["professionals"][0]["notes"] == ["Welcome"]
    assert [a["section"] for a in support["audit"]] == ["scores"]
    assert portability.export_data(db, pro)["support"]["professional_profile"] == {
        "name": "Dr Pro",
        "practice": "Clinic",
    }
    # An export with support data imports cleanly, and brings no grant back.
    document = portability.export_data(db, ana)
    fresh = person(db, "fresh")
    portability.import_data(db, fresh, document)
    assert professionals.my_professionals(db, fresh) == []


def test_profile_and_note_fields_are_checked(db: Database) -> None:
    pro = person(db, "pro")
    with pytest.raises(InvalidInput) as caught:
        professionals.set_profile(db, pro, "", "x" * 201)
    assert [p.field for p in caught.value.problems] == ["name", "practice"]
    professionals.set_profile(db, pro, "Dr P", "Clinic")
    ana = person(db, "ana")
    link = door(db, ana, pro)
    for bad in ("", "   ", "x" * 1001):
        with pytest.raises(InvalidInput) as caught:
            professionals.leave_note(db, pro, link, bad)
        assert caught.value.problems[0].field == "text"


def test_the_professionals_report_holds_scores_patterns_and_only_granted_entries(
    db: Database,
) -> None:
    ana, pro = person(db, "ana"), professional(db)
    chosen = journal.write(db, ana, text="chosen one").entry.id
    journal.write(db, ana, text="a reflection", kind="reflection")
    link = door(db, ana, pro)
    professionals.set_grants(db, ana, link, ["report"])
    made = professionals.client_report(db, pro, link)
    assert made.sections == ("scores", "patterns") and made.entries == ()
    professionals.set_grants(db, ana, link, ["report", "entries"], [chosen])
    made = professionals.client_report(db, pro, link)
    assert made.sections == ("scores", "patterns", "entries")
    assert [e.text for e in made.entries] == ["chosen one"]
    assert made.reflections == () and made.gap == ()


def test_the_demo_counsellor_is_granted_by_sam_only(db: Database) -> None:
    from nearer.services import demo

    sam, alex = demo.seed_demo(db)
    with db.transaction() as session:
        robin = session.scalar(
            select(ProfessionalLink.professional_id).where(ProfessionalLink.person_id == sam)
        )
    assert robin is not None
    (client,) = professionals.clients_page(db, robin).items
    assert client.email == "sam@demo.nearer"
    assert client.sections == ("scores", "patterns", "report")
    assert professionals.my_professionals(db, alex) == []
    assert [d.name for d in professionals.my_professionals(db, sam)] == ["Robin Hale"]
    demo.seed_demo(db)  # idempotent: still one door
    assert len(professionals.my_professionals(db, sam)) == 1
