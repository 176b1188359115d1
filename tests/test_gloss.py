"""English and pinyin for Chinese words: the glossary first, then place names, then CC-CEDICT, then its pieces."""

from __future__ import annotations

from helpers.text.gloss import gloss, key_words, name_gloss


def test_words_of_the_period_come_from_the_glossary_in_their_covid_sense():
    assert gloss("团长").english == "group-buy organiser"  # CC-CEDICT's first sense is a regiment's commander
    assert gloss("核酸检测").pinyin == "hésuān jiǎncè"
    assert "Big White" in gloss("大白").english


def test_place_names_are_the_gazetteers_english():
    assert gloss("武汉").english == "Wuhan"


def test_other_words_come_from_cc_cedict_without_its_notes_and_cross_references():
    assert gloss("社区").english == "community" and gloss("社区").pinyin == "shèqū"
    assert gloss("运动员").english == "athlete"
    english = gloss("陇川").english
    assert "[" not in english and not any("\u4e00" <= ch <= "\u9fff" for ch in english)


def test_an_unknown_word_is_glossed_piece_by_piece_and_traditional_script_is_understood():
    assert gloss("党员干部").english == "party member · cadre"
    assert gloss("党员干部").pinyin == "dǎngyuán gànbù"
    assert gloss("網格員").english == gloss("网格员").english == "grid worker"


def test_a_gloss_reads_as_the_word_with_pinyin_and_english():
    assert str(gloss("社区")) == "社区 (shèqū, community)"


def test_a_word_whose_pieces_have_no_sense_is_given_in_pinyin_never_empty():
    # 佘 and 佟 are only surnames in CC-CEDICT: no piece says what the word means, so English writes it in pinyin.
    assert gloss("佘佟").english == "Shetong"
    assert gloss("佘佟").pinyin == "shé tóng"
    # A character pypinyin cannot read either is named by its code point rather than shown unexplained.
    assert gloss("\U00020BB7").english == "U+20BB7"


def test_senses_that_explain_nothing_are_skipped_and_the_common_reading_comes_first():
    assert gloss("说").english == "to speak"  # not the variant 説, not shuì "to persuade"
    assert not gloss("郑").english.startswith("bound form")
    assert gloss("习近平").english == "Xi Jinping"  # long senses are cut: no life dates, no career


def test_latin_letters_and_digits_stay_as_written_and_punctuation_adds_no_pinyin():
    assert gloss("5G基站").english == "5G · base station" and gloss("5G基站").pinyin == "5G jīzhàn"
    assert "  " not in gloss("人民网-北京频道").pinyin


def test_pinyin_marks_a_syllable_boundary_before_a_vowel():
    assert gloss("关爱").pinyin == "guān'ài"


def test_a_name_is_romanised_not_glossed_character_by_character():
    assert name_gloss("王小明", "person").english == "Wang Xiaoming"
    assert name_gloss("王小明", "person").pinyin == "Wáng Xiǎomíng"
    assert name_gloss("孝感", "place").english == "Xiaogan"  # the gazetteer's English
    assert name_gloss("直属机关", "place").english == gloss("直属机关").english  # dictionary words, not a name


def test_the_key_words_of_a_clause_are_its_content_words_glossed():
    found = {g.word: g.english for g in key_words("4月12日上午，社区网格员王小明在小区门口开展核酸检测。")}
    assert found["网格员"] == "grid worker" and found["核酸检测"] == "nucleic-acid (PCR) test"
    assert found["王小明"] == "Wang Xiaoming"
    assert found["上午"] == "morning"
    assert not {"4", "月", "12", "日", "在", "。"} & set(found)  # numerals, particles and punctuation carry no content
    assert all(english for english in found.values())
    assert [g.word for g in key_words("守住!")] == ["守住"]


def test_three_characters_that_form_no_word_are_a_name_in_pinyin_not_a_string_of_senses():
    assert gloss("卢西嘉园").english == "Luxijiayuan"  # a residential compound, not "black · west · excellent"
    assert gloss("信群").english == "letter · group"  # two characters stay glossed piece by piece
