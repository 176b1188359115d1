"""The corpus: real seeds, bad files, duplicates, sentences, cache and the two commands."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import helpers.corpus.articles as corpus_module
from helpers import paths
from helpers.catalogue import render
from helpers.commands.corpus import register
from helpers.corpus import load_corpus, read_corpus
from helpers.corpus.articles import ARTICLE_COLUMNS
from helpers.corpus.cleaning import alnum_only
from helpers.corpus.duplicates import (
    NEAR_DUPLICATE_THRESHOLD,
    ShingleHasher,
    _sorted_overlap,
    find_duplicate,
    flag_duplicates,
    shingles,
    similarity,
)
from helpers.corpus.sentences import SENTENCE_COLUMNS
from helpers.errors import HelpersError

SEEDS = paths.seeds_dir()
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Every test writes its cache to a temporary folder, never the project's."""
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="module")
def seeds_corpus(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HELPERS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        return read_corpus(SEEDS)


def _copy_seeds(target):
    target.mkdir(parents=True, exist_ok=True)
    for file in SEED_FILES:
        shutil.copyfile(file, target / file.name)
    shutil.copyfile(SEEDS / "metadata.yaml", target / "metadata.yaml")
    return target


def _run(argv, capsys):
    from helpers.cli import _quiet_libraries

    _quiet_libraries()  # as `python -m helpers` does before any command: jieba's loading chatter is no output
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- the real seeds


def test_seed_cities_in_id_order(seeds_corpus):
    articles = seeds_corpus.articles
    assert list(articles["id"]) == [file.stem for file in SEED_FILES]
    assert list(articles["city"]) == ["武汉", "白城", "全国", "北京", "孝感"]
    assert list(articles["city_en"]) == ["Wuhan", "Baicheng", "National", "Beijing", "Xiaogan"]


def test_seed_dates_printed_in_the_texts_are_extracted(seeds_corpus):
    by_id = seeds_corpus.articles.set_index(seeds_corpus.articles["id"].str[:3])
    for seed, date in [("000", "2020-04-10"), ("001", "2022-03-21"), ("003", "2022-05-20")]:
        assert by_id.loc[seed, "published"] == date
        assert by_id.loc[seed, "published_provenance"] == "extracted"


def test_seed_without_a_printed_date_uses_the_manual_file_or_stays_empty(seeds_corpus):
    by_id = seeds_corpus.articles.set_index(seeds_corpus.articles["id"].str[:3])
    assert (by_id.loc["004", "published"], by_id.loc["004", "published_provenance"]) == ("2020-02-19", "manual")
    assert by_id.loc["002", "published"] is None
    assert by_id.loc["002", "published_provenance"] is None


def test_article_columns_follow_the_contract(seeds_corpus):
    articles = seeds_corpus.articles
    assert list(articles.columns) == ARTICLE_COLUMNS
    for row in articles.itertuples():
        assert row.path == f"{row.id}.txt"  # relative, never absolute
        assert row.n_chars == len(row.text)
        assert row.encoding == "utf-8"
        assert isinstance(row.warnings, list)
        assert all({"line", "rule", "reason"} <= set(entry) for entry in row.removed)
        assert len(row.sha256) == 64
        assert row.duplicate_of is None
    assert seeds_corpus.skipped.empty


def test_counts_are_integers_and_missing_values_none_also_in_an_empty_folder(seeds_corpus, tmp_path):
    empty = read_corpus(tmp_path, use_cache=False).articles
    for articles in (seeds_corpus.articles, empty):
        assert list(articles.columns) == ARTICLE_COLUMNS
        assert str(articles["n_chars"].dtype) == str(articles["pinyin_removed"].dtype) == "int64"
        assert articles["duplicate_of"].dtype == object and articles["published"].dtype == object
    assert empty.empty and str(empty["id"].dtype) != "float64"


def test_load_corpus_is_the_articles_frame():
    assert list(load_corpus(SEEDS)["id"]) == [file.stem for file in SEED_FILES]


def test_sentences_offsets_point_into_the_text(seeds_corpus):
    sentences = seeds_corpus.sentences
    assert list(sentences.columns) == SENTENCE_COLUMNS
    texts = seeds_corpus.articles.set_index("id")
    for row in sentences.itertuples():
        assert texts.loc[row.id, "text"][row.start : row.end] == row.sentence
        assert len(row.sentence_original) == len(row.sentence)
    for _article_id, group in sentences.groupby("id"):
        assert list(group["sentence_no"]) == list(range(len(group)))
    traditional = sentences[sentences["id"].str.startswith("000")]
    assert "社區防線決不可松懈" in traditional.iloc[0]["sentence_original"]
    assert "社区防线决不可松懈" in traditional.iloc[0]["sentence"]


def test_every_body_sentence_is_kept(seeds_corpus):
    """Each sentence of each seed's body paragraphs (lines ending in 。) reaches the sentences table."""
    from helpers.corpus.cleaning import clean_text
    from helpers.corpus.reading import read_text
    from helpers.corpus.sentences import sentence_spans

    sentences = set(seeds_corpus.sentences["sentence"])
    for file in SEED_FILES:
        cleaned = clean_text(read_text(file).text)
        for line in cleaned.text.split("\n"):
            if line.endswith("。"):
                for start, end in sentence_spans(line):
                    assert line[start:end] in sentences


# ---------------------------------------------------------------- bad files


def test_bad_files_are_skipped_and_the_rest_load(tmp_path):
    folder = _copy_seeds(tmp_path / "seeds")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (folder / "english.txt").write_text("The council met on Tuesday to discuss the budget.\n" * 4, encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    corpus = read_corpus(folder)
    assert list(corpus.articles["city"]) == ["武汉", "白城", "全国", "北京", "孝感"]
    reasons = dict(zip(corpus.skipped["file"], corpus.skipped["reason"]))
    assert set(reasons) == {"empty.txt", "image.txt", "english.txt", "notes.docx"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.txt"]
    assert "no Chinese" in reasons["english.txt"]


def test_corpus_command_reports_skipped_files_one_line_each(tmp_path, capsys):
    folder = _copy_seeds(tmp_path / "seeds")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "english.txt").write_text("Only English here, nothing else.\n", encoding="utf-8")
    code, out, err = _run(["corpus", "--seeds", str(folder)], capsys)
    assert code == 0
    assert len(out.strip().split("\n")) == 5
    assert all(line.startswith("skipped: ") for line in err.strip().split("\n"))
    assert any(line.startswith("skipped: empty.txt: ") for line in err.split("\n"))
    assert any(line.startswith("skipped: english.txt: ") for line in err.split("\n"))
    assert len(err.strip().split("\n")) == 2


def test_encoding_variants_in_the_seeds_folder_give_the_same_articles(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    text = SEED_FILES[0].read_text(encoding="utf-8")
    (folder / "a_big5.txt").write_bytes(text.replace("\n", "\r\n").encode("big5"))
    (folder / "b_gbk.txt").write_bytes(text.encode("gbk"))
    (folder / "c_utf16.txt").write_bytes(text.encode("utf-16"))
    articles = read_corpus(folder).articles
    assert len(set(articles["text"])) == 1
    assert set(articles["city"]) == {"武汉"}
    assert set(articles["published"]) == {"2020-04-10"}
    assert list(articles["encoding"]) == ["big5", "gb18030", "utf-16"]


def test_malformed_metadata_entry_is_skipped_naming_the_line(tmp_path):
    # Deliberate change: a bad manual entry is listed among the skipped files
    # (shown in the overview) and left out, instead of failing every report.
    folder = _copy_seeds(tmp_path / "seeds")
    (folder / "metadata.yaml").write_text(
        "004_6278d8098866ad15:\n  published:\n    value: sometime in 2020\n    note: guess\n", encoding="utf-8"
    )
    corpus = read_corpus(folder)
    skipped = corpus.skipped.set_index("file")["reason"]
    assert skipped["metadata.yaml"].startswith("line 3: published must be a date")
    assert "004_6278d8098866ad15 is ignored" in skipped["metadata.yaml"]
    assert len(corpus.articles) == 5
    assert corpus.articles.set_index("id").loc["004_6278d8098866ad15", "published"] is None


def test_missing_seeds_folder_is_an_error(tmp_path):
    with pytest.raises(HelpersError, match="seeds folder not found"):
        read_corpus(tmp_path / "nowhere")


# ---------------------------------------------------------------- duplicates


def test_republished_copies_are_flagged(tmp_path):
    folder = _copy_seeds(tmp_path / "seeds")
    text = (SEEDS / "003_4e5496108993cbe1.txt").read_text(encoding="utf-8")
    (folder / "005_exact_copy.txt").write_bytes(text.encode("gb18030"))
    lines = text.split("\n")
    shortened = "\n".join(line for line in lines if "宛平街道沸城社区为学生" not in line)
    (folder / "006_near_copy.txt").write_text(shortened.replace("北京", "北京市"), encoding="utf-8")
    articles = read_corpus(folder).articles.set_index("id")
    assert articles.loc["005_exact_copy", "duplicate_of"] == "003_4e5496108993cbe1"
    assert any("exact duplicate of 003" in render(w, "en") for w in articles.loc["005_exact_copy", "warnings"])
    assert articles.loc["006_near_copy", "duplicate_of"] == "003_4e5496108993cbe1"
    assert any("near duplicate of 003" in render(w, "en") for w in articles.loc["006_near_copy", "warnings"])
    assert articles.loc["003_4e5496108993cbe1", "duplicate_of"] is None


def test_different_articles_on_the_same_topic_are_not_duplicates(seeds_corpus):
    texts = list(seeds_corpus.articles["text"])
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert similarity(a, b) < 0.3


def _han_text(rng, chars: int, alphabet: int = 20900) -> str:
    """Random Han text in sentences of 20 characters, from the first ``alphabet`` Han characters."""
    body = "".join(chr(0x4E00 + rng.randrange(alphabet)) for _ in range(chars))
    return "。".join(body[i : i + 20] for i in range(0, chars, 20)) + "。"


def _articles(texts):
    return pd.DataFrame({
        "id": [f"{i:03d}" for i in range(len(texts))],
        "text": texts,
        "duplicate_of": [None] * len(texts),
        "warnings": [[] for _ in texts],
    })


def _first_duplicates_pairwise(texts):
    """The rule spelled out: each article against every earlier one, in order."""
    flags = []
    for index, text in enumerate(texts):
        earlier = _articles(texts[:index])
        found = find_duplicate(text, earlier) if index else None
        flags.append(found[0] if found else None)
    return flags


def _changed(rng, text: str, share: float) -> str:
    """``text`` with about ``share`` of its characters replaced."""
    chars = list(text)
    for position in rng.sample(range(len(chars)), int(len(chars) * share)):
        if chars[position] != "。":
            chars[position] = chr(rng.randrange(0x4E00, 0x9FA5))
    return "".join(chars)


def test_a_near_duplicate_among_many_distinct_articles_is_found():
    rng = random.Random(1)
    texts = [_han_text(rng, 600) for _ in range(300)]
    original = texts[40]
    copy = _changed(rng, original, 0.03)  # about 0.85 of the 5-grams survive
    assert 0.8 <= similarity(original, copy) <= 0.9
    texts.append(copy)
    flagged = flag_duplicates(_articles(texts))
    assert flagged["duplicate_of"].iloc[-1] == "040"
    assert any("near duplicate of 040" in render(w, "en") for w in flagged["warnings"].iloc[-1])
    assert flagged["duplicate_of"].iloc[:-1].isna().all()


def test_a_short_article_inside_a_long_one_is_a_duplicate_of_it_whichever_comes_first():
    # Overlap is the share of the smaller article's shingles: Jaccard here is only about 0.25.
    rng = random.Random(2)
    long = _han_text(rng, 2000)
    short = long[400:900]
    others = [_han_text(rng, 500) for _ in range(50)]
    flagged = flag_duplicates(_articles([*others[:20], long, *others[20:], short]))
    assert flagged["duplicate_of"].iloc[-1] == "020"
    flagged = flag_duplicates(_articles([*others[:20], short, *others[20:], long]))
    assert flagged["duplicate_of"].iloc[-1] == "020"


def test_distinct_articles_and_pairs_below_the_threshold_are_not_flagged():
    rng = random.Random(3)
    texts = [_han_text(rng, 800) for _ in range(200)]
    texts.append(_changed(rng, texts[10], 0.08))  # about 0.65 of the 5-grams survive
    assert similarity(texts[10], texts[-1]) < NEAR_DUPLICATE_THRESHOLD
    assert flag_duplicates(_articles(texts))["duplicate_of"].isna().all()


@pytest.mark.parametrize("alphabet", [20900, 3000])
def test_flags_match_comparing_every_earlier_article_in_order(alphabet):
    # Chains and mixtures of sizes: the earliest qualifying article must win, larger or smaller.
    # A corpus of 3,000 distinct characters is checked on one-to-one hashes, one of 20,900 on shingle sets.
    rng = random.Random(4)
    base = [_han_text(rng, rng.choice([100, 400, 1500]), alphabet) for _ in range(40)]
    texts = []
    for index in range(160):
        kind = rng.random()
        if kind < 0.4 or not texts:
            texts.append(base[index % len(base)] if index < len(base) else _han_text(rng, 300, alphabet))
        elif kind < 0.6:
            source = rng.choice(texts)
            start = rng.randrange(len(source) // 2)
            texts.append(source[start : start + rng.randrange(60, len(source) - start + 60)])
        elif kind < 0.8:
            texts.append(_changed(rng, rng.choice(texts), rng.choice([0.01, 0.03, 0.05, 0.1])))
        else:
            texts.append(rng.choice(texts) + _han_text(rng, rng.randrange(20, 800), alphabet))
    assert ShingleHasher(alnum_only(t) for t in texts).exact == (alphabet < 7000)
    expected = _first_duplicates_pairwise(texts)
    assert sum(flag is not None for flag in expected) > 50
    assert list(flag_duplicates(_articles(texts))["duplicate_of"]) == expected


def test_duplicate_flags_do_not_depend_on_the_string_hash_seed(tmp_path):
    script = (
        "import random, sys\n"
        "sys.path.insert(0, {tests!r})\n"
        "from test_corpus import _articles, _changed, _han_text\n"
        "from helpers.corpus.cleaning import alnum_only\n"
        "from helpers.corpus.duplicates import ShingleHasher, flag_duplicates\n"
        "rng = random.Random(5)\n"
        "texts = [_han_text(rng, 500) for _ in range(60)]\n"
        "texts += [_changed(rng, t, 0.03) for t in texts[::7]]\n"
        "print(list(flag_duplicates(_articles(texts))['duplicate_of']))\n"
        "hasher = ShingleHasher(alnum_only(t) for t in texts)\n"
        "print(int(hasher.hashes(alnum_only(texts[0])).sum()))\n"
    ).format(tests=str(paths.project_root() / "tests"))
    outputs = set()
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "'000'" in outputs.pop()


def test_shingle_hashes_are_the_distinct_shingles():
    texts = ["社区防线决不可松懈,社区防线决不可松懈!PCR检测", "武汉", "。,"]
    hasher = ShingleHasher(alnum_only(t) for t in texts)
    for text in texts:
        hashes = hasher.hashes(alnum_only(text))
        assert len(hashes) == len(shingles(text))
        assert list(hashes) == sorted(set(hashes.tolist()))
    assert len(hasher.hashes(alnum_only("武汉"))) == 1
    assert len(hasher.hashes(alnum_only("。,"))) == 0


def test_hash_sets_are_one_to_one_with_shingles_on_the_seeds(seeds_corpus):
    texts = list(seeds_corpus.articles["text"])
    texts += [t[: len(t) // 2] for t in texts] + ["武汉", "武汉市", "汉市"]
    hasher = ShingleHasher(alnum_only(t) for t in texts)
    assert hasher.exact
    all_shingles = set().union(*(shingles(t) for t in texts))
    all_hashes = set().union(*(hasher.hashes(alnum_only(t)).tolist() for t in texts))
    assert len(all_hashes) == len(all_shingles)
    for a in texts:
        for b in texts:
            assert _sorted_overlap(hasher.hashes(alnum_only(a)), hasher.hashes(alnum_only(b))) == similarity(a, b)


# ---------------------------------------------------------------- cache


def test_unchanged_corpus_is_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    folder = _copy_seeds(tmp_path / "seeds")
    first = read_corpus(folder)
    assert len(list((tmp_path / "cache" / "corpus").glob("*.json"))) == 5

    def fail(*args, **kwargs):
        raise AssertionError("article rebuilt although nothing changed")

    monkeypatch.setattr(corpus_module, "build_article", fail)
    second = read_corpus(folder)
    lists = ["warnings", "removed"]
    assert second.articles.drop(columns=lists).equals(first.articles.drop(columns=lists))
    assert list(second.articles["warnings"]) == list(first.articles["warnings"])


def test_changing_the_manual_entry_rebuilds_that_article(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    folder = _copy_seeds(tmp_path / "seeds")
    read_corpus(folder)
    rebuilt = []
    original = corpus_module.build_article

    def spy(raw, article_id, *args, **kwargs):
        rebuilt.append(article_id)
        return original(raw, article_id, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "build_article", spy)
    metadata = folder / "metadata.yaml"
    metadata.write_text(
        metadata.read_text(encoding="utf-8").replace("value: 2020-02-19", "value: 2020-02-20"), encoding="utf-8"
    )
    articles = read_corpus(folder).articles.set_index("id")
    assert rebuilt == ["004_6278d8098866ad15"]
    assert articles.loc["004_6278d8098866ad15", "published"] == "2020-02-20"


# ---------------------------------------------------------------- commands


def test_corpus_command_prints_one_json_object_per_article(capsys):
    code, out, err = _run(["corpus"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.strip().split("\n")]
    assert [r["city"] for r in records] == ["武汉", "白城", "全国", "北京", "孝感"]
    required = {"id", "path", "title", "source", "published", "published_provenance", "city", "city_en",
                "encoding", "n_chars", "text", "warnings"}
    for record in records:
        assert required <= set(record)
        assert record["n_chars"] == len(record["text"])
    assert "武汉" in out  # ensure_ascii=False: Chinese printed as is
    assert err == ""


def test_python_m_helpers_corpus_runs(tmp_path):
    env = {**os.environ, "HELPERS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "corpus"], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.strip().split("\n")]
    assert [(r["city"], r["published"]) for r in records] == [
        ("武汉", "2020-04-10"), ("白城", "2022-03-21"), ("全国", None), ("北京", "2022-05-20"), ("孝感", "2020-02-19"),
    ]


def test_check_seed_describes_a_new_article(tmp_path, capsys):
    new = tmp_path / "new_article.txt"
    new.write_bytes((SEEDS / "001_53418134698a61dc.txt").read_text(encoding="utf-8").encode("gb18030"))
    code, out, _ = _run(["check-seed", str(new)], capsys)
    assert code == 0
    assert "encoding:    gb18030" in out
    assert "title:       战疫,我们在一线!  [extracted]" in out
    assert "published:   2022-03-21  [extracted]" in out
    assert "city:        白城 (Baicheng)" in out
    assert "exact duplicate of 001_53418134698a61dc" in out


def test_check_seed_on_an_unrelated_article_finds_no_duplicate(tmp_path, capsys):
    new = tmp_path / "other.txt"
    new.write_text(
        "上海静安区社区开展核酸筛查\n静安区各街道组织居民有序排队,志愿者维持秩序。\n社区工作者挨家挨户通知,确保不漏一人。",
        encoding="utf-8",
    )
    code, out, _ = _run(["check-seed", str(new)], capsys)
    assert "city:        上海 (Shanghai)" in out
    assert "duplicate:   none" in out
    assert "no publication date found" in out


def test_check_seed_on_a_bad_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["check-seed", str(bad)])
    with pytest.raises(HelpersError, match=r"^empty\.txt: the build would skip this file: file is empty"):
        args.func(args)
