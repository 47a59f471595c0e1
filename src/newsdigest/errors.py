"""Typed errors: each carries the input's name and reads as one line to the user."""

from __future__ import annotations

import errno
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, overload

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


# a URL's password ("http://user:pw@host/feed", RFC 3986 userinfo): to the last "@" before the
# path, as urllib splits it, so a password holding an "@" is hidden whole
_URL_PASSWORD = re.compile(r"(\b[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#@:]*):[^\s/?#]*@")


def hide_passwords(text: str) -> str:
    """``text`` with the password of every URL in it written ``***``
    (``http://user:***@host/feed``): a feed's credentials given on the command line had been
    printed back in every error line and log naming the feed, and shown on the home page."""
    return _URL_PASSWORD.sub(r"\1:***@", text) if "@" in text else text


def one_line(exc: BaseException) -> str:
    """A third-party exception as ``Type: first line``, for a one-line error message."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


class NewsdigestError(Exception):
    """Base class; ``str(err)`` is the one line shown to the user, so the names in it (a
    database path, a model folder) are escaped as input names are."""

    def __init__(self, message: str = "") -> None:
        super().__init__(escape_line(hide_passwords(message)))


def check_hooks(**hooks: object) -> None:
    """``TypeError`` naming a hook given that is not a function (None is none): an
    ``on_error=5`` had been Python's "'int' object is not callable" at the first bad input,
    after some work was done."""
    for name, hook in hooks.items():
        if hook is not None and not callable(hook):
            raise TypeError(f"{name}: expected a function (or None), not {type(hook).__name__}")


class InputError(NewsdigestError):
    """One input (file, record, request field) could not be read; others go on."""

    def __init__(self, name: str, reason: str) -> None:
        name, reason = hide_passwords(name), hide_passwords(reason)
        super().__init__(f"{escape_line(name)}: {escape_line(reason)}")
        self.name = name
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as it is (a refusal made in a worker, ``ingest``'s shared cleaning):
        Exception's own pickling called ``__init__`` with the one message, which failed
        ("missing 1 required positional argument: 'reason'") and broke the worker pool."""
        return (_rebuilt, (type(self), self.args, dict(self.__dict__)))


def _rebuilt(cls: type[InputError], args: tuple[Any, ...], state: dict[str, Any]) -> InputError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


# how many refusals a run keeps whole (the rest are counted by reason): every one had been kept,
# ~550 bytes each, so a JSON Lines file of a million "{}" took 790 MB to say it held none
KEPT_REFUSALS = 1000


class Refusals(Sequence[InputError]):
    """The inputs a run refused, in bounded memory: the first ``keep`` whole, in order (the
    sequence), and every one counted: ``total``, ``by_reason``, ``left_out``."""

    def __init__(self, errors: Iterable[InputError] = (), *, keep: int = KEPT_REFUSALS) -> None:
        self.keep = keep
        self.total = 0
        self.by_reason: Counter[str] = Counter()
        self._kept: list[InputError] = []
        for error in errors:
            self.append(error)

    def append(self, error: InputError) -> None:
        self.total += 1
        self.by_reason[error.reason] += 1
        if len(self._kept) < self.keep:
            self._kept.append(error)

    @property
    def left_out(self) -> int:
        """How many were counted but not kept."""
        return self.total - len(self._kept)

    def left_out_line(self) -> str | None:
        """ "999,000 more refused, not kept (999,000 record is not an article ...)", or None."""
        if not self.left_out:
            return None
        kept = Counter(e.reason for e in self._kept)
        rest = Counter({why: n - kept[why] for why, n in self.by_reason.items() if n > kept[why]})
        return f"{self.left_out:,} more refused, not kept ({_counts_line(rest)})"

    def __len__(self) -> int:
        return len(self._kept)

    @overload
    def __getitem__(self, index: int) -> InputError: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[InputError]: ...
    def __getitem__(self, index: int | slice) -> InputError | Sequence[InputError]:
        return self._kept[index]

    def __iter__(self) -> Iterator[InputError]:
        return iter(self._kept)

    def __repr__(self) -> str:
        return f"Refusals(total={self.total}, kept={len(self._kept)})"


def total_of(errors: Sequence[InputError]) -> int:
    """How many inputs were refused: a ``Refusals``' total, else the length."""
    return errors.total if isinstance(errors, Refusals) else len(errors)


def _counts_line(counts: Counter[str]) -> str:
    return "; ".join(f"{n} {why}" for why, n in sorted(counts.items()))


def reason_counts(errors: Iterable[InputError]) -> str:
    """ "1 empty file; 2 invalid JSON (...)": how many inputs each reason refused, by reason
    (of all a ``Refusals`` counted, those not kept too)."""
    if isinstance(errors, Refusals):
        return _counts_line(errors.by_reason)
    return _counts_line(Counter(error.reason for error in errors))


# what follows a file's name in the name of one of its records: "feed.jsonl:12", "a.json[3]",
# "a.json[3] article 2", "crawl.warc.gz: record <urn:...> <https://...>", "feed.jsonl (record 7)",
# "eval.csv:row 3"
_RECORD_OF = re.compile(
    r"(?:(?::\d+|\[\d+\])(?: article \d+)?|:row \d+|: record .*| \(record .*\))\Z", re.S
)


# why a file named, or listed in a folder, could not be read: it is not there (any more)
VANISHED = os.strerror(errno.ENOENT).lower()
GONE_NAMED = 3  # vanished files of one folder named one by one; past this, a count and these


class RecordLines:
    """Lines about the records of a batch, at most ``shown`` for one file; ``close`` says the
    rest in one line per file, worded by ``summary`` (``refused`` or ``dropped``). A text file
    named .jsonl, or a JSON array of 100,000 empty objects, had printed a line per record,
    burying every other file's line; a line about a whole file is always said."""

    def __init__(
        self,
        tell: Callable[[str], None],
        summary: Callable[[int, Counter[str]], str],
        shown: int = 10,
    ) -> None:
        self.tell = tell
        self.summary = summary
        self.shown = shown
        self.seen: Counter[str] = Counter()
        self.held: dict[str, Counter[str]] = {}
        self.gone: dict[str, list[str]] = {}  # folder -> its files that vanished, in order

    def __call__(self, name: str, reason: str) -> None:
        file = _RECORD_OF.sub("", name)
        if file == name:
            if reason == VANISHED:  # said at ``close``, a folder's in one line when many
                self.gone.setdefault(os.path.dirname(name), []).append(name)
                return
            self.tell(escape_line(f"{name}: {reason}"))
            return
        self.seen[file] += 1
        if self.seen[file] <= self.shown:
            self.tell(escape_line(f"{name}: {reason}"))
        else:
            self.held.setdefault(file, Counter())[reason] += 1

    def error(self, error: object) -> None:
        """An ``InputError`` (a record's, capped) or any other error (said as it is)."""
        name, reason = getattr(error, "name", None), getattr(error, "reason", None)
        if isinstance(name, str) and isinstance(reason, str):
            self(name, reason)
        else:
            self.tell(str(error))

    def close(self) -> None:
        """One line per file whose lines were held back, and per folder whose files vanished
        between its listing and their reading: each named when at most ``GONE_NAMED``, else
        the count and the first few (a folder emptied while it was read had printed a line
        per file, 1,000 of them, burying every other line)."""
        for file, reasons in self.held.items():
            self.tell(f"{escape_line(file)}: {self.summary(sum(reasons.values()), reasons)}")
        self.held.clear()
        for folder, names in self.gone.items():
            if len(names) <= GONE_NAMED:
                for name in names:
                    self.tell(escape_line(f"{name}: {VANISHED}"))
                continue
            first = ", ".join(os.path.basename(n) for n in names[:GONE_NAMED])
            self.tell(
                escape_line(
                    f"{folder or '.'}: {len(names):,} files gone before they were read"
                    f" ({VANISHED}): {first} and {len(names) - GONE_NAMED:,} more"
                )
            )
        self.gone.clear()

    @staticmethod
    def refused(total: int, reasons: Counter[str]) -> str:
        """ "3 more records refused (2 empty line; 1 for other reasons)"."""
        (reason, n), *others = reasons.most_common()
        why = reason if not others else f"{n:,} {reason}; {total - n:,} for other reasons"
        return escape_line(f"{total:,} more record{'s' if total != 1 else ''} refused ({why})")

    @staticmethod
    def dropped(total: int, reasons: Counter[str]) -> str:
        """ "2 more records with a field dropped as above"."""
        return f"{total:,} more record{'s' if total != 1 else ''} with a field dropped as above"


class NoArticlesError(NewsdigestError):
    """Nothing usable was found in the inputs; ``rejected``: why each input was refused."""

    def __init__(self, message: str = "", rejected: Sequence[InputError] = ()) -> None:
        super().__init__(message)
        self.rejected = rejected if isinstance(rejected, Refusals) else Refusals(rejected)

    @classmethod
    def of(cls, rejected: Sequence[InputError], *, told: bool = False) -> NoArticlesError:
        """The error for a batch whose inputs were all ``rejected``; its line names the first
        reason unless the caller was ``told`` each already (the CLI printed them): a Python
        caller had read "no readable articles in the input" and no why."""
        line = "no readable articles in the input"
        total = total_of(rejected)
        if rejected and not told:
            more = f" (and {total - 1} more)" if total > 1 else ""
            line += f": {rejected[0]}{more}"
        return cls(line, rejected)


class ModelUnavailableError(NewsdigestError):
    """An optional model backend is not installed or its file cannot be loaded."""


class UnknownMethodError(ModelUnavailableError):
    """A summarizer or embedder name that names none; ``setting``: which (``"summarizer"``,
    ``"embedder"``), so the CLI can say which option was wrong."""

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting


class SettingError(NewsdigestError):
    """An environment variable holds what this cannot use; the line names the variable, what
    it holds and what it accepts (``NEWSDIGEST_WORKERS=abc`` had been taken as 1 unsaid)."""

    def __init__(self, variable: str, value: str, accepts: str) -> None:
        super().__init__(f"{variable}={value!r}: expected {accepts}")
        self.variable = variable


class StoreError(NewsdigestError):
    """The store could not be opened or written; nothing partial was committed."""


class FetchError(InputError):
    """A URL the follower could not fetch (HTTP status, timeout, robots, size); the round goes
    on. ``status``: the HTTP status when the server answered; ``permanent``: trying again later
    would give the same answer (too large, a redirect loop, 404/410). ``host``: the origin
    ("https://example.com") whose robots.txt could not be read, so every URL of it fails
    alike."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        status: int | None = None,
        permanent: bool = False,
        host: str | None = None,
    ) -> None:
        super().__init__(url, reason)
        self.status = status
        self.permanent = permanent or status in (404, 410)
        self.host = host
