"""py3langid's model, decompressed once per user instead of once per process.

py3langid ships its model LZMA-compressed; decompressing it took 0.5-0.9 s of every
``newsdigest ingest`` (half of a small batch's run). The first load writes the decoded arrays,
uncompressed, to the per-user cache dir (``embed.cache.cache_dir``), in a file named by the
py3langid version and the shipped model's size and modification time, so an upgrade is never
served a stale copy; later loads read that file. Where the cache cannot be written or read,
the model loads from the package as before. The identifier is the same either way.
"""

from __future__ import annotations

import importlib.metadata
import os
import tempfile
import time
import zipfile
import zlib
from array import array
from pathlib import Path
from typing import Any

import numpy as np

from newsdigest.embed.cache import cache_dir


def cached_model_path() -> Path:
    """Where the decoded copy of the installed py3langid model lives."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    shipped = (MODEL_DIR / MODEL_FILE).stat()
    version = importlib.metadata.version("py3langid")
    name = f"py3langid-{version}-{shipped.st_size}-{shipped.st_mtime_ns}.npz"
    return cache_dir() / "models" / name


def load_identifier() -> Any:
    """py3langid's ``LanguageIdentifier`` (normalised probabilities), from the decoded copy."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    path = cached_model_path()
    try:
        model = _read(path)
    except _DAMAGED:
        model = load_model(MODEL_DIR / MODEL_FILE)
        _write(path, model)
    ptc, pc, classes, nextmove, row, output = model
    return LanguageIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
    )


# What reading a missing, truncated or foreign copy raises (a truncated zip is BadZipFile, an
# empty file EOFError); any of them means decoding the shipped model again.
_DAMAGED = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error)


def _read(path: Path) -> tuple[Any, ...]:
    with np.load(path, allow_pickle=False) as data:
        return (
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            _to_array(data["nextmove_row"]),
            data["out_feat"].tolist(),
        )


def _to_array(values: np.ndarray) -> array[int]:
    """The stdlib array py3langid walks its automaton over (as its own loader makes)."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


_TMP_PREFIX = "py3langid-"
# A write takes about a second; a temporary file this old was left by a killed process.
_ABANDONED_S = 3600


def _remove_abandoned(folder: Path) -> None:
    """Delete half-written copies (~68 MB each) that a process killed mid-write left."""
    now = time.time()
    for tmp in folder.glob(f"{_TMP_PREFIX}*.tmp"):
        try:
            if now - tmp.stat().st_mtime > _ABANDONED_S:
                tmp.unlink()
        except OSError:
            continue


def _write(path: Path, model: tuple[Any, ...]) -> None:
    """Write the decoded arrays atomically (a concurrent reader never sees half a file);
    an unwritable cache is no error, the next run decompresses again."""
    ptc, pc, classes, nextmove, row, output = model
    arrays = {
        "ptc": ptc,
        "pc": pc,
        "classes": np.array(classes),
        "nextmove": np.asarray(nextmove),
        "nextmove_row": np.asarray(row),
        "out_feat": np.asarray(output, dtype=np.int32),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_TMP_PREFIX, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, **arrays)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
