"""The corpus: raw seed files in, clean, dated, located articles out.

``read_corpus(seeds_dir)`` reads every article file in the seeds folder
(:mod:`~helpers.corpus.seeds` says which entries are articles),
decodes it (:mod:`~helpers.corpus.reading`), cleans it (:mod:`~helpers.corpus.cleaning`),
reads its metadata (:mod:`~helpers.corpus.metadata`, with the manual metadata file
``metadata.yaml`` in the same folder), flags duplicates and splits sentences.
An entry that cannot be an article (a folder, a dangling link, a file that is
unreadable, empty, binary, undecodable, not Chinese, larger than
``data/limits.yaml`` allows, or a second file with the same id) is skipped
with one reason; the rest proceed.  A malformed entry of the manual metadata
file, or one naming no article of the folder, is listed among the skipped
files too (file ``metadata.yaml``, the line and the fix) and left out; the
rest of the manual metadata still applies.

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

import numpy as np
import pandas as pd

from helpers import paths
from helpers.cache import read_json, write_json
from helpers.catalogue import message
from helpers.corpus.boilerplate import BoilerplateRules, default_rules
from helpers.corpus.cleaning import clean_text
from helpers.corpus.divisions import dataset_version
from helpers.corpus.duplicates import flag_duplicates
from helpers.corpus.gazetteer import Gazetteer, default_gazetteer
from helpers.corpus.limits import LIMITS_FILE, Limits, check_published, load_limits
from helpers.corpus.manual import HAND_FIELDS, ManualMetadata, load_manual_metadata, merge_metadata
from helpers.corpus.metadata import MANUAL, Value, extract_metadata
from helpers.corpus.reading import decode_bytes, read_bytes
from helpers.corpus.seeds import METADATA_FILE, seed_files, skip_reason
from helpers.corpus.sentences import sentences
from helpers.errors import HelpersError
from helpers.wordlist import jieba_dictionary

# Bump to invalidate every cached article (module sources and data files are already part of the key).
CODE_VERSION = "corpus-6"

ARTICLE_COLUMNS = [
    "id", "path", "title", "title_provenance", "source", "source_provenance",
    "published", "published_provenance", "published_qualifier", "city", "city_en", "city_provenance",
    "genre", "genre_provenance", "encoding", "n_chars", "text", "text_original", "warnings", "removed",
    "pinyin_removed", "duplicate_of", "sha256",
    "url", "accessed", "title_en",
]
_OPTIONAL_COLUMNS = [
    "title", "title_provenance", "source", "source_provenance", "published",
    "published_provenance", "published_qualifier", "city_provenance", "genre_provenance", "duplicate_of",
    "url", "accessed", "title_en",
]
_COUNT_COLUMNS = ["n_chars", "pinyin_removed"]
_NOT_GIVEN = Value(None, None)
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
    limits: Limits | None = None,
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
    rules, gazetteer, limits : optional
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
    if decoded.controls_removed:
        warnings.insert(0, message("warning.control_characters", count=decoded.controls_removed))
    if decoded.replaced:
        warnings.insert(0, message("warning.damaged_bytes", count=decoded.replaced))
    for field_name, value in (manual or {}).items():
        if field_name in HAND_FIELDS:  # given only by hand: nothing extracted to replace
            continue
        found = extracted[field_name].value if extracted[field_name].provenance else None  # not "unknown"
        if value.provenance == MANUAL and found is not None and found != value.value:
            warnings.append(message("warning.manual_replaces", field=field_name, manual=repr(value.value),
                                    found=repr(found)))
    for field_name, label in (("title", "title"), ("source", "source_outlet"), ("published", "publication_date")):
        if meta[field_name].value is None:
            checked = field_name in (manual or {})
            code = "warning.missing_checked" if checked else "warning.missing"
            warnings.append(message(code, label=label, file=METADATA_FILE))
    out_of_range = check_published(meta["published"].value, limits)
    if out_of_range:
        warnings.append(out_of_range)
    city = meta["city"].value
    if city == gazetteer.national and "city" not in (manual or {}):
        warnings.append(message("warning.national", national=gazetteer.national, file=METADATA_FILE))
    return {
        "id": article_id,
        "path": path,
        "title": meta["title"].value,
        "title_provenance": meta["title"].provenance,
        "source": meta["source"].value,
        "source_provenance": meta["source"].provenance,
        "published": meta["published"].value,
        "published_provenance": meta["published"].provenance,
        "published_qualifier": meta["published"].qualifier,
        "city": city,
        "city_en": gazetteer.name(city, "en"),
        "city_provenance": meta["city"].provenance,
        "genre": meta["genre"].value,
        "genre_provenance": meta["genre"].provenance,
        "encoding": decoded.encoding,
        "n_chars": len(cleaned.text),
        "text": cleaned.text,
        "text_original": cleaned.text_original,
        "warnings": warnings,
        "removed": cleaned.removed,
        "pinyin_removed": cleaned.pinyin_removed,
        "duplicate_of": None,
        "sha256": hashlib.sha256(raw).hexdigest(),
        **{name: (manual or {}).get(name, _NOT_GIVEN).value for name in HAND_FIELDS},
    }


# --------------------------------------------------------------------------- cache


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# The source of the modules that shape a record is part of the key, so an edited rule in code cannot serve a stale
# cached article; read when this module is imported, with the modules it imports: the code this process runs, not
# what an edit has put on disk since (a notebook kernel keeps the modules it imported).
_CODE_DIGESTS = tuple(_file_digest(file) for file in [
    *sorted((paths.PACKAGE_DIR / "corpus").glob("*.py")), paths.PACKAGE_DIR / "script.py",
    paths.PACKAGE_DIR / "catalogue.py", paths.PACKAGE_DIR / "wordlist.py"])


def data_fingerprint() -> str:
    """Digest of everything besides the raw bytes and manual entry that shapes a record."""
    import opencc  # noqa: PLC0415  (version only; cheap)

    parts = [
        CODE_VERSION,
        getattr(opencc, "__version__", "?"),
        _file_digest(paths.data_file("boilerplate.yaml")),
        _file_digest(paths.data_file("gazetteer.yaml")),
        _file_digest(paths.data_file("towns.csv")),
        _file_digest(paths.data_file(LIMITS_FILE)),
        dataset_version(),  # the gazetteer's cities come from this package
        _file_digest(jieba_dictionary()),  # which short names stand alone (helpers.corpus.divisions)
        *_CODE_DIGESTS,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def article_key(raw_digest: str, path: str, manual: dict[str, Value] | None, fingerprint: str) -> str:
    """An article's content key: its bytes' digest, file name, manual metadata entry and :func:`data_fingerprint`."""
    manual_json = json.dumps(
        {k: [v.value, v.provenance, v.note, v.qualifier] for k, v in sorted((manual or {}).items())},
        ensure_ascii=False
    )
    return hashlib.sha256("\n".join([fingerprint, raw_digest, path, manual_json]).encode()).hexdigest()


def _cache_read(key: str) -> dict | None:
    return read_json(paths.cache_dir() / "corpus", key, _cached_record)


def _cached_record(value: object) -> dict:
    """An article record read back from the cache, checked column by column (raises if it is not one)."""
    if not isinstance(value, dict) or sorted(value) != sorted(ARTICLE_COLUMNS):
        raise ValueError("not an article record (columns differ)")
    for name in ARTICLE_COLUMNS:
        column = value[name]
        if name in _COUNT_COLUMNS:
            fits = isinstance(column, int) and not isinstance(column, bool)
        elif name == "warnings":  # catalogue messages (or their text)
            fits = isinstance(column, list) and all(isinstance(item, dict | str) for item in column)
        elif name == "removed":
            fits = isinstance(column, list) and all(isinstance(item, dict) for item in column)
        elif name in _OPTIONAL_COLUMNS:
            fits = column is None or isinstance(column, str)
        else:
            fits = isinstance(column, str)
        if not fits:
            raise ValueError(f"column {name} holds {type(column).__name__}")
    return value


def _cache_write(key: str, record: dict) -> None:
    write_json(paths.cache_dir() / "corpus", key, record)


# --------------------------------------------------------------------------- the corpus


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
    limits = load_limits()
    seeds = seed_files(folder, limits)
    problems: list[str] = []
    manual: ManualMetadata = load_manual_metadata(folder / METADATA_FILE, problems=problems, article_ids=seeds.ids)
    skipped = list(seeds.skipped)
    fingerprint = data_fingerprint()
    records = []
    for file in seeds.articles:
        try:
            raw = read_bytes(file)
        except HelpersError as exc:
            skipped.append((file.name, skip_reason(str(exc), file.name)))
            continue
        entry = manual.get(file.stem)
        key = article_key(hashlib.sha256(raw).hexdigest(), file.name, entry, fingerprint)
        record = _cache_read(key) if use_cache else None
        if record is None:
            try:
                record = build_article(raw, file.stem, file.name, entry, default_rules(), default_gazetteer(), limits)
            except HelpersError as exc:
                skipped.append((file.name, skip_reason(str(exc), file.name)))
                continue
            if use_cache:
                _cache_write(key, record)
        records.append(record)
    articles = flag_duplicates(articles_frame(records))
    # The manual file's problems first, then the files by name.
    rows = [(METADATA_FILE, skip_reason(problem, METADATA_FILE)) for problem in problems] + sorted(skipped)
    skipped_frame = pd.DataFrame(rows, columns=SKIPPED_COLUMNS)
    return Corpus(articles=articles, sentences=sentences(articles), skipped=skipped_frame)


def articles_frame(records: list[dict]) -> pd.DataFrame:
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


def load_corpus(seeds_dir: str | Path | None = None) -> pd.DataFrame:
    """The articles DataFrame of :func:`read_corpus` (what notebooks usually need)."""
    return read_corpus(seeds_dir).articles
