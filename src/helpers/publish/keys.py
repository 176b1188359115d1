"""Content keys: the digest of everything a report depends on, and the build state that remembers them.

Every report's key holds the notebook, its parameters and language, the
``helpers`` source and data files, and ``requirements.lock``.  Corpus-wide
reports add the digest of every file in ``seeds/``; a city profile adds
instead the digest of its city's processed articles (:func:`city_keys`), since
it reads nothing else.  A notebook that reads other files (the methods report:
the gold codings) adds their digest (:func:`inputs_digest`).

The build state (``build/state.json``) remembers each report's key and the
digest of the page written for it, recorded as soon as the page is written:
a page counts as up to date only if it is the very page its key produced,
whatever happened to the build that wrote it (or to the page since).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from helpers import paths
from helpers.cache import DAMAGE, warn_damaged
from helpers.errors import HelpersError
from helpers.publish.files import write_atomic
from helpers.publish.plan import CorpusSummary, ReportSpec

# Bump when the way reports are produced changes in a way the digests do not see.
BUILD_FORMAT = "1"


def _hash_file(path: Path):
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256")  # in chunks: never the whole file in memory


def file_digest(path: Path) -> str:
    """SHA-256 of a file (hex), read in chunks."""
    return _hash_file(path).hexdigest()


def _digest_files(files: Iterable[Path], root: Path, max_bytes: int | None = None) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        stat = path.stat()
        if max_bytes is not None and stat.st_size > max_bytes:
            # The corpus skips a file over the limit without reading it; so does the key.
            digest.update(f"over the limit: {stat.st_size} bytes, mtime {stat.st_mtime_ns}".encode())
        else:
            digest.update(_hash_file(path).digest())
    return digest.hexdigest()


def source_digest() -> str:
    """Digest of the ``helpers`` package: code, templates and data files."""
    package = paths.PACKAGE_DIR
    files = [
        p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc"}
    ]
    return _digest_files(files, package)


def seeds_digest(seeds_dir: Path) -> str:
    """Digest of every entry of the seeds folder (articles, manual metadata, and whatever else is there).

    Every entry counts, because the corpus reports every one: a file by its
    content; a file over the article size limit of ``data/limits.yaml`` (which
    the corpus skips unread) by its name, size and modification time, so a
    3 GB file dropped in ``seeds/`` costs a ``stat``, not a read; a file that
    cannot be read by the reason; a folder, link or pipe by its kind and
    target.  Hidden entries are ignored, as the corpus ignores them.
    """
    from helpers.corpus.limits import load_limits

    max_bytes = load_limits().max_article_bytes
    digest = hashlib.sha256()
    for entry in sorted(p for p in seeds_dir.iterdir() if not p.name.startswith(".")):
        digest.update(entry.name.encode("utf-8") + b"\0")
        digest.update(_entry_fingerprint(entry, max_bytes).encode("utf-8") + b"\0")
    return digest.hexdigest()


def _entry_fingerprint(entry: Path, max_bytes: int) -> str:
    try:
        if entry.is_symlink():
            target = os.readlink(entry)
            if not entry.exists():
                return f"dangling link to {target}"
            if not entry.is_file():
                return f"link to a folder or device: {target}"
        if not entry.is_file():
            return "folder" if entry.is_dir() else "not a regular file"
        stat = entry.stat()
        if stat.st_size > max_bytes:
            return f"over the limit: {stat.st_size} bytes, mtime {stat.st_mtime_ns}"
        return _hash_file(entry).hexdigest()
    except OSError as exc:  # unreadable: the corpus lists it as skipped; its state is what counts
        return f"unreadable: {exc.strerror}"


def inputs_digest(inputs: Iterable[Path]) -> str:
    """Digest of files and folders a notebook reads besides the seeds and the package (a missing one reads as empty)."""
    digest = hashlib.sha256()
    for path in inputs:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
        else:
            files = [path] if path.is_file() else []
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(_digest_files(files, path.parent).encode("ascii"))
    return digest.hexdigest()


def environment_digest() -> str:
    lock = paths.project_root() / "requirements.lock"
    return hashlib.sha256(lock.read_bytes()).hexdigest() if lock.exists() else "no-lock"


def report_key(
    spec: ReportSpec, notebook_path: Path, shared: dict[str, str], city_key: str | None = None
) -> str:
    """The content key of one report.

    ``shared`` holds the digests every report depends on (``seeds``,
    ``source``, ``environment``).  A per-city report reads its city's
    articles only, so ``city_key`` (:func:`city_keys`) stands in for the
    digest of all the seeds.
    """
    digest = hashlib.sha256()
    parts = {
        "format": BUILD_FORMAT,
        "notebook": hashlib.sha256(notebook_path.read_bytes()).hexdigest(),
        "lang": spec.lang,
        "params": dict(spec.params),
        **shared,
    }
    if spec.notebook.inputs:
        parts["inputs"] = inputs_digest(read() for read in spec.notebook.inputs)
    if spec.notebook.per_city:
        if city_key is None:
            raise HelpersError(f"no digest for the articles of {spec.city!r}; rebuild with --force")
        parts["seeds"] = city_key
    digest.update(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def index_key(corpus: CorpusSummary, specs: list[ReportSpec], reports_state: dict) -> str:
    """The key of the index page: the corpus summary and which reports built."""
    payload = {
        "corpus": corpus.to_json(),
        "reports": [(s.relpath, reports_state.get(s.relpath, {}).get("ok")) for s in specs],
        "source": BUILD_FORMAT,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def page_is(path: Path, digest: object) -> bool:
    """Whether ``path`` holds exactly the page whose ``digest`` the build recorded when it wrote it."""
    if not isinstance(digest, str):
        return False
    try:
        return file_digest(path) == digest
    except OSError:
        return False


def page_digest(page: str) -> str:
    """The digest :func:`page_is` compares with: of the page as written (UTF-8)."""
    return hashlib.sha256(page.encode("utf-8")).hexdigest()


def load_state(path: Path) -> dict:
    """The state of the last build (report keys, page digests, corpus summary), or {} when there is none.

    A damaged state (truncated, garbled, the wrong shape) is one warning line
    and an empty state: every report is rebuilt, none is trusted.
    """
    try:
        return _checked_state(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}
    except DAMAGE as exc:
        warn_damaged(path, exc, "build state")
        return {}


def save_state(path: Path, state: dict) -> None:
    write_atomic(path, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))


def _checked_state(state: object) -> dict:
    """``state`` if it has the shape :func:`save_state` writes; raises ValueError naming what is wrong."""
    if not isinstance(state, dict):
        raise ValueError("not a JSON object")
    reports = state.get("reports", {})
    if not isinstance(reports, dict):
        raise ValueError("'reports' is not an object")
    for relpath, entry in reports.items():
        if not (isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("ok"), bool)):
            raise ValueError(f"report {relpath!r} has no key and ok")
    for name in ("corpus_key", "index_key", "index_page"):
        if name in state and not isinstance(state[name], str):
            raise ValueError(f"{name!r} is not a string")
    if "corpus" in state:
        CorpusSummary.from_json(state["corpus"])  # raises on the wrong shape
    return state
