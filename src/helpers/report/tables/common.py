"""What every reader-facing table shares: headers in the report's language, escaping, stable ids.

Table functions return a pandas ``Styler`` (the DataFrame is its ``.data``):
no index column, every value and header HTML-escaped (by pandas, which
escapes the same five characters as :func:`helpers.report.markup.html_text`),
two decimals, and a table id derived from the content so the same table
gives the same bytes.  Tables that need links are returned as HTML strings
built with every value escaped by :func:`~helpers.report.markup.html_text`.
Quotes shown to readers are in the article's original script
(``sentence_original``).
"""

from __future__ import annotations

import hashlib

import pandas as pd

from helpers.catalogue import keys, text
from helpers.langs import check_lang
from helpers.report.tables.layout import column_styles, id_formatter


def header(key: str, lang: str) -> str:
    """Column header for ``key`` in ``lang``."""
    return text(f"header.{key}", check_lang(lang))


def present(frame: pd.DataFrame):
    """A DataFrame as readers see it: no index, escaped values and headers, stable ids, columns laid out.

    Numbers right, text left, each column as wide as it needs to stay legible
    (:mod:`helpers.report.tables.layout`).
    """
    uuid = hashlib.sha1(frame.to_csv().encode("utf-8")).hexdigest()[:10]
    # pandas escapes strings only: any other object in a text column (a list, say) becomes its text.
    frame = frame.assign(**{
        column: frame[column].map(lambda v: v if v is None or isinstance(v, str | int | float) else str(v))
        for column in frame.columns if pd.api.types.is_object_dtype(frame[column])
    })
    return (frame.style.hide(axis="index").format(escape="html", precision=2)
            .format_index(escape="html", axis="columns").set_uuid(uuid)
            .set_table_styles(column_styles(frame), overwrite=False))


#: Columns that hold article ids, shown by their short form (:func:`helpers.report.tables.layout.id_formatter`).
ID_COLUMNS = ("id", "duplicate_of")
ID_STYLE = "white-space: nowrap; min-width: 0;"


def localise(frame: pd.DataFrame, lang: str):
    """``frame`` as :func:`present` shows it, with every column that has a catalogue header renamed."""
    known = {key.removeprefix("header.") for key in keys() if key.startswith("header.")}
    styler = present(frame.rename(columns={c: header(c, lang) for c in frame.columns if c in known}))
    for column in ID_COLUMNS:
        if column in frame.columns and not frame.empty:
            shown = header(column, lang) if column in known else column
            styler = styler.format(id_formatter(frame[column]), subset=[shown], escape="html")
            # Short on one line, however long the whole ids are (the rule after present()'s wins).
            styler = styler.set_table_styles({shown: [{"selector": "td", "props": ID_STYLE}]}, overwrite=False)
    return styler


def with_provenance(value: object, provenance: object, lang: str) -> str:
    """A value for readers: "—" when missing, marked when it comes from the manual metadata."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return "—"
    return f"{value}{text('table.manual_mark', lang) if provenance == 'manual' else ''}"



def blank(value: object) -> bool:
    """Missing: None, NaN or the empty string."""
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == ""

