"""Sealing written text at rest: which columns are sealed, under which key, and the ORM hooks.

A row's sealed fields are stored together as one AES-256-GCM envelope (`domain/crypto.py`) in
its first sealed column (e.g. `entries.text`), under the owner's data key, with
`table|uid|owner|row` as associated data, so an envelope copied to another row or person does
not open; the row's other sealed columns hold a constant that says nothing (NULL, '' or []).
One envelope per row keeps opening a page of entries to one decryption each. A row the partner may read (it names a couple) also carries
`shared_copy`: the fields the partner's pages show, sealed under that couple's key. Ending the
couple deletes the couple key and every copy; the owner's own envelopes stay theirs.

Sealing happens just before a flush and the plain values are put back on the objects right
after it, so services only ever see plain text. Opening happens as rows load. When the owner's
key is not in the keyring (the command line without a passphrase, or a row written before its
owner first logged in since encryption) the row is written plain and sealed at their next login.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Text, and_, cast, event, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified, set_committed_value

from nearer.domain import crypto
from nearer.domain.errors import Locked
from nearer.storage import keyring

LOCKED_TEXT = "(sealed: only its author can open this)"


@dataclass(frozen=True)
class Sealed:
    table: str
    owner: str
    fields: tuple[str, ...]
    partner_fields: tuple[str, ...]
    copy_for: Callable[[Any], int | None]  # the couple whose partner may read the row, if any
    locked: dict[str, Any] = field(default_factory=dict)  # what an unopened field reads as
    # For professionals the owner granted (entries only): what every copy holds (the labels
    # their patterns are drawn from), and what only the entries the owner chose add.
    granted: tuple[str, ...] = ()
    granted_if_chosen: tuple[str, ...] = ()
    # What the other sealed columns hold once the row's envelope (in the first) has them all.
    stored_blank: dict[str, Any] = field(default_factory=dict)

    def locked_value(self, name: str) -> Any:
        return self.locked.get(name, LOCKED_TEXT)


def _shared_entry(row: Any) -> int | None:
    return row.shared_couple_id if row.visibility == "shared" else None


def _couple_of(row: Any) -> int | None:
    return row.couple_id  # type: ignore[no-any-return]


def _shared_couple(row: Any) -> int | None:
    return row.shared_couple_id  # type: ignore[no-any-return]


# The models with sealed columns, by their names in nearer.storage.models: named, not imported,
# so that opening a database maps only the tables a command touches (see storage/models.py).
_SPECS: dict[str, Sealed] = {
    "Entry": Sealed(
        "entries",
        "owner_id",
        ("text", "emotions", "family", "safety_level", "safety_kinds"),
        ("text",),
        _shared_entry,
        {"emotions": None, "family": None, "safety_level": "none", "safety_kinds": []},
        stored_blank={"safety_level": "", "safety_kinds": []},
        granted=("family",),
        granted_if_chosen=("text", "emotions", "safety_level", "safety_kinds"),
    ),
    "GuideReflection": Sealed(
        "guide_reflections",
        "author_id",
        ("text", "safety_level", "safety_kinds"),
        ("text", "safety_level"),
        _couple_of,
        {"safety_level": "held", "safety_kinds": []},
        stored_blank={"safety_level": "", "safety_kinds": []},
    ),
    "CheckIn": Sealed("checkins", "user_id", ("note",), ("note",), _couple_of, {"note": None}),
    "Bid": Sealed("bids", "author_id", ("text",), ("text",), _shared_couple),
    "StepPick": Sealed("step_picks", "user_id", ("text",), ("text",), _shared_couple),
    "QuestionAnswer": Sealed("question_answers", "user_id", ("text",), ("text",), _couple_of),
    # A reply to a shared entry: its author's, and the partner's through the couple copy.
    "EntryReaction": Sealed("entry_reactions", "author_id", ("reply",), ("reply",), _couple_of,
                          {"reply": None}),
}
WATCHED = {"visibility", "shared_couple_id", "couple_id"}


def spec_of(model: type) -> Sealed | None:
    """How a mapped class's rows are sealed, or None when it has no sealed columns."""
    spec = _SPECS.get(model.__name__)
    return spec if spec is not None and getattr(model, "__tablename__", None) == spec.table else None


def spec_for(model: type) -> Sealed:
    """How a model with sealed columns seals them (KeyError for any other class)."""
    spec = spec_of(model)
    if spec is None:
        raise KeyError(model.__name__)
    return spec


def sealed_models() -> dict[type, Sealed]:
    """Every model with sealed columns, with its sealing (their tables are mapped on the way)."""
    from nearer.storage import models

    return {getattr(models, name): spec for name, spec in _SPECS.items()}


def _padded(value: Any) -> str:
    """JSON padded with spaces to a multiple of 32 bytes, so a short label's length (e.g. one
    emotion family against another) does not show through the ciphertext."""
    text = json.dumps(value)
    return text + " " * (-len(text.encode()) % 32)


def field_aad(spec: Sealed, uid: str, owner: int, name: str) -> bytes:
    """`name` is "row" for the row's one envelope, which holds every sealed field."""
    return f"{spec.table}|{uid}|{owner}|{name}".encode()


def copy_aad(spec: Sealed, uid: str, owner: int, couple: int) -> bytes:
    return f"{spec.table}|{uid}|{owner}|copy|{couple}".encode()


def can_open(row: Any) -> bool:
    """False when the row's sealed text could not be opened with the keys of this request."""
    return not inspect(row).info.get("nearer_locked")


def grant_aad(spec: Sealed, uid: str, owner: int, link: int) -> bytes:
    return f"{spec.table}|{uid}|{owner}|grant|{link}".encode()


def is_plain(row: Any) -> bool:
    """True when some field of the row is still stored in plain text."""
    return bool(inspect(row).info.get("nearer_plain"))


# --- opening, as rows load -----------------------------------------------------------------------


def _open(row: Any, *_: Any) -> None:
    spec = spec_of(type(row))
    if spec is None:
        return  # a table without sealed columns
    state = inspect(row)
    loaded = state.dict
    first = spec.fields[0]
    if first not in loaded:
        return  # not loaded in this query (a refresh of other columns)
    holder = loaded[first]
    state.info["nearer_plain"] = holder is not None and not crypto.is_sealed(holder)
    if not crypto.is_sealed(holder):
        return
    owner = loaded.get(spec.owner)
    uid = loaded.get("uid")
    ring = keyring.current()
    key = ring.get(keyring.person(owner)) if owner is not None else None
    try:
        if key is not None:
            opened = json.loads(crypto.open_text(key, holder, field_aad(spec, uid, owner, "row")))
            for name in spec.fields:
                set_committed_value(row, name, opened.get(name))
            state.info["nearer_locked"] = False
            return
        couple = spec.copy_for(row)
        shared = loaded.get("shared_copy")
        couple_key = ring.get(keyring.couple(couple)) if couple is not None else None
        partner_view: dict[str, Any] = {}
        if shared and couple is not None and couple_key is not None:
            partner_view = json.loads(
                crypto.open_text(couple_key, shared, copy_aad(spec, uid, owner, couple))
            )
        copies = loaded.get("grant_copies") or {}
        for link, grant_key, _chosen in ring.grants_of(owner) if owner is not None else []:
            if str(link) in copies:
                sealed = copies[str(link)]
                partner_view = json.loads(
                    crypto.open_text(grant_key, sealed, grant_aad(spec, uid, owner, link))
                )
    except (crypto.CannotOpen, ValueError, UnicodeDecodeError):
        raise Locked() from None
    for name in spec.fields:
        if name in partner_view:
            set_committed_value(row, name, partner_view[name])
        else:
            set_committed_value(row, name, spec.locked_value(name))
    state.info["nearer_locked"] = True


# --- sealing, as rows are written ------------------------------------------------------------------


def _changed(row: Any, spec: Sealed) -> bool:
    if inspect(row).info.pop("nearer_force", False):
        return True
    attrs = inspect(row).attrs
    names = [*spec.fields, *(n for n in WATCHED if n in attrs)]
    return any(attrs[name].history.has_changes() for name in names)


def _seal_row(row: Any, spec: Sealed, ring: keyring.Keyring) -> dict[str, Any] | None:
    """Put sealed values on `row`; the plain values to put back after the flush, or None if the
    row is written plain (its owner's or its couple's key is not here)."""
    if row.uid is None:
        row.uid = str(uuid.uuid4())
    owner = getattr(row, spec.owner)
    key = ring.get(keyring.person(owner))
    couple = spec.copy_for(row)
    couple_key = ring.get(keyring.couple(couple)) if couple is not None else None
    if key is None or (couple is not None and couple_key is None):
        row.shared_copy = None  # plain for now; sealed at the owner's next login
        return None
    # A field never set (a row made without analysis) seals as its empty value, e.g. no kinds.
    plain = {
        name: spec.locked.get(name) if getattr(row, name) is None else getattr(row, name)
        for name in spec.fields
    }
    # One envelope per row, in the first field; the others hold a constant that says nothing.
    aad = field_aad(spec, row.uid, owner, "row")
    setattr(row, spec.fields[0], crypto.seal_text(key, crypto.PERSON, _padded(plain), aad))
    for name in spec.fields[1:]:
        setattr(row, name, spec.stored_blank.get(name))
    if spec.granted:
        row.grant_copies = _grant_copies(row, spec, ring, owner, plain) or None
    if couple is not None and couple_key is not None:
        copy = {name: plain[name] for name in spec.partner_fields}
        row.shared_copy = crypto.seal_text(
            couple_key, crypto.COUPLE, _padded(copy), copy_aad(spec, row.uid, owner, couple)
        )
    else:
        row.shared_copy = None
    return plain


def insert_sealed(session: Session, model: type, values: dict[str, Any]) -> Any:
    """Insert one new row of a sealed model without the ORM's unit of work (the journal's write
    path, where the unit of work was a fifth of the request's time): sealed exactly as a flush
    seals it, then one Core INSERT on the transaction's connection. Returns the row as a plain
    object with the model's attribute names: its id, and the plain values services see."""
    row = SimpleNamespace(**values)
    row.id, row.shared_copy = None, None  # not written yet: no id, as for a new object at flush
    plain = _seal_row(row, spec_for(model), keyring.current())
    table = model.__table__  # type: ignore[attr-defined]
    stored = {name: value for name, value in vars(row).items()
              if name in table.c and not table.c[name].primary_key}
    key = session.connection().execute(table.insert(), stored).inserted_primary_key
    assert key is not None  # an INSERT of one row always names its key
    row.id = key[0]
    vars(row).update(plain or {})
    return row


def _grant_copies(
    row: Any, spec: Sealed, ring: keyring.Keyring, owner: int, plain: dict[str, Any]
) -> dict[str, str]:
    copies = {}
    for link, grant_key, chosen in ring.grants_of(owner):
        names = spec.granted
        if chosen is not None and row.id in chosen:
            names = (*names, *spec.granted_if_chosen)
        copy = {name: plain[name] for name in names}
        aad = grant_aad(spec, row.uid, owner, link)
        copies[str(link)] = crypto.seal_text(grant_key, crypto.GRANT, _padded(copy), aad)
    return copies


def _before_flush(session: Session, *_: Any) -> None:
    ring = keyring.current()
    restore: list[tuple[Any, dict[str, Any]]] = session.info.setdefault("nearer_restore", [])
    for row in [*session.new, *session.dirty]:
        spec = spec_of(type(row))
        if spec is None or (row not in session.new and not _changed(row, spec)):
            continue
        if inspect(row).info.get("nearer_locked"):
            raise Locked("Only its author can change this; nothing was saved.")
        plain = _seal_row(row, spec, ring)
        if plain is not None:
            restore.append((row, plain))


def _after_flush(session: Session, *_: Any) -> None:
    for row, plain in session.info.pop("nearer_restore", []):
        for name, value in plain.items():
            set_committed_value(row, name, value)
        inspect(row).info["nearer_plain"] = False


def _after_rollback(session: Session, *_: Any) -> None:
    _after_flush(session)


def reseal_all(session: Session, model: type, user_id: int) -> int:
    """Seal every row of `user_id` again with the keys here now (e.g. after a grant changed)."""
    spec = spec_for(model)
    if keyring.current().get(keyring.person(user_id)) is None:
        return 0
    rows: Sequence[Any] = session.scalars(
        select(model).where(getattr(model, spec.owner) == user_id)
    ).all()
    for row in rows:
        if can_open(row):
            inspect(row).info["nearer_force"] = True
            flag_modified(row, spec.fields[0])
    session.flush()
    return len(rows)


def seal_plain_rows(session: Session, user_id: int) -> int:
    """Seal every row of `user_id` that is still plain, with the keys in the keyring now."""
    if keyring.current().get(keyring.person(user_id)) is None:
        return 0
    count = 0
    for model, spec in sealed_models().items():
        rows: Sequence[Any] = session.scalars(
            select(model).where(getattr(model, spec.owner) == user_id)
        ).all()
        for row in rows:
            if is_plain(row) or (spec.copy_for(row) is not None and not row.shared_copy):
                inspect(row).info["nearer_force"] = True
                flag_modified(row, spec.fields[0])
                count += 1
    session.flush()
    return count


def plain_row_owners(session: Session) -> set[int]:
    """Everyone who still has a row with some text in plain (for `nearer admin encryption-status`)."""
    owners: set[int] = set()
    for model, spec in sealed_models().items():
        owner = getattr(model, spec.owner)
        holder = getattr(model, spec.fields[0])  # the row's envelope, once sealed
        plain = and_(holder.is_not(None), ~cast(holder, Text).like(f"{crypto.PREFIX}%"))
        owners.update(session.scalars(select(owner).where(plain).distinct()).all())
    return owners


def install() -> None:
    if event.contains(Session, "before_flush", _before_flush):
        return
    from nearer.storage.tables.base import Base

    # On the base, for every model, mapped now or later; _open passes over unsealed tables.
    event.listen(Base, "load", _open, propagate=True)
    event.listen(Base, "refresh", _open, propagate=True)
    event.listen(Session, "before_flush", _before_flush)
    event.listen(Session, "after_flush_postexec", _after_flush)
    event.listen(Session, "after_soft_rollback", _after_rollback)


install()
