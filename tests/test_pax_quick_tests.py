"""The PA-X reader's quick tests give the answers of the patterns they stand in for.

The reader tests ASCII text, the usual case, with string methods instead of a
pattern that ignores case (quicker); on any text, the answer must be the
pattern's. The texts are drawn from the pieces that decide the answer: the
words and prefixes the patterns look for, in any case, the marks around them,
and the letters that ignoring case treats specially (the long s, the Kelvin
sign, the dotless i).
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from agreements.pax import _gazetteer, _parties

_SPECIAL = ["\u017f", "\u212a", "\u0131", "\u0130", "\u00e9", "\u2019", "\u02bc", "\u00a0", "\x1c", "\t"]


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    cased = st.sampled_from(words).flatmap(
        lambda word: st.sampled_from([word, word.upper(), word.title(), word + "s", word + "ing"])
    )
    marks = st.sampled_from([" ", "  ", "'", ".", "-", "_", ",", "(", ":", "1", "a", "x", *_SPECIAL])
    return st.lists(st.one_of(cased, marks), max_size=8).map("".join)


_RULE_TEXTS = _texts(
    [*sorted(_parties._RULE_WORDS), *_parties._RULE_PREFIXES, "andrew", "byword", "sideways"]
)


@given(_RULE_TEXTS)
@example("Witnesses")
@example("Mohammad al-Hariri")
@example("Abu \u017figned")  # the long s is an s when case is ignored
@example(".Ahmad")
@example("Ahmad.of-Daraa")  # words end at a full stop or a hyphen, as at a blank
@example("Ahmad'witnessing")
def test_rules_needed_agrees_with_its_pattern(text: str) -> None:
    assert _parties._rules_needed(text) == (_parties._RULES_NEEDED.search(text) is not None)


@given(_texts([*_gazetteer._FORMAL_WORDS, "govern", "stat", "ment"]))
@example("Government of Syria")
@example("Syrian Arab Rep\u0131blic")
@example("\u212aingdom of Jordan")
def test_formal_agrees_with_its_pattern(text: str) -> None:
    assert _gazetteer._formal(text) == (_gazetteer._FORMAL.search(text) is not None)


# The checks that let a pattern of the party cells' rules run only where it may find something: where one says
# no, the pattern finds nothing.
# The words the patterns look for, written out here (not taken from the sets under test).
_AT_ENDS = _texts(
    ["of", "for", "the", "de", "du", "des", "pour", "and", "et", "which", "who", "they are", "as follows",
     "the following", "namely", "comprised", "composed", "made up", "is comprised of"]
)  # fmt: skip
_AT_STARTS = _texts(
    [
        "on behalf of",
        "initialled by",
        "initialed by",
        "approved by",
        "enclosure",
        "between",
        "signed",
        "and",
        "part",
        "of the first part",
    ]
)


@given(_AT_ENDS)
@example("Military Commands of the unit JNA which")
@example("Military Commands of the unit JNA who")
@example("Attorney-General and")
@example("The council is made up")
@example("The council is made up of")
@example("They are as follows :")
@example("Attorney-General,\u0131s and")
@example("x-namely")
@example("comprised of\t:")
def test_a_name_s_end_is_looked_for_where_the_pattern_may_find_it(text: str) -> None:
    if not _parties._may_end_on(text, _parties._BREAKING_WORDS):
        assert _parties._BROKEN_END.search(text) is None
    if not _parties._may_introduce(text):
        assert _parties._INTRODUCES.search(text) is None


@given(_AT_STARTS)
@example("On behalf of: The Republic of the Sudan")
@example("Initialled by: Sec. Rodolfo Garcia")
@example("Approved by: Abdrabbuh Mansur Hadi")
@example("Enclosure: Alija IZETBEGOVIC")
@example("BETWEEN: THE MARAU EAGLE FORCE of the First Part")
@example("Signed G. MERREM")
@example("& SECURITY")
@example("AND SECURITY")
@example("Signed on 31/08/1999")
@example("Signed on 31/08/2019")
@example("6 November 1899")
@example("\u0131nitialed by: Sec. Rodolfo Garcia")
@example("\u017figned: S. K. Shoigu")
@example("AND, representatives")
def test_a_name_s_start_is_looked_for_where_the_pattern_may_find_it(text: str) -> None:
    if text.isascii() and text[:1].lower() not in _parties._MARK_INITIALS:
        assert _parties._SIGNED_MARK.match(text) is None
    if text.isascii() and text[:3].lower() != "and":
        assert _parties._LEADING_AND.match(text) is None
    if text.isascii() and text[-4:].lower() != "part":
        assert _parties._PART_OF.search(text) is None
    assert _parties._starts_with_and(text) == (_parties._AND_GOES_ON.match(text) is not None)
    if "18" not in text and "19" not in text and "20" not in text:  # a date's year
        assert _parties._DATED.match(text) is None
