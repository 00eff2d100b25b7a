"""The records: agreements, their clauses, their evidence, and the terms any ceasefire writes.

Every record is a frozen, slotted, keyword-only attrs class. Collections are
tuples (order matters: clauses keep the order of the text) or frozensets (order
does not: the weapon classes of one term). Sequences passed in are converted on
the way in, so ``Clause(places=["daraa"], ...)`` stores a tuple. Change a record
with :func:`attrs.evolve`.

Validators reject what the types alone cannot say: a clause without a citation,
a dispute with one claim, a range whose least is more than its most. They raise
:class:`~agreements.exceptions.FieldError`, which names the field, so the
loader can report the exact path.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from agreements.exceptions import ArgumentTypeError, FieldError, UnknownIdError
from agreements.model._dates import PartialDate, duration
from agreements.model._fields import (
    AMOUNT,
    CONSTRAINT,
    DURATION,
    ID,
    IDS,
    LANGUAGE,
    LATITUDE,
    LONGITUDE,
    SOME,
    TEXT,
    TWO_OR_MORE,
    URL,
    checked_fields,
    constrained,
    frozenset_of,
    tuple_converter,
    tuple_of,
)
from agreements.model._vocabulary import (
    ActorKind,
    Category,
    Coverage,
    DisputedField,
    Edge,
    EventKind,
    Modality,
    PlaceKind,
    RelationKind,
    Status,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
    Word,
    canonical,
    vocabulary_order,
)
from agreements.similarity import closest

__all__ = [
    "AGREEMENT_ANCHOR",
    "ALL_PARTIES",
    "Actor",
    "Agreement",
    "Backed",
    "Citation",
    "Claim",
    "Clause",
    "Code",
    "Condition",
    "Coordinates",
    "Deadline",
    "Dispute",
    "Event",
    "Party",
    "Place",
    "Quantity",
    "Relation",
    "Source",
    "StatusEntry",
    "Territory",
    "ThirdParty",
    "WeaponsTerm",
    "heaviest_first",
]

#: The anchor of a deadline counted from the agreement's own date.
AGREEMENT_ANCHOR: Final = "agreement"
#: What :attr:`Clause.obligors` shows for a clause that binds every party ("both sides").
ALL_PARTIES: Final = "all parties"


# The attrs mypy plugin types ``__init__`` from the converter's argument, and
# cannot solve a generic one, so each element type gets its own small converter.
def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return tuple_of(items)


tuple_converter(_strs)


def _citations(items: Iterable[Citation]) -> tuple[Citation, ...]:
    return tuple_of(items)


tuple_converter(_citations)


def _category(word: str) -> Category | Word:
    return canonical(Category, word)


def _actor_kind(word: str) -> ActorKind | Word:
    return canonical(ActorKind, word)


def _place_kind(word: str) -> PlaceKind | Word:
    return canonical(PlaceKind, word)


def _weapon_classes(items: Iterable[str]) -> frozenset[WeaponClass | Word]:
    # Anything but text is left as it is, for the type check to name it.
    found: frozenset[Any] = frozenset_of(items)
    return frozenset(canonical(WeaponClass, word) if isinstance(word, str) else word for word in found)


_WEAPON_ORDER: Final = vocabulary_order(WeaponClass)


def heaviest_first(classes: Iterable[WeaponClass | Word]) -> tuple[WeaponClass | Word, ...]:
    """Weapon classes in reading order: the built-in ones heaviest first, then a corpus's own by name.

    >>> heaviest_first([WeaponClass.LIGHT, Word("artillery"), WeaponClass.HEAVY])
    (<WeaponClass.HEAVY: 'heavy'>, <WeaponClass.LIGHT: 'light'>, 'artillery')
    """
    return tuple(
        sorted(set(classes), key=lambda word: (_WEAPON_ORDER.get(word, len(_WEAPON_ORDER)), str(word)))
    )


# -------------------------------------------------------------------- evidence


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Source:
    """A source: the evidence that citations point into, and how to cite it in a paper.

    ``document`` is the file name of the text, when the corpus keeps one (the
    built-in corpus's are in the project's ``seeds`` folder), which lets
    ``check(corpus, sources=FOLDER)`` verify every quote. ``url``, ``outlet``,
    ``author``, ``title`` and ``date`` (of publication) make the reference a
    reader can cite; ``language`` is the language of the text as the corpus
    quotes it, and ``translated_from`` the language of the original when that
    text is a translation.
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    description: str = attrs.field(validator=constrained, metadata=TEXT)
    document: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)
    date: PartialDate | None = None
    url: str | None = attrs.field(default=None, validator=constrained, metadata=URL)
    outlet: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)
    author: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)
    title: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)
    language: str | None = attrs.field(default=None, validator=constrained, metadata=LANGUAGE)
    translated_from: str | None = attrs.field(default=None, validator=constrained, metadata=LANGUAGE)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Citation:
    """A verbatim quote from a source: the words that carry a fact.

    The quote stays exactly as the source has it; ``language`` says which
    language it is in when that is not the source's (or the source gives
    none), and ``translation`` gives it in English when it is not in English.
    """

    source: str = attrs.field(validator=constrained, metadata=ID)
    quote: str = attrs.field(validator=constrained, metadata=TEXT)
    language: str | None = attrs.field(default=None, validator=constrained, metadata=LANGUAGE)
    translation: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)


Citations = tuple[Citation, ...]


# ------------------------------------------------------------ actors and places


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Actor:
    """Someone who negotiates, signs, guarantees or is obliged.

    ``aliases`` are the other spellings the sources use (Awda, Awdeh), and
    ``parent`` the actor it belongs to (a military police unit belongs to a
    state). ``kind`` is a word of the actor kinds, built in or the corpus's.
    ``inference`` says that a value of the record (an alias, the parent) is
    our inference from the citations rather than stated by them, and why.
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    name: str = attrs.field(validator=constrained, metadata=TEXT)
    kind: ActorKind | Word = attrs.field(converter=_actor_kind, validator=constrained, metadata=ID)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    parent: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    citations: Citations = attrs.field(default=(), converter=_citations)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Coordinates:
    """A point on the map in decimal degrees (WGS 84): ``latitude`` north, ``longitude`` east.

    >>> Coordinates(latitude=32.5167, longitude=36.4833)
    Coordinates(latitude=32.5167, longitude=36.4833)
    >>> Coordinates(latitude=132.5, longitude=36.5)
    Traceback (most recent call last):
    ...
    agreements.exceptions.FieldError: latitude: 132.5 is not a latitude (-90 to 90 degrees)
    """

    latitude: float = attrs.field(validator=constrained, metadata=LATITUDE)
    longitude: float = attrs.field(validator=constrained, metadata=LONGITUDE)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Place:
    """A place named by the sources, with its spellings and the place it lies in.

    Besides towns and regions, a place may be a line of contact, a road, a
    zone or a border (:class:`~agreements.model.PlaceKind`). ``inference``
    says that a value of the record (an alias, the kind, the parent) is our
    inference from the citations rather than stated by them, and why.
    ``coordinates`` is one point for it when a source gives one (PA-X Local
    gives one point per locale, even for a locale of several villages).
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    name: str = attrs.field(validator=constrained, metadata=TEXT)
    kind: PlaceKind | Word = attrs.field(converter=_place_kind, validator=constrained, metadata=ID)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    parent: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    coordinates: Coordinates | None = None
    citations: Citations = attrs.field(default=(), converter=_citations)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)


# ----------------------------------------------------------------- quantities


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Quantity:
    """An amount with its unit: a number (``value``) or a range (``min``, ``max``, either may be open).

    ``unit`` is the reader's word ("km", "mm", "days", "checkpoints"), and
    ``qualifier`` what the amount is counted from or along ("on each side",
    "from the line of contact"). Bounds are inclusive; the quote carries the
    source's exact wording ("over 100 mm").

    >>> str(Quantity(value=15, unit="km", qualifier="on each side of the line of contact"))
    '15 km on each side of the line of contact'
    >>> str(Quantity(min=15, max=20, unit="km")), str(Quantity(min=100, unit="mm"))
    ('15–20 km', '100 mm or more')
    >>> Quantity(min=20, max=15, unit="km")
    Traceback (most recent call last):
    ...
    agreements.exceptions.FieldError: max: 15 is less than min (20)
    """

    unit: str = attrs.field(validator=constrained, metadata=TEXT)
    value: float | None = attrs.field(default=None, validator=constrained, metadata=AMOUNT)
    min: float | None = attrs.field(default=None, validator=constrained, metadata=AMOUNT)
    max: float | None = attrs.field(default=None, validator=constrained, metadata=AMOUNT)
    qualifier: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)

    def __attrs_post_init__(self) -> None:
        if self.value is None and self.min is None and self.max is None:
            raise FieldError("value", "a quantity needs a value, or a min or a max")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise FieldError("value", "a quantity has a value or a range (min, max), not both")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise FieldError("max", f"{_number_text(self.max)} is less than min ({_number_text(self.min)})")

    @property
    def amount(self) -> str:
        """The number or range without unit or qualifier: ``"15"``, ``"15–20"``, ``"100 or more"``."""
        if self.value is not None:
            return _number_text(self.value)
        if self.min is not None and self.max is not None:
            return f"{_number_text(self.min)}–{_number_text(self.max)}"
        if self.min is not None:
            return f"{_number_text(self.min)} or more"
        assert self.max is not None
        return f"up to {_number_text(self.max)}"

    def __str__(self) -> str:
        if self.value is None and self.min is not None and self.max is None:
            text = f"{_number_text(self.min)} {self.unit} or more"
        else:
            text = f"{self.amount} {self.unit}"
        return f"{text} {self.qualifier}" if self.qualifier else text


# ----------------------------------------------------------------- weapons


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class WeaponsTerm:
    """What a clause does with which weapons, whose, to whom or how far, and when.

    The weapons are named by ``classes`` (heavy, medium, ... or a corpus's
    own), by named ``systems`` ("Tornado-S", "Uragan"), by a ``calibre``
    (``Quantity(min=100, unit="mm")``), or as ``all_weapons``; at least one
    of them. ``action`` says what happens to them; ``distance`` how far they
    are withdrawn; ``holder`` whose they are (by default the clause's
    obligor), ``recipient`` who receives them, ``destination`` the place they
    go to; ``schedule`` the source's own words on when.
    """

    action: WeaponAction
    classes: frozenset[WeaponClass | Word] = attrs.field(default=frozenset(), converter=_weapon_classes)
    systems: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    calibre: Quantity | None = None
    all_weapons: bool = False
    distance: Quantity | None = None
    holder: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    recipient: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    destination: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    schedule: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)

    def __attrs_post_init__(self) -> None:
        if not (self.classes or self.systems or self.calibre is not None or self.all_weapons):
            raise FieldError(
                "classes", "a weapons term names weapon classes, systems, a calibre or all_weapons"
            )
        for index, word in enumerate(sorted(self.classes)):
            ID[CONSTRAINT].check(f"classes[{index}]", word)
        for index, system in enumerate(self.systems):
            TEXT[CONSTRAINT].check(f"systems[{index}]", system)

    @property
    def ordered_classes(self) -> tuple[WeaponClass | Word, ...]:
        """The classes, the built-in ones heaviest first, for display."""
        return heaviest_first(self.classes)


# ---------------------------------------------------------------- deadlines


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Deadline:
    """When an act must have started or ended: at a date, or a duration after something.

    ``at`` is a date, with a time and a UTC offset when the source gives them
    ("from 00:00 Kyiv time on 15 February 2015"). Otherwise ``anchor`` names
    what the time is counted from, that is ``"agreement"`` (the agreement's
    date), the id of one of the agreement's events (its entry into force), or
    the id of a clause (that clause's own first deadline); ``offset`` is the
    ISO 8601 duration after it ("P14D", "PT24H"). ``edge`` says whether by
    then the act has started (``start``) or is complete (``end``).
    :meth:`Agreement.due` computes the date a deadline falls on where its
    anchor has a day, and ``agreements timeline`` marks it there.

    >>> Deadline(anchor="agreement", offset="P30D").days
    30.0
    """

    at: PartialDate | None = None
    anchor: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    offset: str | None = attrs.field(default=None, validator=constrained, metadata=DURATION)
    edge: Edge = Edge.END

    def __attrs_post_init__(self) -> None:
        if (self.at is None) == (self.anchor is None):
            raise FieldError("at", "a deadline has a date (at) or an anchor to count from, and not both")
        if self.offset is not None and self.anchor is None:
            raise FieldError("offset", "an offset needs an anchor to count from")

    @property
    def days(self) -> float | None:
        """The offset in days (``None`` without one)."""
        return None if self.offset is None else duration(self.offset).total_seconds() / 86400


# ------------------------------------------------------------------- codes


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Code:
    """How a coding scheme codes a clause: the scheme, its variable and the level given.

    Datasets such as PA-X code whole agreements on yes/no and graded
    variables (``Code(scheme="pax", variable="CeProv", level=2)``); a clause
    read from such a dataset carries its code, and a clause of ours may say
    how it would be coded.
    """

    scheme: str = attrs.field(validator=constrained, metadata=ID)
    variable: str = attrs.field(validator=constrained, metadata=TEXT)
    level: int | None = None
    label: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)


def _deadlines(items: Iterable[Deadline]) -> tuple[Deadline, ...]:
    return tuple_of(items)


tuple_converter(_deadlines)


def _codes(items: Iterable[Code]) -> tuple[Code, ...]:
    return tuple_of(items)


tuple_converter(_codes)


# ------------------------------------------------------------------- clauses


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Condition:
    """What a clause waits for: a neutral description and the clauses it names."""

    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    clauses: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Clause:
    """One term of an agreement: who must (or may, or must not) do what.

    ``summary`` is our neutral paraphrase of the act, stated affirmatively;
    ``modality`` says whether the act is required (``must``), allowed
    (``may``) or forbidden (``must-not``), and every rendering says so by one
    rule: a required act reads as it is, an allowed one after "Allowed:", a
    forbidden one after "Forbidden:" (in a diff, "Now forbidden:", "No longer
    forbidden:"), so that a prohibition never reads as its opposite. The
    citations carry the words of the sources.

    ``obligors`` are the actors the clause binds (one, several, or none named);
    ``all_parties`` says it binds every party ("both sides"). ``action`` is an
    optional short key for what is done ("deploy", "lift-siege") that the
    logic checks use to find a ``must`` and a ``must-not`` of the same act.
    ``quantity`` is an amount the clause states (nine checkpoints, a 15 km
    zone), ``deadlines`` when the act must start or end, ``timing`` the
    source's own words on when. ``codes`` say how coding schemes (PA-X) code
    the clause. ``inference`` says that some value of the clause (its
    obligors, modality, condition, a weapons holder, the clause itself) is
    our inference from the citations rather than stated by them, and why.
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    category: Category | Word = attrs.field(converter=_category, validator=constrained, metadata=ID)
    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    obligors: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    all_parties: bool = False
    modality: Modality = Modality.MUST
    action: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)
    weapons: WeaponsTerm | None = None
    quantity: Quantity | None = None
    deadlines: tuple[Deadline, ...] = attrs.field(default=(), converter=_deadlines)
    timing: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)
    condition: Condition | None = None
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    codes: tuple[Code, ...] = attrs.field(default=(), converter=_codes)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)

    def __attrs_post_init__(self) -> None:
        if len(set(self.obligors)) != len(self.obligors):
            twice = next(actor for actor in self.obligors if self.obligors.count(actor) > 1)
            raise FieldError("obligors", f"{twice!r} is listed twice")

    @property
    def obligor(self) -> str | None:
        """The one actor the clause binds, when it binds exactly one (``None`` otherwise)."""
        return self.obligors[0] if len(self.obligors) == 1 and not self.all_parties else None

    def bound(self, parties: Iterable[str] = ()) -> tuple[str, ...]:
        """The actors the clause binds: its obligors, and the agreement's ``parties`` when it binds all of them."""
        found = list(self.obligors)
        if self.all_parties:
            found += [party for party in parties if party not in found]
        return tuple(found)

    @property
    def holder(self) -> str | None:
        """Whose weapons the clause is about: the weapons term's holder, else the one obligor."""
        if self.weapons is not None and self.weapons.holder is not None:
            return self.weapons.holder
        return self.obligor

    @property
    def stance(self) -> WeaponAction | None:
        """The weapons action this clause puts in force, or ``None``.

        A ``must`` puts its weapons action in force (hand over, withdraw,
        ...); a ``may`` only a ``retain``, which lets holders keep their
        weapons; a ``must-not`` none. Every part of the library that asks
        which weapons an agreement hands over, withdraws or keeps reads this
        one property.

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


# ---------------------------------------------------------------- agreements


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Party:
    """A party to an agreement: one who signs, accepts or is bound by it.

    ``inference`` says that the citations do not state that the actor is a
    party, and why we read them so.
    """

    actor: str = attrs.field(validator=constrained, metadata=ID)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class ThirdParty:
    """An outside actor in an agreement, and the role it plays there.

    ``inference`` says that the role (or the actor's part) is our reading of
    the citations rather than stated by them, and why.
    """

    actor: str = attrs.field(validator=constrained, metadata=ID)
    role: ThirdPartyRole
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Territory:
    """The area an agreement covers; ``inference`` says which of its places are our reading, and why."""

    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Claim:
    """What one or more sources say: an answer in a dispute, or an attributed statement about an agreement.

    ``by`` names the actors who make the claim (an activist, a spokesman,
    an organisation); it is empty when only the source itself says it, and
    the citations then say which source. A claim is reported, never stated
    as fact: renderers say who claims it.
    """

    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    by: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)


def _claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple_of(items)


tuple_converter(_claims)


def _fields(items: Iterable[DisputedField]) -> tuple[DisputedField, ...]:
    return tuple_of(items)


tuple_converter(_fields)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Dispute:
    """A term the sources disagree on. Every claim is kept; none is chosen.

    A dispute names what it puts in doubt, among ``clauses`` of the
    agreement (reported by some sources, contradicted or left out by others),
    the actors of its ``parties`` or ``third_parties`` (was Russia a party?),
    and the agreement's own ``fields`` (its status, date, place, ...).
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    topic: str = attrs.field(validator=constrained, metadata=TEXT)
    claims: tuple[Claim, ...] = attrs.field(converter=_claims, validator=constrained, metadata=TWO_OR_MORE)
    clauses: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    parties: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    third_parties: tuple[str, ...] = attrs.field(
        default=(), converter=_strs, validator=constrained, metadata=IDS
    )
    fields: tuple[DisputedField, ...] = attrs.field(default=(), converter=_fields)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Event:
    """Something dated that happened to an agreement: talks, signing, collapse.

    ``inference`` says that a value of the event (an actor, a place, its link
    to this agreement) is our inference from the citations, and why.
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    date: PartialDate
    kind: EventKind
    summary: str = attrs.field(validator=constrained, metadata=TEXT)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    actors: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Relation:
    """How this agreement builds on an earlier one (``target``), as the citations show.

    ``ends`` names clauses of the target that this agreement ends without
    replacing them; a clause of this agreement with the same id as one of the
    target's replaces it. See :meth:`agreements.model.Corpus.consolidated`.
    ``inference`` says that the relation is our reading of the citations
    rather than stated by them, and why.
    """

    kind: RelationKind
    target: str = attrs.field(validator=constrained, metadata=ID)
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    ends: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=constrained, metadata=IDS)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)

    def __attrs_post_init__(self) -> None:
        if self.ends and not self.kind.keeps_terms:
            raise FieldError(
                "ends",
                f"a relation of kind {self.kind.value!r} ends no clauses: only one that amends, supplements"
                " or implements its target ends some of the target's clauses",
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class StatusEntry:
    """What an agreement's status was as of a date, according to the citations.

    ``inference`` says that the status is our reading of the citations rather
    than stated by them, and why.
    """

    status: Status
    as_of: PartialDate
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)


def _parties(items: Iterable[Party]) -> tuple[Party, ...]:
    return tuple_of(items)


tuple_converter(_parties)


def _third_parties(items: Iterable[ThirdParty]) -> tuple[ThirdParty, ...]:
    return tuple_of(items)


tuple_converter(_third_parties)


def _clauses(items: Iterable[Clause]) -> tuple[Clause, ...]:
    return tuple_of(items)


tuple_converter(_clauses)


def _disputes(items: Iterable[Dispute]) -> tuple[Dispute, ...]:
    return tuple_of(items)


tuple_converter(_disputes)


def _events(items: Iterable[Event]) -> tuple[Event, ...]:
    return tuple_of(items)


tuple_converter(_events)


def _relations(items: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple_of(items)


tuple_converter(_relations)


def _statuses(items: Iterable[StatusEntry]) -> tuple[StatusEntry, ...]:
    return tuple_of(items)


tuple_converter(_statuses)


def _agreement_claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple_of(items)


tuple_converter(_agreement_claims)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Agreement:
    """An agreement (or a proposal for one), as a sequence of cited clauses.

    ``status`` is where the agreement stands as far as the corpus knows;
    ``statuses`` is its dated history, each entry true as of its date and
    according to its citations (:meth:`status_on`). ``coverage`` says whether
    the clauses come from the full text or from partial reports, which
    decides whether a term missing from a later agreement was dropped or is
    only not reported. ``relations`` say how the agreement builds on earlier
    ones (amends, supplements, implements, supersedes, follows).
    ``third_parties`` are the outside actors with their role; ``guarantors`` is
    the same tuple under the name the analysis uses. ``claims`` are
    attributed statements about the agreement that are neither terms, events
    nor disputes (an activist's fears, an organisation's account of a siege,
    a source's view of a mediator), each with who makes it. ``inference``
    says that one of the agreement's own values (its place, its date) is our
    inference from the citations rather than stated by them, and why.
    """

    id: str = attrs.field(validator=constrained, metadata=ID)
    title: str = attrs.field(validator=constrained, metadata=TEXT)
    date: PartialDate
    status: Status
    citations: Citations = attrs.field(converter=_citations, validator=constrained, metadata=SOME)
    summary: str = ""
    place: str | None = attrs.field(default=None, validator=constrained, metadata=ID)
    coverage: Coverage = Coverage.PARTIAL
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_relations)
    statuses: tuple[StatusEntry, ...] = attrs.field(default=(), converter=_statuses)
    parties: tuple[Party, ...] = attrs.field(default=(), converter=_parties)
    third_parties: tuple[ThirdParty, ...] = attrs.field(default=(), converter=_third_parties)
    territory: Territory | None = None
    clauses: tuple[Clause, ...] = attrs.field(default=(), converter=_clauses)
    disputes: tuple[Dispute, ...] = attrs.field(default=(), converter=_disputes)
    events: tuple[Event, ...] = attrs.field(default=(), converter=_events)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_agreement_claims)
    inference: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)

    @property
    def guarantors(self) -> tuple[ThirdParty, ...]:
        """Every third party with its role (guarantor, mediator, sponsor, ...)."""
        return self.third_parties

    @property
    def follows(self) -> str | None:
        """The agreement this one follows (through a ``follows`` relation), for ordering; ``None`` when none."""
        for relation in self.relations:
            if relation.kind is RelationKind.FOLLOWS:
                return relation.target
        return None

    @property
    def disputed_clauses(self) -> frozenset[str]:
        """Ids of the clauses some dispute puts in doubt."""
        return frozenset(clause for dispute in self.disputes for clause in dispute.clauses)

    def disputed(self, field: DisputedField) -> bool:
        """Whether some dispute puts the agreement's own ``field`` (status, date, ...) in doubt."""
        ArgumentTypeError.check("field", field, DisputedField, "a DisputedField")
        return any(field in dispute.fields for dispute in self.disputes)

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id (:class:`~agreements.exceptions.UnknownIdError` when there is none)."""
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        near = closest(clause_id, [clause.id for clause in self.clauses], limit=3, cutoff=0.6)
        raise UnknownIdError("clause", clause_id, [choice for choice, _ in near])

    def due(self, deadline: Deadline) -> PartialDate | None:
        """The date a deadline of one of this agreement's clauses falls on, where it can be computed.

        ``at`` is the date itself; an anchor counts ``offset`` from the
        agreement's date, one of its events' dates, or a clause's own first
        deadline. ``None`` when the anchor is unknown, has no day to count
        from, or leads round in a circle (which ``check()`` reports).
        """
        return _Due(self).date(deadline)

    def deadlines_due(self) -> tuple[tuple[Clause, Deadline, PartialDate | None], ...]:
        """Every clause's deadlines with the date each falls on (see :meth:`due`), in one pass.

        Each anchor is followed once, however many deadlines count from it.
        """
        due = _Due(self)
        return tuple(
            (clause, deadline, due.date(deadline)) for clause in self.clauses for deadline in clause.deadlines
        )

    def status_on(self, date: PartialDate) -> StatusEntry | None:
        """The latest dated status known on ``date`` (``None`` when the history says nothing that early).

        An entry counts once its date has begun: an entry "as of July 2018"
        is known on any day of July 2018.
        """
        ArgumentTypeError.check("date", date, PartialDate, "a PartialDate")
        known = [entry for entry in self.statuses if entry.as_of.first_day() <= date.last_day()]
        return max(known, key=lambda entry: entry.as_of, default=None)

    def weapons(self, action: WeaponAction, *, disputed: bool = False) -> frozenset[WeaponClass | Word]:
        """Weapon classes that an undisputed clause puts ``action`` on (with ``disputed``: only disputed ones).

        >>> import agreements as ag
        >>> heaviest_first(ag.get("busra-al-sham-2018").weapons(WeaponAction.HAND_OVER))
        (<WeaponClass.HEAVY: 'heavy'>, <WeaponClass.MEDIUM: 'medium'>)
        """
        ArgumentTypeError.check("action", action, WeaponAction, "a WeaponAction")
        ArgumentTypeError.check("disputed", disputed, bool, "true or false")
        doubtful = self.disputed_clauses
        found: set[WeaponClass | Word] = set()
        for clause in self.clauses:
            if clause.stance is action and (clause.id in doubtful) == disputed:
                assert clause.weapons is not None  # a clause with a stance has a weapons term
                found |= clause.weapons.classes
        if disputed:
            found -= self.weapons(action)
        return frozenset(found)

    @property
    def handover(self) -> frozenset[WeaponClass | Word]:
        """Weapon classes that an undisputed clause obliges someone to hand over."""
        return self.weapons(WeaponAction.HAND_OVER)

    @property
    def disputed_handover(self) -> frozenset[WeaponClass | Word]:
        """Weapon classes handed over only by clauses that a dispute puts in doubt."""
        return self.weapons(WeaponAction.HAND_OVER, disputed=True)

    @property
    def retained(self) -> frozenset[WeaponClass | Word]:
        """Weapon classes that an undisputed clause lets their holders keep."""
        return self.weapons(WeaponAction.RETAIN)

    @property
    def withdrawn(self) -> frozenset[WeaponClass | Word]:
        """Weapon classes that an undisputed clause obliges someone to pull back."""
        return self.weapons(WeaponAction.WITHDRAW)

    def cited(self) -> Iterator[tuple[str, Backed, Citation]]:
        """Every citation with its path and the record it backs (for a dispute's claim, its dispute), in document order.

        >>> a = Agreement(id="a", title="T", date=PartialDate(year=2021), status=Status.SIGNED,
        ...               citations=[Citation(source="s", quote="q")])
        >>> [(path, record.id, citation.quote) for path, record, citation in a.cited()]
        [('citations[0]', 'a', 'q')]
        """
        yield from _cited("", self, self.citations)
        for index, relation in enumerate(self.relations):
            yield from _cited(f"relations[{index}].", relation, relation.citations)
        for index, entry in enumerate(self.statuses):
            yield from _cited(f"statuses[{index}].", entry, entry.citations)
        for index, party in enumerate(self.parties):
            yield from _cited(f"parties[{index}].", party, party.citations)
        for index, third in enumerate(self.third_parties):
            yield from _cited(f"third_parties[{index}].", third, third.citations)
        if self.territory is not None:
            yield from _cited("territory.", self.territory, self.territory.citations)
        for index, clause in enumerate(self.clauses):
            yield from _cited(f"clauses[{index}].", clause, clause.citations)
        for index, dispute in enumerate(self.disputes):
            for number, claim in enumerate(dispute.claims):
                yield from _cited(f"disputes[{index}].claims[{number}].", dispute, claim.citations)
        for index, event in enumerate(self.events):
            yield from _cited(f"events[{index}].", event, event.citations)
        for index, claim in enumerate(self.claims):
            yield from _cited(f"claims[{index}].", claim, claim.citations)

    def citations_all(self) -> Iterator[Citation]:
        """Every citation in the agreement, in document order."""
        for _, _, citation in self.cited():
            yield citation


def _cited(prefix: str, record: Backed, citations: Citations) -> Iterator[tuple[str, Backed, Citation]]:
    for index, citation in enumerate(citations):
        yield f"{prefix}citations[{index}]", record, citation


#: A record that an agreement's citations back (see :meth:`Agreement.cited`).
Backed = (
    Agreement | Relation | StatusEntry | Party | ThirdParty | Territory | Clause | Dispute | Event | Claim
)


class _Due:
    """The dates an agreement's deadlines fall on: each anchor's start and offset worked out once."""

    def __init__(self, agreement: Agreement) -> None:
        self.agreement = agreement
        self.events = {event.id: event.date for event in agreement.events}
        self.clauses = {clause.id: clause for clause in agreement.clauses if clause.deadlines}
        # A clause's first deadline as a start date and the offset after it (None: it has no date).
        self.known: dict[str, tuple[PartialDate, datetime.timedelta] | None] = {}

    def date(self, deadline: Deadline) -> PartialDate | None:
        found = self._start(deadline)
        if found is None:
            return None
        start, offset = found
        return start.after(offset) if offset else start

    def _start(self, deadline: Deadline) -> tuple[PartialDate, datetime.timedelta] | None:
        """Where ``deadline`` counts from, and how long after it, following clause anchors."""
        offset = duration(deadline.offset) if deadline.offset else datetime.timedelta()
        if deadline.at is not None:
            return deadline.at, offset
        anchor = deadline.anchor or ""
        start = self.agreement.date if anchor == AGREEMENT_ANCHOR else self.events.get(anchor)
        if start is not None:
            return start, offset
        if anchor not in self.clauses:
            return None
        found = self._first(anchor)
        return None if found is None else (found[0], found[1] + offset)

    def _first(self, clause_id: str) -> tuple[PartialDate, datetime.timedelta] | None:
        """A clause's first deadline, worked out along its chain of anchors without recursion."""
        chain: list[str] = []
        current = clause_id
        while current not in self.known:
            if current in chain:  # a circle, which check() reports: none of it has a date
                self.known.update(dict.fromkeys(chain))
                return None
            deadline = self.clauses[current].deadlines[0]
            anchor = deadline.anchor or ""
            if deadline.at is not None or anchor not in self.clauses or anchor == current:
                self.known[current] = self._start(deadline) if anchor != current else None
                break
            chain.append(current)
            current = anchor
        found = self.known[current]
        for member in reversed(chain):  # from the end of the chain back to the clause asked for
            step = self.clauses[member].deadlines[0].offset
            if found is not None:
                found = (found[0], found[1] + (duration(step) if step else datetime.timedelta()))
            self.known[member] = found
        return self.known[clause_id]
