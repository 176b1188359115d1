"""The on-disk cache of cleaned articles and tokens: JSON files named by content keys."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_json(folder: Path, key: str, value: object) -> None:
    """Store ``value`` as ``folder/key.json``, written then renamed so readers never see half a file.

    A cache that cannot be written (read-only, full disk) only costs speed, so
    errors are ignored.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False)
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        pass
