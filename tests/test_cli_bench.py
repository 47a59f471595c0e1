"""``newsdigest bench``: a per-stage timing table a user can read, and one-line errors."""

from __future__ import annotations

from typer.testing import CliRunner

from newsdigest.cli import app

runner = CliRunner()


def test_bench_prints_every_stage_and_a_total_that_adds_up(seed_dir) -> None:
    result = runner.invoke(app, ["bench", str(seed_dir), "--runs", "2", "--no-facts"])
    assert result.exit_code == 0, result.output
    rows = {
        line.split("|")[1].strip(): float(line.split("|")[2])
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| stage") and "---" not in line
    }
    assert set(rows) == {"read", "split", "outliers", "summarize", "cite", "total"}
    assert all(v > 0 for v in rows.values())
    parts = sum(v for k, v in rows.items() if k != "total")
    assert rows["total"] <= parts * 1.5  # medians of parts vs median of sums: same order


def test_bench_on_nothing_readable_is_one_line_and_exit_2(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["bench", str(tmp_path / "empty.txt"), "--runs", "1"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "error:" in result.stderr
