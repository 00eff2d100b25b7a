"""Side-by-side comparison of agreements: aspects as rows, agreements as columns.

:func:`compare` answers the question an analyst asks of several deals at once:
for each aspect (who the parties are, which weapons are handed over, whether a
siege is lifted, ...) what does each agreement say, with its terms (amounts,
deadlines, conditions, whose weapons), what changed from the one before, item
by item, which terms the sources dispute, and which quotes carry each answer.
``compare(..., as_of=DATE)`` gives each status as the sources date it.

An :class:`Aspect` is a named function from an agreement to a :class:`Cell`.
The built-in aspects (:data:`BUILTIN_ASPECTS`) cover the terms ceasefire
agreements differ on; pass your own to :func:`compare`, alone or after the
built-in ones.

>>> from agreements import get
>>> table = compare([get("daraa-al-balad-2021-09-06"), get("busra-al-sham-2018")])
>>> [agreement.id for agreement in table.agreements]    # date order
['busra-al-sham-2018', 'daraa-al-balad-2021-09-06']
>>> print(table.cell("weapons-handover", "busra-al-sham-2018").value)
heavy — held by Shabab al-Sunna; as of Sunday
medium — held by Shabab al-Sunna

The ``to_*`` methods draw the table with the renderers of :mod:`agreements.render`;
those that need an optional extra (rich, pandas) import it only when called.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from agreements import corpus as _builtin
from agreements._text import excerpt, words
from agreements.exceptions import (
    ArgumentTypeError,
    InvalidArgumentError,
    UnknownAgreementError,
    UnknownAspectError,
)
from agreements.model import (
    ID,
    Agreement,
    Backed,
    Category,
    Citation,
    Corpus,
    Event,
    EventKind,
    PartialDate,
    Source,
    WeaponAction,
    checked_fields,
    constrained,
)
from agreements.render import comparison as _render
from agreements.render import csv as _csv
from agreements.render import dataframe as _dataframe
from agreements.render import html as _html
from agreements.render import json as _json
from agreements.render import latex as _latex
from agreements.render import markdown as _markdown
from agreements.render import terminal as _terminal
from agreements.render._table import Cell, difference
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
        return all(cell.is_empty for cell in self.cells)


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
    #: The date the statuses are given for (``compare(..., as_of=...)``), or ``None`` for the latest known.
    as_of: PartialDate | None = None

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

    def to_csv(self, *, form: str = "wide") -> str:
        """CSV (RFC 4180), formula-safe: one row per aspect and one column per agreement (``form="wide"``),
        or the long form, one row per agreement and clause with its terms, flags and citations (``form="long"``).
        """
        if _form(form) == "long":
            return _csv.render_long(_render.LONG_COLUMNS, _render.long_rows(self))
        return _csv.render_table(_render.table(self))

    def to_json(self, *, form: str = "wide") -> str:
        """JSON in the documented shape of :mod:`agreements.render.json`, or (``form="long"``) a list of long rows."""
        if _form(form) == "long":
            return _json.render_long(_render.LONG_COLUMNS, _render.long_rows(self))
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

    def to_dataframe(self, *, form: str = "wide") -> Any:
        """A ``pandas.DataFrame`` (needs the ``pandas`` extra), wide or long.

        ``form="wide"``: aspect ids by agreement ids, each cell the undisputed
        items (what the sources dispute is in a row of its own,
        ``weapons-handover:disputed``). ``form="long"``: tidy data, one row
        per agreement and clause (or item), with the columns of
        :data:`agreements.render.comparison.LONG_COLUMNS`, for filtering and
        grouping.
        """
        if _form(form) == "long":
            return _dataframe.render_long(_render.LONG_COLUMNS, _render.long_rows(self))
        return _dataframe.render_table(_render.table(self))

    def __str__(self) -> str:
        return self.to_text()


# ------------------------------------------------------------------- the aspects


# Events that date an agreement, and those that show each status; when none is
# recorded the agreement's own citations are the evidence.
_DATING: Final = frozenset({EventKind.OFFER, EventKind.SIGNING, EventKind.ENTRY_INTO_FORCE})


def _events(agreement: Agreement, kinds: frozenset[EventKind], *, dated: bool) -> list[Event]:
    return [
        event
        for event in agreement.events
        if event.kind in kinds and (not dated or event.date == agreement.date) and event.citations
    ]


def _evidence(agreement: Agreement, events: Sequence[Event]) -> tuple[list[Citation], list[Backed]]:
    """The citations and records behind a fact the events show, or the agreement's own when none does."""
    if events:
        return [citation for event in events for citation in event.citations], list(events)
    return list(agreement.citations), [agreement]


def _date(agreement: Agreement, corpus: Corpus) -> Cell:
    citations, records = _evidence(agreement, _events(agreement, _DATING, dated=True))
    return _render.date_cell(agreement, citations, records)


def _status_on(as_of: PartialDate | None) -> Extract:
    def extract(agreement: Agreement, corpus: Corpus) -> Cell:
        citations, records = _evidence(agreement, _events(agreement, agreement.status.shown_by, dated=False))
        return _render.status_cell(agreement, as_of=as_of, citations=citations, records=records)

    return extract


def _parties(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell.of(_render.party_items(agreement, corpus))


def _third_parties(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell.of(_render.third_party_items(agreement, corpus))


def _territory(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell.of(_render.territory_items(agreement))


def _weapons_cell(agreement: Agreement, action: WeaponAction, corpus: Corpus) -> Cell:
    """Weapon classes handed over (or kept), heaviest first, one item per class and clause."""
    clauses = [clause for clause in agreement.clauses if clause.stance is action]
    return Cell.of(_render.weapon_items(agreement, clauses, corpus))


def _handover(agreement: Agreement, corpus: Corpus) -> Cell:
    return _weapons_cell(agreement, WeaponAction.HAND_OVER, corpus)


def _retained(agreement: Agreement, corpus: Corpus) -> Cell:
    return _weapons_cell(agreement, WeaponAction.RETAIN, corpus)


_CATEGORY_ORDER: Final = list(Category)


def category_aspect(aspect_id: str, label: str, *categories: Category, description: str = "") -> Aspect:
    """An aspect listing an agreement's clauses in ``categories``, each with its terms.

    Each clause is one item: its summary (a prohibition as forbidden, a
    permission as allowed), then its quantity, deadlines, timing, condition
    and weapons term.

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
        chosen = [clause for clause in agreement.clauses if clause.category in wanted]
        return Cell.of(_render.clause_items(agreement, chosen, corpus))

    names = ", ".join(words(category) for category in sorted(wanted, key=_CATEGORY_ORDER.index))
    return Aspect(
        id=aspect_id, label=label, extract=extract, description=description or f"Clauses about {names}."
    )


_SHOWN_AS_CLASSES: Final = frozenset({WeaponAction.HAND_OVER, WeaponAction.RETAIN})


def _other_weapons(agreement: Agreement, corpus: Corpus) -> Cell:
    chosen = [
        clause
        for clause in agreement.clauses
        if clause.category is Category.WEAPONS and clause.stance not in _SHOWN_AS_CLASSES
    ]
    return Cell.of(_render.clause_items(agreement, chosen, corpus))


def _disputes(agreement: Agreement, corpus: Corpus) -> Cell:
    return Cell.of(_render.dispute_items(agreement))


_STATUS: Final = Aspect(
    id="status",
    label="Status",
    extract=_status_on(None),
    description="Proposed, signed, in force, ...: as of which date and per which source, when the sources date it.",
)


def _builtin_aspects() -> tuple[Aspect, ...]:
    category = category_aspect
    return (
        Aspect(id="date", label="Date", extract=_date, description="When it was made.", tracks_changes=False),
        _STATUS,
        Aspect(
            id="parties", label="Parties", extract=_parties, description="Who signs, accepts or is bound."
        ),
        Aspect(
            id="third-parties",
            label="Third parties and their roles",
            extract=_third_parties,
            description="Outside actors (guarantors, mediators, sponsors, monitors, ...), each with its roles.",
        ),
        Aspect(id="territory", label="Territory", extract=_territory, description="The area covered."),
        category("ceasefire", "Ceasefire", Category.CEASEFIRE),
        category("withdrawal", "Withdrawal of forces", Category.WITHDRAWAL),
        Aspect(
            id="weapons-handover",
            label="Weapons handed over",
            extract=_handover,
            description="Weapon classes someone must hand over, heaviest first, with whose they are and when.",
        ),
        Aspect(
            id="weapons-kept",
            label="Weapons kept",
            extract=_retained,
            description="Weapon classes their holders keep, heaviest first, with whose they are.",
        ),
        Aspect(
            id="weapons-other",
            label="Other weapons terms",
            extract=_other_weapons,
            description="Other clauses about weapons: withdrawn, stored or destroyed, forbidden, or no class named.",
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


FORMS: Final = ("wide", "long")


def _form(form: str) -> str:
    if form not in FORMS:
        raise InvalidArgumentError(f"form: {form!r} is not a form; expected 'wide' or 'long'")
    return form


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
    as_of: PartialDate | str | None = None,
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

    Each cell is marked ``changed`` when it differs from the cell to its
    left item by item, an item new or gone (never in the first column, and
    never two empty cells).

    ``as_of`` (a :class:`~agreements.model.PartialDate` or its text, such
    as ``"2019-06"``) gives each agreement's status on that date as its
    dated history has it, with the date and the source it holds as of, or
    "not known on that date"; without it, the latest status the sources
    give, dated the same way.

    >>> import agreements as ag
    >>> table = compare(ag.corpus(), aspects=["status"])
    >>> first, second = table.rows[0].cells[:2]
    >>> first.changed, second.changed == (second.value != first.value)
    (False, True)
    >>> compare([ag.get("busra-al-sham-2018")], as_of="2021-09").cell("status", "busra-al-sham-2018").note
    'as of 2018-07~, per busra-report-2018-07'

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
        if isinstance(agreements, str | bytes | Mapping) or not isinstance(agreements, Iterable):
            raise ArgumentTypeError(
                f"agreements: expected a list of agreements or a Corpus, got {excerpt(agreements)}"
            )
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
    date = _as_of(as_of)
    if date is not None:
        status = Aspect(
            id="status", label=_STATUS.label, extract=_status_on(date), description=_STATUS.description
        )
        rows_for = tuple(status if aspect is _STATUS else aspect for aspect in rows_for)
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
    return Comparison(agreements=columns, rows=rows, sources=sources, as_of=date)


def _as_of(value: PartialDate | str | None) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        try:
            return PartialDate.parse(value.strip())
        except ValueError:
            raise InvalidArgumentError(
                f"as_of: {value.strip()!r} is not a date like '2019', '2019-06' or '2019-06-15'"
            ) from None
    raise ArgumentTypeError(f"as_of: expected a date such as '2019-06', got {type(value).__name__}")


def _row_cells(aspect: Aspect, columns: Sequence[Agreement], names: Corpus) -> list[Cell]:
    cells: list[Cell] = []
    for agreement in columns:
        cell = aspect.extract(agreement, names)
        if not isinstance(cell, Cell):
            raise ArgumentTypeError(
                f"aspect {aspect.id!r} returned {type(cell).__name__!r} for {agreement.id!r}; expected a Cell"
            )
        new, gone = difference(cell, cells[-1] if cells else None)
        changed = aspect.tracks_changes and (any(new) or gone > 0)
        cells.append(attrs.evolve(cell, changed=changed))
    return cells
