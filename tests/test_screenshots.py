"""scripts/screenshots.py: the HTML comparison and diff in headless Chromium highlight exactly the new items.

Skips without Chromium (``apt-get install -y chromium``); the screenshots go
to a temporary folder here (run the script for ones to keep).
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from _scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


SCRIPT = load_script("screenshots")
BROWSER = SCRIPT.chromium()
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium: apt-get install -y chromium")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_highlights_are_the_new_items_at_both_widths(tmp_path: Path) -> None:
    assert SCRIPT.run(tmp_path, BROWSER) == []
    for name in ("comparison", "diff"):
        for width in SCRIPT.WIDTHS:
            assert png_size(tmp_path / f"{name}-{width}.png") == (width, 1800)


def test_the_count_is_not_everything_highlighted(tmp_path: Path) -> None:
    _, table, _ = SCRIPT.pages()["comparison"]
    want = SCRIPT.expected(table)
    highlighted = sum(map(sum, want))
    cells = sum(len(row) for row in want)
    assert 0 < highlighted < cells  # some items are new, far from all
    # "—" next to "—" is no change: the other weapons terms of the first three agreements.
    assert want[[row.id for row in table.rows].index("weapons-other")][:3] == [0, 0, 0]


def test_the_probe_sees_a_missing_highlight(tmp_path: Path) -> None:
    html, table, _ = SCRIPT.pages()["comparison"]
    plain = html.replace(".new { background: var(--changed);", ".new {", 1)
    assert plain != html
    seen = SCRIPT.probe(BROWSER, plain, 1400, tmp_path)
    assert sum(map(sum, seen)) == 0
    assert seen != SCRIPT.expected(table)
