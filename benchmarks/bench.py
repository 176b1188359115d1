"""Benchmark of the build and the corpus layer: ``python benchmarks/bench.py [--quick]``.

One run measures, on this machine, each in a fresh temporary folder with an
empty cache of its own (``HELPERS_CACHE_DIR``):

1. a cold full build of the seeds (``python -m helpers build``);
2. a no-op rebuild (nothing changed);
3. a rebuild after adding one seed (a real seed with a few characters changed);
4. the same reports made the naive way: the ``papermill`` CLI and then the
   ``jupyter nbconvert --to html --no-input`` CLI, once per report, one after another;
5. corpus processing throughput (characters per second, one core, caches off)
   against bare ``jieba`` ``lcut`` on the same normalised text;
6. corpus processing of synthetic corpora built from the seeds (wall time,
   peak memory, time per article).

Builds run against a snapshot of ``src/helpers`` and ``notebooks/`` copied into
the temporary folder (``PYTHONPATH`` and ``HELPERS_PROJECT_ROOT`` point at it),
so edits made in the working tree during the run neither invalidate the
content keys nor mix two versions of the code in one measurement.

Measurements that need a clean interpreter (throughput, synthetic corpora)
run in a child process (:mod:`workers`), which prints one JSON object.
Results go to ``benchmarks/results.md`` and ``results.json`` (:mod:`results`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from helpers import paths
from helpers.errors import HelpersError
from results import BenchResult, format_markdown, scaling_notes, write_results
from synthetic import one_seed_copy, synthetic_corpus

# A synthetic corpus run is stopped after this long and reported as too slow.
SCALING_TIMEOUT = 900.0
SYNTHETIC_SIZES = (1_000, 10_000)
QUICK_SYNTHETIC_SIZES = (100, 1_000)

Log = Callable[[str], None]


def _stderr_log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- results


def make_snapshot(root: Path) -> dict[str, str]:
    """Copy ``src/helpers``, the notebooks and the lock file into ``root``; the env to use it."""
    project = paths.project_root()
    shutil.copytree(paths.PACKAGE_DIR, root / "src" / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(paths.notebooks_dir(), root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name in ("requirements.lock", "pyproject.toml"):
        if (project / name).exists():
            shutil.copy2(project / name, root / name)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["HELPERS_PROJECT_ROOT"] = str(root)
    env.pop("HELPERS_CACHE_DIR", None)
    return env


def _with_cache(env: dict[str, str], cache: Path) -> dict[str, str]:
    return {**env, "HELPERS_CACHE_DIR": str(cache)}


_SUMMARY = re.compile(r"built (\d+), unchanged (\d+), failed (\d+)")
_NOTHING = re.compile(r"nothing to do: all (\d+) reports")


def _children_cpu() -> float:
    """User + system CPU seconds of every finished child process (and their waited-for children)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_build(work: Path, env: dict[str, str], langs: str, label: str, log: Log) -> dict[str, object]:
    """Time one ``python -m helpers build`` in ``work`` (seeds/, reports/, build/); counts from its log."""
    command = [sys.executable, "-m", "helpers", "build", "--seeds", str(work / "seeds"),
               "--out", str(work / "reports"), "--build-dir", str(work / "build"), "--lang", langs]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    text = done.stderr
    row: dict[str, object] = {"label": label, "seconds": seconds, "exit": done.returncode,
                              "cpu_seconds": _children_cpu() - cpu_before}
    if match := _SUMMARY.search(text):
        row.update(built=int(match[1]), unchanged=int(match[2]), failed=int(match[3]))
    elif match := _NOTHING.search(text):
        row.update(built=0, unchanged=int(match[1]), failed=0)
    row["last_line"] = text.strip().splitlines()[-1] if text.strip() else ""
    log(f"{label}: {seconds:.2f}s ({row['last_line']})")
    if done.returncode != 0:
        row["error"] = " ".join(text.split())[-500:]
    return row


NOOP_REPEATS = 3


def run_noop(work: Path, env: dict[str, str], langs: str, log: Log) -> dict[str, object]:
    """No-op rebuilds: the first one, then the median of :data:`NOOP_REPEATS` more.

    The first run after a cold build also compiles the command modules the
    notebooks never imported (``__pycache__``); the median is what an analyst
    sees on the second and later runs.
    """
    first = run_build(work, env, langs, "no-op rebuild (first)", log)
    runs = [run_build(work, env, langs, "no-op rebuild", log) for _ in range(NOOP_REPEATS)]
    seconds = sorted(float(r["seconds"]) for r in runs)
    row = {**runs[0], "label": f"no-op rebuild (median of {NOOP_REPEATS})", "seconds": seconds[len(seconds) // 2],
           "first_seconds": first["seconds"], "all_seconds": seconds}
    if any(r.get("built") for r in [first, *runs]):
        row["error"] = "a no-op rebuild rebuilt reports: the content keys are not stable"
    return row


def run_naive(
    work: Path, root: Path, env: dict[str, str], seeds: Path, state_file: Path, log: Log
) -> dict[str, object]:
    """The same reports the build made, each with the papermill CLI then the nbconvert CLI, sequentially."""
    from helpers.publish.plan import CorpusSummary, plan_reports

    state = json.loads(state_file.read_text(encoding="utf-8"))
    langs = sorted({key.split("/")[0] for key in state.get("reports", {})}, reverse=True)
    specs = plan_reports(CorpusSummary.from_json(state["corpus"]), langs, root / "notebooks")
    bindir = Path(sys.executable).parent
    papermill = str(bindir / "papermill") if (bindir / "papermill").exists() else "papermill"
    jupyter = str(bindir / "jupyter") if (bindir / "jupyter").exists() else "jupyter"
    out = work / "naive"
    failed = 0
    step_seconds = [0.0, 0.0]  # papermill, nbconvert
    cpu_before = _children_cpu()
    started = time.perf_counter()
    for spec in specs:
        executed = out / spec.lang / f"{spec.slug}.ipynb"
        executed.parent.mkdir(parents=True, exist_ok=True)
        params = [*dict(spec.params).items(), ("seeds_dir", str(seeds))]
        command = [papermill, str(root / "notebooks" / f"{spec.notebook.stem}.ipynb"), str(executed),
                   "-k", "python3", "--cwd", str(root / "notebooks"), "--no-progress-bar"]
        for name, value in params:
            command += ["-p", name, value]
        steps = [command, [jupyter, "nbconvert", "--to", "html", "--no-input", str(executed),
                           "--output-dir", str(executed.parent)]]
        for number, step in enumerate(steps):
            step_started = time.perf_counter()
            done = subprocess.run(step, env=env, capture_output=True, text=True)
            step_seconds[number] += time.perf_counter() - step_started
            if done.returncode != 0:
                failed += 1
                log(f"naive: {spec.relpath} failed at {Path(step[0]).name}: "
                    f"{' '.join(done.stderr.split())[-300:]}")
                break
    seconds = time.perf_counter() - started
    log(f"naive: {seconds:.2f}s for {len(specs)} reports")
    return {"label": "naive (papermill CLI + nbconvert CLI, sequential)", "seconds": seconds,
            "built": len(specs) - failed, "unchanged": 0, "failed": failed,
            "cpu_seconds": _children_cpu() - cpu_before,
            "papermill_seconds": step_seconds[0], "nbconvert_seconds": step_seconds[1]}


def notebook_profile(build_dir: Path) -> list[dict[str, object]]:
    """Per executed notebook: total, kernel start, first cell, other cells and export seconds."""
    import nbformat

    from helpers.publish.export import HtmlReportExporter
    from helpers.publish.plan import NOTEBOOKS, ReportSpec

    exporter = HtmlReportExporter()
    by_stem = {nb.stem: nb for nb in NOTEBOOKS}
    rows = []
    for executed in sorted((build_dir / "executed").glob("*/*.ipynb")):
        nb = nbformat.read(str(executed), as_version=4)
        meta = nb.metadata.get("papermill", {})
        cells = [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("papermill", {}).get("duration")]
        cells = [c for c in cells if "injected-parameters" not in c.metadata.get("tags", [])
                 and "parameters" not in c.metadata.get("tags", [])]
        if not cells or not meta.get("duration"):
            continue
        first_start = cells[0].metadata["papermill"].get("start_time")
        kernel_start = _iso_seconds(first_start) - _iso_seconds(meta.get("start_time")) if first_start else None
        durations = [float(c.metadata["papermill"]["duration"]) for c in cells]
        slowest = max(range(1, len(cells)), key=lambda i: durations[i], default=None)
        slowest_text = "—"
        if slowest is not None:
            source = " ".join(cells[slowest].source.split())[:48]
            slowest_text = f"{durations[slowest]:.1f}s `{source}`".replace("|", "/")
        lang, slug = executed.parent.name, executed.stem
        stem = slug.split("-", 1)[0]
        export = None
        if stem in by_stem:
            spec = ReportSpec(by_stem[stem], lang)
            started = time.perf_counter()
            exporter.export(executed, spec)
            export = time.perf_counter() - started
        rows.append({
            "report": f"{lang}/{slug}", "total": float(meta["duration"]), "kernel_start": kernel_start,
            "first_cell": durations[0], "other_cells": sum(durations[1:]), "slowest_cell": slowest_text,
            "export": export,
        })
    return rows


def _iso_seconds(value: str | None) -> float:
    from datetime import datetime

    if not value:
        return 0.0
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


# --------------------------------------------------------------------------- corpus workers (child processes)


def _run_worker(kind: str, folder: Path, env: dict[str, str], timeout: float | None = None,
                extra: Sequence[str] = ()) -> dict[str, object]:
    command = [sys.executable, str(Path(__file__).with_name("workers.py")), kind, str(folder), *extra]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise HelpersError(f"bench worker {kind} failed: {' '.join(done.stderr.split())[-300:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(quick: bool = False, seeds_dir: Path | None = None, keep: Path | None = None,
              log: Log = _stderr_log) -> BenchResult:
    """Run every measurement and return the results.

    Parameters
    ----------
    quick : bool
        Chinese reports only and synthetic corpora of 100 and 1,000 articles.
    seeds_dir : Path, optional
        Default: the project's ``seeds/``.
    keep : Path, optional
        Work in this folder and leave it behind (default: a temporary folder, removed).
    """
    seeds_dir = Path(seeds_dir or paths.seeds_dir()).resolve()
    langs = "zh" if quick else "all"
    sizes = QUICK_SYNTHETIC_SIZES if quick else SYNTHETIC_SIZES
    result = BenchResult()
    result.machine = {
        "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "platform": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "nproc": os.cpu_count(),
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "quick": quick,
        "langs": langs,
    }
    base = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="helpers-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        root = base / "project"
        env = make_snapshot(root)
        log(f"benchmark in {base} (snapshot of the code in {root})")

        build_work = base / "build-run"
        shutil.copytree(seeds_dir, build_work / "seeds")
        build_env = _with_cache(env, build_work / "cache")
        result.builds["cold"] = run_build(build_work, build_env, langs, "cold build (empty cache)", log)
        if not (build_work / "build" / "state.json").exists():
            raise HelpersError(f"the cold build wrote no build state: {result.builds['cold'].get('error', '')}"[:400])
        result.builds["noop"] = run_noop(build_work, build_env, langs, log)
        result.profile = notebook_profile(build_work / "build")
        name, text = one_seed_copy(seeds_dir)
        (build_work / "seeds" / name).write_text(text, encoding="utf-8")
        result.builds["one_seed"] = run_build(build_work, build_env, langs, f"rebuild after adding {name}", log)

        naive_work = base / "naive-run"
        shutil.copytree(seeds_dir, naive_work / "seeds")
        # The report set is the one the cold build planned (before the extra seed).
        state_copy = naive_work / "state.json"
        state_copy.write_text((build_work / "build" / "state.json").read_text(encoding="utf-8"), encoding="utf-8")
        result.builds["naive"] = run_naive(naive_work, root, _with_cache(env, naive_work / "cache"),
                                           naive_work / "seeds", state_copy, log)

        corpus_env = _with_cache(env, base / "corpus-cache")
        result.throughput = _run_worker("throughput", seeds_dir, corpus_env)
        t = result.throughput
        log(f"throughput: ours {t['chars'] / t['ours_seconds']:.0f} chars/s, "
            f"bare jieba {t['chars'] / t['jieba_seconds']:.0f} chars/s")

        runs = [(n, "variants") for n in sizes] + [(sizes[0], "mixed")]
        for number, (n, mode) in enumerate(runs):
            folder = base / f"synthetic-{mode}-{n}"
            synthetic_corpus(seeds_dir, n, folder, mode=mode)
            extra = ["--jieba"] if number == 0 else []
            try:
                row = _run_worker("scaling", folder, corpus_env, timeout=SCALING_TIMEOUT, extra=extra)
            except subprocess.TimeoutExpired:
                row = {"articles": n, "seconds": SCALING_TIMEOUT, "timed_out": True}
            row["mode"] = mode
            result.synthetic.append(row)
            log(f"synthetic {mode} {n}: {row.get('seconds', 0):.1f}s, peak RSS {row.get('peak_rss_mb', 0):.0f} MB")
            shutil.rmtree(folder, ignore_errors=True)
        result.notes += scaling_notes(result.synthetic)
    finally:
        result.machine["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """``python benchmarks/bench.py``: run every measurement, print the report and write the results."""
    parser = argparse.ArgumentParser(
        prog="python benchmarks/bench.py",
        description="Measure a cold build, a no-op rebuild, a rebuild after one new seed and the same "
        "reports made with the papermill and nbconvert CLIs; corpus throughput against bare jieba; "
        "synthetic corpora of 1,000 and 10,000 articles. Prints the ratios and writes the results.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: Chinese reports only, synthetic corpora of 100 and 1,000 articles")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="results file, .md (with a .json beside it) or .json "
                        "(default: benchmarks/results.md)")
    parser.add_argument("--seeds", type=Path, default=None, metavar="DIR", help="seeds folder (default: seeds/)")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="work in DIR and keep it (executed notebooks, reports) instead of a temporary folder")
    parser.add_argument("--note", action="append", default=[], metavar="TEXT",
                        help="a line for the results' notes (e.g. what else ran on the machine); repeatable")
    args = parser.parse_args(argv)
    try:
        result = run_bench(quick=args.quick, seeds_dir=args.seeds, keep=args.keep)
    except HelpersError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result.notes = [*args.note, *result.notes]
    out = args.out or Path(__file__).resolve().parent / "results.md"
    write_results(result, out)
    print(format_markdown(result))
    print(f"results written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
