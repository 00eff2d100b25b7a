"""A timeline for a reader: as text for a terminal, as JSON, and as an SVG picture.

The functions read a timeline through :class:`TimelineView` (what
:class:`agreements.timeline.Timeline` has), so that rendering does not depend
on the analysis that builds it.
"""

from __future__ import annotations

import calendar
import datetime
import html
import json
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Final, Protocol

import attrs

from agreements._text import clean, count, one_line, words, wrap
from agreements.exceptions import InvalidArgumentError
from agreements.model import PartialDate, Status
from agreements.render._figure import AgreementEntry, Entry, EventEntry

__all__ = ["JSON_FORMAT", "STATUS_COLOURS", "ChangeView", "TimelineView", "data", "svg", "text", "to_json"]


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

    def change_to(self, agreement_id: str) -> ChangeView | None: ...


# html.escape rather than xml.sax.saxutils: the latter imports urllib.request,
# and with it http, email and ssl, into every ``import agreements``.
def _escape(text: str) -> str:
    """Text safe inside an XML element."""
    return html.escape(text, quote=False)


def _quoteattr(text: str) -> str:
    """Text as a double-quoted XML attribute value."""
    return f'"{html.escape(text, quote=True)}"'


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
    lines: list[str] = []
    for entry in timeline.entries:
        date = f"{entry.date!s:<11} "
        pad = " " * len(date)
        if isinstance(entry, AgreementEntry):
            line = f"* {one_line(entry.label)} [{one_line(entry.agreement)}, {entry.status.value}]"
            lines += _wrap(date, line, width=width, indent=pad + "  ")
            change = timeline.change_to(entry.agreement)
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
        lines.append(f"{indent}  - and {number - limit} more")
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


def _entry_data(entry: Entry) -> dict[str, Any]:
    return {
        "date": str(entry.date),
        "kind": "agreement" if isinstance(entry, AgreementEntry) else entry.kind.value,
        "agreement": entry.agreement,
        "event": entry.event if isinstance(entry, EventEntry) else None,
        "label": entry.label,
        "status": entry.status.value,
        "summary": entry.summary if isinstance(entry, AgreementEntry) else None,
        "citations": [{"source": citation.source, "quote": citation.quote} for citation in entry.citations],
    }


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

_MIN_WIDTH: Final = 480
_MARGIN: Final = 24
_FONT: Final = "'DejaVu Sans', 'Noto Sans', 'Segoe UI', Arial, sans-serif"
_SIZE: Final = 12
_CHAR: Final = 0.62 * _SIZE  # a generous average advance, so estimated widths do not overlap
_LANE: Final = 18
_BREAK: Final = 26  # the gap drawn where the axis is broken
_GAP_DAYS: Final = 150  # a quiet stretch longer than this breaks the axis
_MAX_SEGMENTS: Final = 5
_AGREEMENT_CHARS: Final = 56
_EVENT_CHARS: Final = 72
_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_STEPS: Final = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000)
_TICK_SPACING: Final = 40
_LEGEND_ROW: Final = 18
_ID_PREFIX: Final = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_TITLE_CHANGES: Final = 8  # sentences of a change shown in a marker's hover text
# A white outline under each label, so that a leader line crossing it does not cut through the letters.
_HALO: Final = ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'


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
    """
    clusters: list[list[int]] = []  # [first day, day after the last, number of entries]
    for start, end in sorted(spans):
        if clusters and start - clusters[-1][1] <= _GAP_DAYS:
            clusters[-1][1] = max(clusters[-1][1], end)
            clusters[-1][2] += 1
        else:
            clusters.append([start, end, 1])
    while len(clusters) > _MAX_SEGMENTS:
        gaps = [clusters[i + 1][0] - clusters[i][1] for i in range(len(clusters) - 1)]
        i = gaps.index(min(gaps))
        first, second = clusters[i], clusters[i + 1]
        clusters[i : i + 2] = [[first[0], max(first[1], second[1]), first[2] + second[2]]]
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
    wide = sum(1 for char in text if unicodedata.east_asian_width(char) in {"W", "F"})
    return (len(text) + wide) * _CHAR


@attrs.frozen(kw_only=True)
class _Label:
    """A marker at ``x`` and its label, placed in a lane.

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
    def anchor_x(self) -> float:
        return self.left + self.width if self.end else self.left


def _place(items: Sequence[tuple[float, float]], *, left: float, right: float) -> list[_Label]:
    """Lanes for labels at ``(x, width)``: no two labels overlap, and leader lines cross few labels.

    Each label goes, in order of ``x``, to the lane where its leader line (from
    the axis out to its lane) and the leader lines already drawn cross the
    fewest labels, the nearest lane on a tie. A new lane is always free, so
    every label finds one.
    """
    placed: list[_Label] = []
    for x, width in items:
        # Right of the marker where there is room, else ending at it, else from the left margin.
        end = x - 3 + width > right and x + 3 - width >= left
        start = x + 3 - width if end else max(left, min(x - 3, right - width))
        lanes = max((label.lane for label in placed), default=-1) + 2
        best = min(
            (_crossings(placed, x, start, width, lane), lane)
            for lane in range(lanes)
            if not any(_overlaps(other, start, width) for other in placed if other.lane == lane)
        )
        placed.append(_Label(x=x, left=start, width=width, lane=best[1], end=end))
    return placed


def _overlaps(other: _Label, start: float, width: float) -> bool:
    return other.left - 8 < start + width and start < other.left + other.width + 8


def _crossings(placed: Sequence[_Label], x: float, start: float, width: float, lane: int) -> int:
    mine = sum(
        1 for other in placed if other.lane < lane and other.left - 2 <= x <= other.left + other.width + 2
    )
    theirs = sum(1 for other in placed if other.lane > lane and start - 2 <= other.x <= start + width + 2)
    return mine + theirs


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
    past the end of its segment.
    """
    where = [_segment_of(segments, entry.date) for entry in entries]
    xs = [segment.x(_span(entry.date)[0]) for segment, entry in zip(where, entries, strict=True)]
    for i in range(1, len(xs)):
        if where[i] is where[i - 1]:
            xs[i] = max(xs[i], xs[i - 1] + step)
    for i in reversed(range(len(xs))):
        limit = where[i].right - 2
        if i + 1 < len(xs) and where[i + 1] is where[i]:
            limit = min(limit, xs[i + 1] - step)
        xs[i] = max(min(xs[i], limit), where[i].left)
    return xs


class _Drawing:
    """One rendering of a timeline; holds the layout while it is being drawn."""

    def __init__(self, timeline: TimelineView, *, title: str | None, width: int, id_prefix: str) -> None:
        self.timeline = timeline
        self.title = title
        self.width = width
        self.id_prefix = id_prefix
        self.parts: list[str] = []

    def render(self) -> str:
        entries = self.timeline.entries
        heading = self.title if self.title is not None else self._default_title()
        statuses = [status for status in Status if any(entry.status is status for entry in entries)]
        top = 34.0 if heading else 10.0
        legend_y = top + 12
        spans = [_span(entry.date) for entry in entries] or [_span(PartialDate(year=2000))]
        segments = _segments(spans, _MARGIN + 6, self.width - _MARGIN - 6)

        agreements = [entry for entry in entries if isinstance(entry, AgreementEntry)]
        events = [entry for entry in entries if isinstance(entry, EventEntry)]
        agreement_texts = [self._agreement_text(entry) for entry in agreements]
        event_texts = [self._event_text(entry) for entry in events]
        legend = self._legend_layout(statuses, has_events=bool(events))
        legend_bottom = legend_y + max((row for _, row, _ in legend), default=0) * _LEGEND_ROW
        lay_a = _place(
            [
                (x, _estimate(f"{text[0]} \u00b7 {text[1]}"))
                for x, text in zip(_dodge(segments, agreements, 12), agreement_texts, strict=True)
            ],
            left=_MARGIN,
            right=self.width - _MARGIN,
        )
        lay_e = _place(
            [
                (x, _estimate(f"{text[0]} \u00b7 {text[1]}"))
                for x, text in zip(_dodge(segments, events, 8), event_texts, strict=True)
            ],
            left=_MARGIN,
            right=self.width - _MARGIN,
        )
        lanes_a = max((label.lane for label in lay_a), default=-1) + 1
        axis_y = legend_bottom + 28 + lanes_a * _LANE + 10
        track_y = axis_y + 50
        lanes_e = max((label.lane for label in lay_e), default=-1) + 1
        height = track_y + 14 + lanes_e * _LANE + (10 if events else -20) + 8

        described = f"{count(len(agreements), 'agreement')} and {count(len(events), 'event')}"
        self._open(height, heading, described)
        if heading:
            self._text(_MARGIN, 22, heading, size=15, weight="bold")
        self._legend(legend, legend_y)
        self._axis(segments, axis_y)
        if events:
            for segment in segments:
                self.parts.append(
                    f'<line x1="{_num(segment.left)}" y1="{_num(track_y)}" x2="{_num(segment.right)}" '
                    f'y2="{_num(track_y)}" stroke="#d0d0d0" stroke-width="1"/>\n'
                )
        # Leader lines first, so that every label is drawn over them.
        self.parts.append('<g class="leaders" stroke-width="0.75">\n')
        for label in lay_a:
            self._leader(label.x, axis_y - 7, axis_y - 18 - label.lane * _LANE, "#9a9a9a")
        for label in lay_e:
            self._leader(label.x, track_y + 5, track_y + 13 + label.lane * _LANE, "#b5b5b5")
        self.parts.append("</g>\n")
        for entry, shown, label in zip(agreements, agreement_texts, lay_a, strict=True):
            self._agreement(
                entry, shown, label, segments, axis_y, change=self.timeline.change_to(entry.agreement)
            )
        for event, shown, label in zip(events, event_texts, lay_e, strict=True):
            self._event(event, shown, label, segments, track_y)
        self.parts.append("</svg>\n")
        return "".join(self.parts)

    def _default_title(self) -> str:
        entries = self.timeline.entries
        if not entries:
            return "Timeline (empty)"
        first, last = entries[0].date.year, max(entry.date.year for entry in entries)
        years = str(first) if first == last else f"{first}\u2013{last}"
        agreements = sum(1 for entry in entries if isinstance(entry, AgreementEntry))
        return f"{count(agreements, 'agreement')}, {years}"

    @staticmethod
    def _x(segments: Sequence[_Segment], date: PartialDate) -> float:
        return _segment_of(segments, date).x(_span(date)[0])

    def _chars(self, share: float, most: int) -> int:
        """How many characters of a label fit in ``share`` of the picture's width, at most ``most``."""
        return min(most, int((self.width - 2 * _MARGIN) * share / _CHAR))

    def _agreement_text(self, entry: AgreementEntry) -> tuple[str, str]:
        return str(entry.date), _embed(_shorten(entry.label, self._chars(0.5, _AGREEMENT_CHARS)))

    def _event_text(self, entry: EventEntry) -> tuple[str, str]:
        label = _shorten(entry.label, self._chars(0.6, _EVENT_CHARS))
        return str(entry.date), f"{words(entry.kind)}: {_embed(label)}"

    # ------------------------------------------------------------ primitives

    def _open(self, height: float, heading: str, described: str) -> None:
        self.parts.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {_num(height)}" '
            f'role="img" aria-labelledby="{self.id_prefix}-title {self.id_prefix}-desc" '
            f'font-family="{_FONT}" font-size="{_SIZE}" direction="ltr">\n'
            f'<title id="{self.id_prefix}-title">{_escape(clean(heading or "Timeline"))}</title>\n'
            f'<desc id="{self.id_prefix}-desc">{_escape(described)}</desc>\n'
            f'<rect width="100%" height="100%" fill="#ffffff"/>\n'
        )

    def _text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: int | None = None,
        weight: str | None = None,
        fill: str = "#222222",
        anchor: str = "start",
    ) -> None:
        extra = f' font-size="{size}"' if size is not None else ""
        extra += f' font-weight="{weight}"' if weight is not None else ""
        extra += f' text-anchor="{anchor}"' if anchor != "start" else ""
        self.parts.append(
            f'<text x="{_num(x)}" y="{_num(y)}" fill="{fill}"{extra}>{_escape(clean(text))}</text>\n'
        )

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

    def _legend(self, layout: Sequence[tuple[float, int, Status | None]], y: float) -> None:
        for x, row, item in layout:
            baseline = y + row * _LEGEND_ROW
            if item is None:
                self.parts.append(f'<path d="{_diamond(x + 5, baseline - 4, 4.5)}" fill="#777777"/>\n')
            else:
                self.parts.append(
                    f'<circle cx="{_num(x + 5)}" cy="{_num(baseline - 4)}" r="5" '
                    f'fill="{STATUS_COLOURS[item]}"/>\n'
                )
            self._text(x + 14, baseline, _legend_words(item), fill="#444444")

    def _axis(self, segments: Sequence[_Segment], y: float) -> None:
        for index, segment in enumerate(segments):
            self.parts.append(
                f'<line x1="{_num(segment.left)}" y1="{_num(y)}" x2="{_num(segment.right)}" y2="{_num(y)}" '
                f'stroke="#333333" stroke-width="1.5"/>\n'
            )
            if index:
                middle = segment.left - _BREAK / 2
                for dx in (-3.0, 3.0):
                    self.parts.append(
                        f'<line x1="{_num(middle + dx - 3)}" y1="{_num(y + 6)}" x2="{_num(middle + dx + 3)}" '
                        f'y2="{_num(y - 6)}" stroke="#333333" stroke-width="1.2"/>\n'
                    )
            self._ticks(segment, y)

    def _ticks(self, segment: _Segment, y: float) -> None:
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
            self.parts.append(
                f'<line x1="{_num(x)}" y1="{_num(y)}" x2="{_num(x)}" y2="{_num(y + 5)}" '
                f'stroke="#333333" stroke-width="1"/>\n'
            )
            year = month // 12
            if step < 12 and month < last:
                self._text(x, y + 17, _MONTHS[month % 12], size=10, fill="#555555", anchor="middle")
            if year != previous_year and (step >= 12 or month < last):
                self._text(
                    x,
                    y + (30 if step < 12 else 17),
                    str(year),
                    size=10,
                    weight="bold",
                    fill="#555555",
                    anchor="middle",
                )
            previous_year = year

    def _span_bar(self, segments: Sequence[_Segment], date: PartialDate, y: float, colour: str) -> None:
        if date.precision == "day":
            return
        _, end = _span(date)
        left = self._x(segments, date)
        right = left
        for segment in segments:
            if segment.start < end <= segment.end:
                right = segment.x(end)
        self.parts.append(
            f'<rect x="{_num(left)}" y="{_num(y - 2)}" width="{_num(max(right - left, 1))}" height="4" '
            f'fill="{colour}" fill-opacity="0.3"/>\n'
        )

    def _agreement(
        self,
        entry: AgreementEntry,
        text: tuple[str, str],
        label: _Label,
        segments: Sequence[_Segment],
        axis_y: float,
        *,
        change: ChangeView | None,
    ) -> None:
        colour = STATUS_COLOURS[entry.status]
        baseline = axis_y - 22 - label.lane * _LANE
        lines = [f"{entry.label} ({entry.agreement})", f"{entry.date} \u00b7 {entry.status.value}"]
        if entry.summary:
            lines.append(entry.summary)
        if change is not None:
            lines.append(f"Changes from {change.before}:")
            lines += [f"\u2022 {sentence}" for sentence in change.summary[:_TITLE_CHANGES]]
            if len(change.summary) > _TITLE_CHANGES:
                lines.append(f"\u2022 and {len(change.summary) - _TITLE_CHANGES} more")
        lines.append("Sources: " + ", ".join(dict.fromkeys(citation.source for citation in entry.citations)))
        self.parts.append(f'<g class="agreement" data-id={_quoteattr(clean(entry.agreement))}>\n')
        self.parts.append(f"<title>{_escape(clean(chr(10).join(lines)))}</title>\n")
        self._span_bar(segments, entry.date, axis_y, colour)
        self.parts.append(
            f'<circle cx="{_num(label.x)}" cy="{_num(axis_y)}" r="6.5" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="1.5"/>\n'
        )
        self._label(label, baseline, text, weight="bold")
        self.parts.append("</g>\n")

    def _event(
        self,
        entry: EventEntry,
        text: tuple[str, str],
        label: _Label,
        segments: Sequence[_Segment],
        track_y: float,
    ) -> None:
        colour = STATUS_COLOURS[entry.status]
        baseline = track_y + 24 + label.lane * _LANE
        lines = [
            f"{words(entry.kind).capitalize()} ({entry.event}, of {entry.agreement})",
            str(entry.date),
            entry.label,
            "Sources: " + ", ".join(dict.fromkeys(citation.source for citation in entry.citations)),
        ]
        self.parts.append(f'<g class="event" data-id={_quoteattr(clean(entry.event))}>\n')
        self.parts.append(f"<title>{_escape(clean(chr(10).join(lines)))}</title>\n")
        self._span_bar(segments, entry.date, track_y, colour)
        self.parts.append(
            f'<path d="{_diamond(label.x, track_y, 4.5)}" fill="{colour}" stroke="#ffffff" stroke-width="1"/>\n'
        )
        self._label(label, baseline, text)
        self.parts.append("</g>\n")

    def _leader(self, x: float, y1: float, y2: float, colour: str) -> None:
        self.parts.append(
            f'<line x1="{_num(x)}" y1="{_num(y1)}" x2="{_num(x)}" y2="{_num(y2)}" stroke="{colour}"/>\n'
        )

    def _label(self, label: _Label, y: float, text: tuple[str, str], *, weight: str | None = None) -> None:
        # The date's direction is fixed with a mark, so that a right-to-left label
        # cannot pull the date's "~" or the separator over to its side. ``rest`` was
        # cleaned by _shorten before _embed added its marks, which must stay.
        date, rest = text
        bold = f' font-weight="{weight}"' if weight is not None else ""
        bold += ' text-anchor="end"' if label.end else ""
        self.parts.append(
            f'<text x="{_num(label.anchor_x)}" y="{_num(y)}" fill="#222222"{bold}{_HALO}>'
            f'<tspan fill="#666666" font-weight="normal">{_escape(date)}\u200e \u00b7</tspan> '
            f"{_escape(rest)}</text>\n"
        )


def _legend_words(status: Status | None) -> str:
    return "event (colour of its agreement)" if status is None else words(status)


def _diamond(x: float, y: float, r: float) -> str:
    return (
        f"M{_num(x)} {_num(y - r)}L{_num(x + r)} {_num(y)}L{_num(x)} {_num(y + r)}L{_num(x - r)} {_num(y)}Z"
    )
