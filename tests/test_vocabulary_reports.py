"""What the vocabulary tables, notes and clouds tell a reader: the reference, the n, the bound, the names left out."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.report import prose, tables


def shown(markdown) -> str:
    """The text a reader sees of an escaped Markdown output."""
    return markdown.data.replace("\\", "")


def rows(city: str, reference: str, tokens: list[tuple[str, float]], group_articles: int = 1,
         bound: tuple[str, ...] = ()) -> pd.DataFrame:
    """Keyness rows of one city: (token, G²), all over-used."""
    return pd.DataFrame([{
        "city": city, "token": token, "freq_target": 5, "articles_target": min(group_articles, 2),
        "freq_reference": 10, "reference_bound": token in bound, "per_10k_target": 50.0,
        "per_10k_reference": 0.0268, "g2": g2, "p_value": float("nan"), "log_ratio": 3.0,
        "direction": "over", "reference": reference, "group_articles": group_articles,
        "reference_articles": float("nan") if reference == "general" else 6.0,
    } for token, g2 in tokens])


def test_the_keyness_table_marks_a_bounded_reference_rate_and_names_the_articles():
    keyness = rows("白城", "general", [("疫情防控", 30.0), ("排查", 20.0), ("的", 50.0), ("北京", 40.0)],
                   bound=("疫情防控",))
    table = tables.keyness_table(keyness, "en").data
    assert list(table["Word"]) == ["疫情防控", "排查"]  # the stopword and the place are not shown
    assert list(table["Per million words, general Chinese"]) == ["≤ 2.68", "2.68"]
    assert "Articles using it" in table.columns and "Frequency elsewhere" not in table.columns
    against_cities = tables.keyness_table(rows("白城", "cities", [("排查", 20.0)]), "zh").data
    assert "其他城市频次" in against_cities.columns and "通用汉语每百万词" not in against_cities.columns


def test_against_general_chinese_the_overview_lists_shared_words_once():
    keyness = pd.concat([
        rows("白城", "general", [("社区", 90.0), ("疫情防控", 80.0), ("居家隔离", 30.0), ("排查", 20.0)]),
        rows("北京", "general", [("社区", 95.0), ("疫情防控", 70.0), ("核酸", 40.0)]),
    ])
    table = tables.distinctive_by_city(keyness, "zh").data.set_index("城市")
    assert table.loc["白城", "词语"] == "居家隔离、排查"
    assert table.loc["北京", "词语"] == "核酸"
    assert table.loc["两个以上城市共有", "词语"] == "社区、疫情防控"  # by summed G²
    assert set(table["参照"]) == {"通用汉语"} and table.loc["白城", "文章数"] == 1


def test_against_the_other_cities_the_overview_lists_each_citys_words_as_they_come():
    keyness = pd.concat([
        rows("白城", "cities", [("社区", 90.0), ("排查", 20.0)], group_articles=6),
        rows("北京", "cities", [("社区", 95.0), ("核酸", 40.0)], group_articles=7),
    ])
    table = tables.distinctive_by_city(keyness, "en").data.set_index("City")
    assert table.loc["Baicheng", "Word"] == "社区、排查" and table.loc["Beijing", "Word"] == "社区、核酸"
    assert "Shared by two or more cities" not in table.index
    assert list(table["Reference"]) == ["the other cities"] * 2 and list(table["Articles"]) == [6, 7]


@pytest.mark.parametrize("lang, one, several", [
    ("zh", "只有 1 篇文章", "有 6 篇文章；只列出在其中至少两篇出现的词"),
    ("en", "has one article", "has 6 articles; only words used in at least two of them"),
])
def test_the_profile_note_names_the_reference_and_says_when_a_city_has_one_article(lang, one, several):
    single = shown(prose.keyness_note(rows("白城", "general", [("排查", 20.0)]), "白城", lang))
    assert one in single and ("jieba" in single)
    many = shown(prose.keyness_note(rows("白城", "cities", [("排查", 20.0)], group_articles=6), "白城", lang))
    assert several in many and ("6" in many)


def test_the_overview_note_says_why_cities_are_not_weighed_against_each_other():
    keyness = pd.concat([rows(city, "general", [("排查", 20.0)]) for city in ("白城", "北京", "孝感")])
    note = shown(prose.keyness_overview_note(keyness, "en", min_articles=5))
    assert "at most 2 articles" in note and "fewer than the 5" in note and "general Chinese" in note
    both = pd.concat([rows("白城", "cities", [("排查", 20.0)], 6), rows("北京", "general", [("核酸", 9.0)], 9)])
    assert "Reference" in shown(prose.keyness_overview_note(both, "en", min_articles=5))


def test_the_names_left_out_are_listed_by_reason_with_their_counts():
    left_out = pd.DataFrame({"reason": ["place", "place", "person"], "token": ["洮北区", "长庆", "刘征"],
                             "count": [4, 2, 1]})
    table = tables.left_out_words(left_out, "zh").data
    assert list(table["原因"]) == ["地名", "人名"]
    assert list(table["词语"]) == ["洮北区 (4)、长庆 (2)", "刘征 (1)"]
    short = tables.left_out_words(left_out, "en", top=1).data
    assert list(short["Word"]) == ["洮北区 (4) and 1 more", "刘征 (1)"]



def test_a_city_without_a_single_word_to_show_still_names_its_reference():
    from helpers.analysis.keyness import keyness
    from helpers.report import charts

    table = keyness(pd.DataFrame({"id": ["a", "a"], "city": ["白城", "白城"], "token": ["社区", "的"]}), "白城")
    assert table.empty and table.attrs["reference"] == {"白城": "general"}
    assert charts.keyness_bars(table, "白城", lang="en").caption == (
        "Baicheng's coverage uses no word more often than general Chinese.")
    assert "jieba" in shown(prose.keyness_note(table, "白城", "en"))


@pytest.mark.slow
def test_the_built_pages_say_what_the_vocabulary_is_weighed_against(built_reports):
    import html
    import re

    def text_of(relpath: str) -> str:
        page = (built_reports.reports / relpath).read_text(encoding="utf-8")
        page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
        return html.unescape(re.sub(r"<[^>]+>", " ", page))

    profile = text_of("en/02_city_profile-baicheng.html")
    assert "The reference is general Chinese" in profile and "Baicheng has one article" in profile
    assert "≤ " in profile  # a compound term's reference rate is a bound
    assert "Names left out" in profile and "洮北区 (4)" in profile
    overview = text_of("zh/01_corpus_overview.html")
    assert "两个以上城市共有" in overview and "少于比较所需的 5 篇" in overview
    for relpath in ("zh/01_corpus_overview.html", "en/02_city_profile-beijing.html"):
        assert "显著多用" not in text_of(relpath) and "significantly more" not in text_of(relpath)
