"""Tables of the corpus: the articles, what cleaning did, the files skipped."""

from __future__ import annotations

import pandas as pd

from helpers.catalogue import render, text
from helpers.langs import check_lang
from helpers.report.dates import publication_text
from helpers.report.genre import genre_name
from helpers.report.names import city_name, display_title
from helpers.report.tables.common import localise, with_provenance


def article_table(articles: pd.DataFrame, lang: str):
    """The articles: title, source, date, city, genre, length; manual and approximate metadata marked as such."""
    check_lang(lang)
    rows = [
        {
            "id": r.id,
            "title": with_provenance(display_title(r.title, r.text, lang), r.title_provenance, lang),
            "source": with_provenance(r.source, r.source_provenance, lang),
            "published": publication_text(r.published, r.published_provenance,
                                          getattr(r, "published_qualifier", None), lang),
            "city": with_provenance(city_name(r.city, lang), r.city_provenance, lang),
            "genre": with_provenance(genre_name(r.genre, lang), r.genre_provenance, lang),
            "n_chars": int(r.n_chars),
        }
        for r in articles.itertuples()
    ]
    columns = ["id", "title", "source", "published", "city", "genre", "n_chars"]
    return localise(pd.DataFrame(rows, columns=columns), lang)


def cleaning_table(articles: pd.DataFrame, lang: str):
    """Per article: encoding, lines removed, pinyin annotations removed, duplicates, warnings."""
    rows = [
        {
            "id": r.id,
            "encoding": r.encoding,
            "lines_removed": len(r.removed),
            "pinyin_removed": int(r.pinyin_removed),
            "duplicate_of": r.duplicate_of or "—",
            "warnings": text("table.list_separator", lang).join(render(w, lang) for w in r.warnings)
            if len(r.warnings) else "—",
        }
        for r in articles.itertuples()
    ]
    columns = ["id", "encoding", "lines_removed", "pinyin_removed", "duplicate_of", "warnings"]
    return localise(pd.DataFrame(rows, columns=columns), lang)


def removed_lines(articles: pd.DataFrame, lang: str, max_chars: int = 60):
    """Every line cleaning removed, with the reason (in Chinese where the rule gives one); rule ids are for analysts."""
    reason_key = "reason_zh" if check_lang(lang) == "zh" else "reason"
    rows = []
    for r in articles.itertuples():
        for item in r.removed:
            removed = str(item.get("text", ""))
            rows.append(
                {
                    "id": r.id,
                    "reason": item.get(reason_key) or item.get("reason", ""),
                    "text": removed if len(removed) <= max_chars else removed[: max_chars - 1] + "…",
                }
            )
    return localise(pd.DataFrame(rows, columns=["id", "reason", "text"]), lang)


def skipped_table(skipped: pd.DataFrame, lang: str):
    """Files that were not read, with the reason (one line saying so when there are none)."""
    frame = skipped[["file", "reason"]].reset_index(drop=True)
    if frame.empty:
        none = text("table.no_file_skipped", lang)
        frame = pd.DataFrame([{"file": "—", "reason": none}])
    return localise(frame, lang)

