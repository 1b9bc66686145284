"""The text read in a child process (services/read_ahead.py) while the command opens the database.

Each case runs in a fresh interpreter: forking is only done while a process has one thread, and
a test process has others (the encoder's pools); a fresh one also shows what the parent imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import SRC, run_fresh

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the read-ahead forks on Linux only")


def test_the_childs_reading_is_the_one_read_here() -> None:
    found = run_fresh("""
from nearer.services import read_ahead, text_checks
text = "He shouted and I felt scared to go home"
out["started"] = read_ahead.start(text)
out["pending"] = read_ahead.pending(text)
ahead = read_ahead.take(text)
out["model_here"] = "onnxruntime" in sys.modules  # the child read it, not this process
out["same"] = ahead == text_checks.read_many([text])[0]
out["kinds"] = list(ahead.safety.kinds)
out["family"] = ahead.family
out["left"] = read_ahead.pending(text)
""")
    assert found["started"] and found["pending"] and not found["left"]
    assert found["model_here"] is False
    assert found["same"] is True
    assert "violence" in found["kinds"]  # type: ignore[operator]
    assert found["family"] == "fear"


def test_a_child_that_fails_leaves_the_reading_to_this_process() -> None:
    found = run_fresh("""
from nearer.services import read_ahead, text_checks
real = text_checks.read_many
def broken(*args, **kwargs):
    raise RuntimeError("no model here")
text_checks.read_many = broken  # what the child will run
out["started"] = read_ahead.start("We walked after dinner")
text_checks.read_many = real
out["taken"] = read_ahead.take("We walked after dinner") is None
reading = text_checks.read_text("We walked after dinner")  # read here instead
out["level"] = reading.safety.level
""")
    assert found == {"started": True, "taken": True, "level": "none"}


def test_only_the_same_text_takes_the_childs_reading() -> None:
    found = run_fresh("""
from nearer.services import read_ahead
out["started"] = read_ahead.start("We walked after dinner")
out["other"] = read_ahead.take("We walked after lunch")
out["still"] = read_ahead.pending("We walked after dinner")
out["same"] = read_ahead.take("We walked after dinner") is not None
""")
    assert found == {"started": True, "other": None, "still": True, "same": True}


def test_no_fork_while_another_thread_runs_nor_for_empty_text() -> None:
    found = run_fresh("""
import threading
from nearer.services import read_ahead
out["empty"] = read_ahead.start("   ")
stop = threading.Event()
other = threading.Thread(target=stop.wait)
other.start()
out["threaded"] = read_ahead.start("We walked after dinner")
stop.set(); other.join()
out["pending"] = read_ahead.pending("We walked after dinner")
""")
    assert found == {"empty": False, "threaded": False, "pending": False}


def test_a_reading_never_taken_is_stopped_and_its_process_reaped() -> None:
    found = run_fresh("""
from nearer.services import read_ahead
read_ahead.start("We walked after dinner")
(pid, _), = read_ahead._pending.values()
read_ahead._abandon()
out["pending"] = read_ahead.pending("We walked after dinner")
try:
    os.waitpid(pid, os.WNOHANG)
    out["reaped"] = False
except ChildProcessError:
    out["reaped"] = True
""")
    assert found == {"pending": False, "reaped": True}


@pytest.fixture
def db_file(tmp_path: Path, sqlite_template: Path) -> str:
    target = tmp_path / "nearer.sqlite3"
    target.write_bytes(sqlite_template.read_bytes())
    return str(target)


def test_journal_add_reads_in_a_child_and_never_loads_the_model_itself(db_file: str) -> None:
    # Reported from an exit handler: the command ends the process itself (cli/quick.leave) after
    # running them; run_fresh checks the exit code.
    found = run_fresh(f"""
import atexit, runpy

def report():
    # Nor what only a key, a feeling word or a flagged text needs (the help lines are YAML).
    out["model"] = sorted(m for m in ("onnxruntime", "numpy", "tokenizers", "yaml", "cryptography",
                                      "argon2") if m in sys.modules)
    print(json.dumps(out), flush=True)

atexit.register(report)
sys.argv = ["nearer", "--db", {db_file!r}, "journal", "add",
            "He shouted and I felt scared to go home", "--json"]
runpy.run_module("nearer", run_name="__main__")
""")
    assert found == {"model": []}
    listed = subprocess.run(
        [sys.executable, "-m", "nearer", "--db", db_file, "journal", "list", "--json"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")},
    )
    entry = json.loads(listed.stdout)[0]
    assert entry["text"] == "He shouted and I felt scared to go home"
    assert "violence" in entry["safety"]["kinds"] and entry["family"] == "fear"
