"""Similarity scores and name folding."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agreements import similarity as module
from agreements.similarity import closest, fold, similarity, sorted_tokens, text_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ahmed Al-Awda", "Ahmed al-Awdeh"),
        ("Adnan al Masalma", "Adnan Musalima"),
        ("Nassib", "al-Naseeb"),
        ("Daraa", "Deraa"),
        ("Daraa al Balad", "Daraa Al-Balad"),
        ("Busra al-Sham", "Busra-Sham"),
        ("Zoubi", "Zubi"),
        ("Syria`s", "Syria’s"),
        ("Bashar al-Zoubi", "BASHAR AL ZOUBI"),
        ("Ṣamad", "Samad"),
        ("أحمد العَوْدة", "أحمد العودة"),
    ],
)
def test_spelling_variants_fold_together(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Russia", "Jordan"), ("Daraa", "Busra"), ("Samad", "Hariri")])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_text_key_and_sorted_tokens() -> None:
    assert text_key("Hand over, HEAVY weapons!") == "hand over  heavy weapons"
    assert sorted_tokens("weapons heavy over hand") == "hand heavy over weapons"


def test_similarity_ignores_word_order_and_case() -> None:
    assert similarity("Hand over heavy weapons", "heavy weapons: hand over") == 1.0
    presorted = sorted_tokens("hand over heavy weapons"), sorted_tokens("hand over light weapons")
    assert similarity(*presorted, presorted=True) == similarity(
        "hand over heavy weapons", "hand over light weapons"
    )


def test_subset_of_words_is_not_a_perfect_match() -> None:
    """token_set_ratio would score this 1.0 and hide the widened scope."""
    assert similarity("hand over heavy weapons", "hand over heavy and medium weapons") < 0.9


def test_unrelated_clauses_score_low() -> None:
    """WRatio scores pairs like this up to 0.86; ratio on sorted tokens does not."""
    assert similarity("lift the siege of Daraa al-Balad", "exchange of bodies on Monday") < 0.5


@given(st.text(), st.text())
def test_similarity_is_a_symmetric_score(a: str, b: str) -> None:
    score = similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == similarity(b, a)


@given(st.text())
def test_fold_is_idempotent_on_its_output_words(text: str) -> None:
    assert fold(fold(text)) == fold(fold(fold(text)))


def test_closest_is_ranked_and_deterministic() -> None:
    assert [c for c, _ in closest("heavvy", ["heavy", "medium", "light", "small-arms"], limit=2)] == [
        "heavy",
        "light",
    ]
    assert closest("ab", ["ab", "ab"], limit=2) == [("ab", 1.0), ("ab", 1.0)]
    assert closest("zzz", ["heavy"], cutoff=0.5) == []


def _fold_reference(text: str, *, variants: bool = True) -> str:
    """fold() as first written: every rule applied to the whole text, in order."""
    text = unicodedata.normalize("NFKD", text.translate(module._QUOTES))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = module._ARABIC_MARKS.sub("", text).casefold()
    text = re.sub(r"[\s\-_'.,\"“”()]+", " ", text).strip()
    text = module._ARABIC_ARTICLE.sub("", text)
    text = re.sub(r"^(?:the)\s+", "", text)
    for _, pattern, replacement in module._TRANSLITERATION if variants else ():
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


_NAME_PARTS = st.sampled_from(
    [
        *"aeiouyAEIOU hlstmrn-_'.,()\"/[]&:;\u2019\u02bc\u00e9\u0101\u00a0\t\n",
        *"\u0301\u0323\u064e\u0652\u0640\u0670\u0627\u1e62\u02be",
        "al ",
        "el-",
        "the ",
        "The ",
        "ah",
        "eh",
        "ee",
        "oo",
    ]
)


@given(st.one_of(st.text(max_size=30), st.lists(_NAME_PARTS, max_size=20).map("".join)), st.booleans())
def test_fold_word_by_word_is_fold_on_the_whole_text(text: str, variants: bool) -> None:
    """fold() applies the spelling variants word by word (and caches them): the same keys as the whole-text rules."""
    assert fold(text, variants=variants) == _fold_reference(text, variants=variants)


@given(st.one_of(st.text(max_size=30), st.lists(_NAME_PARTS, max_size=20).map("".join)))
def test_without_marks_drops_what_unicodedata_calls_combining(text: str) -> None:
    """The cached translation table keeps exactly the characters that ``unicodedata.combining`` gives 0."""
    for each in (text, unicodedata.normalize("NFKD", text)):
        assert module.without_marks(each) == "".join(char for char in each if not unicodedata.combining(char))


@given(
    st.text(alphabet="aeiouyAEYhlstmnr019", max_size=12)
    | st.sampled_from(["ahah", "eheh", "aah", "eeh", "oou"])
)
def test_variants_of_a_plain_word_are_the_rules(word: str) -> None:
    """A word of ASCII letters and digits takes string methods instead of the patterns: the same word."""
    expected = word
    for _, pattern, replacement in module._TRANSLITERATION:
        expected = pattern.sub(replacement, expected)
    assert module._variants.__wrapped__(word) == expected


def test_fold_collapses_a_run_of_any_length() -> None:
    """Found by Hypothesis: pairs were collapsed, so '00000' folded to '000', then '00', then '0'."""
    assert fold("00000") == fold("000") == fold("0") == "0"
