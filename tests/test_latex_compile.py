"""The LaTeX of a comparison and a diff compiles with pdfLaTeX, without an overfull box.

Needs ``pdflatex`` with the ``booktabs``, ``array``, ``longtable`` and
``pdflscape`` packages (Debian: ``apt-get install -y --no-install-recommends
texlive-latex-recommended``); without it these tests
skip, saying so. ``.ci/run`` installs it when it can.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import agreements as ag
from agreements.compare import compare
from agreements.diff import diff
from test_render import ARABIC, DIFF_PAIR, hostile_comparison, hostile_diff

PDFLATEX = shutil.which("pdflatex")
pytestmark = pytest.mark.skipif(
    PDFLATEX is None,
    reason="no pdflatex: apt-get install -y --no-install-recommends texlive-latex-recommended",
)

PREAMBLE = r"""\documentclass{article}
\usepackage{booktabs,array,longtable,pdflscape}
\begin{document}
"""


def compile_fragments(tmp_path: Path, *fragments: str) -> str:
    """The log of pdfLaTeX run twice (longtable settles its widths on the second run) on a document of ``fragments``."""
    for number, fragment in enumerate(fragments):
        (tmp_path / f"part{number}.tex").write_text(fragment, encoding="utf-8")
    body = "".join(rf"\input{{part{number}}}" + "\n" for number in range(len(fragments)))
    (tmp_path / "doc.tex").write_text(PREAMBLE + body + "\\end{document}\n", encoding="utf-8")
    assert PDFLATEX is not None
    for _ in range(2):
        done = subprocess.run(
            [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
            cwd=tmp_path,
            capture_output=True,
            timeout=300,
            check=False,
        )
        log = (tmp_path / "doc.log").read_text(encoding="utf-8", errors="replace")
        assert done.returncode == 0, log[-3000:]
    return log


def problems(log: str) -> list[str]:
    """Overfull boxes, errors and characters the font lacks, as the log reports them."""
    return re.findall(r"^(?:Overfull \\[hv]box.*|! .*|Missing character.*)$", log, re.MULTILINE)


def test_the_builtin_comparison_and_a_diff_compile_cleanly(tmp_path: Path) -> None:
    comparison = compare(ag.corpus()).to_latex()
    changes = diff(ag.get(DIFF_PAIR[0]), ag.get(DIFF_PAIR[1])).to_latex()
    log = compile_fragments(tmp_path, comparison, changes)
    assert problems(log) == []
    pages = re.search(r"Output written on doc\.pdf \((\d+) pages?", log)
    assert pages is not None
    assert int(pages.group(1)) > 1  # the long table breaks across pages


def test_a_wide_comparison_is_in_landscape_and_a_narrow_one_is_not() -> None:
    assert r"\begin{landscape}" in compare(ag.corpus()).to_latex()
    two = compare([ag.get(DIFF_PAIR[0]), ag.get(DIFF_PAIR[1])]).to_latex()
    assert r"\begin{landscape}" not in two
    assert r"\begin{longtable}" in two


def test_hostile_text_compiles(tmp_path: Path) -> None:
    # pdfLaTeX has no Arabic font: that name needs XeLaTeX or LuaLaTeX (see agreements.render.latex);
    # every other attack on the format is compiled as the renderer wrote it.
    fragments = [hostile_comparison().to_latex(), hostile_diff().to_latex(corpus=ag.corpus())]
    log = compile_fragments(tmp_path, *(fragment.replace(ARABIC, "Ahmad al-Awda") for fragment in fragments))
    assert [line for line in problems(log) if not line.startswith(("Overfull", "Missing character"))] == []


def test_the_check_sees_an_overfull_box(tmp_path: Path) -> None:
    log = compile_fragments(tmp_path, r"\noindent\hbox to 2cm{" + "x" * 80 + "}\n")
    assert any(line.startswith("Overfull") for line in problems(log))
