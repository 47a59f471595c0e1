"""What a subscription document lists: a feed (RSS 2.0, RSS 1.0/RDF, Atom, via feedparser), an
OPML subscription list, a sitemap or news sitemap, or a sitemap index (both via lxml).

``parse_source`` takes the bytes a source answered with and says what they list: entries (pages
to fetch, with the date and title the feed gives) and child sources (the feeds of an OPML file,
the sitemaps of an index). Nothing here touches the network.
"""

from __future__ import annotations

import calendar
import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

from lxml import etree

from newsdigest.errors import InputError
from newsdigest.ingest.decode import decode_text
from newsdigest.ingest.html import parse_datetime
from newsdigest.timeutil import utc


@dataclass(frozen=True)
class Entry:
    """One page a source lists."""

    url: str
    published: datetime | None = None
    title: str = ""


@dataclass(frozen=True)
class Listing:
    """What one source document lists; ``kind`` is feed, opml, sitemap or sitemapindex."""

    kind: str
    entries: tuple[Entry, ...] = ()
    children: tuple[str, ...] = ()
    unfollowed: tuple[tuple[str, str], ...] = ()  # (feed link, why not followed) of an OPML
    # a feed's entries whose links are no web page ("javascript:", "mailto:", "file:", none):
    # each entry's first link, or "" where it has none
    unlinked: tuple[str, ...] = ()


def _unfollowed_reason(base: str, value: str) -> str | None:
    """Why the OPML feed link ``value`` is no web feed (``file:``, ``ftp:``, a bare name), or
    None when it is one."""
    if _http_url(base, value):
        return None
    try:
        parts = urlsplit(urljoin(base, _without_feed_scheme(value.strip())))
    except ValueError:
        return "not a valid URL (a feed is followed by its http:// or https:// URL)"
    if parts.scheme in ("http", "https"):
        return NO_HOST
    what = f"unsupported URL scheme {parts.scheme!r}" if parts.scheme else "not a URL"
    return f"{what} (a feed is followed by its http:// or https:// URL)"


# an http(s) URL with no host ("https://", "https:///feed.xml") had been fetched, and failed
# with the HTTP client's "Request URL is missing an 'http://' or 'https://' protocol"
NO_HOST = "no host name in the URL (a feed is followed by its http:// or https:// URL)"


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _root_name(body: bytes) -> str | None:
    """The local name of the document's root element, or None when it is not well-formed XML."""
    try:
        root = etree.fromstring(body.lstrip(), parser=_PARSER)
    except etree.XMLSyntaxError:
        return None
    return etree.QName(root).localname.lower()


def _without_feed_scheme(link: str) -> str:
    """``link`` without the feed: pseudo-scheme of browsers' and readers' exports:
    ``feed://host/rss`` is ``http://host/rss``, ``feed:https://host/rss`` its URL."""
    if link[:5].lower() != "feed:":
        return link
    rest = link[5:]
    if rest[:7].lower() == "http://" or rest[:8].lower() == "https://":
        return rest
    return "http:" + rest if rest.startswith("//") else link


def _http_url(base: str, value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        url = urljoin(base, _without_feed_scheme(value.strip()))
        parts = urlsplit(url)
        return url if parts.scheme in ("http", "https") and parts.hostname else None
    except ValueError:  # not a URL urllib can split ("http://[::1"): no link, as "mailto:" is
        return None


# libxml2's advice to its programmer, and its terms, in a reader's words
_XML_WORDS = (
    (re.compile(r"Excessive depth in document: (\d+), use XML_PARSE_HUGE option"),
     r"elements nested over \1 deep"),
    (re.compile(r"Maximum entity amplification factor exceeded, see xmlCtxtSetMaxAmplification\."),
     "entities expand past the limit (a billion laughs)"),
)  # fmt: skip


def _opml_reason(body: bytes, exc: etree.XMLSyntaxError) -> str:
    """Why an OPML file could not be read, in words: libxml2 had called a picture or an
    empty file "Document is empty" and told of its parser options."""
    from newsdigest.ingest.decode import looks_binary

    if not body.strip():
        return "empty file"
    if looks_binary(body):
        return "binary file (not OPML)"
    message = exc.msg or str(exc)
    for pattern, words in _XML_WORDS:
        message = pattern.sub(words, message)
    return f"broken OPML: {message}"


def parse_opml(body: bytes, name: str) -> Listing:
    """The feeds of an OPML file (every outline with an ``xmlUrl``, nested folders included)."""
    body = xml_bytes(body)
    try:
        root = etree.fromstring(body.lstrip(), parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(name, _opml_reason(body, exc)) from None
    kind = etree.QName(root).localname.lower()
    if kind != "opml":  # a feed or sitemap saved to a file had been read as an empty list
        raise InputError(
            name, f"not an OPML file (its root is <{kind}>); follow a feed or sitemap by its URL"
        )
    links = [
        link.strip()
        for node in root.iter("{*}outline", "outline")
        if (link := node.get("xmlUrl") or node.get("xmlurl")) and link.strip()
    ]
    feeds = [url for link in links if (url := _http_url(name, link))]
    unfollowed = [(link, why) for link in links if (why := _unfollowed_reason(name, link))]
    return Listing(
        "opml",
        children=tuple(dict.fromkeys(feeds)),
        unfollowed=tuple(dict.fromkeys(unfollowed)),
    )


def _sitemap(body: bytes, name: str) -> Listing:
    root = etree.fromstring(body.lstrip(), parser=_PARSER)
    kind = etree.QName(root).localname.lower()
    if kind == "sitemapindex":
        locs = [_http_url(name, n.findtext("{*}loc")) for n in root.iter("{*}sitemap")]
        return Listing(kind, children=tuple(dict.fromkeys(u for u in locs if u)))
    entries: list[Entry] = []
    for node in root.iter("{*}url"):
        url = _http_url(name, node.findtext("{*}loc"))
        if not url:
            continue
        # a news sitemap's publication date is the article's; lastmod is only a fallback
        date = node.findtext("{*}news/{*}publication_date") or node.findtext("{*}lastmod")
        title = node.findtext("{*}news/{*}title") or ""
        entries.append(Entry(url, _aware(parse_datetime(date)), " ".join(title.split())))
    return Listing("sitemap", entries=tuple(entries))


def _aware(t: datetime | None) -> datetime | None:
    try:
        return utc(t) if t is not None else None
    except ValueError:
        return None


def _feed_date(entry: object) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = getattr(entry, key, None) or (entry.get(key) if isinstance(entry, dict) else None)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _feed_links(entry: object) -> Iterator[str]:
    """The entry's article URL: its alternate link, else its link, else an id that is a URL."""
    get = entry.get  # type: ignore[attr-defined]
    for link in get("links") or ():
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            yield link["href"]
    if get("link"):
        yield get("link")
    if get("id"):
        yield get("id")


def parse_feed(body: bytes, name: str) -> Listing:
    """The entries of an RSS or Atom feed, in feed order. A feed that is not well-formed but
    still yields entries is read (as feed readers do); one that yields none is an error."""
    import feedparser

    from newsdigest.ingest.html import crowded_reason, most_attributes

    # feedparser keeps an element's attributes in quadratic time: one item of 40,000 took
    # 19 s, 100,000 (1.1 MB) 110 s, of every round; lxml reads the sitemaps and OPML at once
    crowded = crowded_reason(most_attributes(body), "feed")
    if crowded:
        raise InputError(name, crowded)
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    entries: list[Entry] = []
    unlinked: list[str] = []
    for item in parsed.entries:
        url = next((u for v in _feed_links(item) if (u := _http_url(name, v))), None)
        if url:
            title = " ".join(str(item.get("title", "")).split())
            entries.append(Entry(url, _feed_date(item), title))
        else:
            unlinked.append(next(_feed_links(item), ""))
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        if body.lstrip()[:1] in (b"{", b"["):  # a JSON Feed had been "broken XML (...)"
            raise InputError(name, "JSON, not a feed this reads (RSS, Atom, OPML or a sitemap)")
        page = _html_page_reason(body, name)
        if page:
            raise InputError(name, page)
        exc = parsed.get("bozo_exception")
        why = " ".join(str(exc).split()) if exc else "not a feed"
        raise InputError(name, f"broken XML ({why})" if exc else "not a feed, OPML or sitemap")
    return Listing("feed", entries=tuple(entries), unlinked=tuple(unlinked))


# an HTML document's start: comments, then a doctype or the html element
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
# the media types of the feeds a page names (``<link rel="alternate" type=...>``)
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
# the bytes of a page read for the feeds its head names
_PAGE_HEAD_BYTES = 200_000


def _html_page_reason(body: bytes, name: str) -> str | None:
    """Why a web page given as a source is no feed, with the feeds it names: a site's home
    page (the address a user has at hand) had been "broken XML (...: mismatched tag)", or
    "not a feed" when it was well-formed XHTML. None when ``body`` is no HTML page."""
    head = body[:_PAGE_HEAD_BYTES].removeprefix(codecs.BOM_UTF8)
    if not _HTML_START.match(head):
        return None
    from lxml import html as lxml_html

    feeds: list[str] = []
    try:
        links = lxml_html.fromstring(head).iter("link")
    except (etree.ParserError, ValueError):
        links = iter(())
    for link in links:
        rel = str(link.get("rel") or "").lower().split()
        kind = str(link.get("type") or "").split(";")[0].strip().lower()
        url = _http_url(name, link.get("href")) if "alternate" in rel else None
        if url and kind in _FEED_TYPES and url not in feeds:
            feeds.append(url)
    reason = "an HTML page, not a feed this reads (RSS, Atom, OPML or a sitemap)"
    if not feeds:
        return reason
    more = f" and {len(feeds) - 3} more" if len(feeds) > 3 else ""
    return f"{reason}; it names {'a feed' if len(feeds) == 1 else 'feeds'}: " + (
        ", ".join(feeds[:3]) + more
    )


# a byte-order mark of a wide encoding (UTF-32 first: its little-endian mark starts with
# UTF-16's), and the encoding it names
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# the XML declaration's encoding, in a document's first line
_DECLARED = re.compile(rb"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["']([^"']*)["']""")


def xml_bytes(body: bytes) -> bytes:
    """``body`` as the XML parsers read it right: a document in UTF-16 or UTF-32 with its
    byte-order mark (Windows tools write them; the mark is what XML reads first) as UTF-8, and
    a document in single bytes whose declaration says a wide encoding (.NET's StringWriter
    writes "utf-16" over UTF-8) with that encoding left out; both had been "broken XML (...:
    not well-formed (invalid token))", every entry lost. One in single bytes that is not the
    UTF-8 it says (or, saying nothing, XML's default) is read in the encoding it is."""
    for mark, encoding in _WIDE_BOMS:
        if body.startswith(mark):
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError:
                return body  # the parser says what is wrong
            return _DECLARED.sub(rb"\1", text.encode("utf-8"), count=1)
    single = body.removeprefix(codecs.BOM_UTF8)
    declared = _DECLARED.match(single)
    label = declared.group(2).lower() if declared else b"utf-8"  # XML's default
    if label.startswith((b"utf-16", b"utf-32", b"ucs-")):
        return _DECLARED.sub(rb"\1", single, count=1)
    if label in (b"utf-8", b"utf8") and not _utf8(single):
        # single bytes that say UTF-8, or say nothing, and are not: a Latin-1 sitemap or OPML
        # list had been "broken XML (document declared as utf-8, but parsed as iso8859-15)",
        # every entry lost; read in the encoding its bytes are, as an HTML page is
        try:
            text = decode_text(single, "")
        except InputError:
            return body  # the parser says what is wrong
        return _DECLARED.sub(rb"\1", text.encode("utf-8"), count=1)
    return body


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def parse_source(body: bytes, name: str) -> Listing:
    """What the document ``name`` lists, by its root element; ``InputError`` when it is none of
    the formats or cannot be parsed."""
    body = xml_bytes(body)
    if not body.strip():  # a CMS's failure: "not a feed, OPML or sitemap", or "broken XML"
        raise InputError(name, "an empty answer (no feed, OPML or sitemap in it)")
    root = _root_name(body)
    if root == "opml":
        return parse_opml(body, name)
    if root in ("urlset", "sitemapindex"):
        return _sitemap(body, name)
    return parse_feed(body, name)


def dedup_entries(entries: Sequence[Entry]) -> list[Entry]:
    """Entries with each URL once (the first listing wins), in order."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        seen.setdefault(entry.url, entry)
    return list(seen.values())
