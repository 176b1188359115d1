"""Headline findings: computed from the analysis, each with its n, its caveat and a link to its evidence."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.analysis import analyse
from helpers.publish.index_page import render_index
from helpers.publish.plan import CorpusSummary, index_findings, summarise_corpus
from helpers.report import findings
from test_comparison import CITIES, PER_CITY, write_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds_analysis():
    return {lang: analyse(ROOT / "seeds", lang) for lang in ("zh", "en")}


def test_the_most_described_measures_are_those_most_articles_describe(seeds_analysis):
    analysis = seeds_analysis["en"]
    described = analysis.presence.groupby("measure")["with_measure"].sum()
    top = described[described == described.max()].index
    first = findings.findings(analysis, "en")[0]
    n = len(analysis.articles)
    assert first.text.startswith(f"Described by the most articles (of {n} articles)")
    named = [m for m in analysis.codebook.ids
             if re.sub(r"\s*\(.*?\)", "", analysis.codebook.name(m, "en")).lower() in first.text]
    assert set(named) >= set(top[:findings.MAX_NAMED])
    assert f"({described.max()}/{n})" in first.text
    assert first.href("en") == "en/03_measures_comparison.html#presence"


def test_every_finding_has_its_caveat_and_a_link_to_a_section_that_exists(seeds_analysis):
    anchors = {}
    for stem in {page for page, _ in findings.ANCHORS.values()}:
        cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
        for lang in ("zh", "en"):
            text = "".join("".join(c["source"]) for c in cells
                           if c["cell_type"] == "markdown" and f"lang-{lang}" in c.get("metadata", {}).get("tags", []))
            anchors[(stem, lang)] = set(re.findall(r'<a id="([^"]+)"></a>', text))
    for lang, analysis in seeds_analysis.items():
        found = findings.findings(analysis, lang)
        assert len(found) >= 4
        for finding in found:
            assert finding.caveat and finding.text
            assert finding.anchor in anchors[(finding.page, lang)], (finding.page, finding.anchor, lang)


def test_with_one_article_per_city_the_comparison_finding_says_it_is_not_tested(seeds_analysis):
    texts = [f.text for f in findings.findings(seeds_analysis["en"], "en")]
    assert any(t.startswith("Differences between the 4 cities are not tested: a test needs at least 5 articles")
               for t in texts)
    assert not any("differ after correction" in t for t in texts)
    zh = [f.text for f in findings.findings(seeds_analysis["zh"], "zh")]
    assert any("没有做统计检验" in t for t in zh)


def test_with_enough_articles_the_finding_names_what_the_test_found(tmp_path):
    write_corpus(tmp_path / "seeds")
    analysis = analyse(tmp_path / "seeds", "en")
    comparison = analysis.compare_cities()
    assert comparison.tested
    differ = comparison.tests[comparison.tests["significant"].astype(bool)]
    texts = [f.text for f in findings.findings(analysis, "en")]
    tested = [t for t in texts if t.startswith("Tested across 3 cities")]
    assert tested and f"{len(differ)} of {len(comparison.tests)} measures differ" in tested[0]
    assert len(differ) >= 1  # the design makes testing differ by city
    first = texts[0]
    assert f"(of {len(CITIES) * PER_CITY} articles)" in first


def test_findings_change_when_the_seeds_do(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    before = findings.findings(analyse(seeds, "en"), "en")
    beijing = next(p for p in seeds.glob("*.txt") if "北京" in p.read_text(encoding="utf-8")[:200])
    beijing.unlink()
    after = findings.findings(analyse(seeds, "en"), "en")
    assert [f.text for f in before] != [f.text for f in after]


def test_the_corpus_paragraph_counts_each_city_and_the_national_piece(seeds_analysis):
    paragraph = findings.corpus_paragraph(seeds_analysis["en"], "en")
    assert paragraph.startswith("The corpus holds 5 articles: ")
    assert "1 national (not of one city)" in paragraph
    assert "全国" not in paragraph and "National" not in paragraph
    assert "The corpus" in findings.opening(seeds_analysis["en"], "en", "01_corpus_overview")


def test_every_report_opening_is_two_or_three_sentences_from_the_analysis(seeds_analysis):
    for lang, analysis in seeds_analysis.items():
        for report in ("03_measures_comparison", "04_timeline"):
            opening = findings.opening(analysis, lang, report)
            ends = opening.count("。") if lang == "zh" else len(re.findall(r"\.(?:\s|$)", opening))
            assert 1 <= ends <= 3, (report, opening)
        limited = findings.opening(analysis, lang, "04_timeline", ["北京"])
        assert limited != findings.opening(analysis, lang, "04_timeline")
    with pytest.raises(ValueError):
        findings.opening(seeds_analysis["en"], "en", "02_city_profile")


def test_the_index_shows_the_findings_in_both_languages_with_links():
    summary = summarise_corpus(ROOT / "seeds")
    page = render_index(summary, [], {}, None)
    soup = BeautifulSoup(page, "html.parser")
    for lang in ("zh", "en"):
        section = soup.find(id=f"findings-{lang}").parent
        links = [a["href"] for a in section.find_all("a")]
        assert len(links) == len(summary.findings[lang]["items"]) >= 4
        assert all(re.fullmatch(rf"{lang}/0\d_[a-z_]+\.html#[a-z]+", href) for href in links)
        assert summary.findings[lang]["closing"] in section.get_text()
    assert "build id" not in soup.get_text().lower() and "构建标识" not in soup.get_text()


def test_a_failure_in_the_findings_costs_the_findings_not_the_index(monkeypatch):
    import helpers.analysis

    def broken(*args, **kwargs):
        raise RuntimeError("codebook damaged")

    monkeypatch.setattr(helpers.analysis, "analyse", broken)
    found = index_findings(ROOT / "seeds")
    assert found == {"zh": {"error": "RuntimeError: codebook damaged"},
                     "en": {"error": "RuntimeError: codebook damaged"}}
    summary = CorpusSummary(cities=[], articles=[], skipped=[], findings=found)
    page = render_index(summary, [], {}, None)
    assert "The findings could not be computed: RuntimeError: codebook damaged" in page
    assert CorpusSummary.from_json(summary.to_json()).findings == found
