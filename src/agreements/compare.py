"""Side-by-side comparison of agreements: aspects as rows, agreements as columns.

:func:`compare` answers the question an analyst asks of several deals at once:
for each aspect (who the parties are, which weapons are handed over, whether a
siege is lifted, ...) what does each agreement say, what changed from the one
before, which terms the sources dispute, and which quotes carry each answer.

An :class:`Aspect` is a named function from an agreement to a :class:`Cell`.
The built-in aspects (:data:`BUILTIN_ASPECTS`) cover the terms ceasefire
agreements differ on; pass your own to :func:`compare`, alone or after the
built-in ones.

>>> from agreements import get
>>> table = compare([get("daraa-al-balad-2021-09-06"), get("busra-al-sham-2018")])
>>> [agreement.id for agreement in table.agreements]    # date order
['busra-al-sham-2018', 'daraa-al-balad-2021-09-06']
>>> table.cell("weapons-handover", "busra-al-sham-2018").value
'heavy, medium'

The ``to_*`` methods draw the table with the renderers of :mod:`agreements.render`;
those that need an optional extra (rich, pandas) import it only when called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

import attrs

from agreements import corpus as _builtin
from agreements._text import words
from agreements.exceptions import (
    ArgumentTypeError,
    InvalidArgumentError,
    UnknownAgreementError,
    UnknownAspectError,
)
from agreements.model import (
    ID,
    Agreement,
    Category,
    Citation,
    Clause,
    Corpus,
    EventKind,
    Modality,
    Source,
    WeaponAction,
    WeaponClass,
    Word,
    checked_fields,
    constrained,
    heaviest_first,
)
from agreements.render import comparison as _render
from agreements.render import csv as _csv
from agreements.render import dataframe as _dataframe
from agreements.render import html as _html
from agreements.render import json as _json
from agreements.render import latex as _latex
from agreements.render import markdown as _markdown
from agreements.render import terminal as _terminal
from agreements.render._table import Cell
from agreements.similarity import closest
from agreements.timeline import timeline

__all__ = [
    "BUILTIN_ASPECTS",
    "Aspect",
    "Cell",
    "Comparison",
    "Row",
    "UnknownAspectError",
    "category_aspect",
    "compare",
]


# One converter per type: mypy's attrs plugin cannot infer a generic converter.
def _cells(items: Iterable[Cell]) -> tuple[Cell, ...]:
    return tuple(items)


def _rows(items: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(items)


def _agreements(items: Iterable[Agreement]) -> tuple[Agreement, ...]:
    return tuple(items)


def _sources(items: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(items)


Extract = Callable[[Agreement, Corpus], Cell]


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
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

    id: str = attrs.field(validator=constrained, metadata=ID)
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
        raise UnknownAgreementError(agreement_id, _near(agreement_id, [a.id for a in self.agreements]))

    def to_markdown(self) -> str:
        """GitHub-flavoured Markdown: a table with numbered footnotes for the citations."""
        return _markdown.render_table(_render.table(self))

    def to_html(self, *, title: str | None = None) -> str:
        """One self-contained HTML page (no scripts, no external files) with every quote.

        Below the table, a figure shows the compared agreements and their events on a timeline.
        """
        # The figure shows when; the table shows what changed, so the timeline needs no diffs.
        line = timeline(Corpus(agreements=self.agreements), changes=False)
        return _html.render_table(_render.table(self), title=title, figure=_html.figure(line))

    def to_csv(self) -> str:
        """CSV (RFC 4180): one row per aspect, one column per agreement, formula-safe."""
        return _csv.render_table(_render.table(self))

    def to_json(self) -> str:
        """JSON in the documented shape of :mod:`agreements.render.json`."""
        return _json.render_table(_render.table(self))

    def to_latex(self) -> str:
        """A LaTeX ``longtable`` with booktabs rules, followed by the numbered notes."""
        return _latex.render_table(_render.table(self))

    def to_text(self, *, width: int = 100) -> str:
        """A plain-text table that fits ``width`` columns, with numbered notes below."""
        return _terminal.render_table_plain(_render.table(self), width=width)

    def to_rich(self) -> Any:
        """A ``rich`` renderable of the table (needs the ``rich`` extra)."""
        return _terminal.rich_renderable(_render.table(self))

    def __rich__(self) -> Any:
        return self.to_rich()

    def to_dataframe(self) -> Any:
        """A ``pandas.DataFrame`` of the values: aspect ids by agreement ids (needs the ``pandas`` extra)."""
        return _dataframe.render_table(_render.table(self))

    def __str__(self) -> str:
        return self.to_text()


# ------------------------------------------------------------------- the aspects


# Events that date an agreement, and those that show each status; when none is
# recorded the agreement's own citations are the evidence.
_DATING: Final = frozenset({EventKind.OFFER, EventKind.SIGNING, EventKind.ENTRY_INTO_FORCE})


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
        value=words(agreement.status),
        citations=_event_citations(agreement, agreement.status.shown_by, dated=False),
    )


def _parties(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell(
        value="\n".join(corpus.actor_name(party.actor) for party in agreement.parties),
        citations=[citation for party in agreement.parties for citation in party.citations],
    )


def _third_parties(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell(
        value="\n".join(
            f"{corpus.actor_name(third.actor)} ({words(third.role)})" for third in agreement.third_parties
        ),
        citations=[citation for third in agreement.third_parties for citation in third.citations],
    )


def _territory(agreement: Agreement, corpus: Corpus) -> Cell:
    territory = agreement.territory
    if territory is None:
        return Cell()
    return Cell(value=territory.summary, citations=territory.citations)


def _weapon_names(classes: Iterable[WeaponClass | Word]) -> str:
    return ", ".join(words(weapon) for weapon in heaviest_first(classes))


def _weapons_cell(agreement: Agreement, action: WeaponAction) -> Cell:
    """Weapon classes handed over (or kept), heaviest first; disputed classes on their own line."""
    disputed_ids = agreement.disputed_clauses
    clauses = [clause for clause in agreement.clauses if clause.stance is action]
    certain = frozenset(
        weapon
        for clause in clauses
        if clause.id not in disputed_ids and clause.weapons is not None
        for weapon in clause.weapons.classes
    )
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


_CATEGORY_ORDER: Final = list(Category)


def category_aspect(aspect_id: str, label: str, *categories: Category, description: str = "") -> Aspect:
    """An aspect listing the summaries of an agreement's clauses in ``categories``.

    >>> import agreements as ag
    >>> siege = category_aspect("siege-only", "Siege", Category.SIEGE)
    >>> print(compare([ag.get("busra-al-sham-2018")], aspects=[siege]).rows[0].cells[0].value)
    <BLANKLINE>
    """
    for category in categories:
        ArgumentTypeError.check("categories", category, Category, "categories")
    wanted = frozenset(categories)
    if not wanted:
        raise InvalidArgumentError("category_aspect() needs at least one category")

    def extract(agreement: Agreement, corpus: Corpus) -> Cell:
        return _clauses_cell(agreement, [clause for clause in agreement.clauses if clause.category in wanted])

    names = ", ".join(words(category) for category in sorted(wanted, key=_CATEGORY_ORDER.index))
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
        category("withdrawal", "Withdrawal of forces", Category.WITHDRAWAL),
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
        category("security-arrangements", "Security arrangements", Category.SECURITY_ARRANGEMENTS),
        category("checkpoints", "Checkpoints", Category.CHECKPOINTS),
        category("siege", "Siege", Category.SIEGE),
        category("humanitarian-access", "Humanitarian access", Category.HUMANITARIAN_ACCESS),
        category("displacement", "Displacement and expulsion", Category.DISPLACEMENT),
        category("return", "Return of civilians", Category.RETURN),
        category(
            "settlement",
            "Settlement of status and military service",
            Category.SETTLEMENT,
            Category.MILITARY_SERVICE,
        ),
        category("amnesty", "Amnesty", Category.AMNESTY),
        category("detainees", "Detainees", Category.DETAINEES),
        category("state-institutions", "State institutions", Category.STATE_INSTITUTIONS),
        category("elections", "Elections", Category.ELECTIONS),
        category("political-reform", "Political reform", Category.POLITICAL_REFORM),
        category("border-crossing", "Border crossing", Category.BORDER_CROSSING),
        category("integration", "Integration of fighters", Category.INTEGRATION),
        category("demobilisation", "Demobilisation", Category.DEMOBILISATION),
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
"""The aspects :func:`compare` shows by default, in this order.

A tuple, which nothing can change: pass ``aspects=[*BUILTIN_ASPECTS, mine]``
to :func:`compare` to add your own.
"""


def _near(wanted: str, choices: Sequence[str]) -> list[str]:
    return [choice for choice, _ in closest(wanted, choices, limit=3, cutoff=0.5)]


def _aspects(items: Sequence[Aspect | str]) -> tuple[Aspect, ...]:
    """The aspects asked for, ids looked up among the built-in aspects."""
    ArgumentTypeError.check("aspects", items, (list, tuple), "a list of aspects or aspect ids")
    known = {aspect.id: aspect for aspect in BUILTIN_ASPECTS}
    chosen: list[Aspect] = []
    for item in items:
        if isinstance(item, Aspect):
            chosen.append(item)
        elif isinstance(item, str):
            if item not in known:
                raise UnknownAspectError(item, _near(item, list(known)))
            chosen.append(known[item])
        else:
            raise ArgumentTypeError(f"aspects: expected an Aspect or an aspect id, got {type(item).__name__}")
    ids = [aspect.id for aspect in chosen]
    twice = sorted({aspect_id for aspect_id in ids if ids.count(aspect_id) > 1})
    if twice:
        raise InvalidArgumentError(f"aspect {twice[0]!r} is listed twice")
    return tuple(chosen)


def compare(
    agreements: Corpus | Iterable[Agreement],
    *,
    aspects: Sequence[Aspect | str] | None = None,
    corpus: Corpus | None = None,
    keep_empty: bool | None = None,
) -> Comparison:
    """Compare agreements side by side: one row per aspect, one column per agreement.

    ``agreements`` is a corpus (all of its agreements) or any agreements; the
    columns are put in the order a :class:`~agreements.model.Corpus` keeps
    (by date, then after the agreements of the same date they build on, then by id). ``aspects`` chooses the rows, as
    :class:`Aspect` records or ids of :data:`BUILTIN_ASPECTS`, in the order
    given; by default the built-in aspects. Rows that no agreement says anything on are left out when
    ``aspects`` is not given, kept when it is; ``keep_empty`` decides either
    way. Actor names are looked up in ``corpus``: by default the corpus passed
    as ``agreements``, otherwise the built-in one (an unknown actor shows its id).

    Each cell is marked ``changed`` when its value differs from the cell to its
    left (never in the first column).

    >>> import agreements as ag
    >>> table = compare(ag.corpus(), aspects=["status"])
    >>> first, second = table.rows[0].cells[:2]
    >>> first.changed, second.changed == (second.value != first.value)
    (False, True)
    >>> clauses = Aspect(id="clauses", label="Clauses", extract=lambda a, c: Cell(value=str(len(a.clauses))))
    >>> table = compare(ag.corpus(), aspects=[*BUILTIN_ASPECTS, clauses], keep_empty=False)
    >>> table.rows[-1].aspect.id, table.cell("clauses", "busra-al-sham-2018").value
    ('clauses', '13')
    """
    if isinstance(agreements, Corpus):
        names = corpus if corpus is not None else agreements
        chosen: list[Agreement] = list(agreements.agreements.values())
    else:
        if isinstance(agreements, Agreement):
            raise ArgumentTypeError(
                "compare() takes several agreements (a list or a corpus), not one agreement"
            )
        ArgumentTypeError.check("agreements", agreements, (list, tuple), "a list of agreements or a Corpus")
        chosen = list(agreements)
        for agreement in chosen:
            ArgumentTypeError.check("agreements", agreement, Agreement, "agreements")
        if corpus is not None:
            ArgumentTypeError.check("corpus", corpus, Corpus, "a Corpus")
        names = _builtin.corpus() if corpus is None else corpus
    seen: set[str] = set()
    for agreement in chosen:
        if agreement.id in seen:
            raise InvalidArgumentError(f"agreement {agreement.id!r} is listed twice")
        seen.add(agreement.id)
    # A corpus orders agreements the one way the library does: by date, then
    # after the agreements of the same date they build on (their relations), then by id.
    columns = tuple(Corpus(agreements=chosen).agreements.values())
    rows_for = BUILTIN_ASPECTS if aspects is None else _aspects(aspects)
    if keep_empty is not None and not isinstance(keep_empty, bool):
        raise ArgumentTypeError(f"keep_empty: expected True, False or None, got {keep_empty!r}")
    keep = aspects is not None if keep_empty is None else keep_empty
    rows: list[Row] = []
    for aspect in rows_for:
        row = Row(aspect=aspect, cells=_row_cells(aspect, columns, names))
        if keep or not row.is_empty:
            rows.append(row)
    cited = {citation.source for row in rows for cell in row.cells for citation in cell.citations}
    sources = tuple(source for source_id, source in sorted(names.sources.items()) if source_id in cited)
    return Comparison(agreements=columns, rows=rows, sources=sources)


def _row_cells(aspect: Aspect, columns: Sequence[Agreement], names: Corpus) -> list[Cell]:
    cells: list[Cell] = []
    for agreement in columns:
        cell = aspect.extract(agreement, names)
        if not isinstance(cell, Cell):
            raise ArgumentTypeError(
                f"aspect {aspect.id!r} returned {type(cell).__name__!r} for {agreement.id!r}; expected a Cell"
            )
        changed = aspect.tracks_changes and bool(cells) and cell.value != cells[-1].value
        cells.append(attrs.evolve(cell, changed=changed))
    return cells
