"""The corpus stage in batches: per-article work through an engine, tables into the store.

:func:`process_corpus` reads the seeds folder the way
:func:`helpers.corpus.read_corpus` does, cuts the articles (sorted by id)
into batches, and has an engine (:mod:`helpers.corpus.engine`: local
processes or Dask) run :func:`process_batch` on each batch that the store
(:mod:`helpers.corpus.store`) does not hold yet.  A batch's work is per
article and needs nothing of the others: read, clean, metadata, sentences,
tokens, measures coding, events and announcements, and the shingle hashes of the duplicate
check.  What is corpus-wide runs afterwards, once, in this process: the
duplicate search (:func:`helpers.corpus.duplicates.duplicate_flags`, over the
stored sketches and hashes, batch by batch), and the aggregates the commands
print, summed batch by batch (:mod:`helpers.analysis.stored`).

Batches are cut where the content says (content-defined chunking): a batch
ends after an article whose content key, read as a number, is
``BATCH_TARGET - 1`` modulo :data:`BATCH_TARGET`, or at :data:`BATCH_MAX`
articles.  An article added or changed touches its own batch only; the
others keep their keys and are reused from the store.

Memory in this process holds one batch's tables at a time, the sketches of
the duplicate check (512 bytes an article) and the article ids; workers hold
one batch each.  The same inputs give the same tables whichever engine ran
the batches and however many workers it had.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.analysis.codebook import load_codebook
from helpers.analysis.coding import code_sentences
from helpers.analysis.events import UnresolvedYearWarning, extract_dates
from helpers.analysis.stored import StoredCorpus, manifest_path, write_manifest
from helpers.corpus import articles as corpus_articles
from helpers.corpus.boilerplate import default_rules
from helpers.corpus.duplicates import SKETCH_SIZE, duplicate_flags, shingle_hashes
from helpers.corpus.engine import engine_name, open_engine
from helpers.corpus.gazetteer import default_gazetteer
from helpers.corpus.limits import load_limits
from helpers.corpus.manual import load_manual_metadata
from helpers.corpus.metadata import Value
from helpers.corpus.reading import read_bytes
from helpers.corpus.seeds import METADATA_FILE, seed_files, skip_reason
from helpers.corpus.sentences import sentences
from helpers.corpus.store import check_partition, store_dir, write_partition
from helpers.errors import HelpersError
from helpers.text.segment import corpus_tokens

PIPELINE_VERSION = "pipeline-1"
# Articles per batch: on average (content-defined cut points) and at most.
BATCH_TARGET = 200
BATCH_MAX = 400
SHINGLE_COLUMNS = ["id", "text_sha256", "n_shingles", "hashes"]


@dataclass(frozen=True)
class ArticleInput:
    """One article file as a worker gets it: the bytes travel, so workers need no access to the seeds folder."""

    id: str
    name: str
    raw: bytes
    manual: dict[str, Value] | None


@dataclass(frozen=True)
class BatchTask:
    """One batch to process; ``store``: the store folder, written by the worker itself when it sees it."""

    key: str
    articles: tuple[ArticleInput, ...]
    store: str | None = None


@dataclass
class BatchResult:
    """A processed batch: its tables (empty when the worker wrote them to the store itself) and meta."""

    key: str
    tables: dict[str, pd.DataFrame]
    meta: dict = field(default_factory=dict)
    written: bool = False


# --------------------------------------------------------------------------- one batch (in a worker)


def process_batch(task: BatchTask) -> BatchResult:
    """Every table of one batch of articles: the per-article work of the corpus stage.

    Returns
    -------
    BatchResult
        Tables ``articles`` (duplicates not yet flagged), ``sentences``,
        ``tokens``, ``evidence``, ``events``, ``announcements`` and ``shingles`` (``id``,
        ``text_sha256``, ``n_shingles``, ``hashes``); ``meta`` holds the
        article ids, the files skipped (``[file, reason]``) and the
        events' warnings, in article order.
    """
    rules, gazetteer, limits = default_rules(), default_gazetteer(), load_limits()
    codebook = load_codebook()
    records, skipped = [], []
    for article in task.articles:
        try:
            records.append(corpus_articles.build_article(article.raw, article.id, article.name, article.manual,
                                                         rules, gazetteer, limits))
        except HelpersError as exc:
            skipped.append([article.name, skip_reason(str(exc), article.name)])
    table = corpus_articles.articles_frame(records)
    sentence_table = sentences(table)
    tokens = corpus_tokens(table, extra_words=codebook.all_terms(), use_cache=False)
    evidence = code_sentences(sentence_table, codebook, tokens=tokens, genres=dict(zip(table["id"], table["genre"])))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnresolvedYearWarning)
        dates = extract_dates(table, sentence_table)
    event_warnings = [str(w.message) for w in caught if issubclass(w.category, UnresolvedYearWarning)]
    hashes = [shingle_hashes(text) for text in table["text"]]
    shingle_table = pd.DataFrame({
        "id": pd.Series(list(table["id"]), dtype=object),
        "text_sha256": pd.Series([hashlib.sha256(t.encode("utf-8")).hexdigest() for t in table["text"]],
                                 dtype=object),
        "n_shingles": pd.Series([len(h) for h in hashes], dtype="int64"),
        "hashes": pd.Series(hashes, dtype=object),
    }, columns=SHINGLE_COLUMNS)
    tables = {"articles": table, "sentences": sentence_table, "tokens": tokens, "evidence": evidence,
              "events": dates.events, "announcements": dates.announcements, "shingles": shingle_table}
    meta = {"ids": list(table["id"]), "skipped": skipped, "event_warnings": event_warnings}
    if task.store and Path(task.store).is_dir():
        # The worker sees the store (this machine, or a shared file system): the tables go straight
        # there instead of through the engine and the main process's memory.
        write_partition(Path(task.store), task.key, tables, meta)
        return BatchResult(task.key, {}, meta, written=True)
    return BatchResult(task.key, tables, meta)


# --------------------------------------------------------------------------- the corpus (in this process)


def pipeline_fingerprint() -> str:
    """Digest of what shapes every table besides an article's own bytes: code, data files, versions."""
    import jieba
    import pyarrow

    # (the data files as they are now: their loaders read an edited file again, helpers.paths.file_state)
    parts = [PIPELINE_VERSION, corpus_articles.data_fingerprint(), jieba.__version__, pd.__version__,
             pyarrow.__version__, *_CODE_DIGESTS, *_digests(sorted(paths.DATA_DIR.iterdir()))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _digests(files: list[Path]) -> tuple[str, ...]:
    return tuple(f"{file.name}:{hashlib.sha256(file.read_bytes()).hexdigest()}" for file in files if file.is_file())


# The code of every stage, read when this module is imported (with the stages it imports): the code this process
# runs, not what an edit has put on disk since -- a batch computed by the old code must not be stored under a key
# that says the new one.
_CODE_DIGESTS = _digests([*sorted(paths.PACKAGE_DIR.glob("*.py")),
                          *(file for stage in ("corpus", "text", "analysis")
                            for file in sorted((paths.PACKAGE_DIR / stage).glob("*.py")))])


@dataclass
class _Entry:
    file: Path
    key: str


def _batches(entries: list[_Entry], target: int, largest: int) -> list[list[_Entry]]:
    """Entries cut into batches at content-defined points (see the module docstring)."""
    batches: list[list[_Entry]] = [[]]
    for entry in entries:
        batches[-1].append(entry)
        if int(entry.key[:12], 16) % target == target - 1 or len(batches[-1]) >= largest:
            batches.append([])
    return [batch for batch in batches if batch]


def _batch_key(batch: list[_Entry], fingerprint: str) -> str:
    return hashlib.sha256("\n".join([fingerprint, *(entry.key for entry in batch)]).encode()).hexdigest()


def process_corpus(
    seeds_dir: str | Path | None = None,
    *,
    engine: str | None = None,
    store: str | Path | None = None,
    batch_target: int = BATCH_TARGET,
    batch_max: int = BATCH_MAX,
    **engine_options: object,
) -> StoredCorpus:
    """Process every article of the seeds folder into the store; the stored corpus.

    Parameters
    ----------
    seeds_dir
        Folder of article files and the optional ``metadata.yaml``; default ``seeds/``.
    engine
        ``local`` or ``dask`` (default: ``HELPERS_ENGINE``, else ``local``).
    store
        The store folder; default ``cache_dir()/store``.
    batch_target, batch_max
        Articles per batch, on average and at most.
    engine_options
        Passed to the engine (``workers``, ``scheduler``).

    Returns
    -------
    StoredCorpus
        The tables of :func:`helpers.corpus.read_corpus` and of the analysis
        (tokens, evidence, events), read batch by batch; the same articles,
        sentences and skipped files, in the same order, with the same values.
    """
    engine = engine_name(engine)  # a wrong name fails at once, whether or not there is work
    folder = Path(seeds_dir) if seeds_dir is not None else paths.seeds_dir()
    target = Path(store) if store is not None else store_dir()
    limits = load_limits()
    seeds = seed_files(folder, limits)
    problems: list[str] = []
    manual = load_manual_metadata(folder / METADATA_FILE, problems=problems, article_ids=seeds.ids)
    skipped = [list(item) for item in seeds.skipped]
    fingerprint = pipeline_fingerprint()
    entries = []
    for file in sorted(seeds.articles, key=lambda path: path.stem):
        try:
            raw = read_bytes(file)
        except HelpersError as exc:
            skipped.append([file.name, skip_reason(str(exc), file.name)])
            continue
        entries.append(_Entry(file, corpus_articles.article_key(hashlib.sha256(raw).hexdigest(), file.name,
                                                                manual.get(file.stem), fingerprint)))
    batches = _batches(entries, batch_target, batch_max)
    keys = [_batch_key(batch, fingerprint) for batch in batches]
    problem_rows = [[METADATA_FILE, skip_reason(problem, METADATA_FILE)] for problem in problems]
    corpus_key = hashlib.sha256(json.dumps([keys, problem_rows, skipped], ensure_ascii=False).encode()).hexdigest()
    if manifest_path(target, corpus_key).is_file():
        stored = StoredCorpus.open(target, corpus_key)
        if stored is not None:
            return stored
    missing = [index for index, key in enumerate(keys) if not check_partition(target, key)]

    def tasks() -> Iterator[BatchTask]:
        for index in missing:  # bytes read batch by batch, as the engine asks for them
            inputs = tuple(ArticleInput(entry.file.stem, entry.file.name, read_bytes(entry.file),
                                        manual.get(entry.file.stem)) for entry in batches[index])
            yield BatchTask(keys[index], inputs, str(target.resolve()))

    if missing:  # an engine (a Dask cluster, a process pool) is started only for work to do
        target.mkdir(parents=True, exist_ok=True)
        with open_engine(engine, tasks=len(missing), **engine_options) as runner:
            for result in runner.map(process_batch, tasks()):
                if not result.written:
                    write_partition(target, result.key, result.tables, result.meta)
                elif not check_partition(target, result.key):
                    raise HelpersError(f"{target}: a worker wrote batch {result.key[:12]} to a folder of this "
                                       "name that this machine does not see; give the store a path on a file "
                                       "system the workers share, or one they do not have")
    entries = batches = []  # a path and key an article, not needed by the search below: let them go
    stored = StoredCorpus(target, corpus_key, keys, problem_rows=problem_rows, skipped_rows=skipped)
    flags = _duplicates(stored)
    write_manifest(stored, flags)
    return StoredCorpus.open(target, corpus_key)


def _duplicates(stored: StoredCorpus) -> list[list[object]]:
    """``[id, duplicate_of, kind, score]`` for every article repeating an earlier one, from the stored hashes."""
    ids: list[str] = []
    digests: list[str] = []
    sizes: list[int] = []
    sketches = []
    where: list[tuple[int, int]] = []  # (partition, row) of each article
    for part, key in enumerate(stored.partitions):
        table = stored.shingles(key)
        hashes = table["hashes"]
        for row in range(len(table["id"])):
            ids.append(table["id"][row])
            digests.append(table["text_sha256"][row])
            sizes.append(int(table["n_shingles"][row]))
            sketches.append(hashes[row][:SKETCH_SIZE].copy())
            where.append((part, row))

    def load_hashes(wanted: list[int]) -> Iterator[tuple[int, object]]:
        index = 0
        while index < len(wanted):
            part = where[wanted[index]][0]
            hashes = stored.shingles(stored.partitions[part])["hashes"]
            while index < len(wanted) and where[wanted[index]][0] == part:
                yield wanted[index], hashes[where[wanted[index]][1]]
                index += 1

    flags = duplicate_flags(digests, sizes, sketches, load_hashes)
    return [[ids[index], ids[flag[0]], flag[1], flag[2]] for index, flag in enumerate(flags) if flag is not None]
