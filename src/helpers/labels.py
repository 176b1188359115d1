"""Chinese and English names for cities, measures and the reports' fixed strings.

City names come from the gazetteer (``helpers.gazetteer.city_name``), measure
names from the codebook (``helpers.measures.load_codebook().name``); this
module only adds the report strings (chart titles, axis labels, caption
templates) and the check that a language is one the reports are built in.
"""

from __future__ import annotations

import re
import textwrap
from typing import Iterable

from helpers.errors import HelpersError

#: The languages reports are built in.
LANGS: tuple[str, ...] = ("zh", "en")

# Report strings.  Templates use str.format fields; every key has both
# languages (tests/test_charts.py checks this).  Units are part of the label.
_STRINGS: dict[str, dict[str, str]] = {
    # generic
    "city": {"zh": "城市", "en": "City"},
    "measure": {"zh": "防控措施", "en": "Measure"},
    "year": {"zh": "年份", "en": "Year"},
    "year_unknown": {"zh": "日期不详", "en": "date unknown"},
    "period": {"zh": "时期", "en": "Period"},
    "corpus_average": {"zh": "语料平均", "en": "Corpus average"},
    "per_10k_unit": {"zh": "每万字提及次数", "en": "Mentions per 10,000 characters"},
    "articles_unit": {"zh": "文章数（篇）", "en": "Articles"},
    "sentences_unit": {"zh": "同时提及的句子数（句）", "en": "Sentences mentioning both"},
    "residual_unit": {"zh": "标准化残差", "en": "Standardised residual"},
    "g2_unit": {"zh": "对数似然值 G²", "en": "Log-likelihood G²"},
    "small_expected": {"zh": "斜线：期望频数 < 5，不可靠",
                       "en": "Hatched: expected count < 5, unreliable"},
    "no_data": {"zh": "没有可显示的数据", "en": "No data to show"},
    # measure_heatmap
    "heatmap_title": {"zh": "各城市防控措施提及率（每万字）",
                      "en": "Measure mentions per 10,000 characters, by city"},
    "heatmap_caption": {
        "zh": "提及率最高的是{city}的“{measure}”（每万字 {value:.1f} 次），"
              "{n_zero}/{n_cells} 个格子为零。",
        "en": "The highest rate is {measure} in {city} ({value:.1f} per 10,000 characters), "
              "and {n_zero} of {n_cells} cells are zero.",
    },
    "measures_caption_none": {
        "zh": "这些文章没有提及任何一项措施。",
        "en": "These articles mention none of the measures.",
    },
    # measure_bars
    "bars_title": {"zh": "各防控措施的城市对比（每万字）",
                   "en": "Measures compared across cities (per 10,000 characters)"},
    "bars_caption": {
        "zh": "在 {n_measures} 项措施中，{city}有 {n_lead} 项的提及率最高。",
        "en": "{city} has the highest rate for {n_lead} of the {n_measures} measures.",
    },
    "bars_caption_tie": {
        "zh": "在 {n_measures} 项措施中，{cities}各有 {n_lead} 项的提及率最高。",
        "en": "{cities} each have the highest rate for {n_lead} of the {n_measures} measures.",
    },
    # city_profile
    "profile_title": {"zh": "{city}的防控措施与语料平均对比",
                      "en": "{city}: measures against the corpus average"},
    "profile_caption": {
        "zh": "与语料平均相比，{city}最突出的是“{measure}”"
              "（每万字 {value:.1f} 次，平均 {average:.1f} 次）。",
        "en": "Compared with the corpus average, {city} stands out most on {measure} "
              "({value:.1f} against {average:.1f} per 10,000 characters).",
    },
    "profile_title_alone": {"zh": "{city}各项防控措施的提及率",
                            "en": "{city}: how often each measure is mentioned"},
    "profile_caption_alone": {
        "zh": "{city}的报道提及最多的是“{measure}”（每万字 {value:.1f} 次）；"
              "与其他城市的对比见“防控措施比较”报告。",
        "en": "{city}'s coverage mentions {measure} most often ({value:.1f} per 10,000 "
              "characters); the Measures compared report sets this against the other cities.",
    },
    "profile_caption_alone_none": {
        "zh": "{city}的报道没有提及编码手册中的任何措施。",
        "en": "{city}'s coverage mentions none of the codebook's measures.",
    },
    "profile_caption_none": {
        "zh": "{city}没有任何一项措施的提及率高于语料平均。",
        "en": "{city} mentions no measure more often than the corpus average.",
    },
    # residuals_heatmap
    "residuals_title": {"zh": "卡方检验标准化残差（措施 × 城市）",
                        "en": "Chi-square standardised residuals (measure × city)"},
    "residuals_caption": {
        "zh": "红色表示比各城市一致时的期望更多、蓝色表示更少，|残差| > 2 值得注意；"
              "偏高最明显的是{city}的“{measure}”（{value:+.1f}），"
              "{n_small} 个斜线格的期望频数小于 5，不宜解读。",
        "en": "Red means more mentions than expected if all cities used measures alike and blue "
              "fewer, |residual| > 2 is notable; the largest excess is {measure} in {city} "
              "({value:+.1f}), and {n_small} hatched cells have expected counts below 5 "
              "and should not be read.",
    },
    "residuals_caption_none": {
        "zh": "计数太少，无法进行卡方检验，图中没有残差。",
        "en": "There are too few counts for a chi-square test, so there are no residuals to read.",
    },
    # period_comparison
    "period_title": {"zh": "{first}年与{second}年文章的措施提及率",
                     "en": "Measure rates in {first} articles against {second} articles"},
    "period_title_single": {"zh": "{first}年文章的措施提及率",
                            "en": "Measure rates in {first} articles"},
    "period_caption": {
        "zh": "与{first}年相比，{second}年的文章提及“{measure}”变化最大"
              "（每万字 {before:.1f} → {after:.1f} 次）。",
        "en": "From {first} to {second}, the rate of {measure} changes most "
              "({before:.1f} → {after:.1f} per 10,000 characters).",
    },
    "period_caption_single": {
        "zh": "语料只包含{first}年的文章，无法比较时期。",
        "en": "The corpus holds articles from {first} only, so periods cannot be compared.",
    },
    # cooccurrence_heatmap
    "cooc_title": {"zh": "措施共现：同一句中同时提及的句子数",
                   "en": "Measure co-occurrence: sentences mentioning both"},
    "cooc_caption": {
        "zh": "最常一起出现的是“{first}”和“{second}”（{count} 句）。",
        "en": "{first} and {second} are mentioned together most often ({count} sentences).",
    },
    "cooc_caption_none": {
        "zh": "没有任何两项措施在同一句中同时出现。",
        "en": "No two measures are mentioned in the same sentence.",
    },
    # keyness_bars
    "keyness_title": {"zh": "{city}的特色词（前 {top} 个，按 G² 排序）",
                      "en": "Words distinctive of {city} (top {top} by G²)"},
    "keyness_axis": {"zh": "词语", "en": "Word"},
    "keyness_caption": {
        "zh": "{city}最具特色的词是“{token}”（G² = {g2:.1f}；本市 {freq_target} 次，"
              "其他城市 {freq_reference} 次）。",
        "en": "The word most distinctive of {city} is “{token}” (G² = {g2:.1f}; "
              "{freq_target} times there against {freq_reference} in the other cities).",
    },
    "keyness_caption_none": {
        "zh": "{city}没有比其他城市显著多用的词。",
        "en": "{city} uses no word markedly more often than the other cities.",
    },
    "keyness_title_general": {"zh": "{city}报道的特征词（与通用汉语相比，前 {top} 个，按 G² 排序）",
                              "en": "Words characteristic of {city}'s coverage against general Chinese (top {top} by G²)"},
    "keyness_caption_general": {
        "zh": "与通用汉语词频相比，{city}报道最突出的词是“{token}”（G² = {g2:.1f}；本市 {freq_target} 次，"
              "参照词表每百万词 {per_million:.1f} 次）。",
        "en": "Against general Chinese, the word most characteristic of {city}'s coverage is “{token}” "
              "(G² = {g2:.1f}; {freq_target} times there, {per_million:.1f} per million words in the "
              "reference list).",
    },
    "keyness_caption_none_general": {
        "zh": "{city}的报道没有比通用汉语显著多用的词。",
        "en": "{city}'s coverage uses no word markedly more often than general Chinese.",
    },
    # corpus_overview
    "overview_title": {"zh": "各城市、各年份的文章数", "en": "Articles per city and year"},
    "overview_caption": {
        "zh": "语料共有 {n_articles} 篇文章，覆盖 {n_cities} 个城市或地区，其中{city}最多（{n_city} 篇）。",
        "en": "The corpus holds {n_articles} articles covering {n_cities} cities or areas; "
              "{city} has the most ({n_city}).",
    },
    "overview_caption_single": {
        "zh": "语料中的 {n_articles} 篇文章都来自{city}。",
        "en": "The corpus holds {n_articles} article(s), all from {city}.",
    },
    "overview_caption_tie": {
        "zh": "语料共有 {n_articles} 篇文章，覆盖 {n_cities} 个城市或地区，其中{cities}最多（各 {n_city} 篇）。",
        "en": "The corpus holds {n_articles} articles covering {n_cities} cities or areas; "
              "{cities} have the most ({n_city} each).",
    },
    "overview_caption_even": {
        "zh": "语料共有 {n_articles} 篇文章，覆盖 {n_cities} 个城市或地区，每处各 {n_city} 篇。",
        "en": "The corpus holds {n_articles} articles covering {n_cities} cities or areas, "
              "{n_city} each.",
    },
    # word clouds
    "keyness_cloud_title": {"zh": "{city}的特色词云（按关键性 G² 加权）",
                            "en": "Words distinctive of {city} (sized by keyness G²)"},
    "keyness_cloud_caption": {
        "zh": "字号越大，{city}的文章比其他城市越多地使用该词；最大的是“{token}”。",
        "en": "The larger a word, the more {city}'s articles overuse it compared with "
              "the other cities; the largest is “{token}”.",
    },
    "keyness_cloud_title_general": {"zh": "{city}报道的特征词云（与通用汉语相比，按 G² 加权）",
                                    "en": "Words characteristic of {city} against general Chinese (sized by G²)"},
    "keyness_cloud_caption_general": {
        "zh": "字号越大，{city}的文章比通用汉语越多地使用该词；最大的是“{token}”。",
        "en": "The larger a word, the more {city}'s articles overuse it compared with "
              "general Chinese; the largest is “{token}”.",
    },
    "frequency_cloud_title": {"zh": "{city}的高频词云（按词频加权）",
                              "en": "Most frequent words in {city} (sized by count)"},
    "frequency_cloud_caption": {
        "zh": "字号越大，该词在{city}的文章中出现越多；最常见的是“{token}”（{count} 次）。",
        "en": "The larger a word, the more often it occurs in {city}'s articles; "
              "the most frequent is “{token}” ({count} times).",
    },
    "cloud_caption_none": {
        "zh": "{city}没有可以显示的词。",
        "en": "{city} has no words to show.",
    },
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if reports are built in it, else raise HelpersError listing the valid values."""
    if lang not in LANGS:
        raise HelpersError(
            f"unknown language {lang!r}; use one of {', '.join(LANGS)}"
        )
    return lang


KEYNESS_REFERENCES = ("cities", "general")


def keyness_suffix(against: str) -> str:
    """Suffix of the keyness string keys for a reference: ``""`` (other cities) or ``"_general"``."""
    if against not in KEYNESS_REFERENCES:
        raise HelpersError(
            f"unknown keyness reference {against!r}: use one of {', '.join(KEYNESS_REFERENCES)}"
        )
    return "" if against == "cities" else "_general"


def text_keys() -> list[str]:
    """Every report string key, sorted."""
    return sorted(_STRINGS)


def text(key: str, lang: str, **fields: object) -> str:
    """A report string in ``lang``, with ``fields`` filled into its template.

    Parameters
    ----------
    key : str
        One of :func:`text_keys`.
    lang : {"zh", "en"}
        The report language.
    **fields
        Values for the template's ``{name}`` fields, if any.
    """
    check_lang(lang)
    try:
        template = _STRINGS[key][lang]
    except KeyError:
        raise HelpersError(
            f"unknown report string {key!r}; add it to _STRINGS in helpers/labels.py"
        ) from None
    return template.format(**fields) if fields else template


def measure_name(measure_id: str, lang: str) -> str:
    """The measure's name in ``lang``, from the codebook (``name_zh`` / ``name_en``)."""
    check_lang(lang)
    from helpers import measures

    return measures.load_codebook().name(measure_id, lang)


def measure_names(measure_ids: Iterable[str], lang: str) -> dict[str, str]:
    """Names of several measures at once, reading the codebook once."""
    check_lang(lang)
    from helpers import measures

    codebook = measures.load_codebook()
    return {m: codebook.name(m, lang) for m in measure_ids}


def city_name(city: str, lang: str) -> str:
    """The city's name in ``lang`` (Chinese as in the data, English from the gazetteer)."""
    check_lang(lang)
    from helpers import gazetteer

    return gazetteer.city_name(city, lang)


def wrap_label(label: str, lang: str, width: int | None = None) -> str:
    """Break a long tick label over lines so neighbouring labels do not overlap.

    Chinese has no spaces, so it is cut every ``width`` characters (8 by
    default); English is wrapped at word boundaries (18 characters by default).
    """
    check_lang(lang)
    if lang == "zh":
        width = width or 8
        return "\n".join(label[i:i + width] for i in range(0, len(label), width)) or label
    return textwrap.fill(label, width=width or 18, break_long_words=False,
                         break_on_hyphens=False) or label


_PARENTHETICAL = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def short_label(name: str) -> str:
    """A name without its trailing explanation in brackets, for ticks and legends.

    ``"Entry control (gate duty, passes)"`` → ``"Entry control"``; a name that
    is only a bracket stays as it is.
    """
    short = _PARENTHETICAL.sub("", name)
    return short or name


def join_names(names: Iterable[str], lang: str) -> str:
    """Names as a list in running text: 武汉、白城和北京 / Wuhan, Baicheng and Beijing."""
    check_lang(lang)
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    sep, last = ("、", "和") if lang == "zh" else (", ", " and ")
    return sep.join(items[:-1]) + last + items[-1]
