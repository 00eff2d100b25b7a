"""timeline: entries in date order, changes between agreements, and the text and SVG renderings."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import agreements as ag
from agreements.diff import diff
from agreements.model import Agreement, Citation, Corpus, Coverage, Event, EventKind, PartialDate, Status
from agreements.render import render
from agreements.render import timeline as drawing
from agreements.render.timeline import STATUS_COLOURS
from agreements.timeline import AgreementEntry, Change, EventEntry, Timeline, timeline

SVG = "{http://www.w3.org/2000/svg}"
CITE = (Citation(source="report", quote="as reported"),)


def event(event_id: str, date: str, kind: EventKind = EventKind.OTHER, summary: str | None = None) -> Event:
    return Event(
        id=event_id,
        date=PartialDate.parse(date),
        kind=kind,
        summary=summary or f"Event {event_id}.",
        citations=CITE,
    )


def deal(agreement_id: str, date: str, *events: Event, **fields: Any) -> Agreement:
    fields.setdefault("title", f"Deal {agreement_id}")
    fields.setdefault("status", Status.SIGNED)
    fields.setdefault("citations", CITE)
    return Agreement(id=agreement_id, date=PartialDate.parse(date), events=events, **fields)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element, tag: str = "text") -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}{tag}")]


# ------------------------------------------------------------------ entries


def test_entries_come_in_date_order_agreements_before_their_events() -> None:
    first = deal("first", "2018-07", event("late", "2018-09", EventKind.COLLAPSE), event("talks", "2018-06"))
    second = deal("second", "2018-07", event("same-day", "2018-07"))
    third = deal("third", "2018-08-15", event("before", "2018-08"))
    line = timeline(Corpus(agreements=[third, second, first]), changes=False)

    def kind(entry: AgreementEntry | EventEntry) -> EventKind | str:
        return "agreement" if isinstance(entry, AgreementEntry) else entry.kind

    assert [(kind(entry), entry.agreement, str(entry.date)) for entry in line.entries] == [
        (EventKind.OTHER, "first", "2018-06"),
        ("agreement", "first", "2018-07"),
        ("agreement", "second", "2018-07"),
        (EventKind.OTHER, "second", "2018-07"),
        (EventKind.OTHER, "third", "2018-08"),
        ("agreement", "third", "2018-08-15"),
        (EventKind.COLLAPSE, "first", "2018-09"),
    ]
    assert [entry.agreement for entry in line.agreements] == ["first", "second", "third"]
    assert [entry.event for entry in line.events] == ["talks", "same-day", "before", "late"]


def test_entries_carry_what_the_records_say() -> None:
    a = deal(
        "truce",
        "2021-08-31",
        event("collapse", "2021-09-03", EventKind.COLLAPSE, "Negotiations collapse."),
        status=Status.COLLAPSED,
        summary="A truce.",
    )
    agreement_entry, event_entry = timeline([a]).entries
    assert agreement_entry == AgreementEntry(
        date=a.date,
        agreement="truce",
        label="Deal truce",
        status=Status.COLLAPSED,
        citations=CITE,
        summary="A truce.",
    )
    assert not hasattr(agreement_entry, "kind")  # the two kinds of entry are told apart by their type
    assert event_entry == EventEntry(
        date=PartialDate.parse("2021-09-03"),
        agreement="truce",
        event="collapse",
        kind=EventKind.COLLAPSE,
        label="Negotiations collapse.",
        status=Status.COLLAPSED,
        citations=CITE,
    )


def _clause(clause_id: str, *deadlines: ag.Deadline) -> ag.Clause:
    return ag.Clause(
        id=clause_id,
        category=ag.Category.WEAPONS,
        summary=f"Do {clause_id}.",
        citations=CITE,
        deadlines=deadlines,
    )


def test_deadlines_are_placed_where_they_can_be_dated() -> None:
    """An anchored deadline lands on its computed date: from the agreement, an event or another clause."""
    begins = event("begins", "2015-02-15T00:00+02:00", EventKind.ENTRY_INTO_FORCE)
    package = deal(
        "package",
        "2015-02-12",
        begins,
        clauses=[
            _clause("rada", ag.Deadline(anchor="agreement", offset="P30D")),
            _clause("pull-back", ag.Deadline(anchor="begins", offset="P2D", edge=ag.Edge.START)),
            _clause("monitoring", ag.Deadline(anchor="pull-back", offset="P14D")),
            _clause("dated", ag.Deadline(at=PartialDate.parse("2015-03-01"))),
            _clause("unknowable", ag.Deadline(anchor="nowhere", offset="P1D")),
        ],
    )
    due = {entry.event: (str(entry.date), entry.label) for entry in timeline([package]).events}
    assert due["rada"] == ("2015-03-14", "must be done: Do rada.")
    assert due["pull-back"] == ("2015-02-17T00:00+02:00", "must have begun: Do pull-back.")
    assert due["monitoring"] == ("2015-03-03T00:00+02:00", "must be done: Do monitoring.")
    assert "dated" not in due  # a date the clause gives is no computation: the clause says it
    assert "unknowable" not in due
    assert [entry.kind for entry in timeline([package]).events].count(EventKind.DEADLINE) == 3


def test_a_deadline_counted_from_a_month_or_in_a_circle_has_no_date() -> None:
    circle = deal(
        "circle",
        "2015-02",
        clauses=[
            _clause("a", ag.Deadline(anchor="b", offset="P1D")),
            _clause("b", ag.Deadline(anchor="a", offset="P1D")),
            _clause("c", ag.Deadline(anchor="agreement", offset="P1D")),
        ],
    )
    assert [circle.due(clause.deadlines[0]) for clause in circle.clauses] == [None, None, None]
    assert timeline([circle]).events == ()


def test_agreements_given_one_by_one_are_ordered_like_a_corpus() -> None:
    a, b, c = deal("b-2018", "2018"), deal("a-2018", "2018"), deal("a-2017", "2017-12-31")
    assert timeline([a, b, c], changes=False) == timeline(Corpus(agreements=[a, b, c]), changes=False)
    assert [entry.agreement for entry in timeline([a, b, c]).entries] == ["a-2017", "a-2018", "b-2018"]


def test_changes_between_consecutive_agreements() -> None:
    corpus = ag.corpus()
    line = timeline(corpus)
    ordered = list(corpus.agreements.values())
    assert [(change.before, change.after) for change in line.changes] == [
        (before.id, after.id) for before, after in itertools.pairwise(ordered)
    ]
    first = line.changes[0]
    expected = diff(ordered[0], ordered[1])
    assert first.diff == expected
    assert first.summary == tuple(expected.summary(corpus))
    assert line.change_to(ordered[1].id) is first
    assert line.change_to(ordered[0].id) is None
    assert timeline(corpus, changes=False).changes == ()
    assert timeline([ordered[0]]).changes == ()


def test_changes_name_actors_only_from_a_corpus() -> None:
    corpus = ag.corpus()
    a, b = corpus.get("daraa-al-balad-2021-08-31"), corpus.get("daraa-al-balad-2021-09-06")
    assert timeline([a, b]).changes[0].summary == tuple(diff(a, b).summary())


# --------------------------------------------------------------------- text


def test_text_rendering() -> None:
    a = deal("truce", "2021-08-31", event("signed", "2021-08-31", EventKind.SIGNING, "The truce is reached."))
    b = deal(
        "ceasefire",
        "2021-09-06",
        event("siege", "2021-06-24", EventKind.SIEGE_BEGINS, "The siege begins."),
        status=Status.IN_FORCE,
        title="Ceasefire",
        coverage=Coverage.FULL_TEXT,
    )
    line = timeline([a, b])
    sentences = line.changes[0].summary
    assert len(sentences) > 3  # status, title, date and coverage
    assert line.to_text() == (
        "2021-06-24      siege begins: The siege begins. [ceasefire]\n"
        "2021-08-31  * Deal truce [truce, signed]\n"
        "2021-08-31      signing: The truce is reached. [truce]\n"
        "2021-09-06  * Ceasefire [ceasefire, in-force]\n"
        f"              changes from truce ({len(sentences)}):\n"
        f"                - {sentences[0]}\n"
        f"                - {sentences[1]}\n"
        f"                - {sentences[2]}\n"
        f"                - and {len(sentences) - 3} more\n"
    )
    assert "changes from" not in line.to_text(changes=0)
    assert f"and {len(sentences) - 1} more" in line.to_text(changes=1)
    assert "more" not in line.to_text(changes=len(sentences))


def test_text_says_when_nothing_changed() -> None:
    a = deal("same", "2021")
    again = attrs.evolve(a, id="twin")
    assert timeline([a, again]).to_text() == (
        "2021        * Deal same [same, signed]\n"
        "2021        * Deal same [twin, signed]\n"
        "              no changes from same\n"
    )


def test_an_agreement_listed_twice_is_refused() -> None:
    a = deal("same", "2021")
    with pytest.raises(ag.InvalidArgumentError, match="agreement 'same' is listed twice"):
        timeline([a, a])


def test_text_wraps_and_shows_no_control_characters() -> None:
    long = "word " * 40
    a = deal("a", "2021-08", event("e", "2021-09~", summary=f"Bell\x07 and\nescape \x1b[31mred {long}"))
    text = timeline([a]).to_text(width=60)
    lines = text.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert lines[1].startswith("2021-09~        other: Bell\ufffd and escape \ufffd[31mred word")
    assert all(line.startswith(" " * 18) for line in lines[2:])
    assert not re.search(r"[\x00-\x1f\x7f]", text.replace("\n", ""))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"width": 39}, "width=39: expected a whole number of at least 40"),
        ({"width": 80.0}, "width=80.0: expected a whole number"),
        ({"changes": -1}, "changes=-1: expected a whole number of at least 0"),
        ({"changes": True}, "changes=True: expected a whole number"),
    ],
)
def test_text_arguments_are_checked(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        timeline([]).to_text(**kwargs)


# ---------------------------------------------------------------------- svg


def sample() -> Timeline:
    return timeline(
        [
            deal(
                "conditions",
                "2018-06-30",
                event("offer", "2018-06-30", EventKind.OFFER, "A general offers nine conditions."),
                status=Status.REJECTED,
                title="Nine conditions",
            ),
            deal(
                "busra", "2018-07", event("heavy", "2018-07-08", EventKind.HANDOVER), status=Status.IN_FORCE
            ),
            deal("daraa", "2018-07-12~", status=Status.SUPERSEDED, title="اتفاق درعا للتسوية"),
            deal(
                "truce",
                "2021-08-31",
                event("siege", "2021-06-24", EventKind.SIEGE_BEGINS, "<b>Siege</b> & shelling"),
                event("collapse", "2021-09-03", EventKind.COLLAPSE, "بعد 76 يوماً من الحصار"),
                status=Status.COLLAPSED,
                title="Truce <script>alert(1)</script>",
            ),
        ]
    )


def test_svg_is_xml_that_scales_through_its_view_box() -> None:
    svg = sample().to_svg()
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert "width" not in root.attrib
    assert "height" not in root.attrib
    assert re.fullmatch(r"0 0 960 \d+(\.\d)?", root.attrib["viewBox"])
    assert root.attrib["direction"] == "ltr"
    assert parse(sample().to_svg(width=480)).attrib["viewBox"].startswith("0 0 480 ")


def test_svg_puts_each_element_on_a_line_of_its_own() -> None:
    svg = sample().to_svg()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox=')
    assert svg.endswith("</g>\n</svg>\n")
    # Every element but a label's date (a <tspan> inside its <text>) starts a line; text has no raw "<".
    assert set(re.findall(r"(.)<(?!/|tspan)", svg, flags=re.DOTALL)) == {"\n"}
    assert "<line x1=" in svg
    assert " />" not in svg  # empty elements are written <line .../>, the same bytes as ever
    assert '<tspan fill="#666666" font-weight="normal">2018-07\u200e \u00b7</tspan> ' in svg


def test_svg_is_deterministic() -> None:
    assert sample() is not sample()
    assert sample().to_svg().encode() == sample().to_svg().encode()
    agreements = list(ag.corpus().agreements.values())
    forwards = timeline(Corpus(agreements=agreements)).to_svg()
    backwards = timeline(Corpus(agreements=agreements[::-1])).to_svg()
    assert forwards == backwards


def test_svg_escapes_every_text() -> None:
    svg = sample().to_svg(title='<Daraa> & "friends"')
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&lt;b&gt;Siege&lt;/b&gt; &amp; shelling" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title") is not None
    assert texts(root)[0] == '<Daraa> & "friends"'
    assert any("Truce <script>alert(1)</script>" in text for text in texts(root))


def test_svg_survives_control_characters_and_surrogates() -> None:
    nasty = "tab\tbell\x07 nul\x00 esc\x1b ]]> \ud800 \ufffe end"
    svg = timeline([deal("a", "2021", event("e", "2021-02", summary=nasty), title=nasty)]).to_svg(title=nasty)
    root = parse(svg)
    assert any(text.endswith("end") for text in texts(root))
    assert "\x00" not in svg
    svg.encode("utf-8")


def test_svg_has_a_title_for_each_marker_and_a_legend() -> None:
    line = sample()
    root = parse(line.to_svg())
    groups = [group for group in root.iter(f"{SVG}g") if group.get("class") in {"agreement", "event"}]
    assert [group.get("data-id") for group in groups] == [
        "conditions",
        "busra",
        "daraa",
        "truce",
        "offer",
        "heavy",
        "siege",
        "collapse",
    ]
    for group in groups:
        title = group.find(f"{SVG}title")
        assert title is not None
        assert title.text
    hover = groups[3].find(f"{SVG}title")
    assert hover is not None
    assert hover.text is not None
    assert hover.text.startswith("Truce <script>alert(1)</script> (truce)\n2021-08-31 \u00b7 collapsed\n")
    assert "Changes from daraa:\n\u2022 " in hover.text
    assert hover.text.endswith("Sources: report")
    legend = texts(root)[1:6]
    assert legend == ["rejected", "in force", "collapsed", "superseded", "event (colour of its agreement)"]
    fills = {element.get("fill") for element in root.iter(f"{SVG}circle")}
    assert fills >= {
        STATUS_COLOURS[status] for status in (Status.REJECTED, Status.IN_FORCE, Status.COLLAPSED)
    }


def test_svg_hover_text_lists_at_most_eight_changes() -> None:
    corpus = ag.corpus()
    line = timeline(corpus)
    change = max(line.changes, key=lambda change: len(change.summary))
    assert len(change.summary) > 8
    root = parse(line.to_svg())
    [group] = [group for group in root.iter(f"{SVG}g") if group.get("data-id") == change.after]
    title = group.find(f"{SVG}title")
    assert title is not None
    assert title.text is not None
    assert title.text.count("\u2022 ") == 9
    assert f"\u2022 and {len(change.summary) - 8} more" in title.text


def test_svg_embeds_right_to_left_labels() -> None:
    svg = sample().to_svg()
    assert "\u202bاتفاق درعا للتسوية\u202c\u200e" in svg
    assert "collapse: \u202bبعد 76 يوماً من الحصار\u202c\u200e" in svg
    assert "\u202bDeal" not in svg


def test_svg_shows_bidi_controls_from_the_data_as_replacement_characters() -> None:
    tricky = "\u202eevil\u202c \u2067isolated\u2069 \u202bembedded"
    a = deal("a", "2021", event("e", "2021-02", summary=tricky), title=tricky)
    svg = timeline([a]).to_svg(title=tricky)
    assert not re.search("[\u202a\u202c-\u202e\u2066-\u2069]", svg)
    assert "\u202b" not in svg  # the title starts left to right, so nothing is embedded
    assert "\ufffdevil\ufffd \ufffdisolated\ufffd \ufffdembedded" in svg
    assert "\ufffdevil" in timeline([a]).to_text()
    arabic = deal("b", "2021", title=f"{'اتفاق'} \u202eevil")
    assert "\u202bاتفاق \ufffdevil\u202c\u200e" in timeline([arabic]).to_svg()


def test_svg_ids_take_a_prefix() -> None:
    svg = sample().to_svg(id_prefix="figure-2")
    root = parse(svg)
    assert root.attrib["aria-labelledby"] == "figure-2-title figure-2-desc"
    assert [element.get("id") for element in root.iter() if element.get("id")] == [
        "figure-2-title",
        "figure-2-desc",
    ]
    assert 'id="timeline-title"' in sample().to_svg()


@pytest.mark.parametrize("prefix", ["", "2nd", "a b", 'x"y', "tímeline", None])
def test_svg_id_prefix_is_checked(prefix: Any) -> None:
    with pytest.raises(ValueError, match=re.escape(f"id_prefix={prefix!r}: expected ASCII letters")):
        sample().to_svg(id_prefix=prefix)


def test_svg_legend_wraps_in_a_narrow_picture() -> None:
    statuses = list(Status)
    line = timeline(
        [
            deal(f"s{index}", "2021", event(f"e{index}", "2021"), status=status)
            for index, status in enumerate(statuses)
        ]
    )
    for width in (480, 960):
        root = parse(line.to_svg(width=width))
        legend = [element for element in root.iter(f"{SVG}text") if element.get("fill") == "#444444"]
        assert ["".join(element.itertext()) for element in legend] == [
            *(status.value.replace("-", " ") for status in statuses),
            "event (colour of its agreement)",
        ]
        for element in legend:
            text = "".join(element.itertext())
            assert float(element.attrib["x"]) + len(text) * 0.62 * 12 <= width - 24
        rows = sorted({float(element.attrib["y"]) for element in legend})
        assert len(rows) == (1 if width == 960 else 2)
    narrow, wide = (float(parse(line.to_svg(width=w)).attrib["viewBox"].split()[3]) for w in (480, 960))
    assert narrow > wide


def test_svg_description_counts_in_words() -> None:
    root = parse(timeline([deal("a", "2021", event("e", "2021-02"))]).to_svg())
    assert texts(root, "desc") == ["1 agreement and 1 event"]


def test_svg_of_an_empty_timeline() -> None:
    root = parse(timeline([]).to_svg())
    assert texts(root)[0] == "Timeline (empty)"
    assert texts(root, "desc") == ["0 agreements and 0 events"]


def test_svg_title_can_be_left_out() -> None:
    root = parse(timeline([deal("a", "2021")]).to_svg(title=""))
    heading = root.find(f"{SVG}title")
    assert heading is not None
    assert heading.text == "Timeline"
    assert texts(root)[0] == "signed"
    assert texts(parse(timeline([deal("a", "2021")]).to_svg()))[0] == "1 agreement, 2021"


@pytest.mark.parametrize("width", [479, 960.0, True, "960"])
def test_svg_width_is_checked(width: Any) -> None:
    with pytest.raises(
        ValueError, match=re.escape(f"width={width!r}: expected a whole number of at least 480")
    ):
        timeline([]).to_svg(width=width)


def positions(root: ET.Element, kind: str) -> list[float]:
    found: list[float] = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") != kind:
            continue
        if kind == "agreement":
            circle = group.find(f"{SVG}circle")
            assert circle is not None
            found.append(float(circle.attrib["cx"]))
        else:
            path = group.find(f"{SVG}path")
            assert path is not None
            found.append(float(path.attrib["d"][1:].split()[0]))
    return found


def test_markers_on_one_date_are_pushed_apart_within_their_segment() -> None:
    events = [event(f"e{number}", "2021-09-06") for number in range(40)]
    root = parse(timeline([deal("a", "2021-09-06", *events), deal("b", "2021-09-06")]).to_svg())
    xs = positions(root, "event")
    assert len(xs) == 40
    assert all(later > earlier for earlier, later in itertools.pairwise(xs))
    assert xs[-1] <= 960 - 24
    agreements_x = positions(root, "agreement")
    assert agreements_x[1] - agreements_x[0] >= 12


def test_distant_dates_break_the_axis_into_at_most_five_segments() -> None:
    years = [1, 1200, 1900, 1950, 2000, 2018, 2021, 9999]
    line = timeline([deal(f"y{year}", f"{year:04d}-12-31") for year in years])
    root = parse(line.to_svg())
    breaks = [element for element in root.iter(f"{SVG}line") if element.get("stroke-width") == "1.2"]
    assert len(breaks) == 2 * 4
    xs = positions(root, "agreement")
    assert xs == sorted(xs)
    assert "9999" in texts(root)


def test_long_stretches_are_ticked_in_years() -> None:
    line = timeline(
        [deal(f"d{year}", f"{year}-06", event(f"e{year}", f"{year}-01")) for year in range(1950, 2022)]
    )
    labels = texts(parse(line.to_svg()))
    assert "1960" in labels
    assert "Jun" not in labels
    assert "1951" not in labels


def test_a_year_and_a_month_are_drawn_as_spans() -> None:
    root = parse(timeline([deal("y", "2019"), deal("m", "2019-07"), deal("d", "2019-07-06")]).to_svg())
    spans = [float(rect.attrib["width"]) for rect in root.iter(f"{SVG}rect") if rect.get("fill-opacity")]
    assert len(spans) == 2
    assert spans[0] > spans[1] > 0


def test_the_builtin_corpus_renders() -> None:
    line = timeline(ag.corpus())
    root = parse(line.to_svg())
    assert len(positions(root, "agreement")) == len(ag.corpus().agreements)
    assert len(positions(root, "event")) == len(line.events)


@pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="needs rsvg-convert (librsvg2-bin)")
def test_svg_renders_to_png(tmp_path: Path) -> None:
    svg = tmp_path / "timeline.svg"
    svg.write_text(timeline(ag.corpus()).to_svg(), encoding="utf-8")
    png = tmp_path / "timeline.png"
    subprocess.run(["rsvg-convert", "-w", "1400", str(svg), "-o", str(png)], check=True)
    assert png.read_bytes().startswith(b"\x89PNG")


# ------------------------------------------------------------------- layout

LABEL_GAP = 8  # the least room between two labels of one lane


def label_boxes(root: ET.Element) -> list[tuple[float, float, float]]:
    """Each label drawn: its baseline and its estimated left and right edges, as the layout estimates them."""
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") not in {"agreement", "event"}:
            continue
        label = group.find(f"{SVG}text")
        if label is None:
            continue
        text = "".join(label.itertext()).replace("\u200e \u00b7", " \u00b7", 1)
        width = drawing._estimate(text)
        x = float(label.attrib["x"])
        left = x - width if label.get("text-anchor") == "end" else x
        boxes.append((float(label.attrib["y"]), left, left + width))
    return boxes


def assert_readable(svg: str, width: int) -> ET.Element:
    """No two labels overlap, and every label and note lies inside the picture."""
    root = parse(svg)
    boxes = label_boxes(root)
    for y, left, right in boxes:
        assert 24 - 0.2 <= left <= right <= width - 24 + 0.2, (y, left, right)
    by_lane: dict[float, list[tuple[float, float]]] = {}
    for y, left, right in boxes:
        by_lane.setdefault(y, []).append((left, right))
    for spans in by_lane.values():
        spans.sort()
        for (_, right), (left, _) in itertools.pairwise(spans):
            assert left >= right + LABEL_GAP - 0.2
    notes = overflow_notes(root)
    for y, left, text, _ in notes:
        assert left >= 24 - 0.2
        assert left + drawing._estimate(text) <= width - 24 + 0.2
        assert all(y != lane for lane in by_lane)  # notes have a lane of their own
    return root


def overflow_notes(root: ET.Element) -> list[tuple[float, float, str, str]]:
    """Each "+N more" note: its baseline, its left edge, its text and its hover text."""
    found = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "overflow":
            text, hover = group.find(f"{SVG}text"), group.find(f"{SVG}title")
            assert text is not None
            assert hover is not None
            assert text.text is not None
            assert hover.text is not None
            found.append((float(text.attrib["y"]), float(text.attrib["x"]), text.text, hover.text))
    return found


@pytest.mark.parametrize("width", [480, 960])
def test_labels_of_the_builtin_corpus_all_show_and_never_overlap(width: int) -> None:
    line = timeline(ag.corpus())
    root = assert_readable(line.to_svg(width=width), width)
    assert len(label_boxes(root)) == len(line.entries)
    assert overflow_notes(root) == []


def crowded(agreements: int, events: int) -> Timeline:
    """Agreements a few days apart, each with events on its own date: more labels than lanes."""
    found = []
    for number in range(agreements):
        day = f"2021-{1 + number // 28 % 12:02d}-{1 + number % 28:02d}"
        own = [
            event(f"e{index}", day, EventKind.TALKS, f"Talks {number}.{index} " * 3)
            for index in range(events)
        ]
        found.append(deal(f"a{number:04d}", day, *own, title=f"Agreement number {number} " * 2))
    return timeline(found, changes=False)


def test_a_crowded_picture_counts_the_labels_it_has_no_room_for() -> None:
    line = crowded(120, 3)
    for width in (480, 960):
        root = assert_readable(line.to_svg(width=width), width)
        notes = overflow_notes(root)
        assert notes
        shown = len(label_boxes(root))
        hidden = sum(int(text.removeprefix("+").removesuffix(" more")) for _, _, text, _ in notes)
        assert shown + hidden == len(line.entries)
        # Every marker is still drawn, with its hover text.
        assert len(positions(root, "agreement")) == 120
        assert len(positions(root, "event")) == 360
        for _, _, text, hover in notes:
            number = int(text.split()[0][1:])
            assert hover.startswith(f"{number} ")
            assert "without a label here, for want of room:" in hover
            assert len(hover.splitlines()) == 1 + min(number, 12) + (number > 12)
    below = {y for y, _, _, _ in overflow_notes(parse(line.to_svg())) if y > 200}
    above = {y for y, _, _, _ in overflow_notes(parse(line.to_svg())) if y <= 200}
    assert len(below) == 1
    assert len(above) == 1  # agreements and events each have one row of notes


def test_the_height_of_a_picture_is_bounded_however_many_labels() -> None:
    heights = [float(parse(crowded(n, 2).to_svg()).attrib["viewBox"].split()[3]) for n in (60, 240)]
    assert heights[0] == heights[1]
    lanes_above, lanes_below = drawing._AGREEMENT_LANES + 1, drawing._EVENT_LANES + 1
    assert heights[1] < 200 + (lanes_above + lanes_below) * 18


def test_crowded_labels_are_shortened_before_they_are_left_out() -> None:
    def agreement_labels(line: Timeline) -> list[str]:
        return [
            text for text in texts(parse(line.to_svg())) if re.match(r"2021-\d\d-\d\d\u200e \u00b7 Agr", text)
        ]

    few, many = agreement_labels(crowded(4, 1)), agreement_labels(crowded(80, 1))
    assert len(few) == 4
    assert len(many) > 12
    assert max(map(len, many)) < max(map(len, few))
    assert all(text.endswith("\u2026") for text in many)


def test_markers_in_an_overfull_segment_stay_in_order() -> None:
    line = crowded(1, 400)
    xs = positions(parse(line.to_svg()), "event")
    assert xs == sorted(xs)
    assert xs[-1] - xs[0] > 700  # spread over the segment, not piled at its start


labels_to_place = st.lists(
    st.tuples(st.floats(24, 936, allow_nan=False), st.floats(40, 600, allow_nan=False)), max_size=80
)


@given(labels_to_place, st.integers(1, 6))
def test_the_layout_never_overlaps_and_keeps_within_bounds(
    items: list[tuple[float, float]], lanes: int
) -> None:
    layout = drawing._place(items, left=24, right=936, lanes=lanes)
    assert len(layout.labels) == len(items)
    placed = [label for label in layout.labels if label is not None]
    for label in placed:
        assert 0 <= label.lane < lanes
        assert label.left >= 24 or label.width > 912
        assert label.right <= 936 + 1e-9 or label.width > 912
    for lane in range(lanes):
        spans = sorted((label.left, label.right) for label in placed if label.lane == lane)
        for (_, right), (left, _) in itertools.pairwise(spans):
            assert left >= right + LABEL_GAP - 1e-9
    hidden = [index for note in layout.notes for index in note.hidden]
    assert sorted(hidden) == [index for index, label in enumerate(layout.labels) if label is None]
    for note in layout.notes:
        assert note.lane == lanes
        assert note.text == f"+{len(note.hidden)} more"
    for first, second in itertools.pairwise(layout.notes):
        assert second.left >= first.left + first.width + LABEL_GAP
    assert layout.lanes <= lanes + (1 if layout.notes else 0)


def test_the_layout_fills_a_free_lane_before_opening_one() -> None:
    layout = drawing._place([(30, 100), (200, 100), (40, 100)], left=24, right=936, lanes=3)
    assert [label.lane if label else None for label in layout.labels] == [0, 0, 1]
    full = drawing._place([(30, 100), (40, 100), (50, 100), (300, 100)], left=24, right=936, lanes=2)
    assert [label.lane if label else None for label in full.labels] == [0, 1, None, 0]
    [note] = full.notes
    assert note.hidden == (2,)
    assert full.lanes == 3


def test_leader_lines_avoid_labels_where_they_can() -> None:
    # The third label ends at its marker near the right edge. In lane 0 (free) it would
    # cover the marker of the second label, whose leader line runs out to lane 1 through
    # lane 0; in a new lane 2 it crosses nothing.
    items = [(100.0, 100.0), (206.0, 50.0), (930.0, 728.0)]
    layout = drawing._place(items, left=24, right=936, lanes=4)
    assert [label.lane if label else None for label in layout.labels] == [0, 1, 2]
    third = layout.labels[2]
    assert third is not None
    assert third.end
    assert third.left <= 206 <= third.right
    # With no lane to spare, a crossing is better than a hidden label.
    squeezed = drawing._place(items, left=24, right=936, lanes=2)
    assert [label.lane if label else None for label in squeezed.labels] == [0, 1, 0]


def test_segments_keep_the_widest_gaps_as_breaks() -> None:
    days = [datetime_ordinal(year) for year in (1900, 1901 + 0, 1950, 1951, 1990, 2000, 2001, 2020, 2100)]
    segments = drawing._segments([(day, day + 1) for day in days], 30, 930)
    assert len(segments) == 5
    starts = [segment.start for segment in segments]
    # The four widest gaps: 2020-2100, 1951-1990 ... each segment starts where a kept break ends.
    assert [drawing._month_index(start) // 12 for start in starts] == [1900, 1950, 1990, 2020, 2100]


def datetime_ordinal(year: int) -> int:
    return drawing._span(PartialDate(year=year, month=6, day=1))[0]


# ------------------------------------------------------------------ properties

dates = st.builds(
    lambda year, month, day, approximate: PartialDate(
        year=year,
        month=month,
        day=None if month is None else day,
        approximate=approximate,
    ),
    st.integers(1, 9999),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 28),
    st.booleans(),
)
words = st.text(min_size=1, max_size=80).filter(str.strip)


@st.composite
def agreement_lists(draw: st.DrawFn) -> list[Agreement]:
    count = draw(st.integers(0, 6))
    found = []
    for number in range(count):
        events = [
            Event(
                id=f"e{index}",
                date=draw(dates),
                kind=draw(st.sampled_from(EventKind)),
                summary=draw(words),
                citations=CITE,
            )
            for index in range(draw(st.integers(0, 4)))
        ]
        found.append(
            Agreement(
                id=f"a{number}",
                title=draw(words),
                date=draw(dates),
                status=draw(st.sampled_from(Status)),
                citations=CITE,
                events=events,
            )
        )
    return found


@given(agreement_lists(), st.integers(480, 1400))
def test_any_timeline_renders_as_valid_escaped_svg(agreements: list[Agreement], width: int) -> None:
    line = timeline(agreements, changes=False)
    svg = line.to_svg(width=width)
    root = parse(svg)
    assert svg == line.to_svg(width=width)
    assert "<script" not in svg.replace("<svg", "")
    assert len(positions(root, "agreement")) == len(line.agreements)
    assert len(positions(root, "event")) == len(line.events)
    dated = [entry.date for entry in line.entries]
    assert dated == sorted(dated)
    for x in positions(root, "agreement") + positions(root, "event"):
        assert 0 <= x <= width
    text = line.to_text()
    assert text.count("\n") >= len(line.entries)


# ---------------------------------------------------------------------- json

CITATIONS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"source": {"type": "string"}, "quote": {"type": "string"}},
        "required": ["source", "quote"],
        "additionalProperties": False,
    },
}
ENTRY_KEYS = ["date", "kind", "agreement", "event", "label", "status", "summary", "citations"]
TIMELINE_SCHEMA = {
    "type": "object",
    "properties": {
        "format": {"const": "agreements-timeline/1"},
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "date": {"type": "string"},
                    "kind": {"enum": ["agreement", *(kind.value for kind in EventKind)]},
                    "agreement": {"type": "string"},
                    "event": {"type": ["string", "null"]},
                    "label": {"type": "string"},
                    "status": {"enum": [status.value for status in Status]},
                    "summary": {"type": ["string", "null"]},
                    "citations": CITATIONS,
                },
                "required": ENTRY_KEYS,
                "additionalProperties": False,
            },
        },
        "changes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "before": {"type": "string"},
                    "after": {"type": "string"},
                    "summary": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["before", "after", "summary"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["format", "entries", "changes"],
    "additionalProperties": False,
}


def test_json_has_the_documented_shape_and_loses_nothing() -> None:
    for line in (timeline(ag.corpus()), sample(), timeline([])):
        text = line.to_json()
        assert text.endswith("}\n")
        data = json.loads(text)
        jsonschema.validate(data, TIMELINE_SCHEMA)
        assert data == line.to_data()
        assert all(list(entry) == ENTRY_KEYS for entry in data["entries"])
        for entry, found in zip(line.entries, data["entries"], strict=True):
            assert found["date"] == str(entry.date)
            assert found["kind"] == ("agreement" if isinstance(entry, AgreementEntry) else entry.kind.value)
            assert (found["event"] is None) == isinstance(entry, AgreementEntry)
            assert (found["summary"] is None) == isinstance(entry, EventEntry)
            assert [Citation(**citation) for citation in found["citations"]] == list(entry.citations)
        assert [change["summary"] for change in data["changes"]] == [list(c.summary) for c in line.changes]


def test_json_keeps_text_as_it_is() -> None:
    text = timeline([deal("a", "2021-08~", title="اتفاق <b> \x07")]).to_json()
    assert "اتفاق <b> \\u0007" in text
    assert json.loads(text)["entries"][0]["date"] == "2021-08~"


def test_change_records_keep_their_summary_as_a_tuple() -> None:
    a, b = deal("a", "2020"), deal("b", "2021")
    change = Change(before="a", after="b", diff=diff(a, b), summary=["one"])
    assert change.summary == ("one",)
    assert Timeline(entries=[], changes=[change]).changes == (change,)


# ------------------------------------------------------------ tables and pages


def test_table_has_a_row_per_entry_with_its_citations_and_changes() -> None:
    line = sample()
    table = drawing.table(line)
    assert table.kind == "timeline"
    assert table.title == "Timeline of 4 agreements and 4 events, 2018\u20132021"
    assert table.corner == "Date"
    assert [column.label for column in table.columns] == [
        "Kind",
        "Agreement",
        "Event",
        "What",
        "Status",
        "Changes",
    ]
    assert [row.label for row in table.rows] == [str(entry.date) for entry in line.entries]
    assert len({row.id for row in table.rows}) == len(line.entries)
    for row, entry in zip(table.rows, line.entries, strict=True):
        kind, agreement, event_id, what, status, changes = row.cells
        assert agreement.value == entry.agreement
        assert what.value == entry.label
        assert what.citations == entry.citations
        assert status.value == entry.status.value.replace("-", " ")
        if isinstance(entry, AgreementEntry):
            assert (kind.value, event_id.value) == ("agreement", "")
            change = line.change_to(entry.agreement)
            assert changes.value == ("" if change is None else "\n".join(change.summary) or "no changes")
        else:
            assert (kind.value, event_id.value, changes.value) == (
                entry.kind.value.replace("-", " "),
                entry.event,
                "",
            )
    assert drawing.table(timeline([])).title == "Timeline (empty)"
    same = deal("same", "2021")
    twin = attrs.evolve(same, id="twin")
    assert drawing.table(timeline([same, twin])).rows[1].cells[-1].value == "no changes"


def test_markdown_is_a_table_with_footnotes_and_nothing_in_it_is_markup() -> None:
    text = sample().to_markdown()
    lines = text.splitlines()
    assert lines[0] == "# Timeline of 4 agreements and 4 events, 2018\u20132021"
    assert lines[2] == "| Date | Kind | Agreement | Event | What | Status | Changes |"
    rows = [line for line in lines if line.startswith("| **")]
    assert len(rows) == len(sample().entries)
    assert "Truce &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;Siege&lt;/b&gt; &amp; shelling" in text
    assert "<script>" not in text
    assert "Bold: changed" not in text  # nothing in a timeline is marked changed
    assert "[^1]: report: “as reported”" in text


def test_csv_has_a_row_per_entry_and_is_formula_safe() -> None:
    a = deal("a", "2021-08", event("e", "2021-09", summary="=HYPERLINK(1)"), title="+plus")
    rows = list(csv.reader(io.StringIO(timeline([a]).to_csv(), newline="")))
    assert rows == [
        ["Date", "Kind", "Agreement", "Event", "What", "Status", "Changes"],
        ["2021-08", "agreement", "a", "", "'+plus", "signed", ""],
        ["2021-09", "other", "a", "e", "'=HYPERLINK(1)", "signed", ""],
    ]


def test_html_page_shows_the_figure_then_the_entries_with_their_quotes() -> None:
    line = sample()
    page = line.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.replace("<svg", "")
    assert "Truce &lt;script&gt;alert(1)&lt;/script&gt;" in page
    figure, table, notes = (
        page.index('<figure class="timeline">'),
        page.index("<table"),
        page.index("<h2>Quotes</h2>"),
    )
    assert figure < table < notes
    assert page.count("<svg") == 2
    assert 'id="timeline-wide-title"' in page
    assert "The 4 agreements and 4 events the sources record around them" in page
    assert "compared" not in page
    assert "Highlighted" not in page
    assert page.count("<tr>") == 1 + len(line.entries)
    assert '<li id="note-1"><q dir="auto">as reported</q>' in page
    assert ET.fromstring(page[page.index("<svg") : page.index("</svg>") + 6]).tag == f"{SVG}svg"
    assert line.to_html(title="Mine").count('<h1 dir="auto">Mine</h1>') == 1
    empty = timeline([]).to_html()
    assert "<figure" not in empty
    assert "Timeline (empty)" in empty


def test_dataframe_has_a_row_per_entry() -> None:
    pytest.importorskip("pandas")
    line = sample()
    frame = line.to_dataframe()
    assert list(frame.columns) == ["date", "kind", "agreement", "event", "label", "status", "sources"]
    assert len(frame) == len(line.entries)
    assert frame.loc[0].to_dict() == {
        "date": "2018-06-30",
        "kind": "agreement",
        "agreement": "conditions",
        "event": None,
        "label": "Nine conditions",
        "status": "rejected",
        "sources": "report",
    }
    assert list(frame["kind"]) == [
        json.loads(line.to_json())["entries"][i]["kind"] for i in range(len(frame))
    ]
    two = deal("two", "2021", citations=[*CITE, Citation(source="other", quote="q"), *CITE])
    assert timeline([two]).to_dataframe().loc[0, "sources"] == "report, other"


def test_dataframe_needs_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name == "pandas" or name.startswith("pandas."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ag.MissingExtraError, match=r"pip install 'agreements\[pandas\]'"):
        sample().to_dataframe()


@pytest.mark.parametrize("fmt", ["text", "json", "svg", "markdown", "csv", "html", "dataframe"])
def test_render_dispatches_to_every_format_of_a_timeline(fmt: str) -> None:
    if fmt == "dataframe":
        pytest.importorskip("pandas")
    line = sample()
    found = render(line, fmt)
    expected = getattr(line, f"to_{fmt}")()
    if fmt == "dataframe":
        assert found.equals(expected)
    else:
        assert found == expected


@pytest.mark.parametrize("fmt", ["latex", "rich"])
def test_a_timeline_has_no_latex_nor_rich_rendering(fmt: str) -> None:
    with pytest.raises(ag.InvalidArgumentError, match=f"a Timeline cannot be rendered as '{fmt}'"):
        render(sample(), fmt)


def test_change_to_finds_the_change_leading_to_an_agreement() -> None:
    line = timeline([deal(f"d{number}", f"{2000 + number}") for number in range(30)])
    for before, after in itertools.pairwise(line.agreements):
        change = line.change_to(after.agreement)
        assert change is not None
        assert (change.before, change.after) == (before.agreement, after.agreement)
    assert line.change_to("d0") is None
    assert line.change_to("nowhere") is None


def test_a_long_chain_of_anchors_is_followed_once() -> None:
    """3,000 clauses each due a day after the one before: every date, without recursion or rescanning."""
    clauses = [_clause("c0", ag.Deadline(anchor="agreement", offset="PT12H"))]
    clauses += [_clause(f"c{n}", ag.Deadline(anchor=f"c{n - 1}", offset="P1D")) for n in range(1, 3000)]
    chain = deal("chain", "2015-01-01", clauses=clauses)
    due = chain.deadlines_due()
    # Offsets add up along the chain before the date moves: 12 hours count once, at the end.
    assert str(due[-1][2]) == str(
        PartialDate.parse("2015-01-01").after(datetime.timedelta(days=2999, hours=12))
    )
    assert [date for _, _, date in due[:3]] == [chain.due(clauses[n].deadlines[0]) for n in range(3)]
