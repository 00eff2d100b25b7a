"""CSV (RFC 4180): the label column, then one column per agreement (or per side of a diff); or the long form.

Written with the :mod:`csv` module: fields quoted when needed, CRLF line
ends, UTF-8 text. In the wide form a cell holds the value only, its lines
joined with line breaks, without what the sources dispute (a row of its own,
``Weapons handed over (disputed)``, holds that); the citations are in the
JSON and HTML renderings. The long form (:func:`render_long`) has one row per
agreement and clause, with its terms, the dispute and change flags, the
citations and their sources.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and some strip a leading tab or carriage return first), so such
cells get a leading apostrophe, as OWASP recommends against CSV injection.

>>> from agreements import get
>>> from agreements import compare
>>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
>>> print(compare(pair, aspects=["status"]).to_csv().splitlines()[1])
Status,in force,collapsed
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Final

from agreements._text import lines, one_line
from agreements.render._table import Cell, Table

__all__ = ["disputed", "neutralise", "render_long", "render_table"]

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(text: str) -> str:
    """``text`` made inert for spreadsheets: a leading apostrophe when it could start a formula.

    >>> neutralise('=HYPERLINK("http://example.invalid")')
    '\\'=HYPERLINK("http://example.invalid")'
    >>> neutralise("heavy, medium")
    'heavy, medium'
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def _field(text: str) -> str:
    return neutralise("\n".join(lines(text)))


def render_table(table: Table) -> str:
    """The CSV of a :class:`~agreements.render._table.Table`."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    header = [table.corner, *(column.label for column in table.columns)]
    if table.kind == "diff":
        header.insert(1, "change")
    writer.writerow([_field(text) for text in header])
    for row in table.rows:
        fields = [row.label, *(cell.value for cell in row.cells)]
        if table.kind == "diff":
            fields.insert(1, row.change)
        writer.writerow([_field(text) for text in fields])
        doubtful = [disputed(cell) for cell in row.cells]
        if any(doubtful):
            extra = [f"{row.label} (disputed)", *doubtful]
            if table.kind == "diff":
                extra.insert(1, row.change)
            writer.writerow([_field(text) for text in extra])
    return out.getvalue()


def disputed(cell: Cell) -> str:
    """The items of a cell that a dispute puts in doubt, one a line."""
    return "\n".join(one_line(item.text) for item in cell.shown if item.disputed)


def render_long(columns: Sequence[str], rows: Iterable[Sequence[str | bool]]) -> str:
    """Rows of the long form, under a header of ``columns``; flags as ``true`` or ``false``."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [("true" if value else "false") if isinstance(value, bool) else _field(value) for value in row]
        )
    return out.getvalue()
