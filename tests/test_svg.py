"""Charts as inline SVG: text kept as text, the same bytes for the same chart, ids of their own, legible width."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers.report.style import chart_style  # noqa: E402
from helpers.report.svg import FONT_STACK, MIN_LABEL_PX, PX_PER_PT, svg_markup  # noqa: E402


def _bars(title: str = "各城市的文章数", small: float = 10.0) -> Figure:
    with chart_style():
        figure = Figure(figsize=(5, 3), layout="constrained")
        ax = figure.add_subplot()
        ax.bar(["武汉", "白城", "Beijing"], [3, 5, 2])
        ax.text(0, 3, "3 篇", fontsize=small)
        ax.set_title(title)
    return figure


def _root(svg: str):
    return BeautifulSoup(svg, "html.parser").svg


def _ids(svg: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', svg)


def test_labels_are_text_in_the_page_font():
    svg = svg_markup(_bars(), "各城市的文章数: 白城最多。")
    texts = [t.get_text() for t in _root(svg).find_all("text")]
    assert "各城市的文章数" in texts and "武汉" in texts and "Beijing" in texts and "3 篇" in texts
    assert f"font-family: {FONT_STACK}" in _root(svg)["style"]
    assert "font-family" not in svg.replace(f"font-family: {FONT_STACK}", "")  # one font, named once
    assert "<path d=" in svg  # the bars are drawn, not pictured


def test_the_same_chart_gives_the_same_markup_without_dates_versions_or_page_wide_rules():
    first, second = svg_markup(_bars(), "a"), svg_markup(_bars(), "a")
    assert first == second
    assert first.startswith("<svg ") and "<?xml" not in first and "DOCTYPE" not in first
    assert "<metadata" not in first and "Matplotlib" not in first and "<dc:date" not in first
    assert "<style" not in first  # matplotlib's "*{...}" would style the whole page


def test_every_id_is_prefixed_by_its_chart_and_every_reference_resolves():
    one, other = svg_markup(_bars("一"), "一"), svg_markup(_bars("二"), "二")
    for svg in (one, other):
        ids = _ids(svg)
        assert ids and len(ids) == len(set(ids))
        prefix = ids[0].split("-")[0] + "-"
        assert all(i.startswith(prefix) for i in ids)
        references = re.findall(r'(?:url\(#|href="#)([^")]+)', svg)
        assert references and set(references) <= set(ids)
    assert not set(_ids(one)) & set(_ids(other))  # two charts on one page never share an id


@pytest.mark.parametrize("small", [7.0, 10.0])
def test_min_width_keeps_the_smallest_text_legible(small):
    svg = svg_markup(_bars(small=small), "x")
    root = _root(svg)
    width_px = float(root["width"])
    width_pt = float(root["viewbox"].split()[2])
    assert width_px == pytest.approx(width_pt * PX_PER_PT, abs=0.1)
    min_width = int(re.search(r"min-width: (\d+)px", root["style"]).group(1))
    assert min_width == min(math.ceil(MIN_LABEL_PX * width_pt / small), math.ceil(width_px))
    assert small * min_width / width_pt >= MIN_LABEL_PX  # the smallest text, drawn at min-width


def test_hostile_text_stays_text_in_labels_and_in_the_accessible_name():
    text = '<script>alert(1)</script> "><svg onload=alert(2)> &amp;'
    svg = svg_markup(_bars(title=text), f"{text}: {text}")
    soup = BeautifulSoup(svg, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"svg", "g", "path", "rect", "text", "defs", "clippath", "use"}
    assert not [a for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on")]
    assert soup.svg["aria-label"] == f"{text}: {text}" and soup.svg["role"] == "img"
    assert text in [t.get_text() for t in soup.find_all("text")]
