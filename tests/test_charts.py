"""Charts: every figure titled, labelled with units, captioned from its data, legible in both languages."""

from __future__ import annotations

import itertools
import re
import types

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from chart_checks import figure_texts, missing_glyphs  # noqa: E402
from helpers.analysis.codebook import load_codebook  # noqa: E402
from helpers.analysis.inference import PRESENCE_COLUMNS, TEST_COLUMNS, GroupComparison  # noqa: E402
from helpers.catalogue import text  # noqa: E402
from helpers.errors import HelpersError  # noqa: E402
from helpers.report import charts  # noqa: E402
from helpers.report import names as labels  # noqa: E402
from helpers.report.style import MAX_WIDTH_IN, city_color  # noqa: E402

CITY_EN = {"武汉": "Wuhan", "白城": "Baicheng", "北京": "Beijing", "孝感": "Xiaogan",
           "全国": "National"}
ARTICLES = {"武汉": 6, "白城": 1, "北京": 25, "孝感": 3, "全国": 1}
SENTENCES = {"武汉": 240, "白城": 30, "北京": 900, "孝感": 120, "全国": 22}


@pytest.fixture(autouse=True)
def city_names(monkeypatch):
    """City names as the gazetteer gives them (the gazetteer is tested on its own)."""
    monkeypatch.setattr(labels, "city_name",
                        lambda city, lang: city if lang == "zh" else CITY_EN.get(city, city))


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def make_presence(measures, described, sentences, groups=ARTICLES, group_sentences=SENTENCES) -> pd.DataFrame:
    """Rows group × measure in the columns of ``group_presence``: ``described`` articles, ``sentences`` coded."""
    rows = []
    for (group, measure), k, coded in zip(itertools.product(groups, measures), described, sentences):
        n = groups[group]
        rows.append({"group": group, "measure": measure, "articles": n, "with_measure": min(k, n),
                     "share": min(k, n) / n, "sentences": coded, "group_sentences": group_sentences[group]})
    return pd.DataFrame(rows, columns=PRESENCE_COLUMNS)


def make_comparison(measures, groups, residuals, significant) -> GroupComparison:
    """A comparison that was tested: one row of tests per measure, its residuals measure × group."""
    tests = pd.DataFrame([(m, "chi-square", 9.0, len(groups) - 1, 0.001, 0.01 if sig else 0.4, 0.5, sig)
                          for m, sig in zip(measures, significant)], columns=TEST_COLUMNS)
    return GroupComparison(True, None, {g: 6 for g in groups}, 5, tests,
                           pd.DataFrame(residuals, index=measures, columns=groups))


@pytest.fixture(scope="module")
def full_inputs(codebook):
    """Inputs of report size: every codebook measure, five cities."""
    rng = np.random.default_rng(7)
    ids = codebook.ids
    size = len(ARTICLES) * len(ids)
    presence = make_presence(ids, rng.integers(0, 7, size), rng.poisson(3, size))
    years = make_presence(ids, rng.integers(0, 3, 2 * len(ids)), rng.poisson(3, 2 * len(ids)),
                          groups={"2020": 2, "2022": 3}, group_sentences={"2020": 130, "2022": 160})
    cities = list(ARTICLES)[:4]
    comparison = make_comparison(ids, cities, rng.normal(0, 1.8, (len(ids), len(cities))),
                                 [i % 3 == 0 for i in range(len(ids))])
    pair_counts = rng.poisson(2, (len(ids), len(ids)))
    cooc = pd.DataFrame(pair_counts + pair_counts.T, index=ids, columns=ids)
    keyness = pd.DataFrame({
        "token": ["网格员", "核酸检测", "志愿者", "白城市", "封控", "物资", "居民", "疫情"],
        "g2": [30.2, 12.5, 8.1, 20.0, 3.3, 1.0, 6.0, 4.0],
        "log_ratio": [1.2, 2.0, 0.5, 3.1, 0.2, 0.1, -0.8, -0.3],
        "freq_target": [12, 6, 5, 7, 3, 1, 2, 4],
        "freq_reference": [3, 0, 2, 0, 1, 1, 20, 30],
    })
    articles = pd.DataFrame({
        "id": ["a", "b", "c", "d", "e", "f"],
        "city": ["武汉", "白城", "北京", "孝感", "武汉", "全国"],
        "published": ["2020-02-01", "2022-03-04", None, "2020-03-01", "2022-01-01", "2020-04-05"],
        "n_chars": [900, 800, 700, 600, 500, 400],
    })
    return {"presence": presence, "years": years, "comparison": comparison, "cooc": cooc,
            "keyness": keyness, "articles": articles}


def every_chart(inputs, lang):
    return {
        "presence_heatmap": charts.presence_heatmap(inputs["presence"], lang),
        "presence_heatmap by year": charts.presence_heatmap(inputs["years"], lang, by="year"),
        "emphasis_heatmap": charts.emphasis_heatmap(inputs["presence"], lang),
        "city_measures": charts.city_measures(inputs["presence"], "白城", lang),
        "comparison_residuals": charts.comparison_residuals(inputs["comparison"], lang),
        "cooccurrence_heatmap": charts.cooccurrence_heatmap(inputs["cooc"], lang, n_articles=5, n_sentences=253),
        "keyness_bars": charts.keyness_bars(inputs["keyness"], "白城", lang=lang),
        "corpus_overview": charts.corpus_overview(inputs["articles"], lang),
    }


@pytest.fixture(scope="module", params=["zh", "en"])
def drawn(request, full_inputs):
    """Every chart in one language, with city names patched for the module's scope."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(labels, "city_name",
                   lambda city, lang: city if lang == "zh" else CITY_EN.get(city, city))
        return request.param, every_chart(full_inputs, request.param)


# ---------------------------------------------------------------- every chart

def test_every_chart_has_title_axis_labels_and_one_sentence_caption(drawn):
    lang, all_charts = drawn
    for name, chart in all_charts.items():
        ax = chart.figure.axes[0]
        assert ax.get_title().strip(), name
        assert ax.get_xlabel().strip() and ax.get_ylabel().strip(), name
        caption = chart.caption.strip()
        assert caption, name
        # one sentence: one full stop, at the end ("35.0" is not a full stop)
        stops = re.findall(r"。" if lang == "zh" else r"\.(?=\s|$)", caption)
        assert len(stops) == 1 and caption.endswith(stops[0]), (name, caption)


def test_no_label_has_a_glyph_missing_from_the_font(drawn):
    _, all_charts = drawn
    for name, chart in all_charts.items():
        texts = figure_texts(chart.figure)
        assert texts, name
        missing = set().union(*(missing_glyphs(t) for t in texts + [chart.caption]))
        assert not missing, (name, missing)


def test_names_are_in_the_chosen_language(drawn, codebook):
    lang, all_charts = drawn
    texts = " ".join(figure_texts(all_charts["presence_heatmap"].figure)).replace("\n", " ")
    other = "en" if lang == "zh" else "zh"
    assert labels.short_label(codebook.name("quarantine", lang)) in texts
    assert labels.short_label(codebook.name("quarantine", other)) not in texts
    assert ("白城" if lang == "zh" else "Baicheng") in texts
    assert ("Baicheng" if lang == "zh" else "白城") not in texts


def test_charts_fit_a_report_page(drawn):
    _, all_charts = drawn
    for name, chart in all_charts.items():
        assert chart.figure.get_size_inches()[0] <= MAX_WIDTH_IN, name


def _overlaps(boxes) -> list[tuple[int, int]]:
    return [(i, j) for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2)
            if a.width and b.width and a.overlaps(b)
            and min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1]


def test_tick_labels_do_not_overlap(drawn):
    _, all_charts = drawn
    for name, chart in all_charts.items():
        fig = chart.figure
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        ax = fig.axes[0]
        for axis in (ax.xaxis, ax.yaxis):
            boxes = [t.get_window_extent(renderer) for t in axis.get_ticklabels()
                     if t.get_visible() and t.get_text()]
            assert not _overlaps(boxes), (name, axis.axis_name)


@pytest.mark.parametrize("function, args", [
    ("presence_heatmap", ("presence",)),
    ("emphasis_heatmap", ("presence",)),
    ("city_measures", ("presence", "白城")),
    ("comparison_residuals", ("comparison",)),
    ("cooccurrence_heatmap", ("cooc",)),
    ("keyness_bars", ("keyness", "白城", 15)),
    ("corpus_overview", ("articles",)),
])
def test_unknown_language_is_refused_with_the_valid_values(full_inputs, function, args):
    values = [full_inputs.get(a, a) if isinstance(a, str) else a for a in args]
    counts = {"n_articles": 1, "n_sentences": 1} if function == "cooccurrence_heatmap" else {}
    with pytest.raises(HelpersError) as info:
        getattr(charts, function)(*values, lang="fr", **counts)
    assert "'fr'" in str(info.value) and "zh" in str(info.value) and "en" in str(info.value)


# ---------------------------------------------------------------- what each chart says

SMALL_IDS = ["entry_control", "quarantine", "disinfection"]
SMALL_GROUPS = {"武汉": 1, "白城": 2, "北京": 25}
SMALL_SENTENCES = {"武汉": 40, "白城": 50, "北京": 800}


def small_presence() -> pd.DataFrame:
    # 武汉's one article describes entry control only; 北京 (25 articles) is shown in percent
    described = [1, 0, 0,   2, 1, 0,   5, 20, 0]
    sentences = [3, 0, 0,   4, 1, 0,   9, 60, 0]
    return make_presence(SMALL_IDS, described, sentences, SMALL_GROUPS, SMALL_SENTENCES)


def test_presence_heatmap_writes_k_of_n_in_each_cell_and_n_under_each_city(codebook):
    chart = charts.presence_heatmap(small_presence(), "en")
    ax = chart.figure.axes[0]
    cells = [t.get_text() for t in ax.texts]
    # k/n below 20 articles, a whole percent from 20 on (5/25 = 20%)
    assert cells == ["1/1", "2/2", "20%", "0/1", "1/2", "80%", "0/1", "0/2", "0%"]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["Wuhan\n1 article", "Baicheng\n2 articles", "Beijing\n25 articles"]
    image = next(a for a in ax.get_children() if isinstance(a, AxesImage))
    assert image.get_array()[1, 2] == pytest.approx(20 / 25) and image.norm.vmax == 1.0
    assert "5 of the 9 cells" in chart.caption
    assert not re.search(r"highest|most|stand", chart.caption)


def test_presence_heatmap_by_year_names_the_years_with_their_n():
    years = make_presence(SMALL_IDS, [1, 0, 2, 2, 1, 0], [1, 0, 3, 4, 1, 0], groups={"2020": 2, "2022": 3},
                          group_sentences={"2020": 80, "2022": 90})
    chart = charts.presence_heatmap(years, "zh", by="year")
    ax = chart.figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020年\n2 篇文章", "2022年\n3 篇文章"]
    assert ax.get_xlabel() == "年份" and "年份" in ax.get_title()
    with pytest.raises(HelpersError, match="unknown kind of group 'month'; use one of city, year"):
        charts.presence_heatmap(years, "zh", by="month")


def test_emphasis_heatmap_counts_sentences_coloured_by_their_share_of_the_citys_sentences():
    chart = charts.emphasis_heatmap(small_presence(), "en")
    ax = chart.figure.axes[0]
    assert [t.get_text() for t in ax.texts] == ["3", "4", "9", "0", "1", "60", "0", "0", "0"]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[2] == "Beijing\n25 articles\n800 sentences"
    image = next(a for a in ax.get_children() if isinstance(a, AxesImage))
    assert image.get_array()[0, 0] == pytest.approx(3 / 40) and image.get_array()[1, 2] == pytest.approx(60 / 800)
    assert "28 articles, 890 sentences in all" in chart.caption


def test_presence_without_its_columns_is_refused_with_the_expected_ones():
    with pytest.raises(HelpersError, match="group_sentences"):
        charts.emphasis_heatmap(small_presence().drop(columns="group_sentences"), "zh")


def test_city_measures_shows_the_share_of_articles_beside_the_sentences(codebook):
    chart = charts.city_measures(small_presence(), "白城", "en")
    left, right = chart.figure.axes[:2]
    assert [round(p.get_width(), 6) for p in left.patches] == [1.0, 0.5, 0.0]
    assert to_hex(left.patches[0].get_facecolor()) == city_color("白城").lower()
    assert [p.get_width() for p in right.patches] == [4, 1, 0]
    assert [t.get_text().strip() for t in left.texts] == ["2/2", "1/2", "0/2"]
    assert "2 articles" in left.get_xlabel() and "50 sentences" in right.get_xlabel()
    assert chart.caption == ("Measures described in Baicheng's 2 articles: 2 of 3; the most sentences go to "
                             "Entry control (4 of 50).")


def test_city_measures_names_every_measure_tied_for_the_most_sentences(codebook):
    presence = make_presence(SMALL_IDS, [1, 1, 0], [2, 2, 0], {"武汉": 1}, {"武汉": 10})
    caption = charts.city_measures(presence, "武汉", "zh").caption
    assert "“出入管控”和“隔离观察”（10 句中的 2 句）" in caption


def test_city_measures_refuses_a_city_not_in_the_data_and_says_when_nothing_is_described():
    with pytest.raises(HelpersError, match="上海.*武汉"):
        charts.city_measures(small_presence(), "上海", "zh")
    nothing = make_presence(SMALL_IDS, [0, 0, 0], [0, 0, 0], {"上海": 3}, {"上海": 70})
    assert charts.city_measures(nothing, "上海", "zh").caption == "上海的 3 篇文章没有描述编码手册中的任何措施。"
    assert charts.presence_heatmap(nothing, "en").caption == "These articles describe none of the measures."


def test_residuals_are_coloured_only_beyond_the_one_threshold_in_measures_that_differ(codebook):
    comparison = make_comparison(SMALL_IDS, ["武汉", "白城"], [[3.1, -3.1], [1.5, -1.5], [2.5, -2.5]],
                                 [True, True, False])
    chart = charts.comparison_residuals(comparison, "en")
    ax = chart.figure.axes[0]
    image = next(a for a in ax.get_children() if isinstance(a, AxesImage))
    colours = image.get_array()
    white, grey = np.array([1, 1, 1, 1]), np.array(matplotlib.colors.to_rgba("#E6E6E6"))
    assert not np.allclose(colours[0, 0], white) and not np.allclose(colours[0, 1], white)  # beyond ±1.96
    assert colours[0, 0][0] > colours[0, 0][2] and colours[0, 1][2] > colours[0, 1][0]  # red more, blue fewer
    assert np.allclose(colours[1, 0], white) and np.allclose(colours[1, 1], white)  # within ±1.96
    assert np.allclose(colours[2, 0], grey) and np.allclose(colours[2, 1], grey)  # no difference after correction
    assert [t.get_text() for t in ax.texts] == ["+3.1", "-3.1", "+1.5", "-1.5", "+2.5", "-2.5"]
    assert ax.get_title().startswith("Adjusted standardized residuals")
    assert chart.figure.axes[1].get_ylabel() == "Adjusted standardized residual"
    assert "±1.96" in chart.caption and "the 2 measures" in chart.caption
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Wuhan\n6 articles", "Baicheng\n6 articles"]


def test_residuals_of_a_comparison_that_ran_no_test_are_refused():
    untested = GroupComparison(False, "stats.too_few_articles", {"武汉": 1, "白城": 1}, 5)
    with pytest.raises(HelpersError, match="ran no test"):
        charts.comparison_residuals(untested, "en")


def test_cooccurrence_leaves_out_the_diagonal_and_names_the_top_pair(codebook):
    cooc = pd.DataFrame([[40, 3, 1], [3, 30, 6], [1, 6, 20]], index=SMALL_IDS, columns=SMALL_IDS)
    chart = charts.cooccurrence_heatmap(cooc, "zh", n_articles=3, n_sentences=120)
    assert "共 3 篇文章、120 句" in chart.figure.axes[0].get_title()
    cells = [t.get_text() for t in chart.figure.axes[0].texts]
    assert sorted(cells) == ["1", "3", "6"]  # each pair once, no diagonal
    assert codebook.name("quarantine", "zh") in chart.caption
    assert codebook.name("disinfection", "zh") in chart.caption and "6" in chart.caption


def test_keyness_bars_show_only_overused_words_strongest_first():
    keyness = pd.DataFrame({"token": ["网格员", "居民", "核酸", "志愿者"],
                            "g2": [5.0, 50.0, 9.0, 7.0], "log_ratio": [1.0, -2.0, 0.4, 0.9],
                            "freq_target": [5, 1, 9, 7], "freq_reference": [0, 40, 2, 1]})
    chart = charts.keyness_bars(keyness, "白城", top=2, lang="zh")
    ticks = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert ticks == ["核酸", "志愿者"]
    assert "核酸" in chart.caption and "9.0" in chart.caption


def test_keyness_bars_leave_out_fragments_numbers_and_latin_like_the_clouds():
    keyness = pd.DataFrame({"token": ["防", "2022", "COVID", "十二", "网格员"],
                            "g2": [50.0, 40.0, 30.0, 20.0, 5.0], "log_ratio": [1.0] * 5,
                            "freq_target": [9] * 5, "freq_reference": [0] * 5})
    chart = charts.keyness_bars(keyness, "白城", lang="zh")
    assert [t.get_text() for t in chart.figure.axes[0].get_yticklabels()] == ["网格员"]


def test_keyness_bars_use_the_citys_rows_of_a_multi_city_table():
    keyness = pd.DataFrame({"city": ["白城", "武汉"], "token": ["网格员", "方舱"],
                            "g2": [5.0, 8.0], "log_ratio": [1.0, 1.0],
                            "freq_target": [5, 8], "freq_reference": [0, 0]})
    chart = charts.keyness_bars(keyness, "白城", lang="zh")
    assert [t.get_text() for t in chart.figure.axes[0].get_yticklabels()] == ["网格员"]
    with pytest.raises(HelpersError, match="上海"):
        charts.keyness_bars(keyness, "上海", lang="zh")


def test_keyness_bars_without_overused_words_say_so():
    keyness = pd.DataFrame({"token": ["居民"], "g2": [3.0], "log_ratio": [-1.0],
                            "freq_target": [1], "freq_reference": [9]})
    chart = charts.keyness_bars(keyness, "白城", lang="en")
    assert "no word" in chart.caption


def test_corpus_overview_counts_articles_per_city_and_year_with_unknown_dates():
    articles = pd.DataFrame({"id": list("abcde"),
                             "city": ["武汉", "武汉", "白城", "北京", "武汉"],
                             "published": ["2020-02-01", "2022-05-01", "2022-03-04", None, None],
                             "n_chars": [1, 2, 3, 4, 5]})
    chart = charts.corpus_overview(articles, "en")
    ax = chart.figure.axes[0]
    assert sum(p.get_height() for p in ax.patches) == len(articles)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["2020", "2022", "date unknown"]
    assert chart.caption == ("The corpus holds 5 articles covering 3 cities or areas; "
                             "Wuhan has the most (3).")


def test_corpus_overview_caption_does_not_pick_one_of_several_cities_with_the_most():
    articles = pd.DataFrame({"id": list("abcd"), "city": ["武汉", "白城", "白城", "武汉"],
                             "published": [None] * 4, "n_chars": [1] * 4})
    assert "Wuhan and Baicheng" not in charts.corpus_overview(articles, "en").caption
    assert "2 each" in charts.corpus_overview(articles, "en").caption
    articles.loc[4] = ["e", "北京", None, 1]
    caption = charts.corpus_overview(articles, "zh").caption
    assert "武汉和白城最多（各 2 篇）" in caption


# ---------------------------------------------------------------- labels

def test_labels_refuse_an_unknown_language_listing_the_valid_ones():
    with pytest.raises(HelpersError, match="'de'.*zh, en"):
        text("chart.city", "de")
    with pytest.raises(HelpersError, match="zh, en"):
        labels.measure_name("quarantine", "ZH")


def test_measure_name_comes_from_the_codebook(codebook):
    assert labels.measure_name("quarantine", "en") == codebook.name("quarantine", "en")
    assert labels.measure_name("quarantine", "zh") == codebook.name("quarantine", "zh")


def test_city_name_delegates_to_the_gazetteer(monkeypatch):
    monkeypatch.undo()  # the real labels.city_name, not the autouse stand-in
    calls = []
    fake = types.SimpleNamespace(city_name=lambda city, lang: calls.append((city, lang)) or f"{city}/{lang}")
    monkeypatch.setattr(labels, "gazetteer", fake)
    assert labels.city_name("孝感", "en") == "孝感/en"
    assert calls == [("孝感", "en")]


def test_short_label_drops_only_a_trailing_explanation():
    assert labels.short_label("Entry control (gate duty, passes)") == "Entry control"
    assert labels.short_label("核酸检测（PCR）") == "核酸检测"
    assert labels.short_label("Nucleic-acid (PCR) testing") == "Nucleic-acid (PCR) testing"


def test_wrap_label_keeps_every_character():
    zh = "特殊人群关爱与社区工作者保障"
    assert labels.wrap_label(zh, "zh", 6).replace("\n", "") == zh
    en = "Care for the elderly, children, disabled and low-income"
    wrapped = labels.wrap_label(en, "en", 20)
    assert wrapped.replace("\n", " ") == en
    assert max(len(line) for line in wrapped.splitlines()) <= 20


# ---------------------------------------------------------------- the real seeds

@pytest.fixture(scope="module")
def seed_tables():
    """The tables the reports chart, computed from the committed seeds."""
    from helpers.analysis import analyse

    analysis = analyse()
    return {
        "articles": analysis.articles,
        "presence": analysis.presence,
        "years": analysis.year_presence(),
        "cooc": analysis.cooccurrence,
        "n": (len(analysis.articles), len(analysis.sentences)),
        "keyness": analysis.all_keyness,
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_of_the_seeds_renders_in_both_languages(seed_tables, monkeypatch, lang):
    monkeypatch.undo()  # the real gazetteer names
    articles = seed_tables["articles"]
    n_articles, n_sentences = seed_tables["n"]
    all_charts = {
        "presence_heatmap": charts.presence_heatmap(seed_tables["presence"], lang),
        "presence_heatmap by year": charts.presence_heatmap(seed_tables["years"], lang, by="year"),
        "emphasis_heatmap": charts.emphasis_heatmap(seed_tables["presence"], lang),
        "cooccurrence_heatmap": charts.cooccurrence_heatmap(seed_tables["cooc"], lang, n_articles=n_articles,
                                                            n_sentences=n_sentences),
        "corpus_overview": charts.corpus_overview(articles, lang),
    }
    for city in articles["city"].unique():
        all_charts[f"city_measures {city}"] = charts.city_measures(seed_tables["presence"], city, lang)
        all_charts[f"keyness_bars {city}"] = charts.keyness_bars(seed_tables["keyness"], city,
                                                                 lang=lang)
    for name, chart in all_charts.items():
        ax = chart.figure.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and chart.caption, name
        assert chart.figure.get_size_inches()[0] <= MAX_WIDTH_IN, name
        texts = figure_texts(chart.figure) + [chart.caption]
        assert set().union(*(missing_glyphs(t) for t in texts)) == set(), name

    # every place of the corpus is named in the heatmaps, in the chosen language, with its n
    column = "city" if lang == "zh" else "city_en"
    one = "1 篇文章" if lang == "zh" else "1 article"
    for name in ("presence_heatmap", "emphasis_heatmap"):
        ticks = [t.get_text().split("\n") for t in all_charts[name].figure.axes[0].get_xticklabels()]
        assert {tick[0] for tick in ticks} == set(articles[column]) and all(tick[1] == one for tick in ticks)
    # one article per city: the captions describe, they pick out no city
    for name, chart in all_charts.items():
        if not name.startswith("keyness"):
            assert not re.search(r"highest|stands? out|最高|突出", chart.caption), (name, chart.caption)
