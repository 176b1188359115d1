"""The corpus: raw seed files in, clean, dated, located articles out.

``read_corpus(seeds_dir)`` reads every article file in the seeds folder,
decodes it (:mod:`helpers.reading`), cleans it (:mod:`helpers.cleaning`),
reads its metadata (:mod:`helpers.metadata`, with the manual metadata file
``metadata.yaml`` in the same folder), flags duplicates and splits sentences.
A file that cannot be an article (empty, binary, undecodable, not Chinese,
larger than ``data/limits.yaml`` allows) is skipped with one reason; the rest
proceed.  A malformed entry of the manual metadata file is listed among the
skipped files too (file ``metadata.yaml``, the line and the fix) and left out;
the rest of the manual metadata still applies.

An article's ``text`` is its body in Simplified Chinese with the headline, when
the page has one, as its first line (the headline is also the ``title``);
``text_original`` is the same in the original script, line for line.

Each article is cached in ``cache_dir()/corpus`` under a key made of its raw
bytes, the data files, its manual metadata entry and :data:`CODE_VERSION`,
so re-reading an unchanged corpus does not clean or convert anything again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from math import comb
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.cache import write_json
from helpers.cleaning import BoilerplateRules, alnum_only, clean_text, default_rules, iter_sentences
from helpers.errors import HelpersError
from helpers.gazetteer import Gazetteer, default_gazetteer
from helpers.limits import check_article_size, load_limits
from helpers.messages import warning
from helpers.metadata import (
    MANUAL,
    ManualMetadata,
    Value,
    extract_metadata,
    load_manual_metadata,
    merge_metadata,
)
from helpers.reading import decode_bytes

# Bump to invalidate every cached article (module sources and data files are already part of the key).
CODE_VERSION = "corpus-4"
METADATA_FILE = "metadata.yaml"
ARTICLE_SUFFIX = ".txt"
# Share of character 5-grams two articles must have in common (of the shorter one) to be near duplicates.
NEAR_DUPLICATE_THRESHOLD = 0.8
_SHINGLE = 5
# Shingles per article in the sketch that picks near-duplicate candidates (see _near_duplicates).
SKETCH_SIZE = 64
_CANDIDATE_RECALL = 0.99
_RECENT_SETS = 256
_FIRST_BLOCK = 64

ARTICLE_COLUMNS = [
    "id", "path", "title", "title_provenance", "source", "source_provenance",
    "published", "published_provenance", "city", "city_en", "city_provenance",
    "encoding", "n_chars", "text", "text_original", "warnings", "removed",
    "pinyin_removed", "duplicate_of", "sha256",
]
_OPTIONAL_COLUMNS = [
    "title", "title_provenance", "source", "source_provenance", "published",
    "published_provenance", "city_provenance", "duplicate_of",
]
_COUNT_COLUMNS = ["n_chars", "pinyin_removed"]
SENTENCE_COLUMNS = ["id", "city", "sentence_no", "start", "end", "sentence", "sentence_original"]
SKIPPED_COLUMNS = ["file", "reason"]


@dataclass
class Corpus:
    """The accepted articles, their sentences, and the files that were skipped.

    Attributes
    ----------
    articles : DataFrame
        One row per article, sorted by ``id`` (columns: :data:`ARTICLE_COLUMNS`).
    sentences : DataFrame
        One row per sentence (columns: :data:`SENTENCE_COLUMNS`); ``start`` and
        ``end`` are offsets into the article's ``text``.
    skipped : DataFrame
        ``file`` and ``reason`` for every file not accepted.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    skipped: pd.DataFrame


# --------------------------------------------------------------------------- one article


def build_article(
    raw: bytes,
    article_id: str,
    path: str,
    manual: dict[str, Value] | None = None,
    rules: BoilerplateRules | None = None,
    gazetteer: Gazetteer | None = None,
) -> dict:
    """Turn one file's bytes into an article record (no duplicate check).

    Parameters
    ----------
    raw : bytes
        The file's bytes.
    article_id : str
        The file stem.
    path : str
        File name relative to the seeds folder.
    manual : dict, optional
        This article's entry of the manual metadata file.
    rules, gazetteer : optional
        Default: the shipped data files.

    Returns
    -------
    dict
        A record with every column of :data:`ARTICLE_COLUMNS`.

    Raises
    ------
    HelpersError
        If the bytes are not a readable Chinese article.
    """
    decoded = decode_bytes(raw, path)
    cleaned = clean_text(decoded.text, rules)
    if not cleaned.text.strip():
        raise HelpersError(f"{path}: nothing left after removing boilerplate; check the file holds an article")
    gazetteer = gazetteer or default_gazetteer()
    extracted = extract_metadata(cleaned, gazetteer)
    meta = merge_metadata(extracted, manual)
    warnings = list(cleaned.warnings)
    if decoded.replaced:
        warnings.insert(0, warning("damaged_bytes", count=decoded.replaced))
    for field_name, value in (manual or {}).items():
        found = extracted[field_name].value
        if value.provenance == MANUAL and found is not None and found != value.value:
            warnings.append(warning("manual_replaces", field=field_name, manual=repr(value.value), found=repr(found)))
    for field_name, label in (("title", "title"), ("source", "source outlet"), ("published", "publication date")):
        if meta[field_name].value is None:
            checked = field_name in (manual or {})
            warnings.append(warning("missing_checked" if checked else "missing", label=label, file=METADATA_FILE))
    city = meta["city"].value
    if city == gazetteer.national and "city" not in (manual or {}):
        warnings.append(warning("national", national=gazetteer.national, file=METADATA_FILE))
    return {
        "id": article_id,
        "path": path,
        "title": meta["title"].value,
        "title_provenance": meta["title"].provenance,
        "source": meta["source"].value,
        "source_provenance": meta["source"].provenance,
        "published": meta["published"].value,
        "published_provenance": meta["published"].provenance,
        "city": city,
        "city_en": gazetteer.name(city, "en"),
        "city_provenance": meta["city"].provenance,
        "encoding": decoded.encoding,
        "n_chars": len(cleaned.text),
        "text": cleaned.text,
        "text_original": cleaned.text_original,
        "warnings": warnings,
        "removed": cleaned.removed,
        "pinyin_removed": cleaned.pinyin_removed,
        "duplicate_of": None,
        "sha256": hashlib.sha256(raw).hexdigest(),
    }


# --------------------------------------------------------------------------- cache


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _data_fingerprint() -> str:
    """Digest of everything besides the raw bytes and manual entry that shapes a record."""
    import opencc  # noqa: PLC0415  (version only; cheap)

    # The source of the modules that shape a record is part of the key, so an
    # edited rule in code cannot serve a stale cached article.
    code = [paths.PACKAGE_DIR / f"{name}.py" for name in ("reading", "cleaning", "gazetteer", "metadata", "corpus")]
    parts = [
        CODE_VERSION,
        getattr(opencc, "__version__", "?"),
        _file_digest(paths.data_file("boilerplate.yaml")),
        _file_digest(paths.data_file("gazetteer.yaml")),
        *(_file_digest(file) for file in code),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cache_key(raw_digest: str, path: str, manual: dict[str, Value] | None, fingerprint: str) -> str:
    manual_json = json.dumps(
        {k: [v.value, v.provenance, v.note] for k, v in sorted((manual or {}).items())}, ensure_ascii=False
    )
    return hashlib.sha256("\n".join([fingerprint, raw_digest, path, manual_json]).encode()).hexdigest()


def _cache_read(key: str) -> dict | None:
    file = paths.cache_dir() / "corpus" / f"{key}.json"
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _cache_write(key: str, record: dict) -> None:
    write_json(paths.cache_dir() / "corpus", key, record)


# --------------------------------------------------------------------------- duplicates


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
        if len(codes) < self.size:  # one shingle, the whole text, as in shingles()
            codes = np.concatenate([codes, np.zeros(self.size - len(codes), dtype=np.uint64)])
        count = len(codes) - self.size + 1
        hashes = np.zeros(count, dtype=np.uint64)
        for offset in range(self.size):
            hashes = hashes * self.radix + codes[offset : offset + count]
        hashes ^= hashes >> _SHIFTS[0]
        hashes *= _MIX[0]
        hashes ^= hashes >> _SHIFTS[1]
        hashes *= _MIX[1]
        hashes ^= hashes >> _SHIFTS[2]
        hashes.sort()  # sort and drop repeats: np.unique takes several times as long
        return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]


def _sorted_overlap(a: np.ndarray, b: np.ndarray) -> float:
    """:func:`_overlap` of two sorted arrays of distinct values."""
    if not len(a) or not len(b):
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    at = np.minimum(np.searchsorted(large, small), len(large) - 1)
    return int(np.count_nonzero(large[at] == small)) / len(small)


@functools.lru_cache(maxsize=None)  # at most SKETCH_SIZE + 1 sizes
def _required_shared(sketch: int) -> int:
    """Fewest sketch shingles found in the other article for the pair to be checked exactly.

    The largest count that an article sharing exactly :data:`NEAR_DUPLICATE_THRESHOLD`
    of its shingles reaches with probability :data:`_CANDIDATE_RECALL` (binomial tail).
    """
    p = NEAR_DUPLICATE_THRESHOLD

    def at_least(t: int) -> float:
        return sum(comb(sketch, i) * p**i * (1 - p) ** (sketch - i) for i in range(t, sketch + 1))

    return max(t for t in range(sketch + 1) if at_least(t) >= _CANDIDATE_RECALL)


def _near_duplicates(texts: list[str], skip: list[bool]) -> list[tuple[int, float] | None]:
    """For every article, the first earlier one it nearly repeats: ``(index, similarity)`` or None.

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
    candidate is then checked with the exact shingle overlap, so no pair is
    flagged that the exact rule would not flag.

    Why sketches of the smaller article and not LSH banding on MinHash
    signatures: banding finds pairs of high Jaccard similarity, and the rule
    here is overlap with the smaller set.  At overlap 0.8 Jaccard is at most
    0.67 (equal sizes) and falls with the size ratio (a short article inside
    one four times as long: 0.19), so no band setting reaches 0.99 recall for
    such pairs without making most pairs candidates.

    Earlier articles are looked at in blocks of doubling size (64, 64, 128,
    256 ...), each with two sorted indexes: the sketches of its articles (is
    a smaller earlier article's sketch in this one?) and all their shingle
    hashes (is this article's sketch in a larger earlier one?).  The first
    candidate of the first block that passes the exact check is the answer,
    so an article repeating an early one costs one small block, however large
    the corpus.  The indexes hold 64-bit hashes, not shingle strings (about a
    tenth of the memory of the shingle sets).  The exact check compares the
    two hash sets when the corpus alphabet makes them one to one with the
    shingles (:class:`ShingleHasher`), else the shingle sets.  Skipped
    articles (``skip``: exact repeats of an earlier one) are neither looked up
    nor originals: their earlier twin comes first for anything they repeat.
    """
    n = len(texts)
    compacts = ["" if skipped else alnum_only(text) for text, skipped in zip(texts, skip)]
    hasher = ShingleHasher(compacts)
    sizes = np.zeros(n, dtype=np.int64)
    required = np.full(n, n + SKETCH_SIZE + 1, dtype=np.int64)  # unreachable: no shingles, never a candidate
    thresholds: dict[int, int] = {}
    blocks: list[_Block] = []
    for block_start, block_stop in _block_bounds(n):
        sketches, all_hashes = [], []
        for index in range(block_start, block_stop):
            hashes = hasher.hashes(compacts[index])
            sizes[index] = len(hashes)
            if len(hashes):
                sketch = min(len(hashes), SKETCH_SIZE)
                if sketch not in thresholds:
                    thresholds[sketch] = _required_shared(sketch)
                required[index] = thresholds[sketch]
            sketches.append(hashes[:SKETCH_SIZE])
            all_hashes.append(hashes)
        blocks.append(_Block(block_start, block_stop, _Index.of(sketches), _Index.of(all_hashes)))
        del sketches, all_hashes

    # The exact check: hash sets when they are one to one with the shingles, else the
    # shingle sets.  Those of the articles checked most recently are kept:
    # originals with many repeats are checked again and again.
    recent: OrderedDict[int, np.ndarray | set[str]] = OrderedDict()

    def exact_set(index: int, hashes: np.ndarray | None = None) -> np.ndarray | set[str]:
        if index in recent:
            recent.move_to_end(index)
        else:
            if not hasher.exact:
                recent[index] = shingles(texts[index])
            else:
                recent[index] = hashes if hashes is not None else hasher.hashes(compacts[index])
            if len(recent) > _RECENT_SETS:
                recent.popitem(last=False)
        return recent[index]

    overlap = _sorted_overlap if hasher.exact else _overlap
    found: list[tuple[int, float] | None] = [None] * n
    for index in range(n):
        if skip[index] or not sizes[index]:
            continue
        hashes = hasher.hashes(compacts[index])
        for block in blocks:
            if block.start >= index or found[index]:
                break
            earlier = np.arange(block.start, min(block.stop, index))
            # Smaller earlier articles whose sketch lies in this one, larger ones holding its sketch.
            smaller = block.sketches.shared(hashes)[: len(earlier)] >= required[earlier]
            larger = block.shingles.shared(hashes[:SKETCH_SIZE])[: len(earlier)] >= required[index]
            smaller &= sizes[earlier] <= sizes[index]
            larger &= sizes[earlier] > sizes[index]
            for other in earlier[smaller | larger].tolist():
                score = overlap(exact_set(index, hashes), exact_set(other))
                if score >= NEAR_DUPLICATE_THRESHOLD:
                    found[index] = other, score
                    break
    return found


def _block_bounds(n: int) -> list[tuple[int, int]]:
    """Article ranges of doubling size: (0, 64), (64, 128), (128, 256) ... up to ``n``."""
    bounds, start = [], 0
    while start < n:
        stop = min(n, max(2 * start, _FIRST_BLOCK))
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
        owners = np.repeat(np.arange(len(arrays), dtype=np.int32), [len(a) for a in arrays])
        values = np.concatenate(arrays) if arrays else np.empty(0, dtype=np.uint64)
        order = np.argsort(values, kind="stable")
        return cls(values[order], owners[order], len(arrays))

    def shared(self, probes: np.ndarray) -> np.ndarray:
        """How many of ``probes`` (distinct values) each article of the block holds."""
        first = np.searchsorted(self.values, probes, side="left")
        lengths = np.searchsorted(self.values, probes, side="right") - first
        total = int(lengths.sum())
        entries = np.repeat(first - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        return np.bincount(self.owners[entries], minlength=self.length)


@dataclass
class _Block:
    """A run of consecutive articles and its two indexes (see :func:`_near_duplicates`)."""

    start: int
    stop: int
    sketches: _Index
    shingles: _Index


def flag_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """Set ``duplicate_of`` (and a warning) on every article repeating an earlier one (by id).

    An exact repeat points to the first article with the same text; otherwise a
    near repeat points to the first earlier article sharing at least
    :data:`NEAR_DUPLICATE_THRESHOLD` of the shingles of the smaller of the two
    (candidates from sketches, checked exactly: :func:`_near_duplicates`).
    """
    articles = articles.copy()
    ids, texts = list(articles["id"]), list(articles["text"])
    # Exact repeats through a dict and one column write at the end: no per-article copies.
    duplicate_of, warnings = list(articles["duplicate_of"]), list(articles["warnings"])
    first_with_text: dict[str, int] = {}
    exact = [first_with_text.setdefault(text, index) for index, text in enumerate(texts)]
    repeats = [earlier != index for index, earlier in enumerate(exact)]
    near = _near_duplicates(texts, skip=repeats)
    for index in range(len(articles)):
        if repeats[index]:
            found = ids[exact[index]], "exact", 1.0
        elif near[index]:
            found = ids[near[index][0]], "near", round(near[index][1], 3)
        else:
            continue
        other, kind, score = found
        duplicate_of[index] = other
        warnings[index] = [*warnings[index], warning("duplicate", kind=kind, other=other, score=f"{score:.2f}")]
    articles["duplicate_of"] = pd.Series(duplicate_of, index=articles.index, dtype=object)
    articles["warnings"] = pd.Series(warnings, index=articles.index, dtype=object)
    return articles


# --------------------------------------------------------------------------- sentences


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


# --------------------------------------------------------------------------- the corpus


def article_files(seeds_dir: Path) -> list[Path]:
    """Every candidate file in the seeds folder (not hidden, not the metadata file), sorted."""
    if not seeds_dir.is_dir():
        raise HelpersError(f"{seeds_dir}: seeds folder not found; pass --seeds DIR or create it")
    return sorted(
        p for p in seeds_dir.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name != METADATA_FILE
    )


def read_corpus(seeds_dir: str | Path | None = None, *, use_cache: bool = True) -> Corpus:
    """Read, clean and describe every article in the seeds folder.

    Parameters
    ----------
    seeds_dir : str or Path, optional
        Folder of article files and the optional ``metadata.yaml``; default ``seeds/``.
    use_cache : bool
        Reuse cached records keyed on content hashes (default True).

    Returns
    -------
    Corpus
        ``articles``, ``sentences`` and ``skipped`` DataFrames.

    Raises
    ------
    HelpersError
        If the folder is missing or a data file is malformed.  Bad article
        files and a malformed manual metadata file never raise: they are
        listed in ``skipped``.
    """
    folder = Path(seeds_dir) if seeds_dir is not None else paths.seeds_dir()
    files = article_files(folder)
    problems: list[str] = []
    manual: ManualMetadata = load_manual_metadata(folder / METADATA_FILE, problems=problems)
    skipped = [(METADATA_FILE, _reason(problem, METADATA_FILE)) for problem in problems]
    limits = load_limits()
    fingerprint = _data_fingerprint()
    records = []
    for file in files:
        if file.suffix.lower() != ARTICLE_SUFFIX:
            skipped.append((file.name, f"not a {ARTICLE_SUFFIX} article file; rename it to include it"))
            continue
        try:
            # Checked before reading: a dump of many megabytes is never loaded.
            check_article_size(file.stat().st_size, file.name, limits)
        except HelpersError as exc:
            skipped.append((file.name, _reason(str(exc), file.name)))
            continue
        raw = file.read_bytes()
        entry = manual.get(file.stem)
        key = _cache_key(hashlib.sha256(raw).hexdigest(), file.name, entry, fingerprint)
        record = _cache_read(key) if use_cache else None
        if record is None:
            try:
                record = build_article(raw, file.stem, file.name, entry, default_rules(), default_gazetteer())
            except HelpersError as exc:
                skipped.append((file.name, _reason(str(exc), file.name)))
                continue
            if use_cache:
                _cache_write(key, record)
        records.append(record)
    articles = flag_duplicates(_articles_frame(records))
    return Corpus(articles=articles, sentences=sentences(articles), skipped=pd.DataFrame(skipped, columns=SKIPPED_COLUMNS))


def _articles_frame(records: list[dict]) -> pd.DataFrame:
    """The articles table of ``records``, sorted by id.

    Built column by column (a fifth of the time of a frame of records sorted
    and converted afterwards, which on a few articles is most of the reading
    time): counts as int64, optional columns as objects whose missing values
    stay ``None`` (not NaN), every other column as pandas infers it.
    """
    rows = sorted(records, key=lambda record: record["id"])  # stable, as sort_values(kind="stable")
    columns: dict[str, object] = {}
    for name in ARTICLE_COLUMNS:
        values = [row[name] for row in rows]
        if name in _COUNT_COLUMNS:
            columns[name] = np.array(values, dtype=np.int64)
        elif name in _OPTIONAL_COLUMNS:
            columns[name] = pd.Series(values, dtype=object)
        else:  # an empty list would make a float column
            columns[name] = values if values else pd.Series(values, dtype=object)
    return pd.DataFrame(columns, columns=ARTICLE_COLUMNS)


def _reason(message: str, name: str) -> str:
    """The error message without the leading file name (the skipped table has its own column)."""
    for prefix in (f"{name}: ", f"{name}, "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def load_corpus(seeds_dir: str | Path | None = None) -> pd.DataFrame:
    """The articles DataFrame of :func:`read_corpus` (what notebooks usually need)."""
    return read_corpus(seeds_dir).articles
