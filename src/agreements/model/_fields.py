"""What a record's field accepts: ids, texts, lists, types; each rule once, for the loader and the schema.

A field's :class:`Constraint` lives in its ``attrs.field(metadata=...)``:
the one validator :func:`constrained` applies it, and the JSON Schema
generator reads the keywords it adds. :func:`checked_fields` gives every field
of a record a check of its annotated type, so that a wrong value fails at
once, naming the field.
"""

from __future__ import annotations

import math
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from typing import Any, Final, TypeVar

import attrs

from agreements._text import excerpt
from agreements.exceptions import ArgumentTypeError, FieldError, FieldTypeError

__all__ = [
    "AMOUNT",
    "CONSTRAINT",
    "DURATION",
    "DURATION_PATTERN",
    "ID",
    "IDS",
    "ID_PATTERN",
    "LANGUAGE",
    "LATITUDE",
    "LONGITUDE",
    "SOME",
    "TEXT",
    "TWO_OR_MORE",
    "URL",
    "Constraint",
    "checked_fields",
    "constrained",
    "frozenset_of",
    "is_id",
    "tuple_converter",
    "tuple_of",
]

_T = TypeVar("_T")


# ----------------------------------------------------------------- constraints

#: The pattern every id matches: lower-case letters, digits, ``.``, ``_`` and
#: ``-``, starting with a letter or a digit. Records, clause references, aspect
#: ids and the JSON Schema all use this one pattern.
ID_PATTERN: Final = r"^[a-z0-9][a-z0-9._-]*$"
_ID: Final = re.compile(ID_PATTERN.removesuffix("$") + r"\Z")

#: The key under which a field's :class:`Constraint` is kept in its attrs metadata.
CONSTRAINT: Final = "agreements.constraint"


def is_id(text: object) -> bool:
    """Whether ``text`` is a valid id (see :data:`ID_PATTERN`).

    >>> is_id("daraa-2018-07"), is_id("Daraa 2018")
    (True, False)
    """
    return isinstance(text, str) and _ID.match(text) is not None


def _check_id(field: str, value: str) -> None:
    if not is_id(value):
        raise FieldError(
            field, f"{excerpt(value)} is not a valid id (lower-case letters, digits, '.', '_' and '-')"
        )


@attrs.frozen
class Constraint:
    """What a field accepts beyond its type: one rule, checked on the way in and written into the schema.

    ``schema`` holds the JSON Schema keywords the rule adds to the field's
    type (``items`` keywords apply to each item of a list); ``check(field,
    value)`` raises :class:`FieldError` for a value the rule refuses. A
    field carries its constraint in ``attrs.field(metadata=...)``, where the
    schema generator reads it, and validates with :func:`constrained`.
    """

    schema: Mapping[str, Any]
    check: Callable[[str, Any], None]


def constrained(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The one validator of constrained fields: it applies the field's :class:`Constraint`."""
    if value is not None:
        attribute.metadata[CONSTRAINT].check(attribute.name, value)


def _rule(schema: Mapping[str, Any], check: Callable[[str, Any], None]) -> Mapping[str, Constraint]:
    return types.MappingProxyType(
        {CONSTRAINT: Constraint(schema=types.MappingProxyType(dict(schema)), check=check)}
    )


def _check_ids(field: str, values: Iterable[str]) -> None:
    for index, item in enumerate(values):
        _check_id(f"{field}[{index}]", item)


def _check_text(field: str, value: str) -> None:
    if not value.strip():
        raise FieldError(field, "must not be empty")


def _at_least(least: int, what: str) -> Callable[[str, Any], None]:
    def check(field: str, value: Any) -> None:
        if len(value) < least:
            raise FieldError(field, f"{what}, got {len(value)}" if least > 1 else what)

    return check


#: An id (or ``None`` where the field is optional).
ID: Final = _rule({"pattern": ID_PATTERN}, _check_id)
#: A list of ids.
IDS: Final = _rule({"items": {"pattern": ID_PATTERN}}, _check_ids)
#: Text that is not blank.
TEXT: Final = _rule({"pattern": r"\S"}, _check_text)
_SOME_CHECK: Final = _at_least(1, "must list at least one")
#: A list with at least one item.
SOME: Final = _rule({"minItems": 1}, _SOME_CHECK)
#: The claims of a dispute: at least two.
TWO_OR_MORE: Final = _rule({"minItems": 2}, _at_least(2, "a dispute needs at least two claims"))


#: A language tag (BCP 47, as simple as "fr", "ar" or "en-GB").
LANGUAGE_PATTERN: Final = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_LANGUAGE: Final = re.compile(LANGUAGE_PATTERN.removesuffix("$") + r"\Z")


def _check_language(field: str, value: str) -> None:
    if not _LANGUAGE.match(value):
        raise FieldError(field, f"{excerpt(value)} is not a language tag like 'en', 'fr' or 'ar'")


#: A language tag.
LANGUAGE: Final = _rule({"pattern": LANGUAGE_PATTERN}, _check_language)

_URL: Final = re.compile(r"https?://[^\s]+\Z")


def _check_url(field: str, value: str) -> None:
    if not _URL.match(value):
        raise FieldError(field, f"{excerpt(value)} is not a web address starting with http:// or https://")


#: A web address.
URL: Final = _rule({"pattern": r"^https?://\S+$"}, _check_url)

#: An ISO 8601 duration in weeks, days, hours and minutes: ``P14D``, ``PT24H``, ``P1DT12H``, ``P2W``.
DURATION_PATTERN: Final = r"^P(?=[0-9]|T[0-9])([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?)?$"


_DURATION: Final = re.compile(DURATION_PATTERN.removesuffix("$") + r"\Z")


def _check_duration(field: str, value: str) -> None:
    if not _DURATION.match(value):
        raise FieldError(
            field,
            f"{excerpt(value)} is not a duration like 'P14D' (14 days), 'PT24H' (24 hours) or 'P1DT12H'",
        )


#: An ISO 8601 duration.
DURATION: Final = _rule({"pattern": DURATION_PATTERN}, _check_duration)


def _check_amount(field: str, value: float) -> None:
    if not 0 <= value < math.inf:  # NaN fails this test too
        raise FieldError(field, f"{excerpt(value)} is not an amount (a finite number, 0 or more)")


#: An amount: a number of 0 or more.
AMOUNT: Final = _rule({"minimum": 0}, _check_amount)


def _between(least: float, most: float, what: str) -> Callable[[str, Any], None]:
    def check(field: str, value: float) -> None:
        if not least <= value <= most:  # NaN fails this test too
            raise FieldError(field, f"{excerpt(value)} is not a {what} ({least:g} to {most:g} degrees)")

    return check


#: A latitude in decimal degrees, -90 to 90.
LATITUDE: Final = _rule({"minimum": -90, "maximum": 90}, _between(-90, 90, "latitude"))
#: A longitude in decimal degrees, -180 to 180.
LONGITUDE: Final = _rule({"minimum": -180, "maximum": 180}, _between(-180, 180, "longitude"))


def tuple_of(items: Iterable[_T]) -> tuple[_T, ...]:
    """``items`` as a tuple; a lone string (whose letters would otherwise be taken as items) is refused."""
    return _tuple(items)


_TUPLE_CONVERTERS: Final[set[Callable[..., Any]]] = set()


def tuple_converter(function: Callable[..., Any]) -> None:
    """Mark a record's converter that is :func:`tuple_of` for one element type (``return tuple_of(items)``).

    :func:`checked_fields` then turns a list or a tuple, what :func:`tuple_of`
    turns into a tuple at once, into a tuple without the calls; any other
    value goes through the converter. (Not a decorator: the attrs plugin of
    mypy takes only a plain function for a converter.)
    """
    _TUPLE_CONVERTERS.add(function)


def frozenset_of(items: Iterable[_T]) -> frozenset[_T]:
    """``items`` as a frozenset; a lone string is refused."""
    return _frozenset(items)


def _tuple(items: Iterable[_T]) -> tuple[_T, ...]:
    # A lone string is iterable too; turning "russia" into its letters would
    # hide a mistake, so refuse it.
    if items.__class__ is tuple or items.__class__ is list:  # the usual case, without the checks below
        return tuple(items)
    if isinstance(items, str | bytes):
        raise ArgumentTypeError(f"expected a list, got the string {excerpt(items)}")
    if not isinstance(items, Iterable):
        raise ArgumentTypeError(f"expected a list, got {excerpt(items)}")
    return tuple(items)


def _frozenset(items: Iterable[_T]) -> frozenset[_T]:
    if isinstance(items, str | bytes):
        raise ArgumentTypeError(f"expected a list, got the string {excerpt(items)}")
    if not isinstance(items, Iterable):
        raise ArgumentTypeError(f"expected a list, got {excerpt(items)}")
    try:
        return frozenset(items)
    except TypeError:
        raise ArgumentTypeError(f"expected a list of values, got {excerpt(items)}") from None


# ------------------------------------------------------------------ type checks

_Check = Callable[[str, Any], None]


def _describe_type(tp: Any) -> str:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        text = " or ".join(_describe_type(arg) for arg in args if arg is not type(None))
        return text + (" or nothing" if type(None) in args else "")
    if isinstance(tp, type):
        names = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
        return names.get(tp, f"a {tp.__name__}")
    return re.sub(r"agreements\.model\._[a-z]+\.", "", str(tp))


def _checker(tp: Any) -> _Check:
    """A check that a value has the type ``tp`` (an annotation of a record's field), deep into its items."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        plain = tuple(_instance_types(arg) for arg in args if isinstance(arg, type))
        if len(plain) == len(args):  # X | None, the usual case: one isinstance call
            allowed = tuple(kind for kinds in plain for kind in kinds)
            numbers = bool not in allowed and any(kind in (int, float) for kind in allowed)

            def check_plain(field: str, value: Any) -> None:
                if not isinstance(value, allowed) or (numbers and isinstance(value, bool)):
                    raise FieldTypeError(field, f"expected {_describe_type(tp)}, got {excerpt(value)}")

            return check_plain
        options = [_checker(arg) for arg in args if arg is not type(None)]
        optional = type(None) in args

        def check_union(field: str, value: Any) -> None:
            if value is None and optional:
                return
            for option in options:
                try:
                    option(field, value)
                except FieldError:
                    continue
                return
            raise FieldTypeError(field, f"expected {_describe_type(tp)}, got {excerpt(value)}")

        return check_union
    if origin in (tuple, frozenset):
        item_type = args[0]
        item = _checker(item_type)

        def check_items(field: str, value: Any) -> None:
            if not isinstance(value, origin):
                raise FieldTypeError(field, f"expected a list, got {excerpt(value)}")
            if isinstance(item_type, type) and all(map(isinstance, value, repeat(item_type))):
                return  # the usual case, checked without a Python call per item
            for index, element in enumerate(value if origin is tuple else sorted(value, key=repr)):
                item(f"{field}[{index}]", element)

        return check_items
    if origin is not None and issubclass(origin, Mapping):
        record = _checker(args[1])

        def check_registry(field: str, value: Any) -> None:
            for key, element in value.items():
                record(f"{field}[{key!r}]", element)

        return check_registry
    if tp is Any or not isinstance(tp, type):
        return lambda field, value: None

    allowed = _instance_types(tp)

    def check_type(field: str, value: Any) -> None:
        if not isinstance(value, allowed) or (tp in (int, float) and isinstance(value, bool)):
            raise FieldTypeError(field, f"expected {_describe_type(tp)}, got {excerpt(value)}")

    return check_type


def _instance_types(tp: type) -> tuple[type, ...]:
    """The classes an isinstance check accepts for ``tp``: a ``float`` field takes whole numbers too."""
    return (int, float) if tp is float else (tp,)


_Validator = Callable[[object, "attrs.Attribute[Any]", Any], None]


class _FieldCheck:
    """A field's validator whose annotation names a record not defined yet: resolved on its first use."""

    __slots__ = ("annotation", "check", "module", "name", "rule")

    def __init__(self, annotation: str, module: str, name: str, rule: Constraint | None) -> None:
        self.annotation = annotation
        self.module = module
        self.name = name
        self.rule = rule
        self.check: _Validator | None = None

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        check = self.check
        if check is None:
            # The annotation of one of our own records, read in its module, once all is defined.
            tp = eval(self.annotation, vars(sys.modules[self.module]))  # noqa: S307
            check = self.check = _folded(tp, self.rule, self.name)
        check(instance, attribute, value)


def _field_check(annotation: str, module: str, name: str, rule: Constraint | None) -> _Validator:
    """The one validator of a field: its annotated type, then its :class:`Constraint` (``rule``).

    Records are built from files through the strict converter, which checks
    types already, and by hand, where mypy checks them; the type check is for
    the caller who passes a wrong value anyway, so that it fails at once with
    the field's name instead of deep inside an analysis. The constraint is the
    field's rule (see :func:`constrained`). Both are folded into one check
    (see :func:`_folded`). The annotation is read in the record's module at
    once when it can be, else (a record defined further down) on first use.
    """
    try:
        tp = eval(annotation, vars(sys.modules[module]))  # noqa: S307
    except Exception:  # not defined yet: read it on first use, and fail there if it is wrong
        return _FieldCheck(annotation, module, name, rule)
    return _folded(tp, rule, name)


def _strings(tp: Any) -> tuple[tuple[type[str], ...], bool] | None:
    """For a type of text (maybe ``| None``): the text classes it allows, and whether ``None`` is one; else ``None``."""
    union = typing.get_origin(tp) in (typing.Union, types.UnionType)
    args = typing.get_args(tp) if union else (tp,)
    texts = tuple(arg for arg in args if isinstance(arg, type) and issubclass(arg, str))
    optional = type(None) in args
    return (texts, optional) if texts and len(texts) + optional == len(args) else None


def _plain(tp: Any) -> tuple[tuple[type, ...], bool] | None:
    """For a class or a union of classes, what :func:`_checker`'s check of it tests: the classes ``isinstance``
    accepts, and whether a ``bool`` is refused all the same (a number's field); ``None`` for any other type."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        plain = tuple(_instance_types(arg) for arg in args if isinstance(arg, type))
        if len(plain) != len(args):
            return None
        allowed = tuple(kind for kinds in plain for kind in kinds)
        return allowed, bool not in allowed and any(kind in (int, float) for kind in allowed)
    if typing.get_origin(tp) is None and isinstance(tp, type) and tp is not Any:
        return _instance_types(tp), tp in (int, float)
    return None


def _folded(tp: Any, rule: Constraint | None, name: str) -> _Validator:
    """The validator of the field ``name`` of type ``tp`` with the constraint ``rule``: the type's check, then the rule's.

    The usual values (an id, a text, a tuple of records) take a fast path that
    accepts exactly what the two checks accept, written out in one call;
    anything else takes the two checks one after the other, which raise the
    errors they always raised.
    """
    type_check = _checker(tp)
    rule_check = None if rule is None else rule.check

    def both(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        type_check(name, value)
        if rule_check is not None and value is not None:
            rule_check(name, value)

    if typing.get_origin(tp) is tuple and isinstance(typing.get_args(tp)[0], type):
        if rule_check is None or rule_check is _SOME_CHECK:
            least = 0 if rule_check is None else 1
            item_type = typing.get_args(tp)[0]

            def fast_tuple(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
                if (
                    value.__class__ is tuple
                    and len(value) >= least
                    and all(map(isinstance, value, repeat(item_type)))
                ):
                    return
                both(instance, attribute, value)

            return fast_tuple
        if rule_check is _check_ids and typing.get_args(tp)[0] is str:
            match = _ID.match

            def fast_ids(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
                if value.__class__ is tuple and (
                    not value or all(isinstance(item, str) and match(item) is not None for item in value)
                ):
                    return
                both(instance, attribute, value)

            return fast_ids
        return both
    found = _strings(tp)
    if found is None:
        plain = _plain(tp)
        if plain is None:
            return both
        # A class, or a union of classes (``X | None``): the type check written out, then the rule's.
        allowed, numbers = plain

        def fast_plain(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
            if isinstance(value, allowed) and not (numbers and isinstance(value, bool)):
                if rule_check is not None and value is not None:
                    rule_check(name, value)
                return
            both(instance, attribute, value)

        return fast_plain
    # Text fields: the value passes both checks when it is one of the allowed classes (all of them
    # text, so no bool can pass for a number) and the rule's own test, written out, accepts it.
    strings, optional = found
    if rule_check is _check_id:
        match = _ID.match

        def fast_id(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
            if value is None:
                if optional:
                    return
            elif isinstance(value, strings) and match(value) is not None:
                return
            both(instance, attribute, value)

        return fast_id
    if rule_check is _check_text or rule_check is None:
        text = rule_check is not None

        def fast_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
            if value is None:
                if optional:
                    return
            elif isinstance(value, strings) and (not text or (value and not value.isspace())):
                return
            both(instance, attribute, value)

        return fast_text
    if optional:  # any other rule: nothing, where the type allows it, passes both checks

        def fast_none(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
            if value is not None:
                both(instance, attribute, value)

        return fast_none
    return both


def _converting(name: str, converter: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        try:
            return converter(value)
        except ArgumentTypeError as error:
            raise FieldTypeError(name, str(error)) from None

    if converter in _TUPLE_CONVERTERS:

        def convert_tuple(value: Any) -> Any:
            # What tuple_of does first, without its calls.
            return tuple(value) if value.__class__ is tuple or value.__class__ is list else convert(value)

        return convert_tuple
    return convert


def checked_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: every field checks its annotated type and names itself in errors.

    Give it to the records that callers build by hand:
    ``@attrs.frozen(kw_only=True, field_transformer=checked_fields)``.
    """
    typed = []
    for field in fields:
        # A field validated by its constraint alone has it folded into the type check: one call, not three.
        rule = field.metadata.get(CONSTRAINT) if field.validator is constrained else None
        check = _field_check(str(field.type), cls.__module__, field.name, rule)
        validator = (
            check
            if field.validator is None or rule is not None
            else attrs.validators.and_(check, field.validator)
        )
        converter: Any = field.converter
        if converter is not None and callable(converter):
            converter = _converting(field.name, converter)
        typed.append(field.evolve(validator=validator, converter=converter))
    return typed
