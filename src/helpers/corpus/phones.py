"""The cities of the landline numbers a text prints (咨询电话：0855-6621837): where its issuer sits.

A notice or a local report often ends with a number to call, and a Chinese landline
number starts with its area's code (0855 is 黔东南, 0468 鹤岗).  Which area a code
belongs to is looked up with ``phonenumbers`` (Google's libphonenumber, whose
geocoding data is kept up to date with the numbering plan) rather than a list we
would keep: it knows the codes several cities share (0851: 贵阳, 遵义 and 安顺),
which then say nothing.

Reporters' texts often mask part of the number (0468-33xxxxx); only the area code
matters, so masked digits are read as zeros.  Mobile numbers (138…) and short
service numbers (12345, 12320) carry no area and are not read.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import geocoder

from helpers.corpus.gazetteer import Gazetteer

_MASK = "xX×*＊"
# an area code (0 and two or three digits, sometimes in brackets), then the local number of
# seven or eight digits, some of them masked; not inside a longer run of digits (a date, an ID)
_LANDLINE = re.compile(rf"(?<![\d{_MASK}])[（(]?(0[1-9]\d{{1,2}})[)）]?[-－—–\s]?(\d[\d{_MASK}]{{6,7}})(?![\d{_MASK}])")


def _area(code: str, local: str) -> str | None:
    """The area libphonenumber gives the number, in Chinese ("黑龙江省鹤岗市"), or None if it is not a landline."""
    digits = code[1:] + re.sub(f"[{_MASK}]", "0", local)
    try:
        number = phonenumbers.parse("+86" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.FIXED_LINE:
        return None
    return geocoder.description_for_number(number, "zh") or None


def _city_of_area(area: str, gazetteer: Gazetteer) -> str | None:
    """The one city an area's description names (四川甘孜 -> 甘孜), None for an area of several (贵阳市、遵义市)."""
    cities = {gazetteer.city_of(name) for *_, name in gazetteer.places_in(area)} - {None}
    return str(next(iter(cities))) if len(cities) == 1 else None


def phone_cities(text: str, gazetteer: Gazetteer) -> set[str]:
    """The cities of the landline numbers in ``text`` whose area code belongs to one city only.

    >>> from helpers.corpus.gazetteer import default_gazetteer
    >>> sorted(phone_cities("报名电话：0855-6621837。", default_gazetteer()))
    ['黔东南']
    """
    found = set()
    for match in _LANDLINE.finditer(text):
        area = _area(match.group(1), match.group(2))
        city = _city_of_area(area, gazetteer) if area else None
        if city is not None:
            found.add(city)
    return found
