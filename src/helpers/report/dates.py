"""How a date is shown to a reader: a day in words, and a publication date with what it is.

A publication date from the manual metadata may be a bound or an approximation
(``published_qualifier``: ``on_or_after``, ``on_or_before``, ``approximate``);
wherever a reader sees it (the index page, the article table, a city profile,
the publication chart) it carries its sign and a note, e.g.
``≥ 2020-02-19 (earliest possible, manual)``, so it never passes for a fact.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.catalogue import text
from helpers.langs import check_lang


def _given(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    return str(value)


def day_text(value: str | dt.date | dt.datetime, lang: str) -> str:
    """A day in words: ``2020年2月19日`` or ``19 Feb 2020``."""
    check_lang(lang)
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day:%b} {day.year}"


def short_day_text(value: str | dt.date, lang: str) -> str:
    """A day without its year: ``5月20日`` or ``20 May``."""
    check_lang(lang)
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {day:%b}"


def qualifier_sign(qualifier: object, lang: str) -> str:
    """``≥``, ``≤`` or ``≈`` for a qualified date, else ``""``."""
    qualifier = _given(qualifier)
    return text(f"published.sign_{qualifier}", lang) if qualifier else ""


def publication_notes(provenance: object, qualifier: object, lang: str) -> list[str]:
    """What a reader must know about a publication date: its qualifier and whether it is manual."""
    notes = []
    if _given(qualifier):
        notes.append(text(f"published.{qualifier}", lang))
    if provenance == "manual":
        notes.append(text("published.manual", lang))
    return notes


def publication_text(published: object, provenance: object, qualifier: object, lang: str) -> str:
    """A publication date as readers see it: ``—`` when unknown, else the ISO date with its marks.

    ``2022-05-20``; ``2020-02-19（人工）``; ``≥ 2020-02-19 (earliest possible, manual)``.
    """
    check_lang(lang)
    date = _given(published)
    if date is None:
        return "—"
    sign = qualifier_sign(qualifier, lang)
    shown = f"{sign} {date}" if sign else date
    notes = publication_notes(provenance, qualifier, lang)
    if not notes:
        return shown
    return text("published.notes", lang, date=shown, notes=text("published.note_separator", lang).join(notes))


def publication_text_both(published: object, provenance: object, qualifier: object) -> str:
    """A publication date for a bilingual page: ``≥ 2020-02-19 (最早可能日期，人工 / earliest possible, manual)``."""
    date = _given(published)
    if date is None:
        return "—"
    sign = qualifier_sign(qualifier, "en")
    shown = f"{sign} {date}" if sign else date
    zh, en = (text("published.note_separator", lang).join(publication_notes(provenance, qualifier, lang))
              for lang in ("zh", "en"))
    return f"{shown} ({zh} / {en})" if zh else shown
