"""``python -m helpers timeline``: the dated events of every article, or what it announced, as a table."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from helpers.csvfile import CSV_NOTE, write_csv

#: Columns printed by default (the full table has more, see ``--all-columns``).
DEFAULT_COLUMNS: tuple[str, ...] = (
    "id", "city", "date", "end_date", "status", "precision", "time", "part_of_day", "year_resolved",
    "expression", "label", "start", "end", "sentence",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "timeline",
        help="print the dated events found in the articles",
        description="Find the date expressions of every article (full dates, month-days, "
        "times, 次日/当天, ranges, months, holidays, lunar dates, parts of a month, 今天/明天, "
        "weeks), resolve their years from the publication date and print one row per event, "
        "with its status against the publication date (reported, clipped). No event lies after its "
        "article's publication date: what an article announces for after it (a notice's testing days, "
        "a deadline still running) is printed with --announcements instead, in the same columns. Articles "
        "without a publication date keep their events with year_resolved=False and a warning on stderr.",
    )
    parser.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    parser.add_argument("--format", choices=("csv",), default="csv", help=f"output format (default: csv); {CSV_NOTE}")
    parser.add_argument("--all-columns", action="store_true",
                        help="print every column of the events table, not only the main ones")
    parser.add_argument("--announcements", action="store_true",
                        help="print what the articles announce for after their publication "
                        "(status announced) instead of the events they report")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from helpers.analysis.events import UnresolvedYearWarning, extract_dates
    from helpers.corpus import read_corpus

    corpus = read_corpus(args.seeds)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnresolvedYearWarning)
        dates = extract_dates(corpus.articles, corpus.sentences)
    for warning in caught:
        if issubclass(warning.category, UnresolvedYearWarning):
            print(f"warning: {warning.message}", file=sys.stderr)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename,
                                 warning.lineno)
    events = dates.announcements if args.announcements else dates.events
    table = events if args.all_columns else events[list(DEFAULT_COLUMNS)]
    write_csv(table)
    return 0
