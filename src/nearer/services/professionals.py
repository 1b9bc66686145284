"""A professional's read-only door: invites, grants section by section, notes, and the audit log.

Who may see what is decided only in services/access.py. This module carries out the person's
choices (invite, grant, revoke) and the professional's reads, writing every read to the
person's audit log in the same transaction as the read itself.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.domain.blank import blank
from nearer.domain.errors import Conflict, InvalidInput, NotFound, Problem
from nearer.domain.paging import DEFAULT_LIMIT, Page
from nearer.domain.support_sections import GRANT_SECTIONS
from nearer.services import report as reports
from nearer.services import vault
from nearer.services.access import (
    couple_links,
    granted_entries,
    grants_of,
    lock_couple,
    own_entry_ids,
    partner_id,
    person_link,
    professional_link,
    professional_profile,
    require_grant,
    require_professional,
    require_user,
)
from nearer.services.couples import normalise_code
from nearer.services.paging import keyset_page
from nearer.services.rhythm_time import zone_of
from nearer.storage.db import Database
from nearer.storage.models import (
    ProfessionalInvite,
    ProfessionalLink,
    ProfessionalProfile,
    SafetyScreen,
    SupportAudit,
    SupportGrant,
    SupportNote,
    utcnow,
)

INVITE_DAYS = 7
MAX_NAME = 120
MAX_PRACTICE = 200
MAX_NOTE = 1000
VIEW_WEEKS = 12  # what a professional's scores, patterns and report cover, up to today
_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"


@dataclass(frozen=True)
class ProfileView:
    name: str
    practice: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "practice": self.practice}


@dataclass(frozen=True)
class NoteView:
    id: int
    text: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "created_at": self.created_at.isoformat()}


@dataclass(frozen=True)
class DoorView:
    """One of the person's professionals, as the person sees it."""

    id: int
    name: str
    practice: str
    since: datetime
    ended_at: datetime | None
    sections: tuple[str, ...]
    entry_ids: tuple[int, ...]
    notes: tuple[NoteView, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "practice": self.practice,
            "since": self.since.isoformat(),
            "open": self.ended_at is None,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "sections": list(self.sections),
            "entry_ids": list(self.entry_ids),
            "notes": [n.to_dict() for n in self.notes],
        }


@dataclass(frozen=True)
class AuditView:
    professional: str
    section: str
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "professional": self.professional,
            "section": self.section,
            "at": self.at.isoformat(),
        }


@dataclass(frozen=True)
class ClientSummary:
    link_id: int
    email: str | None
    since: datetime
    sections: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "link_id": self.link_id,
            "email": self.email,
            "since": self.since.isoformat(),
            "sections": list(self.sections),
        }


@dataclass(frozen=True)
class ClientView:
    """What a professional sees of one client: exactly the granted sections, nothing else."""

    link_id: int
    email: str | None
    sections: tuple[str, ...]
    scores: tuple[reports.ScoreSeries, ...] = ()
    figures: tuple[Any, ...] = ()
    entries: tuple[reports.ReportEntry, ...] = ()
    screens: tuple[dict[str, Any], ...] = ()
    notes: tuple[NoteView, ...] = ()
    couple_sections: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "link_id": self.link_id,
            "email": self.email,
            "sections": list(self.sections),
            "couple_sections": list(self.couple_sections),
            "notes": [n.to_dict() for n in self.notes],
        }
        if "scores" in self.sections:
            data["scores"] = [s.to_dict() for s in self.scores]
        if "patterns" in self.sections:
            data["patterns"] = [
                {"id": f.id, "title": f.title, "summary": f.summary} for f in self.figures
            ]
        if "entries" in self.sections:
            data["entries"] = [e.to_dict() for e in self.entries]
        if "safety" in self.sections:
            data["safety"] = list(self.screens)
        return data


# --- the professional's own account ------------------------------------------------------------


def _clean(value: Any, name: str, limit: int) -> str:
    if not isinstance(value, str) or blank(value):  # nothing a client could read
        raise InvalidInput([Problem(name, "is required")])
    text = " ".join(value.split())
    if len(text) > limit:
        raise InvalidInput([Problem(name, f"must be at most {limit} characters")])
    if any(ord(ch) < 32 or "\ud800" <= ch <= "\udfff" for ch in text):
        raise InvalidInput([Problem(name, "contains characters that cannot be shown")])
    return text


def set_profile(db: Database, user_id: int, name: Any, practice: Any) -> ProfileView:
    """Make the account a professional one (or change its name and practice)."""
    problems: list[Problem] = []
    clean: dict[str, str] = {}
    for field_name, value, limit in (
        ("name", name, MAX_NAME),
        ("practice", practice, MAX_PRACTICE),
    ):
        try:
            clean[field_name] = _clean(value, field_name, limit)
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    with db.transaction() as session:
        require_user(session, user_id)
        profile = professional_profile(session, user_id)
        if profile is None:
            session.add(ProfessionalProfile(user_id=user_id, **clean))
        else:
            profile.name, profile.practice = clean["name"], clean["practice"]
    return ProfileView(clean["name"], clean["practice"])


def get_profile(db: Database, user_id: int) -> ProfileView | None:
    with db.transaction() as session:
        profile = professional_profile(session, user_id)
        return None if profile is None else ProfileView(profile.name, profile.practice)


# --- the person's side ---------------------------------------------------------------------------


def create_invite(db: Database, person_id: int) -> tuple[str, datetime]:
    """A one-time code the person gives to the professional they choose."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    code = f"{raw[:4]}-{raw[4:]}"
    expires = utcnow() + timedelta(days=INVITE_DAYS)
    with db.transaction() as session:
        require_user(session, person_id)
        session.add(ProfessionalInvite(code=code, person_id=person_id, expires_at=expires))
    return code, expires


def _note_aad(link_id: int, note_id: int) -> str:
    return f"support_notes|{link_id}|{note_id}"


def _notes(session: Session, link_id: int, reader_id: int) -> tuple[NoteView, ...]:
    """The notes, opened for the reader (sealed for the person and the professional alone)."""
    rows = session.scalars(
        select(SupportNote).where(SupportNote.link_id == link_id).order_by(SupportNote.id)
    ).all()
    return tuple(
        NoteView(
            n.id, vault.open_for(session, reader_id, n.text, _note_aad(link_id, n.id)), n.created_at
        )
        for n in rows
    )


def _door(session: Session, link: ProfessionalLink) -> DoorView:
    profile = professional_profile(session, link.professional_id)
    grants = grants_of(session, link)
    entry_grant = grants.get("entries")
    chosen = tuple(entry_grant.entry_ids) if entry_grant else ()
    still_here = own_entry_ids(session, link.person_id, chosen)  # a deleted entry drops out
    return DoorView(
        link.id,
        profile.name if profile else "(account deleted)",
        profile.practice if profile else "",
        link.created_at,
        link.ended_at,
        tuple(s for s in GRANT_SECTIONS if s in grants),
        tuple(i for i in chosen if i in still_here),
        _notes(session, link.id, link.person_id),
    )


def my_professionals(db: Database, person_id: int) -> list[DoorView]:
    """The person's professionals, open doors first, then ended ones (their notes stay readable)."""
    with db.transaction() as session:
        require_user(session, person_id)
        links = session.scalars(
            select(ProfessionalLink)
            .where(ProfessionalLink.person_id == person_id)
            .order_by(ProfessionalLink.ended_at.is_not(None), ProfessionalLink.id.desc())
        ).all()
        return [_door(session, link) for link in links]


def set_grants(
    db: Database, person_id: int, link_id: int, sections: Any, entry_ids: Any = None
) -> DoorView:
    """Replace what the professional may see with exactly `sections` (and the chosen entries).

    Takes effect at once. Each grant is bound to the couple the person is in now, so unlinking
    ends it and it never reaches a later partner's couple view.
    """
    chosen = reports.parse_sections(sections, GRANT_SECTIONS)
    ids = reports.parse_entry_ids(entry_ids, "entry_ids")
    with db.transaction() as session:
        link = person_link(session, person_id, link_id)
        if link.ended_at is not None:
            raise Conflict("Access for this professional has ended; invite them again to share.")
        mine = own_entry_ids(session, person_id, ids)
        wrong = [i for i in ids if i not in mine]
        if wrong:
            raise InvalidInput([Problem("entry_ids", f"entry {wrong[0]} is not one of yours")])
        if ids and "entries" not in chosen:
            raise InvalidInput([Problem("sections", "include 'entries' to share chosen entries")])
        couple = lock_couple(session, person_id)
        session.execute(delete(SupportGrant).where(SupportGrant.link_id == link.id))
        session.add_all(
            [
                SupportGrant(
                    link_id=link.id,
                    section=section,
                    couple_id=couple,
                    entry_ids=list(ids) if section == "entries" else [],
                )
                for section in chosen
            ]
        )
        session.flush()
        vault.regrant(session, link, bool(chosen))
        return _door(session, link)


def revoke(db: Database, person_id: int, link_id: int) -> None:
    """End the door at once: every grant goes; the notes stay with the person."""
    with db.transaction() as session:
        link = person_link(session, person_id, link_id)
        session.execute(delete(SupportGrant).where(SupportGrant.link_id == link.id))
        vault.end_grant_key(session, link.id)
        if link.ended_at is None:
            link.ended_at = utcnow()


def audit_log(db: Database, person_id: int) -> list[AuditView]:
    """Every read of the person's data by a professional, newest first."""
    with db.transaction() as session:
        rows = session.scalars(
            select(SupportAudit)
            .where(SupportAudit.person_id == person_id)
            .order_by(SupportAudit.at.desc(), SupportAudit.id.desc())
        ).all()
        return [AuditView(r.professional_name, r.section, r.at) for r in rows]


def audit_page(
    db: Database, person_id: int, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None
) -> Page[AuditView]:
    """One page of the audit log, newest first, and the cursor to older reads."""
    with db.transaction() as session:
        page = keyset_page(
            session,
            select(SupportAudit).where(SupportAudit.person_id == person_id),
            (SupportAudit.at, SupportAudit.id),
            limit=limit,
            cursor=cursor,
        )
        return Page(
            [AuditView(r.professional_name, r.section, r.at) for r in page.items], page.next
        )


# --- the professional's side -----------------------------------------------------------------


def redeem(db: Database, professional_id: int, code: Any) -> ClientSummary:
    """The professional enters a person's one-time code and the person's door opens, empty.

    Nothing is shared until the person grants it on their Support page.
    """
    wanted = normalise_code(code)
    try:
        with db.transaction() as session:
            require_professional(session, professional_id)
            invite = session.get(ProfessionalInvite, wanted)
            if invite is None or invite.expires_at <= utcnow():
                raise NotFound("invite code (it may have expired or been used)")
            person = invite.person_id
            if person == professional_id:
                raise Conflict("That is your own code; give it to the professional you choose.")
            if partner_id(session, person) == professional_id:
                raise Conflict("A partner cannot be the professional in this couple.")
            session.delete(invite)  # one time only, whatever happens next
            existing = session.scalar(
                select(ProfessionalLink).where(
                    ProfessionalLink.person_id == person,
                    ProfessionalLink.professional_id == professional_id,
                    ProfessionalLink.ended_at.is_(None),
                )
            )
            if existing is not None:
                raise Conflict("This person has already invited you.")
            link = ProfessionalLink(person_id=person, professional_id=professional_id)
            session.add(link)
            session.flush()
            email = require_user(session, person).email
            return ClientSummary(link.id, email, link.created_at, ())
    except IntegrityError:
        raise Conflict("That code was used at the same moment; ask for a new one.") from None


def clients_page(
    db: Database, professional_id: int, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None
) -> Page[ClientSummary]:
    """One page of the professional's current clients, the newest first, and the cursor to
    those who invited them earlier. Only a professional account has clients (404 otherwise)."""
    with db.transaction() as session:
        require_professional(session, professional_id)
        page = keyset_page(
            session,
            select(ProfessionalLink).where(
                ProfessionalLink.professional_id == professional_id,
                ProfessionalLink.ended_at.is_(None),
            ),
            (ProfessionalLink.created_at, ProfessionalLink.id),
            limit=limit,
            cursor=cursor,
        )
        found = [
            ClientSummary(
                link.id,
                require_user(session, link.person_id).email,
                link.created_at,
                tuple(s for s in GRANT_SECTIONS if s in grants_of(session, link)),
            )
            for link in page.items
        ]
        return Page(found, page.next)


def _audit(session: Session, link: ProfessionalLink, section: str) -> None:
    profile = require_professional(session, link.professional_id)
    session.add(
        SupportAudit(
            person_id=link.person_id,
            professional_id=link.professional_id,
            professional_name=profile.name,
            section=section,
        )
    )


def _window(today: date | None = None, zone: tzinfo = UTC) -> reports.ReportOptions:
    """The last VIEW_WEEKS weeks up to `today` (else today in `zone`, the reader's zone)."""
    end = today or utcnow().astimezone(zone).date()
    return reports.ReportOptions(end - timedelta(weeks=VIEW_WEEKS), end, ())


def _screens(session: Session, person_id: int) -> tuple[dict[str, Any], ...]:
    rows = session.scalars(
        select(SafetyScreen)
        .where(SafetyScreen.user_id == person_id)
        .order_by(SafetyScreen.taken_at, SafetyScreen.id)
    ).all()
    return tuple(
        {"taken_at": r.taken_at.isoformat(), "positive": r.positive, "answers": dict(r.answers)}
        for r in rows
    )


def _section_data(
    db: Database, professional_id: int, link_id: int, section: str
) -> tuple[Any, ...]:
    """One granted section of one client, read and written to their audit log together."""
    with db.transaction() as session:
        link, grant = require_grant(session, professional_id, link_id, section)
        _audit(session, link, section)
        person = link.person_id
        zone = zone_of(session, professional_id)  # dates as the professional reads them
        if section == "entries":
            return tuple(
                reports.entry_item(e, person, zone)
                for e in granted_entries(session, link, grant)
            )
        if section == "safety":
            return _screens(session, person)
    window = _window(zone=zone)
    if section == "scores":
        found: tuple[Any, ...] = tuple(
            reports.build(db, person, _with(window, "scores"), zone=zone).scores
        )
    elif section == "patterns":
        found = tuple(reports.build(db, person, _with(window, "patterns"), zone=zone).figures)
    else:
        raise NotFound("section")
    with db.transaction() as session:
        # Built over several reads: a revoke that landed meanwhile wins, and nothing is shown.
        require_grant(session, professional_id, link_id, section)
    return found


def _with(opts: reports.ReportOptions, *sections: str) -> reports.ReportOptions:
    return reports.ReportOptions(opts.start, opts.end, sections, opts.entry_ids)


def client_view(db: Database, professional_id: int, link_id: int) -> ClientView:
    """Every section the person granted, each read written to their audit log; nothing else."""
    with db.transaction() as session:
        link = professional_link(session, professional_id, link_id)
        granted = tuple(s for s in GRANT_SECTIONS if s in grants_of(session, link))
        email = require_user(session, link.person_id).email
        notes = _notes(session, link.id, professional_id)
        both = tuple(
            s
            for s in granted
            if s != "report" and couple_links(session, professional_id, link_id, s)
        )
    data = {s: _section_data(db, professional_id, link_id, s) for s in granted if s != "report"}
    return ClientView(
        link_id,
        email,
        granted,
        scores=data.get("scores", ()),
        figures=data.get("patterns", ()),
        entries=data.get("entries", ()),
        screens=data.get("safety", ()),
        notes=notes,
        couple_sections=both,
    )


def client_section(
    db: Database, professional_id: int, link_id: int, section: str
) -> tuple[Any, ...]:
    if section not in GRANT_SECTIONS or section == "report":
        raise NotFound("section")
    return _section_data(db, professional_id, link_id, section)


def couple_view(db: Database, professional_id: int, link_id: int) -> dict[str, Any]:
    """For each section BOTH partners granted this professional (in the couple they are in now),
    both sides; a section only one of them granted does not appear. Both reads are audited."""
    with db.transaction() as session:
        link = professional_link(session, professional_id, link_id)
        pairs = {
            s: pair
            for s in GRANT_SECTIONS
            if s != "report" and (pair := couple_links(session, professional_id, link_id, s))
        }
        if not pairs:
            raise NotFound("couple view (both partners must grant the same section)")
        partner_link_id = next(iter(pairs.values()))[1].id
        emails = {
            "client": require_user(session, link.person_id).email,
            "partner": require_user(session, next(iter(pairs.values()))[1].person_id).email,
        }
    sections = {
        s: {
            "client": _section_data(db, professional_id, mine.id, s),
            "partner": _section_data(db, professional_id, theirs.id, s),
        }
        for s, (mine, theirs) in pairs.items()
    }
    return {"link_id": link_id, "partner_link_id": partner_link_id, **emails, "sections": sections}


def client_report(
    db: Database, professional_id: int, link_id: int, today: date | None = None
) -> reports.Report:
    """The report over the last weeks: scores and patterns, plus the chosen entries only if the
    person also granted those. Never reflections, the perception gap or anything of a partner's."""
    with db.transaction() as session:
        link, _ = require_grant(session, professional_id, link_id, "report")
        grants = grants_of(session, link)
        _audit(session, link, "report")
        person = link.person_id
        zone = zone_of(session, professional_id)  # dates as the professional reads them
        ids = (
            tuple(e.id for e in granted_entries(session, link, grants["entries"]))
            if "entries" in grants
            else ()
        )
    sections = ("scores", "patterns", "entries") if "entries" in grants else ("scores", "patterns")
    window = _window(today, zone)
    opts = reports.ReportOptions(window.start, window.end, sections, ids)
    return reports.build(db, person, opts, for_professional=True, zone=zone)


def leave_note(db: Database, professional_id: int, link_id: int, text: Any) -> NoteView:
    """A short note for the person who opened the door; the only thing a professional can write."""
    clean = text.strip() if isinstance(text, str) else text
    if not isinstance(clean, str) or not clean:
        raise InvalidInput([Problem("text", "is required")])
    if len(clean) > MAX_NOTE:
        raise InvalidInput([Problem("text", f"must be at most {MAX_NOTE} characters")])
    if any("\ud800" <= ch <= "\udfff" or (ord(ch) < 32 and ch not in "\n\t") for ch in clean):
        raise InvalidInput([Problem("text", "contains characters that cannot be shown")])
    with db.transaction() as session:
        link = professional_link(session, professional_id, link_id)
        note = SupportNote(link_id=link.id, text="")
        session.add(note)
        session.flush()
        people = (link.person_id, link.professional_id)
        note.text = vault.seal_for_two(session, people, clean, _note_aad(link.id, note.id))
        return NoteView(note.id, clean, note.created_at)
