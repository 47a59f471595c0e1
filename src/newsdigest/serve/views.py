"""What the pages show, computed from a ``Story``: plain data the templates only lay out.

Keeping this apart from the templates means the numbering of sources, the mapping of citations
to sentence anchors and the handling of untrusted URLs are tested as functions, not as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from newsdigest.errors import hide_passwords
from newsdigest.model import Article, Citation, Sentence, Story, StoryRow, count_outlets
from newsdigest.numbering import source_numbers
from newsdigest.quote_groups import distinct_quotes
from newsdigest.render import first_line_label
from newsdigest.serialize import outlet_names
from newsdigest.serve.chart import TimeChart, articles_over_time
from newsdigest.split import split_sentences
from newsdigest.store.base import SourceState
from newsdigest.timeutil import utc

_SAFE_SCHEMES = frozenset({"http", "https"})


def safe_href(url: str | None) -> str | None:
    """The URL if a browser may follow it (http/https only); ``javascript:`` and friends never."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url


def outlet(article: Article) -> str:
    """Who published it, as a reader sees it (``Article.outlet``, or a plain placeholder)."""
    return article.outlet or "unknown outlet"


def show_time(t: datetime | None) -> str:
    return utc(t).strftime("%Y-%m-%d %H:%M UTC") if t else "undated"


def iso_time(t: datetime | None) -> str | None:
    return utc(t).isoformat() if t else None


def cited_sentence(citation: Citation, sentences: Sequence[Sentence]) -> Sentence | None:
    """The sentence a citation points at: by its character span when it has one (so a citation
    stays put whatever splitter reads the text later), else by its index (older stories)."""
    if citation.start is not None:
        for s in sentences:
            if s.start == citation.start and s.end == citation.end:
                return s
        for s in sentences:
            if s.start <= citation.start < s.end:
                return s
        return None
    for s in sentences:
        if s.index == citation.sentence:
            return s
    return None


def time_span(articles: Sequence[Article]) -> tuple[datetime | None, datetime | None]:
    times = [utc(a.published) for a in articles if a.published]
    return (min(times), max(times)) if times else (None, None)


def show_span(first: datetime | None, last: datetime | None) -> str:
    """'2019-05-14 08:00 – 2019-05-15 10:30 UTC (26 h)': the time span a reader scans for."""
    if first is None or last is None:
        return "undated"
    if first == last:
        return show_time(first)
    minutes = (last - first).total_seconds() / 60
    if minutes < 90:
        length = f"{minutes:.0f} min"
    elif minutes < 72 * 60:
        length = f"{minutes / 60:.0f} h"
    else:
        length = f"{minutes / 1440:.0f} days"
    end = f"{last:%H:%M}" if first.date() == last.date() else f"{last:%Y-%m-%d %H:%M}"
    return f"{first:%Y-%m-%d %H:%M} – {end} UTC ({length})"


def row_span(row: StoryRow) -> str:
    return show_span(row.first, row.last)


def row_json(row: StoryRow) -> dict[str, object]:
    """A story list line as the API and the ``.json`` twins serve it."""
    return {
        "id": row.id,
        "title": row.title,  # as the story itself has it: the pages say "(untitled story)"
        "lead": row.lead,
        "outlet_names": list(row.outlet_names),
        "articles": row.articles,
        "outlets": row.outlets,
        "outliers": row.outliers,
        "first_published": iso_time(row.first),
        "last_published": iso_time(row.last),
        "url": f"/stories/{row.id}",
        "json": f"/api/stories/{row.id}",
    }


def members(story: Story) -> list[Article]:
    """The story's own articles: outliers are about another event and left out of its figures."""
    left_out = {o.article_id for o in story.outliers}
    return [a for a in story.articles if a.id not in left_out]


def story_row(story: Story) -> StoryRow:
    own = members(story)
    first, last = time_span(own)
    return StoryRow(
        id=story.id,
        title=story.title or "(untitled story)",
        articles=len(own),
        outlets=count_outlets(own),
        first=first,
        last=last,
        outliers=len(story.articles) - len(own),
        lead=" ".join(story.summary[0].text.split()) if story.summary else "",
        outlet_names=outlet_names(own),
    )


@dataclass(frozen=True)
class Segment:
    """A stretch of article text: a sentence (with its anchor) or the gap between sentences."""

    text: str
    anchor: str | None = None  # element id of a sentence; None for the text between sentences
    cited: bool = False


@dataclass(frozen=True)
class Source:
    number: int
    article: Article
    outlet: str
    href: str | None
    urls: tuple[str, ...]
    outlier_reason: str | None
    segments: tuple[Segment, ...]

    @property
    def title(self) -> str:
        """The article's title, or the label text and Markdown give an untitled one (its first
        line): the page had shown "(untitled)" where the text named the source."""
        return self.article.title or first_line_label(self.article.text)

    @property
    def published(self) -> str:
        return show_time(self.article.published)

    @property
    def published_iso(self) -> str | None:
        return iso_time(self.article.published)


@dataclass(frozen=True)
class Marker:
    """A citation marker ``[n]``: the source number and the sentence anchors it highlights."""

    number: int
    anchors: tuple[str, ...]
    outlet: str
    left_out: bool = False  # a source left out of the story (about another event)

    @property
    def href(self) -> str:
        return "#" + self.anchors[0]

    @property
    def data(self) -> str:
        return " ".join(self.anchors)


@dataclass(frozen=True)
class CitedLine:
    text: str
    markers: tuple[Marker, ...]
    support: int = 0
    date: str | None = None  # for timeline entries


@dataclass(frozen=True)
class QuoteView:
    """A quote once, with a marker for every source that reports it."""

    text: str
    speaker: str | None
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class ClaimView:
    value: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class DisagreementView:
    kind: str
    subject: str
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True)
class EntityView:
    name: str
    type: str
    mentions: int
    articles: int


@dataclass(frozen=True)
class StoryPage:
    row: StoryRow
    story: Story
    summary: tuple[CitedLine, ...]
    sources: tuple[Source, ...]
    quotes: tuple[QuoteView, ...]
    timeline: tuple[CitedLine, ...]
    disagreements: tuple[DisagreementView, ...]
    entities: tuple[EntityView, ...]
    chart: TimeChart | None
    event_date: str | None
    event_place: str | None


def anchor(number: int, sentence_index: int) -> str:
    return f"a{number}-s{sentence_index}"


def _segments(
    text: str, sentences: Sequence[Sentence], number: int, cited: set[int]
) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for s in sorted(sentences, key=lambda s: s.start):
        if s.start < pos or s.end > len(text) or s.end <= s.start:
            continue  # a span that does not fit the text is shown as plain text, never trusted
        if s.start > pos:
            out.append(Segment(text[pos : s.start]))
        out.append(Segment(text[s.start : s.end], anchor(number, s.index), s.index in cited))
        pos = s.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def story_page(story: Story) -> StoryPage:
    numbers = source_numbers(story)
    ordered = sorted(story.articles, key=lambda a: numbers[a.id])
    sentences = {
        a.id: story.sentences.get(a.id) or tuple(split_sentences(a.text, a.id)) for a in ordered
    }
    outliers = {o.article_id: o.reason for o in story.outliers}
    facts = story.facts

    cited: dict[str, set[int]] = {a.id: set() for a in ordered}
    all_citations: list[Citation] = [c for s in story.summary for c in s.citations]
    if facts:
        all_citations += [c for t in facts.timeline for c in t.citations]
    for c in all_citations:
        hit = cited_sentence(c, sentences[c.article]) if c.article in cited else None
        if hit is not None:
            cited[c.article].add(hit.index)

    sources = tuple(
        Source(
            number=numbers[a.id],
            article=a,
            outlet=outlet(a),
            href=safe_href(a.url),
            urls=tuple(u for u in story.urls.get(a.id, ()) if u != a.url),
            outlier_reason=outliers.get(a.id),
            segments=tuple(_segments(a.text, sentences[a.id], numbers[a.id], cited[a.id])),
        )
        for a in ordered
    )
    by_id = {s.article.id: s for s in sources}

    def markers(citations: Sequence[Citation]) -> tuple[Marker, ...]:
        per_article: dict[str, list[int]] = {}
        for c in citations:
            if c.article not in numbers:
                continue
            hit = cited_sentence(c, sentences[c.article])
            indexes = per_article.setdefault(c.article, [])
            if hit is not None and hit.index not in indexes:
                indexes.append(hit.index)
        found = [
            Marker(
                numbers[aid],
                tuple(anchor(numbers[aid], i) for i in idx),
                by_id[aid].outlet,
                aid in outliers,
            )
            for aid, idx in per_article.items()
            if idx
        ]
        return tuple(sorted(found, key=lambda m: m.number))

    summary = tuple(CitedLine(s.text, markers(s.citations), s.support) for s in story.summary)

    quotes: list[QuoteView] = []
    timeline: list[CitedLine] = []
    disagreements: list[DisagreementView] = []
    entities: list[EntityView] = []
    if facts:
        for group in distinct_quotes(facts.quotes):
            marks = []
            for q in group.reports:  # each article's own report: its span, its sentence
                src = by_id.get(q.article)
                if src is None:
                    continue
                spans = [s for s in sentences[q.article] if s.start <= q.start < s.end]
                where = tuple(anchor(src.number, s.index) for s in spans[:1])
                marks.append(Marker(src.number, where, src.outlet, q.article in outliers))
            quotes.append(QuoteView(group.quote.text, group.quote.speaker, tuple(marks)))
        timeline = [CitedLine(t.text, markers(t.citations), date=t.date) for t in facts.timeline]
        for d in facts.disagreements:
            claims = tuple(
                ClaimView(
                    c.value,
                    tuple(
                        sorted((by_id[a] for a in c.articles if a in by_id), key=lambda s: s.number)
                    ),
                )
                for c in d.claims
            )
            disagreements.append(DisagreementView(d.kind, d.subject, claims))
        entities = sorted(
            (EntityView(e.name, e.type, len(e.mentions), len(e.articles)) for e in facts.entities),
            key=lambda e: (-e.mentions, e.name),
        )

    return StoryPage(
        row=story_row(story),
        story=story,
        summary=summary,
        sources=sources,
        quotes=tuple(quotes),
        timeline=tuple(timeline),
        disagreements=tuple(disagreements),
        entities=tuple(entities[:20]),
        chart=articles_over_time([a.published for a in members(story)]),
        event_date=facts.event_date if facts else None,
        event_place=facts.event_place if facts else None,
    )


@dataclass(frozen=True)
class SourceLine:
    """One followed source as the home page shows it: when it was last fetched, and why the
    last attempt failed (None when it worked)."""

    url: str
    href: str | None
    last_fetch: str
    last_fetch_iso: str | None
    last_error: str | None

    def to_json(self) -> dict[str, object]:
        return {"url": self.url, "last_fetch": self.last_fetch_iso, "last_error": self.last_error}


def source_lines(states: Sequence[SourceState]) -> list[SourceLine]:
    """The followed sources, failing ones first (a reader wants to see what is stale), by URL."""
    lines = [
        SourceLine(
            # a store written before passwords were hidden holds them: never shown
            url=hide_passwords(s.url),
            href=safe_href(hide_passwords(s.url)),
            last_fetch=show_time(s.last_fetch) if s.last_fetch else "never",
            last_fetch_iso=iso_time(s.last_fetch),
            last_error=hide_passwords(s.last_error) if s.last_error else s.last_error,
        )
        for s in states
    ]
    return sorted(lines, key=lambda x: (x.last_error is None, x.url))


# Front-page order: a story's weight is its size, damped by its age like Hacker News' gravity
# ranking (size / (hours + 2) ** GRAVITY). A chosen rule, not fitted: it lets a 10-article story
# from this morning sit above a 3-article story from an hour ago, but not above yesterday's news
# for long. Age counts from the newest story listed, so an archive reads as it did live.
GRAVITY = 1.2
FRONT_CANDIDATES = 500  # the newest multi-article stories the ranking chooses from


def rank_rows(rows: Sequence[StoryRow]) -> list[StoryRow]:
    """``rows`` by size and recency (see GRAVITY); undated stories last; ties by id."""
    dated = [utc(r.last) for r in rows if r.last]
    newest = max(dated) if dated else None

    def key(r: StoryRow) -> tuple[int, float, str]:
        if r.last is None or newest is None:
            return (1, -float(r.articles), r.id)
        hours = (newest - utc(r.last)).total_seconds() / 3600
        return (0, -r.articles / (hours + 2) ** GRAVITY, r.id)

    return sorted(rows, key=key)


def show_age(t: datetime | None, now: datetime) -> str | None:
    """'5 min ago', '3 h ago', '2 days ago': how old a story's latest article is; None past two
    months, where the time span shown beside it, which ends on that date, says it already."""
    if t is None:
        return "undated"
    minutes = max(0.0, (now - utc(t)).total_seconds() / 60)
    if minutes < 60:
        return f"{minutes:.0f} min ago"
    if minutes < 48 * 60:
        return f"{minutes / 60:.0f} h ago"
    if minutes < 60 * 24 * 60:
        return f"{minutes / 1440:.0f} days ago"
    return None


@dataclass(frozen=True)
class FrontLine:
    """One story on the home page or a search result: what a reader sees before clicking."""

    row: StoryRow
    age: str | None
    outlets: str  # "tass.com, newsbeezer.com and 2 more"


def front_lines(rows: Sequence[StoryRow], now: datetime, shown_outlets: int = 3) -> list[FrontLine]:
    lines = []
    for r in rows:
        names = list(r.outlet_names)
        text = ", ".join(names[:shown_outlets])
        if len(names) > shown_outlets:
            text += f" and {len(names) - shown_outlets} more"
        lines.append(FrontLine(r, show_age(r.last, now), text))
    return lines
