"""Words, names and phrases of the Daraa agreements, and the choosers that pick them.

The edit logic and the clause texts are written once, against :class:`Chooser`,
so that the Hypothesis strategies (which draw, and shrink) and the seeded plain
generator for benchmarks (which uses :class:`random.Random`) share the same
semantics.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol, TypeVar

from agreements.model import Category

_T = TypeVar("_T")


class Chooser(Protocol):
    """Where the randomness comes from."""

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``; a shrinking chooser prefers ``low``."""

    def choice(self, items: Sequence[_T]) -> _T:
        """One of ``items`` (never empty); a shrinking chooser prefers the first."""

    def chance(self, probability: float) -> bool:
        """True about ``probability`` of the time; a shrinking chooser prefers False."""


class RandomChooser:
    """A :class:`Chooser` over :class:`random.Random`, for seeded plain generation."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def integer(self, low: int, high: int) -> int:
        return self._rng.randint(low, high)

    def choice(self, items: Sequence[_T]) -> _T:
        return items[self._rng.randrange(len(items))]

    def chance(self, probability: float) -> bool:
        return self._rng.random() < probability


def sample(chooser: Chooser, items: Sequence[_T], count: int) -> list[_T]:
    """``count`` distinct positions of ``items``, in the order drawn."""
    left = list(items)
    return [left.pop(chooser.integer(0, len(left) - 1)) for _ in range(min(count, len(left)))]


# ------------------------------------------------------------------ vocabulary

PLACE_NAMES = (
    "Daraa al-Balad",
    "Busra al-Sham",
    "Tafas",
    "Nawa",
    "Jasim",
    "al-Yadudah",
    "Tariq al-Sadd",
    "the Nasib crossing",
    "Inkhil",
    "al-Sanamayn",
    "Da'el",
    "Izra",
    "Sheikh Maskin",
    "the Daraa camp",
    "Muzayrib",
    "Tal Shihab",
    "al-Harak",
    "Busr al-Harir",
    "the western countryside",
    "the eastern countryside",
    "Umm al-Mayadhin",
    "Saida",
    "Khirbet Ghazaleh",
    "al-Karak al-Sharqi",
)

ARABIC_PLACE_NAMES = (
    "درعا البلد",
    "بصرى الشام",
    "طفس",
    "نوى",
    "جاسم",
    "اليادودة",
    "طريق السد",
    "معبر نصيب",
    "إنخل",
    "الصنمين",
    "داعل",
    "المزيريب",
)

ACTOR_NAMES = (
    "Ahmed al-Awda",
    "Ahmad al-Oudeh",
    "the Central Committee",
    "the Russian military police",
    "the Fourth Division",
    "the Fifth Corps",
    "the Eighth Brigade",
    "the Syrian government",
    "the armed factions",
    "Military Security",
    "the notables of Daraa al-Balad",
    "Jordan",
    "Russia",
)

ARABIC_ACTOR_NAMES = (
    "أحمد العودة",
    "اللجنة المركزية",
    "الشرطة العسكرية الروسية",
    "الفرقة الرابعة",
    "الفيلق الخامس",
    "اللواء الثامن",
    "الأمن العسكري",
)

#: What each category of clause typically says, as the start of a summary (every built-in category).
CORES: dict[str, tuple[str, ...]] = {
    Category.CEASEFIRE: (
        "cease all hostilities",
        "stop the shelling of",
        "halt military operations around",
        "observe a complete ceasefire",
        "refrain from attacks on army positions",
    ),
    Category.WEAPONS: (
        "hand over heavy weapons",
        "hand over heavy and medium weapons",
        "hand over light weapons",
        "surrender small arms held by wanted men",
        "keep light weapons for local defence",
        "collect weapons at an agreed depot",
    ),
    Category.SECURITY_PRESENCE: (
        "deploy the military police",
        "withdraw the Fourth Division",
        "station Russian military police",
        "conduct joint patrols",
        "set up a security point",
    ),
    Category.CHECKPOINTS: (
        "set up checkpoints",
        "remove checkpoints",
        "open the checkpoint",
        "establish nine security points",
        "staff checkpoints with local members",
    ),
    Category.SIEGE: (
        "lift the siege of",
        "allow food and medicine into",
        "open the roads leading to",
        "end the blockade of",
    ),
    Category.DISPLACEMENT: (
        "let fighters who refuse leave for the north",
        "transfer those who reject the settlement to Idlib",
        "deport the wanted men named on the list",
        "bus the displaced to the north",
    ),
    Category.RETURN: (
        "allow the return of civilians",
        "return displaced families to their homes",
        "let residents go back to",
    ),
    Category.SETTLEMENT: (
        "settle the status of wanted men",
        "grant an amnesty to the residents of",
        "review the security files of the men of",
        "open a settlement centre",
    ),
    Category.MILITARY_SERVICE: (
        "defer military service for the young men of",
        "join the army after six months",
        "serve in the reserve near home",
    ),
    Category.STATE_INSTITUTIONS: (
        "restore state institutions",
        "raise the state flag over",
        "reopen government offices",
    ),
    Category.BORDER_CROSSING: (
        "hand over the Nasib border crossing",
        "reopen the crossing with Jordan",
        "place the crossing under civilian administration",
    ),
    Category.INTEGRATION: (
        "integrate fighters into the Eighth Brigade",
        "join the Fifth Corps",
        "enlist former fighters in local units",
    ),
    Category.EXCHANGE: (
        "release detainees",
        "exchange prisoners and bodies",
        "disclose the fate of the missing",
    ),
    Category.SERVICES: (
        "restore water and electricity",
        "reopen schools",
        "repair the roads",
        "resume bread deliveries",
    ),
    Category.MONITORING: (
        "monitor compliance",
        "report violations to the guarantors",
        "form a joint committee",
    ),
    Category.WITHDRAWAL: (
        "pull back forces from the front line",
        "withdraw troops to their barracks",
        "evacuate army positions around",
    ),
    Category.SECURITY_ARRANGEMENTS: (
        "set up a buffer zone",
        "form joint security patrols around",
        "create a demilitarised zone around",
    ),
    Category.HUMANITARIAN_ACCESS: (
        "let aid convoys enter",
        "open a humanitarian corridor to",
        "grant relief agencies access to",
    ),
    Category.AMNESTY: (
        "pardon those who lay down arms",
        "drop charges against defectors",
        "grant a general pardon to the men of",
    ),
    Category.DETAINEES: (
        "free prisoners held since 2011",
        "publish lists of the arrested",
        "free detained women",
    ),
    Category.DEMOBILISATION: (
        "disband the armed factions",
        "dissolve local militias",
        "register fighters for disarmament",
    ),
    Category.ELECTIONS: (
        "hold local council elections",
        "vote for a new council",
        "elect a municipal council",
    ),
    Category.POLITICAL_REFORM: (
        "amend the constitution",
        "lift the state of emergency",
        "draft a new electoral law",
    ),
    Category.OTHER: (
        "search houses",
        "hold talks on the remaining points",
        "register the names of residents",
    ),
}

_QUALIFIERS = (
    "within {n} days",
    "within {n} hours",
    "after {n} months",
    "in phase {n}",
    "for {n} wanted men",
    "at {n} points",
    "with a list of {n} names",
    "under Russian guarantee",
    "in coordination with the Central Committee",
    "under the supervision of the military police",
    "on the Daraa–Damascus road",
    "before the harvest",
    "as agreed with the notables",
    "بضمانة روسية",
)

TIMINGS = (
    "within 48 hours",
    "within 15 days",
    "after the settlement",
    "immediately",
    "by the end of the month",
    "in the first phase",
    "after six months",
    "during the ceasefire",
    "once the committee agrees",
)

#: Words a small edit inserts or swaps in.
FILLERS = (
    "all",
    "immediately",
    "fully",
    "jointly",
    "remaining",
    "also",
    "local",
    "armed",
    "heavy",
    "Russian",
    "central",
    "former",
    "gradually",
    "only",
)


# Cores that end in a preposition take a place straight after them.
_OPEN = (" of", " around", " into", " to", " for", " over")


def _place(chooser: Chooser) -> str:
    if chooser.chance(0.2):
        return chooser.choice(ARABIC_PLACE_NAMES)
    return chooser.choice(PLACE_NAMES)


def summary(chooser: Chooser, category: str) -> str:
    """A neutral clause summary in the words of the category (a corpus's own category: of ``other``)."""
    core = chooser.choice(CORES.get(category, CORES[Category.OTHER]))
    parts = [core]
    if core.endswith(_OPEN):
        parts.append(_place(chooser))
    elif chooser.chance(0.6):
        place = _place(chooser)
        parts.append(("في " if place in ARABIC_PLACE_NAMES else "in ") + place)
    if chooser.chance(0.5):
        parts.append(chooser.choice(_QUALIFIERS).format(n=chooser.integer(2, 90)))
    text = " ".join(parts)
    return text[0].upper() + text[1:]


#: What new clauses say: words the other phrases never use, so that an added
#: clause does not pass for an edited one.
_NEW_CORES = (
    "declare a truce for Eid prayers",
    "guarantee safe passage for harvest workers",
    "reconnect telephone lines",
    "compensate owners of demolished homes",
    "appoint tribal elders as arbiters",
    "survey unexploded ordnance near farmland",
    "reinstate dismissed teachers",
    "vaccinate livestock",
    "rebuild damaged mosques",
    "issue identity documents to newborns",
    "allow pilgrims to travel",
    "audit detention records",
)
_NEW_QUALIFIERS = (
    "through Jordanian mediation",
    "with UNHCR observers",
    "before Ramadan ends",
    "pending consultations in Amman",
    "overseen by tribal elders",
    "funded by donor pledges",
    "عبر وساطة أردنية",
)


def new_summary(chooser: Chooser) -> str:
    """A summary in words that :func:`summary`, the fillers and the timings never use."""
    text = chooser.choice(_NEW_CORES)
    if chooser.chance(0.7):
        text += " " + chooser.choice(_NEW_QUALIFIERS)
    return text[0].upper() + text[1:]


def _vocabulary() -> frozenset[str]:
    found: set[str] = set()
    for phrase in (
        *(core for cores in CORES.values() for core in cores),
        *PLACE_NAMES,
        *ARABIC_PLACE_NAMES,
        *(qualifier.replace("{n}", "") for qualifier in _QUALIFIERS),
        *TIMINGS,
        *FILLERS,
        "in في",
    ):
        found |= words(phrase)
    return frozenset(found | {str(number) for number in range(100)})


def familiar(text: str) -> bool:
    """Whether half or more of the words of ``text`` are words :func:`summary` uses.

    When not, ``text`` is unlike every text built from the shared vocabulary,
    edited or not: they share less than half of its words, so less than half
    of any union.
    """
    found = words(text)
    return 2 * len(found & VOCABULARY) >= len(found)


def words(text: str) -> frozenset[str]:
    """The case-folded words of a text, for a rough likeness."""
    return frozenset(text.casefold().split())


def alike(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two word sets share at least half their union (Jaccard >= 0.5)."""
    union = len(first | second)
    return union > 0 and 2 * len(first & second) >= union


def small_edit(chooser: Chooser, text: str) -> str:
    """Insert, delete or replace a word or two: an edit a diff should still pair."""
    original = text.split()
    tokens = list(original)
    for _ in range(1 if len(tokens) < 8 else chooser.integer(1, 2)):
        operation = "insert" if len(tokens) < 4 else chooser.choice(("insert", "delete", "replace"))
        if operation == "insert":
            tokens.insert(chooser.integer(0, len(tokens)), chooser.choice(FILLERS))
        elif operation == "delete":
            del tokens[chooser.integer(0, len(tokens) - 1)]
        else:
            index = chooser.integer(0, len(tokens) - 1)
            tokens[index] = chooser.choice([word for word in FILLERS if word != tokens[index]])
    if tokens == original or not alike(words(" ".join(tokens)), words(text)):
        # Keep every word and add one: still an edit, still recognisable.
        tokens = list(original)
        tokens.insert(chooser.integer(0, len(tokens)), chooser.choice(FILLERS))
    return " ".join(tokens)


def rewrite(chooser: Chooser, text: str, category: str) -> str:
    """Keep the first half of the words and write a new second half."""
    tokens = text.split()
    kept = tokens[: (len(tokens) + 1) // 2]
    fresh = summary(chooser, category).split()
    tail = fresh[len(fresh) // 2 :] or fresh
    result = [*kept, *tail]
    if result == tokens:
        result.append(chooser.choice(FILLERS))
    return " ".join(result)


VOCABULARY = _vocabulary()
