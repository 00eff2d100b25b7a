"""A pandas DataFrame of the values (the ``pandas`` extra).

For a comparison: one row per aspect (the index, named ``aspect``, holds the
aspect ids) and one column per agreement id, in date order; cells hold the
values as text (``""`` where an agreement says nothing). For a diff: one row
per clause (index ``clause``), a ``change`` column and the table's columns.
Flags and citations are in the JSON rendering.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from agreements.render import MissingExtraError
from agreements.render._table import table_of

if TYPE_CHECKING:
    from agreements.compare import Comparison
    from agreements.diff import AgreementDiff
    from agreements.model import Corpus

__all__ = ["render"]


def render(obj: Comparison | AgreementDiff, *, corpus: Corpus | None = None) -> Any:
    """A comparison or a diff as a ``pandas.DataFrame`` of values.

        >>> from agreements import get
    >>> from agreements.compare import compare
    >>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
        >>> frame = render(compare(pair, aspects=["status"]))
        >>> frame.loc["status", "daraa-al-balad-2021-08-31"]
        'collapsed'
    """
    try:
        # Imported by name so that type checking does not depend on the extra being installed.
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("to_dataframe()", "pandas") from None
    table = table_of(obj, corpus)
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
