"""Sentences and paragraphs made from the analysis: what a comparison can say, what a city's coverage holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report.dates import publication_text
from helpers.report.markup import markdown, markdown_heading, markdown_text
from helpers.report.names import (
    check_kind,
    count_articles,
    group_name,
    join_names,
    measure_names,
    place,
)

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook
    from helpers.analysis.facade import Analysis
    from helpers.analysis.inference import GroupComparison


def comparison_summary(comparison: GroupComparison, lang: str, codebook: Codebook | None = None,
                       by: str = "city") -> str:
    """What a comparison of groups of articles can say, in plain language.

    Without a test (too few articles, or one group): that the figures are
    descriptive, why, and how many articles each group would need.  With
    tests: the unit, the test, the correction, how many measures differ and
    which cells depart from independence (adjusted standardized residuals
    beyond the one threshold, in measures that differ after correction).
    Then the articles left out, if any.  Plain text; a notebook shows it
    with :func:`helpers.report.markup.paragraph`.
    """
    check_lang(lang)
    check_kind(by)
    kind, kinds = text(f"stats.kind_{by}", lang), text(f"stats.kinds_{by}", lang)
    counts = join_names([text("stats.group_count", lang, group=group_name(g, lang, by), count=count_articles(n, lang))
                         for g, n in comparison.groups.items()], lang)
    if not comparison.tested:
        paragraph = text(comparison.reason, lang, counts=counts, kind=kind, kinds=kinds, needed=comparison.needed)
    else:
        paragraph = text("stats.tested", lang, counts=counts, kind=kind, kinds=kinds)
        paragraph += _test_results(comparison, lang, codebook, by)
    for reason, n in comparison.left_out.items():
        paragraph += text(reason, lang, count=count_articles(n, lang))
    return paragraph.strip()


def _test_results(comparison: GroupComparison, lang: str, codebook: Codebook | None, by: str) -> str:
    tests = comparison.tests
    if tests.empty:
        return text("stats.nothing_to_test", lang)
    names = measure_names(tests["measure"], lang, codebook)
    differ = [names[m] for m in tests.loc[tests["significant"].astype(bool), "measure"]]
    listed = ""
    if differ:
        listed = text("stats.measures_named", lang, measures=text("stats.list_separator", lang).join(differ))
    result = text("stats.corrected", lang, n_tests=len(tests), level=comparison.significance,
                  n_significant=len(differ), measures=listed)
    cells = comparison.notable_cells()
    if len(cells):
        parts = [text("stats.cell_more" if r.residual > 0 else "stats.cell_less", lang,
                      measure=names[r.measure], group=group_name(r.group, lang, by))
                 for r in cells.itertuples()]
        result += text("stats.residual_cells", lang, threshold=comparison.threshold,
                       cells=text("stats.cell_separator", lang).join(parts))
    return result


def city_summary(analysis: Analysis, city: str, lang: str):
    """A heading and one sentence: how many articles, characters and which dates the city has.

    A publication date from the manual metadata, or one that is a bound or an
    approximation, is marked (:func:`helpers.report.dates.publication_text`).

    Returns an ``IPython.display.Markdown`` whose text, the city's name included, is escaped.
    """
    metadata = analysis.article_metadata
    articles = metadata[metadata["city"] == city]
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
    title = place(city, lang).profile
    return markdown(markdown_heading(title, 1), markdown_text(line))


def keyness_note(keyness: pd.DataFrame, city: str, lang: str):
    """What a city's keyness figures rest on: the reference, and the city's articles (one: say so).

    Returns an ``IPython.display.Markdown`` paragraph, escaped.
    """
    from helpers.analysis.keyness import city_rows, reference_of

    check_lang(lang)
    rows = city_rows(keyness, city)
    name = place(city, lang)
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
