"""Reading text offline: one text layer (text.py) and the detectors that take its `Doc`.

- safety/: self-harm and violence language (rules, then the learned head);
- coach/: blame, criticism, contempt, defensiveness, stonewalling, dismissal and threats in a draft;
- emotions/: the emotion families of a text (lexicon plus prototype embeddings);
- embeddings.py and batching.py: the encoder, and the queue that lets concurrent callers share it.

The detectors' modules lived here before as flat files (`safety_semantic`, `coach_keys`,
`emotions_lexicon`, ...). Those names still import, as the very same module objects, so older
code and tests keep working; new code imports from the subpackages.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
from types import ModuleType

# Parallelism comes from the callers (one encoder thread per core, one request per thread), as
# for the ONNX session: numpy's OpenBLAS must not start threads of its own besides. With them, a
# 64-by-829 similarity product took 40-60 ms on a busy 2-core machine instead of 0.5 ms, its
# threads spinning against the encoder's. Read when numpy loads, so set before any analysis
# imports it; a value already in the environment is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

_MOVED = {
    **{f"safety_{name}": f"safety.{name}" for name in (
        "control", "everyday", "indirect", "model", "rules", "semantic", "signals", "violence")},
    **{f"coach_{name}": f"coach.{name}" for name in (
        "checks", "context", "feelings", "keys", "rewrite", "rules")},
    "emotions_lexicon": "emotions.lexicon",
}


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old flat name as the module it moved to (one object under both names)."""

    def find_spec(self, fullname: str, path: object = None, target: object = None
                  ) -> importlib.machinery.ModuleSpec | None:
        prefix, _, name = fullname.rpartition(".")
        if prefix != __name__ or name not in _MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(f"{__name__}.{_MOVED[spec.name.rpartition('.')[2]]}")

    def exec_module(self, module: ModuleType) -> None:
        """The module it moved to has already run."""


if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
    sys.meta_path.append(_MovedModules())
