"""Statistics against values computed by hand on tiny tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers.analysis.codebook import load_codebook
from helpers.analysis.cooccurrence import cooccurrence
from helpers.analysis.keyness import keyness, keyness_against, log_likelihood, log_ratio
from helpers.analysis.kwic import kwic
from helpers.errors import HelpersError


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


# --------------------------------------------------------------------------- keyness


def tokens_table() -> pd.DataFrame:
    rows = [("a1", "白城", t) for t in ["核酸"] * 6 + ["社区"] * 4 + ["的"] * 5 + ["，"] * 3 + ["2022"]]
    rows += [("b1", "孝感", t) for t in ["核酸"] * 2 + ["社区"] * 8 + ["消杀"] * 10 + ["的"] * 7]
    return pd.DataFrame(rows, columns=["id", "city", "token"])


def test_log_likelihood_and_log_ratio_by_hand():
    # 核酸: 6 of 10 content tokens in 白城, 2 of 20 elsewhere
    e1, e2 = 10 * 8 / 30, 20 * 8 / 30
    assert log_likelihood(6, 2, 10, 20) == pytest.approx(2 * (6 * math.log(6 / e1) + 2 * math.log(2 / e2)))
    assert log_ratio(6, 2, 10, 20) == pytest.approx(math.log2(6))
    # a zero count is replaced by 0.5
    assert log_ratio(10, 0, 20, 10) == pytest.approx(math.log2((10 / 20) / (0.5 / 10)))
    assert log_likelihood(3, 6, 10, 20) == pytest.approx(0.0)  # same relative frequency


def test_keyness_applies_stopwords_punctuation_numbers_and_min_frequency():
    table = keyness(tokens_table(), city="白城", stopwords={"的"}, min_freq=3)
    assert set(table["token"]) == {"核酸", "社区"}
    row = table.set_index("token").loc["核酸"]
    assert row["freq_target"] == 6 and row["freq_reference"] == 2
    e1, e2 = 10 * 8 / 30, 20 * 8 / 30
    assert row["g2"] == pytest.approx(2 * (6 * math.log(6 / e1) + 2 * math.log(2 / e2)))
    assert row["log_ratio"] == pytest.approx(math.log2(6))
    assert row["direction"] == "over" and row["per_10k_target"] == pytest.approx(6 / 10 * 10_000)
    assert table.set_index("token").loc["社区", "direction"] == "under"
    assert table.iloc[0]["token"] == "核酸"  # over-used words first
    assert list(keyness(tokens_table(), city="白城", stopwords={"的"}, min_freq=5)["token"]) == ["核酸"]


def test_keyness_for_all_cities_and_unknown_city():
    table = keyness(tokens_table(), stopwords={"的"}, min_freq=1)
    assert set(table["city"]) == {"白城", "孝感"}
    xg = table[(table["city"] == "孝感")].set_index("token")
    assert xg.loc["消杀", "freq_reference"] == 0
    assert xg.loc["消杀", "log_ratio"] == pytest.approx(math.log2((10 / 20) / (0.5 / 10)))
    with pytest.raises(HelpersError, match="valid cities: 白城, 孝感"):
        keyness(tokens_table(), city="上海", stopwords=set())


def test_keyness_against_a_fixed_reference_by_hand_and_blind_to_other_cities():
    # Reference: 核酸 2, 社区 8, plus a stopword and a number that must not count in its total.
    reference = pd.Series({"核酸": 2, "社区": 8, "的": 1000, "2022": 50, "消杀": 0})
    table = keyness_against(tokens_table(), reference, "白城", stopwords={"的"}, min_freq=3)
    row = table.set_index("token").loc["核酸"]
    # 白城: 核酸 6 of 10 content tokens; reference: 2 of 10 content words.
    assert row["freq_target"] == 6 and row["freq_reference"] == 2
    assert row["g2"] == pytest.approx(log_likelihood(6, 2, 10, 10))
    assert row["log_ratio"] == pytest.approx(math.log2((6 / 10) / (2 / 10)))
    assert row["per_10k_reference"] == pytest.approx(2 / 10 * 10_000)
    assert row["direction"] == "over"
    assert table.set_index("token").loc["社区", "direction"] == "under"
    # Another city's tokens change nothing.
    alone = tokens_table()[tokens_table()["city"] == "白城"]
    pd.testing.assert_frame_equal(keyness_against(alone, reference, "白城", stopwords={"的"}), table)
    # A word missing from the reference counts 0 there.
    xg = keyness_against(tokens_table(), reference, "孝感", stopwords={"的"}).set_index("token")
    assert xg.loc["消杀", "freq_reference"] == 0 and xg.loc["消杀", "direction"] == "over"
    with pytest.raises(HelpersError, match="valid cities: 白城, 孝感"):
        keyness_against(tokens_table(), reference, "上海")


def test_general_reference_is_jiebas_word_list_and_a_bad_list_names_its_line(tmp_path):
    from helpers.text.reference import general_frequencies

    general = general_frequencies()
    assert len(general) > 300_000 and general["社区"] > 1000 and general.index.is_unique
    bad = tmp_path / "words.txt"
    bad.write_text("社区 12 n\n疫情 many n\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"words.txt line 2: expected 'word frequency \[tag\]'"):
        general_frequencies(str(bad))


def test_seed_keyness_against_general_chinese_puts_epidemic_vocabulary_first(seed_corpus):
    from helpers.text.reference import general_frequencies
    from helpers.text.segment import corpus_tokens

    tokens = corpus_tokens(seed_corpus.articles)
    baicheng = keyness_against(tokens, general_frequencies(), "白城")
    top = set(baicheng[baicheng["direction"] == "over"].head(10)["token"])
    assert {"居家隔离", "社区"} <= top
    assert not set(baicheng["token"]) & {"的", "，", "。"}


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


# --------------------------------------------------------------------------- the real seeds


@pytest.fixture(scope="module")
def seed_corpus():
    from helpers.corpus import read_corpus

    return read_corpus()


def test_seed_keyness_finds_each_citys_own_story(seed_corpus):
    from helpers.text.segment import corpus_tokens

    tokens = corpus_tokens(seed_corpus.articles)
    baicheng = keyness(tokens, city="白城")
    top = baicheng[baicheng["direction"] == "over"].head(10)
    assert "居家隔离" in set(top["token"])
    xiaogan = keyness(tokens, city="孝感")
    assert "队员" in set(xiaogan[xiaogan["direction"] == "over"].head(10)["token"])
    assert not set(baicheng["token"]) & {"的", "，", "。"}


def test_seed_kwic_offsets_point_at_the_term(seed_corpus):
    lines = kwic(seed_corpus.articles, "居家隔离", width=6)
    texts = seed_corpus.articles.set_index("id")["text"]
    assert len(lines) >= 10
    for row in lines.itertuples():
        assert texts[row.id][row.start : row.end] == "居家隔离"
        assert texts[row.id][row.start - len(row.left) : row.start].replace("\n", " ") == row.left
