"""The keys one request may use, held in memory for that request only.

Web requests get a fresh keyring (see `web/keyring_scope.py`) that is wiped when the answer has
been sent; the command line and tests use the process keyring. Key names: `p:<user id>` for a
person's data key, `c:<couple id>` for a couple key, `g:<link id>` for a grant key.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class Keyring:
    def __init__(self) -> None:
        self._keys: dict[str, bytes] = {}
        # link id -> (the person who granted, the entry ids they chose, or None on the
        # professional's side where only the person matters)
        self._grants: dict[int, tuple[int, frozenset[int] | None]] = {}

    def put_grant(
        self, link_id: int, person_id: int, key: bytes, chosen: frozenset[int] | None = None
    ) -> None:
        self._keys[grant(link_id)] = key
        self._grants[link_id] = (person_id, chosen)

    def grants_of(self, person_id: int) -> list[tuple[int, bytes, frozenset[int] | None]]:
        """(link id, key, chosen entry ids) of every grant key here for `person_id`'s data."""
        return [
            (link, self._keys[grant(link)], chosen)
            for link, (person, chosen) in sorted(self._grants.items())
            if person == person_id and grant(link) in self._keys
        ]

    def put(self, name: str, key: bytes) -> None:
        self._keys[name] = key

    def get(self, name: str) -> bytes | None:
        return self._keys.get(name)

    def drop(self, name: str) -> None:
        self._keys.pop(name, None)

    def clear(self) -> None:
        self._keys.clear()
        self._grants.clear()

    def names(self) -> list[str]:
        return sorted(self._keys)


_CURRENT: ContextVar[Keyring | None] = ContextVar("nearer_keyring", default=None)
_PROCESS = Keyring()


def current() -> Keyring:
    return _CURRENT.get() or _PROCESS


def person(user_id: int) -> str:
    return f"p:{user_id}"


def couple(couple_id: int) -> str:
    return f"c:{couple_id}"


def grant(link_id: int) -> str:
    return f"g:{link_id}"


@contextmanager
def scoped() -> Iterator[Keyring]:
    """A keyring of its own for the duration of the block, wiped afterwards."""
    ring = Keyring()
    token = _CURRENT.set(ring)
    try:
        yield ring
    finally:
        ring.clear()
        _CURRENT.reset(token)


def forget_process_keys() -> None:
    """Drop every key the process keyring holds (e.g. after the demo was written)."""
    _PROCESS.clear()
