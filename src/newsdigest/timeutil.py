"""The time rules, written once: a naive datetime is UTC, and stored or compared times are UTC.

Every module that compares, stores or shows a publication time goes through ``utc`` so that
"naive means UTC" and the out-of-range check live in one place. Dates near year 1 or 9999 with
an offset cannot be moved to UTC (``datetime`` overflows): they are refused with ``ValueError``,
which readers turn into a one-line rejection of the record.
"""

from __future__ import annotations

from datetime import datetime, timezone


def utc(t: datetime) -> datetime:
    """``t`` as an aware UTC datetime (naive = UTC); ``ValueError`` when it cannot be."""
    if t.tzinfo is None:
        return t.replace(tzinfo=timezone.utc)
    try:
        return t.astimezone(timezone.utc)
    except (OverflowError, ValueError) as exc:
        raise ValueError(f"date {t.isoformat()} is out of range") from exc


def utc_or_none(t: datetime | None) -> datetime | None:
    return utc(t) if t is not None else None


def iso(t: datetime | None) -> str | None:
    """UTC ISO-8601 text, so that text order is time order (SQLite stores times as text)."""
    return utc(t).isoformat() if t is not None else None


def parse_iso(value: str | None) -> datetime | None:
    """A stored ISO-8601 time back as an aware UTC datetime (None for empty)."""
    return utc(datetime.fromisoformat(value)) if value else None


def parse_since(value: str | datetime | None) -> datetime | None:
    """A user's ``since``: an ISO date or date-time (naive = UTC) as aware UTC.

    Raises ``ValueError`` for text that is not ISO or a time out of range.
    """
    if value is None:
        return None
    t = datetime.fromisoformat(value) if isinstance(value, str) else value
    return utc(t)
