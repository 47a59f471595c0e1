"""Names without a model: folding for comparison, the place gazetteer, and the given name a
story writes before a surname. Shared by the facts (spaCy's entities) and the summarizer, which
must not load spaCy to introduce a person it names by surname alone."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

PLACE_NAMES_FILE = "place_names.txt"
PLACE_WITHIN_FILE = "place_within.txt"


_NOT_WORD = re.compile(r"[^\w\s-]")
# a capitalized word a person's or thing's name is made of ("Rose", "McKay"; not "Mr." nor "NASA")
NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)?")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accent-, case- and punctuation-folded text (cached: a group's type folds its forms at
    every reading). ASCII text has no accents to take off (NFKD leaves it as it is)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub("", text).casefold().strip()


def word_char_at(text: str, k: int) -> bool:
    """Whether ``text[k]`` is a word character, as re's \\w (``str.isalnum`` or "_"); False
    off either end."""
    return 0 <= k < len(text) and (text[k].isalnum() or text[k] == "_")


def has_word(word: str, text: str) -> bool:
    """Whether ``text`` holds ``word`` (opening and ending with a letter: a name, "New York")
    as a word of its own: what ``re.search(rf"\\b{re.escape(word)}\\b", text)`` finds, without
    compiling a pattern for each name (0.1-0.4 ms, more than the search)."""
    k = text.find(word)
    while k >= 0:
        if not word_char_at(text, k - 1) and not word_char_at(text, k + len(word)):
            return True
        k = text.find(word, k + 1)
    return False


# The Associated Press's abbreviations of US states, as written before their full stop ("Durham,
# N.C., said", "Calif."): a stop after one ends no sentence, headline or attribution
STATE_ABBREVIATIONS = tuple(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont
    Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo""".split()
)


# Continents and world regions, which the GeoNames list of countries and cities lacks: "Poland's
# 3 million Jews -- Europe's largest pre-war Jewish community" had become "Carnegie Europe's"
# in a Multi-News digest (the think tank named elsewhere in the article taken for a given name)
REGIONS = frozenset(
    """Europe Asia Africa America Americas Antarctica Oceania Eurasia Arctic Antarctic Caribbean
    Balkans Scandinavia Mediterranean Pacific Atlantic Sahel Maghreb Levant Caucasus Siberia
    Patagonia Amazon""".split()
) | frozenset(
    ["Middle East", "Latin America", "North America", "South America", "Central America",
     "Southeast Asia", "East Asia", "South Asia", "Central Asia", "Western Europe",
     "Eastern Europe", "Sub-Saharan Africa", "North Africa", "West Africa", "East Africa"]
)  # fmt: skip


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Folded names of the countries, US states and cities of 100,000+ people
    (``data/place_names.txt``, from GeoNames: ``scripts/build_place_names.py``), and of the
    continents and world regions (``REGIONS``)."""
    text = resources.files("newsdigest").joinpath("data", PLACE_NAMES_FILE).read_text("utf-8")
    names = (n for n in text.splitlines() if n.strip() and not n.startswith("#"))
    return frozenset(fold(n) for n in (*names, *REGIONS))


def _place_key(name: str) -> str:
    """A place name folded, without a leading "the" ("The Netherlands", "Netherlands")."""
    folded = fold(name)
    return folded[4:] if folded.startswith("the ") else folded


@lru_cache(maxsize=1)
def _places_within() -> dict[str, frozenset[str]]:
    """Folded city or US state name -> the folded places it lies in (``data/place_within.txt``,
    from GeoNames: ``scripts/build_place_names.py``)."""
    text = resources.files("newsdigest").joinpath("data", PLACE_WITHIN_FILE).read_text("utf-8")
    within: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, parents = line.partition("\t")
            within[_place_key(name)] = frozenset(_place_key(p) for p in parents.split("|"))
    return within


def lies_within(place: str, region: str) -> bool:
    """Whether the gazetteer puts ``place`` in ``region``: Houston in Texas or in the United
    States, Texas in the United States. One place at two scales, not two places."""
    return _place_key(region) in _places_within().get(_place_key(place), frozenset())


# Capitalized words before a surname that are not a given name
NOT_GIVEN = frozenset(
    """Mr Mrs Ms Miss Dr Sir Dame Lord Lady President Prime Minister Secretary Senator Sen Rep
    Gov Governor Mayor Judge Justice General Gen Col Sgt Lt Capt Chief Officer Coach Pope King
    Adm Admiral Cmdr Commander Maj Major Cpl Corporal Rev Det Detective Supt Insp
    Queen Prince Princess Saint St Captain The And But Said Says When While After Before Former
    Both""".split()
)


def given_name(
    surname: str,
    texts: Iterable[str],
    lower: frozenset[str],
    other_names: frozenset[str] = frozenset(),
) -> str | None:
    """The one given name the story (its articles' ``texts``) writes before a person's surname:
    two times at least, and two thirds of the capitalized words before it ("Chrissy Teigen",
    13 times in the dev stream, was an ORG or a PRODUCT to spaCy, "Teigen" a person). Not a
    given name: a title, a word the story also writes in lower case (``lower``: "Model Chrissy
    Teigen" gives "model"), a place ("Houston Astros"), or the name of something else in the
    story, alone or with the surname (``other_names``, folded: "Lockheed", "Lockheed Martin").
    A "surname" the story writes in lower case is a word ("Zoo"), and has none."""
    if surname.casefold() in lower:
        return None
    found: Counter[str] = Counter()
    pattern = _given_pattern(surname)
    for text in texts:
        if surname in text:
            found.update(m.group(1) for m in pattern.finditer(text))
    places = place_names()
    for word in list(found):
        if (
            word in NOT_GIVEN
            or word.casefold() in lower
            or fold(word) in places
            or fold(word) in other_names
            or fold(f"{word} {surname}") in other_names
        ):
            del found[word]
    if not found:
        return None
    (best, n), *_ = found.most_common(1)
    if n >= 2 and 3 * n >= 2 * sum(found.values()):
        return best
    return None


@lru_cache(maxsize=2048)
def _given_pattern(surname: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’-])([A-Z][a-z]{{2,}})\s+{re.escape(surname)}\b")


# Countries pycountry does not know by these names, and regions wider than a country.
_COARSE = frozenset(
    {
        "United States",
        "United Kingdom",
        "Russia",
        "Korea",
        "Republic of Korea",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Turkey",
        "Palestine",
        "Ivory Coast",
        "Macedonia",
        "Europe",
        "Asia",
        "Africa",
        "North America",
        "South America",
        "Latin America",
        "Middle East",
        "Oceania",
        "Antarctica",
        "Arctic",
        "World",
    }
)


@lru_cache(maxsize=512)
def is_country(name: str) -> bool:
    """Countries (and country groupings) are too coarse to be where a meeting took place."""
    return name in _COARSE or name.lower() in _country_keys()


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    """Every text ``pycountry.countries.lookup`` finds a country by, lower-cased (it matches
    any field of a country in any case): read once, where a lookup that fails walks every
    country (15-60 µs; the summarizer asks of each capitalized word it weighs as a name); each
    also in order if inverted ("Korea, Republic of") and without its "the" ("Democratic
    Republic of Congo", as the press writes it, was no country: a dev-stream story's "Happened
    in" over "Panama", a country)."""
    import pycountry

    keys = [
        value.lower()
        for country in pycountry.countries
        for value in country._fields.values()
        if isinstance(value, str)
    ]
    # pycountry's inverted names read in order: "congo, the democratic republic of the"
    keys += [f"{k.partition(', ')[2]} {k.partition(', ')[0]}" for k in keys if ", " in k]
    keys += [k.removeprefix("the ") for k in keys]
    return frozenset([*keys, *(k.replace(" the ", " ") for k in keys)])


# the head nouns of institutions and places made by people: the last word of a name that is
# nobody's ("Trump Tower", 4 times "wiretapped Trump Tower", was a NeuS story's person; "the
# Indiana State Police said" names no Mr. Police)
NOT_NAME_HEADS = frozenset(
    """store airport station avenue square university college school council ministry
    hospital stadium museum company corporation inc ltd agency committee department office fund
    institute foundation association league festival summit observatory corp plc llc group
    police authority awards network navy army fleet marines corps guard media news
    tower hotel building bureau directorate secretariat road boulevard highway embassy
    consulate""".split()
)
