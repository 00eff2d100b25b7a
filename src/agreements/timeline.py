"""A corpus in time: its agreements and their events in date order, and what changed.

:func:`timeline` lays a corpus out as one dated sequence of entries, an
:class:`AgreementEntry` for each agreement and an :class:`EventEntry` for each
of their events, with a :class:`Change` between each agreement and the next.
:meth:`Timeline.to_text` renders it for a terminal, :meth:`Timeline.to_svg`
draws it as a self-contained SVG picture, :meth:`Timeline.to_html` makes a
page of the picture and a table of the entries with their quotes, and
:meth:`Timeline.to_json`, :meth:`Timeline.to_markdown`, :meth:`Timeline.to_csv`
and :meth:`Timeline.to_dataframe` write it as data; the drawing and writing
are done in :mod:`agreements.render`.

Entries sort by date (a date known only to the month before the days of that
month, see :class:`~agreements.model.PartialDate`), then by the agreement's
place in the corpus, then an agreement before its own events, then events in
the order they are listed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from agreements.diff import AgreementDiff, diff
from agreements.exceptions import ArgumentTypeError, InvalidArgumentError
from agreements.model import Agreement, Corpus, PartialDate
from agreements.render import csv as _csv
from agreements.render import html as _html
from agreements.render import markdown as _markdown
from agreements.render import timeline as _render
from agreements.render._figure import AgreementEntry, Entry, EventEntry, deadline_entry

__all__ = ["AgreementEntry", "Change", "Entry", "EventEntry", "Timeline", "timeline"]


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Change:
    """What changed from one agreement (``before``) to the next one in date order (``after``).

    ``summary`` is the diff's own summary, in sentences, most important first,
    with actors named from the corpus when the timeline was made from one.
    """

    before: str
    after: str
    diff: AgreementDiff
    summary: tuple[str, ...] = attrs.field(converter=_strings)


def timeline(agreements: Corpus | Iterable[Agreement], *, changes: bool = True) -> Timeline:
    """The agreements of a corpus and their events, in date order, with the changes between agreements.

    ``changes=False`` leaves out the diffs between consecutive agreements, which
    are the costly part for a large corpus.

    >>> from agreements import Citation, Event, EventKind, PartialDate, Status
    >>> cite = [Citation(source="report", quote="a truce entered into force")]
    >>> truce = Agreement(id="truce", title="Truce", date=PartialDate.parse("2021-08-31"),
    ...                   status=Status.COLLAPSED, citations=cite, events=[Event(
    ...                       id="collapse", date=PartialDate.parse("2021-09-03"), kind=EventKind.COLLAPSE,
    ...                       summary="Negotiations collapse.", citations=cite)])
    >>> print(timeline([truce]).to_text(), end="")
    2021-08-31  * Truce [truce, collapsed]
    2021-09-03      collapse: Negotiations collapse. [truce]
    """
    if isinstance(agreements, Agreement):
        raise ArgumentTypeError("timeline() takes several agreements (a list or a corpus), not one agreement")
    if not isinstance(changes, bool):
        raise ArgumentTypeError(f"changes: expected True or False, got {changes!r}")
    if isinstance(agreements, Corpus):
        ordered = list(agreements.agreements.values())
    else:
        ArgumentTypeError.check("agreements", agreements, (list, tuple), "a list of agreements or a Corpus")
        given = list(agreements)
        seen: set[str] = set()
        for agreement in given:
            if not isinstance(agreement, Agreement):
                raise ArgumentTypeError(f"timeline() takes agreements, got {type(agreement).__name__}")
            if agreement.id in seen:
                raise InvalidArgumentError(f"agreement {agreement.id!r} is listed twice")
            seen.add(agreement.id)
        # Agreements given one by one are ordered as a corpus orders them.
        ordered = list(Corpus(agreements=given).agreements.values())
    keyed: list[tuple[tuple[PartialDate, int, int], Entry]] = []
    for position, agreement in enumerate(ordered):
        keyed.append(
            (
                (agreement.date, position, 0),
                AgreementEntry(
                    date=agreement.date,
                    agreement=agreement.id,
                    label=agreement.title,
                    status=agreement.status,
                    citations=agreement.citations,
                    summary=agreement.summary,
                ),
            )
        )
        for index, event in enumerate(agreement.events, start=1):
            keyed.append(
                (
                    (event.date, position, index),
                    EventEntry(
                        date=event.date,
                        agreement=agreement.id,
                        event=event.id,
                        kind=event.kind,
                        label=event.summary,
                        status=agreement.status,
                        citations=event.citations,
                    ),
                )
            )
        # Each deadline that can be dated, after the events; a deadline of the date alone is no news.
        due = agreement.deadlines_due()
        for index, (clause, deadline, date) in enumerate(due, start=len(agreement.events) + 1):
            if date is not None and deadline.at is None:
                keyed.append(((date, position, index), deadline_entry(agreement, clause, deadline, date)))
    keyed.sort(key=lambda pair: pair[0])
    return Timeline(
        entries=tuple(entry for _, entry in keyed),
        changes=_changes(ordered, agreements if isinstance(agreements, Corpus) else None) if changes else (),
    )


def _changes(ordered: Sequence[Agreement], names: Corpus | None) -> tuple[Change, ...]:
    changes: list[Change] = []
    for before, after in itertools.pairwise(ordered):
        found = diff(before, after)
        changes.append(Change(before=before.id, after=after.id, diff=found, summary=found.summary(names)))
    return tuple(changes)


def _entries(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(entries)


def _change_tuple(changes: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(changes)


@attrs.frozen(kw_only=True)
class Timeline:
    """Agreements and events in date order, and the changes between consecutive agreements."""

    entries: tuple[Entry, ...] = attrs.field(converter=_entries)
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_change_tuple)
    _changes_to: dict[str, Change] = attrs.field(init=False, repr=False, eq=False)

    @_changes_to.default
    def _index_changes(self) -> dict[str, Change]:
        found: dict[str, Change] = {}
        for change in self.changes:
            found.setdefault(change.after, change)
        return found

    @property
    def agreements(self) -> tuple[AgreementEntry, ...]:
        """The agreement entries, in date order."""
        return tuple(entry for entry in self.entries if isinstance(entry, AgreementEntry))

    @property
    def events(self) -> tuple[EventEntry, ...]:
        """The event entries, in date order."""
        return tuple(entry for entry in self.entries if isinstance(entry, EventEntry))

    def change_to(self, agreement_id: str) -> Change | None:
        """The change that leads to this agreement from the one before it (``None`` for the first)."""
        return self._changes_to.get(agreement_id)

    def to_text(self, *, width: int = 100, changes: int = 3) -> str:
        """The timeline as plain text, one entry a line, wrapped at ``width`` columns.

        An agreement line starts with ``*`` and ends with its id and status; an
        event line is indented under the date column and ends with its
        agreement's id. Under each agreement come the first ``changes``
        sentences of the changes from the agreement before it (``0`` leaves
        them out). Control characters in the data are shown as ``\ufffd``, so
        nothing in the data can move a terminal's cursor.
        """
        return _render.text(self, width=width, changes=changes)

    def to_data(self) -> dict[str, Any]:
        """The timeline as JSON-ready data, in the shape :meth:`to_json` documents."""
        return _render.data(self)

    def to_json(self) -> str:
        """The timeline as JSON text in the documented shape of :func:`agreements.render.timeline.to_json`.

        >>> from agreements import Citation, PartialDate, Status
        >>> a = Agreement(id="a", title="Truce", date=PartialDate.parse("2021-08~"), status=Status.SIGNED,
        ...               citations=[Citation(source="s", quote="q")])
        >>> import json
        >>> [entry] = json.loads(timeline([a]).to_json())["entries"]
        >>> entry["date"], entry["kind"], entry["event"], entry["status"], entry["citations"]
        ('2021-08~', 'agreement', None, 'signed', [{'source': 's', 'quote': 'q'}])
        """
        return _render.to_json(self)

    def to_svg(self, *, title: str | None = None, width: int = 960, id_prefix: str = "timeline") -> str:
        """The timeline as an SVG picture, the same bytes for the same timeline.

        A dated axis runs left to right, broken where nothing happens for a
        long stretch. Agreements are circles on the axis, coloured by status
        (with a legend) and labelled above; their events are smaller diamonds
        below, labelled underneath. A bar under a marker spans a date known
        only to the month or the year. Each marker has a ``<title>`` with the
        full text, shown on hover. All text is escaped, and a right-to-left
        label (Arabic) is embedded so that it reads in its own direction.

        The picture has no fixed size: it scales to its container through its
        ``viewBox``, ``width`` units wide (480 or more). Labels keep their size,
        so a narrower picture stacks them in more rows and reads better when
        shrunk onto a narrow page.

        Labels stack in at most 12 rows above the axis and 36 below, and never
        overlap. Where many compete for the room they are shortened; a label
        that still finds no row is left out (its marker and hover text stay),
        and a note such as ``+12 more`` in a row of its own counts those left
        out nearby and names them on hover. Drawing takes time in proportion
        to the number of entries.

        ``title`` is drawn at the top (by default the number of agreements and
        their years; ``""`` draws none). The picture's ``<title>`` and
        ``<desc>`` have the ids ``{id_prefix}-title`` and ``{id_prefix}-desc``:
        give each picture its own prefix when a page holds several.

        >>> from agreements import Citation, PartialDate, Status
        >>> a = Agreement(id="a", title="<script>alert(1)</script>", date=PartialDate.parse("2018-07"),
        ...               status=Status.SIGNED, citations=[Citation(source="s", quote="q")])
        >>> svg = timeline([a]).to_svg()
        >>> svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg
        True
        """
        return _render.svg(self, title=title, width=width, id_prefix=id_prefix)

    def to_markdown(self) -> str:
        """GitHub-flavoured Markdown: a table of the entries, with their quotes as numbered footnotes.

        One row per entry in date order, as :func:`agreements.render.timeline.table` lays it out:
        the date, the kind of entry, the agreement, the event, what happened (with the notes),
        the status, and the changes from the agreement before.

        >>> from agreements import Citation, PartialDate, Status
        >>> a = Agreement(id="a", title="Truce | 1", date=PartialDate.parse("2021-08"), status=Status.SIGNED,
        ...               citations=[Citation(source="s", quote="q")])
        >>> print(timeline([a]).to_markdown().splitlines()[4])
        | **2021-08** | agreement | a | — | Truce \\| 1[^1] | signed | — |
        """
        return _markdown.render_table(_render.table(self))

    def to_csv(self) -> str:
        """CSV (RFC 4180), one row per entry: date, kind, agreement, event, what, status, changes.

        Formula-safe like every CSV of the library; the quotes are in :meth:`to_json` and :meth:`to_html`.

        >>> from agreements import Citation, PartialDate, Status
        >>> a = Agreement(id="a", title="Truce", date=PartialDate.parse("2021-08"), status=Status.IN_FORCE,
        ...               citations=[Citation(source="s", quote="q")])
        >>> print(timeline([a]).to_csv(), end="")
        Date,Kind,Agreement,Event,What,Status,Changes
        2021-08,agreement,a,,Truce,in force,
        """
        return _csv.render_table(_render.table(self))

    def to_html(self, *, title: str | None = None) -> str:
        """One self-contained HTML page (no scripts, no external files): the picture, then the entries.

        The page shows the timeline as a figure (:meth:`to_svg`, wide and
        narrow, as in a comparison's page), then a table of the entries in
        date order, each with its quotes as numbered notes below it. ``title``
        replaces the heading (by default what the timeline holds and its years).

        >>> from agreements import Citation, PartialDate, Status
        >>> a = Agreement(id="a", title="<b>Truce</b>", date=PartialDate.parse("2021-08"), status=Status.SIGNED,
        ...               citations=[Citation(source="s", quote="q")])
        >>> page = timeline([a]).to_html()
        >>> page.startswith("<!DOCTYPE html>") and "<b>" not in page and "&lt;b&gt;Truce" in page
        True
        """
        figure = _html.figure(self, compared=False)
        return _html.render_table(_render.table(self), title=title, figure=figure, figure_first=True)

    def to_dataframe(self) -> Any:
        """A ``pandas.DataFrame``, one row per entry in date order (needs the ``pandas`` extra).

        The columns are ``date``, ``kind``, ``agreement``, ``event``, ``label``,
        ``status`` and ``sources`` (the ids of the sources the entry cites, joined
        by ``", "``), valued as in :meth:`to_json`; see
        :func:`agreements.render.timeline.dataframe`.
        """
        return _render.dataframe(self)
