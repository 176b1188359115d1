"""Comparing groups of articles end to end: tests on a corpus large enough for them, none on the seeds.

A synthetic corpus of three cities with eight articles each (written here,
with a known design: which articles describe which measure, in which year)
is read, coded and compared as the comparison report does.  Its tests are
checked against an independent computation from the design: chi-square and
Fisher's exact test written out by hand, Benjamini–Hochberg by hand, Cramér's
V and adjusted standardized residuals from their formulas.  The comparison
notebook is then run on it with papermill (``slow``).  The reports built from
the committed seeds (one article per city) must print no p-value and no
"stands out" or "highest" claim, say each comparison is descriptive and why,
and give every group's n.
"""

from __future__ import annotations

import json
import math
import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import analyse
from helpers.report import charts, prose, tables

ROOT = Path(__file__).resolve().parents[1]
CITIES = ["武汉", "白城", "北京"]
PER_CITY = 8
# measure -> city -> how many of the city's articles (the first ones) describe it
DESIGN = {
    "quarantine": {"武汉": 7, "白城": 1, "北京": 2},
    "disinfection": {"武汉": 4, "白城": 4, "北京": 5},
    "nucleic_acid_testing": {"武汉": 0, "白城": 2, "北京": 8},
}
# Two sentences per measure, each coding that measure only; the second disinfection and testing
# sentences hold two hits each, which count once as a sentence and once for the article.
SENTENCES = {
    "quarantine": ["小区对返乡人员实行居家隔离十四天。", "社区安排外地返回的居民居家隔离观察。"],
    "disinfection": ["物业人员每天对小区楼道和电梯进行消毒。", "保洁员每天给楼道扶手喷洒消毒液。"],
    "nucleic_acid_testing": ["社区组织居民分批到小区广场做核酸检测。", "街道在小区设置核酸采样点，居民有序排队采样。"],
}
# Characters that form no codebook term: filler that makes every article its own text.
FILLER = "春夏秋冬山水花鸟风云雨雪江河湖海松竹梅兰晴朗明月清泉古亭书画琴棋诗词茶"


def _year(index: int) -> str:
    return "2020" if index % 2 == 0 else "2022"


def write_corpus(folder: Path) -> pd.DataFrame:
    """Write the synthetic articles and their metadata; return the design, one row per article and measure."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    design, metadata = [], []
    for c, city in enumerate(CITIES):
        for i in range(PER_CITY):
            article_id = f"syn_{c}_{i:02d}"
            body = ["".join(rng.choice(FILLER) for _ in range(rng.randint(14, 22))) + "。" for _ in range(8)]
            for m, (measure, counts) in enumerate(DESIGN.items()):
                described = i < counts[city]
                if described:
                    body.insert(2 + 2 * m, SENTENCES[measure][i % 2])
                design.append({"id": article_id, "city": city, "year": _year(i), "measure": measure,
                               "described": described, "sentences": int(described)})
            paragraphs = ["".join(body[k:k + 3]) for k in range(0, len(body), 3)]
            (folder / f"{article_id}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
            month = "03" if _year(i) == "2020" else "04"
            metadata.append(
                f"{article_id}:\n"
                f"  title:\n    value: 山水清音之{c}{i}\n    note: synthetic test article\n"
                f"  published:\n    value: {_year(i)}-{month}-{i + 1:02d}\n    note: synthetic test article\n"
                f"  city:\n    value: {city}\n    note: synthetic test article\n")
    (folder / "metadata.yaml").write_text("\n".join(metadata), encoding="utf-8")
    return pd.DataFrame(design)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic") / "seeds"
    design = write_corpus(folder)
    return folder, design, analyse(folder, "en")


# --------------------------------------------------------------------------- by hand


def _chi_square(observed: np.ndarray) -> tuple[float, int, np.ndarray]:
    total = observed.sum()
    expected = observed.sum(axis=1, keepdims=True) * observed.sum(axis=0, keepdims=True) / total
    statistic = float(((observed - expected) ** 2 / expected).sum())
    return statistic, (observed.shape[0] - 1) * (observed.shape[1] - 1), expected


def _chi_square_tail(statistic: float, dof: int) -> float:
    """P(X > x) for chi-square with 1 or 2 degrees of freedom, in closed form."""
    if dof == 1:
        return math.erfc(math.sqrt(statistic / 2))
    assert dof == 2
    return math.exp(-statistic / 2)


def _fisher_two_sided(table: np.ndarray) -> float:
    """Sum of the hypergeometric probabilities of every table with the margins at most as likely as this one."""
    (a, b), (c, d) = table.astype(int)
    row1, col1, n = a + b, a + c, a + b + c + d

    def probability(x: int) -> float:
        return math.comb(col1, x) * math.comb(n - col1, row1 - x) / math.comb(n, row1)

    observed = probability(a)
    low, high = max(0, row1 + col1 - n), min(row1, col1)
    return sum(p for p in map(probability, range(low, high + 1)) if p <= observed * (1 + 1e-7))


def _benjamini_hochberg(p: list[float]) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adjusted, running = [0.0] * m, 1.0
    for rank in range(m, 0, -1):
        running = min(running, p[order[rank - 1]] * m / rank)
        adjusted[order[rank - 1]] = running
    return adjusted


def _expected_tests(design: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per measure: the test the design calls for, its p, BH-adjusted p, Cramér's V and residuals of 'describes'."""
    rows = []
    for measure, table in design.groupby("measure", sort=False):
        per_group = table.groupby(by, sort=False)["described"].agg(["sum", "size"])
        observed = np.column_stack([per_group["sum"], per_group["size"] - per_group["sum"]]).astype(float)
        statistic, dof, expected = _chi_square(observed)
        if observed.shape == (2, 2) and (expected < 5).any():
            test, p_value = "Fisher exact", _fisher_two_sided(observed)
        else:
            test, p_value = "chi-square", _chi_square_tail(statistic, dof)
        total, row, col = observed.sum(), observed.sum(axis=1), observed.sum(axis=0)
        residuals = (observed[:, 0] - expected[:, 0]) / np.sqrt(
            expected[:, 0] * (1 - row / total) * (1 - col[0] / total))
        rows.append({"measure": measure, "test": test, "statistic": statistic, "dof": dof, "p_value": p_value,
                     "cramers_v": math.sqrt(statistic / total), "residuals": dict(zip(per_group.index, residuals))})
    frame = pd.DataFrame(rows)
    frame["p_adjusted"] = _benjamini_hochberg(list(frame["p_value"]))
    return frame


# --------------------------------------------------------------------------- the synthetic corpus


def test_the_synthetic_corpus_is_read_and_coded_as_designed(synthetic):
    _, design, analysis = synthetic
    assert len(analysis.articles) == len(CITIES) * PER_CITY  # no article is taken for a repeat of another
    presence = analysis.presence.set_index(["group", "measure"])
    for (city, measure), rows in design.groupby(["city", "measure"]):
        row = presence.loc[(city, measure)]
        assert row["articles"] == PER_CITY and row["with_measure"] == rows["described"].sum(), (city, measure)
        assert row["sentences"] == rows["sentences"].sum(), (city, measure)  # two hits in a sentence count once
    others = presence.drop(index=list(DESIGN), level="measure")
    assert (others["with_measure"] == 0).all()
    hits = analysis.evidence.groupby("measure").size()
    assert hits["disinfection"] > presence.xs("disinfection", level="measure")["sentences"].sum()


@pytest.mark.parametrize("by", ["city", "year"])
def test_with_enough_articles_the_comparison_tests_with_correction_as_computed_by_hand(synthetic, by):
    _, design, analysis = synthetic
    comparison = analysis.compare_cities() if by == "city" else analysis.compare_years()
    assert comparison.tested and comparison.reason is None
    sizes = design.drop_duplicates("id").groupby(by).size().to_dict()
    assert comparison.groups == sizes and min(sizes.values()) >= comparison.needed
    expected = _expected_tests(design, by).set_index("measure")
    tests = comparison.tests.set_index("measure")
    assert set(tests.index) == set(expected.index)  # every other measure: no article has it, nothing to test
    for measure, row in tests.iterrows():
        want = expected.loc[measure]
        assert row["test"] == want["test"], measure
        assert row["statistic"] == pytest.approx(want["statistic"]) and row["dof"] == want["dof"], measure
        assert row["p_value"] == pytest.approx(want["p_value"], rel=1e-6), measure
        assert row["p_adjusted"] == pytest.approx(want["p_adjusted"], rel=1e-6), measure
        assert row["cramers_v"] == pytest.approx(want["cramers_v"]), measure
        assert row["significant"] == (want["p_adjusted"] < 0.05), measure
        for group, residual in want["residuals"].items():
            assert comparison.residuals.loc[measure, group] == pytest.approx(residual), (measure, group)
    if by == "city":
        # the design: quarantine and testing differ between the cities, disinfection does not
        assert set(tests.index[tests["significant"]]) == {"quarantine", "nucleic_acid_testing"}
        cells = comparison.notable_cells().set_index(["measure", "group"])["residual"]
        assert cells[("quarantine", "武汉")] > 1.96 and cells[("nucleic_acid_testing", "北京")] > 1.96
        assert "disinfection" not in set(cells.index.get_level_values("measure"))


def test_what_the_report_says_about_a_tested_comparison(synthetic):
    _, _, analysis = synthetic
    comparison = analysis.compare_cities()
    summary = prose.comparison_summary(comparison, "en", analysis.codebook)
    assert summary.startswith("Tested with the article as the unit (8 articles from Wuhan, 8 articles from "
                              "Baicheng and 8 articles from Beijing)")
    assert "adjusted for the 3 measures tested (Benjamini–Hochberg); 2 differ at the 5% level" in summary
    assert "adjusted standardized residuals beyond ±1.96" in summary and "not a test" not in summary
    assert "Quarantine and medical observation in Wuhan (more articles than expected)" in summary
    table = tables.comparison_tests(comparison, "en", analysis.codebook).data
    assert list(table.columns) == ["Measure", "Test", "Chi-square", "df", "p", "p adjusted (BH)", "Cramér's V"]
    assert len(table) == 3
    chart = charts.comparison_residuals(comparison, "en", analysis.codebook)
    assert chart.figure.axes[0].get_title().startswith("Adjusted standardized residuals")
    zh = prose.comparison_summary(comparison, "zh", analysis.codebook)
    assert "Benjamini–Hochberg" in zh and "调整标准化残差" in zh


def test_a_comparison_of_one_city_or_none_says_there_is_nothing_to_compare():
    analysis = analyse()
    one = prose.comparison_summary(analysis.compare_cities(["武汉"]), "en", analysis.codebook)
    assert one == ("These figures describe the articles; they are not a test: there is only one city "
                   "(1 article from Wuhan), so there is nothing to compare.")
    none = prose.comparison_summary(analysis.compare_cities(["全国"]), "zh", analysis.codebook)
    assert none == "以上数字只描述这些文章，不是统计检验：没有可以比较的城市。全国性评论（1 篇文章）不描述某个城市，不参加比较。"


def _outputs(notebook: dict) -> str:
    """Every text, Markdown and HTML output and image alt text of an executed notebook, as one string."""
    parts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts += ["".join(data.get(kind, "")) for kind in ("text/markdown", "text/html")]
            parts.append(str(output.get("metadata", {}).get("image/png", {}).get("alt", "")))
    return "\n".join(parts)


@pytest.mark.slow
def test_the_comparison_notebook_runs_its_tests_on_the_synthetic_corpus(synthetic, tmp_path, monkeypatch,
                                                                       isolated_cache):
    import papermill

    folder, _, _ = synthetic
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))  # the kernel imports the helpers under test
    target = tmp_path / "03.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / "03_measures_comparison.ipynb"), str(target),
                               parameters={"seeds_dir": str(folder), "lang": "en"}, kernel_name="python3",
                               cwd=str(ROOT / "notebooks"), progress_bar=False)
    shown = _outputs(json.loads(target.read_text(encoding="utf-8")))
    assert shown.count("Tested with the article as the unit") == 2  # cities, then years
    assert shown.count("p adjusted (BH)") == 2 and shown.count("Cramér") >= 2
    assert shown.count("Adjusted standardized residuals") >= 2
    assert "not a test" not in shown


# --------------------------------------------------------------------------- the committed seeds


def _text(page: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for quote in soup.select("ol li, td"):  # quotes from the articles and table cells are not claims
        quote.decompose()
    alts = " ".join(img.get("alt", "") for img in soup.find_all("img"))
    return " ".join((soup.get_text(" ") + " " + alts).split())


# Sections about vocabulary (keyness) belong to the vocabulary part of issue 15, reworded there.
_VOCABULARY = ("Characteristic vocabulary", "Word clouds", "Frequent and distinctive terms", "特征词", "词云",
               "高频词与特色词")
_CLAIMS = re.compile(r"\bp\s*[=<>]\s*\d|p-value|p 值|stands? out|highest|significan|standardi[sz]ed residual"
                     r"|最高|突出|与众不同|显著|卡方值")


def _without_vocabulary(page: str) -> str:
    """The page without its sections on vocabulary (from their heading to the next one)."""
    sections = re.split(r"(?=<h2[ >])", page)
    heading = re.compile(r"<h2[^>]*>([^<]*)")
    return "".join(s for s in sections
                   if not (heading.match(s) and heading.match(s).group(1).strip() in _VOCABULARY))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_seed_report_prints_a_p_value_or_a_claim_the_sample_cannot_carry(built_reports, lang):
    pages = sorted((built_reports.reports / lang).glob("*.html"))
    assert len(pages) >= 4
    for path in pages:
        text = _text(_without_vocabulary(path.read_text(encoding="utf-8")))
        assert not _CLAIMS.search(text), (path.name, _CLAIMS.search(text).group(0))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_seed_comparison_says_it_is_descriptive_why_and_what_it_would_need(built_reports, lang):
    text = _text((built_reports.reports / lang / "03_measures_comparison.html").read_text(encoding="utf-8"))
    if lang == "en":
        assert text.count("These figures describe the articles; they are not a test.") == 2  # cities, years
        assert ("With 1 article from Wuhan, 1 article from Baicheng, 1 article from Beijing and 1 article from "
                "Xiaogan, a difference between cities cannot be told apart") in text
        assert "each city would need at least 5 articles" in text and "each year would need at least 5" in text
        assert "With 2 articles from 2020 and 2 articles from 2022" in text
    else:
        assert text.count("以上数字只描述这些文章，不是统计检验。") == 2
        assert "目前武汉 1 篇文章、白城 1 篇文章、北京 1 篇文章和孝感 1 篇文章" in text
        assert "每个城市至少要有 5 篇文章才会检验" in text and "每个年份至少要有 5 篇文章才会检验" in text
    assert "Tested with" not in text and "以文章为单位检验" not in text


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_seed_group_shows_its_n(built_reports, lang):
    from helpers.corpus import read_corpus

    corpus = read_corpus(built_reports.seeds)
    sentences = corpus.sentences.groupby("id").size()
    comparison = (built_reports.reports / lang / "03_measures_comparison.html").read_text(encoding="utf-8")
    for article in corpus.articles.itertuples():
        n = f"1 篇文章 · {sentences[article.id]} 句" if lang == "zh" else f"1 article · {sentences[article.id]} sentences"
        name = article.city if lang == "zh" else article.city_en
        assert re.search(f"{name}<br/?><small>{n}</small>", comparison), name  # the appendix's column headers
        slug = re.sub(r"[^a-z0-9]+", "-", article.city_en.lower()).strip("-")
        profile = (built_reports.reports / lang / f"02_city_profile-{slug}.html").read_text(encoding="utf-8")
        header = ("描述该措施的文章（1 篇文章）", f"编码到该措施的句子（{sentences[article.id]} 句）") if lang == "zh" \
            else ("Articles describing it (1 article)", f"Sentences coded with it ({sentences[article.id]} sentences)")
        assert all(h in profile for h in header), article.city


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_seed_group_resting_on_a_commentary_says_so_under_the_comparison(built_reports, lang):
    from helpers.corpus import read_corpus
    from helpers.report.genre import genre_notes

    articles = read_corpus(built_reports.seeds).articles
    notes = genre_notes(articles[articles["duplicate_of"].isna()], lang)
    assert notes, "the seeds hold a commentary-only group (Wuhan); this test would check nothing without one"
    text = _text((built_reports.reports / lang / "03_measures_comparison.html").read_text(encoding="utf-8"))
    for note in notes.values():
        assert note in text
