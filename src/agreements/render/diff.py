"""A diff for a reader: the summary sentences and the table of clauses, old and new.

:func:`sentences` says what changed in plain English, most important first:
the weapons handed over, the third parties' roles, the obligations (transfers
between actors, then changed, added and removed clauses), then the rest
(parties, the agreement's own fields, disputes, events). Clause sentences stop
after :data:`CLAUSE_SENTENCES`, with one closing sentence counting the
others, so a large diff still reads as a summary.

:func:`table` lays the diff out as a :class:`~agreements.render._table.Table`:
one row per clause, in the diff's reading order. Its ``change`` is
``added``, ``removed``, ``changed`` or ``unchanged``; its label the clause id
(``old → new`` when renumbered) and category. The two columns hold the
clause as each agreement has it: the summary, then, for a changed clause,
every other changed field on its own line, so that a change of obligor or of
weapons shows even when the summary stays the same.

Both read the diff through :class:`DiffView`, the part of
:class:`agreements.diff.AgreementDiff` they need, so that rendering does not
depend on the diff engine.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Sequence
from typing import Final, Protocol

from agreements._diff.changes import (
    Added,
    Changed,
    ClauseChange,
    GuarantorsDiff,
    MetadataDiff,
    PartiesDiff,
    RecordsDiff,
    Removed,
    Unchanged,
    WeaponsDiff,
)
from agreements._text import and_list, article, count, words
from agreements.model import (
    Category,
    Clause,
    Condition,
    Corpus,
    Deadline,
    Dispute,
    Event,
    Modality,
    Status,
    ThirdPartyRole,
    WeaponClass,
    WeaponsTerm,
    Word,
    heaviest_first,
)
from agreements.render._table import Cell, Column, Line, Table

__all__ = ["CLAUSE_SENTENCES", "DiffView", "sentences", "table"]

#: How many clause changes the summary spells out before counting the rest.
CLAUSE_SENTENCES: Final = 20

Namer = Callable[[str | None], str]


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
    def moved(self) -> tuple[Changed | Unchanged, ...]: ...


# ------------------------------------------------------------------ sentences


def sentences(d: DiffView, corpus: Corpus) -> list[str]:
    """The summary of ``d``, most important first; actors named from ``corpus``."""
    name = corpus.actor_name
    found = _weapons(d, name)
    found += _guarantors(d, name)
    found += _clauses(d, name)
    found += [f"{name(actor)} becomes a party." for actor in d.parties.added]
    found += [f"{name(actor)} is no longer a party." for actor in d.parties.removed]
    found += _metadata(d.metadata, corpus)
    found += [f"A dispute is added: {_sentence(dispute.topic)}" for dispute in d.disputes.added]
    found += [
        f"A dispute is no longer recorded: {_sentence(dispute.topic)}" for dispute in d.disputes.removed
    ]
    found += [f"A dispute changes: {_sentence(new.topic)}" for _, new in d.disputes.changed]
    for number, verb in (
        (len(d.events.added), "added"),
        (len(d.events.removed), "removed"),
        (len(d.events.changed), "changed"),
    ):
        if number:
            found.append(
                f"{count(number, 'event', spelled=True).capitalize()} {'is' if number == 1 else 'are'} {verb}."
            )
    return found


def _bound(clause: Clause) -> tuple[tuple[str, ...], bool]:
    return (clause.obligors, clause.all_parties)


def _binds(clause: Clause) -> bool:
    """Whether the clause binds someone: an obligor, or all parties."""
    return bool(clause.obligors) or clause.all_parties


def _who(clause: Clause, name: Namer) -> str:
    """The actors a clause binds, as a reader names them."""
    named = [name(actor) for actor in clause.obligors]
    if clause.all_parties:
        named.append("all parties")
    return and_list(named) or "no one"


def _weapon_words(weapon: WeaponClass | Word) -> str:
    return "Small arms" if weapon is WeaponClass.SMALL_ARMS else f"{words(weapon).capitalize()} weapons"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _weapons(d: DiffView, name: Namer) -> list[str]:
    weapons = d.weapons
    found: list[str] = []
    for weapon in heaviest_first(weapons.old | weapons.new | weapons.disputed):
        words = _weapon_words(weapon)
        if weapon in weapons.removed:
            still = " (a disputed clause still says so)" if weapon in weapons.new_disputed else ""
            found.append(f"{words} are no longer handed over{still}.")
        elif weapon in weapons.added:
            before = " (before, only a disputed clause said so)" if weapon in weapons.old_disputed else ""
            found.append(f"{words} are now handed over{before}.")
        elif weapon in weapons.new_disputed - weapons.old_disputed - weapons.old:
            found.append(f"{words} are now handed over according to a disputed clause.")
        elif weapon in weapons.old_disputed - weapons.new_disputed - weapons.new:
            found.append(f"{words} are no longer handed over according to a disputed clause.")
    for change in weapons.changes:
        lower = _weapon_words(change.weapon).lower()
        if change.field == "holder":
            old = " and ".join(name(item) for item in change.old) or "no one named"
            new = " and ".join(name(item) for item in change.new) or "no one named"
        else:
            old = " and ".join(repr(item) for item in change.old) or "none"
            new = " and ".join(repr(item) for item in change.new) or "none"
        disputed = " (disputed)" if change.disputed else ""
        found.append(f"The {change.field} of {lower} changes from {old} to {new}{disputed}.")
    return found


def _roles(roles: Sequence[ThirdPartyRole]) -> str:
    return and_list([role.value for role in roles])


def _guarantors(d: DiffView, name: Namer) -> list[str]:
    guarantors = d.guarantors
    found = [
        f"{name(change.actor)} goes from {_roles(change.old)} to {_roles(change.new)}."
        for change in guarantors.changed
    ]
    found += [f"{name(third.actor)} joins as {third.role.value}." for third in guarantors.added]
    found += [f"{name(third.actor)} is no longer {third.role.value}." for third in guarantors.removed]
    return found


def _kind(category: Category | Word) -> str:
    """``"A weapons clause"``, ``"An exchange clause"``, ``"A clause"`` (for other)."""
    if category is Category.OTHER:
        return "A clause"
    said = words(category)
    return f"{article(said).capitalize()} {said} clause"


def _rank(change: ClauseChange) -> int:
    """Transfers first, then changed terms, then clauses with an obligor added or removed, then the rest."""
    match change:
        case Changed(old=old, new=new) if _bound(old) != _bound(new):
            return 0
        case Changed(new=new):
            return 1 if _binds(new) else 3
        case Added(clause=clause) | Removed(clause=clause):
            return 2 if _binds(clause) else 3
        case _:  # pragma: no cover - Unchanged never reaches here
            return 4


def _clause(change: ClauseChange, name: Namer) -> str:
    match change:
        case Added(clause=clause):
            return f"{_kind(clause.category)} is added: {_sentence(clause.summary)}"
        case Removed(clause=clause):
            return f"{_kind(clause.category)} is removed: {_sentence(clause.summary)}"
        case Changed(old=old, new=new) if _bound(old) != _bound(new):
            return (
                f"An obligation passes from {_who(old, name)} to {_who(new, name)}: {_sentence(new.summary)}"
            )
        case Changed(new=new):
            what = and_list([field.name for field in change.fields if field.name not in {"id", "citations"}])
            return f"{_kind(new.category)} changes its {what}: {_sentence(new.summary)}"
        case _:  # pragma: no cover - Unchanged never reaches here
            raise AssertionError(change)


def _clauses(d: DiffView, name: Namer) -> list[str]:
    substantive = [
        change
        for change in d.clauses
        if isinstance(change, Added | Removed)
        or (isinstance(change, Changed) and change.names - {"id", "citations"})
    ]
    substantive.sort(key=_rank)  # stable: reading order within a rank
    found = [_clause(change, name) for change in substantive[:CLAUSE_SENTENCES]]
    rest = len(substantive) - CLAUSE_SENTENCES
    if rest > 0:
        found.append(f"{rest} more clause{'s are' if rest > 1 else ' is'} added, removed or changed.")
    moved = len(d.moved)
    if moved:
        found.append(f"{moved} clause{'s move' if moved > 1 else ' moves'} to another place in the text.")
    paperwork = [
        change for change in d.clauses if isinstance(change, Changed) and change.names <= {"id", "citations"}
    ]
    renumbered = sum(1 for change in paperwork if change.names == {"id"})
    recited = len(paperwork) - renumbered
    if renumbered:
        found.append(f"{renumbered} clause{'s are' if renumbered > 1 else ' is'} only renumbered.")
    if recited:
        found.append(
            f"{recited} clause{'s change only their' if recited > 1 else ' changes only its'} id or citations."
        )
    return found


def _metadata(metadata: MetadataDiff, corpus: Corpus) -> list[str]:
    found: list[str] = []
    for field in metadata.changed:
        match field.name:
            case "id":
                continue  # two different agreements always differ in id
            case "status":
                old, new = (words(typing.cast("Status", value)) for value in (field.old, field.new))
                found.append(f"The status changes from {old} to {new}.")
            case "date":
                found.append(f"The date changes from {field.old} to {field.new}.")
            case "place":
                found.append(
                    f"The place changes from {corpus.place_name(typing.cast('str | None', field.old))}"
                    f" to {corpus.place_name(typing.cast('str | None', field.new))}."
                )
            case "title":
                found.append(f"The title changes from {field.old!r} to {field.new!r}.")
            case "citations":
                found.append("The agreement's citations change.")
            case _:
                found.append(f"The {field.name} changes.")
    return found


# ---------------------------------------------------------------------- table

# The clause fields shown under the summary when they change, in this order.
_DETAILS: typing.Final = (
    "category",
    "obligors",
    "all_parties",
    "modality",
    "action",
    "weapons",
    "quantity",
    "deadlines",
    "timing",
    "condition",
    "places",
)


def _weapons_term(term: WeaponsTerm | None, name: Callable[[str | None], str]) -> str:
    if term is None:
        return "none"
    classes = ", ".join(words(weapon) for weapon in heaviest_first(term.classes))
    text = f"{words(term.action)} {classes}"
    if term.holder is not None:
        text += f" (holder: {name(term.holder)})"
    if term.schedule:
        text += f", {term.schedule}"
    return text


def _detail(clause: Clause, field: str, name: Callable[[str | None], str]) -> str:
    value = getattr(clause, field)
    match field:
        case "obligors":
            shown = and_list([name(actor) for actor in value]) or "none named"
        case "all_parties":
            shown = "yes" if value else "no"
        case "deadlines":
            shown = "; ".join(_deadline(deadline) for deadline in value) or "none"
        case "weapons":
            shown = _weapons_term(value, name)
        case "condition":
            shown = "none" if value is None else typing.cast("Condition", value).summary
        case "places":
            shown = ", ".join(value) or "none"
        case "category" | "modality":
            shown = words(value)
        case "quantity":
            shown = "none" if value is None else str(value)
        case _:
            shown = "none" if value is None else str(value)
    return f"{field}: {shown}"


def _deadline(deadline: Deadline) -> str:
    if deadline.at is not None:
        return f"{deadline.edge.value} by {deadline.at}"
    after = f"{deadline.offset} after " if deadline.offset else "at "
    return f"{deadline.edge.value} {after}{deadline.anchor}"


def _side(
    clause: Clause,
    details: frozenset[str],
    disputed: frozenset[str],
    *,
    changed: bool,
    name: Callable[[str | None], str],
) -> Cell:
    text = [" ".join(clause.summary.split())]
    if clause.modality is Modality.MUST_NOT and "modality" not in details:
        text[0] = f"Not: {text[0]}"
    text += [_detail(clause, field, name) for field in _DETAILS if field in details]
    return Cell(
        value="\n".join(text), changed=changed, disputed=clause.id in disputed, citations=clause.citations
    )


def _row(
    change: ClauseChange,
    old_disputed: frozenset[str],
    new_disputed: frozenset[str],
    name: Callable[[str | None], str],
) -> Line:
    empty = Cell()
    match change:
        case Added(clause=clause):
            kind, ident, label = "added", clause.id, clause.id
            cells = (empty, _side(clause, frozenset(), new_disputed, changed=True, name=name))
            category = clause.category
        case Removed(clause=clause):
            kind, ident, label = "removed", clause.id, clause.id
            cells = (_side(clause, frozenset(), old_disputed, changed=True, name=name), empty)
            category = clause.category
        case Changed(old=old, new=new):
            details = frozenset(change.names)
            kind, ident = "changed", new.id
            label = new.id if old.id == new.id else f"{old.id} → {new.id}"
            cells = (
                _side(old, details, old_disputed, changed=True, name=name),
                _side(new, details, new_disputed, changed=True, name=name),
            )
            category = new.category
        case Unchanged(clause=clause):
            kind, ident, label = "unchanged", clause.id, clause.id
            cells = (
                _side(clause, frozenset(), old_disputed, changed=False, name=name),
                _side(clause, frozenset(), new_disputed, changed=False, name=name),
            )
            category = clause.category
        case _:  # pragma: no cover - the union is closed
            typing.assert_never(change)
    moved = "; moved" if isinstance(change, Changed | Unchanged) and change.moved else ""
    return Line(id=ident, label=f"{label} ({words(category)}{moved})", cells=cells, change=kind)


def table(d: DiffView, corpus: Corpus) -> Table:
    """The table of a diff, its summary above; actor names and sources come from ``corpus``."""
    old_id, new_id = (str(value) for value in (d.metadata["id"].old, d.metadata["id"].new))
    old_title, new_title = (str(value) for value in (d.metadata["title"].old, d.metadata["title"].new))
    if old_id == new_id:
        old_column, new_column = f"{old_id} (old)", f"{new_id} (new)"
    else:
        old_column, new_column = old_id, new_id

    name = corpus.actor_name
    old_disputed = frozenset(clause for dispute in d.disputes.old for clause in dispute.clauses)
    new_disputed = frozenset(clause for dispute in d.disputes.new for clause in dispute.clauses)
    rows = [_row(change, old_disputed, new_disputed, name) for change in d.clauses]
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
