"""Properties of the diff's prose and its renderings: prohibitions read as such, lines fit the width.

Both run on generated agreement pairs (:func:`agreements.testing.strategies.edited`).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from agreements import Agreement, Clause, Corpus, Modality
from agreements._text import width
from agreements.diff import AgreementDiff, diff
from agreements.testing import EditedPair
from agreements.testing.strategies import edited

PAIRS = edited(max_clauses=8)

# Where one piece of text ends in a rendering: a line, a table cell, a list item.
_BREAKS = re.compile(r"\n|<br>|<td|<li|\\newline|\\\\")
#: Markdown's cells too (a ``|`` of the data is ``\|``).
_MD_BREAKS = re.compile(r"\n|<br>|(?<!\\)\|")
#: LaTeX's column separator too (an ``&`` of the data is ``\&``, and entities are HTML's and Markdown's).
_TEX_BREAKS = re.compile(r"\n|(?<!\\)&|\\newline|\\\\")


def _acts(agreement: Agreement, modalities: list[Modality], offset: int) -> Agreement:
    """The agreement with each clause's summary a unique plain act ("Act q3q happens.") and the modalities given."""
    clauses = [
        attrs.evolve(clause, summary=f"Act q{offset + n}q happens.", modality=modalities[n % len(modalities)])
        for n, clause in enumerate(agreement.clauses)
    ]
    return attrs.evolve(agreement, clauses=clauses)


def _forbidden(clauses: tuple[Clause, ...]) -> set[str]:
    return {clause.summary.removesuffix(".") for clause in clauses if clause.modality is Modality.MUST_NOT}


def _pieces(d: AgreementDiff) -> dict[str, list[str]]:
    """Each rendering of ``d`` cut into the pieces a reader reads as one: sentences, cells' lines, items."""
    text = d.to_text(width=10_000)
    pieces = {
        "summary": d.summary(),
        "text": text.splitlines(),  # the data's own characters ("|", "<td") are no break in plain text
        "markdown": _BREAKS.split(
            html.unescape(d.to_markdown())
        ),  # entities such as &#126; are one character
        "html": [html.unescape(piece) for piece in _BREAKS.split(d.to_html())],
        "latex": _TEX_BREAKS.split(d.to_latex()),
    }
    document = json.loads(d.to_json())
    pieces["json"] = [
        line for row in document["rows"] for cell in row["cells"] for line in cell["value"].splitlines()
    ]
    pieces["json"] += document["summary"]
    rows = list(csv.reader(io.StringIO(d.to_csv(), newline="")))
    pieces["csv"] = [line for row in rows for field in row for line in field.splitlines()]
    return pieces


@settings(max_examples=40, deadline=None)
@given(PAIRS, st.lists(st.sampled_from(list(Modality)), min_size=1, max_size=3))
def test_a_prohibition_always_reads_as_one(pair: EditedPair, modalities: list[Modality]) -> None:
    before = _acts(pair.before, [Modality.MUST_NOT, *modalities], 0)
    after = _acts(pair.after, [*modalities, Modality.MUST_NOT], 0)
    forbidden = _forbidden(before.clauses) | _forbidden(after.clauses)
    allowed_or_required = {
        clause.summary.removesuffix(".")
        for clause in (*before.clauses, *after.clauses)
        if clause.modality is not Modality.MUST_NOT
    }
    d = diff(before, after)
    for name, pieces in _pieces(d).items():
        for piece in pieces:
            for act in forbidden:
                at = piece.find(act)
                if at < 0 or act in allowed_or_required:
                    continue  # the same words are also an act required or allowed: nothing to tell
                assert "forbidden" in piece[:at].lower(), (name, piece)


@settings(max_examples=40, deadline=None)
@given(PAIRS, st.integers(40, 200))
def test_the_terminal_diff_fits_its_width(pair: EditedPair, columns: int) -> None:
    text = diff(pair.before, pair.after).to_text(width=columns, corpus=Corpus())
    too_wide = [line for line in text.splitlines() if width(line) > columns]
    assert not too_wide, too_wide


def test_the_daraa_diffs_fit_forty_columns() -> None:
    from agreements import get

    for old, new in (("daraa-2018-07", "daraa-al-balad-2021-09-06"), ("busra-al-sham-2018", "daraa-2018-07")):
        text = diff(get(old), get(new)).to_text(width=40)
        assert max(width(line) for line in text.splitlines()) <= 40
