"""JSON in one stable, documented shape for comparisons and diffs alike.

The document is an object::

    {
      "format": "agreements-table/2",      # changes only with an incompatible change of shape
      "kind": "comparison",                # or "diff"
      "title": "Comparison of 5 agreements",
      "summary": ["..."],                  # sentences (a diff's summary); [] for a comparison
      "columns": [{"id": "busra-al-sham-2018", "label": "...", "title": "..."}],
      "rows": [
        {"id": "weapons-handover", "label": "Weapons handed over", "change": "",
         "cells": [{"column": "busra-al-sham-2018", "value": "heavy\nmedium",
                    "changed": true, "disputed": false, "note": "", "gone": 0,
                    "items": [{"text": "heavy", "changed": true, "disputed": false}, ...],
                    "citations": [{"source": "busra-report-2018-07", "quote": "..."}]}]}
      ],
      "sources": [{"id": "...", "document": "...", "description": "...", "date": "2018-07"}]
    }

For a comparison, columns are agreements in date order and rows aspects; for
a diff, rows are the actors whose obligations changed (``change`` is
``obligations``), then the clauses (``change`` is ``added``, ``removed``,
``changed`` or ``unchanged``), and the columns are the two agreements.
A ``value`` is text with one item per line (``""`` for nothing), without the
items a dispute puts in doubt; ``items`` are all of them, each with whether
it is new or changed (from the column to its left, or between the two sides
of a diff) and whether it is disputed; ``gone`` counts the items of the
column to the left that the cell lacks, when none of its own is new; ``note``
is said after the items (the date and source of a status). ``date`` is
``null`` when a source is undated. Version 2 of the shape added ``items``,
``note`` and ``gone``, and took the disputed items out of ``value``.
:func:`render_long` writes the long form of a comparison: a list of objects,
one per agreement and clause. Keys keep this order; the text ends with a
newline, and non-ASCII characters are written as they are.

>>> import json as json_module
>>> from agreements import get
>>> from agreements import compare
>>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
>>> data = json_module.loads(compare(pair, aspects=["status"]).to_json())
>>> data["rows"][0]["cells"][1]["value"]
'collapsed'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, Final

from agreements.render._table import Table, marked

__all__ = ["FORMAT", "render_long", "render_table", "to_data"]

#: The name and version of the shape.
FORMAT: Final = "agreements-table/2"


def to_data(table: Table) -> dict[str, Any]:
    """The JSON document of a :class:`~agreements.render._table.Table`, as Python data."""
    return {
        "format": FORMAT,
        "kind": table.kind,
        "title": table.title,
        "summary": list(table.summary),
        "columns": [
            {"id": column.id, "label": column.label, "title": column.title} for column in table.columns
        ],
        "rows": [
            {
                "id": row.id,
                "label": row.label,
                "change": row.change,
                "cells": [
                    {
                        "column": column.id,
                        "value": mark.cell.value,
                        "changed": mark.cell.changed,
                        "disputed": mark.cell.disputed,
                        "note": mark.cell.note,
                        "gone": mark.shows_gone,
                        "items": [
                            {"text": item.text, "changed": new, "disputed": item.disputed}
                            for item, new in mark.items
                        ],
                        "citations": [
                            {"source": citation.source, "quote": citation.quote}
                            for citation in mark.cell.citations
                        ],
                    }
                    for column, mark in zip(table.columns, marked(table, row), strict=True)
                ],
            }
            for row in table.rows
        ],
        "sources": [
            {
                "id": source.id,
                "document": source.document,
                "description": source.description,
                "date": None if source.date is None else str(source.date),
            }
            for source in table.sources
        ],
    }


def render_table(table: Table) -> str:
    """The JSON text of a :class:`~agreements.render._table.Table`."""
    return json.dumps(to_data(table), ensure_ascii=False, indent=2) + "\n"


def render_long(columns: Sequence[str], rows: Iterable[Sequence[str | bool]]) -> str:
    """Rows of the long form as a JSON list of objects keyed by ``columns``."""
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
