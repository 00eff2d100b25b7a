"""agreements.similar: the agreements most like one, the parts of each score, and the two paths."""

from __future__ import annotations

import importlib
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import agreements as ag
from agreements._text import width
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Clause,
    Code,
    Coordinates,
    Corpus,
    PartialDate,
    Party,
    Place,
    Source,
    Status,
    ThirdParty,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)
from agreements.similar import COMPONENTS, nearest, similar

# The package exports the function ``similar`` under the module's name, so reach the module itself here.
module = importlib.import_module("agreements.similar")

CITE = [Citation(source="s", quote="q")]
ACTORS = [
    Actor(id="army", name="Army", kind=ActorKind.STATE_FORCE),
    Actor(id="rebels", name="Rebels", kind=ActorKind.ARMED_GROUP),
    Actor(id="elders", name="Elders", kind=ActorKind.POPULATION),
    Actor(id="russia", name="Russia", kind=ActorKind.STATE),
]
PLACES = [
    Place(id="syria", name="Syria", kind="country"),
    Place(
        id="daraa",
        name="Daraa",
        kind="city",
        parent="syria",
        coordinates=Coordinates(latitude=32.62, longitude=36.10),
    ),
    Place(
        id="busra",
        name="Busra",
        kind="city",
        parent="syria",
        coordinates=Coordinates(latitude=32.52, longitude=36.48),
    ),
    Place(
        id="homs",
        name="Homs",
        kind="city",
        parent="syria",
        coordinates=Coordinates(latitude=34.73, longitude=36.72),
    ),
    Place(id="idlib", name="Idlib", kind="region", parent="syria"),
]
CATEGORIES = [
    Category.CEASEFIRE,
    Category.WEAPONS,
    Category.RETURN,
    Category.SIEGE,
    Category.EXCHANGE,
    Category.OTHER,
]
WORDS = [
    "truce",
    "handover",
    "weapons",
    "siege",
    "checkpoints",
    "return",
    "civilians",
    "prisoners",
    "bodies",
    "army",
    "rebels",
]


@st.composite
def agreements_(draw: st.DrawFn, number: int) -> Agreement:
    clauses = []
    for index, category in enumerate(draw(st.lists(st.sampled_from(CATEGORIES), max_size=5))):
        weapons = None
        if category is Category.WEAPONS and draw(st.booleans()):
            weapons = WeaponsTerm(
                action=draw(st.sampled_from([WeaponAction.HAND_OVER, WeaponAction.RETAIN])),
                classes=draw(st.sets(st.sampled_from(list(WeaponClass)), min_size=1)),
            )
        codes = [
            Code(scheme="pax", variable=name, level=1)
            for name in draw(st.sets(st.sampled_from(["CeProv", "TjPrire", "ImE"])))
        ]
        clauses.append(
            Clause(
                id=f"c{index}", category=category, summary="s", citations=CITE, weapons=weapons, codes=codes
            )
        )
    parties = [
        Party(actor=actor, citations=CITE)
        for actor in draw(st.sets(st.sampled_from(["army", "rebels", "elders"])))
    ]
    thirds = [
        ThirdParty(actor="russia", role=draw(st.sampled_from(list(ThirdPartyRole))), citations=CITE)
        for _ in range(draw(st.integers(0, 1)))
    ]
    return Agreement(
        id=f"a{number}",
        title=" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))),
        date=PartialDate(year=2018, month=1, day=number % 28 + 1),
        status=Status.SIGNED,
        citations=CITE,
        summary=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=8))),
        place=draw(st.sampled_from([None, "daraa", "busra", "homs", "idlib", "syria"])),
        parties=parties,
        third_parties=thirds,
        clauses=clauses,
    )


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    size = draw(st.integers(2, 9))
    return Corpus(
        sources=[Source(id="s", description="d")],
        actors=ACTORS,
        places=PLACES,
        agreements=[draw(agreements_(number)) for number in range(size)],
    )


class TestBuiltIn:
    def test_the_agreement_itself_is_not_among_its_neighbours(self) -> None:
        found = similar(ag.get("busra-al-sham-2018"), ag.corpus(), k=10)
        assert found.agreement == "busra-al-sham-2018"
        assert "busra-al-sham-2018" not in [match.agreement for match in found.matches]
        assert len(found.matches) == len(ag.corpus().agreements) - 1
        scores = [match.score for match in found.matches]
        assert scores == sorted(scores, reverse=True)

    def test_every_score_has_its_parts(self) -> None:
        for match in similar("busra-al-sham-2018", ag.corpus(), k=3).matches:
            assert tuple(match.components) == COMPONENTS
            present = [value for value in match.components.values() if value is not None]
            assert all(0 <= value <= 1 for value in present)
            assert match.score == pytest.approx(sum(present) / len(present), abs=1e-6)

    def test_outputs(self) -> None:
        found = ag.similar(ag.get("busra-al-sham-2018"), ag.corpus(), k=2)
        text = found.to_text().splitlines()
        assert text[0].split() == ["rank", "id", "score", *COMPONENTS, "date", "title"]
        assert text[1].split()[:2] == ["1", "russian-conditions-2018"]
        data = json.loads(found.to_json())
        assert data["agreement"] == "busra-al-sham-2018"
        assert [match["rank"] for match in data["matches"]] == [1, 2]
        assert data["matches"][0]["components"]["codes"] is None  # neither carries a code
        assert found.to_csv().startswith("rank,id,score,categories,")
        assert found.to_markdown().startswith("| rank | id | score |")
        assert "—" in found.to_text()  # a component the two cannot compare

    @pytest.mark.parametrize(
        ("arguments", "error", "message"),
        [
            ({"k": 0}, ag.InvalidArgumentError, "k: expected 1 or more, got 0"),
            ({"k": "3"}, ag.ArgumentTypeError, "k: expected a whole number"),
            ({"k": True}, ag.ArgumentTypeError, "k: expected a whole number"),
            ({"use_numpy": "yes"}, ag.ArgumentTypeError, "use_numpy: expected True, False or None"),
        ],
    )
    def test_bad_arguments(self, arguments: dict[str, object], error: type[Exception], message: str) -> None:
        with pytest.raises(error, match=message):
            similar("busra-al-sham-2018", ag.corpus(), **arguments)  # type: ignore[arg-type]

    def test_an_unknown_agreement_and_a_wrong_corpus(self) -> None:
        with pytest.raises(ag.UnknownAgreementError):
            similar("busra", ag.corpus())
        with pytest.raises(ag.ArgumentTypeError, match="corpus: expected a Corpus"):
            similar("busra-al-sham-2018", [ag.get("busra-al-sham-2018")])  # type: ignore[arg-type]
        with pytest.raises(ag.ArgumentTypeError, match="agreement: expected an Agreement"):
            similar(3, ag.corpus())  # type: ignore[arg-type]

    def test_numpy_asked_for_but_missing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(module, "_HAS_NUMPY", False)
        with pytest.raises(ag.InvalidArgumentError, match="numpy is not installed"):
            similar("busra-al-sham-2018", ag.corpus(), use_numpy=True)
        assert similar("busra-al-sham-2018", ag.corpus()) == similar(
            "busra-al-sham-2018", ag.corpus(), use_numpy=False
        )


class TestComponents:
    def corpus(self, *agreements: Agreement) -> Corpus:
        return Corpus(
            sources=[Source(id="s", description="d")], actors=ACTORS, places=PLACES, agreements=agreements
        )

    def agreement(self, agreement_id: str, **fields: object) -> Agreement:
        base: dict[str, object] = {
            "id": agreement_id,
            "title": agreement_id,
            "date": PartialDate(year=2018),
            "status": Status.SIGNED,
            "citations": CITE,
        }
        return Agreement(**{**base, **fields})  # type: ignore[arg-type]

    def test_nearer_places_score_higher_and_far_ones_near_zero(self) -> None:
        corpus = self.corpus(
            self.agreement("a", place="daraa"),
            self.agreement("b", place="busra"),
            self.agreement("c", place="homs"),
        )
        place = {match.agreement: match.components["place"] for match in similar("a", corpus).matches}
        assert place["b"] == pytest.approx(math.exp(-36.9 / module.NEAR_KM), abs=0.02)  # Daraa-Busra, 37 km
        assert place["c"] is not None
        assert place["c"] < 0.02  # Daraa-Homs, about 250 km

    def test_a_component_neither_has_is_not_comparable(self) -> None:
        corpus = self.corpus(
            self.agreement("a"), self.agreement("b"), self.agreement("c", title="other words")
        )
        match = next(match for match in similar("a", corpus).matches if match.agreement == "b")
        assert match.components["weapons"] is None
        assert match.components["codes"] is None

    def test_a_feature_every_agreement_has_counts_for_nothing(self) -> None:
        siege = [Clause(id="c", category=Category.SIEGE, summary="s", citations=CITE)]
        corpus = self.corpus(
            self.agreement("a", clauses=siege),
            self.agreement("b", clauses=siege),
            self.agreement("c", clauses=siege),
        )
        assert {match.components["categories"] for match in similar("a", corpus).matches} == {None}

    def test_ties_go_to_the_earlier_id(self) -> None:
        corpus = self.corpus(*(self.agreement(name) for name in ("a", "c", "b")))
        assert [match.agreement for match in similar("a", corpus).matches] == ["b", "c"]


class TestPaths:
    @given(corpora())
    def test_numpy_and_the_pure_path_agree_and_nearest_is_similar_for_each(self, corpus: Corpus) -> None:
        first = next(iter(corpus.agreements))
        assert similar(first, corpus, use_numpy=True) == similar(first, corpus, use_numpy=False)
        found = nearest(corpus, k=3, use_numpy=True)
        assert found == nearest(corpus, k=3, use_numpy=False)
        for agreement_id in list(found)[-2:]:
            assert found[agreement_id] == similar(agreement_id, corpus, k=3)

    def test_nearest_in_blocks(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Past one block of agreements, with more candidates than k, both paths still agree."""
        monkeypatch.setattr(module, "_BLOCK", 16)
        agreements = [
            Agreement(
                id=f"a{number:03d}",
                title=" ".join(WORDS[number % 7 : number % 7 + 3]),
                date=PartialDate(year=2018),
                status=Status.SIGNED,
                citations=CITE,
                place=["daraa", "busra", "homs", "idlib"][number % 4],
                clauses=[Clause(id="c", category=CATEGORIES[number % 6], summary="s", citations=CITE)],
            )
            for number in range(60)
        ]
        corpus = Corpus(
            sources=[Source(id="s", description="d")], actors=ACTORS, places=PLACES, agreements=agreements
        )
        assert nearest(corpus, k=3, use_numpy=True) == nearest(corpus, k=3, use_numpy=False)


def test_a_narrow_terminal_gets_one_block_per_match() -> None:
    """The ranked table is wider than 80 columns; narrower, each match is a block with its components below."""
    found = ag.similar(ag.get("busra-al-sham-2018"), ag.corpus(), k=3)
    table = found.to_text()
    assert max(width(line) for line in table.splitlines()) > 80
    assert found.to_text(width=200) == table
    narrow = found.to_text(width=80)
    assert max(width(line) for line in narrow.splitlines()) <= 80
    heads = [line for line in narrow.splitlines() if not line.startswith(" ")]
    assert [head.split()[1] for head in heads] == [match.agreement for match in found.matches]
    assert "categories=" in narrow
    assert "wording=" in narrow
