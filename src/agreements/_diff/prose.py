"""Plain-English sentences for :meth:`agreements.diff.AgreementDiff.summary`.

Most important first: the weapons handed over, the third parties' roles, the
obligations (transfers between actors, then changed, added and removed
clauses), then the rest (parties, the agreement's own fields, disputes,
events). Clause sentences stop after :data:`CLAUSE_SENTENCES`, with one
closing sentence counting the others, so a large diff still reads as a
summary.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Final

from agreements.diff import Added, AgreementDiff, Changed, ClauseChange, MetadataDiff, Removed
from agreements.model import Category, Corpus, ThirdPartyRole, WeaponClass

__all__ = ["CLAUSE_SENTENCES", "sentences"]

#: How many clause changes the summary spells out before counting the rest.
CLAUSE_SENTENCES: Final = 20

Namer = Callable[[str | None], str]


def sentences(d: AgreementDiff, corpus: Corpus | None = None) -> list[str]:
    """The summary of ``d``; actors named from ``corpus`` when given."""
    name = _namer(corpus)
    found = _weapons(d, name)
    found += _guarantors(d, name)
    found += _clauses(d, name)
    found += [f"{name(actor)} becomes a party." for actor in d.parties.added]
    found += [f"{name(actor)} is no longer a party." for actor in d.parties.removed]
    found += _metadata(d.metadata)
    found += [f"A dispute is added: {_sentence(dispute.topic)}" for dispute in d.disputes.added]
    found += [
        f"A dispute is no longer recorded: {_sentence(dispute.topic)}" for dispute in d.disputes.removed
    ]
    found += [f"A dispute changes: {_sentence(new.topic)}" for _, new in d.disputes.changed]
    counts = [
        _count(len(d.events.added), "event", "added"),
        _count(len(d.events.removed), "event", "removed"),
        _count(len(d.events.changed), "event", "changed"),
    ]
    found += [text for text in counts if text]
    return found


def _namer(corpus: Corpus | None) -> Namer:
    def name(actor: str | None) -> str:
        if actor is None:
            return "no one"
        if corpus is not None and actor in corpus.actors:
            return corpus.actors[actor].name
        return actor

    return name


def _count(number: int, noun: str, verb: str) -> str:
    if not number:
        return ""
    if number == 1:
        return f"One {noun} is {verb}."
    return f"{number} {noun}s are {verb}."


def _weapon_words(weapon: WeaponClass) -> str:
    return "Small arms" if weapon is WeaponClass.SMALL_ARMS else f"{weapon.value.capitalize()} weapons"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _weapons(d: AgreementDiff, name: Namer) -> list[str]:
    weapons = d.weapons
    found: list[str] = []
    for weapon in WeaponClass:
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
    return " and ".join(role.value for role in roles)


def _guarantors(d: AgreementDiff, name: Namer) -> list[str]:
    guarantors = d.guarantors
    found = [
        f"{name(change.actor)} goes from {_roles(change.old)} to {_roles(change.new)}."
        for change in guarantors.changed
    ]
    found += [f"{name(third.actor)} joins as {third.role.value}." for third in guarantors.added]
    found += [f"{name(third.actor)} is no longer {third.role.value}." for third in guarantors.removed]
    return found


def _kind(category: Category) -> str:
    """``"A weapons clause"``, ``"An exchange clause"``, ``"A clause"`` (for other)."""
    if category is Category.OTHER:
        return "A clause"
    words = category.value.replace("-", " ")
    return f"{'An' if words[0] in 'aeiou' else 'A'} {words} clause"


def _rank(change: ClauseChange) -> int:
    """Transfers first, then changed terms, then clauses with an obligor added or removed, then the rest."""
    match change:
        case Changed(old=old, new=new) if old.obligor != new.obligor:
            return 0
        case Changed(new=new):
            return 1 if new.obligor is not None else 3
        case Added(clause=clause) | Removed(clause=clause):
            return 2 if clause.obligor is not None else 3
        case _:  # pragma: no cover - Unchanged never reaches here
            return 4


def _clause(change: ClauseChange, name: Namer) -> str:
    match change:
        case Added(clause=clause):
            return f"{_kind(clause.category)} is added: {_sentence(clause.summary)}"
        case Removed(clause=clause):
            return f"{_kind(clause.category)} is removed: {_sentence(clause.summary)}"
        case Changed(old=old, new=new) if old.obligor != new.obligor:
            return f"An obligation passes from {name(old.obligor)} to {name(new.obligor)}: {_sentence(new.summary)}"
        case Changed(new=new):
            what = _and([field.name for field in change.fields if field.name not in {"id", "citations"}])
            return f"{_kind(new.category)} changes its {what}: {_sentence(new.summary)}"
        case _:  # pragma: no cover - Unchanged never reaches here
            raise AssertionError(change)


def _and(words: Sequence[str]) -> str:
    """``"a"``, ``"a and b"``, ``"a, b and c"``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _clauses(d: AgreementDiff, name: Namer) -> list[str]:
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


def _metadata(metadata: MetadataDiff) -> list[str]:
    found: list[str] = []
    for field in metadata.changed:
        match field.name:
            case "id":
                continue  # two different agreements always differ in id
            case "status":
                old, new = (_words(value) for value in (field.old, field.new))
                found.append(f"The status changes from {old} to {new}.")
            case "date":
                found.append(f"The date changes from {field.old} to {field.new}.")
            case "place":
                found.append(f"The place changes from {_place(field.old)} to {_place(field.new)}.")
            case "title":
                found.append(f"The title changes from {field.old!r} to {field.new!r}.")
            case "citations":
                found.append("The agreement's citations change.")
            case _:
                found.append(f"The {field.name} changes.")
    return found


def _words(value: object) -> str:
    return value.value.replace("-", " ") if isinstance(value, enum.Enum) else str(value)


def _place(value: object) -> str:
    return "none" if value is None else str(value)
