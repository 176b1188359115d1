"""Article warnings: made from templates, and given in Chinese in the Chinese reports."""

from __future__ import annotations

import re
import shutil

from helpers import paths, tables
from helpers.corpus import read_corpus
from helpers.messages import WARNINGS, in_language, parse, warning

SAMPLE = {"line": 8, "count": 2, "field": "published", "manual": "'2020-02-19'", "found": "'2020-02-18'",
          "label": "publication date", "file": "metadata.yaml", "national": "全国", "kind": "near",
          "other": "001_abc", "score": "0.93"}
# What may stay Latin in a Chinese warning: file names, ids, the replacement character's name.
_ALLOWED_LATIN = re.compile(r"gazetteer\.yaml|metadata\.yaml|U\+FFFD|\bcity\b|\d+_[0-9a-z_]+")


def _fields(name: str) -> dict[str, object]:
    return {key: SAMPLE[key] for key in re.findall(r"\{(\w+)\}", WARNINGS[name][0])}


def test_every_warning_reads_back_into_chinese_with_its_fields():
    for name in WARNINGS:
        english = warning(name, **_fields(name))
        assert parse(english) == (name, {key: str(value) for key, value in _fields(name).items()})
        chinese = in_language(english, "zh")
        assert in_language(english, "en") == english
        assert chinese != english, name
        assert not re.search("[A-Za-z]{3,}", _ALLOWED_LATIN.sub("", chinese)), chinese
        for key in ("line", "count", "other", "score", "national"):
            if key in _fields(name):
                assert str(SAMPLE[key]) in chinese, (name, key)


def test_english_words_in_fields_are_translated_too():
    assert in_language(warning("missing", label="source outlet", file="metadata.yaml"), "zh") == \
        "未找到来源媒体；如已知，请补充到 metadata.yaml"
    assert in_language(warning("duplicate", kind="exact", other="001_x", score="1.00"), "zh") == \
        "与 001_x 完全重复（相似度 1.00）"


def test_an_unknown_message_is_shown_as_it_is():
    assert in_language("something new happened", "zh") == "something new happened"


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
    (seeds / "902_damaged.txt").write_bytes(("居民" + body * 4).encode("utf-8") + b"\xff" + body.encode("utf-8"))
    # a manual title for an article whose text prints another one
    titled = next(path.stem for path in sorted(seeds.glob("*.txt")) if path.stem.startswith("001_"))
    with (seeds / "metadata.yaml").open("a", encoding="utf-8") as manual:
        manual.write(f"\n{titled}:\n  title:\n    value: 另一个标题\n    note: test\n")
    corpus = read_corpus(seeds, use_cache=False)
    found = [w for ws in corpus.articles["warnings"] for w in ws]
    kinds = set()
    for message in found:
        chinese = in_language(message, "zh")
        assert chinese != message, message
        kinds.add(parse(message)[0])
    assert kinds == set(WARNINGS), set(WARNINGS) - kinds
    html = tables.cleaning_table(corpus.articles, "zh").to_html()
    assert "duplicate of" not in html and "not known" not in html and "完全重复" in html
