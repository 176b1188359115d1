"""A fixed reference for keyness: word frequencies of general Chinese.

A city profile compares the city's words with this reference, not with the
other cities, so that it depends on the city's own articles alone: a new
article from elsewhere leaves the profile (and its build) untouched.  The
cross-city comparison of vocabulary is in the corpus overview.

The reference is the word list that ships with jieba (``jieba/dict.txt``):
about 349,000 words with frequencies counted on a large general corpus
(news, literature and web text; jieba uses them to segment).  It is pinned
with jieba in ``requirements.lock``, so it changes only when jieba does.
Its counts are the ones jieba segments with, which suits keyness here: our
tokens come from the same dictionary.  Words jieba does not list (new terms
such as 网格员, and the codebook's multi-word terms) count 0 in the reference;
the log ratio treats a 0 as 0.5, as for any zero frequency.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from helpers.errors import HelpersError


def jieba_dictionary() -> Path:
    """The path of jieba's bundled dictionary (``dict.txt``)."""
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


@functools.lru_cache(maxsize=2)
def general_frequencies(path: str | None = None) -> pd.Series:
    """Word → frequency in general Chinese, from jieba's dictionary (or a file in its format).

    Parameters
    ----------
    path
        A file of ``word frequency [tag]`` lines, UTF-8; jieba's ``dict.txt`` by default.

    Returns
    -------
    Series
        Indexed by word, integer frequencies, in file order; ``name`` is ``"frequency"``.
    """
    source = Path(path) if path is not None else jieba_dictionary()
    words: list[str] = []
    counts: list[int] = []
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise HelpersError(f"{source.name}: cannot read the reference word list ({exc})") from None
    for number, line in enumerate(lines, start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[1].isdigit():
            raise HelpersError(
                f"{source.name} line {number}: expected 'word frequency [tag]', got {line.strip()!r}"
            )
        words.append(parts[0])
        counts.append(int(parts[1]))
    series = pd.Series(counts, index=pd.Index(words, name="token"), name="frequency", dtype="int64")
    return series.groupby(level=0, sort=False).sum()
