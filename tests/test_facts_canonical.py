"""One name per entity across transliterations, short forms and the model's mislabels."""

from __future__ import annotations

import random
from dataclasses import replace
from difflib import SequenceMatcher
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.event_model import entity_key
from newsdigest.facts.canonical import build_entities, similar, translit_key
from newsdigest.facts.ner import RawMention, title_before
from newsdigest.facts.roles import RoleIndex, resolve_role
from newsdigest.model import Article, Entity


def test_transliterations_share_a_key() -> None:
    assert translit_key("Sergey") == translit_key("Sergei")
    assert translit_key("Muller") == translit_key("Mueller") == translit_key("Müller")
    assert translit_key("Yury") == translit_key("Yuri")
    assert similar("Lavrov", "Lavrov") and not similar("Lavrov", "Pompeo")
    assert not similar("Putin", "Pompeo") and not similar("Lavrov", "Ryabkov")


@given(st.text("aeiklnorstuvy", min_size=1, max_size=9), st.text("aeiklnorstuvy", max_size=9))
def test_similar_is_the_ratio_rule_whatever_the_shortcuts(a: str, b: str) -> None:
    """``similar`` skips the full ratio when a quick upper bound already fails: the answer is
    the plain rule's (same key, else both keys 4+ letters and ratio >= 0.84) for any names."""
    ka, kb = translit_key(a), translit_key(b)
    close = min(len(ka), len(kb)) >= 4 and SequenceMatcher(None, ka, kb).ratio() >= 0.84
    assert similar(a, b) == (ka == kb or close)


TEXT = (
    "Russian Foreign Minister Sergey Lavrov met Mike Pompeo. Lavrov said the inquiry of "
    "Mr. Muller was exotic. Sergei Lavrov and Pompeo spoke of Robert Mueller. Pompeo left."
)


def mention(text: str, surface: str, label: str, nth: int = 0, cue: bool = False) -> RawMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return RawMention("a", start, start + len(surface), surface, label, cue)


def model_mentions(text: str, spans: list[tuple[str, str]]) -> list[RawMention]:
    """``raw_mentions`` of an article holding ``text`` whose entities the model gave as
    ``spans`` (the surface, at its first occurrence, and spaCy's label)."""
    from newsdigest.facts.ner import load_nlp, raw_mentions

    doc = load_nlp().make_doc(text)
    doc.ents = [
        doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in spans
    ]
    return raw_mentions(Article(id="a", text=text), doc)


def model_mentions_at(text: str, spans: list[tuple[str, str, int]]) -> list[RawMention]:
    """``model_mentions`` of entities given as (surface, label, which occurrence)."""
    from newsdigest.facts.ner import load_nlp, raw_mentions

    doc = load_nlp().make_doc(text)
    starts = [mention(text, surface, label, nth).start for surface, label, nth in spans]
    doc.ents = [
        doc.char_span(start, start + len(surface), label=label)
        for start, (surface, label, _) in zip(starts, spans, strict=True)
    ]
    return raw_mentions(Article(id="a", text=text), doc)


def entities_of(raw: list[RawMention], text: str) -> list[Entity]:
    """The entities of one article ``a`` holding ``text``."""
    return build_entities(raw, [Article(id="a", text=text)])


def test_surnames_join_their_full_name_whatever_the_model_labelled_them() -> None:
    raw = [
        mention(TEXT, "Sergey Lavrov", "PERSON"),
        mention(TEXT, "Mike Pompeo", "PERSON"),
        mention(TEXT, "Lavrov", "ORG", 1, cue=True),  # the model's usual mislabel
        mention(TEXT, "Muller", "PERSON", cue=True),
        mention(TEXT, "Sergei Lavrov", "PERSON"),
        mention(TEXT, "Pompeo", "PLACE", 1),
        mention(TEXT, "Robert Mueller", "PERSON"),
    ]
    entities = {e.name: e for e in entities_of(raw, TEXT)}
    assert set(entities) == {"Sergey Lavrov", "Mike Pompeo", "Robert Mueller"}
    assert set(entities["Sergey Lavrov"].aliases) == {"Lavrov", "Sergei Lavrov"}
    assert entities["Robert Mueller"].aliases == ("Muller",)
    assert all(e.type == "PERSON" for e in entities.values())
    # the last "Pompeo" was missed by the model and is found by its name
    assert len(entities["Mike Pompeo"].mentions) == 3


def test_countries_fold_their_spellings() -> None:
    text = "The US and the U.S. are the United States."
    raw = [
        mention(text, "US", "PLACE"),
        mention(text, "U.S.", "PLACE"),
        mention(text, "United States", "PLACE"),
    ]
    (entity,) = entities_of(raw, text)
    assert entity.name == "United States" and entity.type == "PLACE"


def test_an_abbreviation_that_is_a_word_is_a_country_only_in_capitals() -> None:
    """A Multi-News validation text: "..., a source tells Us." is Us Weekly, not the US."""
    text = "The couple are expecting, a source tells Us. She told us. Us Weekly reported it."
    raw = [mention(text, "Us", "PLACE"), mention(text, "Us Weekly", "ORG")]
    assert [e.name for e in entities_of(raw, text)] == ["Us Weekly"]
    text = "The US and the UK reacted."
    raw = [mention(text, "US", "PLACE"), mention(text, "UK", "PLACE")]
    assert sorted(e.name for e in entities_of(raw, text)) == ["United Kingdom", "United States"]
    assert entity_key("Us", "GPE") == "us"
    assert entity_key("US", "GPE") == entity_key("U.S.", "GPE") == "united states"


def test_titles_and_role_descriptions() -> None:
    text = "The Russian presidential aide, Yury Ushakov spoke. Director of the Institute of Political Studies Sergei Markov"
    assert title_before(text, text.index("Yury"))[1] == "Russian presidential aide"
    assert (
        title_before(text, text.index("Sergei"))[1]
        == "Director of the Institute of Political Studies"
    )
    index = RoleIndex()
    index.titles["Sergey Lavrov"] = ["Russian Foreign Minister"]
    index.titles["Mike Pompeo"] = ["U.S. Secretary of State"]
    index.titles["Sergei Markov"] = ["Director of the Institute of Political Studies"]
    for name in index.titles:
        index.articles[name].add("a")
    assert resolve_role("the Russian top diplomat", "a", index) == "Sergey Lavrov"
    assert resolve_role("the US top diplomat", "a", index) == "Mike Pompeo"
    assert resolve_role("the Russian foreign minister", "a", index) == "Sergey Lavrov"
    assert (
        resolve_role("the Director of the Institute of Political Studies", "a", index)
        == "Sergei Markov"
    )
    assert resolve_role("the top diplomat", "a", index) is None  # two fit: do not guess
    assert resolve_role("the mayor", "a", index) is None


def test_a_city_the_model_mostly_calls_a_place_is_not_a_person() -> None:
    # the Nice story of the dev stream: "Nice" 57 times a place, 10 an organization, and twice
    # next to "said" ("in Nice said ...") counted as a person cue; a person is still a person
    text = " ".join(["Nice is calm."] * 12 + ["Christian Estrosi said the mayor of Nice spoke."])
    raw = [mention(text, "Nice", "PLACE", k) for k in range(9)]
    raw += [mention(text, "Nice", "ORG", 9), mention(text, "Nice", "PLACE", 10, cue=True)]
    raw += [mention(text, "Christian Estrosi", "PERSON"), mention(text, "Nice", "ORG", 12)]
    entities = {e.name: e for e in entities_of(raw, text)}
    assert entities["Nice"].type == "PLACE"
    assert entities["Christian Estrosi"].type == "PERSON"


def test_names_that_cannot_be_people_are_not_people() -> None:
    # the small model's person labels in the dev stream that no name can carry; every flip
    # across the stream (9 groups) was checked by reading
    text = (
        "Telegram left the App Store. Saturn V moon rockets flew. Kim Jong-un spoke. "
        "Abdel-Fattah el-Sissi met Robert Bridge. St George's Hospital treated him. "
        "Obama wiretapped Trump Tower."
    )
    raw = [
        mention(text, "Trump Tower", "PERSON"),
        mention(text, "App Store", "PERSON"),
        mention(text, "Saturn V moon", "PERSON"),
        mention(text, "Kim Jong-un", "PERSON"),
        mention(text, "Abdel-Fattah el-Sissi", "PERSON"),
        mention(text, "Robert Bridge", "PERSON"),
        mention(text, "St George's Hospital", "PERSON"),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert {n for n, t in types.items() if t == "PERSON"} == {
        "Kim Jong-un", "Abdel-Fattah el-Sissi", "Robert Bridge"
    }  # fmt: skip
    assert types["App Store"] == types["St George's Hospital"] == "ORG"
    assert types["Trump Tower"] != "PERSON"  # NeuS train 1019's Who list


def test_a_bureau_is_a_body_and_one_with_its_country_the_same_body() -> None:
    """NeuS val 140 (the 2020 census): "Who: Census Bureau (1); US Census Bureau (1)": the
    model labelled both ORG, the speech verbs after them made them people, and the articles
    wrote the body with and without its country. A bureau is an organization, and a
    country's body with and without the country is one."""
    from newsdigest.facts.ner import DEFAULT_MODEL, parse_articles, raw_mentions

    texts = [
        "Census Shows South and Mountain West Gain Political Power From Population Growth.\n"
        "Political power in the U.S. will shift further to states in the South and Mountain "
        "West—with Texas picking up two House seats and California losing one—as the "
        "country’s overall population growth slowed to the lowest rate since the Great "
        "Depression, the Census Bureau said Monday.",
        "Census Bureau announces 331 million people in US, Texas will add two congressional "
        "seats.\nThe US Census Bureau announced Monday that the total population of the "
        "United States has topped 331 million people, marking the country's second slowest "
        "population growth rate in US history.",
    ]
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    docs = parse_articles(articles, DEFAULT_MODEL)
    raw = [m for a, doc in zip(articles, docs, strict=True) for m in raw_mentions(a, doc)]
    bureau = [e for e in build_entities(raw, articles) if "Census Bureau" in e.name]
    assert [(e.type, len(e.mentions)) for e in bureau] == [("ORG", 3)]


def test_a_country_before_a_body_is_dropped_from_its_key_only() -> None:
    """ "U.S. Justice Department" and "Justice Department" are one body; "US Army" and
    "Army" (a word alone), and a two-word name, keep their country."""
    from newsdigest.facts.canonical import _place_or_org_key

    key = _place_or_org_key
    assert key("U.S. Justice Department") == key("Justice Department")
    assert key("US Census Bureau") == key("Census Bureau")
    assert key("US Army") != key("Army")


def test_a_full_name_before_the_noun_it_qualifies_is_no_group() -> None:
    """NeuS train 1621: "the Jeffrey Epstein story", "the Jeffrey Epstein sex scandal": the
    "the" is the story's, and Epstein was listed among the organizations (the model labelled
    him a place twice, a person twice); NeuS val 195: "the Clinton campaign" twice made
    Hillary Clinton an organization. "the Marlins said" stays a group."""
    text = (
        "ABC News anchor Amy Robach slammed her network for sitting on the Jeffrey Epstein "
        "story three years ago. She said the network quashed her coverage of the Jeffrey "
        "Epstein sex scandal. Virginia Roberts Giuffre alleges Epstein used her. ABC handled "
        "an interview with a Jeffrey Epstein accuser. The Marlins said no. The Marlins won, "
        "and Marlins fans cheered. Hillary Clinton said yes. Lester Holt bows to the Clinton "
        "campaign. This is what the Clinton campaign wanted."
    )
    raw = [
        mention(text, "Amy Robach", "PERSON"),
        mention(text, "Jeffrey Epstein", "PLACE"),
        mention(text, "Jeffrey Epstein", "PLACE", 1),
        mention(text, "Virginia Roberts Giuffre", "PERSON", cue=True),
        mention(text, "Epstein", "PERSON", 3),
        mention(text, "Jeffrey Epstein", "PERSON", 2),
        mention(text, "Marlins", "PERSON", cue=True),
        mention(text, "Marlins", "PERSON", 1),
        mention(text, "Marlins", "PERSON", 2),
        mention(text, "Hillary Clinton", "PERSON", cue=True),
        mention(text, "Lester Holt", "PERSON", cue=True),
        mention(text, "Clinton", "PERSON", 1),
        mention(text, "Clinton", "PERSON", 2),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types["Jeffrey Epstein"] == types["Hillary Clinton"] == "PERSON"
    assert types["Marlins"] == "ORG"


def test_a_name_a_cut_off_text_ends_in_is_no_name() -> None:
    """NeuS train 1649: a lead cut off in mid-word, "... emerges as the favorite in the
    long-running competition to lead the State Departm", listed "State Departm" among the
    places. A cut-off text's last word written elsewhere in it is whole ("... the National
    Association of Egg Farmers, Klippen"), and a short last line is a line, not cut prose."""
    from newsdigest.facts.ner import DEFAULT_MODEL, load_nlp, parse_articles, raw_mentions

    lead = Article(
        id="a",
        text="President-elect Donald Trump is zeroing in on ExxonMobil CEO Rex Tillerson as "
        "his secretary of State nominee. Tillerson had his second interview with the "
        "president-elect Saturday at Trump Tower and has emerged as the favorite in the "
        "long-running competition to lead the State Departm",
    )
    found = raw_mentions(lead, parse_articles([lead], DEFAULT_MODEL)[0])
    assert "Rex Tillerson" in {m.text for m in found}
    assert not [m for m in found if "Departm" in m.text]
    bush = Article(  # NeuS train 1694: "George W. (1)" under Who
        id="b",
        text="The caravan of migrants includes a man who was deported after killing two police "
        "officers and was readmitted to the U.S. during the presidency of President George W.",
    )
    found = raw_mentions(bush, parse_articles([bush], DEFAULT_MODEL)[0])
    assert not [m for m in found if m.text.startswith("George")]
    klippen = (
        "Ken Klippen is trying to save egg farmers in the Midwest from a ballot measure in "
        "California. As the president of the National Association of Egg Farmers, Klippen"
    )

    doc = load_nlp().make_doc(klippen)
    last = klippen.rindex("Klippen")
    doc.ents = [doc.char_span(0, 11, label="PERSON"), doc.char_span(last, last + 7, "PERSON")]
    found = raw_mentions(Article(id="a", text=klippen), doc)
    assert [m.text for m in found] == ["Ken Klippen", "Klippen"]
    line = "Pompeo met Sergey Lavrov"
    assert [m.text for m in model_mentions(line, [("Sergey Lavrov", "PERSON")])] == [
        "Sergey Lavrov"
    ]


def test_a_headline_or_a_possessive_is_no_name() -> None:
    """NeuS train 1668 and 1673 listed the headlines "Supreme Court Is Hearing a New Case on
    Abortion" and "Early Data Shows" among the organizations; 1681 "Donald Trump’s America"
    and NeuS val 170 "Trump’s Path" among the people, 1694 "George W." (of "George W. Bush",
    cut by the model; the German press's "Hussein K." is whole). A company with a possessive stays
    ("St George's Hospital"), and so does a person named in a headline. A cut name a speech
    verb goes with is completed rather than dropped ("George W. Bush spoke":
    ``_names_completed``); one without stays dropped ("George H." of "George H. Walker")."""
    text = (
        "Supreme Court Is Hearing a New Case on Abortion. Early Data Shows promise. "
        "Protesters marched for Donald Trump’s America. St George's Hospital treated him. "
        "Kathaleen Pittman said the clinic would stay open. George Will wrote of the "
        "Consumer Electronics Show. George W. Bush spoke. Police held Hussein K. on Monday. "
        "The speech of George H. Walker was short."
    )
    raw = [
        mention(text, "Supreme Court Is Hearing a New Case on Abortion", "ORG"),
        mention(text, "Early Data Shows", "ORG"),
        mention(text, "Donald Trump’s America", "PERSON"),
        mention(text, "St George's Hospital", "ORG"),
        mention(text, "Kathaleen Pittman", "PERSON", cue=True),
        mention(text, "George Will", "PERSON", cue=True),
        mention(text, "Consumer Electronics Show", "ORG"),
        mention(text, "George W.", "PERSON", cue=True),
        mention(text, "Hussein K.", "PERSON"),
        mention(text, "George H.", "PERSON"),
    ]
    assert sorted(e.name for e in entities_of(raw, text)) == [
        "Consumer Electronics Show", "George W. Bush", "George Will", "Hussein K.",
        "Kathaleen Pittman", "St George's Hospital",
    ]  # fmt: skip


def test_the_end_of_one_organizations_name_is_that_organization() -> None:
    """NeuS train 1663: "Who: Monetary Fund (1)" beside "International Monetary Fund"; NeuS
    val 160 listed the "Donald J. Trump Foundation" as where it happened and "Trump
    Foundation" among the organizations. The end of two names ("Intelligence Committee") and
    a name with a possessive ("Biden’s Justice Department") own nothing."""
    text = (
        "The International Monetary Fund cut its forecast. The Monetary Fund said growth "
        "slowed. The Senate Intelligence Committee and the House Intelligence Committee met; "
        "the Intelligence Committee chairman spoke. Biden’s Justice Department sued, and the "
        "Justice Department said so."
    )
    raw = [
        mention(text, "International Monetary Fund", "ORG"),
        mention(text, "Monetary Fund", "PERSON", 1, cue=True),
        mention(text, "Senate Intelligence Committee", "ORG"),
        mention(text, "House Intelligence Committee", "ORG"),
        mention(text, "Intelligence Committee", "ORG", 2),
        mention(text, "Biden’s Justice Department", "ORG"),
        mention(text, "Justice Department", "ORG", 1),
    ]
    entities = {e.name: e for e in entities_of(raw, text)}
    assert len(entities["International Monetary Fund"].mentions) == 2
    assert not [n for n in entities if n.startswith("Monetary")]
    assert "Intelligence Committee" in entities and "Justice Department" in entities


def test_a_name_only_before_its_followers_is_no_organization() -> None:
    """NeuS train 1606 and 1612 listed "Trump" among the organizations, from "few Trump
    supporters" and "a raging pair of Trump supporters" (the model's ORG). A body also named
    otherwise stays ("Hamas supporters" and "Hamas said"); so does an acronym."""
    text = (
        "Few Trump supporters came. Hamas supporters marched, and Hamas said it would respond. "
        "NRA supporters cheered."
    )
    raw = [
        mention(text, "Trump", "ORG"),
        mention(text, "Hamas", "ORG"),
        mention(text, "Hamas", "ORG", 1),
        mention(text, "NRA", "ORG"),
    ]
    assert sorted(e.name for e in entities_of(raw, text)) == ["Hamas", "NRA"]


def test_a_name_before_its_ally_or_a_connection_is_no_organization() -> None:
    """NeuS train 1614 ("two parody accounts that mocked the Trump ally") and 2254 ("as
    Trump-connected company gets the boot") listed "Trump" among the organizations."""
    for text in ("They mocked the Trump ally.", "A Trump-connected company gets the boot."):
        assert entities_of([mention(text, "Trump", "ORG")], text) == []
    text = "Taliban-linked militants attacked."
    assert [e.name for e in entities_of([mention(text, "Taliban", "ORG")], text)] == ["Taliban"]


def test_a_day_after_a_titled_name_and_a_quarter_are_no_names() -> None:
    """NeuS train 1798 listed "Trump Thursday (1)" beside Donald Trump ("fired back at
    President Trump Thursday"), 1803 "happened in" Q4 ("Economy grew 2.6% in Q4"). "Ruby
    Tuesday", with no title before it, keeps its day."""
    from newsdigest.facts.ner import load_nlp, raw_mentions

    text = (
        "Jeff Sessions fired back at President Trump Thursday. The economy grew 2.6% in Q4. "
        "Diners at Ruby Tuesday ate."
    )
    doc = load_nlp().make_doc(text)
    spans = [("Trump Thursday", "PERSON"), ("Q4", "GPE"), ("Ruby Tuesday", "PERSON")]
    doc.ents = [
        doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in spans
    ]
    found = [m.text for m in raw_mentions(Article(id="a", text=text), doc)]
    assert found == ["Trump", "Ruby Tuesday"]


def test_a_one_word_body_that_speaks_is_no_person() -> None:
    """NeuS train 1781 and 1829 listed "Treasury (1)" and "Capitol (1)" under Who: a speech
    verb after a body made it a person. "Greg House" stays a person."""
    text = "The Treasury said it would act. Greg House said no. Capitol agreed."
    raw = [
        mention(text, "Treasury", "PERSON", cue=True),
        mention(text, "Greg House", "PERSON", cue=True),
        mention(text, "Capitol", "PERSON", cue=True),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {"Treasury": "ORG", "Greg House": "PERSON", "Capitol": "ORG"}


def test_one_name_one_entity_and_a_contested_name_is_not_a_person() -> None:
    # dev stream: "Berlin's Brandenburg Gate" a person 4 times, a place 9 times, listed among
    # both; a ballplayer the model also called an organization, referred to by his surname
    text = (
        "Crowds met at Berlin's Brandenburg Gate. Police guarded the Brandenburg Gate. "
        "Javier Baez homered. Javier Baez waved. Baez smiled. The Pixel 2 shipped."
    )
    raw = [
        mention(text, "Brandenburg Gate", "PERSON"),
        mention(text, "Brandenburg Gate", "PLACE", 1),
        mention(text, "Javier Baez", "PERSON"),
        mention(text, "Javier Baez", "ORG", 1),
        mention(text, "Baez", "PERSON", 2),
        mention(text, "Pixel 2", "PERSON"),
    ]
    entities = entities_of(raw, text)
    assert sorted((e.name, e.type) for e in entities) == [
        ("Brandenburg Gate", "PLACE"),
        ("Javier Baez", "PERSON"),
        ("Pixel 2", "ORG"),
    ]
    gate = next(e for e in entities if e.name == "Brandenburg Gate")
    assert len(gate.mentions) == 2


def test_a_surname_alone_counts_only_for_a_known_person() -> None:
    # dev stream: a caption "Overjoyed Cubs fans celebrate ...", labelled a person once, took
    # every "Cubs" of the World Series story (166); a person named twice keeps their surname
    text = (
        "Overjoyed Cubs fans celebrate. The Cubs won. The Cubs partied. "
        "Joe Maddon smiled. Joe Maddon waved. Maddon wept."
    )
    raw = [
        mention(text, "Overjoyed Cubs", "PERSON"),
        mention(text, "Joe Maddon", "PERSON"),
        mention(text, "Joe Maddon", "PERSON", 1),
    ]
    counts = {e.name: len(e.mentions) for e in entities_of(raw, text)}
    assert counts == {"Overjoyed Cubs": 1, "Joe Maddon": 3}


def test_a_surname_two_people_share_is_no_ones_unless_one_is_named_most() -> None:
    # NeuS (train 1013): "first lady Melania Trump" and "their teenage son Barron Trump", once
    # each, and every "President Trump" of the story had become Barron Trump, the speaker of
    # the President's quotes
    text = (
        "President Trump spoke. \u201cShe\u2019s got a son,\u201d Trump said, referencing first "
        "lady Melania Trump and their teenage son Barron Trump. Trump left."
    )
    raw = [
        mention(text, "Trump", "PERSON", cue=True),
        mention(text, "Melania Trump", "PERSON"),
        mention(text, "Barron Trump", "PERSON", cue=True),
    ]
    counts = {e.name: len(e.mentions) for e in entities_of(raw, text)}
    assert counts == {"Melania Trump": 1, "Barron Trump": 1}
    # a person named again keeps the surname beside a relative named once (Multi-News)
    text = "Will Smith died. Will Smith played. His wife Racquel Smith spoke. Smith was 34."
    raw = [mention(text, "Will Smith", "PERSON", k) for k in range(2)]
    raw.append(mention(text, "Racquel Smith", "PERSON"))
    counts = {e.name: len(e.mentions) for e in entities_of(raw, text)}
    assert counts == {"Will Smith": 3, "Racquel Smith": 1}
    # the first named, with a title, before the surname alone: the President, not the
    # daughter named after him (whose name, nearest before "Trump said", took his quotes)
    text = (
        "President Donald Trump defended his trade policy at an event attended by his "
        "daughter Ivanka Trump. \u201cWe are winning,\u201d Trump said. Trump left."
    )
    raw = [
        mention(text, "Donald Trump", "PERSON", cue=True),
        mention(text, "Ivanka Trump", "PERSON", cue=True),
    ]
    counts = {e.name: len(e.mentions) for e in entities_of(raw, text)}
    assert counts == {"Donald Trump": 3, "Ivanka Trump": 1}


def test_a_word_capitalized_by_its_place_does_not_name_the_entity() -> None:
    # dev stream (Cincinnati Zoo): "Tranquilizing Harambe would have taken too long" made
    # the gorilla "Tranquilizing Harambe", 35 times, though the story says "tranquilizing"
    text = (
        "Tranquilizing Harambe would have taken too long. Harambe was 17. "
        "Experts said tranquilizing him was risky. Harambe died."
    )
    raw = [
        mention(text, "Tranquilizing Harambe", "PERSON"),
        mention(text, "Harambe", "PERSON", 1),
        mention(text, "Harambe", "PERSON", 2),
    ]
    names = [e.name for e in entities_of(raw, text)]
    assert names == ["Harambe"]


def test_an_abbreviation_is_no_surname_and_a_surname_is_capitalized() -> None:
    # dev stream, North Korean launches: "U.N." was taken for Kim Jong Un's surname "Un" (and
    # two "United Nations" were listed), "launch" for the surname of "Kwangmyongsong-4 launch"
    text = (
        "Kim Jong Un ordered it. Kim Jong Un watched. The U.N. condemned it, as did the "
        "United Nations Security Council and the UN. The Kwangmyongsong-4 launch was a success, "
        "said Kim Jong Un. Kwangmyongsong-4 launch data followed. The launch came early; another "
        "launch may follow."
    )
    raw = [
        mention(text, "Kim Jong Un", "PERSON"),
        mention(text, "Kim Jong Un", "PERSON", 1),
        mention(text, "U.N.", "ORG"),
        mention(text, "United Nations", "ORG"),
        mention(text, "UN", "ORG"),
        mention(text, "Kwangmyongsong-4 launch", "PERSON", cue=True),
        mention(text, "Kwangmyongsong-4 launch", "PERSON", 1),
    ]
    entities = {e.name: e for e in entities_of(raw, text)}
    assert len(entities["Kim Jong Un"].mentions) == 3  # the third found by its name
    assert len(entities["United Nations"].mentions) == 3
    assert len(entities["Kwangmyongsong-4 launch"].mentions) == 2


def test_a_company_or_police_that_speaks_is_not_a_person() -> None:
    # dev stream: "Galaxy S9" (32 mentions), "British Transport Police", "Goldman Sachs Group
    # Inc." were people because they "said" something; the actor David Harbour stays one
    text = (
        "The Galaxy S9 said little. British Transport Police said the tram crashed. Goldman "
        "Sachs Group Inc. said profits fell. David Harbour said he was thrilled."
    )
    raw = [
        mention(text, "Galaxy S9", "PERSON", cue=True),
        mention(text, "British Transport Police", "PERSON", cue=True),
        mention(text, "Goldman Sachs Group Inc.", "PERSON", cue=True),
        mention(text, "David Harbour", "PERSON", cue=True),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {
        "Galaxy S9": "ORG",
        "British Transport Police": "ORG",
        "Goldman Sachs Group Inc.": "ORG",
        "David Harbour": "PERSON",
    }


def test_a_name_written_twice_in_a_row_is_not_its_name() -> None:
    # dev stream, the Super Bowl halftime show: a caption's byline glued to its text
    text = "Justin Timberlake Justin Timberlake performed. Justin Timberlake said he was happy."
    raw = [
        mention(text, "Justin Timberlake Justin Timberlake", "PERSON"),
        mention(text, "Justin Timberlake", "PERSON", 2),
    ]
    (entity,) = entities_of(raw, text)
    assert entity.name == "Justin Timberlake"


def test_a_contested_name_that_only_speaks_is_not_a_person() -> None:
    # dev stream, Broadcom's bid: "Qualcomm Inc." labelled a person and an organization, and it
    # "said" things; a title would make such a name a person, a speech verb does not
    text = "Boko Haram said no. Fighters of Boko Haram met. Boko Haram released 21 girls."
    raw = [
        mention(text, "Boko Haram", "PERSON", cue=True),
        mention(text, "Boko Haram", "ORG", 1),
        mention(text, "Boko Haram", "PERSON", 2),
    ]
    (entity,) = entities_of(raw, text)
    assert entity.type == "ORG"
    titled = [replace(m, title_cue=True) if k == 0 else m for k, m in enumerate(raw)]
    (entity,) = entities_of(titled, text)
    assert entity.type == "PERSON"


def test_a_legal_suffix_alone_is_no_organization() -> None:
    # Multi-News: "... published by Wiley Periodicals, Inc." gave "Inc." as an organization
    text = "The study was published by Wiley Periodicals, Inc. in 2012."
    raw = [mention(text, "Wiley Periodicals", "ORG"), mention(text, "Inc.", "ORG")]
    names = [e.name for e in entities_of(raw, text)]
    assert names == ["Wiley Periodicals"]


def test_a_full_name_written_twice_makes_the_surname_theirs() -> None:
    # Multi-News, the climbers found on Shishapangma: the model labelled "Ueli Steck" once, so
    # "Steck said" (eight times) counted for no one and his quotes had no speaker
    text = (
        "Mountaineer Ueli Steck said he saw the bodies. Ueli Steck of Switzerland was there. "
        "Steck said they were apart. Steck told Reuters more."
    )
    raw = [mention(text, "Ueli Steck", "PERSON", 1)]
    (entity,) = entities_of(raw, text)
    assert len(entity.mentions) == 4
    once = "Ueli Steck was there. Steck said they were apart."
    (entity,) = entities_of([mention(once, "Ueli Steck", "PERSON")], once)
    assert len(entity.mentions) == 1  # named once, labelled once: "Steck" alone stays unclaimed


def test_a_name_only_written_in_capitals_reads_as_a_name() -> None:
    # an NPR transcript's speaker label and a wire dateline; acronyms keep their capitals
    text = "DAVID GREENE, HOST: Good morning. MOSCOW - Talks began. NASA said so. KCNA agreed."
    raw = [
        mention(text, "DAVID GREENE", "PERSON"),
        mention(text, "MOSCOW", "PLACE"),
        mention(text, "NASA", "ORG"),
        mention(text, "KCNA", "ORG"),
    ]
    names = {e.name for e in entities_of(raw, text)}
    assert names == {"David Greene", "Moscow", "NASA", "KCNA"}


def test_a_company_and_its_legal_form_are_one_organization() -> None:
    # dev stream, Broadcom's bid and Goldman's tax charge: "Broadcom" and "Broadcom Ltd.",
    # "Citigroup" and "Citigroup Inc." were two entities each
    text = (
        "Broadcom Ltd. raised its bid. Broadcom said it was final. Citigroup Inc. took a charge; "
        "Citigroup said more would follow."
    )
    raw = [
        mention(text, "Broadcom Ltd.", "ORG"),
        mention(text, "Broadcom", "ORG", 1),
        mention(text, "Citigroup Inc.", "ORG"),
        mention(text, "Citigroup", "PERSON", 1, cue=True),
    ]
    entities = {e.name: e for e in entities_of(raw, text)}
    assert set(entities) == {"Broadcom Ltd.", "Citigroup Inc."}
    assert {e.type for e in entities.values()} == {"ORG"}


def test_platforms_that_say_things_are_not_people() -> None:
    # dev stream (Chrissy Teigen's flight, Telegram's removal): "Twitter" labelled a person next
    # to a speech verb was a "Who" of the story in 4 of 69 events
    text = "Teigen told Twitter she was fine. Twitter said the post broke no rule. Teigen laughed."
    raw = [
        mention(text, "Teigen", "PERSON"),
        mention(text, "Twitter", "PERSON"),
        mention(text, "Twitter", "PERSON", 1, cue=True),
        mention(text, "Teigen", "PERSON", 1),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {"Teigen": "PERSON", "Twitter": "ORG"}


def test_cities_the_model_read_as_people_are_places() -> None:
    # dev stream (the Nigerian schoolgirls, the Afghan consulate attack): "Abuja" and "Berlin"
    # labelled people were "Who" of their stories
    text = (
        "Officials in Abuja said the talks went on. Abuja confirmed it. Michael Jordan spoke. "
        "Jordan said he was glad. Mr. Paris said so. Paris agreed."
    )
    raw = [
        mention(text, "Abuja", "PERSON"),
        mention(text, "Abuja", "GPE", 1, cue=True),
        mention(text, "Michael Jordan", "PERSON"),
        mention(text, "Jordan", "PERSON", 1, cue=True),
        RawMention(
            "a", text.index("Paris"), text.index("Paris") + 5, "Paris", "PERSON", True, True
        ),
        mention(text, "Paris", "PERSON", 1, cue=True),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    # a full name among its forms, or a title, keeps a person a person
    assert types == {"Abuja": "PLACE", "Michael Jordan": "PERSON", "Paris": "PERSON"}


def test_place_names_are_the_shipped_list_folded() -> None:
    from newsdigest.facts.canonical import place_names

    names = place_names()
    assert {"berlin", "abuja", "sao paulo", "united states", "new york city"} <= names
    assert not {"pompeo", "lavrov", "the", ""} & names
    assert len(names) > 5000


def test_currencies_are_not_people_and_the_moon_is_a_place() -> None:
    # dev stream: "Bitcoin" a person 35 times (the slump), "Moon" 13 times (China's moon landing)
    text = "Bitcoin fell. Bitcoin recovered later. The Moon rose. Moon was bright."
    raw = [
        mention(text, "Bitcoin", "PERSON"),
        mention(text, "Bitcoin", "PERSON", 1),
        mention(text, "Moon", "PERSON"),
        mention(text, "Moon", "PERSON", 1),
    ]
    assert {e.name: e.type for e in entities_of(raw, text)} == {"Bitcoin": "ORG", "Moon": "PLACE"}
    # a full name among the forms keeps a person ("President Moon" is Moon Jae-in)
    text = "Moon Jae-in spoke. Moon said talks would go on."
    raw = [mention(text, "Moon Jae-in", "PERSON"), mention(text, "Moon", "PERSON", 1)]
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Moon Jae-in", "PERSON")]


def test_a_capitalized_common_word_is_no_ones_name() -> None:
    # dev stream (a PS4 update's feature list): "Settings" a person; the story writes it lower
    # case too. A speech verb or a title keeps a person ("Young said").
    text = "Settings. Open Settings; the settings are simple. Young said so. A young fan agreed."
    raw = [
        mention(text, "Settings", "PERSON"),
        mention(text, "Settings", "PERSON", 1),
        mention(text, "Young", "PERSON", cue=True),
    ]
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Young", "PERSON")]


def test_a_person_whose_surname_is_a_city_stays_a_person_when_the_model_and_a_verb_agree() -> None:
    # NeuS train_443 (Rochester's mayor, her full name missed by the model), and sports and
    # politics briefs that name people by surname: a PERSON label next to "said" is a person,
    # even when the name is also a city (Warren, Michigan; Hamilton, Ontario; Jordan)
    from newsdigest.facts import extract_facts

    texts = [
        "The police chief was fired along with other senior commanders, Mayor Lovely Warren "
        "said. Warren made the surprise announcement on Monday. “We need big structural "
        "change,” Warren told reporters at City Hall.",
        "Jordan had 14 points and 12 rebounds as the Knicks beat the Nets 110-98 on Sunday. "
        "Jordan said the team played hard. Kevin Durant added 25 points.",
        "Hamilton won the race ahead of Vettel. Hamilton said the car was perfect. Vettel said "
        "he was disappointed with the strategy.",
    ]
    for text, name in zip(texts, ["Warren", "Jordan", "Hamilton"], strict=True):
        facts = extract_facts([Article(id="a", text=text)], {})
        assert {e.name: e.type for e in facts.entities}[name] == "PERSON", name


def test_photo_credits_are_not_people_or_organizations() -> None:
    # dev stream: "David Becker/Getty Images", "Jae C. Hong/AP" in Who, "AFP/File" and a
    # gallery's "Ben Morgan 7/8" in Organizations; a slash title or a band stays
    text = (
        "David Becker/Getty Images Mourners gathered. Jae C. Hong/AP AFP/File Ben Morgan 7/8 "
        "The film Frost/Nixon won. AC/DC played."
    )
    raw = [
        mention(text, "David Becker/Getty Images", "PERSON"),
        mention(text, "David Becker/Getty Images", "PERSON"),
        mention(text, "Jae C. Hong/AP", "PERSON"),
        mention(text, "Jae C. Hong/AP", "PERSON"),
        mention(text, "AFP/File", "ORG"),
        mention(text, "Ben Morgan 7/8", "ORG"),
        mention(text, "Frost/Nixon", "ORG"),
        mention(text, "AC/DC", "ORG"),
    ]
    assert sorted(e.name for e in entities_of(raw, text)) == ["AC/DC", "Frost/Nixon"]


def test_an_agency_is_not_named_by_a_photo_credit_of_its_own() -> None:
    # dev stream (North Korea's missile over Japan, the Reuters page of the event): Reuters,
    # cited in the dateline and the text, was listed under its longest form, the credit
    # under a photo, "Andrew Kelly / Reuters"; and on this page alone it was a person ("she
    # told Reuters"), as Agence France-Presse was in the Nice attack's story
    import json

    from conftest import ROOT

    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    path = ROOT.parent / "shared" / "data" / "streams" / "giveme5w1h_events.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    row = next(r for r in rows if "Andrew Kelly / Reuters" in r["text"])
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    assert "Andrew Kelly / Reuters" in article.text  # the credit is there to be misread
    names = {e.name: e.type for e in extract_facts([article], {}).entities}
    assert names.get("Reuters") == "ORG"
    assert not any("/ Reuters" in name for name in names)


def test_a_pollster_pair_with_a_slash_is_an_organization_not_a_photo_credit() -> None:
    # US political news names joint polls "ABC News/Washington Post": the shape of a credit
    # ("Rick Loomis / Los Angeles Times"), but written in prose ("... poll found"), which a
    # credit under a photo never is
    from newsdigest.facts import extract_facts

    text = (
        "An ABC News/Washington Post poll released Sunday found Trump's approval at 36 "
        "percent. The ABC News/Washington Post poll was conducted by telephone.\n"
        "Voters lined up in Des Moines. David Becker/Getty Images\n\n"
        "Clinton leads by 11 points in the latest NBC News/Wall Street Journal poll. The "
        "NBC News/Wall Street Journal survey was taken after the debate."
    )
    names = {e.name for e in extract_facts([Article(id="a", text=text)], {}).entities}
    assert "ABC News/Washington Post" in names
    assert "NBC News/Wall Street Journal" in names
    assert not any("Getty" in n for n in names)


def test_a_planet_that_speaks_is_a_person() -> None:
    # an obituary: the model labels "Freddie Mercury" an organization, so "Mercury" is not
    # joined to a full name; the planet never "said" anything, the singer did
    from newsdigest.facts import extract_facts

    text = (
        "Freddie Mercury died in 1991. Mercury said in a 1985 interview that he would never "
        "retire. Mercury was 45."
    )
    types = {e.name: e.type for e in extract_facts([Article(id="a", text=text)], {}).entities}
    assert types.get("Mercury") != "PLACE"
    # the Moon of a moon landing story is still a place
    text = (
        "China's Chang'e 4 probe landed on the far side of the Moon on Thursday. The Moon has "
        "no atmosphere, and the probe will study the Moon's soil."
    )
    types = {e.name: e.type for e in extract_facts([Article(id="a", text=text)], {}).entities}
    assert types["Moon"] == "PLACE"


def _propagate_by_scanning(groups, articles):  # type: ignore[no-untyped-def]
    """The plain rule ``propagate`` implements: every name pattern over the whole text, a hit
    kept when it overlaps no span taken before (the model's mentions, then earlier hits)."""
    import re

    from newsdigest.facts.canonical import (
        _known_person,
        _named_twice,
        _surname_owners,
        name_tokens,
    )

    found: dict[int, list[tuple[str, int, int]]] = {}
    owners = _surname_owners(groups, articles)
    for art in articles:
        spans = [(m.start, m.end) for g in groups for m in g.mentions if m.article == art.id]
        for gi, g in enumerate(groups):
            person = g.type == "PERSON"
            known = person and (_known_person(g) or _named_twice(g, articles)) and gi in owners
            names = set()
            for form in g.forms:
                toks = name_tokens(form)
                if person and len(toks) >= 2:
                    names.add(form)
                    if len(toks[-1]) >= 4 and toks[-1][:1].isupper() and known:
                        names.add(toks[-1])
                elif not person and len(form) >= 4 and form[:1].isupper():
                    names.add(form)
            if not names:
                continue
            alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            for hit in re.finditer(rf"(?<![\w-])(?:{alt})(?![\w-])", art.text):
                if any(s < hit.end() and hit.start() < e for s, e in spans):
                    continue
                spans.append(hit.span())
                found.setdefault(gi, []).append((art.id, hit.start(), hit.end()))
    return found


def test_propagation_finds_what_scanning_every_name_over_the_text_finds() -> None:
    # the fast path (names tried only where their first word begins, overlaps by bisection)
    # against the plain scan, on a long text of many names, repeats and overlapping mentions
    from newsdigest.facts.canonical import propagate, reconcile

    names = ["Sergey Lavrov", "Mike Pompeo", "Vladimir Putin", "Kim Jong-un", "U.S. Army",
             "Abdel-Fattah el-Sissi", "New York", "New York Times", "Sochi", "O'Brien Group"]  # fmt: skip
    rng = random.Random(3)
    words = ["talks", "Lavrov", "Pompeo", "-Pompeo", "New", "York", "met", "in", "Putin's",
             "Sochi2", "Lavrov_", "Pompeoé", "Pompeo-", "PompeoX", "Pompeo.", "New York²",
             "Sergey Lavrov_", "Mike Pompeo-", "New Yorkers", "Kim Jong-un2"]  # fmt: skip
    pieces = [rng.choice(names + words) for _ in range(3000)]
    text = " ".join(pieces) + "."
    raw = []
    for k, name in enumerate(names):
        label = "GPE" if name in ("New York", "Sochi") else "ORG" if "Times" in name else "PERSON"
        for nth in range(0, 6, 2):
            if text.count(name) > nth:
                raw.append(mention(text, name, label, nth, cue=k % 2 == 0))
    groups = reconcile(raw)
    articles = [Article(id="a", text=text)]
    got = {gi: hits for gi, hits in propagate(groups, articles).items()}
    assert got == _propagate_by_scanning(groups, articles)
    assert sum(len(h) for h in got.values()) > 100  # the test exercises many hits


def test_a_surname_alone_gets_the_given_name_the_story_writes_before_it() -> None:
    """spaCy labels "Chrissy Teigen" an ORG or a PRODUCT and "Teigen" a person (dev stream: the
    Who list read "Teigen (19)"); the text's one given name before the surname completes it,
    not a title, a lower-case word, a place or another entity's name."""
    from newsdigest.names import given_name

    texts = [
        "Model Chrissy Teigen tweeted about her flight. Chrissy Teigen said she was fine. "
        "Ms Teigen laughed, and Teigen tweeted again.",
    ]
    lower = frozenset({"model", "tweeted", "about", "her", "flight", "said", "she", "was"})
    assert given_name("Teigen", texts, lower) == "Chrissy"
    # one mention is not enough; two given names split the vote
    assert given_name("Teigen", ["Chrissy Teigen spoke."], lower) is None
    two = "Bruce Steinberg and Irene Steinberg flew. Bruce Steinberg and Irene Steinberg died."
    assert given_name("Steinberg", [two], frozenset()) is None
    # a place, another entity's name, a word written in lower case elsewhere
    astros = "The Houston Astros won. The Houston Astros celebrated."
    assert given_name("Astros", [astros], frozenset()) is None
    lockheed = "Lockheed Martin built it. Lockheed Martin said so."
    assert given_name("Martin", [lockheed], frozenset(), frozenset({"lockheed"})) is None
    zoo = "Gladys Porter Zoo opened. Porter Zoo said the zoo was safe."
    assert given_name("Zoo", [zoo], frozenset({"zoo"})) is None
    # "Le'Veon Bell": no "Veon"
    bell = "Le'Veon Bell ran. Le'Veon Bell scored."
    assert given_name("Bell", [bell], frozenset()) is None


def test_an_organization_with_and_without_its_news_or_media_tail_or_hyphen_is_one() -> None:
    """Dev stream: "NBC" and "NBC News", "Erie Times-News" and "Erie Times News", "G-League" and
    "G League" were each listed twice among the organizations."""
    text = (
        "NBC News reported the find. NBC said more was coming. The Erie Times-News and the "
        "Erie Times News ran it. The G-League and the G League agreed. Common Sense Media and "
        "Common Sense disagreed."
    )
    raw = [
        mention(text, s, "ORG")
        for s in ("NBC News", "NBC", "Erie Times-News", "Erie Times News", "G-League",
                  "G League", "Common Sense Media", "Common Sense")
    ]  # fmt: skip
    names = sorted(e.name for e in entities_of(raw, text))
    assert names == ["Common Sense Media", "Erie Times News", "G League", "NBC News"]


def test_a_name_written_with_the_is_no_person() -> None:
    """spaCy labels "Chibok Girls" and "Islamic State" people (dev stream: both in a Who list);
    a name written "the <name>" in a third of its mentions is a group or a thing, while a
    person's name takes "the" rarely ("the Elon Musk era")."""
    text = (
        "The Chibok Girls were freed. Parents of the Chibok Girls wept. Chibok Girls spoke. "
        "Elon Musk said it was over. Elon Musk smiled. In the Elon Musk era, Elon Musk spoke. "
        "Elon Musk left."
    )
    raw = [mention(text, "Chibok Girls", "PERSON", k) for k in range(3)]
    raw += [mention(text, "Elon Musk", "PERSON", k) for k in range(5)]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {"Chibok Girls": "ORG", "Elon Musk": "PERSON"}


def test_a_bare_direction_is_no_place() -> None:
    """ "The North" (North Korea) and "the South" were listed as places beside North Korea and
    South Korea (dev stream, 6 of 69 events); "the Midwest" is a region and stays."""
    text = (
        "North Korea fired a missile. The North said it was a test. The South protested. "
        "Snow fell across the Midwest."
    )
    raw = [mention(text, s, "PLACE") for s in ("North Korea", "North", "South", "Midwest")]
    raw[1] = mention(text, "North", "PLACE", 1)
    assert sorted(e.name for e in entities_of(raw, text)) == ["Midwest", "North Korea"]


def test_an_outlet_the_story_only_cites_is_no_organization_of_it() -> None:
    """Outlets cited as sources ("told the New York Times", "CNN reported") filled the
    organizations of 11 of 22 dev-stream events read; one the story is about stays."""
    text = (
        "The mayor told the New York Times that the plan was ready. CNN reported the same. "
        "According to Reuters, the vote is on Friday. NBC News fired its anchor on Monday, "
        "and NBC News said the decision was final."
    )
    raw = [mention(text, s, "ORG") for s in ("New York Times", "CNN", "Reuters", "NBC News")]
    raw.append(mention(text, "NBC News", "ORG", 1))
    assert [e.name for e in entities_of(raw, text)] == ["NBC News"]


def test_a_newspaper_the_ner_took_for_a_place_is_not_one_of_the_places() -> None:
    """The dev stream's Nice attack: "Nice Matin" was listed among the places (the small NER
    labels it GPE), while the story only cites it: "according to the Nice Matin newspaper",
    "told Nice-Matin", "Nice-Matin posted photographs". Nice itself stays, and so does a place
    once named as a source among its other mentions."""
    text = (
        "A truck plowed into a crowd in Nice on Thursday night. The driver was a resident, "
        "according to the Nice Matin newspaper. An eyewitness told Nice Matin that bodies were "
        "flying. Nice Matin posted photographs of the truck. Officials in Paris said the "
        "attack was planned, according to Paris prosecutors, and Paris mourned."
    )
    raw = [mention(text, "Nice", "PLACE")] + [
        mention(text, "Nice Matin", "PLACE", k) for k in range(3)
    ]
    raw += [mention(text, "Paris", "PLACE", k) for k in range(3)]
    places = [e.name for e in entities_of(raw, text) if e.type == "PLACE"]
    assert places == ["Paris", "Nice"], places


def test_a_place_is_not_the_first_name_of_an_outlet_taken_for_a_person() -> None:
    """The dev stream's Nice attack: the model took "France Info" (a radio station) for a
    person three times, and the 50 mentions of "France" joined it as its first name, so
    "France Info" became the story's second place and a false "Sources differ on where". A
    word the model calls a place more often than the "person" is mentioned stays a place; a
    first name the model mislabels now and then still joins its person."""
    text = (
        "France Info reported the attack. France mourned. France Info said more. France was "
        "shocked, and France declared mourning. Elon Musk spoke. Elon said the launch worked."
    )
    raw = [mention(text, "France Info", "PERSON", k) for k in range(2)]
    raw += [mention(text, "France", "PLACE", k) for k in (1, 3, 4)]
    raw += [mention(text, "Elon Musk", "PERSON"), mention(text, "Elon", "ORG", 1)]
    found = {(e.name, e.type): len(e.mentions) for e in entities_of(raw, text)}
    assert found[("France", "PLACE")] == 3, found
    assert found[("Elon Musk", "PERSON")] == 2, found


def test_a_title_the_model_took_into_a_name_is_trimmed() -> None:
    """The dev stream's stories listed "Mr Zhu" beside Zhu Congpeng and gave quotes to "Lawyer
    Harjit" (Harjit Sarang): a British honorific without its stop, or a role word, that the
    model took into a person's name is trimmed. A name that holds such a word stays whole
    ("Lady Gaga"), and so does an organization ("Envoy Air", "General Motors")."""

    text = (
        "Mr Zhu said the station was monitored. Lawyer Harjit, from London, fled. Lady Gaga "
        "sang. Envoy Air and General Motors apologised. Comedienne Sarah announced the news. "
        "Crown Prince Mohammed bin Salman met Prince Harry. Elizabeth II left. Queen "
        "Elizabeth II waved. King Salman spoke."
    )
    spans = [("Mr Zhu", "PERSON"), ("Lawyer Harjit", "PERSON"), ("Lady Gaga", "PERSON")]
    # a post, not a name (NeuS val 22: "Crown Prince Mohammed bin Salman"); "Prince Harry" is his
    spans += [("Crown Prince Mohammed bin Salman", "PERSON"), ("Prince Harry", "PERSON")]
    # a monarch's title before a regnal name ("Queen Elizabeth II" and "Elizabeth II" were two
    # people in a hostile tester's story); "King Salman" keeps it
    spans += [("Elizabeth II", "PERSON"), ("Queen Elizabeth II", "PERSON")]
    spans += [("King Salman", "PERSON")]
    spans += [("Envoy Air", "ORG"), ("General Motors", "ORG")]
    # a tabloid's occupation (dev stream: "Comedienne Sarah" was a person beside Sarah Silverman)
    spans += [("Comedienne Sarah", "PERSON")]
    found = [m.text for m in model_mentions(text, spans)]
    assert found == [
        "Zhu", "Harjit", "Lady Gaga", "Envoy Air", "General Motors", "Sarah",
        "Mohammed bin Salman", "Prince Harry", "Elizabeth II", "Elizabeth II", "King Salman",
    ]  # fmt: skip


def test_one_person_is_listed_once_under_one_name() -> None:
    """The dev stream's Croydon story listed "Kudirat Okesola" twice: her full name's group
    (which the model typed otherwise in a sentence) and her surname alone, completed with the
    given name the story writes before it. Entities that come out with one name and type are
    one entity, their mentions and spellings joined."""
    from newsdigest.facts.canonical import _one_entity_a_name
    from newsdigest.model import Mention

    full = Entity(
        name="Kudirat Okesola",
        type="PERSON",
        mentions=(Mention("a", 0, 15, "Kudirat Okesola"), Mention("a", 40, 55, "Kudirat Okesola")),
    )
    surname = Entity(
        name="Kudirat Okesola",
        type="PERSON",
        mentions=(Mention("b", 7, 14, "Okesola"),),
        aliases=("Okesola",),
    )
    place = Entity(name="Croydon", type="PLACE", mentions=(Mention("a", 70, 77, "Croydon"),))
    merged = _one_entity_a_name([full, place, surname])
    assert [(e.name, e.type, len(e.mentions)) for e in merged] == [
        ("Kudirat Okesola", "PERSON", 3),
        ("Croydon", "PLACE", 1),
    ]
    assert merged[0].aliases == ("Okesola",)


def test_a_company_the_model_took_for_a_person_is_an_organization() -> None:
    """The dev stream's electricity-bill story listed "First Energy" (a utility's parent
    company) first among its people, and a hedge fund "Jana Partners" was a person: a name that
    ends as only organizations' do is one. Mary Horomanski stays a person."""
    text = (
        "First Energy said a decimal point was moved. Mary Horomanski said she was stunned. "
        "First Energy apologized to Mary Horomanski on Tuesday."
    )
    raw = [mention(text, "First Energy", "PERSON", k, cue=True) for k in range(2)]
    raw += [mention(text, "Mary Horomanski", "PERSON", k, cue=True) for k in range(2)]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {"First Energy": "ORG", "Mary Horomanski": "PERSON"}, types


def test_a_capitalised_word_after_a_is_a_name_only_where_it_is_a_known_place() -> None:
    """Seed 003's "an image of a Martyr" is a common noun the model took for a name; Multi-News
    validation's "a Philadelphia abortion provider" is a city, which the rule had dropped."""

    text = (
        "They may try to create an image of a Martyr. Police said a Philadelphia abortion "
        "provider was charged in an Ohio court."
    )
    spans = [("Martyr", "GPE"), ("Philadelphia", "GPE"), ("Ohio", "GPE")]
    found = [m.text for m in model_mentions(text, spans)]
    assert found == ["Philadelphia", "Ohio"]


def test_a_body_in_the_sky_is_no_organization_and_a_weekday_no_name() -> None:
    """The dev stream: "the Sun's azimuth" (an iceberg seen by satellite) was listed among the
    organizations, and NPR's "it was Sun. Dec. 31, 2017" too."""
    from newsdigest.facts.ner import load_nlp, raw_mentions

    text = "Parameters like the Sun's azimuth and the Sun's elevation mattered."
    raw = [mention(text, "Sun", "ORG"), mention(text, "Sun", "ORG", 1)]
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Sun", "PLACE")]
    flight = "When it landed in Honolulu, it was Sun. Dec. 31, 2017."
    doc = load_nlp().make_doc(flight)
    start = flight.index("Sun")
    doc.ents = [doc.char_span(start, start + 3, label="ORG")]
    assert raw_mentions(Article(id="a", text=flight), doc) == []


def test_a_title_alone_is_no_person() -> None:
    """The dev stream's missile story gave a Pentagon statement to "Col" (the model cut "Col."
    from "Col. Rob Manning"), whom it listed among the people."""

    text = "Pentagon spokesman Col. Rob Manning confirmed the launch."
    spans = [("Col", "PERSON"), ("Rob Manning", "PERSON")]
    assert [m.text for m in model_mentions(text, spans)] == ["Rob Manning"]


@given(st.text("aabekl", max_size=8), st.text("aabekl", max_size=8))
def test_shared_letters_is_the_letter_multiset_intersection(a: str, b: str) -> None:
    from collections import Counter

    from newsdigest.facts.canonical import _shared_letters

    assert _shared_letters(a, b) == sum((Counter(a) & Counter(b)).values())


def test_a_groups_type_is_read_again_after_it_changes() -> None:
    """The types are kept between readings, and forgotten when a mention joins or a group
    merges: "Jordan" the country until a "Mr. Jordan" makes it a person."""
    from newsdigest.facts.canonical import _Group

    text = "Jordan closed its border. Mr. Jordan said so. Michael Jordan agreed."
    group = _Group()
    group.add(mention(text, "Jordan", "PLACE"), 0)
    assert (group.type, group.voted_type) == ("PLACE", "PLACE")
    titled = replace(mention(text, "Jordan", "PERSON", 1, cue=True), title_cue=True)
    group.add(titled, 1)
    group.add(mention(text, "Jordan", "PERSON", 2, cue=True), 2)
    assert (group.type, group.voted_type) == ("PERSON", "PERSON")
    other = _Group()
    for k in range(3, 8):
        other.add(mention(text, "Jordan", "PLACE"), k)
    assert other.type == "PLACE"
    other.merge(group)  # the title makes the merged group a person too
    assert (other.type, other.voted_type) == ("PERSON", "PERSON")


def test_a_full_name_written_again_joins_the_person_it_joined_first() -> None:
    text = "Kim Jong Un met Kim Yo Jong. Kim Jong Un left; Kim Yo Jong stayed. Kim Jong Un spoke."
    raw = [
        mention(text, name, "PERSON", k) for name in ("Kim Jong Un", "Kim Yo Jong") for k in (0, 1)
    ]
    raw.append(mention(text, "Kim Jong Un", "PERSON", 2))
    entities = {e.name: len(e.mentions) for e in entities_of(raw, text)}
    assert entities == {"Kim Jong Un": 3, "Kim Yo Jong": 2}


def test_an_abbreviation_or_a_navy_that_speaks_is_not_a_person() -> None:
    """Multi-News (USS Fitzgerald): "NYK said" four times and "the US Navy said" made both
    people, and the Navy then took a grandmother's "she said"."""
    text = "NYK said so. NYK said more. US Navy said it. The US Navy said again. Kim Jong Un said."
    raw = [mention(text, "NYK", "ORG", k, cue=True) for k in (0, 1)]
    raw += [mention(text, "US Navy", "ORG", k, cue=True) for k in (0, 1)]
    raw += [mention(text, "Kim Jong Un", "PERSON", cue=True)]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types["NYK"] == "ORG" and types["Kim Jong Un"] == "PERSON"
    assert types.get("US Navy", types.get("United States Navy")) == "ORG"


def test_a_person_written_only_in_headlines_is_no_person() -> None:
    """NeuS: the model took a headline's verb and object into names ("McCarthy Blast
    Democrats", "Lisa Page Speaks"); 25 such "people" in 120 val clusters, no real one."""
    text = (
        "McConnell, McCarthy Blast Democrats For Blocking Funds For Small Businesses.\n"
        "Senate Majority Leader Mitch McConnell and House Minority Leader Kevin McCarthy "
        "slammed Democrats on Wednesday."
    )
    names = ["McCarthy Blast Democrats", "Mitch McConnell", "Kevin McCarthy"]
    raw = [mention(text, n, "PERSON") for n in names]
    people = {e.name for e in entities_of(raw, text) if e.type == "PERSON"}
    assert people == {"Mitch McConnell", "Kevin McCarthy"}  # prose in capitals is no headline
    # a list of names opening the text is no headline either
    listed = (
        "The 21 released women and girls, according to the government: Blessing Abana Comfort "
        "Amos Deborah Andrawus Maryam Basheer Mary Usman Bulama Glory Dama Saratu Emannuel "
        "Agnes Gapani Asabe Goni Comfort Habila Rahab Ibrahim Rebecca Ibrahim."
    )
    people = {e.name for e in entities_of([mention(listed, "Comfort Amos", "PERSON")], listed)}
    assert people == {"Comfort Amos"}


def test_a_state_as_a_dateline_writes_it_is_the_state() -> None:
    # Multi-News: "Ga." and "N.C." were listed among the places beside Georgia, North Carolina
    text = (
        "Police in Atlanta, Ga., said the man had left Georgia. Georgia officials agreed. He "
        "lives in Durham, N.C., in North Carolina."
    )
    raw = [mention(text, "Ga.", "PLACE"), mention(text, "Georgia", "PLACE")]
    raw += [mention(text, "Georgia", "PLACE", 1), mention(text, "N.C.", "PLACE")]
    raw += [mention(text, "North Carolina", "PLACE")]
    places = {e.name: e.aliases for e in entities_of(raw, text)}
    assert places == {"Georgia": ("Ga.",), "North Carolina": ("N.C.",)}
    assert entity_key("Ga.", "GPE") == "ga"  # the clusterer's stored keys stay as they were


def test_given_names_with_a_hyphen_or_apart_are_one_person() -> None:
    # dev stream (Morsi): Egypt's president was listed twice
    text = "Abdel Fattah al-Sisi met officials. Later Abdel-Fattah el-Sissi spoke to reporters."
    raw = [mention(text, "Abdel Fattah al-Sisi", "PERSON")]
    raw += [mention(text, "Abdel-Fattah el-Sissi", "PERSON")]
    assert [(e.name, len(e.mentions)) for e in entities_of(raw, text)] == [
        ("Abdel Fattah al-Sisi", 2)
    ]
    text = "Mike Pompeo met Mary Pompeo. Jean-Claude Juncker met Jean Juncker."
    raw = [mention(text, n, "PERSON") for n in ("Mike Pompeo", "Mary Pompeo")]
    raw += [mention(text, n, "PERSON") for n in ("Jean-Claude Juncker", "Jean Juncker")]
    assert len(entities_of(raw, text)) == 4


def test_a_short_given_name_is_the_same_person_two_short_forms_are_not() -> None:
    """Dev stream and Multi-News Who lists: "Jim Steyer" and "James P. Steyer", "Steve
    Bannon" and "Stephen Bannon" were two people each; "Bob" and "Bobby" Goodlatte, father and
    son in one story, are two; and so are Donald Trump and Donald Trump Jr."""
    from newsdigest.facts.canonical import _same_person

    assert _same_person(["Jim", "Steyer"], ["James", "P.", "Steyer"])
    assert _same_person(["Stephen", "Bannon"], ["Steve", "Bannon"])
    assert not _same_person(["Bob", "Goodlatte"], ["Bobby", "Goodlatte"])
    assert not _same_person(["Donald", "Trump"], ["Donald", "Trump", "Jr."])
    assert not _same_person(["Jim", "Steyer"], ["John", "Steyer"])


def test_one_given_name_and_a_surname_romanised_otherwise_is_one_person() -> None:
    """NeuS train 1610: "Abbas Araghchi (1); Abbas Araqchi (1)", Iran's deputy foreign
    minister spelt two ways by two outlets. Different given names, short surnames or
    surnames from other letters stay apart."""
    from newsdigest.facts.canonical import same_person_name

    assert same_person_name("Abbas Araghchi", "Abbas Araqchi")
    assert not same_person_name("Ali Araghchi", "Abbas Araqchi")
    assert not same_person_name("Mike Johnson", "Mike Jackson")
    assert not same_person_name("Donald Trump", "Donald Trump Jr.")
    assert not same_person_name("John Kerry", "John Berry")


def test_a_short_form_of_two_given_names_is_either() -> None:
    """ "Steve" shortens Steven and Stephen (the table had kept only the last it read), and a
    Multi-News story's Coast Guard spokesman was "Jon Hubbard" in one outlet, "Jonathan
    Hubbard" in another."""
    from newsdigest.facts.canonical import _same_person, same_person_name

    assert _same_person(["Steve", "Jobs"], ["Steven", "Jobs"])
    assert _same_person(["Steve", "Bannon"], ["Stephen", "Bannon"])
    assert same_person_name("Jon Hubbard", "Jonathan Hubbard")
    assert not same_person_name("Hubbard", "Jonathan Hubbard")
    assert not same_person_name("Jack Hubbard", "John Hubbard")


def test_a_given_name_with_or_without_its_hyphen_is_one_person() -> None:
    """Five dev and Multi-News stories listed "Kim Jong Un" and "Kim Jong-un" as two people."""
    from newsdigest.facts.canonical import same_person_name

    assert same_person_name("Kim Jong Un", "Kim Jong-un")
    assert same_person_name("Moon Jae-in", "Moon Jae In")
    assert not same_person_name("Kim Jong Un", "Kim Jong Nam")
    assert not same_person_name("Kim Yo-jong", "Kim Jong Un")


def _fold_reference(text: str) -> str:
    """``names.fold`` as first written: NFKD, combining marks off, punctuation off, casefold."""
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^\w\s-]", "", plain).casefold().strip()


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40) | st.text(st.characters(max_codepoint=127), max_size=40))
def test_fold_with_its_ascii_shortcut_folds_as_before(text: str) -> None:
    from newsdigest.names import fold

    assert fold(text) == _fold_reference(text)


def test_fold_shortcut_on_the_gazetteer() -> None:
    from importlib import resources

    from newsdigest.names import PLACE_NAMES_FILE, fold

    path = resources.files("newsdigest").joinpath("data", PLACE_NAMES_FILE)
    for name in path.read_text("utf-8").splitlines():
        assert fold(name) == _fold_reference(name)


def test_a_full_name_referred_to_by_its_surname_is_a_person_whatever_the_labels() -> None:
    """Multi-News: "Rus Yusupov" then "Yusupov", labelled a place 12 times of 15 by the small
    model, was listed under Where; so were Keith Fitzgerald Knowles and Robert Kunzig."""
    text = (
        "HQ Trivia co-founder Rus Yusupov confirmed the death. Yusupov said the company was "
        "shocked. Yusupov added that Yusupov and Kroll had built the app. Yusupov left."
    )
    raw = [
        mention(text, "Rus Yusupov", "PERSON"),
        *(mention(text, "Yusupov", "PLACE", k) for k in range(1, 5)),
    ]
    (person,) = entities_of(raw, text)
    assert (person.name, person.type) == ("Rus Yusupov", "PERSON")
    # the last word alone read as an organization is one: a caption's words, then "Google"
    text = (
        "Enlarge Image Google shows the phone. Google said it sold well. Google grew. Google "
        "hired. Google paid. Google won."
    )
    raw = [
        mention(text, "Enlarge Image Google", "PERSON"),
        *(mention(text, "Google", "ORG", k) for k in range(1, 6)),
    ]
    assert {e.type for e in entities_of(raw, text)} == {"ORG"}
    # a place's name is no person's ("Sierra Leone" then "Leone")
    text = (
        "Troops left Sierra Leone. Sierra Leone was calm, and Sierra Leone voted. Sierra Leone "
        "and Leone, Leone again."
    )
    raw = [
        mention(text, "Sierra Leone", "PERSON"),
        *(mention(text, "Sierra Leone", "PLACE", k) for k in range(1, 4)),
        mention(text, "Leone", "PLACE", 4),
        mention(text, "Leone", "PLACE", 5),
    ]
    assert {e.type for e in entities_of(raw, text)} == {"PLACE"}


def test_a_place_needs_something_that_makes_it_one() -> None:
    """Readers of 58 unseen digests found "Where: Sperm; Windows 8; Netflix; Concerta; Media":
    a "place" no gazetteer knows, with no word of geography, never written after a preposition
    of place nor before its state, is none. Places written so stay."""
    text = (
        "Sperm and eggs develop from germ cells. The film streams on Netflix next week. "
        "The plane crashed near Punta Islita on Sunday. Officials in Broward County counted "
        "again. A gunman entered her home near North Brunswick, N.J., on Sunday. "
        "Berlin's Brandenburg Gate was lit. The probe landed on the Moon. The Oireachtas sat."
    )
    raw = [
        mention(text, "Sperm", "PLACE"),
        mention(text, "Netflix", "PLACE"),
        mention(text, "Punta Islita", "PLACE"),
        mention(text, "Broward County", "PLACE"),
        mention(text, "North Brunswick", "PLACE"),
        mention(text, "Brandenburg Gate", "PLACE"),
        mention(text, "Moon", "PLACE"),
        mention(text, "Berlin", "PLACE"),
    ]
    places = {e.name for e in entities_of(raw, text) if e.type == "PLACE"}
    assert places == {
        "Punta Islita", "Broward County", "North Brunswick", "Brandenburg Gate", "Moon", "Berlin"
    }  # fmt: skip


def test_a_two_letter_code_is_a_place_only_where_it_stands_as_one() -> None:
    """The dev stream: "improve AI capabilities" made "Where: AI" (pycountry reads Anguilla's
    code); a code written where a place is, and the marks headlines use, stay."""
    text = (
        "The chip will improve AI capabilities. Improved AI capabilities come later. "
        "Troops arrived in GB on Monday. The US said so."
    )
    raw = [
        mention(text, "AI", "PLACE"),
        mention(text, "AI", "PLACE", 1),
        mention(text, "GB", "PLACE"),
        mention(text, "US", "PLACE"),
    ]
    places = {e.name for e in entities_of(raw, text) if e.type == "PLACE"}
    assert places == {"GB", "United States"}


def test_place_evidence_reads_past_modifiers_and_counts_against_mentions() -> None:
    """A hostile reader's pass: "over northern New England" and "in parts of New England" had
    lost the dev stream's event place; one "into Windows 8" among many mentions had kept a
    product as a place, and a people's adjective passed for one."""
    text = (
        "A fireball was seen over northern New England on Tuesday. Residents in parts of New "
        "England reported a boom. Windows 8 ships today. Windows 8 is fast. Windows 8 has tiles. "
        "Windows 8 sells well. Users went back into Windows 8. Troops entered the Ukrainian "
        "headquarters. Jane Doe, 31, of Appleton, saw it. Whitby, North Yorkshire, saw it too. "
        "Dutch police in the Netherlands helped. Netherlands officials agreed. The Netherlands "
        "team won. It was a 26-24 victory over the Seattle Seahawks on Sunday."
    )
    raw = [
        mention(text, "New England", "PLACE"),
        mention(text, "New England", "PLACE", 1),
        *(mention(text, "Windows 8", "PLACE", k) for k in range(5)),
        mention(text, "Ukrainian", "PLACE"),
        mention(text, "Appleton", "PLACE"),
        mention(text, "North Yorkshire", "PLACE"),
        mention(text, "Whitby", "PLACE"),
        mention(text, "Netherlands", "PLACE", 1),
        mention(text, "Seattle Seahawks", "PLACE"),
    ]
    places = {e.name for e in entities_of(raw, text) if e.type == "PLACE"}
    assert {"New England", "Appleton", "North Yorkshire", "Netherlands"} <= places
    assert not places & {"Windows 8", "Ukrainian", "Seattle Seahawks"}


def test_a_titled_person_named_before_a_noun_is_no_organization() -> None:
    """Multi-News: "the Trump administration", a third of a story's mentions of Donald Trump,
    had made him a group named with "the", listed among the organizations; "President Donald
    Trump" shows a person."""
    from newsdigest.facts import extract_facts

    text = (
        "The Trump administration is cutting off U.S. funding to the United Nations agency for "
        "reproductive health under an abortion-related provision in a law that Democratic and "
        "Republican administrations have used as a cudgel in the global culture wars.\n\n"
        "By halting assistance to the U.N. Population Fund, the Trump administration is "
        "following through on promises to let socially conservative policies that President "
        "Donald Trump embraced in his campaign determine the way the U.S. government operates "
        "and conducts itself in the world.\n\n"
        "The policy change comes days before Trump is set to host Chinese President Xi Jinping "
        "for a highly anticipated meeting at Trump's Mar-a-Lago resort in Florida."
    )
    types = {e.name: e.type for e in extract_facts([Article(id="a", text=text)], {}).entities}
    assert types["Donald Trump"] == "PERSON"


def test_a_full_name_read_as_a_person_again_keeps_its_surname_whatever_its_labels() -> None:
    """Dev stream: "Rich Dauer" a person 4 times of 4, then "Dauer" an organization 23 times
    of 23: the Astros' coach was listed among the organizations."""
    text = (
        "Rich Dauer, the first base coach for the World Series champions, lost color on stage. "
        "Astros first base coach Rich Dauer nearly died. Dauer is 65 years old. Surgeons "
        "operated on Dauer. Doctors told Dauer's wife he had a 3 percent chance. Dauer had "
        "decided to retire. Dauer was on a blood thinner. Dauer was in a coma. Once Dauer made "
        "it to Houston Methodist, Dauer was in respiratory arrest."
    )
    raw = [
        mention(text, "Rich Dauer", "PERSON"),
        mention(text, "Rich Dauer", "PERSON", 1),
        *(mention(text, "Dauer", "ORG", k) for k in range(2, 10)),
    ]
    (coach,) = entities_of(raw, text)
    assert (coach.name, coach.type, len(coach.mentions)) == ("Rich Dauer", "PERSON", 10)


def test_one_word_the_story_writes_as_a_thing_is_no_person() -> None:
    """An award and a racing team the model called people, with no title, speech verb or
    given name anywhere: "the Oscar-winning romance", "13 Oscar nominations" (Multi-News),
    "The Williams driver", "his Williams car" (dev stream). A singer known by one name, who
    takes no title either, stays a person (dev stream: Lorde)."""
    from newsdigest.facts import extract_facts

    def people(*texts: str) -> set[str]:
        articles = [Article(id=str(k), text=t) for k, t in enumerate(texts)]
        return {e.name for e in extract_facts(articles, {}).entities if e.type == "PERSON"}

    assert "Oscar" not in people(
        'Audiences still frankly give a damn about the lavish Civil War epic "Gone With the '
        'Wind" 75 years after its release.\n\nWhen adjusted for inflation, the Oscar-winning '
        "romance remains the domestic box-office champ with a gross of $1.6 billion. The "
        "220-minute Technicolor film received a record 13 Oscar nominations, winning eight "
        "competitive Academy Awards, including best film, actress (Vivien Leigh), supporting "
        "actress (Hattie McDaniel) and director."
    )
    assert "Williams" not in people(
        "Felipe Massa bid farewell to Brazilian Grand Prix in the most dramatic fashion, "
        "leaving the circuit mid-race to the applause and admiration of the watching masses "
        "and rival F1 teams.\n\nThe Williams driver was making his final F1 appearance in his "
        "native Brazil after announcing he is to retire at the end of the season.\n\nWith the "
        "race still ongoing, Massa left his Williams car on the circuit and made his way to "
        "the safety of the pits.",
        "Williams' veteran driver Felipe Massa failed to finish his last race in front of his "
        "home crowd at Interlagos on Sunday, but he still earned a warm and emotional "
        "farewell.\n\nMassa joined Williams in 2014. In the current season he is 11th with 51 "
        "points.",
    )
    # a figure's label (Multi-News: "Fig (11)" among a volcano story's people)
    assert "Fig" not in people(
        "Seismic waves reveal a cold mantle wedge beneath Mount St. Helens (Fig. 1). The "
        "imaging (Fig. 2) shows where magma may be stored, said geologist Steven Hansen.\n\n"
        "Fig. 3 compares the volcano with its neighbours."
    )
    assert "Lorde" in people(
        "And Lorde, the sole female nominee for album of the year, was not offered a "
        "performance slot of her own. In a gesture interpreted as protest, Lorde stitched a "
        "provocative poem by the artist Jenny Holzer into the back of her red dress.\n\nWhen "
        "asked after the awards whether it was a mistake not to offer Lorde a solo spot, Ken "
        "Ehrlich, the longtime producer of the show, said, \"There's no way we can really deal "
        'with everybody."'
    )


def test_one_word_written_where_a_place_is_is_a_place() -> None:
    """Multi-News: "Dingwall", a Highland town the gazetteer lacks, was the model's person in
    every mention, and the story listed it under Who ("in Dingwall", "the town of
    Dingwall, Scotland")."""
    from newsdigest.facts import extract_facts

    texts = (
        "A CAR park in a Highland town has been confirmed by archaeologists as the meeting "
        "place of a medieval Norse parliament.\n\nExcavations at the Cromartie Memorial car "
        "park in Dingwall uncovered evidence of a mound that archaeologists believe was "
        "established in the 11th century as a gathering spot for a Viking parliament.\n\nHe "
        "is thought to have laid the foundations of what would later become the royal burgh "
        "of Dingwall in Ross-shire.",
        "A Viking parliamentary site that dates to the 11th century has been found beneath a "
        "parking lot in Scotland.\n\nThe site, located in the town of Dingwall, Scotland, was "
        'dubbed a "Thing" site, referring to its name in antiquity.\n\nHistorians had long '
        "wondered whether Dingwall was a site of a Viking parliamentary gathering known as the "
        "Thing.",
    )
    articles = [Article(id=str(k), text=t) for k, t in enumerate(texts)]
    types = {e.name: e.type for e in extract_facts(articles, {}).entities}
    assert types["Dingwall"] == "PLACE"


def test_an_outlet_after_a_title_and_a_comma_is_no_person() -> None:
    """NeuS: "a CIA officer, The New York Times reported" read "The" as the officer's given
    name and the paper as a titled person, listed under Who."""
    from newsdigest.facts import extract_facts

    text = (
        "The whistleblower who sparked the impeachment inquiry into President Donald Trump's "
        "efforts to press Ukraine to launch an investigation into former Vice President Joe "
        "Biden is a CIA officer, The New York Times reported Thursday, citing three people "
        "familiar with his identity.\n\nThe whistleblower reported the matter to the CIA "
        "general counsel, according to a report from the New York Times."
    )
    people = {
        e.name
        for e in extract_facts([Article(id="a", text=text)], {}).entities
        if e.type == "PERSON"
    }
    assert "Joe Biden" in people and "New York Times" not in people


def test_a_source_the_story_cites_is_not_where_it_is() -> None:
    """Multi-News: "according to Billboard" and "head over to Billboard" had made the chart's
    magazine a place."""
    from newsdigest.facts import extract_facts

    text = (
        "Rihanna is giving Madonna a run for her money. The 25-year-old singer is approaching "
        "the 54-year-old industry veteran's record for the most No. 1 songs on Billboard's "
        'Dance/Club Play Songs chart.\n\nRihanna\'s recent hit "Right Now" topped the dance '
        "chart this week, giving Rih her 20th No. 1 song in the category, according to "
        "Billboard. Rih beat out Janet Jackson with this total.\n\nFor more on Rihanna, head "
        "over to Billboard."
    )
    places = {
        e.name
        for e in extract_facts([Article(id="a", text=text)], {}).entities
        if e.type == "PLACE"
    }
    assert "Billboard" not in places


def test_a_person_the_model_took_with_an_occupation_for_an_organization_is_a_person() -> None:
    """The dev stream's celebrity-splits story listed "Actress Amber Heard" among its
    organizations: an occupation and a name in capitals after it is a person, trimmed of the
    occupation, when the article also calls her by her surname ("Heard, 30"); a company named
    with such a word stays one ("Anchor Brewing Company"), and so does a thing whose name only
    looks like a person's ("Producer Price Index": no "Price Index" among the people)."""

    text = (
        "Actress Amber Heard has filed for divorce from actor Johnny Depp, according to "
        "documents obtained by CNN. Heard, 30, and Depp, 52, have been married since February "
        "2015. Anchor Brewing Company was sold. Producer Price Index data released Thursday "
        "showed prices rising."
    )
    spans = [
        ("Actress Amber Heard", "ORG"),
        ("Anchor Brewing Company", "ORG"),
        ("Producer Price Index", "ORG"),
    ]
    found = [(m.text, m.label) for m in model_mentions(text, spans)]
    assert found == [
        ("Amber Heard", "PERSON"),
        ("Anchor Brewing Company", "ORG"),
        ("Producer Price Index", "ORG"),
    ]


def test_an_organization_named_without_its_media_is_that_organization() -> None:
    """The dev stream's tech-addiction story listed "Common Sense" (14 mentions: "founder of
    Common Sense", "Common Sense CEO") and "Common Sense Media" among its people, both
    labelled persons by the model: an organization's name ending "Media" is none, and a
    "person" nothing shows as one whose name is that organization's short name is it."""
    text = (
        "Jim Steyer, chief executive and founder of Common Sense, said the campaign was new. "
        "It will be funded with $7 million from Common Sense. The nonprofit media watchdog "
        "group Common Sense Media also plans an ad campaign."
    )
    raw = [
        mention(text, "Jim Steyer", "PERSON", cue=True),
        mention(text, "Common Sense", "PERSON"),
        mention(text, "Common Sense", "PERSON", 1),
        mention(text, "Common Sense Media", "PERSON"),
    ]
    types = {e.name: (e.type, len(e.mentions)) for e in entities_of(raw, text)}
    assert types["Common Sense Media"] == ("ORG", 3), types
    assert "Common Sense" not in types and types["Jim Steyer"][0] == "PERSON"


def test_a_name_before_administration_is_a_president_not_an_organization() -> None:
    """NeuS val and train stories listed "Trump" among the organizations, for "the Trump
    administration" and "Trump impeachment": no organization's name takes those after it."""
    text = (
        "The Justice Department would normally defend a federal law, but the Trump "
        "administration has declined to defend it. Google employees protested."
    )
    raw = [
        mention(text, "Justice Department", "ORG"),
        mention(text, "Trump", "ORG"),
        mention(text, "Google", "ORG"),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {"Justice Department": "ORG", "Trump": "PERSON", "Google": "ORG"}


def test_an_open_bracket_ends_a_name_and_a_variant_is_no_place() -> None:
    """A NeuS story listed "Congregation for the Doctrine of the Faith (CDF" among its
    organizations (the model kept the acronym's open bracket), and another gave "Delta" (the
    Delta variant of the coronavirus) as where its event happened."""

    text = (
        "The Congregation for the Doctrine of the Faith (CDF) issued the ruling as the Delta "
        "variant spread. Flooding hit the Mississippi Delta on Friday."
    )
    spans = [
        ("Congregation for the Doctrine of the Faith (CDF", "ORG"),
        ("Delta", "GPE"),
        ("Mississippi Delta", "LOC"),
    ]
    found = [(m.text, m.label) for m in model_mentions(text, spans)]
    assert found == [
        ("Congregation for the Doctrine of the Faith", "ORG"),
        ("Mississippi Delta", "PLACE"),
    ]


def test_a_dash_after_a_name_is_no_part_of_it() -> None:
    """A dev-stream story listed "Belcalis Almanzar -" among its people ("Cardi - real name
    Belcalis Almanzar - was a former Bronx-based stripper")."""
    from newsdigest.facts.ner import load_nlp, raw_mentions

    text = "Cardi - real name Belcalis Almanzar - was a former Bronx-based stripper."
    doc = load_nlp().make_doc(text)
    start = text.index("Belcalis")
    doc.ents = [doc.char_span(start, text.index("was") - 1, label="PERSON")]
    assert [m.text for m in raw_mentions(Article(id="a", text=text), doc)] == ["Belcalis Almanzar"]


def test_a_person_named_like_an_organization_without_its_news_stays_a_person() -> None:
    """Michael Bloomberg, also "Bloomberg", beside Bloomberg News: his full name is none of the
    organization's, so he stays a person with both his mentions (he had been folded into
    Bloomberg News, and left the story's people)."""
    text = (
        "Michael Bloomberg's news organization will not investigate him or his Democratic "
        "rivals, Bloomberg News editor John Micklethwait wrote in a memo. Bloomberg, a "
        "billionaire, entered the race on Sunday."
    )
    raw = [
        mention(text, "Michael Bloomberg", "PERSON"),
        mention(text, "Bloomberg News", "ORG"),
        mention(text, "John Micklethwait", "PERSON", cue=True),
        mention(text, "Bloomberg", "PERSON", 2),
    ]
    types = {e.name: (e.type, len(e.mentions)) for e in entities_of(raw, text)}
    assert types["Michael Bloomberg"] == ("PERSON", 2), types
    assert types["Bloomberg News"] == ("ORG", 1), types


def test_a_body_or_a_school_before_impeachment_or_administration_is_no_president() -> None:
    """ "The Senate impeachment trial" (NeuS: 38 times "Senate" before those words) and "the
    Harvard administration" beside Harvard University: a chamber and a school, not people (a
    story's only "Senate" had become a person)."""
    senate = "The Senate impeachment trial of President Trump begins on Tuesday, Pelosi said."
    harvard = (
        "Harvard University said on Monday that the Harvard administration would review the policy."
    )
    senate_raw = [mention(senate, "Senate", "ORG"), mention(senate, "Pelosi", "PERSON", cue=True)]
    harvard_raw = [
        mention(harvard, "Harvard University", "ORG"),
        mention(harvard, "Harvard", "ORG", 1),
    ]
    assert {e.name: e.type for e in entities_of(senate_raw, senate)}["Senate"] == "ORG"
    assert {e.name: e.type for e in entities_of(harvard_raw, harvard)}["Harvard"] == "ORG"


def test_a_headline_run_into_a_quotation_is_no_name() -> None:
    """NeuS: "Tom Cotton Cries ‘Fake News’ When ‘Fox & Friends’ Directly Quotes Him", whose
    words up to "News" the model took for a name: "News" ends organizations' names, which had
    listed it among the story's organizations; a name closing its quotation is one."""
    text = (
        "Tom Cotton Cries ‘Fake News’ When ‘Fox & Friends’ Directly Quotes Him on Slavery.\n"
        "Dwayne ‘The Rock’ Johnson said on Monday that he would not run."
    )
    raw = [
        mention(text, "Tom Cotton Cries ‘Fake News", "PERSON"),
        mention(text, "Dwayne ‘The Rock’ Johnson", "PERSON", cue=True),
    ]
    names = {e.name for e in entities_of(raw, text)}
    assert names == {"Dwayne ‘The Rock’ Johnson"}, names


def test_occupation_names_take_linear_time_on_a_long_article() -> None:
    """A hostile pass: 5,000 "Actress Amber Heard" spans read as organizations in one
    105,000-character article, each surname looked for alone in the whole text once, not once
    a span (84 s before)."""
    import time

    from newsdigest.facts.ner import load_nlp, raw_mentions

    text = "Actress Amber Heard. " * 5000
    doc = load_nlp().make_doc(text)
    doc.ents = [doc.char_span(k * 21, k * 21 + 19, label="ORG") for k in range(5000)]
    started = time.perf_counter()
    found = raw_mentions(Article(id="a", text=text), doc)
    assert time.perf_counter() - started < 3
    assert {(m.text, m.label) for m in found} == {("Actress Amber Heard", "ORG")}


def test_a_person_whose_nickname_the_model_cut_stays_a_person() -> None:
    """NeuS: "Secret Service Director Randolph “Tex” Alles", taken up to "“Tex", is the story's
    subject, not a headline run into a quotation."""
    text = "Secret Service Director Randolph “Tex” Alles on Monday pushed back on reports."
    raw = [mention(text, "Randolph “Tex", "PERSON", cue=True)]
    assert [e.type for e in entities_of(raw, text)] == ["PERSON"]


def test_a_name_before_campaign_is_a_candidate_not_an_organization() -> None:
    """A NeuS story listed "Trump" among its organizations for "former Trump campaign chairman
    Paul Manafort"."""
    text = (
        "The first trial to emerge from the probe starts when former Trump campaign chairman "
        "Paul Manafort appears before a federal judge, the Internal Revenue Service said."
    )
    raw = [
        mention(text, "Trump", "ORG"),
        mention(text, "Paul Manafort", "PERSON"),
        mention(text, "Internal Revenue Service", "ORG"),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {
        "Trump": "PERSON",
        "Paul Manafort": "PERSON",
        "Internal Revenue Service": "ORG",
    }


def test_a_place_that_strains_to_do_something_stays_a_place() -> None:
    """ "Strain" is a verb too: "Texas strains to keep the lights on" dropped Texas, the only
    place of a sentence, as if it named a virus; "the UK strain" still names one."""

    text = (
        "Texas strains to keep the lights on as Europe strains under the heat. "
        "The UK strain is spreading, and the Brazil strains are too."
    )
    spans = [("Texas", "GPE"), ("Europe", "LOC"), ("UK", "GPE"), ("Brazil", "GPE")]
    found = [(m.text, m.label) for m in model_mentions(text, spans)]
    assert found == [("Texas", "PLACE"), ("Europe", "PLACE")]


def test_a_line_in_capitals_gives_no_names() -> None:
    """A Multi-News listicle about the London Underground listed "ELIZABETH TOOK CONTROL OF THE
    VICTORIA LINE" among its organizations, from its heading in capitals; another story's
    page in capitals gave "TIM WOULD" as a person. The prose's own names stay, acronyms too."""
    text = (
        "There’s an elevator, of course, but also an emergency spiral staircase. \n \n "
        "9. IN 1969, QUEEN ELIZABETH TOOK CONTROL OF THE VICTORIA LINE. \n \n "
        "In 1969, Queen Elizabeth II commemorated the opening of the Victoria Line, "
        "the BBC reported. \n \n "
        "THE CHILD SAID TIM WOULD SLEEP IN THE SAME BED."
    )
    spans = [
        ("ELIZABETH TOOK CONTROL OF THE VICTORIA LINE", "ORG"),
        ("Elizabeth II", "PERSON"),
        ("BBC", "ORG"),
        ("TIM WOULD", "PERSON"),
    ]
    found = [m.text for m in model_mentions(text, spans)]
    assert found == ["Elizabeth II", "BBC"]
    # a broadcast's transcript in capitals with its reporter's label ("Reporter:") in it: the
    # Multi-News story still listed "Tim Would (5)", "DORA", "FREE STORM" (MN val 136)
    text = (
        "A LOCAL SEX PREDATOR IS FLORIDA'S NEWEST MULTIMILLIONAIRE. Reporter: FOR 12 YEARS HE "
        "HAS APPEARED ON THE REGISTRY IN MOUNT DORA. THE CHILD SAID TIM WOULD SLEEP IN THE SAME "
        "BED. Reporter: THE WINNER HAS NOT RESPONDED TO A VOICEMAIL.\n\n"
        "Timothy Dale Poole won $3 million in Mount Dora, Florida Lottery officials said."
    )
    spans = [
        ("MOUNT DORA", "GPE"),
        ("TIM WOULD", "PERSON"),
        ("Timothy Dale Poole", "PERSON"),
        ("Mount Dora", "GPE"),
    ]
    found = [m.text for m in model_mentions(text, spans)]
    assert found == ["Timothy Dale Poole", "Mount Dora"]


def test_a_rank_without_its_stop_is_no_part_of_the_name() -> None:
    """A NeuS story (val_253) listed "Gen Amir Ali Hajizadeh" among its people: the British
    style writes the rank without a stop, as it writes "Lt Cmdr Adam Schantz" (Multi-News)."""
    text = (
        "Gen Amir Ali Hajizadeh, head of Iran’s Revolutionary Guard’s aerospace division, told "
        "state TV that his unit accepts “full responsibility”. Lt Cmdr Adam Schantz, in charge "
        "of the US Navy's Poseidon P8 plane, said it was not useful."
    )
    spans = [("Gen Amir Ali Hajizadeh", "PERSON"), ("Lt Cmdr Adam Schantz", "PERSON")]
    found = [m.text for m in model_mentions(text, spans)]
    assert found == ["Amir Ali Hajizadeh", "Adam Schantz"]
    # "First Lady" before a full name (NeuS train 1001); "Lady Gaga" is a name
    text = "Who is Mira Ricardel? First Lady Melania Trump wants her fired. Lady Gaga sang."
    spans = [("Lady Melania Trump", "PERSON"), ("Lady Gaga", "PERSON")]
    assert [m.text for m in model_mentions(text, spans)] == ["Melania Trump", "Lady Gaga"]
    # "Lady Bird" is Mrs. Johnson's name, not a title before "Bird Johnson"
    text = "Lady Bird Johnson planted wildflowers. First Lady Lady Bird Johnson spoke."
    spans = [("Lady Bird Johnson", "PERSON"), ("First Lady Lady Bird Johnson", "PERSON")]
    assert [m.text for m in model_mentions(text, spans)] == ["Lady Bird Johnson"] * 2
    text = "Among Us was the most downloaded game of the year."
    assert [m.text for m in model_mentions(text, [("Among Us", "ORG")])] == ["Among Us"]
    # a sentence's opening preposition taken into the name (NeuS train 1018)
    text = "Aboard Air Force One, Trump told reporters he was considering it."
    assert [m.text for m in model_mentions(text, [("Aboard Air Force One", "ORG")])] == [
        "Air Force One"
    ]
    # a bracket the model closed inside the name (Multi-News 74's "HealthDay)—A")
    text = "WEDNESDAY, Feb. 4, 2015 (HealthDay)\u2014A little jogging is good for you."
    assert [m.text for m in model_mentions(text, [("HealthDay)\u2014A", "ORG")])] == ["HealthDay"]
    # a post written short: the dev stream's Bears story listed "GM Ryan Pace"
    text = "Rapoport reported that GM Ryan Pace will lead the search. CEO Tim Cook spoke."
    spans = [("GM Ryan Pace", "PERSON"), ("CEO Tim Cook", "PERSON")]
    assert [m.text for m in model_mentions(text, spans)] == ["Ryan Pace", "Tim Cook"]


def test_a_name_the_article_gives_a_germ_is_no_person() -> None:
    """A Multi-News story on Flint's water listed "Legionella" (12 mentions) and
    "Legionnaires" among its people: the article writes "the Legionella bacteria" and
    "Legionnaires’ disease", and means the germ by the name alone too. People stay."""
    from newsdigest.facts.ner import load_nlp, raw_mentions

    text = (
        "Flint’s water supply still hasn’t been tested for the Legionella bacteria. Two days "
        "later, they had an answer: Legionnaires’ disease, a virulent form of pneumonia. "
        "Legionella thrives in warm water, said Amy Pruden of Virginia Tech."
    )
    starts = [
        text.index("Legionella"),
        text.index("Legionnaires"),
        text.index("Legionella thrives"),
        text.index("Amy Pruden"),
    ]
    doc = load_nlp().make_doc(text)
    doc.ents = [
        doc.char_span(k, text.index(" ", k + 4 if k == starts[3] else k), label="PERSON")
        for k in starts
    ]
    found = [m.text for m in raw_mentions(Article(id="a", text=text), doc)]
    assert found == ["Amy Pruden"]


def test_a_persons_infection_leaves_the_person() -> None:
    """Hostile review: "Trump’s infection" and "Cuomo’s virus briefings" had made Trump and
    Cuomo germs, and dropped them from the article's people; a disease keeps its name's
    possessive ("Lou Gehrig's disease")."""
    text = (
        "Donald Trump’s infection was announced on Friday. Andrew Cuomo’s virus briefings went "
        "on, and Lou Gehrig's disease was named for a player."
    )
    spans = [("Donald Trump", "PERSON"), ("Andrew Cuomo", "PERSON"), ("Lou Gehrig", "PERSON")]
    found = [m.text for m in model_mentions(text, spans)]
    assert found == ["Donald Trump", "Andrew Cuomo"]


def _timed_mentions(text: str, marker: str) -> float:
    """Seconds ``raw_mentions`` takes over ``text`` whose every word opening with ``marker``
    the model called a person."""
    import time

    from spacy.tokens import Span

    from newsdigest.facts.ner import load_nlp, raw_mentions

    doc = load_nlp().make_doc(text)
    doc.ents = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc if t.text.startswith(marker)]
    began = time.perf_counter()
    raw_mentions(Article(id="a", text=text), doc)
    return time.perf_counter() - began


def test_many_names_in_a_long_article_take_linear_time() -> None:
    """Hostile review: 2,000 names in 64 KB took 4.5 s (each name's line in capitals read again)
    and 6 s (a search of the whole text for each name before a germ's word)."""
    names = [
        f"Smith{chr(65 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}" for i in range(2000)
    ]
    prose = " ".join(f"{n} met the mayor and left" for n in names) + "."
    assert _timed_mentions(prose, "Smith") < 1.0
    assert _timed_mentions(prose.upper(), "SMITH") < 1.0


def test_a_short_form_of_two_given_names_is_one_of_them() -> None:
    """Hostile review: "Chris" shortens Christopher and Christine; a story naming "Chris
    Smith", his father Christopher Smith and his sister Christine Smith had made them one
    person. The short form joins the first full name it meets, and an initial still joins."""
    text = (
        "Chris Smith spoke first. Christopher Smith, his father, came. C. Smith left, and "
        "Christine Smith, his sister, stayed."
    )
    raw = [
        mention(text, n, "PERSON")
        for n in ("Chris Smith", "Christopher Smith", "C. Smith", "Christine Smith")
    ]
    people = sorted(sorted(m.text for m in e.mentions) for e in entities_of(raw, text))
    assert people == [["C. Smith", "Chris Smith", "Christopher Smith"], ["Christine Smith"]]


def test_a_hyphenated_given_name_names_a_person() -> None:
    """A NeuS story (train_2420) listed Sweden's deputy prosecutor "Eva-Marie Persson" among
    its organizations (the small model labels such names ORG) and "Marie Persson", the model's
    cut of the same name in another outlet, among its people. A company named for two
    founders stays a company."""
    from newsdigest.facts.canonical import same_person_name

    text = (
        "The country's deputy director of public prosecution, Eva-Marie Persson, told "
        "reporters in Stockholm. Bristol-Myers Squibb said its drug had failed a trial."
    )
    spans = [("Eva-Marie Persson", "ORG"), ("Bristol-Myers Squibb", "ORG")]
    assert [(m.text, m.label) for m in model_mentions(text, spans)] == [
        ("Eva-Marie Persson", "PERSON"),
        ("Bristol-Myers Squibb", "ORG"),
    ]
    assert same_person_name("Marie Persson", "Eva-Marie Persson")
    assert not same_person_name("Marie Persson", "Anna Persson")


def test_a_newspaper_named_as_one_is_no_person() -> None:
    """A dev-stream story listed "Chosun Ilbo (10)" and "Haaretz (3)" among its people: the
    text calls each a newspaper beside its name. Told the newspaper, or a broadcaster, a
    person stays one."""
    text = (
        "The South Korean newspaper Chosun Ilbo said this week that ships met at sea. "
        "Chosun Ilbo said the KOTI belongs to a company. A commentator in Israeli left-wing "
        "newspaper Haaretz said Israel risked a lot. Officials told Haaretz so. "
        "Police told the newspaper Jane Doe was safe. Jane Doe said she was safe. "
        "Iconic Chicago broadcaster Harry Caray sang. Harry Caray said hello."
    )
    raw = [
        mention(text, "Chosun Ilbo", "PERSON", cue=True),
        mention(text, "Chosun Ilbo", "PERSON", 1, cue=True),
        mention(text, "Haaretz", "PERSON", cue=True),
        mention(text, "Haaretz", "PERSON", 1),
        mention(text, "Jane Doe", "PERSON"),
        mention(text, "Jane Doe", "PERSON", 1, cue=True),
        mention(text, "Harry Caray", "PERSON"),
        mention(text, "Harry Caray", "PERSON", 1, cue=True),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types["Chosun Ilbo"] == types["Haaretz"] == "ORG"
    assert types["Jane Doe"] == types["Harry Caray"] == "PERSON"


def test_a_place_made_an_adjective_is_no_place() -> None:
    """A NeuS digest listed "Where: Puerto Rico; U.S.-made" from "the Jones Act, the law that
    restricts domestic shipping to U.S.-made, U.S.-owned boats"; the place itself stays."""
    text = (
        "The law restricts shipping to U.S.-made boats. A Texas-based firm builds them. "
        "Ships sailed to Puerto Rico. The storm hit Puerto Rico."
    )
    raw = [
        mention(text, "U.S.-made", "PLACE"),
        mention(text, "Texas-based", "PLACE"),
        mention(text, "Puerto Rico", "PLACE"),
        mention(text, "Puerto Rico", "PLACE", 1),
    ]
    places = {e.name for e in entities_of(raw, text) if e.type == "PLACE"}
    assert places == {"Puerto Rico"}


def test_a_court_case_is_no_person_organization_or_place() -> None:
    """A Multi-News digest (Kimble v. Marvel) listed "Who: Brulotte v. Thys" and
    "Organizations: Kimble v. Marvel", a dev-stream one "Where: Auckland v. Oakland": a case
    or a match, none of them. The parties named alone stay."""
    text = (
        "The court cited Brulotte v. Thys in Kimble v. Marvel. Stephen Kimble said he lost. "
        "Marvel said it won. It was Auckland v. Oakland for the passengers in Auckland."
    )
    raw = [
        mention(text, "Brulotte v. Thys", "PERSON"),
        mention(text, "Kimble v. Marvel", "ORG"),
        mention(text, "Stephen Kimble", "PERSON", cue=True),
        mention(text, "Marvel", "ORG", 1),
        mention(text, "Auckland v. Oakland", "PLACE"),
        mention(text, "Auckland", "PLACE", 1),
    ]
    names = {e.name for e in entities_of(raw, text)}
    assert names == {"Stephen Kimble", "Marvel", "Auckland"}


def test_a_name_ending_as_a_newspaper_does_is_no_person() -> None:
    """A dev-stream digest (China's moon landing) listed "People's Daily (2)" among its people,
    from "the official People's Daily said": no person's name ends in Daily, Gazette or
    Tribune."""
    text = (
        "The rover will launch in June, the official People's Daily said. People's Daily "
        "said the mission was hard. The Chicago Tribune reported it too. Hu Hao said it was "
        "hard."
    )
    raw = [
        mention(text, "People's Daily", "PERSON", cue=True),
        mention(text, "People's Daily", "PERSON", 1, cue=True),
        mention(text, "Chicago Tribune", "PERSON"),
        mention(text, "Hu Hao", "PERSON", cue=True),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types["People's Daily"] == "ORG"
    assert types.get("Chicago Tribune") != "PERSON"  # an outlet only cited is no entity at all
    assert types["Hu Hao"] == "PERSON"


def test_a_name_quoted_whole_is_a_title_not_a_person() -> None:
    """Dev-stream digests listed "Space Oddity (5)" (David Bowie's "Space Oddity.") and "Bill
    (17)" ("Kill Bill") among their people: a name that is each time the whole of a quotation
    is a song's or a film's. A name called out ('"Monica?"') or quoted once stays a person."""
    text = (
        'The car will play David Bowie\'s "Space Oddity." Fans sang “Space Oddity” and '
        '"Space Oddity," all night. David Bowie said so. He squinted at her. "Monica?" '
        '"Stephanie." He asked again: "Monica!" Monica laughed.'
    )
    raw = [
        mention(text, "David Bowie", "PERSON"),
        mention(text, "Space Oddity", "PERSON"),
        mention(text, "Space Oddity", "PERSON", 1),
        mention(text, "Space Oddity", "PERSON", 2),
        mention(text, "David Bowie", "PERSON", 1, cue=True),
        mention(text, "Monica", "PERSON"),
        mention(text, "Monica", "PERSON", 1),
        mention(text, "Monica", "PERSON", 2, cue=True),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert "Space Oddity" not in types
    assert types["David Bowie"] == types["Monica"] == "PERSON"


def test_an_occupation_before_a_name_or_a_who_after_it_makes_a_person() -> None:
    """Dev stream: "backup Landry Jones" and "Chamath Palihapitiya, a venture capitalist who
    ..." (the model read both as organizations every time) were listed among the
    organizations of a Steelers game and of a story on tech addiction."""
    from newsdigest.facts.ner import load_nlp, raw_mentions

    text = (
        "Roethlisberger was replaced by backup Landry Jones with six minutes left. Later "
        "backup Landry Jones threw an interception. Chamath Palihapitiya, a venture capitalist "
        "who was an early Facebook executive, spoke out. The former vice president of growth, "
        "Chamath Palihapitiya, also accused Facebook. In December, former Facebook executive "
        "Chamath Palihapitiya said he felt guilty. Facebook has not commented."
    )
    doc = load_nlp().make_doc(text)
    spans = []
    for name in ("Landry Jones", "Chamath Palihapitiya", "Facebook"):
        at = text.find(name)
        while at >= 0:
            spans.append(doc.char_span(at, at + len(name), label="ORG"))
            at = text.find(name, at + 1)
    doc.ents = sorted(spans, key=lambda s: s.start)
    types = {
        e.name: e.type for e in entities_of(raw_mentions(Article(id="a", text=text), doc), text)
    }
    assert types["Landry Jones"] == "PERSON"
    assert types["Chamath Palihapitiya"] == "PERSON"
    assert types["Facebook"] == "ORG"  # an executive's company stays one


def test_a_lawmakers_party_label_names_no_place() -> None:
    """NeuS val: "Senate Majority Leader Mitch McConnell (R-Ky.) on Thursday blocked ..." made
    a digest's "Where: Kentucky"; a state also named as a place stays one."""
    text = (
        "Senate Majority Leader Mitch McConnell (R-Ky.) on Thursday blocked two bills. Sen. "
        "Ted Cruz, R-Texas, said the vote was pointless. Cruz later flew home to Texas."
    )
    raw = [
        mention(text, "Mitch McConnell", "PERSON"),
        mention(text, "Ky.", "PLACE"),
        mention(text, "Ted Cruz", "PERSON"),
        mention(text, "Texas", "PLACE"),
        mention(text, "Texas", "PLACE", 1),
    ]
    places = [e.name for e in entities_of(raw, text) if e.type == "PLACE"]
    assert places == ["Texas"]


def test_a_name_the_story_calls_a_village_is_a_place() -> None:
    """Dev stream: "the West Bank village of Nabi Saleh" and "She is from Nebi Saleh is a
    village of about 600 people", read as a person each time, were listed among the people of
    Ahed Tamimi's story; a person from a village stays a person."""
    text = (
        "Ahed Tamimi, 16, lives in the West Bank village of Nabi Saleh. Protests are held in "
        "Nabi Saleh is a village of about 600 people. Tamimi's lawyer Gaby Lasky said the "
        "trial was unfair. Gaby Lasky is from the town of Haifa."
    )
    raw = [
        mention(text, "Ahed Tamimi", "PERSON"),
        mention(text, "Nabi Saleh", "PERSON"),
        mention(text, "Nabi Saleh", "PERSON", 1),
        mention(text, "Gaby Lasky", "PERSON", cue=True),
        mention(text, "Gaby Lasky", "PERSON", 1),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types["Nabi Saleh"] == "PLACE"
    assert types["Gaby Lasky"] == types["Ahed Tamimi"] == "PERSON"


def test_a_brands_camel_case_word_is_no_person() -> None:
    """Dev stream: the model read "SpaceX" as a person 43 times of 45, and a digest listed
    "SpaceX (35)" among its people; a surname's prefix ("McConnell", "LeBron", "MacLaine")
    is no brand."""
    text = (
        "SpaceX said the rocket was ready. SpaceX will launch on Tuesday. Shirley MacLaine "
        "watched. MacLaine said she loved it. LeBron said it was great."
    )
    raw = [
        mention(text, "SpaceX", "PERSON", cue=True),
        mention(text, "SpaceX", "PERSON", 1),
        mention(text, "Shirley MacLaine", "PERSON"),
        mention(text, "MacLaine", "PERSON", 1, cue=True),
        mention(text, "LeBron", "PERSON", cue=True),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types["SpaceX"] == "ORG"
    assert types["Shirley MacLaine"] == types["LeBron"] == "PERSON"


def test_a_name_run_into_its_platform_is_no_entity() -> None:
    """Dev stream: "Tavon Kaiseen Alleyne on Instagram" (the model's span) was listed among
    the organizations of Rihanna's cousin's story, beside the person."""
    text = (
        "Rihanna mourned Tavon Kaiseen Alleyne on Instagram. Tavon Kaiseen Alleyne died on "
        "Tuesday. Alleyne was shot in Barbados. Instagram removed nothing."
    )
    raw = [
        mention(text, "Tavon Kaiseen Alleyne on Instagram", "ORG"),
        mention(text, "Tavon Kaiseen Alleyne", "PERSON", 1),
        mention(text, "Instagram", "ORG", 1),
    ]
    names = {e.name: e.type for e in entities_of(raw, text)}
    assert "Tavon Kaiseen Alleyne on Instagram" not in names
    assert names["Tavon Kaiseen Alleyne"] == "PERSON"
    assert names["Instagram"] == "ORG"


def test_a_customary_honorific_is_a_persons_and_not_part_of_the_name() -> None:
    """The dev stream's Chibok story listed "Garba Shehu (5)" and "Mallam Garba Shehu (3)" as
    two people: the model took the honorific and name for an organization. A name after
    "Mallam", "Sheikh", "Rabbi" ... is a person's, trimmed of it; a building or a prize named
    after one stays what it is ("Sheikh Zayed Mosque")."""

    text = (
        "Mallam Garba Shehu said the talks would continue. Rabbi Jacob Luski spoke at the "
        "service. Visitors filled the Sheikh Zayed Mosque."
    )
    spans = [
        ("Mallam Garba Shehu", "ORG"),
        ("Rabbi Jacob Luski", "PERSON"),
        ("Sheikh Zayed Mosque", "ORG"),
    ]
    found = [(m.text, m.label) for m in model_mentions(text, spans)]
    assert found == [
        ("Garba Shehu", "PERSON"),
        ("Jacob Luski", "PERSON"),
        ("Sheikh Zayed Mosque", "ORG"),
    ]


def test_a_name_the_story_calls_an_armed_group_is_an_organization() -> None:
    """The dev stream's Chibok story led its Who list with "Boko Haram (71)": the model typed
    it a person 61 times in 75. A name whose fighters the story counts ("Boko Haram
    militants") or that it calls "the militant group ..." is an organization; a person's
    supporters are not fighters ("Trump supporters")."""
    for text in (
        "Boko Haram freed the girls. Boko Haram said the talks would go on. Boko Haram "
        "militants freed 21 girls. Trump supporters cheered and Trump said it was good news.",
        "Boko Haram freed the girls. Boko Haram said the talks would go on. The extremist "
        "group Boko Haram freed 21 girls. Trump supporters cheered and Trump said it was good.",
    ):
        raw = [
            mention(text, "Boko Haram", "PERSON"),
            mention(text, "Boko Haram", "PERSON", 1, cue=True),
            mention(text, "Boko Haram", "PERSON", 2),
            mention(text, "Trump", "PERSON"),
            mention(text, "Trump", "PERSON", 1, cue=True),
        ]
        types = {e.name: e.type for e in entities_of(raw, text)}
        assert types["Boko Haram"] == "ORG"
        assert types["Trump"] == "PERSON"


def test_a_disease_is_no_organization() -> None:
    """Five NeuS stories listed "COVID-19" or "Coronavirus" among their organizations; a body
    named for one stays ("Coronavirus Task Force")."""
    text = (
        "COVID-19 cases rose again. Coronavirus spread in Florida. The Coronavirus Task Force "
        "met on Monday. Ebola returned."
    )
    spans = [
        ("COVID-19", "ORG"),
        ("Coronavirus", "ORG"),
        ("Coronavirus Task Force", "ORG"),
        ("Ebola", "PLACE"),
    ]
    found = [(m.text, m.label) for m in model_mentions(text, spans)]
    assert found == [("Coronavirus Task Force", "ORG")]


def test_a_country_written_short_is_a_place_whatever_it_added() -> None:
    """A NeuS jobs story listed "U.S. (3)" under Who: "U.S. employers", "the US economy" and
    "America has added back 16.7 million jobs", whose "added" read as a speech verb."""
    text = (
        "U.S. employers hired more workers. The US economy added jobs. Since May, America has "
        "added back 16.7 million jobs."
    )
    raw = [
        mention(text, "U.S.", "PLACE"),
        mention(text, "US", "PLACE"),
        mention(text, "America", "PLACE", cue=True),
    ]
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("United States", "PLACE")]


def test_a_rank_or_an_occupation_alone_is_no_organization() -> None:
    """A NeuS story listed "Rear Adm." (of "Rear Adm. Hossein Khanzadi said") among its
    organizations, and a dev-stream story "Captain"; a body with a rank in its name stays
    ("General Motors")."""
    text = (
        "Rear Adm. Hossein Khanzadi said so. The Captain spoke. General Motors apologised. "
        "Actress won."
    )
    spans = [("Rear Adm.", "ORG"), ("Captain", "ORG"), ("General Motors", "ORG")]
    spans += [("Actress", "ORG")]  # an occupation alone (the dev stream's Silverman story)
    found = [(m.text, m.label) for m in model_mentions(text, spans)]
    assert found == [("General Motors", "ORG")]


def test_a_leaders_fighters_leave_him_a_person() -> None:
    """ "Haftar's fighters" or "pro-Haftar fighters" are a leader's men: Khalifa Haftar had been
    typed an organization by the armed-group rule."""
    for text in (
        "Khalifa Haftar launched an offensive. Haftar's fighters advanced. Haftar spoke.",
        "Khalifa Haftar launched an offensive. pro-Haftar fighters advanced. Haftar spoke.",
    ):
        raw = [
            mention(text, "Khalifa Haftar", "PERSON"),
            mention(text, "Haftar", "PERSON", 1),
            mention(text, "Haftar", "PERSON", 2),
        ]
        types = {e.name: e.type for e in entities_of(raw, text)}
        assert types["Khalifa Haftar"] == "PERSON"


def test_a_rank_or_an_occupation_that_is_a_name_stays() -> None:
    """The rank-or-occupation rule had dropped the insurer "Admiral" and the surname "Singer"
    (Paul Singer) written alone; "the Captain" and "Actress Uma Thurman"'s cut-off "Actress"
    still go."""
    for text, spans, kept in (
        ("Admiral said its profits rose.", [("Admiral", "ORG")], ["Admiral"]),
        ("Singer said the board failed.", [("Singer", "PERSON")], ["Singer"]),
        ("Then the Captain spoke.", [("Captain", "ORG")], []),
        ("Actress Uma Thurman spoke.", [("Actress", "PERSON")], []),
        ("Actress Uma Thurman spoke.", [("Actress", "ORG")], []),
    ):
        assert [m.text for m in model_mentions(text, spans)] == kept, text


def test_a_picture_agency_alone_is_no_person() -> None:
    # dev stream (Tiangong-1, a Yahoo page): "Play slideshow Getty Images 1 of 35 American
    # geologist ..." listed "Getty Images" among the story's people
    text = (
        "NASA space station. Play slideshow Getty Images 1 of 35 American geologist Harrison "
        "Schmitt stands next to the flag."
    )
    raw = [
        mention(text, "Getty Images", "PERSON"),
        mention(text, "Harrison Schmitt", "PERSON"),
        mention(text, "NASA", "ORG"),
    ]
    kinds = {e.name: e.type for e in entities_of(raw, text)}
    assert "Getty Images" not in kinds
    assert kinds["Harrison Schmitt"] == "PERSON"


def test_a_persons_owned_noun_and_a_cut_nickname_are_not_the_name() -> None:
    # Multi-News 107 and 111: "Who: Obama’s re-election (24)" ("Obama’s re-election proposition
    # remains pretty bad") and "Who: Harold 'Devin (9); ... Devin Lima (7); ... Harold Lima
    # (1)", one singer three times, once with his nickname's mark left open
    from newsdigest.facts.canonical import same_person_name

    text = "Qua politics? Obama’s re-election proposition remains pretty bad, Obama said."
    assert [m.text for m in model_mentions(text, [("Obama’s re-election", "PERSON")])] == ["Obama"]
    text = "I confirm that Harold 'Devin' Lima passed away early this morning, he said."
    for span in ("Harold 'Devin'", "Harold 'Devin"):
        assert [m.text for m in model_mentions(text, [(span, "PERSON")])] == ["Harold 'Devin' Lima"]
    assert same_person_name("Harold 'Devin' Lima", "Devin Lima")
    assert same_person_name("Harold 'Devin' Lima", "Harold Lima")
    assert not same_person_name("Harold 'Devin' Lima", "Devin Smith")
    text = "Macy's Thanksgiving Day Parade will go on, Macy's said on Monday."
    kept = [m.text for m in model_mentions(text, [("Macy's Thanksgiving Day Parade", "ORG")])]
    assert kept == ["Macy's Thanksgiving Day Parade"]  # an organization's span is the model's
    # ... less the common nouns after its name (``test_no_name_ends_in_a_word_in_lower_case``)
    text = "McDonald's restaurants will close early, McDonald's said on Monday."
    kept = [m.text for m in model_mentions(text, [("McDonald's restaurants", "ORG")])]
    assert kept == ["McDonald's"]


def test_the_white_house_and_a_states_supreme_court_are_no_people() -> None:
    # NeuS train 1421 and 1404: "Who: Jen Psaki (4); Joe Biden (4); White House (3)", "Who:
    # Gretchen Whitmer (3); Supreme Court (1)": the speech verb after them read as a person's;
    # a person whose surname is such a word takes no "the" (Margaret Court)
    text = (
        "The White House announced the largest increase on Tuesday. Michigan’s Supreme Court "
        "declared the measure unconstitutional. Margaret Court said she was proud of her titles."
    )
    raw = [
        mention(text, "White House", "PERSON", cue=True),
        mention(text, "Supreme Court", "PERSON", cue=True),
        mention(text, "Margaret Court", "PERSON", cue=True),
    ]
    kinds = {e.name: e.type for e in entities_of(raw, text)}
    assert kinds["White House"] == "ORG"
    assert kinds["Supreme Court"] == "ORG"
    assert kinds["Margaret Court"] == "PERSON"


def test_a_one_word_name_the_story_writes_with_a_legal_form_is_the_company() -> None:
    """The dev stream's Equifax story listed "Equifax (73)" first among its people: the model
    read "Equifax said" as a person speaking (and a logo's "Equifax Equifax"), beside "Equifax
    Inc."; a person's surname stays
    a person's (the story writes the full name)."""
    text = (
        "Equifax said on Monday that hackers stole data. Equifax said more people were hit. "
        "Shares of Equifax Inc. fell. Equifax Equifax is a logo. Michael Bloomberg said the firm erred. Bloomberg said so "
        "again, and Bloomberg Inc. declined to comment."
    )
    raw = [
        mention(text, "Equifax", "PERSON", 0, cue=True),
        mention(text, "Equifax", "PERSON", 1, cue=True),
        mention(text, "Equifax Inc.", "ORG"),
        mention(text, "Equifax Equifax", "PERSON"),
        mention(text, "Michael Bloomberg", "PERSON", cue=True),
        mention(text, "Bloomberg", "PERSON", 1, cue=True),
        mention(text, "Bloomberg Inc.", "ORG"),
    ]
    found = {(e.name, e.type, len(e.mentions)) for e in entities_of(raw, text)}
    assert found == {
        ("Equifax Inc.", "ORG", 4),
        ("Michael Bloomberg", "PERSON", 2),
        ("Bloomberg Inc.", "ORG", 1),
    }


def test_a_persons_given_name_never_written_as_a_place_is_no_place() -> None:
    """Multi-News val 141: the story of a boy, Jordan Belliveau ("... searching for any sign of
    Jordan"), listed "Where: Jordan" first; a country written where a place is stays one."""
    text = (
        "Police found 2-year-old Jordan Belliveau on Tuesday. She accepted the ride because "
        "Jordan was becoming too heavy to carry. Officers searched for any sign of Jordan. "
        "Belliveau's family wept."
    )
    raw = [
        mention(text, "Jordan Belliveau", "PERSON"),
        mention(text, "Jordan", "PLACE", 1),
        mention(text, "Jordan", "PLACE", 2),
        mention(text, "Belliveau", "PERSON", 1),
    ]
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Jordan Belliveau", "PERSON")]
    text += " His uncle flew home to Jordan on Monday."
    raw.append(mention(text, "Jordan", "PLACE", 3))
    assert ("Jordan", "PLACE") in [(e.name, e.type) for e in entities_of(raw, text)]


def test_a_website_is_no_persons_name() -> None:
    """ "Edmunds.com said ..." had listed the car site under Who (Multi-News validation 143)."""
    from newsdigest.facts.canonical import _could_be_a_name

    assert not _could_be_a_name("Edmunds.com")
    assert not _could_be_a_name("Politico.co.uk")
    assert _could_be_a_name("Efraim Levy")


def test_a_rank_a_pronoun_or_a_dash_after_a_name_is_cut_off() -> None:
    """NeuS train 2287, 2286 and 2203 listed "U.S. Air National Guard Capt", "National
    Cathedral for his" and "Where: New York-"; "Rear" of "Rear Adm." goes with its rank.
    "Mulholland Dr." is a drive."""
    text = (
        "U.S. Air National Guard Capt. Chelsi Johnson spoke. A service at the National "
        "Cathedral for his family. NEW YORK- Doctors in New York- said so. The Navy Rear "
        "Adm. John Kirby said. They met on Mulholland Dr. in the hills."
    )
    raw = model_mentions(
        text,
        [
            ("U.S. Air National Guard Capt", "ORG"),
            ("National Cathedral for his", "ORG"),
            ("New York-", "GPE"),
            ("Navy Rear Adm.", "ORG"),
            ("Mulholland Dr.", "FAC"),
        ],
    )
    assert [m.text for m in raw] == [
        "U.S. Air National Guard",
        "National Cathedral",
        "New York",
        "Navy",
        "Mulholland Dr.",
    ]


def test_a_surname_with_its_particle_joined_reads_as_a_name() -> None:
    """NeuS train 2203 listed the trauma doctor "Mike deBoisblanc" among the organizations."""
    from newsdigest.facts.canonical import _could_be_a_name

    assert _could_be_a_name("Mike deBoisblanc")
    assert _could_be_a_name("Jacob deGrom")
    assert not _could_be_a_name("Saturn V moon")
    assert not _could_be_a_name("Mike deboisblanc")


def test_a_star_a_host_or_a_lawmaker_before_a_name_is_a_person() -> None:
    """NeuS train 589 and 1809 listed "Stormy Daniels" among the organizations, each mention
    the model's ORG ("Adult film star Stormy Daniels sued ...")."""
    text = (
        "Adult film star Stormy Daniels sued the president. The porn star Stormy Daniels thinks "
        "a deal is void. Stormy Daniels is suing."
    )
    raw = model_mentions_at(text, [("Stormy Daniels", "ORG", nth) for nth in range(3)])
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Stormy Daniels", "PERSON")]


def test_a_name_the_model_cut_in_two_is_one_name() -> None:
    """'Rep. [Sheila Jackson] [Lee]': NeuS train 1701 and Multi-News listed "Sheila Jackson"
    and "Lee" (or "Jackson Lee") as people. A possessive before the next name is two."""
    text = (
        "Rep. Sheila Jackson Lee (D-Texas) is drafting a resolution. A spokesman for Jackson "
        "Lee said so. Cardell Hayes's Hummer was hit."
    )
    spans = [("Sheila Jackson", 0), ("Lee", 0), ("Jackson Lee", 1), ("Cardell Hayes", 0)]
    raw = model_mentions_at(text, [(s, "PERSON", nth) for s, nth in [*spans, ("Hummer", 0)]])
    assert [m.text for m in raw] == ["Sheila Jackson Lee", "Jackson Lee", "Cardell Hayes", "Hummer"]
    people = [e.name for e in entities_of(raw, text) if e.type == "PERSON"]
    assert "Sheila Jackson Lee" in people and "Jackson Lee" not in people


def test_a_name_of_two_words_joins_the_same_name_with_its_given_name() -> None:
    """ "Tayyip Erdogan" and "Recep Tayyip Erdogan", "Manigault Newman" and "Omarosa Manigault
    Newman" (NeuS Who lists had both); not a word the model took into a name ("RIP Marty
    Balin", "Gymnasts Simone Biles", "Saint Will Smith")."""
    from newsdigest.facts.canonical import same_person_name

    assert same_person_name("Tayyip Erdogan", "Recep Tayyip Erdogan")
    assert same_person_name("Omarosa Manigault Newman", "Manigault Newman")
    assert same_person_name("Vance Jr.", "Cyrus Vance Jr.")
    assert not same_person_name("RIP Marty Balin", "Marty Balin")
    assert not same_person_name("Gymnasts Simone Biles", "Simone Biles")
    assert not same_person_name("Saint Will Smith", "Will Smith")
    assert not same_person_name("D.C. Mohammad Anwar", "Mohammad Anwar")


def test_a_company_called_one_or_named_with_its_vaccine_is_no_person() -> None:
    """NeuS train 2201 listed "Drugmaker Pfizer (3)" under Who ("Drugmaker Pfizer said
    Thursday ...", "Pfizer said it would ..."), 78 "Moderna’s COVID-19" and 1758 dropped
    Moderna, read a person four times and a place once. A person named before a vaccine
    with a title stays one."""
    text = (
        "Drugmaker Pfizer said Thursday it sees waning immunity. Pfizer said it would publish "
        "data. Pfizer announced a booster. The FDA backed Moderna’s COVID-19 vaccine. Moderna "
        "said it was safe. The FDA reviewed Moderna’s request. It endorsed Moderna’s coronavirus "
        "vaccine. President Biden said the Biden vaccine plan works."
    )
    raw = model_mentions_at(
        text,
        [
            ("Drugmaker Pfizer", "PERSON", 0),
            ("Pfizer", "PERSON", 1),
            ("Pfizer", "PERSON", 2),
            ("Moderna’s COVID-19", "PERSON", 0),
            ("Moderna", "PERSON", 1),
            ("Moderna", "PERSON", 2),
            ("Moderna", "GPE", 3),
            ("Biden", "PERSON", 0),
            ("Biden", "PERSON", 1),
        ],
    )
    assert [m.text for m in raw][:4] == ["Pfizer", "Pfizer", "Pfizer", "Moderna"]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {"Pfizer": "ORG", "Moderna": "ORG", "Biden": "PERSON"}


def test_a_company_called_one_joins_its_longer_name() -> None:
    """NeuS train 1631: "firearms manufacturer Remington Arms" (the model's person) is
    "Remington Arms Co.", not a second organization beside it."""
    text = "They denied a bid from firearms manufacturer Remington Arms. Remington Arms Co. lost."
    raw = model_mentions_at(
        text, [("Remington Arms", "PERSON", 0), ("Remington Arms Co.", "ORG", 0)]
    )
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Remington Arms Co.", "ORG")]


def test_a_place_the_model_never_read_as_a_person_is_none_after_official() -> None:
    """NeuS train 2292 listed "United States (2)" under Who, 2208 "Washington (1)": "70 years
    of official United States policy", "the rest of official Washington" ("official" read as
    a title). A city the model reads as a person with a title stays one ("Mr. Jordan")."""
    text = (
        "It breaks with 70 years of official United States policy. The U.S. objected. It "
        "shook official Washington. Mr. Jordan said no."
    )
    raw = model_mentions_at(
        text,
        [("United States", "GPE", 0), ("U.S.", "GPE", 0), ("Washington", "GPE", 0)]
        + [("Jordan", "PERSON", 0)],
    )
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types == {"United States": "PLACE", "Washington": "PLACE", "Jordan": "PERSON"}


def test_a_news_site_is_no_person_and_an_owner_no_part_of_a_name() -> None:
    """NeuS train 2200 listed "Politico’s Playbook (6)" under Who (Politico's newsletter and
    Politico, which "faced an internal uproar"); Multi-News 73 "Lightspeed’s Jeremy Liew"."""
    text = (
        "Ben Shapiro guest wrote Politico’s Playbook newsletter. Politico faced an uproar. "
        "Staff at Politico were sad. Lightspeed’s Jeremy Liew said so. Liew invested."
    )
    raw = model_mentions_at(
        text,
        [("Politico’s Playbook", "PERSON", 0), ("Politico", "PERSON", 1)]
        + [
            ("Politico", "ORG", 2),
            ("Lightspeed’s Jeremy Liew", "PERSON", 0),
            ("Liew", "PERSON", 1),
        ],
    )
    found = {(e.name, e.type) for e in entities_of(raw, text)}
    assert ("Politico", "ORG") in found and ("Jeremy Liew", "PERSON") in found
    assert not {name for name, _ in found} & {"Politico’s Playbook", "Lightspeed’s Jeremy Liew"}


def test_the_department_of_a_thing_is_the_things_department() -> None:
    """52 stories of the local sets listed "Department of Justice" beside "Justice
    Department" (NeuS train 2230, 2246), "Department of the Interior" beside "Interior
    Department" (2210). A department of another thing stays another."""
    from newsdigest.facts.canonical import _place_or_org_key

    key = _place_or_org_key
    assert key("Department of Justice") == key("Justice Department")
    assert key("Department of the Interior") == key("Interior Department")
    assert key("US Department of Labor") == key("Labor Department")
    assert key("Ministry of Defence") == key("Defence Ministry")
    assert key("Department of Justice") != key("Department of Labor")
    assert key("Department of State") != key("State")


def test_a_variant_a_storm_or_a_doctrine_is_no_entity() -> None:
    """NeuS train 2298 listed "Where: Delta" and "Alpha" among the organizations (the
    variants: "the Delta variant", then "Delta accounts for ..."), 2278 "Where: Hurricane
    Florence", 542 "Hurricane Laura" under Who, 2281 "Where: Marxism". Delta Air Lines, in a
    story with no variant, stays."""
    text = (
        "The Delta variant spreads. Delta now accounts for most cases, and Alpha variant cases "
        "fall. Hurricane Florence hit Wilmington. Hurricane Laura made landfall. Hurricane "
        "Laura was strong. He taught Marxism in Kent."
    )
    raw = model_mentions_at(
        text,
        [
            ("Delta", "GPE", 1),
            ("Alpha", "ORG", 0),
            ("Hurricane Florence", "GPE", 0),
            ("Wilmington", "GPE", 0),
            ("Laura", "PERSON", 0),
            ("Laura", "PERSON", 1),
            ("Marxism", "GPE", 0),
            ("Kent", "GPE", 0),
        ],
    )
    assert [e.name for e in entities_of(raw, text)] == ["Kent", "Wilmington"]
    text = "Delta cancelled flights. Delta said storms hit Atlanta."
    raw = model_mentions_at(text, [("Delta", "ORG", 0), ("Delta", "ORG", 1)])
    assert [e.name for e in entities_of(raw, text)] == ["Delta"]


def test_a_name_paired_with_a_person_or_given_its_real_name_is_a_person() -> None:
    """Multi-News 28 listed "Kris Humphries" among the organizations ("Kim Kardashian and
    Kris Humphries were seen ..."; "Humphries said"), 34 "Stormy Daniels" ("Stormy Daniels,
    whose real name is Stephanie Clifford"). "Kim Kardashian and Sony Music", whose "Music"
    is never written alone, stay two kinds."""
    text = (
        "Kim Kardashian and Kris Humphries were seen leaving. Rumors say Kim Kardashian and "
        "Kris Humphries split. Humphries said nothing. Kim Kardashian and Sony Music signed."
    )
    raw = model_mentions_at(
        text,
        [
            ("Kim Kardashian", "PERSON", 0),
            ("Kris Humphries", "ORG", 0),
            ("Kim Kardashian", "PERSON", 1),
            ("Kris Humphries", "ORG", 1),
            ("Kim Kardashian", "PERSON", 2),
            ("Sony Music", "ORG", 0),
        ],
    )
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types["Kris Humphries"] == "PERSON" and types["Sony Music"] == "ORG"
    text = (
        "Stormy Daniels, whose real name is Stephanie Clifford, sued. Lawyers for Stormy "
        "Daniels filed papers."
    )
    raw = model_mentions_at(text, [("Stormy Daniels", "ORG", 0), ("Stormy Daniels", "ORG", 1)])
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Stormy Daniels", "PERSON")]


def test_a_groups_members_make_it_a_group() -> None:
    """Multi-News 35 listed "Ku Klux Klan (13)" first under Who ("self-described Ku Klux Klan
    members"), the model's person."""
    text = "A brawl broke out between Ku Klux Klan members and protesters. The Ku Klux Klan left."
    raw = [mention(text, "Ku Klux Klan", "PERSON"), mention(text, "Ku Klux Klan", "PERSON", 1)]
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Ku Klux Klan", "ORG")]


def test_an_editors_bracket_is_no_part_of_a_name_and_a_road_no_person() -> None:
    """Multi-News 24 listed "Janet] Napolitano" under Who ("[Homeland Security] Secretary
    [Janet] Napolitano"), 8 "Baxter Road (6)" ("all of 51 Baxter Road, Mansfield")."""
    text = "Secretary [Janet] Napolitano spoke. They live at 51 Baxter Road, Mansfield."
    raw = model_mentions_at(
        text, [("Janet] Napolitano", "PERSON", 0), ("Baxter Road", "PERSON", 0)]
    )
    assert [m.text for m in raw] == ["Napolitano", "Baxter Road"]
    assert [(e.name, e.type) for e in entities_of(raw[1:], text)] == [("Baxter Road", "PLACE")]


def test_a_post_before_a_name_read_as_an_organization_is_a_person() -> None:
    """NeuS train 1767 listed "Justice Gorsuch" among the organizations (the model's ORG); a
    Judge or a Senator likewise. "Justice Department" and "Governor's Mansion" stay."""
    text = (
        "They filibustered Justice Gorsuch's nomination. Senator Smith objected. The Justice "
        "Department declined. Judge Business School replied."
    )
    raw = model_mentions_at(
        text,
        [
            ("Justice Gorsuch", "ORG", 0),
            ("Senator Smith", "ORG", 0),
            ("Justice Department", "ORG", 0),
            ("Judge Business School", "ORG", 0),
        ],
    )
    found = [(m.text, m.label, m.title_cue) for m in raw]
    assert found == [
        ("Gorsuch", "PERSON", True),
        ("Smith", "PERSON", True),
        ("Justice Department", "ORG", False),
        ("Judge Business School", "ORG", False),
    ]


def test_a_formal_name_with_a_generation_is_the_plain_name_of_the_same_story() -> None:
    """Multi-News 116 listed "Bill Taylor (4)" and "William W. Taylor III (2)", NeuS train
    2276 "Robert Mueller" and "Robert S. Mueller III", 2269 "Joe Biden" and "Joseph R. Biden
    Jr." (24 stories of the local sets). Donald Trump Jr. is not Donald Trump, nor Joseph
    Smith III Joseph Smith; the bare surname stays with the person who has it."""
    from newsdigest.facts.canonical import same_person_name

    assert same_person_name("William W. Taylor III", "Bill Taylor")
    assert same_person_name("Robert Mueller", "Robert S. Mueller III")
    assert same_person_name("Joseph R. Biden Jr.", "Joe Biden")
    assert not same_person_name("Donald Trump Jr.", "Donald Trump")
    assert not same_person_name("Joseph Smith III", "Joseph Smith")
    text = (
        "The lawyer, William W. Taylor III, said so. Bill Taylor added more. Taylor said no. "
        "Taylor left."
    )
    raw = [
        mention(text, "William W. Taylor III", "PERSON"),
        mention(text, "Bill Taylor", "PERSON", cue=True),
        mention(text, "Taylor", "PERSON", 2, cue=True),
        mention(text, "Taylor", "PERSON", 3),
    ]
    # named as readers know him, not in the formal form (NeuS val 44 and 166 had listed
    # "Joseph R. Biden Jr. (2)", 188 "Robert S. Mueller III (3)" once the forms were one)
    assert [(e.name, len(e.mentions)) for e in entities_of(raw, text)] == [("Bill Taylor", 4)]


def test_a_double_surnames_last_part_is_the_person() -> None:
    """NeuS train 888 listed "Marjorie Taylor Greene (4)" and "Taylor Greene (3)": "Greene
    said" beside "Rep. Marjorie Taylor-Greene" and "Rep. Marjorie Taylor Greene"."""
    text = (
        "Representative Marjorie Taylor-Greene apologized. Greene said she erred. Rep. "
        "Marjorie Taylor Greene visited. Greene told reporters."
    )
    raw = [
        mention(text, "Marjorie Taylor-Greene", "PERSON", cue=True),
        mention(text, "Greene", "PERSON", 1, cue=True),
        mention(text, "Marjorie Taylor Greene", "PERSON", cue=True),
        mention(text, "Greene", "PERSON", 3, cue=True),
    ]
    assert [e.name for e in entities_of(raw, text)] == ["Marjorie Taylor Greene"]


def test_a_star_before_a_word_modifying_a_noun_is_no_title() -> None:
    """The dev stream's Massa story: "the crowd went wild for their star Williams driver" had
    made the team a person, listed "Williams (7)" and given it Massa's quote; "star" makes a
    person of a full name only."""
    from newsdigest.facts.ner import _has_title_cue

    text = "The crowd went wild for their star Williams driver. Porn star Stormy Daniels sued."
    start = text.index("Williams")
    assert not _has_title_cue(text, start, start + len("Williams"))
    start = text.index("Stormy")
    assert _has_title_cue(text, start, start + len("Stormy Daniels"))


def test_an_outlet_in_a_bylines_brackets_is_only_a_source() -> None:
    """NeuS val 199 and 44 other stories of the local sets listed "CNN" or "Reuters" among the
    organizations from a byline ("(CNN)The United States is reporting ..."). CNN that fired
    someone stays."""
    text = "(CNN)The United States is reporting more cases.\n(Reuters) - Markets fell."
    raw = [mention(text, "CNN", "ORG"), mention(text, "Reuters", "ORG")]
    assert entities_of(raw, text) == []
    text = "(CNN)The case grew. CNN fired Chris Cuomo."
    raw = [mention(text, "CNN", "ORG"), mention(text, "CNN", "ORG", 1)]
    assert [e.name for e in entities_of(raw, text)] == ["CNN"]


def test_an_outlets_plural_possessive_before_a_person_is_the_outlet() -> None:
    """NeuS train 2231 listed "Fox News’ Sean Hannity" among the organizations, Multi-News 247
    "New York Times’ Manohla Dargis"; a body owned so keeps its name ("California State
    Teachers' Retirement System"), and so does "People’s Daily"."""
    text = (
        "He told Fox News’ Sean Hannity so. The California State Teachers' Retirement System "
        "sold. People’s Daily wrote."
    )
    raw = model_mentions_at(
        text,
        [
            ("Fox News’ Sean Hannity", "ORG", 0),
            ("California State Teachers' Retirement System", "ORG", 0),
            ("People’s Daily", "ORG", 0),
        ],
    )
    assert [m.text for m in raw] == [
        "Fox News",
        "California State Teachers' Retirement System",
        "People’s Daily",
    ]


def test_a_variant_listed_after_variants_is_no_entity() -> None:
    """NeuS train 2201: "the variants currently circulating in the country such as Delta" had
    listed Delta among the organizations."""
    text = "It protects against the variants circulating in the country such as Delta, they said."
    assert entities_of(model_mentions_at(text, [("Delta", "ORG", 0)]), text) == []


def test_a_surname_cut_before_its_last_word_is_completed() -> None:
    """NeuS train 2229: "President [Enrique Peña] Nieto much good. Peña Nieto is deeply
    unpopular": Who listed "Peña Nieto (2)" and "Enrique Peña (1)"."""
    text = "The visit won't do President Enrique Peña Nieto much good. Peña Nieto is unpopular."
    raw = model_mentions_at(text, [("Enrique Peña", "PERSON", 0), ("Peña Nieto", "PERSON", 1)])
    assert [m.text for m in raw] == ["Enrique Peña Nieto", "Peña Nieto"]
    assert [e.name for e in entities_of(raw, text)] == ["Enrique Peña Nieto"]


def test_names_with_other_middle_names_are_two_people() -> None:
    """Multi-News 106: church presidents W. Wallace Smith and his son Wallace B. Smith; NeuS
    train 893: Abu Omar al-Baghdadi and Abu Bakr al-Baghdadi had been one person."""
    from newsdigest.facts.canonical import same_person_name

    assert not same_person_name("W. Wallace Smith", "Wallace B. Smith")
    assert not same_person_name("Abu Omar al-Baghdadi", "Abu Bakr al-Baghdadi")
    assert same_person_name("Joseph R. Biden", "Joseph Robinette Biden")


def test_the_surname_of_a_person_the_model_read_as_an_organization_is_that_person() -> None:
    """Multi-News 28 listed "Humphries" among the organizations beside the person "Kris
    Humphries" (whom the model read as an organization each time); "the House" beside "White
    House" stays the House."""
    text = (
        "Kim Kardashian and her husband Kris Humphries split. Kim Kardashian and Kris Humphries "
        "wed in August. Humphries filed papers. The White House said the House would vote."
    )
    raw = model_mentions_at(
        text,
        [
            ("Kim Kardashian", "PERSON", 0),
            ("Kris Humphries", "ORG", 0),
            ("Kim Kardashian", "PERSON", 1),
            ("Kris Humphries", "ORG", 1),
            ("Humphries", "ORG", 2),
            ("White House", "ORG", 0),
            ("House", "ORG", 1),
        ],
    )
    found = {e.name: (e.type, len(e.mentions)) for e in entities_of(raw, text)}
    assert found["Kris Humphries"] == ("PERSON", 3) and "Humphries" not in found
    assert found["House"] == ("ORG", 1)


def test_a_surname_joins_the_name_spelt_so_not_a_nickname_one_letter_apart() -> None:
    """Multi-News 133 left every "Knox" unresolved between "Amanda Knox" and the quoted
    nickname "Foxy Knoxy", and her full name, read once as an organization, was listed
    among the organizations (her words then went to Stephanie Kercher). Two people spelt
    alike stay unresolved."""
    text = (
        "Sollecito stood by Amanda Knox. Knox said she was innocent. The Amanda Knox retrial "
        "goes on, and Knox, 26, spoke of the caricature that is 'Foxy Knoxy'."
    )
    raw = [
        mention(text, "Amanda Knox", "PERSON"),
        mention(text, "Knox", "PERSON", 1, cue=True),
        mention(text, "Amanda Knox", "ORG", 1),
        mention(text, "Knox", "PERSON", 3, cue=True),
        mention(text, "Foxy Knoxy", "PERSON"),
    ]
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types.get("Amanda Knox") == "PERSON"
    text = "Ann Knox met Bob Knox. Knox said nothing."
    raw = [
        mention(text, "Ann Knox", "PERSON"),
        mention(text, "Bob Knox", "PERSON"),
        mention(text, "Knox", "PERSON", 2, cue=True),
    ]
    assert all("Knox" not in e.aliases for e in entities_of(raw, text))


def test_a_relative_the_model_read_as_an_organization_is_a_person() -> None:
    """Multi-News 52 read the mother "Amber Pasztor" as an organization each time, beside
    her son "Rene Pasztor"; "said Pasztor" then went to him, with her "I killed my kids".
    "Morgan Stanley" beside a "Paul Stanley" with no cue on either stays a bank."""
    text = (
        "Amber Pasztor took her son Rene Pasztor. Then Pasztor said she drove off. Amber "
        "Pasztor was held. Morgan Stanley and Paul Stanley met."
    )
    raw = model_mentions_at(
        text,
        [
            ("Amber Pasztor", "ORG", 0),
            ("Rene Pasztor", "PERSON", 0),
            ("Pasztor", "ORG", 2),
            ("Amber Pasztor", "ORG", 1),
            ("Morgan Stanley", "ORG", 0),
            ("Paul Stanley", "PERSON", 0),
        ],
    )
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types["Amber Pasztor"] == "PERSON" and types["Morgan Stanley"] == "ORG"


def test_what_someone_is_a_member_of_is_no_person() -> None:
    """NeuS train 2210 listed "Laguna Pueblo" under Who ("Haaland, an enrolled member of the
    Laguna Pueblo, earned bipartisan support"); "a member of the Trump administration" says
    nothing of Trump."""
    text = (
        "Deb Haaland, an enrolled member of the Laguna Pueblo, won. Haaland said so. "
        "Donald Trump spoke, a member of the Trump administration said."
    )
    raw = model_mentions_at(
        text,
        [
            ("Deb Haaland", "PERSON", 0),
            ("Laguna Pueblo", "PERSON", 0),
            ("Donald Trump", "PERSON", 0),
            ("Trump", "PERSON", 1),
        ],
    )
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types.get("Laguna Pueblo") != "PERSON" and types["Donald Trump"] == "PERSON"


def test_a_firm_read_once_as_a_person_is_no_relative_of_itself() -> None:
    """Multi-News 142: the law firm "Lieff Cabraser", read three times as an organization
    and once as a person, stays an organization (no other person shares its last word)."""
    text = (
        "Lieff Cabraser said it filed suit. Lieff Cabraser sued Fitbit. Lieff Cabraser won. "
        "Lieff Cabraser spoke."
    )
    raw = model_mentions_at(
        text,
        [
            ("Lieff Cabraser", "ORG", 0),
            ("Lieff Cabraser", "ORG", 1),
            ("Lieff Cabraser", "ORG", 2),
            ("Lieff Cabraser", "PERSON", 3),
        ],
    )
    assert [(e.name, e.type) for e in entities_of(raw, text)] == [("Lieff Cabraser", "ORG")]


def test_the_town_a_person_is_of_is_no_person() -> None:
    """Multi-News 35 listed "Laguna Niguel" under Who ("said Melodye Shore of Laguna
    Niguel", a town too small for the gazetteer); "Jack Dorsey of Twitter", whom the model
    read as a person twice, stays the company (NeuS train 739)."""
    text = "“It was loud,” said Melodye Shore of Laguna Niguel, who watched with a friend."
    raw = model_mentions_at(text, [("Melodye Shore", "PERSON", 0), ("Laguna Niguel", "PERSON", 0)])
    types = {e.name: e.type for e in entities_of(raw, text)}
    assert types.get("Laguna Niguel") != "PERSON" and types["Melodye Shore"] == "PERSON"
    text = "The CEOs, Jack Dorsey of Twitter and Mark Zuckerberg, spoke. Twitter said no."
    raw = model_mentions_at(
        text,
        [("Jack Dorsey", "PERSON", 0), ("Twitter", "PERSON", 0), ("Twitter", "PERSON", 1)],
    )
    assert {e.name: e.type for e in entities_of(raw, text)}.get("Twitter") != "PLACE"


def _named(text: str) -> dict[str, str]:
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    facts = extract_facts([Article(id=article_id(text), text=text)], {})
    return {e.name: e.type for e in facts.entities}


def test_two_people_joined_by_and_are_two_people() -> None:
    """Multi-News validation 181 (a review of Hereafter): the model read "George and Marie"
    as one person, listed under Who beside both of them."""
    text = (
        "Matt Damon plays George Lonegan, a psychic. Cecile de France plays Marie LeLay, a French "
        "journalist who survives a tsunami. George and Marcus do meet. So do George and Marie. "
        "The film is filled with such great little one-on-one scenes."
    )
    assert not any(" and " in name for name in _named(text))


def test_a_title_whose_exclamation_mark_the_sentence_runs_past_is_no_person() -> None:
    """Multi-News validation 135: "Mamma Mia (3)" was listed among the people of a story
    about the Thatcher film."""
    text = (
        "The film will be directed by Phyllida Lloyd, who also helmed Mamma Mia!, the "
        "biggest-grossing British film of all time. After the success of Mamma Mia! in 2008, "
        "Meryl Streep played a ruthless fashion magazine editor. Lloyd said she was thrilled."
    )
    named = _named(text)
    assert "Mamma Mia" not in named and named.get("Phyllida Lloyd") == "PERSON"


def test_a_rank_inside_a_name_ends_its_description() -> None:
    """Multi-News validation 67: "former Green Beret Sgt Joe Serna" was a person of its own
    beside "Joseph Serna" of the other article, and "Serna said" then named neither."""
    text = (
        "Olivera told ABC11 he had to hold former Green Beret Sgt Joe Serna accountable for "
        "lying to the court. Serna is a decorated war veteran. The judge got locked up in the "
        "cell with the veteran, so they could talk."
    )
    named = _named(text)
    assert "Joe Serna" in named and not any("Beret" in name for name in named)


def test_a_team_named_before_its_players_and_coaches_is_no_person() -> None:
    """The dev stream (two players removed from a flight): "Memphis Hustle (16)" headed the
    Who list; the text writes it before its guard's and its coaches' names."""
    text = (
        "Airline spokesman Joshua Freed said Tuesday that Memphis Hustle guard Marquis Teague and "
        "forward Trahson Burrell boarded the flight. Memphis Hustle head coach Glynn Cyprien "
        "reacted to the incident on Twitter. Memphis Hustle assistant coach Darnell Lazare "
        "suggested the decision was wrong. Teague and Burrell play for the Memphis Hustle."
    )
    assert _named(text).get("Memphis Hustle") != "PERSON"


def test_a_lawmakers_post_is_no_part_of_the_name() -> None:
    """Multi-News validation 124: "Councilman Jack Weir (1)" under Who."""
    text = (
        '"I am very happy to hear that the City Clerk has resigned," said Councilman Jack Weir '
        "before giving plaudits to members of the council. Weir is serving his second term."
    )
    named = _named(text)
    assert "Jack Weir" in named and not any(n.startswith("Councilman") for n in named)


def test_a_given_name_before_a_person_is_no_organization(seed_dir: Path) -> None:
    """The seeds' Oreanda article alone, "For Sergey Lavrov and Mike, Pompeo is the second
    meeting since the beginning of the month", listed "Organizations: Mike"."""
    import newsdigest

    (path,) = seed_dir.glob("000_*.txt")
    story = newsdigest.digest([path])
    assert story.facts is not None
    assert not [e for e in story.facts.entities if e.type == "ORG" and e.name == "Mike"]
    assert any(e.type == "PERSON" and e.name == "Pompeo" for e in story.facts.entities)


def test_a_surname_and_generation_joins_a_full_name_with_a_capital_inside_its_given_name() -> None:
    """Multi-News validation 62: "Kunz Sr." was a person of its own beside "DeOrr Kunz Sr.",
    and the quotes "said Kunz Sr." got no speaker; his son DeOrr Kunz Jr. stays another."""
    text = (
        "Jessica Mitchell and DeOrr Kunz Sr. said they have faith DeOrr Kunz Jr. is safe. "
        '"The search is not over," said Kunz Sr.'
    )
    raw = model_mentions_at(
        text,
        [
            ("Jessica Mitchell", "PERSON", 0),
            ("DeOrr Kunz Sr.", "PERSON", 0),
            ("DeOrr Kunz Jr.", "PERSON", 0),
            ("Kunz Sr.", "PERSON", 1),
        ],
    )
    people = {e.name: len(e.mentions) for e in entities_of(raw, text) if e.type == "PERSON"}
    assert people.get("DeOrr Kunz Sr.") == 2 and "Kunz Sr." not in people
    assert "DeOrr Kunz Jr." in people


def test_a_peers_title_and_surname_is_the_person_of_that_surname() -> None:
    """Multi-News validation 135 listed "Lady Thatcher (3)" beside "Margaret Thatcher"; a
    title that opens a name no one else's surname ends ("Lady Gaga") stays a name."""
    text = (
        "Meryl Streep is to play Margaret Thatcher in a new film. The producers are lining up "
        "Jim Broadbent to play Lady Thatcher's husband Denis. Lady Gaga praised the casting."
    )
    raw = model_mentions_at(
        text,
        [
            ("Meryl Streep", "PERSON", 0),
            ("Margaret Thatcher", "PERSON", 0),
            ("Jim Broadbent", "PERSON", 0),
            ("Lady Thatcher", "PERSON", 0),
            ("Lady Gaga", "PERSON", 0),
        ],
    )
    people = {e.name: len(e.mentions) for e in entities_of(raw, text) if e.type == "PERSON"}
    assert people.get("Margaret Thatcher") == 2 and "Lady Thatcher" not in people
    assert "Lady Gaga" in people


def test_a_make_line_and_model_is_no_person() -> None:
    """The dev stream's Falcon Heavy story listed "Tesla Model S (8)" under Who: "driving his
    blue Tesla Model S", read as a person, and the bare "Tesla"s as his first name."""
    text = (
        "Elon Musk was driving his blue Tesla Model S in Boulder, Colorado. Musk said Tesla "
        "would build more cars."
    )
    raw = model_mentions_at(
        text,
        [("Elon Musk", "PERSON", 0), ("Tesla Model S", "PERSON", 0), ("Tesla", "PERSON", 1)],
    )
    people = [e.name for e in entities_of(raw, text) if e.type == "PERSON"]
    assert people == ["Elon Musk"]


def test_a_given_name_alone_the_model_read_as_a_place_is_the_person(multinews_articles) -> None:
    """Multi-News validation 100: "Sureshbhai Patel (7)" and "Sureshbhai (4)", one man, were
    two people: the model read three of his bare given names as a place ("Sureshbhai faces a
    long recovery"), and a word read as a place more often than the person it opens is named
    was that place's. Sureshbhai is no place anyone knows; "France" (a place 50 times) stays
    apart from "France Info" (an outlet read as a person)."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    (article,) = [clean_article(a) for _, a in multinews_articles(100, 101) if "57," in a.text]
    facts = extract_facts([article], {})
    people = {e.name: len(e.mentions) for e in facts.entities if e.type == "PERSON"}
    assert "Sureshbhai" not in people and people["Sureshbhai Patel"] >= 6


def _people_of_row(multinews_articles, row: int, holding: str) -> dict[str, int]:
    """The people (name: mentions) of the Multi-News validation ``row``'s articles that
    hold ``holding``, cleaned as ``digest`` reads them."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    articles = [clean_article(a) for _, a in multinews_articles(row, row + 1) if holding in a.text]
    facts = extract_facts(articles, {})
    return {e.name: len(e.mentions) for e in facts.entities if e.type == "PERSON"}


def test_a_rank_written_out_is_no_person_nor_part_of_the_name(multinews_articles) -> None:
    """Multi-News validation 104 listed "Airman (3)" under Who: "Senior Airman Ivan Cooper"
    and "a better Airman"; Ivan Cooper himself was missing."""
    people = _people_of_row(multinews_articles, 104, "Airman")
    assert "Airman" not in people and "Ivan Cooper" in people


def test_a_name_the_story_calls_an_exercise_is_no_person(multinews_articles) -> None:
    """Multi-News validation 104 listed "Key Resolve (5)" under Who: "an annual command and
    control exercise called Key Resolve (KR17)", "exercises like Key Resolve"."""
    people = _people_of_row(multinews_articles, 104, "Key Resolve")
    assert "Key Resolve" not in people and "Thomas Bergeson" in people


def test_a_days_name_is_no_person(multinews_articles) -> None:
    """Multi-News validation 88 listed "April Fools' Day (17)" and "April Fools (8)" first
    under Who: a day named with a possessive ("April Fools’ Day"), and its name without it."""
    people = _people_of_row(multinews_articles, 88, "April Fools")
    assert not [name for name in people if "April Fools" in name]
    assert "George Takei" in people and "Eric Schwibs" in people


def test_a_letters_closing_is_no_person(multinews_articles) -> None:
    """Multi-News validation 122 listed "Gratitude (2)" under Who: "With Gratitude and
    Determination," and "With Gratitude and Profound Sadness,", the lines a family's letter
    closed with."""
    people = _people_of_row(multinews_articles, 122, "With Gratitude")
    assert "Gratitude" not in people and "Elijah" in people


def test_the_end_of_a_things_name_is_no_person(multinews_articles) -> None:
    """Multi-News validation 106 listed "James Version (4)" under Who: "its official King
    James Version", "the Authorized King James Version" (the model left out "King", and read
    "official" as a title); the story writes "version" in lower case."""
    people = _people_of_row(multinews_articles, 106, "King James Version")
    assert "James Version" not in people and "Brigham Young" in people


def test_a_town_the_model_read_a_place_as_often_as_a_person_is_a_place(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Erie snowfall story listed "Erie (2)" under Who: "Snow continues to
    fall in Erie, Pennsylvania", "an all-time daily snowfall record for Erie", "Erie has
    issued a snow emergency" (the model's place twice, person once)."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    (row,) = [r for r in dev_stream_rows if r["label"] == "6" and r["source"] == "abcnews.go.com"]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    types = {e.name: e.type for e in extract_facts([article], {}).entities}
    assert types.get("Erie") == "PLACE" and types.get("Kathy Dahlkemper") == "PERSON"


def test_a_name_the_story_calls_a_service_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's wrong-plane story (The New York Times) listed "Flightradar (2)" under
    Who: "said Ian Petchenik, a spokesman for the global flight-tracking service
    Flightradar", "Flightradar found that 10 flights ... had returned"."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    (row,) = [r for r in dev_stream_rows if r["label"] == "10" and "Flightradar" in r["text"]]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    types = {e.name: e.type for e in extract_facts([article], {}).entities}
    assert types.get("Flightradar") != "PERSON" and types.get("Ian Petchenik") == "PERSON"


def _stream_story_types(rows: list[dict[str, str]], label: str, holding: str) -> dict[str, str]:
    """Entity types of the dev stream's articles of ``label`` that write ``holding``, digested
    together as one story."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    articles = [
        clean_article(Article(id=f"{article_id(r['text'])}-{i}", text=r["text"]))
        for i, r in enumerate(rows)
        if r["label"] == label and holding in r["text"]
    ]
    return {e.name: e.type for e in extract_facts(articles, {}).entities}


def _neus_types(story: str) -> dict[str, str]:
    """Entity types of a NeuS story's articles (``train_2104``) digested as one story."""
    import json

    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    path = Path(__file__).resolve().parents[1].parent / "shared/data/neus/neus_trainval.jsonl"
    with path.open(encoding="utf-8") as fh:
        (row,) = [r for line in fh if (r := json.loads(line))["id"] == story]
    articles = [
        clean_article(Article(id=f"{story}-{i}", text=t)) for i, t in enumerate(row["docs"])
    ]
    return {e.name: e.type for e in extract_facts(articles, {}).entities}


def test_a_portfolio_before_its_ministers_title_is_no_organization(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """ "Energy Secretary Rick Perry suggested ..." (NeuS train 2104) and "Education Minister
    Naftali Bennett" (the dev stream's Likud story) listed "Energy (1)" and "Education (1)"
    among the organizations: the model cut the office's word from its title."""
    assert "Energy" not in _neus_types("train_2104")
    types = _stream_story_types(dev_stream_rows, "3", "Education Minister")
    assert "Education" not in types and types.get("Likud") == "ORG"


def test_a_word_of_an_organizations_name_written_after_its_first_words_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's wrong-plane story listed "Nippon (2)" under Who: "to board the same
    All Nippon flight", "All Nippon flight attendants told her", beside "All Nippon Airways"."""
    types = _stream_story_types(dev_stream_rows, "10", "Nippon")
    # under its abbreviation where the articles write that more often (``test_an_airline_under
    # _a_second_word_and_its_cut_names_is_one``)
    assert "Nippon" not in types and types.get("All Nippon Airways", types.get("ANA")) == "ORG"


def test_a_name_the_story_also_writes_in_lower_case_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The wrong-plane story listed "Gran Torino" under Who: "the in flight movie playing was
    Gran Torino", a tweet's "watching gran torino time to go home now"."""
    types = _stream_story_types(dev_stream_rows, "10", "Gran Torino")
    assert "Gran Torino" not in types and types.get("Chrissy Teigen") == "PERSON"


def test_a_word_listed_among_organizations_is_one(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of tech workers' emails to brothels listed "Oracle" under Who:
    "offices in Seattle, including T-Mobile and Oracle", "companies like Boeing, T-Mobile,
    Oracle and local Seattle tech firms"."""
    types = _stream_story_types(dev_stream_rows, "8", "Oracle")
    assert types.get("Oracle") == "ORG" and types.get("Alex Trouteaud") == "PERSON"


def test_a_make_and_line_before_a_models_number_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Galaxy S9 story listed "Galaxy Note" under Who: "a feature that appeared
    in its recent Galaxy Note 8", the model's name cut before the number."""
    types = _stream_story_types(dev_stream_rows, "9", "Galaxy Note 8")
    assert types.get("Galaxy Note") != "PERSON" and types.get("Samsung") == "ORG"


def test_one_word_in_one_quoted_sentence_however_often_copied_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The wrong-plane story listed "Lmao (2)" under Who: Chrissy Teigen's tweet "Lmao after
    all this I will have spent 8 hours on a flight to nowhere", quoted by two outlets; one
    sighting with no full name, title or speech verb, as "Frank" once is."""
    types = _stream_story_types(dev_stream_rows, "10", "Lmao")
    assert "Lmao" not in types and types.get("Chrissy Teigen") == "PERSON"


def test_a_name_given_as_an_example_of_names_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of tech workers' emails to brothels listed "Golden Blossom" under
    Who: "men bring to brothels with names like Golden Blossom, AsianCandy777 and ..."."""
    types = _stream_story_types(dev_stream_rows, "8", "Golden Blossom")
    assert "Golden Blossom" not in types and types.get("Alex Trouteaud") == "PERSON"


def test_an_organizations_last_word_after_its_the_is_that_organization() -> None:
    """NeuS train 2102 (Facebook's board upholding Trump's ban) listed "Board (2)" beside
    "Facebook's Oversight Board (2)": "but the Board also ordered a new review", "The
    determination by the Board also applies to ..."; and "Facebook's Oversight Board" is
    the "Oversight Board" named with its owner."""
    types = _neus_types("train_2102")
    assert "Board" not in types and "Facebook's Oversight Board" not in types
    assert types.get("Oversight Board") == "ORG"


def test_a_name_right_after_a_works_noun_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Cardi B story listed "Bartier Cardi (8)" first under Who and "Bodak
    Yellow": "the release of her latest single, Bartier Cardi", "her hit song Bodak Yellow"."""
    types = _stream_story_types(dev_stream_rows, "11", "Bodak Yellow")
    assert types.get("Bodak Yellow") != "PERSON" and types.get("Bartier Cardi") != "PERSON"
    assert types.get("Wendy Williams") == "PERSON"


def test_a_name_with_its_stock_ticker_is_a_company(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Falcon Heavy story listed "Lockheed Martin (2)" under Who: "rockets
    built by Boeing (NYSE:BA) and Lockheed Martin (NYSE:LMT) at United Launch Alliance"."""
    types = _stream_story_types(dev_stream_rows, "18", "Lockheed Martin (NYSE:LMT)")
    assert types.get("Lockheed Martin") == "ORG" and types.get("Elon Musk") == "PERSON"


def test_a_companys_first_word_alone_is_that_company(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of Goldman Sachs's tax charge listed "Goldman (24)" and "Goldman
    Sachs Group Inc. (13)" as two organizations: "Goldman said", "Goldman Sachs Group Inc.
    said Friday ..."."""
    types = _stream_story_types(dev_stream_rows, "24", "Goldman Sachs Group Inc")
    assert "Goldman" not in types and types.get("Goldman Sachs Group Inc.") == "ORG"


def test_one_word_copied_in_one_sentence_and_written_elsewhere_stays_a_person(
    multinews_articles,
) -> None:
    """Multi-News validation 28: "Barack really thinks some of the Kardashians ...", copied by
    two outlets, is also "revealed that Barack doesn't like ...": a person the story writes in
    more than one sentence, unlike a tweet's "Lmao"."""
    assert "Barack" in _people_of_row(multinews_articles, 28, "Barack")


def test_a_name_that_owns_a_person_by_name_is_an_organization(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of Apple's icicles listed the blog "Daring Fireball (2)" under Who:
    "After the photos were reblogged by Daring Fireball's John Gruber", as "BBC's Jonathan
    Head" names an outlet's reporter."""
    types = _stream_story_types(dev_stream_rows, "25", "Daring Fireball")
    assert types.get("Daring Fireball") != "PERSON" and types.get("John Gruber") == "PERSON"


def test_a_longer_names_last_word_or_its_owned_form_is_that_name(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of the first Falcon Heavy launch listed "Falcon Heavy", "Heavy"
    ("the Heavy’s three side-by-side boosters") and "SpaceX’s Falcon Heavy" as three
    organizations; "Delta IV Heavy", another rocket, stays apart."""
    types = _stream_story_types(dev_stream_rows, "49", "Falcon Heavy")
    assert types.get("Falcon Heavy") == "ORG"
    assert "Heavy" not in types and "SpaceX’s Falcon Heavy" not in types


def test_a_towns_name_before_its_police_is_that_police(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of the "Nigerian prince" scammer listed "Slidell (5)" beside the
    "Slidell Police Department" among the organizations: "Slidell police said", "Slidell
    Police Chief Randy Fandal"."""
    types = _stream_story_types(dev_stream_rows, "22", "Slidell")
    assert "Slidell" not in types and types.get("Slidell Police Department") == "ORG"
    assert types.get("Randy Fandal") == "PERSON"


def test_a_brand_written_apart_is_the_brand_and_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of the Tesla sent to Mars listed the person "Space X (1)" ("CEO
    of Tesla and Space X, Elon Musk") and no SpaceX, whose every "SpaceX" the model missed;
    and "Heavy (7)" beside "Falcon Heavy"."""
    types = _stream_story_types(dev_stream_rows, "18", "")
    assert "Space X" not in types and types.get("SpaceX") == "ORG"
    assert "Heavy" not in types and types.get("Falcon Heavy") == "ORG"


def test_the_of_an_outlets_name_is_kept(dev_stream_rows: list[dict[str, str]]) -> None:
    """The dev stream's story of the Astros coach's collapse listed "Athletic (4)": "according
    to a detailed account by The Athletic", "Dr. Muntz told The Athletic"."""
    types = _stream_story_types(dev_stream_rows, "15", "Athletic")
    assert "Athletic" not in types and types.get("The Athletic") == "ORG"


def test_a_case_maker_is_no_person(dev_stream_rows: list[dict[str, str]]) -> None:
    """The dev stream's story of the leaked Galaxy S9 listed "Olixar (2)" under Who: "The
    pictures, from case maker Olixar", "Olixar has suggested a late February launch"."""
    types = _stream_story_types(dev_stream_rows, "9", "Olixar")
    assert types.get("Olixar") == "ORG"


def test_a_country_or_a_city_written_as_one_is_no_organization(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of Angola's lost satellite listed "Angola (5)" among the
    organizations ("regain control of Angola's first satellite"); its story of the Las Vegas
    gunman "Mesquite (6)" ("a quiet retirement community in Mesquite, Nev.")."""
    assert _stream_story_types(dev_stream_rows, "32", "").get("Angola") == "PLACE"
    assert _stream_story_types(dev_stream_rows, "64", "Mesquite").get("Mesquite") == "PLACE"


def test_a_full_name_read_otherwise_or_cut_at_a_hyphen_is_the_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of Kim Jong Un's olive branch listed the organization "Nikki
    Haley (1)" ("his ambassador to the United Nations Nikki Haley dismissed ...") beside the
    person "Haley (1)" ("Ambassador Haley told reporters"), and "Moon Jae (1)" ("South
    Korean President Moon Jae-in", cut at the hyphen) beside "Moon Jae-in"."""
    types = _stream_story_types(dev_stream_rows, "34", "")
    assert types.get("Nikki Haley") == "PERSON" and "Haley" not in types
    assert types.get("Moon Jae-in") == "PERSON" and "Moon Jae" not in types


def test_one_of_the_family_the_model_read_an_organization_is_a_person(
    multinews_articles,
) -> None:
    """Multi-News validation 69 listed "JonBenét Ramsey (17)" among the organizations ("the
    unsolved murder of JonBenét Ramsey", "JonBenét's death") beside her brother Burke and her
    parents John and Patsy Ramsey."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    articles = [clean_article(a) for _, a in multinews_articles(69, 70)]
    types = {e.name: e.type for e in extract_facts(articles, {}).entities}
    assert types.get("JonBenét Ramsey") == "PERSON" and types.get("Burke Ramsey") == "PERSON"


def test_a_security_agency_is_no_person(dev_stream_rows: list[dict[str, str]]) -> None:
    """The dev stream's story of Ahed Tamimi's indictment listed "Shin Bet (1)" under Who:
    "Israel’s Shin Bet security agency referred questions to ..."."""
    types = _stream_story_types(dev_stream_rows, "36", "Shin Bet")
    assert types.get("Shin Bet") == "ORG"


def test_a_name_only_told_or_cited_is_no_person(dev_stream_rows: list[dict[str, str]]) -> None:
    """The dev stream's story of the leaked Galaxy S9 listed "Tech Radar (2)" under Who:
    "According to Tech Radar, 'industry sources' claim ...", "Eldar Murtazin told Tech
    Radar that ..."."""
    types = _stream_story_types(dev_stream_rows, "9", "Tech Radar")
    assert types.get("Tech Radar") == "ORG" and types.get("Eldar Murtazin") == "PERSON"


def _multinews_types(multinews_articles, row: int, holding: str) -> dict[str, str]:
    """Entity types of the Multi-News validation ``row``'s articles that hold ``holding``,
    cleaned as ``digest`` reads them."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    articles = [clean_article(a) for _, a in multinews_articles(row, row + 1) if holding in a.text]
    return {e.name: e.type for e in extract_facts(articles, {}).entities}


def test_a_city_named_once_at_it_is_no_place(dev_stream_rows: list[dict[str, str]]) -> None:
    """The dev stream's Uma Thurman story listed "Columbia" among its places: "a Buddhist
    professor of Indo-Tibetan studies at Columbia", the university, named once."""
    types = _stream_story_types(dev_stream_rows, "54", "studies at Columbia")
    assert types.get("Columbia") != "PLACE" and types.get("Manhattan") == "PLACE"


def test_a_town_the_model_read_an_organization_is_a_place(
    dev_stream_rows: list[dict[str, str]], multinews_articles
) -> None:
    """Towns the gazetteer lacks, listed among organizations: "The family is based in Idaho
    Falls", "39 miles from the Lovingston gas station" (Multi-News 62), "The Evanston,
    Ill-based university" (65), "drove to Chicago from Evanston" (the dev stream's World
    Series story)."""
    types = _multinews_types(multinews_articles, 62, "Idaho Falls")
    assert types.get("Idaho Falls") == "PLACE"
    types = _multinews_types(multinews_articles, 62, "Lovingston")
    assert types.get("Lovingston") == "PLACE"
    assert _multinews_types(multinews_articles, 65, "Evanston").get("Evanston") == "PLACE"
    types = _stream_story_types(dev_stream_rows, "76", "from Evanston")
    assert types.get("Evanston") == "PLACE"


def test_a_full_name_with_a_gaelic_surname_is_a_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's story of the Bears' coach search listed "Sean McVay" among its
    organizations: "Chicago ... now must find their own Sean McVay"."""
    types = _stream_story_types(dev_stream_rows, "43", "Sean McVay")
    assert types.get("Sean McVay") == "PERSON"


def test_a_name_written_after_a_is_a_kind_of_person(multinews_articles) -> None:
    """Multi-News 67 listed "Green Beret (2)" under Who: "sentenced a retired Green Beret",
    "former Green Beret Sgt Joe Serna" (the veteran, listed too)."""
    people = _people_of_row(multinews_articles, 67, "Green Beret")
    assert "Green Beret" not in people and "Joe Serna" in people
    # a noun after the name makes it someone's: "was a Hillary Clinton supporter" (208)
    assert "Hillary Clinton" in _people_of_row(multinews_articles, 208, "Hillary Clinton supporter")


def test_a_persons_day_is_no_organization(dev_stream_rows: list[dict[str, str]]) -> None:
    """The dev stream's story of Kim Jong Un's New Year speech listed "Kim’s New Year" among
    its organizations: "Kim’s New Year’s Day speech"."""
    types = _stream_story_types(dev_stream_rows, "34", "Kim's New Year's Day")
    assert not [name for name in types if "New Year" in name]
    assert types.get("Kim") == "PERSON"


def test_a_company_named_without_its_business_is_that_company(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's wrong-plane story listed "Delta (7)" beside "Delta Air Lines (4)"
    among its organizations ("a Delta spokesperson said")."""
    types = _stream_story_types(dev_stream_rows, "39", "Delta Air Lines")
    assert types.get("Delta Air Lines") == "ORG" and "Delta" not in types


def test_a_stage_name_a_tweet_wrote_in_lower_case_is_a_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Cardi B story listed "Cardi B (6)" among its organizations: the model
    read her a person three times and an organization twice, and a tweet wrote "a video of
    cardi b nude"."""
    types = _stream_story_types(dev_stream_rows, "11", "Cardi B has been hit")
    assert types.get("Cardi B") == "PERSON"


def _dev_stream_entities(*markers: str) -> dict[str, str]:
    """Entity types of the dev-stream articles whose texts hold ``markers``, one each."""
    import json

    from conftest import ROOT

    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    path = ROOT.parent / "shared" / "data" / "streams" / "giveme5w1h_events.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    articles = []
    for marker in markers:
        row = next(r for r in rows if marker in r["text"])
        articles.append(clean_article(Article(id=article_id(row["text"]), text=row["text"])))
        assert marker in articles[-1].text
    return {e.name: e.type for e in extract_facts(articles, {}).entities}


def test_an_outlet_a_name_was_told_to_is_cut_from_the_name() -> None:
    """The dev stream's North Korea story listed "CNN Abe" among its people ("told CNN Abe was
    first and foremost trying to change the constitution"): Shinzo Abe, told to CNN."""
    names = _dev_stream_entities("told CNN Abe was first")
    assert not any(name.startswith("CNN ") for name in names)
    assert names.get("Shinzo Abe") == "PERSON"


def test_an_ordinary_word_opening_a_quote_is_no_organization() -> None:
    """The dev stream's F1 story listed "Stupid" among its organizations ("over the team
    radio. 'Stupid. What this race needs is a red flag'", beside "'stupid' conditions")."""
    names = _dev_stream_entities("'Stupid. What this race needs", "This is just bad, just stupid")
    assert "Stupid" not in names


def test_a_peoples_word_is_no_organization() -> None:
    """The dev stream's F1 story listed "Brit" and "Finn" among its organizations ("the Brit
    has promised", "The Finn was fortunate"); its Nice attack story "French"."""
    assert "Brit" not in _dev_stream_entities("the Brit has promised")
    assert "Finn" not in _dev_stream_entities("The Finn was fortunate")
    assert "French" not in _dev_stream_entities("Brit Kartik Bhanot")


def test_documents_named_after_a_place_are_no_place() -> None:
    """The dev stream's Panama Papers story listed "Panama Papers" under Where ("named in
    the Panama Papers", beside "the papers"); "British Virgin Islands" stays a place."""
    names = _dev_stream_entities(
        "What are the Panama Papers?", "Hostile Western forces are behind the"
    )
    assert "Panama Papers" not in names
    assert names.get("Panama") == "PLACE"


def test_a_graphics_labels_in_capitals_name_no_one() -> None:
    """The dev stream's Las Vegas story kept a map's labels in its text ("LUXOR HOTEL BROKEN
    WINDOWS VISIBLE LAS VEGAS BOULEVARD STAGE", "MAIN ENTRANCE") and listed "Luxor Hotel
    Broken" among its people, "HOTEL" and "MAIN" among its organizations."""
    names = _dev_stream_entities("LUXOR HOTEL BROKEN WINDOWS VISIBLE")
    assert not {"Luxor Hotel Broken", "HOTEL", "MAIN"} & set(names)
    assert names.get("Las Vegas") == "PLACE"


def test_a_country_as_the_press_writes_it_is_a_country() -> None:
    """ "Democratic Republic of Congo" (the dev stream's Panama Papers story: "companies that
    controversially acquired oil fields in the Democratic Republic of Congo") was no country,
    so that one article's place outranked "Panama", a country, as where the story happened."""
    from newsdigest.names import is_country

    assert is_country("Democratic Republic of Congo")
    assert is_country("Republic of Korea")
    assert not is_country("Panama Papers")


def test_a_hyphenated_names_link_written_either_way_is_one_place() -> None:
    """The dev stream's German consulate story listed "Mazar-i-Sharif" and "Mazar-e-Sharif"
    both under Where (the press spells the link either way)."""
    text = (
        "Taliban insurgents struck at the German Consulate in the northern commercial hub of "
        "Mazar-i-Sharif late Thursday night. Dozens more were injured in the horrific assault "
        "in northern city of Mazar-e-Sharif"
    )
    raw = [
        mention(text, "Mazar-i-Sharif", "PLACE"),
        mention(text, "Mazar-e-Sharif", "PLACE"),
    ]
    places = [e for e in entities_of(raw, text) if e.type == "PLACE"]
    assert len(places) == 1
    assert len(places[0].mentions) == 2


def test_a_nationality_noun_before_a_name_is_no_part_of_it(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 75 (the Brazilian Grand Prix): "Frenchman Romain Grosjean" was an
    organization beside the person Romain Grosjean. A people's noun before a name describes a
    person, as an occupation does ("Actress Amber Heard")."""
    types = _stream_story_types(dev_stream_rows, "75", "Frenchman Romain Grosjean")
    assert "Frenchman Romain Grosjean" not in types
    assert types.get("Romain Grosjean") == "PERSON"


def test_what_someone_founded_is_an_organization(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 59 (former Facebook staff against tech addiction): "a co-founder of
    Asana", "Asana co-founder Justin Rosenstein" had listed Asana among the people."""
    types = _stream_story_types(dev_stream_rows, "59", "Asana")
    assert types.get("Asana") == "ORG"
    assert types.get("Justin Rosenstein") == "PERSON"


def test_a_place_spelt_with_another_vowel_is_one_place(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 36 (Ahed Tamimi's indictment): "the village of Nebi Saleh" and "the
    West Bank village of Nabi Saleh" were two places. Romanisations of Arabic, which writes no
    short vowels, differ in them (Muhammad, Mohammed); the consonants stay."""
    types = _stream_story_types(dev_stream_rows, "36", "Saleh")
    assert len([name for name in types if name in ("Nebi Saleh", "Nabi Saleh")]) == 1
    assert types.get("West Bank") == "PLACE"


def test_a_name_goes_on_past_its_particle(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 68 (the Nice attack): the model stopped at "des" of "the Promenade des
    Anglais", and the story listed "Promenade (10)" beside "Promenade des Anglais (2)"."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    articles = [
        clean_article(Article(id=f"{article_id(r['text'])}-{i}", text=r["text"]))
        for i, r in enumerate(dev_stream_rows)
        if r["label"] == "68" and "Promenade des Anglais" in r["text"]
    ]
    texts = {a.id: a.text for a in articles}
    for e in extract_facts(articles, {}).entities:
        for m in e.mentions:
            assert not texts[m.article][m.start :].startswith("Promenade des") or (
                e.name == "Promenade des Anglais"
            )


def test_no_name_ends_in_a_word_in_lower_case(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 3 (funding for West Bank settlements): "the head of the Meretz party"
    made an organization "Meretz party" beside "Meretz"; event 70: "RIA Novosti state news
    agency". A body's name ends in capitals, the common nouns after it are the sentence's; a
    party's "party" is its name's (``test_a_party_keeps_its_party``), one with its bare name."""
    types = _stream_story_types(dev_stream_rows, "3", "Meretz party")
    assert [types[n] for n in ("Meretz", "Meretz party") if n in types] == ["ORG"]
    types = _stream_story_types(dev_stream_rows, "70", "RIA Novosti state news agency")
    assert "RIA Novosti" in types
    assert not [n for n in types if n.rsplit(" ", 1)[-1].islower() and not n.endswith(" party")]


def test_a_partnership_is_an_organization(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 24 (the US tax law): "the head of international tax services at
    Friedman LLP" made a place of the accounting firm; a limited liability partnership's
    "LLP" is a legal form, as "LLC" is."""
    types = _stream_story_types(dev_stream_rows, "24", "Friedman LLP")
    assert types.get("Friedman LLP") == "ORG"


def test_a_participle_glued_to_a_name_is_no_part_of_it(multinews_articles) -> None:
    """Multi-News validation 88 listed "Joe Biden-themed" under Who ("a Joe Biden-themed pop
    up bar"): a name ends before a participle hyphened to it ("Kremlin-backed", "Saudi-led");
    a Korean given name's hyphen stays ("Moon Jae-in")."""
    people = _people_of_row(multinews_articles, 88, "Biden-themed")
    assert "Joe Biden-themed" not in people and "Joe Biden" in people


def test_a_place_opening_a_title_before_a_name_is_a_place(multinews_articles) -> None:
    """Multi-News validation 112: "Veteran Kentucky political analyst Al Cross says ..." was
    read as a person "Veteran Kentucky", which made the cluster's "Kentucky" a person and
    gave it McConnell's words ("..., the Kentucky Republican said")."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    articles = [clean_article(a) for _, a in multinews_articles(112, 113)]
    types = {e.name: e.type for e in extract_facts(articles, {}).entities}
    assert types["Kentucky"] == "PLACE"
    assert types["Al Cross"] == "PERSON"


def test_a_forms_error_text_is_no_name(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 75 (the Brazilian Grand Prix, the Mirror): the page opened with its
    newsletter box, "Get daily updates directly to your inbox + Subscribe Thank you for
    subscribing! Could not subscribe, try again later Invalid Email", and the story listed
    "Invalid Email" among its people."""
    types = _stream_story_types(dev_stream_rows, "75", "Could not subscribe")
    assert "Invalid Email" not in types
    assert types.get("Lewis Hamilton") == "PERSON"


def test_a_car_of_a_driver_is_two_names(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 75: "the Red Bull of Max Verstappen" was one organization, "Red Bull
    of Max Verstappen", beside Red Bull and the person Max Verstappen; "Felipe Nasr of Sauber"
    one person. A name "of" another name the story writes alone is the two."""
    types = _stream_story_types(dev_stream_rows, "75", "Verstappen")
    assert "Red Bull of Max Verstappen" not in types
    assert types.get("Red Bull") == "ORG" and types.get("Max Verstappen") == "PERSON"


def test_an_adjective_opening_a_sentence_is_no_part_of_a_name(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (the Nice attack, the Sun): 'Devastated Hayley added: "This is an
    extremely difficult time for my family ..."' listed "Devastated Hayley" among the people
    and as the quote's speaker."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    (row,) = [r for r in dev_stream_rows if "Devastated Hayley" in r["text"]]
    article = clean_article(Article(id=article_id(row["text"]), text=row["text"]))
    facts = extract_facts([article], {})
    names = {e.name for e in facts.entities}
    assert not [n for n in names if n.startswith("Devastated")]
    (quote,) = [q for q in facts.quotes if q.text.startswith("This is an extremely difficult")]
    assert quote.speaker is not None and not quote.speaker.startswith("Devastated")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="AB1 .\nab", max_size=80), st.data())
def test_caps_run_reads_twelve_pieces_either_side_as_a_split_of_the_whole_text(
    text: str, data
) -> None:
    """``_caps_run`` finds the pieces around a mention without splitting the whole text (a
    split per mention cost seconds on a long article): the same answer as the split."""
    from newsdigest.facts.canonical import _CAPS_WORD, _caps_run

    def by_split(start: int, end: int) -> int:
        words = text[start:end].split()
        if not words or not all(_CAPS_WORD.fullmatch(w) for w in words):
            return 0
        before = text[:start].split(" ")[-12:]
        after = text[end:].split(" ")[:12]
        n = len(words)
        for w in reversed(before[:-1] if before and before[-1] == "" else before):
            if "\n" in w or not _CAPS_WORD.fullmatch(w):
                break
            n += 1
        for w in after[1:] if after and after[0] == "" else after:
            if "\n" in w or not _CAPS_WORD.fullmatch(w):
                break
            n += 1
        return n

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _caps_run(text, start, end) == by_split(start, end)


def test_a_make_and_model_before_a_noun_is_no_one(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 49 (the Falcon Heavy launch): "NASA’s Saturn V moon rocket" made a
    name "Saturn V moon", the model's person: a rocket, no one's or any body's name."""
    types = _stream_story_types(dev_stream_rows, "49", "Saturn V moon")
    assert not [name for name in types if name.startswith("Saturn")]
    assert types.get("NASA") == "ORG"


def test_a_party_keeps_its_party(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 21 (New Year's Eve in Berlin): "talks with the Green party" listed
    the organization "Green", a colour; a party's name is written with its "party"."""
    types = _stream_story_types(dev_stream_rows, "21", "the Green party")
    assert "Green" not in types
    assert types.get("Green party") == "ORG"


def test_a_word_cut_from_an_organizations_name_is_no_name(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 75 (the Brazilian Grand Prix): "his other Formula One drivers" gave
    the model a person "Formula", and the story a place "Formula" beside "Formula One"."""
    types = _stream_story_types(dev_stream_rows, "75", "Formula One")
    assert "Formula" not in types and types.get("Formula One") == "ORG"


def test_a_driver_of_a_team_is_the_driver(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 75: "the difficulties for Felipe Nasr of Sauber to renew his contract"
    was one person, "Felipe Nasr of Sauber", who took the team's other mentions ("Sauber's
    Marcus Ericsson") as his surname's."""
    types = _stream_story_types(dev_stream_rows, "75", "Felipe Nasr of Sauber")
    assert types.get("Felipe Nasr") == "PERSON"
    assert not [name for name in types if " of " in name]


def test_a_brand_word_after_in_is_no_place(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 72 (the Equifax breach): "Equifax pointed NPR to coverage in
    KrebsonSecurity" listed the security blog under Where."""
    types = _stream_story_types(dev_stream_rows, "72", "coverage in KrebsonSecurity")
    assert types.get("KrebsonSecurity") == "ORG"


def test_a_circuit_read_a_place_as_often_as_not_is_a_place(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 75 (the Brazilian Grand Prix): "Interlagos", where the race was run
    ("crashed out in the wet conditions at Interlagos"), was the model's place five times
    and organization five, and the story's organization."""
    types = _stream_story_types(dev_stream_rows, "75", "Interlagos")
    assert types.get("Interlagos") == "PLACE"


def test_an_occasion_is_no_organization_or_place(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 21 (New Year's Eve in Berlin) listed "Oktoberfest" among the
    organizations ("the rowdy Oktoberfest celebration") and "Munich Oktoberfest" under Where;
    event 56 (Sarah Silverman) "Grammys" ("at the Grammys last month"). A festival and an
    awards night are when and what, not who or where."""
    types = _stream_story_types(dev_stream_rows, "21", "Oktoberfest")
    assert not [name for name in types if "Oktoberfest" in name]
    assert types.get("Munich") == "PLACE" and types.get("Berlin") == "PLACE"
    types = _stream_story_types(dev_stream_rows, "56", "Grammys")
    assert "Grammys" not in types and types.get("Los Angeles") == "PLACE"


def test_common_nouns_capitalized_are_no_people(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 8 (the Seattle sex-trafficking sting) listed "Contingent Worker"
    ("any employee or Contingent Worker", Amazon's policy) and "Tongue Bath" (an ad's title,
    "Certifiably Sexy Student Nuru Massage 69 Tongue Bath (...)") among its people; event 74
    (the Croydon tram crash) "Croydon Tram" (a gallery's "Croydon Tram derailment 1/8") and
    "Croydon Tramlink" ("Tramlink, which is owned by First Group")."""
    types = _stream_story_types(dev_stream_rows, "8", "Contingent Worker")
    assert "Contingent Worker" not in types and "Tongue Bath" not in types
    assert types.get("Amazon") == "ORG" and types.get("Microsoft") == "ORG"
    types = _stream_story_types(dev_stream_rows, "74", "")  # the whole story
    assert not [name for name, kind in types.items() if "Tram" in name and kind == "PERSON"]
    assert types.get("Croydon") == "PLACE"


def test_an_adjective_opening_a_sentence_is_no_organization(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (the Nice attack, the Sun): "Heartbroken relatives refused to leave
    the bodies of their loved ones" listed "Heartbroken" among the organizations."""
    types = _stream_story_types(dev_stream_rows, "68", "Heartbroken relatives")
    assert "Heartbroken" not in types and types.get("Nice") == "PLACE"


def test_a_nickname_is_no_one_else(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 63 (bitcoin below $6,000): "Nouriel Roubini, professor of economics
    ..., also known as Dr Doom" listed a person "Doom" beside Nouriel Roubini."""
    types = _stream_story_types(dev_stream_rows, "63", "Dr Doom")
    assert "Doom" not in types and types.get("Nouriel Roubini") == "PERSON"


def test_a_name_cut_after_its_particle_goes_on(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 61 (the PS4 update): "Guerilla Games technical director Michiel van
    der Leeuw, Technical Director for Guerrilla explains" listed "Michiel van der"."""
    types = _stream_story_types(dev_stream_rows, "61", "Michiel van der Leeuw")
    assert types.get("Michiel van der Leeuw") == "PERSON"
    assert not [name for name in types if name.startswith("Michiel") and "Leeuw" not in name]


def test_names_these_rules_must_not_strike(multinews_articles) -> None:
    """What a first cut of the rules above struck in Multi-News validation: an airport ending
    in "s" ("arrived at Dulles that night", row 99), a credit's name whose given name is a
    city's ("casting, Mandy Sherman, Sari Knight", row 70), a venue written in capitals inside
    ("at Maryland SoccerPlex", row 37), a pope's numeral ("Celestine V resigned", row 237)."""
    assert _multinews_types(multinews_articles, 99, "arrived at Dulles").get("Dulles") == "PLACE"
    assert _multinews_types(multinews_articles, 70, "Sari Knight").get("Sari Knight") == "PERSON"
    assert _multinews_types(multinews_articles, 37, "SoccerPlex").get("SoccerPlex") == "PLACE"
    types = _multinews_types(multinews_articles, 237, "Celestine V resigned")
    assert types.get("Celestine V") == "PERSON"


def test_an_affiliate_is_an_outlet(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 35 (the Costa Rica plane crash): "CNN affiliate Teletica reported",
    "Teletica said" listed the broadcaster among the people."""
    types = _stream_story_types(dev_stream_rows, "35", "CNN affiliate Teletica")
    assert types.get("Teletica") != "PERSON"


def test_a_places_feature_is_a_place(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 31 (NASA's iceberg): "during a flight to Victoria Land" listed a
    person "Victoria Land"; event 19: "South Korea's Yeosu Port" another."""
    types = _stream_story_types(dev_stream_rows, "31", "a flight to Victoria Land")
    assert types.get("Victoria Land") == "PLACE"
    types = _stream_story_types(dev_stream_rows, "19", "Yeosu Port")
    assert types.get("Yeosu Port") == "PLACE"


def test_a_town_named_as_one_is_a_place(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 66 (the Chibok girls freed) listed "Chibok (18)" among the
    organizations ("the town of Chibok", "the Chibok girls"); event 70 (the missile over
    Hokkaido) "Erimo (15)" among the people ("off the coast of Cape Erimo", "in Erimo"), and
    gave it a quote."""
    types = _stream_story_types(dev_stream_rows, "66", "")  # the whole story
    assert types.get("Chibok") == "PLACE"
    types = _stream_story_types(dev_stream_rows, "70", "Cape Erimo")
    assert types.get("Erimo", "PLACE") == "PLACE" and types.get("Cape Erimo", "PLACE") == "PLACE"


def test_name_searches_without_a_pattern_each_find_what_the_patterns_found(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The searches written with ``str.find`` (``_occurrences``, ``_before_days``,
    ``_lower_case_count``) find what the per-name patterns they replace found, over the
    capitalized words and pairs of dev-stream texts, the possessive days the stream writes
    ("Valentine's Day"), overlapping and empty forms."""
    import re

    from newsdigest.facts.canonical import (
        _DAY_AFTER,
        _before_days,
        _lower_case_count,
        _occurrences,
    )

    texts = [r["text"] for r in dev_stream_rows[:20]]
    texts += ["Valentine's Day, Presidents’ Day and Presidents' Day", "aaa's Day", "x"]
    forms = sorted(
        {m.group() for t in texts[:4] for m in re.finditer(r"[A-Z][\w'’.-]*(?: [A-Z]\w*)?", t)}
    )
    forms += ["Valentine", "Presidents", "aa", "a", ""]
    days = 0
    for text in texts:
        for form in forms:
            found = [m.start() for m in re.finditer(re.escape(form), text)]
            assert list(_occurrences(form, text)) == found
            before = re.search(re.escape(form) + _DAY_AFTER.pattern, text) is not None
            assert _before_days(form, text) == before
            days += before
            low = form.lower()
            pattern = rf"(?<![\w@#/.-]){re.escape(low)}(?![\w@-])"
            assert _lower_case_count(low, [Article(id="a", text=text)]) == len(
                re.findall(pattern, text)
            )
    assert days >= 4


def test_a_team_someone_is_a_member_of_is_no_person(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 75 (Massa's last Brazilian Grand Prix) listed "Sauber (5)" among the
    people: "Massa's F1 career began in 2002 as a member of Sauber.", "Sauber's Marcus
    Ericsson", "his Sauber"."""
    types = _stream_story_types(dev_stream_rows, "75", "Sauber")
    assert types.get("Sauber") == "ORG"
    assert types.get("Marcus Ericsson") == "PERSON"


def test_a_coast_a_peoples_adjective_names_is_a_place(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (the Nice truck attack) listed "Riviera" among the organizations
    ("on the French Riviera", "in the French Riviera city's promenade")."""
    types = _stream_story_types(dev_stream_rows, "68", "Riviera")
    assert types.get("Riviera") == "PLACE"


def test_a_title_or_an_award_alone_is_no_organization(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 44 (Bruce Arians retires) listed "Coach (5)" and "ACL (3)" among the
    organizations: "Coach Bruce Arians once said", "two-time NFL Coach of the Year", "torn
    ACL injuries"."""
    types = _stream_story_types(dev_stream_rows, "44", "")
    assert "Coach" not in types and "ACL" not in types
    assert types.get("Bruce Arians") == "PERSON"


def test_a_time_zone_or_a_statistic_is_no_organization(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 70 (the missile over Hokkaido) listed "GMT" among the organizations
    ("just before 6 a.m. (2100 GMT Monday)"), event 13 (Steelers at Texans) "TD" ("a 10-yard
    TD run")."""
    assert "GMT" not in _stream_story_types(dev_stream_rows, "70", "GMT")
    assert "TD" not in _stream_story_types(dev_stream_rows, "13", "TD run")


def test_a_works_title_is_not_cut_to_its_last_word(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 28 (Black Mirror's "USS Callister") listed "Trek (9)" among the
    organizations (“Star Trek” whole each time but once, 'a great deal of “Trek,”'); event 53
    (Super Bowl ads) "Thrones" ("'Game of Thrones' fans", "The Game of Thrones actor")."""
    assert "Trek" not in _stream_story_types(dev_stream_rows, "28", "Star Trek")
    types = _stream_story_types(dev_stream_rows, "53", "Game of Thrones")
    assert "Thrones" not in types and types.get("Game of Thrones") == "ORG"


def test_a_countrys_office_holder_is_whom_a_present_title_names() -> None:
    """The dev stream's Costa Rica crash names "Costa Rican President Luis Guillermo Solis" and
    "Former Costa Rican President Laura Chinchilla"; "Costa Rica's president said" is Solis."""
    index = RoleIndex()
    index.titles["Luis Guillermo Solis"] = ["Costa Rican President"]
    index.titles["Laura Chinchilla"] = ["Former Costa Rican president"]
    for name in index.titles:
        index.articles[name].add("a")
    assert resolve_role("Costa Rica's president", "a", index) == "Luis Guillermo Solis"
    assert resolve_role("the former Costa Rican president", "a", index) == "Laura Chinchilla"


def test_a_heading_of_common_words_is_no_person(
    dev_stream_rows: list[dict[str, str]], multinews_articles
) -> None:
    """Dev stream event 61 (PS4 system update 5.50) led its people with "Notifications (9)"
    ("Notifications Update" and "Update", headings) and listed "Boost Mode" ("PS4 Pro Boost
    Mode compatible games"): words the story writes in lower case, read as a name once or
    twice, with no title or speech verb. A name written more often stays ("Oculus", an
    organization of Multi-News validation 169, went with a first cut of the rule)."""
    types = _stream_story_types(dev_stream_rows, "61", "")
    assert types.get("Notifications") != "PERSON" and types.get("Boost Mode") != "PERSON"
    assert _multinews_types(multinews_articles, 169, "Oculus").get("Oculus") == "ORG"


def test_a_name_the_model_cut_or_glued_to_a_title_is_mended(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream names a reader saw cut or glued: "Marine Le" of "far-right leader Marine Le
    Pen" and "Denis Sassou" of "Congolese President Denis Sassou Nguesso also appears" (event
    65); "Luis Guillermo" of "President Luis Guillermo Solis Rivera said" listed beside
    "Guillermo Solis" (35); "Moon Jae" of "President Moon Jae-in asked" and "Defence Itsunori
    Onodera", an organization, of "Minister of Defence Itsunori Onodera said" (70); "MVP Ben
    Zobrist" (76)."""
    panama = _stream_story_types(dev_stream_rows, "65", "")
    assert panama.get("Marine Le Pen") == "PERSON" and "Marine Le" not in panama
    assert panama.get("Denis Sassou Nguesso") == "PERSON" and "Denis Sassou" not in panama
    crash = _stream_story_types(dev_stream_rows, "35", "Solis")
    assert crash.get("Luis Guillermo Solis Rivera") == "PERSON"
    assert "Luis Guillermo" not in crash and "Guillermo Solis" not in crash
    missile = _stream_story_types(dev_stream_rows, "70", "")
    assert missile.get("Moon Jae-in") == "PERSON" and "Moon Jae" not in missile
    assert missile.get("Itsunori Onodera") == "PERSON" and "Defence Itsunori Onodera" not in missile
    series = _stream_story_types(dev_stream_rows, "76", "Zobrist")
    assert series.get("Ben Zobrist") == "PERSON" and "MVP Ben Zobrist" not in series
    assert "MVP Zobrist" not in series


def test_a_name_run_on_needs_a_title_or_verb_and_initials_are_no_title(
    dev_stream_rows: list[dict[str, str]], multinews_articles
) -> None:
    """What the mending above leaves: initials are no title to cut ("T.J. Yates", "A.J.
    Hinch" of the dev stream's events 13 and 15; a first cut of the rule read "A.Q." a title),
    a stage name's abbreviation stays ("DJ Khaled", Multi-News 117), and words after a name
    with no title or speech verb do not run on it ("Unfazed Hill" of "Unfazed Hill
    Republicans", Multi-News 144, no longer a person of three words)."""
    texans = _stream_story_types(dev_stream_rows, "13", "T.J. Yates")
    assert texans.get("T.J. Yates") == "PERSON"
    assert _multinews_types(multinews_articles, 117, "DJ Khaled").get("DJ Khaled") == "PERSON"
    assert "Unfazed Hill Republicans" not in _multinews_types(multinews_articles, 144, "Unfazed")


def test_a_brand_and_a_term_spelt_out_in_brackets_are_no_people(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's Panama Papers story (event 65) listed "WikiLeaks" (also written
    "Wikileaks") among its people, its Pixel 2 story (58) "RAISR" ("RAISR (Rapid and
    Accurate Image Super-Resolution)") and "Zero Shutter Lag" ("Zero Shutter Lag (ZSL)")."""
    panama = _stream_story_types(dev_stream_rows, "65", "")
    assert panama.get("WikiLeaks") == "ORG" and panama.get("Vladimir Putin") == "PERSON"
    pixel = _stream_story_types(dev_stream_rows, "58", "")
    assert pixel.get("RAISR") != "PERSON" and pixel.get("Zero Shutter Lag") != "PERSON"
    assert pixel.get("Ofer Shacham") == "PERSON"


def test_a_band_before_its_members_role_and_name_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's World Series story (event 76) listed "Pearl Jam" among its people:
    "the actor Bill Murray and Pearl Jam singer Eddie Vedder", "Pearl Jam lead singer Eddie
    Vedder"; Murray, before "and", stays a person."""
    types = _stream_story_types(dev_stream_rows, "76", "Pearl Jam")
    assert types.get("Pearl Jam") == "ORG" and types.get("Eddie Vedder") == "PERSON"
    assert types.get("Bill Murray") == "PERSON"


def test_a_given_name_and_surname_of_common_words_is_a_person() -> None:
    """The rule above had dropped "Bill Gates", named once with no title in a story that
    writes "the bill" and border "gates" in lower case; a given name and a surname is a
    person's name whatever the story's other words."""
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    text = (
        "The Senate passed the bill on Tuesday after a long debate over funding for the border."
        " The bill sets aside $2 billion for new gates and fences along the border, and the"
        " gates will be built by 2025. Money from Bill Gates has gone to groups that back the"
        " bill. The House will vote on the bill next week."
    )
    facts = extract_facts([Article(id=article_id(text), text=text)], {})
    assert {e.name: e.type for e in facts.entities}.get("Bill Gates") == "PERSON"


def test_an_organization_that_said_things_is_no_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 72 (the Equifax breach) listed "Equifax (52)" first under Who: the
    model's organization 40 times, its person 3, and "Equifax said" 12 times, each a person's
    cue; companies speak too. A person the model read as an organization and who spoke keeps
    them ("Haynes said", event 31's director; "Gina Torres announced her separation"). The
    company is one entity under its legal name, its short name, and its account ("Equifax
    Twitter") among its spellings."""
    types = _stream_story_types(dev_stream_rows, "72", "Equifax")
    assert types.get("Equifax Inc.") == "ORG"
    assert "Equifax" not in types and "Equifax Twitter" not in types
    assert types.get("Richard F. Smith") == "PERSON"


def test_a_name_whose_surname_is_a_word_of_the_story_stays_a_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (Nice): "a copy of the magazine made its way to Osama bin Laden",
    in a story where "the lorry was found to be laden with weapons", had dropped bin Laden as
    a thing's name ending in a common noun, as "Distant Retrograde Orbit" is."""
    types = _stream_story_types(dev_stream_rows, "68", "")
    assert types.get("Osama bin Laden") == "PERSON"


def test_an_official_newspaper_and_the_presidential_office_are_no_people(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 70 (North Korea's missile over Japan) listed "Rodong Sinmun" and "Blue
    House" under Who: "North Korea's official Rodong Sinmun said", "the presidential Blue House
    said" ("official" and "presidential" the adjectives, no titles)."""
    types = _stream_story_types(dev_stream_rows, "70", "presidential Blue House")
    assert types.get("Blue House") == "ORG"
    types = _stream_story_types(dev_stream_rows, "70", "official Rodong Sinmun")
    assert types.get("Rodong Sinmun") == "ORG"
    assert types.get("Shinzo Abe") == "PERSON"
    # the whole story: "Rodong" of "Rodong-class missiles" too (a place), its labels tied
    types = _stream_story_types(dev_stream_rows, "70", "")
    assert types.get("Rodong Sinmun") == "ORG"


def test_a_person_whose_name_qualifies_a_noun_is_a_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 65 (the Panama Papers) listed Edward Snowden among the organizations:
    "revelations by WikiLeaks and Edward Snowden" (the model's person) and "the Edward Snowden
    disclosures" (its organization, the name qualifying the noun)."""
    types = _stream_story_types(dev_stream_rows, "65", "Edward Snowden")
    assert types.get("Edward Snowden") == "PERSON"


def test_the_late_someone_is_a_person(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 76 (the Cubs' World Series) listed Ernie Banks among the
    organizations, the model's each time: "like the late Ernie Banks, Mr. Cub"."""
    types = _stream_story_types(dev_stream_rows, "76", "Ernie Banks")
    assert types.get("Ernie Banks") == "PERSON"


def test_a_spokesman_beside_an_armed_groups_words_is_a_person(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (the Nice attack) listed the IS spokesman among the organizations:
    "Spokesman for the terrorist group Abu Mohammed al-Adnani made ...", then "twisted
    Al-Adnani urged": the model's person both times, referred back to by his last word."""
    types = _stream_story_types(dev_stream_rows, "68", "Al-Adnani")
    assert types.get("Abu Mohammed al-Adnani") == "PERSON"
    assert types.get("Islamic State") == "ORG"  # "ISIS", under the group's usual name


def test_an_outlet_told_things_is_one_whatever_its_word_found_again() -> None:
    """Dev stream event 68 listed "France Info" under Who: told things twice ("Eric Ciotti,
    told France Info"), its word found again in "France TV Info reported", which had hidden
    that each mention the model found was told."""
    types = _dev_stream_entities("Eric Ciotti, told France Info", "France TV Info reported")
    assert types.get("France Info") == "ORG"
    assert types.get("Eric Ciotti") == "PERSON"


def test_a_days_occasion_and_an_advertisers_ad_are_no_places(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream events 55 and 53 listed "Super Bowl" first under Where ("Sunday's Super Bowl
    was hosted in Minneapolis", "this year's Super Bowl ads"), and event 53 "Pringles" ("Bill
    Hader appears in Pringles' first Super Bowl ad"): an occasion, and an advertiser."""
    types = _stream_story_types(dev_stream_rows, "55", "Super Bowl")
    assert "Super Bowl" not in types and types.get("Minneapolis") == "PLACE"
    types = _stream_story_types(dev_stream_rows, "53", "Pringles")
    assert "Super Bowl" not in types and "Pringles" not in types


def test_a_store_of_software_is_no_place(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 57 (Telegram pulled from Apple's store) listed "App Store" first
    under Where, 20 mentions ("removed from Apple's App Store")."""
    types = _stream_story_types(dev_stream_rows, "57", "App Store")
    assert types.get("App Store") == "ORG"


def test_the_end_of_an_of_the_title_is_no_organization(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 55 (Timberlake's halftime show) listed "Woods" first among the
    organizations: the album "Man of the Woods", each time; event 53 "Galaxy", of "the
    Guardians of the Galaxy". A title's office stays ("Speaker of the House")."""
    types = _stream_story_types(dev_stream_rows, "55", "Man of the Woods")
    assert "Woods" not in types and types.get("Justin Timberlake") == "PERSON"
    types = _stream_story_types(dev_stream_rows, "53", "Guardians of the Galaxy")
    assert "Galaxy" not in types


def test_a_town_after_its_university_is_a_place(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 46 (China's far-side moon landing) listed "Nijmegen" among the
    organizations: "Heino Falcke, Radboud University, Nijmegen, is hoping ..."."""
    types = _stream_story_types(dev_stream_rows, "46", "Nijmegen")
    assert types.get("Nijmegen") == "PLACE"
    assert types.get("Heino Falcke") == "PERSON"


def test_an_orbit_travelled_into_is_no_person(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 46 listed "Distant Retrograde Orbit" under Who: "The uncrewed Orion
    will travel into Distant Retrograde Orbit", in a story of six "orbit"s."""
    types = _stream_story_types(dev_stream_rows, "46", "Distant Retrograde Orbit")
    assert "Distant Retrograde Orbit" not in types


def test_a_makers_product_is_no_person(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 60 (Intel's smart glasses) listed "Google Glass" first under Who, the
    model's person four times, beside "the company is Intel, not Google" (its organization):
    the maker's name and its product's word, no given name and surname."""
    types = _stream_story_types(dev_stream_rows, "60", "")
    assert types.get("Google Glass") == "ORG"
    assert types.get("Intel") == "ORG"


def test_a_post_written_short_before_a_name_is_a_title(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 68 (the Nice attack, The Sun) listed "PM Theresa May" among the
    organizations: "A Downing Street spokesman said PM Theresa May was being kept up to date"
    (the model's organization, "PM" and all)."""
    types = _stream_story_types(dev_stream_rows, "68", "PM Theresa May")
    assert "PM Theresa May" not in types
    assert types.get("Theresa May") == "PERSON"


def test_a_headlines_participle_and_an_abbreviation_are_no_people(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 60 (Intel's smart glasses, a roundup page among them) listed "AR (3)"
    and "Disgraced Samsung (2)" under Who: "on AR and VR technologies", "VR and AR are
    evolving" (the model's person once, organization twice, never said to speak), and
    "jail, however...Disgraced Samsung boss walks free", beside "Samsung vice chairman Jay Y.
    Lee". The vice chairman stays a person."""
    types = _stream_story_types(dev_stream_rows, "60", "")
    assert types.get("AR") != "PERSON"
    assert "Disgraced Samsung" not in types
    assert types.get("Samsung") == "ORG"
    assert types.get("Jay Y. Lee") == "PERSON"


def test_a_brands_line_is_no_person(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 53 (the Super Bowl's ads) listed "Michelob Ultra" under Who: "Chris
    Pratt for Michelob Ultra", "in Michelob Ultra's ad" (its first word the model's place),
    no title or speech verb. The actor stays a person."""
    types = _stream_story_types(dev_stream_rows, "53", "Michelob")
    assert types.get("Michelob Ultra") == "ORG"
    assert types.get("Chris Pratt") == "PERSON"


def test_a_promenade_driven_along_is_a_place(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 68 (the Nice attack) listed "Promenade des Anglais" among the
    organizations, the model's each time ("driving two kilometers along the Promenade des
    Anglais", "a restaurant on the Promenade des Anglais"), and "Promenade" apart ("walking
    to the Promenade")."""
    types = _stream_story_types(dev_stream_rows, "68", "")
    assert types.get("Promenade des Anglais") == "PLACE"
    assert "Promenade" not in types
    assert types.get("Nice") == "PLACE"


def test_an_airline_named_short_and_its_account_are_the_airline(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 10 (a flight turned back to Los Angeles) listed "United" beside
    "United Airlines": "ANA and United are codeshare partners", kept apart by "The official
    United Twitter account responded that United has ...", a second organization opening
    with its word. United States stays a place of its own."""
    facts_types = _stream_story_types(dev_stream_rows, "10", "")
    assert facts_types.get("United Airlines") == "ORG"
    assert "United" not in facts_types and "United Twitter" not in facts_types
    assert facts_types.get("United States") == "PLACE"


def test_a_team_named_without_its_place_is_the_team(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 44 (Bruce Arians retires) listed "Cardinals" beside "Arizona
    Cardinals" among the organizations, and event 76 (the Cubs' title) "Mets" beside "New York
    Mets": one team each, named without its place."""
    types = _stream_story_types(dev_stream_rows, "44", "")
    assert types.get("Arizona Cardinals") == "ORG" and "Cardinals" not in types
    types = _stream_story_types(dev_stream_rows, "76", "Mets")
    assert types.get("New York Mets") == "ORG" and "Mets" not in types


def test_a_given_name_the_model_cut_from_a_full_name_is_the_persons(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 69 (Cologne's New Year's Eve, NPR) listed "Soraya (2)" and "Sarhaddi
    Nelson (2)" under Who: "NPR's Berlin correspondent, Soraya [Sarhaddi Nelson]", then "And
    Soraya, what about suspects?"."""
    types = _stream_story_types(dev_stream_rows, "69", "Soraya")
    assert types.get("Soraya Sarhaddi Nelson") == "PERSON"
    assert "Soraya" not in types and "Sarhaddi Nelson" not in types


def test_a_teams_fans_opening_a_caption_leave_its_city_a_place(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 76 (the Cubs' title) listed "Overjoyed Cubs" under Who ("Overjoyed
    Cubs fans celebrate outside Progressive Field", a caption), which had also kept the 136
    "Cubs" from the team as a second "person" of that surname. Trimmed, the Cubs are the
    team's; and Chicago, a place 39 times, is no first name of a team the model twice read as
    a person ("Chicago Cubs")."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    rows = [r for r in dev_stream_rows if r["label"] == "76"]
    articles = [
        clean_article(Article(id=f"{article_id(r['text'])}-{i}", text=r["text"]))
        for i, r in enumerate(rows)
    ]
    entities = {e.name: e for e in extract_facts(articles, {}).entities}
    assert "Overjoyed Cubs" not in entities
    assert entities["Chicago"].type == "PLACE"
    assert entities["Chicago Cubs"].type == "ORG" and len(entities["Chicago Cubs"].mentions) > 100


def test_an_abbreviation_and_its_words_are_one_organization(
    dev_stream_rows: list[dict[str, str]], multinews_articles
) -> None:
    """Dev stream event 46 (China's far-side moon landing) listed "ESA" beside "European Space
    Agency" and "Nasa" (also written "NASA") beside "National Aeronautics and Space
    Administration"; event 71 "KCNA" beside "Korean Central News Agency": one organization
    each, named as its articles name it more often ("NASA", not its words). Two capitals join
    only a name the story spells them out after: Multi-News validation 8's "CT" is
    Connecticut, not the "Chevy Tahoe" of the same story; nor is a company's legal form in
    its initials (event 62: "Dell's acquisition of EMC" beside "Elliott Management Corp")."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    types = _stream_story_types(dev_stream_rows, "46", "")
    # each under the spelling its articles use more often (ESA 8 times, its words once)
    assert types.get("ESA") == "ORG" and "European Space Agency" not in types
    assert types.get("NASA") == "ORG" and "Nasa" not in types
    assert "National Aeronautics and Space Administration" not in types
    types = _stream_story_types(dev_stream_rows, "71", "")
    assert "KCNA" in types or "Korean Central News Agency" in types
    assert not ("KCNA" in types and "Korean Central News Agency" in types)
    types = _stream_story_types(dev_stream_rows, "62", "")
    assert types.get("EMC") == "ORG" and types.get("Elliott Management Corp") == "ORG"
    articles = [clean_article(a) for _, a in multinews_articles(8, 9)]
    names = {e.name for e in extract_facts(articles, {}).entities}
    assert "Chevy Tahoe" in names and "CT" in names


def test_an_organization_named_short_before_a_persons_role_is_no_speaker(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 46: '"The reception was warm. ...," said ESA astronaut Matthias
    Maurer'. Once "ESA" joined "European Space Agency", the three words of the agency's name
    had let "ESA astronaut Matthias Maurer" pass for the agency speaking: a name the model
    missed after the organization is someone of it, not the organization."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts
    from newsdigest.model import article_id

    rows = [r for r in dev_stream_rows if r["label"] == "46"]
    articles = [
        clean_article(Article(id=f"{article_id(r['text'])}-{i}", text=r["text"]))
        for i, r in enumerate(rows)
    ]
    (quote,) = [
        q for q in extract_facts(articles, {}).quotes if q.text.startswith("The reception was warm")
    ]
    assert quote.speaker not in ("European Space Agency", "ESA")  # either name the agency has


def test_many_mentions_of_a_first_name_reconcile_in_linear_time() -> None:
    """Review: each one-word name that could be a person's first name counted that person's
    mentions written in full again, mentions the loop itself adds to: 4,000 "Jordan" beside
    "Jordan Peele" took 4.8 s (0.02 s before that count)."""
    import time

    from newsdigest.facts.canonical import reconcile

    raw = [RawMention("a", 0, 12, "Jordan Peele", "PERSON", True)]
    raw += [
        RawMention("a", 20 + 15 * k, 26 + 15 * k, "Jordan", "PERSON", False) for k in range(4000)
    ]
    began = time.perf_counter()
    people = reconcile(raw)
    assert time.perf_counter() - began < 1.0
    assert [len(g.mentions) for g in people] == [4001]


def test_a_body_whose_full_name_was_read_as_a_person_goes_by_its_usual_name(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 57 (Apple pulls Telegram from the App Store): the model read "Telegram
    X" (the new app, named once) as a person, and "Telegram" (20 times) joined it by its first
    name: the story's first organization was "Telegram X (30)". A body goes by the name its
    articles write where that opens its full name; its own last word stays ("Common Sense
    Media", event 59, written "Common Sense" more often)."""
    types = _stream_story_types(dev_stream_rows, "57", "")
    assert types.get("Telegram") == "ORG" and "Telegram X" not in types
    types = _stream_story_types(dev_stream_rows, "59", "Common Sense")
    assert types.get("Common Sense Media") == "ORG" and "Common Sense" not in types


def test_same_person_kept_is_the_plain_rule_on_dev_stream_names(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The people's names the model finds in dev-stream articles (events 70 and 49), each pair
    compared by ``_same_person_of``, whose answers are kept (a story's rebuild compares its
    people again: 36,212 comparisons of 23,110 pairs through the API), and by the plain
    ``_same_person``: the same answer, asked once or again. A name's words are a fresh list
    each time they are asked (the list a caller changes is its own)."""
    from newsdigest.facts.canonical import _same_person, _same_person_of, name_tokens
    from newsdigest.facts.ner import parse_articles, raw_mentions

    rows = [r for r in dev_stream_rows if r["label"] in ("70", "49")][:8]
    articles = [Article(id=f"dev-{k}", text=r["text"]) for k, r in enumerate(rows)]
    docs = parse_articles(articles, workers=1)
    names = sorted(
        {
            m.text
            for a, doc in zip(articles, docs, strict=True)
            for m in raw_mentions(a, doc)
            if m.label == "PERSON" and len(name_tokens(m.text)) >= 2
        }
    )
    assert len(names) >= 20
    same = 0
    for a in names:
        for b in names:
            plain = _same_person(name_tokens(a), name_tokens(b))
            for _ in range(2):
                assert _same_person_of(tuple(name_tokens(a)), tuple(name_tokens(b))) is plain
            same += plain and a != b
    assert same > 0
    words = name_tokens(names[0])
    words.append("Jr.")
    assert name_tokens(names[0]) == words[:-1]


def test_an_airline_under_a_second_word_and_its_cut_names_is_one(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 9 (a flight turned back to Los Angeles) listed "ANA Airlines" and
    "All Nippon Airways" apart, with "All Nippon Airlines" and "Nippon Airways" ("All
    [Nippon Airways] flight 175") among the organizations and "Nippon" ("the same All
    [Nippon] flight") a person: one airline, under the name its articles write more often."""
    types = _stream_story_types(dev_stream_rows, "10", "")
    named = [n for n in types if "Nippon" in n or "ANA" in n.split()]
    assert named in (["All Nippon Airways"], ["ANA"]) and types[named[0]] == "ORG"


def test_one_venue_under_its_short_long_and_cut_names_is_one_place(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 3 (the Las Vegas shooting) gave Mandalay Bay as "Mandalay Bay",
    "Mandalay" ("coming from Mandalay"), "Mandalay Bay Resort" and "Bay Resort" (a graphic's
    "Mandalay [Bay Resort] and Casino"): one hotel. Las Vegas stays a place of its own."""
    types = _stream_story_types(dev_stream_rows, "64", "")
    named = [n for n in types if ("Mandalay" in n or "Bay Resort" in n) and "NORTH" not in n]
    assert named == ["Mandalay Bay"] and types["Mandalay Bay"] == "PLACE"
    assert types.get("Las Vegas") == "PLACE"


def test_a_name_cut_at_its_and_is_whole(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 33 (Telegram removed from the App Store) listed "NCMEC" and "National
    Center for Missing" ("the NCMEC (National Center for Missing and Exploited Children)");
    event 45 (the Grammys' leadership) "National Academy of Recording Arts" beside the name
    with "and Sciences"."""
    types = _stream_story_types(dev_stream_rows, "57", "NCMEC")
    assert "National Center for Missing" not in types
    assert types.get("National Center for Missing and Exploited Children") == "ORG"
    assert "NCMEC" not in types
    types = _stream_story_types(dev_stream_rows, "52", "")
    assert "National Academy of Recording Arts" not in types
    assert types.get("National Academy of Recording Arts and Sciences") == "ORG"


def test_a_designation_and_a_things_plural_are_no_people_nor_two_things(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 20 (the first Falcon Heavy launch) listed "Max-Q" (the moment of
    maximum aerodynamic pressure, "known as Max-Q") among the people, and "Tesla Roadster (2)"
    beside "Tesla Roadsters (2)"."""
    types = _stream_story_types(dev_stream_rows, "49", "")
    assert "Max-Q" not in types
    assert ("Tesla Roadster" in types) != ("Tesla Roadsters" in types)
    assert types.get("Elon Musk") == "PERSON"


def test_people_among_people_are_no_organizations(dev_stream_rows: list[dict[str, str]]) -> None:
    """Dev stream event 52 (Rihanna's cousin) listed Ariana Grande among the organizations
    ("Stars like Ariana Grande have also been outspoken"), event 14 (celebrity splits) Fergie
    ("Fergie and Josh Duhamel announced they were separating")."""
    assert _stream_story_types(dev_stream_rows, "12", "Ariana").get("Ariana Grande") == "PERSON"
    types = _stream_story_types(dev_stream_rows, "56", "Fergie")
    assert types.get("Fergie") == "PERSON" and types.get("Josh Duhamel") == "PERSON"


def test_a_label_before_a_full_name_is_no_part_of_it(
    dev_stream_rows: list[dict[str, str]], multinews_articles
) -> None:
    """Multi-News validation 23 (Eichmann's plea for clemency) listed "Nazi Adolf Eichmann"
    among the organizations beside "Adolf Eichmann" and "Nazi"; dev stream event 40 (Steelers
    beat Texans) "Brit Jay Ajayi" among the people."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    articles = [clean_article(a) for _, a in multinews_articles(23, 24)]
    types = {e.name: e.type for e in extract_facts(articles, {}).entities}
    assert "Nazi Adolf Eichmann" not in types and types.get("Adolf Eichmann") == "PERSON"
    types = _stream_story_types(dev_stream_rows, "13", "Ajayi")
    assert "Brit Jay Ajayi" not in types and types.get("Jay Ajayi") == "PERSON"


def test_a_body_named_without_its_countrys_or_owners_name_is_one(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 21 (North Korea's satellite launch) listed "Security Council", "U.N.
    Security Council" and "United Nations Security Council" apart (the U.S. "National
    Security Council" is another); event 23 (Goldman's tax hit) "Securities and Exchange
    Commission" beside "U.S. Securities and Exchange Commission"; event 20 (Falcon Heavy)
    "Air Force" beside "U.S. Air Force"."""
    types = _stream_story_types(dev_stream_rows, "71", "")
    councils = [n for n in types if n.endswith("Security Council") and "National" not in n]
    assert len(councils) == 1 and types[councils[0]] == "ORG"
    assert types.get("National Security Council") == "ORG"
    types = _stream_story_types(dev_stream_rows, "24", "")
    assert [n for n in types if n.endswith("Securities and Exchange Commission")] == [
        "U.S. Securities and Exchange Commission"
    ]
    types = _stream_story_types(dev_stream_rows, "49", "")
    assert types.get("U.S. Air Force") == "ORG" and "Air Force" not in types


def test_a_company_without_its_legal_form_or_by_its_initials_is_the_company(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 23 (Goldman's tax hit) listed "Credit Suisse (2)" beside "Credit Suisse
    Group AG (1)" and "CS" ("Credit Suisse (CS)"); event 26 (Broadcom's offer for Qualcomm)
    "NXP (8)", "NXP Semiconductors NV (2)", "NXP Semiconductor (1)" and "NXP Semiconductors
    (1)": one bank, one chipmaker."""
    types = _stream_story_types(dev_stream_rows, "24", "")
    assert [n for n in types if n.startswith("Credit Suisse") or n == "CS"] == [
        "Credit Suisse Group AG"
    ]
    types = _stream_story_types(dev_stream_rows, "62", "")
    assert len([n for n in types if n.startswith("NXP")]) == 1


def test_a_body_cut_before_its_last_word_or_spelt_with_other_small_words_is_one(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 10 (the Croydon tram crash) listed "British Transport (4)" ("British
    Transport police said") beside "British Transport Police"; event 16 (the Chibok girls'
    release) "ICRC", "International Committee of the Red Cross" and "International Committee
    for the Red Cross" apart, and "ISIS" beside "Islamic State"."""
    types = _stream_story_types(dev_stream_rows, "74", "")
    assert types.get("British Transport Police") == "ORG" and "British Transport" not in types
    types = _stream_story_types(dev_stream_rows, "66", "")
    committee = [n for n in types if n == "ICRC" or n.startswith("International Committee")]
    assert len(committee) == 1 and types[committee[0]] == "ORG"
    assert types.get("Islamic State") == "ORG" and "ISIS" not in types
    assert types.get("International Red Cross") == "ORG"  # its words not the committee's


def test_a_peoples_word_of_a_place_is_no_organization(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 24 (Angola's first satellite) listed "Angolan (3)" among the
    organizations ("The glitch with the Angolan satellite"); Angola stays a place."""
    types = _stream_story_types(dev_stream_rows, "32", "")
    assert "Angolan" not in types and types.get("Angola") == "PLACE"


def test_a_name_ending_like_a_peoples_word_is_kept() -> None:
    """A one-word organization whose last letter off and "a" on spell a place ("Ferrari":
    Ferrara) had been taken for that place's people's word and dropped
    (``test_a_peoples_word_of_a_place_is_no_organization``): the team of a dev-stream line
    (event 75, the Brazilian Grand Prix). The endings go as people's words form them: a
    town's name is kept too ("Trenton", not of Trento)."""
    from newsdigest.facts.canonical import _a_places_peoples_word

    text = (
        "The red flag came out after Ferrari driver Raikkonen lost control of his car in"
        " torrential rain. Sauber's Marcus Ericsson had crashed earlier."
    )
    raw = model_mentions_at(
        text,
        [
            ("Ferrari", "ORG", 0),
            ("Raikkonen", "PERSON", 0),
            ("Sauber", "ORG", 0),
            ("Marcus Ericsson", "PERSON", 0),
        ],
    )
    assert {e.name: e.type for e in entities_of(raw, text)}.get("Ferrari") == "ORG"
    assert not any(map(_a_places_peoples_word, ["Ferrari", "Trenton", "Eden", "Tulsi"]))
    peoples = ["Angolan", "Brazilian", "Canadian", "Italian", "Ukrainian", "Mexican", "Roman"]
    peoples += ["Chicagoan", "Japanese", "Chinese", "Turkish", "Israeli", "Pakistani"]
    assert all(map(_a_places_peoples_word, peoples))


def test_a_hotel_named_for_its_town_is_no_town(multinews_articles) -> None:
    """A venue's word after another place's name is that venue only where the story writes
    "the <name>" as a venue (``test_one_venue_under_its_short_long_and_cut_names_is_one_place``):
    "the Beverly Hills Hotel" of Multi-News validation 34 stays apart from the town."""
    from newsdigest.clean import clean_article
    from newsdigest.facts import extract_facts

    articles = [clean_article(a) for _, a in multinews_articles(34, 35)]
    types = {e.name: e.type for e in extract_facts(articles, {}).entities}
    assert "Beverly Hills Hotel" in types and types.get("Beverly Hills") == "PLACE"


def test_a_states_court_or_party_keeps_the_countrys_apart() -> None:
    """A body named without its place merges into the place's ("Cardinals" beside "Arizona
    Cardinals", "Air Force" beside "U.S. Air Force"), but a state's court or party is no
    short name of the country's: "the Supreme Court in Washington" had been merged into
    "Florida Supreme Court", the national "Democratic Party" into "Texas Democratic Party"
    (a review of the names-without-their-place rule; "Senate" beside "Texas Senate" stayed
    apart before it)."""
    text = (
        "The Florida Supreme Court ruled against the law on Monday. Lawyers for the state said"
        " they would ask the Supreme Court in Washington to hear the case. The Supreme Court"
        " has not said. Florida voters wait. In Florida, the law stays."
    )
    spans = [("Florida Supreme Court", "ORG", 0), ("Supreme Court", "ORG", 1)]
    spans += [("Washington", "GPE", 0), ("Supreme Court", "ORG", 2)]
    spans += [("Florida", "GPE", 1), ("Florida", "GPE", 2)]
    names = {e.name: len(e.mentions) for e in entities_of(model_mentions_at(text, spans), text)}
    assert names.get("Supreme Court") == 2 and names.get("Florida Supreme Court") == 1
    text = (
        "The Texas Democratic Party sued the state. The Democratic Party nationally has raised"
        " money for the fight. The Democratic Party said it would help. Texas voters go to the"
        " polls."
    )
    spans = [("Texas Democratic Party", "ORG", 0), ("Democratic Party", "ORG", 1)]
    spans += [("Democratic Party", "ORG", 2), ("Texas", "GPE", 1)]
    names = {e.name: len(e.mentions) for e in entities_of(model_mentions_at(text, spans), text)}
    assert names.get("Democratic Party") == 2 and names.get("Texas Democratic Party") == 1


def test_a_kin_word_before_or_an_occupation_after_a_name_shows_a_person() -> None:
    """Dev stream events 14 and 25 listed people among the organizations: "his reality star
    wife, the former Luann de Lesseps", "Neil Young had more than a wife in Pegi Young",
    "Tarantino's engagement to Daniella Pick, an Israeli singer"; "In an interview with
    Deadline Hollywood, the director said" stays an outlet's name."""
    names = _dev_stream_entities("the former Luann de Lesseps")
    assert names.get("Luann de Lesseps") == "PERSON"
    assert names.get("Pegi Young") == "PERSON"
    names = _dev_stream_entities("Daniella Pick, an Israeli singer")
    assert names.get("Daniella Pick") == "PERSON"
    names = _dev_stream_entities("interview with Deadline Hollywood, the director said")
    assert names.get("Deadline Hollywood") != "PERSON"


def test_a_headings_word_in_capitals_or_an_address_is_no_name() -> None:
    """Dev stream events 42 and 3 listed a related links' heading ("TALL STORY Astronaut
    apologises", "Niburu ROCKET SCIENCE") and an address ("Planetarium, 1426 N. Quincy St.,
    Arlington") among the people, and a map's labels run into a name ("Route 91 Harvest
    Festival NORTH Mandalay Bay Resort") among the places."""
    names = _dev_stream_entities("TALL STORY Astronaut", "1426 N. Quincy St.")
    assert not any("STORY" in n or "ROCKET" in n or "Quincy St" in n for n in names)
    names = _dev_stream_entities("Site of Route 91 Harvest Festival NORTH")
    assert not any("NORTH" in n for n in names)
    assert names.get("Mandalay Bay") == "PLACE"


def test_a_body_under_a_syllables_abbreviation_or_its_places_word_is_one() -> None:
    """Dev stream events 24 and 56 listed "NORAD" beside "the North American Aerospace
    Defense Command (NORAD)", and "Hawaii Airlines" beside "Hawaiian Airlines"."""
    names = _dev_stream_entities("North American Aerospace Defense Command (NORAD)")
    assert "NORAD" not in names
    assert names.get("North American Aerospace Defense Command") == "ORG"
    names = _dev_stream_entities("Hawaii Airlines Flight no. 446")
    assert "Hawaii Airlines" not in names and names.get("Hawaiian Airlines") == "ORG"


def test_a_post_between_a_body_and_a_person_parts_them() -> None:
    """Dev stream event 45 listed "Roc Nation COO Desiree Perez" as one organization."""
    names = _dev_stream_entities("and Roc Nation COO Desiree Perez", "Roc Nation chief operating")
    assert "Roc Nation COO Desiree Perez" not in names
    assert names.get("Roc Nation") == "ORG" and names.get("Desiree Perez") == "PERSON"


def test_an_institutions_name_cut_before_its_lower_case_rest_is_no_person() -> None:
    """Dev stream event 34 listed "Chandra X-ray (3)" among its people ("with help from
    NASA's Chandra X-ray observatory", then the "X-ray" of "X-ray view"), beside the
    "Chandra X-ray Observatory" of the other articles."""
    names = _dev_stream_entities(
        "NASA's Chandra X-ray observatory", "data from NASA’s Chandra X-ray Observatory"
    )
    assert "Chandra X-ray" not in names
    assert names.get("Chandra X-ray Observatory") == "ORG"


def test_a_full_name_read_as_an_organization_is_the_person_its_surname_names() -> None:
    """Dev stream event 49 listed "Morgan Freeman" among its organizations ("a rap battle with
    Morgan Freeman", the model's organization, then "while Freeman mouths Missy Elliott", its
    person): one person. A song named for the Moon stays a song ("Blue Moon", event 42)."""
    names = _dev_stream_entities("rap battle with Morgan Freeman")
    assert names.get("Morgan Freeman") == "PERSON" and "Freeman" not in names
    names = _dev_stream_entities("Why do Manchester City fans sing Blue Moon?")
    assert names.get("Blue Moon") == "ORG" and "Moon" not in names


def test_a_place_named_short_after_the_is_the_place() -> None:
    """Dev stream event 61 listed "Sound" beside "McMurdo Sound" among its places ("blue light
    from the water in Antarctica’s McMurdo Sound", then "blue light from the Sound")."""
    names = _dev_stream_entities("effect of blue light from the Sound")
    assert names.get("McMurdo Sound") == "PLACE" and "Sound" not in names


def test_an_outlets_section_told_things_is_no_person() -> None:
    """Dev stream event 34 listed "MACH (4)" among its people: NBC News's science section
    ("told NBC News MACH in an email", "Bennett told MACH", "Get the Mach newsletter")."""
    names = _dev_stream_entities("Get the Mach newsletter")
    assert names.get("MACH") == "ORG"


def test_a_countrys_body_named_short_is_the_body() -> None:
    """NeuS val 5 and 21 listed "Senate" beside "U.S. Senate", "Supreme Court" beside "U.S.
    Supreme Court" (no article named the country as a place). A state's body stays apart:
    "Senate" beside "Alabama Senate" (NeuS val 12) may be either."""
    from newsdigest.facts import extract_facts

    senate = (
        "The U.S. Senate is a day away from starting former President Donald Trump’s second "
        "impeachment trial. The consequences of the Senate impeachment trial could be "
        "considerable, Paul said when asked if the Senate could convict Trump."
    )
    court = (
        "The U.S. Supreme Court dismissed a case against President Donald Trump’s executive "
        "order on Tuesday. The Supreme Court announced that the case was moot."
    )
    for text, body in ((senate, "U.S. Senate"), (court, "U.S. Supreme Court")):
        entities = extract_facts([Article(id="a", text=text)], {}).entities
        assert [e.name for e in entities if e.type == "ORG"] == [body]
    state = (
        "Roy Moore will run for the United States Senate. Moore served in the Alabama Senate. "
        "The Senate race drew national attention."
    )
    orgs = [e.name for e in extract_facts([Article(id="a", text=state)], {}).entities]
    assert "Senate" in orgs


def test_a_body_that_said_something_is_no_person() -> None:
    """Dev stream event 10 listed "TfL (2)" and "Croydon Health Services NHS Trust" among its
    people: "Transport for London (TfL) and the police. TfL said ...", "The Croydon Health
    Services NHS Trust said ..." (the model's organization, a speech verb after it)."""
    names = _dev_stream_entities("Transport for London (TfL) and the police. TfL said")
    assert names.get("Transport for London") == "ORG" and "TfL" not in names
    names = _dev_stream_entities("The Croydon Health Services NHS Trust said")
    assert names.get("Croydon Health Services NHS Trust") == "ORG"


def test_what_a_child_calls_a_parent_is_no_name() -> None:
    """Dev stream event 15 listed "Mummy (2)" among its people ("Mummy’s right here. Isaiah,
    be calm. Mummy loves you.")."""
    names = _dev_stream_entities("Mummy’s right here. Isaiah, be calm. Mummy loves you.")
    assert "Mummy" not in names


def test_a_rank_and_surname_is_the_person_of_that_surname() -> None:
    """Dev stream event 3 listed "Joseph Lombardo" and gave a quote to "Sheriff Lombardo" ("Sheriff
    Joseph Lombardo of the Las Vegas Metropolitan Police", then "..., Sheriff Lombardo said"):
    one person."""
    names = _dev_stream_entities("Sheriff Lombardo said", "Sheriff Joseph Lombardo of the")
    assert names.get("Joseph Lombardo") == "PERSON" and "Sheriff Lombardo" not in names


def test_a_name_called_a_firm_in_apposition_is_a_company() -> None:
    """Dev stream event 2 listed "Mandiant (3)" among its people ("a forensic review by
    Mandiant, a cybersecurity firm hired by Equifax")."""
    names = _dev_stream_entities(
        "by Mandiant, a cybersecurity firm hired by Equifax",
        "investigate the breach, Mandiant, has",
    )
    assert names.get("Mandiant") == "ORG"


def test_an_institution_cut_at_its_possessive_is_one_organization() -> None:
    """Dev stream event 15 listed "Cincinnati Children" and "Hospital Medical Center" among its
    organizations ("taken to Cincinnati Children's Hospital Medical Center"): one hospital."""
    names = _dev_stream_entities("taken to Cincinnati Children's Hospital Medical Center with")
    assert names.get("Cincinnati Children's Hospital Medical Center") == "ORG"
    assert "Cincinnati Children" not in names and "Hospital Medical Center" not in names


def test_a_place_with_its_kind_in_lower_case_is_the_place_so_named() -> None:
    """Dev stream event 61 listed "Pine Island" and "Pine Island Glacier" under Where ("broke off
    from the Pine Island glacier", "calved from Pine Island Glacier"): one glacier."""
    names = _dev_stream_entities(
        "broke off from the Pine Island glacier", "calved from Pine Island Glacier, one"
    )
    assert names.get("Pine Island Glacier") == "PLACE" and "Pine Island" not in names


def test_a_place_spelt_with_a_letter_more_is_one_place() -> None:
    """Dev stream event 10 listed "Shettleston Road" and "Shettlestone Road" under Where, as two
    outlets spelt the Glasgow road of an earlier tram fire; "Iran" and "Iraq", a letter apart
    the other way, stay two."""
    names = _dev_stream_entities(
        "caught fire in Shettleston Road, Glasgow, following",
        "caught fire in Shettlestone Road, Glasgow, after",
    )
    assert len({n for n in names if n.startswith("Shettleston")}) == 1
    from newsdigest.facts import extract_facts

    text = "Troops left Iraq for Iran. In Iraq they met Iranian officers; Iran said so."
    places = {e.name for e in extract_facts([Article(id="a", text=text)], {}).entities}
    assert {"Iran", "Iraq"} <= places


def test_a_rank_written_short_before_a_persons_name_is_no_one() -> None:
    """Dev stream event 10 listed "Asst Ch" among its people ("British Transport police Asst Ch
    Con Robin Smith said", beside "Robin Smith, Assistant Chief Constable")."""
    names = _dev_stream_entities(
        "police Asst Ch Con Robin Smith said", "Robin Smith, Assistant Chief Constable of the"
    )
    assert names.get("Robin Smith") == "PERSON" and "Asst Ch" not in names


def test_one_end_of_a_journey_to_a_place_is_a_place() -> None:
    """Dev stream event 10 listed "New Addington" among its organizations ("The tram was
    operating from New Addington to Wimbledon via Croydon"; "The father, from New Addington,
    south east London")."""
    names = _dev_stream_entities(
        "operating from New Addington to Wimbledon", "The father, from New Addington, south"
    )
    assert names.get("New Addington") == "PLACE"


def test_a_person_before_a_possessive_that_names_a_hospital_is_the_hospital() -> None:
    """Dev stream event 10 listed "St George" among its people ("taken to St George’s
    university hospital in Tooting", beside "St George's Hospital in Tooting said")."""
    names = _dev_stream_entities(
        "taken to St George’s university hospital", "St George's Hospital in Tooting said"
    )
    assert names.get("St George's Hospital") == "ORG" and "St George" not in names
