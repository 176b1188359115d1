"""Execution: running notebooks with papermill, in parallel worker processes, each keeping a warm kernel.

An :class:`Executor` runs one notebook with parameters into an executed
notebook file.  :class:`WarmKernelExecutor` (the default) keeps one kernel
per worker process from one notebook to the next and resets it in between;
:class:`PapermillExecutor` starts a kernel per notebook.  :func:`execute_all`
runs a plan's notebooks in spawned worker processes and never raises for a
notebook: each result says whether it ran and, if not, why, in one line.
The workers and their kernels end with the build, however it ends (even
``kill -9``): see :func:`_watch_lifeline`.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.errors import one_line
from helpers.publish.plan import ReportSpec


class Executor:
    """Runs one notebook with parameters into an executed notebook file.

    ``in_worker_processes``: whether :func:`execute_all` runs it in spawned
    worker processes (kernels need that) or one notebook after another in
    the build's own process (an executor that starts no kernel).
    """

    in_worker_processes: bool = True

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
    each notebook the kernel runs :data:`helpers.publish.kernel_state.RESET_CODE`
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
                print(f"kernel died ({one_line(exc)}); retrying in a fresh kernel", file=sys.stderr)
            except BaseException:
                _drop_warm_kernel(self.kernel_name, source.parent)
                raise


# A kernel that starts slowly (a loaded machine, a cold disk) is waited for this long.
STARTUP_SECONDS = 180
_LOG_TAIL_LINES = 3


class KernelStartError(RuntimeError):
    """A kernel exited or never answered while starting; the message ends with the last lines of its log."""


class _WarmKernel:
    """A started kernel and the blocking client that resets it."""

    def __init__(self, kernel_name: str, cwd: Path, log_dir: Path) -> None:
        from jupyter_client.blocking import BlockingKernelClient
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.manager = AsyncKernelManager(kernel_name=kernel_name)
        self.pid: int | None = None
        log_dir.mkdir(parents=True, exist_ok=True)
        # The kernel's own stderr (not its cells', which go to the notebook) outlives
        # any one notebook, so it has a log of its own; one per worker process.
        log_path = log_dir / f"kernel-{os.getpid()}.log"
        with open(log_path, "ab") as log:
            log_start = log.tell()
            run_sync(self.manager.start_kernel)(cwd=str(cwd), stderr=log)
        self.pid = getattr(getattr(self.manager.provisioner, "process", None), "pid", None)
        if self.pid is not None:
            _KERNEL_PIDS.add(self.pid)
        # The client's parent is the manager, so "is the kernel alive?" asks the kernel's process;
        # a client without one asks the heartbeat, which gives up after one second of silence,
        # so a kernel slow to start on a busy machine was declared dead.  Not manager.client():
        # that clones the manager's session, whose id papermill's client shares, and the kernel
        # routes replies by that id, so this client's resets would go unanswered.
        self.client = BlockingKernelClient(parent=self.manager)
        self.client.load_connection_info(self.manager.get_connection_info())
        self.client.start_channels()
        try:
            self.client.wait_for_ready(timeout=STARTUP_SECONDS)
        except Exception as exc:
            problem = self._start_problem(exc, log_path, log_start)
            self.shutdown()  # not registered yet: nobody else would stop it
            raise KernelStartError(problem) from exc
        except BaseException:
            self.shutdown()
            raise

    def _start_problem(self, exc: Exception, log_path: Path, log_start: int) -> str:
        """One line: the kernel, what went wrong, its exit code, and the end of what it wrote to its log."""
        process = getattr(self.manager.provisioner, "process", None)
        code = process.poll() if process is not None else None
        how = f"exited with code {code}" if code is not None else one_line(exc)
        try:
            with open(log_path, "rb") as log:
                log.seek(log_start)
                written = log.read().decode("utf-8", errors="replace")
        except OSError:
            written = ""
        lines = [line.strip() for line in written.splitlines() if line.strip()][-_LOG_TAIL_LINES:]
        shown = Path(*log_path.parts[-4:]).as_posix()  # build/executed/<lang>/kernel-<pid>.log
        tail = " | ".join(lines)[-300:] if lines else "nothing"
        return f"kernel {self.manager.kernel_name} did not start ({how}); {shown} ends: {tail}"

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(run_sync(self.manager.is_alive)())

    def reset(self) -> None:
        from helpers.publish.kernel_state import RESET_CODE

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
        if self.pid is not None:
            _KERNEL_PIDS.discard(self.pid)


_WARM_KERNELS: dict[tuple[str, str], _WarmKernel] = {}
_KERNEL_PIDS: set[int] = set()  # every kernel this process started and has not shut down
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
    """How one notebook ran; ``retry``: it failed for the machine's reasons (a kernel that would not
    start, a worker that was killed), not the notebook's, so the next build tries it again."""

    spec: ReportSpec
    ok: bool
    seconds: float
    error: str = ""
    step: str = ""
    retry: bool = False


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
        return RunResult(spec, False, time.monotonic() - started, one_line(exc), "execute",
                         retry=isinstance(exc, KernelStartError))
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


def execute_all(
    executor: Executor,
    todo: list[tuple[ReportSpec, str]],
    notebooks_dir: Path,
    executed_dir: Path,
    seeds_dir: Path,
    jobs: int | None,
) -> Iterator[tuple[RunResult, str]]:
    """Run notebooks (in parallel worker processes unless the executor says otherwise); yield results in plan order."""
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

    if not executor.in_worker_processes:
        for spec, key in todo:
            yield _run_one(*args(spec)), key
        return
    # Kernels run from worker processes started fresh ("spawn"): a forked worker would inherit
    # this process's asyncio loop and zmq state (from an earlier papermill run, e.g. in the
    # tests), which makes its kernels miss their first replies.
    context = multiprocessing.get_context("spawn")
    # The workers' lifeline: only this process holds the sending end, so the workers see it
    # close when the build ends early or dies (even by SIGKILL) and stop with their kernels.
    lifeline, held = context.Pipe(duplex=False)
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(lifeline,)
    )
    finished = False
    try:
        futures = [(spec, pool.submit(_run_one, *args(spec)), key) for spec, key in todo]
        for spec, future, key in futures:
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died (out of memory, killed)
                result = RunResult(spec, False, 0.0, f"worker process stopped: {one_line(exc)}", "execute", retry=True)
            yield result, key
        finished = True
    finally:
        if not finished:
            held.close()  # interrupted, or a page could not be written: stop the workers now
        pool.shutdown(wait=True, cancel_futures=True)
        held.close()
        lifeline.close()


def _start_worker(lifeline) -> None:
    """Worker start-up: its kernels import this build's ``helpers``; it stops with the build."""
    _kernels_import_this_helpers()
    _watch_lifeline(lifeline)


def _kernels_import_this_helpers() -> None:
    """Put the folder holding this ``helpers`` first on the kernels' path.

    A kernel starts in the notebooks folder with its own ``sys.path``: a
    relative ``PYTHONPATH`` or another installed copy would give it other code
    than the code the report keys were made from.
    """
    folder = str(paths.PACKAGE_DIR.parent)
    current = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry and entry != folder]
    os.environ["PYTHONPATH"] = os.pathsep.join([folder, *current])


def _watch_lifeline(lifeline) -> None:
    """Worker start-up: stop this worker and its kernels as soon as the build's end of ``lifeline`` closes."""

    def watch() -> None:
        try:
            lifeline.recv_bytes()
        except (EOFError, OSError):
            pass
        kill_kernels()
        os._exit(1)

    threading.Thread(target=watch, name="build-lifeline", daemon=True).start()


def kill_kernels() -> None:
    """Kill every kernel this process started, with whatever each kernel started in turn.

    Kernels run in sessions of their own (jupyter_client starts them so), so
    a kernel's process group is the kernel and its children.
    """
    for pid in list(_KERNEL_PIDS):
        with contextlib.suppress(OSError):
            if hasattr(os, "killpg") and os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGTERM)  # Windows: TerminateProcess
        _KERNEL_PIDS.discard(pid)
