"""Statistics against values computed by hand on tiny tables."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis.codebook import load_codebook
from helpers.analysis.cooccurrence import cooccurrence
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




def test_seed_kwic_offsets_point_at_the_term(seed_corpus):
    lines = kwic(seed_corpus.articles, "居家隔离", width=6)
    texts = seed_corpus.articles.set_index("id")["text"]
    assert len(lines) >= 10
    for row in lines.itertuples():
        assert texts[row.id][row.start : row.end] == "居家隔离"
        assert texts[row.id][row.start - len(row.left) : row.start].replace("\n", " ") == row.left
