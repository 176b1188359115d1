"""Every project path, derived from one root.  Nothing here reads files.

The root is the repository checkout (``src/helpers`` lives two levels below
it).  ``HELPERS_PROJECT_ROOT`` overrides it, for an installed copy used on
another checkout; ``HELPERS_CACHE_DIR`` moves the cache.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def project_root() -> Path:
    """The checkout the package works on."""
    override = os.environ.get("HELPERS_PROJECT_ROOT")
    if override:
        return Path(override).resolve()
    return PACKAGE_DIR.parents[1]


def seeds_dir() -> Path:
    """Where the raw articles and the manual metadata file live."""
    return project_root() / "seeds"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def reports_dir() -> Path:
    return project_root() / "reports"


def build_dir() -> Path:
    """Executed notebooks and build state, kept for analysts (not committed)."""
    return project_root() / "build"


def cache_dir() -> Path:
    """Content-keyed cache of cleaned text and tokens."""
    override = os.environ.get("HELPERS_CACHE_DIR")
    if override:
        return Path(override).resolve()
    return project_root() / ".cache" / "helpers"


def gold_dir() -> Path:
    """The hand coding of the seeds: the merged gold standard and the two readings it merges."""
    return project_root() / "tests" / "gold"


def heldout_dir() -> Path:
    """Articles written for the project with their own hand coding (``articles/``, ``gold.yaml``)."""
    return project_root() / "tests" / "heldout"


def blind_dir() -> Path:
    """Articles written around the definitions' traps and set aside until the coding was finished
    (``articles/``, ``gold.yaml``)."""
    return project_root() / "tests" / "heldout121"


def ordinary_blind_dir() -> Path:
    """Articles written like ordinary coverage and set aside until the coding was finished
    (``articles/``, ``gold.yaml``)."""
    return project_root() / "tests" / "heldout122"


def data_file(name: str) -> Path:
    """A data file shipped in the package (codebook, gazetteer, rules ...)."""
    return DATA_DIR / name


def file_state(*files: Path) -> tuple[tuple[str, int, int], ...]:
    """Each file's path, modification time and size: what a loader cached once per process keys its cache by, so
    that a file edited while the process runs (a notebook kernel) is read again and what the process uses is what
    the store's keys describe."""
    states = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            states.append((str(file), -1, -1))
        else:
            states.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(states)
