"""Near-duplicates across the whole corpus with Spark MLlib's ``MinHashLSH``.

Each article's shingle set (the single-machine dedup's own shingling) becomes a sparse binary
vector; ``approxSimilarityJoin`` finds every pair whose exact Jaccard distance is under the
dedup threshold, bucketing by MinHash so only colliding articles are compared (the one shuffle
of this stage). Every candidate pair is then decided by the single-machine rule (a shared datasketch LSH band
and an estimated Jaccard at the threshold, on the same signatures), and the confirmed pairs fold
each duplicate into the earliest stored article it matches, as the single-machine store does.

MLlib's join looks further than the rule (exact Jaccard >= threshold - ``CANDIDATE_MARGIN``), so
a pair the rule accepts is missed only if its exact Jaccard sits more than the margin below its
128-permutation estimate (over 4 standard deviations) or all ``HASH_TABLES`` tables miss it
(probability 0.3**12 < 1e-6 at Jaccard 0.7).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

# Shingle hashes are folded into this many vector slots (MLlib wants an int vector size).
VECTOR_SIZE = 1 << 30
# OR-amplification over this many MinHash tables: a pair at Jaccard 0.7 collides with
# probability 1 - 0.3**12; every candidate is then checked by the single-machine rule.
HASH_TABLES = 12
CANDIDATE_MARGIN = 0.2
SEED = 20190514


def shingle_vector(hashes: Iterable[int]) -> object:
    """A sparse 0/1 vector of a shingle set (hashes folded into ``VECTOR_SIZE`` slots)."""
    from pyspark.ml.linalg import Vectors

    slots = sorted({int(h) % VECTOR_SIZE for h in hashes})
    return Vectors.sparse(VECTOR_SIZE, slots, [1.0] * len(slots))


def similar_pairs(
    spark: SparkSession,
    shingles: Sequence[tuple[str, list[int]]] | object,
    threshold: float,
) -> tuple[RDD, DataFrame]:
    """Pairs ``(a, b)`` with ``a < b`` and exact Jaccard similarity >= ``threshold``.

    (Callers pass the dedup threshold minus ``CANDIDATE_MARGIN`` and confirm each pair.)
    Returns the pairs (lazy) and the cached vectors to unpersist once the pairs are used.

    ``shingles`` is an RDD (or list) of ``(article id, shingle hashes)``; empty sets are skipped
    (an article with no shingles has nothing to match).
    """
    from pyspark.ml.feature import MinHashLSH
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType(
        [StructField("id", StringType(), False), StructField("features", VectorUDT(), False)]
    )
    rdd = (
        shingles
        if hasattr(shingles, "mapPartitions")
        else spark.sparkContext.parallelize(
            list(shingles)  # type: ignore[call-overload]
        )
    )
    vectors = spark.createDataFrame(
        rdd.filter(lambda row: len(row[1]) > 0).map(  # type: ignore[attr-defined]
            lambda row: (row[0], shingle_vector(row[1]))
        ),
        schema,
    ).persist()  # read three times (fit, both sides of the join): shingle once
    model = MinHashLSH(
        inputCol="features", outputCol="hashes", numHashTables=HASH_TABLES, seed=SEED
    ).fit(vectors)
    # MLlib keeps pairs strictly under the distance; a hair of slack keeps the boundary case
    # (similarity exactly at the threshold), which the filter below then decides exactly.
    max_distance = 1.0 - threshold + 1e-9
    joined = model.approxSimilarityJoin(vectors, vectors, max_distance, distCol="distance")
    pairs = (
        joined.select(
            F.col("datasetA.id").alias("a"),
            F.col("datasetB.id").alias("b"),
            (F.lit(1.0) - F.col("distance")).alias("jaccard"),
        )
        .where(F.col("a") < F.col("b"))
        .where(F.col("jaccard") >= F.lit(threshold) - F.lit(1e-12))
        .select("a", "b")
    )
    return pairs.rdd.map(lambda row: (row["a"], row["b"])), vectors


def fold_duplicates(order: Sequence[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each near-duplicate to the stored article it copies.

    ``order`` lists the (exactly unique) article ids in reading order. Walking that order, an
    article that matches earlier *stored* articles is folded into the earliest of them and is
    not stored itself, which is what ``SqliteStore.add_articles`` does as articles arrive.
    """
    rank = {aid: i for i, aid in enumerate(order)}
    earlier: dict[str, list[str]] = {}
    for a, b in pairs:
        if a in rank and b in rank:
            first, second = (a, b) if rank[a] < rank[b] else (b, a)
            earlier.setdefault(second, []).append(first)
    folded: dict[str, str] = {}
    for aid in order:
        stored = [n for n in earlier.get(aid, ()) if n not in folded]
        if stored:
            folded[aid] = min(stored, key=rank.__getitem__)
    return folded
