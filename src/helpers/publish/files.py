"""Writing the build's files safely: atomic replacement, and one build at a time per folder."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from helpers.errors import HelpersError


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    os.replace(tmp, path)


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

