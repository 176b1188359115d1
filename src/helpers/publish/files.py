"""Writing the build's files safely: atomic replacement, one build at a time per folder, clear errors.

A page is written to a temporary file beside it and renamed over the old
one, so a reader (or a killed build) never leaves half a page; a write that
fails (full disk, read-only folder) removes its temporary file and raises a
one-line :class:`~helpers.errors.HelpersError`.  Locks are taken with the
``filelock`` package (POSIX and Windows).
"""

from __future__ import annotations

import contextlib
import errno
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
    with _exclusive(build_dir / "build.lock", f"{build_dir.name}/", wait_seconds):
        yield


@contextlib.contextmanager
def output_lock(out_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold an exclusive lock on the reports folder, whichever build folder a build uses.

    The lock file lives beside the folder (``.reports.lock`` for ``reports/``),
    not in it: everything in the reports folder is published.
    """
    with _exclusive(out_dir.parent / f".{out_dir.name}.lock", f"{out_dir.name}/", wait_seconds):
        yield


@contextlib.contextmanager
def _exclusive(lock_path: Path, what: str, wait_seconds: float) -> Iterator[None]:
    lock = None
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock = _file_lock(lock_path)
        deadline = time.monotonic() + wait_seconds
        while not lock.try_acquire():
            if time.monotonic() >= deadline:
                lock.release()
                raise HelpersError(
                    f"another build is running on {what} (lock {lock_path.name}); "
                    "wait for it to finish or use --wait SECONDS"
                )
            time.sleep(0.5)
    except OSError as exc:
        if lock is not None:
            lock.release()
        raise unusable(lock_path, exc) from None
    try:
        yield
    finally:
        lock.release()


class _FilelockLock:
    """An exclusive lock from the ``filelock`` package (flock on POSIX, msvcrt on Windows)."""

    def __init__(self, path: Path) -> None:
        import filelock

        self._timeout = filelock.Timeout
        self._lock = filelock.FileLock(str(path))

    def try_acquire(self) -> bool:
        try:
            self._lock.acquire(timeout=0)
        except self._timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()


class _FlockLock:
    """The ``flock`` that ``filelock`` takes on POSIX, for an environment made before it became a dependency."""

    def __init__(self, path: Path) -> None:
        self._handle = open(path, "a")  # held until release

    def try_acquire(self) -> bool:
        import fcntl

        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        self._handle.close()  # closing the file releases the lock, if it was taken


def _file_lock(path: Path) -> _FilelockLock | _FlockLock:
    try:
        return _FilelockLock(path)
    except ImportError:
        if os.name == "nt":
            raise
        return _FlockLock(path)
