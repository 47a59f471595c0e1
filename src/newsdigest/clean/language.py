"""Language of an article (py3langid, whose model ships inside the package)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _language_identifier():  # type: ignore[no-untyped-def]
    """py3langid's model ships inside the package; load it once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    letters = sum(ch.isalpha() for ch in text[:5000])
    if letters < 20:
        return None
    lang, prob = _language_identifier().classify(text[:5000])
    return str(lang) if prob >= 0.5 else None
