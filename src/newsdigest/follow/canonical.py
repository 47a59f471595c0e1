"""One URL per article: the page's ``<link rel=canonical>`` when it names one on the web, with
tracking parameters (utm_*, fbclid, gclid, …) and the fragment dropped, so one article reached
by two feeds (or by a feed and a newsletter link) is fetched and stored once."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from newsdigest.limits import url_size_reason

_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|"
    r"_ga|_gl|ocid|cmpid|ref_src|__twitter_impression|at_medium|at_campaign)$",
    re.I,
)


def clean_url(url: str) -> str:
    """``url`` without tracking parameters or fragment, with a lower-case scheme and host. The
    rest is kept as written: the query had been re-encoded, which broke one that is no list of
    key=value pairs ("index.php?/archives/123-x.html", a Serendipity blog's address, became
    "?%2Farchives%2F123-x.html=", and the blog's page was not found) or that parts its pairs
    with ";", and the whole of user:password@host had been lowered, the password with it."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and not _TRACKING.match(unquote_plus(pair.partition("=")[0]))
    ]
    userinfo, at, host = parts.netloc.rpartition("@")
    netloc = f"{userinfo}{at}{host.lower()}"
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, "&".join(kept), ""))


def canonical_url(html: str, page_url: str) -> str:
    """The page's canonical URL (cleaned), or ``page_url`` cleaned when it names none usable."""
    from lxml import html as lxml_html

    end = html.find("</head>")
    head = html[: end + 7] if end >= 0 else html[:200_000]
    try:
        hrefs = lxml_html.fromstring(head or "<html/>").xpath(
            "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
        )
    except Exception:  # malformed markup: the URL we fetched stands
        hrefs = []
    for href in hrefs:
        try:
            target = urljoin(page_url, str(href).strip())
            usable = urlsplit(target).scheme in ("http", "https")
        except ValueError:  # an href urllib cannot split: the URL we fetched stands
            continue
        # one too long to store (``Limits.max_url_bytes``) would cost the page itself
        if usable and not url_size_reason(clean_url(target)):
            return clean_url(target)
    return clean_url(page_url)
