"""Keyword in context: every occurrence of a term with the characters around it (as in AntConc)."""

from __future__ import annotations

import pandas as pd

from helpers.errors import HelpersError
from helpers.script import to_simplified

KWIC_COLUMNS = ["id", "city", "start", "end", "left", "keyword", "right"]


def kwic(articles: pd.DataFrame, term: str, width: int = 10) -> pd.DataFrame:
    """Keyword-in-context concordance of ``term`` in the articles' normalised text.

    Parameters
    ----------
    articles
        ``id``, ``city``, ``text``.
    term
        Matched as a substring of the normalised (Simplified) text; a term
        typed in Traditional script is converted first.
    width
        Characters of context on each side (context may cross sentences, as
        in AntConc; line breaks are shown as spaces).

    Returns
    -------
    DataFrame
        ``id``, ``city``, ``start``, ``end`` (offsets of the term in ``text``),
        ``left``, ``keyword``, ``right``; in article and text order.
    """
    if not term or not term.strip():
        raise HelpersError("kwic: empty search term; fix: give a word, e.g. 核酸")
    if width < 0:
        raise HelpersError(f"kwic: width {width} is negative; fix: give 0 or more characters")
    term = to_simplified(term.strip())
    rows = []
    for article in articles.itertuples(index=False):
        text = article.text
        pos = text.find(term)
        while pos != -1:
            end = pos + len(term)
            rows.append(
                {
                    "id": article.id,
                    "city": article.city,
                    "start": pos,
                    "end": end,
                    "left": text[max(0, pos - width) : pos].replace("\n", " "),
                    "keyword": text[pos:end],
                    "right": text[end : end + width].replace("\n", " "),
                }
            )
            pos = text.find(term, pos + 1)
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)

