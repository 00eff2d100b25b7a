"""Reading and writing agreements data: JSON, TOML and YAML, through one converter.

A document is a mapping. Its optional top-level ``type`` says what it holds
(``"corpus"`` when absent): a corpus document has the arrays ``sources``,
``actors``, ``places`` and ``agreements``; an ``"agreement"`` document has an
agreement's own fields at the top level; any other record can be a document
too (``type = "clause"``). Keys are the records' field names; a field left at
its default is left out.

Reading is strict: unknown keys, text where a number belongs, a lone string
where a list belongs and enum typos are errors, and all of them are reported
together with their paths (``clauses[3].weapons.action: 'hand-ovr' is not a
weapon action; did you mean 'hand-over'?``). The words of the open
vocabularies (categories, weapon classes, kinds of actor and place) may be a
corpus's own, so any word of the right form is read; whether the corpus knows
it is for :func:`agreements.check` (``unknown-term``). A document written for
an earlier version of the format is read when its meaning is clear
(``obligor = "x"`` is ``obligors = ["x"]``) and otherwise refused with what
to write instead.

This module owns the library's only cattrs converter; nothing else touches
cattrs.
"""

from __future__ import annotations

import datetime
import enum
import json
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar, overload

import attrs
import cattrs
import tomli_w
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn

from agreements import model
from agreements._files import write_text
from agreements._reading import MAX_BYTES, MAX_DEPTH, parse, path_text, read_text, yaml_dumps
from agreements._text import article, excerpt
from agreements.check import check, check_document
from agreements.exceptions import (
    ArgumentTypeError,
    FieldError,
    InvalidArgumentError,
    InvalidDataError,
    MergeConflictError,
    MissingExtraError,
    Problem,
)
from agreements.similarity import closest

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "Document",
    "dump",
    "dumps",
    "format_for",
    "from_data",
    "load",
    "loads",
    "schema",
    "to_data",
    "validate",
]

FORMATS: Final = ("json", "toml", "yaml")
_SUFFIXES: Final = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}

Document = (
    model.Corpus
    | model.Agreement
    | model.Clause
    | model.Actor
    | model.Place
    | model.Source
    | model.Citation
    | model.WeaponsTerm
    | model.Condition
    | model.Party
    | model.ThirdParty
    | model.Territory
    | model.Claim
    | model.Dispute
    | model.Event
    | model.Quantity
    | model.Deadline
    | model.Relation
    | model.StatusEntry
    | model.Vocabulary
    | model.Term
    | model.Code
)
_KINDS: Final[dict[str, type[Any]]] = {
    "corpus": model.Corpus,
    "agreement": model.Agreement,
    "clause": model.Clause,
    "actor": model.Actor,
    "place": model.Place,
    "source": model.Source,
    "citation": model.Citation,
    "weapons-term": model.WeaponsTerm,
    "condition": model.Condition,
    "party": model.Party,
    "third-party": model.ThirdParty,
    "territory": model.Territory,
    "claim": model.Claim,
    "dispute": model.Dispute,
    "event": model.Event,
    "quantity": model.Quantity,
    "deadline": model.Deadline,
    "relation": model.Relation,
    "status-entry": model.StatusEntry,
    "vocabulary": model.Vocabulary,
    "term": model.Term,
    "code": model.Code,
}
# The open vocabularies' field types: a built-in word is the enum member, another a Word.
_OPEN_TYPES: Final[dict[Any, type[enum.StrEnum]]] = {
    vocabulary | model.Word: vocabulary for vocabulary in model.OPEN_VOCABULARIES.values()
}
_KIND_OF: Final = {cls: kind for kind, cls in _KINDS.items()}

_D = TypeVar("_D", bound=Document)
_E = TypeVar("_E", bound=enum.Enum)

# ------------------------------------------------------------- the converter


def _describe(value: object) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true/false", list: "a list"}
    if isinstance(value, dict):
        return "a table"
    if value is None:
        return "null"
    return names.get(type(value), type(value).__name__)


def _got(value: object) -> str:
    """What a value is, for an error message: ``null``, or its kind and a bounded excerpt."""
    return "null" if value is None else f"{_describe(value)} {excerpt(value)}"


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {_got(value)}")
    return value


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_got(value)}")
    return value


def _strict_number(value: object, _: type) -> float:
    # Whole numbers stay whole, so that what is read is written back the same.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {_got(value)}")
    return value


def _structure_word(value: object, tp: Any) -> enum.StrEnum | model.Word:
    # Only the form of the word is checked here; whether the corpus knows it is for check().
    vocabulary = _OPEN_TYPES[tp]
    builtin = [str(member.value) for member in vocabulary]
    label = _enum_label(vocabulary)
    if not isinstance(value, str):
        raise TypeError(
            f"expected {article(label)} {label} as text (such as {', '.join(map(repr, builtin))});"
            f" got {_describe(value)} {excerpt(value)}"
        )
    if not model.is_id(value):
        guess = closest(value, builtin, limit=1, cutoff=0.5)
        hint = (
            f"; did you mean {guess[0][0]!r}?"
            if guess
            else ": a word is lower-case letters, digits, '.', '_' and '-'"
        )
        raise ValueError(f"{excerpt(value)} is not {article(label)} {label}{hint}")
    try:
        return vocabulary(value)
    except ValueError:
        return model.Word(value)


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_got(value)}")
    return value


def _enum_label(cls: type[enum.Enum]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()


def _structure_enum(value: object, cls: type[_E]) -> _E:
    allowed = [str(member.value) for member in cls]
    if not isinstance(value, str):
        raise TypeError(f"expected text, one of {', '.join(map(repr, allowed))}; got {_got(value)}")
    try:
        return cls(value)
    except ValueError:
        pass
    label = _enum_label(cls)
    guess = closest(value, allowed, limit=1, cutoff=0.5)
    hint = (
        f"; did you mean {guess[0][0]!r}?" if guess else f"; expected one of {', '.join(map(repr, allowed))}"
    )
    raise ValueError(f"{excerpt(value)} is not {article(label)} {label}{hint}") from None


# A timestamp with seconds, as YAML writes it unquoted ("2015-02-15 00:00:00 +02:00") and as
# TOML's and YAML's readers give it; our dates stop at the minute.
_TIMESTAMP: Final = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)? ?([Zz]|[+-]\d\d:?\d\d)?")


def _structure_date(value: object, _: type) -> model.PartialDate:
    if isinstance(value, str) and _TIMESTAMP.fullmatch(value):
        try:
            value = datetime.datetime.fromisoformat(value.replace(" +", "+").replace(" -", "-"))
        except ValueError:
            raise ValueError(f"{excerpt(value)} is not a date and time") from None
    if isinstance(value, datetime.datetime) and (value.second or value.microsecond):
        raise TypeError(f"expected a date with a time to the minute, got {value.isoformat()!r}")
    if not isinstance(value, str | datetime.date):
        raise TypeError(f"expected a date as text like '2018-07', got {_got(value)}")
    try:
        if isinstance(value, datetime.date):  # TOML and YAML read unquoted dates (and times) as dates
            return model.PartialDate.from_date(value)
        return model.PartialDate.parse(value)
    except FieldError as error:
        raise ValueError(error.message) from None


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _is_frozenset(tp: Any) -> bool:
    return typing.get_origin(tp) is frozenset


def _is_registry(tp: Any) -> bool:
    return typing.get_origin(tp) is Mapping


def _as_list(value: object) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected a list, got {_got(value)}")
    return list(value)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(float, _strict_number)
    converter.register_structure_hook_func(lambda tp: tp in _OPEN_TYPES, _structure_word)
    # A word is written as plain text, whether built in (a StrEnum member) or a corpus's own.
    converter.register_unstructure_hook_func(lambda tp: tp in _OPEN_TYPES, str.__str__)
    for word_type in (model.Word, *model.OPEN_VOCABULARIES.values()):
        converter.register_unstructure_hook(word_type, str.__str__)
    converter.register_structure_hook(model.PartialDate, _structure_date)
    converter.register_unstructure_hook(model.PartialDate, str)
    converter.register_structure_hook_func(
        lambda tp: isinstance(tp, type) and issubclass(tp, enum.Enum), _structure_enum
    )
    converter.register_unstructure_hook_func(
        lambda tp: isinstance(tp, type) and issubclass(tp, enum.Enum), lambda member: member.value
    )

    def structure_tuple(value: object, tp: Any) -> tuple[Any, ...]:
        (item_type, _) = typing.get_args(tp)
        return tuple(converter.structure(_as_list(value), list[item_type]))  # type: ignore[valid-type]

    def structure_frozenset(value: object, tp: Any) -> frozenset[Any]:
        (item_type,) = typing.get_args(tp)
        items: list[Any] = converter.structure(_as_list(value), list[item_type])  # type: ignore[valid-type]
        seen: set[Any] = set()
        for index, item in enumerate(items):
            if item in seen:
                raise FieldError(f"[{index}]", f"{excerpt(_plain(item))} is listed twice")
            seen.add(item)
        return frozenset(items)

    def unstructure_frozenset(value: frozenset[Any]) -> list[Any]:
        # Sets have no order of their own: write enum members in definition
        # order, then anything else sorted, so the same value always gives the
        # same bytes.
        def key(item: Any) -> tuple[int, str]:
            return (list(type(item)).index(item), "") if isinstance(item, enum.Enum) else (1 << 30, str(item))

        return [converter.unstructure(item) for item in sorted(value, key=key)]

    def structure_registry(value: object, tp: Any) -> tuple[Any, ...]:
        (_, record_type) = typing.get_args(tp)
        records: list[Any] = converter.structure(_as_list(value), list[record_type])  # type: ignore[valid-type]
        seen: set[str] = set()
        for index, record in enumerate(records):
            if record.id in seen:
                raise FieldError(f"[{index}].id", f"duplicate id {excerpt(record.id)}")
            seen.add(record.id)
        return tuple(records)

    def unstructure_registry(value: Mapping[str, Any]) -> list[Any]:
        return [converter.unstructure(record) for record in value.values()]

    converter.register_structure_hook_func(_is_tuple, structure_tuple)
    converter.register_structure_hook_func(_is_frozenset, structure_frozenset)
    converter.register_unstructure_hook_func(_is_frozenset, unstructure_frozenset)
    converter.register_structure_hook_func(_is_registry, structure_registry)

    def structure_record(cls: type[Any]) -> Callable[[object, type[Any]], Any]:
        # Without this, a record given as anything but a table (null, text, a number) fails
        # inside cattrs' generated code with a Python-internal message.
        structure = make_dict_structure_fn(cls, converter)

        def checked(value: object, tp: type[Any]) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected a table, got {_got(value)}")
            return structure(value, tp)

        return checked

    converter.register_structure_hook_factory(attrs.has, structure_record)
    converter.register_unstructure_hook_func(_is_registry, unstructure_registry)
    return converter


def _plain(value: object) -> object:
    return value.value if isinstance(value, enum.Enum) else value


_CONVERTER: Final = _make_converter()

# ---------------------------------------------------------------- error paths

_Path = tuple[str | int, ...]


def _format_path(path: _Path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.startswith("["):
            text += part
        else:
            text += f".{part}" if text else part
    return text


def _field_names(cls: type[Any] | None) -> list[str]:
    return [field.name for field in attrs.fields(cls)] if cls is not None and attrs.has(cls) else []


def _problems(error: BaseException, path: _Path, cls: type[Any] | None) -> list[Problem]:
    if isinstance(error, ClassValidationError):
        found: list[Problem] = []
        with_notes, without = error.group_exceptions()
        hints = typing.get_type_hints(error.cl) if attrs.has(error.cl) else {}
        for sub, note in with_notes:
            found += _problems(sub, (*path, note.name), _record_type(hints.get(note.name)))
        for sub in without:
            found += _problems(sub, path, error.cl)
        return found
    if isinstance(error, IterableValidationError):
        found = []
        indexed, unindexed = error.group_exceptions()
        for sub, item in indexed:
            found += _problems(sub, (*path, int(item.index)), cls)
        for sub in unindexed:
            found += _problems(sub, path, cls)
        return found
    if isinstance(error, ForbiddenExtraKeysError):
        known = _field_names(error.cl)
        found = []
        extra: list[object] = list(error.extra_fields)  # typed as text, but from_data() takes any mapping
        for key in sorted(extra, key=lambda key: (type(key).__name__, repr(key))):
            if not isinstance(key, str):  # from_data() of a mapping the caller made
                where = _format_path((*path, f"[{excerpt(key)}]"))
                found.append(Problem(path=where, message=f"keys must be text, got {_got(key)}"))
                continue
            guess = closest(key, known, limit=1, cutoff=0.6)
            hint = f"; did you mean {guess[0][0]!r}?" if guess else ""
            found.append(
                Problem(
                    path=_format_path((*path, path_text([key]))), message=f"unknown key {excerpt(key)}{hint}"
                )
            )
        return found
    if isinstance(error, KeyError):
        return [Problem(path=_format_path(path), message="required, but missing")]
    if isinstance(error, FieldError):
        return [Problem(path=_format_path((*path, error.field)), message=error.message)]
    if isinstance(error, ExceptionGroup):  # pragma: no cover - cattrs groups are handled above
        return [problem for sub in error.exceptions for problem in _problems(sub, path, cls)]
    return [Problem(path=_format_path(path), message=str(error))]


def _record_type(tp: Any) -> type[Any] | None:
    """The attrs class inside ``X``, ``X | None``, ``tuple[X, ...]`` or ``Mapping[str, X]``."""
    if tp is None:
        return None
    if attrs.has(tp):
        return typing.cast("type[Any]", tp)
    for arg in typing.get_args(tp):
        found = _record_type(arg)
        if found is not None:
            return found
    return None


# ------------------------------------------------------------------ documents


def to_data(obj: Document) -> dict[str, Any]:
    """The plain mapping a document is written as: ``type`` first, then the fields.

    >>> to_data(model.Citation(source="s", quote="Russia is the guarantor"))
    {'type': 'citation', 'source': 's', 'quote': 'Russia is the guarantor'}
    """
    kind = _KIND_OF.get(type(obj))
    if kind is None:
        raise ArgumentTypeError(f"cannot write {type(obj).__name__!r}: not an agreements record")
    data: dict[str, Any] = {"type": kind}
    data.update(_CONVERTER.unstructure(obj))
    return data


@overload
def from_data(data: object) -> Document: ...
@overload
def from_data(data: object, cls: type[_D]) -> _D: ...
def from_data(data: object, cls: type[Any] | None = None) -> Any:
    """Build a record from a plain mapping, checking it strictly.

    ``cls`` says what is expected; without it the ``type`` key decides, and a
    document without one is a corpus.
    """
    return _from_data(data, cls)


def _from_data(data: object, cls: type[Any] | None) -> Any:
    if not isinstance(data, dict):
        raise InvalidDataError(
            [Problem(path="", message=f"expected a table at the top, got {_describe(data)}")]
        )
    body = dict(data)
    kind = body.pop("type", None)
    if kind is not None and not isinstance(kind, str):
        raise InvalidDataError(
            [Problem(path="type", message=f"expected the kind of document as text, got {excerpt(kind)}")]
        )
    if kind is not None and kind not in _KINDS:
        guess = closest(kind, list(_KINDS), limit=1, cutoff=0.5)
        hint = (
            f"; did you mean {guess[0][0]!r}?"
            if guess
            else f"; expected one of {', '.join(map(repr, _KINDS))}"
        )
        raise InvalidDataError(
            [Problem(path="type", message=f"{excerpt(kind)} is not a kind of document{hint}")]
        )
    target = cls or _KINDS[kind or "corpus"]
    if kind is not None and _KINDS[kind] is not target:
        raise InvalidDataError(
            [
                Problem(
                    path="type",
                    message=f"expected a document of kind {_KIND_OF[target]!r}, got {excerpt(kind)}",
                )
            ]
        )
    old = _upgrade(body, target, ())
    try:
        document = _CONVERTER.structure(body, target)
    except (ClassValidationError, ValueError, TypeError) as error:
        problems = _problems(error, (), target) or [Problem(path="", message=str(error))]
        raise InvalidDataError([*old, *problems]) from None
    if old:
        raise InvalidDataError(old)
    return document


def _upgrade(body: dict[str, Any], target: type[Any], path: _Path) -> list[Problem]:
    """Bring a document written for an earlier version of the format up to date, in place.

    ``obligor = "x"`` is read as ``obligors = ["x"]``. A key whose meaning
    changed (``count``, ``follows``, ``guarantors``) is taken out and becomes a problem that
    says what to write instead, rather than a silent guess; the rest of the
    document is still read, so that its own problems are reported too.
    """
    found: list[Problem] = []
    if target is model.Corpus:
        for index, agreement in enumerate(_items(body.get("agreements"))):
            found += _upgrade(agreement, model.Agreement, (*path, "agreements", index))
    elif target is model.Agreement:
        if "follows" in body:
            found.append(
                Problem(
                    path=_format_path((*path, "follows")),
                    message=(
                        "'follows' is now a relation with its citations: write relations = "
                        f'[{{kind = "follows", target = {_literal(body.pop("follows"))}, citations = [...]}}]'
                    ),
                    code="renamed",
                )
            )
        if "guarantors" in body:
            named = body.pop("guarantors")
            first = named[0] if isinstance(named, list) and named else None
            actor = first.get("actor") if isinstance(first, dict) else first
            found.append(
                Problem(
                    path=_format_path((*path, "guarantors")),
                    message=(
                        "'guarantors' is now 'third_parties', each with its role: write third_parties = "
                        f'[{{actor = {_literal(actor or "...")}, role = "guarantor", citations = [...]}}, ...]'
                        " (one per guarantor)"
                    ),
                    code="renamed",
                )
            )
        for index, clause in enumerate(_items(body.get("clauses"))):
            found += _upgrade(clause, model.Clause, (*path, "clauses", index))
    elif target is model.Clause:
        if "obligor" in body and "obligors" not in body:
            obligor = body.pop("obligor")
            body["obligors"] = [] if obligor is None else [obligor]
        if "count" in body:
            found.append(
                Problem(
                    path=_format_path((*path, "count")),
                    message=(
                        "'count' is now a quantity with its unit: write quantity = "
                        f'{{value = {_literal(body.pop("count"))}, unit = "checkpoints"}} (or the unit it counts)'
                    ),
                    code="renamed",
                )
            )
    return found


def _literal(value: object) -> str:
    """A value as a file writes it (text in double quotes, cut short), for a message that says what to write."""
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:60] + "...", ensure_ascii=False)
    return excerpt(value)


def _items(value: object) -> list[dict[str, Any]]:
    """The tables of a list, each at its index (anything else an empty table, for structuring to report)."""
    return [item if isinstance(item, dict) else {} for item in value] if isinstance(value, list) else []


def _check_cls(cls: type[Any] | None) -> type[Any] | None:
    if cls is not None and cls not in _KIND_OF:
        raise ArgumentTypeError(f"cls: expected one of the records a document holds, got {excerpt(cls)}")
    return cls


def _check_format(fmt: str) -> str:
    ArgumentTypeError.check("fmt", fmt, str, "a format name like 'json'")
    name = fmt.lower().lstrip(".")
    name = {"yml": "yaml"}.get(name, name)
    if name not in FORMATS:
        raise InvalidArgumentError(
            f"{fmt!r} is not a format; expected one of {', '.join(map(repr, FORMATS))}"
        )
    if name == "yaml":
        _require_yaml()
    return name


def _require_yaml() -> None:
    try:
        import yaml  # noqa: F401, PLC0415 - the optional extra 'yaml'
    except ImportError:  # pragma: no cover - the test environment has the extra
        raise MissingExtraError("YAML", "yaml") from None


def format_for(path: str | Path) -> str:
    """The format a file name's suffix stands for (``.toml`` → ``"toml"``).

    >>> format_for("daraa.yml")
    'yaml'
    """
    ArgumentTypeError.check("path", path, (str, os.PathLike), "a file name or path")
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise InvalidArgumentError(
            f"{str(path)!r}: cannot tell the format from {suffix or 'no suffix'!r}; use .json, .toml or .yaml"
        )
    return _SUFFIXES[suffix]


@overload
def loads(text: str, fmt: str) -> Document: ...
@overload
def loads(text: str, fmt: str, *, cls: type[_D]) -> _D: ...
def loads(text: str, fmt: str, *, cls: type[Any] | None = None) -> Any:
    """Parse a document from text in ``fmt`` (``"json"``, ``"toml"`` or ``"yaml"``).

    Pass ``cls`` to say which record you expect (and to get a precise type).

    >>> loads('{"type": "citation", "source": "s", "quote": "as of Sunday"}', "json").quote
    'as of Sunday'
    >>> loads('type = "weapons-term"\\nclasses = ["heavy"]\\naction = "hand-ovr"', "toml")
    Traceback (most recent call last):
    ...
    agreements.exceptions.InvalidDataError: action: 'hand-ovr' is not a weapon action; did you mean 'hand-over'?
    """
    ArgumentTypeError.check("text", text, str, "text")
    return _from_data(parse(text, _check_format(fmt)), _check_cls(cls))


def dumps(obj: Document, fmt: str) -> str:
    """Write a record as a document in ``fmt``; ``loads`` reads back an equal record.

    >>> print(dumps(model.Citation(source="s", quote="as of Sunday"), "toml"), end="")
    type = "citation"
    source = "s"
    quote = "as of Sunday"
    """
    name = _check_format(fmt)
    data = to_data(obj)
    if name == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if name == "toml":
        return tomli_w.dumps(data)
    return yaml_dumps(data)


_REGISTRIES: Final = ("sources", "actors", "places", "agreements")
# Where each record of a corpus stands in its files: (registry, id) -> (file, path in the file).
_Origins = dict[tuple[str, str], tuple[Path, str]]


def _read(path: Path, cls: type[Any] | None, max_bytes: int) -> tuple[Any, _Origins]:
    fmt = _check_format(format_for(path))
    try:
        data = parse(read_text(path, max_bytes=max_bytes), fmt)
        document = _from_data(data, cls)
    except InvalidDataError as error:
        raise error.with_file(str(path)) from None
    origins: _Origins = {}
    if isinstance(document, model.Agreement):
        origins[("agreements", document.id)] = (path, "")
    elif isinstance(document, model.Corpus):
        assert isinstance(data, dict)
        for name in _REGISTRIES:
            for index, item in enumerate(data.get(name) or ()):
                origins[(name, item["id"])] = (path, f"{name}[{index}]")
    return document, origins


_REGISTRY_PATH: Final = re.compile(r"(sources|actors|places|agreements)\[(\d+)\]\.?(.*)\Z", re.DOTALL)


def _locate(
    document: model.Agreement | model.Corpus, origins: _Origins, path: Path, problems: Iterable[Problem]
) -> list[tuple[Path, Problem]]:
    """Each problem of a document read from ``path`` with the file it is in and its path in that file."""
    located: list[tuple[Path, Problem]] = []
    for problem in problems:
        where, inner = path, problem.path
        match = _REGISTRY_PATH.match(problem.path)
        if isinstance(document, model.Corpus) and match is not None:
            name, index, rest = match.groups()
            record_id = list(getattr(document, name))[int(index)]
            if (name, record_id) in origins:  # a record of the corpus checked against, not of the files
                where, prefix = origins[(name, record_id)]
                inner = f"{prefix}.{rest}" if prefix and rest else prefix or rest
        located.append((where, attrs.evolve(problem, path=inner)))
    return located


def _check_read(document: Any, origins: _Origins, path: Path) -> None:
    """Raise the clause-logic errors of a document read from ``path``, located in its files."""
    if not isinstance(document, model.Agreement | model.Corpus):
        return
    errors = [problem for problem in check_document(document) if problem.severity == "error"]
    located = _locate(document, origins, path, errors)
    if not located:
        return
    files = {where for where, _ in located}
    if len(files) == 1:
        raise InvalidDataError([problem for _, problem in located], file=str(files.pop()))
    raise InvalidDataError(attrs.evolve(problem, file=str(where)) for where, problem in located)


@overload
def load(path: str | Path, *, check: bool = True, max_bytes: int = MAX_BYTES) -> Document: ...
@overload
def load(path: str | Path, *, cls: type[_D], check: bool = True, max_bytes: int = MAX_BYTES) -> _D: ...
def load(
    path: str | Path, *, cls: type[Any] | None = None, check: bool = True, max_bytes: int = MAX_BYTES
) -> Any:
    """Read a document from a file, the format taken from its suffix.

    A folder is read as one corpus: every ``.json``, ``.toml``, ``.yaml`` and
    ``.yml`` file below it, in name order, merged (an agreement document adds
    its agreement). Errors name the file.

    Files are untrusted: only regular files of at most ``max_bytes`` bytes
    each are read (10 MiB by default; the size is checked before reading),
    nesting deeper than :data:`MAX_DEPTH` levels, a key given twice, and in
    YAML anchors, aliases, tags, keys that are not text and values that YAML
    readers disagree on are refused. Every refusal is an
    :class:`InvalidDataError` naming the file, the line when the parser
    gives one, and the path (see the documentation's "Security and limits").

    An agreement or a corpus is then checked with :func:`agreements.check`,
    and its errors (not its warnings) raise :class:`InvalidDataError`, located
    in their files; ``check=False`` skips that. References into a registry
    the document leaves empty (actors defined in another file, say) are left
    for you to check once the parts are together:
    ``agreements.check(mine, corpus=agreements.corpus())``.
    """
    path = _checked_path(path)
    _check_cls(cls)
    _check_max_bytes(max_bytes)
    found, origins = _read_path(path, cls, max_bytes)
    if check:
        _check_read(found, origins, path)
    return found


def _checked_path(path: str | Path) -> Path:
    ArgumentTypeError.check("path", path, (str, os.PathLike), "a file name or path")
    if not str(path):
        raise InvalidArgumentError("path: expected a file or folder, got an empty path")
    return Path(path)


def _read_path(path: Path, cls: type[Any] | None, max_bytes: int) -> tuple[Any, _Origins]:
    """The document in the file or folder at ``path``, with where each record of it stands."""
    if not path.is_dir():
        return _read(path, cls, max_bytes)
    # Anything with a data suffix that is not a folder is read, so that a named pipe or a
    # device among the files is an error that names it, not a file silently left out.
    found, origins = _merge(
        sorted(p for p in path.rglob("*") if p.suffix.lower() in _SUFFIXES and not p.is_dir()), max_bytes
    )
    if cls is not None and not isinstance(found, cls):
        raise ArgumentTypeError(f"{str(path)!r} is a folder, which reads as a corpus, not a {cls.__name__}")
    return found, origins


def validate(
    path: str | Path,
    *,
    corpus: model.Corpus | None = None,
    sources: str | os.PathLike[str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> tuple[Problem, ...]:
    """Every problem of the file or folder at ``path``, errors and warnings, without raising.

    The document is read (its format and fields checked, with the limits
    of :func:`load`), then checked with :func:`agreements.check` against
    ``corpus`` when given (say, the built-in corpus, for files that name its
    actors). An id that the file and ``corpus`` both define is a problem too.
    With ``sources`` (a folder), every quote is looked up in its source's
    document there (``not-verbatim``, ``missing-document``). An empty tuple
    means all is well.
    """
    path = _checked_path(path)
    try:
        _check_max_bytes(max_bytes)
        found, origins = _read_path(path, None, max_bytes)
    except InvalidDataError as error:
        return error.problems
    if not isinstance(found, model.Corpus | model.Agreement):
        return ()
    try:
        problems = check(found, corpus=corpus, sources=sources)
    except MergeConflictError as error:
        return (Problem(path=error.registry, message=str(error), code="merge-conflict"),)
    if not path.is_dir():
        return problems
    # A folder: each problem names its file, and its path in that file.
    return tuple(
        attrs.evolve(problem, file=str(where)) for where, problem in _locate(found, origins, path, problems)
    )


def _check_max_bytes(max_bytes: int) -> None:
    ArgumentTypeError.check("max_bytes", max_bytes, int, "a whole number of bytes")
    if max_bytes < 1:
        raise InvalidArgumentError(f"max_bytes: expected a number of bytes above 0, got {max_bytes}")


def _merge(paths: Iterable[Path], max_bytes: int) -> tuple[model.Corpus, _Origins]:
    registries: dict[str, dict[str, Any]] = {name: {} for name in _REGISTRIES}
    vocabulary = model.Vocabulary()
    origin: _Origins = {}
    problems: list[InvalidDataError] = []
    for path in paths:
        try:
            document, places = _read(path, None, max_bytes)
        except InvalidDataError as error:
            problems.append(error)
            continue
        words: model.Vocabulary | None = None
        if isinstance(document, model.Agreement):
            parts: dict[str, Iterable[Any]] = {"agreements": [document]}
        elif isinstance(document, model.Corpus):
            parts = {name: getattr(document, name).values() for name in registries}
            words = document.vocabulary
        elif isinstance(document, model.Vocabulary):
            parts, words = {}, document
        else:
            message = "a corpus folder holds corpus, agreement and vocabulary documents"
            problems.append(InvalidDataError([Problem(path="type", message=message)], file=str(path)))
            continue
        if words is not None:
            try:
                vocabulary = vocabulary.merge(words)
            except MergeConflictError as error:
                problems.append(
                    InvalidDataError([Problem(path=error.registry, message=str(error))], file=str(path))
                )
        for name, records in parts.items():
            for record in records:
                earlier = origin.get((name, record.id), (None, ""))[0]
                if earlier is not None:
                    problems.append(
                        InvalidDataError(
                            [
                                Problem(
                                    path=name,
                                    message=f"duplicate id {excerpt(record.id)}, also in {str(earlier)!r}",
                                )
                            ],
                            file=str(path),
                        )
                    )
                    continue
                origin[(name, record.id)] = places[(name, record.id)]
                registries[name][record.id] = record
    if problems:
        if len(problems) == 1:
            raise problems[0]
        raise InvalidDataError(
            attrs.evolve(problem, file=problem.file or error.file)
            for error in problems
            for problem in error.problems
        )
    corpus = model.Corpus(
        sources=list(registries["sources"].values()),
        actors=list(registries["actors"].values()),
        places=list(registries["places"].values()),
        agreements=list(registries["agreements"].values()),
        vocabulary=vocabulary,
    )
    return corpus, origin


def dump(obj: Document, path: str | Path) -> None:
    """Write a record to a file, the format taken from its suffix.

    The file is replaced in one step: a failure (an unwritable character, a
    full disk, a kill) leaves it as it was, never empty or cut short.
    """
    ArgumentTypeError.check("path", path, (str, os.PathLike), "a file name or path")
    path = Path(path)
    write_text(path, dumps(obj, format_for(path)))


# --------------------------------------------------------------------- schema


def _constraint(field: attrs.Attribute[Any]) -> Mapping[str, Any]:
    """The JSON Schema keywords a field's :class:`~agreements.model.Constraint` adds."""
    rule = field.metadata.get(model.CONSTRAINT)
    return rule.schema if rule is not None else {}


#: For each open vocabulary's field type, the words a schema accepts (``None``: any word of the right form).
_Words = Mapping[Any, list[str]] | None


def _field_schema(
    tp: Any, defs: dict[str, Any], words: _Words, extra: Mapping[str, Any] = types.MappingProxyType({})
) -> dict[str, Any]:
    """The schema of a value of type ``tp``, with ``extra`` keywords from the field's constraint."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in _OPEN_TYPES:
        builtin = [member.value for member in _OPEN_TYPES[tp]]
        if words is not None:
            return {"enum": words[tp]}
        return {"type": "string", "pattern": model.ID_PATTERN, "examples": builtin}
    if origin in (typing.Union, _UnionType):
        options = [_field_schema(arg, defs, words, extra) for arg in args if arg is not type(None)]
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin in (tuple, frozenset, Mapping):
        item_type = args[1] if origin is Mapping else args[0]
        array: dict[str, Any] = {"type": "array"}
        array["items"] = _field_schema(item_type, defs, words, extra.get("items", {}))
        if origin is frozenset:
            array["uniqueItems"] = True
        array.update({key: value for key, value in extra.items() if key != "items"})
        return array
    if tp is str:
        return {"type": "string", **extra}
    if tp is int:
        return {"type": "integer", **extra}
    if tp is float:
        return {"type": "number", **extra}
    if tp is bool:
        return {"type": "boolean"}
    if tp is model.PartialDate:
        return {"type": "string", "pattern": model.DATE_PATTERN}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [member.value for member in tp]}
    if attrs.has(tp):
        _record_schema(tp, defs, words)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover - every model type is covered above


_UnionType = type(int | None)


def _record_schema(cls: type[Any], defs: dict[str, Any], words: _Words) -> dict[str, Any]:
    name = cls.__name__
    if name in defs:
        return typing.cast("dict[str, Any]", defs[name])
    entry: dict[str, Any] = {"type": "object"}
    defs[name] = entry  # placed first so that recursive references end
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        properties[field.name] = _field_schema(hints[field.name], defs, words, _constraint(field))
        if field.default is attrs.NOTHING:
            required.append(field.name)
    doc = (cls.__doc__ or "").strip().splitlines()
    entry.update(
        {
            "description": doc[0] if doc else name,
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
    )
    return entry


def schema(*, vocabulary: model.Vocabulary | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of agreements documents, in every format.

    Each document type is one alternative; a document without ``type`` must be
    a corpus. The words of the open vocabularies (categories, weapon classes,
    place and actor kinds) are any words of the id form, with the built-in
    ones as examples; give a corpus's ``vocabulary`` to accept exactly its
    words (the built-in ones and its own).

    >>> s = schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> s["$defs"]["WeaponsTerm"]["properties"]["classes"]["items"]["examples"]
    ['heavy', 'medium', 'light', 'small-arms']
    >>> mine = model.Vocabulary(weapon_classes=[model.Term(id="mortars")])
    >>> schema(vocabulary=mine)["$defs"]["WeaponsTerm"]["properties"]["classes"]["items"]["enum"]
    ['heavy', 'medium', 'light', 'small-arms', 'mortars']
    """
    if vocabulary is not None:
        ArgumentTypeError.check("vocabulary", vocabulary, model.Vocabulary, "a Vocabulary")
    words = (
        None
        if vocabulary is None
        else {
            tp: [*(member.value for member in builtin), *(term.id for term in getattr(vocabulary, name))]
            for tp, builtin in _OPEN_TYPES.items()
            for name, known in model.OPEN_VOCABULARIES.items()
            if known is builtin
        }
    )
    defs: dict[str, Any] = {}
    alternatives = []
    for kind, cls in _KINDS.items():
        record = _record_schema(cls, defs, words)
        alternatives.append(
            {
                "title": f"{kind} document",
                "allOf": [{"$ref": f"#/$defs/{cls.__name__}Document"}],
            }
        )
        document = dict(record)
        document["properties"] = {"type": {"const": kind}, **record["properties"]}
        document["required"] = list(record["required"]) if kind == "corpus" else ["type", *record["required"]]
        defs[f"{cls.__name__}Document"] = document
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://agreements.invalid/schema/agreements.json",
        "title": "agreements document",
        "description": "A corpus of agreements, or one agreements record, as JSON, TOML or YAML.",
        "oneOf": alternatives,
        "$defs": dict(sorted(defs.items())),
    }
