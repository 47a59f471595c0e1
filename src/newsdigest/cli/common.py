"""What every command shares: one-line errors on stderr, progress bars, exit codes."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from newsdigest.config import StoryConfig
    from newsdigest.store import Store

T = TypeVar("T")


class ExitCode(IntEnum):
    """The CLI's exit codes, the same for every command."""

    OK = 0  # all inputs used
    PARTIAL = 1  # some inputs rejected, the rest processed
    FAILED = 2  # nothing usable (or a usage error)


stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def open_store_or_exit(db: str, *, create: bool = True) -> Store:
    """The store at ``db``, or its one-line error and exit 2. ``create=False``: a SQLite file
    that does not exist is that error (a command that only reads must not leave an empty
    database behind a typo)."""
    from newsdigest.errors import NewsdigestError
    from newsdigest.store import missing_store, open_store

    if not create and missing_store(db):
        report_error(f"{db}: no such store (run `newsdigest ingest ... --db {db}` first)")
        raise typer.Exit(ExitCode.FAILED)
    try:
        return open_store(db)
    except NewsdigestError as exc:
        report_error(str(exc))
        raise typer.Exit(ExitCode.FAILED) from None


def start_spacy_workers(store: Store | None = None, config: StoryConfig | None = None) -> None:
    """Fork the spaCy worker processes (``newsdigest.parallel``) now, before a progress bar or a
    server starts a thread: a process with threads does its NER alone. With ``store``: only
    when the articles waiting there to be clustered are many enough to share out, or (with
    ``config``, facts on) two stories or more are to be rebuilt, so their builds are shared too
    (``stories --words 40`` after a default run clusters nothing and rebuilds every story). No
    model: nothing is started here, and the command says so when it needs one."""
    from newsdigest.errors import NewsdigestError
    from newsdigest.parallel import MIN_SPLIT_CHARS, start_workers, worker_count

    if worker_count() <= 1:
        return
    if store is not None:
        try:
            waiting = store.unclustered(limit=64)
            few = sum(len(a.title) + len(a.text) for a in waiting) < MIN_SPLIT_CHARS
            if few and not (config is not None and config.facts and _rebuilds_many(store, config)):
                return
        except NewsdigestError:  # a damaged store: the command's own read says so, in one line
            return  # (this one had been a traceback)
    # spaCy is imported only now: a run with nothing to cluster does not pay for it
    from newsdigest.facts.ner import DEFAULT_MODEL

    try:
        start_workers(DEFAULT_MODEL)
    except NewsdigestError:
        return


def _rebuilds_many(store: Store, config: StoryConfig) -> bool:
    """Whether a refresh with ``config`` rebuilds two stories or more (every story, when the
    store's were built with other settings)."""
    if store.story_settings() not in (None, config.fingerprint()):
        return store.max_cluster_seq() >= 2
    return len(store.stale_clusters()) >= 2


def story_config_or_exit(
    words: int | None,
    sentences: int | None,
    summarizer: str,
    embedder: str | None,
    facts: bool,
) -> StoryConfig:
    """The story settings ``stories`` and ``serve`` take, an unknown summarizer or embedder
    reported in one line now rather than at the first story."""
    from newsdigest.config import StoryConfig
    from newsdigest.errors import NewsdigestError
    from newsdigest.summarize import check_summarizer

    try:
        config = StoryConfig(
            words=words, sentences=sentences, summarizer=summarizer, embedder=embedder, facts=facts
        )
        check_summarizer(summarizer, embedder=config.embedder)
    except NewsdigestError as exc:
        fail(exc)
    note_unused_embedder(embedder, [summarizer])
    return config


def note_unused_embedder(embedder: str | None, methods: Iterable[str]) -> None:
    """One note naming the ``methods`` that do not use ``embedder``: ``eval --methods lead
    --embedder X`` had run lead as if X applied."""
    from newsdigest.embed import check_embedder
    from newsdigest.errors import UnknownMethodError
    from newsdigest.summarize import EMBEDDING_SUMMARIZERS, uses_embedder

    if embedder is None:
        return
    try:  # an unknown name is an error whether or not the methods embed
        check_embedder(embedder)
    except UnknownMethodError as exc:
        fail(exc)
    unused = [m for m in methods if not uses_embedder(m)]
    if unused:
        report_notice(
            f"--embedder {embedder}: not used by {', '.join(unused)}"
            f" (only {', '.join(EMBEDDING_SUMMARIZERS)} embeds sentences)"
        )


def overwritten_input(output: Path, inputs: Iterable[Path]) -> Path | None:
    """The input ``output`` would overwrite, or None: the same file as an input named, or an
    article file inside an input folder (read as one of its articles). A file not yet there
    overwrites nothing."""
    from newsdigest.ingest import SUPPORTED_SUFFIXES

    try:
        if not output.is_file():
            return None
        resolved = output.resolve()
    except (OSError, RuntimeError):  # a name too long, a loop of links: writing says why
        return None
    readable = resolved.name.lower().endswith((*SUPPORTED_SUFFIXES, ".gz"))
    for given in inputs:
        if str(given) == "-":
            continue
        try:
            if given.is_dir():
                if readable and resolved.is_relative_to(given.resolve()):
                    return given
            elif os.path.samefile(given, output):
                return given
        except (OSError, RuntimeError):
            continue
    return None


def refuse_overwriting_input(option: str, output: Path | None, inputs: Iterable[Path]) -> None:
    """Exit 2 with one line when ``output`` is one of ``inputs`` (or in an input folder):
    ``digest news/ -o news/a.txt`` had replaced the article with the digest."""
    if output is None:
        return
    given = overwritten_input(output, inputs)
    if given is not None:
        where = "" if given == output else f" (in {given})"
        report_error(
            f"{option}{output}: is one of the inputs{where}; writing there would overwrite it"
        )
        raise typer.Exit(ExitCode.FAILED)


# where SQLite keeps a store's unsaved pages and locks beside its file
_STORE_SIDE_FILES = ("-wal", "-shm", "-journal")


def refuse_output_before_work(output: Path | None, what: str, db: str | None = None) -> None:
    """Exit 2 with one line, before any clustering or summarizing, when ``output`` cannot be
    the file written: a folder, in a folder that is missing, or the store's own side file
    (``news.db-wal``: SQLite threw the text away at the next open, and a running writer's
    pages would be overwritten). A missing folder had been said only after the whole run."""
    reason = output and _unwritable_output(output, db)
    if reason:
        report_error(f"{output}: cannot write the {what}: {reason}")
        raise typer.Exit(ExitCode.FAILED)


def _unwritable_output(output: Path, db: str | None) -> str | None:
    """Why ``output`` is no file to write the command's text to, or None."""
    if db is not None and "://" not in db:
        try:
            side = {Path(db + suffix).resolve() for suffix in _STORE_SIDE_FILES}
            if output.resolve() in side:
                return "it is the store's own file (SQLite's), writing would corrupt it"
        except (OSError, RuntimeError):  # a loop of links: writing says why
            return None
    if output.is_dir():
        return "it is a folder"
    if not output.parent.is_dir():
        return f"no such folder ({output.parent})"
    return None


# seconds a named pipe given as the output may wait for a program to read it
READER_WAIT = 10.0


def write_output(text: str | bytes, output: Path | None, what: str) -> None:
    """``text`` to ``output``, or to stdout when None; a file that cannot be written is one
    line naming it ("cannot write the digest: ...") and exit 2."""
    if output is None:
        shown_text = text if isinstance(text, str) else text.decode("utf-8")
        try:  # the whole text is encoded before any of it is written: nothing half-printed
            shown_text.encode(sys.stdout.encoding or "utf-8")
        except LookupError:  # a stream of no codec Python knows: writing it says what it can
            pass
        except UnicodeEncodeError as exc:
            # a standard output in ASCII or a Windows code page (PYTHONIOENCODING, a console)
            # had ended the command in a traceback at the first quotation mark
            import unicodedata

            char = exc.object[exc.start]
            shown = f"U+{ord(char):04X} ({unicodedata.name(char, 'a character')})"
            report_error(
                f"cannot write the {what} to standard output: its encoding"
                f" ({sys.stdout.encoding or exc.encoding}) has no {shown} (set"
                " PYTHONIOENCODING=utf-8, or write a file with -o)"
            )
            raise typer.Exit(ExitCode.FAILED) from None
        sys.stdout.write(shown_text)
        return
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        fd = _open_output(output)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        report_error(f"{output}: cannot write the {what}: {exc.strerror or exc}")
        raise typer.Exit(ExitCode.FAILED) from None


def _open_output(output: Path) -> int:
    """A descriptor of ``output`` opened to write from its start. A named pipe no program
    reads is waited on for ``READER_WAIT`` seconds, then refused: opening one blocks until a
    reader comes, so ``digest -o /tmp/fifo`` with none had hung for ever (``-o >(gzip > x)``,
    a pipe with its reader, opens at once)."""
    try:
        pipe = stat.S_ISFIFO(output.stat().st_mode)
    except OSError:  # not there yet (or unreadable): the open says why
        pipe = False
    if not pipe:
        return os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    deadline = time.monotonic() + READER_WAIT
    while True:
        try:
            fd = os.open(output, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
            if time.monotonic() >= deadline:
                raise OSError(
                    errno.ENXIO,
                    f"a named pipe no program reads (waited {READER_WAIT:g} s for one)",
                ) from None
            time.sleep(0.05)
            continue
        os.set_blocking(fd, True)  # a slow reader is waited on, as a pipe's writer is
        return fd


def escape_unencodable_output() -> None:
    """Lines about the run (``ingest``'s counts, a ``follow`` round, ``eval``'s table and the
    files it wrote) written with what standard output's encoding cannot hold as ``\\u``
    escapes, as Python writes its errors on stderr, for every command at start-up: a file
    name or title outside the encoding (``PYTHONIOENCODING=cp1252``, a Windows console) had
    ended ``eval`` in a traceback after its work was done. The text a command exists to print
    (a digest, the stories) is not escaped: ``write_output`` refuses it whole instead."""
    stream = sys.stdout
    if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
        # (a closed or detached stream: nothing is written to it anyway)
        with contextlib.suppress(OSError, ValueError):
            stream.reconfigure(errors="backslashreplace")


def report_error(message: str) -> None:
    """One line per problem, plain text, on stderr (a URL's password written ***)."""
    from newsdigest.errors import hide_passwords

    print(f"error: {hide_passwords(message)}", file=sys.stderr, flush=True)


def _current_context() -> Any:
    """The context of the command being run: typer 0.25 and later run their own copy of click,
    whose context click's ``get_current_context`` does not see."""
    try:
        from typer._click.globals import get_current_context
    except ImportError:  # an earlier typer, on click itself
        from click import get_current_context  # type: ignore[no-redef]
    return get_current_context(silent=True)


def help_hint(ctx: Any = None) -> str:
    """ "(see newsdigest digest --help)": the help of the command being run (``ctx``, a click
    context, else the current one), or the program's outside any command."""
    ctx = ctx or _current_context()
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    if ctx is not None and not hasattr(ctx.command, "commands"):
        # a program of one command (``python -m newsdigest.spark``): its own name
        return f"(see {' '.join([ctx.info_name or 'newsdigest', *reversed(names)])} --help)"
    return f"(see {' '.join(['newsdigest', *reversed(names)])} --help)"


def usage_exit_code(exc: Exception) -> int | None:
    """A usage error of the option parser (a click exception: an unknown option, a bad value,
    a missing argument) reported in one line that points at the command's help; its exit
    code, or None for any other exception."""
    message = getattr(exc, "format_message", None)
    if message is None or not hasattr(exc, "exit_code"):
        return None
    if message():  # (the help shown for no arguments has none)
        print(f"error: {message()} {help_hint(getattr(exc, 'ctx', None))}", file=sys.stderr)
    return int(exc.exit_code)


def option_given(name: str) -> bool:
    """Whether the command's parameter ``name`` was set on the command line or by its
    environment variable, not left at its default."""
    ctx = _current_context()
    source = ctx.get_parameter_source(name) if ctx is not None else None
    return source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")


def usage_error(message: str) -> NoReturn:
    """A bad option value found by the command itself: one line that points at the command's
    own help, exit 2, as the options' parser reports one."""
    report_error(f"{message} {help_hint()}")
    raise typer.Exit(ExitCode.FAILED)


def fail(exc: Exception, *, summarizer_option: str = "--summarizer") -> NoReturn:
    """A command's error in one line, exit 2; an unknown summarizer or embedder name is the
    user's option, so it says which one and points at the command's help, as a usage error."""
    from newsdigest.errors import UnknownMethodError

    if isinstance(exc, UnknownMethodError):
        option = summarizer_option if exc.setting == "summarizer" else f"--{exc.setting}"
        usage_error(f"{option}: {exc}")
    report_error(str(exc))
    raise typer.Exit(ExitCode.FAILED)


def report_notice(message: str) -> None:
    """One line of something a user should know that is no error (exit status unchanged)."""
    print(f"note: {message}", file=sys.stderr, flush=True)


def progress_bar(disable: bool = False) -> Progress:
    """A Rich progress bar on stderr; hidden when stderr is not a terminal or ``disable``."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=stderr,
        transient=True,
        disable=disable or not stderr.is_terminal,
    )


def track(items: Iterable[T], total: int | None, description: str) -> Iterator[T]:
    """Iterate with a progress bar (shown only on a terminal)."""
    with progress_bar() as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)
