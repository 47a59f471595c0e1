"""Tell a page that is not an article from a short article.

Crawls of news sites return pages that were never news: a web archive's notice about its crawl,
a video player that could not load, a sign-in form, a "page not found". Cleaning removes their
fixed sentences (``rules.NOTICES``), but a page with little else would still be stored as a
short article and grouped with whatever it happens to resemble; ingest rejects it instead, and
says which kind of page it was.
"""

from __future__ import annotations

import re

from newsdigest.clean import rules
from newsdigest.clean.paragraphs import split_paragraphs
from newsdigest.clean.unicode import repair_unicode
from newsdigest.stopwords import ENGLISH_STOP_WORDS

MIN_ARTICLE_WORDS = rules.MIN_ARTICLE_WORDS
# Widgets that real articles embed (a player above a brief): their page is rejected only when
# nothing else is left, however short the rest.
EMBEDDED_KINDS = frozenset({"video player message", "location widget", "site legal notice"})
# Words a page's title and text are compared on: letters, three or more, cut to a stem
_WORD = re.compile(r"[^\W\d_]{3,}")
_STEM = 5
# The networks a site's own furniture invites its readers to ("Chat with us in Facebook
# Messenger", CNN's video pages)
_NETWORKS = frozenset(n.lower() for n in (*rules._NETWORKS, "Messenger", "TikTok"))
_LETTERS = re.compile(r"[^\W\d_]+")
_WE = frozenset({"us", "our", "we", "Our", "We"})  # as written: "US" is a country
# The parts of a host that do not name the site
_HOST_PARTS = frozenset({"www", "edition", "com", "org", "net", "co", "uk", "go", "news"})


def non_article_kind(
    raw_text: str, clean_text: str, title: str = "", outlet: str | None = None
) -> str | None:
    """The kind of non-article page ``raw_text`` is, or None when it reads as an article.

    A page is not an article when it carries a notice of a known kind and its clean text is
    empty, or, for a notice that only whole pages carry (a crawl notice, a sign-in form),
    keeps fewer than ``MIN_ARTICLE_WORDS`` words. A page whose text shares no word with its
    ``title`` is the site speaking of itself, not its title's news: a "site index page" when
    the title names the site (``outlet``, a host or a name: "World news - RT International",
    "NPR Search : NPR"), "site furniture" when the text is short and names the site ("125
    years of Progress!", The Daily Progress) or, as the site ("us"), a social network ("Chat
    with us in Facebook Messenger", CNN's video pages).
    """
    # the words up to the threshold (every article's text is read here): at most
    # MIN_ARTICLE_WORDS - 1 words split apart and the rest as one, so a short text's count is
    # exact and a long one's is MIN_ARTICLE_WORDS
    words = len(clean_text.split(maxsplit=MIN_ARTICLE_WORDS - 1))
    if words and _title_names_site(title, outlet) and not _shares_words(title, clean_text):
        return "site index page"
    if words >= MIN_ARTICLE_WORDS:
        return None
    for para in split_paragraphs(repair_unicode(raw_text)):
        kind = rules.notice_kind(para.strip())
        if kind and (words == 0 or kind not in EMBEDDED_KINDS):
            return kind
    if words and not _shares_words(title, clean_text) and _speaks_of_site(clean_text, outlet):
        return "site furniture"
    return None


def _words(text: str) -> set[str]:
    return {w.lower()[:_STEM] for w in _WORD.findall(text) if w.lower() not in ENGLISH_STOP_WORDS}


def _shares_words(title: str, text: str) -> bool:
    """Whether the text has a word of the title (compared on stems); True for no title."""
    words = _words(title)
    return not words or bool(words & _words(text))


def _site_names(outlet: str | None) -> list[str]:
    """The site's names in its outlet ("www.rt.com" -> ["rt"], "www.dailyprogress.com" ->
    ["dailyprogress"])."""
    parts = re.split(r"[^a-z0-9]+", (outlet or "").lower())
    return [p for p in parts if p and p not in _HOST_PARTS and p not in ENGLISH_STOP_WORDS]


def _names(word: str, names: list[str]) -> bool:
    if word in ENGLISH_STOP_WORDS:
        return False
    return any(word == n or (len(word) >= 4 and word in n) for n in names)


def _title_names_site(title: str, outlet: str | None) -> bool:
    """Whether a word of the title, short ones too ("RT", "NPR"), names the site."""
    names = _site_names(outlet)
    return bool(names) and any(_names(w.lower(), names) for w in _LETTERS.findall(title))


def _speaks_of_site(text: str, outlet: str | None) -> bool:
    """Whether the text names its site ("125 years of Progress!"), or speaks as the site
    ("us", "our") of a social network ("Chat with us in Facebook Messenger")."""
    written = _LETTERS.findall(text)
    words = [w.lower() for w in written]
    names = _site_names(outlet)
    if any(_names(w, names) for w in words):
        return True
    return bool(_NETWORKS.intersection(words)) and bool(_WE.intersection(written))
