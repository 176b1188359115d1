"""Tables of the timeline: the dated events and the reference events."""

from __future__ import annotations

import pandas as pd

from helpers.catalogue import text
from helpers.corpus.gazetteer import default_gazetteer
from helpers.langs import check_lang
from helpers.report.names import city_name
from helpers.report.tables.common import blank, downloadable, localise


@downloadable("events")
def events_table(events: pd.DataFrame, lang: str):
    """The dated events for readers: date (range), time, precision, city, the date as written, label."""
    unknown = text("table.year_unknown", check_lang(lang))
    rows = []
    for r in events.itertuples():
        date = str(r.date) if r.year_resolved else f"{str(r.date).lstrip('-')} ({unknown})"
        if not blank(r.end_date):
            date += f" – {r.end_date}"
        when = r.time if not blank(r.time) else ""
        if not blank(r.part_of_day):
            part = text(f"part_of_day.{r.part_of_day}", lang)
            when = f"{when} {part}".strip()
        rows.append(
            {
                "date": date,
                "when": when or "—",
                "precision": text(f"precision.{r.precision}", lang),
                "city": city_name(r.city, lang),
                "expression": r.expression,
                "event": r.label,
                "id": r.id,
            }
        )
    columns = ["date", "when", "precision", "city", "expression", "event", "id"]
    return localise(pd.DataFrame(rows, columns=columns), lang)


@downloadable("reference-events")
def reference_table(references: pd.DataFrame, lang: str):
    """The reference events behind the timeline charts, with their sources."""
    zh = check_lang(lang) == "zh"
    rows = [
        {
            "period": r.start if blank(r.end) else f"{r.start} – {r.end}",
            "name": r.name_zh if zh else r.name_en,
            "scope": city_name(default_gazetteer().national if r.scope == "national" else r.scope, lang),
            "source": r.source,
        }
        for r in references.itertuples()
    ]
    return localise(pd.DataFrame(rows, columns=["period", "name", "scope", "source"]), lang)

