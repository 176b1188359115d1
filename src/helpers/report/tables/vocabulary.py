"""Tables of vocabulary: frequent words and the words distinctive of a city."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.keyness import check_reference
from helpers.params import check_count
from helpers.report.names import city_name
from helpers.report.tables.common import downloadable, localise
from helpers.text.words import is_displayable


@downloadable("frequent-words")
def word_table(counts: pd.Series, lang: str, top: int = 20):
    """The most frequent words."""
    frame = counts.head(check_count(top, "top_words")).rename_axis("token").reset_index(name="count")
    return localise(frame, lang)


@downloadable("keyness-{against}")
def keyness_table(keyness: pd.DataFrame, lang: str, top: int = 15, against: str = "cities"):
    """The city's distinctive words (overused against the other cities, or general Chinese).

    The same words as the keyness chart and cloud: two or more Han characters
    (single characters are mostly fragments such as 防 or 新).  Against
    general Chinese the reference column is the word's rate per million
    words in the reference list, not its raw count in a list of tens of
    millions of words.
    """
    check_reference(against)
    check_count(top, "top_words")
    over = keyness[(keyness["direction"] == "over") & keyness["token"].map(is_displayable)].head(top)
    if against == "general":
        frame = over[["token", "freq_target", "per_10k_reference", "g2", "log_ratio"]].copy()
        frame["per_10k_reference"] = frame["per_10k_reference"] * 100
        frame = frame.rename(columns={"per_10k_reference": "per_million_general"})
    else:
        frame = over[["token", "freq_target", "freq_reference", "g2", "log_ratio"]]
    return localise(frame.round(2).reset_index(drop=True), lang)


@downloadable("distinctive-words")
def distinctive_by_city(keyness: pd.DataFrame, lang: str, top: int = 8):
    """The ``top`` most distinctive words of every city, one row per city."""
    rows = []
    shown = keyness[(keyness["direction"] == "over") & keyness["token"].map(is_displayable)]
    for city, group in shown.groupby("city", sort=False):
        words = "、".join(group.sort_values("g2", ascending=False, kind="mergesort")["token"].head(top))
        rows.append({"city": city_name(city, lang), "token": words or "—"})
    return localise(pd.DataFrame(rows, columns=["city", "token"]), lang)

