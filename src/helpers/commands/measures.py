"""``python -m helpers measures | evidence | keyness | kwic``: measures coding and word statistics."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.csvfile import CSV_NOTE, write_csv, write_csv_batches

if TYPE_CHECKING:  # pandas is imported by the commands that run, not by `--help` or `build`
    import pandas as pd

from helpers.commands.corpus import add_engine_option, stored_corpus

FORMATS = ("csv", "table")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the measures, evidence, keyness and kwic sub-commands."""
    p = subparsers.add_parser(
        "measures",
        help="which measures each article describes, or in how many sentences",
        description="Code every sentence with the measures codebook and print one row per article: "
        "id, city, then one integer column per measure id in codebook order.  Every matched term "
        "(a hit) is listed, with its sentence, by `python -m helpers evidence`.",
    )
    _common(p)
    add_engine_option(p)
    p.add_argument(
        "--unit",
        choices=("article", "sentence"),
        default="article",
        help="article (default): 1 if the article describes the measure at all, else 0; "
        "sentence: sentences coded with the measure, each counted once however many terms it holds",
    )
    p.set_defaults(func=run_measures)

    p = subparsers.add_parser(
        "evidence",
        help="the sentence behind every measure hit",
        description="One row per hit: id, city, measure, term, rule (the codebook rule that decided: term, "
        "near:WORD, label+action:WORD, label+serving:MEASURE), sentence_no, start, end (offsets of the term in "
        "the article's normalised text), sentence, sentence_original.  With --decisions, every occurrence of a "
        "codebook term instead, counted or not, with the rule and the reason.",
    )
    _common(p)
    p.add_argument("--measure", help="only this measure id (see `python -m helpers measures`)")
    p.add_argument("--city", help="only this city (Simplified Chinese name, e.g. 白城)")
    p.add_argument("--decisions", action="store_true",
                   help="every occurrence of a term with counted, rule and reason (why a term did not count)")
    add_engine_option(p)
    p.set_defaults(func=run_evidence)

    p = subparsers.add_parser(
        "keyness",
        help="each city's key words against its reference",
        description="Words a city uses more than its reference, strongest first: one row per city and word, "
        "with city, token, freq_target, articles_target (the city's articles using it), freq_reference "
        "(an upper bound from the word's parts where reference_bound is True), g2, p_value (empty unless the "
        "city and its reference have the articles data/statistics.yaml asks for a test), log_ratio (smoothed: "
        "always finite), reference (cities: the rest of the corpus, when it has that many articles; general: "
        "jieba's word list of general Chinese) and group_articles.  Words are those every report counts: "
        "no single characters, numerals, stopwords, place or person names; in a city with two or more "
        "articles, only words used in at least two of them.",
    )
    _common(p)
    p.add_argument("--city", help="only this city (Simplified Chinese name, e.g. 孝感); every city by default")
    p.add_argument("--against", choices=("cities", "general"), default=None,
                   help="the reference; by default the rest of the corpus when it is large enough, else general")
    p.add_argument("--top", type=_positive, default=20, help="how many words per city (default 20)")
    p.add_argument("--min-freq", type=_positive, default=3, help="minimum frequency in the city (default 3)")
    p.set_defaults(func=run_keyness)

    p = subparsers.add_parser(
        "kwic",
        help="keyword in context",
        description="Every occurrence of TERM in the normalised text with WIDTH characters either side.",
    )
    p.add_argument("term", metavar="TERM", help="word to look for (Traditional is converted to Simplified)")
    p.add_argument("--width", type=_non_negative, default=10, help="characters of context each side (default 10)")
    _common(p)
    add_engine_option(p)
    p.set_defaults(func=run_kwic)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    parser.add_argument("--format", choices=FORMATS, default="csv", help=f"output format (default: csv); {CSV_NOTE}")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number")
    return number


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative")
    return number


def _print(table: pd.DataFrame, fmt: str) -> None:
    if fmt == "csv":
        write_csv(table)
    else:
        print(table.to_string(index=False) if len(table) else "(no rows)")


def _print_batches(tables: Iterable[pd.DataFrame], fmt: str) -> None:
    """Tables of consecutive batches as one: CSV as each comes (one header), a text table at the end."""
    import pandas as pd

    if fmt == "csv":
        write_csv_batches(tables)
    else:
        frames = list(tables)
        non_empty = [frame for frame in frames if len(frame)]
        _print(pd.concat(non_empty, ignore_index=True) if non_empty else frames[0], fmt)


def _corpus(seeds: Path | None):
    from helpers.corpus import read_corpus

    return read_corpus(seeds)


def _check_city(city: str, articles: pd.DataFrame) -> None:
    from helpers.corpus.cities import check_city

    check_city(city, articles["city"])


def run_measures(args: argparse.Namespace) -> int:
    """Article × measure counts, summed from the stored evidence one batch at a time."""
    from helpers.analysis.codebook import load_codebook
    from helpers.analysis.coding import measure_counts

    codebook = load_codebook()
    with stored_corpus(args) as corpus:
        batches = zip(corpus.table("articles", ["id", "city"]), corpus.table("evidence"))
        counts = (measure_counts(articles, evidence, codebook, unit=args.unit) for articles, evidence in batches)
        _print_batches(counts, args.format)
    return 0


def run_evidence(args: argparse.Namespace) -> int:
    """Every hit (or every decision) with its sentence, from the store one batch at a time."""
    import pandas as pd

    from helpers.analysis.codebook import load_codebook
    from helpers.analysis.coding import coding_decisions, filter_evidence

    codebook = load_codebook()
    if args.measure is not None:
        codebook.measure(args.measure)  # fail before reading the corpus
    with stored_corpus(args) as corpus:
        if args.city is not None:
            cities = {city for articles in corpus.table("articles", ["city"]) for city in articles["city"]}
            _check_city(args.city, pd.DataFrame({"city": sorted(cities)}))
        if args.decisions:  # not stored: decided again from the stored sentences and tokens, batch by batch
            genres = {row.id: row.genre for articles in corpus.table("articles", ["id", "genre"])
                      for row in articles.itertuples(index=False)}
            batches = (coding_decisions(sentences, codebook, tokens=tokens, genres=genres) for sentences, tokens
                       in zip(corpus.table("sentences"), corpus.table("tokens")))
        else:
            batches = corpus.table("evidence")
        tables = (filter_evidence(table, codebook, measure=args.measure, city=args.city, cities=[args.city])
                  for table in batches)
        _print_batches(tables, args.format)
    return 0


KEYNESS_CLI_COLUMNS = ["city", "token", "freq_target", "articles_target", "freq_reference", "reference_bound",
                       "g2", "p_value", "log_ratio", "reference", "group_articles"]


def run_keyness(args: argparse.Namespace) -> int:
    from helpers.analysis.facade import analyse
    from helpers.analysis.keyness import KEYNESS_COLUMNS, counts_keyness

    analysis = analyse(args.seeds)
    if args.city is not None:
        analysis.check_city(args.city)
    # the same words as the reports (codebook terms whole, names, numerals and stopwords left out), summed per city
    table = counts_keyness(analysis.word_counts, city=args.city, against=args.against, min_freq=args.min_freq)
    if table.empty:
        table = table.reindex(columns=KEYNESS_COLUMNS)
    table = table[table["direction"] == "over"].groupby("city", sort=False).head(args.top)
    _print(table[KEYNESS_CLI_COLUMNS].round({"g2": 3, "p_value": 6, "log_ratio": 3}), args.format)
    return 0


def run_kwic(args: argparse.Namespace) -> int:
    from helpers.analysis.kwic import kwic

    with stored_corpus(args) as corpus:
        tables = (kwic(articles, args.term, width=args.width)
                  for articles in corpus.table("articles", ["id", "city", "text"]))
        _print_batches(tables, args.format)
    return 0
