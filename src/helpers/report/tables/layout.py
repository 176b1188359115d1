"""How a table's columns sit on the page: numbers on the right, text on the left, ids short.

A phone's column is about 24 characters wide; a table squeezed into it
breaks short names one character per line.  Each column therefore gets a
width it keeps: a short text column does not wrap, a long one wraps but
keeps a few characters a line, and so does a header over a narrow column; a table wider than the column then scrolls
sideways in the page's frame, which shows a cue (the report template).
Numbers (``3``, ``16.00``, ``2/5``, ``11%``, ``< 0.001``) are right-aligned
and never wrap.  Article ids (``000_df89324ac0933c04``) are shown by their
number (``000…``), the whole id on hover.

The rules are written per column into the table's own style (pandas
``Styler.set_table_styles``), so they hold wherever the table is shown.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from helpers.report.names import short_ids

# A number as the tables write it: a count, a decimal, k/n, a percent, a p-value bound.
_NUMBER = re.compile(r"[<>≤≥]?\s*[-+−]?\d[\d,]*(\.\d+)?\s*(%|/\d+)?")
_BLANK = {"", "—", "-"}
#: Text columns whose longest value is at most this many ems keep it on one line.
NOWRAP_EM = 6.0
#: The narrowest a wrapping text column gets, in ems; a long text (a quote) gets a little more.
MIN_TEXT_EM, MIN_LONG_TEXT_EM = 6.0, 8.0
LONG_TEXT_EM = 20.0
#: A header is at least this wide (or as wide as it is), in ems.
HEADER_EM = 4.0


def text_em(value: object) -> float:
    """Width of ``value`` on one line in ems: Chinese characters one em, Latin letters about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in str(value))


def is_number_column(values: pd.Series) -> bool:
    """Whether every value of a column is a number (or blank), as numeric data or as the tables write numbers."""
    if pd.api.types.is_bool_dtype(values):
        return False
    if pd.api.types.is_numeric_dtype(values):
        return True
    shown = [str(v).strip() for v in values if v is not None and not (isinstance(v, float) and pd.isna(v))]
    shown = [v for v in shown if v not in _BLANK]
    return bool(shown) and all(_NUMBER.fullmatch(v) for v in shown)


def column_styles(frame: pd.DataFrame) -> dict[object, list[dict[str, str]]]:
    """CSS for each column of ``frame`` (header and cells), for ``Styler.set_table_styles``."""
    styles = {}
    for column in frame.columns:
        values = frame[column]
        # Headers wrap (they may be long), but keep a few characters a line over a narrow column.
        header = {"selector": "th", "props": f"min-width: {min(text_em(column), HEADER_EM):g}em;"}
        if is_number_column(values):
            styles[column] = [{"selector": "", "props": "text-align: right;"},
                              {"selector": "td", "props": "white-space: nowrap;"}, header]
            continue
        widest = max((text_em(v) for v in values), default=0.0)
        if widest <= NOWRAP_EM:
            cells = "white-space: nowrap;"
        else:
            cells = f"min-width: {MIN_LONG_TEXT_EM if widest > LONG_TEXT_EM else MIN_TEXT_EM:g}em;"
        styles[column] = [{"selector": "", "props": "text-align: left;"}, {"selector": "td", "props": cells}, header]
    return styles


def id_formatter(ids: pd.Series):
    """A ``Styler.format`` function that shows an (already escaped) article id by its short form.

    pandas escapes a value before it reaches the formatter, so the id can go
    into the ``title`` attribute as it comes.
    """
    import html

    short = short_ids(v for v in ids if isinstance(v, str))

    def shown(escaped: object) -> str:
        if not isinstance(escaped, str):
            return str(escaped)
        raw = html.unescape(escaped)
        if short.get(raw, raw) == raw:
            return escaped
        return f'<abbr class="report-id" title="{escaped}">{html.escape(short[raw], quote=True)}…</abbr>'

    return shown
