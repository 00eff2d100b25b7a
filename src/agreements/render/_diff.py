"""An :class:`~agreements.diff.AgreementDiff` as a table: one row per clause, old and new side by side.

Each row is a clause of either agreement, in the diff's reading order. Its
``change`` is ``added``, ``removed``, ``changed`` or ``unchanged``; its label
the clause id (``old → new`` when renumbered) and category. The two columns
hold the clause as each agreement has it: the summary, then, for a changed
clause, every other changed field on its own line, so that a change of obligor
or of weapons shows even when the summary stays the same. The diff's
``summary()`` sentences come before the table.
"""

from __future__ import annotations

import typing
from collections.abc import Callable

from agreements.compare import Cell
from agreements.diff import Added, AgreementDiff, Changed, ClauseChange, Removed, Unchanged
from agreements.model import Clause, Condition, Corpus, Modality, WeaponClass, WeaponsTerm
from agreements.render._table import Column, Line, Table

__all__ = ["diff_table"]

# The clause fields shown under the summary when they change, in this order.
_DETAILS: typing.Final = (
    "category",
    "obligor",
    "modality",
    "action",
    "weapons",
    "count",
    "timing",
    "condition",
    "places",
)


def _words(value: str) -> str:
    return value.replace("-", " ")


def _weapons(term: WeaponsTerm | None, name: Callable[[str | None], str]) -> str:
    if term is None:
        return "none"
    classes = ", ".join(_words(weapon.value) for weapon in WeaponClass if weapon in term.classes)
    text = f"{_words(term.action.value)} {classes}"
    if term.holder is not None:
        text += f" (holder: {name(term.holder)})"
    if term.schedule:
        text += f", {term.schedule}"
    return text


def _detail(clause: Clause, field: str, name: Callable[[str | None], str]) -> str:
    value = getattr(clause, field)
    match field:
        case "obligor":
            shown = name(value)
        case "weapons":
            shown = _weapons(value, name)
        case "condition":
            shown = "none" if value is None else typing.cast("Condition", value).summary
        case "places":
            shown = ", ".join(value) or "none"
        case "category" | "modality":
            shown = _words(value.value)
        case _:
            shown = "none" if value is None else str(value)
    return f"{field}: {shown}"


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
    return Line(id=ident, label=f"{label} ({_words(category.value)}{moved})", cells=cells, change=kind)


def diff_table(d: AgreementDiff, corpus: Corpus) -> Table:
    """The table of a diff; actor names and sources come from ``corpus``."""
    old_id, new_id = (str(value) for value in (d.metadata["id"].old, d.metadata["id"].new))
    old_title, new_title = (str(value) for value in (d.metadata["title"].old, d.metadata["title"].new))
    if old_id == new_id:
        old_column, new_column = f"{old_id} (old)", f"{new_id} (new)"
    else:
        old_column, new_column = old_id, new_id

    def name(actor: str | None) -> str:
        if actor is None:
            return "no one"
        found = corpus.actors.get(actor)
        return actor if found is None else found.name

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
        summary=tuple(d.summary(corpus)) or ("Nothing changed.",),
        sources=tuple(source for source_id, source in corpus.sources.items() if source_id in cited),
        changes_from_left=False,
    )
