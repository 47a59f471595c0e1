"""The JSON form is stable: the documented names are there and a story survives a round trip."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

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
)
from newsdigest.serialize import story_from_dict, story_to_dict

WHEN = datetime(2019, 5, 15, 8, 0, tzinfo=timezone.utc)


def _story() -> Story:
    a = Article("a1", "Pompeo met Putin in Sochi.", "Pompeo in Sochi", "https://x/1", "TASS", WHEN)
    b = Article(
        "b2", "Lavrov met Pompeo in Washington.", "In Washington", None, "VoA", None, origin="b.txt"
    )
    facts = Facts(
        entities=(Entity("Mike Pompeo", "PERSON", (Mention("a1", 0, 6, "Pompeo"),), ("Pompeo",)),),
        quotes=(Quote("It's great", "Mike Pompeo", "a1", 3, 13),),
        event_date="2019-05-14",
        event_place="Sochi",
        timeline=(TimelineEntry("2019-05-14", "Talks in Sochi", (Citation("a1", 0),)),),
        disagreements=(
            Disagreement(
                "place",
                "where the meeting took place",
                (Claim("Sochi", ("a1",)), Claim("Washington", ("b2",))),
            ),
        ),
    )
    return Story(
        id="s1",
        title="Pompeo in Sochi",
        articles=(a, b),
        summary=(SummarySentence(a.text, (Citation("a1", 0),), 1, Citation("a1", 0)),),
        outliers=(Outlier("b2", "about an event in Washington"),),
        facts=facts,
        urls={"a1": ("https://x/1", "https://mirror/1")},
    )


def test_documented_field_names() -> None:
    data = json.loads(json.dumps(story_to_dict(_story())))
    assert {"title", "articles", "outliers", "summary", "id", "schema_version"} <= set(data)
    assert set(data["articles"][0]) >= {"id", "url", "path", "title", "source", "published"}
    assert set(data["outliers"][0]) >= {"id", "path", "reason"}
    assert data["outliers"][0]["path"] == "b.txt"
    assert data["summary"][0]["citations"] == [{"article": "a1", "sentence": 0}]
    assert data["summary"][0]["support"] == 1
    assert data["articles"][0]["published"] == "2019-05-15T08:00:00+00:00"
    assert data["articles"][0]["urls"] == ["https://x/1", "https://mirror/1"]


def test_round_trip_with_texts_is_lossless() -> None:
    story = _story()
    again = story_from_dict(json.loads(json.dumps(story_to_dict(story, with_text=True))))
    assert again.summary == story.summary
    assert again.outliers == story.outliers
    assert again.facts == story.facts
    assert {a.id: a for a in again.articles} == {a.id: a for a in story.articles}
    assert again.urls["a1"] == story.urls["a1"]


def test_publication_times_are_written_in_utc_whatever_zone_the_article_carries() -> None:
    # ``digest`` printed a JSON record's "+05:00" (and a naive Article's time with no zone)
    # where ``stories`` and the API print the same instant in UTC
    plus5 = timezone(timedelta(hours=5))
    a = Article(
        "a1", "Pompeo met Putin in Sochi.", published=datetime(2019, 5, 15, 2, 0, tzinfo=plus5)
    )
    b = Article("b2", "Lavrov met Pompeo in Sochi.", published=datetime(2019, 5, 15, 8, 0))
    story = Story(id="s1", title="Sochi", articles=(a, b), summary=())
    data = story_to_dict(story)
    assert [x["published"] for x in data["articles"]] == [
        "2019-05-14T21:00:00+00:00",
        "2019-05-15T08:00:00+00:00",
    ]
    assert data["first_published"] == "2019-05-14T21:00:00+00:00"


def test_schema_md_marks_every_field_that_may_be_null() -> None:
    """docs/schema.md showed ``facts`` and a sentence's ``origin`` as objects only; both are
    null for a story built without facts and for a generated sentence."""
    from pathlib import Path

    story = replace(
        _story(),
        facts=None,
        summary=(SummarySentence("Talks went well.", (Citation("a1", 0),), 1, None),),
    )
    data = story_to_dict(story)
    assert data["facts"] is None and data["summary"][0]["origin"] is None
    schema = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text()
    for name in ("facts", "origin"):
        line = next(ln for ln in schema.splitlines() if ln.strip().startswith(f'"{name}":'))
        assert "null" in line, line


def test_an_outlet_is_the_source_else_the_host_less_www_as_schema_md_says() -> None:
    from pathlib import Path

    a = Article("a1", "Pompeo met Putin in Sochi.", url="https://www.bbc.com/news/1")
    b = Article("b2", "Lavrov met Pompeo in Sochi.", url="https://bbc.com/news/2")
    c = Article("c3", "Putin met Pompeo in Sochi.", source="TASS", url="https://tass.com/3")
    d = Article("d4", "Pompeo and Lavrov met in Sochi.")
    story = Story(id="s1", title="Sochi", articles=(a, b, c, d), summary=())
    assert story_to_dict(story)["outlets"] == 3  # bbc.com, TASS, and d4 on its own
    schema = " ".join(
        (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text().split()
    )
    assert "else its URL's host less a leading `www.`" in schema


def test_articles_are_listed_in_the_order_every_output_numbers_them() -> None:
    """The JSON listed a story's articles in the story's own order, where an article that
    joined late came last though published first: source [1] of the text and the page was not
    the JSON's first article."""
    from newsdigest.numbering import source_numbers

    t = datetime(2019, 5, 14, 10, 0, tzinfo=timezone.utc)
    a = Article("a", "Pompeo met Putin in Sochi.", published=t)
    b = Article("b", "Lavrov met Pompeo in Sochi.", published=t - timedelta(hours=2))
    c = Article("c", "Putin met Pompeo in Sochi.")
    d = Article("d", "Pompeo and Lavrov met in Washington.", published=t - timedelta(hours=3))
    e = Article("e", "Lavrov and Pompeo met in Washington.", published=t - timedelta(hours=4))
    story = Story(
        id="s1",
        title="Sochi",
        articles=(a, b, c, d, e),
        summary=(),
        outliers=(Outlier("d", "about Washington"), Outlier("e", "about Washington")),
    )
    data = story_to_dict(story)
    listed = [x["id"] for x in data["articles"]] + [x["id"] for x in data["outliers"]]
    assert listed == ["b", "a", "c", "e", "d"]
    numbers = source_numbers(story)
    assert [numbers[i] for i in listed] == [1, 2, 3, 4, 5]
    again = story_from_dict(data)  # the stored form reads back with the same numbers
    assert source_numbers(again) == numbers
