"""Fit the default summarizer's weights on ROUGE labels, with 5-fold cross-validation.

    .venv/bin/python bench/eval_train.py /work/shared/data/multinews/sample_validation250.csv \
        [--embedder tfidf] [--write]

Label of a unit: how dense it is in reference words, 0.5 × unigram precision + bigram
precision against the reference (ROUGE's tokenizer and stemmer), plus 0.3 if the greedy ROUGE
oracle picks it (density alone ignores what other units already say). Model: ridge regression
(alpha 1) on standardized features; selection redundancy 0.5. The three numbers (0.5, 0.3,
0.5) are the only tuned settings, chosen by the cross-validated figure below and fixed, not
re-tuned per fold; the weights are fitted.
Prints the cross-validated ROUGE (each fold scored by a model fitted on the other four,
under the exact eval protocol) and the full-sample fit; ``--write`` saves the full-sample
weights to ``src/newsdigest/summarize/coverage_model.py``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from rouge_score.tokenizers import DefaultTokenizer
from sklearn.linear_model import Ridge

from newsdigest.embed import get_embedder
from newsdigest.evaluate import RougeProtocol, folds, read_dataset, split_cluster, truncate
from newsdigest.summarize.base import Budget
from newsdigest.summarize.coverage import FEATURES, Scored, score_features, select

REDUNDANCY = 0.5
UNIGRAM_WEIGHT = 0.5
ORACLE_WEIGHT = 0.3
ALPHA = 1.0
MODEL_FILE = Path(__file__).resolve().parents[1] / "src/newsdigest/summarize/coverage_model.py"
_TOK = DefaultTokenizer(use_stemmer=True)


def _ngrams(toks: list[str], n: int) -> Counter:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def labels(scored: Scored, reference: str, unigram_weight: float = 0.5) -> np.ndarray:
    ref = _TOK.tokenize(reference)
    r1, r2 = _ngrams(ref, 1), _ngrams(ref, 2)
    out = []
    for unit in scored.units:
        t = _TOK.tokenize(unit.text)
        if len(t) < 2:
            out.append(0.0)
            continue
        u = sum((_ngrams(t, 1) & r1).values()) / len(t)
        b = sum((_ngrams(t, 2) & r2).values()) / (len(t) - 1)
        out.append(unigram_weight * u + b)
    return np.array(out)


def oracle_labels(scored: Scored, reference: str, words: int) -> np.ndarray:
    """1 for each unit the greedy ROUGE oracle picks from the candidate units, else 0."""
    from newsdigest.summarize.oracle import OracleSummarizer

    picked = OracleSummarizer(reference, fill=True).summarize([scored.units], Budget(words=words))
    ids = {id(u) for u in picked}
    return np.array([1.0 if id(u) in ids else 0.0 for u in scored.units])


def fit(xs: list[np.ndarray], ys: list[np.ndarray], redundancy: float = REDUNDANCY) -> dict:
    x = np.vstack(xs)
    y = np.concatenate(ys)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    ridge = Ridge(alpha=ALPHA).fit((x - mean) / scale, y)
    return {
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in ridge.coef_],
        "intercept": round(float(ridge.intercept_), 6),
        "redundancy": redundancy,
    }


def score_with(model: dict, scored: Scored, words: int) -> list[str]:
    from newsdigest.summarize.coverage import arrange, linear_scores

    if not scored.units:
        return []
    s = linear_scores(scored.features, model)
    chosen = select(scored, s, Budget(words=words), redundancy=model["redundancy"], fill=True)
    order = {f"d{i}": i for i in range(100)}
    budget = Budget(words=words)
    units = arrange([scored.units[i] for i in chosen], order, budget, fill=True)
    return truncate([u.text for u in units], words)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("--embedder", default=None, help="default: the summarizer's own TF-IDF")
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cache", type=Path, help="pickle of the features, reused when present")
    ap.add_argument("--unigram-weight", type=float, default=UNIGRAM_WEIGHT)
    ap.add_argument("--redundancy", type=float, default=REDUNDANCY)
    ap.add_argument("--oracle-weight", type=float, default=ORACLE_WEIGHT)
    args = ap.parse_args()
    clusters, _ = read_dataset(args.dataset)
    embedder = get_embedder(args.embedder) if args.embedder else None
    if args.cache and args.cache.exists():
        scored = pickle.loads(args.cache.read_bytes())
    else:
        scored = [score_features(split_cluster(c), embedder) for c in clusters]
        if args.cache:
            args.cache.write_bytes(pickle.dumps(scored))
    ys = [
        labels(s, c.reference, args.unigram_weight)
        + args.oracle_weight * oracle_labels(s, c.reference, args.words)
        for s, c in zip(scored, clusters, strict=True)
    ]
    protocol = RougeProtocol()
    cv: dict[str, list[float]] = {"rouge1": [], "rouge2": [], "rougeLsum": []}
    fold_rows = []
    for k, test in enumerate(folds(len(clusters), 5, seed=0)):
        train = sorted(set(range(len(clusters))) - set(test))
        model = fit([scored[i].features for i in train], [ys[i] for i in train], args.redundancy)
        fold = {"rouge1": [], "rouge2": [], "rougeLsum": []}
        for i in test:
            res = protocol.score(score_with(model, scored[i], args.words), clusters[i].reference)
            for m in fold:
                fold[m].append(res[m])
                cv[m].append(res[m])
        fold_rows.append((k, *(100 * statistics.fmean(fold[m]) for m in fold)))
    print("| fold | R1 | R2 | RLsum |\n|---|---:|---:|---:|")
    for row in fold_rows:
        print(f"| {row[0]} | {row[1]:.2f} | {row[2]:.2f} | {row[3]:.2f} |")
    print(
        f"| 5-fold CV ({len(clusters)} clusters) | "
        + " | ".join(f"{100 * statistics.fmean(cv[m]):.2f}" for m in cv)
        + " |"
    )
    model = fit([s.features for s in scored], ys, args.redundancy)
    full = {"rouge1": [], "rouge2": [], "rougeLsum": []}
    for s, c in zip(scored, clusters, strict=True):
        res = protocol.score(score_with(model, s, args.words), c.reference)
        for m in full:
            full[m].append(res[m])
    print(
        "| full-sample fit | "
        + " | ".join(f"{100 * statistics.fmean(full[m]):.2f}" for m in full)
        + " |"
    )
    for name, coef in zip(FEATURES, model["coef"], strict=True):
        print(f"  {name:20s} {coef:+.4f}")
    if args.write:
        MODEL_FILE.write_text(
            '"""Fitted weights of the default summarizer: written by ``bench/eval_train.py`` '
            '(see its docstring); do not edit."""\n\nMODEL = '
            + json.dumps(model, indent=4).replace("\n}", ",\n}")
            + "\n"
        )
        # the house style (trailing commas) without hand-editing a generated file
        subprocess.run([sys.executable, "-m", "ruff", "format", str(MODEL_FILE)], check=False)
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()
