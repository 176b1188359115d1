"""Writing the build's files safely: atomic replacement, one build at a time per folder, clear errors.

A page is written to a temporary file beside it and renamed over the old
one, so a reader (or a killed build) never leaves half a page; a write that
fails (full disk, read-only folder) removes its temporary file and raises a
one-line :class:`~helpers.errors.HelpersError`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from helpers.errors import HelpersError

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_TEMPORARY = ".*.*.tmp"  # what write_atomic writes before renaming: .<name>.<pid>.tmp


def unusable(path: Path, exc: OSError) -> HelpersError:
    """The one-line error for a file or folder the build cannot write."""
    reason = exc.strerror or type(exc).__name__
    if exc.errno in _FULL:
        fix = "free some space on that disk and build again"
    else:
        fix = "make the folder writable or choose another with --out / --build-dir"
    return HelpersError(f"cannot write {path}: {reason}; {fix}")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename over the target.

    Raises
    ------
    HelpersError
        If the folder cannot be written (full disk, read-only); no temporary file is left.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise unusable(path, exc) from None
        raise


def check_writable(folder: Path) -> None:
    """Raise a one-line error now if ``folder`` cannot be created or written, rather than after the notebooks ran."""
    probe = folder / f".write-check.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe.unlink()
        raise unusable(folder, exc) from None


def remove_stale_temporaries(folder: Path) -> None:
    """Delete the temporary files of an earlier build that was killed while writing (call with the lock held)."""
    if folder.is_dir():
        for tmp in folder.rglob(_TEMPORARY):
            with contextlib.suppress(OSError):
                tmp.unlink()


@contextlib.contextmanager
def build_lock(build_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold an exclusive lock on the build folder; refuse clearly if another build holds it."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock_path = build_dir / "build.lock"
    with open(lock_path, "w") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise HelpersError(
                        f"another build is running on {build_dir.name}/ (lock {lock_path.name}); "
                        "wait for it to finish or use --wait SECONDS"
                    ) from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

