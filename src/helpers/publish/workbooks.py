"""The Excel workbook of each language, written by the build beside the reports (``zh/analysis.xlsx``).

A workbook depends on what a corpus-wide report depends on -- every seed,
the ``helpers`` source and data files, the pinned versions -- and its
language; its key (:func:`workbook_key`) holds those digests.  Like a page,
it is written atomically and recorded in the build state with its digest, so
a workbook is up to date only if it is the very file its key produced.  Both
languages are made from one analysis of the corpus
(:func:`helpers.report.workbook.analysis_workbook`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from helpers.publish.execution import one_line
from helpers.publish.files import write_atomic
from helpers.publish.keys import BUILD_FORMAT, page_is

#: The workbook's file name, in each language's reports folder.
WORKBOOK_NAME = "analysis.xlsx"


def workbook_relpath(lang: str) -> str:
    """Where a language's workbook goes, relative to the reports folder (``zh/analysis.xlsx``)."""
    return f"{lang}/{WORKBOOK_NAME}"


def workbook_key(lang: str, shared: dict[str, str]) -> str:
    """The content key of a workbook: the seeds, source and environment digests, and the language."""
    parts = {"format": BUILD_FORMAT, "workbook": lang, **shared}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def stale_workbooks(langs: Iterable[str], shared: dict[str, str], recorded: dict, out_dir: Path,
                    force: bool = False) -> list[tuple[str, str]]:
    """``(lang, key)`` of every workbook missing, changed since it was written, or made from other inputs."""
    stale = []
    for lang in langs:
        key = workbook_key(lang, shared)
        previous = recorded.get(workbook_relpath(lang), {})
        if force or previous.get("key") != key or not page_is(out_dir / workbook_relpath(lang), previous.get("page")):
            stale.append((lang, key))
    return stale


def make_workbooks(seeds_dir: Path, langs: list[str]) -> dict[str, bytes]:
    """The workbook of each language in ``langs``, from one analysis of ``seeds_dir``."""
    from helpers.analysis import analyse
    from helpers.report.workbook import analysis_workbook

    analysis = analyse(seeds_dir)
    return {lang: analysis_workbook(analysis, lang) for lang in langs}


def write_workbooks(
    make: Callable[[Path, list[str]], dict[str, bytes]],
    todo: list[tuple[str, str]],
    seeds_dir: Path,
    out_dir: Path,
    recorded: dict,
    log: Callable[[str], None],
) -> tuple[dict, list[str], list[tuple[str, str]]]:
    """Make and write the workbooks of ``todo``; the build state's record of them, those written, those failed.

    A failure (the analysis raised) is reported like a failed report, and the
    workbook written before it stays.
    """
    recorded = dict(recorded)
    if not todo:
        return recorded, [], []
    try:
        made = make(seeds_dir, [lang for lang, _ in todo])
    except Exception as exc:  # noqa: BLE001 - one failure line, as for a notebook
        error = one_line(exc)
        for lang, _ in todo:
            log(f"FAILED {workbook_relpath(lang)}: {error}")
        return recorded, [], [(workbook_relpath(lang), error) for lang, _ in todo]
    written = []
    for lang, key in todo:
        relpath = workbook_relpath(lang)
        write_atomic(out_dir / relpath, made[lang])
        recorded[relpath] = {"key": key, "page": hashlib.sha256(made[lang]).hexdigest()}
        written.append(relpath)
        log(f"wrote {relpath} ({len(made[lang]) // 1024} kB)")
    return recorded, written, []
