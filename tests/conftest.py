"""Shared fixtures: the bundled seed cluster, and the slow-test switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "sochi-2019"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"


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
