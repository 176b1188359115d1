"""Statistics that compare cities: cross-tabulation with chi-square, keyness,
co-occurrence of measures, KWIC concordance, and 2020 vs 2022.

Every function takes the corpus tables (articles, sentences, tokens, evidence)
and returns a DataFrame with documented columns; nothing here reads files.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
# scipy.special, not scipy.stats: the same chi-square tail at a fifth of the import time,
# which every notebook pays.
from scipy.special import chdtrc as _chi2_sf

from helpers.errors import HelpersError
from helpers.measures import Codebook, load_codebook

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
        From :func:`helpers.measures.code_sentences`.
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

    def summary(
        self,
        lang: str = "en",
        names: dict[str, str] | None = None,
        city_names: dict[str, str] | None = None,
    ) -> str:
        """A plain-language paragraph: what the test asks, its result, and where counts are too small.

        ``names`` maps measure ids to display names (e.g. ``codebook.names(lang)``),
        ``city_names`` cities to display names (e.g. English ones).
        """
        city_names = city_names or {}
        if lang not in ("zh", "en"):
            raise HelpersError(f"unknown language {lang!r}; use 'zh' or 'en'")
        names = names or {}
        n_cells = int(self.small_expected.size)
        n_small = int(self.small_expected.to_numpy().sum())
        # measures too rare to compare anywhere: every one of their cells is too small
        small_measures = [
            names.get(m, m) for m in self.small_expected.index if bool(self.small_expected.loc[m].all())
        ]
        strong = self.cells()
        strong = strong[(strong["adjusted_residual"].abs() > 1.96) & ~strong["small_expected"]]
        if lang == "en":
            text = (
                "The chi-square test asks whether the mix of measures differs between cities more than "
                "chance would explain if every city described measures in the same proportions. "
                f"Result: chi-square = {self.statistic:.2f} with {self.dof} degrees of freedom, p = {self.p_value:.3g}. "
            )
            if n_cells == 0 or math.isnan(self.statistic):
                return text + "It needs at least two measures and two cities with mentions, so there is nothing to test."
            if self.reliable:
                text += "Expected counts are large enough for the test to be read at face value. "
            else:
                text += (
                    f"{n_small} of {n_cells} cells ({n_small / n_cells:.0%}) have expected counts below 5, "
                    "so the p-value is not trustworthy: treat the table as description, not as a test"
                )
                text += (
                    f"; {', '.join(small_measures)} {'is' if len(small_measures) == 1 else 'are'} "
                    "mentioned too rarely to compare cities at all. "
                    if small_measures
                    else ". "
                )
            text += (
                "Counts are mentions, and mentions within one article are not independent, "
                "so even a small p-value says more about these articles than about the cities. "
            )
            if len(strong):
                parts = [
                    f"{names.get(r.measure, r.measure)} in {city_names.get(r.city, r.city)} ({'more' if r.adjusted_residual > 0 else 'less'} than expected)"
                    for r in strong.itertuples()
                ]
                text += "Cells that stand out (adjusted residual beyond ±1.96, enough data): " + "; ".join(parts) + "."
            return text.strip()
        text = (
            "卡方检验回答的问题是：如果各城市报道各项措施的比例相同，各城市之间措施构成的差异是否超出偶然所能解释的范围。"
            f"结果：卡方值 = {self.statistic:.2f}，自由度 {self.dof}，p = {self.p_value:.3g}。"
        )
        if n_cells == 0 or math.isnan(self.statistic):
            return text + "检验至少需要两项有提及的措施和两个有提及的城市，因此无从检验。"
        if self.reliable:
            text += "期望频数足够大，检验结果可以直接解读。"
        else:
            text += (
                f"{n_cells} 个单元格中有 {n_small} 个（{n_small / n_cells:.0%}）期望频数小于 5，"
                "p 值不可靠：这张表只能作描述，不能作为检验结论"
            )
            text += f"；{'、'.join(small_measures)}的提及太少，根本无法比较城市。" if small_measures else "。"
        text += "计数是提及次数，同一篇文章内的提及并不相互独立，因此即使 p 值很小，它说明的更多是这几篇文章而不是城市本身。"
        if len(strong):
            parts = [
                f"{names.get(r.measure, r.measure)}在{city_names.get(r.city, r.city)}{'高于' if r.adjusted_residual > 0 else '低于'}期望"
                for r in strong.itertuples()
            ]
            text += "突出的单元格（调整残差绝对值大于 1.96 且数据充足）：" + "；".join(parts) + "。"
        return text


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


# --------------------------------------------------------------------------- keyness


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


_NUMBER = re.compile(r"^[0-9０-９.,，．%％]+$")


def _is_content_token(token: str) -> bool:
    """A word worth weighing: not blank, punctuation, a number or a single Latin letter."""
    if token.isalnum() and not token.isascii():
        # The common case (Chinese words) without a per-character lookup: every
        # character is a letter or a number, and it is not a single Latin letter.
        return not _NUMBER.match(token)
    token = token.strip()
    if not token or _NUMBER.match(token):
        return False
    if not any(unicodedata.category(ch)[0] in ("L", "N") for ch in token):
        return False
    if len(token) == 1 and token.isascii() and token.isalpha():
        return False
    return True


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
        ``id``, ``city``, ``token`` (e.g. :func:`helpers.segment.corpus_tokens`).
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
        ``city``, ``token`` (e.g. :func:`helpers.segment.corpus_tokens`).
    reference
        Word → frequency (e.g. :func:`helpers.reference.general_frequencies`).
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
            raise HelpersError(f"tokens lacks column {column!r}; fix: pass helpers.segment.corpus_tokens(articles)")
    cities = list(dict.fromkeys(tokens["city"]))
    if city is not None and city not in cities:
        raise HelpersError(f"unknown city {city!r}; valid cities: {', '.join(cities)}")
    return cities


def _stopword_set(stopwords: Iterable[str] | None) -> frozenset[str]:
    if stopwords is None:
        from helpers.segment import load_stopwords

        return load_stopwords()
    return frozenset(stopwords)


def _content_words(tokens: pd.DataFrame, stopwords: Iterable[str] | None) -> pd.DataFrame:
    """``city``, ``token`` rows of content words (no punctuation, numbers or stopwords)."""
    stop = _stopword_set(stopwords)
    words = tokens[["city", "token"]].copy()
    words["token"] = words["token"].astype(str).str.strip()
    return words[words["token"].map(_is_content_token) & ~words["token"].isin(stop)]


# The last few filtered references, by identity: a word list of 350,000 entries takes
# half a second to filter, and each profile notebook asks for the same one again.
_FILTERED_REFERENCES: list[tuple[pd.Series, frozenset[str], pd.Series]] = []


def _content_reference(reference: pd.Series, stopwords: Iterable[str] | None) -> pd.Series:
    """The reference list's content words, the same filter as the city's tokens."""
    stop = _stopword_set(stopwords)
    for seen, seen_stop, filtered in _FILTERED_REFERENCES:
        if seen is reference and seen_stop == stop:
            return filtered
    keep = [_is_content_token(word) and word not in stop for word in reference.index.astype(str)]
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


# --------------------------------------------------------------------------- co-occurrence


def cooccurrence(evidence: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Measure x measure counts of sentences that mention both.

    The diagonal is the number of sentences coded with the measure.

    Returns
    -------
    DataFrame
        Square, index and columns the measure ids in codebook order, integer cells.
    """
    codebook = codebook or load_codebook()
    coded = evidence[["id", "sentence_no", "measure"]].drop_duplicates()
    indicator = (
        coded.assign(one=1)
        .pivot_table(index=["id", "sentence_no"], columns="measure", values="one", fill_value=0, aggfunc="max")
        .reindex(columns=codebook.ids, fill_value=0)
    )
    m = indicator.to_numpy().astype(int)
    matrix = pd.DataFrame(m.T @ m, index=codebook.ids, columns=codebook.ids)
    matrix.index.name = "measure"
    return matrix


def cooccurrence_pairs(evidence: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Pairs of measures mentioned in the same sentence, strongest first.

    Returns
    -------
    DataFrame
        ``measure_a``, ``measure_b`` (codebook order), ``sentences`` (both),
        ``sentences_a``, ``sentences_b``, ``jaccard`` (both / either); only
        pairs that co-occur at least once.
    """
    codebook = codebook or load_codebook()
    matrix = cooccurrence(evidence, codebook)
    ids = codebook.ids
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            both = int(matrix.loc[a, b])
            if both == 0:
                continue
            na, nb = int(matrix.loc[a, a]), int(matrix.loc[b, b])
            rows.append(
                {
                    "measure_a": a,
                    "measure_b": b,
                    "sentences": both,
                    "sentences_a": na,
                    "sentences_b": nb,
                    "jaccard": both / (na + nb - both),
                }
            )
    out = pd.DataFrame(rows, columns=["measure_a", "measure_b", "sentences", "sentences_a", "sentences_b", "jaccard"])
    return out.sort_values(["sentences", "jaccard"], ascending=False, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- KWIC

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
    from helpers.measures import _to_simplified

    if not term or not term.strip():
        raise HelpersError("kwic: empty search term; fix: give a word, e.g. 核酸")
    if width < 0:
        raise HelpersError(f"kwic: width {width} is negative; fix: give 0 or more characters")
    term = _to_simplified(term.strip())
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


# --------------------------------------------------------------------------- years

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
