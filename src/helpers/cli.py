"""``python -m helpers``: one sub-command per pipeline stage.

Each module in :mod:`helpers.commands` contributes its sub-commands through a
``register(subparsers)`` function; this file only dispatches and turns a
:class:`~helpers.errors.HelpersError` into a one-line message and exit code 2
(and a :class:`~helpers.errors.DamagedFileWarning` into one ``warning:`` line).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import sys
import warnings
from collections.abc import Sequence

from helpers.errors import DamagedFileWarning, HelpersError

COMMAND_MODULES = ("corpus", "measures", "timeline", "validate", "export", "build")


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
    _quiet_libraries()
    with warnings.catch_warnings():
        warnings.showwarning = functools.partial(_show_warning, warnings.showwarning)
        try:
            return int(args.func(args) or 0)
        except HelpersError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # e.g. piped into `head`
            return 0
        except KeyboardInterrupt:
            print("interrupted: what was finished is kept; run the command again for the rest", file=sys.stderr)
            return 130


def _quiet_libraries() -> None:
    """The command line prints results and one-line problems: jieba's dictionary-loading chatter is neither."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    if "jieba" not in sys.modules:  # jieba sets its logger to DEBUG when it is imported
        import jieba

        jieba.setLogLevel(logging.WARNING)


def _show_warning(python_shows, message, category, filename, lineno, file=None, line=None) -> None:
    """The project's own warnings (a damaged cache rebuilt) are one line for the user; others as Python shows them."""
    if issubclass(category, DamagedFileWarning):
        print(f"warning: {message}", file=file or sys.stderr)
    else:
        python_shows(message, category, filename, lineno, file, line)
