"""How large may an article file be? (``data/limits.yaml``)

The corpus checks a file's size before it reads a byte of it, so a dump of
many megabytes dropped into the seeds folder is skipped with a reason that
names the limit and where to change it, instead of slowing every notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field

from helpers import paths, schema
from helpers.errors import HelpersError

LIMITS_FILE = "limits.yaml"
_MIN_ARTICLE_BYTES = 1000


class LimitsFile(schema.Section):
    """The schema of ``data/limits.yaml``; every key is described in ``data/defaults.yaml``."""

    max_article_bytes: Annotated[int, Field(ge=_MIN_ARTICLE_BYTES)]


@dataclass(frozen=True)
class Limits:
    """Validated limits.

    Attributes
    ----------
    max_article_bytes : int
        Largest article file the corpus reads, in bytes.
    """

    max_article_bytes: int


def load_limits(path: str | Path | None = None) -> Limits:
    """Load and validate the limits file.

    Parameters
    ----------
    path : str or Path, optional
        Default ``src/helpers/data/limits.yaml``.

    Returns
    -------
    Limits

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix.
    """
    path = Path(path) if path is not None else paths.data_file(LIMITS_FILE)
    return Limits(max_article_bytes=schema.load(path, LimitsFile).max_article_bytes)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def check_article_size(size: int, name: str, limits: Limits | None = None) -> None:
    """Raise if an article file of ``size`` bytes is over the limit.

    Parameters
    ----------
    size : int
        The file's size in bytes.
    name : str
        File name used in the message.
    limits : Limits, optional
        Default: the shipped ``limits.yaml``.

    Raises
    ------
    HelpersError
        ``"<name>: file is 10.5 MB, over the 1.0 MB limit ..."`` with the fix.
    """
    limits = limits or load_limits()
    if size > limits.max_article_bytes:
        raise HelpersError(
            f"{name}: file is {_megabytes(size)}, over the {_megabytes(limits.max_article_bytes)} limit "
            "for one article; "
            f"split it into one file per article or raise max_article_bytes in {LIMITS_FILE}"
        )
