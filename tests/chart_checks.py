"""Looking inside drawn charts: which texts a figure draws, and which characters a font cannot draw.

Test tools, not part of the package: the charts and word-cloud tests use them
to check that every label is legible in the chart font.
"""

from __future__ import annotations

import os
from functools import lru_cache

from matplotlib.figure import Figure

from helpers.report.style import cjk_font_path


@lru_cache(maxsize=8)
def _font_cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    kwargs = {"fontNumber": 0} if path.lower().endswith((".ttc", ".otc")) else {}
    with TTFont(path, lazy=True, **kwargs) as font:
        cmap = font.getBestCmap() or {}
        return frozenset(cmap)


def missing_glyphs(text: str, font_path: str | os.PathLike[str] | None = None) -> set[str]:
    """Characters of ``text`` the font has no glyph for (whitespace is ignored).

    Parameters
    ----------
    text : str
        Any text drawn on a chart or in a word cloud.
    font_path : path, optional
        The font file; :func:`cjk_font_path` by default.

    Returns
    -------
    set of str
        The missing characters; empty when everything renders.
    """
    path = str(font_path) if font_path is not None else str(cjk_font_path())
    cmap = _font_cmap(path)
    return {ch for ch in set(text) if not ch.isspace() and ord(ch) not in cmap}


def figure_texts(figure: Figure) -> list[str]:
    """Every non-empty text drawn on a figure: titles, labels, tick labels, legends, annotations.

    The figure is laid out first, so tick labels hold the text that is drawn.
    """
    from matplotlib.text import Text

    figure.draw_without_rendering()
    texts = []
    for artist in figure.findobj(Text):
        if artist.get_visible():
            value = artist.get_text()
            if value and value.strip():
                texts.append(value)
    return texts
