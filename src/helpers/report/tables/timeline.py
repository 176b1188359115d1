"""Tables of the timeline: the dated events, what the articles announced for after publication, the reference events."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.events import chronological
from helpers.catalogue import text
from helpers.corpus.gazetteer import default_gazetteer
from helpers.langs import check_lang
from helpers.report.dates import short_day_text
from helpers.report.names import city_name
from helpers.report.tables.common import blank, localise


def _date_text(event, lang: str) -> str:
    """The event's date as the table shows it: a range, cut at publication, year unknown."""
    if not event.year_resolved:
        date = f"{str(event.date).lstrip('-')} ({text('table.year_unknown', lang)})"
    else:
        date = str(event.date)
    status = getattr(event, "status", None)
    if status == "clipped":
        date += text("table.clipped_to", lang, day=short_day_text(str(event.end_date), lang))
    elif not blank(event.end_date):
        date += f" – {event.end_date}"
    return date


def events_table(events: pd.DataFrame, lang: str):
    """The dated events for readers, in date order: date (range), time, precision, city, the date as written, label.

    Events whose year is unresolved come last.  A span cut at the publication date says
    so ("2022-05, to 20 May (publication)").
    """
    check_lang(lang)
    rows = []
    for r in chronological(events).itertuples():
        when = r.time if not blank(r.time) else ""
        if not blank(r.part_of_day):
            part = text(f"part_of_day.{r.part_of_day}", lang)
            when = f"{when} {part}".strip()
        rows.append(
            {
                "date": _date_text(r, lang),
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


def announcements_table(announcements: pd.DataFrame, lang: str):
    """What the articles announced for after their publication, in date order: article, date (range), what.

    ``announcements`` is :attr:`helpers.analysis.Analysis.announcements` (the columns of the events).
    """
    check_lang(lang)
    rows = [{"article": r.id, "date": _date_text(r, lang), "announced": r.label}
            for r in chronological(announcements).itertuples()]
    return localise(pd.DataFrame(rows, columns=["article", "date", "announced"]), lang)


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

