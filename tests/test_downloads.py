"""Tables a reader can take away: CSV with a byte-order mark (command line and report pages), the Excel workbook."""

from __future__ import annotations

import base64
import io
import subprocess
import sys

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from helpers.catalogue import text
from helpers.cli import main
from helpers.csvfile import BOM, csv_bytes, write_csv
from helpers.report.tables.common import DOWNLOAD_NAME, spreadsheet_text

CSV_URI = "data:text/csv;charset=utf-8;base64,"

# --------------------------------------------------------------------------- CSV as helpers writes it


def test_csv_bytes_start_with_the_byte_order_mark_and_read_back_in_pandas():
    frame = pd.DataFrame({"城市": ["武汉", "白城"], "n": [1, 2]})
    data = csv_bytes(frame)
    assert data.startswith(BOM) and not data.startswith(BOM + BOM)
    assert data.decode("utf-8-sig") == "城市,n\n武汉,1\n白城,2\n"
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(data)), frame)


def test_standard_output_gets_the_mark_unless_it_is_a_terminal(monkeypatch, capsysbinary):
    frame = pd.DataFrame({"城市": ["武汉"]})
    write_csv(frame)
    assert capsysbinary.readouterr().out == BOM + "城市\n武汉\n".encode()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    write_csv(frame)
    assert capsysbinary.readouterr().out == "城市\n武汉\n".encode()


@pytest.mark.parametrize("argv", [
    ["measures", "--format", "csv"],
    ["measures", "--unit", "sentence"],
    ["evidence", "--city", "白城"],
    ["evidence", "--decisions", "--measure", "publicity"],
    ["keyness", "--city", "孝感", "--top", "3"],
    ["kwic", "消杀"],
    ["timeline", "--format", "csv"],
    ["validate", "--gold", str(ROOT / "tests" / "gold" / "seeds.yaml"), "--format", "csv"],
])
def test_every_csv_of_the_command_line_starts_with_the_mark_and_round_trips(argv, capsysbinary):
    assert main(argv) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(BOM) and not out.startswith(BOM + BOM)
    table = pd.read_csv(io.BytesIO(out), dtype=str, keep_default_na=False)
    assert len(table) and not table.columns[0].startswith("\ufeff")
    assert table.columns.tolist() == out.decode("utf-8-sig").splitlines()[0].split(",")
    if argv[0] != "validate":  # measure ids and numbers only
        assert any("\u4e00" <= ch <= "\u9fff" for ch in table.to_csv())


def test_csv_redirected_to_a_file_by_the_shell_has_the_mark(tmp_path):
    target = tmp_path / "measures.csv"
    with open(target, "wb") as handle:
        subprocess.run([sys.executable, "-m", "helpers", "measures", "--format", "csv"], stdout=handle,
                       check=True, cwd=ROOT)
    data = target.read_bytes()
    assert data.startswith(BOM)
    assert "白城" in set(pd.read_csv(target)["city"])


def test_help_says_what_the_csv_encoding_is(capsys):
    with pytest.raises(SystemExit):
        main(["measures", "--help"])
    assert "byte-order mark" in " ".join(capsys.readouterr().out.split())


# --------------------------------------------------------------------------- every table of a report offers a CSV


def _link(html: str):
    links = BeautifulSoup(html, "html.parser").find_all("a", class_="table-csv")
    assert len(links) == 1, html[:200]
    return links[0]


def _downloaded(html: str) -> bytes:
    href = _link(html)["href"]
    assert href.startswith(CSV_URI)
    return base64.b64decode(href.removeprefix(CSV_URI), validate=True)


def _cell(value: object) -> str:
    """A value as the CSV writes it and ``dtype=str`` reads it back."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(spreadsheet_text(value))


@pytest.fixture(scope="module")
def analysis():
    from helpers.analysis import analyse

    return analyse()


def _table_outputs(analysis, lang: str) -> dict[str, object]:
    """Every table function as the notebooks call it, on the real seeds."""
    from helpers.report import tables

    codebook = analysis.codebook
    general = analysis.keyness("武汉", against="general")
    return {
        "article_table": tables.article_table(analysis.all_articles, lang),
        "cleaning_table": tables.cleaning_table(analysis.all_articles, lang),
        "removed_lines": tables.removed_lines(analysis.all_articles, lang),
        "skipped_table": tables.skipped_table(analysis.skipped, lang),
        "word_table": tables.word_table(analysis.token_counts(), lang, top=30),
        "distinctive_by_city": tables.distinctive_by_city(analysis.all_keyness, lang),
        "city_measure_table": tables.city_measure_table(analysis.presence, "武汉", lang, codebook=codebook),
        "keyness_table": tables.keyness_table(general, lang, top=15, against="general"),
        "quotes": tables.quotes(analysis.city_evidence("武汉"), analysis.top_measures("武汉"), lang, codebook=codebook),
        "comparison_tests": tables.comparison_tests(_tested_comparison(), lang, codebook=codebook, by="year"),
        "events_table": tables.events_table(analysis.events, lang),
        "reference_table": tables.reference_table(analysis.reference_events, lang),
        "linked_counts": tables.linked_counts(analysis.evidence, analysis.presence, lang, codebook=codebook),
        "evidence_appendix": tables.evidence_appendix(analysis.evidence, analysis.presence, lang, codebook=codebook),
    }


def _tested_comparison():
    from helpers.analysis.inference import TEST_COLUMNS, GroupComparison

    tests = pd.DataFrame([["quarantine", "chi-square", 4.2, 1, 0.04, 0.08, 0.31, False]], columns=TEST_COLUMNS)
    residuals = pd.DataFrame({"2020": [2.1], "2022": [-2.1]}, index=["quarantine"])
    return GroupComparison(True, None, {"2020": 6, "2022": 7}, 5, tests, residuals)


def test_every_table_function_is_tested_here_and_offers_a_csv(analysis):
    """A new table function offers its CSV too: decorated with ``downloadable``, or an HTML table in a box."""
    import inspect

    from helpers.report import tables

    functions = {name: getattr(tables, name) for name in tables.__all__ if name not in ("header", "present")}
    assert set(functions) == set(_table_outputs(analysis, "en"))
    for name, function in functions.items():
        assert hasattr(function, "__wrapped__") or "download_box(" in inspect.getsource(function), name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_offers_its_rows_as_a_csv_with_the_byte_order_mark(analysis, lang):
    for name, table in _table_outputs(analysis, lang).items():
        html = table if isinstance(table, str) else table._repr_html_()
        link = _link(html)
        assert DOWNLOAD_NAME.fullmatch(link["download"].removesuffix(".csv")), name
        assert link.get_text() == text("download.csv", lang), name
        data = _downloaded(html)
        assert data.startswith(BOM) and not data.startswith(BOM + BOM), name
        csv = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        if isinstance(table, str):
            continue  # the HTML tables: below
        frame = table.data
        assert list(csv.columns) == [str(c) for c in frame.columns], name
        expected = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
        assert csv.values.tolist() == expected, name
        assert len(csv), name


def test_the_mentions_csv_holds_the_linked_counts_and_the_evidence_csv_every_quote(analysis):
    outputs = _table_outputs(analysis, "en")
    counts = pd.read_csv(io.BytesIO(_downloaded(outputs["linked_counts"])), keep_default_na=False)
    shown = BeautifulSoup(outputs["linked_counts"], "html.parser").table.tbody
    assert counts.values.tolist() == [[cell.get_text() if i == 0 else int(cell.get_text())
                                       for i, cell in enumerate(row.find_all(["th", "td"]))]
                                      for row in shown.find_all("tr")]
    assert list(counts.columns)[:3] == ["Measure", "Wuhan", "Baicheng"]
    evidence = pd.read_csv(io.BytesIO(_downloaded(outputs["evidence_appendix"])), dtype=str, keep_default_na=False)
    assert len(evidence) == len(analysis.evidence)
    assert list(evidence.columns) == ["City", "Measure", "Matched term", "Quote (original script)", "ID", "Start", "End"]
    assert sorted(evidence["Quote (original script)"]) == sorted(analysis.evidence["sentence_original"])
    assert set(evidence["ID"]) == set(analysis.evidence["id"])  # full ids, as in the data


def test_a_value_that_would_start_a_formula_reaches_the_spreadsheet_as_text():
    from helpers.report import tables

    skipped = pd.DataFrame([{"file": '=HYPERLINK("http://x","click").txt', "reason": "+A1"},
                            {"file": "@SUM(A1)", "reason": "-2.5"}])
    csv = _downloaded(tables.skipped_table(skipped, "en")._repr_html_()).decode("utf-8-sig")
    assert csv.splitlines()[1:] == ['"\'=HYPERLINK(""http://x"",""click"").txt",\'+A1', "'@SUM(A1),-2.5"]  # a number stays one


def test_a_page_names_each_csv_after_its_report_and_language():
    from helpers.publish.export import name_downloads
    from helpers.publish.plan import NOTEBOOKS, ReportSpec
    from helpers.report.tables.common import download_box

    box = download_box("<table></table>", pd.DataFrame({"a": [1]}), "tests-city", "zh")
    page = name_downloads(box + box + download_box("", pd.DataFrame(), "quotes", "zh"),
                          ReportSpec(NOTEBOOKS[1], "zh", city="武汉", city_en="Wuhan"))
    names = [a["download"] for a in BeautifulSoup(page, "html.parser").find_all("a")]
    assert names == ["zh-02_city_profile-wuhan-tests-city.csv", "zh-02_city_profile-wuhan-tests-city-2.csv",
                     "zh-02_city_profile-wuhan-quotes.csv"]
    with pytest.raises(ValueError, match="lower-case ASCII"):
        download_box("", pd.DataFrame(), "城市", "zh")
