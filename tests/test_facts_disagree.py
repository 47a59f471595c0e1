"""Disagreements: only like compared with like, with which source says which value."""

from __future__ import annotations

from datetime import date, datetime, timezone

from newsdigest.facts import extract_facts
from newsdigest.facts.disagree import Quantity, quantity_disagreements
from newsdigest.model import Article, Facts, article_id

MAY_15 = datetime(2019, 5, 15, tzinfo=timezone.utc)


def cluster(*texts: str, published: datetime | None = MAY_15) -> tuple[list[Article], Facts]:
    articles = [
        Article(id=article_id(t), text=t, published=published, source=f"outlet{i}")
        for i, t in enumerate(texts)
    ]
    return articles, extract_facts(articles, {})


def test_same_meeting_different_durations_is_a_disagreement() -> None:
    a = "US Secretary of State Mike Pompeo held talks in Sochi on Tuesday with Sergey Lavrov. The talks lasted nearly two hours."
    b = "Russian Foreign Minister Sergey Lavrov held talks in Sochi on Tuesday with Mike Pompeo. Their talks lasted about an hour."
    articles, facts = cluster(a, b)
    numbers = [d for d in facts.disagreements if d.kind == "number"]
    assert len(numbers) == 1
    assert "Sochi" in numbers[0].subject and "2019-05-14" in numbers[0].subject
    claims = {c.value: c.articles for c in numbers[0].claims}
    assert claims == {"nearly two hours": (articles[0].id,), "about an hour": (articles[1].id,)}


def test_without_dates_durations_are_not_compared() -> None:
    a = "Mike Pompeo held talks in Sochi on Tuesday with Sergey Lavrov. The talks lasted nearly two hours."
    b = "Sergey Lavrov held talks in Sochi on Tuesday with Mike Pompeo. Their talks lasted about an hour."
    _, facts = cluster(a, b, published=None)
    assert not [d for d in facts.disagreements if d.kind == "number"]


def test_bounds_and_rounding_are_not_contradictions() -> None:
    def q(text: str, minutes: float, bound: str | None = None, article: str = "a") -> Quantity:
        return Quantity(
            "duration of the talks", minutes, text, article, "Sochi", "2019-05-14", bound
        )

    assert not quantity_disagreements(
        [q("more than an hour", 60, "min"), q("nearly two hours", 120, article="b")]
    )
    assert not quantity_disagreements([q("about 60 minutes", 60), q("an hour", 60, article="b")])
    got = quantity_disagreements([q("an hour", 60), q("three hours", 180, article="b")])
    assert [c.value for c in got[0].claims] == ["an hour", "three hours"]


def test_same_words_given_to_different_speakers() -> None:
    words = "We have common interests and there are also issues where we can cooperate productively"
    a = f'"{words}," Mike Pompeo said in Sochi on Tuesday.'
    b = f'"{words}," Sergey Lavrov said in Sochi on Tuesday.'
    articles, facts = cluster(a, b)
    attribution = [d for d in facts.disagreements if d.kind == "attribution"]
    assert len(attribution) == 1
    assert {c.value: c.articles for c in attribution[0].claims} == {
        "Mike Pompeo": (articles[0].id,),
        "Sergey Lavrov": (articles[1].id,),
    }


def test_one_person_by_two_names_is_no_disagreement() -> None:
    """Dev stream: "Sources differ on speaker of 'The great Michael Sheen and I consciously
    uncoupled ...': Sarah ([3]); Sarah Silverman ([4])" was one person; so were "Mr Zhu" and
    "Zhu Congpeng", "Dr Guerras" and "Eduardo Guerras"."""
    from newsdigest.facts.disagree import one_person_names

    assert one_person_names(["Sarah", "Sarah Silverman"])["Sarah"] == "Sarah Silverman"
    assert one_person_names(["Mr Zhu", "Zhu Congpeng"])["Mr Zhu"] == "Zhu Congpeng"
    names = one_person_names(["Garba Shehu", "Mallam Garba Shehu", "Muhammadu Buhari"])
    assert names["Garba Shehu"] == names["Mallam Garba Shehu"] != names["Muhammadu Buhari"]
    # a surname two people share is neither of them
    assert one_person_names(["Smith", "Anna Smith", "John Smith"])["Smith"] == "Smith"
    # a short given name (Multi-News 164: "Jon Hubbard" [4], "Jonathan Hubbard" [1])
    names = one_person_names(["Jon Hubbard", "Mr. Jonathan Hubbard", "Hubbard"])
    assert set(names.values()) == {"Mr. Jonathan Hubbard"}
    words = "We have common interests and there are also issues where we can cooperate productively"
    a = f'"{words}," Eduardo Guerras said in Sochi on Tuesday.'
    b = f'"{words}," Dr. Guerras said in Sochi on Tuesday.'
    _, facts = cluster(a, b)
    assert not [d for d in facts.disagreements if d.kind == "attribution"]


def test_a_pronoun_guess_yields_to_a_named_attribution_elsewhere() -> None:
    words = "he conducted an objective investigation and confirmed the absence of any collusion"
    # "he" would be Pompeo, the last person named before the quote; 001 names Putin
    a = f'Vladimir Putin met the press. Then Mike Pompeo arrived in Sochi. "{words}", he said.'
    b = f"«{words}», — quotes the words of Vladimir Putin on the investigation."
    _, facts = cluster(a, b)
    assert {q.speaker for q in facts.quotes} == {"Vladimir Putin"}
    assert not [d for d in facts.disagreements if d.kind == "attribution"]


def test_event_days_a_day_apart_are_no_disagreement() -> None:
    """A late-night attack or a time zone dates one event a day apart (dev stream: "Sources
    differ on when the event took place: 2016-07-14 (4); 2016-07-15 (1)" for the Nice attack);
    days further apart, or months, are still compared."""
    from newsdigest.facts.disagree import date_disagreement

    assert date_disagreement({"a": "2016-07-14", "b": "2016-07-14", "c": "2016-07-15"}) is None
    assert date_disagreement({"a": "2017-12-29", "b": "2017-12-30", "c": None}) is None
    apart = date_disagreement({"a": "2017-12-29", "b": "2017-12-31"})
    assert apart is not None and [c.value for c in apart.claims] == ["2017-12-29", "2017-12-31"]
    assert date_disagreement({"a": "2016-09-05", "b": "2017-08-29"}) is not None
    assert date_disagreement({"a": "2017-12", "b": "2017-11"}) is not None


def test_an_injured_person_is_not_a_count_of_the_injured() -> None:
    """The dev stream's Nice story: "Sources differ on number of injuries ...: About 100 people
    were injured; an injured" (a sentence about an injured man). "A" and "an" count durations
    ("an hour"), not casualties."""
    a = "A truck plowed into a crowd in Nice on Thursday. About 100 people were injured."
    b = "A truck plowed into a crowd in Nice on Thursday. Rescuers carried an injured man away."
    _, facts = cluster(a, b)
    assert not [d for d in facts.disagreements if d.kind == "number"]
    c = "A truck plowed into a crowd in Nice on Thursday. Twelve people were injured."
    _, facts = cluster(a, c)
    (numbers,) = [d for d in facts.disagreements if d.kind == "number"]
    assert sorted(c.value for c in numbers.claims) == [
        "About 100 people were injured",
        "Twelve people were injured",
    ]


def test_no_one_injured_is_not_one_injured() -> None:
    """The dev stream's Terrigal Beach fireworks: 'two were injured' in one outlet and, in
    another, the police's '"no one was injured"' (about the crowd) made a false 'one was
    injured' claim."""
    a = "A barge caught fire at Terrigal Beach on Sunday. Two were injured."
    b = 'A barge caught fire at Terrigal Beach on Sunday. Police said "no one was injured".'
    _, facts = cluster(a, b)
    assert not [d for d in facts.disagreements if d.kind == "number"]


def test_one_place_at_two_scales_is_no_disagreement() -> None:
    """The dev stream's Croydon tram crash: one outlet placed it in Croydon, another at the
    Sandilands stop, and the story writes "near the Sandilands tram stop in Croydon": one
    place, not a disagreement. Two places never written together still disagree."""
    from newsdigest.facts.disagree import place_disagreement

    together = Article(
        id="c", text="The tram overturned near the Sandilands tram stop in Croydon on Wednesday."
    )
    places = {"a": "Croydon", "b": "Sandilands"}
    assert place_disagreement(places, [together]) is None
    apart = Article(
        id="d",
        text="The tram left Croydon on Wednesday morning. The driver was questioned by police, "
        "and inspectors reached Sandilands.",
    )
    found = place_disagreement(places, [apart])
    assert found is not None and sorted(c.value for c in found.claims) == ["Croydon", "Sandilands"]


def test_a_city_and_its_state_or_country_are_one_place() -> None:
    """NeuS val, Hurricane Harvey: one outlet placed the floods in Houston, another in Texas,
    never written side by side: "Sources differ on where ...: Houston ([2]); Texas ([3])". The
    gazetteer puts Houston in Texas and in the United States ("U.S." folds to it), and
    Amsterdam in "The Netherlands" written without its article. Two cities of one state still
    disagree, and a city is not within a state of the same name's country it is not in."""
    from newsdigest.facts.disagree import place_disagreement
    from newsdigest.names import lies_within

    story = [Article(id="x", text="Floods hit the region. Rescuers worked through the night.")]
    assert place_disagreement({"a": "Houston", "b": "Texas"}, story) is None
    assert place_disagreement({"a": "Texas", "b": "Houston", "c": "United States"}, story) is None
    assert lies_within("Amsterdam", "Netherlands") and lies_within("Texas", "United States")
    assert not lies_within("Texas", "Houston") and not lies_within("Paris", "Texas")
    found = place_disagreement({"a": "Houston", "b": "Dallas"}, story)
    assert found is not None and sorted(c.value for c in found.claims) == ["Dallas", "Houston"]
    found = place_disagreement({"a": "Houston", "b": "Texas", "c": "Chicago"}, story)
    assert found is not None


def test_a_count_said_on_a_later_day_is_compared_and_small_counts_are_exact() -> None:
    """The dev stream's Rhine boat crash: "25 people were injured, police said Wednesday"
    (the Times) and "27 people are injured" (the Daily Mail) were never compared: the first
    count was dated by the day the police spoke, and 25 and 27 were "within 10%"."""
    dec_27 = datetime(2017, 12, 27, tzinfo=timezone.utc)
    a = (
        "A tourist ship struck a highway bridge on the Rhine river in Duisburg, Germany, on "
        "Tuesday and 25 people were injured, police said Wednesday."
    )
    b = "A tourist ship struck a highway bridge in Duisburg, Germany, on Tuesday. 27 people are injured."
    _, facts = cluster(a, b, published=dec_27)
    (number,) = [d for d in facts.disagreements if d.kind == "number"]
    assert sorted(c.value for c in number.claims) == [
        "25 people were injured",
        "27 people are injured",
    ]


def test_a_count_of_some_of_the_dead_is_not_the_toll() -> None:
    """The dev stream's Nice attack: "Two children died" beside "more than 70 people dead"."""
    a = "A truck drove into a crowd in Nice on Thursday, leaving more than 70 people dead."
    b = "A truck drove into a crowd in Nice on Thursday. Two children died."
    _, facts = cluster(a, b)
    assert not [d for d in facts.disagreements if d.kind == "number"]
    rounded = [
        Quantity("number of deaths", n, text, art, "Nice", "2019-05-14", None)
        for n, text, art in ((143e6, "143 million", "a"), (145.5e6, "145.5 million", "b"))
    ]
    assert not quantity_disagreements(rounded)  # large counts may still be rounded


def test_several_counts_in_one_article_are_not_sources_differing() -> None:
    """The dev stream's Las Vegas shooting: "Sources differ on number of deaths ...: at least
    50 people dead ([7], [4]); 13 dead ([7]); 26 killed ([7]); 32 killed ([7])", one outlet's
    list of earlier shootings on every side. Counts one article alone gives beside others of
    its own are not compared; a count two outlets give still is."""

    def q(text: str, n: float, article: str) -> Quantity:
        return Quantity("number of deaths", n, text, article, "Las Vegas", "2017-10-01", None)

    listed = [
        q("at least 50 people dead", 50, "a"),
        q("13 dead", 13, "a"),
        q("26 killed", 26, "a"),
        q("32 killed", 32, "a"),
        q("at least 50 people dead", 50, "b"),
    ]
    assert not quantity_disagreements(listed)
    both = [*listed, q("59 killed", 59, "c"), q("59 people were killed", 59, "a")]
    (number,) = quantity_disagreements(both)
    assert {c.value: c.articles for c in number.claims} == {
        "at least 50 people dead": ("a", "b"),
        "59 killed": ("a", "c"),
    }


def test_an_article_with_a_rising_count_still_differs_from_another() -> None:
    """One outlet's "12 killed" then "30 killed" against another's "45 killed": two sources
    that differ, which the several-counts rule had hidden by dropping the first outlet's
    counts altogether; it keeps its largest."""

    def q(text: str, n: float, article: str) -> Quantity:
        return Quantity("number of deaths", n, text, article, "Kabul", "2021-08-26", None)

    (number,) = quantity_disagreements(
        [q("12 killed", 12, "a"), q("30 killed", 30, "a"), q("45 killed", 45, "b")]
    )
    assert {c.value: c.articles for c in number.claims} == {
        "30 killed": ("a",),
        "45 killed": ("b",),
    }


def _event_articles(rows: list[dict[str, str]], label: str, sources: set[str]) -> list[Article]:
    """The dev stream's articles of event ``label`` from ``sources``, cleaned as ``digest``
    reads them."""
    from newsdigest.clean import clean_article

    return [
        clean_article(Article(id=article_id(r["text"]), text=r["text"], source=r["source"]))
        for r in rows
        if r["label"] == label and r["source"] in sources
    ]


def test_words_two_people_share_are_no_disagreement_on_who_said_them(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 70 (a missile over Japan): "Sources differ on speaker of 'North
    Korea's reckless action is an unprecedented, serious …': Shinzo Abe; Yoshihide Suga".
    Abe called it “an unprecedented, serious and a grave threat to our nation” (HuffPost);
    The Sun has his cabinet secretary Suga call it an “unprecedented, serious and grave
    threat”: two men using one phrase, words shared but no statement in common."""
    articles = _event_articles(
        dev_stream_rows, "70", {"www.huffingtonpost.com", "www.npr.org", "www.thesun.co.uk"}
    )
    facts = extract_facts(articles, {})
    speakers = {q.speaker for q in facts.quotes if "unprecedented" in q.text}
    assert speakers == {"Shinzo Abe", "Yoshihide Suga"}
    assert not [d for d in facts.disagreements if d.kind == "attribution"]


def _dated_event_articles(rows: list[dict[str, str]], label: str) -> list[Article]:
    """The first 8 articles of dev stream event ``label`` by (published, id), with their days,
    cleaned as ``digest`` reads them."""
    from newsdigest.clean import clean_article

    chosen = sorted(
        (r for r in rows if r["label"] == label), key=lambda r: (r["published"] or "", r["id"])
    )[:8]
    return [
        clean_article(
            Article(
                id=article_id(r["text"]),
                text=r["text"],
                title=r["title"],
                source=r["source"],
                published=datetime.fromisoformat(r["published"]).replace(tzinfo=timezone.utc),
            )
        )
        for r in chosen
    ]


def test_a_later_happening_is_no_disagreement_on_the_day(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 63: "Sources differ on when the event took place: 2018-02-06 (2);
    2018-01-30 (1)": a piece of January 31 reports bitcoin's plunge of "yesterday", those of
    February 6 the plunge below $6,000 that morning: two plunges, not two accounts of one.
    Event 3: a December 27 report of funding approved "Wednesday" against a January 1 report
    of a party vote on "Sunday" (December 31), a day after the first was written."""
    for label in ("63", "3"):
        facts = extract_facts(_dated_event_articles(dev_stream_rows, label), {})
        assert not [d for d in facts.disagreements if d.kind == "date"], label


def test_days_a_source_could_have_told_still_differ() -> None:
    """Two sources written on the same days that date one happening days apart still differ,
    and so do articles months apart (the seeds' December meeting beside May's)."""
    from newsdigest.facts.disagree import date_disagreement

    days = {"a": "2017-12-26", "b": "2017-12-29"}
    written = {"a": date(2017, 12, 29), "b": date(2017, 12, 30)}
    assert date_disagreement(days, written) is not None
    later = {"a": date(2017, 12, 27), "b": date(2017, 12, 30)}
    assert date_disagreement(days, later) is None
    # months apart: events the story should not have joined, shown as differing
    apart = {"a": "2019-05-14", "b": "2019-12-10"}
    assert date_disagreement(apart, {"a": date(2019, 5, 15), "b": date(2019, 12, 11)})


def test_the_day_a_claim_was_made_is_not_the_events(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """Dev stream event 65 (the Panama Papers): "a state-run Chinese newspaper alleged
    Tuesday" dated one article's event, against the others' Sunday, when the papers came out
    ("The scandal erupted on Sunday", its next sentence): the day a claim was made, as the
    day something was said, is not when the event happened."""
    facts = extract_facts(_dated_event_articles(dev_stream_rows, "65"), {})
    assert facts.event_date == "2016-04-03"
    assert not [d for d in facts.disagreements if d.kind == "date"]
