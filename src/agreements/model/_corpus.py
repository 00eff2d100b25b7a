"""A corpus: agreements with the actors, places, sources and words they use.

A :class:`Corpus` keeps each registry as a read-only mapping from id to
record. Agreements are ordered by date, then, among those the sources date
alike, after the agreements they build on, then by id. Its
:class:`Vocabulary` adds words to the open vocabularies (categories, weapon
classes, place and actor kinds). :meth:`Corpus.consolidated` gives the terms
in force after an agreement that amends or supplements others.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Any, Final, TypeVar

import attrs

from agreements import _names
from agreements._text import excerpt
from agreements.exceptions import ArgumentTypeError, FieldError, MergeConflictError, UnknownAgreementError
from agreements.model._fields import ID, TEXT, checked_fields, constrained, tuple_converter, tuple_of
from agreements.model._records import (
    Actor,
    Agreement,
    Citation,
    Clause,
    Dispute,
    Party,
    Place,
    Source,
    ThirdParty,
)
from agreements.model._vocabulary import OPEN_VOCABULARIES
from agreements.similarity import closest

__all__ = ["REGISTRIES", "Consolidated", "Corpus", "Provenance", "Term", "Vocabulary"]

_R = TypeVar("_R", Source, Actor, Place, Agreement)
_Keyed = TypeVar("_Keyed", Party, ThirdParty, Dispute)


# ------------------------------------------------------------------- vocabulary


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Term:
    """A word a corpus adds to an open vocabulary, with the reader's label and what it means."""

    id: str = attrs.field(validator=constrained, metadata=ID)
    label: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)
    description: str | None = attrs.field(default=None, validator=constrained, metadata=TEXT)


def _terms(items: Iterable[Term]) -> tuple[Term, ...]:
    return tuple_of(items)


tuple_converter(_terms)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Vocabulary:
    """The words a corpus adds to the built-in ones, by vocabulary.

    In a data file, each ``[[vocabulary.categories]]`` table (or
    ``weapon_classes``, ``place_kinds``, ``actor_kinds``) adds a word: its
    ``id``, and maybe a ``label`` and a ``description``. A word that is
    already built in, or defined twice, is an error.

    >>> v = Vocabulary(categories=[Term(id="prisoner-lists")])
    >>> "prisoner-lists" in v.words("categories"), "siege" in v.words("categories")
    (True, True)
    """

    categories: tuple[Term, ...] = attrs.field(default=(), converter=_terms)
    weapon_classes: tuple[Term, ...] = attrs.field(default=(), converter=_terms)
    place_kinds: tuple[Term, ...] = attrs.field(default=(), converter=_terms)
    actor_kinds: tuple[Term, ...] = attrs.field(default=(), converter=_terms)

    def __attrs_post_init__(self) -> None:
        for name, builtin in OPEN_VOCABULARIES.items():
            seen: set[str] = set()
            for index, term in enumerate(getattr(self, name)):
                if term.id in {member.value for member in builtin}:
                    raise FieldError(f"{name}[{index}].id", f"{term.id!r} is a built-in word already")
                if term.id in seen:
                    raise FieldError(f"{name}[{index}].id", f"{term.id!r} is defined twice")
                seen.add(term.id)

    def words(self, name: str) -> frozenset[str]:
        """Every word of the vocabulary ``name`` (``"categories"``, ...): the built-in ones and the added ones."""
        return frozenset(
            [
                *(member.value for member in OPEN_VOCABULARIES[_table(name)]),
                *(term.id for term in getattr(self, name)),
            ]
        )

    def term(self, name: str, word: str) -> Term | None:
        """The added term for ``word`` in the vocabulary ``name``, if the corpus adds it."""
        return next((term for term in getattr(self, _table(name)) if term.id == word), None)

    def merge(self, other: Vocabulary) -> Vocabulary:
        """The words of both; a word both define differently is a :class:`MergeConflictError`."""
        merged: dict[str, list[Term]] = {}
        for name in OPEN_VOCABULARIES:
            mine = {term.id: term for term in getattr(self, name)}
            clashes = sorted(
                term.id for term in getattr(other, name) if term.id in mine and mine[term.id] != term
            )
            if clashes:
                raise MergeConflictError(f"vocabulary.{name}", clashes)
            merged[name] = [*mine.values(), *(term for term in getattr(other, name) if term.id not in mine)]
        return Vocabulary(**merged)


def _table(name: object) -> str:
    """``name`` if it names an open vocabulary's table, else an :class:`ArgumentTypeError`."""
    if not isinstance(name, str) or name not in OPEN_VOCABULARIES:
        raise ArgumentTypeError(f"name: expected one of {', '.join(OPEN_VOCABULARIES)}, got {excerpt(name)}")
    return name


# -------------------------------------------------------------- registries


def _registry(records: Iterable[_R] | Mapping[str, _R], kind: type[_R]) -> dict[str, _R]:
    items = tuple_of(records.values() if isinstance(records, Mapping) else records)
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


def _depths(by_id: Mapping[str, Agreement]) -> dict[str, int]:
    """For each agreement, how deep it builds on agreements of its own date, through its relations.

    One topological pass: each agreement is visited once, however long the
    chains. A relation to an agreement of another date or to none in the
    corpus adds nothing; the members of a cycle (which ``check`` reports)
    count as first.
    """
    depth: dict[str, int] = {}
    for start in sorted(by_id):
        stack: list[tuple[str, list[str]]] = [(start, _earlier(by_id, start))]
        on_stack = {start}
        while stack:
            current, waiting = stack[-1]
            while waiting and (waiting[-1] in depth or waiting[-1] in on_stack):
                waiting.pop()  # done, or in a cycle through the stack: counts as first
            if waiting:
                following = waiting.pop()
                stack.append((following, _earlier(by_id, following)))
                on_stack.add(following)
                continue
            targets = [depth[target] for target in _earlier(by_id, current) if target in depth]
            depth[current] = 1 + max(targets) if targets else 0
            stack.pop()
            on_stack.discard(current)
    return depth


def _earlier(by_id: Mapping[str, Agreement], agreement_id: str) -> list[str]:
    """The agreements of the same date that this one builds on, by id."""
    agreement = by_id[agreement_id]
    return sorted(
        {
            relation.target
            for relation in agreement.relations
            if relation.target in by_id and by_id[relation.target].date == agreement.date
        }
    )


def _agreements(records: Iterable[Agreement] | Mapping[str, Agreement]) -> Mapping[str, Agreement]:
    by_id = _registry(records, Agreement)
    depth = _depths(by_id)
    # A date's sort key orders as the date does and is equal only for equal dates (its parts are in range), so
    # the dates are compared once each, not once for every comparison of the sort.
    ordered = sorted(
        by_id.values(), key=lambda agreement: (agreement.date._key(), depth[agreement.id], agreement.id)
    )
    return types.MappingProxyType({agreement.id: agreement for agreement in ordered})


#: The registries of a corpus, in the order documents write them.
REGISTRIES: Final = ("sources", "actors", "places", "agreements")


# ------------------------------------------------------------- consolidation


@attrs.frozen(kw_only=True)
class Provenance:
    """Where a clause in force comes from: the agreement that made it, and those that changed it since.

    ``agreement`` made the clause as it now reads; ``replaced`` lists the
    earlier agreements whose clause of the same id it replaced, oldest first.
    """

    agreement: str
    replaced: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Consolidated:
    """The terms in force after an agreement, with each clause's provenance.

    ``agreement`` is the agreement itself with the clauses in force after it
    (those of the agreements it amends, supplements or implements, less the
    ones it and they end or replace, then its own), the parties and third
    parties of them all, and their disputes. ``provenance`` maps each of its
    clause ids to where the clause comes from; ``ended`` maps each clause
    that an agreement of the chain ended to that agreement; ``chain`` lists
    the agreements consolidated, oldest first.
    """

    agreement: Agreement
    provenance: Mapping[str, Provenance]
    ended: Mapping[str, str]
    chain: tuple[str, ...]


def _keyed(key: str, *groups: Iterable[_Keyed]) -> tuple[_Keyed, ...]:
    """The records of every group, later groups first, each key once."""
    found: dict[str, _Keyed] = {}
    for group in groups:
        for record in group:
            found.setdefault(getattr(record, key), record)
    return tuple(found.values())


def _in_force(member: Agreement, provenance: Mapping[str, Provenance]) -> list[Dispute]:
    """The disputes of ``member`` about what is still in force: the clauses it made that no one replaced or ended.

    A dispute about a clause that a later agreement replaced or ended says
    nothing about the clause in force; it stays only if it also puts in doubt
    something else (a party, a field).
    """
    found = []
    for dispute in member.disputes:
        kept = [
            clause_id
            for clause_id in dispute.clauses
            if clause_id in provenance and provenance[clause_id].agreement == member.id
        ]
        if kept or not dispute.clauses or dispute.parties or dispute.third_parties or dispute.fields:
            found.append(attrs.evolve(dispute, clauses=kept))
    return found


# --------------------------------------------------------------------- corpus


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Corpus:
    """A set of agreements with the actors, places, sources and words they refer to.

    Each registry is a read-only mapping from id to record; agreements are
    ordered by date, then after the agreements of the same date they build
    on (through their relations), then by id; the others by id.
    """

    sources: Mapping[str, Source] = attrs.field(factory=dict, converter=_sources)
    actors: Mapping[str, Actor] = attrs.field(factory=dict, converter=_actors)
    places: Mapping[str, Place] = attrs.field(factory=dict, converter=_places)
    agreements: Mapping[str, Agreement] = attrs.field(factory=dict, converter=_agreements)
    vocabulary: Vocabulary = attrs.field(factory=Vocabulary)

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
        merged: dict[str, Any] = {}
        for name in REGISTRIES:
            mine: Mapping[str, Any] = getattr(self, name)
            theirs: Mapping[str, Any] = getattr(other, name)
            shared = sorted(set(mine) & set(theirs))
            if shared:
                raise MergeConflictError(name, shared)
            merged[name] = [*mine.values(), *theirs.values()]
        return Corpus(**merged, vocabulary=self.vocabulary.merge(other.vocabulary))

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

    def consolidated(self, agreement_id: str) -> Consolidated:
        """The terms in force after an agreement: its own, and those it leaves in force of the ones it builds on.

        An agreement that ``amends``, ``supplements`` or ``implements`` another
        keeps the other's clauses in force, except those it replaces (a clause
        of its own with the same id) or ends (``Relation.ends``); one that
        ``supersedes`` another keeps nothing of it; ``follows`` keeps nothing.
        The chain is followed as far back as it goes.

        >>> import agreements as ag
        >>> c = ag.corpus().consolidated("busra-al-sham-2018")
        >>> c.chain, c.agreement == ag.get("busra-al-sham-2018")
        (('busra-al-sham-2018',), True)
        """
        top = self.get(agreement_id)
        chain = self._chain(top)
        clauses: dict[str, Clause] = {}
        provenance: dict[str, Provenance] = {}
        ended: dict[str, str] = {}
        for member_id in chain:
            member = self.agreements[member_id]
            for relation in member.relations:
                if not relation.kind.keeps_terms:
                    continue
                for clause_id in relation.ends:
                    if clause_id in clauses:
                        del clauses[clause_id]
                        del provenance[clause_id]
                        ended[clause_id] = member_id
            for clause in member.clauses:
                before = provenance.get(clause.id)
                replaced = () if before is None else (*before.replaced, before.agreement)
                clauses[clause.id] = clause
                provenance[clause.id] = Provenance(agreement=member_id, replaced=replaced)
                ended.pop(clause.id, None)
        members = [self.agreements[member_id] for member_id in reversed(chain)]
        agreement = attrs.evolve(
            top,
            clauses=list(clauses.values()),
            parties=_keyed("actor", *(member.parties for member in members)),
            third_parties=_keyed("actor", *(member.third_parties for member in members)),
            disputes=_keyed("id", *(_in_force(member, provenance) for member in members)),
        )
        return Consolidated(
            agreement=agreement,
            provenance=types.MappingProxyType(provenance),
            ended=types.MappingProxyType(ended),
            chain=chain,
        )

    def _chain(self, top: Agreement) -> tuple[str, ...]:
        """The agreements whose terms stay in force under ``top``, oldest first, ``top`` last."""
        order: list[str] = []
        seen: set[str] = set()
        stack: list[tuple[str, bool]] = [(top.id, False)]
        while stack:
            current, expanded = stack.pop()
            if expanded:
                order.append(current)
                continue
            if current in seen:
                continue
            seen.add(current)
            stack.append((current, True))
            stack.extend(
                (relation.target, False)
                for relation in reversed(self.agreements[current].relations)
                if relation.kind.keeps_terms
                and relation.target in self.agreements
                and relation.target not in seen
            )
        return tuple(order)
