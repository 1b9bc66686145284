"""SQLAlchemy tables: people, couples, sessions, entries and what later steps store.

Every table is named here (`from nearer.storage.models import Entry`), but each is defined in a
module of nearer.storage.tables by area (people, accounts, journal, practice, professional), and
a module is imported, so its tables mapped, only when one of its names is first asked for:
mapping and configuring all 34 tables took ~75 ms of CPU at every start of a command, and
`nearer journal add` needs only the people and journal areas (9 tables, ~25 ms). A module
imports the modules whose tables its foreign keys name. `Base` (and its MetaData, for
migrations and tests that create the schema) always comes with every table mapped. Sealing
(storage/sealing.py) listens on the base, so a table mapped late is sealed like the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from nearer.storage.tables.base import NAMING, UTCDateTime, utcnow

if TYPE_CHECKING:
    from nearer.storage.tables.accounts import (
        AuthSession,
        Invite,
        ThrottleBucket,
    )
    from nearer.storage.tables.base import Base
    from nearer.storage.tables.journal import (
        DayTotal,
        DayTotalsZone,
        Entry,
        EntryReaction,
    )
    from nearer.storage.tables.people import (
        AppSetting,
        Couple,
        CoupleKey,
        CoupleMember,
        User,
    )
    from nearer.storage.tables.practice import (
        Bid,
        BreakRequest,
        CheckIn,
        CoachTally,
        Consent,
        CustomInstrument,
        GuideRead,
        GuideReflection,
        InstrumentResponse,
        QuestionAnswer,
        QuestionnaireDraft,
        SafetyScreen,
        StepDay,
        StepPick,
    )
    from nearer.storage.tables.professional import (
        GrantKey,
        ProfessionalInvite,
        ProfessionalLink,
        ProfessionalProfile,
        SupportAudit,
        SupportGrant,
        SupportNote,
        SupportSetting,
    )

# Each table's area: the module of nearer.storage.tables that maps it.
_WHERE = {
    "User": "people",
    "Couple": "people",
    "CoupleMember": "people",
    "CoupleKey": "people",
    "AppSetting": "people",
    "Invite": "accounts",
    "AuthSession": "accounts",
    "ThrottleBucket": "accounts",
    "Entry": "journal",
    "DayTotal": "journal",
    "DayTotalsZone": "journal",
    "EntryReaction": "journal",
    "SafetyScreen": "practice",
    "InstrumentResponse": "practice",
    "CustomInstrument": "practice",
    "Consent": "practice",
    "GuideRead": "practice",
    "GuideReflection": "practice",
    "CoachTally": "practice",
    "CheckIn": "practice",
    "Bid": "practice",
    "StepPick": "practice",
    "StepDay": "practice",
    "BreakRequest": "practice",
    "QuestionAnswer": "practice",
    "QuestionnaireDraft": "practice",
    "ProfessionalProfile": "professional",
    "ProfessionalInvite": "professional",
    "ProfessionalLink": "professional",
    "SupportGrant": "professional",
    "GrantKey": "professional",
    "SupportNote": "professional",
    "SupportAudit": "professional",
    "SupportSetting": "professional",
}
AREAS = tuple(dict.fromkeys(_WHERE.values()))
__all__ = [
    "NAMING",
    "UTCDateTime",
    "utcnow",
    "Base",
    "load_all",
    "AppSetting",
    "AuthSession",
    "Bid",
    "BreakRequest",
    "CheckIn",
    "CoachTally",
    "Consent",
    "Couple",
    "CoupleKey",
    "CoupleMember",
    "CustomInstrument",
    "DayTotal",
    "DayTotalsZone",
    "Entry",
    "EntryReaction",
    "GrantKey",
    "GuideRead",
    "GuideReflection",
    "InstrumentResponse",
    "Invite",
    "ProfessionalInvite",
    "ProfessionalLink",
    "ProfessionalProfile",
    "QuestionAnswer",
    "QuestionnaireDraft",
    "SafetyScreen",
    "StepDay",
    "StepPick",
    "SupportAudit",
    "SupportGrant",
    "SupportNote",
    "SupportSetting",
    "ThrottleBucket",
    "User",
]


def load_all() -> None:
    """Map every table (what the schema as a whole needs: migrations, create_all, a server)."""
    for area in AREAS:
        importlib.import_module(f"nearer.storage.tables.{area}")


def __getattr__(name: str) -> Any:
    if name == "Base":
        load_all()
        from nearer.storage.tables.base import Base

        return Base
    area = _WHERE.get(name)
    if area is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"nearer.storage.tables.{area}"), name)


def __dir__() -> list[str]:
    return sorted(__all__)
