"""Test doubles for the build: an executor that runs plain-Python notebooks in this process, no kernel.

Orchestration (keys, incremental rebuilds, failure isolation, last good
pages, the index) does not depend on how a notebook is executed, so its tests
run notebooks of ``print`` and ``raise`` cells through :class:`InProcessExecutor`
in milliseconds; the real kernels are tested where only they can show
something (warm-kernel resets, the real reports).
"""

from __future__ import annotations

import contextlib
import io
import traceback
from pathlib import Path

import nbformat
import papermill
from nbformat.v4 import new_output
from papermill.exceptions import PapermillExecutionError

from helpers.publish.execution import Executor


class InProcessExecutor(Executor):
    """Inject the parameters with papermill, then ``exec`` each code cell here, keeping its printed output."""

    in_worker_processes = False

    def __init__(self) -> None:
        self.runs: list[tuple[str, dict[str, object]]] = []

    def execute(self, source: Path, target: Path, parameters: dict[str, object]) -> None:
        self.runs.append((source.stem, dict(parameters)))
        target.parent.mkdir(parents=True, exist_ok=True)
        # papermill's own parameter injection, without a kernel
        papermill.execute_notebook(str(source), str(target), parameters=parameters, prepare_only=True,
                                   kernel_name="python3", language="python", progress_bar=False)
        notebook = nbformat.read(str(target), as_version=4)
        namespace: dict[str, object] = {}
        failure = None
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            printed = io.StringIO()
            try:
                with contextlib.redirect_stdout(printed):
                    exec(compile(cell.source, f"<cell {index}>", "exec"), namespace)  # noqa: S102
            except Exception as exc:  # noqa: BLE001 - reported as papermill reports a failing cell
                failure = PapermillExecutionError(index, index, cell.source, type(exc).__name__, str(exc),
                                                  traceback.format_exception_only(exc))
            cell.outputs = [new_output("stream", name="stdout", text=printed.getvalue())] if printed.getvalue() else []
            if failure:
                break
        nbformat.write(notebook, str(target))
        if failure:
            raise failure
