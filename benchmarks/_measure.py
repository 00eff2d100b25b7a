"""What the benchmarks share: the wall and CPU times of runs of a call, and the peak memory it traces.

Each benchmark is run as a script (``python benchmarks/bench_x.py``), so this
folder is on ``sys.path`` and ``import _measure`` finds this module.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable


def runs(call: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """The wall times and the CPU times (of this process) of ``repeat`` runs of ``call``, in seconds."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def peak_bytes(call: Callable[[], object]) -> int:
    """The peak of the memory ``tracemalloc`` traces while ``call`` runs, in bytes."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
