"""The validate command: the coding against hand coding, with figures checked against independent computations."""

from __future__ import annotations

import math
import random
import re

import numpy as np
import pandas as pd
import pytest

from helpers.analysis.codebook import load_codebook
from helpers.analysis.validation import OVERALL, compare, load_gold, presence
from helpers.cli import main
from helpers.errors import HelpersError


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def _nominal_alpha(a: list[float], b: list[float]) -> float:
    """Krippendorff's alpha for two coders and nominal values, from the coincidence matrix (Krippendorff 2011)."""
    pairs = [(x, y) for x, y in zip(a, b) if not (math.isnan(x) or math.isnan(y))]
    values = sorted({v for pair in pairs for v in pair})
    index = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for x, y in pairs:  # each unit has two values: each ordered pair counts 1/(m-1) = 1
        o[index[x], index[y]] += 1
        o[index[y], index[x]] += 1
    n_c = o.sum(axis=1)
    n = n_c.sum()
    observed = o.sum() - np.trace(o)
    expected = (n * n - (n_c**2).sum()) / (n - 1)
    return 1 - observed / expected


def test_figures_follow_their_definitions():
    gold = pd.DataFrame({"id": list("abcdef"), "measure": "m", "gold": [1, 1, 1, 0, 0, np.nan]})
    coded = pd.DataFrame({"id": list("abcdef"), "measure": "m", "coded": [1, 1, 0, 1, 0, 1]})
    row = compare(coded, gold, ["m"]).set_index("measure").loc["m"]
    assert (row["articles"], row["tp"], row["fp"], row["fn"], row["tn"]) == (5, 2, 1, 1, 1)  # the "?" cell is left out
    assert row["precision"] == pytest.approx(2 / 3) and row["recall"] == pytest.approx(2 / 3)
    assert row["f1"] == pytest.approx(2 / 3) and row["specificity"] == pytest.approx(1 / 2)
    assert row["alpha"] == pytest.approx(_nominal_alpha([1, 1, 0, 1, 0], [1, 1, 1, 0, 0]))


def test_alpha_agrees_with_an_independent_computation_on_random_codings():
    rng = random.Random(5)
    for _ in range(20):
        n = rng.randint(5, 40)
        gold = [float(rng.random() < 0.4) for _ in range(n)]
        coded = [g if rng.random() < 0.8 else 1 - g for g in gold]
        if len(set(gold + coded)) < 2:
            continue
        table = compare(pd.DataFrame({"id": range(n), "measure": "m", "coded": coded}),
                        pd.DataFrame({"id": range(n), "measure": "m", "gold": gold}), ["m"])
        assert table.loc[0, "alpha"] == pytest.approx(_nominal_alpha(coded, gold))


def test_ratios_with_nothing_to_divide_are_missing_not_zero_and_overall_pools_every_measure():
    gold = pd.DataFrame({"id": ["a", "b", "a", "b"], "measure": ["m", "m", "n", "n"], "gold": [0, 0, 1, 0]})
    coded = pd.DataFrame({"id": ["a", "b", "a", "b"], "measure": ["m", "m", "n", "n"], "coded": [0, 0, 1, 0]})
    table = compare(coded, gold, ["m", "n"]).set_index("measure")
    assert math.isnan(table.loc["m", "precision"]) and math.isnan(table.loc["m", "recall"])
    assert math.isnan(table.loc["m", "alpha"])  # all zeros: no disagreement possible
    assert table.loc["m", "specificity"] == 1
    assert table.loc[OVERALL, "articles"] == 4 and table.loc[OVERALL, "tp"] == 1 and table.loc[OVERALL, "alpha"] == 1


def test_presence_is_at_least_one_counted_hit(codebook):
    articles = pd.DataFrame({"id": ["a", "b"]})
    evidence = pd.DataFrame({"id": ["a", "a"], "measure": ["quarantine", "quarantine"]})
    cells = presence(articles, evidence, codebook).set_index(["id", "measure"])["coded"]
    assert cells[("a", "quarantine")] == 1 and cells[("b", "quarantine")] == 0
    assert len(cells) == 2 * len(codebook.ids)


@pytest.mark.parametrize(("text", "message"), [
    ("articles:\n  a1:\n    measures: {quarantine: 1, masks: 0}\n",
     r"^gold\.yaml, line 3: unknown measure 'masks' in article 'a1'; fix: use one of: entry_control, "),
    ("articles:\n  a1:\n    measures: {quarantine: 2}\n", r"^gold\.yaml, line 3: .*; fix: .+$"),
    ("articles: {}\n", r"^gold\.yaml, line 1: .*; fix: .+$"),
])
def test_a_bad_gold_file_is_one_line_with_its_line_and_fix(tmp_path, codebook, text, message):
    path = tmp_path / "gold.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HelpersError, match=message):
        load_gold(path, codebook)


def test_other_keys_per_article_are_allowed_and_question_marks_are_skipped(tmp_path, codebook):
    path = tmp_path / "gold.yaml"
    path.write_text("coder: A\narticles:\n  a1:\n    measures: {quarantine: '?', lockdown: 1}\n    notes: x\n",
                    encoding="utf-8")
    gold = load_gold(path, codebook).set_index("measure")["gold"]
    assert math.isnan(gold["quarantine"]) and gold["lockdown"] == 1


def _seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a1.txt").write_text("社区封控管理\n为做好疫情防控，某社区对所有居民开展全员核酸检测，志愿者上门送菜。\n", encoding="utf-8")
    (folder / "a2.txt").write_text("社区服务\n社区组织居民开展文艺活动，丰富群众的文化生活，活动持续了一个下午。\n", encoding="utf-8")
    return folder


def test_the_command_prints_every_measure_and_the_overall_row(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    gold = tmp_path / "gold.yaml"
    gold.write_text("articles:\n  a1: {measures: {nucleic_acid_testing: 1, supplies: 1, quarantine: 0}}\n"
                    "  a2: {measures: {nucleic_acid_testing: 0, supplies: 0, quarantine: '?'}}\n", encoding="utf-8")
    seeds = _seeds(tmp_path)
    assert main(["validate", "--gold", str(gold), "--seeds", str(seeds), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("\ufeff")  # the byte-order mark Excel needs
    out[0] = out[0].removeprefix("\ufeff")
    assert out[0] == "measure,articles,tp,fp,fn,tn,precision,recall,f1,specificity,alpha"
    rows = {line.split(",")[0]: line.split(",") for line in out[1:]}
    assert set(rows) == set(load_codebook().ids) | {OVERALL}
    assert rows["nucleic_acid_testing"][1:6] == ["2", "1", "0", "0", "1"]
    assert rows["quarantine"][1] == "1"  # a2's "?" is left out
    assert main(["validate", "--gold", str(gold), "--seeds", str(seeds)]) == 0
    table = capsys.readouterr().out
    assert re.search(r"^\s*all\s+5\b", table, re.M)


def test_gold_articles_missing_from_the_seeds_are_one_clear_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    gold = tmp_path / "gold.yaml"
    gold.write_text("articles:\n  zz9: {measures: {quarantine: 1}}\n", encoding="utf-8")
    assert main(["validate", "--gold", str(gold), "--seeds", str(_seeds(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: gold.yaml: articles not in the seeds folder: zz9") and err.count("\n") == 1


def test_two_readings_compare_with_against(tmp_path, capsys):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("articles:\n  x: {measures: {quarantine: 1, lockdown: 0}}\n  y: {measures: {quarantine: 0, lockdown: 1}}\n")
    b.write_text("articles:\n  x: {measures: {quarantine: 1, lockdown: 1}}\n  y: {measures: {quarantine: 0, lockdown: 1}}\n")
    assert main(["validate", "--gold", str(a), "--against", str(b), "--format", "csv"]) == 0
    rows = {line.split(",")[0]: line.split(",") for line in capsys.readouterr().out.splitlines()[1:]}
    assert rows["quarantine"][2:6] == ["1", "0", "0", "1"] and rows["lockdown"][2:6] == ["1", "1", "0", "0"]


def test_the_command_line_prints_no_library_chatter(tmp_path):
    import os
    import subprocess
    import sys

    gold = tmp_path / "gold.yaml"
    gold.write_text("articles:\n  a1: {measures: {nucleic_acid_testing: 1}}\n", encoding="utf-8")
    env = {**os.environ, "HELPERS_CACHE_DIR": str(tmp_path / "cache")}  # a cold cache: jieba builds its dictionary
    done = subprocess.run([sys.executable, "-m", "helpers", "validate", "--gold", str(gold), "--seeds",
                           str(_seeds(tmp_path))], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
