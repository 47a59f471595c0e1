"""Articles over time as a tiny bar chart, computed on the server so pages need no JS library.

Only geometry is computed here; the template draws it as inline SVG, so every label passes
through the same autoescaping as the rest of the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from newsdigest.timeutil import utc

# Bucket sizes tried in order: the finest that fits in ``max_bars`` bars wins.
_UNITS: tuple[tuple[str, timedelta], ...] = (
    ("hour", timedelta(hours=1)),
    ("6 hours", timedelta(hours=6)),
    ("day", timedelta(days=1)),
    ("week", timedelta(days=7)),
    ("30 days", timedelta(days=30)),
    ("year", timedelta(days=365)),
)
_EPOCH = datetime(1970, 1, 5, tzinfo=timezone.utc)  # a Monday, so weeks start on Mondays


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # "2019-05-14 10:00 UTC: 3 articles"


@dataclass(frozen=True)
class TimeChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    unit: str
    start_label: str
    end_label: str
    max_count: int
    undated: int
    description: str  # the chart in words, for screen readers and the SVG <title>


def _label(t: datetime, unit: str) -> str:
    return (
        t.strftime("%Y-%m-%d %H:%M UTC") if unit in ("hour", "6 hours") else t.strftime("%Y-%m-%d")
    )


def articles_over_time(
    published: Sequence[datetime | None],
    *,
    width: int = 320,
    height: int = 72,
    max_bars: int = 24,
) -> TimeChart | None:
    """Histogram of publication times; None when no article carries a date."""
    times = sorted(utc(t) for t in published if t is not None)
    undated = len(published) - len(times)
    if not times:
        return None
    span = times[-1] - times[0]
    unit, step = _UNITS[-1]
    for name, size in _UNITS:
        if span // size + 1 <= max_bars:
            unit, step = name, size
            break
    first = _EPOCH + ((times[0] - _EPOCH) // step) * step
    counts = Counter((t - first) // step for t in times)
    n_buckets = max(counts) + 1
    top = max(counts.values())
    plot_h = height - 14  # room for the axis labels underneath
    slot = width / n_buckets
    bar_w = min(max(slot * 0.8, 1.0), 24.0)  # one or two buckets still read as bars
    bars = []
    for i in range(n_buckets):
        c = counts.get(i, 0)
        if not c:
            continue
        h = max(plot_h * c / top, 2.0)
        start = first + i * step
        noun = "article" if c == 1 else "articles"
        bars.append(
            Bar(
                x=round(i * slot + (slot - bar_w) / 2, 2),
                y=round(plot_h - h, 2),
                width=round(bar_w, 2),
                height=round(h, 2),
                count=c,
                label=f"{_label(start, unit)}: {c} {noun}",
            )
        )
    end = first + n_buckets * step
    description = (
        f"{len(times)} dated article{'' if len(times) == 1 else 's'} from {_label(first, unit)} "
        f"to {_label(end, unit)}, counted per {unit} (at most {top})"
    )
    if undated:
        description += f"; {undated} undated"
    return TimeChart(
        width=width,
        height=height,
        bars=tuple(bars),
        unit=unit,
        start_label=_label(first, unit),
        end_label=_label(times[-1], unit),
        max_count=top,
        undated=undated,
        description=description,
    )
