"""The text catalogue: every reader-facing string in both languages; warnings kept as codes and rendered once."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import catalogue, paths
from helpers.analysis.dates import _PART_OF_DAY
from helpers.catalogue import message, render, text
from helpers.corpus import read_corpus
from helpers.errors import HelpersError
from helpers.report import tables

SAMPLE = {"line": 8, "count": 2, "field": "published", "manual": "'2020-02-19'", "found": "'2020-02-18'",
          "label": "publication_date", "file": "metadata.yaml", "national": "全国", "kind": "near",
          "other": "001_abc", "score": "0.93", "date": "2031-02-10", "start": "2019-12-01", "end": "2025-12-31"}
# What may stay Latin in a Chinese warning: file names, ids, the replacement character's name.
_ALLOWED_LATIN = re.compile(r"gazetteer\.yaml|metadata\.yaml|limits\.yaml|U\+FFFD|NUL|\bcity\b|\d+_[0-9a-z_]+")
WARNINGS = [key for key in catalogue.keys() if key.startswith("warning.")]


def _fields(key: str) -> dict[str, object]:
    entry = catalogue._catalogue()[key]
    used = set(re.findall(r"\{(\w+)", entry["en"] + entry["zh"]))
    return {name: value for name, value in SAMPLE.items() if name in used}


def test_every_string_has_both_languages():
    for key in catalogue.keys():
        entry = catalogue._catalogue()[key]
        assert entry["zh"] and entry["en"], key


def test_every_warning_renders_in_chinese_without_english_words_and_keeps_its_values():
    assert len(WARNINGS) == 11
    for key in WARNINGS:
        stored = message(key, **_fields(key))
        chinese, english = render(stored, "zh"), render(stored, "en")
        assert chinese != english, key
        assert not re.search("[A-Za-z]{3,}", _ALLOWED_LATIN.sub("", chinese)), chinese
        for name in ("line", "count", "other", "score", "national", "date", "start", "end"):
            if name in stored["fields"]:
                assert str(SAMPLE[name]) in chinese and str(SAMPLE[name]) in english, (key, name)


def test_fields_that_name_things_are_translated_too():
    missing = message("warning.missing", label="source_outlet", file="metadata.yaml")
    assert render(missing, "zh") == "未找到来源媒体"
    assert render(missing, "en") == "no source outlet found"
    # The command line tells the analyst which file to edit; a reader's page does not.
    assert render(missing, "zh", analyst=True) == "未找到来源媒体；如已知，请补充到 metadata.yaml"
    assert render(missing, "en", analyst=True) == "no source outlet found; add it to metadata.yaml if known"
    duplicate = message("warning.duplicate", kind="exact", other="001_x", score="1.00")
    assert render(duplicate, "zh") == "与 001_x 完全重复（相似度 1.00）"
    assert render(duplicate, "en") == "exact duplicate of 001_x (similarity 1.00)"


def test_a_plain_string_is_shown_as_it_is_and_an_unknown_key_is_one_clear_line():
    assert render("something new happened", "zh") == "something new happened"
    with pytest.raises(HelpersError, match=r"^unknown text 'warning\.nope'; add it to catalogue\.yaml$"):
        message("warning.nope")
    with pytest.raises(HelpersError, match="unknown language 'fr'"):
        text("chart.city", "fr")


def test_every_part_of_day_the_dates_can_name_has_a_translation():
    parts = set(_PART_OF_DAY.split("|")) | {"晚"}  # 当晚 is read as 晚
    for part in parts:
        assert text(f"part_of_day.{part}", "zh") == part
        assert re.fullmatch(r"[a-z ]+", text(f"part_of_day.{part}", "en")), part


def test_every_kind_the_corpus_produces_is_translated(tmp_path):
    # One folder whose articles between them raise every kind of warning.
    seeds = tmp_path / "seeds"
    shutil.copytree(paths.seeds_dir(), seeds)
    first = sorted(seeds.glob("*.txt"))[0]
    shutil.copy(first, seeds / "900_exact_copy.txt")
    body = "社区工作人员在小区门口测量体温，登记进出人员信息。"
    (seeds / "901_oddities.txt").write_text(
        "\n".join([body * 3, f"防控工作?常态化推进{body}", f"志愿者ア上门{body}", f"PCR(jiǎn)检测{body}"]),
        encoding="utf-8")
    (seeds / "902_damaged.txt").write_bytes(("居民" + body * 4).encode("utf-8") + b"\xff" + body.encode("utf-8")
                                            + b"\x00" + body.encode("utf-8"))
    (seeds / "903_far_future.txt").write_text(f"人民日报 2031年02月10日 第 05 版\n{body * 3}", encoding="utf-8")
    # a manual title for an article whose text prints another one
    titled = next(path.stem for path in sorted(seeds.glob("*.txt")) if path.stem.startswith("001_"))
    with (seeds / "metadata.yaml").open("a", encoding="utf-8") as manual:
        manual.write(f"\n{titled}:\n  title:\n    value: 另一个标题\n    note: test\n")
    corpus = read_corpus(seeds, use_cache=False)
    found = [w for ws in corpus.articles["warnings"] for w in ws]
    assert {w["code"] for w in found} == set(WARNINGS)
    html = tables.cleaning_table(corpus.articles, "zh").to_html()
    assert "duplicate of" not in html and "not known" not in html and "完全重复" in html
    english = tables.cleaning_table(corpus.articles, "en").to_html()
    assert "exact duplicate of" in english and "完全重复" not in english
