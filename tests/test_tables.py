"""Reader-facing tables and the analysis facade the notebooks use."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.analysis import analyse
from helpers.errors import HelpersError
from helpers.report import names, prose, tables


def _articles(**overrides) -> pd.DataFrame:
    row = {
        "id": "a1", "title": "<script>alert(1)</script>标题", "title_provenance": "extracted",
        "source": "人民网", "source_provenance": "extracted", "published": "2022-05-20",
        "published_provenance": "manual", "city": "北京", "city_en": "Beijing", "city_provenance": "extracted",
        "genre": "commentary", "genre_provenance": "manual",
        "n_chars": 120, "text": "社区工作人员开展核酸检测。", "encoding": "utf-8", "removed": [],
        "pinyin_removed": 0, "duplicate_of": None, "warnings": [],
    }
    row.update(overrides)
    return pd.DataFrame([row])


def test_article_table_escapes_text_marks_manual_values_and_hides_the_index():
    page = tables.article_table(_articles(), "en").to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "2022-05-20 (manual)" in page
    assert "Beijing" in page and "Published" in page
    assert "row_heading" not in page  # no index column
    zh = tables.article_table(_articles(), "zh").to_html()
    assert "2022-05-20（人工）" in zh and "发布日期" in zh
    assert "commentary (manual)" in page and "评论（人工）" in zh and "体裁" in zh
    unknown = tables.article_table(_articles(genre="unknown", genre_provenance=None), "en").to_html()
    assert "genre not known" in unknown and "Genre" in unknown


def test_untitled_articles_show_their_opening_words_marked_as_such():
    page = tables.article_table(_articles(title=None, title_provenance=None), "zh").to_html()
    assert "〔无标题〕社区工作人员开展核酸检测" in page
    assert names.display_title("真标题", "正文", "en") == "真标题"


def test_same_table_gives_the_same_html_and_different_tables_different_ids():
    first = tables.article_table(_articles(), "zh").to_html()
    assert first == tables.article_table(_articles(), "zh").to_html()
    other = tables.article_table(_articles(id="a2"), "zh").to_html()
    assert re.search(r'id="(T_\w+)"', first).group(1) != re.search(r'id="(T_\w+)"', other).group(1)


def test_skipped_table_says_so_when_nothing_was_skipped():
    empty = pd.DataFrame(columns=["file", "reason"])
    assert "No file was skipped" in tables.skipped_table(empty, "en").to_html()
    bad = pd.DataFrame([{"file": "x <b>.txt", "reason": "empty file"}])
    assert "x &lt;b&gt;.txt" in tables.skipped_table(bad, "en").to_html()


def test_removed_lines_give_the_reason_in_the_report_language():
    articles = _articles(removed=[{"line": 3, "rule": "copyright", "reason": "copyright line", "reason_zh": "版权声明",
                                   "text": "版权所有"},
                                  {"line": 4, "rule": "old", "reason": "recorded before reason_zh existed",
                                   "text": "x"}])
    zh = tables.removed_lines(articles, "zh").data
    en = tables.removed_lines(articles, "en").data
    assert list(en.iloc[:, 1]) == ["copyright line", "recorded before reason_zh existed"]
    # Chinese as cleaning recorded it from the rules file; without one, the recorded English reason
    assert list(zh.iloc[:, 1]) == ["版权声明", "recorded before reason_zh existed"]
    # The rule's id is for analysts (check-seed, the evidence command), not for readers.
    assert "copyright" not in set(en.to_numpy().ravel()) and len(en.columns) == 3


def test_unknown_language_is_refused():
    with pytest.raises(HelpersError):
        tables.article_table(_articles(), "fr")


@pytest.fixture(scope="module")
def analysis():
    return analyse()


def test_every_linked_count_points_at_a_list_of_exactly_that_many_quotes(analysis):
    counts = tables.linked_counts(analysis.evidence, analysis.presence, "zh")
    appendix = tables.evidence_appendix(analysis.evidence, analysis.presence, "zh")
    links = re.findall(r'<a href="#(ev-[^"]+)">(\d+)</a>', counts)
    assert links
    for anchor, number in links:
        section = appendix.split(f'id="{anchor}"', 1)[1].split("</ol>", 1)[0]
        assert section.count("<li>") == int(number)
    assert len(analysis.evidence) == sum(int(n) for _, n in links)
    # every city is headed with its n: articles and sentences
    sentences = analysis.sentences.groupby("city").size()
    for city, n in analysis.articles.groupby("city").size().items():
        assert f"{city}<br><small>{n} 篇文章 · {sentences[city]} 句</small>" in counts, city


def test_quotes_are_in_the_original_script(analysis):
    # Article 003 (Beijing) is in Traditional script; its quotes must be too.
    quotes = tables.quotes(analysis.city_evidence("北京"), ["nucleic_acid_testing"], "zh").data
    assert len(quotes) and all("檢測" in q or "核酸" in q for q in quotes.iloc[:, 2])
    assert any("檢" in q or "測" in q for q in quotes.iloc[:, 2])


def test_unknown_city_lists_the_valid_ones(analysis):
    with pytest.raises(HelpersError, match="武汉, 白城, 全国, 北京, 孝感"):
        analysis.check_city("上海")
    with pytest.raises(HelpersError, match="unknown city"):
        analyse(city="上海")


def test_comparison_summary_names_cities_in_the_report_language(analysis):
    english = prose.comparison_summary(analysis.compare_cities(), "en", analysis.codebook)
    assert "Wuhan" in english and "not a test" in english
    assert not re.search(r"[\u4e00-\u9fff]", english), english
    assert "武汉" in prose.comparison_summary(analysis.compare_cities(), "zh", analysis.codebook)


def test_a_republished_copy_is_listed_but_not_counted_twice(tmp_path):
    import shutil

    from helpers.paths import seeds_dir

    for name in ("001_53418134698a61dc.txt", "003_4e5496108993cbe1.txt"):
        shutil.copy(seeds_dir() / name, tmp_path / name)
    once = analyse(tmp_path)
    shutil.copy(seeds_dir() / "003_4e5496108993cbe1.txt", tmp_path / "003_copy.txt")
    twice = analyse(tmp_path)
    assert len(twice.all_articles) == 3 and len(twice.articles) == 2
    assert twice.all_articles.set_index("id").loc["003_copy", "duplicate_of"] == "003_4e5496108993cbe1"
    pd.testing.assert_frame_equal(twice.presence, once.presence)
    assert len(twice.evidence) == len(once.evidence)


def test_events_table_reads_as_prose_not_raw_data(analysis):
    english = tables.events_table(analysis.events, "en").data
    text = english.to_string()
    for raw in ("NaN", "None", "True", "False", "year_resolved", "part_of_day"):
        assert raw not in text
    assert set(english["City"]) <= {"Baicheng", "Beijing", "Xiaogan", "Wuhan", "National"}
    assert "afternoon" in set(english["Time of day"])  # 3月14日下午 in Baicheng
    chinese = tables.events_table(analysis.events, "zh").data
    assert "下午" in set(chinese["时间"]) and "白城" in set(chinese["城市"])
    refs = tables.reference_table(analysis.reference_events, "en").data
    assert "Wuhan closed" in set(refs["Reference event"]) and refs["Source"].str.len().min() > 0
