"""The table for a terminal: plain text, or coloured with ``rich`` when it is installed.

One layout serves both, and no line of it is wider than asked (at least 40
columns, counted as a terminal shows them: wide characters two, marks none).
Every row is a heading across the width (``-- Weapons handed over ---``)
followed by its cells side by side, one column per agreement under its id, so
that the agreements get the whole width; cells wrap at spaces (a word too long
for its line is cut, the cut marked ``↩``) with hanging indents. When the
columns would be narrower than 22 characters, the table is split into groups
of columns, or, when not even two fit, each row lists its cells one under
another; the text says which. A new or changed item starts with ``*``, ``−2``
says that two items of the column to the left are not in this one, a disputed
item ends with ``(disputed)``, ``[3-5]`` points to notes 3 to 5, and the notes
quote the sources below the table. With rich the same text is coloured, and
laid out for the console's width.

Control characters (escape sequences included) never reach the terminal, and
no text from the data is read as rich markup.

>>> from agreements import compare, get
>>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
>>> text = compare(pair, aspects=["status"]).to_text(width=100)
>>> print(text.splitlines()[0])
Comparison of 2 agreements
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterator
from typing import Any, Final, TextIO

from agreements._text import one_line, width, wrap
from agreements.exceptions import MissingExtraError
from agreements.render._table import EMPTY, Line, Marked, Notes, Table, legend, marked, note_ranges

__all__ = ["has_rich", "print_rich", "render_rich", "render_table_plain", "rich_renderable"]

CHANGED: Final = "* "
DISPUTED: Final = "(disputed)"
_MARGIN: Final = "  "
_BULLET: Final = "• "
_GAP: Final = "  "
#: The narrowest a column of a table gets; narrower, the table splits into groups of columns.
_COLUMN_MIN: Final = 22
_NARROWEST: Final = 40

#: How rich colours each kind of span; plain text ignores them.
_STYLES: Final = {
    "title": "bold",
    "label": "bold",
    "heading": "bold",
    "rule": "dim",
    "changed": "yellow",
    "mark": "bold yellow",
    "empty": "dim",
    "disputed": "italic magenta",
    "refs": "dim",
    "note": "dim",
    "source": "italic",
    "legend": "dim",
}

Span = tuple[str, str]
StyledLine = list[Span]

#: How the terminal draws each mark of a table's legend.
_MARKS: Final = {
    "changed-left": "*",
    "changed-pair": "*",
    "gone": "−n",
    "disputed": DISPUTED,
    "approximate": "~",
    "notes": "[n]",
}


def _rich(module: str) -> Any:
    # Imported by name so that type checking does not depend on the extra being installed.
    try:
        return importlib.import_module(f"rich.{module}")
    except ImportError:
        raise MissingExtraError("the rich terminal table", "rich") from None


def has_rich() -> bool:
    """Whether the ``rich`` extra is installed."""
    try:
        _rich("text")
    except MissingExtraError:
        return False
    return True


# ---------------------------------------------------------------------- layout


def _length(line: StyledLine) -> int:
    return sum(width(text) for text, _ in line)


def _block(lead: Span, text: str, room: int, style: str, *, hang: int | None = None) -> list[StyledLine]:
    """``text`` wrapped to ``room`` columns after ``lead``, further lines indented as far as ``lead`` (or ``hang``)."""
    indent = width(lead[0]) if hang is None else hang
    found = wrap(text, room - indent)
    out: list[StyledLine] = [[lead, (found[0], style)]]
    out += [[(" " * indent, ""), (line, style)] for line in found[1:]]
    return out


def _cell(mark: Marked, notes: Notes, size: int) -> list[StyledLine]:
    """A cell's lines: a margin that marks new items (``*``), then the items, wrapped and bulleted."""
    cell = mark.cell
    out: list[StyledLine] = []
    bullet = _BULLET if len(mark.items) > 1 else ""
    for item, new in mark.items:
        text = one_line(item.text) + (f" {DISPUTED}" if item.disputed else "")
        kind = "changed" if new else "disputed" if item.disputed else ""
        found = wrap(text, size - len(_MARGIN) - len(bullet))
        out.append([(CHANGED if new else _MARGIN, "mark" if new else ""), (bullet, kind), (found[0], kind)])
        out += [[(_MARGIN + " " * len(bullet), ""), (line, kind)] for line in found[1:]]
    if not mark.items:
        out.append(
            [(CHANGED, "mark"), (EMPTY, "changed")]
            if mark.empty_changed
            else [(_MARGIN, ""), (EMPTY, "empty")]
        )
    if mark.shows_gone:
        out.append([(CHANGED, "mark"), (f"−{mark.shows_gone}", "changed")])
    if cell.disputed and not any(item.disputed for item, _ in mark.items):
        out.append([(_MARGIN, ""), (DISPUTED, "disputed")])
    if cell.note:
        out += _block((_MARGIN, ""), f"({one_line(cell.note)})", size, "note")
    numbers = notes.numbers(cell)
    if numbers:
        refs = f"[{note_ranges(numbers)}]"
        last = out[-1]
        if _length(last) + 1 + width(refs) <= size:
            last.append((" " + refs, "refs"))
        else:
            out += _block((_MARGIN, ""), refs, size, "refs")
    return out


def _side_by_side(blocks: list[list[StyledLine]], size: int) -> list[StyledLine]:
    height = max((len(block) for block in blocks), default=0)
    out: list[StyledLine] = []
    for index in range(height):
        line: StyledLine = []
        for number, block in enumerate(blocks):
            part = block[index] if index < len(block) else []
            if number:
                line.append((_GAP, ""))
            line += part
            if number < len(blocks) - 1:
                line.append((" " * max(size - _length(part), 0), ""))
        out.append(_rstrip(line))
    return out


def _rstrip(line: StyledLine) -> StyledLine:
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        text, style = line[-1]
        line[-1] = (text.rstrip(), style)
    return line


def _heading(row: Line, total: int) -> list[StyledLine]:
    """A row's label as a rule across the table: ``-- Weapons handed over ------``."""
    label = f"{row.change}: {one_line(row.label)}" if row.change else one_line(row.label)
    wrapped = wrap(label, total - 8)
    out: list[StyledLine] = [[("-- ", "rule"), (line, "heading")] for line in wrapped[:-1]]
    tail = "-" * max(total - 4 - width(wrapped[-1]), 2)
    out.append([("-- ", "rule"), (wrapped[-1], "heading"), (" " + tail, "rule")])
    return out


def _wrapped(text: str, total: int, style: str) -> list[StyledLine]:
    return [[(line, style)] for line in wrap(text, total)]


def _legend(table: Table) -> str:
    return "; ".join(f"{_MARKS[key]} {meaning}" for key, meaning in legend(table)) + "."


def _groups(count: int, total: int) -> list[range]:
    """The columns in groups that fit ``total`` side by side, as even as can be; one column a group when stacked."""
    fit = max((total + len(_GAP)) // (_COLUMN_MIN + len(_GAP)), 1)
    parts = -(-count // fit)  # ceiling
    size = -(-count // parts) if count else 0
    return (
        [range(start, min(start + size, count)) for start in range(0, count, size)] if count else [range(0)]
    )


def _grid(
    table: Table, notes: Notes, columns: range, total: int, marks: list[tuple[Marked, ...]]
) -> list[StyledLine]:
    """The rows of ``columns`` side by side, ``total`` wide."""
    count = max(len(columns), 1)
    size = (total - len(_GAP) * (count - 1)) // count
    inner = size * count + len(_GAP) * (count - 1) if len(columns) else total
    header = [
        [
            [(_MARGIN, ""), (line, "label")]
            for line in wrap(one_line(table.columns[index].label), size - len(_MARGIN))
        ]
        for index in columns
    ]
    out = _side_by_side(header, size)
    out.append([("=" * inner, "rule")])
    for row, cells in zip(table.rows, marks, strict=True):
        out += _heading(row, inner)
        out += _side_by_side([_cell(cells[index], notes, size) for index in columns], size)
    out.append([("=" * inner, "rule")])
    return out


def _stacked(table: Table, notes: Notes, total: int, marks: list[tuple[Marked, ...]]) -> list[StyledLine]:
    """Each row's cells one under another, each under its column's label."""
    out: list[StyledLine] = [[("=" * total, "rule")]]
    for row, cells in zip(table.rows, marks, strict=True):
        out += _heading(row, total)
        for column, cell in zip(table.columns, cells, strict=True):
            out += _block(("", ""), f"{one_line(column.label)}:", total, "label")
            out += [[(_MARGIN, ""), *line] for line in _cell(cell, notes, total - len(_MARGIN))]
    out.append([("=" * total, "rule")])
    return out


def layout(table: Table, total: int) -> list[StyledLine]:
    """The styled lines of a table ``total`` terminal columns wide (at least 40): no line is wider.

    When the columns do not fit side by side, the table is split into groups
    of columns, or each row's cells stacked one under another, and it says so.
    """
    total = max(total, _NARROWEST)
    notes = Notes(table)
    out = _wrapped(one_line(table.title), total, "title")
    out.append([])
    for sentence in table.summary:
        out += _block(("- ", ""), one_line(sentence), total, "")
    if table.summary:
        out.append([])
    if table.kind == "comparison" and table.columns:
        for column in table.columns:
            label = f"{one_line(column.label)}:"
            found = wrap(f"{label} {one_line(column.title)}", total - 4)
            head, rest = (label, found[0][len(label) :]) if found[0].startswith(label) else (found[0], "")
            out.append([("  ", ""), (head, "label"), (rest, "")])
            out += [[("    ", ""), (line, "")] for line in found[1:]]
        out.append([])
    marks = [marked(table, row) for row in table.rows]
    groups = _groups(len(table.columns), total)
    if len(groups) == 1:
        out += _grid(table, notes, groups[0], total, marks)
    elif len(groups[0]) > 1:
        spans = ", ".join(f"{group.start + 1}-{group.stop}" for group in groups)
        out += _wrapped(
            f"The {len(table.columns)} columns do not fit side by side in {total} columns:"
            f" the table is split into {len(groups)} parts (columns {spans}).",
            total,
            "legend",
        )
        for group in groups:
            out.append([])
            out += _wrapped(
                f"Columns {group.start + 1}-{group.stop} of {len(table.columns)}", total, "heading"
            )
            out += _grid(table, notes, group, total, marks)
    else:
        out += _wrapped(
            f"The {len(table.columns)} columns do not fit side by side in {total} columns:"
            " each row lists them one under another.",
            total,
            "legend",
        )
        out += _stacked(table, notes, total, marks)
    out += _wrapped(_legend(table), total, "legend")
    if len(notes):
        out.append([])
        for number, citation in notes:
            text = f"{notes.describe_source(citation)}: “{one_line(citation.quote)}”"
            out += _block((f"[{number}] ", "refs"), text, total, "")
    return out


# ----------------------------------------------------------------------- plain


def render_table_plain(table: Table, *, width: int = 100) -> str:
    """The plain text of a :class:`~agreements.render._table.Table`, ``width`` columns wide."""
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in layout(table, width))


# ------------------------------------------------------------------------ rich


class _RichTable:
    """A rich renderable that lays the table out for the console's width."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        text_type = _rich("text").Text
        for line in layout(self.table, options.max_width):
            text = text_type(no_wrap=True, overflow="ignore", end="\n")
            for part, kind in _rstrip(line):
                shown = part.replace("-", "─").replace("=", "═") if kind == "rule" else part
                text.append(shown, style=_STYLES.get(kind, ""))
            yield text


def rich_renderable(table: Table) -> Any:
    """A ``rich`` renderable of a table (:class:`MissingExtraError` without rich)."""
    _rich("text")
    return _RichTable(table)


def _console(file: TextIO, *, width: int | None, color: bool | None) -> Any:
    options: dict[str, Any] = {"file": file, "width": width, "legacy_windows": False}
    if color is not None:
        options.update(color_system="standard" if color else None, force_terminal=color)
    return _rich("console").Console(highlight=False, emoji=False, markup=False, **options)


def render_rich(renderable: Any, *, width: int = 100, color: bool = False) -> str:
    """A rich renderable (``obj.to_rich()``) as text, ``width`` columns wide, with ANSI colours when ``color``."""
    out = io.StringIO()
    _console(out, width=width, color=color).print(renderable)
    return out.getvalue()


def print_rich(renderable: Any, file: TextIO, *, width: int | None = None) -> None:
    """Print a rich renderable (``obj.to_rich()``) to a terminal, at ``width`` columns (the terminal's by default)."""
    _console(file, width=width, color=None).print(renderable)
