"""Comparing groups of articles (cities, years) with statistics the sample can carry.

The unit is the article: a group "has" a measure in as many articles as
describe it at least once.  :func:`group_presence` gives, per group and
measure, the articles, the articles with the measure and the sentences coded
with it (emphasis), always with the group's n.  :func:`compare_groups` tests
whether the share of articles describing a measure differs between groups —
one test per measure (chi-square on the group × has/lacks table, Fisher's
exact test for a 2 × 2 table with small expected counts), p-values corrected
for the number of measures tested (Benjamini–Hochberg, scipy), Cramér's V as
the effect size and adjusted standardized residuals per cell — but only when
every group has at least ``min_articles_per_group`` articles
(``data/statistics.yaml``).  Otherwise the result says it is descriptive, why,
and how many articles each group would need.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
from pydantic import Field

from helpers import paths, schema
from helpers.errors import HelpersError

STATISTICS_FILE = "statistics.yaml"
PRESENCE_COLUMNS = ["group", "measure", "articles", "with_measure", "share", "sentences", "group_sentences"]
TEST_COLUMNS = ["measure", "test", "statistic", "dof", "p_value", "p_adjusted", "cramers_v", "significant"]


class StatisticsFile(schema.Section):
    """The schema of ``data/statistics.yaml``; every key is described in ``data/defaults.yaml``."""

    min_articles_per_group: Annotated[int, Field(ge=2)]
    significance: Annotated[float, Field(gt=0, lt=1)]


@dataclass(frozen=True)
class StatisticsSettings:
    """When a comparison is tested (every group has ``min_articles_per_group`` articles) and at which level."""

    min_articles_per_group: int = 5
    significance: float = 0.05


def load_statistics(path: str | Path | None = None) -> StatisticsSettings:
    """The validated settings of ``data/statistics.yaml`` (or another file in its format)."""
    if path is None:
        return _shipped_statistics()
    model = schema.load(Path(path), StatisticsFile)
    return StatisticsSettings(model.min_articles_per_group, model.significance)


@functools.lru_cache(maxsize=1)
def _shipped_statistics() -> StatisticsSettings:
    model = schema.load(paths.data_file(STATISTICS_FILE), StatisticsFile)
    return StatisticsSettings(model.min_articles_per_group, model.significance)


def group_presence(
    articles: pd.DataFrame,
    sentences: pd.DataFrame | pd.Series,
    evidence: pd.DataFrame,
    measures: Sequence[str],
    by: str = "city",
) -> pd.DataFrame:
    """Per group and measure: articles, articles describing the measure, their share, sentences coded with it.

    Parameters
    ----------
    articles : DataFrame
        ``id`` and the grouping column ``by``; every article counts in its group, with or without hits.
    sentences : DataFrame or Series
        ``id`` of every sentence, or the number of sentences of each article (indexed by ``id``): the
        group's sentences are the denominator of the emphasis figures.
    evidence : DataFrame
        ``id``, ``measure``, ``sentence_no``: counted hits.
    measures : sequence of str
        Measure ids, in report order.
    by : str
        The column of ``articles`` that names the group (``city``, or a year column).

    Returns
    -------
    DataFrame
        :data:`PRESENCE_COLUMNS`, groups in order of first appearance, measures in the given order:
        ``articles`` (n of the group), ``with_measure`` (articles with at least one hit),
        ``share`` (with_measure / articles), ``sentences`` (sentences coded with the measure,
        each once however many terms it has), ``group_sentences`` (all sentences of the group).
    """
    counts = sentences if isinstance(sentences, pd.Series) else sentences["id"].value_counts()
    return presence_of_counts(articles, counts, article_measures(evidence, measures), measures, by=by)


def article_measures(evidence: pd.DataFrame, measures: Sequence[str]) -> pd.DataFrame:
    """Sentences coded with each measure in each article: index ``id`` (articles with a hit), one column per measure.

    What :func:`presence_of_counts` needs of the evidence; summed batch by batch for a large corpus.
    """
    coded = evidence[["id", "sentence_no", "measure"]].drop_duplicates()
    table = coded.groupby(["id", "measure"]).size().unstack(fill_value=0) if len(coded) else pd.DataFrame()
    table = table.reindex(columns=list(measures), fill_value=0).fillna(0).astype("int64")
    table.index.name, table.columns.name = "id", None
    return table


def presence_of_counts(
    articles: pd.DataFrame,
    sentences: pd.Series,
    coded: pd.DataFrame,
    measures: Sequence[str],
    by: str = "city",
) -> pd.DataFrame:
    """:func:`group_presence` from per-article counts: what a stored corpus gives without reading every sentence.

    Parameters
    ----------
    articles : DataFrame
        ``id`` and the grouping column ``by``.
    sentences : Series
        Sentences of each article, indexed by ``id`` (an article missing has none).
    coded : DataFrame
        Sentences coded with each measure per article (:func:`article_measures`), indexed by ``id``.
    """
    if by not in articles.columns:
        raise HelpersError(f"articles lack the grouping column {by!r}; fix: add it or group by city")
    groups = list(dict.fromkeys(articles[by]))
    n_articles = articles.groupby(by, sort=False)["id"].nunique()
    unique = articles.drop_duplicates("id")
    group_of = unique[by].to_numpy()
    per_article = coded.reindex(index=unique["id"], columns=list(measures), fill_value=0).fillna(0)
    per_article.index = group_of
    coded_sentences = per_article.groupby(level=0, sort=False).sum()
    with_measure = (per_article > 0).groupby(level=0, sort=False).sum()
    n_sentences = pd.Series(sentences.reindex(unique["id"], fill_value=0).to_numpy(), index=group_of)
    n_sentences = n_sentences.groupby(level=0, sort=False).sum()
    rows = []
    for group in groups:
        n = int(n_articles[group])
        for measure in measures:
            k = int(with_measure.at[group, measure]) if group in with_measure.index else 0
            rows.append((group, measure, n, k, k / n if n else math.nan,
                         int(coded_sentences.at[group, measure]) if group in coded_sentences.index else 0,
                         int(n_sentences.get(group, 0))))
    return pd.DataFrame(rows, columns=PRESENCE_COLUMNS)


@dataclass
class GroupComparison:
    """The outcome of :func:`compare_groups`: tests when the sample allows them, else why not.

    Attributes
    ----------
    tested : bool
        Whether any test was run.
    reason : str or None
        Why not (a catalogue key under ``stats.``), when not tested.
    groups : dict
        Group -> its number of articles.
    needed : int
        Articles each group needs before a test is run.
    tests : DataFrame
        :data:`TEST_COLUMNS`, one row per measure tested (empty when not tested).
    residuals : DataFrame
        Adjusted standardized residuals, measure × group, of the has/lacks tables (empty when not tested).
    significance : float
        The level the adjusted p-values are read at; it also sets :attr:`threshold`.
    left_out : dict
        Articles kept out of every group, by reason (a catalogue key under ``stats.``) -> how many.
    """

    tested: bool
    reason: str | None
    groups: dict[str, int]
    needed: int
    tests: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=TEST_COLUMNS))
    residuals: pd.DataFrame = field(default_factory=pd.DataFrame)
    significance: float = 0.05
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def short_groups(self) -> dict[str, int]:
        """Groups with fewer articles than a test needs, and how many each has."""
        return {g: n for g, n in self.groups.items() if n < self.needed}

    @property
    def threshold(self) -> float:
        """The one cut-off for residuals: the two-sided normal quantile of ``significance`` (1.96 at 0.05)."""
        from scipy.special import ndtri

        return float(-ndtri(self.significance / 2))

    def notable_cells(self) -> pd.DataFrame:
        """Cells worth naming: in a measure that differs after correction, residual beyond ±:attr:`threshold`.

        Returns
        -------
        DataFrame
            ``measure``, ``group``, ``residual`` (adjusted standardized), measures in test order,
            groups in their order; empty when nothing was tested or nothing differs.
        """
        columns = ["measure", "group", "residual"]
        if not self.tested or self.tests.empty:
            return pd.DataFrame(columns=columns)
        rows = []
        for measure in self.tests.loc[self.tests["significant"].astype(bool), "measure"]:
            for group, residual in self.residuals.loc[measure].items():
                if abs(residual) > self.threshold:
                    rows.append((measure, group, float(residual)))
        return pd.DataFrame(rows, columns=columns)


def compare_groups(presence: pd.DataFrame, settings: StatisticsSettings | None = None) -> GroupComparison:
    """Test, per measure, whether the share of articles describing it differs between the groups.

    Parameters
    ----------
    presence : DataFrame
        From :func:`group_presence` (``group``, ``measure``, ``articles``, ``with_measure``).
    settings : StatisticsSettings, optional
        Default: ``data/statistics.yaml``.

    Returns
    -------
    GroupComparison
        Not tested (``reason`` ``stats.no_group``, ``stats.one_group`` or ``stats.too_few_articles``)
        when there are fewer than two groups or a group has fewer articles than the settings require;
        otherwise one row per measure with at least one article having it and one lacking it.
    """
    from scipy.stats import chi2_contingency, false_discovery_control, fisher_exact

    settings = settings or load_statistics()
    groups = presence.drop_duplicates("group").set_index("group")["articles"].astype(int).to_dict()
    needed = settings.min_articles_per_group
    if len(groups) < 2:
        reason = "stats.one_group" if groups else "stats.no_group"
        return GroupComparison(False, reason, groups, needed, significance=settings.significance)
    if min(groups.values()) < needed:
        return GroupComparison(False, "stats.too_few_articles", groups, needed, significance=settings.significance)
    rows, residuals = [], {}
    for measure, table in presence.groupby("measure", sort=False):
        has = table["with_measure"].to_numpy(dtype=float)
        lacks = table["articles"].to_numpy(dtype=float) - has
        observed = np.column_stack([has, lacks])
        if has.sum() == 0 or lacks.sum() == 0:
            continue  # every article alike: nothing to compare
        chi2, p_value, dof, expected = chi2_contingency(observed, correction=False)
        test = "chi-square"
        if observed.shape == (2, 2) and (expected < 5).any():
            _, p_value = fisher_exact(observed)
            test = "Fisher exact"
        n = observed.sum()
        rows.append((measure, test, float(chi2), int(dof), float(p_value), math.nan,
                     math.sqrt(chi2 / (n * (min(observed.shape) - 1))), False))
        residuals[measure] = pd.Series(_adjusted_residuals(observed)[:, 0], index=list(table["group"]))
    tests = pd.DataFrame(rows, columns=TEST_COLUMNS)
    if len(tests):
        tests["p_adjusted"] = false_discovery_control(tests["p_value"].to_numpy(), method="bh")
        tests["significant"] = tests["p_adjusted"] < settings.significance
    return GroupComparison(True, None, groups, needed, tests, pd.DataFrame(residuals).T, settings.significance)


def _adjusted_residuals(observed: np.ndarray) -> np.ndarray:
    """(O − E) / sqrt(E (1 − row/N) (1 − col/N)): roughly standard normal under independence."""
    n = observed.sum()
    row = observed.sum(axis=1, keepdims=True)
    col = observed.sum(axis=0, keepdims=True)
    expected = row @ col / n
    with np.errstate(divide="ignore", invalid="ignore"):
        return (observed - expected) / np.sqrt(expected * (1 - row / n) * (1 - col / n))


def share_text(k: int, n: int) -> str:
    """A share as the denominator supports it: ``k/n`` below 20 articles, else a whole percent."""
    if n < 20:
        return f"{k}/{n}"
    return f"{round(100 * k / n)}%"


def rate_decimals(denominator: int, per: int = 100) -> int:
    """Decimals a rate per ``per`` can honestly show: one step of the rate is ``per / denominator``."""
    if denominator <= 0:
        return 0
    step = per / denominator
    return max(0, -math.floor(math.log10(step)))
