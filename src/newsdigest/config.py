"""How a story is built, in one value passed whole: the CLI, the Python API, the web server and
the Spark job all build stories from a ``StoryConfig``, so one default length holds everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdigest.summarize.base import Budget

if TYPE_CHECKING:
    from newsdigest.summarize.base import Summarizer

# A digest a reader takes in at a glance (~6 sentences); headline mode is --words 40.
DEFAULT_WORDS = 120


@dataclass(frozen=True)
class StoryConfig:
    """Settings that decide a story's content.

    ``words``/``sentences``: the length budget (both None: ``DEFAULT_WORDS`` words).
    ``summarizer``: a method name (``newsdigest.summarize.SUMMARIZERS``) or a built one (a worker
    keeps its loaded model). ``embedder``: for methods that embed sentences. ``facts``:
    entities, quotes, dates and disagreements. ``outliers``: leave off-event articles out.
    """

    words: int | None = None
    sentences: int | None = None
    summarizer: str | Summarizer = "default"
    embedder: str | None = None
    facts: bool = True
    outliers: bool = True

    def __post_init__(self) -> None:
        for name in ("words", "sentences"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or value < 1):
                raise ValueError(f"{name} must be a positive number, not {value!r}")

    @property
    def budget(self) -> Budget:
        if self.words is None and self.sentences is None:
            return Budget(words=DEFAULT_WORDS)
        return Budget(words=self.words, sentences=self.sentences)
