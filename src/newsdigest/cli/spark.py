"""``newsdigest spark``: stories from WARC archives on Apache Spark (corpus scale).

These are the job's flags, declared once: ``python -m newsdigest.spark`` and ``spark-submit
src/newsdigest/spark/job.py`` parse the same command. A local Spark is started unless
``--master`` (or spark-submit) says otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import usage_error

MAX_PARTITIONS = 100_000


def spark_command(
    inputs: Annotated[
        list[str],
        typer.Option(
            "--input",
            "-i",
            help="A file (warc[.gz], or txt, html, jsonl, json, sgml as ingest reads them), a"
            " folder (its WARC files) or a quoted glob; repeatable.",
            parser=options.not_blank,  # "" had been ": no WARC files match"
        ),
    ],
    output: Annotated[
        Path,
        # blank refused: Path("") is the current folder, where "-o ''" had written its tables
        typer.Option("--output", "-o", help="Output folder.", parser=options.input_path),
    ],
    master: Annotated[
        str | None,
        typer.Option(
            help="Spark master URL, e.g. local[2] or spark://host:7077 (default: "
            "local[2], or spark-submit's).",
            parser=options.not_blank,  # "" had been the default, silently
        ),
    ] = None,
    words: options.Words = None,
    sentences: options.Sentences = None,
    summarizer: options.Summarizer = "default",
    embedder: options.Embedder = None,
    facts: options.Facts = True,
    partitions: Annotated[
        int | None,
        # Spark counts partitions in a Java int: 3,000,000,000 had been a Py4JError traceback
        # once the input was read; past 100,000 tasks the job is all scheduling
        typer.Option(
            min=1, max=MAX_PARTITIONS, help="Story-building partitions (default: Spark's)."
        ),
    ] = None,
    conf: Annotated[
        list[str] | None, typer.Option("--conf", help="Extra Spark setting KEY=VALUE.")
    ] = None,
) -> None:
    """Stories with cited digests from WARC archives, on Apache Spark.

    Drops duplicates corpus-wide, groups articles into stories, digests each, and writes Parquet
    tables (articles, stories, citations) and JSON Lines (stories.jsonl, articles.jsonl).
    """
    from newsdigest.config import StoryConfig
    from newsdigest.spark import job
    from newsdigest.spark.session import master_error

    if master and (why := master_error(master)):
        usage_error(why)
    settings: dict[str, str] = {}
    for item in conf or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            usage_error(f"--conf: {item!r} is not KEY=VALUE")
        settings[key] = value
    config = job.JobConfig(
        inputs=tuple(inputs),
        output=output,
        story=StoryConfig(
            words=words,
            sentences=sentences,
            summarizer=summarizer,
            embedder=embedder,
            facts=facts,
        ),
        partitions=partitions,
    )
    raise typer.Exit(job.submit(config, master, settings))


def register(app: typer.Typer) -> None:
    app.command("spark")(spark_command)
