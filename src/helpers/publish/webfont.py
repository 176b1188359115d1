"""Embed the CJK font in a report page, subset to the characters the page uses.

The prose, tables and chart labels of a report are text (charts are inline
SVG), drawn with the reader's fonts; a machine without a CJK font shows
boxes.  Each page therefore carries an ``@font-face`` with a subset of the
project's font (Noto Sans CJK, SIL Open Font License) holding exactly the
non-ASCII characters on that page, chart labels included: a few hundred
kilobytes, offline, and the same bytes for the same page.  Latin prose keeps
the reader's fonts; chart labels, laid out by matplotlib with the project's
font, ask first for :data:`helpers.report.svg.LATIN_FONT_FAMILY`, the
printable ASCII of the same font, declared on pages that have a chart.

Subsetting the 16 MB source font takes tens of seconds, mostly in its CFF
subroutines; so the font is first cut, once per machine, to a "base" font of
the ranges Chinese text uses, without subroutines, kept in the user's cache
(:func:`font_cache_dir`; it depends only on the font file).
Cutting a page's subset from the base font takes well under a second.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import io
import os
import re
import struct
from functools import lru_cache
from pathlib import Path

from helpers.cache import DAMAGE, warn_damaged
from helpers.report.svg import LATIN_FONT_FAMILY, PAGE_FONT_FAMILY

FAMILY = PAGE_FONT_FAMILY
STYLE_ID = "report-cjk-font"
_TAG = re.compile(r"<[^>]+>")
_DATA_URI = re.compile(r"data:[^\"')\s]+")
_ATTRIBUTE_VALUE = re.compile(r'="([^"]*)"')


# Ranges a Chinese report page draws from: printable ASCII (chart labels), Latin-1 and general punctuation,
# arrows and mathematical operators (≥ ≤ ≈ mark a bounded or approximate date, on charts too),
# CJK symbols and punctuation, CJK Unified Ideographs (+ Extension A),
# compatibility ideographs, full-width forms.
BASE_RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x22FF), (0x2460, 0x24FF),
    (0x25A0, 0x25FF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
)
BASE_VERSION = "3"
#: What the chart labels' Latin face holds.
LATIN = "".join(chr(code) for code in range(0x20, 0x7F))
_CHART = 'class="report-chart"'


def _options(desubroutinize: bool):
    from fontTools import subset

    options = subset.Options()
    options.hinting = True  # removing CFF hints costs more time than it saves bytes
    options.desubroutinize = desubroutinize
    options.notdef_outline = True
    options.layout_features = []
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # incl. copyright and licence
    return options


def font_cache_dir() -> Path:
    """Where the base font is kept: per user, like pip's cache, since it depends only on the font file.

    ``HELPERS_FONT_CACHE`` overrides it; otherwise ``$XDG_CACHE_HOME/helpers-fonts``
    (``~/.cache/helpers-fonts``).  Every checkout on the machine shares it.
    """
    override = os.environ.get("HELPERS_FONT_CACHE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "helpers-fonts"


@lru_cache(maxsize=1)
def _font_bytes() -> bytes:
    """The base font: the project font cut to :data:`BASE_RANGES`, cached on disk.

    A cached base font that is not whole (a copy cut short, a full disk) is
    one warning line and is cut again; a cache that cannot be written only
    costs the time to cut it next time.
    """
    from helpers.report.style import cjk_font_path

    source = cjk_font_path()
    with open(source, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()[:16]
    cached = font_cache_dir() / f"base-{digest}-v{BASE_VERSION}.otf"
    try:
        data = cached.read_bytes()
        _check_whole(data)
        return data
    except FileNotFoundError:
        pass
    except DAMAGE as exc:
        warn_damaged(cached, exc, "cached base font")
    data = _cut_base_font(source)
    tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, cached)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return data


def _cut_base_font(source: Path) -> bytes:
    """The project font cut to :data:`BASE_RANGES`, without subroutines (tens of seconds)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(_options(desubroutinize=True))
    subsetter.populate(unicodes=[u for lo, hi in BASE_RANGES for u in range(lo, hi + 1)])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _check_whole(data: bytes) -> None:
    """Raise ValueError unless every table the font's directory lists lies within ``data``."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        tables = TTFont(io.BytesIO(data), lazy=True).reader.tables
    except (TTLibError, struct.error, AssertionError) as exc:
        raise ValueError(f"not a font: {exc}") from None
    end = max((entry.offset + entry.length for entry in tables.values()), default=0)
    if not tables or end > len(data):
        raise ValueError(f"cut short: {len(data)} of {end} bytes")


def page_characters(page: str) -> str:
    """The distinct non-ASCII characters a page can show: its text and its attribute values, not data URIs.

    Attribute values count because some are drawn with the page's font: a
    filter box's placeholder, written by the page's script from the table's
    ``data-filter`` (``templates/report/tables.html.j2``), and an image's
    alternative text where the image cannot be shown.
    """
    def keep_values(tag: re.Match) -> str:
        return " " + " ".join(_ATTRIBUTE_VALUE.findall(tag.group(0))) + " "

    text = html.unescape(_TAG.sub(keep_values, _DATA_URI.sub(" ", page)))
    return "".join(sorted({ch for ch in text if ord(ch) > 0x7F and not ch.isspace()}))


def subset_woff(characters: str) -> bytes:
    """The project font cut down to ``characters``, as WOFF (same input, same bytes)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The base font has no subroutines left to remove; and the font-wide bounding box
    # (a CFF pass over every glyph) may stay the base font's: browsers lay out by the
    # advance widths. Both save more than half of the time per page.
    font = TTFont(io.BytesIO(_font_bytes()), recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(_options(desubroutinize=False))
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def _latin_woff() -> bytes:
    """The printable ASCII of the project font, as WOFF: the same for every page."""
    return subset_woff(LATIN)


def _face(family: str, woff: bytes) -> str:
    data = base64.b64encode(woff).decode("ascii")
    return f'@font-face{{font-family:"{family}";src:url(data:font/woff;base64,{data}) format("woff");}}'


def font_face_css(page: str) -> str:
    """A ``<style>`` block declaring the subset font for this page, or '' if it needs none.

    A page with a chart (an inline ``svg.report-chart``) also gets the Latin
    face its labels ask for first.
    """
    characters = page_characters(page)
    if not characters:
        return ""
    # The subset holds only this page's non-ASCII characters, so it can come first:
    # Latin text falls through to the system fonts, and no system font that only
    # claims CJK coverage gets to draw boxes.
    stack = f'"{FAMILY}",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif'
    latin = _face(LATIN_FONT_FAMILY, _latin_woff()) if _CHART in page else ""
    return (
        f'<style id="{STYLE_ID}">'
        f"{_face(FAMILY, subset_woff(characters))}{latin}"
        f':root{{--jp-ui-font-family:{stack};--jp-content-font-family:{stack};}}'
        # A chart's text keeps the font its <svg> names (helpers.report.svg.FONT_STACK).
        f"body,body :not(pre):not(code):not(pre *):not(svg *){{font-family:{stack};}}"
        "</style>"
    )


def embed_font(page: str) -> str:
    """``page`` with the subset font declared at the end of its ``<head>``.

    A font embedded earlier (a last good page reused under a failure box) is
    replaced, so the subset always matches the page.
    """
    page = re.sub(rf'<style id="{STYLE_ID}">.*?</style>', "", page, count=1, flags=re.S)
    css = font_face_css(page)
    if not css or "</head>" not in page:
        return page
    return page.replace("</head>", css + "</head>", 1)
