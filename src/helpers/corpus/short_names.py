"""Counties and districts named by their short names: after their full name (罗定市 … 罗定人) or, in a piece from
their province, alone (回沭阳过年, 发表于江苏).

Helpers of :func:`helpers.corpus.metadata.locate`, which documents the rules they implement.
"""

from __future__ import annotations

import re
from collections import Counter

from helpers.corpus.gazetteer import Gazetteer
from helpers.corpus.matcher import whole_word
from helpers.wordlist import general_entries


def short_forms(body: str, gazetteer: Gazetteer, outlet: str = "") -> Counter:
    """Mentions of a county or district by its name without 县, 市, 区 or 旗, once the text has named it in full.

    A report introduces 罗定市 and then writes 罗定 (罗定各镇村, 罗定人): each counts for its city; so does a
    county's own outlet (来源：子长市融媒体中心 … 抵达子长).  Only a name of one city, whose short form keeps two
    characters or more.
    """
    found: Counter = Counter()
    for name in {name for _, _, name in gazetteer.places_in(outlet + "\n" + body)}:
        words = gazetteer.counties.get(name, frozenset())
        owners = gazetteer.matcher.owners.get(name, ())
        if name[-1:] not in words or len(owners) != 1 or len(stem := name[:-1]) < 2:
            continue
        found[owners[0]] += body.count(stem) - body.count(name)
    return found


# a short name that is also a person's name (陆川) is a place where the text uses it as one: its people, dialect or
# town (陆川人, 陆川话, 陆川城), or where one goes to, comes back to or is (回陆川, 在陆川)
_AS_PLACE = re.compile("人(?!员|士|物)|话|方言|城区|县城|老乡|乡亲|本地|籍")
_TO_PLACE = ("回", "返", "到", "在", "来", "去", "赴", "抵")


def regional_short_names(body: str, gazetteer: Gazetteer, regions: frozenset[str]) -> Counter:
    """Mentions of a county or district by its short name alone (沭阳 for 沭阳县) in a piece its header or outlet
    says is from that county's province (发表于江苏, 江苏新闻网), each a mention of its city.

    Only a short name of one city (:attr:`Gazetteer.short_names`), written as a word of its own that no word of
    general Chinese runs across (:func:`whole_word`), and that the dictionary knows as a place name or not at all
    (回沭阳, 返回宜州; not 平安 or 新华, words before they are places), or as a person's name where the text uses it as
    a place (陆川人, 回陆川).
    """
    found: Counter = Counter()
    if not regions:
        return found
    stems = [stem for stem, city in gazetteer.short_names.items()
             if stem in body and stem not in gazetteer.cities and gazetteer.province_of(city) in regions]
    senses = general_entries(stems)
    for stem in stems:
        sense = senses[stem][1] if stem in senses else "ns"
        if not sense.startswith(("ns", "nr")):
            continue
        place = sense.startswith("ns")
        found[gazetteer.short_names[stem]] += sum(_as_place(body, m.start(), m.end(), place)
                                                  for m in re.finditer(stem, body))
    return found


def _as_place(body: str, start: int, end: int, place: bool) -> bool:
    """Whether the short name at ``body[start:end]`` names the county (see :func:`regional_short_names`).

    A word of its own, or, for a place name, one opening a line (an account's name or a headline: 右江青年, where
    江青 runs across it); a short name that is also a person's name (``place`` false: 陆川) only where the text uses
    it as a place (陆川人, 回陆川).
    """
    alone = whole_word(body, start, end) or (place and (start == 0 or body[start - 1] == "\n"))
    return alone and (place or _AS_PLACE.match(body, end) is not None or body.endswith(_TO_PLACE, 0, start))
