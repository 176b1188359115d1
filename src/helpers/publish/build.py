"""The build: plan, key, execute, export, index; each report rebuilt only when its inputs change.

Every report has a content key (:mod:`helpers.publish.keys`); a report whose
key is unchanged and whose page exists is not rebuilt.  Notebooks run in
parallel worker processes (:mod:`helpers.publish.execution`), pages are
exported in this process (:mod:`helpers.publish.export`) with the CJK font
embedded (:mod:`helpers.publish.webfont`), and the index is written last
(:mod:`helpers.publish.index_page`).  One failing notebook never stops the
others, and never replaces the last good page of its report.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.errors import HelpersError, one_line
from helpers.langs import LANGS
from helpers.publish.execution import Executor, RunResult, WarmKernelExecutor, execute_all
from helpers.publish.export import HtmlReportExporter, failure_box, is_good_page, with_failure
from helpers.publish.files import build_lock, check_writable, output_lock, remove_stale_temporaries, write_atomic
from helpers.publish.index_page import render_index
from helpers.publish.keys import (
    environment_digest,
    index_key,
    load_state,
    page_digest,
    page_is,
    report_key,
    save_state,
    seeds_digest,
    source_digest,
)
from helpers.publish.plan import CorpusSummary, ReportSpec, plan_reports, summarise_corpus
from helpers.publish.webfont import embed_font


@dataclass
class BuildSummary:
    """What a build did: reports built, unchanged and failed (with the error), and how long it took."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def line(self) -> str:
        text = (
            f"built {len(self.built)}, unchanged {len(self.unchanged)}, "
            f"failed {len(self.failed)} in {self.seconds:.1f}s"
        )
        if self.failed:
            text += "; failed: " + ", ".join(name for name, _ in self.failed)
        return text


def build(
    seeds_dir: Path | None = None,
    out_dir: Path | None = None,
    langs: Iterable[str] = LANGS,
    build_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    executor: Executor | None = None,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
    wait_seconds: float = 0.0,
) -> BuildSummary:
    """Build every report that is missing or whose inputs changed.

    Parameters
    ----------
    seeds_dir, out_dir, build_dir, notebooks_dir
        Default to the project's ``seeds/``, ``reports/``, ``build/``, ``notebooks/``.
    langs
        Report languages (``zh``, ``en``).
    jobs
        Notebooks executed at once; default: the number of CPU cores.
    force
        Rebuild everything, ignoring the cache.
    """
    started = time.monotonic()
    seeds_dir = Path(seeds_dir or paths.seeds_dir()).resolve()
    out_dir = Path(out_dir or paths.reports_dir()).resolve()
    build_dir = Path(build_dir or (out_dir.parent / "build")).resolve()
    notebooks_dir = Path(notebooks_dir or paths.notebooks_dir()).resolve()
    langs = tuple(langs)
    if not seeds_dir.is_dir():
        raise HelpersError(f"seeds folder not found: {seeds_dir.name} (pass --seeds DIR)")
    executor = executor or WarmKernelExecutor()
    summary = BuildSummary()

    # The reports folder is locked as well as the build folder: two builds with
    # different build folders must not write the same pages.
    with output_lock(out_dir, wait_seconds), build_lock(build_dir, wait_seconds):
        remove_stale_temporaries(out_dir)
        remove_stale_temporaries(build_dir)
        state_path = build_dir / "state.json"
        state = load_state(state_path)
        shared = {
            "seeds": seeds_digest(seeds_dir),
            "source": source_digest(),
            "environment": environment_digest(),
        }
        corpus_key = hashlib.sha256(json.dumps(shared, sort_keys=True).encode("utf-8")).hexdigest()
        if state.get("corpus_key") == corpus_key and "corpus" in state:
            corpus = CorpusSummary.from_json(state["corpus"])
        else:
            corpus = summarise_corpus(seeds_dir)
        for skipped in corpus.skipped:
            log(f"skipped seed {skipped['file']}: {skipped['reason']}")
        specs = plan_reports(corpus, langs, notebooks_dir)
        reports_state: dict[str, dict] = state.get("reports", {})
        todo: list[tuple[ReportSpec, str]] = []
        for spec in specs:
            key = report_key(spec, notebooks_dir / f"{spec.notebook.stem}.ipynb", shared,
                             corpus.city_keys.get(spec.city or ""))
            previous = reports_state.get(spec.relpath, {})
            # Up to date: the same key, and on disk the very page that key produced (not one
            # written by a build that was killed before it could record it, nor one edited since).
            if (not force and previous.get("key") == key and not previous.get("retry")
                    and page_is(out_dir / spec.relpath, previous.get("page"))):
                # Same inputs give the same result: a failed report stays failed
                # (and keeps failing the build) until an input changes or --force,
                # unless it failed for the machine's reasons (``retry``).
                if previous.get("ok"):
                    summary.unchanged.append(spec.relpath)
                else:
                    summary.failed.append((spec.relpath, previous.get("error", "")))
            else:
                todo.append((spec, key))

        index_path = out_dir / "index.html"
        if not todo and state.get("index_key") == index_key(corpus, specs, reports_state) and page_is(
            index_path, state.get("index_page")
        ):
            summary.seconds = time.monotonic() - started
            if summary.failed:
                log(f"nothing to do: inputs unchanged; {len(summary.failed)} report(s) still failed")
            else:
                log(f"nothing to do: all {len(specs)} reports are up to date")
            return summary

        check_writable(out_dir)  # now, not after the notebooks ran
        if todo:
            log(f"building {len(todo)} of {len(specs)} reports")
        exporter = HtmlReportExporter() if todo else None
        executed_dir = build_dir / "executed"
        # Kernel logs are per worker process; keep only this build's.
        for old_log in executed_dir.glob("*/kernel-*.log") if todo else ():
            old_log.unlink(missing_ok=True)
        # Each page is recorded in the state as soon as it is written; the corpus summary and
        # the index's key only once the index is, so "what changed" compares with the last index.
        progress = {key: state[key] for key in ("corpus_key", "corpus", "index_key", "index_page") if key in state}
        with contextlib.closing(execute_all(executor, todo, notebooks_dir, executed_dir, seeds_dir, jobs)) as results:
            for count, (result, key) in enumerate(results, start=1):
                spec = result.spec
                executed = executed_dir / spec.lang / f"{spec.slug}.ipynb"
                if result.ok:
                    try:
                        page = exporter.export(executed, spec)
                    except Exception as exc:  # noqa: BLE001 - isolate export failures too
                        result = RunResult(spec, False, result.seconds, one_line(exc), "export")
                target = out_dir / spec.relpath
                if result.ok:
                    page = embed_font(page)
                    write_atomic(target, page)
                    write_atomic(build_dir / "good" / spec.relpath, page)
                    reports_state[spec.relpath] = {"key": key, "ok": True, "page": page_digest(page)}
                    summary.built.append(spec.relpath)
                    log(f"[{count}/{len(todo)}] built {spec.relpath} ({result.seconds:.1f}s)")
                else:
                    last_good = _last_good_page(target, build_dir / "good" / spec.relpath)
                    executed_rel = executed.relative_to(build_dir.parent).as_posix()
                    box = failure_box(result.step, result.error, executed_rel, spec.lang, bool(last_good))
                    page = embed_font(with_failure(last_good, box, spec))
                    write_atomic(target, page)
                    reports_state[spec.relpath] = {"key": key, "ok": False, "error": result.error,
                                                   "page": page_digest(page), "retry": result.retry}
                    summary.failed.append((spec.relpath, result.error))
                    log(f"[{count}/{len(todo)}] FAILED {spec.relpath} at {result.step}: {result.error}")
                save_state(state_path, {**progress, "reports": reports_state})

        live = {spec.relpath for spec in specs}
        reports_state = {k: v for k, v in reports_state.items() if k in live}
        previous_articles = state.get("corpus", {}).get("articles")
        index = embed_font(render_index(corpus, specs, reports_state, previous_articles))
        write_atomic(index_path, index)
        state = {
            "corpus_key": corpus_key,
            "corpus": corpus.to_json(),
            "reports": reports_state,
            "index_key": index_key(corpus, specs, reports_state),
            "index_page": page_digest(index),
        }
        save_state(state_path, state)
    summary.seconds = time.monotonic() - started
    log(summary.line())
    return summary


def _last_good_page(published: Path, kept: Path) -> str:
    """The last good version of a report: the page readers have now if it is a good one, else the build's copy.

    A fresh clone has the committed pages but no ``build/good``: its first
    failure must keep the committed page, not replace it with the box alone;
    and the page is kept in ``build/good`` for the failures after that one.
    """
    for path in (published, kept):
        try:
            page = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if is_good_page(page):
            if path == published and not page_is(kept, page_digest(page)):
                write_atomic(kept, page)
            return page
    return ""
