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


def test_standard_output_redirected_to_text_in_python_gets_the_text():
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        write_csv(pd.DataFrame({"城市": ["孝感"]}))
    assert out.getvalue() == "城市\n孝感\n"


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
        # the seeds announce nothing after publication: three events stand in (the same columns)
        "announcements_table": tables.announcements_table(analysis.events.head(3), lang),
        "left_out_words": tables.left_out_words(analysis.left_out_words("武汉"), lang),
        "reference_table": tables.reference_table(analysis.reference_events, lang),
        "linked_counts": tables.linked_counts(analysis.evidence, analysis.presence, lang, codebook=codebook),
        "evidence_appendix": tables.evidence_appendix(analysis.evidence, analysis.presence, lang, codebook=codebook),
    }


def _methods_outputs(analysis, lang: str) -> dict[str, object]:
    """The tables of the methods report, as its sections build them."""
    from helpers.report.methods.cleaning import rule_table
    from helpers.report.methods.sources import sources_table
    from helpers.report.methods.validation import measure_scores, seed_scores

    return {
        "rule_table": rule_table(analysis.all_articles, lang),
        "sources_table": sources_table(analysis.all_articles, lang),
        "measure_scores": measure_scores(seed_scores(analysis), analysis, lang, "seeds"),
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
    for name, table in {**_table_outputs(analysis, lang), **_methods_outputs(analysis, lang)}.items():
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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_table_of_the_methods_report_sits_in_a_box_with_its_csv(analysis, lang):
    from helpers.report.methods.cleaning import cleaning_html
    from helpers.report.methods.sources import sources_html
    from helpers.report.methods.validation import validation_html

    html = cleaning_html(analysis.all_articles, lang) + sources_html(analysis.all_articles, lang) + validation_html(
        analysis, lang)
    soup = BeautifulSoup(html, "html.parser")
    tables = soup.find_all("table")
    assert len(tables) == 6  # cleaning rules, sources, the seeds', the held-out and the two blind sets' validation
    assert all(table.find_parent("div", class_="table-box") for table in tables)
    names = [link["download"] for link in soup.find_all("a", class_="table-csv")]
    assert names == ["cleaning-rules.csv", "sources.csv", "validation-seeds.csv", "validation-heldout.csv",
                     "validation-blind-traps.csv", "validation-blind-ordinary.csv"]
    for box in soup.find_all("div", class_="table-box"):
        csv = pd.read_csv(io.BytesIO(_downloaded(str(box))), dtype=str, keep_default_na=False)
        assert len(csv) == len(box.table.tbody.find_all("tr")) > 0


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


# --------------------------------------------------------------------------- the Excel workbook


def test_a_workbook_round_trips_in_pandas_and_the_same_sheets_give_the_same_bytes():
    from helpers.report.workbook import xlsx_bytes

    sheets = {
        "文章": pd.DataFrame({"编号": ["000_df89324ac0933c04", "a2"], "字数": [1873, 12], "比例": [0.5, None]}),
        "Empty": pd.DataFrame({"a": pd.Series([], dtype=object)}),
        "Text": pd.DataFrame({"text": ['=HYPERLINK("http://x","click")', "ansi \x1b[31m red", "-2.5", "@x"]}),
    }
    data = xlsx_bytes(sheets, "标题")
    assert data == xlsx_bytes(sheets, "标题")
    read = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(read) == ["文章", "Empty", "Text"]
    pd.testing.assert_frame_equal(read["文章"], sheets["文章"])
    assert read["Empty"].empty and list(read["Empty"].columns) == ["a"]
    # a formula's text stays text; a control character is written as check-seed shows it
    assert read["Text"]["text"].tolist() == ['=HYPERLINK("http://x","click")', "ansi \\x1b[31m red", "-2.5", "@x"]


def test_a_workbook_carries_no_date_of_the_machine_that_wrote_it():
    import zipfile

    from helpers.report.workbook import xlsx_bytes

    data = xlsx_bytes({"a": pd.DataFrame({"x": [1]})}, "t")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "created" not in core and "modified" not in core and "<dc:title>t</dc:title>" in core


def test_a_sheet_name_excel_refuses_is_refused():
    from helpers.report.workbook import xlsx_bytes

    with pytest.raises(ValueError, match="sheet name"):
        xlsx_bytes({"a/b": pd.DataFrame({"x": [1]})}, "t")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_holds_the_whole_analysis_in_the_reader_s_language(analysis, lang):
    from helpers.report.workbook import analysis_workbook

    data = analysis_workbook(analysis, lang)
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, keep_default_na=False)
    names = list(sheets)
    about = sheets[names[0]]
    assert names[0] == text("workbook.sheet.about", lang)
    assert about.iloc[:, 0].tolist() == names  # the first sheet says what each one holds
    evidence = sheets[text("workbook.sheet.evidence", lang)]
    assert len(evidence) == len(analysis.evidence)
    assert sorted(evidence[text("header.quote", lang)]) == sorted(analysis.evidence["sentence_original"])
    assert set(evidence[text("header.id", lang)]) == set(analysis.evidence["id"])  # full article ids
    articles = sheets[text("workbook.sheet.articles", lang)]
    assert articles[text("header.id", lang)].tolist() == analysis.all_articles["id"].tolist()
    by_article = sheets[text("workbook.sheet.article_measures", lang)]
    assert len(by_article) == len(analysis.articles)
    assert set(by_article.iloc[:, 2:].to_numpy().ravel()) <= {"0", "1"}
    for key in ("presence", "events", "keyness", "frequent_words", "reference_events", "sources", "cleaning_rules",
                "left_out_words"):
        assert len(sheets[text(f"workbook.sheet.{key}", lang)]), key
    assert list(sheets[text("workbook.sheet.announcements", lang)].columns) == [
        text(f"header.{key}", lang) for key in ("article", "date", "announced", "key_words")[:4 if lang == "en" else 3]
    ]  # none in the seeds, yet a sheet; English adds the glossed key words
    codebook = sheets[text("workbook.sheet.codebook", lang)]
    assert codebook[text("header.id", lang)].tolist() == analysis.codebook.ids
    assert all(codebook[text("header.definition", lang)]) and all(codebook[text("header.coding_terms", lang)])
    validation = pd.read_excel(io.BytesIO(data), sheet_name=text("workbook.sheet.validation", lang))
    assert len(validation) == len(analysis.codebook.ids) + 1  # every measure and all together
    assert validation.iloc[:, 2:].apply(lambda column: column.dropna().between(0, 1).all()).all()
    keyness = sheets[text("workbook.sheet.keyness", lang)]
    assert set(keyness[text("header.reference", lang)]) <= {text(f"vocabulary.reference_{r}", lang)
                                                             for r in ("cities", "general")}


def test_the_export_command_writes_the_workbook(tmp_path, capsys):
    target = tmp_path / "out" / "analysis.xlsx"
    assert main(["export", "--lang", "en", "--out", str(target)]) == 0
    sheets = pd.read_excel(target, sheet_name=None)
    assert "Evidence" in sheets and "wrote" in capsys.readouterr().err
    assert main(["export", "--lang", "fr", "--out", str(target)]) == 2
    assert "unknown language 'fr'" in capsys.readouterr().err


def test_the_build_writes_a_workbook_per_language_and_rewrites_it_only_when_needed(tmp_path, monkeypatch):
    from fakes import build_project, make_project
    from helpers.publish import build as build_mod

    project = make_project(tmp_path, monkeypatch)
    made = []
    monkeypatch.setattr(build_mod, "make_workbooks",
                        lambda seeds, langs: made.append(list(langs)) or {lang: f"x {lang}".encode() for lang in langs})
    summary, lines = build_project(project)
    reports = project / "reports"
    assert summary.workbooks == ["zh/analysis.xlsx", "en/analysis.xlsx"] and made == [["zh", "en"]]
    assert (reports / "zh" / "analysis.xlsx").read_bytes() == b"x zh"
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="zh/analysis.xlsx"' in index and 'href="en/analysis.xlsx"' in index
    page = (reports / "zh" / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert 'href="analysis.xlsx" download' in page  # the top bar of every report
    again, lines = build_project(project)
    assert again.workbooks == [] and made == [["zh", "en"]] and any("nothing to do" in line for line in lines)
    (reports / "en" / "analysis.xlsx").write_bytes(b"edited")  # not the file its key produced
    third, _ = build_project(project)
    assert third.workbooks == ["en/analysis.xlsx"] and third.built == [] and made[-1] == ["en"]


def test_a_workbook_that_fails_fails_the_build_and_keeps_the_last_one(tmp_path, monkeypatch):
    from fakes import build_project, make_project
    from helpers.publish import build as build_mod

    project = make_project(tmp_path, monkeypatch)
    build_project(project)

    def broken(seeds, langs):
        raise ValueError("no analysis today")

    monkeypatch.setattr(build_mod, "make_workbooks", broken)
    monkeypatch.setattr(build_mod, "source_digest", lambda: "helpers-source-v2")
    summary, lines = build_project(project)
    assert ("zh/analysis.xlsx", "ValueError: no analysis today") in summary.failed
    assert (project / "reports" / "zh" / "analysis.xlsx").read_bytes() == b"workbook zh"
    assert any(line == "FAILED zh/analysis.xlsx: ValueError: no analysis today" for line in lines)


# --------------------------------------------------------------------------- the built reports


@pytest.mark.slow
def test_every_table_of_every_built_page_offers_its_csv(built_reports):
    pages = sorted(built_reports.reports.rglob("*.html"))
    assert len(pages) > 2
    for path in pages:
        if path.name == "index.html":
            continue
        relpath = path.relative_to(built_reports.reports).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        tables = soup.find_all("table")
        boxes = soup.find_all("div", class_="table-box")
        # every table sits in a box with its link (the evidence list has a box and no table)
        assert all(table.find_parent("div", class_="table-box") for table in tables), relpath
        assert len(boxes) >= len(tables), relpath
        names = []
        for box in boxes:
            link = box.find("a", class_="table-csv")
            lang, stem = relpath.split("/")
            assert link["download"].startswith(f"{lang}-{stem.removesuffix('.html')}-"), link["download"]
            names.append(link["download"])
            csv = pd.read_csv(io.BytesIO(_downloaded(str(box))), dtype=str, keep_default_na=False)
            table = box.find("table")
            if table is not None and table.tbody is not None:
                assert len(csv) == len(table.tbody.find_all("tr")), (relpath, link["download"])
        assert len(names) == len(set(names)), relpath


@pytest.mark.slow
def test_the_build_puts_a_workbook_beside_each_language_s_reports(built_reports):
    index = (built_reports.reports / "index.html").read_text(encoding="utf-8")
    for lang in ("zh", "en"):
        path = built_reports.reports / lang / "analysis.xlsx"
        sheets = pd.read_excel(path, sheet_name=None)
        assert text("workbook.sheet.evidence", lang) in sheets
        assert f'href="{lang}/analysis.xlsx"' in index
