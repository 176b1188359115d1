"""Fault injection, the build's half: no bad seed, notebook, kernel or file blocks the rest, loses work or goes stale.

Each test provokes one fault seen in the wild (a kernel slow to start on a
busy machine, a build killed half-way, a damaged cache, a full disk, a 3 GB
file in ``seeds/``, two builds on one reports folder) and checks what a user
would: the reports that could be built are, the message is one line naming
the file and the reason, and the next build puts everything right.  The
orchestration runs on fixture notebooks with the in-process executor
(tests/fakes.py); kernels and whole builds only where they are the point.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from fakes import InProcessExecutor, build_project, fixture_notebook, make_project
from helpers.publish import execution

OVERVIEW = "zh/01_corpus_overview.html"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    return make_project(tmp_path, monkeypatch)


def _page(project: Path, relpath: str = OVERVIEW) -> str:
    return (project / "reports" / relpath).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- kernels


def _kernelspec(root: Path, name: str, argv: list[str]) -> None:
    folder = root / "kernels" / name
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": name, "language": "python"}),
                                        encoding="utf-8")


@pytest.fixture()
def kernels_path(tmp_path, monkeypatch):
    """A JUPYTER_PATH of throwaway kernelspecs; kernels import this checkout's helpers."""
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))
    return tmp_path / "jupyter"


@pytest.mark.slow
def test_a_kernel_slow_to_start_is_waited_for(tmp_path, kernels_path):
    """As on a loaded machine: the kernel's process is alive but answers nothing for a few seconds."""
    _kernelspec(kernels_path, "slow-python", [
        "/bin/sh", "-c", 'sleep 4; exec "$0" -m ipykernel_launcher -f "$1"', sys.executable, "{connection_file}",
    ])
    fixture_notebook(tmp_path / "probe.ipynb", "print('ran in', lang)")
    executor = execution.WarmKernelExecutor(kernel_name="slow-python", timeout=60)
    try:
        executor.execute(tmp_path / "probe.ipynb", tmp_path / "out" / "probe.ipynb", {"lang": "zh"})
    finally:
        execution.shutdown_warm_kernels()
    assert "ran in zh" in (tmp_path / "out" / "probe.ipynb").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_kernel_that_dies_at_start_is_replaced_once_and_reported_with_its_log(tmp_path, kernels_path):
    starts = tmp_path / "starts"
    _kernelspec(kernels_path, "dead-python", [
        "/bin/sh", "-c", 'echo start >> "$0"; echo "ImportError: no ipykernel here (test kernel)" >&2; exit 3',
        str(starts), "{connection_file}",
    ])
    fixture_notebook(tmp_path / "probe.ipynb", "print('never')")
    executor = execution.WarmKernelExecutor(kernel_name="dead-python", timeout=60)
    with pytest.raises(RuntimeError) as failure:
        executor.execute(tmp_path / "probe.ipynb", tmp_path / "out" / "probe.ipynb", {"lang": "zh"})
    line = execution.one_line(failure.value)
    assert starts.read_text().count("start") == 2  # replaced once, then reported
    assert "exited with code 3" in line and "ImportError: no ipykernel here (test kernel)" in line
    assert f"out/kernel-{os.getpid()}.log" in line
    assert execution._WARM_KERNELS == {}


class _KernelWillNotStart(InProcessExecutor):
    def execute(self, source: Path, target: Path, parameters: dict[str, object]) -> None:
        raise execution.KernelStartError("kernel python3 did not start (exited with code 1); kernel-1.log ends: oom")


def test_a_report_whose_kernel_would_not_start_is_tried_again_by_the_next_build(project):
    """A kernel that would not start is the machine's failure, not the notebook's: it is not remembered as one."""
    first, _ = build_project(project, langs=("zh",), executor=_KernelWillNotStart())
    assert "did not start" in dict(first.failed)[OVERVIEW]
    second, _ = build_project(project, langs=("zh",))
    assert sorted(second.built) == ["zh/01_corpus_overview.html", "zh/02_city_profile-wuhan.html"]
