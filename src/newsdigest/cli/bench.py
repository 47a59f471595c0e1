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
from typing import TYPE_CHECKING, Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import fail, report_error, usage_error

if TYPE_CHECKING:
    from newsdigest.errors import InputError

STAGES = ("read", "split", "outliers", "summarize", "cite", "facts")
MAX_RUNS = 1000


def time_stages(
    paths: list[Path],
    *,
    runs: int,
    facts: bool,
    summarizer: str,
    on_error: Callable[[InputError], None] | None = None,
) -> dict[str, list]:
    """Seconds per stage for ``runs`` digests of the cluster at ``paths`` (models loaded first).

    The stages are timed inside ``pipeline.build_story`` itself, so this measures exactly the
    digest every command runs. The inputs that cannot be read go to ``on_error`` once (the
    warm-up run's); when none can, ``NoArticlesError`` says why: bench had said "no readable
    articles in the input" alone, and timed a smaller cluster than given without a word.
    """
    from newsdigest.config import StoryConfig
    from newsdigest.errors import NoArticlesError
    from newsdigest.pipeline import build_story, load_inputs, resolve_summarizer

    config = StoryConfig(summarizer=resolve_summarizer(summarizer, None), facts=facts)
    times: dict[str, list[float]] = {}
    rejected: list[InputError] = []
    for run in range(runs + 1):  # run 0 loads models and is not counted
        started = time.perf_counter()
        articles = load_inputs(paths, rejected.append if run == 0 else lambda e: None)
        times.setdefault("read", []).append(time.perf_counter() - started)
        if not articles:  # one line: the first reason, and how many more
            raise NoArticlesError.of(rejected)
        if run == 0 and on_error is not None:
            for error in rejected:
                on_error(error)
        build_story(articles, config, timings=times)
        if run == 0:
            times.clear()
    return {s: times[s] for s in STAGES if s in times}


def bench_command(
    paths: Annotated[
        list[Path],
        # blank refused as digest's are: Path("") had timed every article under the current folder
        typer.Argument(help="Files or folders of one cluster.", parser=options.input_path),
    ],
    runs: Annotated[
        int,
        # a run is a whole digest: "--runs 1000000000000000000000" had timed for ever
        typer.Option(min=1, max=MAX_RUNS, help="Timed runs after one warm-up run."),
    ] = 5,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Time facts too.")] = True,
    summarizer: options.Summarizer = "default",
) -> None:
    """Time each stage of a digest of one cluster (median and min over RUNS warm runs)."""
    from newsdigest.errors import NewsdigestError

    if any(str(path) == "-" for path in paths):
        # each run reads the inputs again: the second had found standard input empty and said
        # "no readable articles in the input" alone
        usage_error(
            "-: bench reads its inputs once a run, standard input only once; save it to a file"
        )
    try:
        times = time_stages(
            paths,
            runs=runs,
            facts=facts,
            summarizer=summarizer,
            on_error=lambda e: report_error(str(e)),
        )
    except (NewsdigestError, ValueError) as exc:
        fail(exc)
    total = [sum(run) for run in zip(*times.values(), strict=True)]
    print("| stage | median ms | min ms |\n| --- | ---: | ---: |")
    for stage, values in [*times.items(), ("total", total)]:
        median, least = statistics.median(values) * 1000, min(values) * 1000
        print(f"| {stage} | {median:.1f} | {least:.1f} |")
    print(f"{runs} warm runs after one warm-up", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench_command)
