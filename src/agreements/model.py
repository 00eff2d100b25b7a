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
import types
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Self, TypeVar

import attrs

__all__ = [
    "Actor",
    "ActorKind",
    "Agreement",
    "Category",
    "Citation",
    "Claim",
    "Clause",
    "Condition",
    "Corpus",
    "Dispute",
    "Event",
    "EventKind",
    "FieldError",
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
]

_T = TypeVar("_T")


class FieldError(ValueError):
    """A value that a record's field does not accept.

    ``field`` names the field, so that loaders can report ``clauses[2].citations``
    rather than only ``clauses[2]``.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


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
    """Where an agreement stands."""

    PROPOSED = "proposed"
    REJECTED = "rejected"
    SIGNED = "signed"
    IN_FORCE = "in-force"
    COLLAPSED = "collapsed"
    SUPERSEDED = "superseded"


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


# ------------------------------------------------------------------ validators

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")


def _check_id(field: str, value: str) -> None:
    if not _ID.match(value):
        raise FieldError(field, f"{value!r} is not a valid id (lower-case letters, digits, '.', '_' and '-')")


def _valid_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _check_id(attribute.name, value)


def _valid_optional_id(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None:
        _check_id(attribute.name, value)


def _valid_ids(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    for index, item in enumerate(value):
        _check_id(f"{attribute.name}[{index}]", item)


def _not_blank(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise FieldError(attribute.name, "must not be empty")


def _not_empty(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise FieldError(attribute.name, "must list at least one")


def _tuple(items: Iterable[_T]) -> tuple[_T, ...]:
    # A lone string is iterable too; turning "russia" into its letters would
    # hide a mistake, so refuse it.
    if isinstance(items, str):
        raise TypeError(f"expected a sequence, got the string {items!r}")
    return tuple(items)


def _frozenset(items: Iterable[_T]) -> frozenset[_T]:
    if isinstance(items, str):
        raise TypeError(f"expected a collection, got the string {items!r}")
    return frozenset(items)


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
@attrs.frozen(kw_only=True, order=False)
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
    agreements.model.FieldError: day: 31 is not a day of 2021-02
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


@attrs.frozen(kw_only=True)
class Source:
    """A source document: the evidence that citations point into.

    ``document`` is the file name of the text (for the built-in corpus, a file
    in the project's ``seeds`` folder).
    """

    id: str = attrs.field(validator=_valid_id)
    document: str = attrs.field(validator=_not_blank)
    description: str = attrs.field(validator=_not_blank)
    date: PartialDate | None = None


@attrs.frozen(kw_only=True)
class Citation:
    """A verbatim quote from a source: the words that carry a fact."""

    source: str = attrs.field(validator=_valid_id)
    quote: str = attrs.field(validator=_not_blank)


Citations = tuple[Citation, ...]


# ------------------------------------------------------------ actors and places


@attrs.frozen(kw_only=True)
class Actor:
    """Someone who negotiates, signs, guarantees or is obliged.

    ``aliases`` are the other spellings the sources use (Awda, Awdeh), and
    ``parent`` the actor it belongs to (a military police unit belongs to a
    state).
    """

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=_not_blank)
    kind: ActorKind
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    parent: str | None = attrs.field(default=None, validator=_valid_optional_id)
    citations: Citations = attrs.field(default=(), converter=_citations)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


@attrs.frozen(kw_only=True)
class Place:
    """A place named by the sources, with its spellings and the place it lies in."""

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=_not_blank)
    kind: PlaceKind
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    parent: str | None = attrs.field(default=None, validator=_valid_optional_id)
    citations: Citations = attrs.field(default=(), converter=_citations)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


# --------------------------------------------------------------------- clauses


@attrs.frozen(kw_only=True)
class WeaponsTerm:
    """Which weapon classes are handed over or kept, by whom, and when."""

    classes: frozenset[WeaponClass] = attrs.field(converter=_weapon_classes, validator=_not_empty)
    action: WeaponAction
    holder: str | None = attrs.field(default=None, validator=_valid_optional_id)
    schedule: str | None = None

    @property
    def ordered_classes(self) -> tuple[WeaponClass, ...]:
        """The classes heaviest first, for display."""
        return tuple(weapon for weapon in WeaponClass if weapon in self.classes)


@attrs.frozen(kw_only=True)
class Condition:
    """What a clause waits for: a neutral description and the clauses it names."""

    summary: str = attrs.field(validator=_not_blank)
    clauses: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_valid_ids)


@attrs.frozen(kw_only=True)
class Clause:
    """One term of an agreement: who must (or may, or must not) do what.

    ``summary`` is our neutral paraphrase; the citations carry the words of the
    sources. ``action`` is an optional short key for what is done ("deploy",
    "lift siege") that the logic checks use to find a ``must`` and a
    ``must-not`` of the same thing by the same actor.
    """

    id: str = attrs.field(validator=_valid_id)
    category: Category
    summary: str = attrs.field(validator=_not_blank)
    citations: Citations = attrs.field(converter=_citations, validator=_not_empty)
    obligor: str | None = attrs.field(default=None, validator=_valid_optional_id)
    modality: Modality = Modality.MUST
    action: str | None = None
    weapons: WeaponsTerm | None = None
    count: int | None = None
    timing: str | None = None
    condition: Condition | None = None
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_valid_ids)

    def __attrs_post_init__(self) -> None:
        if self.count is not None and self.count < 0:
            raise FieldError("count", f"{self.count!r} is not a count (0 or more)")


# ------------------------------------------------------------------- agreements


@attrs.frozen(kw_only=True)
class Party:
    """A party to an agreement: one who signs, accepts or is bound by it."""

    actor: str = attrs.field(validator=_valid_id)
    citations: Citations = attrs.field(converter=_citations, validator=_not_empty)


@attrs.frozen(kw_only=True)
class ThirdParty:
    """An outside actor in an agreement, and the role it plays there."""

    actor: str = attrs.field(validator=_valid_id)
    role: ThirdPartyRole
    citations: Citations = attrs.field(converter=_citations, validator=_not_empty)


@attrs.frozen(kw_only=True)
class Territory:
    """The area an agreement covers."""

    summary: str = attrs.field(validator=_not_blank)
    citations: Citations = attrs.field(converter=_citations, validator=_not_empty)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_valid_ids)


@attrs.frozen(kw_only=True)
class Claim:
    """What one or more sources say about a disputed term."""

    summary: str = attrs.field(validator=_not_blank)
    citations: Citations = attrs.field(converter=_citations, validator=_not_empty)


@attrs.frozen(kw_only=True)
class Dispute:
    """A term the sources disagree on. Every claim is kept; none is chosen.

    ``clauses`` names the clauses of the agreement whose content is in doubt
    (reported by some sources, contradicted or left out by others).
    """

    id: str = attrs.field(validator=_valid_id)
    topic: str = attrs.field(validator=_not_blank)
    claims: tuple[Claim, ...] = attrs.field(converter=_claims)
    clauses: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_valid_ids)

    def __attrs_post_init__(self) -> None:
        if len(self.claims) < 2:
            raise FieldError("claims", f"a dispute needs at least two claims, got {len(self.claims)}")


@attrs.frozen(kw_only=True)
class Event:
    """Something dated that happened to an agreement: talks, signing, collapse."""

    id: str = attrs.field(validator=_valid_id)
    date: PartialDate
    kind: EventKind
    summary: str = attrs.field(validator=_not_blank)
    citations: Citations = attrs.field(converter=_citations, validator=_not_empty)
    actors: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_valid_ids)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_valid_ids)


@attrs.frozen(kw_only=True)
class Agreement:
    """An agreement (or a proposal for one), as a sequence of cited clauses.

    ``third_parties`` are the outside actors with their role; ``guarantors`` is
    the same tuple under the name the analysis uses. ``follows`` names the
    agreement or proposal this one came after, for when the sources date both
    only to the same month: it orders them in a corpus, and the agreement's
    citations should say how we know.
    """

    id: str = attrs.field(validator=_valid_id)
    title: str = attrs.field(validator=_not_blank)
    date: PartialDate
    status: Status
    citations: Citations = attrs.field(converter=_citations, validator=_not_empty)
    summary: str = ""
    place: str | None = attrs.field(default=None, validator=_valid_optional_id)
    follows: str | None = attrs.field(default=None, validator=_valid_optional_id)
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
            term = clause.weapons
            if term is None or term.action is not action or clause.modality is Modality.MUST_NOT:
                continue
            if action is WeaponAction.HAND_OVER and clause.modality is not Modality.MUST:
                continue
            if (clause.id in doubtful) == disputed:
                found |= term.classes
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

    def citations_all(self) -> Iterator[Citation]:
        """Every citation in the agreement, in document order."""
        yield from self.citations
        for party in self.parties:
            yield from party.citations
        for third in self.third_parties:
            yield from third.citations
        if self.territory is not None:
            yield from self.territory.citations
        for clause in self.clauses:
            yield from clause.citations
        for dispute in self.disputes:
            for claim in dispute.claims:
                yield from claim.citations
        for event in self.events:
            yield from event.citations


# ----------------------------------------------------------------------- corpus

_R = TypeVar("_R", Source, Actor, Place, Agreement)


def _registry(records: Iterable[_R] | Mapping[str, _R]) -> dict[str, _R]:
    items = _tuple(records.values() if isinstance(records, Mapping) else records)
    by_id: dict[str, _R] = {}
    for index, record in enumerate(items):
        if record.id in by_id:
            raise FieldError(f"[{index}].id", f"duplicate id {record.id!r}")
        by_id[record.id] = record
    return by_id


def _read_only_sorted(by_id: dict[str, _R]) -> Mapping[str, _R]:
    return types.MappingProxyType({key: by_id[key] for key in sorted(by_id)})


def _sources(records: Iterable[Source] | Mapping[str, Source]) -> Mapping[str, Source]:
    return _read_only_sorted(_registry(records))


def _actors(records: Iterable[Actor] | Mapping[str, Actor]) -> Mapping[str, Actor]:
    return _read_only_sorted(_registry(records))


def _places(records: Iterable[Place] | Mapping[str, Place]) -> Mapping[str, Place]:
    return _read_only_sorted(_registry(records))


def _agreements(records: Iterable[Agreement] | Mapping[str, Agreement]) -> Mapping[str, Agreement]:
    by_id = _registry(records)

    def depth(agreement: Agreement) -> int:
        # How many agreements of the same date this one follows, through
        # ``follows``; a reference elsewhere or a cycle ends the chain.
        seen = {agreement.id}
        count = 0
        while agreement.follows in by_id and agreement.follows not in seen:
            earlier = by_id[agreement.follows]
            if earlier.date != agreement.date:
                break
            seen.add(earlier.id)
            agreement, count = earlier, count + 1
        return count

    ordered = sorted(by_id.values(), key=lambda agreement: (agreement.date, depth(agreement), agreement.id))
    return types.MappingProxyType({agreement.id: agreement for agreement in ordered})


@attrs.frozen(kw_only=True)
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
        """One corpus with the records of both; an id defined in both is an error.

        Use it to check or compare your own agreements against the built-in
        actors, places and agreements: ``agreements.corpus().merge(mine)``.
        """
        merged: dict[str, list[Any]] = {}
        for name in ("sources", "actors", "places", "agreements"):
            mine: Mapping[str, Any] = getattr(self, name)
            theirs: Mapping[str, Any] = getattr(other, name)
            shared = sorted(set(mine) & set(theirs))
            if shared:
                raise FieldError(name, f"both corpora define {', '.join(map(repr, shared))}")
            merged[name] = [*mine.values(), *theirs.values()]
        return Corpus(
            sources=merged["sources"],
            actors=merged["actors"],
            places=merged["places"],
            agreements=merged["agreements"],
        )

    def get(self, agreement_id: str) -> Agreement:
        """The agreement with this id; an unknown id raises an error naming the closest."""
        from agreements.corpus import find_agreement  # noqa: PLC0415 - corpus.py imports this module

        return find_agreement(self, agreement_id)

    def resolve(self, name: str) -> Actor | Place:
        """The actor or place a name stands for, however the sources spell it.

        See :func:`agreements.corpus.resolve` for the matching rules.
        """
        from agreements.corpus import resolve  # noqa: PLC0415 - corpus.py imports this module

        return resolve(self, name)
