"""Measurements that need a clean interpreter, run as child processes by the benchmark.

``python benchmarks/workers.py throughput|scaling DIR [--jieba]`` prints one
JSON object: corpus processing of the articles in DIR (caches off), its
stage times and peak memory, and bare jieba on the same text.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from helpers import paths


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _timed_stages() -> dict[str, float]:
    """Wrap the corpus stages that may grow faster than linearly so their time is reported apart."""
    import helpers.corpus.articles as corpus

    stages = {"duplicates": 0.0, "sentences": 0.0}

    def wrap(name: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages[name] += time.perf_counter() - started
        return timed

    corpus.flag_duplicates = wrap("duplicates", corpus.flag_duplicates)
    corpus.sentences = wrap("sentences", corpus.sentences)
    return stages


def _process_corpus(seeds_dir: Path, stages: dict[str, float]) -> tuple[float, dict[str, float], object]:
    from helpers.corpus import read_corpus
    from helpers.text.segment import corpus_tokens

    for key in stages:
        stages[key] = 0.0
    started = time.perf_counter()
    corpus = read_corpus(seeds_dir, use_cache=False)
    read = time.perf_counter() - started
    corpus_tokens(corpus.articles, use_cache=False)
    total = time.perf_counter() - started
    detail = {"read, clean, metadata": read - sum(stages.values()), **dict(stages), "tokens": total - read}
    return total, detail, corpus


def throughput_worker(seeds_dir: Path, repeats: int = 7) -> dict[str, object]:
    """Characters per second of our corpus processing and of bare jieba on the same text (one process)."""
    import jieba

    from helpers.text.segment import get_tokenizer

    stages = _timed_stages()
    get_tokenizer().initialize()  # dictionary load is one-time for both sides: not measured
    bare = jieba.Tokenizer()
    bare.tmp_dir = str(paths.cache_dir() / "jieba-bare")
    Path(bare.tmp_dir).mkdir(parents=True, exist_ok=True)
    bare.initialize()
    _, _, corpus = _process_corpus(seeds_dir, stages)  # warm-up: imports, OpenCC, data files
    texts = [str(t) for t in corpus.articles["text"]]
    chars = sum(len(t) for t in texts)
    # Alternate the two sides so that other load on the machine hits both alike; keep the best of each.
    ours, ours_detail, bare_best = float("inf"), {}, float("inf")
    for _ in range(repeats):
        seconds, detail, _ = _process_corpus(seeds_dir, stages)
        if seconds < ours:
            ours, ours_detail = seconds, detail
        started = time.perf_counter()
        for text in texts:
            bare.lcut(text)
        bare_best = min(bare_best, time.perf_counter() - started)
    return {"articles": len(texts), "chars": chars, "repeats": repeats, "ours_seconds": ours,
            "jieba_seconds": bare_best, "ours_stages": ours_detail}


def scaling_worker(seeds_dir: Path, with_jieba: bool = False) -> dict[str, object]:
    """Wall time, stage times and peak memory of processing one (synthetic) corpus once.

    With ``with_jieba``, also the time bare jieba takes on the same normalised text
    (after the peak memory is taken, so it does not change it).
    """
    from helpers.text.segment import get_tokenizer

    stages = _timed_stages()
    get_tokenizer().initialize()
    baseline = _rss_mb()
    seconds, detail, corpus = _process_corpus(seeds_dir, stages)
    row: dict[str, object] = {
        "articles": int(len(corpus.articles)), "skipped": int(len(corpus.skipped)),
        "duplicates_flagged": int(corpus.articles["duplicate_of"].notna().sum()),
        "chars": int(corpus.articles["n_chars"].sum()), "seconds": seconds, "stages": detail,
        "peak_rss_mb": _rss_mb(), "baseline_rss_mb": baseline,
    }
    if with_jieba:
        import jieba

        bare = jieba.Tokenizer()
        bare.tmp_dir = str(paths.cache_dir() / "jieba-bare")
        Path(bare.tmp_dir).mkdir(parents=True, exist_ok=True)
        bare.initialize()
        started = time.perf_counter()
        for text in corpus.articles["text"]:
            bare.lcut(str(text))
        row["jieba_seconds"] = time.perf_counter() - started
    return row


def main(argv: Sequence[str]) -> int:
    kind, folder = argv[0], Path(argv[1])
    if kind == "throughput":
        row = throughput_worker(folder)
    elif kind == "scaling":
        row = scaling_worker(folder, with_jieba="--jieba" in argv[2:])
    else:
        print(f"error: unknown worker {kind!r}: use throughput or scaling", file=sys.stderr)
        return 2
    print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
