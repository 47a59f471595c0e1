"""Link-model trials for issue 10: candidate features and fitting choices under
``fit_event_model``'s cross-validation (the same feature cache, the same 5 event folds).

Each feature variant appends one column to ``event_model.FEATURES`` by patching the clusterer's
``_Linker`` (article against story) and ``pair_features`` (article against article, for the
batch grouping) in this process only; nothing in ``src`` changes. Printed: B-cubed P/R/F1
pooled over the held-out articles with each fold's weights at each ``--settings`` (join
threshold, group threshold, quiet days), and with ``--full`` the normal protocol (the setting
chosen on the training folds' F1, as ``fit_event_model`` does).

    PYTHONPATH=src .venv/bin/python bench/link_model_trials.py VARIANT [--full] \
        [--settings 0.3,0.3,90 0.2,0.3,90] [--C 1.0] [--neg 5] [--linkage average] [--split] \
        [--cache feats.pkl]

Variants: ``base`` (the shipped features); ``cross`` (title against the story's lead words and
lead against its headlines, the mean of the two cosines); ``time`` (whole-text cosine times
log1p days apart); ``rare`` (the highest IDF of an entity key the article and story share,
over the IDF's upper end: a rare shared name); ``top2`` (the mean whole-text cosine with the
story's two nearest members). ``--split``: a group whose mean probability joins a story
leaves behind its members whose own probability is under the join threshold (each offered
alone). ``--C``: the logistic regression's inverse regularization; ``--neg``: negatives per
training article; ``--linkage``: the batch grouping's scipy linkage.

Measured 2026-12-03 07:10-07:50 UTC (dev 372 articles / 69 events, Multi-News 644 / 250; each
fold's weights; F1 dev / Multi-News; t 0.3, g 0.3, q 90 is the shipped setting):

| trial | t0.3 g0.3: dev P / R / F1, MN F1 | t0.2 g0.3: dev F1, MN F1 |
|---|---|---|
| base | 0.944 / 0.912 / 0.928, 0.914 | 0.925, 0.909 |
| cross | 0.944 / 0.912 / 0.928, 0.914 | |
| time | 0.944 / 0.912 / 0.928, 0.913 | |
| rare | 0.944 / 0.908 / 0.926, 0.911 | |
| top2 | 0.949 / 0.912 / 0.930, 0.914 | |
| split | 0.945 / 0.909 / 0.927, 0.914 | |
| C 0.3 / 3 / 10 / 100 | F1 0.924 / 0.932 / 0.933 / 0.933, MN 0.905 / 0.914 / 0.913 / 0.914 | C 3: 0.929, 0.912 |
| 10 negatives | 0.949 / 0.907 / 0.928, 0.908 | |
| weighted linkage | the same as base (to 3 decimals) | |
| top2 and C 3 | 0.946 / 0.917 / 0.931, 0.916 | 0.927, 0.913 |

With the normal protocol (settings chosen on the training folds; P / R / F1):

| trial | dev | Multi-News |
|---|---|---|
| shipped (``fit_event_model.py``, reproduced) | 0.952 / 0.908 / **0.929** | 0.958 / 0.870 / **0.912** |
| C 3 (``fit_event_model.py`` with C 3) | 0.939 / 0.909 / 0.923 | 0.939 / 0.885 / 0.911 |
| top2 (``--full``) | 0.949 / 0.917 / **0.933** | 0.950 / 0.879 / **0.913** |
| top2 and C 3 (``--full``) | 0.944 / 0.913 / 0.928 | 0.942 / 0.888 / 0.915 |

C 3's gain at a fixed setting does not survive the choice (two folds chose t 0.2 or g 0.2).
top2 is the one trial above the shipped figures on both streams (+0.004 dev, +0.001
Multi-News: about the folds' choice noise; dev bar 0.937 not reached); shipping it needs each
story's member vectors in the stored state, which stories keep only as sums today.
Fitted on everything at C 3 (t 0.3, g 0.3, q 90; in-sample) the CLI replays gave dev 0.962 /
0.881 / 0.919 (``stream_replay.py --facts off``; the shipped model's last replay 0.917, facts on) and
Multi-News 0.956 / 0.803 / 0.873 (``cluster_multinews.py --no-facts``; shipped 0.873).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
import weakref
from dataclasses import replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import fit_event_model as fem  # noqa: E402

from newsdigest import cluster, event_model  # noqa: E402

BASE_FEATURES = event_model.FEATURES
BASE_LINKER = cluster._Linker
BASE_PAIR = cluster.pair_features


def install(extra: str, linker_cls, pair_fn) -> None:
    feats = (*BASE_FEATURES, extra)
    event_model.FEATURES = feats
    fem.FEATURES = feats
    cluster._Linker = linker_cls
    cluster.pair_features = pair_fn


# ---- A: title <-> lead cross similarity -------------------------------------------------
class CrossLinker(BASE_LINKER):
    def __init__(self, state, vectors):
        super().__init__(state, vectors)
        b = vectors["body"].shape[0]
        c = len(state.clusters)
        # article title . story lead sum, article lead . story title sum
        self.xdots = {}
        self.xgram = {}
        for a, s in (("title", "lead"), ("lead", "title")):
            d = np.zeros((b, c + b))
            if c:
                sums = sp.vstack([k.sums[s] for k in state.clusters], format="csr")
                d[:, :c] = (vectors[a] @ sums.T).toarray()
            self.xdots[a] = d
            self.xgram[a] = (vectors[a] @ vectors[s].T).toarray().astype(np.float64)

    def features(self, row, stories, timing, sizes):
        base = super().features(row, stories, timing, sizes)
        tl = self.xdots["title"][row, stories] / np.sqrt(
            np.maximum(self.sqnorm["lead"][stories], 1e-12)
        )
        lt = self.xdots["lead"][row, stories] / np.sqrt(
            np.maximum(self.sqnorm["title"][stories], 1e-12)
        )
        return np.column_stack([base, (tl + lt) / 2])

    def join(self, row, story):
        super().join(row, story)
        # story's lead sum gains article row's lead: title(i) . lead(row) = xgram["title"][i,row]
        self.xdots["title"][:, story] += self.xgram["title"][:, row]
        self.xdots["lead"][:, story] += self.xgram["lead"][:, row]


def cross_pairs(linker, days):
    base = BASE_PAIR(linker, days)
    tl = linker.xgram["title"]  # title(i) . lead(j)
    lt = linker.xgram["lead"]  # lead(i) . title(j)
    return np.concatenate([base, ((tl + lt) / 2)[..., None]], axis=-1)


# ---- B: time decay interaction: body cosine x log1p(days) ----------------------------------
class TimeLinker(BASE_LINKER):
    def features(self, row, stories, timing, sizes):
        base = super().features(row, stories, timing, sizes)
        return np.column_stack([base, base[:, 1] * base[:, 5]])


def time_pairs(linker, days):
    base = BASE_PAIR(linker, days)
    return np.concatenate([base, (base[..., 1] * base[..., 5])[..., None]], axis=-1)


# ---- C: rarest shared entity key (max IDF of a key the article and story share) -------------
class RareLinker(BASE_LINKER):
    def __init__(self, state, vectors):
        super().__init__(state, vectors)
        from newsdigest.cluster import background_doc_freq

        self.idf = state.doc_freq.idf().astype(np.float64)
        self.scale = float(np.log(1 + background_doc_freq()[1] + state.doc_freq.docs) + 1)
        ent = vectors["entities"].tocsr()
        self.slots = [ent.indices[ent.indptr[i] : ent.indptr[i + 1]] for i in range(ent.shape[0])]
        self.total = len(state.clusters) + ent.shape[0]
        self.holders: dict[int, set[int]] = {}
        for s, k in enumerate(state.clusters):
            for slot in k.sums["entities"].indices.tolist():
                self.holders.setdefault(slot, set()).add(s)

    def _rare(self, row, stories):
        out = np.zeros(self.total)
        for slot, w in zip(self.slots[row].tolist(), self.idf[self.slots[row]], strict=True):
            for s in self.holders.get(slot, ()):
                if w > out[s]:
                    out[s] = w
        return out[stories] / self.scale

    def features(self, row, stories, timing, sizes):
        base = super().features(row, stories, timing, sizes)
        return np.column_stack([base, self._rare(row, np.asarray(stories, int))])

    def join(self, row, story):
        super().join(row, story)
        for slot in self.slots[row].tolist():
            self.holders.setdefault(slot, set()).add(story)


def rare_pairs(linker, days):
    base = BASE_PAIR(linker, days)
    n = days.shape[0]
    r = np.zeros((n, n))
    holders: dict[int, list[int]] = {}
    for j in range(n):
        for slot in linker.slots[j].tolist():
            holders.setdefault(slot, []).append(j)
    for i in range(n):
        for slot, w in zip(linker.slots[i].tolist(), linker.idf[linker.slots[i]], strict=True):
            js = holders[slot]
            r[i, js] = np.maximum(r[i, js], w)
    return np.concatenate([base, (r / linker.scale)[..., None]], axis=-1)


# ---- D: mean of the two best member cosines (body words) ----------------------------------
MEMBERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Top2Linker(BASE_LINKER):
    def __init__(self, state, vectors):
        super().__init__(state, vectors)
        self.state = state
        self.body = vectors["body"]
        b = self.body.shape[0]
        c = len(state.clusters)
        # per story: its members' cosines with each batch article (columns: batch rows)
        self.member_cos: list[list[np.ndarray]] = []
        for k in state.clusters:
            mem = MEMBERS.get(k)
            if mem is None or mem.shape[0] == 0:
                self.member_cos.append([])
            else:
                m = (self.body @ mem.T).toarray()  # b x members
                self.member_cos.append([m[:, j] for j in range(m.shape[1])])
        self.member_cos += [[] for _ in range(b)]
        self.c = c

    def _top2(self, row, stories):
        out = np.zeros(len(stories))
        for k, s in enumerate(stories):
            vals = sorted((col[row] for col in self.member_cos[s]), reverse=True)[:2]
            out[k] = float(np.mean(vals)) if vals else 0.0
        return out

    def features(self, row, stories, timing, sizes):
        base = super().features(row, stories, timing, sizes)
        return np.column_stack([base, self._top2(row, np.asarray(stories, int))])

    def join(self, row, story):
        super().join(row, story)
        self.member_cos[story].append(self.gram["body"][:, row].copy())
        k = self.state.clusters[story]
        old = MEMBERS.get(k)
        add = self.body[row]
        MEMBERS[k] = add if old is None else sp.vstack([old, add], format="csr")


def top2_pairs(linker, days):
    base = BASE_PAIR(linker, days)
    return np.concatenate([base, linker.gram["body"][..., None]], axis=-1)


# ---- E: a group's weak members (own P below the join threshold) leave it, offered alone ----
SPLIT = {}


def install_split() -> None:
    import inspect
    import textwrap

    code = textwrap.dedent(inspect.getsource(cluster.link_batch))
    old = """    for rows in groups:
        offered"""
    new = """    queue = list(groups)
    while queue:
        rows = queue.pop(0)
        offered"""
    assert old in code
    code = code.replace(old, new)
    old2 = """        pick = decide(rows, np.stack(xs), open_)
"""
    new2 = """        pick = decide(rows, np.stack(xs), open_)
        if pick >= 0 and len(rows) > 1 and SPLIT:
            own = SPLIT["model"].probability(np.stack(xs)[:, pick])
            weak = [r for r, pr in zip(rows, own) if pr < SPLIT["model"].threshold]
            if weak:
                rows = [r for r in rows if r not in weak]
                queue[0:0] = [[r] for r in weak]
"""
    assert old2 in code
    code = code.replace(old2, new2)
    ns = dict(vars(cluster))
    ns["SPLIT"] = SPLIT
    exec(compile(code, "link_batch_split", "exec"), ns)
    cluster.link_batch = ns["link_batch"]
    base_decision = cluster.model_decision

    def model_decision(model):
        SPLIT["model"] = model
        return base_decision(model)

    cluster.model_decision = model_decision


VARIANTS = {
    "cross": (CrossLinker, cross_pairs),
    "time": (TimeLinker, time_pairs),
    "rare": (RareLinker, rare_pairs),
    "top2": (Top2Linker, top2_pairs),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("variant", choices=["base", *VARIANTS])
    ap.add_argument("--full", action="store_true", help="normal protocol (grid on train folds)")
    ap.add_argument("--settings", nargs="*", default=["0.3,0.3,90"])
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--split", action="store_true")
    ap.add_argument("--neg", type=int, default=5)
    ap.add_argument("--linkage", default="average")
    ap.add_argument("--cache", type=Path, required=True)
    args = ap.parse_args()
    if args.split:
        install_split()
    if args.variant != "base":
        install(args.variant, *VARIANTS[args.variant])
    fem.NEGATIVES = args.neg
    if args.C != 1.0:

        def fit(pairs, C=args.C):
            from sklearn.linear_model import LogisticRegression

            x = np.vstack([p[0] for p in pairs])
            y = np.concatenate([p[1] for p in pairs])
            reg = LogisticRegression(C=C, max_iter=1000).fit(x, y)
            return event_model.LinkModel(
                weights=tuple(round(float(w), 4) for w in reg.coef_[0]),
                intercept=round(float(reg.intercept_[0]), 4),
                features=event_model.FEATURES,
            )

        fem.fit = fit
    if args.linkage != "average":
        import scipy.cluster.hierarchy as sch

        base_linkage = sch.linkage
        sch.linkage = lambda y, method="average": base_linkage(y, method=args.linkage)
    t0 = time.perf_counter()
    streams = [fem.dev_stream(), fem.multinews_stream()]
    features = pickle.loads(Path(args.cache).read_bytes())
    folds = {s.name: fem.folds_of(list(s.label.values()), 5) for s in streams}
    settings = [tuple(float(v) for v in s.split(",")) for s in args.settings]
    pooled = {s.name: [] for s in streams}
    fixed = {(s.name, st): [] for s in streams for st in settings}
    for f in range(5):
        train_streams = [s.only(set(s.label.values()) - folds[s.name][f]) for s in streams]
        model = fem.fit([fem.training_pairs(s, features) for s in train_streams])
        for st in settings:
            m = replace(model, threshold=st[0], group_threshold=st[1], quiet_days=st[2])
            for s in streams:
                members = fem.run(s, m, features)
                held = [a for a in members if s.label[a] in folds[s.name][f]]
                p, r, _, _ = fem.bcubed_of(members, s.label, held)
                fixed[(s.name, st)].append((p, r, len(held)))
        if args.full:
            chosen = fem.choose_threshold(model, train_streams, features)
            for s in streams:
                members = fem.run(s, chosen, features)
                held = [a for a in members if s.label[a] in folds[s.name][f]]
                p, r, _, _ = fem.bcubed_of(members, s.label, held)
                pooled[s.name].append((p, r, len(held)))
            print(
                f"fold {f}: t={chosen.threshold} g={chosen.group_threshold} "
                f"q={chosen.quiet_days} w={chosen.weights}",
                flush=True,
            )
        else:
            print(f"fold {f}: w={model.weights}", flush=True)
    print(f"variant {args.variant}")
    for st in settings:
        cells = [
            f"{s.name} " + "/".join(f"{v:.4f}" for v in fem.pooled_prf(fixed[(s.name, st)]))
            for s in streams
        ]
        print(f"  fixed t={st[0]} g={st[1]} q={st[2]:g}: " + "   ".join(cells))
    if args.full:
        cells = [
            f"{s.name} " + "/".join(f"{v:.4f}" for v in fem.pooled_prf(pooled[s.name]))
            for s in streams
        ]
        print("  chosen on train folds: " + "   ".join(cells))
    print(f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
