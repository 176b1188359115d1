"""Test doubles for the build: an executor that runs plain-Python notebooks in this process, no kernel.

Orchestration (keys, incremental rebuilds, failure isolation, last good
pages, the index) does not depend on how a notebook is executed, so its tests
run notebooks of ``print`` and ``raise`` cells through :class:`InProcessExecutor`
in milliseconds; the real kernels are tested where only they can show
something (warm-kernel resets, the real reports).  :func:`make_project` lays
out such a project (two fixture notebooks, one seed, a fixed corpus summary)
and :func:`build_project` builds it.
"""

from __future__ import annotations

import contextlib
import io
import traceback
from pathlib import Path

import nbformat
import papermill
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from papermill.exceptions import PapermillExecutionError

from helpers.publish import build as build_mod
from helpers.publish.execution import Executor
from helpers.publish.plan import CorpusSummary

CORPUS = CorpusSummary(
    cities=[("武汉", "Wuhan"), ("坏城", "Badtown")],
    articles=[
        {"id": "a1", "city": "武汉", "city_en": "Wuhan", "published": "2020-04-10", "title": "<b>标题</b>"},
        {"id": "a2", "city": "坏城", "city_en": "Badtown", "published": None, "title": "另一篇"},
    ],
    skipped=[{"file": "empty.txt", "reason": "empty file"}],
    city_keys={"武汉": "wuhan-articles-v1", "坏城": "badtown-articles-v1"},
)


def fixture_notebook(path: Path, body: str) -> None:
    """A notebook like the real ones: a parameters cell, a prose cell per language, and ``body``."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = new_code_cell("seeds_dir = None\nlang = 'zh'\ncity = '武汉'")
    params.metadata["tags"] = ["parameters"]
    zh = new_markdown_cell("## 中文小节\n\n只在中文报告里。")
    zh.metadata["tags"] = ["lang-zh"]
    en = new_markdown_cell("## English section\n\nOnly in the English report.")
    en.metadata["tags"] = ["lang-en"]
    nb.cells = [params, zh, en, new_code_cell(body)]
    nbformat.write(nb, str(path))


def make_project(tmp_path: Path, monkeypatch) -> Path:
    """Fixture notebooks (an overview, and a city profile that fails for 坏城), one seed, :data:`CORPUS`."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    fixture_notebook(notebooks / "01_corpus_overview.ipynb", "print('overview', lang)")
    fixture_notebook(
        notebooks / "02_city_profile.ipynb",
        "if city == '坏城':\n    raise ValueError('city notebook broke')\nprint('SECRET_CODE_MARKER'.lower(), city)",
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a1.txt").write_text("武汉社区", encoding="utf-8")
    monkeypatch.setattr(build_mod, "summarise_corpus", lambda seeds_dir: CORPUS)
    # The workbooks analyse the real corpus; their own tests do (tests/test_downloads.py).
    monkeypatch.setattr(build_mod, "make_workbooks",
                        lambda seeds_dir, langs: {lang: f"workbook {lang}".encode() for lang in langs})
    # The package source is part of every key; pin it so edits elsewhere in the
    # checkout while the tests run do not count as changes (tested separately).
    monkeypatch.setattr(build_mod, "source_digest", lambda: "helpers-source-v1")
    return tmp_path


def build_project(project: Path, **kwargs):
    """Build ``project`` (reports in ``reports/``, build folder ``build/``); the summary and the logged lines."""
    lines: list[str] = []
    summary = build_mod.build(
        seeds_dir=project / "seeds",
        out_dir=kwargs.pop("out_dir", project / "reports"),
        notebooks_dir=project / "notebooks",
        jobs=kwargs.pop("jobs", 2),
        executor=kwargs.pop("executor", InProcessExecutor()),
        log=lines.append,
        **kwargs,
    )
    return summary, lines


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
