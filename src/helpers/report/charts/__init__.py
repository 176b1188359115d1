"""Every figure of the reports: titled, labelled with units and n, with a caption that says what to read.

Each function returns a :class:`helpers.report.style.Chart` (the figure and
one sentence computed from the data); notebooks show it with
:func:`helpers.report.style.show`.
"""

from helpers.report.charts.comparison import comparison_residuals
from helpers.report.charts.corpus import corpus_overview
from helpers.report.charts.measures import city_measures, cooccurrence_heatmap, emphasis_heatmap, presence_heatmap
from helpers.report.charts.timeline import event_periods, plot_article_events, plot_publication_dates
from helpers.report.charts.vocabulary import keyness_bars

__all__ = [
    "city_measures",
    "comparison_residuals",
    "cooccurrence_heatmap",
    "corpus_overview",
    "emphasis_heatmap",
    "event_periods",
    "keyness_bars",
    "plot_article_events",
    "plot_publication_dates",
    "presence_heatmap",
]
