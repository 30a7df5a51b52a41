"""Streaming scans: batches in, spans out, in order, constant memory, both cores on large inputs."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult
from typing import TypeVar

from crm_privacy.detect.engine import PiiEngine, get_engine
from crm_privacy.detect.entities import Span
from crm_privacy.detect.nlp import DEFAULT_MODEL

BATCH_SIZE = 256
#: Characters per batch of ``scan_texts`` at most (a single longer text makes a batch alone): bounds
#: what two worker processes hold, and what is pickled to them, whatever the texts' lengths.
BATCH_CHARS = 1_000_000
PROCESSES_VARIABLE = "CRM_PRIVACY_DETECT_PROCESSES"
#: Below this many texts a second process costs more (start-up, pickling) than it saves.
PARALLEL_AFTER = 2048

T = TypeVar("T")


def scan_batches(
    batches: Iterable[Sequence[str | None]],
    *,
    model: str = DEFAULT_MODEL,
    n_process: int | None = None,
    parallel_after: int = PARALLEL_AFTER,
) -> Iterator[list[list[Span]]]:
    """For each batch of texts, the spans of each text, in input order.

    ``n_process=None`` means: one process while fewer than ``parallel_after`` texts have been seen,
    then ``$CRM_PRIVACY_DETECT_PROCESSES`` (default 2) worker processes, capped by the CPU count.
    At most two batches per process are in flight, so memory does not grow with the input.
    """
    return _scan(batches, _analyze, model, n_process, parallel_after)


def scan_batches_isolated(
    batches: Iterable[Sequence[str | None]],
    *,
    model: str = DEFAULT_MODEL,
    n_process: int | None = None,
    parallel_after: int = PARALLEL_AFTER,
) -> Iterator[list[list[Span] | None]]:
    """Like ``scan_batches``, but a text the engine fails on gets None and the others their spans."""
    return _scan(batches, _analyze_isolated, model, n_process, parallel_after)


def _scan(
    batches: Iterable[Sequence[str | None]],
    analyze: Callable[[PiiEngine, list[str | None]], list[T]],
    model: str,
    n_process: int | None,
    parallel_after: int,
) -> Iterator[list[T]]:
    engine = get_engine(model)  # built here, so forked workers inherit it instead of loading it
    procs = _processes(n_process)
    seen = 0
    iterator = iter(batches)
    for batch in iterator:
        yield analyze(engine, list(batch))
        seen += len(batch)
        if procs > 1 and (n_process is not None or seen >= parallel_after):
            yield from _parallel(iterator, analyze, model, procs)
            return


def scan_texts(
    texts: Iterable[str | None],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = BATCH_SIZE,
    n_process: int | None = None,
) -> Iterator[list[Span]]:
    """The spans of each text, in input order (a flat view of ``scan_batches``)."""
    for results in scan_batches(batched(texts, batch_size), model=model, n_process=n_process):
        yield from results


def batched(
    items: Iterable[str | None], size: int, max_chars: int = BATCH_CHARS
) -> Iterator[list[str | None]]:
    """Lists of at most ``size`` items and, unless one item alone is longer, ``max_chars`` characters."""
    batch: list[str | None] = []
    chars = 0
    for item in items:
        length = len(item) if item else 0
        if batch and chars + length > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += length
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _processes(requested: int | None) -> int:
    if multiprocessing.current_process().daemon:
        return 1  # daemonic processes (some executors' workers) may not have children
    if requested is None:
        # Operators can pin it (e.g. 1 inside a worker that must not fork) without a code change.
        requested = int(os.environ.get(PROCESSES_VARIABLE, "2") or "2")
    return max(1, min(requested, os.cpu_count() or 1))


def _parallel(
    batches: Iterator[Sequence[str | None]],
    analyze: Callable[[PiiEngine, list[str | None]], list[T]],
    model: str,
    procs: int,
) -> Iterator[list[T]]:
    # fork: workers inherit the loaded model (copy-on-write) instead of loading it again. Forking a
    # process that runs other threads (an Airflow task: log and heartbeat threads) can deadlock the
    # child on a lock held by one of them; there workers start clean ("forkserver") and load the model.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(procs) as pool:
        pending: deque[AsyncResult[list[T]]] = deque()
        for batch in batches:
            pending.append(pool.apply_async(_in_worker, (analyze, model, list(batch))))
            if len(pending) >= 2 * procs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _analyze(engine: PiiEngine, batch: list[str | None]) -> list[list[Span]]:
    return engine.analyze_batch(batch)


def _analyze_isolated(engine: PiiEngine, batch: list[str | None]) -> list[list[Span] | None]:
    return engine.analyze_batch_isolated(batch)


def _in_worker(
    analyze: Callable[[PiiEngine, list[str | None]], list[T]], model: str, batch: list[str | None]
) -> list[T]:
    return analyze(get_engine(model), batch)
