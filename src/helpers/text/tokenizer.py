"""A ``jieba.Tokenizer`` that finds the same words faster.

jieba's accurate mode builds, for every block of Han characters, a dict of
candidate word ends (``get_DAG``), then finds the most probable path through
it right to left (``calc``), calling ``log`` and ``max`` over a generator at
every character.  That route search is most of jieba's time on news text.

:class:`RouteTokenizer` does the same search in one right-to-left pass:

* one table maps every dictionary entry to ``log(freq) - log(total)`` (or to
  ``None`` for a prefix that is not a word), so each step is one dict look-up
  instead of a membership test, a second look-up and a ``log``;
* candidate ends are scored as they are found, without the DAG dict, the
  tuples and ``max``; ties go to the longer word, as in jieba's ``max`` over
  ``(score, end)`` tuples;
* the scores are the same floating-point operations in the same order, so
  the chosen path, and the tokens, are jieba's own.

Everything else (block splitting, the HMM for unknown words, ``add_word``,
``lcut``) is jieba's.  The override applies only to the jieba version it was
checked against (:data:`CHECKED_JIEBA`); under any other version the class
is plain jieba.  ``tests/test_fast_tokenizer.py`` compares tokens with stock
jieba on the seeds, on synthetic articles and on random strings, with and
without user words.
"""

from __future__ import annotations

from math import log

import jieba
from jieba import finalseg

CHECKED_JIEBA = "0.42.1"
_PREFIX_ONLY = None  # table value of a prefix that is not itself a word


class RouteTokenizer(jieba.Tokenizer):
    """``jieba.Tokenizer`` with a faster route search; same tokens (see module doc)."""

    _scores: dict[str, float | None] | None = None
    _unknown_score: float = 0.0

    def initialize(self, dictionary=None):
        self._scores = None
        return super().initialize(dictionary)

    def add_word(self, word, freq=None, tag=None):
        self._scores = None  # FREQ and total change: the table is rebuilt on next use
        return super().add_word(word, freq, tag)

    def _score_table(self) -> dict[str, float | None]:
        if self._scores is None:
            self.check_initialized()
            logtotal = log(self.total)
            # same expression as jieba's calc: log(FREQ.get(word) or 1) - logtotal
            self._scores = {w: (log(f) - logtotal if f else _PREFIX_ONLY) for w, f in self.FREQ.items()}
            self._unknown_score = log(1) - logtotal
        return self._scores

    def _route_ends(self, sentence: str) -> list[int]:
        """For each position, the last index of the word the best path takes from there."""
        get = self._score_table().get
        unknown = self._unknown_score
        n = len(sentence)
        score: list[float] = [0.0] * (n + 1)
        score[n] = 0  # jieba: route[N] = (0, 0)
        ends = [0] * n
        absent = ends  # any object that is not a table value
        for start in range(n - 1, -1, -1):
            best = None
            best_end = start
            i = start
            value = get(sentence[start], absent)
            while value is not absent:
                if value is not _PREFIX_ONLY:
                    total = value + score[i + 1]
                    # ends come in increasing order; jieba's max over (score, end) keeps the later one on a tie
                    if best is None or total >= best:
                        best, best_end = total, i
                i += 1
                if i >= n:
                    break
                value = get(sentence[start:i + 1], absent)
            score[start] = best if best is not None else unknown + score[start + 1]
            ends[start] = best_end
        return ends

    def _single_characters(self, buf: str):
        """A run of one-character route steps, as jieba yields it: HMM for unknown runs."""
        if len(buf) == 1:
            yield buf
        elif not self.FREQ.get(buf):
            yield from finalseg.cut(buf)
        else:
            yield from buf

    if jieba.__version__ == CHECKED_JIEBA:
        def _Tokenizer__cut_DAG(self, sentence):  # noqa: N802 - overrides jieba's private name
            """jieba's ``__cut_DAG`` (accurate mode with HMM), over :meth:`_route_ends`."""
            ends = self._route_ends(sentence)
            x = 0
            buf = ""
            n = len(sentence)
            while x < n:
                y = ends[x] + 1
                word = sentence[x:y]
                if y - x == 1:
                    buf += word
                else:
                    if buf:
                        yield from self._single_characters(buf)
                        buf = ""
                    yield word
                x = y
            if buf:
                yield from self._single_characters(buf)
