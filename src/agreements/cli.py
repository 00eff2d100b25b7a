"""The ``agreements`` command: a thin layer over the public API.

``agreements compare`` prints the built-in agreements side by side; the other
commands list, show, diff, cite, resolve, validate, export, find similar
agreements and lay them out in date order (``timeline``). Each command parses
its arguments, calls the library, and hands the result to :mod:`agreements.render`;
nothing here writes text of its own but the error line.

Commands that print data take ``--format`` and ``-o FILE`` (the format is then
taken from the file's suffix; a suffix the command cannot write is an error).
``-o`` replaces the file in one step, never half-way, and refuses to write
over a file the command reads. ``--corpus PATH`` reads your own corpus (a
folder, a file, or a PA-X release as CSV) instead of the built-in one,
``--with-builtin`` beside it; files over 10 MiB are refused unless
``--max-bytes`` raises the limit.

Text from the data never reaches a terminal raw: every renderer cleans it
(:mod:`agreements._text`), the error line is one bounded line, and whatever
is written to a terminal passes :func:`~agreements._text.clean` once more.

Exit status: 0 on success, 1 when ``validate`` finds problems, 2 for a usage
or input error, reported as one line on standard error.

>>> main(["resolve", "Ahmed al-Awdeh"])
actor ahmed-al-awda: ... (person)
...
0
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

from agreements import __version__, _files, pax
from agreements._cli_parser import NARROWEST, WIDEST, Parser, bytes_argument, path_argument, width_argument
from agreements._text import clean, clip
from agreements.compare import BUILTIN_ASPECTS, compare
from agreements.corpus import builtin_hints, load_corpus
from agreements.corpus import corpus as builtin_corpus
from agreements.diff import diff
from agreements.exceptions import AgreementsError
from agreements.model import Corpus
from agreements.render import format_of, listing
from agreements.render import terminal as _terminal
from agreements.render.agreement import text as agreement_text
from agreements.serialize import MAX_BYTES, dumps, schema, to_data, validate
from agreements.similar import Neighbours, similar
from agreements.timeline import timeline

__all__ = ["main", "main_entry"]

PROG: Final = "agreements"

#: Formats of the table commands (``compare`` and ``diff``).
TABLE_FORMATS: Final = ("text", "plain", "rich", "markdown", "html", "csv", "json", "latex")
#: Formats of the record commands (``show`` and ``export``).
DATA_FORMATS: Final = ("text", "json", "toml", "yaml")
#: Formats of the listings (``list``, ``actors``, ``places``, ``cite``, ``similar``).
LIST_FORMATS: Final = ("text", "json", "csv", "markdown")
#: Formats of ``export``: the data formats, and PA-X's columns (``pax-csv``; ``csv`` and ``-o FILE.csv`` name it too).
EXPORT_FORMATS: Final = ("json", "toml", "yaml", "pax-csv", "csv")
_ALIASES: Final = {"md": "markdown", "tex": "latex", "yml": "yaml", "htm": "html", "txt": "text"}


class UsageError(AgreementsError):
    """A mistake in the command line or its input: exit status 2."""


# ------------------------------------------------------------------- output


class _Output:
    """Where a command writes: standard output or the ``-o`` file, and at what width."""

    def __init__(self, args: argparse.Namespace, stdout: TextIO) -> None:
        self.path: Path | None = getattr(args, "output", None)
        self.stdout = stdout
        self.width: int | None = getattr(args, "width", None)

    @property
    def is_terminal(self) -> bool:
        return self.path is None and self.stdout.isatty()

    def columns(self) -> int:
        if self.width is not None:
            return self.width
        if self.is_terminal:
            found = shutil.get_terminal_size((100, 24)).columns
        else:  # a pipe or a file: COLUMNS when set, else a width that reads well anywhere
            text = os.environ.get("COLUMNS", "")
            found = int(text) if text.isdigit() and len(text) < 6 else 100
        return min(max(found, NARROWEST), WIDEST)

    def write(self, text: str) -> None:
        if self.path is None:
            # The renderers clean what they show; on a terminal, nothing gets through raw regardless.
            self.stdout.write(clean(text) if self.stdout.isatty() else text)
            return
        try:
            _files.write_text(self.path, text)
        except OSError as error:
            raise UsageError(f"cannot write {str(self.path)!r}: {error.strerror or error}") from None


def _format(args: argparse.Namespace, allowed: Sequence[str], default: str) -> str:
    """The ``--format`` asked for, else the one the ``-o`` file's suffix names, else ``default``."""
    fmt: str | None = args.format
    if fmt is None and getattr(args, "output", None) is not None:
        try:
            return format_of(args.output, allowed)
        except AgreementsError as error:
            raise UsageError(
                f"{args.command}: {error}, or give --format (for -o {str(args.output)!r})"
            ) from None
    if fmt is None:
        return default
    fmt = _ALIASES.get(fmt.lower(), fmt.lower())
    if fmt == "plain" and "plain" not in allowed:  # plain text is the text of commands without rich
        fmt = "text"
    if fmt not in allowed:
        raise UsageError(
            f"{args.command}: {args.format!r} is not a format here; expected one of {', '.join(allowed)}"
        )
    return fmt


# ------------------------------------------------------------------- corpus


def _corpus(args: argparse.Namespace) -> Corpus:
    path: Path | None = getattr(args, "corpus", None)
    if path is None and args.with_builtin:
        raise UsageError(
            f"{args.command}: --with-builtin reads the built-in corpus beside --corpus PATH; give both"
        )
    if path is None:
        return builtin_corpus()
    if not str(path) or not path.exists():
        raise UsageError(f"--corpus: {str(path)!r} does not exist")
    if path.suffix.lower() == ".csv":  # a PA-X release
        return pax.read(path, with_builtin=args.with_builtin, max_bytes=args.max_bytes)
    return load_corpus(path, with_builtin=args.with_builtin, max_bytes=args.max_bytes)


# --------------------------------------------------------------- commands


def _emit_table(result: Any, args: argparse.Namespace, out: _Output) -> int:
    """A comparison or a diff in the format asked for; on a terminal, with rich when it is installed."""
    fmt = _format(args, TABLE_FORMATS, "text")
    if fmt == "text":
        fmt = "rich" if out.is_terminal and _terminal.has_rich() else "plain"
    if fmt == "rich" and out.is_terminal:
        _terminal.print_rich(result.to_rich(), out.stdout, width=out.width)
    elif fmt == "plain":
        out.write(result.to_text(width=out.columns()))
    elif fmt == "rich":
        out.write(_terminal.render_rich(result.to_rich(), width=out.columns()))
    else:
        out.write(getattr(result, f"to_{fmt}")())
    return 0


def cmd_compare(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    ids: list[str] = args.ids
    agreements = [corpus.get(agreement_id) for agreement_id in ids] if ids else corpus
    aspects = None
    if args.aspects is not None:
        aspects = [name.strip() for name in args.aspects.split(",") if name.strip()]
        if not aspects:
            raise UsageError(
                "compare: --aspects lists no aspect; see 'agreements compare --help' for the ids"
            )
    table = compare(agreements, aspects=aspects, corpus=corpus, as_of=args.as_of)
    if args.form == "long":  # tidy data: one row per agreement and clause, as csv or json
        out.write(getattr(table, f"to_{_format(args, ('csv', 'json'), 'csv')}")(form="long"))
    return 0 if args.form == "long" else _emit_table(table, args, out)


def cmd_diff(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    if args.consolidated:  # the terms in force after each, those it keeps of earlier agreements included
        old, new = corpus.consolidated(args.old), corpus.consolidated(args.new)
        return _emit_table(diff(old, new, corpus=corpus), args, out)
    return _emit_table(diff(corpus.get(args.old), corpus.get(args.new), corpus=corpus), args, out)


def _emit_listing(found: listing.Listing | Neighbours, args: argparse.Namespace, out: _Output) -> int:
    fmt = _format(args, LIST_FORMATS, "text")
    if fmt == "text":
        out.write(found.to_text(width=out.columns()))
    else:
        out.write(getattr(found, f"to_{fmt}")())
    return 0


def cmd_list(args: argparse.Namespace, out: _Output) -> int:
    return _emit_listing(listing.agreements(_corpus(args)), args, out)


def cmd_actors(args: argparse.Namespace, out: _Output) -> int:
    return _emit_listing(listing.actors(_corpus(args)), args, out)


def cmd_places(args: argparse.Namespace, out: _Output) -> int:
    return _emit_listing(listing.places(_corpus(args)), args, out)


def cmd_cite(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    agreement = corpus.get(args.id)
    fmt = _format(args, LIST_FORMATS, "text")
    if fmt == "text":
        out.write(listing.cited_text(agreement, corpus, width=out.columns()))
        return 0
    return _emit_listing(listing.citations(agreement, corpus), args, out)


def cmd_show(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    agreement = corpus.get(args.id)
    fmt = _format(args, DATA_FORMATS, "text")
    text = agreement_text(agreement, corpus, width=out.columns()) if fmt == "text" else None
    out.write(dumps(agreement, fmt) if text is None else text)
    return 0


def cmd_resolve(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    record = corpus.resolve(args.name)
    if _format(args, ("text", "json"), "text") == "json":
        out.write(json.dumps(to_data(record), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(listing.describe(record, corpus))
    return 0


def cmd_validate(args: argparse.Namespace, out: _Output) -> int:
    against = _corpus(args) if args.corpus is not None else builtin_corpus() if args.with_builtin else None
    paths: list[Path] = args.files
    for path in (*paths, *([args.sources] if args.sources is not None else [])):
        if not str(path) or not path.exists():
            raise UsageError(f"validate: {str(path)!r} does not exist")
    results = [
        (str(path), validate(path, corpus=against, sources=args.sources, max_bytes=args.max_bytes))
        for path in paths
    ]
    if against is None:  # a reference the built-in corpus resolves says so
        results = [
            (str(path), builtin_hints(path, found)) for path, (_, found) in zip(paths, results, strict=True)
        ]
    fmt = _format(args, ("text", "json"), "text")
    out.write(listing.validation_json(results) if fmt == "json" else listing.validation_text(results))
    failed = any(problem.severity == "error" for _, problems in results for problem in problems)
    return 1 if failed else 0


def cmd_timeline(args: argparse.Namespace, out: _Output) -> int:
    line = timeline(_corpus(args))
    fmt = _format(args, ("text", "svg", "json"), "text")
    out.write(line.to_text(width=out.columns()) if fmt == "text" else getattr(line, f"to_{fmt}")())
    return 0


def cmd_export(args: argparse.Namespace, out: _Output) -> int:
    fmt, corpus = _format(args, EXPORT_FORMATS, "json"), _corpus(args)
    out.write(pax.to_csv(corpus) if fmt in ("pax-csv", "csv") else dumps(corpus, fmt))
    return 0


def cmd_similar(args: argparse.Namespace, out: _Output) -> int:
    corpus = _corpus(args)
    return _emit_listing(similar(corpus.get(args.id), corpus, k=args.k), args, out)


def cmd_schema(args: argparse.Namespace, out: _Output) -> int:
    _format(args, ("json",), "json")
    out.write(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


# ------------------------------------------------------------------- parser


_BUILTIN_HELP: Final = "use the built-in corpus too: your files may name its actors, places and agreements"
#: The option groups that commands share, by name.
_GROUPS: Final[dict[str, tuple[tuple[tuple[str, ...], dict[str, Any]], ...]]] = {
    "corpus": (
        (("--corpus",), {"type": path_argument, "metavar": "PATH", "help": "read this corpus (folder or file, or a PA-X release as .csv), not the built-in one"}),
        (("--with-builtin",), {"action": "store_true", "help": _BUILTIN_HELP}),
        (("--max-bytes",), {"type": bytes_argument, "default": MAX_BYTES, "metavar": "N", "help": "read files of up to N bytes (default 10M; units k, M, G)"}),
    ),
    "output": ((("-o", "--output"), {"type": path_argument, "metavar": "FILE", "help": "write to FILE (replaced whole)"}),),
    "width": ((("--width",), {"type": width_argument, "metavar": "N", "help": f"fit text into N columns, {NARROWEST}-{WIDEST}"}),),
}  # fmt: skip


def _options() -> dict[str, Parser]:
    """The option groups commands share, as parent parsers."""
    groups: dict[str, Parser] = {}
    for name, options in _GROUPS.items():
        groups[name] = Parser(add_help=False)
        for flags, settings in options:
            groups[name].add_argument(*flags, **settings)
    return groups


Handler = Callable[[argparse.Namespace, _Output], int]
_Argument = tuple[str, dict[str, Any]]
_ID: Final[tuple[_Argument, ...]] = (("id", {"metavar": "ID", "help": "the agreement's id"}),)
_CO, _COW = ("corpus", "output"), ("corpus", "output", "width")
_ASPECTS: Final = ", ".join(aspect.id for aspect in BUILTIN_ASPECTS)

#: Each command: its handler, summary, formats, the option groups it takes, and its own arguments.
_COMMANDS: Final[dict[str, tuple[Handler, str, Sequence[str], tuple[str, ...], tuple[_Argument, ...]]]] = {
    "list": (cmd_list, "list the agreements: id, date, status, title", LIST_FORMATS, _COW, ()),
    "actors": (cmd_actors, "list the actors: id, kind, name, what it is part of, aliases", LIST_FORMATS, _COW, ()),
    "places": (cmd_places, "list the places: id, kind, name, where it lies, aliases", LIST_FORMATS, _COW, ()),
    "show": (cmd_show, "show one agreement, with its quotes", DATA_FORMATS, _COW, _ID),
    "diff": (cmd_diff, "what changed from agreement A to agreement B", TABLE_FORMATS, _COW, (
        ("old", {"metavar": "A", "help": "the earlier agreement's id"}),
        ("new", {"metavar": "B", "help": "the later agreement's id"}),
        ("--consolidated", {"action": "store_true", "help": "diff the terms in force after each (amendments applied)"}),
    )),
    "compare": (cmd_compare, "compare agreements side by side (all by default)", TABLE_FORMATS, _COW, (
        ("ids", {"nargs": "*", "metavar": "ID", "help": "the agreements to compare (default: all)"}),
        ("--aspects", {"metavar": "LIST", "help": f"comma-separated aspect ids, in order; of: {_ASPECTS}"}),
        ("--as-of", {"metavar": "DATE", "help": "each status as the sources give it on DATE (YYYY, YYYY-MM or YYYY-MM-DD)"}),
        ("--form", {"choices": ("wide", "long"), "default": "wide", "help": "wide: aspects by agreements (default); long: one row per agreement and clause (csv or json)"}),
    )),
    "cite": (cmd_cite, "every quote behind an agreement", LIST_FORMATS, _COW, _ID),
    "resolve": (cmd_resolve, "the actor or place a name stands for", ("text", "json"), _CO, (
        ("name", {"metavar": "NAME", "help": "a name, in any spelling the sources use"}),
    )),
    "validate": (cmd_validate, "check data files (exit 1 when there are errors)", ("text", "json"), _CO, (
        ("files", {"nargs": "+", "type": path_argument, "metavar": "FILE", "help": "files or folders to check"}),
        ("--sources", {"type": path_argument, "metavar": "DIR", "help": "find every quote in its source's document in DIR"}),
    )),
    "timeline": (cmd_timeline, "the agreements and their events in date order, with what changed", (
        "text", "svg", "json"), _COW, ()),
    "export": (cmd_export, "write the whole corpus as one document, or in PA-X's columns", EXPORT_FORMATS, _CO, ()),
    "similar": (cmd_similar, "the agreements most like one, with the parts of each score", LIST_FORMATS, _COW, (
        *_ID, ("-k", {"type": int, "default": 10, "metavar": "N", "help": "how many to list (default 10)"}),
    )),
    "schema": (cmd_schema, "the JSON Schema of the data files", ("json",), ("output",), ()),
}  # fmt: skip


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``agreements`` command."""
    top = Parser(
        prog=PROG,
        description="Ceasefire agreements as cited clauses: compare them, diff them, cite them.",
        epilog="Run 'agreements compare' to see the built-in agreements side by side.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    groups = _options()
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for name, (handler, summary, formats, options, arguments) in _COMMANDS.items():
        parents = [groups[option] for option in options]
        command = commands.add_parser(name, parents=parents, help=summary, description=summary)
        for argument, settings in arguments:
            command.add_argument(argument, **settings)
        command.add_argument("--format", "-f", metavar="FORMAT", help=f"one of: {', '.join(formats)}")
        command.set_defaults(handler=handler)
    return top


# --------------------------------------------------------------------- main


def _fail(message: str) -> int:
    first, _, rest = message.strip().partition("\n")
    more = len(rest.splitlines())
    suffix = (
        f" (and {more} more problem{'s' if more > 1 else ''}; run '{PROG} validate' for all)" if more else ""
    )
    sys.stderr.write(f"{PROG}: error: {clip(first)}{suffix}\n")
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
        if (
            _files.overwritten(out.path, [getattr(args, "corpus", None), *getattr(args, "files", ())])
            is not None
        ):
            raise UsageError(f"-o {str(out.path)!r} is an input of this command; write somewhere else")
        handler: Handler = args.handler
        return handler(args, out)
    except BrokenPipeError:
        raise  # the reader went away: main_entry ends quietly
    except AgreementsError as error:
        return _fail(str(error))
    except OSError as error:
        name = f"{error.filename!s}: " if error.filename else ""
        return _fail(f"{name}{error.strerror or error}")
    except UnicodeEncodeError as error:
        return _fail(f"cannot write the text: {error.reason}")


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
