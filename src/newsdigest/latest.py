"""The latest development of a story that runs for days, first in its digest.

A digest is chosen for what most articles say, and a story's news of the last day is in one
or two of them: the dev stream's Chinese boy in a well was "found dead" in the title (the
newest article's headline) while every digest sentence still had the rescuers "trying to
reach" him, as three earlier articles had. So when a story's articles span more than a day
and it is titled with its newest article's headline, that article's lead (its first sentence
fit for a summary, among the first few), when it says what the headline says, opens the
digest, and the rest is chosen as before within what is left of the budget. Undated stories,
and stories of one day, are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import timedelta

from newsdigest.model import Article, GeneratedSentence, Sentence
from newsdigest.readability import near_duplicate
from newsdigest.summarize import quality
from newsdigest.summarize.base import Budget
from newsdigest.summarize.budget import effective_words
from newsdigest.summarize.coverage import candidate_units
from newsdigest.summarize.text import content_terms, tokens, word_count
from newsdigest.timeutil import utc_or_none

MIN_SPAN = timedelta(days=1)  # from the first article to the newest
LEAD_SENTENCES = 4  # a lead is among an article's first sentences (a caption may come first)
MIN_RESTATED = 0.5  # of the headline's content words, in the lead


def latest_lead(
    articles: Sequence[Article],
    docs: Sequence[Sequence[Sentence]],
    title: str,
    budget: Budget,
) -> Sentence | None:
    """The newest article's lead (``docs``: the articles' sentences, in their order) when the
    story spans more than ``MIN_SPAN``, its title (``title``) is that article's headline and
    the lead says what the headline says (half its content words at least); None otherwise,
    or when the lead is no summary sentence (a question, a fragment, one that needs the
    sentence before it or only announces the next). The dev stream's newest articles are
    often no development: a photo caption ("The burned fuselage of the small plane that
    crashed ..."), a reaction, a scene-setter ("After witnessing a whole weird year now,
    ..."); a lead that restates the headline the story is titled with is the news the title
    announces. It must fit
    ``budget`` with room for more, and open in the outlet's own case ("APPLE HAS REVEALED
    that ..." is a page's style, no lead to show)."""
    dated = [
        (when, k) for k, a in enumerate(articles) if (when := utc_or_none(a.published)) is not None
    ]
    if len(dated) < 2:
        return None
    newest = max(when for when, _ in dated)
    if newest - min(when for when, _ in dated) < MIN_SPAN:
        return None
    # among equally new articles, the one whose headline titles the story
    titled = [
        k for when, k in dated if when == newest and articles[k].title.strip() == title.strip()
    ]
    if not titled or not title.strip():
        return None
    k = min(titled, key=lambda j: articles[j].id)  # whatever order the articles came in
    headline = set(content_terms(tokens(articles[k].title)))
    words = effective_words(budget)
    for _, _, unit in candidate_units([docs[k][:LEAD_SENTENCES]]):
        if (
            quality.fit(unit.text)
            and not quality.is_photo_caption(unit.text)
            and not quality.needs_context(unit.text)
            and not quality.leads_in(unit.text)
        ):
            said = set(content_terms(tokens(unit.text)))
            if len(headline & said) < MIN_RESTATED * len(headline) or _SHOUTED.match(unit.text):
                return None
            if words is not None and word_count(unit.text) > words // 2:
                return None  # the lead alone would be most of the digest, or more
            return unit
    return None


_SHOUTED = re.compile(r"(?:[A-Z'’]+\s+){3,}")  # "APPLE HAS REVEALED"


def after_lead(
    lead: Sentence,
    budget: Budget,
    docs: Sequence[Sequence[Sentence]],
    summarize: Callable[
        [Sequence[Sequence[Sentence]], Budget], Sequence[Sentence | GeneratedSentence]
    ],
) -> list[Sentence | GeneratedSentence]:
    """``lead``, then what ``summarize`` chooses from ``docs`` without it, within the rest of
    ``budget``, and without a repeat of the lead (one saying nearly all of it)."""
    n = word_count(lead.text)
    words = effective_words(budget)
    rest = Budget(
        words=None if words is None else words - n,
        sentences=None if budget.sentences is None else budget.sentences - 1,
    )
    if (rest.words is not None and rest.words <= 0) or rest.sentences == 0:
        return [lead]
    without = [
        [s for s in doc if (s.article_id, s.index) != (lead.article_id, lead.index)] for doc in docs
    ]
    others = [s for s in summarize(without, rest) if not near_duplicate(lead.text, s.text)]
    return [lead, *others]
