"""What counts as a word: stopwords, content words, and the words worth showing a reader.

One module for every word filter: :func:`is_content_word` (what frequency
counts and keyness weigh: no stopword, punctuation, number or single Latin
letter) and :func:`is_displayable` (what a chart, table or word cloud shows:
two or more Han characters, not a numeral, not a stopword).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.errors import HelpersError
from helpers.schema import read_lines
from helpers.script import is_han_word

_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]")
_NUMBER = re.compile(r"^[\d.,%+\-:/]+$|^[\d.]+[%万亿千百余多]*$|^[零一二三四五六七八九十百千万亿两]+$")
_LATIN_LETTER = re.compile(r"^[A-Za-z]$")
_DIGITS = re.compile(r"^[0-9０-９.,，．%％]+$")
_CHINESE_NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两几")
#: Shortest word shown to readers; single characters are mostly fragments or function words (防, 新).
MIN_SHOWN_LENGTH = 2


def load_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """The stopword list (``data/stopwords.txt``), Latin entries lower-cased.

    Raises
    ------
    HelpersError
        Naming the file and line of an entry holding a space.
    """
    path = Path(path) if path is not None else paths.data_file("stopwords.txt")
    return _load_stopwords_cached(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@functools.lru_cache(maxsize=4)
def _load_stopwords_cached(path: str, _mtime: int) -> frozenset[str]:
    words = set()
    for number, line in read_lines(Path(path)):
        if any(ch.isspace() for ch in line):
            raise HelpersError(f"{Path(path).name}, line {number}: one word per line, {line!r} has a space")
        words.add(line.lower())
    return frozenset(words)


def is_content_word(token: str, stopwords: frozenset[str]) -> bool:
    """False for stopwords, punctuation, numbers and single Latin letters."""
    token = token.strip()
    return bool(
        token
        and _WORDLIKE.search(token)
        and not _NUMBER.match(token)
        and not _LATIN_LETTER.match(token)
        and token.lower() not in stopwords
    )


def content_words(tokens: pd.DataFrame | Iterable[str], stopwords: frozenset[str] | None = None):
    """Drop stopwords, punctuation, numbers and single Latin letters.

    Parameters
    ----------
    tokens : DataFrame or iterable of str
        A :func:`corpus_tokens` frame (filtered on its ``token`` column) or plain tokens.
    stopwords : frozenset, optional
        Default: :func:`load_stopwords` ``()``.

    Returns
    -------
    DataFrame or list of str
        The same kind as the input.
    """
    stopwords = load_stopwords() if stopwords is None else stopwords
    if isinstance(tokens, pd.DataFrame):
        keep = tokens["token"].map(lambda t: is_content_word(t, stopwords))
        return tokens[keep].reset_index(drop=True)
    return [t for t in tokens if is_content_word(t, stopwords)]


def is_weighable(token: str) -> bool:
    """A token keyness weighs: not blank, punctuation, a number or a single Latin letter (stopwords apart).

    Looser than :func:`is_content_word`: numbers written in Chinese numerals
    (三, 两) pass.  Keyness keeps this set so its G² values do not move; the
    two filters become one when the keyness reference is reworked.
    """
    if token.isalnum() and not token.isascii():
        # The common case (Chinese words) without a per-character lookup: every
        # character is a letter or a number, and it is not a single Latin letter.
        return not _DIGITS.match(token)
    token = token.strip()
    if not token or _DIGITS.match(token):
        return False
    if not any(unicodedata.category(ch)[0] in ("L", "N") for ch in token):
        return False
    if len(token) == 1 and token.isascii() and token.isalpha():
        return False
    return True


def is_displayable(token: str, min_length: int = MIN_SHOWN_LENGTH,
                   stopwords: Collection[str] = frozenset()) -> bool:
    """A Chinese word worth showing a reader: ``min_length`` or more Han characters, not a numeral, not a stopword.

    Numbers, punctuation and Latin tokens say nothing about a city's measures.
    """
    word = str(token).strip()
    return (len(word) >= min_length and is_han_word(word)
            and not set(word) <= _CHINESE_NUMERALS and word not in stopwords)
