"""What changed from one agreement to another, clause by clause.

:func:`diff` pairs the clauses of two agreements one to one and returns an
:class:`AgreementDiff`: every clause as :class:`Added`, :class:`Removed`,
:class:`Changed` or :class:`Unchanged` (a closed union that ``match``
statements can cover), with a ``moved`` flag on the paired ones, and the
analyst's views built on it: obligations per actor, the weapons handed over,
third parties and their roles, parties, metadata, disputes and events.

The diff is a lossless delta: ``d.apply(a) == b`` and
``d.invert() == diff(b, a)``. Every pairing carries the :class:`Score` that
explains it. How clauses are paired, and how the threshold was chosen, is in
``docs/diff.md``.

>>> from agreements import Agreement, Category, Citation, Clause, PartialDate, Status
>>> cite = [Citation(source="s", quote="q")]
>>> def clause(id, summary, obligor="army"):
...     return Clause(id=id, category=Category.CEASEFIRE, summary=summary, obligor=obligor, citations=cite)
>>> a = Agreement(id="a", title="Truce", date=PartialDate(year=2021), status=Status.SIGNED,
...               citations=cite, clauses=[clause("c1", "Stop shelling the old city."),
...                                        clause("c2", "Open the road to the south.")])
>>> b = Agreement(id="b", title="Truce", date=PartialDate(year=2021), status=Status.SIGNED,
...               citations=cite, clauses=[clause("c1", "Stop shelling the old city.", "police"),
...                                        clause("c3", "Lift the siege of the old city.")])
>>> d = diff(a, b)
>>> [type(change).__name__ for change in d.clauses]
['Changed', 'Removed', 'Added']
>>> d.summary()
['An obligation passes from army to police: Stop shelling the old city.', \
'A ceasefire clause is removed: Open the road to the south.', \
'A ceasefire clause is added: Lift the siege of the old city.']
>>> d.apply(a) == b and d.invert() == diff(b, a)
True
"""

from __future__ import annotations

import bisect
import enum
import operator
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Generic, TypeVar

import attrs

from agreements._diff import align as _align
from agreements._diff.chain import longest_chain
from agreements.exceptions import AgreementsError
from agreements.model import (
    Agreement,
    Clause,
    Corpus,
    Dispute,
    Event,
    Party,
    ThirdParty,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
)
from agreements.similarity import closest

__all__ = [
    "PAIR_THRESHOLD",
    "SAME_ID_THRESHOLD",
    "ActorObligations",
    "Added",
    "AgreementDiff",
    "Changed",
    "ClauseChange",
    "DiffApplyError",
    "FieldChange",
    "GuarantorsDiff",
    "InvalidPairsError",
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
    "diff",
]

PAIR_THRESHOLD: typing.Final = _align.THRESHOLD
"""The least total :class:`Score` at which two clauses of one category pair (0.55).

Under it the old clause is :class:`Removed` and the new one :class:`Added`.
Chosen by a sweep over ``edited()`` pairs, see ``docs/diff.md``.
"""

SAME_ID_THRESHOLD: typing.Final = _align.ID_THRESHOLD
"""The lower bar for two clauses with the same id and category (0.35).

The same id is evidence of one clause redrafted, but ids get renumbered, so
it lowers the bar rather than forcing the pair. Chosen by the same sweep.
"""

_CLAUSE_FIELDS: typing.Final = tuple(field.name for field in attrs.fields(Clause))
_LISTS: typing.Final = ("parties", "third_parties", "clauses", "disputes", "events")
_METADATA_FIELDS: typing.Final = tuple(
    field.name for field in attrs.fields(Agreement) if field.name not in _LISTS
)
# A change in these makes a different obligation; id and citations do not.
_OBLIGATION_FIELDS: typing.Final = frozenset(_CLAUSE_FIELDS) - {"id", "citations", "obligor"}


# ------------------------------------------------------------------- errors


class InvalidPairsError(AgreementsError, ValueError):
    """The ``pairs=`` given to :func:`diff` name a clause that is not there, or one twice."""


class DiffApplyError(AgreementsError, ValueError):
    """:meth:`AgreementDiff.apply` was given an agreement other than the diff's old one."""


# ------------------------------------------------------------ clause changes


class PairedBy(enum.Enum):
    """Why two clauses were paired."""

    FORCED = "forced"
    """The caller asked for the pair with ``pairs=``."""
    IDENTICAL = "identical"
    """The clauses are equal in everything but perhaps their id."""
    SCORE = "score"
    """The pair is part of the best assignment of scores over the threshold."""


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
    which lowers the bar a pair must reach. ``paired_by`` says which step
    paired them.

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

    weapon: WeaponClass
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

    old: frozenset[WeaponClass]
    new: frozenset[WeaponClass]
    old_disputed: frozenset[WeaponClass]
    new_disputed: frozenset[WeaponClass]
    changes: tuple[WeaponChange, ...]

    @property
    def added(self) -> frozenset[WeaponClass]:
        """Classes handed over only under the new agreement."""
        return self.new - self.old

    @property
    def removed(self) -> frozenset[WeaponClass]:
        """Classes handed over only under the old agreement."""
        return self.old - self.new

    @property
    def kept(self) -> frozenset[WeaponClass]:
        """Classes handed over under both."""
        return self.old & self.new

    @property
    def disputed(self) -> frozenset[WeaponClass]:
        """Classes whose hand-over is disputed in either agreement."""
        return self.old_disputed | self.new_disputed


# ------------------------------------------------------------------ the diff


@attrs.frozen(kw_only=True)
class AgreementDiff:
    """Everything that changed from one agreement to another; see :func:`diff`.

    ``clauses`` lists every clause once, in reading order of the new agreement
    with removed clauses after the clause they followed. The other sections
    keep both sides, so that the diff applies and inverts losslessly;
    ``obligations`` and ``weapons`` are views computed from the rest.
    """

    clauses: tuple[ClauseChange, ...]
    metadata: MetadataDiff
    parties: PartiesDiff
    guarantors: GuarantorsDiff
    disputes: RecordsDiff[Dispute]
    events: RecordsDiff[Event]

    # ------------------------------------------------------------- views

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """``(old id, new id)`` of every paired clause, in old order.

        Pass them back as ``diff(a, b, pairs=...)`` to pin an alignment.
        """
        paired = [change for change in self.clauses if isinstance(change, Changed | Unchanged)]
        paired.sort(key=lambda change: change.old_index)
        return tuple((change.old.id, change.new.id) for change in paired)

    @property
    def moved(self) -> tuple[Changed | Unchanged, ...]:
        """The paired clauses that changed place, in new order."""
        return tuple(
            change for change in self.clauses if isinstance(change, Changed | Unchanged) and change.moved
        )

    @property
    def is_empty(self) -> bool:
        """Whether nothing at all changed (``diff(a, a).is_empty``)."""
        return (
            all(isinstance(change, Unchanged) and not change.moved for change in self.clauses)
            and not self.metadata.changed
            and self.parties.old == self.parties.new
            and self.guarantors.old == self.guarantors.new
            and self.disputes.old == self.disputes.new
            and self.events.old == self.events.new
        )

    @property
    def obligations(self) -> ObligationsDiff:
        """Obligations gained, lost, changed and transferred, per actor."""
        return _obligations(self.clauses)

    @property
    def weapons(self) -> WeaponsDiff:
        """The weapon classes handed over, before and after, and per-class changes."""
        return _weapons(self._side(old=True), self._side(old=False))

    # ------------------------------------------------------ delta algebra

    def apply(self, agreement: Agreement) -> Agreement:
        """The new agreement, rebuilt from the old one.

        ``agreement`` must be the diff's old agreement; any other raises
        :class:`DiffApplyError` naming the first difference.

        >>> from agreements import Agreement, Citation, PartialDate, Status
        >>> cite = [Citation(source="s", quote="q")]
        >>> def deal(status):
        ...     return Agreement(id="a", title="Truce", date=PartialDate(year=2021), status=status, citations=cite)
        >>> a, b = deal(Status.SIGNED), deal(Status.COLLAPSED)
        >>> diff(a, b).apply(a).status
        <Status.COLLAPSED: 'collapsed'>
        >>> diff(a, b).apply(b)
        Traceback (most recent call last):
        ...
        agreements.diff.DiffApplyError: this diff applies to agreement 'a', and the one given differs in status: \
expected <Status.SIGNED: 'signed'>, got <Status.COLLAPSED: 'collapsed'>
        """
        if not isinstance(agreement, Agreement):
            raise TypeError(f"apply() needs an Agreement, got {type(agreement).__name__}")
        expected = self._side(old=True)
        if agreement != expected:
            where, want, got = _first_difference(expected, agreement)
            raise DiffApplyError(
                f"this diff applies to agreement {expected.id!r}, and the one given differs in {where}: "
                f"expected {want!r}, got {got!r}"
            )
        return self._side(old=False)

    def invert(self) -> AgreementDiff:
        """The diff from the new agreement back to the old: ``diff(a, b).invert() == diff(b, a)``."""
        return AgreementDiff(
            clauses=_ordered([change.invert() for change in self.clauses]),
            metadata=self.metadata.invert(),
            parties=self.parties.invert(),
            guarantors=self.guarantors.invert(),
            disputes=self.disputes.invert(),
            events=self.events.invert(),
        )

    def _side(self, *, old: bool) -> Agreement:
        clauses: list[tuple[int, Clause]] = []
        for change in self.clauses:
            match change:
                case Added(clause=clause, index=index):
                    if not old:
                        clauses.append((index, clause))
                case Removed(clause=clause, index=index):
                    if old:
                        clauses.append((index, clause))
                case Changed() | Unchanged():
                    clauses.append((change.old_index, change.old) if old else (change.new_index, change.new))
                case _:  # pragma: no cover - the union is closed
                    typing.assert_never(change)
        clauses.sort(key=lambda item: item[0])
        values = {field.name: field.old if old else field.new for field in self.metadata.fields}
        return Agreement(
            **values,  # type: ignore[arg-type]  # the metadata fields of Agreement, by name
            parties=self.parties.old if old else self.parties.new,
            third_parties=self.guarantors.old if old else self.guarantors.new,
            clauses=[clause for _, clause in clauses],
            disputes=self.disputes.old if old else self.disputes.new,
            events=self.events.old if old else self.events.new,
        )

    # ------------------------------------------------------------- prose

    def summary(self, corpus: Corpus | None = None) -> list[str]:
        """Plain-English sentences, most important first: weapons, third parties, obligations, the rest.

        Actors are named from ``corpus`` when given (its ``actors``), by id otherwise.

        >>> from agreements import Agreement, Citation, PartialDate, Status, ThirdParty, ThirdPartyRole
        >>> cite = [Citation(source="s", quote="q")]
        >>> def deal(role):
        ...     russia = ThirdParty(actor="russia", role=role, citations=cite)
        ...     return Agreement(id="a", title="Truce", date=PartialDate(year=2021), status=Status.SIGNED,
        ...                      citations=cite, third_parties=[russia])
        >>> diff(deal(ThirdPartyRole.GUARANTOR), deal(ThirdPartyRole.MEDIATOR)).summary()
        ['russia goes from guarantor to mediator.']
        """
        from agreements._diff.prose import sentences  # noqa: PLC0415 - prose imports this module

        return sentences(self, corpus)


# ----------------------------------------------------------------- diff()


def diff(
    a: Agreement,
    b: Agreement,
    *,
    pairs: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
    moves: bool = True,
) -> AgreementDiff:
    """What changed from agreement ``a`` to agreement ``b``.

    Clauses are paired one to one: pairs given in ``pairs`` (old id, new id)
    first, then within each category identical clauses, then the best
    assignment of :class:`Score` totals at or over :data:`PAIR_THRESHOLD`
    (:data:`SAME_ID_THRESHOLD` for two clauses with the same id: the same id
    lowers the bar but never forces a pair, because ids get renumbered). With ``moves`` a paired clause that left the order of the
    others is flagged ``moved``: the others form a longest common order, so
    each moved clause is reported once. The answer does not depend on the
    order of the clauses beyond their positions in the output, and no state
    outlives the call.

    >>> from agreements import Agreement, Category, Citation, Clause, PartialDate, Status
    >>> cite = [Citation(source="s", quote="q")]
    >>> def deal(*clauses):
    ...     clauses = [Clause(id=id, category=Category.SIEGE, summary=s, citations=cite) for id, s in clauses]
    ...     return Agreement(id="a", title="T", date=PartialDate(year=2021), status=Status.SIGNED,
    ...                      citations=cite, clauses=clauses)
    >>> a = deal(("lift", "Lift the siege."), ("road", "Open the road."), ("aid", "Let aid convoys in."))
    >>> b = deal(("road", "Open the road."), ("aid", "Let aid convoys in."), ("lift", "Lift the siege now."))
    >>> d = diff(a, b)
    >>> [(type(c).__name__, c.old.id, c.moved) for c in d.clauses]
    [('Unchanged', 'road', False), ('Unchanged', 'aid', False), ('Changed', 'lift', True)]
    >>> d.clauses[2].fields
    (FieldChange(name='summary', old='Lift the siege.', new='Lift the siege now.'),)
    >>> diff(a, b, pairs=[("lift", "lifted")])
    Traceback (most recent call last):
    ...
    agreements.diff.InvalidPairsError: pairs[0]: 'lifted' is not a clause of the new agreement 'a'; did you mean 'lift'?
    """
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, Agreement):
            raise TypeError(f"diff() needs two Agreements, got {type(value).__name__} for {name}")
    if not isinstance(moves, bool):
        raise TypeError(f"moves: expected True or False, got {moves!r}")
    forced = _forced(a, b, pairs)
    matches = _align.align(a.clauses, b.clauses, forced)
    kept = _kept(a.clauses, b.clauses, matches) if moves else None
    changes: list[ClauseChange] = []
    paired_old: set[int] = set()
    paired_new: set[int] = set()
    fields_of = operator.attrgetter(*_CLAUSE_FIELDS)
    identical = {
        same_id: Score(
            text=1.0,
            citations=1.0,
            obligor=1.0,
            category=1.0,
            weapons=1.0,
            places=1.0,
            terms=1.0,
            total=1.0,
            same_id=same_id,
            paired_by=PairedBy.IDENTICAL,
        )
        for same_id in (False, True)
    }
    for number, match in enumerate(matches):
        old, new = a.clauses[match.old], b.clauses[match.new]
        paired_old.add(match.old)
        paired_new.add(match.new)
        if match.how == "identical":
            score = identical[old.id == new.id]
        else:
            score = Score(
                text=match.text,
                citations=match.citations,
                obligor=match.obligor,
                category=match.category,
                weapons=match.weapons,
                places=match.places,
                terms=match.terms,
                total=match.total,
                same_id=old.id == new.id,
                paired_by=PairedBy(match.how),
            )
        moved = kept is not None and number not in kept
        if old == new:
            changes.append(
                Unchanged(clause=old, old_index=match.old, new_index=match.new, score=score, moved=moved)
            )
            continue
        fields = tuple(
            FieldChange(name=name, old=before, new=after)
            for name, before, after in zip(_CLAUSE_FIELDS, fields_of(old), fields_of(new), strict=True)
            if before != after
        )
        changes.append(
            Changed(
                old=old,
                new=new,
                old_index=match.old,
                new_index=match.new,
                fields=fields,
                score=score,
                moved=moved,
            )
        )
    changes.extend(Removed(clause=c, index=i) for i, c in enumerate(a.clauses) if i not in paired_old)
    changes.extend(Added(clause=c, index=j) for j, c in enumerate(b.clauses) if j not in paired_new)
    return AgreementDiff(
        clauses=_ordered(changes),
        metadata=MetadataDiff(
            fields=tuple(
                FieldChange(name=name, old=getattr(a, name), new=getattr(b, name))
                for name in _METADATA_FIELDS
            )
        ),
        parties=PartiesDiff(old=a.parties, new=b.parties),
        guarantors=GuarantorsDiff(old=a.third_parties, new=b.third_parties),
        disputes=RecordsDiff(old=a.disputes, new=b.disputes),
        events=RecordsDiff(old=a.events, new=b.events),
    )


def _forced(
    a: Agreement, b: Agreement, pairs: Iterable[tuple[str, str]] | Mapping[str, str] | None
) -> list[tuple[int, int]]:
    """Positions of the pairs the caller forces, validated."""
    if pairs is None:
        return []
    # Typed loosely on purpose: the items come from the caller and are checked here.
    items: list[object] = list(pairs.items()) if isinstance(pairs, Mapping) else list(pairs)
    old_at = _positions(a, "old")
    new_at = _positions(b, "new")
    forced: list[tuple[int, int]] = []
    seen_old: set[int] = set()
    seen_new: set[int] = set()
    for number, item in enumerate(items):
        if (
            isinstance(item, str)
            or not isinstance(item, Sequence)
            or len(item) != 2
            or not all(isinstance(part, str) for part in item)
        ):
            raise InvalidPairsError(f"pairs[{number}]: {item!r} is not a pair of clause ids (old id, new id)")
        old_id, new_id = typing.cast("tuple[str, str]", tuple(item))
        i = _position(old_at, old_id, a, "old", number)
        j = _position(new_at, new_id, b, "new", number)
        if i in seen_old:
            raise InvalidPairsError(f"pairs[{number}]: the old clause {old_id!r} is already paired")
        if j in seen_new:
            raise InvalidPairsError(f"pairs[{number}]: the new clause {new_id!r} is already paired")
        seen_old.add(i)
        seen_new.add(j)
        forced.append((i, j))
    return forced


def _positions(agreement: Agreement, side: str) -> dict[str, int | None]:
    """Clause id to position; ``None`` for an id that several clauses share."""
    found: dict[str, int | None] = {}
    for index, clause in enumerate(agreement.clauses):
        found[clause.id] = None if clause.id in found else index
    return found


def _position(at: dict[str, int | None], clause_id: str, agreement: Agreement, side: str, number: int) -> int:
    if clause_id not in at:
        near = [choice for choice, _ in closest(clause_id, list(at), limit=3, cutoff=0.6)]
        hint = f"; did you mean {' or '.join(repr(choice) for choice in near)}?" if near else ""
        raise InvalidPairsError(
            f"pairs[{number}]: {clause_id!r} is not a clause of the {side} agreement {agreement.id!r}{hint}"
        )
    position = at[clause_id]
    if position is None:
        raise InvalidPairsError(
            f"pairs[{number}]: several clauses of the {side} agreement {agreement.id!r} have the id {clause_id!r}"
        )
    return position


def _kept(old: Sequence[Clause], new: Sequence[Clause], matches: Sequence[_align.Match]) -> frozenset[int]:
    """Indices into ``matches`` of the pairs that stay in order; the others moved."""

    def rank(k: int) -> tuple[float, object]:
        match = matches[k]
        ends = sorted((_clause_rank(old[match.old]), _clause_rank(new[match.new])))
        return (-match.total, ends)

    return longest_chain([(match.old, match.new) for match in matches], rank)


def _clause_rank(clause: Clause) -> tuple[str, str, str]:
    # Independent of position and of which side the clause is on.
    return (clause.id, clause.summary, repr(clause))


def _ordered(changes: Iterable[ClauseChange]) -> tuple[ClauseChange, ...]:
    """Reading order: the new agreement's, each removed clause after the old clause it followed.

    A removed clause follows the nearest earlier old clause that is paired and
    not moved (or comes first), so the order is rebuilt from the changes
    alone, as :meth:`AgreementDiff.invert` needs.
    """
    items = list(changes)
    anchors = sorted(
        (change.old_index, change.new_index)
        for change in items
        if isinstance(change, Changed | Unchanged) and not change.moved
    )
    anchor_old = [old for old, _ in anchors]

    def key(change: ClauseChange) -> tuple[int, int, int]:
        if isinstance(change, Removed):
            place = bisect.bisect_left(anchor_old, change.index)
            return (anchors[place - 1][1] if place else -1, 1, change.index)
        if isinstance(change, Added):
            return (change.index, 0, 0)
        return (change.new_index, 0, 0)

    return tuple(sorted(items, key=key))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _roles(thirds: Iterable[ThirdParty]) -> dict[str, tuple[ThirdPartyRole, ...]]:
    found: dict[str, set[ThirdPartyRole]] = {}
    for third in thirds:
        found.setdefault(third.actor, set()).add(third.role)
    return {actor: tuple(role for role in ThirdPartyRole if role in roles) for actor, roles in found.items()}


def _first_difference(expected: Agreement, got: Agreement) -> tuple[str, object, object]:
    for field in attrs.fields(Agreement):
        want, have = getattr(expected, field.name), getattr(got, field.name)
        if want == have:
            continue
        if field.name == "clauses":
            for index, (x, y) in enumerate(zip(want, have, strict=False)):
                if x != y:
                    return f"clauses[{index}]", x.id, y.id
            return "the number of clauses", len(want), len(have)
        return field.name, want, have
    raise AssertionError("the agreements are equal")  # pragma: no cover - only called when they differ


def _obligations(changes: Sequence[ClauseChange]) -> ObligationsDiff:
    gained: dict[str, list[Added]] = {}
    lost: dict[str, list[Removed]] = {}
    changed: dict[str, list[Changed]] = {}
    into: dict[str, list[Changed]] = {}
    out: dict[str, list[Changed]] = {}
    transfers: list[Changed] = []
    for change in changes:
        match change:
            case Added(clause=clause) if clause.obligor is not None:
                gained.setdefault(clause.obligor, []).append(change)
            case Removed(clause=clause) if clause.obligor is not None:
                lost.setdefault(clause.obligor, []).append(change)
            case Changed(old=old, new=new) if old.obligor != new.obligor:
                transfers.append(change)
                if old.obligor is not None:
                    out.setdefault(old.obligor, []).append(change)
                if new.obligor is not None:
                    into.setdefault(new.obligor, []).append(change)
            case Changed(old=old) if old.obligor is not None and change.names & _OBLIGATION_FIELDS:
                changed.setdefault(old.obligor, []).append(change)
            case _:
                pass
    actors = sorted({*gained, *lost, *changed, *into, *out})
    return ObligationsDiff(
        actors=tuple(
            ActorObligations(
                actor=actor,
                gained=tuple(gained.get(actor, ())),
                lost=tuple(lost.get(actor, ())),
                changed=tuple(changed.get(actor, ())),
                transferred_in=tuple(into.get(actor, ())),
                transferred_out=tuple(out.get(actor, ())),
            )
            for actor in actors
        ),
        transfers=tuple(transfers),
    )


def _handover_terms(agreement: Agreement) -> dict[WeaponClass, dict[str, set[str]]]:
    """For each weapon class some clause hands over: its holders, schedules and modalities."""
    found: dict[WeaponClass, dict[str, set[str]]] = {}
    for clause in agreement.clauses:
        term = clause.weapons
        if term is None or term.action is not WeaponAction.HAND_OVER:
            continue
        for weapon in term.classes:
            values = found.setdefault(weapon, {"holder": set(), "schedule": set(), "modality": set()})
            if term.holder is not None:
                values["holder"].add(term.holder)
            if term.schedule is not None:
                values["schedule"].add(term.schedule)
            values["modality"].add(clause.modality.value)
    return found


def _weapons(old: Agreement, new: Agreement) -> WeaponsDiff:
    before, after = _handover_terms(old), _handover_terms(new)
    disputed = old.disputed_handover | new.disputed_handover
    changes = [
        WeaponChange(
            weapon=weapon,
            field=field,
            old=tuple(sorted(before[weapon][field])),
            new=tuple(sorted(after[weapon][field])),
            disputed=weapon in disputed,
        )
        for weapon in WeaponClass
        if weapon in before and weapon in after
        for field in ("holder", "schedule", "modality")
        if before[weapon][field] != after[weapon][field]
    ]
    return WeaponsDiff(
        old=old.handover,
        new=new.handover,
        old_disputed=old.disputed_handover,
        new_disputed=new.disputed_handover,
        changes=tuple(changes),
    )
