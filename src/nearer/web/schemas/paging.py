"""The page envelope every growing list answers with, and the query options that choose a page."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Request, Response
from pydantic import Field

from nearer.domain.paging import CURSOR_PATTERN, DEFAULT_LIMIT, MAX_CURSOR, MAX_LIMIT, Page
from nearer.web.schemas.common import Public, errors

Item = TypeVar("Item")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1 .. {MAX_LIMIT}.")]
Cursor = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=MAX_CURSOR,
        pattern=CURSOR_PATTERN,
        description="The `next` of the page before; leave out for the newest page.",
    ),
]
LIMIT_DEFAULT = DEFAULT_LIMIT
# A page's `?cursor=`: only its length is checked here, so a broken one reaches the service and
# is answered with the page's own message (a link from an old page should not be a bare 422).
PageCursor = Annotated[str | None, Query(max_length=MAX_CURSOR)]


class Paged(Public, Generic[Item]):
    """One page, in the list's order (newest first unless it says otherwise). `next` is an opaque cursor: pass it back as `?cursor=` for the
    page after this one (also sent as `Link: <…>; rel="next"`); null on the last page."""

    items: list[Item]
    next: str | None = Field(description="Cursor to the next page; null when this is the last.")


def paged_errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a paged list: its errors, and the Link header on a 200."""
    link = {
        "description": 'The next page, as `<url>; rel="next"` (absent on the last page).',
        "schema": {"type": "string"},
    }
    return {200: {"headers": {"Link": link}}, **errors(*sorted({*codes, 422}))}


def link_next(request: Request, response: Response, page: Page[Any]) -> None:
    """Point to the next page in a `Link` header, keeping every other query option."""
    if page.next is None:
        return
    url = request.url.include_query_params(cursor=page.next)
    response.headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
