"""Engines: where the per-article work of the corpus stage runs.

One interface, :class:`Engine` (``map(fn, items)``: results in the order of
``items``), and a registry of implementations, chosen by name:

- ``local`` (the default): in this process for a single batch, else a pool
  of local processes, one per core (``HELPERS_WORKERS`` sets how many),
  replaced by a fresh one every :data:`TASKS_PER_PROCESS` items a worker, so
  that what a long run leaves behind in a worker's heap does not add up;
- ``dask``: ``dask.distributed``.  With ``HELPERS_DASK_SCHEDULER`` (or
  ``scheduler=``) set to a scheduler address (``tcp://host:8786``) it runs on
  that cluster, whose workers are left as they are (never restarted: they
  are the user's, and may serve other clients); without, on a
  ``LocalCluster`` of two worker processes started for the run, whose
  workers are restarted by their nannies (``Client.restart_workers``)
  between waves of :data:`TASKS_PER_PROCESS` items a worker, as the local
  pool is replaced.

The name comes from the command line (``--engine``), else
``HELPERS_ENGINE``, else ``local``.  Engines differ only in where a function
runs: every function given to them is a pure function of its item, and
results come back in the order of the items, so the same inputs give the
same tables whichever engine ran them.  At most a few items are in flight at
once (:data:`IN_FLIGHT_PER_WORKER` per worker), so the caller's memory does
not grow with the number of items.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from helpers.errors import HelpersError

_END = object()
ENGINE_VARIABLE = "HELPERS_ENGINE"
SCHEDULER_VARIABLE = "HELPERS_DASK_SCHEDULER"
WORKERS_VARIABLE = "HELPERS_WORKERS"
DEFAULT_ENGINE = "local"
LOCAL_CLUSTER_WORKERS = 2
# Items submitted ahead of the one being collected, per worker: enough to keep every worker busy.
IN_FLIGHT_PER_WORKER = 2
# Items a worker process runs before it is replaced (the local pool; the workers of a LocalCluster
# started here): a fresh process starts from the parent's memory (forked) or a fresh interpreter
# (a Dask nanny's spawn), so a worker's peak stays that of its largest batch, not of its history.
TASKS_PER_PROCESS = 20
# Seconds a LocalCluster's workers may take to stop and come back when they are restarted.
RESTART_SECONDS = 120


class Engine(Protocol):
    """Runs a function over items; results in the order of the items."""

    name: str
    workers: int

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


def _windowed(submit: Callable[[Any], Any], collect: Callable[[Any], Any], items: Iterable[Any],
              window: int) -> Iterator[Any]:
    """Submit items ``window`` at a time ahead and collect them in order."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield collect(pending.popleft())
    while pending:
        yield collect(pending.popleft())


def _waves(items: Iterable[Any], size: int) -> Iterator[Iterator[Any]]:
    """``items`` in runs of ``size``, each lazy: a run must be used up before the next is asked for."""
    remaining = iter(items)
    while True:
        first = next(remaining, _END)
        if first is _END:
            return
        yield itertools.chain([first], itertools.islice(remaining, size - 1))


class InProcessEngine:
    """Runs everything here, one item after another (no start-up cost: small corpora)."""

    name = "local"
    workers = 1

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return map(fn, items)

    def close(self) -> None:
        pass


class LocalEngine:
    """A pool of local processes (``concurrent.futures``), started on first use."""

    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = workers or _workers_from_environment() or os.cpu_count() or 1
        self._pool = None

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        if self.workers == 1:
            yield from map(fn, items)
            return
        for wave in _waves(items, self.workers * TASKS_PER_PROCESS):  # a pool for each wave (items stay lazy)
            submit = functools.partial(self._start().submit, fn)
            yield from _windowed(submit, lambda future: future.result(), wave, self.workers * IN_FLIGHT_PER_WORKER)
            self.close()

    def _start(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork where there is one: workers start at once, with the modules already loaded, and a
        # script without a __main__ guard still works.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskEngine:
    """``dask.distributed``: a scheduler at ``scheduler``, or a two-worker ``LocalCluster`` started here."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - pinned in requirements.lock
            raise HelpersError(f"engine dask needs the distributed package ({exc}); "
                               "install it or use --engine local") from None
        address = scheduler or os.environ.get(SCHEDULER_VARIABLE) or None
        self._cluster = None
        try:
            if address:
                self._client = Client(address, timeout="30s")
            else:
                count = workers or _workers_from_environment() or LOCAL_CLUSTER_WORKERS
                self._cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        except OSError as exc:
            if self._cluster is not None:
                self._cluster.close()
            where = address or "a LocalCluster"
            raise HelpersError(f"cannot reach the Dask scheduler at {where} ({exc}); "
                               f"check {SCHEDULER_VARIABLE} or use --engine local") from None
        self.workers = max(len(self._client.scheduler_info().get("workers", {})), 1)

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        client = self._client
        window = self.workers * IN_FLIGHT_PER_WORKER

        def submit(item: Any) -> Any:  # pure=False: every item is run, even two with equal contents
            return client.submit(fn, item, pure=False)

        if self._cluster is None:  # the user's cluster: its workers are theirs, never restarted from here
            yield from _windowed(submit, lambda future: future.result(), items, window)
            return
        for index, wave in enumerate(_waves(items, self.workers * TASKS_PER_PROCESS)):
            if index:  # the wave before is all collected: nothing runs or waits on the workers
                self._restart_workers()
            yield from _windowed(submit, lambda future: future.result(), wave, window)

    def _restart_workers(self) -> None:
        """Every worker of our LocalCluster replaced by a fresh process (its nanny restarts it); back when all are."""
        client = self._client
        # the wave's results are collected, but the messages releasing them may not have reached the
        # scheduler yet: a key it still holds when its worker goes is computed again (an item run twice)
        deadline = time.monotonic() + RESTART_SECONDS
        while client.run_on_scheduler(_tasks_held) and time.monotonic() < deadline:
            time.sleep(0.05)
        before = set(client.scheduler_info()["workers"])
        client.restart_workers(sorted(before), timeout=RESTART_SECONDS)
        # restart_workers waits for as many workers as before, which an old one not yet removed can
        # count as: wait until every worker is a new one, so that no item is given to a dying one.
        deadline = time.monotonic() + RESTART_SECONDS
        while True:
            now = set(client.scheduler_info()["workers"])
            if len(now) >= self.workers and not now & before:
                return
            if time.monotonic() > deadline:
                raise HelpersError(f"the LocalCluster's workers did not come back within {RESTART_SECONDS} s "
                                   "of a restart; use --engine local")
            time.sleep(0.1)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()


def _tasks_held(dask_scheduler: Any) -> int:
    """How many tasks the scheduler still holds (run on the scheduler by ``Client.run_on_scheduler``)."""
    return len(dask_scheduler.tasks)


def _workers_from_environment() -> int | None:
    value = os.environ.get(WORKERS_VARIABLE)
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise HelpersError(f"{WORKERS_VARIABLE}={value!r} is not a positive whole number; set it to e.g. 2")
    return int(value)


ENGINES: dict[str, Callable[..., Engine]] = {"local": LocalEngine, "dask": DaskEngine}


def engine_name(name: str | None = None) -> str:
    """The engine asked for: ``name``, else ``HELPERS_ENGINE``, else ``local``; checked against :data:`ENGINES`."""
    chosen = name or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE
    if chosen not in ENGINES:
        source = "" if name else f" (from {ENGINE_VARIABLE})"
        raise HelpersError(f"unknown engine {chosen!r}{source}: use one of {', '.join(ENGINES)}")
    return chosen


@contextlib.contextmanager
def open_engine(name: str | None = None, *, tasks: int | None = None, **options: Any) -> Iterator[Engine]:
    """The engine ``name`` (see :func:`engine_name`), closed on exit.

    Parameters
    ----------
    tasks : int, optional
        How many items will be mapped, when known: the local engine runs one
        item in this process instead of starting a pool.
    options
        Passed to the engine (``workers``; ``scheduler`` for dask).
    """
    chosen = engine_name(name)
    engine: Engine
    if chosen == "local" and tasks is not None and tasks <= 1:
        engine = InProcessEngine()
    else:
        engine = ENGINES[chosen](**options)
    try:
        yield engine
    finally:
        engine.close()
