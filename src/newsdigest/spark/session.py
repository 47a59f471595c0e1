"""A SparkSession configured for newsdigest: quiet, no UI, scratch space under the temp dir.

Defaults suit a small machine (2 cores, 24 GB shared with other work); on a cluster the
``spark-submit`` flags or ``--conf`` override them.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# Spark's own chatter (NativeCodeLoader, SparkConf overrides) is noise for a CLI user: errors only.
_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{1}: %m%n%ex
# a pyspark driver counts as a shell, whose logger level Spark would otherwise impose (WARN)
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
"""


# the master URLs Spark takes (its SparkContext patterns), told apart before a JVM is started
_MASTER = re.compile(
    r"local(?:\[(?:(\d+)|\*)(?:\s*,\s*(\d+))?\])?"
    r"|local-cluster\[\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\]"
    r"|(?:spark|k8s|mesos)://\S+|yarn"
)
_JAVA_INT = 2**31 - 1


def master_error(master: str) -> str | None:
    """Why ``master`` is no Spark master URL, or None: "local[x]" had been a ValueError
    traceback, "nonsense://" a JVM that exited, "local[99999999999999999999]" a Py4JJavaError."""
    found = _MASTER.fullmatch(master)
    counts = [int(n) for n in found.groups() if n is not None] if found else []
    if found and all(1 <= n <= _JAVA_INT for n in counts):
        return None
    return (
        f"--master: {master!r} is not a Spark master URL (local, local[N], local[*], "
        "spark://host:port, yarn, k8s://..., with counts from 1)"
    )


def default_conf(master: str, scratch: Path) -> dict[str, str]:
    """Settings for a 2-core, 24 GB machine; a cluster's ``spark-submit`` flags win over them."""
    cores = _cores(master)
    log4j = scratch / "log4j2.properties"
    log4j.write_text(_LOG4J2, encoding="utf-8")
    java_opts = f"-Dlog4j2.configurationFile=file:{log4j} -Dlog4j.configurationFile=file:{log4j}"
    return {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.local.dir": str(scratch / "local"),
        "spark.driver.memory": "4g",  # in local mode the driver JVM is the executor
        "spark.driver.maxResultSize": "1g",
        "spark.executor.memory": "4g",
        "spark.sql.shuffle.partitions": str(max(2, 2 * cores)),
        "spark.default.parallelism": str(max(2, 2 * cores)),
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.adaptive.enabled": "true",
        "spark.python.worker.reuse": "true",  # keeps each worker's loaded models between tasks
        # Spark runs a Python worker per core already: no spaCy worker pools inside them
        "spark.executorEnv.NEWSDIGEST_WORKERS": "1",
        "spark.pyspark.python": sys.executable,
        "spark.pyspark.driver.python": sys.executable,
        "spark.driver.extraJavaOptions": java_opts,
        "spark.executor.extraJavaOptions": java_opts,
        "spark.sql.parquet.compression.codec": "zstd",
    }


def _cores(master: str) -> int:
    if master.startswith("local[") and master.endswith("]"):
        inner = master[6:-1].split(",")[0].strip()  # "local[*,3]": any cores, 3 tries
        return (os.cpu_count() or 2) if inner == "*" else int(inner)
    return 2 if master == "local" else 1


def start_session(
    master: str | None = "local[2]",
    *,
    app_name: str = "newsdigest",
    conf: Mapping[str, str] | None = None,
    scratch: Path | None = None,
) -> SparkSession:
    """Start (or join) a SparkSession; ``master=None`` leaves it to ``spark-submit``."""
    from pyspark.sql import SparkSession

    scratch = scratch or Path(tempfile.mkdtemp(prefix="newsdigest-spark-"))
    scratch.mkdir(parents=True, exist_ok=True)
    # workers import newsdigest: in local mode they inherit this path; on a cluster ship the
    # package with --py-files (see docs/spark.md)
    src = str(Path(__file__).resolve().parents[2])
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in [src, os.environ.get("PYTHONPATH", "")] if p
    )
    # the workers run this interpreter (the venv's), not whatever ``python3`` is on PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = default_conf(master or "local[2]", scratch)
    if master is None:  # under spark-submit: its --conf and defaults file win over ours
        from pyspark import SparkConf

        submitted = dict(SparkConf().getAll())
        settings = {k: v for k, v in settings.items() if k not in submitted}
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
