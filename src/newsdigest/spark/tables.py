"""The job's outputs: Parquet tables for analysis, JSON Lines for the other commands.

- ``articles/`` (Parquet): one row per unique article, its story, every URL it was seen under.
- ``stories/`` (Parquet): one row per story; ``json`` holds the exact ``stories --format json``
  object, so nothing of the public schema is lost in the table form.
- ``citations/`` (Parquet): one row per (summary sentence, cited source sentence), with the
  cited sentence's character span in the article text.
- ``stories.jsonl``: one story object per line, in ``stories`` order (newest first).
- ``articles.jsonl``: the unique articles in the JSON Lines format ``ingest``/``digest`` read.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession


def _ts(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# Table schemas in Spark's DDL (column order is the row tuples' order below).
SCHEMAS = {
    "articles": (
        "id STRING NOT NULL, story_id STRING, outlier BOOLEAN NOT NULL, url STRING,"
        " urls ARRAY<STRING> NOT NULL, title STRING, source STRING, published TIMESTAMP,"
        " language STRING, origin STRING, text STRING NOT NULL, file_index INT NOT NULL,"
        " record_index INT NOT NULL"
    ),
    "stories": (
        "id STRING NOT NULL, title STRING, outlets INT NOT NULL, first_published TIMESTAMP,"
        " last_published TIMESTAMP, article_ids ARRAY<STRING> NOT NULL,"
        " outlier_ids ARRAY<STRING> NOT NULL, summary ARRAY<STRING> NOT NULL, json STRING NOT NULL"
    ),
    "citations": (
        "story_id STRING NOT NULL, summary_index INT NOT NULL, article_id STRING NOT NULL,"
        " sentence INT NOT NULL, start INT, end INT, origin BOOLEAN NOT NULL,"
        " support INT NOT NULL"
    ),
}


def story_table_row(story: dict[str, Any]) -> tuple:
    return (
        story["id"],
        story["title"],
        int(story["outlets"]),
        _ts(story["first_published"]),
        _ts(story["last_published"]),
        [a["id"] for a in story["articles"]],
        [a["id"] for a in story["outliers"]],
        [s["text"] for s in story["summary"]],
        json.dumps(story, ensure_ascii=False),
    )


def citation_rows(story: dict[str, Any]) -> Iterator[tuple]:
    for index, sentence in enumerate(story["summary"]):
        origin = sentence.get("origin") or {}
        for c in sentence["citations"]:
            is_origin = c["article"] == origin.get("article") and c["sentence"] == origin.get(
                "sentence"
            )
            yield (
                story["id"],
                index,
                c["article"],
                int(c["sentence"]),
                c.get("start"),
                c.get("end"),
                is_origin,
                int(sentence["support"]),
            )


def membership(story: dict[str, Any]) -> Iterator[tuple[str, tuple[str, bool]]]:
    for a in story["articles"]:
        yield a["id"], (story["id"], False)
    for a in story["outliers"]:
        yield a["id"], (story["id"], True)


def _urls(row: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(u for *_, u in sorted(row["seen"]) if u))


def article_table_row(pair: tuple[str, tuple[dict[str, Any], tuple[str, bool] | None]]) -> tuple:
    row, member = pair[1]
    story_id, outlier = member if member else (None, False)
    return (
        row["id"],
        story_id,
        outlier,
        row.get("url"),
        _urls(row),
        row.get("title"),
        row.get("source"),
        _ts(row.get("published")),
        row.get("language"),
        row.get("path"),
        row["text"],
        row["file"],
        row["record"],
    )


def _export_lines(frame: DataFrame, path: Path) -> None:
    """Write a one-column DataFrame of JSON lines as one file, in its order, without passing it
    through the driver: Spark writes part files, concatenated and renamed into place."""
    parts = path.with_name(path.name + ".parts")
    frame.write.mode("overwrite").text(str(parts))
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("wb") as out:
        for part in sorted(parts.glob("part-*")):
            with part.open("rb") as fh:
                shutil.copyfileobj(fh, out)
    tmp.replace(path)
    shutil.rmtree(parts)


def write_tables(spark: SparkSession, output: Path, kept: RDD, stories: RDD) -> None:
    """Write the three Parquet tables and both JSON Lines files."""
    from pyspark.sql import functions as F

    schemas = SCHEMAS
    out = output.resolve()
    story_frame = spark.createDataFrame(stories.map(story_table_row), schemas["stories"]).persist()
    story_frame.drop("json").write.mode("overwrite").parquet(str(out / "stories"))
    spark.createDataFrame(stories.flatMap(citation_rows), schemas["citations"]).write.mode(
        "overwrite"
    ).parquet(str(out / "citations"))
    members = stories.flatMap(membership)
    article_rows = kept.map(lambda r: (r["id"], r)).leftOuterJoin(members).map(article_table_row)
    article_frame = spark.createDataFrame(article_rows, schemas["articles"]).persist()
    article_frame.write.mode("overwrite").parquet(str(out / "articles"))
    # JSON Lines: sorted and serialized in the JVM, newest story first as ``stories`` prints
    _export_lines(
        story_frame.orderBy(F.col("last_published").desc_nulls_last(), "id").select("json"),
        out / "stories.jsonl",
    )
    _export_lines(
        article_frame.orderBy("file_index", "record_index").select(
            F.to_json(
                F.struct("id", "url", "title", "source", "published", "language", "urls", "text"),
                # "+00:00" as every other output writes UTC ("XXX" wrote "Z")
                {"timestampFormat": "yyyy-MM-dd'T'HH:mm:ssxxx"},
            )
        ),
        out / "articles.jsonl",
    )
    story_frame.unpersist()
    article_frame.unpersist()
