"""``newsdigest spark``: stories from WARC archives on Apache Spark (corpus scale).

The same job runs as ``python -m newsdigest.spark`` and under ``spark-submit`` (its script
``newsdigest/spark/job.py``); this command only translates its options and starts a local
Spark unless ``--master`` says otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def spark_command(
    inputs: Annotated[
        list[str],
        typer.Option("--input", "-i", help="WARC file, folder or quoted glob; repeatable."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")],
    master: Annotated[
        str, typer.Option(help="Spark master URL, e.g. local[2] or spark://host:7077.")
    ] = "local[2]",
    words: Annotated[int | None, typer.Option("--words", "-w", help="Summary length.")] = None,
    sentences: Annotated[int | None, typer.Option("--sentences", "-s")] = None,
    summarizer: Annotated[str, typer.Option(help="Summarization method.")] = "default",
    embedder: Annotated[str | None, typer.Option(help="Sentence embedder.")] = None,
    facts: Annotated[bool, typer.Option("--facts/--no-facts", help="Extract facts.")] = True,
    partitions: Annotated[
        int | None, typer.Option(help="Story-building partitions (default: Spark's).")
    ] = None,
    conf: Annotated[
        list[str] | None, typer.Option("--conf", help="Extra Spark setting KEY=VALUE.")
    ] = None,
) -> None:
    """Stories with cited digests from WARC archives, on Apache Spark.

    Drops duplicates corpus-wide, groups articles into stories, digests each, and writes Parquet
    tables (articles, stories, citations) and JSON Lines (stories.jsonl, articles.jsonl).
    """
    from newsdigest.spark.job import main

    argv = ["--output", str(output), "--master", master, "--summarizer", summarizer]
    for pattern in inputs:
        argv += ["--input", pattern]
    if words is not None:
        argv += ["--words", str(words)]
    if sentences is not None:
        argv += ["--sentences", str(sentences)]
    if embedder:
        argv += ["--embedder", embedder]
    if not facts:
        argv.append("--no-facts")
    if partitions:
        argv += ["--partitions", str(partitions)]
    for item in conf or ():
        argv += ["--conf", item]
    raise typer.Exit(main(argv))


def register(app: typer.Typer) -> None:
    app.command("spark")(spark_command)
