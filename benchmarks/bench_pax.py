"""Benchmark: reading PA-X CSV releases with ``agreements.pax.read``, in rows per second.

For each file, the median (and the best) of ``--repeat`` runs of
``pax.read(file)``, as wall time and as the CPU time of this process (the
machine may be shared: CPU time is what the reading costs, wall time what a
user waits), the rows read per second and the seconds per thousand rows, and
the peak memory traced by ``tracemalloc`` in a separate run. With
``--profile``, the functions that take the most time under cProfile.

Run by hand::

    python benchmarks/bench_pax.py                       # the two releases in ../shared/pax, five runs each
    python benchmarks/bench_pax.py --quick               # the CI smoke run: the first 200 rows of each, one run
    python benchmarks/bench_pax.py FILE.csv --profile 25

Files that are not there are skipped with a note (the PA-X releases are not
part of the repository). ``--quick`` reads a slice of each file from memory
with ``pax.reads``.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import os
import platform
import pstats
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from agreements import pax

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "pax"
_FILES = (_SHARED / "pax-v3-all-agreements.csv", _SHARED / "pax-local-v8.csv")


def _first_rows(path: Path, rows: int) -> str:
    """The header and the first ``rows`` records of a CSV file, as text."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for number, record in enumerate(reader):
        if number > rows:
            break
        writer.writerow(record)
    return out.getvalue()


def _runs(call: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU times of ``repeat`` runs of ``call``."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def _peak(call: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(_FILES))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: the first 200 rows of each file, one run"
    )
    parser.add_argument("--profile", type=int, metavar="LINES", help="print the top LINES of a cProfile run")
    args = parser.parse_args(argv)
    load = os.getloadavg()
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs,"
        f" load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {1 if args.quick else args.repeat} runs each"
    )
    for path in args.files:
        if not path.is_file():
            print(f"{path}: not here, skipped")
            continue
        text = _first_rows(path, 200) if args.quick else None

        def run(path: Path = path, text: str | None = text) -> int:
            found = pax.read(path) if text is None else pax.reads(text, document=path.name)
            return len(found.agreements)

        rows = run()  # a warm-up run, untimed, which also counts the agreements read
        walls, cpus = _runs(run, 1 if args.quick else args.repeat)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(
            f"{path.name:<28} {rows:>5} rows  wall {wall:6.2f} s (best {min(walls):.2f})  CPU {cpu:6.2f} s"
            f"  {rows / wall:6.0f} rows/s wall, {rows / cpu:6.0f} rows/s CPU"
            f"  {1000 * wall / rows:5.2f} s wall and {1000 * cpu / rows:5.2f} s CPU per 1,000 rows"
            f"  peak {_peak(run):6.1f} MiB"
        )
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(run)
            pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
