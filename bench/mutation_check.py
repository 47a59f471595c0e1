"""Mutation check: plant each listed break in a copy of the source, one at a time, run the tests
that guard that module against the copy, and print whether the suite noticed (killed) or not.

The mutants are the deliberate breaks issue 12 reported as unnoticed (citing without the origin
sentence, a 0.10 citation threshold, the outlier reason's places swapped, each majority guard
removed, a 60-day window, dedup joining the last group, no case folding, 3-word shingles, the
store folding into the latest article), plus neighbours of the same kinds. Each is a plain text
replacement that must match the source exactly once, so a refactor that moves the code makes
this script fail loudly instead of passing vacuously.

    python bench/mutation_check.py            # all mutants
    python bench/mutation_check.py cite       # the mutants of one module
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str  # source file, relative to the repository
    replacements: tuple[tuple[str, str], ...]
    tests: tuple[str, ...]


CITE = ("tests/test_cite.py",)
OUTLIERS = ("tests/test_outliers.py",)
DEDUP = ("tests/test_dedup.py",)
STORE = ("tests/test_store.py", "-m", "not postgres")

MUTANTS = (
    Mutant("cite: origin not cited", "src/newsdigest/cite.py",
           (("cited = {origin} if origin else set()", "cited = set()"),), CITE),
    Mutant("cite: threshold 0.30 -> 0.10", "src/newsdigest/cite.py",
           (("SUPPORT_THRESHOLD = 0.30", "SUPPORT_THRESHOLD = 0.10"),), CITE),
    Mutant("cite: threshold 0.30 -> 0.50", "src/newsdigest/cite.py",
           (("SUPPORT_THRESHOLD = 0.30", "SUPPORT_THRESHOLD = 0.50"),), CITE),
    Mutant("cite: support counts citations, not outlets", "src/newsdigest/cite.py",
           (("support=len(outlets)", "support=len(citations)"),), CITE),
    Mutant("cite: citations in pool order dropped", "src/newsdigest/cite.py",
           (("key=lambda c: (order.get(c.article, 1 << 30), c.sentence)",
             "key=lambda c: (c.article, c.sentence)"),), CITE),
    Mutant("outliers: reason's places swapped", "src/newsdigest/outliers.py",
           (('f"about an event in {place}; the other', 'f"about an event in {majority}; the other'),
            ('report it in {majority}, which', 'report it in {place}, which')), OUTLIERS),
    Mutant("outliers: time majority guard removed", "src/newsdigest/outliers.py",
           (("return reasons if len(reasons) * 2 < len(dated) else {}", "return reasons"),),
           OUTLIERS),
    Mutant("outliers: place majority guard removed", "src/newsdigest/outliers.py",
           (("    if n * 2 <= len(articles):\n        return {}\n", ""),), OUTLIERS),
    Mutant("outliers: content majority guard removed", "src/newsdigest/outliers.py",
           (("return reasons if len(reasons) * 2 < len(articles) else {}", "return reasons"),),
           OUTLIERS),
    Mutant("outliers: window 7 -> 60 days", "src/newsdigest/outliers.py",
           (("WINDOW_DAYS = 7", "WINDOW_DAYS = 60"),), OUTLIERS),
    Mutant("outliers: window 7 -> 3 days", "src/newsdigest/outliers.py",
           (("WINDOW_DAYS = 7", "WINDOW_DAYS = 3"),), OUTLIERS),
    Mutant("outliers: content similarity 0.05 -> 0.20", "src/newsdigest/outliers.py",
           (("MIN_CONTENT_SIMILARITY = 0.05", "MIN_CONTENT_SIMILARITY = 0.20"),), OUTLIERS),
    Mutant("dedup: joins the last group, not the first", "src/newsdigest/dedup.py",
           (("root = leader[hits[0]]", "root = leader[hits[-1]]"),), DEDUP),
    Mutant("dedup: no case folding", "src/newsdigest/dedup.py",
           (("words = _WORD.findall(normalize_for_id(text))", "words = _WORD.findall(text)"),),
           DEDUP),
    Mutant("dedup: 3-word shingles", "src/newsdigest/dedup.py",
           (("SHINGLE_WORDS = 5", "SHINGLE_WORDS = 3"),), DEDUP),
    Mutant("dedup: threshold 0.7 -> 0.4", "src/newsdigest/dedup.py",
           (("THRESHOLD = 0.7 ", "THRESHOLD = 0.4 "),), DEDUP),
    Mutant("store: folds into the latest article", "src/newsdigest/store/sqlite.py",
           (('"ORDER BY a.seq",', '"ORDER BY a.seq DESC",'),), STORE),
)  # fmt: skip


def _copy(dest: Path) -> Path:
    """The repository's code, tests and seeds under ``dest``; ``../shared`` is linked as the
    tests expect it beside the repository."""
    repo = dest / "repo"
    repo.mkdir()
    for part in ("src", "tests", "examples"):
        shutil.copytree(ROOT / part, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", repo / "pyproject.toml")
    shared = ROOT.parent / "shared"
    if shared.exists():
        (dest / "shared").symlink_to(shared)
    return repo


def _run_tests(repo: Path, tests: tuple[str, ...]) -> tuple[int, float]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return proc.returncode, time.perf_counter() - started


def _plant(source: str, mutant: Mutant) -> str:
    for old, new in mutant.replacements:
        count = source.count(old)
        if count != 1:
            raise SystemExit(f"{mutant.name}: {old!r} occurs {count} times in {mutant.path}")
        source = source.replace(old, new)
    return source


def main(selected: list[str]) -> int:
    mutants = [m for m in MUTANTS if not selected or m.name.split(":")[0] in selected]
    with tempfile.TemporaryDirectory() as tmp:
        repo = _copy(Path(tmp))
        suites = sorted({m.tests for m in mutants})
        for tests in suites:
            code, _ = _run_tests(repo, tests)
            if code != 0:
                print(f"baseline fails: {' '.join(tests)} (exit {code})", file=sys.stderr)
                return 2
        print(f"{'mutant':<48} {'tests':<24} {'result':<9} {'s':>6}")
        survived = 0
        for mutant in mutants:
            target = repo / mutant.path
            original = target.read_text(encoding="utf-8")
            target.write_text(_plant(original, mutant), encoding="utf-8")
            try:
                code, seconds = _run_tests(repo, mutant.tests)
            finally:
                target.write_text(original, encoding="utf-8")
            result = {0: "SURVIVED", 1: "killed"}.get(code, f"error {code}")
            survived += code == 0
            print(f"{mutant.name:<48} {mutant.tests[0][6:]:<24} {result:<9} {seconds:6.1f}")
        print(f"\n{len(mutants) - survived} of {len(mutants)} mutants killed")
    return 1 if survived else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
