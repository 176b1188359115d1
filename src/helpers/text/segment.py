"""Words: the project's own ``jieba.Tokenizer``, user dictionary, stopwords, tokens.

The tokenizer is an explicit instance (never jieba's global one, never
``enable_parallel``), its prefix-dictionary cache lives in ``cache_dir()``,
and the user dictionary (``data/userdict.txt``) keeps this domain's terms
whole (核酸检测, 居家隔离, 网格员, 下沉干部 ...).  Tokens of an article are
cached by a hash of its text and the dictionary, so notebooks neither pay
jieba's dictionary load nor re-segment when nothing changed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from helpers import paths
from helpers.cache import read_json, write_json
from helpers.errors import HelpersError
from helpers.schema import read_lines

if TYPE_CHECKING:
    import jieba

# Bump when tokenisation changes in a way the dictionary files do not show.
SEGMENT_VERSION = "segment-1"
TOKEN_COLUMNS = ["id", "city", "token", "position", "start", "end"]

_ENTRY = re.compile(r"^(?P<word>\S+)(?:\s+(?P<freq>\S+))?(?:\s+(?P<tag>\S+))?$")
_TAG = re.compile(r"^[A-Za-z]+$")


def load_userdict(path: str | Path | None = None) -> list[tuple[str, int | None, str | None]]:
    """Load and validate the user dictionary.

    Parameters
    ----------
    path : str or Path, optional
        Default ``data/userdict.txt``.

    Returns
    -------
    list of tuple
        ``(word, frequency or None, tag or None)`` per entry, in file order.

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix for a malformed or repeated entry.
    """
    path = Path(path) if path is not None else paths.data_file("userdict.txt")
    entries, seen = [], {}
    for number, line in read_lines(path):
        match = _ENTRY.match(line)
        if not match:
            raise HelpersError(f"{path.name}, line {number}: expected 'WORD [FREQUENCY] [TAG]', got {line!r}")
        word, freq, tag = match.group("word", "freq", "tag")
        if freq is not None and not freq.isdigit():
            if tag is None and _TAG.match(freq):
                freq, tag = None, freq
            else:
                raise HelpersError(f"{path.name}, line {number}: frequency {freq!r} must be a positive whole number")
        if freq is not None and int(freq) < 1:
            raise HelpersError(f"{path.name}, line {number}: frequency must be at least 1")
        if tag is not None and not _TAG.match(tag):
            raise HelpersError(f"{path.name}, line {number}: tag {tag!r} must be letters such as n or v")
        if word in seen:
            raise HelpersError(f"{path.name}, line {number}: {word} is already on line {seen[word]}; keep one")
        seen[word] = number
        entries.append((word, int(freq) if freq is not None else None, tag))
    return entries

def _jieba_dir() -> Path:
    folder = paths.cache_dir() / "jieba"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def new_tokenizer(extra_words: Iterable[str] = (), userdict: str | Path | None = None) -> jieba.Tokenizer:
    """A fresh tokenizer with the user dictionary and ``extra_words`` loaded.

    Parameters
    ----------
    extra_words : iterable of str
        More terms to keep whole (e.g. the measures codebook's).
    userdict : str or Path, optional
        Default ``data/userdict.txt``.

    Returns
    -------
    jieba.Tokenizer
        An instance of its own (a :class:`helpers.text.tokenizer.RouteTokenizer`:
        jieba's tokens, found faster); jieba's global tokenizer is never touched.
    """
    # imported on first use: keeps `import helpers.text.segment` cheap
    from helpers.text.tokenizer import RouteTokenizer

    tokenizer = RouteTokenizer()
    tokenizer.tmp_dir = str(_jieba_dir())
    tokenizer.cache_file = "jieba.default.cache"
    for word, freq, tag in load_userdict(userdict):
        tokenizer.add_word(word, freq, tag)
    for word in extra_words:
        word = str(word).strip()
        if word:
            tokenizer.add_word(word)
    return tokenizer


@functools.lru_cache(maxsize=8)
def _shared_tokenizer(extra_words: tuple[str, ...], cache_folder: str) -> jieba.Tokenizer:
    # cache_folder is part of the key: a tokenizer keeps the folder it was made with.
    return new_tokenizer(extra_words)


def get_tokenizer(extra_words: Iterable[str] = ()) -> jieba.Tokenizer:
    """The project's tokenizer with ``data/userdict.txt`` and ``extra_words`` loaded.

    One instance per distinct set of extra words is kept for the process, so
    jieba's dictionary is loaded once.  Treat it as read-only; use
    :func:`new_tokenizer` for one you may change.
    """
    words = tuple(sorted({str(w).strip() for w in extra_words if str(w).strip()}))
    return _shared_tokenizer(words, str(paths.cache_dir()))


def _token_columns(text: str, tokenizer: jieba.Tokenizer) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Tokens of ``text`` (whitespace dropped) with their start and end offsets (int64 arrays).

    The same tokens and offsets as ``tokenizer.tokenize``, but from one ``lcut``
    (what bare jieba runs) and running sums of token lengths: the generator of
    tuples and the filtering pass after it cost a quarter of jieba's own time,
    and offsets as Python ints most of the memory of a large corpus's tokens.
    """
    words = tokenizer.lcut(text)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    ends = np.cumsum(lengths)
    # jieba yields whitespace as tokens of its own: '' after strip
    keep = np.fromiter(map(bool, map(str.strip, words)), dtype=bool, count=len(words))
    return list(compress(words, keep)), (ends - lengths)[keep], ends[keep]


def _spans(text: str, tokenizer: jieba.Tokenizer) -> list[tuple[str, int, int]]:
    tokens, starts, ends = _token_columns(text, tokenizer)
    return list(zip(tokens, starts.tolist(), ends.tolist()))


def token_spans(text: str, tokenizer: jieba.Tokenizer | None = None) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` with their start and end offsets in it (whitespace dropped, punctuation kept).

    The same tokens as :func:`tokenize` and, for a whole article, as
    :func:`corpus_tokens`' ``token``, ``start`` and ``end``.
    """
    return _spans(text, tokenizer or get_tokenizer())


def tokenize(text: str, tokenizer: jieba.Tokenizer | None = None) -> list[str]:
    """Segment ``text`` into tokens (whitespace dropped, punctuation kept).

    Parameters
    ----------
    text : str
        Simplified Chinese text.
    tokenizer : jieba.Tokenizer, optional
        Default: :func:`get_tokenizer` ``()``.
    """
    return [word for word, _, _ in _spans(text, tokenizer or get_tokenizer())]


def _token_key_prefix(extra_words: tuple[str, ...]) -> str:
    """The part of a token cache key shared by every article (files read once per corpus, not per article)."""
    import jieba

    parts = [
        SEGMENT_VERSION,
        jieba.__version__,
        hashlib.sha256(paths.data_file("userdict.txt").read_bytes()).hexdigest(),
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),  # an edit here invalidates old tokens
        json.dumps(extra_words, ensure_ascii=False),
    ]
    return "\n".join(parts)


def _token_cache_key(text: str, prefix: str) -> str:
    parts = [prefix, hashlib.sha256(text.encode("utf-8")).hexdigest()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cached_spans(text: str, spans: object) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Token columns read back from the cache; raises if they are not ``[token, start, end]`` rows within ``text``."""
    if not isinstance(spans, list):
        raise TypeError("not a list of [token, start, end]")
    tokens = [t for t, _, _ in spans]
    starts = np.array([s for _, s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, _, e in spans], dtype=np.int64)
    if not all(isinstance(token, str) for token in tokens) or (
        len(tokens) and (starts.min() < 0 or ends.max() > len(text) or (ends <= starts).any())
    ):
        raise ValueError("tokens or offsets do not fit the article")
    return tokens, starts, ends


def corpus_tokens(
    articles: pd.DataFrame,
    extra_words: Iterable[str] = (),
    tokenizer: jieba.Tokenizer | None = None,
    use_cache: bool = True,
) -> pd.DataFrame:
    """Tokens of every article, cached by content hash.

    Parameters
    ----------
    articles : DataFrame
        With ``id``, ``city`` and ``text`` (from :func:`helpers.corpus.load_corpus`).
    extra_words : iterable of str
        Extra terms for :func:`get_tokenizer` (part of the cache key).
    tokenizer : jieba.Tokenizer, optional
        A tokenizer of your own; its results are not cached (its words are not known).
    use_cache : bool
        Reuse and store tokens in ``cache_dir()/tokens`` (default True).

    Returns
    -------
    DataFrame
        ``id``, ``city``, ``token``, ``position`` (0-based token index in the
        article), ``start``, ``end`` (character offsets into ``text``).
    """
    extra = tuple(sorted({str(w).strip() for w in extra_words if str(w).strip()}))
    cacheable = use_cache and tokenizer is None
    folder = paths.cache_dir() / "tokens"
    # One frame built from plain lists: a frame per article cost more than jieba on short texts.
    tokens_all: list[str] = []
    starts_all: list[np.ndarray] = []
    ends_all: list[np.ndarray] = []
    counts: list[int] = []
    key_prefix = _token_key_prefix(extra) if cacheable else ""
    for text in articles["text"]:
        found = None
        key = _token_cache_key(text, key_prefix) if cacheable else None
        if key:
            found = read_json(folder, key, functools.partial(_cached_spans, text))
        if found is None:
            found = _token_columns(text, tokenizer or get_tokenizer(extra))
            if key:
                write_json(folder, key, list(zip(found[0], found[1].tolist(), found[2].tolist())))
        tokens, starts, ends = found
        counts.append(len(tokens))
        tokens_all.extend(tokens)
        starts_all.append(starts)
        ends_all.append(ends)
    # Article columns and positions repeated by numpy, not element by element in lists.
    if not counts or not sum(counts):
        return pd.DataFrame({name: [] for name in TOKEN_COLUMNS}, columns=list(TOKEN_COLUMNS))
    firsts = np.cumsum(counts, dtype=np.int64) - counts
    columns = {
        "id": np.repeat(np.array(list(articles["id"]), dtype=object), counts),
        "city": np.repeat(np.array(list(articles["city"]), dtype=object), counts),
        "token": tokens_all,
        "position": np.arange(sum(counts), dtype=np.int64) - np.repeat(firsts, counts),
        "start": np.concatenate(starts_all),
        "end": np.concatenate(ends_all),
    }
    return pd.DataFrame(columns, columns=list(TOKEN_COLUMNS))
