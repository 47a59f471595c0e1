"""schemathesis against the served ``/openapi.json``: generated requests, real server, real store.

Issue 12: every operation in the schema, fed valid and invalid input that schemathesis derives
from the schema itself (coverage, fuzzing and stateful phases, every check), must never answer
5xx and must answer as the schema says: documented status codes and content types, bodies that
match, 405 with an Allow header. The server is uvicorn on loopback over a SQLite file seeded
with the Sochi story. Bounded: a fixed seed, 25 examples per operation (about 500 requests).

schemathesis runs as its CLI (``st run``): its pytest plugin does not load under pytest 9.
``tests/schemathesis.toml`` says which refusals are expected, and why.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from live_server import serving
from serve_seed import fill, seed_story, synthetic_stories

from newsdigest.store import open_store

CONFIG = Path(__file__).with_name("schemathesis.toml")


def run_schemathesis(base: str, workdir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG),
        "run", f"{base}/openapi.json",
        "--checks", "all", "--max-examples", "25", "--seed", "12", "--workers", "1",
        "--request-timeout", "60", "--max-failures", "20", *extra,
    ]  # fmt: skip
    # cwd: hypothesis keeps its example database in the working folder
    return subprocess.run(
        command, cwd=workdir, capture_output=True, text=True, timeout=300, check=False
    )


def test_every_operation_answers_as_its_schema_says(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "news.db"))
    fill(store, [seed_story(), *synthetic_stories(3)])
    try:
        with serving(store) as base:
            result = run_schemathesis(base, tmp_path)
    finally:
        store.close()
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-6000:]
    counted = re.search(r"(\d+) selected / (\d+) total", report)
    assert counted, report[-2000:]
    selected, total = map(int, counted.groups())
    assert selected == total >= 9  # every operation was tested, not a filtered few
    generated = int(report.split(" generated")[0].rsplit(maxsplit=1)[-1])
    assert generated >= 300, report[-2000:]
