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
from helpers.report.markup import html_text, markdown, markdown_emphasis

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.figure import Figure

FONT_ENV = "HELPERS_CJK_FONT"

#: Widest figure that fits a report page, in inches.
MAX_WIDTH_IN = 10.0
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
    figure : matplotlib.figure.Figure
        The drawn figure (already titled and labelled).
    caption : str
        One sentence, computed from the data, in the chart's language.
    """

    figure: Figure
    caption: str

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        import base64

        data = base64.b64encode(png_bytes(self)).decode("ascii")
        return (f'<figure><img src="data:image/png;base64,{data}" alt="{html_text(alt_text(self))}"/>'
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
    titles = [figure.get_suptitle()] + [ax.get_title() for ax in figure.axes]
    titles = [t for t in titles if t.strip()]
    title = " ".join(titles[0].split()) if titles else ""
    return f"{title}: {chart.caption}" if title else chart.caption


def show(chart: Chart) -> None:
    """Display a chart's figure (as PNG) and its caption (as Markdown) in a notebook.

    The PNG is rendered here rather than left to the notebook's matplotlib
    backend, so the executed notebook and its HTML hold the same bytes on
    every machine; its ``alt`` metadata holds :func:`alt_text` as plain text,
    which the report template escapes into the ``<img>`` tag.  The caption is
    plain text too (it may quote article ids and titles) and is escaped by
    :func:`helpers.report.markup.markdown_emphasis`.  The figure is closed
    afterwards.
    """
    from IPython.display import Image, display

    try:
        display(Image(data=png_bytes(chart), format="png", alt=alt_text(chart)))
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
