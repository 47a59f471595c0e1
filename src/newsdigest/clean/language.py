"""Language of an article (py3langid, whose model ships inside the package)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _language_identifier():  # type: ignore[no-untyped-def]
    """py3langid's model ships inside the package; load it once per process (decoded once
    per user: ``newsdigest.langid_model``)."""
    from newsdigest.langid_model import load_identifier

    return load_identifier()


def _has_letters(text: str, count: int) -> bool:
    """Whether ``text`` holds ``count`` letters (stops at the ``count``-th: no full scan)."""
    for ch in text:
        if ch.isalpha():
            count -= 1
            if count <= 0:
                return True
    return False


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    if not _has_letters(text[:5000], 20):
        return None
    lang, prob = _language_identifier().classify(text[:5000])
    return str(lang) if prob >= 0.5 else None
