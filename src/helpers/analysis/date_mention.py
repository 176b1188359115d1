"""What a date expression is: :class:`DateMention` (as written) and :class:`Day` (a day it stands for).

Shared by :mod:`helpers.analysis.dates` (numbers: ``2月15日``, ``次日7:03``) and
:mod:`helpers.analysis.date_words` (words: ``春节以来``, ``4月底``, ``明天``), with the
pattern pieces both build on.  The text is normalised (Simplified script); digits
may still be full-width, which ``\\d`` and ``int()`` both accept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

PART_OF_DAY = (
    "凌晨|清晨|早上|早晨|上午|中午|午后|下午|傍晚|晚上|晚间|夜间|夜里|深夜|早|晚|夜"
)
#: Where a part of day sits in its day (hour), for ordering events and placing them on an axis.
PART_HOURS: dict[str, int] = {
    "凌晨": 3, "清晨": 6, "早": 7, "早上": 7, "早晨": 7, "上午": 9, "中午": 12, "午后": 14,
    "下午": 15, "傍晚": 18, "晚": 20, "晚上": 20, "晚间": 20, "夜": 22, "夜间": 22, "夜里": 22,
    "深夜": 23,
}
# A clock time right after a date: 18时许, 18时30分, 7:03, 9点, 9点半.
CLOCK = (
    r"(?P<hour>\d{1,2})(?:[:：](?P<minute>\d{2})(?:[:：]\d{2})?(?!\d)"
    r"|时(?:(?P<minute_shi>\d{1,2})分)?(?P<approx>许|左右)?"
    r"|点(?:(?P<minute_dian>\d{1,2})分|(?P<half>半))?)"
)
SUFFIX = rf"(?:(?P<part>{PART_OF_DAY}))?\s*(?:{CLOCK})?"
# 号 is a day only when it is not a house number, line or decree number.
DAY_END = r"(?:日|号(?![楼院线令室栋单元]))"
# 今年/去年 before a month count from the publication year.
YEAR_WORDS: dict[str, int] = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
YEAR_WORD = r"(?:(?P<year_word>今年|去年|前年|明年))?"
CN_NUMBER = "[一二三四五六七八九十]{1,3}"


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a sentence (before year resolution).

    Attributes
    ----------
    kind : str
        Numbers (:mod:`~helpers.analysis.dates`): ``full`` (year written),
        ``month_day``, ``month`` (month only, maybe with a year), ``day`` (a day
        without its month, ``23日``), ``relative`` (次日, 当天 ...: from the last
        date), ``time`` (a clock time alone) or ``continuation`` (the ``18日`` of
        ``2月16日和18日``; its month is None when not written after a bare day).
        Words (:mod:`~helpers.analysis.date_words`): ``holiday`` (春节, 国庆假期),
        ``lunar`` (正月初十), ``month_part`` (4月底, 上旬, 月初), ``today`` (今天,
        明日: from the publication date) and ``week`` (本周内, 下周一).
    start, end : int
        Offsets of the expression in the sentence.
    text : str
        The expression as written.
    year, month, day : int or None
        The numbers as written (None where the expression has none); lunar for ``lunar``.
    hour, minute : int or None
        The clock time, if given.
    part_of_day : str or None
        上午, 下午, 早, 晚上 ...
    offset_days : int
        For ``relative``: days after the last date (-1, 0 or 1); for ``today``:
        days after the publication date (明天 1, 昨天 -1).
    range_end : bool
        For ``continuation``: True when it closes a range (至/到/-), False when
        it is another day in a list (和/、/及).
    year_offset : int or None
        今年 0, 去年 -1, 明年 1 when written before the date.
    name : str or None
        For ``holiday``: its key in :data:`helpers.analysis.holidays.HOLIDAYS`;
        for ``month_part``: the part (上旬, 中旬, 下旬, 上中旬, 中下旬, 初, 中, 底);
        for ``week``: ``within`` (本周内), ``weekend`` (周末) or None.
    month_offset : int or None
        For a ``month_part`` without its month: 本月 0, 下月 1, 上月 -1; None for
        the month last mentioned.
    week_offset, weekday : int or None
        For ``week``: 本周 0, 下周 1, 上周 -1, and the weekday (Monday 0 ... Sunday 6)
        or None for the whole week.
    """

    kind: str
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    part_of_day: str | None = None
    offset_days: int = 0
    range_end: bool = False
    year_offset: int | None = None
    name: str | None = None
    month_offset: int | None = None
    week_offset: int | None = None
    weekday: int | None = None


@dataclass(frozen=True)
class Day:
    """The day an expression stands for: ``year`` None when unresolved."""

    year: int | None
    month: int
    day: int

    @classmethod
    def of(cls, date: dt.date) -> Day:
        return cls(date.year, date.month, date.day)

    def shifted(self, days: int) -> Day:
        # Unknown years are counted in a leap year, so 2月28日 + 1 day is 2月29日.
        base = dt.date(self.year if self.year is not None else 2000, self.month, self.day)
        moved = base + dt.timedelta(days=days)
        if self.year is None:
            return Day(None, moved.month, moved.day)
        return Day(moved.year, moved.month, moved.day)

    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.year is not None else None

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def clock(match: re.Match[str]) -> tuple[int | None, int | None]:
    """Hour and minute from a match of a pattern that embeds ``CLOCK``; None if invalid."""
    hour_text = match.groupdict().get("hour")
    if hour_text is None:
        return None, None
    minute_text = next(
        (match.groupdict().get(g) for g in ("minute", "minute_shi", "minute_dian")
         if match.groupdict().get(g)),
        None,
    )
    hour = int(hour_text)
    minute = 30 if match.groupdict().get("half") else int(minute_text or 0)
    if hour > 23 or minute > 59:
        return None, None
    return hour, minute


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether the day exists (29 February is allowed without a year: it may be a leap year)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    probe_year = year if year is not None else 2000
    try:
        dt.date(probe_year, month, day)
    except ValueError:
        return False
    return True


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def number(text: str) -> int | None:
    """An Arabic (also full-width) or Chinese numeral up to 39 (十四, 二十八, 廿三); None if malformed."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十")
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    tens_text, _, units_text = text.partition("十")
    tens = 1 if tens_text == "" else _CN_DIGITS.get(tens_text)
    units = 0 if units_text == "" else _CN_DIGITS.get(units_text)
    if tens is None or units is None or tens > 3:
        return None
    return tens * 10 + units


#: How far after the publication day a date written without its year may lie and still be of
#: the publication year.  Chinese news writes the year only when it is not the current one
#: (去年3月, 2019年), so a month-day is of the publication year by convention, including days
#: still to come: a notice of 4月11日 announcing testing on 4月12日至14日, or holiday plans made
#: weeks ahead.  Plans in this corpus reach days to weeks ahead, rarely more than two months;
#: beyond that the year turns: an article of 2021-01-05 that mentions 12月28日 means the
#: December just past, 357 days after the publication day in the same year.
AFTER_PUBLICATION_DAYS = 60


def nearest_occurrence(day_in: Callable[[int], dt.date | None], publication: dt.date) -> dt.date | None:
    """The latest day of ``day_in(year)`` no more than :data:`AFTER_PUBLICATION_DAYS` after publication.

    ``day_in`` gives the day in a year (None where it has none: 29 February, a lunar day a
    month lacks); the years tried are the one after the publication year, that year and the
    one before, so 1月3日 in an article of 2020-12-28 is 2021-01-03 and 12月28日 in one of
    2021-01-05 is 2020-12-28.
    """
    limit = publication + dt.timedelta(days=AFTER_PUBLICATION_DAYS)
    for year in (publication.year + 1, publication.year, publication.year - 1):
        day = day_in(year)
        if day is not None and day <= limit:
            return day
    return None
