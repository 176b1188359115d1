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


def header(key: str, lang: str) -> str:
    """Column header for ``key`` in ``lang``."""
    return text(f"header.{key}", check_lang(lang))


def present(frame: pd.DataFrame):
    """A DataFrame as readers see it: no index, escaped values and headers, stable ids."""
    uuid = hashlib.sha1(frame.to_csv().encode("utf-8")).hexdigest()[:10]
    # pandas escapes strings only: any other object in a text column (a list, say) becomes its text.
    frame = frame.assign(**{
        column: frame[column].map(lambda v: v if v is None or isinstance(v, str | int | float) else str(v))
        for column in frame.columns if pd.api.types.is_object_dtype(frame[column])
    })
    return (frame.style.hide(axis="index").format(escape="html", precision=2)
            .format_index(escape="html", axis="columns").set_uuid(uuid))


def localise(frame: pd.DataFrame, lang: str):
    """``frame`` as :func:`present` shows it, with every column that has a catalogue header renamed."""
    known = {key.removeprefix("header.") for key in keys() if key.startswith("header.")}
    return present(frame.rename(columns={c: header(c, lang) for c in frame.columns if c in known}))


def with_provenance(value: object, provenance: object, lang: str) -> str:
    """A value for readers: "—" when missing, marked when it comes from the manual metadata."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return "—"
    return f"{value}{text('table.manual_mark', lang) if provenance == 'manual' else ''}"



def blank(value: object) -> bool:
    """Missing: None, NaN or the empty string."""
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == ""

