"""What the pages compute before any HTML: safe links, sentence anchors, spans, the chart."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from serve_seed import seed_story

from newsdigest.model import Article, Sentence, Story, article_id
from newsdigest.serve.chart import articles_over_time
from newsdigest.serve.views import (
    _segments,
    outlet,
    row_span,
    safe_href,
    show_span,
    story_page,
    story_row,
)
from newsdigest.split import split_sentences

UTC = timezone.utc


def test_only_http_links_are_followable() -> None:
    assert safe_href("https://tass.com/politics/1058") == "https://tass.com/politics/1058"
    assert safe_href(" http://example.org/a?b=1 ") == "http://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/x",
        "/relative/path",
        "https:///no-host",
        "http://[::1",
        "",
        None,
    ):
        assert safe_href(bad) is None, bad


@given(st.text(max_size=60))
def test_safe_href_never_returns_a_non_http_url(url: str) -> None:
    href = safe_href(url)
    assert href is None or href.lower().startswith(("http://", "https://"))


def test_outlet_falls_back_to_the_host() -> None:
    art = Article(id="x", text="t", url="https://www.sahartv.ir/news/1", source=None)
    assert outlet(art) == "sahartv.ir"
    assert outlet(Article(id="x", text="t")) == "unknown outlet"


@given(st.text(max_size=400))
def test_segments_reproduce_the_article_text_exactly(text: str) -> None:
    sentences = split_sentences(text, "a")
    segments = _segments(text, sentences, 1, cited={0})
    assert "".join(s.text for s in segments) == text
    anchored = [s for s in segments if s.anchor]
    assert [s.text for s in anchored] == [s.text for s in sentences]
    assert all(s.cited == (s.anchor == "a1-s0") for s in anchored)


def test_segments_ignore_spans_that_do_not_fit_the_text() -> None:
    text = "One. Two."
    bogus = [
        Sentence("a", 0, "One.", 0, 4),
        Sentence("a", 1, "x", 2, 3),
        Sentence("a", 2, "y", 5, 99),
    ]
    segments = _segments(text, bogus, 1, cited=set())
    assert "".join(s.text for s in segments) == text
    assert [s.anchor for s in segments if s.anchor] == ["a1-s0"]


def test_story_page_numbers_sources_by_time_and_maps_citations() -> None:
    story = seed_story()
    page = story_page(story)
    times = [s.article.published for s in page.sources]
    assert times == sorted(times)  # type: ignore[type-var]
    assert [s.number for s in page.sources] == [1, 2, 3, 4, 5]
    assert page.sources[-1].outlier_reason  # the Washington article, last (December)
    for line, sentence in zip(page.summary, story.summary, strict=True):
        assert {m.number for m in line.markers} == {
            next(s.number for s in page.sources if s.article.id == c.article)
            for c in sentence.citations
        }
    # every cited sentence is marked in its source so a reader sees what supports the digest
    cited = {(m.number, a) for line in page.summary for m in line.markers for a in m.anchors}
    marked = {(s.number, seg.anchor) for s in page.sources for seg in s.segments if seg.cited}
    assert cited <= marked
    quote = page.quotes[0]
    [mark] = quote.markers
    assert quote.speaker == "Mike Pompeo" and mark.anchors
    sentence = next(seg for s in page.sources for seg in s.segments if seg.anchor == mark.href[1:])
    assert quote.text in sentence.text


def test_story_row_counts_only_the_storys_own_articles() -> None:
    row = story_row(seed_story())
    assert (row.articles, row.outlets, row.outliers) == (4, 4, 1)
    assert row_span(row) == "2019-05-14 09:30 – 2019-05-15 06:15 UTC (21 h)"


def test_time_spans_read_naturally() -> None:
    t = datetime(2019, 5, 14, 9, 30, tzinfo=UTC)
    assert show_span(None, None) == "undated"
    assert show_span(t, t) == "2019-05-14 09:30 UTC"
    assert show_span(t, t + timedelta(minutes=40)) == "2019-05-14 09:30 – 10:10 UTC (40 min)"
    assert show_span(t, t + timedelta(days=9)) == "2019-05-14 09:30 – 2019-05-23 09:30 UTC (9 days)"


def test_chart_buckets_fit_the_span() -> None:
    t = datetime(2019, 5, 14, 9, 30, tzinfo=UTC)
    hours = articles_over_time([t, t + timedelta(minutes=5), t + timedelta(hours=3), None])
    assert hours is not None and hours.unit == "hour" and hours.undated == 1
    assert [b.count for b in hours.bars] == [2, 1]
    assert hours.bars[0].label == "2019-05-14 09:00 UTC: 2 articles"
    assert hours.bars[0].height > hours.bars[1].height
    days = articles_over_time([t + timedelta(days=d) for d in (0, 0, 1, 10)])
    assert days is not None and days.unit == "day" and [b.count for b in days.bars] == [2, 1, 1]
    assert articles_over_time([None, None]) is None


@given(
    st.lists(
        st.datetimes(
            min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
        )
        | st.none(),
        min_size=1,
        max_size=40,
    )
)
def test_chart_counts_every_dated_article_inside_the_frame(times: list[datetime | None]) -> None:
    chart = articles_over_time(times)
    dated = [t for t in times if t is not None]
    if not dated:
        assert chart is None
        return
    assert chart is not None
    assert sum(b.count for b in chart.bars) == len(dated)
    assert len(chart.bars) <= 24 and chart.undated == len(times) - len(dated)
    for b in chart.bars:
        assert b.x >= 0 and b.x + b.width <= chart.width + 0.01
        assert b.y >= 0 and b.height > 0


def test_story_without_facts_or_dates_still_renders_its_parts() -> None:
    text = "Pompeo met Lavrov in Sochi. They talked for three hours."
    art = Article(id=article_id(text), text=text)
    page = story_page(Story(id="s", title="", articles=(art,)))
    assert page.chart is None and page.quotes == () and page.summary == ()
    assert page.row.title == "(untitled story)" and row_span(page.row) == "undated"


def test_a_quote_told_by_two_outlets_links_each_to_its_own_sentence() -> None:
    """Each source's marker points at the sentence where that source reports the quote, even
    when its wording differs from the first report and it reports other quotes before."""
    from dataclasses import replace

    from newsdigest.model import Quote

    story = seed_story()
    own = [a for a in story.articles if a.id not in {o.article_id for o in story.outliers}]
    first, second = own[0], own[1]
    s1 = split_sentences(first.text, first.id)[1]
    s2a, s2b = split_sentences(second.text, second.id)[1:3]
    said = "Once we have protections in place we expect the apps to be back on the App Store"
    quotes = (
        Quote(said, "Pavel Durov", first.id, s1.start, s1.start + 5),
        Quote("A different statement altogether about other things", None, second.id,
              s2a.start, s2a.start + 5),
        Quote(said.replace("place we", "place, we") + ".", "Pavel Durov", second.id,
              s2b.start, s2b.start + 5),
    )  # fmt: skip
    page = story_page(replace(story, facts=replace(story.facts, quotes=quotes)))
    told = next(q for q in page.quotes if q.text == said)
    anchors = {m.number: m.anchors for m in told.markers}
    numbers = {s.article.id: s.number for s in page.sources}
    assert anchors == {
        numbers[first.id]: (f"a{numbers[first.id]}-s{s1.index}",),
        numbers[second.id]: (f"a{numbers[second.id]}-s{s2b.index}",),
    }


def test_the_charts_description_counts_articles_not_a_rate(dev_stream_rows) -> None:
    """The chart's text for screen readers (its ``aria-label`` and ``<title>``) had read "7
    dated articles per 6 hours", a rate (there were seven in all, over 36 hours), and "1 dated
    articles per hour" for a story of one article (the dev stream's Mazar-i-Sharif consulate attack, event
    73, and the first report of it)."""
    times = [
        datetime.fromisoformat(r["published"]) for r in dev_stream_rows if str(r["label"]) == "73"
    ]
    chart = articles_over_time(times)
    assert chart is not None and chart.description == (
        "7 dated articles from 2016-11-10 00:00 UTC to 2016-11-11 12:00 UTC, "
        "counted per 6 hours (at most 3)"
    )
    one = articles_over_time(times[:1])
    assert one is not None and one.description.startswith("1 dated article from 2016-11-10 ")
