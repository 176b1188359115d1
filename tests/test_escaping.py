"""No markup from a seed reaches a report: file-derived text is shown as text, wherever it is shown.

Fault injection for markup.  The unit tests push hostile strings (tags with
event handlers, a Markdown link to ``javascript:``, emphasis, an entity,
underscores and backticks) through every function of ``helpers`` that emits
Markdown or HTML -- chart captions and alt text, the profile and comparison
paragraphs, every table, the table of contents, the failure box, the index
page -- render the result the way the report does (nbconvert's Markdown
renderer, the report exporter) and check that it holds no live tag or
attribute and reads exactly as the text.

One real build (``slow``) then runs on a copy of the seeds plus hostile
seeds: a file named ``<img src=x onerror=alert(9)>.txt`` with no date (its
id goes into the timeline caption), an article whose headline and source
byline carry ``<script>`` and ``<img onerror>``, an empty file with markup in
its name (skipped, with its reason) and a ``metadata.yaml`` title made of
markup.  Every page is parsed, and opened in headless Chromium (``browser``):
no event-handler attribute, no script, no dialog, and the hostile text is
there for the reader to read.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup
from IPython.core.formatters import DisplayFormatter

from conftest import ROOT, build_reports
from helpers.analysis.inference import TEST_COLUMNS, GroupComparison
from helpers.catalogue import message
from helpers.publish.export import HtmlReportExporter, failure_box, finish_page, scroll_frame, with_failure
from helpers.publish.index_page import render_index
from helpers.publish.plan import NOTEBOOKS, CorpusSummary, ReportSpec
from helpers.report import markup, prose, tables
from helpers.report.style import Chart, chart_style, show

HOSTILE = [
    "<img src=x onerror=alert(9)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "[x](javascript:alert(1))",
    "*bold*",
    "&amp;",
    "file_name_with_`backticks`_and __dunder__",
    "$x$ \\(y\\) <!-- c --> ![i](x) # not a heading",
]
LANGS = ("zh", "en")
# What a page may hold besides text: the elements helpers and nbconvert's template write.
TABLE_TAGS = {"style", "table", "thead", "tbody", "tr", "th", "td", "abbr"}
# Around a table displayed in a notebook: its box and CSV link (helpers.report.tables.common.download_box).
DOWNLOAD_TAGS = {"div", "p", "a"}
CSV_URI = "data:text/csv;charset=utf-8;base64,"
# The sorting and filtering script of a report page (templates/report/tables.html.j2).
PAGE_SCRIPT = BeautifulSoup(
    (ROOT / "src" / "helpers" / "templates" / "report" / "tables.html.j2").read_text(encoding="utf-8"),
    "html.parser").script.string
# The elements of a chart (matplotlib's SVG, as the HTML parser names them).
SVG_TAGS = {"svg", "g", "path", "text", "defs", "clippath", "use", "image", "rect"}


# --------------------------------------------------------------------------- checks


# Elements that run or embed something whatever their attributes (SVG's foreignObject holds HTML,
# animate and set can write a javascript: URL into an attribute, base and link point elsewhere).
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "foreignobject", "animate", "set", "base", "link"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data"}
_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)")
# What a URL in a style may point to: an element of the page, or a font or picture the page carries.
_STYLE_URLS = ("#", "data:font/", "data:image/png;base64,", "data:image/svg+xml")


def _plain(value: str) -> str:
    """A URL as a browser reads its scheme: without the white space and control characters it skips."""
    return re.sub(r"[\x00-\x20]", "", value).lower()


def _style_problems(style: str) -> list[str]:
    """What a CSS text may not do on a report page: run script, or load from elsewhere."""
    found = [f"url({url!r})" for url in _URL.findall(style) if not _plain(url).startswith(_STYLE_URLS)]
    lowered = _plain(style)
    found += [f"{word!r} in a style" for word in ("javascript:", "expression(", "@import", "behavior:")
              if word in lowered]
    return found


def live_markup(html: str, allowed: set[str] | None = None) -> list[str]:
    """Elements outside ``allowed`` or that run something, event handlers, script URLs, outside loads.

    Pictures are ours only as embedded PNG (``<img src>``, SVG ``<image href>``),
    an SVG ``<use>`` points into the page, and styles load nothing from elsewhere.
    """
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if allowed is not None and tag.name not in allowed:
            found.append(f"<{tag.name}> element")
        if tag.name in ACTIVE_TAGS:
            found.append(f"<{tag.name}> element")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            local = name.lower().rsplit(":", 1)[-1]  # xlink:href is an href
            if local.startswith("on"):
                found.append(f"{name}= on <{tag.name}>")
            csv_link = tag.name == "a" and name == "href" and tag.get("class") == ["table-csv"] and value.startswith(
                CSV_URI) and re.fullmatch(r"[A-Za-z0-9+/=]*", value.removeprefix(CSV_URI))
            if local in URL_ATTRIBUTES and _plain(value).startswith(("javascript:", "vbscript:", "data:text")) \
                    and not csv_link:
                found.append(f"{name}={value[:60]!r} on <{tag.name}>")
            if local == "style":
                found += [f"{problem} on <{tag.name}>" for problem in _style_problems(value)]
        if tag.name == "meta" and tag.get("http-equiv") is not None:
            found.append(f"<meta http-equiv={tag.get('http-equiv')!r}>")
        if tag.name == "style":
            found += [f"{problem} in <style>" for problem in _style_problems(tag.get_text())]
        if tag.name in ("img", "image"):
            source = next((str(v) for k, v in tag.attrs.items() if k.lower().rsplit(":", 1)[-1] in ("src", "href")), "")
            if not source.startswith("data:image/png;base64,"):
                found.append(f"<{tag.name}> of {source[:40]!r}")
        if tag.name == "use":
            target = next((str(v) for k, v in tag.attrs.items() if k.lower().rsplit(":", 1)[-1] == "href"), "")
            if not target.startswith("#"):
                found.append(f"<use> of {target[:40]!r}")
    return found


def shown(html: str) -> str:
    """The text a reader reads, white space as in a browser."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def one_line(text: str) -> str:
    return " ".join(text.split())


def rendered(markdown_source: str) -> str:
    """Markdown as the report page renders it (nbconvert's ``markdown2html`` filter)."""
    from nbconvert.filters.markdown import markdown2html

    return markdown2html(markdown_source)


def to_html(table) -> str:
    """A table as a notebook displays it: with its CSV link."""
    return table if isinstance(table, str) else table._repr_html_()


def csv_of(html: str) -> str:
    """The text of the CSV file the table's link downloads."""
    href = BeautifulSoup(html, "html.parser").find("a", class_="table-csv")["href"]
    return base64.b64decode(href.removeprefix(CSV_URI)).decode("utf-8-sig")


def _pictured_chart() -> str:
    """A chart as the pages carry it: bars, a raster part (as a word cloud's picture), labels."""
    from matplotlib.figure import Figure

    from helpers.report.svg import svg_markup

    with chart_style():
        figure = Figure(figsize=(3, 2))
        ax = figure.add_subplot()
        ax.imshow([[0.0, 1.0], [1.0, 0.0]])
        ax.set_title("社区防控")
    return svg_markup(figure, "社区防控: 图")


HOSTILE_SVG = {
    "script": '<svg><script>alert(1)</script></svg>',
    "handler": '<svg><g onclick="alert(1)"><text>x</text></g></svg>',
    "handler on the root": '<svg onload="alert(1)"></svg>',
    "foreignObject": '<svg><foreignObject><p>html</p></foreignObject></svg>',
    "xlink:href script": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "href script, obfuscated": '<svg><a href=" java\tscript:alert(1)"><text>x</text></a></svg>',
    "animated href": '<svg><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
    "outside picture": '<svg><image href="https://example.org/x.png"/></svg>',
    "svg picture": '<svg><image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/></svg>',
    "outside use": '<svg><use href="https://example.org/s.svg#x"/></svg>',
    "style url": '<svg><g style="fill: url(https://example.org/x)"></g></svg>',
    "style script": '<svg><style>text { background: url(javascript:alert(1)) }</style></svg>',
    "style import": '<style>@import "https://example.org/x.css";</style>',
    "refresh": '<meta http-equiv="refresh" content="0; url=https://example.org">',
}


def test_the_markup_check_accepts_our_charts_and_rejects_every_hostile_svg():
    chart = _pictured_chart()
    soup = BeautifulSoup(chart, "html.parser")
    assert soup.find("image") is not None and soup.find("use") is not None  # the check meets both
    assert live_markup(chart, SVG_TAGS) == []
    assert live_markup(f"<figure>{chart}</figure>") == []
    for name, markup_text in HOSTILE_SVG.items():
        assert live_markup(markup_text), name  # whatever elements are allowed
        assert live_markup(markup_text, SVG_TAGS | {"a", "style", "meta"}), name


# --------------------------------------------------------------------------- the one rule


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_reads_exactly_as_the_text(text):
    html = rendered(markup.markdown_text(text))
    assert live_markup(html, {"p"}) == []
    assert shown(html) == one_line(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_emphasis_and_heading_keep_their_text_literal(text):
    emphasis = rendered(markup.markdown_emphasis(text))
    assert live_markup(emphasis, {"p", "em"}) == []
    assert shown(emphasis) == one_line(text)
    heading = rendered(markup.markdown_heading(text, 2))
    assert live_markup(heading, {"h2", "a"}) == []  # the anchor link nbconvert adds
    assert shown(heading).removesuffix("¶") == one_line(text)


def test_line_breaks_and_indents_cannot_start_a_block():
    text = "    code?\n\n# heading?\n- item?\n1. item?\n> quote?\n===\na  \nb"
    html = rendered(markup.markdown_emphasis(text))
    assert live_markup(html, {"p", "em"}) == []
    assert shown(html) == one_line(text)
    assert markup.markdown_emphasis(" \n ") == ""


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_is_text_between_tags_and_in_an_attribute(text):
    element = f'<p title="{markup.html_text(text)}">{markup.html_text(text)}</p>'
    assert live_markup(element, {"p"}) == []
    parsed = BeautifulSoup(element, "html.parser").p
    assert list(parsed.attrs) == ["title"] and parsed["title"] == text and parsed.get_text() == text


# --------------------------------------------------------------------------- charts and prose


def _chart(title: str, caption: str) -> Chart:
    """A chart drawn as every chart is, inside ``chart_style`` (where a ``$`` is a character)."""
    from matplotlib.figure import Figure

    with chart_style():
        figure = Figure(figsize=(2, 1))
        figure.add_subplot().set_title(title)
    return Chart(figure, caption)


@pytest.mark.parametrize("text", HOSTILE)
def test_show_writes_the_caption_as_text_and_the_alt_text_as_plain_text(text, monkeypatch):
    import IPython.display

    outputs = []
    monkeypatch.setattr(IPython.display, "display", outputs.append)
    show(_chart(f"Title {text}", f"Undated: {text}."))
    image, caption = outputs
    data, metadata = DisplayFormatter().format(image)
    assert metadata["image/svg+xml"]["alt"] == one_line(f"Title {text}: Undated: {text}.")
    svg = data["image/svg+xml"]
    assert live_markup(svg, SVG_TAGS) == []
    chart = BeautifulSoup(svg, "html.parser").svg
    assert chart["aria-label"] == one_line(f"Title {text}: Undated: {text}.")
    assert f"Title {text}" in [t.get_text() for t in chart.find_all("text")]  # the title, as text
    html = rendered(caption.data)
    assert live_markup(html, {"p", "em"}) == []
    assert shown(html) == one_line(f"Undated: {text}.")


@pytest.mark.parametrize("text", HOSTILE)
def test_a_chart_shown_on_its_own_escapes_caption_and_alt(text):
    html = _chart(text, text)._repr_html_()
    assert live_markup(html, {"figure", "figcaption"} | SVG_TAGS) == []
    soup = BeautifulSoup(html, "html.parser")
    assert soup.figcaption.get_text() == text
    assert soup.svg["aria-label"] == one_line(f"{text}: {text}")
    assert text in [t.get_text() for t in soup.svg.find_all("text")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", HOSTILE)
def test_city_summary_shows_a_city_name_as_text(text, lang):
    articles = pd.DataFrame({"city": [text], "published": [None], "n_chars": [120]})
    html = rendered(prose.city_summary(SimpleNamespace(article_metadata=articles), text, lang).data)
    assert live_markup(html, {"h1", "a", "p"}) == []
    assert one_line(text) in BeautifulSoup(html, "html.parser").h1.get_text()


def _comparison(text: str, tested: bool) -> GroupComparison:
    """A comparison of two cities named ``text``, of a measure named ``text``: tested, or too small to test."""
    groups = {f"c1 {text}": 9, f"c2 {text}": 9}
    if not tested:
        return GroupComparison(False, "stats.too_few_articles", {f"c1 {text}": 1, f"c2 {text}": 9}, 5)
    tests = pd.DataFrame([(f"m1 {text}", "chi-square", 12.0, 1, 0.0005, 0.001, 0.8, True)], columns=TEST_COLUMNS)
    residuals = pd.DataFrame({f"c1 {text}": [3.5], f"c2 {text}": [-3.5]}, index=[f"m1 {text}"])
    return GroupComparison(True, None, groups, 5, tests, residuals)


@pytest.mark.parametrize("tested", [False, True])
@pytest.mark.parametrize("text", HOSTILE)
def test_comparison_paragraph_shows_measure_and_city_names_as_text(text, tested):
    summary = prose.comparison_summary(_comparison(text, tested), "en", _Codebook())
    assert f"c1 {text}" in summary and (f"m1 {text}" in summary) == tested
    html = rendered(markup.paragraph(summary).data)
    assert live_markup(html, {"p"}) == []
    assert shown(html) == one_line(summary)


# --------------------------------------------------------------------------- tables


class _Codebook:
    """Measure names as the ids themselves (a codebook is a data file too)."""

    def name(self, measure: str, lang: str) -> str:
        return measure


def _tables(text: str, lang: str) -> dict[str, object]:
    """Every table function, fed ``text`` in each of its text fields."""
    codebook = _Codebook()
    warning = message("warning.manual_replaces", field="title", manual=text, found=text)
    removed = {"line": 1, "rule": text, "reason": text, "reason_zh": text, "text": text}
    articles = pd.DataFrame([
        {"id": text, "title": text, "title_provenance": "manual", "text": text, "source": text,
         "source_provenance": None, "published": None, "published_provenance": None, "city": text,
         "city_provenance": None, "genre": "commentary", "genre_provenance": "manual", "n_chars": 10,
         "encoding": text, "removed": [removed],
         "pinyin_removed": 0, "duplicate_of": text, "warnings": [warning]},
        {"id": "untitled", "title": None, "title_provenance": None, "text": text * 3, "source": None,
         "source_provenance": None, "published": None, "published_provenance": None, "city": text,
         "city_provenance": None, "genre": "unknown", "genre_provenance": None, "n_chars": 10,
         "encoding": "utf-8", "removed": [],
         "pinyin_removed": 0, "duplicate_of": None, "warnings": [text]},
    ])
    presence = pd.DataFrame([{"group": text, "measure": text, "articles": 2, "with_measure": 1, "share": 0.5,
                              "sentences": 3, "group_sentences": 40}])
    evidence = pd.DataFrame([{"id": text, "city": text, "measure": text, "term": text, "sentence_no": 1,
                              "start": 0, "end": 3, "sentence_original": text}])
    events = pd.DataFrame([{"date": "2020-02-10", "year_resolved": True, "end_date": None, "time": None,
                            "part_of_day": None, "precision": "day", "city": text, "expression": text,
                            "label": text, "id": text}])
    references = pd.DataFrame([{"start": "2020-01-23", "end": None, "name_zh": text, "name_en": text,
                                "scope": text, "source": text}])
    keyness = pd.DataFrame([{"city": text, "token": "社区", "direction": "over", "g2": 3.0, "log_ratio": 1.0,
                             "reference": "general", "group_articles": 1}])
    return {
        "article_table": tables.article_table(articles, lang),
        "cleaning_table": tables.cleaning_table(articles, lang),
        "removed_lines": tables.removed_lines(articles, lang),
        "skipped_table": tables.skipped_table(pd.DataFrame([{"file": text, "reason": text}]), lang),
        "city_measure_table": tables.city_measure_table(presence, text, lang, codebook=codebook),
        "comparison_tests": tables.comparison_tests(_comparison(text, True), lang, codebook=codebook),
        "quotes": tables.quotes(evidence, [text], lang, codebook=codebook),
        "linked_counts": tables.linked_counts(evidence, presence, lang, codebook=codebook),
        "evidence_appendix": tables.evidence_appendix(evidence, presence, lang, codebook=codebook),
        "events_table": tables.events_table(events, lang),
        "announcements_table": tables.announcements_table(events, lang),
        "reference_table": tables.reference_table(references, lang),
        "word_table": tables.word_table(pd.Series({text: 3}), lang),
        "distinctive_by_city": tables.distinctive_by_city(keyness, lang),
    }


EXTRA_TAGS = {"linked_counts": {"a", "br", "small"}, "evidence_appendix": {"h4", "ol", "li", "mark", "small"},
              "comparison_tests": {"caption"}}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", HOSTILE)
def test_every_table_shows_file_text_as_text(text, lang):
    for name, table in _tables(text, lang).items():
        html = to_html(table)
        assert live_markup(html, TABLE_TAGS | DOWNLOAD_TAGS | EXTRA_TAGS.get(name, set())) == [], name
        soup = BeautifulSoup(html, "html.parser")
        cells = [one_line(cell.get_text()) for cell in soup.find_all(["td", "th", "h4", "li", "mark"])]
        assert any(one_line(text) in cell for cell in cells), name
        # The CSV holds the text itself, not its HTML; a spreadsheet reads it as text
        assert text.strip() in csv_of(html) or text.replace('"', '""') in csv_of(html), name


@pytest.mark.parametrize("text", HOSTILE)
def test_table_headers_are_escaped_too(text):
    html = tables.present(pd.DataFrame({text: [1]})).to_html()
    assert live_markup(html, TABLE_TAGS) == []
    assert BeautifulSoup(html, "html.parser").th.get_text() == text


# --------------------------------------------------------------------------- the page around the report


def _spec(text: str, lang: str = "en") -> ReportSpec:
    return ReportSpec(NOTEBOOKS[1], lang, city=text, city_en=text)


@pytest.mark.parametrize("text", HOSTILE)
def test_table_of_contents_reads_each_heading_as_text(text):
    heading = f'<h2 id="h">{markup.html_text(text)}<a class="anchor-link" href="#h">¶</a></h2>'
    page = finish_page(f"<body><!-- helpers:topbar --><!-- helpers:toc -->{heading}</body>", _spec(text))
    toc = str(BeautifulSoup(page, "html.parser").find("nav"))
    assert live_markup(toc, {"nav", "strong", "ul", "li", "a"}) == []
    assert shown(toc).endswith(one_line(text))


@pytest.mark.parametrize("text", HOSTILE)
def test_failure_box_and_failure_page_show_the_error_as_text(text):
    box = failure_box(text, f"HelpersError: {text}", f"build/executed/{text}.ipynb", "en", False)
    assert live_markup(box, {"div", "strong", "br", "code"}) == []
    assert f"HelpersError: {one_line(text)}" in shown(box)
    page = with_failure("", box, _spec(text))
    assert live_markup(page, {"html", "head", "meta", "title", "body", "main", "h1", "div", "strong", "br",
                              "code", "p", "a"}) == []
    assert one_line(text) in BeautifulSoup(page, "html.parser").title.get_text()


@pytest.mark.parametrize("text", HOSTILE)
def test_index_page_shows_ids_titles_cities_and_skipped_files_as_text(text):
    article = {"id": text, "city": text, "city_en": text, "published": None, "title": text, "duplicate_of": text}
    corpus = CorpusSummary(cities=[(text, text)], articles=[article], skipped=[{"file": text, "reason": text}])
    specs = [ReportSpec(NOTEBOOKS[0], "zh"), ReportSpec(NOTEBOOKS[0], "en"), _spec(text, "zh"), _spec(text)]
    previous = [{**article, "id": f"old {text}"}]
    page = render_index(corpus, specs, {}, previous)
    assert [problem for problem in live_markup(page) if problem != "<script> element"] == []
    soup = BeautifulSoup(page, "html.parser")
    assert [script.get_text() for script in soup.find_all("script")] == [scroll_frame()[1]]  # the frame's own
    cells = [cell.get_text() for cell in soup.find_all("td")]
    ids = [abbr["title"] for abbr in soup.find_all("abbr")]  # an id with a number is shown as 000…
    assert text in cells + ids and f"{text} / {text}" in cells  # the id and title cells, the city
    assert any(item.get_text() == f"{text}: {text}" for item in soup.find_all("li"))  # the skipped file
    assert f"old {text}" in soup.get_text()  # what changed


def _template_scripts(folder: Path) -> list[str]:
    """The scripts of a report page without outputs: the template's own (the scrolling cue)."""
    import nbformat

    path = folder / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Section")]), str(path))
    page = HtmlReportExporter().export(path, _spec("empty"))
    return [str(script) for script in BeautifulSoup(page, "html.parser").find_all("script")]


def test_a_report_page_made_of_hostile_outputs_shows_them_as_text(tmp_path, monkeypatch):
    """Every kind of output the notebooks display, exported by the real exporter and template."""
    import IPython.display
    import nbformat

    text = " ".join(HOSTILE)
    displayed = []
    monkeypatch.setattr(IPython.display, "display", displayed.append)
    show(_chart(text, text))
    articles = pd.DataFrame({"city": [text], "published": [None], "n_chars": [120]})
    displayed.append(prose.city_summary(SimpleNamespace(article_metadata=articles), text, "en"))
    displayed.append(markup.paragraph(text))
    everything = _tables(text, "en")
    displayed += [IPython.display.HTML(t) if isinstance(t, str) else t for t in everything.values()]
    formatter = DisplayFormatter()
    outputs = []
    for item in displayed:
        data, metadata = formatter.format(item)
        outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata))
    cell = nbformat.v4.new_code_cell("", outputs=outputs)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Section"), cell])
    path = tmp_path / "hostile.ipynb"
    nbformat.write(notebook, str(path))

    page = HtmlReportExporter().export(path, _spec(text))
    template_scripts = _template_scripts(tmp_path)
    assert [problem for problem in live_markup(page) if problem != "<script> element"] == []
    soup = BeautifulSoup(page, "html.parser")
    assert [str(script) for script in soup.find_all("script")] == template_scripts  # the template's own
    assert len(soup.find_all("a", class_="table-csv")) == len([t for t in everything.values() if t])
    assert [svg["aria-label"] for svg in soup.find_all("svg")] == [one_line(f"{text}: {text}")]
    assert soup.find("img") is None
    assert one_line(text) in soup.find("em").get_text()  # the caption
    assert one_line(text) in soup.find("h1").get_text()  # the profile heading
    assert one_line(text) in one_line(soup.get_text())


# --------------------------------------------------------------------------- one hostile build

UNDATED = "<img src=x onerror=alert(9)>"  # a file name, so an article id, with no date in its text
UNDATED_TEXT = (
    "江汉区社区干部守好小区大门\n"
    "江汉区的社区干部和下沉党员每天在小区门口轮班值守，为进出居民测量体温、登记信息。\n"
    "社区网格员逐户上门排查，对居家隔离的家庭每天送菜上门，帮助老人代购药品。\n"
    "志愿者在楼栋里张贴防疫告示，用大喇叭宣传勤洗手、戴口罩、少出门。\n"
    "武汉市江汉区的居民说，有了社区工作者的坚守，大家心里很踏实。\n"
)
BYLINE = "zz_markup_byline"
BYLINE_TITLE = "武昌<script>alert(1)</script>社区防疫"
BYLINE_SOURCE = "<img/src=x/onerror=alert(3)>"
BODY_MARKUP = "*值守*[x](javascript:alert(5))"  # in a quoted sentence
BYLINE_TEXT = (
    f"{BYLINE_TITLE}\n"
    f"来源：{BYLINE_SOURCE} 作者：<script>alert(4)</script>\n"
    "发布时间：2020-02-12\n"
    f"武汉市武昌区的社区工作人员连续奋战，2月10日起对辖区小区实行封闭管理{BODY_MARKUP}。\n"
    "网格员挨家挨户排查发热病人，社区医生为居家隔离人员测量体温并做好消毒。\n"
    "武昌区的志愿者为困难群众配送生活物资，社区还设立了心理疏导热线。\n"
)
SKIPPED = "<svg onload=alert(8)>.txt"  # empty: skipped, and named with its reason
MANUAL_ID = "003_4e5496108993cbe1"
MANUAL_TITLE = "<svg onload=alert(6)>[x](javascript:alert(7)) *bold* _a_ `code` &amp;"


def _add_manual_title(path: Path) -> None:
    """Give MANUAL_ID the hostile manual title, beside whatever its entry already says."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries.setdefault(MANUAL_ID, {})["title"] = {"value": MANUAL_TITLE,
                                                  "note": "A title made of markup, for the escaping tests."}
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


# What the reader must be able to read, page by page (both languages).
MUST_SHOW = {
    "index.html": [UNDATED, BYLINE_TITLE, MANUAL_TITLE, SKIPPED],
    "01_corpus_overview.html": [UNDATED, BYLINE_TITLE, BYLINE_SOURCE, MANUAL_TITLE, SKIPPED],
    "03_measures_comparison.html": [UNDATED, BODY_MARKUP],  # the evidence appendix
    "04_timeline.html": [UNDATED],  # the publication chart's caption: no date
}


def _must_show(relpath: str) -> list[str]:
    return MUST_SHOW.get(relpath.split("/")[-1], [])


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory, isolated_cache):
    """The real seeds plus the hostile ones, built once (about 40 s on two cores)."""
    source = tmp_path_factory.mktemp("hostile-seeds") / "seeds"
    shutil.copytree(ROOT / "seeds", source)
    (source / f"{UNDATED}.txt").write_text(UNDATED_TEXT, encoding="utf-8")
    (source / f"{BYLINE}.txt").write_text(BYLINE_TEXT, encoding="utf-8")
    (source / SKIPPED).write_bytes(b"")
    _add_manual_title(source / "metadata.yaml")
    return build_reports(tmp_path_factory.mktemp("hostile"), seeds_source=source)


@pytest.fixture(scope="session")
def hostile_pages(hostile_build) -> dict[str, str]:
    root = hostile_build.reports
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.html"))}


def _clean_elements(reports: Path) -> tuple[set[str], set[str]]:
    """Element names and scripts of the pages of a build of the clean seeds (by the code under test),
    and of an index page listing a skipped file with a plain name (the clean seeds skip none)."""
    names, scripts = set(), set()
    skipped = CorpusSummary(cities=[], articles=[], skipped=[{"file": "空白稿件.txt", "reason": "文件为空"}])
    index = render_index(skipped, [ReportSpec(NOTEBOOKS[0], "zh"), ReportSpec(NOTEBOOKS[0], "en")], {}, None)
    for text in [index] + [page.read_text(encoding="utf-8") for page in reports.rglob("*.html")]:
        soup = BeautifulSoup(text, "html.parser")
        names |= {tag.name for tag in soup.find_all(True)}
        scripts |= {str(tag) for tag in soup.find_all("script")}
    return names, scripts


@pytest.mark.slow
def test_the_hostile_build_finishes_with_the_hostile_articles_in_it(hostile_build, hostile_pages):
    assert hostile_build.summary.failed == []
    assert any(line.startswith(f"skipped seed {SKIPPED}: ") for line in hostile_build.log)
    for lang in LANGS:
        assert f"{lang}/04_timeline.html" in hostile_pages and f"{lang}/01_corpus_overview.html" in hostile_pages
    assert "index.html" in hostile_pages


@pytest.mark.slow
def test_no_page_holds_markup_from_a_seed(hostile_pages, built_reports):
    clean_names, clean_scripts = _clean_elements(built_reports.reports)
    found = []
    for relpath, page in hostile_pages.items():
        soup = BeautifulSoup(page, "html.parser")
        found += [f"{relpath}: {problem}" for problem in live_markup(page) if "<script>" not in problem]
        found += [f"{relpath}: a script the clean pages lack: {str(s)[:80]}"
                  for s in soup.find_all("script") if str(s) not in clean_scripts and s.string != PAGE_SCRIPT]
        found += [f"{relpath}: <{name}> appears, which no clean page has"
                  for name in {tag.name for tag in soup.find_all(True)} - clean_names]
    assert found == []


@pytest.mark.slow
def test_every_page_shows_the_hostile_text_as_text(hostile_pages):
    missing = []
    for relpath, page in hostile_pages.items():
        text = one_line(BeautifulSoup(page, "html.parser").get_text())
        missing += [f"{relpath}: {s}" for s in _must_show(relpath) if one_line(s) not in text]
    assert missing == []


def _visit_in_chromium(executable: str, profile: Path, reports: Path, relpaths: list[str]) -> dict[str, list[str]]:
    """Open every page once: the dialogs it opened, its uncaught errors and the text a reader sees."""
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM_ARGS

    seen: dict[str, list[str]] = {"dialogs": [], "errors": [], "missing": []}
    with sync_playwright() as manager:
        context = manager.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            env=dict(os.environ), timeout=60_000,
        )
        for relpath in relpaths:
            page = context.new_page()
            # Nothing may leave the machine: only the page itself and its data: images load.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                       else route.abort())
            page.on("dialog", lambda dialog, relpath=relpath: (seen["dialogs"].append(f"{relpath}: {dialog.message}"),
                                                               dialog.dismiss()))
            page.on("pageerror", lambda exc, relpath=relpath: seen["errors"].append(f"{relpath}: {exc}"))
            page.goto((reports / relpath).as_uri(), wait_until="load", timeout=60_000)
            page.wait_for_timeout(300)  # an onerror handler of a broken image fires after load
            text = one_line(page.inner_text("body"))
            seen["missing"] += [f"{relpath}: {s}" for s in _must_show(relpath) if one_line(s) not in text]
            page.close()
        context.close()
    return seen


@pytest.mark.slow
@pytest.mark.browser
def test_chromium_opens_every_page_without_a_dialog_and_shows_the_text(hostile_build, hostile_pages,
                                                                      tmp_path_factory):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from test_browser import INSTALL_HINT, find_chromium

    executable = find_chromium()
    if executable is None:
        pytest.skip(INSTALL_HINT)
    # A thread of its own: Playwright's sync API refuses to start where another instance (the
    # browser tests' session fixture) already runs its event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        seen = pool.submit(_visit_in_chromium, executable, tmp_path_factory.mktemp("chromium") / "profile",
                           hostile_build.reports, list(hostile_pages)).result()
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["missing"] == []
