"""The build machinery on tiny fixture notebooks: incremental, isolated failures, atomic, locked.

These tests replace the corpus summary with a fixed one and run the fixture
notebooks (plain ``print``/``raise`` cells) with an in-process executor
(tests/fakes.py), so they exercise the build itself (keys, state, nbconvert
export, failure boxes, index) in a second; warm kernels are tested here on
their own, and the real notebooks on the real seeds in tests/test_reports.py.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import nbformat
import pytest

from fakes import CORPUS, build_project, fixture_notebook, make_project
from helpers.errors import HelpersError
from helpers.langs import parse_langs
from helpers.publish import build as build_mod
from helpers.publish import execution
from helpers.publish.files import build_lock, write_atomic
from helpers.publish.plan import city_keys, city_slug

_notebook = fixture_notebook


@pytest.fixture()
def project(tmp_path, monkeypatch):
    return make_project(tmp_path, monkeypatch)


def _build(project: Path, **kwargs):
    return build_project(project, **kwargs)


def test_failing_notebook_is_isolated_and_rebuilds_are_incremental(project):
    summary, lines = _build(project)
    # One broken city notebook fails in both languages; every other report is built.
    assert sorted(name for name, _ in summary.failed) == [
        "en/02_city_profile-badtown.html",
        "zh/02_city_profile-badtown.html",
    ]
    assert "ValueError: city notebook broke" in summary.failed[0][1]
    assert len(summary.built) == 4
    assert any("FAILED zh/02_city_profile-badtown.html at execute" in line for line in lines)

    reports = project / "reports"
    good = (reports / "zh" / "02_city_profile-wuhan.html").read_text(encoding="utf-8")
    assert "secret_code_marker 武汉" in good  # the output is there ...
    assert "SECRET_CODE_MARKER" not in good  # ... the code is not
    assert "中文小节" in good and "English section" not in good
    english = (reports / "en" / "02_city_profile-wuhan.html").read_text(encoding="utf-8")
    assert "English section" in english and "中文小节" not in english

    broken = (reports / "zh" / "02_city_profile-badtown.html").read_text(encoding="utf-8")
    assert "report-failure" in broken and "city notebook broke" in broken
    assert "build/executed/zh/02_city_profile-badtown.ipynb" in broken
    assert (project / "build" / "executed" / "zh" / "02_city_profile-badtown.ipynb").exists()

    index = (reports / "index.html").read_text(encoding="utf-8")
    for relpath in ("zh/01_corpus_overview.html", "en/02_city_profile-wuhan.html"):
        assert f'href="{relpath}"' in index
    assert "&lt;b&gt;标题&lt;/b&gt;" in index and "<b>标题</b>" not in index
    assert "empty.txt" in index and "empty file" in index

    # Nothing changed: no work, and the failure is still reported.
    again, lines = _build(project)
    assert again.built == [] and len(again.unchanged) == 4 and len(again.failed) == 2
    assert any("nothing to do" in line for line in lines)

    # Changing one notebook rebuilds only its reports.
    path = project / "notebooks" / "01_corpus_overview.ipynb"
    _notebook(path, "print('overview v2', lang)")
    third, _ = _build(project)
    assert sorted(third.built) == ["en/01_corpus_overview.html", "zh/01_corpus_overview.html"]


def test_a_failure_keeps_the_last_good_page_under_a_failure_box(project):
    summary, _ = _build(project, langs=("zh",))
    target = project / "reports" / "zh" / "02_city_profile-wuhan.html"
    assert "zh/02_city_profile-wuhan.html" in summary.built
    first = target.read_text(encoding="utf-8")

    _notebook(project / "notebooks" / "02_city_profile.ipynb", "raise RuntimeError('now everything breaks')")
    second, _ = _build(project, langs=("zh",))
    assert "zh/02_city_profile-wuhan.html" in dict(second.failed)
    page = target.read_text(encoding="utf-8")
    assert "now everything breaks" in page
    assert "secret_code_marker 武汉" in page  # last good content kept
    start = page.index('<div class="report-failure"')
    box = page[start:page.index("</div>", start) + 6]
    # The same page under the box; only the embedded font subset grows with the box's text.
    assert _without_font(page.replace(box, "")) == _without_font(first)


def test_changed_helpers_source_rebuilds_everything_and_a_changed_seed_the_corpus_wide_reports(
    project, monkeypatch
):
    first, _ = _build(project, langs=("en",))
    assert len(first.built) == 2
    monkeypatch.setattr(build_mod, "source_digest", lambda: "helpers-source-v2")
    second, _ = _build(project, langs=("en",))
    assert len(second.built) == 2
    # The fixed corpus summary keeps Wuhan's digest: the profile follows its city's
    # articles (next test), the overview every seed.
    (project / "seeds" / "a1.txt").write_text("武汉社区，改过", encoding="utf-8")
    third, _ = _build(project, langs=("en",))
    assert third.built == ["en/01_corpus_overview.html"]


def test_a_change_in_one_citys_articles_rebuilds_its_profile_and_the_corpus_wide_reports_only(
    project, monkeypatch
):
    first, _ = _build(project, langs=("en",))
    assert sorted(first.built) == ["en/01_corpus_overview.html", "en/02_city_profile-wuhan.html"]
    # A new Wuhan article: the seeds change and so does Wuhan's digest; Badtown's does not.
    (project / "seeds" / "a3.txt").write_text("武汉又一篇", encoding="utf-8")
    changed = dataclasses.replace(CORPUS, city_keys={**CORPUS.city_keys, "武汉": "wuhan-articles-v2"})
    monkeypatch.setattr(build_mod, "summarise_corpus", lambda seeds_dir: changed)
    second, _ = _build(project, langs=("en",))
    assert sorted(second.built) == ["en/01_corpus_overview.html", "en/02_city_profile-wuhan.html"], second
    assert [name for name, _ in second.failed] == ["en/02_city_profile-badtown.html"]
    # Only Badtown's articles change: Wuhan's profile is left alone.
    (project / "seeds" / "a4.txt").write_text("坏城一篇", encoding="utf-8")
    third_corpus = dataclasses.replace(changed, city_keys={**changed.city_keys, "坏城": "badtown-articles-v2"})
    monkeypatch.setattr(build_mod, "summarise_corpus", lambda seeds_dir: third_corpus)
    third, _ = _build(project, langs=("en",))
    assert sorted(third.built) == ["en/01_corpus_overview.html"]
    assert third.unchanged == ["en/02_city_profile-wuhan.html"]
    assert [name for name, _ in third.failed] == ["en/02_city_profile-badtown.html"]


def test_a_build_with_work_to_do_keeps_only_its_own_kernel_logs(project):
    _build(project, langs=("en",))
    old = project / "build" / "executed" / "en" / "kernel-12345.log"
    old.write_text("a kernel of an earlier build", encoding="utf-8")
    nothing, _ = _build(project, langs=("en",))
    assert nothing.built == [] and old.exists()  # a no-op build touches nothing
    (project / "seeds" / "a1.txt").write_text("武汉社区，又改", encoding="utf-8")
    again, _ = _build(project, langs=("en",))
    assert again.built == ["en/01_corpus_overview.html"] and not old.exists()


def test_city_keys_follow_each_citys_articles_and_nothing_else():
    import pandas as pd

    articles = pd.DataFrame(
        [
            {"id": "a1", "city": "武汉", "text": "武汉社区", "published": "2020-04-10", "duplicate_of": None},
            {"id": "a2", "city": "北京", "text": "北京社区", "published": None, "duplicate_of": None},
        ]
    )
    keys = city_keys(articles)
    assert set(keys) == {"武汉", "北京"}
    grown = pd.concat([articles, pd.DataFrame([{"id": "a3", "city": "长沙", "text": "长沙社区",
                                                "published": None, "duplicate_of": None}])])
    assert {k: v for k, v in city_keys(grown).items() if k != "长沙"} == keys
    redated = articles.assign(published=["2020-04-11", None])
    assert city_keys(redated)["武汉"] != keys["武汉"]
    assert city_keys(redated)["北京"] == keys["北京"]
    flagged = articles.assign(duplicate_of=["x", None])
    assert city_keys(flagged)["武汉"] != keys["武汉"]
    assert city_keys(articles.iloc[::-1]) == keys  # order of rows does not matter


def _stdout(executed: Path) -> str:
    notebook = nbformat.read(str(executed), as_version=4)
    return "".join(out.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for out in cell.get("outputs", []) if out.get("name") == "stdout")


@pytest.mark.slow
def test_a_warm_kernel_gives_each_notebook_a_fresh_start(tmp_path):
    """Notebooks share a kernel for speed; what one leaves behind must not reach the next."""
    from papermill.exceptions import PapermillExecutionError

    _notebook(tmp_path / "dirty.ipynb",
              "import matplotlib\nmatplotlib.rcParams['lines.linewidth'] = 9\nleaked = 42\n"
              "import matplotlib.pyplot as plt\nfigure = plt.figure()")
    _notebook(tmp_path / "probe.ipynb",
              "import matplotlib, os\nimport matplotlib.pyplot as plt\n"
              "print(matplotlib.rcParams['lines.linewidth'], 'leaked' in globals(), plt.get_fignums())\n"
              "print('pid', os.getpid())")
    _notebook(tmp_path / "broken.ipynb", "raise ValueError('broken')")
    _notebook(tmp_path / "crash.ipynb", "import os\nos._exit(3)")
    executor = execution.WarmKernelExecutor(timeout=120)
    out = tmp_path / "out"

    def run(name: str, target: str) -> str:
        executor.execute(tmp_path / f"{name}.ipynb", out / f"{target}.ipynb", {"lang": "zh"})
        return _stdout(out / f"{target}.ipynb")

    try:
        fresh = run("probe", "fresh")
        run("dirty", "dirty")
        after_dirty = run("probe", "after-dirty")
        with pytest.raises(PapermillExecutionError):
            run("broken", "broken")
        after_error = run("probe", "after-error")
        with pytest.raises(Exception):  # noqa: B017 - whatever the kernel's death raises, the next run is fresh
            run("crash", "crash")
        after_crash = run("probe", "after-crash")
    finally:
        execution.shutdown_warm_kernels()

    state = lambda text: text.splitlines()[0]  # noqa: E731
    pid = lambda text: text.splitlines()[1]  # noqa: E731
    assert state(fresh) == "1.5 False []"  # matplotlib's default line width, nothing leaked
    assert state(after_dirty) == state(fresh) and state(after_error) == state(fresh)
    assert pid(after_dirty) == pid(fresh) == pid(after_error)  # the same kernel, kept warm
    assert state(after_crash) == state(fresh) and pid(after_crash) != pid(fresh)  # a new kernel
    assert execution._WARM_KERNELS == {}


def _without_font(page: str) -> str:
    return re.sub(r'<style id="report-cjk-font">.*?</style>', "", page, flags=re.S)


def test_unknown_language_lists_valid_values():
    with pytest.raises(HelpersError, match="zh, en, all"):
        parse_langs("fr")


def test_a_second_build_on_the_same_folder_is_refused_clearly(tmp_path):
    with build_lock(tmp_path):
        with pytest.raises(HelpersError, match="another build is running"):
            with build_lock(tmp_path):
                pass


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "x" / "page.html"
    write_atomic(target, "一")
    write_atomic(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_city_slugs_are_ascii_and_stable():
    assert city_slug("武汉", "Wuhan") == "wuhan"
    assert city_slug("全国", "National") == "national"
    unknown = city_slug("某市", "某市")
    assert unknown.startswith("city-") and unknown.isascii()
    assert unknown == city_slug("某市", None)
