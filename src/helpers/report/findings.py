"""What the analysis found, in a few sentences a reader can check: generated, never hand-written.

The index opens with :func:`corpus_paragraph` and :func:`findings`; the
reports open with :func:`opening`.  Every finding is computed from the
:class:`~helpers.analysis.Analysis` of the seeds (so it changes when they
change), names the n it rests on, carries its caveat, and points at the
section of a report that shows the evidence (``page`` and ``anchor``: the
notebooks mark those sections with ``<a id="...">``).

What a finding may say follows what the sample can carry
(:mod:`helpers.analysis.inference`): counts of articles and sentences
always; a difference between cities only when the comparison was tested,
and then only what survived the correction.  The closing caveat
(:func:`closing_caveat`) says the articles were collected, not sampled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from helpers.analysis.inference import share_text
from helpers.catalogue import text
from helpers.corpus.gazetteer import default_gazetteer
from helpers.langs import check_lang
from helpers.report.genre import REPORTING, genre_name
from helpers.report.names import count_articles, join_names, place, short_label

if TYPE_CHECKING:
    from helpers.analysis import Analysis

#: How many measures a finding names at most (all measures tied at the top are named up to this).
MAX_NAMED = 3

#: How many cities the corpus paragraph names one by one (the rest are counted together).
MAX_CITIES = 8

#: Section anchors the findings link to, by name: (notebook stem, element id on its pages).
ANCHORS = {
    "articles": ("01_corpus_overview", "articles"),
    "presence": ("03_measures_comparison", "presence"),
    "emphasis": ("03_measures_comparison", "emphasis"),
    "tests": ("03_measures_comparison", "tests"),
    "years": ("03_measures_comparison", "years"),
    "events": ("04_timeline", "events"),
}


@dataclass(frozen=True)
class Finding:
    """One headline finding: a sentence with its n, its caveat, and where its evidence is shown."""

    text: str
    caveat: str
    page: str  # notebook stem, e.g. 03_measures_comparison
    anchor: str  # element id on that page

    def href(self, lang: str) -> str:
        """The link from the index (``reports/index.html``) to the evidence, in ``lang``'s report."""
        return f"{check_lang(lang)}/{self.page}.html#{self.anchor}"

    def to_json(self, lang: str) -> dict[str, str]:
        return {"text": self.text, "caveat": self.caveat, "href": self.href(lang)}


def _finding(key: str, caveat_key: str, where: str, lang: str, **fields: object) -> Finding:
    page, anchor = ANCHORS[where]
    return Finding(text(f"findings.{key}", lang, **fields), text(f"findings.{caveat_key}", lang), page, anchor)


def _name(measure: str, analysis: Analysis, lang: str) -> str:
    name = short_label(analysis.codebook.name(measure, lang))
    return name if lang == "zh" else name[:1].lower() + name[1:]


def _measures_with_counts(rows: Iterable[tuple[str, int]], n: int, analysis: Analysis, lang: str) -> str:
    return join_names((text("findings.measure_count", lang, measure=_name(m, analysis, lang),
                            share=share_text(k, n)) for m, k in rows), lang)


def _top(counts: pd.Series, largest: bool) -> list[tuple[str, int]]:
    """The measures tied at the top (or bottom) of ``counts``, in codebook order, at most :data:`MAX_NAMED`."""
    if counts.empty:
        return []
    best = counts.max() if largest else counts.min()
    return [(str(m), int(k)) for m, k in counts.items() if k == best][:MAX_NAMED]


def _sentences(parts: list[str], lang: str) -> str:
    """Whole sentences as one paragraph (Chinese runs them on; English puts a space between)."""
    return ("" if lang == "zh" else " ").join(parts)


def corpus_paragraph(analysis: Analysis, lang: str) -> str:
    """The corpus in one paragraph: articles, cities, years of publication, genres, what was left out."""
    check_lang(lang)
    articles = analysis.article_metadata
    national_label = default_gazetteer().national
    per_city = articles["city"].value_counts(sort=False)
    local = [(c, int(k)) for c, k in per_city.items() if c != national_label]
    local.sort(key=lambda item: -item[1])  # most articles first; ties keep the corpus order
    groups = [text("findings.corpus_city_count", lang, city=place(c, lang), n=k) for c, k in local[:MAX_CITIES]]
    if len(local) > MAX_CITIES:
        rest = local[MAX_CITIES:]
        groups.append(text("findings.corpus_more_cities", lang, n=len(rest), k=sum(k for _, k in rest)))
    n_national = int(per_city.get(national_label, 0))
    if n_national:
        groups.append(text("findings.corpus_national", lang, n=n_national))
    years = sorted({str(p)[:4] for p in articles["published"] if isinstance(p, str) and p})
    undated = int(sum(1 for p in articles["published"] if not (isinstance(p, str) and p)))
    genres = articles["genre"].fillna("unknown").value_counts()
    parts = [text("findings.corpus_articles", lang, articles=count_articles(len(articles), lang),
                  groups=join_names(groups, lang))]
    if years:
        span = years[0] if len(years) == 1 else text("findings.year_span", lang, first=years[0], last=years[-1])
        parts.append(text("findings.corpus_years", lang, span=span))
    if undated:
        parts.append(text("findings.corpus_undated", lang, articles=count_articles(undated, lang)))
    parts.append(text("findings.corpus_genres", lang, genres=join_names(
        (text("findings.genre_count", lang, genre=genre_name(g, lang), n=int(k)) for g, k in genres.items()), lang)))
    duplicates = analysis.n_all_articles - len(articles)
    if duplicates:
        parts.append(text("findings.corpus_duplicates", lang, articles=count_articles(duplicates, lang)))
    skipped = len(analysis.skipped)
    if skipped:
        parts.append(text("findings.corpus_skipped", lang, n=skipped))
    return _sentences(parts, lang)


def _presence_findings(analysis: Analysis, lang: str, cities: list[str] | None = None) -> list[Finding]:
    n = len(analysis.metadata_for(cities))
    if n == 0:
        return []
    described = analysis.presence_for(cities).groupby("measure", sort=False)["with_measure"].sum()
    described = described.reindex(analysis.codebook.ids).fillna(0).astype(int)
    found = []
    most = _top(described, largest=True)
    if most and most[0][1] > 0:
        found.append(_finding("most_described", "caveat_article_unit", "presence", lang,
                              measures=_measures_with_counts(most, n, analysis, lang), n=count_articles(n, lang)))
    least = _top(described, largest=False)
    if least and most and least[0][1] < most[0][1]:
        found.append(_finding("least_described", "caveat_not_done", "presence", lang,
                              measures=_measures_with_counts(least, n, analysis, lang)))
    sentences = analysis.coded_sentences(cities)
    if sentences:
        coded = analysis.presence_for(cities).groupby("measure", sort=False)["sentences"].sum()
        per_measure = coded.reindex(analysis.codebook.ids).fillna(0).astype(int)
        top = _top(per_measure, largest=True)
        if top:
            names = join_names((_name(m, analysis, lang) for m, _ in top), lang)
            found.append(_finding("most_sentences", "caveat_emphasis", "emphasis", lang, measures=names,
                                  k=top[0][1], sentences=sentences))
    return found


def _comparison_finding(analysis: Analysis, lang: str, cities: list[str] | None = None) -> Finding | None:
    comparison = analysis.compare_cities(cities)
    if not comparison.groups:
        return None
    if comparison.tested:
        differ = comparison.tests[comparison.tests["significant"].astype(bool)]
        names = join_names((_name(m, analysis, lang) for m in differ["measure"]), lang)
        key = "tested_differ" if len(differ) else "tested_none"
        return _finding(key, "caveat_tested", "tests", lang, k=len(differ), m=len(comparison.tests),
                        measures=names, groups=len(comparison.groups), level=comparison.significance)
    sizes = sorted(comparison.groups.values())
    low, high = sizes[0], sizes[-1]
    span = str(low) if low == high else text("findings.range", lang, low=low, high=high)
    return _finding("not_tested", "caveat_descriptive", "tests", lang, groups=len(comparison.groups),
                    span=span, needed=comparison.needed)


def _events_finding(analysis: Analysis, lang: str, cities: list[str] | None = None) -> Finding | None:
    events = analysis.events[analysis.events["city"].isin(analysis.check_cities(cities))]
    if events.empty:
        return None
    dated = events[events["date"].astype(str).str.match(r"^\d{4}")]
    articles = events["id"].nunique()
    n = len(analysis.metadata_for(cities))
    if dated.empty:
        return _finding("events_undated", "caveat_events", "events", lang, k=len(events),
                        articles=share_text(articles, n))
    ends = dated["end_date"].where(dated["end_date"].notna(), dated["date"]).astype(str)
    first, last = str(dated["date"].min()), str(ends.max())
    unresolved = len(events) - len(dated)
    key = "events_span_unresolved" if unresolved else "events_span"
    return _finding(key, "caveat_events", "events", lang, k=len(events), articles=share_text(articles, n),
                    first=first, last=last, unresolved=unresolved)


def _genre_finding(analysis: Analysis, lang: str) -> Finding | None:
    genres = analysis.article_metadata["genre"].fillna("unknown")
    known = genres[genres != "unknown"]
    not_reports = known[~known.isin(REPORTING)]
    if not_reports.empty:
        return None
    kinds = join_names((genre_name(g, lang) for g in dict.fromkeys(not_reports)), lang)
    return _finding("not_reports", "caveat_genre", "articles", lang,
                    share=share_text(len(not_reports), len(genres)), kinds=kinds)


def findings(analysis: Analysis, lang: str) -> list[Finding]:
    """The headline findings, in reading order: what most articles describe, emphasis, tests, dates, genre."""
    check_lang(lang)
    found = _presence_findings(analysis, lang)
    for extra in (_comparison_finding(analysis, lang), _events_finding(analysis, lang),
                  _genre_finding(analysis, lang)):
        if extra is not None:
            found.append(extra)
    return found


def closing_caveat(analysis: Analysis, lang: str) -> str:
    """What every finding shares: the articles were collected, not sampled."""
    return text("findings.closing", lang, articles=count_articles(len(analysis.article_metadata), lang))


def opening(analysis: Analysis, lang: str, report: str, cities: list[str] | None = None) -> str:
    """Two or three sentences that open a report with what it shows for these articles.

    ``report`` is a notebook stem: ``01_corpus_overview``, ``03_measures_comparison`` or
    ``04_timeline``; ``cities`` are the cities the report is limited to (None: all).
    """
    check_lang(lang)
    if report == "01_corpus_overview":
        return corpus_paragraph(analysis, lang)
    chosen: list[Finding | None]
    if report == "03_measures_comparison":
        presence = _presence_findings(analysis, lang, cities)
        chosen = [*presence[:1], _comparison_finding(analysis, lang, cities)]
    elif report == "04_timeline":
        chosen = [_events_finding(analysis, lang, cities)]
    else:
        raise ValueError(f"no opening for report {report!r}")
    sentences = [f.text for f in chosen if f is not None]
    if not sentences:
        return text("findings.nothing", lang)
    return _sentences(sentences, lang)
