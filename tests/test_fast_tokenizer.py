"""The faster route search gives exactly stock jieba's tokens."""

from __future__ import annotations

import random

import jieba
import pytest

from helpers import paths
from helpers.analysis.codebook import load_codebook
from helpers.corpus.cleaning import clean_text
from helpers.text.segment import load_userdict, new_tokenizer
from helpers.text.tokenizer import CHECKED_JIEBA, RouteTokenizer
from synthetic import synthetic_corpus


@pytest.fixture(scope="module")
def jieba_dir(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("jieba"))


def _pair(jieba_dir: str, dictionary: str | None = None, words=()) -> tuple[jieba.Tokenizer, RouteTokenizer]:
    """A stock jieba tokenizer and ours, same dictionary, same added words in the same order."""
    pair = []
    for cls in (jieba.Tokenizer, RouteTokenizer):
        tokenizer = cls(dictionary) if dictionary else cls()
        tokenizer.tmp_dir = jieba_dir
        for word, freq, tag in words:
            tokenizer.add_word(word, freq, tag)
        pair.append(tokenizer)
    return pair[0], pair[1]


@pytest.fixture(scope="module")
def project_pair(jieba_dir):
    """Both tokenizers with the project's user dictionary and the codebook's terms, as the build loads them."""
    words = list(load_userdict()) + [(t, None, None) for t in load_codebook().all_terms()]
    return _pair(jieba_dir, words=words)


def test_the_override_is_active_for_the_pinned_jieba():
    # Under another jieba version the class falls back to jieba's own search (and this test says so).
    assert jieba.__version__ == CHECKED_JIEBA
    assert "_Tokenizer__cut_DAG" in RouteTokenizer.__dict__


def test_the_project_tokenizer_is_the_fast_one():
    assert isinstance(new_tokenizer(), RouteTokenizer)


def test_same_tokens_as_jieba_on_the_seeds_raw_and_cleaned(project_pair):
    stock, ours = project_pair
    seeds = sorted(paths.seeds_dir().glob("*.txt"))
    assert seeds
    for path in seeds:
        raw = path.read_text(encoding="utf-8", errors="replace")
        for text in (raw, clean_text(raw).text):
            assert ours.lcut(text) == stock.lcut(text), path.name
            assert ours.lcut(text, HMM=False) == stock.lcut(text, HMM=False), path.name
            assert list(ours.tokenize(text)) == list(stock.tokenize(text)), path.name


def test_same_tokens_as_jieba_on_synthetic_articles(project_pair, tmp_path):
    stock, ours = project_pair
    files = synthetic_corpus(paths.seeds_dir(), 40, tmp_path / "mixed", mode="mixed", seed=3)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert ours.lcut(text) == stock.lcut(text), path.name


def test_same_tokens_on_random_strings_of_dictionary_pieces(project_pair):
    stock, ours = project_pair
    rng = random.Random(11)
    words = [w for w, _, _ in load_userdict()] + ["社区", "防控", "核酸", "检测", "居民", "的", "了", "在"]
    pieces = words + list("社区防控核酸检测居民志愿者网格员下沉干部返岗隔离封控管控") + [
        "PCR", "3.5%", "2022年", " ", "\n", "，", "。", "Covid-19", "ｅ", "〇"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert ours.lcut(text) == stock.lcut(text), text


def test_exact_score_ties_go_the_way_jieba_breaks_them(jieba_dir, tmp_path):
    # With every frequency 1, 'AB'+'C' and 'A'+'BC' score exactly the same: the tie-break decides.
    dictionary = tmp_path / "tiny.txt"
    entries = ["甲", "乙", "丙", "丁", "甲乙", "乙丙", "丙丁", "甲乙丙", "乙丙丁"]
    dictionary.write_text("".join(f"{w} 1 n\n" for w in entries), encoding="utf-8")
    stock, ours = _pair(jieba_dir, str(dictionary))
    rng = random.Random(5)
    for _ in range(500):
        text = "".join(rng.choice("甲乙丙丁戊") for _ in range(rng.randint(1, 12)))
        assert ours.lcut(text) == stock.lcut(text), text
        assert ours.lcut(text, HMM=False) == stock.lcut(text, HMM=False), text


def test_words_added_or_deleted_after_first_use_are_seen(jieba_dir):
    stock, ours = _pair(jieba_dir)
    text = "社区推行一户一码登记制度"
    assert ours.lcut(text) == stock.lcut(text)
    for tokenizer in (stock, ours):
        tokenizer.add_word("一户一码")
    assert "一户一码" in ours.lcut(text)
    assert ours.lcut(text) == stock.lcut(text)
    for tokenizer in (stock, ours):
        tokenizer.del_word("一户一码")
    assert "一户一码" not in ours.lcut(text)
    assert ours.lcut(text) == stock.lcut(text)
