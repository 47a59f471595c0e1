"""Where the project keeps what it builds (the distilled static model): a per-user cache dir."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$NEWSDIGEST_CACHE``, else ``$XDG_CACHE_HOME/newsdigest``, else ``~/.cache/newsdigest``."""
    explicit = os.environ.get("NEWSDIGEST_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsdigest"
