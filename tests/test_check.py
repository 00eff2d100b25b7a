"""check: dangling references, duplicate ids, contradicting clauses, status and dates."""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import agreements as ag
from agreements.check import CODES, ERROR, WARNING, check, check_document
from agreements.corpus import corpus as builtin_corpus
from agreements.exceptions import MergeConflictError, Problem
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
    Deadline,
    Dispute,
    Event,
    EventKind,
    Modality,
    PartialDate,
    Party,
    Place,
    PlaceKind,
    Relation,
    RelationKind,
    Source,
    Status,
    Term,
    Territory,
    ThirdParty,
    ThirdPartyRole,
    Vocabulary,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)
from agreements.serialize import to_data
from agreements.testing import strategies
from conftest import COSTLY

BROKEN = Path(__file__).parent / "broken"
CITE = (Citation(source="report", quote="as reported"),)
HEAVY, MEDIUM, LIGHT = WeaponClass.HEAVY, WeaponClass.MEDIUM, WeaponClass.LIGHT
MUST, MAY, MUST_NOT = Modality.MUST, Modality.MAY, Modality.MUST_NOT
HAND_OVER, RETAIN = WeaponAction.HAND_OVER, WeaponAction.RETAIN


def clause(clause_id: str, **fields: Any) -> Clause:
    fields.setdefault("category", Category.OTHER)
    fields.setdefault("summary", f"Clause {clause_id}.")
    fields.setdefault("citations", CITE)
    return Clause(id=clause_id, **fields)


def weapons(
    clause_id: str,
    classes: Iterable[WeaponClass],
    action: WeaponAction,
    holder: str | None = "fighters",
    **fields: Any,
) -> Clause:
    term = WeaponsTerm(classes=frozenset(classes), action=action, holder=holder)
    return clause(clause_id, category=Category.WEAPONS, weapons=term, **fields)


def event(event_id: str, date: str, kind: EventKind, **fields: Any) -> Event:
    fields.setdefault("summary", f"Event {event_id}.")
    fields.setdefault("citations", CITE)
    return Event(id=event_id, date=PartialDate.parse(date), kind=kind, **fields)


def agreement(*clauses: Clause, **fields: Any) -> Agreement:
    fields.setdefault("id", "deal")
    fields.setdefault("title", "Deal")
    fields.setdefault("date", PartialDate.parse("2021-08-31"))
    fields.setdefault("status", Status.SIGNED)
    fields.setdefault("citations", CITE)
    return Agreement(clauses=clauses, **fields)


def corpus(*agreements: Agreement, **fields: Any) -> Corpus:
    fields.setdefault("sources", [Source(id="report", document="report.txt", description="A report.")])
    fields.setdefault(
        "actors",
        [
            Actor(id="army", name="Army", kind=ActorKind.STATE_FORCE),
            Actor(id="fighters", name="Fighters", kind=ActorKind.ARMED_GROUP),
            Actor(id="russia", name="Russia", kind=ActorKind.STATE),
        ],
    )
    fields.setdefault("places", [Place(id="daraa", name="Daraa", kind=PlaceKind.CITY)])
    return Corpus(agreements=agreements, **fields)


def found(problems: Iterable[Problem]) -> list[tuple[str, str, str]]:
    return [(problem.severity, problem.code, problem.path) for problem in problems]


# ------------------------------------------------------------------ basics


def test_a_consistent_agreement_has_no_problem() -> None:
    deal = agreement(
        weapons("heavy", [HEAVY], HAND_OVER, obligors=["fighters"]),
        weapons("light", [LIGHT], RETAIN, obligors=["fighters"], modality=MAY),
        clause("enter", obligors=["army"], action="enter"),
        clause("stay", obligors=["fighters"], action="enter", modality=MUST_NOT),
        place="daraa",
        parties=[Party(actor="fighters", citations=CITE)],
        third_parties=[ThirdParty(actor="russia", role=ThirdPartyRole.GUARANTOR, citations=CITE)],
        events=[
            event("signed", "2021-08-31", EventKind.SIGNING),
            event("force", "2021-09", EventKind.ENTRY_INTO_FORCE),
        ],
    )
    assert check(deal) == ()
    assert check(deal, corpus=corpus()) == ()
    assert check(corpus(deal)) == ()


def test_the_builtin_corpus_has_no_error() -> None:
    assert [str(problem) for problem in check(ag.corpus()) if problem.severity == ERROR] == []


def test_every_code_is_documented() -> None:
    # By its name in sys.modules: the package may export the function ``check`` under the module's name.
    module = importlib.import_module("agreements.check")
    assert module.__doc__ is not None
    for code in CODES:
        assert f"``{code}``" in module.__doc__
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code)


@pytest.mark.parametrize(
    ("subject", "kwargs", "message"),
    [
        (corpus(), {"corpus": [corpus()]}, "corpus: expected a Corpus, got [Corpus("),
        (agreement(), {"corpus": {"actors": []}}, "corpus: expected a Corpus, got {'actors': []}"),
        (agreement(), {"sources": 7}, "sources: expected a folder, got 7"),
        ("deal", {}, "expected an Agreement or a Corpus, got str"),
    ],
)
def test_arguments_are_checked(subject: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=re.escape(message)):
        check(subject, **kwargs)


# ------------------------------------------------------------- references


def test_a_lone_agreement_resolves_only_its_own_clause_ids_without_a_corpus() -> None:
    deal = agreement(
        clause(
            "a",
            obligors=["nobody"],
            places=["nowhere"],
            condition=Condition(summary="After b.", clauses=["b"]),
        ),
        citations=[Citation(source="unknown", quote="q")],
    )
    assert found(check(deal)) == [(ERROR, "dangling-reference", "clauses[0].condition.clauses[0]")]
    assert found(check(deal, corpus=corpus())) == [
        (ERROR, "dangling-reference", "citations[0].source"),
        (ERROR, "dangling-reference", "clauses[0].obligors[0]"),
        (ERROR, "dangling-reference", "clauses[0].condition.clauses[0]"),
        (ERROR, "dangling-reference", "clauses[0].places[0]"),
    ]


def test_every_reference_of_an_agreement_is_resolved_in_document_order() -> None:
    wrong = (Citation(source="nope", quote="q"),)
    deal = agreement(
        clause(
            "a",
            citations=wrong,
            obligors=["x-actor"],
            weapons=WeaponsTerm(classes=[HEAVY], action=HAND_OVER, holder="x-holder"),
            places=["daraa", "x-place"],
        ),
        citations=wrong,
        place="x-town",
        parties=[Party(actor="x-party", citations=wrong)],
        third_parties=[ThirdParty(actor="x-third", role=ThirdPartyRole.MEDIATOR, citations=wrong)],
        territory=Territory(summary="Here.", citations=wrong, places=["x-territory"]),
        disputes=[
            Dispute(
                id="d",
                topic="T",
                claims=[Claim(summary="One.", citations=CITE), Claim(summary="Two.", citations=wrong)],
                clauses=["a", "x-clause"],
            )
        ],
        events=[
            event(
                "e",
                "2021-09-01",
                EventKind.OTHER,
                citations=wrong,
                actors=["army", "x-actor"],
                places=["x-place"],
            )
        ],
    )
    paths = [problem.path for problem in check(corpus(deal))]
    assert paths == [
        "agreements[0].citations[0].source",
        "agreements[0].place",
        "agreements[0].parties[0].actor",
        "agreements[0].parties[0].citations[0].source",
        "agreements[0].third_parties[0].actor",
        "agreements[0].third_parties[0].citations[0].source",
        "agreements[0].territory.citations[0].source",
        "agreements[0].territory.places[0]",
        "agreements[0].clauses[0].citations[0].source",
        "agreements[0].clauses[0].obligors[0]",
        "agreements[0].clauses[0].weapons.holder",
        "agreements[0].clauses[0].places[1]",
        "agreements[0].disputes[0].claims[1].citations[0].source",
        "agreements[0].disputes[0].clauses[1]",
        "agreements[0].events[0].citations[0].source",
        "agreements[0].events[0].actors[1]",
        "agreements[0].events[0].places[0]",
    ]


def test_a_dangling_reference_names_the_value_and_the_closest_id() -> None:
    [problem] = check(agreement(clause("a", obligors=["fightrs"])), corpus=corpus())
    assert problem.message == "no actor has the id 'fightrs'; did you mean 'fighters'?"
    [problem] = check(agreement(clause("a", obligors=["zzz"])), corpus=corpus())
    assert problem.message == "no actor has the id 'zzz'"
    [problem] = check(agreement(clause("a", obligors=["zzz"])), corpus=corpus(actors=[]))
    assert problem.message == "no actor has the id 'zzz'"


def test_agreements_of_a_corpus_are_indexed_by_date() -> None:
    late = agreement(clause("a", obligors=["ghost"]), id="a-late", date=PartialDate(year=2021))
    early = agreement(clause("a", obligors=["ghost"]), id="z-early", date=PartialDate(year=2018))
    assert found(check(corpus(late, early))) == [
        (ERROR, "dangling-reference", "agreements[0].clauses[0].obligors[0]"),
        (ERROR, "dangling-reference", "agreements[1].clauses[0].obligors[0]"),
    ]
    assert "'ghost'" in check(corpus(late, early))[0].message


def actors(*pairs: tuple[str, str | None]) -> list[Actor]:
    return [
        Actor(id=actor_id, name=actor_id, kind=ActorKind.STATE, parent=parent) for actor_id, parent in pairs
    ]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("a", None), ("b", "a"), ("c", "b")], []),
        ([("a", "a")], [("actors[0].parent", "actor 'a' is its own ancestor: 'a' -> 'a'")]),
        (
            [("a", "b"), ("b", "c"), ("c", "a")],
            [("actors[0].parent", "actor 'a' is its own ancestor: 'a' -> 'b' -> 'c' -> 'a'")],
        ),
        # 'a' leads into the loop of 'b' and 'c' without being on it: the loop is reported once, at 'b'.
        (
            [("a", "b"), ("b", "c"), ("c", "b")],
            [("actors[1].parent", "actor 'b' is its own ancestor: 'b' -> 'c' -> 'b'")],
        ),
        (
            [("a", "missing"), ("b", "b"), ("c", "a")],
            [
                ("actors[0].parent", "no actor has the id 'missing'"),
                ("actors[1].parent", "actor 'b' is its own ancestor: 'b' -> 'b'"),
            ],
        ),
    ],
)
def test_parents_that_dangle_or_loop(
    pairs: list[tuple[str, str | None]], expected: list[tuple[str, str]]
) -> None:
    problems = check(corpus(actors=actors(*pairs)))
    assert [(problem.path, problem.message) for problem in problems] == expected


def test_place_parents_are_checked_like_actor_parents() -> None:
    places = [
        Place(id="daraa", name="Daraa", kind=PlaceKind.CITY, parent="south"),
        Place(id="south", name="South", kind=PlaceKind.REGION, parent="daraa"),
        Place(id="town", name="Town", kind=PlaceKind.TOWN, parent="daraa-governorate"),
    ]
    assert found(check(corpus(places=places))) == [
        (ERROR, "parent-cycle", "places[0].parent"),
        (ERROR, "dangling-reference", "places[2].parent"),
    ]


def test_a_parent_may_be_a_record_of_the_corpus_checked_against() -> None:
    places = [
        Place(id="my-street", name="My Street", kind=PlaceKind.DISTRICT, parent="daraa-al-balad"),
        Place(id="nowhere", name="Nowhere", kind=PlaceKind.TOWN, parent="daraa-al-balat"),
    ]
    mine = ag.Corpus(places=places)
    assert found(check(mine)) == [
        (ERROR, "dangling-reference", "places[0].parent"),
        (ERROR, "dangling-reference", "places[1].parent"),
    ]
    # Beside the built-in corpus the first parent is there; the second is still not, with the closest id.
    problems = check(mine, corpus=builtin_corpus())
    assert [(problem.path, problem.message) for problem in problems] == [
        ("places[1].parent", "no place has the id 'daraa-al-balat'; did you mean 'daraa-al-balad'?")
    ]


# ------------------------------------------------------------ duplicate ids


def test_duplicate_ids_are_reported_at_each_later_copy() -> None:
    claims = [Claim(summary="One.", citations=CITE), Claim(summary="Two.", citations=CITE)]
    deal = agreement(
        clause("a"),
        clause("b"),
        clause("a"),
        clause("a"),
        disputes=[Dispute(id="d", topic="T", claims=claims), Dispute(id="d", topic="T", claims=claims)],
        events=[event("e", "2021-09", EventKind.OTHER), event("e", "2021-09", EventKind.OTHER)],
    )
    problems = check(deal)
    assert found(problems) == [
        (ERROR, "duplicate-id", "clauses[2].id"),
        (ERROR, "duplicate-id", "clauses[3].id"),
        (ERROR, "duplicate-id", "disputes[1].id"),
        (ERROR, "duplicate-id", "events[1].id"),
    ]
    assert problems[1].message == "duplicate clause id 'a', also clauses[0]"


# ----------------------------------------------------------------- weapons


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Hand over heavy and medium, keep medium: a contradiction over medium weapons.
        (
            weapons("give", [HEAVY, MEDIUM], HAND_OVER),
            weapons("keep", [MEDIUM, LIGHT], RETAIN),
            "clause 'keep' lets 'fighters' keep 'medium' weapons that clause 'give' (clauses[0]) obliges it to hand over",
        ),
        # The other order, and a retain clause that obliges keeping.
        (
            weapons("keep", [HEAVY, MEDIUM], RETAIN),
            weapons("give", [MEDIUM, HEAVY], HAND_OVER),
            "clause 'keep' (clauses[0]) lets 'fighters' keep 'heavy', 'medium' weapons that clause 'give' obliges it to hand over",
        ),
        # The holder is the obligor when the term names none.
        (
            weapons("give", [HEAVY], HAND_OVER, holder=None, obligors=["fighters"]),
            weapons("keep", [HEAVY], RETAIN, modality=MAY),
            "clause 'keep' lets 'fighters' keep 'heavy' weapons that clause 'give' (clauses[0]) obliges it to hand over",
        ),
        # Nobody named on either side is the same nobody.
        (
            weapons("give", [HEAVY], HAND_OVER, holder=None),
            weapons("keep", [HEAVY], RETAIN, holder=None),
            "clause 'keep' lets an unnamed actor keep 'heavy' weapons that clause 'give' (clauses[0]) obliges it to hand over",
        ),
    ],
)
def test_handing_over_and_keeping_the_same_weapons(first: Clause, second: Clause, expected: str) -> None:
    [problem] = check(agreement(first, second))
    assert (problem.severity, problem.code, problem.path) == (
        ERROR,
        "handover-and-retain",
        "clauses[1].weapons.action",
    )
    assert problem.message == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (weapons("give", [HEAVY], HAND_OVER), weapons("keep", [MEDIUM], RETAIN)),
        (
            weapons("give", [HEAVY], HAND_OVER, holder="fighters"),
            weapons("keep", [HEAVY], RETAIN, holder="army"),
        ),
        (weapons("give", [HEAVY], HAND_OVER, modality=MAY), weapons("keep", [HEAVY], RETAIN)),
        (weapons("give", [HEAVY], HAND_OVER), weapons("keep", [HEAVY], RETAIN, modality=MUST_NOT)),
        (weapons("give", [HEAVY], HAND_OVER), weapons("more", [HEAVY], HAND_OVER)),
        (weapons("keep", [HEAVY], RETAIN), weapons("more", [HEAVY], RETAIN, modality=MAY)),
        (weapons("give", [HEAVY], HAND_OVER), clause("other", obligors=["fighters"])),
    ],
)
def test_weapons_terms_that_do_not_contradict(first: Clause, second: Clause) -> None:
    assert check(agreement(first, second)) == ()


def test_weapons_contradictions_under_different_timing_are_warnings() -> None:
    [problem] = check(
        agreement(
            weapons("give", [HEAVY], HAND_OVER, timing="within 15 days"),
            weapons("keep", [HEAVY], RETAIN),
        )
    )
    assert (problem.severity, problem.code) == (WARNING, "handover-and-retain")
    assert problem.message.endswith("; their timing or conditions differ: check that they cannot both apply")


def test_disputed_clauses_are_not_checked_for_contradictions() -> None:
    claims = [
        Claim(summary="Heavy only.", citations=CITE),
        Claim(summary="Heavy and medium.", citations=CITE),
    ]
    deal = agreement(
        weapons("give", [MEDIUM], HAND_OVER),
        weapons("keep", [MEDIUM], RETAIN),
        clause("enter", obligors=["army"], action="enter"),
        clause("stay-out", obligors=["army"], action="enter", modality=MUST_NOT),
        disputes=[Dispute(id="which", topic="Which weapons.", claims=claims, clauses=["keep", "stay-out"])],
    )
    assert check(deal) == ()


def test_must_and_must_not_hand_over_the_same_weapons() -> None:
    [problem] = check(
        agreement(
            weapons("give", [HEAVY, LIGHT], HAND_OVER),
            weapons("keep-back", [LIGHT], HAND_OVER, modality=MUST_NOT),
        )
    )
    assert found([problem]) == [(ERROR, "must-and-must-not", "clauses[1].modality")]
    assert problem.message == (
        "clause 'keep-back' says 'must-not' and clause 'give' (clauses[0]) says 'must' for 'fighters' to hand over 'light' weapons"
    )


# ------------------------------------------------------------ must, must not


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (
            clause("enter", obligors=["army"], action="enter"),
            clause("stay", obligors=["army"], action=" ENTER ", modality=MUST_NOT),
            [(ERROR, "must-and-must-not", "clauses[1].modality")],
        ),
        (
            clause("stay", action="shell", modality=MUST_NOT),
            clause("shell", action="shell"),
            [(ERROR, "must-and-must-not", "clauses[1].modality")],
        ),
        (
            clause("enter", obligors=["army"], action="enter"),
            clause(
                "stay",
                obligors=["army"],
                action="enter",
                modality=MUST_NOT,
                condition=Condition(summary="Until."),
            ),
            [(WARNING, "must-and-must-not", "clauses[1].modality")],
        ),
        (
            clause("enter", obligors=["army"], action="enter"),
            clause("stay", obligors=["fighters"], action="enter", modality=MUST_NOT),
            [],
        ),
        (
            clause("enter", obligors=["army"], action="enter"),
            clause("stay", obligors=["army"], action="leave", modality=MUST_NOT),
            [],
        ),
        (
            clause("enter", obligors=["army"], action="enter"),
            clause("may", obligors=["army"], action="enter", modality=MAY),
            [],
        ),
        (clause("enter", obligors=["army"]), clause("stay", obligors=["army"], modality=MUST_NOT), []),
        (
            clause("enter", obligors=["army"], action="enter"),
            clause("stay", obligors=["army"], modality=MUST_NOT),
            [],
        ),
    ],
)
def test_must_and_must_not_of_the_same_action(
    first: Clause, second: Clause, expected: list[tuple[str, str, str]]
) -> None:
    assert found(check(agreement(first, second))) == expected


def test_must_and_must_not_message() -> None:
    [problem] = check(
        agreement(clause("stay", action="shell", modality=MUST_NOT), clause("shell", action="shell")),
    )
    assert problem.message == (
        "clause 'shell' says 'must' and clause 'stay' (clauses[0]) says 'must-not' for an unnamed actor to 'shell'"
    )


def test_each_contradicting_pair_is_reported_once() -> None:
    deal = agreement(
        clause("a", obligors=["army"], action="enter"),
        clause("b", obligors=["army"], action="enter", modality=MUST_NOT),
        clause("c", obligors=["army"], action="enter"),
    )
    assert found(check(deal)) == [
        (ERROR, "must-and-must-not", "clauses[1].modality"),
        (ERROR, "must-and-must-not", "clauses[2].modality"),
    ]
    assert "(clauses[1])" in check(deal)[1].message


# ------------------------------------------------------------ status, dates


@pytest.mark.parametrize(
    ("status", "kind", "severity"),
    [
        (Status.IN_FORCE, EventKind.COLLAPSE, ERROR),
        (Status.SIGNED, EventKind.COLLAPSE, ERROR),
        (Status.PROPOSED, EventKind.SIGNING, ERROR),
        (Status.PROPOSED, EventKind.ENTRY_INTO_FORCE, ERROR),
        (Status.REJECTED, EventKind.SIGNING, ERROR),
        (Status.REJECTED, EventKind.ENTRY_INTO_FORCE, ERROR),
        (Status.COLLAPSED, EventKind.COLLAPSE, None),
        (Status.SUPERSEDED, EventKind.COLLAPSE, None),
        (Status.PROPOSED, EventKind.OFFER, None),
        (Status.REJECTED, EventKind.REJECTION, None),
        (Status.IN_FORCE, EventKind.ENTRY_INTO_FORCE, None),
    ],
)
def test_events_that_contradict_the_status(status: Status, kind: EventKind, severity: str | None) -> None:
    deal = agreement(status=status, events=[event("e", "2021-08-31", kind)])
    expected = [] if severity is None else [(severity, "status-contradiction", "events[0].kind")]
    assert found(check(deal)) == expected


def test_a_collapsed_agreement_without_a_collapse_is_a_warning() -> None:
    [problem] = check(
        agreement(status=Status.COLLAPSED, events=[event("e", "2021-08-31", EventKind.SIGNING)])
    )
    assert found([problem]) == [(WARNING, "status-contradiction", "status")]
    assert problem.message == "agreement 'deal' is 'collapsed' but none of its events is a collapse"


@pytest.mark.parametrize(
    ("agreed", "kind", "date", "severity"),
    [
        ("2021-08-31", EventKind.ENTRY_INTO_FORCE, "2021-08-30", ERROR),
        ("2021-08-31", EventKind.HANDOVER, "2021-07", ERROR),
        ("2021-08-31", EventKind.COLLAPSE, "2020", ERROR),
        ("2021-08-31", EventKind.COLLAPSE, "2021-08-30~", WARNING),
        ("2021-08-31~", EventKind.COLLAPSE, "2021-08-30", WARNING),
        # A date known less precisely than the day may still fall on or after it.
        ("2021-08-31", EventKind.ENTRY_INTO_FORCE, "2021-08", None),
        ("2021-08", EventKind.ENTRY_INTO_FORCE, "2021-08-01", None),
        ("2021", EventKind.HANDOVER, "2021-01-01", None),
        ("2021-08-31", EventKind.TALKS, "2021-07", None),
        ("2021-08-31", EventKind.SIGNING, "2021-08-31", None),
        ("2021-08-31", EventKind.SIGNING, "2021-08-30", WARNING),
        ("2021-08-31", EventKind.SIGNING, "2021-09", WARNING),
        ("2021-08", EventKind.SIGNING, "2021-08-14", None),
        ("2021-08", EventKind.SIGNING, "2021", None),
        ("2021-08", EventKind.SIGNING, "2021-07", WARNING),
        ("2021-08-31", EventKind.SIGNING, "2021-08-30~", None),
    ],
)
def test_event_dates_against_the_agreement_date(
    agreed: str, kind: EventKind, date: str, severity: str | None
) -> None:
    status = Status.COLLAPSED if kind is EventKind.COLLAPSE else Status.IN_FORCE
    deal = agreement(date=PartialDate.parse(agreed), status=status, events=[event("e", date, kind)])
    expected = [] if severity is None else [(severity, "date-order", "events[0].date")]
    assert found(check(deal)) == expected


def test_date_messages() -> None:
    deal = agreement(
        events=[
            event("force", "2021-08-01", EventKind.ENTRY_INTO_FORCE),
            event("handover", "2021-08-01~", EventKind.HANDOVER),
            event("signed", "2021-09-01", EventKind.SIGNING),
        ]
    )
    assert [problem.message for problem in check(deal)] == [
        "the entry-into-force event 'force' is dated '2021-08-01', before the agreement's date '2021-08-31'",
        "the handover event 'handover' is dated '2021-08-01~', before the agreement's date '2021-08-31';"
        " a date is approximate, so this may be right",
        "the signing event 'signed' is dated '2021-09-01', but the agreement is dated '2021-08-31'",
    ]


def test_problems_of_one_record_come_in_field_order() -> None:
    deal = agreement(
        status=Status.PROPOSED,
        events=[
            event("e", "2021-08-01", EventKind.ENTRY_INTO_FORCE, actors=["ghost"]),
            event("e", "2021-09", EventKind.OTHER),
        ],
    )
    assert found(check(deal, corpus=corpus())) == [
        (ERROR, "date-order", "events[0].date"),
        (ERROR, "status-contradiction", "events[0].kind"),
        (ERROR, "dangling-reference", "events[0].actors[0]"),
        (ERROR, "duplicate-id", "events[1].id"),
    ]


# ---------------------------------------------------------------- broken files


def _expected(path: Path) -> list[tuple[str, str, str]]:
    lines = [
        line.removeprefix("# expect:").split()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("# expect:")
    ]
    return [(severity, code, where) for severity, code, where in lines]


BROKEN_FILES = sorted(BROKEN.glob("*.toml"))


def test_there_are_enough_broken_files() -> None:
    assert len(BROKEN_FILES) >= 10
    reported = {code for path in BROKEN_FILES for _, code, _ in _expected(path)}
    assert reported == set(CODES)


def _sources(path: Path) -> Path | None:
    """The folder of source documents a broken file's quotes are checked against (``# sources: FOLDER``)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sources:"):
            return path.parent / line.removeprefix("# sources:").strip()
    return None


@pytest.mark.parametrize("path", BROKEN_FILES, ids=[path.stem for path in BROKEN_FILES])
def test_broken_files_are_reported(path: Path) -> None:
    document = ag.load(path, check=False)
    assert isinstance(document, Agreement | Corpus)
    expected = _expected(path)
    assert expected, f"{path.name} has no '# expect:' line"
    problems = check(document, sources=_sources(path))
    assert found(problems) == expected
    for problem in problems:
        assert re.search(r"'[^']+'", problem.message), f"{problem} names no value"
        assert problem.code in CODES
    # Loading with the checks on refuses the file when, and only when, it has errors of clause
    # logic (quotes are checked only against the documents, which loading does not read).
    errors = {problem.code for problem in check(document) if problem.severity == ERROR}
    if errors:
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(path)
        assert caught.value.file == str(path)
        assert {problem.code for problem in caught.value.problems} <= errors
    else:
        assert ag.load(path) == document


# ------------------------------------------------------------------ properties


def _strings(data: object) -> set[str]:
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return {text for value in data.values() for text in _strings(value)}
    if isinstance(data, list):
        return {text for value in data for text in _strings(value)}
    return set()


def _fresh(taken: set[str], stem: str) -> str:
    number = 0
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def _with_clauses(corpus: Corpus, agreement_id: str, *added: Clause) -> Corpus:
    agreements = dict(corpus.agreements)
    target = agreements[agreement_id]
    agreements[agreement_id] = attrs.evolve(target, clauses=(*target.clauses, *added))
    return attrs.evolve(corpus, agreements=agreements)


@COSTLY
@given(strategies.corpora(min_agreements=1, max_agreements=2), st.data())
def test_adding_a_contradiction_is_always_reported_and_removing_it_clears_it(
    corpus: Corpus, data: st.DataObject
) -> None:
    agreement_id = data.draw(st.sampled_from(sorted(corpus.agreements)))
    index = list(corpus.agreements).index(agreement_id)
    target = corpus.agreements[agreement_id]
    taken = _strings(to_data(corpus))
    first = _fresh(taken, "zz-check-a")
    second = _fresh(taken | {first}, "zz-check-b")
    actor = data.draw(st.none() | st.sampled_from(sorted(corpus.actors)) if corpus.actors else st.none())
    kind = data.draw(st.sampled_from(["must-and-must-not", "handover-and-retain"]))
    if kind == "must-and-must-not":
        action = data.draw(st.text(min_size=1, max_size=20).filter(str.strip))
        pair = (
            clause(
                first, obligors=[] if actor is None else [actor], action=action, citations=target.citations
            ),
            clause(
                second,
                obligors=[] if actor is None else [actor],
                action=action,
                modality=MUST_NOT,
                citations=target.citations,
            ),
        )
    else:
        classes = data.draw(st.frozensets(st.sampled_from(WeaponClass), min_size=1))
        pair = (
            weapons(first, classes, HAND_OVER, holder=actor, citations=target.citations),
            weapons(
                second,
                classes,
                RETAIN,
                holder=actor,
                modality=data.draw(st.sampled_from([MUST, MAY])),
                citations=target.citations,
            ),
        )
    before = check(corpus)
    added = _with_clauses(corpus, agreement_id, *pair)
    after = check(added)
    path = f"agreements[{index}].clauses[{len(target.clauses) + 1}]"
    new = [problem for problem in after if problem not in before]
    assert (ERROR, kind) in {
        (problem.severity, problem.code) for problem in new if problem.path.startswith(path)
    }
    assert all(problem in after for problem in before)
    grown = added.agreements[agreement_id]
    restored = attrs.evolve(grown, clauses=grown.clauses[:-2])
    assert check(attrs.evolve(added, agreements={**added.agreements, agreement_id: restored})) == before


@COSTLY
@given(strategies.corpora(min_agreements=1, max_agreements=2), st.data())
def test_contradicting_an_existing_clause_is_always_reported(corpus: Corpus, data: st.DataObject) -> None:
    candidates = [
        (agreement.id, number)
        for agreement in corpus.agreements.values()
        for number, existing in enumerate(agreement.clauses)
        if existing.id not in agreement.disputed_clauses
    ]
    if not candidates:  # no clause to contradict: the baseline gets one
        agreement_id = data.draw(st.sampled_from(sorted(corpus.agreements)))
        cited = corpus.agreements[agreement_id].citations
        fresh = clause(_fresh(_strings(to_data(corpus)), "zz-existing"), citations=cited)
        corpus = _with_clauses(corpus, agreement_id, fresh)
        candidates = [(agreement_id, len(corpus.agreements[agreement_id].clauses) - 1)]
    agreement_id, number = data.draw(st.sampled_from(candidates))
    # The clause gets an action and an obligation (or a ban) if it has none: the baseline has it too.
    target = corpus.agreements[agreement_id]
    existing = target.clauses[number]
    existing = attrs.evolve(
        existing,
        action=existing.action or data.draw(st.sampled_from(["deploy", "lift the siege"])),
        modality=data.draw(st.sampled_from([MUST, MUST_NOT]))
        if existing.modality is MAY
        else existing.modality,
    )
    clauses = list(target.clauses)
    clauses[number] = existing
    corpus = attrs.evolve(
        corpus, agreements={**corpus.agreements, agreement_id: attrs.evolve(target, clauses=clauses)}
    )
    opposite = MUST_NOT if existing.modality is MUST else MUST
    contrary = attrs.evolve(existing, id=_fresh(_strings(to_data(corpus)), "zz-contrary"), modality=opposite)
    before = check(corpus)
    after = check(_with_clauses(corpus, agreement_id, contrary))
    index = list(corpus.agreements).index(agreement_id)
    wanted = f"agreements[{index}].clauses[{len(clauses)}].modality"
    reported = [
        problem for problem in after if problem.path == wanted and problem.code == "must-and-must-not"
    ]
    assert any(
        problem.severity == ERROR and f"(agreements[{index}].clauses[{number}])" in problem.message
        for problem in reported
    )
    assert all(problem in after for problem in before)


def _rename(corpus: Corpus, old: str, new: str) -> Corpus:
    def name(actor: str) -> str:
        return new if actor == old else actor

    def maybe(actor: str | None) -> str | None:
        return None if actor is None else name(actor)

    def rename_clause(item: Clause) -> Clause:
        term = item.weapons
        if term is not None:
            term = attrs.evolve(term, holder=maybe(term.holder), recipient=maybe(term.recipient))
        return attrs.evolve(item, obligors=[name(actor) for actor in item.obligors], weapons=term)

    def rename_claim(claim: Claim) -> Claim:
        return attrs.evolve(claim, by=[name(actor) for actor in claim.by])

    def rename_agreement(agreement: Agreement) -> Agreement:
        return attrs.evolve(
            agreement,
            parties=[attrs.evolve(party, actor=name(party.actor)) for party in agreement.parties],
            third_parties=[attrs.evolve(third, actor=name(third.actor)) for third in agreement.third_parties],
            clauses=[rename_clause(item) for item in agreement.clauses],
            disputes=[
                attrs.evolve(
                    item,
                    parties=[name(actor) for actor in item.parties],
                    third_parties=[name(actor) for actor in item.third_parties],
                    claims=[rename_claim(claim) for claim in item.claims],
                )
                for item in agreement.disputes
            ],
            claims=[rename_claim(claim) for claim in agreement.claims],
            events=[
                attrs.evolve(item, actors=[name(actor) for actor in item.actors]) for item in agreement.events
            ],
        )

    return attrs.evolve(
        corpus,
        actors=[
            attrs.evolve(actor, id=name(actor.id), parent=maybe(actor.parent))
            for actor in corpus.actors.values()
        ],
        agreements=[rename_agreement(agreement) for agreement in corpus.agreements.values()],
    )


def _shape(problems: Iterable[Problem]) -> Counter[tuple[str, str, str]]:
    # Actors are kept in id order, so a new name can move an actor: compare those paths without the index.
    return Counter(
        (problem.severity, problem.code, re.sub(r"^actors\[\d+\]", "actors[*]", problem.path))
        for problem in problems
    )


def _actor_references(corpus: Corpus) -> set[str]:
    found = {*corpus.actors, *(actor.parent for actor in corpus.actors.values() if actor.parent is not None)}
    for agreement in corpus.agreements.values():
        found.update(party.actor for party in agreement.parties)
        found.update(third.actor for third in agreement.third_parties)
        found.update(actor for item in agreement.clauses for actor in item.obligors)
        found.update(
            actor
            for item in agreement.clauses
            if item.weapons
            for actor in (item.weapons.holder, item.weapons.recipient)
            if actor is not None
        )
        found.update(actor for item in agreement.disputes for actor in (*item.parties, *item.third_parties))
        found.update(actor for item in agreement.events for actor in item.actors)
        claims = [*agreement.claims, *(claim for item in agreement.disputes for claim in item.claims)]
        found.update(actor for claim in claims for actor in claim.by)
    return found


@COSTLY
@given(strategies.corpora(min_agreements=1, max_agreements=2), st.data())
def test_renaming_an_actor_everywhere_neither_creates_nor_clears_a_problem(
    corpus: Corpus, data: st.DataObject
) -> None:
    # Problems for the renaming to keep: a contradiction by an actor, and a party that names no actor.
    agreement_id = data.draw(st.sampled_from(sorted(corpus.agreements)))
    target = corpus.agreements[agreement_id]
    taken = _strings(to_data(corpus))
    actor = data.draw(st.sampled_from(sorted(corpus.actors))) if corpus.actors else None
    ghost = _fresh(taken, "ghost")
    first = _fresh(taken, "zz-enter")
    second = _fresh(taken, "zz-stay-out")
    seeded = _with_clauses(
        corpus,
        agreement_id,
        clause(first, obligors=[] if actor is None else [actor], action="enter", citations=target.citations),
        clause(
            second,
            obligors=[] if actor is None else [actor],
            action="enter",
            modality=MUST_NOT,
            citations=target.citations,
        ),
    )
    grown = seeded.agreements[agreement_id]
    grown = attrs.evolve(grown, parties=(*grown.parties, Party(actor=ghost, citations=target.citations)))
    seeded = attrs.evolve(seeded, agreements={**seeded.agreements, agreement_id: grown})
    before = _shape(check(seeded))
    assert {code for _, code, _ in before} >= {"must-and-must-not", "dangling-reference"}

    old = data.draw(st.sampled_from(sorted(_actor_references(seeded))))
    new = _fresh(_strings(to_data(seeded)), data.draw(st.sampled_from(["a", "m", "zz"])))
    renamed = _rename(seeded, old, new)
    assert old not in _actor_references(renamed)
    assert new in _actor_references(renamed)
    assert _shape(check(renamed)) == before
    assert _rename(renamed, new, old) == seeded


def test_a_corpus_resolves_against_another_corpus() -> None:
    mine = Corpus(
        sources=[Source(id="mine", document="notes.txt", description="My notes.")],
        agreements=[
            Agreement(
                id="my-reading",
                title="My reading",
                date=PartialDate(year=2021, month=9, day=6),
                status=Status.IN_FORCE,
                citations=[Citation(source="mine", quote="q")],
                third_parties=[
                    ThirdParty(
                        actor="russia",
                        role=ThirdPartyRole.MEDIATOR,
                        citations=[Citation(source="mine", quote="q")],
                    )
                ],
            )
        ],
    )
    alone = [problem.path for problem in check(mine)]
    assert alone == ["agreements[0].third_parties[0].actor"]
    assert check(mine, corpus=builtin_corpus()) == ()
    assert check_document(mine) == ()
    with pytest.raises(MergeConflictError, match="both corpora define the source 'mine'"):
        check(mine, corpus=mine)


# -------------------------------------------------------------- newer checks


def relation(kind: RelationKind, target: str, **fields: Any) -> Relation:
    return Relation(kind=kind, target=target, citations=CITE, **fields)


def test_joint_obligors_and_all_parties_contradict_what_binds_one_of_them() -> None:
    together = clause("together", obligors=["army", "fighters"], action="enter")
    alone = clause("alone", obligors=["fighters"], action="enter", modality=MUST_NOT)
    [problem] = check(agreement(together, alone))
    assert problem.message == (
        "clause 'alone' says 'must-not' and clause 'together' (clauses[0]) says 'must' for 'fighters' to 'enter'"
    )
    everyone = clause("everyone", all_parties=True, action="enter")
    nobody = clause("nobody", all_parties=True, action="enter", modality=MUST_NOT)
    assert [(p.code, p.path) for p in check(agreement(everyone, nobody))] == [
        ("must-and-must-not", "clauses[1].modality")
    ]
    # Different actors, and "all parties" beside one named actor, do not meet.
    assert check(agreement(clause("a", obligors=["army"], action="enter"), alone)) == ()
    assert check(agreement(everyone, alone)) == ()


@pytest.mark.parametrize("action", [WeaponAction.STORE, WeaponAction.DESTROY])
def test_storing_or_destroying_what_a_holder_may_keep(action: WeaponAction) -> None:
    [problem] = check(
        agreement(weapons("give", [HEAVY], action), weapons("keep", [HEAVY], RETAIN, modality=MAY))
    )
    assert (problem.code, problem.path) == ("handover-and-retain", "clauses[1].weapons.action")
    assert problem.message.endswith(f"obliges it to {action.value}")
    # Withdrawing weapons is no giving them up.
    assert (
        check(agreement(weapons("pull", [HEAVY], WeaponAction.WITHDRAW), weapons("keep", [HEAVY], RETAIN)))
        == ()
    )


def test_a_deadline_that_differs_makes_a_contradiction_a_warning() -> None:
    later = Deadline(anchor="agreement", offset="P30D")
    [problem] = check(
        agreement(
            clause("enter", obligors=["army"], action="enter", deadlines=[later]),
            clause("stay-out", obligors=["army"], action="enter", modality=MUST_NOT),
        )
    )
    assert problem.severity == WARNING


def test_deadline_anchors() -> None:
    deal = agreement(
        clause("first", deadlines=[Deadline(anchor="agreement", offset="P1D")]),
        clause("second", deadlines=[Deadline(anchor="first", offset="P1D"), Deadline(anchor="signed")]),
        clause("third", deadlines=[Deadline(at=PartialDate.parse("2021-09-15"))]),
        events=[event("signed", "2021-08-31", EventKind.SIGNING)],
    )
    assert check(deal) == ()


def test_a_chain_of_relations_is_no_cycle_and_a_cycle_is_reported_once() -> None:
    chain = corpus(
        agreement(id="first"),
        agreement(id="second", relations=[relation(RelationKind.AMENDS, "first")]),
        agreement(id="third", relations=[relation(RelationKind.SUPPLEMENTS, "second", ends=["x"])]),
    )
    assert found(check(chain)) == [(ERROR, "dangling-reference", "agreements[2].relations[0].ends[0]")]
    loop = corpus(
        agreement(id="a", relations=[relation(RelationKind.FOLLOWS, "c")]),
        agreement(id="b", relations=[relation(RelationKind.AMENDS, "a")]),
        agreement(
            id="c", relations=[relation(RelationKind.SUPERSEDES, "b"), relation(RelationKind.FOLLOWS, "c")]
        ),
    )
    assert found(check(loop)) == [
        (ERROR, "relation-cycle", "agreements[0].relations"),
        (ERROR, "self-reference", "agreements[2].relations[1].target"),
    ]
    assert "'a' -> 'b' -> 'c' -> 'a'" in check(loop)[0].message


def test_relations_of_a_lone_agreement_resolve_against_the_corpus_given() -> None:
    lone = agreement(
        id="mine", relations=[relation(RelationKind.AMENDS, "daraa-2018-07", ends=["ceasefire", "zz"])]
    )
    assert check(lone) == ()
    assert [(p.path, p.message) for p in check(lone, corpus=builtin_corpus())] == [
        ("citations[0].source", "no source has the id 'report'"),
        ("relations[0].citations[0].source", "no source has the id 'report'"),
        ("relations[0].ends[1]", "no clause of 'daraa-2018-07' has the id 'zz'"),
    ]


@pytest.mark.parametrize(
    "summary",
    [
        "No heavy weapons enter the town.",
        "Government forces do not shell the town.",
        "Government forces don't shell the town.",
        "Government forces don’t shell the town.",
        "Fighters never return.",
        "Neither side fires.",
        "NOT A SINGLE SHOT IS FIRED.",
    ],
)
def test_a_prohibition_worded_as_a_negation(summary: str) -> None:
    [problem] = check(agreement(clause("c", summary=summary, modality=MUST_NOT)))
    assert (problem.severity, problem.code, problem.path) == (
        WARNING,
        "prohibition-wording",
        "clauses[0].summary",
    )


@pytest.mark.parametrize(
    ("summary", "modality"),
    [
        ("Government forces shell the town.", MUST_NOT),
        ("Notables negotiate; nothing is signed.", MUST_NOT),  # "nothing" starts no negation of the act
        ("Nobody's checkpoints are removed.", MUST_NOT),
        ("Government forces do not shell the town.", MUST),  # a must may say what it likes
        ("Fighters never return.", MAY),
    ],
)
def test_what_is_no_prohibition_wording(summary: str, modality: Modality) -> None:
    assert check(agreement(clause("c", summary=summary, modality=modality))) == ()


def test_the_words_a_lone_agreement_uses_are_the_builtin_ones() -> None:
    deal = agreement(clause("c", category="prisoner-lists"), clause("d", category="siege"))
    assert found(check(deal)) == [(ERROR, "unknown-term", "clauses[0].category")]
    mine = corpus(deal, vocabulary=Vocabulary(categories=[Term(id="prisoner-lists")]))
    assert check(mine) == ()
    assert check(deal, corpus=mine) == ()
    # A document read alone leaves the words to the corpus that adds them, as it leaves the actors.
    assert check_document(deal) == ()
    assert check_document(corpus(deal)) == ()
    assert found(check_document(corpus(deal, vocabulary=Vocabulary(categories=[Term(id="fishing")])))) == [
        (ERROR, "unknown-term", "agreements[0].clauses[0].category")
    ]


def test_checking_against_another_corpus_merges_the_vocabularies() -> None:
    mine = corpus(
        agreement(clause("c", category="prisoner-lists")),
        sources=[],
        actors=[],
        places=[],
        vocabulary=Vocabulary(categories=[Term(id="prisoner-lists")]),
    )
    assert check(mine, corpus=corpus()) == ()
    clash = corpus(vocabulary=Vocabulary(categories=[Term(id="prisoner-lists", label="Lists")]))
    with pytest.raises(MergeConflictError, match="vocabulary's categories"):
        check(mine, corpus=clash)


def _quoted(tmp_path: Path, document: str, text: str | bytes | None, quote: str = "as reported") -> Corpus:
    if isinstance(text, str):
        (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    elif isinstance(text, bytes):
        (tmp_path / "report.txt").write_bytes(text)
    deal = agreement(citations=(Citation(source="report", quote=quote),))
    return corpus(deal, sources=[Source(id="report", document=document, description="A report.")])


def test_quotes_are_found_whatever_the_white_space(tmp_path: Path) -> None:
    mine = _quoted(tmp_path, "report.txt", "It was\r\n  as\treported\u00a0by all.", quote=" as\nreported ")
    assert check(mine, sources=tmp_path) == ()
    assert check(mine, sources=str(tmp_path)) == ()
    assert check(mine) == ()  # without the documents, quotes are not checked


def test_quotes_are_verbatim_to_the_letter(tmp_path: Path) -> None:
    mine = _quoted(tmp_path, "report.txt", "It was as Reported.")
    [problem] = check(mine, sources=tmp_path)
    assert (problem.code, problem.path) == ("not-verbatim", "agreements[0].citations[0].quote")
    assert problem.message == "not found verbatim in 'report.txt' (source 'report'): 'as reported'"


@pytest.mark.parametrize(
    ("document", "text"),
    [
        ("report.txt", None),  # not there
        ("../report.txt", "as reported"),  # outside the folder
        ("/etc/hostname", "as reported"),
        ("report.txt", b"as reported \xff"),  # not UTF-8
    ],
)
def test_a_document_that_cannot_be_read_is_missing(
    tmp_path: Path, document: str, text: str | bytes | None
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (tmp_path / "report.txt").write_text("as reported", encoding="utf-8")
    mine = _quoted(folder, document, text)
    [problem] = check(mine, sources=folder)
    assert (problem.code, problem.path) == ("missing-document", "agreements[0].citations[0].source")
    assert problem.message == f"the document {document!r} of source 'report' is not in {str(folder)!r}"


def test_a_document_too_large_to_read_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.import_module("agreements.check"), "MAX_DOCUMENT_BYTES", 5)
    mine = _quoted(tmp_path, "report.txt", "as reported")
    assert found(check(mine, sources=tmp_path)) == [
        (ERROR, "missing-document", "agreements[0].citations[0].source")
    ]


def test_quotes_of_actors_and_of_a_lone_agreement(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("as reported", encoding="utf-8")
    cited = Actor(
        id="army",
        name="Army",
        kind=ActorKind.STATE_FORCE,
        citations=[Citation(source="report", quote="the army")],
    )
    mine = corpus(agreement(), actors=[cited])
    assert found(check(mine, sources=tmp_path)) == [(ERROR, "not-verbatim", "actors[0].citations[0].quote")]
    lone = agreement(clause("c", citations=[Citation(source="report", quote="the army")]))
    assert check(lone, sources=tmp_path) == ()  # without a corpus, no source says which document to read
    assert found(check(lone, corpus=mine, sources=tmp_path)) == [
        (ERROR, "not-verbatim", "clauses[0].citations[0].quote")
    ]


def test_the_builtin_quotes_are_verbatim() -> None:
    # The project's own checkout, or a worktree one level further down.
    here = Path(__file__).resolve()
    seeds = next(
        (up / "shared" / "seeds" for up in here.parents[2:4] if (up / "shared" / "seeds").is_dir()), None
    )
    if seeds is None:
        pytest.skip("the shared seeds folder is not beside the project")
    assert check(builtin_corpus(), sources=seeds) == ()
