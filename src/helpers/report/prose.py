"""Sentences and paragraphs made from the analysis: what a test says, what a city's coverage holds."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from helpers.catalogue import text
from helpers.langs import check_lang
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

    Returns an ``IPython.display.Markdown`` whose text, the city's name included, is escaped.
    """
    articles = analysis.articles[analysis.articles["city"] == city]
    name = city_name(city, lang)
    dates = sorted(d for d in articles["published"] if isinstance(d, str) and d)
    span = (dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}") if dates else None
    n, chars = len(articles), int(articles["n_chars"].sum())
    plural = "article" if n == 1 else "articles"
    if span:
        line = text("profile.summary_dated", lang, n=n, articles=plural, chars=chars, span=span)
    else:
        line = text("profile.summary_undated", lang, n=n, articles=plural, chars=chars)
    title = text("profile.heading", lang, city=name)
    return markdown(markdown_heading(title, 1), markdown_text(line))


def keyness_note(keyness: pd.DataFrame, city: str, lang: str):
    """What a city's keyness figures rest on: the reference, and the city's articles (one: say so).

    Returns an ``IPython.display.Markdown`` paragraph, escaped.
    """
    from helpers.analysis.keyness import city_rows, reference_of

    check_lang(lang)
    rows = city_rows(keyness, city)
    name = city_name(city, lang)
    if reference_of(rows) == "general":
        parts = [text("vocabulary.against_general", lang)]
    else:
        rest = int(rows["reference_articles"].iloc[0]) if len(rows) and "reference_articles" in rows else 0
        parts = [text("vocabulary.against_cities", lang, rest=rest)]
    n = int(rows["group_articles"].iloc[0]) if len(rows) and "group_articles" in rows else 0
    if n == 1:
        parts.append(text("vocabulary.one_article", lang, city=name))
    elif n > 1:
        parts.append(text("vocabulary.several_articles", lang, city=name, n=n))
    return markdown(markdown_text(" ".join(parts) if lang == "en" else "".join(parts)))


def keyness_overview_note(keyness: pd.DataFrame, lang: str, min_articles: int | None = None):
    """Which reference the overview's cities were weighed against, and why (a Markdown paragraph, escaped)."""
    from helpers.analysis.inference import load_statistics

    check_lang(lang)
    needed = load_statistics().min_articles_per_group if min_articles is None else min_articles
    if keyness.empty:
        return markdown("")
    per_city = keyness.drop_duplicates("city")
    references = set(per_city["reference"])
    if references == {"general"}:
        rest = int(per_city["city"].map(_articles_outside(keyness)).max())
        line = text("vocabulary.overview_general", lang, rest=rest, needed=needed)
    elif references == {"cities"}:
        line = text("vocabulary.overview_cities", lang, needed=needed)
    else:
        line = text("vocabulary.overview_mixed", lang, needed=needed)
    return markdown(markdown_text(line))


def _articles_outside(keyness: pd.DataFrame) -> dict[str, int]:
    """City → articles of the other cities of the table."""
    articles = keyness.drop_duplicates("city").set_index("city")["group_articles"].astype(int)
    total = int(articles.sum())
    return {city: total - int(n) for city, n in articles.items()}
