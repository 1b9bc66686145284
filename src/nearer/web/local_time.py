"""Times on pages, in the reader's own time zone (stored per person; UTC until they choose)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_FORMAT = "%a %d %b %Y, %H:%M"


def local_time(moment: datetime | None, zone: str | None, fmt: str = DEFAULT_FORMAT) -> str:
    """`moment` (stored in UTC) as the clock on the reader's wall shows it."""
    if moment is None:
        return ""
    try:
        tz = ZoneInfo(zone) if zone else UTC
    except (ZoneInfoNotFoundError, ValueError):
        tz = UTC
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(tz).strftime(fmt)


def time_zone_names() -> list[str]:
    """Every zone name this host knows, sorted, for the choice in Account."""
    from nearer.domain.fields import time_zones

    return sorted(time_zones())
