"""Is a sentence fit to stand alone in a summary? Cheap surface checks, each with a reason.

Extractive summaries fail in recognizable ways: a quote cut in half, "I think..." with no
speaker, a question as the opening line, a caption or a share widget, a 3-word fragment or a
run-on paragraph the splitter could not break. Each check names what it caught, so tests
(and users) can see why a sentence was passed over.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice

from newsdigest.clean.rules import Folded, is_update_note, notice_kind
from newsdigest.model import Sentence
from newsdigest.split import is_abbreviation, word_before
from newsdigest.summarize.text import ascii_runs, keeping, word_count
from newsdigest.timeutil import WEEKDAYS

MIN_WORDS = 6
MAX_WORDS = 70
# verdicts on texts kept (``lru_cache``): a story's units at least, as a digest asks of a unit
# in several stages (its units' merging, its features, each of the selection's runs, the
# order of the digest and the moving of introductions, which ask of each pair of lines)
TEXT_CACHE = 8192

# Capitalized forms count too ("We will not..."), but not "US" (the country).
# Whole words (an apostrophe ends one, so "I'm" and "We've" count); a set lookup per word is
# several times faster than one alternation regex.
_FIRST_PERSON = frozenset("I Me me My my Mine mine We we us Our our Ours ours".split())
_LETTERS = re.compile(r"[A-Za-z]+")
# searched on the lower-cased text where that is exact (``Folded``): IGNORECASE cost 10 µs
_SPEAKER = Folded(
    r"\b(said|says|say|told|tells|added|adds|asked|explained|wrote|writes|according to|"
    r"recalled|recalls|insisted|argued|noted|declared|stated|tweeted|posted)\b"
)
# Checked on lowercased text without IGNORECASE, and the URL/handle patterns only when a
# cheap substring test finds a candidate: case-folding regexes cost ~100 µs a sentence.
# an e-mail address is one word with one "@" (r"\S+@\S+\.\w" tried every "@" of a word from
# every start: 5,000 of them in a unit took 51 s)
_BOILERPLATE_MARKS = re.compile(
    r"https?://|www\.|(?<!\S)[^\s@]+@[^\s@]+\.\w|\B@\w{2,}|pic\.twitter|t\.co/"
)
_MARK_HINTS = ("@", "http", "www.", "t.co/", "pic.twitter")
_BOILERPLATE_WORDS = re.compile(
    r"\b(click here|subscribe|sign up|newsletters?|follow (us|him|her|them)|share this|"
    r"read more|continue reading|related:|advertisement|all rights reserved|copyright|"
    r"enlarge this image|toggle caption|getty images|ap photo|photo:|image:|video:|"
    r"file photo|caption|this article|this story (has been|was) (updated|corrected)|"
    r"our newsletter|leave a (reply|comment)|email address|cookies?|javascript|"
    r"terms of (use|service)|privacy policy|check also|google news|reprints?|"
    r"contributed to this report|reporting by|editing by|writing by)\b"
)
# The first word of every phrase above (a test reads them off the pattern): ASCII text none
# of whose words is one of these holds no phrase, and the alternation, 5 µs a sentence, is
# searched only in the fifth of sentences that have one.
_BOILERPLATE_FIRST = frozenset(
    """click subscribe sign newsletter newsletters follow share read continue related advertisement all
    copyright enlarge toggle getty ap photo image video file caption this our leave email
    cookie cookies javascript terms privacy check google reprint reprints contributed
    reporting editing writing""".split()
)
# bytes.translate deleting all but A-Z (a-z): counts ASCII letters ten times faster than a
# regex findall, and UTF-8 encodes every non-ASCII character as bytes >= 0x80
_NOT_UPPER = bytes(c for c in range(256) if not 65 <= c <= 90)
_NOT_LOWER = bytes(c for c in range(256) if not 97 <= c <= 122)
_LETTERS_ONLY = keeping((65, 90), (97, 122))  # A-Z and a-z: ``_LETTERS``' class


def letter_runs(text: str) -> list[str]:
    """``_LETTERS.findall(text)``: every candidate unit's words are read so."""
    return ascii_runs(text, _LETTERS_ONLY)


# ... "In this file photo", and the AP's "In this May 3, 2015 photo, authorities move ...",
# "In this Tuesday, Feb. 26, 2013, file photo, ..." (a Multi-News digest's line; 14 lines of
# the sample open so, all captions)
_PHOTO_FILE = re.compile(
    r"^(?:FILE\b|In this(?:,? (?:[A-Z][a-z]+\.?|\d{1,4})){0,5},? (?:file |handout |undated )?"
    r"(?:photo|image|picture)\b)"
)
# A bullet run into the word after it opens a page's link or listing, not a point of the
# report ("•Stock market turmoil – live coverage The price of bitcoin ...", "●Friday — The
# Analemma Society holds public sky viewing every Friday ...": a dev-stream digest line and
# timeline line; the spaced bullets of a live report, "• Hollande said ...", are its news), and
# one between a picture's credits ends them ("VLERICK BUSINESS SCHOOL•GETTY Bitcoin price: ...")
_GLUED_BULLET = re.compile(r"^\W{0,3}[•●▪■►◆▶]\w|[A-Z]{2}[•●][A-Z]{3}")
_BULLET_MARK = re.compile("[•●▪■►◆▶]")


def _glued_bullet(text: str) -> bool:
    """``_GLUED_BULLET`` where the text has a bullet at all: its second branch is tried at
    every position of every candidate sentence (0.25 ms a Multi-News cluster), and few
    sentences hold a bullet. A double hyphen glued to the first word is a typed list's bullet
    ("--The cost of a second and independent autopsy.": a Multi-News digest line, one item of
    a family's list of needs)."""
    if text[:2] == "--" and text[2:3].isalnum():
        return True
    return _BULLET_MARK.search(text) is not None and _GLUED_BULLET.search(text) is not None


# "Actor Kit Harington, right, speaks during..." / "(pictured)": a photo caption, not reporting
_CAPTION = re.compile(
    r", (?:at )?(?:(?:second |third )?from )?(?:left|right|center|centre|top|bottom|foreground"
    r"|background)"
    r"(?: (?:to|and) (?:left|right))?, "
    # "Stephanie Kercher (L) and brother Lyle Kercher speak ...", "(second left)"; not "(R)",
    # a Republican's party ("Gov. Greg Abbott (R) announced ...")
    r"|\((?:(?:far |second |third )?(?:left|right)|L|center|centre|pictured|above|below)\)"
)
# A sentence about what a picture shows ("A photo from shipping company NYK shows damage from
# the collision.", "Damage ... is seen ..., this photo released by Japan's coast guard shows."):
# three of a Multi-News digest's ten lines; 15 of the 31,654 sentences of the Multi-News sample
# and the dev stream read so, no reference summary sentence does
_PICTURE_SHOWS = re.compile(
    r"\b(?:this|the|a|an)\s+(?:[\w'’-]+\s+){0,4}?(?:photo(?:graph)?|picture|image|screen ?shot"
    r"|screen ?grab|video (?:grab|still))\s+(?:[\w'’.,-]+\s+){0,6}?(?:shows?|showing)\b"
    r"|\b(?:is|are) (?:seen|pictured)\b[^.]{0,120}\b(?:photo(?:graph)?|picture|image)\b",
    re.IGNORECASE,
)


# What a picture shows said of its subject, the picture unnamed ("Japanese battleships and a
# cruiser are seen just before the Battle of Leyte Gulf.", "Bar owner William Sianis is seen
# with his billy goat.": Multi-News digest lines; 19 of the 21 sentences of the Multi-News
# sample and the dev stream that open so are captions), or the picture named with what it is
# "showing" and no verb of its own ("Image taken by Paul Allen showing what Allen's team
# believes is a valve wheel on the ship."); not in a clause ("He said the damage is seen ..."),
# nor a forecast's figure ("Growth is seen slowing to 2.9% next year": Reuters), nor pictures
# that do something in the sentence ("Photos showing troops sleeping on the floor of the
# parking garage quickly went viral ...": a NeuS line), nor a video's ("In the video, a man is
# seen and heard yelling ...": a NeuS line), nor a finding someone reports ("Similar patterns
# are seen in other countries, researchers said."; no caption of the local sets says so)
_SEEN_IN_PICTURE = re.compile(
    r"^(?!.*\b(?:said|says|say|according to)\b)"
    r"[A-Z](?:(?!\b(?:said|says|say|that|which|who|where|when|if|because|while|as)\b)"
    r"[^.!?\"“”]){0,100}?\b(?:is|are) (?:seen|pictured)\b"
    r"(?! as\b| to\b| by\b| \w+ly\b| and heard\b| (?:\w+ing )?(?:to|at|around|about|near) [$€£]?\d)"
    # ... and then what a picture holds: an act, a place or a moment, or nothing more ("seen
    # celebrating", "seen with his billy goat", "seen in Paju today"; not "seen in the housing
    # market" or "in other countries")
    r"(?=\s*(?:[,.]|$)| \w+ing\b| (?:with|during|after|before|at|on|outside|inside|near|here"
    r"|there|today|yesterday|early|late|just|shortly|moments|left|right|center|in front"
    r"|in (?:this|the (?:photo|picture|image|video|background|foreground))|in (?-i:[A-Z])))"
    r"|^(?:An? |The )?(?:image|photo(?:graph)?|picture|screen ?(?:shot|grab)|still)s?"
    r"(?: [\w'’.-]+){0,6}? showing\b(?!.*\b(?:went viral|circulated|surfaced|emerged|appeared"
    r"|spread|sparked|prompted|drew|were|was|ha(?:ve|s|d) been)\b)",
    re.IGNORECASE,
)


# A picture named with who released it and what it is of, and no verb of its own ("A sketch
# released of an unidentified woman who was hit and killed by two cars in Huntington Beach on
# April 1, 1990.": a Multi-News digest's opening line and title; "A photo issued by the Rail
# Accident Investigation Branch of the tram which derailed ...": a caption); not when the
# picture does something ("This photo provided by the Iowa State Patrol shows the scene ...",
# caught above; "The photos released by SpaceX show ...", "The image released on Friday was
# taken in 2010.")
_NO_VERB_RUN = (  # characters of one sentence up to the next, none opening such a verb
    r"(?:(?!\b(?:shows?|showing|depicts?|is|are|was|were|has|have|had|will|would|can|could"
    r"|may|might|did|does)\b)[^.])*?"
)
_PICTURE_OF_ALONE = re.compile(
    r"^(?:An?|The|This|These)\s+(?:[\w'’-]+\s+){0,2}?(?:sketch|photo(?:graph)?|image|picture"
    r"|rendering|composite|drawing|mug ?shot|still|screen ?shot)s?\s+(?:released|provided"
    r"|taken|obtained|issued|shared|distributed|posted)\b"
    # no verb of the picture's before what it is "of", nor after it but in a relative clause
    rf"{_NO_VERB_RUN}\bof\b{_NO_VERB_RUN}(?:\b(?:who|which|that|where|when)\b|[.]?$)"
)


# A picture named with what it is "from" or "of" and then what it holds, no verb before ("A
# photo from the 1998 excavation, with the brachiosaur foot bones below a tail of a Camarasaurus
# dinosaur.": a Multi-News digest's opening line; "A 2003 photo of Juan McCullum when he was a
# Mississippi State student body vice president."); "A photo of Beatty onstage verified that."
# and "An image from the Cassini spacecraft provides evidence ..." say something of it
_PICTURE_PHRASE = re.compile(
    r"^(?:An?|The|This)\s+(?P<before>(?:[\w'’-]+\s+){0,2}?)(?:photo(?:graph)?|image|picture"
    r"|sketch|rendering|drawing|still)s?\s+(?:from|of)\b(?P<head>[^,.;]*?),?\s+(?:with|showing|when"
    r"|where|as)\b"
)
# A figure's key in a paper a news story linked ("Arrows show two possible pathways for the
# lateral migration of melt towards Mount St Helens; ...": Multi-News 243's digest line)
_FIGURE_KEY = re.compile(
    r"^(?:Arrows?|Dots?|Circles?|Triangles?|Squares?|Symbols?|Dashed lines?|Solid lines?"
    r"|Shaded areas?|Error bars|Insets?) (?:show|indicate|denote|mark|represent)s?\b"
)


def _picture_phrase(text: str) -> bool:
    """``_PICTURE_PHRASE`` with no verb before what the picture holds, or ``_FIGURE_KEY``."""
    if text[:1] in "ADSCTEI" and _FIGURE_KEY.match(text):
        return True
    found = _PICTURE_PHRASE.match(text) if text[:1] in "AT" else None
    return found is not None and not _FINITE_VERB_SIGN.search(found["before"] + found["head"])


# a picture's credit at the end of its caption: "(U.S. Navy / Getty Images / )"
_PHOTO_CREDIT = re.compile(
    r"\([^()]*\b(?:Getty Images|AP Photo|AFP|Reuters|EPA|Photo(?:graph)?|Image)\b[^()]*\)\s*$"
)


def is_photo_caption(text: str) -> bool:
    """A wire photo's caption ("FILE - ...", "In this May 3, 2015 photo, ...")."""
    return text[:1] in "FI" and _PHOTO_FILE.match(text) is not None


def is_caption(text: str) -> bool:
    """Whether a line reads as a picture's caption (who stands where, what a photo shows, a
    file photo, a credit at its end)."""
    return bool(
        _CAPTION.search(text)
        or _shows_a_picture(text)
        or _PHOTO_FILE.match(text)
        or _PHOTO_CREDIT.search(text)
    )


def _shows_a_picture(text: str) -> bool:
    """``_PICTURE_SHOWS`` or ``_SEEN_IN_PICTURE``, searched only where a verb of theirs is
    (every candidate unit is checked)."""
    if text[:1] in "AT" and _PICTURE_OF_ALONE.match(text):
        return True
    if _picture_phrase(text):
        return True
    return ("show" in text or "seen" in text or "pictured" in text) and bool(
        _PICTURE_SHOWS.search(text) or _SEEN_IN_PICTURE.match(text)
    )


# A wire photo caption ends with the picture's full date: "... in Castel Gandolfo Saturday,
# March 23, 2013.", "... in front of the Cologne Cathedral, Germany, January 5, 2016." (a
# dev-stream digest line); 50 of the 52 sentences of the dev stream and the Multi-News sample
# that end so are captions, the others a review's footer and a film's credit line
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# ... or the day, then the place ("U.S. Sen. John McCain, R-Ariz., speaks during a town hall,
# Tuesday, Feb. 19, 2013, in Sun Lakes, Ariz.": a Multi-News digest's second line, the AP's
# caption; all 20 sentences of Multi-News, NeuS val and the dev stream that end so are captions)
_CAPTION_DATE = re.compile(
    rf"(?:,\s+(?:{_WEEKDAY},?\s+)?|\s{_WEEKDAY},\s+){_MONTH_NAME}\.?\s+\d{{1,2}},\s+\d{{4}}"
    r"(?:,?\s+(?:in|at|near|outside)\s+[A-Z][^.!?]{0,60})?\.$"
)
# A caption's moment: a name, then the picture's verb in the present tense, and a day at the
# end (6 sentences of the 9,350 local documents end with a day and have such a verb; the two
# with a name right before it are captions)
_NAME_DOES = re.compile(
    # the picture's verbs, not a schedule's ("delivers his State of the Union address ... on
    # Tuesday, Feb. 5.", "holds a hearing ... on Thursday, Sept. 27." are advance copy)
    r"^[A-Z][^.!?]{0,100}?[A-Z][\w'’.-]*\s+(?:performs|poses|walks|gestures|waves|looks on"
    r"|reacts|celebrates|greets|smiles|listens|prays|mourns|shakes)\b"
)
_CLAUSE_BEFORE = re.compile(r"\b(?:said|says|after|before|when|while|until|will|would)\b")
_DAY_END = re.compile(
    rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?{_MONTH_NAME}\.?\s+\d{{1,2}}(?:,\s+\d{{4}})?\.$"
)
# ... but prose dates its event with "on" ("The law took effect on Monday, Jan. 1, 2018.")
_ON_DATE = re.compile(rf"\bon\s+(?:{_WEEKDAY},\s+)?[A-Z][a-z]+\.?\s+\d")
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .,'-]+\(\w+\)\s*[-—–]*\s*$")
# a sentence wholly in brackets is an aside to the one before ("(The ICIJ promises to release a
# full list ... in "early May.")": a dev-stream digest line)
# an aside in brackets, or a link to another page in square ones ("[Is China’s leader losing
# his grip?]", "[Five very important questions about ...]": The Washington Post's, which a
# dev-stream digest took for a line)
_ASIDE = re.compile(r"^(?:\([^()]*\)|\[[^\[\]]*\])$")
_TERMINAL = re.compile(r"""[.!?…]['"”’»)\]]*$""")
# ... but an ellipsis straight after a word is a text cut short, a teaser's or a paywall's
# ("She plans to use another federal program to have her...", "Four people are dead and one
# person is injured after a man opened...": Multi-News digest lines; of the 183 sentences of
# the local sets that end so, nearly all are cut, the rest trail off: "Let's take a look…"), and
# so is one a space after the word (a news site's list of teasers, "Less data-sharing among firms
# can actually lead to more collusion, economists ...": a Multi-News digest line; of the 121
# sentences of Multi-News and the dev stream that end so, most are teasers cut mid-phrase, the
# rest quotations that trail off)
_CUT_SHORT = re.compile(r"[\w,;] ?(?:\.\.\.|…)$")
_CLOSING_MARKS = "'\"”’»)]"


def _ends_sentence(text: str) -> bool:
    """``_TERMINAL.search(text.strip())``, read from the end instead of searched from every
    position: a stop, then nothing but closing marks."""
    last = text.strip().rstrip(_CLOSING_MARKS)[-1:]
    return last != "" and last in ".!?…"


def _cut_short(text: str) -> bool:
    """``_CUT_SHORT`` at the end of the text, read only where an ellipsis ends it."""
    last = text.rstrip()
    return last.endswith(("...", "…")) and _CUT_SHORT.search(last[-5:]) is not None


_LEADING_CONNECTIVE = re.compile(
    r"^(but|and|or|so|also|however|still|yet|then|meanwhile|instead|that|which|this|these|"
    r"those|it|they|he|she|his|her|their|its|theirs|ours|hers|"
    # discourse links that point back ("Specifically, the photos you take ...", "For starters,
    # it's not the HDR you're used to.", "On the one hand, this will be ...")
    r"specifically|for starters|in addition|additionally|moreover|furthermore|nevertheless|"
    r"nonetheless|therefore|thus(?! far)|hence|likewise|similarly|otherwise|besides|as a result|"
    r"in turn|even so|that said|by contrast|in contrast|on the (?:one|other) hand|"
    # a case made before ("Either way, as Whoopi Goldberg said ...": a Multi-News digest line)
    r"either way|in any case|in that case|if so|even then|all the same|"
    # a point weighed against or resting on the one before ("After all, there are plenty of
    # millions to go around.", "Turns out, it's not so easy.", "At the same time, analysis of
    # game videos was performed ...", "At the very least, keep it where ...": Multi-News and
    # NeuS digest lines)
    r"after all(?=,)|turns out|then again|at the same time|at (?:the )?(?:very )?least(?=,)|"
    # a restatement or a choice of what was just said ("In other words, “[t]he PurePulse
    # Trackers do not accurately measure ...", "Either option would deny Trump a proposed $300
    # million boost ...": Multi-News digest lines)
    r"in other words|put another way|in short|either (?:outcome|option|one)|"
    # an example of the point before, a step of a list it began, or a point it confirms or
    # adds to ("For instance, widely used GPS tracking devices do not work indoors.", "First,
    # Pelosi said of the deal: ...", "Indeed, right in Syria archaeologists have found ...":
    # Multi-News digests' opening lines and titles; of the 112 sentences of Multi-News's 250
    # validation clusters that open so, none opens its article)
    r"(?:for (?:instance|example)|indeed|in fact|first|second(?:ly)?|third(?:ly)?|finally"
    r"|lastly|plus)(?=,)|"
    r"neither (?:outcome|option|one|of (?:them|those|these))|"
    # one more of what was named before ("Another fan admitted ...": a dev-stream digest line),
    # or the rest of a group the sentence before split ("Others were born of one-night stands.",
    # a Multi-News digest line after "Some of the children were ..." had been left out; all 16
    # local sentences that open with "Others" point back so)
    r"another|others|"
    # and what points back in time or adds to a point made before ("Less than a week later,
    # ...", "In particular, the analysis ...", "What's more, ...": Multi-News digest lines)
    r"in particular|what(?:'|’)s more|what is more|on top of that|by then|after that|"
    # ... or to the time the story had reached ("By now people were in danger of missing their
    # connections.": a dev-stream digest's line, the delayed flight told lines before it; of
    # the 6 sentences of Multi-News, NeuS and the dev stream that open so, 1 opens its article)
    r"by now|by that (?:point|time)|"
    # "Afterward, Timberlake was ...", "Now, the administration argues ..." (after what it
    # argued before: dev stream and NeuS val digest lines), with or without the comma ("Now
    # accounts begin to differ again.", "Now he wants to buy the world's biggest.": dev-stream
    # lines, each after the state it changes); not "Now that ..." (its own clause and main
    # clause), "Now is the time ...", nor a name after it, which a lead introduces so ("Now
    # Meryl Streep has been lined up to play ...": a Multi-News article's lead)
    r"afterwards?|now(?=,|\s+(?!(?:that|is|what)\b)(?-i:[a-z]))|"
    r"since then|at that point|(?:(?:less|more) than )?(?:a|an|one|two|three|four|five|six|"
    r"several|a few|\d+) (?:minutes?|hours?|days?|weeks?|months?|years?) later|"
    r"(?:moments|seconds|minutes|hours|days|weeks|months|years) later|"
    # a share of what was just named ("Much of that support evaporated Thursday.": a
    # Multi-News digest line); not a time ("Some of this year's winners ..."), nor those the
    # words after it name ("Some of those in attendance joyously sang ...", "Some of those on
    # the right say ...": NeuS lines; "Most of those killed were civilians.")
    r"(?:much|most|some|all|many|none|part|each|both|few|several|any|half|a lot|a few"
    r"|the rest) of (?:that|this|these|it|them"
    r"|those(?!\s+(?:in|on|at|with|from|under|over|aged|\w+ed)\b))"
    r"(?!\s+(?:year|week|month|morning|afternoon|evening|night|season|weekend|summer"
    r"|winter|spring|fall|autumn|decade|century)(?:['’]s)?\b)|"
    # one of the people just named ("One said the driver ...": a dev-stream digest line)
    r"one (?:said|says|told|tells|added|wrote|of them)|"
    # the people just named, counted ("The pair were reconvicted of the crime last month, ...":
    # a Multi-News digest's opening line, its pair named in another article); not when their
    # names follow ("The couple, Melissa and Aaron Klein, cited religious beliefs ...": NeuS;
    # "The duo Daft Punk ..."), though a day may ("The couple Tuesday filed for divorce")
    r"the (?:pair|duo|trio|couple)(?!\s+of\b)"
    r"(?!,?\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"(?-i:[A-Z][a-z])))\b",
    re.IGNORECASE,
)


# Single quotes (British style: "'The container will send potatoes ... to the surface of the
# Moon." ... "on the Moon,' Zhang said."): an opening mark follows a space or the start and
# precedes a letter; a closing one follows a letter or a stop and precedes a space, a stop or
# the end. An apostrophe ("Kim's", "don’t", "'90s") is neither; a plural possessive ("parents'
# group") reads as a closing mark, which only ever spares a sentence.
_SQ_OPEN = re.compile(r"(?:^|(?<=[\s(\[\"“—–-]))['‘](?=[^\W\d_])(?!(?:Tis|Twas|em|cause)\b)")
_SQ_CLOSE = re.compile(r"""(?<=[\w.,!?…])['’](?=[\s.,;:!?"”)\]]|$)""")
# ... and, for a quotation's closing mark to have its opening one in the sentence, a mark before
# anything but a space: a number, a bracket, a sign ("they're '100 per cent safe.'", "he said
# '(I Can't Get No) Satisfaction.'"), or glued to a colon ("told them:'Leave now.'")
_SQ_OPENS_ANY = re.compile(r"""(?:^|(?<=[\s(\[\"“—–:-]))['‘](?=\S)""")


def single_quote_open(text: str) -> bool:
    """Whether ``text`` opens a single-quoted quote that it does not close."""
    return len(_SQ_OPEN.findall(text)) > len(_SQ_CLOSE.findall(text))


@lru_cache(maxsize=TEXT_CACHE)
def quote_balance_problem(text: str) -> str | None:
    """A quote opened and not closed (or closed and not opened) in this sentence."""
    if text.count('"') % 2:
        return "unbalanced quote marks"
    if text[:1] in "'‘" and single_quote_open(text):
        return "dangling quote"
    if (
        text[-1:] in "'’"
        and text[-2:-1] in ".!?…"
        and "‘" not in text
        and not _SQ_OPENS_ANY.search(text)
    ):
        # the last sentence of a single-quoted quotation opened sentences before ("Y’all won’t
        # let anyone successful keep their past in the past.'", a tweet quoted by the Daily
        # Mail: a dev-stream digest line)
        return "dangling quote"
    # two str.count calls each, not a generator: this runs on every sentence twice
    if text.count("“") + text.count("«") != text.count("”") + text.count("»"):
        return "dangling quote"
    return None


def inside_quotes(doc: Sequence[Sentence]) -> list[bool]:
    """For each sentence of one article, whether it starts inside a quote opened earlier in its
    paragraph (a quote that goes on in the next paragraph opens again there).

    The splitter cuts multi-sentence quotes into sentences; the middle ones carry no quote marks
    ("We will not gain anything from it.") and must not stand alone without their speaker.
    """
    flags: list[bool] = []
    open_quote = False
    previous_end: int | None = None
    for sentence in doc:
        text = sentence.text
        if text[:1] in '"“«' or (previous_end is not None and sentence.start - previous_end > 1):
            open_quote = False  # a quote mark, or a new paragraph (more than a space between)
        previous_end = sentence.end
        flags.append(open_quote)
        opened = text.count("“") + text.count("«")
        closed = text.count("”") + text.count("»")
        if text.count('"') % 2:
            open_quote = not open_quote
        elif opened != closed:
            open_quote = opened > closed
    return flags


# a quotation ends before the next one opens: "“[^”]*”" read from every unclosed “ to the end
# (80,000 of them in one unit took 17 s)
_QUOTED = re.compile(r'"[^"]*"|“[^“”]*”|«[^«»]*»')


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def is_boilerplate(text: str) -> bool:
    """A link, handle, credit line or page widget rather than reporting."""
    low = text.lower()
    if _BOILERPLATE_WORDS.search(low):
        return True
    return any(h in low for h in _MARK_HINTS) and bool(_BOILERPLATE_MARKS.search(low))


def _has_boilerplate(text: str, letters: list[str]) -> bool:
    """``is_boilerplate`` given ``_LETTERS.findall(text)``: each phrase's first word is one of
    the text's letter runs (lowered), so text without such a word skips the search. So where
    the lower-cased text is the text letter for letter: ASCII, and any text that keeps its
    length lowered (not "İ", two characters lowered) without the Kelvin sign (lowered "k"),
    the only other characters whose lower case holds an ASCII letter (curly quotes and accents
    are a quarter of news sentences)."""
    low = text.lower()
    if (
        text.isascii() or (len(low) == len(text) and "\u212a" not in text)
    ) and _BOILERPLATE_FIRST.isdisjoint(map(str.lower, letters)):
        return any(h in low for h in _MARK_HINTS) and bool(_BOILERPLATE_MARKS.search(low))
    return is_boilerplate(text)


# "Will have double thrust of next largest rocket.", "Would be sad for U.S.": a bullet or a
# post without its subject. A modal opens a declarative sentence only inverted, before its
# subject ("Should they find it likely ...", "Will you be O.K. ...").
_SUBJECTLESS = re.compile(
    r"^['\"“‘]?(?:Will|Would|Could|Should|Can|Must|Might|Shall)\s+"
    r"(?!(?:I|you|we|he|she|it|they|there|this|that|the|a|an|his|her|their|our|its)\b)[a-z]"
)


# A page speaking to its reader ("Scroll down for video", "Read or Share this story:", "Click
# through the slideshow below", "Tell us in the comments.") is not reporting; a quote that
# opens so keeps its speaker ("Do not believe ...," Gaddafi told state TV).
_IMPERATIVE = re.compile(
    r"^(?:(?:Click|Watch|Read|Listen|Scroll|Subscribe|Sign|Download|Follow|Tap)\s+\S"
    r"|(?:Test|Look|See|View|Share|Check|Visit|Take|Get|Make|Try|Find|Learn|Join|Keep|Let|Tell"
    r"|Imagine|Consider|Remember|Don['’]t|Do not"
    # ... a shop's, a fund's or a desk's ("Shop or log into your account to “Skip the Month”
    # ...": a Multi-News digest's opening line; "Please continue showing your support for Karen
    # and Jack on this dedicated page.", "Donate today!", "Contact her at 925-943-8011.": of the
    # 46 sentences of Multi-News and NeuS val that newly read so, each is the page's or a plea)
    r"|Please|Donate)\s+(?:[a-z]|your\b|the\b)"
    # ... whose verbs are nouns too ("Contact has been lost with Angola's first satellite")
    r"|(?:Contact|Send|E-?mail)\s+(?:us|her|him|them|your|the)\b|Log\s+(?:in|into|on)\b"
    r"|Shop\s+(?:or|now|the|our)\b|(?:Donate|Subscribe)\s+(?:now|today)\b"
    r"|Stay\s+(?:tuned|with|in\s+the\s+know)\b"
    # the page thanking its reader ("Thank you for supporting the campaign to make Juneteenth a
    # National Holiday.": a petition page's, a Multi-News digest's opening line)
    r"|Thank you for (?:supporting|your support|reading|visiting|signing|subscribing|watching"
    r"|listening)\b)"
)
# A radio transcript's footer, which the evaluation protocol reads uncleaned ("The
# authoritative record of NPR’s programming is the audio record.", "This text may not be in
# its final form ...": Multi-News 91's digest lines; ``clean.rules.TRANSCRIPT_FOOTER`` drops the
# paragraph from a page)
_TRANSCRIPT_FOOTER = re.compile(
    r"^(?:NPR transcripts are created on a rush deadline|This text may not be in its final form"
    r" and may be updated|The authoritative record of NPR['’]s programming is the audio record)"
)

# A radio interview's pleasantries ("Good to be with you, Ari.": an NPR transcript's line among the
# dev stream's Nice articles, a digest line once a repeat made room) report nothing
_ON_AIR = re.compile(
    r"^(?:(?:It['’]s\s+)?(?:Good|Great|Nice)\s+to\s+(?:be\s+with\s+you|be\s+here|have\s+you"
    r"|talk\s+to\s+you)|Thanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+having\s+me"
    r"|Welcome\s+to\s+the\s+(?:program|show))\b"
)

# A page pointing its reader at a link or an embed ("You can read the full interview here.",
# "This print-on-demand booklet is free and you may download a copy here.": Multi-News digest
# candidates, one a digest's line; "You can see the photos below:"): what is there is not here
_POINTS_TO_MEDIA = re.compile(
    r"\byou (?:can|may|could|will|should)\s+(?:\w+\s+){0,2}(?:see|watch|read|listen|find|download"
    r"|view|hear|check|get|sign)\b[^.!?]{0,80}\b(?:here|below|above)\s*[.!:]?[\"”’]?$",
    re.IGNORECASE,
)


# the page's own pointer in brackets ("the king penguins have a chick among the flock (see
# “Cleopatra,” below) who is still maturing": a Multi-News digest line; "(see below)")
_SEE_ON_PAGE = re.compile(r"\(see\b[^()]{0,80}\b(?:below|above)\)", re.IGNORECASE)


# What the page shows beside the text, announced ("The video shown here explains Williams
# syndrome ...", "Below is a quick explanation of Williams syndrome ...": the opening and
# third lines of a Multi-News digest; "The chart below illustrates ...", "Below is the full
# text of Eichmann's letter ..."): every such sentence of the Multi-News, dev and NeuS
# articles (8) points at something no digest holds; so does "Below," or "Above," ("Below, the
# six revelations the redacted portions were meant to conceal.": a Multi-News digest's opening
# and title; "Above, a Sprint store in San Francisco.", a caption: the 3 lines that open so)
_POINTS_TO_PAGE = re.compile(
    r"^(?:(?:The|This|These) (?:\w+ ){0,2}(?:video|photo|image|clip|gallery|slideshow|map|chart"
    r"|graphic|infographic)s? (?:\w+ ){0,2}(?:here|below|above)\b"
    r"|(?:Below|Above)(?: (?:is|are)\b|\s*[,:]))"
)


# ... or what it shows or lists beside the text, pointed at at the sentence's end ("The 2017
# guidelines are also provided below for reference.": a Multi-News digest's opening line; "To
# understand the issue, listen to the Planet Money piece we embedded above.", "The full patch
# notes ... can be found below.": dev-stream lines): the 5 sentences of the local sets that end
# so are all the page's ("found below the surface" goes on)
_SHOWN_ON_PAGE = re.compile(
    r"\b(?:provided|listed|shown|included|posted|embedded|attached|linked|displayed|outlined"
    r"|found|pictured|featured)\s+(?:below|above)(?:\s+(?:for|in)\s+[\w ]{1,30})?\s*[.:!]?$"
)


# The page speaking of itself ("Any comments not made to this dedicated Note page (below this
# Note) will be hidden or removed.": a Multi-News digest's line, American Airlines' Facebook
# note; "This post has been updated.", "Jihye Lee contributed to this post."): the 13
# sentences of Multi-News, NeuS val and the dev stream that say so outside quotation marks
# are all the page's
_THIS_PAGE = re.compile(r"\b[Tt]his (?:dedicated )?(?:[A-Z]\w+ )?(?:page|post|website)\b")


def _speaks_to_reader(text: str) -> bool:
    """An imperative without a speaker (``_IMPERATIVE``), the page's pointer in brackets
    (``_SEE_ON_PAGE``, searched only where a bracket opens), or a pointer to a link or an embed
    (``_POINTS_TO_MEDIA``), searched only where "you" is (IGNORECASE equates no other
    character with "y", "o" or "u", so the lower-cased tail holds it wherever a match does)."""
    if _IMPERATIVE.match(text) and not _SPEAKER.found(text):
        return True
    if "(" in text and _SEE_ON_PAGE.search(text):
        return True
    if text[:1] in "TAB" and _POINTS_TO_PAGE.match(text):
        return True
    if ("below" in text[-40:] or "above" in text[-40:]) and _SHOWN_ON_PAGE.search(text):
        return True
    if "your questions" in text and _INVITES_READER.search(text):
        return True
    if "his " in text and _THIS_PAGE.search(_outside_quotes(text)):
        return True
    tail = text[-160:]
    return "you" in tail.lower() and _POINTS_TO_MEDIA.search(tail) is not None


# The outlet inviting its reader to a live event ("On Tuesday, Feb. 23, at 2 p.m. Eastern,
# Inside Higher Ed's editors will discuss the themes of the booklet and take your questions
# about them in a free webinar.": a Multi-News digest's line): the page's promotion, no news
_INVITES_READER = re.compile(r"\b(?:take|answer|field|hear)\s+your\s+questions\b")


def caption_date(text: str) -> bool:
    """Ends with a picture's full date, as a wire photo caption does; or a named person does
    something in the present tense on a day ("Justin Timberlake performs during the Super Bowl
    halftime show on Sunday, February 4.": CNN's caption, a dev digest's first line)."""
    m = _CAPTION_DATE.search(text)
    if m is not None and not _ON_DATE.search(text, max(0, m.start() - 30)):
        return True
    if not _DAY_END.search(text):
        return False
    m = _NAME_DOES.match(text)
    # not a clause's verb: "Trump said ... will become Acting Attorney General after Barr
    # departs on Dec. 23."
    return m is not None and not _CLAUSE_BEFORE.search(text, 0, m.end())


# A label in capitals and a colon before the words: a transcript's speaker ("CHECKETT: "So
# whether it was a tweet, ...", "GEORGE STEPHANOPOULOS: You embraced that pretty quickly.": the
# first a Multi-News digest line) or a kicker ("BREAKING:", "CLAIM:", "CDC:"): the words are the
# label's, not the outlet's report (a place's dateline is stripped before: ``strip_dateline``)
_CAPS_LABEL = re.compile(r"^[A-Z][A-Z.'’ -]{0,40}[A-Z.]:\s")


def _caps_label(text: str) -> bool:
    return text[1:2].isupper() and ":" in text[:44] and _CAPS_LABEL.match(text) is not None


# A paper's citation numbers left before its sentence, where superscripts were ("41 , 42 A
# recent review defined ...", "2 In developed nations such as Australia ...": a Multi-News
# digest's line and its article's other sentences; all 8 sentences of the local sets that
# open so are that article's): a number, or a list or range of them, then a sentence's
# opening word
_CITATION_NUMBERS = re.compile(
    r"^\d{1,3}(?:\s*,\s*\d{1,3}|[–-]\d{1,3})*\s+(?:A|An|The|This|These|That|Those|In|However"
    r"|But|It|We|They|Our|Such|For|Although|While|As|To|Most|Many|Some)\s"
)
# A phrase opening with "with" and no clause after it ("With Elon Musk's cherry-red sports car
# inside.": a dev-stream digest line, the caption's tail of a picture of a rocket): no comma
# before a main clause, and no verb at all
_WITH_PHRASE = re.compile(r"^With(?:out)?\s[^,;:—–]*$")
_FINITE_VERB_SIGN = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|can|could|will|would|may|might|must|should"
    r"|shall|do|does|did|[a-z]{3,}ed)\b"
)


# A film review's credits block, a role and then names only ("Co-producers, Nicole Brown,
# Matthew Leonetti Jr.": a Multi-News digest line of Variety's "Evil Dead" review; the two
# sentences of the 250 Multi-News clusters and the dev stream so written are its credits)
# Each name ends where a space or a comma follows: with no separator required, a run of
# capitals ("PRESIDENT TRUMP ...") split into names every way, exponentially many.
_CREDIT_NAME = r"(?:[A-Z][\w.’'-]*|and|&)"
_CREDIT_LIST = re.compile(
    rf"^[A-Z][\w’'-]*(?: [\w’'-]+){{0,3}}, {_CREDIT_NAME}(?:[ ,]+{_CREDIT_NAME})*[ ,]*\.?$"
)


def _fragment(text: str) -> bool:
    """Citation numbers before the sentence, a "with" phrase with no verb, or a credits
    list (``fit``)."""
    if text[:1].isdigit():
        return _CITATION_NUMBERS.match(text) is not None
    if text[:4] == "With":
        return _WITH_PHRASE.match(text.strip()) is not None and not _FINITE_VERB_SIGN.search(
            text[4:]
        )
    return _CREDIT_LIST.match(text.strip()) is not None


@lru_cache(maxsize=TEXT_CACHE)
def fit(text: str) -> bool:
    """``not problems(text)``, stopping at the first problem, the cheapest checks first: a
    story's every candidate unit is checked, and a quarter of them fail. Kept for the last
    texts asked: a story's rebuild checks its older articles' units again (the dev stream
    through the API asked 13,983 times about 6,794 texts)."""
    n = word_count(text)
    if n < MIN_WORDS or n > MAX_WORDS or text[:1].islower() or is_question(text):
        return False
    if text[:1] == "|" or _caps_label(text) or _glued_bullet(text):
        return False  # a page's bar or bullet before a link, a credit or a menu, a speaker's
        # label (``problems``)
    if text[:1] in "CPI" and _CREDIT_LINE.match(text):
        return False
    if text[:1] == "U" and is_update_note(text):
        return False  # ``problems``
    if text[:1] in "NT" and _TRANSCRIPT_FOOTER.match(text):
        return False
    if text[:1] in "GTNIW" and _ON_AIR.match(text):
        return False
    if quote_balance_problem(text) or text.count("(") != text.count(")"):
        return False
    if ("[" in text or "]" in text) and text.count("[") != text.count("]"):
        return False  # ``problems``: a bracketed aside cut in two
    if not _ends_sentence(text) or _DATELINE_ONLY.match(text):
        return False
    if _cut_short(text) or _fragment(text):
        return False
    if glued_credit(text) or paper_apparatus(text):
        return False
    if text[:1] in "([" and _ASIDE.match(text.strip()):
        return False
    if _SUBJECTLESS.match(text) or _speaks_to_reader(text) or _BROADCAST_LINK.match(text):
        return False
    if "ere " in text and _LIST_TEASER.search(text):
        return False
    raw = text.encode("utf-8", "ignore")
    upper = len(raw.translate(None, _NOT_UPPER))
    if upper and upper > len(raw.translate(None, _NOT_LOWER)):
        return False
    letters = letter_runs(text)
    # a headline has four capitalized words at least, each opening with an ASCII capital
    if (
        _CAPTION.search(text)
        or (upper >= 4 and _headline_case(letters))
        or _has_boilerplate(text, letters)
    ):
        return False
    if _shows_a_picture(text):
        return False
    if (
        text.endswith(".")
        and (text[-2:-1].isdigit() or ", 19" in text or ", 20" in text)
        and caption_date(text)
    ):
        return False
    if notice_kind(text):
        return False
    quoted = '"' in text or "“" in text or "«" in text
    prose = _outside_quotes(text) if quoted else text
    if " me" in prose and _TOLD_ME.search(prose):
        return False
    if "comment" in text and _ASKED_FOR_COMMENT.search(text):
        return False
    outside = letter_runs(prose) if quoted else letters
    return _FIRST_PERSON.isdisjoint(outside) or _SPEAKER.found(text)


# A radio transcript's link to the next item ("More now on the deadly attack in the city of Nice
# in the south of France.", NPR in the dev stream): the program speaking, no news of its own
_BROADCAST_LINK = re.compile(
    r"^(?:More now on|(?:We|Let's|Let us) (?:turn|go|head) now to|Turning now to|"
    r"(?:And )?now,? (?:more on|to (?:our|the) (?:top|other|next) (?:story|stories|item)))\b"
    r"[^,;:]*[.!]$"  # the whole sentence ("Turning now to Asia, the earthquake killed ..." is news)
)


# A listicle's promise of what follows ("... and here are ten of the most memorable things he
# heard the victorious stars say": a Multi-News digest line of the Emmys, whose list never
# came): no news of its own. ("Celebuzz has compiled a list of the best and worst moments" is
# not one: its "From Jon Cryer's head-scratching win for Best Comedy Actor" is news.)
_LIST_TEASER = re.compile(
    r"(?:^|,\s+and\s+)[Hh]ere (?:are|is|'s|’s) (?:\d+|two|three|four|five|six|seven|eight"
    r"|nine|ten|a few|some of)\b(?!\s+(?:times|percent|per cent)\b)"
)


# The writer in the first person, outside any quote: "..., a show insider tells me.", "Eastwood
# told me ..." (a columnist's "me", whom a digest's reader does not know; 22 candidate
# sentences of the 9,350 local documents, one Multi-News reference summary of 250)
_TOLD_ME = re.compile(r"\b(?:tells?|told|telling)\s+me\b")


# The outlet telling of its own request ("The Hill has reached out to Trump's
# representatives for comment.": a NeuS digest's line filling its budget), not news
_ASKED_FOR_COMMENT = re.compile(
    r"\b(?:has|have|had)\s+(?:reached out to|contacted)\b[^.]{0,100}\bfor (?:a |further )?"
    r"comment\b"
)


# A picture's credit, and whatever the page ran into it ("Credit: Matthew Kanan, Stanford
# University Stanford University scientists have found ...": a Multi-News digest line, the
# caption's credit glued to the article's first sentence); no sentence of news opens so
_CREDIT_LINE = re.compile(r"(?:(?:Photo|Image|Picture)\s+)?[Cc]redits?\s*:")


# A picture's credit run into the sentence after it or into its middle, where the page put
# the picture: "William Wei, Business Insider Facebook is buying Oculus VR ...", "Tom
# Williams/Getty Images Rep. Jackie Speier ...", "... live ammunition on protesters [Reuters]
# Libyan leader Muammar Gaddafi has appeared ..." (Multi-News digest lines and their
# neighbours; a photographer, then the agency, then the next sentence's capital). After a
# comma, the agency's name is news ("Henry Blodget, Business Insider CEO, said ...") unless
# a sentence's subject and verb follow it.
_AGENCY = (
    r"(?:Getty Images|AP Photo|AP|AFP|Reuters|EPA|Bloomberg|Shutterstock|Associated Press"
    r"|Business Insider|Redux|Corbis)"
)
_GLUED_CREDIT = re.compile(
    rf"^(?:[A-Z][\w.'’-]+ ){{1,3}}?[A-Z][\w'’-]+(?: ?/ ?{_AGENCY}\s+[A-Z]"
    rf"|, {_AGENCY} [A-Z][a-z][\w'’-]* [a-z])"
    rf"|\S\s*\[{_AGENCY}\]\s+[A-Z]"
)
# A scientific paper's apparatus: citation numbers glued to a word where superscripts were
# ("... within the Cascadia forearc region14,16,18 (Fig. 1), including ...", "... the young
# age of the subducting Juan de Fuca plate21."), a pointer to a figure, or a figure's key
# ("The top of the subducting plate ... are plotted as white lines.", "Figure 6: Two
# dimensional thermal model of ...": Multi-News 243's digest lines and title, from the paper a news story linked); a digest of the news reads none of it.
# Not a station's name ("told rbb24.", "on kare11"), nor a hashtag ("using the hashtag #covid19
# on Twitter" had made a line unfit, as a handle's "@" never did)
_PAPER_APPARATUS = re.compile(
    r"(?<![\w./@#:-])(?<!told )(?<!\bto )(?<!\bon )(?<!via )[a-z]{4,}\d{1,3}(?: ?, ?\d{1,3})*"
    r"(?=[\s,;)]|\.(?:\s|$))"
    r"|\((?:see )?(?:Figs?\.|Figures?) ?\d|^(?:Figure|Fig\.|Table) \d+[a-z]?: "
    r"|\b(?:are|is) (?:plotted|shown|marked|drawn) (?:as|in|by|with) (?:[\w-]+ ){0,3}"
    r"(?:lines?|dots?|circles?|triangles?|squares?|symbols?|arrows?|bars?|shading|stars?"
    r"|crosses)\b"
)


def glued_credit(text: str) -> bool:
    """A picture's credit run into the sentence (``_GLUED_CREDIT``). Its one alternative not
    anchored at the start needs a "[": without one, the pattern is tried at the start only (a
    search had tried every position of every candidate, a tenth of ``fit``'s time)."""
    if "[" in text:
        return _GLUED_CREDIT.search(text) is not None
    return ("/" in text or "," in text) and _GLUED_CREDIT.match(text) is not None


# what each alternative of ``_PAPER_APPARATUS`` needs: a lower-case letter glued to a digit
# ("region14"), "Fig" (a pointer, or a key opening "Figure"), "Table" opening it, or a key's verb
_LETTER_THEN_DIGIT = re.compile(r"[a-z]\d")


def paper_apparatus(text: str) -> bool:
    """A paper's citation numbers, figure pointer or figure key (``_PAPER_APPARATUS``), tried
    only where what one of its alternatives needs is: its look-behinds at every position of
    every candidate had been a fifth of ``fit``'s time."""
    if (
        "Fig" not in text
        and "plotted" not in text
        and "shown" not in text
        and "marked" not in text
        and "drawn" not in text
        and not text.startswith("Table")
        and _LETTER_THEN_DIGIT.search(text) is None
    ):
        return False
    return _PAPER_APPARATUS.search(text) is not None


def problems(text: str) -> list[str]:
    """Reasons ``text`` should not be a summary sentence (empty list: fine)."""
    found: list[str] = []
    n = word_count(text)
    if n < MIN_WORDS:
        found.append("too short")
    if n > MAX_WORDS:
        found.append("too long")
    # a wire photo's caption is weighed with the story's units and never chosen
    # (``is_photo_caption``): no problem of the unit's
    if is_boilerplate(text) or _DATELINE_ONLY.match(text):
        found.append("boilerplate")
    if _glued_bullet(text):
        found.append("page furniture")
    if text[:1] == "|":
        # what follows a page's bar is a credit, a menu or a teaser ("| John Shinkle/POLITICO
        # Congressional leaders reach budget deal The agreement would ...": a Multi-News digest
        # line; the 10 local sentences that open so are all such)
        found.append("page furniture")
    if _CREDIT_LINE.match(text) or _TRANSCRIPT_FOOTER.match(text) or _ON_AIR.match(text):
        found.append("page furniture")
    if is_update_note(text):
        # an editor's note on the piece ("Updated: We've added new reports to the article.": a
        # Multi-News digest line; ingest drops it, the protocol reads pages uncleaned)
        found.append("page furniture")
    if glued_credit(text):
        found.append("photo credit")
    if paper_apparatus(text):
        found.append("a paper's citations or figure key")
    if notice_kind(text):
        # a crawler's notice, a video player's message ("Starting in 1996, Alexa Internet has
        # been donating their crawl data to the Internet Archive.": the opening line and title
        # of two Multi-News digests, whose pages the protocol reads uncleaned)
        found.append("page furniture")
    if _caps_label(text):
        found.append("a speaker's or kicker's label")
    if _CAPTION.search(text) or _shows_a_picture(text) or caption_date(text.strip()):
        found.append("photo caption")
    quote = quote_balance_problem(text)
    if quote:
        found.append(quote)
    letters = letter_runs(text)
    quoted = '"' in text or "“" in text or "«" in text
    prose = _outside_quotes(text) if quoted else text
    outside = letter_runs(prose) if quoted else letters
    if not _FIRST_PERSON.isdisjoint(outside) and not _SPEAKER.found(text):
        found.append("first person without a speaker")
    if _TOLD_ME.search(prose):
        found.append("the writer speaks")
    if "comment" in text and _ASKED_FOR_COMMENT.search(text):
        found.append("the outlet's own request")
    if not _ends_sentence(text):
        found.append("no end punctuation")
    elif _cut_short(text):
        found.append("cut short")
    if _ASIDE.match(text.strip()):
        found.append("an aside in brackets")
    if _fragment(text):
        found.append("a fragment")
    if _SUBJECTLESS.match(text):
        found.append("no subject")
    if _speaks_to_reader(text):
        found.append("speaks to the reader")
    if _BROADCAST_LINK.match(text):
        found.append("a broadcast's link")
    if _LIST_TEASER.search(text):
        found.append("a list's teaser")
    # ASCII letters only
    raw = text.encode("utf-8", "ignore")
    upper = len(raw.translate(None, _NOT_UPPER))
    if upper and upper > len(raw.translate(None, _NOT_LOWER)):
        found.append("shouting or a heading")
    if text[:1].islower():
        found.append("starts mid-sentence")
    if text.count("(") != text.count(")"):
        found.append("unbalanced parentheses")
    if text.count("[") != text.count("]"):
        # a bracketed aside, a link to another story, cut in two by the splitter ("[For women,
        # heavy drinking has been normalized.": a Multi-News digest's line; "That's
        # dangerous.]" was the other half; the 12 such local sentences are all debris)
        found.append("unbalanced brackets")
    if _headline_case(letters):
        found.append("a headline")
    if is_question(text):  # an explainer's subheading ("Will the car get to Mars?"), no news
        found.append("a question")
    return found


def is_headline_case(text: str) -> bool:
    """Title Case ("North Korea Ramps Up Rancor With H-Bomb Threat."): a headline, not a
    sentence of the story (NeuS gives each article's title as its first line)."""
    # names are capitalized in any sentence: past the first word, nearly every longer word
    # is, and there are enough of them ("On Tuesday Pompeo met Lavrov in Sochi for talks.")
    return _headline_case(letter_runs(text))


def _headline_case(letters: list[str]) -> bool:
    words = [w for w in letters[1:] if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.9 * len(words)


def is_question(text: str) -> bool:
    return text.rstrip(" \"'”’»)").endswith("?")


# "Putin and President Trump should attend." (the summit: named in the sentence before)
_LOST_OBJECT = re.compile(
    r"\b(?:will|would|should|could|can|may|might|must|to)\s+(?:also\s+)?(?:attend|join|sign|"
    r"approve|support|accept|host|visit|discuss|oppose|reject|consider|follow|address)\W*$"
    # what "this" is was in the sentence before ("The ticket agent laughed at this.", dev stream)
    r"|\b(?:at|about|to|of|on|with|by)\s+this\W*$"
)
# the word each match of _LOST_OBJECT ends on, right before the sentence's closing marks
_LOST_OBJECT_WORDS = frozenset(
    """attend join sign approve support accept host visit discuss oppose reject consider follow
    address this""".split()
)
# non-word characters that close a sentence after its last word
_AFTER_LAST_WORD = " .!?…'\"”’»)]:;,-—–\n\t"


def _lost_object(text: str) -> bool:
    """``_LOST_OBJECT.search(text)``, searched only when the sentence's last word is one it
    ends on: a match ends on a word after whitespace, then non-word characters only, so that
    word is the last whitespace-separated one once the closing marks are stripped."""
    body = text.rstrip(_AFTER_LAST_WORD)
    ends_on_word = body and (body[-1].isalnum() or body[-1] == "_")  # re's \w, one character
    if ends_on_word and body.rsplit(None, 1)[-1] not in _LOST_OBJECT_WORDS:
        return False
    return _LOST_OBJECT.search(text) is not None


# A link to what the sentence before said ("Amid that, Texas will gain two seats in the
# redistricting process", NeuS val, after "... with Texas picking up two House seats"): the
# pronoun alone before the comma ("Despite this week's rally, ..." and "Before it closed in
# 2010, ..." say what they mean)
_LINKED_OPENING = re.compile(
    r"^(?:amid|despite|because of|after|before|since|beyond|with|in spite of)"
    r"\s+(?:all\s+)?(?:that|this|these|those|it)\s*,",
    re.IGNORECASE,
)
# A short sentence that only says someone agreed or refused ("The South Korean presidential
# spokesman agreed.", dev stream): to what, the sentence before said
_BARE_ASSENT = re.compile(
    r"\b(?:agreed|disagreed|concurred|objected|declined|refused|followed suit|did so)\W*$"
)
MAX_BARE_ASSENT_WORDS = 8


# A short opening phrase, then a pronoun as the main clause's subject ("When combined, their
# droughts spanned 176 years.", "On Monday, he said ...": dev stream): whose, the sentence before
# said
# A verdict on the sentence before without its comma ("Good thing he saved the receipt.": a
# dev-stream digest's last line, "he" a son the digest had not named) counts too.
_PRONOUN_AFTER_OPENING = re.compile(
    r"^(?:[^,;:“”\"]{1,30},|(?:it(?:'|’)s |a )?good thing|(?:no|small|little) wonder)"
    r"\s+(?:they|he|she|it|their|his|her|its|these|those"
    # ... or a thing the sentence before named, pointed at ("For adults ages 25 to 44, that
    # percentage is 16%.": a NeuS digest line); not a time ("In May, this year's ...")
    r"|(?:that|this)\s+(?!(?:year|week|month|morning|afternoon|evening|night|weekend|season"
    r"|time|is|was|means|meant)\b)[a-z]+)\b(?!['’]s\b)"
    # ... or the person an opening phrase of place or company points at ("Next to her in the
    # living room, half a dozen residents ...": a Multi-News digest line, "her" named only
    # before); not "her" owning a noun, which the subject after it often names ("In promoting
    # her new book, Sen. Kirsten Gillibrand ...")
    r"|^(?:next to|beside|behind|near|with|without|like|unlike|around|before|after|against"
    r"|above|below|across from|beyond|alongside)\s+(?:him|them|her(?=\s+(?:in|on|at|and|as)\b"
    r"|,))\b[^,;:“”\"]{0,30},",
    re.IGNORECASE,
)


# ... or without the comma: a short phrase of time, place or manner, then "he", "she" or
# "they" ("On closer inspection they agreed it “would make an ideal site for testing the
# U-2”": a Multi-News story's opening line and title, the officials named only before; "Soon
# she was pregnant.", "Earlier he visited Volgograd, ...", "In the current season he is 11th
# ..."); of the 48 sentences of Multi-News and the dev stream that open so, none opens its
# article. Not a clause whose main clause names its subject after the comma ("By saying he
# could have been Trayvon Martin, President Obama bypassed ...").
_PRONOUN_AFTER_BARE_OPENING = re.compile(
    r"^(?:On|In|At|After|Before|During|Upon|With|For|By|From|Within|Since|Until|Over|Without"
    r"|Despite|Then|Later|Earlier|Soon|Eventually|Once|Now)(?:\s+[a-z][\w’'-]*){0,4}\s+"
    r"(?:they|he|she)\s+[a-z]"
)
_NAMED_AFTER_CLAUSE = re.compile(r"^[^,;:]{0,100},\s+(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z]")


def _pronoun_after_bare_opening(text: str) -> bool:
    """``_PRONOUN_AFTER_BARE_OPENING``, unless a name after the clause's comma is its
    subject."""
    return (
        _PRONOUN_AFTER_BARE_OPENING.match(text) is not None
        and _NAMED_AFTER_CLAUSE.match(text) is None
    )


# ... or a longer opening clause or phrase that names no one, then "he" or "she" as the main
# clause's subject ("After nearly a lifetime had passed, he found himself back in Vietnam, ...":
# a Multi-News digest's line, the soldier named only in the sentences before; "Long plagued by
# questions about his identity, he decided ..."): with no name in the opening, who "he" is the
# sentence before said. Of the 20 sentences of Multi-News and NeuS val that open so beyond the
# shorter openings above, none opens its article. Not a speaker set off mid-sentence ("...,
# he said, ..."), which names no one either but is another rule's; but a speaker whose words
# follow ("Comparing himself to his brother, he said, “I have much more anger.”": a dev
# digest's line, the shooter's brother named only before it).
_PRONOUN_AFTER_NAMELESS_OPENING = re.compile(
    r"^(?:After|When|Before|Since|While|Though|Although|As|If|Once|Until|Despite|During|In|On"
    r"|At|By|With|Without|Through|Following|Upon|Long|[A-Z][a-z]+(?:ing|ed))\s"
    r"[^,;:“”\"A-Z]{25,90},\s+(?:he|she)\s+"
    r"(?!(?:said|says|added|adds|told|tells|wrote|writes|explained|noted)\b(?![,:]?\s*[“\"]))"
    r"[a-z]"
    # ... and so does a shorter opening participle's ("Comparing himself to his brother, he said,
    # “I have much more anger.”": its phrase too long for the short openings above)
    r"|^[A-Z][a-z]+(?:ing|ed)\s[^,;:“”\"A-Z]{5,90},\s+(?:he|she)\s+(?:said|says|added|adds|told"
    r"|tells|wrote|writes|explained|noted)[,:]?\s*[“\"]"
)


# Sources who are many reporting on one person they do not name ("Police said Tuesday he lived
# in east London and that his family has been notified": a Multi-News digest's opening line,
# the attacker named only in the sentence before)
_COLLECTIVE_ON_HIM = re.compile(
    r"^(?:The\s+)?(?:police|officials|authorities|investigators|prosecutors|officers|witnesses"
    r"|neighbou?rs|relatives|friends|family|sources)\s+(?:have\s+|had\s+)?(?:said|say|says"
    r"|told\s+[\w.]+)\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+|today\s+"
    r"|yesterday\s+)?(?:that\s+)?(?:he|she|his|her)\b",
    re.IGNORECASE,
)


# ... or some unnamed people guessing what the sentence before named ("Some believe it was a
# sparrow.": a dev-stream digest's opening line, the bird named in the sentence before; "Many
# think he was framed."): "it was", "he", "she" are what was named there
_SOME_ON_IT = re.compile(
    r"^(?:Some|Many|Most|Few|Others)(?:\s+people)?\s+(?:believe|believed|think|thought|say"
    r"|said|suspect|suspected|speculate|speculated|claim|claimed|guess|guessed|fear|feared)\s+"
    r"(?:that\s+)?(?:he|she|his|her|they\s+(?:were|are)|it\s+(?:was|is|had|has|were)\b)\b"
)


# ... or an institution doing so ("The Israeli army said he “acted professionally” by showing
# restraint.": a dev-stream digest line, the soldier named only before; "The University of
# Wisconsin-Oshkosh said he was a second-semester freshman there.", a Multi-News one): an army
# or a university is no "he", so the "he" is someone the sentence before named (3 sentences of
# the local sets' 61,221 open so, each such)
_INSTITUTION_ON_HIM = re.compile(
    r"^The\s+(?:[\w'’-]+\s+){0,3}?(?:army|military|navy|university|college|school|hospital"
    r"|White\s+House|ministry|government|embassy|church|club|team|league|airline)"
    r"(?:\s+of\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?\s+(?:also\s+)?(?:has\s+|had\s+)?"
    r"(?:said|says|told\s+[\w.]+|added|confirmed|announced|stated)\s+(?:on\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?(?:that\s+)?(?:he|she|his|her)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=TEXT_CACHE)
def needs_context(text: str) -> bool:
    """Opens with a pronoun or connective that refers to something said before, ends on a
    verb whose object was in the sentence before, is a quotation without its speaker (the
    second half of one: "“We’re pointing them at people’s brains, at children.”", after
    "..., Mr. Harris said."), answers the sentence before (``replies``, ``asked_about_it``) or
    picks out one of what it listed (``one_of_those``)."""
    return (
        refers_back(text)
        or bare_quote(text)
        or replies(text)
        or asked_about_it(text)
        or one_of_those(text)
        or quotes_someone_unnamed(text)
        or same_as_before(text)
    )


# A sentence that ends on "the same X" with no "as ..." compares with what the sentence before
# told: "Fortunately, the monkey in ... Kong: Skull Island doesn't suffer the same fate." (a
# Multi-News digest line; the ape that dies is the sentence before's), "Cohen signed the
# document the same day.", "Now he's accused of the same thing.". Not when the sentence holds
# what it compares: "at the same time" (an idiom), a day or year after a date of its own ("...
# will visit the city Wednesday, and ... Trump will be in Dayton on the same day."), the same
# of several it names ("both in the same election"), the noun told earlier in it ("..., the
# agency has granted the same approval"), a contrast in it ("... was supposed to resolve a
# battery drain problem ..., but some early updaters claim they're running into the same
# issue."), "doing the same thing", "Everyone uses the same data.". Of the 41,165 sentences of
# the Multi-News sample and NeuS it fires on 15, all pointing back; of the dev stream's 11,393
# on 6, 5 pointing back ("one volunteer from the same village" reads alone).
_THE_SAME_END = re.compile(r"\b(?P<verb>[a-z]+\s+)?[Tt]he\s+same\s+(?P<noun>[a-z]+)[.!?][\"”’')]*$")
# "at the same time", "in the same way" and "the same again/since/ever" (no noun) stand alone
_SAME_IDIOMS = frozenset(
    {"time", "way", "again", "since", "ever", "now", "too", "still", "then", "forever"}
)
_TIME_NOUNS = frozenset(
    {"day", "year", "week", "month", "night", "period", "morning", "evening", "season", "date"}
)
_DATED = re.compile(
    rf"\b(?:{_WEEKDAY}|{_MONTH_NAME}|\d{{4}}|today|yesterday|tonight)\b", re.IGNORECASE
)
_SEVERAL = re.compile(
    r"\b(?:both|each|two|three|all|several|multiple|many|every(?:one|body)|but)\b",
    re.IGNORECASE,
)
_DOING = frozenset({"do", "does", "did", "doing", "done"})
_SENTENCE_BEFORE = re.compile(r"[a-z\d)\]][.!?][\"”’')\[\]\d]*\s+[A-Z]")


@lru_cache(maxsize=TEXT_CACHE)
def same_as_before(text: str) -> bool:
    """Ends comparing with what came before: "... doesn't suffer the same fate."."""
    if "same" not in text:
        return False
    m = _THE_SAME_END.search(text)
    if m is None:
        return False
    noun, before = m.group("noun"), text[: m.start("noun")]
    if any(
        not is_abbreviation(word_before(before, stop.start() + 1))
        for stop in _SENTENCE_BEFORE.finditer(before)
    ):
        return False  # a unit that holds the sentence it compares with ("Mr. Osinbajo" is none)
    if noun in _SAME_IDIOMS or (m.group("verb") or "").strip() in _DOING:
        return False
    if noun in _TIME_NOUNS:
        return _DATED.search(before) is None
    stem = re.escape(noun[: max(4, len(noun) - 3)])
    return not (_SEVERAL.search(before) or re.search(rf"\b{stem}", before, re.IGNORECASE))


# One of what the sentence before listed or told of, picked out: "The first of those could
# launch a classified U.S. government satellite from the Cape as soon as Jan. 4." and "The
# others are targeted for late in the month." (after "SpaceX already has as many as three
# Falcon 9 launches scheduled in January"), "The earlier crash, on Sept. 5, killed ..." (after
# "It was the second crash in four months to involve Nature Air"), "The latter ...": dev-stream
# timeline lines. The 7 sentences of the dev stream and the Multi-News sample that open so all
# point back.
# ... or the next of a series whose first the sentences before told ("The second step was
# sequencing and identifying the microbes.": a dev-stream digest's last line, no first step
# told; "The second thing is ...", "The next one now in college ..."): the 5 sentences of the
# local sets that open so all point back (not "The second stage engine", a rocket's)
_ONE_OF_THOSE = re.compile(
    r"^The\s+(?:(?:first|second|third|fourth|fifth|last|rest|remainder|majority|bulk|remaining"
    r"|latter|former)\s+of\s+(?:those|these|them)\b|others\b|latter\b|earlier\s+[a-z]+\b"
    r"|(?:second|third|fourth|fifth|next)\s+(?:step|thing|one|part|reason|option|question)\b)"
)


@lru_cache(maxsize=TEXT_CACHE)
def one_of_those(text: str) -> bool:
    """Opens by picking out one of what came before ("The first of those ...")."""
    body = text.lstrip("\"“'‘ ")
    return body[:4] == "The " and _ONE_OF_THOSE.match(body) is not None


# A question put about what the sentence before told: "Asked if Trump was doing that, Walden
# pivoted toward a door ..." (a Multi-News digest's line, what "that" was left out), "Asked
# about this shooting at an economic development event, the mayor said ..."; 4 of the 51
# sentences of the local sets that open "Asked" point back so ("Asked whether Lavrov had
# promised that Russia would ..." names what was asked)
_ASKED_ABOUT_IT = re.compile(
    r"^Asked\b[^,]{0,120}?(?:\b(?:about|if|whether)\s+(?:that|this|these|those|it)\b"
    r"|\b(?:that|this|it)\s*,)"
)


@lru_cache(maxsize=TEXT_CACHE)
def asked_about_it(text: str) -> bool:
    """Opens with a question asked about what came before ("Asked about that comment, ...")."""
    return text[:5] == "Asked" and _ASKED_ABOUT_IT.match(text) is not None


# A reply to the sentence before: an interjection first ("Well, that's great, assuming it's
# true.": a dev-stream digest line, after a rumour it doubts; "Okay, so it ain't exactly ..."),
# or "so" standing for what was said ("President Trump and South Korea seem to think so.":
# another, after the question it answers). Not "Yes," or "No,", which open rhetorical
# statements that stand ("Yes, there are more women in Congress than ever before, but ...") as
# often as replies.
# "Yes" or "No" is a reply when a pronoun follows, which stands for what was asked ("No,
# it’s a bird on a plane.": a dev-stream line after "Is it a bird? Is it a plane?")
_REPLY = re.compile(
    r"^(?:(?:well|oh|okay|ok|sure|right),\s|(?:yes|no),\s+(?:it|he|she|they|this|that)\b)",
    re.IGNORECASE,
)
_REPLY_INITIALS = frozenset("WwOoSsRrYyNn")
_SO_FOR_WHAT_WAS_SAID = re.compile(
    r"\b(?:think|thinks|thought|believe|believes|believed|hope|hopes|say|says|said|suppose"
    r"|expect|expects|appear|appears|seem|seems|guess|fear|fears|feared)\s+so[.!?]?[\"”’']*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=TEXT_CACHE)
def replies(text: str) -> bool:
    """Answers the sentence before: opens with a reply's interjection, or ends with "so"
    standing for what it said."""
    t = text.strip()
    # "so" is the last word: only the end of the sentence is searched, and only when it holds
    # "so"; an interjection is tried only where one can start (most sentences fail both signs)
    if "so" in t[-6:].lower() and _SO_FOR_WHAT_WAS_SAID.search(t[-24:]):
        return True
    head = t.lstrip("\"“'‘ ")
    return head[:1] in _REPLY_INITIALS and _REPLY.match(head) is not None


# A role named as known, saying something ("The spokesman said Pinochet was arrested on a
# Spanish warrant ...", a wire digest's line; "The company said it would appeal."): which
# spokesman, which company, the sentence before said
_ROLE_SAID = re.compile(
    r"^The\s+(?:spokes(?:man|woman|person)|official|officials|company|firm|agency|ministry"
    r"|department|statement|report|source|sources)\s+(?:also\s+)?(?:said|says|added|told"
    r"|declined|confirmed|denied)\b"
)


# ... or a role that acts, with only what describes it ("The former Massachusetts governor made
# it official Friday.": a NeuS digest's opening line; "The firm succeeded by growing and fixing
# companies.": a Multi-News digest's opening line and title; "The mayor said the truck was full
# of explosives.", a dev-stream one): which governor, which firm, the sentence before said (65
# sentences of the local sets open so with another verb than "said", every one a known
# someone's); not one the words after it name, nor a compound ("The company behind HQ Trivia
# ...", "The company making the KFC edible cups is ...": NeuS lines; "The star witness ...")
_ROLE_ACTS = re.compile(
    r"^The\s+(?:(?:former|ex-|then-|outgoing|embattled|[A-Z][\w.'’-]+)\s+){0,3}"
    r"(?:governor|senator|congressman|congresswoman|lawmaker|mayor|candidate|nominee|firm"
    r"|company|billionaire|businessman|businesswoman|actor|actress|singer|rapper|star)\s+"
    r"(?!(?:who|whom|whose|which|that|of|in|and|or|but|to|for|with|at|on|from|by|as|behind"
    r"|witness|quarterback|player|pool|race|line|deadline|town|field|\w+ing)\b)[a-z]+\b"
)


# ... or officers, or a number of people, named as known, who act ("The officers finished with
# their call and then continued their conversation with Mr. Smith, ...": a Multi-News digest's
# second line, no officer named before it; "The two men exchanged words ..."): which ones, the
# sentences before said (7 sentences of Multi-News and NeuS val open so, none its article);
# not ones the words after them say ("The two men arrested Tuesday"). "The
# women" or "The girls" alone stay: a story's other lines often say who they are ("Several
# female heavyweights in the music industry fired off a letter ...", then "The women took issue
# with ...": a dev-stream digest), which a rule on one sentence cannot see.
_PEOPLE_ACT = re.compile(
    r"^The\s+(?:(?:officers|deputies|troopers|detectives|suspects)|(?:two|three|four)\s+(?:men"
    r"|women|boys|girls))\s+(?:also\s+)?(?!(?:who|whom|whose|which|that|of|in|on"
    r"|at|from|for|to|with|and|or|behind|here|there|arrested|accused|charged|killed|injured"
    r"|involved|named|identified|detained|held|wounded|suspected|convicted|found|shot|taken"
    r"|\w+ing)\b)[a-z]+"
)


# A speaker and a verb of saying, and nothing said: the attribution of the quotation before it
# (".... a “case study of a breakdown of national security.” Sen. Lindsey Graham charged on
# Sunday.": the quote ended its sentence, so this opened and titled a Multi-News digest)
MAX_ATTRIBUTION_CHARS = 90
_ATTRIBUTION_ALONE = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s+){1,6}(?:said|says|charged|added|argued|noted|explained|insisted"
    r"|claimed|wrote|declared|stated|continued|concluded|countered|replied|responded"
    r"|told reporters)(?:\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today"
    r"|yesterday)(?:\s+(?:morning|afternoon|evening|night))?)?\.$"
)


# A subordinate clause standing alone, its main clause in the sentence before ("Though Yu and
# Soni have also sort of obfuscated their premise by calling it a 'secret sauce.'": a
# Multi-News digest line; "Because Obama's withdrawal led to the increasing influence of Iran
# ...": a NeuS one): no comma, so no main clause follows it
_CLAUSE_ALONE = re.compile(r"^(?:though|although|even though|because(?! of\b))\b[^,;:—–]*$", re.I)
# ... unless its main clause follows without the comma: a second subject and its verb after
# the clause's own ("Even though he has not officially launched his campaign Biden has appeared
# at ...", "Although I love it I just don't know ...": a hostile reader's finds)
_MAIN_CLAUSE_AFTER = re.compile(
    r"(?P<before>[\w’'-]+)\s+(?:[A-Z][\w’'-]+|he|she|they|we|I|it)\s+"
    r"(?:(?:just|still|also|never|[a-z]+ly)\s+)?(?:has|have|had|is|are|was|were|will|would|can"
    r"|could|did|does|do|don['’]t|didn['’]t|doesn['’]t|won['’]t|can['’]t)\b"
)
# words after which a subject and verb are a clause inside the first one ("... has said it
# will appeal", "... if I will")
_EMBEDS = frozenset(
    "said says say think thinks thought know knows knew believe believes believed that if "
    "whether when because while as since though although".split()
)
_OWN_SUBJECT_WORDS = 5  # the clause's own subject and verb come within its first words


def _clause_alone(text: str) -> bool:
    """A subordinate clause with no main clause after it (``_CLAUSE_ALONE``)."""
    if not _CLAUSE_ALONE.match(text):
        return False
    for m in _MAIN_CLAUSE_AFTER.finditer(text):
        if len(text[: m.end("before")].split()) < _OWN_SUBJECT_WORDS:
            continue
        if m["before"].lower() not in _EMBEDS:
            return False
    return True


# The writer or a speaker in the first person, outside any quotation ("I think that many of
# them say, “Well, you’re a hypocrite ...”", a transcript's answer; "We're told the
# Kardashians were 'surprised' ...": Multi-News digest lines): who "I" is, the text around it
# said; a quotation that opens so names its speaker after it, and a title is no pronoun ("My
# Chemical Romance", "We Are the World", "I, Tonya")
_OPENS_IN_FIRST_PERSON = re.compile(
    r"^(?:I|We|My|Our|Us)(?:['’](?:m|ve|d|ll|re))?\b(?!['’]s\b|\.|-\d|,?\s+[A-Z])"
)


# a story's units at least: a digest asks of a unit in several stages (its features, the
# order of the digest, the moving of introductions), 5 µs each time
@lru_cache(maxsize=TEXT_CACHE)
def refers_back(text: str) -> bool:
    """Opens with a pronoun or connective that refers to something said before, or ends on a
    verb whose object was in the sentence before (the summarizer's fitted feature)."""
    return bool(
        _LEADING_CONNECTIVE.match(text.lstrip("\"“'‘ "))
        or _ROLE_SAID.match(text)
        or (text[:4] == "The " and _ROLE_ACTS.match(text))
        or (text[:4] == "The " and _PEOPLE_ACT.match(text) is not None)
        or (len(text) < MAX_ATTRIBUTION_CHARS and _ATTRIBUTION_ALONE.match(text))
        or _PRONOUN_AFTER_OPENING.match(text)
        or _pronoun_after_bare_opening(text)
        or _PRONOUN_AFTER_NAMELESS_OPENING.match(text.lstrip("\"“'‘ ")) is not None
        or _COLLECTIVE_ON_HIM.match(text)
        or (text[:1] in "SMFO" and _SOME_ON_IT.match(text))
        or (text[:4] == "The " and _INSTITUTION_ON_HIM.match(text))
        or _lost_object(text)
        or (len(text.split()) <= MAX_BARE_ASSENT_WORDS and _BARE_ASSENT.search(text))
        or _SUBJECT_ALSO.match(text)
        or (
            (" added" in text or " went on" in text or " continued" in text)
            and _SPEAKER_ADDED.match(text) is not None
        )
        or _SECOND_PLACE_LINK.match(text)
        or _LINKED_OPENING.match(text.lstrip("\"“'‘ "))
        or _points_back(text)
        or _clause_alone(text.lstrip("\"“'‘ "))
        or _OPENS_IN_FIRST_PERSON.match(text) is not None
        or _SHARE_OF_HIS.match(text) is not None
        or _QUESTION_OF_IT.match(text) is not None
        or (text[:5] == "Both " and _BOTH_ALONE.match(text) is not None)
        or ("xception" in text and _EXCEPTION_TO_IT.search(text) is not None)
    )


# Someone naming "it" or "them" before the sentence names anything they could be ("A Delta Air
# Lines spokesman referred to it only as “stowaway” ...": a dev-stream digest's opening line,
# the bird named only in the sentences before; "The Taliban called it a “revenge attack” ...",
# "Rep. Tom Cole of Oklahoma called it “a Democratic agenda ...”"). Each of the 15 sentences
# of Multi-News, NeuS and the dev stream that read so points back. Not an idiom ("called it
# quits", "a day", "off"), nor an "it" that a clause after it says ("called it unlikely that
# ...").
_NAMES_IT = re.compile(
    r"^(?:[\w.'’-]+\s+){0,6}?(?:has\s+|have\s+|had\s+)?(?:(?:not|never|only|also|once)\s+)?"
    r"(?:referred\s+to|called|described|dubbed|labell?ed|branded|termed|characteri[sz]ed)"
    r"\s+(?:it|them)\b(?!\s+(?:quits|a\s+day|a\s+night|off)\b|\s+[a-z]+\s+(?:that|to)\b)"
)


def names_it(text: str) -> bool:
    """Whether the sentence names or judges "it" or "them" before it names anything they could
    be (``_NAMES_IT``): what, a line before it must have told, though any line of the story
    may ("The Taliban called it a “revenge attack” ..." after the digest's line of the bombing;
    the summarizer takes it only after a line that reads before it)."""
    return (" it" in text or " them" in text) and _NAMES_IT.match(text) is not None


# An exception, and not to anything the sentence says: to what the sentence before said
# ("Mount St. Helens is a standout exception, suggests a new study.": a Multi-News digest's
# line; its article's sentence before, "Below most volcanoes, Earth packs some serious deep
# heat."); "an exception to the rule" says what it is one to
_EXCEPTION_TO_IT = re.compile(
    r"\b(?:is|are|was|were|remains?|being) (?:an?|the|one) (?:[\w-]+ ){0,2}exceptions?\b"
    r"(?! to\b| of\b)"
)


# "Both" alone as the subject: which two, the sentence before said ("Both got off the bridge
# safely.": a Multi-News digest's line; none of the 11 lines of Multi-News and NeuS that open
# so opens its article); "Both men were ..." says what
_BOTH_ALONE = re.compile(
    r"^Both\s+(?:of\s+them\s+)?(?:were|are|was|is|have|had|has|will|would|could|can|got|went"
    r"|[a-z]+ed)\b"
)


# A share of someone's people, whose someone the sentence before named ("Two hundred and
# nineteen of his neighbors down the street joined together ...": a Multi-News digest's
# opening and title; "Many of their supporters ..."), not of a thing it names ("Many of the
# protesters")
_SHARE_OF_HIS = re.compile(
    r"^(?:\d[\d,.]*|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Dozens|Hundreds|Thousands"
    r"|Millions|Many|Some|Most|All|Several|Few|Both|Each|None|Half|Much|Part|Any)"
    r"(?:\s+(?:hundred|thousand|million|and|[a-z]+-[a-z]+|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty))*\s+of\s+(?:his|her|their|its)\b"
)
# What a story turns on, put as a question about what the sentence before named ("One key
# will be how it's paid for.": a Multi-News live blog's line, which titled its story; "The
# question is whether they can pass it"): the pronoun before any name
_QUESTION_OF_IT = re.compile(
    r"^(?:One|The|A|An|Another)\s+(?:[a-z][\w-]*\s+){1,3}?(?:is|was|will\s+be|remains"
    r"|would\s+be)\s+(?:how|whether|what|why|when|if|who)\s+(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:it|it['’]s|its|he|she|they|they['’]re|his|her|their|them|him)\b"
)


# Things the sentence before named, pointed at with "these" or "those" ("Equifax did not
# immediately confirm these details.", "The president predicted these measures could have an
# effect on the global economy.": dev and Multi-News digest lines). Not when what follows
# says which ("those who ...", "those killed", "those students under 18", "those medications
# containing ibuprofen"), nor a time ("these days", "in these uncertain times").
_DEMONSTRATIVE_PLURAL = re.compile(
    r"\b(?:these|those)\s+(?!(?:she|he|they|we|you|i|it|who|whom)\b)(?:[a-z][\w-]*\s+)?"
    r"(?!(?:days|times|nights|years|weeks|months)\b)([a-z][\w-]*[^\Wsu]s)\b"
    r"(?!\s+(?:who|whom|whose|that|which|of|with|without|in|on|for|from|at|by|where|when|like"
    r"|under|over|aged|between|across|around|near|outside|inside|lost|built|made|held|taken"
    r"|given|born|known|left|found|seen|hit|sold|written|caught|[a-z]+ed|[a-z]+ing)\b)"
)


def _points_back(text: str) -> bool:
    """A "these"/"those" + plural noun whose noun the sentence has not named before it
    ("every option -- even when those options are tough" points inside the sentence)."""
    if "these" not in text and "those" not in text:
        return False
    lowered = text.lower()
    for m in islice(_DEMONSTRATIVE_PLURAL.finditer(text), 3):
        stem = m.group(1)[:-1].lower()
        if lowered.find(stem, 0, m.start()) < 0:  # "iPhones ... these phones": named before
            return True
    return False


# "The countries also closed their airspace to Qatar Airways ..." (a Multi-News digest line:
# which countries, the sentence before said; "The man also said ...", a dev-stream one): a
# definite subject that "also" acts
# a link in second place ("The timing, however, indicates ...": a Multi-News digest line;
# not "meanwhile", which sets a fact beside the story's: "Oil, meanwhile, plunged 15%")
_SECOND_PLACE_LINK = re.compile(
    r"^[^,;:“”\"]{1,40}, (?:however|though|in turn|too|nevertheless|instead),",
    re.IGNORECASE,
)
# a speaker who adds to, or goes on from, what the sentence before had them say ("Paul added
# that he does not believe it's possible Trump will be convicted.": a NeuS digest's line, Rand
# Paul's first words in the sentence before; "Fischetti continued, “Devin, as the world knows
# him, ...”"); not "added" with an object ("Pittsburgh added a 36-yard field goal", "Economy
# added 4.8M jobs in June": NeuS leads). Of the 89 sentences of Multi-News, NeuS and the dev
# stream that open so, none opens its article.
_SPEAKER_ADDED = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}\s+"
    r"(?:also\s+|later\s+)?(?:added|continued|went on(?: to (?:say|add))?)"
    r"(?:\s+(?:on|in)\s+\w+)?(?:\s+that\b|\s*[:,]?\s*[“\"])"
)
_SUBJECT_ALSO = re.compile(r"(?:The|These|Those|Both) (?:[a-z][\w-]* ){0,2}[a-z][\w-]* also\b")


# A quotation whose speaker is only "he" or "she" ("“God only knows what it's doing to our
# children's brains,” he said.", dev stream): who spoke, the sentence before said
# ... or tweeted it, or told a programme named in quotes ('"We will not take lessons from anyone
# on our history," he tweeted.': a NeuS digest's line after Biden's statement, the "he" Turkey's
# foreign minister; '"We're going to pass the bill this week," she told ABC's "This Week."'), or
# announced it ("“The bird is flying around the cockpit,” he announced, as Perry recalled it.":
# a dev-stream digest's line after one about Delta's spokesman, the "he" the pilot)
_PRONOUN_SAID = re.compile(
    r"[,!?…]?[”\"’']\s*,?\s*(?:he|she|they)\s+(?:said|says|added|adds|told|tells|wrote|writes"
    r"|explained|explains|recalled|recalls|noted|notes|continued|continues|went on|goes on"
    r"|tweeted|tweets|posted|posts|stated|states"
    r"|insisted|insists|replied|replies|argued|argues|announced|announces|declared|declares"
    r"|joked|jokes|quipped|quips|warned|warns|admitted|admits"
    # ... or began, confirmed or answered it ('"I always say that on every campaign, there are
    # one or two volunteers who really make a difference," he began.', '"... I'm really good at
    # this," he confirmed.': a Multi-News digest's lines, the "he" Anthony Weiner, named in no
    # line before them)
    r"|began|begins|confirmed|confirms|asked|asks|answered|answers|responded|responds"
    r"|recounted|recounts|conceded|concedes|acknowledged|acknowledges|complained|complains"
    r"|boasted|boasts|promised|promises|vowed|vows|predicted|predicts|concluded|concludes"
    r"|claimed|claims|maintained|maintains|moaned|laughed|sighed|shouted|yelled)\b"
    r"(?:[^”\"“]|[“\"][^”\"“]{1,40}[”\"]){0,120}$"
)


# ... or after the rest of its sentence ("“We don’t think it’s from the ships” involved in the
# search, he said.": a Multi-News digest's line, who "he" is said two lines before it there)
_QUOTE_THEN_PRONOUN_SAID = re.compile(
    r",\s+(?:he|she|they)\s+(?:said|says|added|adds|told reporters|wrote|writes)\.$"
)


@lru_cache(maxsize=TEXT_CACHE)
def bare_quote(text: str) -> bool:
    """One quotation and nothing else, or with only a pronoun for its speaker: no one is
    named as saying it."""
    t = text.strip()
    if t[:1] in "“\"'‘" and _PRONOUN_SAID.search(t):
        return True
    if t[:1] in '“"' and _QUOTE_THEN_PRONOUN_SAID.search(t):
        # a quotation, the words it leaves out, and a pronoun for its speaker: no name
        return not any(c.isupper() for c in _outside_quotes(t))
    if len(t) >= 4 and t[0] in "'‘" and t[-1] in "'’" and t[-2] in ".!?,":
        # the Daily Mail's single marks ("'Don't design a sloping roof.'", dev stream): the
        # apostrophes inside make the marks' count useless, the closing stop tells them apart
        return not _SPEAKER.found(t)
    if len(t) < 3 or t[0] not in '"“' or t[-1] not in '"”':
        return False
    # one quotation with nothing outside it names no speaker, whatever verbs it holds ("“I
    # made a proposal and was told they would be happy to receive such a delegation.”": a
    # Multi-News digest's line, its speaker in the sentence before)
    return not any(q in t[1:-1] for q in '"“”')


# A quotation that opens on "he" or "she", its speaker named after it ("“In my mind, she's
# definitely running,” Gillibrand tells PEOPLE.": a Multi-News digest's line, the "she" Hillary
# Clinton, named only in the sentence before; "“He was a big guy,” Garcia said."): the speaker
# is not the "he", and a quotation naming no one leaves who it is to the sentence before. Of
# the 35 sentences of Multi-News and NeuS val that read so, none opens its article (30 open on
# the pronoun itself, which ``refers_back`` reads too). Not one whose speaker's words outside
# say whom it is of ("“She hates the Republican Party,” Trump said of Pelosi", "said Monica
# Conyers, Carl Conyer's mother").
_QUOTED_BODY = re.compile(r"(?:“([^“”]*)”|\"([^\"“”]*)\")([^“”\"]*)$")
_OPENS_ON_HE = re.compile(r"(?:[^,;:]{0,30},\s+|(?:[\w’']+\s+){0,2})(?:[Hh]e|[Ss]he)\b")
# a capitalized word inside the quotation, not opening one of its sentences: a name
_NAME_INSIDE = re.compile(r"(?<![.!?…]\s)(?<!^)\b(?!(?:I|He|She)\b)[A-Z]")
_SPEAKER_OUTSIDE = re.compile(
    r"\b[A-Z][\w.’'-]*(?:\s+\S+){0,6}?\s+(?:said|says|tells|told|added|adds|wrote|writes"
    r"|explained|recalled|noted)\b|\b(?:said|says|added|recalled|explained)\s+[A-Z]"
)
_OF_SOMEONE = re.compile(r"\b(?:of|about|to)\s+(?:[A-Z]|him\b|her\b)|\b[A-Z][\w-]*[’']s\s")


def quotes_someone_unnamed(text: str) -> bool:
    """A quotation that opens on "he" or "she" and names no one, its speaker named outside
    it: who "he" is, the sentence before said."""
    found = _QUOTED_BODY.match(text.strip()) if text[:1] in '“"' else None
    if found is None:
        return False
    body = found[1] if found[1] is not None else found[2]
    outside = found[3]
    return (
        _OPENS_ON_HE.match(body) is not None
        and _NAME_INSIDE.search(body) is None
        and _SPEAKER_OUTSIDE.search(outside) is not None
        and _OF_SOMEONE.search(outside) is None
    )


# A lead-in: a sentence that only announces what the next one says ("Here's what you need to
# know about the child tax credit, including whether you're eligible.", "The White House
# released the following statement by President Donald Trump ...": NeuS train sentences whose
# statement is in no sentence of the digest), or a quotation that only announces its speaker's
# words ("“Today I will tell you with lots of prayers and lots of thinking,” Justice said ...":
# a NeuS digest's opening line; what he told is the next sentence). A colon after it brings
# what it announces into the sentence ("Here's what to know: The authorities were ...").
_HERE_IS = re.compile(r"^Here(?:'s|’s| is| are)\s+(?!hoping\b|to\b)")
# "the following" but not a time ("the following year", "the following three days")
_THE_FOLLOWING = re.compile(
    r"\b(?:the following\b(?!\s+(?:[\w-]+\s+)?(?:days?|weeks?|months?|years?|seasons?|decades?"
    r"|mornings?|afternoons?|evenings?|nights?|weekends?|spring|summer|fall|autumn|winter"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)|as follows\b)",
    re.IGNORECASE,
)
# a count after "the following": the next few of something ("the following three interns'
# names", a Multi-News digest line read as announcing what came after it), unless a colon
# ends the sentence ("The following three men were charged:") or the counted things do
# ("Police identified the following four victims.": what is announced is the list)
_COUNTED = re.compile(
    r"\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|few|several"
    r"|couple)\b",
    re.IGNORECASE,
)
_COUNTED_THINGS_END = re.compile(r"(?:\s+[\w-]+){1,2}\s*[.!?]?['\"”’]*$")
# A speaker announcing that they will speak ("Let me tell you something", "I want to tell you
# one more thing I know about ...", "I will say this"): a first person (or "let me") and a
# verb of telling with no message of its own after it: nothing, what is coming ("this",
# "something", "one more thing", "what ..."), or how or when it is told ("with lots of
# prayers"). Not "I want to say thanks to ...", "I can tell you that we are ready", "I just
# want to say I'm sorry" (the message), nor "I cannot tell you how sorry I am".
_ANNOUNCES_SPEECH = re.compile(
    r"^(?:(?:today|tonight|now|so|and|but|well|first|look|listen|folks|frankly|honestly|finally)"
    r"[\s,]+)*(?:let (?:me|us)|let['’]s|(?:I|we)(?:\s+(?:will|shall|want to|wanna|would like to"
    r"|am going to|are going to|have to|must|need to|can|just|now|first|also|only|really))*"
    r"|(?:I|we)['’](?:ll|d like to|m going to|re going to)(?:\s+(?:just|now|first|also))*)"
    r"\s+(?:tell|say|announce|share|explain|reveal)\b"
    r"(?:\s+(?:you|y['’]all|everyone|everybody|all of you|you all|folks|the people|the world))?"
    r"(?:\s+(?:this|something|one thing|one more thing|a few things|a (?:little )?(?:story|secret)"
    r"|what|the following|with|from|today|tonight|now|here|again|honestly|frankly|openly)\b"
    r"[^,;:—–]*)?$",
    re.IGNORECASE,
)
# A sentence that only says accounts differ ("Now accounts begin to differ again.": dev event
# 43's digest line, after Perry's joke, without the accounts the sentence after it gives):
# what differs is told after it. Not when it says what they differ on, after a colon or a
# preposition ("Accounts differ on how many were killed" tells that the toll is in doubt).
_ACCOUNTS_DIFFER = re.compile(
    r"^(?:(?:now|but|and|here|yet|so|again),?\s+)*(?:the\s+|their\s+|these\s+|those\s+)?"
    r"(?:[a-z]+\s+)?(?:accounts|versions|stories|recollections|descriptions|explanations"
    r"|narratives)\s+(?:(?:begin|began|start|started)\s+to\s+)?(?:differ|diverge|vary|conflict"
    r"|clash)(?:s|ed)?(?:\s+(?:again|here|there|now|sharply|widely|somewhat))*\s*[.!]?$",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r'"([^"]*)"|“([^“”]*)”|«([^«»]*)»')
# a sentence's end with more after it: what was announced, in the same unit
_MORE_AFTER = re.compile(r"""[.!?…]['"”’»]*\s+['"“‘«]?[A-Z]""")


@lru_cache(maxsize=TEXT_CACHE)
def leads_in(text: str) -> bool:
    """Only announces what comes after it: "Here's what ...", "the following ...", "as
    follows", or a quotation that opens or ends the sentence and only announces its speaker's
    words (or ends on a colon); with no colon and no sentence after it that say what. Also a
    sentence that only says accounts differ (``_ACCOUNTS_DIFFER``)."""
    t = text.strip()
    body = t.lstrip("\"“'‘ ")
    if _ACCOUNTS_DIFFER.match(body):
        return True
    if _HERE_IS.match(body):
        return _nothing_after(t, 0)
    if "ollow" in t and (m := _THE_FOLLOWING.search(t)):
        counted = _COUNTED.match(t, m.end())
        if counted and not t.endswith(":") and not _COUNTED_THINGS_END.match(t, counted.end()):
            return False  # the next few: "After getting the following three interns' names wrong"
        return _nothing_after(t, m.start())
    if '"' not in t and "“" not in t and "«" not in t:
        return False
    inner_end = len(t.rstrip(".!?")) - 1  # once: a copy of the text at each quotation was
    # quadratic in a long unit of many (50,000 quotations took seconds)
    for m in _QUOTATION.finditer(t):
        if m.start() > 1 and m.end() < inner_end:
            continue  # a quotation inside the sentence's own words
        said = next(g for g in m.groups() if g is not None).strip()
        if _MORE_AFTER.search(t, m.end()) or _MORE_AFTER.search(said):
            continue  # more sentences: what it announces may be among them
        if said.endswith(":"):
            return True
        said = said.rstrip(",.!… ")
        if (_HERE_IS.match(said) and ":" not in said) or _ANNOUNCES_SPEECH.match(said):
            return True
    return False


def _nothing_after(text: str, start: int) -> bool:
    """Whether ``text`` has, after ``start``, no colon with words after it and no sentence
    after the first (what a lead-in announces)."""
    k = text.rfind(":")
    if k >= start and _LETTERS.search(text, k):
        return False
    return not _MORE_AFTER.search(text, start)
