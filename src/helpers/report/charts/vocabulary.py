"""Charts of vocabulary: the words a city uses more than its reference."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.keyness import check_reference, city_rows, distinctive_words, reference_of
from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.params import check_count
from helpers.report import names
from helpers.report.charts.common import figure, require
from helpers.report.glosses import glossed
from helpers.report.style import PHONE_TEXT_PT, PHONE_WIDTH_IN, Chart, chart_style, city_color, set_wrapped_title
from helpers.text.words import word_filter


def keyness_bars(keyness: pd.DataFrame, city: str, top: int = 15, lang: str = "zh",
                 against: str | None = None) -> Chart:
    """The ``top`` words a city overuses most against its reference, by G².

    Only words the project's word filter keeps (:func:`helpers.text.words.word_filter`)
    are shown, as in the tables and word clouds.

    Parameters
    ----------
    keyness : DataFrame
        Columns ``token``, ``g2``, ``log_ratio``, ``freq_target``, ``freq_reference``
        (target = ``city``), as from ``helpers.analysis.keyness.keyness`` or
        ``helpers.analysis.keyness.keyness_against``; with a ``city`` column, that city's rows are used.
    city : str
    top : int
    lang : {"zh", "en"}
    against : {"cities", "general"}, optional
        What the reference is (the other cities, or general Chinese), for the
        title and caption; by default the table's ``reference`` column.
    """
    check_lang(lang)
    suffix = "" if reference_of(keyness, check_reference(against)) == "cities" else "_general"
    check_count(top, "top_words")
    columns = ("token", "g2", "log_ratio", "freq_target", "freq_reference")
    if not isinstance(keyness, pd.DataFrame) or any(c not in keyness.columns for c in columns):
        require(keyness, columns, "keyness")
    name = names.place(city, lang)
    rows = city_rows(keyness, city)
    rows = rows[rows["token"].map(word_filter().keeps)]
    words = distinctive_words(rows, top) if not rows.empty else rows
    if words.empty:
        return Chart(None, text("chart.keyness_caption_none" + suffix, lang, city=name))
    with chart_style():
        fig = figure(PHONE_WIDTH_IN, 1.6 + 0.3 * max(len(words), 5))
        ax = fig.add_subplot()
        positions = np.arange(len(words))
        ax.barh(positions, words["g2"].to_numpy(dtype=float), color=city_color(city))
        ax.set_yticks(positions, words["token"].astype(str).tolist())
        ax.invert_yaxis()
        for y, value in zip(positions, words["g2"].to_numpy(dtype=float)):
            ax.text(value, y, f" {value:.1f}", va="center", fontsize=PHONE_TEXT_PT, color="#333333")
        ax.margins(x=0.18)
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.set_xlabel(text("chart.g2_unit", lang))
        ax.set_ylabel(text("chart.keyness_axis", lang))
        set_wrapped_title(ax, text("chart.keyness_title" + suffix, lang, city=name, top=len(words)))
    first = words.iloc[0]
    per_million = f"{float(first['per_10k_reference']) * 100:.2f}" if "per_10k_reference" in first else "—"
    if bool(first.get("reference_bound", False)):
        per_million = f"≤ {per_million}"
    caption = text("chart.keyness_caption" + suffix, lang, city=name, token=glossed(first["token"], lang),
                   g2=float(first["g2"]), freq_target=int(first["freq_target"]),
                   articles_target=int(first.get("articles_target", 1)),
                   freq_reference=int(first["freq_reference"]), per_million=per_million)
    return Chart(fig, caption)

