"""spaCy shared among processes (``facts.parallel``): the same Docs as one process makes, the
work done here when a pool cannot run, and the shares it cuts.

The pool is forked, so each check that starts one runs in a fresh interpreter of its own: the
test process may hold threads (a served app, a follower) that make forking unsafe.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdigest.facts import parallel
from newsdigest.model import Article

ROOT = Path(__file__).resolve().parents[1]


@given(st.lists(st.integers(0, 5_000), max_size=40), st.integers(1, 6))
def test_shares_cover_every_item_once_in_order(lengths: list[int], parts: int) -> None:
    ranges = parallel.shares(lengths, parts)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(lengths)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert len(ranges) == max(1, min(parts, len(lengths)))
    if lengths:
        assert all(b > a for a, b in ranges)  # no share empty
    # each share its part of the total, give or take one item
    total = sum(lengths)
    most = max(lengths, default=0)
    assert all(abs(sum(lengths[a:b]) - total / len(ranges)) <= 2 * most for a, b in ranges)


def test_shares_are_about_equal_in_length() -> None:
    ranges = parallel.shares([1_000] * 10 + [5_000, 5_000], 2)
    sums = [sum(([1_000] * 10 + [5_000, 5_000])[a:b]) for a, b in ranges]
    assert sums == [10_000, 10_000]


@pytest.mark.parametrize(
    ("value", "expected"), [("1", 1), ("3", 3), ("0", 1), ("-2", 1), ("two", 1), (" 2 ", 2)]
)
def test_worker_count_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int
) -> None:
    monkeypatch.setenv("NEWSDIGEST_WORKERS", value)
    assert parallel.worker_count() == expected


def test_worker_count_defaults_to_the_usable_cpus_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSDIGEST_WORKERS", raising=False)
    assert 1 <= parallel.worker_count() <= parallel.MAX_WORKERS


def _run(script: str, workers: str = "2") -> dict[str, object]:
    """``script`` in a fresh interpreter with the seeds' articles as ``articles``; it prints
    one JSON object as its last line."""
    prelude = textwrap.dedent(
        f"""
        import json, sys, threading
        from pathlib import Path
        from newsdigest.ingest import load_articles
        from newsdigest.facts import parallel
        from newsdigest.facts.ner import DEFAULT_MODEL, parse_articles
        from newsdigest.analysis import doc_to_bytes
        articles = list(load_articles([Path({str(ROOT / "examples" / "sochi-2019")!r})]).articles)
        """
    )
    env = {**os.environ, "NEWSDIGEST_WORKERS": workers, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout  # printed once: nothing ran the script again
    return dict(json.loads(lines[0]))


def test_parses_shared_among_processes_are_the_ones_one_process_makes() -> None:
    """The seeds' parses (entities over whole texts, dependencies over the quote sentences),
    every article's DocBin byte for byte, with the texts shared between two processes and in
    one; and the clusterer's entity keys, from the NER over titles and leads, the same."""
    out = _run(
        """
        from newsdigest.event_model import features_of
        shared = [doc_to_bytes(d).hex() for d in parse_articles(articles)]
        keys = [f.entities for f in features_of(articles)]
        used = parallel._executor.cache_info().currsize
        import os
        os.environ["NEWSDIGEST_WORKERS"] = "1"
        alone = [doc_to_bytes(d).hex() for d in parse_articles(articles)]
        alone_keys = [f.entities for f in features_of(articles)]
        ents = sum(len(d.ents) for d in parse_articles(articles))
        print(json.dumps({"same": shared == alone, "keys": keys == alone_keys, "pool": used,
                          "n": len(articles), "ents": ents}))
        """
    )
    assert out["n"] == 5 and int(str(out["ents"])) > 100
    assert out["pool"] == 1  # the work was shared
    assert out["same"] and out["keys"]


def test_a_killed_worker_costs_nothing_but_time() -> None:
    """A worker that dies (out of memory, killed): its share is done here, the result is the
    same, and the broken pool is replaced by a new one at the next batch."""
    out = _run(
        """
        texts = [a.text for a in articles]
        alone = [[(e.start, e.end, e.label_) for e in d.ents] for d in parallel.run_local(
            __import__("newsdigest.facts.ner", fromlist=["load_nlp"]).load_nlp(DEFAULT_MODEL),
            texts, "ner")]
        assert parallel.start_workers(DEFAULT_MODEL)
        pool = parallel._executor(1)
        for process in list(pool._processes.values()):
            process.kill()
            process.join()
        got = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
        after = [[(e.start, e.end, e.label_) for e in d.ents] for d in got]
        again = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
        print(json.dumps({"same": after == alone,
                          "again": [[(e.start, e.end, e.label_) for e in d.ents] for d in again] == alone,
                          "new_pool": parallel._executor(1) is not pool}))
        """
    )
    assert out == {"same": True, "again": True, "new_pool": True}


def test_a_threaded_process_without_a_pool_does_the_work_itself() -> None:
    """With another thread running (a progress bar, a server) no process is forked, and no
    fresh interpreter is started either (it would run the caller's unguarded script again:
    the fresh interpreter's helper prints only once)."""
    out = _run(
        """
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        texts = [a.text for a in articles]
        docs = parallel.spacy_docs(DEFAULT_MODEL, texts, "ner", min_chars=0)
        started = parallel.start_workers(DEFAULT_MODEL)
        stop.set()
        print(json.dumps({"docs": len(docs), "pool": parallel._executor.cache_info().currsize,
                          "started": started}))
        """
    )
    assert out == {"docs": 5, "pool": 0, "started": False}


def test_one_worker_means_no_pool() -> None:
    out = _run(
        """
        docs = parse_articles(articles)
        print(json.dumps({"docs": len(docs), "pool": parallel._executor.cache_info().currsize,
                          "started": parallel.start_workers(DEFAULT_MODEL)}))
        """,
        workers="1",
    )
    assert out == {"docs": 5, "pool": 0, "started": False}


def test_the_cli_pool_leaves_stories_unchanged(
    tmp_path: Path, multinews_articles: Callable[[int, int], list[tuple[int, Article]]]
) -> None:
    """``stories`` through the CLI with the NER shared (its workers forked before the progress
    bar) prints the same stories as with one process."""
    docs = tmp_path / "docs"
    docs.mkdir()
    articles = multinews_articles(0, 3)
    for k, (_, article) in enumerate(articles):
        (docs / f"{k:02d}.txt").write_text(article.text, encoding="utf-8")
    outputs = []
    for workers in ("2", "1"):
        db = tmp_path / f"w{workers}.db"
        env = {**os.environ, "NEWSDIGEST_WORKERS": workers, "PYTHONPATH": str(ROOT / "src")}
        cli = [sys.executable, "-m", "newsdigest"]
        subprocess.run([*cli, "ingest", str(docs), "--db", str(db)], env=env, timeout=300)
        done = subprocess.run(
            [*cli, "stories", "--db", str(db), "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) >= 2
    assert sum(len(story["facts"]["entities"]) for story in outputs[0]) > 10
