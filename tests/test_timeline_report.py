"""What the timeline report shows of events: date order, spans cut at publication, announcements."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis.events import chronological, extract_events
from helpers.report import charts, tables

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
    assert list(ordered["expression"]) == ["3月30日", "4月", "4月8日", "4月8日上午", "4月12日至14日"]
    # The events table itself stays in text order.
    assert list(events["expression"])[0] == "4月12日至14日"


def test_unresolved_events_come_last_in_text_order():
    rows = pd.DataFrame([
        {"year_resolved": False, "date": "--05-02", "precision": "day", "time": None, "part_of_day": None, "n": 0},
        {"year_resolved": True, "date": "2020-05-03", "precision": "day", "time": None, "part_of_day": None, "n": 1},
        {"year_resolved": False, "date": "--01-01", "precision": "day", "time": None, "part_of_day": None, "n": 2},
        {"year_resolved": True, "date": "2020-04", "precision": "month", "time": None, "part_of_day": None, "n": 3},
    ])
    assert list(chronological(rows)["n"]) == [3, 1, 0, 2]


@pytest.mark.parametrize(("lang", "cut", "announced"), [
    ("en", "2022-04, to 11 Apr (publication)", "2022-04-12 – 2022-04-14 (announced: after publication)"),
    ("zh", "2022-04，至4月11日（发布日）", "2022-04-12 – 2022-04-14（预告：晚于发布日）"),
])
def test_the_table_is_in_date_order_and_says_what_was_cut_and_what_was_announced(events, lang, cut, announced):
    dates = list(tables.events_table(events, lang).data.iloc[:, 0])
    assert dates == ["2022-03-30", cut, "2022-04-08", "2022-04-08", announced]


def test_the_chart_draws_announcements_hollow_ends_spans_at_publication_and_marks_it(events):
    articles, _ = _corpus()
    chart = charts.plot_article_events(events, articles, lang="en")
    assert "announced for after the article's publication: 1" in chart.caption
    assert "spans cut at the publication date: 1" in chart.caption
    axes = chart.figure.axes[0]
    hollow = [line for line in axes.lines if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1
    ticks = [line for line in axes.lines if line.get_gid() == "timeline-publication"]
    assert len(ticks) == 1
    assert _day(ticks[0].get_xdata()[0]) == "2022-04-11"
    # The month bar ends on the publication day, not on 30 April.
    bars = [line for line in axes.lines if line.get_linewidth() == 4]
    assert [_day(bar.get_xdata()[1]) for bar in bars] == ["2022-04-11"]
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert "Announced (after publication)" in legend and "Published" in legend


def test_an_earliest_possible_publication_date_is_a_dotted_tick_and_said_in_the_caption():
    articles, sentences = _corpus()
    articles = articles.assign(published_qualifier="on_or_after")
    chart = charts.plot_article_events(extract_events(articles, sentences), articles, lang="zh")
    assert "t1的发布日期只是最早可能日期" in chart.caption
    ticks = [line for line in chart.figure.axes[0].lines if line.get_gid() == "timeline-publication"]
    assert ticks and ticks[0].get_linestyle() != "-"
