"""Clause logic: the problems a well-formed agreement can still have.

The loader makes sure each record is well formed on its own: ids are ids,
dates are dates, every clause is cited. What it cannot see is how records
refer to each other and whether what they say fits together. :func:`check`
looks for exactly that (:data:`CODES` lists the same codes in one line each):

``dangling-reference``
    an obligor, weapons holder or recipient, destination, party, third party,
    event actor, place, territory place, citation source, relation target or
    ended clause, dispute target (clause, party, third party), condition
    clause or deadline anchor (or an actor's or place's ``parent``) that
    names nothing.
``parent-cycle``
    actors or places that are, through their parents, their own ancestors.
``duplicate-id``
    two clauses, two disputes or two events of one agreement with one id.
``handover-and-retain``
    one clause obliges a holder to give up (hand over, store, destroy) a
    weapon class that another clause lets the same holder keep.
``must-and-must-not``
    one clause obliges an actor to do what another forbids it: the same
    ``action`` key, or a weapons term of the same action on the same classes.
``status-contradiction``
    events that do not fit the agreement's status: a collapse of an
    agreement said to be signed or in force, a signing or entry into force of
    one said to be proposed or rejected (errors); a "collapsed" agreement
    with no collapse event (a warning); a dated status history whose latest
    entry is not the agreement's status (an error).
``date-order``
    an entry into force, handover or collapse dated before the agreement
    itself (an error; a warning when either date is approximate); a signing
    whose date does not match the agreement's (a warning); a status other
    than ``proposed`` dated before the agreement (an error; a warning when a
    date is approximate).
``relation-cycle``
    agreements that, through their relations, build on themselves.
``self-reference``
    an agreement related to itself, a clause whose condition names itself, or
    whose deadline counts from itself.
``condition-cycle``
    clauses that wait for each other through their conditions.
``deadline-cycle``
    clauses whose deadlines count from each other, so none can be dated.
``unknown-term``
    a category, weapon class, actor kind or place kind that is neither built
    in nor added by the corpus's ``vocabulary`` (with the closest word).
``prohibition-wording``
    a ``must-not`` clause whose summary is worded as a negation (a warning):
    the summary states the act, the modality forbids it.
``not-verbatim``
    with ``sources``, a quote not found in its source's document.
``missing-document``
    with ``sources``, a source document that is not in the folder.

Two contradicting clauses are an error when they apply under the same timing
and condition, and a warning when those differ (the agreement may mean one
to follow the other). Clauses that a dispute puts in doubt are not checked for
contradictions: the dispute already records that the sources disagree.

Problems come in document order, with paths in the loader's syntax:
``clauses[3].obligors[0]`` inside a lone agreement,
``agreements[2].clauses[3].obligors[0]`` inside a corpus. A corpus's
registries are indexed in the corpus's own order (agreements by date, the
others by id), which is the order :func:`agreements.dumps` writes them in.

Every lookup is built once per corpus and per agreement, so checking takes
time in proportion to the data (and to the contradictions found), not to the
square of the number of clauses.
"""

from __future__ import annotations

import os
import re
import types
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

import attrs

from agreements._text import and_list, article, excerpt, words
from agreements.exceptions import ArgumentTypeError, Problem
from agreements.model import (
    AGREEMENT_ANCHOR,
    Actor,
    Agreement,
    Citation,
    Claim,
    Clause,
    Corpus,
    Event,
    EventKind,
    Modality,
    Place,
    Source,
    Status,
    Vocabulary,
    WeaponAction,
    heaviest_first,
)
from agreements.similarity import closest

__all__ = ["CODES", "ERROR", "MAX_DOCUMENT_BYTES", "WARNING", "check", "check_document", "contradiction"]

#: The severity of a problem that makes the data wrong.
ERROR: Final = "error"
#: The severity of a problem that a person should look at, but that may be right.
WARNING: Final = "warning"

#: Every problem code :func:`check` reports, with what it means.
CODES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "dangling-reference": "a reference to an actor (a claim's `by` too), place, source, agreement, clause or event names nothing",
        "parent-cycle": "actors or places that are, through their parents, their own ancestors",
        "duplicate-id": "two clauses, disputes or events of one agreement share an id",
        "handover-and-retain": "a holder must give up weapons (hand over, store, destroy) that another clause lets it keep",
        "must-and-must-not": "one clause obliges an actor to do what another clause forbids it",
        "status-contradiction": "an event or the dated status history does not fit the agreement's status",
        "date-order": "an event's or a status's date does not fit the agreement's date",
        "relation-cycle": "agreements that, through their relations, build on themselves",
        "self-reference": "a clause whose condition or deadline names itself, or an agreement related to itself",
        "condition-cycle": "clauses that, through their conditions, wait for themselves",
        "deadline-cycle": "clauses whose deadlines count from each other, so that none can be dated",
        "unknown-term": "a category, weapon class or kind that is neither built in nor in the corpus's vocabulary",
        "prohibition-wording": "a must-not clause whose summary is worded as a negation (state the act; the modality forbids it)",
        "not-verbatim": "a quote not found in its source document",
        "missing-document": "a source document that is not in the sources folder",
    }
)

#: The largest source document :func:`check` reads to verify quotes.
MAX_DOCUMENT_BYTES: Final = 20_000_000

# Words that make a summary read as a negation: a must-not clause worded so
# reads as a double negative once its modality is shown ("Forbidden: no ...").
_NEGATION: Final = re.compile(
    r"^\s*(no|not|never|neither|nor|none)\b|\b(not|never)\b|n['’]t\b", re.IGNORECASE
)


def check(
    subject: Agreement | Corpus,
    *,
    corpus: Corpus | None = None,
    sources: str | os.PathLike[str] | None = None,
) -> tuple[Problem, ...]:
    """Every problem in an agreement or a corpus, in document order.

    A corpus is checked against its own registries, and those of ``corpus``
    when given (say, your own agreements against the built-in actors and
    places: ``check(mine, corpus=agreements.corpus())``). A lone agreement is
    checked against ``corpus`` when given; without it, references to actors,
    places, sources and agreements cannot be resolved and are not checked,
    and its words are checked against the built-in vocabularies.

    With ``sources`` (a folder), every quote is looked up in the document of
    its source in that folder, white space collapsed and nothing else
    changed: a quote that is not there, and a document that is missing, are
    problems.

    >>> from agreements import Category, Citation, Clause, PartialDate, Status
    >>> cite = [Citation(source="report", quote="the army may enter")]
    >>> def clause(clause_id, modality):
    ...     return Clause(id=clause_id, category=Category.SECURITY_PRESENCE, summary="Army enters.",
    ...                   obligors=["army"], action="enter", modality=modality, citations=cite)
    >>> a = Agreement(id="a", title="A", date=PartialDate(year=2018), status=Status.SIGNED, citations=cite,
    ...               clauses=[clause("enter", Modality.MUST), clause("stay-out", Modality.MUST_NOT)])
    >>> for problem in check(a):
    ...     print(problem.severity, problem.code, problem)
    error must-and-must-not clauses[1].modality: clause 'stay-out' says 'must-not' and clause 'enter' (clauses[0]) says 'must' for 'army' to 'enter'
    >>> sorted({p.message for p in check(a, corpus=Corpus()) if p.code == "dangling-reference"})
    ["no actor has the id 'army'", "no source has the id 'report'"]
    """
    if corpus is not None:
        ArgumentTypeError.check("corpus", corpus, Corpus, "a Corpus")
    if sources is not None:
        ArgumentTypeError.check("sources", sources, (str, os.PathLike), "a folder")
    if isinstance(subject, Corpus):
        whole = subject if corpus is None else subject.merge(corpus)
        found = _check_corpus(subject, _Registries.of(whole))
        records: Mapping[str, Source] = whole.sources
    elif isinstance(subject, Agreement):
        found = _check_agreement(subject, _Registries.of(corpus), prefix="")
        records = {} if corpus is None else corpus.sources
    else:
        raise ArgumentTypeError(f"expected an Agreement or a Corpus, got {type(subject).__name__}")
    if sources is not None:
        found += _check_quotes(subject, records, Path(sources))
    return tuple(found)


# ----------------------------------------------------------------- registries


@attrs.frozen(kw_only=True)
class _Registries:
    """The ids and words references resolve against; ``None`` where they cannot be checked."""

    actors: Collection[str] | None
    places: Collection[str] | None
    sources: Collection[str] | None
    agreements: Mapping[str, Agreement] | None
    vocabulary: Vocabulary | None

    @classmethod
    def of(cls, corpus: Corpus | None) -> _Registries:
        if corpus is None:
            return cls(actors=None, places=None, sources=None, agreements=None, vocabulary=Vocabulary())
        return cls(
            actors=corpus.actors,
            places=corpus.places,
            sources=corpus.sources,
            agreements=corpus.agreements,
            vocabulary=corpus.vocabulary,
        )


def _problem(path: str, message: str, code: str, severity: str = ERROR) -> Problem:
    return Problem(path=path, message=message, code=code, severity=severity)


def _dangling(path: str, value: str, kind: str, known: Collection[str]) -> Problem:
    guess = closest(value, sorted(known), limit=1, cutoff=0.6)
    hint = f"; did you mean {guess[0][0]!r}?" if guess else ""
    return _problem(path, f"no {kind} has the id {excerpt(value)}{hint}", "dangling-reference")


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


# The word for one term of each open vocabulary, by the name of its table.
_TERM_KINDS: Final = {
    "categories": "category",
    "weapon_classes": "weapon class",
    "actor_kinds": "actor kind",
    "place_kinds": "place kind",
}


def _term(path: str, word: str, name: str, vocabulary: Vocabulary) -> list[Problem]:
    known = vocabulary.words(name)
    if word in known:
        return []
    kind = _TERM_KINDS[name]
    guess = closest(word, sorted(known), limit=1, cutoff=0.6)
    hint = (
        f"; did you mean {guess[0][0]!r}?"
        if guess
        else f"; add it to the corpus's vocabulary ([[vocabulary.{name}]]) if it is meant"
    )
    return [
        _problem(path, f"{excerpt(word)} is not {article(kind)} {kind} of this corpus{hint}", "unknown-term")
    ]


# --------------------------------------------------------------------- corpus


def check_document(document: Agreement | Corpus) -> tuple[Problem, ...]:
    """The problems of one document as read from a file, for the loader.

    A document may leave a registry to another file of its corpus (an
    agreement file names actors that a registry file defines), so references
    into a registry the document leaves empty are not checked here; nor are
    the words of the open vocabularies when the document adds none (another
    file of the corpus may add them).
    """
    registries = _Registries(
        actors=None if isinstance(document, Agreement) else document.actors or None,
        places=None if isinstance(document, Agreement) else document.places or None,
        sources=None if isinstance(document, Agreement) else document.sources or None,
        agreements=None if isinstance(document, Agreement) else document.agreements or None,
        vocabulary=None
        if isinstance(document, Agreement) or document.vocabulary == Vocabulary()
        else document.vocabulary,
    )
    if isinstance(document, Agreement):
        return tuple(_check_agreement(document, registries, prefix=""))
    return tuple(_check_corpus(document, registries))


def _check_corpus(corpus: Corpus, registries: _Registries) -> list[Problem]:
    found = _check_tree("actors", "actor", corpus.actors, registries)
    found += _check_tree("places", "place", corpus.places, registries)
    cycles = _relation_cycles(corpus)
    for index, agreement in enumerate(corpus.agreements.values()):
        found += _check_agreement(
            agreement, registries, prefix=f"agreements[{index}].", cycle=cycles.get(agreement.id)
        )
    return found


def _check_tree(
    name: str, kind: str, records: Mapping[str, Actor | Place], registries: _Registries
) -> list[Problem]:
    """Parents, kinds and citations of the actors (or places), and the cycles their parents make."""
    position = {record_id: index for index, record_id in enumerate(records)}
    found: list[Problem] = []
    in_cycle = _cycles(records)
    # A parent may be a record of the corpus checked against (a built-in place, say).
    known: Collection[str] = getattr(registries, name) or records
    for index, record in enumerate(records.values()):
        path = f"{name}[{index}]"
        if registries.vocabulary is not None:
            found += _term(f"{path}.kind", record.kind, f"{kind}_kinds", registries.vocabulary)
        if record.parent is not None:
            if record.parent not in known:
                found.append(_dangling(f"{path}.parent", record.parent, kind, known))
            elif record.id in in_cycle and min(position[member] for member in in_cycle[record.id]) == index:
                # One report per cycle, at the member that comes first.
                loop = " -> ".join(repr(member) for member in (*in_cycle[record.id], record.id))
                found.append(
                    _problem(
                        f"{path}.parent", f"{kind} {record.id!r} is its own ancestor: {loop}", "parent-cycle"
                    )
                )
        found += _citations(f"{path}.citations", record.citations, registries.sources)
    return found


def _cycles(records: Mapping[str, Actor | Place]) -> dict[str, tuple[str, ...]]:
    """For each record on a loop of parents, the loop from that record; one pass over the records."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    loops: dict[str, tuple[str, ...]] = {}
    for start in records:
        path: list[str] = []
        current: str | None = start
        while current is not None and current in records and current not in state:
            state[current] = 1
            path.append(current)
            current = records[current].parent
        if current is not None and state.get(current) == 1:
            loop = path[path.index(current) :]
            for offset, member in enumerate(loop):
                loops[member] = (*loop[offset:], *loop[:offset])
        for member in path:
            state[member] = 2
    return loops


def _relation_cycles(corpus: Corpus) -> dict[str, Problem]:
    """Agreements that build on themselves through their relations: one problem per cycle, by its first agreement."""
    agreements = corpus.agreements
    position = {agreement_id: index for index, agreement_id in enumerate(agreements)}
    edges = {
        agreement.id: sorted(
            {
                relation.target
                for relation in agreement.relations
                if relation.target in agreements and relation.target != agreement.id
            }
        )
        for agreement in agreements.values()
    }
    found: dict[str, Problem] = {}
    for component in _strong_components(edges):
        if len(component) < 2:
            continue
        ordered = sorted(component, key=position.__getitem__)
        loop = " -> ".join(repr(member) for member in (*ordered, ordered[0]))
        found[ordered[0]] = _problem(
            f"agreements[{position[ordered[0]]}].relations",
            f"agreements build on themselves through their relations: {loop}",
            "relation-cycle",
        )
    return found


def _strong_components(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (chains may be long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            for target in targets:
                if target in on_stack:
                    low[node] = min(low[node], low[target])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


# ------------------------------------------------------------------ agreement


def _check_agreement(
    agreement: Agreement, registries: _Registries, *, prefix: str, cycle: Problem | None = None
) -> list[Problem]:
    """The problems of one agreement, in the order of its fields; ``cycle`` is its relation cycle, if any."""
    found: list[Problem] = []
    found += _check_status(agreement, prefix=prefix)
    found += _citations(f"{prefix}citations", agreement.citations, registries.sources)
    found += _reference(f"{prefix}place", agreement.place, "place", registries.places)
    if cycle is not None:
        found.append(cycle)
    found += _check_relations(agreement, registries, prefix=prefix)
    found += _check_statuses(agreement, registries, prefix=prefix)
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
    found += _check_disputes(agreement, registries, prefix=prefix)
    found += _check_events(agreement, registries, prefix=prefix)
    found += _check_claims(agreement, registries, prefix=prefix)
    return found


def _check_status(agreement: Agreement, *, prefix: str) -> list[Problem]:
    if agreement.status is Status.COLLAPSED and all(
        event.kind is not EventKind.COLLAPSE for event in agreement.events
    ):
        return [
            _problem(
                f"{prefix}status",
                f"agreement {agreement.id!r} is 'collapsed' but none of its events is a collapse",
                "status-contradiction",
                WARNING,
            )
        ]
    return []


def _check_statuses(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    """The dated status history: its latest entry is the agreement's status, and none comes before it."""
    statuses = agreement.statuses
    latest = max(range(len(statuses)), key=lambda index: statuses[index].as_of, default=None)
    found: list[Problem] = []
    for index, entry in enumerate(statuses):
        path = f"{prefix}statuses[{index}]"
        if index == latest and entry.status is not agreement.status:
            found.append(
                _problem(
                    f"{path}.status",
                    f"the latest dated status ({entry.status.value!r} as of {str(entry.as_of)!r}) is not the"
                    f" agreement's status ({agreement.status.value!r})",
                    "status-contradiction",
                )
            )
        if entry.as_of.last_day() < agreement.date.first_day() and entry.status is not Status.PROPOSED:
            found.append(
                _problem(
                    f"{path}.as_of",
                    f"the status {entry.status.value!r} is dated {str(entry.as_of)!r}, before the agreement's date"
                    f" {str(agreement.date)!r}",
                    "date-order",
                    WARNING if entry.as_of.approximate or agreement.date.approximate else ERROR,
                )
            )
        found += _citations(f"{path}.citations", entry.citations, registries.sources)
    return found


def _check_relations(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    found: list[Problem] = []
    agreements = registries.agreements
    for index, relation in enumerate(agreement.relations):
        path = f"{prefix}relations[{index}]"
        if relation.target == agreement.id:
            found.append(
                _problem(
                    f"{path}.target",
                    f"agreement {agreement.id!r} {relation.kind.value} itself",
                    "self-reference",
                )
            )
        elif agreements is not None and relation.target not in agreements:
            found.append(_dangling(f"{path}.target", relation.target, "agreement", agreements))
        found += _citations(f"{path}.citations", relation.citations, registries.sources)
        if agreements is not None and relation.target in agreements and relation.target != agreement.id:
            target = agreements[relation.target]
            ends = {clause.id for clause in target.clauses}
            found += _references(f"{path}.ends", relation.ends, f"clause of {target.id!r}", ends)
    return found


def _duplicates(path: str, ids: Sequence[str], kind: str) -> dict[int, Problem]:
    """For each record whose id an earlier one has, the problem, by the record's position."""
    first: dict[str, int] = {}
    found: dict[int, Problem] = {}
    for index, value in enumerate(ids):
        earlier = first.setdefault(value, index)
        if earlier != index:
            found[index] = _problem(
                f"{path}[{index}].id",
                f"duplicate {kind} id {value!r}, also {path}[{earlier}]",
                "duplicate-id",
            )
    return found


def _check_disputes(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    duplicates = _duplicates(f"{prefix}disputes", [dispute.id for dispute in agreement.disputes], "dispute")
    clause_ids = {clause.id for clause in agreement.clauses}
    parties = {party.actor for party in agreement.parties}
    thirds = {third.actor for third in agreement.third_parties}
    found: list[Problem] = []
    for index, dispute in enumerate(agreement.disputes):
        path = f"{prefix}disputes[{index}]"
        if index in duplicates:
            found.append(duplicates[index])
        for number, claim in enumerate(dispute.claims):
            found += _check_claim(f"{path}.claims[{number}]", claim, registries)
        found += _references(f"{path}.clauses", dispute.clauses, "clause of this agreement", clause_ids)
        found += _references(f"{path}.parties", dispute.parties, "party of this agreement", parties)
        found += _references(
            f"{path}.third_parties", dispute.third_parties, "third party of this agreement", thirds
        )
    return found


def _check_claim(path: str, claim: Claim, registries: _Registries) -> list[Problem]:
    """A claim's citations and the actors who make it (``by``)."""
    found = _citations(f"{path}.citations", claim.citations, registries.sources)
    found += _references(f"{path}.by", claim.by, "actor", registries.actors)
    return found


def _check_claims(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    found: list[Problem] = []
    for index, claim in enumerate(agreement.claims):
        found += _check_claim(f"{prefix}claims[{index}]", claim, registries)
    return found


# -------------------------------------------------------------------- clauses


def _check_clauses(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    """The problems of the clauses, each clause's in the order of its fields."""
    clauses = agreement.clauses
    duplicates = _duplicates(f"{prefix}clauses", [clause.id for clause in clauses], "clause")
    cycles = _condition_cycles(clauses, prefix=prefix)
    deadline_cycles = _deadline_cycles(clauses, prefix=prefix)
    contradictions = _contradictions(agreement, prefix=prefix)
    clause_ids = {clause.id for clause in clauses}
    anchors = clause_ids | {event.id for event in agreement.events} | {AGREEMENT_ANCHOR}
    vocabulary = registries.vocabulary
    found: list[Problem] = []
    for index, clause in enumerate(clauses):
        path = f"{prefix}clauses[{index}]"
        if index in duplicates:
            found.append(duplicates[index])
        if vocabulary is not None:
            found += _term(f"{path}.category", clause.category, "categories", vocabulary)
        if clause.modality is Modality.MUST_NOT and _NEGATION.search(clause.summary):
            found.append(
                _problem(
                    f"{path}.summary",
                    f"clause {clause.id!r} is a prohibition whose summary is worded as a negation, which reads as"
                    " a double negative once the modality is shown; state the act the clause forbids",
                    "prohibition-wording",
                    WARNING,
                )
            )
        found += _citations(f"{path}.citations", clause.citations, registries.sources)
        found += _references(f"{path}.obligors", clause.obligors, "actor", registries.actors)
        against = contradictions.get(index, [])
        found += [problem for problem in against if problem.code == "must-and-must-not"]
        term = clause.weapons
        if term is not None:
            found += [problem for problem in against if problem.code != "must-and-must-not"]
            if vocabulary is not None:
                for number, word in enumerate(heaviest_first(term.classes)):
                    found += _term(f"{path}.weapons.classes[{number}]", word, "weapon_classes", vocabulary)
            found += _reference(f"{path}.weapons.holder", term.holder, "actor", registries.actors)
            found += _reference(f"{path}.weapons.recipient", term.recipient, "actor", registries.actors)
            found += _reference(f"{path}.weapons.destination", term.destination, "place", registries.places)
        if index in deadline_cycles:
            found.append(deadline_cycles[index])
        for number, deadline in enumerate(clause.deadlines):
            where = f"{path}.deadlines[{number}].anchor"
            if deadline.anchor == clause.id:
                found.append(
                    _problem(where, f"clause {clause.id!r} counts its deadline from itself", "self-reference")
                )
            elif deadline.anchor is not None and deadline.anchor not in anchors:
                found.append(_dangling(where, deadline.anchor, "clause or event of this agreement", anchors))
        if clause.condition is not None:
            if index in cycles:
                found.append(cycles[index])
            named = clause.condition.clauses
            for number, target in enumerate(named):
                if target == clause.id:
                    found.append(
                        _problem(
                            f"{path}.condition.clauses[{number}]",
                            f"clause {clause.id!r} waits for itself",
                            "self-reference",
                        )
                    )
                elif target not in clause_ids:
                    found.append(
                        _dangling(
                            f"{path}.condition.clauses[{number}]",
                            target,
                            "clause of this agreement",
                            clause_ids,
                        )
                    )
        found += _references(f"{path}.places", clause.places, "place", registries.places)
    return found


def _condition_cycles(clauses: Sequence[Clause], *, prefix: str) -> dict[int, Problem]:
    """Clauses that wait for each other through their conditions: one problem per cycle, at its first clause."""
    return _clause_cycles(
        clauses,
        lambda clause: clause.condition.clauses if clause.condition is not None else (),
        prefix=prefix,
        field="condition",
        says="wait for each other through their conditions",
        code="condition-cycle",
    )


def _deadline_cycles(clauses: Sequence[Clause], *, prefix: str) -> dict[int, Problem]:
    """Clauses whose deadlines count from each other: one problem per cycle, at its first clause."""
    return _clause_cycles(
        clauses,
        lambda clause: [deadline.anchor for deadline in clause.deadlines if deadline.anchor is not None],
        prefix=prefix,
        field="deadlines",
        says="count their deadlines from each other",
        code="deadline-cycle",
    )


def _clause_cycles(
    clauses: Sequence[Clause],
    targets: Callable[[Clause], Iterable[str]],
    *,
    prefix: str,
    field: str,
    says: str,
    code: str,
) -> dict[int, Problem]:
    position: dict[str, int] = {}
    for index, clause in enumerate(clauses):
        position.setdefault(clause.id, index)
    edges = {
        clause.id: sorted(
            {target for target in targets(clause) if target in position and target != clause.id}
        )
        for clause in clauses
    }
    found: dict[int, Problem] = {}
    for component in _strong_components(edges):
        if len(component) < 2:
            continue
        ordered = sorted(component, key=position.__getitem__)
        loop = " -> ".join(repr(member) for member in (*ordered, ordered[0]))
        found[position[ordered[0]]] = _problem(
            f"{prefix}clauses[{position[ordered[0]]}].{field}", f"clauses {says}: {loop}", code
        )
    return found


# ------------------------------------------------------------- contradictions


def _action_key(action: str) -> str:
    return " ".join(action.casefold().split())


def _actors(clause: Clause) -> frozenset[str | None]:
    """The actors a clause binds, for finding contradictions (``None`` when it names none)."""
    if clause.all_parties:
        return frozenset({"*all parties*", *clause.obligors})
    return frozenset(clause.obligors) or frozenset({None})


def contradiction(clause: Clause, other: Clause) -> str | None:
    """The code of the contradiction between two clauses, or ``None`` when they fit together.

    ``"must-and-must-not"``: one obliges and the other forbids the same
    ``action`` of an actor both bind, or the same weapons action on shared
    classes of the same holder. ``"handover-and-retain"``: one obliges a
    holder to give up (hand over, store, destroy) weapon classes that the
    other lets it keep. Timing and conditions are not looked at here:
    :func:`check` uses them to tell an error from a warning.

    >>> from agreements import Category, Citation
    >>> cite = [Citation(source="s", quote="q")]
    >>> enter = Clause(id="a", category=Category.SECURITY_PRESENCE, summary="s", citations=cite,
    ...                obligors=["army"], action="enter")
    >>> contradiction(enter, attrs.evolve(enter, id="b", modality=Modality.MUST_NOT))
    'must-and-must-not'
    """
    if {clause.modality, other.modality} == {Modality.MUST, Modality.MUST_NOT}:
        if (
            clause.action is not None
            and other.action is not None
            and _action_key(clause.action) == _action_key(other.action)
            and _actors(clause) & _actors(other)
        ):
            return "must-and-must-not"
        if _shared_weapons(clause, other) and clause.weapons.action is other.weapons.action:  # type: ignore[union-attr]
            return "must-and-must-not"
    stances = (clause.stance, other.stance)
    gives_up = any(stance is not None and stance.removes for stance in stances)
    if WeaponAction.RETAIN in stances and gives_up and _shared_weapons(clause, other):
        return "handover-and-retain"
    return None


def _shared_weapons(clause: Clause, other: Clause) -> frozenset[str]:
    """The weapon classes both clauses are about, for the same holder."""
    if clause.weapons is None or other.weapons is None or clause.holder != other.holder:
        return frozenset()
    return clause.weapons.classes & other.weapons.classes


def _contradictions(agreement: Agreement, *, prefix: str) -> dict[int, list[Problem]]:
    """Every contradicting pair of clauses, each reported once at the later clause, by its position.

    The clauses are grouped by what a contradiction needs them to share (an
    action and an actor, or a holder and a weapon class), and only groups that
    can contradict are paired, so the work grows with the clauses and the
    contradictions found, not with the square of the clauses.
    """
    doubtful = agreement.disputed_clauses
    clauses = [(index, clause) for index, clause in enumerate(agreement.clauses) if clause.id not in doubtful]
    by_action: dict[tuple[str, str | None], dict[Modality, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    by_weapon: dict[tuple[str | None, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, clause in clauses:
        if clause.action is not None:
            for actor in _actors(clause):
                by_action[(_action_key(clause.action), actor)][clause.modality].append(index)
        term = clause.weapons
        if term is not None:
            kinds = [f"{clause.modality.value} {term.action.value}"]
            stance = clause.stance
            if stance is WeaponAction.RETAIN:
                kinds.append("keeps")
            elif stance is not None and stance.removes:
                kinds.append("gives up")
            for weapon in term.classes:
                for kind in kinds:
                    by_weapon[(clause.holder, weapon)][kind].append(index)
    pairs: set[tuple[int, int]] = set()
    for groups in by_action.values():
        pairs |= _across(groups.get(Modality.MUST, ()), groups.get(Modality.MUST_NOT, ()))
    for by_kind in by_weapon.values():
        for action in WeaponAction:
            pairs |= _across(
                by_kind.get(f"must {action.value}", ()), by_kind.get(f"must-not {action.value}", ())
            )
        pairs |= _across(by_kind.get("keeps", ()), by_kind.get("gives up", ()))
    found: dict[int, list[Problem]] = {}
    for later, earlier in sorted(pairs):
        found.setdefault(later, []).extend(
            _contradiction(
                f"{prefix}clauses[{later}]",
                agreement.clauses[later],
                agreement.clauses[earlier],
                f"{prefix}clauses[{earlier}]",
            )
        )
    return found


def _across(left: Sequence[int], right: Sequence[int]) -> set[tuple[int, int]]:
    """Every (later, earlier) pair with one position from each side."""
    return {(max(a, b), min(a, b)) for a in left for b in right if a != b}


def _who(actor: str | None) -> str:
    return "an unnamed actor" if actor is None else repr(actor)


def _classes(classes: Iterable[str]) -> str:
    return ", ".join(repr(str(weapon)) for weapon in heaviest_first(classes))  # type: ignore[arg-type]


def _severity(clause: Clause, other: Clause) -> tuple[str, str]:
    """Error when both clauses apply together; a warning (and why) when they may not."""
    if (clause.timing, clause.deadlines, clause.condition) == (
        other.timing,
        other.deadlines,
        other.condition,
    ):
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
            and _action_key(clause.action) == _action_key(other.action)
            and _actors(clause) & _actors(other)
        )
        if same_action:
            shared = sorted(_actors(clause) & _actors(other), key=str)
            who = and_list([_who(actor) for actor in shared])
            return [
                _problem(f"{path}.modality", f"{said} for {who} to {clause.action!r}{why}", code, severity)
            ]
        assert clause.weapons is not None
        shared_classes = _classes(_shared_weapons(clause, other))
        message = f"{said} for {_who(clause.holder)} to {words(clause.weapons.action)} {shared_classes} weapons{why}"
        return [_problem(f"{path}.modality", message, code, severity)]
    this, that = f"clause {clause.id!r}", f"clause {other.id!r} ({other_path})"
    keeps, gives = (this, that) if clause.stance is WeaponAction.RETAIN else (that, this)
    giving = other if clause.stance is WeaponAction.RETAIN else clause
    assert giving.weapons is not None
    message = (
        f"{keeps} lets {_who(clause.holder)} keep {_classes(_shared_weapons(clause, other))} weapons"
        f" that {gives} obliges it to {words(giving.weapons.action)}{why}"
    )
    return [_problem(f"{path}.weapons.action", message, code, severity)]


# --------------------------------------------------------------------- events


def _check_events(agreement: Agreement, registries: _Registries, *, prefix: str) -> list[Problem]:
    duplicates = _duplicates(f"{prefix}events", [event.id for event in agreement.events], "event")
    found: list[Problem] = []
    for index, event in enumerate(agreement.events):
        path = f"{prefix}events[{index}]"
        if index in duplicates:
            found.append(duplicates[index])
        found += _event_date(f"{path}.date", agreement, event)
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


def _event_date(path: str, agreement: Agreement, event: Event) -> list[Problem]:
    kind, after_agreement, event_id, date = event.kind.value, event.kind.after_agreement, event.id, event.date
    approximate = date.approximate or agreement.date.approximate
    what = f"the {kind} event {event_id!r} is dated {str(date)!r}"
    if after_agreement and date.last_day() < agreement.date.first_day():
        return [
            _problem(
                path,
                f"{what}, before the agreement's date {str(agreement.date)!r}"
                + ("; a date is approximate, so this may be right" if approximate else ""),
                "date-order",
                WARNING if approximate else ERROR,
            )
        ]
    if kind == "signing" and not approximate:
        apart = date.last_day() < agreement.date.first_day() or agreement.date.last_day() < date.first_day()
        if apart:
            return [
                _problem(
                    path, f"{what}, but the agreement is dated {str(agreement.date)!r}", "date-order", WARNING
                )
            ]
    return []


# ---------------------------------------------------------------------- quotes


def _squash(text: str) -> str:
    return " ".join(text.split())


def _check_quotes(subject: Agreement | Corpus, sources: Mapping[str, Source], folder: Path) -> list[Problem]:
    """Quotes not found verbatim (white space collapsed) in their source's document in ``folder``."""
    texts: dict[str, str | None] = {}
    found: list[Problem] = []
    reported: set[str] = set()

    def document(source: Source) -> str | None:
        if source.id not in texts:
            texts[source.id] = _read_document(folder, source)
        return texts[source.id]

    for path, citation in _all_citations(subject):
        source = sources.get(citation.source)
        if source is None or source.document is None:
            continue  # a dangling source is reported elsewhere; a source without a document cannot be checked
        text = document(source)
        if text is None:
            if source.id not in reported:
                reported.add(source.id)
                found.append(
                    _problem(
                        f"{path}.source",
                        f"the document {source.document!r} of source {source.id!r} is not in {str(folder)!r}",
                        "missing-document",
                    )
                )
            continue
        if _squash(citation.quote) not in text:
            found.append(
                _problem(
                    f"{path}.quote",
                    f"not found verbatim in {source.document!r} (source {source.id!r}): {excerpt(citation.quote)}",
                    "not-verbatim",
                )
            )
    return found


def _read_document(folder: Path, source: Source) -> str | None:
    """The text of a source's document, white space collapsed; ``None`` when it is missing or unreadable."""
    assert source.document is not None
    name = Path(source.document)
    if name.is_absolute() or ".." in name.parts:
        return None  # a document is a file in the folder, never elsewhere
    path = folder / name
    try:
        if not path.is_file() or path.stat().st_size > MAX_DOCUMENT_BYTES:
            return None
        return _squash(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def _all_citations(subject: Agreement | Corpus) -> Iterable[tuple[str, Citation]]:
    """Every citation with the path of the quote's record, in document order."""
    if isinstance(subject, Agreement):
        yield from _numbered(subject, "")
        return
    for name in ("actors", "places"):
        for index, record in enumerate(getattr(subject, name).values()):
            for number, citation in enumerate(record.citations):
                yield f"{name}[{index}].citations[{number}]", citation
    for index, agreement in enumerate(subject.agreements.values()):
        yield from _numbered(agreement, f"agreements[{index}].")


def _numbered(agreement: Agreement, prefix: str) -> Iterable[tuple[str, Citation]]:
    """An agreement's citations with their own paths: ``clauses[3].citations[1]``."""
    for path, _, citation in agreement.cited():
        yield f"{prefix}{path}", citation
