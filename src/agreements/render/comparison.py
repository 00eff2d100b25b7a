"""A comparison for a reader: what each cell says, and the :class:`~agreements.render._table.Table` every format draws.

The aspects of :mod:`agreements.compare` choose the records an agreement
has on each aspect; the functions here word them, item by item:
:func:`clause_text` a clause with its terms (quantity, deadlines, timing,
condition, weapons), a prohibition as a prohibition; :func:`weapon_items`
the weapon classes handed over or kept, one item per class, with whose they
are and when; :func:`status_cell` the status with the date and the source
it holds as of. :func:`table` reads a comparison through
:class:`ComparisonView` (what :class:`agreements.compare.Comparison` has),
so that rendering does not depend on the analysis that builds it, and
:func:`long_rows` lays it out as tidy data, one row per agreement and clause.

>>> import agreements as ag
>>> clause = ag.get("daraa-al-balad-2021-09-06").clause("checkpoints")
>>> clause_text(clause, ag.get("daraa-al-balad-2021-09-06"), ag.corpus())
'Government forces deploy nine checkpoints. — who must: Government forces; quantity: 9 checkpoints'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, Protocol

from agreements._text import count, one_line, words
from agreements.model import (
    AGREEMENT_ANCHOR,
    Agreement,
    Backed,
    Citation,
    Clause,
    Corpus,
    Deadline,
    PartialDate,
    Source,
    StatusEntry,
    ThirdParty,
    ThirdPartyRole,
    WeaponsTerm,
    heaviest_first,
)
from agreements.render._prose import deadline_words, with_modality
from agreements.render._table import Cell, Column, Item, Line, Table, marked

__all__ = [
    "LONG_COLUMNS",
    "ComparisonView",
    "RowView",
    "clause_text",
    "long_rows",
    "stated",
    "status_cell",
    "table",
    "third_party_items",
    "weapon_items",
    "weapons_text",
]

#: What a status cell says for an agreement whose dated history says nothing on the date asked for.
NOT_KNOWN: Final = "not known on that date"


# ------------------------------------------------------------------ clauses


def stated(clause: Clause) -> str:
    """A clause's summary as a reader reads it: a prohibition as forbidden, a permission as allowed.

    The summary states the act; the modality makes it required (as it is
    read), allowed (``Allowed: ...``) or forbidden (``Forbidden: ...``).

    >>> from agreements.model import Citation, Category, Modality
    >>> cite = [Citation(source="s", quote="q")]
    >>> stated(Clause(id="c", category=Category.SIEGE, summary="Shell the town.", citations=cite,
    ...               modality=Modality.MUST_NOT))
    'Forbidden: Shell the town.'
    """
    return with_modality(one_line(clause.summary), clause.modality)


def _anchor(anchor: str, agreement: Agreement | None) -> str:
    if anchor == AGREEMENT_ANCHOR:
        return "the agreement"
    events = {} if agreement is None else {event.id: event for event in agreement.events}
    if anchor in events:
        return f"the {words(events[anchor].kind)} ({one_line(anchor)})"
    return f"clause {one_line(anchor)}"


def deadline_text(deadline: Deadline, agreement: Agreement | None = None) -> str:
    """When an act must start or end, dates in the table's notation: ``"within 14 days of the agreement"``.

    The words are :func:`~agreements.render._prose.deadline_words`'s, the one rule for saying a deadline.

    >>> deadline_text(Deadline(anchor="agreement", offset="P14D"))
    'within 14 days of the agreement'
    >>> from agreements.model import Edge
    >>> deadline_text(Deadline(at=PartialDate.parse("2021-09~"), edge=Edge.START))
    'starting 2021-09~'
    """
    return deadline_words(deadline, lambda anchor: _anchor(anchor, agreement), str)


def _weapons_what(term: WeaponsTerm) -> list[str]:
    """What weapons a term is about, one entry per class, system, calibre, or all of them."""
    found = [words(weapon) for weapon in heaviest_first(term.classes)]
    found += [one_line(system) for system in term.systems]
    if term.calibre is not None:
        found.append(f"calibre {one_line(str(term.calibre))}")
    if term.all_weapons:
        found.append("all weapons")
    return found


def _weapons_terms(term: WeaponsTerm, clause: Clause, corpus: Corpus) -> list[str]:
    """Whose the weapons are, where they go, how far, and when, as the term says."""
    found: list[str] = []
    holder = term.holder if term.holder is not None else clause.obligor
    if holder is not None:
        found.append(f"held by {one_line(corpus.actor_name(holder))}")
    if term.recipient is not None:
        found.append(f"to {one_line(corpus.actor_name(term.recipient))}")
    if term.destination is not None:
        found.append(f"to {one_line(corpus.place_name(term.destination))}")
    if term.distance is not None:
        found.append(one_line(str(term.distance)))
    if term.schedule:
        found.append(one_line(term.schedule))
    return found


def weapons_text(term: WeaponsTerm, clause: Clause, corpus: Corpus) -> str:
    """A weapons term in a few words: ``"withdraw heavy, Uragan — 15 km, held by ..."``."""
    what = f"{words(term.action.value)} {', '.join(_weapons_what(term))}"
    details = _weapons_terms(term, clause, corpus)
    return f"{what}, {', '.join(details)}" if details else what


def clause_details(clause: Clause, agreement: Agreement | None, corpus: Corpus) -> list[str]:
    """The terms of a clause beyond its summary, each labelled: who is bound, weapons, quantity, deadline, timing, condition.

    Who is bound comes with the modality: ``who must: Syrian government``,
    ``who must not: ...``, ``who may: ...`` (``all parties`` for a clause
    that binds every party).
    """
    found: list[str] = []
    bound = [one_line(corpus.actor_name(actor)) for actor in clause.obligors]
    bound += ["all parties"] if clause.all_parties else []
    if bound:
        found.append(f"who {words(clause.modality)}: {', '.join(bound)}")
    if clause.weapons is not None:
        found.append(f"weapons: {weapons_text(clause.weapons, clause, corpus)}")
    if clause.quantity is not None:
        found.append(f"quantity: {one_line(str(clause.quantity))}")
    found += [f"deadline: {deadline_text(deadline, agreement)}" for deadline in clause.deadlines]
    if clause.timing:
        found.append(f"when: {one_line(clause.timing)}")
    if clause.condition is not None:
        found.append(f"condition: {one_line(clause.condition.summary)}")
    return found


def clause_text(clause: Clause, agreement: Agreement | None, corpus: Corpus, *, weapons: bool = True) -> str:
    """A clause on one line: what it states (a prohibition as forbidden), then its terms after a dash.

    Without ``weapons``, its weapons term is left out (the row says it).
    """
    details = clause_details(clause, agreement, corpus)
    if not weapons:
        details = [detail for detail in details if not detail.startswith("weapons: ")]
    text = stated(clause)
    return f"{text} — {'; '.join(details)}" if details else text


def clause_items(
    agreement: Agreement, clauses: Iterable[Clause], corpus: Corpus, *, weapons: bool = True
) -> list[Item]:
    """One item per clause, disputed when a dispute names it."""
    doubtful = agreement.disputed_clauses
    return [
        Item(
            text=clause_text(clause, agreement, corpus, weapons=weapons),
            disputed=clause.id in doubtful,
            records=(clause,),
            citations=clause.citations,
        )
        for clause in clauses
    ]


def weapon_items(agreement: Agreement, clauses: Iterable[Clause], corpus: Corpus) -> list[Item]:
    """One item per weapon class (or system, calibre) a clause names: ``"heavy — held by Shabab al-Sunna"``.

    The classes come heaviest first across the clauses; an item a dispute
    puts in doubt says so, unless an undisputed clause says the same.
    """
    doubtful = agreement.disputed_clauses
    found: list[tuple[int, int, Item]] = []
    for number, clause in enumerate(clauses):
        term = clause.weapons
        if term is None:
            continue
        details = _weapons_terms(term, clause, corpus)
        details += [f"deadline: {deadline_text(deadline, agreement)}" for deadline in clause.deadlines]
        if clause.quantity is not None:
            details.append(f"quantity: {one_line(str(clause.quantity))}")
        if clause.condition is not None:
            details.append(f"condition: {one_line(clause.condition.summary)}")
        for rank, what in enumerate(_weapons_what(term)):
            text = f"{what} — {'; '.join(details)}" if details else what
            item = Item(
                text=text, disputed=clause.id in doubtful, records=(clause,), citations=clause.citations
            )
            found.append((_class_rank(term, rank), number, item))
    return [item for _, _, item in sorted(found, key=lambda entry: entry[:2])]


def _class_rank(term: WeaponsTerm, rank: int) -> int:
    """Where an entry of :func:`_weapons_what` goes across clauses: built-in classes by weight, then the rest."""
    ordered = heaviest_first(term.classes)
    if rank < len(ordered):
        return _WEAPON_RANK.get(str(ordered[rank]), len(_WEAPON_RANK))
    return len(_WEAPON_RANK) + 1


_WEAPON_RANK: Final = {"heavy": 0, "medium": 1, "light": 2, "small-arms": 3}


# ------------------------------------------------------------- other aspects


def date_cell(agreement: Agreement, citations: Sequence[Citation], records: Sequence[Backed]) -> Cell:
    """The agreement's date, ``2018-07~`` when approximate, with what dates it."""
    return Cell.of([Item(text=str(agreement.date), records=records, citations=citations)])


def _sources(citations: Iterable[Citation]) -> str:
    return ", ".join(dict.fromkeys(one_line(citation.source) for citation in citations))


def status_cell(
    agreement: Agreement,
    *,
    as_of: PartialDate | None,
    citations: Sequence[Citation] = (),
    records: Sequence[Backed] = (),
) -> Cell:
    """The status, with the date it holds as of and the sources that say so, when the agreement has a dated history.

    With ``as_of``, the status its history gives on that date, or
    :data:`NOT_KNOWN` when the history says nothing that early. Without it,
    the agreement's status, as of its latest dated entry. ``citations`` and
    ``records`` back a status without a dated history.
    """
    entry: StatusEntry | None
    if as_of is not None:
        entry = agreement.status_on(as_of)
        if entry is None:
            return Cell.of([Item(text=NOT_KNOWN)])
    else:
        entry = max(agreement.statuses, key=lambda each: each.as_of, default=None)
        if entry is None:
            return Cell.of([Item(text=words(agreement.status), records=records, citations=citations)])
    return Cell.of(
        [Item(text=words(entry.status), records=(entry,), citations=entry.citations)],
        note=f"as of {entry.as_of}, per {_sources(entry.citations)}",
    )


def party_items(agreement: Agreement, corpus: Corpus) -> list[Item]:
    """One item per party, by name."""
    return [
        Item(text=corpus.actor_name(party.actor), records=(party,), citations=party.citations)
        for party in agreement.parties
    ]


_ROLES: Final = list(ThirdPartyRole)


def third_party_items(agreement: Agreement, corpus: Corpus) -> list[Item]:
    """One item per third party, with each of its roles: ``"Russia: guarantor, mediator, sponsor"``."""
    by_actor: dict[str, list[ThirdParty]] = {}
    for third in agreement.third_parties:
        by_actor.setdefault(third.actor, []).append(third)
    found = []
    for actor, records in by_actor.items():
        roles = sorted({record.role for record in records}, key=_ROLES.index)
        found.append(
            Item(
                text=f"{corpus.actor_name(actor)}: {', '.join(words(role) for role in roles)}",
                records=records,
                citations=[citation for record in records for citation in record.citations],
            )
        )
    return found


def territory_items(agreement: Agreement) -> list[Item]:
    """The area the agreement covers, as the corpus summarises it."""
    territory = agreement.territory
    if territory is None:
        return []
    return [Item(text=territory.summary, records=(territory,), citations=territory.citations)]


def dispute_items(agreement: Agreement) -> list[Item]:
    """One item per dispute: its topic, with every claim's quotes."""
    return [
        Item(
            text=dispute.topic,
            records=(dispute,),
            citations=[citation for claim in dispute.claims for citation in claim.citations],
        )
        for dispute in agreement.disputes
    ]


# -------------------------------------------------------------------- table


class _AspectView(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...


class RowView(Protocol):
    """What rendering reads of one row of a comparison."""

    @property
    def aspect(self) -> _AspectView: ...
    @property
    def cells(self) -> tuple[Cell, ...]: ...


class ComparisonView(Protocol):
    """What rendering reads of a comparison."""

    @property
    def agreements(self) -> tuple[Agreement, ...]: ...
    @property
    def rows(self) -> tuple[RowView, ...]: ...
    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def as_of(self) -> PartialDate | None: ...


def table(comparison: ComparisonView) -> Table:
    """The table a comparison is drawn as: aspects as rows, agreements as columns."""
    title = f"Comparison of {count(len(comparison.agreements), 'agreement')}"
    if comparison.as_of is not None:
        title += f", statuses as of {comparison.as_of}"
    return Table(
        kind="comparison",
        title=title,
        corner="Aspect",
        columns=tuple(
            Column(id=agreement.id, label=agreement.id, title=f"{agreement.title} ({agreement.date})")
            for agreement in comparison.agreements
        ),
        rows=tuple(
            Line(id=row.aspect.id, label=row.aspect.label, cells=row.cells) for row in comparison.rows
        ),
        sources=comparison.sources,
    )


# ---------------------------------------------------------------- long form

#: The columns of the long form, in order.
LONG_COLUMNS: Final = (
    "agreement",
    "date",
    "aspect",
    "category",
    "clause",
    "text",
    "obligors",
    "modality",
    "action",
    "weapon_action",
    "weapon_classes",
    "quantity",
    "deadline",
    "condition",
    "disputed",
    "changed",
    "citations",
    "sources",
)

LongRow = tuple[str | bool, ...]


def _paths(agreement: Agreement) -> dict[int, list[tuple[str, Citation]]]:
    """Each record of an agreement (by identity) with the paths and citations that back it."""
    found: dict[int, list[tuple[str, Citation]]] = {}
    for path, record, citation in agreement.cited():
        found.setdefault(id(record), []).append((path, citation))
    return found


def _clause_fields(clause: Clause | None, agreement: Agreement) -> dict[str, str]:
    if clause is None:
        return {}
    term = clause.weapons
    return {
        "category": str(clause.category),
        "clause": clause.id,
        "obligors": "; ".join(clause.bound(party.actor for party in agreement.parties)),
        "modality": clause.modality.value,
        "action": clause.action or "",
        "weapon_action": "" if term is None else term.action.value,
        "weapon_classes": "" if term is None else ", ".join(_weapons_what(term)),
        "quantity": "" if clause.quantity is None else str(clause.quantity),
        "deadline": "; ".join(deadline_text(deadline, agreement) for deadline in clause.deadlines),
        "condition": "" if clause.condition is None else one_line(clause.condition.summary),
    }


def long_rows(comparison: ComparisonView) -> list[LongRow]:
    """The comparison as tidy data: one row per agreement and clause (or item, for aspects without clauses).

    The columns are :data:`LONG_COLUMNS`. A clause's items (a weapons
    term's classes) make one row; ``changed`` says that one of them is new
    or changed from the agreement to the left; ``citations`` are the paths
    of the quotes in the agreement (as ``agreements cite`` lists them) and
    ``sources`` their sources. Rows follow the table: aspect by aspect, then
    agreement by agreement.
    """
    shape = table(comparison)
    paths = {agreement.id: _paths(agreement) for agreement in comparison.agreements}
    found: list[LongRow] = []
    for row in shape.rows:
        for agreement, mark in zip(comparison.agreements, marked(shape, row), strict=True):
            groups: dict[int, list[tuple[Item, bool]]] = {}
            for item, new in mark.items:
                clause = next((record for record in item.records if isinstance(record, Clause)), None)
                groups.setdefault(id(clause) if clause is not None else id(item), []).append((item, new))
            for group in groups.values():
                items = [item for item, _ in group]
                clause = next((r for item in items for r in item.records if isinstance(r, Clause)), None)
                backing = [
                    (path, citation)
                    for item in items
                    for record in item.records
                    for path, citation in paths[agreement.id].get(id(record), [])
                    if citation in item.citations
                ]
                text = "\n".join(one_line(item.text) for item in items)
                if mark.cell.note:
                    text += f" ({one_line(mark.cell.note)})"
                fields: dict[str, str | bool] = dict.fromkeys(LONG_COLUMNS, "")
                fields |= _clause_fields(clause, agreement)
                fields |= {
                    "agreement": agreement.id,
                    "date": str(agreement.date),
                    "aspect": row.id,
                    "text": text,
                    "disputed": any(item.disputed for item in items),
                    "changed": any(new for _, new in group),
                    "citations": "; ".join(dict.fromkeys(path for path, _ in backing)),
                    "sources": "; ".join(
                        dict.fromkeys(
                            [citation.source for _, citation in backing]
                            or [citation.source for item in items for citation in item.citations]
                        )
                    ),
                }
                found.append(tuple(fields[column] for column in LONG_COLUMNS))
    return found
