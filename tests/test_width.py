"""Terminal text never exceeds its width: ``compare``, ``show``, ``timeline`` and ``list``, at any width from 40.

Widths are display widths (:func:`agreements._text.width`): a wide character
counts two columns, a combining mark none, so that Arabic and CJK names are
measured as a terminal shows them.
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import agreements as ag
from agreements import compare, timeline
from agreements._text import BREAK_MARK, width
from agreements.cli import main
from agreements.model import Corpus
from agreements.render import listing
from agreements.render import terminal as _terminal
from agreements.render.agreement import text as agreement_text
from agreements.testing import strategies

WIDTHS = st.integers(min_value=40, max_value=200)


def too_wide(text: str, limit: int) -> list[str]:
    """The lines of ``text`` wider than ``limit`` display columns."""
    return [line for line in text.splitlines() if width(line) > limit]


def outputs(corpus: Corpus, limit: int) -> dict[str, str]:
    """The text of every width-bound command for ``corpus``, ``limit`` columns wide."""
    found = {
        "compare": compare(corpus).to_text(width=limit),
        "timeline": timeline(corpus).to_text(width=limit),
        "list": listing.agreements(corpus).to_text(width=limit),
        "actors": listing.actors(corpus).to_text(width=limit),
        "places": listing.places(corpus).to_text(width=limit),
    }
    if _terminal.has_rich():
        found["compare-rich"] = _terminal.render_rich(compare(corpus).to_rich(), width=limit)
    for agreement in corpus.agreements.values():
        found[f"show {agreement.id}"] = agreement_text(agreement, corpus, width=limit)
        found[f"cite {agreement.id}"] = listing.cited_text(agreement, corpus, width=limit)
    return found


@settings(max_examples=25, deadline=None)
@given(corpus=strategies.corpora(min_agreements=1), limit=WIDTHS)
def test_no_line_of_any_generated_corpus_exceeds_the_width(corpus: Corpus, limit: int) -> None:
    for name, text in outputs(corpus, limit).items():
        assert not too_wide(text, limit), (name, limit, too_wide(text, limit))


def retitled(title: str) -> Corpus:
    """The built-in corpus with its first agreement retitled."""
    corpus = ag.corpus()
    first, *rest = corpus.agreements.values()
    return attrs.evolve(corpus, agreements=[attrs.evolve(first, title=title), *rest])


WIDE_NAMES = ["اتفاق درعا البلد للتسوية الشاملة", "停火协议监督委员会第一工作组", "x" * 150]


@settings(max_examples=10, deadline=None)
@given(limit=WIDTHS, name=st.sampled_from(WIDE_NAMES))
def test_wide_and_right_to_left_titles_are_measured_as_shown(limit: int, name: str) -> None:
    renamed = retitled(name * 3)
    for label, text in outputs(renamed, limit).items():
        assert not too_wide(text, limit), (label, limit, too_wide(text, limit))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert not err
    return out


@pytest.mark.parametrize("limit", [40, 80, 100])
def test_the_builtin_corpus_fits_on_every_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    for argv in (
        ["compare"],
        ["show", "daraa-2018-07"],
        ["cite", "busra-al-sham-2018"],
        ["timeline"],
        ["list"],
        ["actors"],
        ["places"],
    ):
        # A listing takes its width from the terminal, or COLUMNS in a pipe.
        monkeypatch.setenv("COLUMNS", str(limit))
        text = (
            run(capsys, *argv)
            if argv[0] in {"list", "actors", "places"}
            else run(capsys, *argv, "--width", str(limit))
        )
        assert not too_wide(text, limit), (argv, too_wide(text, limit))


def test_a_table_too_wide_for_its_columns_says_how_it_is_laid_out() -> None:
    wide = compare(ag.corpus()).to_text(width=200)
    assert "do not fit" not in wide
    split = compare(ag.corpus()).to_text(width=80)
    said = " ".join(split.split())
    assert re.search(
        r"The 6 columns do not fit side by side in 80 columns: the table is split into \d parts", said
    )
    stacked = compare(ag.corpus()).to_text(width=40)
    assert "each row lists them one under another" in " ".join(stacked.split())


def test_a_token_too_long_for_its_line_is_cut_with_a_visible_mark() -> None:
    renamed = retitled("x" * 150)
    text = agreement_text(next(iter(renamed.agreements.values())), renamed, width=60)
    assert BREAK_MARK in text.splitlines()[1]
    assert "x" * 100 not in text


def test_show_prints_its_citations(capsys: pytest.CaptureFixture[str]) -> None:
    text = run(capsys, "show", "daraa-2018-07", "--width", "80")
    assert "quotes:" in text
    assert "[1] " in text
