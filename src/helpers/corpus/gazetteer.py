"""Which city does a place name belong to?  (``data/gazetteer.yaml``)"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.errors import HelpersError
from helpers.schema import read_yaml

NATIONAL = "全国"


@dataclass(frozen=True)
class City:
    """One city of the gazetteer."""

    name: str
    name_en: str
    province: str
    names: tuple[str, ...]
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    """Cities, their places, and the label for national pieces.

    Attributes
    ----------
    cities : dict
        City name (Simplified) -> :class:`City`.
    national : str
        Label for pieces with no single city (``全国``).
    national_en : str
        Its English label (``National``).
    """

    cities: dict[str, City]
    national: str = NATIONAL
    national_en: str = "National"
    _owner: dict[str, str] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern | None = field(default=None, repr=False)

    def city_of(self, place: str) -> str | None:
        """The city a name (city name, district, street, landmark) belongs to, or None."""
        return self._owner.get(place)

    def mentions(self, text: str) -> Counter:
        """Count mentions per city in ``text``; longer names win over names inside them."""
        counts: Counter = Counter()
        if self._pattern is None or not text:
            return counts
        for match in self._pattern.finditer(text):
            counts[self._owner[match.group(0)]] += 1
        return counts

    def name(self, city: str, lang: str = "zh") -> str:
        """Chinese or English name of ``city``; unknown cities keep their Chinese name."""
        if lang not in ("zh", "en"):
            raise HelpersError(f"language {lang!r} is not known; use 'zh' or 'en'")
        if city == self.national:
            return self.national if lang == "zh" else self.national_en
        if lang == "zh" or city not in self.cities:
            return city
        return self.cities[city].name_en


_CITY_KEYS = {"name_en", "province", "names", "places"}


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load and validate the gazetteer.

    Parameters
    ----------
    path : str or Path, optional
        Gazetteer file; default ``data/gazetteer.yaml``.

    Returns
    -------
    Gazetteer

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix for a bad key or value, or a
        place listed under two cities.
    """
    path = Path(path) if path is not None else paths.data_file("gazetteer.yaml")
    data, lines = read_yaml(path)
    name = path.name
    if not isinstance(data, dict):
        raise HelpersError(f"{name}, line 1: expected a mapping with keys national and cities")
    for key in data:
        if key not in ("national", "cities"):
            raise HelpersError(f"{name}, line {lines.get((key,), 1)}: unknown key {key!r}; allowed: national, cities")
    national = data.get("national") or {}
    if not isinstance(national, dict) or set(national) != {"name", "name_en"}:
        raise HelpersError(f"{name}, line {lines.get(('national',), 1)}: national needs exactly the keys name and name_en")
    cities_data = data.get("cities")
    if not isinstance(cities_data, dict) or not cities_data:
        raise HelpersError(f"{name}, line {lines.get(('cities',), 1)}: cities must be a mapping of city name to its entry")
    cities: dict[str, City] = {}
    owner: dict[str, str] = {}
    for city, entry in cities_data.items():
        where = f"{name}, line {lines.get(('cities', city), 1)}"
        if not isinstance(city, str) or not city.strip():
            raise HelpersError(f"{where}: city names must be text")
        if not isinstance(entry, dict):
            raise HelpersError(f"{where}: city {city} needs name_en and province")
        unknown = set(entry) - _CITY_KEYS
        if unknown:
            raise HelpersError(f"{where}: unknown key {sorted(unknown)[0]!r} for {city}; allowed: {sorted(_CITY_KEYS)}")
        for key in ("name_en", "province"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise HelpersError(f"{where}: city {city} lacks {key}; add it as text")
        lists = {}
        for key in ("names", "places"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise HelpersError(
                    f"{name}, line {lines.get(('cities', city, key), 1)}: {key} of {city} must be a list of names, e.g. [a, b]"
                )
            lists[key] = tuple(value)
        own_names = lists["names"] or (city, f"{city}市")
        for index, place in enumerate((*own_names, *lists["places"])):
            if place in owner and owner[place] != city:
                raise HelpersError(
                    f"{name}, line {lines.get(('cities', city), 1)}: {place} is listed under both {owner[place]} and {city}; keep it under one"
                )
            owner[place] = city
        cities[city] = City(city, entry["name_en"], entry["province"], tuple(own_names), lists["places"])
    alternatives = sorted(owner, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, alternatives)))
    return Gazetteer(cities, national["name"], national["name_en"], owner, pattern)


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process on first use."""
    return load_gazetteer()


def city_name(city: str, lang: str) -> str:
    """Label for a city: ``"zh"`` gives the Chinese name, ``"en"`` the English one.

    ``全国`` gives ``"National"`` in English.  A city not in the gazetteer
    returns its Chinese name for both languages and never raises.
    """
    try:
        return default_gazetteer().name(city, lang)
    except HelpersError:
        return city
