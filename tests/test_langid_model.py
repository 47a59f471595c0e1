"""The per-user decoded copy of py3langid's model: same identifier, rebuilt when missing,
and never needed (an unwritable cache falls back to the shipped model)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsdigest.langid_model import cached_model_path, load_identifier

TEXTS = (
    "Der Außenminister traf am Dienstag seinen Amtskollegen in Sotschi.",
    "Russian Foreign Minister Sergey Lavrov met his US counterpart in Sochi on Tuesday.",
    "Le ministre russe des Affaires étrangères a rencontré son homologue américain.",
)


@pytest.fixture(scope="module")
def shipped() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _same(a: LanguageIdentifier, b: LanguageIdentifier) -> None:
    for name in ("nb_ptc", "nb_pc", "nb_classes", "tk_nextmove", "tk_output", "tk_row"):
        x, y = getattr(a, name), getattr(b, name)
        assert getattr(x, "typecode", None) == getattr(y, "typecode", None), name
        assert np.array_equal(np.asarray(x), np.asarray(y)), name
    for text in TEXTS:
        assert a.classify(text) == b.classify(text)


def test_first_load_writes_the_copy_and_the_next_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: LanguageIdentifier
) -> None:
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(tmp_path))
    path = cached_model_path()
    assert not path.exists()
    _same(load_identifier(), shipped)
    assert path.is_file() and path.parent == tmp_path / "models"
    assert "py3langid-" in path.name
    written = path.stat().st_mtime_ns
    _same(load_identifier(), shipped)
    assert path.stat().st_mtime_ns == written  # read, not rewritten
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_a_damaged_copy_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: LanguageIdentifier
) -> None:
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(tmp_path))
    path = cached_model_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not an npz")
    _same(load_identifier(), shipped)
    assert path.stat().st_size > 1_000_000


def test_an_unwritable_cache_falls_back_to_the_shipped_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: LanguageIdentifier
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(blocker))
    _same(load_identifier(), shipped)
    assert blocker.is_file()


@pytest.mark.parametrize("keep", [0, 100, 0.5, -10])
def test_a_truncated_copy_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: LanguageIdentifier, keep: float
) -> None:
    """A copy cut short (a full disk, a copy of the cache folder interrupted) is read as
    missing, not raised from every ingest."""
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(tmp_path))
    load_identifier()
    path = cached_model_path()
    whole = path.read_bytes()
    path.write_bytes(whole[: int(len(whole) * keep) if isinstance(keep, float) else keep])
    _same(load_identifier(), shipped)
    assert path.read_bytes() == whole


def test_a_copy_left_half_written_by_a_killed_process_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(tmp_path))
    folder = cached_model_path().parent
    folder.mkdir(parents=True)
    old = folder / "py3langid-abc123.tmp"
    old.write_bytes(b"PK\x03\x04 half a copy")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    other = folder / "someone-elses.tmp"  # not ours: kept
    other.write_bytes(b"x")
    os.utime(other, (1_000_000_000, 1_000_000_000))
    load_identifier()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [cached_model_path().name, other.name]
    )
