"""A pandas DataFrame of the values (the ``pandas`` extra).

For a comparison: one row per aspect (the index, named ``aspect``, holds the
aspect ids) and one column per agreement id, in date order; cells hold the
values as text (``""`` where an agreement says nothing), without what the
sources dispute: that is in a row of its own, ``weapons-handover:disputed``,
right after its aspect. For a diff: one row per clause (index ``clause``), a
``change`` column and the table's columns. Flags and citations are in the JSON
rendering, and in the long form (:func:`render_long`): tidy data, one row per
agreement and clause, to filter and group.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from agreements.exceptions import MissingExtraError
from agreements.render._table import Table
from agreements.render.csv import disputed

__all__ = ["render_long", "render_table"]


def render_table(table: Table) -> Any:
    """A :class:`~agreements.render._table.Table` as a ``pandas.DataFrame`` of values.

    >>> from agreements import compare, get
    >>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
    >>> frame = compare(pair, aspects=["status"]).to_dataframe()
    >>> frame.loc["status", "daraa-al-balad-2021-08-31"]
    'collapsed'
    """
    pandas = _pandas()
    columns = [column.id for column in table.columns]
    records: list[list[str]] = []
    index: list[str] = []
    changes: list[str] = []
    for row in table.rows:
        records.append([cell.value for cell in row.cells])
        index.append(row.id)
        changes.append(row.change)
        doubtful = [disputed(cell) for cell in row.cells]
        if any(doubtful):
            records.append(doubtful)
            index.append(f"{row.id}:disputed")
            changes.append(row.change)
    index_name = "aspect" if table.kind == "comparison" else "clause"
    frame = pandas.DataFrame(
        records, index=pandas.Index(index, name=index_name), columns=columns, dtype=object
    )
    if table.kind == "diff":
        frame.insert(0, "change", changes)
    return frame


def _pandas() -> Any:
    try:
        # Imported by name so that type checking does not depend on the extra being installed.
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("to_dataframe()", "pandas") from None


def render_long(columns: Sequence[str], rows: Sequence[Sequence[str | bool]]) -> Any:
    """Rows of the long form as a ``pandas.DataFrame`` with ``columns``: flags as booleans, the rest text."""
    pandas = _pandas()
    frame = pandas.DataFrame([list(row) for row in rows], columns=list(columns), dtype=object)
    for column in ("disputed", "changed"):
        if column in frame.columns:
            frame[column] = frame[column].astype(bool)
    return frame
