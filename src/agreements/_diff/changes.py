"""The records of a diff: what happened to each clause, and to each part of an agreement.

These are the public change types of :mod:`agreements.diff` (a closed union
of frozen records that ``match`` statements can cover), kept in a module of
their own so that :mod:`agreements.render` can read them without depending on
the diff engine. Import them from :mod:`agreements.diff`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Generic, TypeVar

import attrs

from agreements.model import Clause, Dispute, Event, Party, ThirdParty, ThirdPartyRole, WeaponClass, Word

__all__ = [
    "ActorObligations",
    "Added",
    "Changed",
    "ClauseChange",
    "FieldChange",
    "GuarantorsDiff",
    "MetadataDiff",
    "ObligationsDiff",
    "PairedBy",
    "PartiesDiff",
    "RecordsDiff",
    "Removed",
    "RoleChange",
    "Score",
    "Unchanged",
    "WeaponChange",
    "WeaponsDiff",
]


# ------------------------------------------------------------ clause changes


class PairedBy(enum.Enum):
    """Why two clauses were paired."""

    FORCED = "forced"
    """The caller asked for the pair with ``pairs=``."""
    IDENTICAL = "identical"
    """The clauses are equal in everything but perhaps their id."""
    SCORE = "score"
    """The pair is part of the best assignment of scores over the threshold."""
    SAME_ID = "same-id"
    """The clauses have the same id, and only that pairs them: their total is under the threshold.

    When the ids are trusted (see :func:`agreements.diff.diff`'s
    ``trust_ids``) the same id is the author's statement that the clause
    continues; otherwise the lower same-id bar let the pair in. A same-id
    pair over the threshold is paired by its ``SCORE`` (``same_id`` says
    the id agrees too).
    """


@attrs.frozen(kw_only=True)
class Score:
    """Why two clauses were paired: each component in [0, 1] and the total they make.

    ``text`` compares the word-sorted summaries and ``citations`` the quotes
    cited (the share of them that the two clauses, and no other clause of
    either agreement, cite): the words that carry a clause's identity. ``obligor`` is 1 for the same obligor, ``category`` 1 for the
    same category (clauses pair across categories only when forced),
    ``weapons`` the overlap of the weapon classes (halved when the action
    differs), ``places`` the overlap of the places, ``terms`` the share of
    modality, action, count and timing that agree.

    ``total = category * max(text, citations) * (1 - 0.15 * (1 - obligor)
    - 0.15 * (1 - weapons) - 0.1 * (1 - places) - 0.15 * (1 - terms))``:
    structure only lowers a pair, because most clauses of one category share
    their structure, but it separates "mirror" clauses (the same words for
    another obligor). ``same_id`` tells whether both clauses have the same id,
    which pairs them when ids are trusted and lowers the bar otherwise.
    ``paired_by`` says which step paired them.

    >>> Score(text=1.0, citations=1.0, obligor=0.0, category=1.0, weapons=1.0, places=1.0, terms=1.0,
    ...       total=0.85, same_id=True, paired_by=PairedBy.SCORE).total
    0.85
    """

    text: float
    citations: float
    obligor: float
    category: float
    weapons: float
    places: float
    terms: float
    total: float
    same_id: bool
    paired_by: PairedBy


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field and its value before and after.

    >>> FieldChange(name="count", old=None, new=9)
    FieldChange(name='count', old=None, new=9)
    """

    name: str
    old: object
    new: object

    @property
    def changed(self) -> bool:
        """Whether the value differs."""
        return bool(self.old != self.new)

    def invert(self) -> FieldChange:
        """The same field with old and new swapped."""
        return FieldChange(name=self.name, old=self.new, new=self.old)


@attrs.frozen(kw_only=True)
class Added:
    """A clause of the new agreement that pairs with none of the old, at ``index`` in the new."""

    clause: Clause
    index: int

    def invert(self) -> Removed:
        """The same clause seen from the other side."""
        return Removed(clause=self.clause, index=self.index)


@attrs.frozen(kw_only=True)
class Removed:
    """A clause of the old agreement that pairs with none of the new, at ``index`` in the old."""

    clause: Clause
    index: int

    def invert(self) -> Added:
        """The same clause seen from the other side."""
        return Added(clause=self.clause, index=self.index)


@attrs.frozen(kw_only=True)
class Changed:
    """A clause paired with a different one: ``fields`` lists what changed, in field order.

    ``moved`` is set when the clause left the order of the others (see
    :func:`diff`); an obligor change means the obligation passed to another
    actor.
    """

    old: Clause
    new: Clause
    old_index: int
    new_index: int
    fields: tuple[FieldChange, ...]
    score: Score
    moved: bool = False

    @property
    def names(self) -> frozenset[str]:
        """The names of the changed fields."""
        return frozenset(field.name for field in self.fields)

    def invert(self) -> Changed:
        """The same pairing seen from the other side."""
        return Changed(
            old=self.new,
            new=self.old,
            old_index=self.new_index,
            new_index=self.old_index,
            fields=tuple(field.invert() for field in self.fields),
            score=self.score,
            moved=self.moved,
        )


@attrs.frozen(kw_only=True)
class Unchanged:
    """A clause that is the same in both agreements; ``moved`` when it changed place."""

    clause: Clause
    old_index: int
    new_index: int
    score: Score
    moved: bool = False

    @property
    def old(self) -> Clause:
        """The clause (the same on both sides)."""
        return self.clause

    @property
    def new(self) -> Clause:
        """The clause (the same on both sides)."""
        return self.clause

    def invert(self) -> Unchanged:
        """The same pairing seen from the other side."""
        return Unchanged(
            clause=self.clause,
            old_index=self.new_index,
            new_index=self.old_index,
            score=self.score,
            moved=self.moved,
        )


ClauseChange = Added | Removed | Changed | Unchanged
"""What happened to one clause; ``match`` on the four cases."""


# -------------------------------------------------------- the small sections


@attrs.frozen(kw_only=True)
class MetadataDiff:
    """The agreement's own fields (id, title, date, status, summary, place, territory, citations).

    ``fields`` holds every one of them, old and new, so that the diff can be
    applied and checked; ``changed`` the ones that differ.
    """

    fields: tuple[FieldChange, ...]

    @property
    def changed(self) -> tuple[FieldChange, ...]:
        """The fields whose value differs, in field order."""
        return tuple(field for field in self.fields if field.changed)

    def __getitem__(self, name: str) -> FieldChange:
        """The field called ``name``."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    def invert(self) -> MetadataDiff:
        """Old and new swapped."""
        return MetadataDiff(fields=tuple(field.invert() for field in self.fields))


@attrs.frozen(kw_only=True)
class PartiesDiff:
    """The parties of both agreements, and which actors joined or left."""

    old: tuple[Party, ...]
    new: tuple[Party, ...]

    @property
    def added(self) -> tuple[str, ...]:
        """Actors that are parties only to the new agreement, in its order."""
        before = {party.actor for party in self.old}
        return _unique(party.actor for party in self.new if party.actor not in before)

    @property
    def removed(self) -> tuple[str, ...]:
        """Actors that are parties only to the old agreement, in its order."""
        after = {party.actor for party in self.new}
        return _unique(party.actor for party in self.old if party.actor not in after)

    @property
    def kept(self) -> tuple[str, ...]:
        """Actors that are parties to both, in the new agreement's order."""
        before = {party.actor for party in self.old}
        return _unique(party.actor for party in self.new if party.actor in before)

    def invert(self) -> PartiesDiff:
        """Old and new swapped."""
        return PartiesDiff(old=self.new, new=self.old)


@attrs.frozen(kw_only=True)
class RoleChange:
    """An outside actor whose role changed (``roles`` in declaration order of the enum)."""

    actor: str
    old: tuple[ThirdPartyRole, ...]
    new: tuple[ThirdPartyRole, ...]


@attrs.frozen(kw_only=True)
class GuarantorsDiff:
    """Third parties (guarantors, mediators, sponsors, ...) of both agreements and their changes.

    >>> from agreements import Citation, ThirdParty, ThirdPartyRole
    >>> cite = [Citation(source="s", quote="q")]
    >>> g = GuarantorsDiff(old=(ThirdParty(actor="russia", role=ThirdPartyRole.GUARANTOR, citations=cite),),
    ...                    new=(ThirdParty(actor="russia", role=ThirdPartyRole.MEDIATOR, citations=cite),))
    >>> g.changed
    (RoleChange(actor='russia', old=(<ThirdPartyRole.GUARANTOR: 'guarantor'>,), \
new=(<ThirdPartyRole.MEDIATOR: 'mediator'>,)),)
    """

    old: tuple[ThirdParty, ...]
    new: tuple[ThirdParty, ...]

    @property
    def added(self) -> tuple[ThirdParty, ...]:
        """Third parties of the new agreement whose actor has no role in the old."""
        before = {third.actor for third in self.old}
        return tuple(third for third in self.new if third.actor not in before)

    @property
    def removed(self) -> tuple[ThirdParty, ...]:
        """Third parties of the old agreement whose actor has no role in the new."""
        after = {third.actor for third in self.new}
        return tuple(third for third in self.old if third.actor not in after)

    @property
    def changed(self) -> tuple[RoleChange, ...]:
        """Actors in both whose roles differ, in the new agreement's order."""
        before, after = _roles(self.old), _roles(self.new)
        return tuple(
            RoleChange(actor=actor, old=before[actor], new=roles)
            for actor, roles in after.items()
            if actor in before and before[actor] != roles
        )

    @property
    def kept(self) -> tuple[str, ...]:
        """Actors with the same roles in both, in the new agreement's order."""
        before, after = _roles(self.old), _roles(self.new)
        return tuple(actor for actor, roles in after.items() if before.get(actor) == roles)

    def invert(self) -> GuarantorsDiff:
        """Old and new swapped."""
        return GuarantorsDiff(old=self.new, new=self.old)


_R = TypeVar("_R", Dispute, Event)


@attrs.frozen(kw_only=True)
class RecordsDiff(Generic[_R]):
    """Disputes or events of both agreements, matched by id."""

    old: tuple[_R, ...]
    new: tuple[_R, ...]

    @property
    def added(self) -> tuple[_R, ...]:
        """Records whose id is only in the new agreement."""
        before = {record.id for record in self.old}
        return tuple(record for record in self.new if record.id not in before)

    @property
    def removed(self) -> tuple[_R, ...]:
        """Records whose id is only in the old agreement."""
        after = {record.id for record in self.new}
        return tuple(record for record in self.old if record.id not in after)

    @property
    def changed(self) -> tuple[tuple[_R, _R], ...]:
        """``(old, new)`` for each id in both whose record differs, in the new order."""
        before = {record.id: record for record in self.old}
        return tuple(
            (before[record.id], record)
            for record in self.new
            if record.id in before and before[record.id] != record
        )

    def invert(self) -> RecordsDiff[_R]:
        """Old and new swapped."""
        return RecordsDiff(old=self.new, new=self.old)


# ------------------------------------------------------- the derived sections


@attrs.frozen(kw_only=True)
class ActorObligations:
    """How one actor's obligations changed.

    ``gained`` and ``lost`` are clauses added or removed with this actor as
    obligor; ``changed`` paired clauses of this actor whose terms changed (not
    only their id or citations); ``transferred_in`` and ``transferred_out``
    paired clauses whose obligor changed to or from this actor, reported once
    as a transfer rather than as one lost and one gained.
    """

    actor: str
    gained: tuple[Added, ...] = ()
    lost: tuple[Removed, ...] = ()
    changed: tuple[Changed, ...] = ()
    transferred_in: tuple[Changed, ...] = ()
    transferred_out: tuple[Changed, ...] = ()


@attrs.frozen(kw_only=True)
class ObligationsDiff:
    """Obligation changes per actor (sorted by actor id) and the transfers between actors.

    ``d.obligations["russia"]`` is the :class:`ActorObligations` of one actor
    (a ``KeyError`` when nothing changed for it).
    """

    actors: tuple[ActorObligations, ...]
    transfers: tuple[Changed, ...]

    def __getitem__(self, actor: str) -> ActorObligations:
        """The changes of one actor."""
        for entry in self.actors:
            if entry.actor == actor:
                return entry
        raise KeyError(actor)

    def __contains__(self, actor: object) -> bool:
        """Whether some obligation of ``actor`` changed."""
        return any(entry.actor == actor for entry in self.actors)


@attrs.frozen(kw_only=True)
class WeaponChange:
    """A change in how one handed-over weapon class is handled.

    ``field`` is ``"holder"``, ``"schedule"`` or ``"modality"``; ``old`` and
    ``new`` are the sorted values over every hand-over term of that class.
    ``disputed`` marks a class that some dispute puts in doubt on either side.
    """

    weapon: WeaponClass | Word
    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    disputed: bool


@attrs.frozen(kw_only=True)
class WeaponsDiff:
    """The weapon classes each agreement has handed over, and how that changed.

    ``old`` and ``new`` are :attr:`Agreement.handover` (undisputed), the
    ``*_disputed`` sets :attr:`Agreement.disputed_handover`.
    """

    old: frozenset[WeaponClass | Word]
    new: frozenset[WeaponClass | Word]
    old_disputed: frozenset[WeaponClass | Word]
    new_disputed: frozenset[WeaponClass | Word]
    changes: tuple[WeaponChange, ...]

    @property
    def added(self) -> frozenset[WeaponClass | Word]:
        """Classes handed over only under the new agreement."""
        return self.new - self.old

    @property
    def removed(self) -> frozenset[WeaponClass | Word]:
        """Classes handed over only under the old agreement."""
        return self.old - self.new

    @property
    def kept(self) -> frozenset[WeaponClass | Word]:
        """Classes handed over under both."""
        return self.old & self.new

    @property
    def disputed(self) -> frozenset[WeaponClass | Word]:
        """Classes whose hand-over is disputed in either agreement."""
        return self.old_disputed | self.new_disputed


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _roles(thirds: Iterable[ThirdParty]) -> dict[str, tuple[ThirdPartyRole, ...]]:
    found: dict[str, set[ThirdPartyRole]] = {}
    for third in thirds:
        found.setdefault(third.actor, set()).add(third.role)
    return {actor: tuple(role for role in ThirdPartyRole if role in roles) for actor, roles in found.items()}
