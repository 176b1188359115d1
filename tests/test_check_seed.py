"""``check-seed FILE``: what the system makes of one new article, now with the measures it mentions."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from helpers import paths
from helpers.analysis.codebook import load_codebook
from helpers.analysis.coding import code_sentences
from helpers.cli import main
from helpers.corpus import read_corpus
from helpers.corpus.limits import load_limits

SEEDS = paths.seeds_dir()
MEASURE_LINE = re.compile(r"^  (?P<id>[a-z_]+)\s+(?P<zh>\S.*?) / (?P<en>.+): (?P<hits>\d+)$")

# 核酸检测 in the headline and one sentence, 健康码 in one; no other codebook term.
SAMPLE = (
    "上海静安区社区开展核酸检测\n"
    "静安区各街道组织居民有序排队参加核酸检测。\n"
    "进入小区的人员须出示健康码。\n"
    "上海的社区工作者挨家挨户通知。\n"
)


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory, monkeypatch):
    """Cache in a temporary folder, never the project's."""
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def _check(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check-seed", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _measures(out: str) -> dict[str, tuple[str, str, int]]:
    """Measure lines of the output: id -> (Chinese name, English name, hits)."""
    block = out.split("measures:", 1)[1].splitlines()[1:]
    found = {}
    for line in block:
        match = MEASURE_LINE.match(line)
        assert match, f"not a measure line: {line!r}"
        found[match["id"]] = (match["zh"], match["en"], int(match["hits"]))
    return found


def test_check_seed_lists_the_measures_with_both_names_and_counts(tmp_path, capsys):
    new = tmp_path / "静安 社区.txt"
    new.write_text(SAMPLE, encoding="utf-8")
    code, out, _ = _check(capsys, str(new))
    assert code == 0
    codebook = load_codebook()
    found = _measures(out)
    # showing a health code to enter the compound is entry control too, and notifying residents door to door
    # is informing them (coding definitions)
    assert set(found) == {"nucleic_acid_testing", "health_code", "entry_control", "publicity"}
    assert found["nucleic_acid_testing"] == (
        codebook.name("nucleic_acid_testing", "zh"), codebook.name("nucleic_acid_testing", "en"), 2
    )  # the headline is the text's first line, so its mention counts
    assert found["health_code"][2] == 1
    assert "measures:    4 found" in out
    # The existing report is still there, before the measures.
    for label in ("file:", "encoding:    utf-8", "city:        上海 (Shanghai)", "duplicate:   none", "warnings:"):
        assert label in out.split("measures:")[0]
    assert "genre:       unknown  (no label, byline or dispatch line says; set genre in metadata.yaml" in out


def test_check_seed_prints_the_genre_and_what_decided_it(tmp_path, capsys):
    new = tmp_path / "report.txt"
    new.write_text("上海静安区社区开展核酸检测\n本报讯 " + SAMPLE.split("\n", 1)[1], encoding="utf-8")
    _, out, _ = _check(capsys, str(new))
    assert "genre:       news  [extracted: dispatch line 本报讯]" in out.splitlines()
    _, out, _ = _check(capsys, str(SEEDS / "000_df89324ac0933c04.txt"))
    assert "genre:       commentary  [manual]" in out.splitlines()
    _, out, _ = _check(capsys, str(SEEDS / "001_53418134698a61dc.txt"))
    assert "genre:       feature  [extracted: label 纪实 in the subtitle]" in out.splitlines()


def test_check_seed_on_a_real_seed_agrees_with_the_reports_coding(capsys):
    seed = SEEDS / "003_4e5496108993cbe1.txt"
    code, out, _ = _check(capsys, str(seed))
    assert code == 0
    corpus = read_corpus(SEEDS)
    sentences = corpus.sentences[corpus.sentences["id"] == seed.stem]
    expected = code_sentences(sentences, load_codebook())["measure"].value_counts()
    found = _measures(out)
    assert {k: v[2] for k, v in found.items()} == expected.to_dict()
    # In codebook order, as in the reports.
    ids = load_codebook().ids
    assert list(found) == [m for m in ids if m in found]


def test_check_seed_says_when_no_measure_is_mentioned(tmp_path, capsys):
    new = tmp_path / "weather.txt"
    new.write_text("北京今天晴转多云\n北京今天白天晴转多云，北风二三级，最高气温二十度。\n", encoding="utf-8")
    code, out, _ = _check(capsys, str(new))
    assert code == 0
    assert out.rstrip().endswith("measures:    none found")


def test_check_seed_refuses_a_file_over_the_size_limit_in_one_line(tmp_path, capsys):
    big = tmp_path / "dump.txt"
    big.write_bytes(SAMPLE.encode("utf-8") * (load_limits().max_article_bytes // len(SAMPLE.encode("utf-8")) + 1))
    code, out, err = _check(capsys, str(big))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: dump.txt: the build would skip this file: file is ")
    assert "max_article_bytes in limits.yaml" in err


def test_check_seed_in_a_seeds_folder_with_a_malformed_metadata_file_still_reports(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    manual = yaml.safe_load((seeds / "metadata.yaml").read_text(encoding="utf-8"))
    manual.setdefault("001_53418134698a61dc", {})["published"] = {"value": "spring 2022", "note": "a guess"}
    (seeds / "metadata.yaml").write_text(yaml.safe_dump(manual, allow_unicode=True), encoding="utf-8")
    code, out, _ = _check(capsys, str(seeds / "004_6278d8098866ad15.txt"), "--seeds", str(seeds))
    assert code == 0
    # The broken entry is named as a warning; the article's own manual date still applies.
    assert re.search(r"  - metadata\.yaml, line \d+: published must be a date", out)
    assert "published:   2020-02-19  [manual, on_or_after]" in out
    assert _measures(out)


def test_check_seed_on_a_missing_file_is_a_one_line_error(tmp_path, capsys):
    code, out, err = _check(capsys, str(tmp_path / "nothing.txt"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "nothing.txt: file not found" in err
