"""The HTML page in a real browser: headless Chromium loads it offline, silently, readably.

Screenshots for a human to review go to ``tests/_artifacts/`` (not committed).
Install the browser with ``apt-get install -y chromium``; without it these
tests skip.
"""

from __future__ import annotations

import json
import re
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

import agreements as ag
from _scripts import load_script
from agreements.compare import compare
from agreements.diff import diff
from test_render import ARABIC, DIFF_PAIR, hostile_comparison

SCREENSHOTS = load_script("screenshots")  # its Chromium finder, flags and runner
CHROMIUM = SCREENSHOTS.chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: apt-get install -y chromium")

ARTIFACTS = Path(__file__).parent / "_artifacts"
WIDE, NARROW = "1400,1800", "390,1600"


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    result: subprocess.CompletedProcess[str] = SCREENSHOTS.headless(CHROMIUM, page, profile, *extra)
    return result


def console(log: str) -> list[str]:
    """The messages the page wrote to the browser console (script errors, blocked loads, logs)."""
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values in the pixel data of a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    offset, pixels, size = 8, b"", (0, 0)
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            pixels += body
        offset += 12 + length
    return size[0], size[1], len(set(zlib.decompress(pixels)))


def figure_first(page: str) -> str:
    """The page with its timeline figure moved to the top, so that a screenshot shows it."""
    found = re.search(r'<h2 id="timeline">.*?</figure>\n', page, re.DOTALL)
    assert found is not None
    return page.replace(found.group(0), "").replace("<main>\n", "<main>\n" + found.group(0), 1)


PAGES = {
    "comparison": lambda: compare(ag.corpus()).to_html(),
    "diff": lambda: diff(ag.get(DIFF_PAIR[0]), ag.get(DIFF_PAIR[1])).to_html(),
    "hostile": lambda: hostile_comparison().to_html(),
    "timeline": lambda: figure_first(compare(ag.corpus()).to_html()),
}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("window", [WIDE, NARROW], ids=["wide", "narrow"])
def test_the_page_loads_silently_and_is_screenshot(tmp_path: Path, name: str, window: str) -> None:
    page = tmp_path / f"{name}.html"
    page.write_text(PAGES[name](), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"{name}-{'wide' if window == WIDE else 'narrow'}.png"
    shot.unlink(missing_ok=True)
    done = chromium(
        page,
        tmp_path / "profile",
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size={window}",
        f"--screenshot={shot}",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert console(done.stderr) == [], "the page must load nothing, run nothing and log nothing"
    width, height, colours = png_size_and_colours(shot)
    assert (width, height) == tuple(int(part) for part in window.split(","))
    assert colours > 20, "the screenshot is blank"


def test_the_console_check_sees_errors(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<link rel="stylesheet" href="https://example.invalid/x.css"><p>x</p>',
        encoding="utf-8",
    )
    done = chromium(page, tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom")
    assert any("violates the following Content Security Policy" in line for line in console(done.stderr))


# A probe added to a copy of the page (whose policy is relaxed for it alone):
# it measures the table and the text direction of right-to-left cells, and
# writes what it found into the DOM for --dump-dom to return.
PROBE = """<script>
const errors = [];
window.addEventListener("error", (event) => errors.push(String(event.message)));
const table = document.querySelector("table");
const box = table.getBoundingClientRect();
const style = getComputedStyle(table);
const arabic = [...document.querySelectorAll("td .item, tbody th")].filter(
  (item) => /^[\\u0600-\\u06ff]/.test(item.textContent.trim()));
document.body.setAttribute("data-probe", JSON.stringify({
  width: box.width, height: box.height, display: style.display, visibility: style.visibility,
  rows: table.querySelectorAll("tbody tr").length,
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  arabic: arabic.length, rtl: arabic.filter((item) => getComputedStyle(item).direction === "rtl").length,
  errors,
}));
</script>"""


def probe(tmp_path: Path, html: str, window: str, script: str = PROBE) -> dict[str, Any]:
    relaxed = re.sub(r"default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';", html, count=1)
    page = tmp_path / "probed.html"
    page.write_text(relaxed.replace("</body>", script + "</body>"), encoding="utf-8")
    done = chromium(page, tmp_path / "profile", f"--window-size={window}", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert found is not None, done.stdout[-2000:]
    result: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    return result


@pytest.mark.parametrize("window", [WIDE, NARROW], ids=["wide", "narrow"])
def test_the_table_is_visible_and_fits_the_window(tmp_path: Path, window: str) -> None:
    table = compare(ag.corpus())
    result = probe(tmp_path, table.to_html(), window)
    assert result["errors"] == []
    assert (result["display"], result["visibility"]) != ("none", "hidden")
    assert result["width"] > 300
    assert result["height"] > 300
    assert result["rows"] == len(table.rows)
    assert result["overflow"] <= 0, "the page scrolls sideways"


def test_right_to_left_names_render_right_to_left(tmp_path: Path) -> None:
    html = hostile_comparison().to_html()
    assert ARABIC in html
    result = probe(tmp_path, html, WIDE)
    assert result["errors"] == []
    assert result["arabic"] > 0
    assert result["rtl"] == result["arabic"]


# Which of the figure's two pictures the window shows, how wide, and how large
# its 12-unit labels come out on the screen.
FIGURE_PROBE = """<script>
const errors = [];
window.addEventListener("error", (event) => errors.push(String(event.message)));
const shown = [...document.querySelectorAll("figure.timeline svg")].filter(
  (svg) => svg.getBoundingClientRect().width > 0);
const box = shown.length ? shown[0].getBoundingClientRect() : {width: 0, height: 0, right: 0};
document.body.setAttribute("data-probe", JSON.stringify({
  shown: shown.map((svg) => svg.parentElement.className),
  width: box.width, height: box.height, right: box.right,
  label: shown.length ? 12 * box.width / shown[0].viewBox.baseVal.width : 0,
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  window: document.documentElement.clientWidth,
  errors,
}));
</script>"""


@pytest.mark.parametrize(
    ("window", "picture"),
    # Headless Chromium makes no window narrower than 500 pixels to dump the DOM;
    # the narrow screenshot (390 pixels) shows the narrowest case to the eye.
    [(WIDE, "wide"), ("900,1200", "wide"), ("880,1200", "narrow"), ("500,1200", "narrow")],
)
def test_the_window_shows_one_timeline_picture_that_reads_well(
    tmp_path: Path, window: str, picture: str
) -> None:
    result = probe(tmp_path, compare(ag.corpus()).to_html(), window, FIGURE_PROBE)
    assert result["errors"] == []
    assert result["shown"] == [picture]
    assert result["right"] <= result["window"] <= int(window.split(",", maxsplit=1)[0])
    assert result["overflow"] <= 0, "the page scrolls sideways"
    assert 9 <= result["label"] <= 15, "labels too small or too large to read"
    assert result["height"] > 300
