"""Words: own tokenizer, user dictionary, stopwords, cached corpus tokens."""

from __future__ import annotations

import jieba
import pandas as pd
import pytest

import helpers.text.segment as segment
from helpers import paths
from helpers.errors import HelpersError
from helpers.text.segment import TOKEN_COLUMNS, corpus_tokens, get_tokenizer, load_userdict, tokenize
from helpers.text.words import content_words, load_stopwords


@pytest.fixture(scope="module", autouse=True)
def own_cache(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HELPERS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


def test_tokenizer_is_our_own_instance_with_its_cache_under_cache_dir():
    tokenizer = get_tokenizer()
    assert isinstance(tokenizer, jieba.Tokenizer)
    assert tokenizer is not jieba.dt
    tokenize("社区", tokenizer)
    assert str(paths.cache_dir()) in tokenizer.tmp_dir
    assert (paths.cache_dir() / "jieba" / tokenizer.cache_file).exists()


def test_the_global_jieba_tokenizer_is_untouched():
    get_tokenizer(extra_words=["一个全新的测试词"])
    assert "一个全新的测试词" not in jieba.dt.FREQ
    assert "下沉干部" not in jieba.dt.FREQ


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("医护人员上门为居家隔离人员做核酸检测。", "核酸检测"),
        ("医护人员上门为居家隔离人员做核酸检测。", "居家隔离"),
        ("每个隔离户都有网格员专人包保。", "网格员"),
        ("下沉干部、志愿者返岗上班。", "下沉干部"),
        ("进出小区要出示健康码。", "健康码"),
        ("负责消杀的工作人员前往小区。", "消杀"),
        ("广大社区工作者坚守一线。", "社区工作者"),
        ("所有小区一律实行全封闭管理。", "全封闭管理"),
        ("自4月28日被划为管控区后。", "管控区"),
    ],
)
def test_user_dictionary_keeps_domain_terms_whole(text, term):
    assert term in tokenize(text)


def test_extra_words_are_kept_whole():
    text = "社区推行楼栋长包保责任制。"
    assert "楼栋长包保" not in tokenize(text)
    assert "楼栋长包保" in tokenize(text, get_tokenizer(extra_words=["楼栋长包保"]))
    assert get_tokenizer(["楼栋长包保"]) is get_tokenizer(("楼栋长包保",))  # loaded once


def test_stopwords_and_content_words():
    stopwords = load_stopwords()
    assert {"的", "了", "和", "在"} <= stopwords
    assert not {"社区", "疫情", "核酸检测"} & stopwords
    tokens = ["社区", "的", ",", "。", "2022", "14", "A", "核酸检测", "PCR", "“", "三"]
    # one filter for every list of words: Latin (PCR), numbers and single characters are out too
    assert content_words(tokens) == ["社区", "核酸检测"]


def test_content_words_filters_a_token_frame():
    frame = pd.DataFrame({"id": ["a"] * 3, "city": ["武汉"] * 3, "token": ["社区", "的", "。"], "position": [0, 1, 2]})
    assert list(content_words(frame)["token"]) == ["社区"]


def test_corpus_tokens_columns_positions_and_offsets():
    articles = pd.DataFrame(
        {"id": ["a", "b"], "city": ["武汉", "全国"],
         "text": ["社区网格员上门核酸检测。", "下沉干部返岗。\n志愿者补位。"]}
    )
    tokens = corpus_tokens(articles)
    assert list(tokens.columns) == TOKEN_COLUMNS
    for article in articles.itertuples():
        rows = tokens[tokens["id"] == article.id]
        assert list(rows["position"]) == list(range(len(rows)))
        assert set(rows["city"]) == {article.city}
        for row in rows.itertuples():
            assert article.text[row.start : row.end] == row.token
    assert "\n" not in set(tokens["token"])


def test_corpus_tokens_come_from_the_cache_when_nothing_changed(monkeypatch):
    articles = pd.DataFrame({"id": ["c"], "city": ["北京"], "text": ["宛平街道为学生开设绿色通道。"]})
    first = corpus_tokens(articles)

    def fail(*args, **kwargs):
        raise AssertionError("re-segmented although nothing changed")

    monkeypatch.setattr(segment, "get_tokenizer", fail)
    assert corpus_tokens(articles).equals(first)
    changed = articles.assign(text=["宛平街道为学生开设绿色通道!"])
    with pytest.raises(AssertionError, match="re-segmented"):
        corpus_tokens(changed)


def test_corpus_tokens_of_the_real_seeds():
    from helpers.corpus import load_corpus

    articles = load_corpus()
    tokens = corpus_tokens(articles)
    assert set(tokens["id"]) == set(articles["id"])
    counts = content_words(tokens)["token"].value_counts()
    assert counts["社区"] > 100
    assert counts["居家隔离"] >= 10  # 001 and 004 talk about home quarantine
    assert counts["核酸检测"] >= 10


def test_shipped_userdict_is_valid_and_has_the_domain_terms():
    words = {word for word, _, _ in load_userdict()}
    assert {"核酸检测", "居家隔离", "网格员", "下沉干部", "健康码", "消杀", "社区工作者", "志愿者", "封闭管理",
            "管控区"} <= words


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("# header\n核酸检测 5x\n", r"userdict\.txt, line 2: frequency '5x'"),
        ("核酸检测\n网格员 5 n\n核酸检测 3\n", r"userdict\.txt, line 3: 核酸检测 is already on line 1"),
        ("网格员 5 n extra\n", r"userdict\.txt, line 1: expected 'WORD \[FREQUENCY\] \[TAG\]'"),
    ],
)
def test_malformed_userdict_names_the_line(tmp_path, content, message):
    file = tmp_path / "userdict.txt"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(HelpersError, match=message):
        load_userdict(file)


def test_malformed_stopwords_names_the_line(tmp_path):
    file = tmp_path / "stopwords.txt"
    file.write_text("# header\n的\n我们 的\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"stopwords\.txt, line 3: one word per line"):
        load_stopwords(file)


def test_token_offsets_are_those_of_jiebas_tokenize():
    # corpus_tokens takes offsets from running sums of lcut's token lengths, not from tokenize.
    tokenizer = get_tokenizer()
    texts = [path.read_text(encoding="utf-8") for path in sorted(paths.seeds_dir().glob("*.txt"))]
    texts += ["  下沉干部 返岗。\n\n\t志愿者\r\n补位 PCR 检测 3.5% ", "", " \n "]
    for text in texts:
        expected = [(w, s, e) for w, s, e in tokenizer.tokenize(text) if w.strip()]
        assert segment._spans(text, tokenizer) == expected
