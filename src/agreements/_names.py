"""Finding a record by a name in any spelling the sources use.

The rules live here once, for any records that have an ``id`` and ``names``
(actors and places of a corpus, actors read from a PA-X file): an exact alias
wins after folding case, diacritics, hyphens, the Arabic article and common
transliteration variants; then the most similar alias at or above a cutoff.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final, Protocol, TypeVar

from agreements.exceptions import UnknownActorError
from agreements.similarity import closest, fold

__all__ = ["RESOLVE_CUTOFF", "SUGGEST_CUTOFF", "Named", "resolve"]

#: The least similarity (0 to 1) at which :func:`resolve` accepts a fuzzy match.
#: Chosen so that every spelling variant in the seeds resolves by folding alone
#: and a fuzzy match must still share most of its letters with an alias.
RESOLVE_CUTOFF: Final = 0.8

#: How similar a name must be to an alias for that alias's record to be
#: suggested when nothing matches: below this a suggestion misleads more than
#: it helps ("Assad" is not the town of Samad, at 0.6; "Jordanian army" is not
#: the Syrian army, at 0.72). An alias that holds every word of the name
#: ("Assad" in "Assad regime") is suggested whatever its score.
SUGGEST_CUTOFF: Final = 0.75


class Named(Protocol):
    """A record with an id and the names it goes by."""

    @property
    def id(self) -> str: ...

    @property
    def names(self) -> tuple[str, ...]: ...


_N = TypeVar("_N", bound=Named)


def resolve(records: Iterable[_N], name: str) -> _N:
    """The record that ``name`` stands for among ``records``.

    A name that fits several records equally well raises
    :class:`~agreements.exceptions.UnknownActorError` listing them; a name
    that fits none raises it too, naming the records with an alias that holds
    all its words or is spelled much like it (:data:`SUGGEST_CUTOFF`), and
    none rather than a misleading one.
    """
    chosen: Sequence[_N] = list(records)
    key = fold(name)
    if not key:
        raise UnknownActorError(name)
    exact = sorted({record.id: record for record in chosen if key in map(fold, record.names)}.items())
    if len(exact) == 1:
        return exact[0][1]
    if len(exact) > 1:
        raise UnknownActorError(name, [record_id for record_id, _ in exact], ambiguous=True)
    aliases: dict[str, set[str]] = {}
    by_id: dict[str, _N] = {}
    for record in chosen:
        by_id[record.id] = record
        for alias in record.names:
            aliases.setdefault(fold(alias), set()).add(record.id)
    ranked = closest(key, sorted(aliases), limit=len(aliases), cutoff=RESOLVE_CUTOFF)
    if ranked:
        best = ranked[0][1]
        winners = sorted({rid for alias, score in ranked if score == best for rid in aliases[alias]})
        if len(winners) == 1:
            return by_id[winners[0]]
        raise UnknownActorError(name, winners, ambiguous=True)
    # Suggestions are ranked on names folded without the spelling variants,
    # whose consonant skeletons make unrelated short names look alike.
    plain: dict[str, set[str]] = {}
    for record in chosen:
        for alias in record.names:
            plain.setdefault(fold(alias, variants=False), set()).add(record.id)
    wanted = fold(name, variants=False)
    ranked = closest(wanted, sorted(plain), limit=len(plain))
    # First the aliases that hold every word of the name, then those spelled much like it.
    words = set(wanted.split())
    holding = [alias for alias, _ in ranked if words <= set(alias.split())]
    alike = [alias for alias, score in ranked if score >= SUGGEST_CUTOFF and alias not in holding]
    nearest: list[str] = []
    for alias in [*holding, *alike]:
        for record_id in sorted(plain[alias]):
            if record_id not in nearest:
                nearest.append(record_id)
    raise UnknownActorError(name, nearest[:3])
