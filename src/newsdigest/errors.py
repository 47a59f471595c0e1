"""Typed errors: each carries the input's name and reads as one line to the user."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Characters that would break or forge a line on a terminal: controls (newline, escape), line
# and paragraph separators, bidirectional marks and overrides, and lone
# surrogates (a file name's undecodable bytes), which cannot even be printed as UTF-8.
_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def escape_line(text: str) -> str:
    """``text`` with every character that could break or spoof a line written as an escape
    (``\\n``, ``\\x1b``, ``\\udcff``), so a message stays one honest line."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(exc: BaseException) -> str:
    """A third-party exception as ``Type: first line``, for a one-line error message."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


class NewsdigestError(Exception):
    """Base class; ``str(err)`` is the one line shown to the user, so the names in it (a
    database path, a model folder) are escaped as input names are."""

    def __init__(self, message: str = "") -> None:
        super().__init__(escape_line(message))


class InputError(NewsdigestError):
    """One input (file, record, request field) could not be read; others go on."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{escape_line(name)}: {escape_line(reason)}")
        self.name = name
        self.reason = reason


def reason_counts(errors: Iterable[InputError]) -> str:
    """ "1 empty file; 2 invalid JSON (...)": how many inputs each reason refused, by reason."""
    counts: dict[str, int] = {}
    for error in errors:
        counts[error.reason] = counts.get(error.reason, 0) + 1
    return "; ".join(f"{n} {why}" for why, n in sorted(counts.items()))


class NoArticlesError(NewsdigestError):
    """Nothing usable was found in the inputs; ``rejected``: why each input was refused."""

    def __init__(self, message: str = "", rejected: tuple[InputError, ...] = ()) -> None:
        super().__init__(message)
        self.rejected = rejected

    @classmethod
    def of(cls, rejected: list[InputError], *, told: bool = False) -> NoArticlesError:
        """The error for a batch whose inputs were all ``rejected``; its line names the first
        reason unless the caller was ``told`` each already (the CLI printed them): a Python
        caller had read "no readable articles in the input" and no why."""
        line = "no readable articles in the input"
        if rejected and not told:
            more = f" (and {len(rejected) - 1} more)" if len(rejected) > 1 else ""
            line += f": {rejected[0]}{more}"
        return cls(line, tuple(rejected))


class ModelUnavailableError(NewsdigestError):
    """An optional model backend is not installed or its file cannot be loaded."""


class UnknownMethodError(ModelUnavailableError):
    """A summarizer or embedder name that names none; ``setting``: which (``"summarizer"``,
    ``"embedder"``), so the CLI can say which option was wrong."""

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class StoreError(NewsdigestError):
    """The store could not be opened or written; nothing partial was committed."""


class FetchError(InputError):
    """A URL the follower could not fetch (HTTP status, timeout, robots, size); the round goes
    on. ``status``: the HTTP status when the server answered; ``permanent``: trying again later
    would give the same answer (too large, a redirect loop, 404/410)."""

    def __init__(
        self, url: str, reason: str, *, status: int | None = None, permanent: bool = False
    ) -> None:
        super().__init__(url, reason)
        self.status = status
        self.permanent = permanent or status in (404, 410)
