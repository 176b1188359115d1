"""Dated events out of the articles' text, with years resolved.

:func:`extract_events` walks every article's sentences in order, finds their
date expressions (:mod:`helpers.analysis.dates`), attaches times and relative
days (``次日``, ``当天``) to the date they belong to, resolves the year of
month-day dates from the article's publication date, and returns one row per
event.

Date column
-----------
``date`` is ISO 8601: ``YYYY-MM-DD`` (precision ``day`` or ``time``, and the
first day of a span of precision ``month_part`` or ``week``, whose last day is
``end_date``) or ``YYYY-MM`` (precision ``month``).  When the year cannot be resolved (the
article has no publication date) the ISO 8601 truncated forms ``--MM-DD`` and
``--MM`` are used, ``year_resolved`` is False and ``year`` is missing; the
``month`` and ``day`` columns always hold the numbers as written.  A year is
never guessed.

A day written without its month (``3月22日……23日上午``) takes the last month the
article mentioned before it, in the same sentence or an earlier one; with no
month before it, the publication month if the day is not after the
publication day; otherwise it is left out, as a date that cannot be supported.
The day of a dispatch line (``中新网石家庄1月11日电``,
:mod:`helpers.corpus.dispatch`) is the day the report was filed, not an event:
it is left out, but its month is the one a later bare day takes.

Dates in words (:mod:`helpers.analysis.date_words`: 春节以来, 正月初十, 4月底,
明天, 下周一) are events too; 今天 and its kin count from the day the article
was written (its dispatch line's day, else its exact publication date).

Against the publication date
----------------------------
``status`` says where an event lies: ``reported`` (on or before the
publication date), ``announced`` (after it: a notice's testing days, a plan)
or ``clipped`` (begun by then, its month, part of a month or range running
past it: ``end_date`` is cut to the publication date, since an article cannot
report what had not yet happened; ``北京市从5月开始常态化核酸检测`` in an
article of 20 May runs from 1 to 20 May).  None where it cannot be said
(no publication date or year, or one that is only a bound or approximation).

An announced date is no event the article reports: :func:`extract_events`
leaves it out, so no event lies after its article's publication date, and
:func:`extract_dates` returns it apart, in ``announcements`` (same columns).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from helpers.analysis.date_mention import PART_HOURS, DateMention, Day
from helpers.analysis.date_words import WORD_KINDS, resolve_word
from helpers.analysis.dates import find_date_mentions, parse_publication_date, resolve_year, year_of
from helpers.analysis.labels import event_label
from helpers.corpus.cities import check_cities
from helpers.corpus.dispatch import DISPATCH_LINES, dispatch_date, read_dispatch
from helpers.errors import HelpersError
from helpers.script import HAN_CHAR

if TYPE_CHECKING:
    import jieba

#: Columns of :func:`extract_events` (and of ``announcements``), in order.
EVENT_COLUMNS: tuple[str, ...] = ("id", "event_no", "city", "date", "end_date", "status", "precision", "time",
                                  "part_of_day", "year_resolved", "year", "month", "day", "kind", "expression",
                                  "sentence_no", "sentence", "start", "end", "label")


class UnresolvedYearWarning(UserWarning):
    """An article's month-day dates keep an unresolved year (it has no publication date)."""


_DEADLINE = re.compile(r"(?:之前|以前|前)")
_BYLINE = re.compile(r"(?:来源|作者|编辑|责编|责任编辑|发布时间|发布日期|发表时间)\s*[:：]")


def _dateline(sentence: str, mentions: list[DateMention], publication: dt.date | None) -> int | None:
    """Offset of a page's dateline in ``sentence``, or None.

    A full date equal to the publication date, in a line with no clause
    punctuation and little else (``上一篇 下一篇 2022年3月21日 放大 缩小 默认``),
    is the page's date, not an event.
    """
    if publication is None:
        return None
    for mention in mentions:
        if (mention.kind == "full"
                and (mention.year, mention.month, mention.day)
                == (publication.year, publication.month, publication.day)):
            rest = sentence[:mention.start] + sentence[mention.end:]
            if len(HAN_CHAR.findall(rest)) < 20 and not re.search(r"[，,。；;！!？?]", rest):
                return mention.start
    return None


def _bare_day(mention: DateMention, month: tuple[int | None, int] | None,
              publication: dt.date | None) -> Day | None:
    """The date of a day written without its month (see the module docstring), or None."""
    if month is not None:
        year, number = month
    elif publication is not None and int(mention.day) <= publication.day:  # type: ignore[arg-type]
        year, number = publication.year, publication.month
    else:
        return None
    if not _exists(year, number, int(mention.day)):  # type: ignore[arg-type]
        return None  # 31日 of a month of 30 days
    return Day(year, number, int(mention.day))  # type: ignore[arg-type]


def _exists(year: int | None, month: int, day: int) -> bool:
    """Whether the day exists (in a leap year when the year is unknown)."""
    try:
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return False
    return True


def _dispatch_day(sentences: pd.DataFrame) -> dt.date | None:
    """The day of the article's dispatch line when the body's full dates support its year (else None)."""
    ordered = sentences.sort_values("sentence_no")["sentence"].astype(str).tolist()
    for sentence in ordered[:DISPATCH_LINES]:
        dispatch = read_dispatch(sentence)
        if dispatch is not None and dispatch.dated:
            day = dispatch_date(dispatch, "\n".join(ordered))
            return dt.date.fromisoformat(day) if day else None
    return None


def _article_events(
    article_id: str, city: str, published: object, qualifier: str | None, sentences: pd.DataFrame,
    tokenizer: jieba.Tokenizer | None = None,
) -> tuple[list[dict[str, object]], bool]:
    """Events of one article, and whether any of them kept an unresolved year."""
    publication = parse_publication_date(published)
    # The day the article was written, for 今天 and 本周: the publication date when it is exact,
    # the dispatch line's day when the article has one.
    today = publication if qualifier is None else None
    # Without a publication date, a dispatch line's day whose year the body's dates support
    # (中新网石家庄1月11日电 after 2021年1月10日晚) dates the article's other days; it is
    # no publication date (nothing is clipped or announced against it).
    written = publication if publication is not None else _dispatch_day(sentences)
    rows: list[dict[str, object]] = []
    anchor: Day | None = None
    last_month: tuple[int | None, int] | None = None  # (year, month) a bare day takes
    unresolved = False
    for index, sentence_row in enumerate(sentences.sort_values("sentence_no").itertuples(index=False)):
        sentence = str(sentence_row.sentence)
        if _BYLINE.search(sentence):
            continue
        mentions = find_date_mentions(sentence)
        dateline = _dateline(sentence, mentions, publication)
        dispatch = read_dispatch(sentence) if index < DISPATCH_LINES else None
        if dispatch is not None and dispatch.dated:
            year = dispatch.year or resolve_year(int(dispatch.month), dispatch.day, written)  # type: ignore[arg-type]
            last_month = (year, int(dispatch.month))  # type: ignore[arg-type]
            if year is not None:
                today = dt.date(year, int(dispatch.month), int(dispatch.day))  # type: ignore[arg-type]
        previous_day: Day | None = None  # the day a continuation adds to
        previous_row: dict[str, object] | None = None
        for mention in mentions:
            if mention.start == dateline:
                continue
            if dispatch is not None and dispatch.dated and mention.start < int(dispatch.end):
                continue  # the day the report was filed
            precision = "day"
            end_date: str | None = None
            ahead = False  # a span from the day of writing forward (本周内)
            if mention.kind == "full":
                day = Day(mention.year, mention.month, mention.day)  # type: ignore[arg-type]
            elif mention.kind == "month_day":
                year = year_of(mention, written)
                day = Day(year, mention.month, mention.day)  # type: ignore[arg-type]
            elif mention.kind == "day":
                bare = _bare_day(mention, last_month, written)
                if bare is None:
                    continue  # no month to place it in: not an event
                day = bare
            elif mention.kind == "continuation":
                if previous_day is None:
                    continue
                month = mention.month if mention.month is not None else previous_day.month
                if previous_day.year is None:
                    year = None
                elif (month, mention.day) < (previous_day.month, previous_day.day):
                    year = previous_day.year + 1  # 12月30日至1月2日
                else:
                    year = previous_day.year
                if not _exists(year, month, int(mention.day)):  # type: ignore[arg-type]
                    continue  # 30日 after a bare day of February
                day = Day(year, month, mention.day)  # type: ignore[arg-type]
                if mention.range_end and previous_row is not None:
                    previous_row["end_date"] = day.iso()
                    previous_row["end"] = int(sentence_row.start) + mention.end
                    previous_row["expression"] = sentence[
                        int(previous_row["start"]) - int(sentence_row.start):mention.end]
                    anchor = previous_day = day
                    last_month = (day.year, day.month)
                    continue
            elif mention.kind in ("relative", "time"):
                if anchor is None:
                    continue  # nothing to count from: not placeable, not an event
                day = anchor.shifted(mention.offset_days)
            elif mention.kind in WORD_KINDS:
                resolved = resolve_word(mention, publication=written, today=today, last_month=last_month)
                if resolved is None:
                    continue  # a holiday or 明天 with no date to count from
                day, precision, ahead = resolved.start, resolved.precision, resolved.ahead
                end_date = resolved.end.iso() if resolved.end is not None else None
            else:  # month
                year = mention.year
                if year is None:
                    year = year_of(mention, written)
                precision = "month"
                day = Day(year, mention.month, 1)  # type: ignore[arg-type]
            if mention.hour is not None:
                precision = "time"
            if precision == "month":
                date = (f"{day.year:04d}-{day.month:02d}" if day.year is not None
                        else f"--{day.month:02d}")
            elif precision in ("month_part", "week"):
                date = day.iso()  # a span: 次日 cannot count from it
            else:
                date = day.iso()
                anchor = previous_day = day
            last_month = (day.year, day.month)
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
                "day": day.day if precision in ("day", "time") else None,
                "kind": mention.kind,
                "expression": mention.text,
                "sentence_no": int(sentence_row.sentence_no),
                "sentence": sentence,
                "start": start,
                "end": int(sentence_row.start) + mention.end,
                "label": event_label(sentence, mention.start, mention.end,
                                     [(m.start, m.end) for m in mentions if m is not mention], tokenizer),
                # 本周内, or a deadline (4月底前完成): a span still running is a plan, not cut.
                "_ahead": ahead or _DEADLINE.match(sentence, mention.end) is not None,
            }
            rows.append(row)
            previous_row = row
    for row in rows:
        _place(row, publication, qualifier)
    return rows, unresolved


def _span(row: dict[str, object]) -> tuple[dt.date, dt.date] | None:
    """First and last day of an event with a known year (a month runs to its last day)."""
    if not row["year_resolved"]:
        return None
    if row["precision"] == "month":
        first = dt.date(int(row["year"]), int(row["month"]), 1)  # type: ignore[arg-type]
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    else:
        first = last = dt.date.fromisoformat(str(row["date"]))
    if isinstance(row["end_date"], str) and not row["end_date"].startswith("--"):
        last = dt.date.fromisoformat(row["end_date"])
    return first, last


def _place(row: dict[str, object], publication: dt.date | None, qualifier: str | None) -> None:
    """Set the event's ``status`` against the publication date, and cut a span that runs past it.

    ``reported``: it lies on or before the publication date; ``announced``: it begins
    after it (a notice, a plan), or it is a deadline or a span from the day of writing
    that runs past it (4月底前, 本周内); ``clipped``: it began by then and its span (a
    month, a part of one, a range) ran past it, so ``end_date`` becomes the publication
    date: an article cannot report what had not happened yet.  None where it cannot be said: no
    publication date or year, or a publication date that is only a bound or approximate
    on the side that matters (an earliest-possible date cuts nothing).
    """
    span = _span(row)
    row["status"] = None
    ahead = row.pop("_ahead", False)
    if span is None or publication is None or qualifier == "approximate":
        return
    first, last = span
    if first > publication or (ahead and last > publication):
        row["status"] = "announced" if qualifier in (None, "on_or_before") else None
    elif last <= publication:
        row["status"] = "reported" if qualifier in (None, "on_or_after") else None
    elif qualifier is None:
        row["status"] = "clipped"
        row["end_date"] = publication.isoformat()


class ArticleDates(NamedTuple):
    """The dates of the articles on either side of their publication (:func:`extract_dates`)."""

    events: pd.DataFrame         # what the articles report: on or before publication, or unplaceable
    announcements: pd.DataFrame  # what they announce for after it (status ``announced``)


def extract_events(articles: pd.DataFrame, sentences: pd.DataFrame,
                   tokenizer: jieba.Tokenizer | None = None) -> pd.DataFrame:
    """The events the articles report: :func:`extract_dates` without the announcements.

    No event lies after its article's publication date.
    """
    return _extract(articles, sentences, tokenizer).events


def extract_dates(articles: pd.DataFrame, sentences: pd.DataFrame,
                  tokenizer: jieba.Tokenizer | None = None) -> ArticleDates:
    """Dated events of every article, years resolved from the publication date, and its announcements.

    Parameters
    ----------
    articles : DataFrame
        ``Corpus.articles``; uses ``id``, ``city`` and ``published`` (ISO or None).
    sentences : DataFrame
        ``Corpus.sentences``; uses ``id``, ``sentence_no``, ``start`` and
        ``sentence`` (offsets into the article's normalised ``text``).
    tokenizer : jieba.Tokenizer, optional
        The project's tokenizer, whose parts of speech find the labels' verbs
        (default :func:`helpers.text.segment.get_tokenizer`).

    Returns
    -------
    ArticleDates
        ``events`` and ``announcements``, two tables with the same columns,
        :data:`EVENT_COLUMNS`, one row per date: ``id`` (article),
        ``event_no`` (0-based within the article, counted over both tables, so
        it names one date of the article), ``city``, ``date`` (see the
        module docstring), ``end_date`` (last day of a range such as
        ``3月14日至15日`` or of a span, cut at the publication date, else None),
        ``status`` (``reported`` | ``clipped`` | None in ``events``,
        ``announced`` in ``announcements``; see the module docstring),
        ``precision`` (``day`` | ``time`` | ``month`` | ``month_part`` |
        ``week``), ``time`` (``HH:MM`` or None), ``part_of_day`` (上午 ... or
        None), ``year_resolved``, ``year``/``month``/``day`` (nullable ints),
        ``kind`` (see :class:`DateMention`), ``expression`` (as written),
        ``sentence_no``, ``sentence``, ``start``/``end`` (offsets of the
        expression in the article's ``text``) and ``label`` (what happened: the
        clause holding the date with its main verb and object,
        :func:`helpers.analysis.labels.event_label`).  Sorted by ``id`` and text order.

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
    return _extract(articles, sentences, tokenizer)


def _extract(articles: pd.DataFrame, sentences: pd.DataFrame,
             tokenizer: jieba.Tokenizer | None) -> ArticleDates:
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
        qualifier = getattr(article, "published_qualifier", None)
        article_rows, unresolved = _article_events(
            str(article.id), str(article.city), article.published,
            qualifier if isinstance(qualifier, str) and qualifier else None, article_sentences, tokenizer
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
                stacklevel=3,  # the caller of extract_events or extract_dates
            )
    events = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for column in ("end_date", "time", "part_of_day"):  # objects with None, however many are missing (the store)
        events[column] = events[column].astype(object).where(events[column].notna(), None)
    for column in ("year", "month", "day"):
        events[column] = events[column].astype("Int64")
    for column in ("event_no", "sentence_no", "start", "end"):
        events[column] = events[column].astype("int64")
    events["year_resolved"] = events["year_resolved"].astype(bool)
    announced = (events["status"] == "announced").to_numpy()
    return ArticleDates(events[~announced].reset_index(drop=True), events[announced].reset_index(drop=True))


def chronological(events: pd.DataFrame) -> pd.DataFrame:
    """The events in date order: by first day, then time of day (a whole day before its hours).

    A month counts from its first day.  Events whose year is unresolved come last, in
    text order, as do ties (the sort is stable).
    """
    if events.empty:
        return events.reset_index(drop=True)

    def key(row) -> tuple[int, str, int]:
        if not bool(row.year_resolved):
            return (1, "", -1)
        first = f"{row.date}-01" if row.precision == "month" else str(row.date)
        if isinstance(row.time, str):
            hour, minute = (int(part) for part in row.time.split(":"))
            return (0, first, hour * 60 + minute)
        part = getattr(row, "part_of_day", None)
        return (0, first, PART_HOURS[part] * 60 if isinstance(part, str) and part in PART_HOURS else -1)

    keys = [key(row) for row in events.itertuples(index=False)]
    order = sorted(range(len(events)), key=keys.__getitem__)
    return events.iloc[order].reset_index(drop=True)


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
        known = events["city"].astype(str) if known_cities is None else known_cities
        wanted = check_cities(cities, known)
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
            month_end = ((month_start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                         - dt.timedelta(days=1))
            if isinstance(row.end_date, str):
                month_end = dt.date.fromisoformat(row.end_date)  # cut at the publication date
            keep.append(month_start <= last and month_end >= first)
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
