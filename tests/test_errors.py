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
