"""Renderers: one module per format, for comparisons and diffs alike.

==============  ==========================================  ==================
format          function                                    needs
==============  ==========================================  ==================
``markdown``    :func:`agreements.render.markdown.render`   nothing
``html``        :func:`agreements.render.html.render`       nothing
``csv``         :func:`agreements.render.csv.render`        nothing
``json``        :func:`agreements.render.json.render`       nothing
``latex``       :func:`agreements.render.latex.render`      nothing
``plain``       :func:`agreements.render.terminal.render_plain`  nothing
``rich``        :func:`agreements.render.terminal.render_rich`   the ``rich`` extra
``dataframe``   :func:`agreements.render.dataframe.render`  the ``pandas`` extra
==============  ==========================================  ==================

:func:`render` picks one by name. Each module is imported only when used, so
importing this package costs nothing and needs no extra.

>>> from agreements import get
>>> from agreements.compare import compare
>>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
>>> print(render(compare(pair, aspects=["status"]), "csv").splitlines()[0])
Aspect,busra-al-sham-2018,daraa-al-balad-2021-08-31
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

from agreements.exceptions import AgreementsError

if TYPE_CHECKING:
    from agreements.compare import Comparison
    from agreements.diff import AgreementDiff
    from agreements.model import Corpus

__all__ = ["FORMATS", "MissingExtraError", "render"]

#: The text formats :func:`render` knows, and the module and function of each.
FORMATS: Final = {
    "markdown": ("markdown", "render"),
    "html": ("html", "render"),
    "csv": ("csv", "render"),
    "json": ("json", "render"),
    "latex": ("latex", "render"),
    "plain": ("terminal", "render_plain"),
    "rich": ("terminal", "render_rich"),
}


class MissingExtraError(AgreementsError, ImportError):
    """An optional extra (``rich``, ``pandas``) is needed and not installed.

    >>> print(MissingExtraError("to_dataframe()", "pandas"))
    to_dataframe() needs the optional extra 'pandas': pip install 'agreements[pandas]'
    """

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f"{what} needs the optional extra {extra!r}: pip install 'agreements[{extra}]'")
        self.extra = extra


def render(obj: Comparison | AgreementDiff, fmt: str, *, corpus: Corpus | None = None) -> str:
    """``obj`` rendered in the format named ``fmt`` (one of :data:`FORMATS`).

    ``corpus`` names the actors and sources of a diff (the built-in corpus by default).
    """
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a format; expected one of {', '.join(map(repr, FORMATS))}")
    module_name, function_name = FORMATS[fmt]
    module = importlib.import_module(f"agreements.render.{module_name}")
    text: str = getattr(module, function_name)(obj, corpus=corpus)
    return text
