"""Options shared by the commands (``cli/options.py``): declared once, checked the same way, and
a careless value is one line on stderr with exit 2, never a traceback or a silent empty run."""

from __future__ import annotations

import re
from pathlib import Path

import numpy
import pytest
from typer.testing import CliRunner

from newsdigest.cli import app
from newsdigest.config import StoryConfig


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output  # stdout and stderr, as a terminal shows them


def assert_one_line_error(code: int, out: str) -> None:
    assert code == 2, out
    assert "Traceback" not in out
    assert out.strip(), "no message"


@pytest.mark.parametrize(
    "args",
    [
        ["digest", "examples/sochi-2019", "--words", "-5"],
        ["digest", "examples/sochi-2019", "--words", "0"],
        ["digest", "examples/sochi-2019", "--sentences", "-1"],
        ["stories", "--db", "{tmp}/n.db", "--limit", "-5"],
        ["stories", "--db", "{tmp}/n.db", "--words", "0"],
        ["serve", "--db", "{tmp}/n.db", "--port", "99999"],
        ["serve", "--db", "{tmp}/n.db", "--port", "-1"],
        ["ingest", "examples/sochi-2019", "--db", "{tmp}/n.db", "--batch", "0"],
    ],
)
def test_negative_or_zero_lengths_limits_and_ports_are_refused(args, tmp_path: Path) -> None:
    code, out = run(*[a.format(tmp=tmp_path) for a in args])
    assert_one_line_error(code, out)


@pytest.mark.parametrize(
    "db",
    ["postgresql://[::1", "postgresql://user@localhost:99999/news", "mysql://x/y"],
)
def test_bad_database_urls_are_one_line(db: str) -> None:
    code, out = run("stories", "--db", db)
    assert_one_line_error(code, out)
    assert out.count("error:") == 1 and len(out.strip().splitlines()) == 1, out


def test_since_out_of_range_is_one_line(tmp_path: Path) -> None:
    code, out = run(
        "stories", "--db", str(tmp_path / "n.db"), "--since", "0001-01-01T00:00:00+05:00"
    )
    assert_one_line_error(code, out)
    assert "--since" in out


def test_a_limit_past_what_the_database_counts_lists_every_story(tmp_path: Path) -> None:
    """It was a traceback (OverflowError from sqlite3) with exit 1."""
    db = str(tmp_path / "n.db")
    assert run("ingest", "examples/sochi-2019", "--db", db)[0] == 0
    code, out = run("stories", "--db", db, "--no-facts", "--limit", "99999999999999999999")
    assert code == 0 and "Traceback" not in out, out
    assert out == run("stories", "--db", db, "--no-facts")[1]
    assert "US And Russian Authorities Show Desire to Improve Relations" in out


@pytest.mark.parametrize("target", ["missing/folder/out.md", ".", "/dev/full"])
def test_digest_output_that_cannot_be_written_is_one_line(target: str, tmp_path: Path) -> None:
    where = target if target.startswith("/") else str(tmp_path / target)
    code, out = run("digest", "examples/sochi-2019", "--no-facts", "-o", where)
    assert_one_line_error(code, out)
    assert "cannot write" in out


def test_story_config_refuses_lengths_below_one() -> None:
    with pytest.raises(ValueError, match="words must be a positive number"):
        StoryConfig(words=0)
    with pytest.raises(ValueError, match="sentences"):
        StoryConfig(sentences=-1)
    assert StoryConfig().budget.words == 120 and StoryConfig(sentences=3).budget.words is None


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"words": 1.5}, "words must be a whole number, not 1.5"),  # was a 0-sentence digest
        ({"words": "10"}, "words must be a whole number, not '10'"),  # was a TypeError on <
        ({"sentences": 2.0}, "sentences must be a whole number"),
        ({"summarizer": 5}, "summarizer must be a method name or a Summarizer, not 5"),
        ({"embedder": 3}, "embedder must be a name or a model folder, not 3"),
        ({"facts": "no"}, "facts must be True or False, not 'no'"),  # was facts on
        ({"outliers": None}, "outliers must be True or False, not None"),  # was outliers off
    ],
)
def test_story_config_refuses_values_of_the_wrong_type(settings: dict, message: str) -> None:
    """The Python API is typed loosely; a wrong value is refused when the config is made, in
    words, not deep in the pipeline (AttributeError) or as an empty digest."""
    with pytest.raises(TypeError, match=re.escape(message)):
        StoryConfig(**settings)
    assert StoryConfig(words=numpy.int64(40)).budget.words == 40
    assert StoryConfig(embedder=Path("models/m2v")).embedder == "models/m2v"
    assert StoryConfig(facts=numpy.bool_(False)).facts is False


def test_digest_refuses_a_facts_switch_that_is_no_boolean() -> None:
    """``digest(..., facts="no")`` printed the seeds' facts: the string is true."""
    import newsdigest

    with pytest.raises(TypeError, match="facts must be True or False, not 'no'"):
        newsdigest.digest(["examples/sochi-2019"], facts="no")


def test_db_option_is_declared_once_for_every_command() -> None:
    """One declaration: the same help and the NEWSDIGEST_DB variable in every command."""
    helps = {c: run(c, "--help")[1] for c in ("ingest", "stories", "serve")}
    for command, text in helps.items():
        assert "--db" in text and "NEWSDIGEST_DB" in text, command


def test_usage_errors_from_the_console_script_are_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    cli = [sys.executable, "-c", "from newsdigest.cli import main; main()"]
    for args in (["digest", "examples/sochi-2019", "--words", "-5"],
                 ["follow", "x", "--every", "0s", "--db", str(tmp_path / "n.db")],
                 ["stories", "--limit", "zero"]):  # fmt: skip
        done = subprocess.run([*cli, *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: "), done.stderr


def test_a_usage_error_points_at_the_help_of_its_own_command(tmp_path: Path) -> None:
    """A mistyped option of ``digest`` had said "(see newsdigest --help)", the list of commands,
    and a bad value the command checks itself (``--format pdf``) pointed at no help at all."""
    import subprocess
    import sys

    cli = [sys.executable, "-c", "from newsdigest.cli import main; main()"]
    cases = {
        "newsdigest digest --help": [
            ["digest", "examples/sochi-2019", "--wrods", "40"],
            ["digest", "examples/sochi-2019", "--format", "pdf"],
            ["digest", "examples/sochi-2019", "--embedder", "nope", "--no-facts"],
        ],
        "newsdigest stories --help": [
            ["stories", "--since", "yesterday", "--db", str(tmp_path / "n.db")],
            ["stories", "--summarizer", "nope", "--db", str(tmp_path / "n.db")],
        ],
        "newsdigest spark --help": [
            ["spark", "--input", "x", "--output", str(tmp_path / "out"), "--conf", "a"],
            ["spark", "--input", "x", "--output", str(tmp_path / "out"), "--master", "local[x]"],
        ],
        # an interval with nothing to repeat had been ignored: a server that never followed
        "newsdigest serve --help": [
            ["serve", "--every", "5m", "--db", str(tmp_path / "n.db"), "--port", "1"]
        ],
        "newsdigest follow --help": [
            ["follow", "x", "--once", "--every", "5m", "--db", str(tmp_path / "n.db")]
        ],
        "newsdigest --help": [["digets", "examples/sochi-2019"]],
    }
    for hint, runs in cases.items():
        for args in runs:
            done = subprocess.run([*cli, *args], capture_output=True, text=True, timeout=120)
            assert done.returncode == 2, done.stderr
            (line,) = [ln for ln in done.stderr.splitlines() if not ln.startswith("note: ")]
            assert line.startswith("error: ") and line.endswith(f"(see {hint})"), done.stderr
            named = [a for a in args if a.startswith("--") and f"{a}:" in line]
            assert named or "No such" in line, line  # the option it is about
    assert not (tmp_path / "out").exists() and not (tmp_path / "n.db").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_that_cannot_be_written_to_stdout_is_one_line(tmp_path: Path) -> None:
    """A full disk under ``> out.json`` was an OSError traceback from every command."""
    import subprocess
    import sys

    from newsdigest.store.sqlite import SqliteStore

    SqliteStore(tmp_path / "empty.db").close()
    cli = [sys.executable, "-c", "from newsdigest.cli import main; main()"]
    for args in (["digest", "examples/sochi-2019", "--no-facts", "--sentences", "1"],
                 ["stories", "--db", "{tmp}/empty.db", "--format", "json"]):  # fmt: skip
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [*cli, *[a.format(tmp=tmp_path) for a in args]],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=120,
            )
        assert done.returncode == 2, done.stderr
        errors = [ln for ln in done.stderr.splitlines() if not ln.startswith("note: ")]
        assert errors == ["error: cannot write the output (No space left on device)"]


def test_digest_and_ingest_help_name_every_input_format() -> None:
    """digest's help had listed txt, html, jsonl and warc only, ingest's no SGML; spark's
    --input said "WARC file", though a named file of any format is read as ingest reads it."""
    for command in ("digest", "ingest", "spark"):
        text = run(command, "--help")[1]
        for fmt in ("txt", "html", "jsonl", "json", "warc", "sgml"):
            assert fmt in text, (command, fmt)


def test_version_is_the_packages() -> None:
    """``newsdigest --version`` had been refused as an unknown option."""
    import tomllib

    from newsdigest import __version__

    code, out = run("--version")
    assert code == 0, out
    assert out.strip() == f"newsdigest {__version__}"
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def test_an_output_that_is_one_of_the_inputs_is_refused_and_left_as_it_was(
    tmp_path: Path, multinews_csv: Path
) -> None:
    """``digest news/ -o news/a.txt`` had replaced the article a.txt with the digest of the
    folder, and ``eval set.csv --predictions set.csv`` (or ``--plot set.csv``) the data set with
    the summaries: each input lost without a word. A new file in an input folder is fine."""
    import shutil

    news = tmp_path / "news"
    shutil.copytree("examples/sochi-2019", news)
    article = next(news.glob("000_*.txt"))
    before = article.read_bytes()
    for given in (str(news), str(article)):
        code, out = run("digest", given, "--no-facts", "-o", str(article))
        assert_one_line_error(code, out)
        assert f"{article}: is one of the inputs" in out
        assert article.read_bytes() == before
    code, out = run("digest", str(news), "--no-facts", "-o", str(news / "digest.md"))
    assert code == 0 and (news / "digest.md").read_text(encoding="utf-8").startswith("US And")

    dataset = tmp_path / "set.csv"
    with multinews_csv.open(encoding="utf-8") as fh:  # the header and the first rows
        dataset.write_text("".join(fh.readline() for _ in range(3)), encoding="utf-8")
    kept = dataset.read_bytes()
    for option in ("--predictions", "--plot"):
        code, out = run("eval", str(dataset), "-m", "lead", option, str(dataset))
        assert_one_line_error(code, out)
        assert f"{option}: {dataset}: is one of the inputs" in out
        assert dataset.read_bytes() == kept


def test_help_paragraphs_flow_as_paragraphs_without_rst_markup() -> None:
    """A command's docstring is wrapped at 100 columns in the source; the help kept those line
    ends ("... writes Parquet" / "tables (articles, ...)" at any terminal width) and showed
    ``double backquotes`` as typed."""
    result = CliRunner().invoke(app, ["spark", "--help"], env={"COLUMNS": "240"})
    lines = [" ".join(ln.split()) for ln in result.output.splitlines()]
    assert (
        "Drops duplicates corpus-wide, groups articles into stories, digests each, and writes "
        "Parquet tables (articles, stories, citations) and JSON Lines (stories.jsonl, "
        "articles.jsonl)."
    ) in lines
    for command in ("digest", "ingest", "stories", "eval", "serve", "follow", "spark", "bench"):
        assert "``" not in CliRunner().invoke(app, [command, "--help"]).output, command


@pytest.mark.parametrize(
    "args",
    [
        ["follow", "", "--once", "--db", "{tmp}/n.db"],
        ["follow", "  ", "--once", "--db", "{tmp}/n.db"],
        ["ingest", "", "--db", "{tmp}/n.db"],
        ["digest", "examples/sochi-2019", ""],
        ["eval", ""],
        ["stories", "--db", ""],
        ["serve", "--db", " ", "--port", "1"],
        ["ingest", "examples/sochi-2019", "--db", ""],
    ],
)
def test_an_empty_argument_is_a_usage_error_not_the_current_folder(
    args: list[str], tmp_path: Path
) -> None:
    """``follow ""`` said ": not a regular file (a folder)", and ``ingest "$UNSET"`` read the
    current folder (pathlib's ``Path("")`` is ``.``): every file under it was stored. ``eval
    ""`` still said ".: not a regular file (a folder)", ``--db ""`` ".: is a folder", and
    ``serve --db " "`` made and served a store named " " in the current folder."""
    code, out = run(*[a.format(tmp=tmp_path) for a in args])
    assert_one_line_error(code, out)
    assert "an empty argument names no file" in re.sub(r"[\s│]+", " ", out), out
    assert not (tmp_path / "n.db").exists() and not Path(" ").exists()


def test_stories_writes_to_output_as_digest_does(tmp_path: Path) -> None:
    """``digest`` took ``-o/--output`` and ``stories`` did not ("No such option: -o")."""
    db = str(tmp_path / "n.db")
    assert run("ingest", "examples/sochi-2019", "--db", db)[0] == 0
    printed = run("stories", "--db", db, "--no-facts", "-f", "markdown")[1]
    target = tmp_path / "stories.md"
    code, out = run("stories", "--db", db, "--no-facts", "-f", "markdown", "-o", str(target))
    assert code == 0 and out == "", out
    assert target.read_text(encoding="utf-8") == printed
    code, out = run("stories", "--db", db, "--no-facts", "--output", str(tmp_path / "no/x.md"))
    assert_one_line_error(code, out)
    assert "cannot write the stories" in out
    code, out = run("stories", "--db", db, "--no-facts", "-o", db)
    assert_one_line_error(code, out)  # the store itself is no place for the stories
    assert "writing there would overwrite it" in out
    assert run("stories", "--db", db, "--no-facts", "-f", "markdown")[1] == printed


MULTINEWS = "/work/shared/data/multinews/sample_validation250.csv"


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (
            ["eval", MULTINEWS, "--methods", "lead,coverage,lexrank", "--limit", "1",
             "--embedder", "tfidf"],
            "note: --embedder tfidf: not used by lead, lexrank (only coverage embeds sentences)",
        ),
        (
            ["digest", "examples/sochi-2019", "--no-facts", "--summarizer", "lead",
             "--embedder", "tfidf"],
            "note: --embedder tfidf: not used by lead (only coverage embeds sentences)",
        ),
    ],
)  # fmt: skip
def test_an_embedder_a_method_does_not_use_is_said(args: list[str], note: str) -> None:
    """``eval --methods lead --embedder X`` ran lead and said nothing of X, as if applied."""
    if args[0] == "eval" and not Path(MULTINEWS).exists():
        pytest.skip("no Multi-News sample")
    code, out = run(*args)
    assert code == 0, out
    assert note in out.splitlines(), out


@pytest.mark.parametrize(
    "args",
    [
        ["digest", "examples/sochi-2019", "--no-facts", "--summarizer", "lead"],
        ["eval", MULTINEWS, "--methods", "lead,lexrank", "--limit", "1"],
        ["stories", "--db", "{tmp}/n.db", "--summarizer", "lexrank"],
    ],
)
def test_an_unknown_embedder_is_an_error_with_a_method_that_embeds_nothing(
    args: list[str], tmp_path: Path
) -> None:
    """``--summarizer lead --embedder nosuch`` had run lead with a note that "nosuch" was not
    used: a misspelt name is refused as it is with the method that embeds, so is a blank one;
    the Python API says it too."""
    import newsdigest
    from newsdigest.errors import UnknownMethodError

    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    for name, shown in (("nosuch", "nosuch"), (" ", "' '")):
        code, out = run(*args, "--embedder", name)
        assert_one_line_error(code, out)
        assert f"error: --embedder: {shown}: unknown embedder" in out and "not used" not in out
    with pytest.raises(UnknownMethodError, match="nosuch: unknown embedder"):
        newsdigest.digest(["examples/sochi-2019"], summarizer="lead", embedder="nosuch")


def test_an_embedder_the_method_uses_is_no_note() -> None:
    code, out = run("digest", "examples/sochi-2019", "--no-facts", "--embedder", "tfidf")
    assert code == 0 and "note: --embedder" not in out, out


def test_serve_follow_of_an_empty_argument_is_refused_before_serving(tmp_path: Path) -> None:
    """``serve --follow ""`` started the server and reported the empty source every round."""
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "newsdigest", "serve", "--db", str(tmp_path / "n.db"),
         "--port", "18767", "--no-facts", "--follow", ""],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")},
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "an empty argument names no file, folder or URL" in proc.stderr
    assert not (tmp_path / "n.db").exists()


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_stories_refuses_the_stores_own_side_files_as_output(tmp_path: Path, suffix: str) -> None:
    """``stories -o news.db-wal`` wrote the stories where SQLite keeps the store's unsaved
    pages: the next open threw the file away (the stories lost without a word), and with a
    writer running it corrupts the store. Refused before any work, as the store file is."""
    db = str(tmp_path / "n.db")
    assert run("ingest", "examples/sochi-2019", "--db", db)[0] == 0
    target = tmp_path / f"n.db{suffix}"
    code, out = run("stories", "--db", db, "--no-facts", "-o", str(target))
    assert_one_line_error(code, out)
    assert "cannot write the stories: it is the store's own file" in out, out
    assert not target.exists()


def test_stories_refuses_a_missing_output_folder_before_building(tmp_path: Path) -> None:
    """``stories -o no/x.md`` clustered and summarized every story (15 s on the example, hours
    on a large store) before saying the folder is missing."""
    db = str(tmp_path / "n.db")
    assert run("ingest", "examples/sochi-2019", "--db", db)[0] == 0
    code, out = run("stories", "--db", db, "--no-facts", "-o", str(tmp_path / "no/x.md"))
    assert_one_line_error(code, out)
    assert "cannot write the stories: no such folder" in out, out
    code, out = run("stories", "--db", db, "--no-facts", "-o", str(tmp_path))
    assert_one_line_error(code, out)
    assert "cannot write the stories: it is a folder" in out, out


@pytest.mark.timeout(60)
def test_output_to_a_named_pipe_no_program_reads_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``digest ... -o /tmp/fifo`` with no reader had blocked for ever in the open."""
    import os

    from newsdigest.cli import common

    monkeypatch.setattr(common, "READER_WAIT", 0.3, raising=False)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, out = run("digest", "examples/sochi-2019", "--no-facts", "-o", str(fifo))
    assert_one_line_error(code, out)
    assert f"{fifo}: cannot write the digest: a named pipe no program reads" in out, out


def test_output_to_a_named_pipe_with_a_reader_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that opens the pipe only while the digest runs still gets the whole digest
    (as ``-o >(gzip > x)`` and ``cat fifo &`` do)."""
    import os
    import threading

    from newsdigest.cli import common

    monkeypatch.setattr(common, "READER_WAIT", 30.0)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, out = run("digest", "examples/sochi-2019", "--no-facts", "-o", str(fifo))
    reader.join(timeout=30)
    assert code == 0, out
    alone = CliRunner().invoke(app, ["digest", "examples/sochi-2019", "--no-facts"]).stdout
    assert got and got[0].decode() == alone and "Pompeo" in alone


def test_a_store_with_damaged_pages_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """Pages of the articles table overwritten (a bad disk, a half-copied file): ``stories``
    had ended in a traceback from the look at the waiting articles before the workers start."""
    import os
    import sqlite3
    import subprocess
    import sys

    db = tmp_path / "n.db"
    assert run("ingest", "examples/sochi-2019", "--db", str(db))[0] == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            n
            for (n,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf'"
            )
        ]
    with db.open("r+b") as fh:
        for page in leaves:
            fh.seek((page - 1) * size)
            fh.write(b"\x07" * size)
    env = {**os.environ, "NEWSDIGEST_WORKERS": "2", "PYTHONPATH": "src"}
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", "stories", "--db", str(db), "--no-facts"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr == f"error: {db}: read failed: database disk image is malformed\n"


NEUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "neus" / "neus_trainval.jsonl"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["digest", "examples/sochi-2019", "--summarizer", ""], "--summarizer: an empty name"),
        (["stories", "--db", "{tmp}/n.db", "--summarizer", ""], "--summarizer: an empty name"),
        (["bench", "examples/sochi-2019", "--summarizer", ""], "--summarizer: an empty name"),
        (["serve", "--db", "{tmp}/n.db", "--summarizer", ""], "--summarizer: an empty name"),
        (["eval", str(NEUS), "--methods", ""], "--methods: names no method"),
        (["eval", str(NEUS), "--methods", ","], "--methods: names no method"),
    ],
)
def test_a_blank_method_name_is_refused_not_read_as_the_default(
    args: list[str], said: str, tmp_path: Path
) -> None:
    """``--summarizer "$UNSET"`` had run the default method silently (``" "`` was refused),
    and ``eval --methods ""`` (or ``","``) every method, on the whole set."""
    code, out = run(*[a.format(tmp=tmp_path) for a in args])
    assert_one_line_error(code, out)
    assert said in out and "| system" not in out, out


@pytest.mark.parametrize(
    "args",
    [
        ["digest", "examples/sochi-2019", "--no-facts", "-o", ""],
        ["digest", "examples/sochi-2019", "--summarizer", "abstractive", "--model", ""],
        ["stories", "--db", "{tmp}/n.db", "-o", ""],
        ["eval", str(NEUS), "--methods", "lead", "--limit", "2", "--predictions", ""],
        ["eval", str(NEUS), "--methods", "lead", "--limit", "2", "--plot", ""],
        ["eval", str(NEUS), "--methods", "lead", "--limit", "2", "--predictions", "{tmp}"],
        ["eval", str(NEUS), "--methods", "lead", "--limit", "2", "--plot", "{tmp}"],
    ],
)
def test_a_blank_or_folder_output_is_refused_before_any_work(
    args: list[str], tmp_path: Path
) -> None:
    """``-o ""`` had been ".: it is a folder" (``Path("")``), ``--model ""`` ".: not a model
    directory", and ``eval --predictions ""`` or a folder was said only after all the scoring."""
    code, out = run(*[a.format(tmp=tmp_path) for a in args])
    assert_one_line_error(code, out)
    assert "| system" not in out and ".:" not in out, out
    assert "an empty argument" in out or "it is a folder" in out, out


def test_spark_output_blank_is_refused_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``spark -o ""`` had written its Parquet tables and JSON Lines into the current folder."""
    seed = Path("examples/sochi-2019/000_4da4e730b093d71e.txt").resolve()
    monkeypatch.chdir(tmp_path)
    for args in (
        ["-i", str(seed), "-o", ""],
        ["-i", "", "-o", "out"],  # it had been ": no WARC files match"
        ["-i", str(seed), "-o", "out", "--master", ""],  # the default master, silently
    ):
        code, out = run("spark", *args)
        assert_one_line_error(code, out)
        assert "an empty argument" in out, out
        assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["stories", "serve"])
def test_the_abstractive_summarizer_is_said_to_be_digests_alone(command: str, tmp_path) -> None:
    """``stories --help`` and ``serve --help`` listed abstractive among their methods, yet only
    ``digest`` takes the model folder it needs (``--model``): ``stories --summarizer
    abstractive`` could only fail, with a message naming another command's option as if this one
    lacked it by mistake."""
    code, out = run(command, "--help")
    assert "abstractive only in digest" in " ".join(out.replace("│", " ").split())
    code, out = run(command, "--db", str(tmp_path / "n.db"), "--summarizer", "abstractive")
    assert code == 2 and "Traceback" not in out, out
    assert "only newsdigest digest takes one (--model PATH" in " ".join(out.split()), out


@pytest.mark.skipif(not Path(MULTINEWS).exists(), reason="Multi-News sample not present")
def test_lines_about_the_run_escape_what_the_terminal_cannot_hold(tmp_path: Path) -> None:
    """``eval --predictions снег.jsonl`` under a Windows code page (``PYTHONIOENCODING=cp1252``)
    had written its predictions and then ended in a UnicodeEncodeError traceback, exit 1, at the
    line naming the file; every command's lines about the run escape such a character, as
    Python's stderr does, while a digest's own text is refused whole (test_cli_digest)."""
    import os
    import subprocess
    import sys

    predictions = tmp_path / "снег.jsonl"
    args = ["eval", MULTINEWS, "-m", "lead", "--limit", "1", "--predictions", str(predictions)]
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONPATH": "src"}
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert predictions.exists()
    assert done.stdout.endswith(f"lead summaries: {tmp_path}/\\u0441\\u043d\\u0435\\u0433.jsonl\n")
