"""One object that carries the whole analysis of a corpus, computed once, on demand.

Notebooks start with ``analysis = analyse(seeds_dir)`` and then ask for what
they show (``analysis.evidence``, ``analysis.presence``, ``analysis.keyness(city)``
...).  Each table is computed the first time it is asked for, from the tables
before it in the pipeline (corpus → tokens → codes/events → tables), so no
notebook repeats a step or reaches back upstream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from helpers.analysis.codebook import Codebook, load_codebook
from helpers.analysis.coding import code_sentences, coding_decisions
from helpers.analysis.cooccurrence import cooccurrence as cooccurrence_matrix
from helpers.analysis.events import ArticleDates, extract_dates
from helpers.analysis.inference import GroupComparison, compare_groups, group_presence
from helpers.analysis.keyness import check_reference
from helpers.analysis.keyness import keyness as keyness_table
from helpers.analysis.periods import articles_by_year
from helpers.analysis.reference_events import load_reference_events
from helpers.corpus import Corpus, read_corpus
from helpers.corpus.cities import check_cities as check_city_list
from helpers.corpus.cities import check_city
from helpers.corpus.gazetteer import default_gazetteer
from helpers.langs import check_lang
from helpers.text import postags, segment, words


@dataclass
class Analysis:
    """The analysis of one corpus; every attribute is a DataFrame with documented columns."""

    corpus: Corpus
    codebook: Codebook
    _keyness: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def all_articles(self) -> pd.DataFrame:
        """Every accepted article, duplicates included (for the corpus overview)."""
        return self.corpus.articles

    @cached_property
    def articles(self) -> pd.DataFrame:
        """The articles analysed: duplicates of an earlier article are left out.

        A republished piece would otherwise count its measures twice; the
        overview still lists it, with the article it duplicates.
        """
        articles = self.corpus.articles
        return articles[articles["duplicate_of"].isna()].reset_index(drop=True)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Sentences of :attr:`articles`."""
        sentences = self.corpus.sentences
        return sentences[sentences["id"].isin(set(self.articles["id"]))].reset_index(drop=True)

    @property
    def skipped(self) -> pd.DataFrame:
        return self.corpus.skipped

    @property
    def cities(self) -> list[str]:
        """Cities in the corpus, in order of first appearance (articles sorted by id)."""
        return list(dict.fromkeys(self.articles["city"]))

    def for_city(self, city: str) -> Analysis:
        """The analysis of one city's articles alone (a city profile's view).

        Everything computed from it (presence, evidence, tokens, events) depends
        on that city's articles only, which lets the build leave a profile
        alone when articles from elsewhere arrive.  Whether an article is a
        duplicate is decided on the whole corpus, as in every report.
        """
        self.check_city(city)
        articles = self.corpus.articles
        ids = set(articles.loc[articles["city"] == city, "id"])
        sentences = self.corpus.sentences
        corpus = Corpus(
            articles=articles[articles["id"].isin(ids)].reset_index(drop=True),
            sentences=sentences[sentences["id"].isin(ids)].reset_index(drop=True),
            skipped=self.corpus.skipped.iloc[0:0],
        )
        return Analysis(corpus, self.codebook)

    def check_city(self, city: str) -> str:
        """``city`` if the corpus has articles from it; else a one-line error listing the valid ones."""
        return check_city(city, self.cities)

    @cached_property
    def evidence(self) -> pd.DataFrame:
        """One row per coded hit (:func:`helpers.code_sentences`), word boundaries from :attr:`tokens`."""
        return code_sentences(self.sentences, self.codebook, tokens=self.tokens)

    @cached_property
    def decisions(self) -> pd.DataFrame:
        """Every occurrence of a codebook term with the rule and reason it was counted or not."""
        return coding_decisions(self.sentences, self.codebook, tokens=self.tokens)

    @cached_property
    def presence(self) -> pd.DataFrame:
        """Per city and measure: the city's articles, those describing the measure, its sentences coded with it.

        :func:`helpers.analysis.inference.group_presence` with the city as the group: ``group``,
        ``measure``, ``articles``, ``with_measure``, ``share``, ``sentences``, ``group_sentences``;
        cities in order of first appearance, measures in codebook order.
        """
        return group_presence(self.articles, self.sentences, self.evidence, self.codebook.ids, by="city")

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """Tokens of every article, codebook terms kept whole (cached on disk by content)."""
        return segment.corpus_tokens(self.articles, extra_words=self.codebook.all_terms())

    @cached_property
    def word_table(self) -> pd.DataFrame:
        """:attr:`tokens` with jieba's tag and why each is left out of the vocabulary.

        See :func:`helpers.text.words.word_table`.  ``left_out`` is empty for
        the words every list of words counts (frequencies, keyness, clouds);
        else ``single_character``, ``numeral``, ``stopword``, ``place``
        (gazetteer or jieba's ``ns``), ``place_part`` (inside a place name of
        the gazetteer), ``person`` (jieba's ``nr``) or ``not_chinese``.
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
            self._keyness[(city, against)] = keyness_table(self.words, city, against=against)
        return self._keyness[(city, against)]

    @cached_property
    def all_keyness(self) -> pd.DataFrame:
        """Every city's words against its reference, one frame (columns ``city`` and ``reference``)."""
        return keyness_table(self.words)

    def token_counts(self, city: str | None = None) -> pd.Series:
        """Frequency of each word :attr:`words` keeps, in one city or the whole corpus, most frequent first."""
        kept = self.words if city is None else self.words[self.words["city"] == self.check_city(city)]
        counts = kept["token"].value_counts()
        # Ties in a stable, language-independent order.
        frame = counts.rename_axis("token").reset_index(name="count")
        frame = frame.sort_values(["count", "token"], ascending=[False, True], kind="mergesort")
        return frame.set_index("token")["count"]

    def left_out_words(self, city: str | None = None, reasons: tuple[str, ...] = ("place", "person")) -> pd.DataFrame:
        """Words left out of the vocabulary for one of ``reasons``: ``reason``, ``token``, ``count``, most first."""
        table = self.word_table if city is None else self.word_table[self.word_table["city"] == self.check_city(city)]
        table = table[table["left_out"].isin(reasons)]
        counts = table.groupby(["left_out", "token"]).size().rename("count").reset_index()
        counts = counts.rename(columns={"left_out": "reason"})
        order = {reason: i for i, reason in enumerate(reasons)}
        counts["_order"] = counts["reason"].map(order)
        counts = counts.sort_values(["_order", "count", "token"], ascending=[True, False, True], kind="mergesort")
        return counts.drop(columns="_order").reset_index(drop=True)

    @cached_property
    def cooccurrence(self) -> pd.DataFrame:
        return cooccurrence_matrix(self.evidence, self.codebook)

    def year_presence(self, cities: list[str] | None = None) -> pd.DataFrame:
        """:attr:`presence` with the year of publication as the group (earliest first), of some cities (all when None).

        Undated articles are left out; ``attrs["left_out"]`` holds their ids.
        """
        articles = self.articles[self.articles["city"].isin(self.check_cities(cities))]
        dated = articles_by_year(articles)
        presence = group_presence(dated, self.sentences, self.evidence, self.codebook.ids, by="year")
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
        """Every date in the texts: events and announcements (:func:`~helpers.analysis.events.extract_dates`)."""
        return extract_dates(self.articles, self.sentences,
                             tokenizer=segment.get_tokenizer(self.codebook.all_terms()))

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
        """:attr:`evidence` of some cities (all when None)."""
        return self.evidence[self.evidence["city"].isin(self.check_cities(cities))]

    def city_evidence(self, city: str) -> pd.DataFrame:
        return self.evidence_for([city])

    def top_measures(self, city: str, n: int = 3) -> list[str]:
        """The measures given the most sentences in the city's articles (at least one), most first."""
        self.check_city(city)
        presence = self.presence[(self.presence["group"] == city) & (self.presence["sentences"] > 0)]
        order = {mid: i for i, mid in enumerate(self.codebook.ids)}
        presence = presence.assign(_order=presence["measure"].map(order))
        return list(presence.sort_values(["sentences", "_order"], ascending=[False, True])["measure"].head(n))


def analyse(seeds_dir: str | Path | None = None, lang: str = "zh", city: str | None = None) -> Analysis:
    """Read the corpus and the codebook, and check the notebook's parameters.

    Parameters
    ----------
    seeds_dir
        The seeds folder; the project's ``seeds/`` by default.
    lang
        Report language, checked here so a wrong value fails on the first line.
    city
        A city parameter to check against the corpus's cities, if the notebook has one.
    """
    check_lang(lang)
    analysis = Analysis(read_corpus(seeds_dir), load_codebook())
    if city is not None:
        analysis.check_city(city)
    return analysis
