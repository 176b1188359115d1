"""Dates written in words: holidays, lunar dates, parts of a month, 今天/明天, weeks.

:func:`find_word_mentions` finds them in one normalised sentence (as
:class:`~helpers.analysis.date_mention.DateMention` of kind ``holiday``,
``lunar``, ``month_part``, ``today`` or ``week``) and :func:`resolve_word`
gives the day or span each stands for:

* ``holiday``: 元旦, 春节, 元宵节, 除夕, 清明节, 五一, 端午, 中秋, 国庆, 十一长假, on the
  holiday's day (:mod:`helpers.analysis.holidays`); names that are also other words
  (五一路, 清明 as "clear", 十一 as eleven, 元宵 the dumpling) count only with a holiday
  word after them (节, 假期, 长假, 期间, 以来, 当天 ...).
* ``lunar``: 正月初十, 腊月二十三, 农历八月十五, 大年初三, on their Gregorian day.
* ``month_part``: 4月底, 3月上旬, 月初, 本月中旬, 下月初: a span of the month (上旬 and
  初 days 1-10, 中旬 and 中 11-20, 下旬, 底 and 末 21 to the end).
* ``today``: 今天, 今日, 今晚, 明天, 昨日, 前天, 后天, counted from the day the article was
  written (its dispatch line's day, else its publication date), and only where that date is
  exact: an earliest-possible publication date cannot anchor 今天.  Inside quotation marks
  today is the speaker's, not the article's, and is left out.
* ``week``: 本周内 (from that day to Sunday), 下周一, 本周五, 上周, 下周末.

The year of a date written without one is the latest that puts it no more than
:data:`helpers.analysis.date_mention.AFTER_PUBLICATION_DAYS` after the publication day, as for
month-days; without a publication date these dates are left out (never guessed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from helpers.analysis.date_mention import (
    SUFFIX,
    YEAR_WORD,
    YEAR_WORDS,
    DateMention,
    Day,
    clock,
    nearest_occurrence,
    number,
)
from helpers.analysis.holidays import holiday_day, lunar_day

#: Kinds of :class:`DateMention` this module finds and :func:`resolve_word` resolves.
WORD_KINDS = frozenset({"holiday", "lunar", "month_part", "today", "week"})

_YEAR = rf"(?:(?P<year>\d{{4}})年|{YEAR_WORD})"

# --- holidays ---------------------------------------------------------------
_HOLIDAY_NAMES = {
    "元旦": "元旦", "春节": "春节", "除夕": "除夕", "大年三十": "除夕", "元宵": "元宵", "清明": "清明",
    "五一": "五一", "劳动节": "五一", "端午": "端午", "中秋": "中秋", "国庆": "国庆", "十一": "国庆",
}
# Names that are other words too: they need a holiday word after them.
_AMBIGUOUS = frozenset({"元宵", "清明", "五一", "端午", "中秋", "国庆", "十一"})
_HOLIDAY_SUFFIX = "国际劳动节|劳动节|佳节|小长假|长假|假期|黄金周|假日|节"
_RELATION = re.compile(r"期间|前后|前夕|当天|当日|以来|之际|之前|之后|前|后|放假|国庆|中秋|双节|两节")
_HOLIDAY = re.compile(
    rf"{_YEAR}?(?<![一二三四五六七八九十〇零第])"
    rf"(?P<name>{'|'.join(sorted(_HOLIDAY_NAMES, key=len, reverse=True))})"
    rf"(?P<suffix>{_HOLIDAY_SUFFIX})?(?:当天|当日)?"
)

# --- lunar dates --------------------------------------------------------------
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_LUNAR = re.compile(
    rf"{_YEAR}?(?P<lunar>农历)?(?<![一二三四五六七八九十〇零])"
    r"(?P<month>正|冬|腊|十[一二]|[一二三四五六七八九十])月"
    r"(?P<day>初[一二三四五六七八九十]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|三十"
    r"|十[一二三四五六七八九]|十)(?:日)?"
)
_NEW_YEAR_DAYS = re.compile(r"大年(?P<day>初[一二三四五六七八九十])")

# --- parts of a month ---------------------------------------------------------
#: Part -> (first day, last day or None for the month's last).
MONTH_PARTS: dict[str, tuple[int, int | None]] = {
    "上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20), "下旬": (21, None),
    "底": (21, None), "末": (21, None), "上中旬": (1, 20), "中下旬": (11, None),
}
_PART = (r"(?P<part>上中旬|中下旬|上旬|中旬|下旬|初(?![一二三四五六七八九十])|底|末"
         r"|中(?=[，,。；;、\s]|前后|左右|以前|以后|前|后))")
_MONTH_PART = re.compile(
    rf"(?:{_YEAR}|(?<![\d年./\-〇零一二三四五六七八九十]))"
    rf"(?P<month>\d{{1,2}}|十[一二]|[一二三四五六七八九十])月份?{_PART}"
)
_MONTH_WORDS = {"本": 0, "这个": 0, "当": None, "下": 1, "下个": 1, "上": -1, "上个": -1}
_BARE_PART = re.compile(
    r"(?:(?P<which>本|当|这个|下个?|上个?)(?=月[初中底末])"
    r"|(?P<which_month>本|当|这个|下个?|上个?)月(?=上中旬|中下旬|[上中下]旬)"
    r"|(?<![\u4e00-\u9fff\d])|(?<=[于在至到从自止]))"
    r"(?P<part>月初(?![一二三四五六七八九十])|月中(?!旬)|月底|月末|上中旬|中下旬|上旬|中旬|下旬)"
)

# --- today, tomorrow, weeks ---------------------------------------------------
_TODAY_WORDS: dict[str, tuple[int, str | None]] = {
    "今天": (0, None), "今日": (0, None), "今晨": (0, "清晨"), "今早": (0, "早上"), "今晚": (0, "晚上"),
    "今夜": (0, "夜间"), "明天": (1, None), "明日": (1, None), "明早": (1, "早上"), "明晚": (1, "晚上"),
    "昨天": (-1, None), "昨日": (-1, None), "昨晚": (-1, "晚上"), "前天": (-2, None), "后天": (2, None),
}
# 美好的明天, 先天后天, 今日头条 (an app), 今天的中国 (nowadays) are no days.
_TODAY = re.compile(
    r"(?<![的好])(?<!先天)(?P<word>" + "|".join(sorted(_TODAY_WORDS, key=len, reverse=True)) + ")"
    r"(?!头条|说法|关注|视点|中国|的|会更好)" + SUFFIX
)
_WEEK_WORDS = {"本周": 0, "这周": 0, "本星期": 0, "这星期": 0, "这个星期": 0, "下周": 1, "下星期": 1,
               "下个星期": 1, "下礼拜": 1, "下个礼拜": 1, "上周": -1, "上星期": -1, "上个星期": -1}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# 这周边 (these surroundings), 线上周报 (a weekly report) hold no week.
_WEEK = re.compile(
    r"(?<![线网路早晚马楼身头手墙台面])"
    r"(?P<which>" + "|".join(sorted(_WEEK_WORDS, key=len, reverse=True)) + ")"
    r"(?!边|围|到|密|全|期|年|岁|转|知|报|刊|长)"
    r"(?:(?P<weekday>[一二三四五六日天])|(?P<weekend>末))?(?P<within>内|以内|之内)?"
)


def _year_fields(match: re.Match[str]) -> dict[str, int | None]:
    year_word = match.groupdict().get("year_word")
    year = match.groupdict().get("year")
    return {"year": int(year) if year else None,
            "year_offset": YEAR_WORDS[year_word] if year_word else None}


def _month_number(text: str) -> int | None:
    return _LUNAR_MONTHS.get(text) or number(text)


def _lunar_day_number(text: str) -> int | None:
    return number(text[1:]) if text.startswith("初") else number(text)


def _in_quotes(sentence: str, position: int) -> bool:
    before = sentence[:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _holidays(sentence: str) -> list[DateMention]:
    found = []
    for match in _HOLIDAY.finditer(sentence):
        name = match.group("name")
        said = match.end() > match.end("name") or _RELATION.match(sentence, match.end())
        if name in _AMBIGUOUS and not said:
            continue
        found.append(DateMention("holiday", match.start(), match.end(), match.group(),
                                 name=_HOLIDAY_NAMES[name], **_year_fields(match)))
    return found


def _lunar_dates(sentence: str) -> list[DateMention]:
    found = []
    for match in _LUNAR.finditer(sentence):
        month, day = _month_number(match.group("month")), _lunar_day_number(match.group("day"))
        marked = (match.group("lunar") or match.group("month") in _LUNAR_MONTHS
                  or match.group("day")[0] in "初廿")
        if not marked or month is None or day is None or not 1 <= day <= 30:
            continue  # 三月十四日 is a Gregorian day (helpers.analysis.dates)
        found.append(DateMention("lunar", match.start(), match.end(), match.group(), month=month, day=day,
                                 **_year_fields(match)))
    for match in _NEW_YEAR_DAYS.finditer(sentence):
        found.append(DateMention("lunar", match.start(), match.end(), match.group(), month=1,
                                 day=_lunar_day_number(match.group("day"))))
    return found


def _month_parts(sentence: str) -> list[DateMention]:
    found = []
    for match in _MONTH_PART.finditer(sentence):
        month = number(match.group("month"))
        if month is None or not 1 <= month <= 12:
            continue
        found.append(DateMention("month_part", match.start(), match.end(), match.group(), month=month,
                                 name=match.group("part"), **_year_fields(match)))
    for match in _BARE_PART.finditer(sentence):
        which = match.group("which") or match.group("which_month")
        part = match.group("part").removeprefix("月")
        if part == "中" and which is None:
            continue  # 岁月中: "in the years", no part of a month
        found.append(DateMention("month_part", match.start(), match.end(), match.group(), name=part,
                                 month_offset=_MONTH_WORDS[which] if which else None))
    return found


def _anchored(sentence: str) -> list[DateMention]:
    found = []
    for match in _TODAY.finditer(sentence):
        offset, part = _TODAY_WORDS[match.group("word")]
        hour, minute = clock(match)
        end = match.end() if hour is not None or match.group("hour") is None else match.start("hour")
        found.append(DateMention("today", match.start(), end, sentence[match.start():end].rstrip(),
                                 hour=hour, minute=minute, part_of_day=match.group("part") or part,
                                 offset_days=offset))
    for match in _WEEK.finditer(sentence):
        weekday = match.group("weekday")
        name = "weekend" if match.group("weekend") else "within" if match.group("within") else None
        found.append(DateMention("week", match.start(), match.end(), match.group(), name=name,
                                 week_offset=_WEEK_WORDS[match.group("which")],
                                 weekday=_WEEKDAYS[weekday] if weekday else None))
    return [m for m in found if not _in_quotes(sentence, m.start)]


def find_word_mentions(sentence: str) -> list[DateMention]:
    """The dates written in words in one normalised sentence (they may overlap; sorted by start).

    :func:`helpers.analysis.dates.find_date_mentions` merges them with the numeric dates
    and keeps one of any overlapping pair.
    """
    found = _holidays(sentence) + _lunar_dates(sentence) + _month_parts(sentence) + _anchored(sentence)
    return sorted(found, key=lambda m: (m.start, -m.end))


# --- resolution ---------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    """The day (or span) a date in words stands for: ``end`` None for one day.

    ``ahead`` marks a span that looks forward from the day of writing (本周内: from
    today to Sunday): it is announced, not cut at the publication date.
    """

    start: Day
    end: Day | None
    precision: str  # day | time | month_part | week
    ahead: bool = False


def _month_end(year: int, month: int) -> int:
    return ((dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)).day


def _in_year(mention: DateMention, publication: dt.date | None, day_in) -> dt.date | None:
    """The day in the year written, said (今年/去年) or nearest the publication date."""
    if mention.year is not None:
        return day_in(mention.year)
    if publication is None:
        return None
    if mention.year_offset is not None:
        return day_in(publication.year + mention.year_offset)
    return nearest_occurrence(day_in, publication)


def _part_span(mention: DateMention, year: int | None, month: int) -> Resolved:
    first, last = MONTH_PARTS[str(mention.name)]
    probe_year = year if year is not None else 2000
    last = last if last is not None else _month_end(probe_year, month)
    return Resolved(Day(year, month, first), Day(year, month, last), "month_part")


def resolve_word(mention: DateMention, *, publication: dt.date | None, today: dt.date | None,
                 last_month: tuple[int | None, int] | None) -> Resolved | None:
    """The day or span of a date in words, or None where the article cannot support one.

    Parameters
    ----------
    mention : DateMention
        Of kind ``holiday``, ``lunar``, ``month_part``, ``today`` or ``week``.
    publication : date or None
        The article's publication date (years come from it).
    today : date or None
        The day the article was written, when known exactly (今天, 本周 count from it).
    last_month : (year, month) or None
        The month the article mentioned last (a part of a month without its month is in it).
    """
    if mention.kind == "holiday":
        day = _in_year(mention, publication, lambda year: holiday_day(str(mention.name), year))
        return Resolved(Day.of(day), None, "day") if day is not None else None
    if mention.kind == "lunar":
        day = _in_year(mention, publication,
                       lambda year: lunar_day(year, int(mention.month), int(mention.day)))  # type: ignore[arg-type]
        return Resolved(Day.of(day), None, "day") if day is not None else None
    if mention.kind == "month_part":
        return _resolve_part(mention, publication, today, last_month)
    if today is None:
        return None
    if mention.kind == "today":
        day = Day.of(today + dt.timedelta(days=mention.offset_days))
        return Resolved(day, None, "time" if mention.hour is not None else "day")
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=int(mention.week_offset or 0))
    if mention.weekday is not None:
        return Resolved(Day.of(monday + dt.timedelta(days=mention.weekday)), None, "day")
    if mention.name == "weekend":
        return Resolved(Day.of(monday + dt.timedelta(days=5)), Day.of(monday + dt.timedelta(days=6)), "day")
    if mention.name == "within" and mention.week_offset == 0:
        return Resolved(Day.of(today), Day.of(monday + dt.timedelta(days=6)), "week", ahead=True)
    return Resolved(Day.of(monday), Day.of(monday + dt.timedelta(days=6)), "week")


def _resolve_part(mention: DateMention, publication: dt.date | None, today: dt.date | None,
                  last_month: tuple[int | None, int] | None) -> Resolved | None:
    if mention.month is not None:
        month = int(mention.month)
        if mention.year is None and mention.year_offset is None and publication is None:
            return _part_span(mention, None, month)  # the year stays unresolved, as for 5月
        found = _in_year(mention, publication, lambda year: dt.date(year, month, 1))
        return _part_span(mention, found.year if found else None, month)
    if mention.month_offset is not None:
        anchor = today or publication
        if anchor is None:
            return None
        first = (anchor.replace(day=1) + dt.timedelta(days=32 * mention.month_offset)).replace(day=1) \
            if mention.month_offset >= 0 else (anchor.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return _part_span(mention, first.year, first.month)
    if last_month is not None:
        return _part_span(mention, last_month[0], last_month[1])
    if publication is not None:
        return _part_span(mention, publication.year, publication.month)
    return None
