"""Clause logic: the problems a well-formed agreement can still have.

The loader makes sure each record is well formed on its own: ids are ids,
dates are dates, every clause is cited. What it cannot see is how records
refer to each other and whether what they say fits together. :func:`check`
looks for exactly that:

``dangling-reference``
    an obligor, weapons holder, party, third party, event actor, place,
    territory place, citation source, dispute clause or condition clause (or
    an actor's or place's ``parent``) that names nothing.
``parent-cycle``
    actors or places that are, through their parents, their own ancestors.
``duplicate-id``
    two clauses, two disputes or two events of one agreement with one id.
``handover-and-retain``
    one clause obliges a holder to hand over a weapon class that another
    clause lets the same holder keep.
``must-and-must-not``
    one clause obliges an actor to do what another forbids it: the same
    ``action`` key, or a weapons term of the same action on the same classes.
``status-contradiction``
    events that do not fit the agreement's status: a collapse of an
    agreement said to be signed or in force, a signing or entry into force of
    one said to be proposed or rejected (errors); a "collapsed" agreement
    with no collapse event (a warning).
``date-order``
    an entry into force, handover or collapse dated before the agreement
    itself (an error; a warning when either date is approximate); a signing
    whose date does not match the agreement's (a warning).

Two contradicting clauses are an error when they apply under the same timing
and condition, and a warning when those differ (the agreement may mean one
to follow the other). Clauses that a dispute puts in doubt are not checked for
contradictions: the dispute already records that the sources disagree.

Problems come in document order, with paths in the loader's syntax:
``clauses[3].obligor`` inside a lone agreement, ``agreements[2].clauses[3].obligor``
inside a corpus. A corpus's registries are indexed in the corpus's own order
(agreements by date, the others by id), which is the order :func:`agreements.dumps`
writes them in.
"""

from __future__ import annotations

import calendar
import datetime
import types
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Final

import attrs

from agreements._text import article
from agreements.exceptions import ArgumentTypeError, Problem
from agreements.model import (
    Actor,
    Agreement,
    Citation,
    Clause,
    Corpus,
    EventKind,
    Modality,
    PartialDate,
    Place,
    Status,
    WeaponAction,
    WeaponClass,
)
from agreements.similarity import closest

__all__ = ["CODES", "ERROR", "WARNING", "check", "check_document", "contradiction"]

#: The severity of a problem that makes the data wrong.
ERROR: Final = "error"
#: The severity of a problem that a person should look at, but that may be right.
WARNING: Final = "warning"

#: Every problem code :func:`check` reports, with what it means.
CODES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "dangling-reference": "a reference to an actor, place, source or clause names nothing",
        "parent-cycle": "actors or places that are, through their parents, their own ancestors",
        "duplicate-id": "two clauses, disputes or events of one agreement share an id",
        "handover-and-retain": "a holder must hand over a weapon class that another clause lets it keep",
        "must-and-must-not": "one clause obliges an actor to do what another clause forbids it",
        "status-contradiction": "an event does not fit the agreement's status",
        "date-order": "an event's date does not fit the agreement's date",
    }
)


def check(subject: Agreement | Corpus, *, corpus: Corpus | None = None) -> tuple[Problem, ...]:
    """Every problem in an agreement or a corpus, in document order.

    A corpus is checked against its own registries, and those of ``corpus``
    when given (say, your own agreements against the built-in actors and
    places: ``check(mine, corpus=agreements.corpus())``). A lone agreement is
    checked against ``corpus`` when given; without it, references to actors,
    places and sources cannot be resolved and are not checked.

    >>> from agreements import Category, Citation, Clause
    >>> cite = [Citation(source="report", quote="the army may enter")]
    >>> def clause(clause_id, modality):
    ...     return Clause(id=clause_id, category=Category.SECURITY_PRESENCE, summary="Army enters.",
    ...                   obligor="army", action="enter", modality=modality, citations=cite)
    >>> a = Agreement(id="a", title="A", date=PartialDate(year=2018), status=Status.SIGNED, citations=cite,
    ...               clauses=[clause("enter", Modality.MUST), clause("stay-out", Modality.MUST_NOT)])
    >>> for problem in check(a):
    ...     print(problem.severity, problem.code, problem)
    error must-and-must-not clauses[1].modality: clause 'stay-out' says 'must-not' and clause 'enter' (clauses[0]) says 'must' for 'army' to 'enter'
    >>> sorted({p.message for p in check(a, corpus=Corpus()) if p.code == "dangling-reference"})
    ["no actor has the id 'army'", "no source has the id 'report'"]
    """
    if corpus is not None and not isinstance(corpus, Corpus):
        raise ArgumentTypeError(f"corpus= must be a Corpus, got {type(corpus).__name__}")
    if isinstance(subject, Corpus):
        registries = _Registries.of(subject if corpus is None else subject.merge(corpus))
        return tuple(_check_corpus(subject, registries))
    if isinstance(subject, Agreement):
        return tuple(_check_agreement(subject, _Registries.of(corpus), prefix=""))
    raise ArgumentTypeError(f"expected an Agreement or a Corpus, got {type(subject).__name__}")


# ----------------------------------------------------------------- registries


@attrs.frozen(kw_only=True)
class _Registries:
    """The ids references resolve against; ``None`` where they cannot be checked."""

    actors: Collection[str] | None
    places: Collection[str] | None
    sources: Collection[str] | None

    @classmethod
    def of(cls, corpus: Corpus | None) -> _Registries:
        if corpus is None:
            return cls(actors=None, places=None, sources=None)
        return cls(actors=corpus.actors, places=corpus.places, sources=corpus.sources)


def _problem(path: str, message: str, code: str, severity: str = ERROR) -> Problem:
    return Problem(path=path, message=message, code=code, severity=severity)


def _dangling(path: str, value: str, kind: str, known: Collection[str]) -> Problem:
    guess = closest(value, sorted(known), limit=1, cutoff=0.6)
    hint = f"; did you mean {guess[0][0]!r}?" if guess else ""
    return _problem(path, f"no {kind} has the id {value!r}{hint}", "dangling-reference")


def _references(path: str, values: Sequence[str], kind: str, known: Collection[str] | None) -> list[Problem]:
    if known is None:
        return []
    return [
        _dangling(f"{path}[{index}]", value, kind, known)
        for index, value in enumerate(values)
        if value not in known
    ]


def _reference(path: str, value: str | None, kind: str, known: Collection[str] | None) -> list[Problem]:
    if known is None or value is None or value in known:
        return []
    return [_dangling(path, value, kind, known)]


def _citations(path: str, citations: Sequence[Citation], known: Collection[str] | None) -> list[Problem]:
    if known is None:
        return []
    return [
        _dangling(f"{path}[{index}].source", citation.source, "source", known)
        for index, citation in enumerate(citations)
        if citation.source not in known
    ]


# --------------------------------------------------------------------- corpus


def check_document(document: Agreement | Corpus) -> tuple[Problem, ...]:
    """The problems of one document as read from a file, for the loader.

    A document may leave a registry to another file of its corpus (an
    agreement file names actors that a registry file defines), so references
    into a registry the document leaves empty are not checked here.
    """
    if isinstance(document, Agreement):
        return check(document)
    registries = _Registries(
        actors=document.actors or None, places=document.places or None, sources=document.sources or None
    )
    return tuple(_check_corpus(document, registries))


def _check_corpus(corpus: Corpus, registries: _Registries) -> list[Problem]:
    found = _check_tree("actors", "actor", corpus.actors, registries)
    found += _check_tree("places", "place", corpus.places, registries)
    for index, agreement in enumerate(corpus.agreements.values()):
        found += _check_agreement(agreement, registries, prefix=f"agreements[{index}].")
    return found


def _check_tree(
    name: str, kind: str, records: Mapping[str, Actor | Place], registries: _Registries
) -> list[Problem]:
    """Parents and citations of the actors (or places), and the cycles their parents make."""
    position = {record_id: index for index, record_id in enumerate(records)}
    found: list[Problem] = []
    for index, record in enumerate(records.values()):
        path = f"{name}[{index}]"
        if record.parent is not None:
            if record.parent not in records:
                found.append(_dangling(f"{path}.parent", record.parent, kind, records))
            else:
                cycle = _cycle(record.id, records)
                # One report per cycle, at the member that comes first.
                if cycle and min(position[member] for member in cycle) == index:
                    loop = " -> ".join(repr(member) for member in (*cycle, record.id))
                    found.append(
                        _problem(
                            f"{path}.parent",
                            f"{kind} {record.id!r} is its own ancestor: {loop}",
                            "parent-cycle",
                        )
                    )
        found += _citations(f"{path}.citations", record.citations, registries.sources)
    return found


def _cycle(start: str, records: Mapping[str, Actor | Place]) -> tuple[str, ...]:
    """The ids on the loop of parents through ``start``, from ``start``; empty if there is none."""
    chain = [start]
    seen = {start}
    current = records[start].parent
    while current is not None and current in records:
        if current == start:
            return tuple(chain)
        if current in seen:  # a loop that ``start`` leads into but is not part of
            return ()
        chain.append(current)
        seen.add(current)
        current = records[current].parent
    return ()


# ------------------------------------------------------------------ agreement


def _check_agreement(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    found: list[Problem] = []
    if agreement.status is Status.COLLAPSED and all(
        event.kind is not EventKind.COLLAPSE for event in agreement.events
    ):
        found.append(
            _problem(
                f"{prefix}status",
                f"agreement {agreement.id!r} is 'collapsed' but none of its events is a collapse",
                "status-contradiction",
                WARNING,
            )
        )
    found += _citations(f"{prefix}citations", agreement.citations, registries.sources)
    found += _reference(f"{prefix}place", agreement.place, "place", registries.places)
    for index, party in enumerate(agreement.parties):
        path = f"{prefix}parties[{index}]"
        found += _reference(f"{path}.actor", party.actor, "actor", registries.actors)
        found += _citations(f"{path}.citations", party.citations, registries.sources)
    for index, third in enumerate(agreement.third_parties):
        path = f"{prefix}third_parties[{index}]"
        found += _reference(f"{path}.actor", third.actor, "actor", registries.actors)
        found += _citations(f"{path}.citations", third.citations, registries.sources)
    if agreement.territory is not None:
        path = f"{prefix}territory"
        found += _citations(f"{path}.citations", agreement.territory.citations, registries.sources)
        found += _references(f"{path}.places", agreement.territory.places, "place", registries.places)
    found += _check_clauses(agreement, registries, prefix=prefix)
    clause_ids = {clause.id for clause in agreement.clauses}
    first_dispute: dict[str, int] = {}
    for index, dispute in enumerate(agreement.disputes):
        path = f"{prefix}disputes[{index}]"
        found += _duplicate(
            f"{path}.id",
            dispute.id,
            kind="dispute",
            index=index,
            first=first_dispute,
            where=f"{prefix}disputes",
        )
        for number, claim in enumerate(dispute.claims):
            found += _citations(f"{path}.claims[{number}].citations", claim.citations, registries.sources)
        found += _references(f"{path}.clauses", dispute.clauses, "clause of this agreement", clause_ids)
    found += _check_events(agreement, registries, prefix=prefix)
    return found


def _duplicate(
    path: str, value: str, *, kind: str, index: int, first: dict[str, int], where: str
) -> list[Problem]:
    earlier = first.setdefault(value, index)
    if earlier == index:
        return []
    return [_problem(path, f"duplicate {kind} id {value!r}, also {where}[{earlier}]", "duplicate-id")]


def _check_clauses(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    found: list[Problem] = []
    clause_ids = {clause.id for clause in agreement.clauses}
    doubtful = agreement.disputed_clauses
    first: dict[str, int] = {}
    for index, clause in enumerate(agreement.clauses):
        path = f"{prefix}clauses[{index}]"
        found += _duplicate(
            f"{path}.id", clause.id, kind="clause", index=index, first=first, where=f"{prefix}clauses"
        )
        found += _citations(f"{path}.citations", clause.citations, registries.sources)
        found += _reference(f"{path}.obligor", clause.obligor, "actor", registries.actors)
        earlier = [
            (number, other)
            for number, other in enumerate(agreement.clauses[:index])
            if clause.id not in doubtful and other.id not in doubtful
        ]
        for number, other in earlier:
            found += _contradiction(path, clause, other, f"{prefix}clauses[{number}]")
        if clause.weapons is not None:
            found += _reference(f"{path}.weapons.holder", clause.weapons.holder, "actor", registries.actors)
        if clause.condition is not None:
            found += _references(
                f"{path}.condition.clauses", clause.condition.clauses, "clause of this agreement", clause_ids
            )
        found += _references(f"{path}.places", clause.places, "place", registries.places)
    return found


def _action_key(action: str) -> str:
    return " ".join(action.casefold().split())


def contradiction(clause: Clause, other: Clause) -> str | None:
    """The code of the contradiction between two clauses, or ``None`` when they fit together.

    ``"must-and-must-not"``: one obliges and the other forbids the same
    ``action`` of the same obligor, or the same weapons action on shared
    classes of the same holder. ``"handover-and-retain"``: one obliges a
    holder to hand over weapon classes that the other lets it keep. Timing and
    conditions are not looked at here: :func:`check` uses them to tell an
    error from a warning.

    >>> from agreements import Category, Citation
    >>> cite = [Citation(source="s", quote="q")]
    >>> enter = Clause(id="a", category=Category.SECURITY_PRESENCE, summary="s", citations=cite,
    ...                obligor="army", action="enter")
    >>> contradiction(enter, attrs.evolve(enter, id="b", modality=Modality.MUST_NOT))
    'must-and-must-not'
    """
    if {clause.modality, other.modality} == {Modality.MUST, Modality.MUST_NOT}:
        if (
            clause.action is not None
            and other.action is not None
            and clause.obligor == other.obligor
            and _action_key(clause.action) == _action_key(other.action)
        ):
            return "must-and-must-not"
        if _shared_weapons(clause, other) and clause.weapons.action is other.weapons.action:  # type: ignore[union-attr]
            return "must-and-must-not"
    stances = {clause.stance, other.stance}
    if stances == {WeaponAction.HAND_OVER, WeaponAction.RETAIN} and _shared_weapons(clause, other):
        return "handover-and-retain"
    return None


def _shared_weapons(clause: Clause, other: Clause) -> frozenset[WeaponClass]:
    """The weapon classes both clauses are about, for the same holder."""
    if clause.weapons is None or other.weapons is None or clause.holder != other.holder:
        return frozenset()
    return clause.weapons.classes & other.weapons.classes


def _who(actor: str | None) -> str:
    return "an unnamed actor" if actor is None else repr(actor)


def _classes(classes: Iterable[WeaponClass]) -> str:
    chosen = frozenset(classes)
    return ", ".join(repr(weapon.value) for weapon in WeaponClass if weapon in chosen)


def _severity(clause: Clause, other: Clause) -> tuple[str, str]:
    """Error when both clauses apply together; a warning (and why) when they may not."""
    if (clause.timing, clause.condition) == (other.timing, other.condition):
        return ERROR, ""
    return WARNING, "; their timing or conditions differ: check that they cannot both apply"


def _contradiction(path: str, clause: Clause, other: Clause, other_path: str) -> list[Problem]:
    """The problem two clauses make together, said in words, at ``path`` (the later clause)."""
    code = contradiction(clause, other)
    if code is None:
        return []
    severity, why = _severity(clause, other)
    if code == "must-and-must-not":
        said = (
            f"clause {clause.id!r} says {clause.modality.value!r} and clause {other.id!r} ({other_path})"
            f" says {other.modality.value!r}"
        )
        same_action = (
            clause.action is not None
            and other.action is not None
            and clause.obligor == other.obligor
            and _action_key(clause.action) == _action_key(other.action)
        )
        if same_action:
            message = f"{said} for {_who(clause.obligor)} to {clause.action!r}{why}"
            return [_problem(f"{path}.modality", message, code, severity)]
        assert clause.weapons is not None
        shared = _classes(_shared_weapons(clause, other))
        message = f"{said} for {_who(clause.holder)} to {clause.weapons.action.value} {shared} weapons{why}"
        return [_problem(f"{path}.modality", message, code, severity)]
    this, that = f"clause {clause.id!r}", f"clause {other.id!r} ({other_path})"
    keeps, gives = (this, that) if clause.stance is WeaponAction.RETAIN else (that, this)
    message = (
        f"{keeps} lets {_who(clause.holder)} keep {_classes(_shared_weapons(clause, other))} weapons"
        f" that {gives} obliges it to hand over{why}"
    )
    return [_problem(f"{path}.weapons.action", message, code, severity)]


# --------------------------------------------------------------------- events


def _first_day(date: PartialDate) -> datetime.date:
    return datetime.date(date.year, date.month or 1, date.day or 1)


def _last_day(date: PartialDate) -> datetime.date:
    if date.day is not None:
        return _first_day(date)
    month = date.month or 12
    return datetime.date(date.year, month, calendar.monthrange(date.year, month)[1])


def _check_events(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    found: list[Problem] = []
    first: dict[str, int] = {}
    for index, event in enumerate(agreement.events):
        path = f"{prefix}events[{index}]"
        found += _duplicate(
            f"{path}.id", event.id, kind="event", index=index, first=first, where=f"{prefix}events"
        )
        found += _event_date(f"{path}.date", agreement, event.kind, event.id, event.date)
        if event.kind in agreement.status.rules_out:
            found.append(
                _problem(
                    f"{path}.kind",
                    f"{article(event.kind.value)} {event.kind.value} event ({event.id!r}) on an agreement whose status is {agreement.status.value!r}",
                    "status-contradiction",
                )
            )
        found += _citations(f"{path}.citations", event.citations, registries.sources)
        found += _references(f"{path}.actors", event.actors, "actor", registries.actors)
        found += _references(f"{path}.places", event.places, "place", registries.places)
    return found


def _event_date(
    path: str, agreement: Agreement, kind: EventKind, event_id: str, date: PartialDate
) -> list[Problem]:
    approximate = date.approximate or agreement.date.approximate
    what = f"the {kind.value} event {event_id!r} is dated {str(date)!r}"
    if kind.after_agreement and _last_day(date) < _first_day(agreement.date):
        return [
            _problem(
                path,
                f"{what}, before the agreement's date {str(agreement.date)!r}"
                + ("; a date is approximate, so this may be right" if approximate else ""),
                "date-order",
                WARNING if approximate else ERROR,
            )
        ]
    if kind is EventKind.SIGNING and not approximate:
        apart = _last_day(date) < _first_day(agreement.date) or _last_day(agreement.date) < _first_day(date)
        if apart:
            return [
                _problem(
                    path,
                    f"{what}, but the agreement is dated {str(agreement.date)!r}",
                    "date-order",
                    WARNING,
                )
            ]
    return []
