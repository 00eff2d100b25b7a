"""Text similarity: the one module that talks to rapidfuzz.

The rest of the library sees typed functions that return scores in [0, 1]
and never a rapidfuzz object, so the scorer can change in one place.

Why these scorers: ``token_set_ratio`` scores 100 when one text's words are a
subset of another's (it would hide a widened weapons scope) and ``WRatio``
scores unrelated sentences up to 0.86, so clause text is compared with
``ratio`` on word-sorted, folded text. Sorting once per text and scoring with
``ratio`` equals ``token_sort_ratio`` at a fraction of the cost.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process, utils

__all__ = [
    "DENSE_PAIRS",
    "HAS_NUMPY",
    "Candidates",
    "candidate_pairs",
    "candidates",
    "closest",
    "fold",
    "similar_pairs",
    "similarity",
    "sorted_tokens",
    "text_key",
    "without_marks",
]

#: Whether numpy is importable: :func:`similar_pairs` then scores a whole block in
#: one ``rapidfuzz.process.cdist`` call, which returns a numpy array. numpy is an
#: optional speed-up, not a dependency; without it each row is one
#: ``process.extract`` call, which gives the same scores.
HAS_NUMPY = importlib.util.find_spec("numpy") is not None

#: :func:`candidate_pairs` scores every pair (in C) when there are at most this
#: many, or when the texts share their words so widely that an index would not
#: prune; otherwise only the pairs that share a word.
DENSE_PAIRS = 65_536

# Words too common to say which clause is which; they never make two texts
# candidates on their own (they still count in the score).
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "over",
        "the",
        "their",
        "this",
        "to",
        "under",
        "with",
    ]
)

_DOUBLED = re.compile(r"(\w)\1+")
_ARABIC_ARTICLE = re.compile(r"\b(?:al|el|as|ad|ar|az|ash|an|at)[\s-]+(?=\w)")
# Variant spellings of the same sounds in Latin transliterations of Arabic:
# Awda/Awdeh, Musalima/Masalma, Naseeb/Nassib, Deraa/Daraa.
# Each rule with the letters it needs: a word without them is left alone without running the pattern.
_TRANSLITERATION = (
    ("eh", re.compile(r"(?<=\w)eh\b"), "a"),
    ("ah", re.compile(r"(?<=\w)ah\b"), "a"),
    ("ee", re.compile(r"ee"), "i"),
    ("ou", re.compile(r"ou"), "u"),
    ("oo", re.compile(r"oo"), "u"),
    (None, _DOUBLED, r"\1"),  # a run of any length, so that folding twice changes nothing more
    ("", re.compile(r"(?<=\w)[aeiouy]+(?=\w)"), ""),
)
_QUOTES = str.maketrans({"`": "'", "\u2019": "'", "\u2018": "'", "\u02bf": "'", "\u02be": "'"})
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alif, tatweel
_PUNCTUATION = re.compile(r"[\s\-_'.,\"“”()]+")


class _Dropping(dict[int, int | None]):
    """A :meth:`str.translate` table that drops the combining marks (and the code points ``also``) and keeps any
    other character: each code point is looked up in :mod:`unicodedata` the first time it is met."""

    __slots__ = ("also",)

    def __init__(self, also: frozenset[int] = frozenset()) -> None:
        super().__init__()
        self.also = also

    def __missing__(self, point: int) -> int | None:
        kept = None if unicodedata.combining(chr(point)) or point in self.also else point
        self[point] = kept
        return kept


_MARKS = _Dropping()
# The combining marks and those of _ARABIC_MARKS, one character each: dropped in one pass.
_MARKS_AND_ARABIC = _Dropping(
    frozenset(point for point in range(0x600, 0x700) if _ARABIC_MARKS.match(chr(point)))
)


def without_marks(text: str) -> str:
    """``text`` without its combining marks (accents once decomposed): ``"".join`` of the characters that
    :func:`unicodedata.combining` gives 0, in one call of :meth:`str.translate`.

    >>> import unicodedata
    >>> without_marks(unicodedata.normalize("NFKD", "Ṣamad Ḥamāh"))
    'Samad Hamah'
    """
    return text.translate(_MARKS)


def fold(text: str, *, variants: bool = True) -> str:
    """Fold a name for matching: case, diacritics, hyphens, the article, spelling variants.

    Two spellings the sources use for one name fold to the same key.
    ``variants=False`` leaves the transliteration variants alone (which
    strip inner vowels): the key for ranking suggestions, where a consonant
    skeleton would make unrelated short names look alike.

    >>> fold("Ahmed al-Awdeh") == fold("Ahmed Al-Awda")
    True
    >>> fold("Naseeb") == fold("Nassib")
    True
    >>> fold("Deraa") == fold("Daraa")
    True
    """
    text = text.translate(_QUOTES)
    if not text.isascii():  # ASCII has no accents or Arabic marks to take off: skip the slow part
        text = unicodedata.normalize("NFKD", text)
        text = text.translate(_MARKS_AND_ARABIC)  # the combining marks and the Arabic marks, in one pass
    text = text.casefold()
    text = _PUNCTUATION.sub(" ", text).strip()
    text = _ARABIC_ARTICLE.sub("", text)
    if text.startswith("the "):  # after the punctuation rule, words are one space apart
        text = text[4:]
    # The variant rules never reach across a space, so they apply word by word, and a
    # word seen before is not folded again (names share most of their words).
    return " ".join(map(_variants, text.split())) if variants else " ".join(text.split())


@functools.lru_cache(maxsize=1 << 16)
def _variants(word: str) -> str:
    """One word with the transliteration variants folded."""
    if word.isascii() and word.isalnum():
        return _plain_variants(word)
    for needed, pattern, replacement in _TRANSLITERATION:
        # None: the rule needs a letter twice, which a word of distinct letters has not.
        if (len(set(word)) < len(word)) if needed is None else needed in word:
            word = pattern.sub(replacement, word)
    return word


_VOWELS = str.maketrans("", "", "aeiouy")


def _plain_variants(word: str) -> str:
    """:data:`_TRANSLITERATION` on a word of ASCII letters and digits (folded, so in small letters), by string
    methods: every character of it is a word character (``\\w``), so each rule's look-around is its position in
    the word. "eh" and "ah" fold at the end of a word of three letters or more, the vowels between its first
    and its last letter go."""
    if len(word) > 2 and word.endswith("eh"):
        word = f"{word[:-2]}a"
    if len(word) > 2 and word.endswith("ah"):
        word = f"{word[:-2]}a"
    word = word.replace("ee", "i").replace("ou", "u").replace("oo", "u")
    if len(set(word)) < len(word):
        word = _DOUBLED.sub(r"\1", word)
    return f"{word[0]}{word[1:-1].translate(_VOWELS)}{word[-1]}" if len(word) > 2 else word


def text_key(text: str) -> str:
    """Lower-case, punctuation-free text, for comparing clause summaries."""
    return utils.default_process(text)


def sorted_tokens(text: str) -> str:
    """The words of ``text_key(text)`` sorted, so that word order does not count."""
    return " ".join(sorted(text_key(text).split()))


def similarity(a: str, b: str, *, presorted: bool = False) -> float:
    """How alike two texts are, from 0 (nothing shared) to 1 (same words).

    Word order does not count. Pass ``presorted=True`` when both texts already
    went through :func:`sorted_tokens`, to skip that work in a hot loop.

    >>> similarity("hand over heavy weapons", "heavy weapons hand over")
    1.0
    >>> similarity("hand over heavy weapons", "lift the siege") < 0.5
    True
    """
    if not presorted:
        a, b = sorted_tokens(a), sorted_tokens(b)
    return float(fuzz.ratio(a, b)) / 100.0


def closest(
    query: str, choices: Iterable[str], *, limit: int = 3, cutoff: float = 0.0
) -> list[tuple[str, float]]:
    """The ``limit`` choices most like ``query``, best first, with their score in [0, 1].

    Ties keep the order of ``choices``, so the answer is deterministic.

    >>> closest("heavvy", ["heavy", "medium", "light", "small-arms"], limit=1)
    [('heavy', 0.909...)]
    """
    options: Sequence[str] = list(choices)
    found = process.extract(query, options, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff * 100)
    ranked = sorted(found, key=lambda hit: (-hit[1], hit[2]))
    return [(choice, float(score) / 100.0) for choice, score, _ in ranked]


def similar_pairs(
    queries: Sequence[str],
    choices: Sequence[str],
    *,
    cutoff: float = 0.0,
    presorted: bool = False,
    use_numpy: bool | None = None,
) -> list[tuple[int, int, float]]:
    """Every ``(query index, choice index, similarity)`` scoring at least ``cutoff``.

    The scores are those of :func:`similarity`, computed for all pairs at C speed;
    the list is ordered by query, then choice. Pass ``presorted=True`` when the
    texts already went through :func:`sorted_tokens`. ``use_numpy`` picks the
    implementation (``None``: numpy when it is installed); both give the same
    answer.

    >>> similar_pairs(["hand over heavy weapons", "lift the siege"],
    ...               ["lift siege", "heavy weapons hand over"], cutoff=0.5)
    [(0, 1, 1.0), (1, 0, 0.833...)]
    """
    if not presorted:
        queries = [sorted_tokens(text) for text in queries]
        choices = [sorted_tokens(text) for text in choices]
    if not queries or not choices:
        return []
    if use_numpy is None:
        use_numpy = HAS_NUMPY
    threshold = cutoff * 100.0
    if use_numpy:
        return _similar_pairs_numpy(queries, choices, threshold).pairs
    found: list[tuple[int, int, float]] = []
    for row, query in enumerate(queries):
        hits = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
        found.extend((row, column, float(score) / 100.0) for _, score, column in sorted(hits, key=_by_index))
    return found


def _by_index(hit: tuple[str, float, int]) -> int:
    return hit[2]


def _similar_pairs_numpy(
    queries: Sequence[str], choices: Sequence[str], threshold: float, best: int | None = None
) -> Candidates:
    import numpy as np  # noqa: PLC0415 - optional speed-up, imported only when used

    # float64 keeps exactly the value fuzz.ratio returns, so both paths agree.
    matrix = process.cdist(queries, choices, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float64)
    kept = matrix >= threshold
    cut = best is not None and int(np.count_nonzero(kept)) > best * (len(queries) + len(choices))
    if best is not None and cut:
        # The cut of :func:`_best_of_each`, on the whole matrix at once: a pair stays when
        # it reaches the best-th highest score of its row or of its column (ties kept).
        # A row with at most ``best`` pairs over the cutoff has its best-th highest
        # score under the cutoff, so that all its pairs stay, as there.
        kept &= (matrix >= _kth_highest(matrix, best, axis=1)[:, None]) | (
            matrix >= _kth_highest(matrix, best, axis=0)[None, :]
        )
    rows, columns = np.nonzero(kept)
    scores = matrix[rows, columns] / 100.0
    return Candidates(
        list(zip(rows.tolist(), columns.tolist(), scores.tolist(), strict=True)), complete=not cut
    )


def _kth_highest(matrix: Any, best: int, *, axis: int) -> Any:
    """The ``best``-th highest value of each row (``axis=1``) or column (``axis=0``); 0 where there are fewer."""
    import numpy as np  # noqa: PLC0415 - optional speed-up, imported only when used

    length = matrix.shape[axis]
    if length < best:
        return np.zeros(matrix.shape[1 - axis])
    return np.partition(matrix, length - best, axis=axis).take(length - best, axis=axis)


def candidate_pairs(
    queries: Sequence[str],
    choices: Sequence[str],
    *,
    cutoff: float,
    best: int | None = None,
    use_numpy: bool | None = None,
) -> list[tuple[int, int, float]]:
    """The ``(query, choice, similarity)`` pairs worth scoring, at least ``cutoff``, in order.

    Texts must have gone through :func:`sorted_tokens`. Small inputs (at most
    :data:`DENSE_PAIRS` pairs) and inputs whose texts share their words widely
    are scored pair by pair in C, exactly as :func:`similar_pairs`. Larger
    ones are scored only where a query and a choice share a word (stop words
    and a plural ``s`` aside), found through an index of the words: when
    nothing resembles anything, the cost grows with the number of texts, not
    with the number of pairs. A pair of texts with no word in common almost
    never reaches a useful cutoff (``similarity("lift the siege", "open the
    road")`` is 0.43), but this is a filter, not a proof.

    With ``best``, a pair is kept only when its score is among the ``best``
    highest of its query or of its choice (ties kept, so that the answer does
    not depend on the order of the texts).

    >>> queries = [sorted_tokens("Hand over heavy weapons."), sorted_tokens("Lift the siege.")]
    >>> choices = [sorted_tokens("Lift siege"), sorted_tokens("Heavy weapons: hand over")]
    >>> candidate_pairs(queries, choices, cutoff=0.5)
    [(0, 1, 1.0), (1, 0, 0.833...)]
    """
    return candidates(queries, choices, cutoff=cutoff, best=best, use_numpy=use_numpy).pairs


class Candidates(NamedTuple):
    """The pairs :func:`candidate_pairs` gives, and whether they are all the pairs over the cutoff.

    ``complete`` is false when the cut to each text's ``best`` few dropped some, or
    when the word index chose them (it skips the pairs that share no word).
    """

    pairs: list[tuple[int, int, float]]
    complete: bool


def candidates(
    queries: Sequence[str],
    choices: Sequence[str],
    *,
    cutoff: float,
    best: int | None = None,
    use_numpy: bool | None = None,
) -> Candidates:
    """:func:`candidate_pairs`, and whether the cut to the ``best`` few dropped any pair over the cutoff.

    >>> found = candidates([sorted_tokens("Lift the siege.")], [sorted_tokens("Lift siege")], cutoff=0.5, best=1)
    >>> found.pairs, found.complete
    ([(0, 0, 0.833...)], True)
    """
    if not queries or not choices:
        return Candidates([], complete=True)
    size = len(queries) * len(choices)
    if size <= DENSE_PAIRS:  # every pair is scored: no index to build
        return _dense_pairs(queries, choices, cutoff=cutoff, best=best, use_numpy=use_numpy)
    postings: dict[str, list[int]] = {}
    for column, text in enumerate(choices):
        for key in _index_keys(text):
            postings.setdefault(key, []).append(column)
    keys = [_index_keys(text) for text in queries]
    # Pairs the index would visit: sum over words of rows x columns holding it.
    row_counts: dict[str, int] = {}
    for found in keys:
        for key in found:
            row_counts[key] = row_counts.get(key, 0) + 1
    visits = sum(count * len(postings.get(key, ())) for key, count in row_counts.items())
    if 4 * visits >= size:
        return _dense_pairs(queries, choices, cutoff=cutoff, best=best, use_numpy=use_numpy)
    pairs = _indexed_pairs(queries, choices, keys, postings, cutoff)
    # The index skips the pairs that share no word: a filter, so never complete.
    return _cut(pairs, best, len(queries) + len(choices))._replace(complete=False)


def _dense_pairs(
    queries: Sequence[str], choices: Sequence[str], *, cutoff: float, best: int | None, use_numpy: bool | None
) -> Candidates:
    """:func:`candidates` by scoring every pair in C."""
    if use_numpy if use_numpy is not None else HAS_NUMPY:
        # The cut to the best few is made on the matrix: the pairs it drops never become Python objects.
        return _similar_pairs_numpy(queries, choices, cutoff * 100.0, best)
    pairs = similar_pairs(queries, choices, cutoff=cutoff, presorted=True, use_numpy=False)
    return _cut(pairs, best, len(queries) + len(choices))


def _cut(pairs: list[tuple[int, int, float]], best: int | None, texts: int) -> Candidates:
    """``pairs`` cut to the ``best`` of each text when they are more than ``best`` per text."""
    if best is not None and len(pairs) > best * texts:
        return Candidates(_best_of_each(pairs, best), complete=False)
    return Candidates(pairs, complete=True)


def _index_keys(text: str) -> frozenset[str]:
    return frozenset(
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in text.split()
        if word not in _STOP_WORDS
    )


def _indexed_pairs(
    queries: Sequence[str],
    choices: Sequence[str],
    keys: Sequence[frozenset[str]],
    postings: dict[str, list[int]],
    cutoff: float,
) -> list[tuple[int, int, float]]:
    threshold = cutoff * 100.0
    found: list[tuple[int, int, float]] = []
    for row, query in enumerate(queries):
        near: set[int] = set()
        for key in keys[row]:
            hit = postings.get(key)
            if hit is not None:
                near.update(hit)
        if not near:
            continue
        columns = sorted(near)
        hits = process.extract(
            query, [choices[c] for c in columns], scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        )
        found.extend(
            (row, columns[index], float(score) / 100.0) for _, score, index in sorted(hits, key=_by_index)
        )
    return found


def _best_of_each(pairs: list[tuple[int, int, float]], best: int) -> list[tuple[int, int, float]]:
    """The pairs among the ``best`` highest scores of their row or of their column, ties kept."""
    by_row: dict[int, list[float]] = {}
    by_column: dict[int, list[float]] = {}
    for row, column, value in pairs:
        by_row.setdefault(row, []).append(value)
        by_column.setdefault(column, []).append(value)
    row_bar = {row: _kth(values, best) for row, values in by_row.items()}
    column_bar = {column: _kth(values, best) for column, values in by_column.items()}
    return [
        (row, column, value)
        for row, column, value in pairs
        if value >= row_bar[row] or value >= column_bar[column]
    ]


def _kth(values: list[float], best: int) -> float:
    if len(values) <= best:
        return 0.0
    return sorted(values, reverse=True)[best - 1]
