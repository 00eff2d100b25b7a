"""GitHub-flavoured Markdown: a pipe table, with the citations as numbered footnotes.

Every text is escaped: pipes and Markdown punctuation with a backslash, ``<``,
``>``, ``&``, ``~`` and ``$`` as HTML entities (so no text becomes markup, and
``2021-06~`` reads the same on GitHub and in MkDocs), and line breaks inside a
cell as ``<br>``. New or changed items are in bold (not the whole cell),
``−2`` says that two items of the column to the left are not in this one, and
a disputed item says so. Note markers are footnotes apart by commas
(``¹⁷,¹⁸``); the legend under the table says what each mark means.

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
from agreements.render._table import EMPTY, Line, Marked, Notes, Table, legend, marked

__all__ = ["escape", "render_table"]

# Enough to keep any text literal inside a table cell or a footnote: emphasis,
# code, links and footnotes, strikethrough, math, and the cell separator.
_SPECIAL: Final = re.compile(r"([\\`*_\[\]|])")
# What would start a heading, a list or a quote at the start of a line.
_BLOCK_START: Final = re.compile(r"^(\d*)((?<!\d)[#+=-]|(?<=\d)[.)])")
# Python-Markdown (MkDocs) does not take a backslash before ``~`` or ``$`` as an
# escape, and shows it; an entity reads the same everywhere.
_ENTITIES: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;", "$": "&#36;"}


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


def _cell(mark: Marked, notes: Notes) -> str:
    cell = mark.cell
    parts = []
    for item, new in mark.items:
        text = escape(item.text) + (" *(disputed)*" if item.disputed else "")
        parts.append(f"**{text}**" if new else text)
    text = "<br>".join(parts) or (f"**{EMPTY}**" if mark.empty_changed else EMPTY)
    if mark.shows_gone:
        text += f"<br>**−{mark.shows_gone}**"
    if cell.disputed and not any(item.disputed for item, _ in mark.items):
        text += " *(disputed)*"
    if cell.note:
        text += f" ({escape(cell.note)})"
    return text + _refs(notes.numbers(cell))


def _refs(numbers: list[int]) -> str:
    """Footnote references apart by a comma, so that ``17`` and ``18`` do not read as ``1718``."""
    return "<sup>,</sup>".join(f"[^{number}]" for number in numbers)


def _row(row: Line, cells: tuple[Marked, ...], notes: Notes, *, with_change: bool) -> str:
    fields = [f"**{escape(row.label)}**"]
    if with_change:
        fields.append(escape(row.change))
    fields += [_cell(cell, notes) for cell in cells]
    return "| " + " | ".join(fields) + " |"


#: How Markdown draws each mark of a table's legend.
_MARKS: Final = {
    "changed-left": "**Bold**",
    "changed-pair": "**Bold**",
    "gone": "**−n**",
    "disputed": "*(disputed)*",
    "approximate": "&#126; after a date",
    "notes": "Superscript numbers",
}


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
    out += [_row(row, marked(table, row), notes, with_change=with_change) for row in table.rows]
    out.append("")
    out += [" ".join(f"{_MARKS[key]}: {escape(meaning)}." for key, meaning in legend(table)), ""]
    for number, citation in notes:
        out.append(f"[^{number}]: {escape(notes.describe_source(citation))}: “{escape(citation.quote)}”")
    if len(notes):
        out.append("")
    return "\n".join(out)
