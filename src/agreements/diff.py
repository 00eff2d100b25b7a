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
...     return Clause(id=id, category=Category.CEASEFIRE, summary=summary, obligors=[obligor], citations=cite)
>>> a = Agreement(id="a", title="Truce", date=PartialDate(year=2021), status=Status.SIGNED,
...               citations=cite, clauses=[clause("c1", "Stop shelling the old city."),
...                                        clause("c2", "Open the road to the south.")])
>>> b = Agreement(id="b", title="Truce", date=PartialDate(year=2021), status=Status.SIGNED,
...               citations=cite, clauses=[clause("c1", "Stop shelling the old city.", "police"),
...                                        clause("c3", "Lift the siege of the old city.")])
>>> d = diff(a, b)
>>> [type(change).__name__ for change in d.clauses]
['Changed', 'Removed', 'Added']
>>> for sentence in d.summary():
...     print(sentence)
An obligation passes from army to police: Stop shelling the old city.
Now required: Lift the siege of the old city.
Required before, not reported for the later agreement: Open the road to the south.
>>> d.apply(a) == b and d.invert() == diff(b, a)
True
"""

from __future__ import annotations

import bisect
import operator
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from agreements import _gc
from agreements import corpus as _builtin
from agreements._diff import align as _align
from agreements._diff.chain import longest_chain
from agreements._diff.changes import (
    BOOKKEEPING,
    WEAPON_FIELDS,
    ActionDiff,
    ActorObligations,
    Added,
    Changed,
    ClauseChange,
    FieldChange,
    GuarantorsDiff,
    MetadataDiff,
    ObligationsDiff,
    PairedBy,
    PartiesDiff,
    RecordsDiff,
    Removed,
    RoleChange,
    Score,
    Succession,
    TermChange,
    TermKind,
    Unchanged,
    WeaponChange,
    WeaponsDiff,
)
from agreements.exceptions import ArgumentTypeError, DiffApplyError, InvalidPairsError
from agreements.model import (
    Agreement,
    Clause,
    Consolidated,
    Corpus,
    Coverage,
    Dispute,
    Event,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
    Word,
    heaviest_first,
)
from agreements.model._records import ALL_PARTIES
from agreements.render import csv as _csv
from agreements.render import dataframe as _dataframe
from agreements.render import diff as _render
from agreements.render import html as _html
from agreements.render import json as _json
from agreements.render import latex as _latex
from agreements.render import markdown as _markdown
from agreements.render import terminal as _terminal
from agreements.similarity import closest

__all__ = [
    "PAIR_THRESHOLD",
    "SAME_ID_THRESHOLD",
    "ActionDiff",
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
    "Succession",
    "TermChange",
    "TermKind",
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
"""The lower bar for two clauses with the same id and category when ids are not trusted (0.35).

With ``trust_ids=False``, or when the ids look renumbered, the same id is
weaker evidence: it lowers the bar rather than forcing the pair, and a pair
over :data:`PAIR_THRESHOLD` always outbids it. Chosen by the same sweep.
"""

_CLAUSE_FIELDS: typing.Final = tuple(field.name for field in attrs.fields(Clause))
_LISTS: typing.Final = ("parties", "third_parties", "clauses", "disputes", "events")
_METADATA_FIELDS: typing.Final = tuple(
    field.name for field in attrs.fields(Agreement) if field.name not in _LISTS
)
# A change in these makes a different obligation; the bookkeeping fields (id,
# citations, inference, codes, action key) do not, and a change of obligors is a transfer.
_OBLIGATION_FIELDS: typing.Final = frozenset(_CLAUSE_FIELDS) - BOOKKEEPING - {"obligors", "all_parties"}
_TERM_FIELDS: typing.Final = tuple(field.name for field in attrs.fields(WeaponsTerm))


def _names(corpus: Corpus | None) -> Corpus:
    """Where a diff's renderings look up names and sources: ``corpus``, else the built-in corpus."""
    return _builtin.corpus() if corpus is None else corpus


# ------------------------------------------------------------------ the diff


@attrs.frozen(kw_only=True)
class AgreementDiff:
    """Everything that changed from one agreement to another; see :func:`diff`.

    ``clauses`` lists every clause once, in reading order of the new agreement
    with removed clauses after the clause they followed. The other sections
    keep both sides, so that the diff applies and inverts losslessly;
    ``obligations`` and ``weapons`` are views computed from the rest.
    ``names`` is the corpus the summary and renderings name actors, places
    and sources from when they are given none (``diff(..., corpus=...)``;
    by default the built-in corpus); it takes no part in equality.
    """

    clauses: tuple[ClauseChange, ...]
    metadata: MetadataDiff
    parties: PartiesDiff
    guarantors: GuarantorsDiff
    disputes: RecordsDiff[Dispute]
    events: RecordsDiff[Event]
    names: Corpus | None = attrs.field(default=None, eq=False, repr=False)

    def _names(self, corpus: Corpus | None) -> Corpus:
        """Where the renderings look up names: ``corpus``, else :attr:`names`, else the built-in corpus."""
        return _names(corpus if corpus is not None else self.names)

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
        """Obligations gained, lost, changed and transferred, per actor (joint obligors and all parties included)."""
        return _obligations(
            self.clauses,
            old=tuple(party.actor for party in self.parties.old),
            new=tuple(party.actor for party in self.parties.new),
            coverage=self.parties.new_coverage,
        )

    @property
    def weapons(self) -> WeaponsDiff:
        """Every weapons term, whatever its action: per clause, per action and per class (see :class:`WeaponsDiff`)."""
        return _weapons(self.clauses, self._side(old=True), self._side(old=False))

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
        agreements.exceptions.DiffApplyError: this diff applies to agreement 'a', and the one given differs in status: \
expected <Status.SIGNED: 'signed'>, got <Status.COLLAPSED: 'collapsed'>
        """
        if not isinstance(agreement, Agreement):
            raise ArgumentTypeError(f"apply() needs an Agreement, got {type(agreement).__name__}")
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
            names=self.names,
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
        """The report: plain-English sentences, each changed value old → new, in a reader's order.

        Weapons first, then obligations and parties, third parties with
        their roles, security presence, status, then the rest (see
        :data:`agreements.render.diff.ORDER`). What the later agreement lacks
        is "no longer" there when it is known from its full text, and "not
        reported" when only from partial reports. Actors and places are named
        from ``corpus``, else :attr:`names`, else the built-in corpus (a name
        it does not know stays its id).

        >>> from agreements import Agreement, Citation, PartialDate, Status, ThirdParty, ThirdPartyRole
        >>> cite = [Citation(source="s", quote="q")]
        >>> def deal(role):
        ...     russia = ThirdParty(actor="russia", role=role, citations=cite)
        ...     return Agreement(id="a", title="Truce", date=PartialDate(year=2021), status=Status.SIGNED,
        ...                      citations=cite, third_parties=[russia])
        >>> diff(deal(ThirdPartyRole.GUARANTOR), deal(ThirdPartyRole.MEDIATOR)).summary()
        ['Russia goes from guarantor to mediator.']
        """
        return _render.sentences(self, self._names(corpus))

    # ------------------------------------------------------------- renderings

    def to_markdown(self, *, corpus: Corpus | None = None) -> str:
        """GitHub-flavoured Markdown: the summary, then a table of the clauses old and new, with notes."""
        return _markdown.render_table(_render.table(self, self._names(corpus)))

    def to_html(self, *, title: str | None = None, corpus: Corpus | None = None) -> str:
        """One self-contained HTML page (no scripts, no external files) with every quote."""
        return _html.render_table(_render.table(self, self._names(corpus)), title=title)

    def to_csv(self, *, corpus: Corpus | None = None) -> str:
        """CSV (RFC 4180): one row per clause, old and new side by side, formula-safe."""
        return _csv.render_table(_render.table(self, self._names(corpus)))

    def to_json(self, *, corpus: Corpus | None = None) -> str:
        """JSON in the documented shape of :mod:`agreements.render.json`."""
        return _json.render_table(_render.table(self, self._names(corpus)))

    def to_latex(self, *, corpus: Corpus | None = None) -> str:
        """A LaTeX ``longtable`` with booktabs rules, followed by the numbered notes."""
        return _latex.render_table(_render.table(self, self._names(corpus)))

    def to_text(self, *, width: int = 100, corpus: Corpus | None = None) -> str:
        """A plain-text report that fits ``width`` terminal columns, with numbered notes below."""
        return _terminal.render_table_plain(_render.table(self, self._names(corpus)), width=width)

    def to_rich(self, *, corpus: Corpus | None = None) -> Any:
        """A ``rich`` renderable of the report (needs the ``rich`` extra)."""
        return _terminal.rich_renderable(_render.table(self, self._names(corpus)))

    def __rich__(self) -> Any:
        return self.to_rich()

    def to_dataframe(self, *, corpus: Corpus | None = None) -> Any:
        """A ``pandas.DataFrame``: one row per clause, old and new values (needs the ``pandas`` extra)."""
        return _dataframe.render_table(_render.table(self, self._names(corpus)))


# ----------------------------------------------------------------- diff()


def diff(
    a: Agreement | Consolidated,
    b: Agreement | Consolidated,
    *,
    pairs: Iterable[tuple[str, str]] | Mapping[str, str] | None = None,
    moves: bool = True,
    trust_ids: bool = True,
    corpus: Corpus | None = None,
) -> AgreementDiff:
    """What changed from agreement ``a`` to agreement ``b``.

    Clauses are paired one to one: pairs given in ``pairs`` (old id, new id)
    first, then within each category identical clauses, then the best
    assignment of :class:`Score` totals at or over :data:`PAIR_THRESHOLD`.

    Ids: an id that both agreements use for a clause of one category is the
    author's statement that the clause continues, so such a pair is made
    however much the wording changed (``score.paired_by`` is
    ``PairedBy.SAME_ID``), unless a pair that scores clearly better claims
    one of its clauses. That holds when the ids are trusted: ``trust_ids``
    (the default) and at least half of the shared ids name clauses that
    plausibly continue each other; a renumbered document (a clause dropped
    and every later ``c7`` now ``c6``) fails that test, and there the same id
    only breaks ties. With ``trust_ids=False`` the same id lowers the bar to
    :data:`SAME_ID_THRESHOLD` and breaks ties.

    Either side may be a :class:`~agreements.model.Consolidated` agreement
    (:meth:`Corpus.consolidated <agreements.model.Corpus.consolidated>`): its
    terms in force, those it keeps of the agreements it amends, supplements
    or implements included, so that a protocol that adds to a memorandum
    says what it added and changed, and the rest stays unchanged.

    ``corpus`` is where the diff's summary and renderings name actors,
    places and sources by default (:attr:`AgreementDiff.names`); it does not
    change the diff.

    With ``moves`` a paired clause that left the order of the
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
    agreements.exceptions.InvalidPairsError: pairs[0]: 'lifted' is not a clause of the new agreement 'a'; did you mean 'lift'?
    """
    if isinstance(a, Consolidated):
        a = a.agreement
    if isinstance(b, Consolidated):
        b = b.agreement
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, Agreement):
            raise ArgumentTypeError(f"diff() needs two Agreements, got {type(value).__name__} for {name}")
    if not isinstance(moves, bool):
        raise ArgumentTypeError(f"moves: expected True or False, got {moves!r}")
    if not isinstance(trust_ids, bool):
        raise ArgumentTypeError(f"trust_ids: expected True or False, got {trust_ids!r}")
    if corpus is not None and not isinstance(corpus, Corpus):
        raise ArgumentTypeError(f"corpus: expected a Corpus or None, got {type(corpus).__name__}")
    forced = _forced(a, b, pairs)
    with _gc.paused():  # many short-lived objects, no cycles: see agreements._gc
        changes = _clause_changes(a, b, forced, trust_ids=trust_ids, moves=moves)
    return AgreementDiff(
        clauses=changes,
        metadata=MetadataDiff(
            fields=tuple(
                FieldChange(name=name, old=getattr(a, name), new=getattr(b, name))
                for name in _METADATA_FIELDS
            )
        ),
        parties=PartiesDiff(old=a.parties, new=b.parties, old_coverage=a.coverage, new_coverage=b.coverage),
        guarantors=GuarantorsDiff(
            old=a.third_parties, new=b.third_parties, old_coverage=a.coverage, new_coverage=b.coverage
        ),
        disputes=RecordsDiff(old=a.disputes, new=b.disputes),
        events=RecordsDiff(old=a.events, new=b.events),
        names=corpus,
    )


def _clause_changes(
    a: Agreement, b: Agreement, forced: list[tuple[int, int]], *, trust_ids: bool, moves: bool
) -> tuple[ClauseChange, ...]:
    """Every clause of ``a`` and ``b`` as unchanged, changed, removed or added, in reading order."""
    matches = _align.align(a.clauses, b.clauses, forced, trust_ids=trust_ids)
    kept = _kept(a.clauses, b.clauses, matches) if moves else None
    changes: list[ClauseChange] = []
    paired_old: set[int] = set()
    paired_new: set[int] = set()
    fields_of = operator.attrgetter(*_CLAUSE_FIELDS)
    for number, match in enumerate(matches):
        old, new = a.clauses[match.old], b.clauses[match.new]
        paired_old.add(match.old)
        paired_new.add(match.new)
        score = match.score
        moved = kept is not None and number not in kept
        # A pair found identical differs in its id at most: no field to compare.
        identical = score.paired_by is PairedBy.IDENTICAL
        if (old.id == new.id) if identical else (old == new):
            changes.append(
                Unchanged(clause=old, old_index=match.old, new_index=match.new, score=score, moved=moved)
            )
            continue
        if identical:
            fields: tuple[FieldChange, ...] = (FieldChange(name="id", old=old.id, new=new.id),)
        else:
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
    return _ordered(changes)


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
        return (-match.score.total, ends)

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


def _bound(clause: Clause, parties: tuple[str, ...]) -> tuple[str, ...]:
    """The actors a clause binds: its obligors, and the parties when it binds them all.

    A clause that binds all parties of an agreement that names none binds
    :data:`~agreements.model.ALL_PARTIES`, which then counts as one actor.
    """
    found = clause.bound(parties)
    return (*found, ALL_PARTIES) if clause.all_parties and not parties else found


def _obligations(
    changes: Sequence[ClauseChange], *, old: tuple[str, ...], new: tuple[str, ...], coverage: Coverage
) -> ObligationsDiff:
    gained: dict[str, list[Added]] = {}
    lost: dict[str, list[Removed]] = {}
    changed: dict[str, list[Changed]] = {}
    into: dict[str, list[Changed]] = {}
    out: dict[str, list[Changed]] = {}
    transfers: list[Changed] = []
    for change in changes:
        match change:
            case Added(clause=clause):
                for actor in _bound(clause, new):
                    gained.setdefault(actor, []).append(change)
            case Removed(clause=clause):
                for actor in _bound(clause, old):
                    lost.setdefault(actor, []).append(change)
            case Changed(old=before, new=after) if (before.obligors, before.all_parties) != (
                after.obligors,
                after.all_parties,
            ):
                transfers.append(change)
                was, now = _bound(before, old), _bound(after, new)
                for actor in was:
                    if actor not in now:
                        out.setdefault(actor, []).append(change)
                for actor in now:
                    if actor not in was:
                        into.setdefault(actor, []).append(change)
                if change.names & _OBLIGATION_FIELDS:
                    for actor in now:
                        if actor in was:
                            changed.setdefault(actor, []).append(change)
            case Changed(old=before, new=after) if change.names & _OBLIGATION_FIELDS:
                for actor in dict.fromkeys((*_bound(before, old), *_bound(after, new))):
                    changed.setdefault(actor, []).append(change)
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
                coverage=coverage,
            )
            for actor in actors
        ),
        transfers=tuple(transfers),
    )


def _values(clause: Clause, term: WeaponsTerm, field: str) -> set[str]:
    """One field of a weapons term (or the clause's modality) as text, for comparing across terms."""
    if field == "modality":
        return {clause.modality.value}
    if field == "systems":
        return set(term.systems)
    value = getattr(term, field)
    return set() if value is None else {str(value)}


def _class_terms(agreement: Agreement) -> dict[tuple[WeaponAction, WeaponClass | Word], dict[str, set[str]]]:
    """For each action and each weapon class a term puts it on: the values of its fields over those terms."""
    found: dict[tuple[WeaponAction, WeaponClass | Word], dict[str, set[str]]] = {}
    for clause in agreement.clauses:
        term = clause.weapons
        if term is None:
            continue
        for weapon in term.classes:
            values = found.setdefault((term.action, weapon), {field: set() for field in WEAPON_FIELDS})
            for field in WEAPON_FIELDS:
                values[field] |= _values(clause, term, field)
    return found


def _term_fields(old: Clause, new: Clause) -> tuple[FieldChange, ...]:
    """The values of two clauses' weapons terms that differ, then their modality and deadlines."""
    assert old.weapons is not None
    assert new.weapons is not None
    pairs = [(name, getattr(old.weapons, name), getattr(new.weapons, name)) for name in _TERM_FIELDS]
    pairs += [(name, getattr(old, name), getattr(new, name)) for name in ("modality", "deadlines")]
    return tuple(FieldChange(name=name, old=x, new=y) for name, x, y in pairs if x != y)


def _terms(changes: Sequence[ClauseChange], old: Agreement, new: Agreement) -> tuple[TermChange, ...]:
    """Each clause's weapons term that was added, dropped, not reported or changed, in reading order."""
    doubted_old, doubted_new = old.disputed_clauses, new.disputed_clauses
    gone = TermKind.NOT_REPORTED if new.coverage is Coverage.PARTIAL else TermKind.DROPPED
    found: list[TermChange] = []
    for change in changes:
        before: Clause | None
        after: Clause | None
        match change:
            case Added(clause=clause):
                before, after = None, clause
            case Removed(clause=clause):
                before, after = clause, None
            case Changed() | Unchanged():
                before, after = change.old, change.new
            case _:  # pragma: no cover - the union is closed
                typing.assert_never(change)
        had = before is not None and before.weapons is not None
        has = after is not None and after.weapons is not None
        old_disputed = had and before is not None and before.id in doubted_old
        new_disputed = has and after is not None and after.id in doubted_new
        if before is not None and after is not None and had and has:
            fields = _term_fields(before, after)
            if fields or old_disputed != new_disputed:
                kind: TermKind | None = TermKind.CHANGED
            else:
                kind = None
        else:
            fields, kind = (), TermKind.ADDED if has else gone if had else None
        if kind is not None:
            found.append(
                TermChange(
                    kind=kind,
                    old=before,
                    new=after,
                    fields=fields,
                    old_disputed=old_disputed,
                    new_disputed=new_disputed,
                )
            )
    return tuple(found)


def _weapons(changes: Sequence[ClauseChange], old: Agreement, new: Agreement) -> WeaponsDiff:
    before, after = _class_terms(old), _class_terms(new)
    actions = tuple(
        ActionDiff(
            action=action,
            old=old.weapons(action),
            new=new.weapons(action),
            old_disputed=old.weapons(action, disputed=True),
            new_disputed=new.weapons(action, disputed=True),
            coverage=new.coverage,
        )
        for action in WeaponAction
        if any(key[0] is action for key in (*before, *after))
    )
    disputed = {found.action: found.disputed for found in actions}
    changes_by_class = [
        WeaponChange(
            weapon=weapon,
            field=field,
            old=tuple(sorted(before[action, weapon][field])),
            new=tuple(sorted(after[action, weapon][field])),
            disputed=weapon in disputed[action],
            action=action,
        )
        for action in WeaponAction
        for weapon in heaviest_first(weapon for kind, weapon in (*before, *after) if kind is action)
        if (action, weapon) in before and (action, weapon) in after
        for field in WEAPON_FIELDS
        if before[action, weapon][field] != after[action, weapon][field]
    ]
    return WeaponsDiff(
        old=old.handover,
        new=new.handover,
        old_disputed=old.disputed_handover,
        new_disputed=new.disputed_handover,
        changes=tuple(changes_by_class),
        terms=_terms(changes, old, new),
        actions=actions,
        coverage=new.coverage,
    )
