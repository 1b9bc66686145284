"""A YAML loader for text a stranger wrote: bounded in size, depth and node count, with no aliases.

PyYAML's `safe_load` already refuses Python objects, but it lets aliases multiply (a few hundred
bytes can stand for millions of nodes, which any later walk or dump expands) and composes nested collections recursively (a few thousand
`[` end in a RecursionError). This loader composes the node graph itself, one node at a time,
and stops at the first limit it meets, before any work proportional to the expansion is done.

Anchors and aliases stay allowed (the built-in files use them to share bands), but there may be
few of them, and every alias counts towards the node and character limits as if expanded.

Errors are `YamlRefused` with a short message that names a line and never quotes the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent, ScalarEvent
from yaml.nodes import Node


@dataclass(frozen=True)
class YamlLimits:
    max_bytes: int = 200 * 1024
    max_depth: int = 32
    max_aliases: int = 100
    max_nodes: int = 50_000  # counted as expanded: an alias counts everything it stands for
    max_chars: int = 1_000_000  # scalar characters, counted as expanded


DEFAULT_LIMITS = YamlLimits()


class YamlRefused(ValueError):
    """YAML that is not read; `reason` is short and safe to show, `line` (1-based) if known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line else reason)


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader whose composer counts depth, aliases, and nodes and characters as expanded.

    Each anchored node remembers how many nodes and characters it holds (its own aliases
    included), so an alias adds that weight without being walked: a "billion laughs" is refused
    after a few hundred bytes of work.
    """

    limits: YamlLimits = DEFAULT_LIMITS

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._nodes = 0
        self._chars = 0
        self._weights: dict[str, tuple[int, int]] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, AliasEvent):
            self._aliases += 1
            if self._aliases > self.limits.max_aliases:
                raise YamlRefused(
                    f"has more than {self.limits.max_aliases} aliases, the limit", line
                )
            nodes, chars = self._weights.get(str(event.anchor), (1, 0))
            self._count(nodes, chars, line)
            return super().compose_node(parent, index)
        before = (self._nodes, self._chars)
        self._count(1, len(event.value) if isinstance(event, ScalarEvent) else 0, line)
        nested = isinstance(event, CollectionStartEvent)
        if nested:
            self._depth += 1
            if self._depth > self.limits.max_depth:
                depth = self.limits.max_depth
                raise YamlRefused(f"nests deeper than {depth} levels, the limit", line)
        try:
            node = super().compose_node(parent, index)
        finally:
            if nested:
                self._depth -= 1
        anchor = event.anchor if isinstance(event, NodeEvent) else None
        if anchor is not None:
            self._weights[str(anchor)] = (self._nodes - before[0], self._chars - before[1])
        return node

    def _count(self, nodes: int, chars: int, line: int | None) -> None:
        self._nodes += nodes
        self._chars += chars
        if self._nodes > self.limits.max_nodes:
            raise YamlRefused(f"has more than {self.limits.max_nodes} values, the limit", line)
        if self._chars > self.limits.max_chars:
            raise YamlRefused(
                f"holds more than {self.limits.max_chars} characters of text, the limit", line
            )


def _bounded(limits: YamlLimits) -> type[_BoundedLoader]:
    if limits == DEFAULT_LIMITS:
        return _BoundedLoader
    return type("_CustomBoundedLoader", (_BoundedLoader,), {"limits": limits})


def load(text: str, limits: YamlLimits = DEFAULT_LIMITS) -> Any:
    """Parse one YAML document into plain data (dicts, lists, str, int, float, bool, None, dates).

    Raises `YamlRefused` for text over the size limit, a NUL or other control character,
    too many aliases, nesting past the depth limit, more nodes or characters (as expanded) than
    the limits, several documents, or anything that is not valid YAML.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > limits.max_bytes:
        raise YamlRefused(f"is larger than {limits.max_bytes // 1024} KB, the limit")
    for number, line in enumerate(text.split("\n"), start=1):
        if "\x00" in line:
            raise YamlRefused("contains a NUL character", number)
    loader = _bounded(limits)(text)
    try:
        return loader.get_single_data()
    except YamlRefused:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "cannot be read"
        raise YamlRefused(f"is not valid YAML ({_short(what)})", at) from None
    except yaml.YAMLError as exc:
        raise YamlRefused(f"is not valid YAML ({_short(str(exc))})") from None
    except RecursionError:  # a guard only: the depth limit stops far earlier
        raise YamlRefused(f"nests deeper than {limits.max_depth} levels, the limit") from None
    finally:
        loader.dispose()


def _short(message: str, limit: int = 120) -> str:
    """PyYAML's own wording for a problem, on one line, without any quoted input beyond `limit`."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
