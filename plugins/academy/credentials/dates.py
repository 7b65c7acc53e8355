"""Timestamps as credentials write them: XML Schema `dateTimeStamp`, always with a time zone."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime
from functools import lru_cache

#: What `parse` accepts (as a whole string, so no trailing newline); the verify page uses the same pattern.
DATETIME_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})", re.ASCII)


def utcnow() -> datetime:
    """The current time in UTC, to the second (credentials carry whole seconds)."""
    return datetime.now(UTC).replace(microsecond=0)


def to_text(moment: datetime) -> str:
    """`2025-03-01T10:15:00Z`: UTC, whole seconds."""
    if moment.tzinfo is None:
        raise ValueError("a timestamp needs a time zone")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(value: object) -> datetime | None:
    """A `dateTimeStamp` as an aware datetime, or None when `value` is not one."""
    if not isinstance(value, str):
        return None
    return _parse_text(value)


@lru_cache(maxsize=4096)  # a batch repeats its dates (issue times, key dates): datetimes are immutable
def _parse_text(value: str) -> datetime | None:
    match = DATETIME_PATTERN.fullmatch(value)
    if match is None:
        return None
    fraction, zone = match.group(1), match.group(2)
    # Python takes at most 6 fraction digits; credentials may carry up to 9.
    micro = f".{fraction[1:7].ljust(6, '0')}" if fraction else ""
    text = value[:19] + micro + ("+00:00" if zone == "Z" else zone)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def add_months(moment: datetime, months: int) -> datetime:
    """`moment` plus whole calendar months; the 31st becomes the last day of a shorter month."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def long_date(moment: datetime) -> str:
    """`1 March 2025`, for the printed certificate."""
    moment = moment.astimezone(UTC)
    return f"{moment.day} {calendar.month_name[moment.month]} {moment.year}"
