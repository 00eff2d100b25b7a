"""The built-in corpus, and lookups in it by id and by name."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Final

from agreements._names import RESOLVE_CUTOFF
from agreements.model import Actor, Agreement, Corpus, Place
from agreements.serialize import load

__all__ = ["DATA", "RESOLVE_CUTOFF", "corpus", "find_agreement", "get", "resolve"]

#: Where the built-in corpus lives: one folder of TOML files inside the package.
DATA: Final = Path(str(resources.files("agreements") / "data"))


@functools.cache
def corpus() -> Corpus:
    """The built-in Daraa corpus, read once and cached.

    >>> list(corpus().agreements)[:2]
    ['russian-conditions-2018', 'busra-al-sham-2018']
    """
    return load(DATA, cls=Corpus)


def get(agreement_id: str) -> Agreement:
    """A built-in agreement by id.

    >>> get("daraa-al-balad-2021-09-06").date
    PartialDate(year=2021, month=9, day=6, approximate=False)
    >>> get("busra-2018")
    Traceback (most recent call last):
    ...
    agreements.exceptions.UnknownAgreementError: no agreement with id 'busra-2018'; did you mean ...?
    """
    return corpus().get(agreement_id)


def find_agreement(agreements: Corpus, agreement_id: str) -> Agreement:
    """The agreement with this id in ``agreements``: the same as ``agreements.get(agreement_id)``."""
    return agreements.get(agreement_id)


def resolve(agreements: Corpus, name: str) -> Actor | Place:
    """The actor or place that ``name`` stands for: the same as ``agreements.resolve(name)``."""
    return agreements.resolve(name)
