"""The one check of a city name a user gives (a notebook parameter, a command-line option).

Cities are named as the corpus names them: the Simplified Chinese name of a
gazetteer city (武汉, not 武汉市), or the national label (全国).  A name that
is not among the cities known is a one-line error listing them, with the
Chinese name when the user wrote a city's English name or 市.
"""

from __future__ import annotations

import re
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
    """``city`` if it is in ``known``; see :func:`check_cities`."""
    return check_cities(city, known)[0]


def _suggestion(city: str, valid: list[str]) -> str:
    """``" (did you mean 北京?)"`` when ``city`` is a valid city's English name or its name with 市."""
    from helpers.corpus.gazetteer import city_name

    def match(one: str) -> str | None:
        wanted = one.strip().removesuffix("市").casefold()
        for name in valid:
            if wanted in (name.casefold(), city_name(name, "en").casefold()):
                return name
        return None

    found = match(city)
    if found is not None:
        return f" (did you mean {found}?)"
    parts = [part for part in re.split(r"[,，、;；\s]+", city) if part]
    names = [match(part) for part in parts]
    if len(parts) > 1 and all(names):
        listed = ", ".join(f'"{name}"' for name in names)
        return f" (several cities are a list: did you mean [{listed}]? with papermill: -y 'cities: [{listed}]')"
    return ""
