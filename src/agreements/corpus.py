"""The built-in corpus, lookup of agreements by id, and of actors and places by name."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from agreements.exceptions import UnknownActorError, UnknownAgreementError
from agreements.model import Actor, Agreement, Corpus, Place
from agreements.serialize import load
from agreements.similarity import closest, fold

__all__ = ["DATA", "RESOLVE_CUTOFF", "corpus", "find_agreement", "get", "resolve"]

#: Where the built-in corpus lives: one folder of TOML files inside the package.
DATA = Path(str(resources.files("agreements") / "data"))

#: The least similarity (0 to 1) at which ``resolve`` accepts a fuzzy match.
#: Chosen so that every spelling variant in the seeds resolves by folding alone
#: and a fuzzy match must still share most of its letters with an alias.
RESOLVE_CUTOFF = 0.8


@functools.cache
def corpus() -> Corpus:
    """The built-in Daraa corpus, read once and cached.

    >>> list(corpus().agreements)[:2]
    ['russian-conditions-2018', 'busra-al-sham-2018']
    """
    return load(DATA, cls=Corpus)


def find_agreement(agreements: Corpus, agreement_id: str) -> Agreement:
    """The agreement with this id in ``agreements``, or an error naming the closest ids."""
    try:
        return agreements.agreements[agreement_id]
    except KeyError:
        pass
    near = closest(agreement_id, list(agreements.agreements), limit=3, cutoff=0.4)
    raise UnknownAgreementError(agreement_id, [choice for choice, _ in near])


def get(agreement_id: str) -> Agreement:
    """A built-in agreement by id.

    >>> get("daraa-al-balad-2021-09-06").date
    PartialDate(year=2021, month=9, day=6, approximate=False)
    >>> get("busra-2018")
    Traceback (most recent call last):
    ...
    agreements.exceptions.UnknownAgreementError: no agreement with id 'busra-2018'; did you mean ...?
    """
    return find_agreement(corpus(), agreement_id)


def _named(agreements: Corpus) -> Iterable[Actor | Place]:
    yield from agreements.actors.values()
    yield from agreements.places.values()


def resolve(agreements: Corpus, name: str) -> Actor | Place:
    """The actor or place that ``name`` stands for.

    An exact alias wins, after folding case, diacritics, hyphens, the Arabic
    article and common transliteration variants; then the most similar alias
    above :data:`RESOLVE_CUTOFF`. A name that fits several records equally well
    raises :class:`UnknownActorError` listing them, and so does a name that fits
    none, naming the closest.
    """
    key = fold(name)
    if not key:
        raise UnknownActorError(name)
    exact = sorted(
        {record.id: record for record in _named(agreements) if key in map(fold, record.names)}.items()
    )
    if len(exact) == 1:
        return exact[0][1]
    if len(exact) > 1:
        raise UnknownActorError(name, [record_id for record_id, _ in exact], ambiguous=True)
    aliases: dict[str, set[str]] = {}
    records: dict[str, Actor | Place] = {}
    for record in _named(agreements):
        records[record.id] = record
        for alias in record.names:
            aliases.setdefault(fold(alias), set()).add(record.id)
    ranked = closest(key, sorted(aliases), limit=len(aliases))
    if ranked and ranked[0][1] >= RESOLVE_CUTOFF:
        best = ranked[0][1]
        winners = sorted({rid for alias, score in ranked if score == best for rid in aliases[alias]})
        if len(winners) == 1:
            return records[winners[0]]
        raise UnknownActorError(name, winners, ambiguous=True)
    nearest: list[str] = []
    for alias, _ in ranked:
        for record_id in sorted(aliases[alias]):
            if record_id not in nearest:
                nearest.append(record_id)
    raise UnknownActorError(name, nearest[:3])
