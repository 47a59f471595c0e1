"""Shorter readings of a sentence, for the end of a digest's budget.

A digest keeps whole sentences, so a 60-word digest whose best remaining sentences run 35
words each stops at one sentence and leaves half its budget empty (NeuS val: 72 of 307
digests were one sentence). News sentences carry asides that can go without breaking the
sentence: a bracketed aside ("stem (ES) cells"), a dashed one ("a city — and a nation —
still reeling"), an appositive or a non-restrictive clause between commas ("Las Vegas, the
scene of the deadliest mass shooting in modern US history, with ..."), and a trailing clause
after the last comma that hangs on the main one (", with Democrats stepping up pressure",
", which ...", ", saying ..."). Dropping them leaves the main clause whole, so the reading
is grammatical; the citation still points at the source sentence.

Conservative by design (a hostile reader's pass found 8.8% of a first version's readings
broken or misleading): a sentence with a quotation keeps every word; an aside that says who
says so, denies, negates or hedges stays (``_KEEP``), and so does one a later clause hangs on,
a fronted clause's main clause, a list's item; what is left must keep a finite verb and pass
the summary checks (``quality.fit``). Measured on NeuS val, it fills little: most one-sentence
digests are short because the other outlets' leads say the same fact, not because they are
too long.
"""

from __future__ import annotations

import re
from itertools import combinations

from newsdigest.readability import PRESENT_AFTER_SUBJECT, lexical_finite_verb

_QUOTE_MARKS = frozenset('"“”«»')
MAX_ASIDES = 4  # up to 2**4 readings of one sentence
MAX_ASIDE_WORDS = 20
# an aside between brackets or dashes; the dashes spaced (a hyphen inside "well-known" is no
# dash); not a list's label ("options (1) and (2)") nor one holding the sentence's stop
_BRACKETED = re.compile(r" \((?!\s*(?:\d{1,2}|[a-z])\s*\))[^()]{1,120}(?<![.!?])\)")
_DASHED = re.compile(r" (?:—|–|--) ([^—–]{1,160}?) (?:—|–|--)(?= )")
# ", the scene of ..., " / ", who was arrested Monday, ": an appositive or a relative clause
# between commas, after a word (not a number: "Dec. 5, 2019, ..."), then the word after it
_BETWEEN_COMMAS = re.compile(
    r"(?<=[A-Za-z)]), (?P<aside>(?P<kind>the|a|an|who|which|whose|where) [^,;:]{3,160}?)"
    r"(?P<close>,) (?P<next>[\w’']+)"
)
# what may follow an aside between commas: the main clause's verb ("The vaccine, which is
# pending approval, will be shipped": the closing comma goes too) or a trailing clause
# ("Las Vegas, the scene of ..., with Democrats ...": the comma stays). Anything else may be a
# list ("on the basis of sex, race, color") or the main clause after a fronted phrase ("On
# Tuesday, the court will hear ..., which"), where nothing can go.
_MAIN_VERBS = frozenset(
    "will would can could may might must should shall is was are were has have had does did "
    "said says told tells wrote made took gave became won lost met left went came got saw "
    "found held began spoke sent kept ran led paid brought thought sought fell rose "
    "remains remained".split()
)
# clauses that hang on the main one and carry no one's word for it: not "according to",
# "citing" or "as X said" (an allegation would read as fact), not "while", "even as" or
# "despite" (the other side of a claim)
_TRAILING_OPENERS = (
    "amid|after|saying|following|adding|bringing|making|leaving|prompting|sparking|marking"
    "|raising|putting"
)
_OPENS_TRAILING = frozenset([*_TRAILING_OPENERS.split("|"), "with"])
# "with" opens a trailing clause only as "with <someone> <doing>" ("with Democrats stepping up
# pressure"); else it may be the verb's own ("contrasted the debate ... with the first one")
_WITH_DOING = r"with (?:[\w’'.$-]+ ){1,5}?[a-z]+ing\b"
# an appositive names; a verb in it means it is a clause ("On Fox News, the leader said ...")
_VERB_LIKE = re.compile(
    r"\b(?:[a-z]+ed|" + "|".join(sorted(_MAIN_VERBS)) + r"|be|been|being|says?|do|does)\b"
)
# the clause after the sentence's last comma that hangs on the main one; which/who/where only
# after a name ("Trump met Kim Jong Un, who ...")
_TRAILING = re.compile(
    rf", (?:{_TRAILING_OPENERS}|{_WITH_DOING}"
    r"|days after|weeks after|a day after|a week after|hours after|in a move"
    r"|(?P<rel>who|which|where))"
    r" [^,;:?]*?(?=[.!]['\"”’»)]*$)"
)
_NAME_END = re.compile(r"\b[A-Z][\w’'.-]*$")
# what an aside may not take with it: who says so, a denial, a negation, a hedge
_KEEP = re.compile(
    r"\b(?:not|n['’]t|never|no longer|already|den(?:y|ies|ied|ial)|disput\w*|plead\w*"
    r"|admit\w*|alleg\w*|accus\w*|reportedly|unconfirmed|unverified|although|though|however"
    r"|but|later|said|says|say|claim\w*|insist\w*|argu\w*|told|tells|report\w*|wrote|writes"
    r"|according|cit(?:ed|ing)|stat\w*|believ\w*|suspect\w*|poll\w*|survey\w*)\b",
    re.IGNORECASE,
)
# a sentence opening with a clause or phrase whose main clause follows a comma ("Whether the
# presidency is ..., the first hinge will"): what stands between its commas is no aside
_FRONTED = re.compile(
    r"(?:If|When|Although|Though|Because|While|After|Before|As|Since|Unless|Until|Once|"
    r"Whether|Even|Apart from|To date|So far|In|On|At|For|With|Without|Despite|According to|"
    r"Asked|Speaking|Following|Under|Like|Unlike|Amid|Among)\b|[A-Z][a-z]+ing\b"
)
# an all-caps dateline before a dash ("OTTAWA -- Liberal MP ...")
_DATELINE = re.compile(r"[A-Z][A-Z .,/'-]+ (?:--|—|–) ")


def _between_commas(text: str) -> list[tuple[int, int, str]]:
    """Asides between commas that may go (see ``_MAIN_VERBS``)."""
    found = []
    for m in _BETWEEN_COMMAS.finditer(text):
        if m["kind"] in ("the", "a", "an") and _VERB_LIKE.search(m["aside"]):
            continue  # a clause, not a name's appositive
        if "," in text[max(0, m.start() - 30) : m.start()]:
            continue  # a list's next item ("South Korea, China, the ..."), a nested aside
        after = m["next"]
        if after == "with" and not re.match(_WITH_DOING, text[m.start("next") :]):
            continue
        if after in _OPENS_TRAILING:
            found.append((m.start(), m.start("close"), ""))
        elif after in _MAIN_VERBS or (after.endswith("ed") and after.islower()):
            found.append((m.start(), m.end("close"), ""))
    return found


def _asides(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of each aside that may go, in text order, not overlapping;
    none in a sentence with a quotation (its speaker, and its words, stay whole)."""
    if any(c in _QUOTE_MARKS for c in text):
        return []
    spans = [(m.start(), m.end(), "") for m in _BRACKETED.finditer(text)]
    dateline = _DATELINE.match(text)
    spans += [
        (m.start(), m.end(), "")
        for m in _DASHED.finditer(text, dateline.end() - 1 if dateline else 0)
    ]
    if not _FRONTED.match(text):
        spans += _between_commas(text)
        spans += [
            (m.start(), m.end(), "")
            for m in _TRAILING.finditer(text)
            if not m["rel"] or _NAME_END.search(text, 0, m.start())
        ]
    found: list[tuple[int, int, str]] = []
    for start, end, replacement in spans:
        span = text[start:end]
        if "'" in span and re.search(r"(?:^|\s)'", span):
            continue  # a single-quoted phrase may be someone's words
        if len(span.split()) > MAX_ASIDE_WORDS + 1 or _KEEP.search(span):
            continue
        found.append((start, end, replacement))
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for start, end, repl in found:
        if kept and start < kept[-1][1]:
            continue  # overlaps an aside found before it
        kept.append((start, end, repl))
    return kept[:MAX_ASIDES]


def shorter_readings(text: str) -> list[str]:
    """``text`` without one or more of its asides, longest reading first (none: [])."""
    asides = _asides(text)
    readings: set[str] = set()
    for n in range(1, len(asides) + 1):
        for cut in combinations(asides, n):
            out, at = [], 0
            for start, end, repl in cut:
                out.append(text[at:start])
                out.append(repl)
                at = end
            out.append(text[at:])
            reading = "".join(out)
            # "based in the U.K., which ..." keeps one stop
            reading = re.sub(r"(?<=[A-Za-z]\.)\.$", "", reading)
            readings.add(reading)
    return sorted((r for r in readings if _whole(r)), key=lambda r: (-len(r.split()), r))


# a subordinate clause whose main clause was after its comma ("If she agreed to be part of the
# next season, who knows ...")
_SUBORDINATE = re.compile(
    r"(?:If|When|Although|Though|Because|While|After|Before|As|Since|Unless|Until|Once|"
    r"Whether|Even if|Even though)\b"
)


def _whole(reading: str) -> bool:
    """Whether a reading is still a sentence: a finite verb (a word that is one wherever it
    stands, or a present tense after its subject), no subordinate clause left without the
    main one, and its dashes paired."""
    if _SUBORDINATE.match(reading) and ", " not in reading:
        return False
    if (reading.count(" -- ") + reading.count(" — ") + reading.count(" – ")) % 2:
        return False
    return lexical_finite_verb(reading) or bool(PRESENT_AFTER_SUBJECT.search(reading))
