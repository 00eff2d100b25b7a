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

from collections.abc import Iterable, Iterator, Sequence
from typing import Final, Literal

import attrs

from agreements._text import excerpt, lines, one_line
from agreements.exceptions import ArgumentTypeError, InvalidArgumentError
from agreements.model import Backed, Citation, Source, checked_fields, tuple_of

__all__ = [
    "EMPTY",
    "Cell",
    "Column",
    "Item",
    "Line",
    "Marked",
    "Notes",
    "Table",
    "difference",
    "legend",
    "marked",
    "note_ranges",
]

#: What renderers show for a cell with nothing in it.
EMPTY: Final = "—"


def _citations(items: object) -> tuple[Citation, ...]:
    # The same quote often backs several clauses of one row; show it once.
    found: tuple[Citation, ...] = tuple_of(items)  # type: ignore[arg-type]  # checked here: the caller may pass anything
    try:
        return tuple(dict.fromkeys(found))
    except TypeError:  # an item that is no citation, and cannot even be hashed
        raise ArgumentTypeError(f"expected a list of citations, got {excerpt(items)}") from None


def _items(items: Iterable[Item]) -> tuple[Item, ...]:
    return tuple_of(items)


def _records(items: Iterable[Backed]) -> tuple[Backed, ...]:
    return tuple_of(items)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Item:
    """One thing a cell says, on one line: a weapon class, a party, a clause and its terms.

    ``disputed`` says that a dispute of the sources puts it in doubt;
    ``records`` are the records it shows (the clause, the party, the status
    entry), for the long form of a comparison to say which clause a row is
    and which citations back it; ``citations`` the quotes it rests on.
    """

    text: str
    disputed: bool = False
    records: tuple[Backed, ...] = attrs.field(default=(), converter=_records)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)

    @property
    def key(self) -> tuple[str, bool]:
        """What two items are compared by: the text as shown, and whether it is disputed."""
        return (one_line(self.text), self.disputed)


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

    A cell built item by item (:meth:`of`) keeps its items: ``value`` then
    holds the undisputed ones, so that the plain text of a cell never mixes
    in what the sources dispute, and :attr:`shown` all of them. ``note`` is
    said after the items and never compared (the date and the source of a
    status: "as of 2018-07~, per busra-report-2018-07").

    >>> cell = Cell.of([Item(text="heavy"), Item(text="medium", disputed=True)])
    >>> cell.value, [item.text for item in cell.shown], cell.disputed
    ('heavy', ['heavy', 'medium'], True)
    """

    value: str = ""
    changed: bool = False
    disputed: bool = False
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)
    note: str = ""
    items: tuple[Item, ...] = attrs.field(default=(), converter=_items)

    def __attrs_post_init__(self) -> None:
        if self.items and self.value != _undisputed(self.items):
            raise InvalidArgumentError("a cell built from items has the undisputed items as its value")

    @classmethod
    def of(
        cls,
        items: Iterable[Item],
        *,
        note: str = "",
        disputed: bool = False,
        citations: Iterable[Citation] | None = None,
    ) -> Cell:
        """A cell of these items, each once (the first of equal ones keeps its place), the undisputed first.

        Its citations are the items' (unless given), and it is disputed when
        an item is (or when ``disputed`` says so).
        """
        merged: dict[tuple[str, bool], Item] = {}
        for item in items:
            if not one_line(item.text):
                continue
            same = merged.get(item.key)
            merged[item.key] = (
                item
                if same is None
                else attrs.evolve(
                    same, records=(*same.records, *item.records), citations=(*same.citations, *item.citations)
                )
            )
        stated = {key[0] for key in merged if not key[1]}
        kept = [item for key, item in merged.items() if not key[1]]
        kept += [item for key, item in merged.items() if key[1] and key[0] not in stated]
        found = [citation for item in kept for citation in item.citations] if citations is None else citations
        return cls(
            value=_undisputed(kept),
            disputed=disputed or any(item.disputed for item in kept),
            citations=found,
            note=note,
            items=kept,
        )

    @property
    def shown(self) -> tuple[Item, ...]:
        """What the cell says, item by item: its items, or the lines of its value."""
        return self.items or tuple(Item(text=line) for line in lines(self.value))

    @property
    def is_empty(self) -> bool:
        """True when the cell says nothing (a note alone says nothing)."""
        return not self.shown


def _undisputed(items: Iterable[Item]) -> str:
    return "\n".join(one_line(item.text) for item in items if not item.disputed)


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


# ---------------------------------------------------------------------- changes


def difference(cell: Cell, other: Cell | None) -> tuple[tuple[bool, ...], int]:
    """Item by item, what ``cell`` has that ``other`` lacks, and how many of ``other``'s items it lacks.

    Items are compared by their text as shown and whether they are
    disputed; two empty cells do not differ, and nothing differs from no cell.

    >>> difference(Cell(value="heavy\\nmedium"), Cell(value="heavy\\nlight"))
    ((False, True), 1)
    >>> difference(Cell(), Cell())
    ((), 0)
    """
    shown = cell.shown
    if other is None:
        return tuple(False for _ in shown), 0
    theirs = {item.key for item in other.shown}
    mine = {item.key for item in shown}
    return tuple(item.key not in theirs for item in shown), len(theirs - mine)


@attrs.frozen(kw_only=True)
class Marked:
    """A cell as a renderer marks it: each item with whether it is new, and how many items are gone.

    An item is new when the cell it is compared with (the one to its left in
    a comparison, the other side in a diff) lacks it; ``gone`` counts, in a
    comparison, the items of the cell to the left that this one lacks.
    """

    cell: Cell
    items: tuple[tuple[Item, bool], ...]
    gone: int = 0

    @property
    def changed(self) -> bool:
        """Whether the cell is marked changed: by its builder, and (for a comparison) item by item."""
        return self.cell.changed

    @property
    def shows_gone(self) -> int:
        """How many gone items to mark (``−2``): only in a cell with items, none of them new."""
        return self.gone if self.items and not any(new for _, new in self.items) else 0

    @property
    def empty_changed(self) -> bool:
        """Whether the cell is empty where the cell it is compared with is not: its ``—`` is the change."""
        return not self.items and self.cell.changed and self.gone > 0


def marked(table: Table, row: Line) -> tuple[Marked, ...]:
    """The cells of a row, each item marked new or not against the cell it is compared with.

    Only a cell its builder marked ``changed`` has new items: in a comparison
    (``changes_from_left``) against the cell to its left, otherwise (a diff's
    two sides) against the other cell of the row.
    """
    found: list[Marked] = []
    cells = row.cells
    for index, cell in enumerate(cells):
        if not cell.changed:
            found.append(Marked(cell=cell, items=tuple((item, False) for item in cell.shown)))
            continue
        if table.changes_from_left:
            other = cells[index - 1] if index else None
        else:
            other = cells[1 - index] if len(cells) == 2 else None
        new, gone = difference(cell, other)
        found.append(
            Marked(
                cell=cell,
                items=tuple(zip(cell.shown, new, strict=True)),
                gone=gone if table.changes_from_left else 0,
            )
        )
    return tuple(found)


# ----------------------------------------------------------------------- legend

#: What a table's marks mean, by mark; each format draws the mark its own way.
MEANINGS: Final = {
    "changed-left": "new or changed from the column to its left",
    "changed-pair": "what differs between the two agreements",
    "gone": "that many items of the column to its left are not in this one",
    "disputed": "the sources disagree on it",
    "approximate": "a date known only roughly (2021-06~: about June 2021)",
    "notes": "the quotes below, by number",
}


def legend(table: Table) -> list[tuple[str, str]]:
    """The marks a table uses, each with what it means: ``[("changed-left", "new or ..."), ...]``.

    A format draws each mark (the key) its own way: bold, a highlight, a star.
    """
    keys: list[str] = []
    if table.kind != "timeline":  # a timeline's cells are never changed nor disputed
        keys += ["changed-left", "gone"] if table.changes_from_left else ["changed-pair"]
        keys.append("disputed")
    keys += ["approximate", "notes"]
    return [(key, MEANINGS[key]) for key in keys]


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
