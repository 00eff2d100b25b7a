"""Benchmark: how the renderers scale with the number of agreements.

For each size ``n``, ``n`` synthetic agreements are built without Hypothesis
(:func:`agreements_of`): each from :func:`agreements.testing.synthetic_pair`
(12 clauses in the words of the Daraa agreements), with its own id, a title,
a status, a date (a few a month, some known only to the month or the year, so
that dates cluster and labels crowd) and up to four events. The comparison
(``compare``) and the timeline (``timeline``, with the changes between
agreements) are built once, untimed; then each renderer is timed on them:

- ``comparison.to_html``: the HTML page, with its two timeline pictures (it
  builds its own timeline without changes, which is part of the time);
- ``comparison.to_markdown`` and ``comparison.to_json``;
- ``timeline.to_svg``: the timeline picture alone;
- ``timeline.to_html``: the timeline's own page, where the library has it.

Reported per renderer and size: the time (the best of up to five runs while
they take under two seconds in all: the machine is shared, and noise only
ever adds time), the peak memory of one more run traced by ``tracemalloc``
(Python allocations of the call itself), the size of the output, and the
growth exponent ``k`` of the time from the size before (``time ~ n**k``:
1 is linear, 2 quadratic). Everything runs in this process, one renderer
after another.

Run by hand::

    python benchmarks/bench_render.py                      # 5, 50, 500 and 1,000 agreements
    python benchmarks/bench_render.py --sizes 50 500       # the sizes the targets name
    python benchmarks/bench_render.py --quick              # the CI smoke run: 5 and 50, one run each

To measure another checkout (the commit before a change, say), put its
``src`` first on the path: ``PYTHONPATH=/tmp/before/src python
benchmarks/bench_render.py``. ``--markdown`` prints the table for
docs/performance.md.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from _measure import peak_bytes

import agreements
from agreements import compare, timeline
from agreements.model import Agreement, Citation, Event, EventKind, PartialDate, Status
from agreements.testing import synthetic_pair

Result = dict[str, Any]

_REPEAT = 5
_REPEAT_BUDGET = 2.0
_CLAUSES = 12
_KINDS = (EventKind.TALKS, EventKind.SIGNING, EventKind.HANDOVER, EventKind.COLLAPSE, EventKind.OTHER)
_STATUSES = tuple(Status)
_WORDS = (
    "ceasefire",
    "agreement",
    "on",
    "Daraa",
    "al-Balad",
    "Tafas",
    "the",
    "handover",
    "of",
    "heavy",
    "weapons",
    "checkpoints",
    "and",
    "return",
    "civilians",
    "درعا",
    "اتفاق",
)


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high))).capitalize()


def _date(rng: random.Random, number: int, n: int) -> PartialDate:
    # A few agreements a month from 2011 on, in bursts, so that some clusters crowd.
    month = 2011 * 12 + (number * 40) // max(n, 1) + rng.choice((0, 0, 0, 1, 5))
    year, month_index = divmod(month, 12)
    roll = rng.random()
    if roll < 0.1:
        return PartialDate(year=year)
    if roll < 0.3:
        return PartialDate(year=year, month=month_index + 1, approximate=rng.random() < 0.3)
    return PartialDate(year=year, month=month_index + 1, day=rng.randint(1, 28))


def agreements_of(n: int, *, seed: int = 2021) -> list[Agreement]:
    """``n`` synthetic agreements with events, the same for the same arguments."""
    rng = random.Random(seed)  # test data from a seed, not secrets
    base = synthetic_pair(_CLAUSES, seed=seed, edit_rate=0).before
    found: list[Agreement] = []
    for number in range(n):
        # Every fifth agreement has clauses of its own; the rest share the base's, edited.
        if number % 5 == 0:
            base = synthetic_pair(_CLAUSES, seed=seed + number, edit_rate=0).before
        date = _date(rng, number, n)
        cite = (Citation(source="synthetic-source", quote=f"Agreement number {number} was reached."),)
        events = [
            Event(
                id=f"e{index}",
                date=PartialDate(year=date.year, month=date.month or 1, day=rng.randint(1, 28)),
                kind=rng.choice(_KINDS),
                summary=_text(rng, 4, 14) + ".",
                citations=(Citation(source="synthetic-source", quote=f"Event {index} of {number}."),),
            )
            for index in range(rng.randint(0, 4))
        ]
        found.append(
            attrs.evolve(
                base,
                id=f"agreement-{number:05d}",
                title=_text(rng, 2, 9),
                date=date,
                status=rng.choice(_STATUSES),
                citations=cite,
                clauses=base.clauses[: rng.randint(_CLAUSES // 2, _CLAUSES)],
                events=events,
            )
        )
    return found


def _renderers(items: Sequence[Agreement]) -> dict[str, Callable[[], Any]]:
    """Each renderer, as a call on a comparison and a timeline built here, untimed."""
    table = compare(items)
    line = timeline(items)
    found: dict[str, Callable[[], Any]] = {
        "comparison.to_html": table.to_html,
        "comparison.to_markdown": table.to_markdown,
        "comparison.to_json": table.to_json,
        "timeline.to_svg": line.to_svg,
    }
    if hasattr(line, "to_html"):  # not in every version the benchmark may run against
        found["timeline.to_html"] = line.to_html
    return found


def _time(call: Callable[[], Any], *, quick: bool) -> tuple[float, int, int]:
    """The best time of up to five runs while they take under two seconds, the runs, the output's size."""
    times: list[float] = []
    output: Any = None
    while not times or (not quick and len(times) < _REPEAT and sum(times) < _REPEAT_BUDGET):
        start = time.perf_counter()
        output = call()
        times.append(time.perf_counter() - start)
    return min(times), len(times), len(output) if isinstance(output, str) else 0


def bench(sizes: Sequence[int], *, seed: int, quick: bool, only: Sequence[str] = ()) -> list[Result]:
    """Time and trace each renderer at each size; one result row per renderer and size."""
    rows: list[Result] = []
    previous: dict[str, Result] = {}
    for size in sizes:
        start = time.perf_counter()
        calls = _renderers(agreements_of(size, seed=seed))
        print(f"# {size} agreements built in {time.perf_counter() - start:.2f} s", file=sys.stderr)
        for name, call in calls.items():
            if only and name not in only:
                continue
            call()  # warm up caches and lazy imports
            seconds, runs, chars = _time(call, quick=quick)
            row: Result = {
                "size": size,
                "renderer": name,
                "time": seconds,
                "runs": runs,
                "peak": peak_bytes(call),
                "chars": chars,
                "exponent": _exponent(previous.get(name), size, seconds),
            }
            previous[name] = row
            rows.append(row)
            print(_line(row), file=sys.stderr, flush=True)
    return rows


def _exponent(before: Result | None, size: int, seconds: float) -> float | None:
    """``k`` in ``time ~ size**k`` between the size before and this one."""
    if before is None or before["size"] == size or before["time"] <= 0 or seconds <= 0:
        return None
    return math.log(seconds / before["time"]) / math.log(size / before["size"])


def _growth(row: Result) -> str:
    return "" if row["exponent"] is None else f"{row['exponent']:.2f}"


def _line(row: Result) -> str:
    return (
        f"{row['size']:>6} {row['renderer']:<24} {row['time']:9.4f} s ({row['runs']} runs)"
        f" {row['peak'] / 2**20:8.1f} MiB {row['chars'] / 1000:9.0f} kchars  k {_growth(row):>5}"
    )


def markdown(rows: Sequence[Result]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| agreements | renderer | time (s) | peak memory (MiB) | output (k chars) | growth k |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {row['size']:,} | {row['renderer']} | {row['time']:.4f} | {row['peak'] / 2**20:.1f}"
        f" | {row['chars'] / 1000:,.0f} | {_growth(row)} |"
        for row in sorted(rows, key=lambda row: (row["renderer"], row["size"]))
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="default 5 50 500 1000")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--only", nargs="+", default=(), metavar="RENDERER", help="e.g. timeline.to_svg")
    parser.add_argument("--quick", action="store_true", help="smoke run: 5 and 50 agreements, one run each")
    parser.add_argument("--markdown", action="store_true", help="print the table for docs/performance.md")
    options = parser.parse_args(argv)
    sizes = options.sizes or ([5, 50] if options.quick else [5, 50, 500, 1_000])
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"seed {options.seed}, agreements from {os.path.dirname(agreements.__file__)}",
        file=sys.stderr,
    )
    rows = bench(sizes, seed=options.seed, quick=options.quick, only=options.only)
    if options.markdown:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
