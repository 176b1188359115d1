"""``python -m helpers bench``: time the build and the corpus layer on this machine."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``bench`` sub-command."""
    parser = subparsers.add_parser(
        "bench",
        help="benchmark builds (cold, no-op, one new seed, naive CLI) and corpus processing",
        description="Measure a cold build, a no-op rebuild, a rebuild after one new seed and the same "
        "reports made with the papermill and nbconvert CLIs; corpus throughput against bare jieba; "
        "synthetic corpora of 1,000 and 10,000 articles. Prints the ratios and writes the results.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: Chinese reports only, synthetic corpora of 100 and 1,000 articles")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="results file, .md (with a .json beside it) or .json "
                        "(default: benchmarks/results.md)")
    parser.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="seeds folder (default: seeds/)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="work in DIR and keep it (executed notebooks, reports) instead of a temporary folder")
    parser.add_argument("--note", action="append", default=[], metavar="TEXT",
                        help="a line for the results' notes (e.g. what else ran on the machine); repeatable")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from helpers import paths
    from helpers.bench import format_markdown, run_bench, write_results

    result = run_bench(quick=args.quick, seeds_dir=args.seeds, keep=args.keep)
    result.notes = [*args.note, *result.notes]
    out = args.out or paths.project_root() / "benchmarks" / "results.md"
    write_results(result, out)
    print(format_markdown(result))
    print(f"results written to {out}")
    return 0
