"""A comparison for a reader: the :class:`~agreements.render._table.Table` every format draws.

:func:`table` reads a comparison through :class:`ComparisonView` (what
:class:`agreements.compare.Comparison` has), so that rendering does not
depend on the analysis that builds it.
"""

from __future__ import annotations

from typing import Protocol

from agreements._text import count, words
from agreements.model import Agreement, Source
from agreements.render._table import Cell, Column, Line, Table

__all__ = ["ComparisonView", "RowView", "table"]


class _AspectView(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...


class RowView(Protocol):
    """What rendering reads of one row of a comparison."""

    @property
    def aspect(self) -> _AspectView: ...
    @property
    def cells(self) -> tuple[Cell, ...]: ...


class ComparisonView(Protocol):
    """What rendering reads of a comparison."""

    @property
    def agreements(self) -> tuple[Agreement, ...]: ...
    @property
    def rows(self) -> tuple[RowView, ...]: ...
    @property
    def sources(self) -> tuple[Source, ...]: ...


def table(comparison: ComparisonView) -> Table:
    """The table a comparison is drawn as: aspects as rows, agreements as columns."""
    return Table(
        kind="comparison",
        title=f"Comparison of {count(len(comparison.agreements), 'agreement')}",
        corner="Aspect",
        columns=tuple(
            Column(
                id=agreement.id,
                label=agreement.id,
                title=f"{agreement.title} ({agreement.date}, {words(agreement.status)})",
            )
            for agreement in comparison.agreements
        ),
        rows=tuple(
            Line(id=row.aspect.id, label=row.aspect.label, cells=row.cells) for row in comparison.rows
        ),
        sources=comparison.sources,
    )
