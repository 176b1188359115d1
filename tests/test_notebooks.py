"""Notebooks are thin, parameterised, bilingual and stored without outputs."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from helpers.publish.plan import NOTEBOOKS

ROOT = Path(__file__).resolve().parents[1]
PATHS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_every_planned_notebook_exists_in_reading_order():
    assert [p.stem for p in PATHS] == [spec.stem for spec in NOTEBOOKS]
    assert [p.stem[:2] for p in PATHS] == ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs_or_execution_counts(path):
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_first_cell_holds_typed_commented_parameters(path):
    first = _cells(path)[0]
    assert first["cell_type"] == "code" and "parameters" in first["metadata"].get("tags", [])
    tree = ast.parse("".join(first["source"]))
    names = {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign)}
    assert {"seeds_dir", "lang"} <= names
    assert all(isinstance(node, ast.AnnAssign) for node in tree.body), "every parameter has a type"
    lines = [line for line in "".join(first["source"]).splitlines() if "=" in line]
    assert all("#" in line for line in lines), "every parameter has a comment"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_code_cells_only_call_helpers(path):
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))
        tree = ast.parse(code)
        assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda)) for n in ast.walk(tree))
        assert "sys.path" not in source
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                assert module.split(".")[0] in {"helpers", "IPython"}, module
        assert len(source.splitlines()) <= 12, "a long cell is logic that belongs in helpers"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_prose_comes_in_both_languages(path):
    tags = [tuple(c["metadata"].get("tags", [])) for c in _cells(path) if c["cell_type"] == "markdown"]
    assert tags.count(("lang-zh",)) == tags.count(("lang-en",)) > 0
    assert all(t in {("lang-zh",), ("lang-en",)} for t in tags), "every prose cell belongs to a language"


def test_no_cell_is_copied_between_notebooks():
    seen: dict[str, str] = {}
    for path in PATHS:
        for cell in _cells(path):
            source = "".join(cell["source"]).strip()
            if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
                continue
            if len(source.splitlines()) >= 3:
                assert source not in seen, f"{path.stem} repeats a cell of {seen.get(source)}"
                seen[source] = path.stem


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_papermill_lists_every_parameter_with_its_type_and_comment(path):
    import papermill

    source = "".join(_cells(path)[0]["source"])
    assigned = [node.target.id for node in ast.parse(source).body if isinstance(node, ast.AnnAssign)]
    inferred = papermill.inspect_notebook(str(path))
    assert list(inferred) == assigned
    for name, spec in inferred.items():
        assert spec["inferred_type_name"] not in ("None", "", None), name
        assert spec["help"], name


def test_a_bad_count_parameter_is_one_line_naming_it():
    from helpers.errors import HelpersError
    from helpers.params import check_count

    with pytest.raises(HelpersError, match=r"^top_words must be a whole number of at least 1, not -3; fix: pass e\.g\. -p top_words 10$"):
        check_count(-3, "top_words")
    assert check_count(5, "top_words") == 5
