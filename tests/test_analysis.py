"""``newsdigest.analysis``: what a stored parse holds."""

from __future__ import annotations

from spacy.tokens import DocBin

from newsdigest.analysis import add_doc
from newsdigest.facts.ner import parse_articles
from newsdigest.model import Article


def test_a_parse_is_written_as_spacys_docbin_writes_it(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """``add_doc`` (token strings read from one array) gives ``DocBin.add``'s bytes and strings
    on real dev-stream articles, parsed as the facts parse them (entities, and dependencies
    around quotes), and on an empty text."""
    rows = dev_stream_rows[:12]
    articles = [Article(id=str(k), text=r["text"], title=r["title"]) for k, r in enumerate(rows)]
    docs = parse_articles([*articles, Article(id="empty", text="")])
    assert sum(len(d.ents) for d in docs) > 50
    assert sum(1 for d in docs for t in d if t.dep_ and not t.is_space) > 500
    for doc in docs:
        spacy_box, ours = DocBin(store_user_data=False), DocBin(store_user_data=False)
        spacy_box.add(doc)
        add_doc(ours, doc)
        assert ours.strings == spacy_box.strings
        assert ours.to_bytes() == spacy_box.to_bytes()


def test_the_model_tag_is_read_once_a_process() -> None:
    """The tag a stored parse carries (the pipeline's name and version) is read from spaCy's
    ``meta`` once: spaCy builds ``meta`` afresh each time it is read, and every batch
    clustered and every story group asked for it (198 reads of the dev stream's API replay)."""
    from newsdigest.analysis import _model_tag, model_tag
    from newsdigest.facts.ner import DEFAULT_MODEL, load_nlp

    meta = load_nlp(DEFAULT_MODEL).meta
    _model_tag.cache_clear()
    assert model_tag() == model_tag(None) == model_tag(DEFAULT_MODEL)
    assert model_tag() == f"{meta['name']}-{meta['version']}"
    assert _model_tag.cache_info().misses == 1
