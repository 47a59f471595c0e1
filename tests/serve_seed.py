"""Stories for the web tests, built from the bundled seed articles (real text, real spans).

The summary sentences are real sentences of the seeds, cited at their true (article, sentence)
positions; the facts (quotes, disagreement, timeline) are the hand-checked ones of the seed
cluster. Building them here, rather than through the pipeline, keeps the web tests about the
web layer: what is cited must be what gets highlighted.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsdigest.model import (
    Article,
    Citation,
    Claim,
    Disagreement,
    Entity,
    Facts,
    Mention,
    Outlier,
    Quote,
    Story,
    SummarySentence,
    TimelineEntry,
    article_id,
    story_id,
)
from newsdigest.split import split_sentences
from newsdigest.store.base import Store

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "sochi-2019"
OUTLETS = ["oreanda-news.com", "newsbeezer.com", "vestnikkavkaza.net", "tass.com", "sahartv.ir"]
PUBLISHED = [
    datetime(2019, 5, 14, 18, 5, tzinfo=timezone.utc),
    datetime(2019, 5, 14, 16, 40, tzinfo=timezone.utc),
    datetime(2019, 5, 14, 9, 30, tzinfo=timezone.utc),
    datetime(2019, 12, 10, 21, 0, tzinfo=timezone.utc),
    datetime(2019, 5, 15, 6, 15, tzinfo=timezone.utc),
]


def seed_articles() -> list[Article]:
    articles = []
    for i, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        raw = path.read_text(encoding="utf-8")
        title = raw.partition("\n")[0]
        text = raw.strip()  # the title line stays in the text, as a crawler delivered it
        articles.append(
            Article(
                id=article_id(text),
                text=text,
                title=title.strip()[:200],
                url=f"https://{OUTLETS[i]}/news/{path.stem}",
                source=OUTLETS[i],
                published=PUBLISHED[i],
                origin=str(path),
            )
        )
    return articles


def find_sentence(article: Article, needle: str) -> int:
    for s in split_sentences(article.text, article.id):
        if needle in s.text:
            return s.index
    raise AssertionError(f"{needle!r} not in {article.id}")


def _span(article: Article, needle: str) -> tuple[int, int]:
    start = article.text.index(needle)
    return start, start + len(needle)


def seed_story() -> Story:
    """The Sochi cluster: four articles, 003 (Washington, December) an outlier, cited digest."""
    arts = seed_articles()
    a0, a1, a2, a3, a4 = arts

    def cite(a: Article, needle: str) -> Citation:
        return Citation(a.id, find_sentence(a, needle))

    summary = (
        SummarySentence(
            text=a2.text.split("\n")[0].strip(),  # the opening sentence of 002
            citations=(cite(a2, "have started in Russia"), cite(a1, "today in Sochi")),
            support=2,
            origin=cite(a2, "have started in Russia"),
        ),
        SummarySentence(
            text=next(
                s.text
                for s in split_sentences(a2.text)
                if "hammer out specific proposals" in s.text
            ),
            citations=(cite(a2, "hammer out specific proposals"),),
            support=1,
            origin=cite(a2, "hammer out specific proposals"),
        ),
        SummarySentence(
            text=next(s.text for s in split_sentences(a4.text) if "exotic work" in s.text),
            citations=(cite(a4, "exotic work"), cite(a1, "investigation")),
            support=2,
            origin=cite(a4, "exotic work"),
        ),
    )
    great = "It’s great to see you again, twice in a couple of weeks,"
    g0, g1 = _span(a2, great)
    hammer = "I hope that today we will be able to hammer out"
    h0, h1 = _span(a2, hammer)
    pompeo = [Mention(a.id, *_span(a, "Pompeo"), "Pompeo") for a in (a0, a1, a2, a4)]
    facts = Facts(
        entities=(
            Entity("Mike Pompeo", "PERSON", tuple(pompeo), ("Pompeo",)),
            Entity("Sochi", "PLACE", (Mention(a1.id, *_span(a1, "Sochi"), "Sochi"),)),
        ),
        quotes=(
            Quote(great, "Mike Pompeo", a2.id, g0, g1),
            Quote(hammer, "Sergey Lavrov", a2.id, h0, h1),
        ),
        event_date="2019-05-14",
        event_place="Sochi",
        timeline=(
            TimelineEntry(
                "2019-05-14",
                "Pompeo meets Lavrov and Putin in Sochi.",
                (cite(a1, "today in Sochi"),),
            ),
        ),
        disagreements=(
            Disagreement(
                "place",
                "where Pompeo and Lavrov met",
                (Claim("Sochi", (a1.id, a2.id)), Claim("Washington", (a3.id,))),
            ),
        ),
    )
    return Story(
        id=story_id([a.id for a in arts]),
        title="Pompeo meets Lavrov and Putin in Sochi",
        articles=tuple(arts),
        summary=summary,
        outliers=(Outlier(a3.id, "about another meeting: Washington, December 2019"),),
        facts=facts,
        urls={a.id: (a.url,) for a in arts if a.url},
    )


def synthetic_stories(n: int, start: datetime | None = None) -> list[Story]:
    """``n`` distinct small stories from the seed sentences, one hour apart (for lists).

    No sentence is used twice, so no article is a near-duplicate of another (the stores fold
    near-duplicates); that allows at most 20 stories.
    """
    base = seed_articles()
    sentences = [s.text for a in base for s in split_sentences(a.text) if len(s.text) > 40]
    assert n * 6 <= len(sentences), "not enough distinct seed sentences"
    start = start or datetime(2024, 1, 1, tzinfo=timezone.utc)
    stories = []
    for i in range(n):
        members = []
        for j in range(3):
            picked = sentences[6 * i + 2 * j : 6 * i + 2 * j + 2]
            text = f"Report {i}-{j}. " + " ".join(picked)
            members.append(
                Article(
                    id=article_id(text),
                    text=text,
                    title=f"Story {i}: report {j}",
                    url=f"https://outlet{j}.example/{i}/{j}",
                    source=f"outlet{j}.example",
                    published=start + timedelta(hours=i, minutes=20 * j),
                )
            )
        first = split_sentences(members[0].text, members[0].id)[1]
        stories.append(
            Story(
                id=story_id([a.id for a in members]),
                title=f"Story {i}",
                articles=tuple(members),
                summary=(
                    SummarySentence(
                        first.text,
                        (Citation(members[0].id, 1), Citation(members[1].id, 1)),
                        2,
                        Citation(members[0].id, 1),
                    ),
                ),
                urls={a.id: (a.url,) for a in members if a.url},
            )
        )
    return stories


HOSTILE_TITLE = '<script>alert(1)</script> Sochi talks <img src=x onerror="alert(2)">'
HOSTILE_TEXT = (
    "Pompeo met Lavrov in Sochi on Tuesday. <script>alert(document.cookie)</script> "
    'Click <a href="javascript:alert(3)">here</a> for more. '
    '<img src=x onerror=alert(4)> The talks lasted three hours. "We will talk again," '
    "<svg onload=alert(5)> Lavrov said."
)


def open_backend(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    if kind == "postgres":
        from newsdigest.store.postgres import PostgresStore

        return PostgresStore(request.getfixturevalue("pg_url"))
    from newsdigest.store import open_store

    return open_store(str(tmp_path / "news.db"))


def fill(store: Store, stories: list[Story]) -> None:
    store.add_articles([a for s in stories for a in s.articles])
    store.save_stories(stories)
