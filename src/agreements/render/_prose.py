"""The reader's words for what a clause says: its modality, amounts, dates, deadlines and weapons.

**The one rule for prohibitions** (``docs/format.md``): a clause's summary
states the act, affirmatively, and its modality makes the act required
(``must``), allowed (``may``) or forbidden (``must-not``). Wherever a clause's
text is shown, :func:`clause_text` writes it so: a required act as it is, an
allowed one after ``Allowed:``, a forbidden one after ``Forbidden:``. The
diff's sentences and table and the comparison's cells all go through
:func:`with_modality`, so that no prohibition ever reads as its opposite.

>>> from agreements import Category, Citation, Clause, Modality
>>> cite = [Citation(source="s", quote="q")]
>>> clause_text(Clause(id="c", category=Category.CEASEFIRE, summary="Both sides use weapons.",
...                    modality=Modality.MUST_NOT, citations=cite))
'Forbidden: Both sides use weapons.'

The other helpers say values as a reader would: ``"three checkpoints →
five"``, ``"by 10 October 2018"``, ``"within 24 hours of the agreement"``,
``"artillery of 100 mm or more"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from agreements._text import and_list, one_line, words
from agreements.model import (
    AGREEMENT_ANCHOR,
    Clause,
    Deadline,
    Edge,
    Modality,
    PartialDate,
    Quantity,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
    Word,
    heaviest_first,
)

__all__ = [
    "ACTION_WORDS",
    "MODALITY_WORDS",
    "clause_text",
    "date_words",
    "deadline_words",
    "duration_words",
    "not_reported",
    "quantity_change",
    "quantity_words",
    "sentence",
    "unreported",
    "weapons_phrase",
    "weapons_scope",
    "with_modality",
]

#: How a reader says each modality of an act.
MODALITY_WORDS: Final = {Modality.MUST: "required", Modality.MAY: "allowed", Modality.MUST_NOT: "forbidden"}

#: Names a thing by its id: an actor, a place, a word of a vocabulary.
Namer = Callable[[str], str]


def sentence(text: str) -> str:
    """``text`` on one line, ending with a full stop unless it ends with one already."""
    flat = one_line(text)
    return flat if flat.endswith((".", "!", "?")) else flat + "."


def with_modality(text: str, modality: Modality, lead: str = "") -> str:
    """``text``, an act stated affirmatively, as required, allowed or forbidden: the one rule.

    Without ``lead`` a required act reads as it is, the others after
    ``Allowed:`` or ``Forbidden:``; with a ``lead`` ("Now", "No longer") every
    modality is named.

    >>> with_modality("Both sides use weapons.", Modality.MUST_NOT)
    'Forbidden: Both sides use weapons.'
    >>> with_modality("Government forces deploy nine checkpoints.", Modality.MUST)
    'Government forces deploy nine checkpoints.'
    >>> with_modality("The opposition hands over its heavy weapons.", Modality.MUST, lead="No longer")
    'No longer required: The opposition hands over its heavy weapons.'
    """
    word = MODALITY_WORDS[modality]
    if lead:
        return f"{lead} {word}: {text}"
    return text if modality is Modality.MUST else f"{word.capitalize()}: {text}"


def unreported(what: str, text: str) -> str:
    """Something the earlier agreement had (``what``: "party", "guarantor") that the later one does not report.

    >>> unreported("party", "Shabab al-Sunna")
    'Party before, not reported for the later agreement: Shabab al-Sunna'
    """
    return f"{what[:1].upper()}{what[1:]} before, not reported for the later agreement: {text}"


def not_reported(text: str, modality: Modality) -> str:
    """An act of the earlier agreement that the later one, known only from partial reports, does not report.

    >>> not_reported("The army returns to the region.", Modality.MUST)
    'Required before, not reported for the later agreement: The army returns to the region.'
    """
    return unreported(MODALITY_WORDS[modality], text)


def clause_text(clause: Clause) -> str:
    """A clause's summary as it must read wherever it is shown: see :func:`with_modality`."""
    return with_modality(one_line(clause.summary), clause.modality)


# ------------------------------------------------------------------- amounts

_SPELLED: Final = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _counted(quantity: Quantity) -> bool:
    """Whether the amount is a small whole number of things, which a reader spells out (three checkpoints)."""
    value = quantity.value
    return (
        value is not None
        and float(value).is_integer()
        and 0 <= value <= 10
        and quantity.unit.isalpha()
        and len(quantity.unit) > 2
    )


def quantity_words(quantity: Quantity | None, *, amount_only: bool = False) -> str:
    """A quantity as a reader says it: ``"three checkpoints"``, ``"15–20 km deep"``; ``"none"`` for none.

    >>> quantity_words(Quantity(value=3, unit="checkpoints")), quantity_words(Quantity(min=15, unit="km"))
    ('three checkpoints', '15 km or more')
    """
    if quantity is None:
        return "none"
    if _counted(quantity):
        assert quantity.value is not None
        amount = _SPELLED[int(quantity.value)]
        if amount_only:
            return amount
        text = f"{amount} {quantity.unit}"
        return f"{text} {quantity.qualifier}" if quantity.qualifier else text
    return quantity.amount if amount_only else str(quantity)


def quantity_change(old: Quantity | None, new: Quantity | None) -> str:
    """Old → new, the unit said once when it stays: ``"three checkpoints → five"``, ``"15 km → 25 km"``.

    >>> quantity_change(Quantity(value=3, unit="checkpoints"), Quantity(value=5, unit="checkpoints"))
    'three checkpoints → five'
    >>> quantity_change(Quantity(value=15, unit="km"), Quantity(value=25, unit="km"))
    '15 km → 25 km'
    """
    if (
        old is not None
        and new is not None
        and (old.unit, old.qualifier) == (new.unit, new.qualifier)
        and _counted(old)
        and _counted(new)
        and not old.qualifier
    ):
        return f"{quantity_words(old)} → {quantity_words(new, amount_only=True)}"
    return f"{quantity_words(old)} → {quantity_words(new)}"


# --------------------------------------------------------------------- dates

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_words(date: PartialDate) -> str:
    """A date as a reader writes it: ``"10 October 2018"``, ``"about July 2018"``, ``"00:01 on 6 March 2020"``.

    >>> date_words(PartialDate.parse("2015-02-15T00:00+02:00"))
    '00:00 (UTC+02:00) on 15 February 2015'
    """
    text = str(date.year)
    if date.month is not None:
        text = f"{_MONTHS[date.month - 1]} {text}"
    if date.day is not None:
        text = f"{date.day} {text}"
    if date.hour is not None and date.minute is not None:
        clock = f"{date.hour:02d}:{date.minute:02d}"
        if date.utc_offset is not None:
            sign = "+" if date.utc_offset >= 0 else "-"
            hours, minutes = divmod(abs(date.utc_offset), 60)
            clock += f" (UTC{sign}{hours:02d}:{minutes:02d})"
        text = f"{clock} on {text}"
    return f"about {text}" if date.approximate else text


_DURATION: Final = re.compile(r"P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?")


def duration_words(offset: str) -> str:
    """An ISO 8601 duration in words: ``"P14D"`` is ``"14 days"``, ``"PT24H"`` ``"24 hours"``.

    >>> duration_words("P1DT12H"), duration_words("P2W")
    ('1 day and 12 hours', '2 weeks')
    """
    found = _DURATION.fullmatch(offset)
    if found is None:
        return offset
    parts = [
        f"{int(number)} {unit if int(number) == 1 else unit + 's'}"
        for number, unit in zip(found.groups(), ("week", "day", "hour", "minute"), strict=True)
        if number is not None
    ]
    return and_list(parts) or offset


def deadline_words(
    deadline: Deadline, anchor: Namer | None = None, date: Callable[[PartialDate], str] | None = None
) -> str:
    """When an act must have started or ended: ``"by 10 October 2018"``, ``"within 24 hours of the agreement"``.

    ``anchor`` names an anchor other than the agreement (an event, a clause);
    by default it is named by its id. ``date`` writes a date (by default in
    words, :func:`date_words`; a table passes ``str`` for its own notation).

    >>> deadline_words(Deadline(at=PartialDate.parse("2018")))
    'by the end of 2018'
    >>> deadline_words(Deadline(anchor="agreement", offset="P7D"))
    'within 7 days of the agreement'
    >>> deadline_words(Deadline(at=PartialDate.parse("2020-03-15"), edge=Edge.START))
    'starting 15 March 2020'
    """
    start = deadline.edge is Edge.START
    if deadline.at is not None:
        when = (date or date_words)(deadline.at)
        if start:
            return f"starting {when}"
        return (
            f"by {when}"
            if date is not None or deadline.at.precision in ("day", "minute")
            else f"by the end of {when}"
        )
    assert deadline.anchor is not None  # a deadline has a date or an anchor
    if deadline.anchor == AGREEMENT_ANCHOR:
        what = "the agreement"
    else:
        what = anchor(deadline.anchor) if anchor is not None else deadline.anchor
    if deadline.offset is None:
        return f"starting with {what}" if start else f"by {what}"
    span = duration_words(deadline.offset)
    return f"starting within {span} of {what}" if start else f"within {span} of {what}"


# ------------------------------------------------------------------- weapons

#: How a reader says what each action does to the weapons (the past participle).
ACTION_WORDS: Final = {
    WeaponAction.HAND_OVER: "handed over",
    WeaponAction.RETAIN: "kept",
    WeaponAction.WITHDRAW: "withdrawn",
    WeaponAction.STORE: "stored",
    WeaponAction.DESTROY: "destroyed",
}
_GRADES: Final = (WeaponClass.HEAVY, WeaponClass.MEDIUM, WeaponClass.LIGHT)


def _class_names(classes: Sequence[WeaponClass | Word], label: Namer) -> list[str]:
    """The classes in a reader's words, the built-in grades joined: ``["heavy and medium weapons", "tanks"]``."""
    grades = [words(weapon) for weapon in classes if weapon in _GRADES]
    named = [f"{and_list(grades)} weapons"] if grades else []
    if WeaponClass.SMALL_ARMS in classes:
        named.append("small arms")
    named += [label(weapon) for weapon in classes if not isinstance(weapon, WeaponClass)]
    return named


def weapons_scope(term: WeaponsTerm, label: Namer = words) -> str:
    """The weapons a term names: ``"light and medium weapons"``, ``"artillery of 100 mm or more"``, ``"all weapons"``.

    ``label`` names a class a corpus adds (by default its id in words).

    >>> from agreements import Quantity, WeaponAction, WeaponsTerm
    >>> weapons_scope(WeaponsTerm(action=WeaponAction.WITHDRAW, calibre=Quantity(min=100, unit="mm")))
    'weapons of 100 mm or more'
    """
    named = _class_names(heaviest_first(term.classes), label)
    if term.all_weapons:
        named.insert(0, "all weapons")
    text = and_list(named)
    systems = and_list(list(term.systems))
    if systems:
        text = f"{text} ({systems})" if text else systems
    if term.calibre is not None:
        text = f"{text or 'weapons'} of {_calibre(term.calibre)}"
    return text


def _calibre(calibre: Quantity) -> str:
    """A calibre bound: its qualifier alone when that states the bound itself ("more than 100 mm")."""
    if calibre.qualifier and calibre.unit in calibre.qualifier:
        return calibre.qualifier
    return str(calibre)


def _plural(scope: str, term: WeaponsTerm) -> bool:
    """Whether the scope takes "are": several kinds of weapon, or one whose name is plural."""
    kinds = len(term.classes) + len(term.systems) + int(term.all_weapons)
    return kinds != 1 or scope.split(" of ", maxsplit=1)[0].rstrip(")").endswith(("s", "S"))


def weapons_phrase(
    term: WeaponsTerm,
    *,
    when: str = "",
    actor: Namer = str,
    place: Namer = str,
    label: Namer = words,
    deadlines: Sequence[Deadline] = (),
    anchor: Namer | None = None,
) -> str:
    """A weapons term as a sentence: what, whose, ``when`` ("now", "no longer"), the action, to whom, how far, by when.

    >>> from agreements import Quantity, WeaponAction, WeaponsTerm
    >>> term = WeaponsTerm(action=WeaponAction.WITHDRAW, classes=["artillery"], calibre=Quantity(min=100, unit="mm"),
    ...                    distance=Quantity(value=25, unit="km", qualifier="from the line on each side"))
    >>> weapons_phrase(term, when="now")
    'Artillery of 100 mm or more is now withdrawn 25 km from the line on each side'
    """
    scope = weapons_scope(term, label)
    text = scope
    if term.holder is not None:
        text += f" held by {actor(term.holder)}"
    text += f" {'are' if _plural(scope, term) else 'is'}"
    if when:
        text += f" {when}"
    text += f" {ACTION_WORDS[term.action]}"
    if term.recipient is not None:
        text += f" to {actor(term.recipient)}"
    if term.distance is not None:
        text += f" {term.distance}"
    if term.destination is not None:
        text += f" {'in' if term.action is WeaponAction.STORE else 'to'} {place(term.destination)}"
    if term.schedule:
        text += f", {one_line(term.schedule)}"
    for deadline in deadlines:
        text += f", {deadline_words(deadline, anchor)}"
    return text[:1].upper() + text[1:]
