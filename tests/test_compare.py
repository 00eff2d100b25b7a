"""compare(): aspects by agreements, change and dispute marks, citations, the aspect registry."""

from __future__ import annotations

import sys

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agreements as ag
from agreements.compare import (
    BUILTIN_ASPECTS,
    Aspect,
    Cell,
    Comparison,
    UnknownAspectError,
    category_aspect,
    compare,
)
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Claim,
    Clause,
    Corpus,
    Dispute,
    Event,
    EventKind,
    Modality,
    PartialDate,
    Party,
    Source,
    Status,
    Territory,
    ThirdParty,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)

CITE = Citation(source="report", quote="as of Sunday")
OTHER = Citation(source="report", quote="nine checkpoints")


def clause(clause_id: str, category: Category, summary: str, **kw: object) -> Clause:
    kw.setdefault("citations", [CITE])
    return Clause(id=clause_id, category=category, summary=summary, **kw)  # type: ignore[arg-type]


def weapons(clause_id: str, action: WeaponAction, *classes: WeaponClass, **kw: object) -> Clause:
    return clause(
        clause_id, Category.WEAPONS, "weapons", weapons=WeaponsTerm(classes=classes, action=action), **kw
    )


def deal(agreement_id: str, date: str, *clauses: Clause, **kw: object) -> Agreement:
    fields: dict[str, object] = {
        "id": agreement_id,
        "title": agreement_id.title(),
        "date": PartialDate.parse(date),
        "status": Status.SIGNED,
        "citations": [CITE],
        "clauses": clauses,
    }
    fields.update(kw)
    return Agreement(**fields)  # type: ignore[arg-type]


NAMES = Corpus(
    actors=[Actor(id="russia", name="Russia", kind=ActorKind.STATE)],
    sources=[Source(id="report", document="report.txt", description="A report.")],
)


def values(table: Comparison, aspect_id: str) -> list[str]:
    return [cell.value for cell in table.row(aspect_id).cells]


class TestColumnsAndRows:
    def test_columns_are_in_date_order_then_id(self) -> None:
        later = deal("later", "2021-09-06")
        earlier = deal("earlier", "2018-07")
        same_b, same_a = deal("b", "2019"), deal("a", "2019")
        table = compare([later, same_b, earlier, same_a], corpus=NAMES)
        assert [a.id for a in table.agreements] == ["earlier", "a", "b", "later"]

    def test_agreements_of_one_date_keep_the_order_they_follow(self) -> None:
        offer = deal("z-offer", "2018-07")
        deal_after = deal("a-deal", "2018-07", follows="z-offer")
        table = compare([deal_after, offer], corpus=NAMES)
        assert [a.id for a in table.agreements] == ["z-offer", "a-deal"]

    def test_a_corpus_gives_all_of_its_agreements_and_its_names(self) -> None:
        corpus = attrs.evolve(NAMES, agreements=[deal("x", "2020", third_parties=[guarantor()])])
        table = compare(corpus)
        assert table.cell("third-parties", "x").value == "Russia (guarantor)"

    def test_default_rows_leave_out_aspects_no_agreement_speaks_to(self) -> None:
        table = compare([deal("a", "2020", clause("c", Category.SIEGE, "Lift the siege."))], corpus=NAMES)
        ids = [row.aspect.id for row in table.rows]
        assert ids == ["date", "status", "siege"]

    def test_chosen_aspects_keep_their_order_and_their_empty_rows(self) -> None:
        table = compare([deal("a", "2020")], aspects=["siege", "date"], corpus=NAMES)
        assert [row.aspect.id for row in table.rows] == ["siege", "date"]
        assert table.row("siege").is_empty

    def test_every_category_has_a_row(self) -> None:
        covered = {
            category
            for aspect in BUILTIN_ASPECTS
            for category in Category
            if aspect.extract(deal("a", "2020", clause("c", category, "x")), NAMES).value == "x"
        }
        assert covered == set(Category)

    def test_an_empty_list_gives_an_empty_table(self) -> None:
        table = compare([], corpus=NAMES)
        assert table.agreements == ()
        assert table.rows == ()

    def test_one_agreement_is_refused_with_a_hint(self) -> None:
        with pytest.raises(TypeError, match="not one agreement"):
            compare(deal("a", "2020"))  # type: ignore[arg-type]

    def test_an_agreement_listed_twice_is_refused(self) -> None:
        with pytest.raises(ValueError, match="'a' is listed twice"):
            compare([deal("a", "2020"), deal("a", "2020")], corpus=NAMES)

    def test_an_aspect_listed_twice_is_refused(self) -> None:
        with pytest.raises(ValueError, match="aspect 'date' is listed twice"):
            compare([deal("a", "2020")], aspects=["date", "status", "date"], corpus=NAMES)

    def test_an_unknown_aspect_names_the_closest(self) -> None:
        with pytest.raises(UnknownAspectError, match="did you mean 'checkpoints'"):
            compare([deal("a", "2020")], aspects=["checkpoint"], corpus=NAMES)

    def test_lookups_of_what_is_not_there(self) -> None:
        table = compare([deal("a", "2020")], aspects=["date"], corpus=NAMES)
        with pytest.raises(UnknownAspectError, match="no aspect with id 'dates'; did you mean 'date'"):
            table.row("dates")
        with pytest.raises(KeyError):
            table.cell("date", "b")
        assert str(UnknownAspectError("zzz")) == "no aspect with id 'zzz'"

    def test_the_builtin_corpus_names_actors_by_default(self) -> None:
        table = compare([ag.get("busra-al-sham-2018")], aspects=["third-parties"])
        assert "Russia" in table.rows[0].cells[0].value

    def test_the_table_prints_as_plain_text(self) -> None:
        table = compare([deal("a", "2020")], aspects=["status"], corpus=NAMES)
        assert str(table) == table.to_text()
        assert "signed" in str(table)


def guarantor(role: ThirdPartyRole = ThirdPartyRole.GUARANTOR, actor: str = "russia") -> ThirdParty:
    return ThirdParty(actor=actor, role=role, citations=[OTHER])


class TestCells:
    def test_changed_compares_with_the_column_to_the_left(self) -> None:
        a = deal("a", "2018", status=Status.SIGNED)
        b = deal("b", "2019", status=Status.SIGNED)
        c = deal("c", "2020", status=Status.COLLAPSED)
        cells = compare([a, b, c], aspects=["status"], corpus=NAMES).rows[0].cells
        assert [cell.changed for cell in cells] == [False, False, True]

    def test_the_date_is_never_marked_changed(self) -> None:
        cells = compare([deal("a", "2018"), deal("b", "2019")], aspects=["date"], corpus=NAMES).rows[0].cells
        assert [cell.value for cell in cells] == ["2018", "2019"]
        assert not any(cell.changed for cell in cells)

    def test_an_approximate_date_says_so(self) -> None:
        table = compare([deal("a", "2018-06~")], aspects=["date"], corpus=NAMES)
        assert values(table, "date") == ["2018-06 (approx.)"]

    def test_date_and_status_cite_their_events_when_there_are_some(self) -> None:
        signing = Event(
            id="signed",
            date=PartialDate.parse("2020"),
            kind=EventKind.SIGNING,
            summary="Signed.",
            citations=[OTHER],
        )
        table = compare([deal("a", "2020", events=[signing])], aspects=["date", "status"], corpus=NAMES)
        assert table.cell("date", "a").citations == (OTHER,)
        assert table.cell("status", "a").citations == (OTHER,)
        bare = compare([deal("b", "2020")], aspects=["date", "status"], corpus=NAMES)
        assert bare.cell("status", "b").citations == (CITE,)

    def test_parties_and_third_parties_by_name_one_per_line(self) -> None:
        parties = [Party(actor="russia", citations=[CITE]), Party(actor="unknown-group", citations=[OTHER])]
        thirds = [guarantor(), guarantor(ThirdPartyRole.MEDIATOR, "jordan")]
        a = deal("a", "2020", parties=parties, third_parties=thirds)
        table = compare([a], aspects=["parties", "third-parties"], corpus=NAMES)
        assert values(table, "parties") == ["Russia\nunknown-group"]
        assert values(table, "third-parties") == ["Russia (guarantor)\njordan (mediator)"]
        assert table.cell("parties", "a").citations == (CITE, OTHER)

    def test_territory(self) -> None:
        a = deal("a", "2020", territory=Territory(summary="Daraa al-Balad.", citations=[OTHER]))
        table = compare([a, deal("b", "2021")], aspects=["territory"], corpus=NAMES)
        assert values(table, "territory") == ["Daraa al-Balad.", ""]
        assert table.cell("territory", "b").changed

    def test_weapons_handed_over_and_kept_heaviest_first(self) -> None:
        a = deal(
            "a",
            "2020",
            weapons("light", WeaponAction.HAND_OVER, WeaponClass.LIGHT),
            weapons("heavy", WeaponAction.HAND_OVER, WeaponClass.HEAVY, WeaponClass.MEDIUM),
            weapons("may", WeaponAction.HAND_OVER, WeaponClass.SMALL_ARMS, modality=Modality.MAY),
            weapons("keep", WeaponAction.RETAIN, WeaponClass.SMALL_ARMS, modality=Modality.MAY),
            weapons("not", WeaponAction.RETAIN, WeaponClass.HEAVY, modality=Modality.MUST_NOT),
        )
        table = compare([a], aspects=["weapons-handover", "weapons-kept"], corpus=NAMES)
        assert values(table, "weapons-handover") == ["heavy, medium, light"]
        assert values(table, "weapons-kept") == ["small arms"]
        assert not table.cell("weapons-handover", "a").disputed

    def test_disputed_weapons_are_kept_apart_and_flagged(self) -> None:
        claims = [
            Claim(summary="heavy only", citations=[CITE]),
            Claim(summary="and medium", citations=[OTHER]),
        ]
        a = deal(
            "a",
            "2020",
            weapons("heavy", WeaponAction.HAND_OVER, WeaponClass.HEAVY),
            weapons("medium", WeaponAction.HAND_OVER, WeaponClass.MEDIUM),
            weapons("keep-light", WeaponAction.RETAIN, WeaponClass.LIGHT),
            disputes=[
                Dispute(id="d", topic="Which weapons?", claims=claims, clauses=["medium", "keep-light"])
            ],
        )
        table = compare([a], aspects=["weapons-handover", "weapons-kept", "disputes"], corpus=NAMES)
        assert values(table, "weapons-handover") == ["heavy\ndisputed: medium"]
        assert values(table, "weapons-kept") == ["disputed: light"]
        assert table.cell("weapons-handover", "a").disputed
        assert table.cell("weapons-kept", "a").disputed
        assert values(table, "disputes") == ["Which weapons?"]
        assert table.cell("disputes", "a").disputed
        assert table.cell("disputes", "a").citations == (CITE, OTHER)

    def test_weapons_clauses_without_classes_have_their_own_row(self) -> None:
        a = deal(
            "a",
            "2020",
            clause("depots", Category.WEAPONS, "Weapons depots are searched."),
            weapons("heavy", WeaponAction.HAND_OVER, WeaponClass.HEAVY),
        )
        table = compare([a], aspects=["weapons-other"], corpus=NAMES)
        assert values(table, "weapons-other") == ["Weapons depots are searched."]

    def test_clause_rows_list_summaries_one_per_line_and_cite_each_quote_once(self) -> None:
        a = deal(
            "a",
            "2020",
            clause("one", Category.SETTLEMENT, "Status  is\nsettled."),
            clause("two", Category.MILITARY_SERVICE, "Service is deferred."),
            clause(
                "out", Category.SECURITY_PRESENCE, "Security services stay out.", modality=Modality.MUST_NOT
            ),
            clause("no", Category.SECURITY_PRESENCE, "No militias enter.", modality=Modality.MUST_NOT),
        )
        table = compare([a], aspects=["settlement", "security-presence"], corpus=NAMES)
        assert values(table, "settlement") == ["Status is settled.\nService is deferred."]
        assert values(table, "security-presence") == ["Not: Security services stay out.\nNo militias enter."]
        assert table.cell("settlement", "a").citations == (CITE,)

    def test_sources_are_the_cited_ones_the_corpus_knows(self) -> None:
        unknown = Citation(source="elsewhere", quote="q")
        a = deal("a", "2020", clause("c", Category.SIEGE, "Lift.", citations=[unknown]))
        table = compare([a], aspects=["siege"], corpus=NAMES)
        assert table.sources == ()
        table = compare([a], aspects=["date", "siege"], corpus=NAMES)
        assert [source.id for source in table.sources] == ["report"]

    def test_a_cell_converts_and_deduplicates_citations(self) -> None:
        assert Cell(citations=[CITE, OTHER, CITE]).citations == (CITE, OTHER)


class TestAspects:
    def test_the_builtin_aspects_are_the_default_rows_in_order(self) -> None:
        table = compare(ag.corpus())
        ids = [aspect.id for aspect in BUILTIN_ASPECTS]
        shown = [row.aspect.id for row in table.rows]
        assert shown == [aspect_id for aspect_id in ids if aspect_id in shown]

    def test_your_own_aspect_after_the_builtin_ones(self) -> None:
        mine = Aspect(id="clauses", label="Clauses", extract=lambda a, c: Cell(value=str(len(a.clauses))))
        table = compare([deal("a", "2020")], aspects=[*BUILTIN_ASPECTS, mine], corpus=NAMES, keep_empty=False)
        assert table.rows[-1].aspect.id == "clauses"
        assert values(table, "clauses") == ["0"]
        assert all(not row.is_empty for row in table.rows)

    def test_empty_rows_are_kept_when_aspects_are_given(self) -> None:
        table = compare([deal("a", "2020")], aspects=["siege"], corpus=NAMES)
        assert [row.aspect.id for row in table.rows] == ["siege"]
        assert compare([deal("a", "2020")], aspects=["siege"], corpus=NAMES, keep_empty=False).rows == ()
        everything = compare([deal("a", "2020")], corpus=NAMES, keep_empty=True)
        assert len(everything.rows) == len(BUILTIN_ASPECTS)

    def test_an_aspect_listed_twice_is_refused(self) -> None:
        plain = category_aspect("siege", "Blockade", Category.SIEGE)
        with pytest.raises(ag.InvalidArgumentError, match="aspect 'siege' is listed twice"):
            compare([deal("a", "2020")], aspects=["siege", plain], corpus=NAMES)

    def test_the_builtin_aspects_cannot_be_changed(self) -> None:
        module = sys.modules["agreements.compare"]
        assert isinstance(BUILTIN_ASPECTS, tuple)
        assert not any(hasattr(module, name) for name in ("register_aspect", "unregister_aspect"))

    def test_aspect_ids_are_checked(self) -> None:
        with pytest.raises(ValueError, match="'Not An Id' is not a valid id"):
            Aspect(id="Not An Id", label="x", extract=lambda a, c: Cell())

    def test_a_category_aspect_needs_a_category_and_describes_itself(self) -> None:
        with pytest.raises(ValueError, match="at least one category"):
            category_aspect("nothing", "Nothing")
        both = category_aspect("both", "Both", Category.MILITARY_SERVICE, Category.SETTLEMENT)
        assert both.description == "Clauses about settlement, military service."

    def test_an_aspect_must_return_a_cell(self) -> None:
        broken = Aspect(id="broken", label="Broken", extract=lambda a, c: a.title)  # type: ignore[arg-type,return-value]
        with pytest.raises(TypeError, match="aspect 'broken' returned 'str' for 'a'; expected a Cell"):
            compare([deal("a", "2020")], aspects=[broken], corpus=NAMES)


class TestBuiltinCorpus:
    def test_every_agreement_is_a_column_in_corpus_order(self) -> None:
        table = compare(ag.corpus())
        assert [a.id for a in table.agreements] == list(ag.corpus().agreements)

    def test_every_cell_with_a_value_is_cited(self) -> None:
        table = compare(ag.corpus())
        for row in table.rows:
            for agreement, cell in zip(table.agreements, row.cells, strict=True):
                assert not cell.value or cell.citations, (row.aspect.id, agreement.id)

    def test_every_cited_source_is_described(self) -> None:
        table = compare(ag.corpus())
        cited = {c.source for row in table.rows for cell in row.cells for c in cell.citations}
        assert {source.id for source in table.sources} == cited


ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def small_corpora(draw: st.DrawFn) -> Corpus:
    count = draw(st.integers(min_value=0, max_value=4))
    agreement_ids = draw(st.lists(ids, min_size=count, max_size=count, unique=True))
    agreements = []
    for agreement_id in agreement_ids:
        categories = draw(st.lists(st.sampled_from(Category), max_size=4))
        summaries = st.text(min_size=1).filter(str.strip)
        clauses = [
            clause(f"c{index}", category, draw(summaries), modality=draw(st.sampled_from(Modality)))
            for index, category in enumerate(categories)
        ]
        year = draw(st.integers(min_value=2015, max_value=2022))
        agreements.append(deal(agreement_id, str(year), *clauses, status=draw(st.sampled_from(Status))))
    return attrs.evolve(NAMES, agreements=agreements)


@given(small_corpora())
def test_compare_is_total_and_deterministic(corpus: Corpus) -> None:
    first, second = compare(corpus), compare(corpus)
    assert first == second
    for row in first.rows:
        assert len(row.cells) == len(first.agreements)
        assert not row.is_empty
        assert not row.cells[0].changed
        for left, right in zip(row.cells, row.cells[1:], strict=False):
            assert right.changed == (row.aspect.tracks_changes and left.value != right.value)


def test_compare_over_generated_corpora() -> None:
    strategies = pytest.importorskip("agreements.testing.strategies")

    # The kit's corpora are costly to draw (most of a second each here), so this
    # property runs fewer examples; the properties above cover escaping in full.
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategies.corpora())
    def check(corpus: Corpus) -> None:
        table = compare(corpus)
        assert table == compare(corpus)
        assert [a.id for a in table.agreements] == list(corpus.agreements)

    check()
