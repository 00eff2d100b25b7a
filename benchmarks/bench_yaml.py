"""Benchmark: reading and writing YAML, before and after the strict libyaml path (issue 16).

The document is the built-in corpus repeated with fresh ids until it reaches
each size. For each size, the best of several runs (the machine is shared,
so the minimum is the least disturbed) of:

- ``parse before``: ``yaml.safe_load``, PyYAML's pure-Python loader, which
  ``loads`` used before;
- ``parse after``: ``agreements._reading.parse(text, "yaml")``, libyaml's
  events through the strict builder (the default when PyYAML has libyaml);
- ``parse pure``: the same builder over PyYAML's own parser (the fallback);
- ``parse libyaml``: ``yaml.load(text, yaml.CSafeLoader)``, for reference: no
  checks at all;
- ``loads before`` / ``loads after``: the whole of ``agreements.loads``
  (parsing and structuring the records), before as ``from_data(yaml.safe_load(...))``;
- ``dump before``: ``yaml.safe_dump`` (pure Python), as ``dumps`` did before;
  ``dump after``: ``agreements._reading.yaml_dumps`` (libyaml's emitter),
  and ``dump pure``, its fallback.

It also prints the peak memory traced by ``tracemalloc`` while ``loads``
reads each format, as a multiple of the text's size (a separate run:
tracing slows Python code).

Run by hand::

    python benchmarks/bench_yaml.py            # 0.1, 1 and 4 MB, five runs each
    python benchmarks/bench_yaml.py --quick    # 0.1 MB, two runs: the CI smoke run
"""

from __future__ import annotations

import argparse
import copy
import functools
import platform
import sys
from collections.abc import Callable
from typing import Any

import yaml
from _measure import peak_bytes, runs

import agreements as ag
from agreements import _reading
from agreements.serialize import from_data, to_data


def corpus_text(megabytes: float) -> tuple[str, dict[str, Any]]:
    """The built-in corpus as YAML, its agreements repeated with fresh ids up to about ``megabytes``."""
    base = to_data(ag.corpus())
    data = copy.deepcopy(base)
    agreements = list(base["agreements"])
    round_ = 0
    while len(_reading.yaml_dumps(data).encode()) < megabytes * 1_000_000:
        round_ += 1
        for agreement in agreements:
            data["agreements"].append({**copy.deepcopy(agreement), "id": f"{agreement['id']}-{round_}"})
    return _reading.yaml_dumps(data), data


def best(call: Callable[[], object], repeat: int) -> float:
    return min(runs(call, repeat)[0])


_Row = tuple[str, Callable[[], object], Callable[[], object], Callable[[], object] | None]


def _measured(text: str, data: dict[str, Any]) -> list[_Row]:
    """What is timed: (what, before, after, the pure-Python fallback of after)."""
    record = ag.loads(text, "yaml")
    return [
        (
            "parse",
            lambda: yaml.safe_load(text),
            lambda: _reading.parse(text, "yaml"),
            lambda: _reading._parse_yaml(text, pure=True),
        ),
        ("loads", lambda: from_data(yaml.safe_load(text)), lambda: ag.loads(text, "yaml"), None),
        (
            "dump",
            lambda: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=float("inf")),
            lambda: _reading.yaml_dumps(data),
            lambda: _reading.yaml_dumps(data, pure=True),
        ),
        (
            "dumps",
            lambda: yaml.safe_dump(to_data(record), allow_unicode=True, sort_keys=False, width=float("inf")),
            lambda: ag.dumps(record, "yaml"),
            None,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="one small size, two runs (the CI smoke run)")
    options.add_argument("--sizes", type=float, nargs="+", help="sizes in MB (default 0.1 1 4)")
    options.add_argument("--repeat", type=int, help="runs per measurement (default 5, 2 with --quick)")
    args = options.parse_args(argv)
    sizes = args.sizes or ([0.1] if args.quick else [0.1, 1.0, 4.0])
    repeat = args.repeat or (2 if args.quick else 5)
    print(
        f"CPython {platform.python_version()}, PyYAML {yaml.__version__}"
        f" (libyaml: {'yes' if yaml.__with_libyaml__ else 'no'}), {platform.machine()}; best of {repeat}"
    )
    if not yaml.__with_libyaml__:
        print("PyYAML has no libyaml here: 'after' is the pure-Python fallback.")
    print()
    print("| size (MB) | what | before (s) | after (s) | speed-up | after (MB/s) | pure fallback (s) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    libyaml = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for size in sizes:
        text, data = corpus_text(size)
        megabytes = len(text.encode()) / 1_000_000
        assert _reading.parse(text, "yaml") == yaml.safe_load(text) == data  # the same data every way
        rows = _measured(text, data)
        for what, before, after, pure in rows:
            slow, fast = best(before, repeat), best(after, repeat)
            fallback = f"{best(pure, max(1, repeat // 2)):.3f}" if pure is not None else ""
            print(
                f"| {megabytes:.2f} | {what} | {slow:.3f} | {fast:.3f} | {slow / fast:.1f}x"
                f" | {megabytes / fast:.1f} | {fallback} |"
            )
        reference = best(functools.partial(yaml.load, text, Loader=libyaml), repeat)
        print(
            f"| {megabytes:.2f} | parse, libyaml without checks | | {reference:.3f} | | {megabytes / reference:.1f} | |"
        )
    print()
    print("Peak memory traced while `loads` reads the first size, as a multiple of the text's size:")
    text, _ = corpus_text(sizes[0])
    record = ag.loads(text, "yaml")
    for fmt in ("json", "toml", "yaml"):
        written = ag.dumps(record, fmt)
        ratio = peak_bytes(functools.partial(ag.loads, written, fmt)) / len(written.encode())
        print(f"- {fmt}: {ratio:.0f}x ({len(written.encode()) / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
