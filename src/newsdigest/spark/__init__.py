"""The pipeline on Apache Spark, for corpora (CC-NEWS WARC archives) that outgrow one process.

Spark only distributes: each partition runs the very functions the single-machine path runs
(WARC reading and cleaning, dedup settings, the clusterer, ``build_story``); the global steps
(exact and near-duplicate detection across the whole corpus, grouping by time segment) are
shuffles. ``job.run_job`` is the entry point; ``python -m newsdigest.spark`` and
``newsdigest spark`` wrap it.
"""
