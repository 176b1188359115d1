"""What the reports show of a stored corpus, summed batch by batch: never every sentence or token at once.

:class:`helpers.analysis.Analysis` reads a :class:`~helpers.analysis.stored.StoredCorpus`
through a :class:`Scope` (which articles it covers) and asks this module for
two summaries, each one pass over the store's batches:

* :func:`article_facts`: per analysed article its city, publication date,
  number of sentences, sentences coded with each measure and coded at all,
  and the measures' co-occurrence matrix, from the ``articles``,
  ``sentences`` (``id`` only) and ``evidence`` tables.  Presence per city or
  year, the tests, the findings and the co-occurrence heatmap need nothing else.
* :func:`vocabulary`: the kept words summed per city and word (frequency,
  articles using it) and the words left out summed per city, reason and
  word, from the ``tokens`` table and each batch's texts (a word inside a
  place name of its text is left out).  jieba's tags are looked up once per
  distinct word.  Token counts, keyness, word clouds and the left-out words
  need nothing else.

Memory holds one batch's rows, a few numbers per article and the distinct
words of each city, so it grows with the vocabulary, not with the tokens.
Each sum equals the same figure computed on the whole tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from helpers.analysis.codebook import Codebook
from helpers.analysis.cooccurrence import cooccurrence
from helpers.analysis.inference import article_measures
from helpers.analysis.keyness import WordCounts
from helpers.analysis.stored import StoredCorpus
from helpers.text import postags, segment, words

#: Columns of the light article table the aggregates group by.
FACT_COLUMNS = ["id", "city", "published"]
LEFT_OUT_COLUMNS = ["city", "reason", "token", "count"]


@dataclass(frozen=True)
class Scope:
    """The articles an analysis covers: every stored article (``city`` None) or one city's; duplicates not analysed.

    Attributes
    ----------
    stored
        The processed corpus.
    city
        A city profile's city, or None.
    """

    stored: StoredCorpus
    city: str | None = None

    def articles(self, columns: list[str]) -> Iterator[pd.DataFrame]:
        """The ``articles`` table batch by batch (duplicates included), limited to the city."""
        wanted = list(dict.fromkeys([*columns, "city"]))
        for batch in self.stored.table("articles", wanted):
            if self.city is not None:
                batch = batch[batch["city"] == self.city].reset_index(drop=True)
            yield batch[columns]

    def batches(self, name: str, columns: list[str] | None = None,
                duplicates: bool = False) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
        """``(articles, rows)`` of each batch: the batch's analysed articles (``id``, ``city``) and the rows
        of table ``name`` that belong to them (``duplicates``: those of the duplicates too)."""
        for articles, table in zip(self.stored.table("articles", ["id", "city", "duplicate_of"]),
                                   self.stored.table(name, columns)):
            analysed = articles if duplicates else articles[articles["duplicate_of"].isna()]
            if self.city is not None:
                analysed = analysed[analysed["city"] == self.city]
            if len(analysed) < len(articles):
                table = table[table["id"].isin(set(analysed["id"]))]
            yield analysed[["id", "city"]].reset_index(drop=True), table.reset_index(drop=True)

    def read(self, name: str, columns: list[str] | None = None, duplicates: bool = False) -> pd.DataFrame:
        """Table ``name`` of the analysed articles (``duplicates``: and of the duplicates), whole."""
        return concat([table for _, table in self.batches(name, columns, duplicates)])


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Consecutive batches as one frame with a fresh index, as the whole table would have them."""
    non_empty = [frame for frame in frames if len(frame)]
    if not non_empty:
        return frames[0].reset_index(drop=True) if frames else pd.DataFrame()
    return pd.concat(non_empty, ignore_index=True) if len(non_empty) > 1 else non_empty[0].reset_index(drop=True)


@dataclass(frozen=True)
class ArticleFacts:
    """Per analysed article, in article order: what presence, tests, findings and co-occurrence need.

    Attributes
    ----------
    articles
        :data:`FACT_COLUMNS` (``id``, ``city``, ``published``).
    sentences
        Sentences of each article, indexed by ``id``.
    coded
        Sentences coded with each measure, indexed by ``id`` (articles with a hit), a column per measure.
    coded_any
        Sentences coded with any measure, indexed by ``id``.
    cooccurrence
        :func:`helpers.analysis.cooccurrence.cooccurrence` of the evidence.
    """

    articles: pd.DataFrame
    sentences: pd.Series
    coded: pd.DataFrame
    coded_any: pd.Series
    cooccurrence: pd.DataFrame


def article_facts(scope: Scope, codebook: Codebook) -> ArticleFacts:
    """:class:`ArticleFacts` of the scope's analysed articles, one batch at a time."""
    articles, sentences, coded, coded_any = [], [], [], []
    matrix = None
    batches = zip(scope.batches("articles", FACT_COLUMNS), scope.batches("sentences", ["id"]),
                  scope.batches("evidence", ["id", "sentence_no", "measure"]))
    for (_, facts), (_, sentence_ids), (_, evidence) in batches:
        articles.append(facts)
        sentences.append(sentence_ids["id"].value_counts(sort=False))
        coded.append(article_measures(evidence, codebook.ids))
        coded_any.append(evidence.drop_duplicates(["id", "sentence_no"]).groupby("id").size())
        if len(evidence):
            part = cooccurrence(evidence, codebook)
            matrix = part if matrix is None else matrix + part
    if matrix is None:  # no hit at all: the whole table's answer
        matrix = cooccurrence(pd.DataFrame(columns=["id", "sentence_no", "measure"]), codebook)
    return ArticleFacts(
        articles=concat(articles) if articles else pd.DataFrame(columns=FACT_COLUMNS),
        sentences=_series(sentences),
        coded=pd.concat(coded) if coded else article_measures(pd.DataFrame(columns=["id", "sentence_no", "measure"]),
                                                              codebook.ids),
        coded_any=_series(coded_any),
        cooccurrence=matrix,
    )


def _series(parts: list[pd.Series]) -> pd.Series:
    parts = [part for part in parts if len(part)]
    return pd.concat(parts).astype("int64") if parts else pd.Series(dtype="int64")


@dataclass(frozen=True)
class Vocabulary:
    """The words of the analysed articles summed per city: the kept ones and those left out (with the reason)."""

    kept: WordCounts
    left_out: pd.DataFrame  # LEFT_OUT_COLUMNS


def vocabulary(scope: Scope, codebook: Codebook) -> Vocabulary:
    """:class:`Vocabulary` of the scope, one batch of tokens (and its texts) at a time.

    Each batch goes through :func:`helpers.text.words.word_table`, the one
    word filter, with jieba's tags of its words (looked up once per distinct word).
    """
    tagger = segment.get_tokenizer(codebook.all_terms())
    tags: dict[str, str] = {}
    kept = left_out = None
    cities: dict[str, None] = {}
    city_articles: list[pd.Series] = []
    for (_, texts), (_, tokens) in zip(scope.batches("articles", ["id", "text"]),
                                       scope.batches("tokens", ["id", "city", "token", "start", "end"])):
        if not len(tokens):
            continue
        new = [token for token in tokens["token"].unique() if token not in tags]
        tags.update(postags.word_tags(new, tagger))
        table = words.word_table(tokens, texts, tags)
        shown = table[table["left_out"] == ""]
        cities.update(dict.fromkeys(shown["city"]))
        grouped = shown.groupby(["city", "token"], sort=False)
        kept = _add(kept, pd.DataFrame({"freq": grouped.size(), "articles": grouped["id"].nunique()}))
        city_articles.append(shown.groupby("city", sort=False)["id"].nunique())
        out = table[table["left_out"] != ""]
        left_out = _add(left_out, out.groupby(["city", "left_out", "token"], sort=False).size().to_frame("count"))
    counts = (kept.reset_index() if kept is not None
              else pd.DataFrame({"city": [], "token": [], "freq": [], "articles": []}))
    articles = (pd.concat(city_articles).groupby(level=0, sort=False).sum() if city_articles
                else pd.Series(dtype="int64"))
    left = (left_out.reset_index().rename(columns={"left_out": "reason"}) if left_out is not None
            else pd.DataFrame(columns=LEFT_OUT_COLUMNS))
    return Vocabulary(
        kept=WordCounts(counts[["city", "token", "freq", "articles"]].astype({"freq": "int64", "articles": "int64"}),
                        articles.astype("int64"), list(cities)),
        left_out=left[LEFT_OUT_COLUMNS].astype({"count": "int64"}),
    )


def _add(total: pd.DataFrame | None, part: pd.DataFrame) -> pd.DataFrame:
    """Running sums: ``part`` added to ``total`` row by row (same index levels), new rows appended."""
    if total is None:
        return part
    return pd.concat([total, part]).groupby(level=list(range(part.index.nlevels)), sort=False).sum()


def token_counts(kept: WordCounts, city: str | None = None) -> pd.Series:
    """Frequency of each kept word in one city or all, most frequent first, ties by word (as the whole table)."""
    rows = kept.counts if city is None else kept.counts[kept.counts["city"] == city]
    counts = rows.groupby("token", sort=False)["freq"].sum()
    frame = counts.rename_axis("token").reset_index(name="count")
    frame = frame.sort_values(["count", "token"], ascending=[False, True], kind="mergesort")
    return frame.set_index("token")["count"].astype("int64")


def left_out_words(left_out: pd.DataFrame, city: str | None, reasons: Iterable[str]) -> pd.DataFrame:
    """Words left out for one of ``reasons``: ``reason``, ``token``, ``count``, by reason then most first."""
    reasons = tuple(reasons)
    rows = left_out if city is None else left_out[left_out["city"] == city]
    rows = rows[rows["reason"].isin(reasons)]
    counts = rows.groupby(["reason", "token"])["count"].sum().reset_index()
    order = {reason: i for i, reason in enumerate(reasons)}
    counts["_order"] = counts["reason"].map(order)
    counts = counts.sort_values(["_order", "count", "token"], ascending=[True, False, True], kind="mergesort")
    return counts.drop(columns="_order").reset_index(drop=True).astype({"count": "int64"})
