"""A diff for a reader: the report's sentences and the table, old and new.

:func:`sentences` is a short report a researcher could paste: every changed
value says old → new in a reader's words and units (actors and places by
name, "three checkpoints → five", dates and deadlines spelled out), and
nothing is said that a reader does not need (ids, citations, inference
notes, codes, ``follows``). Sentences come in the order of :data:`ORDER`, and
each clause's sentence goes where the role of its category puts it
(:data:`ROLES`), a clause with a weapons term always with the weapons.

A term the later agreement lacks is "no longer" there when that agreement is
known from its full text, and "not reported" when it is known only from
partial reports (its ``coverage``). A prohibition always reads as one: every
clause's act goes through :func:`agreements.render._prose.with_modality`.
Clause sentences stop after :data:`CLAUSE_SENTENCES`, with one closing
sentence counting the others.

:func:`table` lays the diff out as a :class:`~agreements.render._table.Table`
in two sections: **Obligations by actor**, one row per actor whose
obligations changed (what it had to do before, what it must do now; its
``change`` is ``obligations``, so that every format marks it), and
**Clauses**, one row per clause in the diff's reading order, whose ``change``
is ``added``, ``removed``, ``changed`` or ``unchanged``. A clause's cell
holds its text (with its modality), whom it binds and how, then, for a
changed clause, every other changed field on its own line.

Both read the diff through :class:`DiffView`, the part of
:class:`agreements.diff.AgreementDiff` they need, so that rendering does not
depend on the diff engine.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, Protocol

import attrs

from agreements._diff.changes import (
    Added,
    Changed,
    ClauseChange,
    FieldChange,
    GuarantorsDiff,
    MetadataDiff,
    ObligationsDiff,
    PartiesDiff,
    RecordsDiff,
    Removed,
    Succession,
    TermChange,
    TermKind,
    Unchanged,
    WeaponsDiff,
)
from agreements._text import and_list, one_line, words
from agreements.model import (
    Category,
    Claim,
    Clause,
    Condition,
    Corpus,
    Coverage,
    Deadline,
    Dispute,
    Event,
    EventKind,
    Modality,
    PartialDate,
    Quantity,
    Relation,
    RelationKind,
    Status,
    StatusEntry,
    Territory,
    ThirdPartyRole,
    WeaponsTerm,
    Word,
)
from agreements.model._records import ALL_PARTIES
from agreements.render._prose import (
    ACTION_WORDS,
    MODALITY_WORDS,
    clause_text,
    date_words,
    deadline_words,
    not_reported,
    quantity_change,
    quantity_words,
    sentence,
    unreported,
    weapons_phrase,
    weapons_scope,
    with_modality,
)
from agreements.render._table import Cell, Column, Line, Table

__all__ = ["CLAUSE_SENTENCES", "ORDER", "ROLES", "SECTIONS", "DiffView", "sentences", "table"]

#: How many clause changes the summary spells out before counting the rest.
CLAUSE_SENTENCES: Final = 20

#: The order of the report: what a reader of a ceasefire looks for first.
ORDER: Final = ("weapons", "obligations", "third parties", "security presence", "status", "the rest")

#: The role of each built-in category, which places its clauses' sentences in :data:`ORDER`.
#: A clause with a weapons term is "weapons" whatever its category; a category a corpus adds is
#: an obligation. Third parties, parties and the agreement's own fields have their places too:
#: third parties after the obligations, parties with the obligations, the status on its own.
ROLES: Final[Mapping[Category, str]] = {
    Category.WEAPONS: "weapons",
    Category.MONITORING: "third parties",
    Category.SECURITY_PRESENCE: "security presence",
    Category.SECURITY_ARRANGEMENTS: "security presence",
    Category.CHECKPOINTS: "security presence",
    Category.WITHDRAWAL: "security presence",
    Category.INTEGRATION: "security presence",
    Category.DEMOBILISATION: "security presence",
    Category.OTHER: "the rest",
}

#: The headings of the table's two sections.
SECTIONS: Final = ("Obligations by actor", "Clauses")

Namer = Callable[[str], str]


class DiffView(Protocol):
    """What rendering reads of a diff (:class:`agreements.diff.AgreementDiff` has all of it)."""

    @property
    def clauses(self) -> tuple[ClauseChange, ...]: ...
    @property
    def metadata(self) -> MetadataDiff: ...
    @property
    def parties(self) -> PartiesDiff: ...
    @property
    def guarantors(self) -> GuarantorsDiff: ...
    @property
    def disputes(self) -> RecordsDiff[Dispute]: ...
    @property
    def events(self) -> RecordsDiff[Event]: ...
    @property
    def weapons(self) -> WeaponsDiff: ...
    @property
    def obligations(self) -> ObligationsDiff: ...
    @property
    def moved(self) -> tuple[Changed | Unchanged, ...]: ...


def role(clause: Clause) -> str:
    """Where a clause's sentence goes in :data:`ORDER`: by its weapons term, else by its category's role."""
    if clause.weapons is not None:
        return "weapons"
    return (
        ROLES.get(clause.category, "obligations") if isinstance(clause.category, Category) else "obligations"
    )


# ------------------------------------------------------------------ the words


@attrs.frozen
class _Words:
    """How a reader names what a diff mentions, from the corpus and the two agreements."""

    corpus: Corpus
    old: str
    new: str
    partial: bool
    anchors: Mapping[str, str]

    @classmethod
    def of(cls, d: DiffView, corpus: Corpus) -> _Words:
        anchors: dict[str, str] = {}
        for change in d.clauses:
            for clause in (
                {change.old, change.new} if isinstance(change, Changed | Unchanged) else {_one(change)}
            ):
                first = clause.deadlines[0].at if clause.deadlines else None
                named = f"the {words(clause.category)} clause's deadline"
                anchors[clause.id] = named if first is None else f"{named} ({date_words(first)})"
        for event in (*d.events.old, *d.events.new):
            kind = "event" if event.kind is EventKind.OTHER else words(event.kind)
            anchors[event.id] = f"the {kind} ({date_words(event.date)})"
        return cls(
            corpus=corpus,
            old=str(d.metadata["id"].old),
            new=str(d.metadata["id"].new),
            partial=d.metadata["coverage"].new is Coverage.PARTIAL,
            anchors=anchors,
        )

    @property
    def same(self) -> bool:
        """Whether both sides are one agreement (two versions of its record), not two agreements."""
        return self.old == self.new

    def actor(self, actor_id: str) -> str:
        return "all parties" if actor_id == ALL_PARTIES else self.corpus.actor_name(actor_id)

    def place(self, place_id: str) -> str:
        return self.corpus.place_name(place_id)

    def label(self, word: str) -> str:
        """A weapon class a corpus adds, by its label (``Tanks`` reads "tanks", ``MLRS`` stays)."""
        term = self.corpus.vocabulary.term("weapon_classes", word)
        if term is None or term.label is None:
            return words(word)
        label = term.label
        return label if label[1:2].isupper() else label[:1].lower() + label[1:]

    def anchor(self, anchor_id: str) -> str:
        return self.anchors.get(anchor_id, anchor_id)

    def who(self, clause: Clause, nobody: str = "no one named") -> str:
        """Whom a clause binds, by name: ``"army and police"``, ``"all parties"``; ``nobody`` for no one."""
        named = [self.actor(actor) for actor in clause.obligors]
        if clause.all_parties:
            named.append("all parties")
        return and_list(named) or nobody

    def phrase(self, term: WeaponsTerm, when: str = "", deadlines: Sequence[Deadline] = ()) -> str:
        return weapons_phrase(
            term,
            when=when,
            actor=self.actor,
            place=self.place,
            label=self.label,
            deadlines=deadlines,
            anchor=self.anchor,
        )

    def gone(self, text: str, modality: Modality) -> str:
        """An act the later agreement lacks: no longer there, or not reported (by its coverage)."""
        return not_reported(text, modality) if self.partial else with_modality(text, modality, "No longer")


def _one(change: Added | Removed) -> Clause:
    return change.clause


def _bare(text: str) -> str:
    """A summary on one line without its final full stop, to go before a parenthesis."""
    flat = one_line(text)
    return flat[:-1] if flat.endswith(".") else flat


def _with(text: str, details: Sequence[str]) -> str:
    """``text`` as a sentence, with ``details`` in parentheses before its full stop."""
    return f"{_bare(text)} ({'; '.join(details)})." if details else sentence(text)


def _quoted(text: str | None) -> str:
    return "none" if text is None else f"“{_bare(text)}”"


def _deadlines(deadlines: Sequence[Deadline], w: _Words) -> str:
    return "; ".join(deadline_words(deadline, w.anchor) for deadline in deadlines) or "none"


def _value(name: str, value: object, w: _Words) -> str:
    """One clause field's value in a reader's words."""
    match name:
        case "quantity":
            return quantity_words(typing.cast("Quantity | None", value))
        case "deadlines":
            return _deadlines(typing.cast("Sequence[Deadline]", value), w)
        case "condition":
            return "none" if value is None else _bare(typing.cast("Condition", value).summary)
        case "places":
            return and_list([w.place(place) for place in typing.cast("Sequence[str]", value)]) or "none"
        case "timing":
            return _quoted(typing.cast("str | None", value))
        case "weapons":
            return "none" if value is None else w.phrase(typing.cast("WeaponsTerm", value))
        case "obligors":
            return and_list([w.actor(actor) for actor in typing.cast("Sequence[str]", value)]) or "none named"
        case "all_parties":
            return "yes" if value else "no"
        case "category" | "modality":
            return words(typing.cast("Category | Word | Modality", value))
        case _:
            return "none" if value is None else one_line(str(value))


#: The clause fields a clause's sentence says old → new, in this order, and their names.
_SAID: Final = {
    "category": "category",
    "quantity": "",
    "deadlines": "deadline",
    "timing": "timing",
    "condition": "condition",
    "places": "places",
}


def _field_changes(fields: Iterable[FieldChange], w: _Words) -> list[str]:
    """The changed fields a reader needs, each old → new: ``"places: Daraa → Daraa al-Balad"``."""
    by_name = {field.name: field for field in fields}
    found = []
    for name, label in _SAID.items():
        field = by_name.get(name)
        if field is None:
            continue
        if name == "quantity":
            found.append(
                quantity_change(
                    typing.cast("Quantity | None", field.old), typing.cast("Quantity | None", field.new)
                )
            )
        else:
            found.append(f"{label}: {_value(name, field.old, w)} → {_value(name, field.new, w)}")
    return found


# ------------------------------------------------------------------ clauses


def _clause_sentence(change: ClauseChange, w: _Words) -> str | None:
    """What happened to one clause, or ``None`` when nothing a reader needs changed."""
    match change:
        case Added(clause=clause):
            return sentence(with_modality(one_line(clause.summary), clause.modality, "Now"))
        case Removed(clause=clause):
            return sentence(w.gone(one_line(clause.summary), clause.modality))
        case Changed(old=old, new=new) if change.substantive:
            details = _field_changes(change.fields, w)
            if "summary" in change.names:
                details.append(f"before: {_quoted(old.summary)}")
            lead = ""
            if new.modality is not old.modality:
                lead = "Now"
                details.insert(0, f"before: {MODALITY_WORDS[old.modality]}")
            text = with_modality(_bare(new.summary), new.modality, lead)
            if (old.obligors, old.all_parties) != (new.obligors, new.all_parties):
                text = f"An obligation passes from {w.who(old, 'no one')} to {w.who(new, 'no one')}: {text}"
            return _with(text, details)
        case _:
            return None


_TERM_ORDER: Final = (TermKind.CHANGED, TermKind.ADDED, TermKind.DROPPED, TermKind.NOT_REPORTED)


def _before(change: TermChange, w: _Words) -> list[str]:
    """What a changed term's values were, in words: ``["medium weapons", "15 km", "disputed"]``."""
    assert change.old is not None
    assert change.old.weapons is not None
    old, names = change.old.weapons, change.names
    found = []
    if names & {"classes", "systems", "calibre", "all_weapons"}:
        found.append(weapons_scope(old, w.label))
    if "action" in names:
        found.append(ACTION_WORDS[old.action])
    if "holder" in names:
        found.append("no holder named" if old.holder is None else f"held by {w.actor(old.holder)}")
    if "recipient" in names:
        found.append("no recipient named" if old.recipient is None else f"to {w.actor(old.recipient)}")
    if "distance" in names:
        found.append(_distance(old.distance, change.term.distance))
    if "destination" in names:
        found.append("no destination" if old.destination is None else f"to {w.place(old.destination)}")
    if "schedule" in names:
        found.append("no schedule" if old.schedule is None else one_line(old.schedule))
    if "deadlines" in names:
        found.append(_deadlines(change.old.deadlines, w) if change.old.deadlines else "no deadline")
    if "modality" in names:
        found.append(MODALITY_WORDS[change.old.modality])
    if change.old_disputed and not change.new_disputed:
        found.append("disputed")
    return found


def _distance(old: Quantity | None, new: Quantity | None) -> str:
    """A term's old distance, its qualifier left out when the new one repeats it: ``"15 km"``."""
    if old is None:
        return "no distance"
    if new is not None and (old.unit, old.qualifier) == (new.unit, new.qualifier):
        return f"{old.amount} {old.unit}"
    return str(old)


def _term_sentence(change: TermChange, still: frozenset[str], w: _Words) -> str | None:
    """What happened to one weapons term, in structured words; ``None`` when another clause still says it."""
    term = change.term
    match change.kind:
        case TermKind.ADDED:
            assert change.new is not None
            clause = change.new
            already = bool(term.classes) and {str(weapon) for weapon in term.classes} <= still
            when = "still" if already else "now"
            if clause.modality is Modality.MUST:
                text = w.phrase(term, when, clause.deadlines)
            else:
                text = with_modality(
                    w.phrase(term, deadlines=clause.deadlines), clause.modality, when.capitalize()
                )
            return _with(text, ["disputed"] if change.new_disputed else [])
        case TermKind.DROPPED | TermKind.NOT_REPORTED:
            assert change.old is not None
            clause = change.old
            lost = frozenset(weapon for weapon in term.classes if str(weapon) not in still)
            if clause.stance is not None and term.classes and not lost:
                return None  # every class is still under the same action, by another clause
            if clause.stance is not None and lost != term.classes and not (term.systems or term.all_weapons):
                term = attrs.evolve(term, classes=lost)
            doubted = [f"schedule: {one_line(term.schedule)}"] if term.schedule else []
            doubted += ["disputed before"] if change.old_disputed else []
            term = attrs.evolve(term, schedule=None)  # said apart: "no longer ..., as of Sunday" misleads
            if change.kind is TermKind.NOT_REPORTED:
                return _with(not_reported(w.phrase(term), clause.modality), doubted)
            if clause.modality is Modality.MUST:
                return _with(w.phrase(term, "no longer"), doubted)
            return _with(with_modality(w.phrase(term), clause.modality, "No longer"), doubted)
        case TermKind.CHANGED:
            assert change.old is not None
            assert change.new is not None
            clause = change.new
            moved = "modality" in change.names
            when = "now" if change.fields and clause.modality is Modality.MUST and not moved else ""
            text = with_modality(
                w.phrase(term, when, clause.deadlines), clause.modality, "Now" if moved else ""
            )
            details = []
            before = _before(change, w)
            if before:
                details.append(f"before: {', '.join(before)}")
            if change.new_disputed:
                details.append("disputed" if change.old_disputed else "now disputed")
            said = {"deadlines"}  # the term's own values, deadlines included, are in ``before``
            details += _field_changes(
                [field for field in _differences(change.old, change.new) if field.name not in said], w
            )
            return _with(text, details)
        case _:  # pragma: no cover - the enum is closed
            typing.assert_never(change.kind)


def _differences(old: Clause, new: Clause) -> list[FieldChange]:
    """The fields of two clauses that differ (none when they are one clause)."""
    if old is new:
        return []
    return [
        FieldChange(name=field.name, old=getattr(old, field.name), new=getattr(new, field.name))
        for field in attrs.fields(Clause)
        if getattr(old, field.name) != getattr(new, field.name)
    ]


def _key(change: ClauseChange) -> tuple[Clause | None, Clause | None]:
    """The clauses of a change on each side, as a :class:`TermChange` holds them."""
    match change:
        case Added(clause=clause):
            return (None, clause)
        case Removed(clause=clause):
            return (clause, None)
        case Changed() | Unchanged():
            return (change.old, change.new)
        case _:  # pragma: no cover - the union is closed
            typing.assert_never(change)


def _rank(change: ClauseChange) -> int:
    """Within a role: transfers, then changed clauses, then added ones, then those the later agreement lacks."""
    match change:
        case Changed() if change.names & {"obligors", "all_parties"}:
            return 0
        case Changed():
            return 1
        case Added():
            return 2
        case _:
            return 3


def _clauses(d: DiffView, w: _Words) -> dict[str, list[str]]:
    """The clause sentences by role, at most :data:`CLAUSE_SENTENCES` of them, and a count of the rest."""
    weapons = d.weapons
    terms = {(change.old, change.new) for change in weapons.terms}
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in ORDER}
    for term in weapons.terms:
        action = weapons.action(term.action)
        side = (
            (action.old | action.old_disputed)
            if term.kind is TermKind.ADDED
            else (action.new | action.new_disputed)
        )
        said = _term_sentence(term, frozenset(str(weapon) for weapon in side), w)
        if said is not None:
            found["weapons"].append((_TERM_ORDER.index(term.kind), said))
    for change in d.clauses:
        if _key(change) in terms:
            continue
        said = _clause_sentence(change, w)
        if said is not None:
            clause = change.clause if isinstance(change, Added | Removed) else change.new
            found[role(clause)].append((_rank(change), said))
    spelled: dict[str, list[str]] = {}
    budget, hidden = CLAUSE_SENTENCES, 0
    for name in ORDER:
        ordered = [text for _, text in sorted(found[name], key=lambda item: item[0])]
        spelled[name] = ordered[:budget]
        hidden += len(ordered) - len(spelled[name])
        budget -= len(spelled[name])
    if hidden:
        more = f"{hidden} more clause{'s are' if hidden > 1 else ' is'} added, removed or changed."
        spelled["the rest"].insert(0, more)
    return spelled


# ----------------------------------------------------- parties and third parties


def _roles(roles: Sequence[ThirdPartyRole]) -> str:
    return and_list([role.value for role in roles])


def _succession(change: Succession, w: _Words) -> str:
    """``"OSCE Special Monitoring Mission takes the place of its parent, OSCE"``."""
    kin = "its parent" if change.old in _lineage(change.new, w) else "its own unit"
    return f"{w.actor(change.new)} takes the place of {kin}, {w.actor(change.old)}"


def _lineage(actor: str, w: _Words) -> tuple[str, ...]:
    """The actor's parent, grandparent, ..., as the corpus knows them."""
    found: list[str] = []
    current = w.corpus.actors.get(actor)
    while current is not None and current.parent is not None and current.parent not in found:
        found.append(current.parent)
        current = w.corpus.actors.get(current.parent)
    return tuple(found)


def _third_parties(d: DiffView, w: _Words) -> list[str]:
    g = d.guarantors
    successions = g.successions(w.corpus.actors)
    moved = {change.old for change in successions} | {change.new for change in successions}
    found = [
        f"{w.actor(change.actor)} goes from {_roles(change.old)} to {_roles(change.new)}."
        for change in g.changed
    ]
    for change in successions:
        roles = f" as {_roles(change.new_roles)}"
        if change.old_roles != change.new_roles:
            roles += f" (before: {_roles(change.old_roles)})"
        found.append(f"{_succession(change, w)}{roles}.")
    found += [
        f"{w.actor(third.actor)} joins as {third.role.value}."
        for third in g.added
        if third.actor not in moved
    ]
    gone = [third for third in g.removed if third.actor not in moved]
    if w.partial:
        found += [sentence(unreported(third.role.value, w.actor(third.actor))) for third in gone]
    else:
        found += [f"{w.actor(third.actor)} is no longer {third.role.value}." for third in gone]
    return found


def _parties(d: DiffView, w: _Words) -> list[str]:
    p = d.parties
    successions = p.successions(w.corpus.actors)
    moved = {change.old for change in successions} | {change.new for change in successions}
    found = [f"{_succession(change, w)} as a party." for change in successions]
    joined = [w.actor(actor) for actor in p.added if actor not in moved]
    left = [w.actor(actor) for actor in p.removed if actor not in moved]
    if joined:
        found.append(f"{and_list(joined)} {'becomes a party' if len(joined) == 1 else 'become parties'}.")
    if left and w.partial:
        found.append(sentence(unreported("party" if len(left) == 1 else "parties", and_list(left))))
    elif left:
        found.append(
            f"{and_list(left)} {'is no longer a party' if len(left) == 1 else 'are no longer parties'}."
        )
    return found


# ---------------------------------------------------- the agreement's own fields


def _per(citations: Iterable[object]) -> str:
    sources = list(dict.fromkeys(getattr(citation, "source", "") for citation in citations))
    return f", per {and_list(sources)}" if sources else ""


def _status(status: Status, history: Sequence[StatusEntry]) -> str:
    """``"in force (as of 10 September 2021, per siege-report-2021-09-10)"``: the status and its latest entry."""
    entries = [entry for entry in history if entry.status is status]
    if not entries:
        return words(status)
    latest = max(entries, key=lambda entry: entry.as_of)
    return f"{words(status)} (as of {date_words(latest.as_of)}{_per(latest.citations)})"


def _status_sentence(metadata: MetadataDiff) -> list[str]:
    status, history = metadata["status"], metadata["statuses"]
    old = _status(typing.cast("Status", status.old), typing.cast("Sequence[StatusEntry]", history.old))
    new = _status(typing.cast("Status", status.new), typing.cast("Sequence[StatusEntry]", history.new))
    return [] if old == new else [f"Status: {old} → {new}."]


def _relation(relation: Relation, w: _Words) -> str:
    target = w.corpus.agreements.get(relation.target)
    if relation.target == w.old:
        return f"{relation.kind.value} the earlier agreement"
    return f"{relation.kind.value} {target.title if target is not None else relation.target}"


def _territory(territory: Territory | None, w: _Words) -> str:
    if territory is None:
        return "none"
    return _bare(territory.summary)


def _metadata(d: DiffView, w: _Words) -> list[str]:
    metadata = d.metadata
    found = [
        f"The later agreement {_relation(relation, w)}."
        for relation in typing.cast("Sequence[Relation]", metadata.added("relations"))
        if relation.kind is not RelationKind.FOLLOWS
    ]
    if w.same:
        found += [
            f"The agreement no longer {_relation(relation, w)}."
            for relation in typing.cast("Sequence[Relation]", metadata.removed("relations"))
            if relation.kind is not RelationKind.FOLLOWS
        ]
    for field in metadata.changed:
        match field.name:
            case "coverage":
                old, new = (words(typing.cast("Coverage", value)) for value in (field.old, field.new))
                found.append(f"Known from: {old} → {new}.")
            case "date":
                old, new = (date_words(typing.cast("PartialDate", value)) for value in (field.old, field.new))
                found.append(f"Date: {old} → {new}.")
            case "title":
                found.append(f"Title: {_quoted(str(field.old))} → {_quoted(str(field.new))}.")
            case "place":
                old, new = (
                    w.corpus.place_name(typing.cast("str | None", value)) for value in (field.old, field.new)
                )
                found.append(f"Place: {old} → {new}.")
            case "territory":
                old, new = (
                    _territory(typing.cast("Territory | None", value), w) for value in (field.old, field.new)
                )
                if old != new:
                    found.append(f"Territory: {old} → {new}.")
            case _:
                pass  # id, summary, citations, inference: nothing a reader of the change needs
    return found


def _records(d: DiffView, w: _Words) -> list[str]:
    """Disputes, claims and events: the later agreement's new ones, and for one agreement also those gone."""
    found = [f"Disputed in the later agreement: {sentence(dispute.topic)}" for dispute in d.disputes.added]
    if not w.same:
        return found
    found += [f"No longer disputed: {sentence(dispute.topic)}" for dispute in d.disputes.removed]
    found += [f"A dispute changes: {sentence(new.topic)}" for _, new in d.disputes.changed]
    for claim in typing.cast("Sequence[Claim]", d.metadata.added("claims")):
        by = f" (by {and_list([w.actor(actor) for actor in claim.by])})" if claim.by else ""
        found.append(f"A claim is added{by}: {sentence(claim.summary)}")
    for claim in typing.cast("Sequence[Claim]", d.metadata.removed("claims")):
        found.append(f"A claim is no longer recorded: {sentence(claim.summary)}")
    for event in d.events.added:
        found.append(f"An event is added ({date_words(event.date)}): {sentence(event.summary)}")
    for event in d.events.removed:
        found.append(f"An event is no longer recorded ({date_words(event.date)}): {sentence(event.summary)}")
    for _, new in d.events.changed:
        found.append(f"An event changes ({date_words(new.date)}): {sentence(new.summary)}")
    return found


# ------------------------------------------------------------------ sentences


def sentences(d: DiffView, corpus: Corpus) -> list[str]:
    """The report of ``d``, in the order of :data:`ORDER`; names and words from ``corpus``."""
    w = _Words.of(d, corpus)
    groups = _clauses(d, w)
    groups["obligations"] += _parties(d, w)
    groups["third parties"][:0] = _third_parties(d, w)
    groups["status"] += _status_sentence(d.metadata)
    groups["the rest"] += _metadata(d, w) + _records(d, w)
    return [text for name in ORDER for text in groups[name]]


# ---------------------------------------------------------------------- table

# The clause fields shown under a changed clause's text, in this order (obligors and modality are
# on the line that says whom the clause binds).
_DETAILS: Final = ("category", "action", "weapons", "quantity", "deadlines", "timing", "condition", "places")


def _binds(clause: Clause, w: _Words) -> str:
    """Whom a clause binds and how: ``"Daraa armed opposition: required"``."""
    return f"{w.who(clause)}: {MODALITY_WORDS[clause.modality]}"


def _side(
    clause: Clause,
    details: frozenset[str],
    disputed: frozenset[str],
    *,
    changed: bool,
    w: _Words,
) -> Cell:
    text = [clause_text(clause), _binds(clause, w)]
    text += [f"{field}: {_value(field, getattr(clause, field), w)}" for field in _DETAILS if field in details]
    return Cell(
        value="\n".join(text), changed=changed, disputed=clause.id in disputed, citations=clause.citations
    )


def _row(change: ClauseChange, old_disputed: frozenset[str], new_disputed: frozenset[str], w: _Words) -> Line:
    empty = Cell()
    match change:
        case Added(clause=clause):
            kind, ident, label = "added", clause.id, clause.id
            cells = (empty, _side(clause, frozenset(), new_disputed, changed=True, w=w))
            category = clause.category
        case Removed(clause=clause):
            kind, ident, label = "removed", clause.id, clause.id
            cells = (_side(clause, frozenset(), old_disputed, changed=True, w=w), empty)
            category = clause.category
        case Changed(old=old, new=new):
            details = frozenset(change.names)
            kind, ident = "changed", new.id
            label = new.id if old.id == new.id else f"{old.id} → {new.id}"
            cells = (
                _side(old, details, old_disputed, changed=True, w=w),
                _side(new, details, new_disputed, changed=True, w=w),
            )
            category = new.category
        case Unchanged(clause=clause):
            kind, ident, label = "unchanged", clause.id, clause.id
            cells = (
                _side(clause, frozenset(), old_disputed, changed=False, w=w),
                _side(clause, frozenset(), new_disputed, changed=False, w=w),
            )
            category = clause.category
        case _:  # pragma: no cover - the union is closed
            typing.assert_never(change)
    moved = "; moved" if isinstance(change, Changed | Unchanged) and change.moved else ""
    return Line(
        id=ident, label=f"{label} ({words(category)}{moved})", cells=cells, change=kind, section=SECTIONS[1]
    )


def _obligation_rows(d: DiffView, w: _Words) -> list[Line]:
    """One row per actor whose obligations changed: what it had to do, and what it must do now."""
    rows = []
    for entry in d.obligations.actors:
        old: list[Clause] = []
        new: list[str] = []
        for changed in entry.transferred_in:
            old.append(changed.old)
            text = with_modality(_bare(changed.new.summary), changed.new.modality, "Now")
            new.append(_with(text, [f"before: {w.who(changed.old)}"]))
        for changed in entry.changed:
            old.append(changed.old)
            details = _field_changes(changed.fields, w)
            if "modality" in changed.names:
                details.insert(0, f"before: {MODALITY_WORDS[changed.old.modality]}")
            new.append(_with(clause_text(changed.new), details))
        new += [
            sentence(with_modality(one_line(added.clause.summary), added.clause.modality, "Now"))
            for added in entry.gained
        ]
        for changed in entry.transferred_out:
            old.append(changed.old)
            text = with_modality(_bare(changed.old.summary), changed.old.modality, "No longer")
            new.append(_with(text, [f"now: {w.who(changed.new)}"]))
        for removed in entry.lost:
            old.append(removed.clause)
            new.append(sentence(w.gone(one_line(removed.clause.summary), removed.clause.modality)))
        citations = [citation for clause in old for citation in clause.citations]
        citations += [
            citation
            for group in (entry.transferred_in, entry.changed)
            for changed in group
            for citation in changed.new.citations
        ]
        citations += [citation for added in entry.gained for citation in added.clause.citations]
        rows.append(
            Line(
                id=f"obligations:{entry.actor}",
                label=w.actor(entry.actor),
                change="obligations",
                cells=(
                    Cell(value="\n".join(sentence(clause_text(clause)) for clause in old), changed=True),
                    Cell(value="\n".join(new), changed=True, citations=citations),
                ),
                section=SECTIONS[0],
            )
        )
    return rows


def table(d: DiffView, corpus: Corpus) -> Table:
    """The table of a diff, its report above; names, words and sources come from ``corpus``."""
    old_id, new_id = (str(value) for value in (d.metadata["id"].old, d.metadata["id"].new))
    old_title, new_title = (str(value) for value in (d.metadata["title"].old, d.metadata["title"].new))
    if old_id == new_id:
        old_column, new_column = f"{old_id} (old)", f"{new_id} (new)"
    else:
        old_column, new_column = old_id, new_id
    w = _Words.of(d, corpus)
    old_disputed = frozenset(clause for dispute in d.disputes.old for clause in dispute.clauses)
    new_disputed = frozenset(clause for dispute in d.disputes.new for clause in dispute.clauses)
    rows = _obligation_rows(d, w) + [_row(change, old_disputed, new_disputed, w) for change in d.clauses]
    cited = {citation.source for row in rows for cell in row.cells for citation in cell.citations}
    return Table(
        kind="diff",
        title=f"Changes from {old_id} to {new_id}",
        corner="Clause",
        columns=(
            Column(id="old", label=old_column, title=old_title),
            Column(id="new", label=new_column, title=new_title),
        ),
        rows=tuple(rows),
        summary=tuple(sentences(d, corpus)) or ("Nothing changed.",),
        sources=tuple(source for source_id, source in corpus.sources.items() if source_id in cited),
        changes_from_left=False,
    )
