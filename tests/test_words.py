"""The one word filter: what a word is, what the reports count and show, and the reference's frequencies."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.errors import HelpersError
from helpers.text.reference import ListedWords, general_words, placeholder_frequency
from helpers.text.words import (
    WordFilter,
    content_words,
    is_numeral,
    load_stopword_additions,
    load_stopwords,
    maintained_stopwords,
    word_filter,
    word_table,
)

STOPWORDS = frozenset({"的", "了", "就是", "还有", "进行"})
PLACES = frozenset({"北京", "洮北区", "北大地", "孝感市"})


def never_common(word: str) -> bool:
    return False


FILTER = WordFilter(STOPWORDS, PLACES, common=never_common)


# --------------------------------------------------------------------------- numerals


@pytest.mark.parametrize("token", ["2022", "3.5%", "十二", "两", "第一", "一份", "两个", "一百米", "24小时",
                                   "数十册", "多名", "一个个", "第一道", "５０", "几户", "半年"])
def test_numbers_and_a_numeral_with_its_measure_word_are_numerals(token):
    assert is_numeral(token)
    assert FILTER.reason(token) in {"numeral", "single_character"}


@pytest.mark.parametrize("token", ["一线", "第一线", "一起", "第三方", "两委", "四早", "一老一小", "数据", "社区"])
def test_words_that_start_like_numerals_are_words(token):
    assert not is_numeral(token)


# --------------------------------------------------------------------------- the filter, rule by rule


@pytest.mark.parametrize("token, reason", [
    ("，", "not_chinese"),
    ("COVID", "not_chinese"),
    ("2022", "numeral"),
    ("防", "single_character"),
    ("新", "single_character"),
    ("两个", "numeral"),
    ("就是", "stopword"),
    ("北京", "place"),
    ("洮北区", "place"),
])
def test_each_rule_leaves_its_tokens_out(token, reason):
    assert FILTER.reason(token) == reason
    assert not FILTER.keeps(token)


@pytest.mark.parametrize("token", ["社区", "网格员", "核酸检测", "居家隔离", "一线", "楼栋"])
def test_words_of_the_domain_are_kept(token):
    assert FILTER.keeps(token)
    assert FILTER.keeps(token, "n") and FILTER.keeps(token, "x")


def test_jiebas_name_tags_leave_out_places_and_people_of_two_or_three_characters():
    assert FILTER.reason("五里店", "ns") == "place"
    assert FILTER.reason("刘征", "nr") == "person"
    assert FILTER.reason("赵晨娟", "nr") == "person"
    assert FILTER.reason("习近平", "nrfg") == "person"
    # jieba's dictionary tags four-character phrases nr too: not names
    assert FILTER.keeps("尤为重要", "nr") and FILTER.keeps("严格执行", "nr")
    # the same words without a tag are kept: the tag is what names them
    assert FILTER.keeps("五里店") and FILTER.keeps("刘征")


def test_a_name_tag_on_a_word_common_in_general_chinese_is_not_trusted():
    common = WordFilter(STOPWORDS, PLACES, common=lambda word: word in {"城市", "康复", "上门"})
    assert common.keeps("城市", "ns") and common.keeps("上门", "ns") and common.keeps("康复", "nr")
    assert common.reason("五里店", "ns") == "place"


def test_the_project_filter_trusts_jiebas_name_tags_only_below_one_per_million():
    keep = word_filter()
    assert keep.keeps("康复", "nr") and keep.keeps("城市", "ns") and keep.keeps("上门", "ns")
    assert keep.reason("五里店", "ns") == "place" and keep.reason("刘征", "nr") == "person"


def test_the_project_filter_knows_every_city_and_county_of_china():
    keep = word_filter()
    for name in ("北京", "武汉市", "洮北区", "孝感", "石家庄", "陇川县", "湖北", "湖北省"):
        assert keep.reason(name) == "place", name
    for word in ("全国", "社区", "街道", "东方"):
        assert keep.keeps(word), word


# --------------------------------------------------------------------------- stopwords


def test_stopwords_are_the_maintained_list_plus_the_projects_additions():
    maintained = maintained_stopwords()
    assert len(maintained) > 700 and {"的", "了", "针对", "就是", "还有", "不妨"} <= maintained
    stopwords = load_stopwords()
    assert maintained <= stopwords and load_stopword_additions() <= stopwords
    assert {"工作", "开展", "进行", "表示"} <= stopwords
    assert not {"社区", "疫情", "核酸检测", "居民", "网格员", "隔离"} & stopwords


def test_every_addition_is_a_word_the_maintained_list_lacks():
    additions = load_stopword_additions()
    assert additions, "data/stopwords.txt lists the project's additions"
    assert not additions & maintained_stopwords(), "already in Stopwords ISO: remove from data/stopwords.txt"
    for word in additions:
        assert len(word) >= 2 and FILTER.reason(word) is None or word in STOPWORDS, word
        assert not is_numeral(word), word


def test_a_malformed_additions_file_names_the_line(tmp_path):
    file = tmp_path / "stopwords.txt"
    file.write_text("# additions\n工作\n开 展\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"stopwords\.txt, line 3: one word per line"):
        load_stopword_additions(file)


# --------------------------------------------------------------------------- tokens of a text


def tokens_frame(rows):
    return pd.DataFrame(rows, columns=["id", "city", "token", "start", "end"])


def test_word_table_gives_every_token_its_tag_and_reason_in_order():
    tokens = tokens_frame([("a", "白城", "社区", 0, 2), ("a", "白城", "的", 2, 3), ("a", "白城", "刘征", 3, 5),
                           ("a", "白城", "两个", 5, 7), ("a", "白城", "网格员", 7, 10)])
    table = word_table(tokens, tags={"刘征": "nr", "社区": "n"}, words=FILTER)
    assert list(table["token"]) == ["社区", "的", "刘征", "两个", "网格员"]
    assert list(table["tag"]) == ["n", "", "nr", "", ""]
    assert list(table["left_out"]) == ["", "single_character", "person", "numeral", ""]
    assert list(content_words(table)["token"]) == ["社区", "网格员"]


def test_a_word_inside_a_place_name_of_the_text_is_left_out_there_only():
    # 北大 is cut from the place 北大地; elsewhere it is Peking University
    text = "北大地西区的北大学生"
    tokens = tokens_frame([("a", "北京", "北大", 0, 2), ("a", "北京", "地", 2, 3), ("a", "北京", "西区", 3, 5),
                           ("a", "北京", "的", 5, 6), ("a", "北京", "北大", 6, 8), ("a", "北京", "学生", 8, 10)])
    articles = pd.DataFrame({"id": ["a"], "text": [text]})
    table = word_table(tokens, articles, words=FILTER)
    assert list(table["left_out"]) == ["place_part", "single_character", "", "single_character", "", ""]


def test_content_words_of_plain_tokens_use_the_same_filter():
    assert content_words(["社区", "的", "，", "核酸检测", "PCR", "两个", "防"], words=FILTER) == ["社区", "核酸检测"]


# --------------------------------------------------------------------------- the reference list


def test_general_reference_is_jiebas_word_list_with_tags_and_a_bad_list_names_its_line(tmp_path):
    general = general_words()
    assert len(general) > 300_000 and general.index.is_unique
    assert general.loc["社区", "frequency"] > 1000 and general.loc["北京", "tag"] == "ns"
    bad = tmp_path / "words.txt"
    bad.write_text("社区 12 n\n疫情 many n\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"words.txt line 2: expected 'word frequency \[tag\]'"):
        general_words(str(bad))


def test_a_word_missing_from_the_list_is_bounded_by_its_rarest_part():
    listed = ListedWords({"核酸": 160, "检测": 1400, "疫情": 200, "防控": 70, "社区": 6000, "网格": 100, "员": 9000},
                         uncounted=0)
    assert listed.frequency("社区") == (6000, False)
    assert listed.split("核酸检测") == ["核酸", "检测"]
    assert listed.frequency("核酸检测") == (160, True)
    assert listed.frequency("疫情防控") == (70, True)
    assert listed.frequency("网格员") == (100, True)
    assert listed.frequency("COVID") == (0, True)  # no listed part: smoothing alone keeps its ratio finite


def test_an_entry_at_the_placeholder_frequency_is_bounded_like_a_missing_word():
    assert placeholder_frequency([3] * 10 + [2] * 4 + [4] * 2 + [100]) == 3
    assert placeholder_frequency([1, 2, 3, 4, 5]) == 0
    listed = ListedWords({"防护": 840, "服": 5000, "防护服": 3, "党员": 3000, "干部": 1900, "党员干部": 3}, uncounted=3)
    assert listed.frequency("防护服") == (840, True)
    assert listed.frequency("党员干部") == (1900, True)
    assert listed.frequency("防护") == (840, False)


def test_jiebas_list_has_its_placeholder_and_bounds_our_compound_terms():
    from helpers.text.reference import listed_words

    listed = listed_words()
    assert listed.uncounted == 3
    for term in ("疫情防控", "核酸检测", "居家隔离", "网格员", "防护服"):
        frequency, bound = listed.frequency(term)
        assert bound and frequency > 3, term
