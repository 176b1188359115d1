"""The one check of a city name a user gives (a notebook parameter, a command-line option).

Cities are named as the corpus names them: the Simplified Chinese name of a
gazetteer city (武汉, not 武汉市), or the national label (全国).  A name that
is not among the cities known is a one-line error listing them, with the
Chinese name when the user wrote a city's English name or pinyin (Wuhan,
wuhan shi, Wǔhàn) or 市, and a word when the gazetteer knows the city but the
corpus has no article from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from helpers.errors import HelpersError


def check_cities(wanted: Iterable[str] | str, known: Iterable[str]) -> list[str]:
    """``wanted`` (one city or several) if every one is in ``known``, else a HelpersError naming the first that is not.

    Parameters
    ----------
    wanted
        City names to check; a single string is one city (never its characters).
    known
        The cities there are (e.g. the corpus's, or those of a table), in the order to list them.

    Returns
    -------
    list of str
        ``wanted`` as a list, in its own order.
    """
    cities = [wanted] if isinstance(wanted, str) else [str(city) for city in wanted]
    valid = list(dict.fromkeys(str(city) for city in known))
    for city in cities:
        if city not in valid:
            raise HelpersError(f"unknown city {city!r}{_suggestion(city, valid)}; valid cities: {', '.join(valid)}"
                               " (Chinese names, as in the corpus)")
    return cities


def check_city(city: str, known: Iterable[str]) -> str:
    """``city`` (one name) if it is in ``known``; see :func:`check_cities`."""
    if not isinstance(city, str):
        raise HelpersError(f"city must be one city name, not {city!r}; fix: pass e.g. -p city 武汉 "
                           "(the reports that compare cities take a list, cities)")
    return check_cities(city, known)[0]


#: What may follow a romanised city name: "Wuhan Shi", "Wuhan City".
_ROMAN_SUFFIX = re.compile(r"(shi|city)$")


def _romanised(name: str) -> str:
    """A name as it is compared with English names and pinyin: no tone marks, case, spaces or 市."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’·.]+", "", plain.strip().removesuffix("市").casefold())


def _suggestion(city: str, valid: list[str]) -> str:
    """``" (did you mean 北京?)"`` when ``city`` is a city's English name or pinyin, or its name with 市.

    The English names are the gazetteer's (its pinyin where it gives no other).
    A city of the gazetteer with no article in ``valid`` is named as such.
    """
    from helpers.corpus.gazetteer import city_name, default_gazetteer

    def match(one: str, names: Iterable[str]) -> str | None:
        written = _romanised(one)
        # "Wuhan Shi" is Wuhan, but Huangshi is 黄石: the name as written is tried first
        for wanted in dict.fromkeys((written, _ROMAN_SUFFIX.sub("", written))):
            for name in names:
                if wanted and wanted in (_romanised(name), _romanised(city_name(name, "en"))):
                    return name
        return None

    found = match(city, valid)
    if found is not None:
        return f" (did you mean {found}?)"
    elsewhere = match(city, default_gazetteer().cities)
    if elsewhere is not None:
        return f" ({elsewhere} is a city of the gazetteer, but no article here is from it)"
    parts = [part for part in re.split(r"[,，、;；\s]+", city) if part]
    names = [match(part, valid) for part in parts]
    if len(parts) > 1 and all(names):
        listed = ", ".join(f'"{name}"' for name in names)
        return f" (several cities are a list: did you mean [{listed}]? with papermill: -y 'cities: [{listed}]')"
    return ""
