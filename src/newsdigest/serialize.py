"""Story <-> JSON-ready dict, with a stable, versioned schema (documented in docs/schema.md).

The same dict is the CLI's ``--format json``, the API's response and the stores' stored form, so a
field name here is a public promise: fields are only ever added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from newsdigest.model import (
    SCHEMA_VERSION,
    Article,
    Citation,
    Claim,
    Disagreement,
    Entity,
    Facts,
    Mention,
    Outlier,
    Quote,
    Sentence,
    Story,
    StoryRow,
    SummarySentence,
    TimelineEntry,
    count_outlets,
)
from newsdigest.numbering import source_numbers
from newsdigest.timeutil import iso, parse_iso, utc


def parse_datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def article_to_dict(article: Article, *, with_text: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "url": article.url,
        "path": article.origin,
        "title": article.title,
        "source": article.source,
        # UTC, as the store gives it back: ``digest`` printed a JSON record's "+05:00" (or a
        # naive Article's no zone) where ``stories`` and the API print the same time in UTC
        "published": iso(article.published),
        "language": article.language,
    }
    if with_text:
        data["text"] = article.text
    return data


def article_from_dict(data: Mapping[str, Any]) -> Article:
    return Article(
        id=data["id"],
        text=data.get("text", ""),
        title=data.get("title") or "",
        url=data.get("url"),
        source=data.get("source"),
        published=parse_datetime(data.get("published")),
        language=data.get("language"),
        origin=data.get("path"),
    )


def _citation(c: Citation) -> dict[str, Any]:
    data: dict[str, Any] = {"article": c.article, "sentence": c.sentence}
    if c.start is not None and c.end is not None:
        data.update(start=c.start, end=c.end)
    return data


def _citation_from(d: Mapping[str, Any]) -> Citation:
    start, end = d.get("start"), d.get("end")
    return Citation(
        article=d["article"],
        sentence=int(d["sentence"]),
        start=int(start) if start is not None else None,
        end=int(end) if end is not None else None,
    )


def _spans(story: Story, article_id: str) -> dict[str, Any]:
    """The article's sentence spans as the story was built (what its citations point into)."""
    sentences = story.sentences.get(article_id)
    return {"sentences": [[s.start, s.end] for s in sentences]} if sentences else {}


def _sentences_from(article: Article, spans: Any) -> tuple[Sentence, ...]:
    """Stored spans back as sentences of ``article``; spans that do not fit its text are dropped
    (a reader then sees plain text there, never another sentence's words)."""
    out = []
    for i, pair in enumerate(spans or ()):
        start, end = int(pair[0]), int(pair[1])
        if 0 <= start < end <= len(article.text):
            out.append(Sentence(article.id, i, article.text[start:end], start, end))
    return tuple(out)


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    return {
        "entities": [
            {
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "mention_count": len(e.mentions),
                "articles": list(e.articles),
                "mentions": [
                    {"article": m.article, "start": m.start, "end": m.end, "text": m.text}
                    for m in e.mentions
                ],
            }
            for e in facts.entities
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "article": q.article,
                "start": q.start,
                "end": q.end,
            }
            for q in facts.quotes
        ],
        "event_date": facts.event_date,
        "event_place": facts.event_place,
        "timeline": [
            {"date": t.date, "text": t.text, "citations": [_citation(c) for c in t.citations]}
            for t in facts.timeline
        ],
        "disagreements": [
            {
                "kind": d.kind,
                "subject": d.subject,
                "claims": [{"value": c.value, "articles": list(c.articles)} for c in d.claims],
            }
            for d in facts.disagreements
        ],
    }


def facts_from_dict(data: Mapping[str, Any]) -> Facts:
    return Facts(
        entities=tuple(
            Entity(
                name=e["name"],
                type=e["type"],
                aliases=tuple(e.get("aliases", ())),
                mentions=tuple(
                    Mention(article=m["article"], start=m["start"], end=m["end"], text=m["text"])
                    for m in e.get("mentions", ())
                ),
            )
            for e in data.get("entities", ())
        ),
        quotes=tuple(
            Quote(
                text=q["text"],
                speaker=q.get("speaker"),
                article=q["article"],
                start=q["start"],
                end=q["end"],
            )
            for q in data.get("quotes", ())
        ),
        event_date=data.get("event_date"),
        event_place=data.get("event_place"),
        timeline=tuple(
            TimelineEntry(
                date=t["date"],
                text=t["text"],
                citations=tuple(_citation_from(c) for c in t.get("citations", ())),
            )
            for t in data.get("timeline", ())
        ),
        disagreements=tuple(
            Disagreement(
                kind=d["kind"],
                subject=d["subject"],
                claims=tuple(
                    Claim(value=c["value"], articles=tuple(c["articles"])) for c in d["claims"]
                ),
            )
            for d in data.get("disagreements", ())
        ),
    )


def story_to_dict(
    story: Story, *, with_text: bool = False, with_spans: bool = False
) -> dict[str, Any]:
    """The public JSON form of a story; ``with_text`` adds article texts and ``with_spans``
    each article's sentence spans (stores keep them, so citations stay anchored)."""
    by_id = {a.id: a for a in story.articles}
    outlier_ids = {o.article_id for o in story.outliers}
    # in the order every other output numbers them ([1], [2] ...: numbering.source_numbers), so
    # a program numbering the JSON's sources agrees with the pages; the story's own order had
    # put an article that joined late after its elders even when it was published first
    numbers = source_numbers(story)
    articles = sorted(
        (a for a in story.articles if a.id not in outlier_ids), key=lambda a: numbers[a.id]
    )
    outliers = sorted(story.outliers, key=lambda o: numbers.get(o.article_id, 0))
    times = [utc(a.published) for a in articles if a.published]  # naive dates are UTC
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": story.id,
        "title": story.title,
        "articles": [
            dict(
                article_to_dict(a, with_text=with_text),
                urls=list(story.urls.get(a.id, ())),
                **(_spans(story, a.id) if with_spans else {}),
            )
            for a in articles
        ],
        "outliers": [
            dict(
                article_to_dict(by_id[o.article_id], with_text=with_text),
                reason=o.reason,
                urls=list(story.urls.get(o.article_id, ())),
                **(_spans(story, o.article_id) if with_spans else {}),
            )
            for o in outliers
        ],
        "summary": [
            {
                "text": s.text,
                "citations": [_citation(c) for c in s.citations],
                "support": s.support,
                "origin": _citation(s.origin) if s.origin else None,
            }
            for s in story.summary
        ],
        "outlets": count_outlets(articles),
        "first_published": iso(min(times)) if times else None,
        "last_published": iso(max(times)) if times else None,
        "facts": facts_to_dict(story.facts) if story.facts else None,
    }
    return data


def story_from_dict(
    data: Mapping[str, Any], articles: Mapping[str, Article] | None = None
) -> Story:
    """Rebuild a Story; article texts come from ``articles`` when the dict does not carry them."""
    articles = articles or {}

    def load(d: Mapping[str, Any]) -> Article:
        return articles.get(d["id"]) or article_from_dict(d)

    members = [load(d) for d in data.get("articles", ())]
    outlier_rows = list(data.get("outliers", ()))
    members += [load(d) for d in outlier_rows]
    rows = [*data.get("articles", ()), *outlier_rows]
    urls = {d["id"]: tuple(d.get("urls", ())) for d in rows if d.get("urls")}
    by_id = {a.id: a for a in members}
    sentences = {
        d["id"]: _sentences_from(by_id[d["id"]], d["sentences"]) for d in rows if d.get("sentences")
    }
    return Story(
        id=data["id"],
        title=data.get("title", ""),
        articles=tuple(members),
        summary=tuple(
            SummarySentence(
                text=s["text"],
                citations=tuple(_citation_from(c) for c in s.get("citations", ())),
                support=int(s.get("support", 0)),
                origin=_citation_from(s["origin"]) if s.get("origin") else None,
            )
            for s in data.get("summary", ())
        ),
        outliers=tuple(
            Outlier(article_id=d["id"], reason=d.get("reason", "")) for d in outlier_rows
        ),
        facts=facts_from_dict(data["facts"]) if data.get("facts") else None,
        urls=urls,
        sentences=sentences,
    )


def outlet_names(articles: Iterable[Article]) -> tuple[str, ...]:
    """The outlets a story line names, by the rule ``count_outlets`` counts them by."""
    return tuple(sorted({a.outlet for a in articles if a.outlet}))


def story_list_fields(data: Mapping[str, Any]) -> StoryRow:
    """A story's list line from its JSON form (what stores keep in columns)."""
    return StoryRow(
        id=data["id"],
        title=data.get("title") or "",
        articles=len(data.get("articles", ())),
        outlets=int(data.get("outlets", 0)),
        first=parse_iso(data.get("first_published")),
        last=parse_iso(data.get("last_published")),
        outliers=len(data.get("outliers", ())),
        lead=" ".join(str((data.get("summary") or [{}])[0].get("text", "")).split()),
        outlet_names=outlet_names(article_from_dict(a) for a in data.get("articles", ())),
    )


def story_search_text(data: Mapping[str, Any]) -> str:
    """What search matches a story by: its title, its digest and its entities' names."""
    facts = data.get("facts") or {}
    parts = [
        data.get("title") or "",
        *(s.get("text", "") for s in data.get("summary", ())),
        *(e.get("name", "") for e in facts.get("entities", ())),
    ]
    return "\n".join(p for p in parts if p)
