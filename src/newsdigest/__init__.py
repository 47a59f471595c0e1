"""newsdigest: cited multi-document summaries of news stories, offline.

Public API::

    import newsdigest
    story = newsdigest.digest(["path/to/folder", article, "raw article text"], words=120)
    for s in story.summary:
        print(s.text, s.citations)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsdigest.model import Story

__all__ = ["__version__", "digest"]


def digest(articles: Any, **options: Any) -> Story:
    """Digest one cluster of articles; see :func:`newsdigest.pipeline.digest`."""
    from newsdigest.pipeline import digest as _digest

    return _digest(articles, **options)
