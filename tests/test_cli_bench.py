"""``newsdigest bench``: a per-stage timing table a user can read, and one-line errors."""

from __future__ import annotations

import pytest
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
    assert f"{tmp_path / 'empty.txt'}: empty file" in result.stderr  # it had not said why


def test_bench_names_each_input_it_leaves_out_of_the_timed_cluster(seed_dir, tmp_path) -> None:
    """An unreadable file among the cluster's was left out without a word: the table timed a
    smaller cluster than the one given."""
    (tmp_path / "empty.txt").write_bytes(b"")
    args = ["bench", str(seed_dir), str(tmp_path / "empty.txt"), "--runs", "1", "--no-facts"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {tmp_path / 'empty.txt'}: empty file"]


def test_bench_of_a_blank_name_or_standard_input_is_a_usage_error(seed_dir) -> None:
    """``bench ""`` timed every article under the current folder (``Path("")``), as ``digest ""``
    had; ``bench -`` read standard input in its warm-up run and found it empty in the next, to
    say "no readable articles in the input" alone."""
    seed = next(seed_dir.glob("*.txt")).read_text(encoding="utf-8")
    for args, said in (
        ([""], "an empty argument names no file, folder or URL"),
        ([" "], "an empty argument names no file, folder or URL"),
        (["-"], "-: bench reads its inputs once a run, standard input only once"),
    ):
        result = runner.invoke(app, ["bench", *args, "--runs", "2", "--no-facts"], input=seed)
        assert result.exit_code == 2, result.output
        assert said in result.stderr and "newsdigest bench --help" in result.stderr
        assert result.stdout == ""


@pytest.mark.timeout(60)
def test_bench_refuses_an_endless_number_of_runs(seed_dir) -> None:
    """``--runs 1000000000000000000000`` had timed digests for ever; 1e21 was refused."""
    result = runner.invoke(app, ["bench", str(seed_dir), "--runs", "1" + "0" * 21])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "| stage" not in result.stdout
    assert "--runs" in result.stderr and "1000" in result.stderr, result.stderr
