"""Ceasefire and reconciliation agreements as structured, cited clauses.

Load agreements from data files (or use the built-in Daraa corpus), ask who
must do what, diff two agreements clause by clause, and render comparison
tables. Every fact carries a verbatim citation of its source.

>>> import agreements as ag
>>> a = ag.get("busra-al-sham-2018")
>>> sorted(weapon.value for weapon in a.handover)
['heavy', 'medium']
"""

from agreements.corpus import corpus, get
from agreements.exceptions import (
    AgreementsError,
    InvalidDataError,
    Problem,
    UnknownActorError,
    UnknownAgreementError,
)
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Claim,
    Clause,
    Condition,
    Corpus,
    Dispute,
    Event,
    EventKind,
    FieldError,
    Modality,
    PartialDate,
    Party,
    Place,
    PlaceKind,
    Source,
    Status,
    Territory,
    ThirdParty,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)
from agreements.serialize import dump, dumps, load, loads, schema

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "Agreement",
    "AgreementsError",
    "Category",
    "Citation",
    "Claim",
    "Clause",
    "Condition",
    "Corpus",
    "Dispute",
    "Event",
    "EventKind",
    "FieldError",
    "InvalidDataError",
    "Modality",
    "PartialDate",
    "Party",
    "Place",
    "PlaceKind",
    "Problem",
    "Source",
    "Status",
    "Territory",
    "ThirdParty",
    "ThirdPartyRole",
    "UnknownActorError",
    "UnknownAgreementError",
    "WeaponAction",
    "WeaponClass",
    "WeaponsTerm",
    "corpus",
    "dump",
    "dumps",
    "get",
    "load",
    "loads",
    "schema",
]
