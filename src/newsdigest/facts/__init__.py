"""Facts of a story: who is named, who said what, when and where, and where sources differ.

``extract_facts`` runs spaCy once over the cluster (``nlp.pipe``), reconciles names across
articles, attributes quotes, resolves dates against each article's date, and compares what the
articles say. Every value points back to its article and span or sentence; what cannot be
resolved stays None.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from newsdigest.analysis import DOC_CACHE
from newsdigest.facts.canonical import build_entities
from newsdigest.facts.disagree import (
    attribution_disagreements,
    date_disagreement,
    find_quantities,
    place_disagreement,
    quantity_disagreements,
)
from newsdigest.facts.missed import missed_speakers, widened_speakers
from newsdigest.facts.ner import DEFAULT_MODEL, RawMention, parse_articles, raw_mentions
from newsdigest.facts.quotes import (
    Attributed,
    article_context,
    attribute_quotes,
    corroborate,
    story_genders,
)
from newsdigest.facts.roles import build_role_index
from newsdigest.facts.when_where import (
    DateMention,
    PlaceScores,
    article_anchor,
    article_event_date,
    article_meeting_place,
    article_place_scores,
    build_timeline,
    find_dates,
    headline_names,
    plurality,
    story_place,
)
from newsdigest.model import Article, Facts, Sentence
from newsdigest.split import split_sentences

__all__ = ["extract_facts"]


@lru_cache(maxsize=DOC_CACHE)
def _article_mentions(article: Article, doc: Any) -> tuple[RawMention, ...]:
    """``raw_mentions`` of one article, kept while its parse is (``analysis.doc_from_bytes``
    gives a story's rebuilds the same Doc of an unchanged article): they depend on the
    article and its parse alone, and a story's rebuild read them again for every member."""
    return tuple(raw_mentions(article, doc))


def extract_facts(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    model: str = DEFAULT_MODEL,
    docs: Sequence[Any] | None = None,
    outliers: Collection[str] = (),
) -> Facts:
    """The facts of one cluster of cleaned articles (``sentences`` by article id; an article
    missing from it is split here). ``docs``: the articles' spaCy parses, when already made
    (``newsdigest.analysis``); otherwise they are parsed here. ``outliers``: ids of articles
    about another event: their quotes are listed (the views mark them); the names, the
    event's date and place, its timeline and the sources' disagreements are the story's own
    articles'."""
    if not articles:
        return Facts()
    sents = {a.id: tuple(sentences.get(a.id) or split_sentences(a.text, a.id)) for a in articles}
    if docs is None:
        docs = parse_articles(articles, model, sentences=sents)
    raw = [m for a, doc in zip(articles, docs, strict=True) for m in _article_mentions(a, doc)]
    raw = widened_speakers(articles, raw)
    raw += missed_speakers(articles, raw)
    entities = build_entities(raw, articles)
    roles = build_role_index(entities, articles)

    attributed: list[Attributed] = []
    dates: list[DateMention] = []
    places: dict[str, str | None] = {}
    days: dict[str, str | None] = {}
    place_scores: list[PlaceScores] = []
    place_entities = [e for e in entities if e.type == "PLACE"]
    contexts = [
        article_context(article, doc, sents[article.id], entities)
        for article, doc in zip(articles, docs, strict=True)
    ]
    genders = story_genders(contexts)
    for article, ctx in zip(articles, contexts, strict=True):
        found = attribute_quotes(ctx, roles, genders)
        attributed.extend(found)
        spans = [a.span for a in found]
        article_dates = find_dates(article, sents[article.id], spans)
        dates.extend(article_dates)
        days[article.id] = article_event_date(article, article_dates)
        place_scores.append(article_place_scores(article, sents[article.id], entities))
        # a claim of where only when both readings agree on the article's place: a meeting
        # held somewhere else deep in the text is background ("talks in Berlin" in a story
        # of a bombing in Mazar-i-Sharif), not a second account of this event
        meeting = article_meeting_place(article, sents[article.id], place_entities)
        places[article.id] = meeting if meeting == story_place([place_scores[-1]]) else None
    attributed = corroborate(attributed)
    own = [a.id not in outliers for a in articles]
    if not any(own):
        own = [True] * len(articles)
    story = [a for a, keep in zip(articles, own, strict=True) if keep]
    # the days the story's own articles were written: a page left out as written weeks later
    # had stretched them ("the impending end of a state of national emergency on July 26", in a
    # story of July 14 and 15, had made a timeline line: a dev-stream story)
    written_on = {a.id: day for a in story if (day := article_anchor(a)) is not None}
    anchors = list(written_on.values())
    written = max(anchors, default=None)
    ids = {a.id for a in story}
    event_place = story_place([p for p, keep in zip(place_scores, own, strict=True) if keep])
    own_days = {k: v for k, v in days.items() if k in ids}
    event_date = plurality(own_days)

    quantities = [
        q
        for a in story
        for q in find_quantities(
            a,
            sents[a.id],
            place_entities,
            dates,
            places[a.id] or event_place,
            days[a.id] or event_date,  # an article that dates nothing reports the story's event
        )
    ]
    # where sources differ, and what happened when, are the story's own articles' (three
    # readers found claims and timeline lines of left-out articles about other events: "Kent
    # ([8] (left out))", a conference in Connecticut under a North Korean missile launch)
    disagreements = [
        d
        for d in (
            place_disagreement({k: v for k, v in places.items() if k in ids}, story),
            date_disagreement(own_days, written_on),
        )
        if d is not None
    ]
    disagreements += quantity_disagreements(quantities)
    disagreements += attribution_disagreements([a for a in attributed if a.quote.article in ids])
    timeline = build_timeline(
        [d for d in dates if d.article in ids],
        sents,
        event_date,
        written,
        min(anchors, default=None),
        headline_names([a.title for a in story]),
        written_on,
    )
    # the names the story's own articles mention, counted there: a left-out page's names
    # ("Downloads Economics Editorials", "HINDI", "CSAT": an exam site's menus under a story
    # about microbes in space, a reader of the dev stream) and mentions are another event's
    named = [
        replace(e, mentions=own_mentions)
        for e in entities
        if (own_mentions := tuple(m for m in e.mentions if m.article in ids))
    ]
    named.sort(key=lambda e: -len(e.mentions))
    return Facts(
        entities=tuple(named),
        quotes=tuple(a.quote for a in attributed),
        event_date=event_date,
        event_place=event_place,
        timeline=tuple(timeline),
        disagreements=tuple(disagreements),
    )
