"""Which city does a place name belong to?  (``data/gazetteer.yaml``)"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from helpers import paths, schema
from helpers.errors import HelpersError
from helpers.schema import Text

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


# --------------------------------------------------------------------------- gazetteer file


class NationalLabel(schema.Section):
    """``national:``, the label of pieces with no single city."""

    name: Text
    name_en: Text


class CityEntry(schema.Section):
    """One city under ``cities:``."""

    name_en: Text
    province: Text
    names: list[Text] = []
    places: list[Text] = []

    def own_names(self, city: str) -> tuple[str, ...]:
        """The names of the city itself; by default the bare name and the name with 市."""
        return tuple(self.names) or (city, f"{city}市")


class GazetteerFile(schema.Section):
    """The schema of ``data/gazetteer.yaml``; every key is described in ``data/defaults.yaml``."""

    entry_nouns: ClassVar[dict[str, str]] = {"cities": "city"}

    national: NationalLabel
    cities: Annotated[dict[Text, CityEntry], Field(min_length=1)]

    @model_validator(mode="after")
    def _each_name_under_one_city(self) -> GazetteerFile:
        owner: dict[str, str] = {}
        for city, entry in self.cities.items():
            for place in (*entry.own_names(city), *entry.places):
                if owner.setdefault(place, city) != city:
                    raise schema.fail(f"{place} is listed under both {owner[place]} and {city}", "keep it under one",
                                      at=("cities", city))
        return self


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
    checked = schema.load(path, GazetteerFile)
    cities: dict[str, City] = {}
    owner: dict[str, str] = {}
    for city, entry in checked.cities.items():
        own_names = entry.own_names(city)
        for place in (*own_names, *entry.places):
            owner[place] = city
        cities[city] = City(city, entry.name_en, entry.province, own_names, tuple(entry.places))
    alternatives = sorted(owner, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, alternatives)))
    return Gazetteer(cities, checked.national.name, checked.national.name_en, owner, pattern)


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
