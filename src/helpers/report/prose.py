"""Sentences and paragraphs made from the analysis: what a test says, what a city's coverage holds."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report.dates import publication_text
from helpers.report.markup import markdown, markdown_heading, markdown_text
from helpers.report.names import city_name

if TYPE_CHECKING:
    from helpers.analysis.contingency import ChiSquareResult
    from helpers.analysis.facade import Analysis


def chi_square_summary(
    result: ChiSquareResult,
    lang: str,
    names: Mapping[str, str] | None = None,
    city_names: Mapping[str, str] | None = None,
) -> str:
    """A plain-language paragraph: what the test asks, its result, and where counts are too small.

    Plain text; a notebook shows it with :func:`helpers.report.markup.paragraph`.  ``names``
    maps measure ids to display names (``analysis.codebook.names(lang)``); ``city_names`` maps
    cities to display names (default: the gazetteer's, in ``lang``).
    """
    check_lang(lang)
    names = names or {}
    if city_names is None:
        city_names = {str(c): city_name(str(c), lang) for c in result.observed.columns}
    n_cells = int(result.small_expected.size)
    n_small = int(result.small_expected.to_numpy().sum())
    # measures too rare to compare anywhere: every one of their cells is too small
    small_measures = [
        names.get(m, m) for m in result.small_expected.index if bool(result.small_expected.loc[m].all())
    ]
    strong = result.cells()
    strong = strong[(strong["adjusted_residual"].abs() > 1.96) & ~strong["small_expected"]]
    paragraph = text("chi_square.question", lang) + text(
        "chi_square.result", lang, statistic=result.statistic, dof=result.dof, p_value=result.p_value
    )
    if n_cells == 0 or math.isnan(result.statistic):
        return paragraph + text("chi_square.nothing_to_test", lang)
    if result.reliable:
        paragraph += text("chi_square.reliable", lang)
    else:
        paragraph += text("chi_square.unreliable", lang, n_cells=n_cells, n_small=n_small, share=n_small / n_cells)
        if small_measures:
            key = "chi_square.too_rare_one" if len(small_measures) == 1 else "chi_square.too_rare_many"
            paragraph += text(key, lang, measures=text("chi_square.name_separator", lang).join(small_measures))
        else:
            paragraph += text("chi_square.unreliable_end", lang)
    paragraph += text("chi_square.not_independent", lang)
    if len(strong):
        parts = [
            text("chi_square.cell_more" if r.adjusted_residual > 0 else "chi_square.cell_less", lang,
                 measure=names.get(r.measure, r.measure), city=city_names.get(r.city, r.city))
            for r in strong.itertuples()
        ]
        paragraph += text("chi_square.cells", lang, cells=text("chi_square.list_separator", lang).join(parts))
    return paragraph.strip()


def city_summary(analysis: Analysis, city: str, lang: str):
    """A heading and one sentence: how many articles, characters and which dates the city has.

    A publication date from the manual metadata, or one that is a bound or an
    approximation, is marked (:func:`helpers.report.dates.publication_text`).

    Returns an ``IPython.display.Markdown`` whose text, the city's name included, is escaped.
    """
    articles = analysis.articles[analysis.articles["city"] == city]
    name = city_name(city, lang)
    dated = sorted((r.published, publication_text(r.published, getattr(r, "published_provenance", None),
                                                  getattr(r, "published_qualifier", None), lang))
                   for r in articles.itertuples() if isinstance(r.published, str) and r.published)
    shown = [s for _, s in dated]
    span = (shown[0] if len(set(shown)) == 1 else f"{shown[0]} – {shown[-1]}") if shown else None
    n, chars = len(articles), int(articles["n_chars"].sum())
    plural = "article" if n == 1 else "articles"
    if span:
        line = text("profile.summary_dated", lang, n=n, articles=plural, chars=chars, span=span)
    else:
        line = text("profile.summary_undated", lang, n=n, articles=plural, chars=chars)
    title = text("profile.heading", lang, city=name)
    return markdown(markdown_heading(title, 1), markdown_text(line))
