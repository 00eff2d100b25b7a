"""The built-in Daraa corpus says what its sources say, and every reference resolves.

One test per agreement pins its key terms (weapons handed over, third parties and
their roles, status, checkpoints, territory), then corpus-wide tests check that
every actor, place, source and clause a record names exists, and that every
quote is found verbatim in its source document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

import agreements as ag
from agreements.model import (
    Agreement,
    Category,
    Citation,
    Corpus,
    EventKind,
    Modality,
    PartialDate,
    Quantity,
    Status,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
)

HEAVY = WeaponClass.HEAVY
MEDIUM = WeaponClass.MEDIUM
LIGHT = WeaponClass.LIGHT
SMALL_ARMS = WeaponClass.SMALL_ARMS

BUILT_IN = (
    "busra-al-sham-2018",
    "russian-conditions-2018",
    "daraa-2018-07",
    "daraa-al-balad-2021-08-31",
    "daraa-al-balad-2021-09-06",
)

# The seeds live beside the project in the shared folder, not in the package.
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return ag.corpus()


def roles(agreement: Agreement) -> set[tuple[str, ThirdPartyRole]]:
    return {(third.actor, third.role) for third in agreement.third_parties}


def party_actors(agreement: Agreement) -> set[str]:
    return {party.actor for party in agreement.parties}


def sources_cited(citations: Iterable[Citation]) -> set[str]:
    return {citation.source for citation in citations}


def event_dates(agreement: Agreement, kind: EventKind) -> set[str]:
    return {str(event.date) for event in agreement.events if event.kind is kind}


# ------------------------------------------------------------------ agreements


def test_built_in_agreements_are_present_and_ordered_by_date(corpus: Corpus) -> None:
    assert set(BUILT_IN) <= set(corpus.agreements)
    dates = [agreement.date for agreement in corpus.agreements.values()]
    assert dates == sorted(dates)


def test_busra_al_sham_2018(corpus: Corpus) -> None:
    a = ag.get("busra-al-sham-2018")
    assert a == corpus.agreements["busra-al-sham-2018"]
    assert a.status is Status.IN_FORCE
    assert a.date == PartialDate.parse("2018-07")
    assert a.place == "busra-al-sham"
    assert a.handover == {HEAVY, MEDIUM}
    assert a.disputed_handover == frozenset()
    assert roles(a) == {("russia", ThirdPartyRole.GUARANTOR)}
    assert party_actors(a) == {"syrian-government", "shabab-al-sunna"}
    # the territory runs from Daraa to Samad and from Busra al-Harir to Jordan
    assert a.territory is not None
    assert set(a.territory.places) == {"daraa", "samad", "busra-al-harir", "syria-jordan-border"}
    heavy = a.clause("handover-heavy")
    assert heavy.weapons is not None
    assert heavy.weapons.classes == {HEAVY}
    assert heavy.weapons.schedule == "as of Sunday"
    assert heavy.weapons.holder == "shabab-al-sunna"
    # returns to army-held areas are escorted by the Russian military police and the Red Crescent
    escorts = {clause.obligor for clause in a.clauses if clause.category is Category.MONITORING}
    assert escorts == {"russian-military-police", "red-crescent"}
    condition = a.clause("return-army-areas").condition
    assert condition is not None
    assert set(condition.clauses) == {"escort-russian-military-police", "escort-red-crescent"}
    categories = {clause.category for clause in a.clauses}
    assert {
        Category.SETTLEMENT,
        Category.MILITARY_SERVICE,
        Category.STATE_INSTITUTIONS,
        Category.EXCHANGE,
        Category.RETURN,
    } <= categories
    # the deal did not cover the Nassib crossing: no clause for it, and the summary says so
    assert Category.BORDER_CROSSING not in categories
    assert "Nassib" in a.summary
    assert "2018-07" in event_dates(a, EventKind.EXCHANGE)
    assert event_dates(a, EventKind.HANDOVER)


def test_russian_conditions_2018(corpus: Corpus) -> None:
    a = corpus.agreements["russian-conditions-2018"]
    assert a.status is Status.PROPOSED
    assert a.place == "busra-al-sham"
    assert a.handover == {HEAVY, MEDIUM}
    assert roles(a) == {("russia", ThirdPartyRole.SPONSOR)}
    assert a.clause("nassib-crossing").places == ("nassib-crossing",)
    assert a.clause("defectors-enlist").timing == "after six months"
    settle = a.clause("settle-wanted")
    assert settle.condition is not None
    assert settle.condition.clauses == ("government-forces-enter",)
    rejections = [event for event in a.events if event.kind is EventKind.REJECTION]
    assert [event.actors for event in rejections] == [("bashar-al-zoubi",)]
    assert any("ahmed-al-awda" in event.actors for event in a.events if event.kind is EventKind.TALKS)


def test_daraa_2018_07(corpus: Corpus) -> None:
    a = corpus.agreements["daraa-2018-07"]
    assert a.status is Status.COLLAPSED
    assert a.date == PartialDate.parse("2018-07")
    # heavy weapons: both 2021 reports; medium weapons: only the 10 September report
    assert a.handover == {HEAVY}
    assert a.disputed_handover == {MEDIUM}
    (dispute,) = a.disputes
    assert dispute.clauses == ("handover-medium",)
    assert [sources_cited(claim.citations) for claim in dispute.claims] == [
        {"truce-report-2021-09-02"},
        {"siege-report-2021-09-10"},
    ]
    assert sources_cited(a.clause("handover-heavy").citations) == {
        "truce-report-2021-09-02",
        "siege-report-2021-09-10",
    }
    assert roles(a) == {("russia", ThirdPartyRole.GUARANTOR)}
    assert {"syrian-government", "daraa-opposition", "shabab-al-sunna"} <= party_actors(a)
    assert a.clause("integration").category is Category.INTEGRATION
    excluded = a.clause("security-services-excluded")
    assert excluded.modality is Modality.MUST_NOT
    assert excluded.obligor == "syrian-security-services"
    assert excluded.places == ("daraa-al-balad",)
    assert event_dates(a, EventKind.COLLAPSE) == {"2021-06-24"}
    assert "2020-05-14" in event_dates(a, EventKind.DISPLACEMENT)


def test_daraa_al_balad_2021_08_31(corpus: Corpus) -> None:
    a = corpus.agreements["daraa-al-balad-2021-08-31"]
    assert a.status is Status.COLLAPSED
    assert a.date == PartialDate.parse("2021-08-31")
    assert a.place == "daraa-al-balad"
    assert a.handover == {SMALL_ARMS}
    assert a.disputed_handover == frozenset()
    assert roles(a) == {("russia", ThirdPartyRole.MEDIATOR)}
    assert "central-negotiating-committee" in party_actors(a)
    assert event_dates(a, EventKind.ENTRY_INTO_FORCE) == {"2021-09-01"}
    assert event_dates(a, EventKind.COLLAPSE) == {"2021-09-03"}
    (deployment,) = (event for event in a.events if event.kind is EventKind.DEPLOYMENT)
    assert str(deployment.date) == "2021-09-01"
    assert deployment.actors == ("russian-military-police",)
    assert a.clause("security-services-presence").obligor == "syrian-security-services"
    assert a.clause("lift-siege").category is Category.SIEGE
    expel = a.clause("expel-refusers")
    assert expel.category is Category.DISPLACEMENT
    assert expel.condition is not None
    assert set(expel.condition.clauses) == {"settle-status", "handover-small-arms"}


def test_daraa_al_balad_2021_09_06(corpus: Corpus) -> None:
    a = corpus.agreements["daraa-al-balad-2021-09-06"]
    assert a.status is Status.IN_FORCE
    assert a.date == PartialDate.parse("2021-09-06")
    assert a.handover == {LIGHT, MEDIUM}
    assert a.disputed_handover == frozenset()
    assert roles(a) == {("russia", ThirdPartyRole.MEDIATOR)}
    assert a.territory is not None
    assert a.territory.places == ("daraa-al-balad",)
    checkpoints = [clause for clause in a.clauses if clause.category is Category.CHECKPOINTS]
    assert [clause.quantity for clause in checkpoints] == [Quantity(value=9, unit="checkpoints")]
    siege = a.clause("withdraw-lift-siege")
    assert siege.condition is not None
    assert {"handover-light-medium", "checkpoints"} <= set(siege.condition.clauses)
    assert event_dates(a, EventKind.SIGNING) == {"2021-09-06"}


def test_daraa_al_balad_demands_2021(corpus: Corpus) -> None:
    a = corpus.agreements["daraa-al-balad-demands-2021"]
    assert a.status is Status.REJECTED
    # "their remaining weapons": the sources name no class, so none is claimed
    assert a.handover == frozenset()
    assert a.clause("handover-remaining-weapons").weapons is None
    assert roles(a) == {("russia", ThirdPartyRole.SPONSOR)}
    assert event_dates(a, EventKind.SIEGE_BEGINS) == {"2021-06-24"}


def test_weapon_classes_differ_between_the_2021_agreements(corpus: Corpus) -> None:
    first = corpus.agreements["daraa-al-balad-2021-08-31"]
    second = corpus.agreements["daraa-al-balad-2021-09-06"]
    assert first.handover.isdisjoint(second.handover)


# ------------------------------------------------------------ actors and places


@pytest.mark.parametrize(
    ("actor", "spellings"),
    [
        ("ahmed-al-awda", ["Ahmed Al-Awda", "Ahmed al-Awdeh", "Awdeh", "Awda"]),
        ("shabab-al-sunna", ["Shabab al-Sunna", "Sunni Youth"]),
        ("adnan-al-masalma", ["Adnan al Masalma", "Adnan Musalima", "Masalma", "Musalima"]),
        ("russia", ["Russia", "Moscow", "the Russians"]),
        ("syrian-government", ["Damascus"]),
    ],
)
def test_actor_spellings(corpus: Corpus, actor: str, spellings: list[str]) -> None:
    assert set(spellings) <= set(corpus.actors[actor].names)


@pytest.mark.parametrize(
    ("place", "spellings"),
    [
        ("daraa", ["Daraa", "Deraa"]),
        ("nassib-crossing", ["Nassib", "Naseeb", "al-Naseeb"]),
        ("busra-al-sham", ["Busra al-Sham", "Busra", "Busra-Sham"]),
        ("daraa-al-balad", ["Daraa al Balad", "Daraa Al-Balad", "old center of Daraa"]),
    ],
)
def test_place_spellings(corpus: Corpus, place: str, spellings: list[str]) -> None:
    assert set(spellings) <= set(corpus.places[place].names)


def test_parents(corpus: Corpus) -> None:
    def chain(actor: str) -> list[str]:
        found = [actor]
        while (parent := corpus.actors[found[-1]].parent) is not None:
            found.append(parent)
        return found

    assert chain("fourth-division")[-1] == "syrian-government"
    assert "syrian-army" in chain("fourth-division")
    assert chain("russian-military-police") == ["russian-military-police", "russia"]
    assert corpus.actors["ahmed-al-awda"].parent == "shabab-al-sunna"
    assert corpus.places["daraa-al-balad"].parent == "daraa"


# ------------------------------------------------------------------ references


def test_every_reference_exists(corpus: Corpus) -> None:
    actors, places, sources = corpus.actors, corpus.places, corpus.sources
    for actor in actors.values():
        assert actor.parent is None or actor.parent in actors, actor.id
    for place in places.values():
        assert place.parent is None or place.parent in places, place.id
    for citation in corpus.citations():
        assert citation.source in sources, citation
    for agreement in corpus.agreements.values():
        where = agreement.id
        clause_ids = [clause.id for clause in agreement.clauses]
        assert len(clause_ids) == len(set(clause_ids)), where
        assert agreement.citations, where
        assert agreement.place is None or agreement.place in places, where
        for party in agreement.parties:
            assert party.actor in actors, (where, party.actor)
            assert party.citations
        for third in agreement.third_parties:
            assert third.actor in actors, (where, third.actor)
        if agreement.territory is not None:
            assert set(agreement.territory.places) <= set(places), where
        for clause in agreement.clauses:
            assert clause.obligor is None or clause.obligor in actors, (where, clause.id)
            assert set(clause.places) <= set(places), (where, clause.id)
            if clause.weapons is not None:
                assert clause.weapons.holder is None or clause.weapons.holder in actors, (where, clause.id)
                assert clause.weapons.action in WeaponAction
            if clause.condition is not None:
                assert set(clause.condition.clauses) <= set(clause_ids), (where, clause.id)
        for dispute in agreement.disputes:
            assert len(dispute.claims) >= 2
            assert set(dispute.clauses) <= set(clause_ids), (where, dispute.id)
            for claim in dispute.claims:
                assert claim.citations, (where, dispute.id)
        for event in agreement.events:
            assert set(event.actors) <= set(actors), (where, event.id)
            assert set(event.places) <= set(places), (where, event.id)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds folder is not beside the project")
def test_every_quote_is_verbatim(corpus: Corpus) -> None:
    texts = {
        source.id: squash((SEEDS / source.document).read_text(encoding="utf-8"))
        for source in corpus.sources.values()
        if source.document is not None
    }
    missing = [
        (citation.source, citation.quote)
        for citation in corpus.citations()
        if squash(citation.quote) not in texts[citation.source]
    ]
    assert missing == []
