"""Clean stage: turn what a crawler or extractor delivered into the article's own text.

Web articles arrive with the page around them: breadcrumbs, share and comment widgets, embedded
tweets, teasers for other stories, agency sign-offs, mojibake and glued sentences. A summary
built on that text would quote "Leave a Reply" as news, so every rule here removes a *kind* of
debris news crawlers meet, judged per paragraph, and never touches a paragraph that reads as
running prose. ``clean_text`` runs to a fixed point, so cleaning clean text changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from newsdigest.clean import rules
from newsdigest.clean.language import detect_language
from newsdigest.clean.paragraphs import split_paragraphs
from newsdigest.clean.published import published_day
from newsdigest.clean.unicode import (
    drop_invisible,
    repair_unicode,
    replace_surrogates,
    set_paragraph,
)
from newsdigest.model import Article, article_id
from newsdigest.names import STATE_ABBREVIATIONS
from newsdigest.timeutil import publication_time

__all__ = [
    "clean_article",
    "clean_text",
    "clean_title",
    "detect_language",
    "repair_unicode",
    "split_paragraphs",
]


def clean_title(title: str) -> str:
    """A headline without crumbs, mojibake or stray whitespace; none where the "title" is page
    furniture ("Follow CBSMIAMI.COM: Facebook | Twitter", a plain-text file's first line,
    had become a Multi-News digest's headline; no dev-stream or NeuS title is such a line)."""
    title = _title_line(title)
    return "" if not title or _no_headline(title) else _without_final_stop(title)


def _title_line(title: str) -> str:
    """The title line repaired, without crumbs and a menu's trailing mark; "" where it is page
    furniture or a section's label. A line that is only no headline (``_no_headline``) is
    still the line a text may repeat at its top, which cleaning removes."""
    title = " ".join(repair_unicode(title).split())
    if not title or rules.FOLLOW_BAR.match(title):
        return ""  # none: what follows makes "" of "" (most plain-text files have no title)
    if rules.is_breadcrumb(title):
        title = rules.CRUMB_SEP.split(title)[-1].strip()
    title = rules.GLUED_PREFIX.sub("", title, count=1)
    title = _MENU_MARK.sub("", title)  # "Nigel Farage: 'I want my country back' »"
    # a site's name after a bar is a title's, not furniture ("Talks in Sochi | The Courier")
    furniture = _furniture_title(title.split(" | ", 1)[0])
    return "" if furniture or _heading_title(title) else title


_MENU_MARK = re.compile(r"\s*(?:\||>>|»|›)$")


# what a page shows above its story that no headline starts with: a picture's or a player's
# label, a highlights box, an encyclopedia's notice, a video's warning, a captcha (Multi-News
# plain-text first lines that had titled digests: "Image copyright Getty Images Image caption
# The band broke up in 1980 ...", "Media playback is unsupported on your device ...", "Story
# highlights ...", "WARNING: The video contains subject matter of a graphic nature ...")
_NOT_A_HEADLINE = re.compile(
    r"^(?:Image (?:copyright|caption)|Media (?:playback|caption)|Story highlights"
    r"|Photo (?:illustration|Advertisement)|From Wikipedia\b|You must enter the characters"
    r"|WARNING\s*:\s*(?:The|This) (?:video|story|article|content|images?|report|page)\b)",
    re.IGNORECASE,
)
# a label that heads a headline in a local station's feed ("PHOTO: Firefighters rescue dog
# from icy pond") and, with a few words, a credit or a button ("Photo: KUVP archives",
# "Play Facebook")
_LABEL = re.compile(r"^(?:Photo|Photos|Video|Play(?: Video)?|Watch|Listen)\s*:?\s*", re.IGNORECASE)
MAX_LABELLED_WORDS = 2  # a credit or a button ("Video: Obama pardons turkey" is news)
_SHARE_WORDS = frozenset(
    "share tweet pin email e-mail print facebook twitter whatsapp linkedin reddit pinterest "
    "comment comments save more".split()
)
# a time stamp alone: "April 10th, 2016", "2 years ago", "Updated 6.15pm"
_STAMP_WORD = re.compile(
    r"\d+(?:st|nd|rd|th)|\d[\d:.]*(?:[ap]\.?m\.?)?|ago|minutes?|hours?|days?|weeks?|months?"
    r"|years?|updated|published|posted",
    re.IGNORECASE,
)
_STAMP_SIGN = re.compile(r"\b(?:ago|updated|published|posted|(?:19|20)\d\d)\b", re.IGNORECASE)


def _no_headline(title: str) -> bool:
    """Whether a first line is something other than a headline: a one-word section name
    ("World", "Features"; not "Tulowhoopski!"), a menu's or a greeting's open end ("Local
    News More>>", "To our community,"), share buttons, a time stamp, a picture's credit, or a
    picture's or player's label (all first lines of Multi-News plain-text articles that had become their
    digests' or sources' titles)."""
    words = title.split()
    if len(words) < 2 and not title.endswith(("!", "?", "...", "…")):
        return True
    if title.endswith(",") or words[-1].lower() == "more" or _NOT_A_HEADLINE.match(title):
        return True
    if "/" in title and rules.PHOTO_CREDIT_LINE.match(title):
        return True
    label = _LABEL.match(title)
    if label and len(title[label.end() :].split()) <= MAX_LABELLED_WORDS:
        return True
    bare = [w.strip(",.:;!").lower() for w in words]
    if all(w in _SHARE_WORDS for w in bare):
        return True
    return bool(_STAMP_SIGN.search(title)) and all(
        _DATE_WORDS.fullmatch(w) or _STAMP_WORD.fullmatch(w) for w in bare if w
    )


# a headline ends without a full stop; some feeds add one (NeuS: "Gary Cohn resigning as
# Trump's top economic adviser.", "Where's the Outrage over Kerry's Collusion with Iran?.",
# 'Frederick Douglass' "What to the Slave is the Fourth of July?".')
_FINAL_STOP = re.compile(r"(?:(?<=[?!])|(?<=[a-z0-9?!][\"'”’)])|(?<=[a-z0-9]{2}))\.$")
_ABBREVIATIONS = frozenset(
    """inc co corp ltd ltda jr sr st no vs etc bros dept gov sen rep gen lt col sgt capt mr mrs ms
    dr ave blvd rd kans""".split()  # "Kans.": Kansas as the Associated Press once wrote it
) | {s.lower() for s in STATE_ABBREVIATIONS}  # titles, firms, streets and US states


def _without_final_stop(title: str) -> str:
    """The headline without the full stop a feed put after it; an abbreviation's stays."""
    if title.endswith("..") and not title.endswith("...") and title[-3:-2].isalnum():
        title = title[:-1]  # the feed's stop after the title's own ("... OK with that..")
    if not _FINAL_STOP.search(title):
        return title
    last = title.rsplit(None, 1)[-1].rstrip(".").lower()
    return title if last in _ABBREVIATIONS else title[:-1]


def _heading_title(title: str) -> bool:
    """A section's label: "Columnist", "Abstract and Introduction" (Multi-News plain-text
    first lines)."""
    return rules.fold(title) in _SECTION_LABELS


_DATE_WORDS = re.compile(
    r"(?:jan(?:uary)?|feb(?:ruary)?|march|mar|april|apr|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?|[ap]\.?m\.?"
    r"|[ecmp][sd]?t|utc|gmt|bst|cet|cest|\d[\d:.,]*",
    re.IGNORECASE,
)


# a page's section or a paper's heading, not a story's headline ("Columnist", "Abstract and
# Introduction": Multi-News plain-text first lines)
_SECTION_LABELS = frozenset(
    rules.fold(label)
    for label in (
        "Opinion", "Columnist", "Columnists", "Editorial", "Commentary", "Analysis",
        "Abstract", "Introduction", "Abstract and Introduction", "Advertisement", "Sponsored",
        "Related", "Related Stories", "Video", "Photos", "Gallery", "Live", "Breaking News",
    )
)  # fmt: skip
_LABELLED_HEADLINE = re.compile(r"[A-Za-z]+:\s+\S+(?:\s+\S+){1,}")


_WEEKDAYS = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    re.IGNORECASE,
)
# a page's stamp, a date right after it: no headline opens so
_STAMPED = re.compile(
    r"(?i)(?:published|posted|first published|last updated)(?: on)?\s*:\s*"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\d{1,4}[/.-])(?:\s|\d)"
)
MAX_UNDATED_WORDS = 2  # besides the date and time: "Associated Press", "Published on"


def _furniture_title(title: str) -> bool:
    """Whether a "title" is page furniture: a player's notice ("Please enable Javascript to
    watch this video"), a copyright line, an editor's update label with only its date ("UPDATE:
    November 8, 8:25 AM CST"), each the first line of a Multi-News plain-text article that
    had become its story's headline."""
    if rules.notice_kind(title):
        return True
    if rules.is_boilerplate_line(title) and not _LABELLED_HEADLINE.match(title):
        return True  # not "Video: John McCain dies at age 81." (a NeuS headline)
    words = [w for w in re.split(r"[\s,:|]+", title) if w]
    dated = sum(bool(_DATE_WORDS.fullmatch(w) or _WEEKDAYS.fullmatch(w)) for w in words)
    if dated >= 3 and len(words) - dated <= MAX_UNDATED_WORDS:
        return True  # a byline's or a video page's stamp: "Associated Press Tue Feb 19, 2013
        # 7:44 PM", "Published on Sep 2, 2008" (Multi-News first lines, then digest titles)
    if _STAMPED.match(title):
        return True  # "Published: January 2011 Special Series: 7 Billion" (a magazine page's
        # stamp and section, a Multi-News first line and then its digest's title)
    label = rules.UPDATE_LABEL.match(title + " ") or re.match(r"(?i)updated?\b\W*", title)
    if not label:
        return False
    rest = [w for w in re.split(r"[\s,:]+", title[label.end() :]) if w]
    return all(_DATE_WORDS.fullmatch(w) for w in rest)


def _without_site_suffix(title: str, source: str | None) -> str:
    """ "Talks in Sochi | The Daily Courier" -> "Talks in Sochi" when the suffix is the outlet."""
    if not source:
        return title
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        head, found, tail = title.rpartition(sep)
        if found and head and rules.fold(tail) == rules.fold(source):
            return head.strip()
    return title


T = TypeVar("T")


@dataclass
class _Verdicts:
    """What the paragraph rules said of each paragraph text, kept for the length of one
    ``clean_text``: its checking pass meets the same paragraphs again (mostly unchanged prose)
    and the rules are functions of the paragraph alone, so each is judged once."""

    title_key: str
    seen: dict[tuple[Callable[[str], Any], str], Any] = field(default_factory=dict)

    def of(self, rule: Callable[[str], T], para: str) -> T:
        # one lookup: this runs some 200 times a document
        verdict = self.seen.get((rule, para), _UNSEEN)
        if verdict is _UNSEEN:
            verdict = self.seen[rule, para] = rule(para)
        return verdict  # a rule's own verdict (no ``cast``: a call, some 30,000 a story)


_UNSEEN = object()


def _social(para: str) -> bool:
    return rules.SOCIAL_LINK.found(para)


CREDIT_TAIL = 160  # characters: a credit after a paragraph's last sentence is shorter


def _tidy(para: str) -> str:
    """Without an editor's "Update:" label, a trailing agency sign-off or an encyclopedia's
    reference marks, and with glued sentences parted; each pattern tried only where its cheap
    necessary sign is (the label's word first, a closing bracket at the end, an opening one,
    a stop before a capital), as most paragraphs have none."""
    if para.startswith(("UPDATE", "Update")):
        para = rules.UPDATE_LABEL.sub("", para, count=1)
    elif "UPDATE" in para[:100]:
        para = rules.HEADLINE_UPDATE_LABEL.sub("", para, count=1)
    if para.endswith("..") and not para.endswith("..."):
        # a feed's stop after the paragraph's own ("... But the questions he asks will not be
        # his..": a NeuS digest's line; 147 lines of the local sets end so, none an
        # ellipsis cut short)
        para = para[:-1]
    if para.rstrip().endswith(")"):
        para = rules.TRAILING_SIGNOFF.sub("", para)
        para = rules.TRAILING_CREDIT.sub("", para)
    elif "reporting by" in para:
        para = rules.TRAILING_CREDIT.sub("", para)
    elif "/" in (tail := para[-CREDIT_TAIL:]) or ") " in tail:
        # read in the paragraph's tail only: the pattern is tried at every position it reads
        credit = rules.TRAILING_VIDEO_CREDIT.search(tail)
        if credit:
            para = para[: len(para) - len(tail) + credit.start()]
    if "[" in para:
        para = rules.strip_reference_marks(para)
    if rules.GLUE_POINT.search(para):
        para = rules.GLUED_SENTENCE.sub(" ", para)
    return para


def _clean_paragraphs(paras: list[str], verdicts: _Verdicts) -> list[str]:
    title_key = verdicts.title_key
    total = sum(len(p) for p in paras)
    kept: list[str] = []
    seen = 0  # characters read so far, to tell a tail heading from an early one
    tweet_text_dropped = False
    after_teaser_heading = False
    for at, para in enumerate(paras):
        seen += len(para)
        if rules.WIRE_FURNITURE.match(para):
            continue  # read whole: a caption's credit would take "Associated Press" of its line
        if after_teaser_heading:
            after_teaser_heading = False
            if len(para) <= rules.MAX_LINKED_HEADLINE and not rules.ends_sentence(para):
                continue  # the linked headline under "ALSO READ:"
        if rules.TEASER_HEADING.match(para):
            if (
                rules.LINK_LIST_HEADING.match(para)
                and seen - len(para) >= 0.25 * total
                and all(len(rest) <= rules.MAX_LINKED_HEADLINE for rest in paras[at + 1 :])
            ):
                break  # the other stories' headlines to the page's end (else: one teaser)
            after_teaser_heading = True
            continue
        if rules.TAIL_HEADING.match(para):
            after_prose = any(rules.ends_sentence(k) for k in kept)
            if seen - len(para) >= 0.25 * total or (
                after_prose and rules.COMMENT_HEADING.match(para)
            ):
                break  # what follows is other stories or the comment section
            continue  # a heading in the first quarter is a page-top widget, not the end
        if rules.TWEET_BYLINE.match(para):
            # the attribution closes an embedded post: the paragraph before it was the post
            if kept and not tweet_text_dropped and len(kept[-1]) <= 320:
                kept.pop()
            tweet_text_dropped = False
            continue
        if len(para) <= rules.MAX_POST_CHARS and "(@" in para and rules.TWEET_TAIL.search(para):
            tweet_text_dropped = False
            continue  # a post and its attribution in one paragraph
        if verdicts.of(_social, para):
            if len(para) <= rules.MAX_POST_CHARS:  # the paragraph is the embedded post
                tweet_text_dropped = True
                continue
            para = rules.strip_inline_posts(para)  # a post inside prose: only the post goes
        tweet_text_dropped = False
        if para[:1] == "F" and rules.follows_an_account(para):
            continue
        para = verdicts.of(rules.strip_video_player, para)
        para = verdicts.of(rules.strip_caption_credit, verdicts.of(rules.strip_links, para))
        para = rules.strip_bar_credit(para)
        if not para or rules.PUNCT_ONLY.match(para) or verdicts.of(rules.is_boilerplate_line, para):
            continue
        if kept and rules.is_caption(para, title_key):
            continue
        if rules.is_image_caption(para, title_key):
            continue
        para = verdicts.of(_tidy, verdicts.of(rules.strip_glued_heading, para))
        if (
            kept
            and abs(len(para) - len(kept[-1])) < 20
            and verdicts.of(rules.fold, para) == verdicts.of(rules.fold, kept[-1])
        ):
            continue  # the same paragraph twice in a row (headline repeated, widget echo)
        kept.append(para)
    return kept


def _strip_lead(paras: list[str], verdicts: _Verdicts) -> list[str]:
    """Remove what sits before the first sentence: a repeated headline, a glued source name,
    a dateline. A headline that is all the text there is stays: a wire bulletin ("LAKE FOREST,
    Ill. - Chicago Bears fire coach John Fox after 5-11 season." above the agency's copyright)
    is news in one sentence, and without its text the page would be rejected as empty and
    missing from its story."""
    title_key = verdicts.title_key
    while paras and title_key and verdicts.of(rules.fold, paras[0]) == title_key:
        if len(paras) == 1 and len(paras[0].split()) >= rules.MIN_BULLETIN_WORDS:
            break
        paras = paras[1:]
    if not paras:
        return paras
    first = rules.GLUED_PREFIX.sub("", paras[0], count=1)
    first = rules.DATELINE.sub("", first, count=1)
    first = first[rules.glued_dateline_end(first) :]
    first = rules.unshout_opening(first)
    return [first, *paras[1:]] if first.strip() else paras[1:]


def _clean_once(text: str, verdicts: _Verdicts) -> str:
    text = rules.strip_gallery(repair_unicode(text, line_lengths=True), rules.MIN_ARTICLE_WORDS)
    # quotation marks and spaces set per paragraph: wire copy's ``quotation'' is often wrapped
    # over two lines (its closing marks had stayed typewriter ones), and setting them first,
    # or making its two spaces after a stop one, shortened lines the joining reads (a
    # hard-wrapped sentence had become two paragraphs)
    paras = rules.strip_transcript_labels([set_paragraph(p) for p in split_paragraphs(text)])
    kept = rules.strip_repeated_openings(
        _clean_paragraphs(paras, verdicts), rules.MIN_ARTICLE_WORDS
    )
    return "\n\n".join(_strip_lead(kept, verdicts))


def clean_text(text: str, title: str = "") -> str:
    """The article's own text: paragraphs separated by one blank line, debris removed.

    Run to a fixed point, so cleaning clean text changes nothing: a removal can expose a new
    lead line ("Home / ..." above the headline), and ftfy, which repairs line by line, can see
    mojibake only once wrapped lines are joined.
    """
    title = _title_line(title)  # a line that is no headline is still removed from the top
    verdicts = _Verdicts(rules.fold(title))
    out = _clean_once(text, verdicts)
    for _ in range(4):
        again = _clean_once(out, verdicts)
        if again == out:
            break
        out = again
    return out


def _storable_date(published: datetime | None) -> datetime | None:
    """The date, or None when it cannot be moved to UTC (year 1 with an offset) or lies
    outside the years a publication time may have (``timeutil.publication_time``): such a date
    could be neither stored nor compared, so it is dropped like an unreadable one."""
    if published is None:
        return None
    try:
        publication_time(published)
    except ValueError:
        return None
    return published


def _text_or_none(value: str | None) -> str | None:
    """``value`` storable: lone surrogates as U+FFFD, NUL characters dropped (no PostgreSQL
    text holds one: a NUL in one record's URL had failed its whole batch)."""
    return replace_surrogates(value).replace("\x00", "") if value is not None else None


def clean_article(raw: Article) -> Article:
    """A new Article whose text is the clean text (id recomputed from it) and with language set;
    url, source, published and origin are kept (made storable: lone surrogates become U+FFFD,
    NUL characters go, an out-of-range date is None; a date later than the day the address
    names is that day: ``published.py``), the title is repaired (and set in the case of its
    text when it is in capitals)."""
    source = _text_or_none(raw.source)
    source = drop_invisible(source) if source else source
    url = _text_or_none(raw.url)
    title = _without_site_suffix(clean_title(raw.title), source)
    # the text's top may repeat a first line that is no headline ("WARNING: Graphic video
    # shows police shooting" above its story): it goes all the same
    text = clean_text(raw.text, title or _without_site_suffix(_title_line(raw.title), source))
    return replace(
        raw,
        id=article_id(text),
        text=text,
        title=rules.unshout_title(title, text),
        url=url,
        source=source,
        origin=_text_or_none(raw.origin),
        published=published_day(url, _storable_date(raw.published)),
        language=detect_language(text) or raw.language,
    )
