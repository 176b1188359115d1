"""Fault injection, the corpus half: one bad seed never blocks the others, and no input is ignored in silence.

Each test builds a small seeds folder in ``tmp_path``, breaks one thing in
it the way a user or a scraper would, and checks that the rest of the corpus
is read and that the broken thing is named, in one line, with its reason:
as a row of the ``skipped`` table, as an article warning, or in
``python -m helpers check-seed``.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import helpers
from helpers import schema
from helpers.catalogue import render
from helpers.cli import main
from helpers.corpus import read_corpus
from helpers.corpus.cleaning import remove_pinyin
from helpers.corpus.limits import check_published, load_limits
from helpers.errors import HelpersError

# Two short articles of our own: a city of the gazetteer each, a dated page header (the publication date).
WUHAN = (
    "武汉社区筑牢疫情防线\n"
    "长江日报 2020年02月10日 第 03 版\n"
    "武汉市江汉区的社区工作人员逐户排查，组织居民有序开展核酸检测。\n"
    "社区志愿者在小区门口测量体温、查验通行证，并为居家隔离的老人送去生活物资。\n"
)
BEIJING = (
    "北京社区志愿者守好小区门\n"
    "北京日报 2022年05月01日 第 02 版\n"
    "北京市朝阳区望京街道的社区志愿者在小区门口值守，为进出居民测量体温。\n"
    "北京的社区工作者还为独居老人送菜上门，并开展环境消杀。\n"
)


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Cache in a temporary folder, never the project's."""
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))


def _seeds(tmp_path: Path, **articles: str) -> Path:
    """A seeds folder holding ``{id}.txt`` for each keyword (default: the two articles above)."""
    folder = tmp_path / "seeds"
    folder.mkdir(parents=True)
    for article_id, text in (articles or {"001_wuhan": WUHAN, "002_beijing": BEIJING}).items():
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return folder


def _skipped(corpus) -> dict[str, str]:
    return dict(zip(corpus.skipped["file"], corpus.skipped["reason"]))


def _check_seed(capsys, *argv: object) -> tuple[int, str, str]:
    code = main(["check-seed", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------------- 1. YAML alias bomb

# "Billion laughs": nine lines, 9**9 strings once every alias is followed.
ALIAS_BOMB = textwrap.dedent("""\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
""")

# Run in a child process with a time and memory cap: unfixed, the bomb would take the test run down with it.
_READ_IN_CHILD = """
import json, sys, time
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, resource.getrlimit(resource.RLIMIT_AS)[1]))
except (ImportError, ValueError, OSError):  # no such limit here: the timeout still applies
    pass
from helpers.corpus import read_corpus
from helpers.corpus.manual import load_manual_metadata
seeds = sys.argv[1]
start = time.perf_counter()
problems = []
load_manual_metadata(seeds + "/metadata.yaml", problems=problems)
manual_seconds = time.perf_counter() - start
corpus = read_corpus(seeds)
print(json.dumps({"manual_seconds": manual_seconds, "ids": list(corpus.articles["id"]),
                  "skipped": corpus.skipped.values.tolist()}))
"""


def test_an_alias_bomb_in_metadata_yaml_is_one_skipped_row_and_the_corpus_is_read(tmp_path):
    seeds = _seeds(tmp_path)
    (seeds / "metadata.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(helpers.__file__).parents[1])}
    try:
        child = subprocess.run([sys.executable, "-c", _READ_IN_CHILD, str(seeds)], capture_output=True, text=True,
                               timeout=60, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a 9-line metadata.yaml did not finish in a minute")
    assert child.returncode == 0, child.stderr[-2000:]
    result = json.loads(child.stdout)
    # Refused before anything is expanded: well under a second.
    assert result["manual_seconds"] < 0.5
    assert result["ids"] == ["001_wuhan", "002_beijing"]
    assert result["skipped"] == [[
        "metadata.yaml",
        "line 1: anchors and aliases (&name, *name) expand the file beyond 200,000 values; "
        "fix: write the repeated values out, or alias only plain lists; all manual metadata is ignored until it is fixed",
    ]]


def test_a_list_written_once_and_reused_through_an_alias_is_read(tmp_path):
    file = tmp_path / "codebook.yaml"
    file.write_text("gates: &gates [门口, 卡口]\nnear: *gates\n", encoding="utf-8")
    data, lines = schema.read_yaml(file)
    assert data == {"gates": ["门口", "卡口"], "near": ["门口", "卡口"]} and lines[("near", 1)] == 1


def test_an_alias_to_no_anchor_is_one_line_naming_it(tmp_path):
    file = tmp_path / "gazetteer.yaml"
    file.write_text("a: 1\nb:\n  <<: *base\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"^gazetteer\.yaml, line 3: not valid YAML \(.*\); fix: "):
        schema.read_yaml(file)


def test_an_asterisk_or_ampersand_in_text_is_no_alias(tmp_path):
    file = tmp_path / "catalogue.yaml"
    file.write_text("a: '*注* 与 & 号'\nb: 'R&D *'\n", encoding="utf-8")
    assert schema.read_yaml(file)[0] == {"a": "*注* 与 & 号", "b": "R&D *"}


# --------------------------------------------------------------------------- 2. an unreadable seed


def _unreadable(monkeypatch, name: str) -> None:
    """Opening the file ``name`` fails as it does without read permission.

    (chmod 000 would not do: tests may run as root, who reads anything.)
    """
    real_open = Path.open

    def open_or_refuse(self, *args, **kwargs):
        if self.name == name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_or_refuse)


def test_an_unreadable_seed_is_one_skipped_row_and_the_rest_is_read(tmp_path, monkeypatch):
    seeds = _seeds(tmp_path)
    _unreadable(monkeypatch, "002_beijing.txt")
    corpus = read_corpus(seeds)
    assert list(corpus.articles["id"]) == ["001_wuhan"]
    assert _skipped(corpus) == {
        "002_beijing.txt": "cannot read it (Permission denied); make the file readable (chmod a+r) or remove it"
    }


def test_check_seed_on_an_unreadable_file_is_one_line_saying_the_build_would_skip_it(tmp_path, monkeypatch, capsys):
    seeds = _seeds(tmp_path)
    _unreadable(monkeypatch, "002_beijing.txt")
    code, out, err = _check_seed(capsys, seeds / "002_beijing.txt", "--seeds", str(seeds))
    assert (code, out) == (2, "")
    assert err == ("error: 002_beijing.txt: the build would skip this file: cannot read it (Permission denied); "
                   "make the file readable (chmod a+r) or remove it\n")


def test_an_unreadable_metadata_yaml_is_one_skipped_row(tmp_path, monkeypatch):
    seeds = _seeds(tmp_path)
    (seeds / "metadata.yaml").write_text("001_wuhan:\n  city:\n    value: 武汉\n    note: test\n", encoding="utf-8")
    _unreadable(monkeypatch, "metadata.yaml")
    corpus = read_corpus(seeds)
    assert list(corpus.articles["id"]) == ["001_wuhan", "002_beijing"]
    assert _skipped(corpus) == {"metadata.yaml": "line 1: cannot be read (Permission denied); "
                                                 "fix: make it a readable text file; all manual metadata is ignored "
                                                 "until it is fixed"}


# --------------------------------------------------------------------------- 3. nothing ignored in silence


def _symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except (OSError, NotImplementedError):
        pytest.skip("this system does not let the tests make symbolic links")


FOLDER_REASON = ("whose files are not read (only files directly in the seeds folder are articles); "
                 "move its articles into the seeds folder, or the folder out of it")


def test_a_subfolder_and_a_link_to_a_folder_are_skipped_rows(tmp_path, capsys):
    seeds = _seeds(tmp_path)
    (seeds / "batch2").mkdir()
    (seeds / "batch2" / "003_wuhan.txt").write_text(WUHAN, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    _symlink(seeds / "more", tmp_path / "elsewhere")
    corpus = read_corpus(seeds)
    assert list(corpus.articles["id"]) == ["001_wuhan", "002_beijing"]
    assert _skipped(corpus) == {"batch2": f"a folder, {FOLDER_REASON}", "more": f"a link to a folder, {FOLDER_REASON}"}
    code, out, err = _check_seed(capsys, seeds / "batch2", "--seeds", seeds)
    assert (code, out, err) == (2, "", f"error: batch2: the build would skip this file: a folder, {FOLDER_REASON}\n")


def test_a_dangling_link_is_a_skipped_row_naming_its_target(tmp_path, capsys):
    seeds = _seeds(tmp_path)
    _symlink(seeds / "003_gone.txt", tmp_path / "moved_away.txt")
    corpus = read_corpus(seeds)
    reason = f"a link to {tmp_path / 'moved_away.txt'}, which does not exist; point the link at the article file or remove it"
    assert _skipped(corpus) == {"003_gone.txt": reason}
    assert len(corpus.articles) == 2
    code, out, err = _check_seed(capsys, seeds / "003_gone.txt", "--seeds", seeds)
    assert (code, out, err) == (2, "", f"error: 003_gone.txt: the build would skip this file: {reason}\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_a_skipped_row_and_is_never_opened(tmp_path):
    seeds = _seeds(tmp_path)
    os.mkfifo(seeds / "003_pipe.txt")  # opening it to read would wait for a writer forever
    corpus = read_corpus(seeds)
    assert _skipped(corpus) == {
        "003_pipe.txt": "not a regular file (a pipe, socket or device); replace it with the article's text file"
    }


def test_two_files_with_one_id_read_the_lower_case_txt_and_skip_the_other(tmp_path, capsys):
    seeds = _seeds(tmp_path, **{"001_wuhan": WUHAN})
    (seeds / "001_wuhan.TXT").write_text(BEIJING, encoding="utf-8")  # sorts before 001_wuhan.txt
    (seeds / "002_x.Txt").write_text(BEIJING, encoding="utf-8")
    (seeds / "002_x.TXT").write_text(WUHAN, encoding="utf-8")
    corpus = read_corpus(seeds)
    assert list(corpus.articles["path"]) == ["001_wuhan.txt", "002_x.TXT"]  # else the first name by code point
    assert corpus.articles["city"].tolist() == ["武汉", "武汉"]
    rule = "(001_wuhan.txt first, else the first name in code-point order); remove one of the two or rename it"
    assert _skipped(corpus) == {
        "001_wuhan.TXT": f"same article id '001_wuhan' as 001_wuhan.txt, which is read instead {rule}",
        "002_x.Txt": f"same article id '002_x' as 002_x.TXT, which is read instead {rule.replace('001_wuhan', '002_x')}",
    }
    code, out, err = _check_seed(capsys, seeds / "001_wuhan.TXT", "--seeds", seeds)
    assert code == 2 and out == ""
    assert err.startswith("error: 001_wuhan.TXT: the build would skip this file: same article id '001_wuhan' as "
                          "001_wuhan.txt, which is read instead")
    assert _check_seed(capsys, seeds / "001_wuhan.txt", "--seeds", seeds)[0] == 0


ORPHAN = "003_gone:\n  city:\n    value: 北京\n    note: test\n"


def test_a_metadata_entry_for_no_article_is_a_skipped_row_and_a_check_seed_warning(tmp_path, capsys):
    seeds = _seeds(tmp_path)
    (seeds / "metadata.yaml").write_text("# manual metadata\n001_wuhan:\n  source:\n    value: 长江日报\n"
                                         "    note: test\n" + ORPHAN, encoding="utf-8")
    corpus = read_corpus(seeds)
    problem = ("line 6: no article '003_gone' in the seeds folder (no file 003_gone.txt); fix: correct the id "
               "(the article's file name without .txt) or remove the entry; until then it is ignored")
    assert _skipped(corpus) == {"metadata.yaml": problem}
    assert corpus.articles.set_index("id").loc["001_wuhan", "source"] == "长江日报"  # the rest still applies
    code, out, _ = _check_seed(capsys, seeds / "001_wuhan.txt", "--seeds", seeds)
    assert code == 0
    assert f"  - metadata.yaml, {problem}\n" in out


@pytest.mark.parametrize("date", ["2031-02-10", "1999-02-10"])
def test_a_publication_date_outside_the_corpus_range_is_an_article_warning(tmp_path, capsys, date):
    year, month, day = (int(part) for part in date.split("-"))
    seeds = _seeds(tmp_path, **{"001_wuhan": WUHAN.replace("2020年02月10日", f"{year}年{month:02d}月{day:02d}日")})
    article = read_corpus(seeds).articles.iloc[0]
    assert article["published"] == date  # kept as the text gives it
    expected = (f"publication date {date} is outside the corpus's range 2019-12-01 to 2025-12-31 (limits.yaml); "
                "check the date and correct it in metadata.yaml if it is wrong, or widen the range in limits.yaml")
    assert [render(warning, "en", analyst=True) for warning in article["warnings"]] == [expected]
    assert [render(warning, "en") for warning in article["warnings"]] == [
        f"publication date {date} lies outside the period the corpus covers (2019-12-01 to 2025-12-31)"]
    code, out, _ = _check_seed(capsys, seeds / "001_wuhan.txt", "--seeds", seeds)
    assert code == 0 and f"  - {expected}\n" in out


def test_a_manual_date_outside_the_range_is_warned_about_too(tmp_path):
    seeds = _seeds(tmp_path)
    (seeds / "metadata.yaml").write_text("002_beijing:\n  published:\n    value: 2032-05-01\n    note: typo\n",
                                         encoding="utf-8")
    article = read_corpus(seeds).articles.set_index("id").loc["002_beijing"]
    assert "warning.published_out_of_range" in [warning["code"] for warning in article["warnings"]]


def test_the_date_range_is_a_setting_of_limits_yaml(tmp_path):
    file = tmp_path / "limits.yaml"
    file.write_text("max_article_bytes: 1000000\npublished_from: 2030-01-01\npublished_to: 2031-12-31\n",
                    encoding="utf-8")
    limits = load_limits(file)
    assert (limits.published_from, limits.published_to) == (dt.date(2030, 1, 1), dt.date(2031, 12, 31))
    assert check_published("2031-02-10", limits) is None
    assert check_published("2020-02-10", limits)["code"] == "warning.published_out_of_range"
    # the shipped range, and the defaults when the keys are left out
    assert (load_limits().published_from, load_limits().published_to) == (dt.date(2019, 12, 1), dt.date(2025, 12, 31))
    file.write_text("max_article_bytes: 1000000\n", encoding="utf-8")
    assert load_limits(file).published_to == dt.date(2025, 12, 31)
    file.write_text("max_article_bytes: 1000000\npublished_from: 2026-01-01\npublished_to: 2020-01-01\n",
                    encoding="utf-8")
    with pytest.raises(HelpersError, match=r"^limits\.yaml, line 2: published_from 2026-01-01 is after "
                                           r"published_to 2020-01-01; fix: swap the two dates$"):
        load_limits(file)


# --------------------------------------------------------------------------- 4. stray NULs and controls


def _long_article() -> str:
    """About 12 KB of UTF-8 Chinese: the headline and dated header of WUHAN, then its body many times."""
    head, header, *body = WUHAN.splitlines()
    return "\n".join([head, header, *(body * 60)]) + "\n"


@pytest.mark.parametrize(("stray", "count"), [("\x00", 1), ("\x00\x00\x07", 3), ("\x1b[31m", 1)])
def test_a_few_stray_control_characters_are_removed_with_a_warning_not_the_article(tmp_path, stray, count):
    text = _long_article()
    assert len(text.encode("utf-8")) > 12_000
    middle = text.index("组织居民")
    seeds = _seeds(tmp_path, **{"001_wuhan": text[:middle] + stray + text[middle:]})
    corpus = read_corpus(seeds)
    assert corpus.skipped.empty
    article = corpus.articles.iloc[0]
    clean = read_corpus(_seeds(tmp_path / "clean", **{"001_wuhan": text})).articles.iloc[0]
    assert article["text"] == clean["text"].replace("组织居民", stray.lstrip("\x00\x07\x1b") + "组织居民", 1)
    assert article["warnings"][0] == {"code": "warning.control_characters", "fields": {"count": count}}
    assert render(article["warnings"][0], "en") == f"{count} control character(s) (NUL bytes and the like, not text) removed"


def test_stray_nuls_in_a_gb18030_article_are_removed_too(tmp_path):
    text = _long_article()
    seeds = _seeds(tmp_path, **{"001_wuhan": ""})
    (seeds / "001_wuhan.txt").write_bytes(text[:50].encode("gb18030") + b"\x00" + text[50:].encode("gb18030"))
    article = read_corpus(seeds).articles.iloc[0]
    assert article["encoding"] == "gb18030"
    assert article["warnings"][0]["code"] == "warning.control_characters"


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + "社区核酸检测".encode() * 300,  # an image
    b"PK\x03\x04\x14\x00\x06\x00" + "社区核酸检测".encode() * 300,  # a .docx (zip) renamed .txt
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "社区核酸检测".encode() * 300,  # an old .doc
    b"%PDF-1.7\n" + "社区核酸检测".encode() * 300,  # a PDF
    "社区核酸检测\n".encode() * 30 + b"\x00" * 200,  # text with a block of NULs: more than a few
])
def test_real_binaries_are_still_refused(tmp_path, content):
    seeds = _seeds(tmp_path)
    (seeds / "003_binary.txt").write_bytes(content)
    corpus = read_corpus(seeds)
    assert _skipped(corpus) == {"003_binary.txt": "binary file, not text; remove it or export the article as plain text"}
    assert len(corpus.articles) == 2


# --------------------------------------------------------------------------- 5. pinyin after words


@pytest.mark.parametrize(("text", "expected"), [
    ("城乡社区(shè qū)工作者坚守岗位", "城乡社区工作者坚守岗位"),
    ("做好疫情防控（fáng kòng）工作", "做好疫情防控工作"),
    ("做好疫情防控(fángkòng)工作", "做好疫情防控工作"),  # joined
    ("古城西安(Xī'ān)的志愿者", "古城西安的志愿者"),  # a capital, an apostrophe
    ("全体居民(jū mín)参加核酸(hé suān)检测(jiǎn cè)", "全体居民参加核酸检测"),
    ("社區(qū)工作者(gōng zuò zhě)", "社區工作者"),  # one and three syllables
])
def test_pinyin_of_n_syllables_after_n_han_characters_is_removed(text, expected):
    assert remove_pinyin(text) == (expected, text.count("(") + text.count("（"))


@pytest.mark.parametrize("text", [
    "开展核酸检测(PCR)筛查",
    "孝感市直驻主城区(孝南区、市高新区)80个社区",
    "全力以赴坚决打赢疫情防控阻击战。(通讯员张灿)",
    "社区工作者(community workers)守在门口",  # English words
    "居民们在咖啡馆(café)门口排队",  # a French word with an accent
    "第3区(qū yù)",  # two syllables after one Han character
    "城乡(chéng xiāng shè qū)",  # four syllables after two
    "这里的(de)工作",  # no tone mark
    "社区(shè qu)工作",  # a syllable without its tone mark
])
def test_what_is_not_pinyin_after_as_many_characters_is_left_alone(text):
    assert remove_pinyin(text) == (text, 0)


def test_an_article_with_word_annotations_loses_them_and_counts_them(tmp_path):
    annotated = WUHAN.replace("社区工作人员", "社区(shè qū)工作人员").replace("核酸检测", "核酸检测（hé suān jiǎn cè）")
    article = read_corpus(_seeds(tmp_path, **{"001_wuhan": annotated})).articles.iloc[0]
    assert "(" not in article["text"] and "（" not in article["text"]
    assert "社区工作人员" in article["text"] and article["pinyin_removed"] == 2


# --------------------------------------------------------------------------- 6. check-seed


def test_check_seed_says_the_build_would_skip_an_html_file_and_exits_non_zero(tmp_path, capsys):
    seeds = _seeds(tmp_path)
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><p>{BEIJING}</p></body></html>", encoding="utf-8")
    code, out, err = _check_seed(capsys, page, "--seeds", seeds)
    assert (code, out) == (2, "")
    assert err == ("error: page.html: the build would skip this file: not a .txt article file; "
                   "rename it to include it\n")


def test_check_seed_says_why_the_build_would_skip_a_file_it_reads_but_refuses(tmp_path, capsys):
    seeds = _seeds(tmp_path)
    english = tmp_path / "english.txt"
    english.write_text("The council met on Tuesday to discuss the budget.\n" * 4, encoding="utf-8")
    code, out, err = _check_seed(capsys, english, "--seeds", seeds)
    assert (code, out) == (2, "")
    assert err.startswith("error: english.txt: the build would skip this file: no Chinese text found")
    assert err.count("\n") == 1


def test_check_seed_shows_control_characters_of_a_title_escaped_never_raw(tmp_path, capsys):
    # A C1 control (U+009B, the 8-bit start of an ANSI sequence) in the file's headline,
    # and an ESC sequence in a manual source (YAML's "\e").
    seeds = _seeds(tmp_path, **{"001_wuhan": WUHAN.replace("武汉社区筑牢疫情防线", "武汉社区\u009b2J筑牢疫情防线")})
    (seeds / "metadata.yaml").write_text(
        '001_wuhan:\n  source:\n    value: "\\e[31m长江日报\\e[0m"\n    note: test\n', encoding="utf-8")
    code, out, _ = _check_seed(capsys, seeds / "001_wuhan.txt", "--seeds", seeds)
    assert code == 0
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)  # nothing a terminal would act on
    assert "title:       武汉社区\\x9b2J筑牢疫情防线  [extracted]\n" in out
    assert "source:      \\x1b[31m长江日报\\x1b[0m  [manual]\n" in out


def test_check_seed_strict_exits_1_on_a_warning_or_a_duplicate_and_0_on_a_clean_article(tmp_path, capsys):
    seeds = _seeds(tmp_path)
    assert _check_seed(capsys, seeds / "001_wuhan.txt", "--seeds", seeds, "--strict")[0] == 0
    undated = tmp_path / "undated.txt"
    undated.write_text(WUHAN.replace("长江日报 2020年02月10日 第 03 版\n", ""), encoding="utf-8")
    code, out, _ = _check_seed(capsys, undated, "--seeds", seeds)
    assert code == 0 and "  - no publication date found" in out  # a warning: fine without --strict
    assert _check_seed(capsys, undated, "--seeds", seeds, "--strict")[0] == 1
    copy = tmp_path / "copy.txt"
    copy.write_text(BEIJING, encoding="utf-8")
    code, out, _ = _check_seed(capsys, copy, "--seeds", seeds, "--strict")
    assert code == 1 and "duplicate:   exact duplicate of 002_beijing" in out and "warnings:    none" in out
    # a problem of metadata.yaml is a warning too
    (seeds / "metadata.yaml").write_text(ORPHAN, encoding="utf-8")
    assert _check_seed(capsys, seeds / "001_wuhan.txt", "--seeds", seeds, "--strict")[0] == 1
