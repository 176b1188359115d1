"""The gazetteer file's schema (``data/gazetteer.yaml``): what an analyst may add to or change in the divisions dataset.

Checked with pydantic on load (:func:`helpers.corpus.gazetteer.load_gazetteer`), against the dataset too: every
alias names one place, every outlet and bureau a city, every city the dataset lacks has its English name and
province.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, ValidationInfo, model_validator

from helpers import schema
from helpers.corpus.divisions import Division, short_name_owners
from helpers.schema import Text


def _two_characters(value: str) -> str:
    if len(value.strip()) < 2:
        raise schema.fail(f"{{key}} must have at least two characters, not {value!r}",
                          "write the whole name (单县, not 单): one character would match inside many words")
    return value


#: A name a text may use: at least two characters.
PlaceName = Annotated[Text, AfterValidator(_two_characters)]


class NationalLabel(schema.Section):
    """``national:``, the label of pieces with no single city."""

    name: Text
    name_en: Text


class CityEntry(schema.Section):
    """One city under ``cities:``: what the gazetteer file adds to or changes in a unit of the dataset."""

    name_en: Text | None = None
    province: Text | None = None
    names: list[PlaceName] = []
    places: list[PlaceName] = []


class GazetteerFile(schema.Section):
    """The schema of ``data/gazetteer.yaml``; every key is described in ``data/defaults.yaml``."""

    entry_nouns: ClassVar[dict[str, str]] = {"cities": "city"}

    national: NationalLabel
    aliases: list[PlaceName] = []
    ignore: list[PlaceName] = []
    bureaus: list[PlaceName] = []
    outlets: dict[Text, PlaceName] = {}
    cities: dict[Text, CityEntry] = {}

    @model_validator(mode="after")
    def _each_name_under_one_city(self) -> GazetteerFile:
        owner: dict[str, str] = {}
        ignored = set(self.ignore)
        for city, entry in self.cities.items():
            for place in (*entry.names, *entry.places):
                if owner.setdefault(place, city) != city:
                    raise schema.fail(f"{place} is listed under both {owner[place]} and {city}", "keep it under one",
                                      at=("cities", city))
                if place in ignored:
                    raise schema.fail(f"{place} is listed under {city} and under ignore", "keep it in one place",
                                      at=("cities", city))
        return self

    @model_validator(mode="after")
    def _fits_the_dataset(self, info: ValidationInfo) -> GazetteerFile:
        divisions: tuple[Division, ...] = (info.context or {}).get("divisions", ())
        if not divisions:
            return self
        units = {d.unit for d in divisions if d.is_unit}
        for city, entry in self.cities.items():
            if city in units:
                continue
            for key in ("name_en", "province"):
                if getattr(entry, key) is None:
                    raise schema.fail(f"city {city} lacks {key}",
                                      f"add '{key}:' (a city the divisions dataset does not have needs both), "
                                      "or use the short name of a unit of the dataset (石家庄, 德宏)",
                                      at=("cities", city))
        for index, bureau in enumerate(self.bureaus):
            if bureau not in units and bureau not in self.cities:
                raise schema.fail(f"bureau {bureau} is not a city", "write the short name of a city (南昌, 昆明)",
                                  at=("bureaus", index))
        for outlet, city in self.outlets.items():
            if city not in units and city not in self.cities:
                raise schema.fail(f"outlet {outlet} names {city}, which is not a city",
                                  "write the short name of a city (天津, 吉林)", at=("outlets", outlet))
        owners = short_name_owners(divisions)
        for index, alias in enumerate(self.aliases):
            found = {alias} if alias in units else owners.get(alias, set())
            if len(found) != 1:
                problem = (f"alias {alias} is not the short name of a county, district or city" if not found else
                           f"alias {alias} is the short name of places in {', '.join(sorted(found))}")
                raise schema.fail(problem, "remove it, or list it under the names or places of its city",
                                  at=("aliases", index))
        return self
