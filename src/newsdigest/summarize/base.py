"""The one interface every summarizer implements (sumy's shape: one file per method)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from newsdigest.model import GeneratedSentence, Sentence


@dataclass(frozen=True)
class Budget:
    """Length budget: words (output truncated at it) and/or a sentence count."""

    words: int | None = None
    sentences: int | None = None


class Summarizer(Protocol):
    """Chooses (or writes) summary sentences for one story.

    ``docs`` holds each article's sentences in article order. The result is in reading order.
    Extractive methods return source ``Sentence`` objects unchanged; a generative method returns
    ``GeneratedSentence`` objects, and citations are found for them afterwards.
    """

    name: str

    def summarize(
        self, docs: Sequence[Sequence[Sentence]], budget: Budget
    ) -> Sequence[Sentence | GeneratedSentence]: ...
