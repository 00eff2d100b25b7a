"""The records: validation, conversion on the way in, dates, derived properties."""

from __future__ import annotations

import datetime
import math
import re
import sys
import typing
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import agreements as ag
from agreements import model
from agreements.exceptions import FieldError, MergeConflictError
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Claim,
    Clause,
    Code,
    Condition,
    Consolidated,
    Coordinates,
    Corpus,
    Coverage,
    Deadline,
    Dispute,
    DisputedField,
    Edge,
    Modality,
    PartialDate,
    Place,
    PlaceKind,
    Provenance,
    Quantity,
    Relation,
    RelationKind,
    Source,
    Status,
    StatusEntry,
    Term,
    Vocabulary,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
    Word,
    _fields,
)
from agreements.testing import strategies

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
            WeaponsTerm(classes="heavy", action=WeaponAction.HAND_OVER)

    def test_clause_needs_a_citation(self) -> None:
        with pytest.raises(FieldError, match="citations: must list at least one"):
            Clause(id="c", category=Category.SIEGE, summary="lift", citations=[])

    def test_weapons_term_needs_a_class(self) -> None:
        with pytest.raises(
            FieldError,
            match="classes: a weapons term names weapon classes, systems, a calibre or all_weapons",
        ):
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

    def test_negative_quantity(self) -> None:
        with pytest.raises(FieldError, match=r"value: -1 is not an amount \(a finite number, 0 or more\)"):
            Clause(
                id="c",
                category=Category.CHECKPOINTS,
                summary="x",
                citations=[CITE],
                quantity=Quantity(value=-1, unit="checkpoints"),
            )

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
    with pytest.raises(
        MergeConflictError, match="both corpora define the actor 'a'; to use the existing"
    ) as caught:
        merged.merge(Corpus(actors=first.actors))
    assert (caught.value.registry, caught.value.ids) == ("actors", ("a",))
    assert isinstance(caught.value, ag.AgreementsError)


def _builds_on(target: str, kind: RelationKind = RelationKind.FOLLOWS) -> list[Relation]:
    return [Relation(kind=kind, target=target, citations=[CITE])]


def test_relations_order_agreements_of_the_same_date() -> None:
    base = agreement()
    offer = attrs.evolve(base, id="z-offer")
    deal = attrs.evolve(base, id="m-deal", relations=_builds_on("z-offer"))
    wider = attrs.evolve(base, id="a-wider", relations=_builds_on("m-deal", RelationKind.AMENDS))
    later = attrs.evolve(base, id="0-later", date=PartialDate(year=2021), relations=_builds_on("a-wider"))
    assert list(Corpus(agreements=[later, wider, deal, offer]).agreements) == [
        "z-offer",
        "m-deal",
        "a-wider",
        "0-later",
    ]
    assert deal.follows == "z-offer"
    assert wider.follows is None  # it amends, which is more than following
    # a cycle or a reference to nothing still gives a deterministic order
    loop = [
        attrs.evolve(base, id="x", relations=_builds_on("y")),
        attrs.evolve(base, id="y", relations=_builds_on("x", RelationKind.SUPERSEDES)),
    ]
    assert list(Corpus(agreements=loop).agreements) == ["x", "y"]
    assert list(Corpus(agreements=[attrs.evolve(base, relations=_builds_on("nothing"))]).agreements) == ["a"]


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


# ------------------------------------------------------------ dates with times


class TestDatesWithTimes:
    @pytest.mark.parametrize(
        "text",
        ["2015-02-15T00:00", "2015-02-15T00:00+02:00", "2015-02-15T23:59-05:30", "2015-02-15T12:00+00:00~"],
    )
    def test_text_round_trip(self, text: str) -> None:
        date = PartialDate.parse(text)
        assert str(date) == text
        assert date.precision == "minute"

    def test_parts(self) -> None:
        date = PartialDate.parse("2015-02-15T00:00+02:00")
        assert (date.year, date.month, date.day, date.hour, date.minute, date.utc_offset) == (
            2015,
            2,
            15,
            0,
            0,
            120,
        )
        assert PartialDate.parse("2015-02-15T10:30-05:30").utc_offset == -330
        assert str(PartialDate.parse("2015-02-15T10:30Z")) == "2015-02-15T10:30+00:00"
        assert PartialDate.parse("2015-02-15T10:30Z") == PartialDate.parse("2015-02-15T10:30+00:00")

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2015-02T10:00", "date: '2015-02T10:00' is not a date like"),  # a time needs a day
            ("2015T10:00", "date: '2015T10:00' is not a date like"),
            ("2015-02-15T24:00", "hour: 24 is not an hour (0 to 23)"),
            ("2015-02-15T10:60", "minute: 60 is not a minute (0 to 59)"),
            ("2015-02-15T10:00:00", "date: '2015-02-15T10:00:00' is not a date like"),  # seconds
            ("2015-02-15T10", "date: '2015-02-15T10' is not a date like"),
            (
                "2015-02-15T10:00+14:30",
                "utc_offset: 870 minutes is not a UTC offset (at most 14 hours either way)",
            ),
            (
                "2015-02-15T10:00+01:75",
                "utc_offset: '+01:75' is not a UTC offset (its minutes run from 00 to 59)",
            ),
            ("2015-02-15T10:00+0200", "date: '2015-02-15T10:00+0200' is not a date like"),
            ("2015-02-15 10:00", "date: '2015-02-15 10:00' is not a date like"),
            # ASCII digits only, and nothing around the date: the schema's pattern says the same.
            ("٢٠١٨", "date: '٢٠١٨' is not a date like"),
            ("２０１８-07", "date: '２０１８-07' is not a date like"),
            ("2015-02-15T１０:00", "date: '2015-02-15T１０:00' is not a date like"),
            (" 2018", "date: ' 2018' is not a date like"),
            ("2018\n", "date: '2018\\n' is not a date like"),
            ("2018-07 ", "date: '2018-07 ' is not a date like"),
        ],
    )
    def test_bad_dates(self, text: str, message: str) -> None:
        with pytest.raises(FieldError) as caught:
            PartialDate.parse(text)
        assert str(caught.value).startswith(message)

    def test_the_schema_pattern_agrees_with_the_reader(self) -> None:
        pattern = re.compile(ag.schema()["$defs"]["Agreement"]["properties"]["date"]["pattern"])
        for text in ("2015-02-15T00:00+02:00", "2015-02-15T00:00Z", "2018~", "2018-07-06T10:00~"):
            assert pattern.search(text)
            PartialDate.parse(text)
        for text in ("٢٠١٨", " 2018", "2015-02T10:00", "2015-02-15T10:00:00"):
            assert not pattern.search(text)

    def test_constructor_rules(self) -> None:
        with pytest.raises(FieldError, match="hour: a time needs a day"):
            PartialDate(year=2015, month=2, hour=10, minute=0)
        with pytest.raises(FieldError, match="minute: a time needs an hour and a minute"):
            PartialDate(year=2015, month=2, day=1, hour=10)
        with pytest.raises(FieldError, match="hour: a time needs an hour and a minute"):
            PartialDate(year=2015, month=2, day=1, minute=10)
        with pytest.raises(FieldError, match="utc_offset: a UTC offset needs a time"):
            PartialDate(year=2015, month=2, day=1, utc_offset=60)
        with pytest.raises(FieldError, match="utc_offset: -900 minutes is not a UTC offset"):
            PartialDate(year=2015, month=2, day=1, hour=0, minute=0, utc_offset=-900)
        with pytest.raises(ag.FieldTypeError, match="hour: expected a whole number or nothing, got True"):
            PartialDate(year=2015, month=2, day=1, hour=True, minute=0)

    def test_from_datetime(self) -> None:
        kyiv = datetime.timezone(datetime.timedelta(hours=2))
        date = PartialDate.from_date(datetime.datetime(2015, 2, 15, 0, 0, tzinfo=kyiv))
        assert str(date) == "2015-02-15T00:00+02:00"
        assert str(PartialDate.from_date(datetime.datetime(2015, 2, 15, 9, 5))) == "2015-02-15T09:05"
        with pytest.raises(FieldError, match="expected a date with a time to the minute"):
            PartialDate.from_date(datetime.datetime(2015, 2, 15, 9, 5, 30))

    def test_order(self) -> None:
        texts = ["2015-02-15T10:00", "2015-02-15", "2015-02-15T09:59", "2015-02-15T10:00+02:00", "2015-02-16"]
        ordered = sorted(PartialDate.parse(text) for text in texts)
        assert [str(date) for date in ordered] == [
            "2015-02-15",
            "2015-02-15T09:59",
            "2015-02-15T10:00",
            "2015-02-15T10:00+02:00",
            "2015-02-16",
        ]
        # Dates that differ are never both "not before" each other.
        east, west = PartialDate.parse("2015-02-15T10:00+02:00"), PartialDate.parse("2015-02-15T10:00-02:00")
        assert (east < west) != (west < east)
        assert PartialDate.parse("2015-02-15T10:00").first_day() == datetime.date(2015, 2, 15)
        assert PartialDate.parse("2015-02-15T10:00").last_day() == datetime.date(2015, 2, 15)


class TestDuration:
    @pytest.mark.parametrize(
        ("text", "days"),
        [
            ("P14D", 14),
            ("PT24H", 1),
            ("P1DT12H", 1.5),
            ("P2W", 14),
            ("PT90M", 0.0625),
            ("P0D", 0),
            ("P1W1D", 8),
        ],
    )
    def test_durations(self, text: str, days: float) -> None:
        assert model.duration(text).total_seconds() / 86400 == days

    @pytest.mark.parametrize(
        "text", ["P", "PT", "P1DT", "14D", "P1M", "P1Y", "P1.5D", "P١٤D", " P1D", "P1D ", "p1d", "P-1D"]
    )
    def test_not_durations(self, text: str) -> None:
        with pytest.raises(FieldError, match="is not a duration like 'P14D'"):
            model.duration(text)
        with pytest.raises(FieldError, match=r"offset: .* is not a duration"):
            Deadline(anchor="agreement", offset=text)

    def test_not_text(self) -> None:
        with pytest.raises(FieldError, match="offset: 14 is not a duration"):
            model.duration(14)  # type: ignore[arg-type]


# ------------------------------------------------------------------ quantities


class TestQuantity:
    def test_value_or_range(self) -> None:
        assert str(Quantity(value=15, unit="km", qualifier="on each side")) == "15 km on each side"
        assert str(Quantity(value=2.5, unit="km")) == "2.5 km"
        assert str(Quantity(value=1234567.5, unit="m")) == "1234567.5 m"
        assert str(Quantity(min=15, max=20, unit="km")) == "15–20 km"
        assert str(Quantity(min=100, unit="mm")) == "100 mm or more"
        assert str(Quantity(max=20, unit="km")) == "up to 20 km"
        assert Quantity(min=15, max=15, unit="km").amount == "15–15"
        assert Quantity(value=0, unit="checkpoints").amount == "0"

    def test_ints_and_floats_stay_as_given(self) -> None:
        assert isinstance(Quantity(value=9, unit="x").value, int)
        assert isinstance(Quantity(value=9.0, unit="x").value, float)
        assert Quantity(value=9, unit="x") == Quantity(value=9.0, unit="x")

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({}, "value: a quantity needs a value, or a min or a max"),
            ({"value": 3, "min": 1}, "value: a quantity has a value or a range (min, max), not both"),
            ({"value": 3, "max": 4}, "value: a quantity has a value or a range (min, max), not both"),
            ({"min": 20, "max": 15}, "max: 15 is less than min (20)"),
            ({"min": 2.5, "max": 1.5}, "max: 1.5 is less than min (2.5)"),
            ({"value": -1}, "value: -1 is not an amount (a finite number, 0 or more)"),
            ({"min": -0.5}, "min: -0.5 is not an amount"),
            ({"max": -3}, "max: -3 is not an amount"),
            ({"value": math.nan}, "value: nan is not an amount"),
            ({"value": math.inf}, "value: inf is not an amount"),
            ({"max": math.inf}, "max: inf is not an amount"),
        ],
    )
    def test_rules(self, fields: dict[str, Any], message: str) -> None:
        with pytest.raises(FieldError) as caught:
            Quantity(unit="km", **fields)
        assert str(caught.value).startswith(message)

    def test_types(self) -> None:
        with pytest.raises(ag.FieldTypeError, match="value: expected"):
            Quantity(value=True, unit="km")
        with pytest.raises(ag.FieldTypeError, match="value: expected"):
            Quantity(value="15", unit="km")  # type: ignore[arg-type]
        with pytest.raises(FieldError, match="unit: must not be empty"):
            Quantity(value=1, unit=" ")
        with pytest.raises(FieldError, match="qualifier: must not be empty"):
            Quantity(value=1, unit="km", qualifier="")


# ------------------------------------------------------------------- deadlines


class TestDeadline:
    def test_at_a_date(self) -> None:
        deadline = Deadline(at=PartialDate.parse("2015-02-15T00:00+02:00"), edge=Edge.START)
        assert (deadline.anchor, deadline.offset, deadline.days) == (None, None, None)

    def test_after_an_anchor(self) -> None:
        assert Deadline(anchor="agreement", offset="P14D").days == 14
        assert Deadline(anchor="entry-into-force", offset="PT36H").days == 1.5
        assert Deadline(anchor="handover").edge is Edge.END  # at the anchor itself

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({}, "at: a deadline has a date (at) or an anchor to count from, and not both"),
            (
                {"at": PartialDate(year=2015), "anchor": "agreement"},
                "at: a deadline has a date (at) or an anchor to count from, and not both",
            ),
            ({"offset": "P14D"}, "at: a deadline has a date (at) or an anchor"),
            (
                {"at": PartialDate(year=2015), "offset": "P14D"},
                "offset: an offset needs an anchor to count from",
            ),
            ({"anchor": "Agreement"}, "anchor: 'Agreement' is not a valid id"),
            ({"anchor": "agreement", "offset": "14 days"}, "offset: '14 days' is not a duration"),
        ],
    )
    def test_rules(self, fields: dict[str, object], message: str) -> None:
        with pytest.raises(FieldError) as caught:
            Deadline(**fields)  # type: ignore[arg-type]
        assert str(caught.value).startswith(message)

    def test_a_clause_keeps_its_deadlines_in_order(self) -> None:
        first, second = (
            Deadline(anchor="agreement", edge=Edge.START),
            Deadline(anchor="agreement", offset="P30D"),
        )
        clause = Clause(
            id="c", category=Category.WITHDRAWAL, summary="s", citations=[CITE], deadlines=[first, second]
        )
        assert clause.deadlines == (first, second)
        with pytest.raises(ag.FieldTypeError, match=r"deadlines\[0\]: expected"):
            Clause(id="c", category=Category.WITHDRAWAL, summary="s", citations=[CITE], deadlines=["P14D"])  # type: ignore[list-item]


# -------------------------------------------------------------------- obligors


def clause_with(**fields: Any) -> Clause:
    fields.setdefault("category", Category.OTHER)
    return Clause(id="c", summary="s", citations=[CITE], **fields)


class TestObligors:
    def test_one_obligor(self) -> None:
        clause = clause_with(obligors=["army"])
        assert (clause.obligors, clause.obligor, clause.all_parties) == (("army",), "army", False)
        assert clause.bound(["army", "rebels"]) == ("army",)

    def test_joint_obligors_have_no_single_obligor(self) -> None:
        clause = clause_with(obligors=["army", "rebels"])
        assert clause.obligor is None
        assert clause.bound() == ("army", "rebels")

    def test_all_parties(self) -> None:
        clause = clause_with(all_parties=True)
        assert (clause.obligors, clause.obligor) == ((), None)
        assert clause.bound(["army", "rebels"]) == ("army", "rebels")
        both = clause_with(obligors=["russia"], all_parties=True)
        assert both.obligor is None
        assert both.bound(["army", "russia", "rebels"]) == ("russia", "army", "rebels")

    def test_nobody(self) -> None:
        assert clause_with().obligor is None
        assert clause_with().bound(["army"]) == ()

    def test_an_obligor_listed_twice(self) -> None:
        with pytest.raises(FieldError, match="obligors: 'army' is listed twice"):
            clause_with(obligors=["army", "rebels", "army"])

    def test_obligor_is_read_only(self) -> None:
        with pytest.raises(TypeError):
            clause_with(obligor="army")
        with pytest.raises(FieldError, match=r"obligors\[0\]: 'Army' is not a valid id"):
            clause_with(obligors=["Army"])
        with pytest.raises(TypeError, match="obligors: expected a list, got the string 'army'"):
            clause_with(obligors="army")

    def test_holder_defaults_to_the_single_obligor(self) -> None:
        term = WeaponsTerm(classes=[WeaponClass.HEAVY], action=WeaponAction.HAND_OVER)
        assert clause_with(obligors=["rebels"], weapons=term).holder == "rebels"
        assert clause_with(obligors=["rebels", "army"], weapons=term).holder is None
        assert clause_with(obligors=["rebels"], weapons=attrs.evolve(term, holder="army")).holder == "army"


# ------------------------------------------------------------------ weapons


class TestWeaponsTermFields:
    def test_weapons_named_without_classes(self) -> None:
        by_system = WeaponsTerm(systems=["Tornado-S", "Uragan"], action=WeaponAction.WITHDRAW)
        assert (by_system.classes, by_system.systems) == (frozenset(), ("Tornado-S", "Uragan"))
        by_calibre = WeaponsTerm(calibre=Quantity(min=100, unit="mm"), action=WeaponAction.WITHDRAW)
        assert str(by_calibre.calibre) == "100 mm or more"
        assert WeaponsTerm(all_weapons=True, action=WeaponAction.STORE).all_weapons

    @pytest.mark.parametrize(
        "fields",
        [
            {},
            {"classes": []},
            {"systems": []},
            {"all_weapons": False},
            {"distance": Quantity(value=15, unit="km")},
        ],
    )
    def test_a_term_that_names_no_weapons(self, fields: dict[str, Any]) -> None:
        with pytest.raises(
            FieldError,
            match="classes: a weapons term names weapon classes, systems, a calibre or all_weapons",
        ):
            WeaponsTerm(action=WeaponAction.WITHDRAW, **fields)

    def test_where_and_to_whom(self) -> None:
        term = WeaponsTerm(
            classes=[WeaponClass.HEAVY],
            action=WeaponAction.WITHDRAW,
            distance=Quantity(value=15, unit="km", qualifier="from the line of contact"),
            recipient="osce",
            destination="storage-site",
        )
        assert (term.recipient, term.destination, str(term.distance)) == (
            "osce",
            "storage-site",
            "15 km from the line of contact",
        )

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"systems": ["Grad", " "]}, r"systems\[1\]: must not be empty"),
            ({"classes": ["Heavy guns"]}, r"classes\[0\]: 'Heavy guns' is not a valid id"),
            ({"classes": [WeaponClass.HEAVY], "recipient": "OSCE"}, "recipient: 'OSCE' is not a valid id"),
            ({"classes": [WeaponClass.HEAVY], "destination": "a b"}, "destination: 'a b' is not a valid id"),
        ],
    )
    def test_bad_fields(self, fields: dict[str, Any], message: str) -> None:
        with pytest.raises(FieldError, match=message):
            WeaponsTerm(action=WeaponAction.WITHDRAW, **fields)

    def test_open_classes(self) -> None:
        term = WeaponsTerm(classes=["mortars", "heavy", WeaponClass.LIGHT], action=WeaponAction.STORE)
        assert term.classes == {Word("mortars"), WeaponClass.HEAVY, WeaponClass.LIGHT}
        assert term.ordered_classes == (WeaponClass.HEAVY, WeaponClass.LIGHT, "mortars")
        assert all(isinstance(word, WeaponClass | Word) for word in term.classes)
        assert isinstance(
            next(iter(WeaponsTerm(classes=["heavy"], action=WeaponAction.STORE).classes)), WeaponClass
        )

    def test_what_each_action_does(self) -> None:
        assert {action.value for action in WeaponAction if action.removes} == {
            "hand-over",
            "store",
            "destroy",
        }


class TestWeaponsByAction:
    def test_weapons_of_each_action(self) -> None:
        withdraw = weapons_clause("pull-back", {WeaponClass.HEAVY}, WeaponAction.WITHDRAW)
        store = weapons_clause("store", {WeaponClass.MEDIUM, WeaponClass.HEAVY}, WeaponAction.STORE)
        maybe = weapons_clause("maybe", {WeaponClass.LIGHT}, WeaponAction.WITHDRAW, modality=Modality.MAY)
        never = weapons_clause("never", {WeaponClass.LIGHT}, WeaponAction.DESTROY, modality=Modality.MUST_NOT)
        doubtful = weapons_clause(
            "doubtful", {WeaponClass.SMALL_ARMS, WeaponClass.HEAVY}, WeaponAction.WITHDRAW
        )
        claims = [Claim(summary="a", citations=[CITE]), Claim(summary="b", citations=[CITE])]
        dispute = Dispute(id="d", topic="t", claims=claims, clauses=["doubtful"])
        a = agreement(withdraw, store, maybe, never, doubtful, disputes=(dispute,))
        assert a.weapons(WeaponAction.WITHDRAW) == a.withdrawn == {WeaponClass.HEAVY}
        assert a.weapons(WeaponAction.WITHDRAW, disputed=True) == {WeaponClass.SMALL_ARMS}
        assert a.weapons(WeaponAction.STORE) == {WeaponClass.MEDIUM, WeaponClass.HEAVY}
        assert a.weapons(WeaponAction.DESTROY) == frozenset()
        assert a.handover == a.retained == frozenset()

    def test_a_may_retain_is_in_force_but_a_may_withdraw_is_not(self) -> None:
        keep = weapons_clause("keep", {WeaponClass.LIGHT}, WeaponAction.RETAIN, modality=Modality.MAY)
        pull = weapons_clause("pull", {WeaponClass.HEAVY}, WeaponAction.WITHDRAW, modality=Modality.MAY)
        assert (keep.stance, pull.stance) == (WeaponAction.RETAIN, None)

    def test_arguments_are_checked(self) -> None:
        with pytest.raises(ag.ArgumentTypeError, match="action: expected a WeaponAction, got 'hand-over'"):
            agreement().weapons("hand-over")  # type: ignore[arg-type]
        with pytest.raises(ag.ArgumentTypeError, match="disputed: expected true or false, got 1"):
            agreement().weapons(WeaponAction.HAND_OVER, disputed=1)  # type: ignore[arg-type]


# ------------------------------------------------------------------ relations


def related(kind: RelationKind, target: str, ends: tuple[str, ...] = ()) -> Relation:
    return Relation(kind=kind, target=target, citations=[CITE], ends=ends)


class TestRelation:
    def test_fields(self) -> None:
        relation = related(RelationKind.AMENDS, "minsk-i", ends=("art-3",))
        assert (relation.kind, relation.target, relation.ends) == (RelationKind.AMENDS, "minsk-i", ("art-3",))

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"target": "Minsk I"}, "target: 'Minsk I' is not a valid id"),
            ({"citations": []}, "citations: must list at least one"),
            ({"ends": ["Art 3"]}, r"ends\[0\]: 'Art 3' is not a valid id"),
        ],
    )
    def test_rules(self, fields: dict[str, Any], message: str) -> None:
        values: dict[str, Any] = {
            "kind": RelationKind.AMENDS,
            "target": "minsk-i",
            "citations": [CITE],
            **fields,
        }
        with pytest.raises(FieldError, match=message):
            Relation(**values)

    @pytest.mark.parametrize("kind", [RelationKind.SUPERSEDES, RelationKind.FOLLOWS])
    def test_only_a_relation_that_keeps_terms_ends_some(self, kind: RelationKind) -> None:
        with pytest.raises(FieldError, match=f"ends: a relation of kind '{kind.value}' ends no clauses"):
            related(kind, "minsk-i", ends=("art-3",))

    def test_which_kinds_keep_terms(self) -> None:
        assert {kind.value for kind in RelationKind if kind.keeps_terms} == {
            "amends",
            "supplements",
            "implements",
        }

    def test_follows_is_the_target_of_the_first_follows_relation(self) -> None:
        a = attrs.evolve(
            agreement(),
            relations=[
                related(RelationKind.AMENDS, "x"),
                related(RelationKind.FOLLOWS, "y"),
                related(RelationKind.FOLLOWS, "z"),
            ],
        )
        assert a.follows == "y"
        assert agreement().follows is None
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            a.follows = "x"  # type: ignore[misc]


# ---------------------------------------------------------------- status history


def status(value: Status, as_of: str) -> StatusEntry:
    return StatusEntry(status=value, as_of=PartialDate.parse(as_of), citations=[CITE])


class TestStatusHistory:
    HISTORY = (
        status(Status.SIGNED, "2015-02-12"),
        status(Status.IN_FORCE, "2015-02-15T00:00+02:00"),
        status(Status.COLLAPSED, "2022-02"),
    )

    def test_status_on(self) -> None:
        a = attrs.evolve(agreement(), statuses=self.HISTORY)
        assert a.status_on(PartialDate.parse("2015-02-11")) is None
        assert a.status_on(PartialDate.parse("2015-02-12")) == self.HISTORY[0]
        assert a.status_on(PartialDate.parse("2015-02-15")) == self.HISTORY[1]
        assert a.status_on(PartialDate.parse("2019")) == self.HISTORY[1]
        # An entry counts once its date has begun: July 2022 is after February; 2022 may be.
        assert a.status_on(PartialDate.parse("2022-07")) == self.HISTORY[2]
        assert a.status_on(PartialDate.parse("2022")) == self.HISTORY[2]
        assert a.status_on(PartialDate.parse("2022-01-31")) == self.HISTORY[1]

    def test_the_history_need_not_be_in_order(self) -> None:
        a = attrs.evolve(agreement(), statuses=tuple(reversed(self.HISTORY)))
        assert a.status_on(PartialDate.parse("2016")) == self.HISTORY[1]

    def test_an_entry_needs_a_citation_and_a_date(self) -> None:
        with pytest.raises(FieldError, match="citations: must list at least one"):
            StatusEntry(status=Status.SIGNED, as_of=PartialDate(year=2015), citations=[])
        with pytest.raises(ag.FieldTypeError, match="as_of: expected"):
            StatusEntry(status=Status.SIGNED, as_of="2015", citations=[CITE])  # type: ignore[arg-type]
        with pytest.raises(ag.ArgumentTypeError, match="date: expected a PartialDate, got '2015'"):
            agreement().status_on("2015")  # type: ignore[arg-type]

    def test_coverage(self) -> None:
        assert agreement().coverage is Coverage.PARTIAL
        assert attrs.evolve(agreement(), coverage=Coverage.FULL_TEXT).coverage is Coverage.FULL_TEXT


# ------------------------------------------------------------------ vocabulary


class TestVocabulary:
    def test_builtin_words_are_str_enums(self) -> None:
        assert Category.SIEGE == "siege"  # type: ignore[comparison-overlap]  # a StrEnum member is its word
        assert WeaponClass("small-arms") is WeaponClass.SMALL_ARMS
        assert {"categories", "weapon_classes", "place_kinds", "actor_kinds"} == set(model.OPEN_VOCABULARIES)

    def test_a_word_is_a_string_with_a_value(self) -> None:
        word = Word("prisoner-lists")
        assert (word.value, str(word), word == "prisoner-lists") == ("prisoner-lists", "prisoner-lists", True)
        assert hash(word) == hash("prisoner-lists")
        assert model.canonical(Category, "siege") is Category.SIEGE
        assert model.canonical(Category, Word("siege")) is Category.SIEGE
        assert type(model.canonical(Category, "prisoner-lists")) is Word
        assert model.canonical(Category, word) is word

    @pytest.mark.parametrize("vocabulary", [Category, ActorKind, PlaceKind, WeaponClass])
    def test_canonical_finds_what_the_vocabulary_finds(self, vocabulary: type[Category]) -> None:
        # canonical looks words up in a table, not by calling the enum: the same answers, as no vocabulary
        # has a _missing_ hook that would find more.
        assert "_missing_" not in vars(vocabulary)
        for member in vocabulary:
            assert model.canonical(vocabulary, member.value) is member
            assert model.canonical(vocabulary, Word(member.value)) is member
        assert type(model.canonical(vocabulary, member.value.upper())) is Word

    def test_records_hold_builtin_words_as_members_and_others_as_words(self) -> None:
        assert clause_with(category="siege").category is Category.SIEGE
        assert type(clause_with(category="prisoner-lists").category) is Word
        assert Actor(id="a", name="A", kind="legislature").kind is ActorKind.LEGISLATURE
        assert type(Actor(id="a", name="A", kind="militia").kind) is Word
        assert Place(id="p", name="P", kind="line").kind is PlaceKind.LINE
        with pytest.raises(FieldError, match="category: 'Prisoner lists' is not a valid id"):
            clause_with(category="Prisoner lists")
        with pytest.raises(ag.FieldTypeError, match="category: expected"):
            clause_with(category=3)

    def test_words_and_terms(self) -> None:
        vocabulary = Vocabulary(
            categories=[Term(id="prisoner-lists", label="Prisoner lists", description="Lists of prisoners.")],
            weapon_classes=[Term(id="mortars")],
            place_kinds=[Term(id="crossing-point")],
            actor_kinds=[Term(id="militia")],
        )
        assert "prisoner-lists" in vocabulary.words("categories")
        assert "siege" in vocabulary.words("categories")
        assert vocabulary.words("weapon_classes") == {"heavy", "medium", "light", "small-arms", "mortars"}
        assert vocabulary.term("categories", "prisoner-lists") == vocabulary.categories[0]
        assert vocabulary.term("categories", "siege") is None
        assert vocabulary.term("actor_kinds", "militia") == Term(id="militia")
        for call in (lambda: vocabulary.words("colours"), lambda: vocabulary.term("colours", "red")):
            with pytest.raises(
                ag.ArgumentTypeError, match="name: expected one of categories, weapon_classes"
            ):
                call()
        with pytest.raises(ag.ArgumentTypeError, match="name: expected one of"):
            vocabulary.words(None)  # type: ignore[arg-type]

    @pytest.mark.parametrize("name", ["categories", "weapon_classes", "place_kinds", "actor_kinds"])
    def test_a_builtin_word_cannot_be_redefined(self, name: str) -> None:
        builtin = next(iter(model.OPEN_VOCABULARIES[name])).value
        with pytest.raises(FieldError, match=rf"{name}\[1\].id: '{builtin}' is a built-in word already"):
            Vocabulary(**{name: [Term(id="mine"), Term(id=builtin)]})

    def test_a_word_defined_twice(self) -> None:
        with pytest.raises(FieldError, match=r"categories\[1\].id: 'mine' is defined twice"):
            Vocabulary(categories=[Term(id="mine"), Term(id="mine", label="Mine")])
        # The same id in two vocabularies is two words.
        Vocabulary(categories=[Term(id="mine")], weapon_classes=[Term(id="mine")])

    def test_term_fields(self) -> None:
        with pytest.raises(FieldError, match="id: 'Mine' is not a valid id"):
            Term(id="Mine")
        with pytest.raises(FieldError, match="label: must not be empty"):
            Term(id="mine", label=" ")
        with pytest.raises(ag.FieldTypeError, match=r"categories\[0\]: expected"):
            Vocabulary(categories=["mine"])  # type: ignore[list-item]

    def test_merge(self) -> None:
        mine = Vocabulary(categories=[Term(id="a"), Term(id="b", label="B")])
        theirs = Vocabulary(
            categories=[Term(id="b", label="B"), Term(id="c")], actor_kinds=[Term(id="militia")]
        )
        merged = mine.merge(theirs)
        assert [term.id for term in merged.categories] == ["a", "b", "c"]
        assert [term.id for term in merged.actor_kinds] == ["militia"]
        clash = Vocabulary(categories=[Term(id="b", label="Bee")], weapon_classes=[Term(id="x")])
        with pytest.raises(MergeConflictError) as caught:
            mine.merge(clash)
        assert (caught.value.registry, caught.value.ids) == ("vocabulary.categories", ("b",))
        assert str(caught.value) == (
            "both corpora define 'b' in their vocabulary's categories, differently; give each word the same"
            " label and description in both, or another id in one"
        )

    def test_corpora_merge_their_vocabularies(self) -> None:
        first = Corpus(vocabulary=Vocabulary(weapon_classes=[Term(id="mortars")]))
        second = Corpus(
            vocabulary=Vocabulary(weapon_classes=[Term(id="mortars")], categories=[Term(id="mine")])
        )
        merged = first.merge(second)
        assert merged.vocabulary.words("weapon_classes") >= {"mortars"}
        assert merged.vocabulary.words("categories") >= {"mine"}
        with pytest.raises(MergeConflictError, match="weapon classes"):
            first.merge(Corpus(vocabulary=Vocabulary(weapon_classes=[Term(id="mortars", label="M")])))
        with pytest.raises(ag.FieldTypeError, match="vocabulary: expected"):
            Corpus(vocabulary=None)  # type: ignore[arg-type]


# ------------------------------------------------------------------- disputes


class TestDisputeTargets:
    CLAIMS = (Claim(summary="a party", citations=[CITE]), Claim(summary="a mediator", citations=[CITE]))

    def test_a_dispute_names_what_it_puts_in_doubt(self) -> None:
        dispute = Dispute(
            id="russia",
            topic="Whether Russia is a party.",
            claims=self.CLAIMS,
            parties=["russia"],
            third_parties=["russia"],
            fields=[DisputedField.STATUS, DisputedField.DATE],
        )
        a = attrs.evolve(agreement(), disputes=[dispute])
        assert a.disputed(DisputedField.STATUS)
        assert a.disputed(DisputedField.DATE)
        assert not a.disputed(DisputedField.TERRITORY)
        assert a.disputed_clauses == frozenset()
        with pytest.raises(ag.ArgumentTypeError, match="field: expected a DisputedField, got 'status'"):
            a.disputed("status")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("fields", "message", "error"),
        [
            ({"parties": ["Russia"]}, r"parties\[0\]: 'Russia' is not a valid id", FieldError),
            (
                {"third_parties": "russia"},
                "third_parties: expected a list, got the string 'russia'",
                TypeError,
            ),
            ({"fields": ["status"]}, r"fields\[0\]: expected", ag.FieldTypeError),
        ],
    )
    def test_rules(self, fields: dict[str, Any], message: str, error: type[Exception]) -> None:
        with pytest.raises(error, match=message):
            Dispute(id="d", topic="t", claims=self.CLAIMS, **fields)

    def test_every_agreement_field_a_dispute_may_name_exists(self) -> None:
        names = {field.name for field in attrs.fields(Agreement)}
        assert {field.value for field in DisputedField} <= names


# ------------------------------------------------------------------- evidence


class TestEvidence:
    def test_citation_language_and_translation(self) -> None:
        cite = Citation(
            source="s",
            quote="تسليم السلاح الخفيف",
            language="ar",
            translation="the handover of light weapons",
        )
        assert (cite.language, cite.translation) == ("ar", "the handover of light weapons")
        assert Citation(source="s", quote="q", language="en-GB").language == "en-GB"

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"language": "Arabic"}, "language: 'Arabic' is not a language tag like 'en', 'fr' or 'ar'"),
            ({"language": "a"}, "language: 'a' is not a language tag"),
            ({"language": "ar "}, "language: 'ar ' is not a language tag"),
            ({"translation": ""}, "translation: must not be empty"),
        ],
    )
    def test_bad_citations(self, fields: dict[str, str], message: str) -> None:
        with pytest.raises(FieldError, match=message):
            Citation(source="s", quote="q", **fields)

    def test_a_source_for_a_paper(self) -> None:
        source = Source(
            id="minsk-text",
            description="The Package of Measures.",
            url="https://www.osce.org/files/f/documents/5/b/140221.pdf",
            outlet="OSCE",
            author="Trilateral Contact Group",
            title="Package of Measures for the Implementation of the Minsk Agreements",
            date=PartialDate.parse("2015-02-12"),
            language="en",
            translated_from="ru",
        )
        assert source.document is None
        assert source.translated_from == "ru"

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {"url": "www.osce.org"},
                "url: 'www.osce.org' is not a web address starting with http:// or https://",
            ),
            ({"url": "https://a b"}, "url: 'https://a b' is not a web address"),
            ({"url": "ftp://x"}, "url: 'ftp://x' is not a web address"),
            ({"document": " "}, "document: must not be empty"),
            ({"outlet": ""}, "outlet: must not be empty"),
            ({"author": "\t"}, "author: must not be empty"),
            ({"title": "\n"}, "title: must not be empty"),
            ({"translated_from": "Russian"}, "translated_from: 'Russian' is not a language tag"),
        ],
    )
    def test_bad_sources(self, fields: dict[str, Any], message: str) -> None:
        with pytest.raises(FieldError, match=message):
            Source(id="s", description="d", **fields)


class TestCode:
    def test_fields(self) -> None:
        code = Code(scheme="pax", variable="CeProv", level=2, label="Ceasefire provision")
        clause = clause_with(codes=[code, Code(scheme="pam", variable="Ceasefire")])
        assert clause.codes[0] == code
        assert clause.codes[1].level is None
        assert Code(scheme="pax", variable="x", level=-99).level == -99  # datasets' own missing values

    @pytest.mark.parametrize(
        ("fields", "message", "error"),
        [
            ({"scheme": "PA-X"}, "scheme: 'PA-X' is not a valid id", FieldError),
            ({"variable": " "}, "variable: must not be empty", FieldError),
            ({"level": 1.5}, "level: expected a whole number", ag.FieldTypeError),
            ({"level": True}, "level: expected a whole number", ag.FieldTypeError),
            ({"label": ""}, "label: must not be empty", FieldError),
        ],
    )
    def test_rules(self, fields: dict[str, Any], message: str, error: type[Exception]) -> None:
        values: dict[str, Any] = {"scheme": "pax", "variable": "CeProv", **fields}
        with pytest.raises(error, match=message):
            Code(**values)


# -------------------------------------------------------------- consolidation


def deal(agreement_id: str, date: str, *clause_ids: str, **fields: Any) -> Agreement:
    clauses = [
        attrs.evolve(clause_with(), id=clause_id, summary=f"{clause_id} of {agreement_id}")
        for clause_id in clause_ids
    ]
    return Agreement(
        id=agreement_id,
        title=agreement_id,
        date=PartialDate.parse(date),
        status=Status.SIGNED,
        citations=[CITE],
        clauses=clauses,
        **fields,
    )


def party(actor: str) -> ag.Party:
    return ag.Party(actor=actor, citations=[CITE])


CLAIMS = (Claim(summary="one", citations=[CITE]), Claim(summary="other", citations=[CITE]))
CHAIN = Corpus(
    agreements=[
        deal(
            "base",
            "2015-02-12",
            "a",
            "b",
            "c",
            parties=[party("x"), party("y")],
            disputes=[
                Dispute(id="about-b", topic="b", claims=CLAIMS, clauses=["b"]),
                Dispute(id="about-a", topic="a", claims=CLAIMS, clauses=["a", "b"]),
                Dispute(id="about-x", topic="x", claims=CLAIMS, clauses=["b"], parties=["x"]),
            ],
        ),
        deal(
            "amend-1",
            "2015-03",
            "b",
            parties=[party("z")],
            relations=[related(RelationKind.AMENDS, "base", ends=("c",))],
        ),
        deal("supp", "2015-04", "d", relations=[related(RelationKind.SUPPLEMENTS, "amend-1")]),
        deal("new", "2016", "e", relations=[related(RelationKind.SUPERSEDES, "supp")]),
        deal("follow", "2015-02-12", "f", relations=[related(RelationKind.FOLLOWS, "base")]),
        deal("impl", "2015-05", "g", relations=[related(RelationKind.IMPLEMENTS, "base")]),
        deal("again", "2015-06", "c", relations=[related(RelationKind.AMENDS, "amend-1")]),
        deal(
            "two",
            "2015-07",
            "h",
            relations=[related(RelationKind.SUPPLEMENTS, "impl"), related(RelationKind.SUPPLEMENTS, "supp")],
        ),
    ]
)


def summaries(consolidated: Consolidated) -> list[str]:
    return [clause.summary for clause in consolidated.agreement.clauses]


class TestConsolidated:
    def test_an_agreement_that_builds_on_none_is_itself(self) -> None:
        for agreement_id in ("base", "follow", "new"):
            found = CHAIN.consolidated(agreement_id)
            assert found.agreement == CHAIN.get(agreement_id)
            assert found.chain == (agreement_id,)
            assert found.ended == {}
            assert all(
                entry.agreement == agreement_id and not entry.replaced for entry in found.provenance.values()
            )

    def test_amends_replaces_and_ends(self) -> None:
        found = CHAIN.consolidated("amend-1")
        assert found.chain == ("base", "amend-1")
        # The replaced clause keeps its place; the ended one is gone.
        assert summaries(found) == ["a of base", "b of amend-1"]
        assert found.provenance["a"] == Provenance(agreement="base")
        assert found.provenance["b"] == Provenance(agreement="amend-1", replaced=("base",))
        assert found.ended == {"c": "amend-1"}
        assert found.agreement.id == "amend-1"

    def test_supplements_chains_back_through_the_amendment(self) -> None:
        found = CHAIN.consolidated("supp")
        assert found.chain == ("base", "amend-1", "supp")
        assert summaries(found) == ["a of base", "b of amend-1", "d of supp"]
        assert found.ended == {"c": "amend-1"}
        # Parties of the whole chain, the latest agreement's first.
        assert [entry.actor for entry in found.agreement.parties] == ["z", "x", "y"]

    def test_disputes_about_replaced_clauses_no_longer_apply(self) -> None:
        disputes = {dispute.id: dispute for dispute in CHAIN.consolidated("supp").agreement.disputes}
        assert "about-b" not in disputes  # b was replaced: the dispute was about the old b
        assert disputes["about-a"].clauses == ("a",)
        assert disputes["about-x"].clauses == ()
        assert disputes["about-x"].parties == ("x",)
        assert CHAIN.consolidated("supp").agreement.disputed_clauses == {"a"}
        # Where nothing is replaced, the disputes stay as they are.
        assert CHAIN.consolidated("impl").agreement.disputes == CHAIN.get("base").disputes

    def test_implements_keeps_everything(self) -> None:
        found = CHAIN.consolidated("impl")
        assert found.chain == ("base", "impl")
        assert summaries(found) == ["a of base", "b of base", "c of base", "g of impl"]

    def test_supersedes_and_follows_keep_nothing(self) -> None:
        assert summaries(CHAIN.consolidated("new")) == ["e of new"]
        assert summaries(CHAIN.consolidated("follow")) == ["f of follow"]

    def test_a_clause_ended_then_made_again(self) -> None:
        found = CHAIN.consolidated("again")
        assert summaries(found) == ["a of base", "b of amend-1", "c of again"]
        assert found.ended == {}
        assert found.provenance["c"] == Provenance(agreement="again")

    def test_several_targets(self) -> None:
        found = CHAIN.consolidated("two")
        assert found.chain == ("base", "impl", "amend-1", "supp", "two")
        assert summaries(found) == ["a of base", "b of amend-1", "g of impl", "d of supp", "h of two"]
        assert found.ended == {"c": "amend-1"}

    def test_cycles_and_unknown_targets_end_the_chain(self) -> None:
        loop = Corpus(
            agreements=[
                deal(
                    "p",
                    "2015",
                    "a",
                    relations=[related(RelationKind.AMENDS, "q"), related(RelationKind.AMENDS, "nowhere")],
                ),
                deal("q", "2015", "b", relations=[related(RelationKind.AMENDS, "p")]),
            ]
        )
        assert loop.consolidated("p").chain == ("q", "p")
        assert summaries(loop.consolidated("p")) == ["b of q", "a of p"]
        with pytest.raises(ag.UnknownAgreementError, match="no agreement with id 'r'"):
            loop.consolidated("r")

    def test_the_builtin_corpus(self) -> None:
        c = ag.corpus()
        for agreement_id in c.agreements:
            found = c.consolidated(agreement_id)
            assert found.chain[-1] == agreement_id
            assert set(found.provenance) == {clause.id for clause in found.agreement.clauses}


_ID_OR_TEXT = st.one_of(
    st.text(alphabet=st.sampled_from("az09._- \t\n\x1c\u2028\u00a0AZé"), max_size=6),
    st.builds(Word, st.text(alphabet="az-. ", max_size=4)),
    st.none(),
    st.integers(),
)


@given(source=_ID_OR_TEXT, quote=_ID_OR_TEXT, translation=_ID_OR_TEXT)
def test_folded_field_checks_accept_what_the_type_and_rule_accept(
    source: object, quote: object, translation: object
) -> None:
    """The one validator of a field (type and constraint folded, with a fast path) agrees with the two checks."""

    def valid(text: object, rule: str, optional: bool) -> bool:
        if text is None:
            return optional
        if not isinstance(text, str):
            return False
        return re.fullmatch(r"[a-z0-9][a-z0-9._-]*", text) is not None if rule == "id" else bool(text.strip())

    expected = valid(source, "id", False) and valid(quote, "text", False) and valid(translation, "text", True)
    try:
        Citation(source=source, quote=quote, translation=translation)  # type: ignore[arg-type]
    except FieldError:
        accepted = False
    else:
        accepted = True
    assert accepted is expected


def _checked_fields() -> list[tuple[type, attrs.Attribute[Any]]]:
    """Every field of the model's records whose validator ``checked_fields`` made (the fast paths among them)."""
    return [
        (record, field)
        for name in sorted(model.__all__)
        if isinstance(record := getattr(model, name), type) and attrs.has(record)
        for field in attrs.fields(record)
        if field.validator is not None and not isinstance(field.validator, type(attrs.validators.and_()))
    ]


_ANY_VALUE = st.deferred(
    lambda: st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-3, max_value=70),
        st.floats(allow_nan=True),
        st.text(alphabet=st.sampled_from("az09._- \tAé"), max_size=5),
        st.builds(Word, st.text(alphabet="az-. ", max_size=4)),
        st.sampled_from([*Category, *ActorKind, *Modality, *Status, *Coverage, *model.ThirdPartyRole]),
        st.just(PartialDate(year=2018)),
        st.just(Citation(source="s", quote="q")),
        st.lists(st.one_of(st.text(alphabet="az09 A", max_size=3), st.integers(), st.none()), max_size=3).map(
            tuple
        ),
        st.lists(st.text(alphabet="az", max_size=2), max_size=2),
        st.frozensets(st.sampled_from(["light", "heavy", "x"]), max_size=2),
    )
)


@given(st.sampled_from(_checked_fields()), _ANY_VALUE)
def test_every_field_check_accepts_what_its_type_and_rule_accept(
    where: tuple[type, attrs.Attribute[Any]], value: object
) -> None:
    """Each field's one validator, fast path or not, accepts exactly the values its type check and its rule accept."""
    record, field = where
    tp = typing.get_type_hints(record, vars(sys.modules[record.__module__]))[field.name]
    rule = field.metadata.get(_fields.CONSTRAINT)
    expected: type[Exception] | None = None  # what the two checks raise, if anything
    try:
        _fields._checker(tp)(field.name, value)
        if rule is not None and value is not None:
            rule.check(field.name, value)
    except Exception as error:  # a registry's check of a value that is no mapping fails as it may
        expected = type(error)
    assert field.validator is not None
    accepted: type[Exception] | None = None
    try:
        field.validator(None, field, value)
    except Exception as error:
        accepted = type(error)
    assert accepted is expected, (record.__name__, field.name, value)


@given(strategies.partial_dates(), strategies.partial_dates())
def test_a_dates_sort_key_orders_and_tells_apart_as_the_date(first: PartialDate, second: PartialDate) -> None:
    """A corpus sorts its agreements by the dates' keys: equal exactly when the dates are, in the dates' order."""
    assert (first._key() == second._key()) is (first == second)
    assert (first._key() < second._key()) is (first < second)


@given(
    st.sampled_from(sorted(_fields._TUPLE_CONVERTERS, key=lambda function: function.__qualname__)),
    st.one_of(
        st.lists(st.one_of(st.integers(), st.text(max_size=2))),
        st.lists(st.text(max_size=2)).map(tuple),
        st.text(max_size=3),
        st.binary(max_size=2),
        st.none(),
        st.integers(),
        st.frozensets(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    ),
)
def test_a_tuple_converter_is_tuple_of_and_its_quick_path_too(converter: Any, value: object) -> None:
    """A converter marked as ``tuple_of`` is it, and the field's converter with its quick path gives the same."""

    def outcome(function: Any) -> object:
        try:
            return function(value)
        except Exception as error:  # the same error, or the same tuple
            return type(error), str(error)

    assert outcome(converter) == outcome(_fields.tuple_of)
    assert outcome(_fields._converting("items", converter)) == outcome(
        _fields._converting("items", lambda items: converter(items))  # noqa: PLW0108 - a converter not marked
    )
