"""``python -m helpers validate``: the coding against a hand-coded gold file, per measure and overall."""

from __future__ import annotations

import argparse
from pathlib import Path

from helpers.csvfile import CSV_NOTE, write_csv

FORMATS = ("table", "csv")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``validate`` sub-command."""
    parser = subparsers.add_parser(
        "validate",
        help="compare the coding with hand coding (precision, recall, F1, specificity, alpha)",
        description="Code the articles of the seeds folder and compare, per article and measure, "
        "with a hand-coded gold file (YAML: articles: {ID: {measures: {MEASURE: 1 | 0 | \"?\"}}}); "
        "cells coded \"?\" are skipped. Prints precision, recall, F1, specificity and Krippendorff's "
        "alpha per measure and overall. With --against, compares two gold files (agreement of two coders).",
    )
    parser.add_argument("--gold", type=Path, required=True, metavar="FILE", help="the hand-coded gold file")
    parser.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="seeds folder (default: seeds/)")
    parser.add_argument("--against", type=Path, default=None, metavar="FILE",
                        help="a second gold file to compare with instead of the coding")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help=f"output format (default: table); {CSV_NOTE}")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from helpers.analysis import analyse
    from helpers.analysis.codebook import load_codebook
    from helpers.analysis.validation import compare, gold_as_coding, load_gold, presence
    from helpers.errors import HelpersError

    codebook = load_codebook()
    gold = load_gold(args.gold, codebook)
    if args.against is not None:
        coded = gold_as_coding(load_gold(args.against, codebook))
    else:
        analysis = analyse(args.seeds)
        unknown = sorted(set(gold["id"]) - set(analysis.all_articles["id"]))
        if unknown:
            raise HelpersError(f"{args.gold.name}: articles not in the seeds folder: {', '.join(unknown)}; "
                               "fix: check the ids (file names without .txt) or pass --seeds DIR")
        coded = presence(analysis.articles, analysis.evidence, codebook)
    table = compare(coded, gold, codebook.ids)
    if args.format == "csv":
        write_csv(table, float_format="%.3f")
    else:
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="—"))
    return 0
