"""A griffe extension that renders the library's docstrings as Markdown in the API reference.

``mkdocs.yml`` names it in the mkdocstrings options. Each docstring goes
through :func:`docstring_markdown.convert`, with roles resolved in the scope of
the object that carries the docstring, so that ``:func:`diff``` in
``agreements.diff`` links to ``agreements.diff.diff``.

Records (attrs classes) and enumerations get a table of their fields or
values at the end of their docstring, with the meanings that
``scripts/format_doc.py`` gives the file format's fields and values, or the
field's own docstring; the fields and members themselves are then not listed
again one by one.

griffe comes with the ``docs`` extra only; the ignores let mypy check this
file with or without it.
"""

from __future__ import annotations

import enum
import importlib
import sys
from pathlib import Path
from typing import Any

import attrs
import griffe  # type: ignore[import-not-found, unused-ignore]

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docstring_markdown import convert, fields_table, values_table
from format_doc import FIELDS, VALUES

__all__ = ["Docstrings"]


def _resolver(obj: griffe.Object) -> Any:
    def resolve(target: str) -> str | None:
        head, _, rest = target.partition(".")
        if head == "agreements":
            return target
        try:
            path: str = obj.resolve(head)
        except griffe.NameResolutionError:
            return None
        return f"{path}.{rest}" if rest else path

    return resolve


def _runtime(obj: griffe.Object) -> object:
    """The live class a griffe class stands for, or ``None``."""
    try:
        module = importlib.import_module(obj.module.path)
    except ImportError:
        return None
    return getattr(module, obj.name, None) if obj.parent is obj.module else None


def _own_docstrings(obj: griffe.Object, names: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in names:
        member = obj.members.get(name)
        if member is not None and not member.is_alias and member.docstring is not None:
            found[name] = member.docstring.value.strip().split("\n\n")[0]
    return found


def _table(obj: griffe.Object) -> str | None:
    """The fields or values table of a record or an enumeration; ``None`` for any other class."""
    live = _runtime(obj)
    if isinstance(live, type) and issubclass(live, enum.Enum):
        names = [member.name for member in live]
        own = {str(live[name].value): text for name, text in _own_docstrings(obj, names).items()}
        table = values_table(live, {**own, **VALUES.get(live.__name__, {})})
    elif isinstance(live, type) and attrs.has(live):
        names = [field.name for field in attrs.fields(live)]
        own = _own_docstrings(obj, names)
        record = FIELDS.get(live.__name__, {}) if live.__module__ == "agreements.model" else {}
        table = fields_table(live, {**own, **record})
    else:
        return None
    for name in names:
        member = obj.members.get(name)
        if member is not None and member.is_attribute:
            del obj.members[name]
    return table


def _convert(obj: griffe.Object) -> None:
    table = _table(obj) if obj.is_class else None
    if obj.docstring is None and table is not None:
        obj.docstring = griffe.Docstring("", parent=obj)
    if obj.docstring is not None:
        text = convert(obj.docstring.value, _resolver(obj))
        obj.docstring.value = f"{text}\n\n{table}" if table else text


class Docstrings(griffe.Extension):  # type: ignore[misc, unused-ignore]
    """Convert every docstring once the whole package is loaded, when every name resolves."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        """The package's own docstring (``on_object`` runs for its members only)."""
        _convert(pkg)

    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        """Every other docstring."""
        _convert(obj)
