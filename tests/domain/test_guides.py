"""Guides library: size, front matter, related links that resolve, and safe HTML."""

from __future__ import annotations

import pytest

from nearer.domain.guides import (
    GuideError,
    all_guides,
    get_guide,
    parse_guide,
    related_guides,
    render_markdown,
    validate_guides,
)

REQUIRED_TOPICS = {
    "signs-of-emotional-unavailability",
    "traits-of-secure-attachment",
    "how-attachment-shapes-closeness",
    "gentle-start-up",
    "bids-for-connection",
    "patience-and-small-steps",
    "when-to-seek-a-counsellor",
    "safety-and-abuse",
}

GOOD = """---
id: alpha
title: Alpha
summary: First.
related: [beta]
sources: ["Someone (2000). A book."]
---
Hello **there**.
"""


def test_library_has_the_eight_required_guides() -> None:
    ids = {g.id for g in all_guides()}
    assert len(all_guides()) >= 8
    assert REQUIRED_TOPICS <= ids


def test_every_guide_is_300_to_600_words_with_sources_and_summary() -> None:
    for guide in all_guides():
        assert 300 <= guide.word_count <= 600, (guide.id, guide.word_count)
        assert guide.sources and all("(" in s for s in guide.sources)
        assert guide.summary and guide.title


def test_every_related_id_resolves_and_every_guide_links_onward() -> None:
    ids = {g.id for g in all_guides()}
    for guide in all_guides():
        assert guide.related, guide.id
        assert set(guide.related) <= ids - {guide.id}
        assert [g.id for g in related_guides(guide.id)] == list(guide.related)


def test_safety_guide_says_couples_work_is_not_a_remedy_for_abuse() -> None:
    body = get_guide("safety-and-abuse").body
    assert "Couples work is not a remedy for abuse" in body
    assert "safety-and-abuse" in get_guide("when-to-seek-a-counsellor").related


def test_unknown_guide_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        get_guide("nope")


def test_raw_html_and_script_links_are_not_rendered() -> None:
    html = render_markdown(
        '<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror="y">'
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<img" not in html


def test_guide_html_is_rendered_markdown() -> None:
    guide = parse_guide(GOOD.replace("related: [beta]", "related: []"), "alpha.md")
    assert guide.html == "<p>Hello <strong>there</strong>.</p>\n"
    assert get_guide("gentle-start-up").html.count("<li>") >= 4


def test_unresolved_related_id_is_reported_with_file_and_field() -> None:
    alpha = parse_guide(GOOD, "alpha.md")
    with pytest.raises(GuideError, match=r"alpha.md: related\[0\]: 'beta' is not a guide"):
        validate_guides([alpha])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "must start with front matter"),
        (GOOD.replace("title: Alpha\n", ""), "alpha.md: title: must be non-empty text"),
        (GOOD.replace("id: alpha", "id: gamma"), "alpha.md: id: 'gamma' must match"),
        (GOOD.replace('sources: ["Someone (2000). A book."]', "sources: []"), "sources"),
        (GOOD.replace("summary: First.", "summary: First.\nauthor: me"), "author: is not"),
    ],
)
def test_broken_front_matter_names_the_field(text: str, message: str) -> None:
    with pytest.raises(GuideError, match=message):
        parse_guide(text, "alpha.md")
