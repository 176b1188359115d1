"""Each notebook's parameters as an analyst passes them: a bad count, an English city name or a string where a
list is expected is one line that names the parameter and suggests the value to write."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis.events import select_events
from helpers.corpus.cities import check_cities, check_city
from helpers.errors import HelpersError
from helpers.report import charts, tables

#: The cities of a small corpus (Chinese names, as the corpus has them).
CORPUS_CITIES = ["武汉", "白城", "北京", "全国"]
KEYNESS = pd.DataFrame({"city": ["武汉"] * 2, "token": ["网格员", "封控"], "g2": [20.0, 12.0],
                        "log_ratio": [2.0, 1.5], "freq_target": [8, 5], "freq_reference": [1, 1],
                        "reference": ["general"] * 2, "group_articles": [3, 3]})
EVENTS = pd.DataFrame({"id": ["a1"], "city": ["武汉"], "start_date": ["2020-02-10"], "end_date": [None],
                       "label": ["小区实行封闭管理"]})

#: notebook, parameter, the call the notebook makes with that parameter.
COUNTS = [
    ("01", "top_words", lambda v: tables.word_table(pd.DataFrame({"token": ["社区"], "count": [3]}), "en", top=v)),
    ("02", "top_words", lambda v: charts.keyness_bars(KEYNESS, "武汉", top=v, lang="en")),
    ("02", "top_words", lambda v: tables.keyness_table(KEYNESS, "en", top=v)),
    ("02", "quotes_per_measure", lambda v: tables.quotes(pd.DataFrame(), ["quarantine"], "en", per_measure=v)),
    ("04", "gap_days", lambda v: charts.event_periods(EVENTS, gap_days=v, known_cities=["武汉"])),
]


@pytest.mark.parametrize(("notebook", "name", "call"), COUNTS, ids=[f"{n}-{p}" for n, p, _ in COUNTS])
@pytest.mark.parametrize("value", [-3, 0, "5", 2.5])
def test_a_count_that_is_not_a_positive_whole_number_suggests_one(notebook, name, call, value):
    with pytest.raises(HelpersError) as error:
        call(value)
    message = str(error.value)
    assert message.startswith(f"{name} must be a whole number of at least 1, not {value!r}")
    assert f"fix: pass e.g. -p {name} 10" in message and "\n" not in message


@pytest.mark.parametrize(("written", "meant"), [
    ("Beijing", "北京"), ("beijing", "北京"), ("Wuhan", "武汉"), ("WUHAN", "武汉"), ("wuhan shi", "武汉"),
    ("Wu Han", "武汉"), ("Wǔhàn", "武汉"), ("Bai-cheng", "白城"), ("武汉市", "武汉"), ("national", "全国"),
])
def test_an_english_or_pinyin_city_name_suggests_the_chinese_name(written, meant):
    # 02's city and 03/04's cities go through the same check
    for check in (lambda: check_city(written, CORPUS_CITIES), lambda: check_cities([written], CORPUS_CITIES)):
        with pytest.raises(HelpersError) as error:
            check()
        message = str(error.value)
        assert f"(did you mean {meant}?)" in message and "\n" not in message


def test_a_city_of_the_gazetteer_with_no_article_in_the_corpus_is_named_as_such():
    with pytest.raises(HelpersError) as error:
        check_city("Shanghai", CORPUS_CITIES)
    message = str(error.value)
    assert "上海 is a city of the gazetteer, but no article here is from it" in message
    assert "did you mean" not in message and "valid cities: 武汉, 白城, 北京, 全国" in message
    # a name with 市 romanised must not lose a syllable that is part of the name (黄石, Huangshi)
    with pytest.raises(HelpersError, match="黄石 is a city of the gazetteer"):
        check_city("Huangshi", CORPUS_CITIES)


def test_a_string_where_a_list_is_expected_is_one_city_or_suggests_the_list():
    # 03/04: cities="武汉" is the one city, never its characters
    assert check_cities("武汉", CORPUS_CITIES) == ["武汉"]
    assert list(select_events(EVENTS, cities="武汉", known_cities=CORPUS_CITIES)["id"]) == ["a1"]
    with pytest.raises(HelpersError) as error:
        select_events(EVENTS, cities="Wuhan, Beijing", known_cities=CORPUS_CITIES)
    message = str(error.value)
    assert 'did you mean ["武汉", "北京"]? with papermill: -y \'cities: ["武汉", "北京"]\'' in message
    assert "\n" not in message


def test_a_list_where_one_city_is_expected_is_refused():
    # 02's city is one name; a list must not silently profile its first city
    with pytest.raises(HelpersError, match=r"^city must be one city name, not \['武汉', '白城'\]; fix: pass e\.g\. -p city 武汉"):
        check_city(["武汉", "白城"], CORPUS_CITIES)
