"""English and pinyin for Chinese words: the glossary first, then place names, then CC-CEDICT, then its pieces."""

from __future__ import annotations

from helpers.text.gloss import gloss


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
