"""CSV (RFC 4180): the label column, then one column per agreement (or per side of a diff).

Written with the :mod:`csv` module: fields quoted when needed, CRLF line
ends, UTF-8 text. A cell holds the value only, its lines joined with line
breaks; the citations are in the JSON and HTML renderings.

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
from typing import Final

from agreements._text import lines
from agreements.render._table import Table

__all__ = ["neutralise", "render_table"]

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
    return out.getvalue()
