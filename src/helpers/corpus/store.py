"""The corpus store: a processed corpus's tables as Parquet files, one folder per batch of articles.

A *partition* is one batch of articles (:mod:`helpers.analysis.pipeline` cuts
the corpus into batches and fills them) and holds one Parquet file per table
(``articles``, ``sentences``, ``tokens``, ``evidence``, ``events``, ``announcements``,
``shingles``) plus ``meta.json`` (what the batch skipped and warned about,
and each table's column types).  Its folder is named by a content key: the
digest of its articles' bytes, manual metadata and the code and data that
process them, so a partition once written is never stale, and a corpus
that shares batches with an earlier one reuses them.

Tables round-trip exactly: the pandas column types are recorded and
restored (text columns whose missing values are ``None``, nullable
integers), and columns of lists or dicts (an article's warnings and
removed lines) are stored as JSON text.  A partition is written into a
temporary folder and renamed, so readers never see half of one; a damaged
one is one :class:`~helpers.errors.DamagedFileWarning` line and is built again.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.cache import DAMAGE, warn_damaged

STORE_VERSION = "store-1"
META_FILE = "meta.json"
# pandas types restored on reading: columns of Python objects (text with None, lists as JSON).
_OBJECT, _JSON = "object", "json"


def store_dir() -> Path:
    """The default store: ``cache_dir()/store``."""
    return paths.cache_dir() / "store"


def partition_dir(folder: Path, key: str) -> Path:
    return folder / f"part-{key}"


def has_partition(folder: Path, key: str) -> bool:
    """Whether the partition ``key`` is complete (its ``meta.json`` is written last)."""
    return (partition_dir(folder, key) / META_FILE).is_file()


def _column_kinds(frame: pd.DataFrame) -> dict[str, str]:
    kinds = {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object:
            nested = any(isinstance(value, list | dict) for value in column)
            kinds[name] = _JSON if nested else _OBJECT
        else:
            kinds[name] = str(column.dtype)
    return kinds


@functools.cache
def parquet():
    """``pyarrow.parquet``, with Arrow allocating from the system allocator unless the user chose one.

    Arrow's default allocator (jemalloc or mimalloc) keeps what a batch freed for later reuse, so a
    process that reads or writes batch after batch grows; the system allocator gives it back.  At
    10,000 articles on Dask this lowered the peak of all processes from 1,390 to 1,291 MB
    (benchmarks/scale_results.md).  ``ARROW_DEFAULT_MEMORY_POOL``, if set, is left to decide.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        pa.set_memory_pool(pa.system_memory_pool())
    return pq


def _to_arrow(frame: pd.DataFrame, kinds: dict[str, str]):
    parquet()
    import pyarrow as pa

    columns = {}
    for name in frame.columns:
        column = frame[name]
        if kinds[name] == _JSON:
            column = pd.Series([json.dumps(value, ensure_ascii=False) for value in column], dtype=object)
        columns[name] = column
    return pa.Table.from_pandas(pd.DataFrame(columns, columns=list(frame.columns)), preserve_index=False)


def write_partition(folder: Path, key: str, tables: dict[str, pd.DataFrame], meta: dict) -> None:
    """Write one partition atomically: its tables and ``meta`` (JSON-ready)."""
    pq = parquet()

    folder.mkdir(parents=True, exist_ok=True)
    target = partition_dir(folder, key)
    tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".tmp-"))
    try:
        kinds = {}
        for name, frame in tables.items():
            kinds[name] = _column_kinds(frame)
            pq.write_table(_to_arrow(frame, kinds[name]), tmp / f"{name}.parquet")
        (tmp / META_FILE).write_text(json.dumps({**meta, "version": STORE_VERSION, "kinds": kinds},
                                                ensure_ascii=False), encoding="utf-8")
        if target.exists() and not has_partition(folder, key):  # a damaged copy: the new one replaces it
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.replace(tmp, target)
        except OSError:
            # Another process wrote the same key meanwhile: same key, same content; keep its copy.
            if not has_partition(folder, key):
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def read_meta(folder: Path, key: str) -> dict:
    """The partition's ``meta.json`` (raises one of :data:`~helpers.cache.DAMAGE` if damaged)."""
    meta = json.loads((partition_dir(folder, key) / META_FILE).read_text(encoding="utf-8"))
    if not isinstance(meta, dict) or meta.get("version") != STORE_VERSION:
        raise ValueError("not a partition of this store version")
    return meta


def read_table(folder: Path, key: str, name: str, columns: Iterable[str] | None = None,
               meta: dict | None = None) -> pd.DataFrame:
    """One table of one partition as pandas wrote it (``columns``: only these, in this order)."""
    pq = parquet()

    meta = meta if meta is not None else read_meta(folder, key)
    kinds = meta["kinds"][name]
    wanted = list(columns) if columns is not None else list(kinds)
    frame = pq.read_table(partition_dir(folder, key) / f"{name}.parquet", columns=wanted).to_pandas()
    for column in wanted:
        kind = kinds[column]
        if kind == _OBJECT:
            values = frame[column].astype(object)
            frame[column] = values.where(values.notna(), None)
        elif kind == _JSON:
            frame[column] = pd.Series([json.loads(value) for value in frame[column]], dtype=object)
        elif str(frame[column].dtype) != kind:
            frame[column] = frame[column].astype(kind)
    return frame


def check_partition(folder: Path, key: str) -> bool:
    """Whether partition ``key`` is there and readable; a damaged one is reported, removed and False."""
    if not has_partition(folder, key):
        return False
    try:
        meta = read_meta(folder, key)
        for name in meta["kinds"]:
            if not (partition_dir(folder, key) / f"{name}.parquet").is_file():
                raise FileNotFoundError(f"{name}.parquet is missing")
    except DAMAGE as exc:
        warn_damaged(partition_dir(folder, key), exc, "store partition")
        with contextlib.suppress(OSError):
            shutil.rmtree(partition_dir(folder, key))
        return False
    return True
