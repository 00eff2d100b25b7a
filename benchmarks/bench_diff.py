"""Benchmark: agreements.diff against DeepDiff and a difflib baseline, on the same data.

For each size, one synthetic agreement pair with known edits is built
(``agreements.testing.strategies.synthetic_pair``), and each tool runs on it in
its own process with a timeout, so a slow peer is really stopped. Reported per
tool: wall time (the best of up to five runs while they take under two
seconds in all; one run for slower tools), peak memory traced by
``tracemalloc`` in a separate run (Python allocations of the diff call itself,
inputs excluded; tracing slows Python code several times, so it is not timed),
and the precision, recall and F1 of the clause pairs it finds against the
truth. ``agreements-pure`` is the same diff without numpy.

Run by hand (deepdiff is a benchmark-only dependency)::

    python benchmarks/bench_diff.py                      # 100, 1,000, 5,000 and 10,000 clauses
    python benchmarks/bench_diff.py --sizes 100 --quick  # the CI smoke run

``--markdown`` prints the table for docs/performance.md. ``--sweep 1000``
instead sweeps the pairing threshold over 1,000 ``edited()`` pairs and prints
precision and recall at each value (the tables in docs/diff.md).
"""

from __future__ import annotations

import argparse
import difflib
import multiprocessing
import os
import platform
import re
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from hypothesis.strategies import SearchStrategy

from agreements import similarity
from agreements._diff.align import ID_THRESHOLD, THRESHOLD, _features, _match, _telling, align
from agreements.diff import Changed, PairedBy, Unchanged, diff
from agreements.model import Agreement, Citation, Clause
from agreements.serialize import to_data
from agreements.testing import EditedPair, synthetic_pair
from agreements.testing.strategies import edited

Pairs = set[tuple[str, str]]
Result = dict[str, Any]

TOOLS = ("agreements", "agreements-pure", "deepdiff", "difflib")
_REPEAT = 5
_REPEAT_BUDGET = 2.0


def _ours(a: Agreement, b: Agreement) -> Pairs:
    found = diff(a, b)
    return {(c.old.id, c.new.id) for c in found.clauses if isinstance(c, Changed | Unchanged)}


def _ours_pure(a: Agreement, b: Agreement) -> Pairs:
    # The same diff without numpy: one rapidfuzz process.extract call per row.
    similarity.HAS_NUMPY = False
    return _ours(a, b)


def _clause_data(clauses: Sequence[Clause]) -> list[dict[str, Any]]:
    return [to_data(clause) for clause in clauses]


_TOP_INDEX = re.compile(r"root\[(\d+)\]")


def _deepdiff(a: Agreement, b: Agreement) -> Pairs:
    from deepdiff import DeepDiff  # noqa: PLC0415 - benchmark-only dependency, imported in the child

    old, new = _clause_data(a.clauses), _clause_data(b.clauses)
    tree = DeepDiff(old, new, ignore_order=True, view="tree")
    paired: dict[int, int] = {}
    unpaired_old: set[int] = set()
    unpaired_new: set[int] = set()
    for report, levels in tree.items():
        for level in levels:
            left = _TOP_INDEX.match(level.path() or "")
            right = _TOP_INDEX.match(level.path(use_t2=True) or "")
            if report == "iterable_item_removed" and left:
                unpaired_old.add(int(left.group(1)))
            elif report == "iterable_item_added" and right:
                unpaired_new.add(int(right.group(1)))
            elif left and right:
                paired[int(left.group(1))] = int(right.group(1))
    # DeepDiff does not report items it found identical: pair those by equality, in order.
    free_new: dict[str, list[int]] = {}
    for j, item in enumerate(new):
        if j not in unpaired_new and j not in paired.values():
            free_new.setdefault(repr(item), []).append(j)
    for i, item in enumerate(old):
        if i in unpaired_old or i in paired:
            continue
        same = free_new.get(repr(item))
        if same:
            paired[i] = same.pop(0)
    return {(a.clauses[i].id, b.clauses[j].id) for i, j in paired.items()}


def _difflib(a: Agreement, b: Agreement) -> Pairs:
    old = [clause.summary for clause in a.clauses]
    new = [clause.summary for clause in b.clauses]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    found: Pairs = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in {"equal", "replace"}:
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                found.add((a.clauses[i].id, b.clauses[j].id))
    return found


_RUNNERS: dict[str, Callable[[Agreement, Agreement], Pairs]] = {
    "agreements": _ours,
    "agreements-pure": _ours_pure,
    "deepdiff": _deepdiff,
    "difflib": _difflib,
}


def _child(tool: str, a: Agreement, b: Agreement, traced: bool, out: Any) -> None:
    runner = _RUNNERS[tool]
    # Warm up imports and caches (numpy, rapidfuzz, DeepDiff's own) on a small slice.
    runner(_head(a, 50), _head(b, 50))
    if traced:
        tracemalloc.start()
        pairs = runner(a, b)
        out.send({"time": 0.0, "peak": tracemalloc.get_traced_memory()[1], "pairs": sorted(pairs)})
        tracemalloc.stop()
        return
    # The best of up to five runs while they take under two seconds in all, as
    # timeit does: the machine is shared, and noise only ever adds time.
    times: list[float] = []
    while not times or (len(times) < _REPEAT and sum(times) < _REPEAT_BUDGET):
        start = time.perf_counter()
        pairs = runner(a, b)
        times.append(time.perf_counter() - start)
    out.send({"time": min(times), "runs": len(times), "peak": 0, "pairs": sorted(pairs)})


def _head(agreement: Agreement, count: int) -> Agreement:
    return attrs.evolve(agreement, clauses=agreement.clauses[:count])


def _in_child(tool: str, a: Agreement, b: Agreement, timeout: float, *, traced: bool) -> Result | None:
    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(target=_child, args=(tool, a, b, traced, send), daemon=True)
    process.start()
    send.close()
    if receive.poll(timeout):
        result: Result = receive.recv()
        process.join()
        return result
    process.kill()
    process.join()
    return None


def _run(tool: str, a: Agreement, b: Agreement, timeout: float) -> Result:
    """Time untraced runs, then trace one more for memory; either can time out."""
    timed = _in_child(tool, a, b, timeout, traced=False)
    if timed is None:
        return {"timed_out": True}
    traced = _in_child(tool, a, b, timeout, traced=True)
    timed["peak"] = None if traced is None else traced["peak"]
    return timed


def _accuracy(found: Pairs, truth: Pairs) -> tuple[float, float, float]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bench(
    sizes: Sequence[int], *, seed: int, timeout: float, tools: Sequence[str], renumber: bool | None = None
) -> list[Result]:
    """Run every tool on one synthetic pair per size; one result row per tool and size."""
    rows: list[Result] = []
    for size in sizes:
        pair = synthetic_pair(size, seed=seed, renumber=renumber)
        truth = {(old, new) for old, new in pair.truth.pairs}
        for tool in tools:
            result = _run(tool, pair.before, pair.after, timeout)
            row: Result = {"size": size, "tool": tool}
            if result.get("timed_out"):
                row["timed_out"] = True
            else:
                found = {(old, new) for old, new in result["pairs"]}
                precision, recall, f1 = _accuracy(found, truth)
                row.update(
                    time=result["time"], peak=result["peak"], precision=precision, recall=recall, f1=f1
                )
            rows.append(row)
            print(_line(row), file=sys.stderr, flush=True)
    return rows


def _line(row: Result) -> str:
    if row.get("timed_out"):
        return f"{row['size']:>6} {row['tool']:<15} timed out"
    return (
        f"{row['size']:>6} {row['tool']:<15} {row['time']:9.3f} s {_mib(row['peak']):>9} MiB"
        f"  P {row['precision']:.4f}  R {row['recall']:.4f}  F1 {row['f1']:.4f}"
    )


def markdown(rows: Sequence[Result], timeout: float) -> str:
    """The results as a Markdown table, with the speed-up over each peer."""
    lines = [
        "| clauses | tool | time (s) | peak memory (MiB) | pair precision | pair recall | pair F1 | time / ours |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    ours = {row["size"]: row for row in rows if row["tool"] == "agreements"}
    for row in rows:
        size = f"{row['size']:,}"
        if row.get("timed_out"):
            lines.append(
                f"| {size} | {row['tool']} | > {timeout:g} (timed out) | | | | | > {_speedup(ours, row, timeout)} |"
            )
            continue
        faster = "" if row["tool"].startswith("agreements") else _speedup(ours, row, row["time"])
        lines.append(
            f"| {size} | {row['tool']} | {row['time']:.3f} | {_mib(row['peak'])} | {row['precision']:.4f}"
            f" | {row['recall']:.4f} | {row['f1']:.4f} | {faster} |"
        )
    return "\n".join(lines)


def _mib(peak: int | None) -> str:
    return "timed out" if peak is None else f"{peak / 2**20:.1f}"  # the traced run can time out alone


def _speedup(ours: dict[int, Result], row: Result, seconds: float) -> str:
    mine = ours.get(row["size"])
    if not mine or mine.get("timed_out"):
        return ""
    ratio = seconds / mine["time"]
    return f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.2g}x"


def _draw(strategy: SearchStrategy[EditedPair], count: int) -> list[EditedPair]:
    """``count`` examples of ``strategy``, the same on every run."""
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415 - only the sweep needs it

    drawn: list[EditedPair] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(pair: EditedPair) -> None:
        drawn.append(pair)

    draw()
    return drawn[:count]


def _requoted(agreement: Agreement) -> Agreement:
    """Each clause quoting its own summary: no citation links old and new, only text and structure."""
    clauses = [
        attrs.evolve(clause, citations=[Citation(source="requoted", quote=clause.summary)])
        for clause in agreement.clauses
    ]
    return attrs.evolve(agreement, clauses=clauses)


def sweep_data(count: int) -> list[EditedPair]:
    """Edited pairs for calibration: mostly edits of fixed agreements, some of drawn ones.

    ``edited()`` over a fixed agreement is fast; over an agreement it draws
    itself it covers odd shapes but takes about half a second a pair. The
    fixed ones are the built-in corpus and synthetic agreements of 20 to 120
    clauses; half the pairs have single-field edits, half any edits
    (including rewritten second halves of summaries).
    """
    from hypothesis import strategies as st  # noqa: PLC0415 - only the sweep needs it

    from agreements.corpus import corpus  # noqa: PLC0415 - only the sweep needs it

    bases = [
        *corpus().agreements.values(),
        *(synthetic_pair(size, seed=size, edit_rate=0).before for size in (20, 40, 60, 120)),
    ]
    drawn = max(1, count // 10)
    pairs: list[EditedPair] = []
    for single in (True, False):

        def edit(base: Agreement, single: bool = single) -> SearchStrategy[EditedPair]:
            return edited(base, single_field=single)

        fixed = st.sampled_from(bases).flatmap(edit)
        pairs += _draw(fixed, count // 2 - drawn // 2)
        pairs += _draw(edited(single_field=single), drawn // 2)
    return pairs


def _score(pairs: Sequence[EditedPair], threshold: float, id_threshold: float) -> Result:
    hits = found_total = truth_total = edit_hits = edit_total = 0
    for pair in pairs:
        old, new = pair.before.clauses, pair.after.clauses
        matches = align(old, new, threshold=threshold, id_threshold=min(id_threshold, threshold))
        found = {(old[m.old].id, new[m.new].id) for m in matches}
        truth = set(pair.truth.pairs)
        edits = {(edit.before, edit.after) for edit in pair.truth.edits}
        hits += len(found & truth)
        found_total += len(found)
        truth_total += len(truth)
        edit_hits += len(found & edits)
        edit_total += len(edits)
    precision = hits / found_total if found_total else 1.0
    recall = hits / truth_total if truth_total else 1.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "edit_recall": edit_hits / edit_total if edit_total else 1.0,
    }


def sweep(count: int) -> str:
    """Pair precision and recall at each threshold, with and without citation evidence, as Markdown.

    ``edit recall`` is the share of edited clauses (the truth's ``edits``)
    found. "Text only" gives every clause a quote of its own summary, so that
    no citation links old and new clauses: the harder case, where only the
    words of the summaries and the structure pair them.
    """
    pairs = sweep_data(count)
    requoted = [
        attrs.evolve(pair, before=_requoted(pair.before), after=_requoted(pair.after)) for pair in pairs
    ]
    clauses = sum(len(pair.before.clauses) for pair in pairs)
    lines = [
        f"{len(pairs)} edited pairs, {clauses} clauses before editing; id threshold {ID_THRESHOLD}.",
        "",
        "| threshold | precision | recall | F1 | edit recall | text only: precision | recall | F1 | edit recall |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for step in range(13):
        threshold = round(0.3 + 0.05 * step, 2)
        cited = _score(pairs, threshold, ID_THRESHOLD)
        text = _score(requoted, threshold, ID_THRESHOLD)
        mark = "**" if threshold == THRESHOLD else ""
        lines.append(f"| {mark}{threshold:.2f}{mark} | {_cells(cited)} | {_cells(text)} |")
        print(lines[-1], file=sys.stderr, flush=True)
    lines += [
        "",
        f"Same-id bar, threshold {THRESHOLD}, text only:",
        "",
        "| id threshold | precision | recall | F1 | edit recall |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for step in range(6):
        id_threshold = round(0.3 + 0.05 * step, 2)
        mark = "**" if id_threshold == ID_THRESHOLD else ""
        lines.append(
            f"| {mark}{id_threshold:.2f}{mark} | {_cells(_score(requoted, THRESHOLD, id_threshold))} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    edited_totals, unrelated_totals = _totals(requoted)
    lines += [
        "",
        f"Scores, text only: {len(edited_totals)} pairs of a clause and its edited self, "
        f"{len(unrelated_totals)} pairs of unrelated clauses of one category:",
        "",
        "| threshold | edited pairs under it | unrelated pairs at or over it |",
        "| ---: | ---: | ---: |",
    ]
    for step in range(8):
        threshold = round(0.35 + 0.05 * step, 2)
        under = sum(total < threshold for total in edited_totals) / max(1, len(edited_totals))
        over = sum(total >= threshold for total in unrelated_totals) / max(1, len(unrelated_totals))
        mark = "**" if threshold == THRESHOLD else ""
        lines.append(f"| {mark}{threshold:.2f}{mark} | {under:.4f} | {over:.4f} |")
        print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines)


def _totals(pairs: Sequence[EditedPair]) -> tuple[list[float], list[float]]:
    """Score totals of true edited pairs, and of every other pair of clauses of one category."""
    edited_totals: list[float] = []
    unrelated_totals: list[float] = []
    for pair in pairs:
        old, new = pair.before.clauses, pair.after.clauses
        telling = _telling(old, new)
        old_features = [_features(clause, telling) for clause in old]
        new_features = [_features(clause, telling) for clause in new]
        old_at = {clause.id: i for i, clause in enumerate(old)}
        new_at = {clause.id: j for j, clause in enumerate(new)}
        truth = {old_at[before]: new_at[after] for before, after in pair.truth.pairs}
        changed = {old_at[edit.before] for edit in pair.truth.edits if edit.kinds - {"moved"}}
        for i, a in enumerate(old):
            for j, b in enumerate(new):
                if a.category is not b.category or (truth.get(i) == j and i not in changed):
                    continue
                text = similarity.similarity(a.summary, b.summary)
                total = _match(
                    a, b, old_features[i], new_features[j], at=(i, j), text=text, how=PairedBy.SCORE
                ).total
                (edited_totals if truth.get(i) == j else unrelated_totals).append(total)
    return edited_totals, unrelated_totals


def _cells(result: Result) -> str:
    return " | ".join(f"{result[key]:.4f}" for key in ("precision", "recall", "f1", "edit_recall"))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 5_000, 10_000])
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a tool is stopped")
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS))
    parser.add_argument("--quick", action="store_true", help="smoke run: a 10 s timeout for the peers")
    parser.add_argument(
        "--renumber",
        choices=("seed", "yes", "no"),
        default="seed",
        help="renumber the clauses of the edited agreement c1, c2, ... (default: as the seed decides)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table for docs/performance.md")
    parser.add_argument(
        "--sweep",
        type=int,
        metavar="PAIRS",
        help="sweep the pairing threshold over PAIRS edited() pairs instead",
    )
    options = parser.parse_args(argv)
    if options.sweep:
        print(sweep(options.sweep))
        return 0
    timeout = min(options.timeout, 10.0) if options.quick else options.timeout
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"seed {options.seed}, renumber {options.renumber}, timeout {timeout:g} s",
        file=sys.stderr,
    )
    renumber = {"seed": None, "yes": True, "no": False}[options.renumber]
    rows = bench(options.sizes, seed=options.seed, timeout=timeout, tools=options.tools, renumber=renumber)
    if options.markdown:
        print(markdown(rows, timeout))
    failed = [
        row for row in rows if row["tool"] == "agreements" and (row.get("timed_out") or row["f1"] < 0.99)
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
