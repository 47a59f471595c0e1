"""How a story is built, in one value passed whole: the CLI, the Python API, the web server and
the Spark job all build stories from a ``StoryConfig``, so one default length holds everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from numbers import Integral
from os import PathLike, fspath
from typing import TYPE_CHECKING, Any

from newsdigest.summarize.base import Budget

if TYPE_CHECKING:
    from newsdigest.summarize.base import Summarizer

# A digest a reader takes in at a glance (~6 sentences); headline mode is --words 40.
DEFAULT_WORDS = 120


_NUMPY_BOOLS = ("bool_", "bool")  # numpy.bool_ (numpy.bool in numpy 2) is no bool subclass


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
        # the Python API takes these from anyone: a wrong type is refused here, in words, not
        # met later as an empty digest (words=1.5) or an AttributeError deep in the pipeline
        for name in ("words", "sentences"):
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, Integral):
                raise TypeError(f"{name} must be a whole number, not {value!r}")
            if isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive number, not {value!r}")
        for name in ("facts", "outliers"):
            # facts="no" is a true string: it had meant facts on, and outliers=None them off
            value = getattr(self, name)
            if not isinstance(value, bool) and type(value).__name__ not in _NUMPY_BOOLS:
                raise TypeError(f"{name} must be True or False, not {value!r}")
            object.__setattr__(self, name, bool(value))
        summarizer = self.summarizer
        if summarizer is not None and not (
            isinstance(summarizer, str) or callable(getattr(summarizer, "summarize", None))
        ):
            raise TypeError(f"summarizer must be a method name or a Summarizer, not {summarizer!r}")
        if isinstance(self.embedder, PathLike):
            object.__setattr__(self, "embedder", fspath(self.embedder))
        if self.embedder is not None and not isinstance(self.embedder, str):
            raise TypeError(f"embedder must be a name or a model folder, not {self.embedder!r}")

    def fingerprint(self) -> str:
        """What decides a stored story's content, as one string: a store keeps the one its
        stories were built with, and rebuilds them all when asked for others."""
        method = self.summarizer
        name = method if isinstance(method, str) else type(method).__qualname__
        budget = self.budget
        return (
            f"words={budget.words} sentences={budget.sentences} summarizer={name} "
            f"embedder={self.embedder} facts={self.facts} outliers={self.outliers}"
        )

    def with_settings(self, **settings: Any) -> StoryConfig:
        """This config with ``settings`` over it; an unknown setting is a TypeError that names
        it and the known ones (``digest(..., wrods=40)`` had blamed ``StoryConfig.__init__``)."""
        unknown = sorted(set(settings) - {f.name for f in fields(self)})
        if unknown:
            known = ", ".join(f.name for f in fields(self))
            raise TypeError(f"unknown story setting {unknown[0]!r}; the settings are {known}")
        return replace(self, **settings)

    @property
    def budget(self) -> Budget:
        if self.words is None and self.sentences is None:
            return Budget(words=DEFAULT_WORDS)
        return Budget(words=self.words, sentences=self.sentences)


def story_config(config: object, **settings: Any) -> StoryConfig:
    """``config`` (None: the defaults) with ``settings`` over it; ``TypeError`` naming what was
    given for anything but a StoryConfig: ``digest(paths, {"words": 40})`` had ended in
    "'dict' object has no attribute 'with_settings'"."""
    if config is None:
        config = StoryConfig()
    if not isinstance(config, StoryConfig):
        hint = " (give settings as keywords: words=40)" if isinstance(config, dict) else ""
        raise TypeError(f"config: expected a StoryConfig, not {type(config).__name__}{hint}")
    return config.with_settings(**settings)


def checked_story_config(config: object, **settings: Any) -> StoryConfig:
    """``story_config``, its summarizer and embedder names checked now, as the CLI checks its
    options (an ``UnknownMethodError`` naming the one that names nothing, or the error of a
    model that is not there): ``create_app(config=StoryConfig(summarizer="lexrnak"))`` had been
    accepted and every POST answered the failure, and ``group_stories(summarizer="lexrnak")``
    clustered the store and returned no story, without a word."""
    from newsdigest.embed import check_embedder
    from newsdigest.summarize import check_summarizer

    config = story_config(config, **settings)
    if config.embedder is not None:  # (a method that embeds nothing does not check it)
        check_embedder(config.embedder)
    if isinstance(config.summarizer, str):
        check_summarizer(config.summarizer, embedder=config.embedder)
    return config
