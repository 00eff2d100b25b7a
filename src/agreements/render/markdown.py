"""GitHub-flavoured Markdown: a pipe table, with the citations as numbered footnotes.

Every text is escaped: pipes and Markdown punctuation with a backslash, ``<``,
``>`` and ``&`` as HTML entities (so no text becomes markup), and line breaks
inside a cell as ``<br>``. Changed cells are in bold; disputed ones say so.

>>> from agreements import get
>>> from agreements import compare
>>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
>>> text = compare(pair, aspects=["weapons-handover"]).to_markdown()
>>> print(text.splitlines()[0])
# Comparison of 2 agreements
"""

from __future__ import annotations

import re
from typing import Final

from agreements._text import lines
from agreements.render._table import EMPTY, Cell, Line, Notes, Table

__all__ = ["escape", "render_table"]

# Enough to keep any text literal inside a table cell or a footnote: emphasis,
# code, links and footnotes, strikethrough, math, and the cell separator.
_SPECIAL: Final = re.compile(r"([\\`*_\[\]|~$])")
# What would start a heading, a list or a quote at the start of a line.
_BLOCK_START: Final = re.compile(r"^(\d*)((?<!\d)[#+=-]|(?<=\d)[.)])")
_ENTITIES: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    r"""``text`` as literal Markdown on one line: nothing in it is markup.

    >>> escape("a | b <script>")
    'a \\| b &lt;script&gt;'
    """
    flat = " ".join(lines(text))
    flat = _SPECIAL.sub(r"\\\1", flat)
    flat = _BLOCK_START.sub(lambda found: found.group(1) + "\\" + found.group(2), flat)
    for char, entity in _ENTITIES.items():  # "&" first, so that no entity is escaped twice
        flat = flat.replace(char, entity)
    return flat


def _cell(cell: Cell, notes: Notes) -> str:
    parts = [escape(line) for line in lines(cell.value)]
    if cell.changed:
        parts = [f"**{part}**" for part in parts]
    text = "<br>".join(parts) or EMPTY
    if cell.disputed:
        text += " *(disputed)*"
    return text + "".join(f"[^{number}]" for number in notes.numbers(cell))


def _row(row: Line, notes: Notes, *, with_change: bool) -> str:
    fields = [f"**{escape(row.label)}**"]
    if with_change:
        fields.append(escape(row.change))
    fields += [_cell(cell, notes) for cell in row.cells]
    return "| " + " | ".join(fields) + " |"


def render_table(table: Table) -> str:
    """The Markdown of a :class:`~agreements.render._table.Table`."""
    notes = Notes(table)
    out = [f"# {escape(table.title)}", ""]
    if table.summary:
        out += [*(f"- {escape(sentence)}" for sentence in table.summary), ""]
    if table.columns and table.kind == "comparison":
        out += [
            *(f"- **{escape(column.label)}**: {escape(column.title)}" for column in table.columns),
            "",
        ]
    with_change = table.kind == "diff"
    header = [
        escape(table.corner),
        *(["Change"] if with_change else []),
        *(escape(c.label) for c in table.columns),
    ]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "|".join(" --- " for _ in header) + "|")
    out += [_row(row, notes, with_change=with_change) for row in table.rows]
    out.append("")
    if table.kind != "timeline":  # a timeline's cells are never changed nor disputed
        legend = (
            "Bold: changed from the column to its left."
            if table.changes_from_left
            else "Bold: changed between the two agreements."
        )
        out += [f"{legend} *(disputed)*: the sources disagree on a term behind the cell.", ""]
    for number, citation in notes:
        out.append(f"[^{number}]: {escape(notes.describe_source(citation))}: “{escape(citation.quote)}”")
    if len(notes):
        out.append("")
    return "\n".join(out)
