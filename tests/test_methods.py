"""The methods report: the codebook in both languages, validation, sources, cleaning, statistics, and links to it.

Fast tests call :mod:`helpers.report.methods` on the real codebook and seeds;
the slow ones read the report set built from the seeds (the shared
``built_reports`` fixture, built with papermill): the methods pages hold every
measure's definition and terms in both languages, every other page links to
them, and no reader page names a data file or a rule id.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from helpers import paths
from helpers.analysis import analyse
from helpers.analysis.codebook import load_codebook
from helpers.analysis.validation import agreement, load_gold
from helpers.catalogue import text
from helpers.corpus.boilerplate import default_rules
from helpers.errors import HelpersError
from helpers.publish.export import finish_page
from helpers.publish.keys import report_key
from helpers.publish.plan import METHODS_STEM, NOTEBOOKS, ReportSpec
from helpers.report import methods
from helpers.report.methods.cleaning import cleaning_html, rule_table
from helpers.report.methods.codebook import codebook_html, matching_rules, shared_not_near
from helpers.report.methods.sources import dates_html, places_html, sources_html, sources_table, web_address
from helpers.report.methods.statistics import statistics_html
from helpers.report.methods.validation import validation_html
from helpers.text.gloss import gloss

ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = load_codebook()
#: Keys of the codebook file and the decisions' rule names: rules are told in words, never by these names.
#: (The one-word keys, prohibition or criticism, are English words the English page uses as words.)
RULE_KEYS = ("not_carried_out", "lifted_after", "lifted_before", "other_settings", "not_near", "near:", "label:",
             "label+action", "match:", "window:")


@pytest.fixture(scope="module")
def seeds_analysis():
    analysis = analyse(ROOT / "seeds")
    analysis.evidence  # noqa: B018 - computed once for the module
    return analysis


def _unescaped(page: str) -> str:
    return html.unescape(page)


# --------------------------------------------------------------------------- the codebook in both languages


def test_every_measure_has_its_names_definitions_and_lists_in_both_languages():
    for measure in CODEBOOK.measures:
        assert measure.name_zh and measure.name_en and measure.definition and measure.definition_zh, measure.id
        assert len(measure.includes_zh) == len(measure.includes) > 0, measure.id
        assert len(measure.excludes_zh) == len(measure.excludes) > 0, measure.id
        assert len(measure.counts_en) == len(measure.counts) and len(measure.does_not_count_en) == len(
            measure.does_not_count), measure.id
        assert not any(mid in item for mid in CODEBOOK.ids if "_" in mid for item in measure.includes + measure.excludes)
    assert CODEBOOK.unit and CODEBOOK.unit_zh
    assert len(CODEBOOK.never_counts) == len(CODEBOOK.never_counts_zh) > 0
    assert len(CODEBOOK.notes) == len(CODEBOOK.notes_zh) > 0


@pytest.mark.parametrize("key", ["includes_zh", "excludes_zh"])
def test_a_translation_with_an_item_missing_is_one_line_naming_the_fix(tmp_path, key):
    text_ = (paths.data_file("codebook.yaml").read_text(encoding="utf-8")
             .replace(f"    {key}:\n      - 守好、关闭小区大门，只留一个出入口\n", f"    {key}:\n", 1)
             .replace(f"    {key}:\n      - 城市、边境、高速公路或交通枢纽的检查站\n", f"    {key}:\n", 1))
    path = tmp_path / "codebook.yaml"
    path.write_text(text_, encoding="utf-8")
    with pytest.raises(HelpersError, match=rf"^codebook\.yaml, line \d+: measure 'entry_control': {key} has \d items "
                                           r"but translates \d; fix: give one translation per item, in the same order$"):
        load_codebook(path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_codebook_section_holds_every_definition_name_and_term(lang):
    page = _unescaped(codebook_html(CODEBOOK, lang))
    for measure in CODEBOOK.measures:
        assert f'id="measure-{measure.id}"' in page
        for shown in (measure.name_zh, measure.name_en, measure.definition, measure.definition_zh):
            assert shown in page, (lang, measure.id, shown)
        listed = measure.includes_zh if lang == "zh" else measure.includes
        assert all(item in page for item in listed), measure.id
        for rule in measure.terms:
            assert rule.term in page, (lang, rule.term)
            if lang == "en":
                assert gloss(rule.term).pinyin in page, rule.term
        for sentence in measure.counts + measure.does_not_count:
            assert sentence in page
        if lang == "en":
            assert all(translation in page for translation in measure.counts_en + measure.does_not_count_en)
    for item in (CODEBOOK.never_counts_zh if lang == "zh" else CODEBOOK.never_counts):
        assert item in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_are_told_in_words_with_every_word_of_them(lang):
    rules = _unescaped(matching_rules(CODEBOOK, lang, shared_not_near(CODEBOOK)))
    for key in ("not_carried_out", "prohibition", "continuation", "lifted_after", "lifted_before", "criticism",
                "other_settings", "residential"):
        assert all(word in rules for word in getattr(CODEBOOK, key)), key
    page = _unescaped(codebook_html(CODEBOOK, lang))
    assert not [key for key in RULE_KEYS if key in page]
    assert str(CODEBOOK.window) in rules


def test_the_other_topics_list_is_told_once_and_named_under_each_measure_that_uses_it():
    shared = shared_not_near(CODEBOOK)
    assert "防汛" in shared and "燃气" in shared
    users = [m for m in CODEBOOK.measures if m.not_near == shared]
    page = codebook_html(CODEBOOK, "en")
    assert page.count(text("methods.term_rules.other_topics", "en").replace("'", "&#x27;")) == len(users)
    assert "quarantine" not in {m.id for m in users}  # 隔离 is the epidemic's own word


# --------------------------------------------------------------------------- validation


def test_the_two_readings_of_the_seeds_agree_on_every_cell_both_decided():
    readings = [load_gold(paths.gold_dir() / name, CODEBOOK) for name in ("reading_a.yaml", "reading_b.yaml")]
    agreed = agreement(*readings)
    assert agreed.decided == agreed.agreed > 0 and agreed.undecided > 0


def _small_heldout(tmp_path: Path, n: int = 3) -> Path:
    """The first ``n`` articles of the development set with their gold, as a validation set of its own."""
    folder = tmp_path / "heldout"
    (folder / "articles").mkdir(parents=True)
    gold = yaml.safe_load((paths.heldout_dir() / "gold.yaml").read_text(encoding="utf-8"))
    kept = dict(list(gold["articles"].items())[:n])
    for entry in kept.values():
        shutil.copy(paths.heldout_dir() / "articles" / entry["file"], folder / "articles")
    (folder / "gold.yaml").write_text(yaml.safe_dump({"articles": kept}, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validation_gives_the_figures_validate_gives_and_says_who_coded(seeds_analysis, tmp_path, lang):
    small = _small_heldout(tmp_path)
    page = _unescaped(validation_html(seeds_analysis, lang, heldout=small, blind=small, ordinary=small))
    for anchor in ("validation", "validation-seeds", "validation-heldout", "validation-blind", "validation-blind-traps",
                   "validation-blind-ordinary"):
        assert f'id="{anchor}"' in page
    # The seeds against their gold: 48 found, 1 wrongly, 1 missed, 21 rightly left out (python -m helpers validate).
    figures = text("methods.validation.figures", lang, cells=71, precision="0.98", recall="0.98", f1="0.98",
                   specificity="0.95", alpha="0.93", tp=48, fp=1, fn=1, tn=21)
    assert figures in page
    assert text("methods.validation.readers", lang, decided=71, agreed=71, undecided=4) in page
    for key in ("seeds_caveat", "heldout_caveat"):
        assert text(f"methods.validation.{key}", lang) in page
    assert text("methods.validation.heldout_about", lang, n=3) in page
    for key in ("blind_about", "blind_caveat"):
        assert text(f"methods.validation.{key}", lang) in page
    for key in ("blind_traps_about", "blind_ordinary_about"):
        assert text(f"methods.validation.{key}", lang, n=3) in page


@pytest.mark.parametrize(("folder", "anchor", "about", "until"), [
    (paths.blind_dir, "validation-blind-traps", "blind_traps_about", 'id="validation-blind-ordinary"'),
    (paths.ordinary_blind_dir, "validation-blind-ordinary", "blind_ordinary_about", None),
])
def test_the_blind_sets_are_those_shipped_and_their_figures_are_those_validate_gives(seeds_analysis, folder, anchor,
                                                                                      about, until):
    from helpers.analysis.validation import validate_articles

    table = validate_articles(folder() / "articles", folder() / "gold.yaml")
    overall = table[table["measure"] == "all"].iloc[0]
    page = _unescaped(validation_html(seeds_analysis, "en"))
    section = page[page.index(f'id="{anchor}"'):]
    section = section[:section.index(until)] if until else section
    n = len(yaml.safe_load((folder() / "gold.yaml").read_text(encoding="utf-8"))["articles"])
    assert text(f"methods.validation.{about}", "en", n=n) in section
    figures = text("methods.validation.figures", "en", cells=int(overall["articles"]),
                   **{k: f"{overall[k]:.2f}" for k in ("precision", "recall", "f1", "specificity", "alpha")},
                   tp=int(overall["tp"]), fp=int(overall["fp"]), fn=int(overall["fn"]), tn=int(overall["tn"]))
    assert overall["articles"] == n * 15 and figures in section


def test_validation_says_so_when_the_hand_coding_covers_none_of_the_articles(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "other.txt").write_text("社区工作人员在小区门口为居民测量体温。\n" * 3, encoding="utf-8")
    page = _unescaped(validation_html(analyse(seeds), "en", heldout=tmp_path / "none"))
    assert text("methods.validation.no_gold_articles", "en") in page
    assert text("methods.validation.unavailable", "en") in page


# --------------------------------------------------------------------------- sources, dates, places


def test_the_sources_table_cites_every_article_and_records_no_address_it_was_not_given(seeds_analysis):
    articles = seeds_analysis.all_articles
    table = sources_table(articles, "en").data
    assert list(table.iloc[:, 0]) == list(articles["id"])
    assert set(table.iloc[:, 6]) == {"not recorded"}
    assert "≥ 2020-02-19 (earliest possible, set by hand)" in set(table.iloc[:, 3])  # Xiaogan's bound
    assert "2022-05-20 (printed on the page)" in set(table.iloc[:, 3])
    assert "national coverage (no city named often enough)" in set(table.iloc[:, 4])
    page = _unescaped(sources_html(articles, "zh"))
    assert 'id="sources"' in page and "未记录" in page


def test_a_recorded_address_and_a_qualified_date_are_cited_as_given():
    row = {"id": "a1", "title": "标题", "title_provenance": "extracted", "source": "人民网", "source_provenance":
           "extracted", "published": "2020-02-19", "published_provenance": "manual", "published_qualifier":
           "on_or_after", "city": "孝感", "city_provenance": "manual", "genre": "news", "genre_provenance": "extracted",
           "text": "标题\n正文", "url": "https://example.cn/a.html", "accessed": "2024-05-01"}
    cited = sources_table(pd.DataFrame([row]), "en").data.iloc[0].tolist()
    assert cited[3] == "≥ 2020-02-19 (earliest possible, set by hand)"
    assert cited[4] == "Xiaogan (set by hand)"
    assert cited[6] == "https://example.cn/a.html (accessed 2024-05-01)"
    assert web_address("https://example.cn/a.html", None, "zh") == "https://example.cn/a.html（访问日期未记录）"
    assert text("methods.dates.qualifiers", "en") in _unescaped(dates_html(pd.DataFrame([row]), "en"))


def test_dates_and_places_are_told_with_this_corpus_counts(seeds_analysis):
    articles = seeds_analysis.all_articles
    dates = _unescaped(dates_html(articles, "en"))
    assert 'id="dates"' in dates
    assert text("methods.dates.here", "en", n=5, printed=3, dispatch=0, manual=1, unknown=1) in dates
    places = _unescaped(places_html(articles, "en"))
    assert 'id="places"' in places and text("methods.places.here", "en", n=5, national=1, manual=0) in places


def test_the_city_rules_the_page_tells_are_the_ones_the_code_keeps():
    from helpers.corpus import locating, metadata

    told = text("methods.places.count", "en", national="全国")
    assert metadata._TITLE_WEIGHT + 1 == 3 and "in the headline three" in told
    assert metadata._DISPATCH_WEIGHT == metadata._SOURCE_WEIGHT == 2 and "scores two" in told
    assert locating.MIN_CITY_SCORE == 2 and "at least two" in told


# --------------------------------------------------------------------------- cleaning, statistics


def test_the_cleaning_table_counts_each_rules_removals_without_naming_its_id(seeds_analysis):
    articles = seeds_analysis.all_articles
    rules = default_rules()
    table = rule_table(articles, "en").data
    everything = [*rules.lines, *rules.blocks, *rules.links, *rules.summaries]
    assert len(table) == len(everything)
    assert table.iloc[:, 2].sum() == sum(len(removed) for removed in articles["removed"])
    assert list(table.iloc[:, 0]) == [rule.reason for rule in everything]
    assert not {rule.id for rule in everything} & set(table.to_numpy().ravel())
    assert 'id="cleaning"' in cleaning_html(articles, "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_statistics_say_the_comparison_is_descriptive_and_how_many_articles_a_test_needs(seeds_analysis, lang):
    page = _unescaped(statistics_html(seeds_analysis, lang))
    assert 'id="statistics"' in page
    assert text("methods.statistics.here_descriptive", lang, cities=4, counts="1", needed=5,
                national="全国" if lang == "zh" else "National") in page
    assert text("methods.statistics.limit_one_article", lang) in page


# --------------------------------------------------------------------------- links from the other pages


def _page(spec: ReportSpec) -> str:
    body = '<body><!-- helpers:topbar --><!-- helpers:toc --><main><h2 id="x">x</h2></main></body>'
    return finish_page(body, spec)


def test_every_other_page_links_to_the_methods_report_and_its_sections():
    for notebook in NOTEBOOKS:
        for lang in ("zh", "en"):
            page = _page(ReportSpec(notebook, lang))
            if notebook.stem == METHODS_STEM:
                assert 'href="05_methods.html' not in page
                continue
            assert f'<a href="{METHODS_STEM}.html">{text("page.methods", lang)}</a>' in page
            assert notebook.methods, notebook.stem
            for anchor in notebook.methods:
                assert anchor in methods.SECTIONS
                assert f'href="{METHODS_STEM}.html#{anchor}"' in page


def test_the_methods_reports_key_holds_the_gold_files(tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(paths.gold_dir(), root / "tests" / "gold")
    (root / "tests" / "heldout").mkdir()
    monkeypatch.setenv("HELPERS_PROJECT_ROOT", str(root))
    spec = next(ReportSpec(n, "en") for n in NOTEBOOKS if n.stem == METHODS_STEM)
    other = ReportSpec(NOTEBOOKS[0], "en")
    notebook = ROOT / "notebooks" / "05_methods.ipynb"
    before = report_key(spec, notebook, {}), report_key(other, notebook, {})
    with open(root / "tests" / "gold" / "seeds.yaml", "a", encoding="utf-8") as handle:
        handle.write("# a corrected cell\n")
    assert report_key(spec, notebook, {}) != before[0]
    assert report_key(other, notebook, {}) == before[1]


# --------------------------------------------------------------------------- the built pages


def _reader_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_built_methods_page_holds_every_definition_and_term_in_both_languages(built_reports, lang):
    page = html.unescape((built_reports.reports / lang / "05_methods.html").read_text(encoding="utf-8"))
    for anchor in methods.SECTIONS:
        assert f'id="{anchor}"' in page, anchor
    for measure in CODEBOOK.measures:
        assert f'id="measure-{measure.id}"' in page
        for shown in (measure.name_zh, measure.name_en, measure.definition, measure.definition_zh):
            assert shown in page, (lang, shown)
        assert all(rule.term in page for rule in measure.terms), measure.id
    assert built_reports.summary.failed == []


@pytest.mark.slow
def test_every_built_page_links_to_the_methods_report_and_names_no_data_file_or_rule_id(built_reports):
    rule_ids = {rule.id for rule in (*default_rules().lines, *default_rules().blocks, *default_rules().summaries)}
    snake_ids = {key for key in rule_ids | set(CODEBOOK.ids) if "_" in key}
    pages = {p.relative_to(built_reports.reports).as_posix(): p.read_text(encoding="utf-8")
             for p in built_reports.reports.rglob("*.html")}
    assert {f"{lang}/05_methods.html" for lang in ("zh", "en")} <= set(pages)
    for relpath, page in pages.items():
        if relpath != "index.html" and not relpath.endswith("05_methods.html"):
            assert 'href="05_methods.html"' in page, relpath
        reader = _reader_text(page)
        assert not re.search(r"[\w./-]+\.ya?ml\b", reader), (relpath, re.findall(r"\S*\.ya?ml\b", reader)[:3])
        assert not [key for key in snake_ids if re.search(rf"\b{key}\b", reader)], relpath
        cells = {html.unescape(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", page, flags=re.S)}
        assert not rule_ids & cells, (relpath, rule_ids & cells)
        if relpath.startswith("zh/"):  # a Chinese page has no English words but names; a rule id would be one
            assert not [key for key in rule_ids if re.search(rf"(?<![A-Za-z]){key}(?![A-Za-z])", reader)], relpath
