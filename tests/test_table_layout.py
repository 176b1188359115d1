"""Tables readers can read on a phone: numbers right, text left, columns that keep their width, short ids."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from helpers.report import tables
from helpers.report.tables.layout import column_styles, is_number_column, text_em

QUOTE_ID = "000_df89324ac0933c04"


def _column_css(html: str) -> dict[int, str]:
    """The CSS pandas writes for each column (``#T_x .colN`` and ``#T_x td.colN`` rules), by column number."""
    css: dict[int, str] = {}
    for number, body in re.findall(r"#T_\w+ (?:td)?\.col(\d+) \{([^}]*)\}", html):
        css[int(number)] = css.get(int(number), "") + " " + " ".join(body.split())
    return css


@pytest.mark.parametrize("values, number", [
    ([3, 12, 0], True),
    ([1.5, 2.25], True),
    (["1/1", "0/2", "20%", "11%"], True),
    (["< 0.001", "0.040", "—"], True),
    (["+3.1", "-2.5"], True),
    (["出入管控", "体温检测"], False),
    (["2020-02-10", "2022-03-14"], False),  # a date is read, not summed
    (["003", "001_x"], False),
    (["—", "—"], False),  # nothing but blanks: text
])
def test_number_columns_are_numbers_however_they_are_written(values, number):
    assert is_number_column(pd.Series(values)) == number


def test_numbers_sit_right_and_text_left_and_short_text_keeps_one_line():
    frame = pd.DataFrame({"measure": ["社区工作者关爱保障", "出入管控"], "term": ["网格员", "门岗"],
                          "quote": ["武汉市解除了离汉离鄂通道管控，但防控任务丝毫不可松懈，要继续做好群防群控"] * 2,
                          "count": [3, 12], "share": ["1/1", "0/1"]})
    css = {column: " ".join(rule["props"] for rule in rules) for column, rules in column_styles(frame).items()}
    assert "text-align: right" in css["count"] and "white-space: nowrap" in css["count"]
    assert "text-align: right" in css["share"]
    assert "text-align: left" in css["measure"] and "min-width: 6em" in css["measure"]  # wraps, not per character
    assert "white-space: nowrap" in css["term"]
    assert "min-width: 8em" in css["quote"]
    assert text_em("社区") == 2.0 and text_em("ab") == pytest.approx(1.1)


def test_headers_wrap_but_cells_of_numbers_never_do():
    styles = column_styles(pd.DataFrame({"Articles describing the measure (1 article)": ["1/1"]}))
    rules = styles["Articles describing the measure (1 article)"]
    assert {"selector": "", "props": "text-align: right;"} in rules  # header and cells
    assert {"selector": "td", "props": "white-space: nowrap;"} in rules  # cells only
    assert {"selector": "th", "props": "min-width: 4em;"} in rules  # a header keeps a few characters a line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quote_tables_show_the_article_number_and_the_whole_id_on_hover(lang):
    evidence = pd.DataFrame([{"id": QUOTE_ID, "city": "武汉", "measure": "publicity", "term": "宣传",
                              "sentence_no": 1, "start": 0, "end": 3, "sentence_original": "社区开展宣传。"},
                             {"id": "004_5e2c61b1d0a38f7c", "city": "孝感", "measure": "publicity", "term": "宣传",
                              "sentence_no": 2, "start": 5, "end": 7, "sentence_original": "入户宣传。"}])
    html = tables.quotes(evidence, ["publicity"], lang).to_html()
    soup = BeautifulSoup(html, "html.parser")
    ids = soup.find_all("abbr")
    assert [(a.get_text(), a["title"]) for a in ids] == [("000…", QUOTE_ID), ("004…", "004_5e2c61b1d0a38f7c")]
    assert QUOTE_ID not in soup.get_text()  # 20 characters no longer take the table's width
    css = _column_css(html)
    id_column = [th.get_text() for th in soup.find_all("th")].index(tables.header("id", lang))
    assert "white-space: nowrap" in css[id_column]
    appendix = tables.evidence_appendix(evidence, _presence(), lang)
    assert f'<abbr class="report-id" title="{QUOTE_ID}">000…</abbr>' in appendix


def _presence() -> pd.DataFrame:
    return pd.DataFrame([{"group": city, "measure": "publicity", "articles": 1, "with_measure": 1, "share": 1.0,
                          "sentences": 1, "group_sentences": 10} for city in ("武汉", "孝感")])


def test_ids_that_share_their_number_are_shown_whole():
    frame = pd.DataFrame({"id": ["001_a", "001_b", "lonely"], "title": ["甲", "乙", "丙"]})
    soup = BeautifulSoup(tables.common.localise(frame, "en").to_html(), "html.parser")
    assert soup.find("abbr") is None
    assert {"001_a", "001_b", "lonely"} <= {td.get_text() for td in soup.find_all("td")}
