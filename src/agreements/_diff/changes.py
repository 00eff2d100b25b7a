"""The records of a diff: what happened to each clause, and to each part of an agreement.

These are the public change types of :mod:`agreements.diff` (a closed union
of frozen records that ``match`` statements can cover), kept in a module of
their own so that :mod:`agreements.render` can read them without depending on
the diff engine. Import them from :mod:`agreements.diff`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Final, Generic, TypeVar

import attrs

from agreements.model import (
    Actor,
    Clause,
    Coverage,
    Dispute,
    Event,
    Party,
    ThirdParty,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
    Word,
)

__all__ = [
    "BOOKKEEPING",
    "WEAPON_FIELDS",
    "ActionDiff",
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
    "Succession",
    "TermChange",
    "TermKind",
    "Unchanged",
    "WeaponChange",
    "WeaponsDiff",
]


# ------------------------------------------------------------ clause changes

#: The clause fields that say how the corpus records a clause, not what it agrees: a clause
#: that changes only in these (its id, citations, inference note, codes, action key) says the same.
BOOKKEEPING: Final = frozenset({"id", "citations", "inference", "codes", "action"})


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

    @property
    def substantive(self) -> frozenset[str]:
        """The names of the changed fields a reader needs: all but the :data:`BOOKKEEPING` ones."""
        return self.names - BOOKKEEPING

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
    """The agreement's own fields: id, title, date, status and its history, coverage, relations, claims, ...

    ``fields`` holds every one of them, old and new, so that the diff can be
    applied and checked; ``changed`` the ones that differ. For the fields
    that hold lists (``statuses``, ``relations``, ``claims``, ``citations``),
    :meth:`added` and :meth:`removed` give the items only one side has.

    >>> m = MetadataDiff(fields=(FieldChange(name="claims", old=("a", "b"), new=("b", "c")),))
    >>> m.added("claims"), m.removed("claims")
    (('c',), ('a',))
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

    def added(self, name: str) -> tuple[object, ...]:
        """The items of the list field ``name`` that only the new agreement has, in its order."""
        field = self[name]
        return _only(field.new, field.old)

    def removed(self, name: str) -> tuple[object, ...]:
        """The items of the list field ``name`` that only the old agreement has, in its order."""
        field = self[name]
        return _only(field.old, field.new)

    def invert(self) -> MetadataDiff:
        """Old and new swapped."""
        return MetadataDiff(fields=tuple(field.invert() for field in self.fields))


def _only(items: object, others: object) -> tuple[object, ...]:
    found = tuple(items) if isinstance(items, tuple) else ()
    against = tuple(others) if isinstance(others, tuple) else ()
    return tuple(item for item in found if item not in against)


@attrs.frozen(kw_only=True)
class Succession:
    """An actor that takes the place of its parent, or of one of its own units: one change, not two.

    ``old`` left and ``new`` arrived, and one is the other's parent (or an
    ancestor, through :attr:`~agreements.model.Actor.parent`): the OSCE and
    its monitoring mission. For third parties, ``old_roles`` and
    ``new_roles`` are the roles each plays.
    """

    old: str
    new: str
    old_roles: tuple[ThirdPartyRole, ...] = ()
    new_roles: tuple[ThirdPartyRole, ...] = ()


def _ancestors(actor: str, actors: Mapping[str, Actor]) -> tuple[str, ...]:
    """The actor's parent, its parent's parent, ..., as far as the corpus knows them (a cycle stops it)."""
    found: list[str] = []
    current = actors.get(actor)
    while current is not None and current.parent is not None and current.parent not in found:
        found.append(current.parent)
        current = actors.get(current.parent)
    return tuple(found)


def _successions(
    left: Iterable[str], arrived: Iterable[str], actors: Mapping[str, Actor]
) -> list[tuple[str, str]]:
    """``(old, new)`` for each arrived actor whose parent or unit left, each actor in one pair at most."""
    waiting = list(dict.fromkeys(left))
    pairs: list[tuple[str, str]] = []
    for new in dict.fromkeys(arrived):
        related = next(
            (old for old in waiting if old in _ancestors(new, actors) or new in _ancestors(old, actors)),
            None,
        )
        if related is not None:
            waiting.remove(related)
            pairs.append((related, new))
    return pairs


@attrs.frozen(kw_only=True)
class PartiesDiff:
    """The parties of both agreements, and which actors joined or left.

    ``old_coverage`` and ``new_coverage`` are the two agreements'
    :class:`~agreements.model.Coverage`: a party missing from a later
    agreement known only from partial reports is :attr:`not_reported`, not
    :attr:`dropped`.
    """

    old: tuple[Party, ...]
    new: tuple[Party, ...]
    old_coverage: Coverage = Coverage.FULL_TEXT
    new_coverage: Coverage = Coverage.FULL_TEXT

    @property
    def added(self) -> tuple[str, ...]:
        """Actors that are parties only to the new agreement, in its order."""
        before = {party.actor for party in self.old}
        return _unique(party.actor for party in self.new if party.actor not in before)

    @property
    def removed(self) -> tuple[str, ...]:
        """Actors that are parties only to the old agreement, in its order (dropped or not reported)."""
        after = {party.actor for party in self.new}
        return _unique(party.actor for party in self.old if party.actor not in after)

    @property
    def dropped(self) -> tuple[str, ...]:
        """The :attr:`removed` actors, when the new agreement is known from its full text: no longer parties."""
        return self.removed if self.new_coverage is Coverage.FULL_TEXT else ()

    @property
    def not_reported(self) -> tuple[str, ...]:
        """The :attr:`removed` actors, when the new agreement is known from partial reports: not reported as parties."""
        return self.removed if self.new_coverage is Coverage.PARTIAL else ()

    @property
    def kept(self) -> tuple[str, ...]:
        """Actors that are parties to both, in the new agreement's order."""
        before = {party.actor for party in self.old}
        return _unique(party.actor for party in self.new if party.actor in before)

    def successions(self, actors: Mapping[str, Actor]) -> tuple[Succession, ...]:
        """Removed parties whose parent or unit is an added party (``actors``: a corpus's, by id)."""
        return tuple(
            Succession(old=old, new=new) for old, new in _successions(self.removed, self.added, actors)
        )

    def invert(self) -> PartiesDiff:
        """Old and new swapped."""
        return PartiesDiff(
            old=self.new, new=self.old, old_coverage=self.new_coverage, new_coverage=self.old_coverage
        )


@attrs.frozen(kw_only=True)
class RoleChange:
    """An outside actor whose role changed (``roles`` in declaration order of the enum)."""

    actor: str
    old: tuple[ThirdPartyRole, ...]
    new: tuple[ThirdPartyRole, ...]


@attrs.frozen(kw_only=True)
class GuarantorsDiff:
    """Third parties (guarantors, mediators, sponsors, monitors, ...) of both agreements and their changes.

    As for :class:`PartiesDiff`, a third party missing from a later agreement
    known only from partial reports is :attr:`not_reported`, not
    :attr:`dropped`.

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
    old_coverage: Coverage = Coverage.FULL_TEXT
    new_coverage: Coverage = Coverage.FULL_TEXT

    @property
    def added(self) -> tuple[ThirdParty, ...]:
        """Third parties of the new agreement whose actor has no role in the old."""
        before = {third.actor for third in self.old}
        return tuple(third for third in self.new if third.actor not in before)

    @property
    def removed(self) -> tuple[ThirdParty, ...]:
        """Third parties of the old agreement whose actor has no role in the new (dropped or not reported)."""
        after = {third.actor for third in self.new}
        return tuple(third for third in self.old if third.actor not in after)

    @property
    def dropped(self) -> tuple[ThirdParty, ...]:
        """The :attr:`removed` third parties, when the new agreement is known from its full text."""
        return self.removed if self.new_coverage is Coverage.FULL_TEXT else ()

    @property
    def not_reported(self) -> tuple[ThirdParty, ...]:
        """The :attr:`removed` third parties, when the new agreement is known from partial reports."""
        return self.removed if self.new_coverage is Coverage.PARTIAL else ()

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

    def successions(self, actors: Mapping[str, Actor]) -> tuple[Succession, ...]:
        """Removed third parties whose parent or unit is an added one, with both roles (``actors`` by id)."""
        before, after = _roles(self.old), _roles(self.new)
        left = [third.actor for third in self.removed]
        arrived = [third.actor for third in self.added]
        return tuple(
            Succession(old=old, new=new, old_roles=before[old], new_roles=after[new])
            for old, new in _successions(left, arrived, actors)
        )

    def invert(self) -> GuarantorsDiff:
        """Old and new swapped."""
        return GuarantorsDiff(
            old=self.new, new=self.old, old_coverage=self.new_coverage, new_coverage=self.old_coverage
        )


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

    An actor's obligations are the clauses that bind it: those that name it
    among their obligors (alone or jointly with others), and those that bind
    all parties when it is a party to that agreement.

    ``gained`` and ``lost`` are clauses added or removed that bind this
    actor; ``changed`` paired clauses binding it whose terms changed (not
    only their id or citations); ``transferred_in`` and ``transferred_out``
    paired clauses whose obligors changed so that they now bind, or no longer
    bind, this actor, reported once as a transfer rather than as one lost and
    one gained. ``coverage`` is the new agreement's: the ``lost`` clauses are
    :attr:`dropped` when it is known from its full text, :attr:`not_reported`
    when only from partial reports.
    """

    actor: str
    gained: tuple[Added, ...] = ()
    lost: tuple[Removed, ...] = ()
    changed: tuple[Changed, ...] = ()
    transferred_in: tuple[Changed, ...] = ()
    transferred_out: tuple[Changed, ...] = ()
    coverage: Coverage = Coverage.FULL_TEXT

    @property
    def dropped(self) -> tuple[Removed, ...]:
        """The :attr:`lost` clauses, when the new agreement is known from its full text."""
        return self.lost if self.coverage is Coverage.FULL_TEXT else ()

    @property
    def not_reported(self) -> tuple[Removed, ...]:
        """The :attr:`lost` clauses, when the new agreement is known from partial reports."""
        return self.lost if self.coverage is Coverage.PARTIAL else ()


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


#: The fields of a weapons term that :class:`WeaponChange` compares, in this order.
WEAPON_FIELDS: Final = (
    "holder",
    "recipient",
    "destination",
    "distance",
    "calibre",
    "systems",
    "schedule",
    "modality",
)


@attrs.frozen(kw_only=True)
class WeaponChange:
    """A change in how the weapons of one class are handled under one action.

    ``field`` is one of :data:`WEAPON_FIELDS` (``"holder"``, ``"distance"``,
    ``"schedule"``, ``"modality"``, ...); ``old`` and ``new`` are the sorted
    values (as text) over every term of that action and class. ``disputed``
    marks a class that some dispute puts in doubt on either side; ``action``
    is the action of the terms (hand-over unless said otherwise).
    """

    weapon: WeaponClass | Word
    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    disputed: bool
    action: WeaponAction = WeaponAction.HAND_OVER


class TermKind(enum.Enum):
    """What happened to one clause's weapons term."""

    ADDED = "added"
    """The new agreement has it and the old one does not (a new clause, or a term added to a clause)."""
    DROPPED = "dropped"
    """The old agreement has it and the new one, known from its full text, does not."""
    NOT_REPORTED = "not-reported"
    """The old agreement has it and the new one, known only from partial reports, does not report it."""
    CHANGED = "changed"
    """Both have it, and its values differ."""


@attrs.frozen(kw_only=True)
class TermChange:
    """One clause's weapons term before and after: whatever its action and however it names its weapons.

    ``old`` and ``new`` are the clauses of the clause change (``None`` for
    the side of an added or removed clause; a clause may also gain or lose
    its term); ``fields`` the values that differ, each a :class:`FieldChange`:
    those of the :class:`~agreements.model.WeaponsTerm` (``action``,
    ``classes``, ``systems``, ``calibre``, ``all_weapons``, ``distance``,
    ``holder``, ``recipient``, ``destination``, ``schedule``) and the
    clause's ``modality`` and ``deadlines``. ``old_disputed`` and
    ``new_disputed`` say whether a dispute puts the clause in doubt on each
    side.
    """

    kind: TermKind
    old: Clause | None
    new: Clause | None
    fields: tuple[FieldChange, ...] = ()
    old_disputed: bool = False
    new_disputed: bool = False

    @property
    def term(self) -> WeaponsTerm:
        """The term as it now reads (as it read, for a dropped or unreported one)."""
        clause = self.new if self.new is not None and self.new.weapons is not None else self.old
        assert clause is not None  # a term change has a term on some side
        assert clause.weapons is not None
        return clause.weapons

    @property
    def action(self) -> WeaponAction:
        """The term's action (the new one, when it changed)."""
        return self.term.action

    @property
    def names(self) -> frozenset[str]:
        """The names of the changed fields."""
        return frozenset(field.name for field in self.fields)


class _ClassSets:
    """The classes an action applies to under each agreement, and what that makes of them.

    Shared by :class:`ActionDiff` (any action) and :class:`WeaponsDiff` (its
    hand-over view): each declares the fields, this says what they mean.
    """

    old: frozenset[WeaponClass | Word]
    new: frozenset[WeaponClass | Word]
    old_disputed: frozenset[WeaponClass | Word]
    new_disputed: frozenset[WeaponClass | Word]
    coverage: Coverage

    __slots__ = ()

    @property
    def added(self) -> frozenset[WeaponClass | Word]:
        """Classes only under the new agreement."""
        return self.new - self.old

    @property
    def removed(self) -> frozenset[WeaponClass | Word]:
        """Classes the action applies to only under the old agreement (dropped or not reported)."""
        return self.old - self.new

    @property
    def dropped(self) -> frozenset[WeaponClass | Word]:
        """The :attr:`removed` classes, when the new agreement is known from its full text."""
        return self.removed if self.coverage is Coverage.FULL_TEXT else frozenset()

    @property
    def not_reported(self) -> frozenset[WeaponClass | Word]:
        """The :attr:`removed` classes, when the new agreement is known only from partial reports."""
        return self.removed if self.coverage is Coverage.PARTIAL else frozenset()

    @property
    def kept(self) -> frozenset[WeaponClass | Word]:
        """Classes the action applies to under both."""
        return self.old & self.new

    @property
    def disputed(self) -> frozenset[WeaponClass | Word]:
        """Classes the action applies to only by a disputed clause, in either agreement."""
        return self.old_disputed | self.new_disputed


@attrs.frozen(kw_only=True)
class ActionDiff(_ClassSets):
    """The weapon classes one action applies to under each agreement, and how that changed.

    ``old`` and ``new`` are the classes an undisputed clause puts the action
    on (:meth:`Agreement.weapons <agreements.model.Agreement.weapons>`), the
    ``*_disputed`` sets those only a disputed clause does. Terms that name
    systems, a calibre or all weapons rather than classes are in
    :attr:`WeaponsDiff.terms`. ``coverage`` is the new agreement's.
    """

    action: WeaponAction
    old: frozenset[WeaponClass | Word]
    new: frozenset[WeaponClass | Word]
    old_disputed: frozenset[WeaponClass | Word] = frozenset()
    new_disputed: frozenset[WeaponClass | Word] = frozenset()
    coverage: Coverage = Coverage.FULL_TEXT


@attrs.frozen(kw_only=True)
class WeaponsDiff(_ClassSets):
    """Every weapons term of both agreements, whatever its action, and how it changed.

    The fields ``old``, ``new``, ``old_disputed`` and ``new_disputed`` (and
    the properties ``added``, ``removed``, ``kept``, ``disputed``) are the
    hand-over view kept from earlier versions: :attr:`Agreement.handover`
    and :attr:`Agreement.disputed_handover`. :meth:`action` gives the same
    view for any action, ``actions`` holds one per action either agreement
    uses. ``terms`` lists each clause's weapons term that was added, dropped,
    not reported or changed, classes, named systems, calibres and all-weapons
    terms alike; ``changes`` the per-class changes of holder, recipient,
    destination, distance, calibre, systems, schedule and modality.
    ``coverage`` is the new agreement's: what it lacks is :attr:`dropped`
    from a full text, :attr:`not_reported` from partial reports.
    """

    old: frozenset[WeaponClass | Word]
    new: frozenset[WeaponClass | Word]
    old_disputed: frozenset[WeaponClass | Word]
    new_disputed: frozenset[WeaponClass | Word]
    changes: tuple[WeaponChange, ...]
    terms: tuple[TermChange, ...] = ()
    actions: tuple[ActionDiff, ...] = ()
    coverage: Coverage = Coverage.FULL_TEXT

    def action(self, action: WeaponAction) -> ActionDiff:
        """The view of one action (empty when neither agreement uses it)."""
        for found in self.actions:
            if found.action is action:
                return found
        return ActionDiff(action=action, old=frozenset(), new=frozenset(), coverage=self.coverage)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _roles(thirds: Iterable[ThirdParty]) -> dict[str, tuple[ThirdPartyRole, ...]]:
    found: dict[str, set[ThirdPartyRole]] = {}
    for third in thirds:
        found.setdefault(third.actor, set()).add(third.role)
    return {actor: tuple(role for role in ThirdPartyRole if role in roles) for actor, roles in found.items()}
