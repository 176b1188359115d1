"""The chart of a test between groups of articles: adjusted standardized residuals, read with one threshold.

Drawn only when :func:`helpers.analysis.inference.compare_groups` ran its
tests (every group large enough).  A cell is coloured only when its measure
differs between the groups after the Benjamini–Hochberg adjustment and its
residual lies beyond the comparison's one threshold (±1.96 at the 5 % level);
the rows of measures that do not differ are grey.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from helpers.catalogue import text
from helpers.errors import HelpersError
from helpers.langs import check_lang
from helpers.report import names
from helpers.report.charts.common import figure, groups_across, heatmap_axes, heatmap_size, measure_labels
from helpers.report.style import Chart, chart_style

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook
    from helpers.analysis.inference import GroupComparison

_NOT_SIGNIFICANT = "#E6E6E6"


def comparison_residuals(comparison: GroupComparison, lang: str = "zh", codebook: Codebook | None = None,
                         by: str = "city") -> Chart:
    """Measure × group adjusted standardized residuals of a comparison that was tested.

    Parameters
    ----------
    comparison : GroupComparison
        From :func:`helpers.analysis.inference.compare_groups`, with ``tested`` true.
    lang : {"zh", "en"}
    codebook : Codebook, optional
        Where the measure names come from (the analysis's codebook); the shipped one by default.
    by : {"city", "year"}
        What the groups are.
    """
    check_lang(lang)
    names.check_kind(by)
    if not comparison.tested or comparison.residuals.empty:
        raise HelpersError("this comparison ran no test, so it has no residuals to draw; "
                           "fix: show its summary (helpers.report.comparison) instead")
    residuals = comparison.residuals
    measures = [str(m) for m in residuals.index]
    groups = list(residuals.columns)
    values = residuals.to_numpy(dtype=float)
    significant = comparison.tests.set_index("measure")["significant"].reindex(residuals.index)
    significant = significant.fillna(False).to_numpy(dtype=bool)
    threshold = comparison.threshold
    beyond = significant[:, None] & (np.abs(values) > threshold)

    import matplotlib
    from matplotlib.colors import Normalize, to_rgba
    from matplotlib.patches import Patch

    limit = max(float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 0.0, threshold + 1)
    cmap, norm = matplotlib.colormaps["RdBu_r"], Normalize(-limit, limit)
    colours = np.empty(values.shape + (4,))
    colours[:] = to_rgba("white")
    colours[~significant] = to_rgba(_NOT_SIGNIFICANT)
    colours[beyond] = cmap(norm(values[beyond]))
    columns = [f"{names.group_name(g, lang, by)}\n{names.count_articles(comparison.groups[g], lang)}"
               for g in groups]
    across = groups_across(len(groups))  # many groups: a row per group, the cells drawn transposed
    tick_labels = measure_labels(measures, lang, 12 if lang == "zh" else 26, codebook=codebook)
    with chart_style():
        fig = figure(*heatmap_size(tick_labels, columns, lang, extra=0.2))
        ax = fig.add_subplot()
        ax.imshow(colours.transpose(1, 0, 2) if across else colours, aspect="auto", interpolation="none")
        for i, j in np.ndindex(values.shape):
            if np.isfinite(values[i, j]):
                strong = beyond[i, j] and abs(norm(values[i, j]) - 0.5) > 0.3
                ax.text(*((i, j) if across else (j, i)), f"{values[i, j]:+.1f}", ha="center", va="center",
                        fontsize=9, color="white" if strong else "#222222")
        heatmap_axes(ax, tick_labels, columns, text(f"chart.{by}", lang), lang)
        ax.set_title(text("chart.residuals_title", lang, kind=text(f"stats.kind_{by}", lang)))
        mappable = matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap)
        fig.colorbar(mappable, ax=ax, shrink=0.8).set_label(text("chart.residual_unit", lang))
        if not significant.all():
            fig.legend(handles=[Patch(facecolor=_NOT_SIGNIFICANT, edgecolor="#999999",
                                      label=text("chart.not_significant", lang))],
                       loc="outside lower center", frameon=False)
    return Chart(fig, text("chart.residuals_caption", lang, threshold=threshold,
                           n_significant=int(significant.sum())))
