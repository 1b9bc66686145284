"""The app's navigation around the path: sections of pages, and which page a path belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class NavPage:
    label: str
    href: str
    match: tuple[str, ...] = ()

    def owns(self, path: str) -> bool:
        """Whether `path` is this page, or a page under it (one entry of the journal)."""
        if path == self.href or (self.href != "/" and path == self.href + "/"):
            return True
        return any(path.startswith(prefix) for prefix in self.match)


@dataclass(frozen=True)
class NavSection:
    id: str
    label: str
    pages: tuple[NavPage, ...]


@dataclass(frozen=True)
class Navigation:
    today: NavPage
    sections: tuple[NavSection, ...]
    account: tuple[NavPage, ...]

    def all_pages(self) -> tuple[NavPage, ...]:
        pages = [self.today, *self.account]
        for section in self.sections:
            pages.extend(section.pages)
        return tuple(pages)


@dataclass(frozen=True)
class Where:
    """Where a path sits in the navigation: its page and section, when it has them."""

    page: NavPage | None
    section: NavSection | None


def _page(raw: dict[str, Any]) -> NavPage:
    return NavPage(str(raw["label"]), str(raw["href"]), tuple(str(m) for m in raw.get("match", ())))


@lru_cache(maxsize=1)
def navigation() -> Navigation:
    text = (resources.files("nearer.content") / "navigation.yaml").read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    sections = tuple(
        NavSection(str(s["id"]), str(s["label"]), tuple(_page(p) for p in s["pages"]))
        for s in loaded["sections"]
    )
    return Navigation(_page(loaded["today"]), sections, tuple(_page(p) for p in loaded["account"]))


def where(path: str) -> Where:
    """The page and section `path` belongs to (both None for pages outside the menu)."""
    nav = navigation()
    for section in nav.sections:
        for page in section.pages:
            if page.owns(path):
                return Where(page, section)
    for page in (nav.today, *nav.account):
        if page.owns(path):
            return Where(page, None)
    return Where(None, None)
