"""Tables of vocabulary: frequent words, the words distinctive of a city, and the names left out."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.keyness import check_reference, distinctive_words, reference_of
from helpers.catalogue import text
from helpers.params import check_count
from helpers.report.names import city_name
from helpers.report.tables.common import localise
from helpers.text.words import word_filter


def word_table(counts: pd.Series, lang: str, top: int = 20):
    """The most frequent words (``counts``: word → count, as :meth:`helpers.analysis.Analysis.token_counts`)."""
    frame = counts.head(check_count(top, "top_words")).rename_axis("token").reset_index(name="count")
    return localise(frame, lang)


def _shown(keyness: pd.DataFrame) -> pd.DataFrame:
    """The over-used rows whose word the project's one word filter keeps, strongest first."""
    keep = word_filter()
    rows = distinctive_words(keyness)
    return rows[rows["token"].map(keep.keeps)]


def _per_million(row: pd.Series) -> str:
    """The reference rate per million words; "≤ x" where it is an upper bound from the word's parts."""
    value = f"{float(row['per_10k_reference']) * 100:.2f}"
    return f"≤ {value}" if bool(row.get("reference_bound", False)) else value


def keyness_table(keyness: pd.DataFrame, lang: str, top: int = 15, against: str | None = None):
    """The city's distinctive words: the words the keyness chart and cloud show, with their figures.

    Columns: the word, its frequency in the city and the number of the
    city's articles using it, its frequency in the reference (the other
    cities' count; against general Chinese its rate per million words of
    the reference list, "≤" where that is an upper bound), the smoothed log
    ratio and G².  ``against`` defaults to the table's own ``reference``.
    """
    check_count(top, "top_words")
    against = reference_of(keyness, check_reference(against))
    over = _shown(keyness).head(top)
    if against == "general":
        frame = over[["token", "freq_target", "articles_target"]].copy()
        frame["per_million_general"] = [_per_million(row) for _, row in over.iterrows()]
    else:
        frame = over[["token", "freq_target", "articles_target", "freq_reference"]].copy()
    frame["log_ratio"] = over["log_ratio"].round(2)
    frame["g2"] = over["g2"].round(2)
    return localise(frame.reset_index(drop=True), lang)


def distinctive_by_city(keyness: pd.DataFrame, lang: str, top: int = 8):
    """The ``top`` most distinctive words of every city, one row per city, with its articles and reference.

    A city weighed against general Chinese overuses the words all epidemic
    coverage shares; those the table lists once, in a last row, for the
    words two or more such cities overuse, and each city's row keeps the
    words characteristic of it alone.  A city weighed against the other
    cities lists its words as they come.
    """
    check_count(top, "top_words")
    shown = _shown(keyness)
    general = shown[shown["reference"] == "general"] if "reference" in shown.columns else shown.iloc[0:0]
    spread = general.groupby("token")["city"].nunique()
    shared = set(spread[spread >= 2].index)
    rows = []
    for city in dict.fromkeys(keyness["city"]):
        group = shown[shown["city"] == city]
        reference = str(group["reference"].iloc[0]) if len(group) and "reference" in group else "cities"
        if reference == "general":
            group = group[~group["token"].isin(shared)]
        meta = keyness[keyness["city"] == city]
        rows.append({
            "city": city_name(city, lang),
            "group_articles": int(meta["group_articles"].iloc[0]) if "group_articles" in meta and len(meta) else "—",
            "reference": text(f"vocabulary.reference_{reference}", lang),
            "token": "、".join(group["token"].head(top)) or "—",
        })
    if shared:
        strength = general[general["token"].isin(shared)].groupby("token")["g2"].sum()
        order = strength.sort_index().sort_values(ascending=False, kind="mergesort").index
        rows.append({"city": text("vocabulary.shared_row", lang), "group_articles": "",
                     "reference": text("vocabulary.reference_general", lang),
                     "token": "、".join(order[:top])})
    return localise(pd.DataFrame(rows, columns=["city", "group_articles", "reference", "token"]), lang)


def left_out_words(left_out: pd.DataFrame, lang: str, top: int = 30):
    """The place and person names left out of the vocabulary, one row per reason: "洮北区 (4)、长庆 (2) …".

    ``left_out``: ``reason``, ``token``, ``count``, as
    :meth:`helpers.analysis.Analysis.left_out_words`.
    """
    check_count(top, "top_words")
    rows = []
    for reason, group in left_out.groupby("reason", sort=False):
        words = [f"{token} ({count})" for token, count in zip(group["token"], group["count"])]
        more = len(words) - top
        listed = "、".join(words[:top]) + (text("vocabulary.and_more", lang, n=more) if more > 0 else "")
        rows.append({"reason": text(f"vocabulary.left_out_{reason}", lang), "token": listed})
    return localise(pd.DataFrame(rows, columns=["reason", "token"]), lang)
