"""How every output names a story's articles: ``[n]`` in text, Markdown, the HTML file and
the web page alike, so "[2]" means the same article wherever a reader meets it."""

from __future__ import annotations

from datetime import datetime, timezone

from newsdigest.model import Article, Story
from newsdigest.timeutil import utc

_NO_TIME = datetime.min.replace(tzinfo=timezone.utc)


def source_numbers(story: Story) -> dict[str, int]:
    """How every output names a story's articles (``[n]``): its own articles first, then those
    left out, each by publication time (undated last, then in the story's order). Text,
    Markdown, the HTML file and the web page all number sources with this one rule."""
    position = {a.id: i for i, a in enumerate(story.articles)}
    left_out = {o.article_id for o in story.outliers}

    def key(a: Article) -> tuple[bool, bool, datetime, int]:
        return (a.id in left_out, a.published is None, utc_or(a.published), position[a.id])

    return {a.id: n for n, a in enumerate(sorted(story.articles, key=key), start=1)}


def utc_or(t: datetime | None) -> datetime:
    return utc(t) if t is not None else _NO_TIME
