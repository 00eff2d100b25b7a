"""Benchmark: reading PA-X CSV releases with ``agreements.pax.read``, in rows per second.

For each file, the median (and the best) of ``--repeat`` runs of
``pax.read(file)``, as wall time and as the CPU time of this process (the
machine may be shared: CPU time is what the reading costs, wall time what a
user waits), the rows read per second and the seconds per thousand rows, and
the peak memory traced by ``tracemalloc`` in a separate run. A repeated read
finds the per-name caches warm; the "first read" line times ``pax.read`` in a
fresh interpreter for each run (``--repeat`` of them), as a user's one read of
a file costs, with the import of ``agreements.pax`` timed apart. With
``--breakdown``, what part of a first read is the party cells': in fresh
interpreters again, the rule-based reading of every ``Part`` and ``ThrdPart``
cell (``_parties.mentions``), then the resolution of the names read into actors
(``_actors.Registry``), each from cold caches as in a first read; the rest of
the best first read is everything else (the CSV, dates, codes, places,
citations, the records). All three are the best of the runs, the least
disturbed by other load on the machine. With ``--profile``, the functions that take the most time under
cProfile.

Run by hand::

    python benchmarks/bench_pax.py                       # the two releases in ../shared/pax, five runs each
    python benchmarks/bench_pax.py --quick               # the CI smoke run: the first 200 rows of each, one run
    python benchmarks/bench_pax.py --breakdown           # and how much of a first read is the party cells'
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
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from _measure import peak_bytes, runs

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


# Run in a fresh interpreter: the import, then one read, each timed; prints the times as JSON.
_FIRST_READ = """
import json, sys, time
cpu, wall = time.process_time(), time.perf_counter()
from agreements import pax
imported = time.process_time() - cpu
cpu, wall = time.process_time(), time.perf_counter()
found = pax.read(sys.argv[1]) if len(sys.argv) < 3 else pax.reads(sys.stdin.read(), document=sys.argv[2])
times = {"import": imported, "cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall}
print(json.dumps({**times, "rows": len(found.agreements)}))
"""


# Run in a fresh interpreter: the party cells of a file read by the rules, then resolved into actors, each timed.
_PARTY_CELLS = """
import csv, io, json, sys, time
from agreements.pax._actors import Registry
from agreements.pax._parties import mentions
text = open(sys.argv[1], encoding="utf-8").read() if len(sys.argv) < 3 else sys.stdin.read()
records = list(csv.reader(io.StringIO(text.removeprefix("\\ufeff"), newline="")))
header = [name.strip() for name in records[0]]
columns = [(header.index(name), name == "ThrdPart") for name in ("Part", "ThrdPart") if name in header]
cpu = time.process_time()
read = [
    (row, mention)
    for row, record in enumerate(records[1:], start=2)
    for index, third in columns
    for mention in mentions(record[index], third_parties=third)
]
cells = time.process_time() - cpu
cpu = time.process_time()
registry = Registry()
for row, mention in read:
    registry.add(mention, row)
actors = registry.actors()
resolved = time.process_time() - cpu
print(json.dumps({"cells": cells, "actors": resolved, "names": len(read), "distinct": len(actors)}))
"""


def _fresh_runs(script: str, path: Path, text: str | None, repeat: int) -> list[dict[str, float]]:
    """What ``script`` prints (JSON) in each of ``repeat`` fresh interpreters, given ``path`` (or ``text``)."""
    command = [sys.executable, "-c", script, str(path), *([path.name] if text is not None else [])]
    return [
        json.loads(subprocess.run(command, input=text, capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(_FILES))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: the first 200 rows of each file, one run"
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="time the party cells' part of a first read apart"
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
        walls, cpus = runs(run, 1 if args.quick else args.repeat)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(
            f"{path.name:<28} {rows:>5} rows  wall {wall:6.2f} s (best {min(walls):.2f})  CPU {cpu:6.2f} s"
            f"  {rows / wall:6.0f} rows/s wall, {rows / cpu:6.0f} rows/s CPU"
            f"  {1000 * wall / rows:5.2f} s wall and {1000 * cpu / rows:5.2f} s CPU per 1,000 rows"
            f"  peak {peak_bytes(run) / 2**20:6.1f} MiB"
        )
        first = _fresh_runs(_FIRST_READ, path, text, 1 if args.quick else args.repeat)
        cpu = statistics.median(run["cpu"] for run in first)
        wall = statistics.median(run["wall"] for run in first)
        imported = statistics.median(run["import"] for run in first)
        print(
            f"{'  first read, fresh process':<28} {rows:>5} rows  wall {wall:6.2f} s"
            f" (best {min(run['wall'] for run in first):.2f})  CPU {cpu:6.2f} s"
            f"  {1000 * wall / rows:5.2f} s wall and {1000 * cpu / rows:5.2f} s CPU per 1,000 rows"
            f"  (import of agreements.pax: {imported:.2f} s CPU, not counted)"
        )
        if args.breakdown:
            parties = _fresh_runs(_PARTY_CELLS, path, text, 1 if args.quick else args.repeat)
            # The best of the runs, here and for the first read: the least disturbed by the machine's other load.
            cells = min(run["cells"] for run in parties)
            actors = min(run["actors"] for run in parties)
            best = min(run["cpu"] for run in first)
            names = int(parties[0]["names"])
            print(
                f"{'  of which, party cells':<28} {names:>5} names  reading the cells {cells:5.2f} s CPU"
                f" ({1e6 * cells / max(names, 1):.0f} µs a name), resolving {int(parties[0]['distinct'])} actors"
                f" {actors:5.2f} s CPU ({1e6 * actors / max(names, 1):.0f} µs a name);"
                f" the rest of the best first read {max(best - cells - actors, 0.0):5.2f} s CPU"
                f" ({1000 * max(best - cells - actors, 0.0) / rows:.2f} s per 1,000 rows); best of {len(parties)}"
            )
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(run)
            pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
