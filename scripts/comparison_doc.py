"""Write docs/comparison.md: the output of ``agreements compare --format md``.

Run from the project's root: ``python scripts/comparison_doc.py`` (``--check``
only reports whether the page is stale). A test checks that the committed
page equals what the command prints, so the page never drifts from the data.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from agreements.cli import main as agreements

PAGE = Path(__file__).resolve().parent.parent / "docs" / "comparison.md"
COMMAND = ("compare", "--format", "md")


def render() -> str:
    """What ``agreements compare --format md`` prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = agreements(list(COMMAND))
    if status != 0:
        raise RuntimeError(f"agreements {' '.join(COMMAND)} exited with {status}")
    return out.getvalue()


def main(argv: list[str]) -> int:
    """Write the page (or, with ``--check``, fail when it is out of date)."""
    text = render()
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE} is out of date: run python scripts/comparison_doc.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
