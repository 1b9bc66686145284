"""Keyset pagination in SQL: one page of a query, and the cursor to the page after it.

Each list sorts by a key that is unique (a time and then the id), so a cursor names one exact
place: walking page after page returns every row once, in order, even when many rows share a
time, and rows written meanwhile never shift what comes next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, literal, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.types import TypeDecorator

from nearer.domain.paging import DEFAULT_LIMIT, Page, check_limit, decode_cursor, encode_cursor


def _kind(column: InstrumentedAttribute[Any]) -> type:
    stored = column.type
    if isinstance(stored, TypeDecorator):
        stored = stored.impl_instance
    kind: type = stored.python_type
    return kind


def _after(
    keys: Sequence[InstrumentedAttribute[Any]], values: tuple[Any, ...], newest_first: bool
) -> ColumnElement[bool]:
    """Rows strictly past `values` in the list's order: one row-value comparison, which both
    SQLite and PostgreSQL answer by seeking in the list's index."""
    here, there = (
        tuple_(*keys),
        tuple_(*(literal(v, type_=k.type) for k, v in zip(keys, values, strict=True))),
    )
    return here < there if newest_first else here > there


def keyset_page(
    session: Session,
    query: Select[Any],
    keys: Sequence[InstrumentedAttribute[Any]],
    *,
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
    newest_first: bool = True,
    scalars: bool = True,
) -> Page[Any]:
    """At most `limit` rows of `query` after `cursor`, ordered by `keys`, and the next cursor."""
    check_limit(limit)
    if cursor is not None:
        kinds = tuple(_kind(column) for column in keys)
        query = query.where(_after(keys, decode_cursor(cursor, kinds), newest_first))
    order = [column.desc() if newest_first else column.asc() for column in keys]
    query = query.order_by(*order).limit(limit + 1)
    rows = list(session.scalars(query) if scalars else session.execute(query))
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    return Page(rows[:limit], encode_cursor(tuple(getattr(last, c.key) for c in keys)))
