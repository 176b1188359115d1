"""Dates in words (holidays, lunar dates, parts of a month, 今天/明天, weeks), dates after the
publication day, and events cut at the publication date.  Every sentence here is written for the
test; none is taken from an article."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers.analysis.dates import find_date_mentions, resolve_year
from helpers.analysis.events import UnresolvedYearWarning, extract_dates
from helpers.analysis.holidays import holiday_day, lunar_day


def _events(*sentences: str, published: str | None = "2022-04-11", qualifier: str | None = None) -> pd.DataFrame:
    """Every date of the sentences, in text order: the events, and the announcements (status announced)."""
    rows, text = [], ""
    for number, sentence in enumerate(sentences):
        rows.append({"id": "t1", "city": "上海", "sentence_no": number, "start": len(text), "end": len(text) + len(sentence),
                     "sentence": sentence})
        text += sentence
    articles = pd.DataFrame([{"id": "t1", "city": "上海", "published": published, "published_qualifier": qualifier}])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnresolvedYearWarning)
        dates = extract_dates(articles, pd.DataFrame(rows))
    # An announcement is never an event: the events hold none, the announcements nothing else.
    assert "announced" not in set(dates.events["status"])
    assert set(dates.announcements["status"]) <= {"announced"}
    events = pd.concat([dates.events, dates.announcements]).sort_values("event_no").reset_index(drop=True)
    for event in events.itertuples():  # every event stays traceable to its words
        assert text[event.start:event.end] == event.expression
    return events


def _spans(events: pd.DataFrame) -> list[tuple[str, object, object]]:
    return [(e.date, None if pd.isna(e.end_date) else e.end_date, e.status) for e in events.itertuples()]


# --------------------------------------------------------------- the calendar


@pytest.mark.parametrize(("name", "year", "day"), [
    ("春节", 2020, "2020-01-25"), ("春节", 2021, "2021-02-12"), ("春节", 2022, "2022-02-01"),
    ("除夕", 2021, "2021-02-11"), ("元宵", 2022, "2022-02-15"), ("清明", 2020, "2020-04-04"),
    ("清明", 2022, "2022-04-05"), ("端午", 2020, "2020-06-25"), ("中秋", 2020, "2020-10-01"),
    ("中秋", 2021, "2021-09-21"), ("元旦", 2021, "2021-01-01"), ("五一", 2022, "2022-05-01"),
    ("国庆", 2020, "2020-10-01"),
])
def test_holidays_fall_on_their_day(name, year, day):
    assert holiday_day(name, year).isoformat() == day


def test_lunar_days_and_days_a_lunar_month_lacks():
    assert lunar_day(2020, 1, 10).isoformat() == "2020-02-03"  # 正月初十 2020
    assert lunar_day(2020, 12, 30).isoformat() == "2021-02-11"  # 腊月 of 2020 has 30 days
    assert lunar_day(2021, 12, 30) is None  # ... that of 2021 has 29
    assert lunar_day(1800, 1, 1) is None


# --------------------------------------------------------------- holidays as dates


@pytest.mark.parametrize(("sentence", "published", "date", "status"), [
    ("元旦当天，社区开展环境大扫除。", "2021-01-05", "2021-01-01", "reported"),
    ("春节以来，社区坚持每日两次消杀。", "2020-02-19", "2020-01-25", "reported"),
    ("十一长假期间，小区严格落实出入登记。", "2020-10-10", "2020-10-01", "reported"),
    ("国庆假期，居民尽量减少跨省出行。", "2021-10-09", "2021-10-01", "reported"),
    ("五一假期前，全体居民完成一轮核酸检测。", "2022-04-25", "2022-05-01", "announced"),
    ("清明节期间，社区倡导居民网上祭扫。", "2021-04-10", "2021-04-04", "reported"),
    ("端午节前后，社区为独居老人送去粽子。", "2020-06-20", "2020-06-25", "announced"),
    ("中秋佳节，志愿者上门看望隔离居民。", "2021-09-25", "2021-09-21", "reported"),
    ("除夕夜，网格员仍在卡口值守。", "2021-02-20", "2021-02-11", "reported"),
    ("元宵节后，企业陆续复工。", "2022-02-20", "2022-02-15", "reported"),
    ("元旦前，社区完成全员疫苗接种。", "2020-12-20", "2021-01-01", "announced"),  # the coming one
    ("今年春节，社区倡导就地过年。", "2021-12-20", "2021-02-12", "reported"),  # 今年 says which
])
def test_a_holiday_is_its_day_in_the_year_nearest_the_publication(sentence, published, date, status):
    events = _events(sentence, published=published)
    assert list(events["kind"]) == ["holiday"]
    assert _spans(events) == [(date, None, status)]


@pytest.mark.parametrize("sentence", [
    "五一路社区开展核酸检测。",
    "全市十一个小区实行封闭管理。",
    "十一月，社区继续开展排查。",  # a month, not the holiday
    "政治清明，风清气正。",
    "志愿者为居民送去元宵和饺子。",
    "第十一期简报已发布。",
])
def test_words_that_only_look_like_holidays_are_left_alone(sentence):
    assert all(e.kind != "holiday" for e in _events(sentence).itertuples())


def test_a_holiday_needs_a_publication_date_or_a_year():
    assert _events("春节以来，社区坚持消杀。", published=None).empty
    assert list(_events("2021年春节，社区倡导就地过年。", published=None)["date"]) == ["2021-02-12"]


# --------------------------------------------------------------- lunar dates


@pytest.mark.parametrize(("sentence", "published", "date"), [
    ("正月初十，小区开始封闭管理。", "2020-02-19", "2020-02-03"),
    ("农历八月十五，志愿者为隔离户送去月饼。", "2020-09-20", "2020-10-01"),
    ("大年初三，社区工作人员坚守岗位。", "2022-02-10", "2022-02-03"),
    ("腊月二十三以后，返乡人员须报备。", "2021-01-20", "2021-02-04"),
])
def test_lunar_dates_are_dated_through_the_lunar_calendar(sentence, published, date):
    events = _events(sentence, published=published)
    assert list(events["kind"]) == ["lunar"] and list(events["date"]) == [date]


def test_a_gregorian_date_in_chinese_numerals_stays_gregorian():
    assert [(m.kind, m.month, m.day) for m in find_date_mentions("三月十四日，社区开展排查。")] == [
        ("month_day", 3, 14)]


# --------------------------------------------------------------- dates after publication


def test_a_notice_announcing_days_after_its_publication_keeps_their_year():
    events = _events("4月12日至14日，在小区东门开展全员核酸检测。", published="2022-04-11")
    assert _spans(events) == [("2022-04-12", "2022-04-14", "announced")]  # an announcement, not an event


@pytest.mark.parametrize(("month", "day", "published", "year"), [
    (4, 12, "2022-04-11", 2022),   # the day after: announced, same year
    (6, 5, "2022-04-11", 2022),    # 55 days ahead: still within the window
    (6, 20, "2022-04-11", 2021),   # 70 days ahead: more likely last June than a plan
    (1, 3, "2020-12-28", 2021),    # early January in late December: the coming one
    (12, 28, "2021-01-05", 2020),
    (2, 29, "2021-03-01", 2020),   # the only 29 February within reach
])
def test_the_year_of_a_month_day_is_the_one_nearest_before_or_just_after_publication(month, day, published, year):
    assert resolve_year(month, day, published) == year


# --------------------------------------------------------------- today, tomorrow, weeks


@pytest.mark.parametrize(("sentence", "date", "part", "status"), [
    ("明日上午9时起，在社区广场开展核酸检测。", "2022-04-12", "上午", "announced"),
    ("明天，请居民携带身份证下楼。", "2022-04-12", None, "announced"),
    ("今日，社区为居民发放蔬菜包。", "2022-04-11", None, "reported"),
    ("今晚，志愿者将物资送到楼下。", "2022-04-11", "晚上", "reported"),
    ("昨天，小区新增一名密切接触者。", "2022-04-10", None, "reported"),
    ("下周一，小区恢复正常出入。", "2022-04-18", None, "announced"),  # 2022-04-11 is a Monday
    ("本周五，社区组织第二轮检测。", "2022-04-15", None, "announced"),
    ("上周三，社区完成摸排。", "2022-04-06", None, "reported"),
])
def test_days_counted_from_the_publication_date(sentence, date, part, status):
    events = _events(sentence, published="2022-04-11")
    assert [(e.date, None if pd.isna(e.part_of_day) else e.part_of_day, e.status)
            for e in events.itertuples()] == [(date, part, status)]


def test_within_this_week_runs_from_the_publication_day_to_sunday_and_is_announced():
    events = _events("本周内完成全员疫苗信息排查。", published="2022-04-13")
    assert _spans(events) == [("2022-04-13", "2022-04-17", "announced")]
    assert list(events["precision"]) == ["week"]
    assert _spans(_events("下周将开展一轮筛查。", published="2022-04-13")) == [
        ("2022-04-18", "2022-04-24", "announced")]


def test_today_counts_from_the_dispatch_day_when_the_article_has_one():
    events = _events("中新网石家庄1月11日电 今天，石家庄开展第二轮全员核酸检测。", published="2021-01-12")
    assert list(events["date"]) == ["2021-01-11"]


def test_today_needs_an_exact_day_of_writing():
    sentence = "今天，社区为居民发放蔬菜包。"
    assert _events(sentence, published=None).empty
    # An earliest-possible publication date is no day of writing.
    assert _events(sentence, published="2020-02-19", qualifier="on_or_after").empty


@pytest.mark.parametrize("sentence", [
    "“王主任，今天雪这么大，辛苦了！”居民说。",  # the speaker's today, not the article's
    "为了更加美好的明天，大家共同努力。",
    "先天后天的差别不在这里。",
    "居民可通过今日头条了解政策。",
    "这周边的小区也加强了管理。",
    "社区的线上周报按时发布。",
    "岁月中，总有人为我们负重前行。",
])
def test_words_that_are_no_day_of_writing_are_left_alone(sentence):
    assert _events(sentence).empty


# --------------------------------------------------------------- parts of a month


@pytest.mark.parametrize(("sentence", "published", "span", "status"), [
    ("4月底前，全体居民完成加强针接种。", "2022-04-20", ("2022-04-21", "2022-04-30"), "announced"),
    ("3月上旬，社区启动网格化管理。", "2022-03-21", ("2022-03-01", "2022-03-10"), "reported"),
    ("2月中旬，小区实行封闭管理。", "2020-03-05", ("2020-02-11", "2020-02-20"), "reported"),
    ("12月下旬，社区开展冬季爱国卫生运动。", "2022-01-10", ("2021-12-21", "2021-12-31"), "reported"),
    ("本月中旬，社区将完成第三轮排查。", "2022-04-05", ("2022-04-11", "2022-04-20"), "announced"),
    ("下月初，小区有望解除封控。", "2022-04-20", ("2022-05-01", "2022-05-10"), "announced"),
    ("4月中下旬，社区开展多轮检测。", "2022-05-06", ("2022-04-11", "2022-04-30"), "reported"),
])
def test_parts_of_a_month_are_spans(sentence, published, span, status):
    events = _events(sentence, published=published)
    assert list(events["precision"]) == ["month_part"]
    assert _spans(events) == [(*span, status)]


def test_a_part_of_a_month_without_its_month_takes_the_month_mentioned_before():
    events = _events("5月，社区启动疫苗接种。", "月初，首批居民完成接种。", published="2022-06-10")
    assert _spans(events)[1] == ("2022-05-01", "2022-05-10", "reported")


# --------------------------------------------------------------- nothing runs past publication


def test_a_month_begun_before_publication_ends_at_the_publication_date():
    events = _events("北京市从5月开始常态化核酸检测。", published="2022-05-20")
    assert _spans(events) == [("2022-05", "2022-05-20", "clipped")]


def test_a_range_and_a_part_of_a_month_are_cut_at_the_publication_date():
    events = _events("5月10日至25日，小区实行封控管理。", "5月中下旬，居民居家办公。", published="2022-05-20")
    assert _spans(events) == [("2022-05-10", "2022-05-20", "clipped"), ("2022-05-11", "2022-05-20", "clipped")]


def test_a_deadline_still_running_at_publication_is_announced_not_cut():
    events = _events("4月底前，全体居民完成加强针接种。", published="2022-04-25")
    assert _spans(events) == [("2022-04-21", "2022-04-30", "announced")]
    # Past its end it was reported.
    assert _spans(_events("4月底前，全体居民完成加强针接种。", published="2022-05-06"))[0][2] == "reported"


@pytest.mark.parametrize(("sentence", "published", "spans"), [
    ("国庆中秋假期，社区加强值守。", "2020-10-09", [("2020-10-01", None, "reported")] * 2),
    ("今日0时起，小区实行封闭管理。", "2022-04-11", [("2022-04-11", None, "reported")]),
    ("本周末，社区组织核酸检测。", "2022-04-13", [("2022-04-16", "2022-04-17", "announced")]),
    ("四月下旬，社区开展排查。", "2022-05-02", [("2022-04-21", "2022-04-30", "reported")]),
    ("月底前完成全部排查。", "2022-04-11", [("2022-04-21", "2022-04-30", "announced")]),
    ("虎年春节，居民就地过年。", "2022-02-10", [("2022-02-01", None, "reported")]),
    ("正月十五，社区开展灯谜活动。", "2022-02-20", [("2022-02-15", None, "reported")]),
    ("大年三十，网格员坚守岗位。", "2022-02-05", [("2022-01-31", None, "reported")]),
    ("定于4月12日至14日开展核酸检测。", "2022-04-11", [("2022-04-12", "2022-04-14", "announced")]),
    ("自明日起恢复堂食。", "2022-04-11", [("2022-04-12", None, "announced")]),
])
def test_more_ways_of_writing_dates_in_words(sentence, published, spans):
    assert _spans(_events(sentence, published=published)) == spans


def test_an_earliest_possible_publication_date_cuts_nothing():
    events = _events("从5月开始常态化核酸检测。", published="2022-05-20", qualifier="on_or_after")
    assert _spans(events) == [("2022-05", None, None)]
    # What lies before the earliest possible date was reported all the same.
    assert _spans(_events("5月3日，小区解封。", published="2022-05-20", qualifier="on_or_after")) == [
        ("2022-05-03", None, "reported")]


def test_no_event_of_the_seeds_lies_after_its_exact_publication_date(corpus_dates):
    events, announcements, articles = corpus_dates
    exact = articles[articles["published"].notna() & articles["published_qualifier"].isna()]
    published = exact.set_index("id")["published"]
    checked = events[events["id"].isin(published.index) & events["year_resolved"]]
    assert not checked.empty and set(checked["id"]) == set(events["id"]) & set(published.index)
    for event in checked.itertuples():
        if isinstance(event.end_date, str):
            last = event.end_date
        elif event.precision == "month":  # a month not cut at publication runs to its last day
            last = pd.Period(event.date, "M").end_time.date().isoformat()
        else:
            last = event.date
        assert event.date <= last <= published[event.id], (event.id, event.expression, event.date, last)
    # What an article announced for after its publication is kept apart, with every column.
    assert list(announcements.columns) == list(events.columns)
    assert set(announcements["status"]) <= {"announced"}


@pytest.fixture(scope="module")
def corpus_dates():
    from helpers.analysis import analyse

    analysis = analyse()
    return analysis.events, analysis.announcements, analysis.articles
