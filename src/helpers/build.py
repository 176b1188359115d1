"""Build the HTML reports: plan, execute notebooks, export, index.

The build is content-keyed: every report has a key made of the digests of
what it depends on (notebook, parameters, language, ``helpers`` source, data
files, seeds and manual metadata, pinned versions).  A city profile reads its
own city's articles only, so its key holds the digest of those articles
instead of all the seeds: a new article from elsewhere leaves it alone.  A
report whose key is unchanged and whose HTML exists is not rebuilt.
Notebooks run in parallel, one worker process per core, each running
papermill into a kernel it keeps warm from one notebook to the next (reset in
between); HTML export happens in this process with one exporter.  One
failing notebook never stops the others, and never replaces the last good
HTML of its report.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import fcntl
import hashlib
import html
import json
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.errors import HelpersError
from helpers.webfont import embed_font

LANGS = ("zh", "en")

# Bump when the way reports are produced changes in a way the digests do not see.
BUILD_FORMAT = "1"


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of the report set and how it is parameterised."""

    stem: str
    title: dict[str, str]
    per_city: bool = False


NOTEBOOKS: tuple[NotebookSpec, ...] = (
    NotebookSpec("01_corpus_overview", {"zh": "语料概览", "en": "Corpus overview"}),
    NotebookSpec("02_city_profile", {"zh": "城市概况", "en": "City profile"}, per_city=True),
    NotebookSpec("03_measures_comparison", {"zh": "防控措施比较", "en": "Measures compared"}),
    NotebookSpec("04_timeline", {"zh": "时间线", "en": "Timeline"}),
)


@dataclass(frozen=True)
class ReportSpec:
    """One report to build: a notebook run with one parameter set in one language."""

    notebook: NotebookSpec
    lang: str
    params: tuple[tuple[str, str], ...] = ()
    city: str | None = None
    city_en: str | None = None

    @property
    def slug(self) -> str:
        """File name stem, ASCII and stable (``02_city_profile-wuhan``)."""
        if self.city is None:
            return self.notebook.stem
        return f"{self.notebook.stem}-{city_slug(self.city, self.city_en)}"

    @property
    def relpath(self) -> str:
        """Path of the HTML report relative to the reports folder."""
        return f"{self.lang}/{self.slug}.html"

    @property
    def title(self) -> str:
        base = self.notebook.title[self.lang]
        if self.city is None:
            return base
        name = self.city if self.lang == "zh" else (self.city_en or self.city)
        return f"{base}: {name}" if self.lang == "en" else f"{base}：{name}"


def city_slug(city: str, city_en: str | None) -> str:
    """ASCII slug from the English name; a short content hash when there is none."""
    slug = re.sub(r"[^a-z0-9]+", "-", (city_en or "").lower()).strip("-")
    if slug:
        return slug
    return "city-" + hashlib.sha1(city.encode("utf-8")).hexdigest()[:8]


# --------------------------------------------------------------------------- digests


def _digest_files(files: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def source_digest() -> str:
    """Digest of the ``helpers`` package: code, templates and data files."""
    package = paths.PACKAGE_DIR
    files = [
        p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc"}
    ]
    return _digest_files(files, package)


def seeds_digest(seeds_dir: Path) -> str:
    """Digest of every file in the seeds folder (articles and manual metadata)."""
    files = [p for p in seeds_dir.iterdir() if p.is_file() and not p.name.startswith(".")]
    return _digest_files(files, seeds_dir)


def environment_digest() -> str:
    lock = paths.project_root() / "requirements.lock"
    return hashlib.sha256(lock.read_bytes()).hexdigest() if lock.exists() else "no-lock"


def report_key(
    spec: ReportSpec, notebook_path: Path, shared: dict[str, str], city_key: str | None = None
) -> str:
    """The content key of one report.

    ``shared`` holds the digests every report depends on (``seeds``,
    ``source``, ``environment``).  A per-city report reads its city's
    articles only, so ``city_key`` (:func:`city_keys`) stands in for the
    digest of all the seeds.
    """
    digest = hashlib.sha256()
    parts = {
        "format": BUILD_FORMAT,
        "notebook": hashlib.sha256(notebook_path.read_bytes()).hexdigest(),
        "lang": spec.lang,
        "params": dict(spec.params),
        **shared,
    }
    if spec.notebook.per_city:
        if city_key is None:
            raise HelpersError(f"no digest for the articles of {spec.city!r}; rebuild with --force")
        parts["seeds"] = city_key
    digest.update(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


# --------------------------------------------------------------------------- plan


@dataclass
class CorpusSummary:
    """What the plan and the index need to know about the corpus.

    Cached in the build state with the digests of the seeds, the ``helpers``
    source and the environment: a changed gazetteer can move an article to
    another city even when no seed changed.
    """

    cities: list[tuple[str, str]]  # (city, city_en), in report order
    articles: list[dict[str, object]]  # id, city, city_en, published, title
    skipped: list[dict[str, str]]  # file, reason
    city_keys: dict[str, str] = field(default_factory=dict)  # city -> digest of its articles

    def to_json(self) -> dict[str, object]:
        return {"cities": self.cities, "articles": self.articles, "skipped": self.skipped,
                "city_keys": self.city_keys}

    @classmethod
    def from_json(cls, data: dict) -> CorpusSummary:
        return cls(
            cities=[tuple(c) for c in data["cities"]],
            articles=list(data["articles"]),
            skipped=list(data["skipped"]),
            city_keys=dict(data.get("city_keys", {})),
        )


def city_keys(articles) -> dict[str, str]:
    """City → digest of everything a city profile reads: its articles as processed.

    The rows hold each article's cleaned text, original text, metadata
    (dates, titles, sources) and duplicate flag, so a changed seed, a changed
    manual date or a new duplicate of one of the city's articles all change
    the digest, and an article from another city does not.
    """
    keys = {}
    for city, rows in articles.groupby("city", sort=True):
        rows = rows.sort_values("id", kind="mergesort").reset_index(drop=True)
        payload = rows.to_json(orient="records", force_ascii=False, date_format="iso")
        keys[str(city)] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return keys


def summarise_corpus(seeds_dir: Path) -> CorpusSummary:
    """Read the corpus once to learn its cities, articles and skipped files."""
    from helpers.corpus import read_corpus  # heavy: pandas, OpenCC
    from helpers.tables import display_title

    corpus = read_corpus(seeds_dir)
    articles = corpus.articles
    rows = [
        {
            "id": str(r.id),
            "city": str(r.city),
            "city_en": str(r.city_en),
            "published": r.published if isinstance(r.published, str) else None,
            "title": display_title(r.title, r.text, "zh"),
            "duplicate_of": r.duplicate_of if isinstance(r.duplicate_of, str) else None,
        }
        for r in articles.itertuples()
    ]
    cities: dict[str, str] = {}
    for row in rows:
        # A city whose articles all duplicate another's has nothing of its own to profile.
        if row["duplicate_of"] is None:
            cities.setdefault(row["city"], row["city_en"])
    ordered = sorted(cities.items(), key=lambda item: (item[0] == "全国", item[1], item[0]))
    skipped = [
        {"file": str(r.file), "reason": str(r.reason)} for r in corpus.skipped.itertuples()
    ]
    return CorpusSummary(cities=ordered, articles=rows, skipped=skipped, city_keys=city_keys(articles))


def plan_reports(
    summary: CorpusSummary, langs: Iterable[str], notebooks_dir: Path
) -> list[ReportSpec]:
    """Every report to build: each notebook in each language, city notebooks per city."""
    specs: list[ReportSpec] = []
    for notebook in NOTEBOOKS:
        if not (notebooks_dir / f"{notebook.stem}.ipynb").exists():
            continue
        for lang in langs:
            if notebook.per_city:
                for city, city_en in summary.cities:
                    specs.append(
                        ReportSpec(notebook, lang, (("city", city), ("lang", lang)), city, city_en)
                    )
            else:
                specs.append(ReportSpec(notebook, lang, (("lang", lang),)))
    return specs


def parse_langs(value: str) -> tuple[str, ...]:
    """``zh``, ``en`` or ``all``; anything else is a one-line error listing the valid values."""
    if value == "all":
        return LANGS
    if value in LANGS:
        return (value,)
    raise HelpersError(f"unknown language {value!r}: use one of zh, en, all")


# --------------------------------------------------------------------------- execution


class Executor:
    """Runs one notebook with parameters into an executed notebook file."""

    def execute(self, source: Path, target: Path, parameters: dict[str, object]) -> None:
        raise NotImplementedError


class PapermillExecutor(Executor):
    """Execute with papermill's Python API in the notebooks folder."""

    def __init__(self, kernel_name: str = "python3", timeout: int = 600) -> None:
        self.kernel_name = kernel_name
        self.timeout = timeout

    def execute(self, source: Path, target: Path, parameters: dict[str, object]) -> None:
        self._papermill(source, target, parameters)

    def _papermill(self, source: Path, target: Path, parameters: dict[str, object], **engine) -> None:
        import papermill

        papermill.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name=self.kernel_name,
            language="python",
            cwd=str(source.parent),
            progress_bar=False,
            log_output=False,
            execution_timeout=self.timeout,
            **engine,
        )


class WarmKernelExecutor(PapermillExecutor):
    """Papermill into one kernel per process, kept alive from one notebook to the next.

    Starting a kernel and importing pandas, matplotlib, jieba and ``helpers``
    costs two to three seconds, more than many notebooks' own work.  Before
    each notebook the kernel runs :data:`helpers.kernel_state.RESET_CODE`
    (out of band, not a cell of the notebook), which empties the namespace and
    restores matplotlib's settings, so a report is the same whichever
    notebooks ran before it (tests/test_build.py checks this).  A kernel that
    dies, times out or fails outside a cell is replaced by a fresh one; a
    notebook whose kernel died is run once more in the fresh kernel.
    """

    def execute(self, source: Path, target: Path, parameters: dict[str, object]) -> None:
        from nbclient.exceptions import DeadKernelError
        from papermill.exceptions import PapermillExecutionError

        for attempt in (1, 2):
            try:
                kernel = _warm_kernel(self.kernel_name, source.parent, target.parent)
                kernel.reset()
                # papermill hands engine keywords to its nbclient client: km= runs in our kernel.
                self._papermill(source, target, parameters, km=kernel.manager)
                return
            except PapermillExecutionError:
                raise  # a cell raised: the kernel is fine and is reset before the next notebook
            except (DeadKernelError, RuntimeError) as exc:
                # A kernel that died (rarely at start-up on a loaded machine) gets one
                # fresh replacement; a notebook that kills its kernel fails the second time.
                _drop_warm_kernel(self.kernel_name, source.parent)
                if attempt == 2:
                    raise
                print(f"kernel died ({_one_line(exc)}); retrying in a fresh kernel", file=sys.stderr)
            except BaseException:
                _drop_warm_kernel(self.kernel_name, source.parent)
                raise


class _WarmKernel:
    """A started kernel and the blocking client that resets it."""

    def __init__(self, kernel_name: str, cwd: Path, log_dir: Path) -> None:
        from jupyter_client.blocking import BlockingKernelClient
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.manager = AsyncKernelManager(kernel_name=kernel_name)
        log_dir.mkdir(parents=True, exist_ok=True)
        # The kernel's own stderr (not its cells', which go to the notebook) outlives
        # any one notebook, so it has a log of its own.
        with open(log_dir / f"kernel-{os.getpid()}.log", "a", encoding="utf-8") as log:
            run_sync(self.manager.start_kernel)(cwd=str(cwd), stderr=log)
        self.client = BlockingKernelClient()
        self.client.load_connection_info(self.manager.get_connection_info())
        self.client.start_channels()
        try:
            self.client.wait_for_ready(timeout=60)
        except BaseException:
            self.shutdown()  # not registered yet: nobody else would stop it
            raise

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(run_sync(self.manager.is_alive)())

    def reset(self) -> None:
        from helpers.kernel_state import RESET_CODE

        reply = self.client.execute_interactive(
            RESET_CODE, store_history=False, timeout=120, output_hook=lambda _msg: None
        )
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise RuntimeError(f"kernel reset failed: {content.get('ename')}: {content.get('evalue')}")

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        with contextlib.suppress(Exception):
            self.client.stop_channels()
        with contextlib.suppress(Exception):
            run_sync(self.manager.shutdown_kernel)(now=True)


_WARM_KERNELS: dict[tuple[str, str], _WarmKernel] = {}
_FINALIZER: object | None = None


def _warm_kernel(kernel_name: str, cwd: Path, log_dir: Path) -> _WarmKernel:
    """This process's kernel for ``kernel_name`` in ``cwd``, started on first use."""
    key = (kernel_name, str(cwd))
    kernel = _WARM_KERNELS.get(key)
    if kernel is not None and not kernel.alive():
        _drop_warm_kernel(kernel_name, cwd)
        kernel = None
    if kernel is None:
        global _FINALIZER
        if _FINALIZER is None:
            import multiprocessing.util

            # Pool workers leave through multiprocessing's exit hooks, not atexit.
            _FINALIZER = multiprocessing.util.Finalize(None, shutdown_warm_kernels, exitpriority=10)
        kernel = _WARM_KERNELS[key] = _WarmKernel(kernel_name, cwd, log_dir)
    return kernel


def _drop_warm_kernel(kernel_name: str, cwd: Path) -> None:
    kernel = _WARM_KERNELS.pop((kernel_name, str(cwd)), None)
    if kernel is not None:
        kernel.shutdown()


def shutdown_warm_kernels() -> None:
    """Shut down every kernel this process keeps warm."""
    while _WARM_KERNELS:
        _WARM_KERNELS.popitem()[1].shutdown()


@dataclass
class RunResult:
    spec: ReportSpec
    ok: bool
    seconds: float
    error: str = ""
    step: str = ""


def _run_one(
    executor: Executor, spec: ReportSpec, source: Path, target: Path, seeds_dir: Path
) -> RunResult:
    """Worker: execute one notebook; never raises."""
    started = time.monotonic()
    parameters: dict[str, object] = dict(spec.params)
    parameters["seeds_dir"] = str(seeds_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _stderr_to(target.with_suffix(".log")):
            executor.execute(source, target, parameters)
    except Exception as exc:  # noqa: BLE001 - isolate every failure to its report
        return RunResult(spec, False, time.monotonic() - started, _one_line(exc), "execute")
    return RunResult(spec, True, time.monotonic() - started)


@contextlib.contextmanager
def _stderr_to(log_path: Path) -> Iterator[None]:
    """Send this process's (and its kernel's) stderr to a log beside the executed notebook.

    Kernels chatter on stderr (transport warnings, interrupts); the build's own
    output stays one progress line per report.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log_path, "w", encoding="utf-8") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _one_line(exc: BaseException) -> str:
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        text = f"{ename}: {evalue}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return " ".join(text.split())[:500]


# --------------------------------------------------------------------------- export


class Exporter:
    """Turns an executed notebook into reader-facing HTML."""

    def export(self, executed: Path, spec: ReportSpec) -> str:
        raise NotImplementedError


class HtmlReportExporter(Exporter):
    """nbconvert HTML without code, with a table of contents; one instance per build."""

    def __init__(self) -> None:
        from nbconvert import HTMLExporter

        self._exporter = HTMLExporter(
            template_name="report",
            extra_template_basedirs=[str(paths.PACKAGE_DIR / "templates")],
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
        )

    def export(self, executed: Path, spec: ReportSpec) -> str:
        import nbformat

        notebook = nbformat.read(str(executed), as_version=4)
        _drop_noise(notebook)
        select_language(notebook, spec.lang)
        notebook.metadata["title"] = spec.title
        self._exporter.language_code = spec.lang
        body, _ = self._exporter.from_notebook_node(notebook, resources={})
        return finish_page(body, spec)


def _drop_noise(notebook) -> None:
    """Remove what readers should not see: stderr streams, parameter cells, papermill bookkeeping.

    Cell ids are renumbered: papermill gives its injected cell a random id,
    and the same inputs must give the same bytes.
    """
    hidden = {"parameters", "injected-parameters"}
    notebook.cells = [
        cell for cell in notebook.cells if not hidden & set(cell.get("metadata", {}).get("tags", []))
    ]
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number:03d}"
        if cell.get("cell_type") != "code":
            continue
        cell.outputs = [
            out
            for out in cell.get("outputs", [])
            if not (out.get("output_type") == "stream" and out.get("name") == "stderr")
        ]
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    notebook.metadata.pop("papermill", None)


def select_language(notebook, lang: str) -> None:
    """Keep the cells for ``lang``: prose cells tagged ``lang-zh`` / ``lang-en`` hold one language.

    Analysts in JupyterLab see both; each report shows its own.  Untagged
    cells belong to every language.
    """
    keep = []
    for cell in notebook.cells:
        tags = {t for t in cell.get("metadata", {}).get("tags", []) if t.startswith("lang-")}
        if not tags or f"lang-{lang}" in tags:
            keep.append(cell)
    notebook.cells = keep


_HEADING = re.compile(r"<h([23]) id=\"([^\"]+)\">(.*?)</h\1>", re.S)


def finish_page(body: str, spec: ReportSpec, failure: str = "") -> str:
    """Fill the table of contents and the top bar into an exported page."""
    items = []
    for level, anchor, inner in _HEADING.findall(body):
        label = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
        items.append(f'<li class="toc-h{level}"><a href="#{anchor}">{label}</a></li>')
    toc_title = "目录" if spec.lang == "zh" else "Contents"
    toc = f'<nav class="report-toc"><strong>{toc_title}</strong><ul>{"".join(items)}</ul></nav>'
    other = "en" if spec.lang == "zh" else "zh"
    home = "返回目录页" if spec.lang == "zh" else "All reports"
    switch = "English version" if spec.lang == "zh" else "中文版"
    topbar = (
        f'<div class="report-topbar"><a href="../index.html">{home}</a>'
        f'<a href="../{other}/{spec.slug}.html" hreflang="{other}">{switch}</a></div>'
    )
    body = body.replace("<!-- helpers:topbar -->", topbar + failure, 1)
    return body.replace("<!-- helpers:toc -->", toc if items else "", 1)


def failure_box(result: RunResult, executed_rel: str, lang: str, has_last_good: bool) -> str:
    """The red box a reader sees on a report whose last build failed."""
    if lang == "zh":
        head = "本报告最近一次构建失败"
        step = {"execute": "执行笔记本", "export": "导出 HTML"}.get(result.step, result.step)
        keep = "下面是上一次成功构建的版本。" if has_last_good else "尚无成功构建的版本。"
        where = "已执行的笔记本保存在"
        labels = ("步骤", "错误")
    else:
        head = "The latest build of this report failed"
        step = {"execute": "executing the notebook", "export": "exporting HTML"}.get(
            result.step, result.step
        )
        keep = (
            "Below is the last version that built successfully."
            if has_last_good
            else "No version of this report has built successfully yet."
        )
        where = "The executed notebook is kept at"
        labels = ("Step", "Error")
    return (
        f'<div class="report-failure" role="alert"><strong>{head}</strong><br>'
        f"{labels[0]}: {html.escape(step)}<br>{labels[1]}: <code>{html.escape(result.error)}</code><br>"
        f"{where} <code>{html.escape(executed_rel)}</code>. {keep}</div>"
    )


# --------------------------------------------------------------------------- files


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    os.replace(tmp, path)


@contextlib.contextmanager
def build_lock(build_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold an exclusive lock on the build folder; refuse clearly if another build holds it."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock_path = build_dir / "build.lock"
    with open(lock_path, "w") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise HelpersError(
                        f"another build is running on {build_dir.name}/ (lock {lock_path.name}); "
                        "wait for it to finish or use --wait SECONDS"
                    ) from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- build


@dataclass
class BuildSummary:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def line(self) -> str:
        text = (
            f"built {len(self.built)}, unchanged {len(self.unchanged)}, "
            f"failed {len(self.failed)} in {self.seconds:.1f}s"
        )
        if self.failed:
            text += "; failed: " + ", ".join(name for name, _ in self.failed)
        return text


def _load_state(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def build(
    seeds_dir: Path | None = None,
    out_dir: Path | None = None,
    langs: Iterable[str] = LANGS,
    build_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    executor: Executor | None = None,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
    wait_seconds: float = 0.0,
) -> BuildSummary:
    """Build every report that is missing or whose inputs changed.

    Parameters
    ----------
    seeds_dir, out_dir, build_dir, notebooks_dir
        Default to the project's ``seeds/``, ``reports/``, ``build/``, ``notebooks/``.
    langs
        Report languages (``zh``, ``en``).
    jobs
        Notebooks executed at once; default: the number of CPU cores.
    force
        Rebuild everything, ignoring the cache.
    """
    started = time.monotonic()
    seeds_dir = Path(seeds_dir or paths.seeds_dir()).resolve()
    out_dir = Path(out_dir or paths.reports_dir()).resolve()
    build_dir = Path(build_dir or (out_dir.parent / "build")).resolve()
    notebooks_dir = Path(notebooks_dir or paths.notebooks_dir()).resolve()
    langs = tuple(langs)
    if not seeds_dir.is_dir():
        raise HelpersError(f"seeds folder not found: {seeds_dir.name} (pass --seeds DIR)")
    executor = executor or WarmKernelExecutor()
    summary = BuildSummary()

    with build_lock(build_dir, wait_seconds):
        state_path = build_dir / "state.json"
        state = _load_state(state_path)
        shared = {
            "seeds": seeds_digest(seeds_dir),
            "source": source_digest(),
            "environment": environment_digest(),
        }
        corpus_key = hashlib.sha256(json.dumps(shared, sort_keys=True).encode("utf-8")).hexdigest()
        if state.get("corpus_key") == corpus_key and "corpus" in state:
            corpus = CorpusSummary.from_json(state["corpus"])
        else:
            corpus = summarise_corpus(seeds_dir)
        for skipped in corpus.skipped:
            log(f"skipped seed {skipped['file']}: {skipped['reason']}")
        specs = plan_reports(corpus, langs, notebooks_dir)
        reports_state: dict[str, dict] = state.get("reports", {})
        todo: list[tuple[ReportSpec, str]] = []
        for spec in specs:
            key = report_key(spec, notebooks_dir / f"{spec.notebook.stem}.ipynb", shared,
                             corpus.city_keys.get(spec.city or ""))
            previous = reports_state.get(spec.relpath, {})
            if not force and previous.get("key") == key and (out_dir / spec.relpath).exists():
                # Same inputs give the same result: a failed report stays failed
                # (and keeps failing the build) until an input changes or --force.
                if previous.get("ok"):
                    summary.unchanged.append(spec.relpath)
                else:
                    summary.failed.append((spec.relpath, previous.get("error", "")))
            else:
                todo.append((spec, key))

        index_path = out_dir / "index.html"
        if not todo and index_path.exists() and state.get("index_key") == _index_key(
            corpus, specs, reports_state
        ):
            summary.seconds = time.monotonic() - started
            if summary.failed:
                log(f"nothing to do: inputs unchanged; {len(summary.failed)} report(s) still failed")
            else:
                log(f"nothing to do: all {len(specs)} reports are up to date")
            return summary

        if todo:
            log(f"building {len(todo)} of {len(specs)} reports")
        exporter = HtmlReportExporter() if todo else None
        executed_dir = build_dir / "executed"
        # Kernel logs are per worker process; keep only this build's.
        for old_log in executed_dir.glob("*/kernel-*.log") if todo else ():
            old_log.unlink(missing_ok=True)
        results = _execute_all(executor, todo, notebooks_dir, executed_dir, seeds_dir, jobs)
        for count, (result, key) in enumerate(results, start=1):
            spec = result.spec
            executed = executed_dir / spec.lang / f"{spec.slug}.ipynb"
            if result.ok:
                try:
                    page = exporter.export(executed, spec)
                except Exception as exc:  # noqa: BLE001 - isolate export failures too
                    result = RunResult(spec, False, result.seconds, _one_line(exc), "export")
            target = out_dir / spec.relpath
            if result.ok:
                page = embed_font(page)
                write_atomic(target, page)
                write_atomic(build_dir / "good" / spec.relpath, page)
                reports_state[spec.relpath] = {"key": key, "ok": True}
                summary.built.append(spec.relpath)
                log(f"[{count}/{len(todo)}] built {spec.relpath} ({result.seconds:.1f}s)")
            else:
                last_good_path = build_dir / "good" / spec.relpath
                last_good = last_good_path.read_text(encoding="utf-8") if last_good_path.exists() else ""
                executed_rel = executed.relative_to(build_dir.parent).as_posix()
                box = failure_box(result, executed_rel, spec.lang, bool(last_good))
                write_atomic(target, embed_font(_with_failure(last_good, box, spec)))
                reports_state[spec.relpath] = {"key": key, "ok": False, "error": result.error}
                summary.failed.append((spec.relpath, result.error))
                log(f"[{count}/{len(todo)}] FAILED {spec.relpath} at {result.step}: {result.error}")

        live = {spec.relpath for spec in specs}
        reports_state = {k: v for k, v in reports_state.items() if k in live}
        previous_articles = state.get("corpus", {}).get("articles")
        from helpers.index_page import render_index

        write_atomic(
            index_path,
            embed_font(render_index(corpus, specs, reports_state, previous_articles)),
        )
        state = {
            "corpus_key": corpus_key,
            "corpus": corpus.to_json(),
            "reports": reports_state,
            "index_key": _index_key(corpus, specs, reports_state),
        }
        write_atomic(state_path, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))
    summary.seconds = time.monotonic() - started
    log(summary.line())
    return summary


def _index_key(corpus: CorpusSummary, specs: list[ReportSpec], reports_state: dict) -> str:
    payload = {
        "corpus": corpus.to_json(),
        "reports": [(s.relpath, reports_state.get(s.relpath, {}).get("ok")) for s in specs],
        "source": BUILD_FORMAT,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def _with_failure(last_good: str, box: str, spec: ReportSpec) -> str:
    if last_good:
        return re.sub(r"(<main>)", lambda m: m.group(1) + box, last_good, count=1)
    title = html.escape(spec.title)
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if spec.lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f"<title>{title}</title></head><body><main><h1>{title}</h1>{box}"
        f'<p><a href="../index.html">{"返回目录页" if spec.lang == "zh" else "All reports"}</a></p>'
        f"</main></body></html>\n"
    )


def _execute_all(
    executor: Executor,
    todo: list[tuple[ReportSpec, str]],
    notebooks_dir: Path,
    executed_dir: Path,
    seeds_dir: Path,
    jobs: int | None,
) -> Iterator[tuple[RunResult, str]]:
    """Run notebooks in parallel processes; yield results in plan order."""
    if not todo:
        return
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))

    def args(spec: ReportSpec):
        return (
            executor,
            spec,
            notebooks_dir / f"{spec.notebook.stem}.ipynb",
            executed_dir / spec.lang / f"{spec.slug}.ipynb",
            seeds_dir,
        )

    # Always in worker processes, started fresh ("spawn"): a forked worker would inherit
    # this process's asyncio loop and zmq state (from an earlier papermill run, e.g. in the
    # tests), which makes its kernels miss their first replies.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [(pool.submit(_run_one, *args(spec)), key) for spec, key in todo]
        for future, key in futures:
            yield future.result(), key
