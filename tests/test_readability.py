"""The tagger's answers kept per text (``readability._tags_of``): the same as asking spaCy."""

from __future__ import annotations

from typing import Any

import pytest

from newsdigest import readability
from newsdigest.model import Article
from newsdigest.split import split_sentences
from newsdigest.summarize.quality import is_headline_case


def _dev_sentences(rows: list[dict[str, str]], count: int) -> list[str]:
    texts: list[str] = []
    for row in rows[:count]:
        article = Article(id=row["url"], text=row["text"], title=row.get("title"))
        texts.append(" ".join((row.get("title") or "").split()))
        texts.extend(" ".join(s.text.split()) for s in split_sentences(article.text, article.id))
    return [t for t in texts if t]


def test_kept_tags_are_the_taggers_on_dev_stream_sentences(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Every sentence (and title) of the first dev-stream articles: the kept reading is the
    tagger's own, token for token, asked once or again; Title Case lines as the tagger is
    asked about them (their words lower-cased)."""
    tagger = readability.load_tagger()
    texts = _dev_sentences(dev_stream_rows, 6)
    assert len(texts) > 150 and any(is_headline_case(t) for t in texts)
    readability._tags_of.cache_clear()
    for text in texts:
        asked = text
        if is_headline_case(text):
            asked = text[:1] + " ".join(w.lower() if w.istitle() else w for w in text[1:].split())
        plain = [(t.tag_, t.lower_) for t in tagger(asked)]
        first, again = readability._tagged(text), readability._tagged(text)
        assert first is not None and again is not None
        assert [(t.tag_, t.lower_) for t in first] == plain, text
        assert again == first
    assert readability._tags_of.cache_info().hits >= len(texts)


def test_a_text_asked_again_runs_no_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    """A story's rebuild asks again about its older articles' sentences (the dev stream
    through the API: 455 questions of 262 texts): the second answer is the first's, the
    tagger not run again."""
    sentence = "The council meets on Monday to vote on the budget."
    readability._tags_of.cache_clear()
    assert readability.told_in_the_present(sentence)

    class Exploding:
        def __call__(self, text: str) -> Any:
            raise AssertionError(f"tagged again: {text}")

    monkeypatch.setattr(readability, "_load_tagger", lambda model: Exploding())
    assert readability.told_in_the_present(sentence)


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        # dev event 3's gallery captions: what the picture shows
        ("Concertgoers dive over a fence to take cover from gunfire on Sunday night.", True),
        ("People are searched by police at the Tropicana.", True),
        ("Police arrive at the hangar where some people ran to safety after the shooting.", True),
        # news in the past, a perfect, a state: what a caption tells
        ("The Kwangmyongsong carrier rocket blasted off from the Sohae launch facility.", False),
        ("Actress-singer Jennifer Hudson and David Otunga have broken up.", False),
        ("The relationship between Lamar Odom and Khloe Kardashian is over.", False),
    ],
)
def test_an_act_in_the_present_is_what_a_picture_shows(text: str, acts: bool) -> None:
    from newsdigest.readability import acts_in_the_present

    assert acts_in_the_present(text) is acts
