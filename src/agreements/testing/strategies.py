"""Hypothesis strategies for every record of :mod:`agreements.model`.

Each strategy yields valid records: every id is an id, every text that must not
be blank has a character that is not a space, every record has its citations.
Records that refer to others take the ids they may refer to as keyword
arguments with the same name everywhere: ``sources`` (source ids that citations
quote), ``actors`` (actor ids), ``places`` (place ids) and ``clauses`` (clause
ids a condition or a dispute names). Leave one out and any id will do; pass
one (a list, a set, or a registry such as ``corpus.actors``) and only those ids
appear. :func:`agreements` and :func:`corpora` keep their references
consistent, and :func:`edited` yields an agreement, an edited copy and the truth
about the edits, for testing a diff.

Arguments are checked when the strategy is made, and a bad one raises
:class:`hypothesis.errors.InvalidArgument`, as Hypothesis' own strategies do.

>>> from hypothesis import given
>>> from agreements.testing import strategies
>>> @given(strategies.clauses(sources=["sana-2021"]))
... def test_clauses_cite_their_source(clause):
...     assert {citation.source for citation in clause.citations} == {"sana-2021"}
>>> test_clauses_cite_their_source()
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from agreements.check import contradiction
from agreements.model import (
    AGREEMENT_ANCHOR,
    OPEN_VOCABULARIES,
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Claim,
    Clause,
    Code,
    Condition,
    Coordinates,
    Corpus,
    Coverage,
    Deadline,
    Dispute,
    DisputedField,
    Edge,
    Event,
    EventKind,
    Modality,
    PartialDate,
    Party,
    Place,
    PlaceKind,
    Quantity,
    Relation,
    RelationKind,
    Source,
    Status,
    StatusEntry,
    Term,
    Territory,
    ThirdParty,
    ThirdPartyRole,
    Vocabulary,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
    Word,
    is_id,
)
from agreements.testing import _edits, _words
from agreements.testing._edits import EDIT_KINDS, ClauseEdit, EditedPair, EditTruth

__all__ = [
    "EDIT_KINDS",
    "ClauseEdit",
    "EditTruth",
    "EditedPair",
    "actors",
    "agreements",
    "citations",
    "claims",
    "clauses",
    "codes",
    "conditions",
    "corpora",
    "deadlines",
    "disputes",
    "edited",
    "events",
    "ids",
    "partial_dates",
    "parties",
    "places",
    "quantities",
    "relations",
    "sources",
    "status_entries",
    "terms",
    "territories",
    "texts",
    "third_parties",
    "vocabularies",
    "weapons_terms",
]

_T = TypeVar("_T")
_W = TypeVar("_W", WeaponClass, Category, ActorKind, PlaceKind)
_Ids = tuple[str, ...]

# Sizes stay small by default so that property tests stay fast.
_DEFAULT_CLAUSES = 8
_DEFAULT_AGREEMENTS = 3

# The strategies are written as functions that take ``draw`` and return a
# value, and every strategy they draw from is built once, here or by
# Hypothesis' own cache: building strategies inside a draw costs more than
# the draw, and makes shrinking crawl.


@st.composite
def _drawn(draw: st.DrawFn, drawer: Callable[[st.DrawFn], _T]) -> _T:
    return drawer(draw)


def _strategy(drawer: Callable[[st.DrawFn], _T]) -> st.SearchStrategy[_T]:
    return _drawn(drawer)


_BOOLEANS = st.booleans()


@functools.lru_cache(maxsize=4096)
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    """``st.integers(low, high)``, made once per bounds: the draws are many, and each call validates anew."""
    return st.integers(low, high)


def _index(draw: st.DrawFn, size: int) -> int:
    return draw(_integers(0, size - 1))


def _chosen(draw: st.DrawFn, items: Sequence[_T]) -> _T:
    return items[_index(draw, len(items))]


def _count(draw: st.DrawFn, low: int, high: int) -> int:
    return draw(_integers(low, high))


class _DrawChooser:
    """A :class:`~agreements.testing._words.Chooser` that draws, so that Hypothesis shrinks."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def integer(self, low: int, high: int) -> int:
        return self._draw(_integers(low, high))

    def choice(self, items: Sequence[_T]) -> _T:
        return _chosen(self._draw, items)

    def chance(self, probability: float) -> bool:
        percent = min(100, round(100 * probability))
        # Shrinks towards 0, that is towards False.
        return percent > 0 and self._draw(_integers(0, 99)) >= 100 - percent


# ------------------------------------------------------------------ arguments


def _check_int(name: str, value: object, *, least: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r}: expected an int")
    if value < least:
        raise InvalidArgument(f"{name}={value!r}: expected {least} or more")
    return value


def _check_sizes(prefix: str, low: object, high: object, *, least: int = 0) -> tuple[int, int | None]:
    low_value = _check_int(f"min_{prefix}", low)
    if high is None:
        return low_value, None
    high_value = _check_int(f"max_{prefix}", high, least=least)
    if low_value > high_value:
        raise InvalidArgument(f"min_{prefix}={low_value!r} must be at most max_{prefix}={high_value!r}")
    return low_value, high_value


def _check_bool(name: str, value: object, *, optional: bool = False) -> None:
    if not (isinstance(value, bool) or (optional and value is None)):
        expected = "a bool or None" if optional else "a bool"
        raise InvalidArgument(f"{name}={value!r}: expected {expected}")


def _pool(name: str, value: Collection[str] | None, *, allow_empty: bool = True) -> _Ids | None:
    """The distinct ids of a pool argument, in the order given, or None."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Collection):
        raise InvalidArgument(f"{name}={value!r}: expected a collection of ids (a list, a set, a mapping)")
    items = tuple(dict.fromkeys(value))
    for item in items:
        if not is_id(item):
            raise InvalidArgument(
                f"{name}: {item!r} is not a valid id (lower-case letters, digits, '.', '_' and '-')"
            )
    if not items and not allow_empty:
        raise InvalidArgument(f"{name}: expected at least one id, got none")
    return items


# ------------------------------------------------------------------------ ids

_ID_WORDS = (
    "daraa",
    "daraa-al-balad",
    "busra-al-sham",
    "tafas",
    "russia",
    "central-committee",
    "4th_division",
    "m.p",
    "2018",
    "2021-09-06",
    "sana",
    "enab-baladi",
)
_ID_FIRST = "abcdefghijklmnopqrstuvwxyz0123456789"
_ID_REST = _ID_FIRST + "._-"
_ID_TAIL = st.sampled_from(_ID_REST)
_ID_SHAPES = (
    st.builds("{}{}".format, st.sampled_from(("c", "art-", "clause-", "p")), st.integers(1, 30))
    | st.lists(st.sampled_from(_ID_WORDS), min_size=1, max_size=3).map("-".join)
    | st.builds("{}{}".format, st.sampled_from(_ID_FIRST), st.text(_ID_TAIL, max_size=12))
)


def _draw_id(draw: st.DrawFn, min_size: int = 1, max_size: int | None = None) -> str:
    text = draw(_ID_SHAPES)
    if max_size is not None:
        text = text[:max_size]
    if len(text) < min_size:
        missing = min_size - len(text)
        text += draw(st.text(_ID_TAIL, min_size=missing, max_size=missing))
    return text


def ids(*, min_size: int = 1, max_size: int | None = None) -> st.SearchStrategy[str]:
    """Valid ids: lower-case letters, digits, ``.``, ``_`` and ``-``, starting with a letter or digit.

    Some look like the ids of the data files (``c3``, ``daraa-al-balad``),
    others are arbitrary. ``min_size`` and ``max_size`` bound the length.

    >>> from hypothesis import given
    >>> @given(ids(max_size=8))
    ... def test_ids_are_short(clause_id):
    ...     assert 1 <= len(clause_id) <= 8 and clause_id == clause_id.lower()
    >>> test_ids_are_short()
    """
    low, high = _check_sizes("size", min_size, max_size, least=1)
    if low < 1:
        raise InvalidArgument(f"min_size={min_size!r}: an id has at least one character")
    return _strategy(functools.partial(_draw_id, min_size=low, max_size=high))


_ANY_ID = ids()


def _pick(draw: st.DrawFn, pool: _Ids | None) -> str:
    """One id of the pool, or any id when there is no pool (never call with an empty pool)."""
    return _draw_id(draw) if pool is None else _chosen(draw, pool)


def _some(draw: st.DrawFn, pool: _Ids | None, max_size: int = 2) -> list[str]:
    """Distinct ids of the pool (none when it is empty)."""
    if pool is None:
        return draw(st.lists(_ANY_ID, max_size=max_size, unique=True))
    if not pool:
        return []
    indices = draw(st.lists(_integers(0, len(pool) - 1), max_size=min(max_size, len(pool)), unique=True))
    return [pool[index] for index in indices]


def _maybe(draw: st.DrawFn, pool: _Ids | None) -> str | None:
    if pool == () or not draw(_BOOLEANS):
        return None
    return _pick(draw, pool)


# ---------------------------------------------------------------------- texts

# The characters of texts. Each of them survives a round trip through JSON
# (json, with and without ensure_ascii), TOML (tomli-w then tomllib) and YAML
# (PyYAML, its pure-Python and its libyaml dumper and loader, with and without
# allow_unicode); that was tested on every character below U+2100, every
# character of the C and Z categories and samples of the rest, alone and in
# mixed strings. Left out are:
# - surrogates (category Cs): not characters, and UTF-8 cannot encode them;
# - the C0 controls but tab, newline and carriage return: they do round-trip,
#   but no source quotes them (carriage return stays in: Windows line ends
#   are real, and \r, U+2028 and U+2029 all round-trip);
# - U+0085 NEXT LINE, the only character that does not round-trip: PyYAML's
#   pure-Python emitter with allow_unicode=True writes it raw inside a quoted
#   scalar, and the reader folds it into a space.
_EXCLUDED = "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r") + "\x85"
_CHARACTERS = st.characters(exclude_categories=["Cs"], exclude_characters=_EXCLUDED)
_SPACES = ("  ", "\t", "\n", "\xa0", "   ", "\r\n", " \n ", "\u3000", "\u2028", "\u2029", "\u2009", "\xa0 ")
_NAMES = (
    *_words.PLACE_NAMES,
    *_words.ARABIC_PLACE_NAMES,
    *_words.ACTOR_NAMES,
    *_words.ARABIC_ACTOR_NAMES,
    "heavy weapons",
    "checkpoint",
    "الأسلحة الثقيلة",
)


def _starts_with_a_letter(word: str) -> bool:
    return not word[0].isspace()


_NAME = st.sampled_from(_NAMES)
_ARBITRARY_WORD = st.text(_CHARACTERS, min_size=1, max_size=10)
# The first word starts with a character that is not a space, so that the text
# is not blank however it is cut down to max_size.
_FIRST_WORD = _NAME | _ARBITRARY_WORD.filter(_starts_with_a_letter)
_MORE_WORDS = st.lists(st.tuples(st.sampled_from((" ", *_SPACES)), _NAME | _ARBITRARY_WORD), max_size=2)
# Few choices per text: texts are everywhere, and every choice costs time.
_EDGES = st.sampled_from(
    (
        ("", ""),
        *((space, "") for space in _SPACES),
        *(("", space) for space in _SPACES),
        (" ", " "),
        ("\n", "\t"),
    )
)
_BLANK = st.sampled_from(" \t\n\xa0\u3000")


def _draw_text(
    draw: st.DrawFn, min_size: int = 0, max_size: int | None = None, allow_blank: bool = False
) -> str:
    if allow_blank and draw(_BOOLEANS):
        # Spaces only, or nothing at all.
        return draw(st.text(_BLANK, min_size=min_size, max_size=max_size))
    first = draw(_FIRST_WORD)
    words = draw(_MORE_WORDS)
    lead, trail = draw(_EDGES)
    if max_size is not None:
        lead = lead[: max_size - 1]
    text = lead + first + "".join(space + word for space, word in words) + trail
    if max_size is not None:
        text = text[:max_size]
    if len(text) < min_size:
        missing = min_size - len(text)
        text += draw(st.text(_CHARACTERS, min_size=missing, max_size=missing))
    return text


def texts(
    *, min_size: int = 0, max_size: int | None = None, allow_blank: bool = False
) -> st.SearchStrategy[str]:
    """Texts for names, summaries and quotes, with what real ones throw at a program.

    Names of the sources in Latin and Arabic script (``'أحمد العودة'``,
    ``'درعا البلد'``), arbitrary Unicode, and odd whitespace: tabs, newlines,
    ``\\r\\n``, no-break and ideographic spaces, runs of spaces, spaces at
    either end. Every text survives a JSON, TOML and YAML round trip. Unless
    ``allow_blank``, each has a character that is not a space, as the model
    requires of names and summaries.

    >>> from hypothesis import given
    >>> @given(texts(max_size=12))
    ... def test_texts_are_not_blank(text):
    ...     assert text.strip() and len(text) <= 12
    >>> test_texts_are_not_blank()
    """
    _check_bool("allow_blank", allow_blank)
    low, high = _check_sizes("size", min_size, max_size)
    if high == 0 and not allow_blank:
        raise InvalidArgument("max_size=0: a text that is not blank needs at least one character")
    return _strategy(functools.partial(_draw_text, min_size=low, max_size=high, allow_blank=allow_blank))


def _maybe_text(draw: st.DrawFn, choices: Sequence[str], max_size: int = 30) -> str | None:
    if not draw(_BOOLEANS):
        return None
    return _chosen(draw, choices) if draw(_BOOLEANS) else _draw_text(draw, max_size=max_size)


def _maybe_choice(draw: st.DrawFn, choices: Sequence[str]) -> str | None:
    """None, or one of ``choices``: two draws at most, for the texts of the lesser fields."""
    return _chosen(draw, choices) if draw(_BOOLEANS) else None


def _text_or(draw: st.DrawFn, choices: Sequence[str]) -> str:
    """One of ``choices`` or, one time in three, any text."""
    return _draw_text(draw) if _index(draw, 3) == 2 else _chosen(draw, choices)


_INFERENCES = (
    "The report names no obligor; the parties make it the likely one",
    "Read from the context of the report, not stated",
    "استنتاج من سياق التقرير",
)


def _maybe_inference(draw: st.DrawFn) -> str | None:
    """Now and then, the reasoning of a value inferred rather than stated."""
    return _maybe_text(draw, _INFERENCES)


# ---------------------------------------------------------------------- dates

_EARLIEST = PartialDate(year=1)
_LATEST = PartialDate(year=9999, month=12, day=31, approximate=True)


# Offsets the sources give (Kyiv, Damascus, Moscow, UTC, New York, Kabul) come first.
_USUAL_OFFSETS = (120, 180, 0, -300, 270)
_NO_OFFSET = -(14 * 60) - 1  # below every offset, as a date without one sorts


def _draw_date(draw: st.DrawFn, low: PartialDate = _EARLIEST, high: PartialDate = _LATEST) -> PartialDate:
    # Build the date field by field inside the bounds, in the order dates sort
    # (year, month or 0, day or 0, hour or -1, minute or -1, approximate,
    # offset or lowest), so that nothing is filtered. Years of the agreements
    # come first, then any year.
    if low.year <= 2025 and high.year >= 2011 and not draw(_BOOLEANS):
        year = draw(_integers(max(low.year, 2011), min(high.year, 2025)))
    else:
        year = draw(_integers(low.year, high.year))
    at_low = year == low.year
    at_high = year == high.year
    month = draw(_integers((low.month or 0) if at_low else 0, (high.month or 0) if at_high else 12))
    at_low = at_low and month == (low.month or 0)
    at_high = at_high and month == (high.month or 0)
    day = 0
    if month:
        last = calendar.monthrange(year, month)[1]
        day = draw(_integers((low.day or 0) if at_low else 0, (high.day or 0) if at_high else last))
    at_low = at_low and day == (low.day or 0)
    at_high = at_high and day == (high.day or 0)
    hour = _draw_part(draw, _part(low.hour, at_low), _part(high.hour, at_high, 23) if day else -1)
    at_low = at_low and hour == _part(low.hour, True)
    at_high = at_high and hour == _part(high.hour, True)
    minute = -1
    if hour >= 0:
        minute = draw(
            _integers(
                max(0, _part(low.minute, at_low)), high.minute if at_high and high.minute is not None else 59
            )
        )
        at_low = at_low and minute == low.minute
        at_high = at_high and minute == high.minute
    if at_low and low.approximate:
        approximate = True
    elif at_high and not high.approximate:
        approximate = False
    else:
        approximate = draw(_BOOLEANS)
    at_low = at_low and approximate == low.approximate
    at_high = at_high and approximate == high.approximate
    offset = None
    if hour >= 0:
        lowest = _NO_OFFSET if not at_low or low.utc_offset is None else low.utc_offset
        highest = (_NO_OFFSET if high.utc_offset is None else high.utc_offset) if at_high else 14 * 60
        if lowest == _NO_OFFSET < highest:
            if draw(_BOOLEANS):
                usual = tuple(value for value in _USUAL_OFFSETS if value <= highest)
                any_offset = not usual or draw(_BOOLEANS)
                offset = draw(_integers(-14 * 60, highest)) if any_offset else _chosen(draw, usual)
        elif lowest > _NO_OFFSET:
            offset = draw(_integers(lowest, highest))
    return PartialDate(
        year=year,
        month=month or None,
        day=day or None,
        hour=None if hour < 0 else hour,
        minute=None if minute < 0 else minute,
        utc_offset=offset,
        approximate=approximate,
    )


def _part(value: int | None, bounded: bool, otherwise: int = -1) -> int:
    """A bound's part of a date (-1 for none) when the drawn date is at the bound so far, else ``otherwise``."""
    if not bounded:
        return otherwise
    return -1 if value is None else value


def _draw_part(draw: st.DrawFn, lowest: int, highest: int) -> int:
    """An hour in ``[lowest, highest]``, -1 standing for none; when none is allowed, none is the simplest."""
    if highest < 0:
        return -1
    if lowest < 0:
        return draw(_integers(0, highest)) if draw(_BOOLEANS) else -1
    return draw(_integers(lowest, highest))


def partial_dates(
    *, min_value: PartialDate | None = None, max_value: PartialDate | None = None
) -> st.SearchStrategy[PartialDate]:
    """Dates known to the year, the month, the day or the minute, exact or approximate.

    A date known to the minute may carry a UTC offset (``2015-02-15T00:00+02:00``).
    ``min_value`` and ``max_value`` bound them in the order dates sort.

    >>> from hypothesis import given
    >>> july = PartialDate.parse("2018-07")
    >>> @given(partial_dates(min_value=july, max_value=PartialDate.parse("2018-07-31")))
    ... def test_in_july(date):
    ...     assert (date.year, date.month) == (2018, 7)
    >>> test_in_july()
    """
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if value is not None and not isinstance(value, PartialDate):
            raise InvalidArgument(f"{name}={value!r}: expected a PartialDate or None")
    low = _EARLIEST if min_value is None else min_value
    high = _LATEST if max_value is None else max_value
    if high < low:
        raise InvalidArgument(f"min_value={str(low)!r} must not be after max_value={str(high)!r}")
    return _strategy(functools.partial(_draw_date, low=low, high=high))


def _maybe_date(draw: st.DrawFn) -> PartialDate | None:
    return _draw_date(draw) if draw(_BOOLEANS) else None


# ------------------------------------------------------------------- evidence


_LANGUAGES = ("en", "ar", "fr", "ru", "uk", "en-GB", "pt-BR")
# The lesser texts come from lists, which hold their share of what real texts throw at a program.
_OUTLETS = ("Enab Baladi", "Syria Direct", "OSCE", " Asharq Al-Awsat", "عنب بلدي")
_AUTHORS = ("Trilateral Contact Group", "Ahmed al-Awda", "أحمد العودة", "the  committee\n")
_TITLES = ("Package of Measures", "Daraa: the siege ends\t", "اتفاق درعا البلد")
_URLS = (
    "https://www.enabbaladi.net/archives/512345",
    "https://www.osce.org/home/140156",
    "http://example.org/a?b=c",
)


def _maybe_language(draw: st.DrawFn) -> str | None:
    return _chosen(draw, _LANGUAGES) if draw(_BOOLEANS) else None


def _draw_source(draw: st.DrawFn, source_id: str | None = None) -> Source:
    identifier = _draw_id(draw) if source_id is None else source_id
    # The fields of a reference come together or not at all, to keep the draws few.
    cited = draw(_BOOLEANS)
    document = None
    if not cited or draw(_BOOLEANS):
        extension = _chosen(draw, (".md", ".txt", ".html"))
        document = _draw_text(draw) if draw(_BOOLEANS) else identifier + extension
    return Source(
        id=identifier,
        document=document,
        description=_draw_text(draw),
        date=_maybe_date(draw),
        url=_chosen(draw, _URLS) if cited and draw(_BOOLEANS) else None,
        outlet=_maybe_choice(draw, _OUTLETS) if cited else None,
        author=_maybe_choice(draw, _AUTHORS) if cited else None,
        title=_maybe_choice(draw, _TITLES) if cited else None,
        language=_maybe_language(draw) if cited else None,
        translated_from=_maybe_language(draw) if cited else None,
    )


def sources() -> st.SearchStrategy[Source]:
    """Source documents, each with an id, a description, and maybe a file name and what a paper cites.

    >>> from hypothesis import given
    >>> @given(sources())
    ... def test_sources_are_described(source):
    ...     assert source.description.strip() and (source.document is None or source.document.strip())
    >>> test_sources_are_described()
    """
    return _strategy(_draw_source)


_QUOTES = (
    "The heavy and medium weapons will be handed over to the Russian side",
    "تسليم السلاح الخفيف",
    "Russian military police will enter Daraa al-Balad",
    "  the committee agreed\n to the roadmap ",
    "تسوية أوضاع المطلوبين",
)
_TRANSLATIONS = ("the handover of light weapons", " the settlement of the status\nof wanted men ")


def _draw_citation(draw: st.DrawFn, pool: _Ids | None) -> Citation:
    source = _pick(draw, pool)
    quote = _text_or(draw, _QUOTES)
    # Citations are everywhere: one draw decides whether this one gives a language and a translation.
    extra = _index(draw, 6)
    if extra < 4:
        return Citation(source=source, quote=quote)
    return Citation(
        source=source,
        quote=quote,
        language=_chosen(draw, _LANGUAGES),
        translation=_chosen(draw, _TRANSLATIONS) if extra == 5 else None,
    )


def _draw_citations(draw: st.DrawFn, pool: _Ids | None, min_size: int = 1) -> list[Citation]:
    return [_draw_citation(draw, pool) for _ in range(_count(draw, min_size, 2))]


def citations(*, sources: Collection[str] | None = None) -> st.SearchStrategy[Citation]:
    """Verbatim quotes, each from one of ``sources`` (source ids) when given.

    >>> from hypothesis import given
    >>> @given(citations(sources=["sana", "enab-baladi"]))
    ... def test_quotes_come_from_the_sources(citation):
    ...     assert citation.source in {"sana", "enab-baladi"}
    >>> test_quotes_come_from_the_sources()
    """
    return _strategy(functools.partial(_draw_citation, pool=_pool("sources", sources, allow_empty=False)))


# ----------------------------------------------------------------- vocabulary

# Words a corpus might add to each open vocabulary.
_NEW_WORDS = {
    "categories": ("prisoner-lists", "buffer-zones", "mine-clearance", "hostages"),
    "weapon_classes": ("mortars", "drones", "artillery", "mlrs"),
    "place_kinds": ("buffer-zone", "crossing-point", "village-cluster"),
    "actor_kinds": ("militia", "tribe", "mediation-team"),
}


def _check_vocabulary(value: object) -> Vocabulary | None:
    if value is not None and not isinstance(value, Vocabulary):
        raise InvalidArgument(f"vocabulary={value!r}: expected a Vocabulary or None")
    return value


def _words_of(vocabulary: Vocabulary | None, name: str) -> tuple[Word, ...]:
    """The words ``vocabulary`` adds to the open vocabulary ``name`` (none without one)."""
    return () if vocabulary is None else tuple(Word(term.id) for term in getattr(vocabulary, name))


def _draw_word(
    draw: st.DrawFn, builtin: st.SearchStrategy[_W], vocabulary: Vocabulary | None, name: str
) -> _W | Word:
    """A built-in word, or now and then one the vocabulary adds."""
    added = _words_of(vocabulary, name)
    if not added or draw(_BOOLEANS):
        return draw(builtin)
    return _chosen(draw, added)


def _draw_term(draw: st.DrawFn, name: str | None = None, term_id: str | None = None) -> Term:
    if term_id is None:
        term_id = _chosen(draw, _NEW_WORDS[name]) if name is not None and draw(_BOOLEANS) else _draw_id(draw)
    return Term(
        id=term_id,
        label=_maybe_choice(draw, ("Prisoner lists", "Mortars", "قوائم الأسرى", " Buffer\tzone")),
        description=_maybe_choice(
            draw, ("Lists of prisoners to exchange.", "وصف", "A zone\nbetween the lines.")
        ),
    )


def terms() -> st.SearchStrategy[Term]:
    """Words a corpus adds to a vocabulary, maybe with a label and a description.

    >>> from hypothesis import given
    >>> @given(terms())
    ... def test_term(term):
    ...     assert term.label is None or term.label.strip()
    >>> test_term()
    """
    return _strategy(_draw_term)


def _draw_vocabulary(draw: st.DrawFn) -> Vocabulary:
    tables: dict[str, list[Term]] = {}
    for name, builtin in OPEN_VOCABULARIES.items():
        taken = {member.value for member in builtin}
        tables[name] = []
        for _ in range(_count(draw, 0, 2)):
            term = _draw_term(draw, name)
            if term.id not in taken:
                taken.add(term.id)
                tables[name].append(term)
    return Vocabulary(**tables)


def vocabularies() -> st.SearchStrategy[Vocabulary]:
    """The words a corpus adds: up to two of each open vocabulary, none built in, none twice.

    >>> from hypothesis import given
    >>> @given(vocabularies())
    ... def test_new_words(vocabulary):
    ...     assert "siege" not in {term.id for term in vocabulary.categories}
    >>> test_new_words()
    """
    return _strategy(_draw_vocabulary)


# --------------------------------------------------------- actors and places


def _draw_aliases(draw: st.DrawFn) -> list[str]:
    return [_text_or(draw, _NAMES) for _ in range(_count(draw, 0, 2))]


def _draw_parent(draw: st.DrawFn, parents: _Ids | None, own: str) -> str | None:
    candidates = None if parents is None else tuple(parent for parent in parents if parent != own)
    parent = _maybe(draw, candidates)
    # Only a free id can hit the record's own id; no record is its own parent.
    return None if parent == own else parent


_ACTOR_KINDS = st.sampled_from(ActorKind)
_PLACE_KINDS = st.sampled_from(PlaceKind)


def _draw_actor(
    draw: st.DrawFn,
    parents: _Ids | None,
    pool: _Ids | None,
    actor_id: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Actor:
    identifier = _draw_id(draw) if actor_id is None else actor_id
    return Actor(
        id=identifier,
        name=_text_or(draw, _words.ACTOR_NAMES + _words.ARABIC_ACTOR_NAMES),
        kind=_draw_word(draw, _ACTOR_KINDS, vocabulary, "actor_kinds"),
        aliases=_draw_aliases(draw),
        parent=_draw_parent(draw, parents, identifier),
        citations=_draw_citations(draw, pool, min_size=0),
        inference=_maybe_inference(draw),
    )


def actors(
    *,
    actors: Collection[str] | None = None,
    sources: Collection[str] | None = None,
    vocabulary: Vocabulary | None = None,
) -> st.SearchStrategy[Actor]:
    """Actors with names in either script, aliases, a kind and maybe a parent.

    The parent is one of ``actors`` (actor ids) when given, never the actor
    itself; citations quote ``sources``; the kind is built in or, now and
    then, one that ``vocabulary`` adds.

    >>> from hypothesis import given
    >>> @given(actors(actors=["russia"]))
    ... def test_parent(actor):
    ...     assert actor.parent in {None, "russia"} and actor.parent != actor.id
    >>> test_parent()
    """
    return _strategy(
        functools.partial(
            _draw_actor,
            parents=_pool("actors", actors),
            pool=_pool("sources", sources, allow_empty=False),
            vocabulary=_check_vocabulary(vocabulary),
        )
    )


def _draw_place(
    draw: st.DrawFn,
    parents: _Ids | None,
    pool: _Ids | None,
    place_id: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Place:
    identifier = _draw_id(draw) if place_id is None else place_id
    return Place(
        id=identifier,
        name=_text_or(draw, _words.PLACE_NAMES + _words.ARABIC_PLACE_NAMES),
        kind=_draw_word(draw, _PLACE_KINDS, vocabulary, "place_kinds"),
        aliases=_draw_aliases(draw),
        parent=_draw_parent(draw, parents, identifier),
        coordinates=draw(st.none() | _coordinates()),
        citations=_draw_citations(draw, pool, min_size=0),
        inference=_maybe_inference(draw),
    )


def _coordinates() -> st.SearchStrategy[Coordinates]:
    return st.builds(
        Coordinates,
        latitude=st.floats(min_value=-90, max_value=90, allow_nan=False),
        longitude=st.floats(min_value=-180, max_value=180, allow_nan=False),
    )


def places(
    *,
    places: Collection[str] | None = None,
    sources: Collection[str] | None = None,
    vocabulary: Vocabulary | None = None,
) -> st.SearchStrategy[Place]:
    """Places with names in either script, aliases, a kind and maybe a parent.

    The parent is one of ``places`` (place ids) when given, never the place
    itself; citations quote ``sources``; the kind is built in or, now and
    then, one that ``vocabulary`` adds.

    >>> from hypothesis import given
    >>> @given(places(places=["daraa"]))
    ... def test_parent(place):
    ...     assert place.parent in {None, "daraa"}
    >>> test_parent()
    """
    return _strategy(
        functools.partial(
            _draw_place,
            parents=_pool("places", places),
            pool=_pool("sources", sources, allow_empty=False),
            vocabulary=_check_vocabulary(vocabulary),
        )
    )


# -------------------------------------------------------------------- clauses

# ----------------------------------------------------------------- quantities

_UNITS = ("checkpoints", "km", "mm", "days", "men", "كم", " km ")
_QUALIFIERS = ("on each side of the line of contact", "from the front line", "per village", "على كل جانب")
# Whole numbers, and fractions that every format writes and reads back exactly.
_AMOUNTS = st.integers(0, 1000) | st.floats(0, 1e6, allow_nan=False, allow_infinity=False)


def _draw_quantity(draw: st.DrawFn, unit: str | None = None) -> Quantity:
    unit = _chosen(draw, _UNITS) if unit is None else unit
    qualifier = _maybe_choice(draw, _QUALIFIERS)
    if draw(_BOOLEANS):
        return Quantity(value=draw(_AMOUNTS), unit=unit, qualifier=qualifier)
    low, high = draw(_AMOUNTS), draw(_AMOUNTS)
    low, high = min(low, high), max(low, high)
    shape = _index(draw, 3)  # a closed range, "or more", "up to"
    return Quantity(
        min=low if shape != 2 else None, max=high if shape != 1 else None, unit=unit, qualifier=qualifier
    )


def quantities() -> st.SearchStrategy[Quantity]:
    """Amounts with a unit: a value (whole or not) or a range, open at either end, maybe qualified.

    >>> from hypothesis import given
    >>> @given(quantities())
    ... def test_amounts_are_not_negative(quantity):
    ...     assert all(bound is None or bound >= 0 for bound in (quantity.value, quantity.min, quantity.max))
    >>> test_amounts_are_not_negative()
    """
    return _strategy(_draw_quantity)


# ---------------------------------------------------------------- deadlines

_OFFSETS = ("P14D", "PT24H", "P1DT12H", "P2W", "PT90M", "P0D", "P30D")
_DEADLINE_EDGES = st.sampled_from(Edge)


def _draw_deadline(draw: st.DrawFn, anchors: _Ids | None) -> Deadline:
    edge = draw(_DEADLINE_EDGES)
    if draw(_BOOLEANS):
        return Deadline(at=_draw_date(draw), edge=edge)
    if anchors is None:
        anchor = AGREEMENT_ANCHOR if draw(_BOOLEANS) else _draw_id(draw)
    else:
        anchor = _chosen(draw, (AGREEMENT_ANCHOR, *anchors))
    offset = _chosen(draw, _OFFSETS) if draw(_BOOLEANS) else None
    return Deadline(anchor=anchor, offset=offset, edge=edge)


def deadlines(
    *, clauses: Collection[str] | None = None, events: Collection[str] | None = None
) -> st.SearchStrategy[Deadline]:
    """When an act must start or end: at a date, or a duration after the agreement, one of ``clauses`` or ``events``.

    Give either pool (or both) and the anchor is ``"agreement"`` or one of
    their ids; give neither and any id will do.

    >>> from hypothesis import given
    >>> @given(deadlines(clauses=["ceasefire"], events=[]))
    ... def test_anchor(deadline):
    ...     assert deadline.at is not None or deadline.anchor in {"agreement", "ceasefire"}
    >>> test_anchor()
    """
    clause_ids, event_ids = _pool("clauses", clauses), _pool("events", events)
    anchors = None if clause_ids is None and event_ids is None else (*(clause_ids or ()), *(event_ids or ()))
    return _strategy(functools.partial(_draw_deadline, anchors=anchors))


# -------------------------------------------------------------------- codes

_SCHEMES = ("pax", "pam", "ucdp")
_VARIABLES = ("CeProv", "CeGen", "SsrDdr", "HrDet", "Ce_withdrawal")


def _draw_code(draw: st.DrawFn) -> Code:
    return Code(
        scheme=_chosen(draw, _SCHEMES) if draw(_BOOLEANS) else _draw_id(draw),
        variable=_chosen(draw, _VARIABLES),
        level=draw(_integers(-99, 3)) if draw(_BOOLEANS) else None,
        label=_maybe_choice(draw, ("Ceasefire provision", "Disarmament", "نزع السلاح")),
    )


def codes() -> st.SearchStrategy[Code]:
    """How coding schemes (PA-X, the Peace Accords Matrix) code a clause.

    >>> from hypothesis import given
    >>> @given(codes())
    ... def test_code(code):
    ...     assert code.variable.strip()
    >>> test_code()
    """
    return _strategy(_draw_code)


# ------------------------------------------------------------------ weapons

_WEAPON_CLASSES = st.sampled_from(WeaponClass)
_WEAPON_ACTIONS = st.sampled_from(WeaponAction)
_SYSTEMS = ("Grad", "Uragan", "Tornado-S", "T-72", "ZU-23-2", "هاون", " BM-21\n")


def _draw_weapons_term(
    draw: st.DrawFn, pool: _Ids | None, places: _Ids | None = None, vocabulary: Vocabulary | None = None
) -> WeaponsTerm:
    classes = {
        _draw_word(draw, _WEAPON_CLASSES, vocabulary, "weapon_classes") for _ in range(_count(draw, 0, 3))
    }
    systems = [_chosen(draw, _SYSTEMS) for _ in range(_count(draw, 0, 2))] if draw(_BOOLEANS) else []
    calibre = _draw_quantity(draw, "mm") if draw(_BOOLEANS) else None
    all_weapons = draw(_BOOLEANS)
    if not (classes or systems or calibre or all_weapons):
        classes = {draw(_WEAPON_CLASSES)}
    return WeaponsTerm(
        classes=classes,
        systems=systems,
        calibre=calibre,
        all_weapons=all_weapons,
        action=draw(_WEAPON_ACTIONS),
        distance=_draw_quantity(draw, "km") if draw(_BOOLEANS) else None,
        holder=_maybe(draw, pool),
        recipient=_maybe(draw, pool),
        destination=_maybe(draw, places),
        schedule=_maybe_text(draw, _words.TIMINGS),
    )


def weapons_terms(
    *,
    actors: Collection[str] | None = None,
    places: Collection[str] | None = None,
    vocabulary: Vocabulary | None = None,
) -> st.SearchStrategy[WeaponsTerm]:
    """What is done with which weapons: classes, named systems, a calibre or all weapons, and an action.

    The holder and the recipient come from ``actors``, the destination from
    ``places``; the classes are built in or, now and then, ones that
    ``vocabulary`` adds.

    >>> from hypothesis import given
    >>> @given(weapons_terms(actors=["eighth-brigade"]))
    ... def test_holder(term):
    ...     assert term.holder in {None, "eighth-brigade"}
    ...     assert term.classes or term.systems or term.calibre or term.all_weapons
    >>> test_holder()
    """
    return _strategy(
        functools.partial(
            _draw_weapons_term,
            pool=_pool("actors", actors),
            places=_pool("places", places),
            vocabulary=_check_vocabulary(vocabulary),
        )
    )


_CONDITIONS = (
    "once the heavy weapons are handed over",
    "after the checkpoints are removed",
    "if the armed factions accept the settlement",
    "when the siege is lifted",
    "بعد تسليم السلاح",
)


def _draw_condition(draw: st.DrawFn, pool: _Ids | None) -> Condition:
    return Condition(summary=_text_or(draw, _CONDITIONS), clauses=_some(draw, pool))


def conditions(*, clauses: Collection[str] | None = None) -> st.SearchStrategy[Condition]:
    """What a clause waits for, naming up to two of ``clauses`` (clause ids).

    >>> from hypothesis import given
    >>> @given(conditions(clauses=["c1", "c2"]))
    ... def test_names_known_clauses(condition):
    ...     assert set(condition.clauses) <= {"c1", "c2"}
    >>> test_names_known_clauses()
    """
    return _strategy(functools.partial(_draw_condition, pool=_pool("clauses", clauses)))


_ACTIONS = ("hand over", "withdraw", "deploy", "lift siege", "open", "release", "settle")


_CATEGORIES = st.sampled_from(Category)
_MODALITIES = st.sampled_from(Modality)


def _draw_clause(
    draw: st.DrawFn,
    *,
    actors: _Ids | None,
    places: _Ids | None,
    sources: _Ids | None,
    clauses: _Ids | None,
    events: _Ids | None = (),
    clause_id: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Clause:
    identifier = _draw_id(draw) if clause_id is None else clause_id
    category = _draw_word(draw, _CATEGORIES, vocabulary, "categories")
    chooser = _DrawChooser(draw)
    summary = _draw_text(draw) if draw(_BOOLEANS) else _words.summary(chooser, category)
    weapons = None
    # Weapons terms belong to weapons clauses, and now and then to another
    # (a ceasefire that also withdraws heavy weapons).
    if category is Category.WEAPONS or chooser.chance(0.15):
        weapons = _draw_weapons_term(draw, actors, places, vocabulary)
    anchors = None if clauses is None and events is None else (*(clauses or ()), *(events or ()))
    deadlines = []
    if draw(_BOOLEANS):
        for _ in range(_count(draw, 1, 2)):
            deadline = _draw_deadline(draw, anchors)
            # A free anchor may hit the clause's own id; a clause never counts from itself.
            deadlines.append(
                attrs.evolve(deadline, anchor=AGREEMENT_ANCHOR) if deadline.anchor == identifier else deadline
            )
    return Clause(
        id=identifier,
        category=category,
        summary=summary,
        citations=_draw_citations(draw, sources),
        obligors=_some(draw, actors),
        all_parties=chooser.chance(0.2),
        modality=draw(_MODALITIES),
        action=_chosen(draw, _ACTIONS) if draw(_BOOLEANS) else None,
        weapons=weapons,
        quantity=_draw_quantity(draw) if draw(_BOOLEANS) else None,
        deadlines=deadlines,
        timing=_maybe_text(draw, _words.TIMINGS),
        condition=_draw_condition(draw, clauses) if draw(_BOOLEANS) else None,
        places=_some(draw, places),
        codes=[_draw_code(draw) for _ in range(_count(draw, 0, 2))] if chooser.chance(0.2) else [],
        inference=_maybe_inference(draw),
    )


def clauses(
    *,
    actors: Collection[str] | None = None,
    places: Collection[str] | None = None,
    sources: Collection[str] | None = None,
    clauses: Collection[str] | None = None,
    events: Collection[str] | None = None,
    vocabulary: Vocabulary | None = None,
) -> st.SearchStrategy[Clause]:
    """Clauses of every category, most with a summary in the words of the agreements.

    Obligors (none, one or two), a weapons holder and recipient come from
    ``actors``, places and a weapons destination from ``places``, citations
    quote ``sources``, a condition names ``clauses``, and deadlines count
    from the agreement, ``clauses`` or ``events``. The category and weapon
    classes are built in or, now and then, ones that ``vocabulary`` adds.

    >>> from hypothesis import given
    >>> @given(clauses(actors=["russia"], places=[]))
    ... def test_obligor_and_places(clause):
    ...     assert set(clause.obligors) <= {"russia"} and clause.places == ()
    >>> test_obligor_and_places()
    """
    return _strategy(
        functools.partial(
            _draw_clause,
            actors=_pool("actors", actors),
            places=_pool("places", places),
            sources=_pool("sources", sources, allow_empty=False),
            clauses=_pool("clauses", clauses),
            events=_pool("events", events),
            vocabulary=_check_vocabulary(vocabulary),
        )
    )


# ----------------------------------------------------------------- agreements


def _draw_party(draw: st.DrawFn, actors: _Ids | None, sources: _Ids | None) -> Party:
    return Party(
        actor=_pick(draw, actors), citations=_draw_citations(draw, sources), inference=_maybe_inference(draw)
    )


def parties(
    *, actors: Collection[str] | None = None, sources: Collection[str] | None = None
) -> st.SearchStrategy[Party]:
    """Parties to an agreement: one of ``actors`` with its citations.

    >>> from hypothesis import given
    >>> @given(parties(actors=["central-committee"]))
    ... def test_party(party):
    ...     assert party.actor == "central-committee" and party.citations
    >>> test_party()
    """
    return _strategy(
        functools.partial(
            _draw_party,
            actors=_pool("actors", actors, allow_empty=False),
            sources=_pool("sources", sources, allow_empty=False),
        )
    )


def _draw_third_party(draw: st.DrawFn, actors: _Ids | None, sources: _Ids | None) -> ThirdParty:
    return ThirdParty(
        actor=_pick(draw, actors),
        role=draw(st.sampled_from(ThirdPartyRole)),
        citations=_draw_citations(draw, sources),
        inference=_maybe_inference(draw),
    )


def third_parties(
    *, actors: Collection[str] | None = None, sources: Collection[str] | None = None
) -> st.SearchStrategy[ThirdParty]:
    """Outside actors of an agreement (from ``actors``) and their role.

    >>> from hypothesis import given
    >>> @given(third_parties(actors=["russia", "jordan"]))
    ... def test_third_party(third):
    ...     assert third.actor in {"russia", "jordan"} and isinstance(third.role, ThirdPartyRole)
    >>> test_third_party()
    """
    return _strategy(
        functools.partial(
            _draw_third_party,
            actors=_pool("actors", actors, allow_empty=False),
            sources=_pool("sources", sources, allow_empty=False),
        )
    )


def _draw_territory(draw: st.DrawFn, places: _Ids | None, sources: _Ids | None) -> Territory:
    return Territory(
        summary=_text_or(draw, _words.PLACE_NAMES + _words.ARABIC_PLACE_NAMES),
        citations=_draw_citations(draw, sources),
        places=_some(draw, places),
    )


def territories(
    *, places: Collection[str] | None = None, sources: Collection[str] | None = None
) -> st.SearchStrategy[Territory]:
    """The area an agreement covers, naming up to two of ``places``.

    >>> from hypothesis import given
    >>> @given(territories(places=["tafas"]))
    ... def test_territory(territory):
    ...     assert set(territory.places) <= {"tafas"}
    >>> test_territory()
    """
    return _strategy(
        functools.partial(
            _draw_territory,
            places=_pool("places", places),
            sources=_pool("sources", sources, allow_empty=False),
        )
    )


_CLAIMS = ("Light weapons are handed over too", "Only heavy weapons are handed over", "لا يوجد تهجير")
_TOPICS = ("Which weapons are handed over", "Whether fighters leave for the north", "مصير المطلوبين")
_EVENTS = ("Talks in Daraa al-Balad", "The agreement is signed", "The siege begins", "Shelling resumes")


def _draw_claim(draw: st.DrawFn, sources: _Ids | None, actors: _Ids | None = ()) -> Claim:
    return Claim(
        summary=_text_or(draw, _CLAIMS), citations=_draw_citations(draw, sources), by=_some(draw, actors)
    )


def claims(
    *, sources: Collection[str] | None = None, actors: Collection[str] | None = None
) -> st.SearchStrategy[Claim]:
    """What some sources say, citing ``sources``, made by up to two of ``actors`` (or by none).

    >>> from hypothesis import given
    >>> @given(claims(sources=["sana"], actors=["amnesty"]))
    ... def test_claim(claim):
    ...     assert {citation.source for citation in claim.citations} == {"sana"}
    ...     assert set(claim.by) <= {"amnesty"}
    >>> test_claim()
    """
    return _strategy(
        functools.partial(
            _draw_claim,
            sources=_pool("sources", sources, allow_empty=False),
            actors=_pool("actors", actors),
        )
    )


_DISPUTED_FIELDS = st.lists(st.sampled_from(DisputedField), max_size=2, unique=True)


def _draw_dispute(
    draw: st.DrawFn,
    clauses: _Ids | None,
    sources: _Ids | None,
    dispute_id: str | None = None,
    *,
    parties: _Ids | None = (),
    third_parties: _Ids | None = (),
    actors: _Ids | None = (),
) -> Dispute:
    # Most disputes are about clauses; now and then about who is party to it, or its own fields.
    wider = draw(_BOOLEANS)
    return Dispute(
        id=_draw_id(draw) if dispute_id is None else dispute_id,
        topic=_text_or(draw, _TOPICS),
        claims=[_draw_claim(draw, sources, actors) for _ in range(_count(draw, 2, 3))],
        clauses=_some(draw, clauses),
        parties=_some(draw, parties, 1) if wider else [],
        third_parties=_some(draw, third_parties, 1) if wider else [],
        fields=draw(_DISPUTED_FIELDS) if wider else [],
    )


def disputes(
    *,
    clauses: Collection[str] | None = None,
    parties: Collection[str] | None = None,
    third_parties: Collection[str] | None = None,
    sources: Collection[str] | None = None,
) -> st.SearchStrategy[Dispute]:
    """Terms the sources disagree on: two or three claims, and what they put in doubt.

    A dispute names up to two of ``clauses``, and may name one of the
    agreement's ``parties`` and ``third_parties`` (actor ids) and some of the
    agreement's own fields (its status, date, ...).

    >>> from hypothesis import given
    >>> @given(disputes(clauses=["c4"], parties=["russia"], third_parties=[]))
    ... def test_dispute(dispute):
    ...     assert len(dispute.claims) >= 2 and set(dispute.clauses) <= {"c4"}
    ...     assert set(dispute.parties) <= {"russia"} and dispute.third_parties == ()
    >>> test_dispute()
    """
    return _strategy(
        functools.partial(
            _draw_dispute,
            clauses=_pool("clauses", clauses),
            parties=_pool("parties", parties),
            third_parties=_pool("third_parties", third_parties),
            sources=_pool("sources", sources, allow_empty=False),
        )
    )


_RELATION_KINDS = st.sampled_from(RelationKind)


def _draw_relation(
    draw: st.DrawFn, agreements: _Ids | None, clauses: _Ids | None, sources: _Ids | None
) -> Relation:
    kind = draw(_RELATION_KINDS)
    return Relation(
        kind=kind,
        target=_pick(draw, agreements),
        citations=_draw_citations(draw, sources),
        ends=_some(draw, clauses) if kind.keeps_terms else [],
    )


def relations(
    *,
    agreements: Collection[str] | None = None,
    clauses: Collection[str] | None = None,
    sources: Collection[str] | None = None,
) -> st.SearchStrategy[Relation]:
    """How an agreement builds on one of ``agreements``: amends, supplements, implements, supersedes, follows.

    A relation that keeps the target's terms may end up to two of ``clauses``
    (the target's clause ids); citations quote ``sources``.

    >>> from hypothesis import given
    >>> @given(relations(agreements=["minsk-i"], clauses=["art-3"]))
    ... def test_relation(relation):
    ...     assert relation.target == "minsk-i" and set(relation.ends) <= {"art-3"}
    >>> test_relation()
    """
    return _strategy(
        functools.partial(
            _draw_relation,
            agreements=_pool("agreements", agreements, allow_empty=False),
            clauses=_pool("clauses", clauses),
            sources=_pool("sources", sources, allow_empty=False),
        )
    )


_STATUSES = st.sampled_from(Status)


def _draw_status_entry(
    draw: st.DrawFn, sources: _Ids | None, status: Status | None = None, after: PartialDate = _EARLIEST
) -> StatusEntry:
    return StatusEntry(
        status=draw(_STATUSES) if status is None else status,
        as_of=_draw_date(draw, low=after),
        citations=_draw_citations(draw, sources),
    )


def status_entries(*, sources: Collection[str] | None = None) -> st.SearchStrategy[StatusEntry]:
    """What an agreement's status was as of a date, citing ``sources``.

    >>> from hypothesis import given
    >>> @given(status_entries(sources=["sana"]))
    ... def test_entry(entry):
    ...     assert {citation.source for citation in entry.citations} == {"sana"}
    >>> test_entry()
    """
    return _strategy(
        functools.partial(_draw_status_entry, sources=_pool("sources", sources, allow_empty=False))
    )


def _draw_history(
    draw: st.DrawFn, sources: _Ids | None, date: PartialDate, status: Status
) -> list[StatusEntry]:
    """A dated history that fits the agreement: none before its date, the latest its status."""
    entries: dict[PartialDate, StatusEntry] = {}
    for _ in range(_count(draw, 1, 2)):
        entry = _draw_status_entry(draw, sources, after=date)
        entries.setdefault(entry.as_of, entry)  # one entry a date, so that one is the latest
    latest = max(entries)
    entries[latest] = attrs.evolve(entries[latest], status=status)
    return list(entries.values())


def _draw_event(
    draw: st.DrawFn,
    actors: _Ids | None,
    places: _Ids | None,
    sources: _Ids | None,
    event_id: str | None = None,
    *,
    after: PartialDate | None = None,
    status: Status | None = None,
) -> Event:
    # Inside an agreement, an event fits its status, and one that can only
    # follow the agreement (entry into force, handover, collapse) follows it.
    ruled_out = frozenset() if status is None else status.rules_out
    kind = _chosen(draw, [kind for kind in EventKind if kind not in ruled_out])
    low = after if after is not None and kind.after_agreement else _EARLIEST
    return Event(
        id=_draw_id(draw) if event_id is None else event_id,
        date=_draw_date(draw, low=low),
        kind=kind,
        summary=_text_or(draw, _EVENTS),
        citations=_draw_citations(draw, sources),
        actors=_some(draw, actors),
        places=_some(draw, places),
        inference=_maybe_inference(draw),
    )


def events(
    *,
    actors: Collection[str] | None = None,
    places: Collection[str] | None = None,
    sources: Collection[str] | None = None,
) -> st.SearchStrategy[Event]:
    """Dated events (talks, signing, collapse) of ``actors`` in ``places``.

    >>> from hypothesis import given
    >>> @given(events(actors=["russia"]))
    ... def test_event(event):
    ...     assert isinstance(event.date, PartialDate) and set(event.actors) <= {"russia"}
    >>> test_event()
    """
    return _strategy(
        functools.partial(
            _draw_event,
            actors=_pool("actors", actors),
            places=_pool("places", places),
            sources=_pool("sources", sources, allow_empty=False),
        )
    )


def _unique_ids(draw: st.DrawFn, low: int, high: int, usual: Sequence[str] = ()) -> list[str]:
    """Distinct ids; with ``usual``, mostly those (one choice each rather than several)."""
    element = st.sampled_from(usual) | _ANY_ID if usual else _ANY_ID
    return draw(st.lists(element, min_size=low, max_size=high, unique=True))


_SOURCE_IDS = ("sana", "enab-baladi", "horan-free-league", "syria-direct", "asharq-al-awsat", "rt-arabic")
_ACTOR_IDS = (
    "central-committee",
    "russia",
    "syrian-government",
    "fourth-division",
    "eighth-brigade",
    "ahmed-al-awda",
    "jordan",
    "military-police",
)
_PLACE_IDS = ("daraa-al-balad", "busra-al-sham", "tafas", "nawa", "jasim", "nasib", "tariq-al-sadd")


_Key = tuple[str, str, tuple[str, ...], bool]


def _key(category: str, summary: str, obligors: tuple[str, ...], all_parties: bool) -> _Key:
    return (category, " ".join(summary.casefold().split()), obligors, all_parties)


def _clause_key(clause: Clause) -> _Key:
    return _key(clause.category, clause.summary, clause.obligors, clause.all_parties)


def _draw_agreement(
    draw: st.DrawFn,
    *,
    actors: _Ids | None,
    places: _Ids | None,
    sources: _Ids | None,
    min_clauses: int,
    max_clauses: int,
    agreements: _Ids | None = None,
    vocabulary: Vocabulary | None = None,
) -> Agreement:
    sources = tuple(_unique_ids(draw, 1, 2, _SOURCE_IDS)) if sources is None else sources
    actors = tuple(_unique_ids(draw, 2, 3, _ACTOR_IDS)) if actors is None else actors
    places = tuple(_unique_ids(draw, 0, 2, _PLACE_IDS)) if places is None else places
    agreement_id = _draw_id(draw)
    parties = [
        Party(actor=actor, citations=_draw_citations(draw, sources)) for actor in _some(draw, actors, 3)
    ]
    third_parties = [_draw_third_party(draw, (actor,), sources) for actor in _some(draw, actors, 2)]
    clause_ids = _unique_ids(draw, min_clauses, max_clauses)
    # Event ids differ from clause ids and from "agreement", so that a deadline's anchor names one thing.
    event_ids = [
        event_id
        for event_id in _unique_ids(draw, 0, 2)
        if event_id not in clause_ids and event_id != AGREEMENT_ANCHOR
    ]
    chooser = _DrawChooser(draw)
    clauses: list[Clause] = []
    taken: set[_Key] = set()
    for number, clause_id in enumerate(clause_ids, start=1):
        # Conditions and deadlines name earlier clauses only: none waits, in a circle, for itself.
        earlier = tuple(clause_ids[: number - 1])
        clause = _draw_clause(
            draw,
            actors=actors,
            places=places,
            sources=sources,
            clauses=earlier,
            events=tuple(event_ids),
            clause_id=clause_id,
            vocabulary=vocabulary,
        )
        if clauses and actors and chooser.chance(0.2):
            # A mirror: the words of an earlier clause, another obligor.
            model = chooser.choice(clauses)
            free = [
                actor for actor in actors if _key(model.category, model.summary, (actor,), False) not in taken
            ]
            if free:
                clause = attrs.evolve(
                    clause,
                    category=model.category,
                    summary=model.summary,
                    obligors=[chooser.choice(free)],
                    all_parties=False,
                )
        if _clause_key(clause) in taken:
            # Clauses alike in category, words and obligors could only be told
            # apart by position: number this one, as texts often do.
            clause = attrs.evolve(clause, summary=f"{clause.summary} (part {number})")
        taken.add(_clause_key(clause))
        if any(contradiction(clause, other) is not None for other in clauses):
            clause = _permissive(clause)
        clauses.append(clause)
    date = _draw_date(draw)
    status = draw(_STATUSES)
    events = [
        _draw_event(draw, actors, places, sources, event_id, after=date, status=status)
        for event_id in event_ids
    ]
    targets = None if agreements is None else tuple(target for target in agreements if target != agreement_id)
    relations = []
    if targets != () and draw(_BOOLEANS):
        for _ in range(_count(draw, 1, 2)):
            relation = _draw_relation(draw, targets, (), sources)
            # A free target may hit the agreement's own id; no agreement builds on itself.
            if relation.target != agreement_id:
                relations.append(relation)
    party_ids = tuple(party.actor for party in parties)
    third_ids = tuple(third.actor for third in third_parties)
    return Agreement(
        id=agreement_id,
        title=_draw_text(draw),
        date=date,
        status=status,
        citations=_draw_citations(draw, sources),
        summary=_draw_text(draw, allow_blank=True),
        place=_maybe(draw, places),
        coverage=draw(_COVERAGES),
        relations=relations,
        statuses=_draw_history(draw, sources, date, status) if draw(_BOOLEANS) else [],
        parties=parties,
        third_parties=third_parties,
        territory=_draw_territory(draw, places, sources) if draw(_BOOLEANS) else None,
        clauses=clauses,
        disputes=[
            _draw_dispute(
                draw,
                tuple(clause_ids),
                sources,
                dispute_id,
                parties=party_ids,
                third_parties=third_ids,
                actors=actors,
            )
            for dispute_id in _unique_ids(draw, 0, 2)
        ],
        events=events,
        claims=[_draw_claim(draw, sources, actors) for _ in range(_count(draw, 0, 2))],
        inference=_maybe_inference(draw),
    )


_COVERAGES = st.sampled_from(Coverage)


# Drawn agreements keep clear of the logic checks that make loading fail:
# contradicting clauses (agreements.check.contradiction), and events that the
# status or the date of the agreement rule out (Status.rules_out,
# EventKind.after_agreement).
def _permissive(clause: Clause) -> Clause:
    """The clause as a "may" that hands over rather than keeps: it contradicts nothing."""
    term = clause.weapons
    if term is not None and term.action is WeaponAction.RETAIN:
        term = attrs.evolve(term, action=WeaponAction.HAND_OVER)
    return attrs.evolve(clause, modality=Modality.MAY, weapons=term)


def agreements(
    *,
    actors: Collection[str] | None = None,
    places: Collection[str] | None = None,
    sources: Collection[str] | None = None,
    agreements: Collection[str] | None = None,
    vocabulary: Vocabulary | None = None,
    min_clauses: int = 0,
    max_clauses: int | None = None,
) -> st.SearchStrategy[Agreement]:
    """Agreements whose references hold together, and that :func:`agreements.check` finds no error in.

    Clause ids are unique. Conditions and deadlines name earlier clauses of
    the same agreement (so that none waits for itself), or its events
    (whose ids are neither clause ids nor ``"agreement"``); disputes name its
    clauses, parties and third parties. Parties, third parties, obligors,
    weapons holders and recipients and events name ``actors`` (each party
    and each third party once), places come from ``places``, citations quote
    ``sources``, and relations target ``agreements`` (never the agreement
    itself; without the pool, any id); each pool left out is drawn afresh
    for every agreement. Categories, weapon classes and kinds are built in or
    added by ``vocabulary``. The dated status history fits the status and
    the date. Some clauses are "mirrors": the words of another clause with
    another obligor; no two clauses share category, words and obligors. Up
    to ``max_clauses`` clauses (by default 8, or ``min_clauses`` when that is
    more).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(agreements(actors=["russia", "central-committee"], max_clauses=4))
    ... def test_obligors(agreement):
    ...     assert {o for c in agreement.clauses for o in c.obligors} <= {"russia", "central-committee"}
    >>> test_obligors()
    """
    low, high = _check_sizes("clauses", min_clauses, max_clauses)
    return _strategy(
        functools.partial(
            _draw_agreement,
            actors=_pool("actors", actors),
            places=_pool("places", places),
            sources=_pool("sources", sources, allow_empty=False),
            agreements=_pool("agreements", agreements),
            vocabulary=_check_vocabulary(vocabulary),
            min_clauses=low,
            max_clauses=max(_DEFAULT_CLAUSES, low) if high is None else high,
        )
    )


def _agreement_id(agreement: Agreement) -> str:
    return agreement.id


def _draw_corpus(draw: st.DrawFn, *, min_agreements: int, max_agreements: int) -> Corpus:
    source_ids = tuple(_unique_ids(draw, 1, 3, _SOURCE_IDS))
    actor_ids = tuple(_unique_ids(draw, 1, 4, _ACTOR_IDS))
    place_ids = tuple(_unique_ids(draw, 0, 3, _PLACE_IDS))
    vocabulary = _draw_vocabulary(draw) if draw(_BOOLEANS) else Vocabulary()
    # Parents come from earlier records only, so that no chain of parents loops.
    actors = [
        _draw_actor(draw, actor_ids[:index], source_ids, actor_id, vocabulary)
        for index, actor_id in enumerate(actor_ids)
    ]
    places = [
        _draw_place(draw, place_ids[:index], source_ids, place_id, vocabulary)
        for index, place_id in enumerate(place_ids)
    ]
    agreement = _strategy(
        functools.partial(
            _draw_agreement,
            actors=actor_ids,
            places=place_ids,
            sources=source_ids,
            agreements=(),
            vocabulary=vocabulary,
            min_clauses=0,
            max_clauses=4,
        )
    )
    drawn = draw(
        st.lists(agreement, min_size=min_agreements, max_size=max_agreements, unique_by=_agreement_id)
    )
    # Relations go to agreements drawn before, so that no chain of relations loops.
    ids = [member.id for member in drawn]
    agreements = []
    for index, member in enumerate(drawn):
        relations = [
            _draw_relation(
                draw, (target,), tuple(clause.id for clause in drawn[ids.index(target)].clauses), source_ids
            )
            for target in _some(draw, tuple(ids[:index]))
        ]
        agreements.append(attrs.evolve(member, relations=relations) if relations else member)
    return Corpus(
        sources=[_draw_source(draw, source_id) for source_id in source_ids],
        actors=actors,
        places=places,
        agreements=agreements,
        vocabulary=vocabulary,
    )


def corpora(*, min_agreements: int = 0, max_agreements: int | None = None) -> st.SearchStrategy[Corpus]:
    """Corpora whose agreements refer only to the corpus' own actors, places, sources, agreements and words.

    Actors' and places' parents are in the corpus too, without loops;
    relations target other agreements of the corpus, without loops, and end
    only clauses of their targets; the categories, weapon classes and kinds
    are built in or added by the corpus's vocabulary. :func:`agreements.check`
    finds no error in them. Up to ``max_agreements`` agreements (by default
    3, or ``min_agreements`` when that is more), of up to four clauses each.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(corpora())
    ... def test_citations_quote_the_corpus(corpus):
    ...     assert {citation.source for citation in corpus.citations()} <= set(corpus.sources)
    >>> test_citations_quote_the_corpus()
    """
    low, high = _check_sizes("agreements", min_agreements, max_agreements)
    return _strategy(
        functools.partial(
            _draw_corpus,
            min_agreements=low,
            max_agreements=max(_DEFAULT_AGREEMENTS, low) if high is None else high,
        )
    )


# ------------------------------------------------------------------ edit pairs

# How often each edit happens in a drawn pair; shrinking takes them all to none.
_RATES = _edits.Rates(remove=0.15, move=0.15, edit=0.35, add=0.15, guarantor=0.25)


def _draw_edited(
    draw: st.DrawFn,
    *,
    agreement: Agreement | None,
    single_field: bool,
    renumber: bool | None,
    min_clauses: int,
    max_clauses: int,
) -> EditedPair:
    before = agreement
    if before is None:
        before = _draw_agreement(
            draw, actors=None, places=None, sources=None, min_clauses=min_clauses, max_clauses=max_clauses
        )
    return _edits.edit(_DrawChooser(draw), before, single_field=single_field, renumber=renumber, rates=_RATES)


def edited(
    agreement: Agreement | None = None,
    *,
    single_field: bool = False,
    renumber: bool | None = None,
    min_clauses: int = 0,
    max_clauses: int | None = None,
) -> st.SearchStrategy[EditedPair]:
    """An agreement, an edited copy of it, and the truth about the edits.

    For testing a diff: the truth (an :class:`EditTruth`) says which clauses
    survive and under which id, which were added and removed, which fields of
    each survivor changed (see :data:`EDIT_KINDS`), which were moved, and whose
    third-party role changed. Summaries get small word-level edits (a word or
    two inserted, deleted or replaced) or, unless ``single_field``, a rewrite
    of their second half; obligations move to another actor of the agreement;
    modality, weapon classes, count, timing and places change; new clauses
    unlike the others appear; a few clauses move. With ``single_field`` every
    edited clause has exactly one kind of edit. ``renumber=True`` renumbers the
    clauses of ``after`` ``c1``, ``c2``, ... in their new order (skipping the
    ids of its events), so that ids alone cannot pair them; ``False`` keeps
    the ids; None (the default) does either. New clauses take no id of a
    clause or an event.

    Without an ``agreement``, one is drawn from :func:`agreements` with
    ``min_clauses`` to ``max_clauses`` clauses. Shrinking removes edits: the
    minimal pair has ``after == before``.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(edited(single_field=True, max_clauses=4))
    ... def test_one_kind_per_edited_clause(pair):
    ...     assert all(len(edit.kinds) == 1 for edit in pair.truth.edits)
    ...     assert pair.truth.is_empty == (pair.after == pair.before)
    >>> test_one_kind_per_edited_clause()
    """
    _check_bool("single_field", single_field)
    _check_bool("renumber", renumber, optional=True)
    low, high = _check_sizes("clauses", min_clauses, max_clauses)
    if agreement is not None:
        if not isinstance(agreement, Agreement):
            raise InvalidArgument(f"agreement={agreement!r}: expected an Agreement or None")
        if low or high is not None:
            raise InvalidArgument(
                "min_clauses and max_clauses size a drawn agreement: pass them without agreement"
            )
        seen: set[str] = set()
        for index, clause in enumerate(agreement.clauses):
            if clause.id in seen:
                raise InvalidArgument(f"agreement.clauses[{index}].id: {clause.id!r} is not unique")
            seen.add(clause.id)
    return _strategy(
        functools.partial(
            _draw_edited,
            agreement=agreement,
            single_field=single_field,
            renumber=renumber,
            min_clauses=low,
            max_clauses=max(_DEFAULT_CLAUSES, low) if high is None else high,
        )
    )
