"""Reproducible word clouds of a city's vocabulary, weighted by keyness or by frequency.

A keyness cloud sizes the words a city overuses against a reference (the
other cities, or general Chinese in a city profile) by their G², so words
that are merely common do not drown the picture; a frequency cloud beside it
shows the plain counts.  Both draw only the words the project's one word
filter keeps (:func:`helpers.text.words.word_filter`): never a stopword,
punctuation, a numeral, a single character, a place or person name.  The
layout uses a fixed random state and the words are passed in a fixed order,
so the same input gives the same image bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers import paths
from helpers.analysis.keyness import check_reference, city_rows, distinctive_words, reference_of
from helpers.cache import read_json, write_json
from helpers.catalogue import text
from helpers.errors import HelpersError
from helpers.langs import check_lang
from helpers.report import names
from helpers.report.style import Chart, chart_style, city_color, cjk_font_path
from helpers.text.words import word_filter

if TYPE_CHECKING:  # pragma: no cover - typing only
    from wordcloud import WordCloud

__all__ = [
    "CloudChart",
    "cloud_words",
    "frequency_cloud",
    "keyness_cloud",
]

#: Fixed layout seed: the same words always land in the same places.
RANDOM_STATE = 42
#: Pixel size of the cloud image (9 × 5 inches at the charts' 120 dpi).
WIDTH_PX, HEIGHT_PX = 1080, 600
MAX_WORDS = 60

@dataclass
class CloudChart(Chart):
    """A word-cloud chart; ``wordcloud`` is the laid-out cloud (None if no word qualified)."""

    wordcloud: WordCloud | None = None


def _ordered(weights: Mapping[str, float]) -> dict[str, float]:
    """Heaviest first, ties by the word itself: the layout never depends on input order."""
    items = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(items[:MAX_WORDS])


def _shade(hex_color: str):
    """A colour function drawing large words in the full colour and small ones lighter."""
    from matplotlib.colors import to_rgb

    base = np.array(to_rgb(hex_color))

    def color(word, font_size, position, orientation, random_state=None, **kwargs) -> str:
        # font sizes run from about 12 to 200 px; blend small words towards grey
        strength = min(1.0, 0.45 + font_size / 160)
        rgb = base * strength + np.array([0.35, 0.35, 0.35]) * (1 - strength)
        r, g, b = (int(round(255 * v)) for v in rgb)
        return f"#{r:02X}{g:02X}{b:02X}"

    return color


_CLOUD_SETTINGS = {
    "width": WIDTH_PX,
    "height": HEIGHT_PX,
    "background_color": "white",
    "random_state": RANDOM_STATE,
    # 1.0: every word horizontal (rotated Chinese is hard to read); a word
    # that does not fit is drawn smaller instead of turned
    "prefer_horizontal": 1.0,
    "collocations": False,
    "max_words": MAX_WORDS,
    "min_font_size": 14,
    "margin": 4,
    "relative_scaling": 0.5,
    "regexp": None,
    "normalize_plurals": False,
}


def _layout(weights: dict[str, float], hex_color: str) -> WordCloud:
    """The laid-out cloud; the layout is cached on disk by its inputs.

    Laying out is a random search that takes most of a second; the Chinese and
    English reports draw the same cloud, and reruns draw it again.  The cache
    key holds the words and weights, the colour, every setting, the font file
    and the versions of wordcloud and Pillow (whose font metrics place the
    words), so a cached layout is the one the search would find.
    """
    from wordcloud import WordCloud

    font = cjk_font_path()
    cloud = WordCloud(font_path=str(font), color_func=_shade(hex_color), **_CLOUD_SETTINGS)
    key = _layout_key(weights, hex_color, font)
    folder = paths.cache_dir() / "wordclouds"
    stored = read_json(folder, key, _cached_layout)
    if stored is not None:
        cloud.words_, cloud.layout_ = stored
        return cloud
    cloud.generate_from_frequencies(weights)
    layout = [[[str(word), float(freq)], int(size), [int(x), int(y)],
               None if orientation is None else int(orientation), color]
              for (word, freq), size, (x, y), orientation, color in cloud.layout_]
    write_json(folder, key, {"words": sorted(cloud.words_.items()), "layout": layout})
    return cloud


def _cached_layout(stored: object) -> tuple[dict[str, float], list[tuple]]:
    """Words and layout read back from the cache; raises if they do not have the shape ``_layout`` writes."""
    words = {str(word): float(weight) for word, weight in stored["words"]}
    layout = []
    for (word, freq), size, (x, y), orientation, color in stored["layout"]:
        if not (isinstance(word, str) and isinstance(size, int) and isinstance(x, int) and isinstance(y, int)
                and (orientation is None or isinstance(orientation, int)) and isinstance(color, str)):
            raise ValueError(f"layout entry for {word!r} has the wrong types")
        layout.append(((word, float(freq)), size, (x, y), orientation, color))
    return words, layout


def _layout_key(weights: dict[str, float], hex_color: str, font: Path) -> str:
    import PIL
    import wordcloud

    stat = font.stat()
    payload = {
        "weights": list(weights.items()),
        "color": hex_color,
        "settings": _CLOUD_SETTINGS,
        "font": [font.name, stat.st_size, stat.st_mtime_ns],
        "versions": [wordcloud.__version__, PIL.__version__],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


def _cloud_chart(weights: dict[str, float], hex_color: str, title: str, caption: str,
                 empty_caption: str, lang: str) -> CloudChart:
    from matplotlib.figure import Figure

    cloud = _layout(weights, hex_color) if weights else None
    with chart_style():
        fig = Figure(figsize=(9.0, 5.4), layout="constrained")
        ax = fig.add_subplot()
        if cloud is not None:
            ax.imshow(cloud.to_array(), interpolation="bilinear")
        else:
            ax.text(0.5, 0.5, text("chart.no_data", lang), ha="center", va="center",
                    transform=ax.transAxes, fontsize=12, color="#555555")
        ax.set_axis_off()
        ax.set_title(title)
    return CloudChart(fig, caption if cloud is not None else empty_caption, cloud)


def keyness_cloud(keyness: pd.DataFrame, city: str, lang: str = "zh",
                  against: str | None = None) -> CloudChart:
    """Words the city overuses against its reference (the other cities, or general Chinese), sized by G².

    Only words with positive keyness (``log_ratio > 0`` and ``g2 > 0``) that
    the word filter keeps are drawn.

    Parameters
    ----------
    keyness : DataFrame
        Columns ``token``, ``g2``, ``log_ratio`` (target = ``city``); if it has
        a ``city`` column, only that city's rows are used.
    city : str
    lang : {"zh", "en"}
    against : {"cities", "general"}, optional
        What the reference is, for the title and caption; by default the table's ``reference`` column.
    """
    check_lang(lang)
    if not isinstance(keyness, pd.DataFrame):
        raise HelpersError(f"keyness must be a DataFrame (helpers.analysis.keyness.keyness), "
                           f"got {type(keyness).__name__}")
    frame = city_rows(keyness, city)
    suffix = "" if reference_of(frame, check_reference(against)) == "cities" else "_general"
    words = distinctive_words(frame) if not frame.empty else frame
    keep = word_filter()
    weights: dict[str, float] = {}
    for token, g2 in zip(words["token"].astype(str), words["g2"].astype(float)):
        if keep.keeps(token) and token not in weights:
            weights[token] = g2
    weights = _ordered(weights)
    name = names.city_name(city, lang)
    top = next(iter(weights), "")
    return _cloud_chart(
        weights, city_color(city),
        text("chart.keyness_cloud_title" + suffix, lang, city=name),
        text("chart.keyness_cloud_caption" + suffix, lang, city=name, token=top),
        text("chart.cloud_caption_none", lang, city=name),
        lang,
    )


def _counts(token_counts: object, city: str) -> dict[str, float]:
    """Token → count from a mapping, a Series indexed by token, or a DataFrame."""
    if isinstance(token_counts, pd.DataFrame):
        frame = token_counts
        if "city" in frame.columns:
            frame = frame[frame["city"].astype(str) == str(city)]
        if "token" not in frame.columns:
            raise HelpersError("token_counts lacks column token; pass a DataFrame with token and "
                               "count columns, a Series indexed by token, or a dict")
        if "count" in frame.columns:
            series = frame.groupby("token")["count"].sum()
        else:  # one row per occurrence, as helpers.text.segment.corpus_tokens gives
            series = frame["token"].value_counts()
    elif isinstance(token_counts, pd.Series):
        series = token_counts
    elif isinstance(token_counts, Mapping):
        series = pd.Series(dict(token_counts), dtype=float)
    else:
        raise HelpersError(f"token_counts must be a DataFrame, Series or dict, "
                           f"got {type(token_counts).__name__}")
    return {str(k): float(v) for k, v in series.items() if float(v) > 0}


def frequency_cloud(token_counts: object, city: str, lang: str = "zh") -> CloudChart:
    """The city's most frequent drawable words, sized by count.

    Parameters
    ----------
    token_counts : DataFrame, Series or dict
        Token → count: a dict or a Series indexed by token; or a DataFrame
        with ``token`` and ``count`` columns, or one row per token occurrence
        (``token`` column, as from ``helpers.text.segment.corpus_tokens``).  A
        ``city`` column, if present, selects the city's rows.
    city : str
    lang : {"zh", "en"}
    """
    check_lang(lang)
    keep = word_filter()
    weights = _ordered({t: c for t, c in _counts(token_counts, city).items() if keep.keeps(t)})
    name = names.city_name(city, lang)
    top = next(iter(weights), "")
    return _cloud_chart(
        weights, "#37474F",
        text("chart.frequency_cloud_title", lang, city=name),
        text("chart.frequency_cloud_caption", lang, city=name, token=top,
                    count=int(weights.get(top, 0))),
        text("chart.cloud_caption_none", lang, city=name),
        lang,
    )


def cloud_words(cloud: CloudChart | WordCloud) -> list[str]:
    """The words actually drawn in a cloud, largest first (words that did not fit are left out)."""
    wordcloud = cloud.wordcloud if isinstance(cloud, CloudChart) else cloud
    if wordcloud is None:
        return []
    return [word for (word, _weight), *_rest in wordcloud.layout_]
