"""Statistics against values computed by hand on tiny tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.analysis.codebook import load_codebook
from helpers.analysis.contingency import chi_square, crosstab
from helpers.analysis.cooccurrence import cooccurrence
from helpers.analysis.kwic import kwic
from helpers.analysis.periods import compare_years
from helpers.errors import HelpersError
from helpers.report.prose import chi_square_summary


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def evidence_rows(rows: list[tuple[str, str, int, str]]) -> pd.DataFrame:
    """Evidence with (id, city, sentence_no, measure); the other columns are filler."""
    return pd.DataFrame(
        [
            {
                "id": aid,
                "city": city,
                "measure": measure,
                "term": "x",
                "sentence_no": no,
                "start": 0,
                "end": 1,
                "sentence": "x",
                "sentence_original": "x",
            }
            for aid, city, no, measure in rows
        ]
    )


# --------------------------------------------------------------------------- chi-square


def test_chi_square_two_by_two_against_hand_computed_values():
    table = pd.DataFrame([[10, 20], [30, 40]], index=["quarantine", "disinfection"], columns=["白城", "孝感"])
    result = chi_square(table)
    # N = 100; row totals 30, 70; column totals 40, 60 -> E = row * col / N
    assert result.expected.loc["quarantine", "白城"] == pytest.approx(30 * 40 / 100)
    assert result.expected.loc["disinfection", "孝感"] == pytest.approx(70 * 60 / 100)
    by_hand = (10 - 12) ** 2 / 12 + (20 - 18) ** 2 / 18 + (30 - 28) ** 2 / 28 + (40 - 42) ** 2 / 42
    assert result.statistic == pytest.approx(by_hand)
    assert result.dof == 1
    # chi-square with 1 df: P(X > x) = erfc(sqrt(x / 2))
    assert result.p_value == pytest.approx(math.erfc(math.sqrt(by_hand / 2)))
    assert result.residuals.loc["quarantine", "白城"] == pytest.approx(-2 / math.sqrt(12))
    adjusted = (10 - 12) / math.sqrt(12 * (1 - 30 / 100) * (1 - 40 / 100))
    assert result.adjusted_residuals.loc["quarantine", "白城"] == pytest.approx(adjusted)
    # in a 2 x 2 table every adjusted residual has the same size, the square root of chi-square
    assert result.adjusted_residuals.abs().to_numpy() == pytest.approx(math.sqrt(by_hand))
    assert not result.small_expected.to_numpy().any() and result.reliable


def test_chi_square_three_by_two_statistic_and_degrees_of_freedom():
    table = pd.DataFrame([[5, 15], [10, 10], [15, 5]], index=["a", "b", "c"], columns=["x", "y"])
    result = chi_square(table)
    # every expected count is 20 * 30 / 60 = 10
    by_hand = 2 * (25 / 10 + 25 / 10) + 0
    assert result.statistic == pytest.approx(by_hand)
    assert result.dof == 2
    # chi-square with 2 df: P(X > x) = exp(-x / 2)
    assert result.p_value == pytest.approx(math.exp(-by_hand / 2))


def test_small_expected_cells_are_flagged_and_explained_in_words():
    table = pd.DataFrame(
        [[1, 0], [2, 3], [20, 30], [0, 0]],
        index=["psychological_support", "lockdown", "nucleic_acid_testing", "worker_care"],
        columns=["白城", "北京"],
    )
    result = chi_square(table)
    assert result.dropped_rows == ["worker_care"]  # no counts, no expected value
    # N = 56; psychological_support row total 1 -> E = 1 * 23 / 56 and 1 * 33 / 56
    assert result.expected.loc["psychological_support", "白城"] == pytest.approx(23 / 56)
    assert result.small_expected.loc["psychological_support"].all()
    assert result.small_expected.loc["lockdown"].all()  # 5 * 23 / 56 and 5 * 33 / 56 are below 5
    assert not result.small_expected.loc["nucleic_acid_testing"].any()
    assert not result.reliable
    names = {"psychological_support": "Psychological support", "lockdown": "Lockdown"}
    en = chi_square_summary(result, "en", names)
    assert "4 of 6 cells" in en and "below 5" in en and "not trustworthy" in en
    # both rare measures have only small cells: named as too rare to compare; the large one is not
    assert "Psychological support, Lockdown are mentioned too rarely" in en
    names["nucleic_acid_testing"] = "Nucleic-acid testing"
    assert "Nucleic-acid testing" not in chi_square_summary(result, "en", names)
    zh = chi_square_summary(result, "zh", {"psychological_support": "心理疏导"})
    assert "期望频数小于 5" in zh and "心理疏导" in zh and "不可靠" in zh
    cells = result.cells()
    assert list(cells.columns) == [
        "measure", "city", "observed", "expected", "residual", "adjusted_residual", "small_expected"
    ]
    assert len(cells) == 6


def test_reliable_table_summary_says_so():
    table = pd.DataFrame([[30, 10], [10, 30]], index=["a", "b"], columns=["x", "y"])
    result = chi_square(table)
    text = chi_square_summary(result, "en")
    assert "large enough" in text and "more than expected" in text and "less than expected" in text


def test_single_city_table_has_no_test_and_says_why():
    result = chi_square(pd.DataFrame([[3], [4]], index=["a", "b"], columns=["x"]))
    assert math.isnan(result.statistic) and result.dof == 0
    assert "nothing to test" in chi_square_summary(result, "en") and "无从检验" in chi_square_summary(result, "zh")


def test_crosstab_counts_hits_per_measure_and_city_in_codebook_order(codebook):
    evidence = evidence_rows(
        [("a1", "白城", 0, "quarantine"), ("a1", "白城", 0, "quarantine"), ("b1", "孝感", 3, "disinfection")]
    )
    table = crosstab(evidence, codebook)
    assert list(table.index) == codebook.ids and list(table.columns) == ["白城", "孝感"]
    assert table.loc["quarantine", "白城"] == 2 and table.loc["quarantine", "孝感"] == 0
    assert table.to_numpy().sum() == 3
    assert crosstab(evidence, codebook, unit="sentences").loc["quarantine", "白城"] == 1


# --------------------------------------------------------------------------- co-occurrence


def test_cooccurrence_counts_sentences_mentioning_both_measures(codebook):
    evidence = evidence_rows(
        [
            ("a1", "白城", 0, "quarantine"),
            ("a1", "白城", 0, "nucleic_acid_testing"),
            ("a1", "白城", 0, "nucleic_acid_testing"),
            ("a1", "白城", 1, "nucleic_acid_testing"),
            ("b1", "孝感", 0, "disinfection"),
            ("b1", "孝感", 0, "nucleic_acid_testing"),
        ]
    )
    matrix = cooccurrence(evidence, codebook)
    assert list(matrix.index) == codebook.ids == list(matrix.columns)
    assert matrix.loc["nucleic_acid_testing", "nucleic_acid_testing"] == 3
    assert matrix.loc["quarantine", "nucleic_acid_testing"] == 1 == matrix.loc["nucleic_acid_testing", "quarantine"]
    assert matrix.loc["quarantine", "disinfection"] == 0


# --------------------------------------------------------------------------- KWIC


def test_kwic_context_width_offsets_and_traditional_query():
    articles = pd.DataFrame(
        {"id": ["a1", "b1"], "city": ["白城", "北京"], "text": ["社区核酸检测，居民做核酸。", "没有\n核酸检测点"]}
    )
    lines = kwic(articles, "核酸", width=2)
    assert list(lines.columns) == ["id", "city", "start", "end", "left", "keyword", "right"]
    assert lines[["left", "keyword", "right"]].values.tolist() == [
        ["社区", "核酸", "检测"],
        ["民做", "核酸", "。"],
        ["有 ", "核酸", "检测"],
    ]
    for row in lines.itertuples():
        text = articles.set_index("id").loc[row.id, "text"]
        assert text[row.start : row.end] == "核酸"
    assert len(kwic(articles, "核酸檢測", width=0)) == 2  # converted to Simplified
    assert (kwic(articles, "核酸", width=0)["left"] == "").all()
    with pytest.raises(HelpersError):
        kwic(articles, "  ")


# --------------------------------------------------------------------------- years


def test_compare_years_rates_and_left_out_articles(codebook):
    articles = pd.DataFrame(
        {
            "id": ["a1", "b1", "c1"],
            "city": ["孝感", "北京", "全国"],
            "published": ["2020-02-19", "2022-05-20", None],
            "n_chars": [1000, 2000, 500],
        }
    )
    evidence = evidence_rows(
        [("a1", "孝感", 0, "disinfection"), ("a1", "孝感", 1, "disinfection"), ("b1", "北京", 0, "disinfection")]
        + [("c1", "全国", i, "disinfection") for i in range(5)]
    )
    table = compare_years(articles, evidence, codebook).set_index("measure")
    row = table.loc["disinfection"]
    assert row["hits_2020"] == 2 and row["hits_2022"] == 1
    assert row["per_10k_2020"] == pytest.approx(2 / 1000 * 10_000)
    assert row["per_10k_2022"] == pytest.approx(1 / 2000 * 10_000)
    assert row["log_ratio"] == pytest.approx(math.log2((1 / 2000) / (2 / 1000)))
    assert table.loc["quarantine", "hits_2020"] == 0
    assert math.isnan(table.loc["quarantine", "log_ratio"])  # nothing to compare in either year
    assert table.attrs["left_out"] == ["c1"]


# --------------------------------------------------------------------------- the real seeds


@pytest.fixture(scope="module")
def seed_corpus():
    from helpers.corpus import read_corpus

    return read_corpus()


@pytest.fixture(scope="module")
def seed_evidence(seed_corpus, codebook):
    from helpers.analysis.coding import code_sentences

    return code_sentences(seed_corpus.sentences, codebook)


def test_seed_crosstab_is_too_sparse_for_the_test_and_the_summary_says_so(seed_evidence, codebook):
    table = crosstab(seed_evidence, codebook)
    assert table.to_numpy().sum() == len(seed_evidence)
    result = chi_square(table)
    assert result.share_small > 0.2 and not result.reliable
    assert "not trustworthy" in chi_square_summary(result, "en", codebook.names("en"))
    assert "p 值不可靠" in chi_square_summary(result, "zh", codebook.names("zh"))
    cells = result.cells().set_index(["measure", "city"])
    # Beijing's article is about testing: more nucleic-acid mentions than independence predicts
    assert cells.loc[("nucleic_acid_testing", "北京"), "adjusted_residual"] > 1.96


def test_seed_kwic_offsets_point_at_the_term(seed_corpus):
    lines = kwic(seed_corpus.articles, "居家隔离", width=6)
    texts = seed_corpus.articles.set_index("id")["text"]
    assert len(lines) >= 10
    for row in lines.itertuples():
        assert texts[row.id][row.start : row.end] == "居家隔离"
        assert texts[row.id][row.start - len(row.left) : row.start].replace("\n", " ") == row.left


def test_seed_compare_years_leaves_out_only_undated_or_other_years(seed_corpus, seed_evidence, codebook):
    table = compare_years(seed_corpus.articles, seed_evidence, codebook)
    years = seed_corpus.articles.set_index("id")["published"].map(
        lambda p: int(str(p)[:4]) if isinstance(p, str) and p[:4].isdigit() else None
    )
    assert table.attrs["left_out"] == sorted(years[~years.isin([2020, 2022])].index)
    kept = set(years[years.isin([2020, 2022])].index)
    assert table["hits_2020"].sum() + table["hits_2022"].sum() == seed_evidence["id"].isin(kept).sum()
