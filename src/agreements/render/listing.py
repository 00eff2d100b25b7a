"""Listings: a header and rows of text, as the command line prints them.

:class:`Listing` is the one shape of ``agreements list``, ``actors``,
``places``, ``cite`` and ``validate``; the builders below make one from the
model, and its ``to_*`` methods write it as aligned text, CSV, Markdown or
JSON. Text, CSV and Markdown show every value on one line, cleaned of control
characters; JSON keeps the values as they are.

>>> import agreements as ag
>>> print(agreements(ag.corpus()).to_text().splitlines()[0])
id                           date        status     title
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from agreements._text import clip, one_line, words, wrap
from agreements._text import width as _width
from agreements.exceptions import Problem
from agreements.model import Actor, Agreement, Backed, Corpus, Place, Source, StatusEntry
from agreements.render.csv import neutralise
from agreements.render.markdown import escape

__all__ = [
    "Listing",
    "actors",
    "agreements",
    "citations",
    "cited_text",
    "describe",
    "places",
    "reference",
    "validation_json",
    "validation_text",
]


#: The narrowest a column of a listing is made to fit a width, in terminal columns.
_NARROWEST_COLUMN = 6


def _fit(sizes: Sequence[int], width: int | None) -> list[int]:
    """Column sizes within ``width`` (two spaces between columns): the widest columns narrowed first.

    The first column keeps its size while the others can still get
    :data:`_NARROWEST_COLUMN` each; no column is made narrower than that.
    """
    gaps = 2 * (len(sizes) - 1)
    if width is None or sum(sizes) + gaps <= width:
        return list(sizes)
    fixed = sizes[:1] if sizes[0] + gaps + _NARROWEST_COLUMN * (len(sizes) - 1) <= width else []
    rest = sizes[len(fixed) :]
    room = width - gaps - sum(fixed)
    limit = max(rest)
    while limit > _NARROWEST_COLUMN and sum(min(size, limit) for size in rest) > room:
        limit -= 1
    return [*fixed, *(min(size, limit) for size in rest)]


def _rows(items: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(item) for item in items)


@attrs.frozen(kw_only=True)
class Listing:
    """A header and rows of text, all rows as long as the header."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)

    def to_text(self, width: int | None = None) -> str:
        """Columns padded to their widest cell, the last one left ragged; ``""`` with no rows.

        With ``width`` (in terminal columns), a table wider than that wraps its
        cells within narrower columns, the widest narrowed first and the first
        column (the ids) kept whole while there is room, so that no line is
        wider than ``width`` while the columns fit at six characters each.

        >>> table = Listing(header=("id", "name"), rows=[("nassib-crossing", "Nassib border crossing")])
        >>> print(table.to_text(width=30))
        id               name
        nassib-crossing  Nassib border
                         crossing
        """
        if not self.rows:
            return ""
        shown = [[one_line(cell) for cell in row] for row in (self.header, *self.rows)]
        sizes = _fit([max(_width(row[index]) for row in shown) for index in range(len(self.header))], width)
        lines = []
        for row in shown:
            cells = [
                wrap(cell, size) if _width(cell) > size else [cell]
                for cell, size in zip(row, sizes, strict=True)
            ]
            for depth in range(max(len(cell) for cell in cells)):
                parts = [cell[depth] if depth < len(cell) else "" for cell in cells]
                padded = [
                    part + " " * (size - _width(part)) for part, size in zip(parts[:-1], sizes, strict=False)
                ]
                lines.append("  ".join([*padded, parts[-1]]).rstrip())
        return "\n".join(lines) + "\n"

    def to_csv(self) -> str:
        """CSV (RFC 4180) with a header row, formula-safe."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in (self.header, *self.rows):
            writer.writerow([neutralise(one_line(cell)) for cell in row])
        return buffer.getvalue()

    def to_markdown(self) -> str:
        """A Markdown table; every value escaped."""
        lines = [
            "| " + " | ".join(escape(cell) for cell in self.header) + " |",
            "|" + " --- |" * len(self.header),
        ]
        lines += ["| " + " | ".join(escape(cell) or " " for cell in row) + " |" for row in self.rows]
        return "\n".join(lines) + "\n"

    def to_data(self) -> list[dict[str, Any]]:
        """One object per row, keyed by the header, with the values as they are."""
        return [dict(zip(self.header, row, strict=True)) for row in self.rows]

    def to_json(self) -> str:
        """JSON: a list of objects keyed by the header."""
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"


def agreements(corpus: Corpus) -> Listing:
    """The agreements of a corpus: id, date, status and title, in the corpus's order."""
    return Listing(
        header=("id", "date", "status", "title"),
        rows=[
            (agreement.id, str(agreement.date), agreement.status.value, agreement.title)
            for agreement in corpus.agreements.values()
        ],
    )


def _parent(corpus: Corpus, record: Actor | Place) -> str:
    if record.parent is None:
        return ""
    return corpus.actor_name(record.parent) if isinstance(record, Actor) else corpus.place_name(record.parent)


def actors(corpus: Corpus) -> Listing:
    """The actors of a corpus: id, kind, name, the actor it belongs to, and its other names."""
    return Listing(
        header=("id", "kind", "name", "part of", "also called"),
        rows=[
            (actor.id, actor.kind.value, actor.name, _parent(corpus, actor), "; ".join(actor.aliases))
            for actor in corpus.actors.values()
        ],
    )


def places(corpus: Corpus) -> Listing:
    """The places of a corpus: id, kind, name, the place it lies in, and its other names."""
    return Listing(
        header=("id", "kind", "name", "part of", "also called"),
        rows=[
            (place.id, place.kind.value, place.name, _parent(corpus, place), "; ".join(place.aliases))
            for place in corpus.places.values()
        ],
    )


def _record(record: Backed) -> str:
    """The id a reader knows a cited record by (the actor of a party, the target of a relation, nothing for a territory)."""
    if isinstance(record, StatusEntry):
        return record.status.value
    for name in ("id", "actor", "target"):
        if hasattr(record, name):
            return str(getattr(record, name))
    return ""


#: Names of the languages the corpora quote, for references; other codes are shown as they are.
_LANGUAGES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "tr": "Turkish",
    "uk": "Ukrainian",
}


def reference(source: Source, *, url: bool = True) -> str:
    """How to cite a source in a paper: author, title, outlet, date, translation, url and file.

    Built from the fields the source has; one without them is its description.
    ``url=False`` leaves the address out, for a renderer that links it.

    >>> import agreements as ag
    >>> print(reference(ag.Source(id="s", description="A report.", outlet="Enab Baladi",
    ...                           title="Daraa truce", date=ag.PartialDate.parse("2021-09-06"),
    ...                           url="https://example.org/truce", translated_from="ar")))
    “Daraa truce.” Enab Baladi, 2021-09-06. Translated from Arabic. https://example.org/truce
    """
    if source.author or source.title or source.outlet:
        published = ", ".join(str(value) for value in (source.outlet, source.date) if value is not None)
        parts = [
            f"{source.author}." if source.author else "",
            f"“{source.title}.”" if source.title else "",
            f"{published}." if published else "",
        ]
    else:
        parts = [source.description, f"{source.date}." if source.date is not None else ""]
    if source.translated_from:
        parts.append(f"Translated from {_LANGUAGES.get(source.translated_from, source.translated_from)}.")
    parts += [source.url or "" if url else "", f"(file {source.document})" if source.document else ""]
    return one_line(" ".join(part for part in parts if part))


def citations(agreement: Agreement, corpus: Corpus | None = None) -> Listing:
    """Every quote behind an agreement: where it is used, the record, the source and the quote.

    With the ``corpus`` the agreement's sources are in, each row adds the source's :func:`reference`.
    """
    rows = [
        (path, _record(record), citation.source, citation.quote)
        for path, record, citation in agreement.cited()
    ]
    if corpus is None:
        return Listing(header=("where", "record", "source", "quote"), rows=rows)
    return Listing(
        header=("where", "record", "source", "quote", "reference"),
        rows=[(*row, _reference(corpus, row[2])) for row in rows],
    )


def _reference(corpus: Corpus, source: str) -> str:
    found = corpus.sources.get(source)
    return reference(found) if found is not None else ""


def cited_text(agreement: Agreement, corpus: Corpus, *, width: int = 100) -> str:
    """Every quote behind an agreement for a terminal, wrapped, then the sources as references.

    Each quote shows where it is used and its source's id; the list of sources
    at the end gives each one's :func:`reference`, ready for a paper.
    """
    room = max(width, 40)
    lines: list[str] = []
    used: dict[str, None] = {}
    for path, record, citation in agreement.cited():
        used[citation.source] = None
        head, *rest = wrap(one_line(f"{path} {_record(record)} ({citation.source})"), room - 4, first=room)
        lines += [head, *(f"    {line}" for line in rest)]
        lines += [f"  {line}" for line in wrap(f"“{one_line(citation.quote)}”", room - 2)]
    if used:
        lines += ["", "sources"]
        for source in used:
            said = one_line(f"{source}: {_reference(corpus, source) or 'not in the corpus'}")
            head, *rest = wrap(said, room - 4, first=room - 2)
            lines += [f"  {head}", *(f"    {line}" for line in rest)]
    return "\n".join(lines) + "\n" if lines else ""


def validation_text(results: Sequence[tuple[str, Sequence[Problem]]]) -> str:
    """What ``agreements validate`` found: ``FILE: ok``, or one line per problem with its place.

    Each line is cleaned and bounded (:func:`~agreements._text.clip`): the file names and the
    messages come from untrusted files.
    """
    lines: list[str] = []
    for file, found in results:
        if not found:
            lines.append(f"{clip(file)}: ok")
        for problem in found:
            at = problem.file or file
            at += f":{problem.line}" if problem.line is not None else ""
            said = f"{problem.path}: {problem.message}" if problem.path else problem.message
            lines.append(f"{clip(at)}: {problem.severity}: {clip(said)}")
    return "\n".join(lines) + "\n"


def validation_json(results: Sequence[tuple[str, Sequence[Problem]]]) -> str:
    """What ``agreements validate`` found, as JSON: per file, whether it is ok, and every problem."""
    records = [
        {
            "file": file,
            "ok": not any(problem.severity == "error" for problem in found),
            "problems": [
                {
                    "file": problem.file or file,
                    "line": problem.line,
                    "path": problem.path,
                    "message": problem.message,
                    "code": problem.code,
                    "severity": problem.severity,
                }
                for problem in found
            ],
        }
        for file, found in results
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def describe(record: Actor | Place, corpus: Corpus) -> str:
    """An actor or a place in a few lines: id, name and kind, its other names, what it is part of."""
    kind = "actor" if isinstance(record, Actor) else "place"
    lines = [f"{kind} {one_line(record.id)}: {one_line(record.name)} ({words(record.kind)})"]
    if record.aliases:
        lines.append(f"  also called: {'; '.join(one_line(alias) for alias in record.aliases)}")
    if record.parent is not None:
        lines.append(f"  part of: {one_line(_parent(corpus, record))}")
    return "\n".join(lines) + "\n"
