"""``newsdigest.errors``: one-line errors, and the cap on lines about one file's records that
the CLI's refusals and the readers' field notes share (``RecordLines``)."""

from __future__ import annotations

import json
from pathlib import Path

from newsdigest.errors import InputError, RecordLines
from newsdigest.ingest import load_articles

SEEDS = sorted((Path(__file__).resolve().parents[1] / "examples" / "sochi-2019").glob("*.txt"))


def test_refusals_past_ten_a_file_are_one_line_with_the_commonest_reason() -> None:
    told: list[str] = []
    refused = RecordLines(told.append, RecordLines.refused)
    for n in range(1, 14):
        refused.error(InputError(f"feed.jsonl:{n}", "empty line" if n < 13 else "not an object"))
    refused.error(InputError("other.txt", "empty file"))  # a file's own line: always said
    refused.close()
    assert told[:10] == [f"feed.jsonl:{n}: empty line" for n in range(1, 11)]
    assert told[10:] == [
        "other.txt: empty file",
        "feed.jsonl: 3 more records refused (2 empty line; 1 for other reasons)",
    ]


def test_field_notes_past_ten_a_file_are_one_line(tmp_path: Path) -> None:
    """The readers' notes on dropped fields and the CLI's refusals were two classes with one
    idea (jsonl._FieldNotes, cli.common.RecordErrors): one now, the same lines said."""
    text = SEEDS[0].read_text(encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"text": text + f" {n}", "published": "soon"}) + "\n"
                for n in range(12)),
        encoding="utf-8",
    )  # fmt: skip
    result = load_articles([feed])
    assert len(result.notices) == 11, result.notices
    assert result.notices[0].startswith(f"{feed}:1: 'published' is 'soon', no date")
    assert result.notices[10] == f"{feed}: 2 more records with a field dropped as above"


def test_the_articles_of_one_record_count_toward_their_files_cap() -> None:
    """A record of many articles ("feed.json[3] article 2") is a record of its file."""
    told: list[str] = []
    notes = RecordLines(told.append, RecordLines.dropped)
    for n in range(12):
        notes("feed.json[3] article " + str(n), "'title' is a JSON list, not a string")
    notes.close()
    assert len(told) == 11
    assert told[-1] == "feed.json: 2 more records with a field dropped as above"


def test_files_that_vanish_after_their_folder_was_listed_are_one_line(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    """A folder emptied while it was read (listed, then 1,000 files deleted before their turn)
    had printed 1,000 lines; now one names the folder, the count and the first three. Two or
    three gone are each named, as a file given by name and missing is."""
    from newsdigest.ingest import iter_articles

    def vanished_lines(copies: int) -> list[str]:
        folder = tmp_path / f"feed{copies}"
        folder.mkdir()
        (folder / "000.txt").write_bytes(seed_paths[0].read_bytes())
        for k in range(copies):
            (folder / f"x{k:04}.txt").write_bytes(seed_paths[1].read_bytes())
        lines: list[str] = []
        told = RecordLines(lines.append, RecordLines.refused)
        for item in iter_articles([folder, tmp_path / "missing.txt"]):
            if isinstance(item, InputError):
                told.error(item)
            else:  # the folder is listed and its first file read: the rest goes
                for file in folder.glob("x*.txt"):
                    file.unlink()
        told.close()
        return [line.replace(str(tmp_path), "T") for line in lines]

    assert vanished_lines(1000) == [
        "T/feed1000: 1,000 files gone before they were read (no such file or directory):"
        " x0000.txt, x0001.txt, x0002.txt and 997 more",
        "T/missing.txt: no such file or directory",
    ]
    assert vanished_lines(2) == [
        "T/feed2/x0000.txt: no such file or directory",
        "T/feed2/x0001.txt: no such file or directory",
        "T/missing.txt: no such file or directory",
    ]


def test_a_refusal_pickles_whole() -> None:
    """A refusal made in a worker (``ingest``'s cleaning shared with a running pool) comes back
    pickled: Exception's own pickling called ``__init__`` with the one message ("missing 1
    required positional argument: 'reason'"), which broke the pool; a fetch's status and host
    come back too, and a hidden password stays hidden."""
    import pickle

    from newsdigest.errors import FetchError, InputError

    refusal = InputError("https://user:secret@feeds.example/a.jsonl[3]", "not an article: index")
    back = pickle.loads(pickle.dumps(refusal))
    assert type(back) is InputError and str(back) == str(refusal)
    assert (back.name, back.reason) == (refusal.name, refusal.reason)
    assert "secret" not in str(back)
    fetch = FetchError("https://feeds.example/b", "HTTP 404", status=404, host="feeds.example")
    again = pickle.loads(pickle.dumps(fetch))
    assert type(again) is FetchError and str(again) == str(fetch)
    assert (again.status, again.permanent, again.host) == (404, True, "feeds.example")
