"""Periods: the measures of one year's articles against another's."""

from __future__ import annotations

import math
import re

import pandas as pd

from helpers.analysis.codebook import Codebook, load_codebook
from helpers.analysis.keyness import log_likelihood, log_ratio
from helpers.errors import HelpersError

YEAR_COLUMNS_TEMPLATE = ["measure", "name_zh", "name_en"]


def publication_year(published: object) -> int | None:
    """The year of an ISO ``YYYY-MM-DD`` (or ``YYYY``...) date, None if unknown."""
    if published is None or (isinstance(published, float) and math.isnan(published)):
        return None
    match = re.match(r"^(\d{4})", str(published))
    return int(match.group(1)) if match else None


def compare_years(
    articles: pd.DataFrame,
    evidence: pd.DataFrame,
    codebook: Codebook | None = None,
    years: tuple[int, int] = (2020, 2022),
) -> pd.DataFrame:
    """Measures in one year's articles against another's (by year of ``published``).

    Articles without a publication date, or from other years, are left out.

    Returns
    -------
    DataFrame
        One row per measure (codebook order): ``measure``, ``name_zh``,
        ``name_en``, then for each year Y ``hits_Y``, ``articles_Y`` (articles of
        that year mentioning the measure), ``per_10k_Y`` (hits per 10,000
        characters of that year's articles); then ``log_ratio`` (second year
        over first) and ``g2`` (log-likelihood of the difference).
        ``attrs["n_chars"]`` holds each year's characters and
        ``attrs["left_out"]`` the ids of articles left out.
    """
    codebook = codebook or load_codebook()
    if len(years) != 2 or years[0] == years[1]:
        raise HelpersError(f"compare_years: need two different years, got {years!r}")
    year_of = {row.id: publication_year(row.published) for row in articles.itertuples(index=False)}
    left_out = sorted(aid for aid, y in year_of.items() if y not in years)
    chars = {y: int(articles.loc[articles["id"].map(year_of) == y, "n_chars"].sum()) for y in years}
    ev = evidence.assign(year=evidence["id"].map(year_of))
    rows = []
    for mid in codebook.ids:
        row: dict[str, object] = {
            "measure": mid,
            "name_zh": codebook.name(mid, "zh"),
            "name_en": codebook.name(mid, "en"),
        }
        hits = {}
        for y in years:
            sel = ev[(ev["measure"] == mid) & (ev["year"] == y)]
            hits[y] = len(sel)
            row[f"hits_{y}"] = len(sel)
            row[f"articles_{y}"] = int(sel["id"].nunique())
            row[f"per_10k_{y}"] = len(sel) / chars[y] * 10_000 if chars[y] else float("nan")
        y0, y1 = years
        if chars[y0] and chars[y1] and hits[y0] + hits[y1] > 0:
            row["log_ratio"] = log_ratio(hits[y1], hits[y0], chars[y1], chars[y0])
            row["g2"] = log_likelihood(hits[y1], hits[y0], chars[y1], chars[y0])
        else:
            row["log_ratio"] = float("nan")
            row["g2"] = float("nan")
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs["n_chars"] = chars
    out.attrs["left_out"] = left_out
    return out
