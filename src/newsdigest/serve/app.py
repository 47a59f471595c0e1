"""The web app: server-rendered story pages, their JSON twins, and the JSON API, over one Store.

Like datasette, every HTML page has a JSON twin (``/stories/{id}.json`` or ``?format=json``) and
the API answers with the same dicts as ``newsdigest stories --format json`` (``serialize.py``).
"""

from __future__ import annotations

import difflib
import hashlib
import json as jsonlib
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from functools import partial
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import AfterValidator, BaseModel, BeforeValidator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from newsdigest.config import StoryConfig, checked_story_config
from newsdigest.errors import StoreError
from newsdigest.model import Story, StoryRow
from newsdigest.serialize import story_to_dict
from newsdigest.serve.guard import host_rules, write_refusal
from newsdigest.serve.ingest import PostReport, StoredUnfinished, ingest_records, public_failure
from newsdigest.serve.intake import (
    MAX_ARTICLES,
    MAX_BODY_BYTES,
    BodyTooLarge,
    InvalidBody,
    body_schema,
    error_line,
    is_list_body,
    one_record_errors,
    read_batch,
    read_bounded,
)
from newsdigest.serve.middleware import HeadAsGet, HostGuard
from newsdigest.serve.public_error import public_reason
from newsdigest.serve.schemas import PostAnswer, SearchAnswer, StoryList, StoryOut
from newsdigest.serve.templating import environment
from newsdigest.serve.views import (
    FRONT_CANDIDATES,
    front_lines,
    rank_rows,
    row_json,
    source_lines,
    story_page,
)
from newsdigest.store.base import Store
from newsdigest.timeutil import parse_since

PAGE_SIZE = 50
RENDERED_PAGES = 1024  # ~20 KB each
MAX_PAGE_SIZE = 500
# seconds a client is told to wait after a store locked by another writer (SQLite's own wait
# for the lock is a few seconds: one more such wait is a fair next try)
LOCKED_RETRY_AFTER_S = 5
# a store on a full disk (SQLite's words, PostgreSQL's): the server's state, as a lock is, but
# one that does not pass by itself: 507 Insufficient Storage, no time to retry
DISK_FULL = ("database or disk is full", "No space left on device")


def retrying(answer: Response, retry_after_s: int | None) -> Response:
    """``answer``, telling the client when to try again where there is a time for it."""
    if retry_after_s is not None:
        answer.headers["Retry-After"] = str(retry_after_s)
    return answer


def store_failure_status(reason: str) -> tuple[int, int | None]:
    """The status of a store failure, and the seconds after which to try again (or None)."""
    if "database is locked" in reason:
        return 503, LOCKED_RETRY_AFTER_S
    if any(words in reason for words in DISK_FULL):
        return 507, None
    return (503 if "permission denied" in reason else 500), None


# SQLite and PostgreSQL take 64-bit offsets; 2**63 overflowed into a 500. No list is this long.
MAX_OFFSET = 1_000_000_000

# Article text is untrusted: besides escaping, the pages forbid inline script and any foreign
# origin, so a missed escape still could not run code.
HTML_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
JSON_HEADERS = {"X-Content-Type-Options": "nosniff"}


# a parameter a JSON client may add to every address so no cache answers it (jQuery's
# ``cache: false`` adds ``_=<time>``): not a typo, never refused
CACHE_BUSTERS = frozenset({"_"})


def query_names(dependant: Any) -> set[str]:
    """The query parameters an endpoint declares, its dependencies' included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= query_names(sub)
    return names


def unknown_query(request: Request, known: set[str]) -> list[dict[str, Any]]:
    """A validation error per query parameter the address does not take, with the nearest
    name it does take ("sinse": did you mean since?)."""
    errors: list[dict[str, Any]] = []
    for name in dict.fromkeys(request.query_params.keys()):
        if name in known or name in CACHE_BUSTERS:
            continue
        if name == "format" and request.query_params.get(name) == "json":
            continue  # a JSON address asked for JSON: nothing to refuse
        near = difflib.get_close_matches(name.lower(), sorted(known), n=1, cutoff=0.6)
        takes = ", ".join(sorted(known)) if known else "no parameter"
        hint = f"did you mean {near[0]}? " if near else ""
        msg = f"unknown parameter ({hint}this address takes {takes})"
        errors.append({"loc": ("query", name[:40]), "msg": msg, "type": "extra_forbidden"})
    return errors


def repeated_query(request: Request, known: set[str]) -> list[dict[str, Any]]:
    """A validation error per parameter the address takes that is given twice with different
    values: ``?limit=1&limit=2`` had been answered with one of them, the client not told
    which (the same value twice is no question, and a cache-buster may change freely)."""
    errors: list[dict[str, Any]] = []
    for name in dict.fromkeys(request.query_params.keys()):
        if name not in known or name in CACHE_BUSTERS:
            continue
        values = list(dict.fromkeys(request.query_params.getlist(name)))
        if len(values) > 1:
            shown = ", ".join(repr(v[:40]) for v in values[:3])
            more = f" and {len(values) - 3} more" if len(values) > 3 else ""
            msg = f"given more than once with different values ({shown}{more}); give it once"
            errors.append({"loc": ("query", name), "msg": msg, "type": "repeated"})
    return errors


class ErrorLine(BaseModel):
    """A refused request: ``error`` is the one line to show; ``detail`` may say more."""

    error: str
    detail: Any = None


NOT_FOUND_JSON: dict[int | str, dict[str, Any]] = {
    404: {"description": "No story with this id", "model": ErrorLine}
}
# the answers' shapes, for /openapi.json: the handlers send serialize.py's dicts as they are
ONE_STORY: dict[int | str, dict[str, Any]] = {
    200: {"description": "The story (docs/schema.md)", "model": StoryOut},
    **NOT_FOUND_JSON,
}
STORY_LIST: dict[int | str, dict[str, Any]] = {
    200: {"description": "One page of the story list", "model": StoryList}
}
NOT_FOUND_HTML: dict[int | str, dict[str, Any]] = {
    404: {"description": "No story with this id (an HTML page)", "content": {"text/html": {}}}
}


def iso_text(value: object) -> object:
    """Only ISO text is a ``since`` (pydantic would read ``0`` or ``1700000000`` as seconds
    since 1970, which neither the CLI nor the Python API takes)."""
    if isinstance(value, str) and not re.match(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("an ISO date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM...)")
    return value


SINCE_HELP = (
    "only stories with an article published then or later: an ISO date or date-time "
    "(naive = UTC), as `newsdigest stories --since`"
)


def create_app(
    store: Store,
    *,
    max_body_bytes: int = MAX_BODY_BYTES,
    max_articles: int = MAX_ARTICLES,
    ingest: Callable[[Store, Sequence[Any]], PostReport] | None = None,
    allowed_hosts: Iterable[str] | None = None,
    config: StoryConfig | None = None,
) -> FastAPI:
    """A FastAPI app serving ``store``; the caller owns the store and closes it.

    ``config``: the story settings ``POST /api/articles`` builds stories with (default
    ``StoryConfig()``); stories the store built with other settings are rebuilt at the next
    intake, as ``newsdigest stories`` does. ``ingest`` replaces the intake itself (tests).

    ``allowed_hosts``: the Host names (``name`` or ``name:port``; ``*`` for any) requests may
    be addressed to; by default the address the server is bound to and localhost, 127.0.0.1,
    [::1]. Behind a proxy or on a LAN name, list the names users type.
    """
    rules = host_rules(allowed_hosts)  # a malformed entry fails here, not per request
    if config is not None:
        config = checked_story_config(config)  # a name that names nothing: refused now
    intake = ingest or partial(ingest_records, config=config)
    takes_format: set[Callable[..., Any]] = set()  # the pages that read ``?format=`` by hand

    def known_query(request: Request) -> None:
        """A JSON answer's unknown query parameter is a 422 naming it: a typo had changed the
        answer silently (``/api/stories?sinse=2024-01-01`` listed every story). An HTML page
        takes any (links shared with ``utm_source`` or ``fbclid`` still open)."""
        route = request.scope.get("route")
        dependant = getattr(route, "dependant", None)
        if dependant is None:
            return
        known = query_names(dependant)
        if getattr(route, "endpoint", None) in takes_format:
            known.add("format")
        # a page's own parameters too: ``?format=json&format=html`` had been the page
        errors = repeated_query(request, known)
        if is_api(request):
            errors += unknown_query(request, known)
        if errors:
            raise RequestValidationError(errors)

    # the Swagger UI's script and style are served from the installed package: /docs works offline
    app = FastAPIOffline(
        title="newsdigest",
        summary="Cited story digests over a news store.",
        description=(
            "Stories (groups of articles about one event) with their cited digests, and an "
            "endpoint to feed articles. Every HTML page has a JSON twin."
        ),
        version="1",
        redoc_url=None,
        dependencies=[Depends(known_query)],
    )
    app.add_middleware(HeadAsGet)
    app.add_middleware(HostGuard, rules=rules)  # added last: runs first
    env = environment()
    # Ingest (cleaning, clustering, summarizing) must not interleave with itself: the clustering
    # state is read, extended and written back. Reads never take this lock: they would wait a
    # whole clustering run (issue 12: GET p50 8.6 s during POST bursts). The store keeps its own
    # reads and writes safe across threads.
    ingest_lock = threading.Lock()
    # guards the page cache below; held for a dict operation, never around I/O
    cache_lock = threading.Lock()
    app.mount(
        "/static", StaticFiles(directory=str(files("newsdigest.serve") / "static")), name="static"
    )

    def html(template: str, code: int = 200, **context: Any) -> HTMLResponse:
        body = env.get_template(template).render(**context)
        return HTMLResponse(body, status_code=code, headers=HTML_HEADERS)

    def json(data: Any, status: int = 200) -> JSONResponse:
        # every dict served is JSON-native already (serialize.py, StoryRow.to_json)
        return JSONResponse(data, status_code=status, headers=JSON_HEADERS)

    def wants_json(request: Request) -> bool:
        return request.query_params.get("format") == "json"

    def page_format_json(request: Request) -> bool:
        """Whether a page is asked for as its JSON twin (``?format=json``); a format the pages
        do not have is a 422 naming it (``?format=markdown`` had answered the HTML page)."""
        fmt = request.query_params.get("format")
        if fmt not in (None, "html", "json"):
            msg = f"unknown format {fmt[:40]!r}; a page is html or json"
            raise RequestValidationError([{"loc": ("query", "format"), "msg": msg, "type": "enum"}])
        return fmt == "json"

    rendered: OrderedDict[str, tuple[bytes, str]] = OrderedDict()  # story id -> (key, page)

    def fetch_rows(
        offset: int, limit: int, since: datetime | None = None
    ) -> tuple[list[StoryRow], bool]:
        """One page of the list, newest first, and whether there is a next page (the store
        keeps each story's list figures, so no story is loaded)."""
        found = store.story_rows(limit=limit + 1, offset=offset, since=since)
        return found[:limit], len(found) > limit

    def list_json(
        offset: int, limit: int, path: str = "/api/stories", since: datetime | None = None
    ) -> dict[str, Any]:
        """The list as JSON; ``next`` stays on the address asked (``/stories.json`` had
        pointed on to ``/api/stories``), ``since`` with it (aware UTC: the route's
        ``parse_since`` made it so)."""
        rows, more = fetch_rows(offset, limit, since)
        page = {"since": since.isoformat()} if since is not None else {}
        return {
            "stories": [row_json(r) for r in rows],
            "offset": offset,
            "limit": limit,
            "next": (
                f"{path}?{urlencode({**page, 'offset': offset + limit, 'limit': limit})}"
                if more and offset + limit <= MAX_OFFSET
                else None
            ),
            "front_page": front_json(offset, limit),
            "sources": [line.to_json() for line in source_lines(store.source_states())],
        }

    def get_story(story_id: str) -> Story:
        story = store.get_story(story_id)
        if story is None:
            raise HTTPException(404, f"no story with id {story_id!r}")
        return story

    def is_api(request: Request) -> bool:
        path = request.url.path
        return path.startswith("/api/") or path.endswith(".json") or wants_json(request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405 and "Allow" in headers:
            allowed = {m.strip() for m in headers["Allow"].split(",")}
            if "GET" in allowed:
                allowed.add("HEAD")  # HeadAsGet answers HEAD wherever GET is served
            headers["Allow"] = ", ".join(sorted(allowed))
        if is_api(request):
            # every JSON error carries its one line in ``error``, a 404 or 405 as a 422 does
            line = str(exc.detail)
            response: Response = json({"error": line, "detail": exc.detail}, exc.status_code)
        else:
            response = html(
                "error.html",
                exc.status_code,
                status=exc.status_code,
                message=exc.detail,
                json_url=None,  # an error page has no JSON twin: "/" is no JSON
            )
        response.headers.update(headers)
        return response

    def failure(
        request: Request, status: int, message: str, retry_after_s: int | None = None
    ) -> Response:
        answer: Response = (
            json({"error": message, "detail": message}, status)
            if is_api(request)
            else html("error.html", status, status=status, message=message, json_url=None)
        )
        return retrying(answer, retry_after_s)

    @app.exception_handler(StoreError)
    @app.exception_handler(sqlite3.Error)
    async def store_error(request: Request, exc: Exception) -> Response:
        # why, in the store's words, less its location: a path or URL names the db, no more
        writing = request.method == "POST"
        what = "could not store the articles" if writing else "could not read the stories"
        reason = public_reason(str(exc))
        # a store locked by another writer past the wait, or one this user may not write (its
        # message says what to do), is the server's state, not a fault in it: 503 (a full
        # disk 507); only the lock passes by itself, so only it says when to try again (a
        # client that retries a read-only store would retry for ever); a damaged store is 500
        status, retry_after_s = store_failure_status(reason)
        return failure(request, status, f"{what}: {reason}", retry_after_s=retry_after_s)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # the traceback goes to the server's log (uvicorn logs the exception), not to the client
        message = f"internal error ({type(exc).__name__}); the server log has the details"
        return failure(request, 500, message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return json({"error": error_line(errors), "detail": errors}, 422)

    # ---- HTML pages and their JSON twins -------------------------------------------------

    @app.get("/", response_class=HTMLResponse, summary="Story list (HTML)", tags=["pages"])
    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def index(
        request: Request,
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    ) -> Response:
        if page_format_json(request):
            return json(list_json(offset, limit, "/stories.json"))
        ranked, singles, more = front(offset, limit)
        now = datetime.now(timezone.utc)
        return html(
            "stories.html",
            rows=front_lines(ranked, now),
            singles=front_lines(singles, now),
            offset=offset,
            prev_url=f"/?offset={max(offset - limit, 0)}&limit={limit}" if offset else None,
            next_url=(
                f"/?offset={offset + limit}&limit={limit}"
                if more and offset + limit <= MAX_OFFSET
                else None
            ),
            json_url=f"/stories.json?offset={offset}&limit={limit}",
            sources=source_lines(store.source_states()),  # followed feeds (serve --follow)
        )

    # ---- front page (ranked by size and recency, single-article stories apart) and search

    def front(offset: int, limit: int) -> tuple[list[StoryRow], list[StoryRow], bool]:
        ranked = rank_rows(store.story_rows(limit=FRONT_CANDIDATES, min_articles=2))
        singles = store.story_rows(limit=limit + 1, offset=offset, max_articles=1)
        more = len(ranked) > offset + limit or len(singles) > limit
        return ranked[offset : offset + limit], singles[:limit], more

    def front_json(offset: int, limit: int) -> dict[str, Any]:
        ranked, singles, _ = front(offset, limit)
        return {
            "stories": [row_json(r) for r in ranked],
            "more_coverage": [row_json(r) for r in singles],
        }

    def search_json(q: str, offset: int, limit: int) -> tuple[dict[str, Any], list[StoryRow]]:
        found = store.search_stories(q, limit=limit + 1, offset=offset)
        nxt = f"/search.json?{urlencode({'q': q, 'offset': offset + limit, 'limit': limit})}"
        return {
            "q": q,
            "stories": [row_json(r) for r in found[:limit]],
            "offset": offset,
            "limit": limit,
            "next": nxt if len(found) > limit else None,
        }, found[:limit]

    @app.get("/search", response_class=HTMLResponse, summary="Search (HTML)", tags=["pages"])
    def search_html(
        request: Request,
        q: str = Query("", max_length=200),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    ) -> Response:
        data, found = search_json(q, offset, limit)
        if page_format_json(request):
            return json(data)
        page = {"q": q, "limit": limit}
        return html(
            "search.html",
            q=q,
            rows=front_lines(found, datetime.now(timezone.utc)),
            offset=offset,
            prev_url=f"/search?{urlencode({**page, 'offset': max(offset - limit, 0)})}"
            if offset
            else None,
            next_url=f"/search?{urlencode({**page, 'offset': offset + limit})}"
            if data["next"]
            else None,
            json_url=f"/search.json?{urlencode({**page, 'offset': offset})}",
        )

    @app.get("/search.json", summary="Search (JSON twin of /search)", tags=["pages"],
             responses={200: {"model": SearchAnswer, "description": "Matching stories"}})  # fmt: skip
    def search_json_twin(
        q: str = Query("", max_length=200),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
    ) -> Response:
        return json(search_json(q, offset, limit)[0])

    # the API and the pages' JSON twins answer alike: one handler each, two routes
    @app.get("/stories.json", summary="Story list (JSON twin of /)", tags=["pages"],
             responses=STORY_LIST)  # fmt: skip
    @app.get("/api/stories", summary="Stories, newest first", tags=["api"],
             responses=STORY_LIST)  # fmt: skip
    def index_json(
        request: Request,
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE),
        since: Annotated[
            datetime | None,
            BeforeValidator(iso_text),
            AfterValidator(parse_since),  # a time no UTC time can hold: a 422, not a 500
            Query(description=SINCE_HELP),
        ] = None,
    ) -> Response:
        return json(list_json(offset, limit, request.url.path, since))

    @app.get("/stories/{story_id}.json", summary="Story (JSON twin of the page)", tags=["pages"],
             responses=ONE_STORY)  # fmt: skip
    @app.get("/api/stories/{story_id}", summary="One story with its cited digest", tags=["api"],
             responses=ONE_STORY)  # fmt: skip
    def story_json_twin(story_id: str) -> Response:
        return json(story_to_dict(get_story(story_id)))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="Story page (HTML)",
             tags=["pages"], responses=NOT_FOUND_HTML)  # fmt: skip
    def story_html(request: Request, story_id: str) -> Response:
        story = get_story(story_id)
        data = story_to_dict(story, with_text=True)
        if page_format_json(request):
            return json(story_to_dict(story))
        # a rendered page is reused while the story is unchanged, whoever changed it
        key = hashlib.blake2b(jsonlib.dumps(data, sort_keys=True).encode(), digest_size=16)
        with cache_lock:
            body = rendered.get(story.id)
            if body is not None:
                rendered.move_to_end(story.id)
        if body is None or body[0] != key.digest():
            page = env.get_template("story.html").render(
                page=story_page(story), json_url=f"/stories/{story.id}.json"
            )
            body = (key.digest(), page)
            with cache_lock:
                rendered[story.id] = body
                if len(rendered) > RENDERED_PAGES:
                    rendered.popitem(last=False)
        return HTMLResponse(body[1], headers=HTML_HEADERS)

    takes_format.update({index, search_html, story_html})

    # ---- JSON API ----------------------------------------------------------------------

    schema, defs = body_schema(max_articles)

    @app.post(
        "/api/articles",
        summary="Ingest one article or a batch; stories are updated",
        description=(
            f"One JSON object or a list of at most {max_articles}; at most {max_body_bytes} bytes. "
            "A batch is all-or-nothing: any invalid article rejects the request (422, naming "
            "the article index and field) and nothing is stored. Re-sending an article stores "
            "nothing new (idempotent by content hash and URL). Only `Content-Type: "
            "application/json` is accepted, and a browser may send it only from this server's "
            "own pages (cross-site writes are refused)."
        ),
        tags=["api"],
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}},
        responses={
            200: {"description": "What was stored and which stories changed", "model": PostAnswer},
            403: {"description": "A cross-site write (foreign Origin or Referer)", "model": ErrorLine},
            413: {"description": "Body or batch over the limit; nothing stored", "model": ErrorLine},
            415: {"description": "Content-Type is not application/json", "model": ErrorLine},
            422: {"description": "Malformed JSON or an invalid article; nothing stored", "model": ErrorLine},
            500: {"description": "The store could not be written; nothing stored, unless the answer lists articles `stored` (stored, but their stories not updated or not read back, for the store's fault or another: `error` says which and why)", "model": ErrorLine},
            503: {"description": "The store is locked (`Retry-After`) or read-only to the server; as 500", "model": ErrorLine},
            507: {"description": "The store's disk is full; as 500", "model": ErrorLine},
        },
    )  # fmt: skip
    async def api_articles(request: Request) -> Response:
        refused = write_refusal(request.headers)
        if refused is not None:
            status, reason = refused
            return json({"error": reason, "detail": reason}, status)
        try:
            body = await read_bounded(
                request.headers.get("content-length"), request.stream(), max_body_bytes
            )
            batch = read_batch(body, max_articles)
            records = batch.records
        except ClientDisconnect:
            # gone before its body was whole: nothing stored and no one to answer (it had been
            # an "Exception in ASGI application" traceback in the server's log, per request)
            reason = "the client disconnected before sending the whole body"
            return json({"error": reason, "detail": reason}, 400)
        except BodyTooLarge as exc:
            return json({"error": str(exc), "detail": str(exc)}, 413)
        except InvalidBody as exc:
            return json({"error": error_line(exc.errors), "detail": exc.errors}, 422)

        def run() -> PostReport:
            with ingest_lock:
                return intake(store, records)

        try:
            report = await run_in_threadpool(run)
        except InvalidBody as exc:
            errors = exc.errors if is_list_body(body) else one_record_errors(exc.errors)
            return json({"error": error_line(errors), "detail": errors}, 422)
        except StoredUnfinished as exc:
            reason = public_failure(exc.error)
            status, retry_after_s = (
                store_failure_status(reason)
                if isinstance(exc.error, StoreError | sqlite3.Error)
                else (500, None)
            )
            n = len(exc.report.stored)
            message = (
                f"stored {n} article{'' if n == 1 else 's'}, but {exc.unfinished}: {reason} "
                f"({exc.then})"
            )
            answer = json(
                {**exc.report.to_json(), "notes": list(batch.notes), "error": message,
                 "detail": message},
                status,
            )  # fmt: skip
            return retrying(answer, retry_after_s)
        return json({**report.to_json(), "notes": list(batch.notes)})

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            doc.setdefault("components", {}).setdefault("schemas", {}).update(defs)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
