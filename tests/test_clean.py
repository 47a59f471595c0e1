"""Cleaning: every kind of debris the seeds show is removed, and no real sentence is lost —
checked on the seeds line by line and on generated pages mixing real sentences with debris."""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.clean import clean_article, clean_text, clean_title, detect_language, rules
from newsdigest.clean.pagekind import non_article_kind
from newsdigest.ingest.text import split_title
from newsdigest.model import Article, article_id
from newsdigest.split import split_sentences

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "sochi-2019"

# Lines of the seeds that are page debris, exactly as the crawler delivered them.
SEED_DEBRIS = {
    "001": [
        "LIVE: Sec. Pompeo meets with President Putin. https://t.co/8u8r1Sh518",
        "— NBC News (@NBCNews) May 14, 2019",
        "Pompeo and Putin discussed Russia’s intervention in the 2016 Elections, arms control "
        "and Irankremlin.ru",
    ],
    "003": ["Google News button"],
    "004": [
        "Home / World / US And Russian Authorities Show Desire to Improve Relations",
        "(Sahar News Monitoring Desk)",
        "Check Also",
        "Russia, China Offer to Help Venezuela in Preparing for 2020 Olympics: Maduro",
        "CARACAS – Russia and China have offered to help Venezuelan athletes to prepare for the …",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ],
}
# Debris inside a real line: the real rest must survive.
SEED_PREFIXES = {"000": "OREANDA-NEWS", "004": "MOSCOW – "}
DEBRIS_STRINGS = (
    "OREANDA-NEWS",
    "Home /",
    "Leave a Reply",
    "Your email address will not be published",
    "Required fields are marked",
    "Check Also",
    "t.co/",
    "https://",
    "@NBCNews",
    "NBC News (",
    "kremlin.ru",
    "Google News button",
    "Monitoring Desk",
    "Offer to Help Venezuela",
    "CARACAS",
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _seed(prefix: str) -> Article:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    title, body = split_title(path.read_text(encoding="utf-8"))
    return Article(id=article_id(body), text=body, title=title, source=path.stem, origin=str(path))


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Article]:
    return {p: clean_article(_seed(p)) for p in ("000", "001", "002", "003", "004")}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_debris_survives_on_seeds(cleaned: dict[str, Article], prefix: str) -> None:
    text = cleaned[prefix].text
    for debris in DEBRIS_STRINGS:
        assert debris not in text, f"{prefix}: {debris!r} survived cleaning"
    for line in SEED_DEBRIS.get(prefix, []):
        assert _fold(line) not in _fold(text), f"{prefix}: debris line kept: {line}"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_real_line_of_each_seed_survives(cleaned: dict[str, Article], prefix: str) -> None:
    article = _seed(prefix)
    clean = _fold(cleaned[prefix].text)
    debris = {_fold(d) for d in SEED_DEBRIS.get(prefix, [])} | {_fold(clean_title(article.title))}
    real = [ln for ln in article.text.splitlines() if ln.strip() and _fold(ln) not in debris]
    assert len(real) >= 3
    for line in real:
        cut = SEED_PREFIXES.get(prefix)
        if cut and line.startswith(cut):
            line = line[len(cut) :]
        assert _fold(line) in clean, f"{prefix}: real text lost: {line[:80]}"


def test_seed_specifics(cleaned: dict[str, Article]) -> None:
    c000, c001, c004 = cleaned["000"].text, cleaned["001"].text, cleaned["004"].text
    assert c000.startswith("The possibilities of returning to a full-fledged dialogue")
    assert "in Sochi on Tuesday. The US Secretary of State arrived" in c000  # glued sentence
    assert 'channel. "Despite' in c000  # the no-break space became a plain one
    assert c001.endswith("at the summit Big Twenty in Japan.")
    assert c004.startswith("US Secretary of State Mike Pompeo has said")  # dateline dropped
    assert c004.endswith(
        "Trump said Monday he will meet Putin on the sidelines of the G-20 summit."
    )
    # the headline repeated at the top of 004's body is gone, the title itself is kept clean
    assert cleaned["004"].title == "US And Russian Authorities Show Desire to Improve Relations"
    assert not c004.startswith(cleaned["004"].title)
    assert cleaned["002"].text.startswith("The talks between Russian Foreign Minister")


def test_clean_article_returns_new_article_with_content_id(cleaned: dict[str, Article]) -> None:
    raw = _seed("001")
    when = datetime(2019, 5, 14, tzinfo=timezone.utc)
    raw = Article(
        id=raw.id,
        text=raw.text,
        title=raw.title,
        url="https://e.com/a",
        source="E",
        published=when,
        origin="x",
    )
    out = clean_article(raw)
    assert out is not raw and out.text != raw.text
    assert out.id == article_id(out.text) != raw.id
    assert (out.url, out.source, out.published, out.origin) == ("https://e.com/a", "E", when, "x")
    assert out.language == "en"
    assert all(c.language == "en" for c in cleaned.values())


def test_paragraph_breaks_are_kept_and_sentences_split(cleaned: dict[str, Article]) -> None:
    text = cleaned["003"].text
    paras = text.split("\n\n")
    assert len(paras) == 23 and all(p == p.strip() and "\n" not in p for p in paras)
    sentences = [s.text for s in split_sentences(cleaned["000"].text)]
    assert (
        "The US Secretary of State arrived to communicate with his Russian counterpart."
        in sentences
    )


# --- rules one by one --------------------------------------------------------------------


def test_unicode_repair_and_whitespace() -> None:
    raw = "Russiaâ€™s talks\u00a0went  well.\r\nThe\u200b end &amp; more.\n\n\n\nNext\tpara."
    assert clean_text(raw) == "Russia’s talks went well.\n\nThe end & more.\n\nNext para."


def test_a_wire_underscore_dash_is_a_dash() -> None:
    # Multi-News (AP): "Berlusconi would have been forced to resign _ about 1 1/2 years before
    # the end of his term" was a digest line as written; an underscore in a word stays
    raw = (
        "Had he lost the vote, Berlusconi would have been forced to resign _ about 1 1/2 years "
        "before the end of his term.\n\nThe file_name _x stays."
    )
    assert clean_text(raw) == (
        "Had he lost the vote, Berlusconi would have been forced to resign \u2014 about 1 1/2 "
        "years before the end of his term.\n\nThe file_name _x stays."
    )


def test_hard_wrapped_paragraphs_are_joined() -> None:
    raw = (
        "The talks between the two ministers lasted for more than two hours\n"
        "and covered arms control, Syria, Iran and the Korean Peninsula, both\n"
        "sides said on Tuesday after the meeting ended.\n\nA second paragraph."
    )
    assert clean_text(raw).split("\n\n")[0].count("\n") == 0
    assert len(clean_text(raw).split("\n\n")) == 2


def test_glued_sentences_get_a_space_but_abbreviations_do_not() -> None:
    out = clean_text(
        "They met in Japan.The talks went on. Prices rose 3.5 percent in the U.S. economy."
    )
    assert "in Japan. The talks" in out and "3.5 percent" in out and "the U.S. economy" in out
    assert clean_text("See example.com and Node.js today.") == "See example.com and Node.js today."
    quoted = clean_text("“We agreed,” he said.“Talks go on.”The next round is in June.")
    assert quoted == "“We agreed,” he said. “Talks go on.” The next round is in June."
    assert clean_text("He said “no.” and left.") == "He said “no.” and left."


def test_tweet_embeds_and_links_go() -> None:
    raw = (
        "Officials met in Sochi on Tuesday.\n\n"
        "BREAKING: talks begin now pic.twitter.com/AbCdEf\n\n"
        "— Reuters (@Reuters) June 3, 2021\n\n"
        "Watch the talks live from the summit venue\n\n"
        "— AP Politics (@AP_Politics) Dec 10, 2019\n\n"
        "The report is at https://example.org/report.pdf and was published on Monday."
    )
    out = clean_text(raw)
    assert out == (
        "Officials met in Sochi on Tuesday.\n\nThe report is at and was published on Monday."
    )


def test_a_post_with_its_attribution_in_one_paragraph_goes() -> None:
    """A page of reactions (dev stream, the Cubs' World Series) embeds posts one a line, each
    closed by its author: each line was a digest sentence with no one to say it ("Knew it
    would feel amazing if it happened."). Prose that names a post's author stays."""
    raw = (
        "The Chicago Cubs are World Series champions.\n\n"
        "Steve Bartman needs to go streaking down Waveland Ave in just his headphones tonight. "
        "— Brett Anderson (@BrettAnderson35) November 3, 2016\n\n"
        "Knew it would feel amazing if it happened. Didn't think I'd be sobbing like a child. "
        "Truly thought I'd never see this. What a ride. — Mark Titus (@clubtrillion) "
        "November 3, 2016\n\n"
        "Former player Mark Titus (@clubtrillion) wrote on November 3, 2016 that he had wept."
    )
    assert clean_text(raw) == (
        "The Chicago Cubs are World Series champions.\n\n"
        "Former player Mark Titus (@clubtrillion) wrote on November 3, 2016 that he had wept."
    )


def test_read_more_with_its_colon_ends_the_article() -> None:
    """The Washington Post closes with "Read more:" and the outlet's other headlines, one with
    a full stop (dev stream; the digest took "An amateur just found its signal." as news).
    RT's "Read more" without a colon is a link in mid-article: the prose after it stays."""
    body = "\n\n".join(
        f"Real sentence number {i} about the black hole discovery." for i in range(6)
    )
    raw = (
        f"{body}\n\n“It was serendipity,” he said.\n\nRead more:\n\n"
        "NASA lost contact with a satellite 12 years ago. An amateur just found its signal.\n\n"
        "Scientists discover ‘the holy grail of dinosaurs’ in Africa"
    )
    assert clean_text(raw) == f"{body}\n\n“It was serendipity,” he said."
    rt = f"{body}\n\nRead more\n\nThe ministry said on Monday that the talks would go on."
    # a teaser inside the story (a hostile pass): the story goes on after its linked headline
    story = (
        f"{body}\n\nRead more:\n\nCouncil approves new transit plan\n\n"
        "Opponents said they would challenge the vote in court. The measure takes effect July "
        "1.\n\nThe council's vote came after months of hearings in which residents of every "
        "district spoke for and against the plan, and the final version cut the proposed "
        "increase by a third after business groups objected."
    )
    kept = clean_text(story)
    assert "Council approves" not in kept and "Opponents said" in kept and "hearings" in kept
    assert clean_text(rt) == f"{body}\n\nThe ministry said on Monday that the talks would go on."


def test_check_also_cuts_the_tail_but_not_an_early_heading() -> None:
    body = "\n\n".join(f"Real sentence number {i} about the summit talks." for i in range(6))
    tail = "\n\nRelated Articles\n\nOther story headline\n\nTeaser text of another story …"
    assert clean_text(body + tail) == body
    early = "Related\n\n" + body  # a heading at the top must not erase the article
    assert clean_text(early) == body


@pytest.mark.parametrize(
    "line",
    [
        "Home / World / Europe",
        "News » Politics » Talks in Sochi",
        "English >> World",  # People's Daily Online: a Multi-News digest's title
        # ABC News's topic button ("Add Weather" was among a dev story's people)
        "Interested in Weather? Add Weather as an interest to stay up to date on the latest "
        "Weather news, video, and analysis from ABC News. Add Interest",
        "Message: * A friend wanted you to see this item from WRAL.com:",  # a mail form
        "You can share ideas for stories on the Open Wire.",  # The Atlantic Wire's call for tips
        "Share on Facebook",
        "Share this:",
        "Google News button",
        "Follow us on Google News",
        "Subscribe to our daily newsletter",
        "Advertisement",
        "Tags: Russia, USA, Pompeo",
        "© 2019 The Daily Courier. All rights reserved.",
        "(Reporting by Jane Doe; Editing by John Roe)",
        "Reporting by Jane Doe in Moscow; Editing by John Roe",
        "(AFP)",
        "(Sahar News Monitoring Desk)",
        "By Jane Miller",
        "Source: TASS",
        "READ MORE: Putin says talks were useful",
        "Photo: Reuters",
        "Your email address will not be published.",
        "Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        # Multi-News digests' last lines (250 words)
        "More information: For tips on starting to exercise, see the American Heart Association.",
        "Disclosure: The author has no positions in any stocks mentioned, and no plans to "
        "initiate any positions within the next 72 hours.",
        # AP: "Follow Michael Balsamo" was among a Multi-News story's people
        "Follow Michael Balsamo on Twitter at http://twitter.com/MikeBalsamo1 .",
        "Follow Ynetnews on Facebook and Twitter",
        # the account a link alone: removing the links first had left "Follow Julie Pace at
        # and Kimberly Dozier at", and "Follow Julie Pace" among a Multi-News story's people
        "Follow Julie Pace at http://twitter.com/jpaceDC and Kimberly Dozier at "
        "http://twitter.com/kimberlydozier",
        "Follow Nicole Winfield at www.twitter.com/nwinfield",
        "Follow Jimmy: http://Twitter.com/JimmyFallon",
    ],
)
def test_debris_lines_are_dropped(line: str) -> None:
    real = "Pompeo met Putin in Sochi on Tuesday for two hours of talks."
    assert clean_text(f"{real}\n\n{line}\n\n{real.replace('Tuesday', 'Monday')}") == (
        f"{real}\n\n{real.replace('Tuesday', 'Monday')}"
    )


@pytest.mark.parametrize(
    "line",
    [
        "More information is expected Friday, police said.",
        "More information will follow on our profile, the company wrote on Twitter.",
        "More information about the victims was not immediately released.",
    ],
)
def test_news_opening_more_information_stays(line: str) -> None:
    """Only "More information:" (or the words alone) labels a pointer line; news may open so."""
    real = "Pompeo met Putin in Sochi on Tuesday for two hours of talks."
    assert clean_text(f"{real}\n\n{line}") == f"{real}\n\n{line}"


def test_glued_source_prefix_and_dateline() -> None:
    assert clean_text("XINHUA-NEWSThe summit opened.") == "The summit opened."
    assert clean_text("WASHINGTON (Reuters) - The summit opened.") == "The summit opened."
    assert clean_text("NATO Secretary General spoke.") == "NATO Secretary General spoke."
    assert clean_text("IBMers met in Sochi.") == "IBMers met in Sochi."
    # the Wall Street Journal's dateline, the dash glued to the text (21 local documents)
    assert clean_text("WASHINGTON—An attorney for Jared Kushner spoke.") == (
        "An attorney for Jared Kushner spoke."
    )
    assert clean_text("IOWA CITY, Iowa—Former Vice President Joe Biden spoke.") == (
        "Former Vice President Joe Biden spoke."
    )
    # a hyphen glued is a compound, neither a dateline nor a glued source name
    assert clean_text("MIAMI-Dade officials closed the beach.") == (
        "MIAMI-Dade officials closed the beach."
    )


def test_caption_and_duplicate_title() -> None:
    title = "Putin meets Pompeo in Sochi"
    raw = f"{title}\n\nThey talked for two hours.\n\n{title} and aidesreuters.com\n\nThey left."
    assert clean_text(raw, title) == "They talked for two hours.\n\nThey left."
    assert clean_title("Home / World / Putin meets Pompeo") == "Putin meets Pompeo"
    raw = Article(
        id="x", text="They met.", title=f"{title} | The Daily Courier", source="The Daily Courier"
    )
    assert clean_article(raw).title == title


def test_language_detection() -> None:
    assert (
        detect_language("Der Außenminister traf am Dienstag seinen Amtskollegen in Sotschi.")
        == "de"
    )
    assert (
        detect_language("Le secrétaire d'État américain a rencontré mardi le président russe.")
        == "fr"
    )
    assert (
        detect_language("Госсекретарь США встретился во вторник с президентом России в Сочи.")
        == "ru"
    )
    assert detect_language("ok") is None


def test_language_read_further_when_the_opening_is_unclear() -> None:
    from newsdigest.clean.language import FIRST_CHARS, SURE, _language_identifier

    names = ("Sochi 2019 Lavrov Pompeo Putin Trump NATO " * 20)[:FIRST_CHARS]
    prose = "Der Außenminister traf am Dienstag seinen Amtskollegen in Sotschi. " * 20
    assert _language_identifier().classify(names)[1] < SURE  # names alone: not sure
    assert detect_language(names + prose) == "de"


# One news paragraph in languages whose common words overlap English's marks (Polish "to", Dutch
# "was", Pidgin's English words): each must go to the identifier, not the English glance.
_NOT_ENGLISH = {
    "pl": "Sekretarz stanu USA Mike Pompeo spotkał się we wtorek w Soczi z prezydentem Rosji. "
    "To jest pierwsza taka wizyta od lat, a to oznacza, że rozmowy były ważne. Jak powiedział, "
    "to nie był łatwy dzień, ale to był dobry początek dla obu krajów i ich relacji.",
    "nl": "De Amerikaanse minister van Buitenlandse Zaken Mike Pompeo was dinsdag in Sotsji "
    "voor een ontmoeting met de Russische president. Het was de eerste keer dat hij het land "
    "bezocht, en het gesprek was volgens hem goed. Hij zei dat het een begin was.",
    "es": "El secretario de Estado estadounidense Mike Pompeo se reunió el martes en Sochi con "
    "el presidente ruso. Fue la primera reunión de este tipo en años, y ambas partes hablaron "
    "de una conversación franca sobre Venezuela, Irán y Corea del Norte.",
    "pt": "O secretário de Estado americano Mike Pompeo se reuniu na terça-feira em Sochi com o "
    "presidente russo. Foi o primeiro encontro do tipo em anos, e as duas partes falaram de "
    "uma conversa franca sobre a Venezuela, o Irã e a Coreia do Norte.",
    "pcm": "Di US Secretary of State Mike Pompeo don meet Russia president for Sochi on "
    "Tuesday. E be di first time wey dem go meet for years, and both sides talk say di meeting "
    "dey good. Pompeo tok say im wan make di relationship beta for both kontri dem.",
}


def test_english_glance_takes_english_prose_only() -> None:
    from newsdigest.clean.language import _english_at_a_glance, _language_identifier

    english = _seed("002").text
    assert _english_at_a_glance(english)
    assert detect_language(english) == "en"
    for code, text in _NOT_ENGLISH.items():
        assert not _english_at_a_glance(text), code
        assert detect_language(text) == _language_identifier().classify(text)[0], code
    assert detect_language(_NOT_ENGLISH["pl"]) == "pl"
    assert not _english_at_a_glance("the and of " * 6)  # too few words to judge


# English above or inside another language's article: an English quote or standfirst leading
# a Spanish or German report, English code-switched into Tagalog or Nigerian Pidgin. The first
# 600 characters hold English's common words well over the glance's share.
_ENGLISH_LEAD = (
    '"We have had a frank and useful conversation, and that is what the president wanted," said '
    "the secretary of state to the reporters who were waiting for him at the airport. "
)
_MIXED = {
    "es": _ENGLISH_LEAD
    + "El secretario de Estado de Estados Unidos, Mike Pompeo, se reunió este martes en Sochi con "
    "el presidente ruso, Vladímir Putin, en un encuentro que ambas partes calificaron de franco. "
    "Fue la primera visita de Pompeo a Rusia desde que asumió el cargo, y llega en un momento de "
    "fuertes tensiones por Venezuela, Irán y Corea del Norte. Según el Kremlin, los dos "
    "dirigentes hablaron durante más de una hora sobre el control de armas.",
    "de": _ENGLISH_LEAD
    + "US-Außenminister Mike Pompeo ist am Dienstag in Sotschi mit dem russischen Präsidenten "
    "Wladimir Putin zusammengetroffen. Es war der erste Besuch Pompeos in Russland seit seinem "
    "Amtsantritt. Beide Seiten sprachen von einem offenen Gespräch über Venezuela, den Iran und "
    "Nordkorea. Außenminister Sergej Lawrow sagte, es habe keinen Durchbruch gegeben.",
    "pl": _ENGLISH_LEAD
    + "Sekretarz stanu USA Mike Pompeo spotkał się we wtorek w Soczi z prezydentem Rosji "
    "Władimirem Putinem. Była to pierwsza wizyta Pompeo w Rosji od objęcia urzędu. Obie strony "
    "mówiły o szczerej rozmowie na temat Wenezueli, Iranu i Korei Północnej. Według Kremla "
    "rozmowa trwała ponad godzinę, ale nie przyniosła przełomu.",
    "tl": "Sinabi ni Pangulong Duterte na the government will not back down sa kanyang war on "
    "drugs, kahit na may mga criticism from the international community. Ayon sa kanya, it is "
    "the duty of the state na protektahan ang mga mamamayan. Pero sinabi rin ng mga kritiko na "
    "the killings have to stop at dapat may accountability. Sa isang press briefing, sinabi ni "
    "Panelo na the President has the full support of the people at hindi siya natatakot sa ICC.",
    "pcm": "Di Federal Goment of Nigeria don announce say dem go increase di minimum wage for "
    "workers. Di Minister of Labour, Chris Ngige, tok for Abuja on Tuesday say di goment and di "
    "labour unions don agree on di new amount. E be like say di workers go collect di new "
    "salary from next month. Some pipo wey BBC Pidgin tok to say dem happy well well, but oda "
    "pipo say di money no reach as tins don cost for market.",
}


def test_an_english_lead_or_code_switching_does_not_make_an_article_english() -> None:
    for code, text in _MIXED.items():
        assert clean_article(Article(id="x", text=text)).language == code, code
    # English news naming Los Angeles, de Blasio or Le Pen is still English at a glance
    from newsdigest.clean.language import _english_at_a_glance

    english = (
        "Mayor Bill de Blasio said on Tuesday that the city would follow Los Angeles and Las "
        "Vegas in banning the scooters, which have been blamed for a rise in injuries. Marine Le "
        "Pen, who was in New York for the week, said that the French would not have it either."
    )
    assert _english_at_a_glance(english)


# --- generated variants ------------------------------------------------------------------

REAL_SENTENCES = [
    s.text
    for p in ("002", "003", "004")
    for s in split_sentences(clean_article(_seed(p)).text)
    if 60 < len(s.text) < 300 and s.text[0].isupper() and s.text.endswith(".")
]
SECTIONS = ["World", "Politics", "Europe", "News", "Russia", "Business", "Middle East"]
AGENCIES = ["Sahar News", "Vestnik", "Tasnim", "Daily Star", "Press TV", "Kavkaz"]
MONTHS = ["Jan", "February", "May", "June", "Sept", "Dec"]


@st.composite
def page_with_debris(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """(raw text, real paragraphs, debris markers): real seed sentences with debris mixed in."""
    paras = draw(st.lists(st.sampled_from(REAL_SENTENCES), min_size=3, max_size=7, unique=True))
    handle = draw(st.from_regex(r"[A-Za-z]{3,12}", fullmatch=True))
    section = draw(st.sampled_from(SECTIONS))
    agency = draw(st.sampled_from(AGENCIES))
    inserts = {
        "crumbs": f"Home / {section} / {paras[0][:40]}",
        "tweet": f"LIVE: talks under way https://t.co/{handle}\n\n— {agency} (@{handle}) "
        f"{draw(st.sampled_from(MONTHS))} {draw(st.integers(1, 28))}, 2019",
        "widget": draw(
            st.sampled_from(["Google News button", "Share on Twitter", "Advertisement"])
        ),
        "signoff": f"({agency} {draw(st.sampled_from(['Desk', 'Monitoring Desk', 'Bureau']))})",
        "link": f"https://www.{handle.lower()}.com/{section.lower().replace(' ', '-')}/story-"
        f"{draw(st.integers(1, 999))}",
    }
    chosen = draw(st.lists(st.sampled_from(sorted(inserts)), unique=True, max_size=len(inserts)))
    body = list(paras)
    for key in chosen:
        at = draw(st.integers(1 if key != "crumbs" else 0, len(body)))
        body.insert(0 if key == "crumbs" else at, inserts[key])
    if draw(st.booleans()):
        body += ["Check Also", f"{section} leaders meet again", "Leave a Reply",
                 "Your email address will not be published. Required fields are marked *"]  # fmt: skip
    markers = [
        "Home /", "t.co", f"(@{handle})", "Google News button", "Share on Twitter",
        "Advertisement", f"({agency}", "https://", "Check Also", "Leave a Reply",
        "Your email address",
    ]  # fmt: skip
    return "\n\n".join(body), paras, markers


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_with_debris())
def test_generated_pages_lose_all_debris_and_no_sentence(
    case: tuple[str, list[str], list[str]],
) -> None:
    raw, paras, markers = case
    out = clean_text(raw)
    for marker in markers:
        assert marker not in out
    assert out.split("\n\n") == paras


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_cleaning_never_raises_and_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    article = clean_article(Article(id="x", text=text, title=text[:30]))
    assert article.id == article_id(article.text)


_PIECES = st.sampled_from(
    [
        "Pompeo",
        "met",
        "Lavrov",
        "in",
        "Sochi.",
        "The",
        "talks",
        "ended.",
        "Home /",
        "World /",
        "Leave a Reply",
        "https://t.co/x1",
        "— NBC (@NBC) May 1, 2019",
        "\n",
        "\n\n",
        " ",
        ".The",
        "(Desk)",
        "Check Also",
        "«",
        "»",
        "\u00a0",
        "Irankremlin.ru",
        "OREANDA-NEWS",
    ]  # fmt: skip
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_cleaning_news_like_text_is_idempotent_and_only_adds_spaces(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    # cleaning removes; the only thing it adds is a space between glued sentences
    assert len("".join(once.split())) <= len("".join(text.split()))
    assert len(once) <= len(text) + text.count(".The")


@settings(max_examples=100, deadline=None)
# C1 controls are excluded: ftfy reads them as the Windows-1252 characters they were ("\x85" is
# "…"), a repair that is meant to add a visible character.
@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs",), blacklist_characters=[chr(c) for c in range(0x80, 0xA0)]
        ),
        max_size=300,
    )
)
def test_cleaning_never_adds_visible_characters(text: str) -> None:
    once = clean_text(text)
    visible = lambda s: len("".join(unicodedata.normalize("NFKC", s).split()))  # noqa: E731
    assert visible(once) <= visible(text)


# Text that skips ftfy (``_ftfy_has_work`` false): printable ASCII but "&", tab, newline and the
# typographic punctuation U+2010-U+2027 but "†" and "•", mixed with the characters mojibake is
# made of nearby ("â€™" is a broken "’") so the property is tried right at the edge of the set.
_SKIPPED = st.text(
    alphabet=st.sampled_from(
        [
            *"\t\n !\"#$%'()*+,-./09:;<=>?@AZaz[\\]^_`{|}~",
            *(chr(c) for c in range(0x2010, 0x2028) if c not in (0x2020, 0x2022)),
        ]
    ),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(_SKIPPED)
def test_text_that_skips_ftfy_is_text_ftfy_leaves_unchanged(text: str) -> None:
    import ftfy

    from newsdigest.clean.unicode import _FTFY, _ftfy_has_work

    assert not _ftfy_has_work(text)
    assert ftfy.fix_text(text, _FTFY) == text


# Lines as news text has them: plain ASCII, mojibake, entities, a tag, accents, line breaks.
_LINES = st.lists(
    st.sampled_from(
        [
            "Plain line.", "It\u00e2\u20ac\u2122s here", "AT&amp;T said", "caf\u00e9 au lait",
            "<b>bold</b> &amp; more", "\u00c3\u00a9t\u00c3\u00a9", "", "\u201cQuoted\u201d \u2014 x",
            "\ufb01nance", "\uff21\uff22", "tab\there", "\u00c2\u00a0space",
        ]
    )
    | st.text(max_size=40),
    max_size=8,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_ftfy_on_changeable_lines_only_equals_ftfy_on_the_whole_text(lines: list[str]) -> None:
    import ftfy

    from newsdigest.clean.unicode import _FTFY, _fix_lines

    text = "\n".join(lines)
    assert _fix_lines(text) == ftfy.fix_text(text, _FTFY)


def test_mojibake_and_entities_still_reach_ftfy() -> None:
    from newsdigest.clean.unicode import _ftfy_has_work, repair_unicode

    for broken, fixed in (("It\u00e2\u20ac\u2122s", "It’s"), ("AT&amp;T", "AT&T")):
        assert _ftfy_has_work(broken)
        assert repair_unicode(broken) == fixed
    assert _ftfy_has_work("caf\u00e9") and not _ftfy_has_work("“Yes” — it’s…")
    # Mac Roman mojibake made of typographic punctuation: “ is a lead byte there, † a
    # continuation byte, so "“†" is the UTF-8 of "Ҡ" read as Mac Roman
    assert _ftfy_has_work("“†") and repair_unicode("“†") == "Ҡ"


def test_each_patterns_characters_are_what_it_finds() -> None:
    """``_holds`` stands for the search of each single-character pattern (and "\\r\\n?"): the
    patterns find exactly their characters, every code point tried; and the byte test of ASCII
    text finds ftfy's work where the pattern does."""
    import sys

    from newsdigest.clean.unicode import _FTFY_WORK, _SIGNS, _ftfy_has_work, _holds

    for pattern, chars in _SIGNS.items():
        found = {chr(c) for c in range(sys.maxunicode + 1) if pattern.search(chr(c))}
        assert found == set(chars), pattern.pattern
        for c in chars:
            assert _holds(pattern, f"text{c}more") and pattern.search(f"text{c}more")
        assert not _holds(pattern, "plain text, “quoted” — and é")
    for c in map(chr, range(128)):
        for text in (c, f"plain {c} text\n"):
            assert _ftfy_has_work(text) is (_FTFY_WORK.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab .\n\t`'", "\u00a0", "\u2009", "\u3000", "é"]), max_size=40).map(
        "".join
    )
)
def test_a_set_paragraph_is_what_the_space_pattern_makes(para: str) -> None:
    """``set_paragraph`` skips the substitution only where it would change nothing."""
    from newsdigest.clean.unicode import _INNER_SPACES, set_paragraph, typewriter_quotes

    assert set_paragraph(para) == _INNER_SPACES.sub(" ", typewriter_quotes(para))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"ab &<\r\n\t", "\u00e9", "\u00e2\u20ac\u2122", "\u2028", "\u00a0", "\u200b", "\x85"]
        ),
        max_size=60,
    ).map("".join)
)
def test_mended_text_is_what_the_searches_made(text: str) -> None:
    """``repair_unicode`` with its searches in full, as first written, gives the same text."""
    import re

    import ftfy

    from newsdigest.clean import unicode

    def by_searches(text: str) -> str:
        def swap(pattern: re.Pattern[str], new: str, text: str) -> str:
            return pattern.sub(new, text) if pattern.search(text) else text

        def mend(text: str) -> str:
            text = unicode._INNER_SPACES.sub(" ", text)
            if not unicode._ODD_SPACE.search(text):
                return text
            return unicode._INDENT.sub(lambda m: " " * len(m.group()), text)

        def has_work(line: str) -> bool:
            return unicode._FTFY_WORK.search(line) is not None

        def fix_lines(text: str) -> str:
            if "<" in text or len(text) > unicode._FTFY.max_decode_length:
                return ftfy.fix_text(text, unicode._FTFY)
            out, pos = [], 0
            while pos < len(text):
                end = text.find("\n", pos) + 1 or len(text)
                line = text[pos:end]
                out.append(ftfy.fix_text(line, unicode._FTFY) if has_work(line) else line)
                pos = end
            return "".join(out)

        text = unicode.typewriter_quotes(text)
        if text.isascii():
            if "\r" in text or "\x0b" in text or "\x0c" in text:
                text = unicode._EARLY_BREAKS.sub("\n", text)
            if not has_work(text):
                return mend(text) if "\t" in text or "  " in text else text
        text = swap(unicode._INVISIBLE, "", swap(unicode._EARLY_BREAKS, "\n", text))
        for _ in range(3):
            if not has_work(text):
                break
            fixed = fix_lines(text)
            if fixed == text:
                break
            text = swap(unicode._INVISIBLE, "", fixed)
        text = swap(unicode._LINE_BREAKS, "\n", text)
        if "  " in text or unicode._ODD_SPACE.search(text):
            text = mend(text)
        return text

    assert unicode.repair_unicode(text) == by_searches(text)


# --- the Multi-News sample: real crawled articles from many outlets -----------------------

# Every paragraph that cleaning drops from the first 100 Multi-News documents, reviewed by hand:
# all are page debris (teasers, tweets, captions, credits, contact lines, ads). A paragraph
# dropped that is not in this list is a real sentence lost.
REVIEWED_DROPS_MULTINEWS_0_100 = {
    # a video's blurb ending with its still's credit ("... WSJ's Sumathi Reddy discusses with
    # Tanya Rivero. Photo: iStock")
    "New research is exploring whether targeted",
    # a photo caption without a verb, read as one once its credit ("Michael Nagle/Getty
    # Images") is gone
    "Donald Trump before opening the Nasdaq on",
    # embedded posts closed by their author in the same paragraph (``rules.TWEET_TAIL``):
    # reactions to Prodigy's death, two of Trump's posts
    "#RIPPRODIGY ----", "Damn man.... Life is a gift.", "Damn. RiP to the great one Prodigy",
    "Haven't woke up with an upset stomach", "Hip hop has lost one of its best voices",
    "I'm sick to my stomach, what terrible news", "MAKING AMERICA GREAT AGAIN! pic.twitter",
    "MOBB DEEP'S MUZIK STILL HITS MY SOUL", "One of Queen’s finest. He will be greatly",
    "RIP PRODIGY sleep well king", "RIP Prodigy one of the greatest rappers", "RIP Prodigy. — ",
    "Rip prodigy. God bless his family", "They scared to death , they scared to look",
    "Unprecedented success for our Country", "Will soon be heading to Davos, Switzerland",
    "Wow RIP Prodigy -- — ", "Wow. RIP Prodigy True Legend", "new york and the world just changed.",
    "RELATED: Best Places To Live In The World", "Picture: Contributed",
    "FREE APPS | NOW | FACEBOOK | TWITTER", "Source: Getty Images",
    "Follow us on twitter.com/foxnewslatino", "FILE PHOTO: A store of shoe designer Jimmy", "FILE - In this ",
    "cbennett@xogrp.com", "jperciballi@xogrp.com", "More: Dow plunge briefly tops 1500 points",
    "Thanks to the historic TAX CUTS that I sig", "If the Dems (Crooked Hillary) got elected,",
    "Rest In Paradise young Blood @PRODIGYMOBBD", "Damn. RIP. Prodigy. Shit. RT @ComplexMusi",
    "Not my nigga smfh im devastated right now!", "RIP -------- @PRODIGYMOBBDEEP .. from God",
    "RIP Prodigy. Our fave. No words. HNIC MOBB", "Hitler’s world may not be so far away | Ti",
    "Copyright 2014 WGCL-TV (Meredith Corporati", "By Sarah Fitzmaurice",
    "Click to email this to a friend (Opens in", "richard.winton@latimes.com",
    "kate.mather@latimes.com", "Photo: KUVP archives", "Advertisement", "Read More",
    "This story first appeared in the Aug. 23-S",  # a syndication footer
    "Ueli Steck, a mountaineer from Switzerland",  # a Reuters photo caption
    "JUST WATCHED",  # CNN's video widget ("... Replay More Videos ... MUST WATCH ... 00:47")
    # author and desk contact lines (an e-mail address, or a handle to follow)
    "Become a fan of the Museum on Facebook at", "Follow Tia Ghose on Twitter and Google+. F",
    "Follow Scott Stump on Twitter and Google+.", "Follow Ynetnews on Facebook and Twitter",
    "Interested in ? Add as an interest to stay",  # ABC News's topic button, topic lost
    # a photo credit on a line of its own; picture labels and credits (the caption stays)
    "YouTube", "Image copyright Getty Images", "Image copyright PA", "Image copyright Patrick Evans",
    "Image copyright AFP/Getty Image caption An", "Enlarge this image toggle caption Bryan Be",
    "Media playback is unsupported on your devi",  # the BBC player's label (its caption stays)
    "Image copyright Family handout/Reuters Ima",  # (the page's last "caption" word went too)
    "Image The White House’s spokeswoman, Sarah",  # the Times' "Image <caption> Credit <credit>"
    # captions with the credit last in brackets ("... (Photo: Dwayne Eberhart)")
    "Football Coach Jonathan Magwood (Photo: Dw", "Shopping when hungry could be a bad idea (",
    "A child looks at the floral tributes after",  # "... (Associated Press)"
    "Fans wear shirts emblazoned with the missp",  # a Yahoo gallery's "... (Associated Press)"
    # pages that are not articles (web-archive crawl notices, a location widget): rejected
    "Starting in 1996, Alexa Internet has been", "These crawls are part of an effort to arch",
    "The seed for Wide00014 was:", "- Slash pages from every domain on the web",
    "-- a ranking of all URLs that have more th", "-- up to a maximum of 100 most highly rank",
    "- Top ranked pages (up to a max of 100) fr", "This is a set of web collections curated b",
    "Tweet with a location", "You can add location information to your T",
    # the reporters who contributed; an update note
    "This story has been updated to include quo",
    "Borys Kit and Pamela McClintock contribute", "Courant reporter Kathleen Megan contribute",
    "ESPN Saints reporter Mike Triplett contrib", "Kyle Cheney contributed to this report.",
    "Lucey reported from Washington. Associated", "The Associated Press contributed to this r",
    "[h/t OpposingViews, Photo: WPXI]",  # a blog's credits in brackets
    # POLITICO's newsletter boxes ("... By signing up you agree to receive email newsletters")
    "Breaking News Alerts Get breaking news whe", "Morning Money Political intelligence on Wa",
    "Sign up here for POLITICO Huddle A daily p",
}  # fmt: skip


def test_multinews_documents_lose_only_reviewed_debris(multinews_csv: Path) -> None:
    import ast
    import csv
    import re

    from newsdigest.clean import repair_unicode, split_paragraphs
    from newsdigest.clean.rules import DATELINE, URL

    csv.field_size_limit(1 << 30)
    with multinews_csv.open(encoding="utf-8") as fh:
        docs = [d for row in csv.DictReader(fh) for d in ast.literal_eval(row["documents"])]
    dropped = set()
    for doc in docs[:100]:
        out = _fold(clean_text(doc))
        for para in split_paragraphs(repair_unicode(doc)):
            key = _fold(DATELINE.sub("", URL.sub("", para)))
            words = [w for w in re.findall(r"\w+", para.casefold()) if not w.startswith("http")]
            if key and key not in out and sum(_fold(w) in out for w in words) < 0.8 * len(words):
                dropped.add(para[:42].rstrip())
    unexpected = {
        d for d in dropped if not any(d.startswith(r) for r in REVIEWED_DROPS_MULTINEWS_0_100)
    }
    assert not unexpected, f"real text lost? {sorted(unexpected)}"
    assert len(dropped) >= 20  # and the debris really is removed


def test_non_article_notices_are_debris_and_name_their_page_kind() -> None:
    from newsdigest.clean.pagekind import non_article_kind
    from newsdigest.clean.rules import notice_kind

    prose = "Officials said on Tuesday that the bridge would reopen after repairs were finished."
    page = f"Please enable Javascript to watch this video\n\n{prose}"
    assert clean_text(page) == prose  # an article with a player in it keeps its prose
    assert non_article_kind(page, clean_text(page)) is None  # no notice-only page: not rejected
    assert notice_kind("Tweet with a location") == "location widget"
    assert notice_kind("Sorry, the page you requested could not be found.") == "page not found"
    assert notice_kind(prose) is None
    # prose that merely mentions the Wayback Machine or signing in is not a notice
    assert notice_kind("The Wayback Machine kept a copy of the page, and readers sign in.") is None
    crawl = "The seed for this crawl was a list of every host in the Wayback Machine"
    assert non_article_kind(crawl, clean_text(crawl)) == "web-archive crawl notice"
    # a page of such a notice is no article until its clean text has MIN_ARTICLE_WORDS words
    from newsdigest.clean.rules import MIN_ARTICLE_WORDS

    short, enough = (
        " ".join(["word"] * n) + " \n" for n in (MIN_ARTICLE_WORDS - 1, MIN_ARTICLE_WORDS)
    )
    assert non_article_kind(crawl, short) == "web-archive crawl notice"
    assert non_article_kind(crawl, enough) is None


# --- photo galleries flattened into the text (CNN pages in the dev stream and Multi-News) ----

_NICE_GALLERY = (
    "Photos: Bastille Day terror: Harrowing images of truck attack in Nice Baby strollers are "
    "seen on the Promenade des Anglais in Nice, France, on Friday, July 15. Hide Caption 1 of 25 "
    "Photos: Bastille Day terror: Harrowing images of truck attack in Nice A woman cries, asking "
    "for her son, as she walks near the scene of the attack. Hide Caption 2 of 25 "
    "Photos: Bastille Day terror: Harrowing images of truck attack in Nice Hide Caption 3 of 25"
)
_WITNESS = (
    "Kristen Crouch, visiting from Dallas for a friend's wedding, was among the tourists who fled "
    "for their lives shortly after the fireworks display ended. She said she saw dozens of police "
    "cars and ambulances. As she and her friends started to realize dozens had been killed, they "
    "took cover in a nearby apartment.\n"
    '"It was very well planned," he told CNN in a phone call Friday.'
)


def test_a_gallery_inside_an_article_is_dropped() -> None:
    text = f"{_WITNESS}\n{_NICE_GALLERY}\nHer husband Tony said they saw at least 10 dead bodies."
    out = clean_text(text)
    assert "Photos:" not in out and "Hide Caption" not in out and "Baby strollers" not in out
    assert out.startswith("Kristen Crouch") and out.endswith("at least 10 dead bodies.")
    assert clean_text(out) == out


def test_a_gallery_page_keeps_its_captions_without_the_gallery_title() -> None:
    out = clean_text(_NICE_GALLERY)
    assert out.split("\n\n") == [
        "Baby strollers are seen on the Promenade des Anglais in Nice, France, on Friday, July 15.",
        "A woman cries, asking for her son, as she walks near the scene of the attack.",
    ]
    assert clean_text(out) == out


def test_a_gallery_page_keeps_what_its_captions_tell_not_what_the_pictures_show() -> None:
    """Dev event 3's digest took three captions of CNN's gallery page of the Las Vegas
    shooting for its lines ("Concertgoers dive over a fence ...", "People are searched by
    police at the Tropicana."); a caption's sentences after the picture's tell the news, and a
    caption in the past (dev event 71's rocket launch) is news itself. The page's captions,
    cut: the gallery's title before each, its counter after."""
    title = "Photos: Mass shooting at Las Vegas music festival "
    captions = [
        "Broken windows of the Mandalay Bay are seen early in Las Vegas on Monday. Police said"
        " the gunman fired on the crowd from the 32nd floor of the hotel.",
        "People cross a street near the Las Vegas Strip just after sunrise on Monday. Thousands"
        " were attending the music festival, Route 91 Harvest, when the shooting started.",
        "Concertgoers dive over a fence to take cover from gunfire on Sunday night.",
        "People are searched by police at the Tropicana.",
        "A woman is moved outside the Las Vegas Tropicana resort. Multiple victims were being"
        " transported to hospitals in the aftermath of the shooting.",
        "The Kwangmyongsong carrier rocket blasted off from the Sohae launch facility at 9 a.m"
        " Sunday, North Korea's state news agency KCNA reported.",
    ]
    page = " ".join(f"{title}{c} Hide Caption {k} of 30" for k, c in enumerate(captions, start=1))
    assert clean_text(page).split("\n\n") == [
        "Police said the gunman fired on the crowd from the 32nd floor of the hotel.",
        "Thousands were attending the music festival, Route 91 Harvest, when the shooting started.",
        "Multiple victims were being transported to hospitals in the aftermath of the shooting.",
        captions[-1],
    ]


def test_a_doubled_gallery_prefix_is_one_caption() -> None:
    # Multi-News validation row 249: "Photos: Photos: Crisis in Ukraine Crisis in Ukraine – ..."
    page = " ".join(
        f"Photos: Photos: Crisis in Ukraine Crisis in Ukraine – {what} Hide Caption {k} of 3"
        for k, what in enumerate(
            ("Ukrainian marines wave as they leave a base in Feodosia, Crimea.",
             "A Ukrainian serviceman guards a checkpoint near Chongar.",
             "Pro-Russian protesters rally in Donetsk."),
            start=1,
        )
    )  # fmt: skip
    out = clean_text(page).split("\n\n")
    assert out[0].startswith("Ukrainian marines") and len(out) == 3


# dev stream: The Independent's tram-crash page (9 November 2016) carries a year-later gallery
_TRAM = (
    "He said British Transport Police had launched independent investigations into the "
    "incident. It is believed to be the first tram crash involving fatalities on board since "
    "1959, when two women passengers and the driver died after a tram caught fire in Glasgow, "
    "following a collision with a lorry. London Tramlink have confirmed no services are "
    "operating between Reeves Corner and Addington Village/Harrington Road."
)
_UK_GALLERY = (
    "UK news in pictures\n34 show all UK news in pictures\n"
    "1/34 30 November 2017 A supporter of Lauri Love wears a Donald Trump mask as he protests "
    "in front of the Royal Courts of Justice in London AP\n"
    "2/34 29 November 2017 A sign reading 'We want our future back' is displayed in front of "
    "Westminster during an Anti-Brexit Demonstration Rex Features\n"
    "3/34 28 November 2017 This year's V&A Christmas Tree, The Singing Tree, is shaped from a "
    "cloud of floating words Rex Features"
)


def test_a_numbered_gallery_inside_an_article_is_dropped() -> None:
    out = clean_text(f"{_TRAM}\n{_UK_GALLERY}\nThis is a breaking news story.")
    assert "November 2017" not in out and "show all" not in out and "in pictures" not in out
    assert out.startswith("He said") and out.endswith("This is a breaking news story.")
    assert clean_text(out) == out
    # a page that is only the gallery keeps its captions, without their counters
    page = clean_text(_UK_GALLERY)
    assert page.split("\n\n")[-1].startswith("28 November 2017 This year's V&A")
    # two numbered lines are not a gallery ("1/2 cup flour")
    recipe = f"{_TRAM}\n1/2 cup flour and a show all of it\n2/2 more lines"
    assert "1/2 cup flour" in clean_text(recipe)


def test_fraction_lines_in_prose_that_says_show_all_are_not_a_gallery() -> None:
    # three numbered lines of one count, and "show all" in the prose, but no gallery heading
    recipe = (
        "Grandma's shortbread is easy. The photos show all the steps you need, from mixing "
        "to baking.\n\n1/8 teaspoon salt\n3/8 cup brown sugar\n5/8 cup butter, softened\n"
        "2 cups flour\n\nMix the butter and sugar until fluffy, then fold in the flour and "
        "salt. Bake for 20 minutes at 350 degrees until golden."
    )
    out = clean_text(recipe)
    assert "1/8 teaspoon salt\n\n3/8 cup brown sugar\n\n5/8 cup butter, softened" in out
    poll = (
        "Results show all three candidates within the margin of error, pollsters said.\n"
        "1/4 of voters are undecided and\n2/4 of them lean left while\n"
        "3/4 of the rest say the economy matters most, according to the survey.\n\n"
        "The election is on Nov. 8 and early voting begins next week in most counties."
    )
    assert clean_text(poll).split("\n\n")[1] == "1/4 of voters are undecided and"
    # with the heading and its "show all" line the same lines are a gallery (a short page
    # keeps the captions, without their counters)
    gallery = "Kitchen in pictures\n8 show all Kitchen in pictures\n"
    out = clean_text(recipe.replace("\n\n1/8", f"\n\n{gallery}1/8"))
    assert "show all Kitchen" not in out and "1/8 teaspoon" not in out


def test_prose_opening_like_a_file_photo_caption_stays() -> None:
    story = "The budget includes money for parks and roads, officials said on Tuesday."
    for prose in (
        "File - the city council voted 7-2 on Tuesday to approve the new budget. The file "
        "photo request was denied by the clerk, who said records were sealed.",
        "In this year's budget, the council included a file photo archive project worth $2 "
        "million. Officials said it would digitize records.",
    ):
        assert clean_text(f"{prose}\n\n{story}") == f"{prose}\n\n{story}"
    caption = "FILE - This undated file photo shows the council chamber in Springfield. (AP)"
    assert clean_text(f"{story}\n\n{caption}") == story


def test_an_ap_file_photo_caption_is_not_the_story() -> None:
    # Multi-News: the caption AP pages carry between paragraphs, its teaser cut with "..."
    caption = (
        "FILE - In this May 24, 2016, file photo, Rep. John Conyers, D-Mich., ranking member on "
        "the House Judiciary Committee, speaks on Capitol Hill in Washington during a hearing. "
        "Police in Houston say they're... (Associated Press)"
    )
    story = (
        "Police in Houston say they're searching for Conyers' son after he was reported missing "
        "this week. Twenty-one-year-old Carl Conyers was last seen on Sunday."
    )
    out = clean_text(f"{story}\n\n{caption}\n\nThe family asked for help.")
    assert out == f"{story}\n\nThe family asked for help."
    # prose that mentions a file photo stays
    prose = (
        "A patient is prepared for an MRI in a file photo. The medical advancement is being "
        "touted as the first of its kind in the world."
    )
    assert clean_text(f"{story}\n\n{prose}").endswith(prose)


def test_a_syndication_footer_is_not_the_story() -> None:
    # Multi-News and the dev stream (BGR's feed footer reached the Tiangong-1 timeline)
    story = "The space station is expected to fall to Earth within months, officials said."
    for footer in (
        "This article originally appeared on CNET.",
        "Originally published on Live Science.",
        "An edited version of this article first appeared in the Jan. 24 issue of Billboard.",
        "This story first appeared in the Aug. 23-Sept. 5 issue of The Hollywood Reporter "
        "magazine.",
        "China’s Tiangong-1 space station is out of control and will soon fall to Earth "
        "originally appeared on BGR.com on Mon, 1 Jan 2018 at 10:05:01 EDT. Please see our terms "
        "for use of feeds.",
    ):
        assert clean_text(f"{story}\n\n{footer}") == story, footer
    # prose that says where something first ran stays
    for prose in (
        "The actual Onion article satirically congratulating Kim for his sexiness first "
        "appeared on November 14.",
        "The fact that his thesis was not originally published on Thought Catalog is the "
        "biggest shock of all.",
    ):
        assert clean_text(f"{story}\n\n{prose}") == f"{story}\n\n{prose}"


def test_a_reuters_photo_caption_is_not_the_story() -> None:
    # dev stream (Ahed Tamimi's trial): the photographer's credit became the next quote's speaker
    story = "Qadoura Fares said the charges were false."
    caption = (
        "Palestinian teen Ahed Tamimi (C-R) speaks to her lawyer Gaby Lasky in the military "
        "courtroom at Ofer Prison, near the West Bank city of Ramallah, January 1, 2018. "
        "REUTERS/Ammar Awad"
    )
    quote = "“Their aim is to terrorize people,” he said."
    assert clean_text(f"{story}\n\n{caption}\n\n{quote}") == f"{story}\n\n{quote}"
    # prose that names the agency stays
    prose = "The report, first published by Reuters/Ipsos pollsters, was widely shared online."
    assert clean_text(f"{story}\n\n{prose}") == f"{story}\n\n{prose}"


def test_a_reuters_photo_caption_without_its_credit_is_not_the_story() -> None:
    # Multi-News validation: the caption was the first sentence, and Budaiya the story's place
    story = "Bahrain released the activist on Sunday after a year in detention."
    captions = [
        "Bahraini activist Zainab al-Khawaja (L) is greeted by Sumaiya Rajab, wife of jailed "
        "activist Nabeel Rajab, after her release from prison in Budaiya, west of Manama, "
        "February 16, 2014.",
        "The car driven by Adam Lanza is pictured at Sandy Hook Elementary School in Newtown, "
        "Connecticut, in this evidence photo released by the Connecticut State Police, "
        "December 27, 2013.",
    ]
    for caption in captions:
        assert clean_text(f"{caption}\n\n{story}") == story
    # prose with a date, a dateline and a list of songs stay
    for kept in (
        "He signed copies of the book at a shop in Paris on April 22, 2015.",
        "The company, founded in Paris, has sold the unit since it opened, April 22, 2015.",
        "Friday, October 22, 2010",
        '"Hard" (featuring Jezzy), March 6, 2010',
    ):
        assert clean_text(f"{story}\n\n{kept}") == f"{story}\n\n{kept}"


def test_a_video_player_keeps_its_description_and_loses_its_playlist() -> None:
    # dev stream (USA Today, the Tesla to Mars) and Multi-News (Gannett pages)
    story = "SpaceX plans to launch the Falcon Heavy next month from the Kennedy Space Center."
    video = (
        "CLOSE Skip in Skip x Embed x Share A former Massachusetts police officer accused of "
        "making false reports of a bomb threat was found dead in his home Thursday."
    )
    playlist = (
        "Skip in Skip x Embed x Share CLOSE WHAT YOU NEED TO KNOW ABOUT ELON MUSK SpaceX 1st: "
        "Recycled rocket, recycled capsule | 2:30 SpaceX has racked up another first. (Dec. 15) "
        "AP 1 of 41 Skip in Skip x Embed x Share CLOSE Elon Musk shares first pic | 0:45 "
        "41 of 41 Last VideoNext Video SpaceX 1st: Recycled rocket, recycled capsule"
    )
    out = clean_text(f"{story}\n\n{video}\n\n{playlist}")
    assert out.split("\n\n") == [story, video.split("Share ", 1)[1]]
    assert clean_text(out) == out


def test_cnns_video_widget_goes_and_prose_about_it_stays() -> None:
    # the dev stream (CNN on SeaWorld, on North Korea) and Multi-News (CNN on Comey, on MH370):
    # the widget's words had become a person, "Replay More Videos"
    story = "Lange also pointed to Mexico, which has banned the use of orcas in shows."
    widget = (
        "JUST WATCHED What will happen to SeaWorld orcas still in captivity? Replay More Videos"
        " ... MUST WATCH What will happen to SeaWorld orcas still in captivity? 02:13"
    )
    second = (
        "JUST WATCHED Search for MH370 goes underwater Replay More Videos ... MUST WATCH Search"
        " for MH370 goes underwater 01:51"
    )
    assert clean_text(f"{widget}\n\n{story}\n\n{second}\n\n{story}") == story
    # a paragraph that only starts so, or goes on after the running time, is kept
    prose = "JUST WATCHED the launch from her porch, she said, and it was over in 02:13 minutes."
    glued = f"{second} Search crews said on Monday that the sonar found nothing new."
    for para in (prose, glued):
        assert clean_text(f"{story}\n\n{para}") == f"{story}\n\n{para}"


def _folded_patterns() -> list[object]:
    from newsdigest.clean import rules

    return [v for v in vars(rules).values() if isinstance(v, rules.Folded)] + [
        p for _, p in rules.NOTICES
    ]


# ASCII text made of the notices' and widgets' own words, in any case, with spaces and stops.
_NOTICE_WORDS = st.lists(
    st.sampled_from(
        "alexa internet has been donating their crawl data these crawls are part of an effort to"
        " archive pages the seed for this wide00014 was run at a level warc files associated with"
        " of outlinks from collection contains web collections curated by archive-it - -- slash"
        " your email address will not be published required fields are marked save my name,"
        " and website notify me new follow-up posts comments t.co/ab pic.twitter.com/x1 https://"
        " www. instagr.am/p http://x.org sign in using you javascript tweet with a location sorry, page requested".split()
        + [" ", ".", "\n", "KELVIN"]
    ).map(lambda w: w if w != "KELVIN" else "k"),
    max_size=14,
).flatmap(
    lambda words: st.lists(st.booleans(), min_size=len(words), max_size=len(words)).map(
        lambda ups: " ".join(w.upper() if u else w for w, u in zip(words, ups, strict=True))
    )
)


def _assert_folded_agree(text: str) -> None:
    """Every folded pattern finds in ``text`` what its case-insensitive form finds."""
    import re

    for folded in _folded_patterns():
        expected = re.compile(folded.pattern, re.I).search(text) is not None
        assert folded.found(text) is expected, (folded.pattern[:40], text)


@settings(max_examples=400, deadline=None)
@given(_NOTICE_WORDS)
def test_folded_patterns_find_what_their_case_insensitive_form_finds(text: str) -> None:
    _assert_folded_agree(text)


# The notices' words with the characters where lower case and IGNORECASE part ways: the
# Kelvin sign (lowers to "k"), dotless "ı" and long "ſ" (IGNORECASE equates them with "i" and
# "s", lower case does not), "İ" (lowers to two characters), final sigma, and the curly quotes,
# dashes and accented letters of ordinary news paragraphs.
_TRICKY = st.lists(
    st.sampled_from(
        "akismet comments are closed required fields notify me of crawl warc files http:// www."
        " t.co/ab follow sign in using your page not found \u212aelvin \u0131 \u017f \u0130"
        " \u03a3 é É “ ” — ’ ſubscribe akı\u017fmet".split()
        + [" ", ".", "\n", "\u212a", "\u0131", "\u017f", "\u0130", "\u03a3"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(_TRICKY)
def test_folded_patterns_agree_on_non_ascii_text(text: str) -> None:
    _assert_folded_agree(text)


def test_folded_patterns_agree_on_news_paragraphs(
    multinews_articles: Callable[[int, int], list[tuple[int, Article]]],
) -> None:
    """Curly quotes and accents (a quarter of the paragraphs) take the lower-case path."""
    import re

    paragraphs = [p for _, a in multinews_articles(0, 40) for p in a.text.split("\n") if p]
    assert sum(not p.isascii() for p in paragraphs) > 100
    for folded in _folded_patterns():
        slow = re.compile(folded.pattern, re.I)
        for para in paragraphs:
            assert folded.found(para) is (slow.search(para) is not None), (folded.pattern, para)


def test_contact_lines_go_and_prose_with_an_at_sign_stays() -> None:
    from newsdigest.clean import rules

    for line in (
        "Email: ebaig@usatoday.com; Follow USA TODAY Personal Tech Columnist @edbaig on Twitter",
        "Contact David Jesse: 313-222-8851 or djesse@freepress.com. Follow him on Twitter.",
        "Follow Josh Feldman on Twitter: @feldmaniac",
        "Blaine Friedlander can be reached at SkyWatchPost@gmail.com.",
    ):
        assert rules.is_contact_line(line) and rules.is_boilerplate_line(line), line
    for line in (
        "Trump attacked @CNN again on Tuesday, calling the network fake news.",  # no "follow"
        "Prices fell 3% @ the close.",
        "Follow-up talks are planned in Geneva, " + "the ministry said. " * 20 + "x@y.com",
    ):
        assert not rules.is_contact_line(line), line
    text = "Pompeo met Lavrov in Sochi on Tuesday.\n\nFollow Josh Feldman on Twitter: @feldmaniac"
    assert clean_text(text) == "Pompeo met Lavrov in Sochi on Tuesday."


def test_captions_lose_the_credit_they_open_with() -> None:
    from newsdigest.clean import rules

    # dev stream (The Independent, The Sun, The Guardian): the credits glued to captions made
    # "Reuters People" and "Twitter Police" people; the captions themselves name people
    for line, caption in (
        ("Reuters People were reportedly mown down", "People were reportedly mown down"),
        ("Twitter Police and ambulances descended", "Police and ambulances descended"),
        (
            "AP:Associated Press The attacker, named locally as Mohamed Bouhlel, was shot dead",
            "The attacker, named locally as Mohamed Bouhlel, was shot dead",
        ),
        ("Getty - Contributor Russia shares a border", "Russia shares a border"),
        # the Sun (Equifax): a caption cut short ends with a quote mark but no stop; its
        # credit had made "Reuters Equifax" a quote's speaker
        (
            "Reuters Equifax claimed that they 'had no knowledge that an intrusion'",
            "Equifax claimed that they 'had no knowledge that an intrusion'",
        ),
        ("Facebook AI 'will identify terrorists'", "Facebook AI 'will identify terrorists'"),
        ("Reuters reported the deal on Monday.", "Reuters reported the deal on Monday."),
        (
            "Facebook Twitter Pinterest The Japanese battleship Musashi in October 1944.",
            "The Japanese battleship Musashi in October 1944.",
        ),
        ("Reuters - Ap - Afp", ""),
        # the BBC's and NPR's picture labels
        (
            "Image copyright Getty Images Image caption The band broke up in 1980",
            "The band broke up in 1980",
        ),
        ("Image copyright PA", ""),
        ("Enlarge this image toggle caption Bryan Bedder/Getty Images Bryan Bedder/Getty", ""),
        # CNET's and the Wall Street Journal's (dev stream, Multi-News)
        ("Enlarge Image Google", ""),
        ("Enlarge Image Close Getty Images", ""),
        # layers of labels and credits, all in one call (cleaning stays one pass from stable)
        (
            "Image caption AP:Associated Press Image caption Reuters Crowds in Nice",
            "Crowds in Nice",
        ),
    ):
        assert rules.strip_caption_credit(line) == caption, line
    for line in (
        "Twitter Chief Executive Jack Dorsey said on Friday the service would change.",
        "Reuters reported the attack first",
        "Twitter-happy Musk revealed the first Model 3",
        "APPLE shares rose",
    ):
        assert rules.strip_caption_credit(line) == line
    # the button's labels, credit and caption go; before an article (a page flattened to one
    # line) only the labels
    line = "Enlarge Image Close Getty Images LeBron James celebrated late in the fourth quarter."
    assert rules.strip_caption_credit(line) == ""
    story = "Sprint has managed to stem subscriber defections, the company said. " * 6
    line = "Enlarge Image Close Bloomberg News " + story
    assert rules.strip_caption_credit(line) == ("Bloomberg News " + story).strip()
    text = "Crowds fled the promenade.\n\nReuters People were mown down\n\nAP - AFP"
    assert clean_text(text) == "Crowds fled the promenade.\n\nPeople were mown down"


def test_picture_labels_on_a_page_flattened_to_one_line_take_only_the_labels() -> None:
    """NPR's labels open the paragraph of a page that lost its line breaks: the article after
    them stays (the labels' rule took the whole paragraph, a whole article once)."""
    from newsdigest.clean import rules

    story = "Taylor Swift performed on Sunday night. " * 30
    line = "Enlarge this image toggle caption Bryan Bedder/Getty Images " + story
    assert rules.strip_caption_credit(line).endswith(story.strip())
    assert "Taylor Swift performed on Sunday night." in clean_text(line)


def test_folded_patterns_on_real_notices_and_non_ascii_text() -> None:
    from newsdigest.clean import rules

    assert rules.notice_kind("Starting in 1996, ALEXA Internet has been donating their crawl data")
    assert rules.notice_kind("THE SEED FOR WIDE00014 WAS:") == "web-archive crawl notice"
    assert rules.COMMENT_FORM.found("Your e-mail is fine. Required Fields Are Marked *")
    # non-ASCII text is searched as the case-insensitive pattern would (here ı matches i)
    assert rules.COMMENT_FORM.found("Requıred fields are marked")
    assert rules.COMMENT_FORM.found("Café owners: required fields are marked *")  # non-ASCII
    assert rules.SOCIAL_LINK.found("pic.Twitter.com/AbC12") and not rules.SOCIAL_LINK.found("t.c")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"aZ.&;#x9 \t\r\n\x0b\x0c\x00\x1b\x7f", "&amp;", "&shy;", "&Atilde;&copy;"]
        )
    ).map("".join)
)
def test_ascii_text_takes_the_short_way_to_the_same_repair(text: str) -> None:
    from newsdigest.clean.unicode import _repair, repair_unicode

    assert repair_unicode(text) == _repair(text)


def test_a_video_players_close_button_leaves_its_description() -> None:
    # Multi-News (USA Today): the player flattened to its close button and the description
    story = "Stocks fell sharply on Monday as investors worried about rising interest rates."
    video = (
        "CLOSE The Dow Jones industrial average plunged more than 1,100 points Monday as stocks "
        "took their worst loss in six and a half years. Video provided by Newsy Newslook"
    )
    out = clean_text(f"{story}\n\n{video}")
    assert out == f"{story}\n\n{video.removeprefix('CLOSE ')}"
    assert clean_text(out) == out
    # a first word in capitals, as some feeds print it, is prose
    prose = "CLOSE to midnight, the council voted to approve the new budget after a long debate."
    assert clean_text(f"{story}\n\n{prose}").endswith(prose)


def test_prose_that_goes_on_after_where_something_first_ran_is_the_story() -> None:
    # a footer names the outlet (and a date or "a nonprofit newsroom") and ends; a sentence
    # that goes on after it (", which said ...", ", shows ...") is the story's own
    story = "The space station is expected to fall to Earth within months, officials said."
    for prose in (
        "This report first appeared in Le Monde, which said French intelligence had warned "
        "the government twice before the attack.",
        "The photo, which originally appeared on Instagram.com on Monday, shows the senator "
        "at the party.",
        "Originally published in 1851, Moby-Dick sold poorly in Melville's lifetime, and the "
        "new edition restores passages cut by his British publisher.",
    ):
        assert clean_text(f"{story}\n\n{prose}") == f"{story}\n\n{prose}", prose
    footer = (
        "This story originally appeared in The Guardian and is republished here as part of "
        "Covering Climate Now, a global journalism collaboration."
    )
    assert clean_text(f"{story}\n\n{footer}") == story


def test_the_times_lead_picture_caption_is_not_the_story() -> None:
    """The New York Times' lead picture as one paragraph, "[<headline>] Image <caption> Credit
    <photographer>/<agency>" (dev stream, Multi-News): a digest read "... Especially for Women
    Image Police officers closed off the area ..."."""
    title = "Germans Will Ring in New Year With Extra Security, Especially for Women"
    text = (
        f"{title} Image Police officers closed off the area around the Brandenburg Gate in "
        "Berlin in preparation for the city’s New Year Eve festivities. Organizers have set up "
        "a “women’s safety area” for girls and women who have been assaulted or feel "
        "threatened. Credit Omer Messinger/European Pressphoto Agency\n"
        "BERLIN — While Germans are stocking up on firecrackers and Champagne to welcome the "
        "New Year, officials are setting up roadblocks and safety zones for women.\n"
        "Image The White House’s spokeswoman, Sarah Huckabee Sanders, said on Wednesday that "
        "the president’s lawyer had won an arbitration proceeding. Credit Doug Mills/The New "
        "York Times\n"
        "Image Comics, the publisher, said the artist deserved the credit. Credit where it is "
        "due, he said.\n"
        "Credit Suisse said the Image of the bank mattered. Credit Image Agency"
    )
    out = clean_text(text, title)
    assert out.startswith("While Germans are stocking up")
    assert "Brandenburg" not in out and "Sarah Huckabee Sanders" not in out
    # prose that uses the words stays: a sentence ends before "Credit", or nothing precedes
    # "Image" but other words
    assert "Image Comics, the publisher" in out
    assert "Credit Suisse said" in out


@pytest.mark.parametrize(
    ("para", "caption"),
    [
        ("Chicago Cubs players celebrate on the field after defeating the Cleveland Indians in "
         "game seven of the 2016 World Series at Progressive Field. (Photo: Ken Blaze-USA TODAY "
         "Sports)", True),
        ("South Korean authorities boarded the tanker and interviewed its crew members, an "
         "official said Friday. (Hyung Min-woo/Yonhap via AP)", True),
        ("Nevada Gov. Brian Sandoval (R) is being vetted for the vacancy on the Supreme Court "
         "(AP Photo/Cathleen Allison, File)", True),
        ("Shopping when hungry could be a bad idea (Image: UpperCut Images/Getty)", True),
        # the Washington Post's opening picture, AFP's credit, a gallery's, Bloomberg's
        ("The trail of a flying object is seen from the Chinese border city of Dandong on Feb. "
         "7. North Korea launched a long-range rocket carrying what it has said is a "
         "satellite. (Reuters)", True),
        ("People lay flowers in the street of Nice to pay tribute to the victims, on July 15, "
         "2016 ©Anne-Christine Poujoulat (AFP)", True),
        ("The Panama Papers consist of 11.5 million documents from Panama-based law firm "
         "Mossack Fonseca. (Deirdra O'Regan/The Washington Post)", True),
        ("Fans wear shirts emblazoned with the misspelled name of Troy Tulowitzki that were "
         "given away to attendees as the Rockies hosted the Pittsburgh Pirates in a "
         "baseball... (Associated Press)", True),
        ("Steve Mollenkopf Photographer: Patrick T. Fallon/Bloomberg", True),
        # two Multi-News digest lines (the first a digest's opening)
        ("The Bluefin-21 underwater vehicle is hoisted back aboard the Australian ship Ocean "
         "Shield after successful buoyancy testing in the Indian Ocean. (U.S. Navy / Getty "
         "Images / )", True),
        ("The captain of Malaysia Airlines flight MH370, Zaharie Ahmad Shah. Photo: Facebook",
         True),
        ("The agency released the image on Monday. Photo: the agency said it was real.", False),
        # whoever lent the picture (Multi-News 128: "The real U.S. Embassy in Ghana." was a
        # digest line, a caption cut from its credit by the sentence splitter)
        ("The real U.S. Embassy in Ghana. (Courtesy of the State Department)", True),
        ("Pleasant Hill City Clerk Kimberly Lehmkuhl (Courtesy photo)", True),
        ("Exterior of the legitimate U.S. Embassy in Accra, Ghana (U.S. Department of State "
         "photo)", True),
        ("The museum thanked the family for the loan (courtesy of its archive, it said).", False),
        ("He asked reporters to stop taking pictures (no photos).", False),
        # a bare "(AP)" signs off wire copy as often as it credits a picture
        ("Pope Francis says Lincoln, King, Day and Merton embody the spirit of America. (AP)",
         False),
        # prose with brackets of its own
        ("The company said it would appeal (a decision expected in May).", False),
        ("Officials said the photo was released via AP (a news agency) on Friday.", False),
    ],
)  # fmt: skip
def test_a_paragraph_ending_in_a_bracketed_photo_credit_is_a_caption(
    para: str, caption: bool
) -> None:
    """The dev stream's Formula One digest quoted a USA Today caption ("Williams' Felipe Massa of
    Brazil cries after ... Sunday, Nov. 13, 2016. (Paulo Whitaker/Pool via AP) (Photo: The
    Associated Press)") as its second sentence."""
    from newsdigest.clean.rules import is_boilerplate_line

    assert is_boilerplate_line(para) is caption


def test_the_times_newsletter_form_and_ad_slots_are_not_the_story() -> None:
    """The Times' newsletter sign-up form flattened into one paragraph (19 dev-stream
    articles): its pitch ("Marc Stein He has covered Jordan. He's covered Kobe.") had put
    Jordan, Kobe and the N.B.A. among a football story's places; "Advertisement Continue
    reading the main story" stood between paragraphs. Prose about newsletters and robots stays."""
    form = (
        "Newsletter Sign Up Continue reading the main story Marc Stein He has covered Jordan. "
        "He’s covered Kobe. And LeBron vs. the Warriors. Go behind the N.B.A.’s curtain with the "
        "league’s foremost expert in a new basketball newsletter. Please verify you're not a "
        "robot by clicking the box. Invalid email address. Please re-enter. You must select a "
        "newsletter to subscribe to. Sign Up You agree to receive occasional updates and special "
        "offers for The New York Times's products and services. Thank you for subscribing. An "
        "error has occurred. Please try again later. View all New York Times newsletters."
    )
    text = (
        "PITTSBURGH — The Steelers clinched a first-round bye with a 34-6 win over the Texans.\n\n"
        "Advertisement Continue reading the main story\n\n"
        f"{form}\n\n"
        "Bell added a 10-yard touchdown run late in the third quarter.\n\n"
        "The company said the newsletter would stop, and users who could not verify they were "
        "not a robot were locked out."
    )
    out = clean_text(text)
    assert "Jordan" not in out and "Advertisement" not in out and "Sign Up" not in out
    assert out.startswith("The Steelers clinched") and "Bell added" in out
    assert "not a robot were locked out" in out


def test_an_ap_sports_up_next_box_ends_the_story() -> None:
    """AP's "UP NEXT" box lists the teams' next games: the timeline had dated "Steelers: Host
    the Browns on Sunday." as an event of the story (dev stream, Steelers-Texans)."""
    text = (
        "PITTSBURGH (AP) — The Steelers clinched a first-round bye with a 34-6 win.\n\n"
        "Bell added a 10-yard touchdown run late in the third quarter.\n\n"
        "Yates was 7 of 16 for 83 yards and a touchdown for the Texans.\n\n"
        "UP NEXT\n\n"
        "Steelers: Host the Browns on Sunday.\n\n"
        "Texans: Visit Indianapolis on Sunday."
    )
    out = clean_text(text)
    assert out.endswith("a touchdown for the Texans.") and "Browns" not in out


def test_an_editors_update_label_goes_and_its_news_stays() -> None:
    """ "Update: Grammy president Neil Portnow responded ..." opened a dev-stream digest line;
    the label (alone, or with a time, date or number) goes, the paragraph stays, unless it is
    the editor's note itself. Prose that opens with the word is left alone."""
    text = (
        "Several female executives sent a letter to the Recording Academy on Monday.\n\n"
        "Update: Grammy president Neil Portnow responded to the letter on Monday.\n\n"
        "Update 11:10 a.m.: The academy said it would form a task force.\n\n"
        "UPDATE, 10:11 p.m. — Variety’s first story said the film was the first.\n\n"
        "Updated figures show the academy grew: 3 percent more members voted.\n\n"
        "Updated at 9:23 a.m. to correct the name of the driver.\n\n"
        "Update: This article has been updated with new information from a study.\n\n"
        "Update 2: We’ve added a later statement from PricewaterhouseCoopers."
    )
    paras = clean_text(text).split("\n\n")
    assert len(paras) == 6  # the editor's notes themselves go
    assert paras[1] == "Grammy president Neil Portnow responded to the letter on Monday."
    assert paras[2] == "The academy said it would form a task force."
    assert paras[3] == "Variety’s first story said the film was the first."
    assert paras[4].startswith("Updated figures show") and paras[5].startswith("Updated at 9:23")


def test_an_update_label_after_the_headline_goes() -> None:
    """A dev-stream digest line read "PS4 Update 5.50 - UPDATE 1: Sony has now released the
    patch notes ...": the piece's headline and its editor's label before the paragraph's news.
    A headline's own "Update" (no dash, no capitals) is left alone."""
    text = (
        "SONY has released a new firmware update for the PS4.\n\n"
        "PS4 Update 5.50 - UPDATE 1: Sony has now released the patch notes on what you can "
        "expect from the update as it rolls out for beta users.\n\n"
        "Election Update: The polling picture in New Hampshire is actually pretty clear."
    )
    paras = clean_text(text).split("\n\n")
    assert paras[1].startswith("Sony has now released the patch notes"), paras
    assert paras[2].startswith("Election Update: The polling picture"), paras


def test_wire_credits_glued_to_the_last_paragraph_go() -> None:
    """Reuters' and Bloomberg's credits at the end of a story (dev stream): "(Editing by
    Belinda Goldsmith; Please credit the Thomson Reuters Foundation ...)" and "— With assistance
    by Alex Barinka" had put the editors among the people of the story. A bracket that is not a
    credit stays ("managed by Goldman (acting by proxy)")."""
    text = (
        "Many of the assaults were carried out by men of North African appearance. (Editing by "
        "Belinda Goldsmith; Please credit the Thomson Reuters Foundation, the charitable arm of "
        "Thomson Reuters)\n\n"
        "Erdogan praised her. (Reporting by Ali Sawafta and Maayan Lubell; Writing by Maayan "
        "Lubell; Edtitng by Peter Graff)\n\n"
        "The fund is managed by Goldman (acting by proxy).\n\n"
        "“Black Mirror” Season 4 is streaming now on Netflix. Additional reporting by Steve "
        "Greene.\n\n"
        "— With assistance by Alex Barinka"
    )
    out = clean_text(text)
    for name in ("Goldsmith", "Sawafta", "Greene", "Barinka"):
        assert name not in out, name
    assert out.split("\n\n") == [
        "Many of the assaults were carried out by men of North African appearance.",
        "Erdogan praised her.",
        "The fund is managed by Goldman (acting by proxy).",
        "“Black Mirror” Season 4 is streaming now on Netflix.",
    ]


def test_an_npr_transcripts_speaker_labels_go_and_their_words_stay() -> None:
    """NPR's transcripts (dev stream, the Cologne assaults): "RENEE MONTAGNE, HOST:" alone,
    then "NELSON: The largest number of attacks happened in Cologne." — a digest line opened
    with the label. In a hosted transcript the labels go, the words stay, and the footer goes.
    Without a host's label, "OPINION:" and an interview's labels are left as they are."""
    text = (
        "RENEE MONTAGNE, HOST:\n\n"
        "Police in Cologne are investigating a wave of assaults on New Year's Eve.\n\n"
        "SORAYA SARHADDI NELSON, BYLINE: Good morning, Renee.\n\n"
        "MONTAGNE: Take us through what happened that night.\n\n"
        "NELSON: The largest number of attacks happened in Cologne.\n\n"
        "NPR transcripts are created on a rush deadline by Verb8tm, Inc., an NPR contractor, "
        "and produced using a proprietary transcription process developed with NPR."
    )
    assert clean_text(text).split("\n\n") == [
        "Police in Cologne are investigating a wave of assaults on New Year's Eve.",
        "Good morning, Renee.",
        "Take us through what happened that night.",
        "The largest number of attacks happened in Cologne.",
    ]
    other = (
        "OPINION: The city council should not have voted for the plan.\n\n"
        "PRESIDENT OBAMA: Well, I don't think they're better off.\n\n"
        "GEORGE STEPHANOPOULOS: There has been a huge response."
    )
    assert clean_text(other) == other


def test_a_widget_flattened_one_item_a_paragraph_under_its_title_goes() -> None:
    # the dev stream (DW on a Rhine boat crash): a gallery about the port's history, each
    # caption opening with the gallery's title; its years had become the story's timeline
    story = (
        "A passenger boat crashed into a bridge in Duisburg on Saturday, injuring 25 people. "
        "According to Duisburg emergency services, passengers were offered hotel rooms.\n\n"
        "The tour operator offered passengers the chance to complete their journey in a "
        "replacement ship. Guests were also offered other means of transport back to their "
        "homes, and police said the river was closed to traffic for several hours."
    )
    gallery = [
        "Port of Duisburg turns 300 Trading place of global significance What started out as "
        "a small reloading point on the Rhine is today Germany's biggest inland port.",
        "Port of Duisburg turns 300 Expansion drive Over the centuries, the port grew bigger.",
        "Port of Duisburg turns 300 The olden days Scenes from bygone days, like in 1907.",
    ]
    assert clean_text("\n\n".join([story, *gallery])) == story
    # two such paragraphs are not a widget; nor is a lead that captions repeat (Multi-News:
    # "Italian Premier Silvio Berlusconi survived ..." and two AP captions opening alike)
    assert clean_text("\n\n".join([story, *gallery[:2]])) == "\n\n".join([story, *gallery[:2]])
    lead = "Italian Premier Silvio Berlusconi survived a confidence vote in Parliament on Friday."
    captions = [
        "Italian Premier Silvio Berlusconi sits in the lower chamber to attend a confidence vote, "
        "in Rome, Friday, Oct. 14, 2011. (Associated Press)",
        "Italian Premier Silvio Berlusconi raises his hand as he sits in the lower chamber, in "
        "Rome, Friday, Oct. 14, 2011. (Associated Press)",
    ]
    assert clean_text("\n\n".join([lead, *captions, story])) == f"{lead}\n\n{story}"


@pytest.mark.parametrize(
    ("story", "notes", "prose"),
    [
        # the dev stream (IndieWire on "Black Mirror") and Multi-News: notes about the piece
        (
            "The episode follows a programmer who traps his colleagues in a video game.",
            (
                "[Editor’s note: Spoilers follow for the “Black Mirror” Season 4 episode “USS "
                "Callister.”]",
                "Editor's note: This story has been revised. An earlier version contained an error.",
            ),
            "The editor's note on the first page was signed by the publisher.",
        ),
        # the dev stream (the Sun on Jessica Alba): a list of other stories' headlines, whose
        # names had become the story's people
        (
            "Jessica Alba has given birth to her third child, a son, in Los Angeles.",
            (
                "Most Read In TV & Showbiz LEW WANTED SEX WITH TWO Lewis Hamilton's ex reveals "
                "his threesome obsession KHAN'T CHANGE A CHEAT Amir Khan sets up romp with model",
                "Related Stories 'WORST YET TO COME' Boko Haram leader mocks injury claims",
                "Most Popular Stories Most Popular Stories More>>",
            ),
            "Most Popular Month to Get Married: June (15%) followed by October (14%)",
        ),
    ],
)
def test_notes_and_headline_lists_are_not_the_story(
    story: str, notes: tuple[str, ...], prose: str
) -> None:
    for note in notes:
        assert clean_text(f"{note}\n\n{story}") == story
    assert clean_text(f"{story}\n\n{prose}") == f"{story}\n\n{prose}"


def test_a_lead_that_opens_in_capitals_is_written_in_sentence_case() -> None:
    # the Sun and the Daily Mail (dev stream): "THE second largest credit rating firm ..."
    rest = " said on Friday that it had been hacked, and the data of 15 million people was taken."
    for shouted, written in (
        ("THE SHOCKING and tragic news", "The shocking and tragic news"),
        ("PARTYGOERS in Berlin", "Partygoers in Berlin"),
        ("FELIPE MASSA", "Felipe Massa"),
        ("US officials", "US officials"),  # an acronym stays
        ("WHO officials", "WHO officials"),
    ):
        assert clean_text(shouted + rest) == written + rest


def test_a_caption_and_its_credit_before_the_first_sentence_go() -> None:
    # Multi-News (Qatar Airways): the caption had been a digest's first line
    text = (
        "The cabin of a Qatar Airways plane. AP American Airlines on Thursday said it received "
        "an unsolicited notice from Qatar Airways."
    )
    assert clean_text(text) == (
        "American Airlines on Thursday said it received an unsolicited notice from Qatar Airways."
    )
    for prose in (
        "Officials met in Sochi on Tuesday. Reuters reported the talks ended early.",
        "The meeting ended. AP Fact Check found nothing wrong with the claim.",
    ):
        assert clean_text(prose) == prose


def test_the_reporters_who_contributed_are_not_the_story() -> None:
    # Multi-News (USS Fitzgerald): the contributors were among the story's people, Honolulu
    # among its places; 50 such lines in the local sets
    for credit in (
        "Associated Press writers Mari Yamaguchi in Tokyo and Jennifer Kelleher in Honolulu "
        "contributed.",
        "Kyle Cheney contributed to this report.",
        "Lucey reported from Washington. Associated Press writer Jill Colvin in Washington "
        "contributed to this report.",
        "Reporter Carol Christian contributed to this article.",
    ):
        assert clean_text("Pompeo met Lavrov in Sochi.\n\n" + credit) == (
            "Pompeo met Lavrov in Sochi."
        )
    for prose in ("Microsoft contributed $1 million to the fund.", "Many fans contributed."):
        text = "Pompeo met Lavrov in Sochi.\n\n" + prose
        assert clean_text(text) == text


def test_correction_notes_phone_contacts_and_a_subscription_form_are_not_the_story() -> None:
    # a Multi-News digest's lines, and a dev-stream "article" that was a subscription form
    body = "Pompeo met Lavrov in Sochi on Tuesday."
    for debris in (
        "This story was edited at 5:48 p.m. to correct quote from Bentley's letter to say \"citizen "
        'of India."',
        "This post has been updated.",
        "This article was amended on 9 June 2016. Two quotes were made by another lawyer.",
        "Contact Julia Prodis Sulek at 408-278-3409.",
    ):
        assert clean_text(body + "\n\n" + debris) == body
    for prose in (
        "The story was edited by hand before it ran, the editor said in court on Monday.",
        "Contact with the ship was lost at 3 a.m., officials said.",
    ):
        assert clean_text(body + "\n\n" + prose) == body + "\n\n" + prose
    form = (
        "Sorry, this zipcode is not in our deliverable area for this subscription service. "
        "Re-enter zip code or sign up for digital access. Get digital access"
    )
    assert clean_text(form) == ""


def test_a_subheading_in_capitals_glued_to_its_paragraph_goes() -> None:
    # a dev-stream digest line opened "THE BROKEN BERG The bizarre pattern ..."
    text = "THE BROKEN BERG The bizarre pattern was caused by an area of relatively warm water."
    assert clean_text(text) == "The bizarre pattern was caused by an area of relatively warm water."
    for prose in (
        "UK PM Theresa May said the talks would go on.",
        "NASA said the launch went well, and SpaceX agreed.",
    ):
        assert clean_text(prose) == prose


def test_a_title_that_is_page_furniture_is_no_title() -> None:
    # Multi-News: a plain-text file's first line "Follow CBSMIAMI.COM: Facebook | Twitter" had
    # become the digest's headline
    assert clean_title("Follow CBSMIAMI.COM: Facebook | Twitter") == ""
    for title in ("Pompeo and Lavrov meet in Sochi", "Follow the money: Facebook paid Twitter"):
        assert clean_title(title) == title


def test_no_title_line_is_no_title() -> None:
    """A title of nothing but spaces (most plain-text files) comes back "" at once: each step
    after the repair would have made "" of "" (the crumbs' split, the prefix and the menu
    mark taken off an empty line)."""
    from newsdigest.clean import _MENU_MARK, _title_line, rules

    assert rules.CRUMB_SEP.split("")[-1].strip() == ""
    assert rules.GLUED_PREFIX.sub("", "", count=1) == "" and _MENU_MARK.sub("", "") == ""
    for title in ("", " ", "\n\t", "\u00a0\u200b", "\u2028"):
        assert _title_line(title) == "" and clean_title(title) == ""


def test_a_first_line_that_is_no_headline_is_no_title() -> None:
    # Multi-News plain-text first lines that had titled their digests or their sources
    for line in (
        "share tweet pin email",
        "April 10th, 2016",
        "2 years ago",
        "Updated 6.15pm",
        "Local News More>>",
        "Philadelphia |",
        "To our community,",
        "World",
        "T",
        "Image copyright Getty Images Image caption The band broke up in 1980",
        "Media playback is unsupported on your device Media caption The moment the probe landed",
        "Story highlights Russian defense minister says his troops will not enter Ukraine",
        "From Wikipedia, the free encyclopedia",
        "Photo: KUVP archives",
    ):
        assert clean_title(line) == "", line
    for title in (
        "Tulowhoopski!",
        "Equifax hacked",
        "Photos: Hurricane Irma hits Florida",
        "Share prices fall 10 percent in Tokyo",
        "May 2019: a month of talks",
        "Pompeo, Lavrov meet in Sochi",
        # a hostile pass's feed headlines
        "PHOTO: Firefighters rescue dog from icy pond",
        "WARNING: Graphic video shows police shooting",
        "Play Video: Trump speaks at rally",
        "September 11",
        "100 days",
    ):
        assert clean_title(title) == title, title
    assert clean_title("Nigel Farage: 'I want my country back' »") == (
        "Nigel Farage: 'I want my country back'"
    )


def test_a_first_line_that_is_no_headline_still_leaves_the_text() -> None:
    """A hostile pass: with the title dropped, the text's top repeating it had stayed."""
    text = "Britain voted to leave the European Union on Thursday, officials said. It fell."
    article = clean_article(Article(id="x", title="Brexit", text=f"Brexit\n\n{text}"))
    assert (article.title, article.text) == ("", text)


def test_the_new_debris_rules_leave_prose_alone() -> None:
    # a hostile pass over the rules for headings, credits, contacts and notes
    for prose in (
        "AT&T CEO Stephenson said the merger would close soon.",
        "NFL MVP Brady threw three touchdowns on Sunday.",
        "Hospital staff said donations from local businesses contributed.",
        "Call Mom at 555-123-4567 if you need help, the sign reads.",
        "This report was revised by the agency after critics found errors.",
        "This version of the bill was amended by the Senate on Tuesday.",
    ):
        text = "Pompeo met Lavrov in Sochi.\n\n" + prose
        assert clean_text(text) == text, prose
    assert clean_title("Follow the Money: Facebook") == "Follow the Money: Facebook"


def test_a_site_legal_footer_in_place_of_the_article_is_no_article() -> None:
    # two dev-stream "articles": China Daily's rights notice under "59 dead, 527 injured in Las
    # Vegas shooting" and ABC News's disclaimer; their titles alone had put them into stories
    from newsdigest.clean.pagekind import non_article_kind

    china_daily = (
        "Copyright 1995 - . All rights reserved. The content (including but not limited to text, "
        "photo, multimedia information, etc) published in this site belongs to China Daily "
        "Information Co (CDIC). Without written authorization from CDIC, such content shall not "
        "be republished or used in any form. Note: Browsers with 1024*768 or higher resolution "
        "are suggested for this site.\n"
        "License for publishing multimedia online 0108263\n"
        "Registration Number: 130349 Registration Number: 130349"
    )
    abc = (
        "External links are provided for reference purposes. ABC News is not responsible for the "
        "content of external Internet sites.\n"
        "Copyright © 2018 ABC News Internet Ventures. Yahoo! - ABC News Network"
    )
    for page in (china_daily, abc):
        assert non_article_kind(page, clean_text(page)) == "site legal notice"
    body = "Pompeo met Lavrov in Sochi on Tuesday, and the two spoke for three hours."
    assert clean_text(body + "\n\n" + abc) == body
    prose = (
        "The ministry said it is not responsible for the content of the leaked letters, "
        "which were published without written permission."
    )
    assert clean_text(body + "\n\n" + prose) == body + "\n\n" + prose


def test_a_map_disclaimer_in_place_of_the_article_is_no_article() -> None:
    # a Multi-News "article" (row 132) that was UNFPA's map disclaimer alone, its paragraph
    # broken mid-sentence as Multi-News breaks them; its first sentence titled a story
    from newsdigest.clean.pagekind import non_article_kind

    page = (
        "The designations employed and the presentation of material on the map do not imply "
        "the expression of any opinion whatsoever on the part of UNFPA concerning the legal "
        "status of any country, territory, city or area or its authorities, or concerning the "
        "delimitation of its frontiers or boundaries. The dotted line represents approximately "
        "the Line of Control \n \n in Jammu and Kashmir agreed upon by India and Pakistan. The "
        "final status of Jammu and Kashmir has not yet been agreed upon by the parties."
    )
    assert clean_text(page) == ""
    assert non_article_kind(page, clean_text(page)) == "map disclaimer"
    body = "Pompeo met Lavrov in Sochi on Tuesday, and the two spoke for three hours."
    prose = "India and Pakistan have fought three wars over Jammu and Kashmir since 1947."
    assert clean_text(body + "\n\n" + prose) == body + "\n\n" + prose


@pytest.mark.parametrize(
    "text",
    [
        "Dinner was \u00c3\tla carte, the chef said on Monday.",
        "The chef said the caf\u00c3\u2009was full every night.",
        "The mayor opened the new bridge on Monday.\n \u00c3 The crowd cheered as the ribbon was cut.",
    ],
)
def test_text_ftfy_mends_only_once_its_spaces_are_collapsed_is_cleaned_to_the_end(
    text: str,
) -> None:
    """A hostile pass's inputs against a one-pass shortcut: the mojibake is mended on the
    second pass (its line trimmed, its spaces collapsed), and the result is a fixed point."""
    once = clean_text(text)
    assert "\u00c3" not in once
    assert clean_text(once) == once


def test_a_wire_bulletin_keeps_its_one_sentence() -> None:
    """An agency's bulletin is its headline as one dated sentence above the copyright (dev
    stream, washingtonpost.com, 2018-01-01): the dateline goes, the sentence is the text, so the
    page is not rejected as empty and joins its story. A repeated headline above other text
    still goes, and a site's name is no bulletin."""
    title = "Chicago Bears fire coach John Fox after 5-11 season"
    raw = (
        "LAKE FOREST, Ill. — Chicago Bears fire coach John Fox after 5-11 season.\n"
        "Copyright 2018 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed."
    )
    out = clean_text(raw, title)
    assert out == "Chicago Bears fire coach John Fox after 5-11 season."
    assert clean_text(out, title) == out
    assert non_article_kind(raw, out) is None
    body = "John Fox's reign in Chicago is over. The Bears announced the firing on Monday."
    assert clean_text(f"{title}\n\n{body}", title) == body
    assert clean_text("ABC News", "ABC News") == ""


# --- headlines in capitals (wire services' copy) --------------------------------------------

_WIRE_BODY = (
    "Gen. Augusto Pinochet, the former Chilean dictator, was arrested by British police in "
    "London on a warrant from a Spanish judge. NATO and the U.S. said nothing. It angers Chile."
)


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("PINOCHET ARRESTED IN LONDON ON SPANISH WARRANT",
         "Pinochet arrested in London on Spanish warrant"),
        # a possessive, a colon, an acronym and a dotted one the text writes so, a function word
        ("PINOCHET'S ARREST: NATO AND U.S. REACT", "Pinochet's arrest: NATO and U.S. react"),
        # "US" is the country, not the pronoun; a long word the text lacks is lower case
        ("US TROOPS TO LEAVE", "US troops to leave"),
        ("ARREST ANGERS CHILE", "Arrest angers Chile"),  # "Chile." ends a sentence of the text
        ("Pinochet Arrested In London", "Pinochet Arrested In London"),  # not in capitals
        ("UN VOTE", "UN VOTE"),  # too short to be a shouted headline
    ],
)  # fmt: skip
def test_a_headline_in_capitals_takes_the_case_of_its_text(headline: str, expected: str) -> None:
    assert rules.unshout_title(headline, _WIRE_BODY) == expected


def test_a_text_in_capitals_gives_no_case_to_follow() -> None:
    headline = "PINOCHET ARRESTED IN LONDON"
    assert rules.unshout_title(headline, _WIRE_BODY.upper()) == headline


def test_a_wire_dateline_with_an_underscore_is_no_part_of_a_digest_sentence() -> None:
    from newsdigest.model import Sentence
    from newsdigest.summarize.units import strip_dateline

    for text, rest in [
        ("LONDON _ Gen. Augusto Pinochet was arrested.", "Gen. Augusto Pinochet was arrested."),
        ("SANTIAGO, Chile _ The government protested.", "The government protested."),
        ("THE END _ of it all came.", "THE END _ of it all came."),  # no sentence after it
    ]:
        s = Sentence(article_id="a", index=0, text=text, start=0, end=len(text))
        assert strip_dateline(s).text == rest


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Gary Cohn resigning as Trump’s top economic adviser.",
         "Gary Cohn resigning as Trump’s top economic adviser"),
        ("Where’s the Outrage over Kerry’s Collusion with Iran?.",
         "Where’s the Outrage over Kerry’s Collusion with Iran?"),
        ("Deal struck with Apple Inc.", "Deal struck with Apple Inc."),  # an abbreviation's
        ("Talks end in the U.S.", "Talks end in the U.S."),
        ("Wait...", "Wait..."),
        # NeuS: a quoted question, and the feed's stop after the title's own
        ('Frederick Douglass\' "What to the Slave is the Fourth of July?".',
         'Frederick Douglass\' "What to the Slave is the Fourth of July?"'),
        ("And he's OK with that..", "And he's OK with that"),
        ("Talks end in the U.S..", "Talks end in the U.S."),
    ],
)  # fmt: skip
def test_a_headline_ends_without_the_full_stop_a_feed_added(title: str, expected: str) -> None:
    assert clean_title(title) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Associated Press Tue Feb 19, 2013 7:44 PM",  # a byline's stamp
        "Published on Sep 2, 2008",  # a video page's
        # the Associated Press's caption run into the text
        "This undated photo provided by Husky Homestead shows Banjo, a dog that was injured",
    ],
)
def test_stamps_and_captions_are_no_headlines(line: str) -> None:
    """Multi-News first lines that had become digest titles (a reader's pass)."""
    assert clean_title(line) == ""


def test_a_dated_headline_is_still_one() -> None:
    assert clean_title("Storm hits Texas on Tuesday, Jan. 5, 2016") != ""


def test_a_page_stamp_with_a_section_is_no_headline() -> None:
    """A magazine page's stamp and its series' name (Multi-News validation 45's first line, then
    its digest's title); a headline that says "published" is still one."""
    assert clean_title("Published: January 2011 Special Series: 7 Billion") == ""
    assert clean_title("Posted: 12/03/2013 Police name the victims") == ""
    assert clean_title("Published: the memoir Trump tried to stop") != ""


@pytest.mark.parametrize(
    "line",
    [
        "This story is updated at the bottom with a response from Rich Benjamin.",
        "You can unsubscribe at any time.",
    ],
)
def test_an_update_note_and_a_newsletter_line_are_no_text(line: str) -> None:
    """A second reader's pass over unseen Multi-News: a digest's title and a digest's line."""
    assert rules.is_boilerplate_line(line)
    assert not rules.is_boilerplate_line("This story is important because the law changed.")


def test_a_reading_list_is_no_text() -> None:
    """Multi-News: a page's "Must-reads:", whose headlines had become a digest's quotes."""
    assert rules.is_boilerplate_line("Must-reads:")
    assert rules.is_boilerplate_line(
        "“Congress putting its faith in committee” — David A. Fahrenthold, Washington Post"
    )
    assert not rules.is_boilerplate_line(
        "“We will not back down,” the senator said, adding that the vote would come Friday."
    )


def test_a_credit_after_a_blurbs_last_sentence_goes() -> None:
    """Multi-News: a Gannett video blurb's "... found near Delphi. Dave Bangert and Dwight
    Adams/ Journal & Courier" and "... were killed. (May 4, 2015) Gannett Wisconsin Media"
    had ended digest sentences; 11 of the 9,350 local texts end a paragraph so."""
    for credit in (
        "Dave Bangert and Dwight Adams/ Journal & Courier",
        "(May 4, 2015) Gannett Wisconsin Media",
        "JASON REED / Reuters",
    ):
        body = "Police found the two missing teens on Tuesday near Delphi, officials said."
        text = f"The search began on Monday.\n\n{body} {credit}"
        assert clean_text(text) == f"The search began on Monday.\n\n{body}", credit
    # a slash inside prose stays
    prose = "The ABC News/Washington Post poll found that 52 percent back the plan."
    assert clean_text(f"The search began on Monday.\n\n{prose}").endswith(prose)
    # and a run of capitals costs no time (a hostile pass: 32 s at 160 capitals)
    import time

    from newsdigest.clean.rules import TRAILING_VIDEO_CREDIT

    started = time.process_time()
    TRAILING_VIDEO_CREDIT.search("He left. Abc Def/ " + "A" * 400 + " x")
    assert time.process_time() - started < 0.5


def test_a_forms_fine_print_and_a_paywalls_offer_are_no_text() -> None:
    """Multi-News sources titled "To subscribe to Capitol Fax, click here. Subscriptions are
    $350 per year ..." and "Note: By submitting this form, you agree to Third Door Media's
    terms . We respect your privacy ." (a reader of unseen digests)."""
    prose = "The council voted on Tuesday to approve the budget, officials said. It passed."
    for notice in (
        "To subscribe to Capitol Fax, click here. Subscriptions are $350 per year.",
        "Note: By submitting this form, you agree to Third Door Media's terms. We respect "
        "your privacy.",
        "Click here to subscribe.",
    ):
        assert clean_text(f"{notice}\n\n{prose}") == prose, notice
    # prose about agreeing or subscribing stays
    for kept in (
        "By submitting the bill, you agree to nothing, the governor told lawmakers.",
        "To subscribe to the theory, you must ignore the evidence, she said.",
    ):
        assert clean_text(f"{kept}\n\n{prose}").startswith(kept[:20]), kept


def test_nbc_newsletter_pitch_and_slash_byline_go() -> None:
    """Two Multi-News NBC pages opened with a newsletter's pitch and a byline after a slash;
    the pitch had become the source's label in a reader's digest."""
    text = (
        "Breaking News Emails Get breaking news alerts and special reports. The news and stories "
        "that matter, delivered weekday mornings. \n \n / Updated By Ken Dilanian, Peter "
        "Alexander. and Courtney Kube \n \n Jared Kushner, the president’s son-in-law and one of "
        "his senior advisers, has come under FBI scrutiny in the Russia investigation."
    )
    assert clean_text(text) == (
        "Jared Kushner, the president’s son-in-law and one of his senior advisers, has come "
        "under FBI scrutiny in the Russia investigation."
    )
    # a sentence that opens with "By" is no byline
    kept = "By Tuesday, the fire had spread to the hills above the town."
    assert clean_text(kept) == kept


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("[National Post via Inside Higher Ed. Pic via]", True),  # Multi-News, a digest's line
        ("[h/t OpposingViews, Photo: WPXI]", True),
        ("[image via Shutterstock]", True),
        ("[The minister said the talks would go on via video link.] The talks resumed.", False),
        ("[Update: The company has since responded.]", False),
        # a bracketed sentence says something, whatever it was said via
        ("[Update: Reached via phone, a spokeswoman said the suspect had been released.]", False),
        # a whole line in brackets is an aside (every such line of the local sets but updates
        # is a link, a credit or a note: test_a_line_in_square_brackets_is_an_aside)
        ("[The minister said the talks would go on via video link.]", True),
    ],
)
def test_a_blogs_bracketed_credits_are_no_text(line: str, credit: bool) -> None:
    assert rules.is_boilerplate_line(line) is credit


def test_a_flattened_photo_gallery_widget_is_no_text() -> None:
    """The Washington Post's gallery, one paragraph of a Multi-News page (a digest's line)."""
    text = (
        "Gov. Scott Walker will announce his bid on Monday, aides said.\n\n"
        "1 of 26 Full Screen Autoplay Close Skip Ad × A look back at Wisconsin Gov. Scott "
        "Walker’s political career View Photos The Republican is expected to launch his official "
        "campaign for president Monday. Caption The Wisconsin governor announced Monday that he "
        "will drop out of the 2016 GOP race. Morry Gash/AP Buy Photo Wait 1 second to continue.\n\n"
        "Walker enters the race as the favorite to win Iowa's caucuses."
    )
    assert "Full Screen" not in clean_text(text)
    assert "favorite to win Iowa" in clean_text(text)


@pytest.mark.parametrize(
    ("para", "furniture"),
    [
        # POLITICO's newsletter box: its last line had closed a Multi-News digest
        ("COUNTDOWN TO 2020 The race for 2020 starts now. Stay in the know. Follow our "
         "presidential election coverage. Email Sign Up By signing up you agree to receive "
         "email newsletters or alerts from POLITICO. You can unsubscribe at any time.", True),
        # a caption between the USA Today network's "Buy Photo" labels: a digest's first line
        ("Buy Photo Genesee County health official Jim Henry was among those calling for the "
         "Flint system to be tested as a Legionella source. He said the county lacked the "
         "expertise to do so. (Photo: Karen Bouffard / The Detroit News)Buy Photo", True),
        # a caption between its credit and the credit in brackets, doubled: a digest's line
        ("Jeff King Husky Homestead Nash, one of Jeff King's sled dogs, was killed by a "
         "snowmobile. Nash, one of Jeff King's sled dogs, was killed by a snowmobile. (Jeff "
         "King Husky Homestead) (Jeff King Husky Homestead)", True),
        ("Florida Lottery Timothy Poole Timothy Poole (Florida Lottery)", True),
        # a caption widget's labels: "Louie Juarez + Read Caption Share Photo" was a person
        ("Vintage furs at Furs by Graf.— Louie Juarez + Read Caption Share Photo \uf610", True),
        # prose that says as much stays
        ("Readers can unsubscribe at any time, the company said, and most do within a year.",
         False),
        ("She said that by signing up you agree to receive calls, which upset customers.", False),
        # ... and quotes a sign-up form's fine print in the middle of a sentence
        ("The campaign's site, which says \"by signing up you agree to receive alerts from "
         "Donald J. Trump for President,\" collected more than two million addresses.", False),
        ("Email Sign Up By signing up you agree to receive email newsletters or alerts from "
         "POLITICO.", True),
        ("The Flint plant (Flint) reopened on Monday after repairs, officials said.", False),
        ("Reporters were told to read caption rules before they could share photos.", False),
    ],
)  # fmt: skip
def test_a_newsletter_box_and_credited_captions_are_no_text(para: str, furniture: bool) -> None:
    """A reader's pass over unseen Multi-News digests (rows 180-249)."""
    assert rules.is_boilerplate_line(para) is furniture


def test_an_encyclopedias_reference_marks_are_no_text() -> None:
    """Wikipedia pages among Multi-News documents (rows 106, 118, 158): "Ministry of
    Culture.[1][2]It is considered ..." had become an organization "Ministry of
    Culture.[1][2]It" in a story's facts. The writer's own brackets stay."""
    assert clean_text(
        "It was built by an agency of the Ministry of Culture.[1][2]It is considered to be the "
        "Shrine of the Nomadic people, and it was finished in 1912 by the mining company."
    ).startswith("It was built by an agency of the Ministry of Culture. It is considered ")
    assert clean_text(
        "The church claims more than 15 million members worldwide;[1] the Community of Christ "
        "is headquartered in Missouri.[citation needed] It was founded in 1830[3] in New York."
    ) == (
        "The church claims more than 15 million members worldwide; the Community of Christ "
        "is headquartered in Missouri. It was founded in 1830 in New York."
    )
    for own in (
        "The memo said [1] was wrong, and the list [a] [b] stayed as written in the report.",
        "The array a[1] holds the value and x[i] is read later, the engineers wrote in it.",
        "He called the [sic] spelling a mistake, and the editors of the paper agreed with him.",
        # hostile review: an editor's letter in a quotation (Multi-News and NeuS lines)
        'He said Trump\'s conduct "fall[s] well beneath the dignity of the office" on Friday.',
        "He told a reporter that he “only expect[s] the black media to uphold the story.”",
    ):
        assert clean_text(own) == own


_WIRE_STORY = (
    "British police arrested Gen. Augusto Pinochet at a private clinic here late Friday on a "
    "warrant issued by a Spanish judge.\n\nThe British Home Office said it would consider an "
    "extradition request from Spain within 40 days."
)


@pytest.mark.parametrize(
    "furniture",
    [
        "ENDIT",
        "END IT",
        "-0-",
        "-30-",
        "xxx",
        "c.1998 N.Y. Times News Service",
        "(c) 1999 Cox News Service",
        "(ATTN: Iowa) (rk)",
        "BC-PINOCHET-ARREST-BOS",
        "ADVANCE FOR SUNDAY, OCT. 18, AND THEREAFTER",
        "EDS: Updates with Chile's protest, quotes from Insulza.",
        "By JOHN DOE and MARY ROE",
        "Associated Press Writer",
        "AP Science Writer",
        "Special to The New York Times",
        "Cox News Service",
    ],
)
def test_wire_furniture_paragraphs_are_not_text(furniture: str) -> None:
    """The late 1990s' AP and New York Times service copy (DUC, TDT) puts desk furniture
    between and after its paragraphs: "ENDIT" had been the last line of a cleaned NYT story."""
    for where in (f"{furniture}\n\n{_WIRE_STORY}", f"{_WIRE_STORY}\n\n{furniture}"):
        assert clean_text(where) == clean_text(_WIRE_STORY), furniture


@pytest.mark.parametrize(
    "prose",
    [
        "End it now, the protesters chanted outside the embassy.",
        "Xxx is the name of the band's third album, released in 1998.",
        "(The ruling can be appealed.) (Lawyers for Pinochet said they would.)",
        "Editors: the board met on Monday and voted to keep the paper's name.",
        "c. 1998, the company sold its first phone.",
        "By the time the rescuers arrived, the house was gone.",
        "The Associated Press reported the story first.",
    ],
)
def test_prose_like_wire_furniture_is_kept(prose: str) -> None:
    assert prose.rstrip(".") in clean_text(f"{_WIRE_STORY}\n\n{prose}")


@pytest.mark.parametrize(
    "dateline",
    [
        "BEIJING, Oct. 16 (Xinhua) -- ",
        "MOSCOW, October 16 (AFP) - ",
        "NEW YORK, May 18 (UPI) -- ",
        "OFER PRISON, West Bank, Jan 1 (Reuters) - ",
        "WASHINGTON (AP) _ ",
    ],
)
def test_a_dateline_with_its_day_is_not_the_lead(dateline: str) -> None:
    """Xinhua, AFP, UPI and Reuters date their datelines: "SAN JOSE, Dec 31 (Reuters) - " had
    stayed at the head of the lead, and of the digest sentence made of it (7 of 1,073
    Multi-News and giveme5w1h documents)."""
    lead = "A plane crash in Costa Rica on Sunday killed 10 U.S. citizens and two local pilots."
    assert clean_text(f"{dateline}{lead}\n\nThe cause is not known.").startswith(lead)


def test_an_ap_byline_block_goes_and_the_dateline_under_it_too() -> None:
    """AP copy opens its text with the byline's two lines ("By JOHN DOE" over "Associated
    Press Writer"): the second had lost "Associated Press" to the caption-credit rule and
    stayed as "Writer", so the dateline under it was no longer the first paragraph and "(AP) _"
    reached the lead."""
    lead = "The Senate passed the spending bill late Friday night after a long debate."
    for byline in (
        "By JOHN DOE\nAssociated Press Writer",
        "By JOHN DOE and MARY ROE\nAP Political Writers",
        "By JOHN DOE\nSpecial to The New York Times",
    ):
        text = f"{byline}\n\nWASHINGTON (AP) _ {lead}\n\nThe House votes next week."
        assert clean_text(text).split("\n\n") == [lead, "The House votes next week."], byline


def test_the_internet_archives_wide_crawl_note_is_no_article() -> None:
    # Multi-News validation row 99: the Internet Archive's note on its 2011 wide crawl stood in
    # for an article, and its "The seed list for this crawl was a list of Alexa's top 1 million
    # web sites ..." was the digest's second sentence, cited as news about Charlie Sheen
    from newsdigest.clean.pagekind import non_article_kind

    page = (
        "Web wide crawl with initial seedlist and crawler configuration from March 2011. This"
        " uses the new HQ software for distributed crawling by Kenji Nagahashi. \n \n What’s in"
        " the data set: \n \n Crawl start date: 09 March, 2011 \n \n Crawl end date: 23"
        " December, 2011 \n \n Number of captures: 2,713,676,341 \n \n Number of unique URLs:"
        " 2,273,840,159 \n \n Number of hosts: 29,032,069 \n \n The seed list for this crawl was"
        " a list of Alexa’s top 1 million web sites, retrieved close to the crawl start date. We"
        " used Heritrix (3.1.1-SNAPSHOT) crawler software and respected robots.txt directives."
        " \n \n However this was a somewhat experimental crawl for us, as we were using newly"
        " minted software to feed URLs to the crawlers, and we know there were some operational"
        " issues with it. We also included repeated crawls of some Argentinian government"
        " sites, so looking at results by country will be somewhat skewed. \n \n We have made"
        " many changes to how we do these wide crawls since this particular example, but we"
        " wanted to make the data available “warts and all” for people to experiment with."
        " \n \n If you would like access to this set of crawl data, please contact us at info"
        " at archive dot org and let us know who you are and what you’re hoping to do with it."
    )
    assert "seed list" not in clean_text(page)
    assert non_article_kind(page, clean_text(page)) == "web-archive crawl notice"
    # news about a crawl is no notice
    news = "The seed list was leaked, and the crawl start date was moved, officials said."
    assert clean_text(news) == news


def test_a_line_in_square_brackets_is_an_aside() -> None:
    # Multi-News validation row 97: the Washington Post's link to a related story, "[For women,
    # heavy drinking has been normalized. That's dangerous.]", was split into two sentences and
    # the digest's third read "[For women, heavy drinking has been normalized."
    prose = "The researchers noted that many things influence cancer risk, McTiernan said."
    link = "[For women, heavy drinking has been normalized. That's dangerous.]"
    after = "Women can't control factors such as a family history of cancer, she added."
    assert clean_text(f"{prose}\n\n{link}\n\n{after}") == f"{prose}\n\n{after}"
    for aside in (
        "[What are the Panama Papers?]",
        "[Editor’s note: Spoilers follow for the “Black Mirror” Season 4 episode.]",
        "[Rapinoe responds after the game: ‘It’s [expletive] unbelievable. Saddened by it.’]",
    ):
        assert clean_text(f"{prose}\n\n{aside}") == prose
    # an update in brackets is news; brackets around a few words of a sentence are its own
    update = "[Update: Reached via phone, a spokeswoman said the suspect had been released.]"
    assert clean_text(update) == update
    inline = "[He] told reporters that the plan [to reopen] would go ahead on Monday."
    assert clean_text(inline) == inline


def test_a_factbox_of_hosts_is_no_crawl_notice() -> None:
    # the Internet Archive's "Number of hosts: 29,032,069" is a crawl's figure, but a short
    # brief's factbox counts Airbnb's or a tournament's hosts: it was dropped and the page
    # rejected as a web-archive crawl notice
    from newsdigest.clean.pagekind import non_article_kind

    page = (
        "Airbnb in Lisbon, by the numbers\n\nNumber of listings: 18,500\n\nNumber of hosts: 9,200"
        "\n\nAverage nightly price: 94 euros\n\nThe city council voted on Thursday to freeze new"
        " short-term rental licences in the historic centre."
    )
    assert "Number of hosts: 9,200" in clean_text(page)
    assert non_article_kind(page, clean_text(page)) is None
    cup = "Number of hosts: 3 (United States, Canada, Mexico)"
    assert clean_text(f"The tournament will be the first with 48 teams.\n\n{cup}").endswith(cup)


def test_a_pictures_credit_alone_is_no_text_and_no_title() -> None:
    """Multi-News 81: "By Slaven Vlasic/Getty Images." opened a plain-text article and named
    its source; dev-stream pages kept "Jae C. Hong/AP" and "David Becker/Getty Images" lines.
    A headline with a slash in it stays ("AC/DC announce new tour")."""
    from newsdigest.clean import clean_text, clean_title
    from newsdigest.render import first_line_label

    body = (
        "By Slaven Vlasic/Getty Images.\n\nOscar de la Renta, a storied couturier with a flair "
        "for the romantic, died Monday at 82.\n\nJae C. Hong/AP\n\nHe dressed first ladies."
    )
    cleaned = clean_text(body)
    assert "Getty" not in cleaned and "Hong/AP" not in cleaned
    assert first_line_label(cleaned).startswith("Oscar de la Renta, a storied couturier")
    assert clean_title("Dimitrios Kambouris/WireImage via Getty Images") == ""
    assert clean_title("AC/DC announce new tour") == "AC/DC announce new tour"


def test_a_wrapped_texts_player_and_highlights_labels_go() -> None:
    """Multi-News 125 and 108 hard-wrapped at 70 columns: the BBC player's label and CNN's
    highlights box ran on into the next line, and stayed text ("Media playback is unsupported
    on your device Media caption The moment when Prof Owen ..." named the source). The labels
    go, whatever they label stays; at the top, such a paragraph is a headline rejected, as the
    first line of the text unwrapped is."""
    from newsdigest.ingest.text import split_title

    bbc = (
        " A Canadian man who was believed to have been in a vegetative state\n"
        "for more than a decade, has been able to tell scientists that he is\n"
        "not in any pain.\n\n"
        " Media playback is unsupported on your device Media caption\n"
        "Panorama's Fergus Walsh meets Professor Adrian Owen to learn what the\n"
        "brain is like when in a vegetative state\n\n"
        " It's the first time an uncommunicative, severely brain-injured\n"
        "patient has been able to give answers clinically relevant to their\n"
        "care.\n"
    )
    cnn = (
        "Sanders: Pope's nod to Dorothy Day was 'extraordinary'\n\n"
        "Story highlights Bernie Sanders said Pope Francis' decision to\n"
        "highlight Dorothy Day underscores the Pontiff's emphasis on helping\n"
        "the poor\n\n"
        " Sen. Bernie Sanders was the lone Democratic presidential hopeful who\n"
        "attended the speech of Pope Francis to Congress on Thursday morning.\n"
    )
    for text, kept in (
        (bbc, "Panorama's Fergus Walsh meets Professor Adrian Owen"),
        (cnn, "Bernie Sanders said Pope Francis' decision"),
    ):
        title, body = split_title(text)
        cleaned = clean_text(body, title)
        assert "Media playback" not in cleaned and "Story highlights" not in cleaned
        assert any(para.startswith(kept) for para in cleaned.split("\n\n"))
    assert clean_text("Media playback is unsupported on your device\n\nThe tram derailed.") == (
        "The tram derailed."
    )


def test_a_wrapped_text_keeps_its_lines_lengths_through_invisible_characters_and_galleries() -> (
    None
):
    """Multi-News 12 and 249 wrapped at 70 columns: the wrapper counted zero-width spaces
    ("EMT\u200b\u200bs"), whose removal shortened lines into paragraphs' last ones ("bit EMTs
    Tracy Lamar and" | "Charles Simons before threatening them, ..." became a digest line),
    and CNN's gallery captions, run over line breaks, left lines too long for wrapped text
    ("... against a list of U.S." | "officials and lawmakers.")."""
    paras = [
        "A\u200brwa Damon, described by the cable network as a senior international "
        "correspondent, was intoxicated and abusive to a medical team stationed on the grounds "
        "of the embassy, where Damon did not have authority to be, \u200baccording to the $2 "
        "million lawsuit\u200b filed in Manhattan on Monday\u200b.",
        "According to the lawsuit, Damon, 36, bit EMT\u200b\u200bs Tracy Lamar and Charles Simons "
        "before threatening them, saying she was a “major reporter for CNN.”",
        "The medics were trying to treat Damon when she became violent, the lawsuit said.",
    ]
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in paras)
    cleaned = clean_text(wrapped).split("\n\n")
    assert cleaned[1] == (
        "According to the lawsuit, Damon, 36, bit EMTs Tracy Lamar and Charles Simons before "
        "threatening them, saying she was a “major reporter for CNN.”"
    )
    assert cleaned[0].endswith("filed in Manhattan on Monday.")
    gallery = " ".join(
        f"Photos: Photos: Crisis in Ukraine Crisis in Ukraine – Protesters rally in Simferopol "
        f"on February {n}, the caption of picture {n}. Hide Caption {n} of 9"
        for n in range(1, 10)
    )
    story = [
        "Russia's lower house of parliament overwhelmingly approved a treaty Thursday to annex "
        "the Black Sea peninsula of Crimea from Ukraine, prompting tougher sanctions from the "
        "United States.",
        "Russia responded with its own sanctions against a list of U.S. officials and lawmakers.",
        "After Russian Foreign Minister Sergey Lavrov had presented the treaty and urged "
        "lawmakers to accept the region as a part of the Russian Federation, the vote passed.",
    ]
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in [story[0], gallery, *story[1:]])
    cleaned = clean_text(wrapped)
    assert "Hide Caption" not in cleaned and "Photos:" not in cleaned
    assert story[1] in cleaned.split("\n\n")


@pytest.mark.parametrize(
    "headline",
    [
        "Ipsos/Reuters poll shows Trump ahead",
        "Fox News/AP VoteCast survey shows shift in suburbs",
        "Harris/Bloomberg poll finds most voters back tariffs",
        "Apple/Getty Images deal under review",
    ],
)
def test_a_headline_about_a_poll_or_an_agency_is_no_pictures_credit(headline: str) -> None:
    """A name, a slash and an agency then a headline's words had read as a picture's credit:
    the title was dropped and the line cut from the text."""
    from newsdigest.clean import clean_text, clean_title

    assert clean_title(headline) == headline
    text = "Voters were asked about the economy on Monday, the pollster said."
    assert clean_text(f"{text}\n\n{headline}\n\n{text}").count(headline) == 1
    # a credit's own tail still reads as one
    for credit in ("Spencer Platt/Getty Images News", "Jose Luis Magana/AP, File"):
        assert clean_title(credit) == ""


def test_a_credit_after_a_bar_goes_with_the_headline_glued_to_it() -> None:
    """Multi-News (POLITICO): "... | Mark Wilson/Getty Images White House Trump uses French
    terrorist attack ..." had made the photographer one of the story's people; the caption
    before the bar tells the news and stays, and a bar in prose stays."""
    text = (
        "Congressman Bob Goodlatte's son made the surprise announcement on Twitter Sunday "
        "night. | Manuel Balce Ceneta/AP Photo Goodlatte's son donates to Democrat running to "
        "replace him\n\nBobby Goodlatte gave $2,700 to the campaign on Sunday, he said."
    )
    assert clean_text(text) == (
        "Congressman Bob Goodlatte's son made the surprise announcement on Twitter Sunday "
        "night.\n\nBobby Goodlatte gave $2,700 to the campaign on Sunday, he said."
    )
    prose = "The index rose 2% on Monday. | The Dow/Nasdaq spread widened, traders said."
    assert clean_text(prose) == prose
    # a caption of a moment goes with its credit (Multi-News val 146: the digest's title)
    moment = (
        "Senate Minority Leader Chuck Schumer and Majority Leader Mitch McConnell walk to the "
        "Senate floor Wednesday. | John Shinkle/POLITICO Congressional leaders reach budget "
        "deal The agreement would raise stiff spending caps.\n\nCongressional leaders on "
        "Wednesday clinched a two-year deal to lift strict budget caps."
    )
    assert clean_text(moment) == (
        "Congressional leaders on Wednesday clinched a two-year deal to lift strict budget caps."
    )


def test_a_doubled_stop_ending_a_paragraph_is_one() -> None:
    """NeuS: "But the questions he asks will not be his.." was a digest's line, its feed's stop
    after the headline's own; an ellipsis and a stop inside a line stay."""
    text = (
        "But the questions he asks will not be his..\n\nThe senators will ask in writing, "
        "officials in U.S..\n\nThey scared to look.. they shook, he said...\n\nHe waited..."
    )
    assert clean_text(text) == (
        "But the questions he asks will not be his.\n\nThe senators will ask in writing, "
        "officials in U.S.\n\nThey scared to look.. they shook, he said...\n\nHe waited..."
    )


def test_bidirectional_controls_are_dropped_from_text_and_title() -> None:
    """A right-to-left override (U+202E) and the other embedding, isolate and mark controls
    are formatting, not words: kept, a title so written showed reversed on the web page and
    every digest line printed "\\u202e" escapes; and the same text with or without them was
    two articles. Now they go as the zero-width space does (ZWNJ/ZWJ stay: scripts need them)."""
    article = _seed("001")
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    marked = replace(
        article,
        title="\u202e" + article.title + "\u202c",
        source="\u202e" + "ssenisuB" + "\u202c",
        text=article.text.replace(" the ", " \u202ethe\u202c ").replace(".", ".\u200f"),
    )
    assert "\u202e" in marked.text
    plain, tagged = clean_article(article), clean_article(marked)
    assert tagged.text == plain.text and tagged.id == plain.id
    assert tagged.title == plain.title and tagged.source == "ssenisuB"
    assert not any(c in tagged.text + tagged.title for c in controls)
    # a control in every position of a word, each alone: all go, the word stays
    for c in controls:
        assert clean_text(f"Officials met in Sochi on Tues{c}day to talk about {c}arms{c}.") == (
            "Officials met in Sochi on Tuesday to talk about arms."
        )
    # the joiners scripts need are kept
    assert "\u200c" in clean_text("The word می\u200cخواهم is Persian for I want, officials said.")


def test_a_long_paragraph_with_a_post_link_loses_the_post_quickly_and_alike() -> None:
    """The inline-post pattern was tried at every character of a paragraph holding a post's
    link, 280 characters on from each: a 200,000-character paragraph with no stop (a page
    flattened to one line) took 8.7 s to clean, 400,000 16 s."""
    import time

    seeds = Path(__file__).resolve().parents[1] / "examples" / "sochi-2019"
    words = [w.strip(".,") for p in sorted(seeds.glob("*.txt")) for w in p.read_text().split()]
    prose = " ".join(words[i * 7 % len(words)] for i in range(30_000))
    post = " LIVE: Officials meet for talks. https://t.co/AbC123xyz — Example News (@ExampleNews) May 14, 2019 "
    para = prose + post + prose + "."
    started = time.perf_counter()
    stripped = rules.strip_inline_posts(para)
    assert time.perf_counter() - started < 2
    assert "t.co" not in stripped and stripped.startswith(prose[:1000])
    for short in (post, prose[:3000] + post + prose[:3000], para[-5000:] + post):
        # below the length read in windows, and above it, the same paragraph
        assert rules.strip_inline_posts(short) == " ".join(
            rules.INLINE_POST.sub(" ", short).split()
        )


def test_a_long_paragraph_of_many_post_links_is_cleaned_quickly() -> None:
    """A search from each link's window had run on to the paragraph's end when the link was
    no post: 69 links in 200,000 characters took 2.8 s."""
    import time

    seeds = Path(__file__).resolve().parents[1] / "examples" / "sochi-2019"
    words = [w.strip(".,") for p in sorted(seeds.glob("*.txt")) for w in p.read_text().split()]
    para = " ".join(words[i * 7 % len(words)] for i in range(40_000))
    para = " https://t.co/AbC123xyz ".join(para[i : i + 2_000] for i in range(0, len(para), 2_000))
    started = time.perf_counter()
    stripped = rules.strip_inline_posts(para)
    assert time.perf_counter() - started < 1
    assert "t.co" not in stripped
    short = para[:20_000]
    assert rules.strip_inline_posts(short) == " ".join(rules.INLINE_POST.sub(" ", short).split())


def test_a_notice_is_found_as_each_notice_pattern_finds_it(multinews_csv: Path) -> None:
    """``notice_kind`` (the notices that open their line as one search) names what asking
    each pattern in turn names, on every line of the Multi-News sample (whose web-archive
    pages hold crawl notices) and every sentence of its first 40 clusters' lines."""
    from newsdigest.evaluate import read_dataset

    def each_in_turn(text: str) -> str | None:
        lowered = rules.stand_in(text, text.lower())
        return next((k for k, p in rules.NOTICES if p.found_in(text, lowered)), None)

    clusters = read_dataset(multinews_csv)[0]
    lines = [p.strip() for c in clusters for d in c.documents for p in d.split("\n") if p.strip()]
    lines += [s.text for c in clusters[:40] for d in c.documents for s in split_sentences(d)]
    found = [rules.notice_kind(t) for t in lines]
    assert sum(k is not None for k in found) > 100
    assert found == [each_in_turn(t) for t in lines]


def test_an_ascii_text_folds_as_the_pattern_folds_it(multinews_csv: Path) -> None:
    """``fold`` deletes an ASCII text's non-alphanumeric bytes by ``bytes.translate``: the
    same key as ``NON_ALNUM``'s substitution on every line of the Multi-News sample and on
    each ASCII character."""
    from newsdigest.evaluate import read_dataset

    def substituted(text: str) -> str:
        if not text.isascii():
            text = unicodedata.normalize("NFKD", text)
        return rules.NON_ALNUM.sub("", text.casefold())

    lines = [
        ln for c in read_dataset(multinews_csv)[0] for d in c.documents for ln in d.split("\n")
    ]
    lines += [f"{chr(i)}Ab_9 {chr(i)}" for i in range(256)]
    assert sum(ln.isascii() for ln in lines) > 5000
    assert [rules.fold(ln) for ln in lines] == [substituted(ln) for ln in lines]
