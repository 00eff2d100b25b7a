"""Maximum-weight bipartite matching: the Hungarian method, and its greedy shortcut.

The aligner splits clause pairing into small independent problems (one per
connected component of plausible pairs) and solves each one exactly here.
Weights are integers, so the answer does not depend on floating-point
rounding, and ties are settled by the order of rows and columns, which the
caller makes canonical.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["greedy", "hungarian"]


def hungarian(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """The ``(row, column)`` pairs of largest total weight, leaving out weight-0 pairs.

    A weight of 0 means "may not be paired"; every other weight must be
    positive. Rows and columns left without a partner are simply absent from
    the answer. O(n**2 * m) time for n rows and m columns (n <= m after the
    matrix is turned so).

    >>> hungarian([[3, 2], [3, 0]])
    [(0, 1), (1, 0)]
    >>> hungarian([[0, 0], [0, 5]])
    [(1, 1)]
    """
    rows = len(weights)
    columns = len(weights[0]) if rows else 0
    if rows == 0 or columns == 0:
        return []
    if rows > columns:
        turned = [[weights[row][column] for row in range(rows)] for column in range(columns)]
        return sorted((row, column) for column, row in hungarian(turned))
    top = max(max(line) for line in weights)
    # Minimise top - weight over a rows x columns matrix (rows <= columns), the
    # classic potentials formulation (1-based, column 0 is a sentinel).
    cost = [[0] * (columns + 1)] + [[0, *(top - value for value in line)] for line in weights]
    infinity = top * (rows + columns + 2) + 1
    u = [0] * (rows + 1)
    v = [0] * (columns + 1)
    owner = [0] * (columns + 1)
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        current = 0
        least = [infinity] * (columns + 1)
        used = [False] * (columns + 1)
        while True:
            used[current] = True
            source = owner[current]
            line = cost[source]
            potential = u[source]
            delta = infinity
            target = 0
            for column in range(1, columns + 1):
                if used[column]:
                    continue
                reduced = line[column] - potential - v[column]
                if reduced < least[column]:
                    least[column] = reduced
                    way[column] = current
                if least[column] < delta:
                    delta = least[column]
                    target = column
            for column in range(columns + 1):
                if used[column]:
                    u[owner[column]] += delta
                    v[column] -= delta
                else:
                    least[column] -= delta
            current = target
            if owner[current] == 0:
                break
        while current:
            previous = way[current]
            owner[current] = owner[previous]
            current = previous
    found = [
        (owner[column] - 1, column - 1)
        for column in range(1, columns + 1)
        if owner[column] and weights[owner[column] - 1][column - 1] > 0
    ]
    return sorted(found)


def greedy(edges: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Pairs taken heaviest first, each row and column at most once.

    ``edges`` are ``(row, column, weight)``; ties go to the smaller row, then
    the smaller column. Used only for components too large for
    :func:`hungarian`; the benchmark measures how far it falls from optimal.

    >>> greedy([(0, 0, 3), (0, 1, 2), (1, 0, 3)])
    [(0, 0)]
    """
    taken_rows: set[int] = set()
    taken_columns: set[int] = set()
    found: list[tuple[int, int]] = []
    for row, column, _ in sorted(edges, key=lambda edge: (-edge[2], edge[0], edge[1])):
        if row in taken_rows or column in taken_columns:
            continue
        taken_rows.add(row)
        taken_columns.add(column)
        found.append((row, column))
    return sorted(found)
