"""The table for a terminal: plain text, or coloured with ``rich`` when it is installed.

One layout serves both. Every row is a heading across the width (``-- Weapons
handed over ---``) followed by its cells side by side, one column per agreement
under its id, so that the agreements get the whole width; cells wrap at spaces
and hyphens with hanging indents. A changed cell starts with ``*``, a disputed
one ends with ``(disputed)``, ``[3-5]`` points to notes 3 to 5, and the notes
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

from agreements._text import lines, one_line, width, wrap
from agreements.exceptions import MissingExtraError
from agreements.render._table import EMPTY, Cell, Line, Notes, Table, note_ranges

__all__ = ["has_rich", "print_rich", "render_rich", "render_table_plain", "rich_renderable"]

CHANGED: Final = "* "
DISPUTED: Final = "(disputed)"
_MARGIN: Final = "  "
_BULLET: Final = "• "
_GAP: Final = "  "
_COLUMN_MIN: Final = 12
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
    "source": "italic",
    "legend": "dim",
}

Span = tuple[str, str]
StyledLine = list[Span]


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


# ---------------------------------------------------------------------- layout


def _cell(cell: Cell, notes: Notes, size: int) -> list[StyledLine]:
    """A cell's lines: a margin that holds the change mark, then the items, wrapped and bulleted."""
    items = lines(cell.value)
    style = "changed" if cell.changed else ""
    pieces: list[tuple[str, str, str]] = []  # (bullet, text, style) per item
    bullet = _BULLET if len(items) > 1 else ""
    pieces += [(bullet, item, style) for item in items] or [("", EMPTY, "empty")]
    if cell.disputed:
        pieces.append((" " * len(bullet), DISPUTED, "disputed"))
    out: list[StyledLine] = []
    for lead, text, kind in pieces:
        wrapped = wrap(text, size - len(_MARGIN) - len(lead))
        out.append([(_MARGIN, ""), (lead, kind), (wrapped[0], kind)])
        out += [[(_MARGIN + " " * len(lead), ""), (line, kind)] for line in wrapped[1:]]
    numbers = notes.numbers(cell)
    if numbers:
        refs = f"[{note_ranges(numbers)}]"
        last = out[-1]
        if _length(last) + 1 + width(refs) <= size:
            last.append((" " + refs, "refs"))
        else:
            out.append([(_MARGIN + " " * len(bullet), ""), (refs, "refs")])
    if cell.changed:
        out[0][0] = (CHANGED, "mark")
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
    where = "from the column to its left" if table.changes_from_left else "between the two agreements"
    return f"{CHANGED.strip()} changed {where}; {DISPUTED} the sources disagree; [n] quotes below."


def layout(table: Table, total: int) -> list[StyledLine]:
    """The styled lines of a table ``total`` terminal columns wide."""
    total = max(total, _NARROWEST)
    notes = Notes(table)
    count = max(len(table.columns), 1)
    size = max((total - len(_GAP) * (count - 1)) // count, _COLUMN_MIN)
    inner = max(size * count + len(_GAP) * (count - 1), _NARROWEST) if table.columns else total
    out = _wrapped(one_line(table.title), total, "title")
    out.append([])
    for sentence in table.summary:
        found = wrap(one_line(sentence), total - 2)
        out.append([("- ", ""), (found[0], "")])
        out += [[("  ", ""), (line, "")] for line in found[1:]]
    if table.summary:
        out.append([])
    if table.kind == "comparison" and table.columns:
        for column in table.columns:
            found = wrap(f"{one_line(column.label)}: {one_line(column.title)}", total - 4)
            head, _, rest = found[0].partition(": ")
            out.append([("  ", ""), (head, "label"), (": " + rest if rest else ":", "")])
            out += [[("    ", ""), (line, "")] for line in found[1:]]
        out.append([])
    header = [
        [[(_MARGIN, ""), (line, "label")] for line in wrap(one_line(column.label), size - len(_MARGIN))]
        for column in table.columns
    ]
    out += _side_by_side(header, size)
    out.append([("=" * inner, "rule")])
    for row in table.rows:
        out += _heading(row, inner)
        out += _side_by_side([_cell(cell, notes, size) for cell in row.cells], size)
    out.append([("=" * inner, "rule")])
    out += _wrapped(_legend(table), total, "legend")
    if len(notes):
        out.append([])
        for number, citation in notes:
            mark = f"[{number}] "
            text = f"{notes.describe_source(citation)}: “{one_line(citation.quote)}”"
            found = wrap(text, total - len(mark))
            out.append([(mark, "refs"), (found[0], "")])
            out += [[(" " * len(mark), ""), (line, "")] for line in found[1:]]
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
