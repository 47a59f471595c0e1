"""The size limits on input, as named settings in one place (documented in the README, "Limits").

Each limit exists so that one careless or hostile input costs one line of error, never the
batch, the process or the server: a file is refused before it is read into memory, a JSON record
before it is parsed deeper than Python's stack allows, an article before spaCy or the summarizer
spend memory on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Input limits; every default is far above any real news article."""

    # one file (or one decompressed .gz, one WARC record, one JSON line)
    max_file_bytes: int = 20 * MB
    # one article's text; spaCy's own default ``max_length`` is the same figure, and the longest
    # news features run to about 100,000 characters
    max_article_chars: int = 1_000_000
    # words with a letter an article's text needs at the least ("x", "0" or "-- --" say nothing
    # a story could be told from: a stray one-byte file had been stored and made a story with
    # no title and no digest); a one-line wire bulletin ("Chicago Bears fire coach John Fox
    # after 5-11 season.") is an article
    min_article_words: int = 3
    # one article's title; a headline runs to 100-300 characters. Titles are read by spaCy
    # whole (its limit is 1,000,000 characters, ~1 GB of memory per 100,000): one title of 1 MB
    # stopped every later clustering run of its store
    max_title_chars: int = 2_000
    # one article's (or followed entry's, or source's) URL, in UTF-8 bytes: the sitemap
    # protocol's limit. PostgreSQL indexes URLs in a B-tree, whose entries stop near 2,700 bytes:
    # one longer URL (a page's canonical link of random letters) failed the whole batch there,
    # and kept every later follow round from reaching the entries after it
    max_url_bytes: int = 2_048
    # arrays/objects inside arrays/objects in one JSON document or line; a news record needs 3
    # or 4, and Python's JSON parser recurses once per level (RecursionError near 1,000)
    max_json_depth: int = 64
    # attributes of one HTML element: libxml2 builds them in quadratic time (40,000 took lxml
    # 20 s); Nokogiri's HTML5 parser stops at the same 400, and no real page comes near
    max_html_attributes: int = 400
    # elements of one HTML page: trafilatura's time grows faster than a page's paragraphs
    # (120,000 one-letter ones, 1 MB, took 30 s; a 20 MB file of them hours). A news page has a
    # few thousand; this machine's largest documentation pages have 90,000-180,000
    max_html_elements: int = 100_000
    # one POST /api/articles body, and the articles in it
    max_request_bytes: int = 5 * MB
    max_request_articles: int = 1000
    # characters spaCy parses at once in the facts step (a longer text is parsed in pieces cut
    # at paragraph or sentence ends); bounds the parser's memory, about 1 GB per 100,000 chars
    facts_chunk_chars: int = 100_000


DEFAULT_LIMITS = Limits()


def article_size_reason(text: str, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """Why an article text is refused for its size (one line, with the limit), or None."""
    return _size_reason("article text", len(text), limits.max_article_chars, "max_article_chars")


# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Myanmar,
# Khmer): there each letter counts as a word, or a Chinese article, one run of characters
# between spaces, was refused as "too short to be an article (1 word with a letter ...)"
WORDLESS_SCRIPTS = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_WORD = re.compile(rf"[{WORDLESS_SCRIPTS}]|[^\s{WORDLESS_SCRIPTS}]+")


def article_words_reason(text: str, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """Why an article text is refused as too short (one line, with the limit), or None. Words
    are counted lazily: an article's first words end the count."""
    need = limits.min_article_words
    found = 0
    for word in _WORD.finditer(text):
        if any(ch.isalpha() for ch in word.group()):
            found += 1
            if found >= need:
                return None
    return (
        f"too short to be an article ({found} word{'' if found == 1 else 's'} with a letter;"
        f" the least is {need},"
        " Limits.min_article_words)"
    )


def title_size_reason(title: str, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """Why an article's title is refused for its size (one line, with the limit), or None."""
    return _size_reason("title", len(title), limits.max_title_chars, "max_title_chars")


def url_size_reason(url: str | None, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """Why a URL is refused for its size (one line, with the limit), or None."""
    size = len((url or "").strip().encode("utf-8", "surrogatepass"))
    if size <= limits.max_url_bytes:
        return None
    return f"URL too long ({size:,} bytes; the limit is {limits.max_url_bytes:,}, Limits.max_url_bytes)"


def _size_reason(what: str, size: int, limit: int, field: str) -> str | None:
    if size <= limit:
        return None
    return f"{what} too long ({size:,} characters; the limit is {limit:,}, Limits.{field})"


def readable_title(title: str | None, limits: Limits = DEFAULT_LIMITS) -> str:
    """A title as the NER reads it: one stored before ``max_title_chars`` was a limit is read
    up to it (spaCy refuses a text past its max_length, and every later run met the title)."""
    return (title or "")[: limits.max_title_chars]
