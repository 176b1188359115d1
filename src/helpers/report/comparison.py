"""A comparison of groups of articles as a report shows it: what it can say, and its tests when it has any.

:func:`show_comparison` is the one call a notebook makes: the paragraph of
:func:`helpers.report.prose.comparison_summary` (descriptive, and why, when
the groups are too small), and only when tests ran the table of tests
(p-values beside Benjamini–Hochberg adjusted p-values and Cramér's V) and
the chart of adjusted standardized residuals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers.report.charts.comparison import comparison_residuals
from helpers.report.markup import paragraph
from helpers.report.prose import comparison_summary
from helpers.report.style import show
from helpers.report.tables.measures import comparison_tests

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook
    from helpers.analysis.inference import GroupComparison


def show_comparison(comparison: GroupComparison, lang: str, codebook: Codebook | None = None,
                    by: str = "city") -> None:
    """Display a comparison in a notebook: its summary, then its tests and residuals if it was tested."""
    from IPython.display import display

    display(paragraph(comparison_summary(comparison, lang, codebook, by)))
    if comparison.tested and not comparison.tests.empty:
        display(comparison_tests(comparison, lang, codebook, by))
        show(comparison_residuals(comparison, lang, codebook, by))
