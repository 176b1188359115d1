"""Keyness: the reference a city is weighed against, smoothing, the two-article rule, what rows may hold."""

from __future__ import annotations

import io
import math
from contextlib import redirect_stdout

import pandas as pd
import pytest

from helpers.analysis.keyness import (
    KEYNESS_COLUMNS,
    SMOOTHING,
    GeneralReference,
    choose_reference,
    distinctive_words,
    keyness,
    log_likelihood,
    smoothed_log_ratio,
)
from helpers.errors import HelpersError
from helpers.text.reference import ListedWords
from helpers.text.words import WordFilter

KEEP = WordFilter(frozenset({"的"}), frozenset({"北京"}), common=lambda word: False)


def words(rows: list[tuple[str, str, list[str]]]) -> pd.DataFrame:
    """One row per token: (article id, city, tokens)."""
    return pd.DataFrame([(aid, city, t) for aid, city, tokens in rows for t in tokens], columns=["id", "city", "token"])


def general(entries: dict[str, tuple[int, str]]) -> GeneralReference:
    """A small general word list: word → (frequency, jieba tag)."""
    frame = pd.DataFrame({"frequency": [f for f, _ in entries.values()], "tag": [t for _, t in entries.values()]},
                         index=pd.Index(list(entries), name="token"))
    return GeneralReference(frame, ListedWords({w: f for w, (f, _) in entries.items()}, uncounted=0), KEEP)


# --------------------------------------------------------------------------- the statistics


def test_log_likelihood_by_hand():
    # 核酸: 6 of 10 tokens in the city, 2 of 20 elsewhere
    e1, e2 = 10 * 8 / 30, 20 * 8 / 30
    assert log_likelihood(6, 2, 10, 20) == pytest.approx(2 * (6 * math.log(6 / e1) + 2 * math.log(2 / e2)))
    assert log_likelihood(3, 6, 10, 20) == pytest.approx(0.0)  # same relative frequency
    assert math.isfinite(log_likelihood(5, 0, 10, 1_000_000))  # finite without smoothing


def test_the_smoothed_log_ratio_adds_a_half_to_both_sides_and_is_always_finite():
    assert SMOOTHING == 0.5
    assert smoothed_log_ratio(6, 2, 10, 20) == pytest.approx(math.log2((6.5 / 10) / (2.5 / 20)))
    # absent from the reference: the ratio of a word seen half a time there, not infinity
    assert smoothed_log_ratio(10, 0, 20, 10) == pytest.approx(math.log2((10.5 / 20) / (0.5 / 10)))
    assert smoothed_log_ratio(0, 10, 20, 10) < 0 and math.isfinite(smoothed_log_ratio(0, 10, 20, 10))
    assert smoothed_log_ratio(4, 4, 100, 100) == 0.0  # equal counts on equal totals
    with pytest.raises(HelpersError, match="empty"):
        smoothed_log_ratio(1, 1, 0, 10)


# --------------------------------------------------------------------------- against the other cities


def test_keyness_against_the_other_cities_by_hand():
    tokens = words([("a1", "白城", ["核酸"] * 6 + ["社区"] * 4), ("b1", "孝感", ["核酸"] * 2 + ["社区"] * 8 + ["消杀"] * 10)])
    table = keyness(tokens, city="白城", against="cities", min_freq=3, min_articles=1).set_index("token")
    assert list(table.columns) == [c for c in KEYNESS_COLUMNS if c != "token"]
    row = table.loc["核酸"]
    assert (row["freq_target"], row["freq_reference"], row["articles_target"]) == (6, 2, 1)
    assert row["g2"] == pytest.approx(log_likelihood(6, 2, 10, 20))
    assert row["log_ratio"] == pytest.approx(smoothed_log_ratio(6, 2, 10, 20))
    assert row["direction"] == "over" and row["reference"] == "cities"
    # the same relative frequency (4 of 10, 8 of 20): smoothing leaves a ratio near 0 and G² is 0
    assert abs(table.loc["社区", "log_ratio"]) < 0.1 and table.loc["社区", "g2"] == pytest.approx(0)
    assert "社区" not in set(distinctive_words(table.reset_index())["token"])
    xiaogan = keyness(tokens, city="孝感", against="cities", min_articles=1).set_index("token")
    # 消杀 never occurs in 白城: finite, smoothed
    assert xiaogan.loc["消杀", "freq_reference"] == 0
    assert xiaogan.loc["消杀", "log_ratio"] == pytest.approx(math.log2((10.5 / 20) / (0.5 / 10)))


def test_every_ratio_is_finite_whatever_the_counts():
    tokens = words([("a1", "白城", ["核酸"] * 5 + ["独有"] * 3), ("b1", "孝感", ["社区"] * 9 + ["别处"] * 4)])
    for against in ("cities", "general"):
        table = keyness(tokens, against=against, min_articles=1, general=general({"社区": (500, "n")}))
        assert len(table) and table["log_ratio"].map(math.isfinite).all(), against
        assert table["g2"].map(math.isfinite).all(), against


def test_a_word_must_be_in_two_articles_of_a_city_that_has_two():
    tokens = words([
        ("a1", "白城", ["核酸"] * 3 + ["排查"] * 4),
        ("a2", "白城", ["核酸"] * 2 + ["社区"]),
        ("b1", "孝感", ["社区"] * 5),
    ])
    table = keyness(tokens, city="白城", against="cities", min_articles=1).set_index("token")
    assert "核酸" in table.index and table.loc["核酸", "articles_target"] == 2
    assert "排查" not in table.index  # 4 times, but all in one article: that article's subject
    assert set(table["group_articles"]) == {2}


def test_a_one_article_city_keeps_its_articles_words_and_says_it_has_one():
    tokens = words([("a1", "白城", ["排查"] * 4), ("b1", "孝感", ["社区"] * 5)])
    table = keyness(tokens, city="白城", against="cities", min_articles=1)
    assert list(table["token"]) == ["排查"] and list(table["group_articles"]) == [1]


def test_min_freq_and_unknown_or_missing_cities():
    tokens = words([("a1", "白城", ["核酸"] * 6 + ["社区"] * 2), ("b1", "孝感", ["社区"] * 5)])
    assert list(keyness(tokens, city="白城", against="cities", min_freq=3, min_articles=1)["token"]) == ["核酸"]
    with pytest.raises(HelpersError, match="valid cities: 白城, 孝感"):
        keyness(tokens, city="上海")
    with pytest.raises(HelpersError, match="no other city"):
        keyness(tokens[tokens["city"] == "白城"], city="白城", against="cities")
    with pytest.raises(HelpersError, match="unknown keyness reference"):
        keyness(tokens, against="dictionary")


def test_rows_a_word_table_left_out_are_not_weighed():
    tokens = words([("a1", "白城", ["核酸"] * 4 + ["的"] * 9 + ["北京"] * 5), ("b1", "孝感", ["社区"] * 5)])
    tokens["left_out"] = tokens["token"].map(lambda t: KEEP.reason(t) or "")
    table = keyness(tokens, city="白城", against="cities", min_articles=1)
    assert list(table["token"]) == ["核酸"]
    assert table["per_10k_target"].iloc[0] == pytest.approx(10_000)  # the total counts kept words only


# --------------------------------------------------------------------------- which reference


def test_the_reference_is_the_rest_of_the_corpus_only_when_it_has_enough_articles():
    assert choose_reference(5, 5) == "cities" and choose_reference(4, 5) == "general"
    assert choose_reference(4) == "general"  # data/statistics.yaml: 5 articles
    small = words([("a1", "白城", ["核酸"] * 4), ("b1", "孝感", ["社区"] * 4), ("b2", "孝感", ["社区"] * 4)])
    reference = general({"核酸": (100, "n"), "社区": (6000, "n"), "的": (50_000, "uj")})
    table = keyness(small, min_articles=2, general=reference)
    by_city = table.drop_duplicates("city").set_index("city")
    # 白城 has 2 articles outside it: the other cities; 孝感 has 1: general Chinese
    assert by_city.loc["白城", "reference"] == "cities" and by_city.loc["孝感", "reference"] == "general"
    assert by_city.loc["白城", "reference_articles"] == 2 and math.isnan(by_city.loc["孝感", "reference_articles"])


def test_against_general_chinese_by_hand_with_a_total_of_kept_words_only():
    reference = general({"核酸": (100, "n"), "社区": (900, "n"), "的": (50_000, "uj"), "北京": (800, "ns")})
    assert reference.total == 1000  # the stopword and the place name do not count
    tokens = words([("a1", "白城", ["核酸"] * 6 + ["社区"] * 4)])
    row = keyness(tokens, city="白城", against="general", general=reference).set_index("token").loc["核酸"]
    assert (row["freq_reference"], bool(row["reference_bound"])) == (100, False)
    assert row["g2"] == pytest.approx(log_likelihood(6, 100, 10, 1000))
    assert row["log_ratio"] == pytest.approx(smoothed_log_ratio(6, 100, 10, 1000))
    assert row["per_10k_reference"] == pytest.approx(100 / 1000 * 10_000)


def test_a_compound_the_general_list_lacks_gets_the_bound_of_its_parts():
    reference = general({"核酸": (100, "n"), "检测": (900, "v")})
    tokens = words([("a1", "白城", ["核酸检测"] * 5 + ["核酸"] * 5)])
    table = keyness(tokens, city="白城", against="general", general=reference).set_index("token")
    assert table.loc["核酸检测", "freq_reference"] == 100 and table.loc["核酸检测", "reference_bound"]
    # bounded by 核酸 itself: the compound's ratio is at most that of 核酸, never near 19
    assert table.loc["核酸检测", "log_ratio"] == pytest.approx(table.loc["核酸", "log_ratio"])


def test_p_values_only_where_both_sides_have_the_articles_a_test_needs():
    big = words([(f"a{i}", "白城", ["核酸"] * 3 + ["社区"]) for i in range(5)]
                + [(f"b{i}", "孝感", ["社区"] * 3 + ["核酸"]) for i in range(5)])
    tested = keyness(big, city="白城", min_articles=5)
    assert set(tested["reference"]) == {"cities"} and tested["p_value"].notna().all()
    small = big[big["id"].isin({"a0", "b0", "b1", "b2", "b3", "b4"})]
    untested = keyness(small, city="白城", min_articles=5)
    assert set(untested["reference"]) == {"cities"} and untested["p_value"].isna().all()


def test_distinctive_words_are_the_overused_ones_strongest_first():
    tokens = words([("a1", "白城", ["核酸"] * 6 + ["排查"] * 3 + ["社区"] * 3), ("b1", "孝感", ["社区"] * 30)])
    over = distinctive_words(keyness(tokens, city="白城", against="cities", min_articles=1))
    assert list(over["token"]) == ["核酸", "排查"]
    assert (over["log_ratio"] > 0).all()


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_analysis():
    from helpers.analysis import analyse

    return analyse()


def _check_rows(table: pd.DataFrame) -> None:
    from helpers.text.words import gazetteer_place_names, load_stopwords

    stopwords, places = load_stopwords(), gazetteer_place_names()
    assert len(table)
    assert table["log_ratio"].map(math.isfinite).all()
    assert (table["token"].str.len() >= 2).all()
    assert not set(table["token"]) & stopwords
    assert not set(table["token"]) & places


def test_seed_keyness_rows_are_finite_and_hold_no_single_character_stopword_or_place(seed_analysis):
    _check_rows(seed_analysis.all_keyness)
    for city in seed_analysis.cities:
        _check_rows(seed_analysis.for_city(city).keyness(city))


def test_cli_keyness_csv_rows_are_finite_and_hold_no_single_character_stopword_or_place():
    from helpers.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["keyness", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(out.getvalue()))
    assert {"city", "token", "freq_target", "articles_target", "freq_reference", "g2", "p_value", "log_ratio",
            "reference"} <= set(table.columns)
    assert set(table["city"]) == {"武汉", "白城", "全国", "北京", "孝感"}
    _check_rows(table)
    # one article per city: every city is weighed against general Chinese, and nothing is tested
    assert set(table["reference"]) == {"general"} and table["p_value"].isna().all()
    assert not set(table["token"]) & {"北大", "新", "防", "驻", "不妨", "针对", "一份", "两个", "就是", "还有"}


def test_seed_profiles_bound_our_own_terms_instead_of_calling_them_infinitely_rare(seed_analysis):
    baicheng = seed_analysis.for_city("白城").keyness("白城").set_index("token")
    assert set(baicheng["reference"]) == {"general"} and set(baicheng["group_articles"]) == {1}
    for term in ("疫情防控", "居家隔离"):
        assert baicheng.loc[term, "reference_bound"] and baicheng.loc[term, "freq_reference"] > 3, term
        assert baicheng.loc[term, "log_ratio"] < 15, term  # was about 19 against a frequency of zero
    top = set(distinctive_words(baicheng.reset_index()).head(10)["token"])
    assert {"居家隔离人员", "社区"} <= top


def test_seed_overview_lists_the_shared_topic_once_and_each_citys_own_words(seed_analysis):
    from helpers.report.tables import distinctive_by_city

    table = distinctive_by_city(seed_analysis.all_keyness, "zh").data.set_index("城市")
    shared = table.loc["两个以上城市共有", "词语"].split("、")
    assert {"社区", "疫情防控"} <= set(shared)
    rows = {city: set(table.loc[city, "词语"].split("、")) for city in ("武汉", "白城", "北京", "孝感")}
    for city, found in rows.items():
        assert not found & set(shared), city
    assert "居家隔离人员" in rows["白城"] and "核酸" in rows["北京"] and "队员" in rows["孝感"]
    assert "复工复产" in rows["武汉"]


def test_seed_names_left_out_are_listed(seed_analysis):
    beijing = seed_analysis.for_city("北京").left_out_words("北京")
    places = set(beijing.loc[beijing["reason"] == "place", "token"])
    people = set(beijing.loc[beijing["reason"] == "person", "token"])
    assert {"北京", "丰台区", "五里店"} <= places and {"刘征", "赵晨娟"} <= people
    assert "楼栋" not in set(seed_analysis.left_out_words()["token"])  # a word of the user dictionary, tagged n
