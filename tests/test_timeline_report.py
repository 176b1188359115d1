"""What the timeline report shows of events: date order, spans cut at publication, announcements kept apart."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis.events import chronological, extract_dates, extract_events
from helpers.report import charts, show_announcements, tables

SENTENCES = (
    "4月12日至14日，在小区东门开展全员核酸检测。",
    "4月8日，社区启动网格化排查。",
    "从4月开始，社区实行封闭管理。",
    "4月8日上午，志愿者上门登记。",
    "3月30日，小区出现一例阳性病例。",
)


def _corpus(published: str | None = "2022-04-11") -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, text = [], ""
    for number, sentence in enumerate(SENTENCES):
        rows.append({"id": "t1", "city": "上海", "sentence_no": number, "start": len(text),
                     "end": len(text) + len(sentence), "sentence": sentence})
        text += sentence
    articles = pd.DataFrame([{"id": "t1", "city": "上海", "city_en": "Shanghai", "published": published,
                              "published_qualifier": None}])
    return articles, pd.DataFrame(rows)


def _day(value) -> str:
    """A point of a drawn line as an ISO day (matplotlib keeps datetimes or date numbers)."""
    import datetime as dt

    import matplotlib.dates as mdates

    return (value if isinstance(value, dt.datetime) else mdates.num2date(value)).date().isoformat()


@pytest.fixture
def events() -> pd.DataFrame:
    return extract_events(*_corpus())


def test_events_come_in_date_order_with_a_whole_day_before_its_hours(events):
    ordered = chronological(events)
    assert list(ordered["expression"]) == ["3月30日", "4月", "4月8日", "4月8日上午"]
    # The events table itself stays in text order.
    assert list(events["expression"])[0] == "4月8日"


def test_unresolved_events_come_last_in_text_order():
    rows = pd.DataFrame([
        {"year_resolved": False, "date": "--05-02", "precision": "day", "time": None, "part_of_day": None, "n": 0},
        {"year_resolved": True, "date": "2020-05-03", "precision": "day", "time": None, "part_of_day": None, "n": 1},
        {"year_resolved": False, "date": "--01-01", "precision": "day", "time": None, "part_of_day": None, "n": 2},
        {"year_resolved": True, "date": "2020-04", "precision": "month", "time": None, "part_of_day": None, "n": 3},
    ])
    assert list(chronological(rows)["n"]) == [3, 1, 0, 2]


@pytest.mark.parametrize(("lang", "cut"), [
    ("en", "2022-04, to 11 Apr (publication)"),
    ("zh", "2022-04，至4月11日（发布日）"),
])
def test_the_table_is_in_date_order_and_says_what_was_cut(events, lang, cut):
    dates = list(tables.events_table(events, lang).data.iloc[:, 0])
    assert dates == ["2022-03-30", cut, "2022-04-08", "2022-04-08"]


def test_the_chart_ends_spans_at_publication_and_marks_it(events):
    articles, _ = _corpus()
    chart = charts.plot_article_events(events, articles, lang="en")
    assert "spans cut at the publication date: 1" in chart.caption
    axes = chart.figure.axes[0]
    ticks = [line for line in axes.lines if line.get_gid() == "timeline-publication"]
    assert len(ticks) == 1
    assert _day(ticks[0].get_xdata()[0]) == "2022-04-11"
    # The month bar ends on the publication day, not on 30 April.
    bars = [line for line in axes.lines if line.get_linewidth() == 4]
    assert [_day(bar.get_xdata()[1]) for bar in bars] == ["2022-04-11"]
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert "Published" in legend


def test_an_earliest_possible_publication_date_is_a_dotted_tick_and_said_in_the_caption():
    articles, sentences = _corpus()
    articles = articles.assign(published_qualifier="on_or_after")
    chart = charts.plot_article_events(extract_events(articles, sentences), articles, lang="zh")
    assert "t1的发布日期只是最早可能日期" in chart.caption
    ticks = [line for line in chart.figure.axes[0].lines if line.get_gid() == "timeline-publication"]
    assert ticks and ticks[0].get_linestyle() != "-"


# --------------------------------------------------------------- what a notice announces

NOTICE = (
    "关于开展全员核酸检测的通知",
    "4月10日，小区发现一例阳性感染者。",
    "4月12日至14日，在小区东门开展全员核酸检测。",
    "4月底前，全体居民完成加强针接种。",
    "4月11日，社区启动封闭管理。",
)


def _notice(published: str = "2022-04-11") -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, text = [], ""
    for number, sentence in enumerate(NOTICE):
        rows.append({"id": "n1", "city": "上海", "sentence_no": number, "start": len(text),
                     "end": len(text) + len(sentence), "sentence": sentence})
        text += sentence
    articles = pd.DataFrame([{"id": "n1", "city": "上海", "city_en": "Shanghai", "published": published,
                              "published_qualifier": None}])
    return articles, pd.DataFrame(rows)


def test_a_notice_s_plans_are_announcements_not_events():
    dates = extract_dates(*_notice())
    assert [(e.date, None if pd.isna(e.end_date) else e.end_date, e.status) for e in dates.events.itertuples()] == [
        ("2022-04-10", None, "reported"), ("2022-04-11", None, "reported")]
    assert all(max(e.date, e.end_date if isinstance(e.end_date, str) else "") <= "2022-04-11"
               for e in dates.events.itertuples())
    assert [(e.expression, e.date, e.end_date, e.status) for e in dates.announcements.itertuples()] == [
        ("4月12日至14日", "2022-04-12", "2022-04-14", "announced"),
        ("4月底", "2022-04-21", "2022-04-30", "announced")]
    assert list(dates.events.columns) == list(dates.announcements.columns)
    # event_no names one date of the article in either table.
    assert sorted([*dates.events["event_no"], *dates.announcements["event_no"]]) == [0, 1, 2, 3]
    assert extract_events(*_notice()).equals(dates.events)


def test_the_chart_draws_none_of_a_notice_s_plans():
    articles, sentences = _notice()
    chart = charts.plot_article_events(extract_events(articles, sentences), articles, lang="en")
    axes = chart.figure.axes[0]
    drawn = [_day(x) for line in axes.lines if line.get_gid() != "timeline-publication"
             for x in line.get_xdata()]
    assert drawn and max(drawn) <= "2022-04-11"
    assert not [line for line in axes.lines if line.get_markerfacecolor() == "white"]
    assert {line.get_linestyle() for line in axes.lines} <= {"-", "None"}  # nothing dashed
    legend = " ".join(t.get_text() for t in axes.get_legend().get_texts())
    assert "nnounce" not in legend and "nnounce" not in chart.caption
    labels = " ".join(t.get_text() for t in axes.texts)
    assert "封闭管理" in labels and "核酸检测" not in labels and "加强针" not in labels


def _shown(announcements: pd.DataFrame, lang: str, monkeypatch) -> list[object]:
    import IPython.display

    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    show_announcements(announcements, lang)
    return shown


@pytest.mark.parametrize(("lang", "heading", "columns", "plans"), [
    ("en", "Announced for after publication", ["Article", "Date", "What the article announced"],
     "not events it reports"),
    ("zh", "发布日之后的预告", ["文章", "日期", "预告的内容"], "不是文章报道的已发生事件"),
])
def test_a_notice_s_plans_are_listed_below_the_events_table(monkeypatch, lang, heading, columns, plans):
    announcements = extract_dates(*_notice()).announcements
    prose, table = _shown(announcements, lang, monkeypatch)
    assert prose.data.startswith(f"### {heading}\n\n") and plans in prose.data
    assert list(table.data.columns) == columns
    assert list(table.data.iloc[:, 0]) == ["n1", "n1"]
    assert list(table.data.iloc[:, 1]) == ["2022-04-12 – 2022-04-14", "2022-04-21 – 2022-04-30"]
    assert "核酸检测" in table.data.iloc[0, 2] and "加强针" in table.data.iloc[1, 2]


def test_no_heading_or_table_when_nothing_was_announced(monkeypatch):
    # A report of what happened announces nothing.
    report = extract_dates(*_notice(published="2022-05-06"))
    assert report.announcements.empty and len(report.events) == 4
    assert _shown(report.announcements, "en", monkeypatch) == []
