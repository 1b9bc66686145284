"""Each server worker gets its own encoder threads (the cores shared among the workers) and
sends its embeddings through the micro-batcher; a process that forks builds its own model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nearer.analysis import batching, embeddings
from nearer.web import serving


def test_encoder_threads_share_the_cores_among_the_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batching, "cores", lambda: 8)
    assert serving.encoder_threads(0, 1) == 8
    assert serving.encoder_threads(0, 4) == 2
    assert serving.encoder_threads(0, 16) == 1  # never none
    assert serving.encoder_threads(3, 4) == 3  # a configured number wins


def test_a_worker_app_embeds_through_the_batcher(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from nearer.settings import get_settings

    monkeypatch.setenv("NEARER_DATABASE_URL", f"sqlite:///{tmp_path / 'w.sqlite3'}")
    monkeypatch.setenv("NEARER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NEARER_EMBED_THREADS", "1")
    get_settings.cache_clear()
    try:
        subprocess.run([sys.executable, "-m", "nearer", "--db", str(tmp_path / "w.sqlite3"),
                        "journal", "list", "--json"], check=True, capture_output=True,
                       env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        from nearer.analysis import row_cache
        from nearer.analysis.safety import semantic

        row_cache.clear()  # rows an earlier test read would spare the warm-up its encoder calls
        semantic.clear_cache()
        serving.app_from_settings()
        batcher = embeddings._batcher[-1]
        assert batcher.threads == 1 and batcher.calls >= 1  # the warm-up read went through it
        before = batcher.calls
        embeddings.embed(["We talked after dinner."])
        assert batcher.calls == before + 1
    finally:
        embeddings.stop_batching()
        get_settings.cache_clear()


def test_a_forked_child_loads_its_own_model_and_ignores_the_parents_batcher() -> None:
    code = (
        "import os\n"
        "from nearer.analysis import embeddings\n"
        "embeddings.serve_batched(threads=1)\n"
        "embeddings.embed(['hello there'])\n"
        "parent = id(embeddings._sessions[os.getpid()][0])\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    rows = embeddings.embed(['hello there'])\n"
        "    own = embeddings._sessions[os.getpid()][0]\n"
        "    os._exit(0 if rows.shape == (1, 384) and id(own) != parent else 3)\n"
        "_, status = os.waitpid(pid, 0)\n"
        "print(os.waitstatus_to_exitcode(status))\n"
        "embeddings.stop_batching()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "0"
