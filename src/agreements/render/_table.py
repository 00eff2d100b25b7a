"""The one shape every table renderer draws: a titled grid of cited cells.

A :class:`~agreements.compare.Comparison` and an
:class:`~agreements.diff.AgreementDiff` both become a :class:`Table` (see
:mod:`agreements.render.comparison` and :mod:`agreements.render.diff`), so
that each format is written once and treats both alike: escaping, the
numbering of citations as notes, the marks for changed and disputed cells.
This module depends on the model and nothing above it, so that the analysis
modules can build cells without depending on any renderer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final, Literal

import attrs

from agreements._text import excerpt, one_line
from agreements.exceptions import ArgumentTypeError
from agreements.model import Citation, Source, checked_fields, tuple_of

__all__ = ["EMPTY", "Cell", "Column", "Line", "Notes", "Table", "note_ranges"]

#: What renderers show for a cell with nothing in it.
EMPTY: Final = "—"


def _citations(items: object) -> tuple[Citation, ...]:
    # The same quote often backs several clauses of one row; show it once.
    found: tuple[Citation, ...] = tuple_of(items)  # type: ignore[arg-type]  # checked here: the caller may pass anything
    try:
        return tuple(dict.fromkeys(found))
    except TypeError:  # an item that is no citation, and cannot even be hashed
        raise ArgumentTypeError(f"expected a list of citations, got {excerpt(items)}") from None


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Cell:
    """What one agreement says about one aspect.

    ``value`` is short text, one item per line (an empty string when the
    agreement says nothing on it); ``changed`` says whether it differs from the
    previous agreement's value; ``disputed`` whether the sources disagree on a
    term behind it; ``citations`` are the quotes it rests on, each once.

    >>> cite = Citation(source="s", quote="heavy weapons")
    >>> Cell(value="heavy", citations=[cite, cite]).citations == (cite,)
    True
    """

    value: str = ""
    changed: bool = False
    disputed: bool = False
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)


@attrs.frozen(kw_only=True)
class Column:
    """A column: a short ``label`` for the header and a longer ``title``."""

    id: str
    label: str
    title: str = ""


@attrs.frozen(kw_only=True)
class Line:
    """A row: its label, its cells (one per column) and, for diffs, the kind of change.

    ``section`` is the heading of the group of rows it belongs to (a diff's
    "Obligations by actor" and "Clauses"); rows of one section are next to
    each other.
    """

    id: str
    label: str
    cells: tuple[Cell, ...]
    change: str = ""
    section: str = ""


@attrs.frozen(kw_only=True)
class Table:
    """What a renderer draws: a title, sentences before the grid, the grid, the sources."""

    kind: Literal["comparison", "diff", "timeline"]
    title: str
    corner: str
    columns: tuple[Column, ...]
    rows: tuple[Line, ...]
    summary: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    #: Whether a cell's ``changed`` means "differs from the cell to its left".
    changes_from_left: bool = True


# ------------------------------------------------------------------------ notes


class Notes:
    """Citations numbered from 1 in reading order (rows, then cells), each quote once."""

    def __init__(self, table: Table) -> None:
        numbers: dict[Citation, int] = {}
        for row in table.rows:
            for cell in row.cells:
                for citation in cell.citations:
                    numbers.setdefault(citation, len(numbers) + 1)
        self._numbers = numbers
        self._sources = {source.id: source for source in table.sources}

    def __iter__(self) -> Iterator[tuple[int, Citation]]:
        return iter((number, citation) for citation, number in self._numbers.items())

    def __len__(self) -> int:
        return len(self._numbers)

    def numbers(self, cell: Cell) -> list[int]:
        """The note numbers of a cell's citations, ascending."""
        return sorted({self._numbers[citation] for citation in cell.citations})

    def source(self, citation: Citation) -> Source | None:
        """The source a citation quotes, when the table knows it."""
        return self._sources.get(citation.source)

    def describe_source(self, citation: Citation) -> str:
        """The source id and, when known, its document: ``busra-report (004_a96f.txt)``."""
        source = self.source(citation)
        text = (
            citation.source
            if source is None or source.document is None
            else f"{citation.source} ({source.document})"
        )
        return one_line(text)


def note_ranges(numbers: Sequence[int]) -> str:
    """Note numbers with runs shortened: ``[1, 2, 3, 5]`` gives ``"1-3, 5"``.

    >>> note_ranges([1, 2, 3, 5, 7, 8])
    '1-3, 5, 7-8'
    """
    parts: list[str] = []
    index = 0
    while index < len(numbers):
        end = index
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        first, last = numbers[index], numbers[end]
        parts.append(str(first) if first == last else f"{first}-{last}")
        index = end + 1
    return ", ".join(parts)
