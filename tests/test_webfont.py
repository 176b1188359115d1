"""Report pages carry the CJK font they need, so Chinese text renders on machines without one."""

from __future__ import annotations

import base64
import io
import re

import pytest
from fontTools.ttLib import TTFont

from helpers.publish import webfont

PAGE = """<!DOCTYPE html><html><head><title>报告</title></head><body>
<h1>防控措施的城市比较</h1><p>社區工作者 &amp; 核酸检测：“一老一小”。English text stays Latin.</p>
<img src="data:image/png;base64,6Zi/5ZOI5ZOI" alt="图表：隔离观察">
</body></html>"""


def _embedded_cmap(page: str) -> set[int]:
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\) format\(\"woff\"\)", page).group(1)
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    return set(font.getBestCmap())


def test_page_characters_are_the_text_not_markup_or_data_uris():
    chars = webfont.page_characters(PAGE)
    for ch in "防控措施社區核酸“”：":
        assert ch in chars
    assert not any(ord(ch) < 0x80 for ch in chars)
    assert "6" not in chars  # nothing from inside the data URI
    # what the page's script shows from an attribute (a filter box's placeholder), and an image's alt text
    assert "筛" in webfont.page_characters('<div data-filter="筛选"></div>') and "隔" in chars


@pytest.mark.slow
def test_embedded_subset_covers_every_character_of_the_page_and_is_reproducible():
    page = webfont.embed_font(PAGE)
    assert page.count(f'id="{webfont.STYLE_ID}"') == 1
    cmap = _embedded_cmap(page)
    missing = [ch for ch in webfont.page_characters(PAGE) if ord(ch) not in cmap]
    assert missing == []
    assert webfont.embed_font(PAGE) == page
    # Re-embedding a page (a last good page under a failure box) keeps one font that fits.
    again = webfont.embed_font(page.replace("</h1>", "</h1><p>构建失败</p>"))
    assert again.count(f'id="{webfont.STYLE_ID}"') == 1
    assert ord("败") in _embedded_cmap(again)


def test_a_page_without_chinese_gets_no_font():
    page = "<html><head></head><body>plain</body></html>"
    assert webfont.embed_font(page) == page


CHART_PAGE = """<!DOCTYPE html><html><head><title>报告</title></head><body><p>社区</p>
<svg class="report-chart" role="img" aria-label="图表"><text style="font-size: 10px">健康码 Health code</text></svg>
</body></html>"""


def _faces(page: str) -> dict[str, set[int]]:
    faces = re.findall(r'font-family:"([^"]+)";src:url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)', page)
    return {family: set(TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()) for family, data in faces}


def test_chart_labels_are_page_characters():
    chars = webfont.page_characters(CHART_PAGE)
    assert all(ch in chars for ch in "健康码社区")  # the chart's labels are text the font must draw
    # attribute values count too: some are drawn (a filter box's placeholder, alternative text)
    assert "图" in chars and "表" in chars


@pytest.mark.slow
def test_a_page_with_charts_also_gets_the_latin_letters_of_the_chart_font():
    page = webfont.embed_font(CHART_PAGE)
    faces = _faces(page)
    assert set(faces) == {webfont.FAMILY, webfont.LATIN_FONT_FAMILY}
    assert {ord(ch) for ch in "Health code 0123456789.%()"} <= faces[webfont.LATIN_FONT_FAMILY]
    assert {ord(ch) for ch in "健康码社区"} <= faces[webfont.FAMILY]
    # Chart text keeps the font its <svg> names; prose keeps the page's stack with Latin from the system.
    assert ":not(svg *)" in page
    assert set(_faces(webfont.embed_font(PAGE))) == {webfont.FAMILY}  # no chart, no Latin face


def test_the_marks_of_a_bounded_or_approximate_date_are_in_the_embedded_font():
    # ≥ ≤ ≈ mark dates on every page and on timeline charts (helpers.report.dates)
    page = "<html><head></head><body><p>发布日期 ≥ 2020-02-19，≤ 2022-05-20，≈ 2021-03</p></body></html>"
    cmap = _embedded_cmap(webfont.embed_font(page))
    assert {ord(ch) for ch in "≥≤≈发布"} <= cmap
