"""The analysis the notebooks use, read from the store batch by batch: the same figures as the whole tables give.

A small corpus of hand-written articles (three cities, two years, one
undated, one republished) is processed in batches of two articles; every
figure the reports show is compared with the same figure computed on the
whole in-memory tables, and the reads of the store are watched.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis import aggregates
from helpers.analysis.codebook import load_codebook
from helpers.analysis.coding import code_sentences
from helpers.analysis.cooccurrence import cooccurrence
from helpers.analysis.facade import Analysis, analyse
from helpers.analysis.inference import group_presence
from helpers.analysis.keyness import keyness
from helpers.analysis.periods import articles_by_year
from helpers.analysis.pipeline import process_corpus
from helpers.corpus import read_corpus
from helpers.corpus import store as corpus_store
from helpers.report import findings
from helpers.text import postags, segment, words

ARTICLES = {
    "a01": ("孝感市孝南区书院街道加强小区封闭管理",
            "孝感日报 2020-02-12",
            "孝感市孝南区书院街道各小区实行封闭管理，出入口设卡值守。"
            "社区工作人员对进出居民逐一测量体温，查验出入证。"
            "网格员每天上门排查，登记外地返乡人员信息。"),
    "a02": ("孝感市孝南区志愿者为居家隔离居民送菜上门",
            "孝感日报 2020-02-20",
            "孝感市孝南区组织志愿者为居家隔离的居民采购生活物资，送菜上门。"
            "社区工作人员每天两次测量体温，做好居家隔离人员的健康监测。"
            "小区出入口继续设卡值守，外来车辆一律不得进入。"),
    "a03": ("白城市洮北区开展全员核酸检测",
            "白城日报 2022-04-03",
            "白城市洮北区今日开展全员核酸检测，各社区设立采样点。"
            "居民凭健康码有序排队，保持一米间距，佩戴口罩。"
            "社区工作人员逐户通知，确保不漏一户、不漏一人。"),
    "a04": ("白城市洮北区社区居民有序完成核酸采样",
            "白城日报 2022-04-05",
            "白城市洮北区各社区组织居民分时段完成核酸采样，采样点每日消毒。"
            "网格员上门为行动不便的老人采样，居民出示健康码后进入小区。"
            "社区志愿者在采样点维持秩序，提醒居民佩戴口罩。"),
    "a05": ("武汉市江汉区社区开展环境消杀",
            "长江日报",
            "武汉市江汉区各社区对楼道、电梯和垃圾站开展环境消杀，每日两次。"
            "社区工作人员张贴防疫提示，提醒居民少出门、不聚集。"),
    "a06": ("武汉市江汉区网格员上门排查发热病人",
            "长江日报 2020-02-08",
            "武汉市江汉区网格员逐户上门排查发热病人，测量体温并登记。"
            "发现发热症状的居民由社区安排车辆送往发热门诊，密切接触者居家隔离。"),
}


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for stem, (title, source, body) in ARTICLES.items():
        (folder / f"{stem}.txt").write_text(f"{title}\n\n{source}\n\n{body}\n", encoding="utf-8")
    # republished by another paper: a duplicate, shown in the overview, analysed once
    title, source, body = ARTICLES["a03"]
    (folder / "a07.txt").write_text(f"{title}\n\n吉林日报 2022-04-04\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """The seeds folder and its store."""
    base = tmp_path_factory.mktemp("stored-analysis")
    return _write(base / "seeds"), base / "store"


def _batched(corpus: tuple[Path, Path]) -> Analysis:
    """The analysis of the corpus processed in batches of at most two articles."""
    seeds, store = corpus
    stored = process_corpus(seeds, store=store, batch_target=2, batch_max=2)
    assert len(stored.partitions) >= 3
    return Analysis(stored, load_codebook())


@pytest.fixture(scope="module")
def stored_analysis(corpus) -> Analysis:
    return _batched(corpus)


@pytest.fixture(scope="module")
def whole(corpus) -> dict[str, pd.DataFrame]:
    """Every table computed in memory from ``read_corpus``, as the analysis did before the store."""
    seeds, _ = corpus
    codebook = load_codebook()
    read = read_corpus(seeds, use_cache=False)
    articles = read.articles[read.articles["duplicate_of"].isna()].reset_index(drop=True)
    sentences = read.sentences[read.sentences["id"].isin(set(articles["id"]))].reset_index(drop=True)
    tokens = segment.corpus_tokens(articles, extra_words=codebook.all_terms(), use_cache=False)
    tags = postags.word_tags(tokens["token"].unique(), segment.get_tokenizer(codebook.all_terms()))
    table = words.word_table(tokens, articles, tags)
    return {"all_articles": read.articles, "articles": articles, "sentences": sentences, "tokens": tokens,
            "evidence": code_sentences(sentences, codebook, tokens=tokens), "word_table": table,
            "words": table[table["left_out"] == ""].reset_index(drop=True)}


def test_the_corpus_has_what_the_comparison_needs(corpus, stored_analysis, whole):
    assert stored_analysis.cities == ["孝感", "白城", "武汉"]
    assert whole["all_articles"]["duplicate_of"].notna().sum() == 1
    pd.testing.assert_frame_equal(stored_analysis.all_articles, whole["all_articles"])
    pd.testing.assert_frame_equal(stored_analysis.articles, whole["articles"])
    assert stored_analysis.n_sentences == len(whole["sentences"])
    # the notebooks' analyse() reads the same corpus from the store, in batches of its own
    seeds, store = corpus
    pd.testing.assert_frame_equal(analyse(seeds, store=store).presence, stored_analysis.presence)


def test_presence_by_city_and_year_equals_the_whole_tables(stored_analysis, whole):
    ids = stored_analysis.codebook.ids
    expected = group_presence(whole["articles"], whole["sentences"], whole["evidence"], ids, by="city")
    pd.testing.assert_frame_equal(stored_analysis.presence, expected)
    assert expected["with_measure"].sum() > 0
    dated = articles_by_year(whole["articles"])
    by_year = group_presence(dated, whole["sentences"], whole["evidence"], ids, by="year")
    pd.testing.assert_frame_equal(stored_analysis.year_presence(), by_year)
    assert stored_analysis.year_presence().attrs["left_out"] == dated.attrs["left_out"] == ["a05"]
    assert list(dict.fromkeys(by_year["group"])) == ["2020", "2022"]


def test_cooccurrence_and_the_opening_findings_equal_the_whole_tables(stored_analysis, whole):
    pd.testing.assert_frame_equal(stored_analysis.cooccurrence,
                                  cooccurrence(whole["evidence"], stored_analysis.codebook))
    coded = whole["evidence"].drop_duplicates(["id", "sentence_no"])
    assert stored_analysis.coded_sentences() == len(coded)
    assert stored_analysis.coded_sentences(["白城"]) == int((coded["city"] == "白城").sum())
    # the emphasis finding quotes the number of coded sentences
    opening = findings.opening(stored_analysis, "en", "03_measures_comparison")
    assert opening  # one finding at least, whatever the coding finds


def test_word_counts_keyness_and_left_out_words_equal_the_whole_tables(stored_analysis, whole):
    kept = whole["words"]
    counts = kept["token"].value_counts().rename_axis("token").reset_index(name="count")
    counts = counts.sort_values(["count", "token"], ascending=[False, True], kind="mergesort")
    pd.testing.assert_series_equal(stored_analysis.token_counts(), counts.set_index("token")["count"])
    baicheng = kept[kept["city"] == "白城"]["token"].value_counts()
    assert stored_analysis.token_counts("白城").to_dict() == baicheng.to_dict()
    pd.testing.assert_frame_equal(stored_analysis.all_keyness, keyness(kept))
    for city in stored_analysis.cities:
        pd.testing.assert_frame_equal(stored_analysis.keyness(city, against="general"),
                                      keyness(kept, city, against="general"))
    left = whole["word_table"]
    places = left[left["left_out"].isin(["place", "person"])]
    expected = places.groupby(["left_out", "token"]).size()
    found = stored_analysis.left_out_words().set_index(["reason", "token"])["count"]
    assert found.to_dict() == expected.to_dict() and len(found) > 0
    assert {"孝感市", "白城市"} <= set(found.index.get_level_values("token"))


def test_a_city_profile_reads_that_citys_rows_only(stored_analysis, whole):
    profile = stored_analysis.for_city("孝感")
    rows = whole["evidence"][whole["evidence"]["city"] == "孝感"]
    pd.testing.assert_frame_equal(profile.city_evidence("孝感").reset_index(drop=True), rows.reset_index(drop=True))
    pd.testing.assert_frame_equal(stored_analysis.city_evidence("孝感"), rows)  # same rows, same positions
    pd.testing.assert_frame_equal(profile.presence, stored_analysis.presence_for(["孝感"]))
    own = whole["words"][whole["words"]["city"] == "孝感"]
    pd.testing.assert_frame_equal(profile.keyness("孝感"), keyness(own, "孝感"))
    assert profile.all_articles["id"].tolist() == ["a01", "a02"]


def test_the_report_figures_read_tokens_and_sentences_one_batch_at_a_time(corpus, monkeypatch):
    """No read of the store returns more than one batch of rows, and the sentences' text is never read."""
    seeds, store = corpus
    reads: list[tuple[str, tuple[str, ...], int]] = []
    original = corpus_store.read_table

    def watched(folder, key, name, columns=None, meta=None):
        frame = original(folder, key, name, columns, meta)
        reads.append((name, tuple(frame.columns), len(frame)))
        return frame

    monkeypatch.setattr("helpers.analysis.stored.read_table", watched)
    analysis = _batched(corpus)
    analysis.presence, analysis.year_presence(), analysis.compare_cities(), analysis.cooccurrence
    analysis.token_counts(), analysis.all_keyness, analysis.left_out_words()
    findings.opening(analysis, "zh", "03_measures_comparison")
    analysis.for_city("白城").keyness("白城"), analysis.city_evidence("白城")

    stored = analysis.stored
    batch_tokens = max(len(original(store, part, "tokens", ["id"])) for part in stored.partitions)
    all_tokens = sum(len(original(store, part, "tokens", ["id"])) for part in stored.partitions)
    token_reads = [rows for name, _, rows in reads if name == "tokens"]
    assert token_reads and max(token_reads) <= batch_tokens < all_tokens
    sentence_reads = [columns for name, columns, _ in reads if name == "sentences"]
    assert sentence_reads and set(sentence_reads) == {("id",)}  # counted, never read for their text
    assert "sentences" not in analysis.__dict__ and "tokens" not in analysis.__dict__


def test_the_analysis_sums_batches_without_the_whole_token_table(stored_analysis, monkeypatch):
    """Asking for the whole token table is what the aggregates never do: it would fail here if they did."""
    fresh = Analysis(stored_analysis.stored, stored_analysis.codebook)

    def refuse(self, *args, **kwargs):
        raise AssertionError("the whole table was read")

    monkeypatch.setattr(aggregates.Scope, "read", refuse)
    fresh.presence, fresh.token_counts(), fresh.all_keyness, fresh.left_out_words(), fresh.cooccurrence
    fresh.year_presence(), fresh.compare_years(), fresh.top_measures("武汉")
    with pytest.raises(AssertionError, match="whole table"):
        _ = fresh.tokens


def test_a_batch_whose_every_file_was_skipped_has_no_shingles(tmp_path):
    # (its empty hashes column is stored without a type; reading it must not fail)
    from helpers.analysis.pipeline import SHINGLE_COLUMNS
    from helpers.analysis.stored import StoredCorpus

    empty = pd.DataFrame({name: pd.Series([], dtype="int64" if name == "n_shingles" else object)
                          for name in SHINGLE_COLUMNS})
    corpus_store.write_partition(tmp_path, "part", {"shingles": empty}, {"ids": [], "skipped": []})
    shingles = StoredCorpus(tmp_path, "key", ["part"]).shingles("part")
    assert shingles["id"] == [] and shingles["hashes"] == [] and len(shingles["n_shingles"]) == 0
