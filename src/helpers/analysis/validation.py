"""Validation of the coding against human coding: precision, recall, F1, specificity, Krippendorff's alpha.

A gold file codes articles by hand, per measure, at the article level (does
the article describe the measure being carried out?)::

    articles:
      <article id>:
        measures: {<measure id>: 1 | 0 | "?", ...}
        <any other key>: ...          # notes, coder, etc. are allowed and ignored

Cells coded ``"?"`` (the coders could not agree or decide) and measures a
gold article does not list are left out of every figure.  The coding's
article-level presence is "at least one counted hit in the article".
Krippendorff's alpha (nominal) treats the coding and the gold as two coders,
computed by the ``krippendorff`` package.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field

from helpers import schema
from helpers.analysis.codebook import Codebook

VALIDATION_COLUMNS = ["measure", "articles", "tp", "fp", "fn", "tn", "precision", "recall", "f1",
                      "specificity", "alpha"]
#: The row of :func:`validation_table` that pools every measure.
OVERALL = "all"

GoldValue = Literal[0, 1, "?"]


class GoldArticle(schema.Section):
    """One hand-coded article: a value per measure; any other key (notes, coder …) is allowed."""

    model_config = schema.Section.model_config | {"extra": "allow"}

    measures: dict[str, GoldValue] = Field(min_length=1)


class GoldFile(schema.Section):
    """A gold file: hand-coded articles by id."""

    model_config = schema.Section.model_config | {"extra": "allow"}
    entry_nouns = {"articles": "article"}

    articles: dict[str, GoldArticle] = Field(min_length=1)


def load_gold(path: str | Path, codebook: Codebook) -> pd.DataFrame:
    """The gold file as one row per coded cell: ``id``, ``measure``, ``gold`` (0, 1, or NaN for ``"?"``).

    Raises
    ------
    HelpersError
        ``{file}, line N: problem; fix: …`` for a malformed file or a measure the codebook does not have.
    """
    path = Path(path)
    data, lines = schema.read_yaml(path)
    gold = schema.validate(data, GoldFile, lines, path.name)
    known = set(codebook.ids)
    rows = []
    for article_id, article in gold.articles.items():
        for measure, value in article.measures.items():
            if measure not in known:
                line = lines.get(("articles", article_id, "measures", measure), 1)
                raise schema.data_error(path.name, line, f"unknown measure {measure!r} in article {article_id!r}",
                                        f"use one of: {', '.join(codebook.ids)}")
            rows.append((str(article_id), measure, math.nan if value == "?" else float(value)))
    return pd.DataFrame(rows, columns=["id", "measure", "gold"])


def presence(articles: pd.DataFrame, evidence: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Article-level coding: one row per article and measure, ``coded`` 1 when the article has a counted hit."""
    hit = set(zip(evidence["id"].astype(str), evidence["measure"]))
    rows = [(str(article_id), measure, float((str(article_id), measure) in hit))
            for article_id in articles["id"] for measure in codebook.ids]
    return pd.DataFrame(rows, columns=["id", "measure", "coded"])


def compare(coded: pd.DataFrame, gold: pd.DataFrame, measures: Iterable[str]) -> pd.DataFrame:
    """Per measure and overall: confusion counts, precision, recall, F1, specificity and alpha.

    Parameters
    ----------
    coded : DataFrame
        ``id``, ``measure``, ``coded`` (0/1), e.g. :func:`presence`; or a second gold file's cells
        renamed to ``coded``, to compare two human readings.
    gold : DataFrame
        ``id``, ``measure``, ``gold`` (0/1/NaN), e.g. :func:`load_gold`.
    measures : iterable of str
        Measure ids in report order.

    Returns
    -------
    DataFrame
        Columns :data:`VALIDATION_COLUMNS`; one row per measure, then :data:`OVERALL`.
        A ratio whose denominator is zero is NaN; so is alpha when the cells
        show no variation at all.
    """
    cells = gold.merge(coded, on=["id", "measure"], how="inner")
    cells = cells[cells["gold"].notna() & cells["coded"].notna()]
    rows = [_scores(measure, cells[cells["measure"] == measure]) for measure in measures]
    rows.append(_scores(OVERALL, cells))
    return pd.DataFrame(rows, columns=VALIDATION_COLUMNS)


def _scores(label: str, cells: pd.DataFrame) -> dict[str, object]:
    gold = cells["gold"].to_numpy(dtype=float)
    coded = cells["coded"].to_numpy(dtype=float)
    tp = int(((coded == 1) & (gold == 1)).sum())
    fp = int(((coded == 1) & (gold == 0)).sum())
    fn = int(((coded == 0) & (gold == 1)).sum())
    tn = int(((coded == 0) & (gold == 0)).sum())
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    return {
        "measure": label, "articles": len(cells), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": precision, "recall": recall, "f1": f1, "specificity": _ratio(tn, tn + fp),
        "alpha": _alpha(coded, gold),
    }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


def _alpha(coded: np.ndarray, gold: np.ndarray) -> float:
    """Krippendorff's alpha, nominal, the two codings as two coders; NaN where it is undefined."""
    import krippendorff

    values = np.concatenate([coded, gold])
    if len(coded) == 0 or len(np.unique(values)) < 2:
        return math.nan  # no disagreement is possible: alpha is 0/0
    return float(krippendorff.alpha(reliability_data=np.vstack([coded, gold]), level_of_measurement="nominal"))


def gold_as_coding(gold: pd.DataFrame) -> pd.DataFrame:
    """A gold file's cells in the shape of :func:`presence` (``coded``), to compare two human readings."""
    return gold.rename(columns={"gold": "coded"})


# --------------------------------------------------------------------------- validation sets


@dataclass(frozen=True)
class Agreement:
    """How two hand codings of the same articles agree: on the cells both decided, and how many one left open."""

    decided: int  # cells both codings decided (1 or 0)
    agreed: int  # of those, cells with the same value
    undecided: int  # cells either coding left "?"


def agreement(first: pd.DataFrame, second: pd.DataFrame) -> Agreement:
    """Cell-by-cell agreement of two gold files' cells (:func:`load_gold`), on the cells both list."""
    cells = first.merge(second, on=["id", "measure"], how="inner", suffixes=("_a", "_b"))
    decided = cells["gold_a"].notna() & cells["gold_b"].notna()
    agreed = decided & (cells["gold_a"] == cells["gold_b"])
    return Agreement(int(decided.sum()), int(agreed.sum()), int((~decided).sum()))


def validate_articles(articles_dir: str | Path, gold: str | Path) -> pd.DataFrame:
    """Code the articles of a folder (a seeds folder) and compare with its gold file: :func:`compare`'s table.

    For a validation set such as the held-out articles (``articles/`` beside
    ``gold.yaml``); the folder is only read.
    """
    from helpers.analysis.facade import analyse

    analysis = analyse(articles_dir)
    gold_cells = load_gold(gold, analysis.codebook)
    return compare(presence(analysis.articles, analysis.evidence, analysis.codebook), gold_cells,
                   analysis.codebook.ids)
