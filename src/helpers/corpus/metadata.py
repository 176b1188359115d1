"""Title, source outlet, publication date, city and genre, each with its provenance.

Values read from the article are ``extracted``; values from the manual
metadata file (``seeds/metadata.yaml``) are ``manual`` and win over extracted
ones; a value found nowhere is ``None`` with provenance ``None``.  Two
extracted values say more about where they come from:

* ``extracted:dispatch``: a publication date read from a dispatch line that
  prints its year (``新华社北京2022年3月2日电``, :mod:`helpers.corpus.dispatch`) on a
  page that prints no date, or a city that the dispatch line's place decides.
  A dispatch line with month and day only (``中新网石家庄1月11日电``) gives no
  publication date: its year would be inferred, not printed, and a reader must be
  able to trust that a date shown was written in the article.  (The timeline
  still takes the year from the body's dates to date the article's own events:
  :mod:`helpers.analysis.events`.);
* ``extracted:source``: a city that the source outlet's name decides
  (``宁德日报``, ``石家庄新闻网``).

Dates and sources usually sit in the page furniture (a byline with a
timestamp, an e-paper paging line), which cleaning removes: they are read
from the removed lines, so nothing is lost by stripping first.  Dates in the
body (``截至2月19日``) are events, never publication dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from helpers.corpus.cleaning import CleanedText
from helpers.corpus.dispatch import Dispatch, dispatch_date, find_dispatch
from helpers.corpus.gazetteer import Gazetteer, default_gazetteer
from helpers.corpus.genre import UNKNOWN, genre_of
from helpers.script import HAN

FIELDS = ("title", "source", "published", "city", "genre")
EXTRACTED = "extracted"
#: Extracted from the dispatch line (``新华社西安4月2日电``).
FROM_DISPATCH = "extracted:dispatch"
#: Extracted from the name of the source outlet (``宁德日报``).
FROM_SOURCE = "extracted:source"
MANUAL = "manual"
#: What a publication date is when it is not the day itself (``published_qualifier``).
DATE_QUALIFIERS = ("on_or_after", "on_or_before", "approximate")

_DATES = (
    re.compile(r"(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
)
_SOURCE_BYLINE = re.compile(r"来源\s*[::]\s*(?P<source>[^\s::]{2,30}?)(?=\s|作者|编辑|责任编辑|责编|发布|$)")
_SOURCE_DATELINE = re.compile(
    f"^(?P<source>[{HAN}]{{2,10}}?(?:报|网|台|社|客户端))[{HAN}\\d月日]{{0,10}}?(?:讯|电)"
)
_SOURCE_HEADER = re.compile(f"^(?P<source>[{HAN}]{{2,12}}?(?:报|网|台|社|客户端))\\s*\\d{{4}}\\s*[-/.年]")
_SOURCE_COPYRIGHT = re.compile(r"^(?:本网站由|本站由)?(?P<source>[^\s,。,::]{2,20}?)\s*版权所有")
_TITLE_MAX_CHARS = 40
# How many extra times a city named in the title counts (the title is also the text's first line).
_TITLE_WEIGHT = 2
# A city needs at least this score to be the article's city; below it the piece is national.
_MIN_CITY_SCORE = 2
# What the place of a dispatch line, and an outlet named after a city, count: each alone makes the city.
_DISPATCH_WEIGHT = 2
_SOURCE_WEIGHT = 2
# National newsrooms file from the capital (新华社北京3月2日电): there a dispatch says nothing of the story's place.
_NEWSROOM_CITY = "北京"


@dataclass(frozen=True)
class Value:
    """A metadata value with its provenance (``extracted``, ``manual`` or None), note and qualifier.

    ``qualifier`` is one of :data:`DATE_QUALIFIERS` for a publication date that is a
    bound or an approximation, else None.
    """

    value: object
    provenance: str | None
    note: str = ""
    qualifier: str | None = None


def parse_date(text: str) -> str | None:
    """The first full date (``2020-04-10``, ``2022年3月21日``) in ``text`` as ISO, or None."""
    found = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            year, month, day = (int(g) for g in match.groups())
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if 1990 <= year <= 2100:
                found.append((match.start(), date.isoformat()))
    return min(found)[1] if found else None


def publication_date(cleaned: CleanedText) -> str | None:
    """Publication date from the header and paging lines cleaning removed."""
    for removed in cleaned.removed:
        date = parse_date(removed["text"])
        if date:
            return date
    return None


def source_outlet(cleaned: CleanedText) -> str | None:
    """Source outlet: a 来源 byline, else an outlet before a header date (人民日报 2022年4月1日),
    else a 某某报讯 / 某某社电 dateline opening the body, else the copyright owner."""
    for removed in cleaned.removed:
        match = _SOURCE_BYLINE.search(removed["text"])
        if match:
            return match.group("source")
    for removed in cleaned.removed:
        match = _SOURCE_HEADER.search(removed["text"])
        if match:
            return match.group("source")
    for line in cleaned.text.split("\n")[:5]:
        match = _SOURCE_DATELINE.search(line)
        if match:
            return match.group("source")
    for removed in cleaned.removed:
        match = _SOURCE_COPYRIGHT.search(removed["text"])
        if match:
            return match.group("source")
    return None


def title_of(cleaned: CleanedText) -> str | None:
    """The headline: the first body line when it is short, not a quote and not a full sentence."""
    lines = cleaned.text.split("\n")
    if len(lines) < 2:
        return None
    first = lines[0].strip()
    if (
        not first
        or len(first.replace(" ", "")) > _TITLE_MAX_CHARS
        or first.endswith("。")
        or first[0] in "“「『\"'"
        or _SOURCE_DATELINE.search(first)
    ):
        return None
    return first


def city_of(title: str | None, text: str, gazetteer: Gazetteer | None = None, *, source: str | None = None) -> str:
    """The article's city, or ``全国``; see :func:`locate` (this is its value only)."""
    return str(locate(title, text, gazetteer, source=source).value)


def locate(title: str | None, text: str, gazetteer: Gazetteer | None = None, *,
           source: str | None = None) -> Value:
    """The article's city by the places its title, body, dispatch line and outlet name, with provenance.

    Every name of a city in the body counts once and in the title three times
    (the title is also the text's first line); the place of a dispatch line
    (``新华社西安4月2日电``, ``本报柘荣讯``) counts two, except 北京, where the
    national newsrooms file from; an outlet named after a city (``宁德日报``,
    given as ``source`` or opening the dispatch line) counts two.  The city
    with the most, if at least two, is the article's; a tie goes to the city
    named first; with none the piece is national.  A word such as 首都, 省会 or
    本市 names no city.

    Parameters
    ----------
    title : str or None
        The headline.
    text : str
        Cleaned, Simplified text (boilerplate already gone).
    gazetteer : Gazetteer, optional
        Default: the shipped gazetteer.
    source : str, optional
        The source outlet (:func:`source_outlet`).

    Returns
    -------
    Value
        The city (a gazetteer city or the national label) with provenance
        ``extracted`` when title and body decide it, :data:`FROM_DISPATCH` when
        the dispatch line's place does, :data:`FROM_SOURCE` when the outlet's
        name does.
    """
    gazetteer = gazetteer or default_gazetteer()
    dispatch = find_dispatch(text, gazetteer)
    body = text if dispatch is None else text[:dispatch.start] + " " * (dispatch.end - dispatch.start) \
        + text[dispatch.end:]
    scores = gazetteer.mentions(body)
    if title:
        for city, count in gazetteer.mentions(title).items():
            scores[city] += _TITLE_WEIGHT * count
    by_text = _leader(scores, text, gazetteer)
    dispatched = _dispatch_city(dispatch, gazetteer)
    if dispatched is not None:
        scores[dispatched] += _DISPATCH_WEIGHT
    by_dispatch = _leader(scores, text, gazetteer)
    outlets = {gazetteer.outlet_city(name) for name in (source, dispatch.outlet if dispatch else None)} - {None}
    for city in outlets:
        scores[str(city)] += _SOURCE_WEIGHT
    city = _leader(scores, text, gazetteer)
    if city == by_text:
        return Value(city, EXTRACTED)
    return Value(city, FROM_DISPATCH if city == by_dispatch else FROM_SOURCE)


def _dispatch_city(dispatch: Dispatch | None, gazetteer: Gazetteer) -> str | None:
    if dispatch is None or dispatch.place is None:
        return None
    city = gazetteer.city_of(dispatch.place)
    return None if city == _NEWSROOM_CITY else city


def _leader(scores: Counter, text: str, gazetteer: Gazetteer) -> str:
    """The city with the highest score, if at least the minimum; a tie goes to the city named first."""
    best = max(scores.values(), default=0)
    if best < _MIN_CITY_SCORE:
        return gazetteer.national
    tied = [city for city, score in scores.items() if score == best]
    if len(tied) == 1:
        return tied[0]
    first_at = {
        city: min((text.find(n) for n in gazetteer.names_of(city) if n in text), default=len(text))
        for city in tied
    }
    return min(tied, key=first_at.__getitem__)


def extract_metadata(cleaned: CleanedText, gazetteer: Gazetteer | None = None) -> dict[str, Value]:
    """Title, source, publication date, city and genre read from one cleaned article.

    Returns
    -------
    dict
        Field name -> :class:`Value` (provenance ``extracted``, or None when not found).  The
        genre (:mod:`helpers.corpus.genre`) is never None: not found, it is ``unknown``; found,
        its note names the signal that decided it.
    """
    gazetteer = gazetteer or default_gazetteer()
    title = title_of(cleaned)
    source = source_outlet(cleaned)

    def value(v: object, provenance: str = EXTRACTED) -> Value:
        return Value(v, provenance if v is not None else None)

    published = value(publication_date(cleaned))
    if published.value is None:
        dispatch = find_dispatch(cleaned.text, gazetteer)
        printed = dispatch is not None and dispatch.year is not None
        published = value(dispatch_date(dispatch, cleaned.text) if printed else None, FROM_DISPATCH)
    city = locate(title, cleaned.text, gazetteer, source=source)
    found = genre_of(cleaned.text, [removed["text"] for removed in cleaned.removed], gazetteer)
    genre = Value(found[0], EXTRACTED, found[1]) if found else Value(UNKNOWN, None)
    return {"title": value(title), "source": value(source), "published": published, "city": city,
            "genre": genre}
