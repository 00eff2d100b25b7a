"""A pandas DataFrame of the values (the ``pandas`` extra).

For a comparison: one row per aspect (the index, named ``aspect``, holds the
aspect ids) and one column per agreement id, in date order; cells hold the
values as text (``""`` where an agreement says nothing). For a diff: one row
per clause (index ``clause``), a ``change`` column and the table's columns.
Flags and citations are in the JSON rendering.
"""

from __future__ import annotations

import importlib
from typing import Any

from agreements.exceptions import MissingExtraError
from agreements.render._table import Table

__all__ = ["render_table"]


def render_table(table: Table) -> Any:
    """A :class:`~agreements.render._table.Table` as a ``pandas.DataFrame`` of values.

    >>> from agreements import compare, get
    >>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
    >>> frame = compare(pair, aspects=["status"]).to_dataframe()
    >>> frame.loc["status", "daraa-al-balad-2021-08-31"]
    'collapsed'
    """
    try:
        # Imported by name so that type checking does not depend on the extra being installed.
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("to_dataframe()", "pandas") from None
    columns = [column.id for column in table.columns]
    records = [[cell.value for cell in row.cells] for row in table.rows]
    index_name = "aspect" if table.kind == "comparison" else "clause"
    frame = pandas.DataFrame(
        records,
        index=pandas.Index([row.id for row in table.rows], name=index_name),
        columns=columns,
        dtype=object,
    )
    if table.kind == "diff":
        frame.insert(0, "change", [row.change for row in table.rows])
    return frame
