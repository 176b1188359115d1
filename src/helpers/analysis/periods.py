"""Periods: articles grouped by the year they were published, for comparing years as groups of articles."""

from __future__ import annotations

import math
import re

import pandas as pd


def publication_year(published: object) -> int | None:
    """The year of an ISO ``YYYY-MM-DD`` (or ``YYYY``...) date, None if unknown."""
    if published is None or (isinstance(published, float) and math.isnan(published)):
        return None
    match = re.match(r"^(\d{4})", str(published))
    return int(match.group(1)) if match else None


def articles_by_year(articles: pd.DataFrame) -> pd.DataFrame:
    """The dated articles with a ``year`` column (the year as text, e.g. ``"2020"``), earliest year first.

    An article's year is the year of its ``published`` date, whether the date
    was printed or set in the manual metadata.  Articles without one are left
    out: their ids are in ``attrs["left_out"]``.
    """
    years = articles["published"].map(publication_year)
    dated = articles[years.notna()].assign(year=years[years.notna()].astype(int).astype(str))
    dated = dated.sort_values(["year", "id"], kind="stable").reset_index(drop=True)
    dated.attrs["left_out"] = sorted(articles.loc[years.isna(), "id"])
    return dated
