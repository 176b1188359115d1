"""Sentences: where one ends, and the sentence table of a corpus.

A sentence ends at 。 ! ? (with the closing quotes or brackets right after);
a ``?`` that marks a character lost by the source does not end one.  Offsets
are into the article's normalised ``text``; ``sentence_original`` is the same
sentence in the article's original script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from helpers.corpus.cleaning import is_lost_character

SENTENCE_COLUMNS = ["id", "city", "sentence_no", "start", "end", "sentence", "sentence_original"]
_SENTENCE_END = "。!?\uff01\uff1f"
_CLOSERS = "”’」』)\u300d\u300f\uff09"
_SENTENCE_END_CHAR = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_SENTENCE_TAIL = re.compile(f"[{re.escape(_SENTENCE_END + _CLOSERS)}]*")


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one line (whitespace around them excluded).

    A sentence ends at 。 ! ? (and closing quotes or brackets right after);
    a ``?`` that marks a lost character (see :func:`normalise_width`) does not end one.
    """
    spans, start, search_from = [], 0, 0
    while match := _SENTENCE_END_CHAR.search(line, search_from):
        index = match.start()
        if line[index] == "?" and is_lost_character(line, index):
            search_from = index + 1
            continue
        # The sentence takes every end mark and closing quote or bracket right after it.
        start_next = _SENTENCE_TAIL.match(line, index + 1).end()
        spans.append((start, start_next))
        start = search_from = start_next
    spans.append((start, len(line)))
    return trimmed_spans(line, spans)


def trimmed_spans(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` of ``line`` without the whitespace at their ends; blank ones dropped."""
    trimmed = []
    for begin, end in spans:
        piece = line[begin:end]
        if piece.strip():
            trimmed.append((begin + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))))
    return trimmed


def iter_sentences(text: str) -> Iterable[tuple[int, int]]:
    """Spans of every sentence in a multi-line text (offsets into ``text``)."""
    offset = 0
    for line in text.split("\n"):
        for start, end in sentence_spans(line):
            yield offset + start, offset + end
        offset += len(line) + 1


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of every article.

    Parameters
    ----------
    articles : DataFrame
        With ``id``, ``city``, ``text`` and ``text_original``.

    Returns
    -------
    DataFrame
        Columns :data:`SENTENCE_COLUMNS`; ``text[start:end] == sentence`` and
        ``sentence_original`` is the same span of ``text_original``.
    """
    rows = []
    columns = (articles[name] for name in ("id", "city", "text", "text_original"))
    for article_id, city, text, text_original in zip(*columns):
        spans = list(iter_sentences(text))
        # Most articles are Simplified already: the same text has the same sentences.
        original_spans = spans if text_original == text else list(iter_sentences(text_original))
        aligned = len(spans) == len(original_spans)
        for number, (start, end) in enumerate(spans):
            sentence = text[start:end]
            if aligned:
                o_start, o_end = original_spans[number]
                original = text_original[o_start:o_end]
            else:  # conversion changed the punctuation: fall back to the same offsets
                original = text_original[start:end]
            rows.append((article_id, city, number, start, end, sentence, original))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)

