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

from agreements._text import clip, one_line, width, words, wrap
from agreements.exceptions import Problem
from agreements.model import Actor, Agreement, Backed, Corpus, Place, StatusEntry
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
    "validation_json",
    "validation_text",
]


def _rows(items: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(item) for item in items)


@attrs.frozen(kw_only=True)
class Listing:
    """A header and rows of text, all rows as long as the header."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)

    def to_text(self) -> str:
        """Columns padded to their widest cell, the last one left ragged; ``""`` with no rows."""
        if not self.rows:
            return ""
        shown = [[one_line(cell) for cell in row] for row in (self.header, *self.rows)]
        sizes = [max(width(row[index]) for row in shown) for index in range(len(self.header) - 1)]
        lines = []
        for row in shown:
            cells = [cell + " " * (size - width(cell)) for cell, size in zip(row, sizes, strict=False)]
            lines.append("  ".join([*cells, row[-1]]).rstrip())
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


def citations(agreement: Agreement) -> Listing:
    """Every quote behind an agreement: where it is used, the record, the source and the quote."""
    return Listing(
        header=("where", "record", "source", "quote"),
        rows=[
            (path, _record(record), citation.source, citation.quote)
            for path, record, citation in agreement.cited()
        ],
    )


def cited_text(agreement: Agreement, corpus: Corpus, *, width: int = 100) -> str:
    """Every quote behind an agreement for a terminal: where it is used and its source, then the quote, wrapped."""
    lines: list[str] = []
    for path, record, citation in agreement.cited():
        source = corpus.sources.get(citation.source)
        document = f", {source.document}" if source is not None and source.document is not None else ""
        head, *rest = wrap(
            one_line(f"{path} {_record(record)} ({citation.source}{document})"), max(width, 40) - 4
        )
        lines += [head, *(f"    {line}" for line in rest)]
        lines += [f"  {line}" for line in wrap(f"“{one_line(citation.quote)}”", max(width, 40) - 2)]
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
