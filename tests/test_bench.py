"""The benchmark's pieces (``benchmarks/``): synthetic corpora, the extra seed, the snapshot, ratios, report.

Nothing here is timed."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import bench
import results
import synthetic
from helpers.errors import HelpersError
from results import BenchResult

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

ARTICLE_A = (
    "社区防控再加码\n\n来源：新华网 2020-02-10\n\n记者 张三\n\n武汉市各社区实行封闭管理。\n\n"
    "网格员逐户排查发热病人。\n\n志愿者为居民配送生活物资。\n\n下沉干部坚守卡口。\n\n核酸检测点有序运行。\n"
)
ARTICLE_B = (
    "孝感社区织密防线\n\n来源：人民网 2020-02-12\n\n记者 李四\n\n孝感市实行居家隔离。\n\n社区工作者上门测量体温。\n"
)


@pytest.fixture()
def small_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (seeds / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return seeds


# --------------------------------------------------------------------------- synthetic input


def test_vary_article_keeps_header_marks_index_and_drops_at_most_one_paragraph():
    varied = synthetic.vary_article(ARTICLE_A, 7, random.Random(1))
    lines = [line for line in varied.splitlines() if line.strip()]
    original = [line for line in ARTICLE_A.splitlines() if line.strip()]
    assert lines[0] == f"{original[0]}（基准样本7）"
    assert lines[1:3] == original[1:3]
    body, original_body = lines[3:], original[3:]
    assert set(body) <= set(original_body)
    assert len(body) == len(original_body) - 1


@pytest.mark.parametrize("mode", ["variants", "mixed", "sentences"])
def test_synthetic_corpus_writes_n_distinct_articles(small_seeds: Path, tmp_path: Path, mode: str):
    files = synthetic.synthetic_corpus(small_seeds, 25, tmp_path / "synthetic", mode=mode)
    assert len(files) == 25
    assert len({f.name for f in files}) == 25
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len(set(texts)) == 25
    assert all(f.suffix == ".txt" for f in files)


def test_synthetic_corpus_is_the_same_for_the_same_random_seed(small_seeds: Path, tmp_path: Path):
    first = synthetic.synthetic_corpus(small_seeds, 6, tmp_path / "one", mode="mixed")
    second = synthetic.synthetic_corpus(small_seeds, 6, tmp_path / "two", mode="mixed")
    assert [f.read_text(encoding="utf-8") for f in first] == [f.read_text(encoding="utf-8") for f in second]


def test_mixed_articles_draw_paragraphs_from_several_seeds(small_seeds: Path, tmp_path: Path):
    files = synthetic.synthetic_corpus(small_seeds, 10, tmp_path / "mixed", mode="mixed")
    body = "".join(f.read_text(encoding="utf-8") for f in files)
    assert "网格员逐户排查发热病人。" in body and "社区工作者上门测量体温。" in body


def test_synthetic_corpus_rejects_unknown_mode(small_seeds: Path, tmp_path: Path):
    with pytest.raises(HelpersError, match="variants, mixed"):
        synthetic.synthetic_corpus(small_seeds, 3, tmp_path / "x", mode="shuffled")


def test_synthetic_variants_of_real_seeds_are_read_as_articles(tmp_path: Path, monkeypatch):
    from helpers.corpus import read_corpus

    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    synthetic.synthetic_corpus(SEEDS, 10, tmp_path / "synthetic")
    corpus = read_corpus(tmp_path / "synthetic", use_cache=False)
    assert len(corpus.articles) == 10
    assert corpus.skipped.empty
    # never exact copies of each other: at most near duplicates
    assert not any(w["fields"].get("kind") == "exact" for ws in corpus.articles["warnings"] for w in ws)


def test_one_seed_copy_is_a_new_near_duplicate_of_a_real_seed(tmp_path: Path, monkeypatch):
    import shutil

    from helpers.corpus import read_corpus

    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    name, text = synthetic.one_seed_copy(seeds)
    assert not (SEEDS / name).exists()
    (seeds / name).write_text(text, encoding="utf-8")
    corpus = read_corpus(seeds, use_cache=False)
    row = corpus.articles.set_index("id").loc[Path(name).stem]
    assert row["duplicate_of"] == sorted(p.stem for p in SEEDS.glob("*.txt"))[0]
    assert any(w["code"] == "warning.duplicate" and w["fields"]["kind"] == "near" for w in row["warnings"])


# --------------------------------------------------------------------------- snapshot and profile


def test_snapshot_is_what_child_processes_import(tmp_path: Path):
    env = bench.make_snapshot(tmp_path / "project")
    assert (tmp_path / "project" / "src" / "helpers" / "publish" / "build.py").exists()
    assert list((tmp_path / "project" / "notebooks").glob("*.ipynb"))
    assert not list((tmp_path / "project" / "src").rglob("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-c", "from helpers import paths; print(paths.PACKAGE_DIR); print(paths.project_root())"],
        env=env, capture_output=True, text=True, check=True,
    )
    package, root = done.stdout.split()
    assert Path(package) == (tmp_path / "project" / "src" / "helpers").resolve()
    assert Path(root) == (tmp_path / "project").resolve()


def test_notebook_profile_reads_papermill_timings(tmp_path: Path):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("lang = 'zh'", metadata={"tags": ["parameters"]})
    first = nbformat.v4.new_code_cell("analysis = analyse()")
    chart = nbformat.v4.new_code_cell("show(chart)")
    params.metadata["papermill"] = {"start_time": "2026-01-01T00:00:03.000000Z", "duration": 0.1}
    first.metadata["papermill"] = {"start_time": "2026-01-01T00:00:03.500000Z", "duration": 4.0}
    chart.metadata["papermill"] = {"start_time": "2026-01-01T00:00:07.500000Z", "duration": 2.5}
    nb.cells = [params, first, chart]
    nb.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00.000000Z", "duration": 10.0}
    executed = tmp_path / "build" / "executed" / "zh" / "99_unknown.ipynb"
    executed.parent.mkdir(parents=True)
    nbformat.write(nb, str(executed))
    [row] = bench.notebook_profile(tmp_path / "build")
    assert row["report"] == "zh/99_unknown"
    assert row["total"] == 10.0
    assert row["kernel_start"] == pytest.approx(3.5)
    assert row["first_cell"] == 4.0
    assert row["other_cells"] == 2.5
    assert "show(chart)" in row["slowest_cell"]
    assert row["export"] is None  # not a notebook of the report set


# --------------------------------------------------------------------------- ratios and report


def _result() -> BenchResult:
    return BenchResult(
        machine={"nproc": 2, "load_start": "2.00 1.50 1.00", "load_end": "1.00 1.00 1.00", "quick": False,
                 "langs": "all", "date": "2026-11-23 14:00", "platform": "Linux x86_64", "python": "3.11"},
        builds={
            "cold": {"label": "cold", "seconds": 50.0, "built": 16, "unchanged": 0, "failed": 0,
                     "cpu_seconds": 90.0},
            "noop": {"label": "no-op", "seconds": 0.8, "built": 0, "unchanged": 16, "failed": 0},
            "naive": {"label": "naive", "seconds": 150.0, "built": 16, "unchanged": 0, "failed": 0,
                      "cpu_seconds": 135.0},
        },
        throughput={"articles": 5, "chars": 10000, "repeats": 5, "ours_seconds": 0.2, "jieba_seconds": 0.1},
        synthetic=[
            {"mode": "variants", "articles": 1000, "chars": 2_000_000, "seconds": 20.0, "jieba_seconds": 17.0,
             "stages": {"read, clean, metadata": 3.0, "duplicates": 1.0, "sentences": 0.4, "tokens": 15.6}},
            {"mode": "variants", "articles": 10000, "chars": 20_000_000, "seconds": 260.0},
            {"mode": "mixed", "articles": 1000, "chars": 1_000_000, "seconds": 30.0,
             "stages": {"duplicates": 20.0}, "duplicates_flagged": 3},
        ],
    )


def test_ratios_are_naive_over_cold_and_jieba_over_ours():
    r = results.ratios(_result())
    assert r["speedup"] == pytest.approx(3.0)
    assert r["noop_seconds"] == pytest.approx(0.8)
    assert r["throughput_ratio"] == pytest.approx(0.5)
    # on the first synthetic corpus timed against jieba: 17 s against our 20 s
    assert r["throughput_ratio_large"] == pytest.approx(0.85)
    assert r["throughput_chars_large"] == 2_000_000
    # 26 ms per article at 10,000 against 20 ms at 1,000
    assert r["per_article_ratio"] == pytest.approx(1.3)


def test_ratios_are_none_when_a_measurement_is_missing():
    r = results.ratios(BenchResult(builds={"cold": {"seconds": 10.0}}))
    assert r == {"speedup": None, "noop_seconds": None, "throughput_ratio": None,
                 "throughput_ratio_large": None, "throughput_chars_large": None, "per_article_ratio": None}


def test_linearity_uses_finished_runs_of_one_kind_only():
    result = _result()
    result.synthetic[1]["timed_out"] = True
    # the mixed corpus is a different kind of input: 1,000 variants alone give no ratio
    assert results.ratios(result)["per_article_ratio"] is None


def test_markdown_reports_values_and_whether_targets_are_met():
    text = results.format_markdown(_result())
    assert "| cold build vs naive (speed-up) | 3.00× | ≥ 4× | NOT met |" in text
    assert "| no-op rebuild | 0.80 s | < 1 s | met |" in text
    assert "| corpus throughput / bare jieba (one core), the five seeds | 0.50 | ≥ 0.8 | NOT met |" in text
    assert ("| corpus throughput / bare jieba (one core), synthetic corpus of 2000000 characters | 0.85 | ≥ 0.8 | met |"
            in text)
    assert "`nproc` 2" in text and "2.00 1.50 1.00" in text
    assert "| cold | 50.00 | 90.0 | 16 | 0 | 0 |" in text
    assert "CPU time, naive / cold build: 1.50" in text
    assert "| variants | 10000 | 20000000 | 260.0 | 26.0 |" in text
    assert "| mixed | 1000 | 1000000 | 30.0 | 30.0 |" in text


def test_scaling_notes_project_the_duplicate_check_per_article():
    notes = results.scaling_notes(_result().synthetic)
    [note] = [n for n in notes if "Duplicate check" in n]
    # 20 s for 1,000 distinct articles; candidates come from sketches, not every pair: 10 times that for 10,000
    assert "about 200s" in note and "3 flagged" in note
    assert "every pair" not in note


def test_scaling_notes_split_the_throughput_into_segmenting_and_the_rest():
    notes = results.scaling_notes(_result().synthetic)
    [note] = [n for n in notes if "segmenting takes" in n]
    # tokens 15.6 s against jieba's 17.0 s; the other 4.4 s of our 20 s are 26% of jieba's time
    assert "15.6s against bare jieba's 17.0s" in note and "1.09× jieba's speed" in note
    assert "add 4.4s, 26% of bare jieba's time" in note


def test_write_results_writes_markdown_and_json(tmp_path: Path):
    out = tmp_path / "bench" / "results.md"
    results.write_results(_result(), out)
    assert out.read_text(encoding="utf-8").startswith("# Benchmark results")
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["ratios"]["speedup"] == pytest.approx(3.0)
    assert data["builds"]["noop"]["unchanged"] == 16
    assert results.format_markdown(BenchResult.from_json(data)) == out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- workers and CLI


def test_scaling_worker_measures_a_small_corpus(small_seeds: Path, tmp_path: Path):
    env = {**os.environ, "HELPERS_CACHE_DIR": str(tmp_path / "cache")}
    worker = ROOT / "benchmarks" / "workers.py"
    done = subprocess.run([sys.executable, str(worker), "scaling", str(small_seeds), "--jieba"],
                          env=env, capture_output=True, text=True, check=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    assert row["articles"] == 2 and row["skipped"] == 0
    assert row["chars"] > 50
    assert row["seconds"] >= sum(row["stages"].values()) * 0.99
    assert row["peak_rss_mb"] >= row["baseline_rss_mb"] > 0
    assert row["jieba_seconds"] > 0
    assert not (tmp_path / "cache" / "corpus").exists()  # caches off


def test_bench_is_a_script_with_its_own_options(capsys):
    with pytest.raises(SystemExit) as exit_:
        bench.main(["--help"])
    assert exit_.value.code == 0
    usage = capsys.readouterr().out
    assert "python benchmarks/bench.py" in usage and "--quick" in usage and "--keep" in usage


def test_the_product_has_no_benchmark_command():
    from helpers.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["bench"])


def test_markdown_names_the_first_noop_and_build_errors():
    result = _result()
    result.builds["noop"].update(first_seconds=1.6, all_seconds=[0.7, 0.8, 0.9])
    result.builds["cold"]["error"] = "exit 1: report zh/x.html failed"
    result.builds["naive"].update(papermill_seconds=120.0, nbconvert_seconds=30.0)
    text = results.format_markdown(result)
    assert "Naive run: papermill CLI 120.00 s, nbconvert CLI 30.00 s." in text
    assert "First no-op rebuild after the cold build: 1.60 s; all later ones: 0.70, 0.80, 0.90 s." in text
    assert "**cold**: exit 1: report zh/x.html failed" in text


def test_markdown_shows_skipped_synthetic_articles():
    result = _result()
    result.synthetic[1]["skipped"] = 14
    assert "| variants | 10000 (+14 skipped) | 20000000 |" in results.format_markdown(result)


def test_a_cities_corpus_spreads_its_articles_over_that_many_cities_of_many_provinces(tmp_path: Path):
    from helpers.corpus import read_corpus
    from helpers.corpus.gazetteer import default_gazetteer

    synthetic.synthetic_corpus(SEEDS, 60, tmp_path / "seeds", mode="cities", cities=20)
    corpus = read_corpus(tmp_path / "seeds", use_cache=False)
    assert "metadata.yaml" not in set(corpus.skipped["file"])  # every manual city is valid
    cities = set(corpus.articles["city"])
    assert len(cities) == 20 and (corpus.articles["city_provenance"] == "manual").all()
    assert len({default_gazetteer().cities[c].province for c in cities}) >= 12


def test_a_sentences_corpus_of_real_seeds_has_no_near_duplicate_and_its_cities(tmp_path: Path):
    from helpers.corpus import read_corpus

    synthetic.synthetic_corpus(SEEDS, 40, tmp_path / "seeds", mode="sentences", cities=8)
    corpus = read_corpus(tmp_path / "seeds", use_cache=False)
    assert len(corpus.articles) == 40 and corpus.articles["duplicate_of"].isna().all()
    assert corpus.articles["city"].nunique() == 8
    # sentences of several seeds in one article, whole sentences each
    first = corpus.articles["text"].iloc[0]
    assert first.count("。") >= 10


def test_the_report_memory_results_say_how_much_the_peak_grew():
    import report_memory

    def row(size, peak, whole):
        return {"size": size, "load_start": "1.0", "load_end": "1.2",
                "corpus": {"articles": size, "batches": 1, "seconds": 1.0, "peak_rss_mb": 300.0, "tree_peak_mb": 900.0},
                "reports": {"articles": size, "cities": 50, "sentences": size * 25, "events": size * 2,
                            "seconds": 2.0, "analyse_seconds": 0.5, "peak_rss_mb": peak, "tree_peak_mb": peak},
                "whole": {"articles": size, "sentences": size * 25, "tokens": size * 600, "words": size * 300,
                          "evidence": size * 30, "seconds": 3.0, "peak_rss_mb": whole}}

    result = {"machine": {"date": "d", "platform": "p", "python": "3.11", "nproc": 2, "command": "c"},
              "notes": [], "sizes": [row(1000, 700.0, 710.0), row(10000, 800.0, 2500.0)]}
    text = report_memory.format_markdown(result)
    assert "| 10000 | 50 | 250000 | 20000 | 2.0 | 0.5 | 800 | 800 | 1.0–1.2 |" in text
    assert "| 10000 | 250000 | 6000000 | 3000000 | 300000 | 3.0 | 2500 |" in text


def test_the_scale_report_compares_time_per_article_with_the_10000_run():
    import scale

    row = {"articles": 10_000, "skipped": 0, "batches": 50, "seconds": 100.0, "cpu_seconds": 150.0,
           "peak_rss_mb": 300.0, "worker_peak_rss_mb": 400.0, "tree_peak_rss_mb": 1100.0}
    result = {"machine": {"date": "d", "platform": "p", "python": "3.11", "nproc": 2, "memory_gb": 24.0,
                          "load_start": "0", "command": "c"},
              "sizes": [{**row, "size": 10_000, "engine": "local"},
                        {**row, "articles": 100_000, "seconds": 1100.0, "cpu_seconds": 1500.0, "size": 100_000,
                         "engine": "local"}]}
    page = scale.format_markdown(result)
    assert "| 100000 (+0 skipped) | local | 50 | 1100.0 | 11.00 | 1.10 | 15.00 | 1.00 |" in page


def test_appended_runs_keep_the_earlier_rows_and_compare_with_the_10000_run_of_their_own_session():
    import scale

    def row(size, engine, seconds, session, started):
        return {"articles": size, "skipped": 0, "batches": 5, "seconds": seconds, "cpu_seconds": seconds,
                "peak_rss_mb": 300.0, "worker_peak_rss_mb": 400.0, "tree_peak_rss_mb": 1100.0, "size": size,
                "engine": engine, "load": "1.0–2.0", "session": session, "started": started}

    machine = {"platform": "p", "python": "3.11", "nproc": 2, "memory_gb": 24.0, "load_start": "0"}
    result = {"machine": {**machine, "date": "2026-12-01 09:00", "command": "second"},
              "earlier": [{**machine, "date": "2026-11-30 12:25", "command": "first"}],
              "sizes": [row(10_000, "local", 100.0, None, None), row(100_000, "local", 1300.0, None, None),
                        row(10_000, "local", 200.0, "2026-12-01 09:00", "2026-12-01 09:01"),
                        row(10_000, "dask", 150.0, "2026-12-01 09:00", "2026-12-01 09:05"),
                        row(100_000, "dask", 1650.0, "2026-12-01 09:00", "2026-12-01 09:10")]}
    lines = scale.format_markdown(result).splitlines()
    assert any("earlier session (UTC): 2026-11-30 12:25" in line for line in lines)
    assert any("last session (UTC): 2026-12-01 09:00" in line for line in lines)
    rows = [line for line in lines if line.startswith("| 100")]
    assert len(rows) == 5  # both 10,000-article local runs are kept
    assert rows[2].startswith("| 100000 (+0 skipped) | local | 5 | 1300.0 | 13.00 | 1.30 |")  # vs its own 10,000
    assert rows[1].startswith("| 10000 (+0 skipped) | local | 5 | 200.0 | 20.00 | 1.00 |")
    assert rows[4].startswith("| 100000 (+0 skipped) | dask | 5 | 1650.0 | 16.50 | 1.10 |")
    assert rows[4].endswith("| 1.0–2.0 | 2026-12-01 09:10 |") and rows[0].endswith("| 1.0–2.0 | — |")


def test_a_run_stopped_at_its_timeout_reports_what_it_did_by_then():
    import scale

    stopped = {"size": 100_000, "engine": "dask", "articles": 100_000, "timed_out": True, "seconds": 600.0,
               "cpu_seconds": 300.0, "tree_peak_rss_mb": 1234.4, "batches_done": 20, "articles_done": 4_000,
               "load": "2.0–3.0"}
    result = {"machine": {"date": "d", "platform": "p", "python": "3.11", "nproc": 2, "memory_gb": 24.0,
                          "load_start": "0", "command": "c"}, "sizes": [stopped]}
    row = next(line for line in scale.format_markdown(result).splitlines() if line.startswith("| 100000"))
    assert "stopped after 600 s, 4000 articles in 20 batches done" in row
    assert "150.00 (first 4000)" in row and "75.00 (first 4000)" in row and "1234 (to the stop)" in row
