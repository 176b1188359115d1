"""What every reader-facing table shares: headers in the report's language, escaping, stable ids, a CSV.

Table functions return a pandas ``Styler`` (the DataFrame is its ``.data``):
no index column, every value and header HTML-escaped (by pandas, which
escapes the same five characters as :func:`helpers.report.markup.html_text`),
two decimals, and a table id derived from the content so the same table
gives the same bytes.  Tables that need links are returned as HTML strings
built with every value escaped by :func:`~helpers.report.markup.html_text`.
Quotes shown to readers are in the article's original script
(``sentence_original``).

Every table offers its rows as CSV (:func:`download_box`): a ``data:`` link,
so the page stays one file that works offline, holding the bytes of
:func:`helpers.csvfile.csv_bytes` (UTF-8 with a byte-order mark, for Excel).
A ``Styler`` table gets it when a notebook displays it, or when HTML built
around it asks for :meth:`Table.page_html` (:class:`Table`, named by
:func:`downloadable`); an HTML table appends it itself.  The file is named
``<name>.csv`` here and ``<lang>-<report>-<name>.csv`` by the export
(:func:`helpers.publish.export.name_downloads`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import inspect
import re
from collections.abc import Callable

import pandas as pd
from pandas.io.formats.style import Styler

from helpers.catalogue import keys, text
from helpers.csvfile import csv_bytes
from helpers.langs import check_lang
from helpers.report.markup import html_text

#: What a download's name may be: it becomes part of a file name and of an attribute.
DOWNLOAD_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...) from a title).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def header(key: str, lang: str) -> str:
    """Column header for ``key`` in ``lang``."""
    return text(f"header.{key}", check_lang(lang))


class Table(Styler):
    """A reader-facing table: a pandas ``Styler`` that, displayed in a notebook, offers its rows as CSV.

    ``download`` is ``(name, lang)``, set by :func:`downloadable`; ``to_html()``
    is the table alone, as before.
    """

    download: tuple[str, str] | None = None

    def _repr_html_(self) -> str:
        return self.page_html()

    def page_html(self) -> str:
        """The table as a report page shows it: in its box with the CSV link when it has a download name."""
        html = self.to_html()
        if self.download is None:
            return html
        name, lang = self.download
        return download_box(html, self.data, name, lang)


def present(frame: pd.DataFrame):
    """A DataFrame as readers see it: no index, escaped values and headers, stable ids."""
    uuid = hashlib.sha1(frame.to_csv().encode("utf-8")).hexdigest()[:10]
    # pandas escapes strings only: any other object in a text column (a list, say) becomes its text.
    frame = frame.assign(**{
        column: frame[column].map(lambda v: v if v is None or isinstance(v, str | int | float) else str(v))
        for column in frame.columns if pd.api.types.is_object_dtype(frame[column])
    })
    return (Table(frame).hide(axis="index").format(escape="html", precision=2)
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


def spreadsheet_text(value: object) -> object:
    """``value`` as a spreadsheet must receive it: text that would start a formula gets a leading ``'``.

    Excel and LibreOffice read a CSV cell beginning with ``= + - @`` as a
    formula, so an article titled ``=HYPERLINK(...)`` would become a live link;
    the apostrophe is the spreadsheet's own mark for "this is text".  Numbers,
    negative ones included, pass unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def csv_href(frame: pd.DataFrame) -> str:
    """A ``data:`` URI holding ``frame`` as a CSV file (byte-order mark, UTF-8), safe to open in a spreadsheet."""
    readable = frame.map(spreadsheet_text)
    readable.columns = [spreadsheet_text(str(c)) for c in frame.columns]
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(csv_bytes(readable)).decode("ascii")


def download_box(content: str, frame: pd.DataFrame, name: str, lang: str) -> str:
    """``content`` (a table as HTML) with a link above it that downloads ``frame`` as ``<name>.csv``.

    The box carries the words the page's script needs for sorting and
    filtering (``templates/report/tables.html.j2``), as text in attributes.
    """
    if not DOWNLOAD_NAME.fullmatch(name):
        raise ValueError(f"download name {name!r}: use lower-case ASCII letters, digits and single hyphens")
    check_lang(lang)
    words = " ".join(f'data-{key}="{html_text(text(f"download.{key}", lang))}"'
                     for key in ("filter", "sort", "shown"))
    return (
        f'<div class="table-box" {words}><p class="table-tools">'
        f'<a class="table-csv" download="{name}.csv" href="{csv_href(frame)}" '
        f'title="{html_text(text("download.csv_title", lang))}">{html_text(text("download.csv", lang))}</a>'
        f"</p>{content}</div>"
    )


def downloadable(name: str) -> Callable[[Callable[..., Table]], Callable[..., Table]]:
    """Decorator for a table function: the table it returns offers its rows as ``<name>.csv``.

    The table function must take ``lang``: the link reads in that language.
    ``name`` may name other arguments in braces (``tests-{by}``), for a function
    whose tables can share a page.
    """

    def decorate(function: Callable[..., Table]) -> Callable[..., Table]:
        signature = inspect.signature(function)

        @functools.wraps(function)
        def table_function(*args, **kwargs) -> Table:
            table = function(*args, **kwargs)
            arguments = signature.bind(*args, **kwargs)
            arguments.apply_defaults()
            table.download = (name.format(**arguments.arguments), arguments.arguments["lang"])
            return table

        return table_function

    return decorate
