"""Clause alignment: which clause of the old agreement became which clause of the new.

The steps, each documented in ``docs/diff.md``:

1. Pairs the caller forces (``pairs=``) are taken as given.
2. Clauses are blocked by category: a clause never pairs across categories
   unless forced, so each block is solved on its own.
3. Inside a block, clauses identical in everything but their id pair first
   (same id first, then in id order), because nothing can score higher.
4. Ids: when most of the ids the two agreements share name clauses of one
   category that plausibly continue each other, the ids are the author's
   statement that those clauses continue, and every same-id pair of one
   category may pair whatever its score (``PairedBy.SAME_ID``), unless a
   better-scoring partner claims one of its clauses. With
   ``trust_ids=False`` the same id only lowers the bar (``id_threshold``)
   and breaks ties; when the ids look renumbered it only breaks ties.
5. The rest are scored: the words (the word-sorted summaries, or the quotes
   cited, whichever agree more), cut for another obligor, other weapons,
   other places and other terms. Only pairs whose words come near the bar
   are scored (:func:`agreements.similarity.candidate_pairs`: every pair in
   C for a small block, the pairs sharing a word for a large one, and only
   each clause's best few candidates when a large block has many).
6. The plausible pairs split into connected components, and each component
   gets an optimal one-to-one assignment (Hungarian method) maximising the
   total margin over the bar, plus :data:`QUOTE_BONUS` for a shared quote
   that a few clauses cite; a component larger than ``COMPONENT_CAP`` is
   first thinned to each clause's best two pairs, and what is still too
   large is paired greedily (the benchmark measures the cost).
7. A large block then looks again among the clauses it left unpaired, whose
   best few candidates may all have paired elsewhere, unless no candidate
   was cut and no component thinned (then nothing is left to find).

Nothing depends on the order of the clauses except the final tie-break, and
the tie-breaks are the same whichever agreement is called old, so that
``diff(a, b)`` and ``diff(b, a)`` pair the same clauses.
"""

from __future__ import annotations

import operator
import re
import types
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Final, NamedTuple

import attrs

from agreements._diff.assignment import greedy, hungarian
from agreements._diff.changes import PairedBy, Score
from agreements.model import Clause, WeaponsTerm
from agreements.similarity import DENSE_PAIRS, candidates, similarity, sorted_tokens

__all__ = [
    "BEST",
    "COMPONENT_CAP",
    "ID_BONUS",
    "ID_THRESHOLD",
    "PENALTIES",
    "QUOTE_BONUS",
    "THRESHOLD",
    "Match",
    "align",
    "content_key",
    "id_key",
    "score",
]

#: Least total score at which two clauses of one category may pair; under it
#: the old clause is removed and the new one added. See docs/diff.md for the
#: sweep over ``edited()`` pairs that chose it.
THRESHOLD = 0.55

#: The bar for two clauses with the same id (and category) when the ids are
#: not trusted (renumbered, or ``trust_ids=False``): lower, because the same
#: id is evidence that they are one clause redrafted, but not zero, because
#: ids get renumbered. Such a pair gains nothing else from its id: a pair
#: over :data:`THRESHOLD` always outbids it.
ID_THRESHOLD = 0.35

#: When the ids are trusted, what a same-id pair adds to its total (counted
#: from at least :data:`THRESHOLD`) in the assignment: a same-id pair loses
#: its clauses only to a pair that scores this much better.
ID_BONUS = 0.2

#: How much a mismatch of each structured component takes off the evidence:
#: ``total = category * max(text, citations) * (1 - sum(PENALTIES[c] * (1 - c)))``.
#: The words carry identity (the summary, or the quotes cited, which a
#: redrafted clause keeps); equal structure cannot lift unrelated texts (most
#: clauses of one category share an obligor and have no weapons or places),
#: but a different obligor, weapons scope, place set or terms pulls a pair
#: down, which is what separates "mirror" clauses (same words, another obligor).
#: Read-only: the scoring reads these once, when the module is imported.
PENALTIES: Final[Mapping[str, float]] = types.MappingProxyType(
    {"obligor": 0.15, "weapons": 0.15, "places": 0.1, "terms": 0.15}
)

#: What sharing a quote that other clauses cite too adds to a pair's worth in the
#: assignment, divided by the most clauses of one agreement that cite it (a quote
#: cited by two clauses on each side adds half of this). It never lets a pair in
#: (only :data:`THRESHOLD` does, and a quote cited by one clause on each side counts
#: in the score itself); among the pairs over the bar, it prefers the clause that
#: still cites what its partner cited, which the words of a clause redrafted with
#: a near-copy beside it do not tell.
QUOTE_BONUS = 0.1

#: Components with more clauses than this on either side are thinned to each
#: clause's best two pairs; what is still larger is paired greedily.
COMPONENT_CAP = 60

#: In a block of more than :data:`~agreements.similarity.DENSE_PAIRS` pairs,
#: the text candidates kept per clause (with ties).
BEST = 5

_SCALE = 10_000
_FEW = 64


class Match(NamedTuple):
    """One pairing: the positions of the two clauses and the :class:`Score` that explains it."""

    old: int
    new: int
    score: Score

    @property
    def total(self) -> float:
        """The pair's total score."""
        return self.score.total


def id_key(clause_id: str) -> tuple[str | int, ...]:
    """Sort key for ids that puts ``c2`` before ``c10``.

    >>> sorted(["c10", "c2", "c1a"], key=id_key)
    ['c1a', 'c2', 'c10']
    """
    parts = re.split(r"(\d+)", clause_id)
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


_CONTENT_FIELDS: Final = tuple(field.name for field in attrs.fields(Clause) if field.name != "id")
_CONTENT: Final = operator.attrgetter(*_CONTENT_FIELDS)


def content_key(clause: Clause) -> Hashable:
    """Everything about a clause except its id."""
    key: Hashable = _CONTENT(clause)
    return key


def _jaccard(a: frozenset[object], b: frozenset[object]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _weapons(a: WeaponsTerm | None, b: WeaponsTerm | None) -> float:
    if a is None or b is None:
        return 1.0 if a is b else 0.0
    overlap = _jaccard(frozenset(a.classes), frozenset(b.classes))
    return overlap if a.action is b.action else overlap / 2


_CiteKey = tuple[str, str]


class _Features(NamedTuple):
    """What scoring needs of one clause, computed once per call."""

    cited: AbstractSet[_CiteKey]
    telling: AbstractSet[_CiteKey]
    places: frozenset[str]
    parties: tuple[object, ...]  # the obligors, and whether all parties are
    terms: tuple[object, ...]  # modality, action, quantity, and timing with deadlines
    quoted: AbstractSet[_CiteKey]  # what it cites of the quotes several clauses cite (see _quoted)


_NONE: Final[frozenset[_CiteKey]] = frozenset()


def _features(
    clause: Clause, telling: AbstractSet[_CiteKey] | None, quoted: Mapping[_CiteKey, int] | None = None
) -> _Features:
    cited = frozenset([(citation.source, citation.quote) for citation in clause.citations])
    return _Features(
        cited,
        cited if telling is None else cited & telling,
        frozenset(clause.places),
        (clause.obligors, clause.all_parties),
        (clause.modality, clause.action, clause.quantity, (clause.timing, clause.deadlines)),
        _NONE if not quoted else quoted.keys() & cited,
    )


def _terms(a: _Features, b: _Features) -> float:
    """The share of the terms (modality, action, quantity, timing) on which two clauses agree."""
    mine, theirs = a.terms, b.terms
    return (
        (mine[0] == theirs[0]) + (mine[1] == theirs[1]) + (mine[2] == theirs[2]) + (mine[3] == theirs[3])
    ) / 4


class _Evidence(NamedTuple):
    """The components of a pair's :class:`Score` and their total, before the Score is built."""

    text: float
    citations: float
    obligor: float
    category: float
    weapons: float
    places: float
    terms: float
    total: float


_OBLIGOR, _WEAPONS, _PLACES, _TERMS = (PENALTIES[name] for name in ("obligor", "weapons", "places", "terms"))


def _evidence(a: Clause, b: Clause, fa: _Features, fb: _Features, text: float) -> _Evidence:
    """Each component of the score of pairing ``a`` with ``b``, and the total (see :class:`Score`)."""
    text = round(text, 4)
    shared = fa.telling & fb.telling
    citations = round(len(shared) / len(fa.cited | fb.cited), 4) if shared else 0.0
    obligor = 1.0 if fa.parties == fb.parties else 0.0
    category = 1.0 if a.category == b.category else 0.0
    weapons = 1.0 if a.weapons is None and b.weapons is None else round(_weapons(a.weapons, b.weapons), 4)
    places = round(_jaccard(fa.places, fb.places), 4) if fa.places or fb.places else 1.0
    terms = _terms(fa, fb)
    kept = (
        1.0
        - _OBLIGOR * (1.0 - obligor)
        - _WEAPONS * (1.0 - weapons)
        - _PLACES * (1.0 - places)
        - _TERMS * (1.0 - terms)
    )
    total = round(category * max(text, citations) * kept, 4)
    return _Evidence(text, citations, obligor, category, weapons, places, terms, total)


def _scored(evidence: _Evidence, *, at: tuple[int, int], same_id: bool, how: PairedBy) -> Match:
    score = Score(
        text=evidence.text,
        citations=evidence.citations,
        obligor=evidence.obligor,
        category=evidence.category,
        weapons=evidence.weapons,
        places=evidence.places,
        terms=evidence.terms,
        total=evidence.total,
        same_id=same_id,
        paired_by=how,
    )
    return Match(*at, score)


def _match(
    a: Clause, b: Clause, fa: _Features, fb: _Features, *, at: tuple[int, int], text: float, how: PairedBy
) -> Match:
    return _scored(_evidence(a, b, fa, fb, text), at=at, same_id=a.id == b.id, how=how)


def score(a: Clause, b: Clause) -> Match:
    """The score of pairing clause ``a`` with clause ``b`` alone (positions left at 0).

    In :func:`align`, only citations that no other clause of either agreement
    cites count; here, with no other clauses, every shared citation does.

    >>> import attrs
    >>> from agreements import Category, Citation, Clause
    >>> cite = [Citation(source="s", quote="q")]
    >>> a = Clause(id="a", category=Category.SIEGE, summary="Lift the siege.", citations=cite, obligors=["army"])
    >>> score(a, a).total, score(a, attrs.evolve(a, obligors=["police"])).total
    (1.0, 0.85)
    """
    text = similarity(a.summary, b.summary)
    return _match(a, b, _features(a, None), _features(b, None), at=(0, 0), text=text, how=PairedBy.SCORE)


def align(
    old: Sequence[Clause],
    new: Sequence[Clause],
    forced: Sequence[tuple[int, int]] = (),
    *,
    threshold: float = THRESHOLD,
    id_threshold: float = ID_THRESHOLD,
    trust_ids: bool = True,
    use_numpy: bool | None = None,
) -> list[Match]:
    """Pair positions of ``old`` with positions of ``new``; ordered by old position."""
    counts = _citing(old, new)
    telling = _telling(old, new, counts)
    quoted = _quoted(old, new, counts)
    matches = [
        _match(
            old[i],
            new[j],
            _features(old[i], telling),
            _features(new[j], telling),
            at=(i, j),
            text=similarity(old[i].summary, new[j].summary),
            how=PairedBy.FORCED,
        )
        for i, j in forced
    ]
    taken_old = {i for i, _ in forced}
    taken_new = {j for _, j in forced}
    blocks: dict[object, tuple[list[int], list[int]]] = {}
    for i, clause in enumerate(old):
        if i not in taken_old:
            blocks.setdefault(clause.category, ([], []))[0].append(i)
    for j, clause in enumerate(new):
        if j not in taken_new:
            blocks.setdefault(clause.category, ([], []))[1].append(j)
    bars = _Bars(threshold, min(id_threshold, threshold))
    # Ids trusted: a same-id pair may pair at any score. Not trusted by the
    # caller: the same id lowers the bar. Trusted by the caller but found
    # renumbered: a same id is a coincidence, and only breaks ties.
    trusted = trust_ids and ids_kept(old, new, telling=telling, id_threshold=bars.same_id)
    if trust_ids and not trusted:
        bars = _Bars(threshold, threshold)
    for rows, columns in blocks.values():
        if rows and columns:
            matches.extend(
                _align_block(
                    old,
                    new,
                    rows,
                    columns,
                    bars=bars,
                    telling=telling,
                    quoted=quoted,
                    trusted=trusted,
                    use_numpy=use_numpy,
                )
            )
    return sorted(matches, key=lambda match: (match.old, match.new))


def ids_kept(
    old: Sequence[Clause],
    new: Sequence[Clause],
    *,
    telling: AbstractSet[_CiteKey] | None = None,
    id_threshold: float = ID_THRESHOLD,
) -> bool:
    """Whether the ids the two agreements share mostly name the same clauses.

    An id is shared when one clause of each agreement has it. It is kept
    when both clauses have one category and are identical but for their id
    or score at least ``id_threshold``. Ids are trusted when at least half
    of the shared ids are kept: in a document renumbered ``c1``, ``c2``, ...
    after a clause was dropped, most shared ids name two unrelated clauses.

    >>> from agreements import Category, Citation, Clause
    >>> def clause(id, summary):
    ...     return Clause(id=id, category=Category.SIEGE, summary=summary,
    ...                   citations=[Citation(source="s", quote=summary)])
    >>> old = [clause("c1", "Lift the siege of the old city."), clause("c2", "Open the road to Tafas.")]
    >>> ids_kept(old, [clause("c1", "Lift the siege."), clause("c2", "Open the road.")])
    True
    >>> ids_kept(old, [clause("c1", "Exchange bodies on Monday."), clause("c2", "Lift the siege.")])
    False
    """
    new_at = _unique_ids(new)
    shared = kept = 0
    for i, position in _unique_ids(old).items():
        j = new_at.get(i)
        if j is None:
            continue
        shared += 1
        a, b = old[position], new[j]
        if a.category != b.category:
            continue
        if a.summary == b.summary and content_key(a) == content_key(b):
            kept += 1
            continue
        fa, fb = _features(a, telling), _features(b, telling)
        text = similarity(a.summary, b.summary)
        if _match(a, b, fa, fb, at=(position, j), text=text, how=PairedBy.SCORE).total >= id_threshold:
            kept += 1
    return shared > 0 and 2 * kept >= shared


def _unique_ids(clauses: Sequence[Clause]) -> dict[str, int]:
    """Id to position, for the ids that one clause alone has."""
    seen: dict[str, int] = {}
    doubled: set[str] = set()
    for position, clause in enumerate(clauses):
        if clause.id in seen:
            doubled.add(clause.id)
        seen[clause.id] = position
    return {clause_id: position for clause_id, position in seen.items() if clause_id not in doubled}


class _Bars(NamedTuple):
    """The least totals at which a pair may pair: any pair, and a pair with the same id."""

    any: float
    same_id: float


def _align_block(
    old: Sequence[Clause],
    new: Sequence[Clause],
    rows: list[int],
    columns: list[int],
    *,
    bars: _Bars,
    telling: AbstractSet[_CiteKey],
    quoted: Mapping[_CiteKey, int],
    trusted: bool,
    use_numpy: bool | None,
) -> list[Match]:
    matches, rows, columns = _identical(old, new, rows, columns)
    while rows and columns:
        # The best few per clause only in a large block: small ones are solved exactly.
        large = len(rows) * len(columns) > DENSE_PAIRS or len(rows) + len(columns) > _FEW
        found, complete = _pair_up(
            old,
            new,
            rows,
            columns,
            bars=bars,
            telling=telling,
            quoted=quoted,
            trusted=trusted,
            large=large,
            use_numpy=use_numpy,
        )
        matches.extend(found)
        if not found or not large or complete:
            # A small block, or a large one whose every pair over the cutoff was a candidate
            # and whose assignment was exact: no pair over the bar is left between two
            # clauses both unpaired (an optimal assignment would have taken it).
            break
        # In a large block, a clause whose candidates all paired elsewhere may still have
        # a partner over the bar among the clauses left unpaired: look again among those.
        paired_old = {match.old for match in found}
        paired_new = {match.new for match in found}
        rows = [i for i in rows if i not in paired_old]
        columns = [j for j in columns if j not in paired_new]
    return matches


def _pair_up(
    old: Sequence[Clause],
    new: Sequence[Clause],
    rows: list[int],
    columns: list[int],
    *,
    bars: _Bars,
    telling: AbstractSet[_CiteKey],
    quoted: Mapping[_CiteKey, int],
    trusted: bool,
    large: bool,
    use_numpy: bool | None,
) -> tuple[list[Match], bool]:
    """Score the candidate pairs of ``rows`` x ``columns`` and assign them, one component at a time.

    Also whether the pairing is complete: every pair over the cutoff was a
    candidate, and every component was assigned exactly (none was thinned).
    """
    matches: list[Match] = []
    old_text = [sorted_tokens(old[i].summary) for i in rows]
    new_text = [sorted_tokens(new[j].summary) for j in columns]
    # Structure only lowers a score, so a pair can reach the bar only through
    # its text, its shared citations or its same id: only those are scored.
    found = candidates(old_text, new_text, cutoff=bars.any, best=BEST if large else None, use_numpy=use_numpy)
    scored: dict[tuple[int, int], float] = {(r, c): text for r, c, text in found.pairs}
    old_features = [_features(old[i], telling, quoted) for i in rows]
    new_features = [_features(new[j], telling, quoted) for j in columns]
    citing: dict[_CiteKey, int] = {}
    for c, features in enumerate(new_features):
        for key in features.telling:
            citing[key] = c
    column_of = {new[j].id: c for c, j in enumerate(columns)}
    for r, i in enumerate(rows):
        others = {citing[key] for key in old_features[r].telling if key in citing}
        if old[i].id in column_of:
            others.add(column_of[old[i].id])
        for c in sorted(others):
            if (r, c) not in scored:
                scored[r, c] = similarity(old_text[r], new_text[c], presorted=True)
    edges: dict[tuple[int, int], Match] = {}
    bonus: dict[tuple[int, int], float] = {}
    for (r, c), text in scored.items():
        i, j = rows[r], columns[c]
        same_id = old[i].id == new[j].id
        evidence = _evidence(old[i], new[j], old_features[r], new_features[c], text)
        if evidence.total >= bars.any:
            how = PairedBy.SCORE
        elif same_id and (trusted or evidence.total >= bars.same_id):
            how = PairedBy.SAME_ID  # only the id lets this pair in: say so
        else:
            continue  # most candidates: the Score is built only for a pair that may pair
        edges[i, j] = _scored(evidence, at=(i, j), same_id=same_id, how=how)
        bonus[i, j] = _quote_bonus(old_features[r], new_features[c], quoted)
    adjacency = _adjacency(edges)
    components = _components(edges)
    for component in components:
        chosen = _assign(
            old, new, component, edges, adjacency=adjacency, bars=bars, trusted=trusted, bonus=bonus
        )
        matches.extend(edges[pair] for pair in chosen)
    exact = all(max(len(part) for part in component) <= COMPONENT_CAP for component in components)
    return matches, found.complete and exact


_Counts = tuple[Counter[_CiteKey], Counter[_CiteKey]]


def _citing(old: Sequence[Clause], new: Sequence[Clause]) -> _Counts:
    """How many clauses of each agreement cite each (source, quote)."""
    return (
        Counter(key for clause in old for key in {(c.source, c.quote) for c in clause.citations}),
        Counter(key for clause in new for key in {(c.source, c.quote) for c in clause.citations}),
    )


def _telling(
    old: Sequence[Clause], new: Sequence[Clause], counts: _Counts | None = None
) -> frozenset[_CiteKey]:
    """Citations (source, quote) that one clause of each agreement cites, and no other clause.

    Only those link two clauses: a quote that several clauses cite (a whole
    paragraph, or the same placeholder everywhere) says nothing about which
    is which. ``counts`` is :func:`_citing` of the two, when the caller has it.
    """
    count_old, count_new = counts or _citing(old, new)
    return frozenset(key for key, count in count_old.items() if count == 1 and count_new[key] == 1)


def _quoted(
    old: Sequence[Clause], new: Sequence[Clause], counts: _Counts | None = None
) -> dict[_CiteKey, int]:
    """Citations that several clauses cite, and both agreements: the most clauses of one agreement citing each."""
    count_old, count_new = counts or _citing(old, new)
    return {
        key: max(count, count_new[key])
        for key, count in count_old.items()
        if key in count_new and max(count, count_new[key]) > 1
    }


def _quote_bonus(a: _Features, b: _Features, quoted: Mapping[_CiteKey, int]) -> float:
    """:data:`QUOTE_BONUS` over the fewest clauses citing a quote that ``a`` and ``b`` both cite; 0 if none.

    Only quotes in ``quoted`` count (the features must have been made with it): one
    that a single clause of each agreement cites is already in the pair's score.
    """
    shared = a.quoted & b.quoted
    if not shared:
        return 0.0
    return QUOTE_BONUS / min(quoted[key] for key in shared)


def _identical(
    old: Sequence[Clause], new: Sequence[Clause], rows: list[int], columns: list[int]
) -> tuple[list[Match], list[int], list[int]]:
    """Pair clauses equal in all but their id; return those pairs and what is left.

    Within a group of equal clauses, the same id pairs first, then the rest
    in id order (not by position, so that shuffling the clauses changes
    nothing).
    """
    # Summary and obligor are cheap to hash and nearly always tell clauses
    # apart; the full comparison runs only inside their groups.
    by_text: dict[tuple[str, tuple[str, ...]], tuple[list[int], list[int]]] = {}
    for i in rows:
        by_text.setdefault((old[i].summary, old[i].obligors), ([], []))[0].append(i)
    for j in columns:
        by_text.setdefault((new[j].summary, new[j].obligors), ([], []))[1].append(j)
    pairs: list[tuple[int, int]] = []
    for group_old, group_new in by_text.values():
        if not group_old or not group_new:
            continue
        if len(group_old) == 1 and len(group_new) == 1:
            if content_key(old[group_old[0]]) == content_key(new[group_new[0]]):
                pairs.append((group_old[0], group_new[0]))
            continue
        by_content: dict[Hashable, tuple[list[int], list[int]]] = {}
        for i in group_old:
            by_content.setdefault(content_key(old[i]), ([], []))[0].append(i)
        for j in group_new:
            by_content.setdefault(content_key(new[j]), ([], []))[1].append(j)
        for same_old, same_new in by_content.values():
            pairs.extend(_pair_equal(old, new, same_old, same_new))
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    return (
        [Match(i, j, _identical_score(old[i].id == new[j].id)) for i, j in pairs],
        [i for i in rows if i not in paired_old],
        [j for j in columns if j not in paired_new],
    )


def _identical_score(same_id: bool) -> Score:
    return _IDENTICAL[same_id]


def _make_identical_score(same_id: bool) -> Score:
    return Score(
        text=1.0,
        citations=1.0,
        obligor=1.0,
        category=1.0,
        weapons=1.0,
        places=1.0,
        terms=1.0,
        total=1.0,
        same_id=same_id,
        paired_by=PairedBy.IDENTICAL,
    )


_IDENTICAL: Final = {same: _make_identical_score(same) for same in (False, True)}


def _pair_equal(
    old: Sequence[Clause], new: Sequence[Clause], group_old: list[int], group_new: list[int]
) -> list[tuple[int, int]]:
    """Pairs among clauses that are all equal but for their ids: same id first, then id order."""
    new_by_id: dict[str, list[int]] = {}
    for j in group_new:
        new_by_id.setdefault(new[j].id, []).append(j)
    pairs: list[tuple[int, int]] = []
    for i in group_old:
        same = new_by_id.get(old[i].id)
        if same:
            pairs.append((i, same.pop(0)))
    done_old = {i for i, _ in pairs}
    done_new = {j for _, j in pairs}
    rest_old = sorted((i for i in group_old if i not in done_old), key=lambda i: (id_key(old[i].id), i))
    rest_new = sorted((j for j in group_new if j not in done_new), key=lambda j: (id_key(new[j].id), j))
    pairs.extend(zip(rest_old, rest_new, strict=False))
    return pairs


def _components(edges: Iterable[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the plausible pairs, as (old positions, new positions)."""
    # Nodes are integers: old position i is 2i, new position j is 2j + 1.
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    for i, j in edges:
        left, right = find(2 * i), find(2 * j + 1)
        if left != right:
            parent[max(left, right)] = min(left, right)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        group = groups.setdefault(find(node), ([], []))
        group[node & 1].append(node >> 1)
    return list(groups.values())


def _weight(match: Match, bars: _Bars, *, same_id: bool, trusted: bool, quote: float = 0.0) -> int:
    """A pair's worth in the assignment, in units of 1e-4: its margin over the bar, and the id.

    The margin is counted from ``bars.any`` for every pair: a pair let in by
    the lower same-id bar has the least positive worth, so that any pair
    over the bar outbids it. A trusted same-id pair adds :data:`ID_BONUS`,
    and ``quote`` (:func:`_quote_bonus`) is added as it is.
    The result is doubled and a same id adds one: the id breaks exact ties.
    """
    effective = max(match.total, bars.any) + (ID_BONUS if same_id and trusted else 0.0) + quote
    margin = round((effective - bars.any) * _SCALE) + 1
    return 2 * margin + same_id


def _assign(
    old: Sequence[Clause],
    new: Sequence[Clause],
    component: tuple[list[int], list[int]],
    edges: dict[tuple[int, int], Match],
    *,
    adjacency: Mapping[int, Sequence[int]],
    bars: _Bars,
    trusted: bool,
    bonus: Mapping[tuple[int, int], float],
) -> list[tuple[int, int]]:
    rows = sorted(component[0], key=lambda i: (id_key(old[i].id), i))
    columns = sorted(component[1], key=lambda j: (id_key(new[j].id), j))
    if len(rows) == 1 and len(columns) == 1:
        return [(rows[0], columns[0])]
    # The pairs of the component in row-major canonical order, built from each row's own
    # edges: scanning rows x columns would be quadratic in the component's size.
    worth = {
        (i, j): _weight(
            edges[i, j],
            bars,
            same_id=old[i].id == new[j].id,
            trusted=trusted,
            quote=bonus[i, j],
        )
        for i, j in _in_order(rows, columns, adjacency)
    }
    if max(len(rows), len(columns)) <= COMPONENT_CAP:
        return _exact(rows, columns, worth)
    # Too large for the Hungarian method in Python: keep the pairs that are
    # among the best two of both their clauses (ties kept), which splits the
    # component, then solve each part exactly, or greedily when it is still
    # too large.
    thinned = _thinned(worth)
    thinned_adjacency = _adjacency(thinned)
    chosen: list[tuple[int, int]] = []
    for part_rows, part_columns in _components(thinned):
        part_rows.sort(key=lambda i: (id_key(old[i].id), i))
        part_columns.sort(key=lambda j: (id_key(new[j].id), j))
        part = {pair: thinned[pair] for pair in _in_order(part_rows, part_columns, thinned_adjacency)}
        if max(len(part_rows), len(part_columns)) <= COMPONENT_CAP:
            chosen.extend(_exact(part_rows, part_columns, part))
        else:
            rank_row = {i: r for r, i in enumerate(part_rows)}
            rank_column = {j: c for c, j in enumerate(part_columns)}
            flat = [(rank_row[i], rank_column[j], value) for (i, j), value in part.items()]
            chosen.extend((part_rows[r], part_columns[c]) for r, c in greedy(flat))
    return chosen


def _adjacency(pairs: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    """The new positions each old position is paired with in ``pairs``."""
    found: dict[int, list[int]] = {}
    for i, j in pairs:
        found.setdefault(i, []).append(j)
    return found


def _in_order(
    rows: Sequence[int], columns: Sequence[int], adjacency: Mapping[int, Sequence[int]]
) -> list[tuple[int, int]]:
    """The pairs of one component: rows in their order, and each row's columns in the order of ``columns``.

    The same pairs, in the same order, as ``for i in rows for j in columns if
    (i, j) in pairs``, in time linear in the component's pairs rather than
    rows x columns (``adjacency`` maps each row to its columns, all in the
    component).
    """
    column_rank = {j: c for c, j in enumerate(columns)}
    found: list[tuple[int, int]] = []
    for i in rows:
        found.extend((i, j) for j in sorted(adjacency.get(i, ()), key=column_rank.__getitem__))
    return found


def _exact(rows: list[int], columns: list[int], worth: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """The Hungarian assignment of one component, rows and columns in canonical (id) order."""
    size = max(len(rows), len(columns))
    # Weights are integers: the worth of each pair times a factor that leaves
    # room for a small tie-break preferring the r-th old id with the r-th new
    # id. The tie-breaks of a whole assignment add up to less than one unit.
    unit = size * size + 1
    weights = [[0] * len(columns) for _ in rows]
    for r, i in enumerate(rows):
        for c, j in enumerate(columns):
            value = worth.get((i, j))
            if value is not None:
                weights[r][c] = value * unit + size - min(abs(r - c), size)
    return [(rows[r], columns[c]) for r, c in hungarian(weights)]


def _thinned(worth: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """The pairs among the two best of both their row and their column (ties kept)."""
    by_row: dict[int, list[int]] = {}
    by_column: dict[int, list[int]] = {}
    for (i, j), value in worth.items():
        by_row.setdefault(i, []).append(value)
        by_column.setdefault(j, []).append(value)
    row_bar = {i: sorted(values, reverse=True)[:_THIN][-1] for i, values in by_row.items()}
    column_bar = {j: sorted(values, reverse=True)[:_THIN][-1] for j, values in by_column.items()}
    return {
        (i, j): value for (i, j), value in worth.items() if value >= row_bar[i] and value >= column_bar[j]
    }


_THIN = 2
