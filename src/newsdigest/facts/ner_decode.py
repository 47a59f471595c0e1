"""spaCy's greedy transition NER, decoded with array operations: the same entities, faster.

spaCy decodes its NER one move at a time and, for each token, asks each of the model's 74
moves (B/I/L/U of 18 labels, O) whether it is valid through a Cython state machine; profiled
on dev-stream text that validity check was a third of the NER's time and the step-by-step
scoring another sixth. But the NER's state (``StateC.set_context_tokens`` with three
features) is only the next token, the open entity's first token and the token before the
next: while no entity is open, a token's move scores depend on that token alone. So they are
computed here for every token at once, with the pipe's own weights, layers and BLAS, in
spaCy's order of operations; only the tokens inside an entity are scored one by one, where
the choice is between two moves (go on, or end the entity). Validity is spaCy's for a text
with no preset entities: an entity neither starts on whitespace nor runs into a token marked
as a sentence start. On the dev stream the entities are spaCy's own (``tests/test_ner_decode.py``
compares them on real articles).

Any other model (a beam NER, a tok2vec shared through a listener, extra state tokens, a
GPU) returns None from ``greedy_decoder`` and is run by spaCy as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc, Span

BEGIN, IN, LAST, UNIT, OUT = "BILUO"
# Tokens scored in one pass; the precomputed features take ~1.5 KB a token.
BATCH_TOKENS = 16_384


@dataclass(frozen=True)
class GreedyNer:
    """The parts of one spaCy NER pipe that its greedy decoding reads."""

    tok2vec: Any  # thinc model: docs -> (tokens, width) array (the pipe's own token vectors)
    lower: Any  # thinc precomputable affine: (tokens, width) -> (tokens + 1, 3, hidden, pieces)
    upper_w: np.ndarray  # (moves, hidden)
    upper_b: np.ndarray  # (moves,)
    lower_b: np.ndarray  # (hidden, pieces)
    kinds: np.ndarray  # each move's letter, B I L U O
    labels: np.ndarray  # each move's label id in the vocab's strings (0: none)
    closed_valid: np.ndarray  # moves that can be taken with no entity open: B, U (labelled), O
    begins: np.ndarray  # B moves
    units: np.ndarray  # labelled U moves
    inside: dict[int, tuple[int, int]]  # label id -> (its I move, its L move)

    def gemm(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """``a @ b.T`` with the model's ops (spaCy's own BLAS for the scores)."""
        return self.lower.ops.gemm(a, b, trans2=True)


def greedy_decoder(pipe: Any) -> GreedyNer | None:
    """A ``GreedyNer`` over ``pipe`` (a spaCy ``EntityRecognizer``), or None where its model is
    not the greedy CPU transition NER this decoding reproduces."""
    from thinc.api import NumpyOps

    model = getattr(pipe, "model", None)
    moves = getattr(pipe, "moves", None)
    if model is None or moves is None or type(pipe).__name__ != "EntityRecognizer":
        return None
    if type(moves).__name__ != "BiluoPushDown" or model.name != "parser_model":
        return None
    if getattr(pipe, "cfg", {}).get("beam_width", 1) != 1:  # spaCy's own test for a beam
        return None
    if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes"):
        return None
    if not all(model.has_ref(name) for name in ("tok2vec", "lower", "upper")):
        return None
    tok2vec, lower, upper = (model.get_ref(name) for name in ("tok2vec", "lower", "upper"))
    if any("listener" in node.name for node in tok2vec.walk()):
        return None  # its token vectors come from another pipe's run
    if not isinstance(model.ops, NumpyOps) or lower.name != "precomputable_affine":
        return None
    if lower.get_dim("nF") != 3 or upper.get_param("W").shape[0] != moves.n_moves:
        return None
    names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    kinds = np.array([name[0] for name in names])
    strings = pipe.vocab.strings
    labels = np.array([strings.add(n[2:]) if len(n) > 2 else 0 for n in names], dtype=np.uint64)
    if not set(kinds) <= set(BEGIN + IN + LAST + UNIT + OUT):
        return None
    inside: dict[int, tuple[int, int]] = {}
    for label in {int(x) for x in labels[kinds == BEGIN]}:
        i_move = np.flatnonzero((kinds == IN) & (labels == label))
        l_move = np.flatnonzero((kinds == LAST) & (labels == label))
        if len(i_move) != 1 or len(l_move) != 1:
            return None
        inside[label] = (int(i_move[0]), int(l_move[0]))
    labelled = labels != 0
    return GreedyNer(
        tok2vec=tok2vec,
        lower=lower,
        upper_w=np.ascontiguousarray(upper.get_param("W"), dtype=np.float32),
        upper_b=np.asarray(upper.get_param("b"), dtype=np.float32),
        lower_b=np.asarray(lower.get_param("b"), dtype=np.float32),
        kinds=kinds,
        labels=labels,
        closed_valid=((kinds == BEGIN) | (kinds == UNIT)) & labelled | (kinds == OUT),
        begins=(kinds == BEGIN) & labelled,
        units=(kinds == UNIT) & labelled,
        inside=inside,
    )


def recognize(decoder: GreedyNer, docs: Iterable[Doc]) -> Iterator[Doc]:
    """Set the entities of each doc (made by the tokenizer, no entities yet) as the pipe's
    greedy decoding would, and yield it."""
    stream = iter(docs)
    while True:
        batch: list[Doc] = []
        tokens = 0
        for doc in stream:
            batch.append(doc)
            tokens += len(doc)
            if tokens >= BATCH_TOKENS:
                break
        if not batch:
            return
        _recognize_batch(decoder, batch)
        yield from batch


def _recognize_batch(decoder: GreedyNer, docs: Sequence[Doc]) -> None:
    nonempty = [doc for doc in docs if len(doc)]
    for doc in docs:
        if not len(doc):
            doc.set_ents([], default="outside")
    if not nonempty:
        return
    vectors = decoder.tok2vec.predict(nonempty)
    # (tokens + 1, 3 features, hidden, pieces); row 0 holds each feature's padding
    feats = decoder.lower.predict(vectors)
    # with no entity open the state's features are (the token, padding, padding)
    closed = feats[1:, 0] + feats[0, 1]
    closed += feats[0, 2]
    closed += decoder.lower_b
    scores = decoder.gemm(closed.max(axis=2), decoder.upper_w)
    scores += decoder.upper_b
    offset = 0
    for doc in nonempty:
        n = len(doc)
        _decode_doc(decoder, doc, feats, scores[offset : offset + n], offset)
        offset += n


def _decode_doc(
    decoder: GreedyNer, doc: Doc, feats: np.ndarray, scores: np.ndarray, offset: int
) -> None:
    n = len(doc)
    flags = doc.to_array([IS_SPACE, SENT_START]).astype(np.int64).reshape(n, 2)
    space = flags[:, 0] != 0
    # B needs a next token that is not a sentence start; B and U need a token that is not space
    begin_ok = ~space
    begin_ok[-1] = False
    begin_ok[:-1] &= flags[1:, 1] != 1
    valid = np.broadcast_to(decoder.closed_valid, scores.shape).copy()
    valid[:, decoder.begins] &= begin_ok[:, None]
    valid[:, decoder.units] &= ~space[:, None]
    best = np.where(valid, scores, -np.inf).argmax(axis=1)
    kinds = decoder.kinds[best]
    starts = np.flatnonzero(kinds != OUT)
    spans: list[Span] = []
    t = 0
    for start in starts.tolist():
        if start < t:
            continue  # inside the entity just read
        label = int(decoder.labels[best[start]])
        if kinds[start] == UNIT:
            t = start + 1
        else:
            t = _entity_end(decoder, feats, start, n, offset, label, flags[:, 1])
        spans.append(Span(doc, start, t, label=label))
    doc.set_ents(spans, default="outside")


def _entity_end(
    decoder: GreedyNer,
    feats: np.ndarray,
    start: int,
    n: int,
    offset: int,
    label: int,
    sent_start: np.ndarray,
) -> int:
    """Where the entity begun at ``start`` ends: at each next token, I (go on) against L (end
    here), scored from the features (the token, the entity's first token, the token before);
    I only where a token follows that does not start a sentence."""
    i_move, l_move = decoder.inside[label]
    w = decoder.upper_w[[i_move, l_move]]
    b = decoder.upper_b[[i_move, l_move]]
    first = feats[offset + start + 1, 1]
    t = start + 1
    while True:
        if t + 1 >= n or sent_start[t + 1] == 1:
            return t + 1  # I needs a next token that does not start a sentence: L, unscored
        row = offset + t + 1
        hidden = feats[row, 0] + first
        hidden += feats[row - 1, 2]
        hidden += decoder.lower_b
        go_on, stop = decoder.gemm(hidden.max(axis=1)[None, :], w)[0] + b
        # the first of equal scores wins, as in spaCy's argmax
        if go_on > stop or (go_on == stop and i_move < l_move):
            t += 1
        else:
            return t + 1
