"""Charts of the measures: which articles describe each one, in how many sentences, and which go together.

The unit is the article: :func:`presence_heatmap` shows, per group (city or
year) and measure, the articles that describe the measure out of the group's
articles.  :func:`emphasis_heatmap` counts sentences coded with a measure (a
sentence once, however many of its terms it holds): how much the articles say
about it.  Every group is labelled with its n.  Hits (every matched term) are
not charted; they are the evidence, listed in the tables.

Each function takes the ``presence`` frame of
:func:`helpers.analysis.inference.group_presence` (or another with its
columns), plus ``lang`` ("zh" or "en"), and returns a
:class:`helpers.report.style.Chart`: the figure and one sentence, computed
from the data, that says what to read from it.  Figures are built with
``matplotlib.figure.Figure`` (not pyplot).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.analysis.inference import PRESENCE_COLUMNS, share_text
from helpers.catalogue import text
from helpers.corpus.cities import check_city
from helpers.errors import HelpersError
from helpers.langs import check_lang
from helpers.report import names
from helpers.report.charts.common import (
    annotate_cells,
    figure,
    groups_across,
    heatmap_axes,
    heatmap_size,
    measure_labels,
    measure_names,
    require,
    unique,
)
from helpers.report.style import (
    NARROW_TITLE_PT,
    PHONE_TEXT_PT,
    PHONE_WIDTH_IN,
    Chart,
    chart_style,
    city_color,
    text_width,
    wrap_title,
)

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook


def _pivot(presence: pd.DataFrame, column: str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """measure × group table of ``column``, measures and groups in order of appearance."""
    measures = unique(presence["measure"])
    groups = unique(presence["group"])
    frame = presence.assign(measure=presence["measure"].astype(str), group=presence["group"].astype(str))
    table = (frame.pivot_table(index="measure", columns="group", values=column, aggfunc="sum")
             .reindex(index=measures, columns=groups).fillna(0))
    return table, measures, groups


def _group_sizes(presence: pd.DataFrame) -> tuple[dict[str, int], dict[str, int]]:
    """Each group's articles and sentences."""
    first = presence.assign(group=presence["group"].astype(str)).drop_duplicates("group").set_index("group")
    return first["articles"].astype(int).to_dict(), first["group_sentences"].astype(int).to_dict()


def _write_cells(ax, labels: list[list[str]], strength: np.ndarray) -> None:
    """Write each cell's label on a heatmap, white on dark cells."""
    for i, row in enumerate(labels):
        for j, label in enumerate(row):
            ax.text(j, i, label, ha="center", va="center", fontsize=9,
                    color="white" if strength[i, j] > 0.55 else "#222222")


def _heatmap(values: np.ndarray, labels: list[list[str]], measures: list[str], columns: list[str],
             lang: str, codebook: Codebook | None, vmax: float, cmap: str, group_axis: str):
    """A measure × group heatmap with a label in every cell (a row per group when there are many).

    Returns the figure, its axes and image.
    """
    tick_labels = measure_labels(measures, lang, 12 if lang == "zh" else 26, codebook=codebook)
    if groups_across(len(columns)):
        values, labels = values.T, [list(row) for row in zip(*labels)]
    fig = figure(*heatmap_size(tick_labels, columns, lang))
    ax = fig.add_subplot()
    # Cells as cells: the image is kept at one pixel per cell and drawn without smoothing.
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0, vmax=vmax or 1.0, interpolation="none")
    _write_cells(ax, labels, values / (vmax or 1.0))
    heatmap_axes(ax, tick_labels, columns, group_axis, lang)
    return fig, ax, image


def presence_heatmap(presence: pd.DataFrame, lang: str = "zh", codebook: Codebook | None = None,
                     by: str = "city") -> Chart:
    """Group × measure: the articles that describe the measure out of the group's articles (k/n, or %).

    Parameters
    ----------
    presence : DataFrame
        :data:`helpers.analysis.inference.PRESENCE_COLUMNS`, one row per group and measure.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    by : {"city", "year"}
        What the groups are: cities, or years of publication.
    """
    check_lang(lang)
    names.check_kind(by)
    require(presence, PRESENCE_COLUMNS, "presence")
    shares, measures, groups = _pivot(presence, "share")
    described, _, _ = _pivot(presence, "with_measure")
    n_articles, _ = _group_sizes(presence)
    columns = [f"{names.group_name(g, lang, by)}\n{names.count_articles(n_articles[g], lang)}" for g in groups]
    labels = [[share_text(int(described.at[m, g]), n_articles[g]) for g in groups] for m in measures]
    with chart_style():
        fig, ax, image = _heatmap(shares.to_numpy(dtype=float), labels, measures, columns, lang, codebook,
                                  1.0, "YlOrRd", text(f"chart.{by}", lang))
        ax.set_title(text("chart.presence_title" if by == "city" else "chart.presence_title_year", lang))
        fig.colorbar(image, ax=ax, shrink=0.8).set_label(text("chart.share_unit", lang))
    values = described.to_numpy()
    if not (values > 0).any():
        return Chart(fig, text("chart.measures_caption_none", lang))
    return Chart(fig, text("chart.presence_caption", lang, kind=text(f"stats.kind_{by}", lang),
                           described=int((values > 0).sum()), n_cells=int(values.size)))


def emphasis_heatmap(presence: pd.DataFrame, lang: str = "zh", codebook: Codebook | None = None) -> Chart:
    """City × measure: sentences coded with the measure, coloured by their share of the city's sentences.

    Parameters
    ----------
    presence : DataFrame
        :data:`helpers.analysis.inference.PRESENCE_COLUMNS`, one row per city and measure.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    """
    check_lang(lang)
    require(presence, PRESENCE_COLUMNS, "presence")
    sentences, measures, groups = _pivot(presence, "sentences")
    n_articles, n_sentences = _group_sizes(presence)
    columns = [f"{names.city_name(g, lang)}\n{names.count_articles(n_articles[g], lang)}\n"
               f"{names.count_sentences(n_sentences[g], lang)}" for g in groups]
    counts = sentences.to_numpy(dtype=float)
    totals = np.array([n_sentences[g] for g in groups], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(totals > 0, counts / totals, 0.0)
    vmax = float(shares.max()) if shares.size else 0.0
    labels = [[str(int(v)) for v in row] for row in counts]
    with chart_style():
        fig, ax, image = _heatmap(shares, labels, measures, columns, lang, codebook, vmax, "Blues",
                                  text("chart.city", lang))
        ax.set_title(text("chart.emphasis_title", lang))
        fig.colorbar(image, ax=ax, shrink=0.8).set_label(text("chart.emphasis_unit", lang))
    if not (counts > 0).any():
        return Chart(fig, text("chart.measures_caption_none", lang))
    return Chart(fig, text("chart.emphasis_caption", lang,
                           articles=names.count_articles(sum(n_articles.values()), lang),
                           sentences=names.count_sentences(sum(n_sentences.values()), lang)))


def city_measures(presence: pd.DataFrame, city: str, lang: str = "zh", codebook: Codebook | None = None) -> Chart:
    """One city: the share of its articles describing each measure, beside the sentences coded with it.

    Parameters
    ----------
    presence : DataFrame
        :data:`helpers.analysis.inference.PRESENCE_COLUMNS`; the rows of group ``city`` are drawn.
    city : str
        A value of ``presence["group"]``.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    """
    check_lang(lang)
    require(presence, PRESENCE_COLUMNS, "presence")
    city = check_city(str(city), unique(presence["group"]))
    rows = presence[presence["group"].astype(str) == city]
    measures = unique(rows["measure"])
    rows = rows.assign(measure=rows["measure"].astype(str)).set_index("measure").reindex(measures)
    n, total = int(rows["articles"].iloc[0]), int(rows["group_sentences"].iloc[0])
    name = names.place(city, lang)
    articles, sentences_total = names.count_articles(n, lang), names.count_sentences(total, lang)
    # Narrow enough for a phone's column (helpers.report.style.PHONE_WIDTH_IN), text at least
    # PHONE_TEXT_PT: long English names take three lines, titles and axis labels wrap.
    tick_labels = measure_labels(measures, lang, 12 if lang == "zh" else 22, codebook=codebook)
    lines = max(label.count("\n") + 1 for label in tick_labels)
    positions = np.arange(len(measures))
    shares = rows["share"].to_numpy(dtype=float)
    coded = rows["sentences"].to_numpy(dtype=int)
    size = PHONE_TEXT_PT
    with chart_style():
        fig = figure(PHONE_WIDTH_IN, 2.2 + (0.2 + 0.15 * lines) * len(measures))
        left, right = fig.subplots(1, 2, sharey=True, width_ratios=[1, 1.3])
        label_in = max(text_width(line, size) for label in tick_labels for line in label.split("\n")) / 72
        panel_in = (PHONE_WIDTH_IN - label_in - 0.5) / 2.3
        left.barh(positions, shares, height=0.6, color=city_color(city))
        for y, share, k in zip(positions, shares, rows["with_measure"].astype(int)):
            left.text(share, y, f" {share_text(int(k), n)}", va="center", fontsize=size, color="#333333")
        left.set_xlim(0, 1.45)
        left.set_xticks([0, 0.5, 1.0], ["0", "0.5", "1"])
        right.barh(positions, coded, height=0.6, color=city_color(city), alpha=0.6)
        for y, k in zip(positions, coded):
            right.text(k, y, f" {k}", va="center", fontsize=size, color="#333333")
        right.margins(x=0.2)
        right.xaxis.get_major_locator().set_params(integer=True, nbins=4)
        left.set_yticks(positions, tick_labels)
        left.set_ylim(len(measures) - 0.5, -0.5)
        left.set_ylabel(text("chart.measure", lang))
        left.set_title(wrap_title(text("chart.profile_presence_panel", lang), panel_in, 11), fontsize=11)
        right.set_title(wrap_title(text("chart.profile_sentences_panel", lang), panel_in * 1.3, 11),
                        fontsize=11)
        left.set_xlabel(wrap_title(text("chart.profile_presence_axis", lang, articles=articles), panel_in, size))
        right.set_xlabel(wrap_title(text("chart.profile_sentences_axis", lang, sentences=sentences_total),
                                    panel_in * 1.3, size))
        for ax in (left, right):
            ax.tick_params(labelsize=size)
            ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
            ax.set_axisbelow(True)
        right.tick_params(axis="y", length=0)
        fig.suptitle(wrap_title(text("chart.profile_title", lang, city=name), PHONE_WIDTH_IN - 0.2,
                                NARROW_TITLE_PT), fontsize=NARROW_TITLE_PT)
    if not (rows["with_measure"] > 0).any():
        return Chart(fig, text("chart.profile_caption_none", lang, city=name, articles=articles))
    short = measure_names(measures, lang, codebook)
    most = int(coded.max())
    top = [short[m] for m, k in zip(measures, coded) if k == most]
    quoted = names.join_names([text("chart.quoted", lang, name=t) for t in top], lang)
    return Chart(fig, text("chart.profile_caption", lang, city=name, articles=articles,
                           described=int((rows["with_measure"] > 0).sum()), n_measures=len(measures),
                           measures=quoted, sentences=most, total=total))


def cooccurrence_heatmap(cooc: pd.DataFrame, lang: str = "zh", codebook: Codebook | None = None, *,
                         n_articles: int, n_sentences: int) -> Chart:
    """Measure × measure counts of sentences that mention both; the diagonal is left out.

    Parameters
    ----------
    cooc : DataFrame
        Square, index and columns measure ids, values sentence counts.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    n_articles, n_sentences : int
        The articles and sentences the counts come from (shown in the title).
    """
    check_lang(lang)
    if not isinstance(cooc, pd.DataFrame) or cooc.empty:
        raise HelpersError("cooc must be a non-empty DataFrame (measure × measure)")
    measures = unique(list(cooc.index) + list(cooc.columns))
    frame = cooc.copy()
    frame.index = frame.index.astype(str)
    frame.columns = frame.columns.astype(str)
    frame = frame.reindex(index=measures, columns=measures).fillna(0)
    values = frame.to_numpy(dtype=float)
    # Each pair once: the lower triangle, rows from the second measure on,
    # columns up to the last but one (the matrix is symmetric).
    pairs = np.maximum(values, values.T)
    n = len(measures)
    if n < 2:
        raise HelpersError("cooc needs at least two measures to show pairs")
    lower = np.where(np.tril(np.ones((n, n), dtype=bool), k=-1), pairs, np.nan)[1:, :-1]
    vmax = float(np.nanmax(lower)) if np.isfinite(lower).any() else 0.0
    row_labels = measure_labels(measures[1:], lang, 10 if lang == "zh" else 26, codebook=codebook)
    col_labels = measure_labels(measures[:-1], lang, 10 if lang == "zh" else 28, codebook=codebook)

    import matplotlib

    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="white")
    size = 3.0 + 0.45 * (n - 1)
    with chart_style():
        fig = figure(size + 2.0, size + 1.0)
        ax = fig.add_subplot()
        image = ax.imshow(np.ma.masked_invalid(lower), cmap=cmap, vmin=0, vmax=vmax or 1.0,
                          aspect="auto", interpolation="none")
        annotate_cells(ax, lower, ".0f", vmax)
        ax.set_xticks(range(n - 1), col_labels, rotation=90, ha="right", va="center",
                      rotation_mode="anchor")
        ax.set_yticks(range(n - 1), row_labels)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(text("chart.measure", lang))
        ax.set_ylabel(text("chart.measure", lang))
        ax.set_title(text("chart.cooc_title", lang) + "\n" + text(
            "chart.n_in_all", lang, articles=names.count_articles(n_articles, lang),
            sentences=names.count_sentences(n_sentences, lang)))
        colorbar = fig.colorbar(image, ax=ax, shrink=0.8)
        colorbar.set_label(text("chart.sentences_unit", lang))

    upper = np.triu(pairs, k=1)  # each pair once
    if upper.max() > 0:
        i, j = np.unravel_index(int(np.argmax(upper)), upper.shape)
        short = measure_names(measures, lang, codebook)
        caption = text("chart.cooc_caption", lang, first=short[measures[i]],
                              second=short[measures[j]], count=int(upper[i, j]))
    else:
        caption = text("chart.cooc_caption_none", lang)
    return Chart(fig, caption)
