"""The renderers: snapshots on the built-in corpus, escaping of hostile text, determinism, extras.

Snapshots live in ``tests/snapshots``. After an intended change (or a change
to the built-in data), regenerate them with::

    AGREEMENTS_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_render.py

and read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agreements as ag
from agreements._text import BREAK_MARK, clean, width, wrap
from agreements.compare import Comparison, compare
from agreements.diff import AgreementDiff, diff
from agreements.exceptions import InvalidArgumentError
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Claim,
    Clause,
    Condition,
    Corpus,
    Dispute,
    Modality,
    PartialDate,
    Party,
    Quantity,
    Source,
    Status,
    ThirdParty,
    ThirdPartyRole,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)
from agreements.render import FORMATS, MissingExtraError, render, terminal
from agreements.render import comparison as comparison_render
from agreements.render import csv as csv_render
from agreements.render import dataframe as dataframe_render
from agreements.render import diff as diff_render
from agreements.render import html as html_render
from agreements.render import json as json_render
from agreements.render import latex as latex_render
from agreements.render import markdown as markdown_render
from agreements.render._table import Line, Table
from agreements.timeline import timeline

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("AGREEMENTS_UPDATE_SNAPSHOTS") == "1"

#: The pair the diff snapshots show: the collapsed 31 August deal and the 6 September one.
DIFF_PAIR = ("daraa-al-balad-2021-08-31", "daraa-al-balad-2021-09-06")


def assert_snapshot(name: str, text: str) -> None:
    """``text`` is byte for byte the snapshot ``name`` (rewritten when AGREEMENTS_UPDATE_SNAPSHOTS=1)."""
    path = SNAPSHOTS / name
    data = text.encode("utf-8")
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"no snapshot {name}: run AGREEMENTS_UPDATE_SNAPSHOTS=1 python -m pytest {__file__}"
    assert path.read_bytes() == data, (
        f"{name} differs from its snapshot; if the change is intended, regenerate with "
        "AGREEMENTS_UPDATE_SNAPSHOTS=1 and review the diff"
    )


# ------------------------------------------------------------- hostile data

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.invalid","click")'
ARABIC = "أحمد العودة"
HOSTILE = [
    SCRIPT,
    FORMULA,
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tleading tab",
    "\rleading return",
    "pipe | and\nnewline\r\nand CR",
    "**bold** _em_ [link](http://x.invalid) `code` $x$ ~~gone~~ <b>raw</b> &amp; #1",
    r"\input{/etc/passwd} & % $ # _ { } ~ ^ [x] \\ ^^M",
    "\x1b[31mred\x1b[0m bell\x07 nul\x00 del\x7f",
    f"{ARABIC} \u202eevil\u202c",
    "quotes \" ' ` and ]]> --> <!--",
]


def hostile_corpus() -> Corpus:
    """A corpus whose every text is an attack on some output format."""
    cite = [Citation(source="src-1", quote=text) for text in HOSTILE]
    clauses = [
        Clause(
            id=f"c{index}",
            category=category,
            summary=text,
            citations=[cite[index]],
            obligors=["awda"],
            modality=Modality.MUST_NOT if index % 3 == 0 else Modality.MUST,
        )
        for index, (text, category) in enumerate(zip(HOSTILE, list(Category), strict=False))
    ]
    clauses.append(
        Clause(
            id="w",
            category=Category.WEAPONS,
            summary=FORMULA,
            citations=cite[:2],
            weapons=WeaponsTerm(classes=[WeaponClass.HEAVY], action=WeaponAction.HAND_OVER, holder="awda"),
        )
    )
    claims = [Claim(summary=SCRIPT, citations=cite[:1]), Claim(summary=FORMULA, citations=cite[1:2])]

    def agreement(agreement_id: str, date: str, count: int) -> Agreement:
        return Agreement(
            id=agreement_id,
            title=f"{SCRIPT} | {FORMULA}",
            date=PartialDate.parse(date),
            status=Status.SIGNED,
            citations=cite[:3],
            parties=[Party(actor="awda", citations=cite[:1]), Party(actor="ghost", citations=cite[2:3])],
            third_parties=[ThirdParty(actor="awda", role=ThirdPartyRole.GUARANTOR, citations=cite[3:4])],
            clauses=clauses[:count],
            disputes=[Dispute(id="d", topic=SCRIPT, claims=claims, clauses=["w"])],
        )

    return Corpus(
        actors=[Actor(id="awda", name=f"{ARABIC} {SCRIPT}", kind=ActorKind.PERSON)],
        sources=[Source(id="src-1", document=f"{SCRIPT}.txt", description=FORMULA)],
        agreements=[
            agreement("first", "2018-07", len(clauses)),
            agreement("second", "2021-09", 4),
        ],
    )


def hostile_comparison() -> Comparison:
    return compare(hostile_corpus())


def hostile_diff() -> AgreementDiff:
    corpus = hostile_corpus()
    return diff(corpus.agreements["first"], corpus.agreements["second"])


def table_of(obj: Comparison | AgreementDiff, corpus: Corpus | None = None) -> Table:
    """The neutral table every format draws for ``obj``; a diff names actors and sources from ``corpus``.

    ``corpus`` defaults to the built-in corpus, as the ``to_<format>`` methods of a diff do.
    """
    if isinstance(obj, Comparison):
        return comparison_render.table(obj)
    return diff_render.table(obj, ag.corpus() if corpus is None else corpus)


def hostile_tables() -> list[Table]:
    """The hostile comparison and diff as tables, the diff's names and sources from the hostile corpus."""
    return [table_of(hostile_comparison()), table_of(hostile_diff(), hostile_corpus())]


# -------------------------------------------------------------- snapshots


def builtin_comparison() -> Comparison:
    return compare(ag.corpus())


def builtin_diff() -> AgreementDiff:
    return diff(ag.get(DIFF_PAIR[0]), ag.get(DIFF_PAIR[1]))


RENDERERS: dict[str, Callable[[Comparison | AgreementDiff], str]] = {
    "md": lambda obj: obj.to_markdown(),
    "html": lambda obj: obj.to_html(),
    "csv": lambda obj: obj.to_csv(),
    "json": lambda obj: obj.to_json(),
    "tex": lambda obj: obj.to_latex(),
    "100.txt": lambda obj: obj.to_text(width=100),
    "120.txt": lambda obj: obj.to_text(width=120),
}


@pytest.mark.parametrize("suffix", sorted(RENDERERS))
def test_comparison_snapshot(suffix: str) -> None:
    assert_snapshot(f"comparison.{suffix}", RENDERERS[suffix](builtin_comparison()))


@pytest.mark.parametrize("suffix", sorted(RENDERERS))
def test_diff_snapshot(suffix: str) -> None:
    assert_snapshot(f"diff.{suffix}", RENDERERS[suffix](builtin_diff()))


def test_rich_snapshot() -> None:
    pytest.importorskip("rich")
    assert_snapshot(
        "comparison.rich-120.ansi",
        terminal.render_rich(builtin_comparison().to_rich(), width=120, color=True),
    )
    assert_snapshot(
        "diff.rich-100.ansi", terminal.render_rich(builtin_diff().to_rich(), width=100, color=True)
    )


def test_dataframe_snapshot() -> None:
    pytest.importorskip("pandas")
    assert_snapshot("comparison.dataframe.csv", builtin_comparison().to_dataframe().to_csv())
    assert_snapshot("diff.dataframe.csv", builtin_diff().to_dataframe().to_csv())


def test_methods_are_the_renderers() -> None:
    comparison, changes = builtin_comparison(), builtin_diff()
    line = timeline(Corpus(agreements=comparison.agreements), changes=False)
    figure = html_render.figure(line)
    assert figure
    cases: list[tuple[Comparison | AgreementDiff, dict[str, Any]]] = [
        (comparison, {"figure": figure}),
        (changes, {}),
    ]
    for obj, figures in cases:
        table = table_of(obj)
        assert obj.to_markdown() == markdown_render.render_table(table)
        assert obj.to_html() == html_render.render_table(table, **figures)
        assert obj.to_html(title="T") == html_render.render_table(table, title="T", **figures)
        assert obj.to_csv() == csv_render.render_table(table)
        assert obj.to_json() == json_render.render_table(table)
        assert obj.to_json() == json.dumps(json_render.to_data(table), ensure_ascii=False, indent=2) + "\n"
        assert obj.to_latex() == latex_render.render_table(table)
        assert obj.to_text(width=90) == terminal.render_table_plain(table, width=90)
        assert obj.to_text() == terminal.render_table_plain(table, width=100)
    assert str(comparison) == comparison.to_text()


def test_render_is_the_method_of_the_format() -> None:
    for obj in (builtin_comparison(), builtin_diff()):
        for fmt in FORMATS:
            if fmt in {"rich", "dataframe", "svg"}:  # not text; checked below
                continue
            assert render(obj, fmt) == render(obj, fmt) == getattr(obj, f"to_{fmt}")()
        assert render(obj, "text", width=70) == obj.to_text(width=70)
        assert render(obj, "html", title="T") == obj.to_html(title="T")
        with pytest.raises(InvalidArgumentError, match="cannot be rendered as 'svg'"):
            render(obj, "svg")
        if terminal.has_rich():
            shown = terminal.render_rich(render(obj, "rich"), width=100)
            assert shown == terminal.render_rich(obj.to_rich(), width=100)
    changes, other = builtin_diff(), hostile_corpus()
    assert render(changes, "markdown", corpus=other) == changes.to_markdown(corpus=other)
    assert changes.to_markdown(corpus=ag.corpus()) == changes.to_markdown()


# ---------------------------------------------------------------- escaping


class _Tags(HTMLParser):
    """The tags and attribute names of a page, those inside its SVG pictures apart; every id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.svg_tags: set[str] = set()
        self.svg_attributes: set[str] = set()
        self.ids: list[str] = []
        self.text: list[str] = []
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._svg_depth += tag == "svg"
        inside = self._svg_depth > 0
        (self.svg_tags if inside else self.tags).add(tag)
        (self.svg_attributes if inside else self.attributes).update(name for name, _ in attrs)
        self.ids += [value or "" for name, value in attrs if name == "id"]

    def handle_endtag(self, tag: str) -> None:
        self._svg_depth -= tag == "svg"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p", "ul", "ol", "li", "b", "bdi",
    "span", "div", "table", "thead", "tbody", "tr", "th", "td", "sup", "a", "q", "cite", "figure",
    "figcaption", "svg",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "lang", "charset", "http-equiv", "content", "name", "class", "id", "dir", "scope", "title", "data-label",
    "href", "rel", "aria-label", "aria-describedby",
}  # fmt: skip
# The timeline figure's pictures: shapes and text, no links, no scripts, no foreign objects.
SVG_TAGS = {"svg", "title", "desc", "rect", "g", "line", "circle", "path", "text", "tspan"}
SVG_ATTRIBUTES = {
    "xmlns", "viewbox", "role", "aria-labelledby", "font-family", "font-size", "font-weight", "direction",
    "id", "class", "data-id", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "d",
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-linejoin", "paint-order", "text-anchor",
}  # fmt: skip
# The one bidi control sequence a page may hold: a right-to-left label of the
# timeline, embedded and closed again (RLE ... PDF LRM) inside its SVG text.
EMBEDDED = re.compile("\u202b[^\u202a-\u202e\u2066-\u2069<>]*\u202c\u200e")
PICTURE = re.compile(r"<svg .*?</svg>", re.DOTALL)


def check_html(page: str) -> None:
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= ALLOWED_TAGS, parser.tags - ALLOWED_TAGS
    assert parser.attributes <= ALLOWED_ATTRIBUTES, parser.attributes - ALLOWED_ATTRIBUTES
    assert parser.svg_tags <= SVG_TAGS, parser.svg_tags - SVG_TAGS
    assert parser.svg_attributes <= SVG_ATTRIBUTES, parser.svg_attributes - SVG_ATTRIBUTES
    assert len(parser.ids) == len(set(parser.ids)), "every id is unique in the page"
    assert "<script" not in page.lower()
    assert page.count("<style>") == 1
    assert "src=" not in page, "nothing is loaded from outside"
    # The only links out are the sources' addresses (http or https, as the model allows), without a referrer.
    assert not re.search(r'href="(?!#note-|https?://)', page)
    assert page.count('href="http') == page.count('rel="noreferrer">http')
    outside = PICTURE.sub("", page)
    inside = EMBEDDED.sub("", "".join(PICTURE.findall(page)))
    for text in (outside, inside):
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]", text)


def test_html_escapes_everything() -> None:
    pages = [
        hostile_comparison().to_html(title=SCRIPT),
        hostile_diff().to_html(title=SCRIPT, corpus=hostile_corpus()),
        *(html_render.render_table(table, title=SCRIPT) for table in hostile_tables()),
    ]
    for page in pages:
        check_html(page)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "\ufffdevil\ufffd" in page


def test_html_isolates_right_to_left_names() -> None:
    page = hostile_comparison().to_html()
    assert f'<span class="item" dir="auto">{ARABIC} &lt;script&gt;' in page


# ------------------------------------------------------------ the timeline figure


def figure_of(page: str) -> str:
    found = re.search(r'<figure class="timeline">.*?</figure>', page, re.DOTALL)
    assert found is not None, "the page has no timeline figure"
    return found.group(0)


def drawn_ids(picture: str, kind: str) -> list[str]:
    return re.findall(rf'<g class="{kind}" data-id="([^"]*)">', picture)


def test_the_comparison_page_embeds_the_timeline_of_its_agreements() -> None:
    table = builtin_comparison()
    page = table.to_html()
    figure = figure_of(page)
    line = timeline(ag.corpus(), changes=False)
    wide = line.to_svg(title="", width=960, id_prefix="timeline-wide")
    narrow = line.to_svg(title="", width=480, id_prefix="timeline-narrow")
    assert f'<div class="wide">\n{wide}</div>' in figure
    assert f'<div class="narrow">\n{narrow}</div>' in figure
    assert page.index("</table>") < page.index('<h2 id="timeline">Timeline</h2>') < page.index(figure)
    assert page.index(figure) < page.index("<h2>Quotes</h2>")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", figure)
    assert caption is not None
    assert caption.group(1).startswith(
        f"The {len(table.agreements)} compared agreements and {len(line.events)} events the sources record"
        " around them, 2018\u20132021. Circles are agreements, coloured by status; diamonds are events."
    )


def test_the_figure_shows_exactly_the_compared_agreements_in_column_order() -> None:
    pair = [ag.get(DIFF_PAIR[1]), ag.get(DIFF_PAIR[0])]
    table = compare(pair, aspects=["status"])
    picture = PICTURE.findall(figure_of(table.to_html()))[0]
    assert drawn_ids(picture, "agreement") == [agreement.id for agreement in table.agreements]
    expected_events = [entry.event for entry in timeline(pair, changes=False).events]
    assert drawn_ids(picture, "event") == expected_events
    assert {event.id for agreement in pair for event in agreement.events} == set(expected_events)
    # Of one date, agreements are drawn in the order of the columns (by ``follows``), not by id.
    corpus = ag.corpus()
    same_month = [a for a in corpus.agreements.values() if str(a.date) == "2018-07~"]
    assert len(same_month) > 1
    columns = [agreement.id for agreement in compare(same_month[::-1], aspects=["date"]).agreements]
    page = compare(same_month[::-1], aspects=["date"]).to_html()
    assert drawn_ids(PICTURE.findall(page)[0], "agreement") == columns


def test_a_figure_of_one_agreement_without_events() -> None:
    cite = [Citation(source="s", quote="q")]
    lone = Agreement(
        id="lone", title="Lone", date=PartialDate.parse("2021-03"), status=Status.SIGNED, citations=cite
    )
    page = compare([lone], aspects=["status"]).to_html()
    check_html(page)
    assert "<figcaption>The compared agreement, 2021. Circles are agreements, coloured by status. " in page
    assert "diamonds" not in page


def test_no_figure_without_agreements_or_in_a_diff() -> None:
    for page in (compare(Corpus()).to_html(), builtin_diff().to_html()):
        check_html(page)
        assert "<figure" not in page
        assert "<svg" not in page
        assert "Timeline" not in page


def test_the_figure_escapes_and_embeds_right_to_left_titles() -> None:
    page = hostile_comparison().to_html()
    figure = figure_of(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in figure
    assert "<script" not in figure
    cite = [Citation(source="s", quote="q")]
    arabic = Agreement(
        id="ar", title=f"{ARABIC} \u202eevil\u202c", date=PartialDate(year=2021), status=Status.SIGNED,
        citations=cite,
    )  # fmt: skip
    page = compare([arabic], aspects=["status"]).to_html()
    check_html(page)
    assert f"\u202b{ARABIC} \ufffdevil\ufffd\u202c\u200e" in figure_of(page)


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_escapes_everything() -> None:
    for table, columns in zip(hostile_tables(), (3, 4), strict=True):
        text = markdown_render.render_table(table)
        assert "<script" not in text
        assert "<b>" not in text
        rows = table_rows(text)
        assert rows
        assert {unescaped_pipes(row) for row in rows} == {columns + 1}
        assert len(rows) == len(table.rows) + 2
        assert "[link]" not in text
        assert "\\[link\\]" in text
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("- a", r"\- a"), ("# h", r"\# h"), ("1. x", r"1\. x"), ("12) y", r"12\) y"), ("2018-07", "2018-07")],
)
def test_markdown_escapes_what_would_start_a_block(text: str, escaped: str) -> None:
    assert markdown_render.escape(text) == escaped


def read_csv(text: str) -> list[list[str]]:
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_neutralises_formulas_and_keeps_the_grid() -> None:
    for table in hostile_tables():
        text = csv_render.render_table(table)
        rows = read_csv(text)
        assert len({len(row) for row in rows}) == 1
        for row in rows:
            for field in row:
                assert not field.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), field
        assert any(field.startswith("'" + FORMULA) for row in rows for field in row)


def test_csv_of_a_comparison_holds_the_values() -> None:
    table = hostile_comparison()
    rows = read_csv(table.to_csv())
    assert rows[0] == ["Aspect", "first", "second"]
    # Each row, and after a row with disputed items, a row of its own for them.
    labels = [row.aspect.label for row in table.rows]
    assert [row[0] for row in rows[1:] if not row[0].endswith(" (disputed)")] == labels
    assert [row[0] for row in rows[1:] if row[0].endswith(" (disputed)")] == [
        "Weapons handed over (disputed)"
    ]


def test_latex_escapes_everything() -> None:
    for table in hostile_tables():
        text = latex_render.render_table(table)
        assert "\\input" not in text
        plain = text.split("\n", 1)[1].replace("\\textasciitilde{}", "").replace("$-$", "")
        assert not re.search(r"(?<!\\)[%#$_^~]", plain)
        body = text[text.index("\\endlastfoot") : text.index("\\end{longtable}")]
        columns = len(table.columns)
        for line in body.splitlines()[1:]:
            assert len(re.findall(r"(?<!\\)&", line)) == columns
        assert text.count("{") - text.count("\\{") == text.count("}") - text.count("\\}")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)


def test_terminal_output_has_no_control_characters() -> None:
    for table in hostile_tables():
        for text in (
            terminal.render_table_plain(table, width=80),
            terminal.render_table_plain(table, width=41),
        ):
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
            assert SCRIPT in text  # shown, not run: a terminal does not read HTML


def unbox(text: str) -> str:
    """Rich output with its box-drawing rules as the plain text's dashes."""
    return text.replace("─", "-").replace("═", "=")


def test_rich_output_has_no_markup_or_control_characters() -> None:
    pytest.importorskip("rich")
    hostile = compare([hostile_corpus().agreements["first"]], corpus=hostile_corpus())
    text = terminal.render_rich(hostile.to_rich(), width=90)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert unbox(text) == hostile.to_text(width=90)
    coloured = terminal.render_rich(hostile.to_rich(), width=90, color=True)
    assert coloured.count("\x1b[") > 10


TABLE_SCHEMA = {
    "type": "object",
    "required": ["format", "kind", "title", "summary", "columns", "rows", "sources"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": json_render.FORMAT},
        "kind": {"enum": ["comparison", "diff"]},
        "title": {"type": "string"},
        "summary": {"type": "array", "items": {"type": "string"}},
        "columns": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "label", "title"],
                "properties": {
                    "id": {"type": "string"},
                    "label": {"type": "string"},
                    "title": {"type": "string"},
                },
            },
        },
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "label", "change", "cells"],
                "properties": {
                    "id": {"type": "string"},
                    "label": {"type": "string"},
                    "change": {"enum": ["", "obligations", "added", "removed", "changed", "unchanged"]},
                    "cells": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": [
                                "column",
                                "value",
                                "changed",
                                "disputed",
                                "note",
                                "gone",
                                "items",
                                "citations",
                            ],
                            "properties": {
                                "column": {"type": "string"},
                                "value": {"type": "string"},
                                "changed": {"type": "boolean"},
                                "disputed": {"type": "boolean"},
                                "note": {"type": "string"},
                                "gone": {"type": "integer", "minimum": 0},
                                "items": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "required": ["text", "changed", "disputed"],
                                        "properties": {
                                            "text": {"type": "string"},
                                            "changed": {"type": "boolean"},
                                            "disputed": {"type": "boolean"},
                                        },
                                    },
                                },
                                "citations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "required": ["source", "quote"],
                                        "properties": {
                                            "source": {"type": "string"},
                                            "quote": {"type": "string"},
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        "sources": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "document", "description", "date"],
                "properties": {
                    "id": {"type": "string"},
                    "document": {"type": "string"},
                    "description": {"type": "string"},
                    "date": {"type": ["string", "null"]},
                },
            },
        },
    },
}


def test_json_has_the_documented_shape_and_loses_nothing() -> None:
    cases: list[tuple[Comparison | AgreementDiff, Corpus]] = [
        (builtin_comparison(), ag.corpus()),
        (builtin_diff(), ag.corpus()),
        (hostile_comparison(), hostile_corpus()),
        (hostile_diff(), hostile_corpus()),
    ]
    for obj, corpus in cases:
        text = obj.to_json() if isinstance(obj, Comparison) else obj.to_json(corpus=corpus)
        data = json.loads(text)
        jsonschema.validate(data, TABLE_SCHEMA)
        table = table_of(obj, corpus)
        assert data == json_render.to_data(table)
        assert [cell["value"] for row in data["rows"] for cell in row["cells"]] == [
            cell.value for row in table.rows for cell in row.cells
        ]
        assert [
            [item["text"] for item in cell["items"]] for row in data["rows"] for cell in row["cells"]
        ] == [[item.text for item in cell.shown] for row in table.rows for cell in row.cells]
        assert [c["quote"] for row in data["rows"] for cell in row["cells"] for c in cell["citations"]] == [
            c.quote for row in table.rows for cell in row.cells for c in cell.citations
        ]


# ------------------------------------------------------------- properties

texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40).filter(str.strip)


@st.composite
def text_corpora(draw: st.DrawFn) -> Corpus:
    """Small corpora whose every text is arbitrary: the renderers' worst case."""
    quote = st.builds(Citation, source=st.sampled_from(["s", "t"]), quote=texts)
    agreements = []
    for number in range(draw(st.integers(min_value=0, max_value=3))):
        clauses = [
            Clause(
                id=f"c{index}",
                category=draw(st.sampled_from(Category)),
                summary=draw(texts),
                citations=draw(st.lists(quote, min_size=1, max_size=2)),
                modality=draw(st.sampled_from(Modality)),
            )
            for index in range(draw(st.integers(min_value=0, max_value=4)))
        ]
        agreements.append(
            Agreement(
                id=f"a{number}",
                title=draw(texts),
                date=PartialDate(year=draw(st.integers(min_value=2000, max_value=2030))),
                status=draw(st.sampled_from(Status)),
                citations=[draw(quote)],
                parties=[Party(actor="x", citations=[draw(quote)])],
                clauses=clauses,
            )
        )
    return Corpus(
        actors=[Actor(id="x", name=draw(texts), kind=ActorKind.PERSON)],
        sources=[Source(id="s", document=draw(texts), description=draw(texts))],
        agreements=agreements,
    )


#: The formats whose rendering is text (rich gives a renderable, dataframe a DataFrame; svg is a timeline's).
TEXT_FORMATS = [fmt for fmt in FORMATS if fmt not in {"rich", "dataframe", "svg"}]


def all_renderings(obj: Comparison | AgreementDiff, corpus: Corpus) -> dict[str, str]:
    # A comparison names its actors from the corpus it was computed with; a diff when rendered.
    options: dict[str, object] = {} if isinstance(obj, Comparison) else {"corpus": corpus}
    found: dict[str, str] = {fmt: render(obj, fmt, **options) for fmt in TEXT_FORMATS}
    found["narrow"] = render(obj, "text", width=20, **options)
    return found


def check_all(obj: Comparison | AgreementDiff, corpus: Corpus) -> None:
    first = all_renderings(obj, corpus)
    assert first == all_renderings(obj, corpus)
    check_html(first["html"])
    rows = read_csv(first["csv"])
    assert not any(field.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for field in row)
    assert len(table_rows(first["markdown"])) == len(table_of(obj, corpus).rows) + 2
    json.loads(first["json"])
    for fmt in ("text", "narrow", "markdown", "latex"):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", first[fmt]), fmt


@given(text_corpora())
def test_comparisons_of_any_text_render_safely_and_deterministically(corpus: Corpus) -> None:
    check_all(compare(corpus), corpus)


@given(text_corpora())
def test_diffs_of_any_text_render_safely_and_deterministically(corpus: Corpus) -> None:
    agreements = list(corpus.agreements.values())
    if len(agreements) >= 2:
        check_all(diff(agreements[0], agreements[1]), corpus)


def test_renderers_over_generated_corpora() -> None:
    strategies = pytest.importorskip("agreements.testing.strategies")

    # The kit's corpora are costly to draw (most of a second each here), so this
    # property runs fewer examples; the properties above cover escaping in full.
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategies.corpora())
    def check(corpus: Corpus) -> None:
        check_all(compare(corpus), corpus)
        agreements = list(corpus.agreements.values())
        if len(agreements) >= 2:
            check_all(diff(agreements[0], agreements[-1]), corpus)

    check()


# --------------------------------------------------------------- details


def test_an_empty_comparison_renders() -> None:
    empty = compare(Corpus())
    for fmt in TEXT_FORMATS:
        assert render(empty, fmt)
    assert "Comparison of 0 agreements" in empty.to_text()
    if terminal.has_rich():
        assert "Comparison of 0 agreements" in terminal.render_rich(empty.to_rich())


def test_a_diff_of_an_agreement_with_itself_says_so() -> None:
    same = diff(ag.get(DIFF_PAIR[0]), ag.get(DIFF_PAIR[0]))
    text = same.to_text()
    assert "Nothing changed." in text
    assert f"{DIFF_PAIR[0]} (old)" in text
    assert "unchanged" in same.to_csv()


def clause_rows(table: Table) -> list[Line]:
    """The rows of a diff table's clause section (after the obligations by actor)."""
    return [row for row in table.rows if row.section == diff_render.SECTIONS[1]]


def test_a_diff_shows_every_changed_field_under_the_summary() -> None:
    cite = [Citation(source="s", quote="q")]
    term = WeaponsTerm(
        classes=[WeaponClass.HEAVY], action=WeaponAction.HAND_OVER, holder="x", schedule="Sunday"
    )
    bare_term = WeaponsTerm(classes=[WeaponClass.LIGHT], action=WeaponAction.RETAIN)

    def deal(agreement_id: str, category: Category, **kw: object) -> Agreement:
        clause = Clause(id="c", category=category, summary="Hand over.", citations=cite, **kw)  # type: ignore[arg-type]
        return Agreement(
            id=agreement_id, title="T", date=PartialDate(year=2020), status=Status.SIGNED, citations=cite,
            clauses=[clause],
        )  # fmt: skip

    old = deal(
        "old",
        Category.WEAPONS,
        obligors=["x"],
        weapons=term,
        quantity=Quantity(value=2, unit="checkpoints"),
        places=["a"],
        modality=Modality.MUST_NOT,
    )
    new = deal("new", Category.OTHER, timing="soon", action="give", weapons=bare_term)
    table = diff_render.table(
        diff(old, new, pairs=[("c", "c")]), Corpus(actors=[Actor(id="x", name="Ex", kind=ActorKind.PERSON)])
    )
    row = clause_rows(table)[0]
    assert row.change == "changed"
    before, after = (cell.value.splitlines() for cell in row.cells)
    # The clause's text with its modality, whom it binds and how, then each changed field in words.
    assert before == [
        "Forbidden: Hand over.",
        "Ex: forbidden",
        "category: weapons",
        "action: none",
        "weapons: Heavy weapons held by Ex are handed over, Sunday",
        "quantity: two checkpoints",
        "timing: none",
        "places: a",
    ]
    assert after == [
        "Hand over.",
        "no one named: required",
        "category: other",
        "action: give",
        "weapons: Light weapons are kept",
        "quantity: none",
        "timing: “soon”",
        "places: none",
    ]


def test_a_diff_shows_weapons_and_conditions_coming_and_going() -> None:
    cite = [Citation(source="s", quote="q")]
    term = WeaponsTerm(classes=[WeaponClass.LIGHT], action=WeaponAction.RETAIN)

    def deal(**kw: object) -> Agreement:
        clause = Clause(id="c", category=Category.WEAPONS, summary="Keep.", citations=cite, **kw)  # type: ignore[arg-type]
        return Agreement(
            id="a",
            title="T",
            date=PartialDate(year=2020),
            status=Status.SIGNED,
            citations=cite,
            clauses=[clause],
        )

    old = deal(weapons=term, condition=Condition(summary="Once the road opens."))
    table = diff_render.table(diff(old, deal(), pairs=[("c", "c")]), Corpus())
    before, after = (cell.value.splitlines()[2:] for cell in clause_rows(table)[0].cells)
    assert before == ["weapons: Light weapons are kept", "condition: Once the road opens"]
    assert after == ["weapons: none", "condition: none"]


def test_a_renumbered_or_moved_clause_says_so() -> None:
    cite = [Citation(source="s", quote="q")]

    def deal(*clauses: tuple[str, str]) -> Agreement:
        return Agreement(
            id="a", title="T", date=PartialDate(year=2020), status=Status.SIGNED, citations=cite,
            clauses=[Clause(id=i, category=Category.SIEGE, summary=s, citations=cite) for i, s in clauses],
        )  # fmt: skip

    old = deal(("lift", "Lift the siege."), ("road", "Open the road."), ("aid", "Let aid in."))
    new = deal(("road", "Open the road."), ("aid", "Let aid in."), ("lifted", "Lift the siege."))
    labels = [row.label for row in diff_render.table(diff(old, new), Corpus()).rows]
    assert "lift → lifted (siege; moved)" in labels


def test_not_in_a_diff_marks_a_must_not_clause() -> None:
    cite = [Citation(source="s", quote="q")]
    clause = Clause(
        id="c", category=Category.SIEGE, summary="Enter.", citations=cite, modality=Modality.MUST_NOT
    )
    a = Agreement(id="a", title="T", date=PartialDate(year=2020), status=Status.SIGNED, citations=cite)
    table = diff_render.table(diff(a, attrs.evolve(a, clauses=[clause])), Corpus())
    assert clause_rows(table)[0].cells[1].value.splitlines() == [
        "Forbidden: Enter.",
        "no one named: forbidden",
    ]


def test_render_refuses_what_it_does_not_know() -> None:
    with pytest.raises(InvalidArgumentError, match="'docx' is not a format") as caught:
        render(builtin_comparison(), "docx")
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, ag.AgreementsError)
    with pytest.raises(ag.AgreementsError, match="a str cannot be rendered as 'markdown'"):
        render("a table", "markdown")


def test_clean_and_width() -> None:
    assert clean("a\r\nb\rc\td\x00") == "a\nb\nc d\ufffd"
    assert width("ab") == 2
    assert width("日本") == 4
    assert width("e\u0301") == 1
    assert wrap("", 10) == [""]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        # A word too long for any line is cut, and the cut is marked.
        ("abcdefghij", 4, [f"abc{BREAK_MARK}", f"def{BREAK_MARK}", "ghij"]),
        # Preferably after a hyphen, which needs no mark.
        ("daraa-al-balad-2021-08-31", 10, ["daraa-al-", "balad-", "2021-08-31"]),
        # Wide characters count two columns, the mark one.
        ("日本語の文字", 5, [f"日本{BREAK_MARK}", f"語の{BREAK_MARK}", "文字"]),
        ("open the road", 8, ["open the", "road"]),
    ],
)
def test_wrap_cuts_what_does_not_fit_and_marks_the_cut(text: str, limit: int, expected: list[str]) -> None:
    found = wrap(text, limit)
    assert found == expected
    assert all(width(line) <= limit for line in found)
    assert "".join(line.removesuffix(BREAK_MARK) for line in found).replace(" ", "") == text.replace(" ", "")


def test_wrap_cuts_a_huge_token_into_lines() -> None:
    # Linear in the text: a token of 200,000 characters wraps at once.
    token = "x" * 200_000
    found = wrap(f"a {token} b", 40)
    assert found[0] == "a"
    assert found[-1].endswith(" b")
    assert all(width(line) <= 40 for line in found)
    assert all(line.endswith(BREAK_MARK) for line in found[1:-1])
    assert "".join(line.removesuffix(BREAK_MARK) for line in found[1:]) == token + " b"


def test_html_title_defaults_to_the_table_title() -> None:
    page = builtin_comparison().to_html()
    assert re.search(r"<title>Comparison of \d+ agreements</title>", page)
    assert "<title>Mine</title>" in builtin_comparison().to_html(title="Mine")


# ----------------------------------------------------------------- extras


def test_dataframe_of_a_comparison() -> None:
    pytest.importorskip("pandas")
    table = builtin_comparison()
    frame = table.to_dataframe()
    assert list(frame.columns) == [a.id for a in table.agreements]
    # Each aspect, and after one with disputed items, a row of its own for them.
    assert [index for index in frame.index if not index.endswith(":disputed")] == [
        row.aspect.id for row in table.rows
    ]
    assert [index for index in frame.index if index.endswith(":disputed")] == ["weapons-handover:disputed"]
    assert frame.index.name == "aspect"
    assert frame.loc["status"].tolist() == [cell.value for cell in table.row("status").cells]


def test_dataframe_of_a_diff() -> None:
    pytest.importorskip("pandas")
    frame = builtin_diff().to_dataframe()
    assert frame.equals(dataframe_render.render_table(table_of(builtin_diff())))
    assert list(frame.columns) == ["change", "old", "new"]
    assert frame.index.name == "clause"


def hide(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    for name in list(sys.modules):
        if name == module or name.startswith(module + "."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)


def test_a_missing_pandas_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    hide(monkeypatch, "pandas")
    with pytest.raises(MissingExtraError, match=r"pip install 'agreements\[pandas\]'") as caught:
        builtin_comparison().to_dataframe()
    assert "from a source checkout: pip install -e '.[pandas]'" in str(caught.value)
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, ag.AgreementsError)


def test_a_missing_rich_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    hide(monkeypatch, "rich")
    assert not terminal.has_rich()
    with pytest.raises(MissingExtraError, match=r"pip install 'agreements\[rich\]'"):
        builtin_comparison().to_rich()
    assert builtin_comparison().to_text()  # the plain fallback needs nothing


def test_rich_renders_a_comparison() -> None:
    rich_console = pytest.importorskip("rich.console")
    out = io.StringIO()
    rich_console.Console(file=out, width=100, color_system=None).print(builtin_comparison())
    assert unbox(out.getvalue()) == builtin_comparison().to_text(width=100)


def imported_after(statement: str) -> list[str]:
    code = f"import sys; {statement}; print(sorted({{m.split('.')[0] for m in sys.modules}}))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: list[str] = json.loads(found.stdout.replace("'", '"'))
    return result


@pytest.mark.parametrize(
    "statement",
    [
        "import agreements",
        "import agreements.compare, agreements.render, agreements.cli",
        "from agreements.compare import compare; compare([]).to_markdown()",
    ],
)
def test_importing_needs_none_of_the_extras(statement: str) -> None:
    assert not {"rich", "pandas", "yaml", "numpy"} & set(imported_after(statement))


def test_html_lists_each_source_as_a_reference_with_its_link() -> None:
    """The page's sources read as references for a paper; an address is a link."""
    source = ag.Source(
        id="report",
        description="A press report.",
        outlet="Enab Baladi",
        title="Truce in Daraa",
        url="https://example.org/truce?a=1&b=2",
        translated_from="ar",
    )
    cite = [ag.Citation(source="report", quote="a truce")]
    truce = ag.Agreement(
        id="truce",
        title="Truce",
        date=ag.PartialDate.parse("2021-09"),
        status=ag.Status.SIGNED,
        citations=cite,
    )
    page = ag.compare(ag.Corpus(agreements=[truce], sources=[source])).to_html()
    assert (
        '<li><b><bdi>report</bdi></b>: <span dir="auto">“Truce in Daraa.” Enab Baladi. Translated from Arabic.</span>'
        ' <a href="https://example.org/truce?a=1&amp;b=2" rel="noreferrer">https://example.org/truce?a=1&amp;b=2</a>'
        ' <span class="source" dir="auto">A press report.</span></li>'
    ) in page
