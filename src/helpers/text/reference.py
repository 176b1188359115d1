"""A fixed reference for keyness: word frequencies of general Chinese.

The reference is the word list that ships with jieba (``jieba/dict.txt``):
about 349,000 words with frequencies counted on a large general corpus
(news, literature and web text; jieba uses them to segment) and a
part-of-speech tag each.  It is pinned with jieba in ``requirements.lock``,
so it changes only when jieba does.  Keyness uses it when a city's articles
cannot be weighed against the rest of the corpus (a city profile reads its
own city's articles only; a small corpus has too few other articles; see
:mod:`helpers.analysis.keyness`).

What the list cannot count.  The terms this project keeps whole (the user
dictionary's and the codebook's: 疫情防控, 核酸检测, 居家隔离, 网格员) are
missing from it, not because general Chinese never uses them but because
the list cut them into shorter words (疫情 + 防控); and almost half its
entries carry the same placeholder frequency, 3, which records that a word
is listed, not how often it occurs (:func:`placeholder_frequency`).  Such a
word is given :meth:`ListedWords.frequency`: the frequency of the rarest of
the listed words it splits into, an upper bound on its own frequency (every
occurrence of 核酸检测 in the list's corpus was counted as an occurrence of
核酸 and of 检测).  A ratio computed against that bound is a lower bound on
the true one: it understates, never overstates, how much more often a city
uses the word.  Keyness smooths both sides on top of this
(:mod:`helpers.analysis.keyness`), so a word that cannot be split at all
still gets a finite ratio.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from helpers.errors import HelpersError
from helpers.wordlist import ENTRY as _ENTRY
from helpers.wordlist import jieba_dictionary

# One entry (helpers.wordlist.ENTRY): the whole file is matched at once, a loop over 349,000 lines took
# three times as long.
#: Longest listed piece tried when a missing word is split (jieba's longest entries are about this long).
_MAX_PIECE = 12


@functools.lru_cache(maxsize=2)
def general_words(path: str | None = None) -> pd.DataFrame:
    """The reference word list: word → frequency and part-of-speech tag (jieba's ``dict.txt`` by default).

    Parameters
    ----------
    path
        A file of ``word frequency [tag]`` lines, UTF-8.

    Returns
    -------
    DataFrame
        Indexed by ``token`` (unique, file order), columns ``frequency`` (int)
        and ``tag`` (jieba's letters, ``x`` when the line has none); a word
        listed twice has its frequencies added and its first tag.

    Raises
    ------
    HelpersError
        Naming the file and the line of an entry that is not ``word frequency [tag]``.
    """
    source = Path(path) if path is not None else jieba_dictionary()
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise HelpersError(f"{source.name}: cannot read the reference word list ({exc})") from None
    rows = _ENTRY.findall(text)
    if len(rows) != sum(1 for line in text.splitlines() if line.strip()):
        _raise_first_bad_line(source.name, text)
    frame = pd.DataFrame(
        {"frequency": [int(row[1]) for row in rows], "tag": [row[2] or "x" for row in rows]},
        index=pd.Index([row[0] for row in rows], name="token"),
    )
    if not frame.index.is_unique:
        frame = frame.groupby(level=0, sort=False).agg({"frequency": "sum", "tag": "first"})
    return frame


def _raise_first_bad_line(name: str, text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not _ENTRY.fullmatch(line):
            raise HelpersError(f"{name} line {number}: expected 'word frequency [tag]', got {line.strip()!r}")


def general_frequencies(path: str | None = None) -> pd.Series:
    """Word → frequency in general Chinese (:func:`general_words`' ``frequency``, named ``"frequency"``)."""
    return general_words(path)["frequency"]


class ListedWords:
    """Word → frequency of a reference list, for fast look-ups of single words and splits of missing ones.

    Attributes
    ----------
    total : int
        The sum of all frequencies.
    uncounted : int
        The frequency at and below which an entry records that the word is
        listed rather than how often it occurs (:func:`placeholder_frequency`).
    """

    def __init__(self, frequencies: Mapping[str, int], uncounted: int | None = None):
        self.frequencies = frequencies
        self.total = sum(frequencies.values())
        self.uncounted = placeholder_frequency(frequencies.values()) if uncounted is None else uncounted

    def get(self, word: str) -> int:
        return int(self.frequencies.get(word, 0))

    def split(self, word: str) -> list[str] | None:
        """The most probable cut of ``word`` into listed words other than itself, as jieba would cut it; None if none.

        The cut maximises the sum over its pieces of log(frequency / total),
        jieba's route search; None when some character is in no listed word.
        """
        n = len(word)
        log_total = math.log(self.total) if self.total > 0 else 0.0
        best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
        best[n] = (0.0, [])
        for start in range(n - 1, -1, -1):
            for end in range(start + 1, min(n, start + _MAX_PIECE) + 1):
                rest = best[end]
                frequency = self.get(word[start:end]) if (start, end) != (0, n) else 0
                if frequency > 0 and rest is not None:
                    score = math.log(frequency) - log_total + rest[0]
                    current = best[start]
                    if current is None or score > current[0]:
                        best[start] = (score, [word[start:end], *rest[1]])
        found = best[0]
        return found[1] if found is not None else None

    def frequency(self, word: str) -> tuple[int, bool]:
        """The word's frequency, and whether it is an upper bound rather than a count.

        A word listed with a count (above :attr:`uncounted`): that count,
        ``False``.  A word the list lacks, or lists without a count: the
        frequency of the rarest piece of :meth:`split`, ``True`` (an upper
        bound, see the module docstring), or the listed value if that is
        higher; 0 and ``True`` for a missing word that cannot be split.
        """
        frequency = self.get(word)
        if frequency > self.uncounted:
            return frequency, False
        pieces = self.split(word)
        # a piece without a count of its own is bounded by its own pieces in turn (网格化 → 网格 + 化)
        bound = min(self.frequency(piece)[0] for piece in pieces) if pieces else 0
        if bound > frequency:
            return bound, True
        return frequency, frequency == 0


def placeholder_frequency(frequencies: Iterable[int]) -> int:
    """The frequency a list gives words it lists without counting them: its most common one, if it stands out.

    jieba's list gives 159,316 of its 349,045 entries the frequency 3, four
    times as many as the frequency 2 and twelve times as many as 4: a value
    given to words taken from another lexicon, not a count (防护服 3,
    党员干部 3).  A frequency counts as such a placeholder when at least
    twice as many entries hold it as hold any other; 0 (none) otherwise.
    """
    counts = Counter(frequencies)
    if len(counts) < 2:
        return 0
    (most, first), (_, second) = counts.most_common(2)
    return int(most) if first >= 2 * second else 0


@functools.lru_cache(maxsize=2)
def listed_words(path: str | None = None) -> ListedWords:
    """:func:`general_words` for look-ups (kept for the process)."""
    frame = general_words(path)
    return ListedWords(dict(zip(frame.index.tolist(), frame["frequency"].tolist())))
