"""The one check of a city a user names: one line listing the valid cities, with the Chinese name when it can tell."""

from __future__ import annotations

import pytest

from helpers.corpus.cities import check_cities, check_city
from helpers.errors import HelpersError

KNOWN = ["武汉", "白城", "北京", "全国"]


def test_known_cities_pass_in_the_order_given():
    assert check_cities(["北京", "武汉"], KNOWN) == ["北京", "武汉"]
    assert check_city("全国", KNOWN) == "全国"


def test_a_single_name_is_one_city_not_its_characters():
    assert check_cities("武汉", KNOWN) == ["武汉"]
    with pytest.raises(HelpersError, match=r"^unknown city '上海'; valid cities: 武汉, 白城, 北京, 全国 "):
        check_cities("上海", KNOWN)


def test_an_english_name_or_a_name_with_shi_suggests_the_corpus_name():
    with pytest.raises(HelpersError, match=r"unknown city 'Beijing' \(did you mean 北京\?\); valid cities"):
        check_city("Beijing", KNOWN)
    with pytest.raises(HelpersError, match=r"\(did you mean 武汉\?\)"):
        check_city("武汉市", KNOWN)
    with pytest.raises(HelpersError, match=r"\(did you mean 全国\?\)"):
        check_city("national", KNOWN)
    with pytest.raises(HelpersError) as error:
        check_city("长沙", KNOWN)
    assert "did you mean" not in str(error.value) and "\n" not in str(error.value)


def test_several_cities_in_one_string_suggest_the_list_to_write():
    with pytest.raises(HelpersError) as error:
        check_cities("武汉,Beijing", KNOWN)
    message = str(error.value)
    assert "did you mean [\"武汉\", \"北京\"]?" in message and "-y 'cities: [" in message and "\n" not in message
    with pytest.raises(HelpersError) as error:
        check_cities("武汉 长沙", KNOWN)
    assert "did you mean" not in str(error.value)
