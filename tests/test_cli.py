"""The ``agreements`` command: every subcommand, every format, every error exit."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import attrs
import pytest

import agreements as ag
from agreements import cli
from agreements._text import width as text_width
from agreements.cli import main
from agreements.compare import compare
from agreements.diff import diff
from agreements.render import terminal

ROOT = Path(__file__).resolve().parent.parent
A, B = "daraa-al-balad-2021-08-31", "daraa-al-balad-2021-09-06"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def printed(text: str) -> Counter[str]:
    """The characters a text shows, whatever its layout: white space and the break mark left out."""
    return Counter(char for char in text if not char.isspace() and char != "↩")


def fails(capsys: pytest.CaptureFixture[str], *argv: str, message: str) -> None:
    """The command exits 2 with one line on stderr that contains ``message``, and prints nothing."""
    status, out, err = run(capsys, *argv)
    assert status == 2, (out, err)
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("agreements: error: ")
    assert message in err
    assert "Traceback" not in err


# -------------------------------------------------------------------- compare


class TestCompare:
    def test_all_agreements_as_plain_text_by_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "compare", "--width", "110")
        assert (status, err) == (0, "")
        assert out == compare(ag.corpus()).to_text(width=110)
        assert max(len(line) for line in out.splitlines()) <= 110

    def test_without_a_width_the_pipe_gets_100_columns(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "compare")
        assert out == compare(ag.corpus()).to_text(width=100)

    @pytest.mark.parametrize(
        ("fmt", "method"),
        [
            ("markdown", "to_markdown"),
            ("md", "to_markdown"),
            ("html", "to_html"),
            ("csv", "to_csv"),
            ("json", "to_json"),
            ("latex", "to_latex"),
            ("tex", "to_latex"),
        ],
    )
    def test_formats_are_the_renderers(
        self, capsys: pytest.CaptureFixture[str], fmt: str, method: str
    ) -> None:
        status, out, _ = run(capsys, "compare", "--format", fmt)
        assert status == 0
        assert out == getattr(compare(ag.corpus()), method)()

    def test_chosen_agreements_and_aspects(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "compare", B, A, "--aspects", "status, weapons-handover", "-f", "csv")
        assert status == 0
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["Aspect", A, B]
        assert [row[0] for row in rows[1:]] == ["Status", "Weapons handed over"]

    def test_rich_without_a_terminal_is_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        pytest.importorskip("rich")
        status, out, _ = run(capsys, "compare", "--format", "rich", "--width", "90")
        assert status == 0
        assert out.replace("─", "-").replace("═", "=") == compare(ag.corpus()).to_text(width=90)

    def test_rich_on_a_terminal_is_coloured(self) -> None:
        pytest.importorskip("rich")

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        screen = Terminal()
        args = cli.parser().parse_args(["compare", "--width", "100"])
        out = cli._Output(args, screen)
        assert out.columns() == 100
        assert cli._emit_table(compare(ag.corpus()), args, out) == 0
        assert "Weapons handed over" in screen.getvalue()
        assert "\x1b[" in screen.getvalue()

    def test_a_terminal_without_rich_gets_plain_text(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(terminal, "has_rich", lambda: False)

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.setenv("COLUMNS", "77")
        screen = Terminal()
        args = cli.parser().parse_args(["compare"])
        out = cli._Output(args, screen)
        assert out.is_terminal
        assert out.columns() == 77
        assert cli._emit_table(compare(ag.corpus()), args, out) == 0
        assert screen.getvalue() == compare(ag.corpus()).to_text(width=77)

    def test_unknown_agreement(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(capsys, "compare", "busra-2018", message="no agreement with id 'busra-2018'; did you mean")

    def test_unknown_aspect(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(
            capsys, "compare", "--aspects", "seige", message="no aspect with id 'seige'; did you mean 'siege'"
        )

    @pytest.mark.parametrize("aspects", ["", " , ", ","])
    def test_no_aspect_is_an_error(self, capsys: pytest.CaptureFixture[str], aspects: str) -> None:
        fails(capsys, "compare", "--aspects", aspects, message="compare: --aspects lists no aspect")

    def test_the_aspects_are_listed_in_the_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "compare", "--help")
        assert status == 0
        listed = " ".join(out.split()).split("of: ", 1)[1]
        for aspect in ag.BUILTIN_ASPECTS:  # each whole on its line, to copy: no break after a hyphen
            assert re.search(rf"(?<![\w-]){re.escape(aspect.id)}(?![\w-])", listed), aspect.id
        assert not any(line.rstrip().endswith("-") for line in out.splitlines())

    def test_an_agreement_twice(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(capsys, "compare", A, A, message=f"agreement {A!r} is listed twice")

    def test_unknown_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(
            capsys, "compare", "-f", "docx", message="compare: 'docx' is not a format here; expected one of"
        )

    def test_yaml_missing(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "yaml", None)
        fails(
            capsys,
            "show",
            A,
            "-f",
            "yaml",
            message="pip install 'agreements[yaml]' (from a source checkout: pip install -e '.[yaml]')",
        )

    def test_rich_missing(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "rich.text", None)
        # A command that works from the package index and one that works from a source checkout.
        fails(capsys, "compare", "-f", "rich", message="pip install 'agreements[rich]'")
        fails(capsys, "compare", "-f", "rich", message="(from a source checkout: pip install -e '.[rich]')")


class TestDiff:
    def test_summary_then_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "diff", A, B, "--width", "100")
        assert status == 0
        for sentence in diff(ag.get(A), ag.get(B)).summary(ag.corpus()):
            assert sentence.split()[0] in out
        assert f"Changes from {A} to {B}" in out
        assert "(added)" in out or "added:" in out

    def test_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "diff", A, B, "-f", "md")
        assert status == 0
        assert "| Clause | Change |" in out

    def test_unknown_agreement(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(capsys, "diff", A, "nope", message="no agreement with id 'nope'")


# -------------------------------------------------------------------- records


class TestList:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "list", "--width", "1000")
        assert status == 0
        lines = out.splitlines()
        assert lines[0].split() == ["id", "date", "status", "title"]
        assert [line.split()[0] for line in lines[1:]] == list(ag.corpus().agreements)

    def test_plain_is_text_here(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "list", "-f", "plain") == run(capsys, "list")

    def test_json_csv_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "list", "-f", "json")
        records = json.loads(out)
        assert [record["id"] for record in records] == list(ag.corpus().agreements)
        assert set(records[0]) == {"id", "date", "status", "title"}
        _, out, _ = run(capsys, "list", "-f", "csv")
        assert out.startswith("id,date,status,title\r\n")
        _, out, _ = run(capsys, "list", "-f", "md")
        assert out.startswith("| id | date | status | title |\n| --- | --- | --- | --- |\n")

    def test_an_empty_corpus(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        (tmp_path / "empty.json").write_text('{"type": "corpus"}', encoding="utf-8")
        assert run(capsys, "list", "--corpus", str(tmp_path / "empty.json")) == (0, "", "")


class TestActorsAndPlaces:
    @pytest.mark.parametrize(("command", "records"), [("actors", "actors"), ("places", "places")])
    def test_every_record_in_every_format(
        self, capsys: pytest.CaptureFixture[str], command: str, records: str
    ) -> None:
        known = getattr(ag.corpus(), records)
        status, out, _ = run(capsys, command, "--width", "1000")
        assert status == 0
        lines = out.splitlines()
        assert lines[0].split() == ["id", "kind", "name", "part", "of", "also", "called"]
        assert [line.split()[0] for line in lines[1:]] == list(known)
        _, out, _ = run(capsys, command, "-f", "json")
        found = json.loads(out)
        assert [record["id"] for record in found] == list(known)
        assert set(found[0]) == {"id", "kind", "name", "part of", "also called"}
        _, out, _ = run(capsys, command, "-f", "csv")
        assert out.startswith("id,kind,name,part of,also called\r\n")
        _, out, _ = run(capsys, command, "-f", "md")
        assert out.startswith("| id | kind | name | part of | also called |\n")

    def test_part_of_and_aliases(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "actors", "-f", "json")
        awda = next(record for record in json.loads(out) if record["id"] == "ahmed-al-awda")
        actor = ag.corpus().actors["ahmed-al-awda"]
        assert awda["also called"] == "; ".join(actor.aliases)
        assert awda["name"] == actor.name

    @pytest.mark.parametrize("command", ["list", "actors", "places"])
    @pytest.mark.parametrize("width", [40, 57, 80, 100, 200])
    def test_the_text_fits_the_width(
        self, capsys: pytest.CaptureFixture[str], command: str, width: int
    ) -> None:
        status, out, _ = run(capsys, command, "--width", str(width))
        assert status == 0
        assert max(text_width(line) for line in out.splitlines()) <= width
        # Wrapped, not cut: every character is still there (a word cut in two ends its first piece with ↩).
        _, wide, _ = run(capsys, command, "--width", "1000")
        assert printed(out) == printed(wide)

    def test_the_ids_stay_whole_when_there_is_room(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "places", "--width", "80")
        ids = [line.split()[0] for line in out.splitlines()[1:] if not line.startswith(" ")]
        assert ids == list(ag.corpus().places)

    def test_a_users_file_beside_the_builtin_one(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        street = ag.Place(
            id="my-street", name="My Street", kind=ag.PlaceKind("district"), parent="daraa-al-balad"
        )
        ag.dump(ag.Corpus(places=[street]), tmp_path / "mine.json")
        # On its own, the file names a place it does not define: the error says the built-in corpus has it.
        fails(
            capsys,
            "places",
            "--corpus",
            str(tmp_path / "mine.json"),
            message="no place has the id 'daraa-al-balad'; the built-in corpus has it: use --with-builtin"
            " (with_builtin=True)\n",
        )
        status, out, _ = run(
            capsys, "places", "--corpus", str(tmp_path / "mine.json"), "--with-builtin", "-f", "json"
        )
        assert status == 0
        found = {record["id"]: record for record in json.loads(out)}
        assert set(found) == {*ag.corpus().places, "my-street"}
        assert found["my-street"]["part of"] == "Daraa al-Balad"

    def test_with_builtin_needs_a_corpus(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(
            capsys,
            "actors",
            "--with-builtin",
            message="actors: --with-builtin reads the built-in corpus beside",
        )

    def test_an_empty_corpus(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        ag.dump(ag.Corpus(), tmp_path / "empty.json")
        for command in ("actors", "places"):
            assert run(capsys, command, "--corpus", str(tmp_path / "empty.json")) == (0, "", "")


class TestShow:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "show", "daraa-2018-07")
        assert status == 0
        assert out.startswith("daraa-2018-07: ")
        for heading in ("clauses:", "disputes:", "events:", "parties:", "third parties:", "territory:"):
            assert heading in out

    @pytest.mark.parametrize("fmt", ["json", "toml", "yaml", "yml"])
    def test_data_formats_read_back(self, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
        status, out, _ = run(capsys, "show", "busra-al-sham-2018", "--format", fmt)
        assert status == 0
        assert ag.loads(out, fmt) == ag.get("busra-al-sham-2018")

    def test_unknown(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(capsys, "show", "busra", message="no agreement with id 'busra'")

    def test_a_bare_agreement(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bare = ag.Agreement(
            id="bare",
            title="Bare",
            date=ag.PartialDate(year=2020),
            status=ag.Status.PROPOSED,
            citations=[ag.Citation(source="s", quote="q")],
            place="nowhere",
        )
        ag.dump(bare, tmp_path / "bare.toml")
        status, out, _ = run(capsys, "show", "bare", "--corpus", str(tmp_path / "bare.toml"))
        assert status == 0
        # The agreement's own quotes are numbered, and listed at the end.
        quotes = "\nquotes:\n[1] s: \u201cq\u201d\n"
        assert out == "bare: Bare\ndate 2020, status proposed, place nowhere [1]\n" + quotes
        ag.dump(attrs.evolve(bare, place=None), tmp_path / "bare.toml")
        assert run(capsys, "show", "bare", "--corpus", str(tmp_path / "bare.toml"))[1] == (
            "bare: Bare\ndate 2020, status proposed [1]\n" + quotes
        )

    def test_text_wraps_to_the_width(self, capsys: pytest.CaptureFixture[str]) -> None:
        for width in (40, 60, 100):
            status, out, _ = run(capsys, "show", "daraa-2018-07", "--width", str(width))
            assert status == 0
            assert max(len(line) for line in out.splitlines()) <= width
        assert "\nquotes:\n[1] " in out


class TestCite:
    def test_text_lists_every_quote(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "cite", "daraa-2018-07", "--width", "80")
        assert status == 0
        agreement = ag.get("daraa-2018-07")
        quotes, sources = out.split("\n\nsources\n")
        headers = [line for line in quotes.splitlines() if not line.startswith(" ")]
        assert len(headers) == len(list(agreement.citations_all()))
        used = dict.fromkeys(citation.source for citation in agreement.citations_all())
        listed = [line.split(":")[0].strip() for line in sources.splitlines() if not line.startswith("    ")]
        assert listed == list(used)
        for where in (
            "citations[0]",
            "parties[0].citations[0]",
            "third_parties[0].citations[0]",
            "territory.citations[0]",
            "clauses[0].citations[0]",
            "events[0].citations[0]",
        ):
            assert f"\n{where} " in "\n" + out
        assert "disputes[0].claims[1].citations[0]" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "cite", "busra-al-sham-2018", "-f", "json")
        records = json.loads(out)
        assert [record["quote"] for record in records] == [
            citation.quote for citation in ag.get("busra-al-sham-2018").citations_all()
        ]

    def test_csv_and_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "cite", "busra-al-sham-2018", "-f", "csv")
        assert out.startswith("where,record,source,quote,reference\r\n")
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[1][:3] == ["citations[0]", "busra-al-sham-2018", "busra-report-2018-07"]
        assert rows[1][4].startswith("Press report on the Russian general's nine verbal conditions")
        _, out, _ = run(capsys, "cite", "busra-al-sham-2018", "-f", "markdown")
        assert out.startswith("| where | record | source | quote | reference |")

    def test_references_for_a_paper(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A source with an outlet, a title, a date and a url reads as a reference, translation said."""
        corpus = str(Path(__file__).parent.parent / "docs" / "examples" / "minsk")
        status, out, _ = run(
            capsys, "cite", "minsk-protocol-2014-09-05", "--corpus", corpus, "--width", "1000"
        )
        assert status == 0
        source = ag.load(corpus, cls=ag.Corpus).sources["mfa-ua-protocol"]
        assert f"  mfa-ua-protocol: “{source.title}.” Ministry of Foreign Affairs of Ukraine" in out
        assert "Translated from Russian. http://mfa.gov.ua/" in out

    def test_an_agreement_with_nothing_to_cite_but_itself(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        bare = ag.Agreement(
            id="bare",
            title="Bare",
            date=ag.PartialDate(year=2020),
            status=ag.Status.PROPOSED,
            citations=[ag.Citation(source="s", quote="q")],
        )
        ag.dump(bare, tmp_path / "bare.json")
        assert (
            run(capsys, "cite", "bare", "--corpus", str(tmp_path / "bare.json"))[1]
            == "citations[0] bare (s)\n  “q”\n\nsources\n  s: not in the corpus\n"
        )


class TestResolve:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "resolve", "Awdeh")
        assert status == 0
        assert out.startswith("actor ahmed-al-awda: ")
        assert "also called:" in out

    def test_a_place(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "resolve", "Naseeb")
        assert status == 0
        assert out.startswith("place ")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "resolve", "Awdeh", "-f", "json")
        assert json.loads(out)["id"] == "ahmed-al-awda"

    def test_a_parent_that_is_not_there(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        corpus = ag.Corpus(
            actors=[
                ag.Actor(id="unit", name="Unit", kind=ag.ActorKind.STATE_FORCE, parent="x"),
                ag.Actor(id="lone", name="Lone", kind=ag.ActorKind.PERSON),
            ]
        )
        ag.dump(corpus, tmp_path / "c.json")
        # The loader's checks refuse the file, naming the dangling parent.
        fails(
            capsys,
            "resolve",
            "Unit",
            "--corpus",
            str(tmp_path / "c.json"),
            message="actors[1].parent: no actor has the id 'x'",
        )
        # Beside the built-in corpus it is checked once the two are together.
        fails(
            capsys,
            "resolve",
            "Unit",
            "--corpus",
            str(tmp_path / "c.json"),
            "--with-builtin",
            message="actors[1].parent: no actor has the id 'x'",
        )
        ag.dump(ag.Corpus(actors=[corpus.actors["lone"]]), tmp_path / "lone.json")
        _, out, _ = run(capsys, "resolve", "Lone", "--corpus", str(tmp_path / "lone.json"))
        assert out == "actor lone: Lone (person)\n"
        _, out, _ = run(capsys, "resolve", "Lone", "--corpus", str(tmp_path / "lone.json"), "--with-builtin")
        assert out == "actor lone: Lone (person)\n"

    def test_unknown(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(capsys, "resolve", "Zzyzx Qwerty", message="no actor or place is called 'Zzyzx Qwerty'")


class TestValidate:
    def test_good_files(self, capsys: pytest.CaptureFixture[str]) -> None:
        data = ROOT / "src" / "agreements" / "data"
        status, out, _ = run(capsys, "validate", str(data), str(data / "sources.toml"))
        assert status == 0
        assert out == f"{data}: ok\n{data / 'sources.toml'}: ok\n"

    def test_bad_files_exit_1_with_every_problem(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        bad = tmp_path / "bad.toml"
        bad.write_text('type = "weapons-term"\nclasses = ["heavy"]\naction = "hand-ovr"\nextra = 1\n')
        status, out, _ = run(capsys, "validate", str(bad))
        assert status == 1
        assert "action: 'hand-ovr' is not a weapon action; did you mean 'hand-over'?" in out
        assert "unknown key 'extra'" in out

    def test_a_reference_the_builtin_corpus_resolves(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        places = [
            ag.Place(
                id="my-street", name="My Street", kind=ag.PlaceKind("district"), parent="daraa-al-balad"
            ),
            ag.Place(id="my-lane", name="My Lane", kind=ag.PlaceKind("district"), parent="atlantis"),
        ]
        ag.dump(ag.Corpus(places=places), tmp_path / "mine.json")
        status, out, _ = run(capsys, "validate", str(tmp_path / "mine.json"))
        assert status == 1
        # The file lists the places by id: my-lane, then my-street.
        assert out.splitlines() == [
            f"{tmp_path / 'mine.json'}: error: places[0].parent: no place has the id 'atlantis'",
            f"{tmp_path / 'mine.json'}: error: places[1].parent: no place has the id 'daraa-al-balad'; the"
            " built-in corpus has it: use --with-builtin (with_builtin=True)",
        ]
        status, out, _ = run(capsys, "validate", "--with-builtin", str(tmp_path / "mine.json"))
        assert status == 1
        assert out == f"{tmp_path / 'mine.json'}: error: places[0].parent: no place has the id 'atlantis'\n"

    def test_clause_logic_problems(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        cite = [ag.Citation(source="nowhere", quote="q")]
        clause = ag.Clause(
            id="c", category=ag.Category.SIEGE, summary="Lift.", citations=cite, obligors=["ghost"]
        )
        bad = ag.Agreement(
            id="bad",
            title="Bad",
            date=ag.PartialDate(year=2020),
            status=ag.Status.SIGNED,
            citations=cite,
            clauses=[clause],
        )
        ag.dump(bad, tmp_path / "bad.json")
        ag.dump(ag.Corpus(agreements=[bad]), tmp_path / "corpus.json")
        status, out, _ = run(capsys, "validate", str(tmp_path / "corpus.json"))
        assert status == 1
        assert "no actor has the id 'ghost'" in out
        status, out, _ = run(capsys, "validate", str(tmp_path / "bad.json"))
        assert (status, out) == (0, f"{tmp_path / 'bad.json'}: ok\n")
        status, out, _ = run(
            capsys, "validate", str(tmp_path / "bad.json"), "--corpus", str(tmp_path / "corpus.json")
        )
        assert status == 1

    def test_json(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = tmp_path / "bad.json"
        bad.write_text('{"type": "citation", "source": "S!", "quote": ""}')
        good = tmp_path / "good.json"
        good.write_text('{"type": "citation", "source": "s", "quote": "q"}')
        status, out, _ = run(capsys, "validate", str(bad), str(good), "-f", "json")
        assert status == 1
        records = json.loads(out)
        assert [record["ok"] for record in records] == [False, True]
        assert records[0]["problems"][0]["path"] == "source"
        assert records[1]["problems"] == []

    def test_a_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        fails(capsys, "validate", str(tmp_path / "none.toml"), message="does not exist")

    def test_no_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "validate")
        assert status == 2
        assert "the following arguments are required: FILE" in err


class TestTimeline:
    def test_text_by_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "timeline")
        assert (status, err) == (0, "")
        assert out == ag.timeline(ag.corpus()).to_text(width=100)
        # The 2018 settlement is dated July 2018; the Russian offer and Busra al-Sham only around then.
        assert out.startswith("2018-07     * Daraa reconciliation agreement")
        assert "changes from russian-conditions-2018" in out

    def test_the_width_is_honoured(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "timeline", "--width", "60", "-f", "text")
        assert status == 0
        assert out == ag.timeline(ag.corpus()).to_text(width=60)
        assert max(len(line) for line in out.splitlines()) <= 60

    def test_too_narrow_a_width(self, capsys: pytest.CaptureFixture[str]) -> None:
        # Refused while the command line is read, as argparse refuses any bad option.
        status, out, err = run(capsys, "timeline", "--width", "39")
        assert (status, out) == (2, "")
        assert err == (
            "agreements timeline: error: argument --width: 39 is out of range; give 40 to 1000 columns"
            " (see 'agreements timeline --help')\n"
        )

    def test_a_narrow_terminal_gets_the_narrowest_timeline(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("COLUMNS", "30")
        status, out, _ = run(capsys, "timeline")
        assert status == 0
        assert out == ag.timeline(ag.corpus()).to_text(width=40)

    def test_svg(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "timeline", "--format", "svg", "--width", "40")  # --width is for text
        assert status == 0
        assert out == ag.timeline(ag.corpus()).to_svg()
        root = ET.fromstring(out)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "timeline", "-f", "json")
        assert status == 0
        line = ag.timeline(ag.corpus())
        assert out == line.to_json()
        data = json.loads(out)
        assert data["format"] == "agreements-timeline/1"
        assert [entry["date"] for entry in data["entries"]] == [str(entry.date) for entry in line.entries]
        first = data["entries"][0]
        assert list(first) == [
            "date", "kind", "agreement", "event", "label", "status", "summary", "citations"
        ]  # fmt: skip
        assert (first["kind"], first["agreement"], first["event"]) == (
            "agreement",
            "daraa-2018-07",
            None,
        )
        assert [(change["before"], change["after"]) for change in data["changes"]] == [
            (change.before, change.after) for change in line.changes
        ]
        assert data["changes"][0]["summary"] == list(line.changes[0].summary)

    @pytest.mark.parametrize(
        ("name", "check"),
        [
            ("timeline.svg", '<svg xmlns="http://www.w3.org/2000/svg"'),
            ("timeline.json", '"format": "agreements-timeline/1"'),
            ("timeline.txt", "2018-07     * Daraa reconciliation"),
            ("timeline.text", "2018-07     * Daraa reconciliation"),
        ],
    )
    def test_the_format_follows_the_suffix(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, check: str
    ) -> None:
        assert run(capsys, "timeline", "-o", str(tmp_path / name)) == (0, "", "")
        assert check in (tmp_path / name).read_text(encoding="utf-8")[:100]

    def test_a_suffix_it_cannot_write_is_an_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        fails(
            capsys,
            "timeline",
            "-o",
            str(tmp_path / "timeline.html"),  # no HTML here
            message="timeline: cannot write '.html' here; use one of .json, .svg, .text, .txt, or give --format",
        )
        assert list(tmp_path.iterdir()) == []

    def test_an_explicit_format_beats_the_suffix(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        run(capsys, "timeline", "-f", "json", "-o", str(tmp_path / "t.svg"))
        assert json.loads((tmp_path / "t.svg").read_text(encoding="utf-8"))["entries"]

    def test_unknown_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        fails(
            capsys,
            "timeline",
            "-f",
            "png",
            message="timeline: 'png' is not a format here; expected one of text, svg, json",
        )

    def test_your_own_corpus_beside_the_built_in_one(self, capsys: pytest.CaptureFixture[str]) -> None:
        example = str(ROOT / "docs" / "examples" / "my-reading.toml")
        status, out, _ = run(capsys, "timeline", "--corpus", example, "--with-builtin", "-f", "json")
        assert status == 0
        ids = [entry["agreement"] for entry in json.loads(out)["entries"] if entry["kind"] == "agreement"]
        assert "my-reading-2021-09-06" in ids
        assert set(ag.corpus().agreements) < set(ids)
        status, out, _ = run(capsys, "timeline", "--corpus", example)
        assert status == 0
        assert out.startswith("2021-09-06  * Daraa al-Balad agreement of 6 September 2021 (my reading)")

    def test_an_empty_corpus(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        ag.dump(ag.Corpus(), tmp_path / "empty.json")
        assert run(capsys, "timeline", "--corpus", str(tmp_path / "empty.json")) == (0, "", "")
        status, out, _ = run(capsys, "timeline", "--corpus", str(tmp_path / "empty.json"), "-f", "json")
        assert (status, json.loads(out)["entries"]) == (0, [])


class TestExportAndSchema:
    def test_export_reads_back_in_every_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        for fmt in ("json", "toml", "yaml"):
            status, out, _ = run(capsys, "export", "-f", fmt)
            assert status == 0
            assert ag.loads(out, fmt) == ag.corpus()

    def test_export_defaults_to_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "export")
        assert json.loads(out)["type"] == "corpus"

    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "schema")
        assert status == 0
        assert json.loads(out) == ag.schema()
        fails(capsys, "schema", "-f", "toml", message="schema: 'toml' is not a format here")

    def test_export_without_the_yaml_extra(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "yaml", None)
        fails(capsys, "export", "-f", "yaml", message="agreements[yaml]")


# --------------------------------------------------------- output and input


class TestOutputFile:
    @pytest.mark.parametrize(
        ("name", "check"),
        [
            ("table.html", "<!DOCTYPE html>"),
            ("table.md", "# Comparison of"),
            ("table.csv", "Aspect,"),
            ("table.json", '"format": "agreements-table/2"'),
            ("table.tex", "\\begin{longtable}"),
            ("table.txt", "Comparison of"),
            ("table.text", "Comparison of"),
        ],
    )
    def test_the_format_follows_the_suffix(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, check: str
    ) -> None:
        assert run(capsys, "compare", "-o", str(tmp_path / name)) == (0, "", "")
        assert check in (tmp_path / name).read_text(encoding="utf-8")

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["compare", "-o", "table.out"], "compare: cannot write '.out' here; use one of .csv, .htm,"),
            (["compare", "-o", "table"], "compare: cannot write 'a file without a suffix' here; use one of"),
            (["cite", A, "-o", "a.html"], "cite: cannot write '.html' here; use one of .csv, .json,"),
            (["show", A, "-o", "a.svg"], "show: cannot write '.svg' here; use one of .json, .text, .toml,"),
        ],
    )
    def test_a_suffix_the_command_cannot_write_is_an_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
    ) -> None:
        *command, name = argv
        fails(capsys, *command, str(tmp_path / name), message=message)
        assert list(tmp_path.iterdir()) == [], "nothing is written"

    def test_an_explicit_format_writes_any_suffix(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        target = tmp_path / "table.out"
        assert run(capsys, "compare", "-f", "text", "--width", "100", "-o", str(target)) == (0, "", "")
        assert target.read_text(encoding="utf-8") == compare(ag.corpus()).to_text(width=100)

    def test_csv_keeps_its_line_ends(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        run(capsys, "compare", "-o", str(tmp_path / "t.csv"))
        assert (tmp_path / "t.csv").read_bytes().count(b"\r\n") >= 2

    def test_the_suffix_fits_the_command(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        run(capsys, "show", A, "-o", str(tmp_path / "a.toml"))
        assert ag.load(tmp_path / "a.toml") == ag.get(A)
        run(capsys, "show", A, "-o", str(tmp_path / "a.txt"))
        assert (tmp_path / "a.txt").read_text(encoding="utf-8").startswith(f"{A}: ")
        run(capsys, "cite", A, "-o", str(tmp_path / "a.txt"))
        assert (tmp_path / "a.txt").read_text(encoding="utf-8").startswith("citations[0]")
        run(capsys, "cite", A, "-o", str(tmp_path / "a.md"))
        assert (
            (tmp_path / "a.md").read_text(encoding="utf-8").startswith("| where | record | source | quote |")
        )

    def test_a_file_is_replaced_whole(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        target = tmp_path / "t.csv"
        target.write_text("old text, longer than nothing\n" * 1000, encoding="utf-8")
        assert run(capsys, "compare", "-o", str(target)) == (0, "", "")
        assert target.read_bytes() == compare(ag.corpus()).to_csv().encode("utf-8")
        assert [path.name for path in tmp_path.iterdir()] == ["t.csv"], "no temporary file is left behind"

    def test_an_input_is_never_overwritten(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        mine = tmp_path / "mine.json"
        ag.dump(ag.Corpus(agreements=[ag.get(A)]), mine)
        before = mine.read_bytes()
        message = f"-o {str(mine)!r} is an input of this command; write somewhere else"
        fails(capsys, "export", "--corpus", str(mine), "-o", str(mine), message=message)
        fails(capsys, "validate", str(mine), "-o", str(mine), message=message)
        fails(capsys, "validate", str(tmp_path), "-o", str(mine), message=message)  # inside a folder read
        assert mine.read_bytes() == before

    def test_an_unwritable_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        fails(capsys, "list", "-o", str(tmp_path / "no" / "such" / "dir.txt"), message="cannot write")


class TestCorpusOption:
    def test_a_folder(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(
            capsys, "list", "--corpus", str(ROOT / "src" / "agreements" / "data"), "-f", "json"
        )
        assert status == 0
        assert len(json.loads(out)) == len(ag.corpus().agreements)

    def test_a_missing_path(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        fails(capsys, "list", "--corpus", str(tmp_path / "none"), message="--corpus:")

    def test_a_file_of_another_kind(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        ag.dump(ag.Citation(source="s", quote="q"), tmp_path / "c.json")
        fails(capsys, "list", "--corpus", str(tmp_path / "c.json"), message="holds a Citation")

    def test_an_invalid_corpus_is_one_line(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = tmp_path / "bad.toml"
        bad.write_text('type = "corpus"\n[[actors]]\nid = "X"\nkind = "state"\nextra = 1\n')
        fails(
            capsys,
            "compare",
            "--corpus",
            str(bad),
            message="(and 1 more problem; run 'agreements validate' for all)",
        )

    def test_an_invalid_corpus_with_one_problem(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        bad = tmp_path / "bad.json"
        bad.write_text("{")
        status, _, err = run(capsys, "list", "--corpus", str(bad))
        assert status == 2
        assert "not valid JSON" in err
        assert "more problem" not in err

    def test_an_unreadable_suffix(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        odd = tmp_path / "corpus.txt"
        odd.write_text("")
        fails(capsys, "list", "--corpus", str(odd), message="cannot tell the format")

    def test_an_unreadable_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        folder = tmp_path / "dir.json"
        folder.mkdir()
        (folder / "inner.json").write_text("{}")
        status, _, err = run(capsys, "validate", str(tmp_path / "dir.json" / "inner.json" / "x.json"))
        assert status == 2
        assert "does not exist" in err


class TestUsage:
    def test_no_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys)
        assert status == 2
        assert "the following arguments are required: COMMAND" in err
        assert "see 'agreements --help'" in err

    def test_help_and_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "--help")
        assert status == 0
        assert "compare" in out
        status, out, _ = run(capsys, "--version")
        assert (status, out) == (0, f"agreements {ag.__version__}\n")

    @pytest.mark.parametrize("width", ["10", "39", "1001", "wide"])
    def test_a_bad_width(self, capsys: pytest.CaptureFixture[str], width: str) -> None:
        status, _, err = run(capsys, "compare", "--width", width)
        assert status == 2
        assert "--width" in err

    @pytest.mark.parametrize("width", ["40", "1000"])
    def test_the_widths_at_the_ends_of_the_range(
        self, capsys: pytest.CaptureFixture[str], width: str
    ) -> None:
        status, out, _ = run(capsys, "compare", "--width", width)
        assert status == 0
        assert out == compare(ag.corpus()).to_text(width=int(width))

    def test_an_unknown_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "list", "--bogus")[0] == 2

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["compar"], "agreements: error: unknown command 'compar'; did you mean 'compare'?"),
            (["shwo", "x"], "agreements: error: unknown command 'shwo'; did you mean 'show'?"),
            (
                ["compare", "--widht", "80"],
                "agreements compare: error: unknown option '--widht'; did you mean '--width'?",
            ),
            (
                ["compare", "--widht=80"],
                "agreements compare: error: unknown option '--widht'; did you mean '--width'?",
            ),
            (
                ["show", "x", "--formt", "json"],
                "agreements show: error: unknown option '--formt'; did you mean '--format'?",
            ),
            (
                ["list", "--corpu", "x"],
                "agreements list: error: unknown option '--corpu'; did you mean '--corpus'?",
            ),
            # Abbreviations are off: --forma is not --format, --widt not --width, --with not --with-builtin.
            (
                ["list", "--forma", "json"],
                "agreements list: error: unknown option '--forma'; did you mean '--format'?",
            ),
            (
                ["compare", "--widt", "80"],
                "agreements compare: error: unknown option '--widt'; did you mean '--width'?",
            ),
            (
                ["compare", "--with", "80"],
                "agreements compare: error: unknown option '--with'; did you mean '--width'?",
            ),
        ],
    )
    def test_a_mistyped_command_or_option_gets_a_suggestion(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        status, out, err = run(capsys, *argv)
        assert (status, out) == (2, "")
        assert err.startswith(message + " (see 'agreements"), err
        assert err.count("\n") == 1

    def test_nothing_close(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, err = run(capsys, "zzzz")
        assert status == 2
        assert err.startswith(
            "agreements: error: unknown command 'zzzz'; the commands are list, actors, places,"
        )
        status, _, err = run(capsys, "list", "--zzzz")
        assert err == "agreements list: error: unknown option '--zzzz' (see 'agreements list --help')\n"
        status, _, err = run(capsys, "--width", "80", "compare")
        assert err == (
            "agreements: error: '--width' is an option of a command: put it after the command's name"
            " (see 'agreements --help')\n"
        )
        status, _, err = run(capsys, "list", "extra")
        assert err == "agreements list: error: unexpected argument 'extra' (see 'agreements list --help')\n"

    def test_no_parser_takes_abbreviations(self) -> None:
        top = cli.parser()
        commands = next(action.choices for action in top._actions if isinstance(action.choices, dict))
        assert not top.allow_abbrev
        assert commands
        assert all(not command.allow_abbrev for command in commands.values())

    @pytest.mark.parametrize(
        ("argv", "option"),
        [
            (["schema", "--corpus", "x"], "--corpus"),
            (["schema", "--width", "80"], "--width"),
            (["schema", "--with-builtin"], "--with-builtin"),
            (["export", "--width", "80"], "--width"),
            (["resolve", "x", "--width", "80"], "--width"),
            (["similar", "x", "--as-of", "2019"], "--as-of"),
            (["list", "--aspects", "siege"], "--aspects"),
        ],
    )
    def test_a_command_takes_only_the_options_that_apply_to_it(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], option: str
    ) -> None:
        status, out, err = run(capsys, *argv)
        assert (status, out) == (2, "")
        assert err.startswith(f"agreements {argv[0]}: error: {argv[0]!r} takes no option {option!r} (see"), (
            err
        )

    def test_every_option_shown_is_read(self) -> None:
        """Each command's options, as its help lists them, are the ones its handler reads."""
        commands = next(
            action.choices for action in cli.parser()._actions if isinstance(action.choices, dict)
        )
        shown = {
            name: sorted(o for o in command._option_string_actions if o.startswith("--"))
            for name, command in commands.items()
        }
        corpus = ["--corpus", "--max-bytes", "--with-builtin"]
        listing = table = sorted([*corpus, "--format", "--help", "--output", "--width"])
        assert shown["compare"] == sorted([*table, "--aspects", "--as-of", "--form"])
        assert shown["diff"] == sorted([*table, "--consolidated"])
        for name in ("list", "actors", "places", "show", "cite", "timeline"):
            assert shown[name] == listing, name
        assert shown["similar"] == listing
        for name in ("resolve", "export"):
            assert shown[name] == sorted([*corpus, "--format", "--help", "--output"]), name
        assert shown["validate"] == sorted([*corpus, "--format", "--help", "--output", "--sources"])
        assert shown["schema"] == ["--format", "--help", "--output"]

    def test_a_closed_pipe_goes_up_to_main_entry(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def closed(*_: object) -> object:
            raise BrokenPipeError

        monkeypatch.setattr(cli, "_corpus", closed)
        with pytest.raises(BrokenPipeError):
            main(["list"])

    def test_a_library_error_that_is_an_oserror(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def broken(*_: object) -> int:
            raise PermissionError(13, "Permission denied", "/some/file")

        # The parser holds the handlers themselves, so the error is raised from where they read the corpus.
        monkeypatch.setattr(cli, "_corpus", broken)
        fails(capsys, "list", message="/some/file: Permission denied")

    def test_main_entry_exits_with_the_status(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(cli, "main", lambda: 1)
        with pytest.raises(SystemExit) as stop:
            cli.main_entry()
        assert stop.value.code == 1

    def test_main_entry_on_interrupt(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def interrupted() -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "main", interrupted)
        with pytest.raises(SystemExit) as stop:
            cli.main_entry()
        assert stop.value.code == 130

    def test_main_entry_on_a_closed_pipe(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def closed() -> int:
            raise BrokenPipeError

        duplicated: list[tuple[int, int]] = []
        monkeypatch.setattr(cli, "main", closed)
        monkeypatch.setattr(os, "open", lambda *_: 99)
        monkeypatch.setattr(os, "dup2", lambda a, b: duplicated.append((a, b)))
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        monkeypatch.setattr(sys.stdout, "fileno", lambda: 1, raising=False)
        with pytest.raises(SystemExit) as stop:
            cli.main_entry()
        assert stop.value.code == 0
        assert duplicated == [(99, 1)]


# ------------------------------------------------------- the installed command


def test_python_dash_m(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["agreements", "list", "-f", "json"])
    with pytest.raises(SystemExit) as stop:
        runpy.run_module("agreements", run_name="__main__")
    assert stop.value.code == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] in ag.corpus().agreements
    importlib.import_module("agreements.__main__")  # importing it runs nothing
    assert capsys.readouterr().out == ""


def commands() -> list[list[str]]:
    found = [[sys.executable, "-m", "agreements"]]
    script = shutil.which("agreements", path=str(Path(sys.executable).parent))
    if script is not None:
        found.append([script])
    return found


def test_the_console_script_is_installed_next_to_python() -> None:
    assert len(commands()) == 2, "pip install -e . should put an 'agreements' script next to python"


@pytest.mark.parametrize("command", commands(), ids=lambda command: Path(command[-1]).name)
def test_the_installed_command(command: list[str]) -> None:
    env = {**os.environ, "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([*command, "compare"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == compare(ag.corpus()).to_text(width=120)
    bad = subprocess.run([*command, "show", "nope"], capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert bad.stderr.startswith("agreements: error: no agreement with id 'nope'")
    assert bad.stderr.count("\n") == 1
    usage = subprocess.run([*command, "frobnicate"], capture_output=True, text=True, env=env, check=False)
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr


def test_validate_exits_1_through_the_installed_command(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "citation"}')
    done = subprocess.run(
        [sys.executable, "-m", "agreements", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "required, but missing" in done.stdout


class TestWithBuiltin:
    """Your own file beside the built-in corpus: the tutorial's steps."""

    EXAMPLE = str(Path(__file__).resolve().parent.parent / "docs" / "examples" / "my-reading.toml")

    def test_validate_alone_finds_the_built_in_names_missing(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        status, out, _ = run(capsys, "validate", self.EXAMPLE)
        assert status == 1
        assert "agreements[0].third_parties[0].actor: no actor has the id 'russia'" in out

    def test_validate_beside_the_built_in_corpus(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "validate", "--with-builtin", self.EXAMPLE)
        assert (status, out) == (0, f"{self.EXAMPLE}: ok\n")

    def test_diff_against_a_built_in_agreement(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(
            capsys,
            "diff",
            "daraa-al-balad-2021-08-31",
            "my-reading-2021-09-06",
            "--corpus",
            self.EXAMPLE,
            "--with-builtin",
            "--format",
            "json",
        )
        assert status == 0
        # The file does not say it is a full text, so what it lacks is not reported, not dropped.
        assert (
            "Required before, not reported for the later agreement: "
            "Small arms held by Daraa armed opposition are handed over." in out
        )

    def test_redefining_a_built_in_record(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        ag.dump(ag.Corpus(actors=[ag.corpus().actors["russia"]]), tmp_path / "mine.toml")
        fails(
            capsys,
            "list",
            "--corpus",
            str(tmp_path / "mine.toml"),
            "--with-builtin",
            message="both corpora define the actor 'russia'; to use the existing record, delete your copy",
        )
        status, out, _ = run(capsys, "validate", "--with-builtin", str(tmp_path / "mine.toml"))
        assert status == 1
        assert f"{tmp_path / 'mine.toml'}: error: actors: both corpora define the actor 'russia'" in out

    def test_errors_found_once_together(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        text = Path(self.EXAMPLE).read_text(encoding="utf-8").replace('actor = "russia"', 'actor = "rusia"')
        (tmp_path / "typo.toml").write_text(text, encoding="utf-8")
        fails(
            capsys,
            "list",
            "--corpus",
            str(tmp_path / "typo.toml"),
            "--with-builtin",
            message="no actor has the id 'rusia'; did you mean 'russia'?",
        )
