"""The generated documentation pages are up to date with the data and the code."""

from __future__ import annotations

import argparse
import ast
import doctest
import importlib
import importlib.util
import inspect
import itertools
import json
import re
import shlex
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import agreements as ag
from _scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


def test_generated_parts_go_between_their_markers_and_check_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generated = load_script("_generated")
    assert doctest.testmod(generated).failed == 0
    with pytest.raises(ValueError, match=r"page\.md has lost its markers"):
        generated.between("prose only", "<!--b-->", "<!--e-->", "new", name="page.md")
    page, missing = tmp_path / "page.md", tmp_path / "missing.md"
    page.write_text("old", encoding="utf-8")
    wanted = {page: "new", missing: "text"}
    assert generated.write_or_check(wanted, ["--check"], "x_doc.py") == 1
    assert page.read_text(encoding="utf-8") == "old"
    assert not missing.exists()
    assert capsys.readouterr().err.count("is out of date: run python scripts/x_doc.py") == 2
    assert generated.write_or_check(wanted, [], "x_doc.py") == 0
    assert generated.write_or_check(wanted, ["--check"], "x_doc.py") == 0
    assert page.read_text(encoding="utf-8") == "new"
    assert missing.read_text(encoding="utf-8") == "text"


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


# ------------------------------------------------------------- the format page


def test_format_page_and_schema_are_fresh() -> None:
    script = load_script("format_doc")
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert page == script.render(page), "docs/format.md is out of date: run python scripts/format_doc.py"
    assert (ROOT / "docs" / "schema.json").read_text(encoding="utf-8") == script.schema_text(), (
        "docs/schema.json is out of date: run python scripts/format_doc.py"
    )


def test_the_schema_file_is_what_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    from agreements.cli import main

    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (ROOT / "docs" / "schema.json").read_text(encoding="utf-8")


def test_every_field_and_value_has_its_meaning() -> None:
    script = load_script("format_doc")
    defs = ag.schema()["$defs"]
    records = {
        name: set(entry["properties"]) for name, entry in defs.items() if not name.endswith("Document")
    }
    assert {name: set(fields) for name, fields in script.FIELDS.items()} == records
    values = {cls.__name__: {str(member.value) for member in cls} for cls in script.enums()}
    assert {name: set(meanings) for name, meanings in script.VALUES.items()} == values
    assert sorted(script.ORDER) == sorted(kind.removesuffix(" document") for kind in _schema_kinds())


def test_every_record_has_one_section() -> None:
    """Each record of the schema is described once, nested ones (``Coordinates``) included."""
    page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    headings = re.findall(
        r"^### (\w+) \{#\w+\}$",
        page.split("## Records {#records}")[1].split("## Enumerations")[0],
        flags=re.MULTILINE,
    )
    records = [name for name in ag.schema()["$defs"] if not name.endswith("Document")]
    assert sorted(headings) == sorted(records)
    assert headings.index("Coordinates") == headings.index("Place") + 1


def _schema_kinds() -> list[str]:
    return [alternative["title"] for alternative in ag.schema()["oneOf"]]


def test_format_page_check_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = load_script("format_doc")
    assert script.main(["--check"]) == 0
    page, schema = tmp_path / "format.md", tmp_path / "schema.json"
    page.write_text(
        f"# Hand-written\n\n{script.BEGIN}\nstale\n{script.END}\n\nMore prose.\n", encoding="utf-8"
    )
    monkeypatch.setattr(script, "PAGE", page)
    monkeypatch.setattr(script, "SCHEMA", schema)
    assert script.main(["--check"]) == 1
    assert script.main([]) == 0
    assert script.main(["--check"]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Hand-written\n\n")
    assert text.endswith("\n\nMore prose.\n")
    assert "| `obligors` |" in text
    assert json.loads(schema.read_text(encoding="utf-8")) == ag.schema()


def test_generated_part_needs_its_markers() -> None:
    for name in ("format_doc", "cli_doc"):
        with pytest.raises(ValueError, match="markers"):
            load_script(name).render("# A page without markers\n")


def _fenced(page: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", page, flags=re.MULTILINE | re.DOTALL)


def test_format_page_examples_load() -> None:
    """Every TOML example on the format page is valid: a document, or a part of an agreement."""
    from agreements.serialize import from_data

    blocks = _fenced((ROOT / "docs" / "format.md").read_text(encoding="utf-8"), "toml")
    assert len(blocks) >= 5
    for block in blocks:
        text = (
            (ROOT / block.split('"')[1]).read_text(encoding="utf-8") if block.startswith("--8<--") else block
        )
        data = tomllib.loads(text)
        if "type" not in data and not {"sources", "agreements"} & set(data):
            # A part of an agreement: its keys are an agreement's fields.
            data = {
                "type": "agreement",
                "id": "example",
                "title": "Example",
                "date": "2021",
                "status": "signed",
                "citations": [{"source": "s", "quote": "q"}],
                **data,
            }
        assert from_data(data) is not None


def test_console_examples_print_what_they_show(capsys: pytest.CaptureFixture[str]) -> None:
    """A ``$ agreements ...`` line in a console block prints the lines under it (output and errors)."""
    from agreements.cli import main

    found = 0
    for page in sorted((ROOT / "docs").glob("*.md")):
        for block in _fenced(page.read_text(encoding="utf-8"), "console"):
            for command, expected in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block, flags=re.MULTILINE):
                argv = shlex.split(command)
                assert argv[0] == "agreements", f"{page.name}: {command}"
                with pytest.MonkeyPatch.context() as patch:
                    patch.chdir(ROOT)
                    main(argv[1:])
                out, err = capsys.readouterr()
                assert out + err == expected, f"{page.name}: {command}"
                found += 1
    assert found


# ---------------------------------------------------------------- the CLI page


def test_cli_page_is_fresh() -> None:
    script = load_script("cli_doc")
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert page == script.render(page), "docs/cli.md is out of date: run python scripts/cli_doc.py"


def test_cli_page_lists_every_command_and_option() -> None:
    from agreements.cli import parser

    script = load_script("cli_doc")
    text = script.reference()
    commands = script._commands(parser())
    for name, command in commands.choices.items():
        assert f"## agreements {name} {{#{name}}}" in text
        for action in command._actions:
            for option in action.option_strings:
                assert f"`{option}" in text, f"{name} {option}"


def test_cli_page_picks_up_new_commands() -> None:
    """A command added to the parser appears without touching the script."""
    from agreements.cli import parser

    script = load_script("cli_doc")
    top = parser()
    commands = script._commands(top)
    new = commands.add_parser("example", help="an example command", description="an example command")
    new.add_argument("ids", nargs="*", metavar="ID", help="the agreements to show")
    new.add_argument("--svg", action="store_true", help="draw it as %(prog)s SVG")
    new.add_argument("--since", metavar="DATE", help="from this date")
    new.add_argument("--hidden", help=argparse.SUPPRESS)
    new.add_argument("--number", nargs="?", help="optional")
    new.add_argument("--files", nargs="+", help="one or more")
    text = script.reference(top)
    assert "| [`example`](#example) | an example command |" in text
    assert "agreements example [options] [ID ...]" in text
    assert "| `--svg` | draw it as agreements example SVG |" in text
    assert "| `--since DATE` | from this date |" in text
    assert "| `--number NUMBER` | optional |" in text
    assert "--hidden" not in text
    # Options the new command does not take are no longer listed as common to all.
    common = text.split("## Options of every command")[1].split("\n## ")[0]
    assert "`--help`" in common
    assert "--corpus" not in common


def test_cli_page_check_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = load_script("cli_doc")
    assert script.main(["--check"]) == 0
    page = tmp_path / "cli.md"
    page.write_text(f"# Intro\n\n{script.BEGIN}\n{script.END}\n", encoding="utf-8")
    monkeypatch.setattr(script, "PAGE", page)
    assert script.main(["--check"]) == 1
    assert script.main([]) == 0
    assert script.main(["--check"]) == 0


# ----------------------------------------------------------- the API reference


def _api_directives() -> dict[str, bool]:
    """Module documented by a ``:::`` line of docs/api.md -> whether its members are shown."""
    found: dict[str, bool] = {}
    lines = (ROOT / "docs" / "api.md").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith("::: "):
            options = []
            for follow in lines[index + 1 :]:
                if follow and not follow.startswith(" "):
                    break
                options.append(follow.strip())
            found[line.removeprefix("::: ").strip()] = "members: false" not in options
    return found


def test_api_reference_names_real_modules() -> None:
    for name in _api_directives():
        assert importlib.import_module(name).__doc__, name


def test_every_public_name_is_documented() -> None:
    """Each name in ``agreements.__all__`` has a docstring and a ``:::`` directive that shows it."""
    directives = _api_directives()
    modules = [importlib.import_module(name) for name, members in directives.items() if members]
    for name in ag.__all__:
        obj = getattr(ag, name)
        home = getattr(obj, "__module__", "")
        # A name may be defined in a private module (agreements._diff.changes) and
        # shown where it is exported (agreements.diff): its home when that is
        # documented, else a documented module that exports it.
        exported = [
            module.__name__
            for module in modules
            if name in getattr(module, "__all__", ()) and getattr(module, name) is obj
        ]
        shown_in = sorted(exported, key=lambda module: module != home)
        assert shown_in, f"{name} is not documented by any ::: directive of docs/api.md"
        # A constant or a type alias keeps its docstring where it is assigned, which may be a private module.
        holders = [
            module
            for module_name, module in sorted(sys.modules.items())
            if module_name.startswith("agreements") and getattr(module, name, None) is obj
        ]
        assert any(_docstring(name, obj, module) for module in holders), f"{name} has no docstring"


def _docstring(name: str, obj: object, module: ModuleType) -> str:
    if callable(obj):  # classes and functions; a union like ClauseChange is not callable
        return inspect.getdoc(obj) or ""
    return _attribute_docstring(module, name)


def _attribute_docstring(module: ModuleType, name: str) -> str:
    """The string literal right after ``name = ...`` at the top of the module's source."""
    tree = ast.parse(inspect.getsource(module))
    for statement, following in itertools.pairwise(tree.body):
        targets = statement.targets if isinstance(statement, ast.Assign) else []
        if isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        named = any(isinstance(target, ast.Name) and target.id == name for target in targets)
        if named and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
            return str(following.value.value)
    return ""


def test_attribute_docstrings_are_found() -> None:
    module = importlib.import_module("agreements._diff.changes")  # where ClauseChange is defined
    assert "match" in _attribute_docstring(module, "ClauseChange")
    assert _attribute_docstring(module, "no_such_name") == ""


# ------------------------------------------------------ docstrings as Markdown


def test_doctest_blocks_become_code() -> None:
    convert = load_script("docstring_markdown").convert
    text = "Pair them.\n\n>>> diff(a, b)\n['Changed']\n\nThen more."
    assert convert(text) == "Pair them.\n\n```pycon\n>>> diff(a, b)\n['Changed']\n```\n\nThen more."
    assert convert(convert(text)) == convert(text)


def test_roles_become_code_linked_when_resolved() -> None:
    convert = load_script("docstring_markdown").convert
    assert convert(":class:`~agreements.model.Corpus` and :mod:`x`") == (
        "<code>Corpus</code> and <code>x</code>"
    )
    linked = convert(":meth:`Timeline.to_svg`", lambda target: f"agreements.timeline.{target}")
    assert linked == (
        '<autoref identifier="agreements.timeline.Timeline.to_svg" optional><code>Timeline.to_svg()</code></autoref>'
    )


def test_literal_blocks_tables_and_definitions() -> None:
    convert = load_script("docstring_markdown").convert
    assert (
        convert("The object::\n\n    {\n      1\n    }\n\nAfter.")
        == "The object:\n\n```\n{\n  1\n}\n```\n\nAfter."
    )
    assert convert("::\n\n    code") == "\n```\ncode\n```"
    assert convert("Not a block::\nsame paragraph") == "Not a block::\nsame paragraph"
    table = "=====  =====\nname   value\n=====  =====\n``a``  :func:`f`\nb|c    too long here\n=====  =====\n"
    assert convert(table) == (
        "| name | value |\n| --- | --- |\n| ``a`` | <code>f()</code> |\n| b\\|c | too long here |"
    )
    assert convert("=====  =====\na      b\n=====  =====") == "| a | b |\n| --- | --- |"
    definitions = "Codes:\n\n``one``\n    the first\n    one.\n\n``two``\n    the second.\n\nEnd."
    assert convert(definitions) == "Codes:\n\n- ``one``: the first one.\n- ``two``: the second.\n\nEnd."


def test_fenced_blocks_are_left_alone() -> None:
    convert = load_script("docstring_markdown").convert
    text = "```\n>>> :func:`x`\n```\n~~~\n::\n~~~"
    assert convert(text) == text


def test_docstring_markdown_examples_run() -> None:
    module = load_script("docstring_markdown")
    assert doctest.testmod(module).failed == 0
