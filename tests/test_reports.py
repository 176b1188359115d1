"""The reports built from the real seeds: what a reader opens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.analysis.codebook import load_codebook
from helpers.corpus import read_corpus

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _pages(reports: Path) -> dict[str, str]:
    return {p.relative_to(reports).as_posix(): p.read_text(encoding="utf-8") for p in reports.rglob("*.html")}


def test_every_report_builds_without_failure(built_reports):
    assert built_reports.summary.failed == [], built_reports.summary.failed
    assert any(line.startswith("built ") for line in built_reports.log)  # the summary line


def test_every_city_has_a_profile_in_both_languages_and_the_index_links_them_all(built_reports):
    articles = read_corpus(built_reports.seeds).articles
    pages = _pages(built_reports.reports)
    index = pages.pop("index.html")
    for city, city_en in dict(zip(articles["city"], articles["city_en"])).items():
        slug = re.sub(r"[^a-z0-9]+", "-", city_en.lower()).strip("-")
        for lang, name in (("zh", city), ("en", city_en)):
            relpath = f"{lang}/02_city_profile-{slug}.html"
            assert relpath in pages, f"no {lang} profile for {city}"
            assert name in pages[relpath]
    for relpath in pages:
        assert f'href="{relpath}"' in index, f"index does not link {relpath}"
    for stem in ("01_corpus_overview", "03_measures_comparison", "04_timeline"):
        assert f"zh/{stem}.html" in pages and f"en/{stem}.html" in pages


def test_measure_and_city_names_appear_in_the_report_language(built_reports):
    codebook = load_codebook()
    zh = (built_reports.reports / "zh" / "03_measures_comparison.html").read_text(encoding="utf-8")
    en = (built_reports.reports / "en" / "03_measures_comparison.html").read_text(encoding="utf-8")
    for measure in codebook.ids:
        assert codebook.name(measure, "zh") in zh
        assert codebook.name(measure, "en") in en
    for zh_name, en_name in (("武汉", "Wuhan"), ("白城", "Baicheng"), ("北京", "Beijing"), ("孝感", "Xiaogan")):
        assert zh_name in zh and en_name in en


def test_reports_are_self_contained_without_code_or_machine_paths(built_reports):
    for relpath, page in _pages(built_reports.reports).items():
        size = (built_reports.reports / relpath).stat().st_size
        assert size < 5_000_000, f"{relpath} is {size} bytes"
        assert not re.search(r"<(script|img|link)[^>]+(src|href)=\"https?://", page), relpath
        assert str(built_reports.seeds.parent) not in page and "/work/" not in page, relpath
        if relpath == "index.html":
            continue
        assert 'class="report-failure"' not in page, relpath
        assert not re.search(r'class="[^"]*jp-InputArea-editor', page), f"code cell shown in {relpath}"
        assert "from helpers" not in page and "analyse(" not in page, f"code shown in {relpath}"
        assert 'class="report-toc"' in page and "<li" in page.split('class="report-toc"')[1][:200]
    profile = (built_reports.reports / "zh" / "02_city_profile-baicheng.html").read_text(encoding="utf-8")
    charts = re.findall(r'<svg [^>]*class="report-chart"', profile)
    assert len(charts) >= 4  # profile, keyness bars, two word clouds (+ timeline), inline
    assert "<img" not in profile  # every chart is SVG; a word cloud's picture sits inside its SVG


def test_table_of_contents_links_point_at_headings(built_reports):
    page = (built_reports.reports / "en" / "03_measures_comparison.html").read_text(encoding="utf-8")
    toc = page.split('class="report-toc"')[1].split("</nav>")[0]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert len(anchors) >= 5
    for anchor in anchors:
        assert f'id="{anchor}"' in page


def test_evidence_appendix_links_every_count_to_its_quotes(built_reports):
    page = (built_reports.reports / "zh" / "03_measures_comparison.html").read_text(encoding="utf-8")
    targets = re.findall(r'<td><a href="#(ev-[^"]+)">(\d+)</a></td>', page)
    assert targets
    for anchor, count in targets:
        section = page.split(f'id="{anchor}"', 1)[1].split("</ol>", 1)[0]
        assert section.count("<li>") == int(count)


def _font_cmaps(page: str) -> dict[str, set[int]]:
    """The code points of each font a page embeds, by family."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    faces = re.findall(r'@font-face\{font-family:"([^"]+)";src:url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)', page)
    return {family: set(TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()) for family, data in faces}


def test_chart_labels_are_drawn_by_the_fonts_the_page_embeds(built_reports):
    from bs4 import BeautifulSoup

    from helpers.report.svg import FONT_STACK, LATIN_FONT_FAMILY, PAGE_FONT_FAMILY

    checked = 0
    for relpath, page in _pages(built_reports.reports).items():
        soup = BeautifulSoup(page, "html.parser")
        charts = soup.find_all("svg", class_="report-chart")
        if not charts:
            continue
        cmaps = _font_cmaps(page)
        assert set(cmaps) == {PAGE_FONT_FAMILY, LATIN_FONT_FAMILY}, relpath
        drawn = cmaps[PAGE_FONT_FAMILY] | cmaps[LATIN_FONT_FAMILY]
        for chart in charts:
            assert FONT_STACK in chart["style"], relpath
            labels = "".join(t.get_text() for t in chart.find_all("text"))
            missing = {ch for ch in labels if not ch.isspace() and ord(ch) not in drawn}
            assert not missing, (relpath, missing)
            checked += 1
        # Several charts on one page, and not one id twice.
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), relpath
    assert checked >= 30


def test_a_profile_without_dated_events_says_so_instead_of_drawing_an_empty_timeline(built_reports):
    for lang, sentence in (("en", "No article of Wuhan's coverage gives a date that can be placed on a calendar"),
                           ("zh", "武汉报道没有写明可以放上日历的日期")):
        page = (built_reports.reports / lang / "02_city_profile-wuhan.html").read_text(encoding="utf-8")
        from urllib.parse import quote

        timeline = page.split(f'id="{"Timeline" if lang == "en" else quote("时间线")}"')[1]
        assert sentence in timeline
        assert "<svg" not in timeline  # no chart that only says there is nothing to show
