"""The top-level Python API a user imports: digest, store_articles, group_stories."""

from __future__ import annotations

import json
from datetime import date

import newsdigest


def test_ingest_then_stories_through_the_top_level_api(tmp_path, seed_paths) -> None:
    feed = tmp_path / "feed.jsonl"
    published = ["2019-05-15", "2019-05-14", "2019-05-14", "2019-12-11", "2019-05-15"]
    with feed.open("w", encoding="utf-8") as fh:
        for path, day in zip(seed_paths, published, strict=True):
            lines = path.read_text(encoding="utf-8").split("\n", 1)
            record = {"url": f"https://example.org/{path.stem}", "title": lines[0]}
            fh.write(json.dumps({**record, "text": lines[1], "published": day}) + "\n")
    db = tmp_path / "news.db"
    first = newsdigest.store_articles([feed], db=db)
    again = newsdigest.store_articles([feed], db=db)
    assert first.stored == 5 and again.stored == 0
    stories = newsdigest.group_stories(db=db, facts=False)
    sizes = sorted(len(s.articles) for s in stories)
    assert sizes == [1, 4]  # Washington (December) apart from Sochi (May)
    assert all(s.summary and all(x.citations for x in s.summary) for s in stories)
    recent = newsdigest.group_stories(db=db, since="2019-06-01", facts=False)
    assert [len(s.articles) for s in recent] == [1]
    # a date is its midnight UTC, as the same ISO text is (it had raised AttributeError)
    assert [s.id for s in newsdigest.group_stories(db=db, since=date(2019, 6, 1))] == [
        s.id for s in recent
    ]


def test_a_since_of_another_type_is_a_type_error_naming_it(tmp_path) -> None:
    import pytest

    with pytest.raises(TypeError, match="since: expected an ISO date string, a date or a dat"):
        newsdigest.group_stories(db=tmp_path / "news.db", since=20190601)  # type: ignore[arg-type]


def test_group_stories_of_a_missing_store_says_so(tmp_path) -> None:
    """A mistyped path had made an empty database and returned no stories."""
    import pytest

    from newsdigest.errors import StoreError

    missing = tmp_path / "nwes.db"
    with pytest.raises(StoreError, match="no such store"):
        newsdigest.group_stories(db=missing)
    assert not missing.exists()


def test_a_db_that_is_no_path_is_a_type_error_and_makes_no_file(
    tmp_path, monkeypatch, seed_paths
) -> None:
    """``db=None`` (an unset variable passed on) had stored the articles in a new database
    named "None" in the working folder, and ``group_stories(db=None)`` read it back."""
    import pytest

    monkeypatch.chdir(tmp_path)
    for db in (None, 5, ["news.db"]):
        with pytest.raises(TypeError, match=f"db: expected a path .*, not {type(db).__name__}"):
            newsdigest.store_articles(seed_paths, db=db)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="db: expected a path"):
            newsdigest.group_stories(db=db)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    # a path as bytes is the path it spells
    assert newsdigest.store_articles(seed_paths[:1], db=b"news.db").stored == 1  # type: ignore[arg-type]
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".db"] == ["news.db"]


def test_a_blank_db_is_one_store_error_and_makes_no_file(tmp_path, monkeypatch, seed_paths) -> None:
    """``db=""`` (an empty variable passed on) opened the working folder, to say ".: is a
    folder, not a database file"; ``db=" "`` stored the seeds in a database named " "."""
    import pytest

    from newsdigest.errors import StoreError

    monkeypatch.chdir(tmp_path)
    for db in ("", " ", b""):
        with pytest.raises(StoreError, match="^db: an empty name names no store"):
            newsdigest.store_articles(seed_paths, db=db)  # type: ignore[arg-type]
        with pytest.raises(StoreError, match="^db: an empty name names no store"):
            newsdigest.group_stories(db=db)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_setting_is_named_with_the_known_ones() -> None:
    """``digest(..., wrods=40)`` had blamed ``StoryConfig.__init__()``."""
    import pytest

    with pytest.raises(TypeError, match=r"unknown story setting 'wrods'; the settings are words,"):
        newsdigest.digest(["examples/sochi-2019"], wrods=40)


def test_an_articles_own_id_is_kept_as_its_origin() -> None:
    """``digest([Article(id="my-1", ...)])`` had dropped the caller's id: the story's articles
    (and citations) carried only the clean text's hash, with nothing leading back."""
    from newsdigest.model import Article
    from newsdigest.serialize import story_to_dict

    mine = [
        Article(id="my-1", text="Fire broke out in a warehouse in Lyon on Monday, police said."),
        Article(
            id="my-2", text="A warehouse fire in Lyon on Monday hurt two firemen, police said."
        ),
        Article(id="my-3", text="Firemen fought a fire in a Lyon warehouse.", origin="feed.xml#3"),
    ]
    story = newsdigest.digest(mine, facts=False)
    origin = {a.id: a.origin for a in story.articles}
    assert sorted(origin.values()) == ["feed.xml#3", "my-1", "my-2"]
    cited = {origin[c.article] for s in story.summary for c in s.citations}
    assert cited <= {"my-1", "my-2", "feed.xml#3"} and cited
    assert {a["path"] for a in story_to_dict(story)["articles"]} == set(origin.values())


def test_nothing_readable_says_why(tmp_path) -> None:
    """``digest([Path("missing")])`` had raised "no readable articles in the input" alone: the
    reason was only in a warning."""
    from pathlib import Path

    import pytest

    from newsdigest.errors import NoArticlesError

    missing = tmp_path / "missing.jsonl"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.warns(UserWarning), pytest.raises(NoArticlesError) as caught:
        newsdigest.digest([Path(missing), empty])
    assert str(caught.value) == (
        f"no readable articles in the input: {missing}: no such file or directory (and 1 more)"
    )
    assert [e.name for e in caught.value.rejected] == [str(missing), str(empty)]
    # a caller that collects the refusals is not told them twice
    seen: list[str] = []
    with pytest.raises(NoArticlesError, match=r"^no readable articles in the input$"):
        newsdigest.digest([missing], on_error=lambda e: seen.append(str(e)))
    assert seen == [f"{missing}: no such file or directory"]


def test_digest_takes_a_config_as_group_stories_does_and_says_its_parameters() -> None:
    """``newsdigest.digest(articles, **options: Any)`` hid its parameters from help() and
    type checkers, and refused a StoryConfig passed as group_stories takes one."""
    import inspect

    from newsdigest.config import StoryConfig

    params = inspect.signature(newsdigest.digest).parameters
    assert list(params)[:3] == ["articles", "config", "on_error"]
    story = newsdigest.digest(["examples/sochi-2019"], StoryConfig(sentences=1, facts=False))
    assert len(story.summary) == 1


def test_an_article_with_a_field_of_the_wrong_type_is_its_own_line_and_the_rest_digested(
    seed_paths,
) -> None:
    """``Article(title=["..."])``, ``published="2019-05-14"``, ``text=None``, ``url=5``... had
    each ended the whole digest in an AttributeError or TypeError from deep in cleaning
    ("'list' object has no attribute 'isascii'"); each is now refused alone, by name."""
    from dataclasses import replace
    from datetime import date

    from newsdigest.model import Article

    good = [Article(id=p.stem, text=p.read_text(encoding="utf-8")) for p in seed_paths[:3]]
    text = good[0].text
    bad = [
        Article(id="t", text=text, title=["Pompeo in Sochi"]),  # type: ignore[arg-type]
        Article(id="p", text=text, published="2019-05-14"),  # type: ignore[arg-type]
        Article(id="d", text=text, published=date(2019, 5, 14)),  # type: ignore[arg-type]
        Article(id="n", text=None),  # type: ignore[arg-type]
        Article(id="b", text=text.encode()),  # type: ignore[arg-type]
        Article(id="u", text=text, url=5),  # type: ignore[arg-type]
        Article(id="s", text=text, source=["TASS"]),  # type: ignore[arg-type]
        Article(id=7, text=text),  # type: ignore[arg-type]
    ]
    good[1] = replace(good[1], title=None)  # type: ignore[arg-type]  # none, as in a file
    seen: list[str] = []
    story = newsdigest.digest([*bad, *good], facts=False, on_error=lambda e: seen.append(str(e)))
    assert sorted(a.origin for a in story.articles) == sorted(a.id for a in good)
    assert seen == [
        "t: title is of type list, not a string",
        "p: published is of type str, not a datetime",
        "d: published is of type date, not a datetime",
        "n: text is of type NoneType, not a string",
        "b: text is of type bytes, not a string",
        "u: url is of type int, not a string",
        "s: source is of type list, not a string",
        "<article 8>: id is of type int, not a string",
    ]


def test_a_path_with_a_nul_or_an_input_that_is_no_path_is_one_line_and_the_rest_read(
    tmp_path, seed_paths
) -> None:
    """A ``str`` or ``Path`` holding a NUL ("feed\\x00.jsonl") raised pathlib's "embedded null
    byte" ValueError out of ``digest``; ``store_articles`` given an Article (it reads paths) a
    TypeError from pathlib, the batch cut where it stood."""
    from pathlib import Path

    from newsdigest.model import Article

    seen: list[str] = []
    story = newsdigest.digest(
        ["feed\x00.jsonl", Path("x\x00.txt"), *seed_paths[:2]],
        facts=False,
        on_error=lambda e: seen.append(str(e)),
    )
    assert len(story.articles) == 2
    assert seen == [
        "feed\\x00.jsonl: the name holds a NUL character, which no file name can",
        "x\\x00.txt: the name holds a NUL character, which no file name can",
    ]
    article = Article(id="a", text=seed_paths[2].read_text(encoding="utf-8"))
    pass_on = newsdigest.store_articles(
        [seed_paths[0], article, "x\x00.txt", seed_paths[1]], db=tmp_path / "news.db"
    )
    assert pass_on.stored == 2
    assert [str(e) for e in pass_on.rejected] == [
        "<input 2>: not a file or folder (Article): store_articles reads paths",
        "x\\x00.txt: the name holds a NUL character, which no file name can",
    ]


def test_a_config_that_is_no_story_config_is_a_type_error_naming_it(tmp_path) -> None:
    """``digest(paths, {"words": 40})`` (settings passed as a dict, in config's place) had
    ended in "AttributeError: 'dict' object has no attribute 'with_settings'"."""
    import pytest

    for call in (
        lambda c: newsdigest.digest(["examples/sochi-2019"], c),
        lambda c: newsdigest.group_stories(db=tmp_path / "none.db", config=c),
    ):
        with pytest.raises(TypeError, match=r"^config: expected a StoryConfig, not dict \(give"):
            call({"words": 40})
        with pytest.raises(TypeError, match=r"^config: expected a StoryConfig, not str$"):
            call("words=40")
    assert not (tmp_path / "none.db").exists()


def test_paths_read_from_a_list_with_their_line_breaks_are_paths(tmp_path, seed_paths) -> None:
    """``digest(open("list.txt").readlines())``: each name ends in "\n", and each had been
    read as an article's text of one word ("<text 1>: too short to be an article")."""
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{p}\r\n" for p in seed_paths[:3]), encoding="utf-8")
    seen: list[str] = []
    with listing.open(encoding="utf-8", newline="") as fh:
        names = fh.readlines()
    story = newsdigest.digest(names, facts=False, on_error=lambda e: seen.append(str(e)))
    assert not seen and sorted(a.origin for a in story.articles) == sorted(map(str, seed_paths[:3]))
    # a text of two lines is still a text, though its first line names a file
    text = f"{seed_paths[0]}\n" + seed_paths[1].read_text(encoding="utf-8")
    story = newsdigest.digest([text], facts=False)
    assert [a.origin for a in story.articles] == ["<text 1>"]


def test_an_empty_path_string_is_refused_not_read_as_the_current_folder(
    tmp_path, seed_paths, monkeypatch
) -> None:
    """``store_articles(["", ...])``: pathlib reads ``Path("")`` as ``.``, so every article
    file of the current folder was stored beside the ones named."""
    other = tmp_path / "cwd"
    other.mkdir()
    (other / "stray.txt").write_text(seed_paths[3].read_text(encoding="utf-8"), "utf-8")
    monkeypatch.chdir(other)
    result = newsdigest.store_articles(["", *seed_paths[:2]], db=tmp_path / "news.db")
    assert result.stored == 2
    assert [str(e) for e in result.rejected] == ["<input 1>: an empty name names no file or folder"]


def test_inputs_that_are_no_collection_are_a_type_error_naming_the_argument(tmp_path) -> None:
    """``digest(None)`` or ``digest(5)`` ended in Python's own "'NoneType' object is not
    iterable", and ``digest(b"...")`` read each byte as an input ("<input 1>: ... (int)")."""
    import pytest

    for bad in (None, 5, b"Pompeo met Lavrov in Sochi."):
        kind = type(bad).__name__
        with pytest.raises(
            TypeError, match=rf"^articles: paths, Article objects or texts .*not {kind}$"
        ):
            newsdigest.digest(bad, facts=False)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=rf"^inputs: paths .*not {kind}$"):
            newsdigest.store_articles(bad, db=tmp_path / "news.db")
    assert not (tmp_path / "news.db").exists()


def test_an_articles_text_given_to_store_articles_is_named_as_one(tmp_path, seed_paths) -> None:
    """``digest`` reads a text, ``store_articles`` only paths: given a seed article's text it
    reported the whole text as a file name, "too long" ("rejected 1 (1 file name too long)")."""
    text = seed_paths[1].read_text(encoding="utf-8")
    report = newsdigest.store_articles([seed_paths[0], text], db=tmp_path / "news.db")
    assert report.stored == 1
    assert [str(e) for e in report.rejected] == [
        "<input 2>: an article's text, not a file or folder: store_articles reads paths"
    ]
    assert report.line().endswith("rejected 1 (1 an article's text, not a file or folder: "
                                  "store_articles reads paths)")  # fmt: skip


def test_a_wrong_option_or_hook_is_named_before_any_store_is_made(tmp_path, seed_paths) -> None:
    """``batch_size="x"`` had been "'>=' not supported between instances of 'int' and 'str'"
    (0 and -5 were read as 1), an unknown option "ingest() got an unexpected keyword
    argument", both after the store was made, and ``digest(on_error=5)`` "'int' object is
    not callable" at the first bad input."""
    import pytest

    db = tmp_path / "news.db"
    refused = (
        ({"batch_size": "x"}, TypeError, "batch_size must be a whole number, not 'x'"),
        ({"batch_size": 0}, ValueError, "batch_size must be a positive number, not 0"),
        ({"batch_size": True}, TypeError, "batch_size must be a whole number, not True"),
        ({"bogus": 1}, TypeError, "unknown option 'bogus'; the options are batch_size, "),
        ({"on_error": "print"}, TypeError, "on_error: expected a function .*, not str"),
    )
    for options, kind, message in refused:
        with pytest.raises(kind, match=message):
            newsdigest.store_articles(seed_paths, db=db, **options)
    assert not db.exists()
    with pytest.raises(TypeError, match="on_error: expected a function"):
        newsdigest.digest([*seed_paths, tmp_path / "missing.txt"], on_error=5, facts=False)  # type: ignore[arg-type]
    assert newsdigest.store_articles(seed_paths, db=db, batch_size=2).stored == 5


def test_group_stories_refuses_a_method_that_names_nothing_before_any_work(
    tmp_path, seed_paths
) -> None:
    """``group_stories(summarizer="lexrnak")`` (or ``embedder="minlm"``) had clustered the
    store, failed every story unsaid and returned ``[]``, as if the store held none; it is an
    UnknownMethodError naming the setting, before the store is touched, as the CLI's."""
    import pytest

    from newsdigest.errors import UnknownMethodError

    db = tmp_path / "news.db"
    newsdigest.store_articles(seed_paths, db=db)
    for settings, said in (
        ({"summarizer": "lexrnak"}, "lexrnak: unknown summarizer (choose "),
        ({"embedder": "minlm"}, "minlm: unknown embedder (choose "),
        ({"summarizer": "lead", "embedder": "minlm"}, "minlm: unknown embedder (choose "),
    ):
        with pytest.raises(UnknownMethodError) as caught:
            newsdigest.group_stories(db=db, facts=False, **settings)
        assert str(caught.value).startswith(said)
    assert len(newsdigest.group_stories(db=db, facts=False)) >= 1


def test_a_story_group_stories_could_not_rebuild_is_a_warning_or_goes_to_on_failure(
    tmp_path, seed_paths
) -> None:
    """An embedder folder that is there but holds no model: every story failed and
    ``group_stories`` returned ``[]`` without a word, as if the store held none. Each story
    left out is a warning naming it and why, or goes to ``on_failure``."""
    import pytest

    db, folder = tmp_path / "news.db", tmp_path / "model"
    folder.mkdir()
    newsdigest.store_articles(seed_paths, db=db)
    with pytest.warns(UserWarning, match=r"^story \w+ not rebuilt: .*no config\.json") as caught:
        assert newsdigest.group_stories(db=db, embedder=str(folder), facts=False) == []
    assert caught[0].filename == __file__  # the caller's line, not the library's
    failures: list = []
    newsdigest.group_stories(db=db, embedder=str(folder), facts=False, on_failure=failures.append)
    assert [f.without_facts for f in failures] == [False]
    with pytest.raises(TypeError, match="on_failure: expected a function"):
        newsdigest.group_stories(db=db, on_failure=5)  # type: ignore[arg-type]
