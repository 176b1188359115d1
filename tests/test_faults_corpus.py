"""Fault injection, the corpus half: one bad seed never blocks the others, and no input is ignored in silence.

Each test builds a small seeds folder in ``tmp_path``, breaks one thing in
it the way a user or a scraper would, and checks that the rest of the corpus
is read and that the broken thing is named, in one line, with its reason:
as a row of the ``skipped`` table, as an article warning, or in
``python -m helpers check-seed``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
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
        "line 1: anchors and aliases (&name, *name) are not allowed in a data file; "
        "fix: write the value out in full wherever it is needed; all manual metadata is ignored until it is fixed",
    ]]


@pytest.mark.parametrize(("text", "line"), [
    ("title: &t 标题\nsource: *t\n", 1),  # a harmless alias is refused as well: data files need none
    ("a: 1\nb:\n  <<: *base\n", 3),  # an alias to an anchor that does not exist
    ("a: [1, 2]\nb: &x\n  - 3\n", 2),  # an anchor nothing refers to
])
def test_data_files_refuse_anchors_and_aliases_naming_the_line(tmp_path, text, line):
    file = tmp_path / "gazetteer.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(HelpersError) as info:
        schema.read_yaml(file)
    assert str(info.value) == (f"gazetteer.yaml, line {line}: anchors and aliases (&name, *name) are not allowed "
                               "in a data file; fix: write the value out in full wherever it is needed")


def test_an_asterisk_or_ampersand_in_text_is_no_alias(tmp_path):
    file = tmp_path / "catalogue.yaml"
    file.write_text("a: '*注* 与 & 号'\nb: 'R&D *'\n", encoding="utf-8")
    assert schema.read_yaml(file)[0] == {"a": "*注* 与 & 号", "b": "R&D *"}


# --------------------------------------------------------------------------- 3. nothing ignored in silence


@pytest.mark.parametrize("date", ["2031-02-10", "1999-02-10"])
def test_a_publication_date_outside_the_corpus_range_is_an_article_warning(tmp_path, capsys, date):
    year, month, day = (int(part) for part in date.split("-"))
    seeds = _seeds(tmp_path, **{"001_wuhan": WUHAN.replace("2020年02月10日", f"{year}年{month:02d}月{day:02d}日")})
    article = read_corpus(seeds).articles.iloc[0]
    assert article["published"] == date  # kept as the text gives it
    expected = (f"publication date {date} is outside the corpus's range 2019-12-01 to 2025-12-31 (limits.yaml); "
                "check the date and correct it in metadata.yaml if it is wrong, or widen the range in limits.yaml")
    assert [render(warning, "en") for warning in article["warnings"]] == [expected]
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
