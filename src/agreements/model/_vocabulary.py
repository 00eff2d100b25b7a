"""The words of the model: enumerations, open vocabularies and the rules that come with them.

Four vocabularies are open: a corpus may add to the categories of clauses,
the weapon classes, the kinds of place and the kinds of actor (see
:class:`~agreements.model.Vocabulary`). Their built-in words are
``enum.StrEnum`` members, so ``Category.SIEGE == "siege"``; a word a corpus
adds is a :class:`Word`, a string that a field holds as it is. Every other
enumeration is closed.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping
from typing import Final, TypeVar

__all__ = [
    "OPEN_VOCABULARIES",
    "ActorKind",
    "Category",
    "Coverage",
    "DisputedField",
    "Edge",
    "EventKind",
    "Modality",
    "PlaceKind",
    "RelationKind",
    "Status",
    "ThirdPartyRole",
    "WeaponAction",
    "WeaponClass",
    "Word",
    "canonical",
    "vocabulary_order",
]


class Word(str):
    """A word of an open vocabulary that is not built in: a category, weapon class or kind a corpus adds.

    It is a plain string with the ``value`` that enum members have, so code
    can read ``clause.category.value`` whatever the word.

    >>> Word("elections-monitoring").value
    'elections-monitoring'
    """

    __slots__ = ()

    @property
    def value(self) -> str:
        """The word itself."""
        return str.__str__(self)


# ------------------------------------------------------------ open vocabularies


class WeaponClass(enum.StrEnum):
    """A class of weapons as the sources name them, heaviest first.

    The Daraa sources use all four words; they are kept apart because the
    agreements differ exactly in where they draw the line. A corpus may add
    its own classes (``artillery``, ``mortars``); named systems and calibres
    have fields of their own on a weapons term.
    """

    HEAVY = "heavy"
    MEDIUM = "medium"
    LIGHT = "light"
    SMALL_ARMS = "small-arms"


class Category(enum.StrEnum):
    """What a clause is about.

    The built-in categories are those of the Daraa agreements and the general
    ones of the PA-X and Peace Accords Matrix codebooks; a corpus may add its
    own.
    """

    CEASEFIRE = "ceasefire"
    WEAPONS = "weapons"
    WITHDRAWAL = "withdrawal"
    SECURITY_PRESENCE = "security-presence"
    SECURITY_ARRANGEMENTS = "security-arrangements"
    CHECKPOINTS = "checkpoints"
    SIEGE = "siege"
    HUMANITARIAN_ACCESS = "humanitarian-access"
    DISPLACEMENT = "displacement"
    RETURN = "return"
    SETTLEMENT = "settlement"
    AMNESTY = "amnesty"
    DETAINEES = "detainees"
    EXCHANGE = "exchange"
    MILITARY_SERVICE = "military-service"
    INTEGRATION = "integration"
    DEMOBILISATION = "demobilisation"
    STATE_INSTITUTIONS = "state-institutions"
    ELECTIONS = "elections"
    POLITICAL_REFORM = "political-reform"
    BORDER_CROSSING = "border-crossing"
    SERVICES = "services"
    MONITORING = "monitoring"
    OTHER = "other"


class ActorKind(enum.StrEnum):
    """What sort of actor a name stands for; a corpus may add its own kinds."""

    STATE = "state"
    STATE_FORCE = "state-force"
    LEGISLATURE = "legislature"
    ARMED_GROUP = "armed-group"
    COMMITTEE = "committee"
    PERSON = "person"
    ORGANIZATION = "organization"
    POPULATION = "population"


class PlaceKind(enum.StrEnum):
    """What sort of place a name stands for; a corpus may add its own kinds."""

    COUNTRY = "country"
    REGION = "region"
    GOVERNORATE = "governorate"
    CITY = "city"
    TOWN = "town"
    DISTRICT = "district"
    BORDER_CROSSING = "border-crossing"
    BASE = "base"
    LINE = "line"
    ROAD = "road"
    ZONE = "zone"
    BORDER = "border"


_Open = TypeVar("_Open", WeaponClass, Category, ActorKind, PlaceKind)

#: The open vocabularies, by the name of their table in a corpus's ``vocabulary``.
OPEN_VOCABULARIES: Final[Mapping[str, type[enum.StrEnum]]] = types.MappingProxyType(
    {
        "categories": Category,
        "weapon_classes": WeaponClass,
        "place_kinds": PlaceKind,
        "actor_kinds": ActorKind,
    }
)


def canonical(vocabulary: type[_Open], word: str) -> _Open | Word:
    """``word`` as the built-in member when it is one, else as a :class:`Word`.

    Anything that is not text is returned as it is, for the field's type
    check to name it.

    >>> canonical(Category, "siege"), canonical(Category, "fishing-rights")
    (<Category.SIEGE: 'siege'>, 'fishing-rights')
    """
    value: object = word
    if isinstance(value, vocabulary) or not isinstance(value, str):
        return word  # type: ignore[return-value]  # not text: the caller's type check names it
    member = _MEMBERS[vocabulary].get(value)
    if member is not None:
        return typing.cast("_Open", member)
    return value if isinstance(value, Word) else Word(value)


#: The built-in words of each open vocabulary by value: what ``vocabulary(value)`` finds, without an
#: exception for a miss (the vocabularies define no ``_missing_``, so a value is a member exactly when
#: it is one of these).
_MEMBERS: Final[Mapping[type[enum.StrEnum], Mapping[str, enum.StrEnum]]] = {
    vocabulary: types.MappingProxyType({member.value: member for member in vocabulary})
    for vocabulary in (WeaponClass, Category, ActorKind, PlaceKind)
}


def vocabulary_order(vocabulary: type[enum.StrEnum]) -> dict[str, int]:
    """Each built-in word's place in its vocabulary, for sorting: built-in words first, in their order."""
    return {member.value: index for index, member in enumerate(vocabulary)}


# ------------------------------------------------------------------ closed ones


class WeaponAction(enum.Enum):
    """What a weapons term does with its weapons.

    ``hand-over`` gives them up to another actor; ``retain`` lets their
    holders keep them; ``withdraw`` pulls them back from a line or a zone;
    ``store`` puts them in storage or cantonment; ``destroy`` destroys them.
    """

    HAND_OVER = "hand-over"
    RETAIN = "retain"
    WITHDRAW = "withdraw"
    STORE = "store"
    DESTROY = "destroy"

    @property
    def removes(self) -> bool:
        """Whether the action takes the weapons out of their holders' hands (all but ``retain`` and ``withdraw``)."""
        return self in {WeaponAction.HAND_OVER, WeaponAction.STORE, WeaponAction.DESTROY}


class Modality(enum.Enum):
    """Whether a clause obliges, permits or forbids what its summary says."""

    MUST = "must"
    MAY = "may"
    MUST_NOT = "must-not"


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
    #: A term falls due: the timeline's entry for a clause's deadline (see ``Agreement.due``).
    DEADLINE = "deadline"
    OTHER = "other"

    @property
    def after_agreement(self) -> bool:
        """Whether an event of this kind can only happen once its agreement exists (entry into force, ...)."""
        return self in _AFTER_AGREEMENT


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


class ThirdPartyRole(enum.Enum):
    """The part a third party plays in an agreement; ``unspecified`` when the source names none."""

    GUARANTOR = "guarantor"
    MEDIATOR = "mediator"
    FACILITATOR = "facilitator"
    SPONSOR = "sponsor"
    MONITOR = "monitor"
    OBSERVER = "observer"
    WITNESS = "witness"
    UNSPECIFIED = "unspecified"


class RelationKind(enum.Enum):
    """How an agreement builds on an earlier one.

    ``amends`` changes some of its terms and leaves the rest in force;
    ``supplements`` adds terms to it; ``implements`` sets out how it is
    carried out; ``supersedes`` replaces it whole; ``follows`` only came
    after it (in the same process, with no stated legal link), which orders
    agreements the sources date alike.
    """

    AMENDS = "amends"
    SUPPLEMENTS = "supplements"
    IMPLEMENTS = "implements"
    SUPERSEDES = "supersedes"
    FOLLOWS = "follows"

    @property
    def keeps_terms(self) -> bool:
        """Whether the earlier agreement's terms stay in force beside the later one's."""
        return self in {RelationKind.AMENDS, RelationKind.SUPPLEMENTS, RelationKind.IMPLEMENTS}


class Edge(enum.Enum):
    """Which end of an act a deadline is about: by then it has ``start``-ed, or it has ``end``-ed."""

    START = "start"
    END = "end"


class Coverage(enum.Enum):
    """How much of an agreement the corpus knows.

    ``full-text``: its clauses come from the text of the agreement, so a term
    it does not have is not in the agreement. ``partial``: they come from
    reports that describe parts of it, so a term missing from them is only
    not reported.
    """

    FULL_TEXT = "full-text"
    PARTIAL = "partial"


class DisputedField(enum.Enum):
    """An agreement's own field that a dispute may put in doubt."""

    TITLE = "title"
    DATE = "date"
    STATUS = "status"
    PLACE = "place"
    TERRITORY = "territory"
