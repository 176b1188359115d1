"""What every chart shares: argument checks, figure size, names on axes, cell labels, legends."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers.catalogue import text
from helpers.errors import HelpersError
from helpers.report import names
from helpers.report.style import MAX_WIDTH_IN, text_width

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook

def require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> pd.DataFrame:
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


def unique(values: Iterable[object]) -> list[str]:
    """Distinct values as str, in order of first appearance (stable for the same input)."""
    return [str(v) for v in pd.unique(pd.Series(list(values), dtype=object).astype(str))]


def figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(min(width, MAX_WIDTH_IN), max(height, 2.5)), layout="constrained")


def heatmap_width(row_labels: Sequence[str], columns: Sequence[str]) -> float:
    """Width in inches of a heatmap with these tick labels: the row names, a column per group, the colour bar.

    Columns are as wide as their (multi-line) names at the tick size, at least 0.75 inch.
    """

    def widest(labels: Sequence[str]) -> float:
        return max((text_width(line, 10) for label in labels for line in str(label).split("\n")), default=0.0) / 72

    return widest(row_labels) + 0.6 + max(0.75, widest(columns) + 0.15) * len(columns) + 1.3


def measure_labels(measures: Sequence[str], lang: str, width: int | None = None,
                   codebook: Codebook | None = None) -> list[str]:
    """Short measure names wrapped to ``width`` for tick labels."""
    short = measure_names(measures, lang, codebook)
    return [names.wrap_label(short[m], lang, width) for m in measures]


def measure_names(measures: Sequence[str], lang: str, codebook: Codebook | None = None) -> dict[str, str]:
    """Short measure names (without the bracketed explanation) for ticks and captions."""
    full = names.measure_names(measures, lang, codebook)
    return {m: names.short_label(full[m]) for m in measures}


def city_labels(cities: Sequence[str], lang: str) -> dict[str, str]:
    return {c: names.city_name(c, lang) for c in cities}


def annotate_cells(ax, values: np.ndarray, fmt: str, vmax: float) -> None:
    """Write each cell's value on a heatmap (empty cells, NaN, left blank), white on dark cells."""
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            value = values[i, j]
            if np.isnan(value):
                continue
            dark = (abs(value) / vmax if vmax else 0.0) > 0.55
            ax.text(j, i, format(value, fmt), ha="center", va="center", fontsize=9,
                    color="white" if dark else "#222222")



# Above this many groups a measure × group heatmap turns: a row per group, measures across, so
# the page grows downwards (and stays readable on a phone) instead of squeezing every column.
MANY_GROUPS = 12


def groups_across(n_groups: int) -> bool:
    """Whether a heatmap of ``n_groups`` groups puts them on rows (see :data:`MANY_GROUPS`)."""
    return n_groups > MANY_GROUPS


def heatmap_size(tick_labels: Sequence[str], columns: Sequence[str], lang: str,
                 extra: float = 0.0) -> tuple[float, float]:
    """Width and height (inches) of a measure × group heatmap, groups on columns or, when many, on rows."""
    n_measures, n_groups = len(tick_labels), len(columns)
    if groups_across(n_groups):
        labels = 2.4 if lang == "zh" else 3.4
        return labels + 0.75 * n_measures + 1.2, 2.6 + 0.42 * n_groups + (1.6 if lang == "en" else 0.9) + extra
    return heatmap_width(tick_labels, columns), 2.0 + 0.42 * n_measures + (0.3 if lang == "en" else 0) + extra


def heatmap_axes(ax, measure_ticks: Sequence[str], group_ticks: Sequence[str], group_axis: str, lang: str) -> None:
    """Ticks and axis names of a measure × group heatmap drawn as :func:`groups_across` says.

    With groups on rows the values drawn must be the transpose (group × measure); a group's
    label is put on one line, its parts (name, n) apart by a middle dot.
    """
    if groups_across(len(group_ticks)):
        ax.set_yticks(range(len(group_ticks)), [" · ".join(label.split("\n")) for label in group_ticks])
        ax.set_xticks(range(len(measure_ticks)), measure_ticks, rotation=90)
        ax.set_xlabel(text("chart.measure", lang))
        ax.set_ylabel(group_axis)
    else:
        ax.set_xticks(range(len(group_ticks)), group_ticks)
        ax.set_yticks(range(len(measure_ticks)), measure_ticks)
        ax.set_xlabel(group_axis)
        ax.set_ylabel(text("chart.measure", lang))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
