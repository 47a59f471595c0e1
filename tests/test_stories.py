"""`ingest` and `stories` end to end, through the Python API and the CLI, on the seeds (as
JSON Lines with dates, as CC-NEWS-style WARC) mixed with every kind of bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fixtures.news_pages import WarcRecord, news_page_html, seed_page, truncate_record, write_warc
from typer.testing import CliRunner

from newsdigest.cli import app
from newsdigest.cluster import EventClusterer
from newsdigest.config import StoryConfig
from newsdigest.errors import KEPT_REFUSALS
from newsdigest.ingest import load_articles
from newsdigest.model import Article
from newsdigest.store.base import ClusterRow
from newsdigest.store.sqlite import SqliteStore
from newsdigest.stories import StoryFailure, build_stories, cluster_pending, ingest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((Path(__file__).resolve().parents[1] / "examples" / "sochi-2019").glob("*.txt"))
SOCHI = datetime(2019, 5, 14, 9, tzinfo=timezone.utc)
WASHINGTON = datetime(2019, 12, 10, 15, tzinfo=timezone.utc)


def _records() -> list[dict[str, str]]:
    out = []
    for k, path in enumerate(SEEDS):
        when = WASHINGTON if path.name.startswith("003") else SOCHI + timedelta(hours=k)
        out.append(
            {
                "url": f"https://outlet{k}.example/{path.stem}",
                "text": path.read_text(encoding="utf-8"),
                "published": when.isoformat(),
                "source": f"Outlet {k}",
            }
        )
    return out


def _fail_on_washington(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, error: type[Exception], message: str
) -> None:
    """``module.name`` (a function given the articles first) raising ``error(message)`` when
    the Washington meeting (the feed's fourth record) is among its articles, and itself
    otherwise: a failure planted in that one story."""
    real = getattr(module, name)
    washington = _records()[3]["url"]

    def planted(articles, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(a.url == washington for a in articles):
            raise error(message)
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(module, name, planted)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Seeds 000-003 as JSON Lines (+ one invalid line), 004 and a syndicated copy of 001 in a
    WARC with a PDF payload and a truncated record, and a 0-byte file."""
    box = tmp_path / "inbox"
    box.mkdir()
    records = _records()
    lines = [json.dumps(r) for r in records[:4]]
    lines.insert(2, '{"url": "https://broken.example/x", "text": ')
    (box / "a_feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (box / "b_empty.txt").write_bytes(b"")
    page4 = seed_page(SEEDS[4])
    page1 = seed_page(SEEDS[1], site="Wire Reprints")
    warc = box / "c_crawl.warc.gz"
    ids = write_warc(
        warc,
        [
            WarcRecord(page4.url, news_page_html(page4).encode()),
            WarcRecord("https://x.example/report.pdf", b"%PDF-1.4 ...", "application/pdf"),
            WarcRecord("https://reprints.example/pompeo", news_page_html(page1).encode()),
            WarcRecord(page4.url + "?page=2", news_page_html(page4).encode()),
        ],
    )
    truncate_record(warc, 3, ids)
    return box


class _Batches(EventClusterer):
    """The shipped clusterer, recording the ids of each batch it is fed."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def partial_fit(self, articles, features=None):  # type: ignore[no-untyped-def]
        self.batches.append([a.id for a in articles])
        return super().partial_fit(articles, features)


def undated_pile(multinews_articles) -> list[Article]:
    """Multi-News rows 209 and 218 (``test_cluster``): two phases of the MH370 search, undated,
    seven documents, ids naming their row."""
    return [
        replace(a, id=f"mn{row}-{k}")
        for row in (209, 218)
        for k, (_, a) in enumerate(multinews_articles(row, row + 1))
    ]


def dated_seeds() -> list[Article]:
    """The five seeds dated as the feed dates them: 003 (the Washington meeting) months later."""
    return [
        replace(
            a, published=WASHINGTON if "003_" in (a.origin or "") else SOCHI + timedelta(hours=k)
        )
        for k, a in enumerate(load_articles(SEEDS).articles)
    ]


def _stories_of(store: SqliteStore, ids: list[str]) -> list[list[str]]:
    by_story: dict[str, list[str]] = {}
    for article, story in store.cluster_of(ids).items():
        by_story.setdefault(story, []).append(article)
    return sorted(sorted(ids) for ids in by_story.values())


def test_an_undated_pile_is_clustered_as_one_batch(multinews_articles, tmp_path: Path) -> None:
    """Nothing orders an undated pile in time, so a cut falls anywhere: the two MH370 phases,
    cut every 2, had joined across the cuts by centroid into one story. As one batch (the
    pending articles are all undated), each phase is its own story."""
    pile = undated_pile(multinews_articles)
    clusterer = _Batches()
    with SqliteStore(tmp_path / "news.db") as store:
        store.add_articles(pile)
        assert cluster_pending(store, clusterer, batch_size=2) == 7
        stories = _stories_of(store, [a.id for a in pile])
    assert [len(b) for b in clusterer.batches] == [7]
    assert [{i.split("-")[0] for i in s} for s in stories] == [{"mn209"}, {"mn218"}]


def test_a_dated_stream_is_batched_as_before_and_its_undated_rest_at_once(
    multinews_articles, tmp_path: Path
) -> None:
    """The dated seeds, then the undated pile: batches of ``batch_size`` while a dated article
    is pending (the batch that holds the last dated one included), then the undated rest in
    batches of ``undated_batch_size`` (``clustering_batch``, which the Spark job numbers by).
    003, months after the Sochi meeting, is still a story of its own."""
    from newsdigest.stories import clustering_batch

    articles = dated_seeds() + undated_pile(multinews_articles)
    clusterer = _Batches()
    with SqliteStore(tmp_path / "news.db") as store:
        store.add_articles(articles)
        cluster_pending(store, clusterer, batch_size=2, undated_batch_size=5)
        seeds = _stories_of(store, [a.id for a in articles[:5]])
    assert [len(b) for b in clusterer.batches] == [2, 2, 2, 5, 1]
    numbered = [clustering_batch(k, 4, 2, 5) for k in range(len(articles))]
    assert numbered == [b for b, ids in enumerate(clusterer.batches) for _ in ids]
    washington = [a.id for a in articles[:5] if a.published == WASHINGTON]
    assert len(seeds) == 2 and washington in seeds


def test_ingest_reports_every_record_and_reruns_store_nothing(inbox: Path, tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "news.db") as store:
        report = ingest([inbox], store)
        reasons = " | ".join(str(e) for e in report.rejected)
        assert report.read == 6, reasons  # 4 JSONL + 2 WARC pages
        assert report.stored == 5 and report.duplicates == 1 and report.near_duplicates == 1
        assert len(report.rejected) == 4, reasons
        assert "a_feed.jsonl" in reasons and "b_empty.txt" in reasons
        assert "application/pdf" in reasons and "truncated" in reasons
        # the reprint of 001 is folded into it: one article, both URLs
        (seed1,) = [a for a in store.get_articles() if a.url and "outlet1" in a.url]
        assert store.urls(seed1.id) == (seed1.url, "https://reprints.example/pompeo")

        again = ingest([inbox], store)
        assert (again.read, again.stored, again.duplicates) == (6, 0, 6)
        assert store.count_articles() == 5


def test_stories_are_events_and_rebuild_only_what_changed(inbox: Path, tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)  # 000-003; 003 is the Washington meeting
        first = build_stories(store, config=StoryConfig(facts=False))
        assert len(first) == 2
        washington, sochi = first  # newest first
        assert [a.url for a in washington.articles] == [_records()[3]["url"]]
        assert len(sochi.articles) == 3 and sochi.summary
        assert all(c.article in {a.id for a in sochi.articles} for s in sochi.summary
                   for c in s.citations)  # fmt: skip
        assert store.stale_clusters() == []

        ingest([inbox / "c_crawl.warc.gz"], store)  # 004 and the 001 reprint arrive later
        second = build_stories(store, config=StoryConfig(facts=False))
        grown = {s.id: s for s in second}[sochi.id]  # the same story, grown; no new story
        assert len(second) == 2 and len(grown.articles) == 4
        seed1 = next(a for a in grown.articles if "outlet1" in (a.url or ""))
        assert grown.urls[seed1.id] == (seed1.url, "https://reprints.example/pompeo")

        recent = build_stories(store, since=datetime(2019, 12, 1, tzinfo=timezone.utc))
        assert [s.id for s in recent] == [washington.id]


def test_cli_ingest_then_stories_json(inbox: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(inbox), "--db", db])
    assert result.exit_code == 1  # some inputs rejected, the rest stored
    line = result.stdout.strip()
    assert line.startswith("read 6, stored 5, duplicates 1 (1 near-duplicate), rejected 4 (")
    for reason in ("empty file", "invalid JSON", "not HTML (application/pdf)", "truncated"):
        assert reason in line, line  # the count line says why each input was rejected
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 4
    again = runner.invoke(app, ["ingest", str(inbox), "--db", db])
    assert "stored 0," in again.stdout

    out = runner.invoke(app, ["stories", "--db", db, "--format", "json", "--no-facts"])
    assert out.exit_code == 0, out.stderr
    stories = json.loads(out.stdout)
    assert isinstance(stories, list) and len(stories) == 2
    for story in stories:
        assert {"id", "title", "articles", "outliers", "summary"} <= set(story)
        for article in story["articles"]:
            assert {"id", "url", "title", "source", "published"} <= set(article)
        for sentence in story["summary"]:
            assert sentence["text"] and sentence["citations"]
    assert sorted(len(s["articles"]) + len(s["outliers"]) for s in stories) == [1, 4]

    text = runner.invoke(app, ["stories", "--db", db, "--since", "2019-12-01", "--no-facts"])
    assert text.exit_code == 0 and "Washington" in text.stdout and "Sochi" not in text.stdout
    bad = runner.invoke(app, ["stories", "--db", db, "--since", "last week"])
    assert bad.exit_code == 2 and "--since" in bad.stderr


def test_cli_ingest_shows_a_progress_bar_on_a_terminal(inbox: Path, tmp_path: Path) -> None:
    """A real `newsdigest ingest` process told by rich's TTY_* variables that stderr is a
    terminal: stderr carries the bar (and the rejection), stdout only the count line."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), TTY_COMPATIBLE="1", TTY_INTERACTIVE="1")
    cmd = [sys.executable, "-m", "newsdigest", "ingest", str(inbox / "a_feed.jsonl"), "--db",
           str(tmp_path / "bar.db")]  # fmt: skip
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert "ingesting" in done.stderr and re.search(r"\d+/\?", done.stderr), done.stderr
    assert "a_feed.jsonl:3: invalid JSON" in done.stderr
    assert done.stdout.strip().startswith("read 4, stored 4,"), done.stdout


def test_a_later_batch_loads_only_the_stories_in_its_window(inbox: Path, tmp_path: Path) -> None:
    """Why a batch's cost does not grow with history: stories that ended more than a window
    before the batch are neither loaded nor compared, and the batch opens its own story."""
    later = dict(_records()[4], url="https://outlet9.example/later",
                 published=datetime(2020, 6, 1, tzinfo=timezone.utc).isoformat())  # fmt: skip
    (tmp_path / "later.jsonl").write_text(json.dumps(later) + "\n", encoding="utf-8")
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        before = {s.id for s in build_stories(store, config=StoryConfig(facts=False))}
        assert len(before) == 2 and len(store.load_clusters()) == 2
        loaded: list[list[str]] = []
        load = store.load_clusters

        def spy(active_since: datetime | None = None) -> list[ClusterRow]:
            rows = load(active_since=active_since)
            loaded.append([r.id for r in rows])
            return rows

        store.load_clusters = spy  # type: ignore[method-assign]
        ingest([tmp_path / "later.jsonl"], store)
        after = build_stories(store, config=StoryConfig(facts=False))
    assert loaded == [[]]  # asked once, and none of the old stories came back
    (new,) = [s for s in after if s.id not in before]
    assert len(after) == 3 and [a.url for a in new.articles] == [later["url"]]


def test_a_story_whose_facts_fail_is_saved_without_them_and_others_go_on(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    """One bad story (e.g. facts crashing on an oversized article) never stops ingestion: it is
    saved with its digest and no facts, the failure is reported, and the next run is quiet."""
    import newsdigest.facts
    from newsdigest.stories import refresh_stories

    _fail_on_washington(
        monkeypatch,
        newsdigest.facts,
        "extract_facts",
        ValueError,
        "[E088] Text of length 1000001 exceeds maximum",
    )
    # the failure is planted in this process: the stories are built here, not in workers
    monkeypatch.setenv("NEWSDIGEST_WORKERS", "1")
    with SqliteStore(tmp_path / "news.db") as store:
        failures = _washington_saved_without_facts(store, inbox)
        assert refresh_stories(store, on_failure=failures.append) == [] and len(failures) == 1


def _washington_saved_without_facts(store: SqliteStore, inbox: Path) -> list[StoryFailure]:
    """Ingest the feed and build its two stories where the Washington meeting's facts fail:
    that story saved without facts and its failure told, the Sochi one whole."""
    from newsdigest.stories import refresh_stories

    failures: list[StoryFailure] = []
    ingest([inbox / "a_feed.jsonl"], store)
    rebuilt = refresh_stories(store, on_failure=failures.append)
    assert len(rebuilt) == 2 and store.stale_clusters() == []
    (failure,) = failures
    assert failure.without_facts and "E088" in failure.reason
    stories = {s.id: s for s in store.list_stories()}
    assert stories[failure.story_id].facts is None and stories[failure.story_id].summary
    assert all(s.facts is not None for k, s in stories.items() if k != failure.story_id)
    return failures


def test_a_story_that_cannot_be_built_is_left_stale_and_the_rest_are_built(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    import newsdigest.pipeline
    from newsdigest.stories import refresh_stories

    _fail_on_washington(
        monkeypatch, newsdigest.pipeline, "build_story", RuntimeError, "summarizer blew up"
    )
    # the failure is planted in this process: the stories are built here, not in workers
    monkeypatch.setenv("NEWSDIGEST_WORKERS", "1")
    failures: list[StoryFailure] = []
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        rebuilt = refresh_stories(store, StoryConfig(facts=False), on_failure=failures.append)
        (failure,) = failures
        assert not failure.without_facts and failure.reason == "RuntimeError: summarizer blew up"
        assert store.stale_clusters() == [failure.story_id]
        assert [len(s.articles) for s in store.list_stories()] == [3]
        # what the server answers as "updated": the story built, not the one left stale
        assert len(rebuilt) == 1 and failure.story_id not in rebuilt
    # the CLI says so in its exit code: some stories not rebuilt is a partial run
    out = CliRunner().invoke(app, ["stories", "--db", str(tmp_path / "news.db"), "--no-facts"])
    assert out.exit_code == 1, out.output
    assert "not rebuilt: RuntimeError: summarizer blew up" in out.stderr


def test_stories_built_with_other_settings_are_rebuilt_once(inbox: Path, tmp_path: Path) -> None:
    """``stories --words 20`` after a default run prints 20-word digests, not the stored ones."""
    from newsdigest.stories import refresh_stories

    def words(store: SqliteStore) -> list[int]:
        return sorted(sum(len(x.text.split()) for x in s.summary) for s in store.list_stories())

    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        assert len(refresh_stories(store, StoryConfig(facts=False))) == 2
        assert refresh_stories(store, StoryConfig(facts=False)) == []  # same settings: nothing
        long = words(store)
        assert len(refresh_stories(store, StoryConfig(words=20, facts=False))) == 2
        assert refresh_stories(store, StoryConfig(words=20, facts=False)) == []
        assert words(store) < long and max(words(store)) <= 40
        assert store.story_settings() == StoryConfig(words=20, facts=False).fingerprint()
    out = CliRunner().invoke(app, ["stories", "--db", str(tmp_path / "news.db"), "--no-facts"])
    assert out.exit_code == 0, out.output
    with SqliteStore(tmp_path / "news.db") as store:
        assert words(store) == long  # back to the default length


def test_cli_stories_on_an_empty_store_says_so_and_exits_2(tmp_path: Path) -> None:
    """ "no stories" is an error line, so the exit code says nothing was usable; a store that
    does not exist is not created by a command that only reads it (a typo in --db)."""
    SqliteStore(tmp_path / "e.db").close()
    for fmt in ("text", "json"):
        out = CliRunner().invoke(app, ["stories", "--db", str(tmp_path / "e.db"), "-f", fmt])
        assert out.exit_code == 2, out.output
        assert out.stderr.strip() == f"error: {tmp_path / 'e.db'}: no stories"
    missing = tmp_path / "typo.db"
    out = CliRunner().invoke(app, ["stories", "--db", str(missing)])
    assert out.exit_code == 2 and not missing.exists()
    assert out.stderr.strip().startswith(f"error: {missing}: no such store (run `newsdigest ingest")


def test_a_parse_that_fails_stops_only_its_own_story(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    """The stale stories' new articles are parsed together; when that batch fails, each story
    is parsed on its own, so only the story holding the bad article is left stale."""
    import newsdigest.facts.ner as ner
    from newsdigest.stories import refresh_stories

    _fail_on_washington(monkeypatch, ner, "parse_articles", RuntimeError, "parser blew up")
    # the fault is put in this process alone: a pool an earlier test forked would parse its
    # shares with the real parser (``analysis.parse_share`` runs in the worker)
    monkeypatch.setenv("NEWSDIGEST_WORKERS", "1")
    failures: list[StoryFailure] = []
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        refresh_stories(store, on_failure=failures.append)
        (failure,) = failures
        assert not failure.without_facts and failure.reason == "RuntimeError: parser blew up"
        assert store.stale_clusters() == [failure.story_id]
        (built,) = store.list_stories()
        assert len(built.articles) == 3 and built.facts is not None and built.facts.entities


def test_a_story_that_cannot_be_built_is_told_even_when_the_save_fails(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    """A group's stories are saved in one transaction and reported once saved; a story that
    could not be built at all had been told only after that save, so a save that failed (a
    full disk) left its failure unsaid. It is told first; the save's error still stops the
    call."""
    import newsdigest.pipeline as pipeline
    from newsdigest.errors import StoreError
    from newsdigest.stories import refresh_stories

    def disk_full(stories) -> None:  # type: ignore[no-untyped-def]
        raise StoreError("news.db: database or disk is full")

    _fail_on_washington(monkeypatch, pipeline, "build_story", RuntimeError, "digest blew up")
    monkeypatch.setenv("NEWSDIGEST_WORKERS", "1")  # the fault in this process alone
    failures: list[StoryFailure] = []
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        monkeypatch.setattr(store, "save_stories", disk_full)
        with pytest.raises(StoreError, match="disk is full"):
            refresh_stories(store, on_failure=failures.append)
    (failure,) = failures
    assert failure.reason == "RuntimeError: digest blew up" and not failure.without_facts


def test_each_article_is_parsed_once_and_a_refresh_reuses_it(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    """Per-article work (sentences, the clusterer's entity keys, spaCy parse) is done once and
    kept in the store: a story that grows is rebuilt from the stored parses of its old members,
    with the same facts, and no text goes through the NER twice (with facts on, the
    clusterer's keys come from the facts' whole-text NER and a NER of the title)."""
    import newsdigest.facts.ner as ner
    import newsdigest.parallel as parallel
    from newsdigest.analysis import ANALYSIS_VERSION
    from newsdigest.pipeline import build_story
    from newsdigest.stories import refresh_stories

    parsed: list[str] = []
    recognized: list[str] = []  # every text the NER ran over
    real = ner.parse_articles
    real_docs = parallel.spacy_docs

    calls: list[int] = []

    def counting(articles, *args, **kwargs):  # type: ignore[no-untyped-def]
        parsed.extend(a.id for a in articles)
        calls.append(len(articles))
        return real(articles, *args, **kwargs)

    def counting_docs(model, texts, kind, *args, **kwargs):  # type: ignore[no-untyped-def]
        if kind == "ner":
            recognized.extend(texts)
        return real_docs(model, texts, kind, *args, **kwargs)

    monkeypatch.setattr(ner, "parse_articles", counting)
    monkeypatch.setattr(parallel, "spacy_docs", counting_docs)
    # counted in this process: with a pool, the articles' shares are parsed in the workers too
    # (``analysis.parse_share``), each share a call
    monkeypatch.setenv("NEWSDIGEST_WORKERS", "1")
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        refresh_stories(store)
        first = sorted(parsed)
        articles = store.get_articles()
        assert first == sorted(a.id for a in articles)  # each parsed once
        assert len(calls) == 1 and len(store.list_stories()) == 2  # both stories in one batch
        stored = store.get_analyses(first, ANALYSIS_VERSION)
        assert set(stored) == set(first) and all(r.doc for r in stored.values())
        texts = sorted([a.text for a in articles] + [a.title or "" for a in articles])
        assert sorted(recognized) == texts  # each text and title once, no lead again
        sochi = [r.data["entities"] for r in stored.values()]
        assert all("lavrov" in keys and "pompeo" in keys for keys in sochi), sochi

        ingest([inbox / "c_crawl.warc.gz"], store)  # 004 joins the Sochi story
        parsed.clear()
        recognized.clear()
        (grown_id,) = refresh_stories(store)
        new = [a for a in store.get_articles() if a.id not in first]
        assert sorted(parsed) == sorted(a.id for a in new)  # only the newcomer is parsed
        assert sorted(recognized) == sorted([a.text for a in new] + [a.title or "" for a in new])
        grown = store.get_story(grown_id)
        members = store.cluster_articles(grown_id)
        fresh = build_story(members, StoryConfig(), story_key=grown_id)  # everything redone
        assert grown is not None and grown.facts == fresh.facts and grown.summary == fresh.summary


def test_a_rebuild_in_the_same_process_reads_only_the_newcomers_parse(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    """A story that grows is rebuilt (as ``serve`` and a follower do, in one process) from its
    older members' parses and entity mentions as read at the last rebuild: only the newcomer's
    stored parse is read and its mentions found; the facts are those of a build from scratch."""
    from spacy.tokens import DocBin

    import newsdigest.facts
    from newsdigest.pipeline import build_story
    from newsdigest.stories import refresh_stories

    monkeypatch.setenv("NEWSDIGEST_WORKERS", "1")  # every build in this process
    read: list[int] = []
    found: list[str] = []
    real_read = DocBin.from_bytes
    real_mentions = newsdigest.facts.raw_mentions

    def counting_read(self, data):  # type: ignore[no-untyped-def]
        read.append(len(data))
        return real_read(self, data)

    def counting_mentions(article, doc):  # type: ignore[no-untyped-def]
        found.append(article.id)
        return real_mentions(article, doc)

    monkeypatch.setattr(DocBin, "from_bytes", counting_read)
    monkeypatch.setattr(newsdigest.facts, "raw_mentions", counting_mentions)
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        refresh_stories(store)
        first = {a.id for a in store.get_articles()}
        ingest([inbox / "c_crawl.warc.gz"], store)  # 004 joins the Sochi story
        read.clear()
        found.clear()
        (grown_id,) = refresh_stories(store)
        members = store.cluster_articles(grown_id)
        new = [a.id for a in members if a.id not in first]
        assert len(members) >= 3 and len(new) == 1
        # at most the newcomer's (another test in this process may have read the same seed)
        assert len(read) <= 1 and set(found) <= set(new)
        grown = store.get_story(grown_id)
        fresh = build_story(members, StoryConfig(), story_key=grown_id)  # everything redone
        assert grown is not None and grown.facts == fresh.facts and grown.summary == fresh.summary


def test_the_clusterers_keys_are_the_same_with_facts_on_and_off(
    inbox: Path, tmp_path: Path
) -> None:
    """With facts on, an article's entity keys are taken from the facts' whole-text NER (its
    lead's entities) and a NER of its title; with facts off, from a NER of the title and the
    lead alone. On the seeds the two give the same keys, so stories do not depend on --no-facts."""
    from newsdigest.analysis import ANALYSIS_VERSION
    from newsdigest.event_model import features_of
    from newsdigest.stories import refresh_stories

    keys = {}
    for facts in (True, False):
        with SqliteStore(tmp_path / f"facts-{facts}.db") as store:
            ingest([inbox / "a_feed.jsonl"], store)
            refresh_stories(store, StoryConfig(facts=facts))
            articles = store.get_articles()
            stored = store.get_analyses([a.id for a in articles], ANALYSIS_VERSION)
            assert all((r.doc is not None) == facts for r in stored.values())
            keys[facts] = {aid: tuple(r.data["entities"]) for aid, r in stored.items()}
    assert keys[True] == keys[False]
    assert keys[False] == {f.article_id: f.entities for f in features_of(articles)}
    assert all(len(k) >= 5 for k in keys[True].values()), keys[True]


def test_a_story_stored_before_headlines_were_a_block_gets_its_headline_sum_back(
    tmp_path: Path,
) -> None:
    """A store written by the three-block clusterer (EVT1 states): the next clustering pass
    rebuilds each such story's headline sum from its articles, so a new article is matched on
    headlines as it would be against a story the current clusterer wrote."""
    import dataclasses

    import numpy as np

    from newsdigest.cluster import Cluster, EventClusterer
    from newsdigest.stories import cluster_pending

    titles = ["Pompeo and Lavrov meet in Sochi", "Putin receives Pompeo at Sochi residence",
              "Lavrov says Moscow is ready for dialogue", "Lavrov visits Washington for talks",
              "Pompeo in Sochi: sanctions, Venezuela and arms control"]  # fmt: skip
    records = [dict(r, title=t) for r, t in zip(_records(), titles, strict=True)]
    (tmp_path / "feed.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records[:4]), encoding="utf-8"
    )
    later = dict(records[4], url="https://outlet9.example/later")  # seed 004, not in the feed
    (tmp_path / "later.jsonl").write_text(json.dumps(later) + "\n", encoding="utf-8")
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([tmp_path / "feed.jsonl"], store)
        build_stories(store, config=StoryConfig(facts=False))
        rows = store.load_clusters()
        fresh = {r.id: Cluster.sums_from_bytes(r.state) for r in rows}
        assert all(f is not None and f["title"].nnz for f in fresh.values())
        old_rows = []
        for row in rows:  # the same stories as the former clusterer stored them
            blob, at, parts = row.state, 4, [b"EVT1"]
            for _ in range(3):
                n = int(np.frombuffer(blob[at : at + 4], dtype=np.int32)[0])
                parts.append(blob[at : at + 4 + 8 * n])
                at += 4 + 8 * n
            old_rows.append(dataclasses.replace(row, state=b"".join(parts)))
        store.save_clustering(old_rows, {})
        assert all(not Cluster.has_headlines(r.state) for r in store.load_clusters())
        ingest([tmp_path / "later.jsonl"], store)
        clusterer = EventClusterer()
        seen: dict[str, float] = {}
        partial_fit = clusterer.partial_fit

        def spy(articles, features=None):  # type: ignore[no-untyped-def]
            for c in clusterer.state.clusters:  # as loaded, before the batch joins any
                want = fresh[c.id]
                assert want is not None
                seen[c.id] = float(abs(c.sums["title"] - want["title"]).sum())
            return partial_fit(articles, features)

        clusterer.partial_fit = spy  # type: ignore[method-assign]
        assert cluster_pending(store, clusterer) == 1
    assert seen and all(d < 1e-3 for d in seen.values())  # the same sums as stored fresh


def test_a_syndicated_copy_that_arrives_alone_is_listed_with_its_story(tmp_path: Path) -> None:
    """A later near-duplicate changes no story (nothing new to cluster or digest), yet its
    outlet's URL is listed with the story from then on: in the dev stream the Denver Post's
    copy of a Delta-flight story (a week later) was in no story's URLs."""
    with SqliteStore(tmp_path / "news.db") as store:
        records = _records()
        first = tmp_path / "first.jsonl"
        first.write_text("\n".join(json.dumps(r) for r in records[:4]), encoding="utf-8")
        ingest([first], store)
        (sochi,) = [s for s in build_stories(store, config=StoryConfig(facts=False))
                    if len(s.articles) == 3]  # fmt: skip
        copy = dict(records[1], url="https://reprints.example/pompeo", source="Reprints")
        copy["text"] = "Home / World / Europe\n" + copy["text"] + "\nShare this: Facebook Twitter"
        later = tmp_path / "later.jsonl"
        later.write_text(json.dumps(copy), encoding="utf-8")
        assert ingest([later], store).near_duplicates == 1
        seed1 = next(a for a in sochi.articles if a.url == records[1]["url"])
        for story in (
            {s.id: s for s in build_stories(store, config=StoryConfig(facts=False))}[sochi.id],
            store.get_story(sochi.id),
        ):
            assert story is not None
            assert story.urls[seed1.id] == (records[1]["url"], "https://reprints.example/pompeo")


def test_a_title_or_text_stored_past_its_limit_does_not_stop_the_stories(tmp_path: Path) -> None:
    """A store written before titles had a limit, or before texts were measured once cleaned,
    may hold a title of a megabyte or a text of one 2 MB "word": spaCy refused them (E088) in
    every clustering run, a traceback each time. Both are read up to their limits."""
    from newsdigest.model import Article, article_id

    store = SqliteStore(tmp_path / "old.db")
    text = SEEDS[1].read_text(encoding="utf-8")
    word = "Ligatures: " + "fi" * 999_000
    store.add_articles(
        [
            Article(id=article_id(text), text=text, title="Pompeo meets Putin " * 55_000),
            Article(id=article_id(word), text=word),
        ]
    )
    stories = build_stories(store, None, StoryConfig(facts=False))
    store.close()
    assert sorted(len(s.articles) for s in stories) == [1, 1]


def test_a_date_stored_at_the_end_of_the_calendar_does_not_stop_the_stories(
    tmp_path: Path,
) -> None:
    """A store written before publication times were kept to the years 1000-8999 may hold an
    article of 0001-01-01: the quiet window overflowed (OverflowError) in every clustering run.
    Such a time reads back as undated."""
    from newsdigest.model import Article, article_id

    store = SqliteStore(tmp_path / "old.db")
    text = SEEDS[1].read_text(encoding="utf-8")
    year_one = datetime(1, 1, 1, tzinfo=timezone.utc)
    store.add_articles([Article(id=article_id(text), text=text, published=year_one)])
    stories = build_stories(store, None, StoryConfig(facts=False))
    assert [a.published for a in store.get_articles()] == [None]
    store.close()
    assert len(stories) == 1


def test_cli_stories_since_says_undated_articles_never_match(tmp_path: Path) -> None:
    """The bundled example's articles carry no date, so the README's `stories --since
    2019-05-01` after ingesting it printed only "no stories since 2019-05-01"."""
    db = str(tmp_path / "news.db")
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([Path(__file__).parent.parent / "examples" / "sochi-2019"], store)
    out = CliRunner().invoke(app, ["stories", "--db", db, "--since", "2019-05-01", "--no-facts"])
    assert out.exit_code == 2, out.output
    assert out.stderr.strip() == (
        f"error: {db}: no stories since 2019-05-01 "
        "(articles with no publication date never match --since)"
    )


def test_an_unusable_since_is_one_clear_value_error(tmp_path: Path) -> None:
    """``group_stories(since="yesterday")`` raised datetime's "Invalid isoformat string"."""
    from newsdigest import group_stories

    with pytest.raises(ValueError, match=r"since: 'yesterday' is not a usable date"):
        group_stories(tmp_path / "news.db", since="yesterday")


def test_stories_takes_the_summarizer_and_embedder_digest_takes(tmp_path: Path) -> None:
    """The README says the story settings mean the same in every command that takes them;
    ``stories`` had no ``--summarizer`` or ``--embedder``."""
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "examples/sochi-2019", "--db", db]).exit_code == 0
    lead = runner.invoke(
        app, ["stories", "--db", db, "--no-facts", "--summarizer", "lead", "-f", "json"]
    )
    assert lead.exit_code == 0, lead.output
    story = next(s for s in json.loads(lead.stdout) if len(s["articles"]) > 1)
    # lead: the articles' opening sentences first
    origins = [s["origin"]["sentence"] for s in story["summary"]]
    assert origins[0] == 0 and origins == sorted(origins)
    default = runner.invoke(app, ["stories", "--db", db, "--no-facts", "-f", "json"])
    again = next(s for s in json.loads(default.stdout) if s["id"] == story["id"])
    assert [s["text"] for s in again["summary"]] != [s["text"] for s in story["summary"]]
    bad = runner.invoke(app, ["stories", "--db", db, "--summarizer", "nope"])
    assert bad.exit_code == 2 and "nope: unknown summarizer" in bad.output
    bad = runner.invoke(app, ["stories", "--db", db, "--embedder", "nope"])
    assert bad.exit_code == 2 and "nope: unknown embedder" in bad.output


def test_store_articles_report_line_says_why_each_input_was_rejected(
    inbox: Path, tmp_path: Path
) -> None:
    """The README's ``print(report.line())`` had printed "rejected 4" and no reason: only the
    CLI added them, so the Python API's line and the command's differed."""
    import newsdigest

    report = newsdigest.store_articles([inbox], db=tmp_path / "api.db")
    line = report.line()
    assert line.startswith("read 6, stored 5, duplicates 1 (1 near-duplicate), rejected 4 (")
    for reason in ("1 empty file", "1 invalid JSON", "1 not HTML (application/pdf)", "truncated"):
        assert reason in line, line
    runner = CliRunner()
    cli = runner.invoke(app, ["ingest", str(inbox), "--db", str(tmp_path / "cli.db")])
    assert cli.stdout.strip() == line  # the command prints the same line


def test_a_file_of_many_refused_records_is_ingested_in_linear_time(tmp_path: Path) -> None:
    """A batch recounted its articles at every record: a JSON array of 20,000 empty objects
    (no article among them, so the batch never filled) took 18 s, a million hours."""
    import time

    seed = next((Path(__file__).resolve().parents[1] / "examples" / "sochi-2019").glob("*.txt"))
    path = tmp_path / "empty.json"
    record = json.dumps({"text": seed.read_text(encoding="utf-8")})
    path.write_text("[" + ",".join(["{}"] * 20_000 + [record]) + "]", encoding="utf-8")
    seen: list[str] = []
    started = time.perf_counter()
    with SqliteStore(tmp_path / "n.db") as store:
        report = ingest([path], store, batch_size=200, on_error=lambda e: seen.append(e.name))
    assert time.perf_counter() - started < 8
    assert (report.read, report.stored, report.rejected.total) == (1, 1, 20_000)  # type: ignore[attr-defined]
    assert seen[:2] == [f"{path}[0]", f"{path}[1]"] and len(seen) == 20_000
    # the first refusals kept whole, all counted: each had been kept (~550 bytes each; a
    # million "{}" lines held 790 MB)
    assert len(report.rejected) == KEPT_REFUSALS
    assert report.rejected[0].name == f"{path}[0]"
    assert report.line() == (
        "read 1, stored 1, duplicates 0 (0 near-duplicates), rejected 20000 (20000 'text' is "
        "missing (it is the one required field))"
    )


def test_cli_stories_with_nothing_to_rebuild_imports_neither_pipeline_nor_scipy(
    tmp_path: Path,
) -> None:
    """The weekly replay runs `stories` once a batch: a run that rebuilds nothing (the stories
    are stored) had imported the pipeline and scipy (~0.15 CPU-s) only to check the summarizer
    name, to look for stories without a digest and to find nothing to cluster. A real process,
    so its modules are its own."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in _records()) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    store = SqliteStore(db)
    ingest([feed], store)
    config = StoryConfig(facts=False)
    first = build_stories(store, None, config)
    store.close()
    run = (
        "import sys\nfrom newsdigest.cli import app\n"
        f"code = app(['stories', '--db', {db!r}, '--format', 'json', '--no-facts'],"
        " standalone_mode=False)\n"
        "print(code, 'newsdigest.pipeline' in sys.modules, 'scipy' in sys.modules)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-c", run], env=env, capture_output=True, text=True, timeout=120
    )
    *printed, last = done.stdout.strip().splitlines()
    assert last == "0 False False", done.stderr
    assert [s["id"] for s in json.loads("\n".join(printed))] == [s.id for s in first]


def test_a_refreshs_stories_are_saved_together_and_reported_once_saved(
    inbox: Path, tmp_path: Path
) -> None:
    """The stories rebuilt together are saved in one transaction (one fsync, not one a story:
    143 of the dev replay's 289 commits): when the first is reported, a reader (another
    process, ``serve``) sees every one of them, never a refresh half written."""
    from newsdigest.stories import refresh_stories

    seen: list[int] = []
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        with SqliteStore(tmp_path / "news.db") as reader:

            def progress(stage: str, done: int, total: int) -> None:
                seen.append(len(reader.list_stories()))

            rebuilt = refresh_stories(store, StoryConfig(facts=False), on_progress=progress)
    assert len(rebuilt) == 2 and seen == [2, 2]


_DIES_AFTER_ITS_FIRST_STORY = """
import os, sys
import newsdigest.stories as stories
from newsdigest.cluster import EventClusterer
from newsdigest.config import StoryConfig
from newsdigest.store.sqlite import SqliteStore

stories.PARSE_BATCH = 1  # each story its own group: the first saved, the second not yet built

def progress(stage, done, total):
    os._exit(3)  # killed right after the first story is reported: nothing cleans up

store = SqliteStore(sys.argv[1])
stories.refresh_stories(store, StoryConfig(facts=False), on_progress=progress)
"""


def test_a_process_that_dies_mid_refresh_keeps_the_stories_it_reported(
    inbox: Path, tmp_path: Path
) -> None:
    """Stories are saved a group at a time: a process killed after reporting its first story
    has that story stored, the others stay stale and the next refresh builds them, with the
    stories of a refresh never interrupted."""
    from newsdigest.serialize import story_to_dict
    from newsdigest.stories import refresh_stories

    def digest(store: SqliteStore) -> list[dict[str, object]]:
        return [story_to_dict(s) for s in store.list_stories()]

    db = tmp_path / "news.db"
    whole = tmp_path / "whole.db"
    for path in (db, whole):
        with SqliteStore(path) as store:
            ingest([inbox / "a_feed.jsonl"], store)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), NEWSDIGEST_WORKERS="1")
    done = subprocess.run(
        [sys.executable, "-c", _DIES_AFTER_ITS_FIRST_STORY, str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 3, done.stderr
    with SqliteStore(db) as store:
        assert len(store.list_stories()) == 1 and len(store.stale_clusters()) == 1
        assert len(refresh_stories(store, StoryConfig(facts=False))) == 1
        assert store.stale_clusters() == []
        resumed = digest(store)
    with SqliteStore(whole) as store:
        refresh_stories(store, StoryConfig(facts=False))
        assert resumed == digest(store)


def test_a_storys_facts_and_digest_are_built_side_by_side_and_give_the_same_story(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    """With two processes, each story's facts and its digest are two shares (a refresh of a
    single story had kept the worker idle while this process built it whole), and the
    stories are the same as built whole in one process."""
    import newsdigest.parallel
    from newsdigest.serialize import story_to_dict
    from newsdigest.stories import refresh_stories

    real = newsdigest.parallel.map_shared
    shares: list[int] = []

    def counted(fn, items, *args, **kwargs):  # type: ignore[no-untyped-def]
        shares.append(len(items))
        return real(fn, items, *args, **kwargs)

    monkeypatch.setattr(newsdigest.parallel, "map_shared", counted)
    built = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("NEWSDIGEST_WORKERS", workers)
        shares.clear()
        with SqliteStore(tmp_path / f"news{workers}.db") as store:
            ingest([inbox / "a_feed.jsonl"], store)
            refresh_stories(store, StoryConfig(facts=True))
            built[workers] = [story_to_dict(s) for s in store.list_stories()]
        if workers == "2":
            assert shares == [4]  # two stories, two shares each
    assert len(built["1"]) == 2 and all(s["facts"] for s in built["2"])
    assert json.dumps(built["2"], sort_keys=True) == json.dumps(built["1"], sort_keys=True)


def _parts_built_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers asked for, and the pool's shares, each story's facts and digest apart (four
    for the feed's two stories), run in this process, where a planted failure is met."""
    import newsdigest.parallel

    def here(fn, items, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert len(items) == 4  # each story's facts and digest apart
        return [fn(x) for x in items]

    monkeypatch.setattr(newsdigest.parallel, "map_shared", here)
    monkeypatch.setenv("NEWSDIGEST_WORKERS", "2")


def test_a_story_whose_facts_fail_in_their_own_share_is_saved_without_them(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    """A story's facts built apart from its digest: when they fail, the story is saved with its
    digest and no facts and the failure is told, as when it was built whole; the pool's shares
    run in this process here, so that the planted failure is met."""
    import newsdigest.facts

    _fail_on_washington(
        monkeypatch,
        newsdigest.facts,
        "extract_facts",
        ValueError,
        "[E088] Text of length 1000001 exceeds maximum",
    )
    _parts_built_here(monkeypatch)
    with SqliteStore(tmp_path / "news.db") as store:
        _washington_saved_without_facts(store, inbox)


def test_a_story_whose_digest_fails_in_its_own_share_is_left_stale(
    inbox: Path, tmp_path: Path, monkeypatch
) -> None:
    """Its facts built apart, a story whose digest fails is not saved (facts alone are no
    story): it stays stale and the failure is told, as when it was built whole."""
    import newsdigest.pipeline
    from newsdigest.stories import refresh_stories

    _fail_on_washington(
        monkeypatch, newsdigest.pipeline, "build_story", RuntimeError, "summarizer blew up"
    )
    _parts_built_here(monkeypatch)
    failures: list[StoryFailure] = []
    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        rebuilt = refresh_stories(store, on_failure=failures.append)
        (failure,) = failures
        assert not failure.without_facts and failure.reason == "RuntimeError: summarizer blew up"
        assert store.stale_clusters() == [failure.story_id] and failure.story_id not in rebuilt
        (built,) = store.list_stories()
        assert len(built.articles) == 3 and built.facts is not None


def test_a_story_state_is_decoded_once_while_unchanged_and_a_second_writers_is_read(
    inbox: Path, tmp_path: Path
) -> None:
    """Each refresh loads its open stories' states from the store (the truth, whoever wrote
    it); a state this process has decoded is not decoded again while its bytes are the same,
    and one another writer changed (a second process adding to the story) is read as that
    writer stored it, never as this process last saw it."""
    import numpy as np

    from newsdigest.cluster import Cluster, _decoded_sums, _read_sums

    later = dict(_records()[4], url="https://outlet9.example/later")  # seed 004: Sochi
    (tmp_path / "later.jsonl").write_text(json.dumps(later) + "\n", encoding="utf-8")

    def dense(sums: dict | None) -> list[list[float]]:  # type: ignore[type-arg]
        assert sums is not None
        return [sums[b].toarray().ravel().tolist() for b in sorted(sums)]

    with SqliteStore(tmp_path / "news.db") as store:
        ingest([inbox / "a_feed.jsonl"], store)
        build_stories(store, config=StoryConfig(facts=False))
        rows = store.load_clusters()
        _decoded_sums.cache_clear()
        before = {r.id: dense(Cluster.sums_from_bytes(r.state)) for r in rows}
        again = {r.id: dense(Cluster.sums_from_bytes(r.state)) for r in store.load_clusters()}
        assert again == before and _decoded_sums.cache_info().misses == len(rows) == 2
        with SqliteStore(tmp_path / "news.db") as other:  # a second writer
            ingest([tmp_path / "later.jsonl"], other)
            build_stories(other, config=StoryConfig(facts=False))
        now = {r.id: r for r in store.load_clusters()}
        changed = [k for k in now if now[k].state != next(r for r in rows if r.id == k).state]
        assert len(changed) == 1
        seen = {k: dense(Cluster.sums_from_bytes(r.state)) for k, r in now.items()}
        assert _decoded_sums.cache_info().misses == 3  # the changed state alone decoded
        assert all(seen[k] == dense(_read_sums(now[k].state)) for k in now)
        assert seen[changed[0]] != before[changed[0]]
        # the sums a story is loaded with are the process's to replace, not to change: the
        # decoded ones are shared, so an in-place change fails instead of reaching another
        sums = Cluster.sums_from_bytes(now[changed[0]].state)
        assert sums is not None
        with pytest.raises(ValueError, match="read-only"):
            sums["body"].data *= np.float32(2)
