"""Every public entry point, given bad input, raises an AgreementsError and nothing else.

An error the library means to raise is an ``AgreementsError`` (and the
builtin it refines), so ``except AgreementsError`` is enough for a caller.
Here every public function and record is called with junk in each argument.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agreements as ag
from agreements.testing import strategies

#: Values of the wrong type or shape for almost any argument.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(object()),
    st.just(ag.Citation(source="s", quote="q")),
    st.just(ag.Corpus()),
)

#: The public functions, with good arguments to spoil one at a time.
FUNCTIONS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
    "get": (ag.get, {"agreement_id": "busra-al-sham-2018"}),
    "diff": (ag.diff, {"a": ag.get("daraa-2018-07"), "b": ag.get("busra-al-sham-2018")}),
    "compare": (ag.compare, {"agreements": [ag.get("daraa-2018-07")], "aspects": ["status"]}),
    "check": (ag.check, {"subject": ag.get("daraa-2018-07")}),
    "timeline": (ag.timeline, {"agreements": [ag.get("daraa-2018-07")]}),
    "loads": (ag.loads, {"text": "{}", "fmt": "json"}),
    "dumps": (ag.dumps, {"obj": ag.Citation(source="s", quote="q"), "fmt": "json"}),
    "category_aspect": (
        lambda aspect_id, label, category: ag.category_aspect(aspect_id, label, category),  # noqa: PLW0108 - spoils the category too
        {"aspect_id": "siege", "label": "Siege", "category": ag.Category.SIEGE},
    ),
}


def call(function: Callable[..., Any], arguments: dict[str, Any]) -> None:
    with contextlib.suppress(ag.AgreementsError):
        function(**arguments)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_function_given_junk_raises_only_agreements_errors(name: str, data: st.DataObject) -> None:
    function, good = FUNCTIONS[name]
    spoiled = data.draw(st.sampled_from(sorted(good)))
    call(function, {**good, spoiled: data.draw(JUNK)})


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_a_function_given_good_arguments_works(name: str) -> None:
    function, good = FUNCTIONS[name]
    function(**good)  # the good arguments really are good: the junk test spoils a working call


#: The records a caller builds by hand, each with a strategy for good ones to spoil a field of.
RECORDS: dict[str, st.SearchStrategy[Any]] = {
    "Actor": strategies.actors(),
    "Place": strategies.places(),
    "Source": strategies.sources(),
    "Citation": strategies.citations(),
    "PartialDate": strategies.partial_dates(),
    "WeaponsTerm": strategies.weapons_terms(),
    "Condition": strategies.conditions(),
    "Clause": strategies.clauses(),
    "Party": strategies.parties(),
    "ThirdParty": strategies.third_parties(),
    "Territory": strategies.territories(),
    "Claim": strategies.claims(),
    "Dispute": strategies.disputes(),
    "Event": strategies.events(),
    "Agreement": strategies.agreements(),
    "Corpus": strategies.corpora(),
    "Cell": st.builds(
        ag.Cell, value=st.text(max_size=5), citations=st.lists(strategies.citations(), max_size=2)
    ),
}


@pytest.mark.parametrize("name", sorted(RECORDS))
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_record_given_junk_in_a_field_raises_only_agreements_errors(name: str, data: st.DataObject) -> None:
    record = data.draw(RECORDS[name])
    field = data.draw(st.sampled_from([field.name for field in attrs.fields(type(record))]))
    with contextlib.suppress(ag.AgreementsError):
        attrs.evolve(record, **{field: data.draw(JUNK)})


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(agreement=strategies.agreements(), junk=JUNK)
def test_apply_to_junk(agreement: ag.Agreement, junk: Any) -> None:
    call(ag.diff(agreement, agreement).apply, {"agreement": junk})


@pytest.mark.parametrize("method", ["get", "resolve", "merge", "actor_name", "place_name"])
@settings(max_examples=30)
@given(junk=JUNK)
def test_corpus_lookups_given_junk(method: str, junk: Any) -> None:
    parameter = list(inspect.signature(getattr(ag.Corpus, method)).parameters)[1]  # after self
    call(getattr(ag.corpus(), method), {parameter: junk})


@settings(max_examples=30)
@given(junk=JUNK)
def test_load_and_dump_given_junk(junk: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("junk")
    call(ag.load, {"path": junk})
    call(ag.dump, {"obj": junk, "path": folder / "x.json"})
    call(ag.dump, {"obj": ag.Citation(source="s", quote="q"), "path": junk if junk is not None else Path()})
