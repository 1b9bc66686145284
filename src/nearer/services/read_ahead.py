"""One text read in a process of its own while this one opens the database: `nearer journal add`.

The command reads the entry (the model: numpy, ONNX Runtime, the tokenizer; the rules) and
writes it (SQLAlchemy, the database). In one process the two cannot run side by side: both are
mostly Python imports, and only one thread runs Python at a time. So the command forks at its
start, before it has imported anything heavy, opened a file or started a thread: the child
reads the text with the same code (services/text_checks.read_text) and sends the reading back
through a pipe, on the other core, while the parent imports SQLAlchemy and opens the database.

`start(text)` forks where that is safe (Linux, and only while the process has one thread); it
returns False elsewhere, and the caller loads the model on a thread as before. `take(text)` is
the reading for exactly that text, or None when none was started for it or the child did not
finish (the caller then reads the text itself, and meets any error there, as before). A child
whose reading is never taken is stopped when the process ends.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nearer.services.text_checks import TextReading

_CHUNK = 1 << 16
_pending: dict[str, tuple[int, int]] = {}  # text -> (child's process id, read end of the pipe)


def can_fork() -> bool:
    """Whether forking here is safe: Linux, and no other thread that could hold a lock."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def start(text: str) -> bool:
    """Start reading `text` in a child process; False when it is not started (see can_fork)."""
    if text in _pending:
        return True
    if not text.strip() or not can_fork():
        return False
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send, and leave without running the parent's exit work
        os.close(read_end)
        os._exit(_child(text, write_end))
    os.close(write_end)
    if not _pending:
        atexit.register(_abandon)
    _pending[text] = (pid, read_end)
    return True


def _child(text: str, write_end: int) -> int:
    try:
        import pickle

        from nearer.analysis.embeddings import load_soon

        # The ONNX session builds (without the GIL) while the rules load and the tokenizer is
        # made here: the session's chain (numpy, ONNX Runtime, the build) is the longest.
        load_soon(tokenizer=False)
        from nearer.services.text_checks import read_text

        data = pickle.dumps(read_text(text), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
        return 0
    except BaseException:  # noqa: BLE001 - the parent reads the text itself and meets the error
        return 1


def pending(text: str) -> bool:
    """Whether a child is reading exactly this text."""
    return text in _pending


def take(text: str) -> TextReading | None:
    """The child's reading of `text` (waiting for it), or None when there is none to take."""
    found = _pending.pop(text, None)
    if found is None:
        return None
    pid, read_end = found
    # What the reading is made of, imported while the child may still be at work (unpickling
    # would import it after the wait).
    import nearer.analysis.safety.detector  # noqa: F401
    import nearer.services.text_checks  # noqa: F401

    parts: list[bytes] = []
    try:
        while chunk := os.read(read_end, _CHUNK):
            parts.append(chunk)
    finally:
        os.close(read_end)
        status = _wait(pid)
    if status != 0:
        return None
    import pickle

    reading: TextReading = pickle.loads(b"".join(parts))  # from our own child, over our pipe
    return reading


def _wait(pid: int) -> int | None:
    """The child's exit code, once it has ended (None when it was killed or is not ours)."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return None
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else None


def _abandon() -> None:
    """Stop the children whose readings were never taken (the command ended before its write)."""
    while _pending:
        _, (pid, read_end) = _pending.popitem()
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            continue
        _wait(pid)
