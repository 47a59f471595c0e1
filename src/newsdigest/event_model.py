"""What decides whether an article joins a story: per-article features and the fitted link model.

An article is described four ways, each a hashed sparse vector so that no vocabulary is ever
refitted: the words of its title and lead (where news says who, what, where), the words of its
whole text, the named entities it mentions (spaCy's small English NER over title and lead,
names folded to a canonical key so that "Sergei Lavrov", "Sergey Lavrov" and "Lavrov" meet),
and the words of its headline alone (outlets reword a story's body but echo its headline, and a
page whose text is mostly a site's furniture still has its headline).
Against an open story the clusterer measures the cosine of each with the story's centroid, how
far the whole-text one falls below the article's nearest neighbour's (``body_gap``), the time
since the story's last article and the story's size; a logistic model over these few
features (weights in ``data/event_link.json``, fitted with cross-validation grouped by event by
``bench/fit_event_model.py``, as in Miranda et al., EMNLP 2018) gives the probability that the
article reports the same event. Few, general features: the model must hold on streams it was not
fitted on.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from newsdigest.limits import DEFAULT_LIMITS, readable_title
from newsdigest.model import Article

LEAD_WORDS = 150
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
FEATURES = ("lead", "body", "entities", "title", "dated", "log_days", "log_size", "body_gap")
MODEL_FILE = "event_link.json"

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass(frozen=True)
class ArticleFeatures:
    """What the clusterer needs of one article beyond its text: its entity keys, in order.

    Computed once per article (NER is the expensive part); the store may keep them.
    """

    article_id: str
    entities: tuple[str, ...]


def lead_text(article: Article, words: int = LEAD_WORDS) -> str:
    """Title and the first ``words`` words."""
    body = " ".join(article.text.split()[:words])
    return f"{article.title}\n{body}" if article.title else body


def body_text(article: Article) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


def entity_key(text: str, label: str) -> str | None:
    """A canonical key for one mention: aliases folded (US, U.S. → united states), a person's
    surname alone (outlets mostly write the surname), romanisations folded (Sergey/Sergei)."""
    from newsdigest.facts.canonical import alias, fold, translit_key

    name = _POSSESSIVE.sub("", _LEADING_THE.sub("", _SPACE.sub(" ", text.strip())))
    usual = alias(name)
    if usual:
        return fold(usual)
    tokens = [t for t in fold(name).split() if t]
    if not tokens or not any(ch.isalpha() for ch in "".join(tokens)):
        return None
    if label == "PERSON" or len(tokens) == 1:
        return translit_key(tokens[-1]) or None
    return " ".join(translit_key(t) for t in tokens)


def lead_end(text: str, words: int = LEAD_WORDS) -> int:
    """Where the first ``words`` words of ``text`` end (a character offset)."""
    end = 0
    for k, m in enumerate(_WORD.finditer(text)):
        end = m.end()
        if k + 1 >= words:
            break
    return end


def entity_keys(mentions: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The clusterer's keys of (text, spaCy label) mentions, in order, of the labels it reads."""
    keys = (entity_key(text, label) for text, label in mentions if label in ENTITY_LABELS)
    return tuple(k for k in keys if k)


def lead_mentions(doc: Any, text: str) -> list[tuple[str, str]]:
    """The (text, label) entities of a NER ``doc`` of ``text`` that start in its lead."""
    end = lead_end(text)
    return [(e.text, e.label_) for e in doc.ents if e.start_char < end]


def features_of(articles: Sequence[Article], model: str = "") -> list[ArticleFeatures]:
    """``ArticleFeatures`` of many articles: the entities of each title and lead, batched
    through the NER of the one spaCy pipeline the facts use (``facts.ner.load_nlp``: loaded
    once per process). In the small English model the NER has its own token vectors, so it
    runs alone: the tagger and parser are skipped. The lead is recognized as the start of the
    text, apart from the title, so that when the facts run the NER over the whole text
    anyway (``analysis.analyze``), the keys are taken from that run (``features_from``)
    instead of a second one, and come out the same but for a name cut by the lead's end."""
    from newsdigest.facts.ner import DEFAULT_MODEL
    from newsdigest.parallel import spacy_docs

    if not articles:
        return []
    # (a text stored before its limit held after cleaning may be one "word" of megabytes)
    leads = [a.text[: min(lead_end(a.text), DEFAULT_LIMITS.max_article_chars)] for a in articles]
    titles = [readable_title(a.title) for a in articles]
    docs = spacy_docs(model or DEFAULT_MODEL, titles + leads, "ner")
    n = len(articles)
    return [
        features_from(article, title_doc, lead_doc)
        for article, title_doc, lead_doc in zip(articles, docs[:n], docs[n:], strict=True)
    ]


def features_from(article: Article, title_doc: Any, text_doc: Any) -> ArticleFeatures:
    """``ArticleFeatures`` from NER docs of the article's title and of its text (the whole
    text or only its lead: the entities starting in the lead are the ones read)."""
    return ArticleFeatures(
        article.id, title_and_lead_keys(title_doc, lead_mentions(text_doc, article.text))
    )


def title_and_lead_keys(title_doc: Any, lead: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The keys of the title's entities (a NER doc), then of the lead's (``lead_mentions``)."""
    return entity_keys([*((e.text, e.label_) for e in title_doc.ents), *lead])


def article_features(article: Article) -> ArticleFeatures:
    """``ArticleFeatures`` of one article (the unit a store can cache)."""
    return features_of([article])[0]


def time_features(days: float | None) -> tuple[float, float]:
    """(dated, log days): whether both times are known, and how far apart; an undated pair
    is neither near nor far (the model learns the distance from dated streams only)."""
    return (0.0, 0.0) if days is None else (1.0, math.log1p(days))


def days_apart(
    published: datetime | None, first: datetime | None, last: datetime | None
) -> float | None:
    """Days from a story's span to an article (0 inside it; None when either is undated)."""
    if published is None or first is None or last is None:
        return None
    if published > last:
        return (published - last).total_seconds() / 86400
    if published < first:
        return (first - published).total_seconds() / 86400
    return 0.0


@dataclass(frozen=True)
class LinkModel:
    """Logistic link model: P(same event | features) = sigmoid(weights · x + intercept).

    ``threshold`` (a batch's group joins the story of highest mean P if it reaches it),
    ``group_threshold`` (a batch is first cut into average-link groups on the pairwise P at this
    level) and ``quiet_days`` (a story quiet for longer is closed) are chosen with the weights,
    on the training folds' B-cubed F1.
    """

    weights: tuple[float, ...]
    intercept: float
    features: tuple[str, ...] = FEATURES
    threshold: float = 0.5
    quiet_days: float = 30.0  # a story closes after this long without a new article
    group_threshold: float = 1.0  # mean pairwise P a batch's group holds together at (1: off)

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Log-odds for rows of ``x`` (columns in ``features`` order)."""
        return np.asarray(x, dtype=np.float64) @ np.array(self.weights) + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.scores(x)))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "weights": list(self.weights),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "quiet_days": self.quiet_days,
            "group_threshold": self.group_threshold,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkModel:
        features = tuple(data["features"])
        if features != FEATURES or len(data["weights"]) != len(FEATURES):
            raise ValueError(
                f"link model over features {list(features)}; this clusterer computes "
                f"{list(FEATURES)}: refit it with bench/fit_event_model.py"
            )
        return cls(
            weights=tuple(float(w) for w in data["weights"]),
            intercept=float(data["intercept"]),
            features=tuple(data["features"]),
            threshold=float(data.get("threshold", 0.5)),
            quiet_days=float(data.get("quiet_days", 30.0)),
            group_threshold=float(data.get("group_threshold", 1.0)),
        )


@lru_cache(maxsize=1)
def shipped_link_model() -> LinkModel:
    """The model fitted by ``bench/fit_event_model.py`` and shipped in the package."""
    text = resources.files("newsdigest").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return LinkModel.from_json(json.loads(text))
