"""follow stage: subscriptions (RSS/Atom feeds, OPML lists, sitemaps) fetched politely and
turned into stored articles and refreshed stories, round after round.

- ``sources``: what a feed, OPML file or sitemap lists (feedparser, lxml).
- ``fetch``: polite HTTP (robots.txt, per-host rate, retries, size cap, conditional GET).
- ``canonical``: one URL per article (rel=canonical, tracking parameters dropped).
- ``round``: a round and the loop; state (validators, seen URLs) lives in the store.
"""

from __future__ import annotations

from newsdigest.follow.fetch import Fetcher, Politeness
from newsdigest.follow.round import Follower, RoundReport

__all__ = ["Fetcher", "Follower", "Politeness", "RoundReport"]
