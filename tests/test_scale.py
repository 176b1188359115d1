"""The corpus stage in batches: engines, the Parquet store, duplicates across batches, and the commands on Dask.

Nothing here is timed; the benchmark (``benchmarks/scale.py``) measures time and memory.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import cli
from helpers.analysis import analyse
from helpers.analysis.codebook import load_codebook
from helpers.analysis.coding import code_sentences
from helpers.analysis.events import extract_dates
from helpers.analysis.pipeline import _batches, process_corpus
from helpers.catalogue import message
from helpers.corpus import read_corpus
from helpers.corpus.engine import InProcessEngine, LocalEngine, engine_name, open_engine
from helpers.corpus.store import partition_dir, read_table, write_partition
from helpers.errors import HelpersError
from helpers.text.segment import corpus_tokens, get_tokenizer

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _square(x: int) -> int:
    return x * x


def _square_and_process(x: int) -> tuple[int, int]:
    import os

    return x * x, os.getpid()


# --------------------------------------------------------------------------- engines


def test_engine_name_comes_from_the_option_then_the_environment(monkeypatch):
    monkeypatch.delenv("HELPERS_ENGINE", raising=False)
    assert engine_name() == "local"
    monkeypatch.setenv("HELPERS_ENGINE", "dask")
    assert engine_name() == "dask"
    assert engine_name("local") == "local"
    monkeypatch.setenv("HELPERS_ENGINE", "spark")
    with pytest.raises(HelpersError, match=r"unknown engine 'spark' \(from HELPERS_ENGINE\): use one of local, dask"):
        engine_name()


def test_the_local_engine_gives_results_in_the_order_of_the_items():
    engine = LocalEngine(workers=2)
    try:
        assert list(engine.map(_square, range(20))) == [x * x for x in range(20)]
    finally:
        engine.close()
    with open_engine("local", tasks=1) as one:
        assert isinstance(one, InProcessEngine)
        assert list(one.map(_square, [3])) == [9]


def test_local_workers_are_replaced_after_a_run_of_items_and_the_order_holds(monkeypatch):
    from helpers.corpus import engine as engines

    monkeypatch.setattr(engines, "TASKS_PER_PROCESS", 3)
    with open_engine("local", workers=2) as local:
        results = list(local.map(_square_and_process, range(20)))
    assert [square for square, _ in results] == [x * x for x in range(20)]
    processes = [pid for _, pid in results]
    assert len(set(processes)) >= 4  # 20 items, at most 2 × 3 per pool: four pools of two workers
    assert not set(processes[:6]) & set(processes[6:])  # the first pool's workers ran nothing later


def _logging_task(log: Path):
    """A task that writes ``item pid`` to ``log`` each time it runs (a local function: Dask pickles it by value)."""
    def run(item: int) -> tuple[int, int]:
        import os

        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{item} {os.getpid()}\n")
        return item * item, os.getpid()

    return run


def _runs(log: Path) -> list[int]:
    return sorted(int(line.split()[0]) for line in log.read_text(encoding="utf-8").splitlines())


def test_workers_of_our_dask_local_cluster_are_replaced_between_waves_and_no_item_is_lost_or_repeated(
        tmp_path, monkeypatch):
    from helpers.corpus import engine as engines

    monkeypatch.delenv("HELPERS_DASK_SCHEDULER", raising=False)
    monkeypatch.setattr(engines, "TASKS_PER_PROCESS", 3)
    log = tmp_path / "runs.txt"
    with open_engine("dask", workers=2) as dask:
        results = list(dask.map(_logging_task(log), range(20)))
    assert [square for square, _ in results] == [x * x for x in range(20)]
    assert _runs(log) == list(range(20))  # every item ran once: none lost, none run again
    waves = [{pid for _, pid in results[start:start + 6]} for start in range(0, 20, 6)]  # 2 workers × 3 items
    for index, wave in enumerate(waves):
        assert not wave & set().union(*waves[index + 1:])  # no worker of a wave ran an item of a later one


def test_workers_of_a_cluster_given_by_address_are_never_restarted(tmp_path, monkeypatch):
    from distributed import Client, LocalCluster

    from helpers.corpus import engine as engines

    monkeypatch.setattr(engines, "TASKS_PER_PROCESS", 3)
    log = tmp_path / "runs.txt"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as theirs:
        before = theirs.run(os.getpid)
        monkeypatch.setenv("HELPERS_DASK_SCHEDULER", cluster.scheduler_address)
        with open_engine("dask") as dask:
            results = list(dask.map(_logging_task(log), range(20)))
        after = theirs.run(os.getpid)
    assert [square for square, _ in results] == [x * x for x in range(20)]
    assert _runs(log) == list(range(20))
    assert after == before  # the same worker processes at the same addresses
    assert {pid for _, pid in results} <= set(before.values())


def test_an_unknown_engine_is_one_line_from_the_command_line(capsys):
    with pytest.raises(SystemExit):
        cli.main(["measures", "--engine", "spark"])
    assert "invalid choice: 'spark'" in capsys.readouterr().err


# --------------------------------------------------------------------------- the store


def test_store_tables_round_trip_with_their_types(tmp_path: Path):
    frame = pd.DataFrame({
        "id": pd.Series(["a", "b"], dtype=object),
        "maybe": pd.Series(["x", None], dtype=object),
        "none": pd.Series([None, None], dtype=object),
        "count": np.array([1, 2], dtype=np.int64),
        "year": pd.array([2020, None], dtype="Int64"),
        "flag": [True, False],
        "warnings": pd.Series([[message("warning.national", national="全国", file="metadata.yaml")], []],
                              dtype=object),
    })
    write_partition(tmp_path, "k1", {"t": frame}, {"ids": ["a", "b"]})
    back = read_table(tmp_path, "k1", "t")
    pd.testing.assert_frame_equal(back, frame)
    assert back["maybe"].iloc[1] is None
    assert list(read_table(tmp_path, "k1", "t", ["year", "id"]).columns) == ["year", "id"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp")]


def test_the_stored_corpus_is_read_corpus_and_the_analysis_tables(tmp_path: Path):
    stored = process_corpus(SEEDS, store=tmp_path / "store")
    corpus = read_corpus(SEEDS)
    for name in ("articles", "sentences", "skipped"):
        pd.testing.assert_frame_equal(getattr(stored.corpus(), name), getattr(corpus, name))
    # every article, as the commands count them, computed in memory as the analysis did before the store
    codebook = load_codebook()
    tokens = corpus_tokens(corpus.articles, extra_words=codebook.all_terms())
    evidence = code_sentences(corpus.sentences, codebook, tokens=tokens)
    dates = extract_dates(corpus.articles, corpus.sentences, tokenizer=get_tokenizer(codebook.all_terms()))
    everything = {"tokens": tokens, "evidence": evidence, "events": dates.events,
                  "announcements": dates.announcements}
    for name in ("tokens", "evidence", "events", "announcements"):
        pd.testing.assert_frame_equal(stored.read(name), everything[name])
    assert analyse(SEEDS).evidence.equals(evidence)  # no duplicate among the seeds


def test_a_damaged_partition_is_built_again(tmp_path: Path):
    store = tmp_path / "store"
    first = process_corpus(SEEDS, store=store)
    (partition_dir(store, first.partitions[0]) / "tokens.parquet").unlink()
    for manifest in store.glob("corpus-*.json"):
        manifest.unlink()
    with pytest.warns(UserWarning, match="damaged store partition"):
        again = process_corpus(SEEDS, store=store)
    assert (partition_dir(store, again.partitions[0]) / "tokens.parquet").is_file()
    pd.testing.assert_frame_equal(again.read("tokens"), read_corpus_tokens(SEEDS))


def read_corpus_tokens(seeds: Path) -> pd.DataFrame:
    corpus = read_corpus(seeds)
    return corpus_tokens(corpus.articles, extra_words=load_codebook().all_terms())


# --------------------------------------------------------------------------- batches and duplicates


def _han_text(rng: random.Random, chars: int) -> str:
    body = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(chars))
    return "。".join(body[i : i + 20] for i in range(0, chars, 20)) + "。"


def _write_articles(folder: Path, texts: list[str]) -> None:
    folder.mkdir(parents=True)
    for index, text in enumerate(texts):
        (folder / f"{index:03d}.txt").write_text(f"社区防控第{index}篇\n\n{text}\n", encoding="utf-8")


def test_batches_are_cut_by_content_so_a_new_article_touches_one_batch():
    from helpers.analysis.pipeline import _Entry

    keys = [f"{random.Random(i).getrandbits(256):064x}" for i in range(400)]
    entries = [_Entry(Path(f"{i:03d}.txt"), key) for i, key in enumerate(keys)]
    before = _batches(entries, 20, 60)
    after = _batches([*entries[:100], _Entry(Path("new.txt"), "0" * 64), *entries[100:]], 20, 60)
    assert all(len(batch) <= 60 for batch in before) and len(before) > 5
    unchanged = {tuple(e.key for e in b) for b in before} & {tuple(e.key for e in b) for b in after}
    assert len(unchanged) >= len(before) - 2


def test_near_duplicates_across_batch_boundaries_are_found_as_in_one_pass(tmp_path: Path):
    rng = random.Random(7)
    texts = [_han_text(rng, rng.choice([200, 600, 1500])) for _ in range(90)]
    for source in (3, 17, 41, 60):  # copies far from their originals: other batches
        chars = list(texts[source])
        for position in rng.sample(range(len(chars)), len(chars) // 50):
            chars[position] = "社"
        texts.append("".join(chars))
    texts.append(texts[70][300:])  # a part of a later one ...
    texts.insert(5, texts[80][:400])  # ... and of an earlier one
    texts.append(texts[12])  # an exact repeat
    _write_articles(tmp_path / "seeds", texts)
    stored = process_corpus(tmp_path / "seeds", store=tmp_path / "store", batch_target=8, batch_max=16,
                            workers=2)
    assert len(stored.partitions) > 5
    stored_articles = stored.read("articles")
    expected = read_corpus(tmp_path / "seeds", use_cache=False).articles  # flagged in one pass, in memory
    assert stored_articles["duplicate_of"].notna().sum() >= 6
    pd.testing.assert_frame_equal(stored_articles, expected)


# --------------------------------------------------------------------------- the commands on Dask


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """The seeds and near copies of three of them (duplicates to flag)."""
    import shutil

    folder = tmp_path_factory.mktemp("engines") / "seeds"
    shutil.copytree(SEEDS, folder)
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        text = path.read_text(encoding="utf-8")
        (folder / f"{path.stem}_copy.txt").write_text(text.replace("社区", "社区里", 1), encoding="utf-8")
    return folder


def _run(capsys, monkeypatch, cache: Path, *argv: str) -> tuple[str, str]:
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(cache))
    assert cli.main(list(argv)) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_commands_give_the_same_output_on_a_two_worker_dask_local_cluster(small_corpus, tmp_path, capsys,
                                                                           monkeypatch):
    monkeypatch.delenv("HELPERS_DASK_SCHEDULER", raising=False)
    monkeypatch.setenv("HELPERS_WORKERS", "2")
    for command in (["corpus"], ["measures", "--format", "csv"], ["timeline"]):
        args = [*command, "--seeds", str(small_corpus)]
        local = _run(capsys, monkeypatch, tmp_path / f"local-{command[0]}", *args, "--engine", "local")
        dask = _run(capsys, monkeypatch, tmp_path / f"dask-{command[0]}", *args, "--engine", "dask")
        assert dask == local
        assert local[0].count("\n") >= 8


def test_an_existing_dask_cluster_named_in_the_environment_runs_every_batch(small_corpus, tmp_path, capsys,
                                                                             monkeypatch):
    from distributed import LocalCluster

    tables = ("articles", "sentences", "tokens", "evidence", "events", "announcements")
    measures = ["measures", "--seeds", str(small_corpus), "--format", "csv"]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        monkeypatch.setenv("HELPERS_ENGINE", "dask")  # neither --engine nor engine=: the environment decides
        monkeypatch.setenv("HELPERS_DASK_SCHEDULER", cluster.scheduler_address)
        on_cluster = process_corpus(small_corpus, store=tmp_path / "cluster", batch_target=3, batch_max=3)
        ran = set(cluster.scheduler.task_prefixes)  # what the scheduler was given to run
        printed = _run(capsys, monkeypatch, tmp_path / "cache-cluster", *measures)
        on_cluster_tables = {name: on_cluster.read(name) for name in tables}
    monkeypatch.delenv("HELPERS_ENGINE")
    monkeypatch.delenv("HELPERS_DASK_SCHEDULER")
    local = process_corpus(small_corpus, store=tmp_path / "local", batch_target=3, batch_max=3, workers=1)
    assert len(on_cluster.partitions) == len(local.partitions) >= 3
    assert "process_batch" in ran  # the batches ran on the cluster, not here
    for name in tables:
        pd.testing.assert_frame_equal(on_cluster_tables[name], local.read(name))
    assert printed == _run(capsys, monkeypatch, tmp_path / "cache-local", *measures, "--engine", "local")



# --------------------------------------------------------------------------- many cities


def _fifty_cities():
    from helpers.corpus.gazetteer import default_gazetteer
    from synthetic import spread_cities

    gazetteer = default_gazetteer()
    return [(city, gazetteer.name(city, "en")) for city in spread_cities(50)]


def test_an_index_of_fifty_cities_links_every_profile_grouped_by_province(tmp_path):
    from bs4 import BeautifulSoup

    from helpers.publish.index_page import ARTICLE_ROWS, render_index
    from helpers.publish.plan import CorpusSummary, plan_reports

    cities = _fifty_cities()
    articles = [{"id": f"{i:04d}", "city": cities[i % 50][0], "city_en": cities[i % 50][1], "published": "2022-04-01",
                 "title": f"标题{i}", "genre": "news", "duplicate_of": None} for i in range(ARTICLE_ROWS + 20)]
    summary = CorpusSummary(cities=cities, articles=articles, skipped=[])
    specs = plan_reports(summary, ("zh", "en"), ROOT / "notebooks")
    page = BeautifulSoup(render_index(summary, specs, {s.relpath: {"ok": True} for s in specs}, None), "html.parser")
    for lang in ("zh", "en"):
        section = page.find("h2", id=f"reports-{lang}").parent
        links = {a["href"] for a in section.find_all("a") if a["href"].endswith(".html")}  # not the workbook
        assert {s.relpath for s in specs if s.lang == lang} == links  # every report, each once
        provinces = [p.find("strong").get_text() for p in section.find_all("p") if p.find("strong")]
        assert len(provinces) == len(set(provinces)) >= 25
    en = page.find("h2", id="reports-en").parent
    hubei = next(p for p in en.find_all("p") if p.find("strong") and p.find("strong").get_text() == "Hubei")
    assert {a.get_text() for a in hubei.find_all("a")} == {"Yichang", "Suizhou"}
    glance = page.find("h2", id="glance").find_next("table")
    assert len(glance.find_all("tr")) == 51 and "湖北 / Hubei" in glance.get_text()
    articles_table = glance.find_next("table")
    assert len(articles_table.find_all("tr")) == ARTICLE_ROWS + 1
    assert f"前 {ARTICLE_ROWS} 篇文章（共 {ARTICLE_ROWS + 20} 篇）" in page.get_text()


def test_the_index_of_a_few_cities_keeps_its_plain_lists():
    from bs4 import BeautifulSoup

    from helpers.publish.index_page import render_index
    from helpers.publish.plan import CorpusSummary, plan_reports

    cities = _fifty_cities()[:5]
    summary = CorpusSummary(cities=cities, articles=[], skipped=[])
    specs = plan_reports(summary, ("zh",), ROOT / "notebooks")
    page = BeautifulSoup(render_index(summary, specs, {}, None), "html.parser")
    section = page.find("h2", id="reports-zh").parent
    assert not section.find("h3") and len(section.find_all("li")) == len(specs)


def _presence(n_cities: int, per_city: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Evidence and presence of ``n_cities`` cities of ``per_city`` articles; the first third of the cities'
    articles mention entry control, every fourth city's grid management."""
    from helpers.analysis.inference import group_presence

    cities = [city for city, _ in _fifty_cities()[:n_cities]]
    ids = [(f"a{c:02d}{k}", city) for c, city in enumerate(cities) for k in range(per_city)]
    articles = pd.DataFrame({"id": [i for i, _ in ids], "city": [city for _, city in ids]})
    sentences = pd.DataFrame({"id": [i for i, _ in ids for _ in range(3)]})
    hits = [(i, city, "entry_control") for c, (i, city) in enumerate(ids) if c < len(ids) // 3]
    hits += [(i, city, "grid_management") for i, city in ids if cities.index(city) % 4 == 0]
    evidence = pd.DataFrame({"id": [h[0] for h in hits], "city": [h[1] for h in hits],
                             "measure": [h[2] for h in hits], "sentence_no": [0] * len(hits)})
    return evidence, group_presence(articles, sentences, evidence, load_codebook().ids)


def test_counts_of_many_cities_are_cut_into_tables_of_ten_city_columns():
    from bs4 import BeautifulSoup

    from helpers.report import tables

    evidence, presence = _presence(50)
    page = BeautifulSoup(tables.linked_counts(evidence, presence, "en"), "html.parser")
    heads = [len(t.find("thead").find_all("th")) - 1 for t in page.find_all("table")]
    assert heads == [10] * 5
    links = {a["href"] for a in page.find_all("a") if "table-csv" not in a.get("class", [])}
    assert len(links) == len(evidence)  # every city's hits still link to their quotes
    assert len(page.find_all("a", class_="table-csv")) == 5  # and each table offers its CSV
    few = BeautifulSoup(tables.linked_counts(*_presence(5), "en"), "html.parser")
    assert len(few.find_all("table")) == 1


def test_the_heatmaps_of_many_cities_have_a_row_per_city():
    from helpers.report import charts

    n_measures = len(load_codebook().ids)
    _, presence = _presence(50)
    for chart in (charts.presence_heatmap(presence, lang="en"), charts.emphasis_heatmap(presence, lang="zh")):
        ax = chart.figure.axes[0]
        rows = [label.get_text() for label in ax.get_yticklabels()]
        assert len(rows) == 50 and len(ax.get_xticklabels()) == n_measures
        assert all("\n" not in row and " · " in row for row in rows)  # a city and its n on one line
        width, height = chart.figure.get_size_inches()
        assert height > width  # the page grows downwards, it is not squeezed sideways
    _, few = _presence(5)
    ax = charts.presence_heatmap(few, lang="en").figure.axes[0]
    assert len(ax.get_xticklabels()) == 5 and len(ax.get_yticklabels()) == n_measures


def test_the_residuals_of_many_cities_have_a_row_per_city():
    from helpers.analysis.inference import compare_groups
    from helpers.report import charts

    _, presence = _presence(50, per_city=6)
    comparison = compare_groups(presence)
    assert comparison.tested
    ax = charts.comparison_residuals(comparison, lang="zh").figure.axes[0]
    assert len(ax.get_yticklabels()) == 50 and len(ax.get_xticklabels()) == len(comparison.residuals)


def test_a_gazetteer_edited_while_the_process_runs_is_read_again_and_never_stored_under_the_old_rules(
        tmp_path: Path, monkeypatch):
    # an analyst adds a place to gazetteer.yaml in JupyterLab and reruns the notebook in the same kernel: the
    # rerun places the article, and the store keeps nothing the old gazetteer computed under the new file's key
    from helpers import paths

    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    monkeypatch.setattr(paths, "DATA_DIR", data)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("青柳湾的小区守住了\n青柳湾各小区门口设卡值守，进出人员测温登记。志愿者每天到青柳湾各楼栋消杀。\n",
                                 encoding="utf-8")
    store = tmp_path / "store"
    assert process_corpus(seeds, store=store).corpus().articles["city"].tolist() == ["全国"]
    gazetteer = data / "gazetteer.yaml"
    text = gazetteer.read_text(encoding="utf-8")
    assert "  白城:\n    places: [" in text
    gazetteer.write_text(text.replace("  白城:\n    places: [", "  白城:\n    places: [青柳湾, ", 1), encoding="utf-8")
    assert process_corpus(seeds, store=store).corpus().articles["city"].tolist() == ["白城"]
