"""Hostile and careless input (issue 12, the reader side): each case costs one line naming the
input, the rest of the batch is read, and whatever is kept can be stored and printed as UTF-8."""

from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fixtures.news_pages import WarcRecord, news_page_html, seed_page, write_warc
from typer.testing import CliRunner

from newsdigest.cli import app
from newsdigest.errors import InputError
from newsdigest.ingest import iter_articles, load_articles, read_file
from newsdigest.ingest.json_bounded import json_depth
from newsdigest.limits import DEFAULT_LIMITS
from newsdigest.model import Article
from newsdigest.serialize import article_to_dict

SRC = Path(__file__).resolve().parents[1] / "src"
SEEDS = Path(__file__).resolve().parents[1] / "examples" / "sochi-2019"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
NESTED = "[" * 3000 + "]" * 3000  # a 6 KB line: Python's json recurses once per level


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, InputError)
    ]


def _seed_text(i: int) -> str:
    return SEED_FILES[i].read_text(encoding="utf-8")


def _encodable(article: Article) -> None:
    """What the store and the JSON output do with an article must work."""
    json.dumps(article_to_dict(article, with_text=True), ensure_ascii=False).encode("utf-8")
    for value in (article.text, article.title, article.url, article.source, article.origin):
        (value or "").encode("utf-8")


# --- 1. deep nesting ---------------------------------------------------------------------


def test_deeply_nested_json_record_is_one_line_and_rest_stored(tmp_path: Path) -> None:
    lines = tmp_path / "batch.jsonl"
    lines.write_text(
        "\n".join(
            [
                json.dumps({"text": _seed_text(0)}),
                NESTED,
                '{"text": "x", "extra": ' + NESTED + "}",
                json.dumps({"text": _seed_text(1)}),
            ]
        ),
        encoding="utf-8",
    )
    array = tmp_path / "deep.json"
    array.write_text(NESTED, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(_seed_text(2), encoding="utf-8")
    result = load_articles([lines, array, good])
    assert len(result.articles) == 3
    reasons = {e.name: e.reason for e in result.errors}
    assert set(reasons) == {f"{lines}:2", f"{lines}:3", str(array)}
    limit = DEFAULT_LIMITS.max_json_depth
    assert reasons[str(array)] == f"JSON nested 3000 levels deep (the limit is {limit})"
    assert reasons[f"{lines}:3"] == f"JSON nested 3001 levels deep (the limit is {limit})"


def test_json_depth_ignores_brackets_inside_strings() -> None:
    assert json_depth('{"text": "[[[[{{{{ \\" ]]"}') == 1
    assert json_depth('[{"a": [1, {"b": []}]}]') == 5
    assert json_depth("42") == 0


def test_json_nested_to_the_limit_is_read() -> None:
    from newsdigest.ingest.json_bounded import JsonTooDeep, loads_bounded

    limit = DEFAULT_LIMITS.max_json_depth
    ok = "[" * limit + "]" * limit
    assert loads_bounded(ok) is not None
    with pytest.raises(JsonTooDeep):
        loads_bounded("[" + ok + "]")


def test_a_number_too_long_to_convert_is_one_line_and_rest_stored(tmp_path: Path) -> None:
    """Python refuses to turn more than 4,300 digits into an int (a ValueError that is no
    JSONDecodeError): one line for that record or file, and the batch goes on."""
    long_number = "1" + "0" * 5000
    lines = tmp_path / "batch.jsonl"
    lines.write_text(
        json.dumps({"text": _seed_text(0)})
        + '\n{"text": "x", "published": '
        + long_number
        + "}\n"
        + json.dumps({"text": _seed_text(1)})
        + "\n",
        encoding="utf-8",
    )
    array = tmp_path / "long.json"
    array.write_text('[{"text": "x", "n": ' + long_number + "}]", encoding="utf-8")
    result = load_articles([lines, array])
    assert len(result.articles) == 2
    reasons = {e.name: e.reason for e in result.errors}
    assert set(reasons) == {f"{lines}:2", str(array)}
    assert all("number too long" in r for r in reasons.values()), reasons


def test_a_jsonl_gzip_bomb_is_refused_once_past_the_file_limit(tmp_path: Path) -> None:
    """JSON Lines stream line by line, so only a line was bounded: 290 KB of gzip holding 300 MB
    of blank lines took three minutes to read. Past ``max_bytes`` decompressed, a file that
    inflates over ``MAX_GZIP_RATIO`` times is refused; the records before stay."""
    import gzip

    from newsdigest.ingest.decode import MAX_GZIP_RATIO

    limit = 100 * 1024
    bomb = tmp_path / "bomb.jsonl.gz"
    first = json.dumps({"text": _seed_text(0)}).encode() + b"\n"
    bomb.write_bytes(gzip.compress(first + b"\n" * (60 * limit)))
    arts, errs = _split(list(read_file(bomb, max_bytes=limit)))
    assert len(arts) == 1
    assert [e.reason for e in errs] == [
        f"gzip bomb: over {MAX_GZIP_RATIO} times its compressed size past the 100 KB limit"
    ]
    # ordinary text compresses a few times over: a long .jsonl.gz is read to its end
    lines = b"".join(
        json.dumps({"text": _seed_text(i % 5), "id": str(i)}).encode() + b"\n" for i in range(60)
    )
    plain = tmp_path / "long.jsonl.gz"
    plain.write_bytes(gzip.compress(lines))
    arts, errs = _split(list(read_file(plain, max_bytes=limit)))
    assert len(arts) == 60 and not errs


# --- 2. article size ---------------------------------------------------------------------


def test_article_over_the_character_limit_is_one_line_with_the_limit(tmp_path: Path) -> None:
    limit = DEFAULT_LIMITS.max_article_chars
    huge = ("The talks in Sochi went on. " * (limit // 28 + 10))[: limit + 1]
    path = tmp_path / "huge.jsonl"
    path.write_text(
        json.dumps({"text": huge}) + "\n" + json.dumps({"text": _seed_text(0)}) + "\n",
        encoding="utf-8",
    )
    text_file = tmp_path / "huge.txt"
    text_file.write_text(huge, encoding="utf-8")
    arts, errs = _split(list(iter_articles([path, text_file])))
    assert len(arts) == 1
    assert [str(e) for e in errs] == [
        f"{path}:1: article text too long ({limit + 1:,} characters; the limit is {limit:,}, "
        "Limits.max_article_chars)",
        f"{text_file}: article text too long ({limit + 1:,} characters; the limit is {limit:,}, "
        "Limits.max_article_chars)",
    ]


# --- 3. out-of-range dates and lone surrogates -------------------------------------------


def test_out_of_range_date_and_lone_surrogate_keep_the_record_encodable(tmp_path: Path) -> None:
    text = _seed_text(0)
    records = [
        {"text": text, "published": "0001-01-01T00:00:00+05:00", "title": "Year one"},
        {"text": text.replace("Sochi", "Sochi\ud800", 1), "title": "Talks in Sochi\udfff", "source": "\ud800"},
        {"text": _seed_text(1), "url": "https://x.example/\udc80", "published": "9999-12-31T23:59:59-05:00"},
    ]  # fmt: skip
    path = tmp_path / "bad-fields.jsonl"
    # json.dumps writes lone surrogates as the \ud800 escapes a hostile file contains
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert not errs and len(arts) == 3
    assert arts[0].published is None and arts[0].title == "Year one"
    assert "Sochi\ufffd" in arts[1].text and arts[1].title == "Talks in Sochi\ufffd"
    assert arts[1].source == "\ufffd" and arts[2].url == "https://x.example/\ufffd"
    assert arts[2].published is None
    for art in arts:
        _encodable(art)


def test_out_of_range_date_and_surrogates_in_an_article_object_and_html_meta(
    tmp_path: Path,
) -> None:
    year_one = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5)))
    given = Article(id="x", text=_seed_text(0) + "\ud800", published=year_one, source="\udcff")
    html = news_page_html(seed_page(SEED_FILES[4])).replace(
        "<head>",
        '<head><meta property="article:published_time" content="0001-01-01T00:00:00+05:00">',
        1,
    )
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    result = load_articles([given, page])
    assert not result.errors and len(result.articles) == 2
    assert result.articles[0].published is None and result.articles[0].source == "\ufffd"
    assert result.articles[1].published is None or result.articles[1].published.year > 1
    for art in result.articles:
        _encodable(art)


def test_nul_characters_in_a_records_url_source_and_id_are_dropped(tmp_path: Path) -> None:
    """JSON may escape NUL ("\\u0000"); no PostgreSQL text column holds one, and one such URL
    had failed the whole batch it was stored in (its good records with it)."""
    record = {"text": _seed_text(0), "url": "https://x.example/\x00a", "source": "wire\x00",
              "id": "doc\x001", "title": "Talks\x00 in Sochi"}  # fmt: skip
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps(record), encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert not errs and len(arts) == 1
    art = arts[0]
    assert (art.url, art.source, art.origin) == ("https://x.example/a", "wire", "doc1")
    for value in (art.text, art.title, art.url, art.source, art.origin):
        assert "\x00" not in (value or "")


def test_a_title_of_a_megabyte_is_one_line_and_the_other_records_read(tmp_path: Path) -> None:
    """spaCy reads a title whole: a 1 MB one, once stored, stopped every later clustering run
    of the store with a traceback. It is refused like an over-long text."""
    records = [
        {"text": _seed_text(0)},
        {"text": _seed_text(1), "title": "Pompeo meets Putin " * 55_000},
    ]
    path = tmp_path / "titles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert len(arts) == 1 and [e.name for e in errs] == [f"{path}:2"]
    assert errs[0].reason == (
        "title too long (1,045,000 characters; the limit is 2,000, Limits.max_title_chars)"
    )


def test_a_text_that_cleaning_lengthens_past_the_limit_is_one_line(tmp_path: Path) -> None:
    """A ligature is two letters once cleaned: 999,000 of them passed the limit as read and were
    stored as 1,998,017 characters, which spaCy refused in every later clustering run."""
    records = [{"text": "Ligatures: " + "\ufb01" * 999_000}, {"text": _seed_text(1)}]
    path = tmp_path / "ligatures.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert len(arts) == 1 and [e.name for e in errs] == [f"{path}:1"]
    assert errs[0].reason == (
        "article text too long (1,998,011 characters; the limit is 1,000,000, "
        "Limits.max_article_chars) once cleaned"
    )


def test_dates_at_the_ends_of_the_calendar_are_dropped_and_the_stories_built(
    tmp_path: Path,
) -> None:
    """0001-01-01 and 9999-12-31 (without an offset) were kept: once stored, the story's quiet
    window overflowed in every later clustering run of the store, and the HTML digest's chart
    overflowed too (OverflowError tracebacks). A publication time is one of the years 1000 to
    8999; outside them it is dropped like an unreadable one, the record kept."""
    dates = ["0001-01-01", "9999-12-31T23:59:59+00:00", "2019-05-14T10:00:00Z"]
    records = [{"text": _seed_text(k), "published": d} for k, d in enumerate(dates)]
    path = tmp_path / "ends.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert not errs and [a.published is None for a in arts] == [True, True, False]
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(path), "--db", db]).exit_code == 0
    done = runner.invoke(app, ["stories", "--db", db, "--no-facts", "--format", "json"])
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["digest", str(path), "--no-facts", "--format", "html"])
    assert done.exit_code == 0, done.output


# --- 8. named pipes, sockets, devices ----------------------------------------------------


def test_named_pipe_socket_and_devices_are_never_opened(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.jsonl")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.html"))
    (folder / "good.txt").write_text(_seed_text(0), encoding="utf-8")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    try:
        # a reader that opened the pipe would block here forever (the test's timeout)
        result = load_articles(
            [folder, tmp_path / "named.jsonl", tmp_path / "zero.txt", "/dev/null", "/dev/zero"]
        )
    finally:
        sock.close()
    assert len(result.articles) == 1
    assert sorted(str(e) for e in result.errors) == sorted(
        [
            f"{folder / 'pipe.txt'}: not a regular file (a named pipe)",
            f"{folder / 'sock.html'}: not a regular file (a socket)",
            f"{tmp_path / 'named.jsonl'}: not a regular file (a named pipe)",
            f"{tmp_path / 'zero.txt'}: not a regular file (a character device)",
            "/dev/null: not a regular file (a character device)",
            "/dev/zero: not a regular file (a character device)",
        ]
    )


def test_dev_stdin_or_a_process_substitution_is_told_to_give_a_dash() -> None:
    """``digest /dev/stdin`` or ``digest <(zcat x.gz)`` was refused as "a named pipe" without
    a word of what would work: standard input is read as ``-``."""
    read, write = os.pipe()
    try:
        result = load_articles([f"/dev/fd/{read}"])
    finally:
        os.close(read)
        os.close(write)
    assert [str(e) for e in result.errors] == [
        f"/dev/fd/{read}: not a regular file (a named pipe); give - to read standard input"
    ]


# --- 9. a flattened article with a t.co link ---------------------------------------------


def test_flattened_article_with_tco_link_keeps_its_text() -> None:
    raw = _seed_text(1)  # it embeds a tweet with a t.co link and its attribution line
    flat = " ".join(raw.split())
    result = load_articles([flat])
    assert not result.errors, result.errors
    (article,) = result.articles
    assert "t.co" not in article.text and "(@NBCNews)" not in article.text
    assert "Sec. Pompeo meets with President Putin" not in article.text  # the tweet itself
    assert "Mike Pompeo informed the Russians" in article.text
    assert len(article.text) > 0.85 * len(flat)


# --- 13. control characters in names -----------------------------------------------------


def test_file_name_with_newline_cannot_forge_an_error_line(tmp_path: Path) -> None:
    forged = tmp_path / "a\nerror: all good\x1b[2K.txt"
    forged.write_bytes(b"")
    (err,) = list(iter_articles([forged]))
    assert isinstance(err, InputError)
    assert "\n" not in str(err) and "\x1b" not in str(err)
    assert str(err).endswith("a\\nerror: all good\\x1b[2K.txt: empty file")
    assert err.name == str(forged)  # the name itself is kept for programs
    result = CliRunner().invoke(app, ["digest", str(forged), *map(str, SEED_FILES), "--no-facts"])
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and errors[0].endswith("empty file")


def test_undecodable_file_name_bytes_are_escaped_not_a_crash(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad-\xff.txt")  # "bad-\udcff.txt": a lone surrogate in a str
    (tmp_path / name).write_bytes(b"")
    (err,) = list(iter_articles([tmp_path / name]))
    assert str(err).endswith("bad-\\udcff.txt: empty file")
    str(err).encode("utf-8")


# --- 14. unreadable folders and files ----------------------------------------------------

# A sysfs attribute with no read method refuses reading even to root (EACCES): a real file that
# cannot be read, for a suite that runs as root, where permission bits stop nobody.
WRITE_ONLY = Path("/sys/bus/pci/rescan")


def _unreadable_for_us(path: Path) -> bool:
    try:
        with path.open("rb"):
            return False
    except PermissionError:
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _unreadable_for_us(WRITE_ONLY), reason="no unreadable sysfs file here")
def test_unreadable_file_on_the_command_line_is_one_line_and_rest_processed(
    tmp_path: Path,
) -> None:
    link = tmp_path / "locked.txt"
    link.symlink_to(WRITE_ONLY)
    result = CliRunner().invoke(app, ["digest", str(link), *map(str, SEED_FILES), "--no-facts"])
    assert result.exit_code == 1, result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert errors == [f"error: {link}: permission denied"]
    assert "Sources" in result.stdout


def _unlistable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``os.scandir`` of ``folder`` fails as a folder without read permission fails for a user
    (a test run as root may list any)."""
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_subfolder_is_one_line_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(_seed_text(0), encoding="utf-8")
    locked = tmp_path / "b-locked"
    locked.mkdir()
    (locked / "two.txt").write_text(_seed_text(1), encoding="utf-8")
    (tmp_path / "c.txt").write_text(_seed_text(2), encoding="utf-8")
    _unlistable(monkeypatch, locked)
    result = load_articles([tmp_path])
    assert len(result.articles) == 2
    assert [str(e) for e in result.errors] == [f"{locked}: cannot list folder (permission denied)"]


def test_an_unreadable_folder_named_directly_is_one_line_not_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder given that this user may not list had two lines, the second untrue of what it
    may hold: "cannot list folder (permission denied)" and "no articles found (no .txt,
    .html, .json(l), .warc or .sgml files)"; a folder beside it is read as before."""
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "one.txt").write_text(_seed_text(0), encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "two.txt").write_text(_seed_text(1), encoding="utf-8")
    _unlistable(monkeypatch, locked)
    result = load_articles([locked, other])
    assert len(result.articles) == 1
    assert [str(e) for e in result.errors] == [f"{locked}: cannot list folder (permission denied)"]


def test_unreadable_file_named_directly_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.jsonl"
    locked.write_text(json.dumps({"text": _seed_text(0)}), encoding="utf-8")
    real_open = os.open

    def deny(path: object, *args: object, **kwargs: object) -> int:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    result = load_articles([locked, SEED_FILES[0]])
    assert len(result.articles) == 1
    assert [str(e) for e in result.errors] == [f"{locked}: permission denied"]


# --- 15. UTF-16 / UTF-32 with a byte-order mark ------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_files_with_bom_are_text(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(encoding, b"")
    text = _seed_text(0)
    page = seed_page(SEED_FILES[4])
    files = {
        "a.txt": text,
        "b.html": news_page_html(page),
        "c.jsonl": json.dumps({"text": _seed_text(2)}, ensure_ascii=False)
        + "\n"
        + json.dumps({"text": _seed_text(3)}, ensure_ascii=False)
        + "\n",
        "d.json": json.dumps([{"text": _seed_text(1)}], ensure_ascii=False),
        "e": text,  # no extension: sniffed
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(bom + content.encode(encoding))
    arts, errs = _split([i for p in sorted(tmp_path.iterdir()) for i in read_file(p)])
    assert not errs, errs
    assert len(arts) == 6
    assert arts[0].text.endswith(text.strip().splitlines()[-1].strip())
    assert "Pompeo" in arts[1].text


def test_binary_data_behind_a_utf16_mark_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.txt"
    path.write_bytes(b"\xff\xfe" + b"\x00\xd8" * 50)  # lone surrogates: not UTF-16 text
    (err,) = list(iter_articles([path]))
    assert isinstance(err, InputError) and err.reason.startswith("invalid UTF-16")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_files_without_a_mark_are_text(tmp_path: Path, encoding: str) -> None:
    """UTF-16 as some Windows tools save it, with no byte-order mark: every other byte NUL.
    Every format had refused it as "binary file (not text)" (an HTML page would have been
    read as UTF-8, NUL after NUL); UTF-32 without its mark (three NULs a character) too."""
    text = _seed_text(0)
    files = {
        "a.txt": text,
        "b.html": news_page_html(seed_page(SEED_FILES[4])),
        "c.jsonl": json.dumps({"text": _seed_text(2)}) + "\n" + json.dumps({"text": "x"}),
        "d.json": json.dumps([{"text": _seed_text(1)}]),
        "e": text,  # no extension: sniffed
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content.encode(encoding))
    arts, errs = _split([i for p in sorted(tmp_path.iterdir()) for i in read_file(p)])
    assert not errs, errs
    assert len(arts) == 6
    assert all("\x00" not in a.text for a in arts)
    assert arts[0].text.endswith(text.strip().splitlines()[-1].strip())
    assert "Pompeo" in arts[1].text
    # binary data with NUL bytes here and there is no UTF-16, nor an array of small numbers
    # (their NULs lie where wide text's do; read so, they are control characters)
    width = 4 if encoding.startswith("utf-32") else 2
    order = "little" if encoding.endswith("le") else "big"
    numbers = b"".join((k % 200 + 1).to_bytes(width, order) for k in range(0, 35_000, 7))
    for name, data in (("f.txt", bytes(range(256)) * 8), ("g.txt", numbers)):
        (tmp_path / name).write_bytes(data)
        (err,) = list(read_file(tmp_path / name))
        assert isinstance(err, InputError) and err.reason == "binary file (not text)"


# --- 18. truncated WARC and the JSON Lines id --------------------------------------------


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_truncated_warc_reason_is_words_not_an_internal_error(tmp_path: Path, gz: bool) -> None:
    pages = [seed_page(p) for p in SEED_FILES[:2]]
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    write_warc(path, [WarcRecord(p.url, news_page_html(p).encode()) for p in pages], gzip=gz)
    data = path.read_bytes()
    reasons = set()
    cut_file = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    for cut in range(40, len(data), max(1, len(data) // 120)):
        cut_file.write_bytes(data[:cut])
        for item in iter_articles([cut_file]):
            if isinstance(item, InputError):
                reasons.add(item.reason)
    assert reasons
    for reason in reasons:
        assert "object has no attribute" not in reason and "NoneType" not in reason, reason
        assert "Error" not in reason, reason


def test_a_warc_header_line_of_megabytes_is_one_record_error_in_a_moment(tmp_path: Path) -> None:
    """warcio joins a header line block by block: a 50 MB line took 45 s to reject. Header lines
    past 1 MB are now a corrupt record, the records around it read."""
    pages = [seed_page(p) for p in SEED_FILES[:3]]
    path = tmp_path / "long.warc"
    write_warc(path, [WarcRecord(p.url, news_page_html(p).encode()) for p in pages], gzip=False)
    data = path.read_bytes()
    second_response = data.index(b"WARC-Type: response", data.index(b"WARC-Type: response") + 1)
    at = data.index(b"\r\n", second_response) + 2  # a junk header line right after its type
    path.write_bytes(data[:at] + b"X-Junk: " + b"a" * (8 << 20) + b"\r\n" + data[at:])
    started = time.perf_counter()
    items = list(iter_articles([path]))
    assert time.perf_counter() - started < 10
    assert [a.url for a in items if not isinstance(a, InputError)] == [pages[0].url, pages[2].url]
    (err,) = [e for e in items if isinstance(e, InputError)]
    assert err.reason == "truncated or corrupt record (a header line over 1 MB)"


@pytest.mark.parametrize(
    ("keep", "length_fixed", "reason"),
    [
        # the record's length says the cut: warcio read the headers to the record's end as to
        # their blank line, so it was a page without a body, skipped without a word
        ("status", True, "truncated record (it ends inside its HTTP headers)"),
        ("field", True, "truncated record (it ends inside its HTTP headers)"),
        ("blank", True, "truncated record (it ends inside its HTTP headers)"),
        # the length of the whole record kept: a cut in the status line read the next record's
        # header as its HTTP headers, and that record was lost with it
        ("status", False, "truncated record (its length runs into the next record)"),
    ],
)
def test_a_warc_record_cut_inside_its_http_headers_is_reported(
    tmp_path: Path, keep: str, length_fixed: bool, reason: str
) -> None:
    pages = [seed_page(p) for p in SEED_FILES[:3]]
    path = tmp_path / "cut.warc"
    ids = write_warc(
        path, [WarcRecord(p.url, news_page_html(p).encode()) for p in pages], gzip=False
    )
    data = path.read_bytes()
    start = data.rindex(b"WARC/1", 0, data.index(ids[1].encode()))
    block = data.index(b"\r\n\r\n", start) + 4
    http_end = data.index(b"\r\n\r\n", block) + 4
    cut = {"status": block + 6, "field": (block + http_end) // 2, "blank": http_end - 2}[keep]
    header = data[start:block]
    if length_fixed:
        header = re.sub(rb"Content-Length: \d+", b"Content-Length: %d" % (cut - block), header)
    record = header + data[block:cut] + (b"\r\n\r\n" if length_fixed else b"")
    path.write_bytes(data[:start] + record + data[data.index(b"WARC/1", http_end) :])
    items = list(iter_articles([path]))
    assert [a.url for a in items if not isinstance(a, InputError)] == [pages[0].url, pages[2].url]
    (err,) = [e for e in items if isinstance(e, InputError)]
    assert err.name == f"{path}: record {ids[1]} <{pages[1].url}>"
    assert err.reason == reason


def test_an_element_of_many_attributes_is_one_line_in_a_moment(tmp_path: Path) -> None:
    """libxml2 builds an element's attributes in quadratic time: a 300 KB page of one element
    with 25,000 attributes held trafilatura 20 s (300,000: hours), a WARC record as much. Such a
    page or record is refused, the ones around it read."""
    crowded = (
        "<html><body><p " + " ".join(f'a{i}="x"' for i in range(25_000)) + ">Hi</p></body></html>"
    )
    pages = [seed_page(p) for p in SEED_FILES[:2]]
    (tmp_path / "a.html").write_text(news_page_html(pages[0]), encoding="utf-8")
    (tmp_path / "b.html").write_text(crowded, encoding="utf-8")
    records = [WarcRecord("https://x.example/crowded", crowded.encode()),
               WarcRecord(pages[1].url, news_page_html(pages[1]).encode())]  # fmt: skip
    write_warc(tmp_path / "c.warc.gz", records)
    started = time.perf_counter()
    arts, errs = _split(list(iter_articles([tmp_path])))
    assert time.perf_counter() - started < 8
    assert [a.url for a in arts] == [pages[0].url, pages[1].url]
    assert len(errs) == 2
    assert errs[0].name.endswith("b.html") and errs[1].name.endswith("<https://x.example/crowded>")
    for err in errs:
        assert err.reason == (
            "malformed HTML: an element with 25,000 attributes (the limit is 400, "
            "Limits.max_html_attributes)"
        )


def test_a_page_of_too_many_elements_is_one_line_in_a_moment(tmp_path: Path) -> None:
    """trafilatura's time grows faster than its page's paragraphs: a seed article behind
    120,000 one-letter paragraphs (1 MB) took 30 s, 160,000 40 s, a 20 MB file of them hours.
    A page past 100,000 elements (a news page has a few thousand; this machine's largest
    documentation pages, 90,000-180,000, are no news) is refused by the tokenizer that counts
    attributes, the pages beside it read."""
    pages = [seed_page(p) for p in SEED_FILES[:2]]
    (tmp_path / "a.html").write_text(news_page_html(pages[0]), encoding="utf-8")
    padded = news_page_html(pages[1]).replace("<body>", "<body>" + "<p>a</p>" * 120_000, 1)
    (tmp_path / "b.html").write_text(padded, encoding="utf-8")
    started = time.perf_counter()
    arts, errs = _split(list(iter_articles([tmp_path])))
    assert time.perf_counter() - started < 8
    assert [a.url for a in arts] == [pages[0].url]
    [err] = errs
    assert err.name.endswith("b.html")
    assert err.reason.startswith("too many elements for a news page (120,")
    assert err.reason.endswith("; the limit is 100,000, Limits.max_html_elements)")


@pytest.mark.parametrize(
    "body",
    ["<DOC>" * 400_000, "<DOC><TEXT>hello there</TEXT>" + "<HEADLINE>" * 400_000 + "</DOC>"],
    ids=["unclosed-docs", "unclosed-fields"],
)
def test_sgml_of_unclosed_tags_is_read_in_linear_time(tmp_path: Path, body: str) -> None:
    """A lazy regex per tag rescanned the file from every unclosed one (a minute and more)."""
    path = tmp_path / "bomb.sgml"
    path.write_text(body, encoding="utf-8")
    started = time.perf_counter()
    items = list(iter_articles([path]))
    assert time.perf_counter() - started < 5
    assert len(items) == 1


def test_jsonl_id_field_is_kept_as_the_origin(tmp_path: Path) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(
        json.dumps({"id": "reuters-2019-0514-17", "text": _seed_text(0)})
        + "\n"
        + json.dumps({"id": 42, "text": _seed_text(1)})
        + "\n"
        + json.dumps({"text": _seed_text(2)})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["digest", str(path), "--format", "json", "--no-facts"])
    assert result.exit_code == 0, result.output
    paths = sorted(a["path"] for a in json.loads(result.stdout)["articles"])
    assert paths == sorted(["reuters-2019-0514-17", "42", f"{path}:3"])


# --- all at once, as a user runs it ------------------------------------------------------


def test_a_hostile_batch_gives_one_line_per_bad_input_and_a_digest(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for p in SEED_FILES:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "deep.jsonl").write_text(NESTED + "\n", encoding="utf-8")
    (folder / "odd.jsonl").write_text(
        json.dumps({"text": _seed_text(1) + "\ud800", "published": "0001-01-01T00:00:00+05:00"}),
        encoding="utf-8",
    )
    os.mkfifo(folder / "pipe.txt")
    (folder / "wide.txt").write_bytes(_seed_text(2).encode("utf-16"))
    proc = subprocess.run(
        [sys.executable, "-m", "newsdigest", "digest", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONHASHSEED": "7", "PYTHONPATH": str(SRC)},
    )
    assert proc.returncode == 1, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("note:")]
    notes = [ln for ln in proc.stderr.splitlines() if ln.startswith("note:")]
    # the date that cannot be moved to UTC is dropped, the record kept, and a note says so
    assert notes == [
        f"note: {folder / 'odd.jsonl'}:1: 'published' is '0001-01-01T00:00:00+05:00', no date"
        " (ISO 8601 or Unix seconds, of a year from 1000 to 8999): the article is kept undated"
    ]
    assert sorted(errors) == sorted(
        [
            f"error: {folder / 'deep.jsonl'}:1: JSON nested 3000 levels deep (the limit is "
            f"{DEFAULT_LIMITS.max_json_depth})",
            f"error: {folder / 'pipe.txt'}: not a regular file (a named pipe)",
        ]
    ), proc.stderr
    story = json.loads(proc.stdout)
    assert len(story["articles"]) + len(story["outliers"]) >= 5  # copies are folded
    assert story["summary"] and "Traceback" not in proc.stderr


# --- HTML where a record's text should be -------------------------------------------------


def test_html_in_a_records_text_is_read_as_its_text(tmp_path: Path) -> None:
    """A CMS's or scraper's export puts the rendered body in "content" as HTML: its tags,
    "&nbsp;" and "<br>" had been stored and summarized as text. A fragment's block elements
    are its paragraphs (its script none), a whole page's main text is extracted as a saved
    page's, and a record with only an "html" field is read too. Plain text with a stray tag
    stays plain text."""
    body = _seed_text(2).strip()
    paras = [p for p in body.split("\n") if p.strip()]
    fragment = "".join(f"<p>{p}</p>" for p in paras[:3]) + "<script>track()</script>"
    page = news_page_html(seed_page(SEED_FILES[4]))
    stray = f"{body}\n\n<div>Please enable Javascript to watch this video</div>"
    records = [
        {"url": "https://a.example/1", "content": fragment},
        {"url": "https://b.example/2", "body": paras[0] + "&nbsp;<br><br>" + paras[1]},
        {"url": "https://c.example/3", "html": page},
        {"url": "https://d.example/4", "text": stray},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    arts, errs = _split(list(read_file(path)))
    assert not errs, errs
    frag, br, whole, plain = arts
    assert frag.text.split("\n\n") == [" ".join(p.split()) for p in paras[:3]]
    assert br.text.split("\n\n") == [" ".join(p.split()) for p in paras[:2]]
    assert "<" not in whole.text and "Pompeo" in whole.text
    assert plain.text == stray  # not HTML: left to the cleaner
    # the web API reads its records by the same rule
    from newsdigest.serve.ingest import to_articles
    from newsdigest.serve.intake import ArticleIn

    assert [a.text for a in to_articles(ArticleIn(text=fragment), 0)] == [frag.text]


def test_a_folder_of_newswire_skips_a_pipe_without_suffix_and_reads_gzipped_sgml(
    tmp_path: Path,
) -> None:
    """Files without a format suffix are opened to see whether they are newswire SGML (DUC's
    "APW19981016.0240"): a named pipe so named had blocked the walk forever, and Gigaword's
    gzip-compressed SGML ("nyt_eng_199810.gz") was skipped without a word."""
    import gzip
    import threading

    doc = (
        "<DOC>\n<DOCNO> NYT19981016.0001 </DOCNO>\n<TEXT>\n" + _seed_text(0) + "\n</TEXT>\n</DOC>\n"
    )
    (tmp_path / "nyt_eng_199810.gz").write_bytes(gzip.compress(doc.encode("utf-8")))
    os.mkfifo(tmp_path / "APW19981016.0240")
    done: list[Article | InputError] = []
    walk = threading.Thread(target=lambda: done.extend(iter_articles([tmp_path])), daemon=True)
    walk.start()
    walk.join(timeout=20)
    if walk.is_alive():  # unblock the reader, then fail
        with open(tmp_path / "APW19981016.0240", "wb"):
            pass
        pytest.fail("the walk blocked on a named pipe")
    arts, errs = _split(done)
    assert not errs, errs
    (nyt,) = arts
    assert nyt.source == "New York Times" and nyt.origin.endswith("gz:NYT19981016.0001")


def test_a_wordpress_rest_export_is_read(tmp_path: Path) -> None:
    """WordPress's REST API, how many outlets' posts are exported, nests each field's HTML as
    {"rendered": ...}: every post had been refused ("'text' is not a string")."""
    paras = [p for p in _seed_text(3).split("\n") if p.strip()][1:4]
    post = {
        "id": 4107,
        "date": "2019-05-14T09:30:00",
        "link": "https://news.example.org/2019/05/14/pompeo-sochi/",
        "title": {"rendered": "Pompeo in Sochi: &#8216;a good meeting&#8217;"},
        "content": {"rendered": "".join(f"<p>{p}</p>\n" for p in paras), "protected": False},
    }
    path = tmp_path / "posts.json"
    path.write_text(json.dumps([post]), encoding="utf-8")
    (article,) = load_articles([path]).articles
    assert article.title == "Pompeo in Sochi: ‘a good meeting’"
    assert article.url == post["link"] and article.published is not None
    assert "<" not in article.text and article.text.count("\n\n") >= 1


def test_a_newswire_document_as_a_records_text_is_read_as_newswire(tmp_path: Path) -> None:
    """A DUC document sent whole as a record's text (to the web API, or in JSON Lines) had
    been one article whose text was its tags' contents: the id, the slug, the headline."""
    doc = (
        "<DOC>\n<DOCNO> NYT19981016.0001 </DOCNO>\n<SLUG> BC-PINOCHET-BOS </SLUG>\n"
        "<HEADLINE> PINOCHET ARRESTED </HEADLINE>\n<TEXT>\n" + _seed_text(0) + "\n</TEXT>\n</DOC>"
    )
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"text": doc}), encoding="utf-8")
    (article,) = load_articles([path]).articles
    assert article.source == "New York Times" and article.title == "Pinochet arrested"
    assert "NYT19981016" not in article.text and "BC-PINOCHET" not in article.text


def test_a_records_text_of_several_newswire_documents_stores_each_through_the_api() -> None:
    """Two DUC documents sent as one record's text: the web API had stored the first and
    dropped the second without a word (200, one article); each is an article, as from a
    file."""
    from newsdigest.serve.ingest import clean_batch
    from newsdigest.serve.intake import ArticleIn

    docs = "\n".join(
        f"<DOC>\n<DOCNO> APW19981016.00{k}0 </DOCNO>\n<TEXT>\n{_seed_text(k)}\n</TEXT>\n</DOC>"
        for k in (0, 1)
    )
    first, second = clean_batch([ArticleIn(text=docs)])
    assert first.text != second.text
    for article, k in ((first, 0), (second, 1)):
        assert article.text.split()[-3:] == _seed_text(k).split()[-3:]


def test_utf8_with_a_few_windows_1252_bytes_reads_both(tmp_path: Path) -> None:
    """A UTF-8 file with a passage pasted from a Windows program: detection had read the whole
    file as Mac Roman ("Pinochet\\x92s" became "Pinochetís", its UTF-8 letters mended only by
    luck); a file in one legacy encoding throughout is still detected as before."""
    text = _seed_text(0)
    mixed = text.encode("utf-8") + "\n\nPinochet’s lawyers appealed — again.\n".encode("cp1252")
    (tmp_path / "mixed.txt").write_bytes(mixed)
    (tmp_path / "legacy.txt").write_bytes(
        "Café owners in Montréal said the law would hurt business.\n".encode("cp1252") * 3
    )
    legacy, both = sorted(load_articles([tmp_path]).articles, key=lambda a: a.text)
    assert both.text.endswith("Pinochet’s lawyers appealed — again.")
    assert "Café owners in Montréal" in legacy.text


def test_a_one_byte_file_is_one_line_and_a_bulletin_is_stored(tmp_path: Path) -> None:
    """A stray one-byte file ("x") had been stored as an article and made a story with no
    title and no digest; a headline-only wire bulletin stays an article."""
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text("-- 2019 --\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Chicago Bears fire coach John Fox.", encoding="utf-8")
    result = load_articles([tmp_path])
    assert [a.text for a in result.articles] == ["Chicago Bears fire coach John Fox."]
    assert [(Path(e.name).name, e.reason.split(" (")[0]) for e in result.errors] == [
        ("a.txt", "too short to be an article"),
        ("b.txt", "too short to be an article"),
    ]
    assert "Limits.min_article_words" in str(result.errors[0])
    assert [e.reason for e in result.errors] == [
        "too short to be an article (1 word with a letter; the least is 3, "
        "Limits.min_article_words)",
        "too short to be an article (0 words with a letter; the least is 3, "
        "Limits.min_article_words)",
    ]  # "1 words" had been the first


def test_a_refused_record_of_a_file_names_the_file(tmp_path: Path) -> None:
    """A JSON Lines record refused after reading was named by its own id alone
    ("train_1252-0: too short ..."): with several files no one could tell which to open."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "rec-7", "text": "x"}\n{"text": "y"}\n'
        '{"id": "ok", "text": "Chicago Bears fire coach John Fox after the season."}\n',
        encoding="utf-8",
    )
    for given in (feed, tmp_path):  # the file named, or found in its folder
        result = load_articles([given])
        assert [a.origin for a in result.articles] == ["ok"]
        assert [e.name for e in result.errors] == [f"{feed} (record rec-7)", f"{feed}:2"]


def test_a_mistyped_folder_name_is_reported_missing_not_digested() -> None:
    """``digest(["nothere/"])`` had taken the folder's name for an article's text."""
    result = load_articles(["nothere/", "news digest/"])
    assert [str(e) for e in result.errors][0] == "nothere: no such file or directory"
    assert result.errors[1].name == "<text 2>"  # a space: text, as before


def test_ingest_interrupted_says_what_was_stored_and_how_to_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C had ended ``ingest`` with exit 130 and no word of what was kept."""
    import newsdigest.stories

    def interrupted(*args: object, on_batch: Any = None, **kwargs: object) -> None:
        on_batch(200)
        on_batch(200)
        raise KeyboardInterrupt

    monkeypatch.setattr(newsdigest.stories, "ingest", interrupted)
    db = tmp_path / "news.db"
    result = CliRunner().invoke(app, ["ingest", "examples/sochi-2019", "--db", str(db)])
    assert result.exit_code == 130
    assert f"interrupted: 400 records read into {db} before it" in result.output
    assert "run the same command again" in result.output


def test_a_folders_files_of_other_formats_are_counted_in_one_note(tmp_path: Path) -> None:
    """A folder's .pdf, .docx and picture were skipped without a word: the user saw fewer
    articles than files and no reason."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for i in range(2):
        (folder / f"{i}.txt").write_text(_seed_text(i), encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    (folder / "memo.docx").write_bytes(b"PK\x03\x04" + bytes(200))
    (folder / "photo.JPG").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    (folder / "sub" / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    result = load_articles([folder])
    assert len(result.articles) == 2 and not result.errors
    assert result.notices == (
        f"{folder}: skipped 4 files not in an article format (.docx, .jpg, .pdf)",
    )
    db = str(tmp_path / "news.db")
    for args in (["ingest", str(folder), "--db", db], ["digest", str(folder), "--no-facts"]):
        done = CliRunner().invoke(app, args)
        assert done.exit_code == 0, done.output  # a note, not an error
        notes = [ln for ln in done.stderr.splitlines() if ln.startswith("note:")]
        assert notes == [f"note: {result.notices[0]}"]
        assert "error:" not in done.stderr


def test_an_article_in_a_script_without_spaces_is_not_too_short(tmp_path: Path) -> None:
    """A Chinese article, one run of characters between spaces, was refused as "too short to
    be an article (1 word with a letter ...)"; so were Japanese and Thai ones. Each letter of
    such a script counts as a word; a stray character is still refused."""
    zh = (
        "中国国家主席习近平周二在北京会见了俄罗斯总统普京，双方就乌克兰局势和双边贸易交换了意见。"
        "会谈持续了三个小时。"
    )
    ja = "東京都は火曜日、新しい防災計画を発表した。"
    th = "นายกรัฐมนตรีกล่าวในวันอังคารว่ารัฐบาลจะลดภาษี"
    for i, text in enumerate((zh, ja, th, "中", "x 中")):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    result = load_articles([tmp_path])
    assert sorted(a.text[:8] for a in result.articles) == sorted(t[:8] for t in (zh, ja, th))
    assert [e.reason for e in result.errors] == [
        "too short to be an article (1 word with a letter; the least is 3,"
        " Limits.min_article_words)",
        "too short to be an article (2 words with a letter; the least is 3,"
        " Limits.min_article_words)",
    ]


def test_a_small_jsonl_gz_cut_short_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    """A .jsonl.gz under 8 KB once inflated, cut short, lost every line as "corrupt gzip
    data": its first 8 KB were read at once to tell its kind, and the cut raised before any
    was kept. A larger one kept its lines before the cut, as this one now does."""
    import gzip

    lines = "".join(
        json.dumps({"id": f"rec-{i}", "text": f"{_seed_text(0)[:150]} Item {i}."}) + "\n"
        for i in range(30)
    )
    assert len(lines) < 8192
    packed = gzip.compress(lines.encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) * 2 // 3])
    result = load_articles([cut])
    assert len(result.articles) >= 3
    (error,) = result.errors
    assert error.name == f"{cut}:{len(result.articles) + 1}"
    assert error.reason.startswith("truncated or corrupt gzip data")


def test_a_page_of_one_word_says_word_not_words(tmp_path: Path) -> None:
    """'no main text found in the page (only 1 words)'."""
    page = tmp_path / "menu.html"
    page.write_text("<html><body><p>Menu</p></body></html>", encoding="utf-8")
    (error,) = load_articles([page]).errors
    assert error.reason == "no main text found in the page (only 1 word)"


def test_a_record_that_is_no_object_is_named_by_its_json_type(tmp_path: Path) -> None:
    """ "record is a JSON NoneType, not an object": Python's type names for JSON's."""
    lines = tmp_path / "odd.jsonl"
    lines.write_text('null\n5\n"words here"\n[1]\ntrue\n2.5\n', encoding="utf-8")
    reasons = [e.reason for e in load_articles([lines]).errors]
    assert reasons == [
        f"record is a JSON {kind}, not an object"
        for kind in ("null", "number", "string", "array", "boolean", "number")
    ]


def test_a_link_to_a_folder_is_counted_in_the_note_not_followed(tmp_path: Path) -> None:
    """A folder of articles linked into the folder read ("today -> /data/2026-12-01") was
    passed over without a word; a link to a parent is not followed either (it never ends)."""
    folder = tmp_path / "in"
    other = tmp_path / "other"
    folder.mkdir()
    other.mkdir()
    (folder / "a.txt").write_text(_seed_text(0), encoding="utf-8")
    (other / "b.txt").write_text(_seed_text(1), encoding="utf-8")
    (folder / "today").symlink_to(other)
    (folder / "up").symlink_to(tmp_path)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    result = load_articles([folder])
    assert len(result.articles) == 1 and not result.errors
    assert result.notices == (
        f"{folder}: skipped 1 file not in an article format (.pdf) and 2 linked folders"
        " (links to folders are not followed)",
    )


def test_a_csv_of_articles_named_is_refused_in_one_line_not_read_as_one_text(
    tmp_path: Path,
) -> None:
    """A CSV named on the command line was sniffed as plain text: its rows were stored as one
    article and made the digest's sentences ('Council approves budget,"The city ...",')."""
    table = tmp_path / "articles.csv"
    table.write_text(
        f'title,text\nTalks,"{_seed_text(0)[:300]}"\nMore,"{_seed_text(1)[:300]}"\n',
        encoding="utf-8",
    )
    (error,) = list(iter_articles([table]))
    assert isinstance(error, InputError) and error.name == str(table)
    assert error.reason.startswith("a CSV table is not an article format; give articles as JSON")
    db = str(tmp_path / "news.db")
    done = CliRunner().invoke(app, ["ingest", str(table), "--db", db])
    assert done.exit_code == 2 and "read 0, stored 0" in done.stdout


def test_a_closed_standard_input_is_one_line_naming_it(tmp_path: Path) -> None:
    """``newsdigest digest - <&-`` (no standard input at all: Python's sys.stdin is None) ended
    in an AttributeError traceback."""
    for command in (["digest", "-"], ["ingest", "-", "--db", str(tmp_path / "news.db")]):
        done = subprocess.run(
            [sys.executable, "-m", "newsdigest", *command],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(SRC)},
            preexec_fn=lambda: os.close(0),  # the child starts with descriptor 0 closed
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert "error: <stdin>: standard input is closed" in done.stderr


def test_a_url_too_long_to_index_is_one_line_and_the_rest_stored(tmp_path: Path) -> None:
    """A record whose URL is longer than ``Limits.max_url_bytes`` (PostgreSQL's B-tree holds
    no key past ~2,700 bytes: such a URL failed the whole batch there) is refused alone, by
    the same rule on every store."""
    limit = DEFAULT_LIMITS.max_url_bytes
    lines = tmp_path / "feed.jsonl"
    records = [
        {"text": _seed_text(0), "url": "https://a.example/" + "x" * limit},
        {"text": _seed_text(1), "url": "https://b.example/" + "é" * (limit // 2)},
        {"text": _seed_text(2), "url": "https://c.example/" + "y" * (limit - 30)},
    ]
    lines.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    articles, errors = _split(list(iter_articles([lines])))
    assert [a.url for a in articles] == [records[2]["url"]]
    assert [(e.name, e.reason) for e in errors] == [
        (f"{lines}:1", f"URL too long (2,066 bytes; the limit is {limit:,}, Limits.max_url_bytes)"),
        (f"{lines}:2", f"URL too long (2,066 bytes; the limit is {limit:,}, Limits.max_url_bytes)"),
    ]


def test_a_file_of_many_bad_records_says_ten_and_then_how_many_more(tmp_path: Path) -> None:
    """A text file named .jsonl (here the seeds' own lines between their records), a JSON
    array of empty objects or a web archive of images printed one line per record: 400 lines
    for this file, 100,000 for a 1 MB array, burying the other files' lines. Now ten, then one
    line with the count; the records are all still counted in the report."""
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"text": _seed_text(i)}) for i in range(3)]
    junk = [line for p in SEED_FILES for line in p.read_text(encoding="utf-8").splitlines()]
    junk = [line for line in junk if line.strip()][:400]
    path.write_text("\n".join([lines[0], *junk, *lines[1:]]) + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(
        app, ["ingest", str(path), str(tmp_path / "empty.txt"), "--db", str(db)]
    )
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 12
    assert all(e.startswith(f"error: {path}:") for e in errors[:10])
    assert errors[10] == f"error: {tmp_path / 'empty.txt'}: empty file"
    assert errors[11].startswith(f"error: {path}: {len(junk) - 10} more records refused (")
    assert f"read 3, stored 3, duplicates 0 (0 near-duplicates), rejected {len(junk) + 1}" in (
        result.output
    )


def test_a_field_of_the_wrong_type_is_dropped_with_a_note_naming_record_and_field(
    tmp_path: Path,
) -> None:
    """A title that is a list, an impossible date (2019-02-30, a time in milliseconds read as
    seconds), a URL that is a number were dropped without a word (the user believed the article
    dated), and a source that is a list was stored as its Python text "['TASS']". Each record is
    kept, as before (only the text is required), and a note names the record and the field."""
    from newsdigest.store import open_store

    path = tmp_path / "feed.jsonl"
    records = [
        {"text": _seed_text(0), "title": ["Pompeo in Sochi"], "source": ["TASS"]},
        {"text": _seed_text(1), "published": "2019-02-30", "url": 5},
        {"text": _seed_text(2), "published": 1557835200000000, "title": "Talks in Sochi"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert notes == [
        f"note: {path}:1: 'source' is a JSON array, not a string: the article is kept without it",
        f"note: {path}:1: 'title' is a JSON array, not a string: the article is kept untitled",
        f"note: {path}:2: 'url' is 5, not a string: the article is kept without a URL",
        f"note: {path}:2: 'published' is '2019-02-30', no date (ISO 8601 or Unix seconds, of a"
        " year from 1000 to 8999): the article is kept undated",
        f"note: {path}:3: 'published' is 1557835200000000, no date (ISO 8601 or Unix seconds, of"
        " a year from 1000 to 8999): the article is kept undated",
    ]
    with open_store(str(db)) as store:
        stored = store.unclustered()
    assert len(stored) == 3
    assert {a.source for a in stored} == {None} and {a.published for a in stored} == {None}
    assert sorted(a.title for a in stored) == ["", "", "Talks in Sochi"]


def test_an_id_of_the_wrong_type_is_dropped_with_a_note_naming_file_and_line(
    tmp_path: Path,
) -> None:
    """An ``id`` that is a list, an object, a fraction or true had been dropped without a word
    (the article then known by its file and line, not the id the user gave), while a title or
    URL of the wrong type was said; the id is said the same way, the record kept."""
    path = tmp_path / "feed.jsonl"
    records = [
        {"text": _seed_text(0), "id": ["a1"]},
        {"text": _seed_text(1), "id": {"value": "a2"}},
        {"text": _seed_text(2), "id": 1.5},
        {"text": _seed_text(3), "id": True},
        {"text": _seed_text(4), "id": 7},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    why = "not a string or a whole number: the article is kept under its file and line"
    assert notes == [
        f"note: {path}:1: 'id' is a JSON array, {why}",
        f"note: {path}:2: 'id' is a JSON object, {why}",
        f"note: {path}:3: 'id' is 1.5, {why}",
        f"note: {path}:4: 'id' is a JSON boolean, {why}",
    ]


def test_a_page_saved_as_txt_and_an_indented_json_saved_as_jsonl_are_read_as_such(
    tmp_path: Path,
) -> None:
    """A browser's "save page" renamed .txt had its tags read as the article's text (the
    title "<html><head><title>..."), and a pretty-printed JSON article or array named .jsonl
    was a refusal per line ("invalid JSON" for "{", for '  "title": ...', ...) and no
    article. The page is read as a page; the document, whose first line is a lone bracket
    (no JSON Lines record is), as a .json file."""
    pages = [seed_page(p) for p in SEED_FILES[1:3]]
    saved = tmp_path / "saved.txt"
    saved.write_text(news_page_html(pages[0]), encoding="utf-8")
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"title": pages[1].title, "text": _seed_text(2)}, indent=2))
    many = tmp_path / "many.jsonl"
    many.write_text(json.dumps([{"text": _seed_text(i)} for i in (3, 4)], indent=2))
    arts, errs = _split(list(iter_articles([saved, one, many])))
    assert not errs, errs
    assert [a.origin for a in arts] == [str(saved), str(one), f"{many}[0]", f"{many}[1]"]
    page = arts[0]
    assert page.title == pages[0].title and page.url == pages[0].url
    assert "<" not in page.text and pages[0].paragraphs[0] in page.text
    assert arts[1].title == pages[1].title


def test_a_folder_nested_1200_deep_is_walked_to_its_bottom(tmp_path: Path) -> None:
    """os.walk recursed once a level: a folder 1,200 deep (2,400 characters of path, within
    the system's limit) ended ``digest`` and ``ingest`` in a RecursionError traceback. The
    walk keeps os.walk's order: a folder's files, then its subfolders' in name order; hidden
    ones and links to folders are passed over as before."""
    top = tmp_path / "news"
    top.mkdir()
    (top / "b.txt").write_text(_seed_text(1), encoding="utf-8")
    (top / ".hidden").mkdir()
    (top / ".hidden" / "c.txt").write_text(_seed_text(2), encoding="utf-8")
    (top / "z").mkdir()
    (top / "z" / "d.txt").write_text(_seed_text(3), encoding="utf-8")
    (top / "link").symlink_to(top / "z")
    bottom = top
    for _ in range(1200):
        bottom = bottom / "a"
        bottom.mkdir()
    deep = bottom / "e.txt"
    deep.write_text(_seed_text(4), encoding="utf-8")
    try:
        arts, errs = _split(list(iter_articles([top])))
    finally:  # shutil.rmtree, pytest's clean-up, recurses a level at a time too
        deep.unlink()
        while bottom != top:
            bottom.rmdir()
            bottom = bottom.parent
    assert not errs, errs
    assert [a.origin for a in arts] == [
        str(top / "b.txt"),
        str(deep),
        str(top / "z" / "d.txt"),
    ]


def test_a_gzip_file_with_trailing_garbage_is_read_as_gzip_reads_it(tmp_path: Path) -> None:
    """Bytes after a complete gzip member that open no other (a download's trailer, a
    tape's block padding of other bytes): gzip(1) decompresses the file and says "trailing
    garbage ignored"; the article had been refused whole as "truncated or corrupt gzip data
    (BadGzipFile)". A member cut short is still refused."""
    import gzip

    packed = gzip.compress(_seed_text(1).encode("utf-8"))
    (tmp_path / "trailer.txt.gz").write_bytes(packed + b"\r\n-- end of transfer --\r\n")
    (tmp_path / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    arts, errs = _split(list(iter_articles([tmp_path / "trailer.txt.gz", tmp_path / "cut.txt.gz"])))
    assert [a.origin for a in arts] == [str(tmp_path / "trailer.txt.gz")]
    (tmp_path / "plain.txt").write_text(_seed_text(1), encoding="utf-8")
    [plain] = _split(list(iter_articles([tmp_path / "plain.txt"])))[0]
    assert arts[0].text == plain.text
    assert [(e.name, e.reason) for e in errs] == [
        (str(tmp_path / "cut.txt.gz"), "truncated or corrupt gzip data (EOFError)")
    ]


STREAM = Path("/work/shared/data/streams/giveme5w1h_events.jsonl")


@pytest.mark.skipif(not STREAM.exists(), reason="no Giveme5W1H stream")
def test_json_saved_as_txt_is_read_as_json_not_shown_as_article_text(tmp_path: Path) -> None:
    """A .jsonl or .json file saved as .txt was one article whose text was the JSON itself,
    braces, keys and escapes printed in the digest."""
    lines = STREAM.read_text(encoding="utf-8").splitlines(keepends=True)[:3]
    (tmp_path / "feed.jsonl").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "feed.txt").write_text("".join(lines), encoding="utf-8")
    records = [json.loads(line) for line in lines]
    (tmp_path / "pretty.txt").write_text(json.dumps(records[:2], indent=2), encoding="utf-8")
    (tmp_path / "one.txt").write_text(json.dumps(records[2], indent=1), encoding="utf-8")
    expected = [(a.id, a.title, a.url) for a in load_articles([tmp_path / "feed.jsonl"]).articles]
    assert len(expected) == 3
    for name, count in (("feed.txt", 3), ("pretty.txt", 2), ("one.txt", 1)):
        result = load_articles([tmp_path / name])
        got = [(a.id, a.title, a.url) for a in result.articles]
        assert got == (expected[:count] if name != "one.txt" else expected[2:]), name
        assert not result.errors


def test_a_text_that_opens_with_a_bracket_is_still_text(tmp_path: Path) -> None:
    """An article beginning "[Updated 3 pm]" is no JSON array."""
    path = tmp_path / "a.txt"
    path.write_text("[Updated 3 pm] " + SEED_FILES[4].read_text(encoding="utf-8"), "utf-8")
    (article,) = load_articles([path]).articles
    assert article.title == "US And Russian Authorities Show Desire to Improve Relations"


def test_broken_json_saved_as_txt_is_one_line_saying_so(tmp_path: Path) -> None:
    lines = STREAM.read_text(encoding="utf-8").splitlines()[:1] if STREAM.exists() else []
    cut = (lines[0] if lines else '{"text": "' + "word " * 200 + '"}')[:400]
    path = tmp_path / "cut.txt"
    path.write_text(cut, encoding="utf-8")
    result = load_articles([path])
    assert not result.articles
    (error,) = result.errors
    assert error.name == f"{path}:1" and "invalid JSON" in error.reason, error


def _many_paragraphs_page(n: int) -> tuple[str, list[str]]:
    """A page of ``n`` short paragraphs, two words of the seeds each, and those paragraphs."""
    words = [w for w in " ".join(_seed_text(i) for i in range(5)).split() if w.isalpha()]
    paragraphs = [
        f"{words[i % len(words)].capitalize()} {words[i * 7 % len(words)]}." for i in range(n)
    ]
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    head = "<head><title>Many paragraphs</title></head>"
    return (
        f"<html>{head}<body><article><h1>Many paragraphs</h1>{body}</article></body></html>",
        paragraphs,
    )


def test_a_page_of_many_short_paragraphs_is_read_in_linear_time() -> None:
    """trafilatura reads a page's paragraphs with the XPath "//p//text()", which libxml2
    evaluates in time quadratic in the paragraphs: 50,000 took 11 s, 60,000 31 s."""
    from newsdigest.ingest.html import extract_html

    html, paragraphs = _many_paragraphs_page(60_000)
    started = time.process_time()  # CPU, not wall: other work on a loaded machine is not ours
    article = extract_html(html, name="many.html")
    assert time.process_time() - started < 15  # 31 s before, 4 s after
    assert isinstance(article, Article)
    assert article.text.split("\n") == ["Many paragraphs", *paragraphs]  # a line each


def test_paragraphs_given_as_one_read_as_trafilatura_reads_them_apart() -> None:
    import trafilatura

    from newsdigest.ingest.html import EXTRACTION_OPTIONS, fewer_paragraphs

    html, _ = _many_paragraphs_page(6_000)  # few enough to read apart in a moment
    merged = fewer_paragraphs(html)
    assert merged.count("<p>") < 10
    apart, together = (trafilatura.bare_extraction(h, **EXTRACTION_OPTIONS) for h in (html, merged))
    assert apart.text == together.text and apart.title == together.title


def test_a_page_of_few_paragraphs_is_given_to_trafilatura_as_it_is() -> None:
    from newsdigest.ingest.html import fewer_paragraphs

    for path in SEED_FILES:
        html = news_page_html(seed_page(path))
        assert fewer_paragraphs(html) is html


def test_a_stray_nul_in_a_text_or_page_title_is_dropped_not_the_article(tmp_path: Path) -> None:
    """One NUL byte in a saved page's or text's title (a broken CMS, a crawler's slip) made
    the whole file "binary file (not HTML)" and its article was lost."""
    text = SEED_FILES[4].read_text(encoding="utf-8")
    page = news_page_html(seed_page(SEED_FILES[4]))
    (tmp_path / "a.txt").write_text(text.replace("Russian", "Rus\x00sian", 1), encoding="utf-8")
    (tmp_path / "b.html").write_text(page.replace("Russian", "Rus\x00sian", 1), encoding="utf-8")
    clean = {p.suffix: load_articles([p]).articles for p in _plain_copies(tmp_path, text, page)}
    result = load_articles([tmp_path / "a.txt", tmp_path / "b.html"])
    assert not result.errors, result.errors
    assert [(a.title, a.text) for a in result.articles] == [
        (clean[".txt"][0].title, clean[".txt"][0].text),
        (clean[".html"][0].title, clean[".html"][0].text),
    ]
    (tmp_path / "c.txt").write_bytes(text.encode() + b"\x00" * 40)  # NUL after NUL: binary
    (err,) = load_articles([tmp_path / "c.txt"]).errors
    assert err.reason.startswith("binary file")


def _plain_copies(tmp_path: Path, text: str, page: str) -> list[Path]:
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "plain" / "b.html").write_text(page, encoding="utf-8")
    return [tmp_path / "plain" / "a.txt", tmp_path / "plain" / "b.html"]


def test_a_page_nested_past_the_parsers_depth_says_so() -> None:
    """libxml2 reads elements nested at most 256 deep: an article wrapped in 250 <div>s lost
    its text, and the page was refused as "no main text found in the page", as a menu is."""
    from newsdigest.ingest.html import extract_html

    page = news_page_html(seed_page(SEED_FILES[1]))
    shallow, deep = (
        page.replace("<body>", "<body>" + "<div>" * d, 1).replace(
            "</body>", "</div>" * d + "</body>"
        )
        for d in (200, 300)
    )
    assert isinstance(extract_html(shallow, name="shallow.html"), Article)
    err = extract_html(deep, name="deep.html")
    assert isinstance(err, InputError)
    assert str(err) == (
        "deep.html: no main text found in the page: its elements nest over 256 deep, past what"
        " the HTML parser reads"
    )


def test_html_in_a_record_nested_past_the_parsers_depth_says_so(tmp_path: Path) -> None:
    """A record whose HTML text wrapped its paragraphs in 300 <div>s was "'text' is HTML
    without text": libxml2 had stopped building at 256 levels."""
    paragraphs = "".join(f"<p>{p}</p>" for p in _seed_text(1).split("\n\n"))
    path = tmp_path / "deep.jsonl"
    path.write_text(
        "".join(json.dumps({"title": "Deep", "text": "<div>" * d + paragraphs + "</div>" * d}) + "\n"
                for d in (100, 300)),
        encoding="utf-8",
    )  # fmt: skip
    result = load_articles([path])
    assert len(result.articles) == 1
    assert [str(e) for e in result.errors] == [
        f"{path}:2: 'text' is HTML without text: its elements nest over 256 deep, past what"
        " the HTML parser reads"
    ]


@pytest.mark.parametrize(
    "opening", ['["Sponsored"] ', "[[UPDATED]] ", '{"Sponsored"} ', '["A" and "B"] ']
)
def test_a_text_that_opens_with_a_quoted_bracket_is_still_text(
    tmp_path: Path, opening: str
) -> None:
    """A press release opening '["Sponsored"]' or '[[UPDATED]]' had been refused as invalid
    JSON, its article lost; only a first JSON value that parses, or an object opening with a
    key and its colon, makes a .txt file JSON."""
    seed = SEED_FILES[4].read_text(encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text(opening + seed, "utf-8")
    result = load_articles([path])
    assert not result.errors
    (article,) = result.articles
    assert article.title.endswith("US And Russian Authorities Show Desire to Improve Relations")


def test_a_zip_or_tar_of_articles_says_to_unpack_it(tmp_path: Path) -> None:
    """A zip or .tar.gz of the seed articles named on the command line was "unsupported file
    type (binary, not an article format)", as a picture is: it says what it is and what to do."""
    import tarfile
    import zipfile

    with zipfile.ZipFile(tmp_path / "seeds.zip", "w") as zf:
        for seed in SEED_FILES:
            zf.write(seed, seed.name)
    with tarfile.open(tmp_path / "seeds.tar.gz", "w:gz") as tf:
        for seed in SEED_FILES:
            tf.add(seed, seed.name)
    for name, kind in (("seeds.zip", "zip"), ("seeds.tar.gz", "tar")):
        (err,) = list(read_file(tmp_path / name))
        assert isinstance(err, InputError)
        assert err.reason == f"a {kind} archive is not read; unpack it and give its folder"


def test_a_docx_or_epub_is_not_called_a_zip_to_unpack(tmp_path: Path) -> None:
    """A .docx or .epub is a zip too: it had been "a zip archive is not read; unpack it and give
    its folder", which gives XML parts, not articles; it says to save it as text instead (a
    Word file renamed without its extension too), while a zip of articles still says unpack."""
    import zipfile

    seed = SEED_FILES[0].read_text(encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "report.docx", "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f"<w:document><w:t>{seed}</w:t></w:document>")
    with zipfile.ZipFile(tmp_path / "book.epub", "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("OEBPS/ch1.xhtml", f"<html><body><p>{seed}</p></body></html>")
    (tmp_path / "report").write_bytes((tmp_path / "report.docx").read_bytes())
    for name in ("report.docx", "book.epub", "report"):
        (err,) = list(read_file(tmp_path / name))
        assert isinstance(err, InputError)
        assert err.reason == "a word-processor or e-book file is not read; save it as text or HTML"


@pytest.mark.parametrize("order", ["little", "big"])
def test_a_file_of_token_ids_is_no_utf32_text(tmp_path: Path, order: str) -> None:
    """A seed article as a language model's token ids, 32 bits each (a "train.bin" in a folder
    given): its two high bytes are NUL as UTF-32 text's are, and it had been read as an
    article of scattered letters of every script, where the reader before said "binary"; text
    has spaces or punctuation between its letters, the ids none."""
    import zlib

    words = _seed_text(0).split()
    ids = b"".join((zlib.crc32(w.encode()) % 50_000).to_bytes(4, order) for w in words)
    (tmp_path / "train.bin").write_bytes(ids)
    (err,) = list(read_file(tmp_path / "train.bin"))
    assert isinstance(err, InputError), err
    assert err.reason.startswith("unsupported file type (binary")
    # the article itself as UTF-32 without its mark is still text
    (tmp_path / "a.txt").write_bytes(_seed_text(0).encode(f"utf-32-{order[0]}e"))
    (article,) = list(read_file(tmp_path / "a.txt"))
    assert "Pompeo" in article.text


def test_standard_input_named_twice_is_read_once_and_the_second_said_so(
    tmp_path: Path, seed_paths: list[Path]
) -> None:
    """``digest - - < seed.txt`` had said "<stdin>: empty file" of the second "-", the input
    it named read a moment before; ``ingest`` counted it so."""
    expected = "error: <stdin>: given more than once; standard input is read once"
    for command in (["digest", "--no-facts"], ["ingest", "--db", str(tmp_path / "news.db")]):
        with seed_paths[0].open("rb") as seed:
            done = subprocess.run(
                [sys.executable, "-m", "newsdigest", *command, "-", "-"],
                stdin=seed,
                capture_output=True,
                text=True,
                timeout=120,
                env={**os.environ, "PYTHONPATH": str(SRC)},
            )
        assert done.stderr.strip().splitlines() == [expected], done.stderr
    assert "read 1, stored 1" in done.stdout


def test_a_files_misspelled_and_unread_fields_are_said_once_with_a_near_name(
    tmp_path: Path, dev_stream_rows: list[dict[str, str]]
) -> None:
    """Dev-stream records with "title" typed "titel" and "published" typed "publshed" (and
    every record's "label", which no reader reads) were read without their title and date,
    and without a word. One note a file now names the fields no reader reads, asking "did you
    mean" where a read field is spelled alike; the articles are still read as before."""
    rows = [dict(r) for r in dev_stream_rows[:3]]  # the fixture is shared: not changed
    typed = [
        {("titel" if k == "title" else "publshed" if k == "published" else k): v
         for k, v in row.items()}
        for row in rows
    ]  # fmt: skip
    feed = tmp_path / "typed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in typed), encoding="utf-8")
    array = tmp_path / "typed.json"
    array.write_text(json.dumps([{**typed[0], "Title": "x", "filename": "a"}]), encoding="utf-8")
    result = load_articles([feed, array])
    assert len(result.articles) == 4 and not result.errors
    read = " (an article's fields are text, title, url, published, source and id)"
    assert result.notices == (
        f"{feed}: fields not read: 'titel' (did you mean 'title'?), 'publshed' (did you mean"
        f" 'published'?), 'label'{read}",
        f"{array}: fields not read: 'titel' (did you mean 'title'?), 'publshed' (did you mean"
        f" 'published'?), 'label', 'Title' (did you mean 'title'?), 'filename'{read}",
    )
    db = str(tmp_path / "news.db")
    done = CliRunner().invoke(app, ["ingest", str(feed), "--db", db])
    assert done.exit_code == 0, done.output
    assert [ln for ln in done.stderr.splitlines() if ln.startswith("note:")] == [
        f"note: {result.notices[0]}"
    ]
    plain = tmp_path / "plain.jsonl"
    plain.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert load_articles([plain]).notices == ()  # "label" alone: see the test below


def test_a_million_refused_records_are_counted_not_each_kept(tmp_path: Path) -> None:
    """Every refused record had been kept (``LoadResult.errors``, ~550 bytes each): a JSON
    Lines file of a million ``{}`` took 790 MB to say it held no article. The first
    ``KEPT_REFUSALS`` are kept whole, every one is counted and told to ``on_error``."""
    from newsdigest.errors import KEPT_REFUSALS, reason_counts

    path = tmp_path / "empty.jsonl"
    path.write_text("{}\n" * 5000, encoding="utf-8")
    told: list[str] = []
    result = load_articles([path], on_error=lambda e: told.append(e.name))
    assert len(told) == 5000 and told[-1] == f"{path}:5000"
    assert len(result.errors) == KEPT_REFUSALS and result.errors[0].name == f"{path}:1"
    assert result.errors.total == 5000
    assert reason_counts(result.errors) == "5000 'text' is missing (it is the one required field)"
    assert result.errors.left_out_line() == (
        "4,000 more refused, not kept (4000 'text' is missing (it is the one required field))"
    )


def test_an_exports_own_fields_are_not_noted_at_every_ingest(
    tmp_path: Path, dev_stream_rows: list[dict[str, str]]
) -> None:
    """The dev stream as shipped: every record has a "label" no reader reads and no field
    misspelt. Its ingest had printed "field not read: 'label'" each time (as would any
    export's "category" or "authors"); a note is for a field that looks like a read one."""
    stream = tmp_path / "giveme5w1h_events.jsonl"
    stream.write_text("".join(json.dumps(r) + "\n" for r in dev_stream_rows), encoding="utf-8")
    result = load_articles([stream])
    assert len(result.articles) > 100  # its non-articles are errors, as before
    assert result.notices == ()
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps({"text": "Rain fell on Paris all day.", "category": "x", "Titel": "y"}) + "\n",
        encoding="utf-8",
    )
    assert load_articles([extra]).notices == (
        f"{extra}: fields not read: 'category', 'Titel' (did you mean 'title'?) (an article's"
        " fields are text, title, url, published, source and id)",
    )


def test_a_file_of_many_unread_fields_is_read_without_comparing_each(tmp_path: Path) -> None:
    """A record of 100,000 keys of its own (a hostile or merely wide export) had each key
    compared with every read field's spelling, 8.7 s before the first article; the first
    ``MAX_UNREAD_COMPARED`` keys met are compared, so a misspelt field further on goes
    unsaid."""
    import time

    record = {f"k{i:07d}": 1 for i in range(100_000)}
    feed = tmp_path / "wide.json"
    feed.write_text(json.dumps({**record, "text": "Rain fell on Paris.", "titel": "x"}))
    started = time.perf_counter()
    result = load_articles([feed])
    assert time.perf_counter() - started < 3.0
    assert len(result.articles) == 1 and result.notices == ()


def test_a_store_that_fills_mid_ingest_says_what_was_stored_before(
    tmp_path: Path, dev_stream_rows: list[dict[str, str]]
) -> None:
    """A store that could not be written mid-run (a full disk; here the file-size limit, as
    ``ulimit -f`` sets it, past which the store's log cannot grow) said only "batch not stored
    (nothing committed): disk I/O error": the batches committed before it, kept, went unsaid,
    and the limit too."""
    import resource

    stream = tmp_path / "stream.jsonl"  # the dev stream: 1.5 MB of text
    stream.write_text("".join(json.dumps(row) + "\n" for row in dev_stream_rows), "utf-8")
    db = tmp_path / "news.db"
    src = Path(__file__).resolve().parents[1] / "src"
    env = dict(os.environ, PYTHONPATH=str(src))

    def one_megabyte_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, resource.RLIM_INFINITY))

    command = [sys.executable, "-m", "newsdigest", "ingest", str(stream), "--db", str(db)]
    done = subprocess.run(
        [*command, "--batch", "20"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=one_megabyte_files,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    (line,) = [x for x in done.stderr.splitlines() if "batch not stored" in x]
    kept = re.search(r"; (\d+) records were read into (.+) before it \(run the same", line)
    assert kept and int(kept.group(1)) > 0 and kept.group(2) == str(db), line
    # SQLite's bare "disk I/O error" is the limit's EFBIG: the line names the limit
    assert "disk I/O error (this process may write files of at most 1,000,000 bytes" in line
    import sqlite3

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    conn.close()


@pytest.mark.parametrize("wide", [(1, 2), (8, 9), (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)])
def test_utf16_lines_appended_to_a_utf8_jsonl_file_are_read(
    tmp_path: Path, dev_stream_rows: list[dict[str, str]], wide: tuple[int, ...]
) -> None:
    """Windows PowerShell's ``>>`` appends UTF-16-LE lines (newline "\\r\\n" as "\\r\\0\\n\\0")
    to a UTF-8 JSON Lines file. Such lines in the first 8 KB had the whole file decoded as
    UTF-16 (its UTF-8 lines "invalid JSON", or all of it "invalid UTF-16-BE") or refused as
    "binary"; further on, each was "invalid JSON" and so was the good line after it (its first
    byte the newline's NUL). Every record is read now, as from the file all in UTF-8."""
    lines = [
        json.dumps({k: row[k] for k in ("text", "title", "url")}) for row in dev_stream_rows[:12]
    ]
    utf8 = tmp_path / "utf8.jsonl"
    utf8.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(
        b"".join(
            (line + "\r\n").encode("utf-16-le") if k in wide else (line + "\n").encode()
            for k, line in enumerate(lines)
        )
    )
    read, errors = _split(list(iter_articles([str(mixed)])))
    assert errors == []
    assert [a.id for a in read] == [a.id for a in iter_articles([str(utf8)])]


def test_a_compressed_page_cut_short_in_a_warc_is_refused_not_stored_cut(tmp_path: Path) -> None:
    """A response stored with its ``Content-Encoding: gzip`` body cut short (a crawler that lost
    the connection) was stored as the article as far as it went ("... the main topic of a
    se"); one damaged past its first 16 KB too, after warcio wrote a bare "Error -3 while
    decompressing data" to stderr; a brotli body was "not HTML (no markup found)". Whole
    compressed pages, plain, gzip, deflate or chunked, are read as before."""
    import gzip
    import zlib

    page = news_page_html(seed_page(SEED_FILES[0])).encode()
    packed = gzip.compress(page)

    def chunks(data: bytes) -> bytes:
        parts = [data[i : i + 500] for i in range(0, len(data), 500)]
        return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"

    import random
    from dataclasses import replace

    words, rng = _seed_text(0).split(), random.Random(0)  # little to compress: over 40 KB
    paragraphs = tuple(" ".join(rng.choice(words) for _ in range(80)) + "." for _ in range(400))
    long_page = news_page_html(replace(seed_page(SEED_FILES[0]), paragraphs=paragraphs))
    damaged = bytearray(gzip.compress(long_page.encode()))
    assert len(damaged) > 40_000
    damaged[30_000:30_100] = bytes(b ^ 0x5A for b in damaged[30_000:30_100])
    gz = (("Content-Encoding", "gzip"),)
    chunked = (*gz, ("Transfer-Encoding", "chunked"))
    records = [
        WarcRecord("https://a.example/whole", packed, http_headers=gz),
        WarcRecord("https://a.example/deflate", zlib.compress(page), http_headers=(("Content-Encoding", "deflate"),)),
        WarcRecord("https://a.example/chunked", chunks(packed), http_headers=chunked),
        WarcRecord("https://a.example/cut", packed[: len(packed) * 2 // 3], http_headers=gz),
        WarcRecord("https://a.example/cut-chunked", chunks(packed[:300]), http_headers=chunked),
        WarcRecord("https://a.example/damaged", bytes(damaged), http_headers=gz),
        WarcRecord("https://a.example/br", b"\x8b\x03\x80" + bytes(200), http_headers=(("Content-Encoding", "br"),)),
    ]  # fmt: skip
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, records)
    read, errors = _split(list(iter_articles([str(path)])))
    assert [a.url for a in read] == [r.url for r in records[:3]]
    assert len({a.text for a in read}) == 1  # the same page each time
    assert [e.reason for e in errors] == [
        "truncated record (its gzip-encoded body ends early)",
        "truncated record (its gzip-encoded body ends early)",
        "corrupt record (its gzip-encoded body is damaged)",
        "its body is br-compressed, which is not read",
    ]
    assert [e.name.rsplit(" ", 1)[1] for e in errors] == [f"<{r.url}>" for r in records[3:]]


def test_json_lines_ended_by_carriage_returns_alone_are_read_line_by_line(tmp_path: Path) -> None:
    """A JSON Lines file whose lines end in "\\r" alone (classic Mac OS, some exporters) was one
    line, "invalid JSON (Extra data ...)" for every record; now each line is a record, a bad
    one named by its line, and a pretty-printed JSON document so ended is read whole too."""
    titles = ["Pompeo in Sochi", "Putin meets Pompeo", "Lavrov and Pompeo talk"]
    records = [json.dumps({"title": t, "text": _seed_text(i)}) for i, t in enumerate(titles)]
    path = tmp_path / "mac.jsonl"
    path.write_bytes("\r".join([records[0], "{oops", records[1], "", records[2]]).encode())
    result = load_articles([path])
    assert [a.title for a in result.articles] == titles
    assert [str(e).split(": ")[0] for e in result.errors] == [f"{path}:2"]
    pretty = tmp_path / "pretty.jsonl"
    doc = json.dumps([{"text": _seed_text(0)}, {"text": _seed_text(1)}], indent=2)
    pretty.write_bytes(doc.replace("\n", "\r").encode())
    assert len(load_articles([pretty]).articles) == 2
    long_first = tmp_path / "long.jsonl"  # a first line longer than the head the format is
    long_first.write_bytes(  # told from
        "\r".join([json.dumps({"text": _seed_text(0) * 20}), *records]).encode()
    )
    assert len(load_articles([long_first]).articles) == 4
    cut = tmp_path / "cut.jsonl.gz"  # gzip cut short: the lines before the cut, then one line
    many = [json.dumps({"text": f"{_seed_text(0)} {i}"}) for i in range(150)]
    packed = gzip.compress("\r".join(many).encode())
    cut.write_bytes(packed[: len(packed) // 2])
    items = list(iter_articles([cut]))
    assert len(items) > 10 and all(isinstance(i, Article) for i in items[:-1])
    assert str(items[-1]).endswith("truncated or corrupt gzip data (EOFError)")
    crlf = tmp_path / "crlf.jsonl"  # Windows line ends stay lines ended by "\n"
    crlf.write_bytes("\r\n".join(records).encode())
    assert len(load_articles([crlf]).articles) == 3


def test_a_brotli_page_in_a_warc_is_refused_alike_with_the_brotli_package() -> None:
    """warcio undoes ``Content-Encoding: br`` where the brotli package is installed, and fails
    on today's brotli ("'brotli.Decompressor' object has no attribute 'unused_data'"): such a
    page had been "truncated or corrupt record (its header is cut short ...)" there. It is
    refused for its coding, as without the package, and the records after it are read."""
    brotli = pytest.importorskip("brotli")
    import gzip
    import tempfile

    page = news_page_html(seed_page(SEED_FILES[0])).encode()
    records = [
        WarcRecord("https://a.example/br", brotli.compress(page), http_headers=(("Content-Encoding", "br"),)),
        WarcRecord("https://a.example/gzip", gzip.compress(page), http_headers=(("Content-Encoding", "gzip"),)),
    ]  # fmt: skip
    path = Path(tempfile.mkdtemp()) / "crawl.warc.gz"
    write_warc(path, records)
    read, errors = _split(list(iter_articles([str(path)])))
    assert [a.url for a in read] == [records[1].url]
    assert [(e.name.rsplit(" ", 1)[1], e.reason) for e in errors] == [
        ("<https://a.example/br>", "its body is br-compressed, which is not read")
    ]


@pytest.mark.parametrize(
    "title",
    [
        "上海 to host the talks",  # 上 U+4E0A: its first UTF-16-LE byte 0x0A
        "Њујорк: the talks go on",  # Њ U+040A
        "ਪੰਜਾਬ votes",  # Gurmukhi, U+0A00-U+0A7F: 0x0A the second byte
        "上海" * 500,  # a title of CJK text: few NULs in the line
    ],
)
def test_a_utf16_line_whose_character_holds_a_newline_byte_is_one_line(
    tmp_path: Path, dev_stream_rows: list[dict[str, str]], title: str
) -> None:
    """A UTF-16-LE line appended to a UTF-8 JSON Lines file, with a character one of whose
    bytes is 0x0A: the line had been cut there, and every line after it was "invalid UTF-8"
    or "invalid JSON" (the file's NULs at odd places from then on). Its record and all the
    others are read now, as from the file all in UTF-8, with the lines numbered as written."""
    rows = [{k: row[k] for k in ("text", "title", "url")} for row in dev_stream_rows[:8]]
    rows[2]["title"] = rows[4]["title"] = title
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    utf8 = tmp_path / "utf8.jsonl"
    utf8.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(
        b"".join(
            (line + "\r\n").encode("utf-16-le") if k in (2, 4, 5) else (line + "\n").encode()
            for k, line in enumerate(lines)
        )
        + b"{broken\n"
    )
    read, errors = _split(list(iter_articles([str(mixed)])))
    assert [str(e) for e in errors] == [
        f"{mixed}:9: invalid JSON (Expecting property name enclosed in double quotes: column 2)"
    ]
    assert [(a.id, a.title) for a in read] == [(a.id, a.title) for a in iter_articles([str(utf8)])]


def test_a_warc_body_labelled_gzip_that_is_not_gzip_is_read_or_refused_in_words(
    tmp_path: Path,
) -> None:
    """A WARC response whose ``Content-Encoding: gzip`` body is not gzip: a plain page (a
    server that labels it so) had been read without a word, and data in another coding
    refused as "binary file (not HTML)", as if the page were a picture. The plain page is
    read as it is with a note (an archived answer cannot be asked for again, and warcio reads
    it so); other data is refused saying its label is wrong."""
    import zlib

    html = news_page_html(seed_page(SEED_FILES[0])).encode()
    gz = (("Content-Encoding", "gzip"),)
    path = tmp_path / "crawl.warc.gz"
    ids = write_warc(
        path,
        [
            WarcRecord("https://a.example/plain", html, http_headers=gz),
            WarcRecord("https://a.example/deflate", zlib.compress(html), http_headers=gz),
            WarcRecord("https://a.example/zipped", gzip.compress(html), http_headers=gz),
        ],
    )
    result = load_articles([str(path)])
    assert [a.url for a in result.articles] == [
        "https://a.example/plain",
        "https://a.example/zipped",
    ]
    label = "its body is labelled Content-Encoding gzip but is not gzip data"
    assert list(result.notices) == [
        f"{path}: record {ids[0]} <https://a.example/plain>: {label}: read as it is"
    ]
    assert [str(e) for e in result.errors] == [
        f"{path}: record {ids[1]} <https://a.example/deflate>: {label}"
    ]


def test_a_file_gzipped_twice_is_read_and_a_bomb_so_wrapped_is_refused(tmp_path: Path) -> None:
    """A .gz a server sent gzipped again, saved as it came (``curl`` without ``--compressed``),
    had been "binary file (not text)" (not JSON, not HTML, not JSON Lines). Each is read now,
    as its one-layer twin; a bomb inside two layers is refused as one inside one is."""
    text = _seed_text(0)
    page = "<html><body><article><p>" + text.replace("\n\n", "</p><p>") + "</p></article>"
    payloads = {
        "a.txt.gz": text,
        "b.jsonl.gz": json.dumps({"text": text}) + "\n",
        "c.json.gz": json.dumps([{"text": text}]),
        "d.html.gz": page,
    }
    for name, payload in payloads.items():
        (tmp_path / name).write_bytes(gzip.compress(gzip.compress(payload.encode())))
    result = load_articles([tmp_path])
    assert list(result.errors) == [] and len(result.articles) == 4
    assert {a.text for a in result.articles[:3]} == {
        load_articles([SEED_FILES[0]]).articles[0].text
    }
    bomb = tmp_path / "bomb" / "e.jsonl.gz"
    bomb.parent.mkdir()
    inner = zlib.compressobj(9, zlib.DEFLATED, 31)
    body = inner.compress(b'{"text": "') + b"".join(
        inner.compress(b"a" * (1 << 20)) for _ in range(200)
    )
    bomb.write_bytes(gzip.compress(body + inner.flush()))
    (error,) = load_articles([bomb]).errors
    assert error.reason == "gzip bomb: over 100 times its compressed size past the 20 MB limit"


def test_a_warc_body_gzipped_twice_or_in_listed_codings_is_read(tmp_path: Path) -> None:
    """A page gzipped twice (a server and a proxy) under one ``Content-Encoding: gzip``, one
    labelled "gzip, gzip", "gzip, deflate" or "x-gzip", or gzip labelled none, had been
    "binary file (not HTML)", as if it were a picture: warcio undoes one coding it knows by
    name. Each is read now (a layer no label told of, with a note); an inner layer cut short,
    damaged or past the size limit is refused for that, in a record's words."""
    import zlib

    html = news_page_html(seed_page(SEED_FILES[0])).encode()
    once = gzip.compress(html)
    gz = (("Content-Encoding", "gzip"),)
    bomb = gzip.compress(gzip.compress(b"<html><body>" + b"a" * (21 << 20)))
    records = [
        WarcRecord("https://a.example/twice", gzip.compress(once), http_headers=gz),
        WarcRecord("https://a.example/listed", gzip.compress(once), http_headers=(("Content-Encoding", "gzip, gzip"),)),
        WarcRecord("https://a.example/deflated", zlib.compress(once), http_headers=(("Content-Encoding", "gzip, deflate"),)),
        WarcRecord("https://a.example/x-gzip", once, http_headers=(("Content-Encoding", "x-gzip"),)),
        WarcRecord("https://a.example/unlabelled", once),
        WarcRecord("https://a.example/cut", gzip.compress(once[: len(once) // 2]), http_headers=gz),
        WarcRecord("https://a.example/damaged", gzip.compress(once[:20] + bytes(40) + once[60:]), http_headers=gz),
        WarcRecord("https://a.example/bomb", bomb, http_headers=gz),
    ]  # fmt: skip
    path = tmp_path / "crawl.warc.gz"
    ids = write_warc(path, records)
    result = load_articles([str(path)])
    assert [a.url for a in result.articles] == [r.url for r in records[:5]]
    assert len({a.text for a in result.articles}) == 1  # the same page each time
    assert list(result.notices) == [
        f"{path}: record {ids[0]} <https://a.example/twice>: its body is gzip-compressed once"
        " more than its Content-Encoding gzip says: read decompressed",
        f"{path}: record {ids[4]} <https://a.example/unlabelled>: its body is gzip data though"
        " no Content-Encoding says so: read decompressed",
    ]
    assert [e.reason for e in result.errors] == [
        "truncated record (its gzip-encoded body ends early)",
        "corrupt record (its gzip-encoded body is damaged)",
        "record too large (over the 20 MB limit)",
    ]


@pytest.mark.parametrize("mark", [b"\xff\xfe", b""])
@pytest.mark.parametrize("pad", ["", " "])
def test_utf8_lines_appended_to_a_utf16_jsonl_file_are_read(
    tmp_path: Path, dev_stream_rows: list[dict[str, str]], mark: bytes, pad: str
) -> None:
    """A JSON Lines file made by Windows PowerShell's ``>`` (UTF-16-LE, with or without its
    mark) to which another tool appended UTF-8 lines: the whole file had been refused
    ("invalid UTF-16 at byte 26064"), or, where the UTF-8 part had an even length, its UTF-8
    records read as one line of CJK ("invalid JSON"). Every record is read now."""
    lines = [
        json.dumps({k: row[k] for k in ("text", "title", "url")}) for row in dev_stream_rows[:6]
    ]
    utf8 = tmp_path / "utf8.jsonl"
    utf8.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    mixed = tmp_path / "mixed.jsonl"
    head = "".join(line + "\r\n" for line in lines[:2]).encode("utf-16-le")
    mixed.write_bytes(mark + head + ("".join(line + "\n" for line in lines[2:]) + pad).encode())
    read, errors = _split(list(iter_articles([str(mixed)])))
    assert errors == []
    assert [a.id for a in read] == [a.id for a in iter_articles([str(utf8)])]


def test_a_page_with_a_script_or_image_too_long_for_the_parser_keeps_its_article(
    tmp_path: Path,
) -> None:
    """libxml2 reads a text, comment or attribute value of at most 10,000,000 characters; past
    one the page's tree ended there: a page with a 10.5 MB inline script (a site's state as
    JSON) or comment lost its article ("no main text found in the page"), one with a 10.5 MB
    data: image most of it. What no reader sees is emptied first now, so each reads as the
    page without it; a paragraph past the limit says so."""
    from newsdigest.ingest.html import PARSER_RUN, extract_html

    title, _, text = _seed_text(0).partition("\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    head = f"<html><head><title>{title}</title></head>"  # no JSON-LD body to fall back on
    body = f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    whole = extract_html(f"{head}<body>{body}", name="plain.html")
    assert isinstance(whole, Article)
    run = "x" * (PARSER_RUN + 500_000)
    pages = {
        "script.html": f"{head}<body><script>var state = '{run}';</script>{body}",
        "comment.html": f"{head}<body><!-- {run} -->{body}",
        "image.html": f'{head}<body><img src="data:image/png;base64,{run}">{body}',
    }
    for name, page in pages.items():
        article = extract_html(page, name=name)
        assert isinstance(article, Article), article
        assert article.text == whole.text, name
    started = time.perf_counter()  # openers never closed are looked past once, not each
    for opener in ("<script>", "<!--"):
        unclosed = extract_html(f"{head}<body>{body}" + opener * 1_500_000, name="open.html")
        assert isinstance(unclosed, Article) and unclosed.text == whole.text
    assert time.perf_counter() - started < 20  # 1.5 s here; a first version ran for minutes
    alone = extract_html(f"<html><body><p>{run}</p></body></html>", name="run.html")
    assert isinstance(alone, InputError)
    assert alone.reason == (
        "article text too long (a paragraph of 10,500,000 characters; the limit is 1,000,000,"
        " Limits.max_article_chars)"
    )


def test_a_paragraph_past_the_parsers_reach_is_refused_as_too_long() -> None:
    """Among the seed article's paragraphs, one of 9,900,000 characters was refused as an
    article text too long, while one of 10,500,000 (past libxml2's reach) was dropped without
    a word, the page stored without it and the paragraphs after it. It is too long too."""
    from newsdigest.ingest.html import extract_html

    title, _, text = _seed_text(0).partition("\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    page = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}<p>{'word ' * 2_100_000}</p><p>After it, the ministers spoke again.</p>"
        "</article></body></html>"
    )
    refused = extract_html(page, name="long.html")
    assert isinstance(refused, InputError)
    assert refused.reason == (
        "article text too long (a paragraph of 10,500,000 characters; the limit is 1,000,000,"
        " Limits.max_article_chars)"
    )


def test_a_page_of_script_openers_with_no_tag_end_after_them_is_read_in_one_pass() -> None:
    """A page past the parser's 10,000,000 characters that ends in openers of scripts or
    styles with no ">" after any (a page cut short inside its tags, or a hostile one): the
    opener's tag had been read by a regex to the next ">", which ran to the page's end from
    each of 1.5 million openers (over a minute, quadratic); the first opener without one now
    stops the search for them, and the article is read."""
    from newsdigest.ingest.html import extract_html

    title, _, text = _seed_text(0).partition("\n")
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    page = f"<html><head><title>{title}</title></head><body><article>{paragraphs}</article>"
    whole = extract_html(page, name="plain.html")
    assert isinstance(whole, Article)
    started = time.process_time()  # CPU, not wall: other work on a loaded machine is not ours
    for opener in ("<script ", "<STYLE "):
        cut = extract_html(page + opener * 1_500_000, name="cut.html")
        assert isinstance(cut, Article), cut
        assert cut.text == whole.text
    assert time.process_time() - started < 20  # 1.2 s here; over a minute each before


def test_a_body_or_file_of_several_gzip_members_is_read_whole(tmp_path: Path) -> None:
    """``cat a.gz b.gz`` is legal gzip (a log or text gzipped in parts and appended): a WARC
    record body so compressed, under ``Content-Encoding: gzip`` (warcio's layer), gzipped
    again or labelled "gzip, gzip", had been cut to its first member without a word, the
    page's end lost. A .txt.gz of two members, gzipped again or not, is read whole too."""
    html = news_page_html(seed_page(SEED_FILES[0])).encode()
    cut = html.index(b"</p>") + len(b"</p>")
    two = gzip.compress(html[:cut]) + gzip.compress(html[cut:])
    records = [
        WarcRecord("https://a.example/labelled", two, http_headers=(("Content-Encoding", "gzip"),)),
        WarcRecord("https://a.example/twice", gzip.compress(two), http_headers=(("Content-Encoding", "gzip"),)),
        WarcRecord("https://a.example/listed", gzip.compress(two), http_headers=(("Content-Encoding", "gzip, gzip"),)),
        WarcRecord("https://a.example/plain", html),
    ]  # fmt: skip
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, records)
    result = load_articles([str(path)])
    assert not result.errors
    texts = {a.url: a.text for a in result.articles}
    assert list(texts) == [r.url for r in records]
    assert len(set(texts.values())) == 1  # each the whole page
    text = _seed_text(1).encode("utf-8")
    half = len(text) // 2
    (tmp_path / "two.txt.gz").write_bytes(gzip.compress(text[:half]) + gzip.compress(text[half:]))
    (tmp_path / "again.txt.gz").write_bytes(gzip.compress((tmp_path / "two.txt.gz").read_bytes()))
    (tmp_path / "plain.txt").write_bytes(text)
    arts, errs = _split(list(iter_articles(sorted(tmp_path.glob("*.txt*")))))
    assert not errs and len(arts) == 3 and len({a.text for a in arts}) == 1
