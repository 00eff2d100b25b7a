"""The built-in corpus, and lookups in it by id and by name."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Final

import attrs

from agreements._names import RESOLVE_CUTOFF
from agreements.check import check
from agreements.exceptions import ArgumentTypeError, InvalidDataError, MergeConflictError, Problem
from agreements.model import Actor, Agreement, Corpus, Place
from agreements.serialize import MAX_BYTES, load, validate

__all__ = [
    "BUILTIN_HINT",
    "DATA",
    "RESOLVE_CUTOFF",
    "builtin_hints",
    "corpus",
    "find_agreement",
    "get",
    "load_corpus",
    "resolve",
]

#: What a dangling reference that the built-in corpus resolves adds to its message (see :func:`builtin_hints`).
BUILTIN_HINT: Final = "; the built-in corpus has it: use --with-builtin (with_builtin=True)"

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
    try:
        found = load(path, check=not with_builtin, max_bytes=max_bytes)
    except InvalidDataError as error:
        default = error.file or str(path)
        raise InvalidDataError(builtin_hints(path, error.problems, file=default), file=error.file) from None
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


def builtin_hints(
    path: str | Path, problems: Sequence[Problem], *, file: str | None = None
) -> tuple[Problem, ...]:
    """``problems`` of the files at ``path``, each reference that the built-in corpus would resolve saying so.

    A file of your own may name a built-in actor or place (a town whose
    ``parent`` is ``daraa-al-balad``); read on its own, that is a dangling
    reference. This checks the files against the built-in corpus too, and
    adds :data:`BUILTIN_HINT` to each ``dangling-reference`` problem that is
    gone there. ``file`` is the file that problems without one of their own are
    in (default: ``path``). Files that redefine a built-in id get no hints:
    they cannot be read with the built-in corpus as they are.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "mine.toml").write_text(
    ...     'type = "corpus"\\n[[places]]\\nid = "my-street"\\nkind = "district"\\nname = "My Street"\\n'
    ...     'parent = "daraa-al-balad"\\n', encoding="utf-8")
    >>> load_corpus(folder / "mine.toml")
    Traceback (most recent call last):
    ...
    agreements.exceptions.InvalidDataError: ...: places[0].parent: no place has the id 'daraa-al-balad'; the built-in corpus has it: use --with-builtin (with_builtin=True)
    >>> load_corpus(folder / "mine.toml", with_builtin=True).places["my-street"].parent
    'daraa-al-balad'
    """
    if not any(problem.code == "dangling-reference" for problem in problems):
        return tuple(problems)
    beside = validate(path, corpus=corpus())
    if any(problem.code == "merge-conflict" for problem in beside):
        return tuple(problems)
    default = file or str(path)
    left = {(p.file or str(path), p.path) for p in beside if p.code == "dangling-reference"}
    return tuple(
        attrs.evolve(problem, message=problem.message + BUILTIN_HINT)
        if problem.code == "dangling-reference" and (problem.file or default, problem.path) not in left
        else problem
        for problem in problems
    )


def find_agreement(agreements: Corpus, agreement_id: str) -> Agreement:
    """The agreement with this id in ``agreements``: the same as ``agreements.get(agreement_id)``."""
    return agreements.get(agreement_id)


def resolve(agreements: Corpus, name: str) -> Actor | Place:
    """The actor or place that ``name`` stands for: the same as ``agreements.resolve(name)``."""
    return agreements.resolve(name)
