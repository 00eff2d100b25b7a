"""docs/comparison.md is what ``agreements compare --format md`` prints today, laid out to fit the page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from _scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


def script() -> ModuleType:
    return load_script("comparison_doc")


def test_the_comparison_page_is_fresh() -> None:
    page = ROOT / "docs" / "comparison.md"
    assert page.read_text(encoding="utf-8") == script().render(), (
        "docs/comparison.md is out of date: run python scripts/comparison_doc.py"
    )


def test_the_page_is_the_command_output() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "agreements", "compare", "--format", "md"],
        capture_output=True,
        check=True,
    )
    module = script()
    assert done.stdout.decode("utf-8") == module.output()
    assert module.render() == module.page(module.output())


def test_the_page_keeps_every_line_of_the_output_and_wraps_the_table() -> None:
    module = script()
    text = module.output()
    laid_out = module.page(text)
    assert laid_out.startswith(module.FRONT)
    kept = [line for line in laid_out.splitlines() if line]
    assert [line for line in kept if line in text.splitlines()] == [
        line for line in text.splitlines() if line
    ]
    table = laid_out.split(module.OPEN, 1)[1].split(module.CLOSE, 1)[0]
    assert table.splitlines() == [line for line in text.splitlines() if line.startswith("| ")]


def test_check_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = script()
    assert module.main(["--check"]) == 0
    page = tmp_path / "comparison.md"
    monkeypatch.setattr(module, "PAGE", page)
    assert module.main(["--check"]) == 1
    assert module.main([]) == 0
    assert module.main(["--check"]) == 0
    assert page.read_text(encoding="utf-8") == module.render()


def test_a_failing_command_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    module = script()
    monkeypatch.setattr(module, "COMMAND", ("compare", "--format", "docx"))
    with pytest.raises(RuntimeError, match="exited with 2"):
        module.render()
