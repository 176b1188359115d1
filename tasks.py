#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11 and pip.

    python3 tasks.py reports   # build every report into reports/
    python3 tasks.py test      # run the test suite

Both create ``.venv`` on first use, install the pinned versions from
``requirements.lock`` and the project itself (editable), and reuse it later;
the environment is re-installed when the lock file or pyproject.toml change.
Extra arguments go to the command (``python3 tasks.py test -k corpus``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("HELPERS_VENV", ROOT / ".venv"))
STAMP = VENV / ".installed"
INSTALL_INPUTS = ("requirements.lock", "pyproject.toml")


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def inputs_digest() -> str:
    digest = hashlib.sha256()
    for name in INSTALL_INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env() -> Path:
    """Create or refresh the virtual environment; return its interpreter."""
    if sys.version_info[:2] != (3, 11):
        print(f"note: this project is pinned for Python 3.11; running {sys.version.split()[0]}",
              file=sys.stderr)
    python = venv_python()
    wanted = inputs_digest()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print(f"creating virtual environment in {VENV.name}/", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    print("installing pinned dependencies from requirements.lock", file=sys.stderr)
    subprocess.run(pip + ["install", "-q", "-r", str(ROOT / "requirements.lock")], check=True)
    subprocess.run(pip + ["install", "-q", "--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True)
    STAMP.write_text(wanted + "\n")
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"reports", "test", "env"}:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    command, extra = argv[0], argv[1:]
    python = str(ensure_env())
    if command == "env":
        print(python)
        return 0
    if command == "reports":
        cmd = [python, "-m", "helpers", "build", *extra]
    else:
        cmd = [python, "-m", "pytest", *extra]
    return subprocess.call(cmd, cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
