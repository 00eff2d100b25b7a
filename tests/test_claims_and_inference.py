"""Attributed claims (``Claim.by``, ``Agreement.claims``) and inference notes (``inference``)."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import Phase, find, settings

import agreements as ag
from agreements import model
from agreements.model import (
    Actor,
    Agreement,
    Citation,
    Claim,
    Clause,
    Corpus,
    Dispute,
    Event,
    EventKind,
    PartialDate,
    Party,
    Place,
    PlaceKind,
    Relation,
    RelationKind,
    Source,
    Status,
    StatusEntry,
    Territory,
    ThirdParty,
    ThirdPartyRole,
)
from agreements.serialize import Document
from agreements.testing import strategies

CITE = (Citation(source="report", quote="residents feared acts of revenge"),)
WHY = "The report names no obligor; the parties make the government the likely one."


def claim(*by: str) -> Claim:
    return Claim(summary="Residents feared reprisals.", citations=CITE, by=by)


def agreement(**fields: object) -> Agreement:
    base: dict[str, object] = {
        "id": "deal",
        "title": "Deal",
        "date": PartialDate.parse("2018-07~"),
        "status": Status.IN_FORCE,
        "citations": CITE,
    }
    base.update(fields)
    return Agreement(**base)  # type: ignore[arg-type]


def corpus(*agreements: Agreement) -> Corpus:
    return Corpus(
        sources=[Source(id="report", description="A report.")],
        actors=[Actor(id="activist", name="An activist", kind="person")],
        agreements=agreements,
    )


# ---------------------------------------------------------------- the records


def test_a_claim_names_who_makes_it_or_no_one() -> None:
    assert claim().by == ()
    assert claim("activist").by == ("activist",)
    assert Claim(summary="s", citations=CITE, by=["a", "b"]).by == ("a", "b")


def test_a_claims_by_must_be_ids() -> None:
    with pytest.raises(ag.FieldError, match=r"by\[0\]"):
        Claim(summary="s", citations=CITE, by=["Omar Hariri"])


def test_an_agreement_keeps_its_claims_and_cites_them() -> None:
    a = agreement(claims=[claim("activist")])
    assert a.claims == (claim("activist"),)
    paths = [path for path, _, _ in a.cited()]
    assert paths == ["citations[0]", "claims[0].citations[0]"]
    assert [record for path, record, _ in a.cited() if path.startswith("claims")] == [claim("activist")]


RECORDS_WITH_INFERENCE = [
    Actor(id="a", name="A", kind="person", inference=WHY),
    Place(id="p", name="P", kind=PlaceKind.TOWN, inference=WHY),
    Party(actor="a", citations=CITE, inference=WHY),
    ThirdParty(actor="a", role=ThirdPartyRole.GUARANTOR, citations=CITE, inference=WHY),
    Territory(summary="The town.", citations=CITE, places=["p"], inference=WHY),
    Clause(id="c", category="settlement", summary="Status is settled.", citations=CITE, inference=WHY),
    Event(id="e", date=PartialDate.parse("2018-07~"), kind=EventKind.TALKS, summary="Talks.", citations=CITE, inference=WHY),
    Relation(kind=RelationKind.FOLLOWS, target="earlier", citations=CITE, inference=WHY),
    StatusEntry(status=Status.IN_FORCE, as_of=PartialDate.parse("2018-07~"), citations=CITE, inference=WHY),
    agreement(inference=WHY),
]  # fmt: skip


@pytest.mark.parametrize("record", RECORDS_WITH_INFERENCE, ids=lambda record: type(record).__name__)
def test_an_inference_note_is_kept_and_defaults_to_none(record: Any) -> None:
    assert record.inference == WHY
    assert attrs.evolve(record, inference=None).inference is None


def test_an_inference_note_is_not_blank() -> None:
    with pytest.raises(ag.FieldError, match="inference"):
        Party(actor="a", citations=CITE, inference="  ")


# -------------------------------------------------------- files and the schema


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
@pytest.mark.parametrize(
    "record",
    [
        *RECORDS_WITH_INFERENCE[2:5],
        *RECORDS_WITH_INFERENCE[6:],
        claim("activist"),
        agreement(claims=[claim()]),
    ],
    ids=lambda record: type(record).__name__,
)
def test_claims_and_inferences_round_trip(record: Document, fmt: str) -> None:
    assert ag.loads(ag.dumps(record, fmt), fmt) == record


@pytest.mark.parametrize("fmt", ["json", "toml"])
@pytest.mark.parametrize(
    "record",
    [*RECORDS_WITH_INFERENCE[:2], RECORDS_WITH_INFERENCE[5]],
    ids=lambda record: type(record).__name__,
)
def test_open_vocabulary_records_with_inferences_round_trip(record: Document, fmt: str) -> None:
    assert ag.loads(ag.dumps(record, fmt), fmt) == record


def test_the_file_format_reads_claims_and_inferences() -> None:
    text = """
type = "agreement"
id = "deal"
title = "Deal"
date = "2018-07~"
status = "in-force"
citations = [{source = "report", quote = "q"}]

[[parties]]
actor = "government"
inference = "The report says only that the meeting was of the government."
citations = [{source = "report", quote = "q"}]

[[claims]]
summary = "Residents feared reprisals."
by = ["activist"]
citations = [{source = "report", quote = "q"}]
"""
    deal = ag.loads(text, "toml", cls=Agreement)
    assert deal.parties[0].inference is not None
    assert deal.claims[0].by == ("activist",)


def test_the_schema_describes_claims_and_inferences() -> None:
    defs = ag.schema()["$defs"]
    assert defs["Claim"]["properties"]["by"] == {
        "type": "array",
        "items": {"type": "string", "pattern": model.ID_PATTERN},
    }
    assert defs["Agreement"]["properties"]["claims"]["items"] == {"$ref": "#/$defs/Claim"}
    for name in (
        "Actor",
        "Place",
        "Party",
        "ThirdParty",
        "Territory",
        "Clause",
        "Event",
        "Relation",
        "StatusEntry",
        "Agreement",
    ):
        assert defs[name]["properties"]["inference"] == {"type": "string", "pattern": r"\S"}, name
        assert "inference" not in defs[name]["required"]
    assert "by" not in defs["Claim"]["required"]  # fmt: skip


# ------------------------------------------------------------------ check()


def test_check_reports_a_claim_made_by_no_known_actor() -> None:
    dispute = Dispute(id="d", topic="Which weapons", claims=[claim("activist"), claim("activst")])
    deal = agreement(claims=[claim("activist"), claim("nobody")], disputes=[dispute])
    problems = ag.check(corpus(deal))
    dangling = [
        (problem.path, problem.message) for problem in problems if problem.code == "dangling-reference"
    ]
    assert dangling == [
        (
            "agreements[0].disputes[0].claims[1].by[0]",
            "no actor has the id 'activst'; did you mean 'activist'?",
        ),
        ("agreements[0].claims[1].by[0]", "no actor has the id 'nobody'"),
    ]


def test_check_reports_a_claim_citing_an_unknown_source() -> None:
    deal = agreement(claims=[Claim(summary="s", citations=[Citation(source="rumour", quote="q")])])
    (problem,) = (problem for problem in ag.check(corpus(deal)) if problem.code == "dangling-reference")
    assert problem.path == "agreements[0].claims[0].citations[0].source"


def test_a_lone_agreement_leaves_claim_actors_unchecked() -> None:
    assert ag.check(agreement(claims=[claim("nobody")])) == ()


# --------------------------------------------------------------- strategies


def test_strategies_draw_claims_with_their_makers_and_inference_notes() -> None:
    # Found, not shrunk: the first example that has the field is proof enough, and shrinking an agreement is slow.
    quick = settings(database=None, max_examples=300, phases=[Phase.generate])
    made = find(strategies.claims(actors=["activist"]), lambda c: bool(c.by), settings=quick)
    assert made.by == ("activist",)
    deal = find(
        strategies.agreements(actors=["activist", "government"], max_clauses=0),
        lambda a: any(c.by for c in a.claims) and a.inference is not None,
        settings=quick,
    )
    assert {actor for c in deal.claims for actor in c.by} <= {"activist", "government"}
    strategy: Any
    for strategy in (
        strategies.actors(),
        strategies.places(),
        strategies.parties(),
        strategies.third_parties(),
        strategies.events(),
    ):
        assert find(strategy, lambda record: record.inference is not None, settings=quick).inference
