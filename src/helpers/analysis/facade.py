"""One object that carries the whole analysis of a corpus, computed once, on demand.

Notebooks start with ``analysis = analyse(seeds_dir)`` and then ask for what
they show (``analysis.evidence``, ``analysis.presence``, ``analysis.keyness(city)``
...).  The corpus comes from the store (:func:`helpers.analysis.pipeline.process_corpus`,
cached by content): its tokens, evidence and events are computed there, once,
batch by batch.  What the reports show is summed from the store one batch at a
time (:mod:`helpers.analysis.aggregates`): presence, tests, co-occurrence,
word counts, keyness and the words left out never hold every sentence or token
in memory.  The tables a report lists row by row (evidence of some cities,
events) read the rows they show; the whole token and sentence tables are read
only when asked for by name (:attr:`Analysis.tokens`, :attr:`Analysis.sentences`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.analysis import aggregates
from helpers.analysis.aggregates import Scope
from helpers.analysis.codebook import Codebook, load_codebook
from helpers.analysis.coding import coding_decisions
from helpers.analysis.events import ArticleDates
from helpers.analysis.inference import GroupComparison, compare_groups, presence_of_counts
from helpers.analysis.keyness import WordCounts, check_reference, counts_keyness
from helpers.analysis.periods import articles_by_year
from helpers.analysis.reference_events import load_reference_events
from helpers.analysis.stored import StoredCorpus
from helpers.corpus import Corpus
from helpers.corpus.articles import ARTICLE_COLUMNS
from helpers.corpus.cities import check_cities as check_city_list
from helpers.corpus.cities import check_city
from helpers.corpus.gazetteer import default_gazetteer
from helpers.langs import check_lang
from helpers.text import postags, segment, words

#: The article columns that hold its text: left out of :attr:`Analysis.article_metadata`.
TEXT_COLUMNS = ("text", "text_original", "removed")


@dataclass
class Analysis:
    """The analysis of one stored corpus (or of one city's articles in it); every table a DataFrame.

    Parameters
    ----------
    stored
        The processed corpus (:func:`helpers.analysis.pipeline.process_corpus`).
    codebook
        The measures codebook.
    city
        A city profile's view: only this city's articles (see :meth:`for_city`).
    """

    stored: StoredCorpus
    codebook: Codebook
    city: str | None = None
    _keyness: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, repr=False)

    @cached_property
    def scope(self) -> Scope:
        return Scope(self.stored, self.city)

    @cached_property
    def all_articles(self) -> pd.DataFrame:
        """Every accepted article, duplicates included (for the corpus overview)."""
        return aggregates.concat(list(self.scope.articles(list(ARTICLE_COLUMNS))))

    @cached_property
    def articles(self) -> pd.DataFrame:
        """The articles analysed: duplicates of an earlier article are left out.

        A republished piece would otherwise count its measures twice; the
        overview still lists it, with the article it duplicates.
        """
        articles = self.all_articles
        return articles[articles["duplicate_of"].isna()].reset_index(drop=True)

    @cached_property
    def article_metadata(self) -> pd.DataFrame:
        """:attr:`articles` without their texts (``text``, ``text_original``, ``removed``): what charts and findings
        read of an article, a few hundred bytes each however long it is."""
        columns = [column for column in ARTICLE_COLUMNS if column not in TEXT_COLUMNS]
        if "articles" in self.__dict__:
            return self.articles[columns]
        articles = aggregates.concat(list(self.scope.articles(columns)))
        return articles[articles["duplicate_of"].isna()].reset_index(drop=True)

    def metadata_for(self, cities: list[str] | None = None) -> pd.DataFrame:
        """:attr:`article_metadata` of some cities (all when None)."""
        metadata = self.article_metadata
        return metadata[metadata["city"].isin(self.check_cities(cities))].reset_index(drop=True)

    @property
    def n_all_articles(self) -> int:
        """How many articles were accepted, duplicates included (:attr:`all_articles` without reading it)."""
        if "all_articles" in self.__dict__:
            return len(self.all_articles)
        return sum(len(batch) for batch in self.scope.articles(["id"]))

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Sentences of :attr:`articles` (read whole: the reports need :attr:`n_sentences` only)."""
        return self.scope.read("sentences")

    @property
    def n_sentences(self) -> int:
        """How many sentences :attr:`articles` have."""
        return int(self.facts.sentences.sum())

    @property
    def skipped(self) -> pd.DataFrame:
        skipped = self.stored.skipped
        return skipped if self.city is None else skipped.iloc[0:0]

    @property
    def corpus(self) -> Corpus:
        """The :class:`~helpers.corpus.Corpus` of this analysis, whole in memory (for a small corpus)."""
        return Corpus(articles=self.all_articles, sentences=self.scope.read("sentences", duplicates=True),
                      skipped=self.skipped)

    @cached_property
    def facts(self) -> aggregates.ArticleFacts:
        """Per analysed article: city, date, sentences, and sentences coded with each measure.

        See :func:`helpers.analysis.aggregates.article_facts`.
        """
        return aggregates.article_facts(self.scope, self.codebook)

    @cached_property
    def vocabulary(self) -> aggregates.Vocabulary:
        """The kept and left-out words summed per city (:func:`helpers.analysis.aggregates.vocabulary`)."""
        return aggregates.vocabulary(self.scope, self.codebook)

    @property
    def word_counts(self) -> WordCounts:
        """The kept words summed per city: what :func:`helpers.analysis.keyness.counts_keyness` weighs."""
        return self.vocabulary.kept

    @cached_property
    def cities(self) -> list[str]:
        """Cities in the corpus, in order of first appearance (articles sorted by id)."""
        return list(dict.fromkeys(self.facts.articles["city"]))

    def for_city(self, city: str) -> Analysis:
        """The analysis of one city's articles alone (a city profile's view).

        Everything computed from it (presence, evidence, tokens, events) depends
        on that city's articles only, which lets the build leave a profile
        alone when articles from elsewhere arrive.  Whether an article is a
        duplicate is decided on the whole corpus, as in every report.
        """
        self.check_city(city)
        return Analysis(self.stored, self.codebook, city=city)

    def check_city(self, city: str) -> str:
        """``city`` if the corpus has articles from it; else a one-line error listing the valid ones."""
        return check_city(city, self.cities)

    @cached_property
    def evidence(self) -> pd.DataFrame:
        """One row per coded hit (:func:`helpers.code_sentences`, computed in the store), with its sentence."""
        return self.scope.read("evidence")

    @cached_property
    def decisions(self) -> pd.DataFrame:
        """Every occurrence of a codebook term with the rule and reason it was counted or not."""
        batches = zip(self.scope.batches("sentences"), self.scope.batches("tokens"))
        genres = dict(zip(self.all_articles["id"], self.all_articles["genre"]))
        return aggregates.concat([coding_decisions(sentences, self.codebook, tokens=tokens, genres=genres)
                                  for (_, sentences), (_, tokens) in batches])

    @cached_property
    def presence(self) -> pd.DataFrame:
        """Per city and measure: the city's articles, those describing the measure, its sentences coded with it.

        :func:`helpers.analysis.inference.group_presence` with the city as the group: ``group``,
        ``measure``, ``articles``, ``with_measure``, ``share``, ``sentences``, ``group_sentences``;
        cities in order of first appearance, measures in codebook order.
        """
        facts = self.facts
        return presence_of_counts(facts.articles, facts.sentences, facts.coded, self.codebook.ids, by="city")

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """Tokens of every analysed article, codebook terms kept whole (read whole from the store)."""
        return self.scope.read("tokens")

    @cached_property
    def word_table(self) -> pd.DataFrame:
        """:attr:`tokens` with jieba's tag and why each is left out of the vocabulary (read whole).

        See :func:`helpers.text.words.word_table`.  ``left_out`` is empty for
        the words every list of words counts (frequencies, keyness, clouds);
        else ``single_character``, ``numeral``, ``stopword``, ``place``
        (gazetteer or jieba's ``ns``), ``place_part`` (inside a place name of
        the gazetteer), ``person`` (jieba's ``nr``) or ``not_chinese``.  The
        reports use :attr:`vocabulary`, the same words summed per city.
        """
        tokens = self.tokens
        tagger = segment.get_tokenizer(self.codebook.all_terms())
        tags = postags.word_tags(tokens["token"].unique(), tagger) if len(tokens) else {}
        return words.word_table(tokens, self.articles, tags)

    @cached_property
    def words(self) -> pd.DataFrame:
        """The rows of :attr:`word_table` kept: the words every vocabulary figure counts."""
        table = self.word_table
        return table[table["left_out"] == ""].reset_index(drop=True)

    def keyness(self, city: str, against: str | None = None) -> pd.DataFrame:
        """Words of ``city`` against its reference (G², smoothed log ratio; :func:`helpers.analysis.keyness.keyness`).

        Parameters
        ----------
        against
            None: the rest of the corpus if it has enough articles, else
            general Chinese (a city profile's analysis holds one city, so
            general Chinese); ``"cities"`` or ``"general"`` to choose.
        """
        self.check_city(city)
        check_reference(against)
        if (city, against) not in self._keyness:
            self._keyness[(city, against)] = counts_keyness(self.word_counts, city, against=against)
        return self._keyness[(city, against)]

    @cached_property
    def all_keyness(self) -> pd.DataFrame:
        """Every city's words against its reference, one frame (columns ``city`` and ``reference``)."""
        return counts_keyness(self.word_counts)

    def token_counts(self, city: str | None = None) -> pd.Series:
        """Frequency of each word :attr:`words` keeps, in one city or the whole corpus, most frequent first."""
        return aggregates.token_counts(self.word_counts, None if city is None else self.check_city(city))

    def left_out_words(self, city: str | None = None, reasons: tuple[str, ...] = ("place", "person")) -> pd.DataFrame:
        """Words left out of the vocabulary for one of ``reasons``: ``reason``, ``token``, ``count``, most first."""
        return aggregates.left_out_words(self.vocabulary.left_out, None if city is None else self.check_city(city),
                                         reasons)

    @property
    def cooccurrence(self) -> pd.DataFrame:
        return self.facts.cooccurrence

    def coded_sentences(self, cities: list[str] | None = None) -> int:
        """How many sentences of some cities' articles (all when None) are coded with at least one measure."""
        facts = self.facts
        ids = facts.articles.loc[facts.articles["city"].isin(self.check_cities(cities)), "id"]
        return int(facts.coded_any.reindex(ids, fill_value=0).sum())

    def year_presence(self, cities: list[str] | None = None) -> pd.DataFrame:
        """:attr:`presence` with the year of publication as the group (earliest first), of some cities (all when None).

        Undated articles are left out; ``attrs["left_out"]`` holds their ids.
        """
        facts = self.facts
        articles = facts.articles[facts.articles["city"].isin(self.check_cities(cities))]
        dated = articles_by_year(articles)
        presence = presence_of_counts(dated, facts.sentences, facts.coded, self.codebook.ids, by="year")
        presence.attrs["left_out"] = dated.attrs["left_out"]
        return presence

    def compare_cities(self, cities: list[str] | None = None) -> GroupComparison:
        """Whether the share of articles describing each measure differs between cities (gated by sample size).

        The national commentary describes no city's practice and is left out
        (counted in ``left_out``).  See :func:`helpers.analysis.inference.compare_groups`.
        """
        presence = self.presence_for(cities)
        is_national = presence["group"] == default_gazetteer().national
        result = compare_groups(presence[~is_national])
        if is_national.any():
            result.left_out["stats.left_out_national"] = int(presence.loc[is_national, "articles"].iloc[0])
        return result

    def compare_years(self, cities: list[str] | None = None) -> GroupComparison:
        """Whether the share of articles describing each measure differs between years of publication (gated)."""
        presence = self.year_presence(cities)
        result = compare_groups(presence)
        if presence.attrs["left_out"]:
            result.left_out["stats.left_out_undated"] = len(presence.attrs["left_out"])
        return result

    @cached_property
    def dates(self) -> ArticleDates:
        """Every date in the texts: events and announcements (:func:`~helpers.analysis.events.extract_dates`).

        Computed in the store with the articles; read from it.
        """
        return ArticleDates(self.scope.read("events"), self.scope.read("announcements"))

    @property
    def events(self) -> pd.DataFrame:
        """Dated events the articles report (status reported, clipped or None): none after its article's publication."""
        return self.dates.events

    @property
    def announcements(self) -> pd.DataFrame:
        """What the articles announce for after their publication (a notice's testing days), as :attr:`events`."""
        return self.dates.announcements

    @cached_property
    def reference_events(self) -> pd.DataFrame:
        return load_reference_events()

    def check_cities(self, cities: list[str] | None) -> list[str]:
        """The cities asked for (all when None), each checked against the corpus."""
        return self.cities if cities is None else check_city_list(cities, self.cities)

    def presence_for(self, cities: list[str] | None = None) -> pd.DataFrame:
        """:attr:`presence` of some cities (all when None), in the order asked for."""
        cities = self.check_cities(cities)
        presence = self.presence[self.presence["group"].isin(cities)]
        order = {city: i for i, city in enumerate(cities)}
        return presence.sort_values("group", key=lambda g: g.map(order), kind="stable").reset_index(drop=True)

    def articles_for(self, cities: list[str] | None = None) -> pd.DataFrame:
        """:attr:`articles` of some cities (all when None)."""
        return self.articles[self.articles["city"].isin(self.check_cities(cities))].reset_index(drop=True)

    def evidence_for(self, cities: list[str] | None = None) -> pd.DataFrame:
        """:attr:`evidence` of some cities (all when None), read batch by batch: only the rows shown.

        The index is each row's position in :attr:`evidence`, as a selection of it would have.
        """
        chosen = set(self.check_cities(cities))
        if cities is None or "evidence" in self.__dict__:
            evidence = self.evidence
            return evidence[evidence["city"].isin(chosen)]
        parts, offset = [], 0
        for _, batch in self.scope.batches("evidence"):
            batch.index = pd.RangeIndex(offset, offset + len(batch))
            offset += len(batch)
            parts.append(batch[batch["city"].isin(chosen)])
        non_empty = [part for part in parts if len(part)]
        return pd.concat(non_empty) if non_empty else self.scope.read("evidence").iloc[0:0]

    def city_evidence(self, city: str) -> pd.DataFrame:
        return self.evidence_for([city])

    def top_measures(self, city: str, n: int = 3) -> list[str]:
        """The measures given the most sentences in the city's articles (at least one), most first."""
        self.check_city(city)
        presence = self.presence[(self.presence["group"] == city) & (self.presence["sentences"] > 0)]
        order = {mid: i for i, mid in enumerate(self.codebook.ids)}
        presence = presence.assign(_order=presence["measure"].map(order))
        return list(presence.sort_values(["sentences", "_order"], ascending=[False, True])["measure"].head(n))


def analyse(seeds_dir: str | Path | None = None, lang: str = "zh", city: str | None = None, *,
            engine: str | None = None, store: str | Path | None = None) -> Analysis:
    """Process the corpus into the store (or find it there), read the codebook, and check the notebook's parameters.

    Parameters
    ----------
    seeds_dir
        The seeds folder; the project's ``seeds/`` by default.
    lang
        Report language, checked here so a wrong value fails on the first line.
    city
        A city parameter to check against the corpus's cities, if the notebook has one.
    engine
        Where articles not yet in the store are processed: ``local`` or ``dask``
        (default: ``HELPERS_ENGINE``, else ``local``), as the commands' ``--engine``.
    store
        The store folder (default ``cache_dir()/store``).
    """
    from helpers.analysis.pipeline import process_corpus

    check_lang(lang)
    analysis = Analysis(process_corpus(seeds_dir, engine=engine, store=store), load_codebook())
    if city is not None:
        analysis.check_city(city)
    return analysis
