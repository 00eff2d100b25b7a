"""The public Hypothesis strategies and the edited pairs of ``agreements.testing``."""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import subprocess
import sys
import tomllib
import types
from collections.abc import Iterable, Sequence

import attrs
import pytest
import tomli_w
import yaml
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import agreements.testing
from agreements.model import (
    OPEN_VOCABULARIES,
    Actor,
    Agreement,
    Category,
    Citation,
    Claim,
    Clause,
    Code,
    Condition,
    Corpus,
    Deadline,
    Dispute,
    Event,
    PartialDate,
    Party,
    Place,
    Quantity,
    Relation,
    Source,
    Status,
    StatusEntry,
    Term,
    Territory,
    ThirdParty,
    ThirdPartyRole,
    Vocabulary,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
    Word,
)
from agreements.testing import EDIT_KINDS, ClauseEdit, EditedPair, EditTruth, strategies, synthetic_pair
from conftest import COSTLY

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_FIELDS = ("summary", "obligors", "modality", "weapons", "quantity", "timing", "places")


def _is_id(value: str) -> bool:
    return _ID.match(value) is not None


def _not_blank(text: str) -> bool:
    return bool(text.strip())


def _in_order(sequence: Sequence[int]) -> int:
    """The length of a longest increasing subsequence (small inputs only)."""
    best: list[int] = []
    for index, value in enumerate(sequence):
        best.append(1 + max((best[before] for before in range(index) if sequence[before] < value), default=0))
    return max(best, default=0)


def _check_agreement_references(agreement: Agreement) -> None:
    clause_ids = [clause.id for clause in agreement.clauses]
    event_ids = {event.id for event in agreement.events}
    assert len(set(clause_ids)) == len(clause_ids)
    assert not event_ids & set(clause_ids)  # an anchor names one thing
    for clause in agreement.clauses:
        if clause.condition is not None:
            assert set(clause.condition.clauses) <= set(clause_ids) - {clause.id}
        anchors = {deadline.anchor for deadline in clause.deadlines if deadline.anchor is not None}
        assert anchors <= (set(clause_ids) | event_ids | {"agreement"}) - {clause.id}
    for dispute in agreement.disputes:
        assert set(dispute.clauses) <= set(clause_ids)
        assert set(dispute.parties) <= {party.actor for party in agreement.parties}
        assert set(dispute.third_parties) <= {third.actor for third in agreement.third_parties}
    for records in (agreement.parties, agreement.third_parties):
        actors = [record.actor for record in records]
        assert len(set(actors)) == len(actors)
    assert all(relation.target != agreement.id for relation in agreement.relations)
    if agreement.statuses:
        latest = max(agreement.statuses, key=lambda entry: entry.as_of)
        assert latest.status is agreement.status
        assert len({entry.as_of for entry in agreement.statuses}) == len(agreement.statuses)


def _referenced_actors(agreement: Agreement) -> set[str]:
    found = {party.actor for party in agreement.parties} | {third.actor for third in agreement.third_parties}
    for dispute in agreement.disputes:
        found.update(dispute.parties)
        found.update(dispute.third_parties)
    for clause in agreement.clauses:
        found.update(clause.obligors)
        if clause.weapons is not None:
            found.update(
                actor for actor in (clause.weapons.holder, clause.weapons.recipient) if actor is not None
            )
    for event in agreement.events:
        found.update(event.actors)
    return found


def _referenced_places(agreement: Agreement) -> set[str]:
    found = set() if agreement.place is None else {agreement.place}
    if agreement.territory is not None:
        found.update(agreement.territory.places)
    for clause in agreement.clauses:
        found.update(clause.places)
        if clause.weapons is not None and clause.weapons.destination is not None:
            found.add(clause.weapons.destination)
    for event in agreement.events:
        found.update(event.places)
    return found


def _sources_of(citations: Iterable[Citation]) -> set[str]:
    return {citation.source for citation in citations}


def _words(text: str) -> set[str]:
    return set(text.casefold().split())


def check_truth(pair: EditedPair, *, single_field: bool = False) -> None:
    """Everything the truth of an edited pair promises."""
    before, after, truth = pair.before, pair.after, pair.truth
    before_ids = [clause.id for clause in before.clauses]
    after_ids = [clause.id for clause in after.clauses]
    assert len(set(after_ids)) == len(after_ids)

    # pairs, added and removed partition the ids on each side.
    paired_before = [old for old, _ in truth.pairs]
    paired_after = [new for _, new in truth.pairs]
    assert paired_before == [clause_id for clause_id in before_ids if clause_id not in truth.removed]
    assert sorted(paired_before + sorted(truth.removed)) == sorted(before_ids)
    assert sorted(paired_after + sorted(truth.added)) == sorted(after_ids)
    assert not set(paired_after) & truth.added

    rename = dict(truth.pairs)
    edits = {edit.before: edit for edit in truth.edits}
    assert [edit.before for edit in truth.edits] == [old for old in paired_before if old in edits]
    for old, new in truth.pairs:
        first, second = before.clause(old), after.clause(new)
        changed = {name for name in _FIELDS if getattr(first, name) != getattr(second, name)}
        kinds = set(edits[old].kinds) if old in edits else set()
        if old in edits:
            assert edits[old].after == new
        assert changed == kinds - {"moved"}
        if single_field:
            assert len(kinds) <= 1
            if "summary" in kinds:
                # A small word-level edit: the diff should still pair it.
                union = _words(first.summary) | _words(second.summary)
                assert 2 * len(_words(first.summary) & _words(second.summary)) >= len(union)
        # Nothing else changes; conditions follow the renumbering.
        assert second.category is first.category
        assert second.action == first.action
        assert second.citations == first.citations
        condition = first.condition
        if condition is not None:
            condition = attrs.evolve(
                condition, clauses=[rename.get(name, name) for name in condition.clauses]
            )
        assert second.condition == condition
        deadlines = tuple(
            deadline
            if deadline.anchor is None
            else attrs.evolve(deadline, anchor=rename.get(deadline.anchor, deadline.anchor))
            for deadline in first.deadlines
        )
        assert second.deadlines == deadlines
        assert (second.codes, second.all_parties) == (first.codes, first.all_parties)

    _check_moves(pair)
    _check_rest(pair)


def _check_moves(pair: EditedPair) -> None:
    """The clauses marked "moved" are as few as possible, and the others keep their order."""
    truth = pair.truth
    paired_before = [old for old, _ in truth.pairs]
    after_ids = [clause.id for clause in pair.after.clauses]
    position = {clause_id: index for index, clause_id in enumerate(paired_before)}
    order = [position[old] for new in after_ids for old, other in truth.pairs if other == new]
    moved = {edit.before for edit in truth.edits if "moved" in edit.kinds}
    assert len(moved) == len(order) - _in_order(order)
    still = [position[old] for old in (paired_before[index] for index in order) if old not in moved]
    assert still == sorted(still)
    assert truth.reordered == (order != sorted(order))


def _check_rest(pair: EditedPair) -> None:
    before, after, truth = pair.before, pair.after, pair.truth
    rename = dict(truth.pairs)
    # Added clauses are unlike the clauses of before (of their own category,
    # in large agreements).
    for clause_id in truth.added:
        clause = after.clause(clause_id)
        for other in before.clauses:
            if len(before.clauses) < 64 or other.category is clause.category:
                union = _words(clause.summary) | _words(other.summary)
                assert 2 * len(_words(clause.summary) & _words(other.summary)) < len(union)

    # Third parties: only the recorded roles changed.
    assert [third.actor for third in after.third_parties] == [third.actor for third in before.third_parties]
    changed_roles = {
        first.actor
        for first, second in zip(before.third_parties, after.third_parties, strict=True)
        if first.role is not second.role
    }
    assert changed_roles == truth.guarantor_roles_changed
    assert all(
        attrs.evolve(first, role=second.role) == second
        for first, second in zip(before.third_parties, after.third_parties, strict=True)
    )

    # The rest of the agreement is untouched; disputes follow the renumbering.
    renumbered = [
        attrs.evolve(dispute, clauses=[rename.get(name, name) for name in dispute.clauses])
        for dispute in before.disputes
    ]
    assert after.disputes == tuple(renumbered)
    untouched = attrs.evolve(
        after, clauses=before.clauses, disputes=before.disputes, third_parties=before.third_parties
    )
    assert untouched == before
    _check_agreement_references(after)
    assert truth.is_empty == (after == before)


# ------------------------------------------------------------------ the package


def test_importing_agreements_does_not_import_hypothesis() -> None:
    code = "import sys, agreements; assert 'hypothesis' not in sys.modules, 'hypothesis imported'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("module", [agreements.testing, strategies])
def test_public_names_are_exported_and_documented(module: types.ModuleType) -> None:
    names = module.__all__
    assert len(set(names)) == len(names)  # the order is ruff's (RUF022)
    for name in names:
        value = getattr(module, name)
        if callable(value):
            assert value.__doc__, name
            assert ">>>" in value.__doc__ or isinstance(value, type), name


def test_both_import_styles_work() -> None:
    from agreements.testing import strategies as namespace
    from agreements.testing.strategies import clauses

    assert namespace.clauses is clauses


# ----------------------------------------------------------------- the records


@given(strategies.ids())
def test_ids_are_ids(value: str) -> None:
    assert _is_id(value)


@given(st.data(), st.integers(1, 12), st.integers(0, 12))
def test_ids_respect_their_size(data: st.DataObject, low: int, extra: int) -> None:
    value = data.draw(strategies.ids(min_size=low, max_size=low + extra))
    assert _is_id(value)
    assert low <= len(value) <= low + extra


def _round_trips(text: str) -> None:
    assert json.loads(json.dumps({"k": text}))["k"] == text
    assert json.loads(json.dumps({"k": text}, ensure_ascii=False))["k"] == text
    assert tomllib.loads(tomli_w.dumps({"k": text}))["k"] == text
    for dumper in (yaml.SafeDumper, yaml.CSafeDumper):
        for allow_unicode in (True, False):
            dumped = yaml.dump({"k": text}, Dumper=dumper, allow_unicode=allow_unicode)
            assert yaml.safe_load(dumped)["k"] == text


@given(strategies.texts())
def test_texts_are_not_blank_and_round_trip(text: str) -> None:
    assert _not_blank(text)
    assert not any(0xD800 <= ord(char) <= 0xDFFF for char in text)
    _round_trips(text)


@given(st.data(), st.integers(0, 20), st.integers(0, 20), st.booleans())
def test_texts_respect_their_size(data: st.DataObject, low: int, extra: int, allow_blank: bool) -> None:
    high = max(low + extra, 1)
    text = data.draw(strategies.texts(min_size=low, max_size=high, allow_blank=allow_blank))
    assert low <= len(text) <= high
    assert allow_blank or _not_blank(text)
    _round_trips(text)


def test_texts_include_arabic_names_and_odd_whitespace() -> None:
    found: set[str] = set()

    @given(strategies.texts())
    def collect(text: str) -> None:
        if any("\u0600" <= char <= "\u06ff" for char in text):
            found.add("arabic")
        if any(char in text for char in "\t\n\xa0"):
            found.add("whitespace")
        if text != text.strip():
            found.add("edges")

    collect()
    assert found == {"arabic", "whitespace", "edges"}


@given(st.data(), strategies.partial_dates(), strategies.partial_dates())
def test_partial_dates_stay_within_bounds(
    data: st.DataObject, first: PartialDate, second: PartialDate
) -> None:
    low, high = min(first, second), max(first, second)
    value = data.draw(strategies.partial_dates(min_value=low, max_value=high))
    assert low <= value <= high


@given(strategies.sources())
def test_sources(source: Source) -> None:
    assert _is_id(source.id)
    assert source.document is None or _not_blank(source.document)
    assert _not_blank(source.description)


@given(strategies.citations(sources={"sana", "enab-baladi"}))
def test_citations_quote_the_sources_given(citation: Citation) -> None:
    assert citation.source in {"sana", "enab-baladi"}
    assert _not_blank(citation.quote)


@given(strategies.actors(actors=["russia", "syria"], sources=["sana"]))
def test_actors(actor: Actor) -> None:
    assert actor.parent in {None, "russia", "syria"}
    assert actor.parent != actor.id
    assert _sources_of(actor.citations) <= {"sana"}
    assert all(_not_blank(name) for name in actor.names)


@given(strategies.actors(actors=[]))
def test_actors_without_parents(actor: Actor) -> None:
    assert actor.parent is None


@given(strategies.places(places=["daraa"], sources=["sana"]))
def test_places(place: Place) -> None:
    assert place.parent in {None, "daraa"}
    assert place.parent != place.id
    assert _sources_of(place.citations) <= {"sana"}


@given(strategies.weapons_terms(actors=["eighth-brigade"], places=["depot"]))
def test_weapons_terms(term: WeaponsTerm) -> None:
    assert term.classes or term.systems or term.calibre is not None or term.all_weapons
    assert all(isinstance(weapon, WeaponClass) for weapon in term.classes)  # no vocabulary, no new word
    assert term.holder in {None, "eighth-brigade"}
    assert term.recipient in {None, "eighth-brigade"}
    assert term.destination in {None, "depot"}
    assert term.calibre is None or term.calibre.unit == "mm"


_MINE = Vocabulary(
    categories=[Term(id="prisoner-lists")],
    weapon_classes=[Term(id="mortars")],
    actor_kinds=[Term(id="militia")],
    place_kinds=[Term(id="buffer")],
)


@given(
    strategies.weapons_terms(vocabulary=_MINE),
    strategies.clauses(vocabulary=_MINE),
    strategies.actors(vocabulary=_MINE),
    strategies.places(vocabulary=_MINE),
)
def test_words_come_from_the_vocabulary_given(
    term: WeaponsTerm, clause: Clause, actor: Actor, place: Place
) -> None:
    assert term.classes <= _MINE.words("weapon_classes")
    assert clause.category in _MINE.words("categories")
    assert actor.kind in _MINE.words("actor_kinds")
    assert place.kind in _MINE.words("place_kinds")


def test_words_of_the_vocabulary_are_used() -> None:
    found: set[str] = set()

    @given(strategies.clauses(vocabulary=_MINE), strategies.actors(vocabulary=_MINE))
    def collect(clause: Clause, actor: Actor) -> None:
        found.update(word for word in (clause.category, actor.kind) if isinstance(word, Word))

    collect()
    assert found == {"prisoner-lists", "militia"}


@given(strategies.vocabularies())
def test_vocabularies(vocabulary: Vocabulary) -> None:
    for name, builtin in OPEN_VOCABULARIES.items():
        ids = [term.id for term in getattr(vocabulary, name)]
        assert len(set(ids)) == len(ids) <= 2
        assert not set(ids) & {member.value for member in builtin}


@given(strategies.quantities())
def test_quantities(quantity: Quantity) -> None:
    bounds = [bound for bound in (quantity.value, quantity.min, quantity.max) if bound is not None]
    assert bounds
    assert all(0 <= bound < math.inf for bound in bounds)
    assert (quantity.value is None) == bool(quantity.min is not None or quantity.max is not None)


@given(strategies.deadlines(clauses=["ceasefire"], events=["signed"]))
def test_deadlines_count_from_the_anchors_given(deadline: Deadline) -> None:
    assert (deadline.at is None) != (deadline.anchor is None)
    assert deadline.anchor in {None, "agreement", "ceasefire", "signed"}
    assert deadline.days is None or deadline.days >= 0


@given(strategies.relations(agreements=["minsk-i"], clauses=["art-1"], sources=["sana"]))
def test_relations(relation: Relation) -> None:
    assert relation.target == "minsk-i"
    assert set(relation.ends) <= {"art-1"}
    assert not relation.ends or relation.kind.keeps_terms
    assert _sources_of(relation.citations) == {"sana"}


@given(strategies.status_entries(sources=["sana"]), strategies.codes(), strategies.terms())
def test_status_entries_codes_and_terms(entry: StatusEntry, code: Code, term: Term) -> None:
    assert _sources_of(entry.citations) == {"sana"}
    assert _not_blank(code.variable)
    assert _is_id(term.id)


@given(strategies.conditions(clauses=["c1", "c2", "c3"]))
def test_conditions(condition: Condition) -> None:
    assert set(condition.clauses) <= {"c1", "c2", "c3"}
    assert len(set(condition.clauses)) == len(condition.clauses)
    assert _not_blank(condition.summary)


@given(
    strategies.clauses(actors=["russia"], places=["tafas"], sources=["sana"], clauses=["c9"], events=["e1"])
)
def test_clauses_use_only_the_pools(clause: Clause) -> None:
    assert _is_id(clause.id)
    assert _not_blank(clause.summary)
    assert clause.citations
    assert _sources_of(clause.citations) == {"sana"}
    assert set(clause.obligors) <= {"russia"}
    assert clause.weapons is None or clause.weapons.holder in {None, "russia"}
    assert set(clause.places) <= {"tafas"}
    assert clause.condition is None or set(clause.condition.clauses) <= {"c9"}
    assert {deadline.anchor for deadline in clause.deadlines} <= {None, "agreement", "c9", "e1"}
    assert clause.weapons is None or clause.weapons.destination in {None, "tafas"}
    assert all(isinstance(word, WeaponClass) for word in (clause.weapons.classes if clause.weapons else ()))
    assert isinstance(clause.category, Category)


@given(strategies.clauses(actors=[], places=[], clauses=[]))
def test_clauses_with_empty_pools(clause: Clause) -> None:
    assert clause.obligors == ()
    assert clause.places == ()
    assert clause.condition is None or clause.condition.clauses == ()
    assert {deadline.anchor for deadline in clause.deadlines} <= {None, "agreement"}


@given(strategies.parties(actors=["central-committee"], sources=["sana"]))
def test_parties(party: Party) -> None:
    assert party.actor == "central-committee"
    assert _sources_of(party.citations) == {"sana"}


@given(strategies.third_parties(actors=["russia"]))
def test_third_parties(third: ThirdParty) -> None:
    assert third.actor == "russia"
    assert third.citations


@given(strategies.territories(places=["tafas"], sources=["sana"]))
def test_territories(territory: Territory) -> None:
    assert set(territory.places) <= {"tafas"}
    assert _not_blank(territory.summary)


@given(strategies.claims(sources=["sana"]))
def test_claims(claim: Claim) -> None:
    assert _sources_of(claim.citations) == {"sana"}


@given(strategies.disputes(clauses=["c1"], parties=["army"], third_parties=["russia"], sources=["sana"]))
def test_disputes(dispute: Dispute) -> None:
    assert len(dispute.claims) >= 2
    assert set(dispute.clauses) <= {"c1"}
    assert set(dispute.parties) <= {"army"}
    assert set(dispute.third_parties) <= {"russia"}


@given(strategies.events(actors=["russia"], places=["tafas"], sources=["sana"]))
def test_events(event: Event) -> None:
    assert set(event.actors) <= {"russia"}
    assert set(event.places) <= {"tafas"}
    assert _sources_of(event.citations) == {"sana"}


@COSTLY
@given(strategies.agreements())
def test_agreements_hold_together(agreement: Agreement) -> None:
    assert len(agreement.clauses) <= 8
    _check_agreement_references(agreement)
    assert "agreement" not in {event.id for event in agreement.events}  # the anchor of the agreement's date
    keys = [
        (clause.category, " ".join(clause.summary.casefold().split()), clause.obligors, clause.all_parties)
        for clause in agreement.clauses
    ]
    assert len(set(keys)) == len(keys)


@COSTLY
@given(
    strategies.agreements(
        actors=["russia", "syria"],
        places=["tafas"],
        sources=["sana"],
        agreements=["minsk-i", "minsk-ii"],
        min_clauses=1,
        max_clauses=3,
    )
)
def test_agreements_use_only_the_pools(agreement: Agreement) -> None:
    assert 1 <= len(agreement.clauses) <= 3
    assert _referenced_actors(agreement) <= {"russia", "syria"}
    assert _referenced_places(agreement) <= {"tafas"}
    assert _sources_of(agreement.citations_all()) == {"sana"}
    assert {relation.target for relation in agreement.relations} <= {"minsk-i", "minsk-ii"} - {agreement.id}


@COSTLY
@given(strategies.corpora(min_agreements=1, max_agreements=2))
def test_corpora_refer_only_to_their_own_records(corpus: Corpus) -> None:
    from agreements.check import check

    # No error that would stop the corpus loading from its files.
    assert [problem for problem in check(corpus) if problem.severity == "error"] == []
    assert 1 <= len(corpus.agreements) <= 2
    assert _sources_of(corpus.citations()) <= set(corpus.sources)
    for agreement in corpus.agreements.values():
        _check_agreement_references(agreement)
        for relation in agreement.relations:
            assert relation.target in corpus.agreements
            assert set(relation.ends) <= {clause.id for clause in corpus.agreements[relation.target].clauses}
        for clause in agreement.clauses:
            assert clause.category in corpus.vocabulary.words("categories")
            if clause.weapons is not None:
                assert clause.weapons.classes <= corpus.vocabulary.words("weapon_classes")
        assert _referenced_actors(agreement) <= set(corpus.actors)
        assert _referenced_places(agreement) <= set(corpus.places)
    for registry in (corpus.actors, corpus.places):
        for record in registry.values():
            seen = {record.id}
            parent = record.parent
            while parent is not None:
                assert parent in registry
                assert parent not in seen
                seen.add(parent)
                parent = registry[parent].parent


# ------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("ids", {"min_size": 0}),
        ("ids", {"min_size": 3, "max_size": 2}),
        ("ids", {"max_size": True}),
        ("texts", {"max_size": 0}),
        ("texts", {"min_size": -1}),
        ("texts", {"allow_blank": 1}),
        ("partial_dates", {"min_value": "2018"}),
        ("partial_dates", {"min_value": PartialDate(year=2021), "max_value": PartialDate(year=2018)}),
        ("citations", {"sources": []}),
        ("citations", {"sources": "sana"}),
        ("citations", {"sources": ["Sana"]}),
        ("actors", {"actors": [1]}),
        ("parties", {"actors": []}),
        ("third_parties", {"actors": ()}),
        ("clauses", {"places": ["bad id"]}),
        ("agreements", {"min_clauses": 4, "max_clauses": 2}),
        ("agreements", {"min_clauses": -1}),
        ("agreements", {"vocabulary": ["mortars"]}),
        ("agreements", {"agreements": "minsk-i"}),
        ("clauses", {"events": ["Signed"]}),
        ("clauses", {"vocabulary": {}}),
        ("deadlines", {"events": "signed"}),
        ("relations", {"agreements": []}),
        ("relations", {"clauses": [3]}),
        ("disputes", {"parties": "russia"}),
        ("status_entries", {"sources": []}),
        ("weapons_terms", {"places": ["A b"]}),
        ("corpora", {"max_agreements": 1.5}),
        ("edited", {"single_field": None}),
        ("edited", {"renumber": "yes"}),
        ("edited", {"agreement": "daraa-2018-07"}),
    ],
)
def test_bad_arguments_are_rejected_when_the_strategy_is_made(
    name: str, arguments: dict[str, object]
) -> None:
    with pytest.raises(InvalidArgument):
        getattr(strategies, name)(**arguments)


_CITE = (Citation(source="sana", quote="the two sides agreed"),)


def _clause(
    clause_id: str,
    summary: str,
    obligor: str,
    category: Category = Category.WEAPONS,
    *,
    quantity: Quantity | None = None,
    places: Sequence[str] = (),
    condition: Condition | None = None,
) -> Clause:
    return Clause(
        id=clause_id,
        category=category,
        summary=summary,
        citations=_CITE,
        obligors=[obligor],
        quantity=quantity,
        places=places,
        condition=condition,
        weapons=WeaponsTerm(classes={WeaponClass.LIGHT}, action=WeaponAction.HAND_OVER)
        if category is Category.WEAPONS
        else None,
    )


_DARAA = Agreement(
    id="daraa-al-balad-2021-09-06",
    title="Daraa al-Balad settlement",
    date=PartialDate(year=2021, month=9, day=6),
    status=Status.SIGNED,
    citations=_CITE,
    parties=[
        Party(actor="central-committee", citations=_CITE),
        Party(actor="syrian-government", citations=_CITE),
    ],
    third_parties=[ThirdParty(actor="russia", role=ThirdPartyRole.GUARANTOR, citations=_CITE)],
    clauses=[
        _clause("c1", "Hand over light weapons", "central-committee"),
        _clause("c2", "Hand over light weapons", "eighth-brigade"),
        _clause(
            "c3",
            "Set up nine checkpoints in Daraa al-Balad",
            "syrian-government",
            Category.CHECKPOINTS,
            quantity=Quantity(value=9, unit="checkpoints"),
            places=["daraa-al-balad"],
        ),
        _clause(
            "c4",
            "Settle the status of wanted men",
            "syrian-government",
            Category.SETTLEMENT,
            condition=Condition(summary="once the weapons are handed over", clauses=["c1"]),
        ),
        _clause("c5", "Deploy the military police", "russia", Category.SECURITY_PRESENCE),
        _clause("c6", "Lift the siege of Daraa al-Balad", "syrian-government", Category.SIEGE),
    ],
    disputes=[
        Dispute(
            id="heavy",
            topic="Whether heavy weapons are handed over",
            claims=[
                Claim(summary="they are", citations=_CITE),
                Claim(summary="they are not", citations=_CITE),
            ],
            clauses=["c2"],
        )
    ],
)


def test_edited_rejects_sizes_with_an_agreement() -> None:
    with pytest.raises(InvalidArgument):
        strategies.edited(_DARAA, max_clauses=3)


def test_edited_rejects_duplicate_clause_ids() -> None:
    twice = attrs.evolve(_DARAA, clauses=[*_DARAA.clauses, _DARAA.clauses[0]])
    with pytest.raises(InvalidArgument, match="not unique"):
        strategies.edited(twice)


# ----------------------------------------------------------------- edited pairs


@COSTLY
@given(strategies.edited())
def test_edited_truth_is_consistent(pair: EditedPair) -> None:
    check_truth(pair)


@COSTLY
@given(strategies.edited(single_field=True))
def test_single_field_edits_have_one_kind(pair: EditedPair) -> None:
    check_truth(pair, single_field=True)
    assert all(len(edit.kinds) == 1 for edit in pair.truth.edits)


@given(strategies.edited(_DARAA))
def test_edited_a_given_agreement(pair: EditedPair) -> None:
    assert pair.before is _DARAA
    check_truth(pair)
    # Clauses named by a condition or a dispute stay.
    assert not pair.truth.removed & {"c1", "c2"}


@COSTLY
@given(
    st.booleans().flatmap(lambda renumber: st.tuples(st.just(renumber), strategies.edited(renumber=renumber)))
)
def test_renumber_renumbers_or_keeps_the_ids(case: tuple[bool, EditedPair]) -> None:
    renumber, pair = case
    after_ids = [clause.id for clause in pair.after.clauses]
    if renumber:
        events = {event.id for event in pair.after.events}
        free = (f"c{number}" for number in itertools.count(1) if f"c{number}" not in events)
        assert after_ids == [next(free) for _ in after_ids]
    else:
        assert all(old == new for old, new in pair.truth.pairs)
        assert not pair.truth.added & {clause.id for clause in pair.before.clauses}


_FIRST_FOUND = settings(phases=[Phase.generate], max_examples=2000, database=None, deadline=None)


def _flags(truth: EditTruth) -> set[str]:
    found = {kind for edit in truth.edits for kind in edit.kinds}
    if truth.added:
        found.add("added")
    if truth.removed:
        found.add("removed")
    if truth.guarantor_roles_changed:
        found.add("roles")
    if any(old != new for old, new in truth.pairs):
        found.add("renumbered")
    return found


def _shows_any(wanted: frozenset[str], pair: EditedPair) -> bool:
    return bool(_flags(pair.truth) & wanted)


# A synthetic agreement has every field an edit changes, and is quick to edit; edits of drawn
# agreements are tested above.
_SYNTHETIC = synthetic_pair(10, seed=2, edit_rate=0).before


@pytest.mark.parametrize("single_field", [False, True])
def test_edited_makes_every_kind_of_edit(single_field: bool) -> None:
    strategy = strategies.edited(_SYNTHETIC, single_field=single_field)
    missing = {*EDIT_KINDS, "added", "removed", "roles", "renumbered"}
    while missing:
        # The first pair that shows something not seen yet, without shrinking.
        pair = find(strategy, functools.partial(_shows_any, frozenset(missing)), settings=_FIRST_FOUND)
        check_truth(pair, single_field=single_field)
        missing -= _flags(pair.truth)


def test_edit_records_check_their_kinds() -> None:
    with pytest.raises(ValueError, match="at least one kind"):
        ClauseEdit(before="c1", after="c1", kinds=frozenset())
    with pytest.raises(ValueError, match="not edit kinds"):
        ClauseEdit(before="c1", after="c1", kinds={"category"})
    truth = EditTruth(
        pairs=[("c1", "c1")],
        added=[],
        removed=[],
        edits=[],
        guarantor_roles_changed=[],
        reordered=False,
    )
    assert truth.is_empty
    assert not attrs.evolve(truth, pairs=(("c1", "c2"),)).is_empty


# ------------------------------------------------------------- synthetic pairs


def test_synthetic_pair_is_deterministic() -> None:
    first = synthetic_pair(300, seed=11)
    assert first == synthetic_pair(300, seed=11)
    assert first != synthetic_pair(300, seed=12)
    assert len(first.before.clauses) == 300
    assert len({clause.summary for clause in first.before.clauses}) > 250


@pytest.mark.parametrize("seed", range(6))
def test_synthetic_pair_truth_is_consistent(seed: int) -> None:
    pair = synthetic_pair(120, seed=seed, edit_rate=0.3)
    check_truth(pair)
    truth = pair.truth
    assert truth.edits
    assert truth.added
    assert truth.removed


@pytest.mark.parametrize("renumber", [True, False])
def test_synthetic_pair_renumbers_on_request(renumber: bool) -> None:
    pair = synthetic_pair(50, seed=3, renumber=renumber, single_field=True)
    check_truth(pair, single_field=True)
    assert any(old != new for old, new in pair.truth.pairs) == renumber


def test_synthetic_pair_without_edits_is_unchanged() -> None:
    pair = synthetic_pair(40, seed=5, edit_rate=0, renumber=False)
    assert pair.after == pair.before
    assert pair.truth.is_empty


def test_synthetic_pair_scales() -> None:
    pair = synthetic_pair(2000, seed=1)
    assert len(pair.before.clauses) == 2000
    assert len(pair.truth.pairs) + len(pair.truth.removed) == 2000


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"n_clauses": -1, "seed": 1}, ValueError),
        ({"n_clauses": 2.0, "seed": 1}, ValueError),
        ({"n_clauses": 2, "seed": "1"}, TypeError),
        ({"n_clauses": 2, "seed": 1, "edit_rate": 1.5}, ValueError),
        ({"n_clauses": 2, "seed": 1, "renumber": 1}, TypeError),
        ({"n_clauses": 2, "seed": 1, "single_field": "no"}, TypeError),
    ],
)
def test_synthetic_pair_rejects_bad_arguments(arguments: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        synthetic_pair(**arguments)  # type: ignore[arg-type]


def test_without_hypothesis_the_package_says_what_to_install() -> None:
    """``agreements.testing`` needs the test extra; without Hypothesis it says so, as the other extras do."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import agreements.testing\nexcept ImportError as error:\n    print(type(error).__name__, error)\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.startswith("MissingExtraError agreements.testing needs the optional extra 'test'")
