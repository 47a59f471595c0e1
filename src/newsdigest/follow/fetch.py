"""Polite HTTP for the follower: robots.txt honoured, one request per host per interval, a
User-Agent that names us, timeouts, bounded retries on 429/503 (Retry-After honoured), redirects
followed by hand (each hop checked against robots and counted), and a cap on page size.

One ``Fetcher`` is shared by a whole round (and by the server's follow thread): it holds the
HTTP connection pool, the robots rules per host and each host's next allowed request time.
"""

from __future__ import annotations

import codecs
import re
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from newsdigest import __version__
from newsdigest.errors import FetchError
from newsdigest.follow.deadline import Deadline, apply_deadline
from newsdigest.gunzip import (
    GZIP_MAGIC,
    GZIP_WBITS,
    MAX_GZIP_LAYERS,
    GunzipError,
    GzipMembers,
    gunzip_layers,
)

USER_AGENT = f"newsdigest/{__version__} (+https://github.com/newsdigest/newsdigest; follow)"
ROBOTS_AGENT = "newsdigest"
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
ROBOTS_TTL_S = 3600.0
ROBOTS_RETRY_S = 60.0
# RFC 9309 2.5: a crawler parses at least the first 500 KiB of a robots.txt; the rest is left
# unread, as Google's parser leaves it (a longer one, refused whole, had kept every page of
# its host from being followed: "robots.txt ... could not be read (larger than 500000 bytes)")
ROBOTS_PARSED_BYTES = 500 * 1024


@dataclass(frozen=True)
class Politeness:
    """How hard the follower may press one host.

    ``rate``: requests per second per host (default 1). ``retries``: extra tries after a 429 or
    503; the wait is the server's Retry-After, else ``backoff`` doubled each try, never more than
    ``max_wait``. ``timeout``: seconds to connect and between bytes. ``deadline``: seconds for
    one whole exchange, headers and body (a server sending a byte every few seconds had held a
    round for hours). ``max_bytes``: the largest body read (a feed, a sitemap or a page).
    """

    rate: float = 1.0
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0
    max_wait: float = 60.0
    deadline: float = 120.0
    max_bytes: int = MAX_BYTES
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        if (
            min(self.rate, self.timeout, self.deadline) <= 0
            or self.max_bytes < 1
            or self.retries < 0
        ):
            raise ValueError("rate, timeout, deadline and max_bytes must be positive, retries >= 0")


@dataclass(frozen=True)
class Fetched:
    """One answer: ``status`` 200 with the body, or 304 (not modified) without one."""

    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _HostClock:
    """Each host's next allowed request time (monotonic seconds). The next slot is set when a
    request leaves, so a request delayed by a busy machine never lets the next one follow it
    closer than the interval; hosts wait independently of each other."""

    interval: float
    next_at: dict[str, float] = field(default_factory=dict)
    hosts: dict[str, threading.Lock] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str, sleep: Callable[[float], None]) -> None:
        with self.lock:
            host_lock = self.hosts.setdefault(host, threading.Lock())
        with host_lock:
            delay = self.next_at.get(host, 0.0) - time.monotonic()
            if delay > 0:
                sleep(delay)
            self.next_at[host] = time.monotonic() + self.interval


def robots_text(body: bytes) -> str:
    """A robots.txt's rules as text: UTF-8 (RFC 9309) with the byte-order mark a Windows
    editor writes left out, as Google's parser leaves it (read into the first line, it made
    "User-agent" another word, and the group that line opens, its Disallow lines with it,
    was ignored: pages it forbids were fetched); UTF-16 by its mark."""
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", errors="replace")
    return body.decode("utf-8-sig", errors="replace")


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²" is a digit to str.isdigit, not to float
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """GETs for one follower; thread-safe. Close it (or use ``with``) to free its connections."""

    def __init__(
        self,
        politeness: Politeness | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.politeness = p = politeness or Politeness()
        self._sleep = sleep
        self._clock = _HostClock(1.0 / p.rate)
        # per origin: when read, and its rules or why they could not be read
        self._robots: dict[str, tuple[float, Protego | str]] = {}
        self._robots_lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(p.timeout),
            follow_redirects=False,
        )
        self._deadline = Deadline()
        apply_deadline(self._client, self._deadline)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- robots.txt ---------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url`` (fetched once per host per hour).

        As RFC 9309 says: no robots.txt (4xx) allows everything; a host whose robots.txt cannot
        be read (5xx, network error) is left alone until it can.
        """
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            cached = self._robots.get(origin)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL_S:
            rules = self._read_robots(origin)
            # an unreadable robots.txt is asked for again after a minute, not an hour
            unread = isinstance(rules, str)
            when = time.monotonic() - (ROBOTS_TTL_S - ROBOTS_RETRY_S if unread else 0)
            cached = (when, rules)
            with self._robots_lock:
                self._robots[origin] = cached
        rules = cached[1]
        if isinstance(rules, str):
            # with its reason: a host that refused every connection had read as a robots.txt
            # fault alone
            raise FetchError(
                url, f"robots.txt of {origin} could not be read ({rules})", host=origin
            )
        return bool(rules.can_fetch(url, ROBOTS_AGENT))

    def _read_robots(self, origin: str) -> Protego | str:
        """The host's rules, or why they could not be read."""
        most = max(self.politeness.max_bytes, ROBOTS_PARSED_BYTES)
        try:
            got = self._get(f"{origin}/robots.txt", {}, check_robots=False, max_bytes=most)
        except FetchError as err:
            status = getattr(err, "status", None)
            if status is not None and 400 <= status < 500:
                return Protego.parse("")
            return err.reason
        return Protego.parse(robots_text(got.body[:ROBOTS_PARSED_BYTES]))

    # ---- GET ----------------------------------------------------------------------------

    def get(self, url: str, validators: Mapping[str, str] | None = None) -> Fetched:
        """The body of ``url`` (or a 304 when ``validators`` still hold); ``FetchError``, one
        line naming the URL, for anything else."""
        headers = {}
        if validators:
            if validators.get("etag"):
                headers["If-None-Match"] = validators["etag"]
            if validators.get("last_modified"):
                headers["If-Modified-Since"] = validators["last_modified"]
        return self._get(url, headers, check_robots=True, max_bytes=self.politeness.max_bytes)

    def _get(
        self, url: str, headers: Mapping[str, str], *, check_robots: bool, max_bytes: int
    ) -> Fetched:
        seen: list[str] = []
        current = url
        _check_url(url)
        while True:
            if check_robots and not self.allowed(current):
                raise FetchError(url, f"disallowed by robots.txt ({current})")
            status, answer = self._get_once(current, headers, max_bytes)
            if status in (301, 302, 303, 307, 308):
                seen.append(current)
                target = answer.headers.get("location")
                if not target:
                    raise FetchError(url, f"HTTP {status} without a Location")
                current = urljoin(current, target)
                if current in seen:
                    loop = "to itself" if current == seen[-1] else f"of {len(seen)} addresses"
                    raise FetchError(url, f"redirect loop ({loop})", permanent=True)
                if len(seen) > MAX_REDIRECTS:
                    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects", permanent=True)
                if urlsplit(current).scheme not in ("http", "https"):
                    raise FetchError(url, f"redirect to a non-HTTP URL ({current})")
                continue
            return self._fetched(current, status, answer)

    def _get_once(
        self, url: str, headers: Mapping[str, str], max_bytes: int
    ) -> tuple[int, _Answer]:
        p = self.politeness
        host = urlsplit(url).netloc.lower()
        for attempt in range(p.retries + 1):
            self._clock.wait(host, self._sleep)
            answer = self._request(url, headers, max_bytes)
            if answer.status not in (429, 503) or attempt == p.retries:
                break
            wait = retry_after(answer.headers.get("retry-after"))
            if wait is None:
                wait = p.backoff * 2**attempt
            if wait > p.max_wait:
                raise FetchError(url, f"HTTP {answer.status}, Retry-After {wait:.0f} s is too long")
            self._sleep(wait)
        if answer.status in (200, 304) or 300 <= answer.status < 400:
            return answer.status, answer
        raise FetchError(url, f"HTTP {answer.status}", status=answer.status)

    def _request(self, url: str, headers: Mapping[str, str], max_bytes: int) -> _Answer:
        limit = self.politeness.deadline
        started = time.monotonic()
        try:
            with (
                self._deadline.within(limit),
                self._client.stream("GET", url, headers=dict(headers)) as response,
            ):
                declared = response.headers.get("content-length", "")
                if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(
                        url, f"larger than {max_bytes} bytes ({declared})", permanent=True
                    )
                chunks: list[bytes] = []
                size = 0
                if response.status_code == 200:
                    # as sent: the Content-Encoding is undone here, each layer bounded (as
                    # httpx's decoders do not bound what they inflate)
                    inflater = _Inflater(url, response.headers, max_bytes)
                    for chunk in response.iter_raw():
                        if self._deadline.passed():
                            raise httpx.ReadTimeout("the request's time limit is spent")
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(url, f"larger than {max_bytes} bytes", permanent=True)
                        chunks.append(inflater.feed(chunk))
                    inflater.finish()
                body = b"".join(chunks)
                if response.status_code == 200 and body.startswith(GZIP_MAGIC):
                    body = _gunzipped(url, body, max_bytes)
                return _Answer(response.status_code, response.headers, body)
        except httpx.TimeoutException:
            if time.monotonic() - started >= limit:
                raise FetchError(url, f"not done after {limit:g} s (too slow)") from None
            raise FetchError(url, f"timed out (after {self.politeness.timeout:g} s)") from None
        except httpx.InvalidURL as exc:
            raise FetchError(url, f"not a valid URL ({exc})") from None
        except UnicodeError as exc:
            # the host name as IDNA encodes it ("https://xn--/feed": idna's IDNAError, a
            # UnicodeError) had ended the whole round in a traceback
            raise FetchError(url, f"not a valid URL (its host name: {exc})") from None
        except httpx.HTTPError as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            bad_location = "Invalid URL in location header: "
            if reason.startswith(bad_location):  # httpx reads a redirect's target at once
                # it had been a "network error", tried again every round
                why = reason.removeprefix(bad_location).rstrip(".")
                raise FetchError(
                    url, f"redirect to a URL that is not valid ({why})", permanent=True
                ) from None
            raise FetchError(url, f"network error: {reason}") from None

    @staticmethod
    def _fetched(url: str, status: int, answer: _Answer) -> Fetched:
        ctype = answer.headers.get("content-type", "")
        media, _, params = ctype.partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip("\"' ")
        return Fetched(
            url=url,
            status=status,
            body=answer.body,
            content_type=media.strip().lower(),
            charset=charset,
            etag=answer.headers.get("etag"),
            last_modified=answer.headers.get("last-modified"),
        )


# the content codings undone here, by the window bits zlib takes for each; any other coding
# is left as it is, as httpx leaves one it has no decoder for (this client asks for these)
_CODINGS = {"gzip": GZIP_WBITS, "x-gzip": GZIP_WBITS, "deflate": zlib.MAX_WBITS}


class _Inflater:
    """A body's Content-Encoding undone as its bytes arrive, the coding applied last first,
    each layer within ``max_bytes`` (a stream of gzipped zeros is refused as soon as it
    inflates past them, not at the time limit). Every member of a gzip body is read: httpx's
    decoder stopped at the first, and the rest of a page of several members was dropped
    unsaid; ``finish`` says a body that ended before its gzip data did (cut on its way),
    which had been stored as the page."""

    def __init__(self, url: str, headers: httpx.Headers, max_bytes: int) -> None:
        codings = headers.get_list("content-encoding", split_commas=True)
        self._steps = [c for c in reversed([c.strip().lower() for c in codings]) if c in _CODINGS]
        self._decoders: list[GzipMembers | None] = [None] * len(self._steps)
        self._start = [b""] * len(self._steps)  # deflate's first byte, till its kind is known
        self._url = url
        self._max_bytes = max_bytes

    def feed(self, data: bytes) -> bytes:
        """What ``data`` (the next bytes as sent) inflate to, so far."""
        for i, coding in enumerate(self._steps):
            if not data:
                break
            decoder = self._decoders[i]
            if decoder is None:
                data = self._start[i] + data
                self._start[i] = b""
                wbits = _CODINGS[coding]
                if coding == "deflate":
                    if len(data) < 2:
                        self._start[i] = data
                        return b""
                    if not _zlib_header(data):  # deflate with no zlib wrapper, as some send it
                        wbits = -zlib.MAX_WBITS
                decoder = self._decoders[i] = GzipMembers(wbits)
            try:
                data = decoder.decompress(data, self._max_bytes)
            except zlib.error as exc:
                raise self._error(coding, GunzipError("damaged", str(exc))) from None
            except GunzipError as exc:
                raise self._error(coding, exc) from None
        return data

    def finish(self) -> None:
        """A FetchError when the body ended inside a coding's data (none for a body of no
        bytes: nothing was sent to undo)."""
        for i, coding in enumerate(self._steps):
            decoder = self._decoders[i]
            if self._start[i] or (decoder is not None and not decoder.eof):
                raise self._error(coding, GunzipError("ends early"))

    def _error(self, coding: str, exc: GunzipError) -> FetchError:
        return _coding_error(self._url, coding, exc, self._max_bytes)


def _zlib_header(data: bytes) -> bool:
    """Whether ``data`` opens with a zlib header (RFC 1950: deflate, and a check multiple)."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0


def _coding_error(url: str, coding: str, exc: GunzipError, max_bytes: int) -> FetchError:
    """Why a body in ``coding`` cannot be read. A server that labels its plain page (or other
    data) gzip is refused for good, as browsers refuse it (it had been "network error: Error
    -3 while decompressing data: incorrect header check", tried again every round; an
    archived answer, in a WARC, is read as it is when it is text: it cannot be asked for
    again). A body that opens as its coding and breaks later, or ends early, was damaged or
    cut on its way: tried again next round."""
    if exc.kind == "too large":
        return FetchError(url, f"larger than {max_bytes} bytes once decompressed", permanent=True)
    if exc.kind == "ends early":
        return FetchError(url, f"its {coding} body ends early (cut on its way)")
    if "header" not in exc.detail:
        return FetchError(url, f"its {coding} body is damaged ({exc.detail})")
    reason = f"its body is labelled Content-Encoding {coding} but is not {coding} data"
    return FetchError(url, f"{reason} (the server's fault)", permanent=True)


def _gunzipped(url: str, body: bytes, max_bytes: int) -> bytes:
    """``body`` with the gzip layers it is still in undone, each bounded by ``max_bytes``: a
    sitemap served as a .gz file (sitemaps.org's own advice), or a page or feed gzipped twice
    under one ``Content-Encoding: gzip``, had been "broken XML (... invalid token)" or "binary
    file (not HTML)"; a .gz of several members (``cat a.gz b.gz``) had been cut to its first.
    httpx has undone the ``Content-Encoding`` already."""
    try:
        return gunzip_layers(body, max_bytes, MAX_GZIP_LAYERS)[0]
    except GunzipError as exc:
        if exc.kind == "damaged":
            raise FetchError(url, f"its gzip data is damaged ({exc.detail})") from None
        if exc.kind == "too large":
            raise FetchError(
                url, f"larger than {max_bytes} bytes once decompressed", permanent=True
            ) from None
        if exc.kind == "ends early":
            raise FetchError(url, "its gzip data ends early") from None
        raise FetchError(
            url, f"gzip data more than {MAX_GZIP_LAYERS} layers deep", permanent=True
        ) from None


# what no host name holds (RFC 3986 reg-name, IPv6 and IDNA names aside): spaces, controls
# and the delimiters a URL reserves
_NOT_IN_HOST = re.compile(r"[\s\x00-\x1f\x7f\"<>\\^`{|}]")


def _check_url(url: str) -> None:
    """A FetchError for a URL urllib cannot split (robots.txt is looked up by its parts), or
    whose ASCII host name has an empty or over-long label ("a..b"): httpx hands such a name to
    the socket as it is, whose IDNA codec raised a UnicodeError that ended the whole round."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a port past 65535 or not a number raises (it had been sent)
    except ValueError as exc:
        raise FetchError(url, f"not a valid URL ({exc})", permanent=True) from None
    odd = _NOT_IN_HOST.search(host or "")
    if host and odd:
        # "exa mple.com" (a space) had been looked up, "network error: [Errno -2] Name or
        # service not known" as if the host were down
        reason = f"not a valid URL (its host name {host[:80]!r} holds {odd.group()!r})"
        raise FetchError(url, reason, permanent=True)
    if host and host.isascii():  # httpx itself encodes (and checks) the others
        try:
            host.encode("idna")
        except UnicodeError:
            reason = f"not a valid URL (host name {host[:80]!r} has an empty or over-long label)"
            raise FetchError(url, reason, permanent=True) from None


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes
