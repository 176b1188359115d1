"""Benchmark of the corpus stage past one machine's memory: ``python benchmarks/scale.py``.

For each size (1,000, 10,000 and 100,000 synthetic ``variants`` articles by
default) and each engine (``local``: a process per core; ``dask``: a
two-worker ``LocalCluster``), one child process runs
:func:`helpers.analysis.pipeline.process_corpus` into an empty store and then
sums the article × measure counts from it batch by batch (what
``python -m helpers measures`` prints).  Measured: wall time, time per
article, the child's peak resident memory (``ru_maxrss``), the largest
worker's (``ru_maxrss`` of its waited-for children) and the peak of the sum
over the whole process tree (sampled every 0.2 s with psutil: what the
machine must have).  Then a build of every report of a 50-city corpus
(``synthetic_corpus(mode="cities")``), with the count of reports and the
index page's size.

Results go to ``benchmarks/scale_results.md`` and ``scale_results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from synthetic import synthetic_corpus

SIZES = (1_000, 10_000, 100_000)
ENGINES = ("local", "dask")
HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- the child: one run


def run_child(seeds: Path, engine: str, store: Path) -> dict[str, object]:
    """Process ``seeds`` with ``engine`` into ``store`` and sum the measure counts; times and memory."""
    import resource

    from helpers.analysis.codebook import load_codebook
    from helpers.analysis.coding import measure_counts
    from helpers.analysis.pipeline import process_corpus

    started = time.perf_counter()
    stored = process_corpus(seeds, engine=engine, store=store)
    processed = time.perf_counter() - started
    codebook = load_codebook()
    articles = hits = 0
    for table, evidence in zip(stored.table("articles", ["id", "city"]), stored.table("evidence")):
        counts = measure_counts(table, evidence, codebook)
        articles += len(counts)
        hits += int(counts[codebook.ids].to_numpy().sum())
    total = time.perf_counter() - started
    return {
        "articles": articles, "skipped": len(stored.skipped), "batches": len(stored.partitions),
        "duplicates": len(stored.duplicates), "hits": hits, "process_seconds": processed, "seconds": total,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


# --------------------------------------------------------------------------- the parent


def _tree_rss_mb(pid: int) -> float:
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for process in processes:
        try:  # proportional set size: pages shared by forked workers counted once in all
            total += process.memory_full_info().pss
        except psutil.Error:
            pass
    return total / 2**20


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Stopped(Exception):
    """A run stopped at its timeout: the memory peak and CPU seconds up to then."""

    def __init__(self, peak: float, cpu_seconds: float):
        super().__init__(f"stopped at the timeout (peak {peak:.0f} MB)")
        self.peak, self.cpu_seconds = peak, cpu_seconds


def measure(command: Sequence[str], env: dict[str, str], timeout: float) -> tuple[dict, float]:
    """Run ``command``, sampling its process tree's memory; its JSON line (with ``cpu_seconds``) and the peak in MB.

    CPU seconds are those of the child and every descendant it waited for (pool workers, a
    LocalCluster's workers): less sensitive than wall time to other load on the machine.
    At ``timeout`` the child and everything it started are killed and :class:`Stopped` is raised.
    """
    cpu_before = _children_cpu()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)  # its own process group: stopped with its workers
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(child.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        done.set()
        sampler.join()
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        raise Stopped(peak, _children_cpu() - cpu_before) from None
    finally:
        done.set()
        sampler.join()
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {' '.join(err.split())[-400:]}")
    return {**json.loads(out.strip().splitlines()[-1]), "cpu_seconds": _children_cpu() - cpu_before}, peak


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["HELPERS_CACHE_DIR"] = str(cache)
    env.setdefault("PYTHONPATH", str(HERE.parent / "src"))
    env.pop("HELPERS_DASK_SCHEDULER", None)
    return env


def run_one(base: Path, seeds: Path, n: int, engine: str, timeout: float, log, session: str | None = None) -> dict:
    """One corpus of ``n`` articles processed by ``engine`` in a child process (the corpus is kept for the next run).

    The row records when it started (UTC) and ``session``, the start of the invocation it belongs
    to: its time per article is compared with the 10,000-article run of the same session.
    """
    folder = base / f"synthetic-{n}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        synthetic_corpus(seeds, n, folder, mode="variants")
        (folder / ".complete").write_text("", encoding="utf-8")
    work = base / f"run-{n}-{engine}"
    shutil.rmtree(work, ignore_errors=True)
    command = [sys.executable, str(Path(__file__)), "child", str(folder), engine, str(work / "store")]
    started = time.perf_counter()
    started_at = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    load = os.getloadavg()[0]
    try:
        row, tree = measure(command, _env(work / "cache"), timeout)
        row["tree_peak_rss_mb"] = tree
    except Stopped as stopped:  # what was done by then: the batches in the store, the memory peak
        done = [json.loads(meta.read_text(encoding="utf-8")) for meta in (work / "store").glob("part-*/meta.json")]
        row = {"articles": n, "timed_out": True, "seconds": timeout, "tree_peak_rss_mb": stopped.peak,
               "cpu_seconds": stopped.cpu_seconds, "batches_done": len(done),
               "articles_done": sum(len(meta["ids"]) for meta in done)}
    row.update(size=n, engine=engine, wall_seconds=time.perf_counter() - started,
               load=f"{load:.1f}–{os.getloadavg()[0]:.1f}", started=started_at, session=session)
    log(f"{n} {engine}: {json.dumps(row)}")
    shutil.rmtree(work, ignore_errors=True)
    return row


def run_cities_build(base: Path, seeds: Path, cities: int, articles: int, log) -> dict:
    """Build every report of a corpus of ``articles`` articles over ``cities`` cities; time and counts."""
    folder = base / "cities"
    synthetic_corpus(seeds, articles, folder / "seeds", mode="cities", cities=cities)
    command = [sys.executable, "-m", "helpers", "build", "--seeds", str(folder / "seeds"), "--out",
               str(folder / "reports"), "--build-dir", str(folder / "build"), "--lang", "all"]
    started = time.perf_counter()
    done = subprocess.run(command, env=_env(folder / "cache"), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    pages = sorted(p.relative_to(folder / "reports").as_posix() for p in (folder / "reports").rglob("*.html"))
    index = folder / "reports" / "index.html"
    row = {"cities": cities, "articles": articles, "seconds": seconds, "returncode": done.returncode,
           "reports": len(pages), "profiles": sum("02_city_profile" in p for p in pages),
           "index_kb": index.stat().st_size / 1024 if index.exists() else None,
           "last_lines": done.stdout.strip().splitlines()[-2:] + done.stderr.strip().splitlines()[-2:]}
    log(f"cities build: {json.dumps(row, ensure_ascii=False)}")
    return row


def _base(row: dict, rows: list[dict]) -> dict | None:
    """The 10,000-article run ``row`` is compared with: same engine, the first of its session, else the first."""
    tens = [r for r in rows if r["engine"] == row["engine"] and r.get("size") == 10_000 and not r.get("timed_out")]
    same = [r for r in tens if r.get("session") == row.get("session")]
    return (same or tens or [None])[0]


def _session_lines(m: dict, label: str) -> list[str]:
    return [f"- {label} (UTC): {m['date']}; machine: {m['platform']}, Python {m['python']}, `nproc` {m['nproc']}, "
            f"{m['memory_gb']:.0f} GB; load average at start: {m['load_start']}, at end: {m.get('load_end')}",
            f"  - command: `{m['command']}`"]


def format_markdown(result: dict) -> str:
    lines = ["# Scale benchmark results", ""]
    for earlier in result.get("earlier", []):
        lines += _session_lines(earlier, "earlier session")
    lines += [*_session_lines(result["machine"], "last session"), "",
             "## Corpus processing (synthetic `variants` corpora, empty store)", "",
             "| articles | engine | batches | seconds | ms / article | vs 10,000 | CPU ms / article | vs 10,000 "
             "| peak RSS main MB | peak RSS largest worker MB | peak memory all processes MB (PSS) | load "
             "| started (UTC) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in sorted(result["sizes"], key=lambda r: (r["engine"] != "local", r["size"])):
        if r.get("timed_out"):
            done = r.get("articles_done", 0)
            per = f"{r['seconds'] / done * 1000:.2f} (first {done})" if done else "—"
            cpu = f"{r['cpu_seconds'] / done * 1000:.2f} (first {done})" if done and r.get("cpu_seconds") else "—"
            peak = f"{r['tree_peak_rss_mb']:.0f} (to the stop)" if r.get("tree_peak_rss_mb") else "—"
            lines.append(f"| {r['size']}: stopped after {r.get('seconds', 0):.0f} s, {done} articles in "
                         f"{r.get('batches_done', 0)} batches done | {r['engine']} | {r.get('batches_done', '—')} | "
                         f"{r.get('seconds', 0):.0f} | {per} | | {cpu} | | | | {peak} | {r.get('load', '—')} | "
                         f"{r.get('started') or '—'} |")
            continue
        per = r["seconds"] / r["articles"]
        cpu = r.get("cpu_seconds", 0.0) / r["articles"]
        ten = _base(r, result["sizes"])
        ratio = f"{per / (ten['seconds'] / ten['articles']):.2f}" if ten else "—"
        cpu_ratio = f"{cpu / (ten['cpu_seconds'] / ten['articles']):.2f}" if ten and ten.get("cpu_seconds") else "—"
        lines.append(f"| {r['articles']} (+{r['skipped']} skipped) | {r['engine']} | {r['batches']} | "
                     f"{r['seconds']:.1f} | {per * 1000:.2f} | {ratio} | {cpu * 1000:.2f} | {cpu_ratio} | "
                     f"{r['peak_rss_mb']:.0f} | {r['worker_peak_rss_mb']:.0f} | {r['tree_peak_rss_mb']:.0f} | "
                     f"{r.get('load', '—')} | {r.get('started') or '—'} |")
    c = result.get("cities")
    if c:
        lines += ["", "## A 50-city corpus: every report", "",
                  "| cities | articles | reports built | city profiles | seconds | index.html kB | exit |",
                  "|---|---|---|---|---|---|---|",
                  f"| {c['cities']} | {c['articles']} | {c['reports']} | {c['profiles']} | {c['seconds']:.0f} | "
                  f"{c['index_kb']:.0f} | {c['returncode']} |"]
    if result.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {note}" for note in result["notes"]]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["child"]:
        print(json.dumps(run_child(Path(argv[1]), argv[2], Path(argv[3]))))
        return 0
    parser = argparse.ArgumentParser(prog="python benchmarks/scale.py", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--runs", nargs="*", default=None, metavar="N:ENGINE",
                        help="the runs, in this order, instead of every size with every engine (10000:local ...); "
                        "none: only the build")
    parser.add_argument("--append", action="store_true",
                        help="add to the results already in --out's .json (earlier rows and sessions are kept)")
    parser.add_argument("--cities", type=int, default=50, help="cities of the build benchmark (0: no build)")
    parser.add_argument("--city-articles", type=int, default=150, help="articles of the build benchmark")
    parser.add_argument("--timeout", type=float, default=7200.0, help="seconds before a run is stopped")
    parser.add_argument("--out", type=Path, default=HERE / "scale_results.md")
    parser.add_argument("--note", action="append", default=[])
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    from helpers import paths

    seeds = paths.seeds_dir()
    import psutil

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    result = {"machine": {
        "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()), "platform": f"{platform.system()} "
        f"{platform.machine()}", "python": platform.python_version(), "nproc": os.cpu_count(),
        "memory_gb": psutil.virtual_memory().total / 2**30,
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "command": "python benchmarks/scale.py " + " ".join(argv)}, "notes": args.note}
    runs = ([(int(n), engine) for n, engine in (run.split(":") for run in args.runs)] if args.runs is not None
            else [(n, engine) for n in args.sizes for engine in args.engines])
    result["sizes"] = []
    if args.append and args.out.with_suffix(".json").exists():
        earlier = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        result["sizes"] = earlier.get("sizes", [])
        result["earlier"] = [*earlier.get("earlier", []), earlier["machine"]]
        result["notes"] = [*earlier.get("notes", []), *(n for n in args.note if n not in earlier.get("notes", []))]
        if "cities" in earlier:
            result["cities"] = earlier["cities"]
    base = args.keep or Path(tempfile.mkdtemp(prefix="helpers-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        for n, engine in runs:  # results written after each run: a long run stopped keeps the others
            result["sizes"].append(run_one(base, seeds, n, engine, args.timeout, log, result["machine"]["date"]))
            _write(result, args.out)
        if args.cities:
            result["cities"] = run_cities_build(base, seeds, args.cities, args.city_articles, log)
    finally:
        result["machine"]["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    _write(result, args.out)
    print(format_markdown(result))
    return 0


def _write(result: dict, out: Path) -> None:
    out.write_text(format_markdown(result), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
