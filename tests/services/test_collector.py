"""The collector is held off inside `collector_paused()` blocks and back on after the last one."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from nearer.services import accounts, journal
from nearer.services.collector import collector_paused
from nearer.services.self_awareness import my_patterns
from nearer.storage.db import Database


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_off_inside_and_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_an_error_in_the_block() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_nested_blocks_keep_it_off_until_the_outer_one_ends() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_blocks_in_two_threads() -> None:
    first_in, second_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        first_in.wait()
        with collector_paused():
            pass
        seen.append(gc.isenabled())  # the first block is still running
        second_done.set()

    thread = threading.Thread(target=other)
    thread.start()
    with collector_paused():
        first_in.set()
        second_done.wait(timeout=30)
    thread.join()
    assert seen == [False]
    assert gc.isenabled()


def test_patterns_read_leaves_the_collector_on(sqlite_db: Database) -> None:
    me = accounts.sign_up(sqlite_db, "ana@example.org", "long-enough-pw").id
    journal.write(sqlite_db, me, text="A quiet evening.", feelings=["calm"])
    assert my_patterns(sqlite_db, me, 104).entry_count == 1
    assert gc.isenabled()
