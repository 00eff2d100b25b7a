"""Edited pairs of agreements, and a record of exactly what was edited.

:func:`edit` takes an agreement and a :class:`~agreements.testing._words.Chooser`
and returns the agreement, an edited copy and the truth about the edits. The
Hypothesis strategy :func:`~agreements.testing.strategies.edited` and the
seeded :func:`synthetic_pair` both call it, so they mean the same thing.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

import attrs

from agreements.model import (
    AGREEMENT_ANCHOR,
    Agreement,
    Category,
    Citation,
    Clause,
    Modality,
    PartialDate,
    Party,
    Quantity,
    Status,
    ThirdParty,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)
from agreements.testing import _words
from agreements.testing._words import Chooser

__all__ = ["EDIT_KINDS", "ClauseEdit", "EditTruth", "EditedPair", "edit", "synthetic_pair"]

#: The kinds of clause edit. A clause's category is never edited: alignment
#: pairs clauses within a category only.
EDIT_KINDS: frozenset[str] = frozenset(
    {"summary", "obligors", "modality", "weapons", "quantity", "timing", "places", "moved"}
)

# The clause fields each kind edits ("moved" edits the position, no field).
_FIELDS = ("summary", "obligors", "modality", "weapons", "quantity", "timing", "places")


# Converters with concrete types: mypy's attrs plugin cannot solve a generic
# one when the argument is a comprehension.
def _strings(items: Iterable[str]) -> frozenset[str]:
    return frozenset(items)


def _pairs(items: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(items)


def _clause_edits(items: Iterable[ClauseEdit]) -> tuple[ClauseEdit, ...]:
    return tuple(items)


def _valid_kinds(
    instance: ClauseEdit, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]
) -> None:
    if not value:
        raise ValueError("kinds: a clause edit needs at least one kind")
    unknown = sorted(value - EDIT_KINDS)
    if unknown:
        raise ValueError(f"kinds: {unknown!r} are not edit kinds (expected some of {sorted(EDIT_KINDS)!r})")


@attrs.frozen(kw_only=True)
class ClauseEdit:
    """One surviving clause that was edited: its id before and after, and how.

    ``kinds`` is a non-empty subset of :data:`EDIT_KINDS`. Every kind but
    ``"moved"`` names the one clause field that differs; ``"moved"`` says the
    clause left its place among the surviving clauses.
    """

    before: str
    after: str
    kinds: frozenset[str] = attrs.field(converter=_strings, validator=_valid_kinds)


@attrs.frozen(kw_only=True)
class EditTruth:
    """Exactly what was done to turn ``before`` into ``after``.

    - ``pairs``: (before id, after id) for every surviving clause, edited or
      not, in the order of ``before``. The ids differ when the clauses were
      renumbered.
    - ``added``: after ids of the new clauses; ``removed``: before ids of the
      dropped ones. ``pairs``, ``added`` and ``removed`` partition the ids.
    - ``edits``: the surviving clauses that changed, in the order of ``before``.
      A survivor missing from ``edits`` is equal to its ``before`` clause except
      for its id (and the clause ids its condition and its deadlines name,
      which follow the renumbering).
    - ``guarantor_roles_changed``: actor ids whose third-party role changed.
    - ``reordered``: the surviving clauses are not in their ``before`` order.
      The clauses marked ``"moved"`` are the ones outside a longest run of
      survivors kept in order, so there are as few as possible; among the
      longest runs, the one kept holds the most clauses the generator did not
      move itself.

    Nothing else changes: the agreement's other fields, the clauses'
    categories, actions, citations, deadlines, conditions and codes, parties,
    events and disputes (whose clause ids follow the renumbering) are as they
    were.
    """

    pairs: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)
    added: frozenset[str] = attrs.field(converter=_strings)
    removed: frozenset[str] = attrs.field(converter=_strings)
    edits: tuple[ClauseEdit, ...] = attrs.field(converter=_clause_edits)
    guarantor_roles_changed: frozenset[str] = attrs.field(converter=_strings)
    reordered: bool

    @property
    def is_empty(self) -> bool:
        """Whether ``after == before``: nothing edited, added, removed or renumbered."""
        return not (self.added or self.removed or self.edits or self.guarantor_roles_changed) and all(
            old == new for old, new in self.pairs
        )


@attrs.frozen(kw_only=True)
class EditedPair:
    """An agreement, an edited copy of it, and the truth about the edits."""

    before: Agreement
    after: Agreement
    truth: EditTruth


@attrs.frozen(kw_only=True)
class Rates:
    """How often each edit happens (probabilities in [0, 1])."""

    remove: float
    move: float
    edit: float
    add: float
    guarantor: float
    rewrite: float = 0.3


_Key = tuple[str, str, tuple[str, ...], bool]


def _key(clause: Clause) -> _Key:
    # Two clauses with the same category, words and obligors cannot be told
    # apart but by position; the edits never create such a pair.
    return (clause.category, " ".join(clause.summary.casefold().split()), clause.obligors, clause.all_parties)


def _kept_in_order(order: Sequence[int], preferred: Collection[int]) -> set[int]:
    """Members of a longest increasing subsequence of ``order``, most ``preferred`` first.

    A Fenwick tree over the values keeps it at O(n log n), for benchmarks that
    build agreements of many thousands of clauses.
    """
    size = len(order)
    tree: list[tuple[int, int, int]] = [(0, 0, -1)] * (size + 1)
    parents = [-1] * size
    best: tuple[int, int, int] = (0, 0, -1)
    for position, value in enumerate(order):
        found: tuple[int, int, int] = (0, 0, -1)
        index = value - 1
        while index > 0:
            found = max(found, tree[index], key=lambda item: item[:2])
            index -= index & -index
        entry = (found[0] + 1, found[1] + (value in preferred), position)
        parents[position] = found[2]
        best = max(best, entry, key=lambda item: item[:2])
        index = value
        while index <= size:
            tree[index] = max(tree[index], entry, key=lambda item: item[:2])
            index += index & -index
    kept: set[int] = set()
    position = best[2]
    while position != -1:
        kept.add(order[position])
        position = parents[position]
    return kept


def _actor_pool(agreement: Agreement) -> tuple[str, ...]:
    found: list[str] = [party.actor for party in agreement.parties]
    found += [third.actor for third in agreement.third_parties]
    for clause in agreement.clauses:
        found += clause.obligors
        if clause.weapons is not None:
            found += [
                actor for actor in (clause.weapons.holder, clause.weapons.recipient) if actor is not None
            ]
    for event in agreement.events:
        found += event.actors
    return tuple(dict.fromkeys(found))


def _place_pool(agreement: Agreement) -> tuple[str, ...]:
    found: list[str] = [] if agreement.place is None else [agreement.place]
    if agreement.territory is not None:
        found += agreement.territory.places
    for clause in agreement.clauses:
        found += clause.places
    for event in agreement.events:
        found += event.places
    return tuple(dict.fromkeys(found))


class _Editor:
    """The state of one edit run; :func:`edit` is its only user."""

    def __init__(self, chooser: Chooser, before: Agreement, *, single_field: bool, rates: Rates) -> None:
        self.chooser = chooser
        self.before = before
        self.single_field = single_field
        self.rates = rates
        self.actors = _actor_pool(before)
        self.places = _place_pool(before)
        self.taken = {_key(clause) for clause in before.clauses}

    def applicable(self, clause: Clause) -> list[str]:
        kinds = ["summary", "modality", "quantity", "timing"]
        if [actor for actor in self.actors if (actor,) != clause.obligors]:
            kinds.append("obligors")
        if clause.weapons is not None or clause.category is Category.WEAPONS:
            kinds.append("weapons")
        if clause.places or set(self.places) - set(clause.places):
            kinds.append("places")
        return kinds

    def apply(self, clause: Clause, kind: str) -> Clause | None:
        """The clause with one field edited, or None when no honest edit was found."""
        chooser = self.chooser
        if kind == "summary":
            if not self.single_field and chooser.chance(self.rates.rewrite):
                text = _words.rewrite(chooser, clause.summary, clause.category)
            else:
                text = _words.small_edit(chooser, clause.summary)
            return self._unique(attrs.evolve(clause, summary=text))
        if kind == "obligors":
            others = [actor for actor in self.actors if (actor,) != clause.obligors]
            return self._unique(attrs.evolve(clause, obligors=[chooser.choice(others)]))
        if kind == "modality":
            modality = chooser.choice([item for item in Modality if item is not clause.modality])
            return attrs.evolve(clause, modality=modality)
        if kind == "weapons":
            return attrs.evolve(clause, weapons=self._weapons(clause.weapons))
        if kind == "quantity":
            if clause.quantity is not None and chooser.chance(0.25):
                return attrs.evolve(clause, quantity=None)
            count = chooser.integer(0, 20)
            quantity = Quantity(value=count, unit="checkpoints")
            if quantity == clause.quantity:
                quantity = Quantity(value=count + 1, unit="checkpoints")
            return attrs.evolve(clause, quantity=quantity)
        if kind == "timing":
            if clause.timing is not None and chooser.chance(0.25):
                return attrs.evolve(clause, timing=None)
            timing = chooser.choice([item for item in _words.TIMINGS if item != clause.timing])
            return attrs.evolve(clause, timing=timing)
        assert kind == "places"
        addable = [place for place in self.places if place not in clause.places]
        places = list(clause.places)
        if places and (not addable or chooser.chance(0.5)):
            del places[chooser.integer(0, len(places) - 1)]
        else:
            places.insert(chooser.integer(0, len(places)), chooser.choice(addable))
        return attrs.evolve(clause, places=places)

    def _unique(self, clause: Clause) -> Clause | None:
        key = _key(clause)
        if key in self.taken:
            return None
        self.taken.add(key)
        return clause

    def _weapons(self, term: WeaponsTerm | None) -> WeaponsTerm:
        chooser = self.chooser
        if term is None:
            return WeaponsTerm(
                classes={chooser.choice(tuple(WeaponClass))}, action=chooser.choice(tuple(WeaponAction))
            )
        missing = [weapon for weapon in WeaponClass if weapon not in term.classes]
        if len(term.classes) > 1 and (not missing or chooser.chance(0.5)):
            dropped = chooser.choice(term.ordered_classes)
            return attrs.evolve(term, classes=term.classes - {dropped})
        return attrs.evolve(term, classes=term.classes | {chooser.choice(missing)})

    def edit_clause(self, clause: Clause, *, moved: bool) -> tuple[Clause, set[str]]:
        chooser = self.chooser
        kinds: set[str] = set()
        if (self.single_field and moved) or not chooser.chance(self.rates.edit):
            return clause, kinds
        wanted = 1 if self.single_field else chooser.integer(1, 3)
        for kind in _words.sample(chooser, self.applicable(clause), wanted):
            edited = self.apply(clause, kind)
            if edited is not None:
                clause = edited
                kinds.add(kind)
        return clause, kinds

    def new_clause(self, clause_id: str, existing: Sequence[Clause]) -> Clause | None:
        chooser = self.chooser
        category = chooser.choice(tuple(Category))
        # An added clause must not look like an edit of another clause. Its
        # words are mostly ones the other clauses' vocabulary never uses; in
        # small agreements, whose texts may come from anywhere, it is also
        # compared with every clause.
        for _ in range(5):
            text = _words.new_summary(chooser)
            found = _words.words(text)
            if _words.familiar(text):
                continue
            if any(_words.alike(found, _words.words(clause.summary)) for clause in existing):
                continue
            break
        else:
            return None
        obligor = chooser.choice(self.actors) if self.actors and chooser.chance(0.8) else None
        sources = [citation.source for citation in self.before.citations]
        clause = Clause(
            id=clause_id,
            category=category,
            summary=text,
            obligors=[] if obligor is None else [obligor],
            modality=chooser.choice(tuple(Modality)),
            citations=[Citation(source=chooser.choice(sources), quote=text)],
            weapons=(
                WeaponsTerm(classes={chooser.choice(tuple(WeaponClass))}, action=WeaponAction.HAND_OVER)
                if category is Category.WEAPONS
                else None
            ),
        )
        return self._unique(clause)


def edit(
    chooser: Chooser,
    before: Agreement,
    *,
    single_field: bool,
    renumber: bool | None,
    rates: Rates,
) -> EditedPair:
    """Edit ``before`` as ``chooser`` decides, and record what was done."""
    editor = _Editor(chooser, before, single_field=single_field, rates=rates)
    clauses = before.clauses
    named = {name for clause in clauses if clause.condition for name in clause.condition.clauses}
    named |= {deadline.anchor for clause in clauses for deadline in clause.deadlines if deadline.anchor}
    named |= before.disputed_clauses

    # Removals: a clause that a condition, a deadline or a dispute names
    # stays, so that nothing else has to change with it. So does a mirror (the
    # words of another clause, another obligor): with its twin gone and the
    # clauses renumbered, an edited twin would be as much the mirror, edited,
    # as itself, and no truth could tell which.
    words = Counter(_key(clause)[:2] for clause in clauses)
    removed = {
        index
        for index, clause in enumerate(clauses)
        if clause.id not in named and words[_key(clause)[:2]] == 1 and chooser.chance(rates.remove)
    }
    survivors = [index for index in range(len(clauses)) if index not in removed]

    # Moves: take some survivors out and put them back anywhere.
    lifted = [index for index in survivors if chooser.chance(rates.move)]
    lifted_set = set(lifted)
    order = [index for index in survivors if index not in lifted_set]
    for index in lifted:
        order.insert(chooser.integer(0, len(order)), index)
    rank = {index: position for position, index in enumerate(sorted(order))}
    kept = _kept_in_order(
        [rank[index] + 1 for index in order],
        {rank[index] + 1 for index in survivors if index not in lifted_set},
    )
    moved = {index for index in survivors if rank[index] + 1 not in kept}

    # Field edits, in the order of ``before`` so that shrinking is stable.
    edited: dict[int, Clause] = {}
    kinds: dict[int, set[str]] = {}
    for index in survivors:
        clause, done = editor.edit_clause(clauses[index], moved=index in moved)
        edited[index] = clause
        kinds[index] = done | ({"moved"} if index in moved else set())

    after = list(order)
    # A new clause takes no id of a clause, an event or the agreement's own date: deadlines name all three.
    events = {event.id for event in before.events} | {AGREEMENT_ANCHOR}
    used = {clause.id for clause in clauses} | events
    added: list[Clause] = []
    for _ in range(max(len(clauses), 2)):
        if not chooser.chance(rates.add):
            continue
        clause_id = _fresh_id(chooser, used)
        # Only small agreements compare an added clause with every clause.
        existing = [*clauses, *edited.values(), *added] if len(clauses) < 64 else []
        new = editor.new_clause(clause_id, existing)
        if new is not None:
            used.add(clause_id)
            added.append(new)
            after.insert(chooser.integer(0, len(after)), len(clauses) + len(added) - 1)

    every = [*clauses, *added]
    final_ids = {position: every[position].id for position in range(len(every))}
    sequence = after
    if renumber is None:
        renumber = chooser.chance(0.3)
    if renumber:
        numbers = (f"c{number}" for number in itertools.count(1) if f"c{number}" not in events)
        final_ids = {position: next(numbers) for position in sequence}
    rename = {clauses[index].id: final_ids[index] for index in survivors}

    after_clauses = [
        _renumbered(
            edited[position] if position < len(clauses) else every[position], final_ids[position], rename
        )
        for position in sequence
    ]

    disputes = [
        attrs.evolve(dispute, clauses=[rename.get(name, name) for name in dispute.clauses])
        for dispute in before.disputes
    ]
    third_parties, changed_roles = _change_roles(chooser, before.third_parties, rates.guarantor)

    after_agreement = attrs.evolve(
        before, clauses=after_clauses, disputes=disputes, third_parties=third_parties
    )
    truth = EditTruth(
        pairs=[(clauses[index].id, final_ids[index]) for index in survivors],
        added=[final_ids[len(clauses) + offset] for offset in range(len(added))],
        removed=[clauses[index].id for index in removed],
        edits=[
            ClauseEdit(before=clauses[index].id, after=final_ids[index], kinds=kinds[index])
            for index in survivors
            if kinds[index]
        ],
        guarantor_roles_changed=changed_roles,
        reordered=bool(moved),
    )
    return EditedPair(before=before, after=after_agreement, truth=truth)


def _renumbered(clause: Clause, clause_id: str, rename: dict[str, str]) -> Clause:
    """The clause under its new id, the clause ids its condition and deadlines name renamed too."""
    condition = clause.condition
    if condition is not None:
        condition = attrs.evolve(condition, clauses=[rename.get(name, name) for name in condition.clauses])
    deadlines = [
        deadline
        if deadline.anchor is None
        else attrs.evolve(deadline, anchor=rename.get(deadline.anchor, deadline.anchor))
        for deadline in clause.deadlines
    ]
    return attrs.evolve(clause, id=clause_id, condition=condition, deadlines=deadlines)


def _fresh_id(chooser: Chooser, used: Collection[str]) -> str:
    for _ in range(3):
        candidate = f"c{chooser.integer(1, 99)}"
        if candidate not in used:
            return candidate
    number = len(used) + 1
    while f"c{number}" in used:
        number += 1
    return f"c{number}"


def _change_roles(
    chooser: Chooser, third_parties: Sequence[ThirdParty], rate: float
) -> tuple[list[ThirdParty], set[str]]:
    counts = Counter(third.actor for third in third_parties)
    changed: set[str] = set()
    result: list[ThirdParty] = []
    for third in third_parties:
        if counts[third.actor] == 1 and chooser.chance(rate):
            role = chooser.choice([role for role in ThirdPartyRole if role is not third.role])
            result.append(attrs.evolve(third, role=role))
            changed.add(third.actor)
        else:
            result.append(third)
    return result, changed


# ------------------------------------------------------------ synthetic pairs

_SYNTHETIC_ACTORS = (
    "central-committee",
    "russia",
    "syrian-government",
    "fourth-division",
    "eighth-brigade",
    "military-police",
    "armed-factions",
    "jordan",
)
_SYNTHETIC_PLACES = ("daraa-al-balad", "busra-al-sham", "tafas", "nawa", "jasim", "nasib", "yadudah", "sadd")
_SOURCE = "synthetic-source"


def _synthetic_agreement(chooser: Chooser, n_clauses: int, seed: int) -> Agreement:
    cite = (Citation(source=_SOURCE, quote="The two sides agreed on the following."),)
    taken: set[tuple[str, str, str | None]] = set()
    clauses: list[Clause] = []
    categories = tuple(Category)
    for number in range(1, n_clauses + 1):
        mirror = clauses[-1] if clauses and chooser.chance(0.05) else None
        if mirror is not None:
            # A mirror: the same words as the clause before, another obligor.
            category, text = mirror.category, mirror.summary
        else:
            category = chooser.choice(categories)
            text = _words.summary(chooser, category)
        obligor = chooser.choice(_SYNTHETIC_ACTORS) if chooser.chance(0.9) else None
        attempt = 0
        while (category, " ".join(text.casefold().split()), obligor) in taken:
            attempt += 1
            if mirror is not None and attempt < 20:
                obligor = chooser.choice(_SYNTHETIC_ACTORS)
            else:
                text = _words.summary(chooser, category)
        taken.add((category, " ".join(text.casefold().split()), obligor))
        weapons = None
        if category is Category.WEAPONS:
            weapons = WeaponsTerm(
                classes=_words.sample(chooser, tuple(WeaponClass), chooser.integer(1, 2)),
                action=WeaponAction.RETAIN if "keep" in text else WeaponAction.HAND_OVER,
                holder=obligor,
            )
        clauses.append(
            Clause(
                id=f"c{number}",
                category=category,
                summary=text,
                citations=[Citation(source=_SOURCE, quote=text)],
                obligors=[] if obligor is None else [obligor],
                modality=Modality.MUST if chooser.chance(0.8) else chooser.choice(tuple(Modality)),
                weapons=weapons,
                quantity=Quantity(value=chooser.integer(1, 12), unit="checkpoints")
                if chooser.chance(0.15)
                else None,
                timing=chooser.choice(_words.TIMINGS) if chooser.chance(0.3) else None,
                places=_words.sample(chooser, _SYNTHETIC_PLACES, chooser.integer(0, 2)),
            )
        )
    return Agreement(
        id=f"synthetic-{seed}",
        title=f"Synthetic agreement {seed}",
        date=PartialDate(year=2021, month=9, day=6),
        status=Status.SIGNED,
        citations=cite,
        parties=[Party(actor=actor, citations=cite) for actor in _SYNTHETIC_ACTORS[:3]],
        third_parties=[
            ThirdParty(actor="russia", role=ThirdPartyRole.GUARANTOR, citations=cite),
            ThirdParty(actor="jordan", role=ThirdPartyRole.MEDIATOR, citations=cite),
            ThirdParty(actor="un", role=ThirdPartyRole.MONITOR, citations=cite),
        ],
        clauses=clauses,
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return _is_int(value) or isinstance(value, float)


def synthetic_pair(
    n_clauses: int,
    *,
    seed: int,
    edit_rate: float = 0.1,
    single_field: bool = False,
    renumber: bool | None = None,
) -> EditedPair:
    """A large edited pair built without Hypothesis, the same for the same arguments.

    For benchmarks: ``n_clauses`` clauses whose summaries are distinct but share
    the vocabulary of the Daraa agreements (hand over heavy weapons, checkpoints,
    the military police, lifting the siege, the return of civilians, ...), a few
    "mirror" clauses with the same words and another obligor, then edits at
    ``edit_rate``: about that share of the clauses edited, half of it removed,
    half of it added and a quarter of it moved. The truth means what it means
    for :func:`~agreements.testing.strategies.edited`. ``renumber`` renumbers
    the clauses of ``after`` ``c1``, ``c2``, ... in their new order; None lets
    the seed decide.

    >>> pair = synthetic_pair(200, seed=7)
    >>> pair == synthetic_pair(200, seed=7)
    True
    >>> len(pair.before.clauses)
    200
    >>> len(pair.truth.pairs) + len(pair.truth.removed) == 200
    True
    """
    if not _is_int(n_clauses) or n_clauses < 0:
        raise ValueError(f"n_clauses: expected an int of 0 or more, got {n_clauses!r}")
    if not _is_int(seed):
        raise TypeError(f"seed: expected an int, got {seed!r}")
    if not _is_number(edit_rate) or not 0 <= edit_rate <= 1:
        raise ValueError(f"edit_rate: expected a number from 0 to 1, got {edit_rate!r}")
    if renumber is not None and not isinstance(renumber, bool):
        raise TypeError(f"renumber: expected a bool or None, got {renumber!r}")
    if not isinstance(single_field, bool):
        raise TypeError(f"single_field: expected a bool, got {single_field!r}")
    chooser = _words.RandomChooser(random.Random(seed))  # noqa: S311 -- test data from a seed, not secrets
    before = _synthetic_agreement(chooser, n_clauses, seed)
    rates = Rates(
        remove=edit_rate / 2,
        move=edit_rate / 4,
        edit=edit_rate,
        add=edit_rate / 2,
        guarantor=min(1.0, 2 * edit_rate),
    )
    return edit(chooser, before, single_field=single_field, renumber=renumber, rates=rates)
