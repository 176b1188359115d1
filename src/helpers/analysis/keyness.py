"""Keyness: the words a city uses more than its reference (the other cities, or general Chinese).

Log-likelihood G² (Rayson & Garside 2000) with the log ratio as effect size
(Hardie 2014), over content words (:func:`helpers.text.words.is_weighable`,
stopwords removed).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
from scipy.special import chdtrc as _chi2_sf

from helpers.corpus.cities import check_city
from helpers.errors import HelpersError
from helpers.text.words import is_weighable, load_stopwords


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


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Log ratio effect size (Hardie 2014): log2 of the ratio of relative
    frequencies, with a zero frequency replaced by 0.5 so the ratio stays finite."""
    a = a if a > 0 else 0.5
    b = b if b > 0 else 0.5
    return math.log2((a / c) / (b / d))

#: What a keyness table can weigh a city against: the other cities, or general Chinese.
KEYNESS_REFERENCES = ("cities", "general")


def check_reference(against: str) -> str:
    """``against`` if it names a keyness reference, else a one-line error listing the valid ones."""
    if against not in KEYNESS_REFERENCES:
        raise HelpersError(
            f"unknown keyness reference {against!r}: use one of {', '.join(KEYNESS_REFERENCES)}"
        )
    return against


KEYNESS_COLUMNS = [
    "city",
    "token",
    "freq_target",
    "freq_reference",
    "per_10k_target",
    "per_10k_reference",
    "g2",
    "p_value",
    "log_ratio",
    "direction",
]


def keyness(
    tokens: pd.DataFrame,
    city: str | None = None,
    stopwords: Iterable[str] | None = None,
    min_freq: int = 3,
) -> pd.DataFrame:
    """Each city's words against the rest of the corpus: G² with log ratio.

    Parameters
    ----------
    tokens
        ``id``, ``city``, ``token`` (e.g. :func:`helpers.text.segment.corpus_tokens`).
    city
        One city (a HelpersError lists the valid ones if unknown); all cities if None.
    stopwords
        Words to drop before counting; by default the project stopword list.
        Punctuation, numbers and single Latin letters are always dropped.
    min_freq
        Minimum frequency of the word in the city's own text.

    Returns
    -------
    DataFrame
        ``city``, ``token``, ``freq_target`` (in the city), ``freq_reference``
        (in the other cities), ``per_10k_target`` / ``per_10k_reference`` (per
        10,000 content tokens),
        ``g2``, ``p_value`` (chi-square, 1 df), ``log_ratio``, ``direction``
        (``"over"`` if relatively more frequent in the city, else ``"under"``);
        sorted by city, then over-used words first by descending G².
    """
    all_cities = _token_cities(tokens, city)
    words = _content_words(tokens, stopwords)
    if len(all_cities) < 2:
        raise HelpersError("keyness needs at least two cities to compare; fix: add articles from another city")
    freq = words.groupby(["city", "token"]).size().unstack(fill_value=0)
    totals_all = freq.sum(axis=0)
    frames = []
    for target in [city] if city is not None else all_cities:
        if target not in freq.index:
            continue
        a = freq.loc[target]
        frames.append(_keyness_frame(target, a, totals_all - a, min_freq))
    if not frames:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def keyness_against(
    tokens: pd.DataFrame,
    reference: pd.Series,
    city: str,
    stopwords: Iterable[str] | None = None,
    min_freq: int = 3,
) -> pd.DataFrame:
    """A city's words against a fixed reference word list (e.g. general Chinese): G², log ratio.

    The same test and columns as :func:`keyness`, with ``freq_reference``
    the word's frequency in ``reference``; the reference total counts only
    content words that are not stopwords, as the city's total does.  Other
    cities' rows in ``tokens`` are ignored, so the result depends on the
    city's own text and the reference alone.

    Parameters
    ----------
    tokens
        ``city``, ``token`` (e.g. :func:`helpers.text.segment.corpus_tokens`).
    reference
        Word → frequency (e.g. :func:`helpers.text.reference.general_frequencies`).
    city
        A value of ``tokens["city"]``.
    """
    _token_cities(tokens, city)
    words = _content_words(tokens[tokens["city"] == city], stopwords)
    a = words["token"].value_counts().sort_index()
    b = _content_reference(reference, stopwords)
    return _keyness_frame(city, a, b.reindex(a.index, fill_value=0), min_freq, float(b.sum()))


def _token_cities(tokens: pd.DataFrame, city: str | None) -> list[str]:
    """The cities of ``tokens`` in order of appearance, after checking its columns and ``city``."""
    for column in ("city", "token"):
        if column not in tokens.columns:
            raise HelpersError(
                f"tokens lacks column {column!r}; fix: pass helpers.text.segment.corpus_tokens(articles)"
            )
    cities = list(dict.fromkeys(tokens["city"]))
    if city is not None:
        check_city(city, cities)
    return cities


def _stopword_set(stopwords: Iterable[str] | None) -> frozenset[str]:
    if stopwords is None:
        return load_stopwords()
    return frozenset(stopwords)


def _content_words(tokens: pd.DataFrame, stopwords: Iterable[str] | None) -> pd.DataFrame:
    """``city``, ``token`` rows of content words (no punctuation, numbers or stopwords)."""
    stop = _stopword_set(stopwords)
    words = tokens[["city", "token"]].copy()
    words["token"] = words["token"].astype(str).str.strip()
    return words[words["token"].map(is_weighable) & ~words["token"].isin(stop)]


# The last few filtered references, by identity: a word list of 350,000 entries takes
# half a second to filter, and each profile notebook asks for the same one again.
_FILTERED_REFERENCES: list[tuple[pd.Series, frozenset[str], pd.Series]] = []


def _content_reference(reference: pd.Series, stopwords: Iterable[str] | None) -> pd.Series:
    """The reference list's content words, the same filter as the city's tokens."""
    stop = _stopword_set(stopwords)
    for seen, seen_stop, filtered in _FILTERED_REFERENCES:
        if seen is reference and seen_stop == stop:
            return filtered
    keep = [is_weighable(word) and word not in stop for word in reference.index.astype(str)]
    filtered = reference[keep].astype(float)
    _FILTERED_REFERENCES[:] = [(reference, stop, filtered), *_FILTERED_REFERENCES[:2]]
    return filtered


def _keyness_frame(
    target: str, a: pd.Series, b: pd.Series, min_freq: int, d: float | None = None
) -> pd.DataFrame:
    """G² and log ratio of each word with frequency ``a`` (target) against ``b`` (reference).

    ``a`` and ``b`` share their index; the target total is ``a.sum()``, the
    reference total ``d`` (``b.sum()`` when not given).
    """
    c = float(a.sum())
    d = float(b.sum()) if d is None else d
    keep = a >= min_freq
    a, b = a[keep], b[keep]
    rows = []
    for token in a.index:
        fa, fb = float(a[token]), float(b[token])
        g2 = log_likelihood(fa, fb, c, d)
        rows.append(
            {
                "city": target,
                "token": token,
                "freq_target": int(fa),
                "freq_reference": int(fb),
                "per_10k_target": fa / c * 10_000,
                "per_10k_reference": fb / d * 10_000 if d else float("nan"),
                "g2": g2,
                "p_value": float(_chi2_sf(1, g2)),
                "log_ratio": log_ratio(fa, fb, c, d),
                "direction": "over" if fa / c > (fb / d if d else 0) else "under",
            }
        )
    frame = pd.DataFrame(rows, columns=KEYNESS_COLUMNS)
    frame["_over"] = frame["direction"] == "over"
    return frame.sort_values(["_over", "g2", "token"], ascending=[False, False, True]).drop(columns="_over")


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
