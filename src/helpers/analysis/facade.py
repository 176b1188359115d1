"""One object that carries the whole analysis of a corpus, computed once, on demand.

Notebooks start with ``analysis = analyse(seeds_dir)`` and then ask for what
they show (``analysis.evidence``, ``analysis.rates``, ``analysis.keyness(city)``
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
from helpers.analysis.coding import code_sentences, coding_decisions, measure_counts, measure_rates
from helpers.analysis.contingency import ChiSquareResult, chi_square, crosstab
from helpers.analysis.cooccurrence import cooccurrence as cooccurrence_matrix
from helpers.analysis.events import extract_events
from helpers.analysis.keyness import check_reference, keyness_against
from helpers.analysis.keyness import keyness as keyness_by_city
from helpers.analysis.periods import compare_years
from helpers.analysis.reference_events import load_reference_events
from helpers.corpus import Corpus, read_corpus
from helpers.corpus.cities import check_cities as check_city_list
from helpers.corpus.cities import check_city
from helpers.corpus.gazetteer import default_gazetteer
from helpers.langs import check_lang
from helpers.text import reference, segment, words


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

        Everything computed from it (rates, evidence, tokens, events) depends
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
    def counts(self) -> pd.DataFrame:
        """Article × measure hits."""
        return measure_counts(self.articles, self.evidence, self.codebook)

    @cached_property
    def rates(self) -> pd.DataFrame:
        """City × measure hits, raw and per 10,000 characters."""
        return measure_rates(self.articles, self.evidence, self.codebook)

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """Tokens of every article, codebook terms kept whole (cached on disk by content)."""
        return segment.corpus_tokens(self.articles, extra_words=self.codebook.all_terms())

    def keyness(self, city: str, against: str = "cities") -> pd.DataFrame:
        """Words of ``city`` against the other cities or against general Chinese (G², log ratio).

        Parameters
        ----------
        against
            ``"cities"``: the rest of the corpus; ``"general"``: the fixed
            reference word list of :mod:`helpers.text.reference`, which keeps the
            result independent of the other cities' articles.
        """
        self.check_city(city)
        check_reference(against)
        if (city, against) not in self._keyness:
            if against == "general":
                result = keyness_against(self.tokens, reference.general_frequencies(), city)
            else:
                result = keyness_by_city(self.tokens, city)
            self._keyness[(city, against)] = result
        return self._keyness[(city, against)]

    @cached_property
    def all_keyness(self) -> pd.DataFrame:
        """Every city's words against the rest of the corpus, one frame (column ``city``)."""
        return keyness_by_city(self.tokens)

    def token_counts(self, city: str | None = None) -> pd.Series:
        """Frequency of each content word, in one city or the whole corpus, most frequent first."""
        tokens = self.tokens if city is None else self.tokens[self.tokens["city"] == self.check_city(city)]
        content = words.content_words(tokens["token"])
        counts = pd.Series(list(content), dtype="object").value_counts()
        # Ties in a stable, language-independent order.
        frame = counts.rename_axis("token").reset_index(name="count")
        frame = frame.sort_values(["count", "token"], ascending=[False, True], kind="mergesort")
        return frame.set_index("token")["count"]

    @cached_property
    def crosstab(self) -> pd.DataFrame:
        """Measure × city hits (national commentary left out: it describes no city's practice)."""
        cities = [c for c in self.cities if c != default_gazetteer().national]
        return crosstab(self.evidence, self.codebook, cities=cities)

    @cached_property
    def chi_square(self) -> ChiSquareResult:
        return chi_square(self.crosstab)

    @cached_property
    def cooccurrence(self) -> pd.DataFrame:
        return cooccurrence_matrix(self.evidence, self.codebook)

    @cached_property
    def years(self) -> pd.DataFrame:
        """2020 articles against 2022 articles, per measure."""
        return compare_years(self.articles, self.evidence, self.codebook)

    @cached_property
    def events(self) -> pd.DataFrame:
        """Dated events in the texts (:func:`helpers.extract_events`), labelled with the analysis's tokenizer."""
        return extract_events(self.articles, self.sentences,
                              tokenizer=segment.get_tokenizer(self.codebook.all_terms()))

    @cached_property
    def reference_events(self) -> pd.DataFrame:
        return load_reference_events()

    def check_cities(self, cities: list[str] | None) -> list[str]:
        """The cities asked for (all when None), each checked against the corpus."""
        return self.cities if cities is None else check_city_list(cities, self.cities)

    def rates_for(self, cities: list[str] | None = None) -> pd.DataFrame:
        """:attr:`rates` of some cities (all when None)."""
        return self.rates[self.rates["city"].isin(self.check_cities(cities))]

    def evidence_for(self, cities: list[str] | None = None) -> pd.DataFrame:
        """:attr:`evidence` of some cities (all when None)."""
        return self.evidence[self.evidence["city"].isin(self.check_cities(cities))]

    def city_evidence(self, city: str) -> pd.DataFrame:
        return self.evidence_for([city])

    def city_rates(self, city: str) -> pd.DataFrame:
        self.check_city(city)
        return self.rates[self.rates["city"] == city]

    def top_measures(self, city: str, n: int = 3) -> list[str]:
        """The city's most mentioned measures (at least one hit), most first."""
        rates = self.city_rates(city)
        rates = rates[rates["hits"] > 0].sort_values(["hits", "measure"], ascending=[False, True])
        return list(rates["measure"].head(n))


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
