"""The sources (every article, as a reader would cite it) and how their dates and cities are found.

A value's provenance (``extracted``, ``extracted:dispatch``, ``extracted:source``,
``manual``) is shown in words: printed on the page, from the dispatch line,
from the outlet's name, set by hand.  A manual publication date may say that it
is only a bound or an approximation (``published_qualifier``), marked as every
page marks it (:mod:`helpers.report.dates`).  A web address and access day are shown where the manual
metadata gives them, else "not recorded"; nothing is guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from helpers.analysis.date_mention import AFTER_PUBLICATION_DAYS
from helpers.catalogue import text
from helpers.corpus.dispatch import DISPATCH_LINES
from helpers.corpus.gazetteer import default_gazetteer
from helpers.corpus.limits import load_limits
from helpers.langs import check_lang
from helpers.report.dates import qualifier_sign
from helpers.report.genre import genre_name
from helpers.report.methods.html import heading, say
from helpers.report.names import city_name, display_title
from helpers.report.tables.common import blank, downloadable, present

if TYPE_CHECKING:
    from IPython.display import HTML

#: The provenances a reader is told apart, per field; any other (None) is "not known".
PROVENANCES = {
    "published": ("extracted", "extracted:dispatch", "manual"),
    "city": ("extracted", "extracted:dispatch", "extracted:source", "manual"),
    "genre": ("extracted", "manual"),
    "title": ("manual",),
    "source": ("manual",),
}


def sources_section(articles: pd.DataFrame, lang: str) -> HTML:
    """The sources section (see :func:`sources_html`)."""
    from IPython.display import HTML

    return HTML(sources_html(articles, lang))


def sources_html(articles: pd.DataFrame, lang: str) -> str:
    """Every article the corpus holds, as a citation: a heading, what the columns say, the table."""
    check_lang(lang)
    recorded = int(sum(not blank(url) for url in articles.get("url", pd.Series(dtype=object))))
    return "".join([
        heading(2, "sources", text("methods.sources.heading", lang)),
        say("methods.sources.intro", lang, n=len(articles)),
        say("methods.sources.addresses", lang, recorded=recorded, n=len(articles)),
        say("methods.sources.titles", lang),
        sources_table(articles, lang).page_html(),
    ])


def _provenance(field: str, provenance: object, lang: str) -> str | None:
    known = provenance if isinstance(provenance, str) and provenance in PROVENANCES[field] else None
    return text(f"methods.provenance.{field}.{known.replace(':', '_')}", lang) if known else None


def _with_note(value: str, note: str | None, lang: str) -> str:
    return text("methods.sources.with_note", lang, value=value, note=note) if note else value


def publication(published: object, provenance: object, qualifier: object, lang: str) -> str:
    """A publication date as cited: the day, marked as the other pages mark a bound (≥ earliest possible), and where
    it comes from: ``≥ 2020-02-19 (earliest possible, set by hand)``."""
    if blank(published):
        return text("methods.sources.not_known", lang)
    sign = qualifier_sign(qualifier, lang)
    notes = [text(f"published.{qualifier}", lang)] if sign else []
    notes += [note for note in [_provenance("published", provenance, lang)] if note]
    day = f"{sign} {published}" if sign else str(published)
    return _with_note(day, text("published.note_separator", lang).join(notes) if notes else None, lang)


@downloadable("sources")
def sources_table(articles: pd.DataFrame, lang: str):
    """One row per article: id, title, outlet, publication date, city, genre, web address and access day (a Styler).

    Each value says where it comes from; a missing value is "not known", a
    missing address "not recorded".
    """
    check_lang(lang)
    not_known = text("methods.sources.not_known", lang)
    national = default_gazetteer().national
    rows = []
    for row in articles.to_dict("records"):
        rows.append({
            "id": row["id"],
            "title": _with_note(display_title(row.get("title"), row.get("text", ""), lang),
                                _provenance("title", row.get("title_provenance"), lang), lang),
            "source": not_known if blank(row.get("source")) else
            _with_note(str(row["source"]), _provenance("source", row.get("source_provenance"), lang), lang),
            "published": publication(row.get("published"), row.get("published_provenance"),
                                     row.get("published_qualifier"), lang),
            "city": _city(row.get("city"), row.get("city_provenance"), national, lang),
            "genre": _with_note(genre_name(row.get("genre"), lang),
                                _provenance("genre", row.get("genre_provenance"), lang), lang),
            "url": web_address(row.get("url"), row.get("accessed"), lang),
        })
    columns = ["id", "title", "source", "published", "city", "genre", "url"]
    frame = pd.DataFrame(rows, columns=columns)
    return present(frame.rename(columns={c: text(f"methods.header.{c}", lang) for c in columns}))


def web_address(url: object, accessed: object, lang: str) -> str:
    """The article's web address with the day it was read there, or "not recorded"."""
    if blank(url):
        return text("methods.sources.not_recorded", lang)
    if blank(accessed):
        return text("methods.sources.accessed_unknown", lang, url=url)
    return text("methods.sources.accessed", lang, url=url, date=accessed)


def _city(city: object, provenance: object, national: str, lang: str) -> str:
    """The article's city as cited; national coverage found in the text says that no city was named enough."""
    if blank(city):
        return text("methods.sources.not_known", lang)
    if city == national:
        note = text("methods.provenance.city.national", lang) if provenance == "extracted" else \
            _provenance("city", provenance, lang)
        return _with_note(text("methods.sources.national", lang), note, lang)
    return _with_note(city_name(str(city), lang), _provenance("city", provenance, lang), lang)


def dates_section(articles: pd.DataFrame, lang: str) -> HTML:
    """How a publication date is found (see :func:`dates_html`)."""
    from IPython.display import HTML

    return HTML(dates_html(articles, lang))


def dates_html(articles: pd.DataFrame, lang: str) -> str:
    """Where a publication date comes from, in order, and what the sources table says of each."""
    check_lang(lang)
    limits = load_limits()
    parts = [
        heading(2, "dates", text("methods.dates.heading", lang)),
        say("methods.dates.order", lang, lines=DISPATCH_LINES),
        say("methods.dates.body", lang, days=AFTER_PUBLICATION_DAYS),
        say("methods.dates.range", lang, start=limits.published_from.isoformat(), end=limits.published_to.isoformat()),
    ]
    if "published_qualifier" in articles.columns:  # manual dates may say they are bounds
        parts.append(say("methods.dates.qualifiers", lang))
    counts = {key: int((articles["published_provenance"] == key).sum()) for key in PROVENANCES["published"]}
    parts.append(say("methods.dates.here", lang, n=len(articles), printed=counts["extracted"],
                     dispatch=counts["extracted:dispatch"], manual=counts["manual"],
                     unknown=int(articles["published"].map(blank).sum())))
    return "".join(parts)


def places_section(articles: pd.DataFrame, lang: str) -> HTML:
    """How an article's city is found (see :func:`places_html`)."""
    from IPython.display import HTML

    return HTML(places_html(articles, lang))


def places_html(articles: pd.DataFrame, lang: str) -> str:
    """The places an article names, its dispatch line and its outlet decide its city, or it is national coverage."""
    check_lang(lang)
    national = default_gazetteer().national
    return "".join([
        heading(2, "places", text("methods.places.heading", lang)),
        say("methods.places.gazetteer", lang),
        say("methods.places.count", lang, national=city_name(national, lang)),
        say("methods.places.context", lang, national=city_name(national, lang)),
        say("methods.places.here", lang, n=len(articles),
            national=int((articles["city"] == national).sum()),
            manual=int((articles["city_provenance"] == "manual").sum())),
    ])
