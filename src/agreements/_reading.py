"""The one reading path for untrusted files: bounded, strict, the same rules for JSON, TOML and YAML.

A file is read only if it is a regular file (a symbolic link to one will
do) no larger than a limit, checked before reading (:data:`MAX_BYTES`, raised
with ``max_bytes=``); it must be UTF-8. Its text is then parsed into plain
data (dicts with text keys, lists, text, whole and finite numbers, true and
false, null, and TOML's dates), refusing what the format has no use for and
what would read differently elsewhere:

- lists and tables nested deeper than :data:`MAX_DEPTH` levels;
- a key given twice in one table (TOML refuses that itself; JSON and YAML
  would keep the last one and lose the rest without a word);
- numbers that are not finite (``NaN``, ``Infinity``, ``1e999``), which JSON
  and the schema do not have;
- lone surrogates (``"\\ud800"``): not characters, and no UTF-8 file can hold
  one, so what was read could not be written back;
- in YAML: keys that are not text, anchors and aliases (``&a``, ``*a``, which
  let a few bytes stand for billions of values), tags (``!!python/...``),
  more than one document, and plain values that YAML 1.1 and YAML 1.2 readers
  read differently (``017``, ``1:30``, ``yes``, ``1_000``, ``0o17``): write
  those in quotes for text, or in plain decimal for a number. Everything else
  follows YAML 1.2's core schema, so dates are text, as in JSON, and the
  schema's date rule applies to them.

Every refusal is an :class:`~agreements.exceptions.InvalidDataError` whose
problem names the line when the parser gives one and the path inside the
document, and shows a bad value only as a bounded excerpt.

YAML is parsed through libyaml when PyYAML has it (about twenty times faster
than PyYAML's pure-Python loader; ``benchmarks/bench_yaml.py``), and through
the pure-Python parser otherwise; both feed the same strict builder, and a
tab is read the stricter of their two ways, so they accept and refuse the
same documents. :func:`yaml_dumps` writes YAML through the same choice of
emitter, quoting every text that the reader here (or a YAML 1.1 reader)
would take for something else, so that what is written reads back equal.

This module uses only :mod:`agreements._text` and
:mod:`agreements.exceptions`; PyYAML (the extra ``yaml``) is imported only
when YAML is read or written.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn

from agreements._text import count, excerpt
from agreements.exceptions import InvalidDataError, Problem

if TYPE_CHECKING:
    from yaml.error import Mark

__all__ = ["MAX_BYTES", "MAX_DEPTH", "parse", "path_text", "read_text", "yaml_dumps"]

#: The largest file read unless the caller raises the limit: 10 MiB.
MAX_BYTES: Final = 10 * 1024 * 1024
#: How deep lists and tables may nest (a corpus needs about ten levels).
MAX_DEPTH: Final = 100

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
# A JSON escape that may decode to a lone surrogate (a pair decodes to one character).
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
# What a YAML stream may hold at all (YAML 1.1, libyaml and PyYAML alike). Compiled on first use (by re's
# cache), since its ranges take milliseconds to compile and most imports read no YAML.
_YAML_UNPRINTABLE: Final = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_PLAIN_KEY: Final = re.compile(r"[A-Za-z0-9_-]{1,60}")
_LONGEST_PATH: Final = 200


# --------------------------------------------------------------------- problems


class _RefusedError(Exception):
    """A refusal found while parsing, before its path or line is known."""

    def __init__(self, message: str, *, code: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.line = line


def path_text(parts: Iterable[str | int]) -> str:
    """A path inside a document as problems show it: ``agreements[0].clauses[3]``.

    A key that is not a short plain name (a key from an untrusted file may be
    anything) is shown as a bounded excerpt in brackets.

    >>> path_text(["agreements", 0, "clauses", 3, "id"])
    'agreements[0].clauses[3].id'
    >>> path_text(["actors", 0, "full name"])
    "actors[0]['full name']"
    >>> len(path_text(["actors", 0, "x" * 10_000]))
    91
    """
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(part):
            text += f".{part}" if text else part
        else:
            text += f"[{excerpt(part)}]"
    if len(text) > _LONGEST_PATH:  # nested a hundred levels deep
        text = f"{text[:40]}...{text[-(_LONGEST_PATH - 43) :]}"
    return text


def _fail(message: str, *, code: str, path: str = "", line: int | None = None) -> NoReturn:
    raise InvalidDataError([Problem(path=path, message=message, code=code, line=line)])


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _size(number: int) -> str:
    if number < 1024 * 1024:
        return count(number, "byte")
    return f"{number / (1024 * 1024):.1f} MiB"


# ------------------------------------------------------------------------ files


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of the file at ``path``, or :class:`InvalidDataError` (without the file; the caller adds it).

    Only a regular file is read (never a folder, a named pipe or a device,
    even behind a symbolic link), and only when it holds at most
    ``max_bytes`` bytes: the size is checked before reading, and no more
    than that is ever read. The bytes must be UTF-8 (a leading byte order
    mark is dropped).
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        handle = os.open(path, flags)  # non-blocking: opening a named pipe must not wait for a writer
    except OSError as error:
        _fail(f"cannot read the file: {error.strerror or error}", code="unreadable")
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            _fail(f"not a regular file ({_kind_of_file(info.st_mode)}); give a data file", code="not-a-file")
        if info.st_size > max_bytes:
            _fail(_too_large(info.st_size, max_bytes), code="too-large")
        with os.fdopen(handle, "rb", closefd=False) as file:
            data = file.read(max_bytes + 1)
    finally:
        os.close(handle)
    if len(data) > max_bytes:  # it grew while we read
        _fail(_too_large(len(data), max_bytes), code="too-large")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        _fail(f"not UTF-8 text: byte 0x{byte} {error.reason}", code="encoding", line=line)


def _kind_of_file(mode: int) -> str:
    kinds: list[tuple[Callable[[int], bool], str]] = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "not a file of data")


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is {_size(size)}, over the limit of {_size(limit)};"
        " raise it with max_bytes= (on the command line, --max-bytes) if you trust the file"
    )


# ---------------------------------------------------------------------- parsing


def parse(text: str, fmt: str) -> object:
    """The plain data of ``text`` in ``fmt`` (``"json"``, ``"toml"`` or ``"yaml"``), read strictly.

    >>> parse('{"id": "a", "id": "b"}', "json")
    Traceback (most recent call last):
    ...
    agreements.exceptions.InvalidDataError: the key 'id' is given twice in this table; keep one
    >>> parse("when: 2021-09-06\\ncount: 017", "yaml")
    Traceback (most recent call last):
    ...
    agreements.exceptions.InvalidDataError: count: 017 reads as a number in some YAML readers and another value in others; write it in plain decimal digits (17) for a number, or in quotes ('017') for text
    """
    if not text.isascii():
        found = _SURROGATE.search(text)
        if found is not None:
            _fail(_surrogate(found.group()), code="surrogate", line=_line_of(text, found.start()))
    if fmt == "yaml":
        return _parse_yaml(text, pure=False)
    data = _parse_json(text) if fmt == "json" else _parse_toml(text)
    _check_tree(data, strings=fmt == "json" and _SURROGATE_ESCAPE.search(text) is not None)
    return data


def _surrogate(found: str) -> str:
    return (
        f"a lone surrogate (U+{ord(found):04X}) is not a character: no file can hold it,"
        " so it could not be written back; remove it"
    )


def _too_deep() -> str:
    return f"lists and tables nest deeper than {MAX_DEPTH} levels; no agreements document needs that many"


_NOT_FINITE: Final = "numbers must be finite: NaN and infinity are not numbers the format or JSON can hold"


class _Duplicated(dict[str, Any]):
    """A JSON object that gave a key twice (the walk after parsing reports it, with its path)."""

    duplicate: str = ""


class _Constant:
    """``NaN``, ``Infinity`` or ``-Infinity`` in JSON, which the JSON standard does not have."""

    def __init__(self, name: str) -> None:
        self.name = name


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) == len(pairs):
        return table
    seen: set[str] = set()
    marked = _Duplicated(table)
    for key, _ in pairs:  # pragma: no branch - a duplicate is there
        if key in seen:
            marked.duplicate = key
            break
        seen.add(key)
    return marked


def _parse_json(text: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_json_object, parse_constant=_Constant)
    except json.JSONDecodeError as error:
        _fail(f"not valid JSON: {error.msg}", code="syntax", line=error.lineno)
    except RecursionError:
        _fail(_too_deep(), code="too-deep")
    except ValueError as error:  # a number with more digits than Python converts
        _fail(f"not valid JSON: {excerpt(str(error))}", code="syntax")


_TOML_PLACE: Final = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\Z")


def _parse_toml(text: str) -> object:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        place = _TOML_PLACE.search(message)
        line = None if place is None else int(place.group(1) or text.count("\n") + 1)
        clipped = message[: place.start()] if place is not None else message
        _fail(f"not valid TOML: {clipped}", code="syntax", line=line)
    except RecursionError:
        _fail(_too_deep(), code="too-deep")
    except ValueError as error:  # a number with more digits than Python converts
        _fail(f"not valid TOML: {excerpt(str(error))}", code="syntax")


def _check_tree(data: object, *, strings: bool) -> None:
    """Refuse what JSON and TOML parsers let through: depth, duplicate keys, non-finite numbers, surrogates.

    ``strings`` says whether texts may hold lone surrogates (decoded from
    JSON escapes) and must be looked at.
    """
    root: list[Any] = [data]
    stack: list[tuple[object, int, tuple[str | int, ...]]] = [(root, 0, ())]
    while stack:
        container, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            _fail(_too_deep(), code="too-deep", path=path_text(path))
        if isinstance(container, dict):
            if isinstance(container, _Duplicated):
                _fail(
                    f"the key {excerpt(container.duplicate)} is given twice in this table; keep one",
                    code="duplicate-key",
                    path=path_text(path),
                )
            items: Iterable[tuple[str | int, Any]] = container.items()
        else:
            assert isinstance(container, list)
            items = enumerate(container)
        for key, item in items:
            kind = item.__class__
            if kind is dict or kind is list or kind is _Duplicated:
                stack.append((item, depth + 1, (*path, key) if depth else path))
            elif kind is float:
                if not math.isfinite(item):
                    _fail(_NOT_FINITE, code="not-finite", path=path_text((*path, key) if depth else path))
            elif kind is _Constant:
                _fail(
                    f"{item.name} is not a number in JSON; {_NOT_FINITE}",
                    code="not-finite",
                    path=path_text((*path, key) if depth else path),
                )
            elif strings and kind is str and (found := _SURROGATE.search(item)):
                _fail(
                    _surrogate(found.group()),
                    code="surrogate",
                    path=path_text((*path, key) if depth else path),
                )
            if strings and isinstance(key, str) and (found := _SURROGATE.search(key)):
                _fail(_surrogate(found.group()), code="surrogate", path=path_text(path))


# ------------------------------------------------------------------------- YAML

# Plain (unquoted) values, YAML 1.2 core schema. Anything else plain is text,
# unless a YAML 1.1 reader would take it for something else (_AMBIGUOUS).
_NULL: Final = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE: Final = frozenset({"true", "True", "TRUE"})
_FALSE: Final = frozenset({"false", "False", "FALSE"})
_INT: Final = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# A float both YAML 1.2 (core) and YAML 1.1 read, with the same value.
_FLOAT: Final = re.compile(
    r"(?:[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?|\.[0-9]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
# Plain values that some YAML reader takes for a number, a boolean or null, other than the above:
# YAML 1.2's other numbers (017, 0o17, 0x1f, 1e3) and YAML 1.1's (0b1, 1_000, 1:30, yes, on, y).
_AMBIGUOUS_FORMS: Final = r"""
    [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?   # 017, 1_000, 1e3, 1.5e3
    | [-+]?\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?              # -.5, .5e3
    | [-+]?0[bBoOxX][0-9a-fA-F_]*                          # 0b1, 0o17, 0x1f
    | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?     # 1:30 (base 60 in YAML 1.1)
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
    | ~|null|Null|NULL|true|True|TRUE|false|False|FALSE
"""
_AMBIGUOUS: Final = re.compile(rf"(?:{_AMBIGUOUS_FORMS})\Z", re.VERBOSE)
# The first characters a plain value must start with to be anything but text.
_SPECIAL_START: Final = frozenset("~nNtTfFyYoO-+.0123456789")


def _plain(value: str) -> object:
    """What a plain YAML value means here: null, a boolean, a whole or finite number, or text."""
    if value[:1] not in _SPECIAL_START:
        return value if value else None
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts
            raise _RefusedError(f"the number {excerpt(value)} is too long", code="syntax") from None
    if _FLOAT.match(value):
        if value[-1].isalpha():  # .inf, -.inf, .nan
            raise _RefusedError(_NOT_FINITE, code="not-finite")
        number = float(value)
        if not math.isfinite(number):  # 1.0e+999
            raise _RefusedError(_NOT_FINITE, code="not-finite")
        return number
    if _AMBIGUOUS.match(value):
        raise _RefusedError(_ambiguous(value), code="ambiguous")
    return value


def _ambiguous(value: str) -> str:
    shown = excerpt(value)
    if value[:1].isalpha():
        return (
            f"{shown} reads as true or false in some YAML readers and as text in others;"
            f" write true or false, or {shown} in quotes for text"
        )
    decimal = value.lstrip("+-").replace("_", "").lstrip("0") or "0"
    hint = f" ({excerpt(decimal)[1:-1]})" if decimal.isdigit() and decimal != value else ""
    return (
        f"{shown[1:-1]} reads as a number in some YAML readers and another value in others;"
        f" write it in plain decimal digits{hint} for a number, or in quotes ({shown}) for text"
    )


def _parse_yaml(text: str, *, pure: bool) -> object:
    """YAML read through libyaml (or, with ``pure`` or without it, PyYAML's own parser), strictly."""
    import yaml  # noqa: PLC0415 - the optional extra 'yaml'

    bad = re.search(_YAML_UNPRINTABLE, text)
    if bad is not None:
        _fail(
            f"not valid YAML: the character U+{ord(bad.group()):04X} is not allowed in YAML (write it as an escape in double quotes)",
            code="syntax",
            line=_line_of(text, bad.start()),
        )
    loader = _loaders()[pure](text)
    builder = _Builder(spans="\t" in text)
    try:
        data = builder.build(loader)
        if builder.spans is not None:
            _check_tabs(text, builder.spans)
        _check_block_headers(text, builder.blocks)
        return data
    except _RefusedError as refused:
        _fail(refused.message, code=refused.code, path=path_text(builder.where()), line=refused.line)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if "maximum nesting depth" in str(error.problem):  # libyaml's own limit, 1,000 levels, met first
            _fail(_too_deep(), code="too-deep", line=_mark_line(mark))
        said = ", ".join(part for part in (error.context, error.problem) if part)
        _fail(f"not valid YAML: {excerpt(said)[1:-1]}", code="syntax", line=_mark_line(mark))
    except yaml.YAMLError as error:  # pragma: no cover - a reader error, which the check above prevents
        _fail(f"not valid YAML: {excerpt(str(error))}", code="syntax")
    finally:
        loader.dispose()


def _mark_line(mark: Mark | None) -> int | None:
    return None if mark is None else mark.line + 1


class _Builder:
    """Plain data from a stream of YAML parser events, refusing what the format has no use for.

    One pass over the events, with an explicit stack (never recursion), so
    depth, anchors, aliases, tags, keys and duplicates are all checked before
    anything is built from them, and the same way for libyaml and for
    PyYAML's own parser.
    """

    def __init__(self, *, spans: bool = False) -> None:
        # Each open list or table: [the container, its latest key, whether that key's value is awaited].
        self.stack: list[list[Any]] = []
        #: With ``spans``, where each scalar starts and ends, and whether it is quoted or a block.
        self.spans: list[tuple[int, int, bool]] | None = [] if spans else None
        #: Where each block text (``|``, ``>``) starts: at its header.
        self.blocks: list[int] = []

    def where(self) -> list[str | int]:
        """The path of the value being read."""
        parts: list[str | int] = []
        last = len(self.stack) - 1
        for depth, (container, key, awaited) in enumerate(self.stack):
            if isinstance(container, list):
                parts.append(len(container) - (depth < last))
            elif awaited or depth < last:
                parts.append(key)
        return parts

    def build(self, loader: Any) -> object:
        from yaml import events  # noqa: PLC0415 - the optional extra 'yaml'

        scalar, alias = events.ScalarEvent, events.AliasEvent
        opening = (events.SequenceStartEvent, events.MappingStartEvent)
        closing = (events.SequenceEndEvent, events.MappingEndEvent)
        stack = self.stack
        root: list[Any] = []
        documents = 0
        get = loader.get_event
        spans = self.spans
        while True:
            event = get()
            kind = event.__class__
            if kind is scalar:
                if event.anchor is not None or event.tag is not None:
                    self._refuse_node(event)
                if spans is not None:
                    spans.append((event.start_mark.index, event.end_mark.index, bool(event.style)))
                if event.style in {"|", ">"}:
                    self.blocks.append(event.start_mark.index)
                if not event.style:  # plain: None from PyYAML, "" from libyaml
                    try:
                        value = _plain(event.value)
                    except _RefusedError as refused:
                        refused.line = event.start_mark.line + 1
                        raise
                else:
                    value = event.value
                    if event.style == '"' and _SURROGATE.search(value):
                        raise _RefusedError(
                            _surrogate(_SURROGATE.findall(value)[0]),
                            code="surrogate",
                            line=event.start_mark.line + 1,
                        )
                self._add(value, event.start_mark, root)
            elif kind in opening:
                if event.anchor is not None or event.tag is not None:
                    self._refuse_node(event)
                if len(stack) >= MAX_DEPTH:
                    raise _RefusedError(_too_deep(), code="too-deep", line=event.start_mark.line + 1)
                container: list[Any] | dict[str, Any] = [] if kind is opening[0] else {}
                self._add(container, event.start_mark, root)
                stack.append([container, None, False])
            elif kind in closing:
                stack.pop()
            elif kind is alias:
                raise _RefusedError(
                    f"aliases (*{excerpt(event.anchor)[1:-1]}) are not allowed: write the value out in full",
                    code="alias",
                    line=event.start_mark.line + 1,
                )
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _RefusedError(
                        "a file holds one YAML document; this is a second one (after ---)",
                        code="syntax",
                        line=event.start_mark.line + 1,
                    )
            elif kind is events.StreamEndEvent:
                return root[0] if root else None

    def _add(self, value: Any, mark: Mark, root: list[Any]) -> None:
        if not self.stack:
            root.append(value)
            return
        top = self.stack[-1]
        container, key, awaited = top
        if container.__class__ is list:
            container.append(value)
        elif awaited:
            container[key] = value
            top[2] = False
        elif value.__class__ is not str:
            what = _KEY_KINDS.get(value.__class__) or f"the number {value}"
            raise _RefusedError(
                f"keys must be text, and this one is {what}; put a key in quotes to make it text",
                code="key-type",
                line=mark.line + 1,
            )
        elif value in container:
            raise _RefusedError(
                f"the key {excerpt(value)} is given twice in this table; keep one",
                code="duplicate-key",
                line=mark.line + 1,
            )
        else:
            top[1], top[2] = value, True

    @staticmethod
    def _refuse_node(event: Any) -> NoReturn:
        line = event.start_mark.line + 1
        if event.anchor is not None:
            raise _RefusedError(
                f"anchors (&{excerpt(event.anchor)[1:-1]}) and aliases are not allowed: write each value out in full",
                code="alias",
                line=line,
            )
        raise _RefusedError(
            f"tags ({excerpt(event.tag)[1:-1]}) are not allowed: write the value in quotes for text, or plain",
            code="tag",
            line=line,
        )


_KEY_KINDS: Final[dict[type, str]] = {
    list: "a list",
    dict: "a table",
    type(None): "null (nothing, ~ or null)",
    bool: "true or false",
}


def _check_tabs(text: str, spans: list[tuple[int, int, bool]]) -> None:
    """Refuse a tab outside quoted and block texts and comments, as PyYAML's parser does and libyaml does not.

    libyaml takes a tab for a space between a key and its value or at the
    end of a plain value (``a:<tab>b``); PyYAML's parser refuses it. So that
    both paths read the same documents, the libyaml path refuses it too.
    Time grows with the scalars and the lines that hold tabs, not the tabs.
    """
    starts = [start for start, _, _ in spans]
    index = text.find("\t")
    while index >= 0:
        found = bisect.bisect_right(starts, index) - 1
        if found >= 0 and index < spans[found][1]:
            start, end, quoted = spans[found]
            if quoted:  # inside quotes or a block: skip the rest of it
                _check_block_indentation(text, start, end)
                index = text.find("\t", end)
                continue
        line_start = text.rfind("\n", 0, index) + 1
        if not _in_comment(text, line_start, index, starts, spans):
            raise _RefusedError(
                "a tab can stand only inside quotes, a block text (|, >) or a comment;"
                " use spaces between keys, values and list items",
                code="syntax",
                line=_line_of(text, index),
            )
        line_end = text.find("\n", index)
        index = -1 if line_end < 0 else text.find("\t", line_end)


# A block text's header as PyYAML's parser reads it: the indicator, then a chomping sign and an indentation
# digit in either order, then the line's end, or spaces and perhaps a comment before it.
_BLOCK_HEADER: Final = re.compile(
    r"[|>](?:[+-][1-9]?|[1-9][+-]?)?(?: +(?:#[^\r\n\x85\u2028\u2029]*)?)?(?:[\r\n\x85\u2028\u2029]|\Z)"
)


def _check_block_headers(text: str, starts: list[int]) -> None:
    """Refuse a block text whose header PyYAML's parser refuses and libyaml does not (``>#``, a tab after ``|``)."""
    for start in starts:
        if not _BLOCK_HEADER.match(text, start):
            raise _RefusedError(
                "a block text's | or > can be followed only by + or -, a digit for its indentation, then the"
                " line's end, or spaces and a comment (# after a space)",
                code="syntax",
                line=_line_of(text, start),
            )


def _check_block_indentation(text: str, start: int, end: int) -> None:
    """Refuse a tab where a block text's indentation is found: libyaml refuses it, PyYAML's parser does not."""
    header_end = text.find("\n", start, end)
    if text[start] not in "|>" or header_end < 0 or any(char.isdigit() for char in text[start:header_end]):
        return  # quoted, or a block with its indentation given (|2)
    line = header_end + 1
    while line < end:
        first = line
        while first < end and text[first] == " ":
            first += 1
        if first < end and text[first] == "\t":
            raise _RefusedError(
                "a tab where a block text's indentation is expected; indent with spaces",
                code="syntax",
                line=_line_of(text, first),
            )
        if first < end and text[first] not in "\r\n":
            return
        line = first + 1


def _in_comment(
    text: str, line_start: int, index: int, starts: list[int], spans: list[tuple[int, int, bool]]
) -> bool:
    """Whether a ``#`` outside every scalar comes before ``index`` on its line."""
    hash_ = text.find("#", line_start, index)
    while hash_ >= 0:
        found = bisect.bisect_right(starts, hash_) - 1
        if found < 0 or hash_ >= spans[found][1]:
            return True
        hash_ = text.find("#", spans[found][1], index)
    return False


@functools.cache
def _loaders() -> dict[bool, type[Any]]:
    """The parsers by ``pure``: libyaml's when PyYAML has it (else its own), and PyYAML's own."""
    import yaml  # noqa: PLC0415 - the optional extra 'yaml'

    return {False: getattr(yaml, "CSafeLoader", yaml.SafeLoader), True: yaml.SafeLoader}


# ------------------------------------------------------------------ YAML output

# Every plain value the reader above takes for something other than text: a
# text that looks like one is written in quotes.
_NOT_TEXT: Final = re.compile(rf"(?:{_AMBIGUOUS_FORMS})?\Z", re.VERBOSE)
# Line breaks in YAML 1.1 (and libyaml) that a quoted scalar would fold: only escapes keep them.
_BREAKS: Final = re.compile("[\x85\u2028\u2029]")
#: Lines of any length: a long quote stays on one line.
_UNLIMITED: Final = 2**31 - 1


@functools.cache
def _dumpers() -> dict[bool, type[Any]]:
    import yaml  # noqa: PLC0415 - the optional extra 'yaml'

    def represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        style = '"' if _BREAKS.search(data) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    found: dict[bool, type[Any]] = {}
    for pure, base in ((False, getattr(yaml, "CSafeDumper", yaml.SafeDumper)), (True, yaml.SafeDumper)):
        dumper: type[yaml.SafeDumper] = type(f"Strict{base.__name__}", (base,), {})
        dumper.add_representer(str, represent_str)
        dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign] # the reader refuses them
        dumper.add_implicit_resolver("tag:agreements:not-text", _NOT_TEXT, sorted(_SPECIAL_START))
        found[pure] = dumper
    return found


def yaml_dumps(data: object, *, pure: bool = False) -> str:
    """``data`` (plain: dicts, lists, text, numbers, booleans, null) as YAML that :func:`parse` reads back equal.

    Keys keep their order; a text is quoted whenever it would read as
    something else, and one with a YAML line break (U+0085, U+2028, U+2029)
    is written with escapes so that it is not folded into a space.

    >>> print(yaml_dumps({"count": "017", "quote": "a\x85b", "number": 3}), end="")
    count: '017'
    quote: "a\\Nb"
    number: 3
    """
    import yaml  # noqa: PLC0415 - the optional extra 'yaml'

    return str(
        yaml.dump(data, Dumper=_dumpers()[pure], allow_unicode=True, sort_keys=False, width=_UNLIMITED)
    )
