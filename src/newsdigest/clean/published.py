"""The day a page was published, as its address says it.

Many news sites put the day in the article's path ("/2016/11/13/max-verstappen-..."), and that
is the day the story ran. A feed's or a crawl's date may be later: the page's last change or
the day it was archived (the dev stream's Telegraph pages carry dates four and five months
after the race and the game they report, so the story of each left them out as another
event). A date later than the address's day by more than ``MAX_LAG_DAYS`` is replaced by that
day; a page with no date takes it. An address's day in the future of the given date is no
reason to doubt it (a page may be pre-dated), and a path that is no calendar day is ignored.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

# "/2016/11/13/", "/2016-11-13/", "/2016/11/13-slug"
_DAY_IN_PATH = re.compile(r"/((?:19|20)\d\d)([/-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=[/-])")
MAX_LAG_DAYS = 2  # a page changed the next day (time zones, a late update) keeps its date


def day_in_url(url: str | None) -> date | None:
    """The calendar day an article's address names in its path (not its query nor its
    fragment), if any."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:  # "http://[::1" and other broken addresses
        return None
    m = _DAY_IN_PATH.search(path)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[3]), int(m[4]))
    except ValueError:  # "/2019/02/30/"
        return None


def published_day(
    url: str | None, published: datetime | None, now: datetime | None = None
) -> datetime | None:
    """``published``, or the address's day (midnight UTC; naive where ``published`` is) where
    it is earlier than the date's own day by more than ``MAX_LAG_DAYS``, or where there is no
    date and the day is not in the future of ``now`` (an event's page, "/2030/01/01/concert")."""
    day = day_in_url(url)
    if day is None:
        return published
    if published is None:
        today = (now or datetime.now(timezone.utc)).date()
        return None if day > today else datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    if published.date() - day <= timedelta(days=MAX_LAG_DAYS):
        return published
    return datetime(day.year, day.month, day.day, tzinfo=published.tzinfo and timezone.utc)
