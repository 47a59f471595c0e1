"""embed stage: sentence vectors behind one protocol (``base.Embedder``).

``get_embedder(name)``: ``tfidf`` (always available), ``static`` (MiniLM distilled to a
static table, numpy speed), ``minilm`` (the full neural model), or a path to a model2vec dir.
"""

from __future__ import annotations

from pathlib import Path

from newsdigest.embed.base import Embedder
from newsdigest.errors import ModelUnavailableError, UnknownMethodError

EMBEDDERS = ("tfidf", "static", "minilm")
# Measured (BENCHMARKS.md, "Embedders"; bench/embedders.py): static and MiniLM give the default
# summarizer no ROUGE gain beyond noise on Multi-News, while TF-IDF is the fastest, loads in the
# time of a scikit-learn import and needs nothing built or installed.
DEFAULT_EMBEDDER = "tfidf"


def get_embedder(name: str | None = None) -> Embedder:
    """The embedder called ``name`` (``default``/None: the measured default, see BENCHMARKS.md)."""
    key = (name or "default").strip()
    if key == "default":
        key = DEFAULT_EMBEDDER
    if key == "tfidf":
        try:  # the digest and stories need scikit-learn only here: a broken install says so
            from newsdigest.embed.tfidf import TfidfEmbedder
        except ImportError as exc:
            raise ModelUnavailableError(
                f"tfidf: scikit-learn cannot be imported ({exc}); pip install scikit-learn"
            ) from None
        return TfidfEmbedder()
    if key == "static":
        from newsdigest.embed.static import StaticEmbedder

        return StaticEmbedder()
    if key in ("minilm", "sentence-transformers"):
        from newsdigest.embed.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder()
    check_embedder(key)
    from newsdigest.embed.static import StaticEmbedder

    return StaticEmbedder(key)


def check_embedder(name: str) -> None:
    """Refuse a name that is neither an embedder's nor a path, loading nothing: a method that
    embeds nothing had taken ``embedder="nosuch"`` with only a note that it was not used."""
    key = name.strip()
    if key in ("default", *EMBEDDERS, "sentence-transformers") or (key and Path(key).exists()):
        return
    raise UnknownMethodError(
        f"{key or repr(name)}: unknown embedder (choose {', '.join(EMBEDDERS)} or a model2vec directory)",
        "embedder",
    )


__all__ = ["EMBEDDERS", "DEFAULT_EMBEDDER", "Embedder", "check_embedder", "get_embedder"]
