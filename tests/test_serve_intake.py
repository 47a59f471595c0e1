"""Property tests of the JSON API's request reading (``serve/intake.py``), issue 12.

Whatever the body (bytes, any JSON, articles with any strings, dates and sizes), reading it
either gives articles that later stages can use, or refuses it with errors that say where, in
one line; no other exception escapes. Then, through the app: any article posted gets 200 or a
422 that names it, never a 5xx, and a refused batch stores nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.serve import create_app
from newsdigest.serve.intake import ArticleIn, BodyTooLarge, InvalidBody, error_line, parse_articles
from newsdigest.store import open_store
from newsdigest.store.base import Store

# every code point, and often the awkward ones: lone surrogates (JSON can escape them as
# "\ud800"), NUL, a BOM, line and paragraph separators
ANY_TEXT = st.text(
    st.one_of(
        st.characters(codec=None, exclude_categories=()),
        st.sampled_from(["\ud800", "\udfff", "\x00", "\ufeff", "\u2028", "\u0085"]),
    ),
    max_size=60,
)
DATES = st.one_of(
    st.none(),
    ANY_TEXT,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "2019-05-14"]),
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), ANY_TEXT)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=20,
)
ARTICLES = st.fixed_dictionaries(
    {"text": st.one_of(ANY_TEXT, SCALARS)},
    optional={
        "id": SCALARS,
        "url": SCALARS,
        "title": SCALARS,
        "source": SCALARS,
        "published": DATES,
        "extra": JSON_VALUES,
    },
)
# articles a careless client would send: strings where strings go, most of them readable
LIKELY = st.fixed_dictionaries(
    {"text": ANY_TEXT.filter(str.strip)},
    optional={
        "id": ANY_TEXT,
        "url": ANY_TEXT,
        "title": ANY_TEXT,
        "source": ANY_TEXT,
        "published": DATES,
    },
)
BODIES = st.one_of(
    JSON_VALUES,
    ARTICLES,
    LIKELY,
    st.lists(st.one_of(ARTICLES, LIKELY), max_size=5),
)


def read(body: bytes, max_articles: int = 3) -> list[ArticleIn] | InvalidBody | BodyTooLarge:
    try:
        return parse_articles(body, max_articles)
    except (InvalidBody, BodyTooLarge) as exc:
        return exc


def assert_usable_or_refused(outcome: list[ArticleIn] | InvalidBody | BodyTooLarge) -> None:
    if isinstance(outcome, list):
        assert 1 <= len(outcome) <= 3
        for article in outcome:
            assert article.text.strip()
            for value in article.model_dump().values():
                if isinstance(value, str):
                    value.encode("utf-8")  # nothing later can fail to encode it
    elif isinstance(outcome, InvalidBody):
        assert outcome.errors and all(e["loc"][0] == "body" for e in outcome.errors)
        line = error_line(outcome.errors)
        assert line.startswith("body") and "\n" not in line
    else:
        assert "limit is 3" in str(outcome)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_in_one_line(body: bytes) -> None:
    assert_usable_or_refused(read(body))


@settings(max_examples=300, deadline=None)
@given(BODIES)
def test_any_json_is_read_or_refused_naming_the_field(value: Any) -> None:
    body = json.dumps(value).encode()  # ensure_ascii: lone surrogates travel as \ud800 escapes
    assert_usable_or_refused(read(body))


def test_a_lone_surrogate_is_refused_naming_its_field() -> None:
    body = (
        b'[{"text": "Pompeo met Lavrov."}, {"text": "Talks \\ud800 went on.", "title": "\\udfff"}]'
    )
    outcome = read(body)
    assert isinstance(outcome, InvalidBody)
    assert error_line(outcome.errors) == (
        "body[1].text: not Unicode text: a lone surrogate \\ud800 at character 6; "
        "body[1].title: not Unicode text: a lone surrogate \\udfff at character 0"
    )


def test_a_number_too_long_to_convert_is_refused_in_one_line() -> None:
    outcome = read(b'{"text": "Pompeo met Lavrov.", "published": 1' + b"0" * 5000 + b"}")
    assert isinstance(outcome, InvalidBody)
    assert error_line(outcome.errors).startswith("body: malformed JSON: number too long")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = open_store(str(tmp_path_factory.mktemp("intake") / "news.db"))
    yield s
    s.close()


SENTENCE = st.sampled_from(
    [
        "Pompeo met Lavrov in Sochi on Tuesday to discuss arms control.",
        "Officials said the talks lasted three hours and would continue.",
        "Home / World / Politics",
        "Leave a Reply",
        "",
    ]
)
POSTED = st.fixed_dictionaries(
    {"text": st.builds(lambda a, b, c: f"{a} {b} {c}", SENTENCE, ANY_TEXT, SENTENCE)},
    optional={"title": ANY_TEXT, "url": ANY_TEXT, "source": ANY_TEXT, "published": DATES},
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(POSTED, min_size=1, max_size=3))
def test_any_posted_batch_is_stored_or_refused_whole_never_a_server_error(
    store: Store, batch: list[dict[str, Any]]
) -> None:
    client = TestClient(create_app(store), raise_server_exceptions=False)
    before = len(store.get_articles())
    answer = client.post(
        "/api/articles",
        content=json.dumps(batch),
        headers={"content-type": "application/json"},
    )
    assert answer.status_code in (200, 422), answer.text
    if answer.status_code == 422:
        assert answer.json()["error"].startswith("body")
        assert len(store.get_articles()) == before  # all or nothing
    else:
        report = answer.json()
        assert len(store.get_articles()) == before + len(report["stored"])


def test_a_title_of_a_megabyte_is_refused_and_later_posts_are_stored(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A hostile pass: one POST with a 1 MB title was stored, then spaCy refused the title in
    every clustering run, so that POST and every later one answered 500."""
    with open_store(str(tmp_path / "news.db")) as s:
        client = TestClient(create_app(s), raise_server_exceptions=False)
        headers = {"content-type": "application/json"}
        text = "Pompeo met Lavrov in Sochi on Tuesday to discuss arms control and Iran."
        huge = {"text": text, "title": "Pompeo meets Lavrov " * 55_000}
        answer = client.post("/api/articles", content=json.dumps(huge), headers=headers)
        assert answer.status_code == 422
        assert answer.json()["error"] == "body.title: String should have at most 2000 characters"
        assert s.get_articles() == []
        answer = client.post("/api/articles", content=json.dumps({"text": text}), headers=headers)
        assert answer.status_code == 200 and len(answer.json()["stories"]) == 1


def test_a_malformed_body_names_line_and_column_as_python_does() -> None:
    """The decoder's message ends in "at"; "starting at at line 1" had been the answer."""
    outcome = read(b'{"text": "bad')
    assert isinstance(outcome, InvalidBody)
    assert error_line(outcome.errors) == (
        "body: malformed JSON: Unterminated string starting at: line 1 column 10"
    )


def test_fields_no_article_field_reads_are_named_in_the_answer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``{"text": ..., "titel": ...}`` was stored untitled and answered 200 without a word
    (pydantic's extra="ignore"); the answer's notes now name the fields, as ``ingest`` does."""
    with open_store(str(tmp_path / "news.db")) as s:
        client = TestClient(create_app(s), raise_server_exceptions=False)
        headers = {"content-type": "application/json"}
        text = "Pompeo met Lavrov in Sochi on Tuesday to discuss arms control and Iran."
        batch = [
            {"text": text, "titel": "Pompeo in Sochi", "publshed": "2019-05-14"},
            {"text": "Floods closed roads across Kerala on Monday.", "tags": ["x"], "titel": "y"},
        ]
        answer = client.post("/api/articles", content=json.dumps(batch), headers=headers)
        assert answer.status_code == 200
        assert answer.json()["notes"] == [
            "fields not read: 'titel' (did you mean 'title'?), 'publshed' (did you mean "
            "'published'?), 'tags' (an article's fields are text, title, url, published, "
            "source and id)"
        ]
        assert len(s.get_articles()) == 2
        answer = client.post("/api/articles", content=json.dumps({"text": text}), headers=headers)
        assert answer.status_code == 200 and answer.json()["notes"] == []
        # an export's own fields that resemble no article field are not noted, as in ingest
        labelled = {"text": text, "label": 3, "category": "politics"}
        answer = client.post("/api/articles", content=json.dumps(labelled), headers=headers)
        assert answer.status_code == 200 and answer.json()["notes"] == []
