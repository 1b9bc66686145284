"""The menu around the path: every page belongs to one section, and paths find their page."""

from __future__ import annotations

from nearer.domain.navigation import navigation, where


def test_the_path_has_five_sections_in_order() -> None:
    labels = [s.label for s in navigation().sections]
    assert labels == ["Understand", "Feel", "Talk", "Together", "Support"]


def test_each_page_is_in_the_menu_once() -> None:
    hrefs = [p.href for p in navigation().all_pages()]
    assert len(hrefs) == len(set(hrefs))


def test_a_page_under_a_menu_page_belongs_to_it() -> None:
    entry = where("/journal/15")
    assert entry.page is not None and entry.page.href == "/journal"
    assert entry.section is not None and entry.section.label == "Feel"
    assert where("/instruments/signs").page.href == "/instruments"  # type: ignore[union-attr]
    assert where("/clients/3/couple").section.label == "Support"  # type: ignore[union-attr]


def test_today_and_account_have_no_section_and_unknown_paths_have_nothing() -> None:
    today = where("/")
    assert today.page == navigation().today and today.section is None
    assert where("/account/security").page.href == "/account"  # type: ignore[union-attr]
    assert where("/no-such-page") == where("/welcome")
    assert where("/welcome").page is None


def test_the_private_check_is_named_neutrally() -> None:
    labels = {p.href: p.label for p in navigation().all_pages()}
    assert labels["/safety-check"] == "Check-in on you"
    assert not any("safety" in label.lower() for label in labels.values())


def test_journal_does_not_own_a_path_that_only_starts_like_it() -> None:
    assert where("/journalling").page is None
