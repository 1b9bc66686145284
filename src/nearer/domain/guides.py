"""The guides library: Markdown guides with front matter, validated, rendered to safe HTML.

A guide file is `<id>.md` holding YAML front matter between `---` lines (id, title, summary,
related: [ids], sources: [citations], optional order) followed by a Markdown body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from markdown_it import MarkdownIt


class GuideError(ValueError):
    """A guide file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Guide:
    id: str
    title: str
    summary: str
    related: tuple[str, ...]
    sources: tuple[str, ...]
    body: str  # Markdown
    html: str  # the body rendered with raw HTML disabled
    order: int = 0

    @property
    def word_count(self) -> int:
        return len(re.findall(r"[A-Za-z0-9'’-]+", self.body))

    def to_dict(self, *, with_body: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "related": list(self.related),
            "sources": list(self.sources),
        }
        if with_body:
            data["html"] = self.html
        return data


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.DOTALL)
_KEYS = {"id", "title", "summary", "related", "sources", "order"}


@cache
def _markdown() -> MarkdownIt:
    # Raw HTML off: a guide (or a user's reflection rendered the same way) cannot inject markup.
    return MarkdownIt("commonmark", {"html": False})


def render_markdown(text: str) -> str:
    """Markdown to HTML with raw HTML escaped and unsafe link schemes (javascript: …) refused."""
    html: str = _markdown().render(text)
    return html


def parse_guide(text: str, name: str) -> Guide:
    """Parse one guide file; `name` is the file name used in errors and must be `<id>.md`."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise GuideError(f"{name}: (file): must start with front matter between '---' lines")
    try:
        meta: Any = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise GuideError(f"{name}: front matter: is not valid YAML: {exc}") from exc
    if not isinstance(meta, Mapping):
        raise GuideError(f"{name}: front matter: must be a mapping")
    for key in meta:
        if key not in _KEYS:
            raise GuideError(f"{name}: {key}: is not a known field")
    guide_id = _text(meta, "id", name)
    if name.endswith(".md") and name[:-3] != guide_id:
        raise GuideError(f"{name}: id: {guide_id!r} must match the file name")
    order = meta.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        raise GuideError(f"{name}: order: must be a whole number")
    body = match.group(2).strip()
    if not body:
        raise GuideError(f"{name}: (body): must not be empty")
    return Guide(
        id=guide_id,
        title=_text(meta, "title", name),
        summary=_text(meta, "summary", name),
        related=_texts(meta, "related", name, allow_empty=True),
        sources=_texts(meta, "sources", name, allow_empty=False),
        body=body,
        html=render_markdown(body),
        order=order,
    )


def _text(meta: Mapping[str, Any], key: str, name: str) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GuideError(f"{name}: {key}: must be non-empty text")
    return value.strip()


def _texts(meta: Mapping[str, Any], key: str, name: str, *, allow_empty: bool) -> tuple[str, ...]:
    value = meta.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GuideError(f"{name}: {key}: must be a list of text")
    if not value and not allow_empty:
        raise GuideError(f"{name}: {key}: must list at least one entry")
    return tuple(v.strip() for v in value)


def validate_guides(guides: Iterable[Guide]) -> None:
    """Raise GuideError on duplicate ids or a `related` id that does not resolve."""
    seen: dict[str, Guide] = {}
    for guide in guides:
        if guide.id in seen:
            raise GuideError(f"{guide.id}.md: id: {guide.id!r} is used twice")
        seen[guide.id] = guide
    for guide in seen.values():
        for i, other in enumerate(guide.related):
            if other == guide.id:
                raise GuideError(f"{guide.id}.md: related[{i}]: a guide cannot relate to itself")
            if other not in seen:
                raise GuideError(f"{guide.id}.md: related[{i}]: {other!r} is not a guide")


@cache
def _library() -> tuple[Guide, ...]:
    folder = resources.files("nearer.content").joinpath("guides")
    guides = [
        parse_guide(entry.read_text(encoding="utf-8"), entry.name)
        for entry in folder.iterdir()
        if entry.name.endswith(".md")
    ]
    validate_guides(guides)
    return tuple(sorted(guides, key=lambda g: (g.order, g.id)))


def all_guides() -> tuple[Guide, ...]:
    """Every built-in guide, in reading order."""
    return _library()


def get_guide(guide_id: str) -> Guide:
    """The guide with this id; KeyError if there is none."""
    for guide in _library():
        if guide.id == guide_id:
            return guide
    raise KeyError(guide_id)


def related_guides(guide_id: str) -> tuple[Guide, ...]:
    """The guides to offer under "Learn more about …", in the order the guide lists them."""
    return tuple(get_guide(other) for other in get_guide(guide_id).related)
