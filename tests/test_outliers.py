"""Outliers: an article about another event is named with a reason a reader can check."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from newsdigest.model import Article, article_id
from newsdigest.outliers import find_outliers
from newsdigest.split import split_sentences


def _articles(seed_paths) -> list[Article]:
    out = []
    for path in seed_paths:
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        out.append(Article(id=path.stem[:3], text=body, title=title, origin=str(path)))
    return out


def _sentences(articles):
    return {a.id: split_sentences(a.text, a.id) for a in articles}


def test_the_washington_meeting_is_flagged_among_the_sochi_seeds(seed_paths) -> None:
    articles = _articles(seed_paths)
    outliers = find_outliers(articles, _sentences(articles))
    assert [o.article_id for o in outliers] == ["003"]
    assert "Washington" in outliers[0].reason and "Sochi" in outliers[0].reason


def test_no_outlier_in_a_coherent_cluster(seed_paths) -> None:
    articles = [a for a in _articles(seed_paths) if a.id != "003"]
    assert find_outliers(articles, _sentences(articles)) == ()


def test_two_articles_never_lose_one(seed_paths) -> None:
    articles = [a for a in _articles(seed_paths) if a.id in {"002", "003"}]
    assert find_outliers(articles, _sentences(articles)) == ()


def test_an_article_published_months_apart_is_flagged(seed_paths) -> None:
    may = datetime(2019, 5, 15, tzinfo=timezone.utc)
    articles = [replace(a, published=may) for a in _articles(seed_paths) if a.id != "003"]
    late = replace(articles[1], id="late", published=datetime(2019, 12, 11, tzinfo=timezone.utc))
    outliers = find_outliers([*articles, late], _sentences([*articles, late]))
    assert [o.article_id for o in outliers] == ["late"]
    assert "2019-12-11" in outliers[0].reason


def test_an_off_topic_article_is_flagged_by_content(seed_paths) -> None:
    articles = [a for a in _articles(seed_paths) if a.id != "003"]
    text = "Sweden tops the Good Country Index. Denmark and Finland follow in the ranking."
    recipe = Article(id=article_id(text), text=text, title="Good Country Index released")
    outliers = find_outliers([*articles, recipe], _sentences([*articles, recipe]))
    assert [o.article_id for o in outliers] == [recipe.id]
    assert "content" in outliers[0].reason
