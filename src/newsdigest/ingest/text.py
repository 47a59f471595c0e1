"""Plain-text reader: one article per file, the first line its title when it reads as one."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from newsdigest.clean.paragraphs import wrap_width, wrapped_break
from newsdigest.clean.unicode import replace_surrogates
from newsdigest.errors import InputError
from newsdigest.ingest.decode import whole_text
from newsdigest.ingest.trec import looks_trec, trec_articles
from newsdigest.model import Article, article_id
from newsdigest.split import split_sentences
from newsdigest.stopwords import ENGLISH_STOP_WORDS
from newsdigest.timeutil import WEEKDAYS

# a stop inside the line, not an initial's ("U.S. Stocks Fall as ...")
_INNER_STOP = re.compile(r"(?<![A-Z])[.!?][\"'”’»)]*\s+[\"“«(]?[A-Z]")
_MIN_ECHO_WORDS, _MAX_ECHO_WORDS = 4, 15
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
# half the headline's content words in the lead's first sentence: outlets reword ("protects
# cops from lawsuits" over "applying qualified immunity ... to be sued"); at 0.6, 3,717 of
# NeuS's 8,277 titles stayed text, at 0.5 2,926, and 2 more of Multi-News's 690 first lines are
# titles (both headlines), none of the dev stream's
_ECHO_SHARE = 0.5
_LETTERS = re.compile(r"[A-Za-z]+")
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30


# a period, also inside closing quotes ("... and the woman he loved.”": a Multi-News article's
# first sentence had become its title, and the digest never said who the artist was)
_ENDS_WITH_STOP = re.compile(r"[.…][\"'”’»)\]]*$")


# a function word capitalized inside a line, not after a colon or an opening quote: Title Case
_CAPITAL_SMALL_WORD = re.compile(
    r"(?<=[\w,’'])\s+(?:For|The|In|Of|On|To|And|With|At|From|By|As|Is|Are|An|Into|Over)\s"
)


def _title_case(line: str, body: str) -> bool:
    """Every word of four letters or more past the first capitalized, three such words at
    least, and a function word capitalized inside the line ("For The GOP") or one of them a
    common word that the text below writes in lower case ("Bid", "Presidential"): "Pompeo met
    Putin in Sochi on Tuesday." capitalizes only names."""
    words = [w for w in _LETTERS.findall(line)[1:] if len(w) > 3]
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return False
    if _CAPITAL_SMALL_WORD.search(line):
        return True  # "... Vote’ For The GOP Obamacare Repeal Bill." (NeuS): only a title
    lower = {w[:5] for w in _LETTERS.findall(body) if w[0].islower()}
    return any(w[:5].lower() in lower for w in words)


def is_title_line(line: str, body: str = "") -> bool:
    """A headline is short, one phrase, and does not end with a period; a long first line or a
    first sentence ("The talks ... have started in Sochi.") is body text, so nothing is lost.
    A line in Title Case is a headline whatever its end ("Bernie Sanders Announces 2020
    Presidential Bid.": NeuS gives its titles so, and they had become the digests' sentences),
    but for a photo credit ("By Slaven Vlasic/Getty Images.")."""
    line = line.strip()
    return (
        0 < len(line) <= _MAX_TITLE_CHARS
        # a lead-in is the text's ("First reactions to the president's big jobs speech:")
        and not line.endswith(":")
        and len(line.split()) <= _MAX_TITLE_WORDS
        and (not _INNER_STOP.search(line) or _title_case_sentences(line, body))
        and (
            not _ENDS_WITH_STOP.search(line)
            or (_title_case(line, body) and "/" not in line and not line.startswith("By "))
            # a feed's stop after the headline's own mark ("..., but is it too late?."), in a
            # headline over its lead alone (not "... replied: "Absolutely not!"." in prose)
            or (_MARK_THEN_STOP.search(line) is not None and _one_line(body))
        )
    )


_MARK_THEN_STOP = re.compile(r"[?!]\.$")


def _title_case_sentences(line: str, body: str) -> bool:
    """A headline and its kicker, each in Title Case ("The EPA Wants to Get Out of Puddles and
    Ditches. Environmental Activists Are Outraged..": a NeuS title, whose first half had become
    a digest's line)."""
    parts = [_LETTERS.findall(part)[1:] for part in re.split(r"(?<=[.!?])\s+", line)]
    words = [w for part in parts for w in part if len(w) > 3]
    return (
        len(parts) > 1
        and len(words) >= _MIN_TITLE_CASE_WORDS
        and all(w[0].isupper() for w in words)
        and all(any(len(w) > 3 for w in part) for part in parts)
    )


_MIN_TITLE_CASE_WORDS = 4


def _one_line(body: str) -> bool:
    """A lead of one line right below: the text is a headline and its lead, no more (no
    paragraph apart, no second line)."""
    body = body.rstrip()
    return bool(body) and "\n" not in body and "\r" not in body


def _stems(text: str) -> set[str]:
    words = (w.lower() for w in _LETTERS.findall(text))
    return {w[:5] for w in words if len(w) > 1 and w not in ENGLISH_STOP_WORDS}


def _echoes_lead(first: str, rest: str) -> bool:
    """Whether a one-sentence first line says in short what the lead after it says: a
    headline in sentence case with a period ("Gary Cohn resigning as Trump's top economic
    adviser." above "President Trump's top economic adviser resigned Tuesday, ..."; NeuS
    gives its titles so, and as the digest's first sentence such a line had crowded out the
    leads that say more). Half its content words recur in the longer sentence after it."""
    first = first.strip()
    n = len(first.split())
    if not (_MIN_ECHO_WORDS <= n <= _MAX_ECHO_WORDS) or _INNER_STOP.search(first):
        return False
    if rest.startswith(("\n", "\r")) or _WEEKDAY.search(first):
        # a paragraph of its own, or a day: wire copy's lead, whose words the next
        # paragraph repeats ("Police arrested a 19-year-old man on Tuesday in ...")
        return False
    # the lead's first sentence, not its whole paragraph: a short lead ("Jurors found Derek
    # Chauvin guilty of murder ...") is echoed by the sentences after it as much as a headline
    # is (the hostile pass: the whole paragraph swallowed such leads as titles)
    lead = next((line for line in rest.split("\n") if line.strip()), "").strip()
    sentences = split_sentences(lead, "lead")  # "Sen. John McCain (R-Ariz.) on Friday ...": one
    lead = sentences[0].text if sentences else lead
    mine = _stems(first)
    return (
        len(lead.split()) > n
        and len(mine) >= 3
        and len(mine & _stems(lead)) >= _ECHO_SHARE * len(mine)
    )


# a section's label before a headline: "OPINION: Andy Puzder's Labor To-Do List.", "Analysis |
# Nikki Haley joins ..." (37 NeuS headlines had stayed text); no article's text opens so
_SECTION_LABEL = re.compile(
    r"(?:OPINION|Opinion|ANALYSIS|Analysis|EDITORIAL|Editorial|COMMENTARY|Commentary|Op-Ed|OP-ED"
    r"|PERSPECTIVE|Perspective|FACT CHECK|Fact Check|Fact check)\s*[:|]\s+\S"
)


def _section_headline(first: str) -> bool:
    """A first line that is a section's label and a headline."""
    line = first.strip()
    return bool(_SECTION_LABEL.match(line)) and len(line.split()) <= _MAX_TITLE_WORDS


def _headline_over_lead(first: str, rest: str) -> bool:
    """A text of two lines, a short one over one much longer: a headline over its lead (NeuS
    gives its items so: 1,568 more of its 8,277 headlines read as such, where in sentence case
    with a period they had become digest sentences). Not a bulletin over its copyright
    line (as long as it), nor a lead sentence over more paragraphs or over one sentence
    ("Pompeo met Putin in Sochi to discuss Iran." over "The talks in Sochi lasted ...")."""
    if not _one_line(rest):
        return False
    first = first.strip()
    n = len(first.split())
    lead_words = len(rest.split())
    if not (
        _MIN_ECHO_WORDS <= n <= MAX_HEADLINE_WORDS
        and (lead_words >= LEAD_RATIO * n or (lead_words >= n and _HEADLINE_VERB.match(first)))
    ):
        return False
    # what a lead sentence has and a headline has not (a hostile pass: two-paragraph texts had
    # lost their leads, "The death toll ... has risen to 1,200, officials said."): a second
    # sentence, a lead-in's colon, a quotation, a day, an attribution, a dateline, an article
    # or a clause set before the subject, a lower-case start
    return not (
        len(split_sentences(first, "first")) > 1  # "Sen. Kamala Harris drops out ...": one
        or first.endswith((":", ","))
        or _QUOTE_MARK.search(first)
        or _WEEKDAY.search(first)
        or _ATTRIBUTED.search(first)
        or _DATELINE_START.match(first)
        or _LEAD_OPENING.match(first)
        or first[:1].islower()
    )


_QUOTE_MARK = re.compile('["“”]')
_ATTRIBUTED = re.compile(r"\b(?:said|told|according to)\b")  # a headline "says"
_DATELINE_START = re.compile(r"[A-Z][A-Z .,'-]{2,}(?:\([^)]*\))?\s*[—–-]")
_LEAD_OPENING = re.compile(
    r"(?:A|An|The)\s|(?:If|For|When|While|After|As|Like|Despite|With|In|On|At|Since)\s[^,]*,"
)


MAX_HEADLINE_WORDS = 25
# Headlinese: a name and a verb in the present tense, no article before them ("Trump caves on
# shutdown, endorses reopening government for 3 weeks." over a lead of 19 words, "Trump taps
# Texas’ Rick Perry for agency Perry vowed to eliminate." over one of 12: NeuS headlines that
# had become digest sentences). Over a lead as long as itself such a line is a headline: 70
# more of NeuS's first lines read so, all headlines, none of Multi-News's
_HEADLINE_VERB = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){1,4}"
    r"(?!(?:is|was|has|does|its|this|his|us|plus|across|versus|unless|always|perhaps)\b)"
    r"[a-z]{2,}s\b"
)
LEAD_RATIO = 2.0  # the lead under a headline is twice its words at least


# a line that ends a headline or a sentence: a stop, a mark, a quotation's or a bracket's close
# (not a comma's, a colon's: "WASHINGTON - The Senate on Tuesday," goes on below)
_LINE_END = re.compile(r"""[.!?…'"”’»)\]]\s*$""")
_LOWER_WORD = re.compile(r"[a-z]+\b")
_DROP_CAP = re.compile(r"[A-Z]")


def _runs_on(first: str, rest: str) -> bool:
    """Whether the first line is a sentence's start that the next line goes on with, in lower
    case: not a title ("The San Diego Zoo Safari Park is absolutely" over "incredible", a
    review's cut page; wrapped text too short to tell its column, "Keurig Green Mountain Inc.
    on Wednesday cut its guidance for the year" over "as earnings fell 4% ...", "Starting in
    1996, Alexa Internet has been donating their crawl data to" over "the Internet Archive":
    Multi-News, whose lead had lost its start and whose crawl notice was kept as an article).
    A headline ends where it ends; a text that lost its first letter ("... Made Public." over
    "he public is going ...", NeuS) keeps its title."""
    if _LINE_END.search(first):
        return False
    nxt = next((line for line in rest.split("\n") if line.strip()), "").lstrip()
    return _LOWER_WORD.match(nxt) is not None or _ends_the_sentence(first, rest)


MAX_TAIL_WORDS = 3


def _ends_the_sentence(first: str, rest: str) -> bool:
    """Whether the line below ``first`` ends its sentence and its paragraph with the end of
    a name or a number cut off by the wrapper ("Thank you for supporting the campaign to make
    Juneteenth a National" over "Holiday.", a petition page of Multi-News 91 filled at 70
    columns, whose first line had titled the story), the whole no headline. A lead below its
    title says more than a few capitalized words ("Prices fell.")."""
    tail, _, after = rest.partition("\n")
    tail = tail.strip()
    words = tail.split()
    return (
        0 < len(words) <= MAX_TAIL_WORDS
        and all(w[0].isupper() or w[0].isdigit() for w in words)
        and _ENDS_WITH_STOP.search(tail) is not None
        and (not after.strip() or after.startswith("\n") or after.lstrip(" \t").startswith("\n"))
        and not is_title_line(f"{first.strip()} {tail}", after)
    )


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
MAX_HEADLINE_LINES = 3


def _wrapped_headline(text: str) -> tuple[str, str] | None:
    """(title, body) when ``text`` is hard-wrapped and its first paragraph is a headline the
    wrapper broke over two or three lines ("For First Time In 130 Years, More Young Adults Live
    With Parents Than" over "With Partners"): unwrapped, that line had been the title (19 of
    Multi-News's 250 clusters wrapped at 70 columns had lost their headlines so, and a line cut
    from the body had titled some: "Charles Simons before threatening them, ...")."""
    found = _PARAGRAPH_BREAK.search(text, 0, 400)
    if found is None:
        return None
    lines = text[: found.start()].split("\n")
    body = text[found.end() :]
    if not 2 <= len(lines) <= MAX_HEADLINE_LINES or not body.strip():
        return None
    width = wrap_width(text.split("\n"))
    if width is None or any(
        wrapped_break(line.rstrip(), nxt, width) for line, nxt in pairwise(lines)
    ):
        return None  # not wrapped, or a line ended where the text's own break was
    title = " ".join(line.strip() for line in lines)
    return (title, body) if is_title_line(title, body) else None


def split_title(text: str) -> tuple[str, str]:
    """(title, body) of a plain-text article; title is "" when the first line is body text.

    In hard-wrapped text (wire copy) the first line is no title when it runs on into the next
    line ("WASHINGTON - An attorney for senior White House aide Jared Kushner said\nThursday
    that ..."): taken as one, it had cut every wrapped article's lead sentence in two."""
    stripped = text.lstrip()
    wrapped = _wrapped_headline(stripped)
    if wrapped is not None:
        return wrapped
    first, _, rest = stripped.partition("\n")
    if _runs_on(first, rest):
        if _DROP_CAP.fullmatch(first.strip()):
            return "", first.strip() + rest.lstrip()  # "T" over "he most likely person ..."
        return "", stripped
    if not rest.strip() or not (
        is_title_line(first, rest)
        or _echoes_lead(first, rest)
        or _section_headline(first)
        or _headline_over_lead(first, rest)
    ):
        return "", stripped
    second = rest.split("\n", 1)[0]
    if second.strip():
        width = wrap_width(stripped.split("\n"))
        # the line as wrapped, with its paragraph indent ("   The Democratic National
        # Committee (DNC) is calling for the"): without it the next word seemed to fit
        indented = next(line for line in text.split("\n") if line.strip())
        if width is not None and not wrapped_break(indented.rstrip(), second, width):
            return "", stripped
    return first.strip(), rest


def text_article(text: str, *, name: str, source: str | None = None) -> Article | InputError:
    """An uncleaned Article from one article's text, or the reason there is none."""
    if not text.strip():
        return InputError(name, "empty text" if not text else "empty file (only whitespace)")
    title, body = split_title(replace_surrogates(text))
    return Article(id=article_id(body), text=body, title=title, source=source, origin=name)


_HTML_PAGE = re.compile(r"\s*(?:<!doctype\s+html\b|<html\b)", re.I)
# JSON or JSON Lines saved as .txt: an object opening with a key and its colon or closing at
# once, or an array of such objects or of nothing ("[Updated 3 pm] ..." is an article's text)
_JSON_OBJECT = r'\{\s*(?:"(?:[^"\\\n]|\\.)*"\s*:|\})'
_JSON_DOCUMENT = re.compile(rf"\ufeff?\s*(?:{_JSON_OBJECT}|\[\s*(?:{_JSON_OBJECT}|\]))")
# an array opening with a string or an array: JSON only when that whole value parses, as
# '["Sponsored"] Acme ...' or '[[UPDATED]] ...' (a press release's) does not
_JSON_ARRAY_OF_VALUES = re.compile(r'\ufeff?\s*\[\s*[\["]')


def _is_json_document(text: str) -> bool:
    """Whether a .txt file's text is JSON or JSON Lines, not an article that opens with a
    bracket or brace."""
    if _JSON_DOCUMENT.match(text[:4096]):
        return True
    if not _JSON_ARRAY_OF_VALUES.match(text[:64]):
        return False
    stripped = text.lstrip("\ufeff \t\r\n")
    try:
        _, end = json.JSONDecoder().raw_decode(stripped)
    except ValueError:
        return False
    rest = stripped[end:].lstrip(" \t\r")
    return not rest.strip() or (rest.startswith("\n") and rest.lstrip()[:1] in ("[", "{"))


def read_text(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    """The article of a .txt file, of no outlet (its file name had been one, printed in every
    citation, as a page or record naming no site has none; each counts as its own). A .txt
    file that is newswire SGML (a DUC document saved with a suffix) is read as such: its tags
    and headers had been the article's text."""
    text = whole_text(path, max_bytes)
    if isinstance(text, InputError):
        yield text
    elif looks_trec(text[:64].encode("utf-8", "replace")):
        yield from trec_articles(text, str(path))
    elif _is_json_document(text):  # its braces and keys had been the article's text
        from newsdigest.ingest.jsonl import read_json, read_jsonl

        reader = read_jsonl if text.lstrip("\ufeff \t\r\n").startswith("{") else read_json
        yield from reader(path, max_bytes=max_bytes)
    elif _HTML_PAGE.match(text):  # a page saved as .txt: its tags had been the article's text
        from newsdigest.ingest.html import extract_html

        yield extract_html(text, name=str(path))
    else:
        yield text_article(text, name=str(path))
