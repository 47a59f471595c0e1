"""One story from one cluster of articles: split, drop outliers, summarize, cite, extract facts.

``build_story`` is the per-story function every path shares (``digest``, ``stories``, the web
API and the Spark job), so a story is the same whichever of them built it.
"""

from __future__ import annotations

import math
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsdigest.analysis import ArticleAnalysis, docs_from
from newsdigest.cite import cite, content_words
from newsdigest.config import DEFAULT_WORDS, StoryConfig, story_config
from newsdigest.errors import InputError, NoArticlesError, Refusals, check_hooks
from newsdigest.latest import after_lead, latest_lead
from newsdigest.model import Article, Facts, GeneratedSentence, Sentence, Story, story_id
from newsdigest.names import NAME_WORD, NOT_GIVEN
from newsdigest.numbering import source_numbers
from newsdigest.outliers import find_outliers
from newsdigest.readability import has_finite_verb
from newsdigest.split import split_sentences
from newsdigest.summarize import quality
from newsdigest.summarize.base import Budget, Summarizer
from newsdigest.summarize.quality import is_caption

__all__ = ["DEFAULT_WORDS", "StoryConfig", "build_story", "digest", "load_inputs"]


MAX_TITLE_WORDS = 14
_TRAILING = frozenset("a an the of by to and or on at in for with from as that".split())
# words a phrase opens with, where a title may end; not "to", "in", "at", "over", "after",
# which also join a verb to its infinitive or particle ("expected|to", "went|into": a hostile
# pass's titles ending on a verb)
_PHRASE_OPENERS = frozenset(
    """with for by from before as while when where who which that because during near against
    since until amid among under without following""".split()
)
# a verb's helpers, before which a title does not end ("... Joe Biden will…")
_AUXILIARIES = frozenset(
    """is are was were be been being has have had will would can could should may might must
    shall does do did""".split()
)
_NEGATED_HELPERS = _AUXILIARIES | {"ca", "wo"}  # "can't", "won't" without their "n't"
# what opens a clause set before the main one ("If you like energy drinks but hate the
# drinking part, there's now ...", "At the silver anniversary of the SAG awards, actors ...")
_FRONTED = frozenset(
    """If Despite Although Though While When After Before As Because Since Amid At In On With
    For During Unlike Like""".split()
)
MAX_FRONTED_WORDS = 12


def _stems(text: str) -> set[str]:
    """Content words cut to five letters: "retires" and "retirement" meet."""
    return {w[:5] for w in content_words(text)}


def _title(
    articles: Sequence[Article], summary_text: str, lines: Sequence[str] | None = None
) -> str:
    """The headline most outlets gave the story, then the one nearest a headline's usual
    length, among those that share some words with other outlets' headlines or the digest (a
    Daily Mail teaser for another story, "Elon Musk's Hyperloop could transport animals at
    speed", had titled a dev-stream story of ocean "smoke rings"); else the digest's opening,
    cut before a name rather than inside it (``_opening_title``). ``lines``: the digest's
    sentences (``summary_text`` split into sentences when not given)."""
    titles = [a.title.strip() for a in articles if 15 <= len(a.title.strip()) <= 160]
    if len(set(titles)) > 1:
        stems = {t: _stems(t) for t in titles}
        said = _stems(summary_text)
        on_topic = [
            t
            for t in titles
            if len(stems[t] & said.union(*(stems[o] for o in titles if o != t)))
            >= max(2, len(stems[t]) / 3)
        ]
        titles = on_topic or titles
    elif len(titles) == 1 and len(articles) > 1:
        # the one title among several untitled texts is theirs only if the digest says what it
        # says: a Multi-News page's first line, "Virgin Australia" (a travel site's menu), had
        # titled a digest of April Fools' pranks (an empty digest says nothing against it)
        said_one = _stems(summary_text)
        if said_one and not _stems(titles[0]) & said_one:
            titles = []
    if titles:
        counts = {t: titles.count(t) for t in titles}
        return max(titles, key=lambda t: (counts[t], -abs(len(t) - 70)))
    if lines is None:
        lines = [s.text for s in split_sentences(summary_text, "title")]
    return _opening_title(lines, articles)


def _without_headline(
    selected: Sequence[Sentence | GeneratedSentence], title: str, articles: Sequence[Article]
) -> Sequence[Sentence | GeneratedSentence]:
    """The digest without a sentence that only repeats its headline: an AP alert whose whole
    text is its headline ("LAKE FOREST, Ill. — Chicago Bears fire coach John Fox after 5-11
    season.", a dev-stream article) opened its digest under that very title. Only a title
    from the articles' own headlines (an untitled story's is its digest's opening), and never
    the digest's only sentence."""
    if len(selected) < 2 or not any(a.title for a in articles):
        return selected
    key = _words_key(title)
    return [s for s in selected if _words_key(s.text) != key] or selected


def _words_key(text: str) -> str:
    """``text``'s words, lower-cased, without punctuation."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _opening_title(lines: Sequence[str], articles: Sequence[Article]) -> str:
    """An untitled story's title: the first of the digest's sentences that a title may be
    cut from (``_stands_as_title``) unless it is weak (``_weak_headline``) and a later one
    names whom the story is about and is not; else the first such opening line of its
    articles, else the digest's first sentence. A sentence that needs the one before it
    ("Rather incredibly, this wasn't even a friendly.", "For instance, widely used GPS
    tracking devices do not work indoors.": Multi-News stories' titles), a quotation cut
    before its speaker's name ("I do not know your name — but I know that a lot…", Biden's)
    or a clause cut before its main clause ("Although the name rhymes with the very real
    Google Home…") says nothing alone."""
    # lazily: whether a line stands may ask the tagger (a few ms a line), and the first line
    # that stands is most often the title
    cut = ((text, _title_of(text)) for text in lines)
    titles = ((text, title) for text, title in cut if _stands_as_title(text, title))
    first = next(titles, None)
    if first is not None:
        if not _weak_headline(first[1]):
            return first[1]
        # a later line that names whom the story is about, not a picture's caption ("Shown is
        # a screenshot of ...")
        central = _central_names(articles)
        return next(
            (
                title
                for text, title in titles
                if _names(title, central)
                and not _weak_headline(title, central)
                and not is_caption(text)
            ),
            first[1],
        )
    leads = [lead for lead in map(_lead_line, articles) if lead]
    for lead in leads:
        title = _title_of(lead)
        if _stands_as_title(lead, title):
            return title
    # nothing reads alone: an article's own opening line needs what came before it least ("I
    # adore Betty White.", a comment page's, not its second line "She just keeps getting
    # better and better.", which had titled it: Multi-News 203)
    if leads:
        return _title_of(leads[0])
    return _title_of(lines[0]) if lines else ""


def _weak_headline(title: str, central: frozenset[str] | None = None) -> bool:
    """Whether ``title`` fails to say what happened as a headline does: it opens with a clause
    set before its subject ("As attorney Keith Hampton was working to get his client Greg
    Kelley out…": Multi-News 152; "Earlier on Thursday, Bundy tried ..."), or its subject is
    a bare "the" and a noun that points back ("The deal is expected to increase defense and
    domestic spending…": 146). With the story's ``central`` names, a title that gives way to
    another, a phrase set off by a comma in its first words without one of them ("Last year,
    Kelly Keyes reviewed the file …") is such a clause too."""
    words = title.split()
    if len(words) < 3:
        return False
    fronted = (words[0] in _FRONTED or words[0] in ("Earlier", "Later")) and (
        title.endswith("…") or not any(w.endswith(",") for w in words[:-1])
    )  # a whole sentence past its comma has its main clause ("As a woman tried ..., two
    # cars hit her"), and "At least 10 prospective jurors ..." opens with its subject
    fronted = fronted and words[:2] != ["At", "least"]
    bare_the = words[0] == "The" and words[1].islower() and words[2].lower() in _AUXILIARIES
    if central is not None and not (fronted or bare_the):
        head = words[:_SUBJECT_WORDS]
        comma = next((k for k, w in enumerate(head) if w.endswith(",")), -1)
        fronted = comma >= 0 and not any(_name_key(w) in central for w in head[: comma + 1])
    return fronted or bare_the


def _names(title: str, central: frozenset[str]) -> bool:
    """Whether ``title``'s first words name someone or something most of the story's articles
    name (``central``): a headline says who."""
    return any(_name_key(w) in central for w in title.split()[:_SUBJECT_WORDS])


_SUBJECT_WORDS = 6  # a headline's first words, where it names who
# the calendar's names, which every article of a week's story may write: no one it is about
_CALENDAR = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July"
    r"|August|September|October|November|December"
)


def _name_key(word: str) -> str:
    """A word as a name: without its possessive and punctuation ("Bundy's" is "Bundy")."""
    return re.sub(r"['’]s?$", "", word.strip("\"“”‘’'(),;:.…!?"))


MIN_CENTRAL_MENTIONS = 3  # a lone article's name words, to be what it is about
# the share of the most written name's articles that a name's must reach: Bundy's four of
# four, not Hannity's two (Multi-News 151)
CENTRAL_SPREAD = 0.75


def _central_names(articles: Sequence[Article]) -> frozenset[str]:
    """The capitalized words (not in lower case too, nor the calendar's) that about as many
    articles write as the most written one, two at least (``CENTRAL_SPREAD``); of a lone
    article, those it writes ``MIN_CENTRAL_MENTIONS`` times: who and what the story is
    about."""
    texts = [a.text for a in articles]
    per_article = [Counter(NAME_WORD.findall(t)) for t in texts]
    lower = {w for t in texts for w in re.findall(r"\b[a-z]+\b", t)}
    if len(texts) == 1:
        found = Counter(w for w, n in per_article[0].items() if n >= MIN_CENTRAL_MENTIONS)
    else:
        found = Counter(w for c in per_article for w in c)
    found = Counter(
        {
            w: n
            for w, n in found.items()
            if w.lower() not in lower and w not in NOT_GIVEN and not _CALENDAR.fullmatch(w)
        }
    )
    most = max(found.values(), default=0)
    least = 1 if len(texts) == 1 else max(2, math.ceil(CENTRAL_SPREAD * most))
    return frozenset(w for w, n in found.items() if n >= least)


def _lead_line(article: Article) -> str:
    """The article's opening line fit for a title: its first sentence of a few words or more
    among its first ``MAX_LEAD_SENTENCES`` ("7.57 pm.", a live blog's first line, is passed
    over), unless that is a picture's caption; else ""."""
    for sentence in split_sentences(article.text[:MAX_LEAD_CHARS], "lead")[:MAX_LEAD_SENTENCES]:
        if len(sentence.text.split()) >= MIN_LEAD_TITLE_WORDS:
            return "" if is_caption(sentence.text) else sentence.text
    return ""


# an article's opening line read for a title, and the fewest words it takes ("7.57 pm." opened
# a Multi-News live blog)
MAX_LEAD_CHARS = 1_000
MIN_LEAD_TITLE_WORDS = 4
MAX_LEAD_SENTENCES = 2
# what opens a clause that cannot stand without its main clause
_SUBORDINATORS = frozenset(
    "if although though while when whenever because since unless whereas".split()
)


_QUOTE_CLOSES = {'"': '"', "“": "”", "'": "'", "‘": "’"}


def _stands_as_title(text: str, title: str) -> bool:
    """Whether a title cut from the sentence ``text`` reads alone: ``text`` does not need the
    sentence before it nor only announce the one after, and the title is no quotation cut
    before its speaker nor a subordinate clause without its main clause."""
    if quality.needs_context(text) or quality.leads_in(text) or _hinges_on_pronoun(title):
        return False
    if not _main_clause_has_verb(text):
        return False
    cut = title.endswith("…") or len(split_sentences(text, "title")) > 1
    words = title.split()
    if cut and text.lstrip()[:1] in _QUOTE_CLOSES:
        # the quotation must close inside the title ('"Star Trek" star George Takei had
        # everyone fooled ...' may be cut; a speaker's words cut off from his name may not)
        body = text.lstrip()
        close = body.find(_QUOTE_CLOSES[body[0]], 1)
        if close < 0 or len(body[: close + 1].split()) >= len(words):
            return False
    if cut and words and words[0].lower().strip(",") in _SUBORDINATORS:
        # the title must reach past the comma that ends the clause
        return any(w.endswith(",") for w in words[:-1])
    return True


# what opens a clause inside a sentence that cannot stand without the clause before it
_SUBORDINATE = re.compile(r"\s(?:if|when|because|unless|although|though|while|since|until)\s")


def _main_clause_has_verb(text: str) -> bool:
    """Whether the sentence ``text``, up to a subordinate clause inside it, has a finite verb:
    "A threat to take this vision across the country if the GOP doesn't cooperate now." (a
    live blog's line, Multi-News 107's fifth page's title once its "One key will be how it's
    paid for" went) has its verb only in the "if" clause; "A photo from the 1998 excavation,
    with the brachiosaur foot bones below ..." (Multi-News 33's) has none. A label before a
    colon ("Kiruna's solution: Pick up the entire city ...") is left as it is."""
    found = _SUBORDINATE.search(text)
    head = text[: found.start()] if found else text
    return ":" in head or has_finite_verb(head)


# a third person's pronoun, which a title can only use for someone it has named
_THIRD_PERSON = frozenset("he she it they him her them his its their hers theirs".split())


def _hinges_on_pronoun(title: str) -> bool:
    """Whether a title that opens with a phrase set before its main clause has a third
    person's pronoun in that phrase or in the first words after its comma, before any name
    ("In style, the last thing it was was professorial", "With his speech last night to
    Congress, the President is giving that strategy one more government try": Multi-News
    107's titles): what it points to, the text before said."""
    words = title.split()
    if not words or words[0] not in _FRONTED:
        return False
    comma = next((k for k, w in enumerate(words[:MAX_FRONTED_WORDS]) if w.endswith(",")), -1)
    if comma < 0:
        return False
    named = [
        k > 0
        and w.lstrip("\"“‘'(")[:1].isupper()
        and words[k - 1].lower() != "the"
        and w.strip(",.;:") not in _GROUPS
        for k, w in enumerate(words)
    ]  # a name, not a role ("the President") nor a group ("Republicans", whom no "he" is)
    head = comma + 1 + _MAIN_CLAUSE_HEAD
    for k, word in enumerate(words[:head]):
        if named[k]:
            return False
        bare = re.sub(r"['’]\w*$", "", word.strip("\"“”‘’'(),;:.…!?")).lower()
        if bare in _THIRD_PERSON:
            # ... unless the main clause's subject names it ('For much of its two-hour-plus
            # length, "Hereafter" plays like ...')
            return not any(named[comma + 1 : head])
    return False


_MAIN_CLAUSE_HEAD = 4  # the main clause's words read for its subject
# the parties' and a people's members, named as groups: no person a pronoun points at ("After
# months of mild attempts to get Republicans to agree, he hasn't caved ...": Multi-News 107's
# fifth page, the "he" Obama, named only before)
_GROUPS = frozenset("Republicans Democrats Conservatives Liberals Americans".split())


def _title_of(text: str) -> str:
    """A title cut from one sentence (its first, where ``text`` holds more)."""
    sentences = split_sentences(text, "title")  # "Gov. Andrew Cuomo": one sentence
    first = (sentences[0].text if sentences else text).split()
    opened = next((k for k, w in enumerate(first) if w[:1] == "“"), None)
    if opened is not None and "”" not in " ".join(first[opened:]):
        # no quotation cut open ('On the first, Mr. Obama said: “The judge conducted the
        # trial in a professional manner', a wire cluster's title): the words before it
        if opened >= MAX_TITLE_WORDS // 2:
            return " ".join(first[:opened]).rstrip(",;:") + "…"
        first[opened] = first[opened][1:]
    if len(first) > MAX_TITLE_WORDS + 4 and first[0] in _FRONTED:
        # the main clause, not the one before it: a title of the clause alone says nothing
        comma = _fronted_clause_end(first)
        if comma > 0 and len(first) - comma > 5 and _balanced(first[: comma + 1]):
            first = first[comma + 1 :]
            first[0] = first[0][:1].upper() + first[0][1:]
    if len(first) > MAX_TITLE_WORDS + 4:
        first = _without_aside(first)
    if len(first) <= MAX_TITLE_WORDS + 4:
        whole = " ".join(first)
        if whole.endswith(("...", "…")):  # a headline that trails off ("... ridiculous ...")
            return whole.rstrip(" .…") + "…"
        return whole.rstrip(".")
    for k in range(MAX_TITLE_WORDS, MAX_TITLE_WORDS // 2, -1):
        # where a phrase ends: before a preposition, a conjunction or a relative word, or
        # after a comma ("... is accused of being "obsessed" with one…" read as cut off)
        before = first[k - 1].lower().rstrip(",")
        if (
            (first[k].lower() in _PHRASE_OPENERS or first[k - 1].endswith(","))
            and before not in _TRAILING
            and before not in _AUXILIARIES
            and not before.endswith(("'ll", "’ll", "'d", "’d"))
            and _balanced(first[:k])
        ):
            return " ".join(first[:k]).rstrip(",;:") + "…"
    words = _without_dangling(first[:MAX_TITLE_WORDS])
    if not _balanced(words):
        # the cut fell inside a quotation or brackets: the words before them, or the words
        # without their mark ("(or…" had no quotation mark: the search for one found none)
        opened = max(k for k, w in enumerate(words) if any(c in w for c in _OPENERS))
        if opened >= MAX_TITLE_WORDS // 2:
            words = _without_dangling(words[:opened])
        else:
            words[opened] = "".join(c for c in words[opened] if c not in _OPENERS)
    return " ".join(words).rstrip(",;:") + "…"


_DASHES = frozenset({"--", "—", "–"})
MAX_ASIDE_OPENING = 4  # an aside after the subject opens within its first words


def _without_aside(words: list[str]) -> list[str]:
    """The words without an aside set off by dashes after the subject, where the main clause
    goes on after it: "Cliven Bundy -- the Nevada rancher turned conservative folk hero for
    bucking ... -- admits he doesn't understand ..." had titled Multi-News 151 "Cliven Bundy
    -- the Nevada rancher turned conservative folk hero…" (the cut fell inside the aside: no
    verb). A long title cut from it is the subject and its main clause, where the aside runs
    past the title's length."""
    relative = _without_relative_aside(words)
    if relative is not words:
        return relative
    opened = next(
        (k for k, w in enumerate(words[1 : MAX_ASIDE_OPENING + 1], 1) if w in _DASHES), None
    )
    if opened is None or any(_DATELINE_WORD.search(w) for w in words[:opened]):
        return words  # a dateline's dash ("(CNN) --", "ERIE, Pa. —", "OTTAWA --")
    closed = next((k for k in range(opened + 1, len(words)) if words[k] in _DASHES), None)
    if closed is None or closed < MAX_TITLE_WORDS or closed + 1 >= len(words):
        return words  # a title cut after the aside holds its main clause's first words
    return words[:opened] + words[closed + 1 :] if words[closed + 1][:1].islower() else words


def _without_relative_aside(words: list[str]) -> list[str]:
    """The words without a relative clause set off by commas after the subject, where the
    main clause's verb comes after it: "The report, which was issued Tuesday, concluded that
    drinking the equivalent of one small glass of wine ..." had titled Multi-News 97 "The
    report, which was issued Tuesday, concluded that drinking the equivalent of one small…"
    (the aside took a third of the title), and 152 "Dan and Fran Keller, who spent more than
    21 years in prison after they…" (no verb). ``words`` itself where there is none."""
    opened = next(
        (
            k
            for k, w in enumerate(words[: MAX_ASIDE_OPENING + 1])
            if w.endswith(",") and words[k + 1 : k + 2] in (["which"], ["who"])
        ),
        None,
    )
    if opened is None:
        return words
    closed = next(
        (k for k in range(opened + 2, len(words)) if words[k].endswith((",", ";", ":"))), None
    )
    if closed is None or not words[closed].endswith(",") or closed + 1 >= len(words):
        return words
    after = words[closed + 1]
    if not after[:1].islower() or after in _PHRASE_OPENERS or after in ("and", "but", "or"):
        return words  # no verb of the main clause after it ("..., which ..., and ...")
    # a clause set before the subject keeps the comma that ends it ("Using embryonic stem
    # (ES) cells, which in theory ..., several teams made some progress ...": Multi-News 200)
    fronted = words[0] in _FRONTED or words[0].endswith("ing")
    last = words[opened] if fronted else words[opened].rstrip(",")
    return [*words[:opened], last, *words[closed + 1 :]]


# a word before a dateline's dash: the place in capitals, its state after a comma, the agency
_DATELINE_WORD = re.compile(r"^[A-Z]{2,}\W*$|[,)]$")


_OPENERS = '"“('  # the marks whose close a cut may leave out
# a main clause's subject that points back into the clause before it ("If Obama's policies
# have had a flaw, it is the conceit ...", "When you stepped inside a building in Accra, Ghana,
# you were greeted ..."): cut from it, the title says nothing
_POINTING_BACK = frozenset("it you he she they we i this these those its his her their".split())


def _fronted_clause_end(words: Sequence[str]) -> int:
    """The index of the comma that ends the clause before the main one, or -1: not a place's
    ("in Accra, Ghana, you were ..."; two capitalized words, each before a comma), and none
    when the main clause opens with a word that points back into that clause."""
    for k, word in enumerate(words[:MAX_FRONTED_WORDS]):
        if not word.endswith(","):
            continue
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if word[:1].isupper() and nxt[:1].isupper() and nxt.endswith(","):
            continue  # "Accra, Ghana,": the place goes on
        if _names_between_commas(words[k + 1 : k + 2 + MAX_APPOSITIVE_NAME_WORDS]):
            # a name set off after the clause's last word goes on with it ("When speaking about
            # his oft-criticized and overanalyzed star, LeBron James, Miami Heat coach Erik
            # Spoelstra has a line: ...": Multi-News 226 had been titled "LeBron James, Miami
            # Heat coach Erik Spoelstra has a line: ...", as if James were the coach)
            continue
        return -1 if nxt.lower() in _POINTING_BACK else k
    return -1


MAX_APPOSITIVE_NAME_WORDS = 3  # "LeBron James,", "Gov. Rick Scott,"


def _names_between_commas(words: Sequence[str]) -> bool:
    """Whether the words open with a name (capitalized words only, two at least) that a comma
    ends, and a capitalized word follows: the main clause's subject, not the name's own
    relative clause or role ("After the vote, President Obama, who ...": Obama is the
    subject)."""
    for j, word in enumerate(words[:MAX_APPOSITIVE_NAME_WORDS]):
        if not word[:1].isupper():
            return False
        if word.endswith(","):
            return j >= 1 and j + 1 < len(words) and words[j + 1][:1].isupper()
    return False


def _balanced(words: Sequence[str]) -> bool:
    """No quotation nor bracket left open."""
    text = " ".join(words)
    return (
        text.count('"') % 2 == 0
        and text.count("“") <= text.count("”")
        and text.count("(") <= text.count(")")
    )


def _without_dangling(words: list[str]) -> list[str]:
    """Without the words a cut left hanging: a name's first words ("... British Foreign
    Secretary William…"), an article, a preposition, a verb's helper or an infinitive ("...
    forward by the…", "... campaign to get…")."""
    words = list(words)
    while len(words) > MAX_TITLE_WORDS // 2 and words[-1][:1].isupper():
        words.pop()
    while len(words) > MAX_TITLE_WORDS // 2 and (
        words[-1].lower() in _TRAILING
        or words[-1].lower().replace("’", "'").removesuffix("n't") in _NEGATED_HELPERS
        or (words[-2].lower() == "to" and words[-1][:1].islower())  # "... campaign to get…"
    ):
        words.pop()
    return words


def resolve_summarizer(summarizer: str | Summarizer | None, embedder: str | None) -> Summarizer:
    if summarizer is None or isinstance(summarizer, str):
        from newsdigest.summarize import get_summarizer

        return get_summarizer(summarizer, embedder=embedder)
    return summarizer


@contextmanager
def _stage(timings: dict[str, list[float]] | None, name: str) -> Iterator[None]:
    """Add the seconds the block took to ``timings[name]`` (nothing when ``timings`` is None)."""
    started = time.perf_counter()
    yield
    if timings is not None:
        timings.setdefault(name, []).append(time.perf_counter() - started)


def build_story(
    articles: Sequence[Article],
    config: StoryConfig | None = None,
    *,
    story_key: str | None = None,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
    timings: dict[str, list[float]] | None = None,
) -> Story:
    """Digest one cluster of clean articles into a Story (deterministic for the same input).

    ``analyses``: per-article work already done (sentences, parses; ``newsdigest.analysis``),
    reused instead of redone. ``timings``, if given, collects the seconds of each stage
    (``newsdigest bench``).
    """
    analyses = analyses or {}
    config = config or StoryConfig()
    if not articles:
        raise NoArticlesError("no articles to digest")
    method = resolve_summarizer(config.summarizer, config.embedder)
    with _stage(timings, "split"):
        sentences = _sentences_of(articles, analyses)
    with _stage(timings, "outliers"):
        outliers = find_outliers(articles, sentences) if config.outliers else ()
    outlier_ids = {o.article_id for o in outliers}
    kept = [a for a in articles if a.id not in outlier_ids]
    docs = [sentences[a.id] for a in kept]
    with _stage(timings, "summarize"):
        title_budget = _title_budget(config.budget)
        selected, title = _digest_and_title(kept, docs, method, title_budget)
        if config.budget != title_budget:
            # a short digest is titled as the default one is (``_title_budget``)
            selected = method.summarize(docs, config.budget)
            lead = latest_lead(kept, docs, title, config.budget)
            if lead is not None:
                selected = after_lead(lead, config.budget, docs, method.summarize)
        selected = _without_headline(selected, title, kept)
    with _stage(timings, "cite"):
        summary = cite(selected, docs, {a.id: a.outlet or f"#{a.id}" for a in kept})
    facts = None
    if config.facts:
        with _stage(timings, "facts"):
            facts = _facts_of(articles, sentences, outlier_ids, analyses)
    ids = [a.id for a in articles]
    return Story(
        id=story_key or story_id(ids),
        title=title,
        articles=tuple(articles),
        summary=summary,
        outliers=outliers,
        facts=facts,
        urls={a.id: (a.url,) for a in articles if a.url},
        sentences=sentences,
    )


def story_facts(
    articles: Sequence[Article],
    config: StoryConfig | None = None,
    *,
    analyses: Mapping[str, ArticleAnalysis] | None = None,
) -> Facts:
    """The facts ``build_story`` gives a story of these articles, alone: the story with them is
    ``build_story`` with facts off, its facts replaced by these (the digest and the facts
    depend on the articles alone, not on each other), so ``stories`` builds the two parts of
    one story in two processes side by side."""
    analyses = analyses or {}
    config = config or StoryConfig()
    if not articles:
        raise NoArticlesError("no articles to digest")
    sentences = _sentences_of(articles, analyses)
    outliers = find_outliers(articles, sentences) if config.outliers else ()
    return _facts_of(articles, sentences, {o.article_id for o in outliers}, analyses)


def _sentences_of(
    articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
) -> dict[str, tuple[Sentence, ...]]:
    return {
        a.id: analyses[a.id].sentences if a.id in analyses else tuple(split_sentences(a.text, a.id))
        for a in articles
    }


def _facts_of(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    outlier_ids: Collection[str],
    analyses: Mapping[str, ArticleAnalysis],
) -> Facts:
    from newsdigest.facts import extract_facts

    facts = extract_facts(
        list(articles), sentences, docs=docs_from(analyses, articles), outliers=outlier_ids
    )
    # the quotes of articles about another event go last (they stay, marked, as the
    # timeline's do): every view lists the first few only
    return replace(
        facts, quotes=tuple(sorted(facts.quotes, key=lambda q: q.article in outlier_ids))
    )


# the digest a story is titled from: a title cut from, or weighed against, a digest of the
# length asked had changed with it (the seeds: "Pompeo and Putin discussed ..." at --words 40,
# "US And Russian Authorities Show Desire to Improve Relations" at the default)
TITLE_BUDGET = Budget(words=DEFAULT_WORDS)


def _title_budget(budget: Budget) -> Budget:
    """The budget a story's title is chosen at: the default one for a shorter digest (a few
    lines may not say what the story is about), the one asked otherwise. A longer digest's
    title is the default one's as a rule (it holds what the default digest says), and a second
    summary of every long digest had cost a third of the digest's time (Multi-News at 250
    words, ``bench/e2e_vs_lexrank.py``: 5.6x LexRank's speed -> 3.8x)."""
    if budget.words is not None:
        return TITLE_BUDGET if budget.words < DEFAULT_WORDS else budget
    return TITLE_BUDGET if budget.sentences is not None else budget


def _digest_and_title(
    kept: Sequence[Article],
    docs: Sequence[Sequence[Sentence]],
    method: Summarizer,
    budget: Budget,
) -> tuple[Sequence[Sentence | GeneratedSentence], str]:
    """The digest within ``budget`` and the title it gives the story; a story that runs for
    days opens with its latest development (``latest_lead``), and is titled again after."""
    selected = method.summarize(docs, budget)
    lines = [s.text for s in selected]
    title = _title(kept, " ".join(lines), lines)
    lead = latest_lead(kept, docs, title, budget)
    if lead is not None:
        selected = after_lead(lead, budget, docs, method.summarize)
        lines = [s.text for s in selected]
        title = _title(kept, " ".join(lines), lines)
    return selected, title


def _warn(error: InputError) -> None:
    # the caller's line: past _load_into, load_articles and load_inputs
    warnings.warn(str(error), stacklevel=5)


def load_inputs(
    inputs: Iterable[str | Path | Article] | str | Path | Article,
    on_error: Callable[[InputError], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> list[Article]:
    """Articles from paths, Article objects or plain strings (each one article's text).

    A ``str`` is a path when it is one line naming an existing file or folder, or one word
    ending in a supported extension or "/" (a missing ``"a.txt"`` or ``"news/"`` is reported);
    otherwise it is one article's text. Pass a ``pathlib.Path`` to insist on a path. Bad inputs go to ``on_error`` (a warning by default).
    A folder's files of other formats are skipped, one line a folder to ``on_notice``.
    """
    from newsdigest.ingest import input_list, load_articles

    kinds = "paths, Article objects or texts"
    given = [inputs] if isinstance(inputs, Article) else input_list(inputs, "articles", kinds)
    # each refusal told as it comes: the result keeps only the first (``Refusals``)
    result = load_articles(given, on_error=on_error or _warn)
    if on_notice:
        for notice in result.notices:
            on_notice(notice)
    # the same text read twice (a file listed twice, a copy) is one article
    unique = {a.id: a for a in result.articles}
    return list(unique.values())


def digest(
    articles: Iterable[str | Path | Article] | str | Path,
    config: StoryConfig | None = None,
    *,
    on_error: Callable[[InputError], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    **settings: Any,
) -> Story:
    """Digest the articles of one event: the public Python API behind ``newsdigest digest``.

    ``settings`` are ``StoryConfig`` fields (``words=40``, ``facts=False``…), applied over
    ``config``. Each input that cannot be used goes to ``on_error`` (a warning by default);
    when none can, ``NoArticlesError`` says why (the first reason, unless ``on_error`` was
    told) and holds the refusals in ``rejected`` (a ``Refusals``: the first ones whole, all
    counted).
    """
    config = story_config(config, **settings)
    check_hooks(on_error=on_error, on_notice=on_notice)
    rejected = Refusals()

    def collect(error: InputError) -> None:
        rejected.append(error)
        if on_error is not None:
            on_error(error)
        else:
            # the caller's line: past _load_into, load_articles, load_inputs and digest
            warnings.warn(str(error), stacklevel=6)

    loaded = load_inputs(articles, collect, on_notice)
    if not loaded:
        raise NoArticlesError.of(rejected, told=on_error is not None)
    story = build_story(loaded, config)
    told = [why_no_digest(story, config), several_events(story) if config.facts else None]
    for why in filter(None, told):
        if on_notice is not None:
            on_notice(why)
        else:
            warnings.warn(why, stacklevel=2)
    return story


EVENTS_SAMPLE = 200  # articles, evenly spaced, that judge a larger pile


def several_events(story: Story) -> str | None:
    """What to tell when the articles read as more than one event: ``digest`` makes one story
    of whatever it is given (twelve articles of four events had been digested as one, a
    football game's lines beside a singer's mourning, without a word).

    The stories' clusterer judges; only groups of two articles or more count, since a lone
    article is as often one outlet's side piece. Run with facts only, whose spaCy pipeline it
    loads anyway; its NER of titles and leads is a second pass over text the facts' parse has
    read (measured: a note on 29 of 30 mixes of two dev events, and on 1 of 59 single dev
    events and 3 of 64 Multi-News clusters). A pile of more than ``EVENTS_SAMPLE`` articles is
    judged by that many of them.
    """
    from newsdigest.cluster import cluster_stream

    left_out = {o.article_id for o in story.outliers}
    kept = [a for a in story.articles if a.id not in left_out]
    if len(kept) < 4:
        return None
    if len(kept) > EVENTS_SAMPLE:  # the clusterer compares pairs: 3,000 tiny files took 17 s
        step = len(kept) / EVENTS_SAMPLE
        kept = [kept[int(i * step)] for i in range(EVENTS_SAMPLE)]
    members: dict[str, list[str]] = {}
    for article, group in cluster_stream([kept]).items():
        members.setdefault(group, []).append(article)
    groups = [ids for ids in members.values() if len(ids) >= 2]
    if len(groups) < 2:
        return None
    numbers = source_numbers(story)
    listed = sorted(sorted(numbers[a] for a in ids) for ids in groups)
    shown = "; ".join("".join(f"[{n}]" for n in ns) for ns in listed)
    return (
        f"these articles may report {len(groups)} events ({shown}), digested here as one "
        "story; `newsdigest ingest` then `newsdigest stories` gives each event its own"
    )


def why_no_digest(story: Story, config: StoryConfig) -> str | None:
    """Why ``story``'s digest came out empty, when it did and the reason is known: articles in
    another language, or a word budget no whole sentence fits in (``--words 1`` had printed a
    title, sources and facts over an empty digest without a word on why)."""
    if story.summary:
        return None
    if why := not_english(story.articles):
        return why
    words = config.budget.words
    if words is None or words >= DEFAULT_WORDS:
        return None
    # the budget is the reason when the default one gets a digest of the same articles
    left_out = {o.article_id for o in story.outliers}
    docs = [story.sentences[a.id] for a in story.articles if a.id not in left_out]
    method = resolve_summarizer(config.summarizer, config.embedder)
    if not method.summarize(docs, TITLE_BUDGET):
        return None
    unit = "word" if words == 1 else "words"
    return f"no digest: a digest keeps whole sentences, and none fits in {words} {unit}"


def not_english(articles: Sequence[Article]) -> str | None:
    """Why a digest came out empty when no article is in English, else None: the splitter,
    the summarizer's checks and the facts read English; a Chinese cluster had printed an
    empty digest without a word."""
    languages = Counter(a.language for a in articles if a.language)
    if not languages or "en" in languages:
        return None
    found = ", ".join(f"{lang} ({n})" for lang, n in sorted(languages.items()))
    return f"no digest: newsdigest summarizes English text, and these articles are in {found}"
