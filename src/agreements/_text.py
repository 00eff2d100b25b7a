"""Text for a reader: the one sanitizer, wrapper, width and wording helpers.

Everything the library shows a person (tables, sentences, error messages,
terminal output) goes through these functions, so that a control character in
the data never reaches a terminal, a line never exceeds its width, and a word
is pluralised the same way everywhere. This module depends on nothing else in
the package, so that every layer may use it.
"""

from __future__ import annotations

import enum
import functools
import re
import reprlib
import unicodedata
from collections.abc import Sequence
from typing import Final

__all__ = [
    "BREAK_MARK",
    "and_list",
    "article",
    "clean",
    "clip",
    "count",
    "excerpt",
    "lines",
    "one_line",
    "or_list",
    "width",
    "words",
    "wrap",
]

# C0 and C1 controls other than tab and newline, lone surrogates, noncharacters
# and the bidi embedding, override and isolate controls (which could reorder
# the text around them): none of them has a place in text shown to a reader.
_UNWANTED: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)

#: Where a token too long for its line is cut: the end of the line shows this mark.
BREAK_MARK: Final = "\u21a9"  # ↩


def clean(text: str) -> str:
    """``text`` without control characters: CR LF and CR become LF, tabs spaces, others U+FFFD.

    >>> clean("a\\r\\nb\\x1b[31m\\tc")
    'a\\nb\\ufffd[31m c'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNWANTED.sub("\ufffd", text)


def lines(value: str) -> list[str]:
    """The lines of a cleaned value, each stripped, blank ones dropped.

    >>> lines("  heavy\\n\\n medium ")
    ['heavy', 'medium']
    """
    return [line.strip() for line in clean(value).split("\n") if line.strip()]


def one_line(text: str) -> str:
    """A cleaned value on one line, runs of white space made one space.

    >>> one_line("Busra\\n al-Sham\\x1b")
    'Busra al-Sham\\ufffd'
    """
    return " ".join(clean(text).split())


def clip(text: str, limit: int = 500) -> str:
    """``text`` as :func:`one_line` makes it, cut in the middle to at most ``limit`` characters.

    For a line a person reads (an error on standard error, a line of
    ``validate``) whose parts come from an untrusted file.

    >>> clip("unknown key 'x" + "y" * 80 + "'", 30)
    "unknown key '...yyyyyyyyyyyyy'"
    """
    line = one_line(text)
    if len(line) <= limit:
        return line
    head = (limit - 3) // 2
    return f"{line[:head]}...{line[len(line) - (limit - 3 - head) :]}"


def width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide East Asian characters count two, marks none.

    >>> width("Daraa"), width("درعا"), width("東京")
    (5, 4, 4)
    """
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


@functools.cache
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def _take(word: str, start: int, room: int) -> int:
    """Where to cut ``word[start:]``, a token wider than ``room``, into a piece that fits a line.

    After the last hyphen that fits the whole ``room``; else as many
    characters as fit with the break mark beside them (always at least one,
    so the caller always advances). One pass over at most a line's worth,
    and none in Python when that line's worth is ASCII (a column a character).
    """
    if word[start : start + room].isascii():
        hyphen = word.rfind("-", start, start + room)
        return hyphen + 1 if hyphen >= 0 else max(start + room - 1, start + 1)
    used, hyphen, marked, index = 0, -1, start + 1, start
    while index < len(word):
        used += _char_width(word[index])
        if used > room:
            break
        if word[index] == "-":
            hyphen = index
        if used <= room - 1:
            marked = index + 1
        index += 1
    return hyphen + 1 if hyphen >= start else marked


def wrap(text: str, limit: int, *, first: int | None = None) -> list[str]:
    """``text`` as lines of at most ``limit`` terminal columns (``first`` for the first line), broken at spaces.

    A token wider than a line is cut, preferably after a hyphen; a cut
    anywhere else ends its line with :data:`BREAK_MARK`, so a reader sees the
    word goes on. Time grows with the length of the text, whatever its tokens.

    >>> wrap("daraa-al-balad-2021-09-06 agreement", 16)
    ['daraa-al-balad-', '2021-09-06', 'agreement']
    >>> wrap("Committee", 6)
    ['Commi↩', 'ttee']
    >>> wrap("the parties: Syrian government; Shabab al-Sunna", 30, first=16)
    ['the parties:', 'Syrian government; Shabab', 'al-Sunna']
    """
    limit = max(limit, 4)  # room for a wide character and the break mark
    room = limit if first is None else max(first, 4)
    out: list[str] = []
    current, used = "", 0
    for word in text.split():
        size = width(word)
        if current and used + 1 + size <= room:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if current:
            out.append(current)
            current, used, room = "", 0, limit
        start = 0
        while size > room:  # too wide for any line: cut it, a piece a line
            end = _take(word, start, room)
            piece = word[start:end]
            out.append(piece if piece.endswith("-") else piece + BREAK_MARK)
            size -= width(piece)
            start, room = end, limit
        current, used = word[start:], size
    out.append(current)
    return out


_EXCERPT: Final = reprlib.Repr()
_EXCERPT.maxlevel = 2
_EXCERPT.maxstring = 80
_EXCERPT.maxother = 80
_EXCERPT.maxlist = _EXCERPT.maxtuple = _EXCERPT.maxdict = _EXCERPT.maxset = 4
_EXCERPT.maxlong = 40


def excerpt(value: object) -> str:
    """A short ``repr`` of ``value``, for error messages: never more than about 100 characters.

    The value may be a huge or deeply nested structure from an untrusted file;
    only a bounded part of it is ever looked at.

    >>> excerpt("x" * 500)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
    >>> excerpt([[1, 2, 3, 4, 5]] * 10)
    '[[1, 2, 3, 4, ...], [1, 2, 3, 4, ...], [1, 2, 3, 4, ...], [1, 2, 3, 4, ...], ...]'
    """
    return one_line(_EXCERPT.repr(value))


def words(value: str | enum.Enum) -> str:
    """A data word as a reader reads it: ``"in-force"`` (or ``Status.IN_FORCE``) becomes ``"in force"``.

    >>> words("small-arms")
    'small arms'
    """
    text = value.value if isinstance(value, enum.Enum) else value
    return str(text).replace("-", " ").replace("_", " ")


def article(word: str) -> str:
    """``"a"`` or ``"an"`` before ``word``, by its first letter.

    >>> article("event"), article("siege")
    ('an', 'a')
    """
    return "an" if word[:1].lower() in "aeiou" else "a"


_NUMBERS: Final = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count(number: int, noun: str, plural: str | None = None, *, spelled: bool = False) -> str:
    """``number`` and ``noun``, the noun in the plural unless the number is one.

    With ``spelled``, numbers to ten are written as words, as in a sentence.

    >>> count(1, "agreement"), count(3, "checkpoint", spelled=True), count(2, "party", "parties")
    ('1 agreement', 'three checkpoints', '2 parties')
    """
    shown = _NUMBERS[number] if spelled and 0 <= number < len(_NUMBERS) else str(number)
    return f"{shown} {noun if number == 1 else plural or noun + 's'}"


def _listed(items: Sequence[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def and_list(items: Sequence[str]) -> str:
    """``"a"``, ``"a and b"``, ``"a, b and c"``.

    >>> and_list(["heavy", "medium", "light"])
    'heavy, medium and light'
    """
    return _listed(items, "and")


def or_list(items: Sequence[str]) -> str:
    """``"a"``, ``"a or b"``, ``"a, b or c"``.

    >>> or_list(["'heavy'", "'medium'"])
    "'heavy' or 'medium'"
    """
    return _listed(items, "or")
