"""The Analysis facade: a city's own view holds that city's articles and nothing else."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis import analyse
from helpers.errors import HelpersError


@pytest.fixture(scope="module")
def analysis():
    return analyse()


def test_a_citys_view_holds_its_articles_and_what_is_computed_from_them_only(analysis):
    wuhan = analysis.for_city("武汉")
    assert set(wuhan.articles["city"]) == {"武汉"} and wuhan.cities == ["武汉"]
    assert set(wuhan.sentences["id"]) == set(wuhan.articles["id"])
    assert set(wuhan.evidence["city"]) <= {"武汉"} and set(wuhan.tokens["city"]) == {"武汉"}
    assert wuhan.skipped.empty
    # What is per city anyway is the same in both views.
    pd.testing.assert_frame_equal(wuhan.presence, analysis.presence_for(["武汉"]))
    assert wuhan.top_measures("武汉") == analysis.top_measures("武汉")
    pd.testing.assert_frame_equal(wuhan.keyness("武汉", against="general"),
                                  analysis.keyness("武汉", against="general"))
    with pytest.raises(HelpersError, match=r"valid cities: 武汉 \(Chinese names, as in the corpus\)$"):
        wuhan.check_city("北京")


def test_keyness_weighs_a_city_alone_against_general_chinese_and_small_corpora_too(analysis):
    wuhan = analysis.for_city("武汉")
    # a profile's view holds one city: general Chinese is its only reference
    assert set(wuhan.keyness("武汉")["reference"]) == {"general"}
    with pytest.raises(HelpersError, match="no other city"):
        wuhan.keyness("武汉", against="cities")
    with pytest.raises(HelpersError, match="use one of cities, general"):
        analysis.keyness("武汉", against="dictionary")
    # four articles outside Wuhan are fewer than a comparison needs: general Chinese as well
    assert analysis.keyness("武汉").equals(analysis.keyness("武汉", against="general"))
    assert set(analysis.keyness("武汉", against="cities")["reference"]) == {"cities"}


def test_evidence_takes_word_boundaries_from_the_tokens_and_equals_coding_sentence_by_sentence(analysis):
    from helpers.analysis.coding import code_sentences

    pd.testing.assert_frame_equal(analysis.evidence, code_sentences(analysis.sentences, analysis.codebook))
    decisions = analysis.decisions
    counted = decisions[decisions["counted"]]
    assert list(zip(counted["id"], counted["start"], counted["measure"])) == list(
        zip(analysis.evidence["id"], analysis.evidence["start"], analysis.evidence["measure"])
    )
