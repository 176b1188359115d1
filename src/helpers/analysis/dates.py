"""Where are dates parsed?  Here: the date expressions of one sentence, and the year of a date written without one.

:func:`find_date_mentions` finds full dates (``2022年3月21日``, ``2020-04-10``),
month-days (``2月15日``, ``三月十四日``), further days of a list or range, bare
days (``23日``, whose month comes from what the article said before), relative
days (``次日``, ``当天``), clock times and months in one normalised sentence,
and, through :mod:`helpers.analysis.date_words`, dates written in words
(holidays, lunar dates, parts of a month, 今天/明天, weeks);
:func:`resolve_year` gives a month-day its year from the article's publication
date (:data:`~helpers.analysis.date_mention.AFTER_PUBLICATION_DAYS` says how far after it a date of the same
year may lie).  :mod:`helpers.analysis.events` turns them into the events of an article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pandas as pd

from helpers.analysis.date_mention import CLOCK as _CLOCK
from helpers.analysis.date_mention import CN_NUMBER as _CN_NUMBER
from helpers.analysis.date_mention import DAY_END as _DAY_END
from helpers.analysis.date_mention import PART_OF_DAY as _PART_OF_DAY
from helpers.analysis.date_mention import SUFFIX as _SUFFIX
from helpers.analysis.date_mention import YEAR_WORD as _YEAR_WORD
from helpers.analysis.date_mention import YEAR_WORDS as _YEAR_WORDS
from helpers.analysis.date_mention import DateMention, nearest_occurrence
from helpers.analysis.date_mention import clock as _clock
from helpers.analysis.date_mention import number as _number
from helpers.analysis.date_mention import valid_day as _valid_day
from helpers.analysis.date_words import find_word_mentions
from helpers.errors import HelpersError

_FULL_CN = re.compile(
    rf"(?<!\d)(?P<year>\d{{4}})年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}}){_DAY_END}{_SUFFIX}"
)
_FULL_ISO = re.compile(
    r"(?<![\d./-])(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d./-])"
    rf"(?:\s*{_CLOCK})?"
)
_YEAR_MONTH = re.compile(r"(?<!\d)(?P<year>\d{4})年(?P<month>\d{1,2})月(?!\d)")
_MONTH_DAY = re.compile(
    rf"(?<![\d年./-]){_YEAR_WORD}(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}}){_DAY_END}{_SUFFIX}"
)
# Month-days in Chinese numerals (三月十四日, 十二月二十八日), with their part of day.
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
# A day in Chinese numerals of two characters or more (十四日, 二十三日, as Hong Kong, Macau and older
# mainland styles write it); 一日 and 十日 are as often "one day" or "ten days" (一日三餐).
_CN_BARE_DAY = "[二三]?十[一二三四五六七八九]|[二三]十"
# A day without its month ("3月22日……23日上午"): only where a clause starts, or after a word
# that introduces a day (记者3日从…获悉: the day the reporter learnt it),
# so 近14日, 连续7日, 每月15日, 第3日 and 14日内 (durations) are left alone.
_BARE_DAY = re.compile(
    r"(?:^|(?<=[，,。；;：:、\s（()）“”\"])|(?<=[于在至到自从])|(?<=截至|截止|同月|本月|当月|记者))"
    rf"(?P<day>\d{{1,2}}|{_CN_BARE_DAY})日{_SUFFIX}(?!\d|内|以内|之内|以上|左右)"
)
# (or after the one who did something on it, in the agencies' style: 国务院联防联控机制20日召开新闻发布会,
# 市卫健委10日通报: a day right after a word, not after one of counting (近, 连续, 每, 第, 共, 满) or a verb's
# 了, and right before a verb of announcing or reporting, or a part of day)
_SUBJECT_DAY = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![近续每第共约满达隔去前后余多几数个月周年了])"
    r"(?P<day>\d{1,2})日(?=(?:凌晨|上午|中午|下午|傍晚|晚间|晚上|夜间|晚)"
    r"|召开|举行|发布|宣布|通报|印发|下发|出台|公布|报告|新增|确诊|表示|介绍)"
)
# Bylines ("来源：... 2020-04-10 21:43") carry the publication time, not an event.



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
    if kind == "day" and not 1 <= day <= 31:
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
    (``次日7:03``, ``当天``), clock times alone (``至21:00``), months alone
    (``5月开始``) and dates in words (:func:`helpers.analysis.date_words.find_word_mentions`:
    ``春节以来``, ``正月初十``, ``4月底``, ``明天上午``, ``下周一``).  Numbers that are
    not dates (``14天``, ``80个社区``, ``15号令``, ``75%``) are left alone.  Years are
    not resolved here.

    Parameters
    ----------
    sentence : str
        A sentence of an article's normalised text.

    Returns
    -------
    list of DateMention
        Non-overlapping, sorted by ``start``.
    """
    # Earlier patterns win where matches overlap (a full date over its month-day); dates in
    # words come after the numeric days and before months (4月底 is a part of April, not April).
    numbers = (
        (_FULL_CN, "full"), (_FULL_ISO, "full"), (_MONTH_DAY, "month_day"), (None, "words"),
        (_MONTH_DAY_CN, "month_day"),
        (_YEAR_MONTH, "month"), (_RELATIVE, "relative"), (_TIME_ONLY, "time"),
        (_MONTH_ONLY, "month"), (_BARE_DAY, "day"), (_SUBJECT_DAY, "day"),
    )
    candidates: list[tuple[int, DateMention]] = []
    for priority, (pattern, kind) in enumerate(numbers):
        if pattern is None:
            candidates += [(priority, mention) for mention in find_word_mentions(sentence)]
            continue
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
    consumed = 0  # end of the last run of further days: a bare day inside it is one of them
    for index, mention in enumerate(taken):
        if mention.start < consumed:
            continue
        if (mention.kind == "month_day" and mentions
                and mentions[-1].kind in ("full", "month_day", "continuation")
                and sentence[mentions[-1].end:mention.start].strip() in _RANGE_JOINERS):
            # "3月30日至4月2日": the second day closes a range.
            year = mentions[-1].year
            mentions.append(replace(mention, kind="continuation", year=year, range_end=True))
            continue
        mentions.append(mention)
        if mention.kind not in ("full", "month_day", "day"):
            continue
        # Further days written after a dated day: 和18日, 至15日, 至4月2日 (a bare day's keep no month).
        later = [t.start for t in taken[index + 1:] if t.kind != "day"]
        limit = later[0] if later else len(sentence)
        position, month, year = mention.end, mention.month, mention.year
        while True:
            match = _CONTINUATION.match(sentence, position)
            if match is None or match.end() > limit:
                break
            if match.group("month"):
                month = int(match.group("month"))
            day = int(match.group("day"))
            if not (_valid_day(year, month, day) if month is not None else 1 <= day <= 31):
                break
            hour, minute = _clock(match)
            start = match.start("month") if match.group("month") else match.start("day")
            mentions.append(DateMention(
                "continuation", start, match.end(), sentence[start:match.end()].rstrip(),
                year, month, day, hour, minute, match.group("part"), 0,
                match.group("joiner") in _RANGE_JOINERS,
            ))
            position = consumed = match.end()
    return mentions


def resolve_year(month: int, day: int | None, published: str | dt.date | None) -> int | None:
    """The year of a date written without one, from the article's publication date.

    The date is in the latest year that puts it no more than
    :data:`~helpers.analysis.date_mention.AFTER_PUBLICATION_DAYS` after the publication day
    (:func:`nearest_occurrence`): in an article of 2022-04-11, 4月12日 is
    2022-04-12 (a date announced), 3月1日 is 2022-03-01 and 12月28日 is
    2021-12-28.  A month alone counts by its first day.  Without a
    publication date the year is unknown: None.

    Parameters
    ----------
    month : int
        1-12.
    day : int or None
        None for a month alone.
    published : str, datetime.date or None
        ISO ``YYYY-MM-DD`` publication date of the article.
    """
    publication = parse_publication_date(published)
    if publication is None:
        return None

    def day_in(year: int) -> dt.date | None:
        return dt.date(year, month, day or 1) if _valid_day(year, month, day or 1) else None

    found = nearest_occurrence(day_in, publication)
    return found.year if found is not None else None


def year_of(mention: DateMention, publication: dt.date | None) -> int | None:
    """Year of a date written without one: 今年/去年 if said, else :func:`resolve_year`."""
    if mention.year_offset is not None:
        return publication.year + mention.year_offset if publication is not None else None
    return resolve_year(mention.month, mention.day, publication)  # type: ignore[arg-type]


def parse_publication_date(published: object) -> dt.date | None:
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
