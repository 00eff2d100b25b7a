"""Similar agreements: the agreements most like one, by what they contain, with the score's parts.

Each agreement is described by seven sets of features, one per component:

================  ==============================================================
component         features
================  ==============================================================
``categories``    the categories of its clauses (``other`` aside)
``codes``         the variables of coding schemes its clauses carry (``pax:CeProv``), and their text values (``pax:Stage=Cea``)
``weapons``       what its weapons terms do with which weapons (``hand-over:heavy``)
``third-parties`` the roles of its third parties, alone and with the kind of actor (``guarantor``, ``guarantor:state``)
``parties``       the kinds of actor of its parties (``armed-group``)
``place``         its place and the places that place lies in, by name; or, when both agreements have coordinates, how near they are
``wording``       the words of its title and summary
================  ==============================================================

Within a component, two agreements score the cosine of their features, each
weighted by its inverse document frequency over the corpus (``log(N / n)``
for a feature ``n`` of ``N`` agreements have): a feature every agreement has
counts for nothing, a rare one for much; a feature only one agreement has
cannot be shared and is left out. Places with coordinates score
``exp(-distance / 50 km)``. A component where neither agreement has a feature
is not comparable (``None``) and left out of the score, which is the mean of
the others. Scores are rounded to six decimals; ties go to the earlier id.

With NumPy (the ``pandas`` extra brings it) the scores of all pairs are
matrix products; without it, the same scores come from dictionaries.

>>> import agreements as ag
>>> found = ag.similar(ag.get("busra-al-sham-2018"), ag.corpus(), k=2)
>>> [(match.agreement, match.score > 0) for match in found.matches]
[('russian-conditions-2018', True), ('daraa-2018-07', True)]
>>> sorted(found.matches[0].components)
['categories', 'codes', 'parties', 'place', 'third-parties', 'weapons', 'wording']
"""

from __future__ import annotations

import importlib.util
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from agreements.exceptions import ArgumentTypeError, InvalidArgumentError
from agreements.model import Agreement, Category, Corpus, PartialDate
from agreements.render import similar as render_similar
from agreements.similarity import fold, text_key

if TYPE_CHECKING:
    import numpy as np

__all__ = ["COMPONENTS", "NEAR_KM", "Match", "Neighbours", "nearest", "similar"]

#: The components of a score, in the order they are shown.
COMPONENTS: Final = ("categories", "codes", "weapons", "third-parties", "parties", "place", "wording")
#: The distance at which two places with coordinates score 1/e (about 0.37) on ``place``.
NEAR_KM: Final = 50.0
_EARTH_KM: Final = 6371.0088
_DECIMALS: Final = 6
_HAS_NUMPY: Final = importlib.util.find_spec("numpy") is not None
# How many agreements nearest() scores against all the others at once: a (block x N) matrix per component.
_BLOCK: Final = 256


@attrs.frozen(kw_only=True)
class Match:
    """One agreement found like another: its id, title and date, its score, and the score of each component.

    ``components`` maps each of :data:`COMPONENTS` to its score in [0, 1], or
    ``None`` when neither agreement has anything to compare there.
    """

    agreement: str
    title: str
    date: PartialDate
    score: float
    components: Mapping[str, float | None]


@attrs.frozen(kw_only=True)
class Neighbours:
    """The agreements most like ``agreement``, best first, with the breakdown of each score."""

    agreement: str
    title: str
    matches: tuple[Match, ...]

    def to_text(self, width: int | None = None) -> str:
        """A ranked table: rank, id, score, each component, date and title.

        With ``width`` (terminal columns) and a table wider than that, each
        match is a block instead, its components on the lines below it.
        """
        return render_similar.text(self, width)

    def to_csv(self) -> str:
        """The table as CSV, formula-safe."""
        return render_similar.listing(self).to_csv()

    def to_markdown(self) -> str:
        """The table as Markdown."""
        return render_similar.listing(self).to_markdown()

    def to_json(self) -> str:
        """JSON: the agreement, then each match with its score and components as numbers (``null``: not comparable)."""
        return render_similar.to_json(self)


# ------------------------------------------------------------------ features


@attrs.frozen
class _Profile:
    """What the components compare of one agreement."""

    id: str
    sets: tuple[frozenset[str], ...]  # the features of each component, in the order of COMPONENTS
    point: tuple[float, float] | None  # the coordinates of its place, when it has them


def _words(text: str) -> set[str]:
    return {word for word in text_key(text).split() if len(word) > 2 and not word.isdigit()}


def _places(corpus: Corpus, place_id: str | None) -> set[str]:
    found: set[str] = set()
    seen: set[str] = set()
    while place_id is not None and place_id not in seen:
        seen.add(place_id)
        place = corpus.places.get(place_id)
        found.add(fold(place.name) if place is not None else place_id)
        place_id = None if place is None else place.parent
    return found


def _point(corpus: Corpus, place_id: str | None) -> tuple[float, float] | None:
    place = corpus.places.get(place_id) if place_id is not None else None
    if place is None or place.coordinates is None:
        return None
    return (place.coordinates.latitude, place.coordinates.longitude)


def _profile(agreement: Agreement, corpus: Corpus) -> _Profile:
    categories = {
        clause.category.value for clause in agreement.clauses if clause.category is not Category.OTHER
    }
    codes = {
        f"{code.scheme}:{code.variable}"
        if code.label is None
        else f"{code.scheme}:{code.variable}={code.label}"
        for clause in agreement.clauses
        for code in clause.codes
        if code.label is not None or (code.level or 0) > 0
    }
    weapons = {
        f"{clause.weapons.action.value}:{word}"
        for clause in agreement.clauses
        if clause.weapons is not None
        for word in (
            *(str(cls) for cls in clause.weapons.classes),
            *clause.weapons.systems,
            *(["all"] if clause.weapons.all_weapons else []),
        )
    }
    roles = set()
    for third in agreement.third_parties:
        actor = corpus.actors.get(third.actor)
        roles.add(third.role.value)
        if actor is not None:
            roles.add(f"{third.role.value}:{actor.kind}")
    kinds = {
        str(corpus.actors[party.actor].kind) for party in agreement.parties if party.actor in corpus.actors
    }
    places = _places(corpus, agreement.place)
    wording = _words(f"{agreement.title} {agreement.summary}")
    sets = tuple(frozenset(found) for found in (categories, codes, weapons, roles, kinds, places, wording))
    return _Profile(id=agreement.id, sets=sets, point=_point(corpus, agreement.place))


def _weights(profiles: Sequence[_Profile]) -> list[dict[str, float]]:
    """For each component, each feature's inverse document frequency; features of one agreement are left out."""
    total = len(profiles)
    weights = []
    for component in range(len(COMPONENTS)):
        counts = Counter(feature for profile in profiles for feature in profile.sets[component])
        weights.append(
            {feature: math.log(total / count) for feature, count in counts.items() if 1 < count < total}
        )
    return weights


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = (math.radians(value) for value in (*a, *b))
    inner = (
        math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(inner)))


# ------------------------------------------------------------- the pure path


def _vectors(profiles: Sequence[_Profile], weights: list[dict[str, float]]) -> list[list[dict[str, float]]]:
    """Each profile's unit vector per component (an empty dict when it has no weighted feature)."""
    found = []
    for profile in profiles:
        per_component = []
        for component, features in enumerate(profile.sets):
            vector = {
                feature: weights[component][feature] for feature in features if feature in weights[component]
            }
            norm = math.sqrt(math.fsum(value * value for value in vector.values()))
            per_component.append({feature: value / norm for feature, value in vector.items()} if norm else {})
        found.append(per_component)
    return found


def _pure_row(
    index: int, profiles: Sequence[_Profile], vectors: list[list[dict[str, float]]]
) -> list[list[float | None]]:
    """The component scores of profile ``index`` against every profile (its own row included)."""
    mine = vectors[index]
    rows: list[list[float | None]] = []
    for other, theirs in enumerate(vectors):
        scores: list[float | None] = []
        for component, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            if component == COMPONENTS.index("place"):
                point, their_point = profiles[index].point, profiles[other].point
                if point is not None and their_point is not None:
                    scores.append(math.exp(-_haversine(point, their_point) / NEAR_KM))
                    continue
            if not a and not b:
                scores.append(None)
            elif not a or not b:
                scores.append(0.0)
            else:
                small, large = (a, b) if len(a) <= len(b) else (b, a)
                scores.append(
                    math.fsum(value * large[feature] for feature, value in small.items() if feature in large)
                )
        rows.append(scores)
    return rows


# ----------------------------------------------------------- the NumPy path


@attrs.frozen
class _Matrices:
    """Every profile as a unit row per component (NumPy arrays), and the points of their places."""

    rows: tuple[Any, ...]  # per component: (profiles x features), each row of length 1 or 0
    present: tuple[Any, ...]  # per component: whether each profile has a weighted feature
    points: Any  # (profiles x 2) radians, NaN without coordinates

    @classmethod
    def of(cls, profiles: Sequence[_Profile], weights: list[dict[str, float]]) -> _Matrices:
        import numpy as np  # noqa: PLC0415 - optional speed-up (the pandas extra), imported only when used

        rows, present = [], []
        for component in range(len(COMPONENTS)):
            vocabulary = {feature: column for column, feature in enumerate(sorted(weights[component]))}
            matrix = np.zeros((len(profiles), max(len(vocabulary), 1)), dtype=np.float64)
            for row, profile in enumerate(profiles):
                for feature in profile.sets[component]:
                    column = vocabulary.get(feature)
                    if column is not None:
                        matrix[row, column] = weights[component][feature]
            norms = np.sqrt(np.einsum("ij,ij->i", matrix, matrix))
            has = norms > 0
            matrix[has] /= norms[has, None]
            rows.append(matrix)
            present.append(has)
        points = np.radians(np.array([p.point or (np.nan, np.nan) for p in profiles], dtype=np.float64))
        return cls(rows=tuple(rows), present=tuple(present), points=points)

    def scores(self, queries: Sequence[int]) -> list[np.ndarray[Any, Any]]:
        """For each component, the scores of the ``queries`` against every profile (NaN: not comparable)."""
        import numpy as np  # noqa: PLC0415 - optional speed-up (the pandas extra), imported only when used

        picked = np.asarray(queries, dtype=np.intp)
        found = []
        for component, (matrix, has) in enumerate(zip(self.rows, self.present, strict=True)):
            scores = matrix[picked] @ matrix.T
            scores[~(has[picked][:, None] | has[None, :])] = np.nan
            if COMPONENTS[component] == "place":
                lat, lon = self.points[:, 0], self.points[:, 1]
                inner = (
                    np.sin((lat[None, :] - lat[picked][:, None]) / 2) ** 2
                    + np.cos(lat[picked])[:, None]
                    * np.cos(lat)[None, :]
                    * np.sin((lon[None, :] - lon[picked][:, None]) / 2) ** 2
                )
                with np.errstate(invalid="ignore"):
                    distance = 2 * _EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(inner)))
                scores = np.where(np.isnan(distance), scores, np.exp(-distance / NEAR_KM))
            found.append(scores)
        return found


# -------------------------------------------------------------------- ranking


def _rounded(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else round(value, _DECIMALS)


def _match(agreement: Agreement, scores: Sequence[float | None]) -> Match:
    components = {name: _rounded(score) for name, score in zip(COMPONENTS, scores, strict=True)}
    present = [score for score in components.values() if score is not None]
    total = round(math.fsum(present) / len(present), _DECIMALS) if present else 0.0
    return Match(
        agreement=agreement.id, title=agreement.title, date=agreement.date, score=total, components=components
    )


def _ranked(matches: Iterable[Match], k: int) -> tuple[Match, ...]:
    return tuple(sorted(matches, key=lambda match: (-match.score, match.agreement))[:k])


def _check(k: object, use_numpy: object) -> bool:
    ArgumentTypeError.check("k", k, int, "a whole number")
    assert isinstance(k, int)
    if k < 1:
        raise InvalidArgumentError(f"k: expected 1 or more, got {k}")
    if use_numpy is not None:
        ArgumentTypeError.check("use_numpy", use_numpy, bool, "True, False or None")
    if use_numpy and not _HAS_NUMPY:
        raise InvalidArgumentError("use_numpy: numpy is not installed (the 'pandas' extra brings it)")
    return _HAS_NUMPY if use_numpy is None else bool(use_numpy)


def similar(
    agreement: Agreement | str, corpus: Corpus, *, k: int = 10, use_numpy: bool | None = None
) -> Neighbours:
    """The ``k`` agreements of ``corpus`` most like ``agreement`` (an agreement, or the id of one in ``corpus``).

    The agreement itself is not among them. ``use_numpy`` picks the
    implementation (``None``: NumPy when it is installed); both give the same
    scores.
    """
    ArgumentTypeError.check("corpus", corpus, Corpus, "a Corpus")
    numpy = _check(k, use_numpy)
    if isinstance(agreement, str):
        agreement = corpus.get(agreement)
    ArgumentTypeError.check("agreement", agreement, Agreement, "an Agreement or an agreement's id")
    others = [other for other in corpus.agreements.values() if other.id != agreement.id]
    everyone = [agreement, *others]
    profiles = [_profile(each, corpus) for each in everyone]
    weights = _weights(profiles)
    if numpy:
        matrices = _Matrices.of(profiles, weights).scores([0])
        rows = [[_nan_none(matrix[0, column]) for matrix in matrices] for column in range(len(everyone))]
    else:
        rows = _pure_row(0, profiles, _vectors(profiles, weights))
    matches = (_match(other, rows[index]) for index, other in enumerate(everyone) if index > 0)
    return Neighbours(agreement=agreement.id, title=agreement.title, matches=_ranked(matches, k))


def _nan_none(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def nearest(corpus: Corpus, *, k: int = 10, use_numpy: bool | None = None) -> dict[str, Neighbours]:
    """For every agreement of ``corpus``, its ``k`` most similar others: all pairs at once.

    With NumPy the pairs are scored a block of agreements at a time, as
    matrix products; without it, one agreement after another (the same
    scores, more slowly).
    """
    ArgumentTypeError.check("corpus", corpus, Corpus, "a Corpus")
    numpy = _check(k, use_numpy)
    everyone = list(corpus.agreements.values())
    profiles = [_profile(each, corpus) for each in everyone]
    weights = _weights(profiles)
    found: dict[str, Neighbours] = {}
    if not numpy:
        vectors = _vectors(profiles, weights)
        for index, agreement in enumerate(everyone):
            rows = _pure_row(index, profiles, vectors)
            matches = (
                _match(other, rows[column]) for column, other in enumerate(everyone) if column != index
            )
            found[agreement.id] = Neighbours(
                agreement=agreement.id, title=agreement.title, matches=_ranked(matches, k)
            )
        return found
    all_rows = _Matrices.of(profiles, weights)
    for start in range(0, len(everyone), _BLOCK):
        queries = list(range(start, min(start + _BLOCK, len(everyone))))
        matrices = all_rows.scores(queries)
        for offset, index in enumerate(queries):
            agreement = everyone[index]
            candidates = _candidates(matrices, offset, index, k)
            matches = (
                _match(everyone[column], [_nan_none(matrix[offset, column]) for matrix in matrices])
                for column in candidates
            )
            found[agreement.id] = Neighbours(
                agreement=agreement.id, title=agreement.title, matches=_ranked(matches, k)
            )
    return found


def _candidates(matrices: list[np.ndarray[Any, Any]], offset: int, index: int, k: int) -> list[int]:
    """The columns that can be among the ``k`` best of row ``offset``: the top by the unrounded score, and ties."""
    import numpy as np  # noqa: PLC0415 - optional speed-up (the pandas extra), imported only when used

    stacked = np.stack([matrix[offset] for matrix in matrices])
    counted = (~np.isnan(stacked)).sum(axis=0)
    with np.errstate(invalid="ignore"):
        score = np.where(counted > 0, np.nansum(stacked, axis=0) / np.maximum(counted, 1), 0.0)
    score[index] = -np.inf
    if len(score) <= 4 * k:
        return [column for column in range(len(score)) if column != index]
    # Keep a margin beyond k, so that rounding to six decimals cannot change who is in the top k.
    threshold = np.partition(score, -k)[-k] - 1e-5
    return [int(column) for column in np.flatnonzero(score >= threshold) if column != index]
