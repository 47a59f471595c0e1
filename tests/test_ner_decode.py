"""The array decoding of spaCy's NER gives spaCy's own entities, and hands back what it can't do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy
import pytest
import spacy
from thinc.api import fix_random_seed

from newsdigest.facts.ner import load_nlp
from newsdigest.facts.ner_decode import BATCH_TOKENS, greedy_decoder, recognize
from newsdigest.parallel import run_local

EDGES = [
    "",
    " ",
    "\n\n",
    "Putin",
    "Pompeo met Sergei Lavrov in Sochi, Russia",
    "  New York  ",
    "U.S. Secretary of State Mike Pompeo\n\nNew York City\n",
    "John Smith \n\n\n Mary Jones",
    "Vladimir Putin",  # an entity that ends the text
]


def entities(docs: list[Any]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def iob(docs: list[Any]) -> list[list[str]]:
    return [[t.ent_iob_ for t in doc] for doc in docs]


def spacy_and_ours(nlp: Any, texts: list[str]) -> tuple[list[Any], list[Any]]:
    pipe = nlp.get_pipe("ner")
    decoder = greedy_decoder(pipe)
    assert decoder is not None
    theirs = list(pipe.pipe(map(nlp.make_doc, texts), batch_size=16))
    ours = list(recognize(decoder, map(nlp.make_doc, texts)))
    return theirs, ours


def test_same_entities_as_spacy_on_real_articles(
    seed_paths: list[Path], dev_stream_rows: list[dict[str, str]]
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in seed_paths]
    texts += [row["text"] for row in dev_stream_rows[:40]] + EDGES
    theirs, ours = spacy_and_ours(load_nlp(), texts)
    assert sum(len(d.ents) for d in theirs) > 1000
    assert entities(ours) == entities(theirs)
    assert iob(ours) == iob(theirs)  # every token O or in an entity, as spaCy leaves it


def test_same_entities_as_spacy_with_random_weights() -> None:
    """Untrained weights open entities everywhere and run them long: every I/L choice and
    the end-of-text rule are exercised, across batches of the decoder's size."""
    fix_random_seed(0)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in ("PERSON", "ORG", "GPE", "DATE"):
        ner.add_label(label)
    nlp.initialize()
    upper = ner.model.get_ref("upper")
    rng = numpy.random.default_rng(0)  # the output layer starts at zero: give it weights
    upper.set_param("W", rng.normal(0, 0.5, upper.get_param("W").shape).astype("f"))
    words = "Mike Pompeo met Sergei Lavrov in Sochi on Tuesday , and they talked .".split()
    texts = [" ".join(words[k % 7 :] + words[: k % 5]) * (1 + k % 4) for k in range(60)]
    texts.append(" ".join(words) * (BATCH_TOKENS // len(words) + 3))  # a batch of its own
    theirs, ours = spacy_and_ours(nlp, texts)
    assert sum(len(e.text.split()) > 2 for d in theirs for e in d.ents) > 10
    assert entities(ours) == entities(theirs)
    assert iob(ours) == iob(theirs)


def test_an_entity_does_not_run_into_a_marked_sentence_start() -> None:
    nlp = load_nlp()
    pipe = nlp.get_pipe("ner")
    decoder = greedy_decoder(pipe)
    assert decoder is not None

    def docs() -> list[Any]:
        made = [nlp.make_doc("He met Vladimir Putin in Sochi.") for _ in range(2)]
        made[1][3].is_sent_start = True  # "Putin" starts a sentence: "Vladimir" alone
        return made

    theirs = list(pipe.pipe(docs()))
    ours = list(recognize(decoder, docs()))
    assert entities(ours) == entities(theirs)
    assert [e.text for e in ours[0].ents] == ["Vladimir Putin", "Sochi"]
    assert "Vladimir Putin" not in [e.text for e in ours[1].ents]


def test_models_it_cannot_decode_go_through_spacy() -> None:
    fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    listener = {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "hidden_width": 16,
            "maxout_pieces": 2,
            "use_upper": True,
            "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96},
        }
    }
    nlp.add_pipe("ner", config=listener).add_label("PERSON")
    nlp.initialize()
    assert greedy_decoder(nlp.get_pipe("ner")) is None

    beam = spacy.blank("en")
    beam.add_pipe("beam_ner").add_label("PERSON")
    beam.initialize()
    assert greedy_decoder(beam.get_pipe("beam_ner")) is None
    assert greedy_decoder(beam.get_pipe("beam_ner").moves) is None


@pytest.mark.parametrize("texts", [["Mike Pompeo met Sergei Lavrov in Sochi."], []])
def test_run_local_ner_is_the_decoder(texts: list[str]) -> None:
    nlp = load_nlp()
    docs = run_local(nlp, texts, "ner")
    theirs = list(nlp.get_pipe("ner").pipe(map(nlp.make_doc, texts)))
    assert entities(docs) == entities(theirs)
    if texts:
        assert [e.text for e in docs[0].ents] == ["Mike Pompeo", "Sergei Lavrov", "Sochi"]
