"""Near-duplicates: a syndicated copy under other boilerplate is one, a second outlet's report
of the same event is not (seeds and Multi-News documents)."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest

from newsdigest import dedup

SEEDS = sorted((Path(__file__).resolve().parents[1] / "examples" / "sochi-2019").glob("*.txt"))


def _wrap(text: str, site: str) -> str:
    return (
        f"{site} | Home / World / Politics\nAdvertisement\n{text}\n"
        f"Share this story: Facebook Twitter WhatsApp Email\nRelated: more from {site}\n"
        f"© 2019 {site}. All rights reserved. This material may not be published or redistributed."
    )


@pytest.fixture(scope="module")
def multinews_clusters(multinews_csv: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 30)
    with multinews_csv.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:40]
    return [ast.literal_eval(r["documents"]) for r in rows]


def test_syndicated_copies_are_near_duplicates() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        a, b = (
            dedup.signature(_wrap(text, "Daily Wire Service")),
            dedup.signature(_wrap(text, "The Evening Courier")),
        )
        assert dedup.similar(a, b), path.name
        assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))  # found by LSH, not by a scan


def test_other_reports_of_the_same_event_are_not(multinews_clusters: list[list[str]]) -> None:
    sochi = [dedup.signature(p.read_text(encoding="utf-8")) for p in SEEDS]
    for i in range(len(sochi)):
        for j in range(i + 1, len(sochi)):
            assert not dedup.similar(sochi[i], sochi[j])
    flagged = 0
    pairs = 0
    for docs in multinews_clusters:
        sigs = [dedup.signature(d) for d in docs if len(d.split()) > 100]
        for i in range(len(sigs)):
            for j in range(i + 1, len(sigs)):
                pairs += 1
                flagged += dedup.similar(sigs[i], sigs[j])
    assert pairs > 30 and flagged <= pairs * 0.05


def test_groups_are_deterministic_and_keep_first_as_leader() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    mixed = [texts[0], _wrap(texts[2], "A"), texts[1], _wrap(texts[0], "B"), texts[2]]
    groups = dedup.near_duplicate_groups(mixed)
    assert groups == [[0, 3], [1, 4], [2]]
    assert dedup.near_duplicate_groups(mixed) == groups


def test_signature_round_trips_through_bytes() -> None:
    sig = dedup.signature(SEEDS[0].read_text(encoding="utf-8"))
    back = dedup.from_bytes(dedup.to_bytes(sig))
    assert back.jaccard(sig) == 1.0 and dedup.band_keys(back) == dedup.band_keys(sig)


def _overlapping() -> tuple[str, str, str]:
    """Two articles that share a long common body (estimated Jaccard 0.66: not copies of each
    other) and the common body alone (0.80 and 0.82: a copy of both, found by LSH in both)."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    body = texts[4]
    first = body + " " + " ".join(texts[1].split()[:150])
    second = body + " " + " ".join(texts[2].split()[:150])
    return first, second, body


def test_a_copy_of_two_groups_joins_the_first() -> None:
    first, second, body = _overlapping()
    assert not dedup.similar(dedup.signature(first), dedup.signature(second))
    assert dedup.near_duplicate_groups([first, second, body]) == [[0, 2], [1]]


def test_a_copy_in_other_case_is_a_near_duplicate() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    assert dedup.similar(dedup.signature(text), dedup.signature(text.upper()))
    assert dedup.near_duplicate_groups([text, text.upper(), text.title()]) == [[0, 1, 2]]


def test_shingles_are_five_folded_words() -> None:
    assert dedup.shingles("The talks in SOCHI lasted three hours") == {
        b"the talks in sochi lasted",
        b"talks in sochi lasted three",
        b"in sochi lasted three hours",
    }
    assert dedup.shingles("Talks in Sochi.") == {b"talks in sochi"}


def test_opening_a_store_leaves_datasketch_unimported(tmp_path: Path) -> None:
    """``newsdigest stories`` and ``serve`` open a store but make no signatures: the import of
    datasketch (and the scipy.integrate it pulls in) waits for the first article added."""
    import subprocess
    import sys

    probe = (
        "import sys; from newsdigest.store import open_store; "
        f"s = open_store({str(tmp_path / 'n.db')!r}); s.list_stories(); "
        "print('datasketch' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_signatures_are_datasketchs_and_adding_articles_needs_no_datasketch(
    tmp_path: Path,
) -> None:
    """``newsdigest.minhash`` makes datasketch's affine32 MinHash values (stored signatures
    stay valid), and the band layout for the defaults is still the one datasketch picks; so
    ``ingest`` adds articles without importing datasketch (0.5 s of scipy.integrate)."""
    import subprocess
    import sys

    from datasketch import MinHash, MinHashLSH

    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + ["", "Talks in Sochi.", "é" * 40]
    for text in texts:
        want = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED, scheme=dedup.SCHEME)
        want.update_batch(list(dedup.shingles(text)))
        got = dedup.signature(text)
        assert got.hashvalues.dtype == want.hashvalues.dtype
        assert (got.hashvalues == want.hashvalues).all()
        assert dedup.to_bytes(got) == dedup.to_bytes(want)
    first, second, _ = _overlapping()
    a, b = dedup.signature(first), dedup.signature(second)
    assert 0.5 < a.jaccard(b) < dedup.THRESHOLD
    lsh = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    assert dedup.LshParams().bands_rows == (lsh.b, lsh.r)

    probe = (
        "import sys; from newsdigest.store import open_store; from newsdigest.model import Article; "
        f"s = open_store({str(tmp_path / 'n.db')!r}); "
        f"s.add_articles([Article(id='a', text={texts[0]!r})]); "
        "print('datasketch' in sys.modules, len(s.get_articles()))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "1"]


def test_the_longest_article_signs_in_bounded_memory() -> None:
    """An article at the size limit (1M characters, ~150,000 shingles) gets datasketch's
    signature without holding its whole (shingles x permutations) products at once (~90 MB
    per temporary, several alive)."""
    import random
    import tracemalloc

    from datasketch import MinHash

    from newsdigest.limits import DEFAULT_LIMITS
    from newsdigest.minhash import signature

    rng = random.Random(7)
    text = " ".join(
        f"w{rng.randrange(10**6)}" for _ in range(DEFAULT_LIMITS.max_article_chars // 7)
    )
    items = dedup.shingles(text)
    assert len(items) > 100_000
    tracemalloc.start()
    try:
        got = signature(items, dedup.NUM_PERM, dedup.SEED)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20
    want = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED, scheme=dedup.SCHEME)
    want.update_batch(list(items))
    assert (got.hashvalues == want.hashvalues).all()
