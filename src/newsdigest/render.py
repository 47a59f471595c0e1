"""A Story as text, Markdown, JSON or a standalone HTML page.

Citation markers number the story's sources as every output does
(``numbering.source_numbers``): ``[2]`` is "source 2"; each summary sentence also lists the
exact source sentences (``2:5`` = source 2, sentence 5). In Markdown, everything that came from an article
is escaped, so a renderer shows it as text and never as HTML or a link, but for its http(s)
addresses: each is a link to itself (an autolink), whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import orjson

from newsdigest.clean import clean_title
from newsdigest.errors import escape_line
from newsdigest.model import Story, SummarySentence, count_outlets
from newsdigest.numbering import source_numbers
from newsdigest.quote_groups import distinct_quotes
from newsdigest.serialize import story_to_dict
from newsdigest.summarize.quality import is_caption
from newsdigest.timeutil import utc

FORMATS = ("text", "markdown", "json", "html")

# CommonMark: any ASCII punctuation may be backslash-escaped; these make HTML, links, images,
# emphasis, code or tables
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~&#])")


def text_escape(text: str) -> str:
    """Article text as one terminal-safe line: white space runs as one space, and a control or
    bidirectional character left in it (an escape sequence in a record's ``source`` cleared the
    screen) written as its escape (``\\x1b``), as error messages write names."""
    return escape_line(" ".join(text.split()))


def md_escape(text: str) -> str:
    """Article text as inert Markdown: one terminal-safe line, its markup characters escaped,
    and each web address in it an autolink (``<https://...>``), as the Sources write theirs:
    escaped, "http://www.twitter.com/AP\\_NFL" was no link in CommonMark, and GitHub's
    linkifier kept the backslash in the address."""
    line = text_escape(text)
    parts, end = [], 0
    for found in _BARE_URL.finditer(line):
        url = _without_trailing_punctuation(found.group())
        if not _AUTOLINK.fullmatch(url):
            continue
        parts += [_MD_SPECIAL.sub(r"\\\1", line[end : found.start()]), f"<{url}>"]
        end = found.start() + len(url)
    parts.append(_MD_SPECIAL.sub(r"\\\1", line[end:]))
    return "".join(parts)


# a web address written bare in text: from its scheme (not inside a word) to white space or
# what an autolink cannot hold; the punctuation that ends a sentence or a quote after it is cut
# as GitHub's linkifier cuts it
_BARE_URL = re.compile(r"(?<![\w/])https?://[^\s<>\x00-\x1f\x7f\\\"“”]+", re.I)
_TRAILING = ".,:;!?'*_~’»"


def _without_trailing_punctuation(url: str) -> str:
    """``url`` without the punctuation after it. One pass from its end, its brackets counted
    once: cutting and counting afresh for each character had taken 19 s for an address
    followed by 200,000 ")" (a hostile article's line)."""
    closing = {c: url.count(c) for c in ")]}"}
    opening = {")": url.count("("), "]": url.count("["), "}": url.count("{")}
    end = len(url)
    while end:
        last = url[end - 1]
        if last in _TRAILING:
            end -= 1
        elif last in closing and closing[last] > opening[last]:
            closing[last] -= 1  # a bracket closing around the address, not one of its own
            end -= 1
        else:
            break
    return url[:end]


def _markers(sentence: SummarySentence, numbers: dict[str, int]) -> str:
    """ "[1][2][3]" in the sources' order, whichever article the sentence was taken from."""
    cited = {numbers[c.article] for c in sentence.citations if c.article in numbers}
    return "".join(f"[{n}]" for n in sorted(cited))


def _detail(sentence: SummarySentence, numbers: dict[str, int]) -> str:
    """ "2:3, 2:4, 3:3": each source sentence once (a quote over two sentences is cited by
    the spans of both, which share the first one's number)."""
    pairs = {
        (numbers[c.article], c.sentence): None for c in sentence.citations if c.article in numbers
    }
    return ", ".join(f"{n}:{k}" for n, k in sorted(pairs))


# a URL CommonMark writes as a link when set in angle brackets (an autolink): http(s) with a
# host, and nothing an autolink cannot hold (white space, controls, < or >)
_AUTOLINK = re.compile(r"https?://[^/\s<>\x00-\x1f\x7f\\]+[^\s<>\x00-\x1f\x7f\\]*", re.I)


def _article_line(story: Story, article_id: str, esc: Callable[[str], str] = text_escape) -> str:
    """ "Title (outlet, day) — where": in Markdown (``esc=md_escape``) a web address is a
    link; a path, an id or another kind of URL stays escaped text."""
    a = story.article(article_id)
    # the UTC day, as every other output dates an article
    bits = [a.outlet or "", utc(a.published).date().isoformat() if a.published else ""]
    where = a.url or a.origin or a.id
    meta = ", ".join(b for b in bits if b)
    title = a.title or first_line_label(a.text)
    label = esc(title + (f" ({meta})" if meta else ""))
    if esc is md_escape and a.url and _AUTOLINK.fullmatch(a.url):
        return f"{label} — <{a.url}>"
    return f"{label} — {esc(where)}"


def first_line_label(text: str) -> str:
    """An untitled source's label: its first line that is no picture's caption ("This image
    show the mummy of ..." had labelled a Multi-News source), as a headline is shown (NeuS's
    first lines carry a feed's full stop: "Justice Kennedy Retiring; Supreme Court to Become
    Trump Court.")."""
    lines = [ln.strip() for ln in text[:MAX_LABEL_CHARS].split("\n") if ln.strip()]
    lines = lines[:MAX_LABEL_LINES] or [text.split("\n", 1)[0]]
    line = next((ln for ln in lines if not is_caption(ln)), lines[0])
    if _shouted(line):
        line = next((ln for ln in lines if _prose(ln) and not is_caption(ln)), line)
    line = _LEADING_DASH.sub("", line) or line
    return _clip(clean_title(line) or line, 90)


def _shouted(line: str) -> bool:
    """More capitals than lower-case letters: a page's shouting or a heading, no label ("FREE
    STORM TRACKING APP DOWNLOADED BY SEARCHING WKMG IN YOUR APP STORE. A LOCAL SEX ..." over
    "MOUNT DORA, Fla. -" had labelled a Multi-News source; "INTRODUCTION:" another)."""
    return sum(ch.isupper() for ch in line) > sum(ch.islower() for ch in line)


def _prose(line: str) -> bool:
    """A line to label a source by in place of shouting: no shouting, and words enough to be
    a sentence, not a link ("See more", "Watch My Last Video! ➜" were the lines after two)."""
    return not _shouted(line) and len(line.split()) >= MIN_LABEL_WORDS


# A dash left where a dateline's place was: "— A judge’s act of compassion has ..." and "—
# For years, the weather has been ..." labelled two Multi-News sources
_LEADING_DASH = re.compile(r"^[—–-]+\s+")
MAX_LABEL_LINES = 3  # lines read for an untitled source's label
MIN_LABEL_WORDS = 6
MAX_LABEL_CHARS = 4_000


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _by_number(article_ids: Iterable[str], numbers: Mapping[str, int]) -> list[str]:
    """Articles in the order their sources are numbered (an unnumbered one last)."""
    return sorted(article_ids, key=lambda a: numbers.get(a, 1 << 30))


def _label(story: Story, article_id: str) -> str:
    """How a list names an article: its number (an article left out says so)."""
    numbers = source_numbers(story)
    if article_id not in numbers:
        return article_id
    left_out = any(o.article_id == article_id for o in story.outliers)
    return f"[{numbers[article_id]}]" + (" (left out)" if left_out else "")


LISTED = 8  # people, organizations, places and quotes a text or Markdown digest lists


def _and_more(n: int) -> str:
    return f"; and {n - LISTED} more" if n > LISTED else ""


def _facts_lines(story: Story, bullet: str, esc: Callable[[str], str]) -> list[str]:
    f = story.facts
    if f is None:
        return []
    lines: list[str] = []
    # what is known of when and where, without placeholders ("date unresolved" stood on most
    # undated stories' line: a reader's pass)
    if f.event_date and f.event_place:
        lines.append(f"{bullet}When/where: {esc(f.event_date)}, {esc(f.event_place)}")
    elif f.event_date or f.event_place:
        label = "Happened on" if f.event_date else "Happened in"
        lines.append(f"{bullet}{label}: {esc(f.event_date or f.event_place or '')}")
    # eight of a kind, and how many more (a story of 135 quotes had shown 8 as if all)
    people = [e for e in f.entities if e.type == "PERSON"]
    if people:
        shown = "; ".join(f"{esc(e.name)} ({len(e.mentions)})" for e in people[:LISTED])
        lines.append(f"{bullet}Who: {shown}{_and_more(len(people))}")
    for label, kind in (("Organizations", "ORG"), ("Where", "PLACE")):
        named = [e for e in f.entities if e.type == kind]
        if named:
            shown = "; ".join(esc(e.name) for e in named[:LISTED])
            lines.append(f"{bullet}{label}: {shown}{_and_more(len(named))}")
    numbers = source_numbers(story)
    for t in f.timeline:
        ids = _by_number(dict.fromkeys(c.article for c in t.citations), numbers)
        cited = "".join(_label(story, a) for a in ids)
        lines.append(f"{bullet}Timeline {t.date}: {esc(_clip(t.text))} {cited}".rstrip())
    groups = distinct_quotes(f.quotes)
    for group in groups[:LISTED]:
        speaker = esc(group.quote.speaker or "speaker unresolved")
        cited = "".join(_label(story, a) for a in group.articles)
        lines.append(f"{bullet}“{esc(_clip(group.quote.text))}” — {speaker} {cited}")
    if len(groups) > LISTED:
        more = _count(len(groups) - LISTED, "more quote")
        lines.append(f"{bullet}… and {more} (every one in the JSON and HTML output)")
    for d in f.disagreements:
        claims = "; ".join(
            f"{esc(c.value)} ({', '.join(_label(story, a) for a in _by_number(c.articles, numbers))})"
            for c in d.claims
        )
        lines.append(f"{bullet}Sources differ on {esc(d.subject)} ({d.kind}): {claims}")
    return lines


def _count(n: int, noun: str) -> str:
    """ "1 article", "3 articles"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render_text(story: Story, *, markdown: bool = False) -> str:
    numbers = source_numbers(story)
    left_out = {o.article_id for o in story.outliers}
    own = [a for a in story.articles if a.id not in left_out]
    esc = md_escape if markdown else text_escape
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    item = "- " if markdown else ""  # a Markdown list: bare lines would join into one paragraph
    lines = [f"{h1}{esc(story.title)}", ""]
    lines.append(
        f"{_count(len(own), 'article')} from {_count(count_outlets(own), 'outlet')}"
        + (f"; {len(story.outliers)} left out as off-event" if story.outliers else "")
    )
    lines.append("")
    for i, s in enumerate(story.summary, 1):
        support = _count(s.support, "outlet")
        if markdown:
            lines.append(
                f"{i}. {esc(s.text)} {_markers(s, numbers)} *({support}; {_detail(s, numbers)})*"
            )
        else:
            lines.append(f"{i}. {esc(s.text)} {_markers(s, numbers)}")
            lines.append(f"   supported by {support}: sentences {_detail(s, numbers)}")
    ordered = sorted(numbers, key=numbers.__getitem__)
    lines += ["", f"{h2}Sources"]
    lines += [
        f"{item}[{numbers[i]}] {_article_line(story, i, esc)}" for i in ordered if i not in left_out
    ]
    if story.outliers:
        reasons = {o.article_id: o.reason for o in story.outliers}
        lines += ["", f"{h2}Left out (about another event)"]
        lines += [
            f"{item}[{numbers[i]}] {_article_line(story, i, esc)}: {esc(reasons[i])}"
            for i in ordered
            if i in left_out
        ]
    facts = _facts_lines(story, "- ", esc)
    if facts:
        lines += ["", f"{h2}Facts", *facts]
    return "\n".join(lines) + "\n"


def render_html(story: Story) -> str:
    """The web page's own template, as one self-contained file."""
    from newsdigest.serve.templating import standalone_story

    return standalone_story(story)


def to_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline, written by orjson:
    the standard library writes indented JSON in pure Python, ~0.1 s for 59 stories and
    growing with the store at every ``stories --format json`` (orjson: 8 ms, the same bytes);
    what orjson refuses (an integer past 64 bits) goes to the standard library."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n"
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(story: Story, fmt: str = "text") -> str:
    """One story in ``fmt`` (text, markdown, json, html)."""
    if fmt == "json":
        return to_json(story_to_dict(story))
    if fmt == "markdown":
        return render_text(story, markdown=True)
    if fmt == "html":
        return render_html(story)
    if fmt == "text":
        return render_text(story)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_many(stories: Sequence[Story], fmt: str = "text") -> str:
    """Several stories: a JSON list, or the stories one after another."""
    if fmt == "json":
        return to_json([story_to_dict(s) for s in stories])
    sep = "\n---\n\n" if fmt in ("text", "markdown") else "\n"
    return sep.join(render(s, fmt) for s in stories)
