"""Which paired clauses kept their order: a longest chain, chosen canonically.

Paired clauses that appear in the same relative order in both agreements form
a chain; the longest chain stays put and every other pair is reported as
moved, so a clause that jumped from the end to the front is the one flagged,
not the dozen it jumped over.

Several chains can be longest (swap two neighbours: either one moved). The
choice must not depend on which agreement is the "old" one, or
``diff(a, b).invert() == diff(b, a)`` would fail, so positions cannot settle
it. The caller ranks the pairs by something that does not change when the
sides swap (their score, then their content); among the longest chains we
keep the one holding the best-ranked pair that some longest chain can hold,
then the next, and so on: a lexicographic choice, made exact by giving each
undecided pair one bit of a bitmask and maximising (length, mask).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["longest_chain"]


def longest_chain(pairs: Sequence[tuple[int, int]], rank: Callable[[int], Any]) -> frozenset[int]:
    """Indices into ``pairs`` of a longest chain increasing on both sides.

    ``pairs`` are ``(old position, new position)``, one-to-one. ``rank(k)``
    orders pair ``k`` among the candidates: lower ranks stay put first. It is
    only called for pairs where the choice is open.

    >>> sorted(longest_chain([(0, 0), (1, 2), (2, 1)], rank=lambda k: -k))
    [0, 2]
    >>> sorted(longest_chain([(0, 0), (1, 2), (2, 1)], rank=lambda k: k))
    [0, 1]
    """
    count = len(pairs)
    if count == 0:
        return frozenset()
    order = sorted(range(count), key=lambda k: pairs[k][0])
    ending = _chain_lengths([pairs[k][1] for k in order])
    starting = _chain_lengths([-pairs[k][1] for k in reversed(order)])[::-1]
    longest = max(ending)
    candidates = [
        k for k, end, start in zip(order, ending, starting, strict=True) if end + start - 1 == longest
    ]
    level = dict(zip(order, ending, strict=True))
    at_level: dict[int, list[int]] = {}
    for k in candidates:
        at_level.setdefault(level[k], []).append(k)
    open_levels = [found for found, group in at_level.items() if len(group) > 1]
    if not open_levels:
        return frozenset(candidates)
    open_pairs = sorted((k for found in open_levels for k in at_level[found]), key=rank)
    bit = {k: 1 << (len(open_pairs) - 1 - place) for place, k in enumerate(open_pairs)}
    # Every longest chain holds the one pair of each other level, so only the levels from just
    # before the first open one to just after the last need choosing: the pairs there are
    # the only ones whose neighbours in the chain are not settled.
    low, high = min(open_levels) - 1, max(open_levels) + 1
    settled = [k for k in candidates if not low <= level[k] <= high]
    return frozenset(settled + _best_chain([k for k in candidates if low <= level[k] <= high], pairs, bit))


def _chain_lengths(values: Sequence[int]) -> list[int]:
    """For each value, the length of the longest strictly increasing run ending there."""
    tails: list[int] = []
    lengths: list[int] = []
    for value in values:
        place = bisect.bisect_left(tails, value)
        if place == len(tails):
            tails.append(value)
        else:
            tails[place] = value
        lengths.append(place + 1)
    return lengths


def _best_chain(
    candidates: Sequence[int], pairs: Sequence[tuple[int, int]], bit: dict[int, int]
) -> list[int]:
    """The chain of largest (length, mask) among ``candidates`` (already in old-position order)."""
    columns = sorted(pairs[k][1] for k in candidates)
    slot = {column: place + 1 for place, column in enumerate(columns)}
    size = len(columns)
    # A Fenwick tree of prefix maxima over new positions: (length, mask, pair).
    tree: list[tuple[int, int, int]] = [(0, 0, -1)] * (size + 1)
    previous: dict[int, int] = {}
    best: tuple[int, int, int] = (0, 0, -1)
    for k in candidates:
        place = slot[pairs[k][1]] - 1
        found: tuple[int, int, int] = (0, 0, -1)
        while place > 0:
            found = max(found, tree[place])
            place -= place & -place
        previous[k] = found[2]
        value = (found[0] + 1, found[1] | bit.get(k, 0), k)
        best = max(best, value)
        place = slot[pairs[k][1]]
        while place <= size:
            tree[place] = max(tree[place], value)
            place += place & -place
    chain: list[int] = []
    k = best[2]
    while k != -1:
        chain.append(k)
        k = previous[k]
    return chain
