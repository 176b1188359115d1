"""What readers call things: cities, measures and articles in the report's language, and labels that fit.

City names come from the gazetteer, measure names from the codebook the
analysis used (the shipped one when none is given), article titles from the
corpus; every other string a reader sees is in :mod:`helpers.catalogue`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from helpers.catalogue import text
from helpers.corpus import gazetteer
from helpers.errors import HelpersError
from helpers.langs import check_lang

if TYPE_CHECKING:
    from helpers.analysis.codebook import Codebook


def city_name(city: str, lang: str) -> str:
    """The city's name in ``lang`` (Chinese as in the data, English from the gazetteer)."""
    check_lang(lang)
    return gazetteer.city_name(city, lang)


#: What a group of compared articles can be: the articles of a city, or of a year of publication.
GROUP_KINDS = ("city", "year")


def check_kind(by: str) -> str:
    """``by`` if it is a kind of group the reports compare, else a one-line error naming the valid ones."""
    if by not in GROUP_KINDS:
        raise HelpersError(f"unknown kind of group {by!r}; use one of {', '.join(GROUP_KINDS)}")
    return by


def group_name(group: object, lang: str, by: str = "city") -> str:
    """A group of articles as readers call it: the city's name, or the year (2020 年 / 2020)."""
    if check_kind(by) == "city":
        return city_name(str(group), lang)
    return text("stats.year_group", lang, year=group)


def count_articles(n: int, lang: str) -> str:
    """``n`` articles in words: 1 篇文章 / 1 article / 5 articles."""
    return text("count.articles_one" if n == 1 else "count.articles_many", lang, n=n)


def count_sentences(n: int, lang: str) -> str:
    """``n`` sentences in words: 38 句 / 38 sentences."""
    return text("count.sentences_one" if n == 1 else "count.sentences_many", lang, n=n)


def group_counts(articles: int, sentences: int | None, lang: str) -> str:
    """A group's n: its articles, and its sentences when given (1 article · 38 sentences)."""
    if sentences is None:
        return count_articles(articles, lang)
    return text("count.both", lang, articles=count_articles(articles, lang),
                sentences=count_sentences(sentences, lang))


def measure_names(measure_ids: Iterable[str], lang: str, codebook: Codebook | None = None) -> dict[str, str]:
    """Names of measures in ``lang`` from ``codebook`` (default: the shipped codebook)."""
    check_lang(lang)
    if codebook is None:
        from helpers.analysis.codebook import load_codebook

        codebook = load_codebook()
    return {m: codebook.name(m, lang) for m in measure_ids}


def measure_name(measure_id: str, lang: str, codebook: Codebook | None = None) -> str:
    """The measure's name in ``lang`` (``name_zh`` / ``name_en`` of the codebook)."""
    return measure_names([measure_id], lang, codebook)[measure_id]


def display_title(title: object, opening_text: str, lang: str, width: int = 24) -> str:
    """The title, or for an article that prints none, its opening words marked as such."""
    if isinstance(title, str) and title.strip():
        return title
    opening = " ".join(str(opening_text).split())[:width]
    return f"{text('table.untitled_mark', lang)}{opening}…"


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
