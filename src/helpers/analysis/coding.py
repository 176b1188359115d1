"""Measures coding: which measures each sentence describes, with the evidence for every hit.

Every number this stage produces can be traced to a row of evidence: one row
per hit, with the article, the sentence, the matched term and its character
offsets in the article's normalised ``text``.

Matching is plain substring search on the normalised sentence, so it does not
depend on how jieba splits a phrase.  Within one measure, overlapping
occurrences are resolved leftmost-longest (a short term never fires inside a
longer term of the same measure); the codebook's ``exclude`` contexts and
``near`` / ``not_near`` rules then drop figurative and incidental uses.
:func:`helpers.analysis.diagnostics.token_disagreements` lists where
token-level matching would disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.analysis.codebook import Codebook, Measure, TermRule, load_codebook
from helpers.corpus.cities import check_city
from helpers.errors import HelpersError

EVIDENCE_COLUMNS = [
    "id",
    "city",
    "measure",
    "term",
    "sentence_no",
    "start",
    "end",
    "sentence",
    "sentence_original",
]
RATE_COLUMNS = ["city", "measure", "name_zh", "name_en", "hits", "articles", "n_chars", "per_10k"]


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int
    rule: TermRule


def occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """All (start, end) spans of ``word`` in ``text``, overlapping ones included."""
    spans = []
    pos = text.find(word)
    while pos != -1:
        spans.append((pos, pos + len(word)))
        pos = text.find(word, pos + 1)
    return spans


def _leftmost_longest(candidates: list[_Occurrence]) -> tuple[list[_Occurrence], list[tuple[_Occurrence, _Occurrence]]]:
    """Non-overlapping winners, and (loser, winner) pairs for the diagnostics."""
    ordered = sorted(candidates, key=lambda o: (o.start, -(o.end - o.start), o.rule.term))
    winners: list[_Occurrence] = []
    shadowed: list[tuple[_Occurrence, _Occurrence]] = []
    for occ in ordered:
        if winners and occ.start < winners[-1].end:
            shadowed.append((occ, winners[-1]))
        else:
            winners.append(occ)
    return winners, shadowed


def _word_near(sentence: str, occ: _Occurrence, words: Sequence[str], window: int) -> str | None:
    """The first of ``words`` occurring within ``window`` characters of ``occ`` (not inside it)."""
    lo, hi = occ.start - window, occ.end + window
    for word in words:
        for ws, we in occurrences(sentence, word):
            inside_term = ws >= occ.start and we <= occ.end
            if we > lo and ws < hi and not inside_term:
                return word
    return None


def _rejection(sentence: str, occ: _Occurrence, measure: Measure) -> str | None:
    """Why this occurrence does not count (None if it counts)."""
    for context in measure.exclude:
        for cs, ce in occurrences(sentence, context):
            if cs <= occ.start and occ.end <= ce:
                return f"inside excluded context {context!r}"
    rule = occ.rule
    if rule.near and _word_near(sentence, occ, rule.near, rule.window) is None:
        return f"none of {'/'.join(rule.near)} within {rule.window} characters"
    if rule.not_near:
        blocker = _word_near(sentence, occ, rule.not_near, rule.window)
        if blocker is not None:
            return f"{blocker!r} within {rule.window} characters"
    return None


def code_measure(sentence: str, measure: Measure) -> tuple[list[_Occurrence], dict[tuple[int, int, str], str]]:
    """Counted occurrences of one measure in one sentence, and why the others were dropped."""
    candidates = [
        _Occurrence(s, e, rule) for rule in measure.terms for s, e in occurrences(sentence, rule.term)
    ]
    winners, shadowed = _leftmost_longest(candidates)
    dropped: dict[tuple[int, int, str], str] = {}
    for loser, winner in shadowed:
        dropped[(loser.start, loser.end, loser.rule.term)] = f"overlaps the longer or earlier term {winner.rule.term!r}"
    counted = []
    for occ in winners:
        reason = _rejection(sentence, occ, measure)
        if reason is None:
            counted.append(occ)
        else:
            dropped[(occ.start, occ.end, occ.rule.term)] = reason
    return counted, dropped


def match_sentence(sentence: str, codebook: Codebook) -> list[tuple[str, str, int, int]]:
    """Hits in one normalised sentence: ``(measure, term, start, end)``, offsets in the sentence."""
    hits = []
    for measure in codebook.measures:
        counted, _ = code_measure(sentence, measure)
        hits.extend((measure.id, occ.rule.term, occ.start, occ.end) for occ in counted)
    return hits


def _require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise HelpersError(f"{what} lacks column(s) {', '.join(missing)}; fix: pass the corpus {what} table")


def code_sentences(sentences: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Code every sentence; one row of evidence per hit.

    Parameters
    ----------
    sentences
        The corpus sentences table: ``id``, ``city``, ``sentence_no``, ``start``,
        ``end``, ``sentence``, ``sentence_original``.
    codebook
        Defaults to the package codebook.

    Returns
    -------
    DataFrame
        ``id``, ``city``, ``measure``, ``term``, ``sentence_no``, ``start``,
        ``end`` (offsets of the term in the article's normalised ``text``),
        ``sentence``, ``sentence_original``; sorted by article, offset, measure.
    """
    codebook = codebook or load_codebook()
    _require_columns(sentences, ["id", "city", "sentence_no", "start", "sentence", "sentence_original"], "sentences")
    rows = []
    for row in sentences.itertuples(index=False):
        for measure_id, term, s, e in match_sentence(row.sentence, codebook):
            rows.append(
                {
                    "id": row.id,
                    "city": row.city,
                    "measure": measure_id,
                    "term": term,
                    "sentence_no": int(row.sentence_no),
                    "start": int(row.start) + s,
                    "end": int(row.start) + e,
                    "sentence": row.sentence,
                    "sentence_original": row.sentence_original,
                }
            )
    evidence = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    order = {mid: i for i, mid in enumerate(codebook.ids)}
    evidence["_order"] = evidence["measure"].map(order)
    evidence = evidence.sort_values(["id", "start", "_order"], kind="stable").drop(columns="_order")
    return evidence.reset_index(drop=True).astype({"sentence_no": int, "start": int, "end": int})


def filter_evidence(
    evidence: pd.DataFrame,
    codebook: Codebook,
    measure: str | None = None,
    city: str | None = None,
    cities: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Evidence rows for one measure and/or city; unknown ones raise a HelpersError listing the valid ones."""
    out = evidence
    if measure is not None:
        codebook.measure(measure)  # raises with the valid ids
        out = out[out["measure"] == measure]
    if city is not None:
        check_city(city, cities if cities is not None else evidence["city"])
        out = out[out["city"] == city]
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- counts


def measure_counts(
    articles: pd.DataFrame,
    evidence: pd.DataFrame,
    codebook: Codebook | None = None,
    unit: str = "hits",
) -> pd.DataFrame:
    """Article x measure counts.

    Parameters
    ----------
    articles
        Corpus articles (``id``, ``city``); every article gets a row, zeros included.
    evidence
        From :func:`code_sentences`.
    unit
        ``"hits"`` counts every matched term; ``"sentences"`` counts sentences
        coded with the measure (KH Coder's document count at sentence level).

    Returns
    -------
    DataFrame
        ``id``, ``city``, then one integer column per measure id in codebook order.
    """
    codebook = codebook or load_codebook()
    if unit not in ("hits", "sentences"):
        raise HelpersError(f"unknown unit {unit!r}; use 'hits' or 'sentences'")
    _require_columns(articles, ["id", "city"], "articles")
    ev = evidence
    if unit == "sentences":
        ev = ev.drop_duplicates(["id", "sentence_no", "measure"])
    counts = ev.groupby(["id", "measure"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=list(articles["id"]), columns=codebook.ids, fill_value=0).fillna(0)
    out = articles[["id", "city"]].reset_index(drop=True)
    for mid in codebook.ids:
        out[mid] = counts[mid].to_numpy().astype(int)
    return out


def measure_rates(
    articles: pd.DataFrame,
    evidence: pd.DataFrame,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """City x measure hits, raw and per 10,000 characters of that city's text.

    Returns
    -------
    DataFrame
        One row per city and measure (zeros included): ``city``, ``measure``,
        ``name_zh``, ``name_en``, ``hits``, ``articles`` (number of the city's
        articles), ``n_chars`` (their total length), ``per_10k``.  Cities in
        order of first appearance in ``articles``, measures in codebook order.
    """
    codebook = codebook or load_codebook()
    _require_columns(articles, ["id", "city", "n_chars"], "articles")
    per_article = measure_counts(articles, evidence, codebook)
    cities = list(dict.fromkeys(articles["city"]))
    size = articles.groupby("city").agg(articles=("id", "size"), n_chars=("n_chars", "sum"))
    hits = per_article.groupby("city")[codebook.ids].sum()
    rows = []
    for city in cities:
        n_chars = int(size.loc[city, "n_chars"])
        for mid in codebook.ids:
            h = int(hits.loc[city, mid])
            rows.append(
                {
                    "city": city,
                    "measure": mid,
                    "name_zh": codebook.name(mid, "zh"),
                    "name_en": codebook.name(mid, "en"),
                    "hits": h,
                    "articles": int(size.loc[city, "articles"]),
                    "n_chars": n_chars,
                    "per_10k": h / n_chars * 10_000 if n_chars else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=RATE_COLUMNS)
