"""Tables of the timeline: the dated events, what the articles announced for after publication, the reference events."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.events import chronological
from helpers.catalogue import text
from helpers.corpus.gazetteer import default_gazetteer
from helpers.langs import check_lang
from helpers.report.dates import short_day_text
from helpers.report.glosses import clause_gloss
from helpers.report.names import city_name, place_name
from helpers.report.tables.common import blank, downloadable, localise


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


@downloadable("events")
def events_table(events: pd.DataFrame, lang: str):
    """The dated events for readers, in date order: date (range), time, precision, city, the date as written, label.

    Events whose year is unresolved come last.  A span cut at the publication date says
    so ("2022-05, to 20 May (publication)").  On English pages a last column glosses the
    label's key words (:func:`helpers.report.glosses.clause_gloss`).
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
                "key_words": clause_gloss(r.label, lang),
                "id": r.id,
            }
        )
    columns = ["date", "when", "precision", "city", "expression", "event", "key_words", "id"]
    return localise(_english_only(pd.DataFrame(rows, columns=columns), lang), lang)


def _english_only(frame: pd.DataFrame, lang: str, columns: tuple[str, ...] = ("key_words",)) -> pd.DataFrame:
    """``frame`` without the columns that gloss Chinese for English readers, on Chinese pages."""
    return frame.drop(columns=list(columns)) if lang == "zh" else frame


@downloadable("announcements")
def announcements_table(announcements: pd.DataFrame, lang: str):
    """What the articles announced for after their publication, in date order: article, date (range), what.

    ``announcements`` is :attr:`helpers.analysis.Analysis.announcements` (the columns of the events).
    On English pages a last column glosses the key words of what was announced.
    """
    check_lang(lang)
    rows = [{"article": r.id, "date": _date_text(r, lang), "announced": r.label,
             "key_words": clause_gloss(r.label, lang)}
            for r in chronological(announcements).itertuples()]
    frame = pd.DataFrame(rows, columns=["article", "date", "announced", "key_words"])
    return localise(_english_only(frame, lang), lang)


def _source_en(reference, lang: str) -> str:
    """A reference event's source for English readers: its English (or glossed key words), then the Chinese."""
    english = getattr(reference, "source_en", None)
    english = english if isinstance(english, str) and english.strip() else clause_gloss(reference.source, lang)
    return text("table.source_with_original", lang, english=english, original=reference.source)


@downloadable("reference-events")
def reference_table(references: pd.DataFrame, lang: str):
    """The reference events behind the timeline charts, with their sources.

    On English pages the place is named in English and the source is given in
    English (``source_en``, else its key words glossed) with the Chinese after it.
    """
    zh = check_lang(lang) == "zh"
    rows = [
        {
            "period": r.start if blank(r.end) else f"{r.start} – {r.end}",
            "name": r.name_zh if zh else r.name_en,
            "scope": place_name(default_gazetteer().national if r.scope == "national" else r.scope, lang),
            "source": r.source if zh else _source_en(r, lang),
        }
        for r in references.itertuples()
    ]
    return localise(pd.DataFrame(rows, columns=["period", "name", "scope", "source"]), lang)

