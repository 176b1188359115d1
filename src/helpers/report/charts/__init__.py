"""Every figure of the reports: titled, labelled with units, with a caption that says what to read.

Each function returns a :class:`helpers.report.style.Chart` (the figure and
one sentence computed from the data); notebooks show it with
:func:`helpers.report.style.show`.
"""

from helpers.report.charts.corpus import corpus_overview
from helpers.report.charts.measures import (
    city_profile,
    cooccurrence_heatmap,
    measure_bars,
    measure_heatmap,
    period_comparison,
    residuals_heatmap,
)
from helpers.report.charts.timeline import event_periods, plot_article_events, plot_publication_dates
from helpers.report.charts.vocabulary import keyness_bars

__all__ = [
    "city_profile",
    "cooccurrence_heatmap",
    "corpus_overview",
    "event_periods",
    "keyness_bars",
    "measure_bars",
    "measure_heatmap",
    "period_comparison",
    "plot_article_events",
    "plot_publication_dates",
    "residuals_heatmap",
]
