"""A short, human label for a login's device ("Firefox on Linux"), from its User-Agent."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

UNKNOWN = "Unknown device"
MAX_LABEL = 64


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    text = (resources.files("nearer.content") / "devices.yaml").read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    browsers = tuple((str(m), str(n)) for m, n in loaded["browsers"])
    systems = tuple((str(m), str(n)) for m, n in loaded["systems"])
    return browsers, systems


def _first(agent: str, markers: tuple[tuple[str, str], ...]) -> str | None:
    return next((name for marker, name in markers if marker in agent), None)


def device_label(user_agent: str | None) -> str:
    """E.g. "Firefox on Linux", "Safari on iPhone", "Android", or "Unknown device"."""
    agent = (user_agent or "")[:512]
    browsers, systems = _markers()
    browser, system = _first(agent, browsers), _first(agent, systems)
    if browser and system:
        label = f"{browser} on {system}"
    else:
        label = browser or system or UNKNOWN
    return label[:MAX_LABEL]
