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
    marks = st.sampled_from([" ", "  ", "'", ".", "-", "_", ",", "(", "1", "a", "x", *_SPECIAL])
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
