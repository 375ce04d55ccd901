"""When a chat's daily briefing is due, in its own time zone, across DST changes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_CLOCK = re.compile(r"(\d{1,2})[:.h](\d{2})")


def parse_clock(text: str) -> str | None:
    """A time of day as HH:MM ("7:30", "07.30", "7h30"), or None when it is not one."""
    found = _CLOCK.fullmatch(text.strip())
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        return None
    return f"{int(found[1]):02d}:{found[2]}"


def known_time_zone(name: str) -> bool:
    """True for an IANA zone name zoneinfo can load (Europe/Kyiv, UTC).

    The one check for chats and settings alike: "Europe" names a folder of the zone
    database (IsADirectoryError) and a 300-character name is too long for a file (OSError).
    """
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _slot_on(day: date, zone: ZoneInfo, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def _slots_around(
    now: datetime, timezone: str, clock: str, offsets: tuple[int, ...]
) -> Iterator[datetime]:
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    return (_slot_on(today + timedelta(days=offset), zone, clock) for offset in offsets)


def last_slot(now: datetime, timezone: str, clock: str) -> datetime:
    """The latest moment at or before `now` when the local clock showed `clock` (HH:MM).

    Built from the local calendar day, so a DST change moves the UTC instant, never the day:
    no day is skipped or doubled. A wall time that does not exist that day (spring forward)
    maps to an instant after the jump, as zoneinfo does.
    """
    return next(s for s in _slots_around(now, timezone, clock, (0, -1, -2)) if s <= now)


def next_slot(now: datetime, timezone: str, clock: str) -> datetime:
    """The next time the briefing comes (shown by /following)."""
    return next(s for s in _slots_around(now, timezone, clock, (0, 1, 2)) if s > now)


def briefing_due(now: datetime, timezone: str, clock: str, last_briefing_at: datetime) -> bool:
    """True when a slot has passed since the last briefing; many missed slots give one."""
    return last_slot(now, timezone, clock) > last_briefing_at
