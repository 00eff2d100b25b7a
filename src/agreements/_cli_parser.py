"""The argument parser of the ``agreements`` command: no abbreviations, and a did-you-mean for every slip.

Left to itself, argparse reads ``--with 80`` as ``--with-builtin``, answers a
mistyped command with the list of all of them, and reports an unknown option
from the top parser, away from the command it was given to. :class:`Parser`
refuses abbreviations on every parser it makes (the subcommands' too), and
reports an unknown command or option on one line, from the parser of the
command, with the closest name when one is close:

>>> top = Parser(prog="agreements")
>>> commands = top.add_subparsers(dest="command")
>>> compare = commands.add_parser("compare")
>>> _ = compare.add_argument("--width"), compare.add_argument("--with-builtin", action="store_true")
>>> schema = commands.add_parser("schema")
>>> top.explain("argument command: invalid choice: 'compar' (choose from 'compare', 'schema')")
"unknown command 'compar'; did you mean 'compare'?"
>>> compare.unknown(["--widht", "80"])
"unknown option '--widht'; did you mean '--width'?"
>>> schema.unknown(["--width=80"])
"'schema' takes no option '--width'"
>>> top.unknown(["--width", "80", "compare"])
"'--width' is an option of a command: put it after the command's name"

The commands' own options and what they do are :mod:`agreements.cli`'s.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, NoReturn

from agreements._text import clip
from agreements.similarity import closest

__all__ = ["CUTOFF", "NARROWEST", "WIDEST", "Parser", "bytes_argument", "path_argument", "width_argument"]

#: How similar (0 to 1) a mistyped command or option must be to a real one to be suggested.
CUTOFF: Final = 0.6

# argparse's message for a value outside ``choices``; the value is its repr (quoted with ' or ").
_INVALID_CHOICE: Final = re.compile(r"invalid choice: (['\"])(?P<value>.*?)\1 \(choose from")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, with lines broken between words only: ``weapons-handover`` stays whole to copy."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        # argparse's own, but for the hyphens: the documented way to change how help text wraps.
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return textwrap.fill(
            " ".join(text.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )


class Parser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` without abbreviations, whose usage errors say what was meant.

    Every parser it makes for a subcommand is a :class:`Parser` too, and knows
    the top one, so that an option of another command is named as such. An
    error is one line on standard error, then exit status 2.
    """

    def __init__(self, *args: Any, top: Parser | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **{"formatter_class": _HelpFormatter, **kwargs, "allow_abbrev": False})
        self.top = top
        self.commands: dict[str, Parser] = {}

    def add_subparsers(self, **kwargs: Any) -> Any:
        """The subcommands' action; each parser it adds is a :class:`Parser` that knows this one."""
        kwargs.setdefault("parser_class", functools.partial(Parser, top=self))
        action = super().add_subparsers(**kwargs)
        self.commands = action.choices
        return action

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse ``args``; an argument the parser does not know is an error of this parser, not a leftover."""
        for arg in sys.argv[1:] if args is None else args:  # a command's option before the command
            if arg in self.commands:
                break
            if arg.startswith("-") and arg.split("=", 1)[0] not in self.options():
                self.error(self.unknown([arg]))
        found, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(self.unknown(extras))
        return found, extras

    def error(self, message: str) -> NoReturn:
        """Exit with status 2 and one line: the problem, what was meant, and where to look."""
        self.exit(2, f"{self.prog}: error: {clip(self.explain(message))} (see '{self.prog} --help')\n")

    def explain(self, message: str) -> str:
        """argparse's ``message``, said plainly, with the command meant when a mistyped one is close."""
        match = _INVALID_CHOICE.search(message)
        if match is None or not self.commands:
            return message
        wanted = match.group("value")
        guess = closest(wanted, list(self.commands), limit=1, cutoff=CUTOFF)
        if guess:
            return f"unknown command {wanted!r}; did you mean {guess[0][0]!r}?"
        return f"unknown command {wanted!r}; the commands are {', '.join(self.commands)}"

    def options(self) -> list[str]:
        """The option strings this parser takes (``--width``, ``-o``, ...), its parents' included."""
        # argparse keeps them in ``_option_string_actions``; it has no public way to list them.
        return list(self._option_string_actions)

    def unknown(self, extras: Sequence[str]) -> str:
        """What is wrong with the first argument this parser does not take, and what was likely meant."""
        first = extras[0]
        if not first.startswith("-") or first == "-":
            return f"unexpected argument {first!r}"
        wanted = first.split("=", 1)[0]
        top = self.top or self
        others = [option for command in top.commands.values() for option in command.options()]
        name = self.prog.rsplit(" ", 1)[-1]
        if wanted in others and self.top is None:
            return f"{wanted!r} is an option of a command: put it after the command's name"
        if wanted in others:
            return f"{name!r} takes no option {wanted!r}"
        guess = closest(wanted, self.options(), limit=1, cutoff=CUTOFF)
        hint = f"; did you mean {guess[0][0]!r}?" if guess else ""
        return f"unknown option {wanted!r}{hint}"


# ------------------------------------------------------- argument types

#: The narrowest and widest ``--width`` the commands accept.
NARROWEST: Final = 40
WIDEST: Final = 1000


def width_argument(text: str) -> int:
    """A terminal width from the command line: a whole number of columns, NARROWEST to WIDEST."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not NARROWEST <= value <= WIDEST:
        raise argparse.ArgumentTypeError(f"{value} is out of range; give {NARROWEST} to {WIDEST} columns")
    return value


_UNITS: Final = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def bytes_argument(text: str) -> int:
    """A number of bytes, with an optional unit: ``20000000``, ``500k``, ``50M``, ``1G`` (powers of 1024)."""
    number, unit = text.strip()[:-1], text.strip()[-1:].lower()
    if unit.isdigit():
        number, unit = text.strip(), ""
    if unit not in _UNITS or not number.isascii() or not number.isdigit() or len(number) > 15:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of bytes like 50000000 or 50M")
    value = int(number) * _UNITS[unit]
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not above 0 bytes")
    return value


def path_argument(text: str) -> Path:
    """A file or folder named on the command line: ``Path("")`` would be the current folder."""
    if not text:
        raise argparse.ArgumentTypeError("expected a file or folder, got an empty name")
    return Path(text)
