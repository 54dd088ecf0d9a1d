"""Independent PDF renders spread over the cores: forked processes that share the curriculum.

A render takes seconds, so tasks are handed out one at a time (no process waits at the end while
another finishes a batch). The curriculum is inherited through fork, never pickled, and frozen out of
the garbage collector for the run: it outlives every task, and the collector would otherwise walk it
again after every few hundred layout boxes (6 and 21 % more documents per second, two pairs of runs
with 300 sessions loaded), and forked workers would copy its pages when it did.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from ...model.curriculum import Curriculum

Task = TypeVar("Task")
_SHARED: dict[str, Curriculum] = {}  # what forked workers inherit


def process_count(tasks: int, jobs: int | None = None) -> int:
    """How many processes `map_in_processes` should use: `jobs`, else TRAINKIT_JOBS, else the cores."""
    workers = jobs or int(os.environ.get("TRAINKIT_JOBS") or min(os.cpu_count() or 1, 8))
    # Forking while other threads run (a preview server, a test's browser driver) is unsafe; Windows has no fork.
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(workers, tasks))


def _call(function: Callable[[Curriculum, Any], Any], task: Any) -> Any:
    return function(_SHARED["curriculum"], task)


def map_in_processes(function: Callable[[Curriculum, Task], Any], curriculum: Curriculum, tasks: Sequence[Task],
                     processes: int) -> list[Any]:
    """`function(curriculum, task)` for each task, in the tasks' order; `function` is module-level (picklable)."""
    _SHARED["curriculum"] = curriculum
    gc.collect()
    gc.freeze()
    try:
        if processes < 2:
            return [function(curriculum, task) for task in tasks]
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(partial(_call, function), tasks))
    finally:
        gc.unfreeze()
