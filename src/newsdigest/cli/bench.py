"""``newsdigest bench``: where the time of one digest goes, stage by stage, on the user's data.

Users tuning a deployment ask "which stage is slow on *my* articles?"; the scripts in ``bench/``
answer the project's questions on fixed data, this command answers that one on any cluster.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from newsdigest.cli.common import EXIT_FAILED, report_error

STAGES = ("read", "split", "outliers", "summarize", "cite", "facts")


def time_stages(paths: list[Path], *, runs: int, facts: bool, summarizer: str) -> dict[str, list]:
    """Seconds per stage for ``runs`` digests of the cluster at ``paths`` (models loaded first)."""
    from newsdigest.cite import cite
    from newsdigest.facts import extract_facts
    from newsdigest.outliers import find_outliers
    from newsdigest.pipeline import DEFAULT_WORDS, load_inputs, resolve_summarizer
    from newsdigest.split import split_sentences
    from newsdigest.summarize.base import Budget

    method = resolve_summarizer(summarizer, None)
    budget = Budget(words=DEFAULT_WORDS)
    times: dict[str, list] = {s: [] for s in STAGES}

    def timed(stage: str, fn: Callable[..., Any], *args: Any) -> Any:
        started = time.perf_counter()
        value = fn(*args)
        times[stage].append(time.perf_counter() - started)
        return value

    def split_all(articles: list) -> dict:
        return {a.id: tuple(split_sentences(a.text, a.id)) for a in articles}

    for run in range(runs + 1):  # run 0 loads models and is not counted
        articles = timed("read", load_inputs, paths, lambda e: None)
        if not articles:
            raise ValueError("no readable articles in the input")
        sentences = timed("split", split_all, articles)
        outliers = timed("outliers", find_outliers, articles, sentences)
        left_out = {o.article_id for o in outliers}
        kept = [a for a in articles if a.id not in left_out]
        docs = [sentences[a.id] for a in kept]
        chosen = timed("summarize", method.summarize, docs, budget)
        timed("cite", cite, chosen, docs, {a.id: a.source or a.id for a in kept})
        if facts:
            timed("facts", extract_facts, list(articles), sentences)
        if run == 0:
            for values in times.values():
                values.clear()
    return {s: v for s, v in times.items() if v}


def bench_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of one cluster.")],
    runs: Annotated[int, typer.Option(min=1, help="Timed runs after one warm-up run.")] = 5,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Time facts too.")] = True,
    summarizer: Annotated[str, typer.Option(help="Summarization method.")] = "default",
) -> None:
    """Time each stage of a digest of one cluster (median and min over RUNS warm runs)."""
    from newsdigest.errors import NewsdigestError

    try:
        times = time_stages(paths, runs=runs, facts=facts, summarizer=summarizer)
    except (NewsdigestError, ValueError) as exc:
        report_error(str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    total = [sum(run) for run in zip(*times.values(), strict=True)]
    print("| stage | median ms | min ms |\n| --- | ---: | ---: |")
    for stage, values in [*times.items(), ("total", total)]:
        median, least = statistics.median(values) * 1000, min(values) * 1000
        print(f"| {stage} | {median:.1f} | {least:.1f} |")
    print(f"{runs} warm runs after one warm-up", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench_command)
