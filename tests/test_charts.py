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
from matplotlib.patches import Rectangle  # noqa: E402

from chart_checks import figure_texts, missing_glyphs  # noqa: E402
from helpers.analysis.codebook import load_codebook  # noqa: E402
from helpers.catalogue import text  # noqa: E402
from helpers.errors import HelpersError  # noqa: E402
from helpers.report import charts  # noqa: E402
from helpers.report import names as labels  # noqa: E402
from helpers.report.style import MAX_WIDTH_IN, city_color  # noqa: E402

CITY_EN = {"武汉": "Wuhan", "白城": "Baicheng", "北京": "Beijing", "孝感": "Xiaogan",
           "全国": "National"}
CHARS = {"武汉": 9000, "白城": 3000, "北京": 5000, "孝感": 4000, "全国": 2000}


@pytest.fixture(autouse=True)
def city_names(monkeypatch):
    """City names as the gazetteer gives them (the gazetteer is tested on its own)."""
    monkeypatch.setattr(labels, "city_name",
                        lambda city, lang: city if lang == "zh" else CITY_EN.get(city, city))


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def make_rates(measures, counts) -> pd.DataFrame:
    """Rows city × measure with per_10k computed from count and the city's length."""
    rows = []
    for (city, measure), count in zip(itertools.product(CHARS, measures), counts):
        rows.append({"city": city, "measure": measure, "count": count, "n_chars": CHARS[city],
                     "per_10k": count / CHARS[city] * 10_000})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def full_inputs(codebook):
    """Inputs of report size: every codebook measure, five cities."""
    rng = np.random.default_rng(7)
    ids = codebook.ids
    rates = make_rates(ids, rng.poisson(3, len(CHARS) * len(ids)))
    residuals = pd.DataFrame(rng.normal(0, 1.8, (len(ids), len(CHARS))), index=ids,
                             columns=list(CHARS))
    small = residuals.abs() < 0.4
    periods = pd.DataFrame([{"period": p, "measure": m, "per_10k": rng.uniform(0, 9)}
                            for p in (2020, 2022) for m in ids])
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
    return {"rates": rates, "residuals": residuals, "small": small, "periods": periods,
            "cooc": cooc, "keyness": keyness, "articles": articles}


def every_chart(inputs, lang):
    return {
        "measure_heatmap": charts.measure_heatmap(inputs["rates"], lang),
        "measure_bars": charts.measure_bars(inputs["rates"], lang),
        "city_profile": charts.city_profile(inputs["rates"], "白城", lang),
        "residuals_heatmap": charts.residuals_heatmap(inputs["residuals"], inputs["small"], lang),
        "period_comparison": charts.period_comparison(inputs["periods"], lang),
        "cooccurrence_heatmap": charts.cooccurrence_heatmap(inputs["cooc"], lang),
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
    texts = " ".join(figure_texts(all_charts["measure_heatmap"].figure)).replace("\n", " ")
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
    ("measure_heatmap", ("rates",)),
    ("measure_bars", ("rates",)),
    ("city_profile", ("rates", "白城")),
    ("residuals_heatmap", ("residuals", "small")),
    ("period_comparison", ("periods",)),
    ("cooccurrence_heatmap", ("cooc",)),
    ("keyness_bars", ("keyness", "白城", 15)),
    ("corpus_overview", ("articles",)),
])
def test_unknown_language_is_refused_with_the_valid_values(full_inputs, function, args):
    values = [full_inputs.get(a, a) if isinstance(a, str) else a for a in args]
    with pytest.raises(HelpersError) as info:
        getattr(charts, function)(*values, lang="fr")
    assert "'fr'" in str(info.value) and "zh" in str(info.value) and "en" in str(info.value)


# ---------------------------------------------------------------- what each chart says

SMALL_IDS = ["entry_control", "quarantine", "disinfection"]


def small_rates() -> pd.DataFrame:
    # 白城 (3000 characters) has 7 quarantine hits: 23.3 per 10,000, the highest cell
    counts = [2, 1, 0,   3, 0, 0,   0, 7, 1,   1, 1, 1,   2, 0, 0,   0, 0, 0][: 3 * len(CHARS)]
    cities = ["武汉", "北京", "白城", "孝感", "全国"]
    rows = []
    for (city, measure), count in zip(itertools.product(cities, SMALL_IDS), counts):
        rows.append({"city": city, "measure": measure, "count": count,
                     "n_chars": CHARS[city], "per_10k": count / CHARS[city] * 10_000})
    return pd.DataFrame(rows)


def test_heatmap_writes_every_rate_in_its_cell_and_names_the_highest(codebook):
    rates = small_rates()
    chart = charts.measure_heatmap(rates, "zh")
    cells = {t.get_text() for t in chart.figure.axes[0].texts}
    assert {f"{v:.1f}" for v in rates["per_10k"]} <= cells
    assert "白城" in chart.caption and codebook.name("quarantine", "zh") in chart.caption
    assert "23.3" in chart.caption
    zero = int((rates["per_10k"] == 0).sum())
    assert f"{zero}/{len(rates)}" in chart.caption
    colorbar_label = chart.figure.axes[1].get_ylabel()
    assert "每万字" in colorbar_label


def test_heatmap_accepts_measure_rates_hits_column():
    rates = small_rates().rename(columns={"count": "hits"})
    assert "23.3" in charts.measure_heatmap(rates, "en").caption


def test_rates_without_needed_columns_are_refused_with_the_expected_ones():
    with pytest.raises(HelpersError, match="per_10k"):
        charts.measure_heatmap(small_rates().drop(columns="per_10k"), "zh")


def test_bars_use_each_citys_colour_and_name_the_city_leading_most_measures():
    chart = charts.measure_bars(small_rates(), "en")
    ax = chart.figure.axes[0]
    legend = {t.get_text(): h for t, h in zip(ax.get_legend().get_texts(),
                                               ax.get_legend().legend_handles)}
    assert set(legend) == {"Wuhan", "Beijing", "Baicheng", "Xiaogan", "National"}
    assert to_hex(legend["Baicheng"].get_facecolor()) == city_color("白城").lower()
    # leaders: entry_control 全国 (2/2000 = 10.0 per 10k), quarantine 白城 (7/3000),
    # disinfection 白城 (1/3000 against 孝感's 1/4000)
    assert chart.caption.startswith("Baicheng has the highest rate for 2 of the 3 measures")


def test_city_profile_compares_with_the_pooled_corpus_average(codebook):
    rates = small_rates()
    chart = charts.city_profile(rates, "白城", "zh")
    ax = chart.figure.axes[0]
    total_chars = sum(CHARS.values())
    average_quarantine = rates.loc[rates.measure == "quarantine", "count"].sum() / total_chars * 1e4
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert round(average_quarantine, 6) in widths
    assert codebook.name("quarantine", "zh") in chart.caption
    assert f"{average_quarantine:.1f}" in chart.caption


def test_city_profile_refuses_a_city_not_in_the_rates():
    with pytest.raises(HelpersError, match="上海.*武汉"):
        charts.city_profile(small_rates(), "上海", "zh")


def test_residuals_are_centred_on_zero_and_small_cells_hatched(codebook):
    residuals = pd.DataFrame([[3.1, -1.0], [-0.5, 0.4], [2.5, -2.6]],
                             index=SMALL_IDS, columns=["武汉", "白城"])
    small = pd.DataFrame([[False, False], [True, True], [True, False]],
                         index=SMALL_IDS, columns=["武汉", "白城"])
    chart = charts.residuals_heatmap(residuals, small, "en")
    ax = chart.figure.axes[0]
    image = next(a for a in ax.get_children() if isinstance(a, AxesImage))
    assert image.norm.vmin == -image.norm.vmax
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == int(small.to_numpy().sum())
    assert "Wuhan" in chart.caption and "+3.1" in chart.caption
    assert "3 hatched" in chart.caption
    texts = " ".join(figure_texts(chart.figure))
    assert "expected count < 5" in texts


def test_residuals_caption_ignores_cells_with_too_small_expected_counts():
    residuals = pd.DataFrame([[9.0, 1.5]], index=["quarantine"], columns=["武汉", "白城"])
    small = pd.DataFrame([[True, False]], index=["quarantine"], columns=["武汉", "白城"])
    chart = charts.residuals_heatmap(residuals, small, "zh")
    assert "+1.5" in chart.caption and "+9.0" not in chart.caption


def test_period_comparison_names_the_measure_that_changed_most(codebook):
    periods = pd.DataFrame({"period": [2020, 2020, 2022, 2022],
                            "measure": ["quarantine", "disinfection"] * 2,
                            "per_10k": [5.0, 1.0, 1.5, 1.2]})
    chart = charts.period_comparison(periods, "en")
    assert codebook.name("quarantine", "en").split(" (")[0] in chart.caption
    assert "5.0 → 1.5" in chart.caption
    assert "2020" in chart.figure.axes[0].get_title() and "2022" in chart.figure.axes[0].get_title()


def test_period_comparison_reads_the_wide_table_of_compare_years():
    wide = pd.DataFrame({"measure": ["quarantine", "disinfection"],
                         "per_10k_2020": [5.0, 1.0], "per_10k_2022": [1.5, 1.2]})
    chart = charts.period_comparison(wide, "zh")
    assert "5.0 → 1.5" in chart.caption


def test_cooccurrence_leaves_out_the_diagonal_and_names_the_top_pair(codebook):
    cooc = pd.DataFrame([[40, 3, 1], [3, 30, 6], [1, 6, 20]], index=SMALL_IDS, columns=SMALL_IDS)
    chart = charts.cooccurrence_heatmap(cooc, "zh")
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


def test_a_new_city_without_any_mention_gets_charts_that_say_so():
    rates = pd.DataFrame({"city": ["上海", "上海"], "measure": ["quarantine", "lockdown"],
                          "hits": [0, 0], "n_chars": [1200, 1200], "per_10k": [0.0, 0.0]})
    assert charts.measure_heatmap(rates, "en").caption == \
        "These articles mention none of the measures."
    assert charts.measure_bars(rates, "zh").caption == "这些文章没有提及任何一项措施。"
    # Its profile, built from its own rates alone, says so without a corpus average.
    assert charts.city_profile(rates, "上海", "zh").caption == "上海的报道没有提及编码手册中的任何措施。"


def test_a_profile_from_the_citys_rates_alone_names_its_most_mentioned_measure_without_an_average():
    rates = pd.DataFrame({"city": ["武汉", "武汉"], "measure": ["quarantine", "lockdown"],
                          "hits": [3, 6], "n_chars": [2000, 2000], "per_10k": [15.0, 30.0]})
    chart = charts.city_profile(rates, "武汉", "en")
    assert chart.caption.startswith("Wuhan's coverage mentions ")
    assert "(30.0 per 10,000 characters)" in chart.caption
    ax = chart.figure.axes[0]
    assert ax.get_legend() is None and len(ax.patches) == 2  # the city's bars only
    assert ax.get_title() == "Wuhan: how often each measure is mentioned"
    assert ax.get_xlabel() and ax.get_ylabel()
    two = pd.concat([rates, rates.assign(city="北京", hits=[1, 1], per_10k=[5.0, 5.0])])
    with_average = charts.city_profile(two, "武汉", "en")
    assert len(with_average.figure.axes[0].patches) == 4  # city and corpus average
    assert "corpus average" in with_average.caption.lower()


def test_residuals_without_a_test_say_there_is_nothing_to_read():
    nothing = pd.DataFrame({"上海": [np.nan, np.nan]}, index=["quarantine", "lockdown"])
    chart = charts.residuals_heatmap(nothing, nothing.notna(), "en")
    assert "too few counts" in chart.caption


def test_a_year_without_articles_is_not_drawn_as_zeros():
    wide = pd.DataFrame({"measure": ["quarantine"], "per_10k_2020": [np.nan],
                         "per_10k_2022": [3.0]})
    chart = charts.period_comparison(wide, "en")
    assert [t.get_text() for t in chart.figure.axes[0].get_legend().get_texts()] == ["2022"]
    assert "2022 only" in chart.caption and "2020" not in chart.figure.axes[0].get_title()


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
    from helpers.analysis.coding import code_sentences, measure_rates
    from helpers.analysis.contingency import chi_square, crosstab
    from helpers.analysis.cooccurrence import cooccurrence
    from helpers.analysis.keyness import keyness
    from helpers.analysis.periods import compare_years
    from helpers.corpus import read_corpus
    from helpers.text.segment import corpus_tokens

    seeds = read_corpus()
    evidence = code_sentences(seeds.sentences)
    chi = chi_square(crosstab(evidence))
    return {
        "articles": seeds.articles,
        "rates": measure_rates(seeds.articles, evidence),
        "residuals": chi.adjusted_residuals,
        "small": chi.small_expected,
        "periods": compare_years(seeds.articles, evidence),
        "cooc": cooccurrence(evidence),
        "keyness": keyness(corpus_tokens(seeds.articles)),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_of_the_seeds_renders_in_both_languages(seed_tables, monkeypatch, lang):
    monkeypatch.undo()  # the real gazetteer names
    articles = seed_tables["articles"]
    all_charts = {
        "measure_heatmap": charts.measure_heatmap(seed_tables["rates"], lang),
        "measure_bars": charts.measure_bars(seed_tables["rates"], lang),
        "residuals_heatmap": charts.residuals_heatmap(seed_tables["residuals"],
                                                      seed_tables["small"], lang),
        "period_comparison": charts.period_comparison(seed_tables["periods"], lang),
        "cooccurrence_heatmap": charts.cooccurrence_heatmap(seed_tables["cooc"], lang),
        "corpus_overview": charts.corpus_overview(articles, lang),
    }
    for city in articles["city"].unique():
        all_charts[f"city_profile {city}"] = charts.city_profile(seed_tables["rates"], city, lang)
        all_charts[f"keyness_bars {city}"] = charts.keyness_bars(seed_tables["keyness"], city,
                                                                 lang=lang)
    for name, chart in all_charts.items():
        ax = chart.figure.axes[0]
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and chart.caption, name
        assert chart.figure.get_size_inches()[0] <= MAX_WIDTH_IN, name
        texts = figure_texts(chart.figure) + [chart.caption]
        assert set().union(*(missing_glyphs(t) for t in texts)) == set(), name

    # every place of the corpus is named in the heatmap, in the chosen language
    column = "city" if lang == "zh" else "city_en"
    ticks = {t.get_text() for t in all_charts["measure_heatmap"].figure.axes[0].get_xticklabels()}
    assert ticks == set(articles[column])

    # the caption names the cell a reader would pick out: the highest rate
    rates = seed_tables["rates"]
    top = rates.loc[rates["per_10k"].idxmax()]
    top_city = articles.loc[articles["city"] == top["city"], column].iloc[0]
    caption = all_charts["measure_heatmap"].caption
    assert top_city in caption and f"{top['per_10k']:.1f}" in caption
