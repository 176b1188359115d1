"""Which entries of the seeds folder are articles?  Every one is read or skipped with a reason.

An article is a regular ``.txt`` file (any case of the suffix, a link to a
file counts) directly in the seeds folder, within the size limit of
``data/limits.yaml``; its id is the file name without the suffix.  Anything
else in the folder is skipped with one line saying why and what to do: a
folder or a link to one (its files are not read), a dangling link, a pipe or
device, a file of another kind, an oversized file.  Only hidden entries
(``.gitkeep``, ``.DS_Store``, editors' swap files) and the manual metadata
file ``metadata.yaml`` are passed over without a word.

Two files with one id (``a.txt`` beside ``a.TXT``; on a case-sensitive file
system both exist) are one article: ``{id}.txt`` is read when it is one of
them, otherwise the first name in code-point order, so the choice does not
depend on the order the system lists the folder in; the others are skipped
naming the one read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from helpers.corpus.limits import Limits, check_article_size, load_limits
from helpers.errors import HelpersError

METADATA_FILE = "metadata.yaml"
ARTICLE_SUFFIX = ".txt"


@dataclass(frozen=True)
class SeedFiles:
    """The seeds folder sorted out before a byte of an article is read.

    Attributes
    ----------
    articles : list of Path
        The files to read, one per id, sorted by name.
    skipped : list of (str, str)
        ``(file name, reason)`` of every other entry; the reason has no file name in front.
    ids : set of str
        The id of every ``.txt`` entry, read or skipped (what ``metadata.yaml`` may name).
    """

    articles: list[Path]
    skipped: list[tuple[str, str]]
    ids: set[str]


def is_article_name(path: Path) -> bool:
    """True for a name the corpus reads as an article (``.txt`` in any case)."""
    return path.suffix.lower() == ARTICLE_SUFFIX


def check_seed_file(path: Path, limits: Limits | None = None) -> None:
    """Raise if the corpus would skip ``path`` without reading it, saying why and what to do.

    Parameters
    ----------
    path : Path
        An entry of the seeds folder (or a file about to be put there).
    limits : Limits, optional
        Default: the shipped ``limits.yaml``.

    Raises
    ------
    HelpersError
        ``"{name}: {reason}; {fix}"``: a dangling link, a folder or a link to
        one, a name without ``.txt``, a pipe or device, a file over the size limit.
    """
    name = path.name
    if path.is_symlink() and not path.exists():
        raise HelpersError(f"{name}: a link to {os.readlink(path)}, which does not exist; "
                           "point the link at the article file or remove it")
    if path.is_dir():
        what = "a link to a folder" if path.is_symlink() else "a folder"
        raise HelpersError(f"{name}: {what}, whose files are not read (only files directly in the seeds folder "
                           "are articles); move its articles into the seeds folder, or the folder out of it")
    if not is_article_name(path):
        raise HelpersError(f"{name}: not a {ARTICLE_SUFFIX} article file; rename it to include it")
    if not path.is_file():
        # Never opened: reading a pipe would wait for a writer forever.
        raise HelpersError(f"{name}: not a regular file (a pipe, socket or device); "
                           "replace it with the article's text file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise HelpersError(f"{name}: cannot read it ({exc.strerror}); make the file readable or remove it") from None
    # Checked before reading: a dump of many megabytes is never loaded.
    check_article_size(size, name, limits)


def seed_files(folder: Path, limits: Limits | None = None) -> SeedFiles:
    """Sort the entries of the seeds folder into articles to read and entries skipped with a reason.

    Raises
    ------
    HelpersError
        If the folder does not exist.
    """
    if not folder.is_dir():
        raise HelpersError(f"{folder}: seeds folder not found; pass --seeds DIR or create it")
    limits = limits or load_limits()
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.name != METADATA_FILE)
    readable: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for entry in entries:
        try:
            check_seed_file(entry, limits)
        except HelpersError as exc:
            skipped.append((entry.name, skip_reason(str(exc), entry.name)))
            continue
        readable.append(entry)
    chosen = {}
    for path in readable:  # sorted by name: the first of an id is kept unless {id}.txt comes later
        if path.stem not in chosen or path.name == path.stem + ARTICLE_SUFFIX:
            chosen[path.stem] = path
    articles = []
    for path in readable:
        kept = chosen[path.stem]
        if path == kept:
            articles.append(path)
        else:
            skipped.append((path.name, f"same article id {path.stem!r} as {kept.name}, which is read instead "
                                       f"({path.stem}{ARTICLE_SUFFIX} first, else the first name in code-point "
                                       "order); remove one of the two or rename it"))
    skipped.sort()
    return SeedFiles(articles=articles, skipped=skipped, ids={p.stem for p in entries if is_article_name(p)})


def skip_reason(message: str, name: str) -> str:
    """The error message without the leading file name (the skipped table has its own column)."""
    for prefix in (f"{name}: ", f"{name}, "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message
