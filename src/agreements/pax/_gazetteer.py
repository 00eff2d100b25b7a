"""States and international organisations under the names PA-X gives them.

``Russian Federation``, ``the Russian Federation``, ``Russia`` and the
adjective of ``the Russian Guarantor`` are one state, and ``UN`` is the
United Nations: names a fuzzy score would never join (they share few letters)
and must not guess at. The table is short on purpose: the states and
organisations that sign or witness agreements in PA-X's Syrian rows, their
neighbours and the permanent members of the Security Council; any other name
is matched by the general rules of :mod:`agreements.pax._actors`.
"""

from __future__ import annotations

import functools
import re
import types
import unicodedata
from collections.abc import Mapping
from typing import Final

from agreements.model import ActorKind
from agreements.similarity import without_marks

__all__ = ["KINDS", "canonical_name"]

_STATE = ActorKind.STATE
_ORGANISATION = ActorKind.ORGANIZATION

# Canonical name: (kind, other names). The formal "Republic of ..." forms and a
# leading "the" are handled by the rules below, so they are not listed.
_ENTRIES: Final[dict[str, tuple[ActorKind, tuple[str, ...]]]] = {
    "Russia": (_STATE, ("Russian Federation", "Russian")),
    "Turkey": (_STATE, ("Republic of Turkey", "Turkish", "Türkiye")),
    "Iran": (_STATE, ("Islamic Republic of Iran", "Iranian")),
    "Syria": (_STATE, ("Syrian Arab Republic", "Syrian")),
    "United States": (_STATE, ("United States of America", "USA", "US", "U.S.", "American")),
    "United Kingdom": (
        _STATE,
        ("United Kingdom of Great Britain and Northern Ireland", "UK", "Britain", "British"),
    ),
    "France": (_STATE, ("French",)),
    "China": (_STATE, ("People's Republic of China", "Chinese")),
    "Germany": (_STATE, ("Federal Republic of Germany", "German")),
    "Italy": (_STATE, ("Italian",)),
    "Egypt": (_STATE, ("Arab Republic of Egypt", "Egyptian")),
    "Jordan": (_STATE, ("Hashemite Kingdom of Jordan", "Jordanian")),
    "Lebanon": (_STATE, ("Lebanese Republic", "Lebanese")),
    "Iraq": (_STATE, ("Iraqi",)),
    "Israel": (_STATE, ("State of Israel", "Israeli")),
    "Saudi Arabia": (_STATE, ("Kingdom of Saudi Arabia", "Saudi")),
    "Qatar": (_STATE, ("State of Qatar", "Qatari")),
    "Kuwait": (_STATE, ("State of Kuwait",)),
    "Oman": (_STATE, ("Sultanate of Oman",)),
    "United Arab Emirates": (_STATE, ("UAE",)),
    "Kazakhstan": (_STATE, ("Republic of Kazakhstan",)),
    "United Nations": (_ORGANISATION, ("UN", "U.N.", "the UN", "Organisation of the United Nations")),
    "United Nations Security Council": (_ORGANISATION, ("UN Security Council", "UNSC", "Security Council")),
    "European Union": (_ORGANISATION, ("EU", "the EU")),
    "League of Arab States": (_ORGANISATION, ("Arab League",)),
    "African Union": (_ORGANISATION, ("AU",)),
    "International Committee of the Red Cross": (_ORGANISATION, ("ICRC", "Red Cross")),
    "Syrian Arab Red Crescent": (_ORGANISATION, ("Syrian Red Crescent", "SARC")),
    "Organization for Security and Co-operation in Europe": (
        _ORGANISATION,
        ("OSCE", "Organisation for Security and Co-operation in Europe"),
    ),
}

_PREFIX: Final = re.compile(
    r"^(?:the\s+)?(?:(?:islamic|arab|federal|hashemite|democratic|people's)\s+)?"
    r"(?:republic|kingdom|state|sultanate) of (?:the\s+)?",
    re.IGNORECASE,
)
# A state's government is the state here: PA-X writes "Syrian Government",
# "Government of the Syrian Arab Republic" and, in an opposition's words, "Syrian Regime" for the same signatory.
_FORMAL_WORDS: Final = ("government", "regime", "republic", "kingdom", "state", "sultanate")
_FORMAL: Final = re.compile("|".join(_FORMAL_WORDS), re.IGNORECASE)
_GOVERNMENT: Final = re.compile(
    r"^(?:the\s+)?(?:government|regime) of (?:the\s+)?|\s+(?:government|regime)$", re.IGNORECASE
)


def _formal(name: str) -> bool:
    """Whether ``name`` has a word of :data:`_FORMAL` in it: in lower case when it is ASCII, which is quicker."""
    if name.isascii():  # ignoring case is lower-casing for ASCII text
        low = name.lower()
        return any(word in low for word in _FORMAL_WORDS)
    return _FORMAL.search(name) is not None


def _key(name: str) -> str:
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = without_marks(text)
    text = text.casefold()
    text = " ".join(text.replace(".", "").replace("’", "").replace("'", "").split()).strip(" ,;:")
    return text.removeprefix("the ")


def _index() -> dict[str, str]:
    found: dict[str, str] = {}
    for name, (_, others) in _ENTRIES.items():
        for spelling in (name, *others):
            found[_key(spelling)] = name
    return found


_BY_KEY: Final = _index()

#: The kind of each state or organisation of the table, by its canonical name.
KINDS: Final[Mapping[str, ActorKind]] = types.MappingProxyType(
    {name: kind for name, (kind, _) in _ENTRIES.items()}
)


@functools.lru_cache(maxsize=1 << 16)
def canonical_name(name: str) -> str | None:
    """The table's name for a state or organisation, in any of its spellings; ``None`` for any other name.

    >>> canonical_name("the Russian Federation"), canonical_name("Republic of Turkey"), canonical_name("UN")
    ('Russia', 'Turkey', 'United Nations')
    >>> canonical_name("Government of the Syrian Arab Republic"), canonical_name("Syrian Government")
    ('Syria', 'Syria')
    >>> canonical_name("Hayat Tahrir al-Sham") is None
    True
    """
    found = _BY_KEY.get(_key(name))
    if found is not None or not _formal(name):
        return found
    for text in (name, _GOVERNMENT.sub("", name)):
        for candidate in (text, _PREFIX.sub("", text)):
            found = _BY_KEY.get(_key(candidate))
            if found is not None:
                return found
    return None
