"""The one shape every renderer draws: a titled grid of cited cells.

A :class:`~agreements.compare.Comparison` and an
:class:`~agreements.diff.AgreementDiff` both become a :class:`Table` here, so
that each format is written once and treats both alike: escaping, the
numbering of citations as notes, the marks for changed and disputed cells.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final, Literal

import attrs

from agreements.compare import Cell, Comparison
from agreements.model import Citation, Corpus, Source

if TYPE_CHECKING:
    from agreements.diff import AgreementDiff

__all__ = ["EMPTY", "Column", "Line", "Notes", "Table", "clean", "lines", "note_ranges", "table_of", "width"]

#: What renderers show for a cell with nothing in it.
EMPTY: Final = "—"


@attrs.frozen(kw_only=True)
class Column:
    """A column: a short ``label`` for the header and a longer ``title``."""

    id: str
    label: str
    title: str = ""


@attrs.frozen(kw_only=True)
class Line:
    """A row: its label, its cells (one per column) and, for diffs, the kind of change."""

    id: str
    label: str
    cells: tuple[Cell, ...]
    change: str = ""


@attrs.frozen(kw_only=True)
class Table:
    """What a renderer draws: a title, sentences before the grid, the grid, the sources."""

    kind: Literal["comparison", "diff"]
    title: str
    corner: str
    columns: tuple[Column, ...]
    rows: tuple[Line, ...]
    summary: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    #: Whether a cell's ``changed`` means "differs from the cell to its left".
    changes_from_left: bool = True


def table_of(obj: Comparison | AgreementDiff, corpus: Corpus | None = None) -> Table:
    """The table a comparison or a diff is drawn as.

    ``corpus`` names the actors and sources of a diff (the built-in corpus by
    default); a comparison has its names already.
    """
    if isinstance(obj, Comparison):
        return _comparison_table(obj)
    from agreements.diff import AgreementDiff  # noqa: PLC0415 - only diffs need it
    from agreements.render import _diff  # noqa: PLC0415

    if not isinstance(obj, AgreementDiff):
        raise TypeError(f"cannot render {type(obj).__name__!r}: expected a Comparison or an AgreementDiff")
    if corpus is None:
        from agreements.corpus import corpus as builtin  # noqa: PLC0415 - read only when needed

        corpus = builtin()
    return _diff.diff_table(obj, corpus)


def _comparison_table(comparison: Comparison) -> Table:
    count = len(comparison.agreements)
    return Table(
        kind="comparison",
        title=f"Comparison of {count} agreement{'' if count == 1 else 's'}",
        corner="Aspect",
        columns=tuple(
            Column(
                id=agreement.id,
                label=agreement.id,
                title=f"{agreement.title} ({agreement.date}, {agreement.status.value.replace('-', ' ')})",
            )
            for agreement in comparison.agreements
        ),
        rows=tuple(
            Line(id=row.aspect.id, label=row.aspect.label, cells=row.cells) for row in comparison.rows
        ),
        sources=comparison.sources,
    )


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
        text = citation.source if source is None else f"{citation.source} ({source.document})"
        return " ".join(lines(text))


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


# ---------------------------------------------------------------------- escaping

# C0 and C1 controls other than tab and newline, lone surrogates and the bidi
# embedding controls (which could reorder text around them): none of them has
# a place in a rendered table.
_UNWANTED: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """``text`` without control characters: CR LF and CR become LF, tabs spaces, others U+FFFD.

    >>> clean("a\\r\\nb\\x1b[31m\\tc")
    'a\\nb\\ufffd[31m c'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNWANTED.sub("\ufffd", text)


def lines(value: str) -> list[str]:
    """The lines of a cleaned value, blank ones dropped."""
    return [line.strip() for line in clean(value).split("\n") if line.strip()]


def width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide East Asian characters count two, marks none."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


@functools.cache
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1
