"""How large may an article file be, and when may it have been published? (``data/limits.yaml``)

The corpus checks a file's size before it reads a byte of it, so a dump of
many megabytes dropped into the seeds folder is skipped with a reason that
names the limit and where to change it, instead of slowing every notebook.
A publication date outside the corpus's range (a typo such as 2031, a page
from 1999) keeps the article, with a warning naming the range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field, model_validator

from helpers import paths, schema
from helpers.catalogue import Message, message
from helpers.errors import HelpersError

LIMITS_FILE = "limits.yaml"
_MIN_ARTICLE_BYTES = 1000
# The first cases were reported in Wuhan in December 2019.  The end is a fixed day, not today, so
# the same seeds give the same warnings (and the same reports) on any day; move it on when the
# corpus grows past it.
PUBLISHED_FROM = dt.date(2019, 12, 1)
PUBLISHED_TO = dt.date(2025, 12, 31)


class LimitsFile(schema.Section):
    """The schema of ``data/limits.yaml``; every key is described in ``data/defaults.yaml``."""

    max_article_bytes: Annotated[int, Field(ge=_MIN_ARTICLE_BYTES)]
    published_from: schema.Date = PUBLISHED_FROM
    published_to: schema.Date = PUBLISHED_TO

    @model_validator(mode="after")
    def _range(self) -> LimitsFile:
        if self.published_from > self.published_to:
            raise schema.fail(f"published_from {self.published_from} is after published_to {self.published_to}",
                              "swap the two dates", ("published_from",))
        return self


@dataclass(frozen=True)
class Limits:
    """Validated limits.

    Attributes
    ----------
    max_article_bytes : int
        Largest article file the corpus reads, in bytes.
    published_from, published_to : date
        The range of plausible publication dates (both days included).
    """

    max_article_bytes: int
    published_from: dt.date = PUBLISHED_FROM
    published_to: dt.date = PUBLISHED_TO


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
    checked = schema.load(path, LimitsFile)
    return Limits(max_article_bytes=checked.max_article_bytes, published_from=checked.published_from,
                  published_to=checked.published_to)


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


def check_published(published: str | None, limits: Limits | None = None) -> Message | None:
    """A warning when the ISO date ``published`` lies outside the corpus's range, else None.

    Parameters
    ----------
    published : str or None
        An article's publication date, ``YYYY-MM-DD`` (None: not known, nothing to check).
    limits : Limits, optional
        Default: the shipped ``limits.yaml``.
    """
    if published is None:
        return None
    limits = limits or load_limits()
    if limits.published_from <= dt.date.fromisoformat(published) <= limits.published_to:
        return None
    return message("warning.published_out_of_range", date=published, start=limits.published_from.isoformat(),
                   end=limits.published_to.isoformat(), file=LIMITS_FILE)
