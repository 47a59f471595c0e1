"""Property tests for every reader and for the POST body parser: whatever the bytes, nesting,
size, encoding or date, the invariant is one InputError line per bad record, the good records
read, and no exception out of the reader."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from fixtures.news_pages import WarcRecord, news_page_html, seed_page, write_warc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.errors import InputError
from newsdigest.ingest import iter_articles
from newsdigest.ingest.json_bounded import json_depth
from newsdigest.limits import DEFAULT_LIMITS
from newsdigest.model import Article
from newsdigest.serialize import article_to_dict
from newsdigest.serve.intake import ArticleIn, BodyTooLarge, InvalidBody, parse_articles

SEED_FILES = sorted((Path(__file__).resolve().parents[1] / "examples" / "sochi-2019").glob("*.txt"))
PROSE = SEED_FILES[0].read_text(encoding="utf-8")
SUFFIXES = ["a.txt", "a.html", "a.jsonl", "a.json", "a.warc", "a.warc.gz", "a.jsonl.gz", "noext"]
BOUNDED = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _check(items: list[Article | InputError]) -> None:
    """The invariant on a reader's output: one-line, printable errors; storable articles."""
    for item in items:
        if isinstance(item, InputError):
            line = str(item)
            assert "\n" not in line and "\r" not in line
            line.encode("utf-8")
        else:
            assert isinstance(item, Article) and item.text.strip()
            json.dumps(article_to_dict(item, with_text=True), ensure_ascii=False).encode("utf-8")


def _not_articles(items: list[Article | InputError]) -> int:
    """The records refused as pages that are no article (``clean.pagekind``)."""
    return sum(isinstance(i, InputError) and i.reason.startswith("not an article") for i in items)


def _read(name: str, data: bytes) -> list[Article | InputError]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(iter_articles([path], max_bytes=256 * 1024))
    _check(items)
    return items


@given(name=st.sampled_from(SUFFIXES), data=st.binary(max_size=3000))
@BOUNDED
def test_any_bytes_in_any_format_is_articles_or_one_line_errors(name: str, data: bytes) -> None:
    items = _read(name, data)
    assert items  # an input always says something: an article or why not


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
dates = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "yesterday",
                     "2019-05-14T12:00:00Z", "Tue, 14 May 2019 10:00:00 GMT", ""]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
)  # fmt: skip
surrogate_text = st.text(
    alphabet=st.characters(blacklist_categories=()), max_size=40
)  # includes lone surrogates (category Cs)
records = st.fixed_dictionaries(
    {"text": st.one_of(st.just(PROSE), surrogate_text.map(lambda t: PROSE[:400] + t))},
    optional={
        "title": st.one_of(surrogate_text, json_values),
        "url": st.one_of(surrogate_text, json_values),
        "source": st.one_of(surrogate_text, json_values),
        "published": st.one_of(dates, json_values),
        "id": st.one_of(surrogate_text, json_values),
        "extra": json_values,
    },
)
nested = st.integers(min_value=1, max_value=5000).map(lambda n: "[" * n + "]" * n)
garbage = st.one_of(st.text(max_size=60), nested, json_values.map(json.dumps))


@given(
    lines=st.lists(
        st.one_of(
            records.map(lambda r: ("record", json.dumps(r))),
            # one line each: a lone line's carriage returns end lines (classic Mac OS files)
            garbage.map(
                lambda g: ("other", g.replace("\n", " ").replace("\r", " ").replace("\x00", " "))
            ),
        ),
        min_size=1,
        max_size=6,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
@BOUNDED
def test_jsonl_lines_each_give_one_article_or_one_line(
    lines: list[tuple[str, str]], encoding: str
) -> None:
    texts = [text for _, text in lines]
    items = _read("batch.jsonl", "\n".join(texts).encode(encoding))
    # blank as JSON Lines means it: only ASCII white space (Python's str.strip also takes
    # control characters such as \x1f, which a reader rightly reports as not JSON)
    nonblank = [t for t in texts if t.encode("utf-8").strip()]
    articles = sum(isinstance(i, Article) for i in items)
    # every good record is read, or refused as a page that is no article (a title naming its
    # source, "AAA 0" from "AAA", over a text sharing no word with it: a site's index page)
    assert articles + _not_articles(items) >= sum(kind == "record" for kind, _ in lines)
    if not nonblank:
        assert len(items) == 1 and isinstance(items[0], InputError)
    elif not any('"articles"' in t for t in texts):  # a cluster line may hold many articles
        assert len(items) == len(nonblank)  # one article or one line per record, no more


@given(records=st.lists(records, min_size=1, max_size=4), depth=st.integers(0, 200))
@BOUNDED
def test_json_documents_read_whole_or_refused_in_one_line(
    records: list[dict[str, object]], depth: int
) -> None:
    doc = "[" * depth + json.dumps(records) + "]" * depth
    items = _read("batch.json", doc.encode("utf-8", "surrogatepass"))
    if json_depth(doc) > DEFAULT_LIMITS.max_json_depth:
        assert len(items) == 1 and "levels deep" in str(items[0])
    elif depth == 0:  # each read, or refused as a page that is no article (as above)
        assert sum(isinstance(i, Article) for i in items) + _not_articles(items) == len(records)
    else:  # an array of arrays: each element is one bad record
        assert all(isinstance(i, InputError) for i in items) and len(items) == 1


@pytest.fixture(scope="module")
def warc_bytes() -> bytes:
    pages = [seed_page(p) for p in SEED_FILES[:3]]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.warc.gz"
        write_warc(path, [WarcRecord(p.url, news_page_html(p).encode()) for p in pages])
        return path.read_bytes()


@given(
    cut=st.integers(0, 100_000),
    flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=3),
)
@BOUNDED
def test_damaged_warc_reads_intact_records_and_reports_the_rest(
    warc_bytes: bytes, cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(warc_bytes[: max(1, cut % (len(warc_bytes) + 1))])
    for pos, value in flips:
        data[pos % len(data)] = value
    items = _read("crawl.warc.gz", bytes(data))
    for item in items:
        if isinstance(item, InputError):
            assert "object has no attribute" not in item.reason


# --- the JSON API's request body -----------------------------------------------------------


def _parse(body: bytes) -> list[ArticleIn] | None:
    try:
        parsed = parse_articles(body, max_articles=50)
    except (InvalidBody, BodyTooLarge) as exc:
        message = str(exc)
        assert "\n" not in message
        if isinstance(exc, InvalidBody):
            assert exc.errors and all({"loc", "msg", "type"} <= set(e) for e in exc.errors)
            json.dumps(exc.errors).encode("utf-8")
        return None
    return parsed


@given(body=st.binary(max_size=2000))
@BOUNDED
def test_post_body_of_any_bytes_is_articles_or_a_422(body: bytes) -> None:
    _parse(body)


@given(value=st.one_of(json_values, records, st.lists(records, max_size=3), nested))
@BOUNDED
def test_post_body_of_any_json_is_articles_or_a_422(value: object) -> None:
    body = value if isinstance(value, str) else json.dumps(value)
    parsed = _parse(body.encode("utf-8", "surrogatepass"))
    if parsed is not None:
        assert all(isinstance(a, ArticleIn) and a.text.strip() for a in parsed)


def test_post_body_nested_past_the_limit_is_a_422_not_a_500() -> None:
    with pytest.raises(InvalidBody) as caught:
        parse_articles(b"[" * 100_000 + b"]" * 100_000, max_articles=50)
    assert caught.value.errors[0]["loc"] == ["body"]
    assert "nested 100000 levels deep" in caught.value.errors[0]["msg"]


def test_a_control_character_line_in_utf16_json_lines_is_reported() -> None:
    """Found by the property above: in a UTF-16 file a line holding only "\\x1f" vanished (a
    str.strip took it for blank), where the UTF-8 path reports it as not JSON."""
    record = json.dumps(
        {"text": "Pompeo met Lavrov in Sochi on Tuesday for talks on arms control."}
    )
    for encoding in ("utf-8", "utf-16"):
        items = _read("batch.jsonl", f"\x1f\n{record}".encode(encoding))
        assert len(items) == 2, (encoding, items)
        assert isinstance(items[0], InputError) and isinstance(items[1], Article)


# characters with a byte 0x0A in UTF-16-LE (上 U+4E0A, Њ U+040A, Gurmukhi) are rare among
# the characters drawn at large: drawn here as often
wide_characters = st.one_of(
    st.characters(blacklist_categories=("Cs",)), st.sampled_from("上Њਪ\u010a\u0a00")
)


@given(
    rows=st.lists(
        st.tuples(st.text(alphabet=wide_characters, max_size=30), st.booleans()),
        min_size=1,
        max_size=5,
    ),
    first_wide=st.booleans(),
)  # fmt: skip
@BOUNDED
def test_utf16_lines_among_utf8_json_lines_read_as_the_utf8_file(
    rows: list[tuple[str, bool]], first_wide: bool
) -> None:
    """Lines appended in UTF-16-LE (PowerShell's ``>>``) to a UTF-8 JSON Lines file, or UTF-8
    lines to a UTF-16-LE one, whatever characters they hold (bytes 0x0A inside them among
    others), give what the file all in UTF-8 gives: the same articles and the same refusals,
    at the same line numbers."""
    first = json.dumps({"text": PROSE[:300], "title": "First"})
    lines = [(first, first_wide)] + [
        (json.dumps({"text": PROSE[:300] + title, "title": title}, ensure_ascii=False), wide)
        for title, wide in rows
    ]
    mixed = b"".join(
        (line + "\r\n").encode("utf-16-le") if wide else (line + "\n").encode()
        for line, wide in lines
    )
    utf8 = "".join(line + "\n" for line, _ in lines).encode()

    def seen(items: list[Article | InputError]) -> list[tuple[str, str | None]]:
        return [(i.id, i.title) if isinstance(i, Article) else (str(i), None) for i in items]

    assert seen(_read("a.jsonl", mixed)) == seen(_read("a.jsonl", utf8))
