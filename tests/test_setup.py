"""The set-up files agree with each other, so both install routes give the same environment."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject_names() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        names |= {re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in extra}
    return {_canonical(n) for n in names}


def _environment_names() -> set[str]:
    """Names listed in environment.yml's dependency comment block."""
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    yaml.safe_load(text)  # it must stay valid YAML for conda
    block = text.split("# dependencies (same names as pyproject.toml):", 1)[1]
    names: set[str] = set()
    for line in block.splitlines()[1:]:  # [0] is the rest of the marker line
        line = line.strip()
        if not line.startswith("#"):
            break
        words = line.lstrip("#").replace("dev:", " ").split()
        names |= {_canonical(w) for w in words}
    return names


def test_environment_yml_names_the_same_dependencies_as_pyproject():
    assert _environment_names() == _pyproject_names()


def test_environment_yml_installs_python_311_the_lock_and_the_project_with_dev_extras():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    assert "python=3.11" in deps and "pip" in deps
    pip_block = next(d["pip"] for d in deps if isinstance(d, dict))
    assert "-r requirements.lock" in pip_block
    assert "-e .[dev]" in pip_block


def test_every_dependency_is_pinned_in_the_lock_file():
    locked = {
        _canonical(line.split("==")[0])
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    }
    missing = _pyproject_names() - locked
    assert not missing, f"not pinned in requirements.lock: {sorted(missing)}"
    assert all(
        "==" in line
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 tasks.py test" in readme
    assert "python3 tasks.py test" in ci


def test_seeds_hold_no_edited_copy_of_the_shared_originals():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        import pytest

        pytest.skip("../shared/seeds is not beside this checkout")
    for original in sorted(shared.glob("*.txt")):
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes(), original.name


def test_the_licence_pyproject_declares_is_shipped():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_code_passes_the_projects_ruff_configuration():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it is a dev dependency: pip install -e .[dev])")
    result = subprocess.run([ruff, "check", "src", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
