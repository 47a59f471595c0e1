"""spaCy's matrix products on numpy's BLAS: faster, and the same entities and parses."""

from __future__ import annotations

from pathlib import Path

import spacy
from thinc.api import NumpyOps

from newsdigest.facts.ner import DEFAULT_MODEL, UNUSED_PIPES, load_nlp
from newsdigest.ingest import load_articles

ROOT = Path(__file__).resolve().parents[1]


def test_every_cpu_layer_multiplies_with_numpy() -> None:
    nlp = load_nlp(DEFAULT_MODEL)
    nodes = [node for _, pipe in nlp.pipeline for node in pipe.model.walk()]
    assert nodes and all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in nodes)


def test_the_seeds_entities_and_parses_are_the_ones_blis_gives() -> None:
    """The products differ from BLIS's in the last bits only: the seeds' entities, heads and
    labels (whole texts through the NER and the parser) are the same as spaCy's own."""
    texts = [a.text for a in load_articles([ROOT / "examples" / "sochi-2019"]).articles]
    blis = spacy.load(DEFAULT_MODEL, exclude=list(UNUSED_PIPES))
    assert any(n.ops.use_blis for n in blis.get_pipe("ner").model.walk())

    def read(doc: spacy.tokens.Doc) -> list[tuple[int, str, str, str]]:
        return [(t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in doc]

    ours = load_nlp(DEFAULT_MODEL)
    assert [read(d) for d in ours.pipe(texts)] == [read(d) for d in blis.pipe(texts)]
