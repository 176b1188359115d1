"""Timeline: date expressions -> events, year resolution, reference events, charts, CLI, notebook."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import warnings
from itertools import combinations

import pandas as pd
import pytest

from chart_checks import figure_texts, missing_glyphs
from helpers.analysis import reference_events
from helpers.analysis.dates import find_date_mentions, resolve_year
from helpers.analysis.events import UnresolvedYearWarning, extract_dates, extract_events, select_events
from helpers.analysis.reference_events import load_reference_events
from helpers.cli import main
from helpers.errors import HelpersError
from helpers.paths import notebooks_dir, seeds_dir
from helpers.report import charts as timeline_charts

XIAOGAN = "004_6278d8098866ad15"
BAICHENG = "001_53418134698a61dc"


# --------------------------------------------------------------- inline helpers

def _corpus(*sentences: str, published: str | None = "2020-02-19", article_id: str = "a1",
            city: str = "孝感") -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """A one-article corpus (articles, sentences, text) with the documented columns."""
    rows, text = [], ""
    for number, sentence in enumerate(sentences):
        start = len(text)
        text += sentence
        rows.append({"id": article_id, "city": city, "sentence_no": number, "start": start,
                     "end": len(text), "sentence": sentence})
    articles = pd.DataFrame([{"id": article_id, "city": city, "city_en": "Xiaogan",
                              "published": published, "text": text}])
    return articles, pd.DataFrame(rows), text


def _events(*sentences: str, published: str | None = "2020-02-19") -> pd.DataFrame:
    articles, sentence_table, text = _corpus(*sentences, published=published)
    if published is None:
        with pytest.warns(UnresolvedYearWarning):
            events = extract_events(articles, sentence_table)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UnresolvedYearWarning)
            events = extract_events(articles, sentence_table)
    for event in events.itertuples():  # offsets point at the expression in the text
        assert text[event.start:event.end] == event.expression
    return events


def _dates(events: pd.DataFrame) -> list[tuple[str, object]]:
    return [(e.date, e.time) for e in events.itertuples()]


# --------------------------------------------------------------- date forms

def test_full_chinese_date_with_year():
    events = _events("2022年3月21日，白城市召开疫情防控新闻发布会。", published="2022-03-25")
    assert _dates(events) == [("2022-03-21", None)]
    assert events.loc[0, "precision"] == "day" and bool(events.loc[0, "year_resolved"])


def test_iso_date_keeps_its_own_year_whatever_the_publication_date():
    events = _events("2020-04-10，武汉社区继续做好防控。", published="2021-06-01")
    assert _dates(events) == [("2020-04-10", None)]
    assert events.loc[0, "kind"] == "full"


def test_month_day_takes_the_publication_year():
    events = _events("2月15日，队长在工作群里报告。")
    assert _dates(events) == [("2020-02-15", None)]
    assert events.loc[0, "year"] == 2020 and events.loc[0, "day"] == 15


def test_full_width_digits_are_dates_too():
    assert _dates(_events("２月１５日，队长在工作群里报告。")) == [("2020-02-15", None)]


def test_month_days_in_chinese_numerals():
    events = _events("三月十四日上午，社区开展排查。", "十二月二十八日，小区封闭。", "一月之内完成。",
                     published="2022-03-21")
    assert list(events["date"]) == ["2022-03-14", "2021-12-28"]
    assert list(events["part_of_day"])[0] == "上午"
    assert _events("三十二月五日，二月三十日，都不是日期。").empty


def test_part_of_day_is_kept_and_the_precision_stays_day():
    events = _events("3月14日上午，社区工作人员张贴通知。", "3月15日早，上班时间还没到。",
                     published="2022-03-21")
    assert list(events["date"]) == ["2022-03-14", "2022-03-15"]
    assert list(events["part_of_day"]) == ["上午", "早"]
    assert list(events["precision"]) == ["day", "day"]
    assert list(events["expression"]) == ["3月14日上午", "3月15日早"]


def test_clock_time_after_a_date_gives_time_precision():
    events = _events("1月30日18时许，工委下发了通知。", "1月31日18:00，负责人说。")
    assert _dates(events) == [("2020-01-30", "18:00"), ("2020-01-31", "18:00")]
    assert list(events["precision"]) == ["time", "time"]


def test_clock_time_alone_belongs_to_the_last_date_of_the_article():
    events = _events("1月30日18时许，工委下发了通知。", "不到半小时后，至21:00，98个单位报送名单。")
    assert _dates(events) == [("2020-01-30", "18:00"), ("2020-01-30", "21:00")]
    assert events.loc[1, "kind"] == "time"


def test_next_day_counts_from_the_previous_date_and_keeps_its_times():
    events = _events("1月30日18时许，工委下发了通知。",
                     "次日7:03，通知下发各单位，9:30前党员干部悉数到社区报到。")
    assert _dates(events) == [("2020-01-30", "18:00"), ("2020-01-31", "07:03"),
                              ("2020-01-31", "09:30")]
    assert list(events["kind"]) == ["month_day", "relative", "time"]


def test_same_day_words_resolve_to_the_previous_date():
    events = _events("3月5日，社区开展排查。", "当晚，志愿者上门送菜。", "同日，街道召开会议。",
                     published="2022-03-21")
    assert list(events["date"]) == ["2022-03-05"] * 3
    assert events.loc[1, "part_of_day"] == "晚"


def test_relative_day_without_an_earlier_date_is_no_event():
    assert _events("次日，队员们继续入户排查。").empty


def test_the_day_of_a_named_event_is_not_the_previous_date():
    # "解封的当天" is the day Wuhan reopened, not the last date written.
    events = _events("3月5日，社区开展排查。", "就在武汉解封的当天，总书记写了回信。",
                     published="2020-04-10")
    assert list(events["date"]) == ["2020-03-05"]


def test_a_list_of_days_gives_one_event_per_day():
    events = _events("2月16日和18日，工作队先后两次入户发放蔬菜。")
    assert list(events["date"]) == ["2020-02-16", "2020-02-18"]
    assert list(events["expression"]) == ["2月16日", "18日"]
    assert events["end_date"].isna().all()


def test_a_range_gives_one_event_with_an_end_date():
    events = _events("3月14日至15日，开展全员核酸检测。", published="2022-03-21")
    assert list(events["date"]) == ["2022-03-14"]
    assert list(events["end_date"]) == ["2022-03-15"]
    assert events.loc[0, "expression"] == "3月14日至15日"


def test_a_range_across_months():
    events = _events("3月30日至4月2日，小区实行封闭管理。", published="2022-05-20")
    assert list(zip(events["date"], events["end_date"])) == [("2022-03-30", "2022-04-02")]


def test_a_month_without_a_day_is_a_month_precision_event():
    events = _events("北京市从5月开始常态化核酸检测。", published="2022-05-20")
    assert list(events["date"]) == ["2022-05"]
    assert list(events["precision"]) == ["month"]
    assert pd.isna(events.loc[0, "day"])
    assert "常态化核酸检测" in events.loc[0, "label"]


@pytest.mark.parametrize("sentence", [
    "对于经过14天隔离医学观察的人员精准掌握。",
    "孝感市直驻主城区80个社区的80支工作队已连续奋战20个日日夜夜。",
    "申领75%医用酒精、84消毒液等消毒用品。",
    "根据市防指15号令精神，全面升级管控措施。",
    "卢西嘉园小区4号楼的居民下楼做核酸。",
    "最近两个多月来，全国400多万名社区工作者坚守一线。",
    "已连续奋战30个小时，不到5分钟就完成采样。",
    "违法和不良信息举报电话：022-23602087。",
])
def test_numbers_that_are_not_dates_are_not_events(sentence):
    assert _events(sentence).empty


def test_impossible_dates_are_not_events():
    assert _events("2月30日，社区开展排查。", "13月2日，社区开展排查。").empty


def test_byline_time_is_the_publication_not_an_event():
    assert _events("来源:央视新闻客户端 作者:兴来 2020-04-10 21:43:28",
                   published="2020-04-10").empty


def test_page_dateline_equal_to_the_publication_date_is_not_an_event():
    line = "上一篇 下一篇 2022年3月21日 放大 缩小 默认"
    assert _events(line, published="2022-03-21").empty
    # The same date told as news is an event.
    assert list(_events("2022年3月21日，全市开展核酸检测。", published="2022-03-21")["date"]) \
        == ["2022-03-21"]


def test_label_is_the_clause_that_says_what_happened():
    events = _events("2月6日，市委直属机关工委再次下发通知，号召党员干部参与社区防控。")
    label = events.loc[0, "label"]
    assert label == "市委直属机关工委再次下发通知"
    assert "2月6日" not in label


def test_long_labels_keep_verb_and_object_and_mark_what_they_leave_out():
    # More in tests/test_event_labels.py.
    events = _events("2月7日6:30，驻柏树社区队员刘义鹏在柏树社区居民微信群里发出了一条关于疫情防控的重要消息。")
    label = events.loc[0, "label"]
    assert "…" in label and "发出了" in label and label.endswith("消息") and len(label) <= 22
    assert all(piece in events.loc[0, "sentence"] for piece in label.split("…"))


def test_find_date_mentions_reports_kind_and_numbers():
    mentions = find_date_mentions("次日7:03，通知下发，2月16日和18日入户。")
    assert [(m.kind, m.month, m.day, m.hour, m.minute) for m in mentions] == [
        ("relative", None, None, 7, 3), ("month_day", 2, 16, None, None),
        ("continuation", 2, 18, None, None)]
    assert mentions[0].offset_days == 1 and not mentions[2].range_end


# --------------------------------------------------------------- year resolution

@pytest.mark.parametrize(("month", "day", "published", "year"), [
    (12, 28, "2021-01-05", 2020),   # after publication in the same year: the year before
    (1, 5, "2021-01-05", 2021),     # on the publication day
    (1, 3, "2021-01-05", 2021),
    (12, None, "2021-01-05", 2020),  # a month alone, same rule by month
    (1, None, "2021-01-05", 2021),
    (2, 15, None, None),            # no publication date: unknown, never guessed
])
def test_resolve_year(month, day, published, year):
    assert resolve_year(month, day, published) == year


def test_this_year_and_last_year_count_from_the_publication_year():
    events = _events("去年12月，社区开始网格化管理。", "今年1月3日，居民恢复出行。",
                     "去年3月5日，首次封控。", published="2021-12-20")
    assert list(events["date"]) == ["2020-12", "2021-01-03", "2020-03-05"]
    assert list(events["expression"]) == ["去年12月", "今年1月3日", "去年3月5日"]


def test_events_across_a_year_boundary():
    events = _events("12月28日，社区开始封闭管理。", "12月31日，志愿者上门送菜。", "次日，小区解封。",
                     "1月3日，居民恢复出行。", published="2021-01-05")
    assert list(events["date"]) == ["2020-12-28", "2020-12-31", "2021-01-01", "2021-01-03"]


def test_article_without_publication_date_keeps_years_unresolved_and_warns():
    articles, sentences, _ = _corpus("2月15日，队长在群里报告。", "次日7:03，通知下发。",
                                     "2020年4月8日，武汉解封。", published=None, article_id="x9")
    with pytest.warns(UnresolvedYearWarning, match=r"x9.*2 event\(s\).*metadata\.yaml"):
        events = extract_events(articles, sentences)
    assert list(events["date"]) == ["--02-15", "--02-16", "2020-04-08"]
    assert list(events["year_resolved"]) == [False, False, True]
    assert events["year"].isna().tolist() == [True, True, False]
    assert list(events["month"]) == [2, 2, 4]


def test_unresolved_month_keeps_its_month():
    events = _events("从5月开始，常态化核酸检测。", published=None)
    assert list(events["date"]) == ["--05"] and not events.loc[0, "year_resolved"]


def test_bad_publication_date_is_a_helpers_error():
    articles, sentences, _ = _corpus("2月15日，报告。", published="15/02/2020")
    with pytest.raises(HelpersError, match="metadata.yaml"):
        extract_events(articles, sentences)


def test_missing_columns_are_a_helpers_error():
    articles, sentences, _ = _corpus("2月15日，报告。")
    with pytest.raises(HelpersError, match="published"):
        extract_events(articles.drop(columns="published"), sentences)


def test_select_events_by_city_and_range():
    events = _events("2月6日，下发通知。", "2月15日，报告。", "从2月开始，全面排查。")
    assert list(select_events(events, start="2020-02-10")["date"]) == ["2020-02-15", "2020-02"]
    assert list(select_events(events, end="2020-02-10")["date"]) == ["2020-02-06", "2020-02"]
    with pytest.raises(HelpersError, match="孝感"):
        select_events(events, cities=["上海"])


# --------------------------------------------------------------- reference events

def test_packaged_reference_events_cover_the_course_of_the_epidemic():
    refs = load_reference_events().set_index("id")
    assert refs.loc["wuhan-closure", "start"] == dt.date(2020, 1, 23)
    assert refs.loc["wuhan-reopening", "start"] == dt.date(2020, 4, 8)
    assert refs.loc["new-ten-measures", "start"] == dt.date(2022, 12, 7)
    assert refs.loc["new-ten-measures", "scope"] == "national"
    jilin, beijing = refs.loc["jilin-outbreak-2022"], refs.loc["beijing-outbreak-2022"]
    assert jilin["start"].year == 2022 and jilin["start"].month == 3
    assert (beijing["start"].month, beijing["end"].month) == (4, 6)
    assert refs["source"].str.len().gt(5).all()
    assert all(e is None or e >= s for s, e in zip(refs["start"], refs["end"]))


def test_reference_events_for_a_city_are_national_and_its_own():
    refs = load_reference_events()
    shown = set(reference_events.reference_events_for(refs, ["白城"])["id"])
    assert "jilin-outbreak-2022" in shown and "new-ten-measures" in shown
    assert "wuhan-closure" not in shown and "beijing-outbreak-2022" not in shown
    assert "hubei-level-1" in set(reference_events.reference_events_for(refs, ["孝感市"])["id"])


_GOOD_ENTRY = """\
events:
  - id: a
    start: 2020-01-23
    name_zh: 武汉
    name_en: Wuhan
    scope: 武汉
    source: 某机关 某通告
"""


@pytest.mark.parametrize(("text", "message"), [
    (_GOOD_ENTRY + "    colour: red\n",
     "refs.yaml, line 8: event 'a': unknown key 'colour'; fix: remove it; "
     "allowed keys: id, start, end, name_zh, name_en, scope, cities, source, source_en, note"),
    (_GOOD_ENTRY.replace("2020-01-23", "2020-13-45"),
     "refs.yaml, line 3: event 'a': start must be a date YYYY-MM-DD, not '2020-13-45'; "
     "fix: write the date as YYYY-MM-DD, e.g. 2020-01-23"),
    (_GOOD_ENTRY + "    end: 2020-01-01\n",
     "refs.yaml, line 8: event 'a': end 2020-01-01 is before start 2020-01-23; fix: swap or fix them"),
    (_GOOD_ENTRY.replace("    source: 某机关 某通告\n", ""),
     "refs.yaml, line 2: event 'a' lacks source; fix: add 'source:' (defaults.yaml in src/helpers/data describes it)"),
    (_GOOD_ENTRY + _GOOD_ENTRY.split("events:\n")[1],
     "refs.yaml, line 8: duplicate event id 'a' (first at line 2); fix: give each event its own id"),
    ("items: []\n",
     "refs.yaml, line 1: unknown key 'items'; fix: remove it; allowed keys: events"),
    ("events:\n  - id: [\n",
     "refs.yaml, line 3: not valid YAML (expected the node content, but found '<stream end>'); "
     "fix: check indentation, colons and quoting"),
])
def test_invalid_reference_file_names_file_line_and_fix(tmp_path, text, message):
    path = tmp_path / "refs.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HelpersError) as error:
        load_reference_events(path)
    assert str(error.value) == message


def test_valid_minimal_reference_file(tmp_path):
    path = tmp_path / "refs.yaml"
    path.write_text(_GOOD_ENTRY, encoding="utf-8")
    refs = load_reference_events(path)
    assert list(refs["id"]) == ["a"] and refs.loc[0, "cities"] == ["武汉"]
    assert refs.loc[0, "end"] is None


# --------------------------------------------------------------- real seeds

@pytest.fixture(scope="module")
def corpus():
    from helpers.corpus import read_corpus

    return read_corpus(seeds_dir())


@pytest.fixture(scope="module")
def seed_events(corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnresolvedYearWarning)
        return extract_events(corpus.articles, corpus.sentences)


def test_seed_offsets_point_at_the_expressions(corpus, seed_events):
    texts = corpus.articles.set_index("id")["text"]
    assert len(seed_events) > 10
    for event in seed_events.itertuples():
        assert texts[event.id][event.start:event.end] == event.expression


def test_xiaogan_run_of_dates_from_30_january_to_19_february_2020(corpus, seed_events):
    published = corpus.articles.set_index("id").loc[XIAOGAN, "published"]
    assert published, "the Xiaogan article needs its manual publication date (seeds/metadata.yaml)"
    xiaogan = seed_events[seed_events["id"] == XIAOGAN]
    assert xiaogan["year_resolved"].all() and set(xiaogan["year"]) == {2020}
    assert min(xiaogan["date"]) == "2020-01-30" and max(xiaogan["date"]) == "2020-02-19"
    timed = set(zip(xiaogan["date"], xiaogan["time"]))
    assert {("2020-01-30", "18:00"), ("2020-01-30", "21:00"), ("2020-01-31", "07:03"),
            ("2020-02-07", "06:30")} <= timed
    days = set(xiaogan["date"])
    assert {"2020-02-06", "2020-02-14", "2020-02-15", "2020-02-16", "2020-02-18"} <= days
    assert set(xiaogan["city"]) == {"孝感"}
    # 14天, 80个社区, 20个日日夜夜, 84消毒液 and 15号令 are not events.
    assert not xiaogan["expression"].str.contains(r"\d天|个|号|%").any()


def test_baicheng_14_and_15_march_2022(seed_events):
    baicheng = seed_events[seed_events["id"] == BAICHENG]
    found = set(zip(baicheng["date"], baicheng["part_of_day"]))
    assert {("2022-03-14", "上午"), ("2022-03-14", "下午"), ("2022-03-15", "早")} <= found
    assert baicheng["year_resolved"].all()


def test_seed_without_publication_date_keeps_unresolved_years(tmp_path, capsys):
    # The Xiaogan article alone, without the manual metadata file: no date to resolve from.
    shutil.copy(seeds_dir() / f"{XIAOGAN}.txt", tmp_path / f"{XIAOGAN}.txt")
    assert main(["timeline", "--seeds", str(tmp_path), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert f"warning: article {XIAOGAN}: no publication date" in captured.err
    rows = list(csv.DictReader(io.StringIO(captured.out.removeprefix("\ufeff"))))
    assert rows and all(r["year_resolved"] == "False" for r in rows)
    assert {r["date"] for r in rows} >= {"--01-30", "--02-19"}
    assert not any(r["date"][:4].isdigit() for r in rows)


def test_timeline_command_prints_the_events_table(capsys, seed_events):
    assert main(["timeline", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")  # the byte-order mark Excel needs (tests/test_downloads.py)
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert {"id", "city", "date", "precision", "sentence"} <= set(rows[0])
    assert len(rows) == len(seed_events)
    assert {"day", "time", "month"} <= {r["precision"] for r in rows}
    assert {"reported", "clipped"} <= {r["status"] for r in rows}
    assert "announced" not in {r["status"] for r in rows}


NOTICE = (
    "关于开展全员核酸检测的通告\n\n发布时间：2022年4月11日  来源：上海市某街道办事处\n\n"
    "4月10日，上海市某小区发现一例阳性感染者。定于4月12日至14日，在小区东门开展全员核酸检测。"
    "4月底前，全体居民完成加强针接种。4月11日，社区启动封闭管理，请上海市民配合。\n"
)


def test_timeline_command_prints_what_a_notice_announced_apart(tmp_path, capsys):
    (tmp_path / "100_notice.txt").write_text(NOTICE, encoding="utf-8")
    assert main(["timeline", "--seeds", str(tmp_path), "--format", "csv"]) == 0
    events = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["date"], r["status"]) for r in events] == [("2022-04-10", "reported"), ("2022-04-11", "reported")]
    assert main(["timeline", "--seeds", str(tmp_path), "--format", "csv", "--announcements"]) == 0
    out = capsys.readouterr().out
    announced = list(csv.DictReader(io.StringIO(out)))
    assert [(r["expression"], r["date"], r["end_date"], r["status"]) for r in announced] == [
        ("4月12日至14日", "2022-04-12", "2022-04-14", "announced"),
        ("4月底", "2022-04-21", "2022-04-30", "announced")]
    assert out.splitlines()[0].split(",") == list(events[0])  # the same columns


# --------------------------------------------------------------- charts

def _label_boxes(chart):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = chart.figure
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in figure.texts + figure.axes[0].texts
            if t.get_gid() == "timeline-label"]


def _assert_no_overlap(boxes):
    for a, b in combinations(boxes, 2):
        overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_event_chart_labels_every_shown_event_without_collisions(corpus, seed_events, lang):
    import matplotlib.dates as mdates

    refs = load_reference_events()
    chart = timeline_charts.plot_article_events(seed_events, corpus.articles,
                                                references=refs, lang=lang)
    ax = chart.figure.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    first, last = (d.date() for d in mdates.num2date(ax.get_xlim()))
    refs_in_range = sum(1 for r in refs.itertuples() if r.start <= last and (r.end or r.start)
                        >= first)
    n_resolved = int(seed_events["year_resolved"].sum())
    assert refs_in_range >= 5  # Wuhan 2020 and the 2022 outbreaks are behind the events
    # One label per event with a known year and one per reference event in range.
    boxes = _label_boxes(chart)
    assert len(boxes) == n_resolved + refs_in_range
    _assert_no_overlap(boxes)
    assert not missing_glyphs("".join(figure_texts(chart.figure)))
    assert chart.caption.endswith(("。", "."))
    assert str(n_resolved) in chart.caption


def test_close_ups_follow_the_clusters_of_events(corpus, seed_events):
    periods = timeline_charts.event_periods(seed_events)
    assert len(periods) >= 2
    xiaogan = next(p for p in periods if p[0].startswith("2020-01"))
    assert xiaogan[0] <= "2020-01-30" and xiaogan[1] >= "2020-02-19" and xiaogan[1] < "2020-03"
    chart = timeline_charts.plot_article_events(
        seed_events, corpus.articles, start=xiaogan[0], end=xiaogan[1],
        references=load_reference_events(), lang="en")
    ticks = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert ticks == ["Xiaogan 004"]
    _assert_no_overlap(_label_boxes(chart))
    assert "Xiaogan" in chart.caption and "30 Jan 2020" in chart.caption


def test_reference_events_are_named_in_legend_and_caption_only_when_drawn(corpus, seed_events):
    refs = load_reference_events()
    inside = timeline_charts.plot_article_events(seed_events, corpus.articles, start="2022-03-10",
                                                 end="2022-03-20", references=refs, lang="en")
    legend = [t.get_text() for t in inside.figure.axes[0].get_legend().get_texts()]
    assert "Reference period" in legend and "reference events are marked in grey" in inside.caption
    # An event in a quiet month: no reference event falls near it, so none is named.
    articles, sentences, _ = _corpus("2021年6月3日，社区开展排查。", published="2021-06-10")
    quiet = timeline_charts.plot_article_events(extract_events(articles, sentences), articles,
                                                references=refs, lang="en")
    legend = [t.get_text() for t in quiet.figure.axes[0].get_legend().get_texts()]
    assert legend == ["Day"] and "grey" not in quiet.caption and "reference" not in quiet.caption


def test_city_parameter_restricts_rows_and_reference_events(corpus, seed_events):
    chart = timeline_charts.plot_article_events(
        seed_events, corpus.articles, cities=["白城"], references=load_reference_events())
    texts = figure_texts(chart.figure)
    assert [t.get_text() for t in chart.figure.axes[0].get_yticklabels()] == ["白城 001"]
    assert any("吉林" in t for t in texts)
    assert not any("武汉" in t for t in texts)
    with pytest.raises(HelpersError, match="valid cities"):
        timeline_charts.plot_article_events(seed_events, corpus.articles, cities=["上海"])


def test_event_chart_counts_unresolved_events_in_its_caption():
    articles, sentences, _ = _corpus("2月15日，队长报告。", "2020年4月8日，武汉解封。",
                                     published=None)
    with pytest.warns(UnresolvedYearWarning):
        events = extract_events(articles, sentences)
    en = timeline_charts.plot_article_events(events, articles, lang="en")
    zh = timeline_charts.plot_article_events(events, articles, lang="zh")
    assert "1 events with an unresolved year are not shown" in en.caption
    assert "1个事件年份不详" in zh.caption
    assert len(_label_boxes(en)) == 1


def test_publication_chart_names_undated_articles(corpus):
    chart = timeline_charts.plot_publication_dates(corpus.articles, lang="en",
                                                   references=load_reference_events())
    undated = corpus.articles.loc[corpus.articles["published"].isna(), "id"]
    for article_id in undated:  # named by the short id the chart uses
        assert article_id.split("_")[0] in chart.caption
    ticks = {t.get_text() for t in chart.figure.axes[0].get_yticklabels()}
    assert "Xiaogan" in ticks and "Baicheng" in ticks
    assert chart.figure.axes[0].get_title() == "Publication dates of the articles, by city"
    _assert_no_overlap(_label_boxes(chart))


def test_chart_parameters_are_checked(corpus, seed_events):
    with pytest.raises(HelpersError, match="unknown language"):
        timeline_charts.plot_publication_dates(corpus.articles, lang="fr")
    with pytest.raises(HelpersError, match="not after start"):
        timeline_charts.plot_article_events(seed_events, corpus.articles,
                                            start="2022-03-20", end="2022-03-01")



def test_city_without_dated_events_gets_a_sentence_not_an_empty_chart(corpus, seed_events):
    # Wuhan's article is in the corpus but reports no dated event in its body.
    assert "武汉" in set(corpus.articles["city"]) and "武汉" not in set(seed_events["city"])
    references = load_reference_events()
    chart = timeline_charts.plot_article_events(seed_events, corpus.articles, cities=["武汉"],
                                                references=references, lang="en")
    assert chart.figure is None
    assert chart.caption == ("No article of Wuhan's coverage gives a date that can be placed on a calendar, "
                             "so there is no timeline here.")
    assert "reference" not in chart.caption  # no reference event is promised
    zh = timeline_charts.plot_article_events(seed_events, corpus.articles, cities=["武汉"], lang="zh")
    assert zh.figure is None and zh.caption.startswith("武汉报道没有写明")
    chosen = timeline_charts.plot_article_events(seed_events, corpus.articles, start="2021-01-01",
                                                 end="2021-02-01", lang="en")
    assert chosen.figure is None and chosen.caption == "No event falls in the chosen range and cities."
    nothing = timeline_charts.plot_publication_dates(corpus.articles, start="2021-01-01", end="2021-02-01",
                                                     lang="en")
    assert nothing.figure is None and nothing.caption.startswith("No article with a publication date")
    with pytest.raises(HelpersError, match="unknown city"):
        timeline_charts.plot_article_events(seed_events, corpus.articles, cities=["火星"], lang="en")


# --------------------------------------------------------------- notebook

NOTEBOOK = notebooks_dir() / "04_timeline.ipynb"


def test_notebook_is_thin_and_stored_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    params = "".join(code[0]["source"])
    for name in ("seeds_dir", "lang", "start", "end", "cities"):
        assert f"{name}:" in params
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert not any("def " in "".join(c["source"]) for c in code)
    tags = [set(c["metadata"].get("tags", [])) for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert sum("lang-zh" in t for t in tags) == sum("lang-en" in t for t in tags) > 0


@pytest.mark.slow
@pytest.mark.parametrize("parameters", [
    {"lang": "en"},
    {"lang": "zh", "cities": ["白城"], "start": "2022-03-01", "end": "2022-03-31"},
])
def test_notebook_runs_and_draws_figures(tmp_path, parameters):
    import nbformat
    import papermill

    output = tmp_path / "04_timeline.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(output), parameters={"seeds_dir": str(seeds_dir()), **parameters},
        cwd=str(tmp_path), kernel_name="python3", progress_bar=False,
    )
    nb = nbformat.read(output, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [i for i, o in enumerate(outputs) if "image/svg+xml" in o.get("data", {})]
    # Every chart is followed by its caption (the page's opening paragraph is Markdown too, not a caption).
    captions = [outputs[i + 1].get("data", {}).get("text/markdown") for i in images if i + 1 < len(outputs)]
    assert len(images) >= 3 and len(captions) == len(images) and all(captions)
    if parameters.get("cities") == ["白城"]:
        assert any("白城" in c and "3个事件" in c for c in captions)


def test_parts_of_day_are_apart_on_the_axis_and_named_in_labels():
    articles, sentences, _ = _corpus("3月14日上午，社区张贴通知。", "3月14日下午，社区整理记录。",
                                     published="2022-03-21")
    events = extract_events(articles, sentences)
    chart = timeline_charts.plot_article_events(events, articles, lang="en")
    ax = chart.figure.axes[0]
    marks = sorted(line.get_xdata()[0] for line in ax.get_lines() if line.get_marker() == "o")
    hours = [mark.hour for mark in marks]
    assert hours[0] < 12 < hours[1]
    labels = sorted(t.get_text() for t in ax.texts if t.get_gid() == "timeline-label")
    assert labels[0].startswith("afternoon ") and labels[1].startswith("morning ")


def test_chinese_date_ticks_have_no_leading_zeros(corpus, seed_events):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    chart = timeline_charts.plot_article_events(seed_events, corpus.articles, lang="zh",
                                                start="2020-01-27", end="2020-02-22")
    FigureCanvasAgg(chart.figure).draw()
    ticks = [t.get_text() for t in chart.figure.axes[0].get_xticklabels()]
    assert "2月" in ticks and all(not t.startswith("0") for t in ticks)
    assert any(t.endswith("日") for t in ticks)


def test_select_events_checks_cities_against_the_corpus_when_told(corpus, seed_events):
    # Wuhan is in the corpus but reports no dated event: nothing selected, no error.
    chosen = select_events(seed_events, cities=["武汉"], known_cities=corpus.articles["city"])
    assert chosen.empty
    with pytest.raises(HelpersError, match="火星"):
        select_events(seed_events, cities=["火星"], known_cities=corpus.articles["city"])


# --------------------------------------------------------------- days without their month


def test_a_bare_day_takes_the_month_mentioned_before_it_in_the_same_or_an_earlier_sentence():
    events = _events("3月22日，成都市武侯区各社区开展全员核酸检测。", "23日上午，志愿者为居家隔离的居民送菜上门。",
                     "截至24日，累计排查返乡人员3000余人。", published="2022-03-26")
    assert [(e.date, e.kind, e.expression) for e in events.itertuples()] == [
        ("2022-03-22", "month_day", "3月22日"), ("2022-03-23", "day", "23日上午"), ("2022-03-24", "day", "24日")]
    same_sentence = _events("4月1日，长沙市岳麓区启动封控，3日起分批解封。", published="2022-04-10")
    assert _dates(same_sentence) == [("2022-04-01", None), ("2022-04-03", None)]


def test_a_bare_day_takes_the_last_month_mentioned():
    events = _events("2月28日，哈尔滨市道里区发布通告。", "3月2日，社区恢复出入。", "5日，超市重新开门。",
                     published="2022-03-10")
    assert _dates(events)[-1] == ("2022-03-05", None)


def test_a_bare_day_with_no_month_before_it_takes_the_publication_month_if_not_after_the_publication_day():
    assert _dates(_events("23日上午，宁德市蕉城区各社区开展核酸检测。", published="2022-03-25")) == [("2022-03-23", None)]
    # after the publication day: the month cannot be supported, so no event
    assert _events("27日上午，宁德市蕉城区各社区开展核酸检测。", published="2022-03-25").empty


def test_a_bare_day_without_month_or_publication_date_is_left_out():
    articles, sentence_table, _ = _corpus("23日上午，柘荣县城关社区开展核酸检测。", published=None)
    assert extract_events(articles, sentence_table).empty


def test_a_bare_day_range_and_a_day_that_does_not_exist():
    events = _events("3月14日，社区实行封闭管理。", "23日至25日，分批开展核酸检测。", published="2022-03-30")
    assert [(e.date, e.end_date) for e in events.itertuples()][-1] == ("2022-03-23", "2022-03-25")
    assert _dates(_events("2月28日，社区封闭。", "30日，社区解封。", published="2022-03-30")) == [("2022-02-28", None)]


@pytest.mark.parametrize(
    "sentence",
    ["密接人员需居家隔离14日内不得外出。", "近14日无中高风险地区旅居史。", "连续7日无新增病例。", "每月15日开展环境消杀。",
     "第3日复检结果为阴性。", "隔离期14日以上的人员。"],
)
def test_durations_and_recurring_days_are_not_bare_days(sentence):
    assert find_date_mentions(sentence) == []


# --------------------------------------------------------------- the dispatch date


def test_the_dispatch_date_is_not_an_event_but_gives_the_month_of_bare_days():
    articles, sentence_table, _ = _corpus(
        "石家庄藁城区全员核酸检测",
        "中新网石家庄1月11日电（记者 张三）10日晚，藁城区增光村完成全员核酸检测，12日起实行封闭管理。",
        published="2021-01-11")
    dates = extract_dates(articles, sentence_table)
    assert [(e.date, e.kind) for e in dates.events.itertuples()] == [("2021-01-10", "day")]
    # 12日, the day after publication, is announced: no event
    assert [(e.date, e.kind) for e in dates.announcements.itertuples()] == [("2021-01-12", "day")]
    # no publication date: the dispatch day, its year supported by the body, still dates the other days
    articles, sentence_table, _ = _corpus("石家庄藁城区全员核酸检测",
                                          "中新网石家庄1月11日电（记者 张三）2021年1月6日以来，藁城区多轮核酸检测；"
                                          "10日晚，增光村完成采样，1月12日起实行封闭管理。", published=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnresolvedYearWarning)  # every year is resolved
        undated = extract_events(articles, sentence_table)
    assert [e.date for e in undated.itertuples()] == ["2021-01-06", "2021-01-10", "2021-01-12"]
    assert set(undated["status"].fillna("")) == {""}  # nothing is placed against a date the article does not print
    wire = _events("新华社北京3月2日电 国务院联防联控机制3月1日召开新闻发布会。", published="2022-03-02")
    assert _dates(wire) == [("2022-03-01", None)]


def test_a_bare_day_in_chinese_numerals_is_a_day_of_the_printed_month():
    from helpers.analysis.dates import find_date_mentions

    found = [(m.kind, m.day) for m in find_date_mentions("据官方通报，十四日起，多个街道社区开展区域核酸筛查。")]
    assert found == [("day", 14)]
    assert [(m.kind, m.day) for m in find_date_mentions("二十三日上午，社区组织志愿者消杀。")] == [("day", 23)]
    # one day, ten days: words of duration, not dates
    assert find_date_mentions("街道安排了临时宿舍，一日三餐都送到社区。") == []
    assert find_date_mentions("二十日内完成全员核酸检测。") == []


@pytest.mark.parametrize(
    ("sentence", "day"),
    [("市卫健委12日通报，全市新增两例本土确诊病例。", 12), ("该县疫情防控指挥部8日晚发布通告，城区实行封闭管理。", 8),
     ("国务院联防联控机制3日召开新闻发布会。", 3)],
)
def test_a_day_after_who_announced_it_is_a_day_in_the_agencies_style(sentence, day):
    assert [(m.kind, m.day) for m in find_date_mentions(sentence)] == [("day", day)]


@pytest.mark.parametrize(
    "sentence", ["全员居家隔离了14日发布解除通知。", "已连续21日通报零新增。", "每月15日公布一次物资发放名单。"],
)
def test_a_day_after_counting_words_stays_a_duration_even_before_a_verb_of_announcing(sentence):
    assert find_date_mentions(sentence) == []
