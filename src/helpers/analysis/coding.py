"""Measures coding: which measures each sentence describes, with the evidence for every hit.

Counts come in three units (:func:`measure_counts`): the article (does it
describe the measure at all: what the reports compare), the sentence (a
measure counted once per sentence: emphasis) and the hit (every matched term:
the evidence, row by row).

Every number this stage produces can be traced to a row of evidence: one row
per hit, with the article, the sentence, the matched term, the rule that
decided and the term's character offsets in the article's normalised
``text``.  The rules themselves are :mod:`helpers.analysis.matching`;
:func:`coding_decisions` lists every candidate occurrence with the reason it
was counted or not.

Whole-word terms need the sentence's segmentation.  Coding a corpus whose
articles are tokenized anyway (``Analysis.tokens``) takes the boundaries
from those tokens instead of segmenting every sentence again; the result is
the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from helpers.analysis.clauses import Segmentation, sentence_segmentation
from helpers.analysis.codebook import Codebook, load_codebook
from helpers.analysis.matching import Topic, decide_in_context, decide_sentence
from helpers.corpus.cities import check_city
from helpers.corpus.genre import COMMENTARY
from helpers.errors import HelpersError

EVIDENCE_COLUMNS = [
    "id",
    "city",
    "measure",
    "term",
    "rule",
    "sentence_no",
    "start",
    "end",
    "sentence",
    "sentence_original",
]
DECISION_COLUMNS = [
    "id",
    "city",
    "sentence_no",
    "measure",
    "term",
    "start",
    "end",
    "counted",
    "rule",
    "reason",
    "sentence",
]
_SENTENCE_COLUMNS = ["id", "city", "sentence_no", "start", "sentence", "sentence_original"]


# --------------------------------------------------------------------------- coding


def match_sentence(sentence: str, codebook: Codebook) -> list[tuple[str, str, int, int]]:
    """Hits in one normalised sentence: ``(measure, term, start, end)``, offsets in the sentence."""
    return [(d.measure, d.term, d.start, d.end) for d in decide_sentence(sentence, codebook) if d.counted]


def _require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise HelpersError(f"{what} lacks column(s) {', '.join(missing)}; fix: pass the corpus {what} table")


class _ArticleTokens:
    """Token boundaries of whole articles, cut to each sentence (offsets into the article's ``text``)."""

    def __init__(self, tokens: pd.DataFrame):
        _require_columns(tokens, ["id", "start", "end"], "tokens")
        self._spans: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        ids = tokens["id"].to_numpy()
        starts = tokens["start"].to_numpy(dtype=np.int64)
        ends = tokens["end"].to_numpy(dtype=np.int64)
        for article_id, rows in pd.Series(range(len(ids))).groupby(ids, sort=False):
            index = rows.to_numpy()
            order = np.argsort(starts[index], kind="stable")
            self._spans[article_id] = (starts[index][order], ends[index][order])

    def segmentation(self, article_id: str, start: int, sentence: str, codebook: Codebook) -> Segmentation:
        if article_id not in self._spans:  # an article the tokens do not cover is segmented on its own
            return sentence_segmentation(sentence, codebook)
        starts, ends = self._spans[article_id]

        def spans() -> list[tuple[int, int]]:
            lo = np.searchsorted(starts, start, side="left")
            hi = np.searchsorted(starts, start + len(sentence), side="left")
            return list(zip((starts[lo:hi] - start).tolist(), (ends[lo:hi] - start).tolist()))

        return Segmentation(sentence, spans)


def _decisions(sentences: pd.DataFrame, codebook: Codebook, tokens: pd.DataFrame | None,
               genres: Mapping[str, str] | None = None) -> Iterator[tuple]:
    """(sentence row, decision) for every candidate of every sentence; ``genres`` (article id -> genre) says which
    articles are commentaries, whose proposals (各地应当…) are no measures carried out."""
    _require_columns(sentences, _SENTENCE_COLUMNS, "sentences")
    article_tokens = _ArticleTokens(tokens) if tokens is not None else None
    previous: tuple[str, int] | None = None  # article id and number of the sentence before
    topics: list[Topic] = []
    rows = list(sentences.itertuples(index=False))
    for index, row in enumerate(rows):
        after = rows[index + 1] if index + 1 < len(rows) else None
        if article_tokens is not None:
            segmentation = article_tokens.segmentation(row.id, int(row.start), row.sentence, codebook)
        else:
            segmentation = sentence_segmentation(row.sentence, codebook)
        # a group named in the sentence before, if that is the one right before in the same article
        carried = topics if previous == (row.id, int(row.sentence_no) - 1) else []
        # the next sentence of the same article, which may judge this one
        following = after.sentence if after is not None and (after.id, int(after.sentence_no)) == (
            row.id, int(row.sentence_no) + 1) else ""
        commentary = genres is not None and genres.get(row.id) == COMMENTARY
        decisions, left = decide_in_context(row.sentence, codebook, segmentation, topics=carried, following=following,
                                            commentary=commentary)
        for decision in decisions:
            yield row, decision
        previous, topics = (row.id, int(row.sentence_no)), left


def _in_codebook_order(table: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    order = {mid: i for i, mid in enumerate(codebook.ids)}
    table = table.assign(_order=table["measure"].map(order))
    table = table.sort_values(["id", "start", "_order"], kind="stable").drop(columns="_order")
    return table.reset_index(drop=True).astype({"sentence_no": int, "start": int, "end": int})


def code_sentences(
    sentences: pd.DataFrame,
    codebook: Codebook | None = None,
    tokens: pd.DataFrame | None = None,
    genres: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Code every sentence; one row of evidence per counted hit.

    Parameters
    ----------
    sentences
        The corpus sentences table: ``id``, ``city``, ``sentence_no``, ``start``,
        ``end``, ``sentence``, ``sentence_original``.
    codebook
        Defaults to the package codebook.
    tokens
        The articles' tokens (``id``, ``start``, ``end`` offsets into the
        article's ``text``, as :func:`helpers.text.segment.corpus_tokens`
        gives them with the codebook's terms as extra words).  Whole-word
        terms then use these boundaries; without them each sentence that
        needs it is segmented on its own.  The result is the same.
    genres
        Article id -> genre (the articles table's ``genre``): in a commentary a
        proposal (各地应当…, 社区不妨…) is coded as advice, not as a measure
        carried out.  Without it every article is read as a report.

    Returns
    -------
    DataFrame
        ``id``, ``city``, ``measure``, ``term``, ``rule`` (the rule that
        decided: ``term``, ``near:登记``, ``label+action:配送`` ...),
        ``sentence_no``, ``start``, ``end`` (offsets of the term in the
        article's normalised ``text``), ``sentence``, ``sentence_original``;
        sorted by article, offset, measure.
    """
    codebook = codebook or load_codebook()
    rows = [
        (row.id, row.city, d.measure, d.term, d.rule, int(row.sentence_no), int(row.start) + d.start,
         int(row.start) + d.end, row.sentence, row.sentence_original)
        for row, d in _decisions(sentences, codebook, tokens, genres)
        if d.counted
    ]
    return _in_codebook_order(pd.DataFrame(rows, columns=EVIDENCE_COLUMNS), codebook)


def coding_decisions(
    sentences: pd.DataFrame,
    codebook: Codebook | None = None,
    tokens: pd.DataFrame | None = None,
    genres: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Every occurrence of a codebook term, counted or not, with the rule and the reason (for checking the coding).

    Parameters are those of :func:`code_sentences`.

    Returns
    -------
    DataFrame
        ``id``, ``city``, ``sentence_no``, ``measure``, ``term``, ``start``,
        ``end`` (offsets in the article's ``text``), ``counted``, ``rule``
        (see :class:`helpers.analysis.matching.Decision`), ``reason``
        (``inside word 运动员``, ``excluded: 隔离带``, ``not carried out:
        不再``, ``label without action`` ...), ``sentence``; the counted
        rows are :func:`code_sentences`' hits.
    """
    codebook = codebook or load_codebook()
    rows = [
        (row.id, row.city, int(row.sentence_no), d.measure, d.term, int(row.start) + d.start,
         int(row.start) + d.end, d.counted, d.rule, d.reason, row.sentence)
        for row, d in _decisions(sentences, codebook, tokens, genres)
    ]
    return _in_codebook_order(pd.DataFrame(rows, columns=DECISION_COLUMNS), codebook)


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


MEASURE_UNITS = ("article", "sentence", "hits")


def measure_counts(
    articles: pd.DataFrame,
    evidence: pd.DataFrame,
    codebook: Codebook | None = None,
    unit: str = "hits",
) -> pd.DataFrame:
    """Article x measure counts in one of three units.

    Parameters
    ----------
    articles
        Corpus articles (``id``, ``city``); every article gets a row, zeros included.
    evidence
        From :func:`code_sentences`.
    unit
        ``"article"``: 1 if the article describes the measure at all, else 0 (the unit the
        reports compare); ``"sentence"``: sentences coded with the measure, each once however
        many of its terms it holds (emphasis); ``"hits"``: every matched term (what the
        evidence lists, one row each).

    Returns
    -------
    DataFrame
        ``id``, ``city``, then one integer column per measure id in codebook order.
    """
    codebook = codebook or load_codebook()
    if unit not in MEASURE_UNITS:
        raise HelpersError(f"unknown unit {unit!r}; use one of {', '.join(MEASURE_UNITS)}")
    _require_columns(articles, ["id", "city"], "articles")
    ev = evidence
    if unit == "sentence":
        ev = ev.drop_duplicates(["id", "sentence_no", "measure"])
    elif unit == "article":
        ev = ev.drop_duplicates(["id", "measure"])
    counts = ev.groupby(["id", "measure"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=list(articles["id"]), columns=codebook.ids, fill_value=0).fillna(0)
    out = articles[["id", "city"]].reset_index(drop=True)
    for mid in codebook.ids:
        out[mid] = counts[mid].to_numpy().astype(int)
    return out
