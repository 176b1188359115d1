"""Fault injection, the build's half: no bad seed, notebook, kernel or file blocks the rest, loses work or goes stale.

Each test provokes one fault seen in the wild (a kernel slow to start on a
busy machine, a build killed half-way, a damaged cache, a full disk, a 3 GB
file in ``seeds/``, two builds on one reports folder) and checks what a user
would: the reports that could be built are, the message is one line naming
the file and the reason, and the next build puts everything right.  The
orchestration runs on fixture notebooks with the in-process executor
(tests/fakes.py); kernels and whole builds only where they are the point.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import pytest

from conftest import ROOT
from fakes import CORPUS, InProcessExecutor, build_project, fixture_notebook, make_project
from helpers import cli
from helpers.errors import DamagedFileWarning, HelpersError
from helpers.publish import build as build_mod
from helpers.publish import execution, files, keys, webfont

OVERVIEW = "zh/01_corpus_overview.html"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    return make_project(tmp_path, monkeypatch)


def _page(project: Path, relpath: str = OVERVIEW) -> str:
    return (project / "reports" / relpath).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- a build killed half-way


class _Interrupted(InProcessExecutor):
    """Runs ``runs_before`` notebooks, then is interrupted as by Ctrl-C."""

    def __init__(self, runs_before: int) -> None:
        super().__init__()
        self.runs_before = runs_before

    def execute(self, source: Path, target: Path, parameters: dict[str, object]) -> None:
        if len(self.runs) >= self.runs_before:
            raise KeyboardInterrupt
        super().execute(source, target, parameters)


def test_a_page_written_by_an_interrupted_build_is_rebuilt_when_its_inputs_change_back(project, monkeypatch):
    """Build, add a seed, interrupt a build after its first page, remove the seed: that page is not trusted."""
    fixture_notebook(project / "notebooks" / "01_corpus_overview.ipynb",
                     "import os\nprint('articles:', sorted(os.listdir(seeds_dir)))")
    # A new Wuhan article changes Wuhan's articles too: the overview and Wuhan's profile are rebuilt.
    grown = dataclasses.replace(CORPUS, city_keys={**CORPUS.city_keys, "武汉": "wuhan-articles-v2"})
    monkeypatch.setattr(build_mod, "summarise_corpus",
                        lambda seeds_dir: grown if (seeds_dir / "a9.txt").exists() else CORPUS)
    build_project(project, langs=("zh",))
    before = _page(project)
    assert "a1.txt" in before and "a9.txt" not in before

    (project / "seeds" / "a9.txt").write_text("武汉又一篇", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build_project(project, langs=("zh",), executor=_Interrupted(runs_before=1))
    assert "a9.txt" in _page(project)  # the interrupted build wrote the overview

    (project / "seeds" / "a9.txt").unlink()  # the inputs are those of the first build again
    summary, lines = build_project(project, langs=("zh",))
    assert summary.built == [OVERVIEW], lines
    assert "a9.txt" not in _page(project)
    assert _page(project) == before
    again, lines = build_project(project, langs=("zh",))
    assert again.built == [] and any("nothing to do" in line for line in lines)


def test_a_page_changed_since_the_build_wrote_it_is_rebuilt(project):
    build_project(project, langs=("zh",))
    good = _page(project)
    (project / "reports" / OVERVIEW).write_text(good.replace("overview", "edited by hand"), encoding="utf-8")
    summary, _ = build_project(project, langs=("zh",))
    assert summary.built == [OVERVIEW] and _page(project) == good


# --------------------------------------------------------------------------- the last good page


def test_a_failure_in_a_fresh_clone_keeps_the_committed_page_under_the_box(project):
    """A clone has the committed reports but no build/: a failing notebook must not blank its report."""
    build_project(project, langs=("zh",))
    committed = _page(project)
    shutil.rmtree(project / "build")  # what a fresh clone has: reports/ only
    fixture_notebook(project / "notebooks" / "01_corpus_overview.ipynb", "raise RuntimeError('broken in the clone')")
    summary, _ = build_project(project, langs=("zh",))
    assert OVERVIEW in dict(summary.failed)
    page = _page(project)
    assert "broken in the clone" in page
    assert "overview zh" in page  # the committed content, kept under the box
    # A second failure keeps the same good content, not the failure page of the first.
    fixture_notebook(project / "notebooks" / "01_corpus_overview.ipynb", "raise RuntimeError('broken again')")
    build_project(project, langs=("zh",))
    page = _page(project)
    assert "broken again" in page and "broken in the clone" not in page and "overview zh" in page
    assert committed.count("<main>") == page.count("<main>") == 1


# --------------------------------------------------------------------------- damaged state and caches


def _damage_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, DamagedFileWarning)]


def _cut_inside_a_character(text: str) -> bytes:
    data = text.encode("utf-8")
    return data[: data.index("武".encode()) + 1]  # one of the three bytes of 武


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_cut_inside_a_character, id="truncated-in-a-character"),
        pytest.param(lambda state: b"[]", id="a-list"),
        pytest.param(lambda state: json.dumps({**json.loads(state), "reports": []}).encode(), id="reports-a-list"),
        pytest.param(lambda state: json.dumps({**json.loads(state), "corpus": {"cities": []}}).encode(),
                     id="corpus-without-articles"),
        pytest.param(lambda state: json.dumps({**json.loads(state), "reports": {"zh/x.html": {"ok": 1}}}).encode(),
                     id="report-without-key"),
    ],
)
def test_damaged_build_state_is_one_warning_and_a_rebuild(project, damage):
    build_project(project, langs=("zh",))
    state = project / "build" / "state.json"
    state.write_bytes(damage(state.read_text(encoding="utf-8")))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summary, _ = build_project(project, langs=("zh",))
    assert _damage_warnings(caught) == [_damage_warnings(caught)[0]]
    assert "state.json: damaged build state" in _damage_warnings(caught)[0]
    assert sorted(summary.built) == ["zh/01_corpus_overview.html", "zh/02_city_profile-wuhan.html"]
    again, _ = build_project(project, langs=("zh",))  # and the state is whole again
    assert again.built == []


def test_damaged_corpus_and_token_caches_are_rebuilt_with_one_warning_each(tmp_path, monkeypatch):
    from helpers.corpus import read_corpus
    from helpers.text.segment import corpus_tokens

    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("000_df89324ac0933c04.txt", "003_4e5496108993cbe1.txt"):
        shutil.copyfile(ROOT / "seeds" / name, seeds / name)
    corpus = read_corpus(seeds)
    tokens = corpus_tokens(corpus.articles)
    articles_cache = sorted((tmp_path / "cache" / "corpus").glob("*.json"))
    tokens_cache = sorted((tmp_path / "cache" / "tokens").glob("*.json"))
    assert len(articles_cache) == len(tokens_cache) == 2
    whole = articles_cache[0].read_bytes()
    articles_cache[0].write_bytes(whole[: whole.index("社".encode()) + 1])  # cut inside a character
    articles_cache[1].write_text(json.dumps({"id": "x"}), encoding="utf-8")  # the wrong shape
    tokens_cache[0].write_text("[[1, 2]]", encoding="utf-8")
    tokens_cache[1].write_text(json.dumps([["社区", 0, 10**9]]), encoding="utf-8")  # offsets past the text

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = read_corpus(seeds)
        tokens_again = corpus_tokens(again.articles)
    damaged = _damage_warnings(caught)
    assert len(damaged) == 4 and all("damaged cache file" in line and "\n" not in line for line in damaged)
    assert again.articles.equals(corpus.articles) and tokens_again.equals(tokens)
    with warnings.catch_warnings(record=True) as caught:  # rewritten whole
        warnings.simplefilter("always")
        corpus_tokens(read_corpus(seeds).articles)
    assert _damage_warnings(caught) == []


def test_a_damaged_cache_is_one_warning_line_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copyfile(ROOT / "seeds" / "000_df89324ac0933c04.txt", seeds / "000_df89324ac0933c04.txt")
    assert cli.main(["corpus", "--seeds", str(seeds)]) == 0
    (cached,) = (tmp_path / "cache" / "store").glob("corpus-*.json")  # the store's manifest
    cached.write_bytes(b"\xe6\xad")  # half a character
    capsys.readouterr()
    assert cli.main(["corpus", "--seeds", str(seeds)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warning: ") and cached.name in err[0], err


def test_a_damaged_word_cloud_layout_is_laid_out_again(tmp_path, monkeypatch):
    from helpers.report import wordclouds

    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    weights = {"社区": 1.0, "防控": 0.6, "志愿者": 0.3}
    first = wordclouds._layout(weights, "#1f77b4").layout_
    (cached,) = (tmp_path / "cache" / "wordclouds").glob("*.json")
    stored = json.loads(cached.read_text(encoding="utf-8"))
    stored["layout"][0][2] = "here"  # a position that is not one
    cached.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.warns(DamagedFileWarning, match="damaged cache file"):
        again = wordclouds._layout(weights, "#1f77b4").layout_
    assert again == first


def test_a_truncated_cached_base_font_is_cut_again_with_one_warning(tmp_path, monkeypatch):
    whole = webfont._font_bytes()  # the machine's cached base font (cut once per machine)
    monkeypatch.setenv("HELPERS_FONT_CACHE", str(tmp_path))
    webfont._font_bytes.cache_clear()
    # The real cut takes half a minute; the test checks that it is asked for, not how it cuts.
    monkeypatch.setattr(webfont, "_cut_base_font", lambda source: whole, raising=False)
    page = "<html><head></head><body><p>社区防控</p></body></html>"
    try:
        webfont.embed_font(page)
        (cached,) = tmp_path.glob("base-*.otf")
        cached.write_bytes(whole[: len(whole) // 3])  # as a full disk or an interrupted copy leaves it
        webfont._font_bytes.cache_clear()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            embedded = webfont.embed_font(page)
        assert len(_damage_warnings(caught)) == 1 and "cut short" in _damage_warnings(caught)[0]
        assert webfont.STYLE_ID in embedded
        assert cached.read_bytes() == whole and list(tmp_path.glob(".*.tmp")) == []
    finally:
        webfont._font_bytes.cache_clear()


# --------------------------------------------------------------------------- an unusable reports folder


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str):
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_stops_the_build_with_one_line_and_no_temporary_file(project):
    with _tmpfs(project / "reports", "size=64k"):
        with pytest.raises(HelpersError) as failure:
            build_project(project, langs=("zh",))
        message = str(failure.value)
        assert "\n" not in message and "reports" in message and "No space left on device" in message
        assert "free some space" in message
        assert [p.name for p in (project / "reports").rglob("*.tmp")] == []
    # With room again, the next build builds everything.
    summary, _ = build_project(project, langs=("zh",))
    assert len(summary.built) == 2


def test_a_read_only_reports_folder_is_one_line_and_exit_code_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copyfile(ROOT / "seeds" / "000_df89324ac0933c04.txt", seeds / "000_df89324ac0933c04.txt")
    with _tmpfs(tmp_path / "reports", "size=1m") as out:
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        code = cli.main(["build", "--seeds", str(seeds), "--out", str(out), "--build-dir", str(tmp_path / "build"),
                         "--lang", "zh"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("error: cannot write") and "Read-only file system" in err[0], err


# --------------------------------------------------------------------------- a huge file in seeds/


def test_a_huge_file_in_seeds_is_never_read(project):
    huge = project / "seeds" / "dump.txt"
    with open(huge, "wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB that costs no disk
    tracemalloc.start()
    started = time.perf_counter()
    digest = keys.seeds_digest(project / "seeds")
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 0.5 and peak < 50 * 1024**2, (seconds, peak)
    with open(huge, "r+b") as handle:
        handle.truncate(3 * 1024**3 + 1)
    assert keys.seeds_digest(project / "seeds") != digest  # its size still counts

    build_project(project, langs=("zh",))
    started = time.perf_counter()
    summary, lines = build_project(project, langs=("zh",))
    assert summary.built == [] and any("nothing to do" in line for line in lines)
    assert time.perf_counter() - started < 1.0


# --------------------------------------------------------------------------- two builds, one reports folder


def test_two_builds_with_different_build_folders_cannot_write_the_same_reports(project):
    with files.output_lock(project / "reports"):  # as another build, with its own build folder, holds it
        with pytest.raises(HelpersError, match=r"another build is running on reports/"):
            build_project(project, langs=("zh",), build_dir=project / "other-build")
    assert not (project / "reports").exists()
    summary, _ = build_project(project, langs=("zh",), build_dir=project / "other-build")
    assert len(summary.built) == 2
    assert not any(p.name.endswith(".lock") for p in (project / "reports").rglob("*"))  # nothing extra published


def test_the_build_can_be_imported_where_there_is_no_fcntl(monkeypatch):
    """Windows has no fcntl: importing the build must not need it (the lock comes from filelock there)."""
    import importlib

    monkeypatch.setitem(sys.modules, "fcntl", None)  # what importing fcntl on Windows amounts to
    importlib.reload(files)
    try:
        assert callable(files.build_lock)
    finally:
        monkeypatch.undo()
        importlib.reload(files)


@pytest.mark.parametrize("implementation", ["filelock", "flock"])
def test_the_lock_refuses_a_second_holder_on_each_implementation(tmp_path, monkeypatch, implementation):
    if implementation == "filelock":
        pytest.importorskip("filelock")
    else:
        if os.name == "nt":
            pytest.skip("flock is the POSIX fallback")
        monkeypatch.setattr(files, "_FilelockLock", files._FlockLock)
    with files.build_lock(tmp_path):
        with pytest.raises(HelpersError, match="another build is running"):
            with files.build_lock(tmp_path):
                pass
    with files.build_lock(tmp_path):  # released
        pass


# --------------------------------------------------------------------------- kernels


def _kernelspec(root: Path, name: str, argv: list[str]) -> None:
    folder = root / "kernels" / name
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": name, "language": "python"}),
                                        encoding="utf-8")


@pytest.fixture()
def kernels_path(tmp_path, monkeypatch):
    """A JUPYTER_PATH of throwaway kernelspecs; kernels import this checkout's helpers."""
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))
    return tmp_path / "jupyter"


@pytest.mark.slow
def test_a_kernel_slow_to_start_is_waited_for(tmp_path, kernels_path):
    """As on a loaded machine: the kernel's process is alive but answers nothing for a few seconds."""
    _kernelspec(kernels_path, "slow-python", [
        "/bin/sh", "-c", 'sleep 4; exec "$0" -m ipykernel_launcher -f "$1"', sys.executable, "{connection_file}",
    ])
    fixture_notebook(tmp_path / "probe.ipynb", "print('ran in', lang)")
    executor = execution.WarmKernelExecutor(kernel_name="slow-python", timeout=60)
    try:
        executor.execute(tmp_path / "probe.ipynb", tmp_path / "out" / "probe.ipynb", {"lang": "zh"})
    finally:
        execution.shutdown_warm_kernels()
    assert "ran in zh" in (tmp_path / "out" / "probe.ipynb").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_kernel_that_dies_at_start_is_replaced_once_and_reported_with_its_log(tmp_path, kernels_path):
    starts = tmp_path / "starts"
    _kernelspec(kernels_path, "dead-python", [
        "/bin/sh", "-c", 'echo start >> "$0"; echo "ImportError: no ipykernel here (test kernel)" >&2; exit 3',
        str(starts), "{connection_file}",
    ])
    fixture_notebook(tmp_path / "probe.ipynb", "print('never')")
    executor = execution.WarmKernelExecutor(kernel_name="dead-python", timeout=60)
    with pytest.raises(RuntimeError) as failure:
        executor.execute(tmp_path / "probe.ipynb", tmp_path / "out" / "probe.ipynb", {"lang": "zh"})
    line = execution.one_line(failure.value)
    assert starts.read_text().count("start") == 2  # replaced once, then reported
    assert "exited with code 3" in line and "ImportError: no ipykernel here (test kernel)" in line
    assert f"out/kernel-{os.getpid()}.log" in line
    assert execution._WARM_KERNELS == {} and execution._KERNEL_PIDS == set()


class _KernelWillNotStart(InProcessExecutor):
    def execute(self, source: Path, target: Path, parameters: dict[str, object]) -> None:
        raise execution.KernelStartError("kernel python3 did not start (exited with code 1); kernel-1.log ends: oom")


def test_a_report_whose_kernel_would_not_start_is_tried_again_by_the_next_build(project):
    """A kernel that would not start is the machine's failure, not the notebook's: it is not remembered as one."""
    first, _ = build_project(project, langs=("zh",), executor=_KernelWillNotStart())
    assert "did not start" in dict(first.failed)[OVERVIEW]
    second, _ = build_project(project, langs=("zh",))
    assert sorted(second.built) == ["zh/01_corpus_overview.html", "zh/02_city_profile-wuhan.html"]


# --------------------------------------------------------------------------- kill -9 of a whole build


def _cli_build(base: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "helpers", "build", "--seeds", str(base / "seeds"), "--out", str(base / "reports"),
         "--build-dir", str(base / "build"), "--lang", "zh", "--jobs", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def _still_running(processes: list, seconds: float) -> list:
    """Those of ``processes`` still running after ``seconds`` (a zombie waiting for init to reap it is not)."""
    import psutil

    def running(process) -> bool:
        try:
            return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + seconds
    while (alive := [p for p in processes if running(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


@pytest.mark.slow
def test_a_build_killed_with_sigkill_leaves_no_process_behind_and_no_stale_page(tmp_path, isolated_cache):
    """kill -9 of the build after its first page: workers and kernels go with it; the next build is right."""
    import psutil

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HELPERS_CACHE_DIR": str(isolated_cache)}
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("000_df89324ac0933c04", "003_4e5496108993cbe1"):  # Wuhan and Beijing
        shutil.copyfile(ROOT / "seeds" / f"{name}.txt", seeds / f"{name}.txt")
    first = _cli_build(tmp_path, env)
    assert first.wait(timeout=300) == 0, first.stdout.read()
    overview = tmp_path / "reports" / OVERVIEW
    before = overview.read_bytes()

    added = "001_53418134698a61dc"  # Baicheng
    shutil.copyfile(ROOT / "seeds" / f"{added}.txt", seeds / f"{added}.txt")
    build = _cli_build(tmp_path, env)
    survivors: list = []
    try:
        deadline = time.monotonic() + 300
        while overview.read_bytes() == before:  # until the build has written its first page
            assert build.poll() is None and time.monotonic() < deadline, "the build ended before it was killed"
            time.sleep(0.1)
        descendants = psutil.Process(build.pid).children(recursive=True)
        assert descendants, "a build with work to do runs workers"
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=10)
        survivors = _still_running(descendants, seconds=10)
        assert [(p.pid, p.name()) for p in survivors] == [], "workers or kernels outlived the killed build"
    finally:
        for process in survivors:
            with contextlib.suppress(psutil.Error):
                process.kill()

    (seeds / f"{added}.txt").unlink()  # back to the first build's inputs
    last = _cli_build(tmp_path, env)
    output = last.communicate(timeout=300)[0]
    assert last.returncode == 0, output
    assert overview.read_bytes() == before, output  # not the killed build's page listing the removed article
    assert added not in (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert list(tmp_path.rglob(".*.tmp")) == []


@pytest.mark.slow
def test_kernels_import_the_helpers_the_build_runs_whatever_the_pythonpath(tmp_path, monkeypatch):
    """A relative PYTHONPATH (or another installed copy) must not give the kernels other code than the keys saw."""
    from helpers import paths
    from helpers.publish.plan import NotebookSpec, ReportSpec

    decoy = tmp_path / "decoy"
    (decoy / "helpers").mkdir(parents=True)
    (decoy / "helpers" / "__init__.py").write_text("DECOY = True\n", encoding="utf-8")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    fixture_notebook(notebooks / "01_corpus_overview.ipynb", "import helpers\nprint('HELPERS', helpers.__file__)")
    monkeypatch.setenv("PYTHONPATH", str(decoy))
    spec = ReportSpec(NotebookSpec("01_corpus_overview"), "en", (("lang", "en"),))
    [(result, _)] = list(execution.execute_all(execution.WarmKernelExecutor(timeout=120), [(spec, "key")],
                                               notebooks, tmp_path / "executed", tmp_path, jobs=1))
    assert result.ok, result.error
    executed = (tmp_path / "executed" / "en" / "01_corpus_overview.ipynb").read_text(encoding="utf-8")
    assert f"HELPERS {paths.PACKAGE_DIR / '__init__.py'}" in executed


def test_every_entry_of_the_seeds_folder_counts_in_its_digest_and_an_unreadable_file_stops_nothing(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("武汉社区", encoding="utf-8")
    first = keys.seeds_digest(seeds)
    (seeds / "old").mkdir()  # the corpus lists a subfolder as skipped: the overview must be rebuilt
    with_folder = keys.seeds_digest(seeds)
    (seeds / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with_link = keys.seeds_digest(seeds)
    assert len({first, with_folder, with_link}) == 3

    real_open = open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(keys, "open", refuse, raising=False)
    unreadable = keys.seeds_digest(seeds)  # no traceback: the corpus skips the file with its reason
    assert unreadable != with_link


@pytest.mark.slow
def test_a_build_beside_four_cpu_bound_processes_starts_its_kernels_and_finishes(project):
    """Kernels that start slowly on a busy machine are waited for, not declared dead."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(4)]
    try:
        summary, _ = build_project(project, executor=execution.WarmKernelExecutor(timeout=300))
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    # Only the notebook that fails by design fails; every kernel came up.
    assert sorted(name for name, _ in summary.failed) == ["en/02_city_profile-badtown.html",
                                                           "zh/02_city_profile-badtown.html"]
    assert all("city notebook broke" in error for _, error in summary.failed)
    assert len(summary.built) == 4
