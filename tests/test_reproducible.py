"""Same inputs, same bytes: two builds agree, and the committed reports are a fresh build's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, build_reports

pytestmark = pytest.mark.slow

# "What changed" compares with the build before, so it depends on history rather than on the
# inputs; the embedded font subset follows the page's text, which is compared anyway.
_HISTORY = re.compile(r'<!-- changes -->.*?<!-- /changes -->|<style id="report-cjk-font">.*?</style>', re.S)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_inputs_are_byte_identical(built_reports, tmp_path_factory):
    again = build_reports(tmp_path_factory.mktemp("again"))
    first, second = _files(built_reports.reports), _files(again.reports)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_committed_reports_are_what_a_fresh_build_of_the_committed_seeds_gives(built_reports):
    """Regenerate with `python3 tasks.py reports` and commit reports/ when this fails."""
    fresh, committed = _files(built_reports.reports), _files(ROOT / "reports")
    assert sorted(committed) == sorted(fresh)
    stale = []
    for name, data in fresh.items():
        if not name.endswith(".html"):  # the Excel workbooks: bytes
            if data != committed[name]:
                stale.append(name)
        elif _HISTORY.sub("", data.decode("utf-8")) != _HISTORY.sub("", committed[name].decode("utf-8")):
            stale.append(name)
    assert stale == [], "reports/ is out of date: run python3 tasks.py reports and commit it"
