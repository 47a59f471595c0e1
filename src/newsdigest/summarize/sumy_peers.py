"""The classic peers from sumy (LexRank, TextRank, LSA), run offline on our sentences.

sumy's own ``Tokenizer`` loads NLTK's punkt data, which it downloads on first use; offline
that fails. We hand sumy a document already split by ``newsdigest.split`` (the same splitter
every system gets) and a regex word tokenizer, so nothing is fetched and the comparison is fair.
The articles of a cluster become the paragraphs of one sumy document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsdigest.model import Sentence
from newsdigest.summarize.base import Budget
from newsdigest.summarize.budget import take

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class RegexTokenizer:
    """The two methods sumy calls on a tokenizer, without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from newsdigest.split import split_spans

        return tuple(paragraph[s:e] for s, e in split_spans(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def _ordered_lsa() -> Any:
    """sumy's LSA with its term rows in sorted order: sumy numbers them by iterating a
    frozenset of strings, so the SVD, and the summary, changed with the process's hash seed."""
    from sumy.summarizers.lsa import LsaSummarizer

    class OrderedLsa(LsaSummarizer):  # type: ignore[misc]
        def _create_dictionary(self, document: Any) -> dict[str, int]:
            words = map(self.normalize_word, document.words)
            unique = sorted({self.stem_word(w) for w in words if w not in self._stop_words})
            return {w: i for i, w in enumerate(unique)}

    return OrderedLsa


def _sumy_method(name: str) -> Any:
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    if name == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as Method
    elif name == "textrank":
        from sumy.summarizers.text_rank import TextRankSummarizer as Method
    elif name == "lsa":
        Method = _ordered_lsa()
    else:
        raise ValueError(f"{name}: not a sumy method (lexrank, textrank, lsa)")
    method = Method(Stemmer("english"))
    method.stop_words = get_stop_words("english")
    return method


class SumySummarizer:
    """A sumy method as a ``Summarizer``: best-rated sentences first, then document order."""

    def __init__(self, method: str = "lexrank", *, fill: bool = False) -> None:
        self.name = method
        self.fill = fill
        self._method = _sumy_method(method)
        self._tokenizer = RegexTokenizer()

    def summarize(self, docs: Sequence[Sequence[Sentence]], budget: Budget) -> list[Sentence]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence

        ours = [s for doc in docs for s in doc]
        if not ours:
            return []
        paragraphs = [
            Paragraph([SumySentence(s.text, self._tokenizer) for s in doc]) for doc in docs if doc
        ]
        ranking: list[int] = []

        def keep_ranking(infos: list[Any]) -> list[Any]:
            # sumy hands the sentences sorted best first; remember that order, keep them all
            ranking.extend(info.order for info in infos)
            return infos

        self._method(ObjectDocumentModel(paragraphs), keep_ranking)
        chosen = take((ours[i] for i in ranking), budget, fill=self.fill)
        position = {id(s): i for i, s in enumerate(ours)}
        return sorted(chosen, key=lambda s: position[id(s)])
