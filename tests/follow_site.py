"""A real web site on 127.0.0.1 for the follower's tests and benchmark: a threaded
``http.server`` whose pages are set per path, with ETag/Last-Modified validators, 304s, slow or
failing answers and a log of every request (path, headers, time). No mocks: real sockets."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Tue, 14 May 2019 18:00:00 GMT"


@dataclass
class Route:
    """What one path answers. ``statuses``: answers to give first (e.g. a 429 then 200)."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    validators: bool = False  # send ETag + Last-Modified and answer 304 when they match
    statuses: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # a slow-drip server: ``drip`` seconds between writes, over the body's bytes, or (with
    # ``drip_headers``) over as many padding header lines before an ordinary body
    drip: float = 0.0
    drip_headers: bool = False


@dataclass(frozen=True)
class Hit:
    path: str
    headers: dict[str, str]
    at: float  # when the request arrived (monotonic)
    status: int


class Site:
    """Routes by path plus the request log; ``url(path)`` is the full address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route | Callable[[], Route]] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **kw: object) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **kw)  # type: ignore[arg-type]

    def paths(self, status: int | None = None) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits if status is None or h.status == status]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.arrived = time.monotonic()
            route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
            if callable(route):
                route = route()
            if route is None:
                self._send(404, {}, b"not found", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.statuses:
                status, headers = route.statuses.pop(0)
                self._send(status, headers, b"busy", "text/plain")
                return
            if route.drip:
                self._drip(route)
                return
            headers = dict(route.headers)
            if route.validators:
                etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                headers |= {"ETag": etag, "Last-Modified": LAST_MODIFIED}
                if self.headers.get("If-None-Match") == etag or (
                    not self.headers.get("If-None-Match")
                    and self.headers.get("If-Modified-Since") == LAST_MODIFIED
                ):
                    self._send(304, headers, b"", route.content_type)
                    return
            self._send(route.status, headers, route.body, route.content_type)

        def _send(self, status: int, headers: dict[str, str], body: bytes, ctype: str) -> None:
            with site.lock:
                site.hits.append(Hit(self.path, dict(self.headers), self.arrived, status))
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                for k, v in headers.items():
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def _drip(self, route: Route) -> None:
            with site.lock:
                site.hits.append(Hit(self.path, dict(self.headers), self.arrived, 200))
            head = f"HTTP/1.1 200 OK\r\nContent-Type: {route.content_type}\r\n"
            head += f"Content-Length: {len(route.body)}\r\n"
            pieces = [head.encode("latin-1")]
            if route.drip_headers:
                pieces += [f"X-Pad-{i}: x\r\n".encode() for i in range(len(route.body))]
                pieces += [b"\r\n" + route.body]
            else:
                pieces += [b"\r\n"] + [route.body[i : i + 1] for i in range(len(route.body))]
            try:
                for piece in pieces:
                    self.wfile.write(piece)
                    self.wfile.flush()
                    time.sleep(route.drip)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up

    return Handler


@contextmanager
def serving_site(site: Site | None = None) -> Iterator[Site]:
    """``site`` served on a free loopback port until the block ends."""
    site = site or Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def rss2(items: list[tuple[str, str, str | None]], title: str = "Feed") -> str:
    """An RSS 2.0 feed of (title, link, RFC 822 date or None) items."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link>"
        + (f"<pubDate>{d}</pubDate>" if d else "")
        + "</item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.com/</link><description>d</description>"
        f"{body}</channel></rss>"
    )


def rss1(items: list[tuple[str, str, str | None]]) -> str:
    """An RSS 1.0 (RDF) feed of (title, link, ISO date or None) items."""
    seq = "".join(f'<rdf:li rdf:resource="{link}"/>' for _, link, _ in items)
    body = "".join(
        f'<item rdf:about="{link}"><title>{t}</title><link>{link}</link>'
        + (f"<dc:date>{d}</dc:date>" if d else "")
        + "</item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="http://example.com/"><title>RDF</title><link>http://example.com/</link>'
        f"<description>d</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>{body}"
        "</rdf:RDF>"
    )


def atom(items: list[tuple[str, str, str | None]]) -> str:
    """An Atom feed of (title, link, ISO date or None) items."""
    body = "".join(
        f'<entry><title>{t}</title><link rel="alternate" href="{link}"/><id>{link}</id>'
        + (f"<published>{d}</published><updated>{d}</updated>" if d else "")
        + "</entry>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom</title><id>urn:x</id><updated>2019-05-14T00:00:00Z</updated>"
        f"{body}</feed>"
    )


def opml(feeds: list[str]) -> str:
    outlines = "".join(
        f'<outline type="rss" text="f{i}" xmlUrl="{u}"/>' for i, u in enumerate(feeds)
    )
    return (
        '<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>'
        f'<outline text="News">{outlines}</outline></body></opml>'
    )


def sitemap(urls: list[tuple[str, str | None]]) -> str:
    """A news sitemap of (loc, ISO publication date or None)."""
    body = "".join(
        f"<url><loc>{u}</loc>"
        + (
            f"<news:news><news:publication_date>{d}</news:publication_date></news:news>"
            if d
            else ""
        )
        + "</url>"
        for u, d in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{body}</urlset>"
    )


def sitemap_index(children: list[str]) -> str:
    body = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in children)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'
    )
