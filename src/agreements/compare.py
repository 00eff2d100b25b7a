"""Side-by-side comparison of agreements: aspects as rows, agreements as columns.

:func:`compare` answers the question an analyst asks of several deals at once:
for each aspect (who the parties are, which weapons are handed over, whether a
siege is lifted, ...) what does each agreement say, what changed from the one
before, which terms the sources dispute, and which quotes carry each answer.

An :class:`Aspect` is a named function from an agreement to a :class:`Cell`.
The built-in aspects cover the terms the Daraa agreements differ on; register
your own with :func:`register_aspect`, or pass them to :func:`compare` directly.

>>> from agreements import get
>>> table = compare([get("daraa-al-balad-2021-09-06"), get("busra-al-sham-2018")])
>>> [agreement.id for agreement in table.agreements]    # date order
['busra-al-sham-2018', 'daraa-al-balad-2021-09-06']
>>> table.cell("weapons-handover", "busra-al-sham-2018").value
'heavy, medium'

Renderers live in :mod:`agreements.render` and are imported only when used, so
that ``import agreements`` stays fast and needs none of the optional extras.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

import attrs

from agreements.exceptions import AgreementsError
from agreements.model import (
    Agreement,
    Category,
    Citation,
    Clause,
    Corpus,
    EventKind,
    FieldError,
    Modality,
    Source,
    Status,
    WeaponAction,
    WeaponClass,
)
from agreements.similarity import closest

__all__ = [
    "Aspect",
    "Cell",
    "Comparison",
    "Row",
    "UnknownAspectError",
    "category_aspect",
    "compare",
    "register_aspect",
    "registered_aspects",
    "unregister_aspect",
]


class UnknownAspectError(AgreementsError, KeyError):
    """No aspect is registered under the id asked for; the message names the closest ids."""

    def __init__(self, wanted: str, closest: Sequence[str] = ()) -> None:
        self.wanted = wanted
        self.closest = tuple(closest)
        super().__init__(wanted)

    def __str__(self) -> str:
        hint = f"; did you mean {' or '.join(map(repr, self.closest))}?" if self.closest else ""
        return f"no aspect with id {self.wanted!r}{hint}"


# One converter per type: mypy's attrs plugin cannot infer a generic converter
# inside an import cycle (the renderers import this module, and it them).
def _cells(items: Iterable[Cell]) -> tuple[Cell, ...]:
    return tuple(items)


def _rows(items: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(items)


def _agreements(items: Iterable[Agreement]) -> tuple[Agreement, ...]:
    return tuple(items)


def _sources(items: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(items)


def _citations(items: Iterable[Citation]) -> tuple[Citation, ...]:
    # The same quote often backs several clauses of one row; show it once.
    return tuple(dict.fromkeys(items))


@attrs.frozen(kw_only=True)
class Cell:
    """What one agreement says about one aspect.

    ``value`` is short text, one item per line (an empty string when the
    agreement says nothing on it); ``changed`` says whether it differs from the
    previous agreement's value; ``disputed`` whether the sources disagree on a
    term behind it; ``citations`` are the quotes it rests on, each once.

    >>> Cell(value="heavy", citations=[Citation(source="s", quote="heavy weapons")]).citations
    (Citation(source='s', quote='heavy weapons'),)
    """

    value: str = ""
    changed: bool = False
    disputed: bool = False
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)


Extract = Callable[[Agreement, Corpus], Cell]

_ASPECT_ID: Final = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")


def _valid_aspect_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _ASPECT_ID.match(value):
        raise FieldError(
            attribute.name, f"{value!r} is not a valid id (lower-case letters, digits, '.', '_' and '-')"
        )


@attrs.frozen(kw_only=True)
class Aspect:
    """One row of a comparison: a label and how to read it off an agreement.

    ``extract(agreement, corpus)`` returns the :class:`Cell` (its ``changed``
    flag is set by :func:`compare`); ``corpus`` is where actor names are looked
    up. ``tracks_changes`` is false for aspects that differ between any two
    agreements by nature (the date), so that they are never highlighted.

    >>> title = Aspect(id="title", label="Title",
    ...                extract=lambda agreement, corpus: Cell(value=agreement.title))
    >>> import agreements as ag
    >>> compare([ag.get("busra-al-sham-2018")], aspects=[title]).rows[0].cells[0].value
    'Busra al-Sham agreement'
    """

    id: str = attrs.field(validator=_valid_aspect_id)
    label: str
    extract: Extract = attrs.field(eq=False, repr=False)
    description: str = ""
    tracks_changes: bool = True


@attrs.frozen(kw_only=True)
class Row:
    """An aspect and its cells, one per agreement of the comparison, in column order."""

    aspect: Aspect
    cells: tuple[Cell, ...] = attrs.field(converter=_cells)

    @property
    def is_empty(self) -> bool:
        """True when no agreement says anything on this aspect."""
        return not any(cell.value for cell in self.cells)


@attrs.frozen(kw_only=True)
class Comparison:
    """Aspects by agreements: the table :func:`compare` builds.

    ``agreements`` are the columns in date order, ``rows`` one per aspect, and
    ``sources`` the source documents that the cells cite (those the corpus
    knows), for renderers to name. Render it with the ``to_*`` methods; the
    renderers import their optional extras (rich, pandas) only when called.
    """

    agreements: tuple[Agreement, ...] = attrs.field(converter=_agreements)
    rows: tuple[Row, ...] = attrs.field(converter=_rows)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)

    def row(self, aspect_id: str) -> Row:
        """The row of this aspect (:class:`UnknownAspectError` when there is none)."""
        for row in self.rows:
            if row.aspect.id == aspect_id:
                return row
        raise UnknownAspectError(aspect_id, _near(aspect_id, [row.aspect.id for row in self.rows]))

    def cell(self, aspect_id: str, agreement_id: str) -> Cell:
        """What one agreement says on one aspect.

        >>> import agreements as ag
        >>> table = compare(ag.corpus())
        >>> table.cell("status", "russian-conditions-2018").value
        'proposed'
        """
        row = self.row(aspect_id)
        for agreement, cell in zip(self.agreements, row.cells, strict=True):
            if agreement.id == agreement_id:
                return cell
        raise KeyError(agreement_id)

    def to_markdown(self) -> str:
        """GitHub-flavoured Markdown: a table with numbered footnotes for the citations."""
        from agreements.render import markdown  # noqa: PLC0415 - renderers load on demand

        return markdown.render(self)

    def to_html(self, *, title: str | None = None) -> str:
        """One self-contained HTML page (no scripts, no external files) with every quote.

        Below the table, a figure shows the compared agreements and their events on a timeline.
        """
        from agreements.render import html  # noqa: PLC0415

        return html.render(self, title=title)

    def to_csv(self) -> str:
        """CSV (RFC 4180): one row per aspect, one column per agreement, formula-safe."""
        from agreements.render import csv  # noqa: PLC0415

        return csv.render(self)

    def to_json(self) -> str:
        """JSON in the documented shape of :mod:`agreements.render.json`."""
        from agreements.render import json  # noqa: PLC0415

        return json.render(self)

    def to_latex(self) -> str:
        """A LaTeX ``longtable`` with booktabs rules, followed by the numbered notes."""
        from agreements.render import latex  # noqa: PLC0415

        return latex.render(self)

    def to_text(self, *, width: int = 100) -> str:
        """A plain-text table that fits ``width`` columns, with numbered notes below."""
        from agreements.render import terminal  # noqa: PLC0415

        return terminal.render_plain(self, width=width)

    def to_rich(self) -> Any:
        """A ``rich`` renderable of the table (needs the ``rich`` extra)."""
        from agreements.render import terminal  # noqa: PLC0415

        return terminal.rich_renderable(self)

    def __rich__(self) -> Any:
        return self.to_rich()

    def to_dataframe(self) -> Any:
        """A ``pandas.DataFrame`` of the values: aspect ids by agreement ids (needs the ``pandas`` extra)."""
        from agreements.render import dataframe  # noqa: PLC0415

        return dataframe.render(self)

    def __str__(self) -> str:
        return self.to_text()


# ------------------------------------------------------------------- the aspects


def _name(corpus: Corpus, actor_id: str) -> str:
    actor = corpus.actors.get(actor_id)
    return actor.name if actor is not None else actor_id


def _words(value: str) -> str:
    return value.replace("-", " ")


# Events that date an agreement, and those that show each status; when none is
# recorded the agreement's own citations are the evidence.
_DATING: Final = frozenset({EventKind.OFFER, EventKind.SIGNING, EventKind.ENTRY_INTO_FORCE})
_STATUS_EVENTS: Final = {
    Status.PROPOSED: frozenset({EventKind.OFFER}),
    Status.REJECTED: frozenset({EventKind.REJECTION}),
    Status.SIGNED: frozenset({EventKind.SIGNING}),
    Status.IN_FORCE: frozenset({EventKind.SIGNING, EventKind.ENTRY_INTO_FORCE}),
    Status.COLLAPSED: frozenset({EventKind.COLLAPSE}),
    Status.SUPERSEDED: frozenset(),
}


def _event_citations(
    agreement: Agreement, kinds: frozenset[EventKind], *, dated: bool
) -> tuple[Citation, ...]:
    found = tuple(
        citation
        for event in agreement.events
        if event.kind in kinds and (not dated or event.date == agreement.date)
        for citation in event.citations
    )
    return found or agreement.citations


def _date(agreement: Agreement, corpus: Corpus) -> Cell:
    text = str(agreement.date).rstrip("~")
    if agreement.date.approximate:
        text += " (approx.)"
    return Cell(value=text, citations=_event_citations(agreement, _DATING, dated=True))


def _status(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell(
        value=_words(agreement.status.value),
        citations=_event_citations(agreement, _STATUS_EVENTS[agreement.status], dated=False),
    )


def _parties(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell(
        value="\n".join(_name(corpus, party.actor) for party in agreement.parties),
        citations=[citation for party in agreement.parties for citation in party.citations],
    )


def _third_parties(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell(
        value="\n".join(
            f"{_name(corpus, third.actor)} ({_words(third.role.value)})" for third in agreement.third_parties
        ),
        citations=[citation for third in agreement.third_parties for citation in third.citations],
    )


def _territory(agreement: Agreement, corpus: Corpus) -> Cell:
    territory = agreement.territory
    if territory is None:
        return Cell()
    return Cell(value=territory.summary, citations=territory.citations)


def _weapon_names(classes: Iterable[WeaponClass]) -> str:
    present = set(classes)
    return ", ".join(_words(weapon.value) for weapon in WeaponClass if weapon in present)


def _weapons_cell(agreement: Agreement, action: WeaponAction) -> Cell:
    """Weapon classes handed over (or kept), heaviest first; disputed classes on their own line."""
    if action is WeaponAction.HAND_OVER:
        certain, doubtful = agreement.handover, agreement.disputed_handover
        modalities = {Modality.MUST}
    else:
        certain, doubtful = agreement.retained, frozenset()
        modalities = {Modality.MUST, Modality.MAY}
    disputed_ids = agreement.disputed_clauses
    clauses = [
        clause
        for clause in agreement.clauses
        if clause.weapons is not None and clause.weapons.action is action and clause.modality in modalities
    ]
    if action is WeaponAction.RETAIN:
        doubtful = (
            frozenset(
                weapon
                for clause in clauses
                if clause.id in disputed_ids and clause.weapons is not None
                for weapon in clause.weapons.classes
            )
            - certain
        )
    lines = [_weapon_names(certain)] if certain else []
    if doubtful:
        lines.append(f"disputed: {_weapon_names(doubtful)}")
    return Cell(
        value="\n".join(lines),
        disputed=any(clause.id in disputed_ids for clause in clauses),
        citations=[citation for clause in clauses for citation in clause.citations],
    )


def _handover(agreement: Agreement, corpus: Corpus) -> Cell:
    return _weapons_cell(agreement, WeaponAction.HAND_OVER)


def _retained(agreement: Agreement, corpus: Corpus) -> Cell:
    return _weapons_cell(agreement, WeaponAction.RETAIN)


def _clause_line(clause: Clause) -> str:
    summary = " ".join(clause.summary.split())
    if clause.modality is Modality.MUST_NOT and not summary.lower().startswith(("not ", "no ")):
        return f"Not: {summary}"
    return summary


def _clauses_cell(agreement: Agreement, clauses: Sequence[Clause]) -> Cell:
    disputed_ids = agreement.disputed_clauses
    return Cell(
        value="\n".join(_clause_line(clause) for clause in clauses),
        disputed=any(clause.id in disputed_ids for clause in clauses),
        citations=[citation for clause in clauses for citation in clause.citations],
    )


def category_aspect(aspect_id: str, label: str, *categories: Category, description: str = "") -> Aspect:
    """An aspect listing the summaries of an agreement's clauses in ``categories``.

    >>> import agreements as ag
    >>> siege = category_aspect("siege-only", "Siege", Category.SIEGE)
    >>> print(compare([ag.get("busra-al-sham-2018")], aspects=[siege]).rows[0].cells[0].value)
    <BLANKLINE>
    """
    wanted = frozenset(categories)
    if not wanted:
        raise ValueError("category_aspect() needs at least one category")

    def extract(agreement: Agreement, corpus: Corpus) -> Cell:
        return _clauses_cell(agreement, [clause for clause in agreement.clauses if clause.category in wanted])

    names = ", ".join(_words(category.value) for category in Category if category in wanted)
    return Aspect(
        id=aspect_id, label=label, extract=extract, description=description or f"Clauses about {names}."
    )


def _other_weapons(agreement: Agreement, corpus: Corpus) -> Cell:
    return _clauses_cell(
        agreement,
        [
            clause
            for clause in agreement.clauses
            if clause.category is Category.WEAPONS and clause.weapons is None
        ],
    )


def _disputes(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell(
        value="\n".join(" ".join(dispute.topic.split()) for dispute in agreement.disputes),
        disputed=bool(agreement.disputes),
        citations=[
            citation
            for dispute in agreement.disputes
            for claim in dispute.claims
            for citation in claim.citations
        ],
    )


def _builtin_aspects() -> tuple[Aspect, ...]:
    category = category_aspect
    return (
        Aspect(id="date", label="Date", extract=_date, description="When it was made.", tracks_changes=False),
        Aspect(id="status", label="Status", extract=_status, description="Proposed, signed, in force, ..."),
        Aspect(
            id="parties", label="Parties", extract=_parties, description="Who signs, accepts or is bound."
        ),
        Aspect(
            id="third-parties",
            label="Guarantors and mediators",
            extract=_third_parties,
            description="Outside actors, with their role.",
        ),
        Aspect(id="territory", label="Territory", extract=_territory, description="The area covered."),
        category("ceasefire", "Ceasefire", Category.CEASEFIRE),
        Aspect(
            id="weapons-handover",
            label="Weapons handed over",
            extract=_handover,
            description="Weapon classes someone must hand over, heaviest first.",
        ),
        Aspect(
            id="weapons-kept",
            label="Weapons kept",
            extract=_retained,
            description="Weapon classes their holders keep, heaviest first.",
        ),
        Aspect(
            id="weapons-other",
            label="Other weapons terms",
            extract=_other_weapons,
            description="Clauses about weapons that name no weapon class.",
        ),
        category("security-presence", "Security presence", Category.SECURITY_PRESENCE),
        category("checkpoints", "Checkpoints", Category.CHECKPOINTS),
        category("siege", "Siege", Category.SIEGE),
        category("displacement", "Displacement and expulsion", Category.DISPLACEMENT),
        category("return", "Return of civilians", Category.RETURN),
        category(
            "settlement",
            "Settlement of status and military service",
            Category.SETTLEMENT,
            Category.MILITARY_SERVICE,
        ),
        category("state-institutions", "State institutions", Category.STATE_INSTITUTIONS),
        category("border-crossing", "Border crossing", Category.BORDER_CROSSING),
        category("integration", "Integration of fighters", Category.INTEGRATION),
        category("exchange", "Exchange of prisoners and bodies", Category.EXCHANGE),
        category("services", "Services", Category.SERVICES),
        category("monitoring", "Monitoring", Category.MONITORING),
        category("other", "Other terms", Category.OTHER),
        Aspect(
            id="disputes",
            label="Disputed by the sources",
            extract=_disputes,
            description="Terms the sources disagree on.",
        ),
    )


BUILTIN_ASPECTS: Final = _builtin_aspects()
_REGISTRY: Final[dict[str, Aspect]] = {aspect.id: aspect for aspect in BUILTIN_ASPECTS}


def registered_aspects() -> tuple[Aspect, ...]:
    """Every registered aspect, the built-in ones first, then in order of registration.

    >>> [aspect.id for aspect in registered_aspects()][:4]
    ['date', 'status', 'parties', 'third-parties']
    """
    return tuple(_REGISTRY.values())


def register_aspect(aspect: Aspect, *, replace: bool = False) -> Aspect:
    """Add ``aspect`` to the rows :func:`compare` shows by default, and return it.

    An id that is already registered is an error unless ``replace`` is true,
    in which case the new aspect takes the old one's place in the order.

    >>> fees = category_aspect("fees", "Fees for services", Category.SERVICES)
    >>> register_aspect(fees).id
    'fees'
    >>> unregister_aspect("fees").label
    'Fees for services'
    """
    if aspect.id in _REGISTRY and not replace:
        raise ValueError(f"an aspect with id {aspect.id!r} is already registered; pass replace=True")
    _REGISTRY[aspect.id] = aspect
    return aspect


def unregister_aspect(aspect_id: str) -> Aspect:
    """Remove an aspect from the defaults and return it (built-in ones too)."""
    try:
        return _REGISTRY.pop(aspect_id)
    except KeyError:
        raise UnknownAspectError(aspect_id, _near(aspect_id, list(_REGISTRY))) from None


def _near(wanted: str, choices: Sequence[str]) -> list[str]:
    return [choice for choice, _ in closest(wanted, choices, limit=3, cutoff=0.5)]


def _aspect(item: Aspect | str) -> Aspect:
    if isinstance(item, Aspect):
        return item
    found = _REGISTRY.get(item)
    if found is None:
        raise UnknownAspectError(item, _near(item, list(_REGISTRY)))
    return found


def compare(
    agreements: Corpus | Iterable[Agreement],
    *,
    aspects: Sequence[Aspect | str] | None = None,
    corpus: Corpus | None = None,
) -> Comparison:
    """Compare agreements side by side: one row per aspect, one column per agreement.

    ``agreements`` is a corpus (all of its agreements) or any agreements; the
    columns are put in the order a :class:`~agreements.model.Corpus` keeps
    (by date, then by ``follows``, then by id). ``aspects`` chooses the rows, as
    :class:`Aspect` records or registered ids, in the order given; by default
    every registered aspect that at least one agreement says something on.
    Actor names are looked up in ``corpus``: by default the corpus passed as
    ``agreements``, otherwise the built-in one (an unknown actor shows its id).

    Each cell is marked ``changed`` when its value differs from the cell to its
    left (never in the first column).

    >>> import agreements as ag
    >>> table = compare(ag.corpus(), aspects=["status"])
    >>> first, second = table.rows[0].cells[:2]
    >>> first.changed, second.changed == (second.value != first.value)
    (False, True)
    """
    if isinstance(agreements, Corpus):
        names = corpus if corpus is not None else agreements
        chosen: list[Agreement] = list(agreements.agreements.values())
    else:
        if isinstance(agreements, Agreement):
            raise TypeError("compare() takes several agreements (a list or a corpus), not one agreement")
        chosen = list(agreements)
        if corpus is None:
            from agreements.corpus import corpus as builtin  # noqa: PLC0415 - read only when needed

            corpus = builtin()
        names = corpus
    seen: set[str] = set()
    for agreement in chosen:
        if agreement.id in seen:
            raise ValueError(f"agreement {agreement.id!r} is listed twice")
        seen.add(agreement.id)
    # A corpus orders agreements the one way the library does: by date, then
    # by ``follows`` among those of the same date, then by id.
    columns = tuple(Corpus(agreements=chosen).agreements.values())
    rows_for = registered_aspects() if aspects is None else tuple(_aspect(item) for item in aspects)
    if aspects is not None:
        ids = [aspect.id for aspect in rows_for]
        twice = sorted({aspect_id for aspect_id in ids if ids.count(aspect_id) > 1})
        if twice:
            raise ValueError(f"aspect {twice[0]!r} is listed twice")
    rows: list[Row] = []
    for aspect in rows_for:
        row = Row(aspect=aspect, cells=_row_cells(aspect, columns, names))
        if aspects is not None or not row.is_empty:
            rows.append(row)
    cited = {citation.source for row in rows for cell in row.cells for citation in cell.citations}
    sources = tuple(source for source_id, source in sorted(names.sources.items()) if source_id in cited)
    return Comparison(agreements=columns, rows=rows, sources=sources)


def _row_cells(aspect: Aspect, columns: Sequence[Agreement], names: Corpus) -> list[Cell]:
    cells: list[Cell] = []
    for agreement in columns:
        cell = aspect.extract(agreement, names)
        if not isinstance(cell, Cell):
            raise TypeError(
                f"aspect {aspect.id!r} returned {type(cell).__name__!r} for {agreement.id!r}; expected a Cell"
            )
        changed = aspect.tracks_changes and bool(cells) and cell.value != cells[-1].value
        cells.append(attrs.evolve(cell, changed=changed))
    return cells
