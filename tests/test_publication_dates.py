"""A publication date that is a bound, an approximation or manual is marked wherever a reader sees it."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from chart_checks import figure_texts, missing_glyphs
from helpers.publish.index_page import render_index
from helpers.publish.plan import NOTEBOOKS, CorpusSummary, ReportSpec, summarise_corpus
from helpers.report import charts, prose, tables
from helpers.report.dates import day_text, publication_text, publication_text_both


def _articles() -> pd.DataFrame:
    return pd.DataFrame([
        {"id": "001_a", "city": "白城", "city_en": "Baicheng", "published": "2022-03-21",
         "published_provenance": "extracted", "published_qualifier": None},
        {"id": "004_b", "city": "孝感", "city_en": "Xiaogan", "published": "2020-02-19",
         "published_provenance": "manual", "published_qualifier": "on_or_after"},
        {"id": "005_c", "city": "孝感", "city_en": "Xiaogan", "published": "2020-03-01",
         "published_provenance": "manual", "published_qualifier": None},
    ])


@pytest.mark.parametrize(("published", "provenance", "qualifier", "lang", "shown"), [
    ("2022-03-21", "extracted", None, "en", "2022-03-21"),
    ("2020-02-19", "manual", None, "en", "2020-02-19 (manual)"),
    ("2020-02-19", "manual", "on_or_after", "en", "≥ 2020-02-19 (earliest possible, manual)"),
    ("2020-02-19", "manual", "on_or_after", "zh", "≥ 2020-02-19（最早可能日期，人工）"),
    ("2020-02-19", "manual", "on_or_before", "en", "≤ 2020-02-19 (latest possible, manual)"),
    ("2020-02-19", "manual", "approximate", "zh", "≈ 2020-02-19（近似日期，人工）"),
    (None, None, None, "zh", "—"),
])
def test_a_publication_date_carries_its_sign_and_notes(published, provenance, qualifier, lang, shown):
    assert publication_text(published, provenance, qualifier, lang) == shown


def test_the_bilingual_index_shows_both_notes():
    assert publication_text_both("2020-02-19", "manual", "on_or_after") == \
        "≥ 2020-02-19 (最早可能日期，人工 / earliest possible, manual)"
    assert publication_text_both("2022-03-21", "extracted", None) == "2022-03-21"


def test_days_in_words():
    assert day_text("2022-05-20", "zh") == "2022年5月20日"
    assert day_text("2022-05-02", "en") == "2 May 2022"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_article_table_marks_the_earliest_possible_date(lang):
    articles = _articles().assign(title="标题", title_provenance="extracted", source="人民网",
                                  source_provenance="extracted", city_provenance="extracted", n_chars=10,
                                  genre="news", genre_provenance="extracted",
                                  text="正文。")
    frame = tables.article_table(articles, lang).data
    column = tables.header("published", lang)
    assert list(frame[column])[1] == publication_text("2020-02-19", "manual", "on_or_after", lang)
    assert list(frame[column])[0] == "2022-03-21"


def test_a_city_profile_says_its_date_is_the_earliest_possible():
    articles = _articles().assign(n_chars=100)
    summary = prose.city_summary(SimpleNamespace(article_metadata=articles), "孝感", "en").data
    assert "earliest possible" in summary and "≥ 2020" in summary


def test_the_publication_chart_draws_a_bound_hollow_marks_it_and_says_why():
    chart = charts.plot_publication_dates(_articles(), lang="en")
    assert "004 was published on or after the day drawn" in chart.caption
    assert "publication date of 005 comes from the manual metadata" in chart.caption
    labels = [t.get_text() for t in chart.figure.axes[0].texts if t.get_gid() == "timeline-label"]
    assert "004 ≥" in labels and "001" in labels
    hollow = [line for line in chart.figure.axes[0].lines if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1
    zh = charts.plot_publication_dates(_articles(), lang="zh")
    assert "004的发布日期是最早可能日期" in zh.caption
    for figure in (zh.figure, chart.figure):
        assert missing_glyphs("".join(figure_texts(figure))) == set()


def test_the_index_page_marks_the_seed_date_that_is_the_earliest_possible(tmp_path):
    from helpers.paths import seeds_dir

    summary = summarise_corpus(seeds_dir())
    page = render_index(summary, [ReportSpec(NOTEBOOKS[0], "zh")], {}, None)
    cells = [cell.get_text() for cell in BeautifulSoup(page, "html.parser").find_all("td")]
    assert "≥ 2020-02-19 (最早可能日期，人工 / earliest possible, manual)" in cells
    assert "2022-05-20" in cells
    # A summary cached by an older build has no shown date: the plain date stands in.
    old = CorpusSummary(cities=[("孝感", "Xiaogan")], skipped=[], articles=[
        {"id": "004", "city": "孝感", "city_en": "Xiaogan", "published": "2020-02-19", "title": "t"}])
    assert "2020-02-19" in render_index(old, [], {}, None)


def test_a_summary_field_added_by_a_newer_build_changes_no_article():
    old = {"id": "004", "city": "孝感", "city_en": "Xiaogan", "published": "2020-02-19", "title": "t"}
    new = {**old, "published_shown": "≥ 2020-02-19 (最早可能日期，人工 / earliest possible, manual)"}
    corpus = CorpusSummary(cities=[("孝感", "Xiaogan")], articles=[new], skipped=[])
    page = render_index(corpus, [], {}, [old])
    assert "No article changed" in page
    redated = CorpusSummary(cities=[("孝感", "Xiaogan")], articles=[{**new, "published": "2020-02-20"}], skipped=[])
    assert "No article changed" not in render_index(redated, [], {}, [old])
