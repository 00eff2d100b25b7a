"""The built-in Daraa corpus says what its sources say, and every reference resolves.

One test per agreement pins its key terms (weapons handed over, third parties and
their roles, status, checkpoints, territory), then corpus-wide tests check that
every actor, place, source and clause a record names exists, and that every
quote is found verbatim in its source document.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

import agreements as ag
from agreements.model import (
    Agreement,
    Category,
    Citation,
    Corpus,
    Coverage,
    DisputedField,
    EventKind,
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

# The seeds live beside the project in the shared folder, not in the package:
# ``../shared/seeds`` from the project's root, where .ci/run looks for them.
ROOT = Path(__file__).absolute().parents[1]


def seeds_folder() -> Path | None:
    """The source documents: ``$AGREEMENTS_SEEDS``, else ``../shared/seeds`` beside the project.

    The project's folder is taken as it is reached (``absolute()``, as
    ``cd project && ls ../shared`` sees it) and, failing that, with its
    symbolic links resolved: a work tree reached through a link, or one
    whose ``../shared`` is itself a link, finds the seeds either way.
    """
    candidates: list[str | Path] = [
        os.environ.get("AGREEMENTS_SEEDS", ""),
        ROOT.parent / "shared" / "seeds",
        ROOT.resolve().parent / "shared" / "seeds",
        Path.cwd().parent / "shared" / "seeds",
    ]
    return next((Path(found) for found in candidates if str(found) and Path(found).is_dir()), None)


SEEDS = seeds_folder()
NO_SEEDS = f"no source documents: set AGREEMENTS_SEEDS, or put shared/seeds beside {str(ROOT)!r}"


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


def statuses(agreement: Agreement) -> list[tuple[str, str]]:
    return [(entry.status.value, str(entry.as_of)) for entry in agreement.statuses]


def inferred(records: Iterable[object]) -> set[str]:
    """The ids (or actors) of the records that carry an inference note."""
    return {
        str(getattr(record, "id", None) or getattr(record, "actor", ""))
        for record in records
        if getattr(record, "inference", None) is not None
    }


def test_every_agreement_has_its_coverage_and_a_dated_cited_status_history(corpus: Corpus) -> None:
    for agreement in corpus.agreements.values():
        assert agreement.coverage is Coverage.PARTIAL, agreement.id  # all are known from reports
        assert agreement.statuses, agreement.id
        latest = max(agreement.statuses, key=lambda entry: entry.as_of)
        assert latest.status is agreement.status, agreement.id
        assert all(entry.citations for entry in agreement.statuses)


def test_busra_al_sham_2018(corpus: Corpus) -> None:
    a = ag.get("busra-al-sham-2018")
    assert a == corpus.agreements["busra-al-sham-2018"]
    assert a.status is Status.IN_FORCE
    # only the July 2018 report speaks of it: in force as of that report, and nothing after
    assert statuses(a) == [("in-force", "2018-07~")]
    # bodies exchanged "as part of the agreement": in force is our reading
    assert a.statuses[0].inference is not None
    assert "our reading" in a.statuses[0].inference
    # the report gives weekdays, not a date
    assert a.date == PartialDate.parse("2018-07~")
    assert a.place == "busra-al-sham"
    assert a.handover == {HEAVY, MEDIUM}
    assert a.disputed_handover == frozenset()
    assert roles(a) == {("russia", ThirdPartyRole.GUARANTOR)}
    assert party_actors(a) == {"syrian-government", "shabab-al-sunna"}
    assert a.follows == "russian-conditions-2018"
    # the territory runs from Daraa to Samad and from Busra al-Harir to Jordan
    assert a.territory is not None
    assert set(a.territory.places) == {"daraa", "samad", "busra-al-harir", "syria-jordan-border"}
    heavy = a.clause("handover-heavy")
    assert heavy.weapons is not None
    assert heavy.weapons.classes == {HEAVY}
    assert heavy.weapons.schedule == "as of Sunday"
    # the report names no holder: Shabab al-Sunna, the party, is an inference and says so
    assert heavy.weapons.holder == "shabab-al-sunna"
    assert {"handover-heavy", "handover-medium", "settle-dissidents", "exchange-bodies"} <= inferred(
        a.clauses
    )
    # returns to army-held areas are escorted by the Russian military police and the Red Crescent:
    # the escort is a term of its own, not a condition the report puts on the return
    escorts = {clause.obligor for clause in a.clauses if clause.category is Category.MONITORING}
    assert escorts == {"russian-military-police", "red-crescent"}
    assert a.clause("return-army-areas").condition is None
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
    assert "2018-07~" in event_dates(a, EventKind.EXCHANGE)
    # "handing over heavy weapons as of Sunday" is a term, not a reported handover
    assert not event_dates(a, EventKind.HANDOVER)
    # the activist's fears, the source on light and medium weapons, the Russian officer: attributed
    makers = [claim.by for claim in a.claims]
    assert ("omar-hariri",) in makers
    # the officer is unnamed and quoted second-hand: the claim is the source's, not the Russian army's
    assert ("russian-army",) not in makers
    assert makers.count(()) == 2
    recording = next(event for event in a.events if event.id == "masalma-voice-recording")
    assert recording.actors == ("adnan-al-masalma",)
    assert "whether" in recording.summary  # "he" may be Musalima or Awdeh


def test_russian_conditions_2018(corpus: Corpus) -> None:
    a = corpus.agreements["russian-conditions-2018"]
    assert a.status is Status.PROPOSED
    assert statuses(a) == [("proposed", "2018-07~")]
    assert a.date == PartialDate.parse("2018-07~")
    # "held in Busra, Syria": Busra al-Sham is read, and marked as an inference
    assert a.place == "busra-al-sham"
    assert a.inference is not None
    assert "Busra" in a.inference
    assert a.handover == {HEAVY, MEDIUM}
    # Russia made the offer: a party (the proposing side), not an outside sponsor
    assert roles(a) == set()
    assert party_actors(a) == {"russia", "opposition-delegation-2018", "syrian-government"}
    assert inferred(a.parties) == {"syrian-government"}
    # Russia's side of the offer: the army stops the shelling
    assert a.clause("stop-shelling").obligors == ("russian-army",)
    # the crossing's management is the term; the faction's retreat is its time reference
    nassib = a.clause("nassib-crossing")
    assert nassib.places == ("nassib-crossing",)
    assert nassib.obligors == ()
    assert nassib.action == "manage-crossing"
    assert a.clause("defectors-enlist").timing is not None
    settle = a.clause("settle-wanted")
    assert settle.condition is not None
    assert settle.condition.clauses == ("government-forces-enter",)
    assert settle.inference is not None
    rejections = [event for event in a.events if event.kind is EventKind.REJECTION]
    assert [event.actors for event in rejections] == [("bashar-al-zoubi",)]
    assert any("ahmed-al-awda" in event.actors for event in a.events if event.kind is EventKind.TALKS)
    # Washington and Amman are whom the delegation wanted to consult, not actors
    asks = next(event for event in a.events if event.id == "delegation-asks-time")
    assert asks.actors == ("opposition-delegation-2018",)


def test_daraa_2018_07(corpus: Corpus) -> None:
    a = corpus.agreements["daraa-2018-07"]
    assert a.status is Status.COLLAPSED
    assert statuses(a) == [("signed", "2018-07"), ("in-force", "2018-07~"), ("collapsed", "2021-06-24")]
    assert a.date == PartialDate.parse("2018-07")
    # no source relates it to the Busra al-Sham agreement
    assert a.relations == ()
    # heavy weapons: both 2021 reports; medium weapons: disputed
    assert a.handover == {HEAVY}
    assert a.disputed_handover == {MEDIUM}
    weapons, held = a.disputes
    assert weapons.clauses == ("handover-medium",)
    assert [sources_cited(claim.citations) for claim in weapons.claims] == [
        {"siege-report-2021-09-10"},
        {"truce-report-2021-09-02"},
        {"busra-report-2018-07"},
        {"busra-report-2018-07"},
        {"busra-report-2018-07"},
    ]
    assert "does not mention medium" in weapons.claims[1].summary
    # how long it held: the 2 September report against the two undated sources
    assert held.fields == (DisputedField.STATUS,)
    assert [sources_cited(claim.citations) for claim in held.claims] == [
        {"truce-report-2021-09-02"},
        {"reconciliation-analysis"},
        {"daraa-aftermath-report"},
    ]
    assert sources_cited(a.clause("handover-heavy").citations) == {
        "truce-report-2021-09-02",
        "siege-report-2021-09-10",
    }
    # "guarantees" in two sources, "sponsorship"/"auspices" in two; "negotiated by Russia"
    # says neither between the sides nor as one of them: a claim, not a mediator role
    assert roles(a) == {
        ("russia", ThirdPartyRole.GUARANTOR),
        ("russia", ThirdPartyRole.SPONSOR),
    }
    negotiated = [claim for claim in a.claims if "negotiated by Russia" in claim.summary]
    assert len(negotiated) == 1
    assert negotiated[0].by == ()
    # the notables and Shabab al-Sunna are sides of the negotiations; no source says they signed
    for actor in ("daraa-notables", "shabab-al-sunna"):
        party = next(party for party in a.parties if party.actor == actor)
        assert party.inference is not None
        assert "signed" in party.inference
    guarantor = next(third for third in a.third_parties if third.role is ThirdPartyRole.GUARANTOR)
    assert all("guarantee" in citation.quote for citation in guarantor.citations)
    assert {"syrian-government", "daraa-opposition", "shabab-al-sunna"} <= party_actors(a)
    assert a.clause("integration").category is Category.INTEGRATION
    # no source states a services term or a ban on the security services: claims, not clauses
    ids = {clause.id for clause in a.clauses}
    assert not ids & {"services", "security-services-excluded"}
    assert len(a.claims) == 6
    assert event_dates(a, EventKind.COLLAPSE) == {"2021-06-24"}
    assert "2020-05-14" in event_dates(a, EventKind.DISPLACEMENT)
    # the negotiations the evictions caused come after them
    dates = {event.id: event.date for event in a.events}
    assert dates["evictions-2020-05-14"] < dates["negotiations-2020"]
    # the generals came from Hmeimim; the talks are not placed there
    assert next(event for event in a.events if event.id == "negotiations").places == ()
    # the July 2018 report's material is on Busra al-Sham, not here
    assert "busra-report-2018-07" not in sources_cited(a.citations_all()) - sources_cited(
        claim.citations[0] for dispute in a.disputes for claim in dispute.claims
    )


def test_daraa_al_balad_2021_08_31(corpus: Corpus) -> None:
    a = corpus.agreements["daraa-al-balad-2021-08-31"]
    assert a.status is Status.COLLAPSED
    assert statuses(a) == [("in-force", "2021-09-01"), ("collapsed", "2021-09-03")]
    # the report says the negotiations collapsed on 3 September: the agreement's collapse is our reading
    collapsed = a.statuses[1]
    assert collapsed.inference is not None
    assert "negotiations collapsed" in collapsed.inference
    assert a.date == PartialDate.parse("2021-08-31")
    assert a.place == "daraa-al-balad"
    assert a.handover == {SMALL_ARMS}
    assert a.disputed_handover == frozenset()
    assert roles(a) == {("russia", ThirdPartyRole.MEDIATOR)}
    # "talks negotiated by Russia": mediation is read, as for daraa-2018-07
    assert {third.actor for third in a.third_parties if third.inference} == {"russia"}
    # Moscow's support for the early-summer demand belongs to the demands, not to this agreement
    assert not any("support of Moscow" in claim.summary for claim in a.claims)
    # the former rebels are the object of the terms, not a party
    assert party_actors(a) == {"daraa-local-committee", "syrian-government"}
    assert inferred(a.parties) == {"daraa-local-committee", "syrian-government"}
    assert event_dates(a, EventKind.ENTRY_INTO_FORCE) == {"2021-09-01"}
    assert event_dates(a, EventKind.COLLAPSE) == {"2021-09-03"}
    # who broke it is the 10 September report's claim, not an actor of the collapse
    (collapse,) = (event for event in a.events if event.kind is EventKind.COLLAPSE)
    assert collapse.actors == ()
    assert any("broke" in claim.summary for claim in a.claims)
    (deployment,) = (event for event in a.events if event.kind is EventKind.DEPLOYMENT)
    assert str(deployment.date) == "2021-09-01"
    assert deployment.actors == ("russian-military-police",)
    assert a.clause("security-services-presence").obligor == "syrian-security-services"
    assert a.clause("lift-siege").category is Category.SIEGE
    expel = a.clause("expel-refusers")
    assert expel.category is Category.DISPLACEMENT
    assert expel.condition is not None
    assert set(expel.condition.clauses) == {"settle-status", "handover-small-arms"}
    # the report states the expulsion of those who refuse: the handover itself is read from it
    assert {"settle-status", "handover-small-arms"} <= inferred(a.clauses)
    assert "light weapons" in a.clause("handover-small-arms").summary


def test_daraa_al_balad_2021_09_06(corpus: Corpus) -> None:
    a = corpus.agreements["daraa-al-balad-2021-09-06"]
    assert a.status is Status.IN_FORCE
    assert statuses(a) == [("in-force", "2021-09-10")]
    # the report tells of the escalation ending "following" the agreement: in force is our reading
    assert a.statuses[0].inference is not None
    assert "our reading" in a.statuses[0].inference
    assert a.date == PartialDate.parse("2021-09-06")
    assert a.summary.startswith("According to the 10 September 2021 report")
    assert a.handover == {LIGHT, MEDIUM}
    assert a.disputed_handover == frozenset()
    assert roles(a) == {("russia", ThirdPartyRole.MEDIATOR)}
    assert party_actors(a) == {"syrian-government", "central-negotiating-committee"}
    assert inferred(a.parties) == party_actors(a)
    assert a.territory is not None
    assert a.territory.places == ("daraa-al-balad",)
    checkpoints = [clause for clause in a.clauses if clause.category is Category.CHECKPOINTS]
    assert [clause.quantity for clause in checkpoints] == [Quantity(value=9, unit="checkpoints")]
    # "after which" follows the checkpoints and searches
    siege = a.clause("withdraw-lift-siege")
    assert siege.condition is not None
    assert set(siege.condition.clauses) == {"checkpoints", "inspections"}
    assert event_dates(a, EventKind.SIGNING) == {"2021-09-06"}
    # 76 days from 24 June
    assert "2021-09-08~" in {str(event.date) for event in a.events}
    # Russia's partiality, in the report's words, beside its role
    assert any("no inclination" in claim.summary for claim in a.claims)


def test_daraa_al_balad_demands_2021(corpus: Corpus) -> None:
    a = corpus.agreements["daraa-al-balad-demands-2021"]
    assert a.status is Status.REJECTED
    assert statuses(a) == [("rejected", "2021-06~")]
    # "their remaining weapons": the sources name no class, so none is claimed
    assert a.handover == frozenset()
    assert a.clause("handover-remaining-weapons").weapons is None
    assert roles(a) == {("russia", ThirdPartyRole.SPONSOR)}
    assert event_dates(a, EventKind.SIEGE_BEGINS) == {"2021-06-24"}
    # the Iranian militias in the siege are the 10 September report's claim
    siege = next(event for event in a.events if event.kind is EventKind.SIEGE_BEGINS)
    assert siege.actors == ("government-forces",)
    # Moscow's support is the report's words (moved here from the 31 August agreement);
    # Diana Semaan speaks; Amnesty International is where she works, not the speaker
    assert [claim.by for claim in a.claims] == [(), ("diana-semaan",), ()]
    assert "with the support of Moscow" in a.claims[0].summary
    # "support" is not sponsorship in so many words: the role is our reading
    assert a.third_parties[0].inference is not None
    compromise = next(event for event in a.events if event.id == "compromise")
    assert "increased power granted to the security services" in compromise.summary


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
        ("busra-al-sham", ["Busra al-Sham", "Busra-Sham"]),
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


def test_registry_corrections(corpus: Corpus) -> None:
    # "countryside of Daraa" is the rural part of the governorate, not its name
    assert "countryside of Daraa" not in corpus.places["daraa-governorate"].names
    assert corpus.places["busra-al-sham"].parent == "daraa-countryside"
    # "Busra" alone may be Busra al-Sham or Busra al-Harir
    assert "Busra" not in corpus.places["busra-al-sham"].names
    assert corpus.resolve("Omar Hariri").id == "omar-hariri"
    assert corpus.resolve("Amnesty International").id == "amnesty-international"
    assert corpus.actors["diana-semaan"].parent == "amnesty-international"
    # nothing says the militias belong to the government forces
    assert corpus.actors["pro-government-militias"].parent is None
    # the 2 September report's committee is kept apart from the 10 September report's
    assert "committee of local representatives" in corpus.actors["daraa-local-committee"].names
    assert "local committee" not in corpus.actors["central-negotiating-committee"].names
    assert {"iranian-militias", "adnan-al-masalma", "government-forces", "daraa-local-committee"} <= inferred(
        corpus.actors.values()
    )
    assert {"busra-al-harir", "nassib-crossing"} <= inferred(corpus.places.values())


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


@pytest.mark.skipif(SEEDS is None, reason=NO_SEEDS)
def test_every_quote_is_verbatim(corpus: Corpus) -> None:
    assert SEEDS is not None
    assert {source.document for source in corpus.sources.values()} <= {path.name for path in SEEDS.iterdir()}
    problems = [problem for problem in ag.check(corpus, sources=SEEDS) if problem.severity == "error"]
    assert problems == []


@pytest.mark.skipif(SEEDS is None, reason=NO_SEEDS)
def test_the_built_in_corpus_validates_against_its_sources(capsys: pytest.CaptureFixture[str]) -> None:
    from agreements.cli import main

    data = ROOT / "src" / "agreements" / "data"
    assert main(["validate", str(data), "--sources", str(SEEDS)]) == 0
    assert capsys.readouterr().out == f"{data}: ok\n"


@pytest.mark.skipif(SEEDS is None, reason=NO_SEEDS)
def test_an_altered_quote_of_the_built_in_corpus_fails_with_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from agreements.cli import main

    data = shutil.copytree(ROOT / "src" / "agreements" / "data", tmp_path / "data")
    busra = data / "agreements" / "busra-al-sham-2018.toml"
    text = busra.read_text(encoding="utf-8")
    assert text.count('"Russia is the guarantor of this agreement."') == 1
    busra.write_text(
        text.replace(
            '"Russia is the guarantor of this agreement."',
            '"Russia is the sole guarantor of this agreement."',
        ),
        encoding="utf-8",
    )
    assert main(["validate", str(data), "--sources", str(SEEDS)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{busra}: error: third_parties[0].citations[0].quote: not found verbatim in")
    assert line.endswith("(source 'busra-report-2018-07'): 'Russia is the sole guarantor of this agreement.'")
