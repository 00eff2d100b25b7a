"""The built-in corpus, and lookups in it by id and by name."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Final

from agreements._names import RESOLVE_CUTOFF
from agreements.check import check
from agreements.exceptions import ArgumentTypeError, InvalidDataError, MergeConflictError, Problem
from agreements.model import Actor, Agreement, Corpus, Place
from agreements.serialize import MAX_BYTES, load

__all__ = ["DATA", "RESOLVE_CUTOFF", "corpus", "find_agreement", "get", "load_corpus", "resolve"]

#: Where the built-in corpus lives: one folder of TOML files inside the package.
DATA: Final = Path(str(resources.files("agreements") / "data"))


@functools.cache
def corpus() -> Corpus:
    """The built-in Daraa corpus, read once and cached.

    >>> list(corpus().agreements)[:2]
    ['daraa-2018-07', 'russian-conditions-2018']
    """
    return load(DATA, cls=Corpus)


def get(agreement_id: str) -> Agreement:
    """A built-in agreement by id.

    >>> str(get("daraa-al-balad-2021-09-06").date)
    '2021-09-06'
    >>> get("busra-2018")
    Traceback (most recent call last):
    ...
    agreements.exceptions.UnknownAgreementError: no agreement with id 'busra-2018'; did you mean ...?
    """
    return corpus().get(agreement_id)


def load_corpus(path: str | Path, *, with_builtin: bool = False, max_bytes: int = MAX_BYTES) -> Corpus:
    """Your corpus from a file or a folder (an agreement file is a corpus of one), checked.

    With ``with_builtin`` the built-in corpus is merged in, so your files may
    name its actors, places and sources; the two are checked together, and an
    id defined in both raises :class:`~agreements.exceptions.MergeConflictError`.
    Files larger than ``max_bytes`` are refused, as by :func:`~agreements.load`.
    """
    found = load(path, check=not with_builtin, max_bytes=max_bytes)
    if isinstance(found, Agreement):
        found = Corpus(agreements=[found])
    if not isinstance(found, Corpus):
        raise ArgumentTypeError(f"{str(path)!r} holds a {type(found).__name__}, not a corpus or an agreement")
    if not with_builtin:
        return found
    try:
        merged = corpus().merge(found)
    except MergeConflictError as error:
        conflict = Problem(path=error.registry, message=str(error), code="merge-conflict")
        raise InvalidDataError([conflict], file=str(path)) from None
    errors = [problem for problem in check(found, corpus=corpus()) if problem.severity == "error"]
    if errors:
        raise InvalidDataError(errors, file=str(path))
    return merged


def find_agreement(agreements: Corpus, agreement_id: str) -> Agreement:
    """The agreement with this id in ``agreements``: the same as ``agreements.get(agreement_id)``."""
    return agreements.get(agreement_id)


def resolve(agreements: Corpus, name: str) -> Actor | Place:
    """The actor or place that ``name`` stands for: the same as ``agreements.resolve(name)``."""
    return agreements.resolve(name)
