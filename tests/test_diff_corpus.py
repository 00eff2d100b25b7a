"""agreements.diff on the built-in Daraa corpus: weapons and third parties, from the seeds.

The expected values are read off the source texts (``/work/shared/seeds``),
not off the data files, so these tests check the corpus and the diff
together:

- ``russian-conditions-2018``: "surrendering medium and heavy arsenal"; Russia
  makes the offer ("Russia’s proposed conditions"): a party, not a third party.
- ``busra-al-sham-2018``: "handing over heavy weapons as of Sunday", "start
  handing over medium weapons"; "Russia is the guarantor of this agreement".
- ``daraa-2018-07``: heavy weapons ("the abandonment of their heavy
  weapons"), medium disputed ("hand over their heavy and medium weapons" in
  the other report); "Russian sponsorship and guarantees" (guarantor and
  sponsor); "negotiated by Russia" says no role (a claim, not a role).
- ``daraa-al-balad-demands-2021``: "hand over their remaining weapons", no
  class named; demanded "with the support of Moscow" (sponsor).
- ``daraa-al-balad-2021-08-31``: "hand over their small arms"; "talks
  negotiated by Russia" (mediator).
- ``daraa-al-balad-2021-09-06``: "the delivery of all light and medium
  weapons"; "a Russian-brokered ceasefire agreement" (mediator).
"""

from __future__ import annotations

import itertools

import pytest

import agreements as ag
from agreements import Agreement, ThirdPartyRole, WeaponClass
from agreements.diff import Changed, RoleChange, Unchanged, diff

HEAVY, MEDIUM, LIGHT, SMALL = WeaponClass.HEAVY, WeaponClass.MEDIUM, WeaponClass.LIGHT, WeaponClass.SMALL_ARMS
GUARANTOR, MEDIATOR, SPONSOR = ThirdPartyRole.GUARANTOR, ThirdPartyRole.MEDIATOR, ThirdPartyRole.SPONSOR

CORPUS = ag.corpus()

#: id: (weapon classes handed over, handed over only by a disputed clause, Russia's roles)
SEEDS: dict[str, tuple[frozenset[WeaponClass], frozenset[WeaponClass], tuple[ThirdPartyRole, ...]]] = {
    "russian-conditions-2018": (frozenset({HEAVY, MEDIUM}), frozenset(), ()),
    "busra-al-sham-2018": (frozenset({HEAVY, MEDIUM}), frozenset(), (GUARANTOR,)),
    "daraa-2018-07": (frozenset({HEAVY}), frozenset({MEDIUM}), (GUARANTOR, SPONSOR)),
    "daraa-al-balad-demands-2021": (frozenset(), frozenset(), (SPONSOR,)),
    "daraa-al-balad-2021-08-31": (frozenset({SMALL}), frozenset(), (MEDIATOR,)),
    "daraa-al-balad-2021-09-06": (frozenset({LIGHT, MEDIUM}), frozenset(), (MEDIATOR,)),
}

IDS = list(CORPUS.agreements)
CONSECUTIVE = list(itertools.pairwise(IDS))
ACROSS = [
    ("daraa-2018-07", "daraa-al-balad-2021-09-06"),
    ("busra-al-sham-2018", "daraa-al-balad-2021-09-06"),
    ("daraa-2018-07", "daraa-al-balad-2021-08-31"),
]
EVERY = sorted(set(CONSECUTIVE) | set(ACROSS))


def test_every_agreement_has_expected_values() -> None:
    # A new agreement in the corpus needs its line in SEEDS, read off the sources.
    assert set(IDS) == set(SEEDS)


@pytest.mark.parametrize(("old", "new"), EVERY)
def test_weapons_between_agreements(old: str, new: str) -> None:
    handed, disputed, _ = SEEDS[old]
    handed_after, disputed_after, _ = SEEDS[new]
    weapons = diff(ag.get(old), ag.get(new)).weapons
    assert weapons.added == handed_after - handed
    assert weapons.removed == handed - handed_after
    assert weapons.kept == handed & handed_after
    assert weapons.old_disputed == disputed
    assert weapons.new_disputed == disputed_after


@pytest.mark.parametrize(("old", "new"), EVERY)
def test_guarantors_between_agreements(old: str, new: str) -> None:
    roles, roles_after = SEEDS[old][2], SEEDS[new][2]
    guarantors = diff(ag.get(old), ag.get(new)).guarantors
    russia = [change for change in guarantors.changed if change.actor == "russia"]
    if not roles or not roles_after:  # Russia is a third party on one side only
        assert russia == []
        moved = guarantors.added if roles_after else guarantors.removed
        assert sorted(third.role.value for third in moved if third.actor == "russia") == sorted(
            role.value for role in roles or roles_after
        )
        return
    if roles == roles_after:
        assert russia == []
        assert "russia" in guarantors.kept
    else:
        assert russia == [RoleChange(actor="russia", old=roles, new=roles_after)]
    assert all(third.actor != "russia" for third in (*guarantors.added, *guarantors.removed))


def test_from_2018_to_september_2021() -> None:
    d = diff(ag.get("daraa-2018-07"), ag.get("daraa-al-balad-2021-09-06"))
    assert d.weapons.removed == {HEAVY}
    assert d.weapons.added == {LIGHT, MEDIUM}
    assert d.weapons.kept == frozenset()
    assert d.weapons.disputed == {MEDIUM}
    assert d.guarantors.changed == (RoleChange(actor="russia", old=(GUARANTOR, SPONSOR), new=(MEDIATOR,)),)
    # The 2021 agreement is known from press reports only: what they do not mention is not
    # reported, not dropped.
    assert d.weapons.not_reported == {HEAVY}
    assert d.weapons.dropped == frozenset()
    assert d.parties.dropped == ()
    assert set(d.parties.not_reported) == {"daraa-opposition", "shabab-al-sunna", "daraa-notables"}
    lines = d.summary(corpus=CORPUS)
    assert lines[:2] == [
        "Medium and light weapons held by Daraa armed opposition are now handed over "
        "(before: medium weapons, disputed).",
        "Required before, not reported for the later agreement: "
        "Heavy weapons held by Daraa armed opposition are handed over.",
    ]
    assert not any("no longer" in line.lower() for line in lines)
    assert "Russia goes from guarantor and sponsor to mediator." in lines
    assert "Now required: Government forces deploy nine checkpoints." in lines
    assert any(line.startswith("Status: collapsed (as of 24 June 2021") for line in lines)


def test_busra_to_daraa_2018_medium_weapons_become_disputed() -> None:
    d = diff(ag.get("busra-al-sham-2018"), ag.get("daraa-2018-07"))
    assert d.weapons.removed == {MEDIUM}
    assert d.weapons.kept == {HEAVY}
    assert d.summary(corpus=CORPUS)[:2] == [
        "Heavy weapons held by Daraa armed opposition are now handed over "
        "(before: held by Shabab al-Sunna, as of Sunday).",
        "Medium weapons held by Daraa armed opposition are now handed over "
        "(before: held by Shabab al-Sunna; now disputed).",
    ]
    # Both agreements have a clause "handover-heavy"; the same id pairs them although
    # the two texts name the obliged side differently.
    changes = {change.old.id: change for change in d.clauses if isinstance(change, Changed | Unchanged)}
    heavy = changes["handover-heavy"]
    assert isinstance(heavy, Changed)
    assert heavy.new.id == "handover-heavy"
    assert heavy.score.same_id


def test_the_weapons_clause_of_2018_pairs_with_the_one_of_2021() -> None:
    d = diff(ag.get("daraa-2018-07"), ag.get("daraa-al-balad-2021-09-06"))
    assert ("handover-medium", "handover-light-medium") in d.pairs


@pytest.mark.parametrize(("old", "new"), EVERY)
def test_corpus_diffs_apply_and_invert(old: str, new: str) -> None:
    a: Agreement = ag.get(old)
    b: Agreement = ag.get(new)
    d = diff(a, b)
    assert d.apply(a) == b
    assert d.invert() == diff(b, a)
    assert not d.is_empty
    assert d.summary(corpus=CORPUS)
    assert diff(a, a).is_empty
