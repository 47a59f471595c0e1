"""The evaluation harness and ``newsdigest eval`` on the first clusters of the real benchmark."""

from __future__ import annotations

import csv
import itertools
import json
import re
from pathlib import Path

import pytest
from rouge_score import rouge_scorer
from typer.testing import CliRunner

from newsdigest.cli import app
from newsdigest.errors import InputError
from newsdigest.evaluate import (
    Cluster,
    RougeProtocol,
    folds,
    markdown_table,
    read_dataset,
    run_eval,
    truncate,
    write_predictions,
)

N_CLUSTERS = 4


@pytest.fixture(scope="module")
def tiny_csv(multinews_csv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first clusters of the Multi-News sample, in its own CSV format."""
    csv.field_size_limit(2**31 - 1)
    with multinews_csv.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [row for _, row in zip(range(N_CLUSTERS), reader, strict=False)]
        fields = reader.fieldnames
    path = tmp_path_factory.mktemp("multinews") / "tiny.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def tiny(tiny_csv: Path) -> list[Cluster]:
    clusters, errors = read_dataset(tiny_csv)
    assert not errors
    return clusters


# ---- datasets ---------------------------------------------------------------------------


def test_csv_reader_parses_the_document_lists(tiny: list[Cluster]) -> None:
    assert len(tiny) == N_CLUSTERS
    assert all(len(c.documents) >= 1 and all(d.strip() for d in c.documents) for c in tiny)
    assert tiny[0].documents[0].startswith("Good Country Index")


def test_reference_loses_its_leading_dash(tiny: list[Cluster], tiny_csv: Path) -> None:
    raw = next(csv.DictReader(tiny_csv.open(encoding="utf-8", newline="")))["summary"]
    assert raw.startswith("– ")
    assert not tiny[0].reference.startswith(("–", " "))
    assert tiny[0].reference == raw[2:].strip()


def test_jsonl_reader_and_bad_records(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text(
        json.dumps({"documents": ["One. Two.", "Three."], "summary": "– Sum."})
        + "\n\nnot json\n"
        + json.dumps({"documents": "['a']", "summary": ""})
        + "\n"
        + json.dumps(["a list"])
        + "\n",
        encoding="utf-8",
    )
    clusters, errors = read_dataset(path)
    assert clusters == [Cluster(documents=("One. Two.", "Three."), reference="Sum.")]
    assert [e.name for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "invalid JSON" in errors[0].reason and "summary" in errors[1].reason


def test_hostile_jsonl_records_are_one_line_each_and_the_rest_read(tmp_path: Path) -> None:
    """Invalid UTF-8, deep nesting and an over-long number stopped the whole run (tracebacks);
    each is now its record's line, as in the article readers."""
    good = json.dumps({"documents": ["One. Two."], "summary": "Sum."}).encode()
    path = tmp_path / "set.jsonl"
    path.write_bytes(
        b"\n".join(
            [
                good,
                b'{"documents": ["caf\xe9"], "summary": "x"}',
                b"[" * 5000 + b"]" * 5000,
                b'{"documents": ["a"], "summary": 1' + b"0" * 5000 + b"}",
                good.replace(b"One", b"Three"),
            ]
        )
    )
    clusters, errors = read_dataset(path)
    assert len(clusters) == 2
    assert [e.name for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "invalid UTF-8" in errors[0].reason and "nested" in errors[1].reason
    assert "number too long" in errors[2].reason


def test_invalid_utf8_in_a_csv_keeps_the_rows_before_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"documents,summary\n\"['One. Two.']\",Sum.\n\"['caf\xe9']\",x\n")
    clusters, errors = read_dataset(path)
    assert len(clusters) == 1
    [error] = errors
    assert str(path) in error.name and "invalid UTF-8" in error.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("text,summary\nx,y\n", "missing column(s): documents"),
        ('documents,summary\n"[\'unclosed",– s\n', "not a Python list literal"),
        ('documents,summary\n"[1, 2]",– s\n', "list of strings"),
        ("documents,summary\n\"[' ']\",– s\n", "no non-empty document"),
    ],
)
def test_bad_csv_names_file_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    clusters, errors = read_dataset(path)
    assert not clusters
    [error] = errors
    assert isinstance(error, InputError) and str(path) in str(error) and reason in str(error)


@pytest.mark.parametrize(
    ("field", "reason"),
    [
        ("[oops", "'[' was never closed"),
        ("not a list", "invalid syntax"),
        ("[a, b]", "it holds something other than quoted strings, numbers and brackets"),
    ],
)
def test_a_documents_field_that_is_no_list_says_why_in_words(
    tmp_path: Path, field: str, reason: str
) -> None:
    """The parser's own words had reached the user: "(<unknown>, line 1)", "<ast.Name object
    at 0x7f58b6b56e60>"."""
    path = tmp_path / "bad.csv"
    path.write_text(f'documents,summary\n"{field}",– s\n', encoding="utf-8")
    [error] = read_dataset(path)[1]
    assert error.reason == f"documents is not a Python list literal ({reason})"


def test_a_byte_order_mark_before_a_csv_or_jsonl_is_no_part_of_its_first_field(
    tiny_csv: Path, tiny: list[Cluster], tmp_path: Path
) -> None:
    """Excel's "CSV UTF-8" and Notepad write a UTF-8 byte order mark first: the CSV's header
    read "\ufeffdocuments" ("missing column(s): documents", nothing scored) and the JSON Lines
    file's first record was "invalid JSON (Unexpected UTF-8 BOM)"."""
    marked = tmp_path / "excel.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + tiny_csv.read_bytes())
    assert read_dataset(marked) == (tiny, [])
    lines = tmp_path / "notepad.jsonl"
    records = [{"documents": list(c.documents), "summary": c.reference} for c in tiny]
    lines.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8-sig")
    assert read_dataset(lines) == (tiny, [])


def test_a_number_too_long_in_a_csv_list_says_so_in_words(tmp_path: Path) -> None:
    """Python's own advice ("use sys.set_int_max_str_digits() to increase the limit") had
    reached the user."""
    path = tmp_path / "bad.csv"
    path.write_text('documents,summary\n"[' + "9" * 5000 + ']",– s\n', encoding="utf-8")
    [error] = read_dataset(path)[1]
    assert error.reason == "documents is not a Python list literal (a number too long)"


def test_a_csv_of_many_bad_rows_says_ten_and_then_how_many_more(tmp_path: Path) -> None:
    """``eval`` printed one line per bad row: a file of 200,000 rows with an empty documents
    field printed 200,000 lines. Ten rows a file are said, then one line; the good rows of a
    real Multi-News sample are scored."""
    sample = Path("/work/shared/data/multinews/sample_validation250.csv")
    if not sample.exists():
        pytest.skip("no Multi-News sample")
    with sample.open(encoding="utf-8", newline="") as fh:
        good = list(itertools.islice(csv.DictReader(fh), 2))
    path = tmp_path / "mixed.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, ["documents", "summary"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows([good[0], *({"documents": "", "summary": "x"} for _ in range(30))])
        writer.writerow(good[1])
    result = CliRunner().invoke(app, ["eval", str(path), "--methods", "lead"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 11, result.stderr
    assert errors[-1] == (
        f"error: {path}: 20 more records refused "
        "(documents is not a Python list literal (invalid syntax))"
    )
    assert "2 clusters" in result.stdout


def test_missing_file_is_one_error(tmp_path: Path) -> None:
    clusters, errors = read_dataset(tmp_path / "nope.csv")
    assert not clusters and [e.reason for e in errors] == ["no such file or directory"]


def test_a_dataset_that_is_no_regular_file_says_what_it_is(tmp_path: Path) -> None:
    """A folder or a named pipe given to ``eval`` was reported as "no such file", although it
    is there; the reason is now the one ``ingest`` gives."""
    import os

    folder = tmp_path / "multinews.csv"
    folder.mkdir()
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path, kind in ((folder, "a folder"), (fifo, "a named pipe")):
        clusters, errors = read_dataset(path)
        assert not clusters and [e.reason for e in errors] == [f"not a regular file ({kind})"]


# ---- protocol ---------------------------------------------------------------------------


def test_truncate_cuts_at_the_budget() -> None:
    sentences = ["one two three.", "four five six seven.", "eight nine."]
    assert truncate(sentences, 5) == ["one two three.", "four five"]
    assert truncate(sentences, 3) == ["one two three."]
    assert truncate(sentences, 100) == sentences
    assert sum(len(s.split()) for s in truncate(sentences * 50, 250)) == 250


def test_protocol_matches_rouge_score_one_sentence_per_line() -> None:
    reference = "The cat sat on the mat. It was happy."
    summary = ["The cats sat on a mat.", "The dog barked."]
    ours = RougeProtocol().score(summary, reference)
    direct = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True).score(
        "The cat sat on the mat.\nIt was happy.", "The cats sat on a mat.\nThe dog barked."
    )
    assert ours == {k: direct[k].fmeasure for k in ours}
    assert RougeProtocol().score([reference], reference)["rouge2"] == pytest.approx(1.0)


def test_run_eval_on_real_clusters(tiny: list[Cluster]) -> None:
    results = run_eval(tiny, ["default", "lead", "oracle"], words=100)
    by_name = {r.name: r for r in results}
    assert list(by_name) == ["default", "lead", "oracle"]
    for r in results:
        assert len(r.rouge1) == len(r.summaries) == len(r.ms) == N_CLUSTERS
        assert all(sum(len(s.split()) for s in summary) <= 100 for summary in r.summaries)
        assert 0 < r.mean("rouge2") < r.mean("rouge1") <= 100
    # the oracle reads the reference: nothing extractive should beat it
    assert by_name["oracle"].mean("rouge1") > by_name["default"].mean("rouge1")
    assert by_name["oracle"].mean("rouge1") > by_name["lead"].mean("rouge1")
    table = markdown_table(results)
    assert table.count("\n") == 4 and "| default |" in table


def test_folds_partition_the_clusters() -> None:
    parts = folds(23, 5)
    assert sorted(i for p in parts for i in p) == list(range(23))
    assert {len(p) for p in parts} <= {4, 5} and parts == folds(23, 5)


def test_predictions_file_shape(tiny: list[Cluster], tmp_path: Path) -> None:
    [result] = run_eval(tiny, ["lead"], words=40)
    path = tmp_path / "pred.jsonl"
    write_predictions(result, path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["index"] for line in lines] == list(range(N_CLUSTERS))
    assert all(isinstance(s, str) and s for line in lines for s in line["summary"])
    assert [line["summary"] for line in lines] == result.summaries


# ---- the command ------------------------------------------------------------------------

runner = CliRunner()


def test_eval_command_table_predictions_and_plot(tiny_csv: Path, tmp_path: Path) -> None:
    pred, png = tmp_path / "pred.jsonl", tmp_path / "quality.png"
    result = runner.invoke(
        app,
        ["eval", str(tiny_csv), "--methods", "default,lead", "--words", "60"]
        + ["--predictions", str(pred), "--plot", str(png)],
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert [r.split("|")[1].strip() for r in rows] == ["system", "default", "lead"]
    assert all(len(r.split("|")) == 9 for r in rows)  # ROUGE, readability, speed
    assert "flagged %: the share of digest sentences" in result.stdout  # the columns explained
    lines = pred.read_text(encoding="utf-8").splitlines()
    assert len(lines) == N_CLUSTERS
    assert all(sum(len(s.split()) for s in json.loads(x)["summary"]) <= 60 for x in lines)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_eval_command_bad_dataset_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    result = runner.invoke(app, ["eval", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {missing}: no such file or directory"]
    bad = tmp_path / "bad.csv"
    bad.write_text("text,summary\nx,y\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2 and str(bad) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_eval_command_unknown_method(tiny_csv: Path) -> None:
    """The line named the method but not the option, and pointed at no help."""
    result = runner.invoke(app, ["eval", str(tiny_csv), "--methods", "nonsense"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: --methods: nonsense: unknown summarizer (choose coverage, ")
    assert line.endswith("(see newsdigest eval --help)")


def test_eval_counts_one_cluster_in_the_singular(tiny_csv: Path) -> None:
    """The first Multi-News cluster alone was "1 clusters, 250 words"."""
    result = runner.invoke(app, ["eval", str(tiny_csv), "-m", "lead", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 cluster, 250 words\n")


def test_readability_is_reported_beside_rouge(multinews_csv) -> None:
    """Every system gets the share of flagged sentences and duplicate pairs per digest."""
    from newsdigest.evaluate import read_dataset, run_eval

    clusters = read_dataset(multinews_csv)[0][:6]
    results = {r.name: r for r in run_eval(clusters, ["default", "lead"], words=100)}
    for r in results.values():
        assert len(r.readability) == 6
        assert sum(x.sentences for x in r.readability) >= 6
        assert 0.0 <= r.flagged_percent <= 100.0
    assert results["default"].duplicates_per_digest == 0.0


def test_neus_records_and_splits(tmp_path) -> None:
    """NeuS's {"docs", "refs", "split"} records read as clusters; the title line is no
    sentence of the story for any system."""
    from newsdigest.evaluate import split_cluster

    path = tmp_path / "neus.jsonl"
    path.write_text(
        '{"split": "val", "docs": ["Trump slams Kerry over Iran.\\nPresident Trump on Monday '
        'slammed John Kerry. He spoke at length."], "refs": ["Trump criticized Kerry."]}\n'
        '{"split": "train", "docs": ["A.\\nB."], "refs": ["C."]}\n',
        encoding="utf-8",
    )
    clusters, errors = read_dataset(path, "val")
    assert not errors and len(clusters) == 1
    assert clusters[0].references == ("Trump criticized Kerry.",)
    assert [s.text for s in split_cluster(clusters[0])[0]] == [
        "President Trump on Monday slammed John Kerry.",
        "He spoke at length.",
    ]


def test_a_title_of_two_sentences_is_a_title() -> None:
    """NeuS val titles of two sentences ("... reopen the government. Mitch McConnell shot them
    down..") were read as the story's first sentences, for every system; a hard-wrapped first
    line that stops mid-sentence, or one sentence running over the line break, is no title."""
    from newsdigest.evaluate import split_document

    neus = (
        "Senate Democrats pushed a vote to reopen the government. Mitch McConnell shot them "
        "down..\nMcConnell called the attempt a “pointless show vote.” He left."
    )
    assert [s.text for s in split_document(neus, "d0")] == [
        "McConnell called the attempt a “pointless show vote.”",
        "He left.",
    ]
    wrapped = "WASHINGTON (AP) - The Senate voted on Tuesday to\nconfirm the nominee. More here."
    assert split_document(wrapped, "d1")[0].text.startswith("WASHINGTON (AP)")
    assert len(split_document("One line only. Two sentences.", "d2")) == 2


def test_readability_flags_orphans_fragments_and_repeats() -> None:
    """Real sentences: an opening "It" after the sentence it needs is fine, alone it is not;
    a wrapped-text fragment is flagged; the same sentence from two articles is a duplicate."""
    from newsdigest.model import Sentence
    from newsdigest.readability import ReadabilityJudge

    before = Sentence(
        "d0", 3, "The medics were trying to treat Damon when she became violent.", 602, 682
    )
    orphan = Sentence("d0", 4, "It was not clear what sparked the incident.", 687, 730)
    fragment = Sentence("d1", 7, "Argentina during the 1976-83 military dictatorships.", 0, 52)
    judge = ReadabilityJudge()
    assert judge.assess([before, orphan]).flagged == 0
    assert judge.assess([orphan, before]).flagged == 1
    assert judge.assess([before, fragment]).flagged == 1
    same = Sentence("d2", 9, "No hearing date has been set.", 10, 39)
    again = Sentence("d3", 2, "No hearing date has been set.", 40, 69)
    assert judge.assess([same, before, again]).duplicates == 1


def test_readability_flags_a_lead_in_without_what_it_announces() -> None:
    """Multi-News: Bundy's "I want to tell you one more thing ..." is read only right before
    the quotation it announces (spans as in the article)."""
    from newsdigest.model import Sentence
    from newsdigest.readability import ReadabilityJudge

    lead_in = Sentence(
        "d2",
        21,
        "“I want to tell you one more thing I know about the Negro,” Bundy said, according to "
        "the video.",
        2962,
        3057,
    )
    said = Sentence(
        "d2",
        22,
        "“I’ve often wondered: Are they better off as slaves, picking cotton and having a family "
        "life and doing things, or are they better off under government subsidy?",
        3058,
        3217,
    )
    other = Sentence(
        "d0", 3, "The medics were trying to treat Damon when she became violent.", 0, 62
    )
    judge = ReadabilityJudge()
    assert judge.assess([lead_in, said]).flagged == 0
    assert judge.assess([other, lead_in]).flagged == 1
    assert judge.assess([lead_in, other]).flagged == 1


def test_eval_command_output_in_a_missing_folder_or_a_limit_below_1_is_one_line(
    tiny_csv: Path, tmp_path: Path
) -> None:
    """--predictions or --plot in a folder that does not exist had ended the run with a
    FileNotFoundError traceback after all the scoring; --limit 0 said "no cluster in the file"
    and --limit -1 silently dropped the last cluster."""
    for option, name in (("--predictions", "p.jsonl"), ("--plot", "q.png")):
        target = tmp_path / "missing" / name
        result = runner.invoke(app, ["eval", str(tiny_csv), "-m", "lead", option, str(target)])
        assert result.exit_code == 2, result.output
        assert result.stderr.strip().splitlines() == [
            f"error: {option}: {target}: folder {target.parent} does not exist"
        ]
    for limit in ("0", "-1"):
        result = runner.invoke(app, ["eval", str(tiny_csv), "-m", "lead", "--limit", limit])
        assert result.exit_code == 2 and "--limit" in result.output + result.stderr


def test_a_split_asked_of_a_csv_keeps_its_rows_or_is_refused(tmp_path: Path) -> None:
    """``--split foo`` on the Multi-News CSV had been ignored: every row was scored."""
    plain = tmp_path / "plain.csv"
    with plain.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["documents", "summary"], ["['A b c.']", "A."]])
    clusters, errors = read_dataset(plain, "test")
    assert not clusters and [e.reason for e in errors] == [
        "no 'split' column to keep the split 'test' of"
    ]
    assert len(read_dataset(plain)[0]) == 1
    split = tmp_path / "split.csv"
    with split.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(
            [
                ["documents", "summary", "split"],
                ["['A b c.']", "A.", "val"],
                ["['D e.']", "D.", "test"],
            ]
        )
    clusters, errors = read_dataset(split, "test")
    assert not errors and [c.reference for c in clusters] == ["D."]


def test_a_path_too_long_for_the_file_system_is_one_line(tmp_path: Path) -> None:
    """The dataset, --predictions and --plot named over 255 bytes were OSError tracebacks;
    so were ``spark --input`` patterns."""
    from newsdigest.spark.job import expand_inputs

    long = tmp_path / ("c" * 300)
    [error] = read_dataset(f"{long}.csv")[1]
    assert (error.name, error.reason) == (f"{long}.csv", "file name too long")
    data = tmp_path / "d.csv"
    data.write_text("documents,summary\n\"['One. Two.']\",Sum.\n", encoding="utf-8")
    for option in ("--predictions", "--plot"):
        done = CliRunner().invoke(app, ["eval", str(data), option, f"{long}/out"])
        assert done.exit_code == 2
        assert done.stderr == f"error: {option}: {long}/out: file name too long\n"
    with pytest.raises(InputError, match="file name too long"):
        expand_inputs([str(long)])


def test_a_possessive_is_no_finite_verb() -> None:
    """ "America's" had passed a verbless line as a sentence (NeuS train 2442's first line)."""
    from newsdigest.readability import has_finite_verb, lexical_finite_verb

    line = "For America's birthday, life, liberty and the pursuit of hot dogs."
    assert lexical_finite_verb(line)  # the shortening's check keeps reading "'s" as "is"
    assert not has_finite_verb(line)
    assert has_finite_verb("Pete Buttigieg ends his campaign.")
    assert has_finite_verb("It's over for the campaign.")


def test_a_present_tense_the_tagger_misreads_still_makes_a_sentence() -> None:
    """The tagger read "stars" as a plural noun (a dev digest's line had gone as a fragment)."""
    from newsdigest.readability import reads_as_sentence

    assert reads_as_sentence("Peyton Manning stars as the quarterback in the commercial.")
    assert reads_as_sentence("Most major volcanoes of the Cascade Arc sit neatly along a line.")
    # Multi-News sentences whose verb the tagger called a noun
    assert reads_as_sentence("Cold rock lurks under this active Washington volcano.")
    assert reads_as_sentence("Americans by 63-33 percent, disapprove of his handling of the law.")
    assert not reads_as_sentence("The perfect address, 64 Perry Street.")
    # a word in "-ing" the tagger called a present tense (Multi-News validation 45's line)
    assert not reads_as_sentence("People eating, people washing, people sleeping.")
    assert reads_as_sentence("Volunteers bring food to the shelter every day.")


def test_a_calendar_is_told_in_the_present_and_a_report_in_a_past() -> None:
    """The dev stream's sky calendar and the wolf moon's report (``when_where``'s timeline reads
    a weekday in the present as a schedule's)."""
    from newsdigest.readability import told_in_the_present

    assert told_in_the_present(
        "The Quadrantid meteors peak on Wednesday night into Thursday, and this cosmic show "
        "usually features a strong 120 meteors each hour during a short peak."
    )
    assert told_in_the_present("The new year's night sky starts with a full moon on Monday.")
    assert not told_in_the_present(
        "Monday night's rare 'wolf moon' has lit up the sky across the United States."
    )
    assert not told_in_the_present("On Friday, Musk revealed the setup in a photo slideshow.")


def test_a_fronted_clause_lends_the_main_clause_no_verb() -> None:
    """ "As you might imagine, most on the economy." (a transcript's line, Multi-News
    validation 144) has its verbs only in the clause before the comma."""
    from newsdigest.readability import reads_as_sentence

    assert not reads_as_sentence("As you might imagine, most on the economy.")
    assert reads_as_sentence("As the storm approached, residents fled.")
    assert reads_as_sentence("When asked, Smith, a lawyer, declined to comment.")


def test_the_plot_writes_milliseconds_as_plain_numbers(tiny_csv: Path) -> None:
    """The x axis of ``eval --plot`` read "2×10⁰, 3×10⁰, 4×10⁰, 6×10⁰, 10¹" for lead against
    the default on Multi-News clusters; it reads 2, 3, 4, 6, 10."""
    from newsdigest.evaluate import quality_figure

    clusters, _ = read_dataset(tiny_csv)
    fig = quality_figure(run_eval(clusters, ["default", "lead"], words=100))
    fig.canvas.draw()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels() + ax.get_xticklabels(minor=True)]
    shown = [text for text in labels if text]
    assert shown and all(re.fullmatch(r"\d+(\.\d+)?", text) for text in shown), shown


MULTINEWS = Path("/work/shared/data/multinews/sample_validation250.csv")


@pytest.mark.skipif(not MULTINEWS.exists(), reason="no Multi-News sample")
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_binary_dataset_file_says_it_is_binary(tmp_path: Path, suffix: str) -> None:
    """Multi-News gzipped but still named .csv had been "missing column(s): documents,
    summary", as if the header were wrong, and as .jsonl one "invalid JSON" per line."""
    import gzip

    path = tmp_path / f"multinews{suffix}"
    path.write_bytes(gzip.compress(MULTINEWS.read_bytes()[:200_000]))
    clusters, errors = read_dataset(path)
    assert not clusters
    assert [(e.name, e.reason) for e in errors] == [
        (str(path), f"binary file (not {'CSV' if suffix == '.csv' else 'JSON Lines'})")
    ]


@pytest.mark.skipif(not MULTINEWS.exists(), reason="no Multi-News sample")
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_utf16_dataset_is_read_as_its_utf8_twin(tmp_path: Path, encoding: str) -> None:
    """Multi-News saved as Excel's "Unicode text" (UTF-16) had been "missing column(s):
    documents, summary"."""
    rows = MULTINEWS.read_text(encoding="utf-8")[:60_000]
    rows = rows[: rows.rindex("\n", 0, rows.rindex('"\n')) + 1] if '"\n' in rows else rows
    utf8, wide = tmp_path / "mn8.csv", tmp_path / "mn16.csv"
    utf8.write_text(rows, encoding="utf-8")
    wide.write_text(rows, encoding=encoding)
    expected = read_dataset(utf8)
    assert expected[0]
    assert read_dataset(wide) == expected


@pytest.mark.skipif(not MULTINEWS.exists(), reason="no Multi-News sample")
@pytest.mark.parametrize(
    ("encoding", "tail", "why"),
    [
        ("utf-16", b"\x00\xd8A\x00", "invalid UTF-16-LE text (illegal UTF-16 surrogate)"),
        (
            "utf-32",
            b"\x00\x00\x11\x00",
            "invalid UTF-32-LE text (code point not in range(0x110000))",
        ),
    ],
)
def test_a_utf16_or_utf32_dataset_with_bytes_that_do_not_decode_is_one_line(
    tmp_path: Path, encoding: str, tail: bytes, why: str
) -> None:
    """Multi-News in UTF-16 (or UTF-32) with a lone surrogate (a code point past U+10FFFF)
    after its rows had ended ``eval`` in a UnicodeDecodeError traceback: those codecs have no
    escape for what does not decode, as UTF-8 is read with."""
    rows = MULTINEWS.read_text(encoding="utf-8")[:60_000]
    rows = rows[: rows.rindex("\n", 0, rows.rindex('"\n')) + 1]
    wide = tmp_path / "mn.csv"
    wide.write_bytes(rows.encode(encoding) + tail)
    result = CliRunner().invoke(app, ["eval", str(wide), "--methods", "lead"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert f"error: {wide}: {why}" in result.output.splitlines()
    assert "5 clusters" in result.output  # the rows before are scored


@pytest.mark.timeout(60)
@pytest.mark.parametrize("option", ["--predictions", "--plot"])
def test_predictions_or_plot_to_a_named_pipe_no_program_reads_is_one_line(
    option: str, tiny_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``eval ... --predictions /tmp/fifo`` with no reader had blocked for ever after the
    scoring."""
    import os

    from newsdigest.cli import common

    monkeypatch.setattr(common, "READER_WAIT", 0.3, raising=False)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    args = ["eval", str(tiny_csv), "--methods", "lead", "--limit", "2", option, str(fifo)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"error: {fifo}: cannot write the " in result.stderr
    assert "a named pipe no program reads" in result.stderr


NEUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "neus" / "neus_trainval.jsonl"


def _neus_records(n: int) -> list[dict]:
    with NEUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line, _ in zip(fh, range(n), strict=False)]


@pytest.mark.parametrize("indent", [None, 2])
def test_a_json_file_of_one_array_of_records_is_read(tmp_path: Path, indent: int | None) -> None:
    """NeuS records saved as one JSON array (``json.dump(records, f)``) had been "not a JSON
    object", and pretty-printed one "invalid JSON" a line; the same clusters as the lines."""
    records = _neus_records(4)
    lines, array = tmp_path / "neus.jsonl", tmp_path / "neus.json"
    lines.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    array.write_text(json.dumps(records, indent=indent), encoding="utf-8")
    assert read_dataset(array) == read_dataset(lines)
    assert len(read_dataset(array)[0]) == 4


def test_a_split_no_record_has_says_which_splits_there_are(tmp_path: Path) -> None:
    """``--split test`` on NeuS (train and val only) had said "no cluster in the file"."""
    path = tmp_path / "neus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _neus_records(4)), encoding="utf-8")
    clusters, errors = read_dataset(path, "test")
    assert not clusters
    assert [str(e) for e in errors] == [
        f"{path}: no record of the split 'test' (the file's: 'train')"
    ]


def test_a_split_asked_of_records_naming_none_says_so(tmp_path: Path) -> None:
    """NeuS records without their "split" field, asked ``--split val``: the file's splits
    had been listed as 'None' (a split no record names), where the CSV reader says the file
    has no split to keep."""
    records = [{k: v for k, v in r.items() if k != "split"} for r in _neus_records(4)]
    path = tmp_path / "neus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    clusters, errors = read_dataset(path, "val")
    assert not clusters
    assert [str(e) for e in errors] == [
        f"{path}: no record has a 'split' to keep the split 'val' of"
    ]
    # one record naming its split: the others are no split of their own
    records[0]["split"] = "train"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert [str(e) for e in read_dataset(path, "val")[1]] == [
        f"{path}: no record of the split 'val' (the file's: 'train')"
    ]


def test_csv_header_faults_are_said_with_the_header(tiny_csv: Path, tmp_path: Path) -> None:
    """A header "Documents,Summary" (or ';'-separated) had been told only that both columns were
    missing; a column named twice had been read from its last copy, silently."""
    head, _, rest = tiny_csv.read_bytes().partition(b"\n")
    assert head.strip() == b"documents,num_documents,summary"
    capital = tmp_path / "capital.csv"
    capital.write_bytes(b"Documents,num_documents,Summary\r\n" + rest)
    twice = tmp_path / "twice.csv"
    twice.write_bytes(b"documents,num_documents,summary,documents\r\n" + rest)
    assert [str(e) for e in read_dataset(capital)[1]] == [
        f"{capital}: missing column(s): documents, summary;"
        " its header: 'Documents', 'num_documents', 'Summary'"
    ]
    assert [str(e) for e in read_dataset(twice)[1]] == [
        f"{twice}: column(s) named twice: documents"
    ]


def test_eval_predictions_without_the_default_are_the_first_methods(
    tiny_csv: Path, tmp_path: Path
) -> None:
    """``--help`` said ``--predictions`` writes "the default method's summaries"; without the
    default among ``--methods`` it writes the first method's, which the help now says."""
    pred = tmp_path / "pred.jsonl"
    result = runner.invoke(
        app, ["eval", str(tiny_csv), "--methods", "lead,lexrank", "--predictions", str(pred)]
    )
    assert result.exit_code == 0, result.output
    assert f"lead summaries: {pred}" in result.stdout and pred.stat().st_size
    helped = " ".join(runner.invoke(app, ["eval", "--help"]).stdout.replace("│", " ").split())
    assert "the default method's summaries (else the first of --methods)" in helped


def test_a_wrapped_first_line_that_ends_a_sentence_is_no_title(multinews_csv: Path) -> None:
    """Multi-News 88 filled at 70 columns (wire copy's layout): one article's first line,
    "April Fools' Day is the only "fake news" day that's almost welcome.", ends a sentence and
    the wrapper broke there ("Almost." did not fit), so it was read as a title and the lead was
    lost for every system; 3 of the 19 clusters of 5+ articles so wrapped had digests other
    than their unwrapped text's. Now all 19 read as their unwrapped text."""
    import dataclasses
    import textwrap

    from newsdigest.evaluate import split_document

    def wrap(doc: str) -> str:
        return "\n\n".join(textwrap.fill(p, 70) for p in doc.split("\n") if p.strip())

    clusters = read_dataset(multinews_csv)[0]
    (lead,) = [d for d in clusters[88].documents if d.startswith("April Fools' Day is the only")]
    assert split_document(wrap(lead), "d0")[0].text.startswith("April Fools' Day is the only")
    rows = [i for i, c in enumerate(clusters) if len(c.documents) >= 5]
    assert len(rows) == 19
    plain = run_eval([clusters[i] for i in rows], ["default"], words=100)[0].summaries
    wrapped = [
        dataclasses.replace(clusters[i], documents=tuple(map(wrap, clusters[i].documents)))
        for i in rows
    ]
    assert run_eval(wrapped, ["default"], words=100)[0].summaries == plain


def test_a_dataset_speckled_with_nul_bytes_is_read_as_without_them(
    multinews_csv: Path, tmp_path: Path
) -> None:
    """Ten NUL bytes in the first 8 KB of a Multi-News CSV (a damaged export) refused the
    whole file as "binary file (not CSV)"; the same NULs further on were read, and a row whose
    documents held one was refused ("source code string cannot contain null bytes"). The
    rows are read as the file without its NULs; a gzip of it is still binary."""
    import gzip

    from newsdigest.evaluate import iter_dataset

    with multinews_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(itertools.islice(csv.reader(fh), 9))
    clean, speckled = tmp_path / "clean.csv", tmp_path / "nul.csv"
    with clean.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with speckled.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[c.replace(". ", ".\x00 ", 4) for c in r] for r in rows])
    assert speckled.read_bytes()[:8192].count(b"\x00") > 8  # over the text readers' stray few
    assert list(iter_dataset(speckled)) == list(iter_dataset(clean))
    assert len(list(iter_dataset(clean))) == 8
    packed = tmp_path / "nul.csv.gz.csv"
    packed.write_bytes(gzip.compress(speckled.read_bytes()))
    assert [str(e) for e in iter_dataset(packed)] == [f"{packed}: binary file (not CSV)"]
