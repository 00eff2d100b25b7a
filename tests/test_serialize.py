"""Reading and writing documents: exact error messages, files, folders, the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import agreements as ag
from agreements.model import (
    Actor,
    ActorKind,
    Agreement,
    Category,
    Citation,
    Clause,
    Corpus,
    PartialDate,
    Quantity,
    Source,
    Status,
    WeaponAction,
    WeaponClass,
    WeaponsTerm,
)
from agreements.serialize import FORMATS, format_for, from_data, to_data

CITE = Citation(source="s", quote="“hand over” their heavy weapons")
CLAUSE = Clause(
    id="c1",
    category=Category.WEAPONS,
    summary="Fighters hand over heavy weapons.",
    citations=[CITE],
    weapons=WeaponsTerm(classes={WeaponClass.MEDIUM, WeaponClass.HEAVY}, action=WeaponAction.HAND_OVER),
    quantity=Quantity(value=9, unit="checkpoints"),
)
AGREEMENT = Agreement(
    id="a",
    title="Agreement",
    date=PartialDate(year=2018, month=7),
    status=Status.SIGNED,
    citations=[CITE],
    clauses=[CLAUSE],
)
CORPUS = Corpus(
    sources=[Source(id="s", document="s.txt", description="A report.", date=PartialDate(year=2018))],
    actors=[Actor(id="russia", name="Russia", kind=ActorKind.STATE, aliases=["Moscow"])],
    agreements=[AGREEMENT],
)

AGREEMENT_TOML = """\
type = "agreement"
id = "a"
title = "Agreement"
date = "2018-07"
status = "signed"
citations = [{source = "s", quote = "q"}]
"""


def error_of(text: str, fmt: str = "toml") -> str:
    with pytest.raises(ag.InvalidDataError) as caught:
        ag.loads(text, fmt)
    return str(caught.value)


class TestErrorMessages:
    """The exact text a user sees for each kind of bad input."""

    def test_enum_typo_suggests_the_closest(self) -> None:
        text = (
            AGREEMENT_TOML
            + """
[[clauses]]
id = "c1"
category = "weapons"
summary = "x"
citations = [{source = "s", quote = "q"}]
weapons = {classes = ["medium", "heavy"], action = "hand-ovr"}
"""
        )
        assert (
            error_of(text)
            == "clauses[0].weapons.action: 'hand-ovr' is not a weapon action; did you mean 'hand-over'?"
        )

    def test_a_word_of_an_open_vocabulary_must_have_the_form_of_a_word(self) -> None:
        # Any word of the id form may be a corpus's own (check() tells whether the corpus knows it);
        # a word of another form is no word of any vocabulary.
        term = '{{"type": "weapons-term", "classes": ["medium", {}], "action": "hand-over"}}'
        assert error_of(term.format('"small arms"'), "json") == (
            "classes[1]: 'small arms' is not a weapon class; did you mean 'small-arms'?"
        )
        assert error_of(term.format('"Tanks & guns"'), "json") == (
            "classes[1]: 'Tanks & guns' is not a weapon class: a word is lower-case letters, digits, '.', '_' and '-'"
        )
        assert ag.loads(term.format('"heavvy"'), "json", cls=WeaponsTerm).classes == {"medium", "heavvy"}

    def test_a_typo_in_an_open_vocabulary_is_found_by_check(self) -> None:
        text = AGREEMENT_TOML + (
            '\n[[clauses]]\nid = "c1"\ncategory = "seige"\nsummary = "x"\n'
            'citations = [{source = "s", quote = "q"}]\n'
            'weapons = {classes = ["heavvy"], action = "hand-over"}\n'
        )
        agreement = ag.loads(text, "toml", cls=Agreement)
        assert [(problem.path, problem.message) for problem in ag.check(agreement)] == [
            ("clauses[0].category", "'seige' is not a category of this corpus; did you mean 'siege'?"),
            (
                "clauses[0].weapons.classes[0]",
                "'heavvy' is not a weapon class of this corpus; did you mean 'heavy'?",
            ),
        ]

    def test_unrecognisable_enum_lists_the_values(self) -> None:
        assert error_of(AGREEMENT_TOML.replace('"signed"', '"zzz"')) == (
            "status: 'zzz' is not a status; expected one of 'proposed', 'rejected', 'signed', "
            "'in-force', 'collapsed', 'superseded'"
        )

    def test_unknown_key(self) -> None:
        assert (
            error_of(AGREEMENT_TOML + 'titel = "x"\n') == "titel: unknown key 'titel'; did you mean 'title'?"
        )

    def test_wrong_type(self) -> None:
        assert error_of(AGREEMENT_TOML.replace('title = "Agreement"', "title = 5")) == (
            "title: expected text, got a whole number 5"
        )

    def test_string_where_a_list_belongs(self) -> None:
        assert error_of(AGREEMENT_TOML + 'third_parties = "russia"\n') == (
            "third_parties: expected a list, got text 'russia'"
        )

    def test_missing_field(self) -> None:
        assert error_of(AGREEMENT_TOML.replace('status = "signed"\n', "")) == "status: required, but missing"

    def test_impossible_date(self) -> None:
        assert (
            error_of(AGREEMENT_TOML.replace('"2018-07"', '"2018-02-30"'))
            == "date: 30 is not a day of 2018-02"
        )

    def test_empty_citations(self) -> None:
        text = AGREEMENT_TOML.replace('citations = [{source = "s", quote = "q"}]', "citations = []")
        assert error_of(text) == "citations: must list at least one"

    def test_every_problem_is_reported(self) -> None:
        text = (
            AGREEMENT_TOML.replace('"signed"', '"signd"').replace('title = "Agreement"', "title = 1")
            + "x = 1\n"
        )
        assert error_of(text).splitlines() == [
            "title: expected text, got a whole number 1",
            "status: 'signd' is not a status; did you mean 'signed'?",
            "x: unknown key 'x'",
        ]

    def test_duplicate_weapon_class(self) -> None:
        text = '{"type": "weapons-term", "classes": ["heavy", "heavy"], "action": "retain"}'
        assert error_of(text, "json") == "classes[1]: 'heavy' is listed twice"

    def test_duplicate_id_in_a_registry(self) -> None:
        text = '{"actors": [{"id": "a", "name": "A", "kind": "state"}, {"id": "a", "name": "B", "kind": "state"}]}'
        assert error_of(text, "json") == "actors[1].id: duplicate id 'a'"

    def test_unparsable_text(self) -> None:
        assert error_of("id = ", "toml").startswith("not valid TOML: ")
        assert error_of("{", "json").startswith("not valid JSON: ")
        assert error_of("a: [", "yaml").startswith("not valid YAML: ")

    def test_top_level_must_be_a_table(self) -> None:
        assert error_of("[1, 2]", "json") == "expected a table at the top, got a list"

    def test_document_type(self) -> None:
        assert (
            error_of('type = "clauze"') == "type: 'clauze' is not a kind of document; did you mean 'clause'?"
        )
        assert error_of('type = "zzzz"').startswith(
            "type: 'zzzz' is not a kind of document; expected one of 'corpus'"
        )
        with pytest.raises(
            ag.InvalidDataError, match="expected a document of kind 'clause', got 'agreement'"
        ):
            ag.loads(AGREEMENT_TOML, "toml", cls=Clause)

    def test_dates_as_numbers_and_datetimes(self) -> None:
        assert error_of(AGREEMENT_TOML.replace('"2018-07"', "2018")) == (
            "date: expected a date as text like '2018-07', got a whole number 2018"
        )
        # A date and time is known to the minute at most.
        assert error_of(AGREEMENT_TOML.replace('"2018-07"', "2018-07-06T10:00:30")) == (
            "date: expected a date with a time to the minute, got '2018-07-06T10:00:30'"
        )
        assert error_of(AGREEMENT_TOML.replace('"2018-07"', "10:00:00")) == (
            "date: expected a date as text like '2018-07', got time datetime.time(10, 0)"
        )

    def test_booleans_and_numbers_are_strict(self) -> None:
        assert error_of(
            'type = "clause"\nid = "c"\ncategory = "siege"\nsummary = "s"\n'
            'citations = [{source = "s", quote = "q"}]\nquantity = {value = true, unit = "checkpoints"}'
        ) == ("quantity.value: expected a number, got true/false True")
        assert error_of(
            'type = "clause"\nid = "c"\ncategory = "siege"\nsummary = "s"\n'
            'citations = [{source = "s", quote = "q"}]\ncodes = [{scheme = "pax", variable = "CeProv", level = 1.5}]'
        ) == ("codes[0].level: expected a whole number, got a number 1.5")
        assert error_of('{"type": "citation", "source": "s", "quote": null}', "json") == (
            "quote: expected text, got null None"
        )
        assert error_of('{"type": "weapons-term", "classes": [1], "action": "retain"}', "json") == (
            "classes[0]: expected a weapon class as text (such as 'heavy', 'medium', 'light', 'small-arms');"
            " got a whole number 1"
        )

    def test_unquoted_toml_date_is_a_day(self) -> None:
        loaded = ag.loads(AGREEMENT_TOML.replace('"2018-07"', "2018-07-06"), "toml", cls=Agreement)
        assert loaded.date == PartialDate(year=2018, month=7, day=6)


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("obj", [CITE, CLAUSE, AGREEMENT, CORPUS], ids=lambda o: type(o).__name__)
    def test_examples(self, fmt: str, obj: ag.Citation | ag.Clause | ag.Agreement | ag.Corpus) -> None:
        text = ag.dumps(obj, fmt)
        assert ag.loads(text, fmt) == obj
        assert ag.dumps(ag.loads(text, fmt), fmt) == text

    def test_corpus_is_the_default_document(self) -> None:
        data = to_data(CORPUS)
        del data["type"]
        assert from_data(data) == CORPUS

    def test_weapon_classes_are_written_heaviest_first(self) -> None:
        assert json.loads(ag.dumps(CLAUSE, "json"))["weapons"]["classes"] == ["heavy", "medium"]

    def test_defaults_are_left_out(self) -> None:
        assert "modality" not in to_data(CLAUSE)
        assert "places" not in to_data(CLAUSE)

    def test_unknown_format(self) -> None:
        with pytest.raises(ValueError, match="'xml' is not a format; expected one of 'json', 'toml', 'yaml'"):
            ag.dumps(CITE, "xml")
        assert ag.dumps(CITE, ".YML") == ag.dumps(CITE, "yaml")

    def test_not_a_record(self) -> None:
        with pytest.raises(TypeError, match="cannot write 'str': not an agreements record"):
            ag.dumps("x", "json")  # type: ignore[arg-type]


class TestFiles:
    def test_dump_and_load(self, tmp_path: Path) -> None:
        for suffix in (".json", ".toml", ".yaml", ".yml"):
            path = tmp_path / f"corpus{suffix}"
            ag.dump(CORPUS, path)
            assert ag.load(path) == CORPUS
            assert ag.load(str(path), cls=Corpus) == CORPUS

    def test_errors_name_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "daraa.toml"
        path.write_text(AGREEMENT_TOML.replace('"signed"', '"signd"'), encoding="utf-8")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(path)
        assert str(caught.value) == f"{path}: status: 'signd' is not a status; did you mean 'signed'?"
        assert caught.value.file == str(path)
        assert caught.value.problems[0].path == "status"

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "latin.toml"
        path.write_bytes('title = "Dar\xe2a"'.encode("latin-1"))
        with pytest.raises(ag.InvalidDataError, match="not UTF-8 text"):
            ag.load(path)

    def test_format_for(self) -> None:
        assert format_for("x.TOML") == "toml"
        with pytest.raises(ValueError, match=r"cannot tell the format from '\.txt'"):
            format_for("notes.txt")
        with pytest.raises(ValueError, match="cannot tell the format from 'no suffix'"):
            format_for("README")

    def test_folder_merges_documents(self, tmp_path: Path) -> None:
        (tmp_path / "agreements").mkdir()
        ag.dump(Corpus(sources=CORPUS.sources, actors=CORPUS.actors), tmp_path / "registry.json")
        ag.dump(AGREEMENT, tmp_path / "agreements" / "a.toml")
        (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
        assert ag.load(tmp_path) == CORPUS
        with pytest.raises(TypeError, match="is a folder, which reads as a corpus, not a Agreement"):
            ag.load(tmp_path, cls=Agreement)

    def test_folder_reports_every_bad_file(self, tmp_path: Path) -> None:
        ag.dump(AGREEMENT, tmp_path / "a.toml")
        ag.dump(AGREEMENT, tmp_path / "b.json")
        ag.dump(CITE, tmp_path / "c.yaml")
        (tmp_path / "d.toml").write_text("x = 1", encoding="utf-8")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert str(caught.value).splitlines() == [
            f"{tmp_path / 'b.json'}: agreements: duplicate id 'a', also in {str(tmp_path / 'a.toml')!r}",
            f"{tmp_path / 'c.yaml'}: type: a corpus folder holds corpus, agreement and vocabulary documents",
            f"{tmp_path / 'd.toml'}: x: unknown key 'x'",
        ]

    def test_folder_with_one_bad_file(self, tmp_path: Path) -> None:
        (tmp_path / "d.toml").write_text("x = 1", encoding="utf-8")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert caught.value.file == str(tmp_path / "d.toml")


class TestSchema:
    def test_is_a_valid_draft_2020_12_schema(self) -> None:
        jsonschema.Draft202012Validator.check_schema(ag.schema())

    @pytest.mark.parametrize("obj", [CITE, CLAUSE, AGREEMENT, CORPUS], ids=lambda o: type(o).__name__)
    def test_dumps_validate(self, obj: ag.Citation | ag.Clause | ag.Agreement | ag.Corpus) -> None:
        jsonschema.Draft202012Validator(ag.schema()).validate(json.loads(ag.dumps(obj, "json")))

    def test_rejects_what_the_loader_rejects(self) -> None:
        validator = jsonschema.Draft202012Validator(ag.schema())
        data = to_data(AGREEMENT)
        for broken in (
            {**data, "status": "zzz"},
            {**data, "titel": "x"},
            {**data, "citations": []},
            {**data, "date": "2018-7"},
            {**data, "id": "A b"},
        ):
            assert not validator.is_valid(broken)

    def test_is_deterministic(self) -> None:
        assert json.dumps(ag.schema()) == json.dumps(ag.schema())


def test_yaml_is_imported_only_when_asked_for() -> None:
    code = "import agreements, sys; print(sorted(m for m in ('yaml', 'pandas', 'rich', 'hypothesis') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


class TestLoadChecks:
    """``load`` runs the clause-logic checks and locates each error in its file."""

    LATER = AGREEMENT_TOML.replace('id = "a"', 'id = "later"').replace('"2018-07"', '"2021"')

    def corpus_text(self) -> str:
        # Written in the file later-first, while the corpus orders agreements by date.
        later = self.LATER.replace('type = "agreement"\n', "").replace(
            'citations = [{source = "s", quote = "q"}]', 'citations = [{source = "nowhere", quote = "q"}]'
        )
        earlier = AGREEMENT_TOML.replace('type = "agreement"\n', "")
        sources = '[[sources]]\nid = "s"\ndocument = "s.txt"\ndescription = "d"\n'
        return sources + "\n[[agreements]]\n" + later + "\n[[agreements]]\n" + earlier

    def test_errors_point_into_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "mine.toml"
        path.write_text(self.corpus_text(), encoding="utf-8")
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(path)
        assert str(caught.value) == (
            f"{path}: agreements[0].citations[0].source: no source has the id 'nowhere'"
        )
        assert caught.value.problems[0].code == "dangling-reference"
        assert list(ag.load(path, cls=Corpus, check=False).agreements) == ["a", "later"]

    def test_registries_left_to_other_files_are_not_checked(self, tmp_path: Path) -> None:
        path = tmp_path / "a.toml"
        path.write_text(AGREEMENT_TOML, encoding="utf-8")
        assert ag.load(path) == ag.loads(AGREEMENT_TOML, "toml")

    def test_errors_in_a_folder_name_their_files(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text(AGREEMENT_TOML, encoding="utf-8")
        (tmp_path / "b.toml").write_text(
            '[[sources]]\nid = "other"\ndocument = "o.txt"\ndescription = "d"\n', encoding="utf-8"
        )
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert caught.value.file == str(tmp_path / "a.toml")
        assert [problem.path for problem in caught.value.problems] == ["citations[0].source"]

    def test_errors_in_several_files(self, tmp_path: Path) -> None:
        (tmp_path / "a.toml").write_text(AGREEMENT_TOML, encoding="utf-8")
        (tmp_path / "b.toml").write_text(self.LATER, encoding="utf-8")
        (tmp_path / "c.toml").write_text(
            '[[sources]]\nid = "other"\ndocument = "o.txt"\ndescription = "d"\n', encoding="utf-8"
        )
        with pytest.raises(ag.InvalidDataError) as caught:
            ag.load(tmp_path)
        assert caught.value.file is None
        assert [(problem.file, problem.path) for problem in caught.value.problems] == [
            (str(tmp_path / "a.toml"), "citations[0].source"),
            (str(tmp_path / "b.toml"), "citations[0].source"),
        ]
        assert str(caught.value).splitlines()[0].startswith(f"{tmp_path / 'a.toml'}: citations[0].source: ")


def test_import_pulls_in_no_network_or_heavy_modules() -> None:
    code = (
        "import agreements, sys; "
        "print(sorted(m for m in ('ssl', 'email', 'urllib.request', 'numpy', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
