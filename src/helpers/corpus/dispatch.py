"""Dispatch lines: the outlet, place and day a report was filed from, at the start of its body.

``中新网石家庄1月11日电``, ``新华社北京3月2日电``, ``本报上海3月31日电``,
``城市晚报白城讯``, ``本报柘荣讯``, ``本报讯``: an outlet (ending in 社, 网,
报, 台, 客户端, 新闻 or 融媒体中心), where the reporter filed from, sometimes the
day (with or without its year), then 电 (a wire) or 讯 (a report).

The place is evidence of the article's city (:mod:`helpers.corpus.metadata`),
the day is the day the report was filed: not an event
(:mod:`helpers.analysis.events`), and the publication date when the page
prints none.  A line reads as a dispatch only at the start of one of the
first lines of the body, and, when it has no day, only if its place is a
place the gazetteer knows (so ``某社区传来喜讯`` is no dispatch).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from helpers.corpus.gazetteer import Gazetteer
from helpers.script import HAN

#: How many lines at the top of the body may hold the dispatch line (title, subtitle, caption, byline first).
DISPATCH_LINES = 6
# How many days before a dispatch day a full date of the body may be to give the dispatch its year.
_YEAR_WINDOW_DAYS = 31

_OUTLET = rf"(?:本报|本台|本网|[{HAN}A-Za-z]{{1,12}}?(?:社|网|报|台|客户端|新闻|融媒体中心|融媒))"
_DISPATCH = re.compile(
    rf"^[\s【\[（(■□●◆]*(?P<outlet>{_OUTLET})"
    rf"(?P<place>[{HAN}]{{2,8}}?)?"
    # (a space may part the outlet and the day: 楚天都市报 2020年3月2日讯)
    r"(?:[ \t　]*(?P<date>(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日))?"
    r"(?P<kind>电|讯)(?![话视脑网力器影子报费])"
)
_FULL_DATES = (
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(r"(?<![\d./-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d./-])"),
)


@dataclass(frozen=True)
class Dispatch:
    """A dispatch line read from the top of a text.

    Attributes
    ----------
    outlet : str
        The outlet as written (中新网, 本报, 城市晚报).
    place : str or None
        Where the report was filed from, as written (石家庄, 柘荣), if given.
    year, month, day : int or None
        The day written in the line (the year only if written).
    start, end : int
        Offsets of the dispatch (outlet to 电/讯) in the text it was read from.
    date_start, date_end : int or None
        Offsets of the day in the text, if written.
    """

    outlet: str
    place: str | None
    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int
    date_start: int | None = None
    date_end: int | None = None

    @property
    def dated(self) -> bool:
        return self.month is not None and self.day is not None


def read_dispatch(line: str, offset: int = 0) -> Dispatch | None:
    """The dispatch opening ``line``, or None (no check of the place; see :func:`find_dispatch`).

    ``offset`` is added to the offsets, for a line read out of a longer text.
    """
    match = _DISPATCH.match(line)
    if match is None:
        return None
    month = int(match.group("month")) if match.group("month") else None
    day = int(match.group("day")) if match.group("day") else None
    year = int(match.group("year")) if match.group("year") else None
    if month is not None and not _possible_day(year, month, day):
        return None
    dated = month is not None
    return Dispatch(
        match.group("outlet"), match.group("place"), year, month, day,
        offset + match.start("outlet"), offset + match.end(),
        offset + match.start("date") if dated else None, offset + match.end("date") if dated else None,
    )


def find_dispatch(text: str, gazetteer: Gazetteer) -> Dispatch | None:
    """The dispatch line among the first :data:`DISPATCH_LINES` lines of ``text``, or None.

    A dispatch without a day counts only when its place, if it names one, is
    one the gazetteer knows (a city, county, district or province).
    """
    offset = 0
    for line in text.split("\n")[:DISPATCH_LINES]:
        dispatch = read_dispatch(line, offset)
        offset += len(line) + 1
        if dispatch is None:
            continue
        if dispatch.dated or dispatch.place is None or _known_place(dispatch.place, gazetteer):
            return dispatch
    return None


def dispatch_date(dispatch: Dispatch, text: str) -> str | None:
    """The day of a dispatch as an ISO date, when its year can be supported; else None.

    The year is the one written in the dispatch line; failing that, the year
    that every full date of ``text`` no more than 31 days before the dispatch
    day agrees on (``2021年1月10日晚`` before ``1月11日电`` gives 2021).
    Without such a date, or with dates that disagree, the year is not known
    and no date is given: a year is never guessed.
    """
    if not dispatch.dated:
        return None
    month, day = int(dispatch.month), int(dispatch.day)  # type: ignore[arg-type]
    if dispatch.year is not None:
        return dt.date(dispatch.year, month, day).isoformat()
    years: set[int] = set()
    for written in _full_dates(text):
        for year in (written.year, written.year + 1):
            if not _possible_day(year, month, day):
                continue
            gap = (dt.date(year, month, day) - written).days
            if 0 <= gap <= _YEAR_WINDOW_DAYS:
                years.add(year)
    if len(years) != 1:
        return None
    return dt.date(years.pop(), month, day).isoformat()


def _full_dates(text: str) -> list[dt.date]:
    found = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            year, month, day = (int(g) for g in match.groups())
            if 1990 <= year <= 2100 and _possible_day(year, month, day):
                found.append(dt.date(year, month, day))
    return found


def _possible_day(year: int | None, month: int, day: int | None) -> bool:
    try:
        dt.date(year if year is not None else 2000, month, day or 1)
    except ValueError:
        return False
    return True


def _known_place(place: str, gazetteer: Gazetteer) -> bool:
    return gazetteer.city_of(place) is not None or gazetteer.is_province(place)
