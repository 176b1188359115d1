"""Which day is 春节, 端午 or 正月初十 in a given year?  The holidays and lunar dates news text names.

Fixed holidays fall on the same Gregorian day every year (元旦, 五一, 国庆);
lunar ones (春节, 元宵, 端午, 中秋, 除夕) and lunar dates (正月初十, 腊月二十三)
move, and 清明 is a solar term (4 or 5 April).  The lunar calendar and the
solar terms come from ``lunar-python`` (imported on first use), which covers
1900-2100; a day it cannot give (30 in a lunar month of 29 days) is None.

A holiday stands for its day: 国庆假期 and 十一长假 are dated 1 October, the
first day of the holiday, because the official holiday span changes from year
to year (2020: 1-8 October) and the text rarely says which days it means.
"""

from __future__ import annotations

import datetime as dt
import functools

#: Holiday name -> ("solar", month, day) | ("lunar", month, day) | ("eve",) | ("term", name).
#: ``eve`` is 除夕, the last day of the lunar year; ``term`` a solar term.
HOLIDAYS: dict[str, tuple] = {
    "元旦": ("solar", 1, 1),
    "春节": ("lunar", 1, 1),
    "元宵": ("lunar", 1, 15),
    "除夕": ("eve",),
    "清明": ("term", "清明"),
    "五一": ("solar", 5, 1),
    "劳动节": ("solar", 5, 1),
    "端午": ("lunar", 5, 5),
    "中秋": ("lunar", 8, 15),
    "国庆": ("solar", 10, 1),
    "十一": ("solar", 10, 1),
}

_FIRST_YEAR, _LAST_YEAR = 1901, 2099  # lunar-python's tables hold 1900-2100 whole years


@functools.lru_cache(maxsize=512)
def lunar_day(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian day of a day of the lunar calendar (lunar year ``year``, not a leap month).

    Parameters
    ----------
    year : int
        The lunar year; its first month begins in January or February of the same Gregorian year.
    month, day : int
        Lunar month (1-12: 正月 ... 腊月) and day (1-30).

    Returns
    -------
    datetime.date or None
        None when the lunar month has no such day, or the year is outside 1901-2099.
    """
    if not (_FIRST_YEAR <= year <= _LAST_YEAR and 1 <= month <= 12 and 1 <= day <= 30):
        return None
    from lunar_python import Lunar, LunarYear

    if day > abs(LunarYear.fromYear(year).getMonth(month).getDayCount()):
        return None
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@functools.lru_cache(maxsize=256)
def _solar_term(year: int, name: str) -> dt.date | None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    from lunar_python import Solar

    # The lunar year that holds the spring terms of Gregorian ``year`` starts in it.
    table = Solar.fromYmd(year, 6, 1).getLunar().getJieQiTable()
    term = table.get(name)
    if term is None or term.getYear() != year:
        return None
    return dt.date(term.getYear(), term.getMonth(), term.getDay())


def holiday_day(name: str, year: int) -> dt.date | None:
    """The day of the holiday ``name`` (a key of :data:`HOLIDAYS`) in Gregorian year ``year``.

    除夕 is the eve of the spring festival of ``year`` (so it may fall in January of
    ``year``).  None outside 1901-2099.

    Raises
    ------
    KeyError
        If ``name`` is not a holiday of :data:`HOLIDAYS` (a bug, not a user error).
    """
    rule = HOLIDAYS[name]
    if rule[0] == "solar":
        return dt.date(year, rule[1], rule[2])
    if rule[0] == "lunar":
        return lunar_day(year, rule[1], rule[2])
    if rule[0] == "eve":
        new_year = lunar_day(year, 1, 1)
        return new_year - dt.timedelta(days=1) if new_year is not None else None
    return _solar_term(year, rule[1])
