"""Adding a seed on the real notebooks: what it touches is rebuilt, the other cities' profiles are not.

A city profile's key is the digest of its own city's articles; these tests
check that the key tells the truth: the profile built from the city's
articles alone is byte for byte the one built from the whole corpus.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from helpers.corpus import read_corpus
from helpers.publish.build import build

pytestmark = pytest.mark.slow

CHANGSHA = (
    "长沙市岳麓区望月湖街道社区全力做好疫情防控\n\n"
    "2022年4月10日，长沙市岳麓区望月湖街道各社区开展全员核酸检测，社区工作人员和志愿者"
    "上门为居家隔离的居民送菜送药。网格员逐户排查返长人员，小区实行封闭管理，出入测温扫码。"
    "社区还为独居老人和残疾人开通了代购热线，居民在微信群里报名，志愿者当天送到。\n"
)


def _build(base: Path, seeds: Path, **kwargs):
    log: list[str] = []
    summary = build(seeds_dir=seeds, out_dir=base / "reports", build_dir=base / "build",
                    log=log.append, **kwargs)
    return summary


def test_a_new_citys_article_rebuilds_what_it_touches_and_leaves_other_profiles_alone(
    built_reports, tmp_path
):
    base = tmp_path / "project"
    for name in ("seeds", "reports", "build"):
        shutil.copytree(built_reports.seeds.parent / name, base / name)
    before = {p.relative_to(base / "reports").as_posix(): p.read_bytes()
              for p in (base / "reports").rglob("02_city_profile-*.html")}
    (base / "seeds" / "长沙 望月湖街道.txt").write_text(CHANGSHA, encoding="utf-8")

    summary = _build(base, base / "seeds")

    assert summary.failed == []
    new_profiles = {"zh/02_city_profile-changsha.html", "en/02_city_profile-changsha.html"}
    corpus_wide = {f"{lang}/{stem}.html" for lang in ("zh", "en")
                   for stem in ("01_corpus_overview", "03_measures_comparison", "04_timeline", "05_methods")}
    assert set(summary.built) == new_profiles | corpus_wide
    assert set(summary.unchanged) == set(before)
    for relpath, data in before.items():
        assert (base / "reports" / relpath).read_bytes() == data, relpath
    overview = (base / "reports" / "en" / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "Changsha" in overview


def test_a_profile_built_from_its_citys_articles_alone_is_the_same_page(built_reports, tmp_path):
    """The profile's key leaves out the other cities' articles; so must its content."""
    articles = read_corpus(built_reports.seeds).articles
    wuhan_files = set(articles.loc[articles["city"] == "武汉", "path"])
    assert wuhan_files and len(wuhan_files) < len(articles)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in built_reports.seeds.iterdir():
        if path.name in wuhan_files or not path.name.endswith(".txt"):
            shutil.copy(path, seeds / path.name)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "02_city_profile.ipynb", notebooks)

    summary = _build(tmp_path, seeds, notebooks_dir=notebooks)

    assert summary.failed == [] and len(summary.built) == 2
    for relpath in ("zh/02_city_profile-wuhan.html", "en/02_city_profile-wuhan.html"):
        alone = (tmp_path / "reports" / relpath).read_bytes()
        assert alone == (built_reports.reports / relpath).read_bytes(), relpath
