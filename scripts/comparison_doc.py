"""Write docs/comparison.md: the output of ``agreements compare --format md``, laid out to fit the page.

Run from the project's root: ``python scripts/comparison_doc.py`` (``--check``
only reports whether the page is stale). A test checks that the committed
page is what the command prints, so the page never drifts from the data.

The page (:func:`page`) is the command's output with two additions, so that
the six-column table fits the content column instead of running off it:
front matter that hides the navigation and the table of contents (the table
gets the page's width), and a ``<div class="comparison-table" markdown>``
around the table, which ``docs/stylesheets/comparison.css`` lays out with
fixed, equal columns whose words wrap.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from agreements.cli import main as agreements

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _generated import write_or_check

PAGE = Path(__file__).resolve().parent.parent / "docs" / "comparison.md"
COMMAND = ("compare", "--format", "md")
FRONT = "---\nhide:\n  - navigation\n  - toc\n---\n\n"
OPEN, CLOSE = '<div class="comparison-table" markdown>\n\n', "\n</div>\n"


def page(output: str) -> str:
    """The page for the command's ``output``: front matter, then the output with its table in a div."""
    lines = output.splitlines(keepends=True)
    start = next(index for index, line in enumerate(lines) if line.startswith("| "))
    end = next((index for index in range(start, len(lines)) if not lines[index].startswith("| ")), len(lines))
    return FRONT + "".join([*lines[:start], OPEN, *lines[start:end], CLOSE, *lines[end:]])


def output() -> str:
    """What ``agreements compare --format md`` prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = agreements(list(COMMAND))
    if status != 0:
        raise RuntimeError(f"agreements {' '.join(COMMAND)} exited with {status}")
    return out.getvalue()


def render() -> str:
    """The page: the command's output (:func:`output`) laid out by :func:`page`."""
    return page(output())


def main(argv: list[str]) -> int:
    """Write the page (or, with ``--check``, fail when it is out of date)."""
    return write_or_check({PAGE: render()}, argv, "comparison_doc.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
