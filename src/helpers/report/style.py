"""Chart style: the CJK font, sizes, a fixed colour per city and per measure.

Every chart is drawn inside :func:`chart_style`, which applies the project's
matplotlib settings through ``matplotlib.rc_context``; importing this module
changes no global state and reads no file.  The font comes from the PyPI
package ``cvttf-notosanscjk-regular`` (Noto Sans CJK, SIL Open Font License),
so Chinese renders on a fresh machine without fonts installed by hand; the
environment variable ``HELPERS_CJK_FONT`` points at another font file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.corpus.gazetteer import default_gazetteer
from helpers.errors import HelpersError
from helpers.report.markup import html_text, markdown, markdown_emphasis, paragraph
from helpers.report.svg import svg_markup

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.figure import Figure

FONT_ENV = "HELPERS_CJK_FONT"

#: Widest figure that fits a report page, in inches.
MAX_WIDTH_IN = 10.0
#: Widest figure a phone shows whole when its smallest text is :data:`PHONE_TEXT_PT`: drawn in the
#: phone's 343-pixel column, that text stays 9 pixels tall (helpers.report.svg.MIN_LABEL_PX); a wider
#: chart, or one with smaller text, scrolls sideways there.
PHONE_WIDTH_IN = 5.0
#: Smallest text on a chart as narrow as :data:`PHONE_WIDTH_IN`, in points.
PHONE_TEXT_PT = 10
#: Size of chart titles on charts as narrow as a phone, in points (wrapped to the width).
NARROW_TITLE_PT = 12
#: Resolution of saved PNGs (dots per inch).
SAVE_DPI = 120

# Colour-blind-friendly, distinct colours (Okabe-Ito, then Tableau 10 extras).
_PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#8C564B",  # brown
    "#7F7F7F",  # grey
    "#BCBD22",  # olive
    "#17BECF",  # cyan
    "#9467BD",  # purple
    "#332288",  # indigo
)

# Cities known today keep these colours for good; a new city gets a
# deterministic pick from the rest of the palette (see ``city_color``).  The
# national label (the gazetteer's, 全国) is always grey.
_CITY_COLORS: dict[str, str] = {
    "武汉": "#0072B2",
    "白城": "#D55E00",
    "北京": "#009E73",
    "孝感": "#CC79A7",
}
_NATIONAL_COLOR = "#7F7F7F"

@dataclass
class Chart:
    """A figure with the one sentence that says what to read from it.

    Attributes
    ----------
    figure : matplotlib.figure.Figure or None
        The drawn figure (already titled and labelled); None when there is
        nothing to draw, and the caption says so in one sentence instead.
    caption : str
        One sentence, computed from the data, in the chart's language.
    """

    figure: Figure | None
    caption: str

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        if self.figure is None:
            return f"<p>{html_text(self.caption)}</p>"
        return (f"<figure>{svg_markup(self.figure, alt_text(self))}"
                f"<figcaption>{html_text(self.caption)}</figcaption></figure>")


def cjk_font_path() -> Path:
    """The font file used for every chart and word cloud.

    ``HELPERS_CJK_FONT`` overrides the default, the Noto Sans CJK file shipped
    by the ``cvttf-notosanscjk-regular`` package.

    Raises
    ------
    HelpersError
        If the file does not exist or the package is not installed.
    """
    override = os.environ.get(FONT_ENV)
    if override:
        path = Path(override).expanduser()
        if not path.is_file():
            raise HelpersError(
                f"{FONT_ENV}={override}: no such font file; point it at a .ttf/.otf/.ttc "
                f"file with CJK glyphs or unset it to use the bundled Noto Sans CJK"
            )
        return path.resolve()
    try:
        import cvttf_NotoSansCJK_Regular as noto
    except ImportError:
        raise HelpersError(
            "CJK font package cvttf-notosanscjk-regular is not installed; run "
            "`pip install cvttf-notosanscjk-regular` (or set HELPERS_CJK_FONT to a font file)"
        ) from None
    try:
        path = Path(noto.get_TTF_path())
    except FileNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise HelpersError(
            "the font file of cvttf-notosanscjk-regular is missing; reinstall it with "
            "`pip install --force-reinstall cvttf-notosanscjk-regular` (or set HELPERS_CJK_FONT)"
        )
    return path


@cache
def _register_font(path: str) -> str:
    """Add the font file to matplotlib's font manager and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def font_family() -> str:
    """The matplotlib family name of :func:`cjk_font_path`, registered on first use."""
    return _register_font(str(cjk_font_path()))


def _style_rc(family: str) -> dict[str, object]:
    return {
        # The family by name, not "sans-serif": text objects keep it, so a figure
        # drawn or saved outside the context still uses the CJK font.  DejaVu
        # Sans only for glyphs the CJK font lacks.
        "font.family": [family, "DejaVu Sans"],
        "font.sans-serif": [family, "DejaVu Sans"],
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.titleweight": "normal",  # the bundled font has one weight
        "axes.labelsize": 11,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "legend.fontsize": 10,
        "legend.title_fontsize": 10,
        "axes.unicode_minus": True,
        # Titles, ticks and labels quote the articles: a "$" there is a character, not mathtext.
        "text.parse_math": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.facecolor": "white",
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "figure.dpi": 100,
        "savefig.dpi": SAVE_DPI,
        "savefig.bbox": "tight",
        "figure.figsize": (8.0, 4.5),
        "figure.constrained_layout.use": True,
        "image.cmap": "viridis",
    }


@contextmanager
def chart_style() -> Iterator[None]:
    """Apply the project's matplotlib style for the duration of a ``with`` block.

    Examples
    --------
    >>> with chart_style():                       # doctest: +SKIP
    ...     fig, ax = plt.subplots()
    """
    import matplotlib

    with matplotlib.rc_context(_style_rc(font_family())):
        yield


# Characters a line should not start with: they close what the line before opened.
_NO_LINE_START = set("，。、；：！？）》」』”’,.;:!?)]}%")


def text_width(text: str, size: float) -> float:
    """Width of one line of ``text`` in points, drawn with the chart font at ``size`` points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(fname=str(cjk_font_path()), size=size)
    return TextToPath().get_text_width_height_descent(text, prop, ismath=False)[0]


def wrap_title(title: str, width_in: float, size: float) -> str:
    """``title`` broken into lines no wider than ``width_in`` inches at ``size`` points.

    English breaks between words, Chinese between any two characters (runs of
    Latin letters and digits stay whole), never before closing punctuation.
    """
    import re

    pieces = re.findall(r"[A-Za-z0-9.,'’%²+\-/]+\s*|\s+|.", title)
    limit = width_in * 72
    lines: list[str] = []
    line = ""
    for piece in pieces:
        candidate = line + piece
        if line.strip() and text_width(candidate.rstrip(), size) > limit and piece[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line = candidate
    lines.append(line.rstrip())
    return "\n".join(lines)


def set_wrapped_title(ax, title: str, size: float = NARROW_TITLE_PT) -> None:
    """Title ``ax`` with ``title`` wrapped to the width the layout gives the axes (a title is centred on them)."""
    ax.figure.draw_without_rendering()
    width_in = ax.get_position().width * ax.figure.get_figwidth()
    ax.set_title(wrap_title(title, width_in, size), fontsize=size)


def _stable_index(key: str, modulo: int) -> int:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % modulo


def city_color(city: str) -> str:
    """A fixed hex colour for a city, the same in every chart and on every machine.

    Known cities (武汉, 白城, 北京, 孝感; by Chinese name, a name the gazetteer
    lists for them such as 武汉市, or English name) have fixed colours and the
    national label is grey; any other city gets a colour picked by a hash of
    its name from the palette colours not reserved for those.
    """
    key = _canonical_city(str(city).strip())
    if key == default_gazetteer().national:
        return _NATIONAL_COLOR
    if key in _CITY_COLORS:
        return _CITY_COLORS[key]
    reserved = {*_CITY_COLORS.values(), _NATIONAL_COLOR}
    free = [c for c in _PALETTE if c not in reserved]
    return free[_stable_index(key, len(free))]


def _canonical_city(name: str) -> str:
    """The corpus's name of a city given by another of its names (武汉市, Wuhan, national)."""
    gazetteer = default_gazetteer()
    folded = name.casefold()
    if folded == gazetteer.national_en.casefold():
        return gazetteer.national
    if name in gazetteer.cities:
        return name
    owner = gazetteer.city_of(name)
    if owner is not None and name in gazetteer.cities[owner].names:
        return owner
    for chinese, entry in gazetteer.cities.items():
        if entry.name_en.casefold() == folded:
            return chinese
    return name


def png_bytes(chart: Chart | Figure) -> bytes:
    """The chart as PNG bytes, identical for the same chart (no software/date metadata)."""
    import io

    figure = chart.figure if isinstance(chart, Chart) else chart
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=SAVE_DPI, bbox_inches="tight",
                   facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def alt_text(chart: Chart) -> str:
    """The chart's title and caption, for readers who cannot see the image."""
    figure = chart.figure
    if figure is None:
        return chart.caption
    titles = [figure.get_suptitle()] + [ax.get_title() for ax in figure.axes]
    titles = [t for t in titles if t.strip()]
    title = " ".join(titles[0].split()) if titles else ""
    return f"{title}: {chart.caption}" if title else chart.caption


class ChartOutput:
    """A chart as a notebook output: inline SVG, with its alternative text as metadata and plain text."""

    def __init__(self, chart: Chart) -> None:
        self.alt = alt_text(chart)
        self.svg = svg_markup(chart.figure, self.alt)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return ({"image/svg+xml": self.svg, "text/plain": self.alt},
                {"image/svg+xml": {"alt": self.alt}})


def show(chart: Chart) -> None:
    """Display a chart's figure (as SVG) and its caption (as Markdown) in a notebook.

    The SVG is rendered here rather than left to the notebook's matplotlib
    backend (:func:`helpers.report.svg.svg_markup`: text kept as text, the
    same bytes on every machine), and the report template puts it in the
    page as it is; its ``alt`` metadata holds :func:`alt_text` as plain text,
    which is also the SVG's escaped ``aria-label``.  The caption is plain
    text too (it may quote article ids and titles) and is escaped by
    :func:`helpers.report.markup.markdown_emphasis`.  A chart with nothing to
    draw (``figure`` None) is its caption alone, as a paragraph.  The figure
    is closed afterwards.
    """
    from IPython.display import display

    if chart.figure is None:
        display(paragraph(chart.caption))
        return
    try:
        display(ChartOutput(chart))
        display(markdown(markdown_emphasis(chart.caption)))
    finally:
        _close(chart.figure)


def _close(figure: Figure) -> None:
    """Release a figure; pyplot only knows figures it created, so only those are closed there."""
    import sys

    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None and pyplot.fignum_exists(getattr(figure, "number", -1)):
        pyplot.close(figure)
    figure.clear()
