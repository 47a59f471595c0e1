"""One canonical name per entity across spellings, transliterations and short forms.

Outlets spell the same person differently ("Sergey"/"Sergei Lavrov", "Muller"/"Mueller") and
mostly use the surname alone; the model also labels the same surname PERSON in one sentence and
ORG or GPE in the next. Names are therefore reconciled over the whole cluster: full names are
grouped by a transliteration-folded surname and compatible first name, bare surnames join the one
full name they fit, the type is voted with person cues, and the longest full form is the name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from itertools import islice

from newsdigest.facts.ner import (
    _RANKS,
    PERSON_WORDS,
    ROLE_WORDS,
    TITLE_ONLY,
    WEB_NAME,
    RawMention,
    _has_person_cue,
    _has_title_cue,
    spoken_only,
)
from newsdigest.facts.spans import SpanSet
from newsdigest.model import Article, Entity, Mention
from newsdigest.names import (
    NAME_WORD,
    NOT_NAME_HEADS,
    REGIONS,
    STATE_ABBREVIATIONS,
    fold,
    given_name,
    is_country,
    place_names,
    word_char_at,
)
from newsdigest.stopwords import ENGLISH_STOP_WORDS
from newsdigest.summarize.quality import is_headline_case

# Other labels this many times the person evidence make a name not a person (see _Group.type)
PERSON_OUTVOTED = 4
# Readings as an organization that make a speech verb beside them half a person's evidence
MIN_ORG_READINGS = 10

# Lower-case words a person's name holds ("Ludwig van Beethoven", "Osama bin Laden")
NAME_PARTICLES = frozenset(
    "de da das do dos van von der den del della di du la le al el bin ibn ben y e st".split()
)
# Last words of places and institutions the small model reads as people ("App Store"); not
# words that are also surnames (Bridge, Park, Street, Court, Church, Bank, Hall)
# (compared with the last word stripped of "." and ",": "Inc." is "inc")
# A company's legal form after its name: "Broadcom Ltd." is Broadcom, "Goldman Sachs Group
# Inc." is Goldman Sachs (two entities each before)
_LEGAL_FORMS = frozenset(
    "inc ltd corp corporation co llc llp plc group holdings ag nv gmbh".split()
)
_INSTITUTION_HEADS = NOT_NAME_HEADS | _LEGAL_FORMS
_KEY_TAILS = _LEGAL_FORMS | {"news", "media", "party"}  # a name without them is itself
# Platforms news quotes from ("wrote on Twitter", "Teigen told Twitter"), which the small model
# labels as people next to a speech verb (dev stream: Twitter a person in 4 of 69 events)
PLATFORMS = frozenset(
    """twitter facebook instagram youtube tiktok snapchat whatsapp reddit linkedin weibo
    wechat tumblr pinterest""".split()
)
# Currencies the model reads as people (dev stream: "Bitcoin" a person 35 times)
CURRENCIES = frozenset(
    ["bitcoin", "bitcoin cash", "ethereum", "litecoin", "dogecoin", "ripple", "xrp", "tether"]
)
# News agencies, which stories cite as speakers ("told Reuters", "Reuters reported"): the model
# reads them as people when one page cites them so (not Bloomberg, also a person's name)
NEWS_AGENCIES = frozenset(
    ["reuters", "associated press", "afp", "agence france-presse", "xinhua", "tass", "interfax",
     "ria novosti", "kyodo", "yonhap", "kcna", "dpa", "ansa", "efe"]
)  # fmt: skip
# News sites with a one-word name the model reads as a person's ("Politico reported": six
# NeuS stories listed Politico under Who, one as "Politico’s Playbook (6)"); not those that are
# words or people's names (Variety, Slate, Bloomberg, Fox, Breitbart)
NEWS_SITES = frozenset(
    """politico axios mediaite huffpost newsweek tmz yahoo billboard buzzfeed cnn msnbc
    cnbc""".split()
)
_NOT_PEOPLE = PLATFORMS | CURRENCIES | NEWS_AGENCIES | NEWS_SITES
# The Moon and the planets, read as people ("Moon" 13 times in a story of China's moon
# landing): places, unless a full name is among the forms ("Moon Jae-in", "Bruno Mars")
CELESTIAL = frozenset(
    "moon sun earth mercury venus mars jupiter saturn uranus neptune pluto".split()
)


# a Gaelic surname after a given name ("Sean McVay", "Conan O’Brien"): a person's name
_GAELIC_NAME = re.compile(r"[A-Z][a-z]+ (?:Mc[A-Z]|O['’][A-Z])[a-z]+")
_ROAD_WORDS = frozenset("road avenue boulevard highway square".split())


def _last_word(words: list[str]) -> str:
    return words[-1].casefold().strip(".,")


def _institution(form: str) -> bool:
    words = form.split()
    return len(words) >= 2 and _last_word(words) in _INSTITUTION_HEADS


# a surname whose particle is written joined to it, the rest capitalized: "Mike deBoisblanc" (a
# doctor a NeuS digest listed among the organizations), "Jacob deGrom", "Bill de Blasio"
_PARTICLE_JOINED = re.compile(r"(?:de|da|di|du|la|le|van|von|d['’])[A-Z][a-z]+")


def _could_be_a_name(form: str) -> bool:
    """Whether ``form`` reads as a person's name: no digit, no lower-case word but name
    particles ("Saturn V moon" is not), and not ending on a place's or institution's word
    ("App Store")."""
    words = form.split()
    if any(ch.isdigit() for ch in form) or WEB_NAME.search(form):  # "Pixel 2", "Edmunds.com"
        return False
    if any(
        w[:1].islower()
        and w.casefold().split("-")[0] not in NAME_PARTICLES
        and not _PARTICLE_JOINED.fullmatch(w)
        for w in words
    ):  # "al-Barnawi", "el-Sissi": a particle joined to the name
        return False
    return bool(words) and _last_word(words) not in NOT_NAME_HEADS


# Countries written many ways; folded so "US", "U.S." and "the United States" are one place.
PLACE_ALIASES = {
    "us": "United States",
    "u.s": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "states": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
}
# US states as AP datelines write them ("Atlanta, Ga.", "Durham, N.C."; and "Tex.", which
# other outlets write): a Multi-News story listed "Ga." and "N.C." among its places beside the
# states' names. "Miss." and "Ind." are left out (a title, "Independent").
_AP_STATES = """Ala=Alabama Ariz=Arizona Ark=Arkansas Calif=California Colo=Colorado
Conn=Connecticut Del=Delaware Fla=Florida Ga=Georgia Ill=Illinois Kan=Kansas Kans=Kansas
Ky=Kentucky La=Louisiana Md=Maryland Mass=Massachusetts Mich=Michigan Minn=Minnesota
Mo=Missouri Mont=Montana Neb=Nebraska Nev=Nevada N.H=New Hampshire N.J=New Jersey
N.M=New Mexico N.Y=New York N.C=North Carolina N.D=North Dakota Okla=Oklahoma Ore=Oregon
Pa=Pennsylvania R.I=Rhode Island S.C=South Carolina S.D=South Dakota Tenn=Tennessee
Vt=Vermont Va=Virginia Wash=Washington W.Va=West Virginia Wis=Wisconsin Wyo=Wyoming Tex=Texas"""
# (not in ``alias``: the clusterer's entity keys, stored with each article, stay as they were)
STATE_ALIASES = {
    form: state
    for abbr, state in (pair.split("=") for pair in re.split(r"\s(?=[A-Z][\w.]*=)", _AP_STATES))
    for form in (abbr.casefold() + ".", state.casefold())  # both under one key
}
_STATES = frozenset(STATE_ALIASES.values())
ORG_ALIASES = {
    "un": "United Nations",
    "u.n.": "United Nations",
    "united nations": "United Nations",
    "g-20": "G20",
    "g20": "G20",
    # the armed group under its usual names (dev-stream stories listed "Islamic State" and
    # "ISIS" apart: the Nice attack, the Chibok girls' release)
    "isis": "Islamic State",
    "isil": "Islamic State",
    "islamic state": "Islamic State",
}
# Abbreviations that are also words: "tells Us." (Us Weekly) is no country, "Isis" a goddess.
_WORD_ABBREVIATIONS = frozenset({"us", "uk", "un", "isis"})


def alias(name: str) -> str | None:
    """The usual name of a country or body written in another form ("U.S.", "Britain",
    "U.N."), or None; an abbreviation that is also a word only where it is written in
    capitals ("US", not "Us")."""
    low = name.casefold()
    if low in _WORD_ABBREVIATIONS and not name.isupper():
        return None
    return PLACE_ALIASES.get(low) or ORG_ALIASES.get(low)


# Capitalised words the model takes for organizations or places when they stand alone.
_GENERIC = frozenset(
    "state treaty group council department ministry summit agreement fund"
    # a company's legal suffix alone ("... Wiley Periodicals, Inc.") names nothing
    " inc inc. ltd ltd. corp corp. co co. llc llp plc".split()
)
_SURNAME_PARTICLES = re.compile(r"^(?:al|el|ibn|bin|van|von|de|da|di|du|le|la)[-\s]", re.I)
_TRANSLIT = (
    ("ue", "u"),
    ("oe", "o"),
    ("ae", "a"),
    ("ey", "ei"),
    ("iy", "i"),
    ("ij", "i"),
    ("y", "i"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("tch", "ch"),
    ("w", "v"),
)
_SIMILAR = 0.84


@lru_cache(maxsize=8192)
def translit_key(word: str) -> str:
    """A key under which common romanisations of one name coincide (Sergey/Sergei,
    Muller/Mueller/Müller, Yury/Yuri)."""
    key = _SURNAME_PARTICLES.sub("", fold(word))
    for a, b in _TRANSLIT:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=32768)
def similar(a: str, b: str) -> bool:
    """Two name words are one spelling apart (transliteration keys equal or near-equal)."""
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 4:
        return False
    # SequenceMatcher's two quick ratios bound ``ratio`` from above and most pairs of names
    # fail them; computed here as it does (lengths, then shared letters) without building
    # the matcher's index, which was most of the cost
    size = len(ka) + len(kb)
    if 2.0 * min(len(ka), len(kb)) / size < _SIMILAR:
        return False
    if 2.0 * _shared_letters(ka, kb) / size < _SIMILAR:
        return False
    return SequenceMatcher(None, ka, kb).ratio() >= _SIMILAR


def _shared_letters(a: str, b: str) -> int:
    """The size of the two words' multiset intersection of letters (``Counter(a) & Counter(b)``
    counted without building the Counters: this rejects most of a story's name pairs)."""
    n = 0
    for ch in set(a):
        x, y = a.count(ch), b.count(ch)
        n += x if x < y else y
    return n


_SPACES = re.compile(r"\s+")


def name_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word run (no word character or hyphen on either side), the
    longest first so that "New York Times" wins over "New York"."""
    return _name_pattern(tuple(sorted(set(names), key=lambda n: (-len(n), n))))


@lru_cache(maxsize=8192)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Compiled once per process: a story's refresh asks again for the patterns of names it
    asked for before, more than ``re``'s own cache of 512 holds (the dev stream's replay
    compiled 5,088 patterns, 1.7 s of its 64 s of CPU; with room for 2,048 still 3,007,
    0.6 s; a pattern of a few names is a few KB)."""
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")


def name_tokens(surface: str) -> list[str]:
    return list(_name_tokens(surface))


@lru_cache(maxsize=32768)
def _name_tokens(surface: str) -> tuple[str, ...]:
    """A name's words, kept for the names last asked: a story's entities ask for the words
    of the same few hundred names again and again (the dev stream through the API: 310,000
    calls)."""
    return tuple(t for t in _SPACES.split(surface.strip()) if t)


def _a_place_name(form: str) -> bool:
    """A known place's name, or its usual abbreviation ("U.S.", "US": a NeuS story listed
    "U.S. (3)" under Who, "America has added back 16.7 million jobs" its one "speech")."""
    if fold(form) in place_names():
        return True
    usual = _usual_place_or_org(form)
    return usual is not None and fold(usual) in place_names()


# a word of geography that opens a place's name and no one's: "Cape Erimo", "Mount Agamenticus",
# "Fort Lauderdale" ("Lake Bell" and "Isle" may be a person's, "Port" a wine)
_PLACE_OPENING = re.compile(r"(?:Cape|Mount|Mt\.?|Fort|Gulf of|Bay of|Strait of) [A-Z]")


def _doubled(tokens: Sequence[str]) -> bool:
    """A name written twice in a row ("Equifax Equifax", a caption glued to its text)."""
    half = len(tokens) // 2
    return len(tokens) % 2 == 0 and half > 0 and tokens[:half] == tokens[half:]


@dataclass
class _Group:
    type_votes: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)
    mentions: list[RawMention] = field(default_factory=list)
    person_cues: int = 0
    title_cues: int = 0
    company_cues: int = 0

    def _changed(self) -> None:
        """Forget the types read from the mentions before this change."""
        self.__dict__.pop("type", None)
        self.__dict__.pop("voted_type", None)

    def add(self, m: RawMention, order: int) -> None:
        self._changed()
        self.mentions.append(m)
        self.type_votes[m.label] += 1
        self.forms[m.text] += 1
        self.first_seen.setdefault(m.text, order)
        self.person_cues += m.person_cue
        self.title_cues += m.title_cue
        self.company_cues += m.company_cue

    def merge(self, other: _Group) -> None:
        self._changed()
        self.mentions.extend(other.mentions)
        self.type_votes.update(other.type_votes)
        self.forms.update(other.forms)
        for k, v in other.first_seen.items():
            self.first_seen[k] = min(v, self.first_seen.get(k, v))
        self.person_cues += other.person_cues
        self.title_cues += other.title_cues
        self.company_cues += other.company_cues

    # both types are read several times per group when a story's entities are built (a
    # sixth of the facts' time): kept until the group changes
    @cached_property
    def type(self) -> str:
        """``voted_type``, but a city or country the model read as a person ("Berlin", "Abuja")
        is a place: a title makes it a person ("Mr. Jordan"), and so do a full name among its
        forms ("Michael Jordan") and a mention labelled PERSON next to a speech verb ("Warren
        said", a mayor the model knew by her surname only). On the dev stream and 1,000 NeuS
        clusters no place retyped had one."""
        voted = self.voted_type
        if (
            voted == "PERSON"
            and not self.type_votes["PERSON"]
            and all(_a_place_name(f) for f in self.forms)
        ):
            # a place the model never read as a person, a title or a verb next to it ("nearly
            # 70 years of official United States policy": NeuS train 2292's "Who: United
            # States (2)", "official" read as a title)
            return "PLACE"
        # a planet never speaks, whatever the model's label ("Mercury said": the singer)
        sky = any(fold(f) in CELESTIAL for f in self.forms)
        if (
            voted == "PERSON"
            and not self.title_cues
            and not any((sky or m.label == "PERSON") and m.person_cue for m in self.mentions)
            and all(_a_place_name(f) or fold(f) in CELESTIAL for f in self.forms)
        ):
            return "PLACE"
        if (
            voted == "PERSON"
            and not (self.title_cues or self.person_cues)
            and any(_PLACE_OPENING.match(f) for f in self.forms)
        ):
            return "PLACE"  # "Cape Erimo" beside "Erimo" (a dev-stream person, 15 mentions)
        if voted == "ORG" and not self.title_cues and all(fold(f) in CELESTIAL for f in self.forms):
            return "PLACE"  # "the Sun's azimuth" (dev stream): a body in the sky, no company
        if voted == "PLACE" and all(
            len(words := f.split()) >= 2 and _last_word(words) in _LEGAL_FORMS for f in self.forms
        ):
            return "ORG"  # "at Friedman LLP" (a dev-stream place): a legal form names a firm
        return voted

    @cached_property
    def voted_type(self) -> str:
        """PERSON whenever the cluster shows it is one (a PERSON label or a person cue on a
        name) and its other labels do not outnumber that evidence ``PERSON_OUTVOTED`` to one
        ("Nice" as a place 67 times and next to "said" twice is a city); else the majority
        label."""
        # a speech verb after a mention the model read as an organization is half the
        # evidence where the model read the name so often (``MIN_ORG_READINGS``) that its
        # label is no slip (organizations speak too: "Equifax said" 12 times in 43, a
        # dev-stream story's "Who: Equifax (52)"; "Barrow told state police", 2 of 2, is
        # the man), unless a full name of it was read or titled as a person's ("director
        # Toby Haynes", then "Haynes said", an organization 11 times)
        whole = self.type_votes["ORG"] < MIN_ORG_READINGS or any(
            (m.label == "PERSON" or m.title_cue)
            and len(tokens := name_tokens(m.text)) >= 2
            and _could_be_a_name(m.text)
            and not _doubled(tokens)
            for m in self.mentions
        )
        person = self.type_votes["PERSON"] + sum(
            (0.5 if m.spoken_only and m.label == "ORG" and not whole else 1.0)
            for m in self.mentions
            if m.person_cue
        )
        others = sum(self.type_votes.values()) - self.type_votes["PERSON"]
        # not a person, whatever it "said" (companies and police speak too): no form reads
        # as a name ("Galaxy S9"), a form names an institution ("Citigroup Inc.", "British
        # Transport Police"), or the model read it both ways and no title makes it a person
        unlike = (
            all(not _could_be_a_name(f) for f in self.forms)
            or any(_institution(f) or fold(f) in _NOT_PEOPLE for f in self.forms)
            or (not self.title_cues and self._contested())
            # an abbreviation the model never read as a person ("NYK said": a shipping firm)
            or (not self.type_votes["PERSON"] and all(_ACRONYM.fullmatch(f) for f in self.forms))
            # ... or read as a person less often than not, and never titled or said to speak
            # ("on AR and VR technologies", "The fabled AR headset", then "VR and AR are
            # evolving": a dev-stream story's "Who: AR (3)")
            or (
                not (self.title_cues or self.person_cues)
                and 2 * self.type_votes["PERSON"] < len(self.mentions)
                and all(_ACRONYM.fullmatch(f) for f in self.forms)
            )
            or self._a_company()
        )
        if person and others < PERSON_OUTVOTED * person and not unlike:
            return "PERSON"
        if self.type_votes["PERSON"] and not unlike and self._referred_to_by_surname():
            return "PERSON"
        if all(fold(f) in NEWS_SITES for f in self.forms):
            return "ORG"  # not a place either ("Mediaite", the model's place three times)
        if self._a_company() and (
            self.type_votes["PERSON"] >= max(self.type_votes.values())
            # called a company, or what someone founded, each time: no place ("a co-founder of
            # Asana", "Asana co-founder Justin Rosenstein": a dev-stream place twice)
            or self.company_cues == len(self.mentions)
        ):
            return "ORG"  # not its odd other label ("Moderna’s coronavirus vaccine": a place)
        return max(
            (label for label in self.type_votes if label != "PERSON"),
            key=lambda label: self.type_votes[label],
            default=("PLACE" if self._a_thoroughfare() else "ORG") if unlike else "PERSON",
        )

    def _a_thoroughfare(self) -> bool:
        """Every form ends in a road's word ("51 Baxter Road, Mansfield": a Multi-News story's
        "Who: Baxter Road (6)")."""
        return all(_last_word(name_tokens(f) or [""]) in _ROAD_WORDS for f in self.forms)

    def _a_company(self) -> bool:
        """Called a company, or named with its vaccine, in a quarter of its mentions, and no
        title anywhere ("Drugmaker Pfizer said", "Moderna’s COVID-19 vaccine": NeuS stories
        listed both among their people)."""
        return (
            not self.title_cues
            and self.company_cues > 0
            and 4 * self.company_cues >= len(self.mentions)
        )

    def _referred_to_by_surname(self) -> bool:
        """Introduced by a full name that reads as a person's and then written by its last
        word alone, as news refers back to a person, and no place's name: a person whatever
        the model's other labels ("Rus Yusupov" then "Yusupov", labelled a place 12 times of
        15; "Keith Fitzgerald Knowles" 10 of 13: Multi-News stories that listed them under
        Where)."""
        full = [f for f in self.forms if len(name_tokens(f)) >= 2 and _could_be_a_name(f)]
        if not full or any(fold(f) in place_names() for f in self.forms):
            return False
        surnames = {fold(name_tokens(f)[-1]) for f in full}
        alone = [
            m for m in self.mentions if len(name_tokens(m.text)) == 1 and fold(m.text) in surnames
        ]
        # the last word alone read as an organization is one ("Enlarge Image Google", a
        # caption's words, then "Google"), unless the model read the full name as a person
        # again and again: "Rich Dauer" a person 4 times of 4, then "Dauer" an organization
        # 23 times (a dev story listed the coach among the organizations)
        in_full = [m.label == "PERSON" for m in self.mentions if len(name_tokens(m.text)) >= 2]
        named = sum(in_full) >= 2 and 2 * sum(in_full) > len(in_full)
        return bool(alone) and (named or 2 * sum(m.label == "ORG" for m in alone) < len(alone))

    def _contested(self) -> bool:
        """A full name the model labelled a person in one sentence and a place or organization
        in another ("Brandenburg Gate", "Boko Haram", "Getty Images"), never referred to by its
        last word alone: without a title or honorific anywhere, the other reading is the
        likelier (a speech verb does not decide it: "Qualcomm Inc. said", organizations speak)."""
        labels: dict[str, set[bool]] = defaultdict(set)
        surnames: set[str] = set()
        for m in self.mentions:
            tokens = name_tokens(m.text)
            # a stage name ending in a letter is no full name ("Cardi B": a dev-stream story's
            # organization, the model's person three times and organization twice)
            if len(tokens) >= 2 and not (len(tokens[-1]) == 1 and tokens[-1].isalpha()):
                labels[fold(m.text)].add(m.label == "PERSON")
                surnames.add(fold(tokens[-1]))
        # a surname written alone is how news refers back to a person ("Snowden", "Baez")
        alone = any(fold(m.text) in surnames for m in self.mentions)
        return not alone and any(len(seen) == 2 for seen in labels.values())

    def canonical(self, common: frozenset[str] = frozenset()) -> str:
        """The longest full form; ties go to the most frequent, then the first seen. A form
        opening with a word the story also writes in lower case comes last: that word was
        capitalized by its place at a sentence start ("Tranquilizing Harambe would have...").
        A name written twice in a row ("Justin Timberlake Justin Timberlake", a caption's
        byline glued to its text) is not the longest form."""

        # a formal name ("Joseph R. Biden Jr.", "Robert S. Mueller III") gives way to the
        # plain one the story also writes ("Joe Biden"): the name readers know
        plain = self.type == "PERSON" and any(len(name_tokens(f)) == 2 for f in self.forms)

        def rank(form: str) -> tuple[bool, bool, bool, bool, bool, int, bool, int, int]:
            tokens = name_tokens(form)
            capitalized = len(tokens) > 1 and tokens[0].casefold() in common
            return (
                not _agency_credit(form),  # "Andrew Kelly / Reuters" is a photo of Reuters'
                # an owner and what it owns, "Politico’s Playbook", "Lightspeed’s Jeremy Liew"
                # (NeuS, Multi-News): another thing's name ("Carl’s Jr." is its own)
                not _owned_thing(form),
                not _doubled(tokens),
                not capitalized,
                not (plain and _formal_generation(tokens, ["a", "b"]) != tokens),
                len(tokens),
                not _shouting(form),  # "Mandalay Bay Resort" before "MANDALAY BAY RESORT"
                self.forms[form],
                -self.first_seen[form],
            )

        best = max(self.forms, key=rank)
        if self.type == "PERSON" and len(name_tokens(best)) == 1:
            # the full name an owner's possessive was written before: "Jeremy Liew" of
            # "Lightspeed’s Jeremy Liew" (beside "Liew")
            owned = [
                tail
                for f in self.forms
                if _owned_thing(f)
                and (found := _POSSESSIVE_INSIDE.search(f))
                and len(name_tokens(tail := f[found.end() - 1 :])) >= 2
                and name_tokens(tail)[-1] == best
            ]
            best = max(owned, key=len, default=best)
        if self.type != "PERSON":
            best = _usual_place_or_org(best) or best
        if _shouting(best) and (
            self.type == "PLACE" or (self.type == "PERSON" and len(name_tokens(best)) >= 2)
        ):
            # only a transcript's speaker label or a dateline wrote it ("DAVID GREENE, HOST:",
            # "MOSCOW -"): a name, not an acronym (one word: places only; "RAISR" stays)
            return " ".join(w.capitalize() for w in best.split())
        return best


_JOINED_BY_OF = re.compile(r"(?P<first>[A-Z].*?) of (?P<second>[A-Z].*)")


def _two_names_joined_by_of(g: _Group, people: frozenset[str], org_names: frozenset[str]) -> bool:
    """A "name" that is an organization of the story, "of", then a person's full name: "the
    Red Bull of Max Verstappen" (a dev-stream F1 story's organization "Red Bull of Max
    Verstappen", beside Red Bull and Max Verstappen), the team's car and its driver; not
    "Bank of America", "Church of Jesus Christ", whose first part is no name of its own."""
    return all(
        (m := _JOINED_BY_OF.fullmatch(f)) is not None
        and m["second"] in people
        and m["first"] in org_names
        for f in g.forms
    )


_OWNER_OF = re.compile(r"(?P<owner>[A-Z][\w.-]*(?: [A-Z][\w.-]*)*)['’]s (?=[A-Z])")


def _a_persons_thing(e: Entity, person_words: frozenset[str]) -> bool:
    """An "organization" named as a person's ("Kim’s New Year" of "Kim’s New Year’s Day
    speech": a dev-stream story's organization), its owner a person of the story; not one
    with an organization's last word ("People’s Daily", "Macy’s Department Store")."""
    return all(
        (m := _OWNER_OF.match(form))
        and all(fold(w) in person_words for w in m["owner"].split())
        and not _organization_name(form)
        for form in (e.name, *e.aliases)
    )


def _owned_thing(form: str) -> bool:
    """An owner's name, "'s" and a name after it, not a generation ("Carl’s Jr.")."""
    found = _POSSESSIVE_INSIDE.search(form)
    return found is not None and not form[found.end() - 1 :].startswith(("Jr", "Sr"))


def _shouting(form: str) -> bool:
    """A name in capitals that is not an acronym: two words or more ("DAVID GREENE"), or one
    of five letters or more ("MOSCOW"; "NASA", "KCNA" stay)."""
    letters = [c for c in form if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return False
    return len(name_tokens(form)) >= 2 or len(letters) >= 5


def _usual_place_or_org(name: str) -> str | None:
    """``alias``, or the state an AP abbreviation names: how a place or body is listed."""
    return alias(name) or STATE_ALIASES.get(name.casefold())


_DEPARTMENT_WORDS = frozenset({"department", "ministry"})


def _place_or_org_key(text: str) -> str:
    usual = _usual_place_or_org(text)
    if usual is not None:
        kind = "place:" if usual in PLACE_ALIASES.values() or usual in _STATES else "org:"
        return kind + usual.casefold()
    # "Erie Times-News" and "Erie Times News"; "NBC News" and "NBC", "Common Sense Media" and
    # "Common Sense" (dev stream: each listed twice among the organizations)
    # a hyphenated name's one-letter link, which spellings write either way ("Mazar-i-Sharif"
    # and "Mazar-e-Sharif": the dev stream's Afghanistan story listed both under Where)
    tokens = [
        part
        for t in name_tokens(text)
        for parts in [t.split("-")]
        for k, part in enumerate(parts)
        if part and not (0 < k < len(parts) - 1 and len(part) == 1 and part.islower())
    ]
    while len(tokens) > 1 and _last_word(tokens) in _KEY_TAILS:
        tokens = tokens[:-1]
    tokens[-1:] = [t.rstrip(",") for t in tokens[-1:]]
    # "(US) Department of (the) Justice" is the "Justice Department" (52 stories of the local
    # sets listed both, "Department of Labor" beside "Labor Department")
    at = next((k for k, t in enumerate(tokens[:2]) if t.casefold() in _DEPARTMENT_WORDS), None)
    if at is not None and len(tokens) > at + 2 and tokens[at + 1].casefold() == "of":
        rest = tokens[at + 2 :]
        rest = rest[1:] if rest[0].casefold() == "the" and len(rest) > 1 else rest
        tokens = [*tokens[:at], *rest, tokens[at]]
    # a country's body with and without the country: "US Census Bureau" and "Census Bureau"
    # (a NeuS story listed both), "U.S. Justice Department"
    if len(tokens) >= 3 and _last_word(tokens) in _INSTITUTION_HEADS:
        country = alias(tokens[0])
        if country is not None and country in PLACE_ALIASES.values():
            tokens = tokens[1:]
    return "name:" + " ".join(translit_key(t) for t in tokens)


# Given names and their usual short forms: "Jim Steyer" and "James P. Steyer", "Steve Bannon"
# and "Stephen Bannon" were two people in dev-stream and Multi-News stories' Who lists
_GIVEN_NAMES = (
    ("william", "bill billy will willie"),
    ("robert", "bob bobby rob robbie bert"),
    ("joseph", "joe joey"),
    ("james", "jim jimmy jamie"),
    ("michael", "mike mick mickey"),
    ("thomas", "tom tommy"),
    ("richard", "rick dick rich ricky"),
    ("charles", "charlie chuck"),
    ("edward", "ed eddie ted ned"),
    ("elizabeth", "liz beth betsy lizzie"),
    ("katherine", "kate katie kathy"),
    ("catherine", "cathy kate"),
    ("margaret", "maggie peggy meg"),
    ("jennifer", "jen jenny"),
    ("christopher", "chris"),
    ("nicholas", "nick"),
    ("anthony", "tony"),
    ("daniel", "dan danny"),
    ("david", "dave"),
    ("steven", "steve"),
    ("stephen", "steve"),
    ("andrew", "andy drew"),
    ("matthew", "matt"),
    ("benjamin", "ben"),
    ("samuel", "sam"),
    ("alexander", "alex"),
    ("patrick", "pat"),
    ("gregory", "greg"),
    ("timothy", "tim"),
    ("kenneth", "ken"),
    ("ronald", "ron"),
    ("donald", "don"),
    ("lawrence", "larry"),
    ("gerald", "jerry"),
    ("frederick", "fred"),
    ("susan", "sue"),
    ("deborah", "deb debbie"),
    ("rebecca", "becky"),
    ("patricia", "pat patty"),
    ("jonathan", "jon jonny"),
    ("jonathon", "jon"),
    ("jeffrey", "jeff"),
    ("joshua", "josh"),
    ("douglas", "doug"),
    ("raymond", "ray"),
    ("randall", "randy"),
    ("randolph", "randy"),
    ("philip", "phil"),
    ("phillip", "phil"),
    ("peter", "pete"),
    ("nathaniel", "nate nat"),
    ("nathan", "nate"),
    ("zachary", "zach zack"),
    ("jacob", "jake"),
    ("theodore", "ted teddy"),
    ("walter", "walt"),
    ("francis", "frank"),
    ("franklin", "frank"),
    ("harold", "harry hal"),
    ("henry", "harry hank"),
    ("mitchell", "mitch"),
    ("russell", "russ"),
    ("stanley", "stan"),
    ("vincent", "vince"),
    ("terrence", "terry"),
    ("terence", "terry"),
    ("kimberly", "kim"),
    ("pamela", "pam"),
    ("cynthia", "cindy"),
    ("sandra", "sandy"),
    ("victoria", "vicky"),
    ("christine", "chris"),
    ("christina", "chris"),
    ("alexandra", "alex"),
)
# each short form with every given name it shortens ("Steve": Steven and Stephen)
_NICKNAMES: dict[str, frozenset[str]] = {
    short: frozenset(full for full, shorts in _GIVEN_NAMES if short in shorts.split())
    for _, shorts in _GIVEN_NAMES
    for short in shorts.split()
}
# every given name and short form, folded: a word a person's name may open with
_KNOWN_GIVEN_NAMES = frozenset(
    name for full, shorts in _GIVEN_NAMES for name in (full, *shorts.split())
)


def _short_for(a: str, b: str) -> bool:
    """Whether one given name is the other's short form ("Bill", "William"); two short forms
    are not matched ("Bob" and "Bobby" Goodlatte, father and son in one Multi-News story)."""
    fa, fb = fold(a), fold(b)
    return fb in _NICKNAMES.get(fa, ()) or fa in _NICKNAMES.get(fb, ())


def _unhyphenated(tokens: list[str]) -> str:
    """A name's letters without its spaces and hyphens, casefolded: one key for the ways
    outlets write a Korean or Chinese given name ("Jong-un", "Jong Un", "Jong-Un")."""
    return "".join(tokens).replace("-", "").casefold()


_QUOTED_TOKEN = re.compile(r"['‘’\"“][^'‘’\"“”]+['’\"”]")


def _as_written_without_nickname(tokens: list[str]) -> list[list[str]]:
    """A name with a nickname in quotation marks ("Harold 'Devin' Lima") as its two usual
    forms ("Harold Lima", "Devin Lima"); any other name as it is."""
    k = next((i for i, t in enumerate(tokens) if _QUOTED_TOKEN.fullmatch(t)), None)
    if k is None or k == 0 or k == len(tokens) - 1:
        return [tokens]
    return [tokens[:k] + tokens[k + 1 :], [tokens[k][1:-1], *tokens[k + 1 :]]]


def _same_person(a: list[str], b: list[str]) -> bool:
    """Full names match on surname and a compatible first name (initials allowed, a short
    form of the given name too: "Jim Steyer", "James P. Steyer"; a nickname in quotation
    marks too: "Harold 'Devin' Lima", "Devin Lima"). A generation ("Jr.") is part of the
    surname: Donald Trump and Donald Trump Jr. are two people, and so are Joseph Smith and
    Joseph Smith III; but a generation after a middle name or initial is the formal form of
    a name written without both (``_formal_generation``)."""
    a, b = _formal_generation(a, b), _formal_generation(b, a)
    forms_a, forms_b = _as_written_without_nickname(a), _as_written_without_nickname(b)
    if len(forms_a) > 1 or len(forms_b) > 1:
        return any(_same_names(x, y) for x in forms_a for y in forms_b)
    return _same_names(a, b)


@lru_cache(maxsize=32768)
def _same_person_of(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """``_same_person`` of two names' words, kept for the pairs last asked: a story's rebuild
    compares its people's names again (the dev stream through the API: 36,212 comparisons of
    23,110 pairs)."""
    return _same_person(list(a), list(b))


_GENERATION = re.compile(r"(?:Jr|Sr)\.?,?|I{2,3},?|IV,?")


def _surnames(key: list[str], group: _Group) -> list[str]:
    """The surnames a person's group is written by alone: its key name's last word, and the
    one before a generation the group also writes without ("Mueller" of "Robert S. Mueller
    III" beside "Robert Mueller"; not "Trump" of a "Donald Trump Jr." alone)."""
    if (
        len(key) >= 3
        and _GENERATION.fullmatch(key[-1])
        and any(len(t := name_tokens(f)) == 2 and fold(t[-1]) == fold(key[-2]) for f in group.forms)
    ):
        return [key[-1], key[-2]]
    # ... and a double surname's last part the group also writes apart: "Greene" of "Marjorie
    # Taylor-Greene" beside "Marjorie Taylor Greene" (NeuS train 888 listed "Taylor Greene")
    if "-" in key[-1] and any(name_tokens(f)[-1] == key[-1].rsplit("-", 1)[1] for f in group.forms):
        return [key[-1], key[-1].rsplit("-", 1)[1]]
    # ... and a Spanish name's first surname, by which its bearer is called: "Solis" of "Luis
    # Guillermo Solis Rivera" (a dev-stream story listed "Guillermo Solis" apart)
    if len(key) == 4 and not any(fold(w) in NAME_PARTICLES or "." in w for w in key):
        return [key[-1], key[-2]]
    return [key[-1]]


def _formal_generation(name: list[str], other: list[str]) -> list[str]:
    """``name`` without its generation when it has a middle name or initial and ``other`` has
    neither: "Joseph R. Biden Jr." is the "Joe Biden" of the same story, "Robert S. Mueller
    III" its "Robert Mueller", "William W. Taylor III" its "Bill Taylor" (NeuS and Multi-News
    Who lists had both, 24 stories of the local sets)."""
    if (
        len(name) >= 4
        and len(other) == 2
        and _GENERATION.fullmatch(name[-1])
        and not _GENERATION.fullmatch(other[-1])
    ):
        return name[:-1]
    return name


def _same_names(a: list[str], b: list[str]) -> bool:
    """``_same_person`` of two names without nicknames."""
    if _unhyphenated(a) == _unhyphenated(b):
        return True  # "Kim Jong-un" and "Kim Jong Un" (five stories listed him twice)
    if len(a) == len(b) >= 2 and a[:-1] == b[:-1]:
        cut, whole = sorted((a[-1], b[-1]), key=len)
        if _SYLLABLE_AFTER_HYPHEN.fullmatch(whole, len(cut)) and whole.startswith(cut):
            return True  # "Moon Jae" of "President Moon Jae ordered" beside "Moon Jae-in"
    for short, full in ((a, b), (b, a)):
        if (
            len(short) >= 2
            and len(full) >= 2
            and _unhyphenated(full[1:]) == _unhyphenated(short)
            and _GIVEN_NAME_WORD.fullmatch(full[0])
            and fold(full[0]) not in _NOT_GIVEN_NAMES
        ):
            # a surname of two words: "Jackson Lee" of "Sheila Jackson Lee" (NeuS), "Taylor
            # Greene" of "Marjorie Taylor-Greene"
            return True
    if not similar(a[-1], b[-1]):
        return len(a) > 1 and fold(a[0]) == fold(b[0]) and _spelt_otherwise(a[-1], b[-1])
    if len(a) == len(b) >= 3 and any(
        x[:1].casefold() != y[:1].casefold() for x, y in zip(a[1:-1], b[1:-1], strict=True)
    ):
        return False  # "W. Wallace Smith" and his son "Wallace B. Smith" (Multi-News 106)
    fa, fb = a[0].rstrip("."), b[0].rstrip(".")
    if len(fa) == 1 or len(fb) == 1:
        return fa[0].casefold() == fb[0].casefold()
    if similar(fa, fb) or _short_for(fa, fb):
        return True
    # a hyphenated given name cut to its last part ("Marie Persson" of "Eva-Marie Persson":
    # the model's span may start after the hyphen)
    if len(a) == len(b) and fold(max(fa, fb, key=len)).endswith("-" + fold(min(fa, fb, key=len))):
        return True
    # given names written with a hyphen or apart: "Abdel Fattah al-Sisi" and "Abdel-Fattah
    # el-Sissi" (a dev story listed Egypt's president twice)
    given_a, given_b = ("".join(t[:-1]).replace("-", "") for t in (a, b))
    return "-" in "".join(a[:-1] + b[:-1]) and similar(given_a, given_b)


# A given name before a name of two words ("Recep Tayyip Erdogan", "Debbie Wasserman Schultz");
# not a word in capitals, with a stop, or a plural ("RIP Marty Balin", "D.C. Mohammad Anwar",
# "Gymnasts Simone Biles": words the model took into a name), nor a title or a credit
# ... and one with a capital after a short opening ("DeOrr Kunz Sr.", "LaToya", "McKayla": a
# Multi-News Who list had "Kunz Sr." beside "DeOrr Kunz Sr.", his quotes no speaker)
_GIVEN_NAME_WORD = re.compile(r"(?:[A-Z][^\W\d_A-Z]{1,2}(?=[A-Z]))?[A-Z][^\W\d_A-Z]+(?<![^aeiou]s)")
_NOT_GIVEN_NAMES = (
    ROLE_WORDS
    | TITLE_ONLY
    | PERSON_WORDS
    | frozenset("saint getty mvp pope archbishop bishop cardinal father sister brother".split())
)


def _spelt_otherwise(a: str, b: str) -> bool:
    """Two surnames of one given name that are one romanisation apart, past ``similar``'s
    reach: "Abbas Araghchi" and "Abbas Araqchi" (a NeuS story listed both), from the same
    first letter, five letters or more, three quarters of their letters in common order."""
    ka, kb = translit_key(a), translit_key(b)
    return (
        min(len(ka), len(kb)) >= 5
        and ka[0] == kb[0]
        and SequenceMatcher(None, ka, kb).ratio() >= 0.75
    )


def _shortened(key: list[str], given: str) -> bool:
    """Whether ``key``'s first word is a short form of the (folded) given name ``given``."""
    return given in _NICKNAMES.get(fold(key[0]), ())


def _another_full_name(key: list[str], took: str | None, given: str) -> bool:
    """Whether ``given`` is one of the given names that ``key``'s short form shortens, and
    not the one its group already took (``took``)."""
    return took is not None and given != took and _shortened(key, given)


def same_person_name(a: str, b: str) -> bool:
    """Whether two written names of two or more words each name one person (``_same_person``:
    "Jon Hubbard" and "Jonathan Hubbard")."""
    ta, tb = name_tokens(a), name_tokens(b)
    return len(ta) >= 2 and len(tb) >= 2 and _same_person(ta, tb)


# An abbreviation ("U.N.", "U.S.", "NATO") names an institution or a place, never a surname
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,5}")


# the last word of a product's name: a letter or a number ("Model S", "Model 3", "Note 8"); a
# person's name of three words ends in a surname or a generation ("Pope John Paul II")
_MODEL_DESIGNATION = re.compile(r"[A-Z]|[A-Z]?\d+")
_PEERAGE = frozenset("Lady Lord Baroness Baron Dame Sir".split())


def reconcile(raw: Iterable[RawMention]) -> list[_Group]:
    """Group raw mentions into entities (see the module docstring for the order of rules)."""
    mentions = [
        m
        for m in raw
        if not (len(name_tokens(m.text)) == 1 and m.text.casefold() in _GENERIC)
        and not (m.label != "PERSON" and fold(m.text) in _GENERIC)
        # "tells Us." (Us Weekly): the word, not the country's abbreviation
        and not (m.text.casefold() in _WORD_ABBREVIATIONS and not m.text.isupper())
    ]
    persons: list[tuple[list[str], _Group]] = []
    rest: list[tuple[int, RawMention]] = []
    # the group a written full name joined: the same words join the same group again (the
    # groups before it did not match them then and their key names do not change)
    joined: dict[str, _Group] = {}
    # a group named by a short form that several given names share ("Chris": Christopher,
    # Christine), and the one of them it took: a father Christopher Smith and a sister
    # Christine Smith had joined their "Chris Smith" as one person (hostile review)
    took: dict[int, str] = {}
    # a peer's title and surname ("Lady Thatcher", "Lord Mountbatten") is that surname alone,
    # read as the other surnames are, when a person's full name has it (Multi-News validation
    # 135 listed "Lady Thatcher" beside "Margaret Thatcher"); otherwise a name ("Lady Gaga");
    # so is a rank and surname ("Sheriff Lombardo" beside "Sheriff Joseph Lombardo": a dev-stream
    # story's two people; "Captain America" stays)
    titled: list[tuple[int, RawMention]] = []

    def add_person(order: int, m: RawMention, toks: list[str]) -> None:
        given = fold(toks[0])
        group = joined.get(m.text)
        if group is None:
            words = tuple(toks)
            key, group = next(
                (
                    (key_toks, g)
                    for key_toks, g in persons
                    if _same_person_of(tuple(key_toks), words)
                    and not _another_full_name(key_toks, took.get(id(g)), given)
                ),
                (toks, _Group()),
            )
            if key is toks:
                persons.append((toks, group))
            elif _shortened(key, given):
                took.setdefault(id(group), given)
        joined[m.text] = group
        group.add(m, order)

    for order, m in enumerate(mentions):
        toks = name_tokens(m.text)
        if m.label == "PERSON" and len(toks) >= 3 and _MODEL_DESIGNATION.fullmatch(toks[-1]):
            # a make, a line and a model ("Tesla Model S", "Galaxy Note 8"): a product, whose
            # make had opened it as a person ("driving his blue Tesla Model S": a dev-stream
            # Who list had "Tesla Model S (8)", seven bare "Tesla"s its first name)
            rest.append((order, replace(m, label="ORG")))
        elif (
            m.label == "PERSON"
            and len(toks) == 2
            and (toks[0] in _PEERAGE or toks[0].casefold() in _RANKS)
        ):
            titled.append((order, m))
        elif m.label == "PERSON" and len(toks) >= 2 and alias(m.text) is None:
            add_person(order, m, toks)
        else:
            rest.append((order, m))
    for order, m in titled:
        toks = name_tokens(m.text)
        if m.text not in joined and any(
            similar(x, toks[1]) for t, g in persons for x in _surnames(t, g)
        ):
            cut = m.end - len(toks[1])
            rest.append((order, replace(m, start=cut, text=toks[1], title_cue=True)))
        else:
            add_person(order, m, toks)

    # a word the model calls a place more often than the "person" it would open names that
    # place, not the person's first name: "France" (50 times) had joined "France Info" (an
    # outlet the model took for a person, 3 times) and "Chicago" the "Chicago Cubs"; but the
    # given name as written, which no known place has, is the person's: the model read
    # "Sureshbhai faces a long recovery" as a place, and "Sureshbhai (4)" was a person of his
    # own beside "Sureshbhai Patel" (Multi-News 100), unless the place readings outnumber the
    # person's twice ("Broward", a place 10 times, is no "Broward Supervisor"); "Grammys" (a
    # place 5 times) is still not the "Grammy Awards", nor "SpaceX" the song "Space Oddity"
    as_place = Counter(fold(m.text) for _, m in rest if m.label == "PLACE")
    as_person = Counter(fold(m.text) for _, m in rest if m.label == "PERSON")
    known_places = place_names()
    given_of = {id(g): key[0] for key, g in persons}
    others: dict[str, _Group] = defaultdict(_Group)
    # the people whose surname, and whose first name, each one-word name could be: one word
    # recurs many times ("Pompeo" 50 times), the people are fixed by now
    surname_of: dict[str, list[_Group]] = {}
    first_name_of: dict[str, list[_Group]] = {}
    # each person's mentions written in full (a name of two words or more), counted once: the
    # loop below adds one-word names alone, and counting them again for each one-word name
    # took 4.8 s for 4,000 "Jordan" beside "Jordan Peele"
    in_full = {id(g): sum(len(name_tokens(x.text)) >= 2 for x in g.mentions) for _, g in persons}
    for order, m in rest:
        toks = name_tokens(m.text)
        if len(toks) == 1 and not m.name_only:
            word = toks[0]
            if word not in surname_of:
                surname_of[word] = [
                    g for t, g in persons if any(similar(x, word) for x in _surnames(t, g))
                ]
            # "U.N." is not Kim Jong Un; "T.J." may still be T.J. Yates by his first name
            by_surname = [] if _ACRONYM.fullmatch(word) else surname_of[word]
            if len(by_surname) > 1:
                # one of them spelt as written, the others one letter apart: that one ("Knox"
                # beside "Amanda Knox" and the quoted nickname "Foxy Knoxy": Multi-News 133
                # left every "Knox" unresolved, her full name then an organization's)
                exact = [g for g in by_surname if _spelt_as(word, g)]
                by_surname = exact if len(exact) == 1 else by_surname
            if len(by_surname) == 1:
                by_surname[0].add(m, order)
                continue
            if word not in first_name_of:
                first_name_of[word] = [g for t, g in persons if similar(t[0], word)]
            by_first = [
                g
                for g in first_name_of[word]
                # the names it would open, as written in full (the surnames alone that joined
                # a team read as a person, "Cubs" 136 times beside "Chicago Cubs", do not make
                # "Chicago" its first name: a dev-stream story lost its city)
                if as_place[fold(m.text)] <= in_full[id(g)]
                or (
                    given_of[id(g)] == word
                    and fold(word) not in known_places
                    and as_place[fold(m.text)] <= 2 * (len(g.mentions) + as_person[fold(m.text)])
                )
            ]
            if by_surname or by_first:
                if len(by_first) == 1 and not by_surname:
                    by_first[0].add(m, order)
                continue  # a bare name shared by several people stays unresolved
        others[_place_or_org_key(m.text)].add(m, order)
    return _one_group_a_name(
        _surnames_of_people_read_otherwise(
            _full_names_read_as_organizations(
                _ends_of_organizations(
                    _short_names_of_organizations([g for _, g in persons] + list(others.values()))
                )
            )
        )
    )


def _spelt_as(word: str, group: _Group) -> bool:
    """A form of the person's group ends in ``word`` exactly (case aside)."""
    low = fold(word)
    return any(fold(name_tokens(f)[-1]) == low for f in group.forms if name_tokens(f))


def _surnames_of_people_read_otherwise(groups: list[_Group]) -> list[_Group]:
    """A one-word name that is the surname of exactly one full name the story shows as a
    person, where the model read that full name as an organization's (so it never met the
    surnames of the people): that person ("Humphries" beside "Kris Humphries", whom the
    model read as an organization four times: Multi-News 28 listed "Humphries" among the
    organizations beside the person). Not a place's name, nor a group with a title."""
    people: dict[str, list[_Group]] = defaultdict(list)
    for g in groups:
        if g.type_votes["PERSON"] == 0 and g.voted_type == "PERSON":
            for f in g.forms:
                if (
                    len(tokens := name_tokens(f)) >= 2
                    and _could_be_a_name(f)
                    and (last := fold(tokens[-1])) not in _ORG_ONLY_HEADS | _ONE_WORD_BODIES
                    and last not in _NOT_PEOPLE
                    and not _OUTLET.search(f)
                ):
                    people[last].append(g)
    if not people:
        return groups
    return _merged_into_owners(
        groups,
        lambda f: people.get(fold(f), []) if len(name_tokens(f)) == 1 else [],
        lambda g: g.voted_type != "PLACE" and not any(_a_place_name(f) for f in g.forms),
    )


def _full_names_read_as_organizations(groups: list[_Group]) -> list[_Group]:
    """A one-word name the model read as a person's in every mention, and the one full name of
    the story that ends in it, a given name and that surname, which the model read as an
    organization's no more often (nothing called it a company): that person, named in full
    ("a rap battle with Morgan Freeman", an organization, then "while Freeman mouths Missy
    Elliott", a person: a dev-stream story listed the actor among the organizations and lost
    "Freeman", a bare word with no title). A company's name read so is named more often than
    the surname the model took for a person's ("Goldman Sachs" beside one "Sachs")."""
    read_as_person: Counter[str] = Counter()
    for g in groups:
        if all(m.label == "PERSON" and len(name_tokens(m.text)) == 1 for m in g.mentions):
            for f in g.forms:
                read_as_person[fold(f)] += g.forms[f]
    full: dict[str, list[_Group]] = defaultdict(list)
    for g in groups:
        if g.type_votes["PERSON"] or g.voted_type != "ORG" or g.company_cues or g.title_cues:
            continue
        for f in g.forms:
            tokens = name_tokens(f)
            if (
                len(tokens) == 2
                and all(NAME_WORD.fullmatch(t) for t in tokens)
                and _could_be_a_name(f)
                and not _a_place_name(tokens[0])
                and fold(f) not in _NOT_PEOPLE
                and not _OUTLET.search(f)
                and 0 < len(g.mentions) <= read_as_person[last := fold(tokens[-1])]
                # a thing named for a place or a body in the sky: "Blue Moon", a lander,
                # beside "the Moon" the model read as a person (a dev-stream story)
                and last not in CELESTIAL
                and not _a_place_name(tokens[-1])
            ):
                full[last].append(g)
    if not full:
        return groups
    return _merged_into_owners(
        groups,
        lambda f: full.get(fold(f), []) if len(name_tokens(f)) == 1 else [],
        lambda g: all(m.label == "PERSON" for m in g.mentions),
    )


def _ends_of_organizations(groups: list[_Group]) -> list[_Group]:
    """A name the model read, of two words or more, that is the end of one organization's
    longer name in the story and holds its head word: that organization ("Monetary Fund" of
    "International Monetary Fund", a NeuS story's person; "Court of Appeals" of "U.S. Circuit
    Court of Appeals"). The end of two ("Intelligence Committee" of the Senate's and the
    House's) stays as it is; so does a person with a title or a speech verb."""
    full: dict[str, list[_Group]] = defaultdict(list)
    for g in groups:
        if g.voted_type == "ORG":
            for f in g.forms:
                if _POSSESSIVE_INSIDE.search(f):
                    continue  # "Biden’s Justice Department" is no name of the department
                words = fold(f).split()
                if len(words) >= 3 and _last_word(words) in _INSTITUTION_HEADS:
                    for k in range(1, len(words) - 1):
                        full[" ".join(words[k:])].append(g)
    if not full:
        return groups
    return _merged_into_owners(
        groups,
        lambda f: full.get(fold(f), []),
        lambda g: not g.title_cues and (g.voted_type != "PERSON" or not g.person_cues),
    )


def _merged_into_owners(
    groups: list[_Group],
    owners_of: Callable[[str], list[_Group]],
    takes: Callable[[_Group], bool],
) -> list[_Group]:
    """``groups`` with each one whose every form has owners (``owners_of``), all of them one
    other group that ``takes`` it, merged into that group."""
    kept = []
    for g in groups:
        found = [owners_of(f) for f in g.forms]
        owners = {id(o): o for of_form in found for o in of_form if o is not g}
        if len(owners) == 1 and all(found) and takes(g):
            next(iter(owners.values())).merge(g)
        else:
            kept.append(g)
    return kept


def _short_names_of_organizations(groups: list[_Group]) -> list[_Group]:
    """A "person" nothing shows as one (no title, no speech verb) whose name is an
    organization's of the story without its "Media", "News", "Inc." ...: that organization
    ("Common Sense", 14 times "founder of Common Sense", beside "Common Sense Media": a dev
    story listed both among its people). Every name the "person" goes by must be that short
    name: "Michael Bloomberg", also written "Bloomberg", is not "Bloomberg News"."""
    full = {fold(f): g for g in groups if g.voted_type == "ORG" for f in g.forms if _institution(f)}
    groups = _merged_into_owners(
        groups,
        # the organizations a form names without its tail
        lambda f: [o for t in _KEY_TAILS if (o := full.get(fold(f"{f} {t}"))) is not None],
        # an organization too when the model read its name as a person's somewhere, which
        # kept it out of the organizations' keys ("firearms manufacturer Remington Arms" beside
        # "Remington Arms Co.": two organizations of a NeuS story)
        lambda g: (
            g.voted_type == "ORG" or (g.voted_type == "PERSON" and not g.person_cues + g.title_cues)
        ),
    )
    # ... and one the story also writes with its company's legal form ("Equifax" beside
    # "Equifax Inc."), whatever it "said": a company speaks ("Equifax (73)" headed a dev story's
    # people, a one-word name that no title or first name made a person's)
    return _merged_into_owners(
        groups,
        lambda f: [
            o
            for t in _LEGAL_FORMS
            if len(words := set(name_tokens(f))) == 1  # "Equifax", or a logo's "Equifax Equifax"
            and (o := full.get(fold(f"{next(iter(words))} {t}"))) is not None
        ],
        lambda g: g.voted_type == "PERSON" and not g.title_cues,
    )


def _one_group_a_name(groups: list[_Group]) -> list[_Group]:
    """Groups that share a written form merged: the model labels one name a person in one
    sentence and a place in the next ("Berlin's Brandenburg Gate"), which made two entities of
    one name, listed both among the people and the places."""
    owner: dict[str, _Group] = {}
    kept: list[_Group] = []
    for group in groups:
        target = next((owner[k] for f in group.forms if (k := fold(f)) in owner), None)
        if target is None:
            kept.append(group)
            target = group
        else:
            target.merge(group)
        for form in group.forms:
            owner.setdefault(fold(form), target)
    return kept


_WORD_RUN = re.compile(r"[\w-]+")


def _hits(
    names: tuple[str, ...],
    text: str,
    starts: Mapping[str, list[int]] | None,
    first_words: frozenset[str],
) -> Iterator[tuple[int, int]]:
    """The spans ``name_pattern(names).finditer(text)`` finds (``names`` in its order: the
    longest first), tried only where one of the names' first words begins (a match can begin
    nowhere else: one article's thousands of names each scanned the whole text), and there by
    comparing strings: a story's name sets change as it grows, and compiling a pattern for
    each cost more than the matching. ``starts`` None: a name that does not start with a
    word character, found by the pattern itself."""
    if starts is None:
        yield from (m.span() for m in name_pattern(names).finditer(text))
        return
    positions = sorted(p for word in first_words for p in starts.get(word, ()))
    after = 0
    for pos in positions:
        if pos < after:
            continue  # inside the last hit
        # a word run starts at ``pos``: nothing of [\w-] before it, as the pattern asks
        for name in names:
            end = pos + len(name)
            if text.startswith(name, pos) and not _word_goes_on(text, end):
                after = end
                yield pos, end
                break


def _word_goes_on(text: str, at: int) -> bool:
    r"""Whether ``text[at]`` continues a word run: the pattern's ``(?![\w-])`` fails there."""
    return at < len(text) and (text[at].isalnum() or text[at] in "_-")


@lru_cache(maxsize=256)  # as many as analysis.DOC_CACHE keeps parses
def word_starts(text: str) -> dict[str, list[int]]:
    """Where each word run of ``text`` begins, kept for the last texts asked: a story's
    refresh reads its older articles again (dev stream through the API: 617 article reads
    for 383 articles). Shared: read it, never change it."""
    starts: dict[str, list[int]] = defaultdict(list)
    for run in _WORD_RUN.finditer(text):
        starts[run.group()].append(run.start())
    return dict(starts)


def propagate(
    groups: Sequence[_Group], articles: Sequence[Article]
) -> dict[int, list[tuple[str, int, int]]]:
    """Occurrences of each entity's names that the model missed, by exact word match, so that
    mention counts do not depend on the model noticing every "Pompeo"."""
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for g in groups:
        for m in g.mentions:
            taken[m.article].append((m.start, m.end))
    found: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    patterns: list[tuple[int, tuple[str, ...]]] = []  # group, its names longest first
    # a name found with the pattern's boundaries has its first word run whole in the text,
    # so a set lookup per word picks the few names worth searching for in an article
    by_word: dict[str, set[int]] = defaultdict(set)
    always: set[int] = set()  # names that do not start with a word character
    first_words: list[frozenset[str]] = []  # each pattern's names' first word runs
    owns_surname = _surname_owners(groups, articles)
    for gi, g in enumerate(groups):
        names = set()
        person = g.type == "PERSON"
        known = person and (_known_person(g) or _named_twice(g, articles)) and gi in owns_surname
        for form in g.forms:
            toks = name_tokens(form)
            if person:
                # full names and surnames; a bare first name ("Mike") could be anyone
                if len(toks) >= 2:
                    names.add(form)
                    # a surname is written capitalized: "launch" in "Kwangmyongsong-4 launch"
                    # would have counted every launch of the story
                    if len(toks[-1]) >= 4 and toks[-1][:1].isupper() and known:
                        names.add(toks[-1])
            elif len(form) >= 4 and form[:1].isupper():
                names.add(form)
        if names:
            firsts = set()
            for name in names:
                first = _WORD_RUN.match(name)
                if first:
                    by_word[first.group()].add(len(patterns))
                    firsts.add(first.group())
                else:
                    always.add(len(patterns))
            first_words.append(frozenset(firsts))
            patterns.append((gi, tuple(sorted(names, key=lambda n: (-len(n), n)))))
    for art in articles:
        text = art.text
        covered = SpanSet(taken[art.id])
        starts = word_starts(text)
        candidates = set(always)
        for word in starts.keys() & by_word.keys():
            candidates |= by_word[word]
        for k in sorted(candidates):
            gi, ordered = patterns[k]
            for start, end in _hits(ordered, text, None if k in always else starts, first_words[k]):
                if covered.overlaps(start, end):
                    continue
                covered.add(start, end)
                found[gi].append((art.id, start, end))
    return found


_LOWER_WORD = re.compile(r"\b[a-z][a-z]{3,}\b")


def _surname_owners(groups: Sequence[_Group], articles: Sequence[Article] = ()) -> set[int]:
    """The groups (by index) a bare surname may be found for: all but people who share their
    surname with another person of the story when none of them is named more than once. A
    NeuS story named "first lady Melania Trump" and "their teenage son Barron Trump" once
    each, and every "President Trump" had become Barron Trump, the speaker of the President's
    quotes. A person named again keeps the surname, as before, against a relative named once
    (Multi-News: "Will Smith" 7 times, "Racquel Smith" once; "Smith" is Will Smith).
    The first of them named keeps it when the story shows them a person (a title or speech
    verb) and writes the surname alone only after them: "President Donald Trump ... his
    daughter Ivanka Trump. ... Trump said" is the President (whose quotes had otherwise gone
    to the daughter, the full name nearest before)."""
    sharing: dict[str, set[int]] = defaultdict(set)
    for gi, g in enumerate(groups):
        if g.type == "PERSON":
            for f in g.forms:
                if len(tokens := name_tokens(f)) >= 2:
                    sharing[fold(tokens[-1])].add(gi)
    owners = set(range(len(groups)))
    texts = {a.id: a.text for a in articles}
    for members in sharing.values():
        if len(members) >= 2 and all(len(groups[i].mentions) < 2 for i in members):
            owners -= members
            first = min(members, key=lambda i: (min(groups[i].first_seen.values()), i))
            if _introduced_first(groups[first], texts):
                owners.add(first)
    return owners


def _introduced_first(g: _Group, texts: dict[str, str]) -> bool:
    """Whether a person named once, with a title or speech verb, is named in full before
    their surname is written alone in that article."""
    if not g.person_cues or len(g.mentions) != 1 or (m := g.mentions[0]).article not in texts:
        return False
    surname = name_tokens(m.text)[-1] if len(name_tokens(m.text)) >= 2 else ""
    text = texts[m.article]
    return bool(surname) and not re.search(
        rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text[: m.start]
    )


def _known_person(g: _Group) -> bool:
    """A person the story shows as one beyond a single label: a title or speech verb, or the
    model naming them twice. Only then does their surname alone count as them: "Overjoyed
    Cubs" (one caption, labelled a person once) took every "Cubs" of the story, 166."""
    return g.person_cues > 0 or len(g.mentions) >= 2


def _named_twice(g: _Group, articles: Sequence[Article]) -> bool:
    """The story writes one of the person's full names at least twice, whether or not the
    model labelled each ("Mountaineer Ueli Steck said ...", "Ueli Steck of Switzerland"): then
    "Steck said" is them too."""
    full = [f for f in g.forms if len(name_tokens(f)) >= 2]
    if not full:
        return False
    seen = 0
    for art in articles:
        if any(f in art.text for f in full):
            pattern = name_pattern(full)  # compiled only for a story that writes a name
            seen += len(list(islice(pattern.finditer(art.text), 2 - seen)))
            if seen >= 2:
                return True
    return False


# the characters after a word that tell one sentence from another (copies of a quote alike)
_SIGHTING_CHARS = 40


def _unsupported_person(g: _Group, texts: Mapping[str, str]) -> bool:
    """One bare word the model called a person, with no full name, title or speech verb
    anywhere: news introduces people by full name or title, so this is most likely a misread
    ("Frank" in "the conversation was Frank", "McCarthyism"). Once: in one sentence, however
    many outlets copied it (a tweet's "Lmao after all this I will have spent 8 hours ...",
    quoted twice in the dev stream's wrong-plane story, had listed "Lmao (2)" under Who),
    when the story writes the word nowhere else ("Barack really thinks ...", copied, is also
    in "revealed that Barack doesn't like ...": Multi-News validation 28)."""
    if not (
        g.voted_type == "PERSON"
        and g.person_cues == 0
        and all(len(name_tokens(f)) == 1 for f in g.forms)
    ):
        return False
    if len(g.mentions) == 1:
        return True
    if len({_sighting(texts[m.article], m.start, m.end) for m in g.mentions}) > 1:
        return False
    pattern = name_pattern(m.text for m in g.mentions)
    return (
        len({_sighting(t, w.start(), w.end()) for t in texts.values() for w in pattern.finditer(t)})
        == 1
    )


def _sighting(text: str, start: int, end: int) -> str:
    """A word with the words after it: alike in copies of one sentence."""
    return text[start : end + _SIGHTING_CHARS]


# Agencies and words of a photo credit ("David Becker/Getty Images", "AFP/File", "Pool/AFP")
_CREDIT_WORDS = frozenset(
    ["ap", "afp", "reuters", "getty", "getty images", "associated press", "bloomberg", "epa",
     "wireimage", "invision", "pa", "pool", "file", "agencies", "photo", "xinhua", "ap photo"]
)  # fmt: skip


_COUNTER = re.compile(r"\d\s*/\s*\d")  # a gallery's "7/8", glued to its caption or not
# ... of them, those that only credit pictures (a news agency is news's source as well)
_PICTURE_WORDS = frozenset(
    ["getty", "getty images", "wireimage", "invision", "pool", "file", "photo", "ap photo"]
)


def _agency_credit(form: str) -> bool:
    """A slash joining an agency or a gallery's counter ("Andrew Kelly / Reuters", "KCNA /
    Reuters", "Ben Morgan 7/8"): a photo credit whatever surrounds it."""
    if "/" not in form:
        return False
    parts = [p.strip() for p in form.split("/")]
    return bool(_COUNTER.search(form)) or any(fold(p) in _CREDIT_WORDS for p in parts)


def _photo_credit(form: str, in_prose: bool = False) -> bool:
    """A photo credit or a gallery's counter read as a name: a slash joining a photographer's
    name or an agency ("Rick Loomis / Los Angeles Times", "Jae C. Hong/AP", "Ben Morgan 7/8",
    "Matt York/"). A slash between single words is a title or a name ("Frost/Nixon", "AC/DC"),
    and names joined by a slash in prose are a joint organization ("the ABC News/Washington
    Post poll found": a credit stands under its photo, never before a lower-case word)."""
    if "/" not in form:
        return False
    parts = [p.strip() for p in form.split("/")]
    if not parts[-1] or _agency_credit(form):
        return True
    first = parts[0].split()
    return (
        not in_prose and len(first) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in first)
    )


# What follows a credit is the next paragraph, a caption's end or "via AP", never prose
_BEFORE_PROSE = re.compile(r"\s+(?!via\b)[a-z]")


def _headline_person(
    g: _Group, extra: Sequence[tuple[str, int, int]], headline_ends: Mapping[str, int]
) -> bool:
    """A "person" written only on Title Case lines, the headlines ("McConnell, McCarthy Blast
    Democrats For Blocking Funds ...", "Lisa Page Speaks: ..."): the model took a headline's
    verb and object into the name (NeuS: "McCarthy Blast Democrats" and "Lisa Page Speaks"
    among the people); a person the story names writes their name in its prose too.
    ``headline_ends``: each article's ``_headline_end``."""
    spans = [(m.article, m.start) for m in g.mentions] + [(a, s) for a, s, _ in extra]
    return g.type == "PERSON" and all(s < headline_ends[a] for a, s in spans)


# A headline is short; a longer line in capitals is a list of names ("These are the 21
# released Chibok women and girls ...: Blessing Abana Comfort Amos ...", dev stream)
HEADLINE_WORDS = 20


def _headline_end(text: str) -> int:
    """Where the text's opening headline ends (0: it opens with none): its first line, when
    that line is a headline over a body. Prose names people with their titles in capitals
    too ("Senate Majority Leader Mitch McConnell and House Minority Leader Kevin McCarthy
    slammed ..." reads as Title Case)."""
    end = text.find("\n")
    if end < 0 or not text[end:].strip():
        return 0  # a text of one line is its own body, not a headline over one
    line = text[:end]
    return end if len(line.split()) <= HEADLINE_WORDS and is_headline_case(line) else 0


def _credit_group(g: _Group, texts: Mapping[str, str]) -> bool:
    """Whether every form of ``g`` is a photo credit, judged with what follows its mentions; or
    a picture agency alone called a person ("Play slideshow Getty Images 1 of 35": a dev-stream
    story listed "Getty Images" among its people)."""
    if g.type == "PERSON" and all(fold(f) in _PICTURE_WORDS for f in g.forms):
        return True
    in_prose = any(_BEFORE_PROSE.match(texts[m.article], m.end) for m in g.mentions)
    return all(_photo_credit(f, in_prose) for f in g.forms)


# an opening quotation mark inside a name, not closed in it: a headline's words run into a
# quotation ("Tom Cotton Cries ‘Fake News", which "News" had made an organization of a NeuS
# story); "Dwayne ‘The Rock’ Johnson" closes it
_CUT_QUOTATION = re.compile(r"\S\s+[‘“\"'][^‘“’”\"']*$")


def _quotation_fragment(g: _Group) -> bool:
    """Not a person's: a nickname the model cut ("Randolph “Tex", the Secret Service director
    Randolph “Tex” Alles, a NeuS story's subject) is still the person."""
    return g.type != "PERSON" and all(_CUT_QUOTATION.search(f) for f in g.forms)


# A verb a headline capitalizes, which no name holds after its first word: the model's
# "organizations" "Supreme Court Is Hearing a New Case on Abortion", "Perjury Allegation
# against Jeff Sessions Is Meritless", "Early Data Shows" (NeuS train 1668, 1600, 1673).
# Not "Show", "Will" or "Said": the Consumer Electronics Show, George Will, Edward Said.
_HEADLINE_VERBS = frozenset("Is Are Was Were Has Have Had Says Shows".split())


_POSSESSIVE_INSIDE = re.compile(r"['’]s\s+\S")
_INITIAL_LAST = re.compile(r"\S\s+[A-Z]\.$")
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")


def _headline_words(form: str) -> bool:
    """Whether a name holds a headline's capitalized verb after its first word."""
    return not _HEADLINE_VERBS.isdisjoint(form.split()[1:])


MAX_COMMON_WORDS_NAMED = 2  # mentions of a name of common words read as a heading's


def _common_word_person(g: _Group, common: frozenset[str]) -> bool:
    """A bare capitalized word the story also writes in lower case, called a person with no
    title or speech verb anywhere ("Notifications", "Library", "Settings" in a console
    update's story): a heading or a sentence's first word, not a name; and so are words all
    of which the story writes in lower case, read so once or twice ("Notifications Update",
    "Boost Mode" in that story; "Launch Complex", "Billy Goat Curse"). A name written more
    often is one whatever its words ("Oculus Rift", four mentions in a Multi-News story)."""
    return (
        g.type == "PERSON"
        and g.person_cues == 0
        and g.title_cues == 0
        and all(
            f.casefold() in common
            if len(words := name_tokens(f)) == 1
            else len(g.mentions) <= MAX_COMMON_WORDS_NAMED
            and all(w.casefold() in common for w in words)
            and not _a_given_name_and_surname(words)
            for f in g.forms
        )
    )


def _a_given_name_and_surname(words: Sequence[str]) -> bool:
    """Two words, the first a given name (``_GIVEN_NAMES``): "Bill Gates" in a story of "the
    bill" and border "gates" is a person ("Billy Goat Curse", three words, is not one)."""
    return len(words) == 2 and words[0].casefold() in _KNOWN_GIVEN_NAMES


# what opens a sentence or a quotation, before a capitalized word
_OPENS_BEFORE = re.compile(r"(?:^|[.!?:]['\"’”]?\s+|\n\s*|['\"‘“]\s*)$")


def _common_word_opening(g: _Group, texts: Mapping[str, str], common: frozenset[str]) -> bool:
    """A bare word, called an organization, that opens a sentence or a quotation each time
    and that the story also writes in lower case: an ordinary word capitalized where it
    stands ("'Stupid. What this race needs is a red flag'" beside "just bad, just stupid":
    a dev-stream F1 story's organization)."""
    return (
        g.type == "ORG"
        and not g.company_cues
        and all(len(name_tokens(f)) == 1 and f.casefold() in common for f in g.forms)
        and all(
            _OPENS_BEFORE.search(texts.get(m.article, ""), max(0, m.start - 6), m.start)
            for m in g.mentions
        )
    )


_ADJECTIVE_WORD = re.compile(r"[A-Z][a-z]{3,}(?:ed|en|ful|ous|ive|less)")
_LOWER_AFTER = re.compile(r" [a-z]")


def _an_opening_adjective(g: _Group, articles: Sequence[Article]) -> bool:
    """A word shaped as an adjective ("-ed", "-en", "-ful", "-ous", "-ive", "-less") that
    the story writes only where a sentence opens, each time before a word in lower case:
    "Heartbroken relatives refused to leave" (a dev-stream story's organization), an ordinary
    word capitalized where it stands; a name is written inside sentences too."""
    forms = set(g.forms)
    if len(forms) != 1 or not _ADJECTIVE_WORD.fullmatch(form := next(iter(forms))):
        return False
    if fold(form) in place_names():
        return False
    found = False
    for a in articles:
        for m in re.finditer(rf"\b{re.escape(form)}\b", a.text):
            if not (
                _OPENS_BEFORE.search(a.text, max(0, m.start() - 6), m.start())
                and _LOWER_AFTER.match(a.text, m.end())
            ):
                return False
            found = True
    return found


# a people's name as a noun or adjective ("the Finn was fortunate", "the Brit has promised",
# "French officials"): no organization; those ending in -ian, -ese or -ish are ``_DEMONYM``
_NATIONALITY_WORDS = frozenset(
    "French Frenchman Frenchmen Brit Brits Briton Britons Finn Finns Dutch Dutchman Swiss Greek "
    "Greeks Thai Scot Scots Welsh Dane Danes Swede Swedes Pole Poles Turk Turks Englishman "
    "Kiwi Kiwis Aussie Aussies Arab Arabs Czech Czechs Spaniard Spaniards Kurd Kurds Serb "
    "Serbs Croat Croats Slovak Slovaks Filipino Filipinos Iraqi Iraqis Israeli Israelis "
    "Pakistani Pakistanis Saudi Saudis Afghan Afghans Yemeni Yemenis Kuwaiti Qatari Omani "
    "Bangladeshi Nepali Somali Somalis".split()
)


# a coast or a land a people's adjective names ("on the French Riviera", "along the Italian
# Riviera"): "on the" or "along the" before it, which a body is not written after, and a
# people's adjective before it once at least ("Riviera" was a dev-stream story's organization)
_ON_THE_BEFORE = re.compile(r"\b(?:on|along)\s+the\s+(?:[A-Z][a-z]+\s+)?$")
_PEOPLES_ADJECTIVE_BEFORE = re.compile(
    r"\bthe\s+(?:" + "|".join(sorted(_NATIONALITY_WORDS)) + r"|[A-Z][a-z]+(?:ian|ese|ish))\s+$"
)


def _a_peoples_coast(name: str, mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A one-word name written "on the" or "along the" in half its mentions, twice at least,
    once after a people's adjective ("the French Riviera"): a region, no organization."""
    if " " in name:
        return False
    on = sum(
        bool(_ON_THE_BEFORE.search(texts[m.article], max(0, m.start - 30), m.start))
        for m in mentions
    )
    return (
        on >= 2
        and 2 * on >= len(mentions)
        and any(
            _PEOPLES_ADJECTIVE_BEFORE.search(texts[m.article], max(0, m.start - 30), m.start)
            for m in mentions
        )
    )


# a way things go along, or stand on: "driving two kilometers along the Promenade des Anglais",
# "a restaurant on the Promenade des Anglais" (a dev-stream story's organization)
_ALONG_BEFORE = re.compile(r"\b[Aa]long\s+(?!with\b)(?:the\s+)?(?:[a-z]+\s+)?$")
_ON_OR_ALONG_BEFORE = re.compile(
    r"\b(?i:on|onto|along|in front of)\s+(?!with\b)(?:the\s+)?(?:[a-z]+\s+)?$"
)


def _a_way_along(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Written "along the <name>" once at least, and after "on", "along" or "in front of" in
    half its mentions: a street, a coast or a river, no organization ("along with" is no
    way)."""

    def before(pattern: re.Pattern[str], m: Mention) -> bool:
        return bool(pattern.search(texts[m.article], max(0, m.start - 40), m.start))

    along = [m for m in mentions if before(_ALONG_BEFORE, m)]
    placed = sum(before(_ON_OR_ALONG_BEFORE, m) for m in mentions)
    return bool(along) and 2 * placed >= len(mentions)


_FROM_BEFORE = re.compile(r"\bfrom $")
_TO_PLACE_AFTER = re.compile(r" to (?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})")
_FROM_PLACE_TO_BEFORE = re.compile(r"\bfrom (?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}) to $")
_WAYPOINT_BEFORE = re.compile(r"\b(?:from|to|via|in|near)\s+$")


def _a_journeys_end(
    mentions: Sequence[Mention], texts: Mapping[str, str], places: frozenset[str]
) -> bool:
    """Written "from <name> to <a place>" or "from <a place> to <name>" once at least, a place
    of the story or of the gazetteer, and after "from", "to", "via", "in" or "near" in half its
    mentions: a place, no organization ("The tram was operating from New Addington to
    Wimbledon", a dev-stream story's organization, read so five times)."""

    def a_place(run: str) -> bool:
        words = run.split()
        return any(
            (n := " ".join(words[:k])) in places or fold(n) in place_names()
            for k in range(len(words), 0, -1)
        )

    def journey(m: Mention) -> bool:
        text = texts[m.article]
        if _FROM_BEFORE.search(text, max(0, m.start - 5), m.start):
            to = _TO_PLACE_AFTER.match(text, m.end)
            return to is not None and a_place(to["place"])
        came = _FROM_PLACE_TO_BEFORE.search(text, max(0, m.start - 60), m.start)
        return came is not None and a_place(came["place"])

    waypoints = sum(
        bool(_WAYPOINT_BEFORE.search(texts[m.article], max(0, m.start - 8), m.start))
        for m in mentions
    )
    return 2 * waypoints >= len(mentions) and any(journey(m) for m in mentions)


def _a_nationality(mentions: Sequence[Mention]) -> bool:
    """Every mention a people's word (``_NATIONALITY_WORDS``)."""
    return all(m.text in _NATIONALITY_WORDS for m in mentions)


# a people's word's ending, and what its place's name ends with instead ("Brazil": "Brazilian",
# "Canada": "Canadian", "Italy": "Italian", "Ukraine": "Ukrainian", "Angola": "Angolan",
# "Mexico": "Mexican", "Rome": "Roman", "Japan": "Japanese", "China": "Chinese", "Turkey":
# "Turkish", "Israel": "Israeli"). The ending as the formation takes it, no more: a name's own
# last letters with another place's ending had read "Ferrari" as of Ferrara (a dev-stream
# story's team, dropped), "Trenton" of Trento, "Eden" of Ede and "Tulsi" of Tulsa
_PEOPLES_WORDS = (
    ("ian", ""),
    ("ian", "a"),
    ("ian", "e"),
    ("ian", "y"),
    ("an", ""),  # after a vowel or y: "Chicago", "Haiti", "Uruguay"
    ("an", "a"),
    ("an", "e"),
    ("an", "o"),
    ("ese", ""),
    ("ese", "a"),
    ("ish", ""),
    ("ish", "ey"),
    ("i", ""),
)


def _peoples_words_place(name: str) -> str | None:
    """The folded place a people's word is made from ("Hawaiian": hawaii, "Angolan": angola),
    by the endings people's words form (``_PEOPLES_WORDS``), or None: also None for a word
    that is a place's name itself."""
    if not name.isalpha() or fold(name) in place_names():
        return None
    for end, tail in _PEOPLES_WORDS:
        stem = name[: -len(end)]
        if (
            not name.endswith(end)
            or len(stem) < 3
            or (not tail and end == "an" and stem[-1] not in "aeiouy")
        ):
            continue
        if (place := fold(stem + tail)) in place_names():
            return place
    return None


def _a_places_peoples_word(name: str) -> bool:
    """One word that is a known place's name with a people's ending, and no place's name
    itself: an adjective ("the Angolan satellite", three times a dev-stream story's
    organization)."""
    return _peoples_words_place(name) is not None


# a word of a graphic's labels as the page's text keeps them ("LUXOR HOTEL BROKEN WINDOWS
# VISIBLE MAIN ENTRANCE"): capitals, digits and marks only
_CAPS_WORD = re.compile(r"[A-Z0-9][A-Z0-9.&'’-]*")
MIN_CAPTION_WORDS = 3  # a run of capitalized words this long is a graphic's labels


def _caps_run(text: str, start: int, end: int) -> int:
    """How many words in capitals run on, without a break, through ``text[start:end]``."""
    words = text[start:end].split()
    if not words or not all(_CAPS_WORD.fullmatch(w) for w in words):
        return 0
    # the 12 space-separated pieces either side, found without splitting the whole text (a
    # split per mention made a 216,000-character article's mentions take seconds)
    cut = start
    for _ in range(12):
        cut = text.rfind(" ", 0, cut)
        if cut < 0:
            break
    before = text[cut + 1 : start].split(" ")
    stop = end - 1
    for _ in range(12):
        stop = text.find(" ", stop + 1)
        if stop < 0:
            break
    after = text[end : stop if stop >= 0 else len(text)].split(" ")
    n = len(words)
    for w in reversed(before[:-1] if before and before[-1] == "" else before):
        if "\n" in w or not _CAPS_WORD.fullmatch(w):
            break
        n += 1
    for w in after[1:] if after and after[0] == "" else after:
        if "\n" in w or not _CAPS_WORD.fullmatch(w):
            break
        n += 1
    return n


_COMPASS = frozenset("north south east west".split())  # "the Midwest" is a region
_ANY_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


# A news outlet's name ("The New York Times", "NBC News", "Reuters", "CNN")
_OUTLET = re.compile(
    r"(?:^|\s)(?:News|Times|Post|Journal|Herald|Tribune|Press|Gazette|Telegraph|Guardian"
    r"|Mirror|Express|Magazine|Insider|Enquirer|Reuters|Bloomberg|CNN|BBC|NBC|ABC|CBS|NPR|AFP"
    r"|AP|Fox|Axios|Politico|HuffPost|Yahoo|CNET|CNBC|MSNBC|Xinhua|Yonhap|Sputnik|RT)$"
)
# what comes before a source named as one ("told the", "according to", "reported by") ...
_SOURCE_BEFORE = re.compile(
    r"(?:\btold|\baccording to|\bby|\bfrom|\bwith|\bin|\bon|\bto|\bvia|\bfor)"
    r"(?:\s+the)?\s+$"
    r"|(?:^|\n)\s*\($",  # a byline's "(CNN)The United States is ..." (NeuS val 199)
    re.IGNORECASE,
)
# ... and after it ("CNN reported", "the Times said", "NBC's Andrea Mitchell")
_SOURCE_AFTER = re.compile(r"^(?:['’]s\b|\s+(?:first\s+)?(?:reported|reports|said|says|wrote))")


def _only_a_source(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A news outlet the story only cites ("told the New York Times", "CNN reported"): where
    the story got a fact, not who took part in it (dev stream: outlets listed among the
    organizations of 11 of 22 events read); one the story is about ("CNN fired ...") stays."""
    return all(_cited(m, texts, _SOURCE_BEFORE, _SOURCE_AFTER, 20) for m in mentions)


def _cited(
    m: Mention,
    texts: Mapping[str, str],
    before: re.Pattern[str],
    after: re.Pattern[str],
    reach: int,
) -> bool:
    """Whether mention ``m`` is named as a source: ``before`` ends the 25 characters before it,
    or ``after`` opens the ``reach`` characters after it."""
    text = texts[m.article]
    return bool(
        before.search(text[max(0, m.start - 25) : m.start])
        or after.match(text[m.end : m.end + reach])
    )


# A "place" that tells, reports and publishes is an outlet: "according to the Nice Matin
# newspaper", "told Nice-Matin", "Nice-Matin posted photographs" (dev stream, the Nice attack).
# Only cues no place takes: not "in", "from" or "to".
_OUTLET_BEFORE = re.compile(
    r"(?:\btold|\baccording to|\breported by|\bthe newspaper|\bthe broadcaster|\bradio station"
    r"|\bnews agency|\bdaily)(?:\s+the)?\s+$",
    re.IGNORECASE,
)
_OUTLET_AFTER = re.compile(
    r"^(?:,? (?:a|the) (?:local |regional |national )?(?:newspaper|daily|broadcaster|radio"
    r"|television|news agency)\b|\s+(?:newspaper|daily|radio|reported|reports|wrote|posted"
    r"|published|quoted|cited)\b)",
    re.IGNORECASE,
)


# what makes a name a place when no gazetteer knows it: a word of geography in it ("Broward
# County", "Indian Ocean", "Addiscombe Road"), a preposition of place before it ("in
# Scarsdale"), or the state or country after it ("North Brunswick, N.J.")
_GEO_WORD = re.compile(
    r"\b(?:County|Counties|Province|Prefecture|District|Region|State|Island|Islands|Isle"
    r"|Peninsula|Coast|Ocean|Sea|Gulf|Bay|Strait|Channel|River|Lake|Valley|Mountains?|Mount"
    r"|Desert|Forest|Beach|Harbou?r|Port|Airport|Station|Road|Street|Avenue|Ave|Boulevard"
    r"|Square|Plaza|Park|Bridge|Canal|Zone|Border|Highway|Township|Village|Borough|Parish"
    r"|Territory|Territories|Republic|Kingdom|Emirate|Oblast|Hills?|Heights|Falls|Springs"
    r"|Gate|Tower|Palace|Cathedral|Church|Mosque|Temple|Castle|Stadium|Arena|Memorial"
    r"|Monument|Museum)\b",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside|across|throughout|around|into|toward|towards|through|from|to"
    r"|over|beyond|within|inside|off|outside of|visit|visits|visited|visiting"
    r"|(?:city|town|village|province|state|region|county"
    r"|district|capital|island|port|suburb) of)\s+"
    # "in parts of New England", "over northern New England", "in the south of France"
    r"(?:(?:the|northern|southern|eastern|western|central|north(?:east|west)?ern"
    r"|south(?:east|west)?ern|parts? of|much of|all of|most of)\s+)*"
    r"|\d{1,3},\s+of\s+)$",  # a hometown: "Jane Doe, 31, of Appleton"
    re.IGNORECASE,
)
# countries as headlines abbreviate them, which neither the gazetteer nor ``is_country`` reads
_COUNTRY_MARKS = frozenset("UAE UK U.K. US U.S. USA U.S.A. DRC PRC DPRK ROK EU".split())
# a people's adjective is no place ("into the Ukrainian naval headquarters")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|ese|ish)")
_LOWER_NEXT = re.compile(r"\s+[a-z]")
# a team one won over is no place ("a 26-24 victory over the Seattle Seahawks")
_WON_OVER = re.compile(
    r"\b(?:victory|win|wins|won|lead|edge|triumph|advantage)\s+over\s+(?:the\s+)?$"
)
MIN_PLACE_CONTEXTS = 0.25  # of a name's mentions, written where a place is
_AT_BEFORE = re.compile(r"\bat\s+$", re.IGNORECASE)
# where a probe lands or a planet rises ("landed on the far side of the Moon")
_BODIES = frozenset("Moon Sun Earth Mars Venus Mercury Jupiter Saturn Uranus Neptune Pluto".split())
_WITHIN_BEFORE = re.compile(r"(?P<where>[A-Z][\w.-]*(?: [A-Z][\w.-]*)?),\s+$")
_OWNER_BEFORE = re.compile(r"(?P<where>[A-Z][\w.-]*(?: [A-Z][\w.-]*)?)['’]s $")
_STATE_AFTER = re.compile(r",\s+(?P<where>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)")
_POSTAL = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
    "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
).split()
# "D.C.", "Fla.", "N.J.", "NY": a state (or the capital's district) as datelines write it
_STATE_MARKS = frozenset(
    ["D.C.", "DC", *_POSTAL, *(f"{p[0]}.{p[1]}." for p in _POSTAL)]
    + [*STATE_ABBREVIATIONS, *(f"{s}." for s in STATE_ABBREVIATIONS)]
)


# A place's name made an adjective ("U.S.-made, U.S.-owned, U.S.-staffed boats", "a
# Texas-based firm"): a NeuS digest listed "Where: Puerto Rico; U.S.-made"; no place's name
# ends in a lower-case participle after a hyphen ("Stratford-upon-Avon" ends in a name)
_COMPOUND_ADJECTIVE = re.compile(
    r"-(?:made|owned|staffed|based|led|backed|born|bound|flagged|registered|run|funded"
    r"|controlled|brokered|sponsored|built|bred|grown|style|friendly|allied|linked|focused)$"
)


# A lawmaker's party and state ("Senate Majority Leader Mitch McConnell (R-Ky.) on Thursday
# blocked ...": a NeuS digest's "Where: Kentucky"; "Sen. Ted Cruz, R-Texas, said"): the state
# they represent, no place of the story
_PARTY_BEFORE = re.compile(r"(?:^|[\s(\[,])[RDI]\s?[-–]\s?$")


def _only_a_party_label(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Every mention is the state of a lawmaker's party label (``_PARTY_BEFORE``)."""
    return all(
        _PARTY_BEFORE.search(texts.get(m.article, ""), max(0, m.start - 4), m.start)
        for m in mentions
    )


def _a_things_plural(name: str, common: frozenset[str]) -> bool:
    """A place's name and a plural noun the story also writes in lower case: documents,
    awards or games named after the place ("named in the Panama Papers",
    beside "the papers": a dev-stream story's place); a place's own plural is a word of
    geography (``_GEO_WORD``: "Islands", "Heights") or in the gazetteer."""
    words = name.split()
    last = words[-1]
    return (
        len(words) >= 2
        and (fold(words[0]) in place_names() or is_country(words[0]))
        and last.endswith("s")
        and not last.endswith(("ss", "us"))
        and last.casefold() in common
    )


# a country's two-letter code is what pycountry reads in "AI" ("improve AI capabilities":
# Anguilla's, "Where: AI" under two dev-stream stories); the codes headlines use are
# ``_COUNTRY_MARKS``
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")


def _unsupported_place(
    name: str,
    mentions: Sequence[Mention],
    texts: Mapping[str, str],
    common: frozenset[str],
) -> bool:
    """A "place" nothing supports: no gazetteer entry (``place_names``), country, state mark
    or celestial body, no word of geography in its name, and fewer than one mention in four
    written where a place is (``_placed``) ("Where: Sperm; Windows 8; Netflix; Concerta;
    Media": a reader's pass over 58 digests)."""
    if _COMPOUND_ADJECTIVE.search(name):
        return True
    places = place_names()
    if (
        fold(name) in places
        or name in _STATE_MARKS
        or name in _COUNTRY_MARKS
        or name in _BODIES
        or any(fold(m.text) in places for m in mentions)
    ):
        return False
    if _GEO_WORD.search(name) and len(name.split()) > 1:
        return False
    if is_country(name) and not _TWO_CAPITALS.fullmatch(name):
        return False  # "Netherlands", "Scotland", "Korea": the gazetteer's list lacks them
    if " - " in name:
        return True  # a dateline run into a name ("Costa Rica - Investigators")
    if _a_things_plural(name, common):
        return True
    # not an owner's: "appears in Pringles' first Super Bowl ad" (a dev-stream place) is in
    # the ad, as ``_written_where_a_place_is`` reads it
    placed = sum(
        _placed(m, text := texts.get(m.article, ""), places) and not _OWNER_AFTER.match(text, m.end)
        for m in mentions
    )
    # one "into Windows 8" among 13 mentions, one "to Mobb Deep" among 59, is no place
    return placed == 0 or placed < MIN_PLACE_CONTEXTS * len(mentions)


def _given_name_before_a_person(
    name: str, mentions: Sequence[Mention], texts: Mapping[str, str], groups: Sequence[_Group]
) -> bool:
    """An "organization" that is a given name ("Mike", "Bill": ``_GIVEN_NAMES``) written each
    time right before a person the story names, a comma at most between: the seeds' Oreanda
    article, "For Sergey Lavrov and Mike, Pompeo is the second meeting", listed "Organizations:
    Mike"."""
    key = fold(name)
    if len(name_tokens(name)) != 1 or key not in _KNOWN_GIVEN_NAMES:
        return False
    starts = {(m.article, m.start) for g in groups if g.type == "PERSON" for m in g.mentions}

    def before_a_person(m: Mention) -> bool:
        text = texts.get(m.article, "")
        gap = re.match(r",?\s{1,2}", text[m.end : m.end + 3])
        return gap is not None and (m.article, m.end + gap.end()) in starts

    return bool(mentions) and all(before_a_person(m) for m in mentions)


def _a_persons_given_name(
    name: str, mentions: Sequence[Mention], texts: Mapping[str, str], groups: Sequence[_Group]
) -> bool:
    """A "place" that is the given name of a person the story names in full and by surname
    alone, never written where a place is ("When she woke up in Largo Central Park, Jordan was
    gone": a Multi-News story of a boy, Jordan Belliveau, also "Belliveau", listed "Where:
    Jordan" first; "France Info", a radio the model took for a person, is never "Info")."""
    if len(name_tokens(name)) != 1:
        return False
    key = fold(name)

    def surname_alone(tokens: list[str]) -> bool:
        """The last word written without the first before it, in any article."""
        pattern = re.compile(rf"\b{re.escape(tokens[-1])}\b")
        return any(
            not t[max(0, m.start() - len(tokens[0]) - 1) : m.start()].startswith(tokens[0])
            for t in texts.values()
            for m in pattern.finditer(t)
        )

    if not any(
        g.type == "PERSON"
        and len(tokens := name_tokens(f)) >= 2
        and fold(tokens[0]) == key
        and surname_alone(tokens)
        for g in groups
        for f in g.forms
    ):
        return False
    places = place_names()
    return not any(_placed(m, texts.get(m.article, ""), places) for m in mentions)


def _placed(m: Mention | RawMention, text: str, places: frozenset[str]) -> bool:
    """Whether a mention stands where a place does: after a preposition of place, owned by a
    known place ("Berlin's Brandenburg Gate"), after one and a comma ("Whitby, North
    Yorkshire"), or before its state or country ("North Brunswick, N.J.")."""
    if _DEMONYM.fullmatch(m.text) and _LOWER_NEXT.match(text, m.end):
        return False  # a people's adjective ("into the Ukrainian naval headquarters")
    before = _PLACE_BEFORE.search(text, max(0, m.start - 40), m.start)
    if before and not _WON_OVER.search(text, max(0, m.start - 40), m.start):
        return True
    owner = _OWNER_BEFORE.search(text, max(0, m.start - 40), m.start)
    if owner and fold(owner["where"]) in places:
        return True
    within = _WITHIN_BEFORE.search(text, max(0, m.start - 40), m.start)
    if within and fold(within["where"]) in places:
        return True
    after = _STATE_AFTER.match(text, m.end)
    return bool(after and (after["where"] in _STATE_MARKS or fold(after["where"]) in places))


def _a_known_place(name: str, mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A name the gazetteer knows, the model read an organization: a country whatever the
    words around it ("regain control of Angola's first satellite": a dev-stream story's
    "Angola (5)" among the organizations), a city where a place is written in a quarter of
    its mentions ("Slidell police", "a shop in Mesquite, Guns & Guitars"). Not a region of
    the world, whose name a company takes ("Amazon"), nor an abbreviation ("NADA"); nor a
    city named once, "at" it: where one studies or works as often ("a Buddhist professor of
    Indo-Tibetan studies at Columbia", a dev-stream story's "Where: Columbia")."""
    places = place_names()
    if fold(name) not in places or name in REGIONS or _ACRONYM.fullmatch(name):
        return False
    if is_country(name):
        return True
    if len(mentions) == 1 and _AT_BEFORE.search(
        texts.get(mentions[0].article, ""), max(0, mentions[0].start - 10), mentions[0].start
    ):
        return False
    placed = sum(_placed(m, texts.get(m.article, ""), places) for m in mentions)
    return placed > 0 and 4 * placed >= len(mentions)


# a town's name: a word of geography ("Idaho Falls") or a settlement's ending ("Evanston")
_TOWN_NAME = re.compile(
    rf"(?:[A-Z][a-z]+ )+(?:{_GEO_WORD.pattern})|[A-Z][a-z]+(?:ton|ville|burg|borough)"
)


# an institution's name and a comma before a name, and its phrase ends after it: the town the
# institution is in ("Heino Falcke, Radboud University, Nijmegen, is hoping ...", "of Radboud
# University, Nijmegen (The Netherlands)": a dev-stream story's organization)
_INSTITUTION_COMMA_BEFORE = re.compile(r"\b(?P<head>[A-Z][a-z]+),\s+$")
_TOWN_PHRASE_END = re.compile(r"\s*[,;(]|\.(?:\s|$)")


def _after_an_institution(m: Mention, texts: Mapping[str, str]) -> bool:
    text = texts.get(m.article, "")
    before = _INSTITUTION_COMMA_BEFORE.search(text, max(0, m.start - 30), m.start)
    return (
        before is not None
        and fold(before["head"]) in NOT_NAME_HEADS
        and _TOWN_PHRASE_END.match(text, m.end) is not None
    )


def _a_town(name: str, mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A name the gazetteer lacks, the model read an organization, written before its state
    ("The Evanston, Ill.-based university") or named like a town and written where a place
    is each time, never "at" it, which could be a school or a firm ("The family is based in
    Idaho Falls", "drove to Chicago from Evanston": Multi-News and dev-stream stories'
    organizations)."""
    places = place_names()
    if any(
        (after := _STATE_AFTER.match(texts.get(m.article, ""), m.end))
        and after["where"] in _STATE_MARKS
        for m in mentions
    ):
        return True
    if any(fold(w) in _INSTITUTION_HEADS for w in name.split()):
        return False  # "Pocono Mountain School District": a school board
    if len(name.split()) == 1 and all(_after_an_institution(m, texts) for m in mentions):
        return True
    return bool(_TOWN_NAME.fullmatch(name)) and all(
        _placed(m, texts.get(m.article, ""), places)
        and not _AT_BEFORE.search(texts.get(m.article, ""), max(0, m.start - 10), m.start)
        for m in mentions
    )


# a tie of one or two readings each is no evidence: "took to Twitter" and "Twitter" (a
# dev-stream story's organization, 3 mentions), "at the Consumer Electronics Show"
MIN_PLACE_VOTES = 3


def _written_where_a_place_is(mentions: Sequence[Mention], texts: Mapping[str, str]) -> int:
    """How many ``mentions`` stand where a place is written, a source not counted: "according
    to Billboard", "Billboard's chart", "head over to Billboard" (a Multi-News story's place)."""
    places = place_names()
    return sum(
        _placed(m, texts[m.article], places)
        and not _OWNER_AFTER.match(texts[m.article], m.end)
        and not _cited(m, texts, _OUTLET_BEFORE, _OUTLET_AFTER, 40)
        for m in mentions
    )


def _read_a_place_as_often(
    g: _Group, mentions: Sequence[Mention], texts: Mapping[str, str]
) -> bool:
    """A name the model read a place as often as an organization, and written where a place is
    half the times: a place ("at Interlagos" and "the Interlagos circuit", the model's place
    five times and organization five: a dev-stream F1 story's organization)."""
    if (
        g.voted_type != "ORG"
        or g.type_votes["PLACE"] != g.type_votes["ORG"]
        or g.type_votes["PLACE"] < MIN_PLACE_VOTES
    ):
        return False  # a tie the votes' order gave the organization, on a few readings
    return 2 * _written_where_a_place_is(mentions, texts) >= len(mentions)


# what follows an occasion's name: "the rowdy Oktoberfest celebration", "that city’s annual
# Oktoberfest beer festival" (a dev-stream organization), "the Oscars ceremony"
_OCCASION_AFTER = re.compile(
    r" (?:[a-z]+ )?(?:festival|festivities|celebrations?|carnival|gala|ceremony|ceremonies)\b"
)
_FESTIVAL_NAME = re.compile(r".*[a-z]fest", re.IGNORECASE)  # "Oktoberfest", "Summerfest"
_PLURAL_WORD = re.compile(r"[A-Z][a-z]+[^s]s")  # one word: "filmed at Twickenham Studios"
_AT_VENUE_BEFORE = re.compile(r"\bat\s+(?:the\s+)?(?:[A-Z][\w.]*\s+)?$")  # "at Maryland "
_AT_THE_BEFORE = re.compile(r"\bat\s+(?:the\s+)?$", re.IGNORECASE)


# a day's or a year's possessive before a name: only an occasion is "Sunday's" or "this
# year's" ("Sunday's Super Bowl was hosted in Minneapolis", "this year's Super Bowl ads": two
# dev-stream stories' first place)
_TIMES_BEFORE = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|tonight|today|yesterday|tomorrow"
    r"|(?:this|last|next)\s+(?:year|week|month|season|weekend))['’]s\s+$",
    re.IGNORECASE,
)


def _a_days_occasion(name: str, mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A "place" the gazetteer does not know, some day's or year's (``_TIMES_BEFORE``): an
    occasion ("Tuesday's Senate vote" is the Senate's, an organization's: not asked)."""
    return fold(name) not in place_names() and any(
        _TIMES_BEFORE.search(texts[m.article], max(0, m.start - 30), m.start) for m in mentions
    )


def _an_occasion(name: str, mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """An occasion's name, no body's or place's: a festival's ("Oktoberfest"), one that half
    its mentions call a celebration or a ceremony, or a plural word written "at (the)" each
    time and "at the" once ("at the Grammys last month", "jokes ... at Grammys": a dev-stream
    place); a place is written "in" it too ("the Bahamas" and "the Philippines" are in the
    gazetteer), and a place ending in "s" is no plural ("arrived at Dulles", "a battle at
    Torfnes": Multi-News places)."""
    if fold(name) in place_names():
        return False
    if _FESTIVAL_NAME.fullmatch(name):
        return True
    called = sum(bool(_OCCASION_AFTER.match(texts.get(m.article, ""), m.end)) for m in mentions)
    if 2 * called >= len(mentions):
        return True
    at = [_AT_THE_BEFORE.search(texts[m.article], max(0, m.start - 10), m.start) for m in mentions]
    return (
        bool(_PLURAL_WORD.fullmatch(name))
        and all(at)
        and any(" the" in found.group().casefold() for found in at if found)
    )


_TOLD_OR_ACCORDING_TO = re.compile(r"\b(?:told|according to)\s+$", re.IGNORECASE)
# "Ri Son-gwon, the head of ...", "Itsunori Onodera, Japan’s defense minister"
_APPOSITION_AFTER = re.compile(r",\s+(?:[a-z]|[A-Z][\w-]*['’]s\s)")


# told an outlet's section or show: "told NBC News MACH in an email"
_TOLD_AN_OUTLETS_BEFORE = re.compile(
    r"\b(?i:told|according to)\s+(?P<outlet>(?:[A-Z][\w.&]*\s+){1,3})$"
)
_NEWSLETTER_AFTER = re.compile(r"\s+newsletters?\b")


def _only_told_or_cited(mentions: Sequence[Mention | RawMention], texts: Mapping[str, str]) -> bool:
    """A name only ever told things or cited ("a source told Sputnik", "According to Tech
    Radar, ...": a dev-stream story's person), never described as a person is ("according
    to Ri Son-gwon, the head of ...", "Itsunori Onodera, Japan’s defense minister"): an
    outlet or a data firm. An outlet's section or show is told with the outlet's name before
    it, and has a newsletter ("told NBC News MACH", "Get the Mach newsletter": a dev-stream
    story's person)."""
    told = False
    for m in mentions:
        text = texts[m.article]
        if _TOLD_OR_ACCORDING_TO.search(text, max(0, m.start - 20), m.start) or (
            (outlet := _TOLD_AN_OUTLETS_BEFORE.search(text, max(0, m.start - 50), m.start))
            and _OUTLET.search(outlet["outlet"].rstrip())
        ):
            if _APPOSITION_AFTER.match(text, m.end):
                return False
            told = True
        elif not _NEWSLETTER_AFTER.match(text, m.end):
            return False
    return told


def _an_outlet_place(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A "place" that most of its mentions cite as a source: an outlet the NER took for a place."""
    cited = sum(_cited(m, texts, _OUTLET_BEFORE, _OUTLET_AFTER, 40) for m in mentions)
    return 2 * cited > len(mentions)


# The last word of an organization's name, never of a person's: the institutions' heads, and
# "First Energy" (a utility's parent company, listed first among a dev story's people), "Jana
# Partners", "Envoy Airlines"; and a newspaper's ("People's Daily" was listed among a dev
# story's people, "Who: ... People's Daily (2)", the China moon-landing story)
_ORG_ONLY_HEADS = _INSTITUTION_HEADS | frozenset(
    """energy holdings airlines airways bank motors systems technologies pharmaceuticals partners
    capital party commission studios records entertainment industries services daily gazette
    tribune chronicle journal herald""".split()
)


def _organization_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and _last_word(words) in _ORG_ONLY_HEADS


def _the_governing_body(name: str, mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A name of two words or more ending in a governing body's word and written "the <name>"
    or a place's "<place>'s <name>" once at least: "The White House announced ...",
    "Michigan’s Supreme Court declared ..." (NeuS stories listed "White House (3)" and
    "Supreme Court (1)" under Who, the speech verb after them read as a person's); "Margaret
    Court" or "Greg House" takes neither."""
    words = name.split()
    return (
        len(words) >= 2
        and _last_word(words) in _GOVERNING_BODIES
        and any(
            _after_the(texts[m.article], m.start)
            or texts[m.article][max(0, m.start - 3) : m.start] in ("’s ", "'s ")
            for m in mentions
        )
    )


def _after_the(text: str, start: int) -> bool:
    """Whether the name at ``start`` is written "the <name>"."""
    return text[max(0, start - 4) : start] in ("the ", "The ")


def _named_with_the(
    mentions: Sequence[Mention], texts: Mapping[str, str], labelled_a_name: bool = False
) -> bool:
    """Written "the <name>" in a third of its mentions, twice at least: a group or a thing,
    not a person ("the Chibok Girls", "the Islamic State", "the Marlins", "the Miami Herald";
    dev stream: 21 such "people" in 69 events, while no person's name took "the" so often:
    "the Elon Musk era" 2 of 91). A full name the model labelled a person's in half its
    mentions (``labelled_a_name``) qualifies the noun after it, which the "the" is for ("the
    Jeffrey Epstein story", "the Jeffrey Epstein sex scandal": a NeuS story listed Epstein
    among the organizations); such a mention is not counted."""
    n = sum(
        (
            _after_the(texts[m.article], m.start)
            and not (labelled_a_name and _QUALIFIED_NOUN_AFTER.match(texts[m.article], m.end))
        )
        # ... or a team whose player or coach is named after it ("Memphis Hustle guard
        # Marquis Teague", "Memphis Hustle head coach Glynn Cyprien": a dev story listed the
        # team under Who, 16 mentions, and gave it a player's words)
        or _TEAM_ROLE_AFTER.match(texts[m.article], m.end) is not None
        for m in mentions
    )
    return n >= 2 and 3 * n >= len(mentions)


_TEAM_ROLE_AFTER = re.compile(
    r" (?:head |assistant )?(?:coach|guard|forward|center|centre|teammates?|players?|pitcher"
    r"|quarterback|striker|goalkeeper|midfielder|defender|winger|shortstop|linebacker)"
    r" [A-Z]"
)


# what a person's name qualifies after "the": "the Jeffrey Epstein story", "the Jeffrey
# Epstein sex scandal", "the Clinton campaign" (not a verb: "the Chibok Girls were freed")
_QUALIFIED_NOUN_AFTER = re.compile(
    r" (?:[a-z]+ )?(?:story|stories|scandal|case|saga|affair|era|probe|investigation|trial"
    r"|accusers?|victims?|coverage|interview|estate|documents|files|tapes?|video|memo|dossier"
    r"|allegations|controversy|years|campaign|administration|presidency|impeachment|family"
    r"|supporters|disclosures|revelations|leaks)\b"
)


# A newspaper named as one beside its name: "the South Korean newspaper Chosun Ilbo", "Israeli
# left-wing newspaper Haaretz", "the Chosun Ilbo newspaper", "Nice-Matin, a local newspaper"
# (dev stream: "Chosun Ilbo" and "Haaretz" listed among a story's people). Not what one was
# told: "..., she told the newspaper Tuesday" is followed by no name, but "told the newspaper
# Smith ..." would be, so a verb of telling before the outlet's noun spares the name. Not a
# broadcaster: a person too ("Chicago broadcaster Harry Caray", dev stream).
# ... or an affiliate ("CNN affiliate Teletica reported": a dev-stream person; no one is one)
_OUTLET_NOUN = r"(?:newspaper|daily|tabloid|news\s+agency|magazine|weekly|affiliate)"
_OUTLET_NOUN_BEFORE = re.compile(rf"\b{_OUTLET_NOUN}\s+$")
_TOLD_THE_OUTLET = re.compile(
    rf"\b(?:told|tells|telling|to|informed)\s+(?:the|a)\s+(?:[\w-]+\s+)?{_OUTLET_NOUN}\s+$"
)
_OUTLET_NOUN_AFTER = re.compile(
    rf"^(?:\s+{_OUTLET_NOUN}\b|,\s+(?:a|the)\s+(?:[\w-]+\s+){{0,2}}{_OUTLET_NOUN}\b)"
)


# A name the story calls an armed group, or whose fighters it counts ("the militant group Boko
# Haram", "Boko Haram militants": the model typed it a person 61 times in 75, and a dev-stream
# Who list led with "Boko Haram (71)")
_GROUP_BEFORE = re.compile(
    r"\b(?:militant|extremist|terrorist|jihadist|insurgent|Islamist|rebel|armed|separatist"
    r"|paramilitary)\s+(?:group|movement|organi[sz]ation|faction)\s+$",
    re.IGNORECASE,
)
# not "Haftar's fighters" or "pro-Haftar fighters": a leader's men (Khalifa Haftar, Moqtada
# al-Sadr had been typed organizations)
_GROUP_AFTER = re.compile(
    r"\s+(?:militants|fighters|insurgents|jihadists|gunmen|rebels|extremists"
    # "self-described Ku Klux Klan members" (Multi-News 35 listed the Klan under Who)
    r"|members"
    # "Israel’s Shin Bet security agency" (a dev-stream story's person)
    r"|(?:security|intelligence|spy)\s+(?:agency|service))\b"
)


# what one is a member of, the whole name of it ending the phrase: "Haaland, an enrolled
# member of the Laguna Pueblo, earned ..." (NeuS train 2210 listed "Laguna Pueblo" under Who),
# "Massa's F1 career began in 2002 as a member of Sauber." (a dev-stream person); not "a
# member of the Trump administration", whose name goes on
_MEMBER_OF = re.compile(r"\bmembers?\s+of\s+(?:the\s+)?$")
_PHRASE_END = re.compile(r"[,.;:)]")


def _called_a_group(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Some mention is called an armed group, or its fighters are counted, beside it, or
    it is what someone is a member of."""
    for m in mentions:
        text = texts[m.article]
        if _GROUP_BEFORE.search(text, max(0, m.start - 40), m.start) or (
            _GROUP_AFTER.match(text, m.end) and text[m.start - 1 : m.start] != "-"
        ):
            return True
        if _MEMBER_OF.search(text, max(0, m.start - 20), m.start) and _PHRASE_END.match(
            text, m.end
        ):
            return True
    return False


# What a story calls a named thing, no one's name, right before the name: "an annual command
# and control exercise called Key Resolve (KR17)", "exercises like Key Resolve" (Multi-News
# validation 104 listed the exercise under Who, 5 mentions); not a person ("a man named ...",
# "leaders like ...")
_THING_CALLED_BEFORE = re.compile(
    r"\b(?:exercises?|drills?|maneuvers?|manoeuvres?|operations?|programs?|programmes?"
    r"|campaigns?|projects?|initiatives?|missions?|games?|apps?|shows?|series|films?|movies?"
    r"|books?|albums?|songs?|podcasts?|festivals?|competitions?|contests?|tournaments?"
    r"|systems?|devices?|products?|ships?|vessels?|rockets?|satellites?|storms?"
    r"|names)"  # "brothels with names like Golden Blossom" (a dev-stream story's Who)
    r"\s+(?:(?:was|were|is|are)\s+)?(?:called|named|dubbed|code-?named|known\s+as|like"
    r"|such\s+as)\s+$",
    re.IGNORECASE,
)


# ... or a service's noun right before its name: "the global flight-tracking service
# Flightradar" (the dev stream's wrong-plane story listed "Flightradar (2)" under Who)
# (in lower case: "Secret Service" or "Postal Service" before a name is an institution's)
_SERVICE_BEFORE = re.compile(
    r"\b(?:service|app|application|website|site|platform|software|browser)\s+$"
)


# ... or a work's noun ("her hit song Bodak Yellow", "her second single Bartier Cardi": the dev
# stream's Cardi B story listed "Bartier Cardi (8)" first under Who); not nouns that are verbs
# too ("to show Trump", "hit John Smith", "film", "book", "play")
_WORK_BEFORE = re.compile(
    r"\b(?:single|songs?|albums?|tracks?|mixtapes?|movies?|novels?|documentar(?:y|ies)"
    r"|sitcoms?|musicals?|podcasts?),?\s+$"
)


def _called_a_thing(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Some mention is called an exercise, an operation, a show, a service ... right before
    it."""
    return any(
        _THING_CALLED_BEFORE.search(texts[m.article], max(0, m.start - 60), m.start)
        or _SERVICE_BEFORE.search(texts[m.article], max(0, m.start - 20), m.start)
        or _WORK_BEFORE.search(texts[m.article], max(0, m.start - 20), m.start)
        for m in mentions
    )


# "official" as an owner's adjective right before a name: "North Korea's official Rodong
# Sinmun said" (a dev-stream story's person, the party's newspaper), "the official KCNA"; a
# title has its noun after it ("State Department official John Kirby")
_OFFICIAL_BEFORE = re.compile(
    r"(?:\b(?:the|its|their|our)|\w['’]s)\s+(?:official|presidential)\s+$", re.IGNORECASE
)


def _called_official(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Some mention is some country's or body's "official" one: a newspaper, an agency or
    an institution, no one's name."""
    return any(
        _OFFICIAL_BEFORE.search(texts[m.article], max(0, m.start - 40), m.start) for m in mentions
    )


def _called_an_outlet(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Some mention is called a newspaper, a news agency or a magazine beside it: an outlet,
    whatever the model's label and however it "said" or "reported"."""
    for m in mentions:
        text = texts[m.article]
        before = text[max(0, m.start - 40) : m.start]
        if _OUTLET_NOUN_BEFORE.search(before) and not _TOLD_THE_OUTLET.search(before):
            return True
        if _OUTLET_NOUN_AFTER.match(text[m.end : m.end + 40]):
            return True
    return False


# an owner's "'s" after a name: "at Carl's Jr.", "in Legionnaires' disease" are no places
_OWNER_AFTER = re.compile(r"['’](?:s\b|(?!\w))")
# a determiner or a count before a word: a thing's name or a noun's modifier ("the
# Oscar-winning romance", "13 Oscar nominations", "his Williams car"), not a person's
_DETERMINED = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|our|my|your|every|\d{1,3})|['’]s)\s+$",
    re.IGNORECASE,
)
# ... or a number after it: a label ("Fig. 2", "Fig 3b": a Multi-News science story listed
# "Fig (11)" among its people)
_NUMBERED = re.compile(r"\.?[ \t]?\d+[a-z]?\b(?!\s*[-–]\s*\d)")  # not a score: "Nadal 6-4"


# A name standing alone between quotation marks is a work's title: 'David Bowie's "Space
# Oddity."', '“Gossip Girl”' (dev stream and Multi-News digests listed such songs and shows
# among their people); a person's name is not quoted so. A name called out ('"Monica?"',
# '"Monica!"': Multi-News, an intern misnamed) is no title
_OPENING_MARKS = "\"“‘'"
_TITLE_CLOSE = re.compile(r"[.,]?[\"”’']")


def _quoted_as_a_title(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A third of the mentions at least, twice at least, are each the whole of a quotation."""
    n = 0
    for m in mentions:
        text = texts[m.article]
        if m.start > 0 and text[m.start - 1] in _OPENING_MARKS and _TITLE_CLOSE.match(text, m.end):
            n += 1
    return n >= 2 and 3 * n >= len(mentions)


# A name the story calls a village or a town ("the West Bank village of Nabi Saleh", "She is
# from Nebi Saleh is a village of about 600 people": a dev-stream digest listed both spellings
# among its people): a place, whatever the model's label, when no title, age or speech verb
# makes it someone
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:city|town|village|hamlet|township|municipality|suburb|district|province|county"
    r"|neighbou?rhood)\s+of\s+$",
    re.IGNORECASE,
)
_SETTLEMENT_AFTER = re.compile(
    r"\s*,?\s+(?:is|was)\s+an?\s+(?:(?:small|tiny|little|remote|rural|Palestinian|West Bank)\s+)?"
    r"(?:city|town|village|hamlet|township|suburb)\b"
)


def _called_a_settlement(
    mentions: Sequence[Mention], texts: Mapping[str, str], share: int = 2
) -> bool:
    """A ``share``-th of the mentions at least (half unless told) are written as a village's
    or a town's name."""
    called = sum(
        bool(
            _SETTLEMENT_BEFORE.search(texts.get(m.article, ""), max(0, m.start - 30), m.start)
            or _SETTLEMENT_AFTER.match(texts.get(m.article, ""), m.end)
        )
        for m in mentions
    )
    return called > 0 and share * called >= len(mentions)


def _a_group_member(g: _Group) -> bool:
    """Read as a person's name each time and referred back to by its last word, as news
    refers to a person: whoever stands beside the armed group's words ("Spokesman for the
    terrorist group Abu Mohammed al-Adnani", then "Al-Adnani urged": a dev-stream story's
    organization) is its member, not the group."""
    return g.type_votes["PERSON"] == len(g.mentions) and g._referred_to_by_surname()


def _person_or_else(
    g: _Group, name: str, mentions: Sequence[Mention], texts: Mapping[str, str]
) -> str | None:
    """The type of a name the mentions' votes make a person (None: no entity). Written "the
    <name>" often, it is a group (``_named_with_the``), and called a newspaper beside its name
    an outlet (``_called_an_outlet``), unless a title shows a person: "the
    Trump administration" beside "President Donald Trump" (a Multi-News story listed Donald
    Trump among the organizations). Else a title, kin word, age, speech verb
    (``RawMention.person_cue``) or a full name shows a person; one word the story never shows
    so is typed by how the story writes it: a place when written where a place is
    (``_placed``: "in the town of Dingwall") half the times, twice at least; none when
    written as a thing's name ("the Oscar-winning romance", "13 Oscar nominations", "Fig. 2")
    a third of the times."""
    if (
        _organization_name(name)
        or _the_governing_body(name, mentions, texts)
        or (
            not g.title_cues
            and (
                # the model never read it a person's, and the story writes "the" before it
                # each time: what "said" is a body ("The Croydon Health Services NHS Trust
                # said": a dev-stream story's person)
                (
                    not g.type_votes["PERSON"]
                    and all(_after_the(texts[m.article], m.start) for m in mentions)
                )
                or _named_with_the(
                    mentions,
                    texts,
                    len(name_tokens(name)) > 1
                    and 2 * g.type_votes["PERSON"] >= sum(g.type_votes.values()),
                )
                or _called_an_outlet(mentions, texts)
                or _called_official(mentions, texts)
                or (_called_a_group(mentions, texts) and not _a_group_member(g))
            )
        )
    ):
        return "ORG"
    if not g.title_cues and _quoted_as_a_title(mentions, texts):
        return None
    if not g.title_cues and not g.person_cues and _called_a_thing(mentions, texts):
        return None
    if not g.person_cues and _called_a_settlement(mentions, texts):
        return "PLACE"
    if g.person_cues or any(len(name_tokens(f)) > 1 for f in (name, *g.forms)):
        return "PERSON"
    placed = _written_where_a_place_is(mentions, texts)
    # ... or once, where the model itself read it a place as often as a person: "Erie" of
    # "Snow continues to fall in Erie, Pennsylvania" (a dev-stream story's "Who: Erie (2)",
    # the model's place twice and person once); not owned by a place ("Italy’s Meridiana",
    # an airline)
    if (
        placed
        and g.type_votes["PLACE"] >= g.type_votes["PERSON"]
        and not g.title_cues
        and not any(
            _OWNER_BEFORE.search(texts[m.article], max(0, m.start - 40), m.start) for m in mentions
        )
    ):
        return "PLACE"
    if placed >= 2 and 2 * placed >= len(mentions):
        return "PLACE"
    determined = sum(
        bool(_DETERMINED.search(texts[m.article], max(0, m.start - 12), m.start))
        or bool(_NUMBERED.match(texts[m.article], m.end))
        for m in mentions
    )
    return None if determined and 3 * determined >= len(mentions) else "PERSON"


# what follows a president's surname and no organization's name: "the Trump administration",
# "Trump impeachment", "former Trump campaign chairman Paul Manafort" (NeuS stories listed
# Trump among the organizations)
_ADMINISTRATION_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:administration|presidency|impeachment|campaign)\b"
)
# ... but bodies have them too: "the Senate impeachment trial", "the House impeachment
# inquiry" (38 and 36 times in the local sets), "the Vatican administration"; nor is an
# acronym a surname ("the GOP impeachment push")
_GOVERNING_BODIES = frozenset(
    """senate house congress parliament assembly legislature court cabinet council government
    kremlin vatican pentagon""".split()
)


_ONE_WORD_BODIES = _GOVERNING_BODIES | {"treasury", "capitol"}


def _a_person_qualifying_nouns(g: _Group, texts: Mapping[str, str]) -> bool:
    """A full name the model read as a person's, and otherwise only where "the <name>"
    qualifies the noun after it ("the Edward Snowden disclosures", read as an organization: a
    dev-stream story listed Snowden among the organizations): the other label says nothing of
    the name, no company's, body's or place's word ends it."""
    return (
        g.type == "ORG"
        and 0 < g.type_votes["PERSON"] < len(g.mentions)
        and not g.company_cues
        and all(len(name_tokens(f)) >= 2 and _could_be_a_name(f) for f in g.forms)
        and not any(_institution(f) for f in g.forms)
        and all(
            m.label == "PERSON"
            or (
                _after_the(texts[m.article], m.start)
                and _QUALIFIED_NOUN_AFTER.match(texts[m.article], m.end) is not None
            )
            for m in g.mentions
        )
    )


# people of a kind before names of theirs: "Stars like Ariana Grande have also been
# outspoken about her stance" (a dev-stream story's organization)
_PEOPLE_LIKE_BEFORE = re.compile(
    r"\b(?:stars|celebrities|singers|actors|actresses|rappers|musicians|comedians|athletes"
    r"|politicians|lawmakers)\s+(?:like|such\s+as|including)\s+$",
    re.IGNORECASE,
)
_FULL_NAME = r"[A-Z][\w'’-]+ [A-Z][\w'’-]+"
_AND_A_NAME_AFTER = re.compile(rf" and (?P<name>{_FULL_NAME})")
_A_NAME_AND_BEFORE = re.compile(rf"(?<![\w'’-])(?P<name>{_FULL_NAME}) and $")
# what a couple does, in the sentence after the two names ("... announced they were
# separating"): no body marries, dates or splits with a person
_A_COUPLES_WORDS = re.compile(
    r"[^.!?\n]{0,60}?\b(?:split|separat\w*|divorc\w*|married|marriage|wed|engaged|dating"
    r"|broke\s+up|couple)\b"
)
MAX_PAIRED_MENTIONS = 2  # a name read as a body's this often at most, paired with a person


def _named_among_people(
    mentions: Sequence[Mention], texts: Mapping[str, str], people: frozenset[str]
) -> bool:
    """A name named twice at most, in full after a kind of people ("Stars like Ariana
    Grande"; not "celebrities including Cubs mega-fans"), or paired by "and" with a
    person's full name as a couple ("Fergie and Josh Duhamel
    announced they were separating": dev-stream stories listed both among the
    organizations); not a body written "the <name>", nor one paired so otherwise ("Kim
    Kardashian and Sony Music signed")."""
    if len(mentions) > MAX_PAIRED_MENTIONS:
        return False
    for m in mentions:
        text = texts.get(m.article, "")
        if " " in m.text and _PEOPLE_LIKE_BEFORE.search(text, max(0, m.start - 40), m.start):
            return True
    for m in mentions:
        text = texts.get(m.article, "")
        if _after_the(text, m.start):
            continue
        after = _AND_A_NAME_AFTER.match(text, m.end)
        before = _A_NAME_AND_BEFORE.search(text, max(0, m.start - 60), m.start)
        if after and after["name"] in people and _A_COUPLES_WORDS.match(text, after.end()):
            return True
        if before and before["name"] in people and _A_COUPLES_WORDS.match(text, m.end):
            return True
    return False


def _heads_an_administration(
    name: str, mentions: Sequence[Mention], texts: Mapping[str, str], org_openers: frozenset[str]
) -> bool:
    """One word the story writes only before "administration", "presidency", "impeachment"
    or "campaign" (``_ADMINISTRATION_AFTER``): a president or a candidate, whatever the
    model's label. Not a body's name, nor the first
    word of an organization's name in the story (``org_openers``, folded): "the Harvard
    administration" beside "Harvard University"."""
    return (
        len(name_tokens(name)) == 1
        and fold(name) not in _GOVERNING_BODIES
        and fold(name) not in org_openers
        and not _ACRONYM.fullmatch(name)
        and all(_ADMINISTRATION_AFTER.match(texts[m.article], m.end) for m in mentions)
    )


# a minister's title after the name of their portfolio: "Energy Secretary Rick Perry" (NeuS
# train 2104 listed "Energy (1)" among the organizations), "Education Minister Naftali Bennett"
_MINISTERS_TITLE_AFTER = re.compile(r"\s+(?:Secretary|Minister|Commissioner|Undersecretary)\b")


# a capitalized word and "of the" before a name: "Man of the [Woods]" (an album's title, a
# dev-stream story's first organization, 8 mentions); not a title's ("Speaker of the House")
_OF_THE_BEFORE = re.compile(r"\b(?P<word>[A-Z][a-z]+) of the $")
_OFFICE_WORDS = frozenset("speaker member clerk".split())


def _end_of_an_of_the_title(name: str, g: _Group, texts: Mapping[str, str]) -> bool:
    """One word the model found each time after a capitalized word and "of the": the end of
    a work's or a thing's name it cut, not a body (``_ONE_WORD_BODIES``) after an office's
    title ("Secretary of the Treasury")."""
    if len(name_tokens(name)) != 1 or fold(name) in _ONE_WORD_BODIES:
        return False
    for m in g.mentions:
        before = _OF_THE_BEFORE.search(texts[m.article], max(0, m.start - 30), m.start)
        if before is None or fold(before["word"]) in TITLE_ONLY | _OFFICE_WORDS:
            return False
    return True


def _a_ministers_portfolio(
    name: str, mentions: Sequence[Mention], texts: Mapping[str, str]
) -> bool:
    """An "organization" written only before a minister's title: the office's words the model
    cut from the title, no body's name. Not an acronym ("NATO Secretary General"), a body
    ("Treasury Secretary": the Treasury is one) or an institution ("Finance Ministry")."""
    return (
        not _ACRONYM.fullmatch(name)
        and fold(name) not in _ONE_WORD_BODIES
        and not _institution(name)
        and all(_MINISTERS_TITLE_AFTER.match(texts[m.article], m.end) for m in mentions)
    )


# who follow a name ("Trump supporters stormed ...": the model's organization "Trump")
# ... or one of them, or a thing they touch ("the Trump ally", "as Trump-connected company
# gets the boot": NeuS train 1614 and 2254 listed "Trump" among the organizations)
_FOLLOWERS_AFTER = re.compile(
    r"\s+(?:supporters?|loyalists?|allies|ally|fans|voters|critics?|donors?|appointees?)\b"
    r"|-(?:connected|aligned|appointed|endorsed)\b"  # not "-linked": "Taliban-linked militants"
)


def _only_a_following(name: str, mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A one-word "organization" written only before its followers ("a raging pair of Trump
    supporters", "Trump loyalists": three of 60 NeuS train stories listed "Trump" among the
    organizations): a person's or a party's name as a modifier, no body of the story's."""
    return (
        len(name_tokens(name)) == 1
        and not _ACRONYM.fullmatch(name)
        and all(_FOLLOWERS_AFTER.match(texts[m.article], m.end) for m in mentions)
    )


# A brand's one word in camel case ("SpaceX", "YouTube", "PayPal", "WhatsApp": the model read
# SpaceX as a person 43 times of 45 in a dev-stream story, which listed "SpaceX (35)" first
# among its people): a capital inside the word after three lower-case letters or more. Not a
# surname's or given name's prefix ("McConnell", "DeAndre", "LeBron": two letters; "MacLaine",
# "VanDyke", "JonBenet")
_BRAND_WORD = re.compile(r"[A-Z](?P<head>[a-z]{2,})[A-Z][\w]*")
_NAME_PREFIXES = frozenset("mac van von del della des dos fitz jon jean mary ann anna".split())


# words of software and the web, which no place's name has ("App Store", "Google Play")
_SOFTWARE_WORDS = frozenset("app apps ios android online web digital software cloud".split())


def _software_words(name: str) -> bool:
    return any(w.casefold() in _SOFTWARE_WORDS for w in name_tokens(name))


def _a_makers_product(g: _Group, common: frozenset[str]) -> bool:
    """A name of two words or more whose first word alone, a form of the same group, the
    model read as an organization each time, and whose last word the story writes in lower
    case: the maker and its product ("Google Glass", the model's person four times, beside
    "the company is Intel, not Google" and "glasses": a dev-stream story's first person). Not
    a given name the model misread ("Amanda was a sweetheart" beside "Amanda Geissler")."""
    full = [
        t
        for f in g.forms
        if len(t := name_tokens(f)) >= 2
        and any(t[-1].casefold() + end in common for end in ("", "s", "es"))  # "glasses"
    ]
    makers = {t[0] for t in full}
    alone = [m for m in g.mentions if m.text in makers]
    return bool(full) and bool(alone) and all(m.label == "ORG" for m in alone)


# an advertiser's, its name whole or cut by the model: "[Michelob] Ultra's ad where the sexy
# star suggests ..."
_AD_AFTER = re.compile(
    r"(?:\s+[A-Z][\w-]*)*['’]s?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:ads?|adverts?|advertisements?|commercials?|slogans?|logos?)\b"
)


def _a_brands_line(g: _Group, texts: Mapping[str, str]) -> bool:
    """A name of two words or more whose first word, no given name, the group also holds
    alone and the model read alone as an organization or a place each time, whose last word
    is never written alone, and which owns an ad: a brand and its line ("Chris Pratt for
    Michelob Ultra", "in Michelob Ultra's ad", and "Michelob" a place there: a dev-stream
    story's person; not "With Kind Regards, Jenni" beside "Jenni Lowe-Anker")."""
    full = [t for f in g.forms if len(t := name_tokens(f)) >= 2]
    lasts = {t[-1] for t in full}
    if any(len(t := name_tokens(f)) == 1 and t[0] in lasts for f in g.forms):
        return False  # referred back to by its last word, as a person is ("Geissler")
    makers = {t[0] for t in full if t[0].casefold() not in _KNOWN_GIVEN_NAMES}
    alone = [m for m in g.mentions if m.text in makers]
    return (
        bool(alone)
        and all(m.label != "PERSON" for m in alone)
        and any(_AD_AFTER.match(texts.get(m.article, ""), m.end) for m in g.mentions)
    )


def _brand_word(form: str) -> bool:
    m = _BRAND_WORD.fullmatch(form)
    return m is not None and (form[0] + m["head"]).casefold() not in _NAME_PREFIXES


def _brand_name(forms: Iterable[str]) -> bool:
    """Every form a brand's word (``_brand_word``), or that word in other capitals: "WikiLeaks"
    beside "Wikileaks" (a dev-stream story listed it among its people)."""
    forms = list(forms)
    brands = {fold(f) for f in forms if _brand_word(f)}
    return bool(brands) and all(fold(f) in brands for f in forms)


# a name and its abbreviation, or an abbreviation and its words, in brackets after it: "Zero
# Shutter Lag (ZSL)", "RAISR (Rapid and Accurate Image Super-Resolution)" (a dev-stream
# story's people); no one is introduced so
_BRACKETED = re.compile(r"\s*\((?P<inside>[^()]{2,80})\)")
_INITIALS_WORD = re.compile(r"[A-Za-z][\w'’]*")
_SMALL_WORDS = frozenset("and of the for in on to a an".split())


def _initials(words: str) -> str:
    return "".join(
        w[0].upper()
        for part in _INITIALS_WORD.findall(words)
        for w in part.split("-")
        if w and w.casefold() not in _SMALL_WORDS
    )


def _spelt_out_or_short(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A mention followed by its abbreviation in brackets, or an abbreviation by its words."""
    for m in mentions:
        inside = _BRACKETED.match(texts.get(m.article, ""), m.end)
        if inside is None:
            continue
        short, words = (
            (m.text, inside["inside"]) if m.text.isupper() else (inside["inside"], m.text)
        )
        if short.isalpha() and short.isupper() and len(short) >= 2 and _initials(words) == short:
            return True
    return False


# a word and a letter or number after its hyphen: a designation ("Max-Q", "Falcon-9"), no
# one's name unless a title or verb says so
_DESIGNATION = re.compile(r"[A-Z][a-z]+-(?:[A-Z]|\d+)")


# A case's or a match's name ("Brulotte v. Thys", "Kimble v. Marvel", "Auckland v. Oakland"):
# a Multi-News digest listed the first among its people, the second among its organizations,
# and a dev-stream one the last among its places. No person's, body's or place's name holds a
# lone lower-case "v" or "vs" between words.
_VERSUS = re.compile(r"\s(?:v|vs|versus)\.?\s")


# A storm's name ("Where: Hurricane Florence", NeuS train 2278; "Typhoon Mangkhut" and
# "Hurricane Laura" among the people), not a place or a club named after one ("Hurricane Club")
_STORM = re.compile(
    r"(?:Hurricane|Typhoon|Cyclone|(?:Tropical|Winter|Subtropical) Storm|Storm) "
    r"(?!(?:Club|Center|Centre|Bar|Restaurant|Team|Records)\b)[A-Z][a-z]+"
)
_STORM_BEFORE = re.compile(r"\b(?:Hurricane|Typhoon|Cyclone|Storm) $")
# ... and a doctrine or a faith ("Where: Marxism", NeuS train 2281; "Judaism" and "Terrorism"
# among the organizations): one word in "-ism"
_DOCTRINE = re.compile(r"[A-Z][a-z]{2,}ism")


# A name run into the platform it was posted on ("Tavon Kaiseen Alleyne on Instagram": a
# dev-stream digest listed it among the organizations, beside the person): no name of its own
_ON_A_PLATFORM = re.compile(r"\S.*\s(?:on|via)\s+(?P<platform>[A-Z][A-Za-z]+)")


def _posted_on_a_platform(name: str) -> bool:
    m = _ON_A_PLATFORM.fullmatch(name)
    return m is not None and m["platform"].casefold() in PLATFORMS


# A day named with a possessive: "April Fools' Day", "Valentine's Day", "Presidents’ Day"
# (Multi-News validation 88 listed "April Fools' Day (17)" first under Who, and "April Fools
# (8)", the model's name cut before the mark); "Doris Day" has none
_DAYS_NAME = re.compile(r".*\S(?:['’]s|s['’])\s+Day")
_DAY_AFTER = re.compile(r"(?:['’]s|(?<=s)['’])\s+Day\b")


def _a_days_name(g: _Group, articles: Sequence[Article]) -> bool:
    """Each form is a day's name, or written before "'s Day" somewhere in the story."""
    return all(
        _DAYS_NAME.fullmatch(f) or any(_before_days(f, a.text) for a in articles) for f in g.forms
    )


def _before_days(form: str, text: str) -> bool:
    """Whether ``text`` writes ``form`` right before "'s Day": what
    ``re.search(re.escape(form) + _DAY_AFTER.pattern, text)`` finds, without a pattern
    compiled per name (one for each name of each refreshed story had outrun ``re``'s cache)."""
    k = text.find(form)
    while k >= 0:
        if _DAY_AFTER.match(text, k + len(form)):
            return True
        k = text.find(form, k + 1)
    return False


# A letter's closing line, the model's "person" inside: "With Gratitude and Determination,"
# and "With Gratitude and Profound Sadness," (Multi-News validation 122 listed "Gratitude (2)"
# under Who, "Determination" among the organizations)
_CLOSING_LINE = re.compile(r"\s*With +[A-Z][\w'’]*(?: +(?:and +)?[A-Z][\w'’]*){0,3},?\s*")


def _in_closing_lines(mentions: Sequence[RawMention], texts: Mapping[str, str]) -> bool:
    """Every mention is in a line that is a letter's closing (``_CLOSING_LINE``)."""
    for m in mentions:
        text = texts[m.article]
        start = text.rfind("\n", 0, m.start) + 1
        end = text.find("\n", m.end)
        if not _CLOSING_LINE.fullmatch(text, start, len(text) if end < 0 else end):
            return False
    return bool(mentions)


# a word in capitals before a name, within a sentence, neither an acronym nor an owner ("BBC's
# Jonathan Head", "CEO Larry Page") nor a sentence's first word ("For Larry Page and ...")
_CAPITALIZED_WORD_BEFORE = re.compile(r"(?<=[\w,;] )(?P<word>[A-Z][a-z]+) $")


def _end_of_a_longer_name(g: _Group, texts: Mapping[str, str], common: frozenset[str]) -> bool:
    """Names of two words or more, each written right after another word in capitals, whose
    last word the story also writes in lower case: the end of a thing's name the model cut
    ("James Version" of "King James Version": Multi-News validation 106 listed it under Who,
    where "version" is in the text), not a person's. Read only without a title or speech
    verb anywhere."""
    return all(
        len(name_tokens(f)) >= 2 and name_tokens(f)[-1].casefold() in common for f in g.forms
    ) and all(
        (before := _CAPITALIZED_WORD_BEFORE.search(texts[m.article], max(0, m.start - 40), m.start))
        and before["word"].casefold() not in ENGLISH_STOP_WORDS
        for m in g.mentions
    )


def _an_institutions_name_cut(
    g: _Group, texts: Mapping[str, str], institutions: frozenset[tuple[str, ...]]
) -> bool:
    """A name the model cut from the front of an institution's name the story writes, each
    time before the rest of it in lower case ("NASA's Chandra X-ray observatory" beside the
    "Chandra X-ray Observatory": a dev-stream story's person "Chandra X-ray")."""

    def cut(m: RawMention) -> bool:
        words = tuple(name_tokens(m.text))
        text = texts[m.article]
        for form in institutions:
            if len(form) > len(words) and form[: len(words)] == words:
                rest = " " + " ".join(form[len(words) :])
                end = m.end + len(rest)
                if text[m.end : end].casefold() == rest.casefold() and not word_char_at(text, end):
                    return True
        return False

    return bool(g.mentions) and all(cut(m) for m in g.mentions)


def _inside_an_organizations_name(
    g: _Group, texts: Mapping[str, str], org_forms: frozenset[tuple[str, ...]]
) -> bool:
    """One word written each time after the words it follows in an organization's name of the
    story, or before the words after it when it opens the name: that name shortened ("the same All Nippon flight" beside "All Nippon Airways":
    the dev stream's wrong-plane story listed "Nippon (2)" under Who) or cut ("his other
    Formula One drivers": its F1 story's place "Formula"), no one's name."""
    words = {tuple(name_tokens(f)) for f in g.forms}
    if len(words) != 1 or len(word := next(iter(words))) != 1:
        return False
    around = [
        (" ".join(form[:k]), " ".join(form[k + 1 :]))
        for form in org_forms
        for k in range(len(form))
        if form[k] == word[0]
    ]

    def inside(m: RawMention) -> bool:
        text = texts[m.article]
        return any(
            (text.endswith(before, 0, m.start - 1) and text[m.start - 1] in " -")
            if before
            else (
                text[m.end : m.end + 1] in (" ", "-")
                and text.startswith(after, m.end + 1)
                and not word_char_at(text, m.end + 1 + len(after))
            )
            for before, after in around
        )

    return bool(around) and all(inside(m) for m in g.mentions)


# "a retired Green Beret" ("a blond Rose McGowan", "a gif of Wendy Williams" are someone)
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[a-z]+ed\s+)?$")
# a noun after it makes the name a modifier ("a Hillary Clinton supporter", "mask")
_NOUN_AFTER = re.compile(r"[\s-]+(?!(?:to|and|or|who|in|at|on|for|of|from|with|was|is)\b)[a-z]")


def _a_kind_of_person(g: _Group, texts: Mapping[str, str]) -> bool:
    """A name of two words or more that half its mentions write after "a" or "an", and no noun
    after it: a kind of person, no one ("sentenced a retired Green Beret to lock-up": a
    Multi-News story's person; "a Hillary Clinton supporter" is hers)."""
    return all(len(name_tokens(f)) >= 2 for f in g.forms) and 2 * sum(
        bool(_INDEFINITE_BEFORE.search(texts[m.article], max(0, m.start - 30), m.start))
        and not _NOUN_AFTER.match(texts[m.article], m.end)
        for m in g.mentions
    ) >= len(g.mentions)


def _written_in_lower_case(g: _Group, articles: Sequence[Article]) -> bool:
    """Every name of two words or more that the story also writes in lower case, word for
    word: a title or a thing ("the in flight movie playing was Gran Torino" beside a tweet's
    "watching gran torino": the dev stream's wrong-plane story listed it under Who); prose
    writes a person's name in capitals (a handle or an address is glued: "@chrissyteigen"), and
    a name it writes in capitals more than twice as often is a person's a tweet wrote carelessly
    ("a video of cardi b nude" beside five "Cardi B": a dev-stream story's organization)."""
    if not all(len(name_tokens(f)) >= 2 for f in g.forms):
        return False
    lower = [_lower_case_count(f.lower(), articles) for f in g.forms]
    return all(lower) and 2 * sum(lower) >= len(g.mentions)


# a word the story uses this often in lower case is its subject's, no surname: "tram" (115
# times in the Croydon crash story), not "knight" once beside "casting, ..., Sari Knight" (a
# Multi-News credit, whose given name is a city's)
MIN_WORD_USES = 3


def _a_common_nouns_place(g: _Group, texts: Mapping[str, str], common: frozenset[str]) -> bool:
    """Names of three words or more whose last word the story also writes in lower case,
    each mention where a place is written ("The uncrewed Orion will travel into Distant
    Retrograde Orbit", beside six "orbit"s: a dev-stream story's person): a thing's or a
    place's name, which a head noun ends; a person's surname is no word of the story."""
    places = place_names()
    return all(
        len(t := name_tokens(f)) >= 3
        and t[-1].casefold() in common
        and not _written_as_a_persons_name(t)
        for f in g.forms
    ) and all(_placed(m, texts[m.article], places) for m in g.mentions)


def _written_as_a_persons_name(tokens: Sequence[str]) -> bool:
    """A name particle, an initial or a known given name in it: a person's, whose surname may
    be a word of the story too ("made its way to Osama bin Laden" beside "the truck was laden
    with weapons": dev stream event 68 lost bin Laden; "George W. Bush", "Bill Gates")."""
    return (
        any(t.casefold() in NAME_PARTICLES for t in tokens)
        or any(len(t.rstrip(".")) == 1 and t[:1].isupper() for t in tokens[:-1])
        or tokens[0].casefold() in _KNOWN_GIVEN_NAMES
    )


def _a_places_thing(g: _Group, texts: Mapping[str, str], common: frozenset[str]) -> bool:
    """A "full name" of a known place and a word the story writes in lower case: a thing
    named after the place ("Croydon Tram derailment", a gallery's caption, beside 115 "tram"s:
    a dev-stream story's person), no one; a person so named would be the place's namesake
    and the word's ("Paris Hilton" beside no "hilton"). Written where a place is, it is one
    ("a flight to Victoria Land", "South Korea's Yeosu Port")."""
    full = [t for f in g.forms if len(t := name_tokens(f)) >= 2]
    places = place_names()
    if not full or not all(fold(t[0]) in places and t[-1].casefold() in common for t in full):
        return False
    if any(_placed(m, texts[m.article], places) for m in g.mentions):
        return False
    story = "\n".join(texts.values())

    def a_word(word: str) -> bool:
        lower = word.casefold()
        return (
            lower in common
            and not word.isupper()
            and len(re.findall(rf"\b{re.escape(lower)}s?\b", story)) >= MIN_WORD_USES
        )

    return all(fold(t[0]) in places and a_word(t[-1]) for t in full)


def _a_places_feature(g: _Group, texts: Mapping[str, str], common: frozenset[str]) -> bool:
    """A "full name" of a known place and a word the story writes in lower case, written where
    a place is each time: a feature of that place ("a flight to Victoria Land", "South Korea's
    Yeosu Port": dev-stream people), as ``_a_places_thing`` is a thing named after it."""
    full = [t for f in g.forms if len(t := name_tokens(f)) >= 2]
    places = place_names()
    return (
        bool(full)
        and all(
            fold(t[0]) in places and t[-1].casefold() in common and not t[-1].isupper()
            for t in full
        )
        and all(_placed(m, texts[m.article], places) for m in g.mentions)
    )


# a quotation's words, every one capitalized or a number: a listing's or a headline's title
_QUOTED_TITLE = re.compile(r"[“\"](?P<title>[^“”\"\n]{10,200})(?:[”\"]|(?=\n)|\Z)")
_TITLE_WORD = re.compile(r"[(\[]?(?:[A-Z0-9][\w'’.-]*|&)[)\],.!?:]*")
MIN_QUOTED_TITLE_WORDS = 4


def _in_a_quoted_title(g: _Group, texts: Mapping[str, str]) -> bool:
    """Each mention inside a quoted title of four words or more, all capitalized ("Certifiably
    Sexy Student Nuru Massage 69 Tongue Bath (Bellevue-Redmond Microsoft Access).", an ad's,
    made a dev-stream person "Tongue Bath"; one page left it open to the paragraph's end): a
    title's words, no one named."""

    def inside(m: RawMention) -> bool:
        text = texts[m.article]
        low = max(0, m.start - 200)
        for q in _QUOTED_TITLE.finditer(text, low, min(len(text), m.end + 200)):
            if q.start("title") <= m.start and m.end <= q.end("title"):
                words = q["title"].split()
                return len(words) >= MIN_QUOTED_TITLE_WORDS and all(
                    _TITLE_WORD.fullmatch(w) for w in words
                )
        return False

    return all(inside(m) for m in g.mentions)


# the capitalized words right after a name, on its line
_CAPITALIZED_AFTER = re.compile(r"(?: [A-Z][\w.'’-]*)+")
MAX_TITLE_WORDS_BETWEEN = 2  # "Asst Ch [Con] Robin Smith"


def _a_title_before_a_person(g: _Group, texts: Mapping[str, str], people: frozenset[str]) -> bool:
    """Each mention run on, by a capitalized word or two at most, into another person's full
    name of the story that ends the capitals: a title or a rank written short, no one's name
    ("British Transport police Asst Ch Con Robin Smith said", a dev-stream story's person "Asst
    Ch"). Not names listed without commas ("Maryam Basheer Mary Usman Bulama Glory Dama")."""

    def before_a_person(m: RawMention) -> bool:
        after = _CAPITALIZED_AFTER.match(texts[m.article], m.end)
        words = after.group().split() if after else []
        return 2 <= len(words) <= MAX_TITLE_WORDS_BETWEEN + 2 and any(
            " ".join(words[-n:]) in people for n in (2, 3)
        )

    return bool(g.mentions) and all(before_a_person(m) for m in g.mentions)


# a determiner over two nouns, the second capitalized as a policy defines its terms: "any
# employee or Contingent Worker" (Amazon's, quoted: a dev-stream story's person)
_QUANTIFIED_NOUN_BEFORE = re.compile(r"\b(?:any|every|each|no)\s+[a-z]+\s+(?:or|and|nor)\s+$")


def _a_quantified_noun(g: _Group, texts: Mapping[str, str]) -> bool:
    """Each mention a noun after a quantifier's lower-case noun and "or": a defined term."""
    return all(
        _QUANTIFIED_NOUN_BEFORE.search(texts[m.article], max(0, m.start - 40), m.start)
        for m in g.mentions
    )


# what a nickname follows, a title perhaps before it: "Nouriel Roubini, ..., also known as Dr
# Doom", "The name Dr Doom was coined for him" (a dev-stream story's person "Doom"); not
# "known only as", which gives a person's one name (``RawMention.name_only``)
_NICKNAME_BEFORE = re.compile(
    r"\b(?:(?:also|better|widely|popularly|affectionately)\s+known\s+as|a\.k\.a\.?|aka"
    r"|dubbed|nicknamed|(?:the|his|her)\s+(?:nick)?name)\s+(?:[A-Z][a-z]{0,3}\.?\s+)?$",
    re.IGNORECASE,
)


def _only_a_nickname(g: _Group, texts: Mapping[str, str]) -> bool:
    """One word written only as someone's nickname: that person's, no one else."""
    return all(len(name_tokens(f)) == 1 for f in g.forms) and all(
        _NICKNAME_BEFORE.search(texts[m.article], max(0, m.start - 40), m.start) for m in g.mentions
    )


_WHICH_AFTER = re.compile(r",\s+which\b")


def _a_which(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Half the mentions or more go on ", which": a thing or a body, as people go on ", who"
    ("Tramlink, which is owned by First Group": a dev-stream story's person); a street so
    written is a place ("Omar El Mokhtar Street, which was on fire", Multi-News)."""
    which = sum(bool(_WHICH_AFTER.match(texts[m.article], m.end)) for m in mentions)
    return which > 0 and 2 * which >= len(mentions)


def _lower_case_count(form: str, articles: Sequence[Article]) -> int:
    """How often the articles write ``form`` (in lower case) as words of prose; a pattern is
    compiled only for a text that holds it (the patterns, one per name, had outrun ``re``'s
    cache and been compiled again at each refresh)."""
    return sum(
        len(re.findall(rf"(?<![\w@#/.-]){re.escape(form)}(?![\w@-])", a.text))
        for a in articles
        if form in a.text
    )


# the comma or conjunction between a list's items
_LIST_BEFORE = re.compile(r"(?:,|,? and|,? or) $")
_LIST_AFTER = re.compile(r"(?:,|,? and|,? or) ")


def _listed_among_organizations(
    mentions: Sequence[Mention], texts: Mapping[str, str], orgs: frozenset[str]
) -> bool:
    """Each mention an item of a list beside an organization of the story ("including T-Mobile
    and Oracle", "companies like Boeing, T-Mobile, Oracle and local Seattle tech firms": a
    dev-stream story listed "Oracle" under Who): one of them."""

    def beside(m: Mention) -> bool:
        text = texts[m.article]
        head = text[max(0, m.start - 60) : m.start]
        if (sep := _LIST_BEFORE.search(head)) and any(
            (item := head[: sep.start()]).endswith(o)
            and not word_char_at(item, len(item) - len(o) - 1)
            for o in orgs
        ):
            return True
        after = _LIST_AFTER.match(text, m.end)
        return after is not None and any(
            text.startswith(o, after.end()) and not word_char_at(text, after.end() + len(o))
            for o in orgs
        )

    return bool(mentions) and all(beside(m) for m in mentions)


# a model's number right after a name ("its recent Galaxy Note 8"), not a gallery's "7/8", a
# time's "10:30" or a score's "2-1"
_MODEL_NUMBER_AFTER = re.compile(r" [A-Z]?\d{1,3}(?![\w/:.,-]?\d)(?![\w/:-])")


def _cut_before_a_models_number(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """A name of two words or more written each time before a number: a make and a line whose
    model's number the model cut off ("Galaxy Note 8": a dev-stream story listed "Galaxy Note"
    under Who), as "Galaxy Note 8" whole is a product (``reconcile``)."""
    return bool(mentions) and all(
        len(name_tokens(m.text)) >= 2 and _MODEL_NUMBER_AFTER.match(texts[m.article], m.end)
        for m in mentions
    )


# a member's role in lower case between a band's or a body's name and the member's; not a
# verb ("Haley Hinds reports Jordan Belliveau's ...", "el-Sissi met Robert Bridge")
_MEMBER_WORDS_AFTER = re.compile(r" (?P<words>(?:[a-z]+ )?(?P<role>[a-z]+)) (?=[A-Z])")


def _owns_a_person(
    mentions: Sequence[Mention], texts: Mapping[str, str], people: frozenset[str]
) -> bool:
    """Each mention written before "'s" and a person's full name of the story ("reblogged by
    Daring Fireball's John Gruber": a dev-stream story listed the blog under Who), or before a
    member's role in lower case and the name ("Pearl Jam singer Eddie Vedder", a person of a
    dev-stream story): an outlet, a band or a body naming its own, as "BBC's Jonathan Head"
    does; a person's own people have a title or a speech verb somewhere."""

    def owner(m: Mention) -> bool:
        text = texts[m.article]
        if text[m.end : m.end + 3] in ("'s ", "’s "):
            at = m.end + 3
        elif (
            (member := _MEMBER_WORDS_AFTER.match(text, m.end))
            and member["role"] in PERSON_WORDS | ROLE_WORDS
            and not any(w in ENGLISH_STOP_WORDS for w in member["words"].split())
        ):
            at = member.end()  # "Pearl Jam singer Eddie Vedder", "Pearl Jam lead singer ..."
        else:
            return False
        return any(text.startswith(p, at) and not word_char_at(text, at + len(p)) for p in people)

    return bool(mentions) and all(owner(m) for m in mentions)


# "told CNN", "according to BBC": before an outlet's acronym the model ran into a name
_TOLD_BEFORE = re.compile(r"(?:\btold|\baccording to|\bsaid to)\s+$", re.IGNORECASE)
# ... and "wrote on Twitter Christian Estrosi, mayor of Nice" (a dev-stream organization and
# speaker): the platform one wrote on, run into the writer's name
_ON_BEFORE = re.compile(r"\bon\s+$")


# a word in capitals inside a name written otherwise: a heading's or a label's word the model
# ran into a name ("TALL STORY Astronaut apologises", "Niburu ROCKET SCIENCE", "Site of
# Route 91 Harvest Festival NORTH Mandalay Bay Resort": a dev-stream story's people and place)
_CAPITALS_WORD = re.compile(r"\b[A-Z]{3,}\b")
# a street's abbreviation after a house number: an address, no one's name ("the David M. Brown
# Planetarium, 1426 N. Quincy St., Arlington": a dev-stream story's person)
_STREET_END = re.compile(r"\b(?:St|Ave|Blvd|Rd|Ln|Pkwy|Hwy)\.?$")
_HOUSE_NUMBER_BEFORE = re.compile(r"\b\d+[A-Za-z]?\s+$")
# a word in capitals just before a name: the run of a heading the name goes on
_CAPITALS_WORD_BEFORE = re.compile(r"\b[A-Z]{3,} $")


def _a_headings_word_inside(m: RawMention, text: str, lower: Callable[[], frozenset[str]]) -> bool:
    """A word in capitals in a name whose other words are not all in capitals ("MICHAEL Sheen"
    is a name shouted in part), which the story writes in lower case too ("NORTH"), or which
    goes on a run of capitals before the name ("TALL STORY Astronaut")."""
    shouted = _CAPITALS_WORD.findall(m.text)
    if not shouted or all(_CAPS_WORD.fullmatch(w) for w in m.text.split()):
        return False
    if m.text.startswith(shouted[0]) and _CAPITALS_WORD_BEFORE.search(
        text, max(0, m.start - 20), m.start
    ):
        return True
    return any(w.casefold() in lower() for w in shouted)


def _without_labels_or_outlets(
    raw: Iterable[RawMention], texts: Mapping[str, str]
) -> list[RawMention]:
    """The mentions, less those in a map's or a diagram's labels the page's text kept (a run
    of ``MIN_CAPTION_WORDS`` words in capitals or more: "LUXOR HOTEL BROKEN WINDOWS VISIBLE
    MAIN ENTRANCE" made "Luxor Hotel Broken" a dev-stream story's person, "HOTEL" and "MAIN"
    its organizations), and with the outlet a person's name was told to cut from its front
    ("told CNN Abe was first and foremost trying": "CNN Abe", that story's person, is Abe),
    or the platform written on ("wrote on Twitter Christian Estrosi")."""
    out = []

    @lru_cache(maxsize=1)
    def lower() -> frozenset[str]:
        return frozenset(w for t in texts.values() for w in _ANY_LOWER_WORD.findall(t))

    for m in raw:
        if _caps_run(texts.get(m.article, ""), m.start, m.end) >= MIN_CAPTION_WORDS:
            continue  # in a graphic's labels (``_caps_run``)
        if _a_headings_word_inside(m, texts.get(m.article, ""), lower):
            continue
        if (
            m.label == "PERSON"
            and _STREET_END.search(m.text)
            and _HOUSE_NUMBER_BEFORE.search(texts.get(m.article, ""), max(0, m.start - 12), m.start)
        ):
            continue
        first, _, rest = m.text.partition(" ")
        if (
            m.label == "PERSON"
            and rest[:1].isupper()
            and first.isupper()
            and len(first) >= 2
            and _OUTLET.search(first)
            and _TOLD_BEFORE.search(texts.get(m.article, ""), max(0, m.start - 20), m.start)
        ) or (
            fold(first) in PLATFORMS
            and len(rest.split()) >= 2
            and all(w[:1].isupper() for w in rest.split())
            and _ON_BEFORE.search(texts.get(m.article, ""), max(0, m.start - 10), m.start)
        ):
            m = replace(m, start=m.start + len(first) + 1, text=rest)
        out.append(m)
    return out


# the capitalized words a name the model cut runs on with ("[Denis Sassou] Nguesso also",
# "[Luis Guillermo] Solis Rivera said"), up to two, the run of capitals ending there
_NAME_RUNS_ON = re.compile(
    r" (?P<rest>[A-Z][a-z][^\W\d]*(?: [A-Z][a-z][^\W\d]*)?)(?![\w'’-]| [A-Z])"
)
# a romanized given name cut at its hyphen: "[Moon Jae]-in", "[Kim Jong]-un"
_SYLLABLE_AFTER_HYPHEN = re.compile(r"-(?P<rest>[a-z]{1,3})\b(?!-)")
# compounds a short name opens ("Kim-led", "Bush-era"), not a name's second syllable
_COMPOUND_WORDS = frozenset("led run era ish age set day law".split())
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may"
    " june july august september october november december jr sr".split()
)
# what a title cut from a name's front follows: "Minister of [Defence Itsunori Onodera]"
_OF_BEFORE = re.compile(r"[A-Z][a-z]+ of $")
_ABBREVIATION_WORD = re.compile(r"[A-Z]{2,}")


# the rest of a body's name after "and" ("National Center for Missing [and Exploited
# Children]"), and the abbreviation in brackets a name may be written in after
_AND_REST = re.compile(r" and (?P<rest>[A-Z][\w'’-]*(?: (?:of |for |the |on |in )?[A-Z][\w'’-]*)*)")
_ABBREVIATION_OPENED = re.compile(r"\b(?P<short>[A-Z]{2,6}) \($")


def _name_cut_at_and(m: RawMention, text: str, org_texts: set[str]) -> int | None:
    """Where an organization's name the model cut at its "and" ends: the end of the words
    after "and" that, with the name, are another mention's whole name ("National Academy of
    Recording Arts" of "the National Academy of Recording Arts and Sciences organization",
    a dev-stream story's two organizations), or that close the brackets after an
    abbreviation of all their initials ("the NCMEC (National Center for Missing and
    Exploited Children)": "National Center for Missing" and "NCMEC" listed apart)."""
    after = _AND_REST.match(text, m.end)
    if after is None:
        return None
    rest = after["rest"].split(" ")
    short = _ABBREVIATION_OPENED.search(text, max(0, m.start - 10), m.start)
    for k in range(len(rest), 0, -1):
        whole = m.text + " and " + " ".join(rest[:k])
        end = m.end + len(" and ") + len(" ".join(rest[:k]))
        if whole in org_texts:
            return end
        if short is not None and text.startswith(")", end) and _initials(whole) == short["short"]:
            return end
    return None


def _possessives_joined(raw: list[RawMention], texts: Mapping[str, str]) -> list[RawMention]:
    """An institution's name the model cut at its possessive into two organizations, joined:
    "Cincinnati Children" and "Hospital Medical Center" of "Cincinnati Children's Hospital
    Medical Center" (a dev-stream story listed both halves), where the second opens with an
    institution's word and the first is named nowhere else. Not a place's or a person's
    ("Britain's Navy", "Trump's Office"), nor a body's named apart ("USC's School of Cinematic
    Arts" beside "USC", a Multi-News story's: its school)."""

    def possessive(m: RawMention) -> bool:
        return texts.get(m.article, "")[m.end : m.end + 3] in ("'s ", "’s ")

    after = {(m.article, m.start): k for k, m in enumerate(raw) if m.label == "ORG"}
    apart = {m.text for m in raw if not possessive(m)}
    joined: dict[int, int] = {}  # the first half's index: the second's
    for k, m in enumerate(raw):
        if m.label != "ORG" or not possessive(m) or m.text in apart:
            continue
        n = after.get((m.article, m.end + 3))
        if n is not None and raw[n].text.split()[0].casefold() in NOT_NAME_HEADS:
            joined[k] = n
    seconds = set(joined.values())
    joined = {k: n for k, n in joined.items() if k not in seconds and n not in joined}  # no chains
    if not joined:
        return raw
    seconds = set(joined.values())
    out = []
    for k, m in enumerate(raw):
        if k in seconds:
            continue
        if k in joined:
            end = raw[joined[k]].end
            m = replace(m, end=end, text=texts[m.article][m.start : end])
        out.append(m)
    return out


def _names_completed(raw: list[RawMention], texts: Mapping[str, str]) -> list[RawMention]:
    """People's names the model cut or glued to a title, mended from the story's text:
    - cut before a particle's surname or the rest of a surname: "Marine Le" of "Marine Le Pen",
      "Denis Sassou" of "President Denis Sassou Nguesso also", "Luis Guillermo" of "President
      Luis Guillermo Solis Rivera said" (a dev-stream story listed "Luis Guillermo" and
      "Guillermo Solis" apart): the word after a particle, or the capitalized words (two at
      most) after a person's name of two words or more that a title or a speech verb goes
      with, when the story never writes them in lower case and the run of capitals ends there;
    - cut at the hyphen of a romanized given name: "Moon Jae" of "Moon Jae-in";
    - a title's word or an award's abbreviation before a full name the story writes alone:
      "Defence Itsunori Onodera" of "Minister of Defence Itsunori Onodera" (an organization),
      "MVP Ben Zobrist";
    - a label before a full name: a word the story names a group or place by ("Nazi Adolf
      Eichmann" beside "Adolf Eichmann"), or a people's ("Brit Jay Ajayi");
    - an organization's name cut at its "and" (``_name_cut_at_and``)."""
    starts = {(m.article, m.start) for m in raw}
    lower = frozenset(w for t in texts.values() for w in _ANY_LOWER_WORD.findall(t))
    people = {m.text for m in raw if m.label == "PERSON" and " " in m.text}
    surnames = {m.text.rsplit(" ", 1)[1] for m in raw if m.label == "PERSON" and " " in m.text}
    # an abbreviation's title before a full name, and so before its surname: "MVP Zobrist"
    # beside "MVP Ben Zobrist" (not "DJ Khaled", "MICHAEL Sheen")
    titled_surnames = {
        (first, rest.rsplit(" ", 1)[1])
        for m in raw
        if " " in m.text
        for first, _, rest in [m.text.partition(" ")]
        if _ABBREVIATION_WORD.fullmatch(first) and rest in people
    }
    org_texts = {m.text for m in raw if m.label == "ORG" and " and " in m.text}
    # one word the story names as a group or a place on its own, before a person's full name:
    # a label, no given name ("Nazi Adolf Eichmann" beside "Nazi" and "Adolf Eichmann", an
    # organization of Multi-News validation 23)
    labels = {m.text for m in raw if m.label != "PERSON" and " " not in m.text}
    out = []
    for m in raw:
        text = texts.get(m.article, "")
        words = m.text.split()
        end = m.end
        if m.label == "ORG" and (whole := _name_cut_at_and(m, text, org_texts)):
            end = whole
        if m.label == "PERSON" and len(words) >= 2:
            runs = _NAME_RUNS_ON.match(text, m.end)
            if (
                runs
                and (m.article, runs.start("rest")) not in starts
                and not any(fold(w) in _CALENDAR_WORDS for w in runs["rest"].split())
                and (
                    # "Marine Le" runs on with one word; else a title or a verb says a person
                    # is named ("Unfazed Hill" of "Unfazed Hill Republicans" stays)
                    len(runs["rest"].split()) == 1
                    if fold(words[-1]) in NAME_PARTICLES
                    else (m.person_cue or m.title_cue)
                    and not any(fold(w) in lower for w in runs["rest"].split())
                )
            ):
                end = runs.end()
            elif (
                len(words[-1]) <= 4
                and (hyphen := _SYLLABLE_AFTER_HYPHEN.match(text, m.end))
                and hyphen["rest"] not in _COMPOUND_WORDS
            ):
                end = hyphen.end()
        start = m.start
        first = words[0]
        rest = m.text[len(first) + 1 :]
        if (
            len(words) >= 2
            and (rest in people or (first, rest) in titled_surnames)
            and first not in surnames
            and (
                _ABBREVIATION_WORD.fullmatch(first)  # "MVP", not initials ("T.J. Yates")
                or _OF_BEFORE.search(text, max(0, m.start - 30), m.start)
                or first in labels
            )
        ) or (
            m.label == "PERSON"
            and len(words) >= 3
            and first in _NATIONALITY_WORDS
            and first not in surnames
            and _could_be_a_name(rest)
        ):
            start = m.start + len(first) + 1
        if (start, end) != (m.start, m.end):
            m = replace(
                m,
                start=start,
                end=end,
                text=text[start:end],
                label="PERSON" if start != m.start else m.label,
                person_cue=m.person_cue or _has_person_cue(text, start, end),
                title_cue=m.title_cue or _has_title_cue(text, start, end),
                spoken_only=m.spoken_only if m.person_cue else spoken_only(text, start, end),
            )
        if m.label == "ORG" and (post := _POST_INSIDE.search(m.text)) and post["name"] in people:
            # "Roc Nation COO Desiree Perez" (a dev-stream story's one organization): the
            # body, and the person named after the post
            out.append(replace(m, end=m.start + post.start(), text=m.text[: post.start()]))
            at = m.start + post.start("name")
            m = replace(
                m,
                start=at,
                text=post["name"],
                label="PERSON",
                person_cue=True,
                title_cue=True,
                company_cue=False,
                spoken_only=False,
            )
        out.append(m)
    return out


# a post between a body's name and a person's the model read as one organization
_POST_INSIDE = re.compile(
    r" (?:CEO|COO|CFO|CTO|President|Chairman|Chairwoman|Founder|Co-founder|Chief Executive)"
    rf" (?P<name>{_FULL_NAME})$"
)


# what a child calls a parent or grandparent, capitalized as a name (a dev-stream story listed
# "Mummy (2)" among its people, from a mother's words to her son)
_KIN_CALLED = frozenset("mum mummy mom mommy momma mama dad daddy grandma granny grandpa".split())


def build_entities(raw: Iterable[RawMention], articles: Sequence[Article]) -> list[Entity]:
    """Entities of a cluster, most mentioned first, each with its mentions and other spellings."""
    texts: Mapping[str, str] = {a.id: a.text for a in articles}
    groups = reconcile(
        _names_completed(_possessives_joined(_without_labels_or_outlets(raw, texts), texts), texts)
    )
    extra = propagate(groups, articles)
    # the first words of institutions' names ("Harvard University"; not a headline's words the
    # model took for a name, "Biden Administration Urges Supreme Court")
    org_openers = frozenset(
        fold(f.split()[0]) for g in groups if g.type == "ORG" for f in g.forms if _institution(f)
    )
    common = frozenset(w for a in articles for w in _LOWER_WORD.findall(a.text))
    org_names = frozenset(f for g in groups if g.type == "ORG" for f in g.forms)
    people = frozenset(
        f for g in groups if g.type == "PERSON" for f in g.forms if len(name_tokens(f)) >= 2
    )
    org_forms = frozenset(
        tuple(name_tokens(f)) for g in groups if g.type == "ORG" for f in g.forms if " " in f
    )
    institutions = frozenset(
        tuple(name_tokens(f)) for g in groups for f in g.forms if " " in f and _institution(f)
    )
    headline_ends = {a.id: _headline_end(a.text) for a in articles}
    places = frozenset(f for g in groups if g.type == "PLACE" for f in g.forms)
    entities: list[Entity] = []
    # for surnames alone: every word the story writes in lower case, and the other names
    lower: frozenset[str] | None = None
    others: frozenset[str] = frozenset()
    for gi, g in enumerate(groups):
        if (
            _unsupported_person(g, texts)
            or _common_word_person(g, common)
            or _common_word_opening(g, texts, common)
            or _credit_group(g, texts)
        ):
            continue
        if _quotation_fragment(g) or all(_headline_words(f) for f in g.forms):
            continue
        if g.type == "ORG" and not g.company_cues and _an_opening_adjective(g, articles):
            continue
        if g.type == "PERSON" and all(
            _POSSESSIVE_INSIDE.search(f) and not _organization_name(f) for f in g.forms
        ):
            continue  # "Donald Trump's America", "Trump's Path": no one's ("People's Daily" is)
        if g.type == "PERSON" and all(
            _INITIAL_LAST.search(m.text) and _NAME_GOES_ON.match(texts[m.article], m.end)
            for m in g.mentions
        ):
            continue  # "George W." of "George W. Bush" cut by the model ("Hussein K." is whole)
        if (
            g.type == "PERSON"
            and not (g.person_cues or g.title_cues)
            and _inside_an_organizations_name(g, texts, org_forms)
        ):
            continue
        if (
            g.type == "PERSON"
            and not (g.person_cues or g.title_cues)
            and _an_institutions_name_cut(g, texts, institutions)
        ):
            continue
        if _in_closing_lines(g.mentions, texts):
            continue  # "With Gratitude and Determination,": a letter's last line
        if _two_names_joined_by_of(g, people, org_names):
            continue
        if (
            g.type == "PERSON"
            and not (g.person_cues or g.title_cues)
            and (
                _a_days_name(g, articles)
                or _a_kind_of_person(g, texts)
                or _end_of_a_longer_name(g, texts, common)
                or _written_in_lower_case(g, articles)
                or _a_places_thing(g, texts, common)
                or _a_common_nouns_place(g, texts, common)
                or _in_a_quoted_title(g, texts)
                or _a_quantified_noun(g, texts)
                or _a_title_before_a_person(g, texts, people)
            )
        ):
            continue
        if g.type == "PERSON" and _only_a_nickname(g, texts):
            continue
        if _headline_person(g, extra.get(gi, []), headline_ends):
            continue
        name = g.canonical(common)
        if _VERSUS.search(name):
            continue  # a court case or a match, no one party to it
        if _posted_on_a_platform(name):
            continue
        if (
            g.type == "PERSON"
            and not (g.person_cues or g.title_cues)
            and _DESIGNATION.fullmatch(name)
        ):
            continue  # "known as Max-Q" (a flight's phase, a dev-stream story's person)
        if g.type == "PLACE" and name.casefold() in _COMPASS:
            continue  # "the North" (North Korea), "the South": a direction, no place of its own
        if g.type == "PERSON" and len(name_tokens(name)) == 1 and name[:1].isupper():
            if lower is None:
                lower = frozenset(w for a in articles for w in _ANY_LOWER_WORD.findall(a.text))
                others = frozenset(fold(f) for o in groups if o.type != "PERSON" for f in o.forms)
            given = given_name(name, [a.text for a in articles], lower, others)
            name = f"{given} {name}" if given else name
        if g.type == "PERSON" and not g.title_cues and fold(name) in _KIN_CALLED:
            continue  # "Mummy’s right here. Mummy loves you.": whom a child calls so, unnamed
        if _STORM.fullmatch(name) or _DOCTRINE.fullmatch(name):
            continue  # "Hurricane Florence", "Marxism", "Judaism": no who or where
        if all(
            _STORM_BEFORE.search(texts[m.article], max(0, m.start - 20), m.start)
            for m in g.mentions
        ):
            continue  # "Laura" of "Hurricane Laura" each time
        mentions = [Mention(m.article, m.start, m.end, m.text) for m in g.mentions]
        mentions += [Mention(a, s, e, texts[a][s:e]) for a, s, e in extra.get(gi, [])]
        mentions.sort(key=lambda m: (m.article, m.start))
        aliases = tuple(sorted({m.text for m in mentions} - {name}))
        kind = _person_or_else(g, name, mentions, texts) if g.type == "PERSON" else g.type
        if (
            kind == "PLACE"
            and fold(name) not in place_names()
            and (_called_an_outlet(mentions, texts) or _called_official(mentions, texts))
        ):
            # an outlet the model read both ways, its other labels tied ("North Korea's
            # official Rodong Sinmun said", then "Rodong-class missiles", a place: dev stream
            # event 70's newspaper was a place, and its four quotes lost their speaker)
            kind = "ORG"
        if kind == "PERSON" and not g.title_cues and _brand_name(g.forms):
            kind = "ORG"
        if (
            kind == "PERSON"
            and not (g.title_cues or g.person_cues)
            and (_a_makers_product(g, common) or _a_brands_line(g, texts))
        ):
            kind = "ORG"
        if (
            kind == "PERSON"
            and not (g.title_cues or g.person_cues)
            and _a_places_feature(g, texts, common)
        ):
            kind = "PLACE"
        if (
            kind == "PERSON"
            and not (g.title_cues or g.person_cues)
            and (
                (
                    all(len(name_tokens(f)) == 1 for f in g.forms)
                    and _listed_among_organizations(mentions, texts, org_names)
                )
                # a product, as reconcile types "Galaxy Note 8"
                or _cut_before_a_models_number(mentions, texts)
                or _owns_a_person(mentions, texts, people)
                or _spelt_out_or_short(mentions, texts)
                # an outlet: "Eldar Murtazin told Tech Radar", "according to Dealogic"; as
                # the model found it, not its word found again inside another name ("told
                # France Info" twice, and "Info" of "France TV Info reported": a dev story's
                # person)
                or _only_told_or_cited(g.mentions, texts)
                or (_a_which(mentions, texts) and not _GEO_WORD.search(name))
            )
        ):
            kind = "ORG"
        if kind == "PERSON" and not g.title_cues and fold(name) in _ONE_WORD_BODIES:
            kind = "ORG"  # "the Treasury said", "Capitol" (NeuS Who lists): a body speaks too
        if kind == "ORG" and not g.company_cues and _a_known_place(name, mentions, texts):
            kind = "PLACE"
        if kind == "ORG" and not g.company_cues and _a_town(name, mentions, texts):
            kind = "PLACE"
        if (
            kind == "ORG"
            and not g.company_cues
            and _called_a_settlement(mentions, texts, len(mentions))
        ):
            # once is enough: "the town of Chibok" beside 17 "the Chibok girls" and "in Chibok"
            # (a dev-stream organization); no body is called a town
            kind = "PLACE"
        if kind == "ORG" and not g.company_cues and _read_a_place_as_often(g, mentions, texts):
            kind = "PLACE"
        if kind == "ORG" and not g.company_cues and _a_peoples_coast(name, mentions, texts):
            kind = "PLACE"
        if kind == "ORG" and not g.company_cues and _a_way_along(mentions, texts):
            kind = "PLACE"
        if kind == "ORG" and not g.company_cues and _a_journeys_end(mentions, texts, places):
            kind = "PLACE"
        if (
            kind == "ORG"
            and not (g.company_cues or g.type_votes["PERSON"])
            and _GAELIC_NAME.fullmatch(name)
        ):
            kind = "PERSON"  # "must find their own Sean McVay" (a dev-stream story's organization)
        if kind == "ORG" and _heads_an_administration(name, mentions, texts, org_openers):
            kind = "PERSON"
        if (
            kind == "ORG"
            and not g.company_cues
            and _could_be_a_name(name)
            and _named_among_people(mentions, texts, people)
        ):
            kind = "PERSON"
        if kind == "ORG" and _a_person_qualifying_nouns(g, texts):
            kind = "PERSON"
        if kind == "ORG" and _a_ministers_portfolio(name, mentions, texts):
            continue
        if kind == "ORG" and not g.company_cues and _end_of_an_of_the_title(name, g, texts):
            continue
        if kind != "PERSON" and not g.company_cues and _an_occasion(name, mentions, texts):
            continue
        if kind == "PLACE" and _a_days_occasion(name, mentions, texts):
            continue
        if kind == "ORG" and _only_a_following(name, mentions, texts):
            continue
        if kind == "ORG" and _given_name_before_a_person(name, mentions, texts, groups):
            continue
        if kind is None or (
            kind != "PERSON" and (_a_nationality(mentions) or _a_places_peoples_word(name))
        ):
            continue
        if kind == "ORG" and _OUTLET.search(name) and _only_a_source(mentions, texts):
            continue
        if kind == "PLACE" and (
            _an_outlet_place(mentions, texts)
            or (
                _unsupported_place(name, mentions, texts, common)
                and not _a_peoples_coast(name, mentions, texts)
            )
            or _only_a_party_label(mentions, texts)
            or _a_persons_given_name(name, mentions, texts, groups)
        ):
            continue
        if kind == "PLACE" and _software_words(name) and fold(name) not in place_names():
            # "removed from Apple's App Store", "the iOS App Store" (a dev-stream story's first
            # place, 20 mentions): a store of software is a service, no place
            kind = "ORG"
        if (
            kind == "PLACE"
            and all(_brand_word(f) for f in g.forms)
            and not any(fold(f) in place_names() for f in g.forms)
            and not any(
                _AT_VENUE_BEFORE.search(texts[m.article], max(0, m.start - 30), m.start)
                for m in mentions
            )
        ):
            # "coverage in KrebsonSecurity" (a dev-stream place), "to SpaceX": a word with a
            # capital inside names a brand, in the Multi-News and dev-stream texts every time
            # after "in", "from", "to" or "near"; a place so written is in the gazetteer, and
            # a venue is where things are at ("at Maryland SoccerPlex", a Multi-News place)
            kind = "ORG"
        if kind != "PERSON" and all(m.label == "PERSON" for m in g.mentions if m.text == name):
            name = _usual_short_name(g, name)
            aliases = tuple(sorted({m.text for m in mentions} - {name}))
        entities.append(Entity(name=name, type=kind, mentions=tuple(mentions), aliases=aliases))
    entities = _short_names_after_the(_one_entity_a_name(entities), texts)
    entities = _first_words_of_companies(entities)
    entities = _written_apart(_owned_names(entities), texts)
    entities = _first_words_before_the_rest(entities, texts)
    entities = _named_without_their_place(entities)
    entities = _abbreviations_of_names(entities, texts)
    entities = _one_name_but_its_last_word(_last_words_of_one_name(entities))
    entities = _one_name_but_its_places_word(_last_words_of_one_place(entities, texts))
    entities = _cut_from_the_end(_cut_from_the_front(entities, texts), texts)
    entities = _places_named_short(_venues_named_long(entities, texts))
    entities = _places_a_letter_apart(_kind_written_small(entities, texts))
    entities = _an_institutions_owner_cut(entities, texts)
    entities = [_with_its_the(e, texts) for e in entities]
    entities = _full_names_read_otherwise(_cut_at_a_hyphen(entities, texts))
    entities = _kin_read_otherwise(entities, texts)
    person_words = frozenset(
        fold(w) for e in entities if e.type == "PERSON" for w in name_tokens(e.name)
    )
    entities = [e for e in entities if not (e.type == "ORG" and _a_persons_thing(e, person_words))]
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return entities


def _usual_short_name(g: _Group, name: str) -> str:
    """The name of a body or a thing whose full name the model read as a person's goes by: a
    person is named by the full name, a body by what its articles write, where that opens the
    full name and is written more than twice as often ("Telegram" 20 times beside "Telegram X"
    once, which the model read as a person, "Telegram" then joining it by its first name: a
    dev-stream story listed "Telegram X (30)" first among its organizations)."""
    top, count = g.forms.most_common(1)[0]
    if not name.startswith(top + " ") or count <= 2 * g.forms[name]:
        return name
    # a body's own last word ("Common Sense Media", "Equifax Inc."), which its full name keeps
    dropped = name_tokens(name[len(top) :])
    return name if all(fold(w).rstrip(".,") in _KEY_TAILS for w in dropped) else top


def _merged_short_names(
    entities: list[Entity],
    owner_of: Callable[[int, Entity], int | None],
    short_name: Callable[[Entity], str] | None = None,
) -> list[Entity]:
    """``entities`` with each that ``owner_of`` gives an owner's index merged into that owner:
    its mentions, and its name among the owner's other spellings. With ``short_name`` the
    merged entity is listed under the short one's name where its articles use it more often
    than the owner's ("NASA", named 8 times beside its full name's once, is how a reader
    knows the agency)."""
    out = list(entities)
    dropped: set[int] = set()
    for i, e in enumerate(entities):
        k = owner_of(i, e)
        if k is None:
            continue
        more_often = short_name is not None and len(e.mentions) > len(entities[k].mentions)
        out[k] = _absorbed(out[k], e, short_name(e) if short_name and more_often else None)
        dropped.add(i)
    return [e for i, e in enumerate(out) if i not in dropped]


def _absorbed(owner: Entity, other: Entity, name: str | None = None) -> Entity:
    """``owner`` with ``other``'s mentions, and ``other``'s names among its other spellings;
    named ``name`` when given (the other's name, taken over), else its own."""
    name = owner.name if name is None else name
    mentions = tuple(sorted({*owner.mentions, *other.mentions}, key=lambda m: (m.article, m.start)))
    aliases = tuple(sorted({*owner.aliases, *other.aliases, owner.name, other.name} - {name}))
    return replace(owner, name=name, mentions=mentions, aliases=aliases)


def _without_legal_form(words: list[str]) -> list[str]:
    """A name's words without the company's legal form closing it ("Goldman Sachs Group
    Inc.": "Goldman Sachs")."""
    while words and fold(words[-1]).rstrip(".,") in _LEGAL_FORMS:
        words = words[:-1]
    return words


def _first_words_of_companies(entities: list[Entity]) -> list[Entity]:
    """A one-word organization that opens one company's name of two words or more before its
    legal form, or an organization named as those words, merged into it: the company named
    short ("Goldman said" beside "Goldman Sachs Group Inc.", "Credit Suisse (2)" beside
    "Credit Suisse Group AG (1)": dev-stream stories listed both)."""
    opens: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(entities):
        words = _without_legal_form(name_tokens(o.name))
        if o.type == "ORG" and len(words) >= 2 and len(words) < len(name_tokens(o.name)):
            opens[words[0]].append(i)
            opens[" ".join(words)].append(i)

    def owner_of(i: int, e: Entity) -> int | None:
        owners = opens.get(e.name, [])
        return owners[0] if e.type == "ORG" and len(owners) == 1 and owners[0] != i else None

    return _merged_short_names(entities, owner_of)


def _without_owner(name: str, orgs: frozenset[str]) -> str:
    """An organization's name without another organization's name that opens it, with its
    "'s" or not ("Facebook's Oversight Board": "Oversight Board")."""
    for o in orgs:
        if not name.startswith(o):
            continue
        m = re.match(re.escape(o) + r"(?:['’]s)? (?=\S)", name)
        if m and o != name:
            return name[m.end() :]
    return name


def _short_names_after_the(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """A one-word organization written "the <word>" each time, whose word ends one other
    organization's name of the story, merged into it: that organization named short ("but
    the Board also ordered a new review" beside "Facebook's Oversight Board": NeuS train 2102
    listed both). The end of two names ("the Committee" of two committees) stays, and so does
    a governing body's ("the House" beside "White House")."""
    ends: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(entities):
        if o.type == "ORG" and len(words := name_tokens(o.name)) >= 2:
            ends[words[-1]].append(i)
    org_names = frozenset(o.name for o in entities if o.type == "ORG")

    def owner_of(i: int, e: Entity) -> int | None:
        owners = [k for k in ends.get(e.name, []) if k != i]
        # one organization under names that end one another's, its owner's name before
        # them or not ("Oversight Board", "Facebook's Oversight Board", "Facebook Board")
        own = [_without_owner(entities[k].name, org_names) for k in owners]
        longest = max(own, key=len, default="")
        if (
            e.type == "ORG"
            and owners
            and all(longest.endswith(" " + o) or o in (longest, e.name) for o in own)
            and not _ACRONYM.fullmatch(e.name)
            and fold(e.name) not in _ONE_WORD_BODIES  # "the House" beside "White House"
            and all(_after_the(texts[m.article], m.start) for m in e.mentions)
        ):
            return max(owners, key=lambda k: (len(entities[k].mentions), len(entities[k].name)))
        return None

    return _merged_short_names(entities, owner_of)


def _one_entity_a_name(entities: list[Entity]) -> list[Entity]:
    """Entities that came out with one name and type merged: a surname completed with its
    given name ("Okesola" -> "Kudirat Okesola") may meet the full name's own group, which the
    model had typed otherwise in a sentence; a reader saw the same person listed twice. A
    place's name of two words or more is one whatever vowels follow its words' first letters
    (``_spelling_key``), named as most mentions write it."""
    merged: dict[tuple[str, str], Entity] = {}
    for e in entities:
        key = (_spelling_key(e.name) if e.type == "PLACE" else e.name, e.type)
        if key not in merged:
            merged[key] = e
        elif len(e.mentions) > len(merged[key].mentions):
            merged[key] = _absorbed(e, merged[key])
        else:
            merged[key] = _absorbed(merged[key], e)
    return list(merged.values())


# vowels after a word's first letter: romanisations of scripts that write no short vowels
# differ in them ("the village of Nebi Saleh", "the West Bank village of Nabi Saleh": two
# places of a dev-stream story)
_INNER_VOWELS = re.compile(r"(?<=[^\W\d_])[aeiou]+")


def _spelling_key(name: str) -> str:
    """A place's name with its words' inner vowels alike, when it has two words or more (one
    word alone keeps them: "Mali" is not "Mila", nor "Austria" "Australia")."""
    words = [translit_key(w) for w in name_tokens(name)]
    if len(words) < 2:
        return name
    return " ".join(_INNER_VOWELS.sub("a", w) for w in words)


def _owned_names(entities: list[Entity]) -> list[Entity]:
    """An organization named with another entity's name and "'s" before the name of a third
    organization of the story, merged into that one: the same thing named with its maker
    ("SpaceX’s Falcon Heavy (2)" beside "Falcon Heavy (58)": a dev-stream story listed
    both)."""
    names = frozenset(e.name for e in entities)
    index = {e.name: i for i, e in enumerate(entities)}

    def owner_of(i: int, e: Entity) -> int | None:
        if e.type != "ORG" or not _POSSESSIVE_INSIDE.search(e.name):
            return None
        k = index.get(_without_owner(e.name, names))
        return k if k is not None and k != i and entities[k].type == "ORG" else None

    return _merged_short_names(entities, owner_of)


def _written_apart(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """A name of two or more capitalized words that, written together, is another entity's
    name, merged into that one; or, when the story writes it together but no entity has that
    name, renamed so and no person: the brand spelt apart ("CEO of Tesla and Space X": a
    dev-stream story listed the person "Space X" and, the model having missed each
    "SpaceX", no company)."""
    joined = {fold(e.name): i for i, e in enumerate(entities) if " " not in e.name}

    def together(e: Entity) -> str | None:
        words = e.name.split()
        if len(words) < 2 or not all(NAME_WORD.fullmatch(w) or w.isupper() for w in words):
            return None
        return "".join(words)

    def owner_of(i: int, e: Entity) -> int | None:
        name = together(e)
        return None if name is None else joined.get(fold(name))

    out = []
    for e in _merged_short_names(entities, owner_of):
        name = together(e)
        if name is not None and any(_written_as_a_name(name, t) for t in texts.values()):
            kind = "ORG" if e.type == "PERSON" else e.type
            e = replace(e, name=name, type=kind, aliases=tuple(sorted({*e.aliases, e.name})))
        out.append(e)
    return out


def _written_as_a_name(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` as a word of prose: not a handle, hashtag or address
    ("@BarackObama", "facebook.com/AnalemmaSociety")."""
    return any(
        not (k and (text[k - 1] in "@#/." or word_char_at(text, k - 1)))
        and not word_char_at(text, k + len(word))
        for k in _occurrences(word, text)
    )


def _occurrences(word: str, text: str) -> Iterator[int]:
    """Where ``text`` holds ``word``, left to right and not overlapping: what
    ``re.finditer(re.escape(word), text)`` finds, without a pattern compiled per word."""
    if not word:
        yield from range(len(text) + 1)
        return
    k = text.find(word)
    while k >= 0:
        yield k
        k = text.find(word, k + len(word))


def _first_words_before_the_rest(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """A one-word organization that opens one longer organization's name and is written
    before that name's next word each time, merged into it: the same body named loosely
    ("Slidell police said", "Slidell Police Chief" beside "Slidell Police Department": a
    dev-stream story listed "Slidell" among the organizations), or one place's ("the dense
    Sambisa forest" beside "the Sambisa Forest"); or, written alone, an organization whose
    longer name ends in a company's word ("Delta" beside "Delta Air Lines": a dev-stream
    story listed both)."""
    opens: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(entities):
        if o.type in ("ORG", "PLACE") and len(words := o.name.split()) >= 2:
            opens[words[0]].append(i)

    names = {e.name: i for i, e in enumerate(entities)}

    def owner_of(i: int, e: Entity) -> int | None:
        if e.type != "ORG":
            return None
        words = e.name.split()
        if len(words) >= 2 and fold(words[-1]) in PLATFORMS:
            # an organization's account: "The official United Twitter account responded that
            # United has ..." (a dev-stream organization, which kept "United" from its airline)
            k = names.get(" ".join(words[:-1]))
            if k is None or k == i:
                return None
            further = owner_of(k, entities[k])
            return k if further is None else further
        companies = [
            k
            for k in opens.get(e.name, [])
            if entities[k].type == "ORG" and _last_word(entities[k].name.split()) in _COMPANY_TAILS
        ]
        if len(companies) == 1:
            return companies[0]  # "United" beside "United Airlines" and "United States"
        owners = opens.get(e.name, [])
        if len(owners) != 1 or owners[0] == i:
            return None
        owner = entities[owners[0]]
        if (
            owner.type == "PLACE"
            and fold(e.name) not in _ONE_WORD_BODIES
            and all(_after_the(texts.get(m.article, ""), m.start) for m in e.mentions)
            and any(_after_the(texts.get(m.article, ""), m.start) for m in owner.mentions)
        ):
            # the place the story calls "the <name>" named short: "walking to the Promenade"
            # beside "on the Promenade des Anglais" (a dev-stream story listed "Promenade"
            # among its organizations); not "the McMurdo and Amundsen-Scott South Pole
            # stations" beside "Antarctica's McMurdo Sound"
            return owners[0]
        after = re.compile(r"\s+" + re.escape(owner.name.split()[1]) + r"\b", re.I)
        if all(after.match(texts.get(m.article, ""), m.end) for m in e.mentions):
            return owners[0]
        return None

    return _merged_short_names(entities, owner_of)


# words of a body every state, city or province has one of, and its country another
_LOCAL_BODY_WORDS = _GOVERNING_BODIES | {"party"}


def _a_local_body(place: str, rest: str) -> bool:
    """Whether ``place`` and ``rest`` name a court, legislature or party of a place that is no
    country ("Florida Supreme Court", "Texas Democratic Party"): ``rest`` alone is as likely
    the country's ("the Supreme Court in Washington", the national party), no short name of
    the place's."""
    return not is_country(alias(place) or place) and any(
        fold(w) in _LOCAL_BODY_WORDS for w in rest.split()
    )


def _named_without_their_place(entities: list[Entity]) -> list[Entity]:
    """An organization that ends one other organization's name, whose words before it name
    a place of the story (or, before a name of two words or more, another organization):
    the body of that place named short ("Cardinals" beside "Arizona Cardinals", "Mets"
    beside "New York Mets", "Air Force (3)" beside "U.S. Air Force (2)", "Security Council"
    beside "U.N. Security Council" and "United Nations Security Council": dev-stream stories
    listed both or all three). Names that are one but for the spelling of their opening or
    last word count as one (``_last_word_key``). A governing body or party stays apart
    ("Senate" beside "Texas Senate", "Supreme Court" beside "Florida Supreme Court": the
    country's is another, ``_a_local_body``)."""
    places = {n for e in entities if e.type == "PLACE" for n in (e.name, *e.aliases)}
    bodies = {n for e in entities if e.type == "ORG" for n in (e.name, *e.aliases)}
    ends: dict[str, list[int]] = defaultdict(list)
    # a country's body, the country named or not elsewhere in the story ("U.S. Senate" beside
    # "Senate", "U.S. Supreme Court" beside "Supreme Court": NeuS val stories listed both)
    national: dict[str, set[int]] = defaultdict(set)
    local: set[str] = set()  # what a place's body is called ("Senate" of "Alabama Senate")
    for i, o in enumerate(entities):
        words = o.name.split()
        if o.type != "ORG":
            continue
        for k in range(1, len(words)):
            opening, rest = " ".join(words[:k]), " ".join(words[k:])
            if (opening in places or _a_place_name(opening)) and _a_local_body(opening, rest):
                local.add(rest)
                continue
            # (not a state a country shares its name with: "Georgia Senate" is Atlanta's)
            country = is_country(alias(opening) or opening) and opening not in _STATES
            if country:
                national[rest].add(i)
            if country or opening in places or (k < len(words) - 1 and opening in bodies):
                ends[rest].append(i)

    def owner_of(i: int, e: Entity) -> int | None:
        owners = _one_name_most_named([k for k in ends.get(e.name, []) if k != i], entities)
        if e.type != "ORG" or len(owners) != 1:
            return None
        if fold(e.name) in _ONE_WORD_BODIES and (
            # a one-word body is the country's, where the story names no place's body so
            # ("the House" beside "White House" is no one's short name)
            owners[0] not in national[e.name] or e.name in local
        ):
            return None
        return owners[0]

    return _merged_short_names(entities, owner_of)


_JOINING_WORDS = frozenset("of for the".split())
# last words of a company's name written one for the other: "All Nippon Airlines" beside
# "All Nippon Airways" (a dev-stream story listed both)
_LAST_WORDS_ALIKE = {"airways": "airlines"}


def _last_word_key(name: str) -> str | None:
    """An organization's name of two words or more with its last word in the singular and
    the usual one of words written for each other, and its opening under its usual name:
    "Tesla Roadsters" is "Tesla Roadster", "U.N. Security Council" "United Nations Security
    Council"."""
    words = name_tokens(name)
    if len(words) < 2:
        return None
    for k in (2, 1):  # an opening written another way: "U.N." or "UN" for "United Nations"
        if len(words) > k and (usual := alias(" ".join(words[:k]))) is not None:
            words = [*usual.split(), *words[k:]]
            break
    last = fold(words[-1])
    last = _LAST_WORDS_ALIKE.get(last, last)
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    # ... and without the small words that join it ("International Committee for the Red
    # Cross" beside "International Committee of the Red Cross": a dev-stream story's two)
    return " ".join([*(w for w in map(fold, words[:-1]) if w not in _JOINING_WORDS), last])


def _one_name_most_named(owners: list[int], entities: Sequence[Entity]) -> list[int]:
    """``owners``, or the one of them named most where all are one name but for their last
    word's (``_last_word_key``: "All Nippon Airways", "All Nippon Airlines"), which
    ``_one_name_but_its_last_word`` merges into that one."""
    if len({_last_word_key(entities[k].name) for k in owners}) == 1:
        return sorted(owners, key=lambda k: -len(entities[k].mentions))[:1]
    return owners


def _one_name_but_its_last_word(entities: list[Entity]) -> list[Entity]:
    """An organization whose name differs from another's name or other spelling only in
    its last word's number, or in a company's word written for another, merged into the
    one named most: one airline as "All Nippon Airways (8)" and "All Nippon Airlines (1)",
    one car as "Tesla Roadster (2)" and "Tesla Roadsters (2)" (dev-stream stories listed
    both)."""
    by_key: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(entities):
        if e.type == "ORG":
            for n in (e.name, *e.aliases):
                if (key := _last_word_key(n)) is not None:
                    by_key[key].add(i)

    def rank(k: int) -> tuple[int, int, int]:
        # named as often: the longer name, the plural ("Pittsburgh Public Schools")
        return (-len(entities[k].mentions), -len(entities[k].name), k)

    def owner_of(i: int, e: Entity) -> int | None:
        key = _last_word_key(e.name) if e.type == "ORG" else None
        if key is None:
            return None
        top = min(by_key[key], key=rank)
        return None if rank(top) >= rank(i) else top

    return _merged_short_names(entities, owner_of)


def _places_word_key(name: str) -> tuple[str, bool] | None:
    """An organization's name of two words or more folded, its people's words as their
    places' names ("Hawaiian Airlines": hawaii airlines), and whether it held one."""
    words = name_tokens(name)
    if len(words) < 2:
        return None
    places = [_peoples_words_place(w) for w in words]
    key = " ".join(p or fold(w) for p, w in zip(places, words, strict=True))
    return key, any(places)


def _one_name_but_its_places_word(entities: list[Entity]) -> list[Entity]:
    """An organization whose name differs from another's only where one writes a people's
    word and the other its place's name, merged into the one named most: one airline as
    "Hawaiian Airlines (3)" and "Hawaii Airlines (1)" (a dev-stream story listed both)."""
    keys: dict[int, tuple[str, bool]] = {
        i: found
        for i, e in enumerate(entities)
        if e.type == "ORG" and (found := _places_word_key(e.name)) is not None
    }
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, (key, _) in keys.items():
        by_key[key].append(i)
    if all(len(v) < 2 or not any(keys[i][1] for i in v) for v in by_key.values()):
        return entities

    def rank(k: int) -> tuple[int, int]:
        return (-len(entities[k].mentions), k)

    def owner_of(i: int, e: Entity) -> int | None:
        if i not in keys:
            return None
        same = by_key[keys[i][0]]
        if not any(keys[k][1] for k in same):
            return None
        top = min(same, key=rank)
        return None if top == i else top

    return _merged_short_names(entities, owner_of)


# capitalized words written just before a name, on its line: what the model may have cut
# from its front ("All [Nippon Airways] flight 175", "Mandalay [Bay Resort] and Casino")
_CAPITALIZED_BEFORE_NAME = re.compile(r"(?:[A-Z][\w.&'’-]* ){1,2}$")


def _cut_from_the_front(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """An entity each of whose mentions follows capitalized words that, with its name, are
    the name of one organization or place of the story, or open it, merged into that one:
    the model cut the name's first word ("All [Nippon Airways] flight 175" beside "All Nippon
    Airways", "All [Nippon] flight attendants", "Mandalay [Bay Resort] and Casino" beside
    "Mandalay Bay Resort": dev-stream stories listed the pieces as organizations, places or
    people)."""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, o in enumerate(entities):
        if o.type not in ("ORG", "PLACE"):
            continue
        for n in {o.name, *o.aliases}:
            words = name_tokens(n)
            for k in range(2, len(words) + 1):
                owners[" ".join(words[:k])].add(i)

    def candidates(m: Mention) -> set[int] | None:
        text = texts.get(m.article, "")
        before = _CAPITALIZED_BEFORE_NAME.search(text, max(0, m.start - 40), m.start)
        if before is None:
            return None
        words = before.group().split()
        return set().union(
            *(owners.get(" ".join([*words[k:], m.text]), set()) for k in range(len(words)))
        )

    return _merged_short_names(entities, lambda i, e: _owner_of_every_mention(i, e, candidates))


def _owner_of_every_mention(
    i: int, e: Entity, candidates: Callable[[Mention], set[int] | None]
) -> int | None:
    """The one entity other than ``i`` among the ``candidates`` of each of ``e``'s mentions
    (None for a mention that has none), or None."""
    common: set[int] | None = None
    for m in e.mentions:
        found = candidates(m)
        if found is None:
            return None
        common = found if common is None else common & found
        if not common - {i}:
            return None
    rest = (common or set()) - {i}
    return rest.pop() if len(rest) == 1 else None


# the words written just after a name, on its line ("British Transport [police] said")
_WORDS_AFTER_NAME = re.compile(r"(?: [\w'’-]+){1,2}")


def _cut_from_the_end(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """An organization each of whose mentions goes on with words that, with its name, are
    another organization's whole name, in capitals or not, merged into it: the model cut
    the name's last word ("British Transport police said" beside "British Transport Police":
    a dev-stream story listed "British Transport (4)" apart)."""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, o in enumerate(entities):
        if o.type == "ORG":
            for n in {o.name, *o.aliases}:
                owners[n.casefold()].add(i)

    def candidates(m: Mention) -> set[int] | None:
        after = _WORDS_AFTER_NAME.match(texts.get(m.article, ""), m.end)
        if after is None:
            return None
        words = after.group().split()
        return set().union(
            *(
                owners.get(" ".join([m.text, *words[:k]]).casefold(), set())
                for k in range(1, len(words) + 1)
            )
        )

    def owner_of(i: int, e: Entity) -> int | None:
        return _owner_of_every_mention(i, e, candidates) if e.type == "ORG" else None

    return _merged_short_names(entities, owner_of)


# what a venue's name may close with or go without ("Mandalay Bay Resort", "Mandalay Bay")
_VENUE_WORDS = frozenset("resort hotel casino".split())


def _venues_named_long(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """A place or organization named as another of the story with a venue's word after it,
    merged into the one named more, which the story writes "the <name>" as a venue: one
    venue ("Mandalay Bay Resort (5)" beside "in the Mandalay Bay (11)", a dev-stream story's
    places). Not a town's name ("the Beverly Hills Hotel" is no Beverly Hills: Multi-News
    validation)."""
    index = {e.name: i for i, e in enumerate(entities) if e.type in ("ORG", "PLACE")}

    def owner_of(i: int, e: Entity) -> int | None:
        words = name_tokens(e.name)
        if e.type not in ("ORG", "PLACE") or len(words) < 3 or fold(words[-1]) not in _VENUE_WORDS:
            return None
        k = index.get(" ".join(words[:-1]))
        if k is None or len(entities[k].mentions) < len(e.mentions):
            return None
        short = entities[k]
        if fold(short.name) in place_names() or not any(
            _after_the(texts.get(m.article, ""), m.start) for m in short.mentions
        ):
            return None  # a town's name ("the Beverly Hills Hotel" beside "in Beverly Hills")
        return k

    return _merged_short_names(entities, owner_of)


def _places_named_short(entities: list[Entity]) -> list[Entity]:
    """A one-word place that opens one longer place's name, named more than twice as often,
    in every article that writes it: that place named short ("coming from Mandalay" beside
    "upstairs in the Mandalay Bay": a dev-stream story listed both; "Mandalay" is a city
    too, but no article of the story names a Mandalay apart). Not a country or a state."""
    opens: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(entities):
        if o.type == "PLACE" and len(words := name_tokens(o.name)) >= 2:
            opens[words[0]].append(i)

    def owner_of(i: int, e: Entity) -> int | None:
        owners = opens.get(e.name, [])
        if (
            e.type != "PLACE"
            or len(owners) != 1
            or is_country(e.name)
            or e.name in _STATES
            or e.name in REGIONS
        ):
            return None
        owner = entities[owners[0]]
        if len(owner.mentions) <= 2 * len(e.mentions) or not set(e.articles) <= set(owner.articles):
            return None
        return owners[0]

    return _merged_short_names(entities, owner_of)


# a lower-case word right after a name, on its line: "the Pine Island glacier"
_LOWER_WORD_AFTER = re.compile(r" ([a-z]{3,})\b")


def _kind_written_small(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """A place or an organization each of whose mentions is followed by a lower-case word
    that, capitalized, closes the name of another of its kind in the story, merged into that
    one: "broke off from the Pine Island glacier" beside "calved from Pine Island Glacier" (a
    dev-stream story listed both places)."""
    names = {(e.type, e.name): i for i, e in enumerate(entities) if e.type in ("ORG", "PLACE")}

    def owner_of(i: int, e: Entity) -> int | None:
        if e.type not in ("ORG", "PLACE") or not e.mentions:
            return None
        owners = set()
        for m in e.mentions:
            after = _LOWER_WORD_AFTER.match(texts.get(m.article, ""), m.end)
            if after is None:
                return None
            owners.add(names.get((e.type, f"{e.name} {after.group(1).capitalize()}")))
        k = owners.pop() if len(owners) == 1 else None
        return k if k is not None and k != i else None

    return _merged_short_names(entities, owner_of)


def _an_institutions_owner_cut(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """A person each of whose mentions is followed by a possessive, where one organization of
    the story is named so with its word after ("St George's Hospital"), merged into that one:
    "taken to St George’s university hospital" (a dev-stream story's person "St George",
    beside the hospital)."""
    owned: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(entities):
        if e.type == "ORG":
            for n in (e.name, *e.aliases):
                owner, mark, _ = n.replace("’", "'").partition("'s ")
                if mark:
                    owned[owner].add(i)

    def owner_of(i: int, e: Entity) -> int | None:
        orgs = owned.get(e.name.replace("’", "'"), set())
        if e.type != "PERSON" or len(orgs) != 1:
            return None
        for m in e.mentions:
            if texts.get(m.article, "")[m.end : m.end + 2] not in ("'s", "’s"):
                return None
        return next(iter(orgs))

    return _merged_short_names(entities, owner_of)


MIN_MISSPELT_WORD = 6  # "Shettleston": shorter names a letter apart are other places ("Iran")


def _letter_dropped_keys(name: str) -> Iterator[str]:
    """``name`` folded with one letter dropped from one of its words long enough to be
    misspelt (``MIN_MISSPELT_WORD``), where it has two words or more."""
    words = [fold(w) for w in name.split()]
    if len(words) < 2:
        return
    for k, word in enumerate(words):
        if len(word) >= MIN_MISSPELT_WORD:
            for j in range(len(word)):
                yield " ".join([*words[:k], word[:j] + word[j + 1 :], *words[k + 1 :]])


def _places_a_letter_apart(entities: list[Entity]) -> list[Entity]:
    """A place of two words or more whose name is another place's but for one letter more in
    one long word, merged into the one named more (the first of two named as often): one
    road as "Shettleston Road (2)" and "Shettlestone Road (2)", as two outlets spelt it (a
    dev-stream story listed both). Substitutions are left apart: "Iran", "Iraq"."""
    by_name: dict[str, int] = {}
    for i, e in enumerate(entities):
        if e.type == "PLACE":
            by_name.setdefault(" ".join(fold(w) for w in e.name.split()), i)
    pairs: dict[int, int] = {}  # the longer spelling's index: the shorter's
    for i, e in enumerate(entities):
        if e.type == "PLACE":
            for key in _letter_dropped_keys(e.name):
                if (k := by_name.get(key)) is not None and k != i:
                    pairs.setdefault(i, k)
    owners: dict[int, int] = {}
    for i, k in pairs.items():
        if k in pairs or k in owners or i in owners.values():
            continue  # a chain of spellings: left as it is
        keep, drop = sorted((i, k), key=lambda j: (-len(entities[j].mentions), j))
        owners[drop] = keep
    return _merged_short_names(entities, lambda i, e: owners.get(i))


_CAPITALS = re.compile(r"[A-Z]{2,6}")
# capitals with a small word's letter between them, as British bodies are named short: "TfL"
# (Transport for London), "DfE"; no one's name
_MIXED_CAPITALS = re.compile(r"[A-Z](?:[a-z]?[A-Z]){1,5}")
MIN_UNDEFINED_ABBREVIATION = 3  # "AP", "EU" join their words only where the story says so


def _letters_in_order(short: str, name: str) -> bool:
    """Whether the capitals ``short`` are letters of ``name`` in order, from its first: an
    abbreviation made of syllables ("NORAD": NORth American Aerospace Defense)."""
    letters = iter(name.casefold())
    return name[:1] == short[:1] and all(c in letters for c in short.casefold())


def _defined_in_brackets(
    short: str, i: int, entities: Sequence[Entity], texts: Mapping[str, str]
) -> int | None:
    """The one other organization of two words or more that a text names just before
    "(<short>)", whose letters hold ``short``'s in order ("the North American Aerospace
    Defense Command (NORAD)": a dev-stream story listed both)."""
    names = {
        n: k
        for k, o in enumerate(entities)
        if k != i and o.type == "ORG"
        for n in (o.name, *o.aliases)
        if len(name_tokens(n)) >= 2 and _letters_in_order(short, n)
    }
    if not names:
        return None
    found = set()
    bracketed = f"({short})"
    for text in texts.values():
        at = text.find(bracketed)
        while at >= 0:
            before = text[max(0, at - 120) : at].rstrip()
            found |= {k for n, k in names.items() if before.endswith(n)}
            at = text.find(bracketed, at + 1)
    return found.pop() if len(found) == 1 else None


def _abbreviations_of_names(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """An organization named by capitals that are the initials of one other organization's
    name in the story, merged into it: one body under its name and its abbreviation ("ESA"
    beside "European Space Agency", "KCNA" beside "Korean Central News Agency": 32 dev-stream
    stories, 57 of the 250 Multi-News and 16 NeuS val clusters listed both). Two capitals
    only where a text writes them in brackets after the name ("European Union (EU)"): "CT"
    beside "Chevy Tahoe" is Connecticut."""
    by_initials: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(entities):
        # a company's legal form is no part of its short name ("Dell's acquisition of EMC"
        # beside "Elliott Management Corp", a Broadcom story's hedge fund)
        words = _without_legal_form(name_tokens(o.name))
        if o.type == "ORG" and len(words) >= 2:
            by_initials[_initials(" ".join(words))].append(i)
    if not by_initials:
        return entities

    def capitals(e: Entity) -> str:
        # its name, or another spelling in capitals ("Nasa", also written "NASA")
        return next((n for n in (e.name, *e.aliases) if _CAPITALS.fullmatch(n)), "")

    def owner_of(i: int, e: Entity) -> int | None:
        short = capitals(e)
        owners = [k for k in by_initials.get(short, []) if k != i]
        if not owners and e.type == "ORG" and short:
            return _defined_in_brackets(short, i, entities, texts)
        if e.type == "PERSON" and _MIXED_CAPITALS.fullmatch(e.name) and not e.name.isupper():
            # what "said" and was read a person: "Transport for London (TfL) ... TfL said"
            # (a dev-stream story's "Who: TfL (2)")
            return _defined_in_brackets(e.name, i, entities, texts)
        owners = _one_name_most_named(owners, entities)
        if e.type != "ORG" or len(owners) != 1:
            return None
        owner = entities[owners[0]]
        # under any of its names ("Credit Suisse (CS)" beside "Credit Suisse Group AG")
        defined = re.compile(
            "(?:"
            + "|".join(re.escape(n) for n in (owner.name, *owner.aliases))
            + r")\s*\("
            + re.escape(short)
            + r"\)"
        )
        if len(short) < MIN_UNDEFINED_ABBREVIATION and not any(
            defined.search(t) for t in texts.values()
        ):
            return None
        return owners[0]

    return _merged_short_names(entities, owner_of, capitals)


_AND = frozenset({"and", "&", "or"})
# the last word of a company's name, which the company goes without ("Delta Air Lines": Delta)
_COMPANY_TAILS = _LEGAL_FORMS | frozenset(
    "lines airlines airways motors pharmaceuticals technologies industries".split()
)


def _last_words_of_one_name(entities: list[Entity]) -> list[Entity]:
    """A one-word organization that ends longer organizations' names, merged into the one
    named more often than it and more than twice as often as the others together: the thing
    named short ("Heavy (22)" beside "Falcon Heavy (58)" and "Delta IV Heavy (1)" in a
    dev-stream story). A word named more often than the longer name is a thing of its own
    ("Democrats" beside "House Democrats"), and so are an abbreviation and a one-word body
    ("the House" beside "White House")."""
    ends: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(entities):
        # not a list the model read as one name ("Facebook and Instagram")
        if o.type == "ORG" and len(words := o.name.split()) >= 2 and words[-2] not in _AND:
            ends[words[-1]].append(i)

    def owner_of(i: int, e: Entity) -> int | None:
        owners = sorted(ends.get(e.name, []), key=lambda k: -len(entities[k].mentions))
        if (
            e.type != "ORG"
            or not owners
            or _ACRONYM.fullmatch(e.name)
            or fold(e.name) in _ONE_WORD_BODIES
        ):
            return None
        first = len(entities[owners[0]].mentions)
        rest = sum(len(entities[k].mentions) for k in owners[1:])
        return owners[0] if first >= len(e.mentions) and first > 2 * rest else None

    return _merged_short_names(entities, owner_of)


def _last_words_of_one_place(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """A one-word place no gazetteer knows, written "the <word>" each time, that ends the name
    of one longer place of the story named at least as often: that place, named short as a
    sound, a glacier or a bay is on second mention ("the blue light from the Sound" beside
    "Antarctica's McMurdo Sound": a dev-stream story listed "Sound" as a place of its own)."""
    ends: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(entities):
        if o.type == "PLACE" and len(words := o.name.split()) >= 2:
            ends[words[-1]].append(i)

    def owner_of(i: int, e: Entity) -> int | None:
        owners = ends.get(e.name, []) if e.type == "PLACE" else []
        if (
            len(owners) != 1
            or len(entities[owners[0]].mentions) < len(e.mentions)
            or fold(e.name) in place_names()
            or not all(_after_the(texts.get(m.article, ""), m.start) for m in e.mentions)
        ):
            return None
        return owners[0]

    return _merged_short_names(entities, owner_of)


# a capital "The" after a word in lower case, where no sentence starts: the name's own
_CAPITAL_THE_BEFORE = re.compile(r"\b(?!the\b|an?\b)[a-z]+,? The $")


def _with_its_the(e: Entity, texts: Mapping[str, str]) -> Entity:
    """An organization the story writes "The <name>" mid-sentence, twice and in half its
    mentions at least, named so: "The" is part of its name ("according to a story on The
    Athletic", "told The Athletic": a dev-stream story listed the outlet as "Athletic")."""
    if e.type != "ORG" or e.name.startswith("The "):
        return e
    capital = sum(
        bool(_CAPITAL_THE_BEFORE.search(texts.get(m.article, ""), max(0, m.start - 30), m.start))
        for m in e.mentions
    )
    if capital >= 2 and 2 * capital >= len(e.mentions):
        return replace(e, name=f"The {e.name}", aliases=tuple(sorted({*e.aliases, e.name})))
    return e


_HYPHENATED_REST = re.compile(r"-[a-z]+\b")


def _cut_at_a_hyphen(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """A person's name the model cut at a hyphen each time, merged into the whole name when
    the story has it: "South Korean President [Moon Jae]-in" beside "Moon Jae-in" (a
    dev-stream story listed both)."""
    people = {e.name: i for i, e in enumerate(entities) if e.type == "PERSON"}

    def owner_of(i: int, e: Entity) -> int | None:
        if e.type != "PERSON":
            return None
        rests = {
            rest[0] if (rest := _HYPHENATED_REST.match(texts.get(m.article, ""), m.end)) else None
            for m in e.mentions
        }
        if len(rests) != 1 or None in rests:
            return None
        return people.get(e.name + rests.pop())  # type: ignore[operator]

    return _merged_short_names(entities, owner_of)


def _full_names_read_otherwise(entities: list[Entity]) -> list[Entity]:
    """A person the story names by surname alone (a title or verb made it one), and one
    organization whose name is a given name and that surname: the person's full name, which
    the model read otherwise once ("his ambassador to the United Nations Nikki Haley", an
    organization, beside "Ambassador Haley": a dev-stream story listed the two apart)."""
    people = {e.name: i for i, e in enumerate(entities) if e.type == "PERSON" and " " not in e.name}
    full: dict[int, list[int]] = defaultdict(list)
    for k, o in enumerate(entities):
        words = o.name.split()
        if (
            o.type == "ORG"
            and len(words) == 2
            and all(NAME_WORD.fullmatch(w) for w in words)
            and _could_be_a_name(o.name)
            and not _a_place_name(words[0])
            and words[1] in people
        ):
            full[people[words[1]]].append(k)
    out = list(entities)
    dropped: set[int] = set()
    for i, ks in full.items():
        if len(ks) == 1:
            named = entities[ks[0]]
            out[i] = _absorbed(entities[i], named, named.name)
            dropped.add(ks[0])
    return [e for k, e in enumerate(out) if k not in dropped]


def _kin_read_otherwise(entities: list[Entity], texts: Mapping[str, str]) -> list[Entity]:
    """An organization named as a person is, a given name and a surname, also written by the
    given name alone, whose surname other people of the story (named twice) have under
    other given names: one of the family, which the model read otherwise ("JonBenét Ramsey
    (17)", "JonBenét's death", among the organizations beside Burke, John and Patsy Ramsey:
    Multi-News validation 69). Not a thing's name with a word the story writes in lower
    case."""
    surnames: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type == "PERSON" and len(words := e.name.split()) >= 2 and len(e.mentions) >= 2:
            surnames[words[-1]].add(words[0])
    lower: frozenset[str] | None = None
    out = []
    for e in entities:
        words = e.name.split()
        if (
            e.type == "ORG"
            and len(words) == 2
            and all(w[:1].isupper() and w.isalpha() and len(w) > 2 for w in words)
            and _could_be_a_name(e.name)
            and not _a_place_name(words[0])
            and words[0] in e.aliases
            and surnames.get(words[1], set()) - {words[0]}
        ):
            if lower is None:
                lower = frozenset(w for t in texts.values() for w in _ANY_LOWER_WORD.findall(t))
            if not any(w.casefold() in lower for w in words):
                e = replace(e, type="PERSON")
        out.append(e)
    return out
