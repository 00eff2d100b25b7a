"""Screenshots of the HTML comparison and diff in headless Chromium, and a count of their highlights.

Run from the project's root: ``python scripts/screenshots.py [OUT_DIR]``
(default ``tests/_artifacts/screenshots``). It writes ``comparison-1400.png``,
``comparison-400.png``, ``diff-1400.png`` and ``diff-400.png``, then loads each
page again with a probe that counts, cell by cell, the highlighted items the
browser shows (an element of class ``new`` inside a table cell, laid out,
with a background colour), and compares the counts with what the table says
is new (:func:`agreements.render._table.marked`): an item the cell to its left
(in a diff, the other side) does not have, an empty cell after one that said
something, or items gone. For the diff it also checks that only the clauses
the diff reports as added, removed or changed are highlighted, and every added
or removed one is. It prints what it found and exits 1 on a mismatch.

Needs Chromium (Debian: ``apt-get install -y chromium``); ``tests/test_screenshots.py``
runs it, and skips without a browser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import agreements as ag
from agreements.compare import Comparison, compare
from agreements.diff import AgreementDiff, Unchanged, diff
from agreements.render import comparison as comparison_render
from agreements.render import diff as diff_render
from agreements.render._table import Marked, Table, marked

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "_artifacts" / "screenshots"
DIFF_PAIR = ("daraa-al-balad-2021-08-31", "daraa-al-balad-2021-09-06")
#: Window widths in CSS pixels: a desktop, and a phone.
WIDTHS = (1400, 400)
#: Headless Chromium lays a page out no narrower than 500 pixels to dump its DOM; the probe of the
#: narrow layout runs at 500 (the page's narrow rules start at 44rem, 704 pixels), the screenshot at 400.
PROBE_WIDTHS = {1400: 1400, 400: 500}
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# Counts, per table row and cell, the highlighted items the browser lays out.
PROBE = """<script>
const shown = (element) => {
  const box = element.getBoundingClientRect();
  const colour = getComputedStyle(element).backgroundColor;
  return box.width > 0 && box.height > 0 && colour !== "transparent" && colour !== "rgba(0, 0, 0, 0)";
};
const rows = [...document.querySelectorAll("table tbody tr")].map((row) =>
  [...row.querySelectorAll("td:not(.change)")].map((cell) => [...cell.querySelectorAll(".new")].filter(shown).length));
document.body.setAttribute("data-probe", JSON.stringify({rows}));
</script>"""


def chromium() -> str | None:
    """The path of a Chromium (or Chrome) on this machine, or ``None``."""
    return next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    )


def headless(browser: str, page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``browser`` headless on ``page`` (a file), with its own ``profile`` folder and the ``extra`` flags."""
    return subprocess.run(  # noqa: S603 - the browser on PATH, with our own arguments
        [browser, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def expected(table: Table) -> list[list[int]]:
    """Per row and cell, how many highlights the table's marks call for."""

    def count(mark: Marked) -> int:
        return sum(new for _, new in mark.items) + int(mark.empty_changed) + int(bool(mark.shows_gone))

    return [[count(mark) for mark in marked(table, row)] for row in table.rows]


def probe(browser: str, html: str, width: int, work: Path) -> list[list[int]]:
    """Per row and cell, how many highlighted items Chromium shows in ``html`` at ``width`` pixels."""
    relaxed = re.sub(r"default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", html, count=1)
    page = work / "probed.html"
    page.write_text(relaxed.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = headless(browser, page, work / "profile", f"--window-size={width},1600", "--dump-dom")
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited with {done.returncode}: {done.stderr[-2000:]}")
    found = re.search(r'data-probe="([^"]*)"', done.stdout)
    if found is None:
        raise RuntimeError("the probe wrote nothing: " + done.stdout[-2000:])
    data: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    rows: list[list[int]] = data["rows"]
    return rows


def screenshot(browser: str, html: str, width: int, shot: Path, work: Path) -> None:
    """``html`` as Chromium shows it in a window ``width`` pixels wide, the first 1,800 pixels of it."""
    page = work / "page.html"
    page.write_text(html, encoding="utf-8")
    shot.unlink(missing_ok=True)
    done = headless(browser, page, work / "profile", f"--window-size={width},1800", f"--screenshot={shot}")
    if done.returncode != 0 or not shot.exists():
        raise RuntimeError(f"no screenshot {shot}: {done.stderr[-2000:]}")


def diff_problems(d: AgreementDiff, table: Table, counts: list[list[int]]) -> list[str]:
    """Rows highlighted that the diff does not report as changed, and added or removed ones not highlighted."""
    found = []
    for row, cells in zip(table.rows, counts, strict=True):
        if row.change == "unchanged" and any(cells):
            found.append(f"{row.id}: highlighted, but the diff reports it unchanged")
        if row.change in {"added", "removed"} and not any(cells):
            found.append(f"{row.id}: {row.change}, but nothing is highlighted")
    # The obligations by actor come first and are no clause of their own.
    reported = sum(1 for row in table.rows if row.change not in {"unchanged", "obligations"})
    if reported != sum(1 for change in d.clauses if not isinstance(change, Unchanged)):
        found.append("the table's rows do not follow the diff's clause changes")
    return found


def pages() -> dict[str, tuple[str, Table, Callable[[list[list[int]]], list[str]]]]:
    """Each page by name: its HTML, its table, and the checks beyond the counts."""
    comparison: Comparison = compare(ag.corpus())
    d = diff(ag.get(DIFF_PAIR[0]), ag.get(DIFF_PAIR[1]))
    diff_table = diff_render.table(d, ag.corpus())
    return {
        "comparison": (comparison.to_html(), comparison_render.table(comparison), lambda counts: []),
        "diff": (d.to_html(), diff_table, lambda counts: diff_problems(d, diff_table, counts)),
    }


def run(out: Path, browser: str) -> list[str]:
    """Take the screenshots into ``out`` and count the highlights; the problems found, one line each."""
    out.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for name, (html, table, more) in pages().items():
            want = expected(table)
            for width in WIDTHS:
                screenshot(browser, html, width, out / f"{name}-{width}.png", work)
                seen = probe(browser, html, PROBE_WIDTHS[width], work)
                total = sum(map(sum, seen))
                print(
                    f"{name} at {width}px: {total} highlighted items, {sum(map(sum, want))} new by the table"
                )
                if seen != want:
                    problems += [
                        f"{name} at {width}px, row {row.id}: highlighted {got}, new {meant}"
                        for row, got, meant in zip(table.rows, seen, want, strict=False)
                        if got != meant
                    ] or [f"{name} at {width}px: {len(seen)} rows shown, {len(want)} in the table"]
                problems += [f"{name} at {width}px: {problem}" for problem in more(seen)]
    return problems


def main(argv: list[str]) -> int:
    """Screenshots into ``argv[0]`` (default :data:`OUT`); 1 when a highlight is missing or extra, 2 without Chromium."""
    browser = chromium()
    if browser is None:
        print("no Chromium: apt-get install -y chromium", file=sys.stderr)
        return 2
    out = Path(argv[0]) if argv else OUT
    problems = run(out, browser)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"screenshots in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
