"""The ``agreements`` command: a thin layer over the public API.

``agreements compare`` prints the built-in agreements side by side; the other
commands list, show, diff, cite, resolve, validate, export and describe the
data, and ``agreements timeline`` lays the agreements and their events out in
date order (as text, an SVG picture or JSON). Every command that prints data
takes ``--format`` and ``-o FILE`` (the format is then guessed from the file's
suffix), and ``--corpus PATH`` to read your own corpus (a folder or a file)
instead of the built-in one.

Exit status: 0 on success, 1 when ``validate`` finds problems, 2 for a usage
or input error, reported as one line on standard error.

>>> main(["resolve", "Ahmed al-Awdeh"])
actor ahmed-al-awda: ... (person)
...
0
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final, NoReturn, TextIO

from agreements.check import check
from agreements.compare import compare
from agreements.corpus import corpus as builtin_corpus
from agreements.diff import diff
from agreements.exceptions import AgreementsError, InvalidDataError, Problem
from agreements.model import Actor, Agreement, Citation, Corpus, FieldError, Place
from agreements.render import MissingExtraError
from agreements.render import render as render_as
from agreements.serialize import dumps, load, schema, to_data

__all__ = ["main", "main_entry"]

PROG: Final = "agreements"

#: Formats of the table commands (``compare`` and ``diff``).
TABLE_FORMATS: Final = ("text", "plain", "rich", "markdown", "html", "csv", "json", "latex")
#: Formats of the record commands (``show`` and ``export``).
DATA_FORMATS: Final = ("text", "json", "toml", "yaml")
_ALIASES: Final = {"md": "markdown", "tex": "latex", "yml": "yaml", "htm": "html", "txt": "plain"}
_SUFFIXES: Final = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".tex": "latex",
    ".svg": "svg",
    ".txt": "plain",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
}


class UsageError(Exception):
    """A mistake in the command line or its input: exit status 2."""


# ------------------------------------------------------------------- output


class _Output:
    """Where a command writes: standard output or the ``-o`` file, and at what width."""

    def __init__(self, args: argparse.Namespace, stdout: TextIO) -> None:
        self.path: Path | None = args.output
        self.stdout = stdout
        self.width: int | None = args.width

    @property
    def is_terminal(self) -> bool:
        return self.path is None and self.stdout.isatty()

    def columns(self) -> int:
        if self.width is not None:
            return self.width
        if self.is_terminal:
            return shutil.get_terminal_size((100, 24)).columns
        # A pipe or a file: COLUMNS when set, else a width that reads well anywhere.
        columns = os.environ.get("COLUMNS", "")
        return int(columns) if columns.isdigit() and int(columns) >= 20 else 100

    def write(self, text: str) -> None:
        if self.path is None:
            self.stdout.write(text)
            return
        try:
            with self.path.open("w", encoding="utf-8", newline="") as file:
                file.write(text)
        except OSError as error:
            raise UsageError(f"cannot write {str(self.path)!r}: {error.strerror or error}") from None


def _format(args: argparse.Namespace, allowed: Sequence[str], default: str) -> str:
    """The ``--format`` asked for, else the one the ``-o`` file's suffix implies, else ``default``."""
    fmt: str | None = args.format
    if fmt is None and args.output is not None:
        guessed = _SUFFIXES.get(args.output.suffix.lower(), "")
        if guessed == "plain" and "plain" not in allowed:
            guessed = "text"
        if guessed in allowed:
            return guessed
    if fmt is None:
        return default
    fmt = _ALIASES.get(fmt.lower(), fmt.lower())
    if fmt == "plain" and "plain" not in allowed:
        fmt = "text"
    if fmt not in allowed:
        raise UsageError(
            f"{args.command}: {args.format!r} is not a format here; expected one of {', '.join(allowed)}"
        )
    return fmt


# ------------------------------------------------------------------- corpus


def _corpus(args: argparse.Namespace) -> Corpus:
    path: Path | None = args.corpus
    if path is None:
        return builtin_corpus()
    if not path.exists():
        raise UsageError(f"--corpus: {str(path)!r} does not exist")
    with_builtin: bool = args.with_builtin
    # With the built-in corpus beside it, the file may name built-in actors and
    # places: check it once the two are together, not alone.
    found = load(path, check=not with_builtin)
    if isinstance(found, Agreement):
        found = Corpus(agreements=[found])
    if not isinstance(found, Corpus):
        raise UsageError(
            f"--corpus: {str(path)!r} holds a {type(found).__name__}, not a corpus or an agreement"
        )
    if not with_builtin:
        return found
    try:
        merged = builtin_corpus().merge(found)
    except FieldError as error:
        raise UsageError(f"--corpus: {str(path)!r} redefines built-in records: {error.message}") from None
    errors = [problem for problem in check(found, corpus=builtin_corpus()) if problem.severity == "error"]
    if errors:
        raise InvalidDataError(errors, file=str(path))
    return merged


def _agreement(corpus: Corpus, agreement_id: str) -> Agreement:
    return corpus.get(agreement_id)


# --------------------------------------------------------------- the tables


def _render_table(obj: Any, fmt: str, out: _Output, corpus: Corpus) -> str | None:
    """The text of a comparison or a diff; ``None`` when it went straight to a rich terminal."""
    from agreements.render import terminal  # noqa: PLC0415 - the renderers load on demand

    if fmt == "text":
        fmt = "rich" if out.is_terminal and terminal.has_rich() else "plain"
    if fmt == "rich" and out.is_terminal:
        console = terminal._rich("console").Console(
            file=out.stdout, width=out.width, highlight=False, emoji=False, markup=False
        )
        console.print(terminal.rich_renderable(obj, corpus=corpus))
        return None
    if fmt == "plain":
        return terminal.render_plain(obj, width=out.columns(), corpus=corpus)
    if fmt == "rich":
        return terminal.render_rich(obj, width=out.columns(), corpus=corpus)
    return render_as(obj, fmt, corpus=corpus)


def _emit_table(obj: Any, args: argparse.Namespace, out: _Output, corpus: Corpus) -> int:
    text = _render_table(obj, _format(args, TABLE_FORMATS, "text"), out, corpus)
    if text is not None:
        out.write(text)
    return 0


def cmd_compare(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    ids: list[str] = args.ids
    agreements = [_agreement(corpus, agreement_id) for agreement_id in ids] if ids else corpus
    aspects = [name.strip() for name in args.aspects.split(",") if name.strip()] if args.aspects else None
    try:
        table = compare(agreements, aspects=aspects, corpus=corpus)
    except ValueError as error:
        raise UsageError(f"compare: {error}") from None
    return _emit_table(table, args, out, corpus)


def cmd_diff(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    old, new = _agreement(corpus, args.old), _agreement(corpus, args.new)
    return _emit_table(diff(old, new), args, out, corpus)


# -------------------------------------------------------------- the records


def _rows_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain table: columns padded to their widest cell, the last one left ragged."""
    if not rows:
        return ""
    sizes = [max(len(row[index]) for row in [header, *rows]) for index in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(size) for cell, size in zip(row, sizes, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def _rows_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    from agreements.render.csv import neutralise  # noqa: PLC0415

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in [header, *rows]:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def _rows_markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    from agreements.render.markdown import escape  # noqa: PLC0415

    lines = ["| " + " | ".join(escape(cell) for cell in header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(escape(cell) or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _rows(
    fmt: str, header: Sequence[str], rows: Sequence[Sequence[str]], records: list[dict[str, Any]]
) -> str:
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _rows_csv(header, rows)
    if fmt == "markdown":
        return _rows_markdown(header, rows)
    return _rows_text(header, rows)


_ROW_FORMATS: Final = ("text", "json", "csv", "markdown")


def cmd_list(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    header = ("id", "date", "status", "title")
    agreements = list(corpus.agreements.values())
    rows = [
        (agreement.id, str(agreement.date), agreement.status.value, _one_line(agreement.title))
        for agreement in agreements
    ]
    records = [dict(zip(header, row, strict=True)) for row in rows]
    out.write(_rows(_format(args, _ROW_FORMATS, "text"), header, rows, records))
    return 0


def _one_line(text: str) -> str:
    from agreements.render._table import lines  # noqa: PLC0415

    return " ".join(lines(text))


def _names(corpus: Corpus, ids: Sequence[str | None]) -> str:
    found = []
    for actor_id in ids:
        if actor_id is None:
            continue
        actor = corpus.actors.get(actor_id)
        found.append(actor_id if actor is None else actor.name)
    return "; ".join(found)


def _show_text(agreement: Agreement, corpus: Corpus, width: int) -> str:
    from agreements.render.terminal import wrap  # noqa: PLC0415

    lines = [f"{agreement.id}: {_one_line(agreement.title)}"]
    facts = [f"date {agreement.date}", f"status {agreement.status.value.replace('-', ' ')}"]
    if agreement.place is not None:
        place = corpus.places.get(agreement.place)
        facts.append(f"place {agreement.place if place is None else place.name}")
    lines.append(", ".join(facts))
    if agreement.parties:
        lines.append(f"parties: {_names(corpus, [party.actor for party in agreement.parties])}")
    if agreement.third_parties:
        thirds = "; ".join(
            f"{_names(corpus, [third.actor])} ({third.role.value})" for third in agreement.third_parties
        )
        lines.append(f"third parties: {thirds}")
    if agreement.territory is not None:
        lines.append(f"territory: {_one_line(agreement.territory.summary)}")
    if agreement.summary:
        lines += ["", *wrap(_one_line(agreement.summary), width)]
    if agreement.clauses:
        lines += ["", "clauses:"]
        for clause in agreement.clauses:
            who = _names(corpus, [clause.obligor]) or "-"
            lines.append(
                f"  {clause.id} [{clause.category.value}] {who} {clause.modality.value}: {_one_line(clause.summary)}"
            )
    if agreement.disputes:
        lines += ["", "disputes:"]
        for dispute in agreement.disputes:
            lines.append(f"  {dispute.id}: {_one_line(dispute.topic)}")
            lines += [f"    - {_one_line(claim.summary)}" for claim in dispute.claims]
    if agreement.events:
        lines += ["", "events:"]
        lines += [
            f"  {event.date} {event.kind.value}: {_one_line(event.summary)}" for event in agreement.events
        ]
    return "\n".join(lines) + "\n"


def cmd_show(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    agreement = _agreement(corpus, args.id)
    fmt = _format(args, DATA_FORMATS, "text")
    out.write(_show_text(agreement, corpus, out.columns()) if fmt == "text" else _dumps(agreement, fmt))
    return 0


def _dumps(obj: Any, fmt: str) -> str:
    try:
        return dumps(obj, fmt)
    except ImportError as error:  # YAML without the extra
        raise UsageError(str(error)) from None


def _citations(agreement: Agreement) -> Iterator[tuple[str, Citation]]:
    """Every citation of an agreement with the path of the record it backs, in document order."""
    for index, citation in enumerate(agreement.citations):
        yield f"citations[{index}]", citation
    for index, party in enumerate(agreement.parties):
        yield from ((f"parties[{index}] {party.actor}", citation) for citation in party.citations)
    for index, third in enumerate(agreement.third_parties):
        yield from ((f"third_parties[{index}] {third.actor}", citation) for citation in third.citations)
    if agreement.territory is not None:
        yield from (("territory", citation) for citation in agreement.territory.citations)
    for index, clause in enumerate(agreement.clauses):
        yield from ((f"clauses[{index}] {clause.id}", citation) for citation in clause.citations)
    for index, dispute in enumerate(agreement.disputes):
        for number, claim in enumerate(dispute.claims):
            where = f"disputes[{index}].claims[{number}] {dispute.id}"
            yield from ((where, citation) for citation in claim.citations)
    for index, event in enumerate(agreement.events):
        yield from ((f"events[{index}] {event.id}", citation) for citation in event.citations)


def cmd_cite(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    agreement = _agreement(corpus, args.id)
    fmt = _format(args, _ROW_FORMATS, "text")
    found = list(_citations(agreement))
    header = ("where", "source", "quote")
    rows = [(where, citation.source, _one_line(citation.quote)) for where, citation in found]
    records = [
        {"where": where, "source": citation.source, "quote": citation.quote} for where, citation in found
    ]
    if fmt != "text":
        out.write(_rows(fmt, header, rows, records))
        return 0
    from agreements.render.terminal import wrap  # noqa: PLC0415

    width = out.columns()
    lines: list[str] = []
    for where, source, quote in rows:
        lines.append(f"{where} ({source})")
        lines += [f"  {line}" for line in wrap(f"“{quote}”", width - 2)]
    out.write("\n".join(lines) + "\n" if lines else "")
    return 0


def _describe(record: Actor | Place, corpus: Corpus) -> str:
    kind = "actor" if isinstance(record, Actor) else "place"
    lines = [f"{kind} {record.id}: {_one_line(record.name)} ({record.kind.value})"]
    if record.aliases:
        lines.append(f"  also called: {'; '.join(_one_line(alias) for alias in record.aliases)}")
    if record.parent is not None:
        registry: Any = corpus.actors if isinstance(record, Actor) else corpus.places
        parent = registry.get(record.parent)
        lines.append(f"  part of: {record.parent if parent is None else _one_line(parent.name)}")
    return "\n".join(lines) + "\n"


def cmd_resolve(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    record = corpus.resolve(args.name)
    fmt = _format(args, ("text", "json"), "text")
    if fmt == "json":
        out.write(json.dumps(to_data(record), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(_describe(record, corpus))
    return 0


def _validate_one(path: Path, against: Corpus | None) -> list[Problem]:
    try:
        found = load(path, check=False)
    except InvalidDataError as error:
        return list(error.problems)
    if isinstance(found, Corpus | Agreement):
        try:
            return list(check(found, corpus=against))
        except FieldError as error:
            return [
                Problem(
                    path=error.field, message=f"redefines records of the corpus beside it: {error.message}"
                )
            ]
    return []


def cmd_validate(args: argparse.Namespace, out: _Output) -> int:
    against = _corpus(args) if args.corpus is not None or args.with_builtin else None
    paths: list[Path] = args.files
    for path in paths:
        if not path.exists():
            raise UsageError(f"validate: {str(path)!r} does not exist")
    results = [(path, _validate_one(path, against)) for path in paths]
    fmt = _format(args, ("text", "json"), "text")
    if fmt == "json":
        records = [
            {
                "file": str(path),
                "ok": not any(problem.severity == "error" for problem in problems),
                "problems": [
                    {
                        "file": p.file or str(path),
                        "path": p.path,
                        "message": p.message,
                        "code": p.code,
                        "severity": p.severity,
                    }
                    for p in problems
                ],
            }
            for path, problems in results
        ]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        lines: list[str] = []
        for path, problems in results:
            if not problems:
                lines.append(f"{path}: ok")
            lines += [f"{path}: {problem.severity}: {_one_line(str(problem))}" for problem in problems]
        out.write("\n".join(lines) + "\n")
    failed = any(problem.severity == "error" for _, problems in results for problem in problems)
    return 1 if failed else 0


#: Formats of ``timeline``.
TIMELINE_FORMATS: Final = ("text", "svg", "json")
_TIMELINE_MIN_WIDTH: Final = 40


def cmd_timeline(args: argparse.Namespace, out: _Output) -> int:
    from agreements.timeline import timeline  # noqa: PLC0415 - only this command draws one

    corpus = _corpus(args)
    fmt = _format(args, TIMELINE_FORMATS, "text")
    if fmt == "text" and out.width is not None and out.width < _TIMELINE_MIN_WIDTH:
        raise UsageError(
            f"timeline: --width {out.width} is too narrow; give {_TIMELINE_MIN_WIDTH} columns or more"
        )
    line = timeline(corpus)
    if fmt == "svg":
        out.write(line.to_svg())
    elif fmt == "json":
        out.write(line.to_json())
    else:
        out.write(line.to_text(width=max(out.columns(), _TIMELINE_MIN_WIDTH)))
    return 0


def cmd_export(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    out.write(_dumps(corpus, _format(args, ("json", "toml", "yaml"), "json")))
    return 0


def cmd_schema(args: argparse.Namespace, out: _Output) -> int:
    _format(args, ("json",), "json")
    out.write(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


# ------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 20:
        raise argparse.ArgumentTypeError(f"{value} is too narrow; give 20 columns or more")
    return value


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``agreements`` command."""
    from agreements import __version__  # noqa: PLC0415 - the package imports this module's siblings

    top = _Parser(
        prog=PROG,
        description="Ceasefire agreements as cited clauses: compare them, diff them, cite them.",
        epilog="Run 'agreements compare' to see the built-in agreements side by side.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    common = _Parser(add_help=False)
    common.add_argument(
        "--corpus",
        type=Path,
        metavar="PATH",
        help="read this corpus (folder or file) instead of the built-in one",
    )
    common.add_argument(
        "--with-builtin",
        action="store_true",
        help="use the built-in corpus too: your --corpus (or the files to validate) may name its actors,"
        " places and agreements",
    )
    common.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of the screen"
    )
    common.add_argument(
        "--width", type=_positive, metavar="N", help="wrap text output at N columns (default: the terminal's)"
    )
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def command(
        name: str, handler: Callable[[argparse.Namespace, _Output], int], summary: str, formats: Sequence[str]
    ) -> argparse.ArgumentParser:
        found = commands.add_parser(name, parents=[common], help=summary, description=summary)
        found.add_argument("--format", "-f", metavar="FORMAT", help=f"one of: {', '.join(formats)}")
        found.set_defaults(handler=handler)
        return found

    command("list", cmd_list, "list the agreements: id, date, status, title", _ROW_FORMATS)
    show = command("show", cmd_show, "show one agreement", DATA_FORMATS)
    show.add_argument("id", metavar="ID", help="the agreement's id")
    changes = command("diff", cmd_diff, "what changed from agreement A to agreement B", TABLE_FORMATS)
    changes.add_argument("old", metavar="A", help="the earlier agreement's id")
    changes.add_argument("new", metavar="B", help="the later agreement's id")
    side = command("compare", cmd_compare, "compare agreements side by side (all by default)", TABLE_FORMATS)
    side.add_argument("ids", nargs="*", metavar="ID", help="the agreements to compare (default: all)")
    side.add_argument("--aspects", metavar="LIST", help="comma-separated aspect ids, in the order to show")
    cite = command("cite", cmd_cite, "every quote behind an agreement", _ROW_FORMATS)
    cite.add_argument("id", metavar="ID", help="the agreement's id")
    resolve = command("resolve", cmd_resolve, "the actor or place a name stands for", ("text", "json"))
    resolve.add_argument("name", metavar="NAME", help="a name, in any spelling the sources use")
    validate = command(
        "validate", cmd_validate, "check data files (exit 1 when there are errors)", ("text", "json")
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files or folders to check")
    command(
        "timeline",
        cmd_timeline,
        "the agreements and their events in date order, with what changed from one agreement to the next",
        TIMELINE_FORMATS,
    )
    command("export", cmd_export, "write the whole corpus as one document", ("json", "toml", "yaml"))
    command("schema", cmd_schema, "the JSON Schema of the data files", ("json",))
    return top


# --------------------------------------------------------------------- main


def _fail(message: str) -> int:
    first, _, rest = message.strip().partition("\n")
    more = len(rest.splitlines())
    suffix = (
        f" (and {more} more problem{'s' if more > 1 else ''}; run '{PROG} validate' for all)" if more else ""
    )
    sys.stderr.write(f"{PROG}: error: {first}{suffix}\n")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``) and return the exit status.

    >>> main(["list", "--format", "csv"])  # doctest: +NORMALIZE_WHITESPACE
    id,date,status,title
    ...
    0
    """
    try:
        args = parser().parse_args(argv)
    except SystemExit as stop:  # argparse has printed its message (or the help)
        return stop.code if isinstance(stop.code, int) else 2
    out = _Output(args, sys.stdout)
    try:
        handler: Callable[[argparse.Namespace, _Output], int] = args.handler
        return handler(args, out)
    except UsageError as error:
        return _fail(str(error))
    except MissingExtraError as error:
        return _fail(str(error))
    except AgreementsError as error:
        return _fail(str(error))
    except OSError as error:
        name = f"{error.filename!s}: " if error.filename else ""
        return _fail(f"{name}{error.strerror or error}")
    except ValueError as error:  # bad file names and formats the library refuses
        return _fail(str(error))


def main_entry() -> None:
    """The console script: run :func:`main` and exit with its status."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (``| head``) went away, which is no error of ours. Point
        # stdout at the null device so that the final flush does not fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 0
    except KeyboardInterrupt:
        status = 130
    sys.exit(status)
