"""Reading: encodings as newsrooms save them, and files that are not articles."""

from __future__ import annotations

import codecs

import pytest

from helpers import paths
from helpers.corpus.reading import decode_bytes, read_text
from helpers.errors import HelpersError
from helpers.schema import read_yaml

SEEDS = paths.seeds_dir()
TRADITIONAL = SEEDS / "000_df89324ac0933c04.txt"  # encodable in Big5 and GBK
SIMPLIFIED = SEEDS / "004_6278d8098866ad15.txt"
WITH_PINYIN = SEEDS / "003_4e5496108993cbe1.txt"  # tone-marked letters: GB18030/UTF only


def _utf8(path):
    return path.read_bytes().decode("utf-8")


def test_real_seeds_read_as_utf8():
    for path in sorted(SEEDS.glob("*.txt")):
        decoded = read_text(path)
        assert decoded.encoding == "utf-8"
        assert decoded.text == _utf8(path)


@pytest.mark.parametrize(
    ("seed", "codec", "expected"),
    [
        (SIMPLIFIED, "gb18030", {"gb18030"}),
        (TRADITIONAL, "gbk", {"gbk", "gb18030"}),
        (WITH_PINYIN, "gb18030", {"gb18030"}),
        (TRADITIONAL, "big5", {"big5", "cp950", "big5hkscs"}),
        (SIMPLIFIED, "utf-16", {"utf-16"}),
        (SIMPLIFIED, "utf-16-le", {"utf-16-le", "utf-16"}),
        (WITH_PINYIN, "utf-8-sig", {"utf-8-sig"}),
    ],
)
def test_encoding_variants_of_a_seed_give_the_same_text(tmp_path, seed, codec, expected):
    text = _utf8(seed)
    file = tmp_path / f"variant_{codec}.txt"
    raw = text.encode(codec)
    if codec == "utf-16-le":  # no BOM at all: detection has to work without one
        assert not raw.startswith(codecs.BOM_UTF16_LE)
    file.write_bytes(raw)
    decoded = read_text(file)
    assert decoded.encoding in expected
    assert decoded.text == text


def test_crlf_and_bom_are_normalised(tmp_path):
    text = _utf8(SIMPLIFIED)
    file = tmp_path / "windows.txt"
    file.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    decoded = read_text(file)
    assert "\r" not in decoded.text
    assert not decoded.text.startswith("\ufeff")
    assert decoded.text == text


def test_gb18030_with_crlf(tmp_path):
    text = _utf8(SIMPLIFIED)
    file = tmp_path / "gb_crlf.txt"
    file.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert read_text(file).text == text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "binary"),
        (b"Breaking news: the city council met on Tuesday to discuss budgets.\n" * 5, "no Chinese"),
    ],
)
def test_bad_files_raise_one_line_naming_the_file(tmp_path, content, reason):
    file = tmp_path / "bad_article.txt"
    file.write_bytes(content)
    with pytest.raises(HelpersError) as info:
        read_text(file)
    message = str(info.value)
    assert message.startswith("bad_article.txt: ")
    assert reason in message
    assert "\n" not in message


def test_decode_bytes_names_the_file_in_errors():
    with pytest.raises(HelpersError, match=r"^x\.txt: file is empty"):
        decode_bytes(b"", "x.txt")


def test_read_yaml_reports_the_line_of_a_syntax_error(tmp_path):
    file = tmp_path / "rules.yaml"
    file.write_text("lines:\n  - id: a\n    reason: [unclosed\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"rules\.yaml, line \d+: not valid YAML"):
        read_yaml(file)


def test_read_yaml_rejects_a_repeated_key_with_its_line(tmp_path):
    file = tmp_path / "g.yaml"
    file.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"g\.yaml, line 3: key 'a' appears twice"):
        read_yaml(file)


def test_read_yaml_maps_values_to_lines(tmp_path):
    file = tmp_path / "g.yaml"
    file.write_text("# comment\ncities:\n  武汉:\n    name_en: Wuhan\n", encoding="utf-8")
    data, lines = read_yaml(file)
    assert data == {"cities": {"武汉": {"name_en": "Wuhan"}}}
    assert lines[("cities", "武汉", "name_en")] == 4


def test_a_few_damaged_bytes_in_utf8_do_not_lose_the_file(tmp_path):
    text = _utf8(SIMPLIFIED)
    boundary = len(text[:100].encode("utf-8"))
    raw = text.encode("utf-8")
    # a stray byte between two characters, and a last character cut in half by the download
    damaged = raw[:boundary] + b"\xff" + raw[boundary:] + "。".encode()[:2]
    file = tmp_path / "damaged.txt"
    file.write_bytes(damaged)
    decoded = read_text(file)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 2
    assert decoded.text.replace("\ufffd", "") == text


def test_bytes_in_no_known_encoding_are_reported_as_such(tmp_path):
    file = tmp_path / "noise.txt"
    file.write_bytes(bytes(range(128, 256)) * 10)
    with pytest.raises(HelpersError, match=r"^noise\.txt: cannot tell the text encoding"):
        read_text(file)
