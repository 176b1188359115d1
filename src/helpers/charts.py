"""Every figure of the reports: titled, labelled with units, captioned.

Each function takes DataFrames with the columns documented in
``docs/architecture.md`` (and in its docstring), plus ``lang`` ("zh" or
"en"), and returns a :class:`helpers.style.Chart`: the figure and one
sentence, computed from the data, that says what to read from it.  City and
measure names come from :mod:`helpers.labels` in the chosen language.

Figures are built with ``matplotlib.figure.Figure`` (not pyplot), so a
notebook shows them only through :func:`helpers.style.show` and nothing is
left open behind the reader's back.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers import labels
from helpers.errors import HelpersError
from helpers.style import MAX_WIDTH_IN, Chart, chart_style, city_color

__all__ = [
    "measure_heatmap",
    "measure_bars",
    "city_profile",
    "residuals_heatmap",
    "period_comparison",
    "cooccurrence_heatmap",
    "keyness_bars",
    "corpus_overview",
]

# ``count`` is the brief's name for the hits; helpers.measures.measure_rates
# calls it ``hits``.  Either is accepted.
_RATE_COLUMNS = ("city", "measure", "n_chars", "per_10k")
_PERIOD_COLORS = ("#9E9E9E", "#0072B2", "#D55E00", "#009E73")
_UNKNOWN_YEAR_COLOR = "#BDBDBD"


# ---------------------------------------------------------------- helpers

def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> pd.DataFrame:
    """Check a DataFrame argument has the documented columns and rows."""
    if not isinstance(frame, pd.DataFrame):
        raise HelpersError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise HelpersError(
            f"{what} lacks column(s) {', '.join(missing)}; expected {', '.join(columns)} "
            f"(see docs/architecture.md)"
        )
    if frame.empty:
        raise HelpersError(f"{what} has no rows; nothing to draw")
    return frame


def _require_rates(rates: pd.DataFrame) -> pd.DataFrame:
    """Check a rates frame: city, measure, count (or hits), n_chars, per_10k."""
    _require(rates, _RATE_COLUMNS, "rates")
    if "count" not in rates.columns and "hits" not in rates.columns:
        raise HelpersError("rates lacks column count (or hits); expected city, measure, "
                           "count, n_chars, per_10k (see helpers.measures.measure_rates)")
    return rates


def _unique(values: Iterable[object]) -> list[str]:
    """Distinct values as str, in order of first appearance (stable for the same input)."""
    return [str(v) for v in pd.unique(pd.Series(list(values), dtype=object).astype(str))]


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(min(width, MAX_WIDTH_IN), max(height, 2.5)), layout="constrained")


def _measure_labels(measures: Sequence[str], lang: str, width: int | None = None) -> list[str]:
    names = _measure_names(measures, lang)
    return [labels.wrap_label(names[m], lang, width) for m in measures]


def _measure_names(measures: Sequence[str], lang: str) -> dict[str, str]:
    """Short measure names (without the bracketed explanation) for ticks and captions."""
    names = labels.measure_names(measures, lang)
    return {m: labels.short_label(names[m]) for m in measures}


def _city_labels(cities: Sequence[str], lang: str) -> dict[str, str]:
    return {c: labels.city_name(c, lang) for c in cities}


def _annotate_cells(ax, values: np.ndarray, fmt: str, vmax: float,
                    skip: np.ndarray | None = None, diverging: bool = False,
                    boxed: np.ndarray | None = None) -> None:
    """Write each cell's value on a heatmap, white on dark cells.

    Cells flagged in ``boxed`` (e.g. hatched ones) get a white box behind the
    number so the hatching does not cross it.
    """
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if skip is not None and skip[i, j]:
                continue
            value = values[i, j]
            if np.isnan(value):
                continue
            if round(value, 1) == 0:
                value = 0.0  # no "-0.0"
            strength = abs(value) / vmax if vmax else 0.0
            dark = strength > (0.6 if diverging else 0.55)
            box = boxed is not None and boxed[i, j]
            ax.text(j, i, format(value, fmt), ha="center", va="center", fontsize=9,
                    color="white" if dark and not box else "#222222",
                    bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1.0)
                    if box else None)


def _legend_outside(ax, title: str | None = None) -> None:
    """The legend to the right of the plot, where it cannot cover a bar."""
    ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def _no_data(ax, lang: str) -> None:
    ax.text(0.5, 0.5, labels.text("no_data", lang), ha="center", va="center",
            transform=ax.transAxes, fontsize=12, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def _rate_table(rates: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """measure × city table of per_10k, measures and cities in order of appearance."""
    measures = _unique(rates["measure"])
    cities = _unique(rates["city"])
    frame = rates.assign(measure=rates["measure"].astype(str), city=rates["city"].astype(str))
    table = (frame.pivot_table(index="measure", columns="city", values="per_10k", aggfunc="sum")
             .reindex(index=measures, columns=cities).fillna(0.0))
    return table, measures, cities


# ---------------------------------------------------------------- rates

def measure_heatmap(rates: pd.DataFrame, lang: str = "zh") -> Chart:
    """City × measure heatmap of mentions per 10,000 characters, values written in the cells.

    Parameters
    ----------
    rates : DataFrame
        Columns ``city``, ``measure``, ``count``, ``n_chars``, ``per_10k``
        (one row per city and measure, as from ``helpers.measures.measure_rates``).
    lang : {"zh", "en"}
    """
    labels.check_lang(lang)
    _require_rates(rates)
    table, measures, cities = _rate_table(rates)
    city_names = _city_labels(cities, lang)
    measure_labels = _measure_labels(measures, lang, 12 if lang == "zh" else 26)
    values = table.to_numpy(dtype=float)
    vmax = float(np.nanmax(values)) if values.size else 0.0

    width = (2.4 if lang == "zh" else 3.4) + 1.05 * len(cities) + 1.2
    height = 1.6 + 0.42 * len(measures) + (0.3 if lang == "en" else 0)
    with chart_style():
        fig = _figure(width, height)
        ax = fig.add_subplot()
        image = ax.imshow(values, cmap="YlOrRd", aspect="auto", vmin=0, vmax=vmax or 1.0)
        _annotate_cells(ax, values, ".1f", vmax)
        ax.set_xticks(range(len(cities)), [city_names[c] for c in cities])
        ax.set_yticks(range(len(measures)), measure_labels)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(labels.text("city", lang))
        ax.set_ylabel(labels.text("measure", lang))
        ax.set_title(labels.text("heatmap_title", lang))
        colorbar = fig.colorbar(image, ax=ax, shrink=0.8)
        colorbar.set_label(labels.text("per_10k_unit", lang))

    if not (values > 0).any():
        return Chart(fig, labels.text("measures_caption_none", lang))
    i, j = np.unravel_index(int(np.nanargmax(values)), values.shape)
    names = _measure_names(measures, lang)
    caption = labels.text(
        "heatmap_caption", lang, city=city_names[cities[j]], measure=names[measures[i]],
        value=values[i, j], n_zero=int((values == 0).sum()), n_cells=int(values.size),
    )
    return Chart(fig, caption)


def measure_bars(rates: pd.DataFrame, lang: str = "zh") -> Chart:
    """Grouped horizontal bars: one group per measure, one bar per city (per 10,000 characters).

    Parameters
    ----------
    rates : DataFrame
        Columns ``city``, ``measure``, ``count``, ``n_chars``, ``per_10k``.
    lang : {"zh", "en"}
    """
    labels.check_lang(lang)
    _require_rates(rates)
    table, measures, cities = _rate_table(rates)
    city_names = _city_labels(cities, lang)
    measure_labels = _measure_labels(measures, lang, 12 if lang == "zh" else 26)

    n_cities = len(cities)
    bar = 0.8 / n_cities
    positions = np.arange(len(measures))
    height = 1.4 + len(measures) * max(0.4, 0.12 * n_cities + 0.1)
    with chart_style():
        fig = _figure(9.0, min(height, 14.0))
        ax = fig.add_subplot()
        for k, city in enumerate(cities):
            offsets = positions - 0.4 + bar * (k + 0.5)
            ax.barh(offsets, table[city].to_numpy(dtype=float), height=bar,
                    color=city_color(city), label=city_names[city])
        ax.set_yticks(positions, measure_labels)
        ax.set_ylim(len(measures) - 0.5, -0.5)  # first measure on top, as in the heatmap
        ax.set_xlabel(labels.text("per_10k_unit", lang))
        ax.set_ylabel(labels.text("measure", lang))
        ax.set_title(labels.text("bars_title", lang))
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
        ax.set_axisbelow(True)
        _legend_outside(ax, title=labels.text("city", lang))

    mentioned = table[table.max(axis=1) > 0]
    leaders = mentioned.idxmax(axis=1).value_counts()
    if mentioned.empty:
        return Chart(fig, labels.text("measures_caption_none", lang))
    n_measures = len(mentioned)
    top = int(leaders.max())
    # cities in the order they appear, so the caption is stable
    tied = [c for c in cities if leaders.get(c, 0) == top]
    if len(tied) == 1:
        caption = labels.text("bars_caption", lang, city=city_names[tied[0]], n_lead=top,
                              n_measures=n_measures)
    else:
        caption = labels.text("bars_caption_tie", lang, n_lead=top, n_measures=n_measures,
                              cities=labels.join_names([city_names[c] for c in tied], lang))
    return Chart(fig, caption)


def city_profile(rates: pd.DataFrame, city: str, lang: str = "zh") -> Chart:
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
    """
    labels.check_lang(lang)
    _require_rates(rates)
    table, measures, cities = _rate_table(rates)
    if str(city) not in cities:
        raise HelpersError(f"city {city!r} is not in the rates; use one of {', '.join(cities)}")
    city = str(city)
    frame = rates.assign(measure=rates["measure"].astype(str), city=rates["city"].astype(str))
    total_chars = frame.groupby("city")["n_chars"].max().sum()
    count_column = "count" if "count" in frame.columns else "hits"
    counts = frame.groupby("measure")[count_column].sum().reindex(measures).fillna(0)
    average = (counts / total_chars * 10_000) if total_chars else counts * 0.0
    own = table[city]
    name = labels.city_name(city, lang)
    measure_labels = _measure_labels(measures, lang, 12 if lang == "zh" else 26)
    alone = len(cities) == 1

    positions = np.arange(len(measures))
    with chart_style():
        fig = _figure(8.5, 1.4 + (0.35 if alone else 0.5) * len(measures))
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
                    color="#BDBDBD", label=labels.text("corpus_average", lang))
        ax.set_yticks(positions, measure_labels)
        ax.set_ylim(len(measures) - 0.5, -0.5)
        ax.set_xlabel(labels.text("per_10k_unit", lang))
        ax.set_ylabel(labels.text("measure", lang))
        ax.set_title(labels.text("profile_title_alone" if alone else "profile_title", lang, city=name))
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
        ax.set_axisbelow(True)
        if not alone:
            _legend_outside(ax)

    names = _measure_names(measures, lang)
    if alone:
        if (own > 0).any():
            top = own.idxmax()
            caption = labels.text("profile_caption_alone", lang, city=name, measure=names[top],
                                  value=float(own[top]))
        else:
            caption = labels.text("profile_caption_alone_none", lang, city=name)
        return Chart(fig, caption)
    excess = own - average
    if (excess > 0).any():
        top = excess.idxmax()
        caption = labels.text("profile_caption", lang, city=name, measure=names[top],
                              value=float(own[top]), average=float(average[top]))
    else:
        caption = labels.text("profile_caption_none", lang, city=name)
    return Chart(fig, caption)


def residuals_heatmap(residuals: pd.DataFrame, small: pd.DataFrame | None = None,
                      lang: str = "zh") -> Chart:
    """Standardised chi-square residuals, measure × city, diverging colours centred on 0.

    Parameters
    ----------
    residuals : DataFrame
        Index: measure ids; columns: cities; values: standardised residuals.
    small : DataFrame of bool, optional
        Same shape; True where the expected count is too small (< 5) to read
        the residual.  Those cells are hatched.
    lang : {"zh", "en"}
    """
    labels.check_lang(lang)
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
    city_names = _city_labels(cities, lang)
    measure_labels = _measure_labels(measures, lang, 12 if lang == "zh" else 26)
    finite = np.abs(values[np.isfinite(values)])
    limit = max(float(finite.max()) if finite.size else 0.0, 2.0)

    from matplotlib.patches import Patch, Rectangle

    width = (2.4 if lang == "zh" else 3.4) + 1.05 * len(cities) + 1.2
    with chart_style():
        fig = _figure(width, 2.0 + 0.42 * len(measures))
        ax = fig.add_subplot()
        image = ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
        _annotate_cells(ax, values, "+.1f", limit, diverging=True, boxed=flags)
        for i, j in zip(*np.nonzero(flags)):
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///",
                                   edgecolor="#666666", linewidth=0))
        ax.set_xticks(range(len(cities)), [city_names[c] for c in cities])
        ax.set_yticks(range(len(measures)), measure_labels)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(labels.text("city", lang))
        ax.set_ylabel(labels.text("measure", lang))
        ax.set_title(labels.text("residuals_title", lang))
        colorbar = fig.colorbar(image, ax=ax, shrink=0.8)
        colorbar.set_label(labels.text("residual_unit", lang))
        if flags.any():
            fig.legend(handles=[Patch(facecolor="white", edgecolor="#666666", hatch="///",
                                      label=labels.text("small_expected", lang))],
                       loc="outside lower center", frameon=False)

    readable = np.where(flags, np.nan, values)
    pick = readable if np.isfinite(readable).any() else values
    if not np.isfinite(pick).any():
        return Chart(fig, labels.text("residuals_caption_none", lang))
    i, j = np.unravel_index(int(np.nanargmax(pick)), pick.shape)
    names = _measure_names(measures, lang)
    caption = labels.text("residuals_caption", lang, city=city_names[cities[j]],
                          measure=names[measures[i]], value=float(values[i, j]),
                          n_small=int(flags.sum()))
    return Chart(fig, caption)


def _long_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """Accept the wide form of ``helpers.stats.compare_years`` (``per_10k_2020`` ...) too."""
    if not isinstance(frame, pd.DataFrame) or "period" in frame.columns:
        return frame
    wide = [c for c in frame.columns if str(c).startswith("per_10k_")]
    if "measure" not in frame.columns or not wide:
        return frame
    long = frame.melt(id_vars=["measure"], value_vars=wide, var_name="period",
                      value_name="per_10k")
    long["period"] = long["period"].str.removeprefix("per_10k_")
    return long


def period_comparison(rates_by_period: pd.DataFrame, lang: str = "zh") -> Chart:
    """Measure rates of the earlier articles against the later ones (e.g. 2020 vs 2022).

    Parameters
    ----------
    rates_by_period : DataFrame
        Columns ``period`` (e.g. 2020, 2022), ``measure``, ``per_10k``; or the
        wide table of ``helpers.stats.compare_years`` (``measure``,
        ``per_10k_2020``, ``per_10k_2022``, ...).
    lang : {"zh", "en"}
    """
    labels.check_lang(lang)
    rates_by_period = _long_periods(rates_by_period)
    _require(rates_by_period, ("period", "measure", "per_10k"), "rates_by_period")
    frame = rates_by_period.assign(period=rates_by_period["period"].astype(str),
                                   measure=rates_by_period["measure"].astype(str))
    measures = _unique(frame["measure"])
    # a period with no rate at all (no article of that year) is left out
    # rather than drawn as zeros
    has_rate = frame.groupby("period")["per_10k"].apply(lambda v: v.notna().any())
    periods = sorted(p for p in _unique(frame["period"]) if has_rate.get(p, False))
    if not periods:
        raise HelpersError("rates_by_period has no rate in any period; nothing to draw")
    table = (frame.pivot_table(index="measure", columns="period", values="per_10k",
                               aggfunc="sum").reindex(index=measures, columns=periods)
             .fillna(0.0))  # a period without text has no rate; drawn as 0
    measure_labels = _measure_labels(measures, lang, 12 if lang == "zh" else 26)

    n = len(periods)
    bar = 0.8 / n
    positions = np.arange(len(measures))
    first, last = periods[0], periods[-1]
    with chart_style():
        fig = _figure(8.5, 1.4 + len(measures) * max(0.45, 0.2 * n))
        ax = fig.add_subplot()
        for k, period in enumerate(periods):
            color = _PERIOD_COLORS[k] if k < len(_PERIOD_COLORS) else city_color(period)
            ax.barh(positions - 0.4 + bar * (k + 0.5), table[period].to_numpy(dtype=float),
                    height=bar, color=color, label=period)
        ax.set_yticks(positions, measure_labels)
        ax.set_ylim(len(measures) - 0.5, -0.5)
        ax.set_xlabel(labels.text("per_10k_unit", lang))
        ax.set_ylabel(labels.text("measure", lang))
        ax.set_title(labels.text("period_title", lang, first=first, second=last) if n > 1
                     else labels.text("period_title_single", lang, first=first))
        ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
        ax.set_axisbelow(True)
        _legend_outside(ax, title=labels.text("period", lang))

    if n < 2:
        caption = labels.text("period_caption_single", lang, first=first)
    else:
        change = (table[last] - table[first]).abs()
        top = change.idxmax()
        names = _measure_names(measures, lang)
        caption = labels.text("period_caption", lang, first=first, second=last,
                              measure=names[top], before=float(table.at[top, first]),
                              after=float(table.at[top, last]))
    return Chart(fig, caption)


def cooccurrence_heatmap(cooc: pd.DataFrame, lang: str = "zh") -> Chart:
    """Measure × measure counts of sentences that mention both; the diagonal is greyed out.

    Parameters
    ----------
    cooc : DataFrame
        Square, index and columns measure ids, values sentence counts.
    lang : {"zh", "en"}
    """
    labels.check_lang(lang)
    if not isinstance(cooc, pd.DataFrame) or cooc.empty:
        raise HelpersError("cooc must be a non-empty DataFrame (measure × measure)")
    measures = _unique(list(cooc.index) + list(cooc.columns))
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
    row_labels = _measure_labels(measures[1:], lang, 10 if lang == "zh" else 26)
    col_labels = _measure_labels(measures[:-1], lang, 10 if lang == "zh" else 28)

    import matplotlib

    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="white")
    size = 3.0 + 0.45 * (n - 1)
    with chart_style():
        fig = _figure(size + 2.0, size + 1.0)
        ax = fig.add_subplot()
        image = ax.imshow(np.ma.masked_invalid(lower), cmap=cmap, vmin=0, vmax=vmax or 1.0,
                          aspect="auto")
        _annotate_cells(ax, lower, ".0f", vmax)
        ax.set_xticks(range(n - 1), col_labels, rotation=90, ha="right", va="center",
                      rotation_mode="anchor")
        ax.set_yticks(range(n - 1), row_labels)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(labels.text("measure", lang))
        ax.set_ylabel(labels.text("measure", lang))
        ax.set_title(labels.text("cooc_title", lang))
        colorbar = fig.colorbar(image, ax=ax, shrink=0.8)
        colorbar.set_label(labels.text("sentences_unit", lang))

    upper = np.triu(pairs, k=1)  # each pair once
    if upper.max() > 0:
        i, j = np.unravel_index(int(np.argmax(upper)), upper.shape)
        names = _measure_names(measures, lang)
        caption = labels.text("cooc_caption", lang, first=names[measures[i]],
                              second=names[measures[j]], count=int(upper[i, j]))
    else:
        caption = labels.text("cooc_caption_none", lang)
    return Chart(fig, caption)


# ---------------------------------------------------------------- vocabulary

def city_rows(keyness: pd.DataFrame, city: str) -> pd.DataFrame:
    """The rows of a keyness table for one target city (all rows if it has no ``city`` column)."""
    if "city" not in keyness.columns:
        return keyness
    rows = keyness[keyness["city"].astype(str) == str(city)]
    if rows.empty and not keyness.empty:
        present = ", ".join(map(str, pd.unique(keyness["city"])))
        raise HelpersError(f"keyness has no rows for city {city!r}; cities present: {present}")
    return rows


def distinctive_words(keyness: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Rows of a keyness table the target overuses (log_ratio > 0, G² > 0), strongest first."""
    if not isinstance(keyness, pd.DataFrame) or any(
            c not in keyness.columns for c in ("token", "g2", "log_ratio")):
        _require(keyness, ("token", "g2", "log_ratio"), "keyness")
    rows = keyness[(keyness["log_ratio"] > 0) & (keyness["g2"] > 0)]
    rows = rows.sort_values(["g2", "token"], ascending=[False, True], kind="mergesort")
    return rows.head(top) if top is not None else rows


# Han characters only (no punctuation, digits, Latin); used by the keyness
# bars and, with the stopword list, by the word clouds.
_HAN_ONLY = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_CHINESE_NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两几")


def displayable_word(token: str, min_length: int = 2) -> bool:
    """A Chinese word worth showing: ``min_length`` or more Han characters, not a numeral.

    Single characters are mostly fragments or function words (防, 新), and
    numbers, punctuation and Latin tokens say nothing about a city's measures.
    """
    word = str(token).strip()
    return (len(word) >= min_length and bool(_HAN_ONLY.match(word))
            and not set(word) <= _CHINESE_NUMERALS)


def keyness_bars(keyness: pd.DataFrame, city: str, top: int = 15, lang: str = "zh",
                 against: str = "cities") -> Chart:
    """The ``top`` words a city overuses most against its reference, by G².

    Only :func:`displayable_word` tokens are shown, as in the word clouds.

    Parameters
    ----------
    keyness : DataFrame
        Columns ``token``, ``g2``, ``log_ratio``, ``freq_target``, ``freq_reference``
        (target = ``city``), as from ``helpers.stats.keyness`` or
        ``helpers.stats.keyness_against``; with a ``city`` column, that city's rows are used.
    city : str
    top : int
    lang : {"zh", "en"}
    against : {"cities", "general"}
        What the reference is (the other cities, or general Chinese), for the title and caption.
    """
    labels.check_lang(lang)
    suffix = labels.keyness_suffix(against)
    if top < 1:
        raise HelpersError(f"top={top}: show at least one word (top >= 1)")
    columns = ("token", "g2", "log_ratio", "freq_target", "freq_reference")
    if not isinstance(keyness, pd.DataFrame) or any(c not in keyness.columns for c in columns):
        _require(keyness, columns, "keyness")
    name = labels.city_name(city, lang)
    rows = city_rows(keyness, city)
    rows = rows[rows["token"].map(displayable_word)]
    words = distinctive_words(rows, top) if not rows.empty else rows
    with chart_style():
        fig = _figure(7.5, 1.4 + 0.32 * max(len(words), 5))
        ax = fig.add_subplot()
        if words.empty:
            _no_data(ax, lang)
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
        ax.set_xlabel(labels.text("g2_unit", lang))
        ax.set_ylabel(labels.text("keyness_axis", lang))
        ax.set_title(labels.text("keyness_title" + suffix, lang, city=name, top=max(len(words), 1)))

    if words.empty:
        caption = labels.text("keyness_caption_none" + suffix, lang, city=name)
    else:
        first = words.iloc[0]
        per_million = float(first["per_10k_reference"]) * 100 if "per_10k_reference" in first else 0.0
        caption = labels.text("keyness_caption" + suffix, lang, city=name, token=first["token"],
                              g2=float(first["g2"]), freq_target=int(first["freq_target"]),
                              freq_reference=int(first["freq_reference"]), per_million=per_million)
    return Chart(fig, caption)


# ---------------------------------------------------------------- corpus

def _year(published: object) -> str | None:
    if isinstance(published, str) and len(published) >= 4 and published[:4].isdigit():
        return published[:4]
    return None


def corpus_overview(articles: pd.DataFrame, lang: str = "zh") -> Chart:
    """Stacked bars: articles per city, split by year of publication (unknown dates in grey).

    Parameters
    ----------
    articles : DataFrame
        Columns ``id``, ``city``, ``published`` (ISO str or None), ``n_chars``.
    lang : {"zh", "en"}
    """
    labels.check_lang(lang)
    _require(articles, ("id", "city", "published"), "articles")
    unknown = labels.text("year_unknown", lang)
    years = articles["published"].map(_year)
    frame = pd.DataFrame({"city": articles["city"].astype(str),
                          "year": years.fillna(unknown)})
    counts = pd.crosstab(frame["city"], frame["year"])
    known_years = sorted(y for y in counts.columns if y != unknown)
    columns = known_years + ([unknown] if unknown in counts.columns else [])
    counts = counts.reindex(columns=columns, fill_value=0)
    totals = counts.sum(axis=1)
    cities = sorted(counts.index, key=lambda c: (-int(totals[c]), c))
    counts = counts.reindex(index=cities)
    city_names = _city_labels(cities, lang)

    import matplotlib

    ramp = matplotlib.colormaps["Blues"]
    colors = {y: matplotlib.colors.to_hex(ramp(0.4 + 0.5 * k / max(len(known_years) - 1, 1)))
              for k, y in enumerate(known_years)}
    colors[unknown] = _UNKNOWN_YEAR_COLOR
    long_names = max(len(n) for n in city_names.values()) > (4 if lang == "zh" else 9)
    with chart_style():
        fig = _figure(max(5.0, 1.8 + 0.9 * len(cities)), 4.2)
        ax = fig.add_subplot()
        bottom = np.zeros(len(cities))
        positions = np.arange(len(cities))
        for year in columns:
            heights = counts[year].to_numpy(dtype=float)
            ax.bar(positions, heights, bottom=bottom, color=colors[year], label=year, width=0.65)
            bottom += heights
        for x, total in zip(positions, bottom):
            ax.text(x, total, f"{int(total)}", ha="center", va="bottom", fontsize=9)
        tick_text = [city_names[c] for c in cities]
        if long_names and len(cities) > 4:
            ax.set_xticks(positions, tick_text, rotation=30, ha="right", rotation_mode="anchor")
        else:
            ax.set_xticks(positions, tick_text)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(0, max(float(bottom.max()), 1.0) * 1.15)  # room for the totals
        ax.set_xlabel(labels.text("city", lang))
        ax.set_ylabel(labels.text("articles_unit", lang))
        ax.set_title(labels.text("overview_title", lang))
        _legend_outside(ax, title=labels.text("year", lang))

    most = int(totals[cities[0]])
    tied = [c for c in cities if int(totals[c]) == most]
    fields = dict(n_articles=int(totals.sum()), n_cities=len(cities), n_city=most)
    if len(cities) == 1:
        caption = labels.text("overview_caption_single", lang, city=city_names[cities[0]],
                              n_articles=most)
    elif len(tied) == 1:
        caption = labels.text("overview_caption", lang, city=city_names[tied[0]], **fields)
    elif len(tied) == len(cities):
        caption = labels.text("overview_caption_even", lang, **fields)
    else:
        caption = labels.text("overview_caption_tie", lang, **fields,
                              cities=labels.join_names([city_names[c] for c in tied], lang))
    return Chart(fig, caption)
