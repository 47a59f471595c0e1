"""Facts of the seed cluster against the hand-checked gold (tests/data/sochi_gold.json):
entities under one name, every quote with its speaker, when and where, and disagreements."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsdigest.facts import extract_facts
from newsdigest.facts.score import score_disagreements, score_entities, score_quotes
from newsdigest.ingest import iter_articles
from newsdigest.model import Article, Facts
from newsdigest.split import split_sentences

GOLD_PATH = Path(__file__).parent / "data" / "sochi_gold.json"
GOLD = json.loads(GOLD_PATH.read_text(encoding="utf-8"))


def load_seeds(seed_paths: list[Path], published: dict[str, str] | None) -> list[Article]:
    """The cleaned seed articles, dated as the gold says (or undated)."""
    articles = []
    for item in iter_articles(seed_paths):
        assert isinstance(item, Article), item
        if published:
            key = Path(item.origin or "").name[:3]
            day = datetime.fromisoformat(published[key]).replace(tzinfo=timezone.utc)
            item = replace(item, published=day)
        articles.append(item)
    return articles


def keys_of(articles: list[Article]) -> dict[str, str]:
    return {a.id: Path(a.origin or "").name[:3] for a in articles}


@pytest.fixture(scope="module")
def dated(seed_paths: list[Path]) -> tuple[list[Article], Facts, float]:
    articles = load_seeds(seed_paths, GOLD["published"])
    sentences = {a.id: split_sentences(a.text, a.id) for a in articles}
    extract_facts(articles[:1], sentences)  # model load is not part of the per-cluster cost
    cpu = time.process_time()
    facts = extract_facts(articles, sentences)
    return articles, facts, time.process_time() - cpu


@pytest.fixture(scope="module")
def undated(seed_paths: list[Path]) -> tuple[list[Article], Facts]:
    articles = load_seeds(seed_paths, None)
    return articles, extract_facts(
        articles, {a.id: split_sentences(a.text, a.id) for a in articles}
    )


def norm(text: str) -> str:
    return " ".join(text.split()).replace("’", "'")


def entity(facts: Facts, name: str):
    found = [e for e in facts.entities if e.name == name]
    assert len(found) == 1, [e.name for e in facts.entities]
    return found[0]


def test_one_canonical_name_across_spellings_and_mislabels(dated) -> None:
    articles, facts, _ = dated
    keys = keys_of(articles)
    lavrov = entity(facts, "Sergey Lavrov")
    assert lavrov.type == "PERSON"  # the model calls "Lavrov" ORG in several sentences
    assert {"Sergei Lavrov", "Lavrov"} <= set(lavrov.aliases)
    assert {keys[a] for a in lavrov.articles} == {"000", "001", "002", "003", "004"}
    pompeo = entity(facts, "Mike Pompeo")
    assert pompeo.type == "PERSON" and "Pompeo" in pompeo.aliases
    assert len(pompeo.mentions) >= 30
    mueller = entity(facts, "Robert Mueller")
    assert "Muller" in mueller.aliases and mueller.type == "PERSON"
    assert entity(facts, "United States").type == "PLACE"
    assert not [e for e in facts.entities if e.name in {"Lavrov", "Pompeo", "Muller", "Putin"}]
    for e in facts.entities:
        for m in e.mentions:
            text = next(a.text for a in articles if a.id == m.article)
            assert text[m.start : m.end] == m.text


def test_entities_precision_recall_against_gold(dated) -> None:
    articles, facts, _ = dated
    scores = score_entities(facts, GOLD, keys_of(articles))
    assert scores["name"].precision >= 0.95 and scores["name"].recall >= 0.82
    assert scores["typed"].precision >= 0.90 and scores["typed"].recall >= 0.78
    assert scores["canonical"].precision >= 0.85 and scores["canonical"].recall >= 0.75
    assert scores["articles"].precision == 1.0 and scores["articles"].recall >= 0.9


GOLD_QUOTES = [
    pytest.param(
        q,
        id=f"{q['article']}:{q['contains'][:30]}",
        marks=[pytest.mark.xfail(strict=True, reason="no speech verb in its sentence")]
        if q["contains"].startswith("will put our relationship")
        else [],
    )
    for q in GOLD["quotes"]
]


@pytest.mark.parametrize("gold_quote", GOLD_QUOTES)
def test_every_seed_quote_has_its_speaker(dated, gold_quote) -> None:
    articles, facts, _ = dated
    keys = keys_of(articles)
    wanted = norm(gold_quote["contains"])
    found = [
        q
        for q in facts.quotes
        if keys[q.article] == gold_quote["article"] and wanted in norm(q.text)
    ]
    assert len(found) == 1, [
        q.text[:40] for q in facts.quotes if keys[q.article] == gold_quote["article"]
    ]
    assert found[0].speaker == gold_quote["speaker"]


def test_quote_spans_index_the_article_text(dated) -> None:
    articles, facts, _ = dated
    texts = {a.id: a.text for a in articles}
    assert facts.quotes
    for q in facts.quotes:
        assert texts[q.article][q.start : q.end] == q.text


def test_scare_quotes_and_paraphrases_are_not_quotes(dated) -> None:
    articles, facts, _ = dated
    keys = keys_of(articles)
    for nq in GOLD["not_quotes"]:
        assert not [
            q for q in facts.quotes if keys[q.article] == nq["article"] and q.text == nq["text"]
        ]
    # "Lavrov said he expects to hammer out specific proposals" is a paraphrase, not a quote
    hammer = [q for q in facts.quotes if "hammer out" in q.text]
    assert len(hammer) == 1 and hammer[0].text.startswith("I hope that today")


def test_quote_detection_and_attribution_scores(dated) -> None:
    articles, facts, _ = dated
    scores = score_quotes(facts, GOLD, keys_of(articles))
    assert scores["detection"].precision >= 0.95 and scores["detection"].recall >= 0.95
    assert scores["attribution"].precision >= 0.95 and scores["attribution"].recall >= 0.93


def test_event_date_resolved_against_publication_dates(dated) -> None:
    _, facts, _ = dated
    assert facts.event_date == "2019-05-14"  # "on Tuesday" in articles of Wednesday 15 May 2019
    assert facts.event_place == "Sochi"


def test_without_publication_dates_relative_dates_stay_unresolved(undated) -> None:
    _, facts = undated
    assert facts.event_date is None
    assert facts.event_place == "Sochi"
    assert all(not e.date.startswith("2019-05") for e in facts.timeline)
    assert not [d for d in facts.disagreements if d.kind == "date"]


def test_timeline_is_dated_sorted_and_cited(dated) -> None:
    articles, facts, _ = dated
    keys = keys_of(articles)
    dates = [e.date for e in facts.timeline]
    assert dates == sorted(dates)
    by_date = {}
    for e in facts.timeline:
        by_date.setdefault(e.date, set()).update(keys[c.article] for c in e.citations)
    assert {"000", "001", "004"} <= by_date["2019-05-14"]
    assert by_date["2019-05-06"] == {"002"}  # the earlier meeting in Rovaniemi
    # a handful of lines, each a sentence that reads alone, the first citation its source
    assert 2 <= len(facts.timeline) <= 5
    sentences = {a.id: split_sentences(a.text, a.id) for a in articles}
    for e in facts.timeline:
        origin = e.citations[0]
        assert sentences[origin.article][origin.sentence].text == e.text
        assert not e.text.startswith(("But ", "He ", "She ", "It ", "They ", "This "))


def test_sochi_versus_washington_and_dates_disagree(dated) -> None:
    articles, facts, _ = dated
    keys = keys_of(articles)
    place = [d for d in facts.disagreements if d.kind == "place"]
    assert len(place) == 1
    claims = {c.value: {keys[a] for a in c.articles} for c in place[0].claims}
    assert claims == {"Sochi": {"000", "001", "002", "004"}, "Washington": {"003"}}
    date = [d for d in facts.disagreements if d.kind == "date"]
    assert {c.value: {keys[a] for a in c.articles} for c in date[0].claims} == {
        "2019-05-14": {"000", "001", "004"},
        "2019-12-10": {"003"},
    }
    assert score_disagreements(facts, GOLD, keys).recall == 1.0
    assert score_disagreements(facts, GOLD, keys).precision == 1.0


def test_an_article_about_another_event_does_not_vote_on_its_date_and_place(dated) -> None:
    """Seed 000 (Sochi, 14 May) with seed 003 (Washington, 10 December): one vote each, so
    no date, and the two differ on where and when; unless 003 is known to be about another
    event (the digest's outliers): then the date is 000's and nothing is in dispute (readers
    of the dev stream found left-out articles setting a story's place and making its
    "sources differ" lines and timeline lines)."""
    articles, _, _ = dated
    keys = keys_of(articles)
    pair = [a for a in articles if keys[a.id] in ("000", "003")]
    sentences = {a.id: split_sentences(a.text, a.id) for a in pair}
    both = extract_facts(pair, sentences)
    assert both.event_date is None
    other = next(a.id for a in pair if keys[a.id] == "003")
    facts = extract_facts(pair, sentences, outliers={other})
    assert (facts.event_date, facts.event_place) == ("2019-05-14", "Sochi")
    assert {d.kind for d in both.disagreements} >= {"place", "date"}
    assert not {d.kind for d in facts.disagreements} & {"place", "date"}
    assert all(c.article != other for e in facts.timeline for c in e.citations)
    assert any(q.article == other for q in facts.quotes)  # its quotes are still listed


def test_durations_of_different_meetings_are_not_a_disagreement(dated, undated) -> None:
    # 002: "about an hour" (6 May, Rovaniemi); 004: "nearly two hours" (14 May, Sochi)
    for facts in (dated[1], undated[1]):
        assert not [d for d in facts.disagreements if d.kind == "number"]


def test_one_cluster_takes_well_under_two_seconds_of_cpu(dated) -> None:
    _, _, cpu_seconds = dated
    assert cpu_seconds < 4.0  # ~1 s measured on an idle core; bound leaves room for shared CI


def test_empty_cluster_has_no_facts() -> None:
    assert extract_facts([], {}) == Facts()


def test_article_over_spacy_max_length_is_parsed_in_pieces(dated) -> None:
    """spaCy refuses a text over ``nlp.max_length`` (E088); the facts step parses it in pieces
    at paragraph ends, with every span still an offset into the whole article."""
    from newsdigest.facts.ner import load_nlp

    articles = dated[0]
    long_article = replace(articles[0], text="\n\n".join(a.text for a in articles) * 3)
    nlp = load_nlp()
    saved = nlp.max_length
    nlp.max_length = 5_000  # the real limit is 1,000,000: the same refusal at a test's size
    try:
        facts = extract_facts([long_article], {})
    finally:
        nlp.max_length = saved
    whole = extract_facts([long_article], {})
    text = long_article.text
    assert len(text) > 10_000
    names = {e.name for e in facts.entities}
    assert {"Mike Pompeo", "Sergey Lavrov", "Vladimir Putin"} <= names
    assert len(names & {e.name for e in whole.entities}) >= 0.9 * len(names)
    for entity in facts.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    for quote in facts.quotes:
        assert quote.text in text[quote.start : quote.end]
    assert len(facts.quotes) >= 0.9 * len(whole.quotes)


def test_text_pieces_cover_the_text_at_paragraph_and_sentence_ends() -> None:
    from newsdigest.facts.ner import text_pieces

    text = "\n\n".join(f"Paragraph {i} says the talks went on. It ended." for i in range(200))
    spans = text_pieces(text, 500)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(e - s <= 500 for s, e in spans)
    assert all(text[s:e].endswith("\n\n") for s, e in spans[:-1])
    flat = " ".join(text.split())
    spans = text_pieces(flat, 500)
    assert "".join(flat[s:e] for s, e in spans) == flat
    assert all(flat[s:e].endswith(". ") for s, e in spans[:-1])
    unbroken = "x" * 1200
    assert text_pieces(unbroken, 500) == [(0, 500), (500, 1000), (1000, 1200)]


def test_no_entity_name_spans_a_paragraph_break() -> None:
    # a USA TODAY page of the dev stream: a photo credit, then a follow widget; the small
    # model reads "Dado Ruvic/Reuters\n\nFollow USA" as one organization
    text = (
        "Telegram was removed from the App Store. (Photo: Dado Ruvic/Reuters\n\nFollow USA "
        "TODAY Personal Tech on Twitter.) Pavel Durov said the apps would return soon."
    )
    article = Article(id="t", text=text)
    facts = extract_facts([article], {"t": split_sentences(text, "t")})
    assert facts.entities and all("\n" not in e.name for e in facts.entities)
    assert all("\n" not in m.text for e in facts.entities for m in e.mentions)


def test_parse_reads_entities_everywhere_and_dependencies_only_near_quotes(dated) -> None:
    """The facts' parse runs the NER over whole texts and the parser only over the sentences
    quote attribution reads: the entities are a NER-only pipeline's, most tokens carry no
    dependency, and every quote and speaker is the one a full parse gives, on every seed
    article as written and typed with two spaces after a full stop."""
    import spacy

    from newsdigest.facts.ner import DEFAULT_MODEL, parse_articles
    from newsdigest.facts.quotes import subject_sentences

    seeds = dated[0]
    articles = seeds + [replace(a, id=a.id + "-2", text=a.text.replace(". ", ".  ")) for a in seeds]
    full = spacy.load(DEFAULT_MODEL)
    lean = parse_articles(articles)
    with full.select_pipes(enable=["ner"]):
        ner_only = list(full.pipe(a.text for a in articles))

    def entities(doc) -> list[tuple[object, ...]]:
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    assert [entities(d) for d in lean] == [entities(d) for d in ner_only]
    parsed_tokens = 0
    for article, doc in zip(articles, lean, strict=True):
        sents = split_sentences(article.text, article.id)
        runs = subject_sentences(article.text, sents)
        parsed = {t.i for t in doc if t.dep_}
        # each run is parsed with a sentence of context on either side
        inside = {
            t.i
            for s, e in runs
            for t in doc.char_span(
                max((x.start for x in sents if x.end <= s), default=s),
                min((x.end for x in sents if x.start >= e), default=e),
                alignment_mode="expand",
            )
        }
        assert parsed <= inside
        parsed_tokens += len(parsed)
    assert 0 < parsed_tokens < 0.8 * sum(len(d) for d in lean)
    sentences = {a.id: split_sentences(a.text, a.id) for a in articles}
    reference = list(full.pipe(a.text for a in articles))
    for i in range(0, len(articles), len(seeds)):
        group = articles[i : i + len(seeds)]
        got = extract_facts(group, sentences, docs=lean[i : i + len(seeds)])
        want = extract_facts(group, sentences, docs=reference[i : i + len(seeds)])
        assert got.quotes == want.quotes and any(q.speaker for q in got.quotes)


def test_names_only_a_left_out_article_mentions_are_not_the_storys() -> None:
    """Dev stream (microbes identified in space): an exam-coaching site's page, left out as
    another event, gave the story's Who and Organizations "Downloads Economics Editorials",
    "HINDI", "CSAT". Its quotes stay listed (marked by the views); its names go."""
    from newsdigest.model import Article

    story = Article(
        id="a",
        text="Astronaut Peggy Whitson identified microbes aboard the International Space "
        "Station, NASA said on Monday. Whitson used a small sequencer.",
    )
    other = Article(
        id="b",
        text='Editor Rahul Mehta of Insights Academy said: "Our courses start in June." '
        "Insights Academy teaches in Delhi.",
    )
    facts = extract_facts([story, other], {}, outliers={"b"})
    names = {e.name for e in facts.entities}
    assert any("Peggy Whitson" in n for n in names) and "NASA" in names
    assert not any("Mehta" in n or "Insights" in n or "Delhi" in n for n in names)
    assert any("courses start" in q.text for q in facts.quotes)
    # a name both mention is counted in the story's own article only
    both = extract_facts(
        [story, replace(other, text=other.text + " NASA said so.")], {}, outliers={"b"}
    )
    (nasa,) = [e for e in both.entities if e.name == "NASA"]
    assert nasa.articles == ("a",)


def test_a_word_of_the_sentence_after_a_name_is_not_part_of_it() -> None:
    """NeuS: "George Floyd last Memorial Day" gave the organization "George Floyd last";
    Multi-News "University of Wisconsin at", dev "Iceland in"."""
    from newsdigest.facts.ner import _trim

    for text, name in (
        ("the death of George Floyd last Memorial Day", "George Floyd"),
        ("a student at the University of Wisconsin at Madison", "University of Wisconsin"),
        ("Grateful Dead Q&A: Bob Weir & Trey Anastasio on How", "Bob Weir"),
    ):
        start = text.index(name)
        end = text.index(" ", start + len(name) + 1)
        s, e = _trim(text, start, end)
        assert text[s:e] == name


def test_a_kin_word_or_an_age_shows_a_person() -> None:
    """Multi-News: "daughter Heaven Sutton" was the place Sutton, and "said Rosannah, 24," an
    organization: a person's kin word before the name, or age after it, is what no place or
    organization takes."""
    texts = (
        "Late Wednesday night, Banks' 7-year-old daughter Heaven Sutton was sitting next to "
        "Banks as she sold snacks and snow cones when someone opened fire down the street.",
        "That's how old Heaven Sutton was when she died Wednesday night of a gunshot to the back.",
        "\"It's not really a pushing environment,'' said Rosannah, 24, of growing up Harding. "
        '"It\'s finding your own inspiration, finding your passion."\n\nRosannah, a registered '
        "architect in New York City, became the youngest member of the American Institute of "
        "Architects.",
    )
    articles = [Article(id=str(k), text=t) for k, t in enumerate(texts)]
    types = {e.name: e.type for e in extract_facts(articles, {}).entities}
    assert types.get("Heaven Sutton") == "PERSON"
    assert types.get("Rosannah") == "PERSON"
    assert "Sutton" not in types


def test_a_storys_facts_do_not_depend_on_what_was_read_before(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """A story refreshed as it grows (as the stories' refresh does) has the facts of the same
    articles read afresh: the texts' quotes, date matches and word starts kept between reads
    (``quotes._quote_spans``, ``when_where._date_matches``, ``canonical.word_starts``), and the
    names' words, the people's comparisons and the tagger's readings kept (``_name_tokens``,
    ``_same_person_of``, ``readability._tags_of``) change nothing. Dev stream event 70 (North Korea's missiles over Japan), three articles, then five."""
    from newsdigest.clean import clean_article
    from newsdigest.facts.canonical import _name_tokens, _same_person_of, word_starts
    from newsdigest.facts.quotes import _quote_spans
    from newsdigest.facts.when_where import _date_matches, _relative_matches
    from newsdigest.model import article_id
    from newsdigest.readability import _tags_of

    rows = [r for r in dev_stream_rows if r["label"] == "70"][:5]
    articles = [clean_article(Article(id=article_id(r["text"]), text=r["text"])) for r in rows]
    assert len(articles) == 5
    caches = (
        word_starts,
        _quote_spans,
        _date_matches,
        _relative_matches,
        _name_tokens,
        _same_person_of,
        _tags_of,
    )
    for cache in caches:
        cache.cache_clear()
    extract_facts(articles[:3], {})
    again = extract_facts(articles, {})
    assert word_starts.cache_info().hits > 0 and _quote_spans.cache_info().hits > 0
    assert _same_person_of.cache_info().hits > 0 and _name_tokens.cache_info().hits > 0
    for cache in caches:
        cache.cache_clear()
    fresh = extract_facts(articles, {})
    assert again == fresh
    assert fresh.quotes and len(fresh.entities) > 5


def test_every_token_of_a_parse_can_walk_its_tree(dev_stream_rows) -> None:
    """Every token of the Docs ``parse_articles`` returns reads its children, lefts, rights,
    subtree and edges, parsed or not. A text with no sentence quote attribution reads (the
    dev stream's first article) got no parse, and the tokens the tokenizer took from its
    special cases ("—", "It's") kept the special case's edges: ``Token.rights`` of its "—"
    walked off the array and the process died (a segmentation fault, hence the subprocess)."""
    import os
    import subprocess
    import sys

    from newsdigest.facts.ner import DEFAULT_MODEL, load_nlp
    from newsdigest.facts.quotes import subject_sentences

    rows = dev_stream_rows[:2]
    # the first has no sentence to parse, the second has some
    runs = [subject_sentences(r["text"], split_sentences(r["text"], r["id"])) for r in rows]
    assert not runs[0] and runs[1]
    code = (
        "import json, sys\n"
        "from newsdigest.model import Article\n"
        "from newsdigest.facts.ner import parse_articles\n"
        "rows = json.load(sys.stdin)\n"
        "docs = parse_articles([Article(id=r['id'], text=r['text']) for r in rows])\n"
        "for doc in docs:\n"
        "    for t in doc:\n"
        "        kids = list(t.children)\n"
        "        assert kids == list(t.lefts) + list(t.rights)\n"
        "        assert all(k.head.i == t.i for k in kids)\n"
        "        assert t in list(t.subtree)\n"
        "        assert t.left_edge.i <= t.i <= t.right_edge.i\n"
        "print(sum(map(len, docs)))\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "NEWSDIGEST_WORKERS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(rows),
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    nlp = load_nlp(DEFAULT_MODEL)
    assert int(done.stdout) == sum(len(nlp.make_doc(r["text"])) for r in rows)


def test_spacy_is_imported_without_its_command_line(seed_dir: Path, tmp_path: Path) -> None:
    """``import spacy`` loads spaCy's command line (typer, weasel, requests, httpx, rich) for
    its one name ``spacy.info``: 0.4-1.0 s of every process that parses (each CLI ``stories``
    run, the API's first story). Stories built with facts from the seeds import none of it;
    ``spacy.info`` still answers, and ``spacy.cli`` imports whole when asked for."""
    import subprocess
    import sys

    db = str(tmp_path / "n.db")
    code = (
        "import sys; from newsdigest.store import open_store; "
        "from newsdigest.stories import build_stories, ingest; "
        f"store = open_store({db!r}); ingest([{str(seed_dir)!r}], store); "
        "stories = build_stories(store); "
        "assert stories and any(s.facts.entities for s in stories); "
        "late = sorted(m for m in ('spacy.cli', 'weasel', 'httpx', 'requests', 'rich') "
        "if m in sys.modules); assert not late, late; "
        "import spacy; assert spacy.info(silent=True)['spacy_version'] == spacy.__version__; "
        "import spacy.cli; from spacy.cli import info; assert spacy.cli.info is info; "
        "assert spacy.cli.__file__ and 'weasel' in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
