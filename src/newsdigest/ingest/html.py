"""HTML reader: the main text of a news page via trafilatura, plus title, date and site name
from the page's metadata. Shared by the .html files and the WARC records."""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

from newsdigest.errors import InputError
from newsdigest.ingest.decode import decode_text, looks_binary, whole_file, wide_text
from newsdigest.limits import DEFAULT_LIMITS, Limits
from newsdigest.model import Article, article_id
from newsdigest.timeutil import publication_time

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_:.-]+)""", re.I)
_HAS_MARKUP = re.compile(r"<\s*(?:!doctype|html|head|body|p|div|article|title|br)\b", re.I)
# Precise publication times; trafilatura's own date is day-level only.
_META_DATE_XPATH = (
    "//meta[@property='article:published_time' or @property='og:article:published_time'"
    " or @name='article:published_time' or @itemprop='datePublished' or @name='pubdate'"
    " or @name='publishdate' or @name='date' or @name='dc.date' or @name='DC.date.issued'"
    " or @name='sailthru.date' or @name='parsely-pub-date']/@content"
    " | //*[@itemprop='datePublished']/@datetime"
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')

MIN_PAGE_WORDS = 15

# favor_precision: on news pages wrapped in real-site boilerplate it keeps every article
# paragraph and drops more widgets than the default (see BENCHMARKS.md, "Ingest").
EXTRACTION_OPTIONS: dict[str, object] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "with_metadata": True,
    # only dates the page states as its own (meta tags, <time>, URL): a free-text search picks
    # up dates quoted in the story or in an embedded tweet; the crawl date is a safer fallback
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}


def parse_datetime(value: object) -> datetime | None:
    """A timezone-aware datetime from ISO 8601 text or a Unix time; naive values are UTC."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        try:
            dt = datetime.fromtimestamp(float(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{4}", text):
            text = f"{text[:-2]}:{text[-2:]}"  # "+0300" -> "+03:00"
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            parsed = _parse_loose_date(text)
            if parsed is None:
                return None
            dt = parsed
    else:
        return None
    dt = dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
    try:
        publication_time(dt)  # one that cannot be moved to UTC cannot be stored or compared
    except ValueError:
        return None
    return dt


def _parse_loose_date(text: str) -> datetime | None:
    """RFC 2822 ("Tue, 14 May 2019 10:00:00 GMT") and written dates ("May 14, 2019 5:30 PM").
    A four-digit year is required: dateutil fills missing parts from today, which would invent
    a date for "Tuesday"."""
    if not re.search(r"\b(?:1[89]|20)\d\d\b", text):
        return None
    from dateutil import parser as date_parser

    try:
        return date_parser.parse(text)
    except (ValueError, OverflowError):
        return None


def domain_of(url: str | None) -> str | None:
    """The site's host name without "www.", used as the outlet when a page names none."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


# The Encoding Standard (WHATWG), which browsers follow: a page labelled with the name on the
# left is read in the superset on the right. "iso-8859-1" pages are Windows-1252 text whose
# curly quotes and dashes (0x80-0x9F) Latin-1 reads as control characters, which the page's
# text then lost without a word ("Bélanger’s" had been stored "Bélangers").
_WEB_SUPERSET = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}


def _declared_encoding(label: str | None) -> str | None:
    """The codec a page's or server's charset label names, as browsers read it; None for an
    unknown label and for UTF-8, UTF-16 and UTF-32: by the time a label is read the page is
    neither (its bytes failed UTF-8, and UTF-16/32 is found from its bytes), so such a label
    is a wrong declaration (a template's ``<meta charset="utf-8">`` over a Latin-1 page, a
    server's default ``charset=utf-8``)."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith("utf-"):
        return None
    return _WEB_SUPERSET.get(name, name)


def decode_html(data: bytes, name: str, charset: str | None = None) -> str:
    """Page text: UTF-8, else the charset the server or the page declares when the page's
    bytes are that encoding, else detection (as for a text file). A declaration the bytes do
    not fit is wrong, as BeautifulSoup's UnicodeDammit and trafilatura take it: a Latin-1 page
    under a UTF-8 one had kept U+FFFD where each accent was ("B\ufffdlanger")."""
    if looks_binary(data):
        raise InputError(name, "binary file (not HTML)")
    if wide_text(data):  # UTF-16 without its mark decodes as UTF-8 too, NUL after NUL
        return decode_text(data, name)
    data = data.replace(b"\x00", b"")  # a stray few (looks_binary): no column stores one
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.reason == "unexpected end of data":
            # a page cut inside its last character (a crawl's size limit): UTF-8 still
            with contextlib.suppress(UnicodeDecodeError):
                return data[: exc.start].decode("utf-8-sig")
    m = _META_CHARSET.search(data[:4096])
    labels = (charset, m.group(1).decode("ascii") if m else None)
    declared = [e for e in dict.fromkeys(map(_declared_encoding, labels)) if e]
    for encoding in declared:
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(encoding)
    if declared:  # a byte the encoding leaves undefined: that byte lost, not the page
        return data.decode(declared[0], errors="replace")
    return decode_text(data, name)


# libxml2 builds an element's attributes as a list walked to its end for each one added: one
# element of 40,000 attributes (a 480 KB page) took lxml 20 s to parse, and trafilatura parses a
# page several times (78 s); 300,000 ran for hours. libxml2's tokenizer alone, building no tree,
# reads them in linear time (0.3 s for the 300,000). The most in 112,000 local HTML files was 14.
MAX_ATTRIBUTES = DEFAULT_LIMITS.max_html_attributes
MAX_ELEMENTS = DEFAULT_LIMITS.max_html_elements


class _MostAttributes:
    """An lxml parser target that builds nothing: the most attributes of any one element, and
    how many elements there are."""

    def __init__(self) -> None:
        self.most = 0
        self.elements = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.elements += 1
        if len(attrib) > self.most:
            self.most = len(attrib)

    def close(self) -> tuple[int, int]:
        return self.most, self.elements


# libxml2's HTML parser reads elements nested at most this deep; what is deeper is lost
PARSER_DEPTH = 256


class _Depth:
    """An lxml parser target that builds nothing: how deep its elements nest."""

    def __init__(self) -> None:
        self.depth = 0
        self.deepest = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> int:
        return self.deepest


def nesting_depth(markup: str) -> int:
    """How deep the elements of ``markup`` nest, as libxml2's HTML tokenizer reads them (past
    ``PARSER_DEPTH``, where the tree trafilatura reads stops); 0 when it reads nothing."""
    from lxml import etree

    parser = etree.HTMLParser(target=_Depth(), encoding="utf-8")
    try:
        found = etree.fromstring(markup.encode("utf-8", "replace"), parser)
    except Exception:  # nothing for the tokenizer to read
        return 0
    return found if isinstance(found, int) else 0


def too_deep(markup: str) -> str:
    """ ": its elements nest over 256 deep, ..." when ``markup`` nests past ``PARSER_DEPTH``,
    or ": a run of text over 10,000,000 characters, ..." when it holds one (``PARSER_RUN``),
    which says why no text was found in it (the text was past the parser's reach); else ""."""
    if len(markup) >= PARSER_RUN and max(map(len, markup.split("<"))) >= PARSER_RUN:
        return f": a run of text over {PARSER_RUN:,} characters, past what the HTML parser reads"
    if nesting_depth(markup) < PARSER_DEPTH:
        return ""
    return f": its elements nest over {PARSER_DEPTH} deep, past what the HTML parser reads"


# libxml2 reads a text, comment or attribute value of at most this many characters (its
# XML_MAX_TEXT_LENGTH, without huge_tree): past one the page's tree ends there
PARSER_RUN = 10_000_000
# a script's or style's opening tag is read to its ">" by ``str.find``: a regex's ``[^>]*>``
# ran to the page's end from each of a million openers with no ">" after them
_RAW_OPEN = re.compile(r"<(script|style)\b|<!--", re.I)
_COMMENT_OPEN = re.compile(r"<!--")
_RAW_CLOSE = {
    "script": re.compile(r"</script\s*>", re.I),
    "style": re.compile(r"</style\s*>", re.I),
    "": re.compile(r"-->"),
}
_LONG_VALUE = re.compile(rf"""(=\s*)(?:"[^"<>]{{{PARSER_RUN},}}"|'[^'<>]{{{PARSER_RUN},}}')""")


def without_oversized_runs(html: str) -> str:
    """``html`` with what no reader sees emptied where it is too long for the parser: a script,
    style or comment, or an attribute value (a data: image), of ``PARSER_RUN`` characters or
    more. Such a run had ended the tree there: a page with a 10.5 MB inline script lost its
    article ("no main text found in the page"), one with a data: image that long most of it.
    One pass: each opener's end is looked for once, and one never closed runs to the end."""
    if len(html) < PARSER_RUN:
        return html
    parts: list[str] = []
    pos = scan = 0
    opener = _RAW_OPEN
    while (opened := opener.search(html, scan)) is not None:
        start = opened.end()
        kind = opened[0][1:].lower() if opened[0] != "<!--" else ""
        if kind:
            start = html.find(">", start) + 1
            if not start:  # no tag ends after it: only a comment opens a run from here
                opener, scan = _COMMENT_OPEN, opened.end()
                continue
        closed = _RAW_CLOSE[kind].search(html, start)
        end = closed.start() if closed else len(html)
        if end - start >= PARSER_RUN:
            parts += [html[pos:start]]
        else:
            parts += [html[pos:end]]
        if closed is None:
            pos = len(html)
            break
        pos = scan = end
    parts.append(html[pos:])
    return _LONG_VALUE.sub(r'\1""', "".join(parts))


def oversized_paragraph(html: str, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """Why a page holding a run of text past ``PARSER_RUN`` characters (what is left once
    ``without_oversized_runs`` has emptied scripts, comments and attribute values: a paragraph)
    is refused, as an article text too long: past the parser's reach such a paragraph had been
    dropped without a word from a page with other text (stored without it), while one of
    9,900,000 characters was refused as too long."""
    if len(html) < PARSER_RUN:
        return None
    # each run of text follows a tag's ">": its length, the tag's own characters left out
    run = max((len(part.partition(">")[2]) for part in html.split("<")), default=0)
    if run < PARSER_RUN:
        return None
    if run <= limits.max_article_chars:  # a limit raised past the parser's
        return (
            f"a paragraph of {run:,} characters, past what the HTML parser reads ({PARSER_RUN:,})"
        )
    return (
        f"article text too long (a paragraph of {run:,} characters; the limit is"
        f" {limits.max_article_chars:,}, Limits.max_article_chars)"
    )


def attributes_and_elements(markup: bytes) -> tuple[int, int]:
    """The most attributes any one element of ``markup`` (HTML, or XML such as a feed) has, and
    its number of elements, read by libxml2's HTML tokenizer without building anything; (0, 0)
    when it reads nothing."""
    from lxml import etree

    parser = etree.HTMLParser(target=_MostAttributes(), encoding="utf-8")
    try:
        found = etree.fromstring(markup, parser)
    except Exception:  # nothing for the tokenizer to read: the caller's parser says why
        return 0, 0
    return found if isinstance(found, tuple) else (0, 0)


def most_attributes(markup: bytes) -> int:
    """The most attributes any one element of ``markup`` has (``attributes_and_elements``)."""
    return attributes_and_elements(markup)[0]


def crowded_reason(most: int, what: str = "HTML") -> str | None:
    """Why markup whose fullest element has ``most`` attributes is refused, or None."""
    if most <= MAX_ATTRIBUTES:
        return None
    return (
        f"malformed {what}: an element with {most:,} attributes (the limit is {MAX_ATTRIBUTES}, "
        "Limits.max_html_attributes)"
    )


def crowded_element(html: str, name: str) -> InputError | None:
    """Why ``html`` must not be parsed into a tree (an element with over ``MAX_ATTRIBUTES``
    attributes, or over ``MAX_ELEMENTS`` elements), or None; the page is read by the same
    tokenizer that would build the tree."""
    most, elements = attributes_and_elements(html.encode("utf-8", "replace"))
    reason = crowded_reason(most)
    if reason is None and elements > MAX_ELEMENTS:
        reason = (
            f"too many elements for a news page ({elements:,}; the limit is {MAX_ELEMENTS:,}, "
            "Limits.max_html_elements)"
        )
    return InputError(name, reason) if reason else None


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def _site_from_title_tag(html: str, headline: str) -> str | None:
    """The site name of "<title>Headline - Site</title>" when the page states it nowhere else."""
    m = _TITLE_TAG.search(html[:200_000])
    if not m or not headline:
        return None
    from html import unescape

    full = " ".join(unescape(m.group(1)).split())
    if not full.startswith(headline):
        return None
    rest = full[len(headline) :]
    m = re.fullmatch(r"\s*(?:\||-|–|—|::|·)\s*(.{2,60})", rest)
    return m.group(1).strip() if m else None


def _precise_published(html: str) -> datetime | None:
    from lxml import html as lxml_html

    try:
        head = html[: html.find("</head>") + 7] if "</head>" in html else html[:200_000]
        values = lxml_html.fromstring(head or "<html/>").xpath(_META_DATE_XPATH)
    except Exception:  # malformed markup: the day-level date from trafilatura still applies
        values = []
    values = [*values, *_JSONLD_DATE.findall(html[:500_000])]
    for value in values:
        dt = parse_datetime(str(value))
        if dt is not None:
            return dt
    return None


# trafilatura reads a page's paragraphs with the XPath "//p//text()", which libxml2 evaluates
# in time quadratic in the number of <p> elements (it merges each one's node set into the
# whole): a page of 50,000 short paragraphs took 11 s in trafilatura alone, 60,000 over 20 s.
# Above this many (a news page has tens), each run of sibling paragraphs is given as one
# paragraph of lines, whose text trafilatura gives the same, a line a paragraph.
MERGE_PARAGRAPHS_ABOVE = 5_000
_P_TAG = re.compile(r"<p[\s>]", re.I)


def fewer_paragraphs(html: str) -> str:
    """``html`` itself when it has at most ``MERGE_PARAGRAPHS_ABOVE`` paragraphs; else the
    page with each run of sibling paragraphs of one kind (same attributes, nothing between
    them) made one, its paragraphs separated by <br>."""
    opened = sum(1 for _ in islice(_P_TAG.finditer(html), MERGE_PARAGRAPHS_ABOVE + 1))
    if opened <= MERGE_PARAGRAPHS_ABOVE:
        return html
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except Exception:  # malformed markup: trafilatura says why, as for any page
        return html
    paragraphs = list(root.iter("p"))
    if len(paragraphs) <= MERGE_PARAGRAPHS_ABOVE:
        return html
    for paragraph in paragraphs:
        head = paragraph.getprevious()  # the run's first paragraph, its others merged in
        if head is None or head.tag != "p" or (head.tail or "").strip():
            continue
        if dict(head.attrib) != dict(paragraph.attrib):
            continue
        br = lxml_html.Element("br")
        br.tail = paragraph.text
        head.append(br)
        head.extend(list(paragraph))
        head.tail = paragraph.tail
        paragraph.getparent().remove(paragraph)
    return str(lxml_html.tostring(root, encoding="unicode"))


def extract_html(
    page: bytes | str,
    *,
    name: str,
    url: str | None = None,
    published: datetime | None = None,
    charset: str | None = None,
) -> Article | InputError:
    """An uncleaned Article from an HTML page, or the reason there is none.

    ``published`` is the fallback date (the crawl date of a WARC record); the page's own
    metadata wins when it has one.
    """
    import trafilatura

    try:
        html = decode_html(page, name, charset) if isinstance(page, bytes) else page
    except InputError as err:
        return err
    if not html.strip():
        return InputError(name, "empty page")
    if not _HAS_MARKUP.search(html[:100_000]):
        return InputError(name, "not HTML (no markup found)")
    crowded = crowded_element(html, name)
    if crowded:
        return crowded
    html = without_oversized_runs(html)
    too_long = oversized_paragraph(html)
    if too_long:
        return InputError(name, too_long)
    html = fewer_paragraphs(html)
    try:
        doc = trafilatura.bare_extraction(html, url=url, **EXTRACTION_OPTIONS)  # type: ignore[arg-type]
    except Exception as exc:  # trafilatura/lxml failures are per-page, never batch-fatal
        return InputError(name, f"HTML extraction failed ({type(exc).__name__})")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return InputError(name, "no main text found in the page" + too_deep(html))
    words = len(text.split())
    if words < MIN_PAGE_WORDS:  # a menu, a login wall or an index page, not an article
        said = f"{words} word{'' if words == 1 else 's'}"
        return InputError(name, f"no main text found in the page (only {said})")
    page_url = url or getattr(doc, "url", None)
    date = _precise_published(html) or parse_datetime(getattr(doc, "date", None)) or published
    title = getattr(doc, "title", None) or ""
    source = (
        getattr(doc, "sitename", None)
        or _site_from_title_tag(html, title)
        or domain_of(page_url)
        or getattr(doc, "hostname", None)
    )
    return Article(
        id=article_id(text),
        text=text,
        title=title,
        url=page_url,
        source=source,
        published=date,
        origin=name,
    )


# HTML in a record's text field (a CMS export's rendered body, a scraper's "content"): it opens
# with a tag, or parts its paragraphs by tags, at least two (plain text may hold a stray tag: a
# Multi-News page's "<div>Please enable Javascript to watch this video</div>" at its end)
_OPENING_TAG = re.compile(r"\s*<(?:!doctype\b|!--|[a-z][a-z0-9]*[\s/>])", re.I)
_PARAGRAPH_TAG = re.compile(r"<(?:/?p|br)\b[^<>]{0,2000}>", re.I)
MIN_MARKUP_TAGS = 2
_PAGE_START = re.compile(r"\s*(?:<!doctype\b|<html\b)", re.I)
# elements whose start and end part paragraphs; what is inside those dropped is no text
_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 blockquote section article figure figcaption tr table ul ol"
    " td th header footer pre dd dt".split()
)
_NOT_TEXT_TAGS = ("script", "style", "noscript", "template", "iframe")


def holds_markup(text: str) -> bool:
    """Whether an article's text is HTML rather than text (it opens with a tag, or holds
    ``MIN_MARKUP_TAGS`` paragraph tags)."""
    if "<" not in text:
        return False
    if _OPENING_TAG.match(text):
        return True
    return len(list(islice(_PARAGRAPH_TAG.finditer(text), MIN_MARKUP_TAGS))) == MIN_MARKUP_TAGS


def markup_text(html: str, *, name: str, url: str | None = None) -> str | InputError:
    """The text of HTML given as an article's text: a whole page's main text (as a saved page's),
    a fragment's text with its block elements as paragraphs, entities resolved and scripts
    dropped (the tags and "&nbsp;" had been stored and summarized as text)."""
    if _PAGE_START.match(html):
        page = extract_html(html, name=name, url=url)
        return page if isinstance(page, InputError) else page.text
    crowded = crowded_element(html, name)
    if crowded:
        return crowded
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception as exc:  # lxml's failures are per record, never batch-fatal
        return InputError(name, f"HTML in the text could not be read ({type(exc).__name__})")
    for element in root.xpath("|".join(f"//{tag}" for tag in _NOT_TEXT_TAGS)):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    paras = (" ".join(p.split()) for p in re.split(r"\n\s*\n", root.text_content()))
    return "\n\n".join(p for p in paras if p)


def read_html(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    """The article of one saved page (.html/.htm)."""
    data = whole_file(path, max_bytes)
    yield data if isinstance(data, InputError) else extract_html(data, name=str(path))
