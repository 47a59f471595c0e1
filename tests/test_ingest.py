"""Readers on real inputs (the seeds as text, as generated news pages, as CC-NEWS-style WARC
files, as JSON Lines) and every kind of bad input, which must cost one line, never the batch."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import textwrap
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fixtures.news_pages import (
    BOILERPLATE_MARKERS,
    Page,
    WarcRecord,
    div_soup_page_html,
    news_page_html,
    seed_page,
    truncate_record,
    write_warc,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdigest.errors import InputError
from newsdigest.ingest import LoadResult, iter_articles, load_articles
from newsdigest.ingest.html import extract_html, parse_datetime
from newsdigest.ingest.text import split_title
from newsdigest.model import Article, article_id

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "sochi-2019"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
DEBRIS = ("Leave a Reply", "Check Also", "t.co/", "Google News button", "Home /", "OREANDA")


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, InputError)
    ]


@pytest.fixture(scope="module")
def seed_articles() -> dict[str, Article]:
    arts, errs = _split(list(iter_articles([SEEDS])))
    assert not errs
    return {Path(a.origin or "").name[:3]: a for a in arts}


def _paragraph_keys(text: str) -> set[str]:
    return {"".join(ch for ch in p.casefold() if ch.isalnum()) for p in text.split("\n\n")}


# --- plain text ----------------------------------------------------------------------------


def test_a_text_file_names_no_outlet_as_a_page_or_record_without_one_does(
    tmp_path: Path,
) -> None:
    """A .txt file's name was its outlet: the citations read "(000_4da4e730b093d71e)", and two
    files of one name in two folders were counted as one outlet. An HTML page or JSON record
    that names no site has none either; each such article counts as its own outlet."""
    from newsdigest import digest
    from newsdigest.render import render

    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text + f" Filed from {folder}.", "utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": text + " Filed from c."}) + "\n")
    arts = load_articles([tmp_path]).articles
    assert [a.source for a in arts] == [None, None, None]
    story = digest(sorted(SEEDS.glob("*.txt")), facts=False)
    shown = render(story, "text")
    assert "(004_8c0afa165a96de1b)" not in shown
    assert "[4] US And Russian Authorities Show Desire to Improve Relations — " in shown
    assert "articles from 4 outlets" in shown


def test_text_reader_on_seeds(seed_articles: dict[str, Article]) -> None:
    assert sorted(seed_articles) == ["000", "001", "002", "003", "004"]  # folder order: sorted
    titles = {k: a.title for k, a in seed_articles.items()}
    assert titles == {
        "000": "",  # first line is a long paragraph, not a headline
        "001": "Pompeo and Putin discussed Russia’s intervention in the 2016 Elections, arms control and Iran",
        "002": "",  # first line is a sentence ending in a period: kept as body, not lost
        "003": "Mike Pompeo and Sergey Lavrov hold a joint press conference in Washington",
        "004": "US And Russian Authorities Show Desire to Improve Relations",
    }
    for art in seed_articles.values():
        assert art.source is None  # a .txt file names no outlet (see the test below)
        assert art.language == "en" and art.published is None
        assert art.id == article_id(art.text)
        for debris in DEBRIS:
            assert debris not in art.text


def test_title_rule() -> None:
    assert split_title("Short headline\n\nBody text here.") == (
        "Short headline",
        "\nBody text here.",
    )
    assert split_title("A sentence that ends.\nMore.")[0] == ""
    assert split_title("One. Two sentences in the first line\nMore.")[0] == ""
    assert split_title("Only one line without a period")[0] == ""  # nothing would be left
    assert split_title("x" * 250 + "\nbody")[0] == ""
    # a first sentence that ends inside its quote (Multi-News: the digest had lost it)
    first = 'The artist "died in his sleep, very happy, with the paintings he loved."'
    assert split_title(first + "\n\nAmy Pinto told a reporter.")[0] == ""
    assert split_title("Will the talks end?\n\nThey may.")[0] == "Will the talks end?"
    # a headline in Title Case may end with a period (NeuS), a photo credit is no headline
    title = "Bernie Sanders Announces 2020 Presidential Bid."
    lead = "Sen. Bernie Sanders of Vermont said on Tuesday that he would make a second presidential bid."
    assert split_title(f"{title}\n{lead}")[0] == title
    assert split_title("By Slaven Vlasic/Getty Images.\nThe talks ended.")[0] == ""
    assert split_title("Bernie Sanders enters the presidential race.\nMore.")[0] == ""
    # an initial's stop is no sentence's end (NeuS: "U.S. Stocks Fall as ...")
    title = "U.S. Stocks Fall as Gary Cohn's Exit Adds to Trade Concerns."
    assert split_title(f"{title}\nU.S. stocks opened lower Wednesday.")[0] == title


def test_a_headline_of_two_title_case_sentences_is_a_title() -> None:
    """NeuS train 2417: the headline's first half had become a digest's line, "The EPA Wants
    to Get Out of Puddles and Ditches."; two sentences of body text are no title."""
    from newsdigest.ingest.text import split_title

    title = (
        "The EPA Wants to Get Out of Puddles and Ditches. Environmental Activists Are Outraged.."
    )
    lead = "A welcome new federal approach under the Clean Water Act."
    assert split_title(f"{title}\n{lead}") == (title, lead)
    text = "The Senate voted on Tuesday. The bill passed.\nMore text here."
    assert split_title(text)[0] == ""


def test_a_lead_in_or_a_sections_label_is_no_title() -> None:
    """Multi-News plain-text first lines: "First reactions to the president's big jobs
    speech:" leads into the text (it stays there); "Columnist" and "Abstract and
    Introduction" label a section (no title, and no text either)."""
    from newsdigest.clean import clean_title

    lead_in = "First reactions to the president’s big jobs speech:"
    assert split_title(f"{lead_in}\nPaul Krugman called it a good plan.")[0] == ""
    assert clean_title("Columnist") == clean_title("Abstract and Introduction") == ""
    title = "Analysis | Nikki Haley joins a growing list of Trump officials who criticize Trump"
    assert clean_title(title + ".") == title  # nor does a headline end with a full stop


def test_a_headline_in_sentence_case_echoes_the_lead_below_it() -> None:
    """NeuS val: the title, in sentence case with a period, says in short what the lead says;
    as the digest's first sentence it had crowded out the three outlets' leads. A lead
    sentence above a second sentence that goes on to other things stays the text."""
    title = "Gary Cohn resigning as Trump’s top economic adviser."
    lead = (
        "President Trump’s top economic adviser resigned Tuesday, joining a growing list of "
        "departures from a White House some describe as wracked by chaos and low morale."
    )
    assert split_title(f"{title}\n{lead}") == (title, lead)
    # reworded: half its content words are the lead's (NeuS val_98)
    title = "Supreme Court protects cops from lawsuits in two qualified immunity cases."
    lead = (
        "The Supreme Court Monday issued two unsigned opinions applying qualified immunity to "
        "disputes over alleged excessive use of force by police officers, reversing lower court "
        "decisions that allowed the officers to be sued for their on-the-job conduct."
    )
    assert split_title(f"{title}\n{lead}") == (title, lead)
    first = "Pompeo met Putin in Sochi to discuss Iran."
    text = f"{first}\nThe talks in Sochi lasted three hours and touched on Iran and Syria."
    assert split_title(text)[0] == ""
    first = "Pompeo met Putin in Sochi on Tuesday."
    text = f"{first}\nThe talks lasted three hours and touched on Iran, Syria and Venezuela."
    assert split_title(text)[0] == ""


def test_a_hard_wrapped_lead_is_not_a_title() -> None:
    """Wire copy wrapped at 70 columns (a Multi-News article, wrapped): the first line runs on
    into the second, so it is the lead's start, not a headline; a headline above wrapped text
    still is one, with or without a blank line after it."""
    lead = (
        "WASHINGTON - An attorney for senior White House aide Jared Kushner said\n"
        "Thursday that Mr. Kushner would cooperate with any investigations into\n"
        "meetings he had with Russians, amid a federal probe into Russian\n"
        "interference in the 2016 presidential election, and would answer every\n"
        "question the investigators put to him about those meetings.\n"
    )
    assert split_title(lead) == ("", lead)
    # paragraphs indented, as newswire sets them: the first line was wrapped with its indent
    indented = "\n".join(
        textwrap.fill(p, 70, initial_indent="   ")
        for p in (
            "The Democratic National Committee (DNC) is calling for the suspension of Jared "
            "Kushner's security clearance while the senior White House adviser is under FBI "
            "scrutiny.",
            "DNC Chairman Tom Perez said in a statement that the scrutiny raised serious "
            "questions about whether Kushner should keep his access to the nation's secrets, "
            "and that the White House had to act before any more classified material was "
            "shared with him.",
        )
    )
    assert split_title(indented)[0] == ""
    for gap in ("\n", "\n\n"):
        title, body = split_title("Kushner to cooperate with Russia probes" + gap + lead)
        assert title == "Kushner to cooperate with Russia probes"
        assert body.strip() == lead.strip()


def test_a_first_line_whose_sentence_ends_in_a_name_below_is_not_a_title(
    multinews_csv: Path,
) -> None:
    """Multi-News 91 filled at 70 columns: a petition page's first line, "Thank you for
    supporting the campaign to make Juneteenth a National", over "Holiday." and a blank line,
    was taken for a title and titled the story; the line below ends the sentence with the end
    of a name. A lead below a headline says more ("Prices fell." keeps its title)."""
    from newsdigest.evaluate import read_dataset

    (doc,) = [d for d in read_dataset(multinews_csv)[0][91].documents if d.startswith("Thank you")]
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in doc.split("\n") if p.strip())
    assert wrapped.startswith(
        "Thank you for supporting the campaign to make Juneteenth a National\n"
    )
    assert split_title(wrapped) == ("", wrapped)
    kept = "Bitcoin falls below $6,000\nPrices fell.\n\nMore on it here."
    assert split_title(kept)[0] == "Bitcoin falls below $6,000"


def test_a_first_line_the_next_goes_on_with_in_lower_case_is_not_a_title() -> None:
    """Multi-News 109's review page had the digest's title "The San Diego Zoo Safari Park is
    absolutely" (over "incredible"); wrapped at 70 columns, texts too short to show their
    column lost their lead's start ("Keurig Green Mountain Inc. on Wednesday cut its guidance
    for the year" over "as earnings fell 4% ...") and a web-archive crawl notice was kept as
    an article; a drop cap ("T" over "he most likely person ...") titled its text "T"."""
    from newsdigest.clean import clean_article
    from newsdigest.ingest.text import text_article

    review = "The San Diego Zoo Safari Park is absolutely \n \n incredible \n \n ... \n \n staff"
    assert split_title(review) == ("", review)
    keurig = (
        "Keurig Green Mountain Inc. on Wednesday cut its guidance for the year\n"
        "as earnings fell 4% on low demand for its new brewing system.\n"
    )
    assert split_title(keurig) == ("", keurig)
    crawl = (
        "Starting in 1996, Alexa Internet has been donating their crawl data to\n"
        "the Internet Archive. Flowing in every day, these data are added to\n"
        "the Wayback Machine after an embargo period.\n"
    )
    assert clean_article(text_article(crawl, name="a.txt")).text == ""
    assert split_title("T\nhe most likely person to replace him is Rep. Tim Scott.") == (
        "",
        "The most likely person to replace him is Rep. Tim Scott.",
    )
    # a headline ends where it ends: a text that lost its first letter keeps its title (NeuS)
    lost = "Military UFO Reports to Be Made Public.\nhe public is going to find out more"
    assert split_title(lost)[0] == "Military UFO Reports to Be Made Public."
    assert split_title("Fed raises rates again\niPhone sales fell in March, Apple said.")[0]


def test_a_headline_the_wrapper_broke_over_two_lines_is_the_title() -> None:
    """Multi-News 145 wrapped at 70 columns: its headline, longer than a line, ran on into a
    second one and was taken for text, where unwrapped it had been the title (19 of the 250
    clusters lost their headlines so). A wrapped lead paragraph stays text."""
    paras = [
        "For First Time In 130 Years, More Young Adults Live With Parents Than With Partners",
        " For the first time in more than 130 years, Americans ages 18-34 are more likely to "
        "live with their parents than in any other living situation, according to a new "
        "analysis by the Pew Research Center.",
        " In that age group, 32.1 percent of people live in their parents' house, while 31.6 "
        "live with a spouse or partner in their own homes and 14 percent live alone, as single "
        "parents or in a home with roommates or renters.",
    ]
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in paras)
    title, body = split_title(wrapped)
    assert title == paras[0]
    assert body.lstrip().startswith("For the first time in more than 130 years")
    lead = "\n\n".join(textwrap.fill(p, 70) for p in paras[1:])
    assert split_title(lead) == ("", lead.lstrip())


# --- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_html_reader_on_seed_pages(
    tmp_path: Path, seed: Path, seed_articles: dict[str, Article]
) -> None:
    page = seed_page(seed)
    path = tmp_path / "page.html"
    path.write_text(news_page_html(page), encoding="utf-8")
    (art,) = list(iter_articles([path]))
    assert isinstance(art, Article), art
    assert art.title == " ".join(page.title.split()) or seed.name.startswith(("000", "002"))
    assert art.source == page.site
    assert art.url == page.url
    assert art.published == datetime(2019, 5, 14, 16, 30, tzinfo=timezone.utc)
    for marker in (*BOILERPLATE_MARKERS, *DEBRIS, "@ExampleNews", "Officials meet for talks"):
        assert marker not in art.text, marker
    # every paragraph the text reader keeps is in the page's extracted text too
    from_text = seed_articles[seed.name[:3]]
    missing = _paragraph_keys(from_text.text) - _paragraph_keys(art.text)
    if seed.name.startswith("002"):  # its first sentence is the page headline here
        missing -= {next(iter(_paragraph_keys(from_text.text.split("\n\n")[0])))}
    assert not missing


def test_html_dates_and_encodings(tmp_path: Path) -> None:
    page = Page(
        title="Переговоры в Сочи",
        paragraphs=(
            "Госсекретарь США Майк Помпео встретился во вторник в Сочи с президентом России Владимиром Путиным и министром иностранных дел Сергеем Лавровым.",
        )
        * 3,
        url="https://www.vesti.example.ru/news/1",
        published=None,
    )
    html = news_page_html(page, charset="windows-1251").replace(
        "</head>",
        '<script type="application/ld+json">{"datePublished": "2019-05-14T19:05:00+03:00"}</script></head>',
    )
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("cp1251"))
    (art,) = list(iter_articles([path]))
    assert isinstance(art, Article), art
    assert "Помпео встретился" in art.text and art.language == "ru"
    assert art.published == datetime(2019, 5, 14, 16, 5, tzinfo=timezone.utc)
    assert parse_datetime("2019-05-14") == datetime(2019, 5, 14, tzinfo=timezone.utc)
    assert parse_datetime("2019-05-14T10:00:00+0300") == datetime(
        2019, 5, 14, 7, tzinfo=timezone.utc
    )
    assert parse_datetime(1557849600) == datetime(2019, 5, 14, 16, tzinfo=timezone.utc)
    assert parse_datetime("last Tuesday") is None
    assert parse_datetime("Tue, 14 May 2019 10:00:00 GMT") == datetime(
        2019, 5, 14, 10, tzinfo=timezone.utc
    )
    assert parse_datetime("May 14, 2019 5:30 PM") == datetime(
        2019, 5, 14, 17, 30, tzinfo=timezone.utc
    )


@pytest.mark.parametrize(
    "layout", [news_page_html, div_soup_page_html], ids=["semantic", "div-soup"]
)
def test_short_brief_keeps_its_sentences_and_loses_the_comment_thread(
    tmp_path: Path, layout
) -> None:  # type: ignore[no-untyped-def]
    brief = (
        "Pompeo met Lavrov in Sochi on Tuesday for talks on arms control.",
        "The meeting lasted two hours, officials said.",
    )
    page = Page(title="Pompeo and Lavrov meet", paragraphs=brief, url="https://e.example.com/brief")
    path = tmp_path / "brief.html"
    path.write_text(layout(page), encoding="utf-8")
    (art,) = list(iter_articles([path]))
    assert isinstance(art, Article) and art.text.split("\n\n") == list(brief)


def _belanger_page(multinews_articles, charset: str, quotes: bool = False) -> str:
    """Multi-News 49's third document (the O Canada lyrics, "Bélanger" four times) as a news
    page declaring ``charset``; with ``quotes``, its apostrophes typeset as a CMS does."""
    (text,) = [a.text for _, a in multinews_articles(49, 50) if "Bélanger's" in a.text]
    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
    if quotes:
        paragraphs = tuple(p.replace("'", "\u2019") for p in paragraphs)
    page = Page(title="O Canada lyrics", paragraphs=paragraphs, url="https://news.example.ca/1")
    return news_page_html(page, charset=charset)


def test_a_page_whose_charset_label_its_bytes_do_not_fit_is_read_in_their_encoding(
    multinews_articles,
) -> None:
    """A Latin-1 page under ``<meta charset="utf-8">`` (a template's), or under a server's
    ``charset=utf-8`` with its own meta saying iso-8859-1, had kept U+FFFD for each accent
    ("B\ufffdlanger"); under a meta saying utf-16 it was "not HTML (no markup found)". A
    declaration the bytes do not decode in is wrong, as UnicodeDammit and trafilatura hold."""
    for charset, header in (("utf-8", None), ("iso-8859-1", "utf-8"), ("utf-16", None)):
        page = _belanger_page(multinews_articles, charset).encode("latin-1")
        art = extract_html(page, name="page.html", charset=header)
        assert isinstance(art, Article), (charset, art)
        assert art.text.count("Bélanger") == 4 and "\ufffd" not in art.text, charset
    # a UTF-8 page that says it is UTF-8, cut inside its last character: the rest kept whole
    page = _belanger_page(multinews_articles, "utf-8").encode("utf-8")
    cut = page[: page.index("Bélanger".encode()) + 2]
    art = extract_html(cut + b"</title><p>" + b"x " * 40, name="cut.html")
    assert isinstance(art, Article) and "\ufffd" not in art.text + (art.title or "")


def test_a_page_labelled_iso_8859_1_keeps_its_windows_1252_quotes(multinews_articles) -> None:
    """Browsers read an "iso-8859-1" (or "us-ascii") page as Windows-1252, as the Encoding
    Standard says; read as Latin-1 its curly quotes were control characters that the page's
    text lost unsaid ("Bélanger’s" stored as "Bélangers")."""
    page = _belanger_page(multinews_articles, "iso-8859-1", quotes=True).encode("cp1252")
    art = extract_html(page, name="page.html")
    assert isinstance(art, Article), art
    assert "Bélanger’s" in art.text and "’ve had for decades" in art.text
    art = extract_html(page, name="page.html", charset="us-ascii")
    assert isinstance(art, Article) and "Bélanger’s" in art.text


def test_html_without_main_text_is_an_error() -> None:
    err = extract_html(
        "<html><body><nav><a href='/'>Home</a></nav></body></html>", name="menu.html"
    )
    assert isinstance(err, InputError) and str(err).startswith("menu.html: no main text")
    err = extract_html("just some words, no markup at all", name="x.html")
    assert isinstance(err, InputError) and "not HTML" in str(err)


# --- JSON Lines / JSON ---------------------------------------------------------------------


def test_jsonl_reader_keeps_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    texts = [a.read_text(encoding="utf-8") for a in SEED_FILES[:3]]
    lines = [
        json.dumps({"id": "a", "url": "https://www.tass.com/1", "title": "Talks in Sochi", "text": texts[0],
                    "published": "2019-05-14T12:00:00Z", "source": "TASS"}),
        '{"text": "broken", ',  # malformed
        "",
        json.dumps({"text": texts[1]}),  # only text is required
        json.dumps({"title": "no text"}),
        json.dumps({"maintext": texts[2], "date_publish": "2019-05-14 10:00:00",
                    "source_domain": "vestnikkavkaza.net"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Talks in Sochi ended without a deal.", "published": "yesterday-ish"}),
    ]  # fmt: skip
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    # a record's own id is its origin (as the web API keeps it), else file and line
    assert [a.origin for a in arts] == ["a", f"{path}:4", f"{path}:6", f"{path}:8"]
    assert (
        arts[0].source == "TASS"
        and arts[0].url == "https://www.tass.com/1"
        and arts[0].title == "Talks in Sochi"
    )
    assert arts[0].published == datetime(2019, 5, 14, 12, tzinfo=timezone.utc)
    assert arts[1].source is None and arts[1].published is None
    assert arts[2].source == "vestnikkavkaza.net"
    assert arts[2].published == datetime(2019, 5, 14, 10, tzinfo=timezone.utc)
    assert "OREANDA" not in arts[0].text  # cleaned
    reasons = {e.name: e.reason for e in errs}
    assert reasons[f"{path}:2"].startswith("invalid JSON")
    assert "'text' is missing" in reasons[f"{path}:5"]
    assert "not an object" in reasons[f"{path}:7"]
    assert arts[3].published is None  # "yesterday-ish": the date is dropped, not the article
    assert all("\n" not in str(e) for e in errs)


def test_json_array_and_wcep_cluster(tmp_path: Path) -> None:
    text = SEED_FILES[3].read_text(encoding="utf-8")
    arr = tmp_path / "articles.json"
    arr.write_text(
        json.dumps([{"text": text, "url": "https://a.example/x"}, {"text": ""}]), encoding="utf-8"
    )
    cluster = tmp_path / "wcep.jsonl"
    cluster.write_text(
        json.dumps({"id": 7, "summary": "s", "articles": [{"text": text, "time": "2019-12-10"}]})
        + "\n",
        encoding="utf-8",
    )
    arts, errs = _split(list(iter_articles([arr, cluster])))
    assert [a.url for a in arts] == ["https://a.example/x", None]
    assert arts[1].published == datetime(2019, 12, 10, tzinfo=timezone.utc)
    assert [e.name for e in errs] == [f"{arr}[1]"]


# --- WARC ----------------------------------------------------------------------------------


def _warc_batch(tmp_path: Path, gz: bool) -> tuple[Path, list[str], list[Page]]:
    pages = [seed_page(p) for p in SEED_FILES]
    records = [WarcRecord(p.url, news_page_html(p).encode("utf-8")) for p in pages]
    records.insert(
        2, WarcRecord("https://img.example.com/photo.jpg", b"\xff\xd8\xff\xe0" * 500, "image/jpeg")
    )
    records.insert(
        3, WarcRecord("https://example.com/menu", b"<html><body><nav>Home</nav></body></html>")
    )
    undated = Page(
        title="Undated",
        paragraphs=pages[3].paragraphs,
        url="https://undated.example.org/a",
        published=None,
    )
    records.append(
        WarcRecord(undated.url, news_page_html(undated).encode(), date="2019-12-10T15:00:00Z")
    )
    path = tmp_path / ("cc-news.warc.gz" if gz else "cc-news.warc")
    ids = write_warc(path, records, gzip=gz)
    truncate_record(path, 4, ids)  # the 002 page, in the middle of the file
    return path, ids, pages


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_reader_reports_bad_records_and_reads_the_rest(tmp_path: Path, gz: bool) -> None:
    path, ids, pages = _warc_batch(tmp_path, gz)
    arts, errs = _split(list(iter_articles([path])))
    assert [a.url for a in arts] == [pages[0].url, pages[1].url, pages[3].url, pages[4].url,
                                     "https://undated.example.org/a"]  # fmt: skip
    assert [a.origin for a in arts] == [ids[0], ids[1], ids[5], ids[6], ids[7]]
    assert arts[0].source == pages[0].site and arts[0].language == "en"
    assert arts[0].published == datetime(2019, 5, 14, 16, 30, tzinfo=timezone.utc)
    assert arts[-1].published == datetime(2019, 12, 10, 15, tzinfo=timezone.utc)  # WARC-Date
    for art in arts:
        for marker in (*BOILERPLATE_MARKERS, "Check Also", "t.co/"):
            assert marker not in art.text
    assert len(errs) == 3, errs
    by_record = {e.name.split(": record ")[1].split(" ")[0]: e.reason for e in errs}
    assert by_record[ids[2]] == "not HTML (image/jpeg)"
    assert by_record[ids[3]].startswith("no main text")
    assert by_record[ids[4]].startswith("truncated")
    for err in errs:
        assert str(err).startswith(f"{path}: record <urn:uuid:") and "\n" not in str(err)
        assert str(err).isprintable()


def test_warc_payload_type_from_common_crawl_identification(tmp_path: Path) -> None:
    page = seed_page(SEED_FILES[4])
    html = news_page_html(page).encode()
    path = tmp_path / "types.warc.gz"
    ids = write_warc(
        path,
        [
            WarcRecord(page.url, html, "application/octet-stream", identified_type="text/html"),
            WarcRecord(page.url + "?2", html, ""),  # no type at all: the payload is sniffed
            WarcRecord("https://x.org/feed", b"<?xml version='1.0'?><rss/>", "text/plain",
                       identified_type="application/rss+xml"),
        ],
    )  # fmt: skip
    items = list(iter_articles([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "InputError"]
    assert items[0].origin == ids[
        0
    ] and "not HTML (text/plain, identified as application/rss+xml)" in str(items[2])


def test_warc_truncated_at_the_end_and_garbage(tmp_path: Path) -> None:
    page = seed_page(SEED_FILES[1])
    path = tmp_path / "cut.warc.gz"
    ids = write_warc(path, [WarcRecord(page.url, news_page_html(page).encode())] * 2)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 1500])  # the download stopped inside the last record
    arts, errs = _split(list(iter_articles([path])))
    assert len(arts) == 1 and arts[0].origin == ids[0]
    assert len(errs) == 1 and ids[1] in errs[0].name and "truncated" in errs[0].reason
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(gzip.compress(b"this is not a web archive\n" * 50))
    (err,) = list(iter_articles([junk]))
    assert isinstance(err, InputError) and err.reason.startswith("not a WARC file")


# --- bad input -----------------------------------------------------------------------------


def _one_error(path: Path | str) -> InputError:
    items = list(iter_articles([path]))
    assert len(items) == 1 and isinstance(items[0], InputError), items
    assert "\n" not in str(items[0]) and str(items[0]).startswith(f"{path}: ")
    return items[0]


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.html", "empty.jsonl", "empty.json", "empty.warc.gz"):
        (tmp_path / name).write_bytes(b"")
        assert _one_error(tmp_path / name).reason == "empty file"
    (tmp_path / "blank.txt").write_text("  \n\n \t\n")
    assert _one_error(tmp_path / "blank.txt").reason.startswith("empty file")


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    for name in ("image.txt", "image.html", "image.jsonl"):
        (tmp_path / name).write_bytes(png)
        assert _one_error(tmp_path / name).reason.startswith("binary file")
    (tmp_path / "mystery.bin").write_bytes(png)  # named explicitly: sniffed, then refused
    assert "unsupported file type" in _one_error(tmp_path / "mystery.bin").reason


def test_invalid_utf8(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(
        "Réunion à Sotchi\n\nLe secrétaire d'État américain a rencontré le président russe à Sotchi, "
        "où les deux délégations ont discuté de l'Iran, du Venezuela et de la Corée du Nord.".encode(
            "cp1252"
        )
    )
    (art,) = list(iter_articles([latin]))
    assert isinstance(art, Article) and art.title == "Réunion à Sotchi" and art.language == "fr"
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(b % 127 + 129 for b in os.urandom(4000)))
    err = _one_error(junk)
    assert "invalid UTF-8" in err.reason or "not text" in err.reason


def test_50_mb_html_page_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    chunk = b"<p>" + b"Pompeo met Lavrov in Sochi. " * 100 + b"</p>\n"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    tracemalloc.start()
    err = _one_error(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert err.reason == "file too large (50.0 MB > 20 MB limit)"
    assert peak < 5 * 1024 * 1024


def test_size_limits_apply_per_record_in_archives_and_json_lines(tmp_path: Path) -> None:
    page = seed_page(SEED_FILES[3])
    small = Page(
        title="Brief",
        paragraphs=(
            "Pompeo met Lavrov in Sochi on Tuesday for talks on arms control.",
            "The meeting lasted two hours, and both sides called it useful, officials said.",
        ),
        url="https://e.example.com/b",
    )
    warc = tmp_path / "mixed.warc.gz"
    ids = write_warc(
        warc,
        [
            WarcRecord(page.url, news_page_html(page).encode() * 3),
            WarcRecord(small.url, news_page_html(small).encode()),
        ],
    )
    items = list(iter_articles([warc], max_bytes=8 * 1024))
    assert (
        isinstance(items[0], InputError)
        and items[0].reason == "record too large (over the 8 KB limit)"
    )
    assert ids[0] in items[0].name and isinstance(items[1], Article) and items[1].origin == ids[1]
    lines = tmp_path / "long.jsonl"
    lines.write_text(
        json.dumps({"text": "x " * 9000}) + "\n" + json.dumps({"text": small.paragraphs[0]}) + "\n"
    )
    items = list(iter_articles([lines], max_bytes=8 * 1024))
    assert str(items[0]) == f"{lines}:1: line too long (over the 8 KB limit)"
    assert isinstance(items[1], Article) and items[1].origin == f"{lines}:2"


def test_malformed_json_lines_keep_the_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": SEED_FILES[2].read_text(encoding="utf-8")})
    path.write_text(f"{good}\n{{oops\n{good[:-5]}\n{good}\n", encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert len(arts) == 2
    assert [e.name for e in errs] == [f"{path}:2", f"{path}:3"]
    assert all(e.reason.startswith("invalid JSON") for e in errs)


def test_folder_with_no_articles_and_missing_path(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "notes.md").write_text("# not an article format")
    assert (
        _one_error(folder).reason
        == "no articles found (no .txt, .html, .json(l), .warc or .sgml files)"
    )
    (folder / "empty.txt").write_text("")
    items = list(iter_articles([folder]))
    assert [str(i) for i in items] == [
        f"{folder / 'empty.txt'}: empty file",
        f"{folder}: no articles found in 1 supported file",
    ]
    (folder / "blank.txt").write_text("")
    assert str(list(iter_articles([folder]))[-1]) == (
        f"{folder}: no articles found in 2 supported files"
    )
    assert _one_error(tmp_path / "nope.txt").reason == "no such file or directory"


def test_a_batch_goes_on_after_every_kind_of_bad_input(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.html").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c_bad.jsonl").write_text("{nope\n")
    (tmp_path / "d_good.txt").write_text(
        SEED_FILES[4].read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "e_skip.csv").write_text("a,b\n1,2\n")
    page = seed_page(SEED_FILES[1])
    html = news_page_html(page).encode()
    crawl = tmp_path / "f_crawl.warc.gz"
    ids = write_warc(
        crawl,
        [WarcRecord(page.url, html), WarcRecord("https://x.org/a.pdf", b"%PDF-1.4", "application/pdf"),
         WarcRecord(page.url + "?amp", html)],
    )  # fmt: skip
    truncate_record(crawl, 2, ids)
    result = load_articles([tmp_path, tmp_path / "missing.json"])
    assert isinstance(result, LoadResult)
    assert [a.source for a in result.articles] == [None, page.site]
    assert [str(e).split(":")[0].rsplit("/", 1)[-1] for e in result.errors] == [
        "a_empty.txt",
        "b_binary.html",
        "c_bad.jsonl",
        "f_crawl.warc.gz",
        "f_crawl.warc.gz",
        "missing.json",
    ]
    assert "not HTML (application/pdf)" in str(result.errors[3])
    assert ids[2] in str(result.errors[4]) and "truncated" in str(result.errors[4])


# --- load_articles: paths, Article objects, texts ----------------------------------------------


def test_load_articles_input_rule(tmp_path: Path, seed_articles: dict[str, Article]) -> None:
    text = SEED_FILES[0].read_text(encoding="utf-8")
    title, body = SEED_FILES[3].read_text(encoding="utf-8").split("\n", 1)
    raw = Article(id="raw", text=f"Home / World / {title}\n\n{title}\n{body}", title=title)
    result = load_articles(
        [SEED_FILES[1], str(SEED_FILES[2]), text, raw, "missing-file.txt", "", 42]
    )  # type: ignore[list-item]
    assert [a.origin for a in result.articles[:2]] == [str(SEED_FILES[1]), str(SEED_FILES[2])]
    assert (
        result.articles[2].text == seed_articles["000"].text
        and result.articles[2].origin == "<text 3>"
    )
    assert result.articles[3].text == seed_articles["003"].text  # crumbs, repeated title gone
    assert [str(e) for e in result.errors] == [
        "missing-file.txt: no such file or directory",
        "<text 6>: empty text",
        "<input 7>: not a path, text or Article (int)",
    ]
    # a clean Article passes through unchanged
    again = load_articles(result.articles)
    assert again.articles == result.articles


def test_named_file_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = seed_page(SEED_FILES[3])
    (tmp_path / "page.php").write_text(news_page_html(page), encoding="utf-8")
    (tmp_path / "feed.dat").write_text(
        json.dumps({"text": SEED_FILES[1].read_text(encoding="utf-8")}) + "\n"
    )
    (tmp_path / "note").write_text(SEED_FILES[4].read_text(encoding="utf-8"), encoding="utf-8")
    write_warc(tmp_path / "crawl.bin", [WarcRecord(page.url, news_page_html(page).encode())])
    result = load_articles(sorted(tmp_path.iterdir()))
    assert not result.errors
    assert sorted(a.url or a.origin or "" for a in result.articles) == sorted(
        [page.url, page.url, f"{tmp_path / 'feed.dat'}:1", str(tmp_path / "note")]
    )
    # inside a folder the same files are skipped: only supported extensions are read
    assert load_articles([tmp_path]).errors[0].reason.startswith("no articles found")


# --- properties ------------------------------------------------------------------------------

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".warc", ".warc.gz", ".jsonl.gz", ".txt.gz", ".xyz"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.text(max_size=2000).map(lambda t: gzip.compress(t.encode("utf-8", "surrogatepass"))),
        st.binary(max_size=2000).map(lambda b: gzip.compress(b)[: 10 + len(b) // 3]),
        st.sampled_from(
            [b"WARC/1.0\r\nWARC-Type: response\r\n\r\n", b"\x1f\x8b\x08\x00junk", b'{"text": 1}']
        ),
    ),
    suffix=st.sampled_from(SUFFIXES),
)
def test_readers_never_raise_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        for item in iter_articles([path]):
            assert isinstance(item, Article | InputError)
            if isinstance(item, InputError):
                assert "\n" not in str(item) and str(item).startswith(str(path))
            else:
                assert item.text.strip() and item.id == article_id(item.text)


def _three_page_warc(gz: bool) -> tuple[bytes, dict[str, int]]:
    """WARC bytes and, per response record id, the offset where that record ends."""
    from warcio.archiveiterator import ArchiveIterator

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.warc"
        pages = [seed_page(p) for p in SEED_FILES[2:5]]
        write_warc(path, [WarcRecord(p.url, news_page_html(p).encode()) for p in pages], gzip=gz)
        ends = {}
        with path.open("rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type == "response":
                    rid = record.rec_headers.get_header("WARC-Record-ID")
                    ends[rid] = it.get_record_offset() + it.get_record_length()
        return path.read_bytes(), ends


_WARCS = {gz: _three_page_warc(gz) for gz in (True, False)}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gz=st.booleans(), cut=st.floats(0.05, 0.999), flips=st.lists(st.integers(0, 10**6), max_size=3)
)
def test_damaged_warc_never_raises_and_keeps_intact_records(
    gz: bool, cut: float, flips: list[int]
) -> None:
    data, ends = _WARCS[gz]
    size = int(len(data) * cut)
    damaged = bytearray(data[:size])
    for pos in flips:  # flip a few bytes somewhere in what is left
        if damaged:
            damaged[pos % len(damaged)] ^= 0xFF
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("crawl.warc.gz" if gz else "crawl.warc")
        path.write_bytes(bytes(damaged))
        items = list(iter_articles([path]))
    assert items and all(isinstance(i, Article | InputError) for i in items)
    assert all("\n" not in str(i) for i in items if isinstance(i, InputError))
    if not flips:  # a clean cut: exactly the records that end before it are read
        origins = [i.origin for i in items if isinstance(i, Article)]
        # (a gzip member cut only in its 8-byte CRC trailer still holds the whole record)
        must = [rid for rid, end in ends.items() if end <= size]
        may = [rid for rid, end in ends.items() if end <= size + (8 if gz else 0)]
        assert origins in (must, may)


def test_gzip_compressed_inputs(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEED_FILES]
    lines = "".join(
        json.dumps({"text": t, "url": f"https://e.com/{i}"}) + "\n" for i, t in enumerate(texts)
    )
    folder = tmp_path / "dump"
    folder.mkdir()
    (folder / "articles.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    (folder / "note.txt.gz").write_bytes(gzip.compress(texts[3].encode()))
    arts, errs = _split(list(iter_articles([folder])))
    assert not errs and len(arts) == 6
    assert (
        arts[-1].title
        == "Mike Pompeo and Sergey Lavrov hold a joint press conference in Washington"
    )
    cut = tmp_path / "cut.jsonl.gz"
    packed = gzip.compress(lines.encode())
    cut.write_bytes(packed[: len(packed) * 2 // 3])  # a download that stopped
    arts, errs = _split(list(iter_articles([cut])))
    assert 1 <= len(arts) < 5 and len(errs) == 1 and "truncated or corrupt gzip" in errs[0].reason
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * (3 * 1024 * 1024)))
    (err,) = list(iter_articles([bomb], max_bytes=1024 * 1024))
    assert (
        isinstance(err, InputError)
        and err.reason == "file too large (over the 1 MB limit once decompressed)"
    )


# real paragraphs of the seeds (without the dateline paragraph, whose "MOSCOW – " goes)
_SEED_PARAGRAPHS = sorted(
    {
        p
        for key in ("002", "003", "004")
        for p in seed_page(next(SEEDS.glob(f"{key}_*.txt"))).paragraphs
        if len(p) > 80 and not p.startswith("MOSCOW")
    }
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paragraphs=st.lists(st.sampled_from(_SEED_PARAGRAPHS), min_size=2, max_size=6, unique=True),
    layout=st.sampled_from(["semantic", "div-soup"]),
    tweet=st.booleans(),
    site=st.sampled_from(["The Daily Courier", "Kavkaz Post", "Sahar News"]),
)
def test_generated_pages_read_back_to_exactly_their_paragraphs(
    paragraphs: list[str], layout: str, tweet: bool, site: str
) -> None:
    page = Page(
        title="Talks between Russia and the US",
        paragraphs=tuple(paragraphs),
        url="https://n.example.com/a",
        site=site,
    )
    html = news_page_html(page, tweet=tweet) if layout == "semantic" else div_soup_page_html(page)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_text(html, encoding="utf-8")
        (art,) = list(iter_articles([path]))
    assert isinstance(art, Article), art
    expected = [" ".join(p.split()) for p in paragraphs]
    assert art.text.split("\n\n") == expected
    assert art.title == page.title
    assert art.source == site  # div-soup: from "<title>Headline - Site</title>"


ALEXA_NOTICE = (
    "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
    "Archive. Flowing in every day, these data are added to the Wayback Machine after an "
    "embargo period."
)
PLAYER = (
    "The interactive transcript could not be loaded. \n \n Rating is available when the video "
    "has been rented. \n \n This feature is not available right now. Please try again later."
)
SIGN_IN = (
    "Sign in using you account with: {* loginWidget *} \n \n Welcome back. Please sign in \n \n "
    "Why are we asking this? \n \n Already have an account? \n \n Thank you for registering! \n \n "
    "We look forward to seeing you on [website] frequently. Visit us and sign in to update "
    "your profile, receive the latest news and keep up to date with mobile alerts."
)


def test_pages_that_are_not_articles_are_rejected_with_their_kind(tmp_path: Path) -> None:
    """Multi-News pages a crawler got instead of the article: rejected, saying what they are;
    a short real brief, and an article with a player message inside, are kept."""
    article = SEED_FILES[0].read_text(encoding="utf-8")
    brief = "Sylvester Stallone said on Sunday he would not chair the National Endowment."
    lines = [
        json.dumps({"url": "u/alexa", "text": ALEXA_NOTICE}),
        json.dumps({"url": "u/player", "text": PLAYER}),
        json.dumps({"url": "u/sign-in", "text": SIGN_IN}),
        json.dumps({"url": "u/brief", "text": brief}),
        json.dumps({"url": "u/article", "text": PLAYER + "\n\n" + article}),
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert {e.name: e.reason for e in errs} == {
        f"{path}:1": "not an article: web-archive crawl notice",
        f"{path}:2": "not an article: video player message",
        f"{path}:3": "not an article: sign-in form",
    }
    assert [a.url for a in arts] == ["u/brief", "u/article"]
    assert "Rating is available" not in arts[1].text and len(arts[1].text) > 0.8 * len(article)


# --- TREC-style SGML newswire (DUC 2004, TDT) ----------------------------------------------

_DUC_DOC = """<DOC>
<DOCNO> APW19981016.0240 </DOCNO>
<DOCTYPE> NEWS </DOCTYPE>
<DATE_TIME> 10/16/1998 23:04:00 </DATE_TIME>
<BODY>
<HEADLINE> Pinochet arrested in London </HEADLINE>
<TEXT>
<P>
   LONDON (AP) -- Former Chilean dictator Gen. Augusto Pinochet has been
arrested by British police on a Spanish extradition warrant, a police
spokesman said Saturday.
</P>
<P>
   Pinochet, 82, was arrested late Friday at the London Clinic, where he
had undergone back surgery last week, the spokesman said. Spain &amp; Chile
disagree.
</P>
</TEXT>
</BODY>
</DOC>
"""
_TDT_DOCS = """<DOC>
<DOCNO> NYT19981017.0017 </DOCNO>
<TEXT>
Chile protested the arrest of its former ruler, saying he traveled to Britain
on a diplomatic passport and should be immune from arrest.
</TEXT>
</DOC>
<DOC>
<DOCNO> XIE19981018.0005 </DOCNO>
<TEXT>
</TEXT>
</DOC>
"""


def test_duc_and_tdt_sgml_files_are_read_as_newswire(tmp_path: Path) -> None:
    cluster = tmp_path / "d30001t"
    cluster.mkdir()
    (cluster / "APW19981016.0240").write_text(_DUC_DOC, encoding="utf-8")
    (cluster / "NYT19981017.tdt.sgml").write_text(_TDT_DOCS, encoding="utf-8")
    (cluster / "README").write_text("not newswire", encoding="utf-8")  # no suffix: skipped
    result = load_articles([cluster])
    apw, nyt = result.articles
    assert apw.title == "Pinochet arrested in London" and apw.source == "Associated Press"
    assert "<" not in apw.text and "Spain & Chile disagree." in apw.text
    assert apw.text.startswith("Former Chilean dictator")  # the dateline goes, as for any text
    assert "warrant, a police spokesman said Saturday." in apw.text  # wrapped lines joined
    assert apw.published is not None and apw.published.date().isoformat() == "1998-10-16"
    assert nyt.source == "New York Times" and nyt.published.date().isoformat() == "1998-10-17"
    (empty,) = result.errors
    assert empty.name.endswith("NYT19981017.tdt.sgml:XIE19981018.0005")
    assert empty.reason == "no <TEXT> in the document"


# as the New York Times service's copy is archived in DUC 2004 and TDT: a headline in capitals,
# the dateline's dash typed as an underscore, quotations in typewriter marks, typesetting codes,
# the syndicate's sign-off and the wire's time stamp
_NYT_DOC = """<DOC>
<DOCNO> NYT19981017.0123 </DOCNO>
<DATE_TIME> 10/17/1998 14:20 </DATE_TIME>
<BODY>
<HEADLINE>
PINOCHET ARRESTED IN LONDON ON SPANISH WARRANT
</HEADLINE>
<TEXT>
   SANTIAGO, Chile _ Gen. Augusto Pinochet, the former Chilean dictator, was
arrested by British police on Friday night at a private hospital in London
on a warrant from a Spanish judge.
   Chile's foreign minister, Jose Miguel Insulza, said the arrest violated
Pinochet's diplomatic immunity.
   ``This is a very serious matter for Chile,'' Insulza said. &QL;
   Story Filed By Cox Newspapers
   NYT-10-17-98 1420EDT
</TEXT>
</BODY>
</DOC>
"""


def test_wire_copy_conventions_read_as_a_reader_expects(tmp_path: Path) -> None:
    from newsdigest import digest

    (tmp_path / "NYT19981017.0123").write_text(_NYT_DOC, encoding="utf-8")
    (tmp_path / "APW19981016.0240").write_text(
        _DUC_DOC.replace("(AP) --", "(AP) _"), encoding="utf-8"
    )
    nyt, apw = sorted(load_articles([tmp_path]).articles, key=lambda a: a.source or "")[::-1]
    assert nyt.title == "Pinochet arrested in London on Spanish warrant"
    assert nyt.text.startswith("Gen. Augusto Pinochet, the former Chilean dictator")
    assert apw.text.startswith("Former Chilean dictator")
    assert nyt.text.endswith("“This is a very serious matter for Chile,” Insulza said.")
    story = digest([nyt])
    assert story.facts is not None
    (quote,) = story.facts.quotes
    assert quote.text.startswith("This is a very serious matter")
    assert quote.speaker == "Jose Miguel Insulza"


def test_more_neus_headlines_are_titles() -> None:
    """NeuS train: the lead's first sentence is read past "Sen." (it had ended there, and the
    headline shared nothing with "Sen."), and a function word capitalized inside a line is
    Title Case whatever the short text below writes in lower case."""
    title = "McCain to vote no on ObamaCare repeal."
    lead = (
        "Sen. John McCain (R-Ariz.) on Friday announced that he will vote against the latest "
        "proposal to repeal ObamaCare, potentially dooming the legislation."
    )
    assert split_title(f"{title}\n{lead}")[0] == title
    title = "John McCain: ‘I Cannot In Good Conscience Vote’ For The GOP Obamacare Repeal Bill."
    lead = "He basically just killed Republicans’ effort to gut the Affordable Care Act. Again."
    assert split_title(f"{title}\n{lead}")[0] == title
    # a feed's stop after the headline's own question mark (NeuS val)
    title = "In U.S. Senate battle in Texas O'Rourke gets tough, but is it too late?."
    lead = "It was no more Mr. Nice Guy for Beto O’Rourke."
    assert split_title(f"{title}\n{lead}")[0] == title
    # not prose's quotation, stopped outside its marks (a hostile pass)
    prose = 'Asked whether he would resign, the prime minister replied: "Absolutely not!".'
    assert split_title(f"{prose}\n\nBoris Johnson faced questions in Parliament.")[0] == ""


def test_trec_wire_copy_with_indented_paragraphs_reads_as_its_paragraphs(tmp_path: Path) -> None:
    """DUC 2004 and TDT copy: no <P> tags, no blank lines, each paragraph's first line
    indented. The reader had stripped the indents, so lines opening with a capital became
    paragraphs of their own ("Saturday of attempted murder ...", a reader's timeline line)."""
    paras = [
        "Michael Dunn, who shot and killed Jordan Davis, made phone calls from jail in which he "
        "insisted that he was the one who was victimized in the deadly shooting.",
        "According to a transcript of the released audio, Dunn told his fiancee Rhonda Rouer "
        "that he felt attacked when he fired 10 shots at a car of teenagers outside a "
        "Jacksonville store.",
        "Dunn was convicted on Saturday of attempted murder for shooting into a car carrying "
        "four teenagers, and a jury could not agree on the murder charge itself.",
        "The jury deliberated for more than 30 hours over four days before returning its "
        "verdict on Saturday, State Attorney Angela Corey said at a news conference in "
        "Jacksonville.",
    ]
    body = "\n".join(textwrap.fill(p, 68, initial_indent="   ") for p in paras)
    doc = f"<DOC>\n<DOCNO> APW19990101.0001 </DOCNO>\n<TEXT>\n{body}\n</TEXT>\n</DOC>\n"
    (tmp_path / "APW19990101.0001").write_text(doc, encoding="utf-8")
    (article,) = load_articles([tmp_path]).articles
    assert article.text.split("\n\n") == paras


def test_a_section_label_and_a_headline_are_a_title() -> None:
    """NeuS: "OPINION: Andy Puzder's Labor To-Do List." above its lead stayed text (37 such)."""
    title = "OPINION: Andy Puzder’s Labor To-Do List."
    lead = "Trump nominates a CEO who puts workers before unions."
    assert split_title(f"{title}\n{lead}") == (title, lead)


def test_a_short_line_over_a_much_longer_one_is_a_headline_over_its_lead() -> None:
    """NeuS: its headlines in sentence case with a period had become digest sentences (a
    reader's first complaint: three of one digest's sentences were headlines); a text of two
    lines, a short one over one at least twice as long, is a headline and its lead. Not a
    bulletin over its copyright line, a lead over more paragraphs or over one more sentence,
    nor a line with what leads have and headlines not (a hostile pass: two-paragraph texts had
    lost their leads): an attribution, a quotation, a day, a dateline, an article first."""
    title = "Progressives erupt over FCC proposal to repeal Obama-era net neutrality rules."
    lead = (
        "Federal Communications Commission Chairman Ajit Pai unveiled plans to dismantle the "
        "Obama administration’s net neutrality rules, prompting cheers from Republicans and "
        "outrage from the left."
    )
    assert split_title(f"{title}\n{lead}") == (title, lead)
    bulletin = "LAKE FOREST, Ill. — Chicago Bears fire coach John Fox after 5-11 season."
    notice = (
        "Copyright 2018 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed."
    )
    assert split_title(f"{bulletin}\n{notice}")[0] == ""
    assert split_title(f"{title}\n{lead}\nThe vote is set for December.")[0] == ""
    for first in (
        "The death toll from the earthquake in Turkey has risen to 1,200, officials said.",
        '"We are digging with our bare hands," said a resident of Antakya.',
        "Police arrested a man Tuesday after a six-hour standoff in Dayton.",
        "WASHINGTON (AP) — The Senate passed the spending bill late Friday night.",
        "Two people were killed. Three more were hurt in the blast.",
        "Here is what we know so far about the shooting at the mall:",
        "If the rains keep up, farmers in the valley will lose their crop.",
    ):
        assert split_title(f"{first}\n{lead} {lead}")[0] == "", first
    # an abbreviation is no second sentence (a hostile pass: 132 NeuS headlines)
    sen = "Sen. Kamala Harris drops out of Democratic race for president"
    assert split_title(f"{sen}.\n{lead}")[0] == f"{sen}."


def test_headlinese_over_a_lead_as_long_is_a_headline() -> None:
    """NeuS: "Trump caves on shutdown, endorses reopening government for 3 weeks." over a lead
    of 19 words, and "Trump taps Texas’ Rick Perry ..." over one of 12, were digest sentences;
    a name and a verb in the present tense over a lead as long is a headline. A sentence of
    prose over its lead, or over a shorter line, stays text."""
    caves = "Trump caves on shutdown, endorses reopening government for 3 weeks."
    lead = (
        "The president announced on Friday that he’d sign a short-term spending bill without "
        "money for the wall."
    )
    assert split_title(f"{caves}\n{lead}") == (caves, lead)
    taps = "Trump taps Texas’ Rick Perry for agency Perry vowed to eliminate."
    perry = "Perry will now lead a federal agency he doesn’t think should exist."
    assert split_title(f"{taps}\n{perry}") == (taps, perry)
    assert split_title(f"{caves}\nThe president agreed.")[0] == ""
    prose = "The storm knocked out power across the county for two days."
    assert split_title(f"{prose}\n{lead}")[0] == ""
    across = "Storms across the Midwest knocked out power for two days."
    assert split_title(f"{across}\n{lead}")[0] == ""


# as DUC 2001 and 2002 archive the Associated Press (the TREC disks): the headline in <HEAD>,
# the byline and dateline in fields of their own, the day only in the id; and the New York
# Times service's copy of DUC 2004, its furniture as paragraphs of the <TEXT>
_TREC_AP_DOC = """<DOC>
<DOCNO> AP880911-0016 </DOCNO>
<FILEID>AP-NR-09-11-88 0423EDT</FILEID>
<FIRST>r i AM-HurricaneGilbert 09-11 0339</FIRST>
<SECOND>AM-Hurricane Gilbert,0348</SECOND>
<HEAD>Hurricane Gilbert Heads Toward Dominican Coast</HEAD>
<BYLINE>By RUDDY GONZALEZ</BYLINE>
<BYLINE>Associated Press Writer</BYLINE>
<DATELINE>SANTO DOMINGO, Dominican Republic (AP) </DATELINE>
<TEXT>
   Hurricane Gilbert swept toward the Dominican Republic Sunday, and the Civil
Defense alerted its heavily populated south coast to prepare for high winds,
heavy rains and high seas.
   The storm was approaching from the southeast with sustained winds of 75 mph
gusting to 92 mph.
</TEXT>
</DOC>
"""
_NYT_FURNITURE_DOC = """<DOC>
<DOCNO> NYT19981016.0001 </DOCNO>
<BODY>
<HEADLINE> BRITISH POLICE ARREST PINOCHET </HEADLINE>
<TEXT>
<P>
   LONDON _ British police arrested Gen. Augusto Pinochet, the former
Chilean dictator, at a private clinic here late Friday on a warrant
issued by a Spanish judge.
</P>
<P>
   (STORY CAN END HERE. OPTIONAL 2ND TAKE FOLLOWS.)
</P>
<P>
   The British Home Office said it would consider an extradition
request from Spain within 40 days.
</P>
<P>
   c.1998 N.Y. Times News Service
</P>
<P>
   ENDIT
</P>
</TEXT>
</BODY>
</DOC>
"""


def test_trec_disk_and_nyt_service_copy_read_without_their_furniture(tmp_path: Path) -> None:
    """The AP copy of the TREC disks had no title (its headline is a <HEAD>), no outlet and no
    day (its id, "AP880911-0016", names them in six digits); the NYT copy's "ENDIT" end mark
    had been its text's last paragraph."""
    (tmp_path / "AP880911-0016").write_text(_TREC_AP_DOC, encoding="utf-8")
    (tmp_path / "NYT19981016.0001").write_text(_NYT_FURNITURE_DOC, encoding="utf-8")
    ap, nyt = load_articles([tmp_path]).articles
    assert ap.title == "Hurricane Gilbert Heads Toward Dominican Coast"
    assert ap.source == "Associated Press"
    assert ap.published == datetime(1988, 9, 11, tzinfo=timezone.utc)
    assert ap.text.startswith("Hurricane Gilbert swept toward the Dominican Republic Sunday")
    assert nyt.text.split("\n\n") == [
        "British police arrested Gen. Augusto Pinochet, the former Chilean dictator, at a "
        "private clinic here late Friday on a warrant issued by a Spanish judge.",
        "The British Home Office said it would consider an extradition request from Spain "
        "within 40 days.",
    ]


def test_a_txt_file_of_newswire_sgml_is_read_as_newswire(tmp_path: Path) -> None:
    """A DUC document saved with a .txt suffix had been one article whose text was its tags,
    ids and headers ("<DOCNO> NYT19981016.0001 </DOCNO>" its first paragraph)."""
    (tmp_path / "d30001t.txt").write_text(_TREC_AP_DOC + _NYT_FURNITURE_DOC, encoding="utf-8")
    ap, nyt = load_articles([tmp_path / "d30001t.txt"]).articles
    assert ap.title == "Hurricane Gilbert Heads Toward Dominican Coast"
    assert nyt.source == "New York Times" and nyt.title == "British police arrest Pinochet"
    assert "<" not in ap.text + nyt.text and "DOCNO" not in ap.text + nyt.text


def test_jsonl_messages_read_as_python_writes_them_and_an_empty_text_is_empty(
    tmp_path: Path,
) -> None:
    """A broken line's reason had read "Invalid control character at at column 14" (the
    decoder's message ends in "at"), and a record with ``"text": ""`` was said to have no
    text field at all."""
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "bad\n{"title": "T", "text": ""}\n{"title": "T"}\n', encoding="utf-8")
    reasons = {e.name: e.reason for e in iter_articles([path]) if isinstance(e, InputError)}
    assert reasons[f"{path}:1"] == "invalid JSON (Invalid control character at: column 14)"
    assert reasons[f"{path}:2"] == "'text' is empty (it is the one required field)"
    assert reasons[f"{path}:3"] == "'text' is missing (it is the one required field)"


def test_pages_of_site_furniture_are_rejected_and_short_briefs_kept(tmp_path: Path) -> None:
    """Dev-stream pages (``shared/data/streams/giveme5w1h_events.jsonl``) whose short text says
    nothing of their title: CNN video pages holding only the site's invitation (two of them,
    one text: it had joined the Las Vegas story as one article), a Charlottesville paper's
    anniversary banner, RT's and NPR's index pages (the title is the site's name). Short
    briefs of the same stream that share their title's words are kept."""
    chat = (
        "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds."
    )
    rows = [
        {
            "url": "http://edition.cnn.com/videos/us/2017/10/02/vegas-witness-crowd-running.cnn",
            "title": "The first shots fired in Las Vegas",
            "text": chat,
            "source": "edition.cnn.com",
        },
        {
            "url": "http://www.dailyprogress.com/news/nyc-subway-work-trains-collide",
            "title": "NYC subway work trains collide in tunnel, 1 worker injured",
            "text": "Celebrating 125 years of Progress! Look back at the history of "
            "Charlottesville each day in 2017. Click to read today's story.",
            "source": "www.dailyprogress.com",
        },
        {
            "url": "https://www.rt.com/on-air/414286-angola-satellite-launch-baikonur/",
            "title": "World news - RT International",
            "text": "It is being called the Olympic Truce. After months of over-the-top "
            "rhetoric, the two Koreas are talking again – the first time in two years. Is "
            "this a serious diplomatic opening or merely a ploy? South Korea appears to "
            "welcome this step. Does...",
            "source": "www.rt.com",
        },
        {
            "url": "https://www.npr.org/templates/search/index.php?searchinput=Costa+Rica+plane+crash",
            "title": "NPR Search : NPR",
            "text": (
                "As the 2010 Winter Games enters its final days, the U.S. women's and m"
                "en's hockey teams hope to medal. Also, no athletes have tested positiv"
                "e for performance enhancing drugs. Is doping at the Olympics a thing o"
                "f the past?\n... we saw today was that ESPN plans to bid for ... or eve"
                "n when we might be risking\na crash. ... here, but maybe their citizens"
                "hip in Costa Rica or Jamaica ..."
            ),
            "source": "www.npr.org",
        },
        {
            "url": "http://edition.cnn.com/videos/us/2017/10/02/trump-las-vegas-address.cnn",
            "title": "Trump's entire Las Vegas shooting address",
            "text": "President Donald Trump addresses the nation following a mass shooting "
            "at Las Vegas' Mandalay Bay resort that has left at least 50 people dead and "
            "hundreds more injured.",
            "source": "edition.cnn.com",
        },
        {
            "url": "http://edition.cnn.com/videos/tv/2017/10/02/exp-tsr-elam-las-vegas.cnn",
            "title": "Mass shooting at Las Vegas concert",
            "text": "A gunman killed more than 50 people at an open-air concert in Las Vegas, "
            "firing down on them from a hotel across the street\nSource: CNN",
            "source": "edition.cnn.com",
        },
    ]
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert {e.name: e.reason for e in errs} == {
        f"{path}:1": "not an article: site furniture",
        f"{path}:2": "not an article: site furniture",
        f"{path}:3": "not an article: site index page",
        f"{path}:4": "not an article: site index page",
    }
    assert [a.url for a in arts] == [rows[4]["url"], rows[5]["url"]]
