"""Shared fixtures: the real reports, built once per test session from a copy of the seeds."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class BuiltReports:
    seeds: Path
    reports: Path
    build: Path
    summary: object
    log: list[str]


def build_reports(base: Path, seeds_source: Path = ROOT / "seeds", **kwargs) -> BuiltReports:
    """Copy the seeds into ``base`` and build every report there."""
    from helpers.publish.build import build

    seeds = base / "seeds"
    shutil.copytree(seeds_source, seeds)
    log: list[str] = []
    summary = build(
        seeds_dir=seeds,
        out_dir=base / "reports",
        build_dir=base / "build",
        log=log.append,
        **kwargs,
    )
    return BuiltReports(seeds, base / "reports", base / "build", summary, log)


@pytest.fixture(scope="session")
def isolated_cache(tmp_path_factory):
    """A cache folder of the session's own, inherited by the notebook kernels."""
    cache = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("HELPERS_CACHE_DIR", str(cache))
    yield cache
    mp.undo()


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory, isolated_cache) -> BuiltReports:
    """Every report built from the committed seeds (about two minutes on two cores)."""
    return build_reports(tmp_path_factory.mktemp("real"))
