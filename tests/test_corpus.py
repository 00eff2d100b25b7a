"""The built-in corpus: loading, lookup by id, and resolving names however they are spelled."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import agreements as ag
from agreements.corpus import BUILTIN_HINT, RESOLVE_CUTOFF, builtin_hints, load_corpus, resolve
from agreements.serialize import validate
from agreements.similarity import closest, fold

CORPUS = ag.corpus()
RECORDS: list[ag.Actor | ag.Place] = [*CORPUS.actors.values(), *CORPUS.places.values()]
NAMES = [(record.id, name) for record in RECORDS for name in record.names]
COMBINING = ["\u0301", "\u0300", "\u0308", "\u0323", "\u0304", "\u0331"]


def test_corpus_is_cached_and_ordered_by_date() -> None:
    assert ag.corpus() is CORPUS
    dates = [agreement.date for agreement in CORPUS.agreements.values()]
    assert dates == sorted(dates)
    assert set(CORPUS.agreements) >= {
        "busra-al-sham-2018",
        "russian-conditions-2018",
        "daraa-2018-07",
        "daraa-al-balad-2021-08-31",
        "daraa-al-balad-2021-09-06",
    }


def test_get_and_unknown_ids() -> None:
    assert ag.get("busra-al-sham-2018") is CORPUS.agreements["busra-al-sham-2018"]
    assert CORPUS.get("daraa-2018-07").id == "daraa-2018-07"
    with pytest.raises(ag.UnknownAgreementError) as caught:
        ag.get("busra-2018")
    assert "busra-al-sham-2018" in caught.value.closest
    assert str(caught.value).startswith(
        "no agreement with id 'busra-2018'; did you mean 'busra-al-sham-2018'"
    )
    with pytest.raises(KeyError):
        ag.get("zzzzzzzzzzzzzzzzzzzz")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ahmed Al-Awda", "ahmed-al-awda"),
        ("ahmed al-awdeh", "ahmed-al-awda"),
        ("Awdeh", "ahmed-al-awda"),
        ("Shabab al-Sunna", "shabab-al-sunna"),
        ("Sunni Youth", "shabab-al-sunna"),
        ("Adnan Musalima", "adnan-al-masalma"),
        ("Adnan al Masalma", "adnan-al-masalma"),
        ("Naseeb", "nassib-crossing"),
        ("Nassib", "nassib-crossing"),
        ("Deraa", "daraa"),
    ],
)
def test_spellings_of_the_sources_resolve(name: str, expected: str) -> None:
    assert CORPUS.resolve(name).id == expected


def test_every_alias_is_unambiguous() -> None:
    owners: dict[str, set[str]] = {}
    for record_id, name in NAMES:
        owners.setdefault(fold(name), set()).add(record_id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


@st.composite
def respelled(draw: st.DrawFn) -> tuple[str, str]:
    """An alias with its letters' case flipped at random and diacritics sprinkled on."""
    record_id, name = draw(st.sampled_from(NAMES))
    out = []
    for letter in name:
        char = letter.swapcase() if letter.isalpha() and draw(st.booleans()) else letter
        out.append(char)
        if char.isascii() and char.isalpha() and draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(COMBINING)))
    return record_id, unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), "".join(out))


@given(respelled())
def test_every_alias_resolves_under_case_and_diacritics(case: tuple[str, str]) -> None:
    record_id, name = case
    assert CORPUS.resolve(name).id == record_id


@given(st.text(alphabet="bcdfgjkpqvwxz", min_size=4, max_size=12))
def test_names_far_from_every_alias_raise(name: str) -> None:
    aliases = [fold(alias) for _, alias in NAMES]
    best = closest(fold(name), aliases, limit=1)
    assume(not best or best[0][1] < RESOLVE_CUTOFF)
    with pytest.raises(ag.UnknownActorError) as caught:
        CORPUS.resolve(name)
    assert not caught.value.ambiguous
    assert len(caught.value.candidates) <= 3


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        # Misleading suggestions are none: Putin is no opposition group, Assad not the town of Samad,
        # the Jordanian army not the Syrian one.
        ("Putin", []),
        ("Jordanian army", []),
        ("Lavrov", []),
        # An alias that holds every word of the name, then aliases spelled much like it.
        ("Assad", ["syrian-government", "government-forces"]),
        ("Hmeimim base", ["hmeimim"]),
        ("Central committee", ["central-negotiating-committee", "daraa-local-committee"]),
    ],
)
def test_suggestions_for_a_name_that_resolves_to_nothing(name: str, suggested: list[str]) -> None:
    with pytest.raises(ag.UnknownActorError) as caught:
        CORPUS.resolve(name)
    assert list(caught.value.candidates) == suggested
    assert not caught.value.ambiguous


def test_builtin_hints_in_a_folder_and_not_for_a_conflicting_file(tmp_path: Path) -> None:
    street = ag.Place(
        id="my-street", name="My Street", kind=ag.PlaceKind("district"), parent="daraa-al-balad"
    )
    lane = ag.Place(id="my-lane", name="My Lane", kind=ag.PlaceKind("district"), parent="atlantis")
    ag.dump(ag.Corpus(places=[street]), tmp_path / "a.json")
    ag.dump(ag.Corpus(places=[lane]), tmp_path / "b.json")
    problems = builtin_hints(tmp_path, validate(tmp_path))
    assert sorted(
        (Path(str(problem.file)).name, problem.message.endswith(BUILTIN_HINT)) for problem in problems
    ) == [
        ("a.json", True),
        ("b.json", False),
    ]
    with pytest.raises(ag.InvalidDataError, match="daraa-al-balad'; the built-in corpus has it"):
        load_corpus(tmp_path)
    # A file that redefines a built-in id cannot be read beside it as it is: no hint then.
    russia = ag.Actor(id="russia", name="Russia", kind=ag.ActorKind.STATE)
    ag.dump(ag.Corpus(actors=[russia]), tmp_path / "c.json")
    assert not any(
        problem.message.endswith(BUILTIN_HINT) for problem in builtin_hints(tmp_path, validate(tmp_path))
    )
    # Problems that are not dangling references pass through as they are, unread.
    untouched = (ag.Problem(path="x", message="m"),)
    assert builtin_hints(tmp_path / "nowhere", untouched) == untouched


def test_a_near_miss_resolves_fuzzily() -> None:
    assert CORPUS.resolve("Ahmad al-Awdah").id == "ahmed-al-awda"


def test_ambiguous_and_empty_names() -> None:
    twins = ag.Corpus(
        actors=[
            ag.Actor(id="a", name="Zoubi", aliases=["abcdefgh1"], kind=ag.ActorKind.PERSON),
            ag.Actor(id="b", name="Zubi", aliases=["abcdefgh2"], kind=ag.ActorKind.PERSON),
        ]
    )
    with pytest.raises(ag.UnknownActorError, match="'ZOUBI' is ambiguous: it could be 'a' or 'b'"):
        resolve(twins, "ZOUBI")
    with pytest.raises(ag.UnknownActorError, match="'abcdefgh3' is ambiguous: it could be 'a' or 'b'"):
        resolve(twins, "abcdefgh3")
    with pytest.raises(ag.UnknownActorError, match="no actor or place is called '  '"):
        resolve(twins, "  ")
