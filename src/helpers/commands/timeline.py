"""``python -m helpers timeline``: the dated events of every article, as a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.commands.corpus import add_engine_option, stored_corpus

#: Columns printed by default (the full table has more, see ``--all-columns``).
DEFAULT_COLUMNS: tuple[str, ...] = (
    "id", "city", "date", "end_date", "precision", "time", "part_of_day", "year_resolved",
    "expression", "label", "start", "end", "sentence",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "timeline",
        help="print the dated events found in the articles",
        description="Find the date expressions of every article (full dates, month-days, "
        "times, 次日/当天, ranges, months), resolve their years from the publication date "
        "and print one row per event. Articles without a publication date keep their "
        "events with year_resolved=False and a warning on stderr.",
    )
    parser.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    parser.add_argument("--format", choices=("csv",), default="csv",
                        help="output format (default: csv)")
    parser.add_argument("--all-columns", action="store_true",
                        help="print every column of the events table, not only the main ones")
    add_engine_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """The stored events, one batch at a time; the warnings of articles without a date first, on stderr."""
    with stored_corpus(args) as corpus:
        for message in corpus.event_warnings():
            print(f"warning: {message}", file=sys.stderr)
        columns = None if args.all_columns else list(DEFAULT_COLUMNS)
        for number, events in enumerate(corpus.table("events", columns)):
            events.to_csv(sys.stdout, index=False, header=number == 0, lineterminator="\n")
    return 0
