"""One follow round: read every source (conditional GET), take the entries not seen before,
fetch their pages, extract and clean them by the file-ingest rules, store them, refresh the
stories that changed. ``follow`` repeats rounds until told to stop.

What a round promises: a source or a page that fails is reported (one line naming it) and the
round goes on; each article is stored in its own transaction and only then marked seen, so a
round cut short (SIGTERM, a crash) stores whole articles only and the next round fetches just
what is missing. A page that could not be fetched is not marked seen and is tried again.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsdigest.config import StoryConfig
from newsdigest.errors import (
    FetchError,
    InputError,
    NewsdigestError,
    StoreError,
    hide_passwords,
    reason_counts,
)
from newsdigest.follow.canonical import canonical_url, clean_url
from newsdigest.follow.fetch import Fetcher
from newsdigest.follow.sources import NO_HOST, Entry, Listing, parse_opml, parse_source
from newsdigest.ingest.decode import read_limited
from newsdigest.limits import DEFAULT_LIMITS, url_size_reason
from newsdigest.model import Article
from newsdigest.store.base import SourceState, Store

MAX_SOURCES = 1000  # an OPML file or sitemap index may list many; a loop of indexes may not
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class RoundReport:
    """What one round did; ``failed`` and ``page_errors`` hold one InputError each."""

    fetched: int = 0  # sources read (200)
    not_modified: int = 0  # sources that answered 304
    failed: tuple[InputError, ...] = ()  # sources that could not be read
    new: int = 0  # articles stored
    duplicates: int = 0  # pages already stored (same URL via another feed, or same text)
    rejected: tuple[InputError, ...] = ()  # pages that are not articles (marked seen)
    page_errors: tuple[InputError, ...] = ()  # pages not fetched this time (tried again)
    stories: tuple[str, ...] = ()  # ids of the stories rebuilt
    interrupted: bool = False
    # why the stories could not be updated (a full disk) after the articles were stored; the
    # next round updates them
    stories_error: str | None = None

    def line(self) -> str:
        """The one line per round the CLI prints."""
        text = (
            f"sources: {self.fetched} fetched, {self.not_modified} not modified, "
            f"{len(self.failed)} failed; articles: {self.new} new, {self.duplicates} "
            f"duplicate{'' if self.duplicates == 1 else 's'}, "
            f"{len(self.rejected)} rejected"
            + (f" ({reason_counts(self.rejected)})" if self.rejected else "")
            + f", {len(self.page_errors)} not fetched; "
            + (
                f"stories not updated ({self.stories_error})"
                if self.stories_error
                else f"stories updated: {len(self.stories)}"
            )
        )
        return text + (" (interrupted)" if self.interrupted else "")

    def problems(self) -> list[InputError]:
        """Every source and page that failed, in the order met."""
        return [*self.failed, *self.rejected, *self.page_errors]


@dataclass
class _Tally:
    fetched: int = 0
    not_modified: int = 0
    failed: list[InputError] = field(default_factory=list)
    new: int = 0
    duplicates: int = 0
    rejected: list[InputError] = field(default_factory=list)
    page_errors: list[InputError] = field(default_factory=list)


def _unlinked_reason(listing: Listing) -> str:
    """Why a feed's entries with no web link were not read, in one line for them all."""
    n = len(listing.unlinked)
    first = next((link for link in listing.unlinked if link), "")
    shown = f" (first: {first[:80]!r})" if first else ""
    what = f"{n} entr{'y' if n == 1 else 'ies'}"
    return f"{what} not read: no valid http:// or https:// link{shown}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


# a URL scheme ("ftp:", "javascript:"); one letter is a Windows drive ("C:\\feeds.opml")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def _userinfo(url: str) -> tuple[str, str]:
    """(userinfo, host[:port]) of a URL's authority, split at its last "@" as urllib does."""
    netloc = urlsplit(url).netloc
    userinfo, _, host = netloc.rpartition("@")
    return userinfo, host


def _stored_children(source: str, children: Sequence[str]) -> tuple[tuple[str, ...], bool]:
    """The children of an OPML file or sitemap index as stored: passwords hidden (the store is
    shown and shared: an OPML read as ``http://user:pw@host/subs.opml`` had stored its relative
    feed links with the password), and whether every hidden one is the source's own, given
    again with the source at each run (``_given_children``). One from the document itself
    cannot be given again: the source is then stored without validators, read whole next
    round, never answered 304 with children that lack their password."""
    own = _userinfo(source)[0]
    stored = tuple(hide_passwords(child) for child in children)
    restorable = all(
        shown == child or (own and _userinfo(child)[0] == own)
        for child, shown in zip(children, stored, strict=True)
    )
    return stored, restorable


def _given_children(source: str, stored: Sequence[str]) -> tuple[str, ...]:
    """Stored children with the password ``source`` was given hidden in them put back."""
    own = _userinfo(source)[0]
    if ":" not in own:
        return tuple(stored)
    hidden = _userinfo(hide_passwords(f"http://{own}@host/"))[0]  # "user:***"
    given = []
    for child in stored:
        userinfo, host = _userinfo(child)
        if userinfo == hidden:
            child = child.replace(f"{hidden}@{host}", f"{own}@{host}", 1)
        given.append(child)
    return tuple(given)


def _is_url(source: str) -> bool:
    # a scheme is case-insensitive (RFC 3986): "HTTP://host/feed" had been "unsupported URL
    # scheme 'HTTP'"
    return source[:8].lower().startswith(("http://", "https://"))


class Follower:
    """Rounds over a list of sources, sharing one ``Fetcher`` and one store."""

    def __init__(
        self,
        store: Store,
        sources: Sequence[str],
        fetcher: Fetcher,
        config: StoryConfig | None = None,
        *,
        on_problem: Callable[[InputError], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.store = store
        self.sources = tuple(dict.fromkeys(sources))
        self.fetcher = fetcher
        self.config = config or StoryConfig()
        self.on_problem = on_problem
        self.on_progress = on_progress
        # this round's URLs failed because their host's robots.txt could not be read, by host:
        # said once per host (``_say_unread_hosts``), not once per feed or page of it
        self._unread_hosts: dict[str, list[InputError]] = {}

    # ---- sources ------------------------------------------------------------------------

    def _problem(self, bucket: list[InputError], error: InputError) -> None:
        bucket.append(error)
        host = getattr(error, "host", None)
        if host is not None:
            self._unread_hosts.setdefault(host, []).append(error)
        elif self.on_problem:
            self.on_problem(error)

    def _say_unread_hosts(self) -> None:
        """One line per host whose robots.txt could not be read, naming its first URL and how
        many more failed with it: an OPML of 40 feeds of one unreachable site had printed 40
        lines of the same reason."""
        held, self._unread_hosts = self._unread_hosts, {}
        if not self.on_problem:
            return
        for errors in held.values():
            first = errors[0]
            more = len(errors) - 1
            if more:
                urls = "URL" if more == 1 else "URLs"
                first = InputError(
                    f"{first.name} and {more:,} more {urls} of its host", first.reason
                )
            self.on_problem(first)

    def _read_source(self, source: str, tally: _Tally) -> Listing | None:
        """The listing of one source, its state saved; None when it failed or is unchanged
        with nothing to expand."""
        if not source.strip():  # Path("") is the current folder
            name = f"<source {self.sources.index(source) + 1}>"
            self._problem(
                tally.failed, InputError(name, "an empty name names no feed, OPML file or URL")
            )
            return None
        if not _is_url(source):
            scheme = _SCHEME.match(source)
            if scheme and scheme.group(1).lower() != "file":  # ftp://, javascript:, mailto:
                reason = f"unsupported URL scheme {scheme.group(1)!r} (use http:// or https://)"
                self._problem(tally.failed, InputError(source, reason))
                return None
            path = Path(unquote(urlsplit(source).path)) if scheme else Path(source)
            try:
                # as every reader opens a file: a regular one only (a named pipe had blocked
                # the round forever, deaf to SIGTERM) and no bigger than a file may be
                data = read_limited(path, DEFAULT_LIMITS.max_file_bytes)
                return parse_opml(data, source)
            except InputError as err:
                self._problem(tally.failed, InputError(source, err.reason))
            return None
        try:
            why = None if urlsplit(source).hostname else NO_HOST
        except ValueError as exc:  # "http://[::1"
            why = f"not a valid URL ({exc})"
        if why:
            self._problem(tally.failed, InputError(source, why))
            return None
        too_long = url_size_reason(source)
        if too_long:  # its state could not be stored (PostgreSQL indexes the URL)
            self._problem(tally.failed, InputError(source[:200] + "...", too_long))
            return None
        # stored under its URL with the password hidden: the store is shown (the home page,
        # /api) and shared, and the credentials are given again with each run's sources
        found = self.store.source_states([hide_passwords(source)])
        state = found[0] if found else SourceState(hide_passwords(source))
        now = _now()
        try:
            got = self.fetcher.get(
                source, {"etag": state.etag or "", "last_modified": state.last_modified or ""}
            )
            if got.not_modified:
                tally.not_modified += 1
                self.store.save_source_state(
                    replace(state, last_fetch=now, last_ok=now, last_error=None)
                )
                return Listing("unchanged", children=_given_children(source, state.children))
            listing = parse_source(got.body, source)
        except InputError as err:
            self._problem(tally.failed, err)
            self.store.save_source_state(replace(state, last_fetch=now, last_error=err.reason))
            return None
        tally.fetched += 1
        children, restorable = _stored_children(source, listing.children)
        self.store.save_source_state(
            replace(
                state,
                etag=got.etag if restorable else None,
                last_modified=got.last_modified if restorable else None,
                last_fetch=now,
                last_ok=now,
                last_error=None,
                children=children,
            )
        )
        return listing

    def _entries(self, tally: _Tally) -> list[Entry]:
        """Every entry the sources list (OPML files and sitemap indexes expanded), in order."""
        queue = list(self.sources)
        visited: set[str] = set()
        entries: list[Entry] = []
        while queue and len(visited) < MAX_SOURCES:
            source = queue.pop(0)
            if source in visited:
                continue
            visited.add(source)
            listing = self._read_source(source, tally)
            if listing is None:
                continue
            for link, why in listing.unfollowed:  # a file: feed had been dropped unsaid
                self._problem(
                    tally.failed, InputError(source, f"feed {link!r} not followed: {why}")
                )
            if listing.unlinked:  # had been skipped without a word
                self._problem(tally.rejected, InputError(source, _unlinked_reason(listing)))
            entries.extend(listing.entries)
            queue.extend(c for c in listing.children if c not in visited)
        self._say_unread_hosts()
        left = len(set(queue) - visited)
        if left:  # the sources past the cap had been dropped without a word
            self._problem(
                tally.failed,
                InputError(
                    f"{left:,} more source{'s' if left != 1 else ''}",
                    f"not followed: a round reads at most {MAX_SOURCES:,} sources "
                    "(feeds, OPML files, sitemaps), and the ones given list more",
                ),
            )
        return entries

    # ---- pages --------------------------------------------------------------------------

    def _page(self, entry: Entry, url: str) -> Article | InputError:
        """The clean article of one entry's page, or why there is none (FetchError: try again)."""
        from newsdigest.ingest import clean_record
        from newsdigest.ingest.html import crowded_element, decode_html, extract_html

        got = self.fetcher.get(url)
        if got.content_type and got.content_type not in HTML_TYPES:
            return InputError(url, f"not an HTML page ({got.content_type})")
        try:
            html = decode_html(got.body, url, got.charset)
        except InputError as err:
            return err
        crowded = crowded_element(html, url)  # before lxml builds the head for its canonical URL
        if crowded:
            return crowded
        canonical = canonical_url(html, got.url)
        page = extract_html(html, name=url, url=canonical, published=entry.published)
        return clean_record(page, url)

    def run_round(self, stop: threading.Event | None = None) -> RoundReport:
        """One round (see the module docstring); ``stop`` ends it after the current article."""
        stop = stop or threading.Event()
        tally = _Tally()
        entries = self._entries(tally)
        by_url: dict[str, Entry] = {}
        for entry in entries:
            url = clean_url(entry.url)
            too_long = url_size_reason(url)
            if too_long:
                # neither stored nor marked seen (PostgreSQL indexes both): one such entry had
                # failed every later round before the entries listed after it
                self._problem(tally.rejected, InputError(url[:200] + "...", too_long))
            elif url in by_url:
                tally.duplicates += 1  # listed by two sources: fetched once
            else:
                by_url[url] = entry
        seen = self.store.seen_urls([hide_passwords(url) for url in by_url])
        todo = [(url, e) for url, e in by_url.items() if hide_passwords(url) not in seen]
        interrupted = False
        for n, (url, entry) in enumerate(todo, start=1):
            if stop.is_set():
                interrupted = True
                break
            self._handle(url, entry, tally)
            if self.on_progress:
                self.on_progress(n, len(todo))
        self._say_unread_hosts()
        stories: list[str] = []
        stories_error = None
        if not interrupted:
            from newsdigest.stories import refresh_stories

            try:
                stories = refresh_stories(self.store, self.config)
            except StoreError as exc:  # the articles are stored: the round says so, and why
                stories_error = str(exc)
        return RoundReport(
            fetched=tally.fetched,
            not_modified=tally.not_modified,
            failed=tuple(tally.failed),
            new=tally.new,
            duplicates=tally.duplicates,
            rejected=tuple(tally.rejected),
            page_errors=tuple(tally.page_errors),
            stories=tuple(stories),
            interrupted=interrupted,
            stories_error=stories_error,
        )

    def _handle(self, url: str, entry: Entry, tally: _Tally) -> None:
        try:
            result = self._page(entry, url)
        except FetchError as err:
            if not err.permanent:
                self._problem(tally.page_errors, err)
                return
            result = err
        # a page of a feed read with credentials has them in its URL (a relative link): the
        # password is stored hidden, as it is printed
        url = hide_passwords(url)
        if isinstance(result, InputError):
            self._problem(tally.rejected, result)
            self.store.mark_seen({url: "rejected"})
            return
        url_shown = hide_passwords(result.url) if result.url else result.url
        origin_shown = hide_passwords(result.origin) if result.origin else result.origin
        if (url_shown, origin_shown) != (result.url, result.origin):
            result = replace(result, url=url_shown, origin=origin_shown)
        canonical = result.url or url
        if canonical != url and self.store.seen_urls([canonical]):
            tally.duplicates += 1
            self.store.mark_seen({url: "duplicate"})
            return
        added = self.store.add_articles([result])
        outcome = "stored" if added.stored else "duplicate"
        tally.new += len(added.stored)
        tally.duplicates += 0 if added.stored else 1
        self.store.mark_seen({url: outcome, canonical: outcome})

    def run(
        self,
        every: float,
        stop: threading.Event,
        on_round: Callable[[int, RoundReport], None] | None = None,
        on_error: Callable[[NewsdigestError], None] | None = None,
    ) -> None:
        """A round every ``every`` seconds until ``stop`` is set; a round that fails as a whole
        (the store unreachable) is reported and the next one tried."""
        n = 0
        while not stop.is_set():
            n += 1
            try:
                report = self.run_round(stop)
            except NewsdigestError as exc:
                if on_error:
                    on_error(exc)
            else:
                if on_round:
                    on_round(n, report)
            if stop.wait(every):
                break
