"""Turn the reStructuredText habits of the library's docstrings into Markdown.

The docstrings are written for ``help()`` and for doctest: ``>>>`` examples,
roles such as ``:func:`diff```, ``::`` literal blocks, simple tables and
definition lists. Markdown reads a ``>>>`` example as three nested quotes
and a role as stray punctuation, so the API reference (``docs/api.md``)
passes every docstring through :func:`convert` first, by way of the griffe
extension in ``scripts/griffe_docstrings.py``. The source files are left as
they are.

It also writes the tables of fields and values that the reference shows for
records and enumerations (:func:`fields_table`, :func:`values_table`). This
module needs nothing beyond the library's own dependencies, so that its tests
run without the ``docs`` extra.
"""

from __future__ import annotations

import enum
import html
import re
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["ROLE", "convert", "fields_table", "inline", "values_table"]

#: A cross-reference role: ``:func:`diff```, ``:class:`~agreements.model.PartialDate```.
ROLE = re.compile(r":(?P<role>func|class|meth|mod|attr|data|exc|obj|const):`(?P<target>[^`]+)`")
_FENCE = re.compile(r"\s*(```|~~~)")
_TABLE_BORDER = re.compile(r"\s*=+(?:[ \t]+=+)+\s*\Z")
_TERM = re.compile(r"``[^`]+``\Z")

Resolver = Callable[[str], "str | None"]


def _no_resolver(target: str) -> str | None:
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _role(match: re.Match[str], resolve: Resolver) -> str:
    target = match["target"].strip()
    short = target.startswith("~")
    target = target.lstrip("~").lstrip(".")
    title = target.rsplit(".", 1)[-1] if short else target
    if match["role"] in ("func", "meth"):
        title += "()"
    code = f"<code>{html.escape(title)}</code>"
    path = resolve(target)
    if path is None:
        return code
    return f'<autoref identifier="{html.escape(path)}" optional>{code}</autoref>'


def inline(line: str, resolve: Resolver = _no_resolver) -> str:
    """One line of prose with each role replaced by code, linked when ``resolve`` knows the target.

    ``resolve`` maps a target as written (``diff``, ``agreements.model.Corpus``)
    to the full path of the object it names, or ``None``. A link is an optional
    autoref: it links when the page documents the object, and stays plain code
    otherwise.

    >>> inline("See :func:`diff` and :class:`~agreements.model.Corpus`.")
    'See <code>diff()</code> and <code>Corpus</code>.'
    """
    return ROLE.sub(lambda match: _role(match, resolve), line)


def _doctest(lines: list[str], start: int) -> tuple[list[str], int]:
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    block = textwrap.dedent("\n".join(lines[start:end])).splitlines()
    return ["```pycon", *block, "```"], end


def _literal(lines: list[str], start: int, base: int) -> tuple[list[str], int]:
    end = start
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > base):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    block = textwrap.dedent("\n".join(lines[start:end])).splitlines()
    return ["```", *block, "```"], end


def _cells(line: str, spans: list[tuple[int, int | None]]) -> list[str]:
    # Text may run past its column's border; two spaces still part the columns.
    parts = re.split(r"\s{2,}", line.strip())
    if len(parts) == len(spans):
        return parts
    return [line[begin:end].strip() for begin, end in spans]


def _table(lines: list[str], start: int) -> tuple[list[str], int]:
    border = lines[start]
    spans: list[tuple[int, int | None]] = [
        (found.start(), found.end()) for found in re.finditer(r"=+", border)
    ]
    spans[-1] = (spans[-1][0], None)
    rows: list[list[str]] = []
    borders = 1
    end = start + 1
    header = 0
    while end < len(lines) and borders < 3:
        line = lines[end]
        if _TABLE_BORDER.match(line):
            borders += 1
            if borders == 2:
                header = len(rows)
        elif line.strip():
            rows.append(_cells(line, spans))
        end += 1
    if header == 0:  # a table without a header row: the first row heads it
        header = 1
    cells = [[cell.replace("|", r"\|") for cell in row] for row in rows]
    out = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * len(spans)]
    out += ["| " + " | ".join(row) + " |" for row in cells[header:]]
    return out, end


def _definitions(lines: list[str], start: int) -> tuple[list[str], int]:
    out: list[str] = []
    end = start
    while end + 1 < len(lines) and _TERM.match(lines[end]) and _indent(lines[end + 1]) > 0:
        term = lines[end].strip()
        end += 1
        body: list[str] = []
        while end < len(lines) and lines[end].strip() and _indent(lines[end]) > 0:
            body.append(lines[end].strip())
            end += 1
        out.append(f"- {term}: {' '.join(body)}")
        while end < len(lines) and not lines[end].strip():
            end += 1
    return out, end


def convert(text: str, resolve: Resolver = _no_resolver) -> str:
    """A docstring's text as Markdown.

    - a ``>>>`` example (up to the next blank line) becomes a ``pycon`` code block;
    - a paragraph ending in ``::`` ends in ``:``, and the indented block after it
      becomes a code block;
    - a simple table (rows between ``=====  =====`` borders) becomes a pipe table;
    - a definition list (a line that is only a term in double backquotes, then
      indented lines) becomes a bullet list;
    - roles become code (see :func:`inline`).

    Fenced code blocks are kept as they are, so converting twice changes nothing.

    >>> print(convert("Pair them::\\n\\n    a -> b\\n\\nSee :func:`diff`."))
    Pair them:
    <BLANKLINE>
    ```
    a -> b
    ```
    <BLANKLINE>
    See <code>diff()</code>.
    """
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        fenced = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if fenced and fenced.group(1) == fence:
                fence = None
            index += 1
            continue
        if fenced:
            fence = fenced.group(1)
            out.append(line)
            index += 1
            continue
        starts_paragraph = not out or not out[-1].strip()
        if line.lstrip().startswith(">>>") and starts_paragraph:
            block, index = _doctest(lines, index)
            out += block
            continue
        if _TABLE_BORDER.match(line) and starts_paragraph:
            block, index = _table(lines, index)
            out += [inline(row, resolve) for row in block]
            continue
        if (
            starts_paragraph
            and _TERM.match(line)
            and index + 1 < len(lines)
            and _indent(lines[index + 1]) > 0
        ):
            block, index = _definitions(lines, index)
            out += [*(inline(item, resolve) for item in block), ""]
            continue
        if line.rstrip().endswith("::"):
            base = _indent(line)
            head = line.rstrip()[:-2].rstrip()
            follows = index + 1
            while follows < len(lines) and not lines[follows].strip():
                follows += 1
            if follows < len(lines) and _indent(lines[follows]) > base:
                if head.strip():
                    out.append(inline(head + ":", resolve))
                out.append("")
                block, index = _literal(lines, follows, base)
                out += block
                continue
        out.append(inline(line, resolve))
        index += 1
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", r"\|")


def _default(field: attrs.Attribute[Any]) -> str:
    default = field.default
    if default is attrs.NOTHING:
        return "required"
    factory = getattr(default, "factory", None)
    if callable(factory):  # an attrs.Factory
        return f"`{getattr(factory, '__name__', 'factory')}()`"
    if isinstance(default, enum.Enum):
        return f"`{type(default).__name__}.{default.name}`"
    return f"`{default!r}`"


def fields_table(cls: type[Any], meanings: Mapping[str, str]) -> str:
    """A Markdown table of an attrs class's fields: name, type, default, and meaning when known.

    Fields whose name starts with ``_`` are internal and left out; so is the
    meaning column when no field has a meaning.

    >>> @attrs.frozen(kw_only=True)
    ... class Truce:
    ...     days: int
    ...     places: tuple[str, ...] = ()
    >>> print(fields_table(Truce, {"days": "How long it lasts."}))
    | field | type | default | meaning |
    | --- | --- | --- | --- |
    | `days` | `int` | required | How long it lasts. |
    | `places` | `tuple[str, ...]` | `()` |  |
    >>> print(fields_table(Truce, {}).splitlines()[0])
    | field | type | default |
    """
    fields = [field for field in attrs.fields(cls) if not field.name.startswith("_")]
    explained = any(meanings.get(field.name) for field in fields)
    header = ["field", "type", "default", *(["meaning"] if explained else [])]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for field in fields:
        kind = (
            field.type if isinstance(field.type, str) else getattr(field.type, "__name__", repr(field.type))
        )
        # Python-Markdown splits no cell at a pipe inside backquotes: ``str | None`` stays whole.
        cells = [f"`{field.name}`", f"`{' '.join(str(kind).split())}`", _default(field)]
        if explained:
            cells.append(_cell(meanings.get(field.name, "")))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def values_table(cls: type[enum.Enum], meanings: Mapping[str, str]) -> str:
    """A Markdown table of an enumeration: each member, its value in data files, and what it means.

    >>> class Role(enum.Enum):
    ...     GUARANTOR = "guarantor"
    >>> print(values_table(Role, {"guarantor": "Guarantees the terms."}))
    | member | value | meaning |
    | --- | --- | --- |
    | `GUARANTOR` | `"guarantor"` | Guarantees the terms. |
    """
    lines = ["| member | value | meaning |", "| --- | --- | --- |"]
    for member in cls:
        meaning = _cell(meanings.get(str(member.value), ""))
        lines.append(
            f"| `{member.name}` | `{member.value!r}` | {meaning} |".replace("`'", '`"').replace("'`", '"`')
        )
    return "\n".join(lines)
