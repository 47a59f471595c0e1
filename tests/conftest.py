"""Shared fixtures: the bundled seed cluster, and the slow-test switch."""

from __future__ import annotations

import ast
import csv
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdigest.model import Article, article_id

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "sochi-2019"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"
DEV_STREAM = ROOT.parent / "shared" / "data" / "streams" / "giveme5w1h_events.jsonl"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Corpus-scale tests run only with NEWSDIGEST_SLOW=1; each has a small twin that always runs."""
    if os.environ.get("NEWSDIGEST_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="corpus-scale; set NEWSDIGEST_SLOW=1 to run")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def multinews_csv() -> Path:
    if not MULTINEWS.exists():
        pytest.fail(f"benchmark sample missing: {MULTINEWS} (the repo expects ../shared beside it)")
    return MULTINEWS


@pytest.fixture(scope="session")
def dev_stream_rows() -> list[dict[str, str]]:
    """The labelled dev stream's records (``../shared/data/streams``), in file order."""
    if not DEV_STREAM.exists():
        pytest.fail(f"dev stream missing: {DEV_STREAM} (the repo expects ../shared beside it)")
    lines = DEV_STREAM.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def multinews_articles(multinews_csv: Path) -> Callable[[int, int], list[tuple[int, Article]]]:
    """``(cluster, Article)`` for every document of Multi-News rows ``start:stop`` (in order)."""

    def read(start: int, stop: int) -> list[tuple[int, Article]]:
        csv.field_size_limit(1 << 30)
        with multinews_csv.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))[start:stop]
        return [
            (i, Article(id=f"{article_id(d)}-{i}-{j}", text=d))
            for i, row in enumerate(rows)
            for j, d in enumerate(ast.literal_eval(row["documents"]))
        ]

    return read
