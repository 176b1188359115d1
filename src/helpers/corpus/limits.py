"""How large may an article file be? (``data/limits.yaml``)

The corpus checks a file's size before it reads a byte of it, so a dump of
many megabytes dropped into the seeds folder is skipped with a reason that
names the limit and where to change it, instead of slowing every notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.errors import HelpersError
from helpers.schema import read_yaml

LIMITS_FILE = "limits.yaml"
_KEYS = ("max_article_bytes",)
_MIN_ARTICLE_BYTES = 1000


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
    data, lines = read_yaml(path)
    name = path.name
    if not isinstance(data, dict):
        raise HelpersError(f"{name}, line 1: expected the keys {', '.join(_KEYS)}; see the comments at the top")
    for key in data:
        if key not in _KEYS:
            raise HelpersError(f"{name}, line {lines.get((key,), 1)}: unknown key {key!r}; allowed: {', '.join(_KEYS)}")
    for key in _KEYS:
        if key not in data:
            raise HelpersError(f"{name}, line 1: {key} is missing; add it (see the comments at the top)")
    value = data["max_article_bytes"]
    if not isinstance(value, int) or isinstance(value, bool) or value < _MIN_ARTICLE_BYTES:
        raise HelpersError(
            f"{name}, line {lines.get(('max_article_bytes',), 1)}: max_article_bytes must be a whole number "
            f"of bytes, at least {_MIN_ARTICLE_BYTES}, not {value!r}"
        )
    return Limits(max_article_bytes=value)


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
            f"{name}: file is {_megabytes(size)}, over the {_megabytes(limits.max_article_bytes)} limit for one article; "
            f"split it into one file per article or raise max_article_bytes in {LIMITS_FILE}"
        )
