"""What the reports count, when they test a comparison, how they weigh words, and what none of it can show.

The settings (articles a group needs before a test, the significance level)
are read from the statistics settings the analysis uses, the keyness minimum
from :func:`helpers.analysis.keyness.keyness`, and whether this corpus allows a
test from the analysis' own comparison of cities, so the page says what the
other reports do with these articles.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING

from helpers.analysis.inference import load_statistics
from helpers.analysis.keyness import keyness
from helpers.catalogue import text
from helpers.corpus.gazetteer import default_gazetteer
from helpers.langs import check_lang
from helpers.report.markup import html_text
from helpers.report.methods.html import bullets, heading, say
from helpers.report.names import city_name

if TYPE_CHECKING:
    from IPython.display import HTML

    from helpers.analysis.facade import Analysis

_LIMITS = ("one_article", "coverage", "coding", "collected")


def statistics_section(analysis: Analysis, lang: str) -> HTML:
    """The statistics section (see :func:`statistics_html`)."""
    from IPython.display import HTML

    return HTML(statistics_html(analysis, lang))


def statistics_html(analysis: Analysis, lang: str) -> str:
    """Units of counting, when a comparison is tested (and whether this corpus allows it), keyness, limits."""
    check_lang(lang)
    settings = load_statistics()
    min_freq = inspect.signature(keyness).parameters["min_freq"].default
    return "".join([
        heading(2, "statistics", text("methods.statistics.heading", lang)),
        say("methods.statistics.units", lang),
        say("methods.statistics.tests", lang, needed=settings.min_articles_per_group,
            level=f"{settings.significance:g}"),
        _this_corpus(analysis, lang),
        say("methods.statistics.keyness", lang, min_freq=min_freq, needed=settings.min_articles_per_group),
        say("methods.statistics.limits_intro", lang),
        bullets(html_text(text(f"methods.statistics.limit_{key}", lang)) for key in _LIMITS),
    ])


def _this_corpus(analysis: Analysis, lang: str) -> str:
    """Whether these articles allow a test across cities (national coverage left out), and why not."""
    comparison = analysis.compare_cities()
    sizes = sorted(comparison.groups.values())
    counts = "0" if not sizes else str(sizes[0]) if sizes[0] == sizes[-1] else f"{sizes[0]}–{sizes[-1]}"
    if comparison.tested:
        case = "tested"
    elif len(comparison.groups) < 2:
        case = "one_group"
    else:
        case = "descriptive"
    national = default_gazetteer().national
    return say(f"methods.statistics.here_{case}", lang, cities=len(comparison.groups), counts=counts,
               needed=comparison.needed, national=city_name(national, lang))
