"""Reading ``POST /api/articles`` bodies: bounded, validated as a whole, before anything is stored.

A batch is all-or-nothing: one invalid article rejects the request with a 422 that names the
article and the field, and nothing is written. Size and count limits answer 413 before any
parsing work is spent on an oversized body.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictStr,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from newsdigest.ingest.json_bounded import JsonTooDeep, loads_bounded
from newsdigest.limits import (
    DEFAULT_LIMITS,
    WORDLESS_SCRIPTS,
    article_words_reason,
    url_size_reason,
)

MAX_BODY_BYTES = DEFAULT_LIMITS.max_request_bytes
MAX_ARTICLES = DEFAULT_LIMITS.max_request_articles
# ``limits.article_words_reason`` as a JSON Schema pattern (Python's classes: [^\W\d_] is a
# letter): a letter, then ``min_article_words - 1`` more words with one, each after a space
_LETTER_WORD = r"\S*[^\W\d_]"
_ENOUGH_WORDS = (
    rf"[^\W\d_](?:[\s\S]*?\s{_LETTER_WORD}){{{DEFAULT_LIMITS.min_article_words - 1}}}"
    # ... or, with a letter of a script written without spaces (each such letter a word), as
    # many letters anywhere (tried from the start only: a lookahead at every position of a
    # long text would read it again from each)
    rf"|^(?=[\s\S]*?[{WORDLESS_SCRIPTS}])(?:[\s\S]*?[^\W\d_]){{{DEFAULT_LIMITS.min_article_words}}}"
)
_ENOUGH_CHARS = DEFAULT_LIMITS.min_article_words  # "中国人": three letters, each a word


class ArticleIn(BaseModel):
    """One article as a crawler sends it: the JSON Lines reader's fields; only ``text`` required."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(
        description=(
            "The article's text (HTML is not parsed here; send text): three words with a"
            " letter at the least."
        ),
        # what ``_has_text`` enforces, said in the schema: three words (runs of non-space)
        # each with a letter, anywhere in the text (``Limits.min_article_words``)
        json_schema_extra={"minLength": _ENOUGH_CHARS, "pattern": _ENOUGH_WORDS},
    )
    id: str | None = Field(default=None, description="Your id for it; kept as the origin.")
    url: str | None = Field(
        default=None,
        description=f"Where it was published; at most {DEFAULT_LIMITS.max_url_bytes} bytes.",
        json_schema_extra={"maxLength": DEFAULT_LIMITS.max_url_bytes},
    )
    title: str | None = Field(default=None, max_length=DEFAULT_LIMITS.max_title_chars)
    # strict: lax float took ``false`` as 0.0, a 1970 date the schema (string or number) refuses
    published: StrictStr | StrictFloat | None = Field(
        default=None,
        description="ISO 8601 (a time without a zone is UTC) or a Unix time in seconds.",
    )
    source: str | None = Field(default=None, description="Outlet name; defaults to the URL host.")

    @field_validator("text", "id", "url", "title", "source", "published", mode="before")
    @classmethod
    def _unicode_text(cls, value: Any) -> Any:
        # JSON may escape a lone surrogate ("\ud800"); it is not text, and nothing past this
        # point (hashing, the store) can encode it: refuse it here, naming the field (422)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                code = ord(value[exc.start])
                raise ValueError(
                    f"not Unicode text: a lone surrogate \\u{code:04x} at character {exc.start}"
                ) from None
        return value

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        too_short = article_words_reason(value)
        if too_short:
            raise ValueError(too_short)
        return value

    @field_validator("url")
    @classmethod
    def _short_url(cls, value: str | None) -> str | None:
        # the store indexes URLs; a longer one had failed the batch on PostgreSQL (a 500)
        too_long = url_size_reason(value)
        if too_long:
            raise ValueError(too_long)
        return value

    @field_validator("published")
    @classmethod
    def _readable_date(cls, value: str | float | None) -> str | float | None:
        from newsdigest.ingest.html import parse_datetime

        if value is not None and parse_datetime(value) is None:
            raise ValueError(
                f"unreadable date {str(value)[:40]!r}; use ISO 8601 or Unix seconds, "
                "of a year from 1000 to 8999"
            )
        return value


ArticlesBody = ArticleIn | list[ArticleIn]
_BODY = TypeAdapter(ArticlesBody)


def body_schema(max_articles: int = MAX_ARTICLES) -> tuple[dict[str, Any], dict[str, Any]]:
    """OpenAPI schema of the hand-read body and the component schemas it refers to.

    The list branch says what ``parse_articles`` enforces: 1 to ``max_articles`` items (a
    schema that allowed ``[]`` promised clients a request the server refuses).
    """
    schema = _BODY.json_schema(ref_template="#/components/schemas/{model}")
    for branch in schema.get("anyOf", ()):
        if branch.get("type") == "array":
            branch["minItems"] = 1
            branch["maxItems"] = max_articles
    return schema, schema.pop("$defs", {})


class BodyTooLarge(Exception):
    """The request is over a limit; the message says which and what to do."""


class InvalidBody(Exception):
    """The body cannot be used; ``errors`` are FastAPI-style ``{loc, msg, type}`` dicts."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors[0]["msg"] if errors else "invalid body")
        self.errors = errors


async def read_bounded(
    content_length: str | None, chunks: AsyncIterator[bytes], max_bytes: int
) -> bytes:
    """The whole body, or ``BodyTooLarge`` as soon as it passes ``max_bytes``."""
    if content_length and content_length.isdigit() and int(content_length) > max_bytes:
        raise BodyTooLarge(f"request body is {content_length} bytes; the limit is {max_bytes}")
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise BodyTooLarge(f"request body is over the limit of {max_bytes} bytes")
        parts.append(chunk)
    return b"".join(parts)


@dataclass(frozen=True)
class Batch:
    """A validated body: its records, and notes on what in it was not read (the answer's
    ``notes``)."""

    records: list[ArticleIn]
    notes: tuple[str, ...] = ()


def unread_notes(data: object) -> tuple[str, ...]:
    """The note naming the body's fields no article field reads where one looks misspelt, as
    ``newsdigest ingest`` says it ("field not read: 'titel' (did you mean 'title'?)"): such a
    field had been dropped without a word (pydantic's ``extra="ignore"``), the article stored
    untitled or undated and the client told nothing."""
    from newsdigest.ingest.jsonl import misspelt_fields_note

    records = data if isinstance(data, list) else [data]
    unread = dict.fromkeys(
        key
        for record in records
        if isinstance(record, dict)
        for key in record
        if key not in ArticleIn.model_fields
    )
    note = misspelt_fields_note(unread)
    return (note,) if note is not None else ()


def parse_articles(body: bytes, max_articles: int) -> list[ArticleIn]:
    """Validate the whole batch; every bad field of every article is reported, none is kept."""
    return read_batch(body, max_articles).records


def read_batch(body: bytes, max_articles: int) -> Batch:
    """``parse_articles``, with the notes on the body's unread fields."""
    try:
        # RFC 8259: JSON between systems is UTF-8; a byte-order mark before it may be ignored
        # (Windows tools write one: the body had been refused as malformed)
        data = loads_bounded(body.decode("utf-8-sig"), DEFAULT_LIMITS.max_json_depth)
    except JsonTooDeep as exc:
        raise InvalidBody([{"loc": ["body"], "msg": str(exc), "type": "json_invalid"}]) from exc
    except UnicodeDecodeError as exc:
        raise InvalidBody(
            [{"loc": ["body"], "msg": f"body is not UTF-8: {exc.reason}", "type": "json_invalid"}]
        ) from exc
    except json.JSONDecodeError as exc:
        raise InvalidBody(
            [
                {
                    "loc": ["body"],
                    "msg": f"malformed JSON: {exc.msg}: line {exc.lineno} column {exc.colno}",
                    "type": "json_invalid",
                }
            ]
        ) from exc
    if isinstance(data, list):
        if len(data) > max_articles:
            raise BodyTooLarge(
                f"{len(data)} articles in one request; the limit is {max_articles}, split the batch"
            )
        if not data:
            raise InvalidBody(
                [{"loc": ["body"], "msg": "empty list: no articles", "type": "too_short"}]
            )
    try:
        parsed = _BODY.validate_python(data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors(include_url=False, include_input=False, include_context=False):
            loc = list(err["loc"])
            # the union tries "one object" and "a list"; report the branch the client meant
            if loc and loc[0] == "ArticleIn" and isinstance(data, list):
                continue
            if loc and loc[0] == "list[ArticleIn]" and not isinstance(data, list):
                continue
            if loc and loc[0] in ("ArticleIn", "list[ArticleIn]"):
                loc = loc[1:]
            # our validators' reasons as they are written: pydantic puts "Value error, " first
            msg = err["msg"].removeprefix("Value error, ")
            errors.append({"loc": ["body", *loc], "msg": msg, "type": err["type"]})
        raise InvalidBody(
            errors or [{"loc": ["body"], "msg": str(exc), "type": "invalid"}]
        ) from exc
    return Batch(parsed if isinstance(parsed, list) else [parsed], unread_notes(data))


def is_list_body(body: bytes) -> bool:
    """Whether a body ``parse_articles`` accepted is a JSON array: its first character past a
    byte-order mark and JSON's white space."""
    return body.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")[:1] == b"["


def one_record_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Errors of a body that is one object, located as pydantic locates them (``body.text``):
    the stages after validation number records as a batch's (``body[0].text``)."""
    out = []
    for err in errors:
        loc = list(err.get("loc", ()))
        if loc[:2] == ["body", 0]:
            loc = ["body", *loc[2:]]
        out.append({**err, "loc": loc})
    return out


def error_line(errors: list[dict[str, Any]]) -> str:
    """'body[2].text: Field required', 'query.offset: ...' — the one line a human reads first."""
    parts = []
    for err in errors[:5]:
        loc = err["loc"] or ["body"]
        where = str(loc[0])  # where the value came from: body, query, path, header
        for p in loc[1:]:
            where += f"[{p}]" if isinstance(p, int) else f".{p}"
        parts.append(f"{where}: {err['msg']}")
    more = f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""
    return "; ".join(parts) + more
