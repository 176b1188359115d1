"""``python -m helpers``: one sub-command per pipeline stage.

Each module in :mod:`helpers.commands` contributes its sub-commands through a
``register(subparsers)`` function; this file only dispatches and turns a
:class:`~helpers.errors.HelpersError` into a one-line message and exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from helpers.errors import HelpersError

COMMAND_MODULES = ("corpus", "measures", "timeline", "validate", "build")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers",
        description="Chinese news corpus on community COVID-19 prevention: analysis and reports.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"helpers.commands.{name}")
        except ModuleNotFoundError as exc:  # a stage not written yet
            if exc.name == f"helpers.commands.{name}":
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except HelpersError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
