"""``python -m helpers export``: the whole analysis as one Excel workbook, the one the build puts beside the reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("xlsx",)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` sub-command."""
    parser = subparsers.add_parser(
        "export",
        help="the whole analysis as one Excel workbook",
        description="Write every table of the analysis -- the articles, what cleaning did, the measures "
        "by city, year and article, every coded sentence with its quote, the words, the events, the tests "
        "when they ran -- to one .xlsx file with a sheet per table, headers in the chosen language. "
        "The same inputs give the same bytes; the build writes the same file as reports/<lang>/analysis.xlsx.",
    )
    parser.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="seeds folder (default: seeds/)")
    parser.add_argument("--lang", default="zh", help="language of sheet names and headers: zh or en (default: zh)")
    parser.add_argument("--format", choices=FORMATS, default="xlsx", help="output format (default: xlsx)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write (analysis.xlsx)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from helpers.analysis import analyse
    from helpers.langs import check_lang
    from helpers.publish.files import write_atomic
    from helpers.report.workbook import analysis_workbook

    lang = check_lang(args.lang)
    data = analysis_workbook(analyse(args.seeds, lang), lang)
    write_atomic(args.out, data)
    print(f"wrote {args.out} ({len(data) // 1024} kB)", file=sys.stderr)
    return 0
