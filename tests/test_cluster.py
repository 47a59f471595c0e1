"""Event clustering on real articles: the seeds (two meetings of the same people, seven months
apart), a story that decays with quiet time, the stored state, and a slice of the Multi-News
sample scored with B-cubed F1."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from newsdigest.cluster import Cluster, EventClusterer, cluster_stream
from newsdigest.event_model import entity_key, shipped_link_model
from newsdigest.ingest import load_articles
from newsdigest.model import Article

SEEDS = sorted((Path(__file__).resolve().parents[1] / "examples" / "sochi-2019").glob("*.txt"))
SOCHI = datetime(2019, 5, 14, 9, tzinfo=timezone.utc)
WASHINGTON = datetime(2019, 12, 10, 15, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return list(load_articles(SEEDS).articles)


def _dated(seeds: list[Article]) -> list[Article]:
    return [
        replace(
            a, published=WASHINGTON if "003_" in (a.origin or "") else SOCHI + timedelta(hours=k)
        )
        for k, a in enumerate(seeds)
    ]


def _story_sets(members: dict[str, str], articles: list[Article]) -> list[set[str]]:
    by_story: dict[str, set[str]] = {}
    for a in articles:
        by_story.setdefault(members[a.id], set()).add((a.origin or "").rsplit("/", 1)[-1][:3])
    return sorted(by_story.values(), key=sorted)


def test_dated_seeds_split_the_washington_meeting_from_sochi(seeds: list[Article]) -> None:
    members = cluster_stream([_dated(seeds)])
    assert _story_sets(members, seeds) == [{"000", "001", "002", "004"}, {"003"}]


def test_undated_seeds_are_one_story_on_content(seeds: list[Article]) -> None:
    # without dates the same people make one story; the story's outlier check handles 003
    members = cluster_stream([seeds])
    assert len(set(members.values())) == 1


def test_a_later_batch_joins_stories_without_reclustering(seeds: list[Article]) -> None:
    dated = _dated(seeds)
    clusterer = EventClusterer()
    clusterer.partial_fit(dated[:2])
    assert len(clusterer.last_.created) == 1
    sochi_id = clusterer.last_.created[0]
    second = clusterer.partial_fit(dated[2:])
    assert second[dated[4].id] == sochi_id  # 004 joins the open Sochi story
    assert second[dated[3].id] != sochi_id  # 003 opens its own
    assert clusterer.last_.created == (second[dated[3].id],)
    assert {c.id for c in clusterer.last_.changed} == {sochi_id, second[dated[3].id]}
    sochi = clusterer.state.clusters[0]
    assert sochi.size == 4 and sochi.last_published == dated[4].published


def test_a_story_stays_open_while_fed_and_closes_after_its_quiet_period(
    seeds: list[Article],
) -> None:
    sochi = [replace(a, published=SOCHI) for a in seeds if "003_" not in (a.origin or "")]
    quiet = EventClusterer().quiet_days
    # a follow-up every few days keeps the story going well past any fixed window
    follow = [replace(sochi[k % 4], id=f"day{d}", published=SOCHI + timedelta(days=d))
              for k, d in enumerate(range(3, 22, 3))]  # fmt: skip
    members = cluster_stream([sochi, *[[a] for a in follow]])
    assert {members[a.id] for a in follow} == {members[sochi[0].id]}
    # the same text after the quiet period opens a new story
    late = replace(sochi[0], id="late", published=SOCHI + timedelta(days=quiet + 1))
    assert cluster_stream([sochi, [late]])["late"] != members[sochi[0].id]


def test_naive_times_are_utc(seeds: list[Article]) -> None:
    dated = _dated(seeds)
    naive = [replace(a, published=a.published.replace(tzinfo=None)) for a in dated]
    assert cluster_stream([naive]) == cluster_stream([dated])


def test_deterministic_whatever_the_order_inside_a_batch(seeds: list[Article]) -> None:
    dated = _dated(seeds)
    one = cluster_stream([dated])
    two = cluster_stream([list(reversed(dated))])
    assert one == two


def test_the_stored_state_resumes_the_stream(seeds: list[Article]) -> None:
    dated = _dated(seeds)
    whole = EventClusterer()
    whole.partial_fit(dated[:3])
    resumed = EventClusterer(state=whole.state)
    stored = [Cluster(c.id, c.seq, c.size, Cluster.sums_from_bytes(c.to_bytes()) or {},
                      c.first_published, c.last_published) for c in whole.state.clusters]  # fmt: skip
    resumed.state.clusters = stored
    assert resumed.partial_fit(dated[3:]) == whole.partial_fit(dated[3:])
    assert Cluster.sums_from_bytes(b"\x00\x01old state") is None  # an older clusterer's blob


def test_a_state_stored_before_titles_were_a_block_stays_open(seeds: list[Article]) -> None:
    """A story saved by the three-block clusterer (EVT1) is read with an empty title sum, so
    it keeps receiving articles instead of being closed by an upgrade."""
    import numpy as np

    clusterer = EventClusterer()
    clusterer.partial_fit(_dated(seeds)[:3])
    story = clusterer.state.clusters[0]
    blob = story.to_bytes()
    assert blob.startswith(b"EVT2")
    # the same story as the former clusterer wrote it: its first three blocks under EVT1
    at, parts = 4, [b"EVT1"]
    for _ in range(3):
        n = int(np.frombuffer(blob[at : at + 4], dtype=np.int32)[0])
        parts.append(blob[at : at + 4 + 8 * n])
        at += 4 + 8 * n
    old = Cluster.sums_from_bytes(b"".join(parts))
    new = Cluster.sums_from_bytes(blob)
    assert old is not None and new is not None and set(old) == set(new)
    assert old["title"].nnz == 0 and new["title"].nnz > 0
    for block in ("lead", "body", "entities"):
        assert (old[block] != new[block]).nnz == 0


def test_entity_keys_fold_spellings_and_short_forms() -> None:
    keys = {entity_key(n, "PERSON") for n in ("Sergei Lavrov", "Sergey Lavrov", "Lavrov's")}
    assert keys == {entity_key("Lavrov", "ORG")}  # the model's label flips do not matter
    assert entity_key("U.S.", "GPE") == entity_key("the United States", "GPE")
    assert entity_key("North Korea", "GPE") != entity_key("South Korea", "GPE")
    assert entity_key("2019", "ORG") is None


def test_the_shipped_model_was_fitted_with_a_time_decay() -> None:
    model = shipped_link_model()
    weights = dict(zip(model.features, model.weights, strict=True))
    assert weights["log_days"] < 0 and weights["body"] > 0 and weights["entities"] > 0
    assert weights["title"] > 0  # two headlines alike are evidence apart from the lead's words
    assert 7 <= model.quiet_days <= 365


def _bcubed_f1(pred: list[str], true: list[int]) -> float:
    pairs = Counter(zip(pred, true, strict=True))
    bp, bt = Counter(pred), Counter(true)
    p = sum(pairs[(a, b)] / bp[a] for a, b in zip(pred, true, strict=True)) / len(pred)
    r = sum(pairs[(a, b)] / bt[b] for a, b in zip(pred, true, strict=True)) / len(pred)
    return 2 * p * r / (p + r)


def test_multinews_slice_bcubed(multinews_articles) -> None:
    """30 Multi-News clusters, all documents shuffled into one stream."""
    docs = multinews_articles(100, 130)
    random.Random(0).shuffle(docs)
    arts = [a for _, a in docs]
    members = cluster_stream([arts[:40], arts[40:]])
    f1 = _bcubed_f1([members[a.id] for a in arts], [i for i, _ in docs])
    assert f1 >= BAR_30, f1


def test_two_reports_nearest_each_other_are_one_story_though_worded_apart(
    multinews_articles,
) -> None:
    """Multi-News row 126: two reports of Kellyanne Conway on Fox News Sunday about Matthew
    Whitaker, worded apart (whole-text cosine 0.11) among 30 clusters' documents. Each is the
    other's nearest neighbour in their batch: the model sees how far a cosine falls below the
    article's nearest (``body_gap``), so they are one story; by the cosines alone they were
    two."""
    docs = multinews_articles(100, 130)
    random.Random(0).shuffle(docs)
    arts = [a for _, a in docs]
    members = cluster_stream([arts[:40], arts[40:]])
    conway = [a.id for i, a in docs if i == 26]
    assert len(conway) == 2 and members[conway[0]] == members[conway[1]]


def test_a_piece_left_alone_in_its_batch_is_offered_the_stories_the_batch_made(
    multinews_articles,
) -> None:
    """Multi-News row 26, Zuckerberg's manifesto (his letter, Reuters' 78 words, the BBC's
    report) as one batch: the grouping left Reuters' short piece apart (mean pairwise
    probability under the group threshold), and a group is offered only the stories open
    before its batch; offered the story of the other two, it reaches the join threshold."""
    arts = [a for _, a in multinews_articles(26, 27)]
    members = cluster_stream([arts])
    assert len(set(members.values())) == 1
    clusterer = EventClusterer()
    clusterer.partial_fit(arts)
    assert len(clusterer.state.clusters) == 1
    assert clusterer.last_.created == (clusterer.state.clusters[0].id,)
    assert clusterer.state.clusters[0].size == 3 and clusterer.state.next_seq == 2


def _mh370_search_phases(multinews_articles) -> list[tuple[int, Article]]:
    """Multi-News rows 209 (a Thai satellite's 300 objects, the pilot's son, the black box: 4
    documents) and 218 (the Bluefin-21 sent underwater after six days without pings: 3), two
    phases of the MH370 search weeks apart, undated: the same people, place and aircraft."""
    return [(209, a) for _, a in multinews_articles(209, 210)] + [
        (218, a) for _, a in multinews_articles(218, 219)
    ]


def test_two_phases_of_a_search_in_an_undated_pile_are_two_stories(multinews_articles) -> None:
    """Every pair of the seven links above the group threshold on average, so the grouping of
    every pair made one story of both phases. Each phase's documents are each other's nearest:
    with only mutual 3-nearest pairs linking (``UNDATED_NEIGHBOURS``), two stories, each
    whole."""
    docs = _mh370_search_phases(multinews_articles)
    arts = [a for _, a in docs]
    phase = {a.id: i for i, a in docs}
    members = EventClusterer().partial_fit(arts)
    stories: dict[str, set[int]] = {}
    for a in arts:
        stories.setdefault(members[a.id], set()).add(phase[a.id])
    assert sorted(map(sorted, stories.values())) == [[209], [218]]
    assert len(set(EventClusterer(undated_neighbours=0).partial_fit(arts).values())) == 1


def test_the_neighbour_rule_leaves_a_dated_batch_alone(multinews_articles) -> None:
    """The same seven documents with one dated: the batch is grouped on every pair, as before."""
    arts = [a for _, a in _mh370_search_phases(multinews_articles)]
    arts[0] = replace(arts[0], published=SOCHI)
    assert EventClusterer().partial_fit(arts) == EventClusterer(undated_neighbours=0).partial_fit(
        arts
    )


# The fitted model (IDF over the background table and the stream; batches grouped by average
# link at 0.3, join threshold 0.3: the setting the fit over everything picked) scores 0.932
# here (0.922 before the body_gap feature) (0.913 before an article left alone in its batch was offered the batch's stories),
# 0.905 each article of a batch on its own at join threshold 0.3 (0.887 before the
# background table); the older average-link clusterer 0.944 (it lost on the full sample and on
# the dev stream, see BENCHMARKS.md "Stream replay"). A regression gate, not a goal.
BAR_30 = 0.88


def test_hashed_vectors_are_scikit_learns(seeds: list[Article], multinews_articles) -> None:
    """Stored story centroids live in the hashed space: the clusterer's own hashing must give
    exactly ``HashingVectorizer``'s counts (words and entity keys), on real text of several
    scripts, so stores written before keep working."""
    from sklearn.feature_extraction.text import HashingVectorizer

    from newsdigest.cluster import DIM, TERMS, _hash_rows
    from newsdigest.tfidf import content_words

    texts = [a.text for a in seeds] + [a.text for _, a in multinews_articles(0, 12)]
    texts += ["Сергей Лавров встретился с Помпео в Сочи.", "東京 ソチ", "naïve café’s CAFÉ", ""]
    words = HashingVectorizer(
        n_features=TERMS, alternate_sign=False, norm=None, stop_words="english"
    ).transform(texts)
    ours = _hash_rows([content_words(t) for t in texts], TERMS)
    assert ours.dtype == words.dtype and (ours != words).nnz == 0
    keys = [["lavrov", "united states", "сочи"], [], ["pompeo", "pompeo"]]
    theirs = HashingVectorizer(
        n_features=DIM - TERMS, analyzer=list, alternate_sign=False, norm=None
    ).transform(keys)
    assert (_hash_rows(keys, DIM - TERMS) != theirs).nnz == 0


def test_a_word_of_all_news_weighs_less_than_a_rare_one_from_the_first_article(
    seeds: list[Article],
) -> None:
    """The first article of a stream has no stream to take an IDF from: the background table
    (NeuS train) already tells "president", in most news, from "sochi", once in the seed's
    body each (from its own counts alone the two weighed the same)."""
    from newsdigest.cluster import TERMS, DocFreq, _hash_rows, article_vectors
    from newsdigest.event_model import ArticleFeatures

    first = seeds[0]
    body = article_vectors([first], [ArticleFeatures(first.id, ())], DocFreq())["body"]
    slot = {w: int(_hash_rows([[w]], TERMS).indices[0]) for w in ("president", "sochi")}
    assert 0 < body[0, slot["president"]] < body[0, slot["sochi"]] / 2


def test_a_headline_that_names_no_event_is_no_evidence(seeds: list[Article]) -> None:
    """Pages titled with their outlet's name ("ABC News") or a word ("Video") must not look
    alike for it: unrelated articles so titled stay apart (all eight had made one story)."""
    from newsdigest.cluster import headline_words

    dated = _dated(seeds)
    sochi = [a for a in dated if "003_" not in (a.origin or "")]
    washington = [a for a in dated if "003_" in (a.origin or "")]
    for title, source in (("ABC News", "ABC News"), ("Video", None), ("Reuters", "Reuters")):
        pages = [replace(a, title=title, source=source) for a in (*sochi[:1], *washington)]
        assert headline_words(pages[0]) == ""
        members = cluster_stream([pages])
        assert len(set(members.values())) == 2
    titled = replace(seeds[0], title="Pompeo meets Lavrov in Sochi", source="Outlet 1")
    assert headline_words(titled) == "Pompeo meets Lavrov in Sochi"
    named = replace(
        seeds[0], title="Pompeo meets Lavrov in Sochi", source="Pompeo meets Lavrov in Sochi"
    )
    assert headline_words(named) == ""  # the "headline" is the source's name


def test_a_cut_or_corrupt_state_is_read_as_none_not_a_crash(seeds: list[Article]) -> None:
    clusterer = EventClusterer()
    clusterer.partial_fit(_dated(seeds)[:2])
    blob = clusterer.state.clusters[0].to_bytes()
    for bad in (blob[:10], blob[:-3], blob[:4] + b"\xff\xff\xff\x7f" + blob[8:]):
        assert Cluster.sums_from_bytes(bad) is None


def test_a_link_model_over_other_features_is_refused_with_a_reason() -> None:
    from newsdigest.event_model import LinkModel

    old = {"features": ["lead", "body", "entities", "dated", "log_days", "log_size"],
           "weights": [7.9, 9.6, 2.6, 1.3, -0.6, -0.9], "intercept": -4.3}  # fmt: skip
    with pytest.raises(ValueError, match="refit"):
        LinkModel.from_json(old)


def _batches_counted(rows: list[dict[str, str]], doc_freq: Any) -> Iterator[tuple[Any, ...]]:
    """The rows as batches of eight articles, each with its hashed body and title-key counts,
    counted into ``doc_freq`` (a ``cluster.DocFreq``) before it is given, as a batch is."""
    from newsdigest import cluster as C

    for start in range(0, len(rows), 8):
        batch = [
            Article(id=str(k), text=r["text"], title=r.get("title"), source=r.get("source"))
            for k, r in enumerate(rows[start : start + 8])
        ]
        body = C._hashed([C.body_text(a) for a in batch])
        keys = C._hashed_keys([C.content_words(a.title or "")[:5] for a in batch])
        doc_freq.update(C._presence(body, keys))
        yield batch, body, keys


def test_tfidf_rows_work_over_the_columns_used_and_equal_the_full_width_product(
    dev_stream_rows: list[dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The TF-IDF rows of the dev stream's weekly batches (each block, and an empty one) are
    the full-width product's entry for entry, in the same order, bit for bit; and no diagonal
    as wide as the hash space is made (it had been, four times a batch: ~1 CPU-s of the API
    replay)."""
    import numpy as np
    import scipy.sparse as sp

    from newsdigest import cluster as C

    def full_width(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
        counts = counts.astype(np.float32)
        counts.data = np.log1p(counts.data)
        return C._l2_rows(counts @ sp.diags(idf))

    widths: list[int] = []
    real_diags = sp.diags

    def diags(values: np.ndarray, *args: object, **kwargs: object) -> sp.dia_matrix:
        widths.append(len(values))
        return real_diags(values, *args, **kwargs)

    doc_freq = C.DocFreq()
    rows = sorted(dev_stream_rows, key=lambda r: r.get("published") or "")
    compared = 0
    for batch, body, keys in _batches_counted(rows, doc_freq):
        idf = doc_freq.idf()
        blocks = [C._hashed([C.lead_text(a) for a in batch]), body, keys]
        blocks += [C._hashed([C.headline_words(a) for a in batch]), C._hashed([""] * len(batch))]
        for counts in blocks:
            want = full_width(counts, idf)
            monkeypatch.setattr(sp, "diags", diags)
            got = C._tfidf_rows(counts, idf)
            monkeypatch.setattr(sp, "diags", real_diags)
            assert got.shape == want.shape and got.dtype == want.dtype
            assert got.indptr.tolist() == want.indptr.tolist()
            assert got.indices.dtype == want.indices.dtype
            assert got.indices.tolist() == want.indices.tolist()
            assert got.data.tobytes() == want.data.tobytes()
            compared += 1
    assert compared >= 200
    assert widths and max(widths) < C.DIM // 10


def test_the_stored_document_frequencies_hold_only_their_non_zero_slots(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The store rewrites the stream's document frequencies after every batch: the table of
    the dev stream's 383 articles is written as its non-zero slots (it had been 1.3 MB, every
    slot), reads back the same, and a dense table stored before still reads."""
    import numpy as np

    from newsdigest import cluster as C

    doc_freq = C.DocFreq()
    for _ in _batches_counted(dev_stream_rows, doc_freq):
        pass
    dense = np.int64(doc_freq.docs).tobytes() + doc_freq.counts.astype(np.int32).tobytes()
    blob = doc_freq.to_bytes()
    assert len(blob) < len(dense) // 5
    for stored in (blob, dense):
        back = C.DocFreq.from_bytes(stored)
        assert back.docs == doc_freq.docs == len(dev_stream_rows)
        assert np.array_equal(back.counts, doc_freq.counts)
        assert np.array_equal(back.idf(), doc_freq.idf())
    assert C.DocFreq.from_bytes(C.DocFreq().to_bytes()).docs == 0
    for bad in (blob[:-4], blob[:10], dense[:-4], b"", b"DFS1" + blob[4:12] + b"\xff" * 4):
        fresh = C.DocFreq.from_bytes(bad)  # cut short or garbled: counts start afresh
        assert fresh.docs == 0 and not fresh.counts.any()
