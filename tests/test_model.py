"""The records: validation, conversion on the way in, dates, derived properties."""

from __future__ import annotations

import datetime
import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import agreements as ag
from agreements.exceptions import FieldError, MergeConflictError
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Claim,
    Clause,
    Condition,
    Coordinates,
    Corpus,
    Dispute,
    Modality,
    PartialDate,
    Place,
    Source,
    Status,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)

CITE = Citation(source="s", quote="as of Sunday")


def weapons_clause(clause_id: str, classes: set[WeaponClass], action: WeaponAction, **kw: object) -> Clause:
    return Clause(
        id=clause_id,
        category=Category.WEAPONS,
        summary="weapons",
        citations=[CITE],
        weapons=WeaponsTerm(classes=classes, action=action),
        **kw,  # type: ignore[arg-type]
    )


def agreement(*clauses: Clause, disputes: tuple[Dispute, ...] = ()) -> Agreement:
    return Agreement(
        id="a",
        title="A",
        date=PartialDate(year=2018, month=7),
        status=Status.SIGNED,
        citations=[CITE],
        clauses=clauses,
        disputes=disputes,
    )


class TestPartialDate:
    @pytest.mark.parametrize(
        "text", ["2018", "2018-07", "2018-07-06", "2018~", "2021-09-01~", "0001", "9999-12-31"]
    )
    def test_text_round_trip(self, text: str) -> None:
        assert str(PartialDate.parse(text)) == text

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2018-13", "month: 13 is not a month (1 to 12)"),
            ("2021-02-29", "day: 29 is not a day of 2021-02"),
            ("2018-7", "date: '2018-7' is not a date like '2018', '2018-07' or '2018-07-06~'"),
            ("0000", "year: 0 is not a year between 1 and 9999"),
            ("July 2018", "date: 'July 2018' is not a date"),
        ],
    )
    def test_rejects_impossible_dates(self, text: str, message: str) -> None:
        with pytest.raises(FieldError, match=re.escape(message.split(" like", maxsplit=1)[0])):
            PartialDate.parse(text)

    def test_leap_day(self) -> None:
        assert PartialDate.parse("2020-02-29").day == 29

    def test_day_needs_month(self) -> None:
        with pytest.raises(FieldError, match="a day needs a month"):
            PartialDate(year=2018, day=3)

    def test_from_date_and_precision(self) -> None:
        date = PartialDate.from_date(datetime.date(2021, 9, 6))
        assert (str(date), date.precision) == ("2021-09-06", "day")
        assert PartialDate(year=2018).precision == "year"
        assert PartialDate(year=2018, month=7).precision == "month"

    def test_order_across_precisions(self) -> None:
        texts = ["2021-09-06", "2018~", "2018-07", "2018", "2021-08-31", "2018-07-01", "2021"]
        ordered = sorted(PartialDate.parse(text) for text in texts)
        assert [str(date) for date in ordered] == [
            "2018",
            "2018~",
            "2018-07",
            "2018-07-01",
            "2021",
            "2021-08-31",
            "2021-09-06",
        ]

    def test_comparison_with_other_types(self) -> None:
        assert PartialDate(year=2018) != "2018"  # type: ignore[comparison-overlap]
        with pytest.raises(TypeError):
            _ = PartialDate(year=2018) < "2019"

    @given(st.dates(), st.dates())
    def test_order_agrees_with_calendar(self, a: datetime.date, b: datetime.date) -> None:
        left, right = PartialDate.from_date(a), PartialDate.from_date(b)
        assert (left < right) == (a < b)
        assert (left == right) == (a == b)


class TestValidation:
    def test_sequences_become_tuples(self) -> None:
        clause = Clause(id="c", category=Category.SIEGE, summary="lift", citations=[CITE], places=["daraa"])
        assert clause.places == ("daraa",)
        assert isinstance(clause.citations, tuple)

    def test_a_lone_string_is_not_a_sequence(self) -> None:
        with pytest.raises(TypeError, match="places: expected a list, got the string 'daraa'"):
            Clause(id="c", category=Category.SIEGE, summary="lift", citations=[CITE], places="daraa")
        with pytest.raises(TypeError, match="classes: expected a list, got the string 'heavy'"):
            WeaponsTerm(classes="heavy", action=WeaponAction.HAND_OVER)  # type: ignore[arg-type]

    def test_clause_needs_a_citation(self) -> None:
        with pytest.raises(FieldError, match="citations: must list at least one"):
            Clause(id="c", category=Category.SIEGE, summary="lift", citations=[])

    def test_weapons_term_needs_a_class(self) -> None:
        with pytest.raises(FieldError, match="classes: must list at least one"):
            WeaponsTerm(classes=[], action=WeaponAction.RETAIN)

    def test_dispute_needs_two_claims(self) -> None:
        with pytest.raises(FieldError, match="a dispute needs at least two claims, got 1"):
            Dispute(id="d", topic="t", claims=[Claim(summary="x", citations=[CITE])])

    @pytest.mark.parametrize("bad", ["", "Busra", "a b", "-x", "ä"])
    def test_ids(self, bad: str) -> None:
        with pytest.raises(FieldError, match="is not a valid id"):
            Source(id=bad, document="d.txt", description="d")

    def test_optional_ids_and_id_lists(self) -> None:
        with pytest.raises(FieldError, match=r"parent: 'Russia' is not a valid id"):
            Actor(id="mp", name="Military police", kind=ActorKind.STATE_FORCE, parent="Russia")
        with pytest.raises(FieldError, match=r"clauses\[1\]: 'B' is not a valid id"):
            Condition(summary="after", clauses=["a", "B"])

    def test_blank_text(self) -> None:
        with pytest.raises(FieldError, match="quote: must not be empty"):
            Citation(source="s", quote=" \t\n")

    def test_negative_count(self) -> None:
        with pytest.raises(FieldError, match="count: -1 is not a count"):
            Clause(id="c", category=Category.CHECKPOINTS, summary="x", citations=[CITE], count=-1)

    def test_records_are_frozen(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            CITE.quote = "x"  # type: ignore[misc]


class TestWeapons:
    def test_handover_retained_and_disputed(self) -> None:
        heavy = weapons_clause("heavy", {WeaponClass.HEAVY}, WeaponAction.HAND_OVER)
        medium = weapons_clause("medium", {WeaponClass.MEDIUM}, WeaponAction.HAND_OVER)
        light = weapons_clause("light", {WeaponClass.LIGHT}, WeaponAction.RETAIN, modality=Modality.MAY)
        maybe = weapons_clause(
            "maybe", {WeaponClass.SMALL_ARMS}, WeaponAction.HAND_OVER, modality=Modality.MAY
        )
        never = weapons_clause(
            "never", {WeaponClass.SMALL_ARMS}, WeaponAction.RETAIN, modality=Modality.MUST_NOT
        )
        claims = [
            Claim(summary="heavy only", citations=[CITE]),
            Claim(summary="and medium", citations=[CITE]),
        ]
        dispute = Dispute(id="which", topic="which weapons", claims=claims, clauses=["medium"])
        a = agreement(heavy, medium, light, maybe, never, disputes=(dispute,))
        assert a.handover == {WeaponClass.HEAVY}
        assert a.disputed_handover == {WeaponClass.MEDIUM}
        assert a.retained == {WeaponClass.LIGHT}
        assert a.disputed_clauses == {"medium"}
        assert medium.weapons is not None
        assert heavy.weapons is not None
        assert weapons_clause("x", set(WeaponClass), WeaponAction.RETAIN).weapons.ordered_classes == tuple(  # type: ignore[union-attr]
            WeaponClass
        )

    def test_disputed_class_also_certain_elsewhere_is_certain(self) -> None:
        both = weapons_clause("both", {WeaponClass.HEAVY, WeaponClass.MEDIUM}, WeaponAction.HAND_OVER)
        heavy = weapons_clause("heavy", {WeaponClass.HEAVY}, WeaponAction.HAND_OVER)
        claims = [Claim(summary="a", citations=[CITE]), Claim(summary="b", citations=[CITE])]
        a = agreement(heavy, both, disputes=(Dispute(id="d", topic="t", claims=claims, clauses=["both"]),))
        assert a.handover == {WeaponClass.HEAVY}
        assert a.disputed_handover == {WeaponClass.MEDIUM}


class TestAgreementAndCorpus:
    def test_clause_lookup(self) -> None:
        clause = weapons_clause("c1", {WeaponClass.HEAVY}, WeaponAction.HAND_OVER)
        a = agreement(clause)
        assert a.clause("c1") is clause
        with pytest.raises(KeyError):
            a.clause("nope")

    def test_guarantors_are_the_third_parties(self) -> None:
        a = agreement()
        assert a.guarantors == a.third_parties == ()

    def test_registries_are_ordered_and_read_only(self) -> None:
        later = attrs.evolve(agreement(), id="later", date=PartialDate(year=2021))
        earlier = attrs.evolve(agreement(), id="zz-earlier", date=PartialDate(year=2018))
        c = Corpus(
            agreements=[later, earlier],
            actors=[
                Actor(id="b", name="B", kind=ActorKind.STATE),
                Actor(id="a", name="A", kind=ActorKind.STATE),
            ],
        )
        assert list(c.agreements) == ["zz-earlier", "later"]
        assert list(c.actors) == ["a", "b"]
        with pytest.raises(TypeError):
            c.actors["c"] = Actor(id="c", name="C", kind=ActorKind.STATE)  # type: ignore[index]
        assert Corpus(agreements=c.agreements) == Corpus(agreements=[earlier, later])

    def test_duplicate_ids_in_a_registry(self) -> None:
        with pytest.raises(FieldError, match=r"\[1\].id: duplicate id 'a'"):
            Corpus(actors=[Actor(id="a", name="A", kind=ActorKind.STATE)] * 2)

    def test_citations_cover_every_record(self) -> None:
        actor = Actor(
            id="x", name="X", kind=ActorKind.PERSON, citations=[Citation(source="s", quote="actor")]
        )
        c = Corpus(
            actors=[actor],
            agreements=[agreement(weapons_clause("c", {WeaponClass.HEAVY}, WeaponAction.RETAIN))],
        )
        assert [cite.quote for cite in c.citations()] == ["actor", "as of Sunday", "as of Sunday"]


def test_merge_joins_registries_and_refuses_shared_ids() -> None:
    first = Corpus(actors=[Actor(id="a", name="A", kind=ActorKind.STATE)], agreements=[agreement()])
    second = Corpus(actors=[Actor(id="b", name="B", kind=ActorKind.STATE)])
    merged = first.merge(second)
    assert list(merged.actors) == ["a", "b"]
    assert list(merged.agreements) == ["a"]
    with pytest.raises(MergeConflictError, match="both corpora define the actor 'a'; to use the existing") as caught:
        merged.merge(Corpus(actors=first.actors))
    assert (caught.value.registry, caught.value.ids) == ("actors", ("a",))
    assert isinstance(caught.value, ag.AgreementsError)


def test_follows_orders_agreements_of_the_same_date() -> None:
    base = agreement()
    offer = attrs.evolve(base, id="z-offer")
    deal = attrs.evolve(base, id="m-deal", follows="z-offer")
    wider = attrs.evolve(base, id="a-wider", follows="m-deal")
    later = attrs.evolve(base, id="0-later", date=PartialDate(year=2021), follows="a-wider")
    assert list(Corpus(agreements=[later, wider, deal, offer]).agreements) == [
        "z-offer",
        "m-deal",
        "a-wider",
        "0-later",
    ]
    # a cycle or a reference to nothing still gives a deterministic order
    loop = [attrs.evolve(base, id="x", follows="y"), attrs.evolve(base, id="y", follows="x")]
    assert list(Corpus(agreements=loop).agreements) == ["x", "y"]
    assert list(Corpus(agreements=[attrs.evolve(base, follows="nothing")]).agreements) == ["a"]


class TestCoordinates:
    def test_a_place_may_have_one_point(self) -> None:
        point = Coordinates(latitude=32.5167, longitude=36.4833)
        place = Place(id="busra", name="Busra al-Sham", kind="city", coordinates=point)
        assert place.coordinates == point
        assert Place(id="busra", name="Busra al-Sham", kind="city").coordinates is None

    @pytest.mark.parametrize(
        ("latitude", "longitude", "field"),
        [
            (90.5, 0.0, "latitude"),
            (-91, 0.0, "latitude"),
            (0.0, 180.5, "longitude"),
            (float("nan"), 0, "latitude"),
        ],
    )
    def test_out_of_range_is_refused(self, latitude: float, longitude: float, field: str) -> None:
        with pytest.raises(FieldError, match=f"^{field}: .* is not a {field}"):
            Coordinates(latitude=latitude, longitude=longitude)

    def test_text_is_not_a_number(self) -> None:
        with pytest.raises(ag.FieldTypeError, match=r"^latitude: expected a number"):
            Coordinates(latitude="32.5", longitude=36.0)  # type: ignore[arg-type]

    @given(
        st.floats(min_value=-90, max_value=90, allow_nan=False),
        st.floats(min_value=-180, max_value=180, allow_nan=False),
    )
    def test_round_trip_in_json_and_toml(self, latitude: float, longitude: float) -> None:
        place = Place(
            id="p", name="P", kind="city", coordinates=Coordinates(latitude=latitude, longitude=longitude)
        )
        for fmt in ("json", "toml"):
            assert ag.loads(ag.dumps(place, fmt), fmt) == place
