"""Dated events out of the articles' text, with years resolved; reference events.

Where are dates parsed?  Here.  :func:`find_date_mentions` finds the date
expressions of one normalised sentence; :func:`extract_events` walks every
article's sentences in order, attaches times and relative days (``次日``,
``当天``) to the date they belong to, resolves the year of month-day dates from
the article's publication date, and returns one row per event.
:func:`load_reference_events` reads ``data/reference_events.yaml``.

Date column
-----------
``date`` is ISO 8601: ``YYYY-MM-DD`` (precision ``day`` or ``time``) or
``YYYY-MM`` (precision ``month``).  When the year cannot be resolved (the
article has no publication date) the ISO 8601 truncated forms ``--MM-DD`` and
``--MM`` are used, ``year_resolved`` is False and ``year`` is missing; the
``month`` and ``day`` columns always hold the numbers as written.  A year is
never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from helpers.errors import HelpersError
from helpers.paths import data_file

__all__ = [
    "EVENT_COLUMNS",
    "REFERENCE_COLUMNS",
    "DateMention",
    "UnresolvedYearWarning",
    "extract_events",
    "find_date_mentions",
    "load_reference_events",
    "resolve_year",
    "reference_events_for",
    "select_events",
]

#: Columns of :func:`extract_events`, in order.
EVENT_COLUMNS: tuple[str, ...] = (
    "id", "event_no", "city", "date", "end_date", "precision", "time", "part_of_day",
    "year_resolved", "year", "month", "day", "kind", "expression", "sentence_no",
    "sentence", "start", "end", "label",
)

#: Columns of :func:`load_reference_events`, in order.
REFERENCE_COLUMNS: tuple[str, ...] = (
    "id", "start", "end", "name_zh", "name_en", "scope", "cities", "source", "note",
)


class UnresolvedYearWarning(UserWarning):
    """An article's month-day dates keep an unresolved year (it has no publication date)."""


# --- patterns ---------------------------------------------------------------
# The text is normalised (Simplified script); digits may still be full-width,
# which ``\d`` and ``int()`` both accept.

_PART_OF_DAY = (
    "凌晨|清晨|早上|早晨|上午|中午|午后|下午|傍晚|晚上|晚间|夜间|夜里|深夜|早|晚|夜"
)
# A clock time right after a date: 18时许, 18时30分, 7:03, 9点, 9点半.
_CLOCK = (
    r"(?P<hour>\d{1,2})(?:[:：](?P<minute>\d{2})(?:[:：]\d{2})?(?!\d)"
    r"|时(?:(?P<minute_shi>\d{1,2})分)?(?P<approx>许|左右)?"
    r"|点(?:(?P<minute_dian>\d{1,2})分|(?P<half>半))?)"
)
_SUFFIX = rf"(?:(?P<part>{_PART_OF_DAY}))?\s*(?:{_CLOCK})?"
# 号 is a day only when it is not a house number, line or decree number.
_DAY_END = r"(?:日|号(?![楼院线令室栋单元]))"

_FULL_CN = re.compile(
    rf"(?<!\d)(?P<year>\d{{4}})年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}}){_DAY_END}{_SUFFIX}"
)
_FULL_ISO = re.compile(
    r"(?<![\d./-])(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d./-])"
    rf"(?:\s*{_CLOCK})?"
)
_YEAR_MONTH = re.compile(r"(?<!\d)(?P<year>\d{4})年(?P<month>\d{1,2})月(?!\d)")
# 今年/去年 before a month count from the publication year.
_YEAR_WORDS: dict[str, int] = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
_YEAR_WORD = r"(?:(?P<year_word>今年|去年|前年|明年))?"
_MONTH_DAY = re.compile(
    rf"(?<![\d年./-]){_YEAR_WORD}(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}}){_DAY_END}{_SUFFIX}"
)
# Month-days in Chinese numerals (三月十四日, 十二月二十八日), with their part of day.
_CN_NUMBER = "[一二三四五六七八九十]{1,3}"
_MONTH_DAY_CN = re.compile(
    rf"(?<![一二三四五六七八九十〇零年个]){_YEAR_WORD}(?P<month>{_CN_NUMBER})月"
    rf"(?P<day>{_CN_NUMBER}){_DAY_END}"
    rf"(?:(?P<part>{_PART_OF_DAY}))?"
)
# A month alone ("5月开始"); "3个月" is a duration and has 个 before 月.
_MONTH_ONLY = re.compile(rf"(?<![\d年./-]){_YEAR_WORD}(?P<month>\d{{1,2}})月(?!\d)(?:份)?")
# Relative days; "解封的当天" is the day of a named event, not of the last date.
_RELATIVE_WORDS: dict[str, int] = {
    "次日": 1, "翌日": 1, "第二天": 1, "隔天": 1, "前一天": -1,
    "当天": 0, "当日": 0, "同日": 0, "同一天": 0, "这一天": 0, "这天": 0, "当晚": 0,
}
_RELATIVE = re.compile(
    r"(?<!的)(?P<word>"
    + "|".join(sorted(_RELATIVE_WORDS, key=len, reverse=True))
    + rf"){_SUFFIX}"
)
# A clock time on its own ("至21:00", "9:30前", "18时许") belongs to the last date.
_TIME_ONLY = re.compile(
    r"(?<![\d:：./-])(?P<hour>\d{1,2})(?:[:：](?P<minute>\d{2})(?![\d:：])"
    r"|时(?:(?P<minute_shi>\d{1,2})分|(?P<approx>许|左右)))"
)
# A further day after a date: "2月16日和18日", "3月14日至15日", "3月30日至4月2日".
_CONTINUATION = re.compile(
    rf"\s*(?P<joiner>和|与|及|、|至|到|—|–|－|-|~|～)\s*"
    rf"(?:(?P<month>\d{{1,2}})月)?(?P<day>\d{{1,2}}){_DAY_END}{_SUFFIX}"
)
_RANGE_JOINERS = frozenset("至到—–－-~～")
# Bylines ("来源：... 2020-04-10 21:43") carry the publication time, not an event.
_BYLINE = re.compile(r"(?:来源|作者|编辑|责编|责任编辑|发布时间|发布日期|发表时间)\s*[:：]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Where a label clause ends.
_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?：:\s（）()“”\"‘’]+")


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a sentence (before year resolution).

    Attributes
    ----------
    kind : str
        ``full`` (year written), ``month_day``, ``month`` (month only, maybe with
        a year), ``relative`` (次日, 当天 ...), ``time`` (a clock time alone) or
        ``continuation`` (the ``18日`` of ``2月16日和18日``).
    start, end : int
        Offsets of the expression in the sentence.
    text : str
        The expression as written.
    year, month, day : int or None
        The numbers as written (None where the expression has none).
    hour, minute : int or None
        The clock time, if given.
    part_of_day : str or None
        上午, 下午, 早, 晚上 ...
    offset_days : int
        For ``relative``: days after the last date (-1, 0 or 1).
    range_end : bool
        For ``continuation``: True when it closes a range (至/到/-), False when
        it is another day in a list (和/、/及).
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


def _clock(match: re.Match[str]) -> tuple[int | None, int | None]:
    """Hour and minute from a match of a pattern that embeds ``_CLOCK``; None if invalid."""
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


def _valid_day(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    # Without a year, 29 February is allowed (the year may be a leap year).
    probe_year = year if year is not None else 2000
    try:
        dt.date(probe_year, month, day)
    except ValueError:
        return False
    return True


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(text: str) -> int | None:
    """An Arabic (also full-width) or Chinese numeral up to 39 (十四, 二十八); None if malformed."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    tens_text, _, units_text = text.partition("十")
    tens = 1 if tens_text == "" else _CN_DIGITS.get(tens_text)
    units = 0 if units_text == "" else _CN_DIGITS.get(units_text)
    if tens is None or units is None or tens > 3:
        return None
    return tens * 10 + units


def _mention_from(match: re.Match[str], kind: str) -> DateMention | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    month = _number(groups["month"]) if groups.get("month") else None
    day = _number(groups["day"]) if groups.get("day") else None
    if month is None and groups.get("month") or day is None and groups.get("day"):
        return None
    hour, minute = _clock(match)
    end = match.end()
    if groups.get("hour") is not None and hour is None:
        # "3月5日25时" is no clock time: keep the date, drop the digits after it.
        end = match.start("hour")
    text = match.string[match.start():end]
    part = groups.get("part")
    if kind == "relative" and groups["word"] == "当晚":
        part = part or "晚"
    if kind in ("full", "month_day") and not _valid_day(year, month, day):
        return None
    if kind == "month" and not 1 <= month <= 12:
        return None
    if kind == "time" and hour is None:
        return None
    offset = _RELATIVE_WORDS[groups["word"]] if kind == "relative" else 0
    year_word = groups.get("year_word")
    return DateMention(kind, match.start(), end, text.rstrip(), year, month, day, hour, minute,
                       part, offset, year_offset=_YEAR_WORDS[year_word] if year_word else None)


def find_date_mentions(sentence: str) -> list[DateMention]:
    """Find the date expressions of one normalised sentence, in order.

    Full dates (``2022年3月21日``, ``2020-04-10``), month-days (``2月15日``,
    ``三月十四日``) with
    their part of day or clock time (``3月14日上午``, ``1月30日18时许``), further
    days of a list or range (``2月16日和18日``, ``3月14日至15日``), relative days
    (``次日7:03``, ``当天``), clock times alone (``至21:00``) and months alone
    (``5月开始``).  Numbers that are not dates (``14天``, ``80个社区``,
    ``15号令``, ``75%``) are left alone.  Years are not resolved here.

    Parameters
    ----------
    sentence : str
        A sentence of an article's normalised text.

    Returns
    -------
    list of DateMention
        Non-overlapping, sorted by ``start``.
    """
    candidates: list[tuple[int, DateMention]] = []
    # Earlier patterns win where matches overlap (a full date over its month-day).
    for priority, (pattern, kind) in enumerate((
        (_FULL_CN, "full"), (_FULL_ISO, "full"), (_MONTH_DAY, "month_day"),
        (_MONTH_DAY_CN, "month_day"),
        (_YEAR_MONTH, "month"), (_RELATIVE, "relative"), (_TIME_ONLY, "time"),
        (_MONTH_ONLY, "month"),
    )):
        for match in pattern.finditer(sentence):
            mention = _mention_from(match, kind)
            if mention is not None:
                candidates.append((priority, mention))
    taken: list[DateMention] = []
    for _, mention in sorted(candidates, key=lambda pm: (pm[0], pm[1].start)):
        if all(mention.end <= t.start or mention.start >= t.end for t in taken):
            taken.append(mention)
    taken.sort(key=lambda m: m.start)

    mentions: list[DateMention] = []
    for index, mention in enumerate(taken):
        if (mention.kind == "month_day" and mentions
                and mentions[-1].kind in ("full", "month_day", "continuation")
                and sentence[mentions[-1].end:mention.start].strip() in _RANGE_JOINERS):
            # "3月30日至4月2日": the second day closes a range.
            year = mentions[-1].year
            mentions.append(replace(mention, kind="continuation", year=year, range_end=True))
            continue
        mentions.append(mention)
        if mention.kind not in ("full", "month_day"):
            continue
        # Further days written after a dated day: 和18日, 至15日, 至4月2日.
        limit = taken[index + 1].start if index + 1 < len(taken) else len(sentence)
        position, month, year = mention.end, mention.month, mention.year
        while True:
            match = _CONTINUATION.match(sentence, position)
            if match is None or match.end() > limit:
                break
            if match.group("month"):
                month = int(match.group("month"))
            day = int(match.group("day"))
            if not _valid_day(year, month, day):
                break
            hour, minute = _clock(match)
            start = match.start("month") if match.group("month") else match.start("day")
            mentions.append(DateMention(
                "continuation", start, match.end(), sentence[start:match.end()].rstrip(),
                year, month, day, hour, minute, match.group("part"), 0,
                match.group("joiner") in _RANGE_JOINERS,
            ))
            position = match.end()
    return mentions


def resolve_year(month: int, day: int | None, published: str | dt.date | None) -> int | None:
    """The year of a date written without one, from the article's publication date.

    A month-day on or before the publication day belongs to the publication
    year; one after it, to the year before (an article of 2021-01-05 that
    mentions 12月28日 means 2020-12-28).  A month alone follows the same rule by
    month.  Without a publication date the year is unknown: None.

    Parameters
    ----------
    month : int
        1-12.
    day : int or None
        None for a month alone.
    published : str, datetime.date or None
        ISO ``YYYY-MM-DD`` publication date of the article.
    """
    publication = _publication_date(published)
    if publication is None:
        return None
    if day is None:
        return publication.year if month <= publication.month else publication.year - 1
    if (month, day) <= (publication.month, publication.day):
        return publication.year
    return publication.year - 1


def _year_of(mention: DateMention, publication: dt.date | None) -> int | None:
    """Year of a date written without one: 今年/去年 if said, else :func:`resolve_year`."""
    if mention.year_offset is not None:
        return publication.year + mention.year_offset if publication is not None else None
    return resolve_year(mention.month, mention.day, publication)  # type: ignore[arg-type]


def _publication_date(published: object) -> dt.date | None:
    if published is None or (isinstance(published, float) and pd.isna(published)):
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    text = str(published).strip()
    if not text or text.lower() in ("nan", "none", "nat"):
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise HelpersError(
            f"publication date {text!r} is not ISO YYYY-MM-DD; fix it in seeds/metadata.yaml"
        ) from None


# --- events ----------------------------------------------------------------


@dataclass(frozen=True)
class _Day:
    """The date an expression stands for: ``year`` None when unresolved."""

    year: int | None
    month: int
    day: int

    def shifted(self, days: int) -> "_Day":
        # Unknown years are counted in a leap year, so 2月28日 + 1 day is 2月29日.
        base = dt.date(self.year if self.year is not None else 2000, self.month, self.day)
        moved = base + dt.timedelta(days=days)
        if self.year is None:
            return _Day(None, moved.month, moved.day)
        return _Day(moved.year, moved.month, moved.day)

    def iso(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _label(sentence: str, start: int, end: int, max_chars: int = 16) -> str:
    """A few words of the sentence that say what happened on the date at ``start:end``.

    The clause after the date when it has some substance, else the clause
    before it; cut at ``max_chars`` characters with an ellipsis.
    """
    # Words that only tie what follows to the date ("9:30前党员...", "起，") say nothing.
    following = re.sub(r"^(?:前|后|起|以来|开始|的)(?=[\u4e00-\u9fff]{4})", "", sentence[end:])
    after = [c for c in _CLAUSE_BREAK.split(following) if c]
    before = [c for c in _CLAUSE_BREAK.split(sentence[:start]) if c]
    candidates = [c for c in after[:3] if len(c) >= 6] + [c for c in reversed(before[-2:])
                                                          if len(c) >= 6]
    clause = candidates[0] if candidates else (after[0] if after else (before[-1] if before
                                                                      else sentence))
    return clause if len(clause) <= max_chars else clause[: max_chars - 1] + "…"


def _dateline(sentence: str, publication: dt.date | None) -> int | None:
    """Offset of a page's dateline in ``sentence``, or None.

    A full date equal to the publication date, in a line with no clause
    punctuation and little else (``上一篇 下一篇 2022年3月21日 放大 缩小 默认``),
    is the page's date, not an event.
    """
    if publication is None:
        return None
    for mention in find_date_mentions(sentence):
        if (mention.kind == "full"
                and (mention.year, mention.month, mention.day)
                == (publication.year, publication.month, publication.day)):
            rest = sentence[:mention.start] + sentence[mention.end:]
            if len(_CJK.findall(rest)) < 20 and not re.search(r"[，,。；;！!？?]", rest):
                return mention.start
    return None


def _article_events(
    article_id: str, city: str, published: object, sentences: pd.DataFrame
) -> tuple[list[dict[str, object]], bool]:
    """Events of one article, and whether any of them kept an unresolved year."""
    publication = _publication_date(published)
    rows: list[dict[str, object]] = []
    anchor: _Day | None = None
    unresolved = False
    for sentence_row in sentences.sort_values("sentence_no").itertuples(index=False):
        sentence = str(sentence_row.sentence)
        if _BYLINE.search(sentence):
            continue
        dateline = _dateline(sentence, publication)
        previous_day: _Day | None = None  # the day a continuation adds to
        previous_row: dict[str, object] | None = None
        for mention in find_date_mentions(sentence):
            if mention.start == dateline:
                continue
            precision = "day"
            end_date: str | None = None
            if mention.kind == "full":
                day = _Day(mention.year, mention.month, mention.day)  # type: ignore[arg-type]
            elif mention.kind == "month_day":
                year = _year_of(mention, publication)
                day = _Day(year, mention.month, mention.day)  # type: ignore[arg-type]
            elif mention.kind == "continuation":
                if previous_day is None:
                    continue
                if previous_day.year is None:
                    year = None
                elif (mention.month, mention.day) < (previous_day.month, previous_day.day):
                    year = previous_day.year + 1  # 12月30日至1月2日
                else:
                    year = previous_day.year
                day = _Day(year, mention.month, mention.day)  # type: ignore[arg-type]
                if mention.range_end and previous_row is not None:
                    previous_row["end_date"] = day.iso()
                    previous_row["end"] = int(sentence_row.start) + mention.end
                    previous_row["expression"] = sentence[
                        int(previous_row["start"]) - int(sentence_row.start):mention.end]
                    anchor = previous_day = day
                    continue
            elif mention.kind in ("relative", "time"):
                if anchor is None:
                    continue  # nothing to count from: not placeable, not an event
                day = anchor.shifted(mention.offset_days)
            else:  # month
                year = mention.year
                if year is None:
                    year = _year_of(mention, publication)
                precision = "month"
                day = _Day(year, mention.month, 1)  # type: ignore[arg-type]
            if mention.hour is not None:
                precision = "time"
            if precision == "month":
                date = (f"{day.year:04d}-{day.month:02d}" if day.year is not None
                        else f"--{day.month:02d}")
            else:
                date = day.iso()
                anchor = previous_day = day
            unresolved = unresolved or day.year is None
            start = int(sentence_row.start) + mention.start
            row: dict[str, object] = {
                "id": article_id,
                "city": city,
                "date": date,
                "end_date": end_date,
                "precision": precision,
                "time": (f"{mention.hour:02d}:{mention.minute:02d}"
                         if mention.hour is not None else None),
                "part_of_day": mention.part_of_day,
                "year_resolved": day.year is not None,
                "year": day.year,
                "month": day.month,
                "day": None if precision == "month" else day.day,
                "kind": mention.kind,
                "expression": mention.text,
                "sentence_no": int(sentence_row.sentence_no),
                "sentence": sentence,
                "start": start,
                "end": int(sentence_row.start) + mention.end,
                "label": _label(sentence, mention.start, mention.end),
            }
            rows.append(row)
            previous_row = row
    return rows, unresolved


def extract_events(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Dated events of every article, years resolved from the publication date.

    Parameters
    ----------
    articles : DataFrame
        ``Corpus.articles``; uses ``id``, ``city`` and ``published`` (ISO or None).
    sentences : DataFrame
        ``Corpus.sentences``; uses ``id``, ``sentence_no``, ``start`` and
        ``sentence`` (offsets into the article's normalised ``text``).

    Returns
    -------
    DataFrame
        One row per event, columns :data:`EVENT_COLUMNS`: ``id`` (article),
        ``event_no`` (0-based within the article), ``city``, ``date`` (see the
        module docstring), ``end_date`` (last day of a range such as
        ``3月14日至15日``, else None), ``precision`` (``day`` | ``month`` |
        ``time``), ``time`` (``HH:MM`` or None), ``part_of_day`` (上午 ... or
        None), ``year_resolved``, ``year``/``month``/``day`` (nullable ints),
        ``kind`` (see :class:`DateMention`), ``expression`` (as written),
        ``sentence_no``, ``sentence``, ``start``/``end`` (offsets of the
        expression in the article's ``text``) and ``label`` (a few words of the
        sentence saying what happened).  Sorted by ``id`` and text order.

    Warns
    -----
    UnresolvedYearWarning
        Once per article that has events but no publication date; those
        events keep ``year_resolved`` False.

    Raises
    ------
    HelpersError
        If a column is missing or a publication date is not ISO.
    """
    for frame, name, needed in ((articles, "articles", ("id", "city", "published")),
                                (sentences, "sentences", ("id", "sentence_no", "start",
                                                          "sentence"))):
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise HelpersError(
                f"{name} table lacks column(s) {', '.join(missing)}; pass Corpus.{name} "
                f"from helpers.corpus.read_corpus()"
            )
    grouped = {key: group for key, group in sentences.groupby("id", sort=False)}
    rows: list[dict[str, object]] = []
    for article in articles.sort_values("id").itertuples(index=False):
        article_sentences = grouped.get(article.id)
        if article_sentences is None:
            continue
        article_rows, unresolved = _article_events(
            str(article.id), str(article.city), article.published, article_sentences
        )
        for number, row in enumerate(article_rows):
            row["event_no"] = number
        rows.extend(article_rows)
        if unresolved:
            warnings.warn(
                f"article {article.id}: no publication date, so "
                f"{sum(not r['year_resolved'] for r in article_rows)} event(s) keep an "
                f"unresolved year; add `published` for {article.id} in seeds/metadata.yaml",
                UnresolvedYearWarning,
                stacklevel=2,
            )
    events = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for column in ("year", "month", "day"):
        events[column] = events[column].astype("Int64")
    for column in ("event_no", "sentence_no", "start", "end"):
        events[column] = events[column].astype("int64")
    events["year_resolved"] = events["year_resolved"].astype(bool)
    return events.reset_index(drop=True)


def select_events(
    events: pd.DataFrame,
    *,
    cities: Iterable[str] | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    known_cities: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The events of some cities and/or a date range (inclusive, ISO dates).

    ``cities`` are checked against ``known_cities`` (the corpus's cities, so a
    city whose articles report no dated event selects nothing rather than
    failing), or against the cities in ``events`` when it is not given.

    With ``start`` or ``end``, events whose year is unresolved are left out
    (they cannot be placed in a range); without, they are kept.  A
    month-precision event is in the range if any day of its month is.

    Raises
    ------
    HelpersError
        If a city is not in the table or a date is not ISO.
    """
    selected = events
    if cities is not None:
        wanted = [str(c) for c in cities]
        known = set(events["city"].astype(str)) if known_cities is None else {str(c) for c in known_cities}
        unknown = [c for c in wanted if c not in known]
        if unknown:
            raise HelpersError(
                f"no events for {', '.join(unknown)}; choose cities from "
                f"{', '.join(sorted(known))} (Chinese names as in the corpus)"
            )
        selected = selected[selected["city"].astype(str).isin(wanted)]
    if start is None and end is None:
        return selected.reset_index(drop=True)
    first = _range_bound(start, "start") or dt.date.min
    last = _range_bound(end, "end") or dt.date.max
    keep = []
    for row in selected.itertuples(index=False):
        if not row.year_resolved:
            keep.append(False)
            continue
        if row.precision == "month":
            month_start = dt.date(int(row.year), int(row.month), 1)
            month_end = (month_start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            keep.append(month_start <= last and month_end - dt.timedelta(days=1) >= first)
            continue
        day = dt.date.fromisoformat(str(row.date))
        until = (dt.date.fromisoformat(str(row.end_date))
                 if isinstance(row.end_date, str) else day)
        keep.append(day <= last and until >= first)
    return selected[keep].reset_index(drop=True)


def _range_bound(value: object, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise HelpersError(f"{name} date {value!r} is not ISO; write YYYY-MM-DD") from None


# --- reference events ------------------------------------------------------

_REFERENCE_KEYS = {
    "id": True, "start": True, "end": False, "name_zh": True, "name_en": True,
    "scope": True, "cities": False, "source": True, "note": False,
}


def load_reference_events(path: str | Path | None = None) -> pd.DataFrame:
    """National and local reference events from ``data/reference_events.yaml``.

    Parameters
    ----------
    path : path, optional
        Another file in the same format (the packaged one by default).

    Returns
    -------
    DataFrame
        Columns :data:`REFERENCE_COLUMNS`; ``start``/``end`` are
        ``datetime.date`` (``end`` None for a one-day event), ``cities`` a
        list of the cities whose timelines show the event (empty for
        national events, which every timeline shows).  Sorted by ``start``.

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix, for any invalid entry.
    """
    import yaml

    source = Path(path) if path is not None else data_file("reference_events.yaml")
    name = source.name if path is None else str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HelpersError(f"{name}: file not found; restore it from git") from None
    except UnicodeDecodeError:
        raise HelpersError(f"{name}: not UTF-8; save it as UTF-8") from None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise HelpersError(
            f"{name}{line}: invalid YAML ({getattr(exc, 'problem', exc)}); check indentation "
            f"and quoting"
        ) from None
    if (root is None or not isinstance(root, yaml.MappingNode)
            or [k.value for k, _ in root.value] != ["events"]):
        raise HelpersError(f"{name}:1: the file must hold one key `events:` with a list of "
                           f"entries; see the header comment")
    entries = root.value[0][1]
    if not isinstance(entries, yaml.SequenceNode):
        raise HelpersError(f"{name}:{entries.start_mark.line + 1}: `events:` must be a list "
                           f"of entries starting with `- id:`")
    rows = []
    seen: set[str] = set()
    for node in entries.value:
        rows.append(_reference_row(node, name, seen))
    frame = pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))
    return frame.sort_values(["start", "id"]).reset_index(drop=True)


def _reference_row(node: object, name: str, seen: set[str]) -> dict[str, object]:
    import yaml

    line = node.start_mark.line + 1  # type: ignore[attr-defined]
    if not isinstance(node, yaml.MappingNode):
        raise HelpersError(f"{name}:{line}: each event must be a mapping (`- id: ...`)")
    entry: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        lines[key] = key_node.start_mark.line + 1
        if key not in _REFERENCE_KEYS:
            raise HelpersError(
                f"{name}:{lines[key]}: unknown key {key!r}; allowed keys are "
                f"{', '.join(_REFERENCE_KEYS)}"
            )
        try:
            entry[key] = yaml.safe_load(yaml.serialize(value_node))
        except ValueError:  # a date-like value that is no date, e.g. 2020-13-45
            entry[key] = value_node.value
    for key, required in _REFERENCE_KEYS.items():
        if required and entry.get(key) in (None, ""):
            raise HelpersError(f"{name}:{line}: event lacks `{key}`; add it (see the header)")
    event_id = str(entry["id"])
    if event_id in seen:
        raise HelpersError(f"{name}:{lines['id']}: duplicate id {event_id!r}; ids must be unique")
    seen.add(event_id)

    def as_date(key: str) -> dt.date | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise HelpersError(
                f"{name}:{lines[key]}: `{key}: {value}` is not a date; write YYYY-MM-DD"
            ) from None

    start, end = as_date("start"), as_date("end")
    if end is not None and end < start:  # type: ignore[operator]
        raise HelpersError(f"{name}:{lines['end']}: `end` {end} is before `start` {start}; "
                           f"swap or fix them")
    for key in ("name_zh", "name_en", "scope", "source"):
        if not isinstance(entry[key], str):
            raise HelpersError(f"{name}:{lines[key]}: `{key}` must be text; quote it")
    cities = entry.get("cities") or []
    if not isinstance(cities, list) or not all(isinstance(c, str) for c in cities):
        raise HelpersError(f"{name}:{lines.get('cities', line)}: `cities` must be a list of "
                           f"city names, e.g. [武汉, 孝感]")
    scope = str(entry["scope"])
    if scope != "national" and not cities:
        cities = [scope]
    return {
        "id": event_id, "start": start, "end": end, "name_zh": entry["name_zh"],
        "name_en": entry["name_en"], "scope": scope, "cities": list(cities),
        "source": entry["source"], "note": entry.get("note"),
    }


def reference_events_for(references: pd.DataFrame, cities: Iterable[str] | None) -> pd.DataFrame:
    """The reference events a timeline of ``cities`` shows: national ones and theirs.

    ``cities`` None means every city, so every event.
    """
    if cities is None:
        return references
    wanted = {_bare_city(c) for c in cities}
    keep = [row.scope == "national" or any(_bare_city(c) in wanted for c in row.cities)
            for row in references.itertuples(index=False)]
    return references[keep].reset_index(drop=True)


def _bare_city(name: str) -> str:
    """``武汉市`` and ``武汉`` name the same city."""
    name = str(name).strip()
    return name[:-1] if len(name) > 2 and name.endswith("市") else name
