"""Tables of the measures: rates, quotes, and the evidence behind every count (linked)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from helpers.params import check_count
from helpers.report.markup import html_text
from helpers.report.names import city_name, measure_name
from helpers.report.tables.common import header, localise

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook


def measure_table(rates: pd.DataFrame, lang: str, codebook: Codebook | None = None):
    """City × measure: mentions and rate per 10,000 characters."""
    frame = rates[["city", "measure", "hits", "per_10k"]].copy()
    frame["city"] = [city_name(c, lang) for c in frame["city"]]
    frame["measure"] = [measure_name(m, lang, codebook) for m in frame["measure"]]
    frame["per_10k"] = frame["per_10k"].round(1)
    return localise(frame.reset_index(drop=True), lang)


def quotes(evidence: pd.DataFrame, measure_ids: list[str], lang: str, per_measure: int = 3,
           codebook: Codebook | None = None):
    """Up to ``per_measure`` quotes for each measure, one per sentence, in the original script."""
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
    return localise(pd.DataFrame(rows, columns=["measure", "term", "quote", "id"]), lang)



def _anchor(city: str, measure: str) -> str:
    return "ev-" + re.sub(r"[^0-9a-z_-]", "", measure) + "-" + city.encode("utf-8").hex()


# Most city columns in one table of counts; more cities make several tables, one under the other.
CITY_COLUMNS = 10


def linked_counts(rates: pd.DataFrame, lang: str, codebook: Codebook | None = None) -> str:
    """City × measure mention counts as HTML; every non-zero count links to its quotes.

    With more than :data:`CITY_COLUMNS` cities the table is cut into several
    of that many city columns each, so that none is wider than the page.
    """
    cities = list(dict.fromkeys(rates["city"]))
    if len(cities) > CITY_COLUMNS:
        return "".join(linked_counts(rates[rates["city"].isin(cities[i : i + CITY_COLUMNS])], lang, codebook)
                       for i in range(0, len(cities), CITY_COLUMNS))
    measures_ = list(dict.fromkeys(rates["measure"]))
    hits = rates.set_index(["measure", "city"])["hits"]
    head = "".join(f"<th>{html_text(city_name(c, lang))}</th>" for c in cities)
    body = []
    for measure in measures_:
        cells = []
        for city in cities:
            n = int(hits.get((measure, city), 0))
            cells.append(f'<td><a href="#{_anchor(city, measure)}">{n}</a></td>' if n else "<td>0</td>")
        body.append(f"<tr><th>{html_text(measure_name(measure, lang, codebook))}</th>{''.join(cells)}</tr>")
    return (
        f'<table class="linked-counts"><thead><tr><th>{html_text(header("measure", lang))}</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def evidence_appendix(evidence: pd.DataFrame, rates: pd.DataFrame, lang: str,
                      codebook: Codebook | None = None) -> str:
    """Every quote behind every non-zero count, grouped by city and measure, as HTML."""
    parts = []
    cities = list(dict.fromkeys(rates["city"]))
    measures_ = list(dict.fromkeys(rates["measure"]))
    for city in cities:
        for measure in measures_:
            hits = evidence[(evidence["city"] == city) & (evidence["measure"] == measure)]
            if hits.empty:
                continue
            title = f"{city_name(city, lang)} · {measure_name(measure, lang, codebook)} ({len(hits)})"
            items = "".join(
                f"<li><mark>{html_text(r.term)}</mark> — {html_text(r.sentence_original)} "
                f"<small>[{html_text(r.id)}, {int(r.start)}–{int(r.end)}]</small></li>"
                for r in hits.itertuples()
            )
            parts.append(
                f'<h4 id="{_anchor(city, measure)}">{html_text(title)}</h4><ol>{items}</ol>'
            )
    return "".join(parts)
