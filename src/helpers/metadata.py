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
from pathlib import Path

from helpers import paths
from helpers.cleaning import HAN, CleanedText
from helpers.errors import HelpersError
from helpers.gazetteer import Gazetteer, default_gazetteer
from helpers.reading import read_yaml

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
        first_at = {city: min((text.find(n) for n in _names_of(gazetteer, city) if n in text), default=len(text)) for city in tied}
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


# --------------------------------------------------------------------------- manual metadata file

ManualMetadata = dict[str, dict[str, Value]]


def load_manual_metadata(
    path: str | Path | None = None,
    gazetteer: Gazetteer | None = None,
    *,
    problems: list[str] | None = None,
) -> ManualMetadata:
    """Load and validate the manual metadata file.

    The file maps an article id (the file stem) to the fields it fills or
    corrects; each field is ``{value: ..., note: "where the value comes from"}``.
    A missing file means no manual metadata.

    Parameters
    ----------
    path : str or Path, optional
        Default ``seeds/metadata.yaml``.
    gazetteer : Gazetteer, optional
        Used to check manual cities; default the shipped gazetteer.
    problems : list of str, optional
        When given, a malformed file does not raise: each problem is appended
        here as one line (``metadata.yaml, line 7: ...; ... ignored``) and only
        what it spoils is left out: the one article's entry, or the whole file
        when it is not valid YAML.  The corpus uses this so one typo in the
        manual file never stops every report.

    Returns
    -------
    dict
        Article id -> field -> :class:`Value` with provenance ``manual``
        (a ``null`` value is kept with provenance None: checked, not known).

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix (only when ``problems`` is None).
    """
    path = Path(path) if path is not None else paths.seeds_dir() / "metadata.yaml"
    if not path.exists():
        return {}
    name = path.name
    try:
        data, lines = read_yaml(path)
        if data is not None and not isinstance(data, dict):
            raise HelpersError(f"{name}, line 1: expected a mapping of article id (file stem) to its fields")
    except HelpersError as exc:
        if problems is None:
            raise
        problems.append(f"{exc}; all manual metadata is ignored until it is fixed")
        return {}
    if data is None:
        return {}
    result: ManualMetadata = {}
    for article_id, fields in data.items():
        try:
            result[article_id] = _manual_entry(article_id, fields, name, lines, gazetteer)
        except HelpersError as exc:
            if problems is None:
                raise
            problems.append(f"{exc}; the manual metadata of {article_id} is ignored until it is fixed")
    return result


def _manual_entry(
    article_id: object, fields: object, name: str, lines: dict[tuple, int], gazetteer: Gazetteer | None
) -> dict[str, Value]:
    """One validated entry of the manual metadata file."""
    where = f"{name}, line {lines.get((article_id,), 1)}"
    if not isinstance(article_id, str):
        raise HelpersError(f"{where}: article id {article_id!r} must be a file stem such as 002_59e89cacb19e8f59; quote it")
    if not isinstance(fields, dict) or not fields:
        raise HelpersError(f"{where}: {article_id} needs one or more of {', '.join(FIELDS)}")
    entry: dict[str, Value] = {}
    for field_name, spec in fields.items():
        line = lines.get((article_id, field_name), 1)
        if field_name not in FIELDS:
            raise HelpersError(f"{name}, line {line}: unknown field {field_name!r}; allowed: {', '.join(FIELDS)}")
        if not isinstance(spec, dict) or set(spec) - {"value", "note"} or "value" not in spec:
            raise HelpersError(f"{name}, line {line}: {field_name} must have exactly the keys value and note")
        note = spec.get("note")
        if not isinstance(note, str) or not note.strip():
            raise HelpersError(
                f"{name}, line {line}: {field_name} of {article_id} lacks a note; say where the value comes from"
            )
        raw = spec["value"]
        value_line = lines.get((article_id, field_name, "value"), line)
        if raw is None:
            entry[field_name] = Value(None, None, note.strip())
            continue
        if field_name == "published":
            raw = _manual_date(raw, f"{name}, line {value_line}")
        elif not isinstance(raw, str) or not raw.strip():
            raise HelpersError(f"{name}, line {value_line}: {field_name} value must be text or null")
        if field_name == "city":
            gaz = gazetteer or default_gazetteer()
            if raw != gaz.national and raw not in gaz.cities:
                raise HelpersError(
                    f"{name}, line {value_line}: city {raw!r} is not in gazetteer.yaml; add it there or use {gaz.national}"
                )
        entry[field_name] = Value(raw.strip() if isinstance(raw, str) else raw, MANUAL, note.strip())
    return entry


def _manual_date(raw: object, where: str) -> str:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            pass
    raise HelpersError(f"{where}: published must be a date YYYY-MM-DD or null, not {raw!r}")


def merge_metadata(extracted: dict[str, Value], manual: dict[str, Value] | None) -> dict[str, Value]:
    """Manual values win over extracted ones; a manual ``null`` leaves the extracted value."""
    merged = dict(extracted)
    for field_name, value in (manual or {}).items():
        if value.value is not None:
            merged[field_name] = value
    return merged
