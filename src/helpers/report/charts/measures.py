"""Charts of the measures: rates by city, the chi-square residuals, two periods, co-occurrence.

Each function takes DataFrames with the columns of :mod:`helpers.analysis`
(and documented in its docstring), plus ``lang`` ("zh" or "en"), and returns
a :class:`helpers.report.style.Chart`: the figure and one sentence, computed
from the data, that says what to read from it.  Measure names come from the
``codebook`` given (the analysis's; the shipped one by default).

Figures are built with ``matplotlib.figure.Figure`` (not pyplot), so a
notebook shows them only through :func:`helpers.report.style.show` and
nothing is left open behind the reader's back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.catalogue import text
from helpers.corpus.cities import check_city
from helpers.errors import HelpersError
from helpers.langs import check_lang
from helpers.report import names
from helpers.report.charts.common import (
    annotate_cells,
    city_labels,
    figure,
    legend_outside,
    measure_labels,
    measure_names,
    rate_table,
    require,
    require_rates,
    unique,
)
from helpers.report.style import Chart, chart_style, city_color

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook

_PERIOD_COLORS = ("#9E9E9E", "#0072B2", "#D55E00", "#009E73")


# Above this many cities the heatmap puts cities on rows and the grouped bars keep the cities with most mentions.
MANY_CITIES = 12


def measure_heatmap(rates: pd.DataFrame, lang: str = "zh",
        codebook: Codebook | None = None) -> Chart:
    """City × measure heatmap of mentions per 10,000 characters, values written in the cells.

    Parameters
    ----------
    rates : DataFrame
        Columns ``city``, ``measure``, ``count``, ``n_chars``, ``per_10k``
        (one row per city and measure, as from ``helpers.analysis.coding.measure_rates``).
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    """
    check_lang(lang)
    require_rates(rates)
    table, measures, cities = rate_table(rates)
    city_names = city_labels(cities, lang)
    tick_labels = measure_labels(measures, lang, 12 if lang == "zh" else 26, codebook=codebook)
    values = table.to_numpy(dtype=float)
    vmax = float(np.nanmax(values)) if values.size else 0.0
    # Many cities: one row per city (the page scrolls down, not sideways), measures across.
    across = len(cities) > MANY_CITIES

    if across:
        width = (2.4 if lang == "zh" else 3.4) + 0.75 * len(measures) + 1.2
        height = 2.6 + 0.32 * len(cities) + (1.2 if lang == "en" else 0.6)
    else:
        width = (2.4 if lang == "zh" else 3.4) + 1.05 * len(cities) + 1.2
        height = 1.6 + 0.42 * len(measures) + (0.3 if lang == "en" else 0)
    with chart_style():
        fig = figure(width, height)
        ax = fig.add_subplot()
        shown = values.T if across else values
        image = ax.imshow(shown, cmap="YlOrRd", aspect="auto", vmin=0, vmax=vmax or 1.0)
        annotate_cells(ax, shown, ".1f", vmax)
        city_ticks = [city_names[c] for c in cities]
        if across:
            ax.set_yticks(range(len(cities)), city_ticks)
            ax.set_xticks(range(len(measures)), tick_labels, rotation=90)
        else:
            ax.set_xticks(range(len(cities)), city_ticks)
            ax.set_yticks(range(len(measures)), tick_labels)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(text("chart.measure" if across else "chart.city", lang))
        ax.set_ylabel(text("chart.city" if across else "chart.measure", lang))
        ax.set_title(text("chart.heatmap_title", lang))
        colorbar = fig.colorbar(image, ax=ax, shrink=0.8)
        colorbar.set_label(text("chart.per_10k_unit", lang))

    if not (values > 0).any():
        return Chart(fig, text("chart.measures_caption_none", lang))
    i, j = np.unravel_index(int(np.nanargmax(values)), values.shape)
    short = measure_names(measures, lang, codebook)
    caption = text("chart.heatmap_caption", lang, city=city_names[cities[j]], measure=short[measures[i]],
        value=values[i, j], n_zero=int((values == 0).sum()), n_cells=int(values.size),
    )
    return Chart(fig, caption)


def measure_bars(rates: pd.DataFrame, lang: str = "zh",
        codebook: Codebook | None = None) -> Chart:
    """Grouped horizontal bars: one group per measure, one bar per city (per 10,000 characters).

    Parameters
    ----------
    rates : DataFrame
        Columns ``city``, ``measure``, ``count``, ``n_chars``, ``per_10k``.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    """
    check_lang(lang)
    require_rates(rates)
    table, measures, cities = rate_table(rates)
    city_names = city_labels(cities, lang)
    tick_labels = measure_labels(measures, lang, 12 if lang == "zh" else 26, codebook=codebook)

    all_cities, full_table = cities, table  # the caption speaks of every city
    if len(cities) > MANY_CITIES:  # a bar per city would be too thin to read: the cities with most mentions
        totals = table.sum(axis=0)
        cities = sorted(cities, key=lambda c: (-totals[c], cities.index(c)))[:MANY_CITIES]
        cities = [c for c in table.columns if c in cities]
        table = table[cities]
    n_cities = len(cities)
    bar = 0.8 / n_cities
    positions = np.arange(len(measures))
    height = 1.4 + len(measures) * max(0.4, 0.12 * n_cities + 0.1)
    with chart_style():
        fig = figure(9.0, min(height, 14.0))
        ax = fig.add_subplot()
        for k, city in enumerate(cities):
            offsets = positions - 0.4 + bar * (k + 0.5)
            ax.barh(offsets, table[city].to_numpy(dtype=float), height=bar,
                    color=city_color(city), label=city_names[city])
        ax.set_yticks(positions, tick_labels)
        ax.set_ylim(len(measures) - 0.5, -0.5)  # first measure on top, as in the heatmap
        ax.set_xlabel(text("chart.per_10k_unit", lang))
        ax.set_ylabel(text("chart.measure", lang))
        ax.set_title(text("chart.bars_title", lang))
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
        ax.set_axisbelow(True)
        legend_outside(ax, title=text("chart.city", lang))

    cities, table = all_cities, full_table
    mentioned = table[table.max(axis=1) > 0]
    leaders = mentioned.idxmax(axis=1).value_counts()
    if mentioned.empty:
        return Chart(fig, text("chart.measures_caption_none", lang))
    n_measures = len(mentioned)
    top = int(leaders.max())
    # cities in the order they appear, so the caption is stable
    tied = [c for c in cities if leaders.get(c, 0) == top]
    if len(tied) == 1:
        caption = text("chart.bars_caption", lang, city=city_names[tied[0]], n_lead=top,
                              n_measures=n_measures)
    else:
        caption = text("chart.bars_caption_tie", lang, n_lead=top, n_measures=n_measures,
                              cities=names.join_names([city_names[c] for c in tied], lang))
    return Chart(fig, caption)


def city_profile(rates: pd.DataFrame, city: str, lang: str = "zh",
        codebook: Codebook | None = None) -> Chart:
    """One city's measure rates, beside the corpus average when ``rates`` hold other cities.

    The corpus average of a measure is its total count over the total length
    of all cities' articles, per 10,000 characters.  With the city's rates
    alone (a city profile, built from :meth:`helpers.analysis.Analysis.for_city`)
    the chart shows the city's own bars, and the caption names its most
    mentioned measure.

    Parameters
    ----------
    rates : DataFrame
        Columns ``city``, ``measure``, ``count``, ``n_chars``, ``per_10k``.
    city : str
        A value of ``rates["city"]``.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    """
    check_lang(lang)
    require_rates(rates)
    table, measures, cities = rate_table(rates)
    city = check_city(str(city), cities)
    frame = rates.assign(measure=rates["measure"].astype(str), city=rates["city"].astype(str))
    total_chars = frame.groupby("city")["n_chars"].max().sum()
    count_column = "count" if "count" in frame.columns else "hits"
    counts = frame.groupby("measure")[count_column].sum().reindex(measures).fillna(0)
    average = (counts / total_chars * 10_000) if total_chars else counts * 0.0
    own = table[city]
    name = names.city_name(city, lang)
    tick_labels = measure_labels(measures, lang, 12 if lang == "zh" else 26, codebook=codebook)
    alone = len(cities) == 1

    positions = np.arange(len(measures))
    with chart_style():
        fig = figure(8.5, 1.4 + (0.35 if alone else 0.5) * len(measures))
        ax = fig.add_subplot()
        if alone:
            ax.barh(positions, own.to_numpy(dtype=float), height=0.6, color=city_color(city))
            for y, value in zip(positions, own.to_numpy(dtype=float)):
                ax.text(value, y, f" {value:.1f}", va="center", fontsize=9, color="#333333")
            ax.margins(x=0.1)
        else:
            ax.barh(positions - 0.2, own.to_numpy(dtype=float), height=0.4,
                    color=city_color(city), label=name)
            ax.barh(positions + 0.2, average.to_numpy(dtype=float), height=0.4,
                    color="#BDBDBD", label=text("chart.corpus_average", lang))
        ax.set_yticks(positions, tick_labels)
        ax.set_ylim(len(measures) - 0.5, -0.5)
        ax.set_xlabel(text("chart.per_10k_unit", lang))
        ax.set_ylabel(text("chart.measure", lang))
        ax.set_title(text("chart.profile_title_alone" if alone else "chart.profile_title", lang, city=name))
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
        ax.set_axisbelow(True)
        if not alone:
            legend_outside(ax)

    short = measure_names(measures, lang, codebook)
    if alone:
        if (own > 0).any():
            top = own.idxmax()
            caption = text("chart.profile_caption_alone", lang, city=name, measure=short[top],
                                  value=float(own[top]))
        else:
            caption = text("chart.profile_caption_alone_none", lang, city=name)
        return Chart(fig, caption)
    excess = own - average
    if (excess > 0).any():
        top = excess.idxmax()
        caption = text("chart.profile_caption", lang, city=name, measure=short[top],
                              value=float(own[top]), average=float(average[top]))
    else:
        caption = text("chart.profile_caption_none", lang, city=name)
    return Chart(fig, caption)


def residuals_heatmap(residuals: pd.DataFrame, small: pd.DataFrame | None = None,
                      lang: str = "zh", codebook: Codebook | None = None) -> Chart:
    """Standardised chi-square residuals, measure × city, diverging colours centred on 0.

    Parameters
    ----------
    residuals : DataFrame
        Index: measure ids; columns: cities; values: standardised residuals.
    small : DataFrame of bool, optional
        Same shape; True where the expected count is too small (< 5) to read
        the residual.  Those cells are hatched.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    """
    check_lang(lang)
    if not isinstance(residuals, pd.DataFrame) or residuals.empty:
        raise HelpersError("residuals must be a non-empty DataFrame (measure × city)")
    measures = [str(m) for m in residuals.index]
    cities = [str(c) for c in residuals.columns]
    values = residuals.to_numpy(dtype=float)
    if small is None:
        flags = np.zeros(values.shape, dtype=bool)
    else:
        aligned = small.copy()
        aligned.index = aligned.index.astype(str)
        aligned.columns = aligned.columns.astype(str)
        flags = aligned.reindex(index=measures, columns=cities).fillna(False).to_numpy(dtype=bool)
    city_names = city_labels(cities, lang)
    tick_labels = measure_labels(measures, lang, 12 if lang == "zh" else 26, codebook=codebook)
    finite = np.abs(values[np.isfinite(values)])
    limit = max(float(finite.max()) if finite.size else 0.0, 2.0)

    from matplotlib.patches import Patch, Rectangle

    across = len(cities) > MANY_CITIES  # as in measure_heatmap: a row per city
    shown, shown_flags = (values.T, flags.T) if across else (values, flags)
    if across:
        width = (2.4 if lang == "zh" else 3.4) + 0.75 * len(measures) + 1.2
        height = 3.0 + 0.32 * len(cities) + (1.2 if lang == "en" else 0.6)
    else:
        width = (2.4 if lang == "zh" else 3.4) + 1.05 * len(cities) + 1.2
        height = 2.0 + 0.42 * len(measures)
    with chart_style():
        fig = figure(width, height)
        ax = fig.add_subplot()
        image = ax.imshow(shown, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
        annotate_cells(ax, shown, "+.1f", limit, diverging=True, boxed=shown_flags)
        for i, j in zip(*np.nonzero(shown_flags)):
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///",
                                   edgecolor="#666666", linewidth=0))
        city_ticks = [city_names[c] for c in cities]
        if across:
            ax.set_yticks(range(len(cities)), city_ticks)
            ax.set_xticks(range(len(measures)), tick_labels, rotation=90)
        else:
            ax.set_xticks(range(len(cities)), city_ticks)
            ax.set_yticks(range(len(measures)), tick_labels)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(text("chart.measure" if across else "chart.city", lang))
        ax.set_ylabel(text("chart.city" if across else "chart.measure", lang))
        ax.set_title(text("chart.residuals_title", lang))
        colorbar = fig.colorbar(image, ax=ax, shrink=0.8)
        colorbar.set_label(text("chart.residual_unit", lang))
        if flags.any():
            fig.legend(handles=[Patch(facecolor="white", edgecolor="#666666", hatch="///",
                                      label=text("chart.small_expected", lang))],
                       loc="outside lower center", frameon=False)

    readable = np.where(flags, np.nan, values)
    pick = readable if np.isfinite(readable).any() else values
    if not np.isfinite(pick).any():
        return Chart(fig, text("chart.residuals_caption_none", lang))
    i, j = np.unravel_index(int(np.nanargmax(pick)), pick.shape)
    short = measure_names(measures, lang, codebook)
    caption = text("chart.residuals_caption", lang, city=city_names[cities[j]],
                          measure=short[measures[i]], value=float(values[i, j]),
                          n_small=int(flags.sum()))
    return Chart(fig, caption)


def _long_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """Accept the wide form of ``helpers.analysis.periods.compare_years`` (``per_10k_2020`` ...) too."""
    if not isinstance(frame, pd.DataFrame) or "period" in frame.columns:
        return frame
    wide = [c for c in frame.columns if str(c).startswith("per_10k_")]
    if "measure" not in frame.columns or not wide:
        return frame
    long = frame.melt(id_vars=["measure"], value_vars=wide, var_name="period",
                      value_name="per_10k")
    long["period"] = long["period"].str.removeprefix("per_10k_")
    return long


def period_comparison(rates_by_period: pd.DataFrame, lang: str = "zh",
        codebook: Codebook | None = None) -> Chart:
    """Measure rates of the earlier articles against the later ones (e.g. 2020 vs 2022).

    Parameters
    ----------
    rates_by_period : DataFrame
        Columns ``period`` (e.g. 2020, 2022), ``measure``, ``per_10k``; or the
        wide table of ``helpers.analysis.periods.compare_years`` (``measure``,
        ``per_10k_2020``, ``per_10k_2022``, ...).
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    """
    check_lang(lang)
    rates_by_period = _long_periods(rates_by_period)
    require(rates_by_period, ("period", "measure", "per_10k"), "rates_by_period")
    frame = rates_by_period.assign(period=rates_by_period["period"].astype(str),
                                   measure=rates_by_period["measure"].astype(str))
    measures = unique(frame["measure"])
    # a period with no rate at all (no article of that year) is left out
    # rather than drawn as zeros
    has_rate = frame.groupby("period")["per_10k"].apply(lambda v: v.notna().any())
    periods = sorted(p for p in unique(frame["period"]) if has_rate.get(p, False))
    if not periods:
        raise HelpersError("rates_by_period has no rate in any period; nothing to draw")
    table = (frame.pivot_table(index="measure", columns="period", values="per_10k",
                               aggfunc="sum").reindex(index=measures, columns=periods)
             .fillna(0.0))  # a period without text has no rate; drawn as 0
    tick_labels = measure_labels(measures, lang, 12 if lang == "zh" else 26, codebook=codebook)

    n = len(periods)
    bar = 0.8 / n
    positions = np.arange(len(measures))
    first, last = periods[0], periods[-1]
    with chart_style():
        fig = figure(8.5, 1.4 + len(measures) * max(0.45, 0.2 * n))
        ax = fig.add_subplot()
        for k, period in enumerate(periods):
            color = _PERIOD_COLORS[k] if k < len(_PERIOD_COLORS) else city_color(period)
            ax.barh(positions - 0.4 + bar * (k + 0.5), table[period].to_numpy(dtype=float),
                    height=bar, color=color, label=period)
        ax.set_yticks(positions, tick_labels)
        ax.set_ylim(len(measures) - 0.5, -0.5)
        ax.set_xlabel(text("chart.per_10k_unit", lang))
        ax.set_ylabel(text("chart.measure", lang))
        ax.set_title(text("chart.period_title", lang, first=first, second=last) if n > 1
                     else text("chart.period_title_single", lang, first=first))
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
        ax.set_axisbelow(True)
        legend_outside(ax, title=text("chart.period", lang))

    if n < 2:
        caption = text("chart.period_caption_single", lang, first=first)
    else:
        change = (table[last] - table[first]).abs()
        top = change.idxmax()
        short = measure_names(measures, lang, codebook)
        caption = text("chart.period_caption", lang, first=first, second=last,
                              measure=short[top], before=float(table.at[top, first]),
                              after=float(table.at[top, last]))
    return Chart(fig, caption)


def cooccurrence_heatmap(cooc: pd.DataFrame, lang: str = "zh",
        codebook: Codebook | None = None) -> Chart:
    """Measure × measure counts of sentences that mention both; the diagonal is greyed out.

    Parameters
    ----------
    cooc : DataFrame
        Square, index and columns measure ids, values sentence counts.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
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
                          aspect="auto")
        annotate_cells(ax, lower, ".0f", vmax)
        ax.set_xticks(range(n - 1), col_labels, rotation=90, ha="right", va="center",
                      rotation_mode="anchor")
        ax.set_yticks(range(n - 1), row_labels)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(text("chart.measure", lang))
        ax.set_ylabel(text("chart.measure", lang))
        ax.set_title(text("chart.cooc_title", lang))
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

