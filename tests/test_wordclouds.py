"""Word clouds: reproducible, legible, only the words the one word filter keeps (no stopwords, numerals, names)."""

from __future__ import annotations

import random

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from chart_checks import figure_texts, missing_glyphs  # noqa: E402
from helpers.errors import DamagedFileWarning, HelpersError  # noqa: E402
from helpers.report import names as labels  # noqa: E402
from helpers.report import wordclouds  # noqa: E402
from helpers.report.style import cjk_font_path, png_bytes  # noqa: E402
from helpers.report.wordclouds import cloud_words, frequency_cloud, keyness_cloud  # noqa: E402
from helpers.text.words import WordFilter  # noqa: E402

STOPWORDS = frozenset({"我们", "进行", "工作"})
WORDS = WordFilter(STOPWORDS, frozenset({"白城", "十堰"}), common=lambda word: False)
CITY_EN = {"白城": "Baicheng", "武汉": "Wuhan"}


@pytest.fixture(autouse=True)
def cold_layout_cache(tmp_path, monkeypatch):
    """Each test lays its clouds out afresh (layouts are cached on disk by content)."""
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "wordclouds"


@pytest.fixture(autouse=True)
def fake_corpus_layer(monkeypatch):
    """A known stopword list and city names, so each rule is tested on its own."""
    monkeypatch.setattr(wordclouds, "word_filter", lambda: WORDS)
    monkeypatch.setattr(labels, "city_name",
                        lambda city, lang: city if lang == "zh" else CITY_EN.get(city, city))


KEYNESS = pd.DataFrame({
    "token": ["网格员", "核酸检测", "志愿者", "白城", "我们", "COVID", "2022", "，", "三千",
              "居民小区", "5G网络", "的", "疫情", "防控"],
    "g2": [30.0, 12.5, 8.0, 20.0, 40.0, 9.0, 9.0, 9.0, 9.0, 7.0, 6.0, 5.0, 25.0, 22.0],
    "log_ratio": [1.0, 2.0, 0.5, 3.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -0.5, -0.2],
    "freq_target": [10] * 14,
    "freq_reference": [1] * 12 + [80, 60],
})
COUNTS = {"社区": 50, "疫情": 40, "防控": 30, "工作": 60, "2020": 99, "，": 300, "我们": 70,
          "Wuhan": 20, "十二": 15, "核酸检测": 12, "居民": 9}


# ---------------------------------------------------------------- which words

@pytest.mark.parametrize("token", ["核酸检测", "网格员", "居民小区", "一线"])
def test_real_words_are_drawable(token):
    assert WORDS.keeps(token)


@pytest.mark.parametrize("token", ["我们", "，", "……", "2022", "２０２２", "COVID", "5G网络", "两个",
                                   "三千", "十二", "的", "", " ", "核酸 检测", "白城", "十堰"])
def test_stopwords_punctuation_numbers_latin_names_and_single_characters_are_not(token):
    assert not WORDS.keeps(token)


def test_keyness_cloud_draws_only_overused_real_words():
    chart = keyness_cloud(KEYNESS, "白城", "zh")
    drawn = cloud_words(chart)
    assert drawn[0] == "网格员"  # strongest drawable word; 我们 (G² 40) is a stopword
    assert set(drawn) == {"网格员", "核酸检测", "志愿者", "居民小区"}  # 白城 is a place name
    assert "疫情" not in drawn and "防控" not in drawn  # underused by the target


def test_frequency_cloud_draws_only_real_words_largest_first():
    chart = frequency_cloud(COUNTS, "武汉", "en")
    assert cloud_words(chart) == ["社区", "疫情", "防控", "核酸检测", "居民"]
    assert "社区" in chart.caption and "50" in chart.caption


def test_frequency_cloud_reads_counts_series_and_token_frames():
    series = pd.Series(COUNTS)
    by_count = pd.DataFrame({"token": list(COUNTS), "count": list(COUNTS.values())})
    occurrences = pd.DataFrame({"city": ["武汉"] * 3 + ["白城"] * 5,
                                "token": ["社区", "社区", "疫情"] + ["网格员"] * 5})
    expected = cloud_words(frequency_cloud(COUNTS, "武汉", "zh"))
    assert cloud_words(frequency_cloud(series, "武汉", "zh")) == expected
    assert cloud_words(frequency_cloud(by_count, "武汉", "zh")) == expected
    assert cloud_words(frequency_cloud(occurrences, "武汉", "zh")) == ["社区", "疫情"]


def test_a_cloud_without_any_word_says_so_instead_of_failing():
    chart = keyness_cloud(KEYNESS[KEYNESS["log_ratio"] < 0], "白城", "en")
    assert cloud_words(chart) == []
    assert "no words" in chart.caption


def test_keyness_table_of_several_cities_uses_the_citys_rows():
    table = pd.concat([KEYNESS.assign(city="白城"),
                       pd.DataFrame({"city": ["武汉"], "token": ["方舱医院"], "g2": [50.0],
                                     "log_ratio": [2.0], "freq_target": [9],
                                     "freq_reference": [0]})])
    assert "方舱医院" not in cloud_words(keyness_cloud(table, "白城", "zh"))
    assert cloud_words(keyness_cloud(table, "武汉", "zh")) == ["方舱医院"]


# ---------------------------------------------------------------- reproducible and legible

def test_the_same_input_gives_the_same_image_bytes_whatever_its_order(tmp_path, monkeypatch):
    first = keyness_cloud(KEYNESS, "白城", "zh")
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "second"))  # a fresh search, not the cache
    shuffled = KEYNESS.sample(frac=1.0, random_state=3)
    second = keyness_cloud(shuffled, "白城", "zh")
    assert first.wordcloud.layout_ == second.wordcloud.layout_
    assert png_bytes(first) == png_bytes(second)

    items = list(COUNTS.items())
    random.Random(5).shuffle(items)
    fresh = png_bytes(frequency_cloud(COUNTS, "武汉", "zh"))
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "third"))
    assert fresh == png_bytes(frequency_cloud(dict(items), "武汉", "zh"))


def test_a_cached_layout_draws_the_same_cloud_and_a_broken_one_is_laid_out_again(cold_layout_cache):
    searched = keyness_cloud(KEYNESS, "白城", "zh")
    [stored] = list(cold_layout_cache.iterdir())
    cached = keyness_cloud(KEYNESS, "白城", "zh")
    assert cached.wordcloud.layout_ == searched.wordcloud.layout_
    assert png_bytes(cached) == png_bytes(searched)
    # The English report draws the same layout under an English title.
    assert cloud_words(keyness_cloud(KEYNESS, "白城", "en")) == cloud_words(searched)
    assert len(list(cold_layout_cache.iterdir())) == 1
    # Other words or another colour are another layout.
    frequency_cloud(COUNTS, "白城", "zh")
    assert len(list(cold_layout_cache.iterdir())) == 2
    stored.write_text("{not json", encoding="utf-8")
    with pytest.warns(DamagedFileWarning, match=stored.name):
        again = keyness_cloud(KEYNESS, "白城", "zh")
    assert png_bytes(again) == png_bytes(searched)


def test_clouds_use_the_cjk_font_mostly_horizontal_without_collocations():
    cloud = keyness_cloud(KEYNESS, "白城", "zh").wordcloud
    assert cloud.font_path == str(cjk_font_path())
    assert cloud.prefer_horizontal >= 0.9
    assert all(orientation is None for *_, orientation, _colour in cloud.layout_)  # horizontal
    assert cloud.collocations is False
    assert min(size for _, size, *_ in cloud.layout_) >= 14  # legible


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_word_title_or_caption_has_a_glyph_missing_from_the_font(lang):
    for chart in (keyness_cloud(KEYNESS, "白城", lang), frequency_cloud(COUNTS, "武汉", lang)):
        texts = cloud_words(chart) + figure_texts(chart.figure) + [chart.caption]
        assert set().union(*(missing_glyphs(t) for t in texts)) == set()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clouds_have_a_title_and_a_caption_naming_the_largest_word(lang):
    chart = keyness_cloud(KEYNESS, "白城", lang)
    title = chart.figure.axes[0].get_title()
    assert ("白城" if lang == "zh" else "Baicheng") in title
    assert "网格员" in chart.caption


def test_unknown_language_is_refused():
    with pytest.raises(HelpersError, match="'jp'.*zh, en"):
        keyness_cloud(KEYNESS, "白城", "jp")
    with pytest.raises(HelpersError, match="zh, en"):
        frequency_cloud(COUNTS, "武汉", "")


# ---------------------------------------------------------------- the real seeds

def test_seed_clouds_draw_the_words_the_tables_count_and_nothing_the_filter_leaves_out(monkeypatch):
    monkeypatch.undo()  # the real stopword list and gazetteer
    from helpers.analysis import analyse
    from helpers.report.tables.vocabulary import keyness_table
    from helpers.text.words import load_stopwords, word_filter

    analysis = analyse()
    stopwords, keep = load_stopwords(), word_filter()
    padding = {"针对", "一份", "两个", "就是", "还有", "工作", "进行"}  # filler the clouds used to show
    for city in analysis.cities:
        profile = analysis.for_city(city)
        by_keyness = keyness_cloud(profile.keyness(city), city, "zh")
        by_count = frequency_cloud(profile.token_counts(city), city, "zh")
        for chart in (by_keyness, by_count):
            drawn = cloud_words(chart)
            assert drawn, city
            assert not set(drawn) & (stopwords | padding), city
            assert all(keep.keeps(w) for w in drawn), city
            assert set().union(*(missing_glyphs(w) for w in drawn)) == set(), city
        # the largest words of the keyness cloud are the first rows of the profile's keyness table
        table = keyness_table(profile.keyness(city), "zh", top=3).data
        assert cloud_words(by_keyness)[:1] == list(table.iloc[:1, 0]), city
