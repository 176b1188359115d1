"""The on-disk cache of cleaned articles, tokens and layouts: JSON files named by content keys.

A cache only saves time, so nothing that happens to it stops the work: a
file that cannot be written is skipped, and a damaged one (truncated,
garbled, the wrong shape) is reported with one :class:`DamagedFileWarning`
line, removed and rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from helpers.errors import DamagedFileWarning

T = TypeVar("T")

# What a damaged file raises on reading, parsing or checking its shape.
DAMAGE = (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError)


def warn_damaged(path: Path, exc: BaseException, what: str = "cache file") -> None:
    """One warning line: the damaged file, why, and that it is rebuilt."""
    reason = " ".join(str(exc).split())[:200] or type(exc).__name__
    warnings.warn(f"{path}: damaged {what} ({type(exc).__name__}: {reason}); rebuilding it",
                  DamagedFileWarning, stacklevel=3)


def read_json(folder: Path, key: str, convert: Callable[[object], T]) -> T | None:
    """``convert`` of the JSON in ``folder/key.json``; None when the file is missing or damaged.

    ``convert`` checks the shape and builds the value; anything it raises of
    :data:`DAMAGE` marks the file damaged: one warning, and the file is removed
    so that it is written again.
    """
    path = folder / f"{key}.json"
    try:
        return convert(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except DAMAGE as exc:
        warn_damaged(path, exc)
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def write_json(folder: Path, key: str, value: object) -> None:
    """Store ``value`` as ``folder/key.json``, written then renamed so readers never see half a file.

    A cache that cannot be written (read-only, full disk) only costs speed, so
    errors are ignored and no temporary file is left.
    """
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False)
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
