"""``python -m helpers build``: execute the notebooks and export the HTML reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build every report (incremental, parallel)",
        description="Execute every notebook for every parameter set with papermill and export "
        "HTML reports in Chinese and English. Unchanged reports are not rebuilt.",
    )
    parser.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    parser.add_argument("--out", type=Path, default=None, help="reports folder (default: reports/)")
    parser.add_argument("--build-dir", type=Path, default=None,
                        help="executed notebooks and build state (default: build/ beside --out)")
    parser.add_argument("--lang", default="all", help="zh, en or all (default: all)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: CPU cores)")
    parser.add_argument("--force", action="store_true", help="rebuild everything")
    parser.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                        help="wait this long for another running build instead of refusing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from helpers.langs import parse_langs
    from helpers.publish.build import build

    summary = build(
        seeds_dir=args.seeds,
        out_dir=args.out,
        build_dir=args.build_dir,
        langs=parse_langs(args.lang),
        jobs=args.jobs,
        force=args.force,
        wait_seconds=args.wait,
    )
    if not summary.ok:
        for name, error in summary.failed:
            print(f"error: report {name} failed: {error}", file=sys.stderr)
        return 1
    return 0
