"""Benchmark: ``check()`` of one large agreement and of large corpora, and ``load()`` split into parse and check.

Data, each the same for the same seed:

- one agreement of ``n`` clauses: ``synthetic_pair(n, seed).before``, with a
  registry (an actor, place and source for every id its clauses name) so
  that every reference resolves, and with the weapons term dropped from the
  few clauses that contradict an earlier one (the generator draws holders
  and weapon classes from short lists, so contradicting pairs would grow with
  the square of ``n``; a file with errors would not load). The problems
  found are printed, so the data's changes show.
- a corpus of ``n`` agreements: the built-in corpus's agreements repeated
  under fresh ids, with its actors, places and sources.

For each, the median wall time (and the best) and the median CPU time of
this process (the machine may be shared) of ``--repeat`` runs of:

- ``check``: ``agreements.check(subject)`` (an agreement is checked against
  its registry, as ``check(mine, corpus=registry)``);
- ``parse``: ``agreements.load(file, check=False)`` of the subject written as
  one JSON corpus file (reading, parsing, structuring the records);
- ``load``: ``agreements.load(file)``, which also checks.

Peak memory is traced by ``tracemalloc`` in a separate run (tracing slows
Python code), and "growth" is the exponent of time over size fitted by least
squares on a log-log scale over the sizes up to that row (1 is linear), of
the median CPU time (on a shared machine the wall time also counts the
waits for a core).

Run by hand::

    python benchmarks/bench_check.py              # 1k to 30k clauses, 5 to 500 agreements, five runs each
    python benchmarks/bench_check.py --quick      # the CI smoke run: 1k clauses, 5 and 50 agreements, one run
    python benchmarks/bench_check.py --markdown   # the tables of docs/performance.md

The smoke run exits 1 if a benchmark file does not load or the data has an
error; it sets no time limit (timing belongs here, not in tests).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
from _measure import peak_bytes, runs

import agreements as ag
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Clause,
    Corpus,
    Place,
    PlaceKind,
    Source,
)
from agreements.testing import synthetic_pair

Result = dict[str, Any]

_CONTRADICTIONS = frozenset({"must-and-must-not", "handover-and-retain"})


# ------------------------------------------------------------------ data


def _registry(agreement: Agreement) -> Corpus:
    """An actor, place and source for every id ``agreement`` names, so that every reference resolves."""
    actors: set[str] = set()
    places: set[str] = set()
    sources = {citation.source for citation in agreement.citations}
    actors.update(party.actor for party in agreement.parties)
    actors.update(party.actor for party in agreement.third_parties)
    for clause in agreement.clauses:
        actors.update(clause.obligors)
        places.update(clause.places)
        sources.update(citation.source for citation in clause.citations)
        term = clause.weapons
        if term is not None:
            actors.update(actor for actor in (term.holder, term.recipient) if actor is not None)
            if term.destination is not None:
                places.add(term.destination)
    return Corpus(
        actors=[Actor(id=actor, name=actor, kind=ActorKind.ARMED_GROUP) for actor in sorted(actors)],
        places=[Place(id=place, name=place, kind=PlaceKind.TOWN) for place in sorted(places)],
        sources=[Source(id=source, description=f"Synthetic source {source}") for source in sorted(sources)],
    )


def agreement_of(clauses: int, *, seed: int) -> Corpus:
    """One agreement of ``clauses`` clauses in a corpus with its registry, free of contradictions."""
    agreement = synthetic_pair(clauses, seed=seed, edit_rate=0).before
    registry = _registry(agreement)
    problems = ag.check(agreement, corpus=registry)
    flagged = {_clause_index(problem.path) for problem in problems if problem.code in _CONTRADICTIONS}
    if flagged:
        kept: list[Clause] = [
            attrs.evolve(clause, weapons=None) if index in flagged else clause
            for index, clause in enumerate(agreement.clauses)
        ]
        agreement = attrs.evolve(agreement, clauses=kept)
    return Corpus(
        actors=registry.actors.values(),
        places=registry.places.values(),
        sources=registry.sources.values(),
        agreements=[agreement],
    )


def _clause_index(path: str) -> int:
    """The clause position in a problem's path: ``clauses[12].modality`` -> 12."""
    return int(path.split("clauses[", 1)[1].split("]", 1)[0])


def corpus_of(count: int) -> Corpus:
    """The built-in corpus's agreements repeated under fresh ids up to ``count`` agreements."""
    base = ag.corpus()
    originals = list(base.agreements.values())
    found: list[Agreement] = []
    for number in range(count):
        original = originals[number % len(originals)]
        round_ = number // len(originals)
        found.append(original if round_ == 0 else attrs.evolve(original, id=f"{original.id}-{round_}"))
    return Corpus(
        actors=base.actors.values(),
        places=base.places.values(),
        sources=base.sources.values(),
        agreements=found,
        vocabulary=base.vocabulary,
    )


# ------------------------------------------------------------------ timing


def _timed(call: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """The median and the best wall time, and the median CPU time, of ``repeat`` runs of ``call``."""
    call()  # a warm-up run, untimed: imports, caches and the file in the page cache
    times, cpu_times = runs(call, repeat)
    return statistics.median(times), min(times), statistics.median(cpu_times)


def growth(sizes: Sequence[float], times: Sequence[float]) -> float | None:
    """The exponent ``k`` of ``time ~ size**k``, fitted by least squares on a log-log scale."""
    points = [
        (math.log(size), math.log(time_)) for size, time_ in zip(sizes, times, strict=True) if time_ > 0
    ]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def measure(kind: str, size: int, corpus: Corpus, folder: Path, repeat: int) -> Result:
    """Check, parse and load times and peaks of one subject (an agreement, or the whole corpus)."""
    subject: Agreement | Corpus = corpus
    if kind == "clauses":
        subject = next(iter(corpus.agreements.values()))
        registry = attrs.evolve(corpus, agreements=[])

        def run_check() -> object:
            return ag.check(subject, corpus=registry)
    else:

        def run_check() -> object:
            return ag.check(subject)

    path = folder / f"{kind}-{size}.json"
    path.write_text(ag.dumps(corpus, "json"), encoding="utf-8")
    limit = path.stat().st_size + 1
    problems = ag.check(subject, corpus=registry) if kind == "clauses" else ag.check(subject)
    check_time, check_best, check_cpu = _timed(run_check, repeat)
    parse_time, parse_best, parse_cpu = _timed(lambda: ag.load(path, check=False, max_bytes=limit), repeat)
    load_time, load_best, load_cpu = _timed(lambda: ag.load(path, max_bytes=limit), repeat)
    return {
        "kind": kind,
        "size": size,
        "megabytes": path.stat().st_size / 1e6,
        "problems": Counter(f"{problem.severity} {problem.code}" for problem in problems),
        "check": check_time,
        "check best": check_best,
        "check CPU": check_cpu,
        "parse CPU": parse_cpu,
        "load CPU": load_cpu,
        "check MiB": peak_bytes(run_check) / 2**20,
        "parse": parse_time,
        "parse best": parse_best,
        "load": load_time,
        "load best": load_best,
        "load MiB": peak_bytes(lambda: ag.load(path, max_bytes=limit)) / 2**20,
    }


# ------------------------------------------------------------------ output


def _growths(results: Sequence[Result], key: str) -> list[float | None]:
    return [
        growth([row["size"] for row in results[: index + 1]], [row[key] for row in results[: index + 1]])
        for index in range(len(results))
    ]


def _exponent(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def print_text(results: Sequence[Result]) -> None:
    for kind in ("clauses", "agreements"):
        rows = [row for row in results if row["kind"] == kind]
        check_growth, load_growth = _growths(rows, "check CPU"), _growths(rows, "load CPU")
        for row, check_k, load_k in zip(rows, check_growth, load_growth, strict=True):
            share = row["check CPU"] / row["load CPU"] if row["load CPU"] else 0.0
            print(
                f"{row['size']:>6} {kind:<10} {row['megabytes']:6.1f} MB"
                f"  check {row['check']:7.3f} s (best {row['check best']:.3f}, CPU {row['check CPU']:.3f})"
                f" {row['check MiB']:6.2f} MiB growth {_exponent(check_k):>5}"
                f"  parse {row['parse']:7.3f} s (CPU {row['parse CPU']:.3f})"
                f"  load {row['load']:7.3f} s (CPU {row['load CPU']:.3f}) {row['load MiB']:6.1f} MiB"
                f" growth {_exponent(load_k):>5}  check/load CPU {share:4.0%}"
                f"  problems {dict(row['problems']) or 'none'}"
            )


def print_markdown(results: Sequence[Result]) -> None:
    print(
        "| subject | size | file (MB) | check (s) | check CPU (s) | check peak (MiB) | CPU growth"
        " | parse (s) | parse CPU (s) | load (s) | load CPU (s) | load peak (MiB) | CPU growth |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in ("clauses", "agreements"):
        rows = [row for row in results if row["kind"] == kind]
        check_growth, load_growth = _growths(rows, "check CPU"), _growths(rows, "load CPU")
        for row, check_k, load_k in zip(rows, check_growth, load_growth, strict=True):
            print(
                f"| {'one agreement' if kind == 'clauses' else 'corpus'} | {row['size']:,} {kind}"
                f" | {row['megabytes']:.1f} | {row['check']:.3f} | {row['check CPU']:.3f} | {row['check MiB']:.2f}"
                f" | {_exponent(check_k)} | {row['parse']:.3f} | {row['parse CPU']:.3f} | {row['load']:.3f}"
                f" | {row['load CPU']:.3f} | {row['load MiB']:.1f} | {_exponent(load_k)} |"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clauses", type=int, nargs="*", default=[1000, 3000, 10000, 30000])
    parser.add_argument("--agreements", type=int, nargs="*", default=[5, 50, 500])
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs per measurement (the median is shown)"
    )
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 1,000 clauses, 5 and 50 agreements, one run"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table for docs/performance.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.clauses, args.agreements, args.repeat = [1000], [5, 50], 1
    load = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs,"
        f" load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, seed {args.seed}, {args.repeat} runs each"
    )
    results: list[Result] = []
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for clauses in args.clauses:
            corpus = agreement_of(clauses, seed=args.seed)
            results.append(measure("clauses", clauses, corpus, Path(folder), args.repeat))
        results += [
            measure("agreements", count, corpus_of(count), Path(folder), args.repeat)
            for count in args.agreements
        ]
    for row in results:
        errors = {code: number for code, number in row["problems"].items() if code.startswith("error")}
        if errors:
            print(
                f"error: the benchmark data of {row['size']} {row['kind']} has errors: {errors}",
                file=sys.stderr,
            )
            failed = True
    if args.markdown:
        print_markdown(results)
    else:
        print_text(results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
