"""The in-memory gzip reading shared by the follower's fetch and the WARC reader."""

from __future__ import annotations

import gzip
import time
import zlib

import pytest

from newsdigest.gunzip import GunzipError, GzipMembers, gunzip_layers, inflate

SEED = b"Russia and Turkey agreed in Sochi on a demilitarised zone around Idlib.\n"


def test_every_member_is_read_and_bytes_after_the_last_are_ignored() -> None:
    """``cat a.gz b.gz`` is legal gzip (gzip(1) and ``gzip.decompress`` read both); one
    ``zlib.decompressobj`` stops at the first member's end, and the follower and the WARC
    reader had dropped the rest without a word."""
    two = gzip.compress(SEED) + gzip.compress(SEED.upper())
    assert inflate(two, 1000) == SEED + SEED.upper()
    assert inflate(two + b"\r\n-- end --\r\n", 1000) == SEED + SEED.upper()
    assert gunzip_layers(gzip.compress(two), 1000, 3) == (SEED + SEED.upper(), 2)


def test_fed_a_byte_at_a_time_the_members_read_the_same() -> None:
    """warcio feeds a record body a block at a time: a next member's magic split by a
    block's end is held for the next block, not taken for trailing garbage."""
    two = gzip.compress(SEED) + gzip.compress(SEED.upper())
    decoder = GzipMembers()
    got = b"".join(decoder.decompress(two[i : i + 1]) for i in range(len(two)))
    assert got == SEED + SEED.upper() and decoder.eof and not decoder.unused_data


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (gzip.compress(SEED) + gzip.compress(SEED)[:30], "ends early"),
        (gzip.compress(SEED) + gzip.compress(SEED)[:12] + b"\xff" * 30, "damaged"),
        (gzip.compress(b"a" * 200) + gzip.compress(b"b" * 200), "too large"),
        (gzip.compress(gzip.compress(gzip.compress(gzip.compress(SEED)))), "too deep"),
    ],
    ids=["second-member-cut", "second-member-damaged", "members-past-the-bound", "four-layers"],
)
def test_a_next_member_cut_damaged_or_too_large_is_refused(data: bytes, kind: str) -> None:
    with pytest.raises(GunzipError) as caught:
        gunzip_layers(data, 300, 3)
    assert caught.value.kind == kind


def test_a_bomb_of_many_members_is_refused_within_the_bound() -> None:
    """Each member small and inflating 1,000 times: refused once past the bound, never
    inflated much further (the output held is the bound and one piece at most)."""
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = (member.compress(bytes(1 << 20)) + member.flush()) * 1000  # ~1 GB inflated
    decoder = GzipMembers()
    with pytest.raises(GunzipError, match="too large"):
        decoder.decompress(bomb, 100_000)
    assert decoder._inflated == 100_001


def _cpu(data: bytes) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        inflate(data, 1 << 30)
        best = min(best, time.process_time() - start)
    return best


def test_ten_thousand_tiny_members_are_read_in_linear_time() -> None:
    """A log gzipped line by line and appended: zlib copies what is left of its input past
    each member's end (``unused_data``), so handing it the rest of the body per member is
    quadratic (10,000 members of a 300-byte line: ~15 GB copied, seconds); fed in pieces
    that grow with the member, ten times the members cost about ten times the time."""
    lines = [b"%05d " % i + SEED * 4 for i in range(10_000)]
    members = [gzip.compress(line, mtime=0) for line in lines]
    many, few = b"".join(members), b"".join(members[:1000])
    assert inflate(many, 1 << 30) == b"".join(lines)
    assert _cpu(many) < 30 * max(_cpu(few), 1e-3)
