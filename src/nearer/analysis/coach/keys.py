"""The key walker moved to `nearer.analysis.keys` (safety and coach rules both use it now)."""

from __future__ import annotations

from nearer.analysis.keys import Anchor, Keys, anchor_for, required_keys

__all__ = ["Anchor", "Keys", "anchor_for", "required_keys"]
