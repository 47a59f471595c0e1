"""The JSON answers' shapes, for the OpenAPI document only: the handlers send the dicts of
``serialize.py`` and ``views.row_json`` as they are, and these models say what those hold
(docs/schema.md, docs/serve.md), so a client generated from ``/openapi.json`` is typed.
``tests/test_serve_schema.py`` checks real answers against them."""

from __future__ import annotations

from pydantic import BaseModel, Field


class StoryLine(BaseModel):
    """One line of the story list, the front page or a search."""

    id: str
    title: str
    lead: str = Field(description="The digest's first sentence.")
    outlet_names: list[str] = Field(
        description="The outlets named (an article with neither source nor URL has no name, "
        "but counts in `outlets` as one of its own)."
    )
    articles: int = Field(description="Articles summarized; outliers are not counted.")
    outlets: int
    outliers: int
    first_published: str | None = Field(description="ISO 8601, UTC.")
    last_published: str | None = Field(description="ISO 8601, UTC.")
    url: str = Field(description="The story's page.")
    json_: str = Field(alias="json", description="The story's API address.")


class FrontPage(BaseModel):
    """What the HTML front page shows, in its order."""

    stories: list[StoryLine] = Field(description="Stories of two articles or more, ranked.")
    more_coverage: list[StoryLine] = Field(description="Stories of one article, newest first.")


class FollowedSource(BaseModel):
    url: str
    last_fetch: str | None
    last_error: str | None


class StoryList(BaseModel):
    stories: list[StoryLine] = Field(description="Newest first.")
    offset: int
    limit: int
    next: str | None = Field(description="The next page's address; null on the last page.")
    front_page: FrontPage
    sources: list[FollowedSource] = Field(description="Followed feeds, failing ones first.")


class SearchAnswer(BaseModel):
    q: str
    stories: list[StoryLine] = Field(description="Best match first.")
    offset: int
    limit: int
    next: str | None


class PostAnswer(BaseModel):
    received: int = Field(description="Records in the request.")
    stored: list[str] = Field(description="Ids of the articles stored.")
    duplicates: list[str] = Field(description="Ids of articles already stored.")
    near_duplicates: dict[str, str] = Field(description="New article id -> the stored copy.")
    stories: list[str] = Field(description="The stories holding this batch's articles.")
    updated: list[str] = Field(description="The stories whose digest this batch rebuilt.")
    failures: list[str] = Field(
        description="A story this batch touched that could not be rebuilt (left as it was, "
        "rebuilt by the next POST) or was saved without its facts, one line each: "
        "'story 5f0c...: not rebuilt: ...'; else []."
    )
    notes: list[str] = Field(
        description="What in the body was not read: fields no article field reads, named "
        "where one looks like a misspelt article field, with 'did you mean' ('titel' -> "
        "title); an export's own fields ('label') alone make no note."
    )


class Citation(BaseModel):
    article: str
    sentence: int
    start: int | None = Field(default=None, description="Span in the article's clean text.")
    end: int | None = None


class ArticleOut(BaseModel):
    id: str
    url: str | None
    path: str | None = Field(description="Where it was read from (a file, a record's id).")
    title: str
    source: str | None
    published: str | None = Field(description="ISO 8601, UTC.")
    language: str | None
    urls: list[str]


class OutlierOut(ArticleOut):
    reason: str


class SummarySentence(BaseModel):
    text: str
    citations: list[Citation]
    support: int = Field(description="Distinct outlets citing it.")
    origin: Citation | None = Field(description="Where it was taken from; null if generated.")


class Mention(BaseModel):
    article: str
    start: int
    end: int
    text: str


class Entity(BaseModel):
    name: str
    type: str = Field(description="PERSON, ORG or PLACE.")
    aliases: list[str]
    mention_count: int
    articles: list[str]
    mentions: list[Mention]


class Quote(BaseModel):
    text: str
    speaker: str | None
    article: str
    start: int
    end: int


class TimelineEntry(BaseModel):
    date: str
    text: str
    citations: list[Citation]


class Claim(BaseModel):
    value: str
    articles: list[str]


class Disagreement(BaseModel):
    kind: str = Field(description="place, date, number or attribution.")
    subject: str
    claims: list[Claim]


class Facts(BaseModel):
    entities: list[Entity]
    quotes: list[Quote]
    event_date: str | None
    event_place: str | None
    timeline: list[TimelineEntry]
    disagreements: list[Disagreement]


class StoryOut(BaseModel):
    """A story: the same object as ``newsdigest stories --format json`` (docs/schema.md)."""

    schema_version: int
    id: str
    title: str
    articles: list[ArticleOut] = Field(description="Articles summarized (outliers excluded).")
    outliers: list[OutlierOut] = Field(description="Articles about another event.")
    summary: list[SummarySentence]
    outlets: int
    first_published: str | None
    last_published: str | None
    facts: Facts | None = Field(description="Null when built without facts.")
