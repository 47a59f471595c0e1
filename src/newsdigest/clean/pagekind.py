"""Tell a page that is not an article from a short article.

Crawls of news sites return pages that were never news: a web archive's notice about its crawl,
a video player that could not load, a sign-in form, a "page not found". Cleaning removes their
fixed sentences (``rules.NOTICES``), but a page with little else would still be stored as a
short article and grouped with whatever it happens to resemble; ingest rejects it instead, and
says which kind of page it was.
"""

from __future__ import annotations

from newsdigest.clean import rules
from newsdigest.clean.paragraphs import split_paragraphs
from newsdigest.clean.unicode import repair_unicode

MIN_ARTICLE_WORDS = rules.MIN_ARTICLE_WORDS
# Widgets that real articles embed (a player above a brief): their page is rejected only when
# nothing else is left, however short the rest.
EMBEDDED_KINDS = frozenset({"video player message", "location widget", "site legal notice"})


def non_article_kind(raw_text: str, clean_text: str) -> str | None:
    """The kind of non-article page ``raw_text`` is, or None when it reads as an article.

    A page is not an article when it carries a notice of a known kind and its clean text is
    empty, or, for a notice that only whole pages carry (a crawl notice, a sign-in form),
    keeps fewer than ``MIN_ARTICLE_WORDS`` words.
    """
    # the words up to the threshold (every article's text is read here): at most
    # MIN_ARTICLE_WORDS - 1 words split apart and the rest as one, so a short text's count is
    # exact and a long one's is MIN_ARTICLE_WORDS
    words = len(clean_text.split(maxsplit=MIN_ARTICLE_WORDS - 1))
    if words >= MIN_ARTICLE_WORDS:
        return None
    for para in split_paragraphs(repair_unicode(raw_text)):
        kind = rules.notice_kind(para.strip())
        if kind and (words == 0 or kind not in EMBEDDED_KINDS):
            return kind
    return None
