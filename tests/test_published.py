"""The day an address names: a feed's later date (a page's last change, an archive's day) gives
way to it, so a story's own coverage is not left out as another event."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import newsdigest
from newsdigest.clean import clean_article
from newsdigest.clean.published import day_in_url, published_day
from newsdigest.model import Article

TELEGRAPH = (
    "http://www.telegraph.co.uk/formula-1/2016/11/13/"
    "max-verstappen-even-stuns-his-dad-by-storming-home-into-third-pl/"
)


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_the_day_an_address_names() -> None:
    assert day_in_url(TELEGRAPH).isoformat() == "2016-11-13"  # type: ignore[union-attr]
    assert day_in_url("https://example.com/2019-05-14/talks-in-sochi").isoformat() == "2019-05-14"  # type: ignore[union-attr]
    for url in [
        None,
        "https://www.rt.com/news/414714-costa-rica-plane-crash-guanacaste/",
        "https://example.com/2019/02/30/no-such-day/",  # no calendar day
        "https://example.com/archive/2019/05/",  # a month's index
        "https://example.com/story-20190514",  # a number, not a path
    ]:
        assert day_in_url(url) is None


def test_a_later_date_gives_way_and_a_close_one_stays() -> None:
    # the dev stream: the Telegraph's race report dated four months after the race
    assert published_day(TELEGRAPH, _utc(2017, 3, 22, 9)) == _utc(2016, 11, 13)
    assert published_day(TELEGRAPH, None) == _utc(2016, 11, 13)
    kept = [_utc(2016, 11, 14, 23, 50), _utc(2016, 11, 13, 6), _utc(2016, 11, 10)]
    for date in kept:  # the next day, the same day, or earlier than the address: as given
        assert published_day(TELEGRAPH, date) == date
    naive = datetime(2017, 3, 22, 9)  # a naive date stays naive (a caller's others are)
    assert published_day(TELEGRAPH, naive) == datetime(2016, 11, 13)
    # the date's own day, not UTC's: 23:00 at -08:00 is two days after the address's
    pacific = datetime(2016, 11, 15, 23, tzinfo=timezone(timedelta(hours=-8)))
    assert published_day(TELEGRAPH, pacific) == pacific
    # the path only; a day in the future of an undated page is an event's, not its own
    assert published_day("https://example.com/news?date=/2016/11/13/&id=5", None) is None
    assert published_day("https://example.com/a#/2016/11/13/x", None) is None
    future = "https://example.com/events/2030/01/01/concert"
    assert published_day(future, None, now=_utc(2026, 11, 30)) is None
    assert published_day(future, None, now=_utc(2030, 1, 2)) == _utc(2030, 1, 1)
    assert published_day("https://example.com/news/1", naive) == naive


def test_a_late_dated_report_stays_in_its_story() -> None:
    """The dev stream's Brazilian Grand Prix: the Telegraph's report, dated 2017-03-22 by its
    feed, had been left out as an event 128 days after the rest."""
    race = (
        "Lewis Hamilton won the Brazilian Grand Prix at Interlagos on Sunday, keeping his title "
        "hopes alive, while Max Verstappen charged from 16th to third in the rain. Nico Rosberg "
        "finished second and needs only to finish on the podium in Abu Dhabi to be champion."
    )
    articles = [
        Article(
            id="a", text=race, url="https://example.com/f1/1", published=_utc(2016, 11, 13, 19)
        ),
        Article(
            id="b",
            text="Max Verstappen stunned his father by storming from 16th to third at the "
            "Brazilian Grand Prix on Sunday, as Lewis Hamilton won in the rain at Interlagos and "
            "Nico Rosberg finished second.",
            url=TELEGRAPH,
            published=_utc(2017, 3, 22, 9),
        ),
        Article(
            id="c",
            text="Hamilton won a rain-soaked Brazilian Grand Prix on Sunday, with Rosberg second "
            "and Verstappen third after a charge from 16th at Interlagos.",
            url="https://example.org/sport/f1/brazil",
            published=_utc(2016, 11, 14, 8),
        ),
    ]
    assert clean_article(articles[1]).published == _utc(2016, 11, 13)
    story = newsdigest.digest(articles, words=60, facts=False)
    assert not story.outliers
