"""The example corpora under docs/examples/: they load, check clean, round-trip and fit the schema.

Each folder (``minsk``, ``idlib``) is a real family of successive ceasefire
documents, quoted from stored public pages. Beyond the general properties,
a few facts are pinned down so that a change to the data or the model that
loses them is noticed: the withdrawal distances as quantities, the
deadlines, the relations between the agreements, the disputes.
"""

from __future__ import annotations

import functools
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import agreements as ag
from agreements.cli import main
from agreements.model import (
    Coverage,
    Deadline,
    DisputedField,
    Edge,
    Quantity,
    RelationKind,
    Status,
    WeaponAction,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
CORPORA = ("minsk", "idlib")
FORMATS = ("json", "toml", "yaml")

PROTOCOL = "minsk-protocol-2014-09-05"
MEMORANDUM = "minsk-memorandum-2014-09-19"
PACKAGE = "minsk-package-2015-02-12"
SOCHI = "idlib-sochi-memorandum-2018-09-17"
MOSCOW = "idlib-moscow-additional-protocol-2020-03-05"


@functools.cache
def example(name: str) -> ag.Corpus:
    found = ag.load(EXAMPLES / name)
    assert isinstance(found, ag.Corpus)
    return found


def document(corpus: ag.Corpus) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ag.dumps(corpus, "json"))
    return data


# ------------------------------------------------------------- every corpus


@pytest.mark.parametrize("name", CORPORA)
def test_checks_clean(name: str) -> None:
    assert ag.check(example(name)) == ()


@pytest.mark.parametrize("name", CORPORA)
def test_validates_from_the_command_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLES / name)]) == 0
    assert capsys.readouterr().out == f"{EXAMPLES / name}: ok\n"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", CORPORA)
def test_round_trips_losslessly(name: str, fmt: str) -> None:
    corpus = example(name)
    assert ag.loads(ag.dumps(corpus, fmt), fmt) == corpus


@pytest.mark.parametrize("name", CORPORA)
def test_the_schema_validates_the_corpus(name: str) -> None:
    corpus = example(name)
    jsonschema.validate(document(corpus), ag.schema())
    jsonschema.validate(document(corpus), ag.schema(vocabulary=corpus.vocabulary))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/*.toml")), ids=lambda path: path.name)
def test_the_schema_validates_every_file(path: Path) -> None:
    jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), ag.schema())


@pytest.mark.parametrize("name", CORPORA)
def test_a_folder_keeps_the_vocabulary_of_its_corpus_file(name: str) -> None:
    corpus = example(name)
    assert "mlrs" in corpus.vocabulary.words("weapon_classes")
    assert corpus.vocabulary.categories


@pytest.mark.parametrize("name", CORPORA)
def test_every_source_says_where_it_is_and_in_what_language(name: str) -> None:
    for source in example(name).sources.values():
        assert source.url is not None, source.id
        assert source.outlet is not None, source.id
        assert source.language is not None, source.id


@pytest.mark.parametrize("name", CORPORA)
def test_every_quote_not_in_english_is_translated(name: str) -> None:
    corpus = example(name)
    for citation in corpus.citations():
        language = citation.language or corpus.sources[citation.source].language
        if language != "en":
            assert citation.translation, citation.quote


# ---------------------------------------------------------------- the Minsk family


def test_minsk_agreements_in_order_with_their_coverage() -> None:
    agreements = example("minsk").agreements
    assert list(agreements) == [PROTOCOL, MEMORANDUM, PACKAGE]
    assert agreements[PROTOCOL].coverage is Coverage.FULL_TEXT
    assert agreements[MEMORANDUM].coverage is Coverage.PARTIAL
    assert agreements[PACKAGE].coverage is Coverage.PARTIAL


def test_the_memorandum_implements_the_protocol() -> None:
    (relation,) = example("minsk").get(MEMORANDUM).relations
    assert (relation.kind, relation.target) == (RelationKind.IMPLEMENTS, PROTOCOL)
    assert any("point 1 of the protocol" in citation.quote for citation in relation.citations)


def test_the_package_implements_the_protocol_and_the_memorandum() -> None:
    relations = example("minsk").get(PACKAGE).relations
    assert {(relation.kind, relation.target) for relation in relations} == {
        (RelationKind.IMPLEMENTS, PROTOCOL),
        (RelationKind.IMPLEMENTS, MEMORANDUM),
    }


def test_the_memorandum_pulls_weapons_over_100_mm_back_15_km_within_24_hours() -> None:
    clause = example("minsk").get(MEMORANDUM).clause("pull-back-100mm")
    assert clause.all_parties
    assert clause.weapons is not None
    assert clause.weapons.action is WeaponAction.WITHDRAW
    # "more than 100 mm": bounds are inclusive; the qualifier keeps Euromaidan Press's words and the
    # inference says whether 100 mm itself is covered is unclear (the text's list has the 100 mm MT-12)
    assert clause.weapons.calibre == Quantity(min=100, unit="mm", qualifier="more than 100 mm")
    assert clause.inference is not None
    assert '"more than 100 mm" (Euromaidan Press\'s words' in clause.inference
    assert "MT-12" in clause.inference
    assert clause.weapons.distance == Quantity(
        min=15, unit="km", qualifier="from the line of contact on each side"
    )
    assert clause.quantity == Quantity(min=30, unit="km", qualifier="wide security zone")
    assert clause.deadlines == (Deadline(anchor="agreement", offset="PT24H"),)
    assert clause.deadlines[0].days == 1


def test_the_package_widens_the_security_zones_by_weapon() -> None:
    package = example("minsk").get(PACKAGE)
    zones = {
        clause_id: package.clause(clause_id).quantity
        for clause_id in ("pull-back-100mm", "pull-back-mlrs", "pull-back-long-range")
    }
    assert zones == {
        "pull-back-100mm": Quantity(min=50, unit="km", qualifier="wide security zone"),
        "pull-back-mlrs": Quantity(value=70, unit="km", qualifier="wide security zone"),
        "pull-back-long-range": Quantity(value=140, unit="km", qualifier="wide security zone"),
    }
    artillery = package.clause("pull-back-100mm")
    assert artillery.weapons is not None
    assert artillery.weapons.calibre == Quantity(min=100, unit="mm")
    assert artillery.obligors == ("ukrainian-troops", "armed-formations")
    long_range = package.clause("pull-back-long-range").weapons
    assert long_range is not None
    assert long_range.systems == ("Tornado-S", "Uragan", "Smerch", "Tochka", "Tochka U")
    assert {"artillery", "mlrs", "tactical-missile-systems"} <= set(package.withdrawn)


def test_the_package_counts_the_withdrawal_from_the_ceasefire_at_midnight_kyiv_time() -> None:
    package = example("minsk").get(PACKAGE)
    (start,) = package.clause("ceasefire").deadlines
    assert start == Deadline(at=ag.PartialDate.parse("2015-02-15T00:00+02:00"), edge=Edge.START)
    assert start.at is not None
    assert start.at.utc_offset == 120
    begins, ends = package.clause("pull-back-100mm").deadlines
    assert (begins.anchor, begins.offset, begins.edge) == ("ceasefire", "P2D", Edge.START)
    assert (ends.anchor, ends.days, ends.edge) == ("ceasefire", 14, Edge.END)
    (resolution,) = package.clause("special-regime-resolution").deadlines
    assert (resolution.anchor, resolution.days) == ("agreement", 30)


def test_the_disputes_target_parties_and_the_date() -> None:
    corpus = example("minsk")
    protocol = {dispute.id: dispute for dispute in corpus.get(PROTOCOL).disputes}
    assert protocol["russia-party"].parties == ("russia",)
    assert protocol["republics-party"].parties == ("dpr", "lpr")
    memorandum = corpus.get(MEMORANDUM)
    assert memorandum.disputed(DisputedField.DATE)
    package = {dispute.id: dispute for dispute in corpus.get(PACKAGE).disputes}
    assert package["signatories"].third_parties == ("germany", "france")
    # the UN text's "day 1 of the withdrawal" against a reading of "after the withdrawal"
    assert package["elections-dialogue-timing"].clauses == ("elections-dialogue",)
    memorandum_disputes = {dispute.id: dispute for dispute in memorandum.disputes}
    assert memorandum_disputes["osce-role"].third_parties == ("osce",)
    # Lavrov speaks for a party: his claims are attributed to Russia
    lavrov = [
        claim
        for dispute in memorandum.disputes
        for claim in dispute.claims
        if "foreign minister" in claim.summary
    ]
    assert lavrov
    assert all(claim.by == ("russia",) for claim in lavrov)


def test_every_inference_is_a_field_not_a_comment() -> None:
    # comments are lost on load: the readings the audit found only in comments are fields now
    minsk = example("minsk")
    protocol, memorandum, package = minsk.get(PROTOCOL), minsk.get(MEMORANDUM), minsk.get(PACKAGE)
    assert all(event.inference for event in protocol.events if event.id in {"ceasefire-begins", "collapse"})
    assert all(party.inference for party in memorandum.parties if party.actor in {"dpr", "lpr"})
    assert {third.actor for third in memorandum.third_parties if third.inference} == {"osce"}
    assert {third.actor for third in package.third_parties if third.inference} == {"germany", "france"}
    for clause_id in (
        "ceasefire",
        "pull-back-100mm",
        "pull-back-mlrs",
        "pull-back-long-range",
        "osce-monitoring",
    ):
        assert package.clause(clause_id).inference, clause_id
    idlib = example("idlib")
    assert idlib.get(MOSCOW).clause("corridor-parameters").inference
    assert idlib.get(SOCHI).clause("radical-groups-leave").inference
    for folder in CORPORA:
        text = "\n".join(path.read_text(encoding="utf-8") for path in (EXAMPLES / folder).glob("*.toml"))
        assert "# inference" not in text


def test_the_package_is_signed_on_quotes_about_the_package() -> None:
    (signed,) = example("minsk").get(PACKAGE).statuses
    assert signed.status is Status.SIGNED
    # not the Ukrainian Position sentence, whose "document" is the leaders' declaration,
    # nor the text's "the date of signing of this document", written before the signing
    assert {citation.source for citation in signed.citations} == {
        "osce-tcg-2015-02-14",
        "panorama-package",
    }


def test_the_protocol_status_history() -> None:
    protocol = example("minsk").get(PROTOCOL)
    before = protocol.status_on(ag.PartialDate.parse("2014-12"))
    after = protocol.status_on(ag.PartialDate.parse("2015-03"))
    assert before is not None
    assert after is not None
    assert (before.status, after.status) == (Status.SIGNED, Status.COLLAPSED)


def test_the_package_consolidates_the_earlier_minsk_documents() -> None:
    consolidated = example("minsk").consolidated(PACKAGE)
    assert consolidated.chain == (PROTOCOL, MEMORANDUM, PACKAGE)
    assert consolidated.provenance["pull-back-100mm"].replaced == (MEMORANDUM,)
    assert consolidated.provenance["economic-recovery"].agreement == PROTOCOL


def test_a_french_quote_carries_its_translation() -> None:
    clause = example("minsk").get(PROTOCOL).clause("ceasefire")
    french = [citation for citation in clause.citations if citation.language == "fr"]
    assert french
    assert french[0].translation is not None
    assert example("minsk").sources[french[0].source].language == "fr"


# ---------------------------------------------------------------- the Idlib family


def test_moscow_supplements_sochi() -> None:
    (relation,) = example("idlib").get(MOSCOW).relations
    assert (relation.kind, relation.target) == (RelationKind.SUPPLEMENTS, SOCHI)
    consolidated = example("idlib").consolidated(MOSCOW)
    assert consolidated.provenance["demilitarised-zone"].agreement == SOCHI
    assert consolidated.provenance["security-corridor"].agreement == MOSCOW


def test_sochi_zone_and_weapons() -> None:
    sochi = example("idlib").get(SOCHI)
    assert sochi.clause("demilitarised-zone").quantity == Quantity(
        min=15, max=20, unit="km", qualifier="deep, within the de-escalation area"
    )
    withdrawal = sochi.clause("heavy-weapons-withdrawal")
    assert withdrawal.weapons is not None
    assert set(withdrawal.weapons.classes) == {"tanks", "mlrs", "artillery", "mortars"}
    assert withdrawal.deadlines == (Deadline(at=ag.PartialDate.parse("2018-10-10")),)
    assert sochi.clause("m4-m5-transit").deadlines == (Deadline(at=ag.PartialDate(year=2018)),)


def test_in_force_rests_on_a_russian_claim_and_says_so() -> None:
    idlib = example("idlib")
    for agreement_id in (SOCHI, MOSCOW):
        agreement = idlib.get(agreement_id)
        assert agreement.status is Status.IN_FORCE
        latest = agreement.statuses[-1]
        assert (latest.status, str(latest.as_of)) == (Status.IN_FORCE, "2020-09-21")
        assert latest.inference is not None
        assert "only from the Russian side" in latest.inference
        assert [claim.by for claim in agreement.claims] == [("russia",)]
    # Putin's words on whose weapons leave are Russia's claims, apart from the text's
    (whose,) = idlib.get(SOCHI).disputes
    assert [claim.by for claim in whose.claims] == [(), ("russia",), ("russia",)]


def test_moscow_in_force_is_known_earlier_from_both_parties_patrol_statements() -> None:
    moscow = example("idlib").get(MOSCOW)
    spring = moscow.status_on(ag.PartialDate.parse("2020-05"))
    assert spring is not None
    assert (spring.status, str(spring.as_of)) == (Status.IN_FORCE, "2020-04-15")
    assert spring.inference is not None
    # each side's statement is attributed: Turkey's Defence Ministry and Russia's reconciliation centre
    assert "Turkey's Defence Ministry" in spring.inference
    assert "Russian centre for reconciliation of opposing sides" in spring.inference
    assert "Statements of both parties are cited." in spring.inference
    assert {citation.source for citation in spring.citations} == {
        "hurriyet-patrol4",
        "ensonhaber-patrol4",
        "urdupoint-patrol4",
    }
    # before the patrol report, only the signing is known
    march = moscow.status_on(ag.PartialDate.parse("2020-03-10"))
    assert march is not None
    assert march.status is Status.SIGNED


def test_moscow_corridor_patrols_and_ceasefire_hour() -> None:
    moscow = example("idlib").get(MOSCOW)
    assert moscow.clause("security-corridor").quantity == Quantity(
        value=6, unit="km", qualifier="deep to the north and to the south of highway M4"
    )
    (start,) = moscow.clause("ceasefire").deadlines
    assert start.at == ag.PartialDate.parse("2020-03-06T00:01")
    assert start.at is not None
    assert start.at.utc_offset is None
    patrols = moscow.clause("joint-patrols-m4")
    assert patrols.all_parties
    assert patrols.bound([party.actor for party in moscow.parties]) == ("turkey", "russia")


# ------------------------------------------------------------------ the diffs


def test_the_memorandum_diff_leads_with_the_weapons_withdrawal_and_its_distance() -> None:
    minsk = example("minsk")
    d = ag.diff(minsk.get(PROTOCOL), minsk.get(MEMORANDUM), corpus=minsk)
    first = d.summary()[0]
    assert first.startswith("Weapons of more than 100 mm are now withdrawn 15 km or more")
    assert "within 24 hours of the agreement" in first
    assert "artillery" in d.weapons.action(WeaponAction.WITHDRAW).added


def test_sochi_to_moscow_consolidated_removes_nothing_moscow_left_in_force() -> None:
    idlib = example("idlib")
    plain = ag.diff(idlib.get(SOCHI), idlib.get(MOSCOW), corpus=idlib)
    assert any(isinstance(change, ag.Removed) for change in plain.clauses)  # as two documents
    d = ag.diff(idlib.consolidated(SOCHI), idlib.consolidated(MOSCOW), corpus=idlib)
    assert not any(isinstance(change, ag.Removed) for change in d.clauses)
    added = sorted(change.clause.id for change in d.clauses if isinstance(change, ag.Added))
    assert added == sorted(clause.id for clause in idlib.get(MOSCOW).clauses)
    unchanged = {change.clause.id for change in d.clauses if isinstance(change, ag.Unchanged)}
    assert {"demilitarised-zone", "heavy-weapons-withdrawal"} <= unchanged
    lines = d.summary()
    assert not any("not reported" in line or "no longer" in line.lower() for line in lines)
    assert "Now required: A security corridor is established 6 km deep" in lines[2]


def test_diff_consolidated_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(EXAMPLES / "idlib")
    assert main(["diff", "--corpus", folder, "--consolidated", SOCHI, MOSCOW, "--format", "json"]) == 0
    consolidated = json.loads(capsys.readouterr().out)
    assert main(["diff", "--corpus", folder, SOCHI, MOSCOW, "--format", "json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert {row["change"] for row in consolidated["rows"]} == {"obligations", "added", "unchanged"}
    assert "removed" in {row["change"] for row in plain["rows"]}
    assert "Place: Sochi → Moscow." in consolidated["summary"]  # names from the corpus given, not ids
