"""Comparing groups of articles: tests only when every group is large enough, figures checked independently."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers.analysis.inference import (
    StatisticsSettings,
    compare_groups,
    group_presence,
    load_statistics,
    rate_decimals,
    share_text,
)
from helpers.errors import HelpersError

MEASURES = ["quarantine", "supplies", "lockdown"]


def _corpus(has: dict[str, dict[str, int]], sizes: dict[str, int]):
    """Articles per city, the first ``has[city][measure]`` of them describing the measure (two sentences each)."""
    articles, sentences, evidence = [], [], []
    for city, n in sizes.items():
        for i in range(n):
            article_id = f"{city}-{i:02d}"
            articles.append({"id": article_id, "city": city})
            sentences += [{"id": article_id, "sentence_no": s} for s in range(4)]
            for measure in MEASURES:
                if i < has[city].get(measure, 0):
                    # two hits in one sentence and one in another: one article, two sentences
                    evidence += [{"id": article_id, "measure": measure, "sentence_no": 0}] * 2
                    evidence.append({"id": article_id, "measure": measure, "sentence_no": 1})
    return pd.DataFrame(articles), pd.DataFrame(sentences), pd.DataFrame(evidence)


def test_the_article_is_the_unit_and_every_group_carries_its_n():
    articles, sentences, evidence = _corpus({"甲": {"quarantine": 3}, "乙": {"supplies": 1}}, {"甲": 4, "乙": 2})
    presence = group_presence(articles, sentences, evidence, MEASURES).set_index(["group", "measure"])
    row = presence.loc[("甲", "quarantine")]
    assert (row["articles"], row["with_measure"], row["sentences"], row["group_sentences"]) == (4, 3, 6, 16)
    assert row["share"] == pytest.approx(0.75)
    assert presence.loc[("乙", "quarantine"), "with_measure"] == 0 and presence.loc[("乙", "quarantine"), "articles"] == 2


def test_no_test_runs_when_a_group_is_too_small_and_the_result_says_which_and_what_is_needed():
    articles, sentences, evidence = _corpus({"甲": {"quarantine": 5}, "乙": {}}, {"甲": 8, "乙": 4})
    result = compare_groups(group_presence(articles, sentences, evidence, MEASURES), StatisticsSettings(5, 0.05))
    assert not result.tested and result.reason == "stats.too_few_articles"
    assert result.short_groups == {"乙": 4} and result.needed == 5 and result.tests.empty
    one = compare_groups(group_presence(articles[articles.city == "甲"], sentences, evidence, MEASURES))
    assert not one.tested and one.reason == "stats.one_group"
    none = compare_groups(group_presence(articles.iloc[0:0], sentences, evidence, MEASURES))
    assert not none.tested and none.reason == "stats.no_group" and none.groups == {}


def _chi_square(observed: np.ndarray) -> tuple[float, int]:
    expected = observed.sum(axis=1, keepdims=True) * observed.sum(axis=0, keepdims=True) / observed.sum()
    return float(((observed - expected) ** 2 / expected).sum()), (observed.shape[0] - 1) * (observed.shape[1] - 1)


def _benjamini_hochberg(p: list[float]) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        adjusted[i] = running
    return adjusted


def test_with_enough_articles_each_measure_is_tested_corrected_and_sized_as_computed_by_hand():
    from scipy.special import chdtrc

    has = {"甲": {"quarantine": 9, "supplies": 2, "lockdown": 5},
           "乙": {"quarantine": 2, "supplies": 3, "lockdown": 5},
           "丙": {"quarantine": 3, "supplies": 2, "lockdown": 6}}
    sizes = {"甲": 10, "乙": 10, "丙": 12}
    articles, sentences, evidence = _corpus(has, sizes)
    result = compare_groups(group_presence(articles, sentences, evidence, MEASURES), StatisticsSettings(5, 0.05))
    assert result.tested and list(result.tests["measure"]) == MEASURES
    p_values = []
    for row in result.tests.itertuples():
        observed = np.array([[has[c][row.measure], sizes[c] - has[c][row.measure]] for c in sizes], dtype=float)
        chi2, dof = _chi_square(observed)
        assert row.statistic == pytest.approx(chi2) and row.dof == dof
        assert row.p_value == pytest.approx(chdtrc(dof, chi2))
        assert row.cramers_v == pytest.approx(math.sqrt(chi2 / observed.sum()))
        p_values.append(row.p_value)
    assert list(result.tests["p_adjusted"]) == pytest.approx(_benjamini_hochberg(p_values))
    significant = result.tests.set_index("measure")["significant"]
    assert significant["quarantine"] and not significant["lockdown"]
    # 甲 describes quarantine far more often than independence predicts
    assert result.residuals.loc["quarantine", "甲"] > 1.96


def test_a_small_two_by_two_table_uses_fishers_exact_test():
    from scipy.stats import fisher_exact

    articles, sentences, evidence = _corpus({"甲": {"quarantine": 5}, "乙": {"quarantine": 0}}, {"甲": 6, "乙": 6})
    tests = compare_groups(group_presence(articles, sentences, evidence, MEASURES), StatisticsSettings(5, 0.05)).tests
    row = tests.set_index("measure").loc["quarantine"]
    assert row["test"] == "Fisher exact"
    assert row["p_value"] == pytest.approx(fisher_exact([[5, 1], [0, 6]])[1])
    assert "supplies" not in set(tests["measure"])  # no article has it: nothing to compare


def test_shares_and_rates_show_what_their_denominator_supports():
    assert share_text(3, 7) == "3/7" and share_text(7, 40) == "18%"
    assert rate_decimals(300) == 1 and rate_decimals(50) == 0 and rate_decimals(4000) == 2


def test_the_settings_file_is_validated(tmp_path):
    assert load_statistics().min_articles_per_group == 5
    bad = tmp_path / "statistics.yaml"
    bad.write_text("min_articles_per_group: 1\nsignificance: 0.05\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"^statistics\.yaml, line 1: .*; fix: "):
        load_statistics(bad)


def test_one_threshold_for_residuals_set_by_the_significance_level_and_used_only_where_a_measure_differs():
    has = {"甲": {"quarantine": 9, "supplies": 2, "lockdown": 5},
           "乙": {"quarantine": 1, "supplies": 3, "lockdown": 5}}
    articles, sentences, evidence = _corpus(has, {"甲": 10, "乙": 10})
    result = compare_groups(group_presence(articles, sentences, evidence, MEASURES), StatisticsSettings(5, 0.05))
    assert result.threshold == pytest.approx(1.959964, abs=1e-6)
    assert compare_groups(group_presence(articles, sentences, evidence, MEASURES),
                          StatisticsSettings(5, 0.01)).threshold == pytest.approx(2.575829, abs=1e-6)
    cells = result.notable_cells()
    # quarantine differs after correction (9/10 against 1/10); supplies and lockdown do not
    assert set(cells["measure"]) == {"quarantine"}
    assert dict(zip(cells["group"], cells["residual"] > 0)) == {"甲": True, "乙": False}
    assert (cells["residual"].abs() > result.threshold).all()
    untested = compare_groups(group_presence(articles, sentences, evidence, MEASURES), StatisticsSettings(20, 0.05))
    assert untested.notable_cells().empty


def test_years_are_groups_of_articles_and_undated_articles_are_left_out():
    from helpers.analysis.periods import articles_by_year

    articles = pd.DataFrame({"id": ["b", "a", "c", "d"], "published": ["2022-05-20", "2020-02-19", None, "2020"]})
    dated = articles_by_year(articles)
    assert list(dated["id"]) == ["a", "d", "b"] and list(dated["year"]) == ["2020", "2020", "2022"]
    assert dated.attrs["left_out"] == ["c"]
    sentences = pd.DataFrame({"id": ["a", "b", "c", "d"], "sentence_no": [0, 0, 0, 0]})
    evidence = pd.DataFrame({"id": ["a", "c"], "measure": ["quarantine", "quarantine"], "sentence_no": [0, 0]})
    presence = group_presence(dated, sentences, evidence, MEASURES, by="year").set_index(["group", "measure"])
    assert presence.loc[("2020", "quarantine"), ["articles", "with_measure"]].tolist() == [2, 1]
    assert presence.loc[("2022", "quarantine"), "with_measure"] == 0  # the undated article counts nowhere


def test_the_seeds_are_too_small_to_test_cities_or_years():
    from helpers.analysis import analyse

    analysis = analyse()
    cities = analysis.compare_cities()
    assert not cities.tested and cities.reason == "stats.too_few_articles" and cities.tests.empty
    assert cities.groups == {"武汉": 1, "白城": 1, "北京": 1, "孝感": 1}  # the national commentary is no city
    assert cities.left_out == {"stats.left_out_national": 1}
    years = analysis.compare_years()
    assert not years.tested and years.groups == {"2020": 2, "2022": 2}
    assert years.left_out == {"stats.left_out_undated": 1}
    presence = analysis.presence.set_index(["group", "measure"])
    # Beijing's article: many hits of testing, one article and 20 sentences (not 31 hits) for it
    assert presence.loc[("北京", "nucleic_acid_testing"), ["articles", "with_measure"]].tolist() == [1, 1]
    hits = analysis.evidence[(analysis.evidence["city"] == "北京")
                             & (analysis.evidence["measure"] == "nucleic_acid_testing")]
    assert presence.loc[("北京", "nucleic_acid_testing"), "sentences"] == hits["sentence_no"].nunique() < len(hits)
