"""Contingency tables: measure × city counts and Pearson's chi-square test with its residuals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# scipy.special, not scipy.stats: the same chi-square tail at a fifth of the import time,
# which every notebook pays.
from scipy.special import chdtrc as _chi2_sf

from helpers.analysis.codebook import Codebook, load_codebook
from helpers.errors import HelpersError

SMALL_EXPECTED = 5.0

# --------------------------------------------------------------------------- cross-tabulation


def crosstab(
    evidence: pd.DataFrame,
    codebook: Codebook | None = None,
    cities: Sequence[str] | None = None,
    unit: str = "hits",
) -> pd.DataFrame:
    """Measure x city table of counts from the evidence.

    Parameters
    ----------
    evidence
        From :func:`helpers.analysis.coding.code_sentences`.
    cities
        Column order (and the cities to keep); by default cities in order of
        first appearance in ``evidence``.
    unit
        ``"hits"`` (every matched term) or ``"sentences"`` (sentences coded
        with the measure).

    Returns
    -------
    DataFrame
        Index: measure ids in codebook order; columns: cities; integer cells.
    """
    codebook = codebook or load_codebook()
    if unit not in ("hits", "sentences"):
        raise HelpersError(f"unknown unit {unit!r}; use 'hits' or 'sentences'")
    ev = evidence.drop_duplicates(["id", "sentence_no", "measure"]) if unit == "sentences" else evidence
    cities = list(cities) if cities is not None else list(dict.fromkeys(evidence["city"]))
    table = ev.groupby(["measure", "city"]).size().unstack(fill_value=0)
    table = table.reindex(index=codebook.ids, columns=cities, fill_value=0).fillna(0).astype(int)
    table.index.name = "measure"
    table.columns.name = "city"
    return table


@dataclass
class ChiSquareResult:
    """Pearson's chi-square test of independence on a measure x city table.

    Attributes
    ----------
    observed, expected, residuals, adjusted_residuals, small_expected
        Tables of the tested rows and columns (all-zero rows and columns are
        dropped before the test, and listed in ``dropped_rows`` /
        ``dropped_columns``).  ``residuals`` are Pearson residuals
        ``(O - E) / sqrt(E)``; ``adjusted_residuals`` are standardised
        (adjusted) residuals ``(O - E) / sqrt(E (1 - row/N) (1 - col/N))``,
        roughly standard normal under independence, so |r| > 1.96 marks a cell
        that departs from independence at the 5 % level.  ``small_expected``
        flags cells whose expected count is below 5.
    statistic, dof, p_value
        The test.
    """

    observed: pd.DataFrame
    expected: pd.DataFrame
    residuals: pd.DataFrame
    adjusted_residuals: pd.DataFrame
    small_expected: pd.DataFrame
    statistic: float
    dof: int
    p_value: float
    dropped_rows: list = field(default_factory=list)
    dropped_columns: list = field(default_factory=list)

    @property
    def share_small(self) -> float:
        """Share of cells with expected count below 5."""
        return float(self.small_expected.to_numpy().mean()) if self.small_expected.size else float("nan")

    @property
    def reliable(self) -> bool:
        """Cochran's rule: at most 20 % of cells with E < 5 and none with E < 1."""
        e = self.expected.to_numpy()
        return bool(e.size) and self.share_small <= 0.2 and bool((e >= 1).all())

    def cells(self) -> pd.DataFrame:
        """One row per tested cell: ``measure``, ``city``, ``observed``, ``expected``,
        ``residual``, ``adjusted_residual``, ``small_expected``."""
        frames = {
            "observed": self.observed,
            "expected": self.expected,
            "residual": self.residuals,
            "adjusted_residual": self.adjusted_residuals,
            "small_expected": self.small_expected,
        }
        long = {name: df.stack() for name, df in frames.items()}
        out = pd.DataFrame(long).reset_index()
        out.columns = ["measure", "city", *frames]
        return out


def chi_square(table: pd.DataFrame) -> ChiSquareResult:
    """Chi-square test of independence with Pearson and adjusted residuals.

    Parameters
    ----------
    table
        Counts, e.g. from :func:`crosstab` (rows measures, columns cities).
        All-zero rows and columns are dropped first (they have no expected
        count) and reported in the result.

    Returns
    -------
    ChiSquareResult
    """
    if (table.to_numpy() < 0).any():
        raise HelpersError("chi_square: counts must not be negative; fix: pass a table of counts")
    kept_rows = table.index[table.sum(axis=1) > 0]
    kept_cols = table.columns[table.sum(axis=0) > 0]
    observed = table.loc[kept_rows, kept_cols].astype(float)
    dropped_rows = [r for r in table.index if r not in kept_rows]
    dropped_cols = [c for c in table.columns if c not in kept_cols]
    o = observed.to_numpy()
    n = o.sum()
    if o.shape[0] < 2 or o.shape[1] < 2 or n == 0:
        # a single row or column has nothing to compare: no test
        nan = pd.DataFrame(np.nan, index=observed.index, columns=observed.columns)
        return ChiSquareResult(
            observed=observed.astype(int),
            expected=nan,
            residuals=nan.copy(),
            adjusted_residuals=nan.copy(),
            small_expected=pd.DataFrame(False, index=observed.index, columns=observed.columns),
            statistic=float("nan"),
            dof=0,
            p_value=float("nan"),
            dropped_rows=dropped_rows,
            dropped_columns=dropped_cols,
        )
    row = o.sum(axis=1, keepdims=True)
    col = o.sum(axis=0, keepdims=True)
    e = row @ col / n
    pearson = (o - e) / np.sqrt(e)
    adjusted = (o - e) / np.sqrt(e * (1 - row / n) * (1 - col / n))
    statistic = float((pearson**2).sum())
    dof = (o.shape[0] - 1) * (o.shape[1] - 1)
    p_value = float(_chi2_sf(dof, statistic))

    def frame(values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=observed.index, columns=observed.columns)

    return ChiSquareResult(
        observed=observed.astype(int),
        expected=frame(e),
        residuals=frame(pearson),
        adjusted_residuals=frame(adjusted),
        small_expected=frame(e < SMALL_EXPECTED),
        statistic=statistic,
        dof=dof,
        p_value=p_value,
        dropped_rows=dropped_rows,
        dropped_columns=dropped_cols,
    )

