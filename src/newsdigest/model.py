"""Plain data of the pipeline: every stage takes and returns these frozen dataclasses.

Schema changes bump ``SCHEMA_VERSION`` (see ``serialize.py``); fields are only ever added.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

SCHEMA_VERSION = 1


def normalize_for_id(text: str) -> str:
    """Case-, accent- and whitespace-folded text, so trivially re-encoded copies share an id."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    # str.split() breaks at exactly the characters regex \s matches (str.isspace), without a
    # substitution at every space
    return " ".join(folded.split())


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the normalized text (a lone
    surrogate, which UTF-8 cannot encode, is hashed as its code point rather than failing)."""
    data = normalize_for_id(text).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


_WWW_HOST = re.compile(r"www\.(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """One news article after cleaning; ``text`` is the clean text all spans point into."""

    id: str
    text: str
    title: str = ""
    url: str | None = None
    source: str | None = None
    published: datetime | None = None
    language: str | None = None
    origin: str | None = None  # path, URL or WARC record id it was read from

    @property
    def outlet(self) -> str | None:
        """Who published it: the source field, else the URL's host (without www.), else None."""
        if self.source and self.source.strip():
            source = self.source.strip()
            # a host given as the source ("www.bbc.com", as crawls give it) is the outlet its
            # URL would name: a second page of the site with a URL alone was a second outlet
            return source[4:].lower() if _WWW_HOST.fullmatch(source) else source
        if self.url:
            try:
                host = urlsplit(self.url.strip()).hostname
            except ValueError:
                host = None
            if host:
                return host.removeprefix("www.")
        return None


def count_outlets(articles: Iterable[Article]) -> int:
    """Distinct outlets; an article whose outlet is unknown counts as one of its own."""
    return len({a.outlet or f"#{a.id}" for a in articles})


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, with its character span in ``Article.text``."""

    article_id: str
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class GeneratedSentence:
    """A sentence a model wrote rather than took from an article (the abstractive summarizer):
    it has no origin, and ``cite`` finds the source sentences that support it."""

    text: str
    start: int  # span in the generated text
    end: int


@dataclass(frozen=True)
class Citation:
    """A source sentence that supports a summary sentence.

    ``start``/``end`` are the sentence's character span in the article's clean text: what a
    citation points at, whatever sentence splitter later reads the text (``sentence`` is the
    index the splitter gave it then, kept for reference). Stories stored before spans were
    kept have None there.
    """

    article: str
    sentence: int
    start: int | None = None
    end: int | None = None

    @classmethod
    def of(cls, sentence: Sentence) -> Citation:
        return cls(sentence.article_id, sentence.index, sentence.start, sentence.end)


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of a digest: its text, where it was taken from, and all its support."""

    text: str
    citations: tuple[Citation, ...]
    support: int  # number of distinct outlets (sources) among the citations
    origin: Citation | None = None  # the sentence it was extracted from (None if generated)


@dataclass(frozen=True)
class Outlier:
    """An article left out of a story's summary, with the reason a reader can check."""

    article_id: str
    reason: str


@dataclass(frozen=True)
class Mention:
    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A person, organization or place, under one canonical name across spellings."""

    name: str
    type: str  # PERSON | ORG | PLACE
    mentions: tuple[Mention, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({m.article for m in self.mentions}))


@dataclass(frozen=True)
class Quote:
    """A direct quote, its speaker (canonical entity name or None when unresolved), and span."""

    text: str
    speaker: str | None
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # ISO date
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Claim:
    """One value of a disputed fact and the articles that state it."""

    value: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Disagreement:
    """A fact on which sources differ: what it is and which sources say which value."""

    kind: str  # place | date | number | attribution
    subject: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Facts:
    """Who/what/where/when of a story; unresolved values stay None rather than guessed."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    event_date: str | None = None
    event_place: str | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()


@dataclass(frozen=True)
class Story:
    """A group of articles about one event, its outliers, cited summary and facts."""

    id: str
    title: str
    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...] = ()
    outliers: tuple[Outlier, ...] = ()
    facts: Facts | None = None
    # every URL under which an article (or a near-duplicate folded into it) was seen
    urls: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sentences: dict[str, tuple[Sentence, ...]] = field(default_factory=dict)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


@dataclass(frozen=True)
class StoryRow:
    """One line of a story list: a story's figures without its digest (stores keep these)."""

    id: str
    title: str
    articles: int  # in the story proper; outliers are counted apart
    outlets: int
    first: datetime | None
    last: datetime | None
    outliers: int = 0
    lead: str = ""  # the digest's first sentence, what a reader sees before clicking
    outlet_names: tuple[str, ...] = ()


def story_id(article_ids: list[str] | tuple[str, ...]) -> str:
    """Story id from its founding article ids, stable across runs."""
    joined = "\n".join(sorted(article_ids))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]
