"""Tables of the measures: what a city's articles describe, the tests between groups, quotes, and the evidence.

Shares are written once, as their denominator supports
(:func:`helpers.analysis.inference.share_text`: ``k/n`` below 20, else a
whole percent), and every table names the n it counts from.  Hits (every
matched term) appear only in the evidence: :func:`linked_counts` and
:func:`evidence_appendix`.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import pandas as pd

from helpers.analysis.inference import share_text
from helpers.catalogue import text
from helpers.corpus.cities import check_city
from helpers.params import check_count
from helpers.report.glosses import gloss_after, term_columns
from helpers.report.markup import html_text
from helpers.report.names import city_name, count_articles, count_sentences, group_counts, group_name, measure_name
from helpers.report.tables.common import download_box, downloadable, header, localise, present
from helpers.report.tables.layout import id_formatter

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook
    from helpers.analysis.inference import GroupComparison


def _with_n(key: str, counts: str, lang: str) -> str:
    """A column header with the n it counts from: 描述该措施的文章（1 篇文章）."""
    return text("count.header", lang, group=header(key, lang), counts=counts)


@downloadable("measures")
def city_measure_table(presence: pd.DataFrame, city: str, lang: str, codebook: Codebook | None = None):
    """One city, one row per measure: its articles describing the measure (k/n), its sentences coded with it.

    Parameters
    ----------
    presence : DataFrame
        :data:`helpers.analysis.inference.PRESENCE_COLUMNS`; the rows of group ``city`` are shown.
    """
    city = check_city(str(city), list(dict.fromkeys(presence["group"].astype(str))))
    rows = presence[presence["group"].astype(str) == city]
    n, total = int(rows["articles"].iloc[0]), int(rows["group_sentences"].iloc[0])
    frame = pd.DataFrame({
        header("measure", lang): [measure_name(m, lang, codebook) for m in rows["measure"]],
        _with_n("with_measure", count_articles(n, lang), lang): [share_text(int(k), n) for k in rows["with_measure"]],
        _with_n("sentences", count_sentences(total, lang), lang): [str(int(k)) for k in rows["sentences"]],
        header("sentence_share", lang): [share_text(int(k), total) for k in rows["sentences"]],
    })
    return present(frame)


def _p_text(p: float) -> str:
    """A p-value as a reader needs it: three decimals, or < 0.001."""
    if math.isnan(p):
        return "—"
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


_TEST_NAMES = {"chi-square": "stats.test_chi_square", "Fisher exact": "stats.test_fisher"}


@downloadable("tests-{by}")
def comparison_tests(comparison: GroupComparison, lang: str, codebook: Codebook | None = None, by: str = "city"):
    """One row per measure tested: test, chi-square, df, p, Benjamini–Hochberg adjusted p, Cramér's V.

    The caption names every group with its n.  Only for a comparison that was
    tested (:attr:`GroupComparison.tested`).
    """
    tests = comparison.tests
    frame = pd.DataFrame({
        "measure": [measure_name(m, lang, codebook) for m in tests["measure"]],
        "test": [text(_TEST_NAMES[t], lang) for t in tests["test"]],
        "statistic": [f"{v:.2f}" for v in tests["statistic"]],
        "dof": [str(int(v)) for v in tests["dof"]],
        "p_value": [_p_text(v) for v in tests["p_value"]],
        "p_adjusted": [_p_text(v) for v in tests["p_adjusted"]],
        "cramers_v": [f"{v:.2f}" for v in tests["cramers_v"]],
    })
    counts = text("stats.list_separator", lang).join(
        text("stats.group_count", lang, group=group_name(g, lang, by), count=count_articles(n, lang))
        for g, n in comparison.groups.items())
    return localise(frame, lang).set_caption(html_text(counts))


@downloadable("quotes")
def quotes(evidence: pd.DataFrame, measure_ids: list[str], lang: str, per_measure: int = 3,
           codebook: Codebook | None = None):
    """Up to ``per_measure`` quotes for each measure, one per sentence, in the original script.

    On English pages the matched term's pinyin and English follow it (the quote stays as written).
    """
    check_count(per_measure, "quotes_per_measure")
    rows = []
    for measure in measure_ids:
        hits = evidence[evidence["measure"] == measure].drop_duplicates(["id", "sentence_no"])
        for r in hits.head(per_measure).itertuples():
            rows.append(
                {
                    "measure": measure_name(measure, lang, codebook),
                    "term": r.term,
                    "quote": r.sentence_original,
                    "id": r.id,
                }
            )
    frame = pd.DataFrame(rows, columns=["measure", "term", "quote", "id"])
    for name, values in term_columns(frame["term"], lang).items():
        frame.insert(frame.columns.get_loc("term") + 1, name, values)
    return localise(frame, lang)



def _anchor(city: str, measure: str) -> str:
    return "ev-" + re.sub(r"[^0-9a-z_-]", "", measure) + "-" + city.encode("utf-8").hex()


def _groups(presence: pd.DataFrame) -> list[tuple[str, int, int]]:
    """(group, articles, sentences) of each group of ``presence``, in order."""
    first = presence.drop_duplicates("group")
    return list(zip(first["group"], first["articles"].astype(int), first["group_sentences"].astype(int)))


# Most city columns in one table of counts; more cities make several tables, one under the other.
CITY_COLUMNS = 10


def linked_counts(evidence: pd.DataFrame, presence: pd.DataFrame, lang: str, codebook: Codebook | None = None) -> str:
    """City × measure hits as HTML, each city headed with its n; every non-zero count links to its quotes.

    With more than :data:`CITY_COLUMNS` cities the table is cut into several
    of that many city columns each, so that none is wider than the page.

    Parameters
    ----------
    evidence : DataFrame
        One row per hit (``city``, ``measure``).
    presence : DataFrame
        :data:`helpers.analysis.inference.PRESENCE_COLUMNS` of the same cities: their order, measures and n.
    """
    groups = _groups(presence)
    if len(groups) > CITY_COLUMNS:
        cities = [group for group, _, _ in groups]
        return "".join(linked_counts(evidence, presence[presence["group"].isin(cities[i:i + CITY_COLUMNS])],
                                     lang, codebook) for i in range(0, len(cities), CITY_COLUMNS))
    measures_ = list(dict.fromkeys(presence["measure"]))
    hits = evidence.groupby(["measure", "city"]).size()
    head = "".join(
        f"<th>{html_text(city_name(c, lang))}<br><small>{html_text(group_counts(n, k, lang))}</small></th>"
        for c, n, k in groups)
    body, rows = [], []
    for measure in measures_:
        cells = []
        counts = [int(hits.get((measure, city), 0)) for city, _, _ in groups]
        for (city, _, _), n in zip(groups, counts):
            cells.append(f'<td><a href="#{_anchor(city, measure)}">{n}</a></td>' if n else "<td>0</td>")
        body.append(f"<tr><th>{html_text(measure_name(measure, lang, codebook))}</th>{''.join(cells)}</tr>")
        rows.append([measure_name(measure, lang, codebook), *counts])
    table = (
        f'<table class="linked-counts"><thead><tr><th>{html_text(header("measure", lang))}</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
    columns = [header("measure", lang), *(city_name(c, lang) for c, _, _ in groups)]
    return download_box(table, pd.DataFrame(rows, columns=columns), "mentions", lang)


def evidence_appendix(evidence: pd.DataFrame, presence: pd.DataFrame, lang: str,
                      codebook: Codebook | None = None) -> str:
    """Every quote behind every non-zero count, grouped by city and measure, as HTML.

    On English pages the matched term carries its pinyin and English: "<mark>社区</mark> (shèqū, community) — 原文…".
    """
    parts, rows = [], []
    measures_ = list(dict.fromkeys(presence["measure"]))
    shown_id = id_formatter(evidence["id"])
    for city, _, _ in _groups(presence):
        for measure in measures_:
            hits = evidence[(evidence["city"] == city) & (evidence["measure"] == measure)]
            if hits.empty:
                continue
            title = f"{city_name(city, lang)} · {measure_name(measure, lang, codebook)} ({len(hits)})"
            items = "".join(
                f"<li><mark>{html_text(r.term)}</mark>{html_text(gloss_after(r.term, lang))} — "
                f"{html_text(r.sentence_original)} "
                f"<small>[{shown_id(html_text(r.id))}, {int(r.start)}–{int(r.end)}]</small></li>"
                for r in hits.itertuples()
            )
            parts.append(
                f'<h4 id="{_anchor(city, measure)}">{html_text(title)}</h4><ol>{items}</ol>'
            )
            rows += [[city_name(city, lang), measure_name(measure, lang, codebook), r.term, r.sentence_original,
                      r.id, int(r.start), int(r.end)] for r in hits.itertuples()]
    if not parts:
        return ""
    columns = [header(key, lang) for key in ("city", "measure", "term", "quote", "id", "start", "end")]
    return download_box("".join(parts), pd.DataFrame(rows, columns=columns), "evidence", lang)
