"""Untrusted files never crash, hang, exhaust memory, reach a terminal raw, or lose data (issue 15).

Four kinds of test:

- Fuzzing: Hypothesis throws arbitrary text, bytes, mutated documents,
  structures with keys that are not text, deep nesting and YAML aliases at
  ``loads``, ``load`` and ``from_data``. Only :class:`AgreementsError`
  subclasses may escape, the memory traced stays under a budget, and the
  work is bounded by the loaders' own limits (bytes, depth, and the parser
  events counted), never by a clock.
- The YAML paths: libyaml and PyYAML's own parser give the same data (or
  both refuse), and what either emitter writes reads back equal.
- Every case the issue lists, one row each: exit 1 or 2 with a one-line
  message naming its file and its place, or the right output.
- Every exit status of the command, and writes that fail leave their target
  as it was.

The fuzz tests run :data:`FEW` examples each in the default test command and
:data:`MANY` under ``HYPOTHESIS_PROFILE=ci``.
"""

from __future__ import annotations

import contextlib
import json
import os
import string
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import agreements as ag
from agreements import _reading, cli, serialize
from agreements._cli_parser import bytes_argument
from agreements._files import write_text
from agreements.exceptions import AgreementsError, InvalidDataError
from agreements.serialize import FORMATS, from_data, to_data
from agreements.testing import strategies as kit

ROOT = Path(__file__).resolve().parent.parent

#: Examples per fuzz test: few at the desk, many in CI (enough to find every failure the issue lists).
CI = os.environ.get("HYPOTHESIS_PROFILE") == "ci"
FEW, MANY = 10, 1000
FUZZ = settings(
    max_examples=MANY if CI else FEW,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: The most memory one small hostile input may make the library allocate.
BUDGET = 64 * 1024 * 1024


@contextlib.contextmanager
def memory_budget(budget: int = BUDGET) -> Iterator[None]:
    """Fail when the Python allocations traced inside the block peak over ``budget`` bytes."""
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < budget, f"peak {peak / 2**20:.1f} MiB"


def only_agreements_errors(call: Callable[[], object]) -> AgreementsError | None:
    """Run ``call``; an AgreementsError is returned, anything else escapes and fails the test."""
    try:
        call()
    except AgreementsError as error:
        return error
    return None


@contextlib.contextmanager
def counted_events(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count the YAML parser events the reader asks for (in both paths), in ``found[0]``."""
    found = [0]
    loaders = {}
    for pure, base in _reading._loaders().items():

        def get_event(self: Any, base: Any = base) -> Any:
            found[0] += 1
            return base.get_event(self)

        loaders[pure] = type(f"Counting{base.__name__}", (base,), {"get_event": get_event})
    with monkeypatch.context() as patch:
        patch.setattr(_reading, "_loaders", lambda: loaders)
        yield found


# ------------------------------------------------------------------------ fuzz

_TOKENS = {
    "json": ['{"', '":', ", ", "}", "[", "]", '"', "\\u", "d800", "NaN", "1e999", "-0", "true", "null", "\n"],
    "toml": ["[", "]", "[[", "]]", " = ", '"', "'''", ".", "inf", "nan", "2021-01-01", "{", "}", ",", "\n"],
    "yaml": [
        "- ", ": ", "? ", "&a ", "*a", "!!str ", "!x ", "---\n", "|\n", ">\n", "'", '"', "{", "}",
        "[", "]", ", ", "#", "\n", "\n  ", "017", "yes", "1:30", "~", "<<: ", "1e3", "\x85", "\\ud800",
    ],
}  # fmt: skip
_FIELDS = ["type", "id", "agreements", "clauses", "actors", "sources", "places", "citations", "source"]
_FIELDS += ["quote", "date", "kind", "name", "title", "status", "category", "summary", "relations"]


def _fragments(fmt: str) -> st.SearchStrategy[str]:
    pieces = st.sampled_from(_TOKENS[fmt]) | st.sampled_from(_FIELDS) | st.text(max_size=4)
    return st.lists(pieces, max_size=40).map("".join)


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_any_text_raises_only_agreements_errors(fmt: str, data: st.DataObject) -> None:
    text = data.draw(st.text() | _fragments(fmt))
    with memory_budget():
        only_agreements_errors(lambda: ag.loads(text, fmt))


_SAMPLES = {fmt: ag.dumps(ag.corpus().get("daraa-al-balad-2021-09-06"), fmt) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=st.data())
def test_mutated_documents_raise_only_agreements_errors(fmt: str, data: st.DataObject) -> None:
    text = _SAMPLES[fmt]
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        text = text[:start] + data.draw(_fragments(fmt)) + text[end:]
    with memory_budget():
        only_agreements_errors(lambda: ag.loads(text, fmt))


@FUZZ
@given(raw=st.binary(max_size=300), fmt=st.sampled_from([".json", ".toml", ".yaml"]))
def test_any_bytes_in_a_file_raise_only_agreements_errors(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, fmt: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"data{fmt}"
    path.write_bytes(raw)
    with memory_budget():
        error = only_agreements_errors(lambda: ag.load(path))
    if error is not None:
        assert isinstance(error, InvalidDataError)
        assert all(problem.file == str(path) for problem in error.problems)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert isinstance(error, InvalidDataError)
        assert error.problems[0].code == "encoding"
        assert error.problems[0].line is not None


_KEYS: st.SearchStrategy[object] = st.one_of(
    st.sampled_from(_FIELDS), st.text(max_size=3), st.integers(), st.booleans(), st.none(),
    st.floats(allow_nan=False), st.dates(),
)  # fmt: skip
_SCALARS: st.SearchStrategy[object] = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8), st.dates(),
    st.sampled_from(["agreement", "corpus", "clause", "2021-09-06", "signed", "siege", "s"]),
)  # fmt: skip
_STRUCTURES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)


@FUZZ
@given(data=_STRUCTURES, shape=st.sampled_from(["bare", "agreement", "corpus"]))
def test_any_structure_raises_only_agreements_errors(data: object, shape: str) -> None:
    """Structures with keys that are not text, as a parser of another format or a caller could hand them over."""
    document: object = data
    if shape == "agreement" and isinstance(data, dict):
        document = {**data, "type": "agreement"}
    elif shape == "corpus":
        document = {"agreements": [data], "actors": data}
    with memory_budget():
        only_agreements_errors(lambda: from_data(document))
        text = yaml.dump(document, Dumper=yaml.SafeDumper, allow_unicode=True)
        for pure in (False, True):
            read = _yaml_reader(text, pure)
            if only_agreements_errors(read) is None:  # what loads has text keys only
                assert all(isinstance(key, str) for key in _keys(read()))
        only_agreements_errors(lambda: ag.loads(text, "yaml"))
        with contextlib.suppress(TypeError):  # json cannot write date keys
            as_json = json.dumps(document, default=str)
            only_agreements_errors(lambda: ag.loads(as_json, "json"))


def _yaml_reader(text: str, pure: bool) -> Callable[[], object]:
    return lambda: _reading._parse_yaml(text, pure=pure)


def _keys(value: object) -> list[object]:
    if isinstance(value, dict):
        return [*value, *(key for item in value.values() for key in _keys(item))]
    if isinstance(value, list):
        return [key for item in value for key in _keys(item)]
    return []


def _nested(fmt: str, shape: str, depth: int) -> str:
    if fmt == "json":
        return "[" * depth + "]" * depth if shape == "list" else '{"a": ' * depth + "1" + "}" * depth
    if fmt == "toml":
        if shape == "list":
            return "a = " + "[" * depth + "]" * depth
        if shape == "table":
            return "a = " + "{b = " * depth + "1" + "}" * depth
        return "[" + ".".join(["a"] * depth) + "]\n"
    if shape == "list":
        return "[" * depth + "]" * depth
    if shape == "table":
        return "".join(f"{' ' * level}a:\n" for level in range(depth)) + " " * depth + "1\n"
    return "".join(f"{'  ' * level}- \n" for level in range(depth))


@settings(FUZZ, max_examples=300 if CI else FEW)  # the old code failed within 31 examples; deep ones cost
@given(
    fmt=st.sampled_from(FORMATS),
    shape=st.sampled_from(["list", "table", "other"]),
    depth=st.integers(1, 3000) | st.integers(95, 105),
)
def test_nesting_is_bounded_in_every_format(fmt: str, shape: str, depth: int) -> None:
    if fmt == "yaml" and shape != "list":
        depth = min(depth, 300)  # block nesting costs a line a level, and the lines grow
    text = _nested(fmt, shape, depth)
    with memory_budget():
        error = only_agreements_errors(lambda: _reading.parse(text, fmt))
    levels = depth + (fmt == "toml")  # a TOML document is a table around everything
    if levels > _reading.MAX_DEPTH:
        assert isinstance(error, InvalidDataError), text[:50]
        assert error.problems[0].code == "too-deep"
        assert str(_reading.MAX_DEPTH) in error.problems[0].message
    else:
        assert error is None, error


def _laughs(levels: int, width: int, inside: str) -> str:
    lines = ["lol0: &lol0 [lol]"]
    lines += [
        f"lol{level}: &lol{level} [{', '.join([f'*lol{level - 1}'] * width)}]"
        for level in range(1, levels + 1)
    ]
    lines.append(f"{inside}: *lol{levels}")
    return "\n".join(lines) + "\n"


@FUZZ
@given(
    levels=st.integers(1, 12),
    width=st.integers(1, 12),
    inside=st.sampled_from(["citations", "agreements", "title"]),
    pure=st.booleans(),
)
def test_yaml_aliases_cannot_expand(levels: int, width: int, inside: str, pure: bool) -> None:
    text = _laughs(levels, width, inside)
    with pytest.MonkeyPatch.context() as patch, counted_events(patch) as events, memory_budget():
        error = only_agreements_errors(lambda: _reading._parse_yaml(text, pure=pure))
    assert isinstance(error, InvalidDataError)
    assert error.problems[0].code == "alias"
    assert error.problems[0].line == 1
    assert events[0] <= 10  # refused at the first anchor, whatever the file holds after it


@FUZZ
@given(text=_fragments("yaml"), pure=st.booleans())
def test_yaml_work_is_bounded_by_the_text(text: str, pure: bool) -> None:
    """The reader asks the parser for no more events than the text has characters (and a few more)."""
    with pytest.MonkeyPatch.context() as patch, counted_events(patch) as events, memory_budget():
        only_agreements_errors(lambda: _reading._parse_yaml(text, pure=pure))
    assert events[0] <= 2 * len(text) + 6


# ------------------------------------------------------------------ YAML paths

_HOSTILE_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12) | st.sampled_from(
    ["017", "0o17", "1:30", "yes", "No", "y", "~", "null", "", " ", "1e3", "1_000", ".inf", "2021-09-06",
     "a\x85b", "\u2028", "\u2029", "\ufeff", "- x", "x: y", "#", "'", '"', "\t", "\r\n", "<<", "=", "!x"]
)  # fmt: skip
_PLAIN_DATA = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_HOSTILE_TEXT, inner, max_size=4),
    max_leaves=20,
)
_RECORDS = st.one_of(
    kit.sources(), kit.citations(), kit.actors(), kit.places(), kit.events(), kit.disputes(), kit.parties()
)


@FUZZ
@given(data=_PLAIN_DATA | _RECORDS.map(to_data))
def test_libyaml_and_pure_python_write_and_read_the_same(data: object) -> None:
    texts = [_reading.yaml_dumps(data, pure=pure) for pure in (False, True)]
    for text in texts:
        assert _reading._parse_yaml(text, pure=False) == data
        assert _reading._parse_yaml(text, pure=True) == data


@FUZZ
@given(text=_fragments("yaml") | st.text())
@example(text=">#")  # libyaml took a comment right after a block text's header; PyYAML's parser refuses it
@example(text="k: |+2#\n  a\n")
@example(text="- >\t\n  b\n")
@example(text="k: |+ # a comment\n  a\n")
def test_libyaml_and_pure_python_accept_and_refuse_alike(text: str) -> None:
    outcomes = []
    for pure in (False, True):
        try:
            outcomes.append(("data", _reading._parse_yaml(text, pure=pure)))
        except InvalidDataError:
            outcomes.append(("refused", None))
    assert outcomes[0] == outcomes[1], text


@FUZZ
@given(record=_RECORDS)
def test_records_round_trip_through_both_yaml_paths(record: serialize.Document) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for pure in (False, True):
            patch.setattr(_reading, "_parse_yaml", _forced(pure))
            text = _reading.yaml_dumps(to_data(record), pure=pure)
            assert ag.loads(text, "yaml") == record


def _forced(pure: bool) -> Callable[..., object]:
    parse = _reading._parse_yaml
    return lambda text, *, pure_=pure, **_: parse(text, pure=pure_)


def test_u0085_and_line_separators_survive_yaml() -> None:
    quote = "before\x85after\u2028and\u2029end"
    citation = ag.Citation(source="s", quote=quote)
    for pure in (False, True):
        text = _reading.yaml_dumps(to_data(citation), pure=pure)
        assert "\\N" in text
        assert ag.loads(text, "yaml") == citation


def test_yaml_output_has_no_anchors() -> None:
    shared = [{"source": "s", "quote": "q"}]
    text = _reading.yaml_dumps({"a": shared, "b": shared})
    assert "&" not in text
    assert _reading.parse(text, "yaml") == {"a": shared, "b": shared}


def test_the_builder_is_used_by_default_with_libyaml() -> None:
    assert _reading._loaders()[False] is yaml.CSafeLoader
    assert _reading._loaders()[True] is yaml.SafeLoader


# --------------------------------------------------------------- reading files


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    cases = {folder: "a folder"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
        cases[tmp_path / "pipe.json"] = "a named pipe"  # opening it must not wait for a writer
    if Path("/dev/zero").exists():
        (tmp_path / "zero.json").symlink_to("/dev/zero")
        cases[tmp_path / "zero.json"] = "a character device"
    for path, kind in cases.items():
        with pytest.raises(InvalidDataError) as caught:
            _reading.read_text(path)
        assert caught.value.problems[0].code == "not-a-file"
        assert kind in caught.value.problems[0].message


def test_the_size_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    big.write_text('{"sources": []}' + " " * 100)
    with pytest.raises(InvalidDataError) as caught:
        ag.load(big, max_bytes=50)
    (problem,) = caught.value.problems
    assert (problem.code, problem.file) == ("too-large", str(big))
    assert "over the limit of 50 bytes" in problem.message
    assert "--max-bytes" in problem.message
    assert ag.load(big, max_bytes=200) == ag.Corpus()
    with pytest.raises(ag.InvalidArgumentError, match="max_bytes"):
        ag.load(big, max_bytes=0)
    with pytest.raises(ag.ArgumentTypeError, match="max_bytes"):
        ag.load(big, max_bytes="50")  # type: ignore[call-overload]


def test_a_file_that_grows_while_read_is_cut_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.json"
    path.write_text("{}")
    real = os.fstat

    class Small:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size = info.st_mode, 0

    monkeypatch.setattr(os, "fstat", lambda handle: Small(real(handle)))
    path.write_text('{"sources": []}')
    with pytest.raises(InvalidDataError, match="over the limit of 5 bytes"):
        _reading.read_text(path, max_bytes=5)


def test_utf8_errors_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'type = "citation"\nsource = "s"\nquote = "caf\xe9"\n')
    with pytest.raises(InvalidDataError) as caught:
        ag.load(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.file) == ("encoding", 3, str(path))
    assert str(problem).startswith(f"{path}:3: not UTF-8 text: byte 0xe9")


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"sources": []}')
    assert ag.load(path) == ag.Corpus()


@pytest.mark.parametrize(
    ("fmt", "text", "code", "line", "path"),
    [
        ("json", '{"sources": [], "sources": []}', "duplicate-key", None, ""),
        ("json", '{"agreements": [{"id": 1, "id": 2}]}', "duplicate-key", None, "agreements[0]"),
        ("json", '{"a": [1, NaN]}', "not-finite", None, "a[1]"),
        ("json", '{"a": -Infinity}', "not-finite", None, "a"),
        ("json", '{"a": 1e999}', "not-finite", None, "a"),
        ("json", '{"a": ["\\ud800"]}', "surrogate", None, "a[0]"),
        ("json", '{"a": ["x\\udc00y"]}', "surrogate", None, "a[0]"),
        ("json", '{"\\udfff": 1}', "surrogate", None, ""),
        ("json", '{"a": 1,\n"b": }', "syntax", 2, ""),
        ("json", '{"a":\n "\ud800"}', "surrogate", 2, ""),  # the character itself, not an escape
        ("json", "1" * 5000, "syntax", None, ""),
        ("toml", "a = 1\nb = nan", "not-finite", None, "b"),
        ("toml", "a = 1\na = 2", "syntax", 2, ""),
        ("toml", "a = [\n1,\n,]", "syntax", 3, ""),
        ("toml", "a = " + "1" * 5000, "syntax", None, ""),
        ("yaml", "a: 1\na: 2", "duplicate-key", 2, ""),
        ("yaml", "a:\n  b: [x, {c: 1, c: 2}]", "duplicate-key", 2, "a.b[1]"),
        ("yaml", "a: .nan", "not-finite", 1, "a"),
        ("yaml", "a: [1.0e+999]", "not-finite", 1, "a[0]"),
        ("yaml", "[" * 1001 + "]" * 1001, "too-deep", 1, ""),  # libyaml's own limit meets it first
        ("yaml", "a: " + "1" * 5000, "syntax", 1, "a"),
        ("yaml", 'a: "\\ud800"', "surrogate", 1, "a"),  # libyaml: syntax; its own message
        ("yaml", "a: 1\n---\nb: 2", "syntax", 2, ""),
        ("yaml", "a: !!binary aGk=", "tag", 1, "a"),
        ("yaml", "a: &x 1", "alias", 1, "a"),
        ("yaml", "a: *x", "alias", 1, "a"),
        ("yaml", "? [a]\n: 1", "key-type", 1, ""),
        ("yaml", "a: \x07", "syntax", 1, ""),
        ("yaml", "on: 1", "ambiguous", 1, ""),
        ("yaml", "a: 0b101", "ambiguous", 1, "a"),
        ("yaml", "a: 1_000", "ambiguous", 1, "a"),
        ("yaml", "a: 1.5e3", "ambiguous", 1, "a"),
        ("yaml", "a: 09", "ambiguous", 1, "a"),
        ("yaml", "a: 190:20:30", "ambiguous", 1, "a"),
        ("yaml", "a:\tb", "syntax", 1, ""),  # libyaml takes the tab for a space; PyYAML does not
        ("yaml", "a: b\t", "syntax", 1, ""),
        ("yaml", "a: |\n  \tb\n", "syntax", 2, ""),  # PyYAML takes the tab for content; libyaml does not
    ],
)
def test_each_refusal_has_its_code_line_and_path(
    fmt: str, text: str, code: str, line: int | None, path: str
) -> None:
    with pytest.raises(InvalidDataError) as caught:
        _reading.parse(text, fmt)
    (problem,) = caught.value.problems
    if fmt == "yaml" and code == "surrogate":  # libyaml refuses the escape itself
        assert problem.code in {"surrogate", "syntax"}
    else:
        assert (problem.code, problem.line, problem.path) == (code, line, path), problem
    assert len(problem.message) < 300
    if code == "surrogate" and problem.code == "surrogate":
        assert "(U+D" in problem.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: |\n\n  \tb\n", None),  # a tab where the block's indentation is found
        ("a: |\r\n\r\n  \tb\r\n", None),
        ("a: |2\n  \tb\n", {"a": "\tb\n"}),  # the indentation is given: the tab is text
        ("a: >\n  x\n  \ty\n", {"a": "x\n\ty\n"}),
        ("a: 'x#y' \t# c\n", None),  # a # inside a text starts no comment
        ('a: "#"\t', None),
        ("a: x #c\td\n", {"a": "x"}),
    ],
)
def test_both_yaml_paths_read_tabs_alike(text: str, value: object) -> None:
    for pure in (False, True):
        if value is None:
            with pytest.raises(InvalidDataError):
                _reading._parse_yaml(text, pure=pure)
        else:
            assert _reading._parse_yaml(text, pure=pure) == value


def test_a_surrogate_escape_is_refused_by_both_yaml_paths() -> None:
    for pure in (False, True):
        with pytest.raises(InvalidDataError) as caught:
            _reading._parse_yaml('a: "x\\udc00"', pure=pure)
        assert caught.value.problems[0].code == ("surrogate" if pure else "syntax")


def test_missing_and_large_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidDataError) as caught:
        _reading.read_text(tmp_path / "missing.json")
    assert caught.value.problems[0].code == "unreadable"
    assert "No such file" in caught.value.problems[0].message
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (3 * 2**20 // 2))
    with pytest.raises(InvalidDataError, match=r"the file is 1\.5 MiB, over the limit of 1\.0 MiB"):
        _reading.read_text(big, max_bytes=2**20)


def test_tabs_inside_quotes_blocks_and_comments_are_text() -> None:
    text = "a: \"x\ty\"  # a\tcomment\nb: |\n  one\n  \ttwo\nc: '#\t'\n"
    for pure in (False, True):
        assert _reading._parse_yaml(text, pure=pure) == {"a": "x\ty", "b": "one\n\ttwo\n", "c": "#\t"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: 17", 17), ("a: -0", 0), ("a: +3", 3), ("a: 1.5", 1.5), ("a: 1.", 1.0), ("a: .5", 0.5),
        ("a: 1.0e+17", 1e17), ("a: ~", None), ("a:", None), ("a: null", None), ("a: True", True),
        ("a: FALSE", False), ("a: '017'", "017"), ("a: 2021-09-06", "2021-09-06"),
        ("a: 2021-09-06T10:00+02:00", "2021-09-06T10:00+02:00"), ("a: yesterday", "yesterday"),
        ("a: 1:30pm", "1:30pm"), ("a: <<", "<<"), ("a: =", "="), ("a: |\n  x\n  y\n", "x\ny\n"),
    ],
)  # fmt: skip
def test_plain_yaml_values_follow_yaml_1_2(text: str, value: object) -> None:
    for pure in (False, True):
        assert _reading._parse_yaml(text, pure=pure) == {"a": value}


# ---------------------------------------------------------- the issue's cases

CITE = [{"source": "s", "quote": "q"}]


def corpus_data(**changes: Any) -> dict[str, Any]:
    """A small valid corpus, with top-level or agreement fields changed."""
    agreement: dict[str, Any] = {
        "id": "a",
        "title": "A",
        "date": "2021-09-06",
        "status": "signed",
        "place": "daraa",
        "citations": CITE,
        "parties": [{"actor": "army", "citations": CITE}],
        "clauses": [
            {
                "id": "c",
                "category": "siege",
                "summary": "Lift the siege.",
                "obligors": ["army"],
                "citations": CITE,
            }
        ],
    }
    data: dict[str, Any] = {
        "sources": [{"id": "s", "description": "A report"}],
        "actors": [{"id": "army", "name": "Army", "kind": "state-force"}],
        "places": [{"id": "daraa", "name": "Daraa", "kind": "city"}],
        "agreements": [agreement],
    }
    for key, value in changes.items():
        if key in data:
            data[key] = value
        else:
            agreement[key] = value
    return data


def _cube(size: int) -> str:
    row = ", ".join(["q"] * size)
    return (
        f"x: &x [{row}]\n"
        f"y: &y [{', '.join(['*x'] * size)}]\n"
        f"agreements:\n- id: a\n  citations: [{', '.join(['*y'] * size)}]\n"
    )


@dataclass
class Case:
    """One hostile input: files to write, a command line, its exit status and what the output must say.

    ``{dir}`` in the arguments stands for the folder of the files. For exit 2
    the error must be one line on stderr, naming ``names`` (the file and the
    place); for other statuses ``names`` must be in the output.
    """

    files: dict[str, str | bytes]
    argv: list[str]
    status: int
    names: list[str]
    env: dict[str, str] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)


ESC, OSC8 = "\x1b[31m", "\x1b]8;;http://example.invalid\x07link\x1b]8;;\x07"
HOSTILE = f"{ESC}Army{OSC8}\x00\u202e\x9b2J"

CASES: dict[str, Case] = {
    # Tracebacks instead of InvalidDataError
    "type-list-json": Case({"bad.json": '{"type": []}'}, ["validate", "{dir}/bad.json"], 1,
                           ["bad.json: error: type: expected the kind of document as text, got []"]),
    "type-list-toml": Case({"bad.toml": "type = []"}, ["list", "--corpus", "{dir}/bad.toml"], 2,
                           ["bad.toml: type: expected the kind of document as text"]),
    "type-table-yaml": Case({"bad.yaml": "type: {}"}, ["list", "--corpus", "{dir}/bad.yaml"], 2,
                            ["bad.yaml: type: expected the kind of document as text, got {}"]),
    "yaml-number-key": Case({"bad.yaml": "3: x"}, ["validate", "{dir}/bad.yaml"], 1,
                            ["bad.yaml:1: error: keys must be text, and this one is the number 3"]),
    "yaml-null-key": Case({"bad.yaml": "sources: []\n?\n: x"}, ["list", "--corpus", "{dir}/bad.yaml"], 2,
                          ["bad.yaml:2: keys must be text, and this one is null"]),
    "yaml-date-key": Case({"bad.yaml": "2021-01-01: x"}, ["validate", "{dir}/bad.yaml"], 1,
                          ["bad.yaml: error: 2021-01-01: unknown key '2021-01-01'"]),
    "yaml-list-value-beside-number-key": Case({"bad.yaml": "id: []\n1: []"}, ["validate", "{dir}/bad.yaml"], 1,
                                              ["bad.yaml:2: error: keys must be text"]),
    "toml-500-levels": Case({"deep.toml": "a = " + "[" * 500 + "]" * 500}, ["list", "--corpus", "{dir}/deep.toml"], 2,
                            ["deep.toml: ", "nest deeper than 100 levels"]),
    "yaml-500-levels": Case({"deep.yaml": "a: " + "[" * 500 + "]" * 500}, ["validate", "{dir}/deep.yaml"], 1,
                            ["deep.yaml:1: error: a[0][0]", "nest deeper than 100 levels"]),
    "yaml-500-block-levels": Case({"deep.yaml": _nested("yaml", "table", 500)}, ["validate", "{dir}/deep.yaml"], 1,
                                  ["deep.yaml:101: error: a.a.a", "nest deeper than 100 levels"]),
    "json-1000-levels": Case({"deep.json": '{"a": ' + "[" * 1000 + "]" * 1000 + "}"},
                             ["list", "--corpus", "{dir}/deep.json"], 2, ["deep.json: ", "nest deeper than 100 levels"]),
    "record-not-a-table": Case({"bad.json": '{"agreements": [null, "x", 3], "actors": [[]]}'},
                               ["validate", "{dir}/bad.json"], 1,
                               ["bad.json: error: agreements[0]: expected a table, got null",
                                "bad.json: error: agreements[1]: expected a table, got text 'x'",
                                "bad.json: error: agreements[2]: expected a table, got a whole number 3",
                                "bad.json: error: actors[0]: expected a table, got a list []"],
                               absent=["NoneType", "attribute", "iterable"]),
    # Memory and time bombs
    "yaml-alias-cube": Case({"cube.yaml": _cube(400)}, ["validate", "{dir}/cube.yaml"], 1,
                            ["cube.yaml:1: error: x: anchors (&x) and aliases are not allowed"]),
    "billion-laughs": Case({"lol.yaml": _laughs(10, 10, "title")}, ["list", "--corpus", "{dir}/lol.yaml"], 2,
                           ["lol.yaml:1: lol0: anchors (&lol0) and aliases are not allowed"]),
    "corpus-dev-zero": Case({}, ["list", "--corpus", "/dev/zero"], 2, ["'/dev/zero': cannot tell the format"]),
    "corpus-symlink-to-dev-zero": Case({"zero.json": "->/dev/zero"}, ["list", "--corpus", "{dir}/zero.json"], 2,
                                       ["zero.json: not a regular file (a character device)"]),
    "corpus-fifo": Case({"pipe.yaml": "|fifo"}, ["list", "--corpus", "{dir}/pipe.yaml"], 2,
                        ["pipe.yaml: not a regular file (a named pipe)"]),
    "corpus-over-the-limit": Case({"big.json": '{"sources": []}' + " " * 2000},
                                  ["list", "--corpus", "{dir}/big.json", "--max-bytes", "1k"], 2,
                                  ["big.json: the file is 2015 bytes, over the limit of 1024 bytes"]),
    "corpus-under-a-raised-limit": Case({"big.json": json.dumps(corpus_data()) + " " * 2000},
                                        ["list", "--corpus", "{dir}/big.json", "--max-bytes", "3k"], 0, ["a   2021-09-06  signed  A"]),
    "width-too-large": Case({}, ["compare", "--width", "9999999999"], 2, ["9999999999 is out of range; give 40 to 1000"]),
    "width-20-digits": Case({}, ["compare", "--width", "1" * 20], 2, ["is out of range"]),
    "columns-too-large": Case({}, ["list"], 0, ["daraa-2018-07"], env={"COLUMNS": "9" * 20}),
    "long-word-in-a-quote": Case({"long.json": json.dumps(corpus_data(citations=[{"source": "s", "quote": "x" * 200_000}]))},
                                 ["cite", "a", "--corpus", "{dir}/long.json", "--width", "80"], 0, ["xxxx↩"]),
    # Terminal injection
    "show-hostile-names": Case({"c.json": json.dumps(corpus_data(actors=[{"id": "army", "name": HOSTILE, "kind": "state-force"}],
                                                                 places=[{"id": "daraa", "name": HOSTILE, "kind": "city"}],
                                                                 title=HOSTILE))},
                               ["show", "a", "--corpus", "{dir}/c.json"], 0, ["parties: \ufffd[31mArmy\ufffd]8;;"],
                               absent=["\x1b", "\x00", "\u202e", "\x07", "\x9b"]),
    "listings-hostile-names": Case({"c.json": json.dumps(corpus_data(actors=[{"id": "army", "name": HOSTILE, "kind": "state-force"}]))},
                                   ["actors", "--corpus", "{dir}/c.json"], 0, ["army  state-force"],
                                   absent=["\x1b", "\x00", "\u202e", "\x07", "\x9b"]),
    "unknown-key-with-escapes": Case({"bad.json": json.dumps({"sources": [], f"{ESC}\x00key": 1})},
                                     ["list", "--corpus", "{dir}/bad.json"], 2, ["bad.json: ['\\x1b[31m\\x00key']: unknown key"],
                                     absent=["\x1b", "\x00"]),
    "validate-unknown-key-with-escapes": Case({"bad.json": json.dumps({"sources": [], f"{ESC}key\u202e": 1})},
                                              ["validate", "{dir}/bad.json"], 1, ["unknown key '\\x1b[31mkey\\u202e'"],
                                              absent=["\x1b", "\u202e"]),
    "folder-file-name-with-escapes": Case({f"{ESC}bad.json": "{", "good.json": json.dumps(corpus_data())},
                                          ["list", "--corpus", "{dir}"], 2, ["\ufffd[31mbad.json:1: not valid JSON"],
                                          absent=["\x1b"]),
    # Silent data loss or wrong data
    "json-duplicate-sources": Case({"dup.json": '{"sources": [{"id": "s", "description": "d"}], "sources": []}'},
                                   ["validate", "{dir}/dup.json"], 1, ["dup.json: error: the key 'sources' is given twice"]),
    "yaml-duplicate-sources": Case({"dup.yaml": "sources:\n- id: s\n  description: d\nsources: []\n"},
                                   ["validate", "{dir}/dup.yaml"], 1, ["dup.yaml:4: error: the key 'sources' is given twice"]),
    "lone-surrogate": Case({"s.json": json.dumps(corpus_data(title="\ud800"))},
                           ["export", "--corpus", "{dir}/s.json", "-o", "{dir}/out.yaml"], 2,
                           ["s.json: agreements[0].title: a lone surrogate (U+D800) is not a character"]),
    "yaml-octal-count": Case({"q.yaml": "type: quantity\nvalue: 017\nunit: checkpoints\n"}, ["validate", "{dir}/q.yaml"], 1,
                             ["q.yaml:2: error: value: 017 reads as a number in some YAML readers", "(17)"]),
    "yaml-base-60-count": Case({"q.yaml": "type: quantity\nvalue: 1:30\nunit: minutes\n"}, ["validate", "{dir}/q.yaml"], 1,
                               ["q.yaml:2: error: value: 1:30 reads as a number"]),
    "arabic-indic-date": Case({"d.json": json.dumps(corpus_data(date="٢٠٢١-٠٩-٠٦"))}, ["validate", "{dir}/d.json"], 1,
                              ["d.json: error: agreements[0].date: '٢٠٢١-٠٩-٠٦' is not a date like '2018'"]),
    "full-width-date": Case({"d.json": json.dumps(corpus_data(date="２０２１"))}, ["validate", "{dir}/d.json"], 1,
                            ["agreements[0].date: '２０２１' is not a date"]),
    "date-with-spaces": Case({"d.yaml": _reading.yaml_dumps(corpus_data(date=" 2021-09-06 "))}, ["validate", "{dir}/d.yaml"], 1,
                             ["agreements[0].date: ' 2021-09-06 ' is not a date"]),
    "follows-missing-self-cycle": Case(
        {"r.json": json.dumps(corpus_data(agreements=[
            {**corpus_data()["agreements"][0], "relations": [{"kind": "follows", "target": "zz", "citations": CITE},
                                                             {"kind": "follows", "target": "a", "citations": CITE}]},
            {**corpus_data()["agreements"][0], "id": "b", "relations": [{"kind": "amends", "target": "c2", "citations": CITE}]},
            {**corpus_data()["agreements"][0], "id": "c2", "relations": [{"kind": "amends", "target": "b", "citations": CITE}]},
        ]))},
        ["validate", "{dir}/r.json"], 1,
        ["agreements[0].relations[0].target: no agreement has the id 'zz'",
         "agreements[0].relations[1].target: agreement 'a' follows itself",
         "agreements build on themselves through their relations: 'b' -> 'c2' -> 'b'"]),
    "clause-waits-for-itself": Case(
        {"c.json": json.dumps(corpus_data(clauses=[{**corpus_data()["agreements"][0]["clauses"][0],
                                                    "condition": {"summary": "after itself", "clauses": ["c"]}}]))},
        ["validate", "{dir}/c.json"], 1, ["agreements[0].clauses[0].condition.clauses[0]: clause 'c' waits for itself"]),
    # Writing files
    "output-over-the-corpus": Case({"c.json": json.dumps(corpus_data())}, ["list", "--corpus", "{dir}/c.json", "-o", "{dir}/c.json"], 2,
                                   ["c.json' is an input of this command"]),
    "output-pdf": Case({}, ["compare", "-o", "{dir}/x.pdf"], 2, ["compare: cannot write '.pdf' here", "(for -o '{dir}/x.pdf')"]),
    "compare-to-toml": Case({}, ["compare", "-o", "{dir}/x.toml"], 2, ["compare: cannot write '.toml'", "(for -o '{dir}/x.toml')"]),
    # The command line
    "empty-corpus-path": Case({}, ["list", "--corpus", ""], 2, ["--corpus: expected a file or folder, got an empty name"]),
    "empty-output-path": Case({}, ["list", "-o", ""], 2, ["-o/--output: expected a file or folder, got an empty name"]),
    "empty-file-to-validate": Case({}, ["validate", ""], 2, ["expected a file or folder, got an empty name"]),
    "validate-folder-names-the-bad-file": Case({"good.json": json.dumps(corpus_data()), "sub/bad.yaml": "a: [1,\n"},
                                               ["validate", "{dir}"], 1, ["sub/bad.yaml:2: error: not valid YAML"]),
    "validate-folder-json-names-the-bad-file": Case({"good.json": json.dumps(corpus_data()), "sub/bad.yaml": "a: 017"},
                                                    ["validate", "--format", "json", "{dir}"], 1,
                                                    ['"file": "{dir}/sub/bad.yaml"', '"line": 1', '"code": "ambiguous"']),
}  # fmt: skip


def _write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content == "|fifo":
            if not hasattr(os, "mkfifo"):
                pytest.skip("no named pipes here")
            os.mkfifo(path)
        elif isinstance(content, str) and content.startswith("->"):
            if not Path(content[2:]).exists():
                pytest.skip(f"no {content[2:]} here")
            path.symlink_to(content[2:])
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_case_of_the_issue(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES[name]
    _write(tmp_path, case.files)
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    argv = [argument.replace("{dir}", str(tmp_path)) for argument in case.argv]
    with memory_budget(200 * 1024 * 1024):
        status = cli.main(argv)
    out, err = capsys.readouterr()
    assert status == case.status, (out, err)
    shown = out if status != 2 else err
    if status == 2:
        assert out == ""
        assert err.count("\n") == 1, err
        assert err.startswith("agreements")
        assert ": error: " in err
    else:
        assert err == ""
    for expected in case.names:
        assert expected.replace("{dir}", str(tmp_path)) in shown, shown[:2000]
    for unwanted in case.absent:
        assert unwanted not in out + err
    assert "Traceback" not in err
    assert max(map(len, shown.splitlines()), default=0) <= 600  # every line bounded
    after = {path: path.read_bytes() for path in before}
    assert after == before  # no input is ever changed


@pytest.mark.parametrize("char", ["x", "東"])
def test_wrapping_a_long_word_measures_each_character_a_few_times(
    char: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wrapping is linear: a long word is measured a character at a time, not once a line."""
    from agreements import _text

    measured = [0]
    real = _text._char_width

    def counted(character: str) -> int:
        measured[0] += 1
        return real(character)

    monkeypatch.setattr(_text, "_char_width", counted)
    word = "a" + char * 50_000
    lines = _text.wrap(f"quote {word} end", 80)
    assert all(_text.width(line) <= 80 for line in lines)
    assert word in "".join(line.removesuffix(_text.BREAK_MARK) for line in lines)  # nothing lost
    assert measured[0] <= 5 * len(word)  # the quadratic wrap measured about 50,000² / 160 times


def test_u0085_survives_an_export_to_yaml(tmp_path: Path) -> None:
    source = tmp_path / "c.json"
    source.write_text(json.dumps(corpus_data(title="before\x85after")))
    assert cli.main(["export", "--corpus", str(source), "-o", str(tmp_path / "out.yaml")]) == 0
    assert ag.load(tmp_path / "out.yaml") == ag.load(source)


def test_the_billion_laughs_report_is_small(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lol.yaml").write_text(_laughs(10, 10, "citations"))
    with memory_budget():
        assert cli.main(["validate", str(tmp_path / "lol.yaml")]) == 1
    out, _ = capsys.readouterr()
    assert len(out) < 300


# ----------------------------------------------------------- exits and writes


def test_every_exit_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(corpus_data()))
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert cli.main(["validate", str(good)]) == 0
    assert cli.main(["validate", str(bad)]) == 1  # problems found
    assert cli.main(["list", "--corpus", str(bad)]) == 2  # an input error
    assert cli.main(["nonsense"]) == 2  # a usage error
    assert cli.main(["list", "--help"]) == 0
    capsys.readouterr()

    def interrupted(argv: object = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "main", interrupted)
    with pytest.raises(SystemExit) as caught:
        cli.main_entry()
    assert caught.value.code == 130


def test_a_closed_pipe_exits_quietly() -> None:
    """``agreements compare | head -0``: the reader goes away; no "Broken pipe", status 0."""
    process = subprocess.Popen(
        [sys.executable, "-m", "agreements", "compare", "--format", "html"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # before the command writes: every write meets a closed pipe
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == 0
    assert err == b""


def test_the_terminal_gets_no_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal:
        def __init__(self) -> None:
            self.text = ""

        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> int:
            self.text += text
            return len(text)

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    # Export writes the data as it is; on a terminal even that is cleaned.
    monkeypatch.setattr(cli, "dumps", lambda obj, fmt: f'{{"name": "{HOSTILE}"}}\n')
    assert cli.main(["export"]) == 0
    assert terminal.text.startswith('{"name": "\ufffd[31mArmy')
    assert not any(char in terminal.text for char in "\x1b\x00\u202e\x07\x9b")


def test_an_error_line_is_one_bounded_clean_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"sources": [], "k" + "\x1b" * 100_000: 1}))
    assert cli.main(["list", "--corpus", str(bad)]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1
    assert len(err) < 600
    assert "\x1b" not in err


@pytest.mark.parametrize("failure", ["replace", "encoding", "write"])
def test_a_failed_write_leaves_the_target_as_it_was(
    failure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "corpus.json"
    target.write_text("the old contents")
    record: Any = ag.corpus()
    if failure == "replace":  # killed (or out of space) after writing, before the rename

        def killed(source: object, destination: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "replace", killed)
        with pytest.raises(KeyboardInterrupt):
            ag.dump(record, target)
    elif failure == "encoding":
        record = ag.Citation(source="s", quote="\ud800")
        with pytest.raises(UnicodeEncodeError):
            ag.dump(record, target)
    else:

        def full(handle: int) -> None:  # the disk fills up as the data reaches it
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        assert cli.main(["export", "-o", str(target)]) == 2
        assert "No space left on device" in capsys.readouterr().err
    assert target.read_text() == "the old contents"
    assert [path.name for path in tmp_path.iterdir()] == ["corpus.json"]  # no temporary file left


def test_write_text_keeps_the_permissions(tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, "new")
    assert (target.read_text(), target.stat().st_mode & 0o777) == ("new", 0o640)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["list", "--max-bytes", "0"], "is not above 0 bytes"),
        (["list", "--max-bytes", "10x"], "is not a number of bytes"),
        (["list", "--max-bytes", "1" * 20], "is not a number of bytes"),
        (["list", "--max-bytes", "١٠"], "is not a number of bytes"),
    ],
)
def test_max_bytes_takes_a_size(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("text", "size"), [("1", 1), ("500k", 512_000), ("50M", 50 * 2**20), ("1g", 2**30)])
def test_max_bytes_units(text: str, size: int) -> None:
    assert bytes_argument(text) == size


def test_the_docs_page_states_the_limits() -> None:
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert f"{_reading.MAX_BYTES // 2**20} MiB" in page
    assert f"{_reading.MAX_DEPTH} levels" in page
    assert "--max-bytes" in page
    assert all(char in string.printable or ord(char) > 127 for char in page)
