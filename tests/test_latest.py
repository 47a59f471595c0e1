"""A story that runs for days opens with its latest development (a reader of the dev stream's
digests: the boy in the well was "found dead" in the title, "trapped" in every sentence)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import newsdigest
from newsdigest.latest import latest_lead
from newsdigest.model import Article
from newsdigest.split import split_sentences
from newsdigest.summarize.base import Budget

RESCUE = [
    "Dozens of rescuers in China are trying to reach a five-year-old boy who is trapped deep "
    "down an abandoned well in Hebei province. More than 80 diggers have been sent to the farm "
    "to remove earth around the well. The well had been left unused for five years and there "
    "were no warning signs.",
    "Chinese rescuers are racing to save a boy who fell into a 40-metre well on a farm in "
    "Hebei province while picking cabbages with his father, a search now in its second day. More than 80 diggers have been sent to "
    "the farm to remove earth around the well. Rescuers have used life detectors.",
    "Image copyright Reuters Image caption Rescuers at the well\nA Chinese boy trapped down an "
    "abandoned well has been found dead, after a huge four-day rescue operation. More than 500 "
    "rescuers and 100 excavators were involved. The well had been left unused for five years.",
]
DAYS = [datetime(2016, 11, 8, 9, tzinfo=timezone.utc), datetime(2016, 11, 8, 15, tzinfo=timezone.utc),
        datetime(2016, 11, 11, 7, tzinfo=timezone.utc)]  # fmt: skip


TITLES = [
    "Race to reach boy trapped in well in China",
    "Rescuers race to save boy in Hebei well",
    "Boy trapped in China well found dead after four-day rescue",
]


def _articles(days: list[datetime | None]) -> list[Article]:
    return [
        Article(id=f"a{k}", text=t, title=h, published=d)
        for k, (t, h, d) in enumerate(zip(RESCUE, TITLES, days, strict=True))
    ]


def test_the_newest_articles_lead_opens_a_story_of_several_days() -> None:
    story = newsdigest.digest(_articles(DAYS), words=60, facts=False)
    assert story.title == TITLES[2]
    assert story.summary[0].text.startswith("A Chinese boy trapped down an abandoned well has")
    assert sum(len(s.text.split()) for s in story.summary) <= 60
    texts = [s.text for s in story.summary]
    assert len(texts) == len(set(texts))


def test_a_story_of_one_day_or_undated_is_chosen_as_before() -> None:
    one_day = [DAYS[0], DAYS[1], DAYS[1]]
    for days in (one_day, [None, None, None]):
        articles = _articles(days)
        docs = [split_sentences(a.text, a.id) for a in articles]
        assert latest_lead(articles, docs, TITLES[2], Budget(words=60)) is None
    undated = newsdigest.digest(_articles([None, None, None]), words=60, facts=False)
    with_day = newsdigest.digest(_articles(one_day), words=60, facts=False)
    assert [s.text for s in undated.summary] == [s.text for s in with_day.summary]


def test_a_lead_that_is_no_summary_sentence_nor_the_titles_news_is_not_forced() -> None:
    articles = _articles(DAYS)
    docs = [split_sentences(a.text, a.id) for a in articles]
    assert latest_lead(articles, docs, TITLES[2], Budget(words=60)) is not None
    assert (
        latest_lead(articles, docs, TITLES[0], Budget(words=60)) is None
    )  # the story is titled otherwise
    for text in [
        "Is this the end of the search? Nobody knows yet.",  # a question
        # the dev stream's newest Costa Rica article: a photo's caption, not the headline's news
        "The burned fuselage of the small plane that crashed, in Guanacaste, on Sunday.",
        # an outlet's style, no lead to show (dev stream)
        "A CHINESE BOY HAS BEEN found dead in a well after a huge four-day rescue operation.",
        # a lead-in, as NeuS's "Here’s what you need to know about the child tax credit, ..."
        "Here's what is known about the boy found dead in a China well after a four-day rescue.",
    ]:
        articles[2] = replace(articles[2], text=text)
        docs[2] = split_sentences(text, articles[2].id)
        assert latest_lead(articles, docs, TITLES[2], Budget(words=60)) is None


def test_the_lead_keeps_the_budget_and_is_not_chosen_twice() -> None:
    """A hostile reader's pass: at 10 words the 18-word lead had made the digest 18 words;
    at 60 the lead had been chosen again after it, then dropped (46 words)."""
    articles = _articles(DAYS)
    docs = [split_sentences(a.text, a.id) for a in articles]
    assert latest_lead(articles, docs, TITLES[2], Budget(words=30)) is None
    for words in (10, 20, 30, 60, 120):
        story = newsdigest.digest(articles, words=words, facts=False)
        texts = [s.text for s in story.summary]
        assert sum(len(t.split()) for t in texts) <= words
        assert len(texts) == len(set(texts))
    assert len(newsdigest.digest(articles, sentences=2, facts=False).summary) <= 2


def test_naive_dates_and_an_address_day_mix() -> None:
    """A hostile reader's pass: naive dates, one replaced by its address's day, had made the
    outlier step compare naive and aware datetimes (TypeError)."""
    naive = [d.replace(tzinfo=None) for d in DAYS]
    articles = _articles(naive)
    articles[2] = replace(
        articles[2],
        url="https://example.com/2016/11/11/boy-found-dead",
        published=naive[2].replace(day=20),
    )
    story = newsdigest.digest(articles, words=60, facts=False)
    assert story.summary


def test_mixed_naive_and_aware_dates_serialize() -> None:
    """A third hostile pass: the JSON's first and last dates compared a naive date with aware
    ones (TypeError in ``digest -f json`` and the API)."""
    from newsdigest.serialize import story_to_dict

    days = [DAYS[0].replace(tzinfo=None), DAYS[1], DAYS[2]]
    out = story_to_dict(newsdigest.digest(_articles(days), words=60, facts=False))
    assert out["first_published"].startswith("2016-11-08T09:00")
    assert out["last_published"].startswith("2016-11-11")
