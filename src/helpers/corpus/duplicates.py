"""Near duplicates: an article repeating an earlier one, exactly or nearly.

An exact repeat points to the first article with the same text; a near repeat
to the first earlier article sharing at least :data:`NEAR_DUPLICATE_THRESHOLD`
of the character 5-grams of the *smaller* of the two.  Pairs are not all
compared: candidates come from bottom-k MinHash sketches and each is checked
on the full shingle hashes (see :func:`near_duplicates`).  Each article's
hashes are its own (:func:`shingle_hashes`), so they are computed where the
article is read, in parallel batches, and the search over the whole corpus
runs once, reading the hashes block by block.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from math import comb

import numpy as np
import pandas as pd

from helpers.catalogue import message
from helpers.corpus.cleaning import alnum_only

# Share of character 5-grams two articles must have in common (of the shorter one) to be near duplicates.
NEAR_DUPLICATE_THRESHOLD = 0.8
_SHINGLE = 5
# Shingles per article in the sketch that picks near-duplicate candidates (see _near_duplicates).
SKETCH_SIZE = 64
_CANDIDATE_RECALL = 0.99
_FIRST_BLOCK = 64
# Largest block of earlier articles held at once: at 2,000 characters an article, its hashes (32 MB)
# and their sorted index (three times that while it is built).
_MAX_BLOCK = 2048


def shingles(text: str, size: int = _SHINGLE) -> set[str]:
    """Character n-grams of ``text`` with whitespace and punctuation removed."""
    compact = alnum_only(text)
    return {compact[i : i + size] for i in range(max(len(compact) - size + 1, 1))} if compact else set()


def _overlap(sa: set[str], sb: set[str]) -> float:
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def similarity(a: str, b: str) -> float:
    """Share of the shorter text's character 5-grams found in the other (0..1)."""
    return _overlap(shingles(a), shingles(b))


def find_duplicate(text: str, others: pd.DataFrame) -> tuple[str, str, float] | None:
    """The first article in ``others`` that ``text`` duplicates.

    Parameters
    ----------
    text : str
        Cleaned text of the article to check.
    others : DataFrame
        Articles (``id``, ``text``) to compare with, in order of precedence.

    Returns
    -------
    tuple or None
        ``(id, "exact" | "near", similarity)`` or None.
    """
    ids, texts = list(others["id"]), list(others["text"])
    for other_id, other_text in zip(ids, texts):
        if other_text == text:
            return other_id, "exact", 1.0
    own = shingles(text)
    for other_id, other_text in zip(ids, texts):
        score = _overlap(own, shingles(other_text))
        if score >= NEAR_DUPLICATE_THRESHOLD:
            return other_id, "near", round(score, 3)
    return None


# Shingle hashes: each character's number in the corpus alphabet as a digit, the five
# digits as one number, then the splitmix64 finaliser to spread the bits.  Fixed constants,
# no Python hash(): the same texts hash the same in every process, whatever PYTHONHASHSEED is.
_BASE = np.uint64(0x9E3779B97F4A7C15)
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
_SHIFTS = (np.uint64(30), np.uint64(27), np.uint64(31))


class ShingleHasher:
    """Deterministic 64-bit hashes of the :func:`shingles` of a set of texts, given as :func:`alnum_only` text.

    With an alphabet (distinct letters, digits and Han characters of the
    texts) of at most 7,130 characters, a 5-gram's digits fit in 64 bits and
    every step is one to one, so distinct shingles get distinct hashes: the
    overlap of two hash sets *is* the overlap of the shingle sets (``exact``).
    A larger alphabet falls back to a polynomial over code points (``exact``
    False), where the rare collision only changes which pairs are candidates.

    Parameters
    ----------
    compacts : iterable of str
        Every text (letters, digits and Han characters only) that :meth:`hashes` will be asked about.
    """

    def __init__(self, compacts: Iterable[str], size: int = _SHINGLE):
        seen = np.zeros(sys.maxunicode + 1, dtype=bool)  # marking code points: a set per text was slower
        for compact in compacts:
            seen[np.frombuffer(compact.encode("utf-32-le"), dtype="<u4")] = True
        code_points = np.flatnonzero(seen)
        self.size = size
        radix = len(code_points) + 1  # digit 0 pads a text shorter than a shingle
        self.exact = radix**size <= 2**64
        self.radix = np.uint64(radix) if self.exact else _BASE
        # Each character's digit, looked up by code point.
        self.digits = np.zeros(int(code_points[-1]) + 1 if len(code_points) else 1, dtype=np.uint64)
        self.digits[code_points] = np.arange(1, radix, dtype=np.uint64)

    def hashes(self, compact: str) -> np.ndarray:
        """Sorted, distinct hashes of the shingles of ``compact`` (one per shingle when ``exact``)."""
        if not compact:
            return np.empty(0, dtype=np.uint64)
        codes = np.frombuffer(compact.encode("utf-32-le"), dtype="<u4")
        codes = self.digits[codes] if self.exact else codes.astype(np.uint64)
        return _mixed_hashes(codes, self.radix, self.size)


def _sorted_overlap(a: np.ndarray, b: np.ndarray) -> float:
    """:func:`_overlap` of two sorted arrays of distinct values."""
    if not len(a) or not len(b):
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    at = np.minimum(np.searchsorted(large, small), len(large) - 1)
    return int(np.count_nonzero(large[at] == small)) / len(small)


@functools.cache  # at most SKETCH_SIZE + 1 sizes
def _required_shared(sketch: int) -> int:
    """Fewest sketch shingles found in the other article for the pair to be checked exactly.

    The largest count that an article sharing exactly :data:`NEAR_DUPLICATE_THRESHOLD`
    of its shingles reaches with probability :data:`_CANDIDATE_RECALL` (binomial tail).
    """
    p = NEAR_DUPLICATE_THRESHOLD

    def at_least(t: int) -> float:
        return sum(comb(sketch, i) * p**i * (1 - p) ** (sketch - i) for i in range(t, sketch + 1))

    return max(t for t in range(sketch + 1) if at_least(t) >= _CANDIDATE_RECALL)


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted, distinct 64-bit hashes of the :func:`shingles` of ``text``, the same in every process and corpus.

    A polynomial over the characters' code points, then the splitmix64
    finaliser.  Unlike :class:`ShingleHasher` it needs no corpus alphabet, so
    each article's hashes are computed on their own, in whichever worker reads
    it.  Two distinct shingles share a hash with probability 2^-64; between
    two articles of 2,000 shingles each, about one pair in 10^12 has such a
    collision, and it could move their overlap by one shingle.
    """
    compact = alnum_only(text)
    if not compact:
        return np.empty(0, dtype=np.uint64)
    return _mixed_hashes(np.frombuffer(compact.encode("utf-32-le"), dtype="<u4").astype(np.uint64), _BASE)


def _mixed_hashes(codes: np.ndarray, radix: np.uint64, size: int = _SHINGLE) -> np.ndarray:
    """The shingles of ``codes`` (one digit per character) as numbers in ``radix``, mixed, sorted and distinct."""
    if len(codes) < size:  # one shingle, the whole text, as in shingles()
        codes = np.concatenate([codes, np.zeros(size - len(codes), dtype=np.uint64)])
    count = len(codes) - size + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(size):
        hashes = hashes * radix + codes[offset : offset + count]
    hashes ^= hashes >> _SHIFTS[0]
    hashes *= _MIX[0]
    hashes ^= hashes >> _SHIFTS[1]
    hashes *= _MIX[1]
    hashes ^= hashes >> _SHIFTS[2]
    hashes.sort()  # sort and drop repeats: np.unique takes several times as long
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]


# What near_duplicates reads of the articles it is asked about: (index, shingle_hashes) in ascending index order.
HashLoader = Callable[[list[int]], Iterable[tuple[int, np.ndarray]]]


def near_duplicates(sizes: Sequence[int], sketches: Sequence[np.ndarray], skip: Sequence[bool],
                    load_hashes: HashLoader) -> list[tuple[int, float] | None]:
    """For every article, the first earlier one it nearly repeats: ``(index, similarity)`` or None.

    Parameters
    ----------
    sizes
        Number of :func:`shingle_hashes` of each article, in corpus order (by id).
    sketches
        The first :data:`SKETCH_SIZE` of each article's hashes (its bottom-k sketch).
    skip
        Articles neither looked up nor originals (exact repeats of an earlier one).
    load_hashes
        Gives the full hashes of the articles asked for, in ascending order; the
        search holds only one block's and one article's hashes at a time, so a
        corpus stored in batches is read batch by batch.

    The result is that of comparing each article with every earlier one in
    order (shingle overlap at least :data:`NEAR_DUPLICATE_THRESHOLD`, the share
    of the *smaller* shingle set found in the other), without comparing every pair.

    Candidates come from bottom-k MinHash sketches: an article's sketch is the
    :data:`SKETCH_SIZE` (64) smallest of its shingle hashes, a uniform sample
    of its shingles.  The count of A's sketch found among B's shingles is
    binomial(64, share of A's shingles in B), so a pair is a candidate when
    the smaller article's sketch count reaches :func:`_required_shared`: 43 of
    64.  At a share of exactly 0.8 a true pair reaches that with probability
    0.995 (0.9999 at 0.85, more above; drawing without replacement only narrows
    the spread); a pair sharing 0.5 becomes a candidate with probability 0.004,
    one sharing 0.3 practically never.  A sketch of an article with fewer than
    64 shingles is all of them, with the threshold from the same tail.  Every
    candidate is then checked on the two full hash sets.  Whether a pair is a
    candidate depends on the two articles alone (the hashes need no corpus
    alphabet), so the answer does not depend on how the corpus was cut into
    batches or where they were processed.

    Why sketches of the smaller article and not LSH banding on MinHash
    signatures: banding finds pairs of high Jaccard similarity, and the rule
    here is overlap with the smaller set.  At overlap 0.8 Jaccard is at most
    0.67 (equal sizes) and falls with the size ratio (a short article inside
    one four times as long: 0.19), so no band setting reaches 0.99 recall for
    such pairs without making most pairs candidates.

    Earlier articles are taken in blocks of doubling size (64, 64, 128, 256
    ... up to :data:`_MAX_BLOCK`), oldest first, each with two sorted indexes:
    the sketches of its articles (is a smaller earlier article's sketch in
    this one?) and all their shingle hashes (is this article's sketch in a
    larger earlier one?).  Every later article not yet answered is looked up
    in the block; the first candidate of the first block that passes the
    exact check is the answer, so an article repeating an early one is
    answered by the first block and not read again.  Memory holds the
    sketches (512 bytes an article) and one block's hashes, whatever the
    size of the corpus.
    """
    n = len(sizes)
    sizes_array = np.asarray(sizes, dtype=np.int64)
    required = np.full(n, n + SKETCH_SIZE + 1, dtype=np.int64)  # unreachable: no shingles, never a candidate
    for index in range(n):
        if sizes_array[index] and not skip[index]:
            required[index] = _required_shared(min(int(sizes_array[index]), SKETCH_SIZE))
    empty = np.empty(0, dtype=np.uint64)
    found: list[tuple[int, float] | None] = [None] * n
    for start, stop in _block_bounds(n):
        todo = [i for i in range(start + 1, n) if required[i] <= SKETCH_SIZE and found[i] is None]
        members = [i for i in range(start, stop) if required[i] <= SKETCH_SIZE]
        if not todo or not members:  # every later article answered already, or nothing here to repeat
            continue
        block_hashes = dict(load_hashes(members))
        own_sketches = _Index.of([sketches[i] if i in block_hashes else empty for i in range(start, stop)])
        own_shingles = _Index.of([block_hashes.get(i, empty) for i in range(start, stop)])
        for index, hashes in load_hashes(todo):
            earlier = np.arange(start, min(stop, index))
            # Smaller earlier articles whose sketch lies in this one, larger ones holding its sketch.
            smaller = own_sketches.shared(hashes)[: len(earlier)] >= required[earlier]
            larger = own_shingles.shared(hashes[:SKETCH_SIZE])[: len(earlier)] >= required[index]
            smaller &= sizes_array[earlier] <= sizes_array[index]
            larger &= sizes_array[earlier] > sizes_array[index]
            for other in earlier[smaller | larger].tolist():
                score = _sorted_overlap(hashes, block_hashes[other])
                if score >= NEAR_DUPLICATE_THRESHOLD:
                    found[index] = other, score
                    break
        del block_hashes, own_sketches, own_shingles
    return found


def _block_bounds(n: int) -> list[tuple[int, int]]:
    """Article ranges of doubling size: (0, 64), (64, 128), (128, 256) ... up to ``n``, none over _MAX_BLOCK."""
    bounds, start = [], 0
    while start < n:
        stop = min(n, start + min(max(start, _FIRST_BLOCK), _MAX_BLOCK))
        bounds.append((start, stop))
        start = stop
    return bounds


@dataclass
class _Index:
    """Sorted hashes of a block's articles with the article (counted from the block start) of each."""

    values: np.ndarray
    owners: np.ndarray
    length: int

    @classmethod
    def of(cls, arrays: list[np.ndarray]) -> _Index:
        values = np.concatenate(arrays) if arrays else np.empty(0, dtype=np.uint64)
        order = np.argsort(values, kind="stable")
        values = values[order]  # one temporary at a time: the largest block is the search's peak memory
        owners = np.repeat(np.arange(len(arrays), dtype=np.int32), [len(a) for a in arrays])[order]
        return cls(values, owners, len(arrays))

    def shared(self, probes: np.ndarray) -> np.ndarray:
        """How many of ``probes`` (distinct values) each article of the block holds."""
        first = np.searchsorted(self.values, probes, side="left")
        lengths = np.searchsorted(self.values, probes, side="right") - first
        total = int(lengths.sum())
        entries = np.repeat(first - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        return np.bincount(self.owners[entries], minlength=self.length)


def duplicate_flags(digests: Sequence[str], sizes: Sequence[int], sketches: Sequence[np.ndarray],
                    load_hashes: HashLoader) -> list[tuple[int, str, float] | None]:
    """For every article, the earlier one it repeats: ``(index, "exact" | "near", similarity)`` or None.

    Parameters
    ----------
    digests
        A digest of each article's text (equal digests: equal texts), in corpus order.
    sizes, sketches, load_hashes
        As for :func:`near_duplicates`.
    """
    first_with_text: dict[str, int] = {}
    exact = [first_with_text.setdefault(digest, index) for index, digest in enumerate(digests)]
    repeats = [earlier != index for index, earlier in enumerate(exact)]
    near = near_duplicates(sizes, sketches, repeats, load_hashes)
    flags: list[tuple[int, str, float] | None] = []
    for index in range(len(digests)):
        if repeats[index]:
            flags.append((exact[index], "exact", 1.0))
        elif near[index]:
            flags.append((near[index][0], "near", round(near[index][1], 3)))
        else:
            flags.append(None)
    return flags


def duplicate_warning(other: str, kind: str, score: float) -> object:
    """The warning an article repeating ``other`` carries (a catalogue message)."""
    return message("warning.duplicate", kind=kind, other=other, score=f"{score:.2f}")


def flag_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """Set ``duplicate_of`` (and a warning) on every article repeating an earlier one (by id).

    An exact repeat points to the first article with the same text; otherwise a
    near repeat points to the first earlier article sharing at least
    :data:`NEAR_DUPLICATE_THRESHOLD` of the shingles of the smaller of the two
    (candidates from sketches, checked exactly: :func:`near_duplicates`).
    """
    articles = articles.copy()
    ids, texts = list(articles["id"]), list(articles["text"])
    duplicate_of, warnings = list(articles["duplicate_of"]), list(articles["warnings"])
    hashes = [shingle_hashes(text) for text in texts]
    flags = duplicate_flags(texts, [len(h) for h in hashes], [h[:SKETCH_SIZE] for h in hashes],
                            lambda wanted: ((index, hashes[index]) for index in wanted))
    for index, flag in enumerate(flags):
        if flag is None:
            continue
        other, kind, score = flag
        duplicate_of[index] = ids[other]
        warnings[index] = [*warnings[index], duplicate_warning(ids[other], kind, score)]
    articles["duplicate_of"] = pd.Series(duplicate_of, index=articles.index, dtype=object)
    articles["warnings"] = pd.Series(warnings, index=articles.index, dtype=object)
    return articles
