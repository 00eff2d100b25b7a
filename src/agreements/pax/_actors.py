"""One actor for each organisation, state or person, however the rows of a PA-X file spell it.

PA-X writes one organisation many ways (``Hayat Tahrir al-Sham``,
``Hayʼat Tahrīr al-Shām``, ``Hay'at Tahrir al-Sham``, ``Tahrir al-Sham``), and
different organisations almost alike (``Harikat Tahrir al-Sham`` and
``Harikat Ahrar al-Sham`` score 93 of 100 on letters). So a name joins an
actor already read when:

1. it is one of the actor's names once folded
   (:func:`agreements.similarity.fold`, after dropping apostrophes), or one of
   its acronyms letter for letter (``SSDF`` is not ``SDF``), or a state or
   organisation of :mod:`agreements.pax._gazetteer` in another spelling;
2. or, for an organisation's name, its distinctive words are the actor's
   (the words left once the article, the particles and the words for the kind
   of group are set aside: *tahrir, sham* in ``Hayat Tahrir al-Sham``), each
   spelt alike (folded equal, or 90% alike in words of six letters or more);
   numbers equal (``Division 13`` is not ``Division 16``); the kinds of group
   not different (a *front* is not a *legion*); and the two names not both
   in the same row (``The Sham Front`` and ``The Shami Front`` sign one list
   together). When several actors fit, :func:`agreements._names.resolve`
   picks the one, and a tie makes a new actor. An acronym joins this way only
   an actor one of whose names has its letters (``M23`` joins ``M23 Movement``).

A person's name joins only a name folded equal to it: kunyas collide too often
(``Abu Abdullah al-Suori``, ``Abu Abdul al-Allah al-Suri``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

from agreements import _names
from agreements.exceptions import UnknownActorError
from agreements.model import Actor, ActorKind, Word
from agreements.pax._gazetteer import KINDS, canonical_name
from agreements.pax._parties import (
    ARMED_NAMES,
    GROUP_WORDS,
    Mention,
    comparable,
    reads_as_person,
    shaped_as_person,
    unquoted,
)
from agreements.similarity import fold

__all__ = ["UNCLASSIFIED", "Registry"]

#: The actor kind of a name that says nothing of what it names (a word of the corpus's vocabulary).
UNCLASSIFIED: Final = Word("pax-unclassified")

_STOPWORDS: Final = frozenset(
    [
        "the",
        "of",
        "and",
        "in",
        "for",
        "to",
        "on",
        "a",
        "an",
        "de",
        "du",
        "la",
        "le",
        "les",
        "des",
        "wal",
        "lil",
        "li",
        "bi",
        "fi",
        "al",
        "el",
        "ad",
        "an",
        "as",
        "ash",
        "at",
        "ar",
        "az",
        "islamic",
        "islamiyya",
        "islamiyyah",
        "islamiyah",
        "islami",
        "islamiya",
    ]
)
_ARMED: Final = frozenset(
    {"front", "army", "movement", "brigade", "battalion", "legion", "division", "forces"}
)
_STATE_FORCE: Final = re.compile(
    r"^(?:the\s+)?(?:syrian|russian|turkish|lebanese|jordanian|iraqi|iranian|israeli|egyptian|us|american)"
    r"(?:\s+arab)?\s+(?:army|armed forces|military police|military|police|security services|intelligence|"
    r"ministry of defen[cs]e|defen[cs]e ministry|forces)$"
)  # matched against the name in lower case, which is faster than ignoring case
# Words that tell the kind of actor, one group per kind; when several occur, the first kind listed wins.
_KIND_WORDS: Final = re.compile(
    rf"\b(?:(?P<armed>{ARMED_NAMES}|"
    r"rebels?|factions?|militias?|fighters|mujahideen|units|operations? rooms?)|"
    r"(?P<population>residents|people|civilians|families|tribes?|elders|notables|dignitaries|clans|sheikhs|"
    r"population|inhabitants|community|communities|victims)|"
    r"(?P<state>government|regime|ministry|governor|governorate|municipality)|"
    r"(?P<committee>council|committee|commission|court|shura|administration|delegation|board)|"
    r"(?P<organization>crescent|red cross|syndicate|initiative|union|organi[sz]ation|association|society|"
    r"programme|program|office|agency|mission|nations))\b"
)  # matched against the name in lower case
_KIND_ORDER: Final = {
    "armed": ActorKind.ARMED_GROUP,
    "population": ActorKind.POPULATION,
    "state": ActorKind.STATE,
    "committee": ActorKind.COMMITTEE,
    "organization": ActorKind.ORGANIZATION,
}

_KIND_RANK: Final[dict[str | None, int]] = {group: rank for rank, group in enumerate(_KIND_ORDER)}
_KINDS_IN_ORDER: Final = tuple(_KIND_ORDER.values())


_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def key(name: str) -> str:
    """The key under which two spellings of one name meet: :func:`fold`, after dropping apostrophes."""
    return fold(unquoted(name))


_ACRONYM: Final = re.compile(r"[A-Z][A-Z0-9]{1,7}")


def _tokens(names: Iterable[str]) -> set[str]:
    """The words of ``names`` in small letters, split at anything but letters and digits."""
    return {token for name in names for token in _NOT_LETTERS.split(name.casefold()) if token}


_NOT_LETTERS: Final = re.compile(r"[\W_]+")


def _keys(name: str) -> tuple[str, ...]:
    """The keys a name is found by: :func:`key`; for an acronym, its letters alone.

    Folding an acronym's vowels and doubled letters away would make ``SSDF``
    and ``SDF``, ``SSIG`` and ``SG`` one name. A word (``Renamo``, ``Nuri``)
    is found by its letters too, so that it still meets its spelling in capitals.
    Letters and folded keys are kept apart (:func:`_letters`): an acronym's
    letters are no word's skeleton, so ``AU`` does not meet ``Ayu``, nor ``HD``
    ``Head``, nor ``SLM`` ``Salam``.
    """
    letters = _acronym(name)
    if letters is not None:
        return (_letters(letters),)
    if " " not in name:  # (ASCII letters alone, the usual case, need no folding to meet an acronym's)
        plain = name.casefold() if name.isascii() and name.isalnum() else fold(unquoted(name), variants=False)
        return (key(name), _letters(plain))
    return (key(name),)


def _acronym(name: str) -> str | None:
    """An acronym's letters in small letters, with or without "The" before it (``The MPC``); else ``None``."""
    bare = name[4:] if name[:4].casefold() == "the " else name
    return bare.casefold() if _ACRONYM.fullmatch(bare) else None


def _letters(plain: str) -> str:
    """A name's letters as a key of their own: a folded key never ends in a blank, so the two never meet."""
    return f"{plain} " if plain else ""


def _letters_kept(first: str, tokens: set[str]) -> bool:
    """Whether a name whose words are ``tokens`` may join fuzzily an actor first named ``first``.

    The actor's distinctive words are its first name's; when that name is an acronym, its letters
    must be a word of the name: ``A. Nuri`` is ``NURI``, but ``Head`` is not ``HD``.
    """
    letters = _acronym(first)
    return letters is None or letters in tokens


class _Words(NamedTuple):
    """What the fuzzy rule compares: the distinctive words (folded), the kinds of group, the numbers."""

    distinct: frozenset[str]
    groups: frozenset[str]
    numbers: frozenset[str]


_NO_WORDS: Final = _Words(distinct=frozenset(), groups=frozenset(), numbers=frozenset())
_FOLDED_GROUPS: Final = {fold(word): group for word, group in GROUP_WORDS.items()}
_FOLDED_STOPWORDS: Final = frozenset(fold(word) for word in _STOPWORDS)


@functools.lru_cache(maxsize=1 << 16)
def _words(name: str) -> _Words:
    """The distinctive words of a name (folded), the kinds of group it names, and its numbers."""
    distinct, groups, numbers = [], [], []
    for token in key(name).split():  # one pass: most names are a handful of words
        if token.isdigit():
            numbers.append(token)
        elif token in _FOLDED_GROUPS:
            groups.append(_FOLDED_GROUPS[token])
        elif token not in _FOLDED_STOPWORDS and len(token) > 1:
            distinct.append(token)
    return _Words(distinct=frozenset(distinct), groups=frozenset(groups), numbers=frozenset(numbers))


def kind_of(name: str, *, person: bool) -> ActorKind | Word:
    """What sort of actor a name stands for, read from the name by a few rules; unclassified when none fits.

    >>> kind_of("Syrian Army", person=False), kind_of("Faylaq al-Rahman", person=False)
    (<ActorKind.STATE_FORCE: 'state-force'>, <ActorKind.ARMED_GROUP: 'armed-group'>)
    >>> kind_of("Residents of Wadi Barada", person=False), kind_of("Sheikh Abu Issa", person=True)
    (<ActorKind.POPULATION: 'population'>, <ActorKind.PERSON: 'person'>)
    """
    if person:
        return ActorKind.PERSON
    known = canonical_name(name)
    if known is not None:
        return KINDS[known]
    low = name.lower()
    if _STATE_FORCE.match(low):
        return ActorKind.STATE_FORCE
    if _words(name).groups & _ARMED:
        return ActorKind.ARMED_GROUP
    # The kind listed first among those whose words the name has (most names have none).
    rank = min((_KIND_RANK[match.lastgroup] for match in _KIND_WORDS.finditer(low)), default=None)
    return UNCLASSIFIED if rank is None else _KINDS_IN_ORDER[rank]


class _Entry:
    """An actor while the file is read: every spelling seen, with how often.

    A plain class with slots, not an attrs one: one is made for every actor of a file.
    """

    __slots__ = ("aliases", "canonical", "id", "person", "rows", "spellings", "words")

    def __init__(self, *, id: str, person: bool, canonical: str | None, words: _Words) -> None:
        self.id = id
        self.person = person
        self.spellings: dict[str, int] = {}  # how often each spelling is seen
        self.aliases: list[str] = []
        self.canonical = canonical
        self.rows: set[int] = set()
        self.words = words

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.spellings, *self.aliases)

    @property
    def first(self) -> str:
        """The name the actor was first read by."""
        return next(iter(self.spellings))


def _slug(name: str) -> str:
    text = _NOT_SLUG.sub("-", comparable(name)).strip("-")
    return text[:60].rstrip("-") or "actor"


_HEAD_END: Final = re.compile(r"[.,]\s")


def _acronym_and_government(name: str, first: str, mine: _Words, theirs: _Words) -> bool:
    """Whether one of two names is an acronym alone and the other that acronym's government: too little to
    join them by. ``CAR``, Togo's Committee of Action for Renewal, is not ``CAR Government``, the Central
    African Republic's (PA-X 1256, 1264). A name all in capitals shows no acronym by its case."""
    if len(mine.distinct) != 1 or "government" not in mine.groups ^ theirs.groups:
        return False
    governed = name if "government" in mine.groups else first
    return not governed.isupper() and any(_acronym(word) is not None for word in governed.split())


@functools.lru_cache(maxsize=1 << 16)
def _own_keys(name: str, person: bool) -> tuple[str | None, tuple[str, ...]]:
    """A mention's entry in the gazetteer (none for a person's name), and the keys its own spelling is found by:
    :func:`_keys`, and the gazetteer name's key; the same for every mention so spelt, so worked out once."""
    canonical = None if person else canonical_name(name)
    own = (*_keys(name), *((key(canonical),) if canonical is not None else ()))
    return canonical, tuple(each for each in own if each)


def _spelling(name: str) -> str:
    """The key a name is read under as written: its folded key, or for one word its letters (:func:`_keys`)."""
    return _keys(name)[-1]


# How a mention found its actor (:meth:`Registry._exact`).
_BY_OWN: Final = "own spelling"
_BY_BRACKET: Final = "bracket"
_CLAIMED: Final = "claimed by two"
_NOT_FOUND: Final = "not found"

#: The shortest folded key by which a spelling joins a state or organisation of the gazetteer it is not.
_SHORTEST_KEY: Final = 6


class Registry:
    """The actors of one file, built up row by row; :meth:`add` gives the id a mention resolves to."""

    def __init__(self) -> None:
        self._entries: list[_Entry] = []
        self._by_key: dict[str, int] = {}  # the first actor found under each key
        self._more_by_key: dict[str, list[int]] = {}  # the others, for the other names in brackets
        self._by_words: dict[frozenset[str], list[int]] = {}
        self._indexed: set[int] = set()
        self._ids: set[str] = set()

    def add(self, mention: Mention, row: int) -> str:
        """The id of the actor ``mention`` names in row ``row``: one read before, or a new one."""
        name, aliases, person = mention.name, mention.aliases, mention.person
        canonical, own = _own_keys(name, person)
        if aliases:
            others = [each for alias in aliases for each in _keys(alias) if each]
            # The gazetteer's entries that the mention's names (its brackets too) name, letter for letter.
            known = {canonical, *(canonical_name(alias) for alias in aliases if not person)}
        else:
            others, known = [], {canonical}
        index, how = self._exact(mention, own, others, known)
        if index is None and how != _CLAIMED and not person and canonical is None:
            index = self._fuzzy(name, row)
        if index is None:
            index = self._new(canonical or name, person, canonical)
        entry = self._entries[index]
        # A spelling found only by another name in its brackets, which is no acronym, does not name the
        # actor: "Krishna Bahadur Mahara, Coordinator, Negotiating team, CPN (Maoist)" is not the CPN's name.
        counted = how != _BY_BRACKET or any(_acronym(alias) is not None for alias in aliases)
        spellings = entry.spellings
        spellings[name] = spellings.get(name, 0) + counted
        entry.rows.add(row)
        for alias in aliases:
            if alias not in entry.aliases:
                entry.aliases.append(alias)
        self._index(index, (*own, *others) if others else own)
        return entry.id

    def _exact(
        self, mention: Mention, own: Sequence[str], others: list[str], known: set[str | None]
    ) -> tuple[int | None, str]:
        """The one actor a mention's keys find letter for letter (``own``, its own spelling's; ``others``, its
        brackets'), or ``None``; and how: by its own spelling, by a bracket, or claimed by two actors.

        The name's own spelling comes first, unless a bracket that is a person's name is another actor's
        own name (``President Nepali Congress (Sher Bahadur Deuba)``: two actors claim it, so neither, and
        the fuzzy rule may not join it either); a group's other name in brackets does not keep it from its
        own actor (``Houthis (Ansar Allah)``). Only when its own spelling finds no actor does a bracket find
        one, among those that agree (:meth:`_agrees`).
        """
        found = self._found(own, known)
        if found:
            claimed = self._found(others, known, every=True) - found if others else set()
            if claimed:  # (rare: the person test only then)
                names = [alias for alias in mention.aliases if shaped_as_person(alias)]
                if any(self._named_by(index, names) for index in claimed):
                    return None, _CLAIMED
            return (found.pop(), _BY_OWN) if len(found) == 1 else (None, _NOT_FOUND)
        if not others:
            return None, _NOT_FOUND
        # A person's name with one word in brackets ("Ibrahim Ahamat (Goula)"): a people, which other persons
        # share, so no actor read under that word is the person's. (The head before ". " or ", " counts:
        # "ABDRAHAMANE Ramadane. chef de race (Kara)".)
        name = mention.name
        person = shaped_as_person(name) or shaped_as_person(_HEAD_END.split(name, maxsplit=1)[0])
        names = [
            alias
            for alias in mention.aliases
            if not (person and " " not in alias and _acronym(alias) is None)
        ]
        # The first actor read under each of those names, else any other that agrees (LPC, a second time).
        for every in (False, True):
            found = {
                index for index in self._found(others, known, every=every) if self._agrees(index, name, names)
            }
            if found:
                break
        return (found.pop(), _BY_BRACKET) if len(found) == 1 else (None, _NOT_FOUND)

    def _found(self, keys: Sequence[str], known: set[str | None], *, every: bool = False) -> set[int]:
        """The actors that ``keys`` find, letter for letter: the first found under each key, or ``every`` one."""
        by_key, more = self._by_key, self._more_by_key
        found = set()
        for each in keys:
            if each not in by_key:
                continue
            for index in (by_key[each], *more.get(each, ())) if every else (by_key[each],):
                # A name and an actor of which one is a state or organisation of the gazetteer and the other is
                # not that one meet by a spelling that only folds alike when the folded key is long enough to
                # tell names apart: "Untied Nations" is the United Nations, but "Sara", a Central African people,
                # folds as short as "Syria" does (whichever comes first).
                if self._entries[index].canonical in known or len(each.rstrip()) >= _SHORTEST_KEY:
                    found.add(index)
        return found

    def _named_by(self, index: int, names: Iterable[str]) -> bool:
        """Whether the actor was read under one of ``names``: folded alike, but a word letter for letter
        (folded, ``Signid`` and ``Signed`` are one word, as ``Sara`` and ``Sura`` are)."""
        wanted = {_spelling(name) for name in names}
        return any(_spelling(spelling) in wanted for spelling in self._entries[index].spellings)

    def _agrees(self, index: int, name: str, names: list[str]) -> bool:
        """Whether an actor found only by another name in the brackets of ``name`` may be the name's.

        It may when the actor was read under one of ``names``, the other names it may be found by
        (:meth:`_named_by`); or when neither the name nor the actor reads as a person's and their names have
        a distinctive word in common (:func:`_words`), or either has none. Two organisations that share only
        an acronym in brackets are two actors: the Liberia Peace Council and the Lesotho People's Congress
        are both ``(LPC)``; and persons share given names.
        """
        if self._named_by(index, names):
            return True
        entry = self._entries[index]
        if reads_as_person(name) or reads_as_person(entry.first):
            return False
        mine = _words(name).distinct
        theirs = frozenset().union(*(_words(spelling).distinct for spelling in entry.spellings))
        return not mine or not theirs or not mine.isdisjoint(theirs)

    def _fuzzy(self, name: str, row: int) -> int | None:
        mine = _words(name)
        fitting = []
        for index in self._by_words.get(mine.distinct, ()) if mine.distinct else ():
            entry = self._entries[index]
            theirs = entry.words
            if entry.person or entry.canonical is not None or row in entry.rows:
                continue
            if mine.numbers != theirs.numbers or (
                mine.groups and theirs.groups and not mine.groups & theirs.groups
            ):
                continue
            if _acronym_and_government(name, entry.first, mine, theirs):
                continue
            fitting.append(index)
        if not fitting:
            return None
        # An acronym joins only a name with its letters (SSDF is not SDF), whichever comes first (HD is not Head).
        letters = _acronym(name)
        if letters is not None:
            fitting = [index for index in fitting if letters in _tokens(self._entries[index].names)]
        else:
            tokens = _tokens([name])
            fitting = [index for index in fitting if _letters_kept(self._entries[index].first, tokens)]
        if len(fitting) <= 1:
            return fitting[0] if fitting else None
        try:
            chosen = _names.resolve([self._entries[index] for index in fitting], name)
        except UnknownActorError:
            return None  # a tie, or none close enough to choose: a new actor rather than a guess
        return next(index for index in fitting if self._entries[index] is chosen)

    def _new(self, name: str, person: bool, canonical: str | None) -> int:
        base = f"pax-{_slug(name)}"
        actor_id, number = base, 2
        while actor_id in self._ids:
            actor_id, number = f"{base}-{number}", number + 1
        self._ids.add(actor_id)
        words = _NO_WORDS if person or canonical is not None else _words(name)  # neither is matched fuzzily
        self._entries.append(_Entry(id=actor_id, person=person, canonical=canonical, words=words))
        return len(self._entries) - 1

    def _index(self, index: int, keys: Sequence[str]) -> None:
        for each in keys:
            if self._by_key.setdefault(each, index) != index and index not in self._more_by_key.get(each, ()):
                self._more_by_key.setdefault(each, []).append(index)
        words = self._entries[index].words
        if words.distinct and index not in self._indexed:
            self._indexed.add(index)
            self._by_words.setdefault(words.distinct, []).append(index)

    def actors(self) -> list[Actor]:
        """The actors read, in the order first seen: each named by its commonest spelling (the first, in a tie).

        The other spellings, the names in brackets and, for a state or an
        organisation of the gazetteer, its name there, are its aliases.
        """
        found = []
        for entry in self._entries:
            spellings = entry.spellings
            ranked = (
                list(spellings)
                if len(spellings) == 1
                else sorted(spellings, key=lambda spelling: -spellings[spelling])
            )
            name = ranked[0]
            aliases = [*ranked[1:], *(alias for alias in entry.aliases if alias not in spellings)]
            if entry.canonical is not None and entry.canonical not in spellings:
                aliases.append(entry.canonical)
            kind = (
                KINDS[entry.canonical] if entry.canonical is not None else kind_of(name, person=entry.person)
            )
            found.append(Actor(id=entry.id, name=name, kind=kind, aliases=aliases))
        return found
