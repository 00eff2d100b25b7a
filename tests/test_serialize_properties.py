"""Property tests of the file format over generated records.

Every record survives ``dumps``/``loads`` in every format, every dump is valid
under ``schema()``, and every corruption of a valid document raises
``InvalidDataError`` with a path, never anything else.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import agreements as ag
from agreements.serialize import FORMATS, Document, from_data, to_data
from agreements.testing import strategies as kit
from conftest import COSTLY

SCHEMA = ag.schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "Source": kit.sources(),
    "Citation": kit.citations(),
    "Actor": kit.actors(),
    "Place": kit.places(),
    "WeaponsTerm": kit.weapons_terms(),
    "Condition": kit.conditions(),
    "Clause": kit.clauses(),
    "Party": kit.parties(),
    "ThirdParty": kit.third_parties(),
    "Territory": kit.territories(),
    "Claim": kit.claims(),
    "Dispute": kit.disputes(),
    "Event": kit.events(),
    "Quantity": kit.quantities(),
    "Deadline": kit.deadlines(),
    "Relation": kit.relations(),
    "StatusEntry": kit.status_entries(),
    "Code": kit.codes(),
    "Term": kit.terms(),
    "Vocabulary": kit.vocabularies(),
    "Agreement": kit.agreements(),
    "Corpus": kit.corpora(max_agreements=2),
}


def test_every_document_type_has_a_strategy() -> None:
    names = {name.removesuffix("Document") for name in SCHEMA["$defs"] if name.endswith("Document")}
    assert names == set(STRATEGIES)


@COSTLY
@pytest.mark.parametrize("name", sorted(STRATEGIES))
@given(data=st.data())
def test_round_trip_in_every_format_and_valid_under_the_schema(name: str, data: st.DataObject) -> None:
    # Both properties over the same records: drawing them is most of the cost.
    record = data.draw(STRATEGIES[name])
    VALIDATOR.validate(json.loads(ag.dumps(record, "json")))
    for fmt in FORMATS:
        text = ag.dumps(record, fmt)
        again = ag.loads(text, fmt)
        assert again == record, fmt
        assert ag.dumps(again, fmt) == text, fmt
    # Saying which record is expected reads the same record (the path after parsing is one for all formats).
    assert ag.loads(ag.dumps(record, "json"), "json", cls=type(record)) == record


# ---------------------------------------------------------------- corruption


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


Location = tuple[Any, Any, dict[str, Any]]  # container, key or index, schema of the value there


def _locations(value: Any, schema: dict[str, Any], container: Any, key: Any) -> Iterator[Location]:
    schema = _resolve(schema)
    if container is not None:
        yield container, key, schema
    if isinstance(value, dict):
        for name, item in value.items():
            if (
                name != "type"
                or "type" not in schema.get("properties", {})
                or "const" not in schema["properties"]["type"]
            ):
                yield from _locations(item, schema["properties"][name], value, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _locations(item, schema["items"], value, index)


def _document_schema(record: Document) -> dict[str, Any]:
    return SCHEMA["$defs"][f"{type(record).__name__}Document"]  # type: ignore[no-any-return]


def _wrong_type(schema: dict[str, Any]) -> object:
    if "enum" in schema:
        return 7
    return {
        "string": 12345,
        "integer": "nine",
        "number": "nine",
        "array": "a string",
        "object": [1],
        "boolean": "yes",
    }[schema["type"]]


CORRUPTIONS = ("wrong-type", "unknown-key", "bad-enum", "missing-field", "impossible-date", "empty-citations")


@st.composite
def corrupted(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A valid document's data with one corruption of one of six kinds applied somewhere."""
    record = draw(st.one_of(*STRATEGIES.values()))
    data = copy.deepcopy(to_data(record))
    places = list(_locations(data, _document_schema(record), None, None))
    objects = [data] + [container[key] for container, key, schema in places if schema.get("type") == "object"]
    kinds: dict[str, list[Location]] = {
        "wrong-type": [(c, k, s) for c, k, s in places if "enum" in s or "type" in s],
        "bad-enum": [(c, k, s) for c, k, s in places if "enum" in s],
        "impossible-date": [(c, k, s) for c, k, s in places if s.get("pattern", "").startswith("^[0-9]{4}")],
        "empty-citations": [(c, k, s) for c, k, s in places if k == "citations" and s.get("minItems")],
        "missing-field": [
            (obj, name, {}) for obj in objects for name in _resolve_object(obj, places, data, record)
        ],
    }
    available = ["unknown-key"] + [kind for kind, found in kinds.items() if found]
    kind = draw(st.sampled_from(sorted(available)))
    if kind == "unknown-key":
        target = draw(st.sampled_from(objects))
        target["zz-not-a-field"] = 1
        return kind, data
    container, key, schema = draw(st.sampled_from(kinds[kind]))
    if kind == "wrong-type":
        container[key] = _wrong_type(schema)
    elif kind == "bad-enum":
        container[key] = "not-a-" + str(container[key])
    elif kind == "impossible-date":
        container[key] = "2021-02-30"
    elif kind == "empty-citations":
        container[key] = []
    else:
        del container[key]
    return kind, data


def _resolve_object(
    obj: dict[str, Any], places: list[Location], data: dict[str, Any], record: Document
) -> list[str]:
    """The required keys of ``obj`` (the document itself, or a nested record)."""
    schema = _document_schema(record) if obj is data else next(s for c, k, s in places if c[k] is obj)
    return [name for name in schema.get("required", []) if name != "type" and name in obj]


@given(corrupted())
def test_corruptions_raise_invalid_data_with_a_path(case: tuple[str, dict[str, Any]]) -> None:
    kind, data = case
    with pytest.raises(ag.InvalidDataError) as caught:
        from_data(data)
    assert caught.value.problems, kind
    for problem in caught.value.problems:
        assert problem.path, (kind, str(caught.value))
    if kind != "impossible-date":  # a pattern cannot tell 31 February from 31 January
        assert not VALIDATOR.is_valid(data), kind
