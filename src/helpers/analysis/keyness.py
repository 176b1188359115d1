"""Keyness: the words a city uses more than its reference.

**The reference.**  A word is weighed against a reference that knows the
project's own terms (疫情防控, 核酸检测, 网格员), so that words every article
of the corpus shares are not what sets a city apart:

* ``"cities"``, the rest of the corpus (every other city's articles), when it
  holds at least ``min_articles_per_group`` articles (``data/statistics.yaml``,
  5 by default: the number every comparison of groups in the reports needs).
  Fewer articles are a few stories, not a norm: a word would look
  distinctive because one other article happened not to use it.
* ``"general"``, general Chinese (jieba's word list,
  :mod:`helpers.text.reference`), otherwise.  A city profile reads its own
  city's articles only (its page does not change when other cities'
  articles arrive), so its reference is always general Chinese.  Against it
  the words all coverage of the epidemic shares come first; the words it
  lacks (our compound terms) get an upper bound from their parts, so their
  ratio is a lower bound (see that module).

**The statistics.**  Log-likelihood G² (Rayson & Garside 2000) ranks the
words; the log ratio (Hardie 2014), log2 of the ratio of relative
frequencies, is the effect size.  Both frequencies are smoothed by adding
:data:`SMOOTHING` = ½ before the ratio is taken (Lidstone's law with λ = ½,
the Jeffreys–Perks estimate; Manning & Schütze 1999, §6.2.2): a word absent
from the reference gets a finite ratio, that of a word seen half a time
there.  Hardie replaces a zero by 0.5 and leaves other counts alone; adding
to both sides of every word also shrinks the ratios of small counts (one
occurrence against none is not "infinitely" more frequent, and three
against one is less sure than three hundred against one hundred).  Equal
relative frequencies give a ratio of 0 when the two totals are equal and
one near 0 otherwise (40 of 1,000 against 160 of 4,000: 0.01).
G² needs no smoothing: it is finite with a zero.

**Which words.**  Only words :mod:`helpers.text.words` keeps (no single
characters, numerals, stopwords, place or person names), at least
``min_freq`` times in the city, and, in a city with two or more articles,
in at least two of them: a word of one article is that article's subject,
not the city's (dispersion; Gries 2008).  A one-article city cannot meet
that rule; its words are its article's, which the ``group_articles``
column (1) lets a report say.

**Tests.**  ``p_value`` is given only when the city and its reference each
have ``min_articles_per_group`` articles (general Chinese counts as large
enough); otherwise it is empty and the table describes.  Even then G²
treats every token as an independent draw, which overstates significance
when words cluster in articles (Lijffijt et al. 2016, "Significance testing
of word frequencies in corpora"); the reports rank by G² and do not print p.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import chdtrc as _chi2_sf

from helpers.analysis.inference import load_statistics
from helpers.corpus.cities import check_city
from helpers.errors import HelpersError
from helpers.text.reference import ListedWords, general_words, listed_words
from helpers.text.words import WordFilter, word_filter, word_table

#: Added to both frequencies before the log ratio is taken (see the module docstring).
SMOOTHING = 0.5
#: What a city can be weighed against: the rest of the corpus, or general Chinese.
KEYNESS_REFERENCES = ("cities", "general")

KEYNESS_COLUMNS = [
    "city",
    "token",
    "freq_target",
    "articles_target",
    "freq_reference",
    "reference_bound",
    "per_10k_target",
    "per_10k_reference",
    "g2",
    "p_value",
    "log_ratio",
    "direction",
    "reference",
    "group_articles",
    "reference_articles",
]


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Log-likelihood G² for a word with frequency ``a`` in a corpus of ``c``
    tokens against frequency ``b`` in a reference of ``d`` tokens (Rayson & Garside 2000)."""
    total = c + d
    if total == 0:
        return 0.0
    e1 = c * (a + b) / total
    e2 = d * (a + b) / total
    g2 = 0.0
    if a > 0:
        g2 += a * math.log(a / e1)
    if b > 0:
        g2 += b * math.log(b / e2)
    return 2 * g2


def smoothed_log_ratio(a: float, b: float, c: float, d: float, smoothing: float = SMOOTHING) -> float:
    """Log ratio with add-k smoothing: log2 of ((a + k) / c) / ((b + k) / d), k = ``smoothing`` on both sides.

    Finite for every count when ``smoothing`` > 0; 0 when a = b and c = d.
    """
    if c <= 0 or d <= 0:
        raise HelpersError("log ratio of an empty corpus or reference; fix: pass token totals above 0")
    return math.log2(((a + smoothing) / c) / ((b + smoothing) / d))


def check_reference(against: str | None) -> str | None:
    """``against`` if it names a keyness reference (or is None: chosen by size), else a one-line error."""
    if against is not None and against not in KEYNESS_REFERENCES:
        raise HelpersError(
            f"unknown keyness reference {against!r}: use one of {', '.join(KEYNESS_REFERENCES)}"
        )
    return against


def choose_reference(reference_articles: int, min_articles: int | None = None) -> str:
    """``"cities"`` when the rest of the corpus has ``min_articles`` articles or more, else ``"general"``."""
    needed = load_statistics().min_articles_per_group if min_articles is None else min_articles
    return "cities" if reference_articles >= needed else "general"


# --------------------------------------------------------------------------- general Chinese


class GeneralReference:
    """General Chinese as a keyness reference: frequencies of the words a filter keeps, and their total.

    The total counts only the list's words :class:`WordFilter` keeps, judged
    with the list's own tags, as a city's total counts only its kept words.
    """

    def __init__(self, words: pd.DataFrame, listed: ListedWords, keep: WordFilter):
        kept = [keep.keeps(word, tag) for word, tag in zip(words.index.tolist(), words["tag"].tolist())]
        self.listed = listed
        self.total = float(words["frequency"][np.array(kept, dtype=bool)].sum())

    def frequency(self, word: str) -> tuple[int, bool]:
        """The word's frequency in the list, or the upper bound from its parts (second item True)."""
        return self.listed.frequency(word)


@functools.lru_cache(maxsize=2)
def _general_reference(keep: WordFilter) -> GeneralReference:
    return GeneralReference(general_words(), listed_words(), keep)


def general_reference(keep: WordFilter | None = None) -> GeneralReference:
    """jieba's word list as a reference, filtered by ``keep`` (:func:`helpers.text.words.word_filter`); cached."""
    return _general_reference(keep or word_filter())


# --------------------------------------------------------------------------- keyness tables


@dataclass(frozen=True)
class WordCounts:
    """The kept words of each city, summed: all keyness needs, without a row per token.

    Attributes
    ----------
    counts
        ``city``, ``token``, ``freq`` (occurrences in the city) and ``articles``
        (the city's articles using the word), one row per city and word.
    articles
        City → its articles with at least one kept word.
    cities
        The cities in order of first appearance (as the token rows have them).
    """

    counts: pd.DataFrame
    articles: pd.Series
    cities: list[str]


def word_counts(words: pd.DataFrame, cities: list[str] | None = None) -> WordCounts:
    """:class:`WordCounts` of word rows (``id``, ``city``, ``token``), every row counted; ``cities``: their order."""
    grouped = words.groupby(["city", "token"], sort=False)
    counts = pd.DataFrame({"freq": grouped.size(), "articles": grouped["id"].nunique()}).reset_index()
    articles = words.groupby("city", sort=False)["id"].nunique()
    order = list(dict.fromkeys(words["city"])) if cities is None else list(cities)
    return WordCounts(counts[["city", "token", "freq", "articles"]].astype({"freq": "int64", "articles": "int64"}),
                      articles.astype("int64"), order)


def keyness(
    words: pd.DataFrame,
    city: str | None = None,
    against: str | None = None,
    min_freq: int = 3,
    min_articles: int | None = None,
    general: GeneralReference | None = None,
) -> pd.DataFrame:
    """Each city's words against its reference: G², smoothed log ratio, articles using the word.

    Parameters
    ----------
    words
        ``id``, ``city``, ``token`` of the words to weigh: the rows
        :func:`helpers.text.words.word_table` keeps (with its ``left_out``
        column, rows with a reason are dropped here).
    city
        One city (a HelpersError lists the valid ones if unknown); every city if None.
    against
        ``"cities"``, ``"general"``, or None to choose by size (:func:`choose_reference`), per city.
    min_freq
        Minimum frequency of a word in the city.
    min_articles
        Articles a group and its reference need for a corpus reference and a
        p-value; ``data/statistics.yaml``'s ``min_articles_per_group`` by default.
    general
        The general reference (:func:`general_reference` by default).

    Returns
    -------
    DataFrame
        :data:`KEYNESS_COLUMNS`: ``freq_target`` and ``articles_target`` (in
        the city), ``freq_reference`` (in the reference; an upper bound where
        ``reference_bound``), ``per_10k_target`` / ``per_10k_reference`` (per
        10,000 kept words), ``g2``, ``p_value`` (chi-square, 1 df; NaN when
        the groups are too small to test), ``log_ratio`` (smoothed, always
        finite), ``direction`` (``"over"`` when the log ratio is positive),
        ``reference`` (``"cities"`` or ``"general"``), ``group_articles`` and
        ``reference_articles`` (NaN for general Chinese).  Sorted by city,
        then over-used words first by descending G², then by token.
    """
    check_reference(against)
    cities = _token_cities(words, city)
    return counts_keyness(word_counts(_kept(words), cities), city, against, min_freq, min_articles, general)


def counts_keyness(
    counts: WordCounts,
    city: str | None = None,
    against: str | None = None,
    min_freq: int = 3,
    min_articles: int | None = None,
    general: GeneralReference | None = None,
) -> pd.DataFrame:
    """:func:`keyness` from the words summed per city (:class:`WordCounts`, e.g. summed batch by batch)."""
    check_reference(against)
    if city is not None:
        check_city(city, counts.cities)
    needed = load_statistics().min_articles_per_group if min_articles is None else min_articles
    table = counts.counts
    totals = table.groupby("token", sort=False)["freq"].sum()
    all_tokens = int(table["freq"].sum())
    all_articles = int(counts.articles.sum())
    frames = []
    chosen_by_city: dict[str, str] = {}
    for target in [city] if city is not None else counts.cities:
        rows = table[table["city"] == target].set_index("token")
        group_articles = int(counts.articles.get(target, 0))
        rest_articles = all_articles - group_articles
        rest_tokens = all_tokens - int(rows["freq"].sum())
        chosen = against or choose_reference(rest_articles, needed)
        chosen_by_city[target] = chosen
        if chosen == "cities" and rest_tokens == 0:
            raise HelpersError(
                f"keyness of {target} against the other cities: the corpus has no other city; "
                "fix: add articles from another city or weigh against general Chinese"
            )
        testable = group_articles >= needed and (chosen == "general" or rest_articles >= needed)
        rest = (totals.reindex(rows.index) - rows["freq"]).astype("int64")
        frames.append(_city_keyness(target, rows, group_articles, rest, rest_tokens, chosen, min_freq, testable,
                                    general if chosen == "general" else None, rest_articles))
    frames = [frame for frame in frames if not frame.empty]
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KEYNESS_COLUMNS)
    # a city without a single row still has a reference, which its captions name
    result.attrs["reference"] = chosen_by_city
    return result


def _city_keyness(target: str, rows: pd.DataFrame, group_articles: int, rest: pd.Series, rest_tokens: int,
                  against: str, min_freq: int, testable: bool, general: GeneralReference | None,
                  rest_articles: int) -> pd.DataFrame:
    """One city's keyness rows (see :func:`keyness`): ``rows`` its words (``freq``, ``articles``) by token,
    ``rest`` their frequency in the rest of the corpus, ``rest_tokens`` its size."""
    a = rows["freq"]
    spread = rows["articles"]
    needed_articles = 2 if group_articles >= 2 else 1
    keep = (a >= min_freq) & (spread >= needed_articles)
    a = a[keep].sort_index()
    c = float(rows["freq"].sum())
    if against == "general":
        reference = general or general_reference()
        found = [reference.frequency(token) for token in a.index]
        b = pd.Series([f for f, _ in found], index=a.index, dtype="int64")
        bound = pd.Series([is_bound for _, is_bound in found], index=a.index, dtype=bool)
        d = reference.total
        reference_articles = float("nan")
    else:
        b = rest.reindex(a.index, fill_value=0).astype("int64")
        bound = pd.Series(False, index=a.index)
        d = float(rest_tokens)
        reference_articles = float(rest_articles)
    records = []
    for token in a.index:
        fa, fb = float(a[token]), float(b[token])
        g2 = log_likelihood(fa, fb, c, d)
        ratio = smoothed_log_ratio(fa, fb, c, d)
        records.append({
            "city": target,
            "token": token,
            "freq_target": int(fa),
            "articles_target": int(spread[token]),
            "freq_reference": int(fb),
            "reference_bound": bool(bound[token]),
            "per_10k_target": fa / c * 10_000,
            "per_10k_reference": fb / d * 10_000,
            "g2": g2,
            "p_value": float(_chi2_sf(1, g2)) if testable else float("nan"),
            "log_ratio": ratio,
            "direction": "over" if ratio > 0 else "under",
            "reference": against,
            "group_articles": int(group_articles),
            "reference_articles": reference_articles,
        })
    frame = pd.DataFrame(records, columns=KEYNESS_COLUMNS)
    if frame.empty:
        return frame
    frame["_over"] = frame["direction"] == "over"
    frame = frame.sort_values(["_over", "g2", "token"], ascending=[False, False, True], kind="mergesort")
    return frame.drop(columns="_over").reset_index(drop=True)


def _kept(words: pd.DataFrame) -> pd.DataFrame:
    """The rows to weigh: those a :func:`helpers.text.words.word_table` kept.

    Plain tokens (no ``left_out`` column) go through the same filter word by
    word, without tags or the text: no place name inside a longer one, no
    name jieba alone would recognise.
    """
    if "id" not in words.columns:
        raise HelpersError("words lack column 'id'; fix: pass helpers.text.words.word_table(tokens, articles)")
    if "left_out" not in words.columns:
        words = word_table(words[["id", "city", "token"]])
    words = words[words["left_out"] == ""]
    return words[["id", "city", "token"]].astype({"token": str})


def _token_cities(tokens: pd.DataFrame, city: str | None) -> list[str]:
    """The cities of ``tokens`` in order of appearance, after checking its columns and ``city``."""
    for column in ("city", "token"):
        if column not in tokens.columns:
            raise HelpersError(
                f"tokens lacks column {column!r}; fix: pass helpers.text.words.word_table(tokens, articles)"
            )
    cities = list(dict.fromkeys(tokens["city"]))
    if city is not None:
        check_city(city, cities)
    return cities


# --------------------------------------------------------------------------- reading a table


def reference_of(keyness: pd.DataFrame, against: str | None = None) -> str:
    """What a keyness table was weighed against: ``against`` if given, else its ``reference`` column.

    A table without rows answers from what :func:`keyness` recorded in its ``attrs``; ``"cities"``
    if it recorded nothing.
    """
    if check_reference(against) is not None:
        return against
    if "reference" in keyness.columns and len(keyness):
        found = set(keyness["reference"].astype(str))
    else:
        found = set(keyness.attrs.get("reference", {}).values())
    return "general" if found == {"general"} else "cities"


def city_rows(keyness: pd.DataFrame, city: str) -> pd.DataFrame:
    """The rows of a keyness table for one target city (all rows if it has no ``city`` column)."""
    if "city" not in keyness.columns:
        return keyness
    rows = keyness[keyness["city"].astype(str) == str(city)]
    if rows.empty and not keyness.empty:
        present = ", ".join(map(str, pd.unique(keyness["city"])))
        raise HelpersError(f"keyness has no rows for city {city!r}; cities present: {present}")
    return rows


def distinctive_words(keyness: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Rows of a keyness table the target overuses (log_ratio > 0, G² > 0), strongest first."""
    if not isinstance(keyness, pd.DataFrame) or any(
            c not in keyness.columns for c in ("token", "g2", "log_ratio")):
        raise HelpersError(
            "keyness lacks the columns token, g2 and log_ratio; pass helpers.analysis.keyness.keyness(...)"
        )
    rows = keyness[(keyness["log_ratio"] > 0) & (keyness["g2"] > 0)]
    rows = rows.sort_values(["g2", "token"], ascending=[False, True], kind="mergesort")
    return rows.head(top) if top is not None else rows


def shared_words(keyness: pd.DataFrame, cities: Iterable[str] | None = None) -> list[str]:
    """Words every city of a keyness table overuses (the corpus's shared topic), by their summed G²."""
    over = distinctive_words(keyness)
    cities = list(dict.fromkeys(keyness["city"])) if cities is None else list(cities)
    if len(cities) < 2:
        return []
    counts = over.groupby("token")["city"].nunique()
    everywhere = counts[counts == len(cities)].index
    strength = over[over["token"].isin(everywhere)].groupby("token")["g2"].sum()
    return list(strength.sort_index().sort_values(ascending=False, kind="mergesort").index)
