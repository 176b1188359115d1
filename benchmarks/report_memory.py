"""Benchmark of what the notebooks hold in memory as the corpus grows: ``python benchmarks/report_memory.py``.

For each size (1,000 and 10,000 synthetic articles by default; ``--sizes``),
a ``cities`` corpus (``synthetic_corpus``: paragraphs drawn from every seed,
so no article is a near duplicate of another, spread over 50 cities) is
processed into an empty store by one child process (the corpus stage, timed
but not the subject here).  Then, each in a fresh child process on that
store:

* ``reports``: what the notebooks compute, as :mod:`helpers.analysis.aggregates`
  sums it batch by batch: ``analyse()``, the findings, word counts and
  keyness of 01, presence by city and year, the tests and co-occurrence of
  03, the events, announcements and article metadata the charts of 04 draw,
  and one city profile (02: presence, keyness, word counts, left-out words,
  quotes, events).  Not included: the tables of 01 and 05 that list every
  article (with its title from the text and its removed lines), which read
  every article's row;
* ``whole`` (with ``--whole``): the tables the analysis used to hold whole
  for the same figures (every sentence, token, the word table and the
  evidence), read from the same store: what the notebooks held before.

Measured: the child's peak resident memory (``ru_maxrss``), the peak of its
process tree's proportional set size (sampled, as ``benchmarks/scale.py``
does) and the wall time.  Results go to ``benchmarks/report_memory_results.md``
(and ``.json`` beside it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from scale import Stopped, _env, measure
from synthetic import synthetic_corpus

SIZES = (1_000, 10_000)
CITIES = 50
MODE = "sentences"  # sentences drawn from every seed: next to no near duplicate, so every article is analysed
HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- the children


def _usage() -> dict[str, float]:
    import resource

    return {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_corpus(seeds: Path, store: Path) -> dict[str, object]:
    """The corpus stage into ``store`` (local engine)."""
    from helpers.analysis.pipeline import process_corpus

    started = time.perf_counter()
    stored = process_corpus(seeds, store=store)
    return {"seconds": time.perf_counter() - started, "batches": len(stored.partitions),
            "articles": len(stored.ids), "duplicates": len(stored.duplicates), **_usage()}


def run_reports(seeds: Path, store: Path) -> dict[str, object]:
    """What notebooks 01, 03, 04 and one city profile (02) compute, from the store."""
    from helpers.analysis import analyse
    from helpers.report import findings

    started = time.perf_counter()
    analysis = analyse(seeds, "zh", store=store)
    opened = time.perf_counter() - started
    # 01: the corpus overview
    findings.opening(analysis, "zh", "01_corpus_overview")
    top_words = analysis.token_counts().head(30)
    keyness = analysis.all_keyness
    # 03: measures compared between cities and years
    findings.opening(analysis, "zh", "03_measures_comparison")
    presence = analysis.presence_for(None)
    analysis.compare_cities()
    analysis.year_presence()
    analysis.compare_years()
    cooccurrence = analysis.cooccurrence
    n_sentences = analysis.n_sentences
    # 04: the timeline
    findings.opening(analysis, "zh", "04_timeline")
    events, announcements, metadata = analysis.events, analysis.announcements, analysis.article_metadata
    # 02: one city profile, the city with the most articles
    city = str(presence.sort_values("articles", ascending=False, kind="mergesort")["group"].iloc[0])
    profile = analysis.for_city(city)
    shown = [profile.presence, profile.keyness(city), profile.token_counts(city), profile.left_out_words(city),
             profile.top_measures(city), profile.events, profile.article_metadata]
    quotes = profile.city_evidence(city)
    return {"seconds": time.perf_counter() - started, "analyse_seconds": opened,
            "articles": len(metadata), "cities": len(analysis.cities), "sentences": n_sentences,
            "words_listed": len(top_words), "keyness_rows": len(keyness), "events": len(events),
            "announcements": len(announcements), "quotes_rows": len(quotes), "city": city,
            "cooccurrence_diagonal": int(cooccurrence.to_numpy().trace()),
            "profile_tables": len(shown), **_usage()}


def run_whole(seeds: Path, store: Path) -> dict[str, object]:
    """The whole tables the same figures were computed from before: sentences, tokens, word table, evidence."""
    from helpers.analysis import analyse

    started = time.perf_counter()
    analysis = analyse(seeds, "zh", store=store)
    held = {"sentences": len(analysis.sentences), "tokens": len(analysis.tokens),
            "words": len(analysis.words), "evidence": len(analysis.evidence), "articles": len(analysis.articles)}
    return {"seconds": time.perf_counter() - started, **held, **_usage()}


CHILDREN = {"corpus": run_corpus, "reports": run_reports, "whole": run_whole}


# --------------------------------------------------------------------------- the parent


def run_size(base: Path, seeds: Path, n: int, whole: bool, timeout: float, log, keep: bool = False) -> dict:
    """Corpus stage, then the report children, on a corpus of ``n`` articles; their rows."""
    folder = base / f"{MODE}-{n}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        synthetic_corpus(seeds, n, folder, mode=MODE, cities=CITIES)
        (folder / ".complete").write_text("", encoding="utf-8")
    work = base / f"run-{n}"
    shutil.rmtree(work, ignore_errors=True)
    env = _env(work / "cache")
    row: dict[str, object] = {"size": n, "load_start": f"{os.getloadavg()[0]:.1f}"}
    for kind in ["corpus", "reports", *(["whole"] if whole else [])]:  # the store is kept for the next
        command = [sys.executable, str(Path(__file__)), "child", kind, str(folder), str(work / "store")]
        try:
            result, tree = measure(command, env, timeout)
            result["tree_peak_mb"] = tree
        except Stopped as stopped:
            result = {"timed_out": True, "seconds": timeout, "tree_peak_mb": stopped.peak}
        row[kind] = result
        log(f"{n} {kind}: {json.dumps(result, ensure_ascii=False)}")
    row["load_end"] = f"{os.getloadavg()[0]:.1f}"
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return row


def format_markdown(result: dict) -> str:
    m = result["machine"]
    lines = ["# Report memory benchmark results", "",
             f"- date (UTC): {m['date']}; machine: {m['platform']}, Python {m['python']}, `nproc` {m['nproc']}",
             f"- command: `{m['command']}`",
             f"- corpora: `synthetic_corpus(mode=\"{MODE}\", cities={CITIES})` (next to no near duplicate), "
             "processed into an empty store by the local engine first", "",
             "## What the notebooks compute (01, 03, 04 and one city profile), from the store", "",
             "| articles | cities | sentences | events | seconds | of which `analyse()` | peak RSS MB "
             "| peak all processes MB (PSS) | load |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in result["sizes"]:
        rep = r["reports"]
        if rep.get("timed_out"):
            lines.append(f"| {r['size']} | stopped after {rep['seconds']:.0f} s | | | | | | "
                         f"{rep['tree_peak_mb']:.0f} | |")
            continue
        lines.append(f"| {rep['articles']} | {rep['cities']} | {rep['sentences']} | {rep['events']} | "
                     f"{rep['seconds']:.1f} | {rep['analyse_seconds']:.1f} | {rep['peak_rss_mb']:.0f} | "
                     f"{rep['tree_peak_mb']:.0f} | {r['load_start']}–{r['load_end']} |")
    wholes = [r for r in result["sizes"] if "whole" in r]
    if wholes:
        lines += ["", "## For comparison: the whole tables those figures were computed from before", "",
                  "| articles | sentences | tokens | kept words | evidence rows | seconds | peak RSS MB |",
                  "|---|---|---|---|---|---|---|"]
        for r in wholes:
            w = r["whole"]
            if w.get("timed_out"):
                lines.append(f"| {r['size']} | stopped | | | | {w['seconds']:.0f} | {w['tree_peak_mb']:.0f} |")
                continue
            lines.append(f"| {w['articles']} | {w['sentences']} | {w['tokens']} | {w['words']} | {w['evidence']} | "
                         f"{w['seconds']:.1f} | {w['peak_rss_mb']:.0f} |")
    lines += ["", "## The corpus stage before it (not the subject here)", "",
              "| articles | batches | seconds | peak RSS main MB | peak all processes MB (PSS) |",
              "|---|---|---|---|---|"]
    for r in result["sizes"]:
        c = r["corpus"]
        if c.get("timed_out"):
            lines.append(f"| {r['size']} | stopped | {c['seconds']:.0f} | | {c['tree_peak_mb']:.0f} |")
            continue
        lines.append(f"| {c['articles']} | {c['batches']} | {c['seconds']:.1f} | {c['peak_rss_mb']:.0f} | "
                     f"{c['tree_peak_mb']:.0f} |")
    if result.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {note}" for note in result["notes"]]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["child"]:
        print(json.dumps(CHILDREN[argv[1]](Path(argv[2]), Path(argv[3])), ensure_ascii=False))
        return 0
    parser = argparse.ArgumentParser(prog="python benchmarks/report_memory.py", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--whole", action="store_true", help="also read the whole tables, for comparison")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds before a child is stopped")
    parser.add_argument("--out", type=Path, default=HERE / "report_memory_results.md")
    parser.add_argument("--note", action="append", default=[])
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it (corpora and stores)")
    args = parser.parse_args(argv)
    from helpers import paths

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    result = {"machine": {"date": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
                          "platform": f"{platform.system()} {platform.machine()}",
                          "python": platform.python_version(), "nproc": os.cpu_count(),
                          "command": "python benchmarks/report_memory.py " + " ".join(argv)},
              "notes": args.note, "sizes": []}
    base = args.keep or Path(tempfile.mkdtemp(prefix="helpers-report-memory-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            result["sizes"].append(run_size(base, paths.seeds_dir(), n, args.whole, args.timeout, log,
                                            keep=args.keep is not None))
            _write(result, args.out)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(format_markdown(result))
    return 0


def _write(result: dict, out: Path) -> None:
    out.write_text(format_markdown(result), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
