"""A processed corpus in the store, read batch by batch: its tables and the aggregates the commands print.

:class:`StoredCorpus` is what :func:`helpers.analysis.pipeline.process_corpus`
returns.  Its tables (``articles``, ``sentences``, ``tokens``, ``evidence``,
``events``, ``announcements``) are those of :func:`helpers.corpus.read_corpus` and
:class:`helpers.analysis.Analysis` over *every* article (duplicates
included, as the commands print them), read one batch at a time
(:meth:`StoredCorpus.table`) so that memory does not grow with the corpus;
``articles`` carries the duplicate flags of the corpus-wide search.  A small
corpus can be read whole (:meth:`StoredCorpus.read`, :meth:`StoredCorpus.corpus`).

The manifest (``corpus-<key>.json`` in the store) names a corpus's batches
in order, the files it skipped and its duplicate flags; its key is a digest
of the batch keys, so an unchanged seeds folder is answered from it without
reading an article.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.cache import DAMAGE, warn_damaged
from helpers.corpus import Corpus
from helpers.corpus.articles import ARTICLE_COLUMNS
from helpers.corpus.duplicates import duplicate_warning
from helpers.corpus.sentences import SENTENCE_COLUMNS
from helpers.corpus.store import STORE_VERSION, check_partition, parquet, partition_dir, read_meta, read_table

SKIPPED_COLUMNS = ["file", "reason"]


def manifest_path(folder: Path, key: str) -> Path:
    return folder / f"corpus-{key}.json"


@dataclass
class StoredCorpus:
    """A processed corpus: its batches (partitions of the store) in article order, skipped files and duplicates."""

    folder: Path
    key: str
    partitions: list[str]
    problem_rows: list[list[str]] = field(default_factory=list)
    skipped_rows: list[list[str]] = field(default_factory=list)
    duplicates: dict[str, tuple[str, str, float]] = field(default_factory=dict)
    _metas: dict[str, dict] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, folder: Path, key: str) -> StoredCorpus | None:
        """The corpus of manifest ``key``; None when the manifest or one of its partitions is missing or damaged."""
        path = manifest_path(folder, key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != STORE_VERSION:
                raise ValueError("written by another store version")
            stored = cls(folder, key, [str(p) for p in data["partitions"]], data["problems"], data["skipped"],
                         {str(i): (str(o), str(k), float(s)) for i, o, k, s in data["duplicates"]})
        except FileNotFoundError:
            return None
        except DAMAGE as exc:
            warn_damaged(path, exc, "store manifest")
            return None
        if not all(check_partition(folder, part) for part in stored.partitions):
            return None
        return stored

    def meta(self, part: str) -> dict:
        if part not in self._metas:
            self._metas[part] = read_meta(self.folder, part)
        return self._metas[part]

    @property
    def ids(self) -> list[str]:
        """Every article's id, in order."""
        return [article_id for part in self.partitions for article_id in self.meta(part)["ids"]]

    @property
    def skipped(self) -> pd.DataFrame:
        """``file``, ``reason``: the manual metadata's problems first, then the files by name (as ``read_corpus``)."""
        files = [tuple(row) for row in self.skipped_rows]
        for part in self.partitions:
            files += [tuple(row) for row in self.meta(part)["skipped"]]
        rows = [tuple(row) for row in self.problem_rows] + sorted(files)
        return pd.DataFrame(rows, columns=SKIPPED_COLUMNS)

    def event_warnings(self) -> Iterator[str]:
        """The events' warnings (an article without a publication date), in article order."""
        for part in self.partitions:
            yield from self.meta(part)["event_warnings"]

    def table(self, name: str, columns: Iterable[str] | None = None) -> Iterator[pd.DataFrame]:
        """Table ``name`` one batch at a time, in article order (``articles`` with duplicates flagged)."""
        wanted = list(columns) if columns is not None else None
        for part in self.partitions:
            if name == "articles":
                yield self._articles(part, wanted)
            else:
                yield read_table(self.folder, part, name, wanted, self.meta(part))

    def _articles(self, part: str, columns: list[str] | None) -> pd.DataFrame:
        needed = columns if columns is not None else list(ARTICLE_COLUMNS)
        dup_columns = {"duplicate_of", "warnings"} & set(needed)
        read = list(dict.fromkeys([*needed, "id"] if dup_columns else needed))
        frame = read_table(self.folder, part, "articles", read, self.meta(part))
        if dup_columns and self.duplicates:
            flags = [self.duplicates.get(article_id) for article_id in frame["id"]]
            if "duplicate_of" in needed:
                frame["duplicate_of"] = pd.Series([f[0] if f else d for f, d in zip(flags, frame["duplicate_of"])],
                                                  dtype=object)
            if "warnings" in needed:
                frame["warnings"] = pd.Series([[*w, duplicate_warning(*f)] if f else w
                                               for f, w in zip(flags, frame["warnings"])], dtype=object)
        return frame[needed]

    def read(self, name: str, columns: Iterable[str] | None = None) -> pd.DataFrame:
        """Table ``name`` whole (for a corpus that fits in memory)."""
        frames = list(self.table(name, columns))
        non_empty = [frame for frame in frames if len(frame)]
        if not non_empty:
            return frames[0] if frames else pd.DataFrame()
        return pd.concat(non_empty, ignore_index=True) if len(non_empty) > 1 else non_empty[0]

    def corpus(self) -> Corpus:
        """The :class:`~helpers.corpus.Corpus` of ``read_corpus`` (whole, in memory)."""
        return Corpus(articles=self.read("articles", ARTICLE_COLUMNS),
                      sentences=self.read("sentences", SENTENCE_COLUMNS), skipped=self.skipped)

    def shingles(self, part: str) -> dict[str, object]:
        """One batch's shingle table: ``id``, ``text_sha256`` (lists), ``n_shingles`` and ``hashes`` (numpy)."""
        pq = parquet()

        table = pq.read_table(partition_dir(self.folder, part) / "shingles.parquet")
        if table.num_rows == 0:  # a batch whose every file was skipped: its hashes column has no type
            return {"id": [], "text_sha256": [], "n_shingles": np.zeros(0, dtype=np.int64), "hashes": []}
        hashes = table.column("hashes").combine_chunks()
        values = hashes.values.to_numpy(zero_copy_only=False).astype(np.uint64, copy=False)
        offsets = hashes.offsets.to_numpy()
        return {
            "id": table.column("id").to_pylist(),
            "text_sha256": table.column("text_sha256").to_pylist(),
            "n_shingles": table.column("n_shingles").to_numpy(),
            "hashes": [values[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)],
        }


def write_manifest(stored: StoredCorpus, duplicates: list[list[object]]) -> None:
    """Record ``stored``'s batches, skipped files and duplicate flags (written then renamed)."""
    path = manifest_path(stored.folder, stored.key)
    stored.folder.mkdir(parents=True, exist_ok=True)
    data = {"version": STORE_VERSION, "partitions": stored.partitions, "problems": stored.problem_rows,
            "skipped": stored.skipped_rows, "duplicates": duplicates}
    fd, tmp = tempfile.mkstemp(dir=stored.folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
