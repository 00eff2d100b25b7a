"""One self-contained HTML page: works offline, loads nothing, runs no script.

The page carries its own small style sheet and a Content-Security-Policy that
forbids everything else (scripts, fonts, images, connections). Every text is
escaped, including attribute values. Each cell shows its note numbers, which
link to the quotes below the table, and the quotes themselves on hover (the
``title`` attribute). New or changed items are highlighted (not whole cells:
a changed cell has a bar at its left edge, and ``−2`` when two items of the
column to its left are not in it); disputed items are flagged, in colour and
in words. Every text run is isolated (``dir="auto"`` on its own
element, or ``<bdi>``), so that right-to-left names render right to left. In a
narrow window each row becomes a card, each cell labelled with its column.

Below the table of a comparison (above the table of a timeline's entries), a
figure shows the agreements and their events on a timeline
(:meth:`agreements.timeline.Timeline.to_svg`), inline SVG drawn twice
(:func:`figure`): a wide picture, and a narrow one that a narrow window shows
instead, so that its labels stay readable.

The page takes time in proportion to its length: every cell, note and
picture is written once.

>>> from agreements import compare, get
>>> pair = [get("daraa-al-balad-2021-08-31"), get("busra-al-sham-2018")]
>>> page = compare(pair, aspects=["status"]).to_html()
>>> page.startswith("<!DOCTYPE html>") and "<script" not in page
True
"""

from __future__ import annotations

from html import escape as _escape
from typing import Final

from agreements._text import count, one_line
from agreements.model import Source
from agreements.render._figure import AgreementEntry
from agreements.render._table import EMPTY, Cell, Item, Marked, Notes, Table, legend, marked, note_ranges
from agreements.render.listing import reference
from agreements.render.timeline import TimelineView, svg

__all__ = ["escape", "figure", "render_table"]

_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

_STYLE: Final = """
:root { color-scheme: light dark; --ink: #1d1d1f; --paper: #fff; --rule: #d0d0d5; --muted: #5b5b66;
  --changed: #fff3bf; --changed-edge: #e0a800; --disputed: #a3206c; --head: #f3f3f6; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #ececf1; --paper: #16161a; --rule: #3a3a44; --muted: #a4a4b0;
    --changed: #4a3b00; --changed-edge: #e0a800; --disputed: #ff8fc8; --head: #23232a; }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem; color: var(--ink); background: var(--paper);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif; }
main { max-width: 110rem; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p, li { max-width: 60rem; }
.columns { margin: .25rem 0 1rem; padding-left: 1.25rem; }
.legend { color: var(--muted); font-size: .9rem; }
.legend .new, .legend .disputed { padding: .05rem .35rem; outline-offset: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--rule); padding: .4rem .5rem; vertical-align: top; text-align: start;
  overflow-wrap: anywhere; }
thead th { background: var(--head); position: sticky; top: 0; }
tbody th { background: var(--head); font-weight: 600; min-width: 9rem; }
td { min-width: 10rem; }
td .item { display: block; }
td.empty { color: var(--muted); }
td.changed { box-shadow: inset 3px 0 0 var(--changed-edge); }
.new { background: var(--changed); border-radius: 2px; }
td .item.new, td .gone { padding: 0 .2rem; margin-inline-start: -.2rem; }
td .gone { display: inline-block; font-size: .85rem; }
.disputed { outline: 2px dashed var(--disputed); outline-offset: -3px; }
td .item.disputed { outline-offset: 1px; margin: .15rem 0; }
.note { color: var(--muted); font-size: .85rem; }
.flag { display: inline-block; margin-top: .2rem; font-size: .8rem; font-weight: 600; color: var(--disputed); }
.refs { font-size: .75rem; margin-inline-start: .15rem; }
.refs a { color: inherit; }
td.change { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; white-space: nowrap; min-width: 0; }
ol.notes { padding-left: 2.5rem; font-size: .92rem; }
ol.notes li { margin: .2rem 0; }
ol.notes li:target { background: var(--changed); }
.source { color: var(--muted); }
@media (max-width: 44rem) {
  body { padding: .5rem; }
  table, thead, tbody, tr, th, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { margin: 0 0 1rem; border: 1px solid var(--rule); }
  tbody th, td { border: 0; border-top: 1px solid var(--rule); min-width: 0; }
  td::before { content: attr(data-label); display: block; font-size: .8rem; color: var(--muted); }
}
"""

# The timeline's two pictures: the wide one at no more than its own size, and
# in a window too narrow to read it, the narrow one (whose labels stack in more
# rows) instead. The pictures keep their white ground in a dark page.
_FIGURE_STYLE: Final = """figure.timeline { margin: 1rem 0 1.5rem; }
figure.timeline svg { display: block; width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
figure.timeline .wide { max-width: 60rem; }
figure.timeline .narrow { display: none; max-width: 36rem; }
figure.timeline figcaption { color: var(--muted); font-size: .9rem; margin-top: .4rem; max-width: 60rem; }
@media (max-width: 56rem) {
  figure.timeline .wide { display: none; }
  figure.timeline .narrow { display: block; }
}
"""


def escape(text: str) -> str:
    """``text`` safe in HTML text and in quoted attribute values, control characters removed.

    >>> escape('<script>alert("1")</script>')
    '&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;'
    """
    return _escape(one_line(text), quote=True)


def _tooltip(cell: Cell, notes: Notes) -> str:
    # Each quote on one line, the quotes apart by a wide separator (which one_line would narrow).
    return "  |  ".join(
        escape(f"{notes.describe_source(citation)}: “{citation.quote}”") for citation in cell.citations
    )


def _item(item: Item, new: bool) -> str:
    classes = " ".join(["item", *(["new"] if new else []), *(["disputed"] if item.disputed else [])])
    flag = ' <span class="flag">disputed</span>' if item.disputed else ""
    return f'<span class="{classes}" dir="auto">{escape(item.text)}{flag}</span>'


def _cell(mark: Marked, column: str, notes: Notes) -> str:
    cell = mark.cell
    classes = ["changed"] if cell.changed else []
    # Each item sets its own direction (dir="auto" isolates it like <bdi>), so
    # that a right-to-left name reads and aligns right to left in any cell.
    items = [_item(item, new) for item, new in mark.items]
    if not items:
        classes.append("empty")
        items = [f'<span class="item{" new" if mark.empty_changed else ""}">{EMPTY}</span>']
    body = "".join(items)
    if mark.shows_gone:
        gone = count(mark.shows_gone, "item")
        body += f'<span class="gone new" title="{gone} of the column to the left not here">−{mark.shows_gone}</span>'
    if cell.disputed and not any(item.disputed for item, _ in mark.items):
        classes.append("disputed")
        body += '<span class="flag">disputed</span>'
    if cell.note:
        body += f' <span class="note" dir="auto">({escape(cell.note)})</span>'
    numbers = notes.numbers(cell)
    if numbers:
        links = ",".join(f'<a href="#note-{number}">{number}</a>' for number in numbers)
        body += f'<sup class="refs" aria-label="notes {note_ranges(numbers)}">{links}</sup>'
    attributes = f' class="{" ".join(classes)}"' if classes else ""
    title = f' title="{_tooltip(cell, notes)}"' if cell.citations else ""
    return f'<td data-label="{escape(column)}"{attributes}{title}>{body}</td>'


def figure(line: TimelineView, *, compared: bool = True) -> str:
    """A timeline as an HTML ``<figure>`` of two pictures (wide and narrow), or ``""`` when it is empty.

    Each picture escapes its own text; the caption says how to read them, and
    calls the agreements the compared ones unless ``compared`` is false.
    """
    if not line.entries:
        return ""
    agreements = sum(1 for entry in line.entries if isinstance(entry, AgreementEntry))
    first = min(entry.date.year for entry in line.entries)
    last = max(entry.date.year for entry in line.entries)
    years = str(first) if first == last else f"{first}\u2013{last}"
    which = "compared agreement" if compared else "agreement"
    what = f"The {which}" if agreements == 1 else f"The {agreements} {which}s"
    events = len(line.entries) - agreements
    around = f" and {count(events, 'event')} the sources record around them" if events else ""
    caption = (
        f"{what}{around}, {years}. "
        f"Circles are agreements, coloured by status{'; diamonds are events' if events else ''}. "
        "A bar spans a date known only to the month or the year; // marks a break in the axis. "
        "Hover over a marker to read it in full, with its sources."
    )
    return "\n".join(
        [
            '<figure class="timeline">',
            '<div class="wide">',
            svg(line, title="", width=960, id_prefix="timeline-wide").rstrip("\n"),
            "</div>",
            '<div class="narrow">',
            svg(line, title="", width=480, id_prefix="timeline-narrow").rstrip("\n"),
            "</div>",
            f"<figcaption>{escape(caption)}</figcaption>",
            "</figure>",
        ]
    )


#: How the page draws each mark of a table's legend.
_MARKS: Final = {
    "changed-left": '<span class="new">Highlighted</span>',
    "changed-pair": '<span class="new">Highlighted</span>',
    "gone": '<span class="new">−n</span>',
    "disputed": '<span class="disputed">Dashed</span>',
    "approximate": "~ after a date",
    "notes": "Numbers",
}


def _legend(table: Table) -> str:
    """The paragraph that says how to read the table's cells (the table's ``aria-describedby``)."""
    said = " ".join(f"{_MARKS[key]}: {escape(meaning)}." for key, meaning in legend(table))
    return f'<p class="legend" id="legend">{said} Hover over a cell to read its quotes.</p>'


def _quotes(notes: Notes) -> list[str]:
    """The numbered quotes, each with its source, that the cells' note numbers link to."""
    if not len(notes):
        return []
    out = ["<h2>Quotes</h2>", '<ol class="notes">']
    for number, citation in notes:
        source = notes.source(citation)
        about = f' title="{escape(source.description)}"' if source is not None else ""
        out.append(
            f'<li id="note-{number}"><q dir="auto">{escape(citation.quote)}</q> '
            f'<span class="source"{about}>— <cite><bdi>{escape(notes.describe_source(citation))}'
            "</bdi></cite></span></li>"
        )
    out.append("</ol>")
    return out


def render_table(
    table: Table, *, title: str | None = None, figure: str = "", figure_first: bool = False
) -> str:
    """The HTML page of a :class:`~agreements.render._table.Table`, with ``figure`` (HTML) below the table.

    With ``figure_first``, the figure comes first, under the heading and the
    summary, and the table follows it.
    """
    notes = Notes(table)
    heading = escape(title if title is not None else table.title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="agreements">',
        f"<title>{heading}</title>",
        f"<style>{_STYLE}{_FIGURE_STYLE if figure else ''}</style>",
        "</head>",
        "<body>",
        "<main>",
        f'<h1 dir="auto">{heading}</h1>',
    ]
    if table.summary:
        out.append('<ul class="summary">')
        out += [f'<li dir="auto">{escape(sentence)}</li>' for sentence in table.summary]
        out.append("</ul>")
    if table.kind == "comparison" and table.columns:
        out.append('<ul class="columns">')
        out += [
            f"<li><b><bdi>{escape(column.label)}</bdi></b>: <bdi>{escape(column.title)}</bdi></li>"
            for column in table.columns
        ]
        out.append("</ul>")
    if figure and figure_first:
        out.append(figure)
    out.append(_legend(table))
    out.append('<div class="scroll">')
    out.append('<table aria-describedby="legend">')
    out.append("<thead><tr>")
    with_change = table.kind == "diff"
    out.append(f'<th scope="col">{escape(table.corner)}</th>')
    if with_change:
        out.append('<th scope="col">Change</th>')
    out += [
        f'<th scope="col" dir="auto" title="{escape(column.title)}">{escape(column.label)}</th>'
        for column in table.columns
    ]
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in table.rows:
        change = f' class="change-{escape(row.change)}"' if row.change else ""
        out.append(f"<tr{change}>")
        out.append(f'<th scope="row" dir="auto">{escape(row.label)}</th>')
        if with_change:
            out.append(f'<td class="change" data-label="Change">{escape(row.change)}</td>')
        out += [
            _cell(cell, column.label, notes)
            for cell, column in zip(marked(table, row), table.columns, strict=True)
        ]
        out.append("</tr>")
    out.append("</tbody>")
    out.append("</table>")
    out.append("</div>")
    if figure and not figure_first:
        out += ['<h2 id="timeline">Timeline</h2>', figure]
    out += _quotes(notes)
    if table.sources:
        out.append("<h2>Sources</h2>")
        out.append("<ul>")
        out += [_source(source) for source in table.sources]
        out.append("</ul>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _source(source: Source) -> str:
    """A source as a reference for a paper, its address a link, then what it is."""
    cited = reference(source, url=False)
    link = f' <a href="{escape(source.url)}" rel="noreferrer">{escape(source.url)}</a>' if source.url else ""
    about = (
        ""
        if source.description in cited
        else f' <span class="source" dir="auto">{escape(source.description)}</span>'
    )
    return f'<li><b><bdi>{escape(source.id)}</bdi></b>: <span dir="auto">{escape(cited)}</span>{link}{about}</li>'
