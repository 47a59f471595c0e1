"""An error message fit for a web client: the reason kept, where the files live taken out.

Store errors name their input for the operator ("/srv/data/news.db: read failed: database disk
image is malformed"). A web client is told the same reason with the database's name only: no
folders, no user names, passwords or hosts from a database URL, no traceback.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s'\"]+", re.IGNORECASE)
_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?(?:[/\\][^\s/\\:'\"]+)+[/\\]?")
MAX_CHARS = 300


def _url_name(match: re.Match[str]) -> str:
    try:
        path = urlsplit(match.group(0)).path
    except ValueError:
        return "database"
    return path.rstrip("/").rsplit("/", 1)[-1] or "database"


def _path_name(match: re.Match[str]) -> str:
    return re.split(r"[/\\]", match.group(0).rstrip("/\\"))[-1] or "database"


def public_reason(message: str) -> str:
    """The first line of ``message`` with every URL and path shortened to its last part."""
    lines = message.strip().splitlines()
    first = lines[0] if lines else "unknown error"
    first = _URL.sub(_url_name, first)
    first = _PATH.sub(_path_name, first)
    return first[:MAX_CHARS]
