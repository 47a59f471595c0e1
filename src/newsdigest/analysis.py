"""Per-article work, done once: an article's sentences (with spans), the entity keys the
clusterer compares (``event_model.features_of``) and its spaCy parse.

A story is rebuilt every time articles join it; without this, each rebuild split and parsed
every member again (spaCy was most of a refresh: 185 articles, 34 s). The store keeps one
``ArticleAnalysis`` per article, so a refresh parses only the articles it has not seen.
``ANALYSIS_VERSION`` names what a stored analysis was made with: when the splitter or the
parse changes what they produce, bump it and old records are recomputed, not trusted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Any, NamedTuple

from newsdigest.limits import readable_title
from newsdigest.model import Article, Sentence
from newsdigest.split import split_sentences

# 2: hard-wrapped lines joined by the splitter; 3: entity keys kept; 4: parsed only around
# quotes; 5: "v." (Martin v. Boise) no longer ends a sentence; 6: entity keys from the title
# and the lead recognized apart (the lead's from the whole-text NER when parsed); 7: dotted
# initialisms ("N.F.L.", "H.R. McMaster") and "Sun. Dec. 31" no longer end sentences; 8: nor
# an ellipsis before a lower-case word ("incredibly toxic… but"); 9: nor "Maj." and "Cpl.", and
# a straight quote mark glued after a stop opens the next sentence when the marks before it pair;
# 10: the parser keeps the splitter's sentences (``ner.with_sentence_starts``); 11: a web
# address in capitals ("SALON.COM") no longer ends a sentence; 12: nor "!" or "?" closing a
# quotation that its named speaker follows ('... together!" Francis told Benedict ...'); 13:
# only a quotation that opens its sentence, and across a hard-wrapped line; 14: "no." ends a
# sentence unless a number follows ("No. 5"); 15: "Sens.", "Reps.", "Govs." (capitalized) no
# longer end sentences, and "U.S." before "Also," or "However," (an opener and its comma, or a
# lower-case word after it) ends one
ANALYSIS_VERSION = 15
PARSE_CHUNK = 64  # articles parsed together at most (their Docs are held until kept as bytes)
DOC_CACHE = 256  # stored parses kept read in a process (``doc_from_bytes``)


@dataclass(frozen=True)
class ArticleAnalysis:
    """What the pipeline computes from one article alone."""

    article_id: str
    sentences: tuple[Sentence, ...]
    doc: bytes | None = None  # the spaCy parse (a DocBin), None until facts needed it
    model: str | None = None  # the spaCy pipeline and version that made ``doc``
    entities: tuple[str, ...] | None = None  # clustering's entity keys, None until computed


def analyze(
    articles: Sequence[Article],
    *,
    parse: bool,
    entities: bool = False,
    known: Mapping[str, ArticleAnalysis] | None = None,
    model: str | None = None,
) -> dict[str, ArticleAnalysis]:
    """The analysis of every article: ``known`` ones reused, the rest computed (parsed with
    spaCy when ``parse``, entity keys when ``entities``, in batches).

    When an article is both parsed and keyed, its keys come from the parse's whole-text NER
    (the entities of its lead) and a NER of its title, so no text goes through the NER twice.
    Parses are made about ``PARSE_CHUNK`` articles at a time at most and kept as bytes, so
    memory stays bounded whatever the batch; each article's parse, bytes and keys are made in
    one place (``parse_share``), its share shared among processes (``parallel.map_shares``)."""
    known = known or {}
    out: dict[str, ArticleAnalysis] = {}
    tag = model_tag(model) if parse else None
    for a in articles:
        have = known.get(a.id)
        out[a.id] = have or ArticleAnalysis(a.id, tuple(split_sentences(a.text, a.id)))
    need_parse = [
        a for a in articles if parse and (out[a.id].doc is None or out[a.id].model != tag)
    ]
    if need_parse:
        from newsdigest.facts.ner import DEFAULT_MODEL
        from newsdigest.parallel import map_shares

        jobs = [
            ParseJob(a, out[a.id].sentences, entities and out[a.id].entities is None)
            for a in need_parse
        ]
        made = map_shares(
            partial(parse_share, model or DEFAULT_MODEL),
            jobs,
            [len(a.text) for a in need_parse],
            PARSE_CHUNK,
        )
        for a, (doc, keys) in zip(need_parse, made, strict=True):
            out[a.id] = replace(out[a.id], doc=doc, model=tag)
            if keys is not None:
                out[a.id] = replace(out[a.id], entities=keys)
    if entities:
        need = [a for a in articles if out[a.id].entities is None]
        if need:
            from newsdigest.event_model import features_of

            for f in features_of(need, model or ""):
                out[f.article_id] = replace(out[f.article_id], entities=f.entities)
    return out


class ParseJob(NamedTuple):
    """An article to parse (``parse_share``), its sentences (the splitter's) and whether its
    entity keys are wanted too."""

    article: Article
    sentences: tuple[Sentence, ...]
    keys: bool


def parse_share(model: str, jobs: list[ParseJob]) -> list[tuple[bytes, tuple[str, ...] | None]]:
    """Each job's article parsed (``facts.ner.parse_articles`` in this process) and kept as
    bytes (``doc_to_bytes``), with its clustering keys where wanted (a NER of its title, and
    the entities of the parse that start in its lead): all of an article's own work, done
    where its share runs (a worker of ``parallel.map_shares``) so that only the bytes and
    keys come back, not the Docs (the caller only stores them; decoding a worker's Docs and
    writing them again was ~1.4 CPU-s of the dev stream's API replay in the main process)."""
    from newsdigest.event_model import lead_mentions, title_and_lead_keys
    from newsdigest.facts.ner import parse_articles
    from newsdigest.parallel import spacy_docs

    articles = [j.article for j in jobs]
    sentences = {j.article.id: j.sentences for j in jobs}
    docs = parse_articles(articles, model, sentences=sentences, workers=1)
    keyed = [j.article for j in jobs if j.keys]
    titles = iter(spacy_docs(model, [readable_title(a.title) for a in keyed], "ner", 1))
    return [
        (
            doc_to_bytes(doc),
            title_and_lead_keys(next(titles), lead_mentions(doc, j.article.text))
            if j.keys
            else None,
        )
        for j, doc in zip(jobs, docs, strict=True)
    ]


def model_tag(model: str | None = None) -> str:
    """Which spaCy pipeline parses: its name and version."""
    from newsdigest.facts.ner import DEFAULT_MODEL

    return _model_tag(model or DEFAULT_MODEL)


@lru_cache(maxsize=4)
def _model_tag(model: str) -> str:
    """Once a process: spaCy builds a pipeline's ``meta`` afresh each time it is read (its
    vectors' and components' entries), and every batch clustered and every story group asked."""
    from newsdigest.facts.ner import load_nlp

    nlp = load_nlp(model)
    return f"{nlp.meta.get('name', model)}-{nlp.meta.get('version', '')}"


def doc_to_bytes(doc: Any) -> bytes:
    from spacy.tokens import DocBin

    box = DocBin(store_user_data=False)
    add_doc(box, doc)
    return bytes(box.to_bytes())


def add_doc(box: Any, doc: Any) -> None:
    """``box.add(doc)`` (a spaCy ``DocBin``), the same bytes once written, with the strings of
    its tokens read from one array of their hashes: ``DocBin.add`` asks each token for nine
    strings, one Python call each, which was two thirds of writing a parse (dev stream through
    the API: 4.7 s of ~130 s profiled)."""
    import numpy
    from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, SPACY, TAG

    array = doc.to_array(box.attrs)
    if len(array.shape) == 1:
        array = array.reshape((array.shape[0], 1))
    box.tokens.append(array)
    spaces = doc.to_array(SPACY)
    spaces = spaces.reshape((spaces.shape[0], 1))
    box.spaces.append(numpy.asarray(spaces, dtype=bool))
    box.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
    if len(doc):
        # each token's text, tag, lemma, norm, morphology, dependency and entity type, KB id
        # and id, as DocBin.add reads them (Token.norm_ is the lexeme's norm when unset, as
        # the array's NORM is; a hash of 0 is the empty string)
        keys = doc.to_array([ORTH, TAG, LEMMA, NORM, MORPH, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID])
        strings = doc.vocab.strings
        box.strings.update(strings[int(key)] for key in numpy.unique(keys))
    box.cats.append(doc.cats)
    box.span_groups.append(doc.spans.to_bytes())
    for group in doc.spans.values():
        for span in group:
            box.strings.add(span.label_)
            if span.kb_id in span.doc.vocab.strings:
                box.strings.add(span.kb_id_)
            if span.id in span.doc.vocab.strings:
                box.strings.add(span.id_)


def docs_from(
    analyses: Mapping[str, ArticleAnalysis], articles: Sequence[Article], model: str | None = None
) -> list[Any] | None:
    """The parsed docs of ``articles`` in order, or None unless every one is stored."""
    blobs = [analyses[a.id].doc if a.id in analyses else None for a in articles]
    if any(b is None for b in blobs):
        return None
    from newsdigest.facts.ner import DEFAULT_MODEL

    return [doc_from_bytes(b, model or DEFAULT_MODEL) for b in blobs if b is not None]


@lru_cache(maxsize=DOC_CACHE)
def doc_from_bytes(blob: bytes, model: str) -> Any:
    """The parse stored as ``blob``, read once per process while it is among the last
    ``DOC_CACHE`` read: a story is rebuilt each time articles join it, and its older members'
    parses were read again at every rebuild (dev stream through the API: 613 reads for 366
    parses). The Doc is shared: read it, never change it."""
    from spacy.tokens import DocBin

    from newsdigest.facts.ner import load_nlp

    return next(DocBin().from_bytes(blob).get_docs(load_nlp(model).vocab))


def to_record(analysis: ArticleAnalysis) -> tuple[dict[str, Any], bytes | None]:
    """(JSON data, doc bytes) as the store keeps them."""
    spans = [[s.start, s.end] for s in analysis.sentences]
    entities = None if analysis.entities is None else list(analysis.entities)
    return {"sentences": spans, "model": analysis.model, "entities": entities}, analysis.doc


def from_record(article: Article, data: Mapping[str, Any], doc: bytes | None) -> ArticleAnalysis:
    sentences = tuple(
        Sentence(article.id, i, article.text[start:end], start, end)
        for i, (start, end) in enumerate(data.get("sentences", ()))
    )
    entities = data.get("entities")
    return ArticleAnalysis(
        article.id,
        sentences,
        doc,
        data.get("model"),
        None if entities is None else tuple(str(e) for e in entities),
    )
