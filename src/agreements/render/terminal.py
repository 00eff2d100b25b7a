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

>>> from agreements import get
>>> from agreements.compare import compare
>>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
>>> text = render_plain(compare(pair, aspects=["status"]), width=100)
>>> print(text.splitlines()[0])
Comparison of 2 agreements
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from agreements.render import MissingExtraError
from agreements.render._table import EMPTY, Line, Notes, Table, lines, note_ranges, table_of, width

if TYPE_CHECKING:
    from agreements.compare import Cell, Comparison
    from agreements.diff import AgreementDiff
    from agreements.model import Corpus

__all__ = ["has_rich", "render_plain", "render_rich", "rich_renderable", "wrap"]

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


# -------------------------------------------------------------------- wrapping


# The pieces a long word may break between: after a hyphen, but never inside a
# date (an id like ``daraa-al-balad-2021-09-06`` breaks before its date).
_PIECES: Final = re.compile(r"\d{4}(?:-\d{2}){0,2}-?|[^-]+-?|-")


def _split_word(word: str, limit: int) -> list[str]:
    """A word too long for a line, cut between its pieces where possible, else anywhere."""
    lines_: list[str] = []
    current = ""
    for piece in _PIECES.findall(word):
        if current and width(current + piece) > limit:
            lines_.append(current)
            current = ""
        rest = piece
        while width(rest) > limit:
            cut = 1
            while width(rest[: cut + 1]) <= limit:
                cut += 1
            lines_.append(rest[:cut])
            rest = rest[cut:]
        current += rest
    lines_.append(current)
    return [line for line in lines_ if line] or [""]


def wrap(text: str, limit: int) -> list[str]:
    """``text`` cut into lines of at most ``limit`` terminal columns, at spaces or hyphens.

    >>> wrap("daraa-al-balad-2021-09-06 agreement", 16)
    ['daraa-al-balad-', '2021-09-06', 'agreement']
    """
    limit = max(limit, 1)
    out: list[str] = []
    current, used = "", 0
    for word in text.split():
        size = width(word)
        if current and used + 1 + size <= limit:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if not current and size <= limit:
            current, used = word, size
            continue
        if current:
            out.append(current)
        pieces = _split_word(word, limit) if size > limit else [word]
        out += pieces[:-1]
        current, used = pieces[-1], width(pieces[-1])
    out.append(current)
    return out


def _flat(text: str) -> str:
    return " ".join(lines(text))


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
    label = f"{row.change}: {_flat(row.label)}" if row.change else _flat(row.label)
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
    out = _wrapped(_flat(table.title), total, "title")
    out.append([])
    for sentence in table.summary:
        found = wrap(_flat(sentence), total - 2)
        out.append([("- ", ""), (found[0], "")])
        out += [[("  ", ""), (line, "")] for line in found[1:]]
    if table.summary:
        out.append([])
    if table.kind == "comparison" and table.columns:
        for column in table.columns:
            found = wrap(f"{_flat(column.label)}: {_flat(column.title)}", total - 4)
            head, _, rest = found[0].partition(": ")
            out.append([("  ", ""), (head, "label"), (": " + rest if rest else ":", "")])
            out += [[("    ", ""), (line, "")] for line in found[1:]]
        out.append([])
    header = [
        [[(_MARGIN, ""), (line, "label")] for line in wrap(_flat(column.label), size - len(_MARGIN))]
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
            text = f"{notes.describe_source(citation)}: “{_flat(citation.quote)}”"
            found = wrap(text, total - len(mark))
            out.append([(mark, "refs"), (found[0], "")])
            out += [[(" " * len(mark), ""), (line, "")] for line in found[1:]]
    return out


# ----------------------------------------------------------------------- plain


def render_table_plain(table: Table, *, width: int = 100) -> str:
    """The plain text of a :class:`~agreements.render._table.Table`, ``width`` columns wide."""
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in layout(table, width))


def render_plain(obj: Comparison | AgreementDiff, *, width: int = 100, corpus: Corpus | None = None) -> str:
    """A comparison or a diff as a plain-text table that fits ``width`` terminal columns."""
    return render_table_plain(table_of(obj, corpus), width=width)


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


def rich_renderable(obj: Comparison | AgreementDiff, *, corpus: Corpus | None = None) -> Any:
    """A ``rich`` renderable of a comparison or a diff (:class:`MissingExtraError` without rich)."""
    _rich("text")
    return _RichTable(table_of(obj, corpus))


def render_rich(
    obj: Comparison | AgreementDiff, *, width: int = 100, color: bool = False, corpus: Corpus | None = None
) -> str:
    """The rich rendering as text, ``width`` columns wide, with ANSI colours when ``color`` is true."""
    renderable = rich_renderable(obj, corpus=corpus)
    out = io.StringIO()
    console = _rich("console").Console(
        file=out,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        legacy_windows=False,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(renderable)
    return out.getvalue()
