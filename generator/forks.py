"""Work spread over forked processes, results in order: the same bytes however it is spread.

A job is an index into state the parent holds (the model, the renderers): forked workers
inherit it, so nothing but the index and the result crosses between processes. Used for
agency pages (site/shell.py), per-decree downloads (export.py) and validation (validate.py)."""
from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def processes(workers: int) -> int:
    """Processes for the per-agency and per-decree work: Options.workers / `build --workers N`;
    0 = every core this process may use (`make site`, bench); 1 (the default: library calls,
    tests) works in this process."""
    if workers > 0:
        return workers
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


_STATE: dict[str, Any] = {}  # what forked workers work from (inherited, never pickled)


def _call(job: int) -> Any:
    return _STATE["fn"](job)


def forked_map(fn: Callable[[int], Any], jobs: list[int], n: int = 1) -> Iterator[Any]:
    """fn(job) for each job, in order: in n forked processes when there are enough jobs
    (two per process at least) and fork is available, else in this process. Results are
    yielded as they come in order; small chunks, so a finished chunk waits in memory only
    until the caller has taken it."""
    if n < 2 or len(jobs) < 2 * n or "fork" not in mp.get_all_start_methods():
        yield from map(fn, jobs)
        return
    _STATE["fn"] = fn
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=mp.get_context("fork")) as pool:
            yield from pool.map(_call, jobs, chunksize=max(1, min(8, len(jobs) // (8 * n))))
    finally:
        _STATE.clear()
