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

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.cache import write_json
from helpers.cleaning import BoilerplateRules, clean_text, default_rules, iter_sentences
from helpers.errors import HelpersError
from helpers.gazetteer import Gazetteer, default_gazetteer
from helpers.limits import check_article_size, load_limits
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
        warnings.insert(0, f"{decoded.replaced} damaged byte(s) could not be decoded and show as U+FFFD")
    for field_name, value in (manual or {}).items():
        found = extracted[field_name].value
        if value.provenance == MANUAL and found is not None and found != value.value:
            warnings.append(f"{field_name}: manual value {value.value!r} replaces extracted {found!r}")
    for field_name, label in (("title", "title"), ("source", "source outlet"), ("published", "publication date")):
        if meta[field_name].value is None:
            checked = field_name in (manual or {})
            warnings.append(
                f"no {label} found (checked in {METADATA_FILE}: not known)"
                if checked
                else f"no {label} found; add it to {METADATA_FILE} if known"
            )
    city = meta["city"].value
    if city == gazetteer.national and "city" not in (manual or {}):
        warnings.append(
            f"no city of gazetteer.yaml named at least twice, so it counts as {gazetteer.national} (national); "
            f"if it reports on one city, add that city to gazetteer.yaml or set city in {METADATA_FILE}"
        )
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
    compact = "".join(ch for ch in text if ch.isalnum())
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
    return _first_duplicate(text, shingles(text), list(others["id"]), list(others["text"]))


def _first_duplicate(
    text: str, own: set[str], ids: list[str], texts: list[str], other_shingles: list[set[str]] | None = None
) -> tuple[str, str, float] | None:
    for other_id, other_text in zip(ids, texts):
        if other_text == text:
            return other_id, "exact", 1.0
    for index, other_id in enumerate(ids):
        theirs = other_shingles[index] if other_shingles is not None else shingles(texts[index])
        score = _overlap(own, theirs)
        if score >= NEAR_DUPLICATE_THRESHOLD:
            return other_id, "near", round(score, 3)
    return None


def _first_near_duplicate(
    own: set[str], ids: list[str], other_shingles: list[set[str]], stop: int
) -> tuple[str, str, float] | None:
    """The first of ``ids[:stop]`` sharing enough shingles with ``own`` (as in :func:`_first_duplicate`)."""
    for index in range(stop):
        score = _overlap(own, other_shingles[index])
        if score >= NEAR_DUPLICATE_THRESHOLD:
            return ids[index], "near", round(score, 3)
    return None


def flag_duplicates(articles: pd.DataFrame) -> pd.DataFrame:
    """Set ``duplicate_of`` (and a warning) on every article repeating an earlier one (by id)."""
    articles = articles.copy()
    ids, texts = list(articles["id"]), list(articles["text"])
    all_shingles = [shingles(text) for text in texts]
    # Exact repeats through a dict, no copies of the earlier lists per article and
    # one column write at the end: each made this loop quadratic or slow at 10,000 articles.
    duplicate_of, warnings = list(articles["duplicate_of"]), list(articles["warnings"])
    first_with_text: dict[str, int] = {}
    for index in range(len(articles)):
        earlier = first_with_text.setdefault(texts[index], index)
        if earlier != index:
            found = ids[earlier], "exact", 1.0
        else:
            found = _first_near_duplicate(all_shingles[index], ids, all_shingles, index)
        if found:
            other, kind, score = found
            duplicate_of[index] = other
            warnings[index] = [*warnings[index], f"{kind} duplicate of {other} (similarity {score:.2f})"]
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
    for article in articles.itertuples():
        spans = list(iter_sentences(article.text))
        original_spans = list(iter_sentences(article.text_original))
        aligned = len(spans) == len(original_spans)
        for number, (start, end) in enumerate(spans):
            sentence = article.text[start:end]
            if aligned:
                o_start, o_end = original_spans[number]
                original = article.text_original[o_start:o_end]
            else:  # conversion changed the punctuation: fall back to the same offsets
                original = article.text_original[start:end]
            rows.append((article.id, article.city, number, start, end, sentence, original))
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
    articles = pd.DataFrame(records, columns=ARTICLE_COLUMNS)
    articles = articles.sort_values("id", kind="stable").reset_index(drop=True)
    articles["n_chars"] = articles["n_chars"].astype(int)
    articles["pinyin_removed"] = articles["pinyin_removed"].astype(int)
    for column in _OPTIONAL_COLUMNS:  # missing values stay None, not NaN
        articles[column] = articles[column].astype(object).where(articles[column].notna(), None)
    articles = flag_duplicates(articles)
    return Corpus(articles=articles, sentences=sentences(articles), skipped=pd.DataFrame(skipped, columns=SKIPPED_COLUMNS))


def _reason(message: str, name: str) -> str:
    """The error message without the leading file name (the skipped table has its own column)."""
    for prefix in (f"{name}: ", f"{name}, "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def load_corpus(seeds_dir: str | Path | None = None) -> pd.DataFrame:
    """The articles DataFrame of :func:`read_corpus` (what notebooks usually need)."""
    return read_corpus(seeds_dir).articles
