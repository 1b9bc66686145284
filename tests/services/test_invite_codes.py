"""Invite codes entered from the web (a partner's, or a person's for their professional) cannot
be guessed: wrong codes are counted per account and per address, like failed logins, on both
databases; codes that were found and codes of the wrong shape never count."""

from __future__ import annotations

import pytest

from nearer.domain.errors import Conflict, InvalidInput, NotFound, TooManyAttempts
from nearer.services import accounts, couples, invite_codes, professionals
from nearer.settings import Settings
from nearer.storage.db import Database

PW = "long-enough-pw"
WRONG = ["ZZZZ-ZZZ2", "ZZZZ-ZZZ3", "ZZZZ-ZZZ4", "ZZZZ-ZZZ5", "ZZZZ-ZZZ6", "ZZZZ-ZZZ7"]


@pytest.fixture
def settings() -> Settings:
    return Settings(
        secret_key="test-secret-key-0123456789",
        invite_code_attempts_per_account=3,
        invite_code_attempts_per_address=5,
        _env_file=None,  # type: ignore[call-arg]
    )


def _person(db: Database, name: str) -> int:
    return accounts.sign_up(db, f"{name}@example.org", PW).id


def test_wrong_partner_codes_are_limited_per_account(db: Database, settings: Settings) -> None:
    ana, ben = _person(db, "ana"), _person(db, "ben")
    code = couples.create_invite(db, ana)
    for wrong in WRONG[:3]:
        with pytest.raises(NotFound):
            invite_codes.join_couple(db, settings, ben, wrong, "1.1.1.1")
    with pytest.raises(TooManyAttempts) as slowed:  # even the right code is not looked up
        invite_codes.join_couple(db, settings, ben, code, "2.2.2.2")
    assert 14 * 60 < slowed.value.retry_after <= 15 * 60
    assert not couples.status(db, ben).linked
    cara = _person(db, "cara")  # someone else, from another address, is not held up
    assert invite_codes.join_couple(db, settings, cara, code, "3.3.3.3").linked


def test_wrong_codes_are_limited_per_address_across_accounts_and_kinds(
    db: Database, settings: Settings
) -> None:
    ana, ben = _person(db, "ana"), _person(db, "ben")
    pro = _person(db, "pro")
    professionals.set_profile(db, pro, "Dr Pro", "Clinic")
    for wrong in WRONG[:2]:
        with pytest.raises(NotFound):
            invite_codes.join_couple(db, settings, ana, wrong, "1.1.1.1")
    for wrong in WRONG[2:5]:  # a professional's codes and a partner's share the counts
        with pytest.raises(NotFound):
            invite_codes.join_as_professional(db, settings, pro, wrong, "1.1.1.1")
    with pytest.raises(TooManyAttempts):
        invite_codes.join_as_professional(db, settings, pro, WRONG[5], "2.2.2.2")
    with pytest.raises(TooManyAttempts):  # the address has had its 5
        invite_codes.join_couple(db, settings, ben, couples.create_invite(db, ana), "1.1.1.1")
    code, _ = professionals.create_invite(db, ben)
    with pytest.raises(TooManyAttempts):  # the professional's account has had its 3
        invite_codes.join_as_professional(db, settings, pro, code, "2.2.2.2")


def test_codes_that_were_found_and_malformed_codes_never_count(
    db: Database, settings: Settings
) -> None:
    ana = _person(db, "ana")
    own = couples.create_invite(db, ana)
    for _ in range(5):
        with pytest.raises(Conflict):
            invite_codes.join_couple(db, settings, ana, own, "1.1.1.1")
        with pytest.raises(InvalidInput) as refused:
            invite_codes.join_couple(db, settings, ana, "ABC-12", "1.1.1.1")
        assert [p.field for p in refused.value.problems] == ["code"]
    for wrong in WRONG[:3]:  # all three wrong codes are still allowed
        with pytest.raises(NotFound):
            invite_codes.join_couple(db, settings, ana, wrong, "1.1.1.1")
    with pytest.raises(TooManyAttempts):
        invite_codes.join_couple(db, settings, ana, WRONG[3], "1.1.1.1")


def test_a_right_code_gives_its_count_back(db: Database, settings: Settings) -> None:
    ana, pro = _person(db, "ana"), _person(db, "pro")
    professionals.set_profile(db, pro, "Dr Pro", "Clinic")
    code, _ = professionals.create_invite(db, ana)
    for wrong in WRONG[:2]:
        with pytest.raises(NotFound):
            invite_codes.join_as_professional(db, settings, pro, wrong, "1.1.1.1")
    opened = invite_codes.join_as_professional(db, settings, pro, code.lower(), "1.1.1.1")
    assert opened.email == "ana@example.org"
    with pytest.raises(NotFound):  # the third wrong code: the right one did not count
        invite_codes.join_as_professional(db, settings, pro, WRONG[2], "1.1.1.1")
    with pytest.raises(TooManyAttempts):
        invite_codes.join_as_professional(db, settings, pro, WRONG[3], "1.1.1.1")
