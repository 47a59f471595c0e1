"""Ingest stage: read files, folders and in-memory texts into clean Articles.

Every input yields either Articles or ``InputError``s (one line: ``<file>: <reason>``), never an
exception, so one bad file or record never aborts a batch.

Formats, chosen by extension (a named file with another extension is sniffed from its first
bytes; inside folders such files are skipped, but for TREC newswire, and ``on_notice`` is told
how many and of which extensions: a folder's .docx or .pdf had gone without a word; a named
.csv or .tsv is refused, not sniffed, as a table of articles is not one article's text):

- ``.txt``: one article; the first line is the title unless it reads as body text.
- ``.html``/``.htm``: main text via trafilatura; title, date and site from the page metadata.
- ``.jsonl``/``.ndjson`` (one article per line) and ``.json`` (an array, one object, or a cluster
  with an ``articles`` list); only ``text`` is required.
- ``.warc``/``.warc.gz``: HTML response records, as CC-NEWS publishes them.
- ``.sgml``/``.sgm`` and DUC/TDT files named by their document id (``APW19981016.0240``):
  TREC-style SGML newswire, one or more ``<DOC>`` elements a file.
- any of the others gzip-compressed (``.jsonl.gz``, ``.txt.gz``, ...), decompressed on the fly.

Only regular files are opened: a named pipe, socket or device is reported as "not a regular
file" without being opened (it could block forever or never end), a folder that cannot be
listed is one line, and the limits are the named settings of ``newsdigest.limits``.

How ``load_articles`` tells paths from texts: an ``Article`` is used as is (cleaned again, which
changes nothing for a clean one; its id becomes its clean text's hash, and the id it came with
its ``origin`` unless it has one); a ``pathlib.Path`` is always a path; a ``str`` is a path only
when it is one line that names an existing file or folder, or one line without spaces that ends
in a supported extension or "/" (so a mistyped file or folder name is reported as missing rather
than summarized as a one-line article); every other string is one article's text.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from newsdigest.clean import clean_article
from newsdigest.clean.pagekind import non_article_kind
from newsdigest.errors import InputError, Refusals, escape_line
from newsdigest.ingest.decode import (
    DEFAULT_MAX_BYTES,
    GZIP_ERRORS,
    format_limit,
    looks_binary,
    open_binary,
    os_reason,
    read_head,
    regular_file_error,
    wide_encoding,
)
from newsdigest.ingest.html import read_html
from newsdigest.ingest.jsonl import field_notes, notes_renamed, read_json, read_jsonl
from newsdigest.ingest.text import read_text, text_article
from newsdigest.ingest.trec import looks_trec, read_trec
from newsdigest.limits import (
    article_size_reason,
    article_words_reason,
    title_size_reason,
    url_size_reason,
)
from newsdigest.model import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "LoadResult",
    "iter_articles",
    "load_articles",
    "read_file",
    "walk_tree",
]


def read_warc(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    """``ingest.warc.read_warc``, imported when a WARC file is met: warcio imports fsspec,
    ~0.1 s of every ``ingest`` run that reads no WARC."""
    from newsdigest.ingest.warc import read_warc as read

    return read(path, max_bytes=max_bytes)


Reader = Callable[..., Iterator[Article | InputError]]

_READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".sgml": read_trec,
    ".sgm": read_trec,
}
SUPPORTED_SUFFIXES = tuple(_READERS)


@dataclass(frozen=True)
class LoadResult:
    """Everything read from a batch: clean articles and the inputs that could not be used
    (the first ``KEPT_REFUSALS`` whole, the rest counted by reason: ``errors.total``)."""

    articles: tuple[Article, ...]
    errors: Refusals
    notices: tuple[str, ...] = ()  # a folder's files of other formats, skipped


def _suffix(path: Path) -> str:
    """The format suffix: ".warc.gz" is one format; "x.jsonl.gz" reads as ".jsonl" (the
    readers gunzip on the fly)."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    if name.endswith(".gz"):
        inner = Path(name[:-3]).suffix
        return inner if inner in _READERS else ".gz"
    return path.suffix.lower()


# Tables read as text, not sniffed: a CSV of articles named on the command line had been
# stored as one article, its rows the sentences of the digest
_TABLES = {".csv": "CSV", ".tsv": "TSV"}


def _sniff_reader(path: Path) -> Reader | None:
    """The reader for a file whose extension says nothing, from its first bytes."""
    try:
        with open_binary(path) as fh:
            head = read_head(fh, 8192)
    except (InputError, *GZIP_ERRORS):
        return None
    if head.startswith(b"WARC/"):
        return read_warc
    if looks_trec(head):
        return read_trec
    if not head or looks_binary(head):
        return None
    encoding = wide_encoding(head)
    if encoding:  # its first characters, as UTF-8, for the tests below
        head = head.decode(encoding, errors="ignore").encode("utf-8")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")):
        return read_html
    if text.startswith(b"["):
        return read_json
    if text.startswith(b"{"):
        return read_jsonl
    return read_text


# the paths a shell gives for standard input or a process's output
_STREAM_PATHS = ("/dev/stdin", "/dev/fd/", "/proc/self/fd/")


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """Uncleaned articles (or errors) of one file, read by its format; a named pipe, socket or
    device is refused without being opened."""
    not_regular = regular_file_error(path)
    if not_regular:
        # /dev/stdin and <(cmd) (/dev/fd/63) name a pipe or a terminal: the user meant "-"
        yield (
            InputError(not_regular.name, f"{not_regular.reason}; give - to read standard input")
            if str(path).startswith(_STREAM_PATHS)
            else not_regular
        )
        return
    table = _TABLES.get(_suffix(path))
    if table:
        yield InputError(
            str(path),
            f"a {table} table is not an article format; give articles as JSON Lines"
            " (.jsonl: one object with a 'text' field a line) or as .txt, .html, .json, .warc"
            " or .sgml files",
        )
        return
    reader = _READERS.get(_suffix(path)) or _sniff_reader(path)
    if reader is None:
        try:
            empty = path.stat().st_size == 0
        except OSError:
            empty = False
        archive = None if empty else _archive_kind(path)
        if empty:
            reason = "empty file"
        elif archive == "document":  # a .docx or .epub is a zip too: unpacking it gives no text
            reason = "a word-processor or e-book file is not read; save it as text or HTML"
        elif archive:  # had been "binary, not an article format", as a picture is
            reason = f"a {archive} archive is not read; unpack it and give its folder"
        else:
            reason = "unsupported file type (binary, not an article format)"
        yield InputError(str(path), reason)
        return
    yield from reader(path, max_bytes=max_bytes)


# the first member of a document kept as a zip: an OpenDocument file's or an EPUB's names its
# type, an Office Open XML file's (.docx, .pptx, .xlsx) lists its parts' types
_ZIP_DOCUMENT_FIRST = (b"mimetype", b"[Content_Types].xml")
_ZIP_DOCUMENTS = (".docx", ".docm", ".pptx", ".xlsx", ".odt", ".ods", ".odp", ".epub", ".pages")


def _archive_kind(path: Path) -> str | None:
    """ "zip" or "tar" when ``path`` is such an archive (a tar gzip-compressed too), "document"
    for a zip that is a word-processor or e-book file (.docx, .odt, .epub), else None."""
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
            if head.startswith(b"\x1f\x8b"):
                fh.seek(0)
                head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(fh.read(4096), 512)
    except (OSError, zlib.error):
        return None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        # the local header's name: its length at byte 26, the name from byte 30
        first = head[30 : 30 + int.from_bytes(head[26:28], "little")]
        if first in _ZIP_DOCUMENT_FIRST or path.name.lower().endswith(_ZIP_DOCUMENTS):
            return "document"
        return "zip"
    return "tar" if head[257:262] == b"ustar" else None


def walk_tree(
    top: str, onerror: Callable[[OSError], None]
) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top, onerror=onerror)``, top-down, links to folders listed but not followed,
    with a stack of its own: os.walk recursed once a level, and a folder nested 1,200 deep
    (2,400 characters of path, well within the system's limit) ended the run in a
    RecursionError traceback. The caller may prune and order ``dirs``, as os.walk lets it."""
    stack = [top]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as found:
                entries = list(found)
        except OSError as exc:
            onerror(exc)
            continue
        dirs: list[str] = []
        files: list[str] = []
        links: set[str] = set()
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                files.append(entry.name)
                continue
            dirs.append(entry.name)
            try:
                if entry.is_symlink():
                    links.add(entry.name)
            except OSError:
                pass
        yield root, dirs, files
        stack.extend(os.path.join(root, d) for d in reversed(dirs) if d not in links)


def _walk(folder: Path, skipped: list[Path], linked: list[Path]) -> Iterator[Path | InputError]:
    """Supported files under ``folder``, recursively, in sorted order (hidden entries skipped),
    and one InputError for each subfolder that cannot be listed (the rest is still walked);
    the files of other formats are added to ``skipped``, and the links to folders, which are
    not followed (a link to a parent would never end), to ``linked``."""
    unlisted: list[OSError] = []
    for root, dirs, files in walk_tree(str(folder), unlisted.append):
        yield from _unlisted(unlisted)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        linked.extend(Path(root) / d for d in dirs if (Path(root) / d).is_symlink())
        for fname in sorted(files):
            path = Path(root) / fname
            if fname.startswith("."):
                continue
            if _suffix(path) in _READERS or _is_trec_file(path):
                yield path
            else:
                skipped.append(path)
    yield from _unlisted(unlisted)


def _is_trec_file(path: Path) -> bool:
    """A newswire file as DUC and TDT name them (``APW19981016.0240``, no format suffix), or
    gzip-compressed as Gigaword ships them (``apw_eng_199811.gz``), that opens a ``<DOC>``:
    walked like the supported formats."""
    try:
        with open_binary(path) as fh:
            return looks_trec(fh.read(64))
    except (InputError, *GZIP_ERRORS):
        return False


def _unlisted(errors: list[OSError]) -> Iterator[InputError]:
    while errors:
        exc = errors.pop(0)
        yield InputError(str(exc.filename), f"cannot list folder ({os_reason(exc)})")


def clean_record(item: Article | InputError, name: str = "<article>") -> Article | InputError:
    """The cleaned article, or why it cannot be used: the rule for files and the web API alike."""
    if isinstance(item, InputError):
        return item
    too_long = (
        article_size_reason(item.text) or title_size_reason(item.title) or url_size_reason(item.url)
    )
    if too_long:  # refused before cleaning, which would spend time on it
        return InputError(item.origin or name, too_long)
    article = clean_article(item)
    # and after: cleaning may lengthen a text (a ligature is two letters, NFKC more), and spaCy
    # refuses past the limit (a 2 MB text stored so stopped every later clustering run)
    too_long = article_size_reason(article.text)
    if too_long:
        return InputError(item.origin or name, f"{too_long} once cleaned")
    kind = non_article_kind(item.text, article.text, article.title, article.outlet)
    if kind:
        return InputError(item.origin or name, f"not an article: {kind}")
    if not article.text.strip():
        return InputError(item.origin or name, "no article text left after cleaning")
    too_short = article_words_reason(article.text)
    if too_short:
        return InputError(item.origin or name, too_short)
    return article


def _cleaned_from(file: Path, item: Article | InputError) -> Article | InputError:
    """``clean_record`` of an item read from ``file``, a refusal naming the file: a record's
    own id ("train_1252-0", a WARC record's) alone did not say which of several files to open."""
    cleaned = clean_record(item)
    if isinstance(cleaned, InputError) and not isinstance(item, InputError):
        where = str(file)
        if not cleaned.name.startswith(where):
            return InputError(f"{where} (record {cleaned.name})", cleaned.reason)
    return cleaned


# A file's records cleaned together when shared with a running pool's workers: read this many
# ahead at most (memory stays bounded whatever the file)
CLEAN_CHUNK = 64


def _cleaned_file(
    file: Path, items: Iterator[Article | InputError]
) -> Iterator[Article | InputError]:
    """``_cleaned_from(file, item)`` of each item, in order. When this process runs a worker
    pool (``parallel.pool_size``: a server, a follower, the API after its first stories), a
    file's records are read ``CLEAN_CHUNK`` at a time and cleaned in shares among its
    processes (``_clean_share``), each cleaned text's MinHash made there too
    (``dedup.keep_signature``): the cleaning and the MinHash had been ~1.4 CPU-s of the dev
    stream's API replay in this process, the workers idle. What the readers note about a
    record's fields is told when its cleaned record is passed on, as when read one by one."""
    from newsdigest.parallel import pool_size

    workers = pool_size()
    if workers <= 1:
        for item in items:
            yield _cleaned_from(file, item)
        return
    while True:
        chunk, notes = _read_ahead(items, CLEAN_CHUNK)
        if not chunk:
            return
        yield from _shared_cleaning(file, chunk, notes, workers)


def _read_ahead(
    items: Iterator[Article | InputError], count: int
) -> tuple[list[Article | InputError], list[list[tuple[str, str]]]]:
    """Up to ``count`` items and, for each, the field notes its reading told (``tell_note``),
    held back to be told in turn (``_shared_cleaning``)."""
    from newsdigest.ingest.jsonl import _FIELD_NOTES

    chunk: list[Article | InputError] = []
    notes: list[list[tuple[str, str]]] = []
    told = _FIELD_NOTES.get()
    for _ in range(count):
        held: list[tuple[str, str]] = []
        token = _FIELD_NOTES.set(None if told is None else partial(_hold, held))
        try:
            item = next(items, None)
        finally:
            _FIELD_NOTES.reset(token)
        if item is None:
            if held and told is not None:  # told at the file's end (none do today)
                for name, message in held:
                    told(name, message)
            break
        chunk.append(item)
        notes.append(held)
    return chunk, notes


def _hold(held: list[tuple[str, str]], name: str, message: str) -> None:
    held.append((name, message))


def _shared_cleaning(
    file: Path,
    chunk: list[Article | InputError],
    notes: list[list[tuple[str, str]]],
    workers: int,
) -> Iterator[Article | InputError]:
    from newsdigest.dedup import keep_signature
    from newsdigest.ingest.jsonl import _FIELD_NOTES
    from newsdigest.parallel import map_shares

    weights = [len(x.text) if isinstance(x, Article) else 0 for x in chunk]
    try:
        done = map_shares(partial(_clean_share, file), chunk, weights, CLEAN_CHUNK, workers)
    except Exception:  # noqa: BLE001 - cleaned again one by one, so the error comes where it did
        done = None
    told = _FIELD_NOTES.get()
    for k, held in enumerate(notes):
        if told is not None:
            for name, message in held:
                told(name, message)
        if done is None:  # the records before the failing one are passed on, as one by one
            yield _cleaned_from(file, chunk[k])
            continue
        cleaned, made = done[k]
        if made is not None and isinstance(cleaned, Article):
            keep_signature(cleaned.text, made)
        yield cleaned


def _clean_share(file: Path, items: list[Article | InputError]) -> list[tuple[Any, Any]]:
    """Each item cleaned (``_cleaned_from``) with its cleaned text's MinHash (None for a
    refusal): an ingest's per-article work, done where its share runs."""
    from newsdigest.dedup import signature

    out: list[tuple[Any, Any]] = []
    for item in items:
        cleaned = _cleaned_from(file, item)
        out.append((cleaned, signature(cleaned.text) if isinstance(cleaned, Article) else None))
    return out


def skipped_notice(folder: Path, skipped: list[Path], linked: Sequence[Path] = ()) -> str:
    """One line on what of a folder was not read: how many files, of which extensions, and
    how many links to folders."""
    parts: list[str] = []
    if skipped:
        kinds = sorted({_suffix(p) or "no extension" for p in skipped})
        shown = ", ".join(kinds[:6]) + (", ..." if len(kinds) > 6 else "")
        files = f"{len(skipped)} file{'s' if len(skipped) != 1 else ''}"
        parts.append(f"{files} not in an article format ({shown})")
    if linked:
        folders = f"{len(linked)} linked folder{'s' if len(linked) != 1 else ''}"
        parts.append(f"{folders} (links to folders are not followed)")
    return escape_line(f"{folder}: skipped {' and '.join(parts)}")


STDIN = "-"  # the path that names standard input, as Unix tools take it
STDIN_NAME = "<stdin>"


class StdinOnce:
    """Standard input is read once: a second "-" among the inputs is said so (it had been
    "<stdin>: empty file", as if the input read a moment before were none)."""

    def __init__(self) -> None:
        self.read = False

    def again(self, item: object) -> InputError | None:
        """The error for ``item`` when it names standard input a second time, else None."""
        if not (isinstance(item, str | os.PathLike) and os.fspath(item) == STDIN):
            return None
        if self.read:
            return InputError(STDIN_NAME, "given more than once; standard input is read once")
        self.read = True
        return None


def _iter_stdin(max_bytes: int) -> Iterator[Article | InputError]:
    """The articles piped in (``newsdigest digest -``), read as a file of their format: text,
    HTML, JSON (Lines), WARC or SGML, told from its first bytes."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # ``<&-``: Python has no sys.stdin at all (it had been a traceback)
        yield InputError(STDIN_NAME, "standard input is closed")
        return
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:  # EIO from a terminal that went away, EISDIR
        yield InputError(STDIN_NAME, os_reason(exc))
        return
    if len(data) > max_bytes:
        yield InputError(STDIN_NAME, f"input too large (over the {format_limit(max_bytes)} limit)")
        return
    with tempfile.TemporaryDirectory(prefix="newsdigest-stdin-") as folder:
        spooled = Path(folder) / "stdin"
        spooled.write_bytes(data)
        here = str(spooled)

        def named(origin: str | None) -> str | None:
            # a record's too ("stdin[0]", "stdin:3"): the temporary file is gone once read
            if origin is not None and origin.startswith(here):
                return STDIN_NAME + origin[len(here) :]
            return origin

        with notes_renamed(here, STDIN_NAME):
            for item in _iter_path(spooled, max_bytes):
                if isinstance(item, InputError):
                    yield InputError(item.name.replace(here, STDIN_NAME), item.reason)
                else:
                    yield replace(item, origin=named(item.origin))


def _iter_path(
    path: Path, max_bytes: int, on_notice: Callable[[str], None] | None = None
) -> Iterator[Article | InputError]:
    if str(path) == STDIN:
        yield from _iter_stdin(max_bytes)
        return
    try:
        mode = path.stat().st_mode
    except ValueError:  # pathlib's "embedded null byte": a NUL in a name given in Python
        yield InputError(str(path), "the name holds a NUL character, which no file name can")
        return
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError | NotADirectoryError)
        yield InputError(str(path), "no such file or directory" if missing else os_reason(exc))
        return
    if not stat.S_ISDIR(mode):
        yield from _cleaned_file(path, read_file(path, max_bytes=max_bytes))
        return
    found = 0
    files = 0
    unlisted = 0
    skipped: list[Path] = []
    linked: list[Path] = []
    for file in _walk(path, skipped, linked):
        if isinstance(file, InputError):
            unlisted += 1
            yield file
            continue
        files += 1
        for item in _cleaned_file(file, read_file(file, max_bytes=max_bytes)):
            found += isinstance(item, Article)
            yield item
    if (skipped or linked) and on_notice:
        on_notice(skipped_notice(path, skipped, linked))
    if not found and not (unlisted and not files):
        # a folder that could not be listed (or whose subfolders could not) has said so: it
        # had also been "no articles found (no .txt, ... files)", untrue of what it may hold
        what = (
            f"in {files} supported file{'s' if files != 1 else ''}"
            if files
            else "(no .txt, .html, .json(l), .warc or .sgml files)"
        )
        yield InputError(str(path), f"no articles found {what}")


def input_list(inputs: Any, argument: str, kinds: str) -> list[Any]:
    """``inputs`` as a list (one path or text alone is a list of one); a ``TypeError`` naming
    the ``argument`` and the ``kinds`` it takes when it is no collection: ``digest(None)`` had
    been Python's "'NoneType' object is not iterable", and ``digest(b"...")`` one input a byte."""
    if isinstance(inputs, str | os.PathLike):
        return [inputs]
    if isinstance(inputs, bytes | bytearray) or not isinstance(inputs, Iterable):
        raise TypeError(f"{argument}: {kinds} (a list), not {type(inputs).__name__}")
    return list(inputs)


def iter_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_notice: Callable[[str], None] | None = None,
) -> Iterator[Article | InputError]:
    """Clean articles of each input file or folder, in order, with an InputError for each bad
    file or record; ``max_bytes`` caps one file (or one WARC record / JSON line).
    ``on_notice`` gets one line per folder with files of other formats, which are skipped."""
    with field_notes(on_notice):
        yield from _iter_inputs(inputs, max_bytes, on_notice)


def _iter_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    max_bytes: int,
    on_notice: Callable[[str], None] | None,
) -> Iterator[Article | InputError]:
    stdin = StdinOnce()
    for n, item in enumerate(inputs, start=1):
        if again := stdin.again(item):
            yield again
            continue
        if not isinstance(item, str | os.PathLike):  # an Article given to store_articles
            kind = type(item).__name__
            yield InputError(
                f"<input {n}>", f"not a file or folder ({kind}): store_articles reads paths"
            )
            continue
        if not os.fspath(item).strip():  # pathlib's Path("") is the current folder
            yield InputError(f"<input {n}>", "an empty name names no file or folder")
            continue
        if isinstance(item, str) and _is_text_not_name(item):  # as ``digest`` would read it
            reason = "an article's text, not a file or folder: store_articles reads paths"
            yield InputError(f"<input {n}>", reason)
            continue
        yield from _iter_path(Path(item), max_bytes, on_notice)


def _is_text_not_name(value: str) -> bool:
    """A ``str`` no file could be named by: lines of text, or a part longer than a file name
    may be (255 bytes), and no existing file. Read as a path, an article's text had been
    refused as a file name "too long", the whole text printed as the name."""
    lines = "\n" in value.strip()  # a name read by readlines() ends in one
    parts = value.replace(os.sep, "/").split("/")
    long = max(len(p.encode("utf-8", "surrogatepass")) for p in parts) > 255
    return (lines or long) and not _is_path_string(value) and not _names_a_file(value)


def _names_a_file(value: str) -> bool:
    """Whether a file or link of that name is there: a name may hold a line break (a WARC
    named "CC-NEWS-\\udcff\\nodd.warc.gz" had been taken for an article's text)."""
    try:
        return os.path.lexists(value)
    except (OSError, ValueError):  # a NUL, or a name the file system cannot encode
        return False


def _is_path_string(value: str) -> bool:
    if "\n" in value or not value.strip() or len(value) > 4096:
        return False
    try:
        if Path(value).exists():
            return True
    except (OSError, ValueError):
        return False
    lowered = value.lower()
    # a folder's name as one writes it ("nothere/"): a missing folder is reported, not digested
    # as an article's text
    return " " not in value.strip() and lowered.endswith((*SUPPORTED_SUFFIXES, "/", os.sep))


# An Article's fields and the types cleaning reads them as (``None`` aside but for ``text``)
_FIELD_TYPES: tuple[tuple[str, type, str], ...] = (
    ("id", str, "a string"),
    ("text", str, "a string"),
    ("title", str, "a string"),
    ("url", str, "a string"),
    ("source", str, "a string"),
    ("published", datetime, "a datetime"),
    ("language", str, "a string"),
    ("origin", str, "a string"),
)


def _field_reason(article: Article) -> str | None:
    """Why an ``Article`` built by a caller cannot be cleaned: a field of another type
    (``title=["..."]``, ``published="2019-05-14"``, ``text=None``) had raised from deep in
    cleaning and ended the whole batch."""
    for field, kind, words in _FIELD_TYPES:
        value = getattr(article, field)
        if value is None and field != "text":
            continue
        # a date is no datetime (no time, no zone), but datetime is a date
        if not isinstance(value, kind) or (kind is datetime and type(value) is date):
            return f"{field} is of type {type(value).__name__}, not {words}"
    return None


def load_articles(
    inputs: Iterable[str | os.PathLike[str] | Article],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: Callable[[InputError], None] | None = None,
) -> LoadResult:
    """All articles of a batch of paths, Article objects and article texts (see the module
    docstring for the rule), cleaned, with every problem collected instead of raised (and
    told to ``on_error`` as it comes: ``errors`` keeps the first ones only)."""
    articles: list[Article] = []
    errors = Refusals()
    notices: list[str] = []
    with field_notes(notices.append):
        _load_into(inputs, max_bytes, articles, errors, notices, on_error)
    return LoadResult(articles=tuple(articles), errors=errors, notices=tuple(notices))


def _load_into(
    inputs: Iterable[str | os.PathLike[str] | Article],
    max_bytes: int,
    articles: list[Article],
    errors: Refusals,
    notices: list[str],
    on_error: Callable[[InputError], None] | None = None,
) -> None:
    stdin = StdinOnce()
    for n, item in enumerate(inputs, start=1):
        results: Iterable[Article | InputError]
        if again := stdin.again(item):
            results = [again]
        elif isinstance(item, Article) and (wrong := _field_reason(item)):
            named = item.origin if isinstance(item.origin, str) else None
            own_id = item.id if isinstance(item.id, str) else None
            results = [InputError(named or own_id or f"<article {n}>", wrong)]
        elif isinstance(item, Article):
            if item.title is None:  # a row's NULL title: none, as a file without one
                item = replace(item, title="")
            # cleaning gives it the id of its clean text: the caller's own id stays as its
            # origin (``path`` in JSON), as a JSON record's ``id`` does, so a citation can be
            # traced back to the article passed in
            own = item if item.origin else replace(item, origin=item.id)
            results = [clean_record(own, f"<article {n}>")]
        elif isinstance(item, str) and _is_path_string(item.rstrip("\r\n")):
            # a name read from a list, its line break still on ("news.txt\n" of readlines()):
            # it had been digested as a text of one word, "too short to be an article"
            results = _iter_path(Path(item.rstrip("\r\n")), max_bytes, notices.append)
        elif isinstance(item, str) and not _is_path_string(item):
            name = f"<text {n}>"
            raw = text_article(item, name=name)
            results = [clean_record(raw)]
        elif isinstance(item, str | os.PathLike):
            results = _iter_path(Path(item), max_bytes, notices.append)
        else:
            results = [
                InputError(f"<input {n}>", f"not a path, text or Article ({type(item).__name__})")
            ]
        for result in results:
            if isinstance(result, Article):
                articles.append(result)
            else:
                errors.append(result)
                if on_error is not None:
                    on_error(result)
