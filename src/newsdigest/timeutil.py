"""The time rules, written once: a naive datetime is UTC, and stored or compared times are UTC.

Every module that compares, stores or shows a publication time goes through ``utc`` so that
"naive means UTC" and the out-of-range check live in one place. Dates near year 1 or 9999 with
an offset cannot be moved to UTC (``datetime`` overflows): they are refused with ``ValueError``,
which readers turn into a one-line rejection of the record.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

# The days' names in ``date.weekday()`` order (Monday is 0), written once for every rule that
# reads a weekday in text: the summarizer's, the facts' and the readers'.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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


# A publication time is used from the year 1000 up to 9000. Near datetime's ends (year 1 or
# 9999) a story's windows (its quiet window runs to 100 years) and the chart's steps overflowed:
# one article dated 0001-01-01 stopped every clustering run of its store; no news is dated so.
EARLIEST = datetime(1000, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)


def publication_time(t: datetime) -> datetime:
    """``t`` as UTC (``utc``); ``ValueError`` also when it lies outside EARLIEST to LATEST."""
    moved = utc(t)
    if not EARLIEST <= moved < LATEST:
        raise ValueError(f"date {t.isoformat()} is out of range")
    return moved


def stored_time(t: datetime | None) -> datetime | None:
    """A time read back from a store, or None for one outside EARLIEST to LATEST (a store
    written before that range was kept may hold one)."""
    try:
        return publication_time(t) if t is not None else None
    except ValueError:
        return None


def iso(t: datetime | None) -> str | None:
    """UTC ISO-8601 text, so that text order is time order (SQLite stores times as text)."""
    return utc(t).isoformat() if t is not None else None


def parse_iso(value: str | None) -> datetime | None:
    """A stored ISO-8601 time back as an aware UTC datetime (None for empty)."""
    return utc(datetime.fromisoformat(value)) if value else None


def parse_since(value: str | date | None) -> datetime | None:
    """A user's ``since``: an ISO date or date-time, a ``datetime`` (naive = UTC) or a ``date``
    (its midnight, UTC) as aware UTC.

    Raises ``ValueError`` for text that is not ISO or a time out of range, ``TypeError`` for
    any other type (``date(2019, 5, 1)`` and ``123`` had met an ``AttributeError``).
    """
    if value is None:
        return None
    if not isinstance(value, (str, date)):
        raise TypeError(
            f"since: expected an ISO date string, a date or a datetime, not {type(value).__name__}"
        )
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=timezone.utc)
    try:
        t = datetime.fromisoformat(value) if isinstance(value, str) else value
        return utc(t)
    except (ValueError, OverflowError):
        # the API's callers had met datetime's own "Invalid isoformat string"
        shown = value if isinstance(value, str) else value.isoformat()  # (not its repr)
        raise ValueError(
            f"since: {shown!r} is not a usable date (use YYYY-MM-DD or an ISO date-time)"
        ) from None
