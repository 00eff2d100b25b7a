"""Benchmark: agreements.diff on scenarios of 1,000 to 30,000 clauses, against DeepDiff and difflib.

Scenarios (each from a seed, with the truth of which clause became which):

- ``edits``: ``synthetic_pair(n)``: about 10% of the clauses edited, 5%
  removed, 5% added (in words no other clause uses), 2.5% moved.
- ``unrelated``: as ``edits``, but each added clause takes the category,
  obligor, weapons and every other field of a removed clause, with the words
  of another category's clauses: structure agrees, wording does not, and
  the two must not pair.
- ``edited30``: ``synthetic_pair(n, edit_rate=0.3)``: 30% edited, 15%
  removed, 15% added, 7.5% moved.
- ``reworded``: every clause reworded in a new vocabulary (each word
  replaced by a made-up one) and shuffled, with fresh ids (``n1``, ``n2``,
  ...; renumbered: ``c1``, ``c2``, ... in the new order): nothing should pair.

Each scenario runs with the ids kept and renumbered (``c1``, ``c2``, ... in
the new order). Each tool runs in its own process with a timeout, so a slow
peer is really stopped. Reported per tool: wall time of the tool's own call
(the best and the median of ``--repeat`` runs; inputs are built and results
read outside the timed call) and the median CPU time of the tool's process
(on a shared machine, what the call costs, where wall time also counts the
waits for a core), peak memory traced by ``tracemalloc`` in a
separate run, the precision, recall and F1 of the clause pairs found against
the truth, and the growth exponents of the best wall time and of the median
CPU time fitted over the sizes (1 is linear).

Run by hand (deepdiff is a benchmark-only dependency)::

    python benchmarks/bench_diff.py                      # 1k to 30k clauses, every scenario
    python benchmarks/bench_diff.py --quick              # the CI smoke run: 1k clauses
    python benchmarks/bench_diff.py --sizes 1000 5000 --tools agreements deepdiff difflib
    python benchmarks/bench_diff.py --real               # the hand-labelled real pairs

``--markdown`` prints the tables for docs/performance.md. ``--sweep 1000``
instead sweeps the pairing threshold over 1,000 ``edited()`` pairs and prints
precision and recall at each value (the tables in docs/diff.md).
"""

from __future__ import annotations

import argparse
import difflib
import math
import multiprocessing
import os
import platform
import random
import re
import statistics
import sys
import time
import tomllib
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
from hypothesis.strategies import SearchStrategy

import agreements
from agreements import similarity
from agreements._diff.align import ID_THRESHOLD, THRESHOLD, _features, _match, _telling, align
from agreements.diff import Changed, PairedBy, Unchanged, diff
from agreements.model import Agreement, Citation, Clause
from agreements.serialize import to_data
from agreements.testing import EditedPair, EditTruth, _words, synthetic_pair
from agreements.testing.strategies import edited

Pairs = set[tuple[str, str]]
Result = dict[str, Any]

TOOLS = ("agreements", "agreements-pure", "deepdiff", "difflib")
SCENARIOS = ("edits", "unrelated", "edited30", "reworded")
_LABELS = Path(__file__).resolve().parent.parent / "tests" / "data"


# ------------------------------------------------------------------ scenarios


def _unrelated(size: int, seed: int, renumber: bool) -> EditedPair:
    """``synthetic_pair``, each added clause dressed as a removed one, in another category's words."""
    pair = synthetic_pair(size, seed=seed, renumber=renumber)
    chooser = _words.RandomChooser(random.Random(seed))
    before = {clause.id: clause for clause in pair.before.clauses}
    removed = [clause for clause in pair.before.clauses if clause.id in pair.truth.removed]
    gone: dict[str, list[frozenset[str]]] = {}
    for clause in removed:
        gone.setdefault(clause.category, []).append(_words.words(clause.summary))
    categories = sorted({clause.category for clause in before.values()})
    donors = iter(removed)
    clauses: list[Clause] = []
    for current in pair.after.clauses:
        clause = current
        donor = next(donors, None) if clause.id in pair.truth.added else None
        if donor is not None:
            others = [category for category in categories if category != donor.category]
            for _ in range(50):
                text = _words.summary(chooser, chooser.choice(others))
                # Unlike every removed clause of its category, so that the truth is clear.
                if not any(_words.alike(_words.words(text), seen) for seen in gone[donor.category]):
                    break
            citations = [Citation(source=clause.citations[0].source, quote=text)]
            clause = attrs.evolve(donor, id=clause.id, summary=text, citations=citations)
        clauses.append(clause)
    return attrs.evolve(pair, after=attrs.evolve(pair.after, clauses=clauses))


_SYLLABLES = tuple(consonant + vowel for consonant in "bdfgklmnprstvz" for vowel in "aeiou")


def _reworded(size: int, seed: int, renumber: bool) -> EditedPair:
    """Every clause in made-up words, shuffled, under fresh ids: nothing should pair."""
    before = synthetic_pair(size, seed=seed, edit_rate=0).before
    rng = random.Random(seed)
    vocabulary: dict[str, str] = {}

    def word(original: str) -> str:
        key = original.casefold()
        if key not in vocabulary:
            vocabulary[key] = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))
        return vocabulary[key]

    clauses: list[Clause] = []
    for clause in before.clauses:
        text = " ".join(word(part) for part in clause.summary.split())
        citations = [Citation(source=clause.citations[0].source, quote=text)]
        clauses.append(attrs.evolve(clause, summary=text, citations=citations))
    rng.shuffle(clauses)
    prefix = "c" if renumber else "n"
    clauses = [attrs.evolve(clause, id=f"{prefix}{k}") for k, clause in enumerate(clauses, start=1)]
    truth = EditTruth(
        pairs=[],
        added=[clause.id for clause in clauses],
        removed=[clause.id for clause in before.clauses],
        edits=[],
        guarantor_roles_changed=[],
        reordered=False,
    )
    return EditedPair(before=before, after=attrs.evolve(before, clauses=clauses), truth=truth)


def scenario(name: str, size: int, *, seed: int, renumber: bool) -> EditedPair:
    """The edited pair of one scenario (see the module docstring)."""
    if name == "edits":
        return synthetic_pair(size, seed=seed, renumber=renumber)
    if name == "edited30":
        return synthetic_pair(size, seed=seed, edit_rate=0.3, renumber=renumber)
    if name == "unrelated":
        return _unrelated(size, seed, renumber)
    if name == "reworded":
        return _reworded(size, seed, renumber)
    raise ValueError(f"unknown scenario {name!r}")


# ---------------------------------------------------------------------- tools
#
# Each tool is two steps: ``prepare`` (not timed: our inputs to the peer's
# format) and ``call`` (timed: the tool's own work), then ``read`` (not timed:
# the peer's answer back to clause pairs, in linear time).


def _ours_call(a: Agreement, b: Agreement, _: Any) -> Any:
    return diff(a, b)


def _ours_read(a: Agreement, b: Agreement, found: Any) -> Pairs:
    return {(c.old.id, c.new.id) for c in found.clauses if isinstance(c, Changed | Unchanged)}


def _pure_prepare(a: Agreement, b: Agreement) -> Any:
    # The same diff without numpy: one rapidfuzz process.extract call per row.
    similarity.HAS_NUMPY = False
    return None


def _deepdiff_prepare(a: Agreement, b: Agreement) -> Any:
    return [to_data(clause) for clause in a.clauses], [to_data(clause) for clause in b.clauses]


def _deepdiff_call(a: Agreement, b: Agreement, data: Any) -> Any:
    from deepdiff import DeepDiff  # noqa: PLC0415 - benchmark-only dependency, imported in the child

    old, new = data
    return DeepDiff(old, new, ignore_order=True, view="tree")


_TOP_INDEX = re.compile(r"root\[(\d+)\]")


def _deepdiff_read(a: Agreement, b: Agreement, tree: Any) -> Pairs:
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
    taken = set(paired.values())
    free_new: dict[str, list[int]] = {}
    for j, clause in enumerate(b.clauses):
        if j not in unpaired_new and j not in taken:
            free_new.setdefault(repr(to_data(clause)), []).append(j)
    for i, clause in enumerate(a.clauses):
        if i in unpaired_old or i in paired:
            continue
        same = free_new.get(repr(to_data(clause)))
        if same:
            paired[i] = same.pop(0)
    return {(a.clauses[i].id, b.clauses[j].id) for i, j in paired.items()}


def _difflib_prepare(a: Agreement, b: Agreement) -> Any:
    return [clause.summary for clause in a.clauses], [clause.summary for clause in b.clauses]


def _difflib_call(a: Agreement, b: Agreement, data: Any) -> Any:
    old, new = data
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _difflib_read(a: Agreement, b: Agreement, opcodes: Any) -> Pairs:
    found: Pairs = set()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag in {"equal", "replace"}:
            for i, j in zip(range(i1, i2), range(j1, j2), strict=False):
                found.add((a.clauses[i].id, b.clauses[j].id))
    return found


def _nothing(a: Agreement, b: Agreement) -> Any:
    return None


_Tool = tuple[
    Callable[[Agreement, Agreement], Any],
    Callable[[Agreement, Agreement, Any], Any],
    Callable[[Agreement, Agreement, Any], Pairs],
]
_RUNNERS: dict[str, _Tool] = {
    "agreements": (_nothing, _ours_call, _ours_read),
    "agreements-pure": (_pure_prepare, _ours_call, _ours_read),
    "deepdiff": (_deepdiff_prepare, _deepdiff_call, _deepdiff_read),
    "difflib": (_difflib_prepare, _difflib_call, _difflib_read),
}


def _child(tool: str, a: Agreement, b: Agreement, out: Any, *, traced: bool, repeat: int) -> None:
    prepare, call, read = _RUNNERS[tool]
    # Warm up imports and caches (numpy, rapidfuzz, DeepDiff's own) on a small slice.
    small_a, small_b = _head(a, 50), _head(b, 50)
    call(small_a, small_b, prepare(small_a, small_b))
    data = prepare(a, b)
    if traced:
        tracemalloc.start()
        found = call(a, b, data)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        out.send({"peak": peak})
        return
    times: list[float] = []
    cpu_times: list[float] = []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        found = call(a, b, data)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
        if times[-1] > 20:  # a slow tool runs once
            break
    out.send(
        {
            "time": min(times),
            "median": statistics.median(times),
            "cpu": statistics.median(cpu_times),
            "runs": len(times),
            "pairs": sorted(read(a, b, found)),
        }
    )


def _head(agreement: Agreement, count: int) -> Agreement:
    return attrs.evolve(agreement, clauses=agreement.clauses[:count])


def _in_child(
    tool: str, a: Agreement, b: Agreement, timeout: float, *, traced: bool, repeat: int
) -> Result | None:
    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(
        target=_child, args=(tool, a, b, send), kwargs={"traced": traced, "repeat": repeat}, daemon=True
    )
    process.start()
    send.close()
    if receive.poll(timeout):
        result: Result = receive.recv()
        process.join()
        return result
    process.kill()
    process.join()
    return None


def _run(tool: str, a: Agreement, b: Agreement, timeout: float, repeat: int) -> Result:
    """Time untraced runs, then trace one more for memory; either can time out."""
    timed = _in_child(tool, a, b, timeout, traced=False, repeat=repeat)
    if timed is None:
        return {"timed_out": True}
    traced = _in_child(tool, a, b, timeout, traced=True, repeat=1)
    timed["peak"] = None if traced is None else traced["peak"]
    return timed


def _accuracy(found: Pairs, truth: Pairs) -> tuple[float, float, float]:
    """Precision, recall and F1; with no pair to find and none found, all three are 1."""
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bench(
    sizes: Sequence[int],
    *,
    seed: int,
    timeout: float,
    tools: Sequence[str],
    scenarios: Sequence[str],
    renumbers: Sequence[bool],
    repeat: int,
) -> list[Result]:
    """Run every tool on one pair per scenario, numbering and size; one result row each."""
    rows: list[Result] = []
    for name in scenarios:
        for renumber in renumbers:
            for size in sizes:
                pair = scenario(name, size, seed=seed, renumber=renumber)
                truth = set(pair.truth.pairs)
                for tool in tools:
                    result = _run(tool, pair.before, pair.after, timeout, repeat)
                    row: Result = {"scenario": name, "renumber": renumber, "size": size, "tool": tool}
                    if result.get("timed_out"):
                        row["timed_out"] = True
                    else:
                        found = {(old, new) for old, new in result["pairs"]}
                        precision, recall, f1 = _accuracy(found, truth)
                        row.update(
                            time=result["time"],
                            median=result["median"],
                            cpu=result["cpu"],
                            peak=result["peak"],
                            precision=precision,
                            recall=recall,
                            f1=f1,
                            false=len(found - truth),
                        )
                    rows.append(row)
                    print(_line(row, rows), file=sys.stderr, flush=True)
    return rows


def _growth(rows: Sequence[Result], row: Result, key: str = "time") -> float | None:
    """The exponent of time (``key``: best wall time, or median CPU time) over size, fitted up to this row's size."""
    points = [
        (math.log(other["size"]), math.log(other[key]))
        for other in rows
        if other["tool"] == row["tool"]
        and other["scenario"] == row["scenario"]
        and other["renumber"] == row["renumber"]
        and other["size"] <= row["size"]
        and not other.get("timed_out")
        and other[key] > 0
    ]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else None


def _line(row: Result, rows: Sequence[Result]) -> str:
    label = f"{row['scenario']:<10} {'renumbered' if row['renumber'] else 'ids kept':<10} {row['size']:>6} {row['tool']:<15}"
    if row.get("timed_out"):
        return f"{label} timed out"
    growth, cpu_growth = _growth(rows, row), _growth(rows, row, "cpu")
    return (
        f"{label} {row['time']:8.3f} s (median {row['median']:.3f}, CPU {row['cpu']:.3f}) {_mib(row['peak']):>9} MiB"
        f"  P {row['precision']:.4f}  R {row['recall']:.4f}  F1 {row['f1']:.4f}  false {row['false']}"
        f"  growth {'' if growth is None else f'{growth:.2f}'} (CPU {'' if cpu_growth is None else f'{cpu_growth:.2f}'})"
    )


def markdown(rows: Sequence[Result], timeout: float) -> str:
    """The results as Markdown tables, one per scenario and numbering."""
    lines: list[str] = []
    groups = dict.fromkeys((row["scenario"], row["renumber"]) for row in rows)
    for name, renumber in groups:
        lines += [
            "",
            f"**{name}, {'renumbered' if renumber else 'ids kept'}**",
            "",
            "| clauses | tool | time (s) | median (s) | CPU (s) | peak memory (MiB) | precision | recall | F1"
            " | false pairs | growth | CPU growth |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in rows:
            if (row["scenario"], row["renumber"]) != (name, renumber):
                continue
            size = f"{row['size']:,}"
            if row.get("timed_out"):
                lines.append(f"| {size} | {row['tool']} | > {timeout:g} (timed out) | | | | | | | | | |")
                continue
            growth, cpu_growth = _growth(rows, row), _growth(rows, row, "cpu")
            lines.append(
                f"| {size} | {row['tool']} | {row['time']:.3f} | {row['median']:.3f} | {row['cpu']:.3f}"
                f" | {_mib(row['peak'])} | {row['precision']:.4f} | {row['recall']:.4f} | {row['f1']:.4f}"
                f" | {row['false']} | {'' if growth is None else f'{growth:.2f}'}"
                f" | {'' if cpu_growth is None else f'{cpu_growth:.2f}'} |"
            )
    return "\n".join(lines[1:])


def _mib(peak: int | None) -> str:
    return "timed out" if peak is None else f"{peak / 2**20:.1f}"  # the traced run can time out alone


# ------------------------------------------------------------- real pairs


def real_pairs(trust_ids: bool = True) -> Result:
    """Precision and recall of ``diff`` against the hand-labelled pairs of real successive agreements.

    The labels are in ``tests/data/labelled_pairs.toml`` (with the reason for
    each) and the agreements in ``tests/data/real/``. Pairs labelled "either"
    count neither way.
    """
    found_agreements: dict[str, Agreement] = {}
    for path in sorted((_LABELS / "real").glob("*.toml")):
        item = agreements.load(path, cls=Agreement)
        found_agreements[item.id] = item
    labelled = tomllib.loads((_LABELS / "labelled_pairs.toml").read_text(encoding="utf-8"))["pair"]
    hits = false = missed = 0
    lines: list[str] = []
    for entry in labelled:
        a, b = found_agreements[entry["old"]], found_agreements[entry["new"]]
        labels = {(item["old"], item["new"]): item["label"] for item in entry["label"]}
        same = {key for key, value in labels.items() if value == "same"}
        either = {key for key, value in labels.items() if value == "either"}
        found = set(diff(a, b, trust_ids=trust_ids).pairs)
        hits += len(found & same)
        false += len(found - same - either)
        missed += len(same - found)
        lines.append(
            f"{entry['old']} -> {entry['new']}: found {sorted(found & same)}, false {sorted(found - same - either)},"
            f" missed {sorted(same - found)}"
        )
    return {
        "precision": hits / (hits + false) if hits + false else 1.0,
        "recall": hits / (hits + missed) if hits + missed else 1.0,
        "hits": hits,
        "false": false,
        "missed": missed,
        "lines": lines,
    }


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
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 3_000, 10_000, 30_000])
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a tool is stopped")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per tool and size")
    parser.add_argument("--tools", nargs="+", choices=TOOLS, default=["agreements"])
    parser.add_argument("--quick", action="store_true", help="smoke run: 1,000 clauses, one timed run")
    parser.add_argument(
        "--renumber",
        choices=("both", "yes", "no"),
        default="both",
        help="renumber the clauses of the edited agreement c1, c2, ... (default: both ways)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the tables for docs/performance.md")
    parser.add_argument("--real", action="store_true", help="score the hand-labelled real pairs instead")
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
    if options.real:
        for trust_ids in (True, False):
            result = real_pairs(trust_ids)
            print(
                f"trust_ids={trust_ids}: precision {result['precision']:.4f}, recall {result['recall']:.4f}"
                f" ({result['hits']} found, {result['false']} false, {result['missed']} missed)"
            )
            for line in result["lines"]:
                print("  " + line)
        return 0
    sizes = [1_000] if options.quick and options.sizes == parser.get_default("sizes") else options.sizes
    repeat = 1 if options.quick else options.repeat
    timeout = min(options.timeout, 30.0) if options.quick else options.timeout
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, seed {options.seed}, timeout {timeout:g} s",
        file=sys.stderr,
    )
    renumbers = {"both": [False, True], "yes": [True], "no": [False]}[options.renumber]
    rows = bench(
        sizes,
        seed=options.seed,
        timeout=timeout,
        tools=options.tools,
        scenarios=options.scenarios,
        renumbers=renumbers,
        repeat=repeat,
    )
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"# load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", file=sys.stderr)
    if options.markdown:
        print(markdown(rows, timeout))
    failed = [
        row for row in rows if row["tool"] == "agreements" and (row.get("timed_out") or row["f1"] < 0.99)
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
