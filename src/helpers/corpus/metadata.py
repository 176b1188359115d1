"""Title, source outlet, publication date and city, each with its provenance.

Values read from the article are ``extracted``; values from the manual
metadata file (``seeds/metadata.yaml``) are ``manual`` and win over extracted
ones; a value found nowhere is ``None`` with provenance ``None``.

Dates and sources usually sit in the page furniture (a byline with a
timestamp, an e-paper paging line), which cleaning removes: they are read
from the removed lines, so nothing is lost by stripping first.  Dates in the
body (``截至2月19日``) are events, never publication dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from helpers.corpus.cleaning import CleanedText
from helpers.corpus.gazetteer import Gazetteer, default_gazetteer
from helpers.script import HAN

FIELDS = ("title", "source", "published", "city")
EXTRACTED = "extracted"
MANUAL = "manual"

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


@dataclass(frozen=True)
class Value:
    """A metadata value with its provenance (``extracted``, ``manual`` or None) and note."""

    value: object
    provenance: str | None
    note: str = ""


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


def city_of(title: str | None, text: str, gazetteer: Gazetteer | None = None) -> str:
    """The article's city by gazetteer mentions in title and body, or ``全国``.

    Parameters
    ----------
    title : str or None
        The headline (mentions there count extra).
    text : str
        Cleaned, Simplified text (boilerplate already gone).
    gazetteer : Gazetteer, optional
        Default: the shipped gazetteer.

    Returns
    -------
    str
        A gazetteer city, or the national label when no city scores at least two mentions.
    """
    gazetteer = gazetteer or default_gazetteer()
    scores = gazetteer.mentions(text)
    if title:
        for city, count in gazetteer.mentions(title).items():
            scores[city] += _TITLE_WEIGHT * count
    if not scores:
        return gazetteer.national
    best = max(scores.values())
    if best < _MIN_CITY_SCORE:
        return gazetteer.national
    tied = [city for city, score in scores.items() if score == best]
    if len(tied) > 1:
        # Tie: the city mentioned first in the text.
        first_at = {
            city: min((text.find(n) for n in _names_of(gazetteer, city) if n in text), default=len(text))
            for city in tied
        }
        return min(tied, key=first_at.__getitem__)
    return tied[0]


def _names_of(gazetteer: Gazetteer, city: str) -> tuple[str, ...]:
    entry = gazetteer.cities[city]
    return (*entry.names, *entry.places)


def extract_metadata(cleaned: CleanedText, gazetteer: Gazetteer | None = None) -> dict[str, Value]:
    """Title, source, publication date and city read from one cleaned article.

    Returns
    -------
    dict
        Field name -> :class:`Value` (provenance ``extracted``, or None when not found).
    """
    title = title_of(cleaned)
    source = source_outlet(cleaned)
    published = publication_date(cleaned)
    city = city_of(title, cleaned.text, gazetteer)

    def value(v: object) -> Value:
        return Value(v, EXTRACTED if v is not None else None)

    return {"title": value(title), "source": value(source), "published": value(published), "city": value(city)}
