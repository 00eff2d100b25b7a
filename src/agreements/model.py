"""The vocabulary: frozen records for agreements, their clauses and their evidence.

Every record is a frozen, slotted, keyword-only attrs class. Collections are
tuples (order matters: clauses keep the order of the text) or frozensets (order
does not: the weapon classes of one term). Sequences passed in are converted on
the way in, so ``Clause(places=["daraa"], ...)`` stores a tuple. Change a record
with :func:`attrs.evolve`.

Validators reject what the types alone cannot say: a clause without a citation,
a dispute with one claim, 31 February. They raise :class:`FieldError`, a
``ValueError`` that names the field, so the loader can report the exact path.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import functools
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final, Self, TypeVar

import attrs

from agreements import _names
from agreements._text import excerpt
from agreements.exceptions import (
    ArgumentTypeError,
    FieldError,
    FieldTypeError,
    MergeConflictError,
    UnknownAgreementError,
)
from agreements.similarity import closest

__all__ = [
    "CONSTRAINT",
    "ID_PATTERN",
    "REGISTRIES",
    "Actor",
    "ActorKind",
    "Agreement",
    "Category",
    "Citation",
    "Claim",
    "Clause",
    "Condition",
    "Constraint",
    "Corpus",
    "Dispute",
    "Event",
    "EventKind",
    "Modality",
    "PartialDate",
    "Party",
    "Place",
    "PlaceKind",
    "Source",
    "Status",
    "Territory",
    "ThirdParty",
    "ThirdPartyRole",
    "WeaponAction",
    "WeaponClass",
    "WeaponsTerm",
    "checked_fields",
    "constrained",
    "is_id",
]

_T = TypeVar("_T")


# ---------------------------------------------------------------- enumerations


class WeaponClass(enum.Enum):
    """A class of weapons as the sources name them, heaviest first.

    The sources use all four words; they are kept apart because the agreements
    differ exactly in where they draw the line.
    """

    HEAVY = "heavy"
    MEDIUM = "medium"
    LIGHT = "light"
    SMALL_ARMS = "small-arms"


class WeaponAction(enum.Enum):
    """What a weapons term does with its classes."""

    HAND_OVER = "hand-over"
    RETAIN = "retain"


class Category(enum.Enum):
    """What a clause is about."""

    CEASEFIRE = "ceasefire"
    WEAPONS = "weapons"
    SECURITY_PRESENCE = "security-presence"
    CHECKPOINTS = "checkpoints"
    SIEGE = "siege"
    DISPLACEMENT = "displacement"
    RETURN = "return"
    SETTLEMENT = "settlement"
    MILITARY_SERVICE = "military-service"
    STATE_INSTITUTIONS = "state-institutions"
    BORDER_CROSSING = "border-crossing"
    INTEGRATION = "integration"
    EXCHANGE = "exchange"
    SERVICES = "services"
    MONITORING = "monitoring"
    OTHER = "other"


class Modality(enum.Enum):
    """Whether a clause obliges, permits or forbids."""

    MUST = "must"
    MAY = "may"
    MUST_NOT = "must-not"


class Status(enum.Enum):
    """Where an agreement stands.

    A status rules out some events: an agreement still only proposed has not
    been signed, one in force has not collapsed (:attr:`rules_out`); and
    some events are the evidence of a status (:attr:`shown_by`).
    """

    PROPOSED = "proposed"
    REJECTED = "rejected"
    SIGNED = "signed"
    IN_FORCE = "in-force"
    COLLAPSED = "collapsed"
    SUPERSEDED = "superseded"

    @property
    def rules_out(self) -> frozenset[EventKind]:
        """The kinds of event an agreement with this status cannot have had.

        >>> sorted(kind.value for kind in Status.PROPOSED.rules_out)
        ['entry-into-force', 'signing']
        """
        return _RULED_OUT.get(self, frozenset())

    @property
    def shown_by(self) -> frozenset[EventKind]:
        """The kinds of event that show an agreement reached this status.

        >>> sorted(kind.value for kind in Status.IN_FORCE.shown_by)
        ['entry-into-force', 'signing']
        """
        return _SHOWN_BY[self]


class ThirdPartyRole(enum.Enum):
    """The part a third party plays in an agreement."""

    GUARANTOR = "guarantor"
    MEDIATOR = "mediator"
    SPONSOR = "sponsor"
    MONITOR = "monitor"
    WITNESS = "witness"


class ActorKind(enum.Enum):
    """What sort of actor a name stands for."""

    STATE = "state"
    STATE_FORCE = "state-force"
    ARMED_GROUP = "armed-group"
    COMMITTEE = "committee"
    PERSON = "person"
    ORGANIZATION = "organization"
    POPULATION = "population"


class PlaceKind(enum.Enum):
    """What sort of place a name stands for."""

    COUNTRY = "country"
    REGION = "region"
    GOVERNORATE = "governorate"
    CITY = "city"
    TOWN = "town"
    DISTRICT = "district"
    BORDER_CROSSING = "border-crossing"
    BASE = "base"


class EventKind(enum.Enum):
    """What happened on a dated event."""

    TALKS = "talks"
    OFFER = "offer"
    REJECTION = "rejection"
    SIGNING = "signing"
    ENTRY_INTO_FORCE = "entry-into-force"
    HANDOVER = "handover"
    DEPLOYMENT = "deployment"
    EXCHANGE = "exchange"
    SIEGE_BEGINS = "siege-begins"
    SIEGE_ENDS = "siege-ends"
    ESCALATION = "escalation"
    DISPLACEMENT = "displacement"
    COLLAPSE = "collapse"
    OTHER = "other"

    @property
    def after_agreement(self) -> bool:
        """Whether an event of this kind can only happen once its agreement exists (entry into force, ...)."""
        return self in _AFTER_AGREEMENT


_AFTER_AGREEMENT: Final = frozenset({EventKind.ENTRY_INTO_FORCE, EventKind.HANDOVER, EventKind.COLLAPSE})
_RULED_OUT: Final[Mapping[Status, frozenset[EventKind]]] = types.MappingProxyType(
    {
        Status.SIGNED: frozenset({EventKind.COLLAPSE}),
        Status.IN_FORCE: frozenset({EventKind.COLLAPSE}),
        Status.PROPOSED: frozenset({EventKind.SIGNING, EventKind.ENTRY_INTO_FORCE}),
        Status.REJECTED: frozenset({EventKind.SIGNING, EventKind.ENTRY_INTO_FORCE}),
    }
)
_SHOWN_BY: Final[Mapping[Status, frozenset[EventKind]]] = types.MappingProxyType(
    {
        Status.PROPOSED: frozenset({EventKind.OFFER}),
        Status.REJECTED: frozenset({EventKind.REJECTION}),
        Status.SIGNED: frozenset({EventKind.SIGNING}),
        Status.IN_FORCE: frozenset({EventKind.SIGNING, EventKind.ENTRY_INTO_FORCE}),
        Status.COLLAPSED: frozenset({EventKind.COLLAPSE}),
        Status.SUPERSEDED: frozenset(),
    }
)

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
#: A list with at least one item.
SOME: Final = _rule({"minItems": 1}, _at_least(1, "must list at least one"))
#: The claims of a dispute: at least two.
TWO_OR_MORE: Final = _rule({"minItems": 2}, _at_least(2, "a dispute needs at least two claims"))


def _check_not_negative(field: str, value: int) -> None:
    if value < 0:
        raise FieldError(field, f"{value!r} is not a count (0 or more)")


#: A whole number of 0 or more.
NOT_NEGATIVE: Final = _rule({"minimum": 0}, _check_not_negative)


def _tuple(items: Iterable[_T]) -> tuple[_T, ...]:
    # A lone string is iterable too; turning "russia" into its letters would
    # hide a mistake, so refuse it.
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
    if isinstance(tp, type):
        return {str: "text", int: "a whole number", bool: "true or false"}.get(tp, f"a {tp.__name__}")
    return str(tp).replace("agreements.model.", "")


def _checker(tp: Any) -> _Check:
    """A check that a value has the type ``tp`` (an annotation of a record's field), deep into its items."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        plain = tuple(arg for arg in args if isinstance(arg, type) and typing.get_origin(arg) is None)
        if len(plain) == len(args):  # X | None, the usual case: one isinstance call
            if int in plain and bool not in plain:
                plain_check = _checker(int)
                return lambda field, value: None if value is None else plain_check(field, value)

            def check_plain(field: str, value: Any) -> None:
                if not isinstance(value, plain):
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
            if isinstance(item_type, type) and all(isinstance(element, item_type) for element in value):
                return  # the usual case, checked without a call per item
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

    def check_type(field: str, value: Any) -> None:
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise FieldTypeError(field, f"expected {_describe_type(tp)}, got {excerpt(value)}")

    return check_type


class _TypeCheck:
    """A field validator that checks the field's annotated type, resolved on first use.

    Records are built from files through the strict converter, which checks
    types already, and by hand, where mypy checks them; this check is for the
    caller who passes a wrong value anyway, so that it fails at once with the
    field's name instead of deep inside an analysis.
    """

    def __init__(self, annotation: str, module: str) -> None:
        self.annotation = annotation
        self.module = module
        self.check: _Check | None = None

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if self.check is None:
            # The annotation of one of our own records, read in its module, once all is defined.
            namespace = vars(sys.modules[self.module])
            self.check = _checker(eval(self.annotation, namespace))  # noqa: S307
        self.check(attribute.name, value)


def _converting(name: str, converter: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        try:
            return converter(value)
        except ArgumentTypeError as error:
            raise FieldTypeError(name, str(error)) from None

    return convert


def checked_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """An attrs ``field_transformer``: every field checks its annotated type and names itself in errors.

    Give it to the records that callers build by hand:
    ``@attrs.frozen(kw_only=True, field_transformer=checked_fields)``.
    """
    typed = []
    for field in fields:
        check = _TypeCheck(str(field.type), cls.__module__)
        validator = check if field.validator is None else attrs.validators.and_(check, field.validator)
        converter: Any = field.converter
        if converter is not None and callable(converter):
            converter = _converting(field.name, converter)
        typed.append(field.evolve(validator=validator, converter=converter))
    return typed


# The attrs mypy plugin types ``__init__`` from the converter's argument, and
# cannot solve a generic one, so each element type gets its own small converter.
def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return _tuple(items)


def _citations(items: Iterable[Citation]) -> tuple[Citation, ...]:
    return _tuple(items)


def _weapon_classes(items: Iterable[WeaponClass]) -> frozenset[WeaponClass]:
    return _frozenset(items)


def _clauses(items: Iterable[Clause]) -> tuple[Clause, ...]:
    return _tuple(items)


def _parties(items: Iterable[Party]) -> tuple[Party, ...]:
    return _tuple(items)


def _third_parties(items: Iterable[ThirdParty]) -> tuple[ThirdParty, ...]:
    return _tuple(items)


def _claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    return _tuple(items)


def _disputes(items: Iterable[Dispute]) -> tuple[Dispute, ...]:
    return _tuple(items)


def _events(items: Iterable[Event]) -> tuple[Event, ...]:
    return _tuple(items)


# ----------------------------------------------------------------------- dates

_DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?\Z")


@functools.total_ordering
@attrs.frozen(kw_only=True, order=False, field_transformer=checked_fields)
class PartialDate:
    """A date known to the year, the month or the day, possibly approximate.

    Sources say "July 2018", "mid-2018" or "Wednesday 1 September": the record
    keeps exactly what is known. The text form is ISO 8601 cut to the known
    precision, with the EDTF ``~`` suffix for approximate dates.

    Dates order by their first possible day, a less precise date before a more
    precise one on the same start, and an exact one before an approximate one.

    >>> PartialDate.parse("2018-07")
    PartialDate(year=2018, month=7, day=None, approximate=False)
    >>> str(PartialDate(year=2018, approximate=True))
    '2018~'
    >>> PartialDate.parse("2018") < PartialDate.parse("2018-07") < PartialDate.parse("2018-07-06")
    True
    >>> PartialDate.parse("2021-02-31")
    Traceback (most recent call last):
    ...
    agreements.exceptions.FieldError: day: 31 is not a day of 2021-02
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise FieldError("year", f"{self.year!r} is not a year between 1 and 9999")
        if self.month is not None and not 1 <= self.month <= 12:
            raise FieldError("month", f"{self.month!r} is not a month (1 to 12)")
        if self.day is not None:
            if self.month is None:
                raise FieldError("day", "a day needs a month")
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise FieldError("day", f"{self.day!r} is not a day of {self.year:04d}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, optionally followed by ``~``."""
        match = _DATE_TEXT.match(text.strip())
        if match is None:
            raise FieldError("date", f"{text!r} is not a date like '2018', '2018-07' or '2018-07-06~'")
        year, month, day, approximate = match.groups()
        return cls(
            year=int(year),
            month=None if month is None else int(month),
            day=None if day is None else int(day),
            approximate=approximate is not None,
        )

    @classmethod
    def from_date(cls, value: datetime.date) -> Self:
        """The exact day of a :class:`datetime.date`."""
        return cls(year=value.year, month=value.month, day=value.day)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def _key(self) -> tuple[int, int, int, bool]:
        return (self.year, self.month or 0, self.day or 0, self.approximate)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")


# -------------------------------------------------------------------- evidence


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Source:
    """A source document: the evidence that citations point into.

    ``document`` is the file name of the text (for the built-in corpus, a file
    in the project's ``seeds`` folder).
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    document: str = attrs.field(validator=constrained, metadata=TEXT)
    description: str = attrs.field(validator=constrained, metadata=TEXT)
    date: PartialDate | None = None


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Citation:
    """A verbatim quote from a source: the words that carry a fact."""

    source: str = attrs.field(validator=constrained, metadata=ID)
    quote: str = attrs.field(validator=constrained, metadata=TEXT)


Citations = tuple[Citation, ...]


# ------------------------------------------------------------ actors and places


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Actor:
    """Someone who negotiates, signs, guarantees or is obliged.

    ``aliases`` are the other spellings the sources use (Awda, Awdeh), and
    ``parent`` the actor it belongs to (a military police unit belongs to a
    state).
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    name: str = attrs.field(validator=constrained, metadata=TEXT)
    kind: ActorKind
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    parent: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    citations: Citations = attrs.field(default=(), converter=_citations)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Place:
    """A place named by the sources, with its spellings and the place it lies in."""

    id: str = attrs.field(validator=constrained, metadata=ID)
    name: str = attrs.field(validator=constrained, metadata=TEXT)
    kind: PlaceKind
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    parent: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    citations: Citations = attrs.field(default=(), converter=_citations)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


# --------------------------------------------------------------------- clauses


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class WeaponsTerm:
    """Which weapon classes are handed over or kept, by whom, and when."""

    classes: frozenset[WeaponClass] = attrs.field(
        converter=_weapon_classes, validator=constrained, metadata=SOME
    )
    action: WeaponAction
    holder: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    schedule: str | None = None

    @property
    def ordered_classes(self) -> tuple[WeaponClass, ...]:
        """The classes heaviest first, for display."""
        return tuple(weapon for weapon in WeaponClass if weapon in self.classes)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Condition:
    """What a clause waits for: a neutral description and the clauses it names."""

    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    clauses: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Clause:
    """One term of an agreement: who must (or may, or must not) do what.

    ``summary`` is our neutral paraphrase; the citations carry the words of the
    sources. ``action`` is an optional short key for what is done ("deploy",
    "lift siege") that the logic checks use to find a ``must`` and a
    ``must-not`` of the same thing by the same actor.
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    category: Category
    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    obligor: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    modality: Modality = Modality.MUST
    action: str | None = None
    weapons: WeaponsTerm | None = None
    count: int | None = attrs.field(default=None, validator=constrained, metadata=NOT_NEGATIVE)
    timing: str | None = None
    condition: Condition | None = None
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)

    @property
    def holder(self) -> str | None:
        """Whose weapons the clause is about: the weapons term's holder, else the obligor."""
        if self.weapons is not None and self.weapons.holder is not None:
            return self.weapons.holder
        return self.obligor

    @property
    def stance(self) -> WeaponAction | None:
        """The weapons action this clause puts in force, or ``None``.

        A ``must`` puts its weapons action in force (hand over, retain); a
        ``may`` only a ``retain``, which lets holders keep their weapons; a
        ``must-not`` none. Every part of the library that asks which weapons
        an agreement hands over or keeps reads this one property.

        >>> term = WeaponsTerm(classes=[WeaponClass.HEAVY], action=WeaponAction.HAND_OVER)
        >>> cite = [Citation(source="s", quote="q")]
        >>> Clause(id="c", category=Category.WEAPONS, summary="s", citations=cite, weapons=term).stance
        <WeaponAction.HAND_OVER: 'hand-over'>
        >>> Clause(id="c", category=Category.WEAPONS, summary="s", citations=cite, weapons=term,
        ...        modality=Modality.MAY).stance is None
        True
        """
        term = self.weapons
        if term is None or self.modality is Modality.MUST_NOT:
            return None
        if self.modality is Modality.MUST or term.action is WeaponAction.RETAIN:
            return term.action
        return None


# ------------------------------------------------------------------- agreements


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Party:
    """A party to an agreement: one who signs, accepts or is bound by it."""

    actor: str = attrs.field(validator=constrained, metadata=ID)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class ThirdParty:
    """An outside actor in an agreement, and the role it plays there."""

    actor: str = attrs.field(validator=constrained, metadata=ID)
    role: ThirdPartyRole
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Territory:
    """The area an agreement covers."""

    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Claim:
    """What one or more sources say about a disputed term."""

    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Dispute:
    """A term the sources disagree on. Every claim is kept; none is chosen.

    ``clauses`` names the clauses of the agreement whose content is in doubt
    (reported by some sources, contradicted or left out by others).
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    topic: str = attrs.field(validator=constrained, metadata=TEXT)
    claims: tuple[Claim, ...] = attrs.field(converter=_claims, validator=constrained, metadata=TWO_OR_MORE)
    clauses: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Event:
    """Something dated that happened to an agreement: talks, signing, collapse."""

    id: str = attrs.field(validator=constrained, metadata=ID)
    date: PartialDate
    kind: EventKind
    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    actors: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Agreement:
    """An agreement (or a proposal for one), as a sequence of cited clauses.

    ``third_parties`` are the outside actors with their role; ``guarantors`` is
    the same tuple under the name the analysis uses. ``follows`` names the
    agreement or proposal this one came after, for when the sources date both
    only to the same month: it orders them in a corpus, and the agreement's
    citations should say how we know.
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    title: str = attrs.field(validator=constrained, metadata=TEXT)
    date: PartialDate
    status: Status
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    summary: str = ""
    place: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    follows: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    parties: tuple[Party, ...] = attrs.field(default=(), converter=_parties)
    third_parties: tuple[ThirdParty, ...] = attrs.field(default=(), converter=_third_parties)
    territory: Territory | None = None
    clauses: tuple[Clause, ...] = attrs.field(default=(), converter=_clauses)
    disputes: tuple[Dispute, ...] = attrs.field(default=(), converter=_disputes)
    events: tuple[Event, ...] = attrs.field(default=(), converter=_events)

    @property
    def guarantors(self) -> tuple[ThirdParty, ...]:
        """Every third party with its role (guarantor, mediator, sponsor, ...)."""
        return self.third_parties

    @property
    def disputed_clauses(self) -> frozenset[str]:
        """Ids of the clauses some dispute puts in doubt."""
        return frozenset(clause for dispute in self.disputes for clause in dispute.clauses)

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id (``KeyError`` when there is none)."""
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)

    def _weapon_classes(self, action: WeaponAction, *, disputed: bool) -> frozenset[WeaponClass]:
        doubtful = self.disputed_clauses
        found: set[WeaponClass] = set()
        for clause in self.clauses:
            if clause.stance is action and (clause.id in doubtful) == disputed:
                assert clause.weapons is not None  # a clause with a stance has a weapons term
                found |= clause.weapons.classes
        return frozenset(found)

    @property
    def handover(self) -> frozenset[WeaponClass]:
        """Weapon classes that an undisputed clause obliges someone to hand over."""
        return self._weapon_classes(WeaponAction.HAND_OVER, disputed=False)

    @property
    def disputed_handover(self) -> frozenset[WeaponClass]:
        """Weapon classes handed over only by clauses that a dispute puts in doubt."""
        return self._weapon_classes(WeaponAction.HAND_OVER, disputed=True) - self.handover

    @property
    def retained(self) -> frozenset[WeaponClass]:
        """Weapon classes that an undisputed clause lets their holders keep."""
        return self._weapon_classes(WeaponAction.RETAIN, disputed=False)

    def cited(self) -> Iterator[tuple[str, Backed, Citation]]:
        """Every citation with the path and the record it backs (for a claim, its dispute), in document order.

        >>> a = Agreement(id="a", title="T", date=PartialDate(year=2021), status=Status.SIGNED,
        ...               citations=[Citation(source="s", quote="q")])
        >>> [(path, record.id, citation.quote) for path, record, citation in a.cited()]
        [('citations[0]', 'a', 'q')]
        """
        for index, citation in enumerate(self.citations):
            yield f"citations[{index}]", self, citation
        for index, party in enumerate(self.parties):
            yield from ((f"parties[{index}]", party, citation) for citation in party.citations)
        for index, third in enumerate(self.third_parties):
            yield from ((f"third_parties[{index}]", third, citation) for citation in third.citations)
        if self.territory is not None:
            yield from (("territory", self.territory, citation) for citation in self.territory.citations)
        for index, clause in enumerate(self.clauses):
            yield from ((f"clauses[{index}]", clause, citation) for citation in clause.citations)
        for index, dispute in enumerate(self.disputes):
            for number, claim in enumerate(dispute.claims):
                where = f"disputes[{index}].claims[{number}]"
                yield from ((where, dispute, citation) for citation in claim.citations)
        for index, event in enumerate(self.events):
            yield from ((f"events[{index}]", event, citation) for citation in event.citations)

    def citations_all(self) -> Iterator[Citation]:
        """Every citation in the agreement, in document order."""
        for _, _, citation in self.cited():
            yield citation


#: A record that an agreement's citations back (see :meth:`Agreement.cited`).
Backed = Agreement | Party | ThirdParty | Territory | Clause | Dispute | Event

# ----------------------------------------------------------------------- corpus

_R = TypeVar("_R", Source, Actor, Place, Agreement)


def _registry(records: Iterable[_R] | Mapping[str, _R], kind: type[_R]) -> dict[str, _R]:
    items = _tuple(records.values() if isinstance(records, Mapping) else records)
    by_id: dict[str, _R] = {}
    for index, record in enumerate(items):
        if not isinstance(record, kind):
            raise FieldError(f"[{index}]", f"expected a {kind.__name__}, got {excerpt(record)}")
        if record.id in by_id:
            raise FieldError(f"[{index}].id", f"duplicate id {record.id!r}")
        by_id[record.id] = record
    return by_id


def _read_only_sorted(by_id: dict[str, _R]) -> Mapping[str, _R]:
    return types.MappingProxyType({key: by_id[key] for key in sorted(by_id)})


def _sources(records: Iterable[Source] | Mapping[str, Source]) -> Mapping[str, Source]:
    return _read_only_sorted(_registry(records, Source))


def _actors(records: Iterable[Actor] | Mapping[str, Actor]) -> Mapping[str, Actor]:
    return _read_only_sorted(_registry(records, Actor))


def _places(records: Iterable[Place] | Mapping[str, Place]) -> Mapping[str, Place]:
    return _read_only_sorted(_registry(records, Place))


def _follow_depths(by_id: Mapping[str, Agreement]) -> dict[str, int]:
    """For each agreement, how many agreements of its own date it follows, through ``follows``.

    A reference to an agreement of another date or to none in the corpus ends
    the chain; the members of a cycle (which ``check`` reports) all count as
    first. Each agreement is visited once, so this takes time in proportion to
    the corpus, however long the chains.
    """
    depth: dict[str, int] = {}
    for start in by_id:
        chain: list[str] = []
        on_chain: set[str] = set()
        current: str | None = start
        while current is not None and current not in depth and current not in on_chain:
            chain.append(current)
            on_chain.add(current)
            agreement = by_id[current]
            earlier = by_id.get(agreement.follows) if agreement.follows is not None else None
            current = earlier.id if earlier is not None and earlier.date == agreement.date else None
        base = 0
        if current is not None and current in on_chain:  # a cycle: its members count as first
            loop = chain.index(current)
            depth.update(dict.fromkeys(chain[loop:], 0))
            chain, base = chain[:loop], 1
        elif current is not None:
            base = depth[current] + 1
        for offset, agreement_id in enumerate(reversed(chain)):
            depth[agreement_id] = base + offset
    return depth


def _agreements(records: Iterable[Agreement] | Mapping[str, Agreement]) -> Mapping[str, Agreement]:
    by_id = _registry(records, Agreement)
    depth = _follow_depths(by_id)
    ordered = sorted(
        by_id.values(), key=lambda agreement: (agreement.date, depth[agreement.id], agreement.id)
    )
    return types.MappingProxyType({agreement.id: agreement for agreement in ordered})


#: The registries of a corpus, in the order documents write them.
REGISTRIES: Final = ("sources", "actors", "places", "agreements")


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Corpus:
    """A set of agreements with the actors, places and sources they refer to.

    Each registry is a read-only mapping from id to record; agreements are
    ordered by date, then by ``follows`` among those of the same date, then by
    id; the others by id.
    """

    sources: Mapping[str, Source] = attrs.field(factory=dict, converter=_sources)
    actors: Mapping[str, Actor] = attrs.field(factory=dict, converter=_actors)
    places: Mapping[str, Place] = attrs.field(factory=dict, converter=_places)
    agreements: Mapping[str, Agreement] = attrs.field(factory=dict, converter=_agreements)

    def citations(self) -> tuple[Citation, ...]:
        """Every citation in the corpus: actors, places, then agreements in date order."""
        found: list[Citation] = []
        for actor in self.actors.values():
            found.extend(actor.citations)
        for place in self.places.values():
            found.extend(place.citations)
        for agreement in self.agreements.values():
            found.extend(agreement.citations_all())
        return tuple(found)

    def merge(self, other: Corpus) -> Corpus:
        """One corpus with the records of both; an id defined in both raises :class:`MergeConflictError`.

        Use it to check or compare your own agreements against the built-in
        actors, places and agreements: ``agreements.corpus().merge(mine)``.
        """
        ArgumentTypeError.check("other", other, Corpus, "a Corpus")
        merged: dict[str, list[Any]] = {}
        for name in REGISTRIES:
            mine: Mapping[str, Any] = getattr(self, name)
            theirs: Mapping[str, Any] = getattr(other, name)
            shared = sorted(set(mine) & set(theirs))
            if shared:
                raise MergeConflictError(name, shared)
            merged[name] = [*mine.values(), *theirs.values()]
        return Corpus(**merged)

    def get(self, agreement_id: str) -> Agreement:
        """The agreement with this id; an unknown id raises :class:`UnknownAgreementError` naming the closest.

        >>> Corpus().get("daraa-2018")
        Traceback (most recent call last):
        ...
        agreements.exceptions.UnknownAgreementError: no agreement with id 'daraa-2018'
        """
        ArgumentTypeError.check("agreement_id", agreement_id, str, "an agreement's id")
        try:
            return self.agreements[agreement_id]
        except KeyError:
            pass
        near = closest(agreement_id, list(self.agreements), limit=3, cutoff=0.4)
        raise UnknownAgreementError(agreement_id, [choice for choice, _ in near])

    def resolve(self, name: str) -> Actor | Place:
        """The actor or place a name stands for, however the sources spell it.

        An exact alias wins, after folding case, diacritics, hyphens, the
        Arabic article and common transliteration variants; then the most
        similar alias above ``agreements._names.RESOLVE_CUTOFF``. A name that
        fits several records equally well raises
        :class:`~agreements.exceptions.UnknownActorError` listing them, and so
        does a name that fits none, naming the closest when any is close.
        """
        ArgumentTypeError.check("name", name, str, "a name")
        records: list[Actor | Place] = [*self.actors.values(), *self.places.values()]
        return _names.resolve(records, name)

    def actor_name(self, actor_id: str | None) -> str:
        """How a reader sees an actor: its name when the corpus knows it, else its id (``"no one"`` for none).

        >>> Corpus().actor_name("russia"), Corpus().actor_name(None)
        ('russia', 'no one')
        """
        if actor_id is None:
            return "no one"
        ArgumentTypeError.check("actor_id", actor_id, str, "an actor's id")
        actor = self.actors.get(actor_id)
        return actor_id if actor is None else actor.name

    def place_name(self, place_id: str | None) -> str:
        """How a reader sees a place: its name when the corpus knows it, else its id (``"none"`` for none)."""
        if place_id is None:
            return "none"
        ArgumentTypeError.check("place_id", place_id, str, "a place's id")
        place = self.places.get(place_id)
        return place_id if place is None else place.name
