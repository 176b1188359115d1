"""Export: an executed notebook becomes a reader's page (no code, one language, contents, top bar).

Also the red failure box a reader sees on a page whose latest build failed,
put above the last good version of the page when there is one.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from helpers import paths
from helpers.catalogue import text
from helpers.publish.plan import METHODS_STEM, ReportSpec
from helpers.report.markup import html_text


class Exporter:
    """Turns an executed notebook into reader-facing HTML."""

    def export(self, executed: Path, spec: ReportSpec) -> str:
        raise NotImplementedError


class HtmlReportExporter(Exporter):
    """nbconvert HTML without code, with a table of contents; one instance per build."""

    def __init__(self) -> None:
        from nbconvert import HTMLExporter

        self._exporter = HTMLExporter(
            template_name="report",
            extra_template_basedirs=[str(paths.PACKAGE_DIR / "templates")],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
        )

    def export(self, executed: Path, spec: ReportSpec) -> str:
        import nbformat

        notebook = nbformat.read(str(executed), as_version=4)
        _drop_noise(notebook)
        select_language(notebook, spec.lang)
        notebook.metadata["title"] = spec.title
        self._exporter.language_code = spec.lang
        body, _ = self._exporter.from_notebook_node(notebook, resources={})
        return finish_page(body, spec)


def _drop_noise(notebook) -> None:
    """Remove what readers should not see: stderr streams, parameter cells, papermill bookkeeping.

    Cell ids are renumbered: papermill gives its injected cell a random id,
    and the same inputs must give the same bytes.
    """
    hidden = {"parameters", "injected-parameters"}
    notebook.cells = [
        cell for cell in notebook.cells if not hidden & set(cell.get("metadata", {}).get("tags", []))
    ]
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number:03d}"
        if cell.get("cell_type") != "code":
            continue
        cell.outputs = [
            out
            for out in cell.get("outputs", [])
            if not (out.get("output_type") == "stream" and out.get("name") == "stderr")
        ]
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("papermill", None)


def select_language(notebook, lang: str) -> None:
    """Keep the cells for ``lang``: prose cells tagged ``lang-zh`` / ``lang-en`` hold one language.

    Analysts in JupyterLab see both; each report shows its own.  Untagged
    cells belong to every language.
    """
    keep = []
    for cell in notebook.cells:
        tags = {t for t in cell.get("metadata", {}).get("tags", []) if t.startswith("lang-")}
        if not tags or f"lang-{lang}" in tags:
            keep.append(cell)
    notebook.cells = keep


_HEADING = re.compile(r"<h([23]) id=\"([^\"]+)\">(.*?)</h\1>", re.S)


def finish_page(body: str, spec: ReportSpec, failure: str = "") -> str:
    """Fill the table of contents and the top bar (home, methods report, other language) into an exported page."""
    items = []
    for level, anchor, inner in _HEADING.findall(body):
        # The heading as the reader reads it (tags dropped, references resolved), escaped again.
        label = html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", "").strip()
        items.append(f'<li class="toc-h{level}"><a href="#{anchor}">{html_text(label)}</a></li>')
    toc = f'<nav class="report-toc"><strong>{text("page.toc", spec.lang)}</strong><ul>{"".join(items)}</ul></nav>'
    other = "en" if spec.lang == "zh" else "zh"
    # Every page but the methods report itself links to it: definitions, sources and limits are there.
    methods = "" if spec.notebook.stem == METHODS_STEM else (
        f'<a href="{METHODS_STEM}.html">{text("page.methods", spec.lang)}</a>')
    topbar = (
        f'<div class="report-topbar"><a href="../index.html">{text("page.home", spec.lang)}</a>{methods}'
        f'<a href="../{other}/{spec.slug}.html" hreflang="{other}">{text("page.other_language", spec.lang)}</a></div>'
    ) + methods_sections(spec)
    body = body.replace("<!-- helpers:topbar -->", topbar + failure, 1)
    return body.replace("<!-- helpers:toc -->", toc if items else "", 1)


def methods_sections(spec: ReportSpec) -> str:
    """The line under the top bar linking to the methods report's sections behind this page ("" for none)."""
    if not spec.notebook.methods or spec.notebook.stem == METHODS_STEM:
        return ""
    links = html_text(text("methods.section.separator", spec.lang)).join(
        f'<a href="{METHODS_STEM}.html#{anchor}">{html_text(text(f"methods.section.{anchor}", spec.lang))}</a>'
        for anchor in spec.notebook.methods)
    return f'<div class="report-methods">{html_text(text("page.methods_sections", spec.lang))}{links}</div>'


_FAILURE_CLASS = "report-failure"


def failure_box(step: str, error: str, executed_rel: str, lang: str, has_last_good: bool) -> str:
    """The red box a reader sees on a report whose last build failed."""
    step_text = text(f"failure.step.{step}", lang) if step in ("execute", "export") else step
    keep = text("failure.last_good" if has_last_good else "failure.no_last_good", lang)
    return (
        f'<div class="{_FAILURE_CLASS}" role="alert"><strong>{text("failure.head", lang)}</strong><br>'
        f"{text('failure.step_label', lang)}: {html_text(step_text)}<br>"
        f"{text('failure.error_label', lang)}: <code>{html_text(error)}</code><br>"
        f"{text('failure.where', lang)} <code>{html_text(executed_rel)}</code>. {keep}</div>"
    )


def is_good_page(page: str) -> bool:
    """Whether ``page`` is a report page as export writes it, without a failure box (a last good version)."""
    return "<main>" in page and f'class="{_FAILURE_CLASS}"' not in page


def with_failure(last_good: str, box: str, spec: ReportSpec) -> str:
    """The last good page with the failure box at the top of its content, or a page of the box alone."""
    if last_good:
        return re.sub(r"(<main>)", lambda m: m.group(1) + box, last_good, count=1)
    title = html_text(spec.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{spec.html_lang}"><head>'
        f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f"<title>{title}</title></head><body><main><h1>{title}</h1>{box}"
        f'<p><a href="../index.html">{text("page.home", spec.lang)}</a></p>'
        f"</main></body></html>\n"
    )
