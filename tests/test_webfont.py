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
