"""Per-article work, done once: an article's sentences (with spans) and its spaCy parse.

A story is rebuilt every time articles join it; without this, each rebuild split and parsed
every member again (spaCy was most of a refresh: 185 articles, 34 s). The store keeps one
``ArticleAnalysis`` per article, so a refresh parses only the articles it has not seen.
``ANALYSIS_VERSION`` names what a stored analysis was made with: when the splitter or the
parse changes what they produce, bump it and old records are recomputed, not trusted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsdigest.model import Article, Sentence
from newsdigest.split import split_sentences

ANALYSIS_VERSION = 2  # 2: the splitter joins hard-wrapped lines


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the pipeline computes from one article alone."""

    article_id: str
    sentences: tuple[Sentence, ...]
    doc: bytes | None = None  # the spaCy parse (a DocBin), None until facts needed it
    model: str | None = None  # the spaCy pipeline and version that made ``doc``


def analyze(
    articles: Sequence[Article],
    *,
    parse: bool,
    known: Mapping[str, ArticleAnalysis] | None = None,
    model: str | None = None,
) -> dict[str, ArticleAnalysis]:
    """The analysis of every article: ``known`` ones reused, the rest computed (parsed with
    spaCy when ``parse``, in one batch)."""
    known = known or {}
    out: dict[str, ArticleAnalysis] = {}
    need_parse: list[Article] = []
    tag = model_tag(model) if parse else None
    for a in articles:
        have = known.get(a.id)
        sentences = have.sentences if have else tuple(split_sentences(a.text, a.id))
        if have and (not parse or (have.doc is not None and have.model == tag)):
            out[a.id] = have
            continue
        out[a.id] = ArticleAnalysis(a.id, sentences)
        if parse:
            need_parse.append(a)
    if need_parse:
        from newsdigest.facts.ner import DEFAULT_MODEL, parse_articles

        docs = parse_articles(need_parse, model or DEFAULT_MODEL)
        for a, doc in zip(need_parse, docs, strict=True):
            out[a.id] = ArticleAnalysis(a.id, out[a.id].sentences, doc_to_bytes(doc), tag)
    return out


def model_tag(model: str | None = None) -> str:
    """Which spaCy pipeline parses: its name and version."""
    from newsdigest.facts.ner import DEFAULT_MODEL, load_nlp

    nlp = load_nlp(model or DEFAULT_MODEL)
    return f"{nlp.meta.get('name', model)}-{nlp.meta.get('version', '')}"


def doc_to_bytes(doc: Any) -> bytes:
    from spacy.tokens import DocBin

    box = DocBin(store_user_data=False)
    box.add(doc)
    return bytes(box.to_bytes())


def docs_from(
    analyses: Mapping[str, ArticleAnalysis], articles: Sequence[Article], model: str | None = None
) -> list[Any] | None:
    """The parsed docs of ``articles`` in order, or None unless every one is stored."""
    blobs = [analyses[a.id].doc if a.id in analyses else None for a in articles]
    if any(b is None for b in blobs):
        return None
    from spacy.tokens import DocBin

    from newsdigest.facts.ner import DEFAULT_MODEL, load_nlp

    vocab = load_nlp(model or DEFAULT_MODEL).vocab
    return [next(DocBin().from_bytes(b).get_docs(vocab)) for b in blobs if b is not None]


def to_record(analysis: ArticleAnalysis) -> tuple[dict[str, Any], bytes | None]:
    """(JSON data, doc bytes) as the store keeps them."""
    spans = [[s.start, s.end] for s in analysis.sentences]
    return {"sentences": spans, "model": analysis.model}, analysis.doc


def from_record(article: Article, data: Mapping[str, Any], doc: bytes | None) -> ArticleAnalysis:
    sentences = tuple(
        Sentence(article.id, i, article.text[start:end], start, end)
        for i, (start, end) in enumerate(data.get("sentences", ()))
    )
    return ArticleAnalysis(article.id, sentences, doc, data.get("model"))
