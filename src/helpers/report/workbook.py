"""The whole analysis as one Excel workbook in the reader's language: the reports' tables and the data behind them.

:func:`workbook_sheets` gathers one table per sheet -- the articles and their
sources, what cleaning did, the codebook, the measures by city, year and
article, how the coding agrees with hand coding, every hit with its quote, the
words, the events and announcements, the tests when they ran -- with headers from the
catalogue, full article ids and quotes in the article's own script; the first
sheet says what each holds.  :func:`xlsx_bytes` writes them with openpyxl:
the header row bold and frozen, with Excel's own sort and filter buttons.

Same inputs, same bytes: openpyxl stamps the document's properties and every
entry of the zip file with the clock, so the properties go without dates and
every entry gets the zip format's first date (1980-01-01).  Text that would
start a formula (``=HYPERLINK(...)`` in a title) is stored as text, and
characters a worksheet cannot hold (control characters) are written as
``\\x1b`` and the like, as ``check-seed`` shows them.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

import pandas as pd

from helpers.analysis.coding import measure_counts
from helpers.analysis.keyness import distinctive_words
from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report import tables
from helpers.report.methods.cleaning import rule_table
from helpers.report.methods.sources import sources_table
from helpers.report.methods.validation import measure_scores, seed_scores
from helpers.report.names import city_name, measure_name
from helpers.report.tables.common import header
from helpers.text.words import word_filter

if TYPE_CHECKING:
    from helpers.analysis.facade import Analysis

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# What a worksheet cannot hold: the control characters XML 1.0 forbids.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The document's created and modified dates, which openpyxl sets to the clock.
_DATES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")
_SHEET_NAME = re.compile(r"[^\[\]:*?/\\]{1,31}")
_MAX_WIDTH = 60


def _localised(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={c: header(c, lang) for c in frame.columns})


def _presence(presence: pd.DataFrame, lang: str, codebook, by: str) -> pd.DataFrame:
    """Group × measure with plain numbers: articles, with the measure, share, sentences."""
    group = presence["group"].map(lambda g: city_name(str(g), lang) if by == "city" else str(g))
    frame = pd.DataFrame({
        by: group,
        "measure": [measure_name(m, lang, codebook) for m in presence["measure"]],
        "articles": presence["articles"].astype(int),
        "with_measure": presence["with_measure"].astype(int),
        "share": presence["share"].astype(float).round(4),
        "sentences": presence["sentences"].astype(int),
        "group_sentences": presence["group_sentences"].astype(int),
    })
    return _localised(frame, lang)


def _by_article(analysis: Analysis, unit: str, lang: str) -> pd.DataFrame:
    """Article × measure in ``unit`` (``article``: 1/0; ``sentence``: sentences coded), measures named."""
    codebook = analysis.codebook
    counts = measure_counts(analysis.articles, analysis.evidence, codebook, unit=unit)
    counts["city"] = counts["city"].map(lambda c: city_name(str(c), lang))
    names = {m: measure_name(m, lang, codebook) for m in codebook.ids}
    return counts.rename(columns={"id": header("id", lang), "city": header("city", lang), **names})


def _evidence(analysis: Analysis, lang: str) -> pd.DataFrame:
    """Every hit, with the quote in the article's script and the normalised sentence."""
    evidence = analysis.evidence
    frame = pd.DataFrame({
        "id": evidence["id"],
        "city": evidence["city"].map(lambda c: city_name(str(c), lang)),
        "measure": [measure_name(m, lang, analysis.codebook) for m in evidence["measure"]],
        "term": evidence["term"],
        "rule": evidence["rule"],
        "sentence_no": evidence["sentence_no"].astype(int),
        "start": evidence["start"].astype(int),
        "end": evidence["end"].astype(int),
        "quote": evidence["sentence_original"],
        "sentence": evidence["sentence"],
    })
    return _localised(frame, lang)


def _keyness(keyness: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every city's overused words the reports show (the one word filter), strongest first within each city.

    Against the other cities a word has its frequency there; against general
    Chinese its rate per million words of the reference list, "≤ x" where
    that is an upper bound (as the city profile's table says it).
    """
    keep = word_filter()
    over = distinctive_words(keyness)
    over = over[over["token"].map(keep.keeps)]
    order = {city: i for i, city in enumerate(dict.fromkeys(keyness["city"]))}
    over = over.sort_values("city", key=lambda column: column.map(order), kind="mergesort")
    general = over["reference"].astype(str) == "general"
    per_million = (over["per_10k_reference"].astype(float) * 100).round(4)
    bound = over.get("reference_bound", pd.Series(False, index=over.index)).fillna(False).astype(bool)
    frame = pd.DataFrame({
        "city": over["city"].map(lambda c: city_name(str(c), lang)),
        "reference": over["reference"].map(lambda r: text(f"vocabulary.reference_{r}", lang)),
        "token": over["token"],
        "freq_target": over["freq_target"].astype(int),
        "articles_target": over["articles_target"].astype(int),
        "freq_reference": over["freq_reference"].where(~general),
        "per_million_general": [(f"≤ {v}" if b else v) if g else None
                                for v, b, g in zip(per_million, bound, general)],
        "g2": over["g2"].round(3),
        "p_value": over["p_value"].round(6),
        "log_ratio": over["log_ratio"].round(3),
    })
    return _localised(frame.reset_index(drop=True), lang)


def _codebook(codebook, lang: str) -> pd.DataFrame:
    """One row per measure: id, name, definition, what it includes and excludes, its terms."""
    zh = lang == "zh"
    rows = [{
        "id": m.id,
        "measure": measure_name(m.id, lang, codebook),
        "definition": m.definition_in(lang),
        "includes": "；".join(m.includes_zh) if zh else "; ".join(m.includes),
        "excludes": "；".join(m.excludes_zh) if zh else "; ".join(m.excludes),
        "coding_terms": "、".join(rule.term for rule in m.terms),
    } for m in codebook.measures]
    columns = ["id", "measure", "definition", "includes", "excludes", "coding_terms"]
    return _localised(pd.DataFrame(rows, columns=columns), lang)


def _left_out(analysis: Analysis, lang: str) -> pd.DataFrame:
    """The person and place names left out of the vocabulary, one row per name, most frequent first."""
    left_out = analysis.left_out_words()
    frame = pd.DataFrame({
        "reason": left_out["reason"].map(lambda r: text(f"vocabulary.left_out_{r}", lang)),
        "token": left_out["token"],
        "count": left_out["count"].astype(int),
    })
    return _localised(frame.reset_index(drop=True), lang)


def workbook_sheets(analysis: Analysis, lang: str) -> dict[str, pd.DataFrame]:
    """Sheet name (in ``lang``) → table, in the order of the workbook; the first says what each sheet holds."""
    check_lang(lang)
    codebook = analysis.codebook
    counts = analysis.token_counts()
    sheets: dict[str, pd.DataFrame] = {
        "articles": tables.article_table(analysis.all_articles, lang).data,
        "sources": sources_table(analysis.all_articles, lang).data,
        "cleaning": tables.cleaning_table(analysis.all_articles, lang).data,
        "cleaning_rules": rule_table(analysis.all_articles, lang).data,
        "removed_lines": tables.removed_lines(analysis.all_articles, lang, max_chars=10**9).data,
        "skipped": tables.skipped_table(analysis.skipped, lang).data,
        "codebook": _codebook(codebook, lang),
        "presence": _presence(analysis.presence, lang, codebook, "city"),
        "year_presence": _presence(analysis.year_presence(), lang, codebook, "year"),
        "article_measures": _by_article(analysis, "article", lang),
        "article_sentences": _by_article(analysis, "sentence", lang),
    }
    scores = seed_scores(analysis)
    if scores is not None:
        shown = measure_scores(scores, analysis, lang).data
        # the page's "0.83" and "—" as numbers and empty cells
        sheets["validation"] = shown.iloc[:, :2].join(shown.iloc[:, 2:].apply(pd.to_numeric, errors="coerce"))
    sheets.update({
        "evidence": _evidence(analysis, lang),
        "frequent_words": tables.word_table(counts, lang, top=max(1, len(counts))).data,
        "keyness": _keyness(analysis.all_keyness, lang),
        "left_out_words": _left_out(analysis, lang),
        "events": tables.events_table(analysis.events, lang).data,
        "announcements": tables.announcements_table(analysis.announcements, lang).data,
        "reference_events": tables.reference_table(analysis.reference_events, lang).data,
    })
    for key, comparison in (("tests_city", analysis.compare_cities()), ("tests_year", analysis.compare_years())):
        if comparison.tested and not comparison.tests.empty:
            by = key.removeprefix("tests_")
            sheets[key] = tables.comparison_tests(comparison, lang, codebook, by=by).data
    about = pd.DataFrame({
        text("workbook.sheet_column", lang): [text(f"workbook.sheet.{k}", lang) for k in ("about", *sheets)],
        text("workbook.contents_column", lang): [text(f"workbook.about.{k}", lang) for k in ("about", *sheets)],
    })
    named = {text("workbook.sheet.about", lang): about}
    named.update({text(f"workbook.sheet.{key}", lang): frame for key, frame in sheets.items()})
    return named


def _cell(value: object) -> object:
    """A value as a worksheet cell holds it: numbers as numbers, missing as empty, the rest as text."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy number
        value = value.item()
    if not isinstance(value, bool | int | float | str):
        value = str(value)
    if isinstance(value, str):
        value = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value)
    return value


def _width(value: object) -> int:
    """Columns a value needs: a Chinese character takes two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(value))


def xlsx_bytes(sheets: dict[str, pd.DataFrame], title: str) -> bytes:
    """``sheets`` as the bytes of an .xlsx file: the same sheets give the same bytes.

    Each sheet: the header row bold and frozen, Excel's filter buttons on it,
    each column about as wide as its longest value (at most 60).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for name, frame in sheets.items():
        if not _SHEET_NAME.fullmatch(name):
            raise ValueError(f"sheet name {name!r}: at most 31 characters, none of [ ] : * ? / \\")
        sheet = book.create_sheet(name)
        sheet.append([_cell(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        widths = [_width(c) for c in frame.columns]
        for row in sheet.iter_rows():
            for column, cell in enumerate(row):
                if cell.data_type == "f":  # text that looks like a formula stays text
                    cell.data_type = "s"
                widths[column] = max(widths[column], _width(cell.value) if cell.value is not None else 0)
        for cell in sheet[1]:
            cell.font = bold
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, _MAX_WIDTH)
        sheet.freeze_panes = "A2"
        if len(frame.columns):
            sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = title
    book.properties.creator = "helpers"
    buffer = io.BytesIO()
    book.save(buffer)
    return _without_dates(buffer.getvalue())


def _without_dates(data: bytes) -> bytes:
    """The workbook's zip rewritten without the clock: no dates in its properties, 1980-01-01 on every entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "docProps/core.xml":
                content = _DATES.sub(b"", content)
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()


def analysis_workbook(analysis: Analysis, lang: str) -> bytes:
    """The analysis as the bytes of one .xlsx file in ``lang``."""
    return xlsx_bytes(workbook_sheets(analysis, lang), text("workbook.title", lang))
