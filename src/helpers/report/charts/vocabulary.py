"""Charts of vocabulary: the words a city uses more than its reference."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.analysis.keyness import check_reference, city_rows, distinctive_words, reference_of
from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.params import check_count
from helpers.report import names
from helpers.report.charts.common import figure, no_data, require
from helpers.report.style import Chart, chart_style, city_color
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
    name = names.city_name(city, lang)
    rows = city_rows(keyness, city)
    rows = rows[rows["token"].map(word_filter().keeps)]
    words = distinctive_words(rows, top) if not rows.empty else rows
    with chart_style():
        fig = figure(7.5, 1.4 + 0.32 * max(len(words), 5))
        ax = fig.add_subplot()
        if words.empty:
            no_data(ax, lang)
        else:
            positions = np.arange(len(words))
            ax.barh(positions, words["g2"].to_numpy(dtype=float), color=city_color(city))
            ax.set_yticks(positions, words["token"].astype(str).tolist())
            ax.invert_yaxis()
            for y, value in zip(positions, words["g2"].to_numpy(dtype=float)):
                ax.text(value, y, f" {value:.1f}", va="center", fontsize=9, color="#333333")
            ax.margins(x=0.12)
            ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
            ax.set_axisbelow(True)
        ax.set_xlabel(text("chart.g2_unit", lang))
        ax.set_ylabel(text("chart.keyness_axis", lang))
        ax.set_title(text("chart.keyness_title" + suffix, lang, city=name, top=max(len(words), 1)))

    if words.empty:
        caption = text("chart.keyness_caption_none" + suffix, lang, city=name)
    else:
        first = words.iloc[0]
        per_million = f"{float(first['per_10k_reference']) * 100:.2f}" if "per_10k_reference" in first else "—"
        if bool(first.get("reference_bound", False)):
            per_million = f"≤ {per_million}"
        caption = text("chart.keyness_caption" + suffix, lang, city=name, token=first["token"],
                       g2=float(first["g2"]), freq_target=int(first["freq_target"]),
                       articles_target=int(first.get("articles_target", 1)),
                       freq_reference=int(first["freq_reference"]), per_million=per_million)
    return Chart(fig, caption)

