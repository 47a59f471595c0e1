"""A person the digest first names by surname alone gets the given name the story introduced
them with: "..., said Kimmel." becomes "..., said Jimmy Kimmel." when the sentence that
introduced him was not chosen. A reader of a digest meets each person once, often in a
sentence from the middle of an article, where the outlet had already introduced them.

Conservative, as a wrong name is worse than a short one. Only a capitalized word that speaks
or owns in its sentence ("Kimmel said", "said Kimmel", "according to Kimmel", "Kimmel's") or
opens it, or its main clause, before a past tense or a verb's helper ("Meadows outlined"), that
no capitalized word, title or determiner precedes and none follows ("the House's", "Bloomberg
News"), outside quotation marks, and that the digest has not written before, is completed; and
only when the articles that name it introduce it at its first mention (twice as many as
name it alone first), all with the same given name or a title ("Jimmy Kimmel", "host Jimmy Kimmel", "President Trump"), the given name
not a title, a day or a word the story writes in lower case, and written inside a
sentence at least once. A company ("Apple said", the story's Fiona Apple aside), a name two
people share, and a middle name ("Sarah Jessica Parker") are left as they are. The sentence
keeps its index and span, so citations and highlights still point at the source sentence; a
name that would take the digest past its word budget is not added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from newsdigest.model import Sentence
from newsdigest.names import (
    NAME_WORD,
    NOT_GIVEN,
    NOT_NAME_HEADS,
    fold,
    has_word,
    is_country,
    place_names,
    word_char_at,
)
from newsdigest.summarize import quality

_SAYING = (
    r"said|says|told|tells|added|adds|wrote|writes|explained|argued|noted|tweeted|testified"
    r"|stated|claimed|insisted|warned|acknowledged|admitted|replied|recalled|continued"
)
# a name word: "Kimmel", "McConnell", "O'Brien", "D'Souza" (not "Smith-Jones"'s halves)
_SURNAME = re.compile(r"(?<![\w'’.-])(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?\b(?!-\w)")
_SPEAKS_AFTER = re.compile(rf"(?:['’]s?\b|,?\s+(?:{_SAYING})\b)")
_SPEAKS_BEFORE = re.compile(rf"\b(?:{_SAYING}|according to)\s+$")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")  # a capitalized word or a title ("Mr.", "Sen.")
_GIVEN = re.compile(r"[A-Z][a-z]{2,}")
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|its|their|his|her)\s+$", re.IGNORECASE)
_NEXT_NAME = re.compile(r"\s+[A-Z]")
_LAST_WORD = re.compile(r"(\S+)\s+$")
# capitalized words that name no one: the calendar, and titles a story sets before a surname
_NOT_A_PERSON = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Speaker Chancellor Chairman
    Chairwoman Chair Director Commissioner Ambassador Attorney Sheriff Superintendent Deputy
    Vice Premier Emperor Empress Bishop Cardinal Rabbi Imam Sheikh Father Sister Brother Dean
    Professor Prof Officer Trooper Agent Representative Congressman Congresswoman
    Councilman Councilwoman Assemblyman Assemblywoman Lawmaker Host Anchor Chef CEO""".split()
)
# titles that say nothing of a person's role: "Prof Owen" gets his given name as "Owen" would
_HONORIFICS = frozenset("Mr Mrs Ms Miss Dr Prof Professor".split())
_COURTESY = re.compile(r"(?:^|\s)((?:Mr|Mrs|Ms|Miss)\.?\s+)$")
MAX_LOOKUPS = 20  # surnames looked up in the story's text per digest (each reads all of it)


def introduce_surnames(
    units: Sequence[Sentence], docs: Sequence[Sequence[Sentence]], max_words: int | None = None
) -> list[Sentence]:
    """``units`` in their reading order, the first mention of each person named by surname
    alone completed with their given name where the story's articles (``docs``: their
    sentences) agree on one; the digest stays within ``max_words`` words."""
    written: set[str] = set()  # the name words the digest has written so far
    words = sum(len(u.text.split()) for u in units)
    texts: list[str] | None = None
    lookups = 0
    out: list[Sentence] = []
    for unit in units:
        text = unit.text
        for m in reversed(list(_SURNAME.finditer(text))):
            surname = m.group()
            before = text[: m.start()]
            if (
                surname in written
                or surname in NOT_GIVEN
                or surname in _NOT_A_PERSON
                or not _bare(before, text[m.end() :])
                or not _speaks(text, m.start(), m.end())
                or surname in {w.group() for w in _SURNAME.finditer(before)}
                or fold(surname) in place_names()
                or (max_words is not None and words >= max_words)
                or lookups >= MAX_LOOKUPS
            ):
                continue
            if texts is None:
                texts = [" ".join(s.text for s in doc) for doc in docs]
            lookups += 1
            given = introduction(surname, texts)
            if given and given not in before:
                # "Mr. Harry Reid's" reads oddly: the given name takes the courtesy title's
                # place ("Harry Reid's"); "Dr."/"Prof" stay ("Prof Adrian Owen")
                courtesy = _COURTESY.search(before)
                kept = before[: courtesy.start(1)] if courtesy else before
                text = f"{kept}{given} {text[m.start() :]}"
                words += not courtesy
        written.update(w.group() for w in _SURNAME.finditer(text))
        out.append(unit if text == unit.text else replace(unit, text=text))
    return out


def _bare(before: str, after: str) -> bool:
    """Whether a name word stands alone: no capitalized word, title or determiner right
    before it, no capitalized word right after, and outside quotation marks (a quote is the
    speaker's words, never changed). An honorific alone before it says no more than the
    surname ("Prof Owen said it was a groundbreaking moment.": Multi-News 125, Adrian Owen
    named only in a video's caption), unlike a role ("President Trump")."""
    tail = before[-40:]
    last = _LAST_WORD.search(tail)
    if last and last.group(1).rstrip(".") in _HONORIFICS:
        # what comes before the honorific (``last`` is placed in the tail, not in ``before``)
        return _bare(before[: len(before) - len(tail) + last.start(1)], after)
    if last and _NAME_WORD.fullmatch(last.group(1)):
        return False
    if _DETERMINER.search(before[-20:]) or _NEXT_NAME.match(after):
        return False
    return before.count("“") <= before.count("”") and before.count('"') % 2 == 0


def _speaks(text: str, start: int, end: int) -> bool:
    """Whether the name word at ``start:end`` speaks or owns, or is the subject that opens
    the sentence or its main clause ("Meadows outlined the state of talks ...": a NeuS
    digest's line, Mark Meadows named nowhere before it; "The night before the parade, Dauer
    slipped on a wet floor ...": a dev-stream one)."""
    return bool(
        _SPEAKS_AFTER.match(text, end)
        or _SPEAKS_BEFORE.search(text[max(0, start - 40) : start])
        or ((start == 0 or text[start - 2 : start] == ", ") and _ACTS_AFTER.match(text, end))
    )


# a verb after the subject: a past tense or a verb's helper, not a noun the name qualifies
# ("Trump administration officials say ...", a NeuS lead, is no Donald Trump's act)
_ACTS_AFTER = re.compile(
    r"\s+(?:[a-z]{2,}ed|is|was|has|had|will|would|can|could|may|might|must|should|did|does)\b"
)


def introduction(surname: str, texts: Sequence[str]) -> str | None:
    """The given name the story's articles (``texts``) write before ``surname``, when there is
    exactly one and every article that names the surname names it first after that given name
    or a title ("Jimmy Kimmel", "host Jimmy Kimmel", "President Trump"), at least twice as
    many articles as name it alone at first (a live blog may assume the host known: "explain to
    Kimmel"; articles about a company mostly do: "Apple said", "Ford Motor", "Bloomberg News").
    None after two capitalized words ("Sarah Jessica Parker") or when two given names precede it
    (Sarah and Bernie Sanders)."""
    given: set[str] = set()
    introduced = bare = 0  # articles that name it first after a given name or title, or alone
    for text in texts:
        for k, start in enumerate(_mentions(surname, text)):
            prefix = text[max(0, start - 80) : start]
            tokens = prefix.split() if prefix[-1:].isspace() else []
            word = tokens[-1].rstrip(".") if tokens else ""
            titled = word in NOT_GIVEN or word in _NOT_A_PERSON
            if k == 0:
                named = _NAME_WORD.fullmatch(word) is not None
                introduced += named
                bare += not named
            if not _NAME_WORD.fullmatch(word) or titled:
                continue  # a later mention alone, or a title ("President Trump")
            prior = tokens[-2].rstrip(".") if len(tokens) > 1 else ""
            if (
                _NAME_WORD.fullmatch(prior)
                and prior not in NOT_GIVEN
                and prior not in _NOT_A_PERSON
                and not prior.isupper()
            ):
                return None  # "Sarah Jessica Parker": which of two words, the text cannot say
            given.add(word)
    if len(given) != 1 or introduced < 2 * bare:
        return None  # two given names, or the articles mostly name it alone (a company)
    (name,) = given
    if not _GIVEN.fullmatch(name):
        return None
    lower = name.lower()
    if any(has_word(lower, t) for t in texts):
        return None  # "Model Chrissy Teigen": a word the story writes in lower case
    if any(_inside_a_sentence(name, surname, t) or _set_off(name, surname, t) for t in texts):
        return name
    return None


# The searches below find what a pattern made of the story's own words would find
# ("(?<![\w'’.-])Kimmel\b(?!-\w)"): compiling such a pattern cost 0.4 ms a name, more than the
# search itself. A surname opens with a capital and ends with a small letter (``_SURNAME``), a
# given name is letters (``_GIVEN``); re's \s is ``str.isspace``.


def _mentions(surname: str, text: str) -> Iterator[int]:
    """Where ``surname`` stands as a name of its own: not inside a word, a hyphenated name or
    an initial's ("J.Kimmel"), nor before a hyphen and a word ("Kimmel-style")."""
    k = text.find(surname)
    while k >= 0:
        end = k + len(surname)
        if (
            not word_char_at(text, k - 1)
            and (k == 0 or text[k - 1] not in "'’.-")
            and not word_char_at(text, end)
            and not (text[end : end + 1] == "-" and word_char_at(text, end + 1))
        ):
            yield k
            k = text.find(surname, end)
        else:
            k = text.find(surname, k + 1)


def _inside_a_sentence(name: str, surname: str, text: str) -> bool:
    """Whether ``text`` writes "name surname" after a small letter, a digit or a comma and a
    space ("... said host Jimmy Kimmel"), the surname a whole word."""
    k = text.find(name)
    while k >= 0:
        if k >= 2 and text[k - 1] == " " and text[k - 2] in _BEFORE_INSIDE:
            gap = k + len(name)
            after = gap
            while after < len(text) and text[after].isspace():
                after += 1
            if (
                after > gap
                and text.startswith(surname, after)
                and not word_char_at(text, after + len(surname))
            ):
                return True
        k = text.find(name, k + 1)
    return False


_BEFORE_INSIDE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789,")


def _set_off(name: str, surname: str, text: str) -> bool:
    """Whether ``text`` opens a sentence with "name surname," ("Amy Pinto, in tears, told a
    reporter ...": Multi-News 150's only full mention of Thomas Kinkade's girlfriend, whom its
    digest then called "Pinto" alone): a person set off by the comma of an apposition."""
    full = f"{name} {surname},"
    k = text.find(full)
    while k >= 0:
        if k == 0 or text[max(0, k - 2) : k] in (". ", "\n", '" ', "” ") or text[k - 1] == "\n":
            return True
        k = text.find(full, k + 1)
    return False


# a run of capitalized words ("Officer Collin Rose", "Timothy Dale Poole's")
_NAME_RUN = re.compile(r"(?<![\w'’.-])[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")
MAX_FULL_NAME_WORDS = 3  # "Timothy Dale Poole", titles aside
_INITIAL = re.compile(r"[A-Z]\.")
# a courtesy title before a surname says no given name ("Mr. Smith approached two officers")
_COURTESY_TITLES = frozenset("Mr Mrs Ms Miss".split())


def _name_words(text: str) -> Iterator[tuple[list[str], int]]:
    """Each run of capitalized words in ``text`` (its last word without a possessive's
    "'s"), and where it starts."""
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        words[-1] = _POSSESSIVE.sub("", words[-1].rstrip(".,;:"))
        yield words, m.start()


def _person_word(word: str) -> bool:
    """A word that may be a person's given name or surname: no title nor calendar word (a
    place's name may be a surname: Timothy Poole's, Poole in Dorset), nor an institution's head
    noun ("the Indiana State Police said" had moved a quotation before "Police confirmed that
    two bodies ...", Multi-News 153's opening, as if it introduced someone)."""
    return (
        NAME_WORD.fullmatch(word) is not None
        and word not in NOT_GIVEN
        and word not in _NOT_A_PERSON
        and word.lower() not in NOT_NAME_HEADS
        and not is_country(word)  # "U.S. Embassy Ghana" introduces no Mr. Ghana (Multi-News 128)
    )


def full_names(text: str) -> set[str]:
    """The surnames ``text`` writes after a given name ("Officer Collin Rose", "Timothy Dale
    Poole"); the sentence's first word, capitalized as any, is no given name ("Moderate
    Democrats watched ...": a NeuS digest's line)."""
    return {surname for _, surname in full_name_pairs(text)}


def full_name_pairs(text: str) -> set[tuple[str, str]]:
    """The (name before the surname, surname) of each full name ``full_names`` finds."""
    found = set()
    for words, start in _name_words(text):
        person = [
            w
            for k, w in enumerate(words)
            if w not in NOT_GIVEN and w not in _NOT_A_PERSON and (start or k)
        ]
        # a middle initial ("Shawn J. Smith") is no name word of its own
        named = [w for w in words if not _INITIAL.fullmatch(w)]
        if (
            2 <= len(person) <= MAX_FULL_NAME_WORDS
            and len(named) >= 2
            and all(map(_person_word, named[-2:]))
            and fold(" ".join(named[-2:])) not in place_names()  # "New York", no "York"
        ):
            found.add((named[-2], words[-1]))
            if len(person) >= 3 and len(named) >= 3 and _person_word(named[-3]):
                # a double surname written without its hyphen ("jailed activist Alaa Abdel
                # Fattah", then "Abdel-Fattah is serving ...": dev event 62)
                found.add((named[-3], f"{named[-2]}-{words[-1]}"))
    return found


# a number or quantity before a capitalized word: members of a group ("five Klan members",
# "three Democrats"), no one named by surname
_COUNTED = re.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?"
    r"|many|several|some|all|other|more|most|few)\s+$",
    re.IGNORECASE,
)


def bare_surnames(text: str) -> set[str]:
    """The capitalized words ``text`` names someone by alone ("Police said Rose ...",
    "arrested Poole"): no title, given name, determiner or number before it ("Initially
    arrested were five Klan members ...": Multi-News 35, whose "Ku Klux Klan gathering" then
    moved a block of another article ahead of its opening line); at the sentence's start,
    only one that speaks or acts ("Rose is the first ...")."""
    found = set()
    for words, start in _name_words(text):
        if len(words) == 2 and words[0].rstrip(".") in _COURTESY_TITLES:
            start += len(words[0]) + 1  # "Mr. Smith": a surname without the given name
            words = words[1:]
        if (
            len(words) != 1
            or not all(map(_person_word, words[0].split("-")))
            or _DETERMINER.search(text[:start])
            or _COUNTED.search(text[:start])
        ):
            continue
        end = start + len(words[0])
        if start == 0 and not (_SPEAKS_AFTER.match(text, end) or _ACTS_AFTER.match(text, end)):
            continue
        found.add(words[0])
    return found


def full_names_first(
    units: Sequence[Sentence], docs: Sequence[Sequence[Sentence]] = ()
) -> list[Sentence]:
    """``units`` (a digest in reading order) with the line that names a person in full before
    the first that names them by surname alone, when another article's line does (Multi-News
    50: "Police said Rose was stopping someone ..." four lines before "Officer Collin Rose,
    29, died ..."). The introducing line moves with the lines of its article read before it
    (136's "A convicted sex predator ... is now a multi-millionaire." stays before "Timothy
    Dale Poole won $3 million ..."), and not when it needs the line before it or the line
    after it needs it. A surname the digest gives two people ("the little boy, Shimron
    Smith", "Shimron's brother Shawn J. Smith") is the person the line's own article (in
    ``docs``) named in full first ("Mr. Smith approached two uniformed officers" after "The
    brother, identified by the police as Shawn J. Smith": Multi-News 240), and without the
    article it is left alone."""
    articles = {doc[0].article_id: doc for doc in docs if doc}
    out = list(units)
    for _ in range(len(out)):
        moved = _introduction_moved(out, articles)
        if moved is None:
            break
        out = moved
    return out


def _unintroduces(block: list[Sentence], passed: list[Sentence], known: set[str]) -> bool:
    """Whether ``block``, moved before the lines ``passed``, would name someone by surname
    alone before the line of those that names them in full: two people named so by each other's
    line ("Police said Rose ... Officer Mark Smith", "... Smith fired ... Officer Collin Rose")
    had swapped places at every pass, the order left to the digest's length."""
    alone = set().union(*(bare_surnames(u.text) - full_names(u.text) for u in block)) - known
    passed_full = set().union(*(full_names(u.text) for u in passed if u not in block))
    return bool(alone & passed_full)


def _introduction_moved(
    units: list[Sentence], articles: dict[str, Sequence[Sentence]]
) -> list[Sentence] | None:
    """``units`` with one introducing line (and its article's lines before it) moved before
    the first line that names the person alone; None when there is none to move."""
    pairs = [full_name_pairs(u.text) for u in units]
    full = [{surname for _, surname in p} for p in pairs]
    given: dict[str, set[str]] = {}
    for given_name, surname in set().union(*pairs):
        given.setdefault(surname, set()).add(given_name)
    shared = {s for s, names in given.items() if not _one_person(names)}
    known: set[str] = set()  # names already written, in full or alone
    for i, unit in enumerate(units):
        bare = bare_surnames(unit.text)
        for name in sorted(bare - known - full[i]):
            if name in shared:
                who = _introduced_as(name, articles.get(unit.article_id, ()), unit.index)
                if who is None:
                    continue
                j = next(
                    (
                        j
                        for j in range(i + 1, len(units))
                        if any(s == name and _same_given(g, who) for g, s in pairs[j])
                    ),
                    None,
                )
            else:
                j = next((j for j in range(i + 1, len(units)) if name in full[j]), None)
            if j is None or units[j].article_id == unit.article_id:
                continue
            source = units[j].article_id
            block = [u for u in units[i : j + 1] if u.article_id == source]
            after = units[j + 1] if j + 1 < len(units) else None
            if (
                quality.refers_back(block[0].text)
                or (
                    after is not None
                    and after.article_id == source
                    and quality.needs_context(after.text)
                )
                or _unintroduces(block, units[i:j], known)
            ):
                continue
            rest = [u for u in units if all(u is not b for b in block)]
            return [*rest[:i], *block, *rest[i:]]
        known |= full[i] | bare
    return None


# A person the digest has named in full, named in full again with a role set off after the
# name: "Using data from a seismic survey ..., Steven Hansen, a geophysicist at the University
# of New Mexico, peeked 40 kilometers under Mount St. Helens." and then "“We don’t have a good
# explanation for why that’s the case,” said Steve Hansen, a geoscientist at the University of
# New Mexico in Albuquerque." (Multi-News 243's digest read as two geophysicists). The role
# ends at a comma before the verb (not a relative clause's pronoun: "Marty Balin, a co-founder
# of ..., whose ...") or at the sentence's end; a relative named after a kinship word is
# someone else ("Goodlatte's son Bobby Goodlatte, a venture capitalist ...", Bob Goodlatte's
# son: Multi-News 208).
_REINTRODUCED = re.compile(
    r"(?<![\w'’.-])(?<!\bson )(?<!\bwife )(?<!\bdaughter )(?<!\bhusband )(?<!\bbrother )"
    r"(?<!\bsister )(?<!\bfather )(?<!\bmother )"
    r"(?P<given>[A-Z][a-z]+) (?P<surname>[A-Z][a-z]+), (?:a|an|the) (?!\d)"
    r"[^,;.!?“”\"()]{3,120}?(?P<end>, (?=[a-z])(?!(?:who|whose|whom|which|where|when|and|but|or)\b)"
    r"|\.$)"
)


# A sentence that opens with a person's role set before their full name ("Shimron's brother,
# Shawn J. Smith, was charged with second-degree murder, the NYPD said.")
_ROLE_FIRST = re.compile(
    r"^(?P<role>[A-Z][^,;:“”\"()]{2,60}?), (?P<name>(?P<given>[A-Z][a-z]+) (?:[A-Z]\. )?"
    r"(?P<surname>[A-Z][a-z]+)), (?=[a-z])"
)
_ROLE_WORD = re.compile(r"[a-z]{3,}")


def introduced_once(units: Sequence[Sentence]) -> list[Sentence]:
    """``units`` with a person the digest has already named in full, by the same given name
    or its short form ("Steve", "Steven"), named by surname alone where a later line names
    them in full again with their role (``_REINTRODUCED``), and by name alone where a later
    line opens with the role the earlier line gave them, set before their name again
    (``_ROLE_FIRST``: Multi-News 240 read "Shimron’s brother Shawn J. Smith, who suffers from
    schizophrenia, ..." and then "Shimron's brother, Shawn J. Smith, was charged ...").
    The sentence keeps its span."""
    out: list[Sentence] = []
    for unit in units:
        text = _role_said_before(unit.text, out)
        for m in reversed(list(_REINTRODUCED.finditer(text))):
            surname, given = m["surname"], m["given"]
            if surname in NOT_GIVEN or given in NOT_GIVEN:
                continue
            if not any(
                _same_given(given, g)
                for u in out
                for g in re.findall(rf"(?<![\w'’.-])([A-Z][a-z]+) {surname}\b", u.text)
            ):
                continue
            tail = " " if m["end"].startswith(",") else "."
            text = f"{text[: m.start()]}{surname}{tail}{text[m.end() :]}"
        out.append(unit if text == unit.text else replace(unit, text=text))
    return out


def _introduced_as(surname: str, article: Sequence[Sentence], before: int) -> str | None:
    """The given name ``article`` first writes ``surname`` with, before its sentence
    ``before``."""
    for sentence in article[:before]:
        for given, name in sorted(full_name_pairs(sentence.text)):
            if name == surname:
                return given
    return None


def _role_said_before(text: str, before: Sequence[Sentence]) -> str:
    """``text`` without the role it opens with before a full name (``_ROLE_FIRST``) when a
    line ``before`` it names that person in full with every word of the role."""
    m = _ROLE_FIRST.match(text)
    if m is None or m["given"] in NOT_GIVEN or m["surname"] in NOT_GIVEN:
        return text
    role = set(_ROLE_WORD.findall(m["role"].lower())) - {"the"}
    if not role:
        return text
    given_of = re.compile(rf"(?<![\w'’.-])([A-Z][a-z]+) (?:[A-Z]\. )?{m['surname']}\b")
    for unit in before:
        said = unit.text
        if any(_same_given(m["given"], g) for g in given_of.findall(said)) and role <= set(
            _ROLE_WORD.findall(said.lower())
        ):
            return f"{m['name']} {text[m.end() :]}"
    return text


def _one_person(given: set[str]) -> bool:
    """Whether the given names one surname comes with are one person's ("Steve", "Steven")."""
    return all(_same_given(a, b) for a in given for b in given)


def _same_given(a: str, b: str) -> bool:
    """One given name, or its short form ("Steve" and "Steven", "Chris" and "Christopher")."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short)
