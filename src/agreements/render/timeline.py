"""A timeline for a reader: as text, JSON, a table, a DataFrame and an SVG picture.

The functions read a timeline through :class:`TimelineView` (what
:class:`agreements.timeline.Timeline` has), so that rendering does not depend
on the analysis that builds it. :func:`table` lays it out as a
:class:`~agreements.render._table.Table` (one row per entry), which the
Markdown, CSV and HTML writers draw like any other table.

Every function takes time in proportion to what it writes: the changes are
looked up by agreement once, and the labels of the picture are laid out in
one sweep from left to right over a bounded number of rows (see
:func:`_place`).
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import importlib
import json
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Final, Protocol

import attrs

from agreements._text import clean, count, one_line, words, wrap
from agreements.exceptions import InvalidArgumentError, MissingExtraError
from agreements.model import PartialDate, Status
from agreements.render._figure import AgreementEntry, Entry, EventEntry
from agreements.render._table import Cell, Column, Line, Table

__all__ = [
    "DATAFRAME_COLUMNS",
    "JSON_FORMAT",
    "STATUS_COLOURS",
    "ChangeView",
    "TimelineView",
    "data",
    "dataframe",
    "svg",
    "table",
    "text",
    "to_json",
]


class ChangeView(Protocol):
    """What rendering reads of a change between two agreements."""

    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...
    @property
    def summary(self) -> tuple[str, ...]: ...


class TimelineView(Protocol):
    """What rendering reads of a timeline (:class:`agreements.timeline.Timeline` has all of it)."""

    @property
    def entries(self) -> tuple[Entry, ...]: ...
    @property
    def changes(self) -> Sequence[ChangeView]: ...


def _changes_to(timeline: TimelineView) -> dict[str, ChangeView]:
    """Each change by the agreement it leads to: looked up once, not once per entry."""
    found: dict[str, ChangeView] = {}
    for change in timeline.changes:
        found.setdefault(change.after, change)
    return found


def _years(entries: Sequence[Entry]) -> str:
    first = min(entry.date.year for entry in entries)
    last = max(entry.date.year for entry in entries)
    return str(first) if first == last else f"{first}\u2013{last}"


def _sources(entry: Entry) -> list[str]:
    """The sources an entry cites, each once, in the order cited."""
    return list(dict.fromkeys(citation.source for citation in entry.citations))


# ----------------------------------------------------------------------- text


def text(timeline: TimelineView, *, width: int = 100, changes: int = 3) -> str:
    """The timeline as plain text, one entry a line, wrapped at ``width`` columns.

    An agreement line starts with ``*`` and ends with its id and status; an
    event line is indented under the date column and ends with its
    agreement's id. Under each agreement come the first ``changes``
    sentences of the changes from the agreement before it (``0`` leaves
    them out). Control characters in the data are shown as ``\ufffd``, so
    nothing in the data can move a terminal's cursor.
    """
    for name, value, least in (("width", width, 40), ("changes", changes, 0)):
        if type(value) is not int or value < least:
            raise InvalidArgumentError(f"{name}={value!r}: expected a whole number of at least {least}")
    changes_to = _changes_to(timeline)
    lines: list[str] = []
    for entry in timeline.entries:
        date = f"{entry.date!s:<11} "
        pad = " " * len(date)
        if isinstance(entry, AgreementEntry):
            line = f"* {one_line(entry.label)} [{one_line(entry.agreement)}, {entry.status.value}]"
            lines += _wrap(date, line, width=width, indent=pad + "  ")
            change = changes_to.get(entry.agreement)
            if change is not None and changes:
                lines += _change_lines(change, pad + "  ", width=width, limit=changes)
        else:
            line = f"    {words(entry.kind)}: {one_line(entry.label)} [{one_line(entry.agreement)}]"
            lines += _wrap(date, line, width=width, indent=pad + "      ")
    return "".join(f"{line}\n" for line in lines)


def _change_lines(change: ChangeView, indent: str, *, width: int, limit: int) -> list[str]:
    number = len(change.summary)
    if not number:
        return [f"{indent}no changes from {one_line(change.before)}"]
    lines = _wrap(
        indent, f"changes from {one_line(change.before)} ({number}):", width=width, indent=indent + "  "
    )
    for sentence in change.summary[:limit]:
        lines += _wrap(f"{indent}  - ", one_line(sentence), width=width, indent=f"{indent}    ")
    if number > limit:
        lines += _wrap(f"{indent}  - ", f"and {number - limit} more", width=width, indent=f"{indent}    ")
    return lines


def _wrap(first: str, line: str, *, width: int, indent: str) -> list[str]:
    """``line`` wrapped to ``width`` columns after ``first``, further lines after ``indent``."""
    body_text = line.lstrip()
    first += line[: len(line) - len(body_text)]  # a leading indent belongs to the first line only
    head, *more = wrap(body_text, width - len(indent), first=width - len(first))
    return [f"{first}{head}".rstrip(), *(f"{indent}{part}".rstrip() for part in more)]


# ----------------------------------------------------------------------- json

#: The name and version of the shape of :func:`to_json`.
JSON_FORMAT: Final = "agreements-timeline/1"


def data(timeline: TimelineView) -> dict[str, Any]:
    """The timeline as JSON-ready data, in the shape :func:`to_json` documents."""
    return {
        "format": JSON_FORMAT,
        "entries": [_entry_data(entry) for entry in timeline.entries],
        "changes": [
            {"before": change.before, "after": change.after, "summary": list(change.summary)}
            for change in timeline.changes
        ],
    }


def to_json(timeline: TimelineView) -> str:
    """The timeline as JSON text in one stable, documented shape.

    The document is an object::

        {
          "format": "agreements-timeline/1",   # changes only with an incompatible change of shape
          "entries": [                          # in date order, like Timeline.entries
            {"date": "2018-07", "kind": "agreement", "agreement": "busra-al-sham-2018",
             "event": null, "label": "Busra al-Sham agreement", "status": "in-force",
             "summary": "...", "citations": [{"source": "...", "quote": "..."}]},
            {"date": "2018-07", "kind": "handover", "agreement": "busra-al-sham-2018",
             "event": "heavy-weapons-handover-starts", "label": "The handover ...",
             "status": "in-force", "summary": null, "citations": [...]}
          ],
          "changes": [                          # [] for a timeline made with changes=False
            {"before": "busra-al-sham-2018", "after": "daraa-2018-07", "summary": ["...", "..."]}
          ]
        }

    Every entry has every key. ``date`` is the date's text form (``~``
    marks an approximate date); ``kind`` is ``"agreement"`` or the kind of
    the event (``"offer"``, ``"collapse"``, ...); ``event`` is the event's
    id (``null`` for an agreement); ``label`` is an agreement's title or an
    event's summary; ``status`` is the status of the agreement the entry
    belongs to; ``summary`` is an agreement's own summary (``""`` when it
    has none, ``null`` for an event). A change's ``summary`` is its
    sentences, most important first (``[]`` when nothing changed). Keys
    keep this order; the text ends with a newline, and non-ASCII
    characters are written as they are.
    """
    return json.dumps(data(timeline), ensure_ascii=False, indent=2) + "\n"


def _kind(entry: Entry) -> str:
    return "agreement" if isinstance(entry, AgreementEntry) else entry.kind.value


def _entry_data(entry: Entry) -> dict[str, Any]:
    return {
        "date": str(entry.date),
        "kind": _kind(entry),
        "agreement": entry.agreement,
        "event": entry.event if isinstance(entry, EventEntry) else None,
        "label": entry.label,
        "status": entry.status.value,
        "summary": entry.summary if isinstance(entry, AgreementEntry) else None,
        "citations": [{"source": citation.source, "quote": citation.quote} for citation in entry.citations],
    }


# ---------------------------------------------------------------------- table


def title(timeline: TimelineView) -> str:
    """What the timeline holds, in words: ``"6 agreements and 40 events, 2018–2021"``."""
    entries = timeline.entries
    if not entries:
        return "Timeline (empty)"
    agreements = sum(1 for entry in entries if isinstance(entry, AgreementEntry))
    held = f"{count(agreements, 'agreement')} and {count(len(entries) - agreements, 'event')}"
    return f"Timeline of {held}, {_years(entries)}"


def table(timeline: TimelineView) -> Table:
    """The table a timeline is drawn as in Markdown, CSV and HTML: one row per entry, in date order.

    A row is labelled with its date and has six cells: the kind of entry
    (``agreement`` or the kind of event), the agreement, the event's id
    (empty for an agreement), what happened (an agreement's title or an
    event's summary, with the entry's citations), the agreement's status,
    and for an agreement, the changes from the agreement before it, one
    sentence a line (``no changes`` when there are none; empty for the
    first agreement, for events and for a timeline made without changes).
    """
    changes_to = _changes_to(timeline)
    rows: list[Line] = []
    for entry in timeline.entries:
        if isinstance(entry, AgreementEntry):
            change = changes_to.get(entry.agreement)
            row_id, event, kind = entry.agreement, "", "agreement"
            changes = "" if change is None else "\n".join(change.summary) or "no changes"
        else:
            row_id, event, kind = f"{entry.agreement}/{entry.event}", entry.event, words(entry.kind)
            changes = ""
        cells = (
            Cell(value=kind),
            Cell(value=entry.agreement),
            Cell(value=event),
            Cell(value=entry.label, citations=entry.citations),
            Cell(value=words(entry.status)),
            Cell(value=changes),
        )
        rows.append(Line(id=row_id, label=str(entry.date), cells=cells))
    return Table(
        kind="timeline",
        title=title(timeline),
        corner="Date",
        columns=_TABLE_COLUMNS,
        rows=tuple(rows),
        changes_from_left=False,
    )


_TABLE_COLUMNS: Final = (
    Column(id="kind", label="Kind", title="an agreement, or the kind of event"),
    Column(id="agreement", label="Agreement", title="the agreement the entry belongs to"),
    Column(id="event", label="Event", title="the event's id (none for an agreement)"),
    Column(id="label", label="What", title="an agreement's title or an event's summary, with its sources"),
    Column(id="status", label="Status", title="the status of the agreement"),
    Column(
        id="changes", label="Changes", title="what changed from the agreement before, most important first"
    ),
)

#: The columns of :func:`dataframe`, in order.
DATAFRAME_COLUMNS: Final = ("date", "kind", "agreement", "event", "label", "status", "sources")


def dataframe(timeline: TimelineView) -> Any:
    """The timeline as a ``pandas.DataFrame``, one row per entry in date order (the ``pandas`` extra).

    The columns are :data:`DATAFRAME_COLUMNS`: ``date`` (its text form,
    ``~`` for an approximate date), ``kind`` (``"agreement"`` or the event's
    kind), ``agreement``, ``event`` (``None`` for an agreement), ``label``,
    ``status`` (the agreement's) and ``sources``, the ids of the sources the
    entry cites, each once, joined by ``", "``. Values are as in
    :func:`to_json`; the quotes themselves are there.
    """
    try:
        # Imported by name so that type checking does not depend on the extra being installed.
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("to_dataframe()", "pandas") from None
    records = [
        (
            str(entry.date),
            _kind(entry),
            entry.agreement,
            entry.event if isinstance(entry, EventEntry) else None,
            entry.label,
            entry.status.value,
            ", ".join(_sources(entry)),
        )
        for entry in timeline.entries
    ]
    return pandas.DataFrame(records, columns=list(DATAFRAME_COLUMNS), dtype=object)


# ------------------------------------------------------------------------ svg


def svg(
    timeline: TimelineView, *, title: str | None = None, width: int = 960, id_prefix: str = "timeline"
) -> str:
    """The timeline as an SVG picture, the same bytes for the same timeline.

    See :meth:`agreements.timeline.Timeline.to_svg`.
    """
    if type(width) is not int or width < _MIN_WIDTH:
        raise InvalidArgumentError(f"width={width!r}: expected a whole number of at least {_MIN_WIDTH}")
    if type(id_prefix) is not str or not _ID_PREFIX.match(id_prefix):
        raise InvalidArgumentError(
            f"id_prefix={id_prefix!r}: expected ASCII letters, digits, '-' and '_', starting with a letter"
        )
    return _Drawing(timeline, title=title, width=width, id_prefix=id_prefix).render()


#: Colours by status, from the Okabe-Ito palette (distinguishable with colour blindness).
STATUS_COLOURS: Final = {
    Status.PROPOSED: "#E69F00",
    Status.REJECTED: "#CC79A7",
    Status.SIGNED: "#56B4E9",
    Status.IN_FORCE: "#009E73",
    Status.COLLAPSED: "#D55E00",
    Status.SUPERSEDED: "#999999",
}

_NAMESPACE: Final = "http://www.w3.org/2000/svg"
_MIN_WIDTH: Final = 480
_MARGIN: Final = 24
_FONT: Final = "'DejaVu Sans', 'Noto Sans', 'Segoe UI', Arial, sans-serif"
_SIZE: Final = 12
_CHAR: Final = 0.62 * _SIZE  # a generous average advance, so estimated widths do not overlap
_LANE: Final = 18
_GAP: Final = 8  # the least room between two labels in one lane
_AGREEMENT_LANES: Final = 12  # the most lanes of labels above the axis; past them, "+3 more"
_EVENT_LANES: Final = 36  # the most lanes of labels below it
_BREAK: Final = 26  # the gap drawn where the axis is broken
_GAP_DAYS: Final = 150  # a quiet stretch longer than this breaks the axis
_MAX_SEGMENTS: Final = 5
_AGREEMENT_CHARS: Final = 56
_LEAST_CHARS: Final = 16  # labels keep this many characters however crowded the picture
_CROWDING: Final = 1.0  # the share of the room that crowded labels may take, in lanes
_EVENT_CHARS: Final = 72
_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_STEPS: Final = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000)
_TICK_SPACING: Final = 40
_LEGEND_ROW: Final = 18
_ID_PREFIX: Final = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_TITLE_CHANGES: Final = 8  # sentences of a change shown in a marker's hover text
_TITLE_HIDDEN: Final = 12  # labels named in the hover text of a "+3 more" note
# A white outline under each label, so that a leader line crossing it does not cut through the letters.
_HALO: Final = {"stroke": "#ffffff", "stroke-width": "3", "stroke-linejoin": "round", "paint-order": "stroke"}


def _span(date: PartialDate) -> tuple[int, int]:
    """The first day of a date and the day after its last, as ordinals."""
    first = datetime.date(date.year, date.month or 1, date.day or 1).toordinal()
    if date.day is not None:
        return first, first + 1
    if date.month is not None:
        return first, first + calendar.monthrange(date.year, date.month)[1]
    return first, first + (366 if calendar.isleap(date.year) else 365)


def _month_index(ordinal: int) -> int:
    day = datetime.date.fromordinal(ordinal)
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> int:
    """The ordinal of the first day of a month counted from year 0; past 9999 it is extrapolated."""
    year, month = divmod(index, 12)
    if year > 9999:
        return datetime.date(9999, 12, 31).toordinal() + 1 + (index - (9999 * 12 + 12)) * 31
    return datetime.date(year, month + 1, 1).toordinal()


@attrs.frozen(kw_only=True)
class _Segment:
    """A stretch of the axis: the days from ``start`` to ``end`` drawn from ``left`` to ``right``."""

    start: int
    end: int
    left: float
    right: float

    def x(self, ordinal: int) -> float:
        return self.left + (ordinal - self.start) / (self.end - self.start) * (self.right - self.left)


def _segments(spans: Sequence[tuple[int, int]], left: float, right: float) -> tuple[_Segment, ...]:
    """Whole months around each cluster of dates, laid side by side.

    A cluster gets more room the longer it lasts and the more entries it has:
    the axis is broken between clusters, so only the scale inside each one
    means anything, and crowded clusters need the room for their markers.
    When there are more than :data:`_MAX_SEGMENTS` clusters, only the widest
    gaps between them stay breaks (the later of equal gaps).
    """
    clusters: list[list[int]] = []  # [first day, day after the last, number of entries]
    for start, end in sorted(spans):
        if clusters and start - clusters[-1][1] <= _GAP_DAYS:
            clusters[-1][1] = max(clusters[-1][1], end)
            clusters[-1][2] += 1
        else:
            clusters.append([start, end, 1])
    if len(clusters) > _MAX_SEGMENTS:
        # Merging the narrowest gap first, again and again, keeps the widest ones: sort once.
        by_width = sorted(range(len(clusters) - 1), key=lambda i: (clusters[i + 1][0] - clusters[i][1], i))
        breaks = set(by_width[len(by_width) - (_MAX_SEGMENTS - 1) :])
        merged = [clusters[0]]
        for i in range(1, len(clusters)):
            if i - 1 in breaks:
                merged.append(clusters[i])
            else:
                last = merged[-1]
                merged[-1] = [last[0], max(last[1], clusters[i][1]), last[2] + clusters[i][2]]
        clusters = merged
    bounds = [
        (_month_start(_month_index(start)), _month_start(_month_index(end - 1) + 1))
        for start, end, _ in clusters
    ]
    weights = [
        math.sqrt(max(end - start, 60)) + 1.5 * count
        for (start, end), (_, _, count) in zip(bounds, clusters, strict=True)
    ]
    room = right - left - _BREAK * (len(bounds) - 1)
    found: list[_Segment] = []
    x = left
    for (start, end), weight in zip(bounds, weights, strict=True):
        size = room * weight / sum(weights)
        found.append(_Segment(start=start, end=end, left=x, right=x + size))
        x += size + _BREAK
    return tuple(found)


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _starts_rtl(text: str) -> bool:
    """Whether the first letter with a direction of its own is right-to-left (Arabic, Hebrew)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in {"R", "AL"}:
            return True
        if direction == "L":
            return False
    return False


def _embed(text: str) -> str:
    """Text that starts right-to-left, embedded so that it reads right to left inside a left-to-right line.

    The embedding marks (RLE ... PDF, then LRM to return to the line's direction)
    are understood by browsers and by librsvg alike, unlike the newer isolate
    marks. A trailing ellipsis stays inside, at the end of the right-to-left text.
    """
    return f"\u202b{text}\u202c\u200e" if _starts_rtl(text) else text


def _shorten(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _estimate(text: str) -> float:
    """The width of ``text`` in the picture's font size, estimated generously."""
    if text.isascii():
        return len(text) * _CHAR
    wide = sum(1 for char in text if unicodedata.east_asian_width(char) in {"W", "F"})
    return (len(text) + wide) * _CHAR


# --------------------------------------------------------------------- layout


@attrs.frozen(kw_only=True)
class _Label:
    """A marker at ``x`` and its label, placed in a lane (0 is the lane nearest the axis).

    ``left`` and ``width`` are the label's estimated box. The text starts at
    ``anchor_x`` (``end`` is false) or ends there (``end`` is true): a label
    that ends at its marker ends exactly there, however wide the text really is.
    """

    x: float
    left: float
    width: float
    lane: int
    end: bool = False

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def anchor_x(self) -> float:
        return self.right if self.end else self.left


@attrs.frozen(kw_only=True)
class _Note:
    """The note ``+N more`` for labels that found no lane: at ``left``, in the lane past the last.

    ``hidden`` are the indexes of the labels it stands for, in order.
    """

    left: float
    width: float
    lane: int
    hidden: tuple[int, ...]

    @property
    def text(self) -> str:
        return f"+{len(self.hidden)} more"


@attrs.frozen(kw_only=True)
class _Layout:
    """Where :func:`_place` put each label (``None`` for a hidden one), and the notes for the hidden."""

    labels: tuple[_Label | None, ...]
    notes: tuple[_Note, ...]

    @property
    def lanes(self) -> int:
        """How many lanes the labels and the notes take."""
        used = max((label.lane + 1 for label in self.labels if label is not None), default=0)
        return max(used, *(note.lane + 1 for note in self.notes)) if self.notes else used


def _place(items: Sequence[tuple[float, float]], *, left: float, right: float, lanes: int) -> _Layout:
    """Lanes for labels of markers at ``(x, width)``: no two labels overlap, and leader lines cross few labels.

    A label starts just left of its marker where it fits, else ends just
    right of it, else starts at the left margin (or ends at the right one).
    One sweep takes the labels in order of ``x`` and keeps, for each lane,
    its last label (the one furthest right): a lane is free for a label that
    starts at least :data:`_GAP` right of it. Of the free lanes, the label
    takes the one where its leader line (from the axis out to its lane) and
    the leader lines already drawn cross the fewest labels, the nearest lane
    on a tie. A label for which none of the ``lanes`` lanes is free is
    hidden, and counted in a note ``+N more`` in the lane past the last,
    which stands for the hidden labels near it.

    The time grows with the number of labels times ``lanes`` at most,
    whatever the labels are: a lane is looked at through its last label
    only, and the leader lines under a label are found by bisection.
    """
    order = sorted(range(len(items)), key=lambda i: items[i][0])
    placed: list[_Label | None] = [None] * len(items)
    lefts: list[float] = []  # per lane, the left edge of its last label
    rights: list[float] = []  # per lane, the right edge of its last label, the furthest right
    drawn_x: list[float] = []  # the marker of every label placed, in order of x
    drawn_lane: list[int] = []  # and its lane
    runs: list[tuple[float, list[int]]] = []  # each note's left edge and the labels it stands for
    # The width of the widest note, so that a note never grows into the next one.
    note_width = _estimate(f"+{len(items)} more")
    for index in order:
        x, width = items[index]
        end = x - 3 + width > right and min(x + 3, right) - width >= left
        start = min(x + 3, right) - width if end else max(left, min(x - 3, right - width))
        used = len(rights)
        # above[lane]: leader lines of labels in that lane or further out that this label would cover.
        # Labels in one lane do not overlap, so few of them have a marker under any one label.
        above = [0] * (used + 2)
        first = bisect.bisect_left(drawn_x, start - 2)
        covered = drawn_lane[first : bisect.bisect_right(drawn_x, start + width + 2, lo=first)]
        if covered:
            for lane in covered:
                above[lane] += 1
            for lane in reversed(range(used)):
                above[lane] += above[lane + 1]
        best, best_cost = -1, 0
        below = 0  # labels in the lanes nearer the axis that this label's leader line would cross
        for lane in range(min(used + 1, lanes)):
            if lane == used or rights[lane] + _GAP <= start:
                cost = below + above[lane + 1]
                if best < 0 or cost < best_cost:
                    best, best_cost = lane, cost
                    if not cost:
                        break  # no lane further out can do better
            if lane < used and lefts[lane] - 2 <= x <= rights[lane] + 2:
                below += 1
        if best < 0:
            note_left = max(left, min(x - 3, right - note_width))
            if runs and runs[-1][0] + note_width + _GAP > note_left:
                runs[-1][1].append(index)
            else:
                runs.append((note_left, [index]))
            continue
        placed[index] = _Label(x=x, left=start, width=width, lane=best, end=end)
        if best == used:
            lefts.append(start)
            rights.append(start + width)
        else:
            lefts[best], rights[best] = start, start + width
        drawn_x.append(x)
        drawn_lane.append(best)
    notes = tuple(
        _Note(left=note_left, width=note_width, lane=lanes, hidden=tuple(hidden))
        for note_left, hidden in runs
    )
    return _Layout(labels=tuple(placed), notes=notes)


def _segment_of(segments: Sequence[_Segment], date: PartialDate) -> _Segment:
    start, _ = _span(date)
    for segment in segments:
        if segment.start <= start < segment.end:
            return segment
    raise AssertionError(f"{date} lies outside the axis")  # pragma: no cover - segments cover every date


def _dodge(segments: Sequence[_Segment], entries: Sequence[Entry], step: float) -> list[float]:
    """Marker positions in date order, at least ``step`` apart where the segment has room.

    Entries on one date (or within a few days) would hide each other; each is
    pushed right of the one before, and pulled back left where that would run
    past the end of its segment. A segment with more markers than room for
    them at ``step`` spaces them closer, evenly, so that they stay in order
    instead of piling up at its start.
    """
    where = [_segment_of(segments, entry.date) for entry in entries]
    xs = [segment.x(_span(entry.date)[0]) for segment, entry in zip(where, entries, strict=True)]
    markers = Counter(id(segment) for segment in where)
    steps = {
        id(segment): min(step, (segment.right - 2 - segment.left) / max(markers[id(segment)] - 1, 1))
        for segment in segments
    }
    for i in range(1, len(xs)):
        if where[i] is where[i - 1]:
            xs[i] = max(xs[i], xs[i - 1] + steps[id(where[i])])
    for i in reversed(range(len(xs))):
        limit = where[i].right - 2
        if i + 1 < len(xs) and where[i + 1] is where[i]:
            limit = min(limit, xs[i + 1] - steps[id(where[i])])
        xs[i] = max(min(xs[i], limit), where[i].left)
    return xs


# -------------------------------------------------------------------- drawing

_Attributes = Mapping[str, str | float]


def _add(parent: ET.Element, tag: str, attributes: _Attributes, text: str | None = None) -> ET.Element:
    """A new element, last in ``parent`` and on a line of its own; ``text`` is cleaned.

    ElementTree escapes text and attribute values; numbers are written with
    at most one decimal, so that the same picture is the same bytes.
    """
    values = {name: value if isinstance(value, str) else _num(value) for name, value in attributes.items()}
    element = ET.SubElement(parent, tag, values)
    if text is not None:
        element.text = clean(text)
    element.tail = "\n"
    return element


def _line(
    parent: ET.Element, start: tuple[float, float], end: tuple[float, float], *, stroke: str, width: str = ""
) -> None:
    attributes: dict[str, str | float] = {"x1": start[0], "y1": start[1], "x2": end[0], "y2": end[1]}
    attributes["stroke"] = stroke
    if width:
        attributes["stroke-width"] = width
    _add(parent, "line", attributes)


def _group(parent: ET.Element, attributes: _Attributes) -> ET.Element:
    group = _add(parent, "g", attributes)
    group.text = "\n"
    return group


def _diamond(x: float, y: float, r: float) -> str:
    return (
        f"M{_num(x)} {_num(y - r)}L{_num(x + r)} {_num(y)}L{_num(x)} {_num(y + r)}L{_num(x - r)} {_num(y)}Z"
    )


def _legend_words(status: Status | None) -> str:
    return "event (colour of its agreement)" if status is None else words(status)


class _Drawing:
    """One rendering of a timeline: lays it out, then builds the picture as an ElementTree."""

    def __init__(self, timeline: TimelineView, *, title: str | None, width: int, id_prefix: str) -> None:
        self.timeline = timeline
        self.title = title
        self.width = width
        self.id_prefix = id_prefix
        self.changes_to = _changes_to(timeline)

    def render(self) -> str:
        entries = self.timeline.entries
        heading = self.title if self.title is not None else self._default_title()
        present = {entry.status for entry in entries}
        statuses = [status for status in Status if status in present]
        top = 34.0 if heading else 10.0
        legend_y = top + 12
        spans = [_span(entry.date) for entry in entries] or [_span(PartialDate(year=2000))]
        segments = _segments(spans, _MARGIN + 6, self.width - _MARGIN - 6)

        agreements = [entry for entry in entries if isinstance(entry, AgreementEntry)]
        events = [entry for entry in entries if isinstance(entry, EventEntry)]
        agreement_texts = [self._agreement_text(entry, labels=len(agreements)) for entry in agreements]
        event_texts = [self._event_text(entry, labels=len(events)) for entry in events]
        legend = self._legend_layout(statuses, has_events=bool(events))
        legend_bottom = legend_y + max((row for _, row, _ in legend), default=0) * _LEGEND_ROW
        xs_a = _dodge(segments, agreements, 12)
        xs_e = _dodge(segments, events, 8)
        lay_a = _place(
            [(x, _estimate(f"{a} \u00b7 {b}")) for x, (a, b) in zip(xs_a, agreement_texts, strict=True)],
            left=_MARGIN,
            right=self.width - _MARGIN,
            lanes=_AGREEMENT_LANES,
        )
        lay_e = _place(
            [(x, _estimate(f"{a} \u00b7 {b}")) for x, (a, b) in zip(xs_e, event_texts, strict=True)],
            left=_MARGIN,
            right=self.width - _MARGIN,
            lanes=_EVENT_LANES,
        )
        axis_y = legend_bottom + 28 + lay_a.lanes * _LANE + 10
        track_y = axis_y + 50
        height = track_y + 14 + lay_e.lanes * _LANE + (10 if events else -20) + 8

        described = f"{count(len(agreements), 'agreement')} and {count(len(events), 'event')}"
        root = self._open(height, heading, described)
        if heading:
            self._text(root, _MARGIN, 22, heading, size=15, weight="bold")
        self._legend(root, legend, legend_y)
        self._axis(root, segments, axis_y)
        if events:
            for segment in segments:
                _line(root, (segment.left, track_y), (segment.right, track_y), stroke="#d0d0d0", width="1")
        # Leader lines first, so that every label is drawn over them.
        leaders = _group(root, {"class": "leaders", "stroke-width": "0.75"})
        for label in lay_a.labels:
            if label is not None:
                self._leader(leaders, label.x, axis_y - 7, axis_y - 18 - label.lane * _LANE, "#9a9a9a")
        for label in lay_e.labels:
            if label is not None:
                self._leader(leaders, label.x, track_y + 5, track_y + 13 + label.lane * _LANE, "#b5b5b5")
        for entry, shown, label, x in zip(agreements, agreement_texts, lay_a.labels, xs_a, strict=True):
            self._agreement(root, entry=entry, text=shown, label=label, x=x, segments=segments, axis_y=axis_y)
        for event, shown, label, x in zip(events, event_texts, lay_e.labels, xs_e, strict=True):
            self._event(root, entry=event, text=shown, label=label, x=x, segments=segments, track_y=track_y)
        for note in lay_a.notes:
            self._note(root, note, axis_y - 22 - note.lane * _LANE, agreements, "agreement")
        for note in lay_e.notes:
            self._note(root, note, track_y + 24 + note.lane * _LANE, events, "event")
        # ElementTree writes an empty element as ``<line ... />``; text and attribute values
        # have their ">" escaped, so " />" ends an empty element wherever it appears.
        return ET.tostring(root, encoding="unicode").replace(" />", "/>") + "\n"

    def _default_title(self) -> str:
        entries = self.timeline.entries
        if not entries:
            return "Timeline (empty)"
        agreements = sum(1 for entry in entries if isinstance(entry, AgreementEntry))
        return f"{count(agreements, 'agreement')}, {_years(entries)}"

    @staticmethod
    def _x(segments: Sequence[_Segment], date: PartialDate) -> float:
        return _segment_of(segments, date).x(_span(date)[0])

    def _chars(self, share: float, most: int, *, labels: int, lanes: int) -> int:
        """How many characters of a label to show: what fits in ``share`` of the width, at most ``most``.

        When many ``labels`` compete for the room of ``lanes`` lanes, each gets
        less of it (but never under :data:`_LEAST_CHARS`), so that more of them
        show before the rest are counted in a ``+N more`` note.
        """
        room = self.width - 2 * _MARGIN
        crowded = int(_CROWDING * room * lanes / max(labels, 1) / _CHAR)
        return max(_LEAST_CHARS, min(most, int(room * share / _CHAR), crowded))

    def _agreement_text(self, entry: AgreementEntry, *, labels: int) -> tuple[str, str]:
        chars = self._chars(0.5, _AGREEMENT_CHARS, labels=labels, lanes=_AGREEMENT_LANES)
        date = str(entry.date)
        return date, self._fitted(f"{date} \u00b7 ", entry.label, chars)

    def _event_text(self, entry: EventEntry, *, labels: int) -> tuple[str, str]:
        chars = self._chars(0.6, _EVENT_CHARS, labels=labels, lanes=_EVENT_LANES)
        date, kind = str(entry.date), f"{words(entry.kind)}: "
        return date, kind + self._fitted(f"{date} \u00b7 {kind}", entry.label, chars)

    def _fitted(self, prefix: str, label: str, chars: int) -> str:
        """``label`` cut to ``chars`` characters, and shorter while it and ``prefix`` are wider than the room.

        So that every label fits between the margins, however long its date and kind.
        """
        room = self.width - 2 * _MARGIN
        shown = _embed(_shorten(label, chars))
        while chars > 1 and _estimate(prefix + shown) > room:
            chars -= 1
            shown = _embed(_shorten(label, chars))
        return shown

    # ------------------------------------------------------------ primitives

    def _open(self, height: float, heading: str, described: str) -> ET.Element:
        root = ET.Element(
            "svg",
            {
                "xmlns": _NAMESPACE,
                "viewBox": f"0 0 {self.width} {_num(height)}",
                "role": "img",
                "aria-labelledby": f"{self.id_prefix}-title {self.id_prefix}-desc",
                "font-family": _FONT,
                "font-size": str(_SIZE),
                "direction": "ltr",
            },
        )
        root.text = "\n"
        _add(root, "title", {"id": f"{self.id_prefix}-title"}, heading or "Timeline")
        _add(root, "desc", {"id": f"{self.id_prefix}-desc"}, described)
        _add(root, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
        return root

    @staticmethod
    def _text(
        parent: ET.Element,
        x: float,
        y: float,
        text: str,
        *,
        size: int | None = None,
        weight: str | None = None,
        fill: str = "#222222",
        anchor: str = "start",
    ) -> ET.Element:
        attributes: dict[str, str | float] = {"x": float(x), "y": float(y), "fill": fill}
        if size is not None:
            attributes["font-size"] = str(size)
        if weight is not None:
            attributes["font-weight"] = weight
        if anchor != "start":
            attributes["text-anchor"] = anchor
        return _add(parent, "text", attributes, text)

    def _legend_layout(
        self, statuses: Sequence[Status], *, has_events: bool
    ) -> list[tuple[float, int, Status | None]]:
        """Where each legend item goes: its ``x``, its row, its status (``None`` for the event marker).

        Items run left to right and wrap onto another row where the picture is
        too narrow for them.
        """
        found: list[tuple[float, int, Status | None]] = []
        x, row = float(_MARGIN), 0
        items: list[Status | None] = [*statuses, *([None] if has_events else [])]
        for item in items:
            size = 14 + _estimate(_legend_words(item))
            if x > _MARGIN and x + size > self.width - _MARGIN:
                x, row = float(_MARGIN), row + 1
            found.append((x, row, item))
            x += size + 16
        return found

    def _legend(self, root: ET.Element, layout: Sequence[tuple[float, int, Status | None]], y: float) -> None:
        for x, row, item in layout:
            baseline = y + row * _LEGEND_ROW
            if item is None:
                _add(root, "path", {"d": _diamond(x + 5, baseline - 4, 4.5), "fill": "#777777"})
            else:
                _add(
                    root, "circle", {"cx": x + 5, "cy": baseline - 4, "r": "5", "fill": STATUS_COLOURS[item]}
                )
            self._text(root, x + 14, baseline, _legend_words(item), fill="#444444")

    def _axis(self, root: ET.Element, segments: Sequence[_Segment], y: float) -> None:
        for index, segment in enumerate(segments):
            _line(root, (segment.left, y), (segment.right, y), stroke="#333333", width="1.5")
            if index:
                middle = segment.left - _BREAK / 2
                for dx in (-3.0, 3.0):
                    _line(
                        root,
                        (middle + dx - 3, y + 6),
                        (middle + dx + 3, y - 6),
                        stroke="#333333",
                        width="1.2",
                    )
            self._ticks(root, segment, y)

    def _ticks(self, root: ET.Element, segment: _Segment, y: float) -> None:
        first, last = _month_index(segment.start), _month_index(segment.end - 1) + 1
        per_month = (segment.right - segment.left) / (last - first)
        step = next((step for step in _STEPS if step * per_month >= _TICK_SPACING), _STEPS[-1])
        if step < 12:
            labelled = [m for m in range(first, last + 1) if m == first or (m % 12) % step == 0]
        else:
            years = step // 12
            labelled = [m for m in range(first - first % 12, last + 1, 12) if (m // 12) % years == 0]
            labelled = [m for m in labelled if m >= first] or [first]
        previous_year: int | None = None
        for month in labelled:
            x = segment.x(_month_start(month))
            _line(root, (x, y), (x, y + 5), stroke="#333333", width="1")
            year = month // 12
            if step < 12 and month < last:
                self._text(root, x, y + 17, _MONTHS[month % 12], size=10, fill="#555555", anchor="middle")
            if year != previous_year and (step >= 12 or month < last):
                self._text(
                    root,
                    x,
                    y + (30 if step < 12 else 17),
                    str(year),
                    size=10,
                    weight="bold",
                    fill="#555555",
                    anchor="middle",
                )
            previous_year = year

    def _span_bar(
        self, parent: ET.Element, segments: Sequence[_Segment], date: PartialDate, y: float, colour: str
    ) -> None:
        if date.precision == "day":
            return
        _, end = _span(date)
        left = self._x(segments, date)
        right = left
        for segment in segments:
            if segment.start < end <= segment.end:
                right = segment.x(end)
        _add(
            parent,
            "rect",
            {
                "x": left,
                "y": y - 2,
                "width": max(right - left, 1.0),
                "height": "4",
                "fill": colour,
                "fill-opacity": "0.3",
            },
        )

    def _agreement(
        self,
        root: ET.Element,
        *,
        entry: AgreementEntry,
        text: tuple[str, str],
        label: _Label | None,
        x: float,
        segments: Sequence[_Segment],
        axis_y: float,
    ) -> None:
        colour = STATUS_COLOURS[entry.status]
        lines = [f"{entry.label} ({entry.agreement})", f"{entry.date} \u00b7 {entry.status.value}"]
        if entry.summary:
            lines.append(entry.summary)
        change = self.changes_to.get(entry.agreement)
        if change is not None:
            lines.append(f"Changes from {change.before}:")
            lines += [f"\u2022 {sentence}" for sentence in change.summary[:_TITLE_CHANGES]]
            if len(change.summary) > _TITLE_CHANGES:
                lines.append(f"\u2022 and {len(change.summary) - _TITLE_CHANGES} more")
        lines.append("Sources: " + ", ".join(_sources(entry)))
        group = _group(root, {"class": "agreement", "data-id": clean(entry.agreement)})
        _add(group, "title", {}, "\n".join(lines))
        self._span_bar(group, segments, entry.date, axis_y, colour)
        _add(
            group,
            "circle",
            {"cx": x, "cy": axis_y, "r": "6.5", "fill": colour, "stroke": "#ffffff", "stroke-width": "1.5"},
        )
        if label is not None:
            self._label(group, label, axis_y - 22 - label.lane * _LANE, text, weight="bold")

    def _event(
        self,
        root: ET.Element,
        *,
        entry: EventEntry,
        text: tuple[str, str],
        label: _Label | None,
        x: float,
        segments: Sequence[_Segment],
        track_y: float,
    ) -> None:
        colour = STATUS_COLOURS[entry.status]
        lines = [
            f"{words(entry.kind).capitalize()} ({entry.event}, of {entry.agreement})",
            str(entry.date),
            entry.label,
            "Sources: " + ", ".join(_sources(entry)),
        ]
        group = _group(root, {"class": "event", "data-id": clean(entry.event)})
        _add(group, "title", {}, "\n".join(lines))
        self._span_bar(group, segments, entry.date, track_y, colour)
        _add(
            group,
            "path",
            {"d": _diamond(x, track_y, 4.5), "fill": colour, "stroke": "#ffffff", "stroke-width": "1"},
        )
        if label is not None:
            self._label(group, label, track_y + 24 + label.lane * _LANE, text)

    @staticmethod
    def _leader(parent: ET.Element, x: float, y1: float, y2: float, colour: str) -> None:
        _line(parent, (x, y1), (x, y2), stroke=colour)

    @staticmethod
    def _label(
        parent: ET.Element, label: _Label, y: float, text: tuple[str, str], *, weight: str | None = None
    ) -> None:
        # The date's direction is fixed with a mark, so that a right-to-left label
        # cannot pull the date's "~" or the separator over to its side. ``rest`` was
        # cleaned by _shorten before _embed added its marks, which must stay.
        date, rest = text
        attributes: dict[str, str | float] = {"x": label.anchor_x, "y": float(y), "fill": "#222222"}
        if weight is not None:
            attributes["font-weight"] = weight
        if label.end:
            attributes["text-anchor"] = "end"
        element = _add(parent, "text", {**attributes, **_HALO})
        prefix = ET.SubElement(element, "tspan", {"fill": "#666666", "font-weight": "normal"})
        prefix.text = f"{clean(date)}\u200e \u00b7"
        prefix.tail = f" {rest}"

    def _note(self, root: ET.Element, note: _Note, y: float, entries: Sequence[Entry], what: str) -> None:
        """A note ``+N more`` for labels without a lane; its hover text names the first of them."""
        hidden = [_plain(entries[index]) for index in note.hidden[:_TITLE_HIDDEN]]
        if len(note.hidden) > _TITLE_HIDDEN:
            hidden.append(f"and {len(note.hidden) - _TITLE_HIDDEN} more")
        group = _group(root, {"class": "overflow"})
        heading = f"{count(len(note.hidden), what)} without a label here, for want of room:"
        _add(group, "title", {}, "\n".join([heading, *hidden]))
        attributes: dict[str, str | float] = {
            "x": note.left,
            "y": y,
            "fill": "#666666",
            "font-style": "italic",
        }
        _add(group, "text", {**attributes, **_HALO}, note.text)


def _plain(entry: Entry) -> str:
    """An entry on one line, as its label would show it, without the marks that embed right-to-left text."""
    if isinstance(entry, AgreementEntry):
        return f"{entry.date} \u00b7 {one_line(entry.label)}"
    return f"{entry.date} \u00b7 {words(entry.kind)}: {one_line(entry.label)}"
