"""``newsdigest digest`` as a user runs it: formats, one-line errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsdigest
from newsdigest.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["digest", *args])


@pytest.fixture(scope="module")
def seed_json(seed_dir) -> dict:
    result = run(str(seed_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_has_the_documented_shape(seed_json) -> None:
    assert {"title", "articles", "outliers", "summary"} <= set(seed_json)
    for a in seed_json["articles"]:
        assert {"id", "url", "path", "title", "source", "published"} <= set(a)
    [outlier] = seed_json["outliers"]
    assert outlier["path"].endswith("003_dbef3e644a6f6aec.txt") and outlier["reason"]
    ids = {a["id"] for a in seed_json["articles"]}
    for s in seed_json["summary"]:
        assert s["citations"] and s["support"] >= 1
        assert all(c["article"] in ids and c["sentence"] >= 0 for c in s["citations"])
    text = " ".join(s["text"] for s in seed_json["summary"])
    assert all(name in text for name in ("Pompeo", "Lavrov", "Putin", "Sochi"))


def test_text_and_markdown_show_markers_and_sources(seed_dir) -> None:
    text = run(str(seed_dir), "--sentences", "3", "--no-facts").stdout
    assert "[1]" in text and "Sources" in text and "Washington" in text
    md = run(str(seed_dir), "--sentences", "3", "--format", "markdown").stdout
    assert md.startswith("# ") and "## Sources" in md and "## Facts" in md


def test_html_is_a_page_with_escaped_text(tmp_path) -> None:
    hostile = tmp_path / "a.jsonl"
    rows = [
        {
            "title": "<script>alert(1)</script> Geneva talks",
            "text": f"Officials met in Geneva on day {i}. "
            "The talks <b>covered</b> trade and security for several hours. "
            "Both sides said the meeting was useful and agreed to meet again.",
        }
        for i in range(3)
    ]
    hostile.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = run(str(hostile), "--format", "html", "--no-facts")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!doctype html>")
    assert "<script>alert" not in result.stdout and "&lt;script&gt;" in result.stdout


def test_bad_inputs_give_one_line_each_and_exit_1(tmp_path, seed_paths) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "bad.jsonl").write_text('{"text": "ok text"\n', encoding="utf-8")
    result = run(*map(str, seed_paths), str(tmp_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    # one line per bad file, and one saying the folder held no usable article
    assert len(errors) == 4, result.stderr
    for name in ("empty.txt", "binary.txt", "bad.jsonl"):
        assert sum(name in e for e in errors) == 1
    assert errors[-1].startswith(f"error: {tmp_path}: no articles")
    assert "Sources" in result.stdout


def test_nothing_usable_exits_2(tmp_path) -> None:
    (tmp_path / "notes.md").write_text("not an article format", encoding="utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr
    assert result.stdout == ""


def test_both_budgets_apply_together_as_in_stories_and_the_python_api(seed_dir) -> None:
    """``digest`` had refused --words with --sentences, which ``stories``, ``serve``, ``spark``
    and ``newsdigest.digest`` take together (at most 2 sentences, within 50 words)."""
    import newsdigest

    both = run(str(seed_dir), "--words", "50", "--sentences", "2", "--no-facts", "-f", "json")
    assert both.exit_code == 0, both.output
    summary = [s["text"] for s in json.loads(both.stdout)["summary"]]
    assert 1 <= len(summary) <= 2 and len(" ".join(summary).split()) <= 50
    story = newsdigest.digest([seed_dir], words=50, sentences=2, facts=False)
    assert [s.text for s in story.summary] == summary


def test_a_budget_no_sentence_fits_in_says_why_the_digest_is_empty(seed_dir, tmp_path) -> None:
    """``--words 5`` had printed the seeds' title, sources and facts over an empty digest
    without a word on why; ``stories`` and ``newsdigest.digest`` say it too."""
    short = run(str(seed_dir), "--words", "5", "--no-facts")
    assert short.exit_code == 0, short.output
    assert "note: no digest: a digest keeps whole sentences, and none fits in 5 words" in (
        short.stderr
    )
    enough = run(str(seed_dir), "--words", "40", "--no-facts")
    assert "no digest" not in enough.stderr
    notes: list[str] = []
    story = newsdigest.digest([seed_dir], words=1, facts=False, on_notice=notes.append)
    assert not story.summary and notes[-1].endswith("none fits in 1 word")
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(seed_dir), "--db", db]).exit_code == 0
    stories = runner.invoke(app, ["stories", "--db", db, "--words", "1", "--no-facts"])
    assert stories.exit_code == 0, stories.output
    assert "note: 1 story: no digest: a digest keeps whole sentences, and none fits in 1 word" in (
        stories.stderr
    )


def test_unknown_format_is_refused(seed_dir) -> None:
    assert run(str(seed_dir), "--format", "pdf").exit_code == 2


def test_the_installed_command_runs_as_a_process(seed_dir) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsdigest", "digest", str(seed_dir), "--no-facts", "-s", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Sochi" in proc.stdout


def test_digest_and_stories_start_without_scikit_learn(seed_dir: Path, tmp_path: Path) -> None:
    """scikit-learn's import is ~0.9 s, most of a CLI start-up; the digest and the stories
    (clustering included) need nothing from it."""
    import subprocess
    import sys

    db = str(tmp_path / "n.db")
    code = (
        "import sys; from typer.testing import CliRunner; from newsdigest.cli import app; "
        f"r = CliRunner().invoke(app, ['ingest', {str(seed_dir)!r}, '--db', {db!r}]); "
        f"r = CliRunner().invoke(app, ['stories', '--db', {db!r}, '--no-facts']); "
        "assert r.exit_code == 0, r.output; "
        f"r = CliRunner().invoke(app, ['digest', {str(seed_dir)!r}, '--no-facts']); "
        "assert r.exit_code == 0, r.output; "
        "assert 'sklearn' not in sys.modules, 'sklearn imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_standard_output_in_ascii_or_a_code_page_is_one_line_not_a_traceback(
    seed_dir: Path,
) -> None:
    """A standard output whose encoding lacks a character of the digest (``PYTHONIOENCODING``
    ascii, a Windows code page) had ended the command in a UnicodeEncodeError traceback; it is
    one line naming the character and what to do, nothing half-printed, exit 2."""
    import os

    args = [sys.executable, "-m", "newsdigest", "digest", str(seed_dir), "--no-facts", "-s", "2"]
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        "error: cannot write the digest to standard output: its encoding (ascii) has no U+2026"
        " (HORIZONTAL ELLIPSIS) (set PYTHONIOENCODING=utf-8, or write a file with -o)\n"
    )


def test_articles_piped_in_are_read_from_standard_input(seed_dir: Path) -> None:
    """`cat article.txt | newsdigest digest -`, as Unix tools take "-" (it had said "-: no such
    file or directory"); the format is told from the first bytes (JSON Lines here); an empty
    pipe is one line naming <stdin>."""
    text = sorted(seed_dir.glob("000_*.txt"))[0].read_text(encoding="utf-8")
    result = runner.invoke(app, ["digest", "-", "--format", "json"], input=text)
    assert result.exit_code == 0, result.output
    story = json.loads(result.stdout)
    assert story["summary"] and story["articles"][0]["path"] == "<stdin>"
    record = json.dumps({"title": "Pompeo meets Lavrov", "text": text}) + "\n"
    result = runner.invoke(app, ["digest", "-", "--format", "json"], input=record)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"][0]["title"] == "Pompeo meets Lavrov"
    result = runner.invoke(app, ["digest", "-"], input="")
    assert result.exit_code != 0 and "<stdin>: empty file" in result.output


def test_records_piped_in_are_named_after_standard_input(seed_dir: Path) -> None:
    """Standard input is spooled to a temporary file to be read: the records of a JSON array
    or of JSON Lines piped in had that file's name as their path ("/tmp/newsdigest-stdin-
    bzayt59c/stdin[0]", gone once read) in the digest, and in every refusal and note."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("00[0-2]_*.txt"))]
    records = [{"text": texts[0]}, {"text": ""}, {"text": texts[1], "published": "2019-02-30"}]
    array, lines = json.dumps(records), "\n".join(map(json.dumps, records))
    for piped, names in ((array, ["[0]", "[1]", "[2]"]), (lines, [":1", ":2", ":3"])):
        result = runner.invoke(app, ["digest", "-", "--format", "json", "--no-facts"], input=piped)
        assert result.exit_code == 1, result.output
        paths = sorted(a["path"] for a in json.loads(result.stdout)["articles"])
        first, second, third = (f"<stdin>{n}" for n in names)
        assert paths == [first, third]
        assert f"error: {second}: 'text' is empty" in result.output
        assert f"note: {third}: 'published' is '2019-02-30'" in result.output
        assert "newsdigest-stdin-" not in result.output
