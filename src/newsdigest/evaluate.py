"""Summary quality on a benchmark, with the peers side by side in the same run.

The protocol is fixed (issue 3): each system's sentences in order, truncated at ``words``
words; ``rouge-score`` with the Porter stemmer; F1 of rouge1, rouge2 and rougeLsum with
hypothesis and reference one sentence per line; the reference without its leading "– ";
means ×100. Time per cluster counts sentence splitting, embedding and selection. Systems run
interleaved cluster by cluster, so a busy machine slows all of them alike. Beside ROUGE, each
system's readability (``newsdigest.readability``): the share of its sentences that open with
an unresolved reference or are fragments, and duplicate pairs per digest.
"""

from __future__ import annotations

import ast
import csv
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsdigest.clean.paragraphs import wrap_width, wrapped_break
from newsdigest.errors import InputError
from newsdigest.ingest.decode import (
    looks_binary,
    read_limited,
    regular_file_error,
    wide_encoding,
)
from newsdigest.ingest.json_bounded import JsonTooDeep, loads_bounded
from newsdigest.limits import DEFAULT_LIMITS
from newsdigest.model import Sentence
from newsdigest.readability import Readability, ReadabilityJudge
from newsdigest.split import split_sentences
from newsdigest.summarize.base import Budget, Summarizer

PEERS = ("lead", "random", "lexrank", "textrank", "lsa")
DEFAULT_METHODS = ("default", *PEERS, "oracle")
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True)
class Cluster:
    """One benchmark item: the articles of an event and the human reference summary."""

    documents: tuple[str, ...]
    reference: str
    # further human references (NeuS, DUC): scores are averaged over all of them
    more_references: tuple[str, ...] = ()

    @property
    def references(self) -> tuple[str, ...]:
        return (self.reference, *self.more_references)


@dataclass
class SystemResult:
    """Per-cluster scores and timings of one system (lists in input order)."""

    name: str
    rouge1: list[float] = field(default_factory=list)
    rouge2: list[float] = field(default_factory=list)
    rougeLsum: list[float] = field(default_factory=list)  # noqa: N815 - the metric's name
    ms: list[float] = field(default_factory=list)
    summaries: list[list[str]] = field(default_factory=list)
    readability: list[Readability] = field(default_factory=list)

    def mean(self, metric: str, indices: Iterable[int] | None = None) -> float:
        values = getattr(self, metric)
        picked = values if indices is None else [values[i] for i in indices]
        return 100 * statistics.fmean(picked) if picked else 0.0

    @property
    def ms_per_cluster(self) -> float:
        return statistics.fmean(self.ms) if self.ms else 0.0

    @property
    def flagged_percent(self) -> float:
        """Share of digest sentences flagged as unreadable (``newsdigest.readability``)."""
        total = sum(self.readability, Readability())
        return 100 * total.flagged / total.sentences if total.sentences else 0.0

    @property
    def duplicates_per_digest(self) -> float:
        total = sum(self.readability, Readability())
        return total.duplicates / len(self.readability) if self.readability else 0.0


# ---- datasets ---------------------------------------------------------------------------


def _clean_reference(summary: str) -> str:
    return summary.strip().removeprefix("–").strip()


def _literal_reason(exc: BaseException) -> str:
    """Why ``ast.literal_eval`` refused a field, in words: not the parser's "(<unknown>, line
    1)", an "<ast.Name object at 0x7f...>" or, for a field too large to parse, nothing."""
    if "integer string conversion" in str(exc):  # Python's advice to raise its limit: no use
        return "a number too long"
    if isinstance(exc, SyntaxError):
        return exc.msg or "invalid syntax"
    if isinstance(exc, MemoryError):
        return "too large to parse"
    if isinstance(exc, RecursionError):
        return "nested too deep"
    if "malformed node" in str(exc):
        return "it holds something other than quoted strings, numbers and brackets"
    return str(exc) or type(exc).__name__


def _cluster(documents: object, summary: object, where: str) -> Cluster:
    if isinstance(documents, str):
        try:
            documents = ast.literal_eval(documents)
        except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
            raise InputError(
                where, f"documents is not a Python list literal ({_literal_reason(exc)})"
            ) from exc
    if not isinstance(documents, list) or not all(isinstance(d, str) for d in documents):
        raise InputError(where, "documents must be a list of strings")
    docs = tuple(d for d in documents if d.strip())
    if not docs:
        raise InputError(where, "no non-empty document")
    given = summary if isinstance(summary, list) else [summary]
    refs = [r for r in given if isinstance(r, str) and r.strip()]
    if not refs or len(refs) != len(given):
        raise InputError(where, "summary is missing or empty")
    cleaned = tuple(_clean_reference(r) for r in refs)
    return Cluster(documents=docs, reference=cleaned[0], more_references=cleaned[1:])


# what errors="surrogateescape" makes of bytes that are not UTF-8: the file is read on, and
# the record holding them is refused alone
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _check_utf8(text: str, where: str) -> None:
    found = _UNDECODABLE.search(text)
    if found:
        byte = ord(found.group()) - 0xDC00
        raise InputError(where, f"invalid UTF-8 (byte 0x{byte:02x} at character {found.start()})")


def _encoding_or_binary(path: Path, kind: str) -> str | InputError:
    """The file's text encoding: UTF-16/UTF-32 (``wide_encoding``: Excel's "Unicode text"
    had been "missing column(s): documents, summary"), else UTF-8 without its byte-order mark;
    "binary file (not CSV)" when the first block is no text (``looks_binary``: a gzipped or
    zipped dataset had been "missing column(s)" too, as if its header were wrong)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:  # reading it again says why
        return "utf-8-sig"
    if looks_binary(head) and not _text_speckled_with_nuls(head):
        return InputError(str(path), f"binary file (not {kind})")
    return wide_encoding(head) or "utf-8-sig"


# NUL bytes a dataset's first block may hold and still be text (a damaged export): ten NULs
# in a Multi-News CSV's first 8 KB had refused the whole file as "binary file (not CSV)", the
# same NULs further on were read. Without them the block must read as UTF-8 with no other
# control character (a gzip or an array of small numbers does not)
MAX_NUL_SHARE = 0.05
_CONTROL_BYTES = re.compile(b"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text_speckled_with_nuls(head: bytes) -> bool:
    if not 0 < head.count(b"\x00") <= MAX_NUL_SHARE * len(head):
        return False
    rest = head.replace(b"\x00", b"")
    if _CONTROL_BYTES.search(rest):
        return False
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError as exc:  # a character cut by the block's end is no fault
        return exc.reason == "unexpected end of data"
    return True


def _without_nuls(lines: Iterable[str]) -> Iterator[str]:
    """``lines`` with their NUL characters dropped, as the text readers drop stray ones (in
    a documents list they had refused the row: "source code string cannot contain null
    bytes")."""
    for line in lines:
        yield line.replace("\x00", "") if "\x00" in line else line


def iter_dataset(path: str | Path, split: str | None = None) -> Iterator[Cluster | InputError]:
    """Clusters of a CSV (``documents`` as a Python list literal, ``summary``) or JSON Lines
    file (``{"documents": [...], "summary": "..."}``, or NeuS's ``{"docs": [...], "refs":
    [...], "split": ...}``; ``split`` keeps only records of that split, from a CSV's ``split``
    column); a bad record yields
    an ``InputError`` naming the file and record instead of stopping the batch."""
    path = Path(path)
    # as every reader: a regular file only, and the reason said as ingest says it (a folder or
    # a named pipe had been "no such file")
    unreadable = regular_file_error(path)
    if unreadable:
        yield unreadable
        return
    lines = path.suffix.lower() in (".jsonl", ".json", ".ndjson")
    encoding = _encoding_or_binary(path, "JSON Lines" if lines else "CSV")
    if isinstance(encoding, InputError):
        yield encoding
        return
    try:
        yield from _dataset_records(path, split, lines, encoding)
    except UnicodeDecodeError as exc:
        # UTF-16 and UTF-32 have no escape for what does not decode: a file with the mark of
        # one and other bytes after it had ended eval in a traceback
        yield InputError(str(path), f"invalid {exc.encoding.upper()} text ({exc.reason})")


def _dataset_records(
    path: Path, split: str | None, lines: bool, encoding: str
) -> Iterator[Cluster | InputError]:
    """``iter_dataset`` of a regular file read as ``encoding``."""
    splits: dict[str, None] = {}  # the splits the records name, in order met
    kept = skipped = False
    if lines:
        for where, record in _json_records(path, encoding):
            if isinstance(record, InputError):
                yield record
                continue
            if not isinstance(record, dict):
                yield InputError(where, "not a JSON object")
                continue
            if split is not None and record.get("split") != split:
                if "split" in record:  # (a record without one is no split 'None')
                    splits[str(record["split"])] = None
                skipped = True
                continue
            kept = True
            try:
                yield _cluster(
                    record.get("documents", record.get("docs")),
                    record.get("summary", record.get("refs")),
                    where,
                )
            except InputError as exc:
                yield exc
        if split is not None and not kept and splits:
            yield _no_split(path, split, splits)
        elif split is not None and not kept and skipped:  # as the CSV reader's "no column"
            yield InputError(str(path), f"no record has a 'split' to keep the split {split!r} of")
        return
    csv.field_size_limit(2**31 - 1)
    with path.open(encoding=encoding, errors="surrogateescape", newline="") as fh:
        reader = csv.DictReader(_without_nuls(fh))
        header = list(reader.fieldnames or ())
        missing = {"documents", "summary"} - set(header)
        if missing:
            # with the header found: "Documents", " summary" or "documents;summary" had been
            # told only that both columns were missing
            found = f"; its header: {', '.join(repr(h) for h in header[:6])}" if header else ""
            yield InputError(str(path), f"missing column(s): {', '.join(sorted(missing))}{found}")
            return
        twice = sorted({h for h in header if header.count(h) > 1} & {"documents", "summary"})
        if twice:  # the last of the two had been read, silently
            yield InputError(str(path), f"column(s) named twice: {', '.join(twice)}")
            return
        if split is not None and "split" not in (reader.fieldnames or ()):
            # a split asked of a file that has none had been ignored: every row was scored
            yield InputError(str(path), f"no 'split' column to keep the split {split!r} of")
            return
        for n, row in enumerate(reader, 1):
            if split is not None and row.get("split") != split:
                splits[str(row.get("split"))] = None
                continue
            kept = True
            try:
                _check_utf8(
                    " ".join(v for v in row.values() if isinstance(v, str)), f"{path}:row {n}"
                )
                yield _cluster(row.get("documents"), row.get("summary"), f"{path}:row {n}")
            except InputError as exc:
                yield exc
    if split is not None and not kept and splits:
        yield _no_split(path, split, splits)


def _no_split(path: Path, split: str, splits: Iterable[str]) -> InputError:
    """No record of ``split``: it had been "no cluster in the file", as if the file were
    empty."""
    named = sorted(splits)
    shown = ", ".join(repr(s) for s in named[:6]) + (", …" if len(named) > 6 else "")
    return InputError(str(path), f"no record of the split {split!r} (the file's: {shown})")


def _json_records(path: Path, encoding: str) -> Iterator[tuple[str, Any]]:
    """(where, record) for each record of a JSON Lines file, or of a ``.json`` file holding
    one array of records (as ingest reads one: it had been "not a JSON object" for the array,
    or one "invalid JSON" a line when pretty-printed); an ``InputError`` in place of a record
    that cannot be parsed."""
    if path.suffix.lower() == ".json":
        with path.open(encoding=encoding, errors="surrogateescape") as fh:
            head = fh.read(4096).lstrip()
        if head.startswith("["):
            try:
                text = read_limited(path, DEFAULT_LIMITS.max_file_bytes).decode(
                    encoding, errors="surrogateescape"
                )
                _check_utf8(text, str(path))
                records = loads_bounded(text)
            except (JsonTooDeep, InputError) as exc:
                yield str(path), InputError(str(path), getattr(exc, "reason", str(exc)))
                return
            except json.JSONDecodeError as exc:
                reason = f"invalid JSON ({exc.msg}: line {exc.lineno} column {exc.colno})"
                yield str(path), InputError(str(path), reason)
                return
            for i, record in enumerate(records):
                yield f"{path}[{i}]", record
            return
    # "utf-8-sig": a byte order mark (Notepad's, Excel's) is no part of the first record
    with path.open(encoding=encoding, errors="surrogateescape") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                _check_utf8(line, where)
                yield where, loads_bounded(line)
            except JsonTooDeep as exc:
                yield where, InputError(where, str(exc))
            except json.JSONDecodeError as exc:
                yield where, InputError(where, f"invalid JSON ({exc.msg})")
            except InputError as exc:
                yield where, exc


def read_dataset(
    path: str | Path, split: str | None = None
) -> tuple[list[Cluster], list[InputError]]:
    """All good clusters and one error per bad record."""
    clusters: list[Cluster] = []
    errors: list[InputError] = []
    for item in iter_dataset(path, split):
        (errors if isinstance(item, InputError) else clusters).append(item)  # type: ignore[arg-type]
    return clusters, errors


# ---- protocol ---------------------------------------------------------------------------


MAX_TITLE_WORDS = 30


def split_document(text: str, article_id: str) -> list[Sentence]:
    """A document's sentences without its headline, for every system alike.

    A first line standing alone (whole sentences, at most 30 words, then a single line break
    and the body: NeuS's "title\nlead", and its titles of two sentences, "Senate Democrats
    pushed a vote to reopen the government. Mitch McConnell shot them down.") is the title: a
    headline is not a sentence of the story. No Multi-News document has one; a first line that
    stops mid-sentence (hard-wrapped text) is kept, and so is one the wrapper broke where a
    sentence happened to end (``_wrapped_on``). This knows the sets' layout: ``newsdigest
    digest`` reading a plain-text file takes its first line as the title only when it ends no
    sentence (``ingest.text``), since in the wild a lead paragraph of one sentence is followed
    by a single line break as often, so a NeuS title ending in "." reaches a digest as its
    first sentence there.
    """
    sentences = split_sentences(text, article_id)
    line_end = text.find("\n")
    title = [s for s in sentences if s.end <= line_end]  # the first line's sentences, if whole
    if not title or len(title) == len(sentences):
        return sentences
    last, body = title[-1], sentences[len(title)]
    between = text[last.end : body.start]
    stands_alone = between.count("\n") == 1 and not between.strip()
    ends = last.text.rstrip("\"'”’»)").endswith((".", "?", "!"))
    if not (stands_alone and ends) or len(text[:line_end].split()) > MAX_TITLE_WORDS:
        return sentences
    if _wrapped_on(text, line_end):
        return sentences  # a hard-wrapped paragraph's first line, a sentence ending in it
    return [replace(s, index=k) for k, s in enumerate(sentences[len(title) :])]


def _wrapped_on(text: str, line_end: int) -> bool:
    """Whether ``text`` is hard-wrapped and its first line breaks where the wrapper broke it,
    not where a paragraph ends: "April Fools' Day is the only "fake news" day that's almost
    welcome." over "Almost. And one of the longstanding masters of the tech prank, Google,"
    (Multi-News 88 filled at 70 columns) is a lead paragraph's first line, and the digests
    of every system had lost that lead as a title."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None or len(lines) < 2:
        return False
    return not wrapped_break(text[:line_end].rstrip(), lines[1], width)


def split_cluster(cluster: Cluster) -> list[list[Sentence]]:
    return [split_document(text, f"d{i}") for i, text in enumerate(cluster.documents)]


def truncate(sentences: Sequence[str], words: int) -> list[str]:
    """Sentences in order until ``words`` words; the last one cut at the budget."""
    out: list[str] = []
    left = words
    for text in sentences:
        tokens = text.split()
        if left <= 0 or not tokens:
            if left <= 0:
                break
            continue
        out.append(" ".join(tokens[:left]))
        left -= len(tokens)
    return out


class RougeProtocol:
    """``rouge-score`` with the stemmer; one sentence per line on both sides."""

    def __init__(self) -> None:
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
        self._ref_lines: dict[str, str] = {}

    def reference_lines(self, reference: str) -> str:
        if reference not in self._ref_lines:
            self._ref_lines[reference] = "\n".join(s.text for s in split_sentences(reference))
        return self._ref_lines[reference]

    def score(self, summary: Sequence[str], reference: str) -> dict[str, float]:
        scores = self._scorer.score(self.reference_lines(reference), "\n".join(summary))
        return {k: scores[k].fmeasure for k in ROUGE_TYPES}

    def score_cluster(self, summary: Sequence[str], cluster: Cluster) -> dict[str, float]:
        """The mean over the cluster's references."""
        each = [self.score(summary, ref) for ref in cluster.references]
        return {k: statistics.fmean(e[k] for e in each) for k in ROUGE_TYPES}


SystemFactory = Callable[[Cluster], Summarizer]


def system_factories(
    methods: Sequence[str], embedder: str | None = None
) -> dict[str, SystemFactory]:
    """Name → per-cluster summarizer maker (the oracle needs the cluster's reference)."""
    from newsdigest.summarize import get_summarizer

    factories: dict[str, SystemFactory] = {}
    for method in methods:
        if method == "oracle":

            def oracle(c: Cluster) -> Summarizer:
                return get_summarizer("oracle", reference=c.reference, fill=True)

            factories[method] = oracle
        else:
            factories[method] = _same_for_every_cluster(
                get_summarizer(method, embedder=embedder, fill=True)
            )
    return factories


def _same_for_every_cluster(made: Summarizer) -> SystemFactory:
    return lambda _cluster: made


def run_eval(
    clusters: Sequence[Cluster],
    methods: Sequence[str] = DEFAULT_METHODS,
    *,
    words: int = 250,
    embedder: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[SystemResult]:
    """Every method on every cluster under the fixed protocol."""
    factories = system_factories(methods, embedder)
    protocol = RougeProtocol()
    judge = ReadabilityJudge()
    budget = Budget(words=words)
    results = {name: SystemResult(name) for name in factories}
    for n, cluster in enumerate(clusters):
        for name, factory in factories.items():
            summarizer = factory(cluster)
            start = time.perf_counter()
            docs = split_cluster(cluster)
            chosen = summarizer.summarize(docs, budget)
            elapsed = 1000 * (time.perf_counter() - start)
            summary = truncate([s.text for s in chosen], words)
            scores = protocol.score_cluster(summary, cluster)
            result = results[name]
            result.ms.append(elapsed)
            result.summaries.append(summary)
            # the sentences the reader gets (the protocol's cut aside), in their order
            result.readability.append(judge.assess(chosen[: len(summary)]))
            for metric in ROUGE_TYPES:
                getattr(result, metric).append(scores[metric])
        if progress:
            progress(n + 1)
    return list(results.values())


def folds(n: int, k: int = 5, seed: int = 0) -> list[list[int]]:
    """``k`` disjoint, seeded, near-equal folds of ``range(n)``."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


# ---- reporting --------------------------------------------------------------------------


def table_rows(results: Sequence[SystemResult]) -> list[tuple[str, ...]]:
    return [
        (
            r.name,
            f"{r.mean('rouge1'):.2f}",
            f"{r.mean('rouge2'):.2f}",
            f"{r.mean('rougeLsum'):.2f}",
            f"{r.flagged_percent:.1f}",
            f"{r.duplicates_per_digest:.2f}",
            f"{r.ms_per_cluster:.1f}",
        )
        for r in results
    ]


def markdown_table(results: Sequence[SystemResult]) -> str:
    """ROUGE, readability (flagged sentences %, duplicate pairs per digest) and speed."""
    lines = [
        "| system | R1 | R2 | RLsum | flagged % | dup/digest | ms/cluster |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(results)]
    return "\n".join(lines)


def write_predictions(result: SystemResult, path: str | Path) -> None:
    """``predictions_jsonl(result)`` written to ``path``."""
    Path(path).write_text(predictions_jsonl(result), encoding="utf-8")


def predictions_jsonl(result: SystemResult) -> str:
    """One JSON line per cluster, in input order: ``{"index": i, "summary": [...]}``."""
    return "".join(
        json.dumps({"index": i, "summary": summary}, ensure_ascii=False) + "\n"
        for i, summary in enumerate(result.summaries)
    )


def plot(results: Sequence[SystemResult], path: str | Path) -> None:
    """``plot_png(results)`` written to ``path``."""
    Path(path).write_bytes(plot_png(results))


def plot_png(results: Sequence[SystemResult]) -> bytes:
    """Quality (R1, R2) against ms/cluster (log scale), one point per system, as a PNG."""
    import io

    import matplotlib.pyplot as plt

    fig = quality_figure(results)
    png = io.BytesIO()
    fig.savefig(png, format="png")
    plt.close(fig)
    return png.getvalue()


def quality_figure(results: Sequence[SystemResult]) -> Any:
    """The figure ``plot`` writes (a matplotlib Figure)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import LogFormatter

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    for r in results:
        x = max(r.ms_per_cluster, 0.01)
        ax.scatter([x], [r.mean("rouge1")], color="tab:blue")
        ax.scatter([x], [r.mean("rouge2")], color="tab:orange", marker="s")
        ax.annotate(r.name, (x, r.mean("rouge1")), textcoords="offset points", xytext=(5, 4))
    ax.set_xscale("log")

    # milliseconds as numbers ("0.2", "3", "40"), not "2×10⁰", on the ticks matplotlib
    # would label; room on the right for the slowest system's name
    class Plain(LogFormatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return f"{x:g}" if super().__call__(x, pos) else ""

    ax.xaxis.set_major_formatter(Plain())
    ax.xaxis.set_minor_formatter(Plain(labelOnlyBase=False, minor_thresholds=(2, 0.5)))
    ax.margins(x=0.15)
    ax.set_xlabel("ms per cluster (log scale)")
    ax.set_ylabel("ROUGE F1 ×100 (● R1, ■ R2)")
    ax.set_title("Summary quality against speed")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig


def main(argv: Sequence[str] | None = None) -> None:  # pragma: no cover - thin wrapper
    args = list(argv if argv is not None else sys.argv[1:])
    clusters, _ = read_dataset(args[0])
    print(markdown_table(run_eval(clusters[: int(args[1])] if len(args) > 1 else clusters)))
