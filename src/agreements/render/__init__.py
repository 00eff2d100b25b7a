"""Everything a person reads is written here: tables, sentences, pictures, listings.

The analysis modules (:mod:`agreements.compare`, :mod:`agreements.diff`,
:mod:`agreements.timeline`) compute; the modules below turn what they compute
into text. Each result has a ``to_<format>`` method for every format that makes
sense for it, and :func:`render` picks one by name.

==================  ================================================================
module              what it writes
==================  ================================================================
``comparison``      a comparison as a :class:`~agreements.render._table.Table`
``diff``            a diff's summary sentences, and the diff as a ``Table``
``timeline``        a timeline as text, JSON, a ``Table``, a DataFrame or an SVG picture
``markdown``        a ``Table`` as GitHub-flavoured Markdown
``html``            a ``Table`` as one self-contained HTML page, with a timeline figure
``csv``             a ``Table`` as CSV, formula-safe
``json``            a ``Table`` as JSON in one documented shape
``latex``           a ``Table`` as a LaTeX ``longtable``
``terminal``        a ``Table`` for a terminal, plain or with the ``rich`` extra
``dataframe``       a ``Table`` as a pandas DataFrame (the ``pandas`` extra)
``similar``         similar agreements: the ranked table with each score's parts, and JSON
==================  ================================================================

Every renderer reads the analysis results through small protocols
(:class:`~agreements.render.diff.DiffView` and its siblings) and the neutral
records of :mod:`agreements.render._table` and :mod:`agreements.render._figure`,
never the analysis modules themselves: those depend on this package, not the
other way round (see ``docs/architecture.md``).

>>> from agreements import compare, get
>>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
>>> print(render(compare(pair, aspects=["status"]), "csv").splitlines()[0])
Aspect,busra-al-sham-2018,daraa-al-balad-2021-08-31
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, Final

from agreements.exceptions import InvalidArgumentError, MissingExtraError

__all__ = ["FORMATS", "SUFFIXES", "MissingExtraError", "format_of", "render"]

#: The formats :func:`render` knows: each is a ``to_<format>`` method of the results that have it.
#: A comparison and a diff have all but ``svg``; a timeline has all but ``latex`` and ``rich``.
FORMATS: Final = ("markdown", "html", "csv", "json", "latex", "text", "rich", "dataframe", "svg")

#: The format each file suffix stands for, for text written to a file (data files included).
SUFFIXES: Final = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".tex": "latex",
    ".svg": "svg",
    ".txt": "text",
    ".text": "text",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def format_of(path: str | PurePath, allowed: Sequence[str]) -> str:
    """The format among ``allowed`` that a file name's suffix stands for, or an error naming the suffixes that work.

    >>> format_of("table.md", ["text", "markdown"])
    'markdown'
    >>> format_of("table.pdf", ["text", "markdown"])
    Traceback (most recent call last):
    ...
    agreements.exceptions.InvalidArgumentError: cannot write '.pdf' here; use one of .markdown, .md, .text, .txt
    """
    suffix = PurePath(path).suffix.lower()
    found = SUFFIXES.get(suffix)
    if found not in allowed:
        usable = ", ".join(sorted(name for name, fmt in SUFFIXES.items() if fmt in allowed))
        raise InvalidArgumentError(
            f"cannot write {suffix or 'a file without a suffix'!r} here; use one of {usable}"
        )
    return str(found)


def render(obj: Any, fmt: str, **options: Any) -> Any:
    """``obj`` (a comparison, a diff or a timeline) in the format named ``fmt``.

    The same as calling ``obj.to_<fmt>(**options)``: ``render(d, "markdown")``
    is ``d.to_markdown()``, ``render(t, "text", width=80)`` is
    ``t.to_text(width=80)``.
    """
    if fmt not in FORMATS:
        raise InvalidArgumentError(
            f"{fmt!r} is not a format; expected one of {', '.join(map(repr, FORMATS))}"
        )
    method = getattr(obj, f"to_{fmt}", None)
    if not callable(method):
        raise InvalidArgumentError(f"a {type(obj).__name__} cannot be rendered as {fmt!r}")
    return method(**options)
