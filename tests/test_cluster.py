"""Event clustering on real articles: the seeds (two meetings of the same people, seven months
apart) and a slice of the Multi-News sample scored with B-cubed F1."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsdigest.cluster import ClusterParams, ClusterState, assign_batch, cluster_stream, names
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
    state = ClusterState()
    first = assign_batch(state, dated[:2])
    assert len(first.created) == 1
    sochi_id = first.created[0]
    second = assign_batch(state, dated[2:])
    assert second.members[dated[4].id] == sochi_id  # 004 joins the open Sochi story
    assert second.members[dated[3].id] != sochi_id  # 003 opens its own
    assert second.created == (second.members[dated[3].id],)
    assert {c.id for c in second.changed} == {sochi_id, second.members[dated[3].id]}
    assert state.clusters[0].size == 4 and state.clusters[0].last_published == dated[4].published


def test_time_window_keeps_a_later_meeting_apart(seeds: list[Article]) -> None:
    sochi = [replace(a, published=SOCHI) for a in seeds if "003_" not in (a.origin or "")]
    later = replace(sochi[0], id="later", published=SOCHI + timedelta(days=30))
    members = cluster_stream([sochi, [later]])
    assert members["later"] != members[sochi[0].id]
    near = replace(sochi[0], id="near", published=SOCHI + timedelta(days=2))
    assert cluster_stream([sochi, [near]])["near"] == members[sochi[0].id]


def test_deterministic_whatever_the_order_inside_a_batch(seeds: list[Article]) -> None:
    dated = _dated(seeds)
    one = cluster_stream([dated])
    two = cluster_stream([list(reversed(dated))])
    assert one == two


def test_names_are_the_who_and_where_cue() -> None:
    found = names("The talks in Sochi. Mike Pompeo met Sergey Lavrov on Tuesday in May.")
    assert found == ["sochi", "mike", "pompeo", "sergey", "lavrov"]


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
    members = cluster_stream([arts[:40], arts[40:]], ClusterParams())
    f1 = _bcubed_f1([members[a.id] for a in arts], [i for i, _ in docs])
    assert f1 >= BAR_30, f1


BAR_30 = 0.93  # one article at a time (before batch grouping) scored 0.918 here; now 0.944
