"""``python -m helpers timeline``: the dated events of every article, or what it announced, as a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.commands.corpus import add_engine_option, stored_corpus
from helpers.csvfile import CSV_NOTE, write_csv_batches

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
    add_engine_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """The stored events, one batch at a time; the warnings of articles without a date first, on stderr."""
    with stored_corpus(args) as corpus:
        for message in corpus.event_warnings():
            print(f"warning: {message}", file=sys.stderr)
        columns = None if args.all_columns else list(DEFAULT_COLUMNS)
        table = "announcements" if args.announcements else "events"
        write_csv_batches(corpus.table(table, columns))
    return 0
