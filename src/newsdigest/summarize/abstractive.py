"""Abstractive summaries from a user's own local seq2seq model, every kept sentence cited.

The model is a directory written by ``save_pretrained`` (config, weights, tokenizer: BART, T5,
Pegasus...). It is loaded with ``local_files_only=True``: nothing is ever downloaded, and a
missing or broken directory is one ``ModelUnavailableError`` line naming it.

A generated sentence is only as good as its sources, so each one is checked with the same
test the citations use (``cite.cite``: TF-IDF cosine with source sentences): a sentence no
source sentence supports is dropped from the summary and listed in ``unsupported_`` for the
caller to report (the CLI prints each on stderr). What remains is in the order generated, as
``GeneratedSentence`` whose span points into the generated text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsdigest.cite import SUPPORT_THRESHOLD, cite
from newsdigest.errors import ModelUnavailableError, one_line
from newsdigest.model import GeneratedSentence, Sentence
from newsdigest.split import split_sentences
from newsdigest.summarize.base import Budget
from newsdigest.summarize.budget import effective_words
from newsdigest.summarize.text import word_count

MAX_INPUT_TOKENS = 1024
TOKENS_PER_WORD = 2  # generous: sub-word tokenizers use ~1.3 per English word


@lru_cache(maxsize=2)
def load_model(path: str) -> tuple[Any, Any]:
    """(tokenizer, model) of the seq2seq model directory ``path``, on CPU, in eval mode."""
    directory = Path(path)
    if not directory.exists():
        raise ModelUnavailableError(f"{path}: no such model directory")
    if not directory.is_dir() or not (directory / "config.json").is_file():
        raise ModelUnavailableError(
            f"{path}: not a model directory (expected config.json, weights and tokenizer "
            "written by save_pretrained)"
        )
    try:
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    except ImportError as exc:
        raise ModelUnavailableError(
            f"{path}: transformers is not installed (pip install newsdigest[neural])"
        ) from exc
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(directory), local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(str(directory), local_files_only=True)
    except Exception as exc:  # corrupt weights, foreign config, missing tokenizer: one line
        raise ModelUnavailableError(f"{path}: cannot load seq2seq model ({one_line(exc)})") from exc
    model.eval()
    return tokenizer, model


def model_input(docs: Sequence[Sequence[Sentence]]) -> str:
    """The articles' sentences round-robin (every outlet's lead first), so a truncated input
    still covers the whole cluster rather than the first article alone."""
    parts: list[str] = []
    for depth in range(max((len(d) for d in docs), default=0)):
        parts.extend(doc[depth].text for doc in docs if depth < len(doc))
    return " ".join(parts)


class AbstractiveSummarizer:
    """Beam-search generation (deterministic) from a local model, cut to the budget.

    ``fill`` is accepted for the evaluation protocol and ignored: a generated summary is as
    long as the model makes it, within ``budget``.
    """

    name = "abstractive"

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        num_beams: int = 4,
        max_input_tokens: int = MAX_INPUT_TOKENS,
        threshold: float = SUPPORT_THRESHOLD,
        fill: bool = False,
    ) -> None:
        if model_path is None:
            raise ModelUnavailableError(
                "abstractive: no model given; only newsdigest digest takes one (--model PATH, "
                "a directory written by save_pretrained)"
            )
        self.model_path = Path(model_path)
        self.num_beams = num_beams
        self.max_input_tokens = max_input_tokens
        self.threshold = threshold
        self.fill = fill
        self.unsupported_: list[str] = []

    def load(self) -> None:
        """Load now (the CLI calls it first, so a bad path fails before any article is read)."""
        load_model(str(self.model_path))

    def generate(self, text: str, max_new_tokens: int) -> str:
        import torch

        tokenizer, model = load_model(str(self.model_path))
        params = (getattr(model.config, "task_specific_params", None) or {}).get(
            "summarization", {}
        )
        limit = min(
            self.max_input_tokens,
            int(getattr(model.config, "max_position_embeddings", 0) or self.max_input_tokens),
        )
        inputs = tokenizer(
            params.get("prefix", "") + text, return_tensors="pt", truncation=True, max_length=limit
        )
        inputs.pop("token_type_ids", None)
        with torch.inference_mode():
            output = model.generate(
                **inputs,
                max_new_tokens=max_new_tokens,
                num_beams=self.num_beams,
                do_sample=False,
                no_repeat_ngram_size=3,
            )
        return str(
            tokenizer.decode(output[0], skip_special_tokens=True, clean_up_tokenization_spaces=True)
        ).strip()

    def summarize(
        self, docs: Sequence[Sequence[Sentence]], budget: Budget
    ) -> list[GeneratedSentence]:
        words = effective_words(budget)
        per_sentence = 40 * TOKENS_PER_WORD
        max_new = (words or 0) * TOKENS_PER_WORD or (budget.sentences or 3) * per_sentence
        generated = split_sentences(self.generate(model_input(docs), max_new), "")
        candidates = [GeneratedSentence(s.text, s.start, s.end) for s in generated]
        chosen, dropped = self._supported_within(candidates, docs, budget)
        self.unsupported_ = [s.text for s in dropped]
        return chosen

    def _supported_within(
        self,
        candidates: list[GeneratedSentence],
        docs: Sequence[Sequence[Sentence]],
        budget: Budget,
    ) -> tuple[list[GeneratedSentence], list[GeneratedSentence]]:
        """(the summary: supported sentences within the budget, the dropped unsupported ones).

        Repeated to a fixed point: the support test fits its TF-IDF on the sentences it is
        given, so dropping one can move another below the threshold; at the fixed point the
        pipeline's ``cite`` of the summary sees exactly what was checked here.
        """
        pool = list(candidates)
        dropped: list[GeneratedSentence] = []
        while True:
            chosen = self._within(pool, budget)
            if not chosen:
                return chosen, dropped
            cited = cite(chosen, docs, {}, threshold=self.threshold)
            bad = [s for s, c in zip(chosen, cited, strict=True) if not c.citations]
            if not bad:
                return chosen, dropped
            dropped.extend(bad)
            pool = [s for s in pool if s not in bad]

    @staticmethod
    def _within(sentences: list[GeneratedSentence], budget: Budget) -> list[GeneratedSentence]:
        limit = effective_words(budget)
        chosen: list[GeneratedSentence] = []
        total = 0
        for s in sentences:
            if budget.sentences is not None and len(chosen) >= budget.sentences:
                break
            n = word_count(s.text)
            if limit is not None and chosen and total + n > limit:
                break
            chosen.append(s)
            total += n
        return chosen
