"""What the scripts that write docs pages share: the generated part of a page, and ``--check``.

A page written in part by a script keeps its prose around a part between two
markers; :func:`between` puts the script's part in. :func:`write_or_check`
writes the pages, or with ``--check`` says which are out of date (the tests
and CI run that). The scripts put this folder on ``sys.path`` to import it, as
they do for :mod:`docstring_markdown`, so that it is found however they are
loaded (run, or imported by a test).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


def between(page: str, begin: str, end: str, generated: str, *, name: str) -> str:
    """``page`` with what lies from ``begin`` to ``end`` (the markers included) replaced by ``generated``.

    >>> between("a <!--b--> old <!--e--> z", "<!--b-->", "<!--e-->", "<!--b--> new <!--e-->", name="p.md")
    'a <!--b--> new <!--e--> z'
    """
    start, stop = page.find(begin), page.find(end)
    if start < 0 or stop < start:
        raise ValueError(f"{name} has lost its markers: put {begin!r} and {end!r} back")
    return page[:start] + generated + page[stop + len(end) :]


def write_or_check(pages: Mapping[Path, str], argv: Sequence[str], script: str) -> int:
    """Write each page's text; with ``--check`` in ``argv``, write nothing and fail when a page differs.

    ``script`` is the script's file name, for the message that says how to bring a page up to date.
    """
    if "--check" in argv:
        stale = [
            path
            for path, text in pages.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        for path in stale:
            print(f"{path} is out of date: run python scripts/{script}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    return 0
