"""Benchmark: reading a PA-X release, and the similarity of all its pairs of agreements.

Reads the PA-X file (by default ``../shared/pax/pax-v3-all-agreements.csv``,
1,868 agreements; with ``--synthetic N`` or when the file is not there, N rows
made up in the same shape), then times:

- ``read``: :func:`agreements.pax.read` of the whole file, per thousand rows too;
- ``nearest``: :func:`agreements.similar.nearest`, the ten most similar of every
  agreement, with NumPy (all pairs as matrix products) and, with ``--pure`` or
  ``--quick``, without it;
- ``similar``: one agreement against all the others, both paths.

Each time is the best of ``--repeat`` runs (CPU time of this process, and wall
time; on a shared machine the two differ). ``--quick`` is the CI smoke run: 200
made-up rows, both paths, and a check that they give the same answer.

Run from the project's root::

    python benchmarks/bench_similar.py                  # the v3 release, NumPy path
    python benchmarks/bench_similar.py --pure           # and the pure path (slow on 1,868)
    python benchmarks/bench_similar.py --quick          # the CI smoke run
"""

from __future__ import annotations

import argparse
import csv
import io
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from agreements import pax
from agreements.similar import nearest, similar

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "pax" / "pax-v3-all-agreements.csv"
_T = TypeVar("_T")

_NAMES = [
    "Hayat Tahrir al-Sham", "Ahrar al-Sham", "Faylaq al-Rahman", "Jaysh al-Islam", "Syrian Government",
    "Free Syrian Army", "People's Protection Units (YPG)", "Russian Federation", "Local Council of Aleppo",
    "Sheikh Ahmed al-Khaled", "Residents of Wadi Barada", "Nour al-Din al-Zenki Movement",
]  # fmt: skip
_ROLES = ["Guarantor: ", "Witness: ", "Mediated by ", "", "In the presence of "]
_TITLE_WORDS = [
    "agreement",
    "ceasefire",
    "truce",
    "hudna",
    "evacuation",
    "prisoners",
    "exchange",
    "checkpoint",
    "council",
    "local",
    "idlib",
    "homs",
]


def synthetic(rows: int, seed: int = 2021) -> str:
    """``rows`` made-up PA-X rows with the v3 columns: random topic codes, parties and third parties."""
    chooser = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(pax.V3_COLUMNS)
    for number in range(rows):
        cells = dict.fromkeys(pax.V3_COLUMNS, "0")
        for variable in chooser.sample(sorted(pax.VARIABLES.keys() & set(pax.V3_COLUMNS)), 15):
            cells[variable] = str(chooser.randint(1, 3 if pax.VARIABLES[variable].graded else 1))
        cells.update(
            Con=chooser.choice(["Syria", "Yemen", "Libya", "Somalia"]),
            PP=str(chooser.randint(100, 140)),
            PPName=chooser.choice(["Syrian Local Agreements", "Yemen peace process"]),
            AgtId=str(number + 1),
            Agt=" ".join(chooser.sample(_TITLE_WORDS, 5)).capitalize(),
            Dat=f"{chooser.randint(1995, 2020)}-{chooser.randint(1, 12):02d}-{chooser.randint(1, 28):02d}",
            Stage=chooser.choice(["Pre", "SubPar", "Cea", "Imp"]),
            Agtp="IntraLocal",
            Part=";\r\n".join(chooser.sample(_NAMES, chooser.randint(1, 4))),
            ThrdPart="\r\n".join(
                chooser.choice(_ROLES) + name for name in chooser.sample(_NAMES, chooser.randint(0, 2))
            ),
        )
        writer.writerow([cells[column] for column in pax.V3_COLUMNS])
    return out.getvalue()


_COLD_READ = """
import sys, time
from agreements import pax
started, clock = time.process_time(), time.perf_counter()
corpus = pax.read(sys.argv[1])
print(time.process_time() - started, time.perf_counter() - clock, len(corpus.agreements))
"""


def cold_read(path: Path, repeat: int) -> tuple[float, float, int]:
    """Reading ``path`` in a fresh interpreter each time (no cache warm from an earlier read): best CPU and wall time."""
    cpu, wall, rows = [], [], 0
    for _ in range(repeat):
        found = subprocess.run(
            [sys.executable, "-c", _COLD_READ, str(path)], capture_output=True, text=True, check=True
        ).stdout.split()
        cpu.append(float(found[0]))
        wall.append(float(found[1]))
        rows = int(found[2])
    return min(cpu), min(wall), rows


def best(repeat: int, run: Callable[[], _T]) -> tuple[float, float, _T]:
    """The least CPU time and the least wall time of ``repeat`` runs, and the last result."""
    cpu, wall = [], []
    result = run()
    for _ in range(repeat):
        started, clock = time.process_time(), time.perf_counter()
        result = run()
        cpu.append(time.process_time() - started)
        wall.append(time.perf_counter() - clock)
    return min(cpu), min(wall), result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--file", type=Path, default=DEFAULT, help="the PA-X CSV file (default: the v3 release)"
    )
    parser.add_argument("--synthetic", type=int, metavar="N", help="N made-up rows instead of a file")
    parser.add_argument("--pure", action="store_true", help="time the pure path of nearest() too")
    parser.add_argument("--repeat", type=int, default=3, help="runs to take the best of (default 3)")
    parser.add_argument(
        "--quick", action="store_true", help="CI smoke run: 200 made-up rows, both paths, once"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.synthetic, args.pure, args.repeat = args.synthetic or 200, True, 1
    if args.synthetic is None and not args.file.is_file():
        print(f"{args.file} is not there: timing 1,868 made-up rows instead")
        args.synthetic = 1868
    with tempfile.TemporaryDirectory() as folder:
        path = args.file
        if args.synthetic is not None:
            path = Path(folder) / f"synthetic-{args.synthetic}.csv"
            path.write_text(synthetic(args.synthetic), encoding="utf-8")
        print(f"machine: {platform.machine()}, CPython {platform.python_version()}; {path.name}")
        cpu, wall, rows = cold_read(path, args.repeat)
        print(
            f"read     {rows} rows in a fresh interpreter: {cpu:.2f} s CPU ({cpu / rows * 1000:.2f} s per thousand rows), {wall:.2f} s wall"
        )
        corpus = pax.read(path)
    cpu, wall, found = best(args.repeat, lambda: nearest(corpus, k=10, use_numpy=True))
    print(f"nearest  all {rows * (rows - 1) // 2:,} pairs, NumPy: {cpu:.2f} s CPU, {wall:.2f} s wall")
    first = next(iter(corpus.agreements))
    cpu, wall, one = best(args.repeat, lambda: similar(first, corpus, use_numpy=True))
    print(f"similar  one against {rows - 1}, NumPy: {cpu:.3f} s CPU, {wall:.3f} s wall")
    cpu, wall, pure_one = best(args.repeat, lambda: similar(first, corpus, use_numpy=False))
    print(f"similar  one against {rows - 1}, pure: {cpu:.3f} s CPU, {wall:.3f} s wall")
    if pure_one != one:
        print("the two paths of similar() disagree", file=sys.stderr)
        return 1
    if args.pure:
        cpu, wall, pure = best(1, lambda: nearest(corpus, k=10, use_numpy=False))
        print(f"nearest  all pairs, pure: {cpu:.2f} s CPU, {wall:.2f} s wall")
        if pure != found:
            print("the two paths of nearest() disagree", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
