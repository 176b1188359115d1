"""A chart as inline SVG: its text kept as text, drawn with the page's font, its ids its own.

Report pages carry each chart as an ``<svg>`` element in the page itself (an
``<img>`` could not use the page's fonts): its labels stay text, sharp at any
width and found by the browser's search, and are drawn with the CJK subset the
page embeds (:mod:`helpers.publish.webfont` collects the page's characters,
chart labels included, and adds the Latin letters of the same font for the
charts, :data:`LATIN_FONT_FAMILY`), so they measure what matplotlib measured.

The markup is plain data for the page, the same bytes for the same figure:
no date or version, ids derived from the chart's own digest (two charts on a
page never share one: matplotlib numbers its groups and clip paths the same
way in every figure), ids nothing refers to dropped.  Text is escaped by
matplotlib (``& < >`` in text, quotes too in attributes) and the accessible
name by :func:`helpers.report.markup.html_text`.

Legibility: a chart scaled down to a phone's column scales its text with it.
Each chart therefore states, as its ``min-width``, the width at which its
smallest text is still :data:`MIN_LABEL_PX` CSS pixels; the page lets a chart
held at that width scroll sideways, with a visible cue.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from typing import TYPE_CHECKING

from helpers.report.markup import html_text

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.figure import Figure

#: The smallest text a chart may show, in CSS pixels, at any width of the page.
MIN_LABEL_PX = 9.0
#: The page's embedded CJK subset (declared by :mod:`helpers.publish.webfont`).
PAGE_FONT_FAMILY = "Report CJK"
#: The printable ASCII of the same font, declared on pages with charts, so chart text is all one font.
LATIN_FONT_FAMILY = "Report CJK Latin"
#: Where the browser looks for a chart's glyphs: the page's fonts, then a CJK font of the reader's.
FONT_STACK = (f"'{LATIN_FONT_FAMILY}', '{PAGE_FONT_FAMILY}', 'Noto Sans CJK SC', 'Noto Sans SC', "
              "'PingFang SC', 'Microsoft YaHei', sans-serif")
#: Resolution of the raster parts of a chart (a word cloud's picture), dots per inch.
RASTER_DPI = 200
#: CSS pixels per point (SVG user unit as matplotlib writes it).
PX_PER_PT = 4 / 3

_SALT = "helpers"
_TAG = re.compile(r"<[^<>]*>")
_ID = re.compile(r'\sid="([^"]*)"')
_REFERENCE = re.compile(r'(url\(#|xlink:href="#|href="#)([^")]+)')
_FONT_FAMILY = re.compile(r"font-family: [^;\"]*(; )?")
_FONT_SIZE = re.compile(r"font-size: ([0-9.]+)px")
_ROOT = re.compile(r"<svg [^>]*>")
_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
_SHARED_STYLE = re.compile(r'\s*<defs>\s*<style type="text/css">(.*?)</style>\s*</defs>', re.S)


def svg_markup(figure: Figure, label: str) -> str:
    """``figure`` as an ``<svg>`` element to put in an HTML page, named ``label`` for screen readers.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A drawn chart.
    label : str
        Plain text (the chart's title and caption); escaped here.

    Returns
    -------
    str
        One ``<svg class="report-chart" role="img">`` element, without an XML
        declaration, whose ``min-width`` keeps its smallest text at
        :data:`MIN_LABEL_PX` pixels.
    """
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": _SALT, "svg.image_inline": True}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", facecolor="white", dpi=RASTER_DPI,
                       metadata={"Date": None, "Creator": None})
    return _for_page(buffer.getvalue(), label)


def _for_page(svg: str, label: str) -> str:
    """matplotlib's SVG document as an element of a page (see :func:`svg_markup`)."""
    svg = svg[svg.index("<svg "):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    shared = _SHARED_STYLE.search(svg)
    # matplotlib's one style rule ("*{stroke-linejoin: round; stroke-linecap: butt}") would
    # apply to the whole page; both properties inherit, so the root element carries them.
    root_style = shared.group(1).strip().removeprefix("*{").removesuffix("}").strip() if shared else ""
    svg = _SHARED_STYLE.sub("", svg, count=1)
    svg = "\n".join(line.strip() for line in svg.splitlines())
    prefix = "c" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:8] + "-"
    tags = _TAG.findall(svg)  # text between tags is the labels' (its < and > are escaped)
    referenced = {name for tag in tags for _, name in _REFERENCE.findall(tag)}
    sizes = [float(size) for tag in tags for size in _FONT_SIZE.findall(tag)]
    width_pt, height_pt = (float(v) for v in _VIEWBOX.search(svg).groups())
    svg = _TAG.sub(lambda tag: _tidy(tag.group(0), prefix, referenced), svg)
    min_width = math.ceil(MIN_LABEL_PX * width_pt / min(sizes)) if sizes else 0
    style = "; ".join(part for part in (
        f"min-width: {min(min_width, math.ceil(width_pt * PX_PER_PT))}px" if min_width else "",
        f"font-family: {FONT_STACK}",
        root_style,
    ) if part)
    root = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'class="report-chart" role="img" aria-label="{html_text(" ".join(label.split()))}" '
            f'width="{width_pt * PX_PER_PT:.1f}" height="{height_pt * PX_PER_PT:.1f}" '
            f'viewBox="0 0 {width_pt} {height_pt}" style="{style}">')
    return _ROOT.sub(lambda _: root, svg, count=1).strip()


def _tidy(tag: str, prefix: str, referenced: set[str]) -> str:
    """One tag for the page: ids something refers to prefixed (the others dropped), references to
    match, and no font family of its own (the root's applies)."""
    tag = _ID.sub(lambda m: f' id="{prefix}{m.group(1)}"' if m.group(1) in referenced else "", tag)
    tag = _REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", tag)
    return _FONT_FAMILY.sub("", tag).replace('; "', '"')

