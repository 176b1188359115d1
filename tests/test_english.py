"""English pages an English-only reader can use: every Chinese word in a vocabulary or timeline row glossed.

Chinese pages keep their tables as they were: the glosses are English pages' only.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis.events import extract_events
from helpers.analysis.reference_events import load_reference_events
from helpers.corpus import read_corpus
from helpers.report import tables, wordclouds
from helpers.report.glosses import clause_gloss, english_title
from helpers.text import gloss as gloss_module

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u3400-\u9fff]+")
# One glossed word: the Chinese, then its pinyin and English in brackets (the English may hold brackets itself).
GLOSSED = re.compile(r"^(?P<word>[^\s(]+) \((?P<inside>.+)\)$")

SENTENCES = (  # a community notice, written for these tests
    "4月2日，社区网格员王小明上门排查返乡人员。",
    "4月5日晚，街道对幸福小区实行封闭管理。",
    "4月8日上午，志愿者为独居老人送药上门。",
    "4月9日，居委会在东门设立核酸采样点。",
)


def _corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, text = [], ""
    for number, sentence in enumerate(SENTENCES):
        rows.append({"id": "n1", "city": "孝感", "sentence_no": number, "start": len(text),
                     "end": len(text) + len(sentence), "sentence": sentence})
        text += sentence
    articles = pd.DataFrame([{"id": "n1", "city": "孝感", "city_en": "Xiaogan", "published": "2022-04-10",
                              "published_qualifier": None}])
    return articles, pd.DataFrame(rows)


def _explained(cell: str) -> bool:
    """Every word of a glossed cell ("社区 (shèqū, community); …") is Chinese followed by pinyin and English."""
    items = cell.split("; ")
    for item in items:
        match = GLOSSED.match(item)
        if not match or not re.search("[A-Za-z]", HAN.sub("", match["inside"])):
            return False
    return bool(items)


def test_frequent_words_carry_pinyin_and_an_english_gloss_even_when_the_dictionary_lacks_them():
    counts = pd.Series({"社区": 40, "网格员": 12, "佘佟": 3, "核酸检测点": 2})  # 佘佟: no sense anywhere
    table = tables.word_table(counts, "en", top=4).data
    assert list(table.columns) == ["Word", "Pinyin", "English", "Count"]
    for word, pinyin, english in zip(table["Word"], table["Pinyin"], table["English"]):
        assert pinyin.strip() and english.strip(), word
        assert not HAN.search(english) and not HAN.search(pinyin), word
    assert list(table["English"][:2]) == ["community", "grid worker"]
    assert list(tables.word_table(counts, "zh", top=4).data.columns) == ["词语", "次数"]


def test_distinctive_words_carry_pinyin_and_english_in_every_row():
    keyness = pd.DataFrame([{
        "city": city, "token": token, "freq_target": 5, "articles_target": 1, "freq_reference": 10,
        "reference_bound": False, "per_10k_target": 50.0, "per_10k_reference": 0.03, "g2": g2,
        "p_value": float("nan"), "log_ratio": 3.0, "direction": "over", "reference": "general",
        "group_articles": 1, "reference_articles": float("nan"),
    } for city, token, g2 in [("孝感", "网格员", 30.0), ("孝感", "封闭管理", 20.0), ("白城", "排查", 25.0),
                              ("白城", "志愿者", 10.0)]])
    table = tables.keyness_table(keyness[keyness["city"] == "孝感"], "en").data
    assert all(table["Pinyin"].str.strip()) and all(table["English"].str.strip())
    overview = tables.distinctive_by_city(keyness, "en").data
    assert all(_explained(cell) for cell in overview["Word"]), list(overview["Word"])
    assert tables.distinctive_by_city(keyness, "zh").data["词语"].tolist() == ["网格员、封闭管理", "排查、志愿者"]


def test_names_left_out_are_glossed_as_names():
    left_out = pd.DataFrame({"reason": ["place", "person"], "token": ["孝感", "王小明"], "count": [3, 1]})
    table = tables.left_out_words(left_out, "en").data
    assert list(table["Word"]) == ["孝感 (xiàogǎn, Xiaogan) ×3", "王小明 (Wáng Xiǎomíng, Wang Xiaoming) ×1"]


def test_every_event_and_announcement_row_glosses_the_key_words_of_its_label():
    events = extract_events(*_corpus())
    assert len(events) == len(SENTENCES)
    table = tables.events_table(events, "en").data
    assert all(_explained(cell) for cell in table["Key words in English"]), list(table["Key words in English"])
    words = " ".join(table["Key words in English"])
    assert "Wang Xiaoming" in words and "closed-off management" in words
    assert "Key words in English" not in tables.events_table(events, "zh").data.columns
    assert "关键词的英文释义" not in tables.events_table(events, "zh").data.columns

    announced = events.assign(status="announced")
    plans = tables.announcements_table(announced, "en").data
    assert all(_explained(cell) for cell in plans["Key words in English"])
    assert list(tables.announcements_table(announced, "zh").data.columns) == ["文章", "日期", "预告的内容"]


def test_a_clause_with_chinese_always_gets_a_gloss_and_one_without_none():
    assert _explained(clause_gloss("佘佟", "en"))  # no dictionary word at all: the whole text in pinyin
    assert clause_gloss("COVID-19", "en") == "" and clause_gloss("社区", "zh") == ""


def test_reference_events_name_their_place_and_source_in_english():
    table = tables.reference_table(load_reference_events(), "en").data
    assert not any(HAN.search(scope) for scope in table["Scope"])  # 湖北省 → Hubei Province
    assert "Hubei Province" in set(table["Scope"])
    for source in table["Source"]:  # English first, the Chinese title after it for anyone citing it
        assert re.match(r"^[^\u3400-\u9fff]+ \(Chinese: .+\)$", source), source
    zh = tables.reference_table(load_reference_events(), "zh").data
    assert "湖北省" in set(zh["范围"]) and not any("Chinese:" in s for s in zh["来源"])


def test_matched_terms_of_quotes_and_evidence_are_glossed_and_quotes_stay_as_written():
    evidence = pd.DataFrame([{"measure": "grid_management", "city": "孝感", "id": "n1", "sentence_no": 0, "term": "网格员",
                              "sentence_original": SENTENCES[0], "start": 5, "end": 8}])
    table = tables.quotes(evidence, ["grid_management"], "en").data
    assert table["Matched term in pinyin and English"].tolist() == ["wǎnggé yuán, grid worker"]
    assert table["Quote (original script)"].tolist() == [SENTENCES[0]]
    presence = pd.DataFrame([{"group": "孝感", "measure": "grid_management", "articles": 1, "group_sentences": 4,
                              "with_measure": 1, "sentences": 1}])
    appendix = tables.evidence_appendix(evidence, presence, "en")
    assert "<mark>网格员</mark> (wǎnggé yuán, grid worker) — " in appendix
    assert "<mark>网格员</mark> — " in tables.evidence_appendix(evidence, presence, "zh")


def test_titles_take_the_english_title_of_the_metadata_else_a_gloss_of_their_key_words():
    assert english_title("战疫情，社区在一线", "Communities on the front line", "en") == "Communities on the front line"
    glossed = english_title("战疫情，社区在一线", None, "en")
    assert glossed.startswith("key words: ") and _explained(glossed.removeprefix("key words: "))
    assert english_title("战疫情", "Fighting", "zh") == ""


def test_title_en_of_the_manual_metadata_reaches_the_english_article_table(tmp_path):
    seed = "001_53418134698a61dc"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / f"{seed}.txt", seeds)
    (seeds / "metadata.yaml").write_text(
        f"{seed}:\n  title_en:\n    value: \"Fighting the <epidemic>\"\n    note: translated by hand\n",
        encoding="utf-8")
    articles = read_corpus(seeds, use_cache=False).articles
    assert articles["title_en"].tolist() == ["Fighting the <epidemic>"]
    assert not any(w["code"] == "warning.manual_replaces" for w in articles["warnings"].iloc[0])
    page = tables.article_table(articles, "en").to_html()
    assert "Title in English" in page and "Fighting the &lt;epidemic&gt;" in page and "<epidemic>" not in page
    assert "英文标题" not in tables.article_table(articles, "zh").to_html()


def test_every_committed_title_has_an_english_title():
    articles = read_corpus(ROOT / "seeds").articles
    titled = articles[articles["title"].notna()]
    assert titled["title_en"].notna().all(), list(titled.loc[titled["title_en"].isna(), "id"])
    table = tables.article_table(articles, "en").data
    assert not any(HAN.search(HAN.sub("", t) if "key words:" in t else t) for t in table["Title in English"]
                   if "key words:" not in t)


@pytest.fixture
def html_glossary(monkeypatch):
    """A glossary whose English holds markup, as a careless edit of glossary.yaml could."""
    monkeypatch.setattr(gloss_module, "_glossary", lambda: {"网格员": "<b>grid</b> & worker"})
    gloss_module.gloss.cache_clear()
    gloss_module.name_gloss.cache_clear()
    yield
    gloss_module.gloss.cache_clear()
    gloss_module.name_gloss.cache_clear()


def test_glosses_are_escaped_wherever_they_are_shown(html_glossary):
    page = tables.word_table(pd.Series({"网格员": 3}), "en").to_html()
    assert "&lt;b&gt;grid&lt;/b&gt; &amp; worker" in page and "<b>grid" not in page
    evidence = pd.DataFrame([{"measure": "grid_management", "city": "孝感", "id": "n1", "sentence_no": 0, "term": "网格员",
                              "sentence_original": SENTENCES[0], "start": 5, "end": 8}])
    presence = pd.DataFrame([{"group": "孝感", "measure": "grid_management", "articles": 1, "group_sentences": 4,
                              "with_measure": 1, "sentences": 1}])
    appendix = tables.evidence_appendix(evidence, presence, "en")
    assert "&lt;b&gt;grid&lt;/b&gt; &amp; worker" in appendix and "<b>grid" not in appendix
    events = tables.events_table(extract_events(*_corpus()), "en").to_html()
    assert "&lt;b&gt;grid&lt;/b&gt;" in events and "<b>grid" not in events


def test_an_english_word_cloud_lists_its_largest_words_glossed():
    counts = {"社区": 30, "网格员": 20, "志愿者": 15, "核酸检测": 10}
    caption = wordclouds.frequency_cloud(counts, "孝感", lang="en").caption
    assert "社区 (shèqū, community)" in caption and "网格员 (wǎnggé yuán, grid worker)" in caption
    zh = wordclouds.frequency_cloud(counts, "孝感", lang="zh").caption
    assert "shèqū" not in zh and "“社区”" in zh


def test_the_index_gives_each_titled_article_its_english_title_as_text():
    from bs4 import BeautifulSoup

    from helpers.publish.index_page import render_index
    from helpers.publish.plan import CorpusSummary

    article = {"id": "a1", "city": "孝感", "city_en": "Xiaogan", "published": None, "title": "战疫情",
               "title_en": "Fighting <b>the</b> epidemic", "genre": "news", "duplicate_of": None}
    page = render_index(CorpusSummary(cities=[("孝感", "Xiaogan")], articles=[article], skipped=[]), [], {}, None)
    cells = [cell.get_text(" ") for cell in BeautifulSoup(page, "html.parser").find_all("td")]
    assert "战疫情 Fighting <b>the</b> epidemic" in cells  # shown as text, not markup
