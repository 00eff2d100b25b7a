"""The generated documentation pages are up to date with the data and the code."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_page_is_fresh() -> None:
    script = load_script("corpus_doc")
    assert (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8") == script.render(), (
        "docs/corpus.md is out of date: run python scripts/corpus_doc.py"
    )


def test_corpus_page_escapes_markdown() -> None:
    script = load_script("corpus_doc")
    assert script.escape("a | b *c* <script>") == r"a \| b \*c\* \<script\>"


def test_corpus_page_check_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = load_script("corpus_doc")
    assert script.main(["--check"]) == 0
    page = tmp_path / "corpus.md"
    page.write_text("stale", encoding="utf-8")
    monkeypatch.setattr(script, "PAGE", page)
    assert script.main(["--check"]) == 1
    assert script.main([]) == 0
    assert page.read_text(encoding="utf-8") == script.render()
