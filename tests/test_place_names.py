"""How the pages name a city's articles and the national ones: "Wuhan's coverage", "national coverage", never
"National's" or "City profile: National", through one mechanism (:func:`helpers.report.names.place`)."""

from __future__ import annotations

import string
import types

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from helpers import catalogue
from helpers.catalogue import text
from helpers.publish.index_page import render_index
from helpers.publish.plan import NOTEBOOKS, CorpusSummary, ReportSpec
from helpers.report import charts, prose
from helpers.report.names import city_name, place

PROFILE = next(spec for spec in NOTEBOOKS if spec.per_city)
#: What a page must never say of the national pieces (全国): they are coverage, not a city.
NOT_A_CITY = ("National's", "National coverage's", "City profile: National", "in National ", "城市概况：全国",
              "全国性报道报道", "全国报道", "全国的报道")


def place_templates() -> list[str]:
    """Every catalogue key whose template, in either language, names a city."""
    found = []
    for key in catalogue.keys():
        entry = catalogue._catalogue()[key]
        fields = {name.split(".")[0] for lang in ("zh", "en")
                  for _, name, _, _ in string.Formatter().parse(entry[lang]) if name}
        if fields & set(catalogue.PLACE_FIELDS):
            found.append(key)
    return found


def render(key: str, city: str, lang: str) -> str:
    """The template ``key`` for ``city``, every other field a number (it may carry a number format)."""
    entry = catalogue._catalogue()[key]
    others = {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(entry[lang]) if name}
    fields: dict[str, object] = {name: 3 for name in others - set(catalogue.PLACE_FIELDS)}
    return text(key, lang, city=place(city, lang), **fields)


def test_the_catalogue_names_cities_in_the_templates_one_expects():
    keys = place_templates()
    # the profile chart, the keyness charts and clouds, the vocabulary notes, the timeline and overview
    # captions and the findings all name a city; a template added later is checked by the tests below
    for expected in ("chart.profile_caption", "chart.keyness_caption_general", "chart.frequency_cloud_caption",
                     "vocabulary.one_article", "timeline.events_caption_one_city", "findings.corpus_city_count"):
        assert expected in keys
    assert "profile.heading" not in catalogue.keys() and "report.title_with_city" not in catalogue.keys()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_template_that_names_a_city_reads_as_national_coverage_for_the_national_pieces(lang):
    for key in place_templates():
        national, wuhan = render(key, "全国", lang), render(key, "武汉", lang)
        assert not [bad for bad in NOT_A_CITY if bad in national], (key, national)
        assert "武汉" in wuhan if lang == "zh" else "Wuhan" in wuhan, (key, wuhan)
        if lang == "en":
            assert "National" not in national.replace("National coverage", ""), (key, national)
            assert not national[0].islower(), (key, national)  # no sentence opens with "national coverage"
            if "Wuhan's coverage" in wuhan:
                assert "national coverage" in national, (key, national)
        else:
            assert "全国" in national, (key, national)


@pytest.mark.parametrize("key", ["vocabulary.one_article", "chart.profile_title", "findings.corpus_city_count"])
def test_a_template_that_names_a_city_takes_only_a_place(key):
    with pytest.raises(TypeError, match="names.place"):
        text(key, "en", city="Wuhan", n=3)
    with pytest.raises(TypeError, match="city.name"):
        "{city}".format(city=place("武汉", "en"))  # a bare place cannot slip into a sentence


def test_the_national_pieces_are_named_as_coverage_in_labels_too():
    assert city_name("全国", "en") == "National coverage" and city_name("全国", "zh") == "全国"
    assert city_name("武汉", "en") == "Wuhan" and city_name("武汉", "zh") == "武汉"
    assert (place("全国", "en").coverage, place("武汉", "en").coverage) == ("national coverage", "Wuhan's coverage")
    assert (place("全国", "zh").coverage, place("武汉", "zh").coverage) == ("全国性报道", "武汉报道")


@pytest.mark.parametrize(("city", "city_en", "zh", "en"), [
    ("全国", "National", "全国性报道概况", "Profile of national coverage"),
    ("武汉", "Wuhan", "城市概况：武汉", "City profile: Wuhan"),
])
def test_the_profile_title_and_heading_say_what_the_page_profiles(city, city_en, zh, en):
    assert ReportSpec(PROFILE, "zh", city=city, city_en=city_en).title == zh
    assert ReportSpec(PROFILE, "en", city=city, city_en=city_en).title == en
    articles = pd.DataFrame({"city": [city, "北京"], "published": ["2020-02-10", "2020-03-01"], "n_chars": [800, 500]})
    for lang, heading in (("zh", zh), ("en", en)):
        shown = prose.city_summary(types.SimpleNamespace(article_metadata=articles), city, lang).data.replace("\\", "")
        assert shown.startswith(f"# {heading}\n"), shown
        assert "800" in shown and "500" not in shown


def keyness_rows(city: str, reference: str, articles: int) -> pd.DataFrame:
    return pd.DataFrame([{
        "city": city, "token": "网格员", "freq_target": 9, "articles_target": 1, "freq_reference": 4,
        "reference_bound": False, "per_10k_target": 40.0, "per_10k_reference": 0.5, "g2": 25.0,
        "p_value": float("nan"), "log_ratio": 2.5, "direction": "over", "reference": reference,
        "group_articles": articles, "reference_articles": float("nan"),
    }])


def test_the_national_profile_speaks_of_national_coverage_in_its_notes_and_captions():
    note = prose.keyness_note(keyness_rows("全国", "general", 1), "全国", "en").data.replace("\\", "")
    assert "one article in national coverage" in note and "National" not in note
    zh_note = prose.keyness_note(keyness_rows("全国", "general", 1), "全国", "zh").data
    assert "全国性报道只有 1 篇文章" in zh_note
    chart = charts.keyness_bars(keyness_rows("全国", "general", 1), "全国", lang="en")
    assert "most characteristic of national coverage is “网格员 (" in chart.caption  # then its gloss
    assert chart.figure.axes[0].get_title().startswith("Words characteristic of national coverage")


def test_the_index_names_national_coverage_and_heads_the_undated_column():
    summary = CorpusSummary(
        cities=[("武汉", "Wuhan"), ("全国", "National")],
        articles=[{"id": "a1", "city": "武汉", "city_en": "Wuhan", "published": "2020-02-10", "title": "社区封闭管理"},
                  {"id": "a2", "city": "全国", "city_en": "National", "published": None, "title": "致敬社区工作者"}],
        skipped=[])
    specs = [ReportSpec(PROFILE, lang, city=c, city_en=e) for lang in ("zh", "en") for c, e in summary.cities]
    page = BeautifulSoup(render_index(summary, specs, {}, None), "html.parser")
    words = page.get_text(" ")
    assert not [bad for bad in NOT_A_CITY if bad in words]
    links = [a.get_text() for a in page.find_all("a")]
    assert "全国性报道概况" in links and "Profile of national coverage" in links and "City profile: Wuhan" in links
    glance = page.find("h2", id="glance").find_next("table")
    headers = [th.get_text() for th in glance.find("tr").find_all("th")]
    assert headers[1:] == ["2020", "年份不详 / Year not known"] and "?" not in headers
    rows = {tr.find("th").get_text(): [td.get_text() for td in tr.find_all("td")] for tr in glance.find_all("tr")[1:]}
    assert rows == {"武汉 / Wuhan": ["1", "0"], "全国 / National coverage": ["0", "1"]}
